"""CSV and JSON Lines: lists stream row by row (constant memory); single items render as one row."""

from __future__ import annotations

import io
import json
from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import Any

from rest_framework.renderers import BaseRenderer
from rest_framework.utils.encoders import JSONEncoder

from ..lib.csv import BATCH, csv_lines


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


def csv_dict_lines(columns: list[str], rows: Iterable[dict]) -> Iterator[str]:
    """CSV of serializer output: each row's values flattened (lists joined, dicts as JSON)."""
    return csv_lines(columns, ([flat_value(row.get(c)) for c in columns] for row in rows))


def jsonl_lines(rows: Iterable[dict]) -> Iterator[str]:
    encoder = JSONEncoder(ensure_ascii=False, separators=(",", ":"))
    batch: list[str] = []
    for row in rows:
        batch.append(encoder.encode(row))
        if len(batch) >= BATCH:
            yield "\n".join(batch) + "\n"
            batch = []
    if batch:
        yield "\n".join(batch) + "\n"


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
        for line in csv_dict_lines(columns, rows):
            buffer.write(line)
        return buffer.getvalue().encode()


class JSONLinesRenderer(BaseRenderer):
    media_type = "application/jsonl"
    format = "jsonl"
    charset = "utf-8"

    def render(self, data: Any, accepted_media_type: str | None = None, renderer_context: Any = None) -> bytes:
        return "".join(jsonl_lines(_rows(data))).encode()
