"""The ingest page in a real browser: a job's counts update live until it is done."""

from __future__ import annotations

import pytest

from claims.models import IngestItem
from claims.services.ingest import ingest_item_process
from tests.browser import launch, log_in, needs_chromium

pytestmark = [
    *needs_chromium,
]


@pytest.fixture
def page(live_server, editor, transactional_db):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = launch(p)
        page = browser.new_context().new_page()
        page.set_default_timeout(15_000)
        log_in(page, live_server.url, editor.username)
        yield page
        browser.close()


def test_an_editor_uploads_a_batch_and_watches_its_progress_until_done(page, live_server, monkeypatch):
    from playwright.sync_api import expect

    # Without a broker the tasks would run inside the upload request: leave the items waiting
    # instead, as behind a busy worker, and run them from here while the page is open.
    monkeypatch.setattr("claims.services.ingest_queue.ingest_job_fanout_later", lambda *, job_id: None)

    page.goto(f"{live_server.url}/ingest/")
    page.check("input[name=kind][value=file]")
    assert page.is_hidden("#id_url") and page.is_visible("#id_file")
    lines = b'{"title": "One", "text": "The first story."}\nnot json\n{"title": "Two", "text": "The second story."}\n'
    upload = {"name": "batch.jsonl", "mimeType": "application/x-ndjson", "buffer": lines}
    page.set_input_files("#id_file", files=[upload])
    page.click("#ingest-form button[type=submit]")
    page.wait_for_url(f"{live_server.url}/ingest/jobs/*/")
    assert page.inner_text("#job-progress .n-queued") == "2"
    assert page.inner_text("#job-progress .n-failed") == "1"
    assert "line 2: not valid JSON" in page.inner_text("#job-progress table.errors")

    items = list(IngestItem.objects.filter(status="queued").order_by("position").values_list("id", flat=True))
    ingest_item_process(item_id=items[0])
    # Not wait_for_function: it evaluates a string, which the page's CSP (no unsafe-eval) refuses.
    expect(page.locator("#job-progress .n-done")).to_have_text("1")
    assert page.get_attribute("#job-progress", "data-status") == "running"

    ingest_item_process(item_id=items[1])
    page.wait_for_selector('#job-progress[data-status="done"]')
    assert page.inner_text("#job-progress .n-done") == "2"
    assert page.inner_text("#job-progress .n-queued") == "0"
    assert page.get_attribute("#job-progress", "hx-trigger") is None, "polling stops once the job is done"
