"""Figures follow extraction: new claims are grouped, and re-extraction keeps editors' decisions."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from claims.models import Figure, NumericClaim
from claims.services import figures as svc
from claims.services.extraction import article_extract
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

ONE = "The Gaza health ministry said on Friday that 9,227 people have been killed in Gaza."
TWO = "Officials in Gaza said 9,500 people had been killed in Gaza by Sunday, the health ministry said."


def test_extracting_an_article_puts_its_claims_in_figures():
    first = ArticleFactory(text=ONE, published_at=datetime(2023, 11, 3, tzinfo=UTC))
    second = ArticleFactory(text=TWO, published_at=datetime(2023, 11, 5, tzinfo=UTC))
    article_extract(article_id=first.pk)
    article_extract(article_id=second.pk)

    a = NumericClaim.objects.get(article=first, category="killed")
    b = NumericClaim.objects.get(article=second, category="killed")
    assert a.figure is not None and a.figure == b.figure
    figure = Figure.objects.get(pk=a.figure_id)
    assert figure.name == "Killed in Gaza"
    assert figure.claim_count == 2
    assert figure.latest[0]["claim_id"] == b.pk


def test_re_extraction_keeps_a_claim_an_editor_moved(editor):
    article = ArticleFactory(text=ONE)
    article_extract(article_id=article.pk)
    claim = NumericClaim.objects.get(article=article, category="killed")
    elsewhere = Figure.objects.create(name="Ministry toll", slug="ministry-toll", category="killed")
    svc.claims_move(claim_ids=[claim.pk], target=elsewhere, user=editor)
    old_figure = Figure.objects.filter(name="Killed in Gaza").first()

    article_extract(article_id=article.pk)

    [kept] = NumericClaim.objects.filter(article=article, category="killed")
    assert kept.pk == claim.pk and kept.figure == elsewhere and kept.figure_locked
    elsewhere.refresh_from_db()
    assert elsewhere.claim_count == 1
    assert old_figure is None or not Figure.objects.filter(pk=old_figure.pk).exists()


def test_the_recompute_task_regroups_everything(make_claim):
    from claims.tasks import figures_recompute

    claim = make_claim(9227)
    result = figures_recompute.delay().get(timeout=30)
    claim.refresh_from_db()
    assert claim.figure is not None
    assert result["figures"] == 1 and result["touched"] == 1
