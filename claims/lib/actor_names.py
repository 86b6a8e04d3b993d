"""Which actors may be the same one: candidate pairs from their names alone (no database).

The input is each actor's normalized name and aliases (``claims.models.normalize_name``: lower
case, no accents or punctuation, "'s" and a leading "the" dropped). Names are grouped under
keys, and two actors sharing a key are a candidate pair:

- the same name, or one's name is the other's alias ("Antony Blinken" / alias "Blinken");
- one name is the other's initials ("UN" / "United Nations", "IDF" / "Israel Defense Forces");
- the same name once nationality adjectives and words for armed forces are folded
  ("Israel's military" / "Israeli army");
- two people with the same surname ("Biden" / "Joe Biden").

A key shared by very many actors (a common surname) says little: such groups are skipped, which
also keeps the work linear in the number of actors.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

# Strongest first: a pair found under several keys keeps the strongest reason.
REASONS = ("same name", "alias", "acronym", "variant", "surname")
REASON_LABELS = {
    "same name": "same name",
    "alias": "one is the other's alias",
    "acronym": "one is the other's acronym",
    "variant": "same name in other words",
    "surname": "same surname",
}
MAX_GROUP = 12  # a key shared by more actors than this proposes no pairs
SKIPPED_INITIAL_WORDS = frozenset({"of", "for", "and", "de", "the", "on", "in"})

# Nationality adjectives whose country is not the adjective minus a simple ending.
DEMONYMS = {
    "american": "united states",
    "british": "britain",
    "chinese": "china",
    "dutch": "netherlands",
    "egyptian": "egypt",
    "french": "france",
    "german": "germany",
    "iranian": "iran",
    "lebanese": "lebanon",
    "palestinian": "palestine",
    "russian": "russia",
    "sudanese": "sudan",
    "syrian": "syria",
    "turkish": "turkey",
    "ukrainian": "ukraine",
}
# Countries whose adjective is the name plus "i": israeli, iraqi, pakistani, yemeni, kuwaiti...
I_ENDING_MIN = 5
ARMED_FORCES = {
    "army": "military",
    "military": "military",
    "forces": "military",
    "armed forces": "military",
    "defense forces": "military",
    "defence forces": "military",
}


@dataclass(frozen=True)
class Named:
    """One actor: its id, type, normalized name and normalized aliases."""

    id: int
    type: str
    name: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Pair:
    """Two actors that may be one (``first < second``) and why."""

    first: int
    second: int
    reason: str

    @property
    def label(self) -> str:
        return REASON_LABELS[self.reason]


def initials(name: str) -> str:
    """The initials of a name of two words or more ("" otherwise): "united nations" -> "un"."""
    words = [w for w in name.split() if w not in SKIPPED_INITIAL_WORDS]
    return "".join(w[0] for w in words) if len(words) >= 2 else ""


def folded(name: str) -> str:
    """``name`` with nationality adjectives made countries and words for armed forces made one."""
    text = f" {name} "
    for phrase, same in sorted(ARMED_FORCES.items(), key=lambda item: -len(item[0])):
        text = text.replace(f" {phrase} ", f" {same} ")
    words = []
    for word in text.split():
        if word in DEMONYMS:
            word = DEMONYMS[word]
        elif word.endswith("i") and len(word) >= I_ENDING_MIN:
            word = word[:-1]
        words.append(word)
    return " ".join(words)


def _keys(actor: Named) -> Iterable[tuple[str, str, str]]:
    """(bucket, value, how the actor got there) for each key of ``actor``."""
    if not actor.name:
        return
    yield "name", actor.name, "name"
    for alias in actor.aliases:
        yield "name", alias, "alias"
    for name in (actor.name, *actor.aliases):
        if len(name.split()) == 1:
            if 2 <= len(name) <= 6:
                yield "acronym", name, "word"
        elif len(letters := initials(name)) >= 2:
            yield "acronym", letters, "initials"
        yield "variant", folded(name), "variant"
    if actor.type == "person":
        last = actor.name.split()[-1]
        if len(last) >= 3:
            yield "surname", last, "surname"


def _reason(kind: str, how_a: str, how_b: str) -> str | None:
    if kind == "name":
        return "same name" if how_a == how_b == "name" else "alias"
    if kind == "acronym":
        return "acronym" if how_a != how_b else None  # a word and initials, not two sets of initials
    return kind


def duplicate_pairs(actors: Iterable[Named], *, limit: int = 50) -> list[Pair]:
    """Candidate duplicate pairs among ``actors``, strongest reason first, at most ``limit``.

    Two actors of different types pair only on the same name or an alias.
    """
    by_key: dict[tuple[str, str], dict[int, tuple[Named, str]]] = {}
    for actor in actors:
        for kind, value, how in _keys(actor):
            members = by_key.setdefault((kind, value), {})
            if actor.id not in members or how == "name":
                members[actor.id] = (actor, how)
    best: dict[tuple[int, int], str] = {}
    for (kind, _), members in by_key.items():
        if len(members) < 2 or len(members) > MAX_GROUP:
            continue
        listed = sorted(members.values(), key=lambda m: m[0].id)
        for i, (a, how_a) in enumerate(listed):
            for b, how_b in listed[i + 1 :]:
                reason = _reason(kind, how_a, how_b)
                if reason is None or (kind != "name" and a.type != b.type):
                    continue
                key = (a.id, b.id)
                if key not in best or REASONS.index(reason) < REASONS.index(best[key]):
                    best[key] = reason
    pairs = [Pair(first, second, reason) for (first, second), reason in best.items()]
    pairs.sort(key=lambda p: (REASONS.index(p.reason), p.first, p.second))
    return pairs[:limit]
