"""CSV and JSON Lines: lists stream row by row (constant memory); single items render as one row."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import Any

from rest_framework.renderers import BaseRenderer
from rest_framework.utils.encoders import JSONEncoder


def flat_value(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return "; ".join(str(flat_value(v)) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, cls=JSONEncoder, ensure_ascii=False)
    if isinstance(value, Decimal):
        return str(value)
    return value


class _Echo:
    """A file-like object whose write returns what it was given (for csv.writer)."""

    def write(self, value: str) -> str:
        return value


def csv_lines(columns: list[str], rows: Iterable[dict]) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield writer.writerow(columns)
    for row in rows:
        yield writer.writerow([flat_value(row.get(c)) for c in columns])


def jsonl_lines(rows: Iterable[dict]) -> Iterator[str]:
    encoder = JSONEncoder(ensure_ascii=False, separators=(",", ":"))
    for row in rows:
        yield encoder.encode(row) + "\n"


def _rows(data: Any) -> list[dict]:
    if data is None:
        return []
    if isinstance(data, dict) and isinstance(data.get("results"), list):
        return data["results"]
    if isinstance(data, list):
        return data
    return [data]


class CSVRenderer(BaseRenderer):
    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data: Any, accepted_media_type: str | None = None, renderer_context: Any = None) -> bytes:
        rows = _rows(data)
        columns: list[str] = []
        for row in rows:
            columns.extend(k for k in row if k not in columns)
        buffer = io.StringIO()
        for line in csv_lines(columns, rows):
            buffer.write(line)
        return buffer.getvalue().encode()


class JSONLinesRenderer(BaseRenderer):
    media_type = "application/jsonl"
    format = "jsonl"
    charset = "utf-8"

    def render(self, data: Any, accepted_media_type: str | None = None, renderer_context: Any = None) -> bytes:
        return "".join(jsonl_lines(_rows(data))).encode()
