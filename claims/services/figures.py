"""The figure tracker: numeric claims grouped into figures, their timelines, latest values and flags.

A *figure* is one count followed across articles and outlets: the same category, counted
population (noun) and place, after normalisation (``figure_key``). Grouping is automatic;
editors can move claims, split, merge and rename figures, and those decisions survive
re-extraction:

* a claim an editor moved is ``figure_locked`` and marked ``corrected``, so ``extraction_apply``
  keeps the row (it only replaces untouched machine claims) and grouping leaves it where it is;
* a merged figure stays behind as an alias (``merged_into``): claims grouped under its key later,
  including the ones re-extraction recreates, land in the figure it was merged into;
* a renamed figure keeps its name (names are only made when a figure is created).

Each figure's timeline has one series per source (the claim's source actor, or for claims with
no source, the outlet's own account). Two kinds of flags are computed from it, at most one of
each per figure and week, keyed so that a dismissed flag stays dismissed when recomputed:

* ``disagreement``: two series give values within ``WINDOW_DAYS`` of each other whose ranges
  (qualifiers included: "more than 100" is the range 100..infinity) are further apart than
  ``TOLERANCE`` of the larger value;
* ``revision``: on a cumulative figure, a series' value on a day is lower than its value on the
  previous day it reported.

Rejected claims never count. All writes are services (``noun_verb(*, ...)``); the full
recompute streams claims in keyset-paginated chunks so its memory stays bounded.
"""

from __future__ import annotations

import logging
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from itertools import groupby, pairwise
from operator import itemgetter
from typing import Any

from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.text import slugify

from ..models import (
    Actor,
    Category,
    Figure,
    FigureFlag,
    FlagKind,
    FlagStatus,
    NumericClaim,
    Origin,
    Outlet,
    Qualifier,
    ReviewStatus,
    normalize_name,
)

log = logging.getLogger(__name__)

WINDOW_DAYS = 3
TOLERANCE = Decimal("0.10")
EVIDENCE_PAIRS = 6  # a flag lists at most this many pairs of claims as evidence
CHUNK = 20_000  # claims read per query while grouping
FLUSH = 20_000  # pending figure assignments written at once
UPDATE_BATCH = 2_000  # ids per UPDATE ... WHERE id IN (...)
CUMULATIVE = {Category.KILLED, Category.INJURED}

# ---------------------------------------------------------------------------------------------
# Keys: what makes two claims the same figure
# ---------------------------------------------------------------------------------------------

_IRREGULAR = {
    "people": "person",
    "persons": "person",
    "children": "child",
    "men": "man",
    "women": "woman",
    "lives": "life",
    "police": "police",
    "personnel": "personnel",
    "staff": "staff",
    "dead": "dead",
    "wounded": "wounded",
    "injured": "injured",
    "missing": "missing",
    "displaced": "displaced",
}
_PERSON = {"person", "individual", "human", "soul"}
_DEATH = {"death", "fatality", "dead", "victim", "body", "life", "martyr"}
_HOSTAGE = {"hostage", "captive", "abductee", "kidnapped person", "abducted person", "hostage held"}
_INJURED = {"wounded", "injured", "injury", "casualty"}
_POPULATION = {"resident", "inhabitant", "citizen"}
_PLACES = {
    "gaza strip": "gaza",
    "occupied west bank": "west bank",
    "occupied territories": "occupied palestinian territory",
    "palestinian territories": "occupied palestinian territory",
    "united states": "us",
    "usa": "us",
    "united kingdom": "uk",
}
_PERSON_DEFAULT = {Category.KILLED, Category.INJURED, Category.MISSING, Category.DISPLACED, Category.DETAINED}


def _singular(word: str) -> str:
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if len(word) <= 3 or word.endswith(("ss", "us", "is")):
        return word
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("sses", "shes", "ches", "xes", "zes")):
        return word[:-2]
    if word.endswith("s"):
        return word[:-1]
    return word


def noun_key(category: str, noun: str) -> str:
    """The counted population, folded: case, plurals, and synonyms (people/persons, captives/hostages)."""
    words = [_singular(w) for w in normalize_name(noun or "").split()]
    phrase = " ".join(words)
    if category == Category.HOSTAGES and (not phrase or phrase in _HOSTAGE or phrase in _PERSON):
        return "hostage"
    if phrase in _HOSTAGE:
        return "hostage"
    if category == Category.KILLED and phrase in _DEATH:
        return "person"
    if category == Category.INJURED and phrase in _INJURED:
        return "person"
    if category == Category.POPULATION and (not phrase or phrase in _POPULATION):
        return "person"
    if phrase in _PERSON or (not phrase and category in _PERSON_DEFAULT):
        return "person"
    return phrase


def place_key(place: str) -> str:
    """The place, folded: case, accents, a leading "the", and a few common synonyms."""
    folded = normalize_name(place or "")
    return _PLACES.get(folded, folded)


def figure_key(category: str, noun: str, place: str) -> tuple[str, str, str]:
    return (category, noun_key(category, noun), place_key(place))


_VERB = {
    Category.KILLED: "killed",
    Category.INJURED: "injured",
    Category.HOSTAGES: "held hostage",
    Category.DETAINED: "detained",
    Category.MISSING: "missing",
    Category.DISPLACED: "displaced",
    Category.POPULATION: "population",
    Category.AID: "aid",
    Category.OTHER: "counted",
}


