"""Running the engine on a stored article and saving what it found, without losing editor work.

Re-extraction replaces only untouched machine items. Anything an editor verified, corrected
or added stays as it is, and the machine does not create again an item overlapping one an
editor touched (so a rejected item stays rejected and a corrected one is not duplicated).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from .. import extraction as engine
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
from .figures import article_figure_ids, figures_after_extraction

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


def _split(queryset) -> tuple[list[tuple[int, int]], int]:
    """Delete untouched machine items; return the spans of the editor-touched ones."""
    queryset.filter(origin=Origin.MACHINE, status=ReviewStatus.UNREVIEWED).delete()
    kept = list(queryset.values_list("start", "end"))
    return kept, len(kept)


def _fits(value: Decimal | None) -> bool:
    return value is None or abs(value) < _DECIMAL_LIMIT


def _actors_for(found_actors: tuple[engine.Actor, ...]) -> list[Actor]:
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
        bulk_create_with_history(list(new.values()), Actor, batch_size=500)
    if described:
        Actor.objects.bulk_update(described.values(), ["description", "updated_at"])
    actors = [existing[(a.name, a.type)] for a in found_actors]

    actors_add_aliases(
        pairs=[(actor, found.aliases) for found, actor in zip(found_actors, actors, strict=True)],
        ignore_conflicts=True,  # two workers may add the same alias to a shared actor
    )
    return actors


@transaction.atomic
def extraction_apply(*, article: Article, result: engine.Extraction) -> ApplyResult:
    """Save an engine result on ``article`` in one transaction; safe to run again."""
    article = Article.objects.select_for_update().get(pk=article.pk)
    text = article.text

    actors = _actors_for(result.actors)

    def actor_at(index: int | None) -> Actor | None:
        return actors[index] if index is not None and 0 <= index < len(actors) else None

    kept_mentions, n_mentions = _split(ActorMention.objects.filter(article=article))
    kept_quotes, n_quotes = _split(Quote.objects.filter(article=article))
    kept_claims, n_claims = _split(NumericClaim.objects.filter(article=article))
    skipped = 0
    version = result.engine_version

    mentions = []
    for m in result.mentions:
        if _overlaps(m.start, m.end, kept_mentions):
            skipped += 1
            continue
        actor = actor_at(m.actor_index)
        if actor is None or not (0 <= m.start < m.end <= len(text)):
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
        if not (0 <= q.start < q.end <= len(text)):
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
    for c in result.claims:
        if _overlaps(c.start, c.end, kept_claims):
            skipped += 1
            continue
        if not (0 <= c.start < c.end <= len(text)) or not (_fits(c.value) and _fits(c.value_max)):
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
                start=c.start,
                end=c.end,
                as_of=as_of,
                confidence=min(max(c.confidence, 0.0), 1.0),
                engine_version=version,
            )
        )

    bulk_create_with_history(mentions, ActorMention, batch_size=500)
    bulk_create_with_history(quotes, Quote, batch_size=500)
    bulk_create_with_history(claims, NumericClaim, batch_size=500)

    article.engine_version = version
    article.extraction_status = ExtractionStatus.DONE
    article.extraction_error = ""
    article.extracted_at = timezone.now()
    article.save(
        update_fields=["engine_version", "extraction_status", "extraction_error", "extracted_at", "updated_at"]
    )
    return ApplyResult(
        actors=len({a.pk for a in actors}),
        mentions=len(mentions),
        quotes=len(quotes),
        claims=len(claims),
        kept=n_mentions + n_quotes + n_claims,
        skipped=skipped,
    )


def article_extract(*, article_id: int) -> ApplyResult | None:
    """Run the engine on a stored article and save the result; record a failure on the article.

    Returns None when the article is gone (a task may outlive its row).
    """
    article = Article.objects.filter(pk=article_id).first()
    if article is None:
        return None
    Article.objects.filter(pk=article_id).update(extraction_status=ExtractionStatus.EXTRACTING)
    try:
        published = article.published_at.date() if article.published_at else None
        result = engine.extract(article.text, title=article.title or None, published=published)
        figures_before = article_figure_ids(article_id=article_id)  # figure tracker (issue 7)
        applied = extraction_apply(article=article, result=result)
    except Exception as exc:
        log.exception("extraction failed for article %s", article_id)
        Article.objects.filter(pk=article_id).update(
            extraction_status=ExtractionStatus.FAILED, extraction_error=f"{type(exc).__name__}: {exc}"[:2000]
        )
        raise
    # Group the new claims into figures and refresh the figures they and the replaced ones were in.
    figures_after_extraction(article_id=article_id, before=figures_before)
    return applied
