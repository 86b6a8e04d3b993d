"""Running the engine on a stored article and saving what it found, without losing editor work.

Re-extraction replaces only untouched machine items, and an item it finds again (a claim with
the same span, value and category; a quote with the same span and text) keeps its id: it is
updated in place when something else about it changed, and left alone when nothing did, so
API mirrors see stable ids and ``updated_at`` moves only for real changes. Anything an editor verified, corrected
or added stays as it is, and the machine does not create again an item overlapping one an
editor touched (so a rejected item stays rejected and a corrected one is not duplicated).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models.expressions import DatabaseDefault
from django.utils import timezone

from .. import extraction as engine
from ..extraction.frame import ClaimFrame
from ..extraction.text import sentence_of
from ..models import (
    Actor,
    ActorMention,
    Article,
    ExtractionStatus,
    NumericClaim,
    Origin,
    Quote,
    ReviewStatus,
    normalize_name,
)
from .actors import actors_add_aliases, actors_resolve
from .figures import articles_figure_ids, articles_figures_update
from .follow import follow_extracted_soon
from .history import bulk_create_logged, bulk_update_logged

log = logging.getLogger(__name__)

_DECIMAL_LIMIT = Decimal("1e20")


@dataclass(frozen=True)
class ApplyResult:
    actors: int
    mentions: int
    quotes: int
    claims: int
    kept: int  # editor-touched items left as they were
    skipped: int  # machine items not created because an editor had touched that span


def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(start < e and s < end for s, e in spans)


def _fits(value: Decimal | None) -> bool:
    return value is None or abs(value) < _DECIMAL_LIMIT


def _create_actors(new: dict[tuple[str, str], Actor], existing: dict[tuple[str, str], Actor]) -> None:
    """Insert new actors; one another transaction inserted meanwhile is read and used instead.

    The unique key (normalized name, type) makes the second of two concurrent inserts wait for
    the first and then fail; that insert is rolled back to a savepoint, the winners are read,
    and only the names still missing are inserted again.
    """
    todo = dict(new)
    for _ in range(3):
        try:
            with transaction.atomic():
                bulk_create_logged(Actor, list(todo.values()))
            return
        except IntegrityError:
            won = actors_resolve(names=[(actor.name, actor.type) for actor in todo.values()])
            if not won:
                raise
            swap = {id(a): won[(a.name, a.type)] for a in todo.values() if (a.name, a.type) in won}
            for key, actor in list(existing.items()):
                if id(actor) in swap:
                    existing[key] = swap[id(actor)]
            todo = {key: actor for key, actor in todo.items() if id(actor) not in swap}
            if not todo:
                return
            for actor in todo.values():  # a batch inserted before the failure was rolled back
                actor.pk = None
    raise IntegrityError("could not create the actors after three tries")


def _actors_for(found_actors: tuple[engine.types.Actor, ...]) -> list[Actor]:
    """One stored actor per engine actor: matched by name (then alias) across articles, or created.

    A handful of queries whatever the number of actors: one lookup, one insert of the new ones,
    one update of descriptors, one read and one insert of aliases.
    """
    existing = actors_resolve(names=[(a.name, a.type) for a in found_actors])
    new: dict[tuple[str, str], Actor] = {}
    described: dict[int, Actor] = {}
    for found in found_actors:
        key = (found.name, found.type)
        actor = existing.get(key)
        if actor is None:
            norm_key = (normalize_name(found.name[:300]), found.type)
            actor = new.get(norm_key)
            if actor is None:
                actor = Actor(
                    name=found.name[:300],
                    normalized_name=norm_key[0],
                    type=found.type,
                    description=(found.descriptor or "")[:500],
                )
                new[norm_key] = actor
            existing[key] = actor
        elif found.descriptor and not actor.description:
            actor.description = found.descriptor[:500]
            actor.updated_at = timezone.now()
            described[actor.pk] = actor
    if new:
        _create_actors(new, existing)
    if described:
        Actor.objects.bulk_update(described.values(), ["description", "updated_at"])
    actors = [existing[(a.name, a.type)] for a in found_actors]

    actors_add_aliases(
        pairs=[(actor, found.aliases) for found, actor in zip(found_actors, actors, strict=True)],
        ignore_conflicts=True,  # two workers may add the same alias to a shared actor
    )
    return actors


def extraction_apply(*, article: Article, result: engine.types.Extraction) -> ApplyResult:
    """Save an engine result on ``article`` in one transaction; safe to run again."""
    return extractions_apply(pairs=[(article, result)])[article.pk]


def _rows_for(
    article: Article, result: engine.types.Extraction, actors: list[Actor], kept: dict
) -> tuple[list[ActorMention], list[Quote], list[NumericClaim], int]:
    """The mention, quote and claim rows to create for one article, and how many were skipped."""
    text_length = len(article.text)
    kept_mentions, kept_quotes, kept_claims = (kept[model].get(article.pk, []) for model in _ITEMS)
    version = result.engine_version
    skipped = 0

    def actor_at(index: int | None) -> Actor | None:
        return actors[index] if index is not None and 0 <= index < len(actors) else None

    def inside(start: int, end: int) -> bool:
        return 0 <= start < end <= text_length

    mentions = []
    for m in result.mentions:
        if _overlaps(m.start, m.end, kept_mentions):
            skipped += 1
            continue
        actor = actor_at(m.actor_index)
        if actor is None or not inside(m.start, m.end):
            continue
        mentions.append(
            ActorMention(
                article=article, actor=actor, start=m.start, end=m.end, surface=m.surface[:500], engine_version=version
            )
        )

    quotes = []
    for q in result.quotes:
        if _overlaps(q.start, q.end, kept_quotes):
            skipped += 1
            continue
        if not inside(q.start, q.end):
            continue
        quotes.append(
            Quote(
                article=article,
                text=q.text,
                start=q.start,
                end=q.end,
                speaker=actor_at(q.speaker_index),
                speaker_surface=(q.speaker_surface or "")[:500],
                verb=(q.verb or "")[:50],
                confidence=min(max(q.confidence, 0.0), 1.0),
                engine_version=version,
            )
        )

    as_of = article.as_of_date
    claims = []
    for index, c in enumerate(result.claims):
        if _overlaps(c.start, c.end, kept_claims):
            skipped += 1
            continue
        if not inside(c.start, c.end) or not (_fits(c.value) and _fits(c.value_max)):
            continue
        value_max = c.value_max if c.value_max is not None and c.value_max >= c.value else None
        claims.append(
            NumericClaim(
                article=article,
                value=c.value,
                value_max=value_max,
                qualifier=c.qualifier,
                category=c.category,
                noun=(c.noun or "")[:200],
                place=(c.place or "")[:200],
                source=actor_at(c.source_index),
                source_surface=(c.source_surface or "")[:500],
                span=c.span,
                sentence=sentence_of(article.text, c.start, c.end),
                start=c.start,
                end=c.end,
                as_of=as_of,
                confidence=min(max(c.confidence, 0.0), 1.0),
                engine_version=version,
                **_frame_fields(c.frame, c.category),
            )
        )
        claims[-1]._engine_at = (index, c.frame.part_of if c.frame else None)
    return mentions, quotes, claims, skipped


def _frame_fields(frame: ClaimFrame | None, category: str) -> dict[str, object]:
    """The claim's frame as row fields (part_of is linked once the rows exist: ``_link_parts``)."""
    if frame is None:
        return {}
    return {
        "unit": frame.unit,
        "currency": (frame.currency or "")[:3],
        "measure": (frame.measure or "")[:16],
        "rate": (frame.rate or "")[:12],
        "population": (frame.population or "")[:100],
        "population_group": (frame.group or "")[:60],
        "place_key": (frame.place or "")[:100],
        "country_key": (frame.country or "")[:100],
        "place_from": (frame.place_from or "")[:12],
        "event": (frame.event or "")[:30],
        "event_year": frame.event_year if frame.event_year and 0 < frame.event_year < 10000 else None,
        "event_date": (frame.event_date or "")[:10],
        "period": frame.period,
        "since": (frame.since or "")[:12],
        "window": (frame.window or "")[:12],
        "window_date": (frame.window_date or "")[:10],
        "modality": frame.modality,
        # Only a category the claim's own has no room for ("killed_injured"): an editor's category stands.
        "frame_category": (frame.category or "")[:20] if frame.category not in (category, "other") else "",
    }


