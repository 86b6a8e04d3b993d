"""Reject reasons, editors' notes and bulk review, as services."""

from __future__ import annotations

import pytest

from claims.models import ReviewStatus
from claims.services.review import StaleVersion, item_note_update, item_review, items_review
from tests.factories import NumericClaimFactory, QuoteFactory

pytestmark = pytest.mark.django_db


def test_a_reject_reason_becomes_the_history_records_change_reason(editor):
    claim = NumericClaimFactory()
    item_review(item=claim, user=editor, version=1, status=ReviewStatus.REJECTED, reason="  Wrong   span ")
    record = claim.history.order_by("-history_id").first()
    assert record.history_change_reason == "Wrong span" and record.history_user == editor


def test_a_long_reason_is_cut_to_the_column(editor):
    claim = NumericClaimFactory()
    item_review(item=claim, user=editor, version=1, status=ReviewStatus.REJECTED, reason="x" * 300)
    assert len(claim.history.order_by("-history_id").first().history_change_reason) == 100


def test_bulk_review_applies_each_item_and_reports_the_stale_one(editor):
    fresh, stale = NumericClaimFactory(), QuoteFactory()
    item_review(item=stale, user=None, version=1, status=ReviewStatus.REJECTED)
    outcomes = items_review(items=[(fresh, 1), (stale, 1)], user=editor, status=ReviewStatus.VERIFIED)
    assert [(o.item.pk, o.conflict) for o in outcomes] == [(fresh.pk, False), (stale.pk, True)]
    fresh.refresh_from_db()
    stale.refresh_from_db()
    assert fresh.status == "verified" and fresh.reviewed_by == editor
    assert stale.status == "rejected" and stale.version == 2  # left as the other editor saved it


def test_a_note_keeps_the_status_bumps_the_version_and_is_in_history(editor):
    claim = NumericClaimFactory()
    saved = item_note_update(item=claim, user=editor, version=1, note="  Ask the desk  ")
    assert saved.note == "Ask the desk" and saved.status == "unreviewed" and saved.version == 2
    assert claim.history.order_by("-history_id").first().history_user == editor
    same = item_note_update(item=claim, user=editor, version=2, note="Ask the desk")
    assert same.version == 2  # nothing changed, nothing written


def test_a_note_on_a_stale_version_is_refused(editor):
    claim = NumericClaimFactory()
    item_review(item=claim, user=None, version=1, status=ReviewStatus.VERIFIED)
    with pytest.raises(StaleVersion):
        item_note_update(item=claim, user=editor, version=1, note="late")
