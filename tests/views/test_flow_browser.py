"""Issue 13's review and ingest flows in a real browser (Debian's chromium through Playwright):
two editors racing on Verify and on the queue keys, reasons, notes, bulk review, context, Edit's
way back, spans by selection, the start page's ingest, a job's live item list, error pages."""

from __future__ import annotations

import re

import pytest

from claims.models import IngestItem, NumericClaim, Quote
from claims.services.ingest import ingest_item_process
from tests.browser import launch, log_in, needs_chromium, select_text, wait_until

pytestmark = [*needs_chromium]


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

    def _open(user):
        context = browser.new_context(viewport={"width": 1360, "height": 900})
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(10_000)
        log_in(page, live_server.url, user.username)
        return page

    yield _open
    for context in contexts:
        context.close()


@pytest.fixture
def other_editor(transactional_db):
    from tests.factories import UserFactory

    return UserFactory(username="ann", role="editor")


def test_two_editors_racing_on_verify_the_second_sees_the_conflict_in_place(
    open_page, live_server, editor, other_editor, corpus
):
    article = corpus["articles"][0]
    claim = NumericClaim.objects.get(article=article, category="killed")
    first, second = open_page(editor), open_page(other_editor)
    for page in (first, second):
        page.goto(f"{live_server.url}/articles/{article.pk}/")
    first.click(f"#actions-claim-{claim.pk} [data-action=reject]")
    first.wait_for_selector(f"#actions-claim-{claim.pk}[data-status=rejected]")

    second.click(f"#actions-claim-{claim.pk} [data-action=verify]")
    note = second.wait_for_selector(f"#actions-claim-{claim.pk} .conflict-note")
    assert "It is now rejected by ed (version 2)" in note.inner_text()
    assert second.get_attribute(f"#actions-claim-{claim.pk}", "data-status") == "rejected"
    claim.refresh_from_db()
    assert claim.status == "rejected"

    second.click(f"#actions-claim-{claim.pk} button.again")  # apply one's action again, knowingly
    second.wait_for_selector(f"#actions-claim-{claim.pk}[data-status=verified]")
    claim.refresh_from_db()
    assert claim.status == "verified" and claim.version == 3 and claim.reviewed_by == other_editor


def test_two_editors_racing_on_the_queue_keys_the_loser_is_not_dimmed(
    open_page, live_server, editor, other_editor, corpus
):
    first, second = open_page(editor), open_page(other_editor)
    for page in (first, second):
        page.goto(f"{live_server.url}/review/")
    top = second.locator(".queue-item").first.get_attribute("id")
    kind, pk = top.split("-")[1:]
    first.keyboard.press("r")  # the first editor rejects the top item
    first.wait_for_selector(f"#actions-{kind}-{pk}[data-status=rejected]")

    second.keyboard.press("v")  # the second, on a stale page, verifies it
    second.wait_for_selector(f"#{top} .conflict-note")
    assert "rejected" in second.inner_text(f"#{top} .conflict-note")
    assert "acted" not in second.get_attribute(f"#{top}", "class")
    assert second.evaluate(f"getComputedStyle(document.getElementById('{top}')).opacity") == "1"
    model = NumericClaim if kind == "claim" else Quote
    assert model.objects.get(pk=pk).status == "rejected"

    # A success is dimmed: the focus moved to the next item, which 'v' verifies.
    nxt = second.locator(".queue-item").nth(1).get_attribute("id")
    second.keyboard.press("v")
    second.wait_for_selector(f"#{nxt} .actions[data-status=verified]")
    wait_until(second, f"document.getElementById('{nxt}').classList.contains('acted')")


def test_one_click_without_a_version_is_refused(open_page, live_server, editor, corpus):
    page = open_page(editor)
    claim = NumericClaim.objects.filter(category="killed").first()
    page.goto(f"{live_server.url}/review/")
    answer = page.evaluate(
        """async (url) => {
            const token = document.querySelector('[name=csrfmiddlewaretoken]').value;
            const body = new URLSearchParams({version: 'abc'});
            const r = await fetch(url, {method: 'POST', headers: {'X-CSRFToken': token}, body: body});
            return [r.status, await r.text()];
        }""",
        f"/items/claim/{claim.pk}/verify/",
    )
    assert answer[0] == 400 and "version" in answer[1]
    claim.refresh_from_db()
    assert claim.status == "unreviewed"


def test_a_reject_with_a_reason_shows_in_the_history(open_page, live_server, editor, corpus):
    page = open_page(editor)
    page.goto(f"{live_server.url}/review/?kind=claims")
    top = page.locator(".queue-item").first
    pk = top.get_attribute("id").split("-")[2]
    top.locator("details.reason summary").click()
    top.locator("select[name=reason]").select_option("Wrong span")
    top.locator("input[name=reason_text]").fill("the number is the injured")
    top.locator("[data-action=reject]").click()
    page.wait_for_selector(f"#actions-claim-{pk}[data-status=rejected]")
    page.goto(f"{live_server.url}/items/claim/{pk}/history/")
    assert "Reason: Wrong span: the number is the injured" in page.inner_text(".history")


