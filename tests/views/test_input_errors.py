"""Hostile input is a 400 with a message, never a 500: NUL bytes, non-finite numbers, bad versions."""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from claims.models import IngestItemStatus, IngestJob
from tests.factories import NumericClaimFactory, QuoteFactory

pytestmark = pytest.mark.django_db

PAGES_Q = ["/claims/", "/quotes/", "/claims/export.csv", "/quotes/export.csv"]
API_Q = ["/api/v1/claims/", "/api/v1/quotes/", "/api/v1/actors/", "/api/v1/articles/"]
BAD_NUMBERS = ["NaN", "nan", "Infinity", "-Infinity", "inf", "1e999999", "-1e999999", "sNaN"]


@pytest.fixture
def rows(db):
    claim = NumericClaimFactory()
    QuoteFactory(article=claim.article)
    return claim


@pytest.fixture
def client_in(client, editor):
    client.force_login(editor)
    return client


def _message(response) -> str:
    return response.content.decode(errors="replace")


@pytest.mark.parametrize("url", PAGES_Q + API_Q)
def test_a_nul_byte_in_the_query_is_a_400_with_a_message(client_in, rows, url):
    response = client_in.get(url, {"q": "strikes\x00 killed"})
    assert response.status_code == 400
    assert "nul" in _message(response).lower()


@pytest.mark.parametrize("value", BAD_NUMBERS)
@pytest.mark.parametrize(("sort", "param"), [("value", "after"), ("value_asc", "before"), ("confidence", "after")])
def test_a_non_finite_number_in_a_page_cursor_is_a_400(client_in, rows, sort, param, value):
    response = client_in.get("/claims/", {"sort": sort, param: f"{value}~{rows.pk}"})
    assert response.status_code == 400, response.status_code
    assert "cursor" in _message(response)


@pytest.mark.parametrize("value", BAD_NUMBERS)
@pytest.mark.parametrize("param", ["min_value", "max_value", "min_confidence"])
def test_a_non_finite_number_in_an_api_filter_is_a_400_naming_it(client_in, rows, param, value):
    response = client_in.get("/api/v1/claims/", {param: value})
    assert response.status_code == 400
    assert param in response.json().get("errors", response.json())


@pytest.mark.parametrize("action", ["verify", "reject"])
def test_a_version_that_is_not_a_number_on_a_one_click_action_is_a_400(client_in, rows, action):
    response = client_in.post(f"/items/claim/{rows.pk}/{action}/", {"version": "abc"})
    assert response.status_code == 400
    assert "version" in _message(response).lower()


def test_a_txt_upload_with_a_nul_byte_after_2_kb_is_a_400(client_in):
    data = b"The ferry operator said 12 crossings were cancelled. " * 60 + b"\x00 and more text."
    response = client_in.post("/ingest/", {"kind": "file", "file": SimpleUploadedFile("notes.txt", data)})
    assert response.status_code == 400
    assert "NUL byte" in _message(response)
    assert not IngestJob.objects.exists()


def test_a_jsonl_line_with_a_nul_fails_alone_and_the_others_go_in(client_in, django_capture_on_commit_callbacks):
    story = "The library said 3,000 books were lent in March, a record for the branch."
    lines = [
        json.dumps({"title": "Good one", "text": story}),
        json.dumps({"title": "Bad url", "url": "https://example.org/a\u0000b", "text": story}),
        json.dumps({"title": "Bad date", "published": "2024-01-02\u0000", "text": story + " Again."}),
        json.dumps({"title": "NUL in text is dropped", "text": "Officials said\u0000 40 buses ran late."}),
    ]
    upload = SimpleUploadedFile("batch.jsonl", "\n".join(lines).encode())
    with django_capture_on_commit_callbacks(execute=True):
        response = client_in.post("/ingest/", {"kind": "file", "file": upload})
    assert response.status_code == 302
    job = IngestJob.objects.get()
    statuses = dict(job.items.values_list("position", "status"))
    assert statuses == {
        1: IngestItemStatus.DONE,
        2: IngestItemStatus.FAILED,
        3: IngestItemStatus.FAILED,
        4: IngestItemStatus.DONE,
    }
    assert "NUL" in job.items.get(position=2).error
    assert "\x00" not in job.items.get(position=4).article.text


def test_an_api_body_over_the_upload_limit_is_a_400_with_a_message(editor, settings):
    from rest_framework.test import APIClient

    from claims.services.tokens import token_create

    _token, key = token_create(user=editor, name="limit test", scope="write")
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    body = json.dumps({"kind": "text", "text": "Words. " * 5000})
    response = api.post("/api/v1/ingest/", body, content_type="application/json")
    assert response.status_code in {400, 413}
    assert "too large" in _message(response).lower() or "limit" in _message(response).lower()


@pytest.mark.parametrize("value", ["NaN", "Infinity", "1e999999"])
def test_a_crafted_api_cursor_holding_a_non_finite_number_is_a_400(client_in, rows, value):
    import base64

    cursor = base64.urlsafe_b64encode(json.dumps({"k": [value, rows.pk]}).encode()).decode().rstrip("=")
    response = client_in.get("/api/v1/claims/", {"ordering": "-value", "cursor": cursor})
    assert response.status_code == 400
    assert "cursor" in response.json()["errors"]
