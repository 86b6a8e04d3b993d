"""Editor work on extracted items: verify, reject, correct, add; renaming actors and their aliases.

Every function here is what both the pages and the API call. Items carry a ``version``: a
caller passes the version it last saw, and if someone saved the row since, the write is refused
with :class:`StaleVersion`, which carries the row as it is now so the caller can show both
versions and lose nothing. Every successful change bumps the version and is recorded in the
item's history with the editor as its author.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any, Generic, TypeVar

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone

from ..extraction.text import sentence_of
from ..lib.figure_keys import place_of
from ..lib.input_guard import version_number
from ..models import (
    CLAIM_VALUE_FIELDS,
    Actor,
    ActorAlias,
    ActorType,
    Article,
    Category,
    NumericClaim,
    Origin,
    Qualifier,
    Quote,
    ReviewStatus,
    normalize_name,
)
from .actors import actor_add_aliases
from .follow import follow_added_soon

Item = Quote | NumericClaim
_Row = TypeVar("_Row", bound=models.Model)

CLAIM_FIELDS = frozenset(
    {
        *CLAIM_VALUE_FIELDS,
        "source",
        "source_surface",
        "start",
        "end",
        "as_of",
    }
)
QUOTE_FIELDS = frozenset({"start", "end", "speaker", "speaker_surface", "verb"})
_DECIMAL_LIMIT = Decimal("1e20")


class StaleVersion(Exception, Generic[_Row]):
    """Someone saved the row after the caller read it. ``current`` is the row as it is now."""

    def __init__(self, current: _Row, *, expected: int | None = None) -> None:
        self.current = current
        self.expected = expected
        super().__init__(
            f"{type(current).__name__} {current.pk} is at version {getattr(current, 'version', '?')}, "
            f"not {expected}: someone else saved it first."
        )


def _locked(model: type[Item], pk: int, version: int | str | None) -> Any:
    """The row, locked for this transaction; StaleVersion when ``version`` is not its version.

    ``version=None`` skips the check: only for callers that hold no earlier copy (tests, scripts).
    """
    row = model.objects.select_for_update().select_related("article").get(pk=pk)
    version = version_number(version)
    if version is not None and version != row.version:
        raise StaleVersion(row, expected=version)
    return row


def _stamp(row: Item, *, user: Any, status: str) -> list[str]:
    row.status = status
    row.reviewed_by = user if getattr(user, "is_authenticated", False) else None
    row.reviewed_at = timezone.now()
    row.version += 1
    row._history_user = row.reviewed_by
    return ["status", "reviewed_by", "reviewed_at", "version", "updated_at"]


def _span(article: Article, start: Any, end: Any) -> tuple[int, int, str]:
    try:
        start, end = int(start), int(end)
    except (TypeError, ValueError):
        raise ValidationError({"start": "The span needs whole-number start and end offsets."}) from None
    if not (0 <= start < end <= len(article.text)):
        raise ValidationError(
            {"end": f"The span {start}–{end} is not inside the article's text (0–{len(article.text)})."}
        )
    text = article.text[start:end]
    if not text.strip():
        raise ValidationError({"start": "The span is only white space."})
    return start, end, text


def _decimal(value: Any, field: str) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        number = value if isinstance(value, Decimal) else Decimal(str(value).replace(",", "").strip())
    except (InvalidOperation, ValueError):
        raise ValidationError({field: f"{value!r} is not a number."}) from None
    if not number.is_finite() or abs(number) >= _DECIMAL_LIMIT:
        raise ValidationError({field: f"{value!r} is out of range."})
    return number.quantize(Decimal("0.0001"))


def _actor(value: Any, field: str) -> Actor | None:
    if value is None or value == "":
        return None
    if isinstance(value, Actor):
        return value
    try:
        return Actor.objects.get(pk=int(value))
    except (Actor.DoesNotExist, TypeError, ValueError):
        raise ValidationError({field: f"There is no actor {value!r}."}) from None


def _choice(value: Any, choices: type[models.TextChoices], field: str) -> str:
    if value not in choices.values:
        raise ValidationError({field: f"{value!r} is not one of {', '.join(choices.values)}."})
    return value


def _unknown(changes: dict[str, Any], allowed: frozenset[str]) -> None:
    extra = sorted(set(changes) - allowed)
    if extra:
        raise ValidationError({extra[0]: f"{', '.join(extra)} cannot be changed here."})


def _apply_claim_changes(claim: NumericClaim, changes: dict[str, Any]) -> list[str]:
    """Set the changed fields on ``claim``; returns the names of the fields that really changed."""
    _unknown(changes, CLAIM_FIELDS)
    new: dict[str, Any] = {}
    if "value" in changes:
        value = _decimal(changes["value"], "value")
        if value is None:
            raise ValidationError({"value": "A claim needs a value."})
        new["value"] = value
    if "value_max" in changes:
        new["value_max"] = _decimal(changes["value_max"], "value_max")
    if "qualifier" in changes:
        new["qualifier"] = _choice(changes["qualifier"], Qualifier, "qualifier")
    if "category" in changes:
        new["category"] = _choice(changes["category"], Category, "category")
    for field, limit in (("noun", 200), ("place", 200), ("source_surface", 500)):
        if field in changes:
            new[field] = (changes[field] or "").strip()[:limit]
    if "source" in changes:
        new["source"] = _actor(changes["source"], "source")
    if "as_of" in changes:
        new["as_of"] = changes["as_of"] or None
    if "start" in changes or "end" in changes:
        start, end, span = _span(claim.article, changes.get("start", claim.start), changes.get("end", claim.end))
        new.update(start=start, end=end, span=span, sentence=sentence_of(claim.article.text, start, end))
    value, value_max = new.get("value", claim.value), new.get("value_max", claim.value_max)
    if value_max is not None and value_max < value:
        raise ValidationError({"value_max": "The upper end of a range cannot be below its lower end."})
    changed = []
    for field, value in new.items():
        attname = "source_id" if field == "source" else field
        before = getattr(claim, attname)
        after = value.pk if field == "source" and value is not None else value
        if before != after:
            setattr(claim, field, value)
            changed.append(field)
    return changed + _frame_follows(claim, changed)


def _frame_follows(claim: NumericClaim, changed: list[str]) -> list[str]:
    """An editor's place or category is the claim's frame from now on (its figure follows, alone)."""
    fields = []
    if "place" in changed:
        claim.place_key, claim.country_key = place_of(claim.place)
        claim.place_from = "editor"
        fields += ["place_key", "country_key", "place_from"]
    if "category" in changed and claim.frame_category:
        claim.frame_category = ""  # "killed and maimed" read by the engine gives way to the editor's category
        fields.append("frame_category")
    return fields


def _apply_quote_changes(quote: Quote, changes: dict[str, Any]) -> list[str]:
    _unknown(changes, QUOTE_FIELDS)
    new: dict[str, Any] = {}
    if "speaker" in changes:
        new["speaker"] = _actor(changes["speaker"], "speaker")
    for field, limit in (("speaker_surface", 500), ("verb", 50)):
        if field in changes:
            new[field] = (changes[field] or "").strip()[:limit]
    if "start" in changes or "end" in changes:
        start, end, text = _span(quote.article, changes.get("start", quote.start), changes.get("end", quote.end))
        new.update(start=start, end=end, text=text)
    changed = []
    for field, value in new.items():
        attname = "speaker_id" if field == "speaker" else field
        before = getattr(quote, attname)
        after = value.pk if field == "speaker" and value is not None else value
        if before != after:
            setattr(quote, field, value)
            changed.append(field)
    return changed


def _figures_follow(row: Any) -> None:
    """After commit, group a changed claim's article and refresh the figures it is in (a rejected
    claim leaves its figure's timeline, a corrected value moves its point)."""
    if not isinstance(row, NumericClaim):
        return
    from .figures import articles_figures_update

    before = [row.figure_id] if row.figure_id else []
    transaction.on_commit(lambda: articles_figures_update(article_ids=[row.article_id], before=before, now=True))


