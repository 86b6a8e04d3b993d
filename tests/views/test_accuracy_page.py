"""The accuracy page, ``manage.py accuracy`` and the review queue's calibrated order (issue 18)."""

from __future__ import annotations

import io
import json

from django.core.management import call_command

from tests.decisions import seed_decisions
from tests.factories import NumericClaimFactory, QuoteFactory
from tests.review_helpers import item_reject, item_verify


def test_editors_see_precision_corrections_and_calibration(editor_client, editor):
    seed_decisions(editor)
    response = editor_client.get("/accuracy/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<span id="label-count">8</span>' in html
    overall = html.split('id="precision"')[1].split("</table>")[0]
    assert 'data-field="value"><span class="pct">67%</span>' in overall  # 4/6
    assert "4/6" in overall and "4/5" in overall and "1/2" in overall
    assert "source changed from none to an organisation" in html
    calibration = html.split('id="calibration"')[1].split("</table>")[0]
    assert 'data-bucket="0.9"' in calibration and "2 (67%)" in calibration
    assert "North Desk" in html and "2023-12" in html


def test_the_page_filters_to_one_outlet(editor_client, editor):
    seed_decisions(editor)
    html = editor_client.get("/accuracy/?outlet=South+Desk").content.decode()
    assert '<span id="label-count">2</span>' in html


def test_journalists_may_not_see_it(journalist_client):
    assert journalist_client.get("/accuracy/").status_code == 403


def test_the_command_prints_the_same_figures(editor):
    seed_decisions(editor)
    out = io.StringIO()
    call_command("accuracy", stdout=out)
    text = out.getvalue()
    assert "Editor decisions on machine items: 8" in text
    line = next(row for row in text.splitlines() if row.startswith("all "))
    assert "67% (4/6," in line and "100% (5/5," in line
    assert "0.9-1.0  2/3 verified (67%), 3 kept" in text
    assert "1  source changed from none to an organisation" in text
    out = io.StringIO()
    call_command("accuracy", "--json", "--month", "2023-12", stdout=out)
    data = json.loads(out.getvalue())
    assert data["labels"] == 2
    assert {f["field"]: f["total"] for f in data["fields"]}["value"] == 2


def test_the_queue_follows_calibrated_confidence(editor_client, editor):
    # Claims scored 0.8-0.9: editors verified 5 of 20. Quotes have too few decisions: raw confidence.
    for i in range(20):
        claim = NumericClaimFactory(confidence=0.85)
        (item_verify if i % 4 == 0 else item_reject)(item=claim, user=editor, version=claim.version)
    shaky_claim = NumericClaimFactory(confidence=0.84)
    quote = QuoteFactory(confidence=0.5)
    html = editor_client.get("/review/").content.decode()
    assert html.index(f"claim-{shaky_claim.pk}") < html.index(f"quote-{quote.pk}")


def test_without_enough_decisions_the_queue_keeps_raw_confidence(editor_client):
    claim = NumericClaimFactory(confidence=0.84)
    quote = QuoteFactory(confidence=0.5)
    html = editor_client.get("/review/").content.decode()
    assert html.index(f"quote-{quote.pk}") < html.index(f"claim-{claim.pk}")
