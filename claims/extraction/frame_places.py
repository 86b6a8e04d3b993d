"""Where a number happened: a claim's place, resolved by discourse (the frame's place fields).

The claim's sentence first (a place that locates, "in Gaza", over one that acts, "Israel said"),
then the earlier sentences of its paragraph, the headline, the dateline, the lede (first
paragraph), then the article's dominant place. Split from :mod:`claims.extraction.frame`, which
asks :func:`resolve_place` for each claim. No Django; every lookup is bounded near the claim.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING

from claims.extraction.places import PlaceMention, country_of, find_places

if TYPE_CHECKING:
    from claims.extraction.frame import Evidence


class Places:
    """The place mentions of one text, with the fallbacks a claim's place resolves through."""

    _LIMIT = 200_000  # a whole scan past this size is hostile input: scan claim windows only

    def __init__(self, text: str, title: str | None, lede_end: int, dateline: str | None) -> None:
        self.text = text
        full = len(text) <= self._LIMIT
        self.mentions = find_places(text) if full else find_places(text, 0, min(len(text), 20_000))
        self.strong = [p for p in self.mentions if not p.weak]
        self.starts = [p.start for p in self.strong]
        self.full = full
        self.title, self.dateline, self.lede_end = title, dateline, lede_end
        self.salience: dict[str, int] = Counter(p.key for p in self.strong)
        self._fallback: tuple[str, str] | None = None
        self._roles: dict[tuple[int, int], int] = {}  # by span: the claims of a sentence share their mentions
        self._fallback_done = False

    def role(self, p: PlaceMention) -> int:
        """:func:`_role` of one of this text's mentions, worked out once."""
        got = self._roles.get((p.start, p.end))
        if got is None:
            got = self._roles[p.start, p.end] = _role(self.text, p)
        return got

    def fallback(self) -> tuple[str, str] | None:
        """(key, how) of the article-level place a claim with none near it takes: the headline's, the
        dateline's, the lede's, else the article's dominant place. Worked out once, and only for an
        article where some claim needs it (most find theirs in their sentence)."""
        if not self._fallback_done:
            self._fallback_done = True
            self._fallback = self._first_fallback()
        return self._fallback

    def _first_fallback(self) -> tuple[str, str] | None:
        headline = _headline_place(self.title) if self.title else None
        if headline:
            return headline, "headline"
        if self.dateline:
            return self.dateline, "dateline"
        lede = _dominant([p for p in self.strong if p.start < self.lede_end])
        if lede:
            return lede, "lede"
        dominant = _dominant(self.strong) or _dominant(self.mentions)
        return (dominant, "article") if dominant else None

    def in_range(self, start: int, end: int) -> list[PlaceMention]:
        if self.full or end <= 20_000:
            i = bisect.bisect_left(self.starts, start)
            j = bisect.bisect_left(self.starts, end)
            return self.strong[i:j]
        return [p for p in find_places(self.text, start, end) if not p.weak]


_LOCATIVE_BEFORE_RE = re.compile(
    r"\b(?:in|at|on|near|across|off|inside|into|from|over)\s+(?:the\s+)?(?:\w+\s+)?$", re.I
)


def _headline_place(title: str) -> str | None:
    """The place a headline locates its news in: the one after "in", "at", "near" ... ("Army kills five in
    West Bank raid"), else the first it names ("Israel" of "Israel warns Hezbollah")."""
    found = find_places(title)
    mentions = [p for p in found if not p.weak]
    for p in mentions:
        if _LOCATIVE_BEFORE_RE.search(title, max(0, p.start - 25), p.start):
            return p.key
    return mentions[0].key if mentions else _first_key(found)


def _first_key(mentions: list[PlaceMention]) -> str | None:
    strong = [p for p in mentions if not p.weak]
    return (strong or mentions)[0].key if (strong or mentions) else None


