"""The figure pages: list, figure page with chart and table, downloads, and the editor's forms."""

from __future__ import annotations

import csv
import io
import re
from datetime import date

import pytest

from claims.models import Figure, FigureFlag, FlagStatus, NumericClaim
from claims.reads import figures as timelines
from claims.services import figures as svc
from tests.factories import ActorFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def gaza(make_claim):
    ministry, army = ActorFactory(name="Gaza Health Ministry"), ActorFactory(name="Israel Defense Forces")
    claims = [
        make_claim(8000, source=ministry, day=date(2023, 11, 1)),
        make_claim(9227, source=ministry, day=date(2023, 11, 3), qualifier="more_than"),
        make_claim(5000, source=army, day=date(2023, 11, 2), value_max=6000),
        make_claim(8700, source=None, day=date(2023, 11, 2)),
    ]
    svc.figures_recompute()
    claims[0].refresh_from_db()
    return claims[0].figure, claims


def test_it_lists_figures_with_their_latest_values(journalist_client, gaza):
    figure, _claims = gaza
    body = journalist_client.get("/figures/").content.decode()
    assert f'href="/figures/{figure.slug}/"' in body
    assert "more than 9,227" in body and "Gaza Health Ministry" in body


def test_the_list_filters_by_category_place_and_source(journalist_client, gaza, make_claim):
    _figure, _ = gaza
    make_claim(240, category="hostages", noun="captives", place="Gaza")
    make_claim(1400, place="Israel")
    svc.figures_recompute()

    def names(query: str) -> set[str]:
        body = journalist_client.get(f"/figures/?{query}").content.decode()
        return set(re.findall(r'<td><a href="/figures/[^"]+/">([^<]+)</a>', body))

    assert names("category=hostages") == {"Hostages held in Gaza"}
    assert names("place=the+Gaza+Strip") == {"Killed in Gaza", "Hostages held in Gaza"}
    assert names("source=Israel+Defense+Forces") == {"Killed in Gaza"}
    assert names("") == {"Killed in Gaza", "Hostages held in Gaza", "Killed in Israel"}


def test_the_figure_page_draws_a_point_per_claim_linked_to_its_span(journalist_client, gaza):
    figure, claims = gaza
    body = journalist_client.get(f"/figures/{figure.slug}/").content.decode()
    for claim in claims:
        assert (
            f'<a href="/articles/{claim.article_id}/#claim-{claim.pk}" class="point" data-claim-id="{claim.pk}">'
            in body
        )
    assert body.count('class="point"') == 4
    assert body.count('<g class="series"') == 3
    assert "Gaza Health Ministry" in body and "(own account)" in body
    assert "5,000–6,000" in body  # a range, in the table


