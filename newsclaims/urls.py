from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from claims import views
from claims.views.ready import readyz

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("readyz", readyz, name="readyz"),  # database, cache and broker, each with its status
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
    path("api/v1/", include("claims.api.urls")),  # REST API (issue 6)
    path("figures/", include("claims.figure_urls")),  # figure tracker pages (issue 7)
    path("ingest/", include("claims.ingest_urls")),  # ingest pages and feeds (issue 4)
    path("", include("claims.urls")),  # browsing, article, actor, review, editing pages (issue 5)
]


# Django looks these two names up on the root URLconf.
def handler404(request, exception):
    """API paths answer JSON, pages answer the HTML page."""
    if request.path.startswith("/api/"):
        from claims.api.exceptions import json_not_found

        return json_not_found(request)
    from django.views.defaults import page_not_found

    return page_not_found(request, exception)


def handler500(request):
    if request.path.startswith("/api/"):
        from claims.api.exceptions import json_server_error

        return json_server_error(request)
    from django.views.defaults import server_error

    return server_error(request)
