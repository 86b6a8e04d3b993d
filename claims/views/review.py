"""Editors' pages: the review queue, verify/reject, the edit forms with conflict handling, history."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from ..forms import ClaimForm, QuoteForm
from ..lib.highlight import Span, highlight, sentence_bounds
from ..models import Actor, Article, NumericClaim, Quote, ReviewStatus
from ..reads.accuracy import calibration_fit
from ..reads.browse import cached, data_version
from ..services.review import (
    StaleVersion,
    claim_add,
    claim_correct,
    item_review,
    quote_add,
    quote_correct,
)
from .common import editor_required, get_item, reader_required
from .home import review_queue_size

QUEUE_SIZE = 20
User = get_user_model()
HISTORY_LIMIT = 200


def item_url(item: Quote | NumericClaim) -> str:
    kind = "claim" if isinstance(item, NumericClaim) else "quote"
    return reverse("article", args=[item.article_id]) + f"#{kind}-{item.pk}"


def _next_url(request: HttpRequest, default: str) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(candidate, {request.get_host()}, request.is_secure()):
        return candidate
    return default


def snippet(item: Quote | NumericClaim) -> Any:
    """The item's sentence from its article, the item highlighted in it."""
    text = item.article.text
    left, right = sentence_bounds(text, item.start, item.end)
    kind = "claim" if isinstance(item, NumericClaim) else "quote"
    return {
        "html": highlight(text[left:right], [Span(item.start, item.end, kind, item.pk)], offset=left),
        "cut_left": left > 0,
        "cut_right": right < len(text),
    }


# --- Queue ---------------------------------------------------------------------------------


def _queue_items(kind: str, limit: int) -> list[Quote | NumericClaim]:
    items: list[Quote | NumericClaim] = []
    if kind in ("all", "claims"):
        items += list(NumericClaim.objects.needs_review().select_related("article", "source")[:limit])
    if kind in ("all", "quotes"):
        items += list(Quote.objects.needs_review().select_related("article", "speaker")[:limit])
    # Calibrated: a kind's confidence read as the rate editors verified it (issue 18); monotone per
    # kind, so each kind's first ``limit`` by raw confidence are still its first by calibrated.
    fit = cached(data_version(), "calibration-fit", calibration_fit)
    items.sort(key=lambda i: (fit("claim" if isinstance(i, NumericClaim) else "quote", i.confidence), i.pk))
    return items[:limit]


def queue_progress(user: Any) -> dict[str, int]:
    today = timezone.now().replace(hour=0, minute=0, second=0, microsecond=0)
    left = cached(data_version(), "review-queue-size", review_queue_size)
    done = (
        Quote.objects.filter(reviewed_by=user, reviewed_at__gte=today).count()
        + NumericClaim.objects.filter(reviewed_by=user, reviewed_at__gte=today).count()
    )
    total = left + done
    return {"left": left, "done": done, "percent": round(100 * done / total) if total else 100}


@editor_required
def review_queue(request: HttpRequest) -> HttpResponse:
    kind = request.GET.get("kind") if request.GET.get("kind") in ("claims", "quotes") else "all"
    items = _queue_items(kind, QUEUE_SIZE)
    rows = [
        {"item": i, "kind": "claim" if isinstance(i, NumericClaim) else "quote", "snippet": snippet(i)} for i in items
    ]
    return render(
        request,
        "claims/review_queue.html",
        {"rows": rows, "progress": queue_progress(request.user), "queue_kind": kind},
    )


# --- One-click review ----------------------------------------------------------------------


ACTIONS = {"verify": ReviewStatus.VERIFIED, "reject": ReviewStatus.REJECTED, "reopen": ReviewStatus.UNREVIEWED}


@require_POST
@editor_required
def item_action(request: HttpRequest, kind: str, pk: int, action: str) -> HttpResponse:
    status = ACTIONS.get(action)
    if status is None:
        raise Http404
    item = get_item(kind, pk)
    conflict = None
    try:
        item = item_review(item=item, user=request.user, version=request.POST.get("version") or None, status=status)
    except StaleVersion as stale:
        item, conflict = stale.current, stale
    if request.htmx:
        response = render(
            request,
            "claims/partials/_item_state.html",
            {"item": item, "kind": kind, "conflict": conflict, "progress": queue_progress(request.user)},
        )
        if conflict:
            response.status_code = 409
            response["HX-Reswap"] = "outerHTML"
        return response
    if conflict:
        messages.error(request, f"Someone changed this {kind} first; it is now {item.get_status_display().lower()}.")
    else:
        messages.success(request, f"The {kind} is now {item.get_status_display().lower()}.")
    return HttpResponseRedirect(_next_url(request, item_url(item)))


# --- Editing ---------------------------------------------------------------------------------


