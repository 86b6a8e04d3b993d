"""A Content-Security-Policy the pages live within, and no-store on what a signed-in user sees."""

from __future__ import annotations

import re

import pytest

from tests.factories import NumericClaimFactory

pytestmark = pytest.mark.django_db

PAGES = ["/", "/claims/", "/quotes/", "/review/", "/ingest/", "/figures/", "/api/v1/tokens/"]
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
INLINE_HANDLER = re.compile(r"\son[a-z]+\s*=", re.IGNORECASE)


@pytest.fixture
def article_page(db):
    return f"/articles/{NumericClaimFactory().article_id}/"


def test_pages_send_a_policy_that_allows_scripts_from_this_site_only(editor_client):
    policy = editor_client.get("/claims/")["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe-inline" not in directives["script-src"] and "unsafe-eval" not in directives["script-src"]


@pytest.mark.parametrize("url", PAGES)
def test_no_page_carries_an_inline_script_or_event_handler(editor_client, url):
    response = editor_client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert not INLINE_SCRIPT.findall(html), INLINE_SCRIPT.findall(html)
    assert not INLINE_HANDLER.findall(html)
    assert '"includeIndicatorStyles": false' in html  # htmx would otherwise inject a <style>


def test_the_article_page_carries_no_inline_script(editor_client, article_page):
    html = editor_client.get(article_page).content.decode()
    assert not INLINE_SCRIPT.findall(html)


@pytest.mark.parametrize("url", ["/claims/", "/api/v1/tokens/", "/api/v1/claims/"])
def test_what_a_signed_in_user_sees_is_not_stored(editor_client, url):
    assert "no-store" in editor_client.get(url)["Cache-Control"]


def test_the_page_showing_a_new_token_is_not_stored(editor_client):
    response = editor_client.post("/api/v1/tokens/", {"name": "laptop", "scope": "read"}, follow=True)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


def test_the_login_page_has_the_policy_too(client):
    response = client.get("/accounts/login/")
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert not INLINE_SCRIPT.findall(response.content.decode())
