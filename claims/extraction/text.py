"""Paragraph and sentence boundaries, computed with linear-time regexes."""

from __future__ import annotations

import re
from bisect import bisect_right

_PARA_BREAK = re.compile(r"\n[ \t\r\f\v]*\n\s*")
# A sentence ends at . ! or ? (and any closing marks) before whitespace and a capital,
# a digit or an opening quotation mark.
# "[.!?][.!?]*" rather than "[.!?]+": a pattern opening with a plain character class is scanned for
# fast, one opening with a repeat is tried at every position.
_SENT_END = re.compile(r"[.!?][.!?]*[\"”’')\]]*(?=\s+[\"“‘(\[]?[A-Z0-9])|\n")
_ABBREV_BEFORE = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|St|Gen|Sen|Rep|Gov|Lt|Col|Capt|Sgt|Prof|Jr|Sr|Maj|Adm|Rev|No|Vs|vs|Inc|Co|Corp|Ltd|Mt|Ft)|\b[A-Z]|\b(?:[A-Z]\.)+[A-Z])$"
)


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-empty paragraph; paragraphs are separated by a blank line."""
    out: list[tuple[int, int]] = []
    pos = 0
    for m in _PARA_BREAK.finditer(text):
        if text[pos : m.start()].strip():
            out.append((pos, m.start()))
        pos = m.end()
    if text[pos:].strip():
        out.append((pos, len(text)))
    return out


_LETTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")


def _abbreviation_before(text: str, pos: int) -> bool:
    """_ABBREV_BEFORE in the 6 characters before pos. Each of its matches ends with a letter, right
    before pos or before a newline there, so the search is skipped when no letter stands there."""
    if pos < 1:
        return False
    c = text[pos - 1]
    if c not in _LETTERS and not (c == "\n" and pos >= 2 and text[pos - 2] in _LETTERS):
        return False
    return bool(_ABBREV_BEFORE.search(text, max(0, pos - 6), pos))


def sentence_starts(text: str) -> list[int]:
    """Offsets where sentences start (0 first), sorted; abbreviations and initials do not end one."""
    starts = [0]
    for m in _SENT_END.finditer(text):
        if m.end() <= starts[-1]:
            continue  # inside a run of blank lines already skipped: keeps this linear
        if m.group() != "\n" and _abbreviation_before(text, m.start()):
            continue
        nxt = m.end()
        while nxt < len(text) and text[nxt].isspace():
            nxt += 1
        if nxt > starts[-1]:
            starts.append(nxt)
    return starts


class Layout:
    """Paragraph and sentence lookups by offset, in O(log n)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.paras = paragraphs(text) or [(0, len(text))]
        self._para_starts = [s for s, _ in self.paras]
        self.sents = sentence_starts(text)

    def para_index(self, pos: int) -> int:
        return max(0, bisect_right(self._para_starts, pos) - 1)

    def para_of(self, pos: int) -> tuple[int, int]:
        return self.paras[self.para_index(pos)]

    def sentence_start(self, pos: int, skip: list[tuple[int, int]] | None = None) -> int:
        """Start of the sentence holding pos, ignoring boundaries inside the given spans."""
        i = bisect_right(self.sents, pos) - 1
        para_start = self.para_of(pos)[0]
        floor = i - 50  # look back over at most 50 boundaries inside quotations: linear time
        while i > 0 and i > floor:
            s = self.sents[i]
            if s <= para_start:
                return para_start
            if skip and _inside(s - 1, skip):
                i -= 1
                continue
            return s
        return para_start if i <= 0 else max(para_start, self.sents[i])

    def sentence_end(self, pos: int, skip: list[tuple[int, int]] | None = None) -> int:
        """Offset where the sentence holding pos ends (next boundary or paragraph end)."""
        para_end = self.para_of(pos)[1]
        i = bisect_right(self.sents, pos)
        ceiling = i + 50
        while i < len(self.sents) and self.sents[i] < para_end and i < ceiling:
            s = self.sents[i]
            if skip and _inside(s - 1, skip):
                i += 1
                continue
            return s
        return para_end


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    """Whether pos lies inside one of the sorted, disjoint spans."""
    i = bisect_right(spans, (pos, 1 << 62)) - 1
    return i >= 0 and spans[i][0] <= pos < spans[i][1]