def figure_name_for(category: str, noun: str, place: str) -> str:
    """A readable first name for a new figure: "Killed in Gaza", "Palestinians killed in Gaza"."""
    nkey = noun_key(category, noun)
    where = f" in {place.strip()}" if place.strip() else " (place not given)"
    if category == Category.POPULATION and nkey == "person":
        return f"Population{where.replace(' in ', ' of ', 1)}"
    if nkey == "hostage":
        return f"Hostages held{where}"
    if nkey == "person" or not nkey:
        label = Category(category).label if category in Category.values else category
        return f"{label}{where}"
    shown = (noun or nkey).strip()
    if category in (Category.AID, Category.OTHER):
        return f"{Category(category).label}: {shown}{where}"
    return f"{shown[:1].upper()}{shown[1:]} {_VERB.get(category, category)}{where}"


def _unique_slug(base: str) -> str:
    base = (slugify(base) or "figure")[:280]
    slug, n = base, 1
    while Figure.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


class _Resolver:
    """Maps a key to the figure its claims belong in, following merges; creates machine figures."""

    def __init__(self) -> None:
        rows = Figure.objects.values_list("id", "category", "noun_key", "place_key", "origin", "merged_into_id")
        self.merged: dict[int, int | None] = {}
        self.by_key: dict[tuple[str, str, str], int] = {}
        for fid, category, nkey, pkey, origin, merged_into in rows.order_by("id"):
            self.merged[fid] = merged_into
            if origin == Origin.MACHINE:
                self.by_key.setdefault((category, nkey, pkey), fid)
        self.created: list[int] = []

    def terminal(self, fid: int) -> int:
        seen = {fid}
        while (nxt := self.merged.get(fid)) is not None and nxt not in seen:
            seen.add(nxt)
            fid = nxt
        return fid

    def figure_for(self, key: tuple[str, str, str], *, noun: str, place: str) -> int:
        fid = self.by_key.get(key)
        if fid is None:
            category, nkey, pkey = key
            name = figure_name_for(category, noun, place)
            figure = Figure.objects.create(
                name=name[:300],
                slug=_unique_slug(f"{name}"),
                category=category,
                noun_key=nkey[:200],
                place_key=pkey[:200],
                cumulative=category in CUMULATIVE,
            )
            fid = figure.pk
            self.by_key[key] = fid
            self.merged[fid] = None
            self.created.append(fid)
        return self.terminal(fid)


def _groupable() -> Any:
    return NumericClaim.objects.exclude(status=ReviewStatus.REJECTED).exclude(category=Category.OTHER)


def _chunks_by_article(queryset: Any, fields: tuple[str, ...]) -> Iterator[list[tuple]]:
    """Rows ordered by article, in chunks that never split an article (keyset pagination)."""
    art = fields.index("article_id")
    cursor: int | None = None
    while True:
        qs = queryset if cursor is None else queryset.filter(article_id__gte=cursor)
        rows = list(qs.order_by("article_id", "id").values_list(*fields)[:CHUNK])
        if not rows:
            return
        if len(rows) < CHUNK:
            yield rows
            return
        last = rows[-1][art]
        if rows[0][art] == last:  # one huge article: read it whole
            rows = list(queryset.filter(article_id=last).order_by("id").values_list(*fields))
            cursor = last + 1
        else:
            rows = [r for r in rows if r[art] != last]
            cursor = last
        yield rows


def _write_assignments(pending: dict[int | None, list[int]]) -> None:
    for fid, ids in pending.items():
        for i in range(0, len(ids), UPDATE_BATCH):
            NumericClaim.objects.filter(id__in=ids[i : i + UPDATE_BATCH]).update(figure_id=fid)
    pending.clear()


@transaction.atomic
def claims_group(*, article_ids: Iterable[int] | None = None) -> set[int]:
    """Put every live, unlocked claim (of the given articles, or all) in its figure.

    A claim with no place takes the place most of its article's claims give, if any. Returns
    the ids of the figures that gained or lost claims.
    """
    resolver = _Resolver()
    base = NumericClaim.objects.filter(figure_locked=False)
    if article_ids is not None:
        article_ids = list(article_ids)
        base = base.filter(article_id__in=article_ids)
    touched: set[int] = set()

    # Claims that no longer count (rejected, or "other") leave their figure unless an editor put them there.
    dropped = base.filter(figure__isnull=False).filter(Q(status=ReviewStatus.REJECTED) | Q(category=Category.OTHER))
    touched.update(dropped.values_list("figure_id", flat=True).distinct())
    dropped.update(figure=None)

    groupable = base.exclude(status=ReviewStatus.REJECTED).exclude(category=Category.OTHER)
    fields = ("id", "article_id", "category", "noun", "place", "figure_id")
    pending: dict[int | None, list[int]] = defaultdict(list)
    n_pending = 0
    key_cache: dict[tuple[str, str, str], tuple[str, str, str]] = {}
    for rows in _chunks_by_article(groupable, fields):
        for _article_id, claims in groupby(rows, key=itemgetter(1)):
            claims = list(claims)
            keys = []
            places: Counter[str] = Counter()
            surface: dict[str, str] = {}
            for _cid, _a, category, noun, place, _current in claims:
                raw = (category, noun, place)
                key = key_cache.get(raw)
                if key is None:
                    key = key_cache[raw] = figure_key(category, noun, place)
                keys.append(key)
                if key[2]:
                    places[key[2]] += 1
                    surface.setdefault(key[2], place)
            main = places.most_common(1)[0][0] if places else ""
            for (cid, _a, _category, noun, place, current), key in zip(claims, keys, strict=True):
                if not key[2] and main:
                    key, place = (key[0], key[1], main), surface[main]
                fid = resolver.figure_for(key, noun=noun, place=place)
                if fid != current:
                    pending[fid].append(cid)
                    n_pending += 1
                    touched.add(fid)
                    if current is not None:
                        touched.add(current)
        if n_pending >= FLUSH:
            _write_assignments(pending)
            n_pending = 0
    _write_assignments(pending)
    touched.update(resolver.created)
    return touched


