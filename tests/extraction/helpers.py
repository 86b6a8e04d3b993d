"""Small readers over an Extraction, so tests state behaviour in names, not indexes."""

from __future__ import annotations

from claims.extraction import extract
from claims.extraction.types import Extraction


def speakers(text: str) -> list[tuple[str, str | None]]:
    """(quotation text, speaker name or None) for each quotation found."""
    x = extract(text)
    return [(q.text, x.actors[q.speaker_index].name if q.speaker_index is not None else None) for q in x.quotes]


def actor_names(x: Extraction, *types: str) -> list[str]:
    return [a.name for a in x.actors if not types or a.type in types]


def actor(x: Extraction, name: str):
    found = [a for a in x.actors if a.name == name]
    assert found, f"no actor {name!r} in {actor_names(x)}"
    return found[0]
