"""Small display helpers for the claims pages."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from django import template
from django.contrib.humanize.templatetags.humanize import intcomma
from django.utils import timezone
from django.utils.formats import date_format

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


@register.simple_tag
def reject_reasons() -> list[tuple[str, str]]:
    """The short list of reasons a Reject form offers."""
    from ..forms import REJECT_REASONS

    return REJECT_REASONS


@register.filter
def pubdate(value: datetime | None) -> str:
    """A publication date as readers write it: "3 November 2023, 14:05", or only the day when the
    time is not known (stored as midnight: a paste's date, a feed's day), never a made-up "00:00"."""
    if value is None:
        return ""
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    if (local.hour, local.minute, local.second) == (0, 0, 0):
        return date_format(local, "j F Y")
    return date_format(local, "j F Y, H:i")
