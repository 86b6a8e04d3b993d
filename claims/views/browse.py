"""The claims and quotes browser, and "download this view" as CSV or JSON."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render

from ..lib.csv import csv_lines
from ..models import CLAIM_VALUE_FIELDS, Actor, Article
from ..reads.browse import (
    CLAIM_SORTS,
    QUOTE_SORTS,
    Filters,
    base_queryset,
    cached,
    data_version,
    facets_and_total,
    filtered,
    page,
)
from .common import reader_required

EXPORT_LIMIT = 100_000


def _browser(request: HttpRequest, kind: str) -> HttpResponse:
    filters = Filters.from_query(kind, request.GET)
    base = base_queryset(kind, request.user)
    qs = filtered(filters, base)
    related = ["article", "article__outlet", "source" if kind == "claims" else "speaker"]
    # Facet counts and the total depend on the filters only (not on the page): they are
    # cached until the data changes, so paging and returning to a view count nothing again.
    # The total comes with the facets (the rows that pass every facet's filter), not its own query.
    version = data_version()
    state = (kind, filters.params())
    counted_facets, total = cached(version, ("facets and total", state), lambda: facets_and_total(filters, base))
    result = page(
        qs.select_related(*related).defer("article__text", "article__html"),
        filters,
        after=request.GET.get("after", ""),
        before=request.GET.get("before", ""),
        total=total,
    )
    actor = Actor.objects.filter(pk=filters.actor).first() if filters.actor else None
    article = Article.objects.only("id", "title").filter(pk=filters.article).first() if filters.article else None
    return render(
        request,
        "claims/browser.html",
        {
            "kind": kind,
            "filters": filters,
            "facets": counted_facets,
            "page": result,
            "sorts": CLAIM_SORTS if kind == "claims" else QUOTE_SORTS,
            "actor_filter": actor,
            "article_filter": article,
            "query": filters.query_string(),
            "next_param": quote(request.get_full_path(), safe=""),
            "actor_clear": filters.without("actor"),
            "article_clear": filters.without("article"),
        },
    )


@reader_required
def claims_browser(request: HttpRequest) -> HttpResponse:
    return _browser(request, "claims")


@reader_required
def quotes_browser(request: HttpRequest) -> HttpResponse:
    return _browser(request, "quotes")


CLAIM_COLUMNS = [
    "id",
    *CLAIM_VALUE_FIELDS,
    "source_id",
    "source",
    "source_surface",
    "span",
    "start",
    "end",
    "as_of",
    "status",
    "confidence",
    "article_id",
    "article_title",
    "article_url",
    "outlet",
    "published_at",
]
QUOTE_COLUMNS = [
    "id",
    "text",
    "speaker_id",
    "speaker",
    "speaker_surface",
    "verb",
    "start",
    "end",
    "status",
    "confidence",
    "article_id",
    "article_title",
    "article_url",
    "outlet",
    "published_at",
]


def _plain(value: Any) -> str:
    """4000.0000 -> "4000", 2.5000 -> "2.5" (never "4E+3")."""
    return "" if value is None else format(value.normalize(), "f")


def _export_rows(kind: str, qs: Any) -> Iterator[dict[str, Any]]:
    actor = "source" if kind == "claims" else "speaker"
    fields = [
        *(CLAIM_COLUMNS if kind == "claims" else QUOTE_COLUMNS)[:-5],
        f"{actor}__name",
        "article__title",
        "article__url",
        "article__outlet__name",
        "article__published_at",
    ]
    fields = [f for f in fields if f != actor]
    for row in qs.values(*fields).iterator(chunk_size=2000):
        out = {k: row[k] for k in fields if "__" not in k}
        out[actor] = row[f"{actor}__name"] or ""
        out["article_title"] = row["article__title"]
        out["article_url"] = row["article__url"] or ""
        out["outlet"] = row["article__outlet__name"] or ""
        published = row["article__published_at"]
        out["published_at"] = published.isoformat() if published else ""
        if kind == "claims":
            out["value"] = _plain(out["value"])
            out["value_max"] = _plain(out["value_max"])
            out["as_of"] = out["as_of"].isoformat() if out["as_of"] else ""
        yield out


def _export(request: HttpRequest, kind: str, fmt: str) -> StreamingHttpResponse:
    if fmt not in ("csv", "json"):
        raise Http404
    filters = Filters.from_query(kind, request.GET)
    qs = filtered(filters, base_queryset(kind, request.user))
    sort = filters.sort_option
    order = ("-" if sort.descending else "") + sort.field
    qs = qs.order_by(order, "-id" if sort.descending else "id")[:EXPORT_LIMIT]
    columns = CLAIM_COLUMNS if kind == "claims" else QUOTE_COLUMNS
    rows = _export_rows(kind, qs)
    if fmt == "csv":
        lines = csv_lines(columns, ([row.get(c) for c in columns] for row in rows))
        response = StreamingHttpResponse(lines, content_type="text/csv; charset=utf-8")
    else:

        def chunks() -> Iterator[str]:
            state: dict[str, list[str]] = {}
            for key, value in filters.params():
                state.setdefault(key, []).append(value)
            yield '{"filters": ' + json.dumps(state) + ', "rows": ['
            for i, row in enumerate(rows):
                yield ("," if i else "") + "\n" + json.dumps(row, default=str)
            yield "\n]}\n"

        response = StreamingHttpResponse(chunks(), content_type="application/json")
    response["Content-Disposition"] = f'attachment; filename="newsclaims-{kind}.{fmt}"'
    return response


@reader_required
def claims_export(request: HttpRequest, fmt: str) -> StreamingHttpResponse:
    return _export(request, "claims", fmt)


@reader_required
def quotes_export(request: HttpRequest, fmt: str) -> StreamingHttpResponse:
    return _export(request, "quotes", fmt)
