"""The engine's output: frozen dataclasses with character offsets into the input text.

Every span is ``text[start:end]`` of the text given to :func:`claims.extraction.extract`.
Nothing here imports Django.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from claims.extraction.frame import ClaimFrame

ACTOR_TYPES = ("person", "organization", "place")
QUALIFIERS = ("exact", "more_than", "at_least", "less_than", "at_most", "approximately")
CATEGORIES = (
    "killed",
    "injured",
    "hostages",
    "detained",
    "missing",
    "displaced",
    "population",
    "aid",
    "other",
)


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of the input text: ``text[start:end] == surface``."""

    start: int
    end: int
    surface: str


@dataclass(frozen=True, slots=True)
class ActorMention:
    actor_index: int  # index into Extraction.actors
    start: int
    end: int
    surface: str


@dataclass(frozen=True, slots=True)
class Actor:
    name: str  # the fullest name the text gives
    type: str  # one of ACTOR_TYPES
    aliases: tuple[str, ...] = ()  # other forms used in the text (surname, acronym, title + name)
    descriptor: str | None = None  # "US Secretary of State", when the text gives one


@dataclass(frozen=True, slots=True)
class Quote:
    text: str  # the words between the marks, as printed
    start: int  # offset of the first character inside the opening mark
    end: int  # offset just past the last character before the closing mark
    speaker_index: int | None  # index into Extraction.actors, None when unknown
    speaker_surface: str | None  # the words that name the speaker here ("he", "the top US diplomat")
    verb: str | None  # attribution verb ("said", "told")
    confidence: float


@dataclass(frozen=True, slots=True)
class NumericClaim:
    value: Decimal
    value_max: Decimal | None
    qualifier: str  # one of QUALIFIERS
    category: str  # one of CATEGORIES
    noun: str | None  # the counted noun ("Palestinians", "captives")
    place: str | None
    source_index: int | None  # index into Extraction.actors
    source_surface: str | None  # "Palestinian authorities", as written
    span: str
    start: int
    end: int
    confidence: float
    # What the number counts, resolved from the whole article (unit, population, place, period,
    # modality, part-of): see claims.extraction.frame.ClaimFrame. None only for a claim built by hand.
    frame: ClaimFrame | None = None


@dataclass(frozen=True, slots=True)
class Extraction:
    engine_version: str
    actors: tuple[Actor, ...] = ()
    mentions: tuple[ActorMention, ...] = ()
    quotes: tuple[Quote, ...] = ()
    claims: tuple[NumericClaim, ...] = ()
    warnings: tuple[str, ...] = field(default=())
