"""Celery tasks: ids in, load, return if gone, one service call."""

from __future__ import annotations

import logging
from typing import Any

from celery import Task, shared_task
from django.conf import settings
from django.db import InterfaceError, OperationalError
from kombu.exceptions import OperationalError as BrokerError
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

log = logging.getLogger(__name__)

# Errors that pass: the database or the broker is down or restarting. A task retries them with
# exponential back-off (full jitter, capped) instead of failing in milliseconds and being acked.
RETRY_ON = (OperationalError, InterfaceError, BrokerError, RedisConnectionError, RedisTimeoutError)
RETRYING: dict[str, Any] = {
    "autoretry_for": RETRY_ON,
    "retry_backoff": 2,
    "retry_backoff_max": settings.NEWSCLAIMS_TASK_BACKOFF_MAX,
    "retry_jitter": True,
    "max_retries": settings.NEWSCLAIMS_TASK_MAX_RETRIES,
}


class ItemsTask(Task):
    """A task about ingest items: when it gives up (retries spent, or an unexpected error) its
    unfinished items are failed with the reason, so no job waits for ever on a dead task."""

    def on_failure(self, exc, task_id, args, kwargs, einfo) -> None:
        from .services.ingest_queue import ingest_items_give_up

        ids = args[0] if args else kwargs.get("item_ids", kwargs.get("item_id"))
        ids = list(ids) if isinstance(ids, list | tuple) else [ids]
        reason = f"gave up after {self.request.retries} retries: {type(exc).__name__}: {exc}"
        try:
            ingest_items_give_up(item_ids=[int(i) for i in ids], reason=reason)
        except Exception:  # the database is still down: the reaper will find the items
            log.warning("could not fail ingest items %s after %s", ids, reason, exc_info=True)


def _redelivered(task: Task) -> bool:
    """True when the broker delivers this message again because its worker was lost."""
    return bool((task.request.delivery_info or {}).get("redelivered"))


@shared_task(name="claims.ping")
def ping(payload: str = "pong") -> str:
    """A smoke task: proves the broker, a worker and the result backend round-trip."""
    return payload


@shared_task(name="claims.extract_article", acks_late=True, reject_on_worker_lost=True, queue="extract", **RETRYING)
def extract_article(article_id: int) -> dict | None:
    from .services.extraction import article_extract

    result = article_extract(article_id=article_id)
    return None if result is None else {"quotes": result.quotes, "claims": result.claims}


# --- Ingestion: fetch on queue "fetch", read + store + extract on queue "extract" --------

INGEST_MAX_RETRIES = 4


def _retry_countdown(retries: int) -> int:
    """Exponential back-off with jitter: about 10 s, 20 s, 40 s, 80 s."""
    import random

    return int(10 * 2**retries * random.uniform(0.8, 1.2))  # noqa: S311 (jitter, not security)


@shared_task(
    name="claims.fetch_item",
    bind=True,
    base=ItemsTask,
    acks_late=True,
    reject_on_worker_lost=True,
    queue="fetch",
    **RETRYING,
)
def fetch_item(self, item_id: int) -> bool:
    """Fetch an item's URL; retry transient failures; then hand the page to ``ingest_item``."""
    from .services.ingest import TransientIngestError, ingest_item_fetch
    from .services.ingest_queue import ingest_items_start

    if _redelivered(self) and not ingest_items_start(item_ids=[item_id], redelivered=True):
        return False  # this page stopped its worker twice: the item is failed
    final = self.request.is_eager or self.request.retries >= INGEST_MAX_RETRIES
    try:
        ready = ingest_item_fetch(item_id=item_id, final_attempt=final)
    except TransientIngestError as exc:
        raise self.retry(exc=exc, countdown=_retry_countdown(self.request.retries)) from exc
    if ready:
        ingest_item.delay(item_id)
    return ready


@shared_task(
    name="claims.ingest_item",
    bind=True,
    base=ItemsTask,
    acks_late=True,
    reject_on_worker_lost=True,
    queue="extract",
    **RETRYING,
)
def ingest_item(self, item_id: int) -> str | None:
    """Read, store and extract one ingest item (idempotent: a second delivery finds it done)."""
    from .services.ingest import ingest_item_process
    from .services.ingest_queue import ingest_items_start

    if not ingest_items_start(item_ids=[item_id], redelivered=_redelivered(self)):
        return None
    return ingest_item_process(item_id=item_id)


