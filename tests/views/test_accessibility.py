"""Accessibility: axe-core (from the npm registry, tests/tools) finds no serious or critical
violation on any page, logged out, as a journalist and as an editor, wide and at 390 px.

axe-core is installed by ``make test-tools`` (npm ci in tests/tools) and injected from the disk
into each page by Playwright; nothing is fetched at run time.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.browser import launch, log_in, needs_chromium

AXE = Path(__file__).resolve().parents[1] / "tools" / "node_modules" / "axe-core" / "axe.min.js"

pytestmark = [
    *needs_chromium,
    pytest.mark.skipif(not AXE.exists(), reason="run `make test-tools` (npm ci in tests/tools) for axe-core"),
]

BLOCKING = {"serious", "critical"}


def violations(page: Any) -> list[str]:
    """The serious and critical axe violations of the page as loaded, one line each."""
    # Through the DevTools protocol, not a <script> tag: the site's CSP (script-src 'self') refuses
    # inline scripts, and must stay on while the pages are checked.
    page.evaluate(AXE.read_text(encoding="utf-8"))
    found = page.evaluate("async () => (await axe.run(document, {resultTypes: ['violations']})).violations")
    out = []
    for v in found:
        if v["impact"] in BLOCKING:
            targets = "; ".join(" ".join(node["target"]) for node in v["nodes"][:4])
            out.append(f"{v['id']} ({v['impact']}, {len(v['nodes'])}): {v['help']} at {targets}")
    return out


@pytest.fixture
def demo(transactional_db, editor):
    """The demo corpus as the engine extracts it, one actor merge, one conflict-free edit."""
    from django.core.management import call_command

    from claims.models import Actor, Article, Figure, IngestJob, NumericClaim
    from claims.services.actors import actors_merge

    call_command("load_demo", "--no-users", verbosity=0)
    article = max(Article.objects.all(), key=lambda a: a.claims.count() + a.quotes.count())
    actors = list(Actor.objects.canonical().order_by("id")[:3])
    merge = actors_merge(source=actors[2], target=actors[1], user=editor)
    return {
        "article": article,
        "actor": actors[0],
        "merged": merge.target,
        "claim": NumericClaim.objects.filter(article=article).first(),
        "quote": article.quotes.first(),
        "figure": Figure.objects.canonical().order_by("-claim_count").first(),
        "job": IngestJob.objects.create(kind="url", label="https://example.org/a", created_by=editor),
    }


def editor_pages(d: dict[str, Any]) -> list[str]:
    pages = [
        "/",
        "/claims/",
        "/claims/?q=killed+OR+hostages&category=killed",
        "/quotes/",
        f"/articles/{d['article'].pk}/",
        "/actors/",
        f"/actors/{d['actor'].pk}/",
        f"/actors/{d['merged'].pk}/",
        f"/actors/{d['merged'].pk}/history/",
        f"/actors/{d['actor'].pk}/merge/?q=a",
        f"/actors/{d['actor'].pk}/merge/?source={d['merged'].pk}",
        "/figures/",
        "/review/",
        f"/items/claim/{d['claim'].pk}/edit/",
        f"/items/claim/{d['claim'].pk}/history/",
        "/ingest/",
        "/ingest/feeds/",
        f"/ingest/jobs/{d['job'].pk}/",
        "/api/v1/tokens/",
    ]
    if d["quote"] is not None:
        pages.append(f"/items/quote/{d['quote'].pk}/edit/")
    if d["figure"] is not None:
        pages.append(f"/figures/{d['figure'].slug}/")
    return pages


def test_no_page_has_a_serious_or_critical_accessibility_violation(live_server, demo, editor, journalist):
    from playwright.sync_api import sync_playwright

    problems: list[str] = []
    with sync_playwright() as p:
        browser = launch(p)
        try:
            for viewport in ({"width": 1360, "height": 900}, {"width": 390, "height": 844}):
                anonymous = browser.new_context(viewport=viewport).new_page()
                for path in ["/accounts/login/", "/", "/claims/"]:
                    anonymous.goto(f"{live_server.url}{path}")
                    problems += [f"logged out {viewport['width']}px {path}: {v}" for v in violations(anonymous)]
                for user, paths in (
                    (journalist, ["/", "/claims/", "/quotes/", f"/articles/{demo['article'].pk}/", "/actors/"]),
                    (editor, editor_pages(demo)),
                ):
                    page = browser.new_context(viewport=viewport).new_page()
                    log_in(page, live_server.url, user.username)
                    for path in paths:
                        response = page.goto(f"{live_server.url}{path}")
                        assert response is not None and response.status < 400, (path, response and response.status)
                        page.wait_for_load_state("networkidle")
                        found = violations(page)
                        problems += [f"{user.username} {viewport['width']}px {path}: {v}" for v in found]
                    page.context.close()
        finally:
            browser.close()
    assert not problems, "\n".join(problems)
