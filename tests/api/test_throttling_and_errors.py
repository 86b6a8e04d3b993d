"""Limits and failures: 429 with Retry-After per token; JSON errors, never an HTML page."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from claims.services.tokens import token_create
from tests.factories import NumericClaimFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def tight_rates(settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"token": "3/min", "user": "5/min", "anon": "2/min"},
    }


def _bearer(key: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
    return client


def test_it_throttles_each_token_on_its_own_with_a_clear_429(tight_rates):
    user = UserFactory(role="journalist")
    _, first = token_create(user=user, name="a")
    _, second = token_create(user=user, name="b")
    client = _bearer(first)
    assert [client.get("/api/v1/claims/").status_code for _ in range(3)] == [200, 200, 200]
    limited = client.get("/api/v1/claims/")
    assert limited.status_code == 429
    assert 0 < int(limited["Retry-After"]) <= 60
    body = limited.json()
    assert body["retry_after"] == int(limited["Retry-After"])
    assert "throttled" in body["message"].lower()
    assert _bearer(second).get("/api/v1/claims/").status_code == 200


def test_it_throttles_browser_sessions_per_user(tight_rates):
    client = APIClient()
    client.force_login(UserFactory(role="journalist"))
    statuses = [client.get("/api/v1/claims/").status_code for _ in range(6)]
    assert statuses == [200] * 5 + [429]


def test_it_throttles_anonymous_callers_per_address(tight_rates, settings):
    settings.NEWSCLAIMS_PUBLIC_READ = True
    statuses = [APIClient().get("/api/v1/claims/").status_code for _ in range(3)]
    assert statuses == [200, 200, 429]


def test_it_answers_an_unknown_api_path_with_json_404(editor_api):
    response = editor_api.get("/api/v1/no-such-thing/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/problem+json")
    assert response.json()["message"]


def test_it_answers_errors_as_json_even_when_csv_was_asked_for(editor_api):
    response = editor_api.get("/api/v1/claims/?format=csv&category=nope")
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/problem+json")
    assert "category" in response.json()["errors"]


def test_it_names_the_fields_of_invalid_input(editor_api):
    claim = NumericClaimFactory()
    response = editor_api.patch(
        f"/api/v1/claims/{claim.pk}/", {"version": "one", "category": "massacre"}, format="json"
    )
    assert response.status_code == 400
    body = response.json()
    assert set(body["errors"]) == {"version", "category"}
    assert body["message"].startswith("Invalid input in category, version")


def test_it_answers_malformed_json_with_a_json_400(editor_api):
    claim = NumericClaimFactory()
    response = editor_api.generic("PATCH", f"/api/v1/claims/{claim.pk}/", "{not json", content_type="application/json")
    assert response.status_code == 400
    assert "JSON parse error" in response.json()["message"]


def test_it_turns_an_unexpected_exception_into_a_json_500_without_details():
    from claims.api.exceptions import api_exception_handler

    response = api_exception_handler(RuntimeError("database on fire"), {"view": None})
    assert response.status_code == 500
    assert response.data == {
        "type": "about:blank",
        "title": "Internal Server Error",
        "status": 500,
        "detail": "Server error: the request could not be completed.",
        "message": "Server error: the request could not be completed.",
    }


def test_it_has_json_handlers_for_404_and_500_pages():
    from django.test import RequestFactory

    from claims.api.exceptions import json_not_found, json_server_error

    request = RequestFactory().get("/api/v1/x/")
    assert json_not_found(request).status_code == 404
    response = json_server_error(request)
    assert (response.status_code, response["Content-Type"]) == (500, "application/problem+json")
