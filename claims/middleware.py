"""Anonymous visitors see the login page only, unless NEWSCLAIMS_PUBLIC_READ opens read access."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

if TYPE_CHECKING:
    from .views.common import HtmxHttpRequest

# /follow/feed/: a subscription's Atom feed, whose secret token in the URL is the credential.
OPEN_PREFIXES = ("/accounts/login/", "/static/", "/admin/", "/healthz", "/readyz", "/follow/feed/")


class LoginRequiredUnlessPublicMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HtmxHttpRequest) -> HttpResponse:
        path = request.path
        if (
            request.user.is_authenticated
            or settings.NEWSCLAIMS_PUBLIC_READ
            or path.startswith(OPEN_PREFIXES)
            # The API authenticates its own way (session or token) and answers JSON.
            or path.startswith("/api/")
        ):
            return self.get_response(request)
        if request.htmx:
            return JsonResponse({"detail": "Log in first."}, status=401)
        return redirect_to_login(request.get_full_path())


class NotFoundPageMiddleware:
    """A page that is not there answers the site's 404 page with DEBUG on too (Django's debug
    404 lists the URL patterns instead). With DEBUG off Django's handler404 does this already;
    the API keeps its JSON answers."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def _page(self, request: HttpRequest) -> HttpResponse:
        return render(request, "404.html", {"request_path": request.path}, status=404)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            settings.DEBUG
            and response.status_code == 404
            and getattr(request, "resolver_match", None) is None
            and not request.path.startswith("/api/")
        ):
            return self._page(request)
        return response

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if settings.DEBUG and isinstance(exception, Http404) and not request.path.startswith("/api/"):
            return self._page(request)
        return None


class NoStoreWhenSignedInMiddleware:
    """``Cache-Control: no-store`` on every answer to a signed-in user or an API token: pages show
    unpublished work and the token page shows a new key once, so no browser or proxy may keep them."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        signed_in = request.user.is_authenticated or "Authorization" in request.headers
        if signed_in and not request.path.startswith("/static/"):
            response["Cache-Control"] = "no-store, private"
        return response
