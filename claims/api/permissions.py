"""What a caller may do: read with read access, write as an editor with a session or a write token."""

from __future__ import annotations

from typing import Any

from rest_framework import permissions
from rest_framework.request import Request

from ..models import ApiToken, TokenScope
from ..roles import can_edit, can_read

# Members of this group may POST to /api/v1/ingest/ (with a write token) without being editors.
INGEST_GROUP = "ingest"


def token_may_write(request: Request) -> bool:
    """A session may write; a token only when its scope is write."""
    auth = request.auth
    return not isinstance(auth, ApiToken) or auth.scope == TokenScope.WRITE


def _in_group(user: Any, name: str) -> bool:
    if not user.is_authenticated:
        return False
    return user.groups.filter(name=name).exists()


class ReadOrEdit(permissions.BasePermission):
    """Safe methods need read access; anything else needs an editor (and a write-scoped token)."""

    message = "Only editors may change data, and API tokens need the write scope."

    def has_permission(self, request: Request, view: Any) -> bool:
        if request.method in permissions.SAFE_METHODS:
            if not can_read(request.user):
                self.message = "Log in or send an API token to read."
                return False
            return True
        if not request.user.is_authenticated:
            self.message = "Log in or send an API token with the write scope."
            return False
        if not token_may_write(request):
            self.message = "This token is read-only: create a token with the write scope to change data."
            return False
        if not can_edit(request.user):
            self.message = "Only editors may change data."
            return False
        return True


def is_ingest_client(user: Any) -> bool:
    return _in_group(user, INGEST_GROUP)


class CanIngest(permissions.BasePermission):
    """Editors, and members of the ``ingest`` group, with a session or a write token.

    Reading jobs needs the same people (any token scope): like the ingest pages, jobs are not
    for journalists (they hold pasted text and who sent it). Ingest clients see their own jobs.
    """

    message = "Only editors and ingest clients may submit articles, and API tokens need the write scope."

    def has_permission(self, request: Request, view: Any) -> bool:
        if not request.user.is_authenticated:
            return False
        if request.method in permissions.SAFE_METHODS:
            return can_edit(request.user) or is_ingest_client(request.user)
        if not token_may_write(request):
            self.message = "This token is read-only: create a token with the write scope to submit articles."
            return False
        return can_edit(request.user) or _in_group(request.user, INGEST_GROUP)
