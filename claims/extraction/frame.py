"""What each number counts, resolved from the whole article: the claim frame.

A :class:`ClaimFrame` says, for one numeric claim, in which unit it is given, which population it
counts, where, for which event and period, whether it is reported as a fact (or is a deal's quota, a
forecast, a hypothesis, a denied or a negated count) and whether it is a part of another claim's
total. The figure tracker groups claims across articles on these fields.

Just past 600 lines: place resolution (frame_places.py) and part-of (frame_parts.py) are out
already; what stays is the frame's own fields, read in one pass per claim.

The place is resolved by discourse: the claim's sentence, then the earlier sentences of its
paragraph, the headline, the dateline, the lede (first paragraph), then the article's dominant
place. No Django; every lookup is a bounded regex search near the claim, so the cost is linear.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from claims.extraction.frame_parts import find_parts
from claims.extraction.frame_places import Places, resolve_place
from claims.extraction.places import ENTRIES, country_of, find_places, place_name
from claims.extraction.units import population_of, rate_of, unit_of

UNITS = ("count", "currency", "percent", "measure")
PERIODS = ("current", "running", "window", "past")
MODALITIES = ("fact", "quota", "forecast", "hypothetical", "denial", "negated")
PLACE_FROM = ("sentence", "paragraph", "headline", "dateline", "lede", "article", "total")


@dataclass(frozen=True, slots=True)
class ClaimFrame:
    """What one numeric claim counts. Every field is plain data; ``None`` means the text does not say.

    unit        "count" (people or things), "currency", "percent" or "measure".
    currency    ISO 4217 code when unit == "currency": "$2 trillion" -> "USD", "£40m" -> "GBP".
    measure     the unit of a measure, normalised: "km", "mi", "t", "mw", "ha", "l", "kg", "magnitude"...
    rate        the period of a rate: "30,000 a day" -> "day", "per week" -> "week" (None: not a rate).
    population  normalised head of what is counted, plural: "palestinians", "children", "people",
                "soldiers", "fighters", "trucks". Synonyms fold ("troops" -> "soldiers",
                "militants" -> "fighters", "persons" -> "people"; counts of hostages, bodies,
                victims... count "people").
    group       a nationality or affiliation said of the population: "20 Israeli soldiers" -> "israel".
    place       gazetteer key of the place ("gaza-strip", "khan-younis", "morocco").
    place_name  its name as the gazetteer spells it ("Gaza Strip").
    country     key of the country or territory holding it ("khan-younis" -> "gaza-strip").
    place_from  where the place was found: "sentence", "paragraph", "headline", "dateline",
                "lede", "article" (the dominant place), or "total" (inherited from the total).
    event       the event noun: "war", "earthquake", "attack", "raid", "strike", "flood"...
    event_year  the event's year when the text gives one ("in the 2006 war" -> 2006).
    event_date  the event's date, ISO, "--MM-DD" when the year is unknown ("the 8 September
                earthquake" -> "2023-09-08" with a 2023 publication date).
    period      "running" (a total since a start: "since 7 October", "so far", "the toll"),
                "window" (a time window: "in the past 24 hours", "on Tuesday"),
                "past" (a past event: "in the 2006 war"), or "current" (nothing said).
    since       start of a running total: an ISO date, "--MM-DD", "YYYY-MM", "YYYY", or
                "event-start" ("since the war began").
    window      the window: "24h", "48h", "day", "week", "weekend", "month", "year", "overnight".
    window_date the window's day, ISO, when a weekday or date is given and the publication date is known.
    modality    "fact", "quota" (a deal's terms: "would release 40 hostages"), "forecast" ("could pass
                7,500"), "hypothetical" ("if ... would"), "denial" (a number someone denies or
                disputes), "negated" ("none of the 12 passengers was hurt": not a casualty count).
    part_of     index (into the same claims tuple) of the total this claim is a breakdown of:
                "10,000 killed, including 4,000 children" -> the children claim points at 10,000.
    category    the frame's category: the claim's category, or a combined one the gold-facing
                category has no room for ("killed_injured" for "killed and maimed").
    """

    unit: str = "count"
    currency: str | None = None
    measure: str | None = None
    rate: str | None = None
    population: str | None = None
    group: str | None = None
    place: str | None = None
    place_name: str | None = None
    country: str | None = None
    place_from: str | None = None
    event: str | None = None
    event_year: int | None = None
    event_date: str | None = None
    period: str = "current"
    since: str | None = None
    window: str | None = None
    window_date: str | None = None
    modality: str = "fact"
    part_of: int | None = None
    category: str | None = None


@dataclass(slots=True)
class Evidence:
    """What the number reader knew about one claim, handed to the frame resolver (internal; mutable so
    the article-level passes can correct a category in place)."""

    start: int  # claim start (qualifier included)
    number_end: int  # end of the number itself
    end: int  # claim end (counted noun included)
    money: bool
    percent: bool
    head: str | None  # the counted noun
    category: str
    sentence: tuple[int, int]
    paragraph_start: int


_MONTH_NUM = {
    m.lower(): i
    for i, names in enumerate(
        (
            ("January", "Jan"),
            ("February", "Feb"),
            ("March", "Mar"),
            ("April", "Apr"),
            ("May",),
            ("June", "Jun"),
            ("July", "Jul"),
            ("August", "Aug"),
            ("September", "Sep", "Sept"),
            ("October", "Oct"),
            ("November", "Nov"),
            ("December", "Dec"),
        ),
        start=1,
    )
    for m in names
}
_M = "|".join(sorted((m.capitalize() for m in _MONTH_NUM), key=len, reverse=True))
_DATE = (
    rf"(?:(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_M})\.?|({_M})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b)"
    rf"(?:,?\s+(\d{{4}}))?"
)
_EVENT_WORDS = (
    "war|conflict|fighting|earthquakes?|quakes?|attacks?|raids?|strikes?|airstrikes?|air strikes?|bombings?|"
    "shelling|floods?|flooding|storms?|hurricane|typhoon|cyclone|wildfires?|fires?|blaze|shipwreck|sinking|crash|"
    "collision|explosions?|blasts?|shootings?|massacre|offensive|invasion|siege|landslides?|tsunami|eruption|"
    "famine|epidemic|outbreak|pandemic|drought|heatwave|riots?|uprising|intifada|genocide|incursion|ambush"
)
# Scanned over whole texts: lower case only and a first-letter lookahead, five times faster than re.I.
_EVENT_RE = re.compile(rf"\b(?=[a-z])({_EVENT_WORDS})\b")
_SINCE_DATE_RE = re.compile(rf"\bsince\s+(?:the\s+)?{_DATE}")
_SINCE_MONTH_RE = re.compile(rf"\bsince\s+(?:early\s+|late\s+|mid-)?({_M})\.?(?:\s+(\d{{4}}))?\b")
_SINCE_YEAR_RE = re.compile(r"\bsince\s+(?:early\s+|late\s+)?((?:19|20)\d\d)\b")
_SINCE_EVENT_RE = re.compile(
    rf"\bsince\s+(?:the\s+)?(?:(?:start|beginning|outbreak|onset)\s+of\s+(?:the\s+)?(?:\w+\s+){{0,2}}?({_EVENT_WORDS})"
    rf"|(?:\w+\s+){{0,2}}?({_EVENT_WORDS})\s+(?:began|started|erupted|broke\s+out|begun))",
    re.I,
)
_RUNNING_RE = re.compile(
    r"\b(?=[a-z])(?:so\s+far|to\s+date|in\s+total|overall|cumulative|death\s+toll|toll|tally|total\s+number|total\s+of|"
    r"altogether|since\s+then)\b",
)
_WINDOW_HOURS_RE = re.compile(r"\b(?:past|last|previous|preceding)\s+(24|48|72|12|36)\s+hours\b", re.I)
_WINDOW_WORD_RE = re.compile(
    r"\b(?:in|over|during|within|for)\s+the\s+(?:past|last|previous|preceding)\s+(day|week|weekend|month|year|night)\b"
    r"|\b(overnight|over\s+the\s+weekend|yesterday|last\s+night|this\s+week|last\s+week)\b",
    re.I,
)
_WEEKDAY_RE = re.compile(r"\b(?:on|by|late|early)\s+(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")
_ON_DATE_RE = re.compile(rf"\bon\s+{_DATE}")
_REPORT_NEAR_RE = re.compile(
    r"\b(?:said|says|told|announced|reported|stated|added|confirmed|claimed|estimated|wrote|posted|published|"
    r"released|issued|updated)\b",
    re.I,
)
_PAST_EVENT_RE = re.compile(rf"\b((?:19|20)\d\d)\s+(?:[A-Z][\w-]+\s+){{0,2}}({_EVENT_WORDS})\b", re.I)
_EVENT_DATE_RE = re.compile(rf"\b(?:the\s+)?{_DATE}\s+(?:[A-Z][\w-]+\s+)?({_EVENT_WORDS})\b", re.I)
_YEAR_RE = re.compile(r"(?:19|20)\d\d")
_DIGIT_RE = re.compile(r"\d")
_WINDOW_CUES = ("past", "last", "previous", "preceding", "overnight", "weekend", "yesterday", "this week")
_IN_YEAR_RE = re.compile(r"\b(?:in|during)\s+((?:19|20)\d\d)\b(?!\s*[-–]\s*\d)")
_QUOTA_RE = re.compile(
    r"\b(?:would|will|to|shall|could|agreed\s+to|set\s+to|due\s+to|is\s+to|are\s+to)\s+(?:\w+\s+){0,2}?"
    r"(?:release|free|be\s+released|be\s+freed|be\s+exchanged|be\s+swapped|hand\s+over|let\s+go)\b"
    r"|\b(?:proposed|draft|planned|prospective)\s+(?:\w+\s+){0,2}?(?:deal|agreement|swap|exchange|truce)\b"
    r"|\bin\s+(?:exchange|return)\s+for\b",
    re.I,
)
_QUOTA_AFTER_RE = re.compile(
    r"[^.;]{0,60}?\b(?:would|will|are\s+to|were\s+to|to|set\s+to|due\s+to)\s+be\s+(?:released|freed|exchanged|"
    r"swapped|handed\s+over)\b",
    re.I,
)
_FORECAST_RE = re.compile(
    r"\b(?:could|may|might|would|will|is\s+expected\s+to|are\s+expected\s+to|expected\s+to|likely\s+to|"
    r"projected\s+to|forecast\s+to|set\s+to|feared\s+to|threatens?\s+to)\s+(?:\w+\s+){0,2}?"
    r"(?:rise|reach|pass|exceed|top|climb|surpass|hit|grow|increase|double|soar|balloon|swell)\b"
    r"|\b(?:projected|forecast|predicted|projects|forecasts|predicts)\b",
    re.I,
)
_HYPOTHETICAL_RE = re.compile(r"\b(?:if|unless|were\s+it|had\s+it)\b[^.;]{0,80}\b(?:would|could|might)\b", re.I)
_DENIAL_RE = re.compile(
    r"\b(?=[a-z])(?:denied|denies|deny|disputed|disputes|dispute|rejected|rejects|dismissed|dismisses|refuted|refutes|"
    r"false|falsely|fabricated|inflated|exaggerated)\b",
)
# The three kinds of cue read around every claim, in one pattern: one scan per sentence instead of three.
_CUES_RE = re.compile(
    rf"\b(?=[a-z])(?:(?P<event>{_EVENT_WORDS})\b|(?P<running>{_RUNNING_RE.pattern})|(?P<denial>{_DENIAL_RE.pattern}))"
)
_NEGATED_BEFORE_RE = re.compile(
    r"(?i:\b(?:none|no\s+one|nobody|not\s+one|neither|not\s+a\s+single\s+one)\s+(?:of|among)\s+(?:the|its|their|his|her)?\s*$)"
    r"|(?i:\bno\s+(?:\w+\s+){0,2}?(?:deaths?|injuries|casualties|fatalities|one|arrests|people)\b[^.;]{0,60}?"
    r"\b(?:among|of)\s+(?:the|its|their)?\s*$)"
)
_NEGATED_AFTER_RE = re.compile(
    r"[^.;,]{0,40}?\b(?:none|no\s+one|nobody)\s+(?:of\s+whom|of\s+them)\s+(?:was|were|has|had)\b", re.I
)
_COMBINED_RE = re.compile(
    r"\W{0,3}(?:[\w'’-]+\s+){0,3}?(?:(?:killed|dead|deaths|died)\s+(?:and|or|&)\s+(?:injured|wounded|maimed|hurt)"
    r"|(?:injured|wounded|maimed|hurt)\s+(?:and|or|&)\s+(?:killed|dead))\b",
    re.I,
)
_COMBINED_NOUN_RE = re.compile(
    r"\W{0,3}(?:dead\s+(?:and|or)\s+(?:injured|wounded)|deaths\s+(?:and|or)\s+injuries|killed\s+or\s+injured)\b", re.I
)


def _words(spaced: str) -> frozenset[str]:
    return frozenset(spaced.split())


_CONFLICT = frozenset({"killed", "injured", "hostages", "detained", "missing", "displaced"})
_DATELINE_RE = re.compile(
    r"\s*([A-Z][A-Za-z'’.\- ]{1,40}?)(?:,\s*[A-Z][A-Za-z .]{1,30}?)?(?:,\s*(?:" + _M + r")\.?\s+\d{1,2}(?:,\s*\d{4})?)?"
    r"(?:\s*\([A-Za-z .]{1,30}\))?\s*(?::|[-—–]{1,2})\s"
)


def _dateline(text: str) -> str | None:
    """ "RAMALLAH:" or "GAZA CITY, Nov 3 (Reuters) -" at the start of the text or of its second paragraph."""
    for start in (0, text.find("\n") + 1):
        if start < 0 or (start and start > 300):
            continue
        m = _DATELINE_RE.match(text, start, min(len(text), start + 120))
        if not m:
            continue
        name = m.group(1).strip()
        for form in (name, name.title(), name.title().replace(" Al ", " al ")):
            found = find_places(form)
            if found and found[0].start == 0 and found[0].end == len(form) and not found[0].weak:
                return found[0].key
    return None


def _published(published: object) -> dt.date | None:
    if isinstance(published, dt.datetime):
        return published.date()
    if isinstance(published, dt.date):
        return published
    if isinstance(published, str):
        try:
            return dt.date.fromisoformat(published[:10])
        except ValueError:
            return None
    return None


def _iso(day: str | None, month: str | None, year: str | None, pub: dt.date | None) -> str | None:
    if month is None:
        return None
    m = _MONTH_NUM.get(month.lower().rstrip("."))
    if m is None:
        return None
    if day is None:
        return f"{year}-{m:02d}" if year else f"--{m:02d}"
    d = int(day)
    if not 1 <= d <= 31:
        return None
    y = int(year) if year else None
    if y is None and pub is not None:  # "since 7 October": the last such date on or before publication
        y = pub.year if (m, d) <= (pub.month, pub.day) else pub.year - 1
    return f"{y:04d}-{m:02d}-{d:02d}" if y else f"--{m:02d}-{d:02d}"


def _date_groups(m: re.Match[str], first: int) -> tuple[str | None, str | None, str | None]:
    g = m.groups()[first : first + 5]
    if g[0] is not None:
        return g[0], g[1], g[4]
    return g[3], g[2], g[4]


def _event_key(word: str) -> str:
    w = word.lower().replace(" ", "")
    w = {"quake": "earthquake", "quakes": "earthquake", "airstrike": "strike", "airstrikes": "strike"}.get(w, w)
    if w.endswith("s") and w not in ("siege",) and w[:-1] in _EVENT_RE.pattern:
        w = w[:-1]
    return {"flooding": "flood", "blaze": "fire", "wildfire": "fire", "sinking": "shipwreck", "blast": "explosion"}.get(
        w, w
    )


class _Hits:
    """Where one pattern matches in the sentences of one text: each sentence (bounded, for hostile
    input) is searched once and shared by the claims in it; a window is a bisection of that list."""

    _REACH = 2000

    def __init__(self, pattern: re.Pattern[str], text: str) -> None:
        self.pattern, self.text = pattern, text
        self.sentence: tuple[int, int] = (-1, -1)
        self.matches: list[re.Match[str]] = []
        self.starts: list[int] = []

    def within(self, start: int, end: int, sentence: tuple[int, int]) -> list[re.Match[str]]:
        if sentence[1] - sentence[0] > self._REACH:  # one hostile sentence: search the window alone
            return list(self.pattern.finditer(self.text, start, end))
        if sentence != self.sentence:
            self.sentence = sentence
            self.matches = list(self.pattern.finditer(self.text, sentence[0], sentence[1]))
            self.starts = [m.start() for m in self.matches]
        if not self.matches:
            return []
        i = bisect.bisect_left(self.starts, start)
        j = bisect.bisect_left(self.starts, end)
        return [m for m in self.matches[i:j] if m.end() <= end]


_REPORT_AFTER_RE = re.compile(r"\s+(?:\w+\s+)?(?:said|says|told|announced|reported)\b")


def _clause(text: str, ev: Evidence) -> tuple[int, int]:
    """The stretch of the sentence a claim's period and modality are read from: up to 160 characters
    each side of it, not across a semicolon."""
    s, e = ev.sentence
    left = max(s, ev.start - 160)
    semi = text.rfind(";", left, ev.start)
    if semi >= 0:
        left = semi + 1
    right = min(e, ev.end + 160)
    semi = text.find(";", ev.end, right)
    if semi >= 0:
        right = semi
    return left, right


# Events that last: a day inside one is a time window ("killed on Tuesday in the war"); a day of a sudden
# event is the event's date ("the quake on Friday killed 2,000").
_LASTING_EVENTS = _words(
    "war conflict fighting offensive siege invasion famine epidemic outbreak pandemic drought heatwave "
    "uprising intifada genocide shelling"
)


def _period(
    text: str, ev: Evidence, pub: dt.date | None, cues: list[re.Match[str]], clause: tuple[int, int]
) -> tuple[str, str | None, str | None, str | None, str | None, int | None, str | None]:
    """(period, since, window, window_date, event, event_year, event_date) read from the claim's clause."""
    left, right = clause
    low = text[left:right].lower()  # cheap tests first: most clauses say nothing of time
    digits = _DIGIT_RE.search(low) is not None
    has_year = digits and _YEAR_RE.search(low) is not None
    event: str | None = None
    event_year: int | None = None
    event_date: str | None = None
    near = None
    for m in cues:
        if m.lastgroup != "event":
            continue
        if near is None or abs(m.start() - ev.end) < abs(near.start() - ev.end):
            near = m
    if near is not None:
        event = _event_key(near.group(1))
        for m in _EVENT_DATE_RE.finditer(text, left, right) if digits else ():
            day, month, year = _date_groups(m, 0)
            event_date = _iso(day, month, year, pub)
            event = _event_key(m.group(6))
            if year:
                event_year = int(year)
    past = None
    for m in _PAST_EVENT_RE.finditer(text, left, right) if near is not None and has_year else ():
        past_year = int(m.group(1))
        if pub is None or past_year < pub.year:
            past = m
            event, event_year = _event_key(m.group(2)), past_year
            break
    since = None
    if "since" in low:
        if (hit := _SINCE_DATE_RE.search(text, left, right)) is not None:
            day, month, year = _date_groups(hit, 0)
            since = _iso(day, month, year, pub)
        elif (hit := _SINCE_EVENT_RE.search(text, left, right)) is not None:
            since = "event-start"
            event = event or _event_key(hit.group(1) or hit.group(2))
        elif (hit := _SINCE_MONTH_RE.search(text, left, right)) is not None:
            since = _iso(None, hit.group(1), hit.group(2), pub) if hit.group(2) else _since_month(hit.group(1), pub)
        elif (hit := _SINCE_YEAR_RE.search(text, left, right)) is not None:
            since = hit.group(1)
    if since is not None:
        return "running", since, None, None, event, event_year, event_date
    if past is not None:
        return "past", None, None, None, event, event_year, event_date
    running = any(m.lastgroup == "running" for m in cues)
    window = window_date = None
    if "hours" in low and (hit := _WINDOW_HOURS_RE.search(text, left, right)) is not None:
        window = f"{hit.group(1)}h"
    elif any(cue in low for cue in _WINDOW_CUES) and (hit := _WINDOW_WORD_RE.search(text, left, right)) is not None:
        word = (hit.group(1) or hit.group(2)).lower()
        window = {
            "yesterday": "day",
            "last night": "overnight",
            "over the weekend": "weekend",
            "night": "overnight",
        }.get(word, word.split()[-1] if word.startswith(("this", "last")) else word)
        if word == "yesterday" and pub is not None:
            window_date = (pub - dt.timedelta(days=1)).isoformat()
    else:
        found = [*_WEEKDAY_RE.finditer(text, left, right)] if "day" in low else []
        if digits and " on " in low:
            found += _ON_DATE_RE.finditer(text, left, right)
        for m in found:
            if _about_the_report(text, m.start(), m.end()):
                continue  # "the ministry said on Tuesday": when it was said, not when it happened
            if m.re is _WEEKDAY_RE:
                date = _weekday_date(m.group(1), pub)
            else:
                day, month, year = _date_groups(m, 0)
                date = _iso(day, month, year, pub)
            if event is not None and event not in _LASTING_EVENTS:
                event_date = event_date or date  # "killed in the attack on 7 October": the event's day
                continue
            window, window_date = "day", date
            break
    if window == "overnight" and event is not None and event not in _LASTING_EVENTS:
        window = None  # "the quake overnight killed 2,000": the event's night, not a window of a longer count
    if window is not None and not running:
        return "window", None, window, window_date, event, event_year, event_date
    if has_year and (hit := _IN_YEAR_RE.search(text, left, right)) is not None:
        in_year = int(hit.group(1))
        if pub is not None and in_year < pub.year:
            return "past", None, None, None, event, in_year, event_date
    if running:
        return "running", None, None, None, event, event_year, event_date
    return "current", None, None, None, event, event_year, event_date