def _dominant(mentions: Sequence[PlaceMention]) -> str | None:
    """The most named place, counting a contained place for its country or territory as well."""
    if not mentions:
        return None
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}
    for p in mentions:
        counts[p.key] += 2
        top = country_of(p.key)
        if top and top != p.key:
            counts[top] += 1
        first.setdefault(p.key, p.start)
        if top:
            first.setdefault(top, p.start)
    return max(counts, key=lambda k: (counts[k], -first.get(k, 0)))


_ACTOR_AFTER_RE = re.compile(
    r"(?:['’]s)?\s+(?:(?:has|have|had|is|was|will|would|also|then|later|now)\s+)*"
    r"(?:said|says|say|told|claimed|claims|announced|killed|kills|struck|strikes|bombed|launched|attacked|"
    r"invaded|fired|shelled|denied|accused|insisted|warned|released|freed|agreed|army|military|forces|troops|"
    r"offensive|bombardment|campaign|government|officials|prime|president|defen[cs]e|air\s+force|war\s+cabinet)\b"
    r"|\s+(?:Times|Post|Journal|Herald|Tribune|Guardian|Telegraph|Chronicle|Globe|Daily|News|Gazette|Star|"
    r"University|Institute|Airlines|Airways|Bank)\b",  # a place inside a name: "The New York Times"
    re.I,
)
_ACTOR_BEFORE_RE = re.compile(r"\b(?:by|against|between|with|from|for)\s+(?:the\s+)?$", re.I)
_LOCATIVE_RE = re.compile(
    r"\b(?:in|at|near|across|inside|into|throughout|off|around|outside|of)\s+(?:the\s+)?"
    r"(?:(?:occupied|besieged|northern|southern|eastern|western|central|north|south|east|west|"
    r"north-western|north-eastern|south-western|south-eastern|neighbouring|neighboring)\s+){0,2}$",
    re.I,
)


def _role(text: str, p: PlaceMention) -> int:
    """How surely a place mention locates the news: 2 after "in"/"at"..., 1 plain, 0 a place acting
    ("Israel said", "Russia's army", "killed by Israel"), which says who, not where."""
    before = text[max(0, p.start - 40) : p.start]
    if _LOCATIVE_RE.search(before):
        return 2
    if _ACTOR_BEFORE_RE.search(before) or _ACTOR_AFTER_RE.match(text, p.end, p.end + 60):
        return 0
    return 1


def _place_near(mentions: list[PlaceMention], ev: Evidence, places: Places) -> str | None:
    """Of the places of the claim's sentence that locate rather than act, a located one ("in Gaza") after
    the claim in its clause, else the nearest located one, else the nearest plain one."""
    if not mentions:
        return None
    ranked = [(p, places.role(p)) for p in mentions]
    salience = places.salience
    for want in (2, 1):
        pool = [p for p, r in ranked if r == want]
        if not pool:
            continue
        if want == 1 and len({p.key for p in pool}) > 1 and salience:
            # plain mentions only ("which Israel, the UK, US and others ..."): the article's main place wins
            best = max(salience.get(p.key, 0) for p in pool)
            pool = [p for p in pool if salience.get(p.key, 0) == best]
        after = [p for p in pool if p.start >= ev.end]
        before = [p for p in pool if p.end <= ev.start]
        if after and after[0].start - ev.end < 80:
            return after[0].key
        if before:
            return before[-1].key
        return after[0].key if after else pool[0].key
    return None


def resolve_place(text: str, places: Places, ev: Evidence) -> tuple[str | None, str | None]:
    s, e = max(ev.sentence[0], ev.start - 600), min(ev.sentence[1], ev.end + 600)  # bounded on hostile text
    mentions = places.in_range(s, e)
    found = _place_near(mentions, ev, places)
    if found:
        return found, "sentence"
    if ev.paragraph_start < s:
        # the last earlier mention that locates or names (not one acting), read from the end
        for p in reversed(places.in_range(max(ev.paragraph_start, s - 1000), s)):
            if places.role(p):
                return p.key, "paragraph"
    fallback = places.fallback()
    if fallback is not None:
        return fallback
    if mentions:  # only places acting: better than none
        return mentions[-1].key, "sentence"
    return None, None


__all__ = ["Places", "resolve_place"]
