"""A figure's timeline as a chart: laid out once, drawn as SVG (the page) or PNG (the download).

No JavaScript and no CDN: the page embeds the SVG, each point is a link to the claim's span in
its article. The PNG is drawn with Pillow from the same layout, so both show the same chart.
Large figures are thinned for drawing only: at most ``MAX_SERIES`` sources (those with the most
claims) and at most ``MAX_POINTS`` points per source (one per period: the highest value for a
running total, else the latest claim); the table and the CSV always hold every claim.
"""

from __future__ import annotations

import hashlib
import io
import json
import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.utils.html import escape

from ..models import Figure, Qualifier
from . import figures as timelines
from .figures import (
    CHART_SERIES,
    Point,
    figure_chart_points,
    figure_overview,
    format_value,
    overview_from_summary,
    ranked_series,
    series_labels,
)

PALETTE = ["#0b5cad", "#c0392b", "#1e8449", "#8e44ad", "#d35400", "#117a8b", "#7f6000", "#5d6d7e"]
MAX_SERIES = CHART_SERIES
MAX_POINTS = 60  # per series: past that, neighbouring periods are combined
WIDTH, HEIGHT = 880, 380
MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, MARGIN_BOTTOM = 78, 46, 16, 44


@dataclass(frozen=True, slots=True)
class ChartPoint:
    claim_id: int
    url: str
    x: float
    y: float
    y_low: float | None  # the ends of a range, when the claim gives one
    y_high: float | None
    mark: str  # "", "up" (more than / at least), "down" (fewer than / up to)
    title: str
    claims: int  # how many claims this point stands for (1 unless thinned)


@dataclass
class ChartSeries:
    key: str
    label: str
    color: str
    points: list[ChartPoint] = field(default_factory=list)
    total: int = 0


@dataclass
class Chart:
    width: int
    height: int
    series: list[ChartSeries]
    x_ticks: list[tuple[float, str]]
    y_ticks: list[tuple[float, str]]
    n_claims: int
    n_points: int
    hidden_series: int
    note: str

    @property
    def plot(self) -> tuple[float, float, float, float]:
        return (MARGIN_LEFT, MARGIN_TOP, self.width - MARGIN_RIGHT, self.height - MARGIN_BOTTOM)


def _nice_max(value: float) -> float:
    if value <= 0:
        return 1.0
    exp = 10 ** math.floor(math.log10(value))
    for step in (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10):
        if value <= step * exp:
            return step * exp
    return 10 * exp


def _short(value: float) -> str:
    if value >= 1_000_000:
        return f"{value / 1_000_000:g}M"
    if value >= 10_000:
        return f"{value / 1_000:g}k"
    return f"{value:,.0f}" if value == int(value) else f"{value:g}"


