"""Full-text search over article text and quote text.

On PostgreSQL this is ``search_vector @@ websearch_to_tsquery('english', q)``, where
``search_vector`` is the stored ``to_tsvector('english', text)`` column (GIN-indexed) that
migration 0005 adds to articles and quotes.
``websearch_to_tsquery`` accepts what people type ("quoted phrases", or, -minus); ``parse``
reads the same language for every other search (claims and quotes on both databases, article
text on SQLite), where each term is a case-insensitive substring.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from django.db import connection
from django.db.models import BooleanField, Expression, F, Func, Q, QuerySet, Value
from django.db.models.lookups import IContains

if TYPE_CHECKING:
    from django.db.backends.base.base import BaseDatabaseWrapper
    from django.db.models.sql.compiler import SQLCompiler

CONFIG = "english"

_QS = TypeVar("_QS", bound="QuerySet[Any]")


class FullTextMatch(Func):
    """``<table>.search_vector @@ websearch_to_tsquery('english', <query>)`` (PostgreSQL).

    The first argument is the text column (``F("text")``); the stored vector is the column
    ``search_vector`` of the same table, which Django does not model (migration 0005).

    ``via_index=True`` puts the parsed query in a scalar subquery, which the planner cannot fold
    into a constant: it then plans the match as a rare one (its default estimate) and reads the
    matching rows off the GIN index. With the constant, a common word is estimated to match
    every row and the planner reads every row's stored vector instead, out of TOAST: 17 ms for
    5,000 articles where the index gives the same ids in 3 ms. Only for queries whose plan does
    not hinge on that estimate (a newest-first page of a common word does: it should walk the
    rows in order and stop at 50, not gather every match).
    """

    output_field = BooleanField()
    arity = 2

    def as_sql(
        self,
        compiler: SQLCompiler,
        connection: BaseDatabaseWrapper,
        function: str | None = None,
        template: str | None = None,
        arg_joiner: str | None = None,
        **extra_context: Any,
    ) -> tuple[str, list[Any]]:
        column, column_params = compiler.compile(self.source_expressions[0])
        table, dot, _ = column.rpartition(".")
        vector = f'{table}{dot}"search_vector"'
        query, query_params = compiler.compile(self.source_expressions[1])
        tsquery = f"websearch_to_tsquery('{CONFIG}'::regconfig, {query})"
        if self.extra.get("via_index"):
            tsquery = f"(SELECT {tsquery})"
        return f"{vector} @@ {tsquery}", [*column_params, *query_params]


@dataclass(frozen=True)
class Term:
    """A word or a quoted phrase, matched as a case-insensitive substring."""

    text: str
    phrase: bool = False


@dataclass(frozen=True)
class ParsedQuery:
    """What someone typed: every group must match (a group is terms joined by OR), no excluded term may."""

    groups: tuple[tuple[Term, ...], ...] = ()
    excluded: tuple[Term, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.groups or self.excluded)


TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')
MAX_TERMS = 12


def parse(query: str) -> ParsedQuery:
    """The search language of every search box (the grammar of PostgreSQL's ``websearch_to_tsquery``).

    ``Gaza hostages`` both words; ``"death toll"`` the phrase; ``-hostages`` without the word;
    ``Gaza OR Sudan`` either (``or`` too). Quotes, hyphens and ORs out of place are ignored.
    """
    groups: list[list[Term]] = []
    excluded: list[Term] = []
    join_next = False
    for minus, phrase, word in TOKEN.findall(query[:200]):
        if len(excluded) + sum(map(len, groups)) >= MAX_TERMS:
            break
        if word:
            if word.upper() == "OR":
                join_next = bool(groups)
                continue
            minus, word = ("-", word[1:]) if word.startswith("-") else ("", word)
            text = word.strip("\"'")
            term = Term(text) if text else None
        else:
            text = " ".join(phrase.split())
            term = Term(text, phrase=" " in text) if text else None
        if term is None:
            continue
        if minus:
            excluded.append(term)
            join_next = False
        elif join_next:
            groups[-1].append(term)
            join_next = False
        else:
            groups.append([term])
    return ParsedQuery(tuple(tuple(g) for g in groups), tuple(excluded))


class AmongIds(Expression):
    """``<column> IS NOT NULL AND <column> = ANY(ARRAY(<ids subquery>))`` on PostgreSQL, ``IN`` elsewhere.

    A related row's field as a search field (a claim's source name) without a join: with the
    join, the terms' ORs span two tables and PostgreSQL reads every candidate row; with an id
    array it can OR this arm's index lookup with the trigram indexes of the other fields. Never
    NULL, so that a negated term keeps the rows without a related row, as a join would.
    """

    output_field = BooleanField()

    def __init__(self, column: Expression | F, ids: QuerySet[Any]) -> None:
        super().__init__()
        self.column: Any = column
        self.ids: Any = ids

    def get_source_expressions(self) -> list[Any]:
        return [self.column, self.ids]

    def set_source_expressions(self, exprs: Sequence[Any]) -> None:
        self.column, self.ids = exprs

    def resolve_expression(self, query: Any = None, *args: Any, **kwargs: Any) -> AmongIds:
        from django.db.models import Subquery

        clone = self.copy()
        clone.column = self.column.resolve_expression(query, *args, **kwargs)
        ids = self.ids if isinstance(self.ids, Subquery) else Subquery(self.ids)
        clone.ids = ids.resolve_expression(query, *args, **kwargs)
        return clone

    def as_sql(self, compiler: SQLCompiler, connection: BaseDatabaseWrapper) -> tuple[str, list[Any]]:
        column, params = compiler.compile(self.column)
        ids, ids_params = compiler.compile(self.ids)
        if not ids.startswith("("):
            ids = f"({ids})"
        among = f"= ANY(ARRAY{ids})" if connection.vendor == "postgresql" else f"IN {ids}"
        return f"({column} IS NOT NULL AND {column} {among})", [*params, *params, *ids_params]


# A search field: a column name, a text expression, or a function from a term to a condition.
Field = str | Expression | Callable[[str], Q]


def matching(query: str | ParsedQuery, fields: Sequence[Field]) -> Q:
    """A condition: the row matches ``query`` in any of ``fields``.

    Each term is a case-insensitive substring of one of the fields, the same on every database.
    """
    parsed = parse(query) if isinstance(query, str) else query

    def term_matches(term: Term) -> Q:
        condition = Q()
        for field in fields:
            if isinstance(field, str):
                condition |= Q(**{f"{field}__icontains": term.text})
            elif callable(field) and not isinstance(field, Expression):
                condition |= field(term.text)
            else:
                condition |= Q(IContains(field, term.text))
        return condition

    out = Q()
    for group in parsed.groups:
        either = Q()
        for term in group:
            either |= term_matches(term)
        out &= either
    for term in parsed.excluded:
        out &= ~term_matches(term)
    return out


def text_search(queryset: _QS, field: str, query: str, *, via_index: bool = False) -> _QS:
    """``queryset`` narrowed to rows whose ``field`` matches the search ``query``.

    On PostgreSQL the stored text vector (stemmed words: "hostage" finds "hostages"); elsewhere
    the same language as substrings (``matching``). ``via_index``: on PostgreSQL, read the
    matches off the GIN index even for a common word (see ``FullTextMatch``); the rows are the same.
    """
    query = (query or "").strip()[:200]
    parsed = parse(query)
    if not parsed:
        return queryset
    if connection.vendor == "postgresql":
        return queryset.filter(FullTextMatch(F(field), Value(query), via_index=via_index))
    return queryset.filter(matching(parsed, [field]))
