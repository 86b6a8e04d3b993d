"""The one CSV writer: formula guard and streaming."""

from __future__ import annotations

import csv
import io

from claims.lib.csv import BATCH, cell, csv_lines


def _parse(lines) -> list[list[str]]:
    return list(csv.reader(io.StringIO("".join(lines))))


def test_it_makes_text_that_starts_a_formula_inert():
    for text in ("=SUM(A1:A2)", "+cmd", "-2+3", "@lookup", "\tx", "\rx"):
        assert cell(text) == "'" + text


def test_it_leaves_numbers_and_ordinary_text_alone():
    for value in ("-5", "+3.5", "-0.25", "1e3", "Gaza", "", 12, None):
        assert cell(value) == value


def test_it_writes_a_header_and_rows_with_none_as_empty():
    rows = _parse(csv_lines(["a", "b"], [["=1+1", None], ["x", 2]]))
    assert rows == [["a", "b"], ["'=1+1", ""], ["x", "2"]]


def test_it_streams_rows_in_batches():
    chunks = list(csv_lines(["n"], ([i] for i in range(BATCH * 2 + 1))))
    assert len(chunks) == 1 + 3
    assert len(_parse(chunks)) == BATCH * 2 + 2