def _link_parts(claims: list[NumericClaim]) -> None:
    """Point each breakdown at its total, now that both rows have ids (one UPDATE, only when there are parts)."""
    by_index = {(c.article_id, c._engine_at[0]): c for c in claims}
    linked = []
    for claim in claims:
        total = by_index.get((claim.article_id, claim._engine_at[1])) if claim._engine_at[1] is not None else None
        if total is not None and total is not claim:
            claim.part_of = total
            linked.append(claim)
    if linked:
        NumericClaim.objects.bulk_update(linked, ["part_of"], batch_size=500)


_ITEMS = (ActorMention, Quote, NumericClaim)


@transaction.atomic
def extractions_apply(*, pairs: Sequence[tuple[Article, engine.types.Extraction]]) -> dict[int, ApplyResult]:
    """Save engine results on many articles in one transaction, with a fixed number of queries.

    Each article's untouched machine items are replaced; editor-touched ones stay (see module).
    Returns each article's ``ApplyResult`` by id.
    """
    if not pairs:
        return {}
    ids = sorted({article.pk for article, _ in pairs})
    locked = {a.pk: a for a in Article.objects.select_for_update().filter(pk__in=ids).order_by("pk")}
    pairs = [(locked[article.pk], result) for article, result in pairs if article.pk in locked]

    found = [actor for _, result in pairs for actor in result.actors]
    stored = _actors_for(tuple(found))
    actors_of: list[list[Actor]] = []
    at = 0
    for _, result in pairs:
        actors_of.append(stored[at : at + len(result.actors)])
        at += len(result.actors)

    kept: dict = {}
    untouched: dict = {}
    for model in _ITEMS:
        kept[model], untouched[model] = _split_many(model, list(locked))

    rows: dict = {model: [] for model in _ITEMS}
    results: dict[int, ApplyResult] = {}
    for (article, result), actors in zip(pairs, actors_of, strict=True):
        mentions, quotes, claims, skipped = _rows_for(article, result, actors, kept)
        rows[ActorMention] += mentions
        rows[Quote] += quotes
        rows[NumericClaim] += claims
        results[article.pk] = ApplyResult(
            actors=len({a.pk for a in actors}),
            mentions=len(mentions),
            quotes=len(quotes),
            claims=len(claims),
            kept=sum(len(kept[model].get(article.pk, ())) for model in _ITEMS),
            skipped=skipped,
        )
    now = timezone.now()
    for model in _ITEMS:
        create, update, stale = _match(model, rows[model], untouched[model], now)
        if stale:
            # One by one through the collector, so each deletion leaves a tombstone (models.Tombstone).
            model.objects.filter(pk__in=stale).delete()
        bulk_update_logged(model, update, _update_fields(model))
        bulk_create_logged(model, create)
    _link_parts(rows[NumericClaim])  # every row has its id now: found again, updated or created

    by_version: dict[str, list[int]] = {}
    for article, result in pairs:
        by_version.setdefault(result.engine_version, []).append(article.pk)
    for version, article_ids in by_version.items():
        Article.objects.filter(pk__in=article_ids).update(
            engine_version=version,
            extraction_status=ExtractionStatus.DONE,
            extraction_error="",
            extracted_at=now,
            updated_at=now,
        )
    return results


