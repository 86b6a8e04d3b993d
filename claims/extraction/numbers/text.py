"""Text structure for the numeric-claim finder: paragraphs, quotations, sentences and word tokens.

Sentences never end inside a quotation, so a quoted passage and its attribution ("..., she said.")
stay in one sentence. All scans are single passes of compiled regexes; lookups are by bisection.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from typing import NamedTuple

from claims.extraction.text import sentence_breaks

_QUOTE_MARK_RE = re.compile(r"“|”|\"|''|’’|‘‘|„|«|»")
_LOWER_WORD_RE = re.compile(r"[a-z]+")
_SCALE_AFTER_ARTICLE_RE = re.compile(r"\s+(?:hundred|thousand|million|billion|trillion|dozen)\b")
TOKEN_RE = re.compile(r"[^\W\d_][\w'’-]*\w|[^\W\d_]|\d[\d,.]*\d%?|\d%?|[$£€]\d[\d,.]*\d?|[^\w\s]")


class Token(NamedTuple):
    text: str
    lower: str
    start: int
    end: int

    @property
    def is_number(self) -> bool:
        return self.text[:1].isdigit() or self.text[:1] in "$£€"

    @property
    def is_word(self) -> bool:
        return self.text[:1].isalpha()


def tokens(text: str, start: int, end: int) -> list[Token]:
    """Word, number and punctuation tokens of ``text[start:end]`` with absolute offsets."""
    new = tuple.__new__
    return [new(Token, (g := m.group(), g.lower(), m.start(), m.end())) for m in TOKEN_RE.finditer(text, start, end)]


class TokenWindows:
    """``tokens(text, start, end)`` for windows that move forward through one text, from one shared scan.

    Numbers close together ask for overlapping windows: a text dense with numbers had each of its
    characters tokenised four times over. The scan starts where no token can straddle (the text start
    or after whitespace), and it finds the same tokens as a scan started at any later position that
    none of its tokens covers: each alternative of TOKEN_RE is greedy and ends its match on a fixed
    kind of character, so a window end at or after a token's end does not change that token. A token
    running past a window's end is read again up to that end, as a scan stopping there reads it. A
    window that starts inside a token is read on its own until it meets the shared scan; one far
    from the scan starts a new one.
    """

    _REACH = 256  # scan on over at most this many characters to reach a window; else start a new scan
    _BACK = 40  # how far before a window a new scan may start, to begin after whitespace

    def __init__(self, text: str) -> None:
        self.text = text
        self._toks: list[Token] = []
        self._starts: list[int] = []
        self._scan: Iterator[re.Match[str]] = iter(())
        self._live = False  # whether a scan has begun
        self._origin = 0  # where the current scan began
        self._pos = 0  # every token starting before this offset has been read

    def _restart(self, start: int) -> bool:
        """A new scan from the last position at or before start that follows whitespace, if near."""
        text = self.text
        pos = start
        floor = max(0, start - self._BACK)
        while pos > floor and not text[pos - 1].isspace():
            pos -= 1
        if pos > 0 and not text[pos - 1].isspace():
            return False
        self._toks, self._starts = [], []
        self._scan = TOKEN_RE.finditer(text, pos)
        self._live = True
        self._origin = self._pos = pos
        return True

    def __call__(self, start: int, end: int) -> list[Token]:
        text = self.text
        if start >= end:
            return []
        far = not self._live or start < self._origin or start > self._pos + self._REACH
        if far and not self._restart(start):
            return tokens(text, start, end)
        toks, starts, scan = self._toks, self._starts, self._scan
        new = tuple.__new__
        while self._pos < end:  # read on until every token starting before end is known
            m = next(scan, None)
            if m is None:
                self._pos = len(text)
                break
            g = m.group()
            toks.append(new(Token, (g, g.lower(), m.start(), m.end())))
            starts.append(m.start())
            self._pos = m.end()
        i = bisect.bisect_left(starts, start)
        if not (i and toks[i - 1].end > start):
            return self._upto(i, end)
        # The window starts inside a token: read from its start as a scan from there does, until
        # that scan ends a token where the shared scan has no token going on; both go alike from there.
        out = []
        for m in TOKEN_RE.finditer(text, start, end):
            g = m.group()
            out.append(new(Token, (g, g.lower(), m.start(), m.end())))
            p = m.end()
            k = bisect.bisect_left(starts, p)
            if not (k and toks[k - 1].end > p):
                return out + self._upto(k, end)
        return out

    def _upto(self, i: int, end: int) -> list[Token]:
        """The shared tokens from the i-th on that start before end, the last one cut at end."""
        out = self._toks[i : bisect.bisect_left(self._starts, end)]
        if out and out[-1].end > end:  # the last token runs past the window: read it up to the end
            out[-1:] = tokens(self.text, out[-1].start, end)
        return out


def _line_starts(text: str) -> list[int]:
    """0 and the end of every run of newlines: ``[0] + [m.end() for m in re.finditer(r"\n+", text)]``,
    found with str.find, several times faster than the regex engine on a long text."""
    out = [0]
    n = len(text)
    i = text.find("\n")
    while i >= 0:
        i += 1
        while i < n and text[i] == "\n":
            i += 1
        out.append(i)
        i = text.find("\n", i)
    return out


class TextMap:
    """Paragraph, quotation and sentence boundaries of one text, for offset lookups."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.paragraph_starts = _line_starts(text)
        self.quote_starts: list[int] = []
        self.quote_ends: list[int] = []
        self._find_quotes()
        self.sentence_starts = self._find_sentences()
        self._paragraph_set = set(self.paragraph_starts)

    def _find_quotes(self) -> None:
        """Pair quotation marks within each paragraph; an unclosed one runs to the paragraph end."""
        text = self.text
        paragraph_ends = [*self.paragraph_starts[1:], len(text) + 1]
        open_at: int | None = None
        paragraph = 0
        for m in _QUOTE_MARK_RE.finditer(text):
            while m.start() >= paragraph_ends[paragraph]:
                if open_at is not None:
                    self._add_quote(open_at, paragraph_ends[paragraph] - 1)
                    open_at = None
                paragraph += 1
            mark = m.group()
            if open_at is None:
                if mark not in ("»",):
                    open_at = m.end()
            elif mark in ("“", "„", "‘‘", "«") and m.start() == open_at:
                open_at = m.end()
            else:
                self._add_quote(open_at, m.start())
                open_at = None
        if open_at is not None:
            self._add_quote(open_at, min(len(text), paragraph_ends[min(paragraph, len(paragraph_ends) - 1)] - 1))

    def _add_quote(self, start: int, end: int) -> None:
        if end > start:
            self.quote_starts.append(start)
            self.quote_ends.append(end)

    def _find_sentences(self) -> list[int]:
        starts = set(self.paragraph_starts)
        text = self.text
        has_quotes = bool(self.quote_starts)
        for mark, boundary in sentence_breaks(text):  # the engine's one sentence splitter
            if text[mark] == "\n":
                continue  # a line start: already in paragraph_starts
            # A sentence ending inside a quotation continues: "X. Y," she said.
            if has_quotes and self.quote_at(mark) is not None and self.quote_at(boundary) is not None:
                continue
            starts.add(boundary)
        return sorted(starts)

    def quote_at(self, pos: int) -> tuple[int, int] | None:
        i = bisect.bisect_right(self.quote_starts, pos) - 1
        if i >= 0 and self.quote_ends[i] >= pos:
            return self.quote_starts[i], self.quote_ends[i]
        return None

    def sentence(self, pos: int) -> tuple[int, int]:
        i = bisect.bisect_right(self.sentence_starts, pos) - 1
        start = self.sentence_starts[max(i, 0)]
        end = self.sentence_starts[i + 1] if i + 1 < len(self.sentence_starts) else len(self.text)
        return start, end

    def paragraph_start(self, pos: int) -> int:
        return self.paragraph_starts[max(0, bisect.bisect_right(self.paragraph_starts, pos) - 1)]

    def previous_sentence(self, pos: int) -> tuple[int, int] | None:
        """The sentence before the one holding ``pos``, when both are in the same paragraph."""
        start, _ = self.sentence(pos)
        if start == 0 or start in self._paragraph_set:
            return None
        return self.sentence(start - 1)


_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def ascii_lower(text: str) -> str:
    """Lower-cased text with every offset unchanged ("İ".lower() is two characters: then ASCII only)."""
    lower = text.lower()
    return lower if len(lower) == len(text) else text.translate(_ASCII_LOWER)


def scan_words(
    lower: str, number_words: frozenset[str], attribution_words: frozenset[str]
) -> tuple[list[int], list[int]]:
    """One pass over the lower-cased text: offsets of words that may start a number, and of attribution words."""
    numbers: list[int] = []
    attributions: list[int] = []
    for m in _LOWER_WORD_RE.finditer(lower):
        word = m.group()
        if word in number_words:
            if word in ("a", "an") and not _SCALE_AFTER_ARTICLE_RE.match(lower, m.end()):
                continue
            numbers.append(m.start())
        elif word in attribution_words:
            attributions.append(m.start())
    return numbers, attributions
