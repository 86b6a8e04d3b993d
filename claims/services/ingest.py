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

import json
import time
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Case, F, Subquery, Value, When
from django.utils import timezone

from ..models import (
    Article,
    ExtractionStatus,
    IngestItem,
    IngestItemStatus,
    IngestJob,
    IngestJobStatus,
)
from .articles import ArticleRejected, article_ingest, outlet_for
from .fetch import FetchError, decode_body, fetch_url
from .pages import page_read, parse_datetime

KINDS = {"url", "text", "html", "file"}
TERMINAL = {IngestItemStatus.DONE, IngestItemStatus.DUPLICATE, IngestItemStatus.FAILED}
MAX_UPLOAD_BYTES = 100 * 1024 * 1024
MIN_PAGE_CHARS = 150  # a fetched page with less text than this is not an article
COUNTER = {
    IngestItemStatus.DONE: "done",
    IngestItemStatus.DUPLICATE: "duplicates",
    IngestItemStatus.FAILED: "failed",
}


class IngestInputError(ValueError):
    """The request is refused as a whole (nothing to ingest, unknown file type); no job is created."""


class TransientIngestError(Exception):
    """A step failed for a reason that may pass (time-out, 503): the caller should retry later."""


@dataclass(frozen=True)
class _Spec:
    position: int
    url: str = ""
    payload: dict | None = None
    error: str = ""


# --- creating jobs ----------------------------------------------------------------------


def check_url(url: str) -> str:
    url = (url or "").strip()
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise ValueError(f"not an http(s) URL: {url[:200]!r}")
    if len(url) > 2000:
        raise ValueError("the URL is longer than 2000 characters")
    return url


def _max_article_bytes() -> int:
    return settings.NEWSCLAIMS_FETCH_MAX_BYTES


def _jsonl_specs(data: bytes) -> list[_Spec]:
    specs: list[_Spec] = []
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    for number, raw_line in enumerate(data.split(b"\n"), start=1):
        if not raw_line.strip():
            continue
        try:
            line = raw_line.decode("utf-8")
        except UnicodeDecodeError as exc:
            specs.append(_Spec(number, error=f"line {number}: not UTF-8 text (byte {exc.start + 1})"))
            continue
        try:
            row = json.loads(line)
        except ValueError as exc:
            specs.append(_Spec(number, error=f"line {number}: not valid JSON ({exc})"))
            continue
        try:
            specs.append(_row_spec(number, row))
        except ValueError as exc:
            specs.append(_Spec(number, url=_safe_url(row), error=f"line {number}: {exc}"))
    return specs


def _safe_url(row: Any) -> str:
    url = row.get("url") if isinstance(row, dict) else None
    try:
        return check_url(url) if isinstance(url, str) else ""
    except ValueError:
        return ""


def _row_spec(number: int, row: Any) -> _Spec:
    if not isinstance(row, dict):
        raise ValueError("expected a JSON object with url, title, published, text or html, outlet")
    payload: dict[str, Any] = {}
    for key in ("title", "outlet", "byline"):
        value = row.get(key)
        if value is not None and not isinstance(value, str):
            raise ValueError(f'"{key}" must be a string')
        if value:
            payload[key] = value.strip()
    published = row.get("published")
    if published:
        if not isinstance(published, str) or parse_datetime(published) is None:
            raise ValueError(f'"published" is not an ISO date: {published!r}')
        payload["published"] = published
    url = row.get("url") or ""
    if url:
        if not isinstance(url, str):
            raise ValueError('"url" must be a string')
        url = check_url(url)
    for key in ("text", "html"):
        value = row.get(key)
        if value is None or value == "":
            continue
        if not isinstance(value, str):
            raise ValueError(f'"{key}" must be a string')
        if not value.strip():
            continue
        if len(value.encode("utf-8", "ignore")) > _max_article_bytes():
            raise ValueError(f'"{key}" is larger than the {_max_article_bytes() // (1024 * 1024)} MB limit')
        payload[key] = value
        break
    if "text" not in payload and "html" not in payload and not url:
        raise ValueError('needs "text", "html" or a "url" to fetch')
    return _Spec(number, url=url, payload=payload)


