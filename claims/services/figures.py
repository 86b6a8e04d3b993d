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
from dataclasses import dataclass, replace
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify

from ..lib.figure_keys import FrameKey, FrameRow, counts_same_event, frame_key, frame_name
from ..lib.values import ValueUnit
from ..models import Category, Figure, FigureFlag, FlagStatus, NumericClaim, Origin, ReviewStatus
from ..reads.figures import _actor_canonical, chart_summary, figure_points, latest_values, series_labels
from .figure_flags import _flags_sync, flags_compute

log = logging.getLogger(__name__)

CHUNK = 20_000  # claims read per query while grouping
FLUSH = 20_000  # pending figure assignments written at once
UPDATE_BATCH = 2_000  # ids per UPDATE ... WHERE id IN (...)
CUMULATIVE = {Category.KILLED, Category.INJURED}
NAME_SAMPLE = 200  # claims read to name a machine figure
KEY_CACHE = 20_000  # frame keys remembered while grouping

# ---------------------------------------------------------------------------------------------
# Grouping
# ---------------------------------------------------------------------------------------------


def _unique_slug(base: str) -> str:
    base = (slugify(base) or "figure")[:280]
    slug, n = base, 1
    while Figure.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


class _Resolver:
    """Maps a frame key to the figure its claims belong in, following merges; creates machine figures."""

    def __init__(self) -> None:
        rows = Figure.objects.values_list("id", "frame_key", "origin", "merged_into_id")
        self.merged: dict[int, int | None] = {}
        self.by_key: dict[str, int] = {}
        for fid, key, origin, merged_into in rows.order_by("id"):
            self.merged[fid] = merged_into
            if key and (origin == Origin.MACHINE or merged_into is not None):
                self.by_key.setdefault(key, fid)
        self.created: list[int] = []

    def terminal(self, fid: int) -> int:
        seen = {fid}
        while (nxt := self.merged.get(fid)) is not None and nxt not in seen:
            seen.add(nxt)
            fid = nxt
        return fid

    def figure_for(self, fk: FrameKey, *, category: str) -> int:
        fid = self.by_key.get(fk.key)
        if fid is None:
            name = frame_name(fk)
            figure = Figure.objects.create(
                name=name[:300],
                slug=_unique_slug(name),
                category=fk.category if fk.category in Category.values else category,
                noun_key=fk.population[:200],
                place_key=(fk.country or fk.place_text)[:200],
                frame_key=fk.key,
                unit=fk.unit.split(":")[0].split("/")[0],
                currency=fk.unit.split(":")[1].split("/")[0][:3] if fk.unit.startswith("currency:") else "",
                rate=fk.unit.rsplit("/", 1)[1][:12] if "/" in fk.unit else "",
                event_key=" ".join(p for p in fk.time if p)[:60],
                modality=fk.modality,
                cumulative=category in CUMULATIVE
                and fk.time[0] not in ("window", "deal")
                and not fk.part
                and not fk.unit.startswith(("percent", "currency"))
                and "/" not in fk.unit,
            )
            fid = figure.pk
            self.by_key[fk.key] = fid
            self.merged[fid] = None
            self.created.append(fid)
        return self.terminal(fid)


# What decides a claim's figure: its own frame, in FrameRow's field order (part_of as "has a total").
_GROUP_FIELDS = (
    "id",
    "article_id",
    "figure_id",
    "value",
    "category",
    "noun",
    "place",
    "population",
    "place_key",
    "country_key",
    "event",
    "event_year",
    "event_date",
    "period",
    "since",
    "window",
    "window_date",
    "modality",
    "part_of_id",
    "unit",
    "currency",
    "measure",
    "rate",
    "frame_category",
    "as_of",
)
_PART_OF = _GROUP_FIELDS.index("part_of_id") - 4


