"""``/api/v1/statements/`` and ``/api/v1/subscriptions/`` (issue 18)."""

from __future__ import annotations

import pytest

from claims.models import Figure, Statement, Subscription
from tests.drift import drift_articles, quote_of


@pytest.fixture
def drift(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        articles = drift_articles()
    return {"articles": articles, "statement": Statement.objects.get()}


def test_the_api_lists_statements_and_details_their_versions(token_client, drift):
    client = token_client(role="journalist")
    _ledger, _harbour, _evening, wire = drift["articles"]
    listed = client.get("/api/v1/statements/").json()["results"]
    assert [(s["id"], s["quote_count"], s["first_outlet"]) for s in listed] == [
        (drift["statement"].pk, 4, "Morning Ledger")
    ]
    detail = client.get(f"/api/v1/statements/{drift['statement'].pk}/").json()
    assert detail["speaker_name"] == "Dana Reyes"
    versions = {v["outlet"]: v for v in detail["versions"]}
    assert versions["Morning Ledger"]["first_published"] and versions["Morning Ledger"]["difference"] is None
    assert versions["Harbour Times"]["difference"] == "trimmed"
    assert versions["Evening Post"]["difference"] == "meaning"
    assert versions["Evening Post"]["reasons"] == ["negation"]
    assert {"op": "delete", "text": "never"} in versions["Evening Post"]["diff"]
    assert {"op": "insert", "text": "soon"} in versions["Evening Post"]["diff"]
    assert versions["Border Wire"]["credited_to_other_speaker"] is True
    assert versions["Border Wire"]["link"] == f"/articles/{wire.pk}/#quote-{quote_of(wire).pk}"


def test_anonymous_callers_get_no_statements(api, drift):
    assert api.get("/api/v1/statements/").status_code in (401, 403)


def test_a_read_token_lists_but_cannot_create_webhooks(token_client, db):
    client = token_client(role="journalist", scope="read")
    response = client.post(
        "/api/v1/subscriptions/", {"target": "claims", "query": "q=water", "webhook_url": "https://hooks.example/x"}
    )
    assert response.status_code == 403
    assert not Subscription.objects.exists()
    assert client.get("/api/v1/subscriptions/").status_code == 200


def test_a_write_token_creates_a_subscription_with_a_feed_and_a_webhook(token_client, settings, db):
    settings.NEWSCLAIMS_ALLOW_PRIVATE_FETCH = True
    Figure.objects.create(name="Flood deaths", slug="flood-deaths", category="killed")
    client = token_client(role="journalist", scope="write")
    response = client.post(
        "/api/v1/subscriptions/",
        {"target": "figure", "figure": "flood-deaths", "webhook_url": "http://127.0.0.1:8108/hook"},
        format="json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["figure"] == "flood-deaths" and body["webhook_secret"]
    assert "/follow/feed/" in body["feed_url"]
    listed = client.get("/api/v1/subscriptions/").json()["results"]
    assert [s["id"] for s in listed] == [body["id"]] and "webhook_secret" not in listed[0]
    assert client.get(f"/api/v1/subscriptions/{body['id']}/deliveries/").json() == []
    assert client.delete(f"/api/v1/subscriptions/{body['id']}/").status_code == 204


def test_private_webhook_urls_are_refused(token_client, settings, db):
    settings.NEWSCLAIMS_ALLOW_PRIVATE_FETCH = False
    client = token_client(role="journalist", scope="write")
    response = client.post(
        "/api/v1/subscriptions/", {"target": "claims", "webhook_url": "http://127.0.0.1:8108/hook"}, format="json"
    )
    assert response.status_code == 400
    assert "private or reserved address" in response.json()["errors"]["webhook_url"][0]


def test_callers_see_only_their_own_subscriptions(token_client, db):
    mine, theirs = token_client(role="journalist", scope="write"), token_client(role="journalist", scope="write")
    created = theirs.post("/api/v1/subscriptions/", {"target": "quotes", "query": "q=water"}, format="json").json()
    assert mine.get("/api/v1/subscriptions/").json()["results"] == []
    assert mine.get(f"/api/v1/subscriptions/{created['id']}/").status_code == 404
