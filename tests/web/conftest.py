"""Fixtures for the page tests: a small corpus with several outlets, actors and review states."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

CORPUS_TEXT = (
    "Gaza's health ministry said 120 people were killed and 388 injured overnight. "
    '"The hospitals cannot cope," said Ashraf al-Qudra, the ministry spokesman. '
    "The UN said about 4,000 people were displaced, according to UNRWA."
)


@pytest.fixture
def corpus(db):
    """Three articles in two outlets; claims in three categories; quotes by two speakers."""
    from claims.models import ActorMention
    from tests.factories import ActorFactory, ArticleFactory, NumericClaimFactory, OutletFactory, QuoteFactory

    daily, wire = OutletFactory(name="The Daily"), OutletFactory(name="Wire Service")
    qudra = ActorFactory(name="Ashraf al-Qudra", description="ministry spokesman")
    un = ActorFactory(name="United Nations", type="organization")
    articles = []
    for i, outlet in enumerate([daily, daily, wire]):
        text = f"{CORPUS_TEXT} (Update {i}.)"
        article = ArticleFactory(
            title=f"Overnight strikes, update {i}",
            outlet=outlet,
            text=text,
            published_at=datetime(2023, 11, 3 + i, 9, 0, tzinfo=UTC),
        )
        articles.append(article)

        def at(phrase: str, article=article) -> tuple[int, int]:
            start = article.text.index(phrase)
            return start, start + len(phrase)

        s, e = at("120 people were killed")
        NumericClaimFactory(
            article=article,
            start=s,
            end=e,
            value=Decimal(120 + i),
            qualifier="exact",
            category="killed",
            source=qudra,
            confidence=0.5 + i / 10,
            as_of=date(2023, 11, 3 + i),
        )
        s, e = at("388 injured")
        NumericClaimFactory(
            article=article,
            start=s,
            end=e,
            value=Decimal(388),
            qualifier="exact",
            category="injured",
            source=qudra,
            confidence=0.9,
            as_of=date(2023, 11, 3 + i),
            noun="people",
        )
        s, e = at("about 4,000 people were displaced")
        NumericClaimFactory(
            article=article,
            start=s,
            end=e,
            value=Decimal(4000),
            qualifier="approximately",
            category="displaced",
            source=un,
            confidence=0.3,
            as_of=date(2023, 11, 3 + i),
        )
        s, e = at("The hospitals cannot cope,")
        QuoteFactory(article=article, start=s, end=e, speaker=qudra, speaker_surface="Ashraf al-Qudra", confidence=0.4)
        s, e = at("Ashraf al-Qudra")
        ActorMention.objects.create(article=article, actor=qudra, start=s, end=e, surface="Ashraf al-Qudra")
        s, e = at("UN")
        ActorMention.objects.create(article=article, actor=un, start=s, end=e, surface="UN")
    return {"articles": articles, "qudra": qudra, "un": un, "outlets": (daily, wire)}


@pytest.fixture(autouse=True)
def _fresh_page_cache():
    """Counts are cached per data version; each test starts from an empty cache."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
