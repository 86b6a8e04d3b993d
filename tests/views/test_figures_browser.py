"""In a real browser: a figure page shows its chart, a point per claim, and a point leads to the claim's span."""

from __future__ import annotations

from datetime import date

import pytest

from claims.services import figures as svc
from tests.browser import launch, log_in, needs_chromium
from tests.factories import ActorFactory, UserFactory

pytestmark = [
    *needs_chromium,
]


@pytest.fixture
def browser_page():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = launch(p)
        page = browser.new_page(viewport={"width": 1200, "height": 900})
        page.set_default_timeout(15_000)
        yield page
        browser.close()


def test_a_figure_page_charts_each_claim_and_a_point_opens_its_span(
    live_server, transactional_db, browser_page, make_claim
):
    ministry, army = ActorFactory(name="Gaza Health Ministry"), ActorFactory(name="Israel Defense Forces")
    claims = [
        make_claim(8000, source=ministry, day=date(2023, 11, 1)),
        make_claim(9227, source=ministry, day=date(2023, 11, 3), qualifier="more_than"),
        make_claim(5000, source=army, day=date(2023, 11, 2)),
        make_claim(8700, source=None, day=date(2023, 11, 4)),
    ]
    svc.figures_recompute()
    claims[0].refresh_from_db()
    figure = claims[0].figure
    UserFactory(username="reader", role="journalist")

    page = browser_page
    log_in(page, live_server.url, "reader", next_path=f"/figures/{figure.slug}/")

    chart = page.locator("svg.figure-chart")
    assert chart.is_visible()
    points = chart.locator("a.point circle")
    assert points.count() == len(claims)
    assert sorted(
        int(v) for v in chart.locator("a.point").evaluate_all("els => els.map(e => e.dataset.claimId)")
    ) == sorted(c.pk for c in claims)
    box = chart.bounding_box()
    for i in range(points.count()):  # every point is drawn inside the chart
        b = points.nth(i).bounding_box()
        assert box["x"] <= b["x"] and b["x"] + b["width"] <= box["x"] + box["width"] + 1
    assert page.locator("table.points tbody tr").count() == len(claims)

    target = claims[1]
    chart.locator(f'a.point[data-claim-id="{target.pk}"]').click()
    page.wait_for_url(f"**/articles/{target.article_id}/#claim-{target.pk}")
    assert page.url.endswith(f"/articles/{target.article_id}/#claim-{target.pk}")
    anchor = page.locator(f"#claim-{target.pk}")  # the article page marks the claim's span with this id
    anchor.wait_for(state="visible")
    assert "9,227" in anchor.inner_text()
    assert anchor.evaluate("el => el.matches(':target')")  # the highlighted element the link points at
