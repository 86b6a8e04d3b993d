"""Start page and health check."""

from __future__ import annotations

from django.db import connection
from django.db.models import Count
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from ..models import Article, Category, NumericClaim, Quote
from ..reads.browse import cached, data_version
from ..reads.figures import start_page_figures
from ..roles import can_edit

LATEST_PER_CATEGORY = 3


def healthz(request: HttpRequest) -> JsonResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"ok": True})


def newest_articles(user, limit: int = 15) -> list[Article]:
    """The newest articles with their live quote and claim counts (three queries, any corpus size)."""
    articles = list(Article.objects.visible_to(user).newest().select_related("outlet")[:limit])
    ids = [a.pk for a in articles]
    quotes = dict(
        Quote.objects.live().filter(article_id__in=ids).order_by().values_list("article_id").annotate(n=Count("id"))
    )
    claims = dict(
        NumericClaim.objects.live()
        .filter(article_id__in=ids)
        .order_by()
        .values_list("article_id")
        .annotate(n=Count("id"))
    )
    for article in articles:
        article.n_quotes = quotes.get(article.pk, 0)
        article.n_claims = claims.get(article.pk, 0)
    return articles


def latest_by_category(user) -> list[tuple[str, str, list[NumericClaim]]]:
    """The most recently extracted live claims of each category: one indexed query per category."""
    out = []
    base = NumericClaim.objects.visible_to(user).live().select_related("article", "article__outlet", "source")
    for value, label in Category.choices:
        claims = list(base.filter(category=value).order_by("-id")[:LATEST_PER_CATEGORY])
        if claims:
            out.append((value, label, claims))
    return out


def review_queue_size() -> int:
    return Quote.objects.needs_review().count() + NumericClaim.objects.needs_review().count()


def home(request: HttpRequest) -> HttpResponse:
    editor = can_edit(request.user)
    version = data_version()
    review_queue = cached(version, "review-queue-size", review_queue_size) if editor else None
    return render(
        request,
        "claims/home.html",
        {
            "articles": newest_articles(request.user),
            "by_category": cached(version, "latest-by-category", lambda: latest_by_category(request.user)),
            "review_queue": review_queue,
            "start_figures": start_page_figures(user=request.user),
        },
    )
