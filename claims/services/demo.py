"""The demo's logins: one account per role, with a fresh password each time they are reset."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

from ..roles import EDITOR, JOURNALIST


@dataclass(frozen=True)
class DemoLogin:
    username: str
    password: str
    role: str  # what the account is for, in words


# username, group (None: no group), staff and superuser, what it is for
DEMO_ACCOUNTS: tuple[tuple[str, str | None, bool, str], ...] = (
    ("editor", EDITOR, False, "edits and reviews"),
    ("journalist", JOURNALIST, False, "reads and exports"),
    ("admin", None, True, "staff: the /admin/ site"),
)


@transaction.atomic
def demo_accounts_reset() -> list[DemoLogin]:
    """Create the demo accounts that are missing, give every one a new random password, return them.

    Each account is made active and put back in its role (an editor removed from the editor
    group gets it again), so the printed logins always work as described.
    """
    User = get_user_model()
    logins = []
    for username, group_name, staff, role in DEMO_ACCOUNTS:
        user, _ = User.objects.get_or_create(username=username)
        password = secrets.token_urlsafe(12)
        user.set_password(password)
        user.is_active = True
        user.is_staff = staff
        user.is_superuser = staff
        user.save(update_fields=["password", "is_active", "is_staff", "is_superuser"])
        if group_name:
            group, _ = Group.objects.get_or_create(name=group_name)
            user.groups.add(group)
        logins.append(DemoLogin(username=username, password=password, role=role))
    return logins
