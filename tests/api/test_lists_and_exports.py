"""Lists cost a fixed number of queries; exports stream every row in constant memory."""

from __future__ import annotations

import csv
import io
import json
import tracemalloc
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from claims import models as m
from tests.factories import ActorFactory, ArticleFactory, NumericClaimFactory, QuoteFactory

pytestmark = pytest.mark.django_db


def bulk_claims(n: int, **extra) -> m.Article:
    """``n`` claims on one article, inserted in one go (factories would take minutes)."""
    article = ArticleFactory()
    source = ActorFactory(name="Health Ministry")
    start = article.text.index("more than 120")
    m.NumericClaim.objects.bulk_create(
        [
            m.NumericClaim(
                article=article,
                start=start,
                end=start + 20,
                span="more than 120 people",
                value=Decimal(i),
                category="killed" if i % 2 else "injured",
                source=source,
                **extra,
            )
            for i in range(n)
        ],
        batch_size=2000,
    )
    return article


@pytest.fixture
def populated():
    article = bulk_claims(60)
    for i in range(12):
        actor = ActorFactory(name=f"Speaker {i}")
        m.ActorAlias.objects.create(actor=actor, alias=f"S{i}")
        m.ActorAlias.objects.create(actor=actor, alias=f"Spk {i}")
        QuoteFactory(speaker=actor, article=article if i % 2 else ArticleFactory())
        m.Feed.objects.create(url=f"https://news.example/{i}.xml")
        m.IngestJob.objects.create(kind="url", label=str(i))
    return article


LISTS = [
    "/api/v1/claims/",
    "/api/v1/claims/?category=killed&min_value=3&q=people",
    "/api/v1/claims/?ordering=-value",
    "/api/v1/quotes/",
    "/api/v1/actors/",
    "/api/v1/articles/",
    "/api/v1/feeds/",
    "/api/v1/ingest-jobs/",
    "/api/v1/articles/{article}/claims/",
    "/api/v1/articles/{article}/quotes/",
]


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, response.content[:300]
    return len(ctx.captured_queries)


@pytest.mark.parametrize("path", LISTS)
def test_it_runs_the_same_number_of_queries_whatever_the_page_size(write_api, populated, path):
    url = path.format(article=populated.pk)
    sep = "&" if "?" in url else "?"
    _queries(write_api, url)  # warm: token use stamp, group cache
    small = _queries(write_api, f"{url}{sep}page_size=2")
    large = _queries(write_api, f"{url}{sep}page_size=50")
    assert small == large
    assert large <= 6


def test_it_refuses_a_page_size_over_the_limit(editor_api):
    bulk_claims(510)
    response = editor_api.get("/api/v1/claims/?page_size=100000")
    assert response.status_code == 400 and "page_size" in response.json()["errors"]
    assert len(editor_api.get("/api/v1/claims/?page_size=500").json()["results"]) == 500


def test_it_streams_every_matching_claim_as_csv(editor_api):
    bulk_claims(3000)
    response = editor_api.get("/api/v1/claims/?format=csv&category=killed")
    assert response.status_code == 200
    assert response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert (
        f'filename="newsclaims-claims-killed-{timezone.localdate().isoformat()}.csv"' in response["Content-Disposition"]
    )
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert len(rows) == 1500
    assert {r["category"] for r in rows} == {"killed"}
    first = rows[0]
    assert (first["span"], first["source_name"], first["status"]) == (
        "more than 120 people",
        "Health Ministry",
        "unreviewed",
    )
    assert [int(r["id"]) for r in rows] == sorted((int(r["id"]) for r in rows), reverse=True)


def test_it_streams_json_lines_when_asked_by_the_accept_header(editor_api):
    bulk_claims(25)
    response = editor_api.get("/api/v1/claims/", HTTP_ACCEPT="application/jsonl")
    assert response.streaming
    lines = b"".join(response.streaming_content).decode().splitlines()
    assert len(lines) == 25
    assert json.loads(lines[0])["span"] == "more than 120 people"


def test_it_streams_actors_with_their_aliases_joined_in_csv(editor_api):
    actor = ActorFactory(name="Maria Lopez")
    m.ActorAlias.objects.create(actor=actor, alias="Lopez")
    m.ActorAlias.objects.create(actor=actor, alias="M. Lopez")
    response = editor_api.get("/api/v1/actors/?format=csv")
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0]["aliases"] == "Lopez; M. Lopez"


def _peak_bytes_streaming(client, url: str) -> tuple[int, int]:
    tracemalloc.start()  # before the request: the view reads the first chunk before it answers
    tracemalloc.reset_peak()
    response = client.get(url)
    lines = 0
    for chunk in response.streaming_content:
        lines += chunk.count(b"\n")
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return lines, peak


def test_it_streams_a_large_export_in_constant_memory(editor_api):
    from claims.api.views import EXPORT_CHUNK_SIZE

    bulk_claims(6 * EXPORT_CHUNK_SIZE)
    small = 3 * EXPORT_CHUNK_SIZE // 2  # more than one chunk, so both runs hold a full chunk at most
    url = f"/api/v1/claims/?format=csv&max_value={small - 1}"
    lines_small, peak_small = _peak_bytes_streaming(editor_api, url)
    lines_large, peak_large = _peak_bytes_streaming(editor_api, "/api/v1/claims/?format=csv")
    assert (lines_small, lines_large) == (small + 1, 6 * EXPORT_CHUNK_SIZE + 1)
    # Four times the rows, not four times the memory: rows are read in chunks and not kept.
    assert peak_large < 2 * peak_small


@pytest.mark.parametrize(
    ("make", "queryset_of", "serializer"),
    [
        ("claim", "claims_queryset", "ClaimSerializer"),
        ("quote", "quotes_queryset", "QuoteSerializer"),
    ],
)
def test_it_builds_the_same_rows_from_values_as_the_serializer(editor, make, queryset_of, serializer):
    from claims.api import serializers, views
    from claims.api.rows import FastRows

    source = ActorFactory(name="Health Ministry")
    items = (
        [
            NumericClaimFactory(source=source, value_max=Decimal("130.5"), status="verified"),
            NumericClaimFactory(as_of=None),
        ]
        if make == "claim"
        else [QuoteFactory(), QuoteFactory(speaker=None)]
    )
    m.Article.objects.filter(pk=items[1].article_id).update(published_at=None, url=None)
    ser = getattr(serializers, serializer)()
    fast = FastRows(ser)
    queryset = getattr(views, queryset_of)(editor).order_by("id")
    expected = [ser.to_representation(o) for o in queryset]
    assert [fast.row(v) for v in queryset.values(*fast.sources)] == expected
    as_lists = [fast.tuple_row(t) for t in queryset.values_list(*fast.sources)]
    assert [dict(zip(fast.names, values, strict=True)) for values in as_lists] == expected
    assert [fast.dict_row(t) for t in queryset.values_list(*fast.sources)] == expected


def test_it_builds_the_same_article_rows_from_values_as_the_serializer(editor):
    from django.db.models import F

    from claims.api.rows import FastRows
    from claims.api.serializers import ArticleSerializer

    ArticleFactory(), ArticleFactory(outlet=None, published_at=None)
    queryset = m.Article.objects.annotate(outlet_name=F("outlet__name")).order_by("id")
    fast = FastRows(ArticleSerializer())
    assert [fast.row(v) for v in queryset.values(*fast.sources)] == [ArticleSerializer(a).data for a in queryset]
