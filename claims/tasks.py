"""Celery tasks: ids in, load, return if gone, one service call."""

from __future__ import annotations

from celery import shared_task


@shared_task(name="claims.ping")
def ping(payload: str = "pong") -> str:
    """A smoke task: proves the broker, a worker and the result backend round-trip."""
    return payload


@shared_task(name="claims.extract_article", acks_late=True, reject_on_worker_lost=True, queue="extract")
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
    acks_late=True,
    reject_on_worker_lost=True,
    queue="fetch",
    max_retries=INGEST_MAX_RETRIES,
)
def fetch_item(self, item_id: int) -> bool:
    """Fetch an ingest item's URL; retry transient failures; then hand the page to ``ingest_item``."""
    from .services.ingest import TransientIngestError, ingest_item_fetch

    final = self.request.is_eager or self.request.retries >= self.max_retries
    try:
        ready = ingest_item_fetch(item_id=item_id, final_attempt=final)
    except TransientIngestError as exc:
        raise self.retry(exc=exc, countdown=_retry_countdown(self.request.retries)) from exc
    if ready:
        ingest_item.delay(item_id)
    return ready


@shared_task(name="claims.ingest_item", acks_late=True, reject_on_worker_lost=True, queue="extract")
def ingest_item(item_id: int) -> str | None:
    """Read, store and extract one ingest item (idempotent: a second delivery finds it done)."""
    from .services.ingest import ingest_item_process

    return ingest_item_process(item_id=item_id)


@shared_task(name="claims.ingest_items", acks_late=True, reject_on_worker_lost=True, queue="extract")
def ingest_items(item_ids: list[int]) -> dict[str, str]:
    """Read, store and extract a batch of ingest items together (idempotent, like ``ingest_item``)."""
    from .services.ingest import ingest_items_process

    return {str(k): v for k, v in ingest_items_process(item_ids=list(item_ids)).items()}


@shared_task(name="claims.poll_feed", acks_late=True, reject_on_worker_lost=True, queue="fetch")
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


@shared_task(name="claims.figures_recompute", queue="default")
def figures_recompute() -> dict:
    """Regroup every claim into figures and refresh every figure's summary and flags (figure tracker).

    Extraction keeps the figures of each article current; this catches what other edits changed
    (a claim corrected or rejected on the review pages) and is safe to run at any time.
    """
    from .services.figures import figures_recompute as recompute

    result = recompute()
    return {"figures": result.figures, "touched": result.touched, "pruned": result.pruned}


@shared_task(name="claims.refresh_figures", queue="default")
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
