"""The unit of a numeric claim and the population it counts: currency codes, measures, rates, and the
counted noun folded to one key ("civilian"/"civilians", "troops"/"soldiers"). Part of the claim frame
(:mod:`claims.extraction.frame`); no Django."""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

from claims.extraction.gazetteer import DEMONYM_OF
from claims.extraction.places import find_places

if TYPE_CHECKING:
    from claims.extraction.frame import Evidence

_CONFLICT = frozenset({"killed", "injured", "hostages", "detained", "missing", "displaced"})
_RATE_RE = re.compile(
    r"[\w\s'’-]{0,30}?\b(?:a|an|per|each|every)\s+(day|week|month|year|hour|night|minute)\b"
    r"|[\w\s'’-]{0,30}?\b(daily|weekly|monthly|annually|yearly|hourly)\b"
    r"|\s?/\s?(day|week|month|year|hour)\b",
    re.I,
)
_RATE_NOUN = {
    "daily": "day",
    "weekly": "week",
    "monthly": "month",
    "annually": "year",
    "yearly": "year",
    "hourly": "hour",
}
_CURRENCY_SIGNS = (
    ("US$", "USD"),
    ("A$", "AUD"),
    ("C$", "CAD"),
    ("NZ$", "NZD"),
    ("HK$", "HKD"),
    ("$", "USD"),
    ("£", "GBP"),
    ("€", "EUR"),
    ("¥", "JPY"),
    ("₪", "ILS"),
    ("₹", "INR"),
    ("USD", "USD"),
    ("EUR", "EUR"),
    ("GBP", "GBP"),
    ("NIS", "ILS"),
    ("INR", "INR"),
    ("JPY", "JPY"),
    ("CHF", "CHF"),
    ("AUD", "AUD"),
    ("CAD", "CAD"),
    ("Rs", "INR"),
)
_CURRENCY_WORDS = {
    "dollars": "USD",
    "dollar": "USD",
    "euros": "EUR",
    "euro": "EUR",
    "pounds": "GBP",
    "sterling": "GBP",
    "shekels": "ILS",
    "yuan": "CNY",
    "renminbi": "CNY",
    "rupees": "INR",
    "dirhams": "MAD",
    "lira": "TRY",
    "liras": "TRY",
    "yen": "JPY",
    "francs": "CHF",
    "rubles": "RUB",
    "roubles": "RUB",
    "hryvnias": "UAH",
    "naira": "NGN",
    "rand": "ZAR",
    "pesos": "MXN",
}
_MEASURES = {
    "km": "km",
    "kilometres": "km",
    "kilometers": "km",
    "kilometre": "km",
    "kilometer": "km",
    "miles": "mi",
    "mile": "mi",
    "mi": "mi",
    "metres": "m",
    "meters": "m",
    "metre": "m",
    "meter": "m",
    "feet": "ft",
    "foot": "ft",
    "ft": "ft",
    "inches": "in",
    "cm": "cm",
    "mm": "mm",
    "tonnes": "t",
    "tons": "t",
    "tonne": "t",
    "ton": "t",
    "kg": "kg",
    "kilograms": "kg",
    "kilos": "kg",
    "lbs": "lb",
    "lb": "lb",
    "litres": "l",
    "liters": "l",
    "gallons": "gal",
    "barrels": "bbl",
    "bpd": "bbl/day",
    "acres": "acre",
    "hectares": "ha",
    "ha": "ha",
    "mw": "mw",
    "megawatts": "mw",
    "gw": "gw",
    "gigawatts": "gw",
    "kw": "kw",
    "kwh": "kwh",
    "mph": "mph",
    "kph": "km/h",
    "kmh": "km/h",
    "degrees": "deg",
    "c": "degc",
    "f": "degf",
    "magnitude": "magnitude",
    "points": "points",
    "sq": "sq",
    "square": "sq",
}
_MEASURE_GLUE_RE = re.compile(r"(?:mph|kph|kmh|km|kg|lbs?|ft|cm|mm|mi|ha|MW|GW|kW|kWh|bpd)\b")
# A quake's magnitude is a measure, not a count: "magnitude 6.8", "a magnitude of 5.9" before the number;
# "6.8-magnitude", "7 on the Richter scale" after it; or a decimal before a singular quake noun ("a 4.9
# aftershock"). "three earthquakes" stays a count (a count takes the plural), so do "2 earthquake survivors".
_MAGNITUDE_RE = re.compile(r"magnitude(?:\s+of)?[\s-]*$", re.I)
_MAGNITUDE_AFTER_RE = re.compile(r"[\s-]*(?:magnitude\b|on\s+the\s+Richter\b)", re.I)
_QUAKE_AFTER_RE = re.compile(r"\s+(?:earthquake|quake|tremor|aftershock|temblor)\b", re.I)
_POPULATION_FOLD = {
    "persons": "people",
    "person": "people",
    "individuals": "people",
    "kids": "children",
    "child": "children",
    "minors": "children",
    "babies": "infants",
    "man": "men",
    "woman": "women",
    "troops": "soldiers",
    "soldier": "soldiers",
    "servicemen": "soldiers",
    "militants": "fighters",
    "militant": "fighters",
    "fighter": "fighters",
    "combatants": "fighters",
    "gunmen": "attackers",
    "assailants": "attackers",
    "civilian": "civilians",
    "medics": "paramedics",
    "policemen": "police",
    "officers": "police",
}


