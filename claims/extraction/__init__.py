"""The extraction engine: plain Python, no Django. ``extract(text) -> Extraction``.

Runs the actor, quotation and numeric-claim rules over one article's body text and links
speakers and claim sources to actors. Every offset is an index into the text given.
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_right
from operator import attrgetter
from pathlib import Path

from claims.extraction.actors import find_actors
from claims.extraction.names import norm_words, org_key, place_key
from claims.extraction.quotes import find_quote_spans, is_quotation
from claims.extraction.speakers import Attribution, Resolver
from claims.extraction.table import ActorTable
from claims.extraction.text import Layout
from claims.extraction.types import Actor, ActorMention, Extraction, NumericClaim, Quote

__all__ = ["ENGINE_VERSION", "extract"]

ENGINE_SEMVER = "0.4.1"


def _source_hash() -> str:
    h = hashlib.sha256()
    for p in sorted(Path(__file__).parent.glob("*.py")):
        h.update(p.name.encode())
        h.update(p.read_bytes())
    return h.hexdigest()[:12]


# Changes whenever the engine's output can change: the semver is bumped by hand for
# behaviour changes, the hash follows any edit of the engine's source files.
ENGINE_VERSION = f"{ENGINE_SEMVER}+{_source_hash()}"


def _find_numeric_claims(text: str, title: str | None = None, published: object = None) -> list[NumericClaim]:
    try:
        from claims.extraction.numbers import find_numeric_claims
    except ImportError:  # the numbers module is optional until it lands
        return []
    return list(find_numeric_claims(text, title=title, published=published))


def _numeric_claims_isolated(
    text: str, warnings: list[str], title: str | None = None, published: object = None
) -> list[NumericClaim]:
    """Numeric claims, or none with a warning: a failure there must not cost the actors and quotes."""
    try:
        return _find_numeric_claims(text, title, published)
    except Exception as exc:  # isolation boundary between the engine's parts
        warnings.append(f"numeric claims failed: {type(exc).__name__}: {exc}")
        return []


def extract(text: str, *, title: str | None = None, published: object = None) -> Extraction:
    """Extract actors, quotations and numeric claims from an article's body text.

    ``title`` and ``published`` help resolve the claims' frames (the headline's place, the year of
    "since 7 October"); spans refer to ``text`` only. Never raises on a string: an internal failure is reported in
    ``warnings`` with an otherwise empty result.
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be str, not {type(text).__name__}")
    try:
        return _extract(text, title if isinstance(title, str) else None, published)
    except Exception as exc:
        return Extraction(engine_version=ENGINE_VERSION, warnings=(f"engine error: {type(exc).__name__}: {exc}",))


def _extract(text: str, title: str | None = None, published: object = None) -> Extraction:
    layout = Layout(text)
    spans = find_quote_spans(text, layout)
    first_para_end = layout.paras[0][1] if layout.paras else 0
    table = find_actors(text, first_para_end)
    resolver = Resolver(text, layout, table, spans)
    quoted: list[tuple[int, int, Attribution]] = []
    prev = None
    chains: list[list[int]] = []  # a quotation over several paragraphs: indexes into quoted
    for q in spans:
        if not is_quotation(text, q):
            if text[q.end - 1 : q.end] in ",.!?" and " " in text[q.start : q.end]:
                # a short utterance is no quote, but its speaker goes on: “Not yet,” she said. “…”
                prev = (q, resolver.attribute(q, prev))
            continue
        att = resolver.attribute(q, prev)
        if q.joined and chains and prev is not None and chains[-1][-1] == len(quoted) - 1:
            chains[-1].append(len(quoted))
        else:
            chains.append([len(quoted)])
        quoted.append((q.start, q.end, att))
        prev = (q, att)
    for chain in chains:
        if len(chain) > 1:  # one speaker for every paragraph of one quotation: the surest attribution
            best = max((quoted[i][2] for i in chain), key=lambda a: (a.actor is not None, a.confidence))
            for i in chain:
                s, e, a = quoted[i]
                if a.actor != best.actor:
                    quoted[i] = (s, e, Attribution(best.actor, best.surface, best.verb, best.confidence * 0.9))
    warnings: list[str] = []
    claims = _numeric_claims_isolated(text, warnings, title, published)
    forms = _FormIndex(table)
    subs: dict[str, ActorTable] = {}
    claims = _credit_quoted(claims, quoted, table)
    claims = _resolve_descriptions(text, claims, resolver)
    sources = [_link_source(text, table, c, forms, subs) for c in claims]
    used = {a.actor for _, _, a in quoted if a.actor is not None} | {s for s in sources if s is not None}
    keep = [
        i
        for i, a in enumerate(table.actors)
        if a.type in ("person", "organization") or (a.type == "place" and i in used)
    ]
    keep.sort(key=lambda i: table.actors[i].first)
    remap = {old: new for new, old in enumerate(keep)}
    actors = tuple(_freeze(table, i) for i in keep)
    mentions = tuple(
        ActorMention(remap[m.actor], m.start, m.end, text[m.start : m.end])
        for m in sorted(table.mentions, key=attrgetter("start", "end"))
        if m.actor in remap
    )
    quotes = tuple(
        Quote(
            text=text[s:e],
            start=s,
            end=e,
            speaker_index=remap.get(a.actor) if a.actor is not None else None,
            speaker_surface=a.surface if a.actor is not None else None,
            verb=a.verb,
            confidence=round(a.confidence, 3),
        )
        for s, e, a in quoted
    )
    linked = tuple(
        _with_source(c, remap.get(src) if src is not None else None) for c, src in zip(claims, sources, strict=True)
    )
    return Extraction(
        engine_version=ENGINE_VERSION,
        actors=actors,
        mentions=mentions,
        quotes=quotes,
        claims=linked,
        warnings=tuple(warnings),
    )


