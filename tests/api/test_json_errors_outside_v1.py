"""Any path under /api/ answers JSON, even outside the routed API; pages keep their HTML 404."""

import pytest

pytestmark = pytest.mark.django_db


def test_it_answers_json_for_an_unknown_api_path(client, settings):
    settings.DEBUG = False
    response = client.get("/api/v2/nothing-here/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/problem+json")
    assert response.json()["status"] == 404


def test_it_answers_html_for_an_unknown_page(editor_client, settings):
    settings.DEBUG = False
    response = editor_client.get("/no-such-page/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")
