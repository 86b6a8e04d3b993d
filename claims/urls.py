"""Page routes of the claims app (the API lives under claims/api/)."""

from django.urls import path  # noqa: F401

urlpatterns: list = []