# ---------------------------------------------------------------------------------------------
# Timelines: the points of a figure, one series per source
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Point:
    claim_id: int
    article_id: int
    series: str  # "actor:<id>" or "outlet:<id>" ("outlet:0": no outlet)
    day: date
    value: Decimal
    value_max: Decimal | None
    qualifier: str

    @property
    def low(self) -> Decimal | None:
        if self.qualifier in (Qualifier.LESS_THAN, Qualifier.AT_MOST):
            return Decimal(0)
        return self.value

    @property
    def high(self) -> Decimal | None:
        """The upper end of what the claim allows; None for "more than" and "at least"."""
        if self.qualifier in (Qualifier.MORE_THAN, Qualifier.AT_LEAST):
            return None
        return self.value_max if self.value_max is not None else self.value

    @property
    def shown(self) -> Decimal:
        """The value drawn on the chart: the middle of a range."""
        if self.value_max is not None:
            return (self.value + self.value_max) / 2
        return self.value

    @property
    def url(self) -> str:
        return article_claim_url(self.article_id, self.claim_id)


def article_claim_url(article_id: int, claim_id: int) -> str:
    return f"/articles/{article_id}/#claim-{claim_id}"


_POINT_FIELDS = ("id", "article_id", "source_id", "outlet", "day", "value", "value_max", "qualifier")


def _live_points(figure_id: int) -> Any:
    """The figure's live claims, with a point's day (as_of, else the article's date) and outlet.

    A plain join with the article: its cost is estimated well, so the database neither
    mis-plans nor JIT-compiles these reads (scalar subqueries made both happen at 1M claims).
    """
    from django.db.models import Case, DateField, F, When
    from django.db.models.functions import Coalesce, TruncDate

    return (
        NumericClaim.objects.filter(figure_id=figure_id)
        .exclude(status=ReviewStatus.REJECTED)
        .annotate(
            day=Coalesce("as_of", TruncDate("article__published_at"), output_field=DateField()),
            outlet=Case(When(source__isnull=True, then=F("article__outlet_id")), default=None),
        )
        .order_by()
    )


def _actor_canonical() -> dict[int, int]:
    merged = dict(Actor.objects.filter(merged_into__isnull=False).order_by().values_list("id", "merged_into_id"))
    out = {}
    for aid in merged:
        seen, cur = {aid}, merged[aid]
        while cur in merged and merged[cur] not in seen:
            seen.add(cur)
            cur = merged[cur]
        out[aid] = cur
    return out


def _series_key(source_id: int | None, outlet_id: int | None, canonical: dict[int, int]) -> str:
    return f"actor:{canonical.get(source_id, source_id)}" if source_id else f"outlet:{outlet_id or 0}"


def _points_from_rows(rows: Iterable[tuple], canonical: dict[int, int]) -> list[Point]:
    points = [
        Point(cid, aid, _series_key(source_id, outlet_id, canonical), day, value, value_max, qualifier)
        for cid, aid, source_id, outlet_id, day, value, value_max, qualifier in rows
        if day is not None
    ]
    points.sort(key=lambda p: (p.day, p.claim_id))
    return points


def figure_points(*, figure_id: int, canonical: dict[int, int] | None = None) -> list[Point]:
    """Every live claim of the figure as a point, oldest first."""
    rows = _live_points(figure_id).values_list(*_POINT_FIELDS)
    return _points_from_rows(rows, _actor_canonical() if canonical is None else canonical)


@dataclass(frozen=True)
class Overview:
    """How many live claims each series has, and the dates they span."""

    totals: dict[str, int]
    first: date | None
    last: date | None

    @property
    def n_claims(self) -> int:
        return sum(self.totals.values())


def figure_overview(*, figure_id: int, canonical: dict[int, int] | None = None) -> Overview:
    from django.db.models import Count, Max, Min

    canonical = _actor_canonical() if canonical is None else canonical
    totals: Counter[str] = Counter()
    first = last = None
    rows = (
        _live_points(figure_id)
        .values("source_id", "outlet")
        .annotate(n=Count("id"), first=Min("day"), last=Max("day"))
        .order_by()
        .values_list("source_id", "outlet", "n", "first", "last")
    )
    for source_id, outlet_id, n, lo, hi in rows:
        if lo is None:
            continue
        totals[_series_key(source_id, outlet_id, canonical)] += n
        first = lo if first is None or lo < first else first
        last = hi if last is None or hi > last else last
    return Overview(dict(totals), first, last)


CHART_RAW_LIMIT = 1_200  # up to this many claims the chart draws every one


CHART_SERIES = 8  # series drawn on a chart: those with the most claims


def ranked_series(totals: dict[str, int], labels: dict[str, str]) -> list[str]:
    """Series keys, those with the most claims first (ties by label)."""
    return [k for k, _ in sorted(totals.items(), key=lambda kv: (-kv[1], labels.get(kv[0], kv[0])))]


def _bucket_of(day: date, span_days: int) -> date:
    """A point's period when a chart is thinned: its week (Monday), or its month past three years."""
    return _monday(day) if span_days <= 3 * 366 else day.replace(day=1)


