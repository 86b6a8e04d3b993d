"""Who is calling: a per-user API token (``Authorization: Bearer nc_…``) or the browser session."""

from __future__ import annotations

from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.backends.base.base import BaseDatabaseWrapper
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions
from rest_framework.request import Request

from ..models import ApiToken
from ..services.tokens import token_touch

KEYWORDS = {b"bearer", b"token"}
MAX_KEY_LENGTH = 200


class _TokenQuery:
    """``token_lookup`` as one indexed query (``key_hash`` is unique) whose SQL is compiled once per
    database connection: every request asks the database (a revoked token is refused at once), but
    none rebuilds the ORM query, which cost more than the query itself."""

    def __init__(self, connection: BaseDatabaseWrapper) -> None:
        queryset = ApiToken.objects.select_related("user").filter(key_hash="").order_by()
        self.compiler = queryset.query.get_compiler(connection=connection)
        self.sql, params = self.compiler.as_sql()
        if list(params) != [""]:
            raise AssertionError(f"unexpected token query parameters: {params!r}")
        select, klass_info = self.compiler.select, self.compiler.klass_info
        self.converters = self.compiler.get_converters([col for col, _, _ in select])
        (user_info,) = klass_info["related_klass_infos"]
        self.token_at = klass_info["select_fields"]
        self.token_names = [select[i][0].target.attname for i in self.token_at]
        self.user_model = user_info["model"]
        self.user_at = user_info["select_fields"]
        self.user_names = [select[i][0].target.attname for i in self.user_at]

    def __call__(self, key: str) -> ApiToken | None:
        connection = self.compiler.connection
        with connection.cursor() as cursor:
            cursor.execute(self.sql, [ApiToken.hash_key(key)])
            row = cursor.fetchone()
        if row is None:
            return None
        if self.converters:
            (row,) = self.compiler.apply_converters([row], self.converters)
        token = ApiToken.from_db(connection.alias, self.token_names, [row[i] for i in self.token_at])
        token.user = self.user_model.from_db(connection.alias, self.user_names, [row[i] for i in self.user_at])
        return token


def token_lookup(key: str) -> ApiToken | None:
    """The token with this key (active or revoked), with its user; None when unknown."""
    if not key or len(key) > MAX_KEY_LENGTH:
        return None
    connection = connections[DEFAULT_DB_ALIAS]
    query = getattr(connection, "_newsclaims_token_query", None)
    if query is None:
        query = _TokenQuery(connection)
        connection.__dict__["_newsclaims_token_query"] = query  # one per connection, so per thread
    return query(key)


class ApiTokenAuthentication(authentication.BaseAuthentication):
    """``Authorization: Bearer <key>`` (``Token <key>`` also works). ``request.auth`` is the ApiToken."""

    def authenticate(self, request: Request) -> tuple[Any, ApiToken] | None:
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() not in KEYWORDS:
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed("Malformed Authorization header: use 'Bearer <token>'.")
        try:
            key = header[1].decode()
        except UnicodeDecodeError:
            raise exceptions.AuthenticationFailed("The token contains invalid characters.") from None
        token = token_lookup(key)
        if token is None:
            raise exceptions.AuthenticationFailed("Invalid token.")
        if token.revoked_at is not None:
            raise exceptions.AuthenticationFailed("This token was revoked.")
        if not token.user.is_active:
            raise exceptions.AuthenticationFailed("The token's user is inactive.")
        token_touch(token=token)
        return token.user, token

    def authenticate_header(self, request: Request) -> str:
        return 'Bearer realm="api"'


class ApiTokenScheme(OpenApiAuthenticationExtension):
    target_class = ApiTokenAuthentication
    name = "tokenAuth"

    def get_security_definition(self, auto_schema: Any) -> dict:
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "A personal API token from /api/v1/tokens/ (scope read or write).",
        }
