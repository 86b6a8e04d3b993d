"""A Redis cache whose outages are misses: pages and the API keep answering with Redis down.

Everything this project caches can be recomputed (page counts, chart drawings, the figure
refresh debounce, API throttle histories), so a connection error is logged (once a minute at
most, per process) and treated as a miss: ``get`` returns the default, ``set``/``add`` store
nothing and ``add`` says it did not add. API throttles therefore fail open while Redis is away.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

log = logging.getLogger(__name__)

OUTAGE = (RedisConnectionError, RedisTimeoutError, OSError)
_LOG_EVERY = 60.0


class ForgivingRedisCache(RedisCache):
    _last_logged = 0.0

    def __init__(self, server: str, params: dict[str, Any]) -> None:
        options = params.setdefault("OPTIONS", {})
        options.setdefault("socket_connect_timeout", 0.5)  # a missing server costs half a second, once
        options.setdefault("socket_timeout", 1.0)
        super().__init__(server, params)

    def _outage(self, operation: str, exc: Exception) -> None:
        now = time.monotonic()
        if now - ForgivingRedisCache._last_logged >= _LOG_EVERY:
            ForgivingRedisCache._last_logged = now
            log.warning(
                "cache unavailable (%s: %s): serving without it; API throttles are open until it is back",
                operation,
                exc,
            )

    def get(self, key: Any, default: Any = None, version: int | None = None) -> Any:
        try:
            return super().get(key, default, version)
        except OUTAGE as exc:
            self._outage("get", exc)
            return default

    def get_many(self, keys: Any, version: int | None = None) -> dict[Any, Any]:
        try:
            return super().get_many(keys, version)
        except OUTAGE as exc:
            self._outage("get_many", exc)
            return {}

    def has_key(self, key: Any, version: int | None = None) -> bool:
        try:
            return super().has_key(key, version)
        except OUTAGE as exc:
            self._outage("has_key", exc)
            return False

    def add(self, key: Any, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None) -> bool:
        try:
            return super().add(key, value, timeout, version)
        except OUTAGE as exc:
            self._outage("add", exc)
            return False

    def set(self, key: Any, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None) -> None:
        try:
            super().set(key, value, timeout, version)
        except OUTAGE as exc:
            self._outage("set", exc)

    def set_many(self, data: dict[Any, Any], timeout: Any = DEFAULT_TIMEOUT, version: int | None = None) -> list[Any]:
        try:
            return super().set_many(data, timeout, version)
        except OUTAGE as exc:
            self._outage("set_many", exc)
            return list(data)

    def touch(self, key: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None) -> bool:
        try:
            return super().touch(key, timeout, version)
        except OUTAGE as exc:
            self._outage("touch", exc)
            return False

    def delete(self, key: Any, version: int | None = None) -> bool:
        try:
            return super().delete(key, version)
        except OUTAGE as exc:
            self._outage("delete", exc)
            return False

    def delete_many(self, keys: Any, version: int | None = None) -> None:
        try:
            super().delete_many(keys, version)
        except OUTAGE as exc:
            self._outage("delete_many", exc)

    def incr(self, key: Any, delta: int = 1, version: int | None = None) -> int:
        try:
            return super().incr(key, delta, version)
        except OUTAGE as exc:
            self._outage("incr", exc)
            raise ValueError(f"Key {key!r} not found (the cache is unavailable)") from exc

    def clear(self) -> None:
        try:
            super().clear()
        except OUTAGE as exc:
            self._outage("clear", exc)

    def ping(self) -> None:
        """Raise if the server does not answer (used by ``/readyz``, which must see the outage)."""
        self._cache.get_client(write=True).ping()  # type: ignore[attr-defined]  # RedisCache's client: not in django-stubs
