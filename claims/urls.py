"""Page routes of the claims app (the API lives under claims/api/)."""

from django.urls import path

from .views import actors, articles, browse, review

urlpatterns = [
    path("claims/", browse.claims_browser, name="claims"),
    path("claims/export.<str:fmt>", browse.claims_export, name="claims-export"),
    path("quotes/", browse.quotes_browser, name="quotes"),
    path("quotes/export.<str:fmt>", browse.quotes_export, name="quotes-export"),
    path("articles/<int:pk>/", articles.article_detail, name="article"),
    path("articles/<int:pk>/add/<str:kind>/", review.item_add, name="item-add"),
    path("actors/<int:pk>/", actors.actor_detail, name="actor"),
    path("actors/<int:pk>/edit/", actors.actor_edit, name="actor-edit"),
    path("actors/<int:pk>/aliases/", actors.actor_alias, name="actor-alias"),
    path("actors/<int:pk>/merge/", actors.actor_merge, name="actor-merge"),
    path("review/", review.review_queue, name="review"),
    path("items/<str:kind>/<int:pk>/edit/", review.item_edit, name="item-edit"),
    path("items/<str:kind>/<int:pk>/history/", review.item_history, name="item-history"),
    path("items/<str:kind>/<int:pk>/<str:action>/", review.item_action, name="item-action"),
]

# Issue 18: accuracy from editors' decisions, quote drift (statements), following.
from .follow_urls import urlpatterns as follow_urlpatterns  # noqa: E402

urlpatterns += follow_urlpatterns
