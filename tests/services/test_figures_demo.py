"""The demo corpus on /figures/: the tolls a journalist follows are whole figures, each named for its place."""

from __future__ import annotations

import re
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command

from claims.models import Figure, NumericClaim
from claims.services.figures import figures_recompute

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):  # extraction is queued after each commit
        call_command("load_demo", "--no-users", stdout=StringIO())
    figures_recompute()  # what load_demo ends with, once the extractions above have run


def holding(value: int) -> set[Figure]:
    claims = NumericClaim.objects.filter(value=Decimal(value), figure__isnull=False).select_related("figure")
    return {c.figure for c in claims if c.category in ("killed", "hostages")}


def test_the_gaza_toll_is_one_figure_across_outlets_and_dates(demo, journalist_client):
    [gaza] = set.union(*(holding(v) for v in (9227, 10022, 10812, 11078, 24285, 32333)))
    claims = NumericClaim.objects.filter(figure=gaza)
    assert claims.values("article__outlet").distinct().count() >= 3
    assert claims.values("as_of").distinct().count() >= 5
    assert "Gaza" in gaza.name and "place not given" not in gaza.name

    body = journalist_client.get("/figures/").content.decode()
    assert f'href="/figures/{gaza.slug}/"' in body


def test_the_7_october_toll_is_another_figure_with_its_downward_revision_flagged(demo):
    [gaza] = holding(32333)
    [october] = holding(1400) - {gaza}
    assert holding(1200) - {gaza} == {october}
    assert october.flags.filter(kind="revision").exists()
    assert not gaza.flags.filter(kind="revision").exists()


def test_the_hostages_taken_are_a_figure_apart_from_a_deals_quota(demo):
    [taken] = holding(253)
    assert {f for f in holding(240) if f.modality == "fact"} == {taken}
    quotas = Figure.objects.filter(modality="quota")
    assert taken not in quotas
    assert not NumericClaim.objects.filter(figure=taken, modality="quota").exists()


def test_no_figure_says_place_not_given_for_a_claim_whose_article_names_a_place(demo):
    from claims.extraction.places import find_places

    for figure in Figure.objects.filter(name__contains="place not given"):
        for claim in NumericClaim.objects.filter(figure=figure).select_related("article"):
            article = claim.article
            named = [p for p in find_places(f"{article.title}\n{article.text}") if not p.weak]
            assert not named, f"{figure.name!r} holds a claim of an article naming {named[0].key}"


def test_the_figure_list_shows_values_with_their_units(demo, journalist_client):
    body = journalist_client.get("/figures/?q=per+day").content.decode()
    assert re.search(r"\d[\d,]* a day", body)
