"""Bringing stored claims to the frame: the migration's place keys and the re-extraction command."""

from __future__ import annotations

import importlib
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command

from claims.models import NumericClaim, ReviewStatus
from claims.services.extraction import article_extract
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_the_data_migration_keys_a_stored_place_to_its_territory(make_claim):
    claim = make_claim(40, place="Khan Younis")
    unknown = make_claim(41, place="Somewhere Else")
    importlib.import_module("claims.migrations.0019_figs_frame_from_place").forwards(apps, None)
    claim.refresh_from_db()
    unknown.refresh_from_db()
    assert (claim.place_key, claim.country_key) == ("khan-younis", "gaza-strip")
    assert unknown.country_key == "somewhere else"


def test_reframing_re_extracts_and_keeps_editor_work(editor, django_capture_on_commit_callbacks):
    from claims.services.review import claim_correct

    article = ArticleFactory(text="Floods have killed 40 people in Peru. Landslides killed 12 people in Peru.")
    article_extract(article_id=article.pk)
    edited = NumericClaim.objects.get(article=article, value=12)
    with django_capture_on_commit_callbacks(execute=True):
        claim_correct(claim=edited, user=editor, version=edited.version, place="Bolivia")
    NumericClaim.objects.filter(article=article).update(population="", country_key="")  # as before frames

    call_command("claims_reframe", stdout=StringIO())

    machine = NumericClaim.objects.get(article=article, value=40)
    edited.refresh_from_db()
    assert machine.population == "people" and machine.country_key == "peru"
    assert edited.status == ReviewStatus.CORRECTED and edited.place == "Bolivia"
    assert edited.figure.name == "People killed in Bolivia"
