"""Durable queuing of ingest items: the outbox, the fan-out, delivery counting and the reaper.

The database is the record of what is to be done; the broker only carries reminders. A request
stores the job and its items (or, for a large file, the file itself) and queues one fan-out
task. ``ingest_job_fanout`` splits a stored file into items, then hands the items to the broker
in chunks, marking each chunk ``queued_at`` once it is sent. ``ingest_reap`` (run by beat)
finds what the broker lost: jobs whose fan-out never ran, items sent but never picked up
(Redis restarted empty), items left ``fetching`` by a worker that died, and queues them again.
Every step is idempotent, so a reminder sent twice costs a look-up, never a second article.

``ingest_items_start`` counts a delivery on each item before a task works on it, in its own
transaction: an item whose task was delivered again after its worker died (the broker marks
such a message ``redelivered``) twice is failed instead of being handed to a third worker.
"""

from __future__ import annotations

import logging
import zlib
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from ..models import IngestItem, IngestItemStatus, IngestJob, IngestJobStatus, IngestUpload

log = logging.getLogger(__name__)

LOST_LIMIT = 2  # deliveries that ended with the worker gone before the item is failed
CHUNK = 1000  # items sent to the broker per round trip (one ``queued_at`` update each)


def _terminal() -> list[str]:
    return [IngestItemStatus.DONE, IngestItemStatus.DUPLICATE, IngestItemStatus.FAILED]


def _requeue_after() -> timedelta:
    return timedelta(seconds=settings.NEWSCLAIMS_INGEST_REQUEUE_SECONDS)


# --- the fan-out --------------------------------------------------------------------------


def ingest_job_split(*, job_id: int) -> int:
    """Turn a job's stored upload into items (once); returns how many items were made now."""
    from ..lib.ingest_input import _jsonl_specs
    from .ingest import _store_specs

    with transaction.atomic():
        upload = IngestUpload.objects.select_for_update().filter(job_id=job_id).first()
        if upload is None:
            return 0  # split already (or never stored as a file)
        job = IngestJob.objects.select_for_update().get(pk=job_id)
        specs = _jsonl_specs(zlib.decompress(bytes(upload.data)))
        if IngestItem.objects.filter(job_id=job_id).exists():  # a split that died before deleting the upload
            upload.delete()
            return 0
        _store_specs(job, specs)
        upload.delete()
    return len(specs)


def ingest_job_fanout(*, job_id: int) -> int:
    """Split the job's upload if there is one, then queue every unfinished item not sent yet."""
    ingest_job_split(job_id=job_id)
    return ingest_job_send(job_id=job_id, only_unsent=True)


def ingest_job_send(*, job_id: int, only_unsent: bool = False) -> int:
    """Hand a job's unfinished items to the broker in chunks, marking each chunk once it is sent.

    URL items go one per ``fetch_item`` task; the others in batches of ``NEWSCLAIMS_INGEST_BATCH``
    per ``ingest_items`` task. A send that fails half-way leaves the rest unmarked for the reaper.
    """
    from ..tasks import fetch_item, ingest_items
    from .ingest import needs_fetch

    size = max(1, settings.NEWSCLAIMS_INGEST_BATCH)
    items = IngestItem.objects.filter(job_id=job_id).exclude(status__in=_terminal())
    if only_unsent:
        items = items.filter(queued_at__isnull=True)
    rows = list(items.order_by("position").values_list("id", "url", "payload"))
    sent = 0
    for start in range(0, len(rows), CHUNK):
        chunk = rows[start : start + CHUNK]
        batch: list[int] = []
        for item_id, url, payload in chunk:
            if needs_fetch(url, payload):
                fetch_item.delay(item_id)
            else:
                batch.append(item_id)
                if len(batch) == size:
                    ingest_items.delay(batch)
                    batch = []
        if batch:
            ingest_items.delay(batch)
        IngestItem.objects.filter(pk__in=[row[0] for row in chunk]).exclude(status__in=_terminal()).update(
            queued_at=timezone.now()
        )
        sent += len(chunk)
    return sent


def ingest_job_fanout_later(*, job_id: int) -> None:
    """Queue the fan-out task; with the broker down, log it and leave the job to the reaper."""
    from ..tasks import ingest_job_fanout as fanout_task

    try:
        fanout_task.delay(job_id)
    except Exception:  # the broker is unreachable: the stored job is the record, the reaper sends it
        log.warning("could not queue the fan-out of ingest job %s; the reaper will", job_id, exc_info=True)


# --- counting deliveries --------------------------------------------------------------------


