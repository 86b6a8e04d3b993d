"""Page routes of issue 18: the accuracy page, statements (quote drift), subscriptions and feeds."""

from django.urls import path

from .views import accuracy

urlpatterns = [
    path("accuracy/", accuracy.accuracy_page, name="accuracy"),
]