@transaction.atomic
def claim_correct(*, claim: NumericClaim, user: Any, version: int | None, **changes: Any) -> NumericClaim:
    """Correct a claim's value, range, qualifier, category, noun, place, source, date or span.

    Changing the span (``start``/``end``) takes the new ``span`` text from the article. The claim
    ends ``corrected`` (or ``verified`` when nothing differed from what was there).
    """
    row = _locked(NumericClaim, claim.pk, version)
    changed = _apply_claim_changes(row, changes)
    status = ReviewStatus.CORRECTED if changed else ReviewStatus.VERIFIED
    fields = _stamp(row, user=user, status=status)
    row.save(update_fields=[*changed, *fields])
    _figures_follow(row)
    return row


@transaction.atomic
def quote_correct(*, quote: Quote, user: Any, version: int | None, **changes: Any) -> Quote:
    """Correct a quote's span (its ``text`` follows from the article) or who said it."""
    row = _locked(Quote, quote.pk, version)
    changed = _apply_quote_changes(row, changes)
    status = ReviewStatus.CORRECTED if changed else ReviewStatus.VERIFIED
    fields = _stamp(row, user=user, status=status)
    row.save(update_fields=[*changed, *fields])
    return row


REASON_LIMIT = 100  # simple-history's history_change_reason column


