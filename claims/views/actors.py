"""The actor page: who they are, what they said, what they are the source of; editors fix names."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from ..forms import ActorForm, AliasForm, MergeForm
from ..lib.keyset import bounded_count
from ..models import Actor, ActorMention, ActorMerge, ActorType, Article, NumericClaim, Quote, normalize_name
from ..reads import actors as actor_reads
from ..roles import can_edit
from ..services.actors import actor_create, actors_merge, actors_unmerge
from ..services.review import StaleVersion, actor_alias_add, actor_alias_remove, actor_update
from .common import editor_required, reader_required

LIST_LIMIT = 50
DIRECTORY_PAGE = 50
HISTORY_LIMIT = 200
User = get_user_model()


def _duplicates(actor: Actor) -> list[Actor]:
    """Other actors that may be the same one: same last word of the name, same type."""
    words = actor.normalized_name.split()
    if not words or len(words[-1]) < 3:
        return []
    last = words[-1]
    return list(
        Actor.objects.canonical()
        .filter(type=actor.type, normalized_name__endswith=f" {last}")
        .exclude(pk=actor.pk)
        .only("id", "name", "description")[:8]
    )


@reader_required
def actor_detail(request: HttpRequest, pk: int, form: ActorForm | None = None, conflict: Actor | None = None):
    actor = get_object_or_404(Actor.objects.visible_to(request.user).select_related("merged_into"), pk=pk)
    if actor.merged_into_id is not None and request.method == "GET":
        messages.info(request, f"{actor.name} was merged into {actor.merged_into.name}.")
        return redirect("actor", pk=actor.merged_into_id)
    quotes = Quote.objects.live().filter(speaker=actor)
    claims = NumericClaim.objects.live().filter(source=actor)
    article_ids = ActorMention.objects.filter(actor=actor).values("article_id")
    articles = Article.objects.filter(pk__in=article_ids).newest().select_related("outlet").defer("text", "html")
    editor = can_edit(request.user)
    context = {
        "actor": actor,
        "aliases": list(actor.aliases.all()),
        "quotes": list(
            quotes.select_related("article", "article__outlet")
            .defer("article__text", "article__html")
            .order_by("-id")[:LIST_LIMIT]
        ),
        "quote_count": bounded_count(quotes),
        "claims": list(
            claims.select_related("article", "article__outlet")
            .defer("article__text", "article__html")
            .order_by("-id")[:LIST_LIMIT]
        ),
        "claim_count": bounded_count(claims),
        "articles": list(articles[:LIST_LIMIT]),
        "article_count": bounded_count(Article.objects.filter(pk__in=article_ids)),
        "merged_from": list(actor.merged_from.only("id", "name")[:20]),
        "can_edit": editor,
        "conflict": conflict,
    }
    if editor:
        context["form"] = form or ActorForm(
            initial={"name": actor.name, "description": actor.description, "type": actor.type, "version": actor.version}
        )
        context["alias_form"] = AliasForm()
        context["duplicates"] = _duplicates(actor)
        context["merges_in"] = list(
            ActorMerge.objects.filter(target=actor, undone_at__isnull=True).select_related("source", "user")[:10]
        )
    status = 409 if conflict else 400 if form is not None else 200
    return render(request, "claims/actor.html", context, status=status)


@require_POST
@editor_required
def actor_edit(request: HttpRequest, pk: int) -> HttpResponse:
    actor = get_object_or_404(Actor, pk=pk)
    form = ActorForm(request.POST)
    if not form.is_valid():
        return actor_detail(request, pk, form=form)
    data = form.cleaned_data
    try:
        actor_update(
            actor=actor,
            user=request.user,
            version=data["version"],
            name=data["name"],
            description=data["description"],
            type=data["type"],
        )
    except StaleVersion as stale:
        post = request.POST.copy()
        post["version"] = str(stale.current.version)
        return actor_detail(request, pk, form=ActorForm(post), conflict=stale.current)
    except ValidationError as error:
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
        return actor_detail(request, pk, form=form)
    messages.success(request, "Saved.")
    return redirect("actor", pk=pk)


@require_POST
@editor_required
def actor_alias(request: HttpRequest, pk: int) -> HttpResponse:
    actor = get_object_or_404(Actor, pk=pk)
    try:
        if "remove" in request.POST:
            actor_alias_remove(actor=actor, user=request.user, alias_id=int(request.POST["remove"]))
        else:
            form = AliasForm(request.POST)
            if form.is_valid():
                added = actor_alias_add(actor=actor, user=request.user, alias=form.cleaned_data["alias"])
                if added is None:
                    messages.info(request, "That is already this actor's name or one of its aliases.")
    except (ValidationError, ValueError) as error:
        messages.error(request, "; ".join(getattr(error, "messages", [str(error)])))
    return redirect("actor", pk=pk)


def _page_number(raw: str | None) -> int:
    try:
        return max(1, min(int(raw or 1), 10_000))
    except ValueError:
        return 1


@reader_required
def actor_directory(request: HttpRequest) -> HttpResponse:
    """Every actor, searchable by name and alias, by type, with their counts; editors see duplicates."""
    query = request.GET.get("q", "").strip()[:200]
    kind = request.GET.get("type", "")
    sort = request.GET.get("sort", "name")
    sort = sort if sort in actor_reads.SORTS else "name"
    number = _page_number(request.GET.get("page"))
    offset = (number - 1) * DIRECTORY_PAGE
    rows = list(
        actor_reads.directory(user=request.user, query=query, type=kind, sort=sort)[
            offset : offset + DIRECTORY_PAGE + 1
        ]
    )
    editor = can_edit(request.user)
    context = {
        "actors": rows[:DIRECTORY_PAGE],
        "query": query,
        "type": kind if kind in ActorType.values else "",
        "types": ActorType.choices,
        "sort": sort,
        "sorts": [(key, label) for key, (label, _) in actor_reads.SORTS.items()],
        "page_number": number,
        "has_next": len(rows) > DIRECTORY_PAGE,
        "can_edit": editor,
        "suggestions": actor_reads.duplicate_suggestions(user=request.user) if editor and not query else [],
    }
    return render(request, "claims/actors/directory.html", context)


@editor_required
def actor_search(request: HttpRequest) -> HttpResponse:
    """The htmx picker's results: actors matching ``q`` (any ``*_query`` parameter works too).

    ``purpose=merge&target=<id>``: links to the merge preview; otherwise buttons that fill the
    picker ``field`` and, when no actor has that exact name, a way to create it.
    """
    named = next((k for k in request.GET if k.endswith("_query")), "q")
    query = request.GET.get("q") or request.GET.get(named, "")
    query = query.strip()[:300]
    target = _int(request.GET.get("target"))
    results = actor_reads.search(user=request.user, query=query, exclude=target)
    exact = any(a.normalized_name == normalize_name(query) for a in results)
    context = {
        "results": results,
        "query": query,
        "purpose": "merge" if request.GET.get("purpose") == "merge" and target else "pick",
        "target": target,
        "field": request.GET.get("field", "")[:40],
        "can_create": bool(normalize_name(query)) and not exact,
        "types": ActorType.choices,
    }
    return render(request, "claims/actors/_results.html", context)


@require_POST
@editor_required
def actor_new(request: HttpRequest) -> HttpResponse:
    """Create an actor from a picker (or find the one with that name) and hand it back to it."""
    try:
        actor = actor_create(
            name=request.POST.get("name", ""), type=request.POST.get("type", ActorType.PERSON), user=request.user
        )
    except ValueError as error:
        return HttpResponse(str(error), status=400, content_type="text/plain; charset=utf-8")
    context = {"actor": actor, "field": request.POST.get("field", "")[:40]}
    return render(request, "claims/actors/_created.html", context, status=201)


def _int(raw: str | None) -> int | None:
    try:
        return int(raw) if raw else None
    except ValueError:
        return None


@editor_required
def actor_merge(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: find the duplicate (``q``) and preview what moves (``source``); POST: merge it here."""
    target = get_object_or_404(Actor.objects.canonical(), pk=pk)
    if request.method == "POST":
        form = MergeForm(request.POST)
        source = Actor.objects.filter(pk=form.cleaned_data["source"]).first() if form.is_valid() else None
        if source is None:
            messages.error(request, "Choose the actor to merge into this one.")
            return redirect("actor-merge", pk=pk)
        try:
            actors_merge(source=source, target=target, user=request.user)
        except ValueError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, f"Merged {source.name} into {target.name}. You can undo it below.")
        return redirect("actor", pk=pk)
    source_id = _int(request.GET.get("source"))
    source = (
        get_object_or_404(Actor.objects.canonical().exclude(pk=pk), pk=source_id) if source_id is not None else None
    )
    query = request.GET.get("q", "").strip()[:300]
    context = {
        "target": target,
        "source": source,
        "preview": actor_reads.merge_preview(source) if source else None,
        "query": query,
        "results": actor_reads.search(user=request.user, query=query, exclude=pk) if query and not source else [],
    }
    return render(request, "claims/actors/merge.html", context)


