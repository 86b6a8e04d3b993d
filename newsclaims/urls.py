from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

urlpatterns = [
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
    path("api/v1/", include("claims.api.urls")),  # the REST API, its schema and docs
    path("", include("claims.urls")),  # every page
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
