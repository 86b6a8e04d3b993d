"""Parsers for numbers that arrive from outside (cursors, filters, ``version``): they raise
``BadInput`` naming the problem, which ``claims.middleware.InputGuardMiddleware`` and the API's
exception handler turn into a 400, not a 500 from deep inside a query."""

from __future__ import annotations

import math
from decimal import Decimal, InvalidOperation

# Values a cursor or filter may hold: beyond this a Decimal cannot be stored or compared.
NUMBER_LIMIT = Decimal("1e30")


class BadInput(ValueError):
    """A request parameter that cannot be used; ``str()`` is shown to the caller."""

    def __init__(self, message: str, *, param: str = "") -> None:
        super().__init__(message)
        self.param = param


def finite_decimal(raw: str) -> Decimal:
    """``Decimal(raw)`` for a finite number of sensible size; ``BadInput`` for NaN, Infinity, 1e999999."""
    try:
        value = Decimal(raw)
    except (InvalidOperation, ValueError, TypeError):
        raise BadInput(f"{raw[:40]!r} is not a number") from None
    if not value.is_finite() or abs(value) >= NUMBER_LIMIT:
        raise BadInput(f"{raw[:40]!r} is not a finite number of sensible size")
    return value


def finite_float(raw: str) -> float:
    """``float(raw)`` when finite; ``BadInput`` otherwise."""
    try:
        value = float(raw)
    except (ValueError, TypeError):
        raise BadInput(f"{raw[:40]!r} is not a number") from None
    if not math.isfinite(value):
        raise BadInput(f"{raw[:40]!r} is not a finite number")
    return value


def version_number(raw: object) -> int | None:
    """An edit's ``version`` (the row version the editor saw): a whole number, or None when absent."""
    if raw is None or raw == "":
        return None
    try:
        return int(str(raw))
    except ValueError:
        raise BadInput(f"version must be a whole number, not {str(raw)[:40]!r}", param="version") from None
