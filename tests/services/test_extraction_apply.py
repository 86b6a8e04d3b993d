"""Saving the engine's result: re-extraction never loses editor work."""

from dataclasses import replace
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from claims.extraction.types import Actor, ActorMention, Extraction, NumericClaim, Quote
from claims.models import Actor as ActorRow
from claims.models import ExtractionStatus, Origin, ReviewStatus
from claims.models import NumericClaim as ClaimRow
from claims.models import Quote as QuoteRow
from claims.services.actors import actor_add_aliases
from claims.services.extraction import extraction_apply, extractions_apply, extractions_save
from tests.factories import ActorFactory, ArticleFactory

pytestmark = pytest.mark.django_db

TEXT = (
    "Officials said more than 120 people were killed. "
    '"We are overwhelmed by the number of wounded," said Maria Lopez. '
    "About 4,000 residents fled, according to the Red Cross."
)


def span(text: str, part: str) -> tuple[int, int]:
    start = text.index(part)
    return start, start + len(part)


def engine_result(version: str = "test-1") -> Extraction:
    q0, q1 = span(TEXT, "We are overwhelmed by the number of wounded,")
    c0, c1 = span(TEXT, "more than 120 people")
    d0, d1 = span(TEXT, "About 4,000 residents")
    m0, m1 = span(TEXT, "Maria Lopez")
    r0, r1 = span(TEXT, "Red Cross")
    return Extraction(
        engine_version=version,
        actors=(
            Actor(name="Maria Lopez", type="person", aliases=("Lopez",), descriptor="spokeswoman"),
            Actor(name="Red Cross", type="organization"),
        ),
        mentions=(ActorMention(0, m0, m1, "Maria Lopez"), ActorMention(1, r0, r1, "Red Cross")),
        quotes=(Quote(TEXT[q0:q1], q0, q1, 0, "Maria Lopez", "said", 0.9),),
        claims=(
            NumericClaim(
                Decimal(120), None, "more_than", "killed", "people", None, None, None, TEXT[c0:c1], c0, c1, 0.9
            ),
            NumericClaim(
                Decimal(4000),
                None,
                "approximately",
                "displaced",
                "residents",
                None,
                1,
                "the Red Cross",
                TEXT[d0:d1],
                d0,
                d1,
                0.8,
            ),
        ),
    )


@pytest.fixture
def article():
    return ArticleFactory(text=TEXT)


def test_it_saves_actors_mentions_quotes_and_claims_with_their_offsets(article):
    result = extraction_apply(article=article, result=engine_result())
    assert (result.quotes, result.claims, result.mentions) == (1, 2, 2)
    quote = QuoteRow.objects.get(article=article)
    assert TEXT[quote.start : quote.end] == quote.text
    assert quote.speaker.name == "Maria Lopez"
    claim = ClaimRow.objects.get(article=article, value=4000)
    assert claim.source.name == "Red Cross" and claim.source_surface == "the Red Cross"
    assert claim.as_of == article.published_at.date()
    article.refresh_from_db()
    assert article.extraction_status == ExtractionStatus.DONE and article.engine_version == "test-1"


def test_it_matches_actors_to_existing_ones_by_alias_across_articles(article):
    known = ActorFactory(name="Maria Lopez-Garcia")
    actor_add_aliases(actor=known, aliases=["Maria Lopez"])
    extraction_apply(article=article, result=engine_result())
    assert QuoteRow.objects.get(article=article).speaker == known
    assert ActorRow.objects.filter(name="Maria Lopez").count() == 0


def test_it_replaces_untouched_machine_items_on_a_second_run(article):
    extraction_apply(article=article, result=engine_result("v1"))
    first_ids = set(ClaimRow.objects.values_list("id", flat=True))
    extraction_apply(article=article, result=engine_result("v2"))
    claims = ClaimRow.objects.filter(article=article)
    assert claims.count() == 2
    assert not first_ids & set(claims.values_list("id", flat=True))
    assert set(claims.values_list("engine_version", flat=True)) == {"v2"}


def test_it_keeps_a_verified_item_as_it_is(article, editor):
    extraction_apply(article=article, result=engine_result("v1"))
    claim = ClaimRow.objects.get(value=120)
    claim.status, claim.reviewed_by = ReviewStatus.VERIFIED, editor
    claim.save()
    result = extraction_apply(article=article, result=engine_result("v2"))
    assert (result.kept, result.skipped, result.claims) == (1, 1, 1)
    assert ClaimRow.objects.filter(article=article, value=120).get().pk == claim.pk
    assert ClaimRow.objects.filter(article=article).count() == 2


