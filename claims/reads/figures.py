"""Figure timelines: reading a figure's claims as points, one series per source.

Every read here is bounded whatever the figure's size, except ``figure_points`` (all of a
figure's live claims), which the refresh of its summary and flags uses. Also the reads the
pages and the API share: visible figures, filters, latest values, flag evidence.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.db.models import Exists, OuterRef

from ..lib.figure_keys import place_key
from ..models import (
    Actor,
    Figure,
    FigureFlag,
    NumericClaim,
    Outlet,
    Qualifier,
    ReviewStatus,
    normalize_name,
)


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
    actors: set[int] = set()
    outlets: set[int] = set()
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
    figures = figures_by_recency(Figure.objects.visible_to(user).canonical().filter(claim_count__gt=0))[:limit]
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
