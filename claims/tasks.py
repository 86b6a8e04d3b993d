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
