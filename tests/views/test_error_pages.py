"""403, 404 and 500 answer pages in the site's layout, with DEBUG on and off."""

from __future__ import annotations

import pytest
from django.test import override_settings

pytestmark = pytest.mark.django_db

LAYOUT = 'class="topbar"'


@pytest.mark.parametrize("debug", [True, False])
@pytest.mark.parametrize("path", ["/no-such-page/", "/articles/999999/", "/items/claim/999999/history/"])
def test_a_missing_page_answers_the_sites_404(journalist_client, debug, path):
    with override_settings(DEBUG=debug):
        response = journalist_client.get(path)
    html = response.content.decode()
    assert response.status_code == 404
    assert LAYOUT in html and "This page does not exist" in html
    assert "Using the URLconf" not in html  # not Django's debug page


@pytest.mark.parametrize("debug", [True, False])
def test_a_forbidden_page_answers_the_sites_403_with_the_reason(journalist_client, debug):
    with override_settings(DEBUG=debug):
        response = journalist_client.get("/review/")
    html = response.content.decode()
    assert response.status_code == 403
    assert LAYOUT in html and "You cannot do this" in html and "Only editors can do this." in html


def test_a_missing_api_path_still_answers_json(journalist_client):
    with override_settings(DEBUG=True):
        response = journalist_client.get("/api/v1/no-such-thing/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/problem+json")  # the API's error shape
    assert response.json()["status"] == 404


def test_a_server_error_answers_the_sites_500_with_debug_off(journalist_client, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr("claims.views.home.render", broken)
    journalist_client.raise_request_exception = False
    with override_settings(DEBUG=False):
        response = journalist_client.get("/")
    html = response.content.decode()
    assert response.status_code == 500
    assert LAYOUT in html and "Something went wrong on our side" in html and "boom" not in html
