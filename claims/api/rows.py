"""Fast rows: a read serializer's output built from ``.values()`` dicts instead of model instances.

Lists and exports of claims, quotes and articles go through here: the same keys and values as the
DRF serializer (a test holds them equal), without building model instances or walking DRF's
attribute machinery per field, which is most of the cost of a page or a million-row export.

The row builders are compiled once per serializer class into plain functions (one dict display
per row, no loop over the columns), and the common values take short cuts that give the same
text as the fields' own ``to_representation``: an ISO date, a UTC datetime, a decimal that
already has the field's decimal places.
"""

from __future__ import annotations

import decimal
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

from django.utils import timezone
from rest_framework import ISO_8601, relations
from rest_framework import fields as f
from rest_framework.serializers import Serializer
from rest_framework.settings import api_settings


def _datetime(field: f.DateTimeField) -> Callable[[Any], Any]:
    def convert(value: datetime) -> str:
        zone = value.tzinfo
        if zone is UTC:  # what the database adapters give: isoformat() ends with +00:00
            return value.isoformat()[:-6] + "Z"
        if zone is None or value.utcoffset() != UTC.utcoffset(value):
            return field.to_representation(value)
        text = value.isoformat()
        return text[:-6] + "Z" if text.endswith("+00:00") else text

    return convert if timezone.get_current_timezone_name() == "UTC" else field.to_representation


def _date(field: f.DateField) -> Callable[[Any], Any]:
    output_format = getattr(field, "format", api_settings.DATE_FORMAT)
    if output_format is None or output_format.lower() != ISO_8601:
        return field.to_representation

    def convert(value: Any) -> Any:
        if type(value) is date:
            return value.isoformat()
        return field.to_representation(value)

    return convert


def _decimal(field: f.DecimalField) -> Callable[[Any], Any]:
    """A Decimal that already has the field's places (as a numeric column gives it) is printed as is:
    quantizing it changes nothing. Anything else goes through the field."""
    coerce = getattr(field, "coerce_to_string", api_settings.COERCE_DECIMAL_TO_STRING)
    places, digits = field.decimal_places, field.max_digits
    if not coerce or field.localize or field.normalize_output or places is None:
        return field.to_representation
    exponent = -places

    def convert(value: Any) -> Any:
        if type(value) is decimal.Decimal:
            shape = value.as_tuple()
            if shape.exponent == exponent and (digits is None or len(shape.digits) <= digits):
                return f"{value:f}"
        return field.to_representation(value)

    return convert


def _identity(value: Any) -> Any:
    return value


def _converter(field: f.Field) -> Callable[[Any], Any]:
    if isinstance(field, f.DateTimeField):
        return _datetime(field)
    if isinstance(field, f.DateField):
        return _date(field)
    if isinstance(field, f.DecimalField):
        return _decimal(field)
    if type(field) is f.FloatField:
        return float
    if isinstance(field, relations.PrimaryKeyRelatedField | f.IntegerField | f.BooleanField):
        return _identity
    if isinstance(field, f.CharField | f.ChoiceField) and not isinstance(field, f.URLField | f.EmailField):
        return _identity
    return field.to_representation


def _compile(name: str, items: list[tuple[str, Any, Callable[[Any], Any]]], *, as_list: bool) -> Callable:
    """``def name(v): return {key: v[index], ...}`` (or a list), with None kept and the rest converted."""
    env: dict[str, Any] = {}
    parts = []
    for n, (key, index, convert) in enumerate(items):
        read = f"v[{index!r}]"
        if convert is _identity:
            expr = read
        else:
            env[f"c{n}"] = convert
            expr = f"(None if (x := {read}) is None else c{n}(x))"
        parts.append(expr if as_list else f"{key!r}: {expr}")
    body = f"[{', '.join(parts)}]" if as_list else f"{{{', '.join(parts)}}}"
    exec(f"def {name}(v):\n    return {body}\n", env)  # noqa: S102 - keys and indexes come from the serializer
    return env[name]


class FastRows:
    """Turns ``.values(*rows.sources)`` dicts (or ``.values_list`` tuples) into the serializer's output."""

    def __init__(self, serializer: Serializer) -> None:
        self.columns: list[tuple[str, str, Callable[[Any], Any]]] = []
        for name, field in serializer.fields.items():
            source = field.source
            if (
                not isinstance(source, str)
                or source == "*"
                or "." in source
                or isinstance(field, f.SerializerMethodField)
            ):
                raise TypeError(f"{type(serializer).__name__}.{name} is not a plain column")
            self.columns.append((name, source, _converter(field)))
        self.sources = list(dict.fromkeys(source for _, source, _ in self.columns))
        self.names = [name for name, _, _ in self.columns]
        self.row: Callable[[dict], dict] = _compile(
            "row", [(name, source, convert) for name, source, convert in self.columns], as_list=False
        )
        positions = [(name, self.sources.index(source), convert) for name, source, convert in self.columns]
        #: The output dict from a ``.values_list(*rows.sources)`` tuple.
        self.dict_row: Callable[[tuple], dict] = _compile("dict_row", positions, as_list=False)
        #: The same values, in column order, from a ``.values_list(*rows.sources)`` tuple.
        self.tuple_row: Callable[[tuple], list] = _compile("tuple_row", positions, as_list=True)
