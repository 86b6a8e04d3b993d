"""Values as a reader says them, with their unit: "more than 9,227", "$2 trillion", "4.2%", "30,000 a day".

The one formatter every page, chart, flag, CSV and the start page use (the ``claim_value`` template filter
too), so a number never loses its meaning between two views. ``plain`` is the CSV/API form: a decimal
without grouping or exponent ("10000", never "1E+4").
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

_SYMBOLS = {"USD": "$", "GBP": "£", "EUR": "€", "JPY": "¥", "INR": "₹"}
_SCALES = ((Decimal(10) ** 12, "trillion"), (Decimal(10) ** 9, "billion"), (Decimal(10) ** 6, "million"))
# As the Qualifier choices label them (claims.models; this module stays free of models).
_QUALIFIERS = {
    "more_than": "more than",
    "at_least": "at least",
    "less_than": "fewer than",
    "at_most": "up to",
    "approximately": "about",
}
_RATES = {"day": "a day", "week": "a week", "month": "a month", "year": "a year", "hour": "an hour"}
_MEASURES = {"magnitude": "magnitude"}


@dataclass(frozen=True, slots=True)
class ValueUnit:
    """What a value is counted in: a count, a currency (ISO code), a percent or a measure, maybe per period."""

    unit: str = "count"
    currency: str = ""
    measure: str = ""
    rate: str = ""

    @classmethod
    def of(cls, row: Any) -> ValueUnit:
        """The unit of a claim or a figure (anything with unit/currency/rate fields; a measure if it has one)."""
        return cls(
            unit=getattr(row, "unit", "") or "count",
            currency=getattr(row, "currency", "") or "",
            measure=getattr(row, "measure", "") or "",
            rate=getattr(row, "rate", "") or "",
        )

    @property
    def label(self) -> str:
        """The unit alone, for a CSV column or a chart axis: "USD", "%", "km a day", "" for a plain count."""
        base = {"currency": self.currency, "percent": "%", "measure": self.measure}.get(self.unit, "")
        per = _RATES.get(self.rate, f"per {self.rate}") if self.rate else ""
        return " ".join(p for p in (base, per) if p)


COUNT = ValueUnit()


def plain(value: Decimal | str | int | float | None) -> str:
    """9227.0000 -> "9227", 10000 -> "10000" (never "1E+4"), 9.5000 -> "9.5"; None -> ""."""
    if value is None or value == "":
        return ""
    d = Decimal(str(value))
    return f"{d.normalize():f}" if d != d.to_integral_value() else f"{d.to_integral_value():f}"


def _grouped(d: Decimal) -> str:
    if d == d.to_integral_value():
        return f"{int(d):,}"
    return f"{d.normalize():,f}"


def _scaled(d: Decimal) -> str:
    """Money in words past a million: 2000000000000 -> "2 trillion", 1500000 -> "1.5 million"."""
    for size, word in _SCALES:
        if abs(d) >= size:
            return f"{_grouped((d / size).quantize(Decimal('0.01')).normalize())} {word}"
    return _grouped(d)


def _number(value: Decimal | str, unit: ValueUnit) -> str:
    d = Decimal(str(value))
    if unit.unit == "currency":
        code = unit.currency.upper()
        symbol = _SYMBOLS.get(code)
        return f"{symbol}{_scaled(d)}" if symbol else f"{_scaled(d)} {code}".strip()
    if unit.unit == "percent":
        return f"{_grouped(d)}%"
    if unit.unit == "measure" and unit.measure:
        measure = _MEASURES.get(unit.measure, unit.measure)
        return f"magnitude {_grouped(d)}" if measure == "magnitude" else f"{_grouped(d)} {measure}"
    return _grouped(d)


def format_value(
    value: Decimal | str | None,
    value_max: Decimal | str | None = None,
    qualifier: str = "",
    *,
    unit: ValueUnit | None = None,
) -> str:
    """ "more than 9,227", "about 1,200–1,400", "$2 trillion", "4.2%", "30,000 a day"."""
    if value is None or value == "":
        return ""
    unit = unit or COUNT
    text = _number(value, unit)
    if value_max is not None and value_max != "" and Decimal(str(value_max)) != Decimal(str(value)):
        text += f"–{_number(value_max, unit)}"
    if unit.rate:
        text += f" {_RATES.get(unit.rate, f'per {unit.rate}')}"
    label = _QUALIFIERS.get(qualifier or "", "")
    return f"{label} {text}".strip()
