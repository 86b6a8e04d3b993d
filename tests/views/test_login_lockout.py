"""Login throttling: an account, and an address, are locked after too many wrong passwords."""

from __future__ import annotations

import pytest

from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def _login(client, username: str, password: str, address: str = "203.0.113.7", url: str = "/accounts/login/"):
    return client.post(url, {"username": username, "password": password}, REMOTE_ADDR=address)


def test_it_locks_an_account_after_five_wrong_passwords_even_for_the_right_one(client, settings):
    UserFactory(username="maria", role="editor")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _login(client, "maria", "wrong").status_code == 200  # the form again, with its error
    locked = _login(client, "maria", "wrong")
    assert locked.status_code == 429
    assert b"Too many failed logins" in locked.content
    assert b"Try again in" in locked.content

    right = _login(client, "maria", PASSWORD, address="198.51.100.20")  # another address: the account is locked
    assert right.status_code == 429
    assert "_auth_user_id" not in client.session


def test_it_locks_an_address_that_tries_many_accounts(client, settings):
    UserFactory(username="kofi", role="editor")
    for n in range(settings.AXES_FAILURE_LIMIT):
        _login(client, f"someone{n}", "guess", address="192.0.2.50")
    assert _login(client, "kofi", PASSWORD, address="192.0.2.50").status_code == 429
    assert _login(client, "kofi", PASSWORD, address="192.0.2.51").status_code == 302  # kofi himself is fine


def test_the_admin_login_is_locked_the_same_way(client, settings):
    UserFactory(username="root", role="editor", is_staff=True, is_superuser=True)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(client, "root", "wrong", url="/admin/login/")
    response = _login(client, "root", PASSWORD, url="/admin/login/")
    assert response.status_code == 429 and b"Too many failed logins" in response.content


def test_a_right_password_before_the_limit_logs_in_and_clears_the_count(client, settings):
    UserFactory(username="li", role="editor")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        _login(client, "li", "wrong")
    assert _login(client, "li", PASSWORD).status_code == 302
    client.logout()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        _login(client, "li", "wrong")
    assert _login(client, "li", PASSWORD).status_code == 302