def ingest_items_start(*, item_ids: list[int], redelivered: bool) -> list[int]:
    """Count a delivery on each unfinished item; returns the ids to work on now.

    Runs in its own transaction, so the count survives the worker dying a moment later. A
    message the broker ``redelivered`` (its worker was lost) adds to the item's ``lost`` count;
    an item at ``LOST_LIMIT`` is failed here with the reason, not handed to another worker.
    """
    from .ingest import Finish, ingest_items_finish

    with transaction.atomic():
        open_items = IngestItem.objects.filter(pk__in=item_ids).exclude(status__in=_terminal())
        open_items.update(attempts=F("attempts") + 1, updated_at=timezone.now())
        if not redelivered:
            return list(open_items.values_list("pk", flat=True))
        lost: list[int] = []
        keep: list[int] = []
        for item in open_items.select_for_update().order_by("pk").only("id", "payload"):
            item.payload = {**item.payload, "lost": int(item.payload.get("lost", 0)) + 1}
            item.save(update_fields=["payload"])
            (lost if item.payload["lost"] >= LOST_LIMIT else keep).append(item.pk)
    if lost:
        log.warning("ingest items %s stopped their worker %d times: failing them", lost, LOST_LIMIT)
        reason = (
            f"the worker stopped {LOST_LIMIT} times while working on this item "
            "(killed, out of memory or crashed); it is not tried again"
        )
        ingest_items_finish(finishes=[Finish(pk, IngestItemStatus.FAILED, reason) for pk in lost])
    return keep


def ingest_items_give_up(*, item_ids: list[int], reason: str) -> int:
    """Fail the unfinished items of a task that will not run again, with the reason."""
    from .ingest import Finish, ingest_items_finish

    return len(ingest_items_finish(finishes=[Finish(pk, IngestItemStatus.FAILED, reason[:4000]) for pk in item_ids]))


# --- the reaper -----------------------------------------------------------------------------


def ingest_reap(*, now=None) -> dict[str, int]:
    """Queue again what the broker lost; returns counts of what was done.

    - a job with a stored upload, or with items never sent, older than the requeue delay:
      its fan-out runs again;
    - an item ``fetching`` for longer than the delay (its worker died and the message is gone);
    - an item sent to the broker longer than the delay ago, in a job where nothing moved since
      (Redis restarted empty): sent again. A job still making progress is left alone, so
      items waiting behind a long queue are not sent twice.
    An item tried more than ``NEWSCLAIMS_INGEST_MAX_ATTEMPTS`` times is failed instead.
    """
    now = now or timezone.now()
    stale = now - _requeue_after()
    open_statuses = [IngestItemStatus.QUEUED, IngestItemStatus.FETCHING]
    counts = {"fanouts": 0, "requeued": 0, "failed": 0}

    worn = IngestItem.objects.filter(
        status__in=open_statuses, attempts__gte=settings.NEWSCLAIMS_INGEST_MAX_ATTEMPTS, updated_at__lt=stale
    ).values_list("pk", flat=True)
    worn_ids = list(worn[:10000])
    if worn_ids:
        counts["failed"] = ingest_items_give_up(
            item_ids=worn_ids, reason=f"gave up after {settings.NEWSCLAIMS_INGEST_MAX_ATTEMPTS} attempts"
        )

    unsplit = IngestUpload.objects.filter(created_at__lt=stale).values_list("job_id", flat=True)
    unsent = (
        IngestItem.objects.filter(status=IngestItemStatus.QUEUED, queued_at__isnull=True, updated_at__lt=stale)
        .values_list("job_id", flat=True)
        .distinct()
    )
    for job_id in sorted(set(unsplit) | set(unsent)):
        ingest_job_fanout_later(job_id=job_id)
        counts["fanouts"] += 1

    moving = set(
        IngestItem.objects.filter(
            updated_at__gte=stale, job__status__in=[IngestJobStatus.QUEUED, IngestJobStatus.RUNNING]
        )
        .values_list("job_id", flat=True)
        .distinct()
    )
    lost = IngestItem.objects.filter(
        Q(status=IngestItemStatus.FETCHING, updated_at__lt=stale)
        | Q(status=IngestItemStatus.QUEUED, queued_at__lt=stale)
    )
    lost_jobs = sorted(set(lost.values_list("job_id", flat=True).distinct()) - moving)
    fetching_jobs = set(
        IngestItem.objects.filter(status=IngestItemStatus.FETCHING, updated_at__lt=stale)
        .values_list("job_id", flat=True)
        .distinct()
    )
    for job_id in lost_jobs:
        counts["requeued"] += ingest_job_send(job_id=job_id)
    for job_id in sorted(fetching_jobs & moving):  # a busy job: only its stuck fetches
        ids = list(
            IngestItem.objects.filter(
                job_id=job_id, status=IngestItemStatus.FETCHING, updated_at__lt=stale
            ).values_list("pk", flat=True)
        )
        _send_fetches(ids)
        counts["requeued"] += len(ids)
    if any(counts.values()):
        log.warning("ingest reaper: %s", counts)
    return counts


def _send_fetches(item_ids: list[int]) -> None:
    from ..tasks import fetch_item

    for item_id in item_ids:
        fetch_item.delay(item_id)
    IngestItem.objects.filter(pk__in=item_ids).update(queued_at=timezone.now(), status=IngestItemStatus.QUEUED)
