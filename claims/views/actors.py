"""The actor page: who they are, what they said, what they are the source of; editors fix names."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from ..forms import ActorForm, AliasForm, MergeForm
from ..lib.keyset import bounded_count
from ..models import Actor, ActorMention, Article, NumericClaim, Quote
from ..roles import can_edit
from ..services.actors import actors_merge
from ..services.review import StaleVersion, actor_alias_add, actor_alias_remove, actor_update
from .common import editor_required, reader_required

LIST_LIMIT = 50


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
        context["merge_form"] = MergeForm()
        context["duplicates"] = _duplicates(actor)
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


@require_POST
@editor_required
def actor_merge(request: HttpRequest, pk: int) -> HttpResponse:
    target = get_object_or_404(Actor, pk=pk)
    form = MergeForm(request.POST)
    if form.is_valid():
        source = Actor.objects.filter(pk=form.cleaned_data["source"]).first()
        if source is None:
            messages.error(request, f"There is no actor {form.cleaned_data['source']}.")
        else:
            try:
                actors_merge(source=source, target=target, user=request.user)
            except ValueError as error:
                messages.error(request, str(error))
            else:
                messages.success(request, f"Merged {source.name} into {target.name}.")
    else:
        messages.error(request, "Give the number of the actor to merge into this one.")
    return redirect("actor", pk=pk)
