"""The API's cursor: claims.lib.keyset's pages behind an opaque ``?cursor=``, with Link headers.

The cursor holds the sort key of the last (or first) row seen, every ordering column with ``id``
last (DRF's own cursor counts an offset inside runs of equal values, which a change can shift).
"""

from __future__ import annotations

import base64
import binascii
import json
from decimal import Decimal
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django.conf import settings
from django.core.exceptions import EmptyResultSet
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import connections
from django.db.models import QuerySet
from django.db.models.query import ValuesListIterable
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import BasePagination
from rest_framework.request import Request
from rest_framework.response import Response

from ..input_guard import BadInput, finite_decimal
from ..lib import keyset

MAX_PAGE_SIZE = 500


def _bad(param: str, message: str) -> ValidationError:
    return ValidationError({param: [message]})


class Cursor(BasePagination):
    """``?page_size=`` (1–500, default 50) and an opaque ``?cursor=`` from ``next``/``previous``."""

    page_size = 50
    page_size_query_param = "page_size"
    cursor_query_param = "cursor"
    max_page_size = MAX_PAGE_SIZE
    ordering: tuple[str, ...] = ("-id",)

    # --- parameters ------------------------------------------------------------------------

    def get_page_size(self, request: Request) -> int:
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None or raw == "":
            return self.page_size
        try:
            size = int(raw)
        except ValueError:
            raise _bad(self.page_size_query_param, f"A whole number from 1 to {MAX_PAGE_SIZE} is required.") from None
        if size < 1:
            raise _bad(self.page_size_query_param, f"A whole number from 1 to {MAX_PAGE_SIZE} is required.")
        return min(size, self.max_page_size)

    def get_ordering(self, request: Request, queryset: QuerySet, view: Any) -> tuple[str, ...]:
        for backend in getattr(view, "filter_backends", []):
            if hasattr(backend, "get_ordering"):
                ordering = backend().get_ordering(request, queryset, view)
                if ordering:
                    ordering = tuple(ordering)
                    break
        else:
            ordering = tuple(getattr(view, "ordering", None) or self.ordering)
        if ordering[-1].lstrip("-") != "id":
            ordering = (*ordering, "-id" if ordering[0].startswith("-") else "id")
        return ordering

    def decode_cursor(self, request: Request, model: Any) -> tuple[list[Any], bool] | None:
        raw = request.query_params.get(self.cursor_query_param)
        if not raw:
            return None
        try:
            data = json.loads(base64.urlsafe_b64decode(raw.encode("ascii") + b"=" * (-len(raw) % 4)))
            keys, reverse = data["k"], bool(data.get("r"))
            if not isinstance(keys, list) or len(keys) != len(self.ordering):
                raise ValueError
            fields = [model._meta.get_field(name.lstrip("-")) for name in self.ordering]
            values = [field.to_python(key) for field, key in zip(fields, keys, strict=True)]
            if any(value is None for value in values):
                raise ValueError
            for value in values:  # NaN, Infinity, 1e999999: no database compares them
                if isinstance(value, Decimal | float):
                    finite_decimal(str(value))
        except BadInput:
            raise _bad(self.cursor_query_param, "Invalid cursor: follow the next/previous links as given.") from None
        except (ValueError, KeyError, TypeError, UnicodeError, binascii.Error, DjangoValidationError):
            raise _bad(self.cursor_query_param, "Invalid cursor: follow the next/previous links as given.") from None
        return values, reverse

    def encode_cursor(self, row: Any, *, reverse: bool) -> str:
        if isinstance(row, tuple):  # a .values_list() row: its columns are the queryset's fields
            positions = {name: i for i, name in enumerate(self.fields)}
            keys = [_key(row[positions[name.lstrip("-")]]) for name in self.ordering]
        else:
            keys = [_key(_value(row, name.lstrip("-"))) for name in self.ordering]
        payload = json.dumps({"k": keys, **({"r": 1} if reverse else {})}, separators=(",", ":"))
        token = base64.urlsafe_b64encode(payload.encode()).decode().rstrip("=")
        return _replace_query(self.base_url, {self.cursor_query_param: token})

    # --- the page --------------------------------------------------------------------------

    def paginate_queryset(self, queryset: QuerySet, request: Request, view: Any = None) -> list:
        self.request = request
        self.page_size = self.get_page_size(request)
        self.base_url = request.build_absolute_uri()
        self.ordering = self.get_ordering(request, queryset, view)
        cursor = self.decode_cursor(request, queryset.model)
        reverse = bool(cursor and cursor[1])
        order = [keyset.flip(o) for o in self.ordering] if reverse else list(self.ordering)
        queryset = queryset.order_by(*order)
        self.fields = tuple(getattr(queryset, "_fields", None) or ())
        if cursor is not None:
            queryset = queryset.filter(keyset.after(order, cursor[0]))
        got = keyset.window(queryset, self.page_size, from_cursor=cursor is not None, reverse=reverse, read=_page_rows)
        self.has_previous, self.has_next = got.has_previous, got.has_next
        self.page = got.rows
        return got.rows

    def get_next_link(self) -> str | None:
        if not self.has_next or not self.page:
            return None
        return self.encode_cursor(self.page[-1], reverse=False)

    def get_previous_link(self) -> str | None:
        if not self.has_previous or not self.page:
            return None
        return self.encode_cursor(self.page[0], reverse=True)

    def get_paginated_response(self, data: Any) -> Response:
        next_link, previous_link = self.get_next_link(), self.get_previous_link()
        response = Response({"next": next_link, "previous": previous_link, "results": data})
        links = [f'<{url}>; rel="{rel}"' for url, rel in ((next_link, "next"), (previous_link, "prev")) if url]
        if links:
            response["Link"] = ", ".join(links)
        return response

    # --- schema ----------------------------------------------------------------------------

    def get_paginated_response_schema(self, schema: dict) -> dict:
        return {
            "type": "object",
            "required": ["results"],
            "properties": {
                "next": {
                    "type": "string",
                    "nullable": True,
                    "format": "uri",
                    "example": "https://newsclaims.example/api/v1/claims/?cursor=eyJrIjpbMTAwMV19",
                },
                "previous": {"type": "string", "nullable": True, "format": "uri", "example": None},
                "results": schema,
            },
        }

    def get_schema_operation_parameters(self, view: Any) -> list[dict]:
        return [
            {
                "name": self.cursor_query_param,
                "required": False,
                "in": "query",
                "description": "The pagination cursor: take it from `next` or `previous` (or the Link header).",
                "schema": {"type": "string"},
            },
            {
                "name": self.page_size_query_param,
                "required": False,
                "in": "query",
                "description": f"Items per page, 1–{MAX_PAGE_SIZE} (default {self.page_size}).",
                "schema": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE},
            },
        ]


