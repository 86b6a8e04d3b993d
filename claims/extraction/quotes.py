"""Direct quotations: pairs of quotation marks, one linear pass per paragraph.

Straight and curly double marks (and doubled singles: ’’ ‘‘ '') pair up; a single mark
(‘…’ or '…') pairs when it opens after a space (a straight one before a capital). Inside a
single-quoted quotation, a plural possessive (“the neighbours’ houses”) does not close it
when another single mark follows in the paragraph.

A quotation left open at a paragraph's end is one quotation per paragraph: it ends with its
paragraph, and goes on (``joined``) in the next paragraph when that one opens with a mark (the
multi-paragraph convention) or closes a mark before opening one (a paragraph left open by mistake).
Joined quotations share one speaker. A mark left open with no such continuation is dropped: nothing
tells where its quotation ends.
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
    close: int  # offset just past the closing mark (the paragraph's end for one left open)
    single: bool = False
    joined: bool = False  # goes on with the quotation left open at the end of the paragraph before


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


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


def _pairs(opener: str, mark: str) -> bool:
    """German „…“ (or „…”) and French « … »: a closing mark that also reads as an opener."""
    return (opener == "„" and mark in "“”") or (opener == "«" and mark == "»")


def find_quote_spans(text: str, layout: Layout) -> list[QuoteSpan]:
    """Every quoted stretch (any length), in order; spans never overlap."""
    out: list[QuoteSpan] = []
    pending: QuoteSpan | None = None  # the paragraph before ended inside a double quotation
    for ps, pe in layout.paras:
        carry = pending is not None
        open_at: tuple[int, int, bool] | None = None
        joined = False  # the quotation open now goes on from the paragraph before
        first_mark = True
        last_single: dict[str, int] | None = None  # the last ’ and ' of the paragraph, found on first need
        for m in _MARKS.finditer(text, ps, pe):
            single = m.group() in _SINGLES
            if single and not _single_mark(text, m.start()):
                continue  # an apostrophe: Israel’s, rock ’n’ roll
            role = _role(text, m, ps)
            if open_at is not None and not single and _pairs(text[open_at[0]], m.group()):
                role = "close"  # „…“ and « … »: the mark that answers the opening one closes it
            if carry and first_mark and not single and pending is not None:
                first_mark = False
                if role in ("open", "either") and not text[ps : m.start()].strip():
                    out.append(pending)  # the quotation goes on: the paragraph left open was one
                    pending = None
                    open_at, joined = (m.start(), m.end(), False), True
                    continue
                if role == "close":  # the paragraph goes on without a mark and closes it
                    out.append(pending)
                    pending = None
                    if m.start() > ps:
                        out.append(QuoteSpan(ps, ps, m.start(), m.end(), False, True))
                    continue
            first_mark = False
            if open_at is None:
                if role in ("open", "either"):
                    open_at, joined = (m.start(), m.end(), single), False
                continue
            if single != open_at[2]:
                if single:
                    continue  # a single mark inside a double quotation
                if role == "close":
                    continue
                open_at, joined = (m.start(), m.end(), single), False
                continue
            if role in ("close", "either"):
                if single:
                    if last_single is None:
                        last_single = {"’": text.rfind("’", ps, pe), "'": text.rfind("'", ps, pe)}
                    if _plural_possessive(text, m.start(), last_single[m.group()]):
                        continue
                a, b = _trim(text, open_at[1], m.start())  # « Oui », with (thin) spaces inside
                if b > a:  # "" holds nothing
                    out.append(QuoteSpan(open_at[0], a, b, m.end(), single, joined))
                open_at, joined = None, False
            else:
                open_at, joined = (m.start(), m.end(), single), False
        if pending is not None and pending.joined:
            out.append(pending)  # the last paragraph of a long quotation, left open: still one of it
        pending = None
        if open_at is not None and not open_at[2]:
            end = pe
            while end > open_at[1] and text[end - 1].isspace():
                end -= 1
            if end > open_at[1]:  # left open: a quotation ending with its paragraph when the next goes on
                pending = QuoteSpan(open_at[0], open_at[1], end, pe, False, joined)
    if pending is not None and pending.joined:
        out.append(pending)
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
        before = text[max(0, q.open - 30) : q.open]
        if re.search(r"(?:,|\bknown as|\bcalled|\bdubbed|\bnamed|\btitled|\bso-called)\s*$", before):
            return False
        # Every word capitalised, no sentence inside: the title of a work or a heading ("sang “Walk On
        # Home”"), unless someone says, chants or carries it
        if not re.search(r"[,.!?;:]", inner.strip()) and not _SAID_BEFORE.search(before):
            return False
    return True


_SAID_BEFORE = re.compile(
    r"\b(?:said|says|say|told|tell|chant\w*|shout\w*|yell\w*|cr(?:y|ied|ies)|carr(?:y|ied|ies|ying)|read(?:s|ing)?"
    r"|wrote|writes|reading|declar\w*|repeat\w*|asked|asks)\b[^.]{0,20}$"
)