def _split_many(model, article_ids: list[int]) -> tuple[dict[int, list[tuple[int, int]]], dict[tuple, list]]:
    """The spans of the articles' editor-touched items, by article, and their untouched machine
    items by identity (see ``_identity``): the ones re-extraction may find again. One query."""
    spans: dict[int, list[tuple[int, int]]] = {}
    machine: dict[tuple, list] = {}
    for item in model.objects.filter(article_id__in=article_ids).order_by("pk"):
        if item.origin == Origin.MACHINE and item.status == ReviewStatus.UNREVIEWED:
            machine.setdefault(_identity(item), []).append(item)
        else:
            spans.setdefault(item.article_id, []).append((item.start, item.end))
    return spans, machine


_PLACES = Decimal("0.0001")  # NumericClaim.value's decimal places: the stored value is rounded to them
# Kept from the stored row when the engine finds an item again: bookkeeping, and an editor's grouping.
# part_of is set after the rows have ids (_link_parts), so it is not part of "changed".
_NOT_COMPARED = {"id", "article", "created_at", "updated_at", "version", "figure", "figure_locked", "part_of"}


def _identity(item: ActorMention | Quote | NumericClaim) -> tuple:
    """What makes an engine item "the same one" as a stored one."""
    if isinstance(item, NumericClaim):
        value = item.value.quantize(_PLACES) if item.value is not None else None
        return (item.article_id, item.start, item.end, item.span, value, item.category)
    if isinstance(item, Quote):
        return (item.article_id, item.start, item.end, item.text)
    return (item.article_id, item.start, item.end, item.surface)


def _compared(model) -> list:
    return [f for f in model._meta.concrete_fields if f.name not in _NOT_COMPARED]


def _update_fields(model) -> list[str]:
    extra = ["updated_at", "version"] if hasattr(model, "version") else ["updated_at"]
    return [f.name for f in _compared(model)] + extra