def _page_rows(queryset: QuerySet) -> list:
    """The page's rows: ``list(queryset)``, but a ``.values_list()`` page on PostgreSQL (in UTC) is
    read with psycopg's compiled timestamptz loader instead of Django's, a Python subclass that
    parses each timestamp and then sets its zone to UTC, the zone psycopg already gives it (the
    session runs in UTC). On a page of claims that parsing was a third of the CPU time."""
    connection = connections[queryset.db]
    if (
        queryset._iterable_class is not ValuesListIterable
        or connection.vendor != "postgresql"
        or not settings.USE_TZ
        or connection.timezone_name != "UTC"
    ):
        return list(queryset)
    from psycopg.types.datetime import TimestamptzLoader

    compiler = queryset.query.get_compiler(connection=connection)
    try:
        sql, params = compiler.as_sql()
    except EmptyResultSet:
        return []
    converters = compiler.get_converters([col for col, _, _ in compiler.select[: compiler.col_count]])
    with connection.cursor() as cursor:
        cursor.cursor.adapters.register_loader("timestamptz", TimestamptzLoader)  # this cursor only
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    if compiler.has_extra_select:
        rows = [row[: compiler.col_count] for row in rows]
    if converters:
        rows = [tuple(row) for row in compiler.apply_converters(rows, converters)]
    return rows


def _value(row: Any, name: str) -> Any:
    return row[name] if isinstance(row, dict) else getattr(row, name)


def _key(value: Any) -> Any:
    if isinstance(value, int | float | str):
        return value
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def _replace_query(url: str, changes: dict[str, str]) -> str:
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k not in changes]
    query += list(changes.items())
    return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(query), parts.fragment))
