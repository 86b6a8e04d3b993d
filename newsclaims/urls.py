from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from claims import views

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
    path("api/v1/", include("claims.api.urls")),  # REST API (issue 6)
    path("figures/", include("claims.figure_urls")),  # figure tracker pages (issue 7)
    path("ingest/", include("claims.ingest_urls")),  # ingest pages and feeds (issue 4)
    path("", include("claims.urls")),  # browsing, article, actor, review, editing pages (issue 5)
]
