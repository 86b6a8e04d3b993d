"""Ingest jobs: a URL, a paste, an upload or a bulk file becomes items, each stored exactly once.

``ingest_job_create`` checks the input, writes the job and one item per article in one
transaction and queues the items after commit. An item with a URL is fetched first
(``ingest_item_fetch``, queue ``fetch``); every item is then read, stored and extracted
(``ingest_item_process``, queue ``extract``). Both steps are idempotent: a task delivered
twice, or again after its worker died, finds the item's state in the database and carries
on from there. The item's move to a final state and the job's counters change together in
one transaction, with F() increments, so counts stay right with many workers.
"""

from __future__ import annotations

import logging
import time
import zlib
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Case, F, Value, When
from django.utils import timezone

from ..lib.fetch import FetchError, fetch_url
from ..lib.ingest_input import IngestInputError, Spec, clean_text, item_specs
from ..lib.webpage import page_read, parse_datetime
from ..models import (
    Article,
    ExtractionStatus,
    IngestItem,
    IngestItemStatus,
    IngestJob,
    IngestJobStatus,
    IngestUpload,
)
from .articles import ArticleRejected, article_ingest, outlet_for

log = logging.getLogger(__name__)

TERMINAL = {IngestItemStatus.DONE, IngestItemStatus.DUPLICATE, IngestItemStatus.FAILED}
MIN_PAGE_CHARS = 150  # a fetched page with less text than this is not an article
COUNTER = {
    IngestItemStatus.DONE: "done",
    IngestItemStatus.DUPLICATE: "duplicates",
    IngestItemStatus.FAILED: "failed",
}


class TransientIngestError(Exception):
    """A step failed for a reason that may pass (time-out, 503): the caller should retry later."""


def ingest_job_create(
    *,
    user,
    kind: str,
    url: str | None = None,
    text: str | None = None,
    html: str | None = None,
    title: str = "",
    upload_name: str | None = None,
    upload_bytes: bytes | None = None,
    enqueue: bool = True,
    published: str = "",
    outlet: str = "",
    original_url: str = "",
) -> IngestJob:
    """Create a job and its items in one transaction and queue them after commit.

    ``kind`` is url, text, html or file (a .txt, .html/.htm or .jsonl file by its name). Input
    refused outright raises ``IngestInputError`` and creates nothing; a bad line in a JSONL
    file becomes a failed item with its line number while the other lines go in.
    ``enqueue=False`` leaves the items for the caller to run (the ``ingest`` command does).

    The request only stores: one fan-out task, queued after commit, sends the items to the
    workers (``ingest_queue``). A JSONL file of more than ``NEWSCLAIMS_INGEST_INLINE_LINES`` lines
    is stored as it is and split into items by that task, so a 100,000-line upload returns at once.
    """
    from .ingest_queue import ingest_job_fanout_later

    job_kind, label, specs = item_specs(
        kind=kind,
        url=url,
        text=text,
        html=html,
        title=title,
        name=upload_name,
        data=upload_bytes,
        published=published,
        outlet=outlet,
        original_url=original_url,
        defer_over=settings.NEWSCLAIMS_INGEST_INLINE_LINES if enqueue else None,
    )
    if not specs:
        raise IngestInputError("The file has no articles in it.")
    creator = user if getattr(user, "is_authenticated", False) else None
    with transaction.atomic():
        if isinstance(specs, int):  # a large file: stored whole, split by the fan-out task
            job = IngestJob.objects.create(
                kind=job_kind, label=label[:500], created_by=creator, total=specs, queued=specs
            )
            # Compressed (fast level): a JSONL file shrinks about tenfold, and the insert is what costs.
            IngestUpload.objects.create(job=job, data=zlib.compress(upload_bytes or b"", 1))
        else:
            job = IngestJob.objects.create(kind=job_kind, label=label[:500], created_by=creator)
            _store_specs(job, specs)
        if enqueue and job.status == IngestJobStatus.QUEUED:
            job_id = job.pk
            transaction.on_commit(lambda: ingest_job_fanout_later(job_id=job_id))
    return job


