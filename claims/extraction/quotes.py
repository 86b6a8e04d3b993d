"""Direct quotations: pairs of quotation marks, one linear pass per paragraph.

Straight and curly double marks (and doubled singles: ’’ ‘‘ '') pair up; a single mark
(‘…’ or '…') pairs when it opens after a space (a straight one before a capital). Inside a
single-quoted quotation, a plural possessive (“the neighbours’ houses”) does not close it
when another single mark follows in the paragraph. A quotation left open at a paragraph's end goes on
when the next paragraph opens with a mark (the multi-paragraph convention).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from claims.extraction.text import Layout

MIN_WORDS = 4
_MARKS = re.compile(r"’’|‘‘|''|[\"“”„«»‘’']")
_SINGLES = "‘’'"
_OPENERS = {"“", "„", "«", "‘‘"}
_CLOSERS = {"”", "»", "’’"}
_WORD = re.compile(r"\w+(?:[’']\w+)*")  # "It’s" is one word
_TITLE_LIKE = re.compile(r"^(?:the |The )?(?:[A-Z][\w\-’']*)(?: (?:[A-Z][\w\-’']*|of|the|and|for|in|on|de|al))*$")


@dataclass(frozen=True, slots=True)
class QuoteSpan:
    open: int  # offset of the opening mark
    start: int  # first character inside
    end: int  # just past the last character inside
    close: int  # offset just past the closing mark
    single: bool = False


def _role(text: str, m: re.Match[str], para_start: int) -> str:
    """'open', 'close' or 'either' for one mark."""
    ch = m.group()
    s, e = m.start(), m.end()
    prev = text[s - 1] if s > para_start else " "
    nxt = text[e] if e < len(text) else " "
    if ch in _OPENERS or ch == "‘":
        return "open"
    if ch == "’":
        return "close"
    if ch in _CLOSERS:
        # a right mark typed at a paragraph start or after a space opens (’’Never have I…)
        return "open" if (s == para_start or prev.isspace()) and not nxt.isspace() else "close"
    # straight marks
    if prev.isspace() or prev in "([{—–-/" or s == para_start:
        return "open" if not nxt.isspace() else "either"
    if nxt.isspace() or nxt in ".,;:!?)]}—–-" or e == len(text):
        return "close"
    return "either"


def _single_mark(text: str, i: int) -> bool:
    """Whether a lone ‘ or ’ at i can be a quotation mark rather than an apostrophe."""
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    if text[i] == "‘":
        return not (prev.isalnum() or prev in "’'") and (nxt.isalnum() or nxt == "_")
    if text[i] == "'" and not (prev.isalnum() or prev in "_.,!?"):
        return not prev.isalnum() and nxt.isupper()  # a straight opener: 'We ... ('80s is not one)
    return (prev.isalnum() or prev in "_.,!?") and not (nxt.isalnum() or nxt in "_’")


def _plural_possessive(text: str, i: int, last_single: int) -> bool:
    """Whether the single mark at i ends a plural possessive (workers’ money) and another
    single mark further on in the paragraph can still close the quotation."""
    return i < last_single and text[i - 1] in "sS" and text[i + 1 : i + 2] == " " and text[i + 2 : i + 3].islower()


def find_quote_spans(text: str, layout: Layout) -> list[QuoteSpan]:
    """Every quoted stretch (any length), in order; spans never overlap."""
    out: list[QuoteSpan] = []
    carry: tuple[int, int] | None = None  # (open offset, start) of a quotation running on
    for ps, pe in layout.paras:
        open_at: tuple[int, int, bool] | None = None
        first_mark = True
        last_single: dict[str, int] | None = None  # the last ’ and ' of the paragraph, found on first need
        for m in _MARKS.finditer(text, ps, pe):
            single = m.group() in _SINGLES
            if single and not _single_mark(text, m.start()):
                continue  # an apostrophe: Israel’s, rock ’n’ roll
            role = _role(text, m, ps)
            if carry is not None:
                if first_mark and role in ("open", "either") and not text[ps : m.start()].strip():
                    open_at = (carry[0], carry[1], False)
                    carry = None
                    first_mark = False
                    continue
                carry = None
            first_mark = False
            if open_at is None:
                if role in ("open", "either"):
                    open_at = (m.start(), m.end(), single)
                continue
            if single != open_at[2]:
                if single:
                    continue  # a single mark inside a double quotation
                if role == "close":
                    continue
                open_at = (m.start(), m.end(), single)
                continue
            if role in ("close", "either"):
                if single:
                    if last_single is None:
                        last_single = {"’": text.rfind("’", ps, pe), "'": text.rfind("'", ps, pe)}
                    if _plural_possessive(text, m.start(), last_single[m.group()]):
                        continue
                if m.start() > open_at[1]:  # "" holds nothing
                    out.append(QuoteSpan(open_at[0], open_at[1], m.start(), m.end(), single))
                open_at = None
            else:
                open_at = (m.start(), m.end(), single)
        carry = (open_at[0], open_at[1]) if open_at is not None and not open_at[2] else None
    return out


def is_quotation(text: str, q: QuoteSpan) -> bool:
    """At least four words, and not a name in marks ("Hezbollah, 'the Party of God'")."""
    inner = text[q.start : q.end]
    n = 0
    for _ in _WORD.finditer(inner):
        n += 1
        if n >= MIN_WORDS:
            break
    if n < MIN_WORDS:
        return False
    if len(inner) < 80 and _TITLE_LIKE.match(inner.strip(" ,.")):
        before = text[max(0, q.open - 20) : q.open]
        if re.search(r"(?:,|\bknown as|\bcalled|\bdubbed|\bnamed|\btitled|\bso-called)\s*$", before):
            return False
    return True