@shared_task(
    name="claims.ingest_items",
    bind=True,
    base=ItemsTask,
    acks_late=True,
    reject_on_worker_lost=True,
    queue="extract",
    **RETRYING,
)
def ingest_items(self, item_ids: list[int]) -> dict[str, str]:
    """Read, store and extract a batch of ingest items together (idempotent, like ``ingest_item``).

    A batch delivered again after its worker died is split: each item goes on alone, so the one
    that kills workers is failed by itself (``ingest_items_start``) and the others go in.
    """
    from .services.ingest import ingest_items_process
    from .services.ingest_queue import ingest_items_start

    redelivered = _redelivered(self)
    ids = ingest_items_start(item_ids=list(item_ids), redelivered=redelivered and len(item_ids) == 1)
    if redelivered and len(ids) > 1:
        for item_id in ids:
            ingest_item.delay(item_id)
        return dict.fromkeys(map(str, ids), "split")
    return {str(k): v for k, v in ingest_items_process(item_ids=ids).items()}


@shared_task(name="claims.ingest_job_fanout", acks_late=True, queue="extract", **RETRYING)
def ingest_job_fanout(job_id: int) -> int:
    """Split a job's stored upload into items, then send its unsent items to the workers in chunks."""
    from .services.ingest_queue import ingest_job_fanout as fanout

    return fanout(job_id=job_id)


@shared_task(name="claims.ingest_reap", queue="default", ignore_result=True)
def ingest_reap() -> dict[str, int]:
    """Run by beat: queue again the ingest work the broker lost (see ``ingest_queue.ingest_reap``)."""
    from .services.ingest_queue import ingest_reap as reap

    return reap()


@shared_task(name="claims.poll_feed", acks_late=True, reject_on_worker_lost=True, queue="fetch", **RETRYING)
def poll_feed(feed_id: int) -> dict | None:
    """Poll one feed; errors are recorded on the feed, which backs off by itself (no retry here)."""
    from .services.feeds import feed_poll

    result = feed_poll(feed_id=feed_id)
    return None if result is None else {"new": result.new, "job": result.job_id, "error": result.error}


@shared_task(name="claims.poll_due_feeds", queue="fetch", ignore_result=True)
def poll_due_feeds() -> int:
    """Run by beat every minute: queue a poll of each feed that is due."""
    from .services.feeds import feeds_poll_due

    return feeds_poll_due()


@shared_task(name="claims.figures_recompute", queue="default", **RETRYING)
def figures_recompute() -> dict:
    """Regroup every claim into figures and refresh every figure's summary and flags (figure tracker).

    Extraction keeps the figures of each article current; this catches what other edits changed
    (a claim corrected or rejected on the review pages) and is safe to run at any time.
    """
    from .services.figures import figures_recompute as recompute

    result = recompute()
    return {"figures": result.figures, "touched": result.touched, "emptied": result.emptied}


@shared_task(name="claims.refresh_figures", queue="default", **RETRYING)
def refresh_figures(figure_ids: list[int]) -> int:
    """Refresh the summary and flags of figures whose claims changed (queued after extraction)."""
    from .services.figures import figures_refresh_now

    return figures_refresh_now(figure_ids=list(figure_ids))


# --- Follow (issue 18): signed webhook deliveries, retried with back-off ---------------------------


@shared_task(name="claims.deliver_webhook", bind=True, acks_late=True, reject_on_worker_lost=True, queue="fetch")
def deliver_webhook(self, delivery_id: int) -> str:
    """Send one webhook delivery; on failure retry with back-off until the limit or a pause."""
    from django.conf import settings

    from .services.webhooks import retry_delay, webhook_deliver

    limit = settings.NEWSCLAIMS_WEBHOOK_RETRIES
    outcome = webhook_deliver(delivery_id=delivery_id, final=self.request.retries >= limit)
    if outcome == "retry":
        raise self.retry(countdown=retry_delay(self.request.retries), max_retries=limit)
    return outcome