def _store_specs(job: IngestJob, specs: list[Spec]) -> None:
    """Write one item per spec and set the saved job's counts (and status, if all failed) from them."""
    failed = sum(1 for s in specs if s.error)
    job.total, job.queued, job.failed = len(specs), len(specs) - failed, failed
    if failed == len(specs):
        job.status, job.finished_at = IngestJobStatus.FAILED, timezone.now()
    job.save(update_fields=["total", "queued", "failed", "status", "finished_at"])
    IngestItem.objects.bulk_create(
        [
            IngestItem(
                job=job,
                position=s.position,
                url=s.url,
                payload=s.payload or {},
                status=IngestItemStatus.FAILED if s.error else IngestItemStatus.QUEUED,
                error=s.error,
            )
            for s in specs
        ],
        batch_size=1000,
    )


def ingest_job_enqueue(*, job_id: int) -> int:
    """Queue every unfinished item of a job (again), splitting a stored upload first.

    URL items are fetched one by one; the others are processed in batches of
    ``NEWSCLAIMS_INGEST_BATCH`` (one task stores and extracts a whole batch, which costs far
    fewer queries and commits than one task per article). ``manage.py ingest --resume`` runs this.
    """
    from .ingest_queue import ingest_job_send, ingest_job_split

    ingest_job_split(job_id=job_id)
    return ingest_job_send(job_id=job_id)


def needs_fetch(url: str, payload: dict) -> bool:
    return bool(url) and not any(key in payload for key in ("text", "html", "fetched"))


# --- running items ----------------------------------------------------------------------


def _jobs_started(items: list[IngestItem]) -> None:
    waiting = {item.job_id for item in items if item.job.started_at is None}
    if waiting:
        IngestJob.objects.filter(pk__in=waiting, status=IngestJobStatus.QUEUED).update(
            status=IngestJobStatus.RUNNING, started_at=timezone.now()
        )


@dataclass(frozen=True)
class Finish:
    """An item's final state: DONE, DUPLICATE or FAILED, with its error and new payload."""

    item_id: int
    status: str
    error: str = ""
    payload: dict | None = None


@transaction.atomic
def ingest_items_finish(*, finishes: list[Finish]) -> set[int]:
    """Move items to their final states and count them on their jobs, each once.

    Returns the ids moved now (an item already final, by another delivery, is left alone).
    The items are locked in id order, so concurrent callers cannot deadlock or count twice.
    """
    by_id = {f.item_id: f for f in finishes}
    rows = list(
        IngestItem.objects.select_for_update()
        .filter(pk__in=list(by_id))
        .exclude(status__in=TERMINAL)
        .order_by("pk")
        .only("id", "job_id", "payload")
    )
    if not rows:
        return set()
    now = timezone.now()
    counts: dict[int, Counter] = defaultdict(Counter)
    for item in rows:
        finish = by_id[item.pk]
        item.status, item.error, item.updated_at = finish.status, finish.error[:4000], now
        if finish.payload is not None:
            item.payload = finish.payload
        counts[item.job_id][COUNTER[IngestItemStatus(finish.status)]] += 1
    IngestItem.objects.bulk_update(rows, ["status", "error", "payload", "updated_at"])
    for job_id, counted in sorted(counts.items()):
        job = IngestJob.objects.filter(pk=job_id)
        job.update(queued=F("queued") - sum(counted.values()), **{name: F(name) + n for name, n in counted.items()})
        # The last items close the job: the row is locked by the update above, so exactly one caller sees 0.
        job.filter(queued=0, status__in=[IngestJobStatus.QUEUED, IngestJobStatus.RUNNING]).update(
            status=Case(
                When(failed=F("total"), then=Value(IngestJobStatus.FAILED)), default=Value(IngestJobStatus.DONE)
            ),
            finished_at=now,
        )
    return {item.pk for item in rows}


def ingest_item_finish(*, item_id: int, status: str, error: str = "", payload: dict | None = None) -> bool:
    """Move one item to a final state and count it on its job, once; False if it was already final."""
    return bool(ingest_items_finish(finishes=[Finish(item_id, status, error, payload)]))


