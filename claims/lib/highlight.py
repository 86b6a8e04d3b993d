"""Article text with its quotes, claims and mentions marked in place, built safely on the server.

Every piece of article text is escaped here, one segment at a time, and joined with our own
``<mark>`` tags; only the joined result is marked safe. Spans may nest (a mention inside a
quote) or overlap without nesting; an overlapping span is closed and reopened around the other
so the HTML stays well formed. The first piece of each span carries its anchor
(``id="claim-12"``); the continuation pieces carry the same ``data-ref`` so a click on any
piece finds the item.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from claims.extraction.text import sentence_breaks


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    kind: str  # claim, quote, mention
    pk: int
    label: str = ""  # a short description, shown as the tooltip
    css: str = ""  # extra classes, e.g. the review status
    item: str = ""  # the side-panel entry that explains it, when not ``ref`` (a mention's actor)

    @property
    def ref(self) -> str:
        return f"{self.kind}-{self.pk}"


def _open(span: Span, first: bool) -> str:
    classes = f"hl hl-{span.kind}" + (f" {span.css}" if span.css else "") + ("" if first else " hl-cont")
    attrs = [f'class="{escape(classes)}"', f'data-ref="{escape(span.ref)}"']
    if span.item:
        attrs.append(f'data-item="{escape(span.item)}"')
    if first:
        attrs += [f'id="{escape(span.ref)}"', 'tabindex="0"']
    if span.label:
        attrs.append(f'title="{escape(span.label)}"')
    return f"<mark {' '.join(attrs)}>"


def highlight(text: str, spans: Iterable[Span], *, offset: int = 0) -> SafeString:
    """``text`` escaped, with each span wrapped in ``<mark>``; ``offset`` is where ``text`` starts.

    Spans outside the text are clipped to it; empty ones are dropped.
    """
    length = len(text)
    clipped = []
    for span in spans:
        start, end = max(span.start - offset, 0), min(span.end - offset, length)
        if start < end:
            clipped.append((start, end, span))
    # Outer spans open first: earlier start, then the longer one.
    clipped.sort(key=lambda item: (item[0], -item[1], item[2].kind != "quote", item[2].pk))
    starts: dict[int, list[tuple[int, Span]]] = {}
    for start, end, span in clipped:
        starts.setdefault(start, []).append((end, span))
    cuts = sorted({0, length, *(s for s, _, _ in clipped), *(e for _, e, _ in clipped)})

    out: list[str] = []
    stack: list[tuple[int, Span]] = []  # (end, span), innermost last
    for i, pos in enumerate(cuts):
        # Close every span ending here; spans opened inside them are closed and reopened.
        if any(end == pos for end, _ in stack):
            keep = [(end, span) for end, span in stack if end != pos]
            first_ending = next(j for j, (end, _) in enumerate(stack) if end == pos)
            out.append("</mark>" * (len(stack) - first_ending))
            reopen = [item for item in stack[first_ending:] if item[0] != pos]
            stack = keep
            for _, span in reopen:
                out.append(_open(span, first=False))
        for end, span in starts.get(pos, ()):
            out.append(_open(span, first=True))
            stack.append((end, span))
        if i + 1 < len(cuts):
            out.append(escape(text[pos : cuts[i + 1]]))
    out.append("</mark>" * len(stack))
    return mark_safe("".join(out))


def sentence_bounds(text: str, start: int, end: int, *, limit: int = 320) -> tuple[int, int]:
    """The sentence (or sentences) around ``text[start:end]``, at most ``limit`` characters either
    side, by the engine's one sentence splitter (which knows "Dr." and "Feb. 3" end no sentence)."""
    breaks = sentence_breaks(text)
    starts = [next_start for _, next_start in breaks]
    i = bisect_right(starts, start)
    left = starts[i - 1] if i else 0
    j = bisect_left(starts, end + 1)
    right = starts[j] if j < len(starts) else len(text)
    while right > end and text[right - 1].isspace():
        right -= 1
    return max(left, start - limit), min(right, end + limit)
