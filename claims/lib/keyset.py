"""The one keyset paginator, for the pages (``?after=``/``?before=``) and the API (``?cursor=``).

A page is ``WHERE (sort, id) beyond the cursor ORDER BY sort, id LIMIT n+1``: an index range scan,
so page 10,000 costs what page 1 costs, and rows that arrive or change elsewhere in the order
neither shift nor repeat the rows of the pages that follow. ``id`` always breaks ties. A
"previous" page reads the reversed order from the cursor and turns the rows round.

The pages and the API differ only in how a cursor is written down (the pages: ``<value>~<id>``
in the URL, one sort column that may be NULL; the API: an opaque token of every ordering
column); the conditions, the reading of n+1 rows and the bounded total are here.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import InvalidOperation
from typing import TYPE_CHECKING, Any, Protocol

from django.db import connection
from django.db.models import BooleanField, F, Func, Q, QuerySet, Value

if TYPE_CHECKING:
    from django.db.backends.base.base import BaseDatabaseWrapper
    from django.db.models.sql.compiler import SQLCompiler
from .input_guard import BadInput

COUNT_LIMIT = 10_000  # totals are counted up to here and shown as "10,000+" beyond


def bounded_count(qs: QuerySet[Any], limit: int | None = None) -> tuple[int, bool]:
    """``(min(count, limit), count > limit)``: counting stops at ``limit + 1`` rows."""
    limit = COUNT_LIMIT if limit is None else limit
    n = qs.order_by()[: limit + 1].count()
    return min(n, limit), n > limit


def flip(term: str) -> str:
    """``"-x"`` <-> ``"x"``: the reverse direction of one ordering term."""
    return term[1:] if term.startswith("-") else f"-{term}"


def after(order: Sequence[str], values: Sequence[Any]) -> Q:
    """Rows beyond ``values`` in ``order`` (no NULLs): ``(a, b) > (x, y)`` spelled out so each
    column keeps its own direction."""
    condition = Q()
    equal = Q()
    for term, value in zip(order, values, strict=True):
        name = term.lstrip("-")
        beyond = Q(**{f"{name}__lt" if term.startswith("-") else f"{name}__gt": value})
        condition |= equal & beyond
        equal &= Q(**{name: value})
    return condition


class RowCompare(Func):
    """``(field, id) < (value, pk)`` (or ``>``): a keyset condition an index on (field, id) serves."""

    output_field = BooleanField()

    def __init__(self, field: str, value: Any, pk: int, *, op: str) -> None:
        if op not in ("<", ">"):
            raise ValueError(op)
        self.op = op
        super().__init__(F(field), F("id"), Value(value), Value(pk))

    def as_sql(
        self,
        compiler: SQLCompiler,
        connection: BaseDatabaseWrapper,
        function: str | None = None,
        template: str | None = None,
        arg_joiner: str | None = None,
        **extra_context: Any,
    ) -> tuple[str, list[Any]]:
        parts: list[str] = []
        params: list[Any] = []
        for expression in self.source_expressions:
            sql, expression_params = compiler.compile(expression)
            parts.append(sql)
            params += expression_params
        return f"({parts[0]}, {parts[1]}) {self.op} ({parts[2]}, {parts[3]})", params


@dataclass(frozen=True)
class Window:
    """The rows of one page, in page order, and whether there are pages before and after it."""

    rows: list[Any]
    has_previous: bool
    has_next: bool


def window(
    queryset: QuerySet[Any],
    size: int,
    *,
    from_cursor: bool,
    reverse: bool,
    read: Callable[[QuerySet[Any]], list[Any]] = list,
) -> Window:
    """Read ``size + 1`` rows of an ordered, cursor-filtered queryset: the extra row says whether
    there is more. ``reverse``: the queryset is in reversed order (a "previous" page)."""
    rows = read(queryset[: size + 1])
    more = len(rows) > size
    rows = rows[:size]
    if reverse:
        rows.reverse()
        return Window(rows, has_previous=more, has_next=True)
    return Window(rows, has_previous=from_cursor, has_next=more)


# --- The pages' cursor: one sort column (which may be NULL) and the id ----------------------


class Sort(Protocol):
    # Read-only, so that frozen dataclasses (browse's SortOption) fit.
    @property
    def field(self) -> str: ...
    @property
    def descending(self) -> bool: ...
    @property
    def nullable(self) -> bool: ...

    def parse(self, raw: str) -> Any: ...


@dataclass(frozen=True)
class Page:
    """A page of the claims or quotes browser."""

    rows: list[Any]
    next_cursor: str | None
    prev_cursor: str | None
    total: int
    total_capped: bool


def _cursor_of(row: Any, sort: Sort) -> str:
    value = getattr(row, sort.field)
    return f"{'' if value is None else value}~{row.pk}"


def _parse_cursor(raw: str, sort: Sort) -> tuple[Any, int] | None:
    value, sep, pk = (raw or "").rpartition("~")
    if not sep:
        return None
    try:
        return (sort.parse(value) if value != "" else None), int(pk)
    except BadInput as exc:  # NaN, Infinity, 1e999999: a 400 (InputGuardMiddleware), not a crash
        raise BadInput(f"Invalid cursor: {exc}", param="after") from None
    except (ValueError, InvalidOperation, TypeError):
        return None


def _after_nullable(sort: Sort, value: Any, pk: int, *, descending: bool, nulls_last: bool) -> Q:
    """Rows that come after ``(value, pk)`` in the page order, NULLs last (or first, reversed)."""
    cmp = "lt" if descending else "gt"
    f = sort.field
    if f == "id":
        return Q(**{f"id__{cmp}": pk})
    if value is None:
        q = Q(**{f"{f}__isnull": True, f"id__{cmp}": pk})
        return q | Q(**{f"{f}__isnull": False}) if not nulls_last else q
    if connection.vendor == "postgresql":
        q = Q(RowCompare(f, value, pk, op="<" if descending else ">"))
    else:  # SQLite compares row values too, but not always with the column's numeric affinity
        q = after(["-" + f if descending else f, "-id" if descending else "id"], [value, pk])
    return q | Q(**{f"{f}__isnull": True}) if nulls_last and sort.nullable else q


def _ordering(sort: Sort, *, reverse: bool) -> list[Any]:
    """The page order (nulls last), or its exact reverse for a "previous page" query."""
    descending = sort.descending != reverse
    tie = "-id" if descending else "id"
    if sort.field == "id":
        return [tie]
    column = F(sort.field)
    if not sort.nullable:
        return [column.desc() if descending else column.asc(), tie]
    nulls: dict[str, bool] = {"nulls_first": True} if reverse else {"nulls_last": True}
    return [column.desc(**nulls) if descending else column.asc(**nulls), tie]


def page(
    qs: QuerySet[Any],
    sort: Sort,
    *,
    after: str = "",
    before: str = "",
    size: int,
    total: int | None = None,
) -> Page:
    """One page of ``qs`` in ``sort`` order, with a bounded total (``total``: the bounded count
    when the caller already has it, e.g. from the cache)."""
    cursor = _parse_cursor(before, sort) if before else _parse_cursor(after, sort)
    reverse = bool(before) and cursor is not None
    rows_qs = qs.order_by(*_ordering(sort, reverse=reverse))
    if cursor is not None:
        descending = sort.descending != reverse
        rows_qs = rows_qs.filter(
            _after_nullable(sort, cursor[0], cursor[1], descending=descending, nulls_last=not reverse)
        )
    got = window(rows_qs, size, from_cursor=cursor is not None, reverse=reverse)
    if total is None:
        total, capped = bounded_count(qs)
    else:
        total, capped = min(total, COUNT_LIMIT), total > COUNT_LIMIT
    rows = got.rows
    return Page(
        rows=rows,
        next_cursor=_cursor_of(rows[-1], sort) if rows and got.has_next else None,
        prev_cursor=_cursor_of(rows[0], sort) if rows and got.has_previous else None,
        total=total,
        total_capped=capped,
    )