def ingest_item_fail(*, item_id: int, error: str) -> bool:
    return ingest_item_finish(item_id=item_id, status=IngestItemStatus.FAILED, error=error)


def ingest_item_fetch(*, item_id: int, final_attempt: bool = False) -> bool:
    """Fetch an item's URL into its payload. True when the item is ready to be processed.

    A transient failure raises ``TransientIngestError`` (unless ``final_attempt``), a permanent
    one fails the item with the reason.
    """
    item = IngestItem.objects.filter(pk=item_id).select_related("job").first()
    if item is None or item.status in TERMINAL:
        return False
    if not needs_fetch(item.url, item.payload):
        return True
    IngestItem.objects.filter(pk=item_id).exclude(status__in=TERMINAL).update(
        status=IngestItemStatus.FETCHING, attempts=F("attempts") + 1, updated_at=timezone.now()
    )
    _jobs_started([item])
    started = time.perf_counter()
    try:
        page = fetch_url(item.url)
    except FetchError as exc:
        if exc.transient and not final_attempt:
            raise TransientIngestError(str(exc)) from exc
        ingest_item_fail(item_id=item_id, error=str(exc))
        return False
    except Exception as exc:  # a fetch ends in done or failed, whatever the page did (fetch_url has no DB)
        log.exception("fetching ingest item %s failed unexpectedly", item_id)
        ingest_item_fail(item_id=item_id, error=f"the page could not be fetched: {type(exc).__name__}: {exc}")
        return False
    body = page.text()
    fetched = {"final_url": page.final_url, "text" if page.content_type == "text/plain" else "html": body}
    payload = {**item.payload, "fetched": fetched}
    payload.setdefault("timing", {})["fetch"] = round(time.perf_counter() - started, 6)
    return bool(IngestItem.objects.filter(pk=item_id).exclude(status__in=TERMINAL).update(payload=payload))


def _same_site(a: str, b: str) -> bool:
    host_a = (urlsplit(a).hostname or "").removeprefix("www.")
    host_b = (urlsplit(b).hostname or "").removeprefix("www.")
    return bool(host_a) and host_a == host_b


def _article_fields(item: IngestItem) -> dict[str, Any]:
    """What ``article_ingest`` needs, read from the item's payload (parsing HTML where there is some)."""
    payload = item.payload
    fetched = payload.get("fetched") or {}
    url = fetched.get("final_url") or item.url or None
    fields: dict[str, Any] = {"url": url, "canonical_url": None, "html": "", "byline": payload.get("byline", "")}
    html = fetched.get("html") if fetched else payload.get("html")
    text = fetched.get("text") if fetched else payload.get("text")
    site_name = ""
    if html is not None:
        page = page_read(html, url=url, min_chars=MIN_PAGE_CHARS if fetched else 0)
        fields.update(text=page.text, html=page.html, title=page.title, language=page.language or "en")
        fields["byline"] = fields["byline"] or page.byline
        fields["published_at"] = page.published_at
        if page.canonical_url and url and _same_site(page.canonical_url, url):
            fields["canonical_url"] = page.canonical_url
        site_name = page.site_name
    else:
        fields["text"] = text or ""
    if payload.get("title"):
        fields["title"] = payload["title"]
    if payload.get("published"):
        fields["published_at"] = parse_datetime(payload["published"])
    if not fields.get("title") and payload.get("entry_title"):  # a feed entry's own title, as a fallback
        fields["title"] = clean_text(payload["entry_title"])
    if not fields.get("published_at") and payload.get("entry_published"):
        fields["published_at"] = parse_datetime(payload["entry_published"])
    domain = urlsplit(url).hostname if url else None
    fields["_outlet"] = (payload.get("outlet"), None if payload.get("outlet") else domain, site_name)
    if payload.get("feed_id"):
        fields["feed_id"] = payload["feed_id"]
    return fields


def _outlet(name: str | None, domain: str | None, site_name: str):
    """The outlet by the name given, else the page's own site name (og:site_name, JSON-LD
    publisher), else its domain; None when there is none of these (a bare paste)."""
    if not name and not domain and not site_name:
        return None
    for _ in range(2):
        try:
            with transaction.atomic():
                return outlet_for(
                    name=name or (site_name if site_name and site_name != domain else None), domain=domain
                )
        except IntegrityError:  # created by another worker at the same moment: read it now
            continue
    return None


