"""API tokens: created for a user (the key is returned once), looked up by hash, revoked."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from ..models import ApiToken, TokenScope

# last_used_at is written at most this often, so a busy client does not write on every request.
LAST_USED_RESOLUTION = timedelta(minutes=1)


class TokenError(ValueError):
    """The token cannot be created or revoked as asked; the message says why."""


@transaction.atomic
def token_create(*, user: Any, name: str, scope: str = TokenScope.READ) -> tuple[ApiToken, str]:
    """A new token for ``user``. Returns the row and the key; only the key's SHA-256 is stored."""
    name = (name or "").strip()[:100]
    if not name:
        raise TokenError("Give the token a name, so you can tell your tokens apart.")
    if scope not in TokenScope.values:
        raise TokenError(f"Scope must be one of {', '.join(TokenScope.values)}.")
    key = ApiToken.generate_key()
    token = ApiToken.objects.create(user=user, name=name, scope=scope, prefix=key[:12], key_hash=ApiToken.hash_key(key))
    return token, key


@transaction.atomic
def token_revoke(*, token: ApiToken, user: Any) -> ApiToken:
    """Revoke ``token``; its owner or staff may. Revoking twice keeps the first time."""
    if token.user_id != user.pk and not (user.is_staff or user.is_superuser):
        raise TokenError("You can revoke only your own tokens.")
    ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(revoked_at=timezone.now())
    token.refresh_from_db(fields=["revoked_at"])
    return token


def token_lookup(key: str) -> ApiToken | None:
    """The token with this key (active or revoked), with its user; None when unknown."""
    if not key or len(key) > 200:
        return None
    return ApiToken.objects.select_related("user").filter(key_hash=ApiToken.hash_key(key)).first()


def token_touch(*, token: ApiToken) -> None:
    """Record that the token was used, at most once per LAST_USED_RESOLUTION."""
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
