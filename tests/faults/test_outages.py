"""Outages during ingestion lose nothing: every item ends done or failed with a reason, none twice.

Each test runs a whole Newsclaims of its own (``stack.py``: its own PostgreSQL cluster and
Redis server on spare ports, a real Celery worker and beat, gunicorn) and breaks one piece in
the middle of a 2,000-item ingest. Recovery happens without a person: tasks retry with back-off,
and the reaper (beat, every 3 s here) sends again what the broker lost.
"""

from __future__ import annotations

import os
import socket
import time
from collections.abc import Iterator

import httpx
import pytest

from tests.faults.stack import WEB_PORT, Stack, story_lines

pytestmark = [
    pytest.mark.faults,
    pytest.mark.skipif(
        not os.environ.get("REDIS_URL"),
        reason="fault tests run in .ci/run's PostgreSQL + Redis pass (they start servers of their own)",
    ),
]

ITEMS = 2000


@pytest.fixture
def stack() -> Iterator[Stack]:
    stack = Stack()
    try:
        yield stack
    finally:
        stack.close()


def _create_job(stack: Stack, data: bytes) -> int:
    path = stack.tmp / "upload.jsonl"
    path.write_bytes(data)
    out = stack.python(
        "from pathlib import Path; from claims.services.ingest import ingest_job_create; "
        f"job = ingest_job_create(user=None, kind='file', upload_name='upload.jsonl', "
        f"upload_bytes=Path({str(path)!r}).read_bytes()); print('JOB', job.pk)"
    )
    return int(out.split("JOB", 1)[1].split()[0])


def _wait_progress(stack: Stack, job_id: int, at_least: int, timeout: float = 300) -> None:
    deadline = time.monotonic() + timeout
    while stack.finished_items(job_id) < at_least:
        assert time.monotonic() < deadline, f"no progress: {stack.item_counts(job_id)}\n{stack.log('worker')}"
        time.sleep(0.5)


def _assert_whole(stack: Stack, job_id: int, total: int) -> None:
    """Every item done once, the job's counts match its items, one article per item."""
    job = stack.wait_finished(job_id)
    counts = stack.item_counts(job_id)
    assert sum(counts.values()) == total, counts
    assert counts == {"done": total}, (
        counts,
        stack.sql("SELECT error FROM claims_ingestitem WHERE error <> '' LIMIT 5"),
    )
    assert (job["status"], job["total"], job["done"], job["queued"], job["failed"]) == ("done", total, total, 0, 0)
    articles = stack.sql(
        "SELECT count(*), count(DISTINCT article_id) FROM claims_ingestitem"
        " WHERE job_id = %s AND article_id IS NOT NULL",
        job_id,
    )[0]
    assert articles == (total, total), "each item has an article of its own"
    assert stack.sql("SELECT count(*) FROM claims_article")[0][0] == total, "no article stored twice"
    doubled = stack.sql(
        'SELECT count(*) FROM (SELECT 1 FROM claims_quote GROUP BY article_id, start, "end" HAVING count(*) > 1) d'
    )
    assert doubled == [(0,)], "no quote extracted twice"
    unextracted = stack.sql("SELECT count(*) FROM claims_article WHERE extraction_status <> 'done'")[0][0]
    assert unextracted == 0


def test_postgresql_stopped_for_20_seconds_during_a_2000_item_ingest(stack):
    stack.start_worker()
    stack.start_beat()
    job_id = _create_job(stack, story_lines(ITEMS, tag="pg"))
    _wait_progress(stack, job_id, at_least=150)
    stack.pg.stop()
    time.sleep(20)
    stack.pg.start()
    _assert_whole(stack, job_id, ITEMS)


def test_redis_restarted_empty_during_a_2000_item_ingest(stack):
    stack.start_worker()
    stack.start_beat()
    job_id = _create_job(stack, story_lines(ITEMS, tag="redis"))
    _wait_progress(stack, job_id, at_least=150)
    stack.redis.restart_empty()  # every queued task is gone
    _assert_whole(stack, job_id, ITEMS)


def _token(stack: Stack) -> str:
    out = stack.python(
        "from tests.factories import UserFactory; from claims.services.tokens import token_create; "
        "user = UserFactory(username='faults', role='editor'); "
        "_, key = token_create(user=user, name='faults', scope='write'); print('KEY', key)"
    )
    return out.split("KEY", 1)[1].split()[0]


def _upload_request(base: str, key: str, data: bytes) -> httpx.Request:
    return httpx.Request(
        "POST",
        f"{base}/api/v1/ingest/",
        data={"kind": "file"},
        files={"file": ("upload.jsonl", data, "application/x-ndjson")},
        headers={"Authorization": f"Bearer {key}"},
    )


def test_the_web_process_killed_mid_upload_leaves_nothing_half_made_and_the_retry_completes(stack):
    stack.start_worker()
    stack.start_beat()
    base = stack.start_web()
    key = _token(stack)
    data = story_lines(ITEMS, tag="web")
    request = _upload_request(base, key, data)
    body = request.read()

    with socket.create_connection(("127.0.0.1", WEB_PORT)) as conn:
        head = f"POST /api/v1/ingest/ HTTP/1.1\r\nHost: 127.0.0.1:{WEB_PORT}\r\n"
        head += "".join(f"{k}: {v}\r\n" for k, v in request.headers.items() if k.lower() != "host") + "\r\n"
        conn.sendall(head.encode() + body[: len(body) // 2])
        time.sleep(0.5)
        stack.kill("web")  # half the file sent
    assert stack.sql("SELECT count(*) FROM claims_ingestjob")[0][0] == 0, "no job made of half a request"
    assert stack.sql("SELECT count(*) FROM claims_ingestupload")[0][0] == 0

    base = stack.start_web()
    started = time.perf_counter()
    response = httpx.Client(timeout=60).send(_upload_request(base, key, data))
    elapsed = time.perf_counter() - started
    assert response.status_code == 202, response.text[:500]
    job_id = response.json()["id"]
    stack.kill("web")  # and killed again once the answer is out: the job goes on without it
    _assert_whole(stack, job_id, ITEMS)
    assert elapsed < 2.0


def test_a_100000_line_upload_returns_within_2_seconds_and_is_split_by_the_fanout(stack):
    stack.start_worker()
    base = stack.start_web()
    key = _token(stack)
    data = story_lines(100_000, tag="big")
    client = httpx.Client(timeout=60)
    started = time.perf_counter()
    response = client.send(_upload_request(base, key, data))
    elapsed = time.perf_counter() - started
    print(f"100,000-line upload ({len(data) / 2**20:.1f} MB) answered in {elapsed:.2f} s")
    assert response.status_code == 202, response.text[:500]
    assert elapsed < 2.0
    job_id = response.json()["id"]
    assert stack.job(job_id)["total"] == 100_000
    deadline = time.monotonic() + 300
    while stack.sql("SELECT count(*) FROM claims_ingestitem WHERE job_id = %s", job_id)[0][0] < 100_000:
        assert time.monotonic() < deadline, stack.log("worker")
        time.sleep(1)
    _wait_progress(stack, job_id, at_least=500)  # and the workers are through the first of it
