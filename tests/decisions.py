"""A seeded set of editors' decisions on machine items, with the figures they should give.

Outlet "North Desk" (November 2023): four claims and two quotes; "South Desk" (December 2023):
two claims. Editors verify, correct and reject them through the review services, as on the pages.
"""

from __future__ import annotations

from datetime import UTC, datetime

from claims.models import ActorType
from claims.services.review import claim_correct, quote_correct
from tests.factories import ActorFactory, ArticleFactory, NumericClaimFactory, OutletFactory, QuoteFactory
from tests.review_helpers import item_reject, item_verify


def seed_decisions(editor) -> dict:
    north, south = OutletFactory(name="North Desk"), OutletFactory(name="South Desk")
    nov = datetime(2023, 11, 5, 9, 0, tzinfo=UTC)
    dec = datetime(2023, 12, 2, 9, 0, tzinfo=UTC)
    red_cross = ActorFactory(name="Red Cross", type=ActorType.ORGANIZATION)

    def claim(outlet, when, confidence):
        return NumericClaimFactory(article=ArticleFactory(outlet=outlet, published_at=when), confidence=confidence)

    verified = [claim(north, nov, 0.95), claim(north, nov, 0.92)]
    corrected = claim(north, nov, 0.91)
    rejected = claim(north, nov, 0.35)
    for c in verified:
        item_verify(item=c, user=editor, version=c.version)
    claim_correct(claim=corrected, user=editor, version=corrected.version, category="injured", source=red_cross.pk)
    item_reject(item=rejected, user=editor, version=rejected.version)

    south_verified = claim(south, dec, 0.65)
    south_value = claim(south, dec, 0.62)
    item_verify(item=south_verified, user=editor, version=south_verified.version)
    claim_correct(claim=south_value, user=editor, version=south_value.version, value="130")

    quotes = [QuoteFactory(article=ArticleFactory(outlet=north, published_at=nov), confidence=0.6) for _ in range(2)]
    item_verify(item=quotes[0], user=editor, version=quotes[0].version)
    other = ActorFactory(name="Another Speaker")
    quote_correct(quote=quotes[1], user=editor, version=quotes[1].version, speaker=other.pk, speaker_surface="Another")
    NumericClaimFactory(confidence=0.1)  # never reviewed: no label
    return {"red_cross": red_cross}
