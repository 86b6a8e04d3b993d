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
from dataclasses import dataclass
from itertools import groupby
from operator import itemgetter
from typing import Any

from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.text import slugify

from ..lib.figure_keys import figure_key, figure_name_for
from ..models import Category, Figure, FigureFlag, FlagStatus, NumericClaim, Origin, ReviewStatus
from ..reads.figures import _actor_canonical, chart_summary, figure_points, latest_values, series_labels
from .figure_flags import _flags_sync, flags_compute

log = logging.getLogger(__name__)

CHUNK = 20_000  # claims read per query while grouping
FLUSH = 20_000  # pending figure assignments written at once
UPDATE_BATCH = 2_000  # ids per UPDATE ... WHERE id IN (...)
CUMULATIVE = {Category.KILLED, Category.INJURED}

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
        for _article_id, group in groupby(rows, key=itemgetter(1)):
            claims = list(group)
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
# Refreshing figures: summary row and flags
# ---------------------------------------------------------------------------------------------


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
        # Only what the refresh needs: loading the stored summaries too would hold them all at once.
        batch = Figure.objects.filter(pk__in=ids[i : i + 500], merged_into__isnull=True).only("id", "cumulative")
        for figure in batch:
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
    """What the delayed refresh runs: forget the debounce marks, refresh, drop emptied figures."""
    from django.core.cache import cache

    cache.delete_many([f"figures:refresh:{fid}" for fid in figure_ids])
    n = figures_refresh(figure_ids=figure_ids)
    _figures_prune()
    return n


def articles_figures_update(*, article_ids: Iterable[int], before: Iterable[int] = ()) -> set[int]:
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
