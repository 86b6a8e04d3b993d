"""Pages. Views parse, call a queryset or a service, and render."""

from __future__ import annotations

from django.db import connection
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from .models import Article, NumericClaim, Quote
from .roles import can_edit


def healthz(request: HttpRequest) -> JsonResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"ok": True})


def home(request: HttpRequest) -> HttpResponse:
    articles = (
        Article.objects.visible_to(request.user)
        .newest()
        .select_related("outlet")
        .annotate(
            n_quotes=Count("quotes", filter=~Q(quotes__status="rejected"), distinct=True),
            n_claims=Count("claims", filter=~Q(claims__status="rejected"), distinct=True),
        )[:20]
    )
    review_queue = None
    if can_edit(request.user):
        review_queue = Quote.objects.needs_review().count() + NumericClaim.objects.needs_review().count()
    return render(request, "claims/home.html", {"articles": articles, "review_queue": review_queue})