def chart_summary(points: list[Point], *, cumulative: bool, labels: dict[str, str]) -> dict[str, Any]:
    """A large figure's chart, thinned when its summary is refreshed: one point per series and period."""
    if len(points) <= CHART_RAW_LIMIT:
        return {}
    totals = Counter(p.series for p in points)
    keep = set(ranked_series(dict(totals), labels)[:CHART_SERIES])
    span = (points[-1].day - points[0].day).days
    best: dict[tuple[str, date], Point] = {}
    counts: Counter[tuple[str, date]] = Counter()
    for p in points:
        if p.series not in keep:
            continue
        key = (p.series, _bucket_of(p.day, span))
        counts[key] += 1
        cur = best.get(key)
        if cur is None or (
            (p.value, p.claim_id) > (cur.value, cur.claim_id) if cumulative else p.claim_id > cur.claim_id
        ):
            best[key] = p
    out: dict[str, list[list[Any]]] = defaultdict(list)
    for key, p in sorted(best.items(), key=lambda kv: (kv[1].day, kv[1].claim_id)):
        out[p.series].append(
            [
                p.claim_id,
                p.article_id,
                p.day.isoformat(),
                _plain(p.value),
                None if p.value_max is None else _plain(p.value_max),
                p.qualifier,
                counts[key],
            ]
        )
    return {"claims": len(points), "series": dict(out)}


def _stored_chart(chart: dict[str, Any], wanted: set[str]) -> list[tuple[Point, int]] | None:
    stored = (chart or {}).get("series") or {}
    if not wanted <= stored.keys():
        return None
    out = [
        (Point(c, a, key, date.fromisoformat(d), Decimal(v), None if vm is None else Decimal(vm), q), n)
        for key in wanted
        for c, a, d, v, vm, q, n in stored[key]
    ]
    out.sort(key=lambda pn: (pn[0].day, pn[0].claim_id))
    return out


def figure_chart_points(
    *, figure: Figure, overview: Overview, series: Iterable[str], cumulative: bool
) -> list[tuple[Point, int]]:
    """The points the chart draws for ``series``, each with how many claims it stands for.

    Up to ``CHART_RAW_LIMIT`` claims, every claim, read live. Past that, one point per series
    and week (or month past three years), the highest value of a running total, else the latest
    claim: as stored by the last refresh, or thinned in SQL when the figure was never refreshed.
    """
    from django.db.models import Count, F, Q, Window
    from django.db.models.functions import RowNumber, TruncMonth, TruncWeek

    canonical = _actor_canonical()
    wanted = set(series)
    figure_id = figure.pk
    qs = _live_points(figure_id)
    if overview.n_claims <= CHART_RAW_LIMIT:
        points = _points_from_rows(qs.values_list(*_POINT_FIELDS), canonical)
        return [(p, 1) for p in points if p.series in wanted]
    stored = _stored_chart(figure.chart, wanted)
    if stored is not None:
        return stored

    actors = {int(k[6:]) for k in wanted if k.startswith("actor:")}
    actors |= {a for a, c in canonical.items() if c in actors}
    outlets = {int(k[7:]) for k in wanted if k.startswith("outlet:")}
    qs = qs.filter(Q(source_id__in=actors) | Q(source__isnull=True, article__outlet_id__in=outlets))
    span = (overview.last - overview.first).days if overview.first and overview.last else 0
    bucket = TruncWeek("day") if span <= 3 * 366 else TruncMonth("day")
    partition = [F("source_id"), F("outlet"), bucket]
    order = [F("value").desc(), F("id").desc()] if cumulative else [F("id").desc()]
    rows = (
        qs.annotate(
            rank=Window(RowNumber(), partition_by=partition, order_by=order),
            stands_for=Window(Count("id"), partition_by=partition),
        )
        .filter(rank=1)
        .values_list(*_POINT_FIELDS, "stands_for")
    )
    out = [
        (Point(cid, aid, _series_key(src, outlet, canonical), day, value, value_max, qualifier), n)
        for cid, aid, src, outlet, day, value, value_max, qualifier, n in rows
    ]
    out.sort(key=lambda pn: (pn[0].day, pn[0].claim_id))
    return out


def figure_table(*, figure_id: int, offset: int, limit: int) -> list[dict[str, Any]]:
    """One page of the figure's claims, newest first (as_of, then id), with what the table shows.

    The page is picked from the claims table alone (index on figure, then a top-N sort), and only
    its rows are joined with their articles.
    """
    canonical = _actor_canonical()
    live = NumericClaim.objects.filter(figure_id=figure_id).exclude(status=ReviewStatus.REJECTED)
    ids = list(live.order_by("-as_of", "-id").values_list("id", flat=True)[offset : offset + limit])
    rows = {
        r[0]: r
        for r in NumericClaim.objects.filter(pk__in=ids)
        .order_by()
        .values_list(
            "id",
            "article_id",
            "source_id",
            "article__outlet_id",
            "as_of",
            "article__published_at",
            "value",
            "value_max",
            "qualifier",
            "span",
            "article__title",
            "article__outlet__name",
        )
    }
    out = []
    for cid in ids:
        if cid not in rows:
            continue
        _, aid, src, outlet, as_of, published, value, value_max, qualifier, span, title, outlet_name = rows[cid]
        day = as_of or (published.date() if published else None)
        series = _series_key(src, None if src else outlet, canonical)
        point = Point(cid, aid, series, day, value, value_max, qualifier)  # type: ignore[arg-type]
        out.append({"point": point, "span": span, "title": title, "outlet": outlet_name or ""})
    return out


