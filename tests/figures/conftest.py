"""Fixtures for the figure tracker: claims built by hand, with a span that really is in the text."""

from __future__ import annotations

import itertools
from datetime import date
from decimal import Decimal

import pytest

_hashes = itertools.count()

TEXT = (
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
            kwargs = {"text": TEXT}
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
