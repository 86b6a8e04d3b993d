"""The one CSV writer of every download (page exports, API exports, figure tables).

Rows stream as text in batches, so an export of any size runs in constant memory. A text cell a
spreadsheet would run as a formula (it starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
return) gets a leading apostrophe; a plain number such as ``-5`` or ``+3.5`` is left as it is.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")
BATCH = 500  # rows per chunk handed to the server: fewer, larger writes


def cell(value: Any) -> Any:
    """The value, with text that would start a spreadsheet formula made inert."""
    if isinstance(value, str) and value.startswith(FORMULA_START) and not _NUMBER.fullmatch(value):
        return "'" + value
    return value


class _Echo:
    """A file-like object whose write returns what it was given (for csv.writer)."""

    def write(self, value: str) -> str:
        return value


def csv_lines(columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> Iterator[str]:
    """The header, then the rows (values in column order; None is written as an empty cell)."""
    writer = csv.writer(_Echo())
    yield writer.writerow([cell(c) for c in columns])
    batch: list[str] = []
    for row in rows:
        batch.append(writer.writerow([cell(v) for v in row]))
        if len(batch) >= BATCH:
            yield "".join(batch)
            batch = []
    if batch:
        yield "".join(batch)
