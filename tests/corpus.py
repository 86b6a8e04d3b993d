"""Test data built by hand: a small corpus with several outlets, actors and review states (``corpus``),
and figure claims whose span really is in the text (``make_claim``)."""

from __future__ import annotations

import itertools
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


_hashes = itertools.count()

FIGURE_TEXT = (
    "Officials said on Friday that 9,227 people were killed in Gaza and that 1,400 people were killed "
    "in Israel, while about 240 captives are still held in Gaza. Another 1,200 Palestinians were injured."
)


@pytest.fixture
def make_claim(db):
    """Build a live machine claim: ``make_claim(value, source=actor_or_None, day=date, ...)``."""
    from tests.factories import ArticleFactory, NumericClaimFactory

    def make(
        value: int | str,
        *,
        category: str = "killed",
        noun: str = "people",
        place: str = "Gaza",
        source=None,
        day: date = date(2023, 11, 3),
        article=None,
        qualifier: str = "exact",
        value_max: int | None = None,
        status: str = "unreviewed",
        outlet=None,
    ):
        if article is None:
            kwargs = {"text": FIGURE_TEXT}
            if outlet is not None:
                kwargs["outlet"] = outlet
            article = ArticleFactory(**kwargs, content_hash=f"figure-test-{next(_hashes)}")
        start = article.text.index("9,227")
        return NumericClaimFactory(
            article=article,
            start=start,
            end=start + 5,
            span=article.text[start : start + 5],
            value=Decimal(value),
            value_max=None if value_max is None else Decimal(value_max),
            qualifier=qualifier,
            category=category,
            noun=noun,
            place=place,
            source=source,
            source_surface=source.name if source else "",
            as_of=day,
            status=status,
        )

    return make
