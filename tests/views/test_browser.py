"""The site in a real browser (Debian's chromium through Playwright) against a live server."""

from __future__ import annotations

import re

import pytest

from claims.models import NumericClaim, Quote
from tests.browser import launch, log_in, needs_chromium, select_text, wait_until

pytestmark = [
    *needs_chromium,
]


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = launch(p)
        yield browser
        browser.close()


@pytest.fixture
def open_page(browser, live_server, transactional_db):
    """A new browser page logged in as the given user.

    It asks for the database itself so that its pages close before the database is flushed:
    a request still in flight (the favicon after the last page) would otherwise lock a table
    that the flush empties.
    """
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


def test_an_editor_filters_opens_an_article_corrects_a_claim_and_sees_the_history(
    open_page, live_server, editor, corpus, transactional_db
):
    page = open_page(editor)
    page.click("nav >> text=Claims")
    page.wait_for_url(re.compile(r"/claims/$"))
    assert page.locator("tbody tr").count() == 9

    page.click(".facet a:has-text('Killed')")  # htmx swaps the results and pushes the URL
    page.wait_for_url(re.compile(r"category=killed"))
    wait_until(page, "document.querySelectorAll('tbody tr').length === 3")
    assert set(page.locator("tbody .cat").all_inner_texts()) == {"Killed"}
    assert page.locator(".facet .sel").count() == 1

    page.fill("#q", "hospitals")
    page.wait_for_url(re.compile(r"q=hospitals"))

    article = corpus["articles"][0]
    claim = NumericClaim.objects.get(article=article, category="killed")
    page.goto(f"{live_server.url}/articles/{article.pk}/#claim-{claim.pk}")
    assert page.locator("#article-text mark.hl-claim[id]").count() == 3
    assert page.locator("#article-text mark.hl-quote[id]").count() == 1
    assert page.locator("#article-text mark.hl-mention[id]").count() >= 2
    page.click(f"#quote-{Quote.objects.get(article=article).pk}")
    page.wait_for_selector("#detail .summary")
    assert "The hospitals cannot cope" in page.inner_text("#detail")

    page.click(f"#item-claim-{claim.pk} [data-action=edit]")
    page.fill("#id_value", "125")
    page.select_option("#id_qualifier", "more_than")
    page.click("button:has-text('Save correction')")
    page.wait_for_url(re.compile(rf"/articles/{article.pk}/#claim-{claim.pk}"))
    assert "more than 125" in page.inner_text(f"#item-claim-{claim.pk}")

    page.goto(f"{live_server.url}/items/claim/{claim.pk}/history/")
    history = page.inner_text(".history")
    assert "ed" in history and "120" in history and "125" in history and "more than" in history
    assert "120.0000" not in history and "more_than" not in history  # numbers and labels as people write them


def test_an_editor_verifies_from_the_review_queue_with_one_keystroke(open_page, editor, corpus, transactional_db):
    page = open_page(editor)
    page.click("nav >> text=Review")
    first = page.locator(".queue-item").first
    kind, pk = first.get_attribute("id").split("-")[1:]
    assert "12" in page.inner_text("#progress")

    page.keyboard.press("v")

    page.wait_for_selector(f"#actions-{kind}-{pk}[data-status=verified]")
    wait_until(page, "document.querySelector('#progress').innerText.includes('1 reviewed by you today')")
    model = NumericClaim if kind == "claim" else Quote
    assert model.objects.get(pk=pk).status == "verified"
    # The focus moved on: the next keystroke rejects the second item.
    second = page.locator(".queue-item").nth(1)
    kind2, pk2 = second.get_attribute("id").split("-")[1:]
    page.keyboard.press("r")
    page.wait_for_selector(f"#actions-{kind2}-{pk2}[data-status=rejected]")


def test_two_editors_saving_one_claim_the_second_sees_both_versions(
    open_page, live_server, editor, corpus, transactional_db
):
    from tests.factories import UserFactory

    other = UserFactory(username="ann", role="editor")
    claim = NumericClaim.objects.filter(category="injured").first()
    url = f"{live_server.url}/items/claim/{claim.pk}/edit/"
    first, second = open_page(editor), open_page(other)
    first.goto(url)
    second.goto(url)

    first.fill("#id_value", "390")
    first.click("button:has-text('Save correction')")
    first.wait_for_url(re.compile(r"/articles/"))

    second.fill("#id_value", "400")
    second.fill("#id_noun", "wounded people")
    second.click("button:has-text('Save correction')")

    second.wait_for_selector("#conflict")
    assert "Someone else saved this claim" in second.inner_text("#conflict")
    assert "390" in second.inner_text("#conflict")
    assert second.input_value("#id_value") == "400" and second.input_value("#id_noun") == "wounded people"
    claim.refresh_from_db()
    assert claim.value == 390
    second.click("button:has-text('Save mine over theirs')")
    second.wait_for_url(re.compile(r"/articles/"))
    claim.refresh_from_db()
    assert claim.value == 400 and claim.version == 3


def test_an_editor_adds_a_claim_by_selecting_text(open_page, live_server, editor, corpus, transactional_db):
    article = corpus["articles"][1]
    page = open_page(editor)
    page.goto(f"{live_server.url}/articles/{article.pk}/")
    select_text(page, "article-text", "Update 1")
    page.wait_for_selector("#add-panel:not([hidden])")
    assert page.inner_text("#add-selected") == "Update 1"
    page.select_option("#add-claim-category", "other")
    page.click("button:has-text('Add claim')")
    page.wait_for_url(re.compile(r"#claim-\d+$"))
    added = NumericClaim.objects.get(origin="editor")
    assert added.span == "Update 1" and added.value == 1
    assert page.locator(f"#claim-{added.pk}").count() == 1


def test_a_journalist_finds_no_editing_controls(open_page, live_server, journalist, corpus, transactional_db):
    page = open_page(journalist)
    assert page.locator("nav >> text=Review").count() == 0
    assert page.locator("form[action='/ingest/']").count() == 0
    page.goto(f"{live_server.url}/claims/")
    assert page.locator(".edit-link").count() == 0
    article = corpus["articles"][0]
    page.goto(f"{live_server.url}/articles/{article.pk}/")
    assert page.locator("#article-text mark.hl-claim[id]").count() == 3
    assert page.locator("[data-action]").count() == 0 and page.locator("#add-panel").count() == 0
    page.goto(f"{live_server.url}/actors/{corpus['qudra'].pk}/")
    assert page.locator(".actor-edit").count() == 0
    response = page.goto(f"{live_server.url}/review/")
    assert response.status == 403
