"""Screenshots of the main pages for the README, on the demo corpus as the engine extracts it.

Writes PNGs under docs/screenshots/ only when NEWSCLAIMS_SCREENSHOTS=1:

    NEWSCLAIMS_SCREENSHOTS=1 .venv/bin/python -m pytest tests/views/test_screenshots.py
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.browser import launch, log_in, needs_chromium, wait_until

OUT = Path(__file__).resolve().parents[2] / "docs" / "screenshots"

pytestmark = [
    *needs_chromium,
    pytest.mark.skipif(os.environ.get("NEWSCLAIMS_SCREENSHOTS") != "1", reason="set NEWSCLAIMS_SCREENSHOTS=1"),
]


def test_it_saves_screenshots_of_the_main_pages(live_server, editor, transactional_db):
    from django.core.management import call_command
    from playwright.sync_api import sync_playwright

    from claims.models import Actor, Article, NumericClaim, ReviewStatus
    from claims.services.review import claim_correct, item_review

    call_command("load_demo", "--no-users", verbosity=0)
    claims = list(NumericClaim.objects.order_by("id"))
    assert claims, "the demo corpus produced no claims"
    for claim in claims[:3]:
        item_review(item=claim, user=editor, version=claim.version, status=ReviewStatus.VERIFIED)
    corrected = claims[3] if len(claims) > 3 else claims[0]
    corrected = claim_correct(claim=corrected, user=editor, version=None, value=corrected.value + 1)
    richest = max(Article.objects.all(), key=lambda a: a.claims.count() + a.quotes.count() + a.mentions.count())
    actor = max(Actor.objects.all(), key=lambda a: a.quotes.count() * 3 + a.sourced_claims.count() + a.mentions.count())
    OUT.mkdir(parents=True, exist_ok=True)

    with sync_playwright() as p:
        browser = launch(p)
        context = browser.new_context(viewport={"width": 1360, "height": 900}, device_scale_factor=1)
        page = context.new_page()
        page.goto(f"{live_server.url}/accounts/login/")
        page.screenshot(path=OUT / "login.png")
        log_in(page, live_server.url, editor.username)

        def shot(path: str, name: str, full: bool = True) -> None:
            page.goto(f"{live_server.url}{path}")
            page.wait_for_load_state("networkidle")
            page.screenshot(path=OUT / name, full_page=full)

        shot("/", "start.png")
        shot("/claims/", "claims-browser.png", full=False)
        shot("/claims/?category=killed&sort=value", "claims-filtered.png", full=False)
        shot("/quotes/", "quotes-browser.png", full=False)
        shot(f"/articles/{richest.pk}/", "article.png", full=False)
        first_claim = richest.claims.order_by("start").first()
        if first_claim:
            page.click(f"#claim-{first_claim.pk}")
            page.screenshot(path=OUT / "article-detail.png")
        shot(f"/actors/{actor.pk}/", "actor.png")
        shot("/actors/?sort=quotes", "actors.png", full=False)
        shot("/review/", "review-queue.png", full=False)
        shot(f"/items/claim/{corrected.pk}/history/", "history.png")
        # Issue 18: quote drift and the engine's accuracy.
        from claims.models import Statement

        statement = Statement.objects.order_by("-quote_count", "id").first()
        if statement is not None:
            shot(f"/statements/{statement.pk}/", "statement.png")
        shot("/accuracy/", "accuracy.png")

        # The edit conflict, as the second editor sees it.
        target = claims[-1]
        page.goto(f"{live_server.url}/items/claim/{target.pk}/edit/")
        claim_correct(claim=target, user=editor, version=target.version, value=target.value + 5)
        page.fill("#id_value", str(target.value + 7))
        page.click("button:has-text('Save correction')")
        page.wait_for_selector("#conflict")
        page.screenshot(path=OUT / "edit-conflict.png", full_page=True)

        phone = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2)
        phone.add_cookies(context.cookies())
        page = phone.new_page()
        shot(f"/articles/{richest.pk}/", "phone-article.png", full=False)
        # A tapped highlight: its details in a bottom sheet, the highlight kept in view above it.
        mark = page.locator("#article-text mark.hl-claim[id]").nth(1)
        mark.click()
        wait_until(
            page, "Math.abs(document.getElementById('detail').getBoundingClientRect().bottom - window.innerHeight) < 2"
        )
        page.screenshot(path=OUT / "phone-article-sheet.png")
        shot("/claims/", "phone-claims.png", full=False)
        browser.close()
    assert (OUT / "article.png").stat().st_size > 10_000
