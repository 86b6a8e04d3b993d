"""In a real browser: a statement's versions side by side, differences marked, one verified (issue 18)."""

from __future__ import annotations

import pytest

from claims.models import Statement
from tests.browser import launch, log_in, needs_chromium
from tests.drift import drift_articles, quote_of
from tests.factories import UserFactory

pytestmark = [*needs_chromium]


@pytest.fixture
def browser_page():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = launch(p)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.set_default_timeout(15_000)
        yield page
        browser.close()


def test_an_editor_compares_the_versions_and_verifies_one(live_server, transactional_db, browser_page):
    ledger, harbour, evening, wire = drift_articles()  # autocommit: grouped as extraction commits
    statement = Statement.objects.get()
    UserFactory(username="desk", role="editor")
    page = browser_page
    log_in(page, live_server.url, "desk", next_path=f"/statements/{statement.pk}/")

    assert "Morning Ledger" in page.locator("#first-publisher").inner_text()
    cards = page.locator("article.version")
    assert cards.count() == 4
    first, second = cards.nth(0).bounding_box(), cards.nth(1).bounding_box()
    assert abs(first["y"] - second["y"]) < 2 and second["x"] > first["x"] + first["width"]  # side by side

    flipped = page.locator(f"#version-{quote_of(evening).pk}")
    assert flipped.locator("del").first.inner_text() == "never"
    assert flipped.locator("ins").first.inner_text() == "soon"
    assert "meaning: negation" in flipped.locator(".tag-meaning").inner_text()
    assert "credited to Omar Haddad" in page.locator(f"#version-{quote_of(wire).pk} .tag-speaker").inner_text()

    trimmed = page.locator(f"#version-{quote_of(harbour).pk}")
    trimmed.locator("input[name=source_url]").fill("https://interior.example/briefing")
    trimmed.locator("button:has-text('Mark verified')").click()
    page.wait_for_selector("#verified")
    assert page.locator(f"#version-{quote_of(harbour).pk} .tag-verified").is_visible()
    assert page.locator(f"#version-{quote_of(ledger).pk}").get_attribute("data-kind") == "trimmed"
    page.click(f"#version-{quote_of(ledger).pk} a[href*='#quote-']")
    page.wait_for_url(f"**/articles/{ledger.pk}/#quote-{quote_of(ledger).pk}")