def test_it_keeps_a_corrected_item_and_does_not_add_the_machine_version_again(article, editor):
    extraction_apply(article=article, result=engine_result("v1"))
    claim = ClaimRow.objects.get(value=120)
    claim.value, claim.status = Decimal(125), ReviewStatus.CORRECTED
    claim.save()
    extraction_apply(article=article, result=engine_result("v2"))
    assert list(ClaimRow.objects.filter(article=article).order_by("start").values_list("value", flat=True)) == [
        Decimal(125),
        Decimal(4000),
    ]


def test_it_does_not_create_again_an_item_an_editor_rejected(article, editor):
    extraction_apply(article=article, result=engine_result("v1"))
    quote = QuoteRow.objects.get(article=article)
    quote.status = ReviewStatus.REJECTED
    quote.save()
    extraction_apply(article=article, result=engine_result("v2"))
    assert list(QuoteRow.objects.filter(article=article).values_list("pk", "status")) == [
        (quote.pk, ReviewStatus.REJECTED)
    ]


def test_it_keeps_an_item_an_editor_added(article, editor):
    extraction_apply(article=article, result=engine_result("v1"))
    s, e = span(TEXT, "Officials")
    added = ClaimRow.objects.create(
        article=article,
        value=Decimal(3),
        span=TEXT[s:e],
        start=s,
        end=e,
        origin=Origin.EDITOR,
        status=ReviewStatus.VERIFIED,
    )
    extraction_apply(article=article, result=engine_result("v2"))
    assert ClaimRow.objects.filter(pk=added.pk).exists()
    assert ClaimRow.objects.filter(article=article).count() == 3


def test_it_drops_engine_items_whose_offsets_fall_outside_the_text(article):
    bad = Extraction(
        engine_version="v1",
        claims=(NumericClaim(Decimal(1), None, "exact", "other", None, None, None, None, "x", 5, 10_000, 0.5),),
    )
    result = extraction_apply(article=article, result=bad)
    assert result.claims == 0 and not ClaimRow.objects.filter(article=article).exists()


def test_it_saves_many_articles_with_as_many_queries_as_one(django_assert_max_num_queries):
    one = ArticleFactory(text=TEXT)
    with CaptureQueriesContext(connection) as single:
        extractions_apply(pairs=[(one, engine_result())])
    many = [ArticleFactory(text=TEXT + f" Update {n}.") for n in range(12)]
    with django_assert_max_num_queries(len(single)):
        results = extractions_apply(pairs=[(a, engine_result()) for a in many])
    assert {pk: (r.quotes, r.claims, r.mentions) for pk, r in results.items()} == {a.pk: (1, 2, 2) for a in many}
    assert ActorRow.objects.filter(name="Maria Lopez").count() == 1, "one actor for the name across the batch"
    assert ClaimRow.objects.filter(article__in=many).count() == 24


def test_it_records_each_machine_item_as_created_in_its_history(article):
    extraction_apply(article=article, result=engine_result())
    claim = ClaimRow.objects.get(value=4000)
    (record,) = claim.history.all()
    assert record.history_type == "+" and record.history_user is None
    assert (record.value, record.start, record.end, record.source_id) == (
        claim.value,
        claim.start,
        claim.end,
        claim.source_id,
    )
    assert QuoteRow.history.filter(id=QuoteRow.objects.get(article=article).pk, history_type="+").count() == 1
    assert ActorRow.history.filter(name="Maria Lopez", history_type="+").count() == 1


def test_an_editors_change_diffs_against_the_machines_record(article, editor):
    extraction_apply(article=article, result=engine_result())
    claim = ClaimRow.objects.get(value=120)
    claim.value, claim.status = Decimal(125), ReviewStatus.CORRECTED
    claim.save()
    new, old = claim.history.order_by("-history_id")[:2]
    changes = {c.field: (c.old, c.new) for c in new.diff_against(old).changes}
    assert changes["value"] == (Decimal(120), Decimal(125))


def test_one_bad_result_in_a_batch_fails_its_own_article_only():
    good, bad = ArticleFactory(text=TEXT), ArticleFactory(text=TEXT + " Later.")
    claim = replace(engine_result().claims[0], category="bogus")
    broken = Extraction(engine_version="test-1", claims=(claim,))
    saved = extractions_save(pairs=[(good, engine_result()), (bad, broken)])
    assert set(saved.applied) == {good.pk} and set(saved.failed) == {bad.pk}
    good.refresh_from_db()
    bad.refresh_from_db()
    assert good.extraction_status == ExtractionStatus.DONE and ClaimRow.objects.filter(article=good).count() == 2
    assert bad.extraction_status == ExtractionStatus.FAILED and bad.extraction_error.startswith("IntegrityError")
    assert not ClaimRow.objects.filter(article=bad).exists()
