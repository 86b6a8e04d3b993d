"""The actor table under construction: actors found by key, mentions pointing at them."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class ActorBuild:
    name: str
    type: str
    key: str
    first: int
    descriptor: str | None = None
    gender: str | None = None
    forms: list[str] = field(default_factory=list)
    roles: str = ""  # every descriptor seen, lowercased, for resolving "the minister"


@dataclass(slots=True)  # one per name in the text: thousands in a long one
class Mention:
    start: int
    end: int
    actor: int


@dataclass(slots=True)  # one per name in the text: thousands in a long one
class Cand:
    type: str  # person, organization, place, acronym, single
    start: int
    end: int
    surface: str
    descriptor: str | None = None
    title_form: str | None = None
    gender: str | None = None
    alias_of: int | None = None  # end offset of the name this one restates: Hezbollah, "the Party of God"


class ActorTable:
    """Actors under construction, found by key; mentions point at them by index."""

    def __init__(self) -> None:
        self.actors: list[ActorBuild] = []
        self.by_key: dict[str, int] = {}
        self.mentions: list[Mention] = []

    def add(self, typ: str, key: str, surface: str, start: int, end: int) -> int:
        idx = self.by_key.get(key)
        if idx is None:
            idx = len(self.actors)
            self.by_key[key] = idx
            self.actors.append(ActorBuild(name=surface, type=typ, key=key, first=start))
        self.mention(idx, surface, start, end)
        return idx

    def mention(self, idx: int, surface: str, start: int, end: int) -> None:
        a = self.actors[idx]
        if surface not in a.forms:
            a.forms.append(surface)
        self.mentions.append(Mention(start, end, idx))

    def find_or_add(self, typ: str, key: str, name: str, first: int) -> int:
        idx = self.by_key.get(key)
        if idx is None:
            idx = len(self.actors)
            self.by_key[key] = idx
            self.actors.append(ActorBuild(name=name, type=typ, key=key, first=first))
        return idx
