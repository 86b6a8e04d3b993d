"""Actors: matching names across articles, merging duplicates, editing aliases."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from ..models import Actor, ActorAlias, ActorMention, NumericClaim, Quote, normalize_name


def _canonical(actor: Actor) -> Actor:
    seen = set()
    while actor.pk not in seen and actor.merged_into is not None:
        seen.add(actor.pk)
        actor = actor.merged_into
    return actor


def actors_resolve(*, names: Iterable[tuple[str, str]]) -> dict[tuple[str, str], Actor]:
    """Existing actors for ``(name, type)`` pairs, matched on the name, then on a unique alias.

    Returns only the pairs that matched; merged actors resolve to the actor they were merged into.
    """
    wanted = {(normalize_name(name), kind): (name, kind) for name, kind in names if normalize_name(name)}
    keys = {key for key, _ in wanted}
    found: dict[tuple[str, str], Actor] = {}
    by_name: dict[tuple[str, str], Actor] = {}
    for actor in Actor.objects.filter(normalized_name__in=keys).select_related("merged_into").order_by("id"):
        by_name.setdefault((actor.normalized_name, actor.type), actor)
    by_alias: dict[tuple[str, str], set[int]] = {}
    alias_actor: dict[int, Actor] = {}
    for alias in ActorAlias.objects.filter(normalized__in=keys).select_related("actor", "actor__merged_into"):
        actor = _canonical(alias.actor)
        by_alias.setdefault((alias.normalized, actor.type), set()).add(actor.pk)
        alias_actor[actor.pk] = actor
    for key, original in wanted.items():
        if key in by_name:
            found[original] = _canonical(by_name[key])
        elif len(by_alias.get(key, ())) == 1:
            found[original] = alias_actor[next(iter(by_alias[key]))]
    return found


def actors_add_aliases(
    *, pairs: Iterable[tuple[Actor, Iterable[str]]], ignore_conflicts: bool = False
) -> list[ActorAlias]:
    """Add each actor's new aliases (not its name, not an alias it has) in one read and one insert.

    ``ignore_conflicts`` lets concurrent writers add the same alias (the rows then come back
    without primary keys).
    """
    pairs = [(actor, list(aliases)) for actor, aliases in pairs]
    known = set(
        ActorAlias.objects.filter(actor__in={actor.pk for actor, _ in pairs}).values_list("actor_id", "normalized")
    ) | {(actor.pk, actor.normalized_name) for actor, _ in pairs}
    new = []
    for actor, aliases in pairs:
        for alias in aliases:
            alias = alias.strip()[:300]
            key = (actor.pk, normalize_name(alias))
            if key[1] and key not in known:
                known.add(key)
                new.append(ActorAlias(actor=actor, alias=alias, normalized=key[1]))
    return ActorAlias.objects.bulk_create(new, ignore_conflicts=ignore_conflicts)


def actor_add_aliases(*, actor: Actor, aliases: Iterable[str]) -> list[ActorAlias]:
    return actors_add_aliases(pairs=[(actor, aliases)])


@transaction.atomic
def actors_merge(*, source: Actor, target: Actor, user: Any = None) -> Actor:
    """Fold ``source`` into ``target``: every mention, quote, claim and alias now points at target.

    The source row stays, marked ``merged_into`` target, so old links and history still resolve.
    """
    if source.pk == target.pk:
        raise ValueError("An actor cannot be merged into itself.")
    target = Actor.objects.select_for_update().get(pk=target.pk)
    source = Actor.objects.select_for_update().get(pk=source.pk)
    if source.merged_into_id is not None:
        raise ValueError(f"{source.name} was already merged into another actor.")
    if target.merged_into_id == source.pk:
        raise ValueError(f"{target.name} was merged into {source.name}: merge the other way round.")
    # .update() skips auto_now: set updated_at so incremental API sync sees the moved items.
    now = timezone.now()
    ActorMention.objects.filter(actor=source).update(actor=target, updated_at=now)
    Quote.objects.filter(speaker=source).update(speaker=target, version=F("version") + 1, updated_at=now)
    NumericClaim.objects.filter(source=source).update(source=target, version=F("version") + 1, updated_at=now)
    aliases = [source.name, *source.aliases.values_list("alias", flat=True)]
    source.aliases.all().delete()
    actor_add_aliases(actor=target, aliases=aliases)
    Actor.objects.filter(merged_into=source).update(merged_into=target)
    if user is not None:
        source._history_user = user
        target._history_user = user
    source.merged_into = target
    source.version += 1
    source.save(update_fields=["merged_into", "version", "updated_at"])
    if not target.description and source.description:
        target.description = source.description
    target.version += 1
    target.save(update_fields=["description", "version", "updated_at"])
    return target
