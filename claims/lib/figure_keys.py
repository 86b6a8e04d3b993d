"""Figure keys: what makes two numeric claims the same figure (category, counted noun, place, folded).

Pure functions, no database: plurals and synonyms of the counted noun (people/persons,
captives/hostages), a few place synonyms (the Gaza Strip/Gaza), and a figure's first name.
"""

from __future__ import annotations

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
