"""Anonymous visitors see the login page only, unless NEWSCLAIMS_PUBLIC_READ opens read access."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse, JsonResponse

# /follow/feed/: a subscription's Atom feed, whose secret token in the URL is the credential.
OPEN_PREFIXES = ("/accounts/login/", "/static/", "/admin/", "/healthz", "/follow/feed/")


class LoginRequiredUnlessPublicMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        path = request.path
        if (
            request.user.is_authenticated
            or settings.NEWSCLAIMS_PUBLIC_READ
            or path.startswith(OPEN_PREFIXES)
            # The API authenticates its own way (session or token) and answers JSON.
            or path.startswith("/api/")
        ):
            return self.get_response(request)
        if request.htmx:  # type: ignore[attr-defined]  (django_htmx.middleware.HtmxMiddleware)
            return JsonResponse({"detail": "Log in first."}, status=401)
        return redirect_to_login(request.get_full_path())
