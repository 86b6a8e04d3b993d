"""RSS and Atom feeds: polled at their interval with conditional GET, each new entry ingested once.

A feed that fails records its error and waits longer before the next try (its interval times
2 to the number of failures in a row, at most a day); the other feeds are not affected.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from time import struct_time

import feedparser
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from ..lib.fetch import FetchError, fetch_url
from ..lib.ingest_input import check_url
from ..models import Article, Feed, IngestItem, IngestJob
from .articles import outlet_for
from .ingest import ingest_job_enqueue

MAX_ENTRIES_PER_POLL = 200
MAX_BACKOFF = timedelta(days=1)


class FeedInputError(ValueError):
    """The feed cannot be added (bad URL, already there); the message says why."""


@dataclass(frozen=True)
class FeedPollResult:
    feed_id: int
    not_modified: bool = False
    entries: int = 0
    new: int = 0
    job_id: int | None = None
    error: str = ""


def feed_backoff(*, poll_interval: int, error_count: int) -> timedelta:
    """How long to wait after ``error_count`` failures in a row."""
    return min(timedelta(minutes=poll_interval * 2 ** min(error_count, 16)), MAX_BACKOFF)


@transaction.atomic
def feed_create(*, url: str, user=None, title: str = "", outlet_name: str = "", poll_interval: int = 30) -> Feed:
    try:
        url = check_url(url)
    except ValueError as exc:
        raise FeedInputError(f"Give the http or https address of an RSS or Atom feed ({exc}).") from None
    if Feed.objects.filter(url=url).exists():
        raise FeedInputError("This feed is already followed.")
    if poll_interval < 1:
        raise FeedInputError("The poll interval must be at least one minute.")
    feed = Feed.objects.create(
        url=url,
        title=title.strip()[:500],
        outlet=outlet_for(name=outlet_name) if outlet_name.strip() else None,
        poll_interval=poll_interval,
        next_poll_at=timezone.now(),
        created_by=user if getattr(user, "is_authenticated", False) else None,
    )
    feed_id = feed.pk

    def poll_now() -> None:
        from ..tasks import poll_feed

        poll_feed.delay(feed_id)

    transaction.on_commit(poll_now)
    return feed


@transaction.atomic
def feed_toggle(*, feed: Feed) -> Feed:
    """Pause an active feed or resume a paused one."""
    row = Feed.objects.select_for_update().get(pk=feed.pk)
    row.active = not row.active
    row.save(update_fields=["active"])
    return row


def _record_error(feed: Feed, error: str) -> FeedPollResult:
    now = timezone.now()
    count = feed.error_count + 1
    Feed.objects.filter(pk=feed.pk).update(
        last_polled_at=now,
        last_error=error[:2000],
        error_count=count,
        next_poll_at=now + feed_backoff(poll_interval=feed.poll_interval, error_count=count),
    )
    return FeedPollResult(feed.pk, error=error)


def _entry_published(entry) -> str:
    parsed: struct_time | None = entry.get("published_parsed") or entry.get("updated_parsed")
    if not parsed:
        return ""
    try:
        return datetime(*parsed[:6], tzinfo=UTC).isoformat()
    except (TypeError, ValueError):
        return ""


def _entry_links(parsed) -> list[tuple[str, dict]]:
    seen: set[str] = set()
    links = []
    for entry in parsed.entries:
        link = entry.get("link") or (entry.get("id") if str(entry.get("id", "")).startswith("http") else "")
        try:
            link = check_url(link or "")
        except ValueError:
            continue
        if link in seen:
            continue
        seen.add(link)
        extra = {"entry_title": (entry.get("title") or "").strip()[:1000]}
        published = _entry_published(entry)
        if published:
            extra["entry_published"] = published
        links.append((link, extra))
    return links


def feed_poll(*, feed_id: int) -> FeedPollResult | None:
    """Poll one feed now: conditional GET, parse, queue every entry never seen before."""
    feed = Feed.objects.filter(pk=feed_id, active=True).first()
    if feed is None:
        return None
    try:
        page = fetch_url(feed.url, feed=True, etag=feed.etag, last_modified=feed.last_modified)
    except FetchError as exc:
        return _record_error(feed, f"could not fetch the feed: {exc}")
    now = timezone.now()
    ok = {
        "last_polled_at": now,
        "error_count": 0,
        "last_error": "",
        "next_poll_at": now + timedelta(minutes=feed.poll_interval),
    }
    if page.not_modified:
        Feed.objects.filter(pk=feed.pk).update(**ok)
        return FeedPollResult(feed.pk, not_modified=True)

    parsed = feedparser.parse(page.body, response_headers={"content-type": page.content_type or "application/xml"})
    if not parsed.entries and (parsed.bozo or not parsed.version):
        reason = getattr(parsed, "bozo_exception", None) or "no entries"
        return _record_error(feed, f"not a valid RSS or Atom feed: {reason}")

    links = _entry_links(parsed)[:MAX_ENTRIES_PER_POLL]
    urls = [link for link, _ in links]
    known = set(Article.objects.filter(Q(url__in=urls) | Q(canonical_url__in=urls)).values_list("url", flat=True))
    known |= set(Article.objects.filter(canonical_url__in=urls).values_list("canonical_url", flat=True))
    known |= set(IngestItem.objects.filter(url__in=urls, payload__feed_id=feed.pk).values_list("url", flat=True))
    new = [(link, extra) for link, extra in links if link not in known]

    job_id = None
    with transaction.atomic():
        if new:
            job = IngestJob.objects.create(
                kind="feed", label=(feed.title or feed.url)[:500], total=len(new), queued=len(new)
            )
            IngestItem.objects.bulk_create(
                [
                    IngestItem(job=job, position=n, url=link, payload={"feed_id": feed.pk, **extra})
                    for n, (link, extra) in enumerate(new, start=1)
                ]
            )
            job_id = job.pk
            transaction.on_commit(lambda: ingest_job_enqueue(job_id=job_id))
        title = feed.title or (parsed.feed.get("title") or "").strip()[:500]
        Feed.objects.filter(pk=feed.pk).update(**ok, etag=page.etag, last_modified=page.last_modified, title=title)
    return FeedPollResult(feed.pk, entries=len(links), new=len(new), job_id=job_id)


def feeds_poll_due() -> int:
    """Queue a poll of every active feed that is due; each claimed once even with two beats."""
    from ..tasks import poll_feed

    now = timezone.now()
    queued = 0
    due = Feed.objects.filter(active=True).filter(Q(next_poll_at__isnull=True) | Q(next_poll_at__lte=now))
    for feed_id, next_poll_at, interval in due.values_list("id", "next_poll_at", "poll_interval"):
        # Push the next poll forward first: a second scheduler sees it is not due any more.
        claimed = Feed.objects.filter(pk=feed_id, next_poll_at=next_poll_at).update(
            next_poll_at=now + timedelta(minutes=interval)
        )
        if claimed:
            poll_feed.delay(feed_id)
            queued += 1
    return queued
