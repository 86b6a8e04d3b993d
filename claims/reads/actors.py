"""The actor directory and the duplicate suggestions shown above it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from ..lib.actor_names import Named, duplicate_pairs
from ..models import Actor, ActorAlias, ActorMention, ActorType, NumericClaim, Quote, ReviewStatus, normalize_name

SORTS = {
    "name": ("Name", ["normalized_name", "id"]),
    "quotes": ("Most quoted", ["-quote_count", "normalized_name", "id"]),
    "claims": ("Most claims sourced", ["-claim_count", "normalized_name", "id"]),
    "mentions": ("Most mentioned", ["-mention_count", "normalized_name", "id"]),
}
CANDIDATES = 3000  # the newest actors the duplicate suggestions look at
SEARCH_LIMIT = 12


def _count_of(model: Any, field: str) -> Coalesce:
    rows = model.objects.filter(**{field: OuterRef("pk")}).exclude(status=ReviewStatus.REJECTED)
    per_actor = rows.order_by().values(field).annotate(n=Count("*")).values("n")
    return Coalesce(Subquery(per_actor, output_field=IntegerField()), Value(0))


def with_counts(actors: QuerySet) -> QuerySet:
    """Each actor with ``quote_count``, ``claim_count`` and ``mention_count`` (rejected items left out)."""
    return actors.annotate(
        quote_count=_count_of(Quote, "speaker"),
        claim_count=_count_of(NumericClaim, "source"),
        mention_count=_count_of(ActorMention, "actor"),
    )


def matching(actors: QuerySet, query: str) -> QuerySet:
    """Actors whose name or one of whose aliases contains ``query`` (normalized: case, accents, "'s")."""
    key = normalize_name(query)
    if not key:
        return actors
    aliased = ActorAlias.objects.filter(normalized__contains=key).values("actor_id")
    return actors.filter(Q(normalized_name__contains=key) | Q(pk__in=aliased))


def directory(*, user: Any, query: str = "", type: str = "", sort: str = "name") -> QuerySet:
    """The canonical actors the user may see, searched, filtered by type, counted and sorted."""
    actors = matching(Actor.objects.visible_to(user).canonical(), query)
    if type in ActorType.values:
        actors = actors.filter(type=type)
    return with_counts(actors).order_by(*SORTS.get(sort, SORTS["name"])[1])


def search(*, user: Any, query: str, exclude: int | None = None) -> list[Actor]:
    """Up to ``SEARCH_LIMIT`` canonical actors for a picker: names starting with the query first."""
    key = normalize_name(query)
    if not key:
        return []
    actors = matching(Actor.objects.visible_to(user).canonical(), query).exclude(pk=exclude)
    starts = list(
        with_counts(actors.filter(normalized_name__startswith=key)).order_by("normalized_name")[:SEARCH_LIMIT]
    )
    rest = SEARCH_LIMIT - len(starts)
    if rest > 0:
        others = actors.exclude(normalized_name__startswith=key).order_by("normalized_name")
        starts += list(with_counts(others)[:rest])
    return starts


@dataclass(frozen=True)
class Suggestion:
    first: Actor
    second: Actor
    reason: str


def duplicate_suggestions(*, user: Any, limit: int = 20) -> list[Suggestion]:
    """Pairs of actors that may be one, from the ``CANDIDATES`` newest actors (three queries)."""
    actors = Actor.objects.visible_to(user).canonical()
    rows = list(actors.order_by("-id").values_list("id", "type", "normalized_name")[:CANDIDATES])
    if not rows:
        return []
    oldest = rows[-1][0]
    aliases: dict[int, list[str]] = {}
    for actor_id, alias in ActorAlias.objects.filter(actor__merged_into__isnull=True, actor_id__gte=oldest).values_list(
        "actor_id", "normalized"
    ):
        aliases.setdefault(actor_id, []).append(alias)
    named = [Named(pk, kind, name, tuple(aliases.get(pk, ()))) for pk, kind, name in rows]
    pairs = duplicate_pairs(named, limit=limit)
    by_id = Actor.objects.in_bulk({p.first for p in pairs} | {p.second for p in pairs})
    return [Suggestion(by_id[p.first], by_id[p.second], p.label) for p in pairs]


def merge_preview(source: Actor) -> dict[str, int]:
    """What merging ``source`` into another actor moves: its quotes, claims, mentions and names."""
    return {
        "quotes": Quote.objects.filter(speaker=source).count(),
        "claims": NumericClaim.objects.filter(source=source).count(),
        "mentions": ActorMention.objects.filter(actor=source).count(),
        "names": 1 + source.aliases.count(),
    }