class _DatedEvents:
    """The tolls of dated past events, by population: an undated claim of the same toll joins them.

    Seeded with one query from the event figures' claims; grows as event claims are grouped."""

    def __init__(self) -> None:
        self.by_population: dict[tuple[str, str], list[tuple[FrameKey, float, int]]] = defaultdict(list)
        self._seeded = False
        self._seen: set[tuple] = set()

    def _seed(self) -> None:
        self._seeded = True
        rows = NumericClaim.objects.filter(figure__frame_key__contains="|event|", figure__merged_into__isnull=True)
        for fid, value, *frame in rows.values_list("figure_id", "value", *_GROUP_FIELDS[4:]).iterator():
            frame[_PART_OF] = frame[_PART_OF] is not None
            fk = frame_key(FrameRow(*frame))
            if fk is not None and fk.time[0] == "event":
                self.add(fk, float(value), fid)

    def add(self, fk: FrameKey, value: float, fid: int) -> None:
        seen = (fk.category, fk.population, fk.unit, fk.event_noun, fk.event_country, value, fid)
        if seen not in self._seen:  # one entry per distinct toll: a big event's claims repeat a few values
            self._seen.add(seen)
            self.by_population[(fk.category, fk.population)].append((fk, value, fid))

    def find(self, fk: FrameKey, value: float) -> int | None:
        if fk.time != ("running",) or fk.since:
            return None
        if not self._seeded:
            self._seed()
        for event, event_value, fid in self.by_population.get((fk.category, fk.population), ()):
            if counts_same_event(fk, value, event, event_value):
                return fid
        return None


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

    Each claim's figure follows from its own frame alone (``frame_key``): the engine already read the
    article to resolve it, and an editor's change to one claim moves that claim only. Returns the ids
    of the figures that gained or lost claims.
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
    pending: dict[int | None, list[int]] = defaultdict(list)
    n_pending = 0
    key_cache: dict[tuple, FrameKey | None] = {}
    events = _DatedEvents()
    went: dict[int, Counter[int | None]] = defaultdict(Counter)
    for rows in _chunks_by_article(groupable, _GROUP_FIELDS):
        keyed = []
        for cid, _article_id, current, value, *frame in rows:
            frame[_PART_OF] = frame[_PART_OF] is not None
            raw = tuple(frame)
            if raw not in key_cache:
                if len(key_cache) >= KEY_CACHE:  # distinct frames x dates: bounded memory on a large corpus
                    key_cache.clear()
                key_cache[raw] = frame_key(FrameRow(*raw))
            keyed.append((cid, current, float(value), key_cache[raw], raw[0]))
        # Dated past events first, so an undated count of the same toll finds them (``counts_same_event``).
        keyed.sort(key=lambda k: k[3] is None or k[3].time[0] != "event")
        for cid, current, value, fk, category in keyed:
            if fk is None:
                fid = None
            else:
                fid = events.find(fk, value) or resolver.figure_for(fk, category=category)
                if fk.time[0] == "event":
                    events.add(fk, value, fid)
            if fid != current:
                pending[fid].append(cid)
                n_pending += 1
                if fid is not None:
                    touched.add(fid)
                if current is not None:
                    touched.add(current)
                    went[current][fid] += 1
        if n_pending >= FLUSH:
            _write_assignments(pending)
            n_pending = 0
    _write_assignments(pending)
    _note_moves(went)
    touched.update(resolver.created)
    return touched


def _note_moves(went: dict[int, Counter[int | None]]) -> None:
    """Remember where most of the claims a figure lost went, for its page once it is empty (one UPDATE per
    destination; grouping a new article's claims moves none)."""
    by_target: dict[int | None, list[int]] = defaultdict(list)
    for source, targets in went.items():
        by_target[targets.most_common(1)[0][0]].append(source)
    for target, sources in by_target.items():
        Figure.objects.filter(pk__in=sources).update(moved_to=target)


# ---------------------------------------------------------------------------------------------
# Refreshing figures: summary row and flags
# ---------------------------------------------------------------------------------------------


def _machine_name(figure: Figure) -> str:
    """A machine figure's name from what most of its claims say (since when, which dated event), not only
    from the claim that happened to create it; the slug (its URL) stays."""
    rows = NumericClaim.objects.filter(figure_id=figure.pk).values_list(*_GROUP_FIELDS[4:])[:NAME_SAMPLE]
    keys = []
    for frame in rows:
        frame = list(frame)
        frame[_PART_OF] = frame[_PART_OF] is not None
        fk = frame_key(FrameRow(*frame))
        if fk is not None and fk.key == figure.frame_key:
            keys.append(fk)
    if not keys:
        return figure.name
    since = Counter(k.since for k in keys if k.since).most_common(1)
    event = Counter(k.event for k in keys if k.event).most_common(1)
    # Named by the majority only: one claim's "the 17 October explosion" does not name a war's toll.
    half = len(keys) / 2
    fk = replace(
        keys[0],
        since=since[0][0] if since and since[0][1] >= half else "",
        event=event[0][0] if event and event[0][1] >= half else "",
    )
    return frame_name(fk)[:300]


