"""Durable queuing: the request stores, one fan-out task sends, the reaper re-sends what the broker lost."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.db import OperationalError
from django.utils import timezone
from kombu.exceptions import OperationalError as BrokerError

from claims import tasks
from claims.models import IngestItem, IngestItemStatus, IngestJob, IngestJobStatus, IngestUpload
from claims.services.ingest import ingest_job_create
from claims.services.ingest_queue import LOST_LIMIT, ingest_items_start, ingest_job_fanout, ingest_reap

pytestmark = pytest.mark.django_db


def _jsonl(n: int, bad: tuple[int, ...] = ()) -> bytes:
    lines = []
    for i in range(1, n + 1):
        if i in bad:
            lines.append("{not json")
        else:
            text = f"Story {i}. The port authority said 4{i} ships called in May, up from the year before."
            lines.append(json.dumps({"title": f"Story {i}", "text": text}))
    return "\n".join(lines).encode()


def _upload(data: bytes) -> IngestJob:
    return ingest_job_create(user=None, kind="file", upload_name="batch.jsonl", upload_bytes=data)


def _later(seconds: int = 3600):
    return timezone.now() + timedelta(seconds=seconds)


def test_it_stores_a_large_file_whole_and_the_fanout_splits_it(settings):
    settings.NEWSCLAIMS_INGEST_INLINE_LINES = 5
    job = _upload(_jsonl(8, bad=(3,)))  # on_commit never runs inside the test transaction
    assert (job.total, job.queued, job.status) == (8, 8, IngestJobStatus.QUEUED)
    assert IngestUpload.objects.filter(job=job).exists() and not job.items.exists()

    ingest_job_fanout(job_id=job.pk)  # eager: the items are processed as they are sent

    job.refresh_from_db()
    assert not IngestUpload.objects.filter(job=job).exists()
    assert job.items.count() == 8
    assert (job.done, job.failed, job.queued, job.status) == (7, 1, 0, IngestJobStatus.DONE)
    assert "line 3" in job.items.get(position=3).error


def test_a_small_file_is_split_in_the_request(settings):
    settings.NEWSCLAIMS_INGEST_INLINE_LINES = 5
    job = _upload(_jsonl(4))
    assert job.items.count() == 4 and not IngestUpload.objects.filter(job=job).exists()


def test_the_request_succeeds_with_the_broker_down_and_the_reaper_sends_the_job_later(
    monkeypatch, django_capture_on_commit_callbacks
):
    def broker_down(*args, **kwargs):
        raise BrokerError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    with monkeypatch.context() as patched:
        patched.setattr(tasks.ingest_job_fanout, "delay", broker_down)
        with django_capture_on_commit_callbacks(execute=True):
            job = _upload(_jsonl(3))
    assert set(job.items.values_list("status", "queued_at")) == {(IngestItemStatus.QUEUED, None)}

    assert ingest_reap()["fanouts"] == 0  # not stale yet
    assert ingest_reap(now=_later())["fanouts"] == 1

    job.refresh_from_db()
    assert (job.done, job.status) == (3, IngestJobStatus.DONE)


def test_the_reaper_resends_items_the_broker_lost(monkeypatch):
    job = _upload(_jsonl(3))
    with monkeypatch.context() as patched:
        patched.setattr(tasks.ingest_items, "delay", lambda *a, **k: None)  # Redis restarted empty
        ingest_job_fanout(job_id=job.pk)
    assert all(job.items.values_list("queued_at", flat=True))
    assert job.items.filter(status=IngestItemStatus.QUEUED).count() == 3

    assert ingest_reap()["requeued"] == 0  # sent a moment ago: still in the queue, maybe
    assert ingest_reap(now=_later())["requeued"] == 3

    job.refresh_from_db()
    assert (job.done, job.status) == (3, IngestJobStatus.DONE)


def test_the_reaper_leaves_a_job_that_is_still_moving_alone(monkeypatch):
    job = _upload(_jsonl(3))
    with monkeypatch.context() as patched:
        patched.setattr(tasks.ingest_items, "delay", lambda *a, **k: None)
        ingest_job_fanout(job_id=job.pk)
    IngestItem.objects.filter(job=job, position=1).update(
        status=IngestItemStatus.DONE, updated_at=_later(3000)
    )  # one item finished recently (as seen from the reaper's clock)
    assert ingest_reap(now=_later())["requeued"] == 0


def test_the_reaper_fails_an_item_tried_too_often(monkeypatch, settings):
    settings.NEWSCLAIMS_INGEST_MAX_ATTEMPTS = 3
    job = _upload(_jsonl(1))
    IngestItem.objects.filter(job=job).update(attempts=3, queued_at=timezone.now())
    assert ingest_reap(now=_later())["failed"] == 1
    item = job.items.get()
    assert item.status == IngestItemStatus.FAILED and "gave up after 3 attempts" in item.error


def test_an_item_whose_worker_stopped_twice_is_failed_not_handed_on():
    job = _upload(_jsonl(2))
    first, second = job.items.order_by("position")
    assert ingest_items_start(item_ids=[first.pk, second.pk], redelivered=False) == [first.pk, second.pk]
    for _ in range(LOST_LIMIT - 1):
        assert ingest_items_start(item_ids=[first.pk], redelivered=True) == [first.pk]
    assert ingest_items_start(item_ids=[first.pk], redelivered=True) == []
    first.refresh_from_db()
    job.refresh_from_db()
    assert first.status == IngestItemStatus.FAILED and "worker stopped" in first.error
    assert first.attempts == 1 + LOST_LIMIT
    assert (job.failed, job.queued) == (1, 1)


def test_a_batch_delivered_again_after_its_worker_died_goes_on_item_by_item(monkeypatch):
    job = _upload(_jsonl(3))
    ids = list(job.items.values_list("pk", flat=True))
    monkeypatch.setattr(tasks, "_redelivered", lambda task: True)
    sent: list[int] = []
    monkeypatch.setattr(tasks.ingest_item, "delay", sent.append)
    assert tasks.ingest_items.apply(args=[ids]).get() == dict.fromkeys(map(str, ids), "split")
    assert sorted(sent) == sorted(ids)


def test_a_database_error_is_retried_and_the_item_goes_in(monkeypatch):
    from claims.services import ingest

    real = ingest.ingest_items_process
    calls = []

    def flaky(*, item_ids):
        calls.append(item_ids)
        if len(calls) < 3:
            raise OperationalError("server closed the connection unexpectedly")
        return real(item_ids=item_ids)

    monkeypatch.setattr(ingest, "ingest_items_process", flaky)
    job = _upload(_jsonl(1))
    tasks.ingest_items.apply(args=[list(job.items.values_list("pk", flat=True))])
    job.refresh_from_db()
    assert len(calls) == 3 and (job.done, job.status) == (1, IngestJobStatus.DONE)


def test_a_task_that_gives_up_fails_its_items_with_the_reason(monkeypatch):
    from claims.services import ingest

    def down(*, item_ids):
        raise OperationalError("could not connect to server: Connection refused")

    monkeypatch.setattr(ingest, "ingest_items_process", down)
    job = _upload(_jsonl(2))
    tasks.ingest_items.apply(args=[list(job.items.values_list("pk", flat=True))])
    job.refresh_from_db()
    assert (job.failed, job.queued, job.status) == (2, 0, IngestJobStatus.FAILED)
    errors = set(job.items.values_list("error", flat=True))
    assert len(errors) == 1
    (error,) = errors
    assert error.startswith(f"gave up after {tasks.ingest_items.max_retries} retries: OperationalError")
