"""Structured logs: a request id on every request, one JSON line per request and per task."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest

from newsclaims.celery import app
from newsclaims.logs import JsonFormatter, request_id_var

ROOT = Path(__file__).resolve().parent.parent


@app.task(name="tests.logging_probe")
def probe(fail: bool = False) -> int:
    if fail:
        raise ValueError("the probe was asked to fail")
    return 7


@pytest.fixture
def request_lines(caplog):
    caplog.set_level(logging.INFO, logger="newsclaims.request")
    return lambda: [r for r in caplog.records if r.name == "newsclaims.request"]


@pytest.fixture
def task_lines(caplog):
    caplog.set_level(logging.INFO, logger="newsclaims.task")
    return lambda: [r for r in caplog.records if r.name == "newsclaims.task"]


@pytest.mark.django_db
def test_it_logs_one_line_per_request_with_its_id_in_the_response_header(client, request_lines):
    response = client.get("/healthz")

    [line] = request_lines()
    assert (line.method, line.path, line.status) == ("GET", "/healthz", 200)
    assert isinstance(line.duration_ms, float) and line.duration_ms >= 0
    assert line.user_id is None
    assert len(line.request_id) == 32 and response["X-Request-ID"] == line.request_id


@pytest.mark.django_db
def test_it_keeps_the_request_id_the_caller_sent(client, request_lines):
    response = client.get("/healthz", headers={"X-Request-ID": "lb-7f3a.19"})

    assert response["X-Request-ID"] == "lb-7f3a.19"
    assert request_lines()[0].request_id == "lb-7f3a.19"


@pytest.mark.django_db
@pytest.mark.parametrize("offered", ["two words", "x" * 129, "", "forged\nline"])
def test_it_replaces_a_request_id_that_could_not_be_one(client, request_lines, offered):
    response = client.get("/healthz", headers={"X-Request-ID": offered})

    assert response["X-Request-ID"] != offered
    assert len(response["X-Request-ID"]) == 32


def test_it_gives_two_requests_two_ids(client, request_lines, db):
    first = client.get("/healthz")["X-Request-ID"]
    second = client.get("/healthz")["X-Request-ID"]
    assert first != second


def test_it_names_the_signed_in_user_and_the_real_status(editor_client, editor, request_lines):
    editor_client.get("/no-such-page-here/")

    [line] = request_lines()
    assert line.user_id == editor.pk
    assert line.status == 404


@pytest.mark.django_db
def test_it_records_a_redirect_for_an_anonymous_visitor_without_a_user(client, request_lines, settings):
    settings.NEWSCLAIMS_PUBLIC_READ = False
    client.get("/claims/")

    [line] = request_lines()
    assert line.status == 302 and line.user_id is None


def test_it_logs_one_line_per_task_with_its_id_state_and_duration(task_lines):
    result = probe.apply(task_id="probe-ok-1")

    assert result.get() == 7
    [line] = task_lines()
    assert (line.task_name, line.task_id, line.state) == ("tests.logging_probe", "probe-ok-1", "SUCCESS")
    assert isinstance(line.duration_ms, float) and line.duration_ms >= 0


def test_it_logs_a_failed_task_as_failed(task_lines):
    probe.apply(kwargs={"fail": True}, task_id="probe-bad-1")

    [line] = [r for r in task_lines() if r.task_id == "probe-bad-1"]
    assert line.state == "FAILURE"


def test_the_json_formatter_writes_one_object_with_the_extra_fields_and_the_current_request_id():
    record = logging.LogRecord("claims.services", logging.WARNING, __file__, 1, "slow %s", ("feed",), None)
    record.outlet = "Example Daily"
    token = request_id_var.set("req-42")
    try:
        text = JsonFormatter().format(record)
    finally:
        request_id_var.reset(token)

    assert "\n" not in text
    line = json.loads(text)
    assert line["message"] == "slow feed"
    assert (line["level"], line["logger"]) == ("WARNING", "claims.services")
    assert line["outlet"] == "Example Daily" and line["request_id"] == "req-42"
    assert line["time"].endswith("+00:00")


def test_the_json_formatter_keeps_an_exception_inside_the_one_line():
    try:
        raise RuntimeError("feed went away")
    except RuntimeError:
        record = logging.LogRecord("claims.tasks", logging.ERROR, __file__, 1, "poll failed", (), sys.exc_info())

    line = json.loads(JsonFormatter().format(record))
    assert "RuntimeError: feed went away" in line["exception"]


def _run(code: str, tmp_path: Path, **env: str) -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items() if k not in {"DJANGO_ALLOW_ASYNC_UNSAFE", "NEWSCLAIMS_LOG_FORMAT"}}
    base["DATABASE_URL"] = f"sqlite:///{tmp_path / 'log.sqlite3'}"
    return subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=ROOT,
        env={**base, "DJANGO_SETTINGS_MODULE": "newsclaims.settings", **env},
        capture_output=True,
        text=True,
    )


REQUEST = "from django.test import Client; Client().get('/healthz', headers={'X-Request-ID': 'e2e-1'})"


def test_the_json_setting_makes_a_process_write_request_lines_as_json(tmp_path):
    proc = _run(REQUEST, tmp_path, NEWSCLAIMS_LOG_FORMAT="json")

    assert proc.returncode == 0, proc.stderr
    lines = [json.loads(text) for text in proc.stderr.splitlines() if text.startswith("{")]
    [request] = [line for line in lines if line["logger"] == "newsclaims.request"]
    assert request["path"] == "/healthz" and request["status"] == 200 and request["request_id"] == "e2e-1"


def test_the_text_default_writes_no_request_lines(tmp_path):
    proc = _run(REQUEST, tmp_path)

    assert proc.returncode == 0, proc.stderr
    assert "/healthz" not in proc.stderr
