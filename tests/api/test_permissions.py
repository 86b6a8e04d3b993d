"""Who may do what, as a table: caller x endpoint x method -> status.

Journalists and read tokens read; editors (session or write token) also write; anonymous
callers and revoked tokens get 401; a write token of a journalist still cannot write.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from rest_framework.test import APIClient

from claims import models as m
from tests.factories import ActorFactory, NumericClaimFactory, QuoteFactory, UserFactory

pytestmark = pytest.mark.django_db

CALLERS = ["anonymous", "journalist", "editor", "read_token", "write_token", "journalist_write_token", "revoked_token"]
READERS = {"journalist", "editor", "read_token", "write_token", "journalist_write_token"}
WRITERS = {"editor", "write_token"}
UNAUTHENTICATED = {"anonymous", "revoked_token"}
EDITOR_ACCOUNTS = {"editor", "read_token", "write_token"}


@dataclass(frozen=True)
class Call:
    method: str
    url: str
    body: dict | None = None
    ok: int = 200

    def __str__(self) -> str:
        return f"{self.method} {self.url}"


@pytest.fixture
def world():
    claim = NumericClaimFactory()
    quote = QuoteFactory(article=claim.article)
    other = ActorFactory(name="Someone Else")
    return {"claim": claim, "quote": quote, "actor": quote.speaker, "other": other, "article": claim.article}


def _ids(w: dict) -> dict:
    return {
        "claim": w["claim"].pk,
        "quote": w["quote"].pk,
        "actor": w["actor"].pk,
        "other": w["other"].pk,
        "article": w["article"].pk,
    }


READS = [
    Call("GET", "/api/v1/claims/"),
    Call("GET", "/api/v1/claims/{claim}/"),
    Call("GET", "/api/v1/quotes/"),
    Call("GET", "/api/v1/quotes/{quote}/"),
    Call("GET", "/api/v1/actors/"),
    Call("GET", "/api/v1/actors/{actor}/"),
    Call("GET", "/api/v1/actors/{actor}/quotes/"),
    Call("GET", "/api/v1/actors/{actor}/claims/"),
    Call("GET", "/api/v1/articles/"),
    Call("GET", "/api/v1/articles/{article}/"),
    Call("GET", "/api/v1/articles/{article}/claims/"),
    Call("GET", "/api/v1/articles/{article}/quotes/"),
    Call("GET", "/api/v1/feeds/"),
    Call("GET", "/api/v1/ingest-jobs/"),
    Call("GET", "/api/v1/claims/?format=csv"),
]
WRITES = [
    Call("PATCH", "/api/v1/claims/{claim}/", {"version": 1, "value": "125"}),
    Call("POST", "/api/v1/claims/", {"article": "{article}", "start": 0, "end": 20, "value": "3"}, ok=201),
    Call("POST", "/api/v1/claims/{claim}/verify/", {"version": 1}),
    Call("POST", "/api/v1/claims/{claim}/reject/", {"version": 1}),
    Call("PATCH", "/api/v1/quotes/{quote}/", {"version": 1, "verb": "told"}),
    Call("POST", "/api/v1/quotes/", {"article": "{article}", "start": 0, "end": 20}, ok=201),
    Call("POST", "/api/v1/quotes/{quote}/verify/", {"version": 1}),
    Call("PATCH", "/api/v1/actors/{actor}/", {"version": 1, "name": "Maria Lopez"}),
    Call("POST", "/api/v1/actors/{other}/merge/", {"into": "{actor}"}),
    Call("POST", "/api/v1/ingest/", {"text": "Forty people were hurt, police said."}, ok=202),
]


def _caller(kind: str) -> APIClient:
    from claims.services.tokens import token_create, token_revoke

    client = APIClient()
    if kind in {"journalist", "editor"}:
        client.force_login(UserFactory(role=kind))
    elif kind.endswith("token"):
        role = "journalist" if kind.startswith("journalist") else "editor"
        user = UserFactory(role=role)
        scope = "write" if "write" in kind else "read"
        token, key = token_create(user=user, name=kind, scope=scope)
        if kind == "revoked_token":
            token_revoke(token=token, user=user)
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
    return client


def _send(client: APIClient, call: Call, ids: dict):
    url = call.url.format(**ids)
    body = {k: (v.format(**ids) if isinstance(v, str) else v) for k, v in (call.body or {}).items()}
    if call.method == "GET":
        return client.get(url)
    return getattr(client, call.method.lower())(url, body, format="json")


def _expected(caller: str, call: Call) -> int:
    if caller in UNAUTHENTICATED:
        return 401
    if call.url.startswith("/api/v1/ingest-jobs/"):
        return call.ok if caller in EDITOR_ACCOUNTS else 403  # like the ingest pages: editors only
    if call.method == "GET":
        return call.ok if caller in READERS else 403
    return call.ok if caller in WRITERS else 403


@pytest.mark.parametrize("caller", CALLERS)
@pytest.mark.parametrize("call", READS + WRITES, ids=str)
def test_it_answers_each_caller_as_the_table_says(world, caller, call):
    response = _send(_caller(caller), call, _ids(world))
    assert response.status_code == _expected(caller, call), response.content[:500]
    if response.status_code >= 400:
        assert response["Content-Type"].startswith("application/problem+json")
        assert response.json()["message"]


@pytest.mark.parametrize("call", WRITES, ids=str)
def test_it_leaves_data_unchanged_when_a_read_token_tries_to_write(world, call):
    before = (m.NumericClaim.objects.count(), m.Quote.objects.count(), m.IngestJob.objects.count())
    versions = (m.NumericClaim.objects.get().version, m.Quote.objects.get().version)
    response = _send(_caller("read_token"), call, _ids(world))
    assert response.status_code == 403
    assert "read-only" in response.json()["message"]
    assert (m.NumericClaim.objects.count(), m.Quote.objects.count(), m.IngestJob.objects.count()) == before
    assert (m.NumericClaim.objects.get().version, m.Quote.objects.get().version) == versions


def test_it_asks_anonymous_callers_to_authenticate_with_a_bearer_token(world):
    response = APIClient().get("/api/v1/claims/")
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_it_lets_anonymous_callers_read_but_not_write_when_public_read_is_on(world, settings):
    settings.NEWSCLAIMS_PUBLIC_READ = True
    client = APIClient()
    assert client.get("/api/v1/claims/").status_code == 200
    assert client.patch(f"/api/v1/claims/{world['claim'].pk}/", {"version": 1}, format="json").status_code == 401


def test_it_lets_an_ingest_client_submit_articles_but_not_edit(world):
    from claims.services.tokens import token_create

    user = UserFactory(role="ingest")
    _, key = token_create(user=user, name="feeder", scope="write")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
    response = client.post("/api/v1/ingest/", {"text": "Ten people died."}, format="json")
    assert response.status_code == 202
    other = m.IngestJob.objects.create(kind="url", label="someone else's")
    assert [job["id"] for job in client.get("/api/v1/ingest-jobs/").json()["results"]] == [response.json()["id"]]
    assert client.get(f"/api/v1/ingest-jobs/{other.pk}/").status_code == 404
    assert client.patch(f"/api/v1/claims/{world['claim'].pk}/", {"version": 1}, format="json").status_code == 403


def test_it_checks_csrf_on_session_writes():
    editor = UserFactory(role="editor")
    claim = NumericClaimFactory()
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(editor)
    response = client.patch(f"/api/v1/claims/{claim.pk}/", {"version": 1, "value": "3"}, format="json")
    assert response.status_code == 403
    assert "CSRF" in response.json()["message"]
