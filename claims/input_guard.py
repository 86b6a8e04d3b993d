"""Hostile input answers 400 with a message, not a 500 from deep inside a query.

``InputGuardMiddleware`` refuses a NUL character anywhere in the query string (PostgreSQL
cannot take one in a text parameter), and turns ``BadInput`` raised by any parser below it
(a page cursor holding ``NaN``, a ``version`` that is not a number) into a 400 that names
the problem: JSON under ``/api/``, a short page elsewhere.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from decimal import Decimal, InvalidOperation

from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.html import escape

# Values a cursor or filter may hold: beyond this a Decimal cannot be stored or compared.
NUMBER_LIMIT = Decimal("1e30")


class BadInput(ValueError):
    """A request parameter that cannot be used; ``str()`` is shown to the caller."""

    def __init__(self, message: str, *, param: str = "") -> None:
        super().__init__(message)
        self.param = param


def finite_decimal(raw: str) -> Decimal:
    """``Decimal(raw)`` for a finite number of sensible size; ``BadInput`` for NaN, Infinity, 1e999999."""
    try:
        value = Decimal(raw)
    except (InvalidOperation, ValueError, TypeError):
        raise BadInput(f"{raw[:40]!r} is not a number") from None
    if not value.is_finite() or abs(value) >= NUMBER_LIMIT:
        raise BadInput(f"{raw[:40]!r} is not a finite number of sensible size")
    return value


def finite_float(raw: str) -> float:
    """``float(raw)`` when finite; ``BadInput`` otherwise."""
    try:
        value = float(raw)
    except (ValueError, TypeError):
        raise BadInput(f"{raw[:40]!r} is not a number") from None
    if not math.isfinite(value):
        raise BadInput(f"{raw[:40]!r} is not a finite number")
    return value


def version_number(raw: object) -> int | None:
    """An edit's ``version`` (the row version the editor saw): a whole number, or None when absent."""
    if raw is None or raw == "":
        return None
    try:
        return int(str(raw))
    except ValueError:
        raise BadInput(f"version must be a whole number, not {str(raw)[:40]!r}", param="version") from None


def _bad(request: HttpRequest, message: str, param: str = "", status: int = 400) -> HttpResponse:
    if request.path.startswith("/api/"):
        body: dict = {"message": message, "status": status}
        if param:
            body["errors"] = {param: [message]}
        return JsonResponse(body, status=status)
    return HttpResponse(
        f"<!doctype html><title>Bad request</title><h1>Bad request</h1><p>{escape(message)}</p>",
        status=status,
        content_type="text/html; charset=utf-8",
    )


class InputGuardMiddleware:
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
