"""Errors are RFC 9457 problem details (``application/problem+json``), never an HTML page.

The standard members (``type``, ``title``, ``status``, ``detail``, ``instance``) come with the
fields clients already read as extensions: ``message``, ``errors`` {field: [...]}, ``current``
(409), ``conflicts`` (bulk 409), ``retry_after`` (429).
"""

from __future__ import annotations

import logging
from http import HTTPStatus
from typing import Any

from django.core.exceptions import RequestDataTooBig, SuspiciousOperation, TooManyFieldsSent
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import DataError
from django.http import HttpRequest, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from rest_framework import exceptions, status
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import exception_handler

from ..lib.input_guard import BadInput

log = logging.getLogger(__name__)


class Conflict(exceptions.APIException):
    """The item changed since the client read it: the body carries the current state."""

    status_code = status.HTTP_409_CONFLICT
    default_detail = "This item was changed by someone else: reload it and apply your change again."
    default_code = "conflict"

    def __init__(self, current: dict, detail: str | None = None, conflicts: list[dict] | None = None) -> None:
        super().__init__(detail)
        self.current = current
        self.conflicts = conflicts  # a bulk change: each stale item with its current state


def _message(detail: Any) -> str:
    if isinstance(detail, list) and detail:
        return _message(detail[0])
    if isinstance(detail, dict) and detail:
        return _message(next(iter(detail.values())))
    return str(detail)


def _field_errors(detail: Any) -> dict:
    if isinstance(detail, dict):
        return detail
    if isinstance(detail, list):
        return {"non_field_errors": detail}
    return {}


PROBLEM = "application/problem+json"


class ProblemJSONRenderer(JSONRenderer):
    media_type = PROBLEM
    format = "problem"


def problem(status_code: int, message: str, path: str = "", **extensions: Any) -> dict[str, Any]:
    """A problem-details body; ``message`` is ``detail`` under its older name."""
    body: dict[str, Any] = {
        "type": "about:blank",
        "title": HTTPStatus(status_code).phrase,
        "status": status_code,
        "detail": message,
        "message": message,
    }
    if path:
        body["instance"] = path
    body.update(extensions)
    return body


def _answer_as_problem(context: dict) -> None:
    """Errors are problem JSON whatever format was asked for (``?format=csv`` included)."""
    request = context.get("request")
    if request is not None:
        request.accepted_renderer = ProblemJSONRenderer()
        request.accepted_media_type = PROBLEM


def _hostile(exc: Exception) -> exceptions.ValidationError | None:
    """Input the framework refuses below DRF (too many fields, too big a body, a value the
    database cannot hold) is the caller's error: a 400 naming what was wrong."""
    if isinstance(exc, TooManyFieldsSent):
        return exceptions.ValidationError({"non_field_errors": ["Too many fields: at most 1,000 are read."]})
    if isinstance(exc, RequestDataTooBig):
        return exceptions.ValidationError({"non_field_errors": ["The request body is too large (2.5 MB at most)."]})
    if isinstance(exc, SuspiciousOperation):
        return exceptions.ValidationError({"non_field_errors": ["The request could not be read."]})
    if isinstance(exc, DataError):
        log.warning("database refused a value: %s", exc)
        return exceptions.ValidationError({"non_field_errors": ["A value is out of range or not allowed."]})
    return None


def api_exception_handler(exc: Exception, context: dict) -> Response:
    _answer_as_problem(context)
    request = context.get("request")
    path = request.path if request is not None else ""
    if isinstance(exc, DjangoValidationError):
        errors = exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        exc = exceptions.ValidationError(errors)
    if isinstance(exc, BadInput):
        exc = exceptions.ValidationError({exc.param or "non_field_errors": [str(exc)]})
    exc = _hostile(exc) or exc
    response = exception_handler(exc, context)
    if response is None:
        view = context.get("view")
        log.exception("API error in %s", type(view).__name__ if view else "?", exc_info=exc)
        return Response(
            problem(500, "Server error: the request could not be completed.", path),
            status=status.HTTP_500_INTERNAL_SERVER_ERROR,
            content_type=PROBLEM,
        )
    detail = response.data if isinstance(response.data, list | dict) else {"detail": response.data}
    if isinstance(exc, exceptions.ValidationError):
        body: dict[str, Any] = {
            "message": "Invalid input: " + _message(detail),
            "errors": _field_errors(detail),
        }
        if isinstance(detail, dict) and detail and all(k != "non_field_errors" for k in detail):
            body["message"] = "Invalid input in " + ", ".join(sorted(detail)) + ": " + _message(detail)
    else:
        body = {
            "message": str(detail.get("detail", _message(detail))) if isinstance(detail, dict) else _message(detail)
        }
    extensions = {k: v for k, v in body.items() if k != "message"}
    if isinstance(exc, Conflict):
        if getattr(exc, "conflicts", None) is not None:
            extensions["conflicts"] = exc.conflicts
        else:
            extensions["current"] = exc.current
    wait = exc.wait if isinstance(exc, exceptions.Throttled) else None  # type: ignore[attr-defined]  # set by Throttled.__init__, not in the stubs
    if wait is not None:
        extensions["retry_after"] = int(wait + 0.999)
    response.data = problem(response.status_code, body["message"], path, **extensions)
    response.content_type = PROBLEM
    return response


@csrf_exempt  # a 404 is a 404 whatever the method: never Django's HTML CSRF page
def json_not_found(request: HttpRequest, *args: Any, **kwargs: Any) -> JsonResponse:
    body = problem(404, f"No API endpoint at {request.path}.", request.path)
    return JsonResponse(body, status=404, content_type=PROBLEM)


def json_server_error(request: HttpRequest, *args: Any, **kwargs: Any) -> JsonResponse:
    body = problem(500, "Server error: the request could not be completed.", request.path)
    return JsonResponse(body, status=500, content_type=PROBLEM)
