"""Quote drift: quotes across articles that report the same statement, kept in groups (issue 18).

Two quotes report the same statement when they come from different articles published within
``WINDOW_DAYS`` of each other and share most of their words (``overlap``: shared distinct words
over the shorter quote's, so a trimmed version still matches its full one). The speaker must be
the same or unresolved on one side; a quote credited to a *different* speaker joins only when its
words match almost entirely (``OTHER_SPEAKER_OVERLAP``): the page then shows it as credited to
someone else. Grouping runs after extraction with a fixed number of queries per batch of
articles, whatever their number of quotes.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from datetime import timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, F
from django.db.models.functions import Coalesce
from django.utils import timezone

from ..models import Quote, ReviewStatus, Statement, StatementQuote

WINDOW_DAYS = 7
MIN_WORDS = 5
SAME_SPEAKER_OVERLAP = 0.6
OTHER_SPEAKER_OVERLAP = 0.85
VERIFY_FIELDS = ["verified_quote", "verified_text", "source_url", "verified_by", "verified_at", "updated_at"]
_WORD = re.compile(r"\w+(?:['’]\w+)*")


def words_of(text: str) -> list[str]:
    return [w.replace("’", "'") for w in _WORD.findall(text.lower())]


def overlap(a: Iterable[str], b: Iterable[str]) -> float:
    """Shared distinct words over the smaller quote's distinct words (0 when either is empty)."""
    sa, sb = set(a), set(b)
    if not sa or not sb:
        return 0.0
    return len(sa & sb) / min(len(sa), len(sb))


def same_statement(a: dict[str, Any], b: dict[str, Any], *, score: float | None = None) -> float:
    """How well two quotes (dicts with ``words``, ``speaker_id``, ``article_id``, ``day``) match as
    one statement: their overlap (``score`` when the caller counted it), or 0 when they cannot be
    the same statement."""
    if a["article_id"] == b["article_id"] or abs((a["day"] - b["day"]).days) > WINDOW_DAYS:
        return 0.0
    if score is None:
        score = overlap(a["words"], b["words"])
    different = a["speaker_id"] and b["speaker_id"] and a["speaker_id"] != b["speaker_id"]
    return score if score >= (OTHER_SPEAKER_OVERLAP if different else SAME_SPEAKER_OVERLAP) else 0.0


def _rows(queryset: Any) -> list[dict[str, Any]]:
    rows = []
    for row in queryset.annotate(day=Coalesce("article__published_at", "article__ingested_at")).values(
        "id", "text", "speaker_id", "article_id", "day", "statement_member__statement_id"
    ):
        row["words"] = words_of(row["text"])
        row["statement"] = row.pop("statement_member__statement_id")
        if len(row["words"]) >= MIN_WORDS:
            rows.append(row)
    return rows


def _live() -> Any:
    return Quote.objects.exclude(status=ReviewStatus.REJECTED)


@transaction.atomic
def statements_after_extraction(*, article_ids: Iterable[int]) -> set[int]:
    """Put the articles' ungrouped quotes into statements; returns the statements touched.

    Queries: the articles' quotes, the candidate quotes in the date window, the new statements,
    the new memberships, then the touched statements' summaries (and empty groups pruned).
    """
    ids = list(article_ids)
    new = [row for row in _rows(_live().filter(article_id__in=ids)) if row["statement"] is None]
    _prune()
    if not new:
        return set()
    low = min(row["day"] for row in new) - timedelta(days=WINDOW_DAYS)
    high = max(row["day"] for row in new) + timedelta(days=WINDOW_DAYS)
    others = _rows(
        _live()
        .exclude(article_id__in=ids)
        .annotate(when=Coalesce("article__published_at", "article__ingested_at"))
        .filter(when__gte=low, when__lte=high)
    )
    # An inverted index over distinct words: a quote is only scored against the quotes it shares
    # words with, the shared count read off the postings (no set intersection per pair).
    pool: list[dict[str, Any]] = []
    postings: dict[str, list[int]] = defaultdict(list)

    def pooled(row: dict[str, Any]) -> None:
        row["distinct"] = set(row["words"])
        for word in row["distinct"]:
            postings[word].append(len(pool))
        pool.append(row)

    for other in others:
        pooled(other)
    new.sort(key=lambda r: (r["day"], r["id"]))
    fresh: dict[int, list[int]] = {}  # a placeholder key (negative) -> quote ids of a new statement
    joins: dict[int, list[int]] = defaultdict(list)  # existing statement -> quote ids joining it
    for row in new:
        best, best_score = None, 0.0
        distinct = set(row["words"])
        shared: Counter[int] = Counter()
        for word in distinct:
            shared.update(postings.get(word, ()))
        for at, n in shared.items():
            other = pool[at]
            score = same_statement(row, other, score=n / min(len(distinct), len(other["distinct"])))
            if score > best_score or (score == best_score and best is not None and other["day"] < best["day"]):
                best, best_score = other, score
        if best is not None and best_score > 0:
            group = best["statement"]
            if group is None:
                group = -(len(fresh) + 1)
                fresh[group] = [best["id"]]
                best["statement"] = group
            row["statement"] = group
            (fresh[group] if group < 0 else joins[group]).append(row["id"])
        pooled(row)
    created = Statement.objects.bulk_create([Statement() for _ in fresh])
    members = []
    for statement, quote_ids in zip(created, fresh.values(), strict=True):
        members += [StatementQuote(statement=statement, quote_id=q) for q in quote_ids]
    for statement_id, quote_ids in joins.items():
        members += [StatementQuote(statement_id=statement_id, quote_id=q) for q in quote_ids]
    StatementQuote.objects.bulk_create(members, ignore_conflicts=True)
    touched = {s.pk for s in created} | set(joins)
    statements_refresh(statement_ids=touched)
    return touched


