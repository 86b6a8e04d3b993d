"""Precision per field, corrections and calibration from editors' decisions (issue 18)."""

from __future__ import annotations

import pytest

from claims.reads.accuracy import accuracy_report, calibration_fit, isotonic, wilson
from tests.decisions import seed_decisions
from tests.factories import NumericClaimFactory
from tests.review_helpers import item_reject, item_reopen, item_verify


def _by_field(precisions):
    return {p.field: (p.correct, p.total) for p in precisions}


def test_wilson_interval_matches_the_textbook_values():
    low, high = wilson(3, 4)
    assert low == pytest.approx(0.3006, abs=1e-3)
    assert high == pytest.approx(0.9544, abs=1e-3)
    assert wilson(0, 0) == (0.0, 1.0)
    low, high = wilson(10, 10)
    assert high == 1.0 and low == pytest.approx(0.7225, abs=1e-3)


def test_it_counts_each_field_from_the_decisions(editor):
    seed_decisions(editor)
    report = accuracy_report()
    assert report.labels == 8
    assert report.decisions == {"corrected": 3, "rejected": 1, "verified": 4}
    fields = _by_field(report.overall)
    # Six claims: the rejected one has a wrong value, the South correction changed its value.
    assert fields["value"] == (4, 6)
    # Five kept claims: one category and one source changed.
    assert fields["category"] == (4, 5)
    assert fields["source"] == (4, 5)
    assert fields["qualifier"] == (5, 5)
    assert fields["quote"] == (2, 2)
    assert fields["speaker"] == (1, 2)
    # Only the quotes had an actor linked by the machine; one of the two was replaced.
    assert fields["actor"] == (1, 2)


def test_it_splits_by_outlet_and_month(editor):
    seed_decisions(editor)
    report = accuracy_report()
    assert list(report.by_outlet) == ["North Desk", "South Desk"]
    assert _by_field(report.by_outlet["South Desk"])["value"] == (1, 2)
    assert _by_field(report.by_outlet["North Desk"])["value"] == (3, 4)
    assert list(report.by_month) == ["2023-11", "2023-12"]
    assert _by_field(report.by_month["2023-12"])["category"] == (2, 2)
    only = accuracy_report(outlet="South Desk")
    assert only.labels == 2


def test_it_names_the_most_common_corrections(editor):
    seed_decisions(editor)
    corrections = dict(accuracy_report().corrections)
    assert corrections == {
        "category changed from killed to injured": 1,
        "source changed from none to an organisation": 1,
        "claim rejected": 1,
        "value changed": 1,
        "speaker changed to another person": 1,
    }


def test_calibration_counts_what_editors_verified_per_confidence_bucket(editor):
    seed_decisions(editor)
    buckets = {round(b.low, 1): (b.total, b.verified, b.kept) for b in accuracy_report().calibration if b.total}
    assert buckets == {0.9: (3, 2, 3), 0.6: (4, 2, 4), 0.3: (1, 0, 0)}


def test_the_machine_answer_is_the_state_before_the_first_decision(editor):
    claim = NumericClaimFactory(confidence=0.5)
    item_reject(item=claim, user=editor, version=claim.version)
    claim.refresh_from_db()
    item_reopen(item=claim, user=editor, version=claim.version)
    claim.refresh_from_db()
    item_verify(item=claim, user=editor, version=claim.version)
    report = accuracy_report()
    assert report.labels == 1
    assert _by_field(report.overall)["value"] == (1, 1)


def test_isotonic_pools_violators_and_keeps_order():
    assert isotonic([(0.2, 1), (0.6, 1), (0.4, 1), (0.9, 2)]) == pytest.approx([0.2, 0.5, 0.5, 0.9])
    assert isotonic([(1.0, 3), (0.0, 1)]) == pytest.approx([0.75, 0.75])


def test_too_few_decisions_keep_the_raw_confidence(editor):
    seed_decisions(editor)
    fit = calibration_fit()
    assert not fit.is_calibrated("claim")
    assert fit("claim", 0.83) == 0.83


def test_enough_decisions_map_confidence_to_the_verified_rate(editor):
    for i in range(20):
        claim = NumericClaimFactory(confidence=0.85)
        (item_verify if i % 4 == 0 else item_reject)(item=claim, user=editor, version=claim.version)
    for _ in range(5):
        claim = NumericClaimFactory(confidence=0.45)
        item_verify(item=claim, user=editor, version=claim.version)
    fit = calibration_fit()
    assert fit.is_calibrated("claim")
    # 0.4 bucket: 5/5 verified; 0.8 bucket: 5/20. Monotone fit pools them: 10/25.
    assert fit("claim", 0.85) == pytest.approx(0.4)
    assert fit("claim", 0.45) == pytest.approx(0.4)
    assert fit("claim", 0.05) == pytest.approx(0.4)  # an empty bucket takes its neighbour's rate
    assert fit("quote", 0.85) == 0.85
