"""Settings come from the environment and fail loudly on bad values."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def run_check(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    # A fresh process as a deployment would start it: no settings from this test run leak in
    # (the browser tests set DJANGO_ALLOW_ASYNC_UNSAFE for Playwright's event loop, say).
    ours = {"SECRET_KEY", "DEBUG", "DATABASE_URL", "REDIS_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    clean = {k: v for k, v in os.environ.items() if k not in ours}
    return subprocess.run(
        [sys.executable, "manage.py", "check", *args], cwd=ROOT, env={**clean, **env}, capture_output=True, text=True
    )


def test_it_refuses_to_start_without_a_secret_key_when_debug_is_off():
    proc = run_check({"DEBUG": "0", "ALLOWED_HOSTS": "news.example"})
    assert proc.returncode != 0
    assert "SECRET_KEY is not set" in proc.stderr


def test_it_names_the_variable_holding_a_bad_boolean():
    proc = run_check({"DEBUG": "perhaps"})
    assert proc.returncode != 0
    assert "DEBUG='perhaps' is not a boolean" in proc.stderr


def test_it_passes_the_deployment_checks_with_production_variables():
    proc = run_check(
        {"DEBUG": "0", "SECRET_KEY": "k" * 30 + "Zq9!x" * 10, "ALLOWED_HOSTS": "news.example"},
        "--deploy",
        "--fail-level",
        "WARNING",
    )
    assert proc.returncode == 0, proc.stderr + proc.stdout
    assert "no issues" in proc.stdout


def test_it_runs_tasks_in_process_without_redis():
    from django.conf import settings

    if not os.environ.get("REDIS_URL"):
        assert settings.CELERY_TASK_ALWAYS_EAGER is True
    else:
        assert os.environ["REDIS_URL"] == settings.CELERY_BROKER_URL


def test_it_names_a_cache_url_that_is_not_redis():
    proc = run_check({"NEWSCLAIMS_CACHE_URL": "memcached://127.0.0.1:11211"})
    assert proc.returncode != 0
    assert "NEWSCLAIMS_CACHE_URL='memcached://127.0.0.1:11211' is not a redis:// URL" in proc.stderr


@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs a Redis server (run through .ci/run)")
def test_a_redis_cache_url_shares_the_figure_refresh_debounce_between_processes():
    """Two processes (a web server and a worker, say) see one another's debounce marks."""
    cache_url = os.environ["REDIS_URL"].rsplit("/", 1)[0] + "/14"
    key = f"newsclaims:test:{os.getpid()}"
    code = f"from django.core.cache import cache; print(cache.add({key!r}, 1, timeout=30))"
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env["NEWSCLAIMS_CACHE_URL"] = cache_url
    runs = [
        subprocess.run(
            [sys.executable, "manage.py", "shell", "-c", code], cwd=ROOT, env=env, capture_output=True, text=True
        )
        for _ in range(2)
    ]
    assert [r.stdout.split()[-1] for r in runs] == ["True", "False"], [r.stderr for r in runs]


def test_it_names_an_unknown_log_format():
    proc = run_check({"NEWSCLAIMS_LOG_FORMAT": "xml"})
    assert proc.returncode != 0
    assert "NEWSCLAIMS_LOG_FORMAT='xml' is not one of: text, json" in proc.stderr