def test_bulk_verify_reports_the_item_another_editor_changed(open_page, live_server, editor, other_editor, corpus):
    first, second = open_page(editor), open_page(other_editor)
    first.goto(f"{live_server.url}/review/?kind=claims")
    ids = [el.get_attribute("id") for el in first.locator(".queue-item").all()[:3]]
    for item_id in ids:
        first.check(f"#{item_id} input.pick")
    assert first.inner_text("#bulk-count") == "3 ticked"
    stolen = ids[1].split("-")[2]
    second.goto(f"{live_server.url}/review/?kind=claims")
    second.click(f"#actions-claim-{stolen} [data-action=reject]")
    second.wait_for_selector(f"#actions-claim-{stolen}[data-status=rejected]")

    first.click("#bulk-verify")
    first.wait_for_selector(".messages")
    messages = first.inner_text(".messages")
    assert "2 items verified." in messages and f"The claim #{stolen} was changed by someone else first" in messages
    statuses = {str(c.pk): c.status for c in NumericClaim.objects.filter(pk__in=[i.split("-")[2] for i in ids])}
    assert statuses[stolen] == "rejected" and sorted(statuses.values()) == ["rejected", "verified", "verified"]


def test_the_queue_shows_context_and_edit_comes_back_to_the_same_place(open_page, live_server, editor, corpus):
    page = open_page(editor)
    page.goto(f"{live_server.url}/review/?kind=quotes")
    quote = page.locator(".queue-item").first
    assert quote.locator("mark.hl-speaker").count() == 1  # the speaker is named and marked
    page.goto(f"{live_server.url}/review/?kind=claims")
    rows = [el.get_attribute("id") for el in page.locator(".queue-item").all()]
    page.focus(f"#{rows[0]}")
    page.keyboard.press("e")
    page.wait_for_url(re.compile(r"/edit/\?next="))
    page.fill("#id_noun", "residents")
    page.click("button:has-text('Save correction')")
    page.wait_for_url(re.compile(rf"/review/\?kind=claims#{rows[1]}$"))
    assert page.evaluate("document.activeElement.id") == rows[1]


def test_an_editor_moves_a_span_by_selecting_text_and_leaves_a_note(open_page, live_server, editor, corpus):
    claim = NumericClaim.objects.filter(article=corpus["articles"][0], category="killed").get()
    page = open_page(editor)
    page.goto(f"{live_server.url}/items/claim/{claim.pk}/edit/")
    assert page.locator("#id_start").get_attribute("type") == "hidden"
    select_text(page, "span-source", "120 people")
    assert "120 people" in page.inner_text("#span-new")
    page.click("button:has-text('Save correction')")
    page.wait_for_url(re.compile(r"/articles/"))
    claim.refresh_from_db()
    assert claim.span == "120 people"

    page.goto(f"{live_server.url}/items/claim/{claim.pk}/edit/")
    page.fill("#id_note", "Check against the ministry's own bulletin")
    page.click("button:has-text('Save note')")
    page.wait_for_selector(".messages >> text=Note saved.")
    claim.refresh_from_db()
    assert claim.note == "Check against the ministry's own bulletin"


def test_the_start_page_ingests_and_refuses_a_private_address(open_page, live_server, editor, settings, monkeypatch):
    settings.NEWSCLAIMS_ALLOW_PRIVATE_FETCH = False
    monkeypatch.setattr("claims.services.ingest_queue.ingest_job_fanout_later", lambda *, job_id: None)
    page = open_page(editor)
    page.goto(f"{live_server.url}/")
    page.fill("#ingest-url", "http://127.0.0.1:8000/secret")
    page.click("#home-ingest-url button[type=submit]")
    page.wait_for_url(f"{live_server.url}/ingest/")
    assert "Paste the article's text" in page.inner_text("#ingest-form .error")

    page.goto(f"{live_server.url}/")
    page.click("text=…or paste the text")
    page.fill("#ingest-title", "Floods")
    page.fill("#ingest-text", "The regional office said 14 people were killed in the floods on Monday.")
    page.click("#home-ingest-text button[type=submit]")
    page.wait_for_url(f"{live_server.url}/ingest/")  # no date: the form asks
    assert "When was it published?" in page.inner_text("#published-error")
    page.fill("#id_published", "2024-03-11")
    page.click("#ingest-form button[type=submit]")
    page.wait_for_url(re.compile(r"/ingest/jobs/\d+/$"))

    page.wait_for_selector("#job-items tr[data-status=queued]")
    ingest_item_process(item_id=IngestItem.objects.get().pk)
    page.wait_for_selector("#job-items tr[data-status=done]")  # without a reload
    assert "DONE" in page.inner_text("#job-items").upper()
    assert page.locator("#job-items a", has_text="Floods").count() == 1


@pytest.mark.parametrize("debug", [True, False])
def test_error_pages_are_in_the_sites_layout(open_page, live_server, journalist, settings, debug):
    settings.DEBUG = debug
    page = open_page(journalist)
    response = page.goto(f"{live_server.url}/no-such-page/")
    assert response.status == 404 and page.locator("header.topbar").count() == 1
    assert "This page does not exist" in page.inner_text("main")
    response = page.goto(f"{live_server.url}/review/")
    assert response.status == 403 and "Only editors can do this." in page.inner_text("main")