def _specs(
    *, kind: str, url: str | None, text: str | None, html: str | None, title: str, name: str | None, data: bytes | None
) -> tuple[str, str, list[_Spec]]:
    """(job kind, label, item specs) for a request; raises IngestInputError when there is nothing to do."""
    title = (title or "").strip()
    base = {"title": title} if title else {}
    if kind == "url":
        try:
            url = check_url(url or "")
        except ValueError as exc:
            raise IngestInputError(f"Give an http or https URL to fetch ({exc}).") from None
        return "url", url, [_Spec(1, url=url, payload=base)]
    if kind in {"text", "html"}:
        value = text if kind == "text" else html
        if not value or not value.strip():
            raise IngestInputError(f"The pasted {kind} is empty.")
        if len(value.encode("utf-8", "ignore")) > _max_article_bytes():
            raise IngestInputError(f"The pasted {kind} is larger than the {_max_article_bytes() // 2**20} MB limit.")
        return kind, title or value.strip()[:80], [_Spec(1, payload={**base, kind: value})]
    if kind != "file":
        raise IngestInputError(f"Unknown kind {kind!r}: use one of url, text, html, file.")
    if not name or data is None:
        raise IngestInputError("No file was uploaded.")
    if len(data) > MAX_UPLOAD_BYTES:
        raise IngestInputError(f"The file is larger than the {MAX_UPLOAD_BYTES // 2**20} MB limit.")
    if not data.strip():
        raise IngestInputError(f"The file {name} is empty.")
    suffix = PurePosixPath(name.replace("\\", "/")).suffix.lower()
    label = PurePosixPath(name.replace("\\", "/")).name[:500]
    if suffix in {".jsonl", ".ndjson"}:
        return "jsonl", label, _jsonl_specs(data)
    if len(data) > _max_article_bytes():
        raise IngestInputError(f"The file is larger than the {_max_article_bytes() // 2**20} MB limit for one article.")
    if b"\x00" in data[:2048] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise IngestInputError(f"The file {name} is binary, not text.")
    if suffix == ".txt":
        return "file", label, [_Spec(1, payload={**base, "text": decode_body(data)})]
    if suffix in {".html", ".htm"}:
        return "file", label, [_Spec(1, payload={**base, "html": decode_body(data)})]
    raise IngestInputError(f"Cannot ingest {label}: use a .txt, .html, .htm or .jsonl file.")


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
) -> IngestJob:
    """Create a job and its items in one transaction and queue them after commit.

    ``kind`` is url, text, html or file (a .txt, .html/.htm or .jsonl file by its name). Input
    refused outright raises ``IngestInputError`` and creates nothing; a bad line in a JSONL
    file becomes a failed item with its line number while the other lines go in.
    ``enqueue=False`` leaves the items for the caller to run (the ``ingest`` command does).
    """
    job_kind, label, specs = _specs(
        kind=kind, url=url, text=text, html=html, title=title, name=upload_name, data=upload_bytes
    )
    if not specs:
        raise IngestInputError("The file has no articles in it.")
    failed = sum(1 for s in specs if s.error)
    now = timezone.now()
    with transaction.atomic():
        job = IngestJob.objects.create(
            kind=job_kind,
            label=label[:500],
            created_by=user if getattr(user, "is_authenticated", False) else None,
            total=len(specs),
            queued=len(specs) - failed,
            failed=failed,
            status=IngestJobStatus.FAILED if failed == len(specs) else IngestJobStatus.QUEUED,
            finished_at=now if failed == len(specs) else None,
        )
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
        if enqueue and failed < len(specs):
            job_id = job.pk
            transaction.on_commit(lambda: ingest_job_enqueue(job_id=job_id))
    return job