def _built(row: Any, field: Any) -> Any:
    """A new row's value as the database will store it: a field left to its ``db_default`` holds
    a ``DatabaseDefault`` marker until saved, which compares unequal to the stored value."""
    value = getattr(row, field.attname)
    if isinstance(value, DatabaseDefault):
        value = field.db_default
        value = getattr(value, "value", value)  # a literal default is kept as Value(...)
    return value


def _match(model, rows: list, stored: dict[tuple, list], now) -> tuple[list, list, list[int]]:
    """Split the engine's rows into new ones, found-again ones that changed (given the stored id,
    version + 1) and the ids of stored machine items the engine did not find again."""
    stored = {key: list(items) for key, items in stored.items()}
    fields = _compared(model)
    create, update = [], []
    for row in rows:
        same = stored.get(_identity(row))
        if not same:
            create.append(row)
            continue
        old = same.pop(0)
        for f in fields:  # a DatabaseDefault marker cannot go into an UPDATE: write the value itself
            setattr(row, f.attname, _built(row, f))
        if all(getattr(row, f.attname) == getattr(old, f.attname) for f in fields):
            row.pk = old.pk  # unchanged: not written, but a breakdown found again may point at it
            continue
        row.pk, row.created_at, row.updated_at = old.pk, old.created_at, now
        if hasattr(old, "version"):
            row.version = old.version + 1
        if hasattr(old, "figure_id"):
            row.figure_id, row.figure_locked = old.figure_id, old.figure_locked
        update.append(row)
    stale = [item.pk for items in stored.values() for item in items]
    return create, update, stale


@dataclass
class BatchResult:
    applied: dict[int, ApplyResult] = field(default_factory=dict)
    failed: dict[int, Exception] = field(default_factory=dict)


def _failed(article_ids: dict[int, Exception]) -> None:
    for article_id, exc in article_ids.items():
        Article.objects.filter(pk=article_id).update(
            extraction_status=ExtractionStatus.FAILED, extraction_error=f"{type(exc).__name__}: {exc}"[:2000]
        )


def articles_extract(*, article_ids: Sequence[int]) -> BatchResult:
    """Run the engine on stored articles and save the results together; record failures per article.

    One bad article does not fail the others (``extractions_save``). Articles that are gone are
    skipped (a task may outlive its rows).
    """
    out = BatchResult()
    articles = list(Article.objects.filter(pk__in=article_ids).order_by("pk"))
    if not articles:
        return out
    Article.objects.filter(pk__in=[a.pk for a in articles]).update(extraction_status=ExtractionStatus.EXTRACTING)
    pairs = []
    for article in articles:
        try:
            published = article.published_at.date() if article.published_at else None
            pairs.append((article, engine.extract(article.text, title=article.title or None, published=published)))
        except Exception as exc:
            log.exception("extraction failed for article %s", article.pk)
            out.failed[article.pk] = exc
    _failed(out.failed)
    ids = [article.pk for article, _ in pairs]
    figures_before = articles_figure_ids(article_ids=ids)
    saved = extractions_save(pairs=pairs)
    out.applied, out.failed = saved.applied, {**out.failed, **saved.failed}
    if out.applied:
        # Group the new claims into figures; refresh the figures they and the replaced ones were in.
        articles_figures_update(article_ids=list(out.applied), before=figures_before)
        follow_extracted_soon(article_ids=list(out.applied))  # statements and webhooks (issue 18)
    return out


def extractions_save(*, pairs: Sequence[tuple[Article, engine.types.Extraction]]) -> BatchResult:
    """Save engine results together; if that fails, save each on its own so that one bad result
    does not lose the others, and record the error on the article it belongs to."""
    out = BatchResult()
    try:
        out.applied = extractions_apply(pairs=pairs)
    except Exception as exc:
        if len(pairs) == 1:
            log.exception("saving the extraction failed for article %s", pairs[0][0].pk)
            out.failed[pairs[0][0].pk] = exc
        else:
            for pair in pairs:
                try:
                    out.applied.update(extractions_apply(pairs=[pair]))
                except Exception as one:
                    log.exception("saving the extraction failed for article %s", pair[0].pk)
                    out.failed[pair[0].pk] = one
    _failed(out.failed)
    return out


def article_extract(*, article_id: int) -> ApplyResult | None:
    """Run the engine on a stored article and save the result; record a failure on the article and raise.

    Returns None when the article is gone (a task may outlive its row).
    """
    batch = articles_extract(article_ids=[article_id])
    if article_id in batch.failed:
        raise batch.failed[article_id]
    return batch.applied.get(article_id)
