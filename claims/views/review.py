"""Editors' pages: the review queue, verify/reject, the edit forms with conflict handling, history."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.template.defaultfilters import pluralize
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from ..forms import REJECT_REASONS, ClaimForm, QuoteForm
from ..lib.highlight import Span, highlight
from ..models import Article, NumericClaim, Quote, ReviewStatus
from ..reads.accuracy import calibration_fit
from ..reads.browse import cached, data_version
from ..reads.review import history_entries, snippet, speaker_mentions
from ..services.review import (
    StaleVersion,
    claim_add,
    claim_correct,
    item_note_update,
    item_review,
    items_review,
    quote_add,
    quote_correct,
)
from .common import HtmxHttpRequest, editor_required, get_item, reader_required
from .home import review_queue_size

QUEUE_SIZE = 20
HISTORY_LIMIT = 200


def item_url(item: Quote | NumericClaim) -> str:
    kind = "claim" if isinstance(item, NumericClaim) else "quote"
    return reverse("article", args=[item.article_id]) + f"#{kind}-{item.pk}"


def _next_url(request: HttpRequest, default: str) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(candidate, {request.get_host()}, request.is_secure()):
        return candidate
    return default


# --- Queue ---------------------------------------------------------------------------------


def _queue_items(kind: str, limit: int, version: str) -> list[Quote | NumericClaim]:
    items: list[Quote | NumericClaim] = []
    if kind in ("all", "claims"):
        items += list(NumericClaim.objects.needs_review().select_related("article", "source")[:limit])
    if kind in ("all", "quotes"):
        items += list(Quote.objects.needs_review().select_related("article", "speaker")[:limit])
    # Calibrated: a kind's confidence read as the rate editors verified it (issue 18); monotone per
    # kind, so each kind's first ``limit`` by raw confidence are still its first by calibrated.
    fit = cached(version, "calibration-fit", calibration_fit)
    items.sort(key=lambda i: (fit("claim" if isinstance(i, NumericClaim) else "quote", i.confidence), i.pk))
    return items[:limit]


def queue_progress(user: Any, version: str | None = None) -> dict[str, int]:
    today = timezone.now().replace(hour=0, minute=0, second=0, microsecond=0)
    left = cached(version or data_version(), "review-queue-size", review_queue_size)
    done = (
        Quote.objects.filter(reviewed_by=user, reviewed_at__gte=today).count()
        + NumericClaim.objects.filter(reviewed_by=user, reviewed_at__gte=today).count()
    )
    total = left + done
    return {"left": left, "done": done, "percent": round(100 * done / total) if total else 100}


@editor_required
def review_queue(request: HttpRequest) -> HttpResponse:
    kind = request.GET.get("kind", "") if request.GET.get("kind", "") in ("claims", "quotes") else "all"
    version = data_version()  # one read of what changed last, for both cached reads below
    items = _queue_items(kind, QUEUE_SIZE, version)
    here = reverse("review") + (f"?kind={kind}" if kind != "all" else "")
    mentions = speaker_mentions([i for i in items if isinstance(i, Quote)])
    rows = [
        {"item": i, "kind": "claim" if isinstance(i, NumericClaim) else "quote", "snippet": snippet(i, mentions)}
        for i in items
    ]
    # Edit returns to the queue at the same place: the row after the edited one (which, once
    # corrected, leaves the queue), or the edited one when it is the last.
    for i, row in enumerate(rows):
        after = rows[i + 1] if i + 1 < len(rows) else row
        row["edit_next"] = f"{here}#q-{after['kind']}-{after['item'].pk}"
    return render(
        request,
        "claims/review_queue.html",
        {"rows": rows, "progress": queue_progress(request.user, version), "queue_kind": kind, "here": here},
    )


# --- One-click review ----------------------------------------------------------------------


ACTIONS = {"verify": ReviewStatus.VERIFIED, "reject": ReviewStatus.REJECTED, "reopen": ReviewStatus.UNREVIEWED}
VERSION_MISSING = "Send the version of the item you last saw (the page's hidden version field): reload and try again."


def _posted_version(request: HttpRequest) -> int | None:
    """The ``version`` field as a positive whole number, or None when it is missing or not one."""
    raw = (request.POST.get("version") or "").strip()
    if not raw.isdigit() or int(raw) < 1:
        return None
    return int(raw)


def _reject_reason(request: HttpRequest) -> str:
    choice = request.POST.get("reason") or ""
    if choice not in {value for value, _ in REJECT_REASONS}:
        choice = ""
    text = " ".join((request.POST.get("reason_text") or "").split())
    return ": ".join(part for part in (choice, text) if part)


@require_POST
@editor_required
def item_action(request: HtmxHttpRequest, kind: str, pk: int, action: str) -> HttpResponse:
    """Verify, reject or reopen one item at the version the editor saw. Without that version the
    request is refused (400): a click must never overwrite a change it has not seen."""
    status = ACTIONS.get(action)
    if status is None:
        raise Http404
    item = get_item(kind, pk)
    version = _posted_version(request)
    if version is None:
        return HttpResponseBadRequest(VERSION_MISSING, content_type="text/plain; charset=utf-8")
    reason = _reject_reason(request) if status == ReviewStatus.REJECTED else ""
    conflict = None
    try:
        item = item_review(item=item, user=request.user, version=version, status=status, reason=reason)
    except StaleVersion as stale:
        item, conflict = stale.current, stale
    if request.htmx:
        response = render(
            request,
            "claims/partials/_item_state.html",
            {
                "item": item,
                "kind": kind,
                "conflict": conflict,
                "attempted": action,
                "reason": reason,
                "progress": queue_progress(request.user),
                "edit_next": reverse("review") + f"#q-{kind}-{item.pk}" if request.POST.get("queue") else "",
            },
            status=409 if conflict else 200,
        )
        return response
    if conflict:
        messages.error(request, f"Someone changed this {kind} first; it is now {item.get_status_display().lower()}.")
    else:
        messages.success(request, f"The {kind} is now {item.get_status_display().lower()}.")
    return HttpResponseRedirect(_next_url(request, item_url(item)))


def _bulk_items(request: HttpRequest) -> list[tuple[Quote | NumericClaim, int]] | None:
    """The ticked items, posted as ``item=claim:12:3`` (kind, id, version seen); None when one is malformed."""
    wanted: list[tuple[str, int, int]] = []
    for value in request.POST.getlist("item"):
        kind, _, rest = value.partition(":")
        pk, _, version = rest.partition(":")
        if kind not in ("claim", "quote") or not pk.isdigit() or not version.isdigit() or int(version) < 1:
            return None
        wanted.append((kind, int(pk), int(version)))
    found: dict[tuple[str, int], Quote | NumericClaim] = {}
    for kind, model in (("claim", NumericClaim), ("quote", Quote)):
        ids = [pk for k, pk, _ in wanted if k == kind]
        for row in model.objects.filter(pk__in=ids):
            found[(kind, row.pk)] = row
    return [(found[(k, pk)], version) for k, pk, version in wanted if (k, pk) in found]


@require_POST
@editor_required
def review_bulk(request: HttpRequest) -> HttpResponse:
    """Verify or reject the ticked items of the queue together; a conflict is reported per item."""
    status = {"verify": ReviewStatus.VERIFIED, "reject": ReviewStatus.REJECTED}.get(request.POST.get("action", ""))
    items = _bulk_items(request)
    if status is None or items is None:
        return HttpResponseBadRequest(
            "Choose verify or reject, and tick items of the queue (each with the version you saw).",
            content_type="text/plain; charset=utf-8",
        )
    reason = _reject_reason(request) if status == ReviewStatus.REJECTED else ""
    outcomes = items_review(items=items, user=request.user, status=status, reason=reason)
    done = [o for o in outcomes if not o.conflict]
    conflicts = [o for o in outcomes if o.conflict]
    verb = "verified" if status == ReviewStatus.VERIFIED else "rejected"
    if done:
        messages.success(request, f"{len(done)} item{pluralize(len(done))} {verb}.")
    for outcome in conflicts:
        kind = "claim" if isinstance(outcome.item, NumericClaim) else "quote"
        messages.error(
            request,
            f"The {kind} #{outcome.item.pk} was changed by someone else first (it is now "
            f"{outcome.item.get_status_display().lower()}); it was left as they saved it.",
        )
    return HttpResponseRedirect(_next_url(request, reverse("review")))


@require_POST
@editor_required
def item_note(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    item = get_item(kind, pk)
    version = _posted_version(request)
    if version is None:
        return HttpResponseBadRequest(VERSION_MISSING, content_type="text/plain; charset=utf-8")
    try:
        item = item_note_update(item=item, user=request.user, version=version, note=request.POST.get("note", ""))
    except StaleVersion as stale:
        messages.error(
            request,
            f"Someone changed this {kind} first (now version {stale.current.version}); your note was not saved: "
            f"{(request.POST.get('note') or '')[:200]}",
        )
    else:
        messages.success(request, "Note saved.")
    return HttpResponseRedirect(_next_url(request, reverse("item-edit", args=[kind, item.pk])))


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
        return ClaimForm(data, initial=initial, article=item.article)
    initial = {
        "speaker": item.speaker_id or "",
        "speaker_surface": item.speaker_surface,
        "verb": item.verb,
        "start": item.start,
        "end": item.end,
        "version": item.version,
    }
    return QuoteForm(data, initial=initial, article=item.article)


@editor_required
def item_edit(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    item = get_item(kind, pk)
    conflict = None
    if request.method == "POST":
        form = _form_for(kind, item, request.POST)
        if form.is_valid():
            version = form.cleaned_data.get("version")
            correct: Callable[..., Quote | NumericClaim] = claim_correct if kind == "claim" else quote_correct
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
    # The span is moved by selecting text in the article (app.js fills these), not by typing offsets.
    for field in ("start", "end"):
        form.fields[field].widget = forms.HiddenInput()
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
            "article_html": highlight(
                item.article.text, [Span(item.start, item.end, "now", item.pk, label="the span now")]
            ),
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
                item: NumericClaim | Quote = claim_add(article=article, user=request.user, **data)
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


@reader_required
def item_history(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    item = get_item(kind, pk)
    # One record more than is shown, so that the oldest one shown is diffed against its own "before".
    history = item.history.select_related("history_user").order_by("-history_date", "-history_id")
    records = list(history[: HISTORY_LIMIT + 1])
    entries = history_entries(type(item), records)[:HISTORY_LIMIT]
    return render(
        request,
        "claims/item_history.html",
        {"item": item, "kind": kind, "entries": entries, "cut": len(records) > HISTORY_LIMIT},
    )
