"""Structured logs: one JSON line per request and per task when NEWSCLAIMS_LOG_FORMAT=json.

Named ``logs`` rather than ``logging`` so that no module in the tree shadows the standard library's.

Every request gets an id: the caller's X-Request-ID when it sends a sensible one (a proxy or load
balancer usually does), else a fresh one; the response carries it back in the same header, and
every log line written while the request runs carries it as ``request_id``. Task lines carry the
task's id. The request and task lines go to the ``newsclaims.request`` and ``newsclaims.task``
loggers, which settings.py turns on only with the JSON format (runserver and Celery already print
a line per request and task in the text format).
"""

from __future__ import annotations

import json
import logging
import re
import time
import uuid
from collections.abc import Callable
from contextvars import ContextVar, Token
from datetime import UTC, datetime
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.functional import empty

REQUEST_ID_HEADER = "X-Request-ID"
# What a request id from outside may look like: short, no spaces or control characters, so it
# cannot forge log lines or bloat them.
ACCEPTED_REQUEST_ID = re.compile(r"[A-Za-z0-9._:@/+=-]{1,128}")

request_id_var: ContextVar[str | None] = ContextVar("newsclaims_request_id", default=None)
task_id_var: ContextVar[str | None] = ContextVar("newsclaims_task_id", default=None)

request_logger = logging.getLogger("newsclaims.request")
task_logger = logging.getLogger("newsclaims.task")

# The attributes every LogRecord has; anything else on a record came in through `extra=`.
_RECORD_ATTRIBUTES = frozenset(vars(logging.LogRecord("", 0, "", 0, "", (), None))) | {"message", "asctime"}


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message, the `extra` fields and the current ids."""

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, tz=UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for key, value in vars(record).items():
            if key not in _RECORD_ATTRIBUTES and not key.startswith("_"):
                line[key] = value
        if "request_id" not in line and (request_id := request_id_var.get()):
            line["request_id"] = request_id
        if "task_id" not in line and (task_id := task_id_var.get()):
            line["task_id"] = task_id
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line, default=str, ensure_ascii=False)


def incoming_request_id(request: HttpRequest) -> str:
    """The caller's X-Request-ID if it is a plausible id, else a new random one."""
    offered = request.headers.get(REQUEST_ID_HEADER, "")
    if ACCEPTED_REQUEST_ID.fullmatch(offered):
        return offered
    return uuid.uuid4().hex


def _user_id(request: HttpRequest) -> int | None:
    """The signed-in user's id, only if something already loaded the user (a log line must not query)."""
    user = request.__dict__.get("user")
    if user is None:
        return None
    wrapped = getattr(user, "_wrapped", user)  # AuthenticationMiddleware's lazy object, or DRF's plain user
    if wrapped is empty or not getattr(wrapped, "is_authenticated", False):
        return None
    return wrapped.pk


class RequestLogMiddleware:
    """Gives each request an id (request.request_id and the response header) and logs one line for it.

    First in MIDDLEWARE, so the duration covers the whole stack and every later line has the id.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request_id = incoming_request_id(request)
        request.request_id = request_id  # type: ignore[attr-defined]
        token = request_id_var.set(request_id)
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            response[REQUEST_ID_HEADER] = request_id
            request_logger.info(
                "%s %s %s",
                request.method,
                request.path,
                response.status_code,
                extra={
                    "method": request.method,
                    "path": request.path,
                    "status": response.status_code,
                    "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                    "request_id": request_id,
                    "user_id": _user_id(request),
                },
            )
            return response
        finally:
            request_id_var.reset(token)


# --- Celery tasks: connected in newsclaims/celery.py ------------------------------------------
# id -> (start, the context token that restores the outer task id: an eager task runs inside a request)
_task_started: dict[str, tuple[float, Token[str | None]]] = {}


def task_started(task_id: str) -> None:
    _task_started[task_id] = (time.perf_counter(), task_id_var.set(task_id))


def task_finished(*, task_id: str, task_name: str, state: str | None) -> None:
    started, token = _task_started.pop(task_id, (None, None))
    duration_ms = round((time.perf_counter() - started) * 1000, 1) if started is not None else None
    task_logger.info(
        "%s %s %s",
        task_name,
        task_id,
        state,
        extra={"task_name": task_name, "task_id": task_id, "state": state, "duration_ms": duration_ms},
    )
    if token is not None:
        task_id_var.reset(token)