def series_labels(keys: Iterable[str]) -> dict[str, str]:
    """Readable names for series keys: the actor's name, or "<outlet> (own account)"."""
    actors, outlets = set(), set()
    for key in keys:
        kind, _, raw = key.partition(":")
        (actors if kind == "actor" else outlets).add(int(raw))
    labels = {f"actor:{pk}": name for pk, name in Actor.objects.filter(id__in=actors).values_list("id", "name")}
    for pk, name in Outlet.objects.filter(id__in=outlets).values_list("id", "name"):
        labels[f"outlet:{pk}"] = f"{name} (own account)"
    labels.setdefault("outlet:0", "Unattributed")
    return labels


def _daily(points: list[Point], *, cumulative: bool) -> dict[str, list[Point]]:
    """One point per series and day: the highest value for running totals, else the latest claim."""
    by_series: dict[str, dict[date, Point]] = defaultdict(dict)
    for p in points:
        days = by_series[p.series]
        best = days.get(p.day)
        if best is None or (p.value > best.value if cumulative else p.claim_id > best.claim_id):
            days[p.day] = p
    return {s: [days[d] for d in sorted(days)] for s, days in by_series.items()}


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


# ---------------------------------------------------------------------------------------------
# Flags
# ---------------------------------------------------------------------------------------------


def _apart(a: Point, b: Point) -> Decimal | None:
    """How far apart two claims are, relative to the larger value; None when their ranges agree."""
    for lo_pt, hi_pt in ((a, b), (b, a)):
        high, low = lo_pt.high, hi_pt.low
        if high is None or low is None or low <= high:
            continue
        gap = (low - high) / max(low, Decimal(1))
        if gap > TOLERANCE:
            return gap
    return None


def format_value(value: Decimal | str | None, value_max: Decimal | str | None = None, qualifier: str = "") -> str:
    """ "more than 9,227", "about 1,200–1,400"."""
    if value is None:
        return ""

    def num(v: Decimal | str) -> str:
        d = Decimal(v)
        if d == d.to_integral_value():
            return f"{int(d):,}"
        return f"{d.normalize():,f}"

    text = num(value)
    if value_max is not None and Decimal(value_max) != Decimal(value):
        text += f"–{num(value_max)}"
    label = Qualifier(qualifier).label if qualifier and qualifier != Qualifier.EXACT else ""
    return f"{label} {text}".strip()


def _describe(p: Point, labels: dict[str, str]) -> str:
    return f"{labels.get(p.series, p.series)}: {format_value(p.value, p.value_max, p.qualifier)} ({p.day:%-d %b %Y})"


@dataclass
class _Flag:
    kind: str
    pairs: list[tuple[Point, Point, Decimal]] = field(default_factory=list)
    n_pairs: int = 0


def flags_compute(points: list[Point], *, cumulative: bool) -> dict[str, _Flag]:
    """The flags the points call for, keyed ``<kind>:<Monday of the week>``."""
    flags: dict[str, _Flag] = {}
    window = timedelta(days=WINDOW_DAYS)
    n = len(points)
    for i, p in enumerate(points):
        key = f"{FlagKind.DISAGREEMENT}:{_monday(p.day).isoformat()}"
        flag = flags.get(key)
        if flag is not None and len(flag.pairs) >= EVIDENCE_PAIRS:
            flag.n_pairs += 1  # more evidence exists; counted roughly, not listed
            continue
        j = i + 1
        while j < n and points[j].day - p.day <= window:
            q = points[j]
            j += 1
            if q.series == p.series:
                continue
            gap = _apart(p, q)
            if gap is None:
                continue
            flag = flags.setdefault(key, _Flag(FlagKind.DISAGREEMENT))
            flag.pairs.append((p, q, gap))
            flag.n_pairs += 1
            if len(flag.pairs) >= EVIDENCE_PAIRS:
                break
    if cumulative:
        for days in _daily(points, cumulative=True).values():
            for before, after in pairwise(days):
                if after.value < before.value:
                    key = f"{FlagKind.REVISION}:{_monday(after.day).isoformat()}"
                    flag = flags.setdefault(key, _Flag(FlagKind.REVISION))
                    flag.n_pairs += 1
                    if len(flag.pairs) < EVIDENCE_PAIRS:
                        flag.pairs.append((before, after, (before.value - after.value) / max(before.value, 1)))
    return flags


def _flag_detail(flag: _Flag, labels: dict[str, str]) -> str:
    lines = []
    for a, b, _gap in sorted(flag.pairs, key=lambda t: -t[2]):
        if flag.kind == FlagKind.REVISION:
            lines.append(
                f"{labels.get(a.series, a.series)} revised down: "
                f"{format_value(a.value, a.value_max, a.qualifier)} ({a.day:%-d %b %Y}) → "
                f"{format_value(b.value, b.value_max, b.qualifier)} ({b.day:%-d %b %Y})"
            )
        else:
            lines.append(f"{_describe(a, labels)} vs {_describe(b, labels)}")
    if flag.n_pairs > len(flag.pairs):
        lines.append(f"and more ({flag.n_pairs - len(flag.pairs)} further cases that week)")
    return "\n".join(lines)


