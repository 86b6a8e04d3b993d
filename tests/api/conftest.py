"""API fixtures: clients for each kind of caller, tokens, and a clean throttle between tests."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from claims.services.tokens import token_create, token_revoke
from tests.factories import UserFactory


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _fresh_throttle():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def api() -> APIClient:
    return APIClient()


def _client(**headers: str) -> APIClient:
    client = APIClient()
    client.credentials(**headers)
    return client


@pytest.fixture
def token_client(db) -> Callable[..., APIClient]:
    """A client sending a fresh token: ``token_client(role="editor", scope="write")``."""

    def make(*, role: str = "editor", scope: str = "read", revoked: bool = False) -> APIClient:
        user = UserFactory(role=role)
        token, key = token_create(user=user, name=f"{role} {scope}", scope=scope)
        if revoked:
            token_revoke(token=token, user=user)
        client = _client(HTTP_AUTHORIZATION=f"Bearer {key}")
        client.user, client.token, client.key = user, token, key
        return client

    return make


@pytest.fixture
def editor_api(editor) -> APIClient:
    client = APIClient()
    client.force_login(editor)
    return client


@pytest.fixture
def journalist_api(journalist) -> APIClient:
    client = APIClient()
    client.force_login(journalist)
    return client


@pytest.fixture
def write_api(token_client) -> APIClient:
    return token_client(role="editor", scope="write")
