"""What an editor reads beside an item: its sentence (and, for a quote, the sentence naming its
speaker) with the spans marked, and its history in names and labels rather than ids and codes."""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.formats import date_format

from ..lib.highlight import Span, highlight, sentence_bounds
from ..models import Actor, ActorMention, Figure, NumericClaim, Quote
from ..templatetags.claims_format import number

User = get_user_model()


Mentions = dict[tuple[int, int], list[tuple[int, int]]]


def speaker_mentions(quotes: list[Quote]) -> Mentions:
    """Where each quote's speaker is mentioned in the quote's article, for many quotes in one query."""
    pairs = {(q.article_id, q.speaker_id) for q in quotes if q.speaker_id}
    found: Mentions = {pair: [] for pair in pairs}
    if not pairs:
        return found
    rows = ActorMention.objects.filter(
        article_id__in={a for a, _ in pairs}, actor_id__in={s for _, s in pairs}
    ).values_list("article_id", "actor_id", "start", "end")
    for article_id, actor_id, start, end in rows:
        if (article_id, actor_id) in found:
            found[(article_id, actor_id)].append((start, end))
    return found


def _speaker_span(quote: Quote, mentions: Mentions | None = None) -> tuple[int, int] | None:
    """Where the article names the quote's speaker, nearest the quote: the speaker's mention, else
    the speaker as written, looked for near the quote. None when the article does not name them."""
    best: tuple[int, int] | None = None
    if quote.speaker_id:
        if mentions is None:
            mentions = speaker_mentions([quote])
        spans = [
            (a, b)
            for a, b in mentions.get((quote.article_id, quote.speaker_id), [])
            if b <= quote.start or a >= quote.end
        ]
        if spans:
            best = min(spans, key=lambda ab: min(abs(ab[0] - quote.end), abs(quote.start - ab[1])))
    surface = (quote.speaker_surface or "").strip()
    if best is None and surface:
        text = quote.article.text
        found = [m.start() for m in re.finditer(re.escape(surface), text)]
        found = [a for a in found if a + len(surface) <= quote.start or a >= quote.end]
        if found:
            a = min(found, key=lambda a: min(abs(a - quote.end), abs(quote.start - a - len(surface))))
            best = (a, a + len(surface))
    if best is None or min(abs(best[0] - quote.end), abs(quote.start - best[1])) > SPEAKER_REACH:
        return None
    return best


SPEAKER_REACH = 600  # characters between a quote and the name of its speaker, at most


def snippet(item: Quote | NumericClaim, mentions: Mentions | None = None) -> Any:
    """The item's whole sentence from its article, the item marked in it; for a quote, also the
    sentence that names its speaker (the speaker marked too) when that is another sentence."""
    text = item.article.text
    left, right = sentence_bounds(text, item.start, item.end)
    kind = "claim" if isinstance(item, NumericClaim) else "quote"
    spans = [Span(item.start, item.end, kind, item.pk)]
    if isinstance(item, Quote):
        named = _speaker_span(item, mentions)
        if named is not None:
            s_left, s_right = sentence_bounds(text, *named)
            left, right = min(left, s_left), max(right, s_right)
            spans.append(Span(named[0], named[1], "speaker", item.pk, label="speaker"))
    return {
        "html": highlight(text[left:right], spans, offset=left),
        "cut_left": left > 0,
        "cut_right": right < len(text),
    }


HIDDEN_FIELDS = ["updated_at", "created_at"]
NAMED_FIELDS: dict[str, Any] = {"source": Actor, "speaker": Actor, "figure": Figure, "reviewed_by": User}
FIELD_LABELS = {"source_surface": "source as written", "speaker_surface": "speaker as written", "as_of": "as of"}


def user_name(user: Any) -> str:
    """How a person is named on the pages: their full name, else their user name."""
    if user is None:
        return ""
    return (user.get_full_name() or "").strip() or user.get_username()


def _names(model: Any, ids: set[Any]) -> dict[Any, str]:
    ids = {i for i in ids if i is not None}
    if not ids:
        return {}
    if model is User:
        return {u.pk: user_name(u) for u in User.objects.filter(pk__in=ids)}
    return dict(model.objects.filter(pk__in=ids).values_list("pk", "name"))


def _shown(field: Any, value: Any) -> str:
    """A stored value as an editor reads it: labels for choices, plain numbers, readable dates."""
    if value is None or value == "":
        return "—"
    if getattr(field, "choices", None):
        return str(dict(field.choices).get(value, value))
    if isinstance(value, Decimal):
        return number(value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, datetime):
        return date_format(timezone.localtime(value), "j M Y, H:i") + " UTC"
    if isinstance(value, date):
        return date_format(value, "j M Y")
    return str(value)


def history_entries(model: Any, records: list[Any]) -> list[dict[str, Any]]:
    """Each record with what changed since the one before it (simple-history's ``diff_against``):
    related rows by their names, choices by their labels, numbers and dates as people write them."""
    entries = []
    wanted: dict[str, set[Any]] = {f: set() for f in NAMED_FIELDS}
    for i, record in enumerate(records):
        previous = records[i + 1] if i + 1 < len(records) else None
        changes = []
        if previous is not None:
            for change in record.diff_against(previous, excluded_fields=HIDDEN_FIELDS).changes:
                changes.append({"field": change.field, "old": change.old, "new": change.new})
                if change.field in wanted:
                    wanted[change.field] |= {change.old, change.new}
        entries.append(
            {
                "record": record,
                "changes": changes,
                "created": previous is None and record.history_type == "+",
                "author": user_name(record.history_user),
            }
        )
    names = {field: _names(NAMED_FIELDS[field], ids) for field, ids in wanted.items()}
    for entry in entries:
        for change in entry["changes"]:
            field = model._meta.get_field(change["field"])
            for side in ("old", "new"):
                value = change[side]
                if change["field"] in names and value is not None:
                    change[side] = names[change["field"]].get(value, f"(deleted #{value})")
                else:
                    change[side] = _shown(field, value)
            change["field"] = FIELD_LABELS.get(change["field"], str(field.verbose_name))
    return entries
