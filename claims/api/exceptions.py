"""Errors are JSON: ``{"message": ..., "errors": {field: [...]}}``, never an HTML page."""

from __future__ import annotations

import logging
from typing import Any

from django.core.exceptions import RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import HttpRequest, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from rest_framework import exceptions, status
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import exception_handler

from ..input_guard import BadInput

log = logging.getLogger(__name__)


class Conflict(exceptions.APIException):
    """The item changed since the client read it: the body carries the current state."""

    status_code = status.HTTP_409_CONFLICT
    default_detail = "This item was changed by someone else: reload it and apply your change again."
    default_code = "conflict"

    def __init__(self, current: dict, detail: str | None = None) -> None:
        super().__init__(detail)
        self.current = current


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


def _answer_in_json(context: dict) -> None:
    """Errors are JSON whatever format was asked for (``?format=csv`` included)."""
    request = context.get("request")
    if request is not None:
        request.accepted_renderer = JSONRenderer()
        request.accepted_media_type = "application/json"


def api_exception_handler(exc: Exception, context: dict) -> Response:
    _answer_in_json(context)
    if isinstance(exc, DjangoValidationError):
        errors = exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        exc = exceptions.ValidationError(errors)
    if isinstance(exc, RequestDataTooBig):  # over DATA_UPLOAD_MAX_MEMORY_SIZE: the caller's doing, not ours
        exc = exceptions.APIException("The request body is too large: it is over the upload limit.")
        exc.status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    if isinstance(exc, BadInput):
        exc = exceptions.ValidationError({exc.param or "non_field_errors": [str(exc)]})
    response = exception_handler(exc, context)
    if response is None:
        view = context.get("view")
        log.exception("API error in %s", type(view).__name__ if view else "?", exc_info=exc)
        return Response(
            {"message": "Server error: the request could not be completed.", "status": 500},
            status=status.HTTP_500_INTERNAL_SERVER_ERROR,
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
    body["status"] = response.status_code
    if isinstance(exc, Conflict):
        body["current"] = exc.current
    if isinstance(exc, exceptions.Throttled):
        wait = exc.wait  # type: ignore[attr-defined]  # Throttled.__init__ sets it; the stubs omit it
        if wait is not None:
            body["retry_after"] = int(wait + 0.999)
    response.data = body
    return response


@csrf_exempt  # a 404 is a 404 whatever the method: never Django's HTML CSRF page
def json_not_found(request: HttpRequest, *args: Any, **kwargs: Any) -> JsonResponse:
    return JsonResponse({"message": f"No API endpoint at {request.path}.", "status": 404}, status=404)


def json_server_error(request: HttpRequest, *args: Any, **kwargs: Any) -> JsonResponse:
    return JsonResponse({"message": "Server error: the request could not be completed.", "status": 500}, status=500)
