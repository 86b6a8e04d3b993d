"""Articles, feeds and ingest jobs; POST /api/v1/ingest/ answers with a job to poll."""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from claims import models as m
from tests.factories import ArticleFactory, OutletFactory

pytestmark = pytest.mark.django_db


def ids(response) -> list[int]:
    assert response.status_code == 200, response.content[:500]
    return [row["id"] for row in response.json()["results"]]


def test_it_lists_articles_without_their_text_and_gives_it_in_the_detail(editor_api):
    article = ArticleFactory(title="Floods")
    listed = editor_api.get("/api/v1/articles/").json()["results"][0]
    assert "text" not in listed
    assert (listed["title"], listed["outlet_name"]) == ("Floods", article.outlet.name)
    assert editor_api.get(f"/api/v1/articles/{article.pk}/").json()["text"] == article.text


def test_it_filters_articles_by_outlet_and_words_of_their_text(editor_api):
    outlet = OutletFactory(name="Daily Bugle")
    mine = ArticleFactory(outlet=outlet, text="The river burst its banks and the valley flooded overnight.")
    ArticleFactory(text="Election night ended with a recount in the valley.")
    assert ids(editor_api.get(f"/api/v1/articles/?outlet={outlet.pk}")) == [mine.pk]
    assert ids(editor_api.get("/api/v1/articles/?q=valley river")) == [mine.pk]


def test_it_lists_feeds(editor_api):
    feed = m.Feed.objects.create(url="https://news.example/rss.xml", title="News")
    m.Feed.objects.create(url="https://news.example/off.xml", active=False)
    assert ids(editor_api.get("/api/v1/feeds/?active=true")) == [feed.pk]


def test_it_queues_pasted_text_as_a_job_to_poll(write_api):
    response = write_api.post(
        "/api/v1/ingest/", {"text": "Forty people were hurt, police said.", "title": "Crash"}, format="json"
    )
    assert response.status_code == 202
    body = response.json()
    job = m.IngestJob.objects.get(pk=body["id"])
    assert (job.kind, job.total, job.created_by) == ("text", 1, write_api.user)
    assert response["Location"].endswith(f"/api/v1/ingest-jobs/{job.pk}/")
    polled = write_api.get(f"/api/v1/ingest-jobs/{job.pk}/").json()
    assert polled["progress"]["total"] == 1
    assert [item["position"] for item in polled["items"]] == [1]


@pytest.mark.parametrize(
    ("body", "kind"),
    [
        ({"url": "https://news.example/2023/11/03/floods"}, "url"),
        ({"html": "<html><body><p>Nine people died in the fire.</p></body></html>"}, "html"),
    ],
)
def test_it_queues_a_url_or_html_as_a_job(write_api, body, kind):
    response = write_api.post("/api/v1/ingest/", body, format="json")
    assert response.status_code == 202
    job = m.IngestJob.objects.get(pk=response.json()["id"])
    assert (job.kind, job.total, job.items.get().position) == (kind, 1, 1)


def test_it_accepts_a_jsonl_upload_with_one_item_per_line(editor_api):
    lines = "\n".join(json.dumps({"text": f"Story {n}: three people died.", "title": f"S{n}"}) for n in range(3))
    upload = SimpleUploadedFile("batch.jsonl", lines.encode(), content_type="application/jsonl")
    response = editor_api.post("/api/v1/ingest/", {"file": upload}, format="multipart")
    assert response.status_code == 202
    assert response.json()["total"] == 3


def test_it_refuses_an_ingest_request_with_nothing_to_ingest(editor_api):
    response = editor_api.post("/api/v1/ingest/", {"title": "nothing"}, format="json")
    assert response.status_code == 400
    assert "url" in response.json()["errors"]
    assert not m.IngestJob.objects.exists()


def test_it_refuses_a_url_that_is_not_http(editor_api):
    response = editor_api.post("/api/v1/ingest/", {"url": "ftp://news.example/a"}, format="json")
    assert response.status_code == 400
    assert "url" in response.json()["errors"]
