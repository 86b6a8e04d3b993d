"""Figure keys: what makes two numeric claims the same figure (category, counted noun, place, folded).

Pure functions, no database: plurals and synonyms of the counted noun (people/persons,
captives/hostages), a few place synonyms (the Gaza Strip/Gaza), and a figure's first name.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..models import Category, normalize_name

_IRREGULAR = {
    "people": "person",
    "persons": "person",
    "children": "child",
    "men": "man",
    "women": "woman",
    "lives": "life",
    "police": "police",
    "personnel": "personnel",
    "staff": "staff",
    "dead": "dead",
    "wounded": "wounded",
    "injured": "injured",
    "missing": "missing",
    "displaced": "displaced",
}
_PERSON = {"person", "individual", "human", "soul"}
_DEATH = {"death", "fatality", "dead", "victim", "body", "life", "martyr"}
_HOSTAGE = {"hostage", "captive", "abductee", "kidnapped person", "abducted person", "hostage held"}
_INJURED = {"wounded", "injured", "injury", "casualty"}
_POPULATION = {"resident", "inhabitant", "citizen"}
_PLACES = {
    "gaza strip": "gaza",
    "occupied west bank": "west bank",
    "occupied territories": "occupied palestinian territory",
    "palestinian territories": "occupied palestinian territory",
    "united states": "us",
    "usa": "us",
    "united kingdom": "uk",
}
_PERSON_DEFAULT = {Category.KILLED, Category.INJURED, Category.MISSING, Category.DISPLACED, Category.DETAINED}


def _singular(word: str) -> str:
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if len(word) <= 3 or word.endswith(("ss", "us", "is")):
        return word
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("sses", "shes", "ches", "xes", "zes")):
        return word[:-2]
    if word.endswith("s"):
        return word[:-1]
    return word


def noun_key(category: str, noun: str) -> str:
    """The counted population, folded: case, plurals, and synonyms (people/persons, captives/hostages)."""
    words = [_singular(w) for w in normalize_name(noun or "").split()]
    phrase = " ".join(words)
    if phrase in _STATE_WORDS:  # "100,000 killed", "2 million displaced": the noun is the state itself
        phrase = ""
    if category == Category.HOSTAGES and (not phrase or phrase in _HOSTAGE or phrase in _PERSON):
        return "hostage"
    if phrase in _HOSTAGE:
        return "hostage"
    if category == Category.KILLED and phrase in _DEATH:
        return "person"
    if category == Category.INJURED and phrase in _INJURED:
        return "person"
    if category == Category.POPULATION and (not phrase or phrase in _POPULATION):
        return "person"
    if phrase in _PERSON or (not phrase and category in _PERSON_DEFAULT):
        return "person"
    return phrase


# Words that name what happened to the people counted, not who they are.
_STATE_WORDS = frozenset(
    {
        "killed",
        "dead",
        "death toll",
        "injured",
        "wounded",
        "displaced",
        "missing",
        "detained",
        "arrested",
        "evacuated",
        "held",
        "abducted",
        "kidnapped",
    }
)


def place_key(place: str) -> str:
    """The place, folded: case, accents, a leading "the", and a few common synonyms."""
    folded = normalize_name(place or "")
    return _PLACES.get(folded, folded)


def figure_key(category: str, noun: str, place: str) -> tuple[str, str, str]:
    return (category, noun_key(category, noun), place_key(place))


_VERB: dict[str, str] = {
    Category.KILLED: "killed",
    Category.INJURED: "injured",
    Category.HOSTAGES: "held hostage",
    Category.DETAINED: "detained",
    Category.MISSING: "missing",
    Category.DISPLACED: "displaced",
    Category.POPULATION: "population",
    Category.AID: "aid",
    Category.OTHER: "counted",
}


def figure_name_for(category: str, noun: str, place: str) -> str:
    """A readable first name for a new figure: "Killed in Gaza", "Palestinians killed in Gaza"."""
    nkey = noun_key(category, noun)
    where = f" in {place.strip()}" if place.strip() else " (place not given)"
    if category == Category.POPULATION and nkey == "person":
        return f"Population{where.replace(' in ', ' of ', 1)}"
    if nkey == "hostage":
        return f"Hostages held{where}"
    if nkey == "person" or not nkey:
        label = Category(category).label if category in Category.values else category
        return f"{label}{where}"
    shown = (noun or nkey).strip()
    if category in (Category.AID, Category.OTHER):
        return f"{Category(category).label}: {shown}{where}"
    return f"{shown[:1].upper()}{shown[1:]} {_VERB.get(category, category)}{where}"


# ---------------------------------------------------------------------------------------------
# Frame keys: one running quantity (what is counted, where, for which event or period, in which unit)
# ---------------------------------------------------------------------------------------------

# Windows explicit enough to be a quantity of their own ("in the past 24 hours", "over the weekend").
# A bare weekday or "overnight" mostly dates the event a running toll counts ("the quake that struck on
# Friday has killed 2,000"), so those stay in the running figure.
WINDOWS = frozenset({"24h", "48h", "72h", "12h", "36h", "week", "weekend", "month", "year"})
# A dated event this many days before the report is the event the report is about: its toll is the
# running figure. Older, it is a past event with a figure of its own ("the 7 October attack" in March).
RECENT_DAYS = 10
# Who a population word counts when it names no subset: folded to "people".
_GENERIC = frozenset({"people", "person", "persons", "others", "victims", "bodies", "individuals", "residents"})
# Plurals that do not end in "s".
_PLURALS = frozenset({"children", "men", "women", "people", "police", "staff", "personnel", "crew", "elderly", "youth"})
# Peoples whose name counts everyone in a territory that is not a country of the gazetteer.
_PEOPLE_OF = {"palestine": frozenset({"gaza-strip", "west-bank", "palestine"})}


@dataclass(frozen=True, slots=True)
class FrameRow:
    """The stored fields of one claim that decide its figure (claims built by hand may have only noun and place)."""

    category: str
    noun: str = ""
    place: str = ""
    population: str = ""
    place_key: str = ""
    country_key: str = ""
    event: str = ""
    event_year: int | None = None
    event_date: str = ""
    period: str = "current"
    since: str = ""
    window: str = ""
    window_date: str = ""
    modality: str = "fact"
    part_of: bool = False
    unit: str = "count"
    currency: str = ""
    measure: str = ""
    rate: str = ""
    frame_category: str = ""
    as_of: date | None = None


@dataclass(frozen=True, slots=True)
class FrameKey:
    """What makes two claims one figure, and what its name says. ``key`` is the stored string."""

    key: str
    category: str
    population: str
    country: str
    place_text: str  # the place as the claim gives it, when the gazetteer does not know it
    time: tuple[str, ...]  # ("running",) ("window", "24h", "2024-01-16") ("past", "2006", "war") ("event", date, noun)
    unit: str  # "count", "percent", "currency:USD", "measure:km", plus "/day" for a rate
    modality: str  # "fact", "quota", "forecast", "hypothetical"
    part: bool
    event: str = ""  # a dated event the first claim names ("2023-10-07 attack"): for the name only
    event_noun: str = ""  # the claim's event noun and country: to find the dated event an undated claim counts
    event_country: str = ""
    since: str = ""


def place_of(text: str) -> tuple[str, str]:
    """An editor's (or a hand-made claim's) place text -> (gazetteer key, country key); the folded text
    when the gazetteer does not know it."""
    from claims.extraction.places import country_of, find_places

    text = (text or "").strip()
    if not text:
        return "", ""
    for mention in find_places(text):
        if not mention.weak:
            return mention.key, country_of(mention.key) or mention.key
    folded = place_key(text)
    return folded, folded


def _population(row: FrameRow, country: str) -> str:
    pop = (row.population or "").strip().lower()
    if not pop:  # a claim built by hand or before frames: fold its noun, keep it plural as the engine does
        folded = noun_key(row.category, row.noun or "")
        words = normalize_name(row.noun or "")
        if folded in ("person", "hostage", ""):
            pop = "people"
        elif words.endswith("s") or words in _IRREGULAR:
            pop = words
        else:
            pop = f"{words}s"
    if pop in _GENERIC or not (pop.endswith("s") or pop in _PLURALS):
        return "people"  # a population the reader could not name as a plural ("likely", "remain") counts people
    demonym_place = _demonym_country(pop)
    if demonym_place and country and (demonym_place == country or country in _PEOPLE_OF.get(demonym_place, ())):
        return "people"  # "Palestinians killed in Gaza", "Moroccans killed in Morocco": everyone there
    return pop


def _demonym_country(population: str) -> str | None:
    from claims.extraction.gazetteer import DEMONYM_OF
    from claims.extraction.places import find_places

    word = population[:1].upper() + population[1:]
    for form in (word[:-1] if word.endswith("s") else word, word):
        country = DEMONYM_OF.get(form)
        if country:
            found = find_places(country)
            return found[0].key if found else None
    return None


def _day(iso: str) -> date | None:
    try:
        return date.fromisoformat(iso) if len(iso) == 10 and not iso.startswith("--") else None
    except ValueError:
        return None


def frame_key(row: FrameRow) -> FrameKey | None:
    """The figure a claim belongs in, from its own stored frame only (so an editor's change to one claim
    moves that claim alone). None: the claim is in no figure (a negated count, a number of "other")."""
    category = row.frame_category or row.category
    if row.modality == "negated" or category == "other":
        return None
    country = row.country_key
    place_text = ""
    if not country and row.place:
        _key, country = place_of(row.place)
        if country == place_key(row.place):
            place_text = row.place.strip()
    population = _population(row, country)
    unit = row.unit or "count"
    if unit == "currency":
        unit = f"currency:{row.currency or '?'}"
    elif unit == "measure":
        unit = f"measure:{row.measure or '?'}"
    if row.rate:
        unit = f"{unit}/{row.rate}"
    modality = row.modality if row.modality in ("quota", "forecast", "hypothetical") else "fact"
    as_of = row.as_of
    event_day = _day(row.event_date)
    if modality == "quota":
        # Each deal has its own terms: a quota is the deal's, dated by the month it was reported.
        time: tuple[str, ...] = ("deal", as_of.strftime("%Y-%m") if as_of else "")
    elif row.period == "window" and row.window in WINDOWS:
        time = ("window", row.window, row.window_date or (as_of.isoformat() if as_of else ""))
    elif row.event_year and (row.period == "past" or (as_of and row.event_year < as_of.year)):
        time = ("past", str(row.event_year), row.event)
    elif event_day and as_of and (as_of - event_day).days > RECENT_DAYS:
        time = ("event", event_day.isoformat())
    else:
        time = ("running",)
    dated = event_day.isoformat() if event_day and time[0] in ("running", "event") else ""
    part = row.part_of and population == "people"  # "1,404 of them critical": a part of the total's people
    where = country or place_key(row.place)
    event_country = country
    if time[0] == "event" or (category == "hostages" and modality == "fact" and time[0] == "running"):
        # Hostages are taken in one place and held in another, and reports name either: their running
        # count is known by who is counted, not where. A past dated event is known by its date: reports
        # place it loosely too.
        where = country = place_text = ""
    key = "|".join((category, population, where, *time, unit, modality, "part" if part else ""))
    return FrameKey(
        key=key[:400],
        category=category,
        population=population,
        country=country,
        place_text=place_text,
        time=time,
        unit=unit,
        modality=modality,
        part=part,
        # A bare year is too loose to name a running total by ("deadliest since 1939" is no start).
        event=f"{dated} {row.event}".strip() if dated else "",
        event_noun=row.event,
        event_country=event_country,
        since=row.since if time == ("running",) and (len(row.since) >= 7 or row.since == "event-start") else "",
    )


_STATE = {
    "killed": "killed",
    "injured": "injured",
    "hostages": "taken hostage",
    "detained": "detained",
    "missing": "missing",
    "displaced": "displaced",
    "killed_injured": "killed or injured",
    "population": "living",
    "aid": "in aid",
}


EVENT_VALUE_TOLERANCE = 0.15


def counts_same_event(fk: FrameKey, value: float, event: FrameKey, event_value: float) -> bool:
    """Whether an undated running count gives the toll of a dated past event: "1,400 people were killed in
    that attack" beside "about 1,400 killed in the 7 October attack". Same population and unit, a value
    within ``EVENT_VALUE_TOLERANCE``, and the same event noun or the same place."""
    if fk.time != ("running",) or fk.part or fk.modality != "fact" or fk.since:
        return False
    if (fk.category, fk.population, fk.unit) != (event.category, event.population, event.unit):
        return False
    if abs(value - event_value) > EVENT_VALUE_TOLERANCE * max(value, event_value, 1):
        return False
    same_noun = bool(fk.event_noun) and fk.event_noun == event.event_noun
    same_place = bool(fk.event_country) and fk.event_country == event.event_country
    return same_noun or same_place


def _long_date(iso: str) -> str:
    day = _day(iso)
    if day is not None:
        return f"{day.day} {day:%B %Y}"
    if iso.startswith("--") and len(iso) == 7:
        month_day = _day(f"2000-{iso[2:]}")
        return f"{month_day.day} {month_day:%B}" if month_day else iso
    if len(iso) == 7:
        try:
            return date.fromisoformat(f"{iso}-01").strftime("%B %Y")
        except ValueError:
            return iso
    return iso


_WINDOW_WORDS = {
    "24h": "in 24 hours",
    "48h": "in 48 hours",
    "72h": "in 72 hours",
    "12h": "in 12 hours",
    "36h": "in 36 hours",
    "week": "in a week",
    "weekend": "over a weekend",
    "month": "in a month",
    "year": "in a year",
}


def frame_name(fk: FrameKey) -> str:
    """What a figure counts, where and since when: "Palestinians killed in the Gaza Strip since 7 October 2023",
    "People killed in the 7 October 2023 attack", "Hostages to be released under a deal (November 2023)"."""
    from claims.extraction.places import place_name

    who = "People" if fk.population == "people" else fk.population[:1].upper() + fk.population[1:]
    if fk.part:
        who = "Of them,"
    state = _STATE.get(fk.category, fk.category)
    if fk.modality == "quota":
        state = {"hostages": "hostages to be released", "detained": "prisoners to be released"}.get(
            fk.category, f"{state} under the deal's terms"
        )
        who = "" if who == "People" else who
    where_name = place_name(fk.country) or fk.place_text or fk.country.replace("-", " ").title()
    if where_name:
        article = "the " if where_name.split()[0].lower() in {"gaza", "west", "united", "philippines"} else ""
        where = f" in {article}{where_name}"
    elif fk.time[0] == "event" or fk.category == "hostages":
        where = ""
    else:
        where = " (place not given)"
    kind = fk.time[0]
    when = ""
    if kind == "running" and fk.since:
        when = " since the start" if fk.since == "event-start" else f" since {_long_date(fk.since)}"
    elif kind == "window":
        when = f" {_WINDOW_WORDS.get(fk.time[1], fk.time[1])}" + (f" to {_long_date(fk.time[2])}" if fk.time[2] else "")
    elif kind == "past":
        when = f" in the {fk.time[1]} {fk.time[2] or 'events'}"
    elif kind == "event" or (kind == "running" and fk.event):
        day, _, noun = (fk.event or fk.time[1]).partition(" ")
        when = f" in the {_long_date(day)} {noun or 'events'}"
    elif kind == "deal":
        when = f" under a deal ({_long_date(fk.time[1])})" if fk.time[1] else " under a deal"
    unit = ""
    if fk.unit.startswith("percent"):
        unit = " (share, %)"
    elif fk.unit.startswith("currency:"):
        unit = f" ({fk.unit.split(':', 1)[1].split('/')[0]})"
    if "/" in fk.unit:
        unit += f" per {fk.unit.rsplit('/', 1)[1]}"
    if fk.modality == "forecast":
        unit += " (forecast)"
    elif fk.modality == "hypothetical":
        unit += " (hypothetical)"
    name = " ".join(f"{who} {state}{where}{when}{unit}".split())
    return name[:1].upper() + name[1:]
