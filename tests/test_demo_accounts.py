"""`manage.py demo_accounts`: the demo logins exist, work, change on every run, and stay off public servers."""

from __future__ import annotations

import re
from io import StringIO

import pytest
from django.contrib.auth import authenticate as django_authenticate
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import RequestFactory

from claims.roles import EDITOR, JOURNALIST, can_edit


def authenticate(*, username: str, password: str):
    """Sign-in as the login form does it: with a request (django-axes counts failures per request)."""
    request = RequestFactory().post("/accounts/login/")
    return django_authenticate(request, username=username, password=password)


LOGIN = re.compile(r"^\s+(?P<username>editor|journalist|admin)\s+(?P<password>\S+)\s+\(", re.MULTILINE)


@pytest.fixture
def debug_on(settings):
    settings.DEBUG = True


def run(*args: str) -> dict[str, str]:
    out = StringIO()
    call_command("demo_accounts", *args, stdout=out)
    return {m["username"]: m["password"] for m in LOGIN.finditer(out.getvalue())}


@pytest.mark.django_db
def test_it_creates_an_editor_a_journalist_and_a_staff_admin(debug_on):
    run()
    users = {u.username: u for u in get_user_model().objects.all()}
    assert set(users) == {"editor", "journalist", "admin"}
    assert list(users["editor"].groups.values_list("name", flat=True)) == [EDITOR]
    assert list(users["journalist"].groups.values_list("name", flat=True)) == [JOURNALIST]
    assert users["admin"].is_staff and users["admin"].is_superuser
    assert not users["editor"].is_staff and not users["journalist"].is_staff
    assert can_edit(users["editor"]) and not can_edit(users["journalist"])


@pytest.mark.django_db
def test_every_printed_password_logs_in(debug_on):
    logins = run()
    assert set(logins) == {"editor", "journalist", "admin"}
    for username, password in logins.items():
        assert authenticate(username=username, password=password) is not None, username


@pytest.mark.django_db
def test_a_second_run_resets_the_passwords(debug_on):
    first = run()
    second = run()
    assert get_user_model().objects.count() == 3
    for username in first:
        assert first[username] != second[username]
        assert authenticate(username=username, password=first[username]) is None
        assert authenticate(username=username, password=second[username]) is not None


@pytest.mark.django_db
def test_it_puts_a_demoted_or_disabled_account_back_in_its_role(debug_on):
    run()
    User = get_user_model()
    editor = User.objects.get(username="editor")
    editor.groups.clear()
    editor.is_active = False
    editor.save()
    logins = run()
    editor = authenticate(username="editor", password=logins["editor"])
    assert editor is not None and can_edit(editor)


@pytest.mark.django_db
def test_the_admin_login_opens_the_admin_site(debug_on, client):
    logins = run()
    signed_in = client.post("/admin/login/", {"username": "admin", "password": logins["admin"], "next": "/admin/"})
    assert signed_in.status_code == 302
    assert client.get("/admin/").status_code == 200


@pytest.mark.django_db
def test_it_refuses_with_debug_off_unless_forced(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG is off"):
        run()
    assert not get_user_model().objects.exists()
    assert set(run("--force")) == {"editor", "journalist", "admin"}


@pytest.mark.django_db
def test_load_demo_prints_the_logins_unless_told_not_to(debug_on, tmp_path):
    empty = tmp_path / "none.jsonl"
    empty.write_text("", encoding="utf-8")
    out = StringIO()
    call_command("load_demo", "--file", str(empty), "--no-users", stdout=out)
    assert not get_user_model().objects.exists()
    call_command("load_demo", "--file", str(empty), stdout=out)
    logins = {m["username"]: m["password"] for m in LOGIN.finditer(out.getvalue())}
    assert authenticate(username="editor", password=logins["editor"]) is not None
