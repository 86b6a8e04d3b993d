"""API tokens: hashed at rest, shown once, created and revoked on the token page and in the admin."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from claims.models import ApiToken
from claims.services.tokens import TokenError, token_create, token_lookup, token_revoke
from tests.factories import NumericClaimFactory, UserFactory

pytestmark = pytest.mark.django_db

KEY = re.compile(r"nc_[A-Za-z0-9_-]{30,}")


def bearer(key: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
    return client


def test_it_stores_only_the_hash_and_a_prefix_of_the_key():
    user = UserFactory()
    token, key = token_create(user=user, name="dashboard", scope="read")
    assert KEY.fullmatch(key)
    stored = ApiToken.objects.get(pk=token.pk)
    assert stored.key_hash == ApiToken.hash_key(key) != key
    assert key.startswith(stored.prefix)
    assert key not in {getattr(stored, f.attname) for f in ApiToken._meta.concrete_fields}
    assert token_lookup(key) == stored


def test_it_refuses_a_token_without_a_name_or_with_an_unknown_scope():
    user = UserFactory()
    with pytest.raises(TokenError):
        token_create(user=user, name="  ", scope="read")
    with pytest.raises(TokenError):
        token_create(user=user, name="x", scope="admin")


def test_it_accepts_a_token_in_the_authorization_header_and_records_its_use():
    NumericClaimFactory()
    token, key = token_create(user=UserFactory(role="journalist"), name="t", scope="read")
    assert bearer(key).get("/api/v1/claims/").status_code == 200
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert client.get("/api/v1/claims/").status_code == 200
    token.refresh_from_db()
    assert token.last_used_at is not None


@pytest.mark.parametrize("header", ["Bearer nc_not-a-real-key", "Bearer", "Bearer a b"])
def test_it_answers_401_for_an_unknown_or_malformed_token(header):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=header)
    response = client.get("/api/v1/claims/")
    assert response.status_code == 401
    assert response.json()["message"]


def test_it_stops_accepting_a_token_once_it_is_revoked():
    user = UserFactory(role="editor")
    token, key = token_create(user=user, name="t", scope="write")
    assert bearer(key).get("/api/v1/claims/").status_code == 200
    token_revoke(token=token, user=user)
    response = bearer(key).get("/api/v1/claims/")
    assert response.status_code == 401
    assert "revoked" in response.json()["message"]


def test_it_lets_only_the_owner_or_staff_revoke_a_token():
    owner, other = UserFactory(), UserFactory()
    token, _ = token_create(user=owner, name="t")
    with pytest.raises(TokenError):
        token_revoke(token=token, user=other)
    assert ApiToken.objects.get(pk=token.pk).revoked_at is None


def test_it_refuses_tokens_of_inactive_users():
    user = UserFactory(role="editor")
    _, key = token_create(user=user, name="t", scope="read")
    user.is_active = False
    user.save(update_fields=["is_active"])
    assert bearer(key).get("/api/v1/claims/").status_code == 401


# --- the token page ----------------------------------------------------------------------


def test_it_shows_a_new_key_once_on_the_token_page(client):
    editor = UserFactory(role="editor")
    client.force_login(editor)
    response = client.post(reverse("api-tokens"), {"name": "newsroom dashboard", "scope": "write"})
    assert response.status_code == 200
    key = KEY.search(response.content.decode()).group(0)
    token = ApiToken.objects.get(user=editor)
    assert (token.name, token.scope, token.key_hash) == ("newsroom dashboard", "write", ApiToken.hash_key(key))
    again = client.get(reverse("api-tokens")).content.decode()
    assert "newsroom dashboard" in again
    assert key not in again
    assert token.prefix in again
    assert bearer(key).get("/api/v1/claims/").status_code == 200


def test_it_offers_the_write_scope_only_to_editors(client):
    client.force_login(UserFactory(role="journalist"))
    response = client.post(reverse("api-tokens"), {"name": "mine", "scope": "write"})
    assert response.status_code == 400
    assert not ApiToken.objects.exists()
    assert client.post(reverse("api-tokens"), {"name": "mine", "scope": "read"}).status_code == 200


def test_it_revokes_a_token_from_the_token_page(client):
    user = UserFactory(role="journalist")
    token, key = token_create(user=user, name="old laptop")
    client.force_login(user)
    response = client.post(reverse("api-token-revoke", args=[token.pk]))
    assert response.status_code == 302
    assert ApiToken.objects.get(pk=token.pk).revoked_at is not None
    assert bearer(key).get("/api/v1/claims/").status_code == 401
    assert "revoked" in client.get(reverse("api-tokens")).content.decode()


def test_it_does_not_let_a_user_revoke_someone_elses_token_from_the_page(client):
    token, _ = token_create(user=UserFactory(), name="theirs")
    client.force_login(UserFactory())
    assert client.post(reverse("api-token-revoke", args=[token.pk])).status_code == 404
    assert ApiToken.objects.get(pk=token.pk).revoked_at is None


def test_it_sends_anonymous_visitors_of_the_token_page_to_log_in(client):
    response = client.get(reverse("api-tokens"))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


# --- the admin ---------------------------------------------------------------------------


def test_it_lets_an_admin_create_a_token_and_shows_the_key_once(client):
    admin = UserFactory(username="root")
    admin.is_staff = admin.is_superuser = True
    admin.save()
    owner = UserFactory(role="editor")
    client.force_login(admin)
    response = client.post(
        reverse("admin:claims_apitoken_add"), {"user": owner.pk, "name": "feeder", "scope": "write"}, follow=True
    )
    assert response.status_code == 200
    key = KEY.search(response.content.decode()).group(0)
    token = ApiToken.objects.get()
    assert (token.user, token.key_hash) == (owner, ApiToken.hash_key(key))
    assert key not in client.get(reverse("admin:claims_apitoken_change", args=[token.pk])).content.decode()
    assert bearer(key).post("/api/v1/ingest/", {"text": "Two people died."}, format="json").status_code == 202


# --- the lookup on each API request ------------------------------------------------------


def test_it_finds_the_same_token_and_user_through_the_api_lookup_as_through_the_service():
    from claims.api.authentication import token_lookup as api_lookup

    user = UserFactory(role="editor")
    _, key = token_create(user=user, name="t", scope="write")
    found, stored = api_lookup(key), token_lookup(key)
    assert found == stored
    assert {f.attname: getattr(found, f.attname) for f in ApiToken._meta.concrete_fields} == {
        f.attname: getattr(stored, f.attname) for f in ApiToken._meta.concrete_fields
    }
    assert found.user == user
    assert (found.user.username, found.user.is_active, found.user.date_joined) == (
        user.username,
        user.is_active,
        user.date_joined,
    )
    assert api_lookup("nc_unknown") is None
    assert api_lookup("nc_" + "x" * 300) is None


def test_it_asks_the_database_once_per_request_and_writes_last_used_at_at_most_once_a_minute(
    django_assert_num_queries,
):
    user = UserFactory(role="journalist")
    token, key = token_create(user=user, name="t", scope="read")
    client = bearer(key)
    assert client.get("/api/v1/claims/").status_code == 200  # first use: the lookup, the touch, the page
    first_use = ApiToken.objects.get(pk=token.pk).last_used_at
    with django_assert_num_queries(2):  # the lookup and the page: no write within the minute
        assert client.get("/api/v1/claims/").status_code == 200
    assert ApiToken.objects.get(pk=token.pk).last_used_at == first_use
    token_revoke(token=token, user=user)
    assert client.get("/api/v1/claims/").status_code == 401