def ingest_job_enqueue(*, job_id: int) -> int:
    """Queue every unfinished item of a job (again): fetch the ones with a URL, process the others."""
    from ..tasks import fetch_item, ingest_item

    count = 0
    for item_id, url, payload in (
        IngestItem.objects.filter(job_id=job_id)
        .exclude(status__in=TERMINAL)
        .order_by("position")
        .values_list("id", "url", "payload")
    ):
        if needs_fetch(url, payload):
            fetch_item.delay(item_id)
        else:
            ingest_item.delay(item_id)
        count += 1
    return count


def needs_fetch(url: str, payload: dict) -> bool:
    return bool(url) and not any(key in payload for key in ("text", "html", "fetched"))


# --- running items ----------------------------------------------------------------------


def _job_started(item: IngestItem) -> None:
    if item.job.started_at is None:
        IngestJob.objects.filter(pk=item.job_id, status=IngestJobStatus.QUEUED).update(
            status=IngestJobStatus.RUNNING, started_at=timezone.now()
        )


@transaction.atomic
def ingest_item_finish(*, item_id: int, status: str, error: str = "", payload: dict | None = None) -> bool:
    """Move an item to a final state and count it on its job, once; False if it was already final."""
    values: dict[str, Any] = {"status": status, "error": error[:4000], "updated_at": timezone.now()}
    if payload is not None:
        values["payload"] = payload
    moved = IngestItem.objects.filter(pk=item_id).exclude(status__in=TERMINAL).update(**values)
    if not moved:
        return False
    counter = COUNTER[IngestItemStatus(status)]
    job = IngestJob.objects.filter(pk=Subquery(IngestItem.objects.filter(pk=item_id).values("job_id")[:1]))
    job.update(queued=F("queued") - 1, **{counter: F(counter) + 1})
    # The last item closes the job: the row is locked by the update above, so exactly one item sees 0.
    job.filter(queued=0, status__in=[IngestJobStatus.QUEUED, IngestJobStatus.RUNNING]).update(
        status=Case(When(failed=F("total"), then=Value(IngestJobStatus.FAILED)), default=Value(IngestJobStatus.DONE)),
        finished_at=timezone.now(),
    )
    return True


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
    _job_started(item)
    started = time.perf_counter()
    try:
        page = fetch_url(item.url)
    except FetchError as exc:
        if exc.transient and not final_attempt:
            raise TransientIngestError(str(exc)) from exc
        ingest_item_fail(item_id=item_id, error=str(exc))
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
        fields["title"] = payload["entry_title"]
    if not fields.get("published_at") and payload.get("entry_published"):
        fields["published_at"] = parse_datetime(payload["entry_published"])
    domain = urlsplit(url).hostname if url else None
    fields["_outlet"] = (payload.get("outlet"), None if payload.get("outlet") else domain, site_name)
    if payload.get("feed_id"):
        fields["feed_id"] = payload["feed_id"]
    return fields


def _outlet(name: str | None, domain: str | None, site_name: str):
    if not name and not domain:
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


def _store(item_id: int, fields: dict[str, Any], timing: dict[str, float]) -> IngestItem | None:
    """Store the article and link it to the item, in one transaction; None if that was done already."""
    with transaction.atomic():
        item = IngestItem.objects.select_for_update().filter(pk=item_id).first()
        if item is None or item.article_id or item.status in TERMINAL:
            return None  # another delivery of the same task got here first
        outlet_args = fields.pop("_outlet")
        feed_id = fields.get("feed_id")
        if feed_id and not fields.get("outlet"):
            from ..models import Feed

            feed = Feed.objects.filter(pk=feed_id).select_related("outlet").first()
            fields["outlet"] = feed.outlet if feed else None
            if feed is None:
                fields.pop("feed_id")
        if fields.get("outlet") is None:
            fields["outlet"] = _outlet(*outlet_args)
        outcome = article_ingest(**fields, extract=False)
        payload = {k: v for k, v in item.payload.items() if k not in {"text", "html", "fetched"}}
        payload["outcome"] = "created" if outcome.created else "revised" if outcome.revised else "duplicate"
        payload["timing"] = {**payload.get("timing", {}), **{k: round(v, 6) for k, v in timing.items()}}
        item.article = outcome.article
        item.payload = payload
        item.save(update_fields=["article", "payload", "updated_at"])
    return item