def _refresh_one(figure: Figure, canonical: dict[int, int]) -> None:
    points = figure_points(figure_id=figure.pk, canonical=canonical)
    labels = series_labels({p.series for p in points})
    unit = ValueUnit.of(figure)
    latest = latest_values(points, cumulative=figure.cumulative, labels=labels, unit=unit)
    if figure.origin == Origin.MACHINE and not figure.renamed and figure.frame_key and points:
        name = _machine_name(figure)
        if name != figure.name:
            Figure.objects.filter(pk=figure.pk).update(name=name)
    Figure.objects.filter(pk=figure.pk).update(
        emptied_at=None if points else (figure.emptied_at or timezone.now()),
        claim_count=len(points),
        last_as_of=points[-1].day if points else None,
        latest=latest,
        chart=chart_summary(points, cumulative=figure.cumulative, labels=labels),
    )
    _flags_sync(figure.pk, flags_compute(points, cumulative=figure.cumulative), labels, unit=unit)


def figures_refresh(*, figure_ids: Iterable[int]) -> int:
    """Recompute the summary and flags of the given figures (aliases are skipped); returns how many."""
    canonical = _actor_canonical()
    n = 0
    ids = sorted(set(figure_ids))
    for i in range(0, len(ids), 500):
        # Only what the refresh needs: loading the stored summaries too would hold them all at once.
        batch = Figure.objects.filter(pk__in=ids[i : i + 500], merged_into__isnull=True).only(
            "id", "cumulative", "origin", "renamed", "frame_key", "name", "emptied_at", "unit", "currency", "rate"
        )
        for figure in batch:
            with transaction.atomic():
                _refresh_one(figure, canonical)
            n += 1
    return n


@dataclass(frozen=True)
class RecomputeResult:
    figures: int
    touched: int
    emptied: int  # figures without claims: kept, so their URL still answers


def figures_recompute() -> RecomputeResult:
    """Regroup every claim and refresh every figure's summary and flags (an emptied figure stays, marked)."""
    touched = claims_group()
    ids = list(Figure.objects.filter(merged_into__isnull=True).values_list("id", flat=True))
    n = figures_refresh(figure_ids=ids)
    emptied = Figure.objects.filter(emptied_at__isnull=False, merged_into__isnull=True).count()
    return RecomputeResult(figures=n, touched=len(touched), emptied=emptied)


def articles_figure_ids(*, article_ids: Iterable[int]) -> set[int]:
    """The figures the articles' claims are in."""
    claims = NumericClaim.objects.filter(article_id__in=list(article_ids), figure__isnull=False)
    return set(claims.values_list("figure_id", flat=True).distinct())


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
    """What the delayed refresh runs: forget the debounce marks, refresh."""
    from django.core.cache import cache

    cache.delete_many([f"figures:refresh:{fid}" for fid in figure_ids])
    return figures_refresh(figure_ids=figure_ids)


def articles_figures_update(*, article_ids: Iterable[int], before: Iterable[int] = (), now: bool = False) -> set[int]:
    """Group the articles' claims at once (after extraction or an editor's change) and refresh the
    figures they touch soon.

    ``before`` is the figures the articles' claims were in before extraction (their claims may
    have been replaced). Failures are logged, not raised: the extraction itself succeeded, and
    the periodic ``figures_recompute`` repairs whatever was missed.
    """
    article_ids = list(article_ids)
    try:
        touched = claims_group(article_ids=article_ids)
        ids = touched | set(before) | articles_figure_ids(article_ids=article_ids)
        if now:  # an editor's change: the figure shows it on the next page view
            figures_refresh(figure_ids=ids)
        else:
            figures_refresh_soon(figure_ids=ids)
        return ids
    except Exception:
        log.exception("figure update failed after extracting articles %s", article_ids)
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