def _prune() -> int:
    """Statements left with fewer than two versions (re-extraction replaced their quotes) go;
    those that lost a version but keep two or more get their summary refreshed."""
    counted = Statement.objects.annotate(n=Count("members"))
    deleted, _ = counted.filter(n__lt=2, verified_text="").delete()
    shrunk = list(counted.exclude(n=F("quote_count")).values_list("id", flat=True))
    if shrunk:
        statements_refresh(statement_ids=shrunk)
    return deleted


def statements_refresh(*, statement_ids: Iterable[int]) -> None:
    """Each statement's speaker (most of its versions'), first version and count, in two queries."""
    ids = list(statement_ids)
    members = (
        StatementQuote.objects.filter(statement_id__in=ids)
        .annotate(day=Coalesce("quote__article__published_at", "quote__article__ingested_at"))
        .values_list("statement_id", "quote_id", "quote__speaker_id", "day")
        .order_by("statement_id", "day", "quote_id")
    )
    by_statement: dict[int, list[tuple[int, int | None]]] = defaultdict(list)
    for statement_id, quote_id, speaker_id, _day in members:
        by_statement[statement_id].append((quote_id, speaker_id))
    rows = []
    for statement in Statement.objects.filter(pk__in=ids):
        versions = by_statement.get(statement.pk, [])
        speakers = Counter(s for _, s in versions if s is not None)
        first_speaker = next((s for _, s in versions if s is not None), None)
        top = speakers.most_common()
        if top and (len(top) == 1 or top[0][1] > top[1][1]):
            statement.speaker_id = top[0][0]
        else:
            statement.speaker_id = first_speaker
        statement.first_quote_id = versions[0][0] if versions else None
        statement.quote_count = len(versions)
        rows.append(statement)
    Statement.objects.bulk_update(rows, ["speaker", "first_quote", "quote_count"])


@transaction.atomic
def statement_verify(*, statement: Statement, quote: Quote, user: Any, source_url: str) -> Statement:
    """An editor marks one version as the verified wording, with a link to the primary source."""
    row = Statement.objects.select_for_update().get(pk=statement.pk)
    if not StatementQuote.objects.filter(statement=row, quote=quote).exists():
        raise ValidationError({"quote": "That quote is not a version of this statement."})
    source_url = (source_url or "").strip()
    if not source_url.startswith(("http://", "https://")):
        raise ValidationError({"source_url": "Give the primary source as an http(s) link."})
    row.verified_quote = quote
    row.verified_text = quote.text
    row.source_url = source_url[:2000]
    row.verified_by = user if getattr(user, "is_authenticated", False) else None
    row.verified_at = timezone.now()
    row.save(
        update_fields=["verified_quote", "verified_text", "source_url", "verified_by", "verified_at", "updated_at"]
    )
    return row


@transaction.atomic
def statement_unverify(*, statement: Statement, user: Any) -> Statement:
    row = Statement.objects.select_for_update().get(pk=statement.pk)
    row.verified_quote, row.verified_text, row.source_url = None, "", ""
    row.verified_by, row.verified_at = None, None
    row.save(
        update_fields=["verified_quote", "verified_text", "source_url", "verified_by", "verified_at", "updated_at"]
    )
    return row
