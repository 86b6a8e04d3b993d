"""Rate limits: per API token, else per user, else per client address. 429 carries Retry-After."""

from __future__ import annotations

from typing import Any

from rest_framework.request import Request
from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle

from ..models import ApiToken


class _LiveRateThrottle(SimpleRateThrottle):
    """Reads the rate from the settings at request time, so an override takes effect at once."""

    def __init__(self) -> None:
        self.rate = self.get_rate()
        self.num_requests, self.duration = self.parse_rate(self.rate)

    def get_rate(self) -> str | None:
        if self.scope is None:
            return None
        # The rates are "N/period" strings; the stubs type DEFAULT_THROTTLE_RATES's values as numbers.
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)  # type: ignore[return-value]


class TokenRateThrottle(_LiveRateThrottle):
    """One bucket per API token (scope ``token``)."""

    scope = "token"

    def get_cache_key(self, request: Request, view: Any) -> str | None:
        if isinstance(request.auth, ApiToken):
            return self.cache_format % {"scope": self.scope, "ident": request.auth.pk}
        return None


class SessionUserRateThrottle(_LiveRateThrottle):
    """One bucket per logged-in browser user (scope ``user``); token calls are counted above."""

    scope = "user"

    def get_cache_key(self, request: Request, view: Any) -> str | None:
        if isinstance(request.auth, ApiToken) or not request.user.is_authenticated:
            return None
        return self.cache_format % {"scope": self.scope, "ident": request.user.pk}


class AnonRateThrottle(_LiveRateThrottle):
    """One bucket per client address for anonymous calls (scope ``anon``)."""

    scope = "anon"

    def get_cache_key(self, request: Request, view: Any) -> str | None:
        if request.user.is_authenticated:
            return None
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}
