"""Shared fixtures: users by role, a live Celery worker for the tests that need one, and (imported)
the hand-built corpus, figure claims and the local HTTP server of the ingest tests."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.corpus import corpus, make_claim  # noqa: F401  (fixtures)
from tests.webserver import second_web, web  # noqa: F401  (fixtures)

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def editor(db):
    from tests.factories import UserFactory

    return UserFactory(username="ed", role="editor")


@pytest.fixture
def journalist(db):
    from tests.factories import UserFactory

    return UserFactory(username="jo", role="journalist")


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def journalist_client(client, journalist):
    client.force_login(journalist)
    return client


@pytest.fixture(autouse=True)
def _celery_mode(request):
    """Tasks run in process unless the test asks for a real worker."""
    from newsclaims.celery import app

    eager = request.node.get_closest_marker("celery_worker") is None
    previous = app.conf.task_always_eager
    app.conf.task_always_eager = eager or not os.environ.get("REDIS_URL")
    yield
    app.conf.task_always_eager = previous


def _database_url_for_tests() -> str:
    from django.db import connection

    s = connection.settings_dict
    if s["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{s['NAME']}"
    auth = s["USER"] or ""
    if s.get("PASSWORD"):
        auth += f":{s['PASSWORD']}"
    return f"postgres://{auth}@{s['HOST'] or 'localhost'}:{s['PORT'] or 5432}/{s['NAME']}"


def start_worker(queues: str = "default,fetch,extract", concurrency: int = 2) -> subprocess.Popen:
    """Start a real Celery worker process on the test database; returns once it answers a ping."""
    from newsclaims.celery import app

    env = {**os.environ, "DATABASE_URL": _database_url_for_tests(), "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "newsclaims",
            "worker",
            "-Q",
            queues,
            f"--concurrency={concurrency}",
            "--loglevel=WARNING",
            "--without-gossip",
            "--without-mingle",
            "-n",
            f"test-{os.getpid()}-{time.monotonic_ns()}@%h",
        ],
        cwd=ROOT,
        env=env,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"the Celery worker exited with {proc.returncode} while starting")
        replies = app.control.ping(timeout=1.0)
        if replies:
            return proc
    proc.kill()
    raise RuntimeError("the Celery worker did not answer a ping within 60 s")


def stop_worker(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


@pytest.fixture
def celery_worker(transactional_db, request):
    """A real worker over the real broker. Needs REDIS_URL (CI sets it); skipped otherwise."""
    if not os.environ.get("REDIS_URL"):
        pytest.skip("needs REDIS_URL and a real broker (run through .ci/run)")
    from newsclaims.celery import app

    app.control.purge()
    proc = start_worker()
    yield proc
    stop_worker(proc)


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Page counts and figure charts are cached; each test starts from an empty cache."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