def test_the_csv_holds_every_claim(journalist_client, gaza):
    figure, claims = gaza
    response = journalist_client.get(f"/figures/{figure.slug}.csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert sorted(int(r["claim_id"]) for r in rows) == sorted(c.pk for c in claims)
    first = next(r for r in rows if int(r["claim_id"]) == claims[1].pk)
    assert first["value"] == "9227" and first["qualifier"] == "more_than" and first["source"] == "Gaza Health Ministry"
    assert first["url"].endswith(f"/articles/{claims[1].article_id}/#claim-{claims[1].pk}")


def test_the_png_is_a_picture_of_the_chart(journalist_client, gaza):
    from PIL import Image

    figure, _ = gaza
    response = journalist_client.get(f"/figures/{figure.slug}/chart.png")
    assert response["Content-Type"] == "image/png"
    image = Image.open(io.BytesIO(response.content))
    assert image.size[0] >= 880
    colours = {c for _, c in image.convert("RGB").getcolors(1_000_000)}
    assert (0x0B, 0x5C, 0xAD) in colours  # the first series' colour is drawn


def test_an_editor_dismisses_a_flag_with_a_reason(editor_client, editor, make_claim):
    ministry, army = ActorFactory(name="Ministry"), ActorFactory(name="Army")
    a = make_claim(9227, source=ministry)
    make_claim(4000, source=army)
    svc.figures_recompute()
    figure = Figure.objects.get(pk=NumericClaim.objects.get(pk=a.pk).figure_id)
    flag = FigureFlag.objects.get(figure=figure)
    page = editor_client.get(f"/figures/{figure.slug}/").content.decode()
    assert "Sources disagree" in page and f"/figures/{figure.slug}/flags/{flag.pk}/" in page

    editor_client.post(f"/figures/{figure.slug}/flags/{flag.pk}/", {"reason": ""})
    flag.refresh_from_db()
    assert flag.status == FlagStatus.OPEN

    editor_client.post(f"/figures/{figure.slug}/flags/{flag.pk}/", {"reason": "Different counting rules"})
    flag.refresh_from_db()
    assert flag.status == FlagStatus.DISMISSED and flag.dismissed_by == editor


def test_journalists_see_no_editor_tools_and_cannot_post(journalist_client, gaza):
    figure, _claims = gaza
    body = journalist_client.get(f"/figures/{figure.slug}/").content.decode()
    assert "Split off" not in body and "Merge this figure" not in body
    response = journalist_client.post(f"/figures/{figure.slug}/rename/", {"name": "Mine"})
    assert response.status_code == 403
    figure.refresh_from_db()
    assert figure.name == "Killed in Gaza"


def test_an_editor_splits_moves_renames_and_merges_from_the_page(editor_client, gaza, make_claim):
    figure, claims = gaza
    other = make_claim(40, noun="Palestinians")
    svc.figures_recompute()
    other.refresh_from_db()
    palestinians = other.figure

    r = editor_client.post(
        f"/figures/{figure.slug}/claims/", {"claims": [claims[3].pk], "action": "split", "name": "Outlets' own count"}
    )
    new = Figure.objects.get(name="Outlets' own count")
    assert r["Location"] == f"/figures/{new.slug}/"
    assert NumericClaim.objects.get(pk=claims[3].pk).figure == new

    editor_client.post(
        f"/figures/{new.slug}/claims/", {"claims": [claims[3].pk], "action": "move", "target": figure.slug}
    )
    assert NumericClaim.objects.get(pk=claims[3].pk).figure == figure

    editor_client.post(f"/figures/{figure.slug}/rename/", {"name": "Gaza death toll", "cumulative": "on"})
    figure.refresh_from_db()
    assert figure.name == "Gaza death toll" and figure.renamed and figure.cumulative

    r = editor_client.post(f"/figures/{palestinians.slug}/merge/", {"target": figure.slug})
    assert r["Location"] == f"/figures/{figure.slug}/"
    assert editor_client.get(f"/figures/{palestinians.slug}/")["Location"] == f"/figures/{figure.slug}/"
    assert NumericClaim.objects.get(pk=other.pk).figure == figure


def test_a_claim_leads_to_its_figure(journalist_client, gaza):
    figure, claims = gaza
    assert journalist_client.get(f"/figures/claim/{claims[0].pk}/")["Location"] == f"/figures/{figure.slug}/"


def test_anonymous_visitors_are_sent_to_log_in(client, gaza):
    figure, _ = gaza
    response = client.get(f"/figures/{figure.slug}/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_start_page_block_shows_each_figures_latest_value_by_source(rf, journalist, gaza):
    from django.template.loader import render_to_string

    _figure, claims = gaza
    request = rf.get("/")
    request.user = journalist
    html = render_to_string(
        "claims/figures/_latest.html", {"start_figures": timelines.start_page_figures(user=journalist)}, request=request
    )
    assert "Killed in Gaza" in html
    assert re.search(r"more than 9,227</strong></a>, Gaza Health Ministry, <time[^>]*>3 Nov 2023</time>", html)
    assert f'href="/articles/{claims[1].article_id}/#claim-{claims[1].pk}"' in html


def test_a_large_figure_is_drawn_one_point_per_source_and_week(journalist_client, make_claim, monkeypatch):
    from claims.reads.chart import figure_chart

    monkeypatch.setattr(timelines, "CHART_RAW_LIMIT", 3)
    ministry = ActorFactory(name="Ministry")
    weeks = [date(2023, 11, 6), date(2023, 11, 13), date(2023, 11, 20)]  # Mondays
    highest = []
    for week in weeks:
        made = [
            make_claim(v, source=ministry, day=week.replace(day=week.day + d))
            for d, v in [(0, 100), (2, 300), (4, 200)]
        ]
        highest.append(made[1])
    svc.figures_recompute()
    highest[0].refresh_from_db()
    figure = highest[0].figure

    chart = figure_chart(figure)
    [series] = chart.series
    assert [p.claim_id for p in series.points] == [c.pk for c in highest]
    assert [p.claims for p in series.points] == [3, 3, 3]
    assert chart.n_claims == 9 and "3 points stand for 9 claims" in chart.note
    body = journalist_client.get(f"/figures/{figure.slug}/").content.decode()
    assert body.count('class="point"') == 3
    assert body.count('<tr id="point-') == 9  # the table still lists every claim
    svc.figure_rename(figure=figure, name="Ministry toll", user=None)  # the cached drawing follows
    body = journalist_client.get(f"/figures/{figure.slug}/").content.decode()
    assert 'aria-label="Ministry toll"' in body and body.count('class="point"') == 3

    Figure.objects.filter(pk=figure.pk).update(chart={})  # never refreshed: thinned in SQL instead
    figure.refresh_from_db()
    [series] = figure_chart(figure).series
    assert [(p.claim_id, p.claims) for p in series.points] == [(c.pk, 3) for c in highest]


def test_the_csv_does_not_hand_spreadsheets_a_formula(journalist_client, make_claim):
    claim = make_claim(9227, source=ActorFactory(name="=HYPERLINK('http://evil.example')"))
    svc.figures_recompute()
    claim.refresh_from_db()
    rows = list(
        csv.DictReader(io.StringIO(journalist_client.get(f"/figures/{claim.figure.slug}.csv").content.decode()))
    )
    assert rows[0]["source"] == "'=HYPERLINK('http://evil.example')"