def _resolve_descriptions(text: str, claims: list[NumericClaim], resolver: Resolver) -> list[NumericClaim]:
    """A source given by a description ("the spokesperson", "the company", "grid operator") becomes the
    actor it describes, read as the speaker rules read it; names stay as written."""
    from dataclasses import replace

    out = []
    done: dict[tuple[str, int], str | None] = {}
    for c in claims:
        surface = (c.source_surface or "").strip()
        if surface and surface[0].islower() and surface not in ("he", "she", "it", "they"):
            pos = _find_before(text, surface, c.end + 300)
            if pos >= 0:
                key = (surface, pos)
                if key not in done:
                    got = resolver.ending_at(pos + len(surface))
                    done[key] = resolver.table.actors[got[0]].name if got and got[0] is not None else None
                if done[key]:
                    c = replace(c, source_surface=done[key])
        out.append(c)
    return out


def _find_before(text: str, surface: str, end: int) -> int:
    """The last whole-word occurrence of surface that starts before end, or -1."""
    lo = max(0, end - 2000)  # a source stands near its number: bounded work on a hostile text
    pos = text.rfind(surface, lo, end)
    while pos >= 0:
        after = pos + len(surface)
        if (pos == 0 or not text[pos - 1].isalnum()) and (after >= len(text) or not text[after].isalnum()):
            return pos
        pos = text.rfind(surface, lo, pos)
    return -1


def _credit_quoted(
    claims: list[NumericClaim], quoted: list[tuple[int, int, Attribution]], table: ActorTable
) -> list[NumericClaim]:
    """A number inside a quotation is asserted by whoever says the quotation, when the text tells."""
    if not quoted or not claims:
        return claims
    from dataclasses import replace

    starts = [s for s, _, _ in quoted]
    out = []
    for c in claims:
        i = bisect_right(starts, c.start) - 1
        speaker = quoted[i][2].actor if i >= 0 and c.start < quoted[i][1] else None
        if speaker is not None:
            a = table.actors[speaker]
            if a.type != "merged" and a.name != c.source_surface:
                c = replace(c, source_surface=a.name)
        out.append(c)
    return out


def _freeze(table: ActorTable, i: int) -> Actor:
    a = table.actors[i]
    seen = {a.name}
    aliases = []
    for f in a.forms:
        if f not in seen:
            seen.add(f)
            aliases.append(f)
    return Actor(name=a.name, type=a.type, aliases=tuple(aliases), descriptor=a.descriptor)


def _with_source(c: NumericClaim, idx: int | None) -> NumericClaim:
    if idx == c.source_index:
        return c
    from dataclasses import replace

    return replace(c, source_index=idx)


_SPOKES_TAIL = re.compile(r"\s+(?:spokes(?:man|woman|person|people)|officials?|sources?|statement|figures|data)$")


class _FormIndex:
    """Normalised name form -> the first actor using it, kept up to date as linking adds actors.

    Looking a source up by scanning every form of every actor cost O(actors x forms) per claim,
    quadratic on a text with many claims and actors.
    """

    def __init__(self, table: ActorTable) -> None:
        self.table = table
        self.index: dict[str, int] = {}
        self.done: list[int] = []  # forms of actor i already indexed
        self.seen = (-1, -1)

    def _refresh(self) -> None:
        table = self.table
        state = (len(table.actors), len(table.mentions))
        if state == self.seen:
            return
        self.seen = state
        self.done.extend([0] * (len(table.actors) - len(self.done)))
        done = self.done
        for i, a in enumerate(table.actors):
            n = 1 + len(a.forms)  # the name and its forms
            if done[i] == n or a.type == "merged":
                continue
            for f in (a.name, *a.forms)[done[i] :]:
                key = " ".join(norm_words(f))
                if self.index.get(key, i) >= i:
                    self.index[key] = i
            done[i] = n

    def find(self, want: str) -> int | None:
        self._refresh()
        return self.index.get(want)


def _link_source(
    text: str, table: ActorTable, claim: NumericClaim, forms: _FormIndex, subs: dict[str, ActorTable]
) -> int | None:
    """The actor a claim's source names, adding it when the text names an actor there. ``subs`` keeps
    the actors found in each distinct source surface: many claims share one source."""
    surface = (claim.source_surface or "").strip()
    if not surface:
        return None
    # "Israeli military spokesperson", "Hamas officials": the organisation speaks through them
    surface = _SPOKES_TAIL.sub("", surface) or surface
    want = " ".join(norm_words(surface.removeprefix("the ").removeprefix("The ")))
    for key in ("org:" + org_key(surface), "place:" + place_key(surface)):
        if key in table.by_key:
            return table.by_key[key]
    found = forms.find(want)
    if found is not None:
        return found
    # an actor the engine did not list: look at the surface on its own
    pos = text.rfind(surface, 0, claim.end + len(surface) + 400)
    if pos < 0:
        return None
    sub = subs.get(surface)
    if sub is None:
        sub = subs[surface] = find_actors(surface, 0)
    whole = [
        (m, sub.actors[m.actor])
        for m in sub.mentions
        if sub.actors[m.actor].type in ("organization", "place", "person")
        and m.end - m.start >= len(surface.strip()) - 4
    ]
    if not whole or re.search(r"\b(?:officials|authorities|sources|forces|agencies)\b", surface):
        return None
    m, a = whole[0]
    key = a.key
    idx = table.find_or_add(a.type, key, a.name, pos + m.start)
    table.mention(idx, text[pos + m.start : pos + m.end], pos + m.start, pos + m.end)
    return idx
