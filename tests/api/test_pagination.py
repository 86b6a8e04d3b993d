"""Keyset cursor pages: every row once, in order, forwards and backwards, whatever changes meanwhile."""

from __future__ import annotations

import base64
from decimal import Decimal

import pytest

from claims import models as m
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def _claims(values: list[int]) -> list[int]:
    article = ArticleFactory()
    start = article.text.index("more than 120")
    rows = m.NumericClaim.objects.bulk_create(
        m.NumericClaim(article=article, start=start, end=start + 20, span="more than 120 people", value=Decimal(v))
        for v in values
    )
    return [row.pk for row in rows]


def _walk(client, url: str, key: str = "next") -> list[list[int]]:
    pages = []
    while url:
        body = client.get(url).json()
        pages.append([row["id"] for row in body["results"]])
        url = body[key]
    return pages


def test_it_pages_through_ties_in_the_sort_key_exactly_once_in_order(editor_api):
    _claims([5, 5, 5, 7, 7, 1, 5, 5, 9, 5, 5, 5, 7])
    pages = _walk(editor_api, "/api/v1/claims/?ordering=value&page_size=3")
    seen = [pk for page in pages for pk in page]
    expected = list(m.NumericClaim.objects.order_by("value", "id").values_list("pk", flat=True))
    assert seen == expected
    assert all(len(page) == 3 for page in pages[:-1])


def test_it_walks_back_with_the_previous_links(editor_api):
    _claims(list(range(10)))
    forward = _walk(editor_api, "/api/v1/claims/?page_size=4")
    last = editor_api.get("/api/v1/claims/?page_size=4").json()
    while last["next"]:
        last = editor_api.get(last["next"]).json()
    backward = _walk(editor_api, last["previous"], key="previous")
    assert backward == list(reversed(forward[:-1]))


def test_it_neither_skips_nor_repeats_rows_when_earlier_rows_change_during_a_sync(editor_api):
    _claims([3] * 12)
    first = editor_api.get("/api/v1/claims/?ordering=updated_at&page_size=4").json()
    seen = [row["id"] for row in first["results"]]
    # Rows already read change: they move to the end of the updated_at order, after the cursor.
    for claim in m.NumericClaim.objects.filter(pk__in=seen[:2]):
        claim.status = "verified"
        claim.save(update_fields=["status", "updated_at"])
    rest = [pk for page in _walk(editor_api, first["next"]) for pk in page]
    assert set(seen) | set(rest) == set(m.NumericClaim.objects.values_list("pk", flat=True))
    assert sorted(rest[-2:]) == sorted(seen[:2])  # seen again, with their new state
    assert len(rest) == len(set(rest)) == 10


@pytest.mark.parametrize(
    "cursor",
    [
        "not-base64!",
        base64.urlsafe_b64encode(b'{"k": ["x"]}').decode(),
        base64.urlsafe_b64encode(b'{"k": [1, 2, 3]}').decode(),
        base64.urlsafe_b64encode(b'{"k": [null]}').decode(),
        base64.urlsafe_b64encode(b"[]").decode(),
    ],
)
def test_it_answers_a_tampered_cursor_with_a_400_naming_it(editor_api, cursor):
    _claims([1])
    response = editor_api.get("/api/v1/claims/", {"cursor": cursor})
    assert response.status_code == 400
    assert "cursor" in response.json()["errors"]


def test_it_reads_a_page_of_value_tuples_exactly_as_the_orm_does(editor):
    """On PostgreSQL a values_list page is fetched with psycopg's own timestamp loader: same rows."""
    from datetime import UTC, datetime

    from claims.api import views
    from claims.api.pagination import _page_rows
    from claims.api.rows import FastRows
    from claims.api.serializers import ClaimSerializer
    from tests.factories import NumericClaimFactory

    NumericClaimFactory(status="verified"), NumericClaimFactory(as_of=None)
    claim = NumericClaimFactory()
    m.NumericClaim.objects.filter(pk=claim.pk).update(reviewed_at=datetime(2024, 2, 29, 23, 59, 59, 999999, tzinfo=UTC))
    m.Article.objects.filter(pk=claim.article_id).update(published_at=None, url=None)
    fast = FastRows(ClaimSerializer())
    queryset = views.claims_queryset(editor).values_list(*fast.sources).order_by("-updated_at", "-id")[:10]
    rows = _page_rows(queryset)
    assert rows == list(queryset)
    assert [fast.dict_row(r) for r in rows] == [fast.dict_row(r) for r in queryset]
    assert len(rows) == 3
    assert _page_rows(views.claims_queryset(editor).none().values_list(*fast.sources)[:10]) == []