def _outlet_of(fields: dict[str, Any], outlets: dict) -> None:
    """Put the item's outlet in ``fields`` (its feed's, or found or made by name and domain)."""
    outlet_args = fields.pop("_outlet")
    feed_id = fields.get("feed_id")
    if feed_id and not fields.get("outlet"):
        from ..models import Feed

        feed = Feed.objects.filter(pk=feed_id).select_related("outlet").first()
        fields["outlet"] = feed.outlet if feed else None
        if feed is None:
            fields.pop("feed_id")
    if fields.get("outlet") is None:
        if outlet_args not in outlets:
            outlets[outlet_args] = _outlet(*outlet_args)
        fields["outlet"] = outlets[outlet_args]


def _store_one(item: IngestItem, fields: dict[str, Any], timing: dict[str, float]) -> IngestItem | None:
    """Store one article and link it to its item; None if another delivery did that already.

    Runs inside a transaction; raises ``ArticleRejected`` before writing anything.
    """
    locked = IngestItem.objects.select_for_update().filter(pk=item.pk).values_list("article_id", "status").first()
    if locked is None or locked[0] is not None or locked[1] in TERMINAL:
        return None  # another delivery of the same task got here first
    outcome = article_ingest(**fields, extract=False)
    payload = {k: v for k, v in item.payload.items() if k not in {"text", "html", "fetched"}}
    payload["outcome"] = "created" if outcome.created else "revised" if outcome.revised else "duplicate"
    payload["timing"] = {**payload.get("timing", {}), **{k: round(v, 6) for k, v in timing.items()}}
    item.article = outcome.article
    item.payload = payload
    item.updated_at = timezone.now()
    return item


def _store_items(items: list[IngestItem], finishes: list[Finish]) -> list[tuple[IngestItem, bool]]:
    """Store the articles of items that have none yet, all in one transaction.

    Returns ``(item, stored by this call)`` for every item that has an article now; an item whose
    input is refused gets a FAILED finish. Should the batch fail as a whole (a deadlock with a
    worker storing the same articles, say), each item is tried again on its own, so an error
    lands on the item that caused it.
    """
    out: list[tuple[IngestItem, bool]] = []
    todo: list[tuple[IngestItem, dict[str, Any], float]] = []
    outlets: dict = {}
    for item in items:
        if item.article_id is not None:
            out.append((item, False))
            continue
        started = time.perf_counter()
        try:
            fields = _article_fields(item)
            _outlet_of(fields, outlets)
        except ArticleRejected as exc:
            finishes.append(Finish(item.pk, IngestItemStatus.FAILED, str(exc)))
            continue
        todo.append((item, fields, time.perf_counter() - started))
    if not todo:
        return out
    try:
        stored = _store_batch(todo, finishes)
    except Exception:
        if len(todo) == 1:
            raise
        log.warning("storing %d items together failed; storing them one by one", len(todo), exc_info=True)
        stored = []
        for one in todo:
            try:
                stored += _store_batch([one], finishes)
            except Exception as exc:
                log.exception("storing ingest item %s failed", one[0].pk)
                finishes.append(Finish(one[0].pk, IngestItemStatus.FAILED, f"could not be stored: {exc}"))
    out += stored
    return out


def _store_batch(
    todo: list[tuple[IngestItem, dict[str, Any], float]], finishes: list[Finish]
) -> list[tuple[IngestItem, bool]]:
    started = time.perf_counter()
    out: list[tuple[IngestItem, bool]] = []
    refused: list[Finish] = []
    with transaction.atomic():
        done: list[IngestItem] = []
        for item, fields, parse in todo:
            try:
                with transaction.atomic():
                    stored = _store_one(item, dict(fields), {"parse": parse})
            except ArticleRejected as exc:
                refused.append(Finish(item.pk, IngestItemStatus.FAILED, str(exc)))
                continue
            if stored is None:  # a concurrent delivery stored it: carry on from what it wrote
                again = IngestItem.objects.filter(pk=item.pk).first()
                if again is not None and again.status not in TERMINAL and again.article_id:
                    out.append((again, False))
                continue
            done.append(stored)
        IngestItem.objects.bulk_update(done, ["article", "payload", "updated_at"])
    finishes += refused
    share = (time.perf_counter() - started) / max(len(todo), 1)
    for item in done:
        item.payload["timing"]["store"] = round(share, 6)
        out.append((item, True))
    return out


