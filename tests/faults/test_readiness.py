"""Redis down: reads keep working without the cache; /healthz stays 200; /readyz says what is down."""

from __future__ import annotations

import logging
import shutil

import pytest
from django.core.cache import cache
from django.db import OperationalError

from claims.views import ready
from newsclaims.celery import app
from tests.factories import NumericClaimFactory, QuoteFactory
from tests.faults.servers import redis_server

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(shutil.which("redis-server") is None, reason="needs redis-server installed"),
]


@pytest.fixture
def redis_cache(settings):
    with redis_server() as server:
        settings.CACHES = {"default": {"BACKEND": "claims.lib.cache.ForgivingRedisCache", "LOCATION": server.url}}
        yield server


@pytest.fixture
def rows(db):
    claim = NumericClaimFactory()
    QuoteFactory(article=claim.article)
    return claim


def test_ready_when_everything_answers(client, redis_cache):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json()["ready"] is True
    assert response.json()["checks"]["cache"]["status"] == "ok"
    assert response.json()["checks"]["database"]["status"] == "ok"


def test_with_redis_stopped_pages_and_the_api_still_answer(editor_client, rows, redis_cache, caplog):
    cache.set("probe", 1)
    assert cache.get("probe") == 1
    redis_cache.stop()
    with caplog.at_level(logging.WARNING, logger="claims.lib.cache"):
        assert editor_client.get("/claims/").status_code == 200
        assert editor_client.get("/quotes/").status_code == 200
        assert editor_client.get("/api/v1/claims/").status_code == 200  # throttled through the cache: open
    assert editor_client.get("/healthz").status_code == 200
    assert cache.get("probe") is None  # a miss, not an error
    assert cache.add("other", 1) is False


def test_readyz_is_503_naming_the_cache_when_redis_is_down(client, redis_cache):
    redis_cache.stop()
    response = client.get("/readyz")
    assert response.status_code == 503
    checks = response.json()["checks"]
    assert checks["cache"]["status"] == "down"
    assert checks["database"]["status"] == "ok"


def test_readyz_is_503_naming_the_broker_when_it_is_down(client, redis_cache, monkeypatch):
    url = redis_cache.url
    redis_cache.stop()
    monkeypatch.setattr(app.conf, "task_always_eager", False)
    monkeypatch.setattr(app.conf, "broker_url", url)
    monkeypatch.setattr(app.conf, "broker_connection_timeout", 1)
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["broker"]["status"] == "down"


def test_readyz_is_503_naming_the_database_when_it_is_down(client, monkeypatch):
    def refused() -> str:
        raise OperationalError("connection to server at 127.0.0.1, port 55432 failed: Connection refused")

    monkeypatch.setitem(ready.CHECKS, "database", refused)
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["database"]["status"] == "down"
    assert response.json()["checks"]["cache"]["status"].startswith("ok")