@transaction.atomic
def item_review(*, item: Item, user: Any, version: int | str | None, status: ReviewStatus, reason: str = "") -> Item:
    """An editor's one-click decision on a quote or claim: ``verified`` (confirmed as extracted),
    ``rejected`` (gone for readers; the row stays so re-extraction does not bring it back) or
    ``unreviewed`` (back in the review queue: undoes a verify or a reject).

    ``reason`` (why it was rejected, say) is kept as the history record's change reason."""
    row = _locked(type(item), item.pk, version)
    fields = _stamp(row, user=user, status=status)
    if status == ReviewStatus.UNREVIEWED:
        row.reviewed_by, row.reviewed_at = None, None
    reason = " ".join((reason or "").split())
    if reason:
        row._change_reason = reason[:REASON_LIMIT]
    row.save(update_fields=fields)
    _figures_follow(row)
    return row


@dataclass(frozen=True)
class ReviewOutcome:
    """What became of one item of a bulk review: ``item`` as it is now, ``conflict`` when someone
    else changed it first (then it was left as they saved it)."""

    item: Item
    conflict: bool = False


@transaction.atomic
def items_review(
    *, items: list[tuple[Item, int]], user: Any, status: ReviewStatus, reason: str = ""
) -> list[ReviewOutcome]:
    """Review several items at once, each at the version the editor saw: one ``item_review`` per
    item in one transaction. An item someone else changed since is reported, not overwritten, and
    the others still go through (each item's write is its own savepoint)."""
    outcomes = []
    for item, version in items:
        try:
            done = item_review(item=item, user=user, version=version, status=status, reason=reason)
        except StaleVersion as stale:
            outcomes.append(ReviewOutcome(stale.current, conflict=True))
        else:
            outcomes.append(ReviewOutcome(done))
    return outcomes


NOTE_LIMIT = 2000


@transaction.atomic
def item_note_update(*, item: Item, user: Any, version: int | None, note: str) -> Item:
    """Set the editor's note on a quote or claim (what to check, who to ask). The note leaves the
    review status alone; it bumps the version and is recorded in history like every change."""
    row = _locked(type(item), item.pk, version)
    note = (note or "").strip()[:NOTE_LIMIT]
    if note == row.note:
        return row
    row.note = note
    row.version += 1
    row._history_user = user if getattr(user, "is_authenticated", False) else None
    row.save(update_fields=["note", "version", "updated_at"])
    return row


def _editor_row(model: type[Quote] | type[NumericClaim], *, article: Article, user: Any, start: Any, end: Any) -> Any:
    start, end, text = _span(article, start, end)
    editor = user if getattr(user, "is_authenticated", False) else None
    row = model(
        article=article,
        start=start,
        end=end,
        origin=Origin.EDITOR,
        status=ReviewStatus.VERIFIED,
        reviewed_by=editor,
        reviewed_at=timezone.now(),
        confidence=1.0,
    )
    row._history_user = editor
    return row, text


@transaction.atomic
def quote_add(
    *,
    article: Article,
    user: Any,
    start: int,
    end: int,
    speaker: Actor | int | None = None,
    speaker_surface: str = "",
    verb: str = "",
) -> Quote:
    """A quote the machine missed, marked by an editor on the article's text."""
    quote, text = _editor_row(Quote, article=article, user=user, start=start, end=end)
    quote.text = text
    quote.speaker = _actor(speaker, "speaker")
    quote.speaker_surface = (speaker_surface or (quote.speaker.name if quote.speaker else "")).strip()[:500]
    quote.verb = (verb or "").strip()[:50]
    quote.save()
    follow_added_soon(quote_ids=[quote.pk])  # webhooks (issue 18)
    return quote