_PARAGRAPH_YEAR_RE = re.compile(r"\b(?:[Ii]n|[Bb]ack\s+in|[Dd]uring|[Ii]n\s+the)\s+((?:19|20)\d\d)\b(?!\s*[-–]\s*\d)")
_PRESENT_RE = re.compile(r"\b(?:this\s+year|now|currently|so\s+far|today|since|still)\b", re.I)


def _paragraph_past(text: str, ev: Evidence, pub: dt.date, year_index: _YearStarts) -> int | None:
    """The past year an earlier sentence of the paragraph sets the scene in, when the claim says no time
    of its own: "Back in 2006 the group fought Israel. ... Israel lost 121 soldiers." -> 2006.
    ``year_index``: where the text has a 4-digit year-like number, to skip the search where it has none."""
    start = max(ev.paragraph_start, ev.sentence[0] - 1000)
    if start >= ev.sentence[0]:
        return None
    year_starts = year_index()
    i = bisect.bisect_left(year_starts, start)
    if i >= len(year_starts) or year_starts[i] >= ev.sentence[0]:
        return None
    years = [int(m.group(1)) for m in _PARAGRAPH_YEAR_RE.finditer(text, start, ev.sentence[0])]
    if not years or years[-1] >= pub.year:
        return None
    left, right = _clause(text, ev)
    return None if _PRESENT_RE.search(text, left, right) else years[-1]


