"""Fast rows: a read serializer's output built from ``.values()`` dicts instead of model instances.

Lists and exports of claims, quotes and articles go through here: the same keys and values as the
DRF serializer (a test holds them equal), without building model instances or walking DRF's
attribute machinery per field, which is most of the cost of a page or a million-row export.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from django.utils import timezone
from rest_framework import fields as f
from rest_framework import relations
from rest_framework.serializers import Serializer


def _datetime(field: f.DateTimeField) -> Callable[[Any], Any]:
    def convert(value: datetime) -> str:
        if value.tzinfo is None or value.utcoffset() != UTC.utcoffset(value):
            return field.to_representation(value)
        text = value.isoformat()
        return text[:-6] + "Z" if text.endswith("+00:00") else text

    return convert if timezone.get_current_timezone_name() == "UTC" else field.to_representation


def _identity(value: Any) -> Any:
    return value


def _converter(field: f.Field) -> Callable[[Any], Any]:
    if isinstance(field, f.DateTimeField):
        return _datetime(field)
    if isinstance(field, relations.PrimaryKeyRelatedField | f.IntegerField | f.BooleanField):
        return _identity
    if isinstance(field, f.CharField | f.ChoiceField) and not isinstance(field, f.URLField | f.EmailField):
        return _identity
    return field.to_representation


class FastRows:
    """Turns ``.values(*rows.sources)`` dicts into the serializer's output."""

    def __init__(self, serializer: Serializer) -> None:
        self.columns: list[tuple[str, str, Callable[[Any], Any]]] = []
        for name, field in serializer.fields.items():
            source = field.source
            if source == "*" or "." in source or isinstance(field, f.SerializerMethodField):
                raise TypeError(f"{type(serializer).__name__}.{name} is not a plain column")
            self.columns.append((name, source, _converter(field)))
        self.sources = list(dict.fromkeys(source for _, source, _ in self.columns))
        self.names = [name for name, _, _ in self.columns]

        self._tuple_plan = [(self.sources.index(source), convert) for _, source, convert in self.columns]

    def row(self, values: dict) -> dict:
        return {
            name: None if (value := values[source]) is None else convert(value)
            for name, source, convert in self.columns
        }

    def tuple_row(self, values: tuple) -> list:
        """The same values, in column order, from a ``.values_list(*rows.sources)`` tuple."""
        return [None if (value := values[i]) is None else convert(value) for i, convert in self._tuple_plan]
