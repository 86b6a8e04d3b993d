"""The database holds the invariants: bad rows are refused with an error that names the rule."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from claims import models as m
from tests.factories import ActorFactory, ArticleFactory, NumericClaimFactory, QuoteFactory

pytestmark = pytest.mark.django_db


def refused(constraint: str, make) -> None:
    with pytest.raises(IntegrityError) as caught, transaction.atomic():
        make()
    assert constraint in str(caught.value) or "CHECK constraint failed" in str(caught.value)


def test_it_refuses_a_claim_whose_range_is_upside_down():
    refused("claim_range_ordered", lambda: NumericClaimFactory(value=Decimal(250), value_max=Decimal(200)))


def test_it_accepts_a_claim_range_in_order():
    claim = NumericClaimFactory(value=Decimal(200), value_max=Decimal(250))
    assert claim.value_max == 250


def test_it_refuses_a_span_that_ends_before_it_starts():
    refused("claim_start_before_end", lambda: NumericClaimFactory(start=20, end=10))
    refused("quote_start_before_end", lambda: QuoteFactory(start=5, end=5))


def test_it_refuses_a_category_outside_the_choices():
    refused("claim_category_valid", lambda: NumericClaimFactory(category="vibes"))


def test_it_refuses_a_qualifier_outside_the_choices():
    refused("claim_qualifier_valid", lambda: NumericClaimFactory(qualifier="maybe"))


def test_it_refuses_a_review_status_outside_the_choices():
    refused("quote_status_valid", lambda: QuoteFactory(status="pending"))


def test_it_refuses_a_confidence_above_one():
    refused("claim_confidence_range", lambda: NumericClaimFactory(confidence=1.5))


def test_it_refuses_an_unknown_actor_type():
    refused("actor_type_valid", lambda: ActorFactory(type="animal"))


def test_it_refuses_an_article_with_empty_text():
    refused("article_text_not_empty", lambda: m.Article.objects.create(text="", content_hash="x"))


def test_it_keeps_one_article_per_text():
    article = ArticleFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        m.Article.objects.create(text=article.text, content_hash=article.content_hash)


def test_it_refuses_in_clean_a_span_past_the_end_of_the_article():
    article = ArticleFactory()
    claim = m.NumericClaim(article=article, start=0, end=len(article.text) + 5, span="x", value=Decimal(1))
    with pytest.raises(ValidationError) as caught:
        claim.full_clean()
    assert "past the end of the article" in str(caught.value)


def test_it_refuses_in_clean_a_range_upside_down():
    claim = NumericClaimFactory.build(value=Decimal(9), value_max=Decimal(3))
    with pytest.raises(ValidationError) as caught:
        claim.clean()
    assert "upper end" in str(caught.value)


def test_it_normalizes_actor_names_for_matching():
    actor = ActorFactory(name="The United Nations")
    assert actor.normalized_name == "united nations"
    assert m.normalize_name("Gaza’s Health Ministry") == "gaza health ministry"


def test_it_records_who_changed_a_claim_in_its_history(editor):
    claim = NumericClaimFactory()
    claim._history_user = editor
    claim.value = Decimal(130)
    claim.save()
    latest, previous = claim.history.all()[:2]
    assert latest.history_user == editor
    delta = latest.diff_against(previous)
    assert [(c.field, c.old, c.new) for c in delta.changes] == [("value", Decimal(120), Decimal(130))]
