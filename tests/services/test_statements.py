"""Quote drift: grouping quotes that report one statement, and how versions differ (issue 18)."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta

import pytest

from claims.models import Statement, StatementQuote
from claims.reads.statements import statement_view, word_diff
from claims.services.statements import statement_verify, statements_after_extraction
from tests.drift import drift_articles, quote_of
from tests.factories import ActorFactory, ArticleFactory, QuoteFactory

pytestmark = pytest.mark.django_db

LINE = "The council will not raise the water tax this year, whatever the auditors say"


def test_four_outlets_reporting_one_statement_make_one_group(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        ledger, _harbour, evening, _wire = drift_articles()
    statement = Statement.objects.get()
    assert statement.quote_count == 4
    assert statement.first_quote == quote_of(ledger)
    assert statement.speaker.name == "Dana Reyes"
    view = statement_view(statement)
    kinds = {v.quote.article.outlet.name: (v.diff.kind if v.diff else "reference") for v in view.versions}
    assert kinds == {
        "Morning Ledger": "reference",
        "Harbour Times": "trimmed",
        "Evening Post": "meaning",
        "Border Wire": "verbatim",
    }
    flipped = next(v for v in view.versions if v.quote.article == evening)
    assert flipped.diff.reasons == ["negation"]
    assert "<del>never</del> <ins>soon</ins>" in flipped.diff.html
    credited = [v.quote.speaker.name for v in view.versions if v.other_speaker]
    assert credited == ["Omar Haddad"]
    assert [v.quote.article for v in view.versions if v.first] == [ledger]


def test_re_running_the_grouping_adds_nothing(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        articles = drift_articles()
    assert statements_after_extraction(article_ids=[a.pk for a in articles]) == set()
    assert Statement.objects.count() == 1 and StatementQuote.objects.count() == 4


_n = itertools.count()


def _quote(text, *, speaker=None, day=0):
    article = ArticleFactory(text=f'Officials spoke at meeting {next(_n)}. "{text}," an official said.', title="x")
    article.published_at = datetime(2024, 1, 10, tzinfo=UTC) + timedelta(days=day)
    article.save(update_fields=["published_at"])
    start = article.text.index(text)
    return QuoteFactory(article=article, start=start, end=start + len(text), text=text, speaker=speaker)


def test_quotes_far_apart_in_time_or_by_other_speakers_stay_apart():
    mayor, rival = ActorFactory(), ActorFactory()
    a = _quote(LINE, speaker=mayor)
    later = _quote(LINE, speaker=mayor, day=30)
    other = _quote("The council will raise spending on roads this year, the auditors say", speaker=rival, day=1)
    statements_after_extraction(article_ids=[a.article_id, later.article_id, other.article_id])
    assert Statement.objects.count() == 0


def test_an_unresolved_speaker_joins_the_group():
    mayor = ActorFactory()
    a = _quote(LINE, speaker=mayor)
    b = _quote(LINE.replace("this year, whatever", "this year whatever"), speaker=None, day=1)
    statements_after_extraction(article_ids=[a.article_id, b.article_id])
    (statement,) = Statement.objects.all()
    assert statement.speaker == mayor and statement.quote_count == 2


def test_grouping_costs_the_same_queries_for_one_article_or_many(django_assert_max_num_queries):
    mayor = ActorFactory()
    first = [_quote(LINE, speaker=mayor, day=0), _quote(LINE, speaker=mayor, day=1)]
    with django_assert_max_num_queries(12) as one:
        statements_after_extraction(article_ids=[q.article_id for q in first])
    other_line = "Nobody in this town will pay more for water until the pipes are mended"
    many = [_quote(other_line, speaker=mayor, day=d % 5) for d in range(12)]
    with django_assert_max_num_queries(12) as twelve:
        statements_after_extraction(article_ids=[q.article_id for q in many])
    assert len(twelve.captured_queries) == len(one.captured_queries)
    assert sorted(Statement.objects.values_list("quote_count", flat=True)) == [2, 12]


def test_a_verified_version_becomes_the_reference(django_capture_on_commit_callbacks, editor):
    with django_capture_on_commit_callbacks(execute=True):
        _ledger, harbour, _evening, _wire = drift_articles()
    statement = Statement.objects.get()
    verified = statement_verify(
        statement=statement, quote=quote_of(harbour), user=editor, source_url="https://gov.example/briefing"
    )
    view = statement_view(verified)
    assert view.reference_label == "the verified wording"
    by_outlet = {v.quote.article.outlet.name: v for v in view.versions}
    assert by_outlet["Harbour Times"].diff is None and by_outlet["Harbour Times"].verified
    assert by_outlet["Morning Ledger"].diff.kind == "trimmed"  # the longer one, against the verified
    assert by_outlet["Morning Ledger"].first


@pytest.mark.parametrize(
    ("version", "kind", "reasons"),
    [
        (LINE, "verbatim", []),
        (LINE + ".", "punctuation", []),
        (LINE.upper(), "punctuation", []),
        ("The council will not raise the water tax this year", "trimmed", []),
        (LINE.replace("will not", "will"), "meaning", ["negation"]),
        (LINE.replace("this year", "in 2025"), "meaning", ["number"]),
        (LINE.replace("will not", "may not"), "meaning", ["hedge"]),
        (LINE.replace("the auditors", "Mr Vance"), "meaning", ["name"]),
        (LINE.replace("raise", "increase"), "wording", []),
    ],
)
def test_differences_are_classified(version, kind, reasons):
    diff = word_diff(LINE, version)
    assert (diff.kind, diff.reasons) == (kind, reasons)


def test_the_marked_up_words_are_escaped():
    diff = word_diff("They said <b>no</b> to the plan", "They said <script>alert(1)</script> to the plan")
    assert "<script>" not in diff.html and "&lt;" in diff.html


def test_a_version_replaced_by_re_extraction_leaves_the_group_counts_right(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        ledger, harbour, evening, wire = drift_articles()
    quote_of(wire).delete()  # what re-extraction does to an untouched machine quote
    statements_after_extraction(article_ids=[wire.pk])
    statement = Statement.objects.get()
    assert statement.quote_count == 3
    quote_of(harbour).delete()
    quote_of(evening).delete()
    statements_after_extraction(article_ids=[harbour.pk, evening.pk])
    assert not Statement.objects.exists()  # one version left: no drift to show
    assert quote_of(ledger).pk  # the quote itself stays
