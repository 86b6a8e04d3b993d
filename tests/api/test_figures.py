"""/api/v1/figures/: figures with series, latest values and flags; editors reshape them."""

from __future__ import annotations

from datetime import date

import pytest

from claims.models import Figure, FigureFlag, FlagStatus, NumericClaim
from claims.services import figures as svc
from tests.factories import ActorFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def corpus(make_claim):
    ministry, army = ActorFactory(name="Gaza Health Ministry"), ActorFactory(name="Israel Defense Forces")
    claims = {
        "m1": make_claim(8000, source=ministry, day=date(2023, 11, 1)),
        "m2": make_claim(9227, source=ministry, day=date(2023, 11, 3), qualifier="more_than"),
        "a1": make_claim(5000, source=army, day=date(2023, 11, 2)),
        "h": make_claim(240, category="hostages", noun="captives", source=army),
        "i": make_claim(1400, place="Israel"),
    }
    svc.figures_recompute()
    for c in claims.values():
        c.refresh_from_db()
    return {"ministry": ministry, "army": army, **claims}


def names(response) -> set[str]:
    assert response.status_code == 200, response.content
    return {f["name"] for f in response.json()["results"]}


def test_it_lists_figures_filterable_by_category_place_and_source(journalist_client, corpus):
    assert names(journalist_client.get("/api/v1/figures/")) == {
        "Killed in Gaza",
        "Hostages held in Gaza",
        "Killed in Israel",
    }
    assert names(journalist_client.get("/api/v1/figures/?category=hostages")) == {"Hostages held in Gaza"}
    assert names(journalist_client.get("/api/v1/figures/?place=Gaza+Strip")) == {
        "Killed in Gaza",
        "Hostages held in Gaza",
    }
    army = corpus["army"].pk
    assert names(journalist_client.get(f"/api/v1/figures/?source={army}")) == {
        "Killed in Gaza",
        "Hostages held in Gaza",
    }
    assert names(journalist_client.get("/api/v1/figures/?source=Gaza+Health+Ministry")) == {"Killed in Gaza"}


def test_a_figure_has_its_series_latest_values_and_flags(journalist_client, corpus):
    figure = corpus["m1"].figure
    body = journalist_client.get(f"/api/v1/figures/{figure.pk}/").json()
    series = {s["label"]: [p["claim"] for p in s["points"]] for s in body["series"]}
    assert series == {
        "Gaza Health Ministry": [corpus["m1"].pk, corpus["m2"].pk],
        "Israel Defense Forces": [corpus["a1"].pk],
    }
    point = body["series"][0]["points"][1]
    assert point["url"] == f"/articles/{corpus['m2'].article_id}/#claim-{corpus['m2'].pk}"
    assert point["qualifier"] == "more_than" and point["as_of"] == "2023-11-03"
    assert {(e["label"], e["text"]) for e in body["latest"]} == {
        ("Gaza Health Ministry", "more than 9,227"),
        ("Israel Defense Forces", "5,000"),
    }
    [flag] = body["flags"]
    assert flag["kind"] == "disagreement" and flag["status"] == "open"
    assert {c["id"] for c in flag["claims"]} == {corpus["m1"].pk, corpus["m2"].pk, corpus["a1"].pk}
    assert body["open_flags"] == 1

    only = journalist_client.get(f"/api/v1/figures/{figure.pk}/?source=Israel+Defense+Forces").json()
    assert [s["label"] for s in only["series"]] == ["Israel Defense Forces"]
    window = journalist_client.get(f"/api/v1/figures/{figure.pk}/?since=2023-11-02&until=2023-11-02").json()
    assert [p["claim"] for s in window["series"] for p in s["points"]] == [corpus["a1"].pk]
    assert journalist_client.get(f"/api/v1/figures/{figure.pk}/?since=yesterday").status_code == 400


def test_journalists_cannot_change_figures(journalist_client, corpus):
    figure = corpus["m1"].figure
    flag = FigureFlag.objects.get(figure=figure)
    assert (
        journalist_client.patch(
            f"/api/v1/figures/{figure.pk}/", {"name": "x"}, content_type="application/json"
        ).status_code
        == 403
    )
    r = journalist_client.post(f"/api/v1/figures/{figure.pk}/flags/{flag.pk}/dismiss/", {"reason": "no"})
    assert r.status_code == 403
    flag.refresh_from_db()
    assert flag.status == FlagStatus.OPEN


def test_editors_dismiss_rename_move_split_and_merge(editor_client, corpus):
    figure = corpus["m1"].figure
    flag = FigureFlag.objects.get(figure=figure)

    r = editor_client.post(f"/api/v1/figures/{figure.pk}/flags/{flag.pk}/dismiss/", {"reason": ""})
    assert r.status_code == 400
    r = editor_client.post(f"/api/v1/figures/{figure.pk}/flags/{flag.pk}/dismiss/", {"reason": "Known difference"})
    assert r.status_code == 200 and r.json()["status"] == "dismissed" and r.json()["dismissed_by"] == "ed"

    r = editor_client.patch(
        f"/api/v1/figures/{figure.pk}/", {"name": "Gaza death toll"}, content_type="application/json"
    )
    assert r.status_code == 200 and r.json()["name"] == "Gaza death toll"

    israel = corpus["i"].figure
    r = editor_client.post(
        f"/api/v1/figures/{figure.pk}/claims/", {"claims": [corpus["i"].pk]}, content_type="application/json"
    )
    assert r.status_code == 200 and r.json()["claim_count"] == 4
    assert NumericClaim.objects.get(pk=corpus["i"].pk).figure_locked

    r = editor_client.post(
        f"/api/v1/figures/{figure.pk}/split/",
        {"claims": [corpus["a1"].pk], "name": "Army count"},
        content_type="application/json",
    )
    assert r.status_code == 201
    new = r.json()
    assert new["name"] == "Army count" and new["claim_count"] == 1

    r = editor_client.post(f"/api/v1/figures/{new['id']}/merge/", {"into": figure.pk}, content_type="application/json")
    assert r.status_code == 200 and r.json()["id"] == figure.pk and r.json()["claim_count"] == 4
    assert Figure.objects.get(pk=new["id"]).merged_into_id == figure.pk
    assert israel.pk != figure.pk

    r = editor_client.post(
        f"/api/v1/figures/{figure.pk}/claims/", {"claims": [999999]}, content_type="application/json"
    )
    assert r.status_code == 400


def test_it_exports_the_filtered_figures_as_csv_and_json_lines(journalist_client, corpus):
    import csv
    import io
    import json

    response = journalist_client.get("/api/v1/figures/?format=csv&category=killed")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="figures.csv"'
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert {r["name"] for r in rows} == {"Killed in Gaza", "Killed in Israel"}
    gaza = next(r for r in rows if r["name"] == "Killed in Gaza")
    assert gaza["page"] == f"/figures/{gaza['slug']}/"
    response = journalist_client.get("/api/v1/figures/?format=jsonl&category=hostages")
    lines = b"".join(response.streaming_content).decode().splitlines()
    assert [json.loads(line)["name"] for line in lines] == ["Hostages held in Gaza"]
