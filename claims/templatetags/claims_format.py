"""Small display helpers for the claims pages."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template
from django.contrib.humanize.templatetags.humanize import intcomma

from ..models import NumericClaim, Qualifier

register = template.Library()


@register.filter
def number(value: Any) -> str:
    """120.0000 -> "120", 1234.5 -> "1,234.5"."""
    if value is None or value == "":
        return ""
    if not isinstance(value, Decimal):
        value = Decimal(str(value))
    text = str(int(value)) if value == value.to_integral() else format(value.normalize(), "f")
    return intcomma(text)


@register.filter
def claim_value(claim: NumericClaim) -> str:
    """The claim's value as a reader says it: "more than 120", "100–150"."""
    base = number(claim.value)
    if claim.value_max is not None and claim.value_max != claim.value:
        base = f"{base}–{number(claim.value_max)}"
    if claim.qualifier and claim.qualifier != Qualifier.EXACT:
        base = f"{Qualifier(claim.qualifier).label} {base}"
    return base


@register.filter
def http_url(value: str | None) -> str:
    """The URL when it is http(s), else "": article URLs come from outside."""
    value = (value or "").strip()
    return value if value.lower().startswith(("http://", "https://")) else ""
