"""What an ingest request holds, checked: a URL, a paste or an upload (one article, or a JSON Lines
file of many) turned into item specs, or refused as a whole with ``IngestInputError``."""

from __future__ import annotations

import html as htmllib
import json
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings

from .fetch import decode_body
from .webpage import parse_datetime

MAX_UPLOAD_BYTES = 100 * 1024 * 1024


class IngestInputError(ValueError):
    """The request is refused as a whole (nothing to ingest, unknown file type); no job is created."""


@dataclass(frozen=True)
class Spec:
    position: int
    url: str = ""
    payload: dict[str, Any] | None = None
    error: str = ""


def clean_text(value: str) -> str:
    """Text as the engine wants it: HTML entities (``&quot;``, ``&#8220;``) unescaped, NUL bytes gone.

    For text that arrives as text (a paste, a JSONL field, a feed entry's title), never for HTML,
    which the page reader parses itself.
    """
    return htmllib.unescape(value.replace("\x00", "")) if value else value


def check_url(url: str) -> str:
    url = (url or "").strip()
    if "\x00" in url:
        raise ValueError("the URL contains a NUL character")
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise ValueError(f"not an http(s) URL: {url[:200]!r}")
    if len(url) > 2000:
        raise ValueError("the URL is longer than 2000 characters")
    return url


def _max_article_bytes() -> int:
    return settings.NEWSCLAIMS_FETCH_MAX_BYTES


def _jsonl_specs(data: bytes) -> list[Spec]:
    specs: list[Spec] = []
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    for number, raw_line in enumerate(data.split(b"\n"), start=1):
        if not raw_line.strip():
            continue
        try:
            line = raw_line.decode("utf-8")
        except UnicodeDecodeError as exc:
            specs.append(Spec(number, error=f"line {number}: not UTF-8 text (byte {exc.start + 1})"))
            continue
        try:
            row = json.loads(line)
        except ValueError as exc:
            specs.append(Spec(number, error=f"line {number}: not valid JSON ({exc})"))
            continue
        try:
            specs.append(_row_spec(number, row))
        except ValueError as exc:
            specs.append(Spec(number, url=_safe_url(row), error=f"line {number}: {exc}"))
    return specs


def _safe_url(row: Any) -> str:
    url = row.get("url") if isinstance(row, dict) else None
    try:
        return check_url(url) if isinstance(url, str) else ""
    except ValueError:
        return ""


def _row_spec(number: int, row: Any) -> Spec:
    if not isinstance(row, dict):
        raise ValueError("expected a JSON object with url, title, published, text or html, outlet")
    payload: dict[str, Any] = {}
    for key in ("title", "outlet", "byline"):
        value = row.get(key)
        if value is not None and not isinstance(value, str):
            raise ValueError(f'"{key}" must be a string')
        if value:
            payload[key] = clean_text(value).strip()
    published = row.get("published")
    if published:
        if not isinstance(published, str) or "\x00" in published or parse_datetime(published) is None:
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
        payload[key] = clean_text(value) if key == "text" else value.replace("\x00", "")
        break
    if "text" not in payload and "html" not in payload and not url:
        raise ValueError('needs "text", "html" or a "url" to fetch')
    return Spec(number, url=url, payload=payload)


REFUSED_ADDRESS = (
    "This server does not fetch pages from private or local network addresses ({detail}). "
    "Paste the article's text (or its HTML) instead, or save the page and upload the file."
)


def check_fetchable(url: str) -> None:
    """Refuse, before anything is queued, a URL whose host is a private, loopback or otherwise
    internal address (the fetcher's own guard, ``NEWSCLAIMS_ALLOW_PRIVATE_FETCH`` included).
    A host that does not resolve now is left to the fetcher, which retries and reports it."""
    from .fetch import FetchError, UnsafeAddressError, resolve_checked

    parts = urlsplit(url)
    try:
        resolve_checked(parts.hostname or "", parts.port or (443 if parts.scheme == "https" else 80))
    except UnsafeAddressError as exc:
        raise IngestInputError(REFUSED_ADDRESS.format(detail=exc)) from None
    except (FetchError, ValueError):
        return


def _jsonl_lines(data: bytes) -> int:
    """How many items ``_jsonl_specs`` will make of ``data`` (its non-blank lines), without parsing."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    return sum(1 for line in data.split(b"\n") if line.strip())


def item_specs(
    *,
    kind: str,
    url: str | None,
    text: str | None,
    html: str | None,
    title: str,
    name: str | None,
    data: bytes | None,
    published: str = "",
    outlet: str = "",
    original_url: str = "",
    defer_over: int | None = None,
) -> tuple[str, str, list[Spec] | int]:
    """(job kind, label, item specs) for a request; raises IngestInputError when there is nothing to do.

    A paste may say when (``published``, an ISO date), where (``outlet``) and at which address
    (``original_url``, stored as the article's link, never fetched) it was published.

    With ``defer_over``, a JSONL file of more lines than that is not parsed here: the number of
    its lines comes back in place of the specs, and the fan-out task parses it.
    """
    title = (title or "").strip()
    base = {"title": title} if title else {}
    if kind == "url":
        try:
            url = check_url(url or "")
        except ValueError as exc:
            raise IngestInputError(f"Give an http or https URL to fetch ({exc}).") from None
        check_fetchable(url)
        return "url", url, [Spec(1, url=url, payload=base)]
    if kind in {"text", "html"}:
        value = text if kind == "text" else html
        if not value or not value.strip():
            raise IngestInputError(f"The pasted {kind} is empty.")
        if len(value.encode("utf-8", "ignore")) > _max_article_bytes():
            raise IngestInputError(f"The pasted {kind} is larger than the {_max_article_bytes() // 2**20} MB limit.")
        value = clean_text(value) if kind == "text" else value.replace("\x00", "")
        base = {"title": clean_text(title)} if title else {}
        payload = {**base, kind: value}
        if published:
            if parse_datetime(published) is None:
                raise IngestInputError(f"The date {published[:40]!r} is not a date (use YYYY-MM-DD).")
            payload["published"] = published
        if outlet and outlet.strip():
            payload["outlet"] = outlet.strip()[:200]
        link = ""
        if original_url and original_url.strip():
            try:
                link = check_url(original_url)
            except ValueError as exc:
                raise IngestInputError(f"The original URL must be an http or https address ({exc}).") from None
        return kind, title or value.strip()[:80], [Spec(1, url=link, payload=payload)]
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
        if defer_over is not None:
            lines = _jsonl_lines(data)
            if lines > defer_over:
                return "jsonl", label, lines
        return "jsonl", label, _jsonl_specs(data)
    if len(data) > _max_article_bytes():
        raise IngestInputError(f"The file is larger than the {_max_article_bytes() // 2**20} MB limit for one article.")
    if b"\x00" in data[:2048] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise IngestInputError(f"The file {name} is binary, not text.")
    if suffix in {".txt", ".html", ".htm"}:
        decoded = decode_body(data)
        if "\x00" in decoded:
            raise IngestInputError(
                f"The file {name} is binary, not text: it has a NUL byte at character {decoded.index(chr(0)) + 1}."
            )
        if suffix == ".txt":
            return "file", label, [Spec(1, payload={**base, "text": clean_text(decoded)})]
        return "file", label, [Spec(1, payload={**base, "html": decoded})]
    raise IngestInputError(f"Cannot ingest {label}: use a .txt, .html, .htm or .jsonl file.")
