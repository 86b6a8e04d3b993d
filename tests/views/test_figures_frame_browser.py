"""In a real browser: an editor fixes one claim's place, and only that claim changes figure."""

from __future__ import annotations

import re
from datetime import date

import pytest

from claims.models import NumericClaim
from claims.services import figures as svc
from tests.browser import launch, log_in, needs_chromium
from tests.factories import UserFactory

pytestmark = [*needs_chromium]


@pytest.fixture
def browser_page():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = launch(p)
        page = browser.new_page(viewport={"width": 1200, "height": 900})
        page.set_default_timeout(15_000)
        yield page
        browser.close()


def test_an_editor_fixing_one_claims_place_moves_only_that_claim(
    live_server, transactional_db, browser_page, make_claim
):
    first = make_claim(8000, place="Gaza", day=date(2023, 11, 1))
    fixed = make_claim(300, place="Gaza", day=date(2023, 11, 2), article=first.article)
    third = make_claim(9227, place="Gaza", day=date(2023, 11, 3))
    svc.figures_recompute()
    for c in (first, fixed, third):
        c.refresh_from_db()
    figure = first.figure
    assert {fixed.figure_id, third.figure_id} == {figure.pk}
    UserFactory(username="ed", role="editor")

    page = browser_page
    log_in(page, live_server.url, "ed", next_path=f"/items/claim/{fixed.pk}/edit/")
    page.fill("#id_place", "Israel")
    page.click("button:has-text('Save correction')")
    page.wait_for_url(re.compile(r"/articles/"))

    # The next view of the old figure shows the change: two claims left, the fixed one gone.
    page.goto(f"{live_server.url}/figures/{figure.slug}/")
    rows = page.locator("table.points tbody tr")
    assert rows.count() == 2
    assert "300" not in page.inner_text("table.points")

    moved = NumericClaim.objects.get(pk=fixed.pk)
    assert moved.figure_id != figure.pk and moved.country_key == "israel"
    assert set(NumericClaim.objects.filter(pk__in=[first.pk, third.pk]).values_list("figure_id", flat=True)) == {
        figure.pk
    }
    page.goto(f"{live_server.url}/figures/claim/{moved.pk}/")
    assert page.locator("#figure-name").inner_text() == "People killed in Israel"
    assert page.locator("table.points tbody tr").count() == 1
