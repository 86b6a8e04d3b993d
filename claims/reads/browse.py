"""The claims and quotes browser: filter state from the URL, facet counts, keyset pages.

All state lives in the query string, so a view can be bookmarked and shared. Pages are keyset
pages (``?after=<sort value>~<id>``, claims.lib.keyset), so page 500 costs what page 1 costs; the
total is counted up to a bound (``keyset.COUNT_LIMIT``) and shown as "10,000+" beyond it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, cast
from urllib.parse import urlencode

from django.core.cache import cache
from django.db import connection
from django.db.models import BooleanField, Count, ExpressionWrapper, Q, QuerySet, Value
from django.http import QueryDict

from ..lib import keyset
from ..lib.input_guard import finite_decimal, finite_float
from ..models import Actor, ActorMention, Article, Category, NumericClaim, Outlet, Qualifier, Quote, ReviewStatus
from ..querysets import ReviewableQuerySet

PAGE_SIZE = 50
FACET_LIMIT = 100  # values counted per facet (in the same queries whatever the limit)
FACET_SHOWN = 8  # shown at first; the rest behind "more…", with a box to filter them
CACHE_SECONDS = 600


# --- Counts cached until the data changes ---------------------------------------------------


def data_version() -> str:
    """A value that changes whenever a claim, quote or actor is written (one cheap query).

    Newest ``updated_at`` and highest id of claims and quotes (both indexed), newest actor
    change. Counts cached under it are exact: the first read after a write recomputes them.
    Writes that bypass ``save()`` without touching ``updated_at`` (``QuerySet.update``) are not
    seen until the next saved change; the services here all save.
    """
    from ..models import Actor

    def q(name: str) -> str:
        return connection.ops.quote_name(name)

    # Only table and column names from the models go into this SQL, quoted; no input does.
    parts = []
    for model in (NumericClaim, Quote):
        table = q(model._meta.db_table)
        parts.append("(SELECT MAX(" + q("updated_at") + ") FROM " + table + ")")  # noqa: S608
        parts.append("(SELECT MAX(" + q("id") + ") FROM " + table + ")")  # noqa: S608
    parts.append("(SELECT MAX(" + q("updated_at") + ") FROM " + q(Actor._meta.db_table) + ")")  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(parts))
        return "|".join(str(v) for v in cursor.fetchone())


def cached(version: str, key: Any, compute: Callable[[], Any]) -> Any:
    """``compute()``, remembered under ``key`` for as long as ``version`` (the data) is unchanged."""
    digest = hashlib.sha256(f"{version}|{key!r}".encode()).hexdigest()[:40]
    name = f"newsclaims:pages:{digest}"
    value = cache.get(name)
    if value is None:
        value = compute()
        cache.set(name, value, CACHE_SECONDS)
    return value


@dataclass(frozen=True)
class SortOption:
    key: str
    label: str
    field: str
    descending: bool
    nullable: bool = False
    parse: Callable[[str], Any] = int


def _date(raw: str) -> dt.date:
    return dt.date.fromisoformat(raw)


def _decimal(raw: str) -> Decimal:
    return finite_decimal(raw)


CLAIM_SORTS = [
    SortOption("newest", "Newest first", "id", True),
    SortOption("oldest", "Oldest first", "id", False),
    SortOption("date", "Date (latest)", "as_of", True, nullable=True, parse=_date),
    SortOption("value", "Value (highest)", "value", True, parse=_decimal),
    SortOption("value_asc", "Value (lowest)", "value", False, parse=_decimal),
    SortOption("confidence", "Least confident", "confidence", False, parse=finite_float),
]
QUOTE_SORTS = [
    SortOption("newest", "Newest first", "id", True),
    SortOption("oldest", "Oldest first", "id", False),
    SortOption("confidence", "Least confident", "confidence", False, parse=finite_float),
]


def _ints(values: list[str]) -> list[int]:
    out = []
    for value in values:
        try:
            out.append(int(value))
        except ValueError:
            continue
    return out


def _iso(raw: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(raw) if raw else None
    except ValueError:
        return None


@dataclass
class Filters:
    """What the browser shows, parsed from (and written back to) the query string."""

    kind: str  # claims or quotes
    category: list[str] = field(default_factory=list)
    qualifier: list[str] = field(default_factory=list)
    status: list[str] = field(default_factory=list)
    outlet: list[int] = field(default_factory=list)
    source: list[int] = field(default_factory=list)  # claim source / quote speaker
    actor: int | None = None  # mentioned in the article
    article: int | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    q: str = ""
    sort: str = "newest"

    @classmethod
    def from_query(cls, kind: str, query: QueryDict) -> Filters:
        sorts = {s.key for s in (CLAIM_SORTS if kind == "claims" else QUOTE_SORTS)}
        actor = _ints(query.getlist("actor")[:1])
        article = _ints(query.getlist("article")[:1])
        return cls(
            kind=kind,
            category=[c for c in query.getlist("category") if c in Category.values] if kind == "claims" else [],
            qualifier=[c for c in query.getlist("qualifier") if c in Qualifier.values] if kind == "claims" else [],
            status=[s for s in query.getlist("status") if s in ReviewStatus.values],
            outlet=_ints(query.getlist("outlet")),
            source=_ints(query.getlist("source" if kind == "claims" else "speaker")),
            actor=actor[0] if actor else None,
            article=article[0] if article else None,
            date_from=_iso(query.get("from", "")),
            date_to=_iso(query.get("to", "")),
            q=query.get("q", "").strip()[:200],
            sort=query.get("sort", "") if query.get("sort", "") in sorts else "newest",
        )

    @property
    def source_param(self) -> str:
        return "source" if self.kind == "claims" else "speaker"

    def params(self) -> list[tuple[str, str]]:
        out: list[tuple[str, str]] = []
        out += [("q", self.q)] if self.q else []
        out += [("category", v) for v in self.category]
        out += [("qualifier", v) for v in self.qualifier]
        out += [("status", v) for v in self.status]
        out += [("outlet", str(v)) for v in self.outlet]
        out += [(self.source_param, str(v)) for v in self.source]
        out += [("actor", str(self.actor))] if self.actor else []
        out += [("article", str(self.article))] if self.article else []
        out += [("from", self.date_from.isoformat())] if self.date_from else []
        out += [("to", self.date_to.isoformat())] if self.date_to else []
        out += [("sort", self.sort)] if self.sort != "newest" else []
        return out

    def query_string(self, **extra: str) -> str:
        return urlencode(self.params() + [(k, v) for k, v in extra.items() if v])

    def toggled(self, name: str, value: Any) -> str:
        """The query string with ``value`` added to or removed from filter ``name``."""
        params = self.params()
        pair = (name, str(value))
        params = [p for p in params if p != pair] if pair in params else [*params, pair]
        return urlencode(params)

    def without(self, name: str) -> str:
        return urlencode([p for p in self.params() if p[0] != name])

    @property
    def active(self) -> bool:
        return any(p[0] != "sort" for p in self.params())

    @property
    def sort_option(self) -> SortOption:
        sorts = CLAIM_SORTS if self.kind == "claims" else QUOTE_SORTS
        return next(s for s in sorts if s.key == self.sort)


def filtered(filters: Filters, base: QuerySet, *, skip: str | set[str] = "") -> QuerySet:
    """``base`` narrowed by every filter except those in ``skip`` (so a facet can count its own values).

    Skipping "status" also keeps rejected rows (which are otherwise left out).
    """
    skipped = {skip} if isinstance(skip, str) else set(skip)
    qs = base
    date_field = "as_of" if filters.kind == "claims" else "article__published_at__date"
    source_field = "source_id" if filters.kind == "claims" else "speaker_id"
    if filters.category and "category" not in skipped:
        qs = qs.filter(category__in=filters.category)
    if filters.qualifier and "qualifier" not in skipped:
        qs = qs.filter(qualifier__in=filters.qualifier)
    if filters.status and "status" not in skipped:
        qs = qs.filter(status__in=filters.status)
    elif not filters.status and "status" not in skipped:
        qs = qs.exclude(status=ReviewStatus.REJECTED)  # rejected = deleted, unless asked for
    if filters.outlet and "outlet" not in skipped:
        qs = qs.filter(article__outlet_id__in=filters.outlet)
    if filters.source and "source" not in skipped:
        qs = qs.filter(**{f"{source_field}__in": filters.source})
    if filters.actor:
        qs = qs.filter(article_id__in=ActorMention.objects.filter(actor_id=filters.actor).values("article_id"))
    if filters.article:
        qs = qs.filter(article_id=filters.article)
    if filters.date_from:
        qs = qs.filter(**{f"{date_field}__gte": filters.date_from})
    if filters.date_to:
        qs = qs.filter(**{f"{date_field}__lte": filters.date_to})
    if filters.q:
        qs = cast(ReviewableQuerySet, qs).search(filters.q)  # claims or quotes: both search
    return qs


def base_queryset(kind: str, user: Any) -> QuerySet:
    """Every claim (or quote) the user may read, rejected ones included; ``filtered`` drops those."""
    model = NumericClaim if kind == "claims" else Quote
    return model.objects.visible_to(user)


# --- Facets -------------------------------------------------------------------------------


@dataclass(frozen=True)
class FacetValue:
    value: Any
    label: str
    count: int
    selected: bool
    query: str  # the query string with this value toggled


@dataclass(frozen=True)
class Facet:
    name: str
    label: str
    values: list[FacetValue]

    @property
    def shown(self) -> list[FacetValue]:
        return self.values[:FACET_SHOWN]

    @property
    def more(self) -> list[FacetValue]:
        return self.values[FACET_SHOWN:]

    @property
    def more_selected(self) -> bool:
        return any(v.selected for v in self.more)

    @property
    def capped(self) -> bool:
        """More values exist than were counted."""
        return len(self.values) >= FACET_LIMIT


def _counts(qs: QuerySet, column: str, limit: int) -> list[tuple[Any, int]]:
    return list(qs.order_by().values_list(column).annotate(n=Count("*")).order_by("-n", column)[:limit])


def _ranked(counts: dict[Any, int], limit: int) -> list[tuple[Any, int]]:
    """``counts`` most frequent first, ties by value (None last), as ``_counts`` orders them."""
    rows = [(value, n) for value, n in counts.items() if n > 0]
    return sorted(rows, key=lambda r: (-r[1], r[0] is None, r[0] if r[0] is not None else 0))[:limit]


def _outlet_counts(qs: QuerySet, limit: int | None) -> list[tuple[Any, int]]:
    """Rows per outlet of ``qs``: counted per article (an index-only scan), then summed per outlet.

    The same numbers as ``_counts(qs, "article__outlet_id", limit)`` without joining every row
    to its article: only the few thousand per-article counts are joined. ``limit=None``: all.
    """
    inner, params = qs.order_by().values_list("article_id").annotate(n=Count("*")).query.sql_with_params()
    article = connection.ops.quote_name(Article._meta.db_table)
    outlet, pk = connection.ops.quote_name("outlet_id"), connection.ops.quote_name("id")
    # Only the article table and column names go into this SQL, quoted; the filters are params.
    sql = (
        f"SELECT a.{outlet}, SUM(per_article.n) AS total FROM ({inner}) per_article "  # noqa: S608
        f"INNER JOIN {article} a ON a.{pk} = per_article.article_id "
        f"GROUP BY a.{outlet} ORDER BY total DESC, a.{outlet} ASC"
    )
    with connection.cursor() as cursor:
        if limit is None:
            cursor.execute(sql, params)
        else:
            cursor.execute(f"{sql} LIMIT %s", [*params, limit])
        return [(value, int(n)) for value, n in cursor.fetchall()]


SMALL_FACETS = {"claims": ["category", "qualifier", "status"], "quotes": ["status"]}


def _small_facet_counts(
    filters: Filters, base: QuerySet, limits: dict[str, int], combos: list[tuple[Any, ...]] | None = None
) -> tuple[dict[str, list[tuple[Any, int]]], int]:
    """Category, qualifier and review status counts, each under every filter but its own, from ONE query.

    These columns have a handful of values, so the rows matching every other filter are counted
    once per (category, qualifier, status) combination (a few hundred groups at most, read off
    an index), and each facet sums the combinations that pass the other facets' filters. The
    combinations that pass every filter sum to the exact number of rows shown (returned too).
    ``combos`` are those counts when the caller already has them (``_one_scan_counts``).
    """
    names = SMALL_FACETS[filters.kind]
    if combos is None:
        combos = list(filtered(filters, base, skip=set(names)).order_by().values_list(*names).annotate(n=Count("*")))
    chosen = {name: set(getattr(filters, name)) for name in names}

    def passes(name: str, value: Any) -> bool:
        if name == "status" and not chosen[name]:
            return value != ReviewStatus.REJECTED  # rejected = deleted, unless asked for
        return not chosen[name] or value in chosen[name]

    counts: dict[str, dict[Any, int]] = {name: {} for name in names}
    total = 0
    for *values, n in combos:
        ok = [passes(name, value) for name, value in zip(names, values, strict=True)]
        total += n if all(ok) else 0
        for i, name in enumerate(names):
            if all(ok[:i] + ok[i + 1 :]):
                counts[name][values[i]] = counts[name].get(values[i], 0) + n
    return {name: _ranked(counts[name], limits[name]) for name in names}, total


def _facet_values(filters: Filters, name: str, rows: list[tuple[Any, int]], labels: dict[Any, str]) -> list[FacetValue]:
    selected = set(getattr(filters, name))
    param = filters.source_param if name == "source" else name
    values = []
    for value, n in rows:
        if value is None:
            continue
        values.append(
            FacetValue(value, labels.get(value, str(value)), n, value in selected, filters.toggled(param, value))
        )
    # A selected value with no rows left still shows, so it can be unselected (in the URL's order:
    # a set's order would change from one process to the next).
    shown = {v.value for v in values}
    for value in dict.fromkeys(getattr(filters, name)):
        if value in shown:
            continue
        values.append(FacetValue(value, labels.get(value, str(value)), 0, True, filters.toggled(param, value)))
    return values


# (category, qualifier, status) -> n, source id -> n, outlet id -> n: every facet's counts.
Counts = tuple[dict[tuple[Any, ...], int], dict[Any, int], dict[Any, int]]


def _one_scan_counts(filters: Filters, base: QuerySet) -> Counts:
    """Claims only, PostgreSQL: every facet's counts from ONE pass over the rows (``GROUPING SETS``).

    For a search, which leaves no index to read the counts off: the rows matching the filters
    that are not facets (search, dates, actor, article) are read once and grouped three ways,
    each grouping counting only the rows that pass the other facets' filters
    (``COUNT(*) FILTER (WHERE ...)``): (category, qualifier, status) combinations under the
    source and outlet filters, sources under all but the source filter, and outlets (the
    article's, joined) under all but the outlet filter.
    """
    true = Value(True, output_field=BooleanField())

    def condition(q: Q | None) -> Any:
        return ExpressionWrapper(q, output_field=BooleanField()) if q is not None else true

    small = ~Q(status=ReviewStatus.REJECTED) if not filters.status else Q(status__in=filters.status)
    if filters.category:
        small &= Q(category__in=filters.category)
    if filters.qualifier:
        small &= Q(qualifier__in=filters.qualifier)
    source = Q(source_id__in=filters.source) if filters.source else None
    outlets = Article.objects.filter(outlet_id__in=filters.outlet).values("id")
    outlet = Q(article_id__in=outlets) if filters.outlet else None
    rows = filtered(filters, base, skip={"category", "qualifier", "status", "source", "outlet"})
    rows = (
        rows.order_by()
        .annotate(small_ok=condition(small), source_ok=condition(source), outlet_ok=condition(outlet))
        .values_list(
            "category", "qualifier", "status", "source_id", "article__outlet_id", "small_ok", "source_ok", "outlet_ok"
        )
    )
    inner, params = rows.query.sql_with_params()
    # No name or value goes into this SQL: every filter value is a param of the inner query.
    sql = (
        "SELECT GROUPING(c0, c1, c2), GROUPING(c3), c0, c1, c2, c3, c4, "  # noqa: S608
        "COUNT(*) FILTER (WHERE source_ok AND outlet_ok), COUNT(*) FILTER (WHERE small_ok AND outlet_ok), "
        "COUNT(*) FILTER (WHERE small_ok AND source_ok) "
        f"FROM ({inner}) AS r(c0, c1, c2, c3, c4, small_ok, source_ok, outlet_ok) "
        "GROUP BY GROUPING SETS ((c0, c1, c2), (c3), (c4))"
    )
    combos: dict[tuple[Any, ...], int] = {}
    per_source: dict[Any, int] = {}
    per_outlet: dict[Any, int] = {}
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for g_small, g_source, category, qualifier, status, source_id, outlet_id, *n in cursor.fetchall():
            if g_small == 0:
                combos[(category, qualifier, status)] = int(n[0])
            elif g_source == 0:
                per_source[source_id] = int(n[1])
            else:
                per_outlet[outlet_id] = int(n[2])
    return combos, per_source, per_outlet


def facets(filters: Filters, base: QuerySet, *, fast: bool = True) -> list[Facet]:
    """Counts per value of each filter, under every other filter, most frequent first.

    ``fast=False`` counts each facet with its own plain query: the reference the fast path
    (fewer, index-friendly queries) is tested against.
    """
    return facets_and_total(filters, base, fast=fast)[0]


def facets_and_total(filters: Filters, base: QuerySet, *, fast: bool = True) -> tuple[list[Facet], int]:
    """``facets(...)`` and the exact number of rows the filters select (counted with the facets)."""
    out = []
    specs: list[tuple[str, str, str, dict[Any, str], int]] = []
    if filters.kind == "claims":
        specs.append(("category", "Category", "category", dict(Category.choices), 20))
        specs.append(("qualifier", "Qualifier", "qualifier", dict(Qualifier.choices), 20))
        specs.append(("source", "Source", "source_id", {}, FACET_LIMIT))
    else:
        specs.append(("source", "Speaker", "speaker_id", {}, FACET_LIMIT))
    specs.append(("outlet", "Outlet", "article__outlet_id", {}, FACET_LIMIT))
    specs.append(("status", "Review status", "status", dict(ReviewStatus.choices), 10))
    # A facet counts under every filter but its own. The small facets come from one query
    # (see _small_facet_counts); source and outlet get one index-friendly query each.
    rows: dict[str, list[tuple[Any, int]]] = {}
    limits = {name: limit for name, *_, limit in specs}
    if fast and filters.q and filters.kind == "claims" and connection.vendor == "postgresql":
        # A search leaves no index to count from: one pass over the rows it matches.
        combos, per_source, per_outlet = _one_scan_counts(filters, base)
        small, total = _small_facet_counts(filters, base, limits, [(*key, n) for key, n in combos.items()])
        rows.update(small)
        rows["source"] = _ranked(per_source, limits["source"])
        rows["outlet"] = _ranked(per_outlet, limits["outlet"])
    elif fast:
        small, total = _small_facet_counts(filters, base, limits)
        rows.update(small)
        rows["outlet"] = _outlet_counts(filtered(filters, base, skip="outlet"), FACET_LIMIT)
    else:
        total = filtered(filters, base).count()
    for name, _, column, _, limit in specs:
        if name not in rows:
            rows[name] = _counts(filtered(filters, base, skip=name), column, limit)
    for name, label, _, labels, limit in specs:
        param = filters.source_param if name == "source" else name
        out.append(Facet(param, label, _facet_values(filters, name, rows[name][:limit], labels)))
    # Names for the id facets, in one query each.
    actor_ids = {v.value for f in out if f.name in ("source", "speaker") for v in f.values}
    outlet_ids = {v.value for f in out if f.name == "outlet" for v in f.values}
    actor_names = dict(Actor.objects.filter(pk__in=actor_ids).values_list("pk", "name")) if actor_ids else {}
    outlet_names = dict(Outlet.objects.filter(pk__in=outlet_ids).values_list("pk", "name")) if outlet_ids else {}
    named = []
    for facet in out:
        names = actor_names if facet.name in ("source", "speaker") else outlet_names if facet.name == "outlet" else {}
        if names:
            values = [
                FacetValue(v.value, names.get(v.value, v.label), v.count, v.selected, v.query) for v in facet.values
            ]
            facet = Facet(facet.name, facet.label, values)
        named.append(facet)
    return named, total


# --- Keyset pages (claims.lib.keyset) -------------------------------------------------------


def page(qs: QuerySet, filters: Filters, *, after: str = "", before: str = "", total: int | None = None) -> keyset.Page:
    """One keyset page of ``qs`` in the filter's sort order, with a bounded total (``total``:
    the bounded count when the caller already has it, e.g. from the cache)."""
    return keyset.page(qs, filters.sort_option, after=after, before=before, size=PAGE_SIZE, total=total)
