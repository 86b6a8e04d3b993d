"""Part-of: which claim's total a breakdown breaks down ("including 3,000 children", "of whom 900").

The frame's ``part_of`` field; split from :mod:`claims.extraction.frame`. No Django.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from claims.extraction.frame import Evidence

# A breakdown of the count before it: "including 3,000 children", "of whom 900", ": 50 Nepalis".
_PART_BEFORE_RE = re.compile(
    r"(?i:\b(?:including|includes|included|among\s+them|among\s+whom|of\s+whom|of\s+them|of\s+those|of\s+these|"
    r"among\s+those(?:\s+\w+){0,3}\s+(?:were|are)|among\s+the\s+(?:dead|killed|victims|injured|wounded)(?:\s+(?:were|are))?|"
    r"they\s+included|those\s+included|comprising|namely|such\s+as)\s*(?:at\s+least\s+|more\s+than\s+|about\s+|some\s+)?$)"
)
_PART_OPENERS_RE = re.compile(
    r"\s*(?:They|Those|These|Of\s+(?:them|those|these|whom|the\s+\w+)|Among\s+(?:them|those|the\s+\w+)|Another|"
    r"A\s+further)\b"
)
_PART_AFTER_RE = re.compile(
    r"\s+(?:of\s+(?:them|whom|those|these)|in\s+(?:critical|serious|stable)\s+condition)\b", re.I
)
_LIST_JOIN_RE = re.compile(r"[\s,]*(?:and\s+|as\s+well\s+as\s+)?$")
_COLON_RE = re.compile(r":\s*$")
_CLAUSE_BREAK_RE = re.compile(r"[;:!?]")


def find_parts(text: str, evidence: Sequence[Evidence]) -> list[int | None]:
    """For each claim, the index of the total it breaks down, or None.

    A breakdown follows its total in the same sentence ("including", "of whom", "among them", a colon,
    "N of them") or opens the next sentence of the paragraph by referring back ("They included",
    "Among them"); a list of breakdowns ("201 children, 96 women and 40 pensioners") shares one total.
    """
    parts: list[int | None] = [None] * len(evidence)
    for i in range(1, len(evidence)):
        ev = evidence[i]
        j = i - 1
        prev = evidence[j]
        same_sentence = prev.sentence == ev.sentence
        opener = (
            not same_sentence
            and prev.paragraph_start == ev.paragraph_start
            and prev.sentence[1] <= ev.sentence[0]
            and _PART_OPENERS_RE.match(text, ev.sentence[0], ev.start) is not None
        )
        if not (same_sentence or opener):
            continue
        if ev.money != prev.money or ev.percent != prev.percent:
            continue
        between = text[prev.end : ev.start]
        if parts[j] is not None and same_sentence and _LIST_JOIN_RE.match(between) and len(between) < 12:
            parts[i] = parts[j]  # the next item of a list of breakdowns
            continue
        total = parts[j] if parts[j] is not None else j
        cue_before = _PART_BEFORE_RE.search(text, max(prev.end, ev.start - 60), ev.start) is not None
        colon = same_sentence and _COLON_RE.search(between) is not None
        colon = colon and _CLAUSE_BREAK_RE.search(between.rstrip()[:-1]) is None  # the colon is its only break
        cue_after = _PART_AFTER_RE.match(text, ev.number_end, min(len(text), ev.number_end + 40)) is not None
        if (cue_before or colon or cue_after or opener) and (same_sentence or cue_before or opener):
            if opener and not (
                cue_before or cue_after or colon or _PART_OPENERS_RE.match(text, ev.sentence[0], ev.start)
            ):
                continue
            parts[i] = total
    return parts


__all__ = ["find_parts"]
