"""Ingest that says what went wrong and what it knows: the start page's boxes post their kind,
a paste carries its date, outlet and link, a private address is refused at once, a job's list
follows its items."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from claims.models import Article, IngestItem, IngestItemStatus, IngestJob, NumericClaim
from claims.services.ingest import ingest_items_process, ingest_job_create

pytestmark = pytest.mark.django_db

TEXT = "The regional health office said 14 people were killed in the flooding on Monday."


@pytest.fixture
def public_dns(monkeypatch):
    """Every host resolves to a public address (no DNS in the tests)."""
    monkeypatch.setattr("claims.lib.fetch.resolve_checked", lambda host, port: "93.184.216.34")


def test_the_start_pages_ingest_boxes_post_their_kind(editor_client):
    html = editor_client.get("/").content.decode()
    url_form = html[html.index('id="home-ingest-url"') :]
    url_form = url_form[: url_form.index("</form>")]
    text_form = html[html.index('id="home-ingest-text"') :]
    text_form = text_form[: text_form.index("</form>")]
    assert '<input type="hidden" name="kind" value="url">' in url_form and "csrfmiddlewaretoken" in url_form
    assert '<input type="hidden" name="kind" value="text">' in text_form and "csrfmiddlewaretoken" in text_form
    assert 'name="published"' in text_form and 'name="outlet"' in text_form and 'name="original_url"' in text_form


def test_a_url_from_the_start_page_becomes_a_job(editor_client, public_dns):
    response = editor_client.post(reverse("ingest"), {"kind": "url", "url": "https://news.example.org/a"})
    job = IngestJob.objects.get()
    assert response.status_code == 302 and job.kind == "url"


def test_a_post_without_a_kind_says_so(editor_client):
    response = editor_client.post(reverse("ingest"), {"url": "https://news.example.org/a"})
    assert response.status_code == 400
    assert "Choose what to ingest" in response.content.decode()
    assert not IngestJob.objects.exists()


@pytest.mark.parametrize(
    "url", ["http://127.0.0.1:8000/admin/", "http://localhost/x", "http://10.0.0.7/", "http://[::1]/"]
)
def test_a_private_address_is_refused_when_submitted_with_what_to_do_instead(editor_client, settings, url):
    settings.NEWSCLAIMS_ALLOW_PRIVATE_FETCH = False
    response = editor_client.post(reverse("ingest"), {"kind": "url", "url": url})
    html = response.content.decode()
    assert response.status_code == 400
    assert "private or local network addresses" in html and "Paste the article&#x27;s text" in html
    assert "upload the file" in html
    assert not IngestJob.objects.exists()


def test_a_private_address_goes_in_when_the_setting_allows_it(editor_client, settings):
    settings.NEWSCLAIMS_ALLOW_PRIVATE_FETCH = True
    response = editor_client.post(reverse("ingest"), {"kind": "url", "url": "http://127.0.0.1:9/x"})
    assert response.status_code == 302 and IngestJob.objects.count() == 1


def test_an_undated_paste_is_asked_for_its_date(editor_client):
    response = editor_client.post(reverse("ingest"), {"kind": "text", "text": TEXT})
    html = response.content.decode()
    assert response.status_code == 400 and "When was it published?" in html
    assert not IngestJob.objects.exists()
    assert TEXT in html  # what was pasted is still in the form


def test_a_paste_marked_undated_stores_no_date_and_its_claims_no_day(editor_client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(reverse("ingest"), {"kind": "text", "text": TEXT, "date_unknown": "on"})
    assert response.status_code == 302
    article = Article.objects.get()
    assert article.published_at is None and article.as_of_date is None
    claims = NumericClaim.objects.filter(article=article)
    assert claims.exists() and not claims.exclude(as_of=None).exists()  # not today: charts leave them out
    page = editor_client.get(reverse("article", args=[article.pk])).content.decode()
    assert "date unknown" in page


def test_a_paste_keeps_its_date_outlet_and_original_url(editor_client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        editor_client.post(
            reverse("ingest"),
            {
                "kind": "text",
                "text": TEXT,
                "title": "Floods",
                "published": "2024-03-11",
                "outlet": "The Valley Courier",
                "original_url": "https://courier.example.net/floods",
            },
        )
    article = Article.objects.get()
    assert article.outlet.name == "The Valley Courier"
    assert article.url == "https://courier.example.net/floods"
    assert article.published_at.date().isoformat() == "2024-03-11"
    assert set(NumericClaim.objects.filter(article=article).values_list("as_of", flat=True)) == {
        article.published_at.date()
    }
    page = editor_client.get(reverse("article", args=[article.pk])).content.decode()
    assert ">11 March 2024</time>" in page and ", 00:00" not in page  # a date without a time shows no time


def test_a_paste_with_a_bad_original_url_is_refused(editor_client):
    response = editor_client.post(
        reverse("ingest"), {"kind": "text", "text": TEXT, "date_unknown": "on", "original_url": "javascript:x"}
    )
    assert response.status_code == 400 and "original URL" in response.content.decode()


def test_an_uploaded_pages_publisher_becomes_its_outlet(editor_client, django_capture_on_commit_callbacks):
    page = (
        "<html><head><title>Floods</title>"
        '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Floods",'
        ' "publisher": {"@type": "Organization", "name": "Hill Country Herald"}}</script></head>'
        f"<body><article><h1>Floods</h1><p>{TEXT}</p><p>Roads were closed for two days.</p></article></body></html>"
    )
    upload = SimpleUploadedFile("floods.html", page.encode(), content_type="text/html")
    with django_capture_on_commit_callbacks(execute=True):
        editor_client.post(reverse("ingest"), {"kind": "file", "file": upload})
    assert Article.objects.get().outlet.name == "Hill Country Herald"


def test_the_polled_job_block_carries_the_item_list_and_its_states(editor_client):
    job = ingest_job_create(user=None, kind="text", text=TEXT, enqueue=False)
    polled = editor_client.get(reverse("ingest-job", args=[job.pk]), HTTP_HX_REQUEST="true").content.decode()
    assert 'id="job-items"' in polled and 'data-status="queued"' in polled and "hx-trigger" in polled
    ingest_items_process(item_ids=list(IngestItem.objects.filter(job=job).values_list("id", flat=True)))
    assert IngestItem.objects.get(job=job).status == IngestItemStatus.DONE
    polled = editor_client.get(reverse("ingest-job", args=[job.pk]), HTTP_HX_REQUEST="true").content.decode()
    assert 'data-status="done"' in polled and 'data-status="queued"' not in polled and "hx-trigger" not in polled
