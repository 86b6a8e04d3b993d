"""Editor work on quotes, claims and actors: versions, review state, history."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from claims.models import ActorAlias, NumericClaim, Origin, Quote, ReviewStatus
from claims.services.review import (
    StaleVersion,
    actor_alias_add,
    actor_alias_remove,
    actor_update,
    claim_add,
    claim_correct,
    item_review,
    quote_add,
    quote_correct,
)
from tests.factories import ActorFactory, ArticleFactory, NumericClaimFactory, QuoteFactory

pytestmark = pytest.mark.django_db


def test_it_corrects_a_claims_value_and_records_who_did_it(editor):
    claim = NumericClaimFactory()

    saved = claim_correct(claim=claim, user=editor, version=1, value="125", qualifier="at_least")

    claim.refresh_from_db()
    assert claim.value == Decimal(125) and claim.qualifier == "at_least"
    assert claim.status == ReviewStatus.CORRECTED and claim.reviewed_by == editor and claim.reviewed_at
    assert claim.version == saved.version == 2
    latest, previous = claim.history.all()[:2]
    assert latest.history_user == editor
    changes = {c.field: (c.old, c.new) for c in latest.diff_against(previous).changes}
    assert changes["value"] == (Decimal(120), Decimal(125))
    assert changes["qualifier"] == ("more_than", "at_least")


def test_it_refuses_a_stale_version_and_hands_back_the_current_row(editor):
    claim = NumericClaimFactory()
    claim_correct(claim=claim, user=editor, version=1, value="130")

    with pytest.raises(StaleVersion) as raised:
        claim_correct(claim=claim, user=editor, version=1, value="140")

    assert raised.value.current.value == Decimal(130) and raised.value.current.version == 2
    claim.refresh_from_db()
    assert claim.value == Decimal(130)


def test_it_takes_the_span_text_from_the_article_when_the_span_moves(editor):
    claim = NumericClaimFactory()
    text = claim.article.text
    start = text.index("4,000")

    claim_correct(claim=claim, user=editor, version=1, start=start, end=start + len("4,000 residents"))

    claim.refresh_from_db()
    assert claim.span == "4,000 residents" and claim.start == start


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"value": "abc"}, "value"),
        ({"value": "100", "value_max": "50"}, "value_max"),
        ({"category": "weather"}, "category"),
        ({"start": 5, "end": 100000}, "end"),
        ({"status": "verified"}, "status"),
    ],
)
def test_it_refuses_invalid_corrections_without_changing_anything(editor, changes, field):
    claim = NumericClaimFactory()
    with pytest.raises(ValidationError) as raised:
        claim_correct(claim=claim, user=editor, version=1, **changes)
    assert field in raised.value.message_dict
    claim.refresh_from_db()
    assert claim.version == 1 and claim.status == ReviewStatus.UNREVIEWED


def test_it_marks_an_unchanged_correction_as_verified(editor):
    claim = NumericClaimFactory()
    claim_correct(claim=claim, user=editor, version=1, value="120")
    claim.refresh_from_db()
    assert claim.status == ReviewStatus.VERIFIED and claim.version == 2


def test_it_corrects_a_quotes_speaker_and_span(editor):
    quote = QuoteFactory()
    other = ActorFactory(name="Maria Lopez")
    start = quote.article.text.index("We are")

    quote_correct(
        quote=quote, user=editor, version=1, speaker=other.pk, start=start, end=start + len("We are overwhelmed")
    )

    quote.refresh_from_db()
    assert quote.speaker == other and quote.text == "We are overwhelmed"
    assert quote.status == ReviewStatus.CORRECTED and quote.version == 2
    assert quote.history.first().history_user == editor


def test_it_verifies_and_rejects_items_and_bumps_their_version(editor):
    quote, claim = QuoteFactory(), NumericClaimFactory()

    item_review(item=quote, user=editor, version=1, status=ReviewStatus.VERIFIED)
    item_review(item=claim, user=editor, version=1, status=ReviewStatus.REJECTED)

    quote.refresh_from_db()
    claim.refresh_from_db()
    assert quote.status == ReviewStatus.VERIFIED and quote.version == 2 and quote.reviewed_by == editor
    assert claim.status == ReviewStatus.REJECTED and claim.version == 2
    assert not NumericClaim.objects.live().filter(pk=claim.pk).exists()
    with pytest.raises(StaleVersion):
        item_review(item=claim, user=editor, version=1, status=ReviewStatus.VERIFIED)


def test_it_puts_a_reviewed_item_back_in_the_queue(editor):
    quote = QuoteFactory()
    item_review(item=quote, user=editor, version=1, status=ReviewStatus.REJECTED)
    item_review(item=quote, user=editor, version=2, status=ReviewStatus.UNREVIEWED)
    assert Quote.objects.needs_review().filter(pk=quote.pk).exists()


def test_it_adds_a_claim_the_machine_missed(editor):
    article = ArticleFactory()
    start = article.text.index("4,000")

    claim = claim_add(
        article=article,
        user=editor,
        start=start,
        end=start + len("About 4,000 residents") - len("About "),
        value="4000",
        qualifier="approximately",
        category="displaced",
        noun="residents",
    )

    assert claim.span == "4,000 residents" and claim.value == Decimal(4000)
    assert claim.origin == Origin.EDITOR and claim.status == ReviewStatus.VERIFIED
    assert claim.as_of == article.as_of_date
    assert claim.history.first().history_user == editor


def test_it_adds_a_quote_the_machine_missed(editor):
    article = ArticleFactory()
    speaker = ActorFactory(name="Maria Lopez")
    start = article.text.index("We are")

    quote = quote_add(article=article, user=editor, start=start, end=start + 18, speaker=speaker)

    assert quote.text == "We are overwhelmed" and quote.speaker == speaker and quote.speaker_surface == "Maria Lopez"
    assert quote.origin == Origin.EDITOR


def test_it_refuses_a_span_outside_the_article(editor):
    article = ArticleFactory()
    with pytest.raises(ValidationError):
        quote_add(article=article, user=editor, start=10, end=len(article.text) + 1)


def test_it_renames_an_actor_and_keeps_the_old_name_as_an_alias(editor):
    actor = ActorFactory(name="A. Blinken")

    actor_update(actor=actor, user=editor, version=1, name="Antony Blinken", description="US Secretary of State")

    actor.refresh_from_db()
    assert actor.name == "Antony Blinken" and actor.normalized_name == "antony blinken"
    assert list(actor.aliases.values_list("alias", flat=True)) == ["A. Blinken"]
    assert actor.version == 2 and actor.history.first().history_user == editor
    with pytest.raises(StaleVersion):
        actor_update(actor=actor, user=editor, version=1, name="Tony Blinken")


def test_it_adds_and_removes_aliases(editor):
    actor = ActorFactory(name="United Nations")

    alias = actor_alias_add(actor=actor, user=editor, alias="UN")
    again = actor_alias_add(actor=actor, user=editor, alias="the UN")

    assert alias is not None and again is None
    assert actor_alias_remove(actor=actor, user=editor, alias_id=alias.pk) is True
    assert not ActorAlias.objects.filter(actor=actor).exists()
    assert actor_alias_remove(actor=actor, user=editor, alias_id=alias.pk) is False


def test_it_replaces_an_actors_aliases_with_the_list_given(editor):
    actor = ActorFactory(name="United Nations")
    actor_alias_add(actor=actor, user=editor, alias="UN")
    actor_alias_add(actor=actor, user=editor, alias="U.N. body")
    actor.refresh_from_db()

    actor_update(
        actor=actor, user=editor, version=actor.version, name="United Nations", aliases=["UN", "the world body", "  "]
    )

    assert sorted(actor.aliases.values_list("alias", flat=True)) == ["UN", "the world body"]
    actor_update(actor=actor, user=editor, version=None, name="United Nations", aliases=[])
    assert not actor.aliases.exists()
