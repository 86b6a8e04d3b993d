"""Paragraph and sentence boundaries, computed with linear-time regexes."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator

from claims.extraction.lexicon import _words

_PARA_BREAK = re.compile(r"\n[ \t\r\f\v]*\n\s*")
# A sentence ends at . ! or ? (and any closing marks) before whitespace and a capital,
# a digit or an opening quotation mark.
# "[.!?][.!?]*" rather than "[.!?]+": a pattern opening with a plain character class is scanned for
# fast, one opening with a repeat is tried at every position.
_SENT_END = re.compile(r"[.!?][.!?]*[\"”’')\]]*(?=\s+[\"“‘(\[]?[A-Z0-9])|\n")
# Words shortened with a full stop that does not end a sentence: titles and months as news copy
# abbreviates them ("Idaho Gov.", "Feb. 3"), initials and "U.S.", "U.N.". Not US states: "in Portland,
# Ore." ends sentences more often than it stands before a capital inside one.
ABBREVIATIONS = _words("""
Mr Mrs Ms Messrs Dr St Gen Gens Sen Rep Gov Lt Col Capt Cmdr Sgt Cpl Pvt Prof Jr Sr Maj Adm Brig Rev Fr
Hon Atty Det Insp Supt Dist Dept Gov Pres Sec No Nos Vs vs Inc Co Corp Ltd Bros Mt Ft approx est
Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec
""")
_ABBREV_BEFORE = re.compile(
    r"(?:\b(?:" + "|".join(sorted(ABBREVIATIONS, key=len, reverse=True)) + r")|\b[A-Z]|\b(?:[A-Z]\.)+[A-Z])$"
)
_ABBREV_REACH = max(len(a) for a in ABBREVIATIONS) + 1


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


def abbreviation_before(text: str, pos: int) -> bool:
    """Whether the full stop at pos ends an abbreviation or an initial ("Gov.", "Feb.", "U.S.", "J.").
    Each one ends with a letter right before pos, so the search is skipped when none stands there."""
    if pos < 1 or text[pos - 1] not in _LETTERS:
        return False
    return bool(_ABBREV_BEFORE.search(text, max(0, pos - _ABBREV_REACH), pos))


_last_breaks: tuple[str, list[tuple[int, int]]] = ("", [])


def sentence_breaks(text: str) -> list[tuple[int, int]]:
    """(offset of the closing punctuation or line break, offset where the next sentence starts) for
    every sentence end of text, in order: THE sentence splitter of the engine. Abbreviations and
    initials do not end a sentence; a line break always does. The last text's breaks are kept: the
    actor and the number readers of one extraction both ask for them."""
    global _last_breaks
    held, breaks = _last_breaks
    if held is text:
        return breaks
    breaks = list(_sentence_breaks(text))
    _last_breaks = (text, breaks)
    return breaks


def _sentence_breaks(text: str) -> Iterator[tuple[int, int]]:
    last = 0
    n = len(text)
    for m in _SENT_END.finditer(text):
        if m.end() <= last:
            continue  # inside a run of blank lines already skipped: keeps this linear
        if m.group() != "\n" and text[m.start()] == "." and abbreviation_before(text, m.start()):
            continue
        nxt = m.end()
        while nxt < n and text[nxt].isspace():
            nxt += 1
        if nxt > last:
            last = nxt
            yield m.start(), nxt


def sentence_starts(text: str) -> list[int]:
    """Offsets where sentences start (0 first), sorted."""
    return [0, *(nxt for _, nxt in sentence_breaks(text) if nxt > 0)]


def sentence_around(text: str, start: int, end: int, limit: int = 400) -> tuple[int, int]:
    """The bounds of the sentence holding ``text[start:end]`` (several, when the span crosses a
    break), at most ``limit`` characters: a longer sentence is cut to a window centred on the
    span. The span itself is always inside, whatever its length."""
    starts = sentence_starts(text)
    first = starts[bisect_right(starts, start) - 1]
    nexts = [nxt for _, nxt in sentence_breaks(text)]
    at = bisect_left(nexts, max(end, first + 1))
    last = nexts[at] if at < len(nexts) else len(text)
    while last > end and text[last - 1].isspace():
        last -= 1
    if last - first > limit:
        room = max(0, limit - (end - start))
        before = min(start - first, room // 2)
        after = min(last - end, room - before)
        before = min(start - first, room - after)
        first, last = start - before, end + after
    return first, last


def sentence_of(text: str, start: int, end: int, limit: int = 400) -> str:
    """The text of ``sentence_around``: what a claim stores as its sentence."""
    first, last = sentence_around(text, start, end, limit)
    return text[first:last]


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
