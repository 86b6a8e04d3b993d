"""A small gazetteer with containment, and the place mentions of one text.

Every place has a key (a slug of its name), a kind and the key of what contains it, so a city
resolves to its region and its country or territory: "Nur Shams" -> Tulkarem -> West Bank;
"Amizmiz" -> Al Haouz -> Morocco. Names match whole, never truncated: "Gaza City" is one
place, "Gaza" another ("Gaza" stands for the Strip in news copy).

Descriptions that stand for a place ("the Strip", "the enclave", "the country") resolve to the
last place of a fitting kind mentioned before them, or to the article's dominant one.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from claims.extraction.gazetteer import COUNTRIES, DEMONYM_OF, OTHER_PLACES

# One line per place: Name[;alias...] kind parent-name. The kinds: country, territory, region, city, camp.
# Countries come from the shared gazetteer; here are the places under them and the territories.
_CONTAINED = """
Gaza Strip;Gaza;Gaza strip|territory|
West Bank;occupied West Bank|territory|
East Jerusalem|city|West Bank
Gaza City|city|Gaza Strip
Khan Younis;Khan Yunis|city|Gaza Strip
Rafah|city|Gaza Strip
Jabalia;Jabaliya|camp|Gaza Strip
Beit Hanoun|city|Gaza Strip
Beit Lahia|city|Gaza Strip
Deir al-Balah;Deir el-Balah;Deir al Balah|city|Gaza Strip
Nuseirat|camp|Gaza Strip
Bureij|camp|Gaza Strip
Maghazi|camp|Gaza Strip
Shati|camp|Gaza Strip
Zeitoun|city|Gaza Strip
Ramallah|city|West Bank
Jenin|city|West Bank
Nablus|city|West Bank
Hebron|city|West Bank
Tulkarem;Tulkarm|city|West Bank
Nur Shams|camp|Tulkarem
Balata|camp|Nablus
Bethlehem|city|West Bank
Jericho|city|West Bank
Qalqilya|city|West Bank
Tel Aviv|city|Israel
Haifa|city|Israel
Ashkelon|city|Israel
Ashdod|city|Israel
Sderot|city|Israel
Eilat|city|Israel
Beersheba|city|Israel
Negev|region|Israel
Galilee|region|Israel
Kfar Aza|city|Israel
Be'eri;Beeri|city|Israel
Nir Oz|city|Israel
Golan Heights;Golan|region|Syria
Beirut|city|Lebanon
Tyre|city|Lebanon
Sidon|city|Lebanon
Nabatieh|city|Lebanon
Bekaa|region|Lebanon
Damascus|city|Syria
Aleppo|city|Syria
Idlib|region|Syria
Homs|city|Syria
Latakia|city|Syria
Rukban|camp|Syria
Baghdad|city|Iraq
Mosul|city|Iraq
Erbil|city|Iraq
Basra|city|Iraq
Tehran|city|Iran
Sanaa|city|Yemen
Aden|city|Yemen
Hodeidah|city|Yemen
Amman|city|Jordan
Cairo|city|Egypt
Sinai|region|Egypt
Alexandria|city|Egypt
Khartoum|city|Sudan
Omdurman|city|Sudan
Port Sudan|city|Sudan
Darfur|region|Sudan
North Darfur|region|Darfur
West Darfur|region|Darfur
El Fasher|city|North Darfur
Geneina;El Geneina|city|West Darfur
Nyala|city|Sudan
Kordofan|region|Sudan
Tripoli|city|Libya
Benghazi|city|Libya
Derna|city|Libya
Tunis|city|Tunisia
Djerba|city|Tunisia
Rabat|city|Morocco
Casablanca|city|Morocco
Marrakech;Marrakesh|city|Morocco
Al Haouz;Al-Haouz;Haouz|region|Morocco
Amizmiz|city|Al Haouz
Taroudant|region|Morocco
Atlas Mountains;High Atlas|region|Morocco
Istanbul|city|Turkey
Ankara|city|Turkey
Izmit|city|Turkey
Kahramanmaras|city|Turkey
Gaziantep|city|Turkey
Hatay|region|Turkey
Antakya|city|Hatay
Adana|city|Turkey
Malatya|city|Turkey
Diyarbakir|city|Turkey
Kyiv;Kiev|city|Ukraine
Kharkiv|city|Ukraine
Dnipro|city|Ukraine
Odesa;Odessa|city|Ukraine
Lviv|city|Ukraine
Mariupol|city|Ukraine
Bakhmut|city|Ukraine
Zaporizhzhia|city|Ukraine
Kherson|city|Ukraine
Donetsk|region|Ukraine
Luhansk|region|Ukraine
Crimea|region|Ukraine
Moscow|city|Russia
St Petersburg;St. Petersburg|city|Russia
Peloponnese|region|Greece
Athens|city|Greece
Pylos|city|Peloponnese
Kalamata|city|Peloponnese
Jakarta|city|Indonesia
Surabaya|city|Indonesia
Java|region|Indonesia
Borneo|region|Indonesia
Kabul|city|Afghanistan
Herat|city|Afghanistan
London|city|United Kingdom
Manchester|city|United Kingdom
Birmingham|city|United Kingdom
Edinburgh|city|United Kingdom
England|region|United Kingdom
Scotland|region|United Kingdom
Wales|region|United Kingdom
Northern Ireland|region|United Kingdom
Paris|city|France
Berlin|city|Germany
Madrid|city|Spain
Rome|city|Italy
Lampedusa|city|Italy
Washington DC;Washington, D.C.|city|United States
New York City;New York|city|United States
Los Angeles|city|California
San Francisco|city|California
Chicago|city|Illinois
Houston|city|Texas
Dallas|city|Texas
El Paso|city|Texas
Boston|city|Massachusetts
Miami|city|Florida
Seattle|city|Washington State
Indianapolis|city|Indiana
Beijing|city|China
Shanghai|city|China
Hong Kong|city|China
Tokyo|city|Japan
Delhi;New Delhi|city|India
Mumbai|city|India
Karachi|city|Pakistan
Lahore|city|Pakistan
Dhaka|city|Bangladesh
Nairobi|city|Kenya
Lagos|city|Nigeria
Abuja|city|Nigeria
Mogadishu|city|Somalia
Addis Ababa|city|Ethiopia
Tigray|region|Ethiopia
Goma|city|Congo
Kinshasa|city|Congo
"""
_US_STATES = """
Alabama Alaska Arizona Arkansas California Colorado Connecticut Delaware Florida Hawaii Idaho Illinois
Indiana Iowa Kansas Kentucky Louisiana Maine Maryland Massachusetts Michigan Minnesota Mississippi
Missouri Montana Nebraska Nevada New_Hampshire New_Jersey New_Mexico North_Carolina North_Dakota Ohio
Oklahoma Oregon Pennsylvania Rhode_Island South_Carolina South_Dakota Tennessee Texas Utah Vermont
Virginia West_Virginia Wisconsin Wyoming Washington_State
"""
# Other names a country goes by in news copy.
_COUNTRY_ALIASES = {
    "United States": ("US", "U.S.", "USA", "America", "United States of America"),
    "United Kingdom": ("UK", "U.K.", "Britain", "Great Britain"),
    "United Arab Emirates": ("UAE",),
    "Turkey": ("Turkiye", "Türkiye"),
    "Congo": ("DR Congo", "Democratic Republic of Congo", "Democratic Republic of the Congo"),
    "Czech Republic": ("Czechia",),
    "Ivory Coast": ("Côte d'Ivoire",),
    "Myanmar": ("Burma",),
    "Palestine": ("Palestinian territories", "occupied Palestinian territories"),
}
# Descriptions that stand for the last place of a kind: "the Strip" is the territory named before.
DESCRIPTIONS: dict[str, tuple[str, ...]] = {
    "the strip": ("territory",),
    "the enclave": ("territory",),
    "the coastal enclave": ("territory",),
    "the palestinian enclave": ("territory",),
    "the besieged enclave": ("territory",),
    "the territory": ("territory",),
    "the country": ("country",),
    "the kingdom": ("country",),
    "the city": ("city",),
    "the town": ("city",),
    "the village": ("city",),
    "the camp": ("camp",),
    "the region": ("region",),
    "the province": ("region",),
    "the state": ("region",),
}
# Literal "the "/"The " first: three times faster to scan for than a \b and a character class.
_DESCRIPTION_RE = re.compile(
    r"(?:the|The) (?:(?:coastal|[Pp]alestinian|besieged) )?"
    r"(?:[Ss]trip|enclave|territory|country|kingdom|city|town|village|camp|region|province|state)\b"
)


@dataclass(frozen=True, slots=True)
class PlaceEntry:
    key: str  # "gaza-strip"
    name: str  # "Gaza Strip"
    kind: str  # country | territory | region | city | camp
    parent: str | None  # key of the place that contains it


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower().replace("'", "").replace("’", "")).strip("-")


ENTRIES: dict[str, PlaceEntry] = {}
_FORMS: dict[str, str] = {}  # surface form -> key


def _add(name: str, kind: str, parent: str | None, aliases: tuple[str, ...] = ()) -> None:
    key = slug(name)
    if key not in ENTRIES:
        ENTRIES[key] = PlaceEntry(key, name, kind, slug(parent) if parent else None)
    for form in (name, *aliases):
        _FORMS.setdefault(form, key)


for _line in _CONTAINED.strip().splitlines():
    _names, _kind, _parent = _line.split("|")
    _first, *_aliases = _names.split(";")
    _add(_first, _kind, _parent or None, tuple(_aliases))
_ALIAS_OF = {a: c for c, aliases in _COUNTRY_ALIASES.items() for a in aliases}
for _country in sorted(COUNTRIES):
    if _country in _ALIAS_OF:
        continue
    _kind = "region" if _country in ("Europe", "Africa", "Asia", "Arabia", "Persia", "Kurdistan") else "country"
    _add(_country, _kind, None, _COUNTRY_ALIASES.get(_country, ()))
for _state in _US_STATES.split():
    _add(_state.replace("_", " "), "region", "United States")
for _other in sorted(OTHER_PLACES):  # places known to the actor side, without containment
    if _other not in _ALIAS_OF:
        _add(_other, "place", None)
_FORMS["Washington"] = "washington-dc"

# No look-behind (it made the scan twice as slow): a word starting inside another ("iPhone") is dropped
# by the boundary test where its occurrences are looked up.
_CAP_RE = re.compile(r"[A-ZÀ-Þ][\w'’-]*")
# First word (as _CAP_RE reads it) -> the forms starting with it, longest first: "Gaza City" before "Gaza".
_BY_FIRST: dict[str, list[str]] = {}
for _form in _FORMS:
    _head = _CAP_RE.match(_form)
    if _head is not None:
        _BY_FIRST.setdefault(_head.group(), []).append(_form)
for _forms in _BY_FIRST.values():
    _forms.sort(key=len, reverse=True)
# "Moroccan officials" names Morocco, weakly: a demonym says whose, not always where.
_DEMONYM_KEY = {d: _FORMS[c] for d, c in DEMONYM_OF.items() if c in _FORMS and d not in _BY_FIRST}
# One lookup per capitalised word: the forms it may start (its possessive "Gaza's" too), or a demonym's key.
_LOOKUP: dict[str, list[str] | str] = {**_DEMONYM_KEY}
for _first, _forms in _BY_FIRST.items():
    _LOOKUP[_first] = _forms
    _LOOKUP.setdefault(_first + "'s", _forms)
    _LOOKUP.setdefault(_first + "’s", _forms)
_LOOKUP_KEYS = frozenset(_LOOKUP)
_WORD_CHARS_OR_MARKS = frozenset("_'’-")


def country_of(key: str | None) -> str | None:
    """The country or territory that holds a place (itself for a country or territory)."""
    seen = 0
    while key is not None and seen < 8:
        entry = ENTRIES.get(key)
        if entry is None:
            return None
        if entry.kind in ("country", "territory") or entry.parent is None:
            return entry.key
        key = entry.parent
        seen += 1
    return key


def contains(outer: str, inner: str) -> bool:
    """Whether ``outer`` holds ``inner`` (a place holds itself)."""
    seen = 0
    key: str | None = inner
    while key is not None and seen < 8:
        if key == outer:
            return True
        entry = ENTRIES.get(key)
        key = entry.parent if entry else None
        seen += 1
    return False


@dataclass(frozen=True, slots=True)
class PlaceMention:
    start: int
    end: int
    key: str
    weak: bool = False  # a demonym ("Moroccan") or a description ("the enclave"), not a name


def find_places(text: str, start: int = 0, end: int | None = None) -> list[PlaceMention]:
    """Gazetteer places named in ``text[start:end]``, whole names only, and demonyms standing for
    their country ("Moroccan officials" names Morocco); descriptions ("the Strip") resolved to the
    last place of their kind before them."""
    end = len(text) if end is None else end
    out: list[PlaceMention] = []
    n = len(text)
    # The distinct capitalised words, matched against the gazetteer as a set (in C), then only the words
    # that name a place are looked for: a loop over every capitalised word cost more than all the rest.
    for word in set(_CAP_RE.findall(text, start, end)) & _LOOKUP_KEYS:
        hit = _LOOKUP[word]
        size = len(word)
        pos = text.find(word, start, end)
        while pos >= 0:
            stop = pos + size
            if (pos == 0 or (text[pos - 1] not in _WORD_CHARS_OR_MARKS and not text[pos - 1].isalnum())) and (
                stop >= n or (text[stop] not in _WORD_CHARS_OR_MARKS and not text[stop].isalnum())
            ):
                if type(hit) is str:  # a demonym
                    out.append(PlaceMention(pos, stop, hit, weak=True))
                else:
                    for form in hit:
                        form_stop = pos + len(form)
                        if text.startswith(form, pos) and (form_stop >= n or not text[form_stop].isalnum()):
                            out.append(PlaceMention(pos, form_stop, _FORMS[form]))
                            break
            pos = text.find(word, stop, end)
    out.sort(key=lambda p: p.start)
    descriptions = [
        (d.start(), d.end(), d.group())
        for d in _DESCRIPTION_RE.finditer(text, start, end)
        if d.start() == 0 or not text[d.start() - 1].isalpha()  # "the", not "bathe"
    ]
    if descriptions:
        out = _resolve_descriptions(out, descriptions)
    return out


def _resolve_descriptions(named: list[PlaceMention], descriptions: list[tuple[int, int, str]]) -> list[PlaceMention]:
    starts = [p.start for p in named]
    out = list(named)
    for d_start, d_end, surface in descriptions:
        words = surface.lower().split()
        kinds = DESCRIPTIONS.get(" ".join(words)) or DESCRIPTIONS.get(f"the {words[-1]}")
        if not kinds:
            continue
        i = bisect.bisect_left(starts, d_start)
        for p in reversed(named[max(0, i - 30) : i]):
            found = _ancestor_of_kind(p.key, kinds)  # "Khan Younis ... the enclave": the Strip that holds it
            if found is not None and not p.weak:
                out.append(PlaceMention(d_start, d_end, found))  # as strong as the name it stands for
                break
    out.sort(key=lambda p: p.start)
    return out


def _ancestor_of_kind(key: str | None, kinds: tuple[str, ...]) -> str | None:
    seen = 0
    while key is not None and seen < 8:
        entry = ENTRIES.get(key)
        if entry is None:
            return None
        if entry.kind in kinds:
            return key
        key = entry.parent
        seen += 1
    return None


def place_name(key: str | None) -> str | None:
    entry = ENTRIES.get(key) if key else None
    return entry.name if entry else None
