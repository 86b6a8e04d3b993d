"""Template tags linking pages to quote drift statements (issue 18): one query per page."""

from __future__ import annotations

from typing import Any

from django import template

from ..models import Statement, StatementQuote
from ..reads.statements import statements_of_actor

register = template.Library()


@register.simple_tag
def actor_statements(actor: Any) -> list[Statement]:
    """The statements the actor is the speaker of, newest first."""
    return statements_of_actor(actor.pk)


@register.simple_tag
def article_statements(article: Any) -> dict[int, int]:
    """Quote id -> statement id, for the article's quotes that are one version of a statement."""
    rows = StatementQuote.objects.filter(quote__article=article, statement__quote_count__gte=2)
    return dict(rows.values_list("quote_id", "statement_id"))


@register.filter
def statement_of(mapping: dict[int, int], quote_id: int) -> int | None:
    return mapping.get(quote_id) if mapping else None
