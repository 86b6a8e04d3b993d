"""A plain HTTP client (requests) against a live server: it pages through every claim by the cursor links."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
import requests

from claims import models as m
from claims.services.tokens import token_create
from tests.factories import ArticleFactory, UserFactory

LINK = re.compile(r'<([^>]+)>; rel="(\w+)"')


def _add_claims(article: m.Article, n: int, value: int = 0) -> None:
    start = article.text.index("more than 120")
    m.NumericClaim.objects.bulk_create(
        m.NumericClaim(
            article=article, start=start, end=start + 20, span="more than 120 people", value=Decimal(value + i)
        )
        for i in range(n)
    )


class ClaimsClient:
    """What an API consumer would write: a session with a token, following ``next`` until it is null."""

    def __init__(self, base_url: str, token: str) -> None:
        self.base_url = base_url
        self.session = requests.Session()
        self.session.headers["Authorization"] = f"Bearer {token}"

    def pages(self, **params):
        url, query = f"{self.base_url}/api/v1/claims/", params
        while url:
            response = self.session.get(url, params=query, timeout=10)
            response.raise_for_status()
            yield response
            url, query = response.json()["next"], None


@pytest.fixture
def consumer(live_server) -> ClaimsClient:
    _, key = token_create(user=UserFactory(role="journalist"), name="sync", scope="read")
    return ClaimsClient(live_server.url, key)


def test_it_pages_through_every_claim_following_the_cursor_links(consumer):
    article = ArticleFactory()
    _add_claims(article, 237)
    seen, link_next = [], []
    for response in consumer.pages(page_size=50):
        seen.extend(row["id"] for row in response.json()["results"])
        links = {rel: url for url, rel in LINK.findall(response.headers.get("Link", ""))}
        link_next.append(links.get("next"))
        assert links.get("next") == response.json()["next"]
    assert len(seen) == 237
    assert seen == sorted(m.NumericClaim.objects.values_list("pk", flat=True), reverse=True)
    assert link_next[-1] is None and all(link_next[:-1])


def test_it_keeps_pages_stable_while_new_claims_arrive(consumer):
    article = ArticleFactory()
    _add_claims(article, 120)
    before = set(m.NumericClaim.objects.values_list("pk", flat=True))
    seen = []
    for number, response in enumerate(consumer.pages(page_size=40)):
        seen.extend(row["id"] for row in response.json()["results"])
        if number == 0:
            _add_claims(article, 30, value=1000)  # arrives mid-sync: newest, so before the cursor
    assert len(seen) == len(set(seen)) == 120
    assert set(seen) == before


def test_it_syncs_incrementally_with_updated_since_and_ordering_by_update(consumer):
    article = ArticleFactory()
    _add_claims(article, 30)
    rows = [row for page in consumer.pages(ordering="updated_at", page_size=7) for row in page.json()["results"]]
    assert len(rows) == 30
    last_seen = rows[-1]["updated_at"]
    changed = m.NumericClaim.objects.order_by("id").first()
    changed.status = "verified"
    changed.save(update_fields=["status", "updated_at"])
    fresh = [row for page in consumer.pages(updated_since=last_seen) for row in page.json()["results"]]
    assert changed.pk in {row["id"] for row in fresh}
    assert {row["id"]: row["status"] for row in fresh}[changed.pk] == "verified"