def _flags_sync(figure_id: int, computed: dict[str, _Flag], labels: dict[str, str]) -> None:
    """Create, update or drop the figure's flags; dismissed ones stay dismissed (and stay)."""
    existing = {f.key: f for f in FigureFlag.objects.filter(figure_id=figure_id)}
    through = FigureFlag.claims.through
    current: dict[int, set[int]] = defaultdict(set)
    for flag_id, claim_id in through.objects.filter(figureflag__figure_id=figure_id).values_list(
        "figureflag_id", "numericclaim_id"
    ):
        current[flag_id].add(claim_id)

    stale = [f.pk for key, f in existing.items() if key not in computed and f.status == FlagStatus.OPEN]
    if stale:
        FigureFlag.objects.filter(pk__in=stale).delete()

    new_flags: list[tuple[FigureFlag, set[int]]] = []
    links: list[Any] = []
    unlink: list[tuple[int, set[int]]] = []
    for key, flag in computed.items():
        ids = {c.claim_id for pair in flag.pairs for c in pair[:2]}
        detail = _flag_detail(flag, labels)
        row = existing.get(key)
        if row is None:
            new_flags.append((FigureFlag(figure_id=figure_id, kind=flag.kind, key=key, detail=detail), ids))
            continue
        if row.detail != detail:
            FigureFlag.objects.filter(pk=row.pk).update(detail=detail)
        have = current.get(row.pk, set())
        if have - ids:
            unlink.append((row.pk, have - ids))
        links.extend(through(figureflag_id=row.pk, numericclaim_id=c) for c in ids - have)
    if new_flags:
        created = FigureFlag.objects.bulk_create([f for f, _ in new_flags], batch_size=500)
        for row, (_, ids) in zip(created, new_flags, strict=True):
            links.extend(through(figureflag_id=row.pk, numericclaim_id=c) for c in ids)
    for flag_id, ids in unlink:
        through.objects.filter(figureflag_id=flag_id, numericclaim_id__in=ids).delete()
    if links:
        through.objects.bulk_create(links, batch_size=1000, ignore_conflicts=True)


# ---------------------------------------------------------------------------------------------
# Refreshing figures: summary row and flags
# ---------------------------------------------------------------------------------------------


def _plain(value: Decimal) -> str:
    """9227.0000 -> "9227"; 9.5000 -> "9.5" (never an exponent)."""
    return f"{value.normalize():f}"


def overview_from_summary(figure: Figure) -> Overview | None:
    """The figure's overview as its last refresh recorded it; None when it was never refreshed."""
    if not figure.latest:
        return None
    totals = {e["series"]: int(e.get("count", 0)) for e in figure.latest}
    if not all(totals.values()) or "first" not in figure.latest[0]:
        return None
    first = min(date.fromisoformat(e["first"]) for e in figure.latest)
    last = max(date.fromisoformat(e["as_of"]) for e in figure.latest)
    return Overview(totals, first, last)


def latest_values(points: list[Point], *, cumulative: bool, labels: dict[str, str]) -> list[dict[str, Any]]:
    """Each series' value on the last day it reported, newest first."""
    counts = Counter(p.series for p in points)
    out = []
    for series, days in _daily(points, cumulative=cumulative).items():
        p = days[-1]
        out.append(
            {
                "series": series,
                "label": labels.get(series, series),
                "claim_id": p.claim_id,
                "article_id": p.article_id,
                "value": _plain(p.value),
                "value_max": None if p.value_max is None else _plain(p.value_max),
                "qualifier": p.qualifier,
                "as_of": p.day.isoformat(),
                "text": format_value(p.value, p.value_max, p.qualifier),
                "count": counts[series],
                "first": days[0].day.isoformat(),
            }
        )
    out.sort(key=lambda e: (e["as_of"], e["claim_id"]), reverse=True)
    return out


def _refresh_one(figure: Figure, canonical: dict[int, int]) -> None:
    points = figure_points(figure_id=figure.pk, canonical=canonical)
    labels = series_labels({p.series for p in points})
    latest = latest_values(points, cumulative=figure.cumulative, labels=labels)
    Figure.objects.filter(pk=figure.pk).update(
        claim_count=len(points),
        last_as_of=points[-1].day if points else None,
        latest=latest,
        chart=chart_summary(points, cumulative=figure.cumulative, labels=labels),
    )
    _flags_sync(figure.pk, flags_compute(points, cumulative=figure.cumulative), labels)


def figures_refresh(*, figure_ids: Iterable[int]) -> int:
    """Recompute the summary and flags of the given figures (aliases are skipped); returns how many."""
    canonical = _actor_canonical()
    n = 0
    ids = sorted(set(figure_ids))
    for i in range(0, len(ids), 500):
        for figure in Figure.objects.filter(pk__in=ids[i : i + 500], merged_into__isnull=True):
            with transaction.atomic():
                _refresh_one(figure, canonical)
            n += 1
    return n


def _figures_prune() -> int:
    """Delete machine figures nobody shaped that have no claims left."""
    empty = Figure.objects.filter(origin=Origin.MACHINE, renamed=False, merged_into__isnull=True).filter(
        ~Exists(NumericClaim.objects.filter(figure_id=OuterRef("pk"))),
        ~Exists(Figure.objects.filter(merged_into_id=OuterRef("pk"))),
    )
    deleted, _ = empty.delete()
    return deleted


@dataclass(frozen=True)
class RecomputeResult:
    figures: int
    touched: int
    pruned: int