def ingest_item_process(*, item_id: int) -> str | None:
    """Read, store and extract one item; returns its final status (None if the item is gone)."""
    return ingest_items_process(item_ids=[item_id]).get(item_id)


def ingest_items_process(*, item_ids: list[int]) -> dict[int, str]:
    """Read, store and extract a batch of items; returns each one's final status (gone items are left out).

    The articles are stored in one transaction and then extracted together (``articles_extract``:
    a fixed number of queries for the whole batch), and the items are counted on their jobs in
    one transaction. Safe to run again at any point: a stored item is not stored twice, an
    extracted article is not extracted twice, and an item is counted on its job once.
    """
    statuses: dict[int, str] = {}
    finishes: list[Finish] = []
    items: list[IngestItem] = []
    for item in IngestItem.objects.filter(pk__in=item_ids).select_related("job").order_by("pk"):
        if item.status in TERMINAL:
            statuses[item.pk] = item.status
        elif needs_fetch(item.url, item.payload):
            finishes.append(Finish(item.pk, IngestItemStatus.FAILED, "the page was not fetched"))
        else:
            items.append(item)
    _jobs_started(items)

    stored = _store_items(items, finishes)

    # Which articles still need extracting: the fresh ones, and any earlier delivery left unfinished.
    known = [item.article_id for item, fresh in stored if not fresh and item.article_id]
    states = dict(Article.objects.filter(pk__in=known).values_list("pk", "extraction_status"))
    to_extract: list[int] = []
    extracting: list[IngestItem] = []
    for item, fresh in stored:
        if item.article_id is None:
            finishes.append(Finish(item.pk, IngestItemStatus.FAILED, "the article was not stored"))
        elif item.payload.get("outcome") == "duplicate":
            finishes.append(Finish(item.pk, IngestItemStatus.DUPLICATE, payload=item.payload))
        elif not fresh and item.article_id not in states:
            finishes.append(
                Finish(item.pk, IngestItemStatus.FAILED, "the article was deleted while it was being ingested")
            )
        elif fresh or states[item.article_id] != ExtractionStatus.DONE:
            to_extract.append(item.article_id)
            extracting.append(item)
        else:  # stored and extracted by an earlier delivery that died before counting the item
            finishes.append(Finish(item.pk, IngestItemStatus.DONE, payload=item.payload))

    failed: dict[int, Exception] = {}
    if to_extract:
        started = time.perf_counter()
        try:
            failed = _extract(sorted(set(to_extract)))
        except Exception as exc:  # saving failed as a whole: the articles are kept, the error shown
            failed = dict.fromkeys(to_extract, exc)
        share = round((time.perf_counter() - started) / len(to_extract), 6)
    for item in extracting:
        item.payload.setdefault("timing", {})["extract"] = share
        if item.article_id is None:  # extracting holds stored items only
            raise RuntimeError(f"ingest item {item.pk} has no article to extract")
        failure = failed.get(item.article_id)
        error = f"stored, but extraction failed: {type(failure).__name__}: {failure}" if failure else ""
        finishes.append(Finish(item.pk, IngestItemStatus.DONE, error, item.payload))

    moved = ingest_items_finish(finishes=finishes)
    for finish in finishes:
        statuses[finish.item_id] = finish.status
    unmoved = [f.item_id for f in finishes if f.item_id not in moved]
    if unmoved:  # another delivery finished them first: report what it decided
        statuses.update(IngestItem.objects.filter(pk__in=unmoved).values_list("pk", "status"))
    return statuses


def _extract(article_ids: list[int]) -> dict[int, Exception]:
    from .extraction import articles_extract

    return articles_extract(article_ids=article_ids).failed
