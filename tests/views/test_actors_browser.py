"""People and organisations and the phone layout, in Debian's chromium against a live server."""

from __future__ import annotations

import re

import pytest

from claims.models import Actor, ActorMerge, Quote
from tests.browser import launch, log_in, needs_chromium, wait_until
from tests.factories import ActorFactory, QuoteFactory

pytestmark = [*needs_chromium]

PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = launch(p)
        yield browser
        browser.close()


@pytest.fixture
def open_page(browser, live_server, transactional_db):
    contexts = []

    def _open(user, viewport=None):
        context = browser.new_context(viewport=viewport or {"width": 1360, "height": 900})
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(10_000)
        log_in(page, live_server.url, user.username)
        return page

    yield _open
    for context in contexts:
        context.close()


def test_an_editor_finds_a_duplicate_previews_the_merge_confirms_and_undoes_it(
    open_page, live_server, editor, corpus, transactional_db
):
    qudra = corpus["qudra"]
    duplicate = ActorFactory(name="Dr Qudra")
    QuoteFactory(speaker=duplicate)
    page = open_page(editor)
    page.click("nav >> text=People")
    page.wait_for_url(re.compile(r"/actors/$"))
    assert "same surname" in page.inner_text(".suggestions")

    page.goto(f"{live_server.url}/actors/{qudra.pk}/")
    page.fill("#merge-q", "dr qud")  # htmx asks the search endpoint as one types
    page.click(f"#merge-results a[href$='?source={duplicate.pk}']")
    page.wait_for_url(re.compile(rf"/actors/{qudra.pk}/merge/\?source={duplicate.pk}"))
    assert re.search(r"\b1\s+quote\b", page.inner_text(".merge-preview"))
    page.click("button:has-text('Merge Dr Qudra into Ashraf al-Qudra')")
    page.wait_for_url(re.compile(rf"/actors/{qudra.pk}/$"))
    assert Actor.objects.get(pk=duplicate.pk).merged_into_id == qudra.pk

    page.click("button:has-text('Undo')")
    page.wait_for_url(re.compile(rf"/actors/{duplicate.pk}/$"))
    assert Actor.objects.get(pk=duplicate.pk).merged_into_id is None
    assert ActorMerge.objects.get().undone_by == editor
    page.goto(f"{live_server.url}/actors/{duplicate.pk}/history/")
    assert "merged into Ashraf al-Qudra" in page.inner_text(".history")


def test_the_quote_editor_searches_every_actor_and_creates_one_in_place(
    open_page, live_server, editor, corpus, transactional_db
):
    quote = Quote.objects.filter(article=corpus["articles"][0]).first()
    page = open_page(editor)
    page.goto(f"{live_server.url}/items/quote/{quote.pk}/edit/")
    page.fill("#id_speaker", "Nadia Kamal")
    page.click("#id_speaker_results button:has-text('person')")  # "Create “Nadia Kamal” as person"
    page.wait_for_selector("#id_speaker_results .picker-chosen")
    page.click("button:has-text('Save correction')")
    page.wait_for_url(re.compile(rf"/articles/{quote.article_id}/"))
    quote.refresh_from_db()
    assert quote.speaker.name == "Nadia Kamal"

    page.goto(f"{live_server.url}/items/quote/{quote.pk}/edit/")
    page.fill("#id_speaker", "united")  # an actor of any article, not only this one's
    page.click("#id_speaker_results [data-pick]:has-text('United Nations')")
    page.click("button:has-text('Save correction')")
    page.wait_for_url(re.compile(rf"/articles/{quote.article_id}/"))
    quote.refresh_from_db()
    assert quote.speaker == corpus["un"]


def _no_sideways_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_at_390_px_a_tapped_highlight_opens_a_sheet_in_view_and_lists_are_cards(
    open_page, live_server, editor, corpus, transactional_db
):
    from claims.services.figures import claims_group, figures_recompute

    claims_group()
    figures_recompute()
    page = open_page(editor, viewport=PHONE)
    article = corpus["articles"][0]
    page.goto(f"{live_server.url}/articles/{article.pk}/")
    assert _no_sideways_scroll(page)
    mark = page.locator("#article-text mark.hl-claim[id]").last
    mark.click()
    sheet = page.locator("#detail.sheet-open")
    sheet.wait_for()
    # It slides up (a short transition): wait until it rests on the bottom edge.
    wait_until(
        page, "Math.abs(document.getElementById('detail').getBoundingClientRect().bottom - window.innerHeight) < 2"
    )
    box, viewport = sheet.bounding_box(), page.viewport_size
    assert box["y"] + box["height"] <= viewport["height"] + 1 and box["y"] > viewport["height"] / 3  # at the bottom
    mark_box = mark.bounding_box()
    assert mark_box["y"] >= 0 and mark_box["y"] + mark_box["height"] <= box["y"]  # the highlight stays visible
    page.click("#detail .sheet-close")
    page.wait_for_selector("#detail.sheet-open", state="detached")

    for path in ["/claims/", "/quotes/", "/actors/", "/figures/"]:
        page.goto(f"{live_server.url}{path}")
        assert _no_sideways_scroll(page), path
    page.goto(f"{live_server.url}/claims/")
    row = page.locator("table.claims-table tbody tr").first
    assert row.evaluate("el => getComputedStyle(el).display") == "block"  # a card, not a table row
    assert page.locator("table.claims-table thead").is_hidden()

    from claims.models import Figure

    figure = Figure.objects.canonical().order_by("-claim_count").first()
    page.goto(f"{live_server.url}/figures/{figure.slug}/")
    assert _no_sideways_scroll(page)
    chart = page.locator("svg.figure-chart")
    if chart.count():
        assert chart.bounding_box()["width"] <= PHONE["width"]

    for link in page.locator(".topbar nav a").all():  # every menu item on screen, none scrolled away
        box = link.bounding_box()
        assert link.is_visible() and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
