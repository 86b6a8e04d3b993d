"""The figure tracker's services, on claims built by hand."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from claims.extraction import types as t
from claims.lib import figure_keys
from claims.models import Figure, FigureFlag, FlagKind, FlagStatus, NumericClaim, ReviewStatus
from claims.reads import figures as timelines
from claims.services import figures as svc
from claims.services.extraction import extraction_apply
from tests.factories import ActorFactory, ArticleFactory, OutletFactory

pytestmark = pytest.mark.django_db


def figure_of(claim) -> Figure:
    claim.refresh_from_db()
    return claim.figure


# --- keys --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("category", "a", "b"),
    [
        ("killed", "people", "persons"),
        ("killed", "Palestinians", "palestinian"),
        ("hostages", "captives", "hostages"),
        ("hostages", "people", "captive"),
        ("killed", "", "people"),
        ("killed", "deaths", "people"),
        ("injured", "children", "child"),
    ],
)
def test_it_folds_plurals_and_synonyms_of_the_counted_noun(category, a, b):
    assert figure_keys.noun_key(category, a) == figure_keys.noun_key(category, b)


def test_it_keeps_different_populations_apart():
    assert figure_keys.noun_key("killed", "Palestinians") != figure_keys.noun_key("killed", "people")
    assert figure_keys.noun_key("killed", "children") != figure_keys.noun_key("killed", "soldiers")


def test_it_folds_places():
    assert figure_keys.place_key("the Gaza Strip") == figure_keys.place_key("Gaza") == "gaza"
    assert figure_keys.place_key("The West Bank") == figure_keys.place_key("occupied West Bank")
    assert figure_keys.place_key("Israel") != figure_keys.place_key("Gaza")


# --- grouping ----------------------------------------------------------------------------------


def test_it_groups_claims_of_the_same_count_across_articles_and_outlets(make_claim):
    a = make_claim(9227, noun="people", place="Gaza", outlet=OutletFactory(name="BBC"))
    b = make_claim(9500, noun="persons", place="the Gaza Strip", outlet=OutletFactory(name="AFP"))
    c = make_claim(240, category="hostages", noun="captives", place="Gaza")
    d = make_claim(230, category="hostages", noun="hostages", place="Gaza")
    e = make_claim(1400, noun="people", place="Israel")

    svc.claims_group()

    assert figure_of(a) == figure_of(b)
    assert figure_of(c) == figure_of(d)
    assert len({figure_of(a).pk, figure_of(c).pk, figure_of(e).pk}) == 3
    assert figure_of(a).name == "Killed in Gaza"
    assert figure_of(c).name == "Hostages held in Gaza"
    assert figure_of(a).cumulative and not figure_of(c).cumulative


def test_it_gives_a_claim_without_a_place_the_place_of_its_article(make_claim):
    first = make_claim(9227, place="Gaza")
    article = first.article
    same_article = make_claim(100, place="", article=article, noun="people")
    elsewhere = make_claim(50, place="")  # an article that names no place

    svc.claims_group()

    assert figure_of(same_article) == figure_of(first)
    assert figure_of(elsewhere) != figure_of(first)
    assert figure_of(elsewhere).place_key == ""


def test_it_never_counts_rejected_claims(make_claim):
    live = make_claim(9227)
    rejected = make_claim(90000, status="rejected")
    svc.figures_recompute()

    assert figure_of(rejected) is None
    figure = figure_of(live)
    figure.refresh_from_db()
    assert figure.claim_count == 1
    assert [e["claim_id"] for e in figure.latest] == [live.pk]

    NumericClaim.objects.filter(pk=live.pk).update(status=ReviewStatus.REJECTED)
    svc.figures_recompute()
    assert figure_of(live) is None
    assert not Figure.objects.filter(pk=figure.pk).exists()  # an empty machine figure is dropped


def test_it_leaves_other_numbers_out_of_figures(make_claim):
    other = make_claim(12, category="other", noun="schools")
    svc.claims_group()
    assert figure_of(other) is None


def test_regrouping_is_stable(make_claim):
    a = make_claim(9227)
    svc.figures_recompute()
    before = figure_of(a).pk
    assert svc.claims_group() == set()
    assert figure_of(a).pk == before


def test_it_groups_in_chunks_without_splitting_an_article(make_claim, monkeypatch):
    monkeypatch.setattr(svc, "CHUNK", 3)
    first = make_claim(9227, place="Gaza")
    claims = [make_claim(100 + i, place="", article=first.article) for i in range(4)]
    others = [make_claim(10 + i, place="Israel") for i in range(5)]
    svc.claims_group()
    assert {figure_of(c) for c in claims} == {figure_of(first)}
    assert {figure_of(c).place_key for c in others} == {"israel"}


# --- series and latest values ------------------------------------------------------------------


def test_it_draws_one_series_per_source_and_one_for_each_outlets_own_account(make_claim):
    ministry = ActorFactory(name="Gaza Health Ministry")
    israel = ActorFactory(name="Israel Defense Forces")
    bbc = OutletFactory(name="BBC")
    c1 = make_claim(8000, source=ministry, day=date(2023, 11, 1))
    c2 = make_claim(9227, source=ministry, day=date(2023, 11, 3), qualifier="more_than")
    c3 = make_claim(8500, source=israel, day=date(2023, 11, 2))
    c4 = make_claim(8700, source=None, day=date(2023, 11, 2), outlet=bbc)
    svc.figures_recompute()
    figure = figure_of(c1)

    points = timelines.figure_points(figure_id=figure.pk)
    series = {}
    for p in points:
        series.setdefault(p.series, []).append(p.claim_id)
    assert series == {
        f"actor:{ministry.pk}": [c1.pk, c2.pk],
        f"actor:{israel.pk}": [c3.pk],
        f"outlet:{bbc.pk}": [c4.pk],
    }
    assert points[0].url == f"/articles/{c1.article_id}/#claim-{c1.pk}"

    figure.refresh_from_db()
    latest = {e["label"]: (e["text"], e["as_of"], e["claim_id"]) for e in figure.latest}
    assert latest == {
        "Gaza Health Ministry": ("more than 9,227", "2023-11-03", c2.pk),
        "Israel Defense Forces": ("8,500", "2023-11-02", c3.pk),
        "BBC (own account)": ("8,700", "2023-11-02", c4.pk),
    }
    assert figure.latest[0]["claim_id"] == c2.pk  # newest first
    assert figure.claim_count == 4 and figure.last_as_of == date(2023, 11, 3)


def test_a_merged_source_actor_continues_its_targets_series(make_claim):
    ministry = ActorFactory(name="Gaza Health Ministry")
    alias = ActorFactory(name="Ministry of Health in Gaza", merged_into=ministry)
    a = make_claim(8000, source=ministry, day=date(2023, 11, 1))
    b = make_claim(9000, source=alias, day=date(2023, 11, 2))
    svc.claims_group()
    points = timelines.figure_points(figure_id=figure_of(a).pk)
    assert {p.series for p in points} == {f"actor:{ministry.pk}"}
    assert [p.claim_id for p in points] == [a.pk, b.pk]


# --- flags -------------------------------------------------------------------------------------


def flags(figure, kind=None):
    qs = FigureFlag.objects.filter(figure=figure)
    if kind:
        qs = qs.filter(kind=kind)
    return list(qs)


def test_it_flags_sources_that_disagree_within_three_days(make_claim):
    ministry, israel = ActorFactory(name="Ministry"), ActorFactory(name="Army")
    a = make_claim(9227, source=ministry, day=date(2023, 11, 3))
    b = make_claim(7000, source=israel, day=date(2023, 11, 5))
    make_claim(9100, source=israel, day=date(2023, 11, 20))  # within 10% of the ministry's later claim
    make_claim(9300, source=ministry, day=date(2023, 11, 21))
    make_claim(1000, source=israel, day=date(2023, 12, 20))  # far from anything the ministry said that week
    svc.figures_recompute()

    [flag] = flags(figure_of(a), FlagKind.DISAGREEMENT)
    assert {c.pk for c in flag.claims.all()} == {a.pk, b.pk}
    assert "Ministry: 9,227 (3 Nov 2023) vs Army: 7,000 (5 Nov 2023)" in flag.detail
    assert flag.status == FlagStatus.OPEN


def test_ranges_and_qualifiers_count_when_comparing(make_claim):
    ministry, israel = ActorFactory(name="Ministry"), ActorFactory(name="Army")
    a = make_claim(9000, source=ministry, qualifier="more_than")  # 9,000 or more
    make_claim(12000, source=israel)  # agrees with "more than 9,000"
    make_claim(7000, value_max=8500, source=israel)  # 8,500 is within 10% of 9,000
    svc.figures_recompute()
    assert flags(figure_of(a)) == []


def test_one_source_changing_its_number_is_not_a_disagreement(make_claim):
    ministry = ActorFactory(name="Ministry")
    a = make_claim(5000, source=ministry, day=date(2023, 11, 1))
    make_claim(9000, source=ministry, day=date(2023, 11, 2))
    svc.figures_recompute()
    assert flags(figure_of(a)) == []


def test_it_flags_a_cumulative_count_revised_down(make_claim):
    israel = ActorFactory(name="Israel")
    before = make_claim(1400, source=israel, place="Israel", day=date(2023, 11, 1))
    after = make_claim(1200, source=israel, place="Israel", day=date(2023, 11, 10))
    make_claim(1200, source=israel, place="Israel", day=date(2023, 11, 12))  # not a second revision
    svc.figures_recompute()

    [flag] = flags(figure_of(before))
    assert flag.kind == FlagKind.REVISION
    assert {c.pk for c in flag.claims.all()} == {before.pk, after.pk}
    assert "Israel revised down: 1,400 (1 Nov 2023) → 1,200 (10 Nov 2023)" in flag.detail


def test_a_count_that_is_not_cumulative_may_go_down(make_claim):
    a = make_claim(240, category="hostages", noun="hostages", day=date(2023, 11, 1))
    make_claim(130, category="hostages", noun="hostages", day=date(2023, 12, 1))
    svc.figures_recompute()
    assert flags(figure_of(a)) == []


def test_a_dismissed_flag_stays_dismissed_when_recomputed(make_claim, editor):
    ministry, israel = ActorFactory(name="Ministry"), ActorFactory(name="Army")
    a = make_claim(9227, source=ministry, day=date(2023, 11, 3))
    make_claim(5000, source=israel, day=date(2023, 11, 4))
    svc.figures_recompute()
    [flag] = flags(figure_of(a))
    with pytest.raises(svc.FigureError):
        svc.flag_dismiss(flag=flag, user=editor, reason="  ")

    svc.flag_dismiss(flag=flag, user=editor, reason="The army counts only combatants")
    make_claim(5100, source=israel, day=date(2023, 11, 5))  # more evidence the same week
    svc.figures_recompute()

    [again] = flags(figure_of(a))
    assert again.pk == flag.pk
    assert again.status == FlagStatus.DISMISSED
    assert again.dismissed_reason == "The army counts only combatants"
    assert again.dismissed_by == editor


def test_a_flag_whose_evidence_is_gone_disappears(make_claim):
    ministry, israel = ActorFactory(name="Ministry"), ActorFactory(name="Army")
    a = make_claim(9227, source=ministry)
    b = make_claim(5000, source=israel)
    svc.figures_recompute()
    assert len(flags(figure_of(a))) == 1
    NumericClaim.objects.filter(pk=b.pk).update(status=ReviewStatus.REJECTED)
    svc.figures_recompute()
    assert flags(figure_of(a)) == []


# --- editor operations -------------------------------------------------------------------------


def test_an_editor_moves_a_claim_and_it_stays(make_claim, editor):
    a = make_claim(9227)
    b = make_claim(40, noun="Palestinians")
    svc.figures_recompute()
    target = figure_of(a)

    svc.claims_move(claim_ids=[b.pk], target=target, user=editor)
    svc.figures_recompute()

    b.refresh_from_db()
    assert b.figure == target and b.figure_locked
    assert b.status == ReviewStatus.CORRECTED and b.reviewed_by == editor
    target.refresh_from_db()
    assert target.claim_count == 2


def test_split_moves_claims_into_a_new_named_figure(make_claim, editor):
    a, b, c = make_claim(9227), make_claim(9300), make_claim(9400)
    svc.figures_recompute()
    old = figure_of(a)

    new = svc.figure_split(figure=old, claim_ids=[b.pk, c.pk], name="Killed in Gaza City", user=editor)
    svc.figures_recompute()

    assert new.name == "Killed in Gaza City" and new.renamed
    assert figure_of(a) == old and figure_of(b) == new and figure_of(c) == new
    new.refresh_from_db()
    assert new.claim_count == 2


def test_merge_moves_claims_and_later_claims_of_the_merged_key_follow(make_claim, editor):
    a = make_claim(9227, noun="people")
    b = make_claim(9000, noun="Palestinians")
    svc.figures_recompute()
    people, palestinians = figure_of(a), figure_of(b)

    svc.figures_merge(source=palestinians, target=people, user=editor)
    later = make_claim(9500, noun="Palestinians")
    svc.figures_recompute()

    assert figure_of(b) == people and figure_of(later) == people
    palestinians.refresh_from_db()
    assert palestinians.merged_into == people  # kept as an alias
    people.refresh_from_db()
    assert people.claim_count == 3
    with pytest.raises(svc.FigureError):
        svc.figures_merge(source=people, target=people, user=editor)


def test_rename_keeps_the_editors_name(make_claim, editor):
    a = make_claim(9227)
    svc.figures_recompute()
    svc.figure_rename(figure=figure_of(a), name="Gaza death toll", user=editor)
    svc.figures_recompute()
    figure = figure_of(a)
    assert figure.name == "Gaza death toll" and figure.renamed
    assert figure.history.first().history_user == editor


# --- re-extraction -----------------------------------------------------------------------------

REEXTRACT_TEXT = "The ministry said 9,227 people were killed in Gaza. The army said 40 Palestinians were killed."


def extraction() -> t.Extraction:
    def claim(number: str, noun: str) -> t.NumericClaim:
        start = REEXTRACT_TEXT.index(number)
        end = REEXTRACT_TEXT.index(noun, start) + len(noun)
        return t.NumericClaim(
            value=Decimal(number.replace(",", "")),
            value_max=None,
            qualifier="exact",
            category="killed",
            noun=noun,
            place="Gaza",
            source_index=None,
            source_surface=None,
            span=REEXTRACT_TEXT[start:end],
            start=start,
            end=end,
            confidence=0.9,
        )

    return t.Extraction(engine_version="test-1", claims=(claim("9,227", "people"), claim("40", "Palestinians")))


def test_an_editors_move_survives_re_extraction(editor):
    article = ArticleFactory(text=REEXTRACT_TEXT)
    extraction_apply(article=article, result=extraction())
    svc.articles_figures_update(article_ids=[article.pk])
    people = NumericClaim.objects.get(article=article, noun="people")
    moved = NumericClaim.objects.get(article=article, noun="Palestinians")
    target = people.figure
    svc.claims_move(claim_ids=[moved.pk], target=target, user=editor)

    before = svc.articles_figure_ids(article_ids=[article.pk])
    extraction_apply(article=article, result=extraction())  # the engine runs again
    svc.articles_figures_update(article_ids=[article.pk], before=before)

    claims = NumericClaim.objects.filter(article=article)
    assert claims.count() == 2  # the moved claim was kept, not duplicated
    kept = claims.get(noun="Palestinians")
    assert kept.pk == moved.pk and kept.figure == target and kept.figure_locked
    recreated = claims.get(noun="people")
    assert recreated.pk != people.pk and recreated.figure == target
    target.refresh_from_db()
    assert target.claim_count == 2
    assert {e["claim_id"] for e in target.latest} == {recreated.pk}  # one series (the outlet), newest claim


def test_a_merge_survives_re_extraction(editor):
    article = ArticleFactory(text=REEXTRACT_TEXT)
    extraction_apply(article=article, result=extraction())
    svc.articles_figures_update(article_ids=[article.pk])
    people = NumericClaim.objects.get(article=article, noun="people").figure
    palestinians = NumericClaim.objects.get(article=article, noun="Palestinians").figure
    svc.figures_merge(source=palestinians, target=people, user=editor)

    before = svc.articles_figure_ids(article_ids=[article.pk])
    extraction_apply(article=article, result=extraction())
    svc.articles_figures_update(article_ids=[article.pk], before=before)

    assert set(NumericClaim.objects.filter(article=article).values_list("figure_id", flat=True)) == {people.pk}
    assert not NumericClaim.objects.filter(article=article, figure_locked=True).exists()


def test_re_extraction_refreshes_the_latest_value_of_a_figure_it_left():
    article = ArticleFactory(text=REEXTRACT_TEXT)
    extraction_apply(article=article, result=extraction())
    svc.articles_figures_update(article_ids=[article.pk])
    palestinians = NumericClaim.objects.get(article=article, noun="Palestinians").figure

    before = svc.articles_figure_ids(article_ids=[article.pk])
    only_people = t.Extraction(engine_version="test-2", claims=extraction().claims[:1])
    extraction_apply(article=article, result=only_people)
    svc.articles_figures_update(article_ids=[article.pk], before=before)

    assert not Figure.objects.filter(pk=palestinians.pk).exists()


@pytest.mark.parametrize(
    ("category", "noun"), [("killed", "killed"), ("displaced", "displaced"), ("injured", "wounded")]
)
def test_it_names_a_figure_whose_noun_is_the_state_itself_after_its_category(category, noun):
    assert figure_keys.noun_key(category, noun) == figure_keys.noun_key(category, "")
    name = figure_keys.figure_name_for(category, noun, "Gaza")
    assert name.lower().count(category) == 1 and name.endswith("in Gaza")
