"""Ingest pages (issue 4), mounted at /ingest/."""

from django.urls import path

from . import views_ingest

urlpatterns = [
    path("", views_ingest.ingest_home, name="ingest"),
    path("jobs/<int:pk>/", views_ingest.ingest_job, name="ingest-job"),
    path("feeds/", views_ingest.ingest_feeds, name="ingest-feeds"),
    path("feeds/<int:pk>/<str:action>/", views_ingest.ingest_feed_action, name="ingest-feed-action"),
]
