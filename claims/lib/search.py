"""Full-text search over article text and quote text.

On PostgreSQL this is ``search_vector @@ websearch_to_tsquery('english', q)``, where
``search_vector`` is the stored ``to_tsvector('english', text)`` column (GIN-indexed) that
migration 0005 adds to articles and quotes.
``websearch_to_tsquery`` accepts what people type ("quoted phrases", or, -minus). On SQLite
every word must appear in the text (case-insensitive substring), which is slower but right
enough for a laptop.
"""

from __future__ import annotations

from typing import Any

from django.db import connection
from django.db.models import BooleanField, Func, Q, QuerySet, Value

CONFIG = "english"


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

    def as_sql(self, compiler: Any, connection: Any, **extra: Any) -> tuple[str, list[Any]]:
        column, column_params = compiler.compile(self.source_expressions[0])
        table, dot, _ = column.rpartition(".")
        vector = f'{table}{dot}"search_vector"'
        query, query_params = compiler.compile(self.source_expressions[1])
        tsquery = f"websearch_to_tsquery('{CONFIG}'::regconfig, {query})"
        if self.extra.get("via_index"):
            tsquery = f"(SELECT {tsquery})"
        return f"{vector} @@ {tsquery}", [*column_params, *query_params]


def words_of(query: str) -> list[str]:
    return [word.strip("\"'") for word in query.split() if word.strip("\"'-")][:12]


def text_search(queryset: QuerySet, field: str, query: str, *, via_index: bool = False) -> QuerySet:
    """``queryset`` narrowed to rows whose ``field`` matches the search ``query``.

    ``via_index``: on PostgreSQL, read the matches off the GIN index even for a common word
    (see ``FullTextMatch``); the rows are the same.
    """
    query = (query or "").strip()[:200]
    if not query:
        return queryset
    if connection.vendor == "postgresql":
        from django.db.models import F

        return queryset.filter(FullTextMatch(F(field), Value(query), via_index=via_index))
    words = words_of(query)
    if not words:
        return queryset
    condition = Q()
    for word in words:
        condition &= Q(**{f"{field}__icontains": word})
    return queryset.filter(condition)