def ingest_item_process(*, item_id: int) -> str | None:
    """Read, store and extract one item; returns its final status (None if the item is gone).

    Safe to run again at any point: a stored item is not stored twice, an extracted article is
    not extracted twice, and the item is counted on its job once.
    """
    item = IngestItem.objects.filter(pk=item_id).select_related("job").first()
    if item is None:
        return None
    if item.status in TERMINAL:
        return item.status
    if needs_fetch(item.url, item.payload):
        ingest_item_fail(item_id=item_id, error="the page was not fetched")
        return IngestItemStatus.FAILED
    _job_started(item)
    fresh = False
    if item.article_id is None:
        started = time.perf_counter()
        try:
            fields = _article_fields(item)
            stored = _store(item_id, fields, {"parse": time.perf_counter() - started})
        except ArticleRejected as exc:
            ingest_item_fail(item_id=item_id, error=str(exc))
            return IngestItemStatus.FAILED
        if stored is None:  # a concurrent delivery stored it: carry on from what it wrote
            item = IngestItem.objects.get(pk=item_id)
            if item.status in TERMINAL:
                return item.status
        else:
            item, fresh = stored, True
            parse = item.payload["timing"].get("parse", 0)
            item.payload["timing"]["store"] = round(time.perf_counter() - started - parse, 6)
        if item.article_id is None:
            ingest_item_fail(item_id=item_id, error="the article was not stored")
            return IngestItemStatus.FAILED

    outcome = item.payload.get("outcome", "created")
    error = ""
    if outcome != "duplicate":
        if fresh:
            extracted = False
        else:
            state = Article.objects.filter(pk=item.article_id).values_list("extraction_status", flat=True).first()
            if state is None:
                ingest_item_fail(item_id=item_id, error="the article was deleted while it was being ingested")
                return IngestItemStatus.FAILED
            extracted = state == ExtractionStatus.DONE
        if not extracted:
            started = time.perf_counter()
            try:
                _extract(item.article_id)
            except Exception as exc:  # the engine failed on this text: the article is kept, the error shown
                error = f"stored, but extraction failed: {type(exc).__name__}: {exc}"
            item.payload.setdefault("timing", {})["extract"] = round(time.perf_counter() - started, 6)
    status = IngestItemStatus.DUPLICATE if outcome == "duplicate" else IngestItemStatus.DONE
    if ingest_item_finish(item_id=item_id, status=status, error=error, payload=item.payload):
        return status
    return IngestItem.objects.filter(pk=item_id).values_list("status", flat=True).first()


def _extract(article_id: int) -> None:
    from .extraction import article_extract

    article_extract(article_id=article_id)


# --- reading progress -------------------------------------------------------------------


def ingest_job_progress(job: IngestJob) -> dict:
    """Counts, status and per-item errors of a job, fresh from the database."""
    job = IngestJob.objects.get(pk=job.pk)
    errors = [
        {"position": position, "url": url, "error": error}
        for position, url, error in IngestItem.objects.filter(job_id=job.pk)
        .exclude(error="")
        .order_by("position")
        .values_list("position", "url", "error")[:500]
    ]
    return {
        "status": job.status,
        "total": job.total,
        "queued": job.queued,
        "done": job.done,
        "duplicates": job.duplicates,
        "failed": job.failed,
        "errors": errors,
        "started_at": job.started_at,
        "finished_at": job.finished_at,
    }
