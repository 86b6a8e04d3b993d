"""``/readyz``: can this process serve? The database, the cache and the broker, each with its status.

``/healthz`` stays a liveness check (the process answers); a load balancer or orchestrator
routes traffic by this one, which answers 503 when any dependency is down.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, JsonResponse


def _database() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return "ok"


def _cache() -> str:
    ping = getattr(cache, "ping", None)
    if ping is None:
        return "ok (in-process cache)"
    ping()
    return "ok"


def _broker() -> str:
    from newsclaims.celery import app

    if app.conf.task_always_eager:
        return "ok (tasks run in process)"
    with app.connection_for_write() as conn:
        conn.ensure_connection(max_retries=1, timeout=2)
    return "ok"


CHECKS: dict[str, Callable[[], str]] = {"database": _database, "cache": _cache, "broker": _broker}


def readyz(request: HttpRequest) -> JsonResponse:
    checks: dict[str, dict] = {}
    for name, check in CHECKS.items():
        started = time.perf_counter()
        try:
            checks[name] = {"status": check()}
        except Exception as exc:  # any failure is "not ready", with the reason for the operator
            checks[name] = {"status": "down", "error": f"{type(exc).__name__}: {exc}"[:300]}
        checks[name]["ms"] = round((time.perf_counter() - started) * 1000, 1)
    ready = all(not c["status"].startswith("down") for c in checks.values())
    body = {"ready": ready, "checks": checks}
    if settings.DEBUG is False:
        for entry in checks.values():  # the reasons may name hosts: keep them to the logs in production
            entry.pop("error", None)
    return JsonResponse(body, status=200 if ready else 503)