def figures_recompute() -> RecomputeResult:
    """Regroup every claim, drop empty machine figures, refresh every figure's summary and flags."""
    touched = claims_group()
    pruned = _figures_prune()
    ids = list(Figure.objects.filter(merged_into__isnull=True).values_list("id", flat=True))
    n = figures_refresh(figure_ids=ids)
    return RecomputeResult(figures=n, touched=len(touched), pruned=pruned)


def article_figure_ids(*, article_id: int) -> set[int]:
    return set(
        NumericClaim.objects.filter(article_id=article_id, figure__isnull=False).values_list("figure_id", flat=True)
    )


REFRESH_DELAY = 20  # seconds a worker waits before refreshing a figure, gathering the articles meanwhile


def figures_refresh_soon(*, figure_ids: Iterable[int]) -> list[int]:
    """Refresh figures after a short delay, at most once per delay each (a busy ingest touches
    the same figures again and again; refreshing a large one reads all its claims).

    With tasks run in process (no broker: tests, ``make run`` without Redis) it happens at once.
    Returns the figures queued now (the others already are).
    """
    from django.core.cache import cache

    from ..tasks import refresh_figures

    due = [fid for fid in sorted(set(figure_ids)) if cache.add(f"figures:refresh:{fid}", 1, timeout=REFRESH_DELAY * 6)]
    if due:
        refresh_figures.apply_async((due,), countdown=REFRESH_DELAY)
    return due


def figures_refresh_now(*, figure_ids: list[int]) -> int:
    """What the delayed refresh runs: forget the debounce marks, refresh, drop emptied figures."""
    from django.core.cache import cache

    cache.delete_many([f"figures:refresh:{fid}" for fid in figure_ids])
    n = figures_refresh(figure_ids=figure_ids)
    _figures_prune()
    return n


def figures_after_extraction(*, article_id: int, before: Iterable[int] = ()) -> set[int]:
    """Group a freshly extracted article's claims at once; refresh the figures it touches soon.

    ``before`` is the figures the article's claims were in before extraction (their claims may
    have been replaced). Failures are logged, not raised: the extraction itself succeeded, and
    the periodic ``figures_recompute`` repairs whatever was missed.
    """
    try:
        touched = claims_group(article_ids=[article_id])
        ids = touched | set(before) | article_figure_ids(article_id=article_id)
        figures_refresh_soon(figure_ids=ids)
        return ids
    except Exception:
        log.exception("figure update failed after extracting article %s", article_id)
        return set()


# ---------------------------------------------------------------------------------------------
# Editor operations
# ---------------------------------------------------------------------------------------------


class FigureError(ValueError):
    """An editor operation that cannot be done as asked (the message says why)."""


def figure_terminal(figure: Figure) -> Figure:
    """The figure a merged figure ended up in (itself when not merged)."""
    seen = {figure.pk}
    while figure.merged_into_id is not None and figure.merged_into_id not in seen:
        seen.add(figure.merged_into_id)
        figure = Figure.objects.get(pk=figure.merged_into_id)
    return figure


@transaction.atomic
def figure_rename(*, figure: Figure, name: str, user: Any, cumulative: bool | None = None) -> Figure:
    """Give a figure an editor's name (kept from then on); optionally say whether it only goes up."""
    name = " ".join((name or "").split())
    if not name:
        raise FigureError("A figure needs a name.")
    figure = Figure.objects.select_for_update().get(pk=figure.pk)
    figure.name = name[:300]
    figure.renamed = True
    fields = ["name", "renamed", "updated_at"]
    if cumulative is not None and cumulative != figure.cumulative:
        figure.cumulative = cumulative
        fields.append("cumulative")
    figure._history_user = user
    figure.save(update_fields=fields)
    if "cumulative" in fields:
        figures_refresh(figure_ids=[figure.pk])
    return figure


@transaction.atomic
def claims_move(*, claim_ids: Iterable[int], target: Figure, user: Any) -> int:
    """Put claims in ``target`` and lock them there, so regrouping and re-extraction keep them.

    The claims are marked ``corrected`` (unless already reviewed): ``extraction_apply`` then keeps
    the rows instead of replacing them with fresh machine claims.
    """
    target = figure_terminal(Figure.objects.select_for_update().get(pk=target.pk))
    claims = list(NumericClaim.objects.select_for_update().filter(pk__in=list(claim_ids)))
    if not claims:
        raise FigureError("No such claims.")
    touched = {target.pk}
    now = timezone.now()
    for claim in claims:
        if claim.figure_id is not None:
            touched.add(claim.figure_id)
        claim.figure = target
        claim.figure_locked = True
        fields = ["figure", "figure_locked", "version", "updated_at"]
        if claim.status == ReviewStatus.UNREVIEWED:
            claim.status = ReviewStatus.CORRECTED
            claim.reviewed_by = user if getattr(user, "is_authenticated", False) else None
            claim.reviewed_at = now
            fields += ["status", "reviewed_by", "reviewed_at"]
        claim.version += 1
        claim._history_user = user
        claim.save(update_fields=fields)
    figures_refresh(figure_ids=touched)
    return len(claims)


@transaction.atomic
def figure_split(*, figure: Figure, claim_ids: Iterable[int], name: str, user: Any) -> Figure:
    """Move some of a figure's claims into a new figure an editor names."""
    ids = list(claim_ids)
    if not NumericClaim.objects.filter(pk__in=ids, figure=figure).exists():
        raise FigureError("Pick claims of this figure to split off.")
    name = " ".join((name or "").split())
    if not name:
        raise FigureError("The new figure needs a name.")
    new = Figure(
        name=name[:300],
        slug=_unique_slug(name),
        category=figure.category,
        noun_key=figure.noun_key,
        place_key=figure.place_key,
        cumulative=figure.cumulative,
        origin=Origin.EDITOR,
        renamed=True,
    )
    new._history_user = user
    new.save()
    claims_move(
        claim_ids=NumericClaim.objects.filter(pk__in=ids, figure=figure).values_list("pk", flat=True),
        target=new,
        user=user,
    )
    return new


