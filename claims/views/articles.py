"""The article page: its text with every quote, claim and mention marked in place."""

from __future__ import annotations

from itertools import groupby
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from ..forms import ClaimForm, QuoteForm
from ..lib.highlight import Span, highlight
from ..models import ActorMention, Article, Category, NumericClaim, Quote
from ..roles import can_edit
from ..templatetags.claims_format import claim_value
from .common import reader_required


def article_spans(quotes: list[Quote], claims: list[NumericClaim], mentions: list[ActorMention]) -> list[Span]:
    spans = []
    for q in quotes:
        who = q.speaker.name if q.speaker else q.speaker_surface or "unknown speaker"
        spans.append(Span(q.start, q.end, "quote", q.pk, f"Quote · {who}", f"st-{q.status}"))
    for c in claims:
        label = f"{c.get_category_display()}: {claim_value(c)} {c.noun}".strip()
        spans.append(Span(c.start, c.end, "claim", c.pk, label, f"st-{c.status}"))
    for m in mentions:
        label = f"{m.actor.name} ({m.actor.get_type_display()})"
        spans.append(Span(m.start, m.end, "mention", m.pk, label, f"t-{m.actor.type}", item=f"actor-{m.actor_id}"))
    return spans


@reader_required
def article_detail(request: HttpRequest, pk: int) -> HttpResponse:
    article = get_object_or_404(Article.objects.visible_to(request.user).select_related("outlet", "feed"), pk=pk)
    quotes = list(Quote.objects.live().filter(article=article).select_related("speaker").order_by("start", "id"))
    claims = list(
        NumericClaim.objects.live().filter(article=article).select_related("source", "figure").order_by("start", "id")
    )
    mentions = list(
        ActorMention.objects.filter(article=article)
        .exclude(status="rejected")
        .select_related("actor")
        .order_by("start")
    )
    text = highlight(article.text, article_spans(quotes, claims, mentions))

    def speaker_key(q: Quote) -> str:
        return q.speaker.name if q.speaker else (q.speaker_surface or "Unattributed")

    by_speaker = [
        (name, list(items))
        for name, items in groupby(sorted(quotes, key=lambda q: (speaker_key(q), q.start)), speaker_key)
    ]
    order = {value: i for i, value in enumerate(Category.values)}
    by_category = [
        (Category(cat).label, list(items))
        for cat, items in groupby(sorted(claims, key=lambda c: (order[c.category], c.start)), lambda c: c.category)
    ]
    actors: dict[int, dict[str, Any]] = {}
    for m in mentions:
        entry = actors.setdefault(m.actor_id, {"actor": m.actor, "count": 0, "first": m.pk})
        entry["count"] += 1
    editor = can_edit(request.user)
    context = {
        "article": article,
        "text": text,
        "quotes": quotes,
        "claims": claims,
        "by_speaker": by_speaker,
        "by_category": by_category,
        "actors": sorted(actors.values(), key=lambda e: (-e["count"], e["actor"].name)),
        "can_edit": editor,
    }
    if editor:
        context["claim_form"] = ClaimForm(article=article, auto_id="add-claim-%s")
        context["quote_form"] = QuoteForm(article=article, auto_id="add-quote-%s")
    return render(request, "claims/article.html", context)
