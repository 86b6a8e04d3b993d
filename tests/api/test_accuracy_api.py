"""``/api/v1/accuracy/``: editors only, the same figures as the page (issue 18)."""

from __future__ import annotations

from tests.decisions import seed_decisions


def test_an_editor_token_reads_the_figures(token_client, editor):
    seed_decisions(editor)
    client = token_client(role="editor", scope="read")
    data = client.get("/api/v1/accuracy/").json()
    assert data["labels"] == 8
    value = next(f for f in data["fields"] if f["field"] == "value")
    assert (value["correct"], value["total"], value["precision"]) == (4, 6, 0.6667)
    assert value["low"] < 0.6667 < value["high"]
    assert {"change": "claim rejected", "count": 1} in data["corrections"]
    top = next(b for b in data["calibration"] if b["low"] == 0.9)
    assert (top["total"], top["verified"]) == (3, 2)
    assert data["queue_calibration"] == {"quote": None, "claim": None}


def test_journalists_are_refused(token_client):
    assert token_client(role="journalist").get("/api/v1/accuracy/").status_code == 403


def test_it_filters_by_outlet(token_client, editor):
    seed_decisions(editor)
    data = token_client(role="editor").get("/api/v1/accuracy/?outlet=South+Desk").json()
    assert data["labels"] == 2
