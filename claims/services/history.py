"""Inserting many machine-made rows with their "created" history records, cheaply.

``simple_history``'s ``bulk_create_with_history`` builds one Python history object per row
and inserts them all again from Python: half the cost of storing an extraction. The history
record of a freshly created row is a copy of that row, so the database can make it: one
``INSERT INTO history ... SELECT ... FROM table WHERE id IN (...)`` per batch. The records are
the same as simple-history's own ("+", the given time, no user, no reason), so history pages
and ``diff_against`` read them as usual.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from django.db import connection
from django.db.models import Model
from django.utils import timezone

M = TypeVar("M", bound=Model)

BATCH = 500


def _history_sql(model: type[Model]) -> str:
    history = model.history.model  # type: ignore[attr-defined]
    quote = connection.ops.quote_name
    columns = [f.column for f in history._meta.concrete_fields if not f.attname.startswith("history_")]
    listed = ", ".join(quote(c) for c in columns)
    extra = ", ".join(quote(c) for c in ("history_date", "history_change_reason", "history_type", "history_user_id"))
    target, source = quote(history._meta.db_table), quote(model._meta.db_table)
    # Only identifiers from the model's own metadata, quoted; the values are parameters.
    select = f"SELECT {listed}, %s, NULL, '+', NULL FROM {source} WHERE {quote('id')} IN "  # noqa: S608
    return f"INSERT INTO {target} ({listed}, {extra}) {select}"


def bulk_create_logged(model: type[M], objs: Sequence[M]) -> list[M]:
    """``bulk_create`` machine-made rows, then write their "created" history records in SQL."""
    if not objs:
        return []
    created = model._default_manager.bulk_create(list(objs), batch_size=BATCH)
    ids = [obj.pk for obj in created]
    if any(pk is None for pk in ids):
        raise RuntimeError(f"{model.__name__}: the database did not return the new rows' ids")
    sql = _history_sql(model)
    when = connection.ops.adapt_datetimefield_value(timezone.now())
    with connection.cursor() as cursor:
        for i in range(0, len(ids), BATCH):
            chunk = ids[i : i + BATCH]
            cursor.execute(sql + "(" + ", ".join(["%s"] * len(chunk)) + ")", [when, *chunk])
    return created
