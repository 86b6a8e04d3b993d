"""Anonymous visitors see the login page only, unless NEWSCLAIMS_PUBLIC_READ opens read access."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import RequestDataTooBig
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.html import escape

from .lib.input_guard import BadInput

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


def _bad(request: HttpRequest, message: str, param: str = "", status: int = 400) -> HttpResponse:
    if request.path.startswith("/api/"):  # the API's own error shape: RFC 9457 problem details
        from .api.exceptions import PROBLEM, problem

        extensions = {"errors": {param: [message]}} if param else {}
        body = problem(status, message, request.path, **extensions)
        return JsonResponse(body, status=status, content_type=PROBLEM)
    return HttpResponse(
        f"<!doctype html><title>Bad request</title><h1>Bad request</h1><p>{escape(message)}</p>",
        status=status,
        content_type="text/html; charset=utf-8",
    )


class InputGuardMiddleware:
    """Hostile input answers 400 with a message: a NUL anywhere in the query string (PostgreSQL
    cannot take one in a text parameter), and ``BadInput`` raised by any parser below it (a page
    cursor holding ``NaN``, a ``version`` that is not a number): JSON under ``/api/``, a short page
    elsewhere."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        for key, values in request.GET.lists():
            if "\x00" in key or any("\x00" in value for value in values):
                return _bad(request, f"The parameter {key.replace(chr(0), '')!r} contains a NUL character.", key)
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, BadInput):
            return _bad(request, str(exception), exception.param)
        if isinstance(exception, RequestDataTooBig):
            return _bad(request, "The request body is too large: it is over the upload limit.", status=413)
        return None
