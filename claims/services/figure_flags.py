"""Figure flags: sources that disagree within a few days, and running totals revised down.

At most one flag of each kind per figure and week, keyed ``<kind>:<Monday>`` so a dismissed
flag stays dismissed when recomputed; each lists up to ``EVIDENCE_PAIRS`` pairs of claims.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal
from itertools import pairwise
from typing import Any

from ..lib.values import ValueUnit, format_value
from ..models import FigureFlag, FlagKind, FlagStatus
from ..reads.figures import Point, _daily, _monday

WINDOW_DAYS = 0  # two sources apart on the same day
TOLERANCE = Decimal("0.10")
# A later day's highest value this far below an earlier day's, from another source, is a revision.
REVISION_TOLERANCE = Decimal("0.03")
# A later value less than two thirds of the peak is rather another quantity that landed in the figure (one
# strike's toll beside the war's) than a re-count: counts are revised by a tenth or a fifth, not by half.
REVISION_MAX_DROP = Decimal("0.33")
EVIDENCE_PAIRS = 6  # a flag lists at most this many pairs of claims as evidence


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


def _describe(p: Point, labels: dict[str, str], unit: ValueUnit | None = None) -> str:
    text = format_value(p.value, p.value_max, p.qualifier, unit=unit)
    return f"{labels.get(p.series, p.series)}: {text} ({p.day:%-d %b %Y})"


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
        _revisions_across_sources(points, flags)
        for days in _daily(points, cumulative=True).values():
            for before, after in pairwise(days):
                if after.value < before.value:
                    key = f"{FlagKind.REVISION}:{_monday(after.day).isoformat()}"
                    flag = flags.setdefault(key, _Flag(FlagKind.REVISION))
                    flag.n_pairs += 1
                    if len(flag.pairs) < EVIDENCE_PAIRS:
                        flag.pairs.append((before, after, (before.value - after.value) / max(before.value, Decimal(1))))
    return flags


def _revisions_across_sources(points: list[Point], flags: dict[str, _Flag]) -> None:
    """A running total that a later report, from any source, puts lower than every earlier day's highest
    value (by more than ``REVISION_TOLERANCE``): the count was revised, whoever reported it."""
    by_day: dict[Any, Point] = {}
    for p in points:
        best = by_day.get(p.day)
        if best is None or p.value > best.value:
            by_day[p.day] = p
    peak: Point | None = None
    for day in sorted(by_day):
        p = by_day[day]
        # The later report's upper end against the peak's lower end: "more than 5,500" revises no 7,146.
        high, low = p.high, peak.low if peak is not None else None
        drop = (low - high) / max(low, Decimal(1)) if high is not None and low is not None else Decimal(0)
        if peak is not None and REVISION_TOLERANCE < drop <= REVISION_MAX_DROP and p.series != peak.series:
            key = f"{FlagKind.REVISION}:{_monday(day).isoformat()}"
            flag = flags.setdefault(key, _Flag(FlagKind.REVISION))
            flag.n_pairs += 1
            if len(flag.pairs) < EVIDENCE_PAIRS:
                flag.pairs.append((peak, p, (peak.value - p.value) / max(peak.value, Decimal(1))))
        if peak is None or p.value > peak.value:
            peak = p


def _flag_detail(flag: _Flag, labels: dict[str, str], unit: ValueUnit | None = None) -> str:
    lines = []
    for a, b, _gap in sorted(flag.pairs, key=lambda t: -t[2]):
        if flag.kind == FlagKind.REVISION:
            lines.append(
                f"{labels.get(a.series, a.series)} revised down: "
                f"{format_value(a.value, a.value_max, a.qualifier, unit=unit)} ({a.day:%-d %b %Y}) → "
                f"{format_value(b.value, b.value_max, b.qualifier, unit=unit)} ({b.day:%-d %b %Y})"
            )
        else:
            lines.append(f"{_describe(a, labels, unit)} vs {_describe(b, labels, unit)}")
    if flag.n_pairs > len(flag.pairs):
        lines.append(f"and more ({flag.n_pairs - len(flag.pairs)} further cases that week)")
    return "\n".join(lines)


def _flags_sync(
    figure_id: int, computed: dict[str, _Flag], labels: dict[str, str], *, unit: ValueUnit | None = None
) -> None:
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
        detail = _flag_detail(flag, labels, unit)
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
        from .webhooks import follow_flags_raised_soon  # webhooks (issue 18)

        follow_flags_raised_soon([row.pk for row in created])
        for row, (_, ids) in zip(created, new_flags, strict=True):
            links.extend(through(figureflag_id=row.pk, numericclaim_id=c) for c in ids)
    for flag_id, ids in unlink:
        through.objects.filter(figureflag_id=flag_id, numericclaim_id__in=ids).delete()
    if links:
        through.objects.bulk_create(links, batch_size=1000, ignore_conflicts=True)