class _YearStarts:
    """Where a text has a 4-digit year-like number, found on the first call only: most claims open
    their paragraph and never ask (a hostile or undated text passes "" and gets none)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts: list[int] | None = None

    def __call__(self) -> list[int]:
        if self.starts is None:
            self.starts = [m.start() for m in _YEAR_RE.finditer(self.text)]
        return self.starts


def _since_month(month: str, pub: dt.date | None) -> str | None:
    m = _MONTH_NUM.get(month.lower().rstrip("."))
    if m is None:
        return None
    if pub is None:
        return f"--{m:02d}"
    year = pub.year if m <= pub.month else pub.year - 1
    return f"{year:04d}-{m:02d}"


def _weekday_date(name: str, pub: dt.date | None) -> str | None:
    if pub is None:
        return None
    want = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday").index(name.lower())
    back = (pub.weekday() - want) % 7
    return (pub - dt.timedelta(days=back)).isoformat()


def _about_the_report(text: str, start: int, end: int) -> bool:
    """A time phrase next to a reporting verb dates the report: "said on Tuesday", "on Tuesday said"."""
    before = text[max(0, start - 25) : start]
    after = text[end : end + 25]
    return bool(_REPORT_NEAR_RE.search(before.split(",")[-1]) or _REPORT_AFTER_RE.match(after))


_MODAL_CUE_RE = re.compile(r"could|may|might|would|will|expect|likely|project|forecast|predict|set to|fear|threat")
_IF_CUE_RE = re.compile(r"\b(?:[Ii]f|[Uu]nless|[Ww]ere|[Hh]ad)\b")


_DEAL_CUE_RE = re.compile(r"releas|free|exchang|swap|deal|hand|let go|return")


def _modality(text: str, ev: Evidence, cues: list[re.Match[str]], clause: tuple[int, int]) -> str:
    before = text[max(ev.sentence[0], ev.start - 60) : ev.start]
    after = text[ev.end : ev.end + 60]
    if ("no" in before.lower() or "neither" in before.lower() or "no" in after.lower()) and (
        _NEGATED_BEFORE_RE.search(before) or _NEGATED_AFTER_RE.match(after)
    ):
        return "negated"
    left, right = clause
    near_before = text[max(left, ev.start - 90) : ev.start]
    window = text[max(left, ev.start - 90) : right].lower()
    deal = _DEAL_CUE_RE.search(window) is not None
    if deal and (_QUOTA_RE.search(near_before) or _QUOTA_AFTER_RE.match(text, ev.end, right)):
        return "quota"
    if _MODAL_CUE_RE.search(near_before[-60:]) and _FORECAST_RE.search(near_before[-60:]):
        return "forecast"
    if _IF_CUE_RE.search(text, left, ev.start) and _HYPOTHETICAL_RE.search(text, left, ev.start):
        return "hypothetical"
    if any(m.lastgroup == "denial" for m in cues):
        return "denial"
    return "fact"


def _combined(text: str, ev: Evidence) -> bool:
    after = text[ev.number_end : min(len(text), ev.end + 40)]
    return bool(_COMBINED_RE.match(after) or _COMBINED_NOUN_RE.match(text, ev.number_end))


def resolve_frames(
    text: str,
    evidence: Sequence[Evidence],
    *,
    title: str | None = None,
    published: object = None,
    parts: Sequence[int | None] | None = None,
) -> list[ClaimFrame]:
    """The frame of each claim, in the order given (which must be text order)."""
    if not evidence:
        return []
    pub = _published(published)
    lede_end = text.find("\n\n")
    lede_end = len(text) if lede_end < 0 else lede_end
    places = Places(text, title, lede_end, _dateline(text))
    cues = _Hits(_CUES_RE, text)  # one scan per sentence for the three kinds of cue
    years = _YearStarts(text if pub is not None and len(text) < 200_000 else "")
    parts = list(parts) if parts is not None else find_parts(text, evidence)
    frames: list[ClaimFrame] = []
    for i, ev in enumerate(evidence):
        unit, currency, measure = unit_of(text, ev)
        population, group = population_of(text, ev, unit)
        place, how = resolve_place(text, places, ev)
        clause = _clause(text, ev)
        cues_here = cues.within(clause[0], clause[1], ev.sentence)
        period, since, window, window_date, event, event_year, event_date = _period(text, ev, pub, cues_here, clause)
        modality = _modality(text, ev, cues_here, clause)
        if period == "current" and pub is not None:
            year = _paragraph_past(text, ev, pub, years)
            if year is not None:  # "Back in 2006 the group fought ... More than 1,000 were killed."
                period, event_year = "past", year
        category = "killed_injured" if ev.category in ("killed", "injured") and _combined(text, ev) else ev.category
        total = parts[i]
        if total is not None and total < len(frames):
            whole = frames[total]
            if how != "sentence":
                place, how = whole.place, "total"
            if period == "current" and since is None:
                period, since, window, window_date = whole.period, whole.since, whole.window, whole.window_date
            event, event_year, event_date = (
                event or whole.event,
                event_year or whole.event_year,
                event_date or whole.event_date,
            )
            modality = whole.modality if modality == "fact" else modality
        if modality == "negated":
            category = "other" if category in _CONFLICT else category
        frames.append(
            ClaimFrame(
                unit=unit,
                currency=currency,
                measure=measure,
                rate=rate_of(text, ev),
                population=population,
                group=group,
                place=place,
                place_name=place_name(place),
                country=country_of(place),
                place_from=how if place else None,
                event=event,
                event_year=event_year,
                event_date=event_date,
                period=period,
                since=since,
                window=window,
                window_date=window_date,
                modality=modality,
                part_of=total,
                category=category,
            )
        )
    return frames


__all__ = ["ENTRIES", "ClaimFrame", "Evidence", "find_parts", "resolve_frames"]