@transaction.atomic
def claim_add(
    *,
    article: Article,
    user: Any,
    start: int,
    end: int,
    value: Any,
    value_max: Any = None,
    qualifier: str = Qualifier.EXACT,
    category: str = Category.OTHER,
    noun: str = "",
    place: str = "",
    source: Actor | int | None = None,
    source_surface: str = "",
    as_of: Any = None,
) -> NumericClaim:
    """A numeric claim the machine missed, marked by an editor on the article's text."""
    claim, span = _editor_row(NumericClaim, article=article, user=user, start=start, end=end)
    claim.span = span
    claim.value = _decimal(value, "value")
    if claim.value is None:
        raise ValidationError({"value": "A claim needs a value."})
    claim.value_max = _decimal(value_max, "value_max")
    if claim.value_max is not None and claim.value_max < claim.value:
        raise ValidationError({"value_max": "The upper end of a range cannot be below its lower end."})
    claim.qualifier = _choice(qualifier, Qualifier, "qualifier")
    claim.category = _choice(category, Category, "category")
    claim.noun = (noun or "").strip()[:200]
    claim.place = (place or "").strip()[:200]
    claim.source = _actor(source, "source")
    claim.source_surface = (source_surface or (claim.source.name if claim.source else "")).strip()[:500]
    claim.as_of = as_of or article.as_of_date
    claim.save()
    _figures_follow(claim)
    follow_added_soon(claim_ids=[claim.pk])  # webhooks (issue 18)
    return claim


def _locked_actor(actor: Actor, version: int | None) -> Actor:
    row = Actor.objects.select_for_update().get(pk=actor.pk)
    version = version_number(version)
    if version is not None and version != row.version:
        raise StaleVersion(row, expected=version)
    if row.merged_into_id is not None:
        raise ValidationError({"name": f"{row.name} was merged into another actor: edit that one."})
    return row


def _bump(actor: Actor, user: Any, fields: list[str]) -> Actor:
    actor.version += 1
    actor._history_user = user if getattr(user, "is_authenticated", False) else None
    actor.save(update_fields=[*fields, "version", "updated_at"])
    return actor


@transaction.atomic
def actor_update(
    *,
    actor: Actor,
    user: Any,
    version: int | None,
    name: str,
    description: str | None = None,
    type: str | None = None,
    aliases: list[str] | None = None,
) -> Actor:
    """Change an actor's name, description or type; a new name keeps the old one as an alias so it
    still matches. ``aliases``, when given, becomes the full list of other names (the API's PATCH)."""
    row = _locked_actor(actor, version)
    name = (name or "").strip()[:300]
    if not normalize_name(name):
        raise ValidationError({"name": "An actor needs a name."})
    fields = []
    old = row.name
    if name != row.name:
        row.name = name
        fields.append("name")
    if description is not None and description.strip()[:500] != row.description:
        row.description = description.strip()[:500]
        fields.append("description")
    if type is not None and type != row.type:
        row.type = _choice(type, ActorType, "type")
        fields.append("type")
    if fields and {"name", "type"} & set(fields):
        clash = (
            Actor.objects.filter(normalized_name=normalize_name(row.name), type=row.type, merged_into__isnull=True)
            .exclude(pk=row.pk)
            .first()
        )
        if clash is not None:
            raise ValidationError({"name": f"{clash.name} (#{clash.pk}) already has this name: merge the two instead."})
    if fields:
        _bump(row, user, fields)
        if "name" in fields:
            ActorAlias.objects.filter(actor=row, normalized=row.normalized_name).delete()
            actor_add_aliases(actor=row, aliases=[old])
    if aliases is not None:
        _aliases_replace(row, user, aliases)
    return row


def _aliases_replace(actor: Actor, user: Any, aliases: list[str]) -> None:
    wanted = {normalize_name(a): a for a in aliases if normalize_name(a)}
    for existing in list(actor.aliases.all()):
        if existing.normalized not in wanted:
            actor_alias_remove(actor=actor, user=user, alias_id=existing.pk)
    have = set(actor.aliases.values_list("normalized", flat=True))
    for key, alias in wanted.items():
        if key not in have and key != actor.normalized_name:
            actor_alias_add(actor=actor, user=user, alias=alias)


@transaction.atomic
def actor_alias_add(*, actor: Actor, user: Any, alias: str, version: int | None = None) -> ActorAlias | None:
    """Add a name the actor also goes by; None when it is already the name or an alias."""
    row = _locked_actor(actor, version)
    if not normalize_name(alias or ""):
        raise ValidationError({"alias": "An alias needs at least one letter or digit."})
    created = actor_add_aliases(actor=row, aliases=[alias])
    if created:
        _bump(row, user, [])
    return created[0] if created else None


@transaction.atomic
def actor_alias_remove(*, actor: Actor, user: Any, alias_id: int, version: int | None = None) -> bool:
    """Remove one alias of the actor; False when it was not there."""
    row = _locked_actor(actor, version)
    deleted, _ = ActorAlias.objects.filter(actor=row, pk=alias_id).delete()
    if deleted:
        _bump(row, user, [])
    return bool(deleted)
