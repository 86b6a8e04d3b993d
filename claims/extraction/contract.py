"""The eval contract's JSON shape for one extraction (see shared/eval/README.md)."""

from __future__ import annotations

from dataclasses import asdict
from decimal import Decimal
from typing import Any

from claims.extraction.types import Extraction, NumericClaim


def json_number(v: Decimal | None) -> int | float | None:
    """A Decimal as a JSON number: an int when integral, else a float."""
    if v is None:
        return None
    if v == v.to_integral_value():
        return int(v)
    return float(v)


def to_contract(x: Extraction, *, file: str | None = None) -> dict[str, Any]:
    names = [a.name for a in x.actors]
    out: dict[str, Any] = {} if file is None else {"file": file}
    out["actors"] = [
        {"name": a.name, "type": a.type, "aliases": list(a.aliases), "descriptor": a.descriptor} for a in x.actors
    ]
    out["quotes"] = [
        {
            "text": q.text,
            "speaker": names[q.speaker_index] if q.speaker_index is not None else None,
            "start": q.start,
            "end": q.end,
            "speaker_surface": q.speaker_surface,
            "confidence": q.confidence,
        }
        for q in x.quotes
    ]
    out["numeric_claims"] = [
        {
            "value": json_number(c.value),
            "value_max": json_number(c.value_max),
            "qualifier": c.qualifier,
            "category": c.category,
            "source": c.source_surface,
            "source_actor": names[c.source_index] if c.source_index is not None else None,
            "span": c.span,
            "start": c.start,
            "end": c.end,
            **_frame_keys(c),
        }
        for c in x.claims
    ]
    if x.warnings:
        out["warnings"] = list(x.warnings)
    return out


def _frame_keys(c: NumericClaim) -> dict[str, Any]:
    """The claim's frame as extra keys (the eval ignores them): unit, currency, rate, population, place,
    country, event, period, since, window, modality, part_of, ... The frame's own category (which may be a
    combined one, "killed_injured") is ``frame_category``: ``category`` stays the gold-facing one."""
    if c.frame is None:
        return {}
    keys = asdict(c.frame)
    keys["frame_category"] = keys.pop("category")
    return keys