# Nouns that name the category rather than who is counted: such a count counts people.
def _words(spaced: str) -> frozenset[str]:
    return frozenset(spaced.split())


_PEOPLE_BY_CATEGORY = _words(
    "hostages hostage captives captive prisoners prisoner detainees detainee refugees refugee bodies body "
    "dead deaths death casualties fatalities victims injured wounded missing displaced evacuees abductees "
    "inmates lives killed"
)


def unit_of(text: str, ev: Evidence) -> tuple[str, str | None, str | None]:
    span = text[ev.start : ev.number_end]
    if ev.percent:
        return "percent", None, None
    if ev.money:
        for sign, code in _CURRENCY_SIGNS:
            if sign in span:
                return "currency", code, None
        return "currency", None, None
    head = (ev.head or "").lower()
    if head in _CURRENCY_WORDS:
        return "currency", _CURRENCY_WORDS[head], None
    glued = _MEASURE_GLUE_RE.match(text, ev.number_end)
    if glued:
        return "measure", None, _MEASURES.get(glued.group().lower(), glued.group().lower())
    if (
        _MAGNITUDE_RE.search(text, max(0, ev.start - 15), ev.start)
        or _MAGNITUDE_AFTER_RE.match(text, ev.number_end)
        or ("." in span and _QUAKE_AFTER_RE.match(text, ev.number_end))
    ):
        return "measure", None, "magnitude"
    if head in _MEASURES:
        return "measure", None, _MEASURES[head]
    return "count", None, None


# Nouns that name the number itself rather than what it counts: "the 2,000 mark", "the 40-to-60 range".
_NUMBER_NOUNS = _words("range ranges mark figure figures bracket threshold level")


def population_of(text: str, ev: Evidence, unit: str) -> tuple[str | None, str | None]:
    if unit != "count":
        return None, None
    head = ev.head
    group = None
    for word in _CAPITALISED_RE.findall(text, ev.number_end, ev.end):
        if word in DEMONYM_OF:
            group = _country_key(DEMONYM_OF[word])
            break
    if head is None or head.lower() in _NUMBER_NOUNS:  # "the 100-to-300 range" counts no ranges
        return ("people" if ev.category in _CONFLICT else None), group
    low = head.lower()
    if low in _PEOPLE_BY_CATEGORY:
        return "people", group
    if head in DEMONYM_OF or (head.endswith("s") and head[:-1] in DEMONYM_OF):  # "Palestinians", "Britons"
        low = low if low.endswith("s") else low + "s"
    from claims.extraction.numbers.lexicon import PERSON_NOUNS  # here: the numbers package imports this module

    low = _POPULATION_FOLD.get(low, low)
    if low not in PERSON_NOUNS and low.endswith("s") is False and low + "s" in PERSON_NOUNS:
        low += "s"
    return low, group


_CAPITALISED_RE = re.compile(r"[A-Z][\w'’-]+")


@functools.cache  # a demonym's country: a handful of distinct names, asked for claim after claim
def _country_key(name: str) -> str | None:
    found = find_places(name)
    return found[0].key if found else None


def rate_of(text: str, ev: Evidence) -> str | None:
    m = _RATE_RE.match(text, ev.number_end, min(len(text), ev.end + 40))
    if not m:
        return None
    word = next(g for g in m.groups() if g)
    return _RATE_NOUN.get(word.lower(), word.lower())
