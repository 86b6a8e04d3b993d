"""Figures follow editors' reviews at once: a rejected claim leaves its figure's latest values."""

from __future__ import annotations

import pytest

from claims.models import Figure, ReviewStatus
from claims.services import figures as svc
from claims.services.review import claim_correct, item_review

pytestmark = pytest.mark.django_db(transaction=True)


def latest_values(figure: Figure) -> list:
    figure.refresh_from_db()
    return sorted(str(entry["value"]) for entry in figure.latest)


def test_it_drops_a_rejected_claim_from_its_figure(make_claim, editor):
    kept, wrong = make_claim(9227), make_claim(92270)
    svc.claims_group()
    kept.refresh_from_db()
    figure = Figure.objects.get(pk=kept.figure_id)
    svc.figures_refresh(figure_ids=[figure.pk])
    assert latest_values(figure) == ["9227", "92270"]  # one series per outlet

    item_review(item=wrong, user=editor, version=wrong.version, status=ReviewStatus.REJECTED)

    assert latest_values(figure) == ["9227"]


def test_it_moves_a_corrected_value_in_its_figure(make_claim, editor):
    claim = make_claim(9227)
    svc.claims_group()
    claim.refresh_from_db()
    svc.figures_refresh(figure_ids=[claim.figure_id])

    claim_correct(claim=claim, user=editor, version=claim.version, value="9500")

    assert any("9500" in value for value in latest_values(Figure.objects.get(pk=claim.figure_id)))