@require_POST
@editor_required
def actor_unmerge(request: HttpRequest, merge_id: int) -> HttpResponse:
    merge = get_object_or_404(ActorMerge.objects.select_related("source", "target"), pk=merge_id)
    try:
        source = actors_unmerge(merge=merge, user=request.user)
    except ValueError as error:
        messages.error(request, str(error))
        return redirect("actor", pk=merge.target_id)
    messages.success(request, f"Undone: {source.name} is its own actor again.")
    return redirect("actor", pk=source.pk)


HISTORY_FIELDS = {"name": "Name", "description": "Descriptor", "type": "Type", "merged_into": "Merged into"}


@reader_required
def actor_history(request: HttpRequest, pk: int) -> HttpResponse:
    """The actor's changes (names, not numbers) and the merges into and out of it."""
    actor = get_object_or_404(Actor.objects.visible_to(request.user), pk=pk)
    records = list(
        actor.history.select_related("history_user").order_by("-history_date", "-history_id")[:HISTORY_LIMIT]
    )
    entries: list[dict[str, Any]] = []
    actor_ids: set[int] = set()
    for i, record in enumerate(records):
        previous = records[i + 1] if i + 1 < len(records) else None
        changes = []
        if previous is not None:
            for change in record.diff_against(previous, included_fields=list(HISTORY_FIELDS)).changes:
                changes.append({"field": change.field, "old": change.old, "new": change.new})
                if change.field == "merged_into":
                    actor_ids |= {change.old, change.new} - {None}
        entries.append({"record": record, "changes": changes, "created": previous is None})
    names = dict(Actor.objects.filter(pk__in=actor_ids).values_list("pk", "name")) if actor_ids else {}
    types = dict(ActorType.choices)
    for entry in entries:
        for change in entry["changes"]:
            for side in ("old", "new"):
                value = change[side]
                if change["field"] == "merged_into" and value is not None:
                    value = names.get(value, "(gone)")
                elif change["field"] == "type":
                    value = types.get(value, value)
                change[side] = "—" if value in (None, "") else str(value)
            change["label"] = HISTORY_FIELDS[change["field"]]
    merges = list(
        ActorMerge.objects.filter(Q(source=actor) | Q(target=actor))
        .select_related("source", "target", "user", "undone_by")
        .order_by("-created_at", "-id")[:50]
    )
    context = {"actor": actor, "entries": entries, "merges": merges, "can_edit": can_edit(request.user)}
    return render(request, "claims/actors/history.html", context)
