"""Exactly once, with real workers: a batch survives its worker being SIGKILLed half-way."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import time
from collections import Counter
from pathlib import Path

import pytest

from claims.models import (
    Article,
    ExtractionStatus,
    IngestItem,
    IngestItemStatus,
    IngestJob,
    IngestJobStatus,
    NumericClaim,
    Quote,
)
from claims.services.ingest import ingest_job_create
from tests.conftest import start_worker, stop_worker

pytestmark = pytest.mark.celery_worker

DEMO = Path(__file__).resolve().parents[1] / "claims" / "demo" / "articles.jsonl"
BATCH = 200


def _batch(n: int) -> bytes:
    rows = [json.loads(line) for line in DEMO.read_text(encoding="utf-8").splitlines() if line.strip()]
    lines = []
    for i in range(n):
        row = rows[i % len(rows)]
        lines.append(
            json.dumps(
                {
                    "title": f"{row['title']} ({i})",
                    "published": row.get("published"),
                    "outlet": row.get("outlet"),
                    "text": f"{row['text']}\n\nThis is copy {i} of the story, filed for the batch test.",
                }
            )
        )
    return "\n".join(lines).encode()


def _process_tree(pid: int) -> list[int]:
    """The process and all its descendants, read from /proc (the worker's pool children included)."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            ppid = int(stat.read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(ppid, []).append(int(stat.parent.name))
    tree, todo = [], [pid]
    while todo:
        current = todo.pop()
        tree.append(current)
        todo.extend(children.get(current, []))
    return tree


def _kill_tree(proc) -> int:
    pids = _process_tree(proc.pid)
    for pid in pids:
        with contextlib.suppress(ProcessLookupError):  # already gone
            os.kill(pid, signal.SIGKILL)
    proc.wait(timeout=10)
    return len(pids)


def _finished(job: IngestJob) -> int:
    return IngestItem.objects.filter(
        job=job, status__in=[IngestItemStatus.DONE, IngestItemStatus.DUPLICATE, IngestItemStatus.FAILED]
    ).count()


@pytest.fixture
def short_redelivery(monkeypatch):
    """Unacknowledged tasks of a dead worker come back after 3 s instead of 10 minutes."""
    monkeypatch.setenv("CELERY_VISIBILITY_TIMEOUT", "3")


def test_a_batch_is_ingested_and_extracted_exactly_once_when_its_worker_is_killed(short_redelivery, celery_worker):
    job = ingest_job_create(user=None, kind="file", upload_name="batch.jsonl", upload_bytes=_batch(BATCH))
    assert job.total == BATCH

    deadline = time.monotonic() + 120
    while _finished(job) < BATCH // 5:
        assert time.monotonic() < deadline, "the worker made no progress"
        time.sleep(0.05)
    killed = _kill_tree(celery_worker)
    assert killed >= 3, "the worker and its two pool processes are killed together"
    finished_at_kill = _finished(job)
    assert finished_at_kill < BATCH, "the worker was killed in the middle of the batch"

    worker = start_worker()
    try:
        deadline = time.monotonic() + 180
        while True:
            job.refresh_from_db()
            pending = Article.objects.exclude(extraction_status=ExtractionStatus.DONE).count()
            if job.status in {IngestJobStatus.DONE, IngestJobStatus.FAILED} and pending == 0:
                break
            assert time.monotonic() < deadline, f"stuck: {job.queued} items queued, {pending} articles not extracted"
            time.sleep(0.2)
    finally:
        stop_worker(worker)

    items = list(IngestItem.objects.filter(job=job))
    assert Counter(i.status for i in items) == {IngestItemStatus.DONE: BATCH}
    assert all(i.error == "" for i in items)
    assert len({i.article_id for i in items}) == BATCH
    assert Article.objects.count() == BATCH
    assert not Article.objects.exclude(extraction_status=ExtractionStatus.DONE).exists()
    job.refresh_from_db()
    assert (job.status, job.done, job.duplicates, job.failed, job.queued) == (IngestJobStatus.DONE, BATCH, 0, 0, 0)
    assert job.finished_at >= job.started_at
    # Extraction ran to completion once per article: no span found twice.
    for model in (NumericClaim, Quote):
        spans = Counter(model.objects.values_list("article_id", "start", "end"))
        assert not [span for span, n in spans.items() if n > 1]
    assert NumericClaim.objects.exists()