def _thin(weighted: list[tuple[Point, int]], first: date, last: date, *, cumulative: bool) -> list[tuple[Point, int]]:
    if len(weighted) <= MAX_POINTS:
        return weighted
    days = max(1, math.ceil(((last - first).days + 1) / MAX_POINTS))
    buckets: dict[int, list[tuple[Point, int]]] = defaultdict(list)
    for p, n in weighted:
        buckets[(p.day - first).days // days].append((p, n))
    out = []
    for _, group in sorted(buckets.items()):
        key = (lambda pn: (pn[0].value, pn[0].claim_id)) if cumulative else (lambda pn: pn[0].claim_id)
        best = max(group, key=key)[0]
        out.append((best, sum(n for _, n in group)))
    return out


def figure_chart(figure: Figure) -> Chart:
    """The chart of a figure, read with a few queries whatever its size (see figure_chart_points)."""
    overview = overview_from_summary(figure) or figure_overview(figure_id=figure.pk)
    labels = {e["series"]: e["label"] for e in figure.latest or []}
    if not overview.totals.keys() <= labels.keys():
        labels = series_labels(overview.totals)
    shown = ranked_series(overview.totals, labels)[:MAX_SERIES]
    weighted = figure_chart_points(figure=figure, overview=overview, series=shown, cumulative=figure.cumulative)
    return chart_build(weighted, labels, totals=overview.totals, cumulative=figure.cumulative)


def figure_chart_and_svg(figure: Figure) -> tuple[Chart, str]:
    """The chart and its SVG for the figure page. A large figure's chart comes from its stored
    summary, so the drawing is cached until that summary (or the figure's name) changes."""
    if not figure.chart or figure.claim_count <= timelines.CHART_RAW_LIMIT:
        chart = figure_chart(figure)
        return chart, chart_svg(chart, title=figure.name)
    from django.core.cache import cache

    digest = hashlib.blake2b(
        json.dumps([figure.name, figure.chart, figure.latest], sort_keys=True, default=str).encode(), digest_size=16
    ).hexdigest()
    key = f"figures:chart:{figure.pk}:{digest}"
    hit = cache.get(key)
    if hit is None:
        chart = figure_chart(figure)
        hit = (chart, chart_svg(chart, title=figure.name))
        cache.set(key, hit, timeout=3600)
    return hit


def chart_build(
    weighted: list[tuple[Point, int]] | list[Point],
    labels: dict[str, str],
    *,
    totals: dict[str, int] | None = None,
    cumulative: bool = True,
    width: int = WIDTH,
    height: int = HEIGHT,
) -> Chart:
    """Lay points out on a date (x) by value (y) plane; each point may stand for several claims."""
    pairs = [pn if isinstance(pn, tuple) else (pn, 1) for pn in weighted]
    if totals is None:
        totals = dict(Counter(p.series for p, _ in pairs))
    ranked = ranked_series(totals, labels)
    shown_keys = ranked[:MAX_SERIES]
    keep = set(shown_keys)
    shown = [(p, n) for p, n in pairs if p.series in keep]
    n_claims = sum(totals.values())
    n_shown_claims = sum(totals[k] for k in shown_keys)
    x0, y0, x1, y1 = MARGIN_LEFT, MARGIN_TOP, width - MARGIN_RIGHT, height - MARGIN_BOTTOM
    if not shown:
        return Chart(width, height, [], [], [], n_claims, 0, len(ranked), "No claims to draw.")

    first, last = min(p.day for p, _ in shown), max(p.day for p, _ in shown)
    if first == last:
        first, last = first - timedelta(days=1), last + timedelta(days=1)
    span_days = (last - first).days
    top = _nice_max(float(max((p.value_max or p.value) for p, _ in shown)))

    def x_of(day: date) -> float:
        return round(x0 + (x1 - x0) * (day - first).days / span_days, 1)

    def y_of(value: Decimal) -> float:
        return round(y1 - (y1 - y0) * float(value) / top, 1)

    by_series: dict[str, list[tuple[Point, int]]] = defaultdict(list)
    for p, n in shown:
        by_series[p.series].append((p, n))
    series = []
    n_points = 0
    for i, key in enumerate(shown_keys):
        s = ChartSeries(key=key, label=labels.get(key, key), color=PALETTE[i % len(PALETTE)], total=totals.get(key, 0))
        for p, n in _thin(
            sorted(by_series[key], key=lambda pn: (pn[0].day, pn[0].claim_id)), first, last, cumulative=cumulative
        ):
            text = format_value(p.value, p.value_max, p.qualifier)
            title = f"{s.label}: {text} ({p.day:%-d %b %Y})" + (f", standing for {n} claims" if n > 1 else "")
            mark = ""
            if p.qualifier in (Qualifier.MORE_THAN, Qualifier.AT_LEAST):
                mark = "up"
            elif p.qualifier in (Qualifier.LESS_THAN, Qualifier.AT_MOST):
                mark = "down"
            ranged = p.value_max is not None and p.value_max != p.value
            s.points.append(
                ChartPoint(
                    claim_id=p.claim_id,
                    url=p.url,
                    x=x_of(p.day),
                    y=y_of(p.shown),
                    y_low=y_of(p.value) if ranged else None,
                    y_high=y_of(p.value_max) if ranged and p.value_max is not None else None,
                    mark=mark,
                    title=title,
                    claims=n,
                )
            )
        n_points += len(s.points)
        series.append(s)

    y_ticks = [(y_of(Decimal(str(top * k / 4))), _short(top * k / 4)) for k in range(5)]
    n_x = 6
    x_ticks: list[tuple[float, str]] = []
    for k in range(n_x + 1):
        day = first + timedelta(days=round(span_days * k / n_x))
        label = f"{day:%-d %b %Y}" if span_days <= 120 else f"{day:%b %Y}"
        if not x_ticks or x_ticks[-1][1] != label:
            x_ticks.append((x_of(day), label))
    notes = []
    if len(ranked) > MAX_SERIES:
        notes.append(f"{MAX_SERIES} of {len(ranked)} sources drawn (those with the most claims)")
    if n_points < n_shown_claims:
        notes.append(f"{n_points:,} points stand for {n_shown_claims:,} claims (the highest or latest of each period)")
    return Chart(
        width,
        height,
        series,
        x_ticks,
        y_ticks,
        n_claims,
        n_points,
        max(0, len(ranked) - MAX_SERIES),
        "; ".join(notes),
    )


def chart_svg(chart: Chart, *, title: str = "") -> str:
    """The chart as inline SVG markup; every point links to its claim in the article."""
    x0, y0, x1, y1 = chart.plot
    out = [
        f'<svg class="figure-chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {chart.width} {chart.height}" '
        # A group, not an image: its points are links (an image's children would be hidden).
        f'width="{chart.width}" height="{chart.height}" role="group" '
        f'aria-label="{escape(title or "Figure timeline")}">',
        f'<rect x="{x0}" y="{y0}" width="{x1 - x0}" height="{y1 - y0}" class="plot-area" '
        'fill="#fff" stroke="#d5d9de"/>',
    ]
    for y, label in chart.y_ticks:
        out.append(f'<line x1="{x0}" x2="{x1}" y1="{y}" y2="{y}" stroke="#eceef1"/>')
        out.append(f'<text x="{x0 - 6}" y="{y + 4}" text-anchor="end" class="tick">{escape(label)}</text>')
    for x, label in chart.x_ticks:
        out.append(f'<line x1="{x}" x2="{x}" y1="{y1}" y2="{y1 + 5}" stroke="#8a939e"/>')
        out.append(f'<text x="{x}" y="{y1 + 20}" text-anchor="middle" class="tick">{escape(label)}</text>')
    for s in chart.series:
        out.append(f'<g class="series" data-series="{escape(s.key)}" data-label="{escape(s.label)}">')
        if len(s.points) > 1:
            coords = " ".join(f"{p.x},{p.y}" for p in s.points)
            out.append(f'<polyline points="{coords}" fill="none" stroke="{s.color}" stroke-width="1.5" opacity=".6"/>')
        for p in s.points:
            out.append(f'<a href="{escape(p.url)}" class="point" data-claim-id="{p.claim_id}">')
            if p.y_low is not None and p.y_high is not None:
                out.append(
                    f'<line x1="{p.x}" x2="{p.x}" y1="{p.y_low}" y2="{p.y_high}" stroke="{s.color}" stroke-width="3"/>'
                )
            if p.mark:
                dy = -9 if p.mark == "up" else 9
                out.append(
                    f'<path d="M{p.x - 4},{p.y + dy / 2} L{p.x},{p.y + dy} L{p.x + 4},{p.y + dy / 2}" '
                    f'fill="none" stroke="{s.color}"/>'
                )
            out.append(
                f'<circle cx="{p.x}" cy="{p.y}" r="{4.5 if p.claims == 1 else 5.5}" fill="{s.color}" stroke="#fff">'
                f"<title>{escape(p.title)}</title></circle></a>"
            )
        out.append("</g>")
    out.append("</svg>")
    return "".join(out)


def chart_png(chart: Chart, *, title: str = "", scale: int = 2) -> bytes:
    """The same chart drawn with Pillow, with its title and legend, as PNG bytes."""
    from PIL import Image, ImageDraw, ImageFont

    legend_rows = math.ceil(len(chart.series) / 3) if chart.series else 0
    head, foot = 34, 14 + 22 * legend_rows + (18 if chart.note else 0)
    w, h = chart.width * scale, (chart.height + head + foot) * scale
    img = Image.new("RGB", (w, h), "white")
    d = ImageDraw.Draw(img)
    font = ImageFont.load_default(size=11 * scale)
    bold = ImageFont.load_default(size=15 * scale)

    def p(x: float, y: float) -> tuple[float, float]:
        return (x * scale, (y + head) * scale)

    d.text((12 * scale, 8 * scale), title or "Figure", fill="#1b1f24", font=bold)
    x0, y0, x1, y1 = chart.plot
    d.rectangle([p(x0, y0), p(x1, y1)], outline="#d5d9de", width=scale)
    for y, label in chart.y_ticks:
        d.line([p(x0, y), p(x1, y)], fill="#eceef1", width=scale)
        d.text(p(x0 - 6, y), label, fill="#5b6470", font=font, anchor="rm")
    for x, label in chart.x_ticks:
        d.line([p(x, y1), p(x, y1 + 5)], fill="#8a939e", width=scale)
        d.text(p(x, y1 + 14), label, fill="#5b6470", font=font, anchor="mm")
    r = 4.5 * scale
    for s in chart.series:
        if len(s.points) > 1:
            d.line([p(pt.x, pt.y) for pt in s.points], fill=s.color, width=scale + 1)
        for pt in s.points:
            if pt.y_low is not None and pt.y_high is not None:
                d.line([p(pt.x, pt.y_low), p(pt.x, pt.y_high)], fill=s.color, width=3 * scale)
            if pt.mark:
                dy = -9 if pt.mark == "up" else 9
                d.line(
                    [p(pt.x - 4, pt.y + dy / 2), p(pt.x, pt.y + dy), p(pt.x + 4, pt.y + dy / 2)],
                    fill=s.color,
                    width=scale,
                )
            cx, cy = p(pt.x, pt.y)
            d.ellipse([cx - r, cy - r, cx + r, cy + r], fill=s.color, outline="white", width=scale)
    top = chart.height + head + 8
    for i, s in enumerate(chart.series):
        col, row = i % 3, i // 3
        lx, ly = 16 + col * (chart.width - 32) / 3, top + row * 22
        d.ellipse([lx * scale, (ly + 3) * scale, (lx + 10) * scale, (ly + 13) * scale], fill=s.color)
        label = s.label if len(s.label) <= 34 else s.label[:33] + "…"
        d.text(((lx + 16) * scale, ly * scale), f"{label} ({s.total:,})", fill="#1b1f24", font=font)
    if chart.note:
        d.text((16 * scale, (top + 22 * legend_rows) * scale), chart.note, fill="#5b6470", font=font)
    buf = io.BytesIO()
    img.save(buf, format="PNG", optimize=False)
    return buf.getvalue()