def _form_for(kind: str, item: Any, data: Any = None) -> ClaimForm | QuoteForm:
    if kind == "claim":
        initial = {
            f: getattr(item, f)
            for f in ("value", "value_max", "qualifier", "category", "noun", "place", "source_surface", "as_of")
        }
        for field in ("value", "value_max"):  # 120.0000 -> 120, never 1.2E+2
            if initial[field] is not None:
                initial[field] = format(initial[field].normalize(), "f")
        initial.update(source=item.source_id or "", start=item.start, end=item.end, version=item.version)
        return ClaimForm(data, initial=initial, article=item.article, current_source=item.source_id)
    initial = {
        "speaker": item.speaker_id or "",
        "speaker_surface": item.speaker_surface,
        "verb": item.verb,
        "start": item.start,
        "end": item.end,
        "version": item.version,
    }
    return QuoteForm(data, initial=initial, article=item.article, current_speaker=item.speaker_id)


@editor_required
def item_edit(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    item = get_item(kind, pk)
    conflict = None
    if request.method == "POST":
        form = _form_for(kind, item, request.POST)
        if form.is_valid():
            version = form.cleaned_data.get("version")
            correct = claim_correct if kind == "claim" else quote_correct
            try:
                with_item = {kind: item}
                saved = correct(**with_item, user=request.user, version=version, **form.changes())
            except StaleVersion as stale:
                # Keep what this editor typed; show the other editor's version beside it; saving
                # again (with the new version number) overwrites it knowingly.
                conflict = stale.current
                post = request.POST.copy()
                post["version"] = str(conflict.version)
                form = _form_for(kind, conflict, post)
                form.is_valid()
                item = conflict
            except ValidationError as error:
                for field, errors in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                messages.success(request, f"Saved. The {kind} is now at version {saved.version}.")
                return HttpResponseRedirect(_next_url(request, item_url(saved)))
    else:
        form = _form_for(kind, item)
    status = 409 if conflict else 200
    return render(
        request,
        "claims/item_edit.html",
        {
            "item": item,
            "kind": kind,
            "form": form,
            "conflict": conflict,
            "snippet": snippet(item),
            "next_url": _next_url(request, ""),
        },
        status=status,
    )


@require_POST
@editor_required
def item_add(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    if kind not in ("claim", "quote"):
        raise Http404
    article = get_object_or_404(Article, pk=pk)
    form_class = ClaimForm if kind == "claim" else QuoteForm
    form = form_class(request.POST, article=article)
    if form.is_valid():
        data = form.changes()
        try:
            if kind == "claim":
                item = claim_add(article=article, user=request.user, **data)
            else:
                item = quote_add(article=article, user=request.user, **data)
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, f"Added the {kind}.")
            return redirect(item_url(item))
    return render(request, "claims/item_add.html", {"article": article, "kind": kind, "form": form}, status=400)


# --- History ---------------------------------------------------------------------------------

HIDDEN_FIELDS = ["updated_at", "created_at"]
ACTOR_FIELDS = {"source", "speaker"}


def _history_entries(records: list[Any]) -> list[dict[str, Any]]:
    """Each record with what changed since the one before it (simple-history's ``diff_against``)."""
    entries, actor_ids, user_ids = [], set(), set()
    for i, record in enumerate(records):
        previous = records[i + 1] if i + 1 < len(records) else None
        changes = []
        if previous is not None:
            for change in record.diff_against(previous, excluded_fields=HIDDEN_FIELDS).changes:
                changes.append({"field": change.field, "old": change.old, "new": change.new})
                if change.field in ACTOR_FIELDS:
                    actor_ids |= {change.old, change.new}
                elif change.field == "reviewed_by":
                    user_ids |= {change.old, change.new}
        entries.append({"record": record, "changes": changes, "created": previous is None})
    actors = dict(Actor.objects.filter(pk__in=actor_ids - {None}).values_list("pk", "name")) if actor_ids else {}
    users = dict(User.objects.filter(pk__in=user_ids - {None}).values_list("pk", "username")) if user_ids else {}
    for entry in entries:
        for change in entry["changes"]:
            names = actors if change["field"] in ACTOR_FIELDS else users if change["field"] == "reviewed_by" else None
            for side in ("old", "new"):
                value = change[side]
                if names is not None and value is not None:
                    value = f"{names.get(value, '(gone)')} (#{value})"
                change[side] = "—" if value is None or value == "" else str(value)
    return entries


@reader_required
def item_history(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    item = get_item(kind, pk)
    records = list(item.history.select_related("history_user").order_by("-history_date", "-history_id")[:HISTORY_LIMIT])
    return render(
        request, "claims/item_history.html", {"item": item, "kind": kind, "entries": _history_entries(records)}
    )