@transaction.atomic
def figures_merge(*, source: Figure, target: Figure, user: Any) -> Figure:
    """Merge ``source`` into ``target``: its claims move, and claims grouped under its key later follow."""
    source = Figure.objects.select_for_update().get(pk=source.pk)
    target = figure_terminal(Figure.objects.select_for_update().get(pk=target.pk))
    if source.pk == target.pk:
        raise FigureError("A figure cannot be merged into itself.")
    NumericClaim.objects.filter(figure=source).update(figure=target)
    Figure.objects.filter(merged_into=source).update(merged_into=target)
    source.flags.all().delete()
    source.merged_into = target
    source.claim_count = 0
    source.latest = []
    source._history_user = user
    source.save(update_fields=["merged_into", "claim_count", "latest", "updated_at"])
    figures_refresh(figure_ids=[target.pk])
    return target


@transaction.atomic
def flag_dismiss(*, flag: FigureFlag, user: Any, reason: str) -> FigureFlag:
    """Dismiss a flag with the editor's reason; recomputing keeps it dismissed."""
    reason = (reason or "").strip()
    if not reason:
        raise FigureError("Say why the flag is dismissed.")
    flag = FigureFlag.objects.select_for_update().get(pk=flag.pk)
    flag.status = FlagStatus.DISMISSED
    flag.dismissed_by = user if getattr(user, "is_authenticated", False) else None
    flag.dismissed_reason = reason[:2000]
    flag.dismissed_at = timezone.now()
    flag.save(update_fields=["status", "dismissed_by", "dismissed_reason", "dismissed_at"])
    return flag


@transaction.atomic
def flag_reopen(*, flag: FigureFlag, user: Any) -> FigureFlag:
    flag = FigureFlag.objects.select_for_update().get(pk=flag.pk)
    flag.status = FlagStatus.OPEN
    flag.dismissed_by = None
    flag.dismissed_reason = ""
    flag.dismissed_at = None
    flag.save(update_fields=["status", "dismissed_by", "dismissed_reason", "dismissed_at"])
    return flag


# ---------------------------------------------------------------------------------------------
# Reads shared by the pages and the API
# ---------------------------------------------------------------------------------------------


def figures_visible(*, user: Any) -> Any:
    """Figures a user may see: every figure that was not merged into another, if they may read."""
    from ..roles import can_read

    qs = Figure.objects.filter(merged_into__isnull=True)
    return qs if can_read(user) else qs.none()


def figures_filter(queryset: Any, *, category: str = "", place: str = "", source: str = "", q: str = "") -> Any:
    """Narrow figures by category, place (folded like grouping does), source actor id, or name."""
    if category:
        queryset = queryset.filter(category=category)
    if place:
        queryset = queryset.filter(place_key=place_key(place))
    if source:
        try:
            actor_ids = [int(source)]
        except ValueError:
            actor_ids = list(Actor.objects.filter(normalized_name=normalize_name(source)).values_list("id", flat=True))
        merged = list(Actor.objects.filter(merged_into_id__in=actor_ids).values_list("id", flat=True))
        live = NumericClaim.objects.exclude(status=ReviewStatus.REJECTED)
        queryset = queryset.filter(Exists(live.filter(figure_id=OuterRef("pk"), source_id__in=actor_ids + merged)))
    if q:
        queryset = queryset.filter(name__icontains=q)
    return queryset


def figures_by_recency(queryset: Any) -> Any:
    from django.db.models import F

    return queryset.order_by(F("last_as_of").desc(nulls_last=True), "-claim_count", "id")


def latest_entries(figure: Figure, *, limit: int | None = None) -> list[dict[str, Any]]:
    """The figure's latest value per source, ready for a template: text, label, date, link."""
    out = []
    for e in (figure.latest or [])[:limit]:
        out.append(
            {
                **e,
                "date": date.fromisoformat(e["as_of"]),
                "url": article_claim_url(e["article_id"], e["claim_id"]),
            }
        )
    return out


def start_page_figures(*, user: Any, limit: int = 6, per_figure: int = 3) -> list[dict[str, Any]]:
    """What the start page's figure block shows: the most recently reported figures, latest values first."""
    figures = figures_by_recency(figures_visible(user=user).filter(claim_count__gt=0))[:limit]
    return [{"figure": f, "entries": latest_entries(f, limit=per_figure)} for f in figures]


def flags_evidence(flag_ids: Iterable[int]) -> dict[int, list[dict[str, Any]]]:
    """The evidence claims of each flag (id, article, link), read by primary keys only."""
    through = FigureFlag.claims.through
    pairs = list(
        through.objects.filter(figureflag_id__in=list(flag_ids)).values_list("figureflag_id", "numericclaim_id")
    )
    claims = NumericClaim.objects.filter(pk__in={c for _, c in pairs}).order_by()
    articles = dict(claims.values_list("id", "article_id"))
    out: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for flag_id, claim_id in sorted(pairs):
        if claim_id in articles:
            aid = articles[claim_id]
            out[flag_id].append({"id": claim_id, "article": aid, "url": article_claim_url(aid, claim_id)})
    return dict(out)
