"""Actors: matching names across articles, merging duplicates, editing aliases."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from ..models import Actor, ActorAlias, ActorMention, ActorMerge, ActorType, NumericClaim, Quote, normalize_name


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
def actors_merge(*, source: Actor, target: Actor, user: Any = None) -> ActorMerge:
    """Fold ``source`` into ``target``: every mention, quote, claim and alias now points at target.

    The source row stays, marked ``merged_into`` target, so old links and history still resolve.
    What moved is recorded (``ActorMerge.moved``) so that ``actors_unmerge`` can put it back.
    """
    if source.pk == target.pk:
        raise ValueError("An actor cannot be merged into itself.")
    target = Actor.objects.select_for_update().get(pk=target.pk)
    source = Actor.objects.select_for_update().get(pk=source.pk)
    if source.merged_into_id is not None:
        raise ValueError(f"{source.name} was already merged into another actor.")
    if target.merged_into_id is not None:
        raise ValueError(f"{target.name} was itself merged into another actor: merge into that one.")
    mentions = ActorMention.objects.filter(actor=source)
    quotes = Quote.objects.filter(speaker=source)
    claims = NumericClaim.objects.filter(source=source)
    merged = Actor.objects.filter(merged_into=source)
    aliases = list(source.aliases.values_list("alias", flat=True))
    moved: dict[str, Any] = {
        "mentions": list(mentions.values_list("id", flat=True)),
        "quotes": list(quotes.values_list("id", flat=True)),
        "claims": list(claims.values_list("id", flat=True)),
        "merged": list(merged.values_list("id", flat=True)),
        "aliases": aliases,
        "description": None,
    }
    # .update() skips auto_now: set updated_at so incremental API sync sees the moved items.
    now = timezone.now()
    mentions.update(actor=target, updated_at=now)
    quotes.update(speaker=target, version=F("version") + 1, updated_at=now)
    claims.update(source=target, version=F("version") + 1, updated_at=now)
    source.aliases.all().delete()
    added = actor_add_aliases(actor=target, aliases=[source.name, *aliases])
    moved["added_aliases"] = [alias.pk for alias in added]
    merged.update(merged_into=target)
    if user is not None:
        source._history_user = user
        target._history_user = user
    source.merged_into = target
    source.version += 1
    source.save(update_fields=["merged_into", "version", "updated_at"])
    if not target.description and source.description:
        moved["description"] = target.description
        target.description = source.description
    target.version += 1
    target.save(update_fields=["description", "version", "updated_at"])
    return ActorMerge.objects.create(source=source, target=target, user=user, moved=moved)


@transaction.atomic
def actors_unmerge(*, merge: ActorMerge, user: Any = None) -> Actor:
    """Undo ``merge`` from what it recorded: the source is its own actor again, with what it had.

    Items an editor re-attributed since the merge stay where the editor put them. Returns the source.
    """
    merge = ActorMerge.objects.select_for_update().get(pk=merge.pk)
    if merge.undone_at is not None:
        raise ValueError("This merge was already undone.")
    source = Actor.objects.select_for_update().get(pk=merge.source_id)
    target = Actor.objects.select_for_update().get(pk=merge.target_id)
    if source.merged_into_id != target.pk:
        raise ValueError(f"{source.name} is no longer merged into {target.name}.")
    moved = merge.moved
    now = timezone.now()
    ActorMention.objects.filter(pk__in=moved.get("mentions", []), actor=target).update(actor=source, updated_at=now)
    Quote.objects.filter(pk__in=moved.get("quotes", []), speaker=target).update(
        speaker=source, version=F("version") + 1, updated_at=now
    )
    NumericClaim.objects.filter(pk__in=moved.get("claims", []), source=target).update(
        source=source, version=F("version") + 1, updated_at=now
    )
    Actor.objects.filter(pk__in=moved.get("merged", []), merged_into=target).update(merged_into=source)
    ActorAlias.objects.filter(pk__in=moved.get("added_aliases", []), actor=target).delete()
    actor_add_aliases(actor=source, aliases=moved.get("aliases", []))
    if user is not None:
        source._history_user = user
        target._history_user = user
    source.merged_into = None
    source.version += 1
    source.save(update_fields=["merged_into", "version", "updated_at"])
    if moved.get("description") is not None and target.description == source.description:
        target.description = moved["description"]
    target.version += 1
    target.save(update_fields=["description", "version", "updated_at"])
    merge.undone_at = now
    merge.undone_by = user
    merge.save(update_fields=["undone_at", "undone_by"])
    return source


@transaction.atomic
def actor_create(*, name: str, type: str, user: Any = None) -> Actor:
    """A new actor named ``name``, or the existing canonical one with that name and type."""
    name = " ".join(name.split())[:300]
    if not normalize_name(name):
        raise ValueError("An actor needs a name.")
    if type not in ActorType.values:
        raise ValueError(f"Unknown actor type: {type}.")
    existing = actors_resolve(names=[(name, type)]).get((name, type))
    if existing is not None:
        return existing
    actor = Actor(name=name, type=type)
    if user is not None:
        actor._history_user = user
    actor.save()
    return actor
