"""The ingest pages: editors only, a job page that polls its progress until done, feeds."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from claims.models import Article, Feed, IngestJob, IngestJobStatus
from claims.services.ingest import ingest_job_create

pytestmark = pytest.mark.django_db


def test_it_shows_the_ingest_page_to_editors(editor_client):
    response = editor_client.get(reverse("ingest"))
    assert response.status_code == 200
    assert b'name="kind"' in response.content and b'type="file"' in response.content


@pytest.mark.parametrize("name", ["ingest", "ingest-feeds"])
def test_it_forbids_journalists(journalist_client, name):
    assert journalist_client.get(reverse(name)).status_code == 403
    assert journalist_client.post(reverse(name), {"kind": "text", "text": "x"}).status_code == 403
    assert not IngestJob.objects.exists()


def test_it_forbids_journalists_a_job_page(journalist_client):
    job = ingest_job_create(user=None, kind="text", text="Something happened.", enqueue=False)
    assert journalist_client.get(reverse("ingest-job", args=[job.pk])).status_code == 403


def test_it_sends_anonymous_visitors_to_log_in(client):
    response = client.get(reverse("ingest"))
    assert response.status_code == 302 and "login" in response["Location"]


def test_it_ingests_pasted_text_and_shows_the_job(editor_client, editor, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(
            reverse("ingest"),
            {
                "kind": "text",
                "text": "The strike ended on Tuesday, the union said.",
                "title": "Strike",
                "published": "2026-11-30",
            },
        )
    job = IngestJob.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("ingest-job", args=[job.pk])
    assert job.created_by == editor
    page = editor_client.get(response["Location"])
    assert page.status_code == 200
    assert b"Strike" in page.content
    assert b"hx-trigger" not in page.content, "a finished job stops polling"
    article = Article.objects.get()
    assert article.title == "Strike" and article.published_at.date().isoformat() == "2026-11-30"


def test_it_uploads_a_jsonl_file_and_lists_its_bad_lines(editor_client, django_capture_on_commit_callbacks):
    data = b'{"title": "A", "text": "First article text."}\n{bad json\n{"title": "B", "text": "Second article text."}\n'
    upload = SimpleUploadedFile("batch.jsonl", data, content_type="application/x-ndjson")
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(reverse("ingest"), {"kind": "file", "file": upload})
    job = IngestJob.objects.get()
    assert (job.done, job.failed, job.status) == (2, 1, IngestJobStatus.DONE)
    page = editor_client.get(response["Location"])
    assert b"line 2: not valid JSON" in page.content


def test_the_progress_block_polls_every_second_while_the_job_runs(editor_client):
    job = ingest_job_create(user=None, kind="text", text="Something happened.", enqueue=False)
    response = editor_client.get(reverse("ingest-job", args=[job.pk]), HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="job-progress"')
    assert 'hx-trigger="every 1s"' in html and f'hx-get="{reverse("ingest-job", args=[job.pk])}"' in html
    assert "<html" not in html
    full = editor_client.get(reverse("ingest-job", args=[job.pk])).content.decode()
    assert "vendor/htmx/htmx.min.js" in full and "cdn" not in full.lower()


def test_it_shows_a_refused_input_as_a_form_error(editor_client):
    response = editor_client.post(reverse("ingest"), {"kind": "url", "url": "ftp://example.org/file"})
    assert response.status_code == 400
    assert b"http or https" in response.content
    upload = SimpleUploadedFile("report.pdf", b"%PDF-1.4", content_type="application/pdf")
    response = editor_client.post(reverse("ingest"), {"kind": "file", "file": upload})
    assert response.status_code == 400 and b".jsonl" in response.content
    assert not IngestJob.objects.exists()


def test_it_adds_a_feed_pauses_it_and_polls_it_on_demand(editor_client, web, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(
            reverse("ingest-feeds"), {"url": web.url("/feed/atom.xml"), "outlet": "Harbour News", "poll_interval": 10}
        )
    assert response.status_code == 302
    feed = Feed.objects.get()
    assert feed.poll_interval == 10 and feed.last_polled_at is not None
    assert web.hits["/feed/atom.xml"] == 1
    page = editor_client.get(reverse("ingest-feeds"))
    assert b"Harbour News" in page.content

    editor_client.post(reverse("ingest-feed-action", args=[feed.pk, "toggle"]))
    feed.refresh_from_db()
    assert not feed.active
    editor_client.post(reverse("ingest-feed-action", args=[feed.pk, "toggle"]))
    editor_client.post(reverse("ingest-feed-action", args=[feed.pk, "poll"]))
    assert web.hits["/feed/atom.xml"] == 2


def test_it_refuses_a_feed_twice(editor_client, web):
    Feed.objects.create(url=web.url("/feed/atom.xml"))
    response = editor_client.post(reverse("ingest-feeds"), {"url": web.url("/feed/atom.xml"), "poll_interval": 30})
    assert response.status_code == 400 and b"already followed" in response.content


def test_it_refuses_an_oversize_upload_before_reading_it(editor_client, monkeypatch):
    monkeypatch.setattr("claims.forms.MAX_UPLOAD_BYTES", 10)
    upload = SimpleUploadedFile("big.jsonl", b'{"text": "more than ten bytes"}\n')
    response = editor_client.post(reverse("ingest"), {"kind": "file", "file": upload})
    assert response.status_code == 400 and b"larger than" in response.content
    assert not IngestJob.objects.exists()
