"""Regexes and small helpers for capitalised names, shared by the actor and speaker rules."""

from __future__ import annotations

import functools
import re

from claims.extraction import gazetteer as gz
from claims.extraction import lexicon as lx

# Every uppercase letter of Latin scripts, so "António" and "Şahin" are names too.
_UPPER = "A-Z" + "".join(ch for ch in map(chr, range(0xC0, 0x250)) if ch.isupper())
UP = f"[{_UPPER}]"
_ABBR = r"(?:Mr|Mrs|Ms|Dr|St|Gen|Sen|Rep|Gov|Lt|Col|Capt|Sgt|Prof|Maj|Adm|Rev|Jr|Sr|Co|Corp|Inc|Ltd)\."
CAPTOK = rf"(?:{_ABBR}|{UP}\.(?:{UP}\.)*|(?:(?:al|el|ad|as|ash|at|ar|an|bin|ibn)-)?{UP}\w*(?:[\-’'&]\w+)*)"
CAPTOK_RE = re.compile(CAPTOK)
# The lookahead names the characters a name can start with (a capital, or "al-", "bin-", "ibn-"...):
# it spares the regex engine a full try at every other position of a long text.
CHUNK_RE = re.compile(rf"(?=[{_UPPER}aebi])(?<![\w@#/.’'\-]){CAPTOK}(?:[ \u00a0]{CAPTOK})*")
POSSESSIVE_RE = re.compile(r"[’']s?$")

FUNCTION_WORDS = lx._words("""
the a an and or but nor so yet said says say told tells by to with from for in on at of as that which who
whom whose when while after before since until if than then there here it its is was were are be been
has have had do does did will would can could should may might must not no this these those his her
their our my your he she they we i you him them us me into onto over under about against between during
""")

# Multi-word titles and names, matched token by token.
KNOWN: dict[str, str] = {}
for _w in gz.PLACES:
    KNOWN[_w] = "place"
for _w in lx.KNOWN_ORGS:
    KNOWN[_w] = "organization"
for _w, _exp in lx.ACRONYMS.items():
    KNOWN.setdefault(_w, "place" if _exp in gz.PLACES else "organization")
for _w in gz.NATIONALITIES:
    KNOWN.setdefault(_w, "nationality")
for _w in lx.CONTEXT_ORGS:
    KNOWN.setdefault(_w, "context_org")
for _w in lx.PLATFORMS:
    KNOWN[_w] = "platform"
KNOWN_MAX_TOKENS = max(len(k.split()) for k in KNOWN)

PLACE_ALIASES = {
    "US": "United States",
    "U.S.": "United States",
    "USA": "United States",
    "America": "United States",
    "UK": "United Kingdom",
    "U.K.": "United Kingdom",
    "Britain": "United Kingdom",
    "Great Britain": "United Kingdom",
    "UAE": "United Arab Emirates",
    "Turkiye": "Turkey",
    "Kiev": "Kyiv",
    "Washington DC": "United States",
}

_ORG_ALIASES = {
    "Médecins Sans Frontières": "Doctors Without Borders",
    "Medecins Sans Frontieres": "Doctors Without Borders",
    "Israel Defense Forces": "Israeli military",
    "Israel Defence Forces": "Israeli military",
    "United Nations Security Council": "UN Security Council",
    "Federal Reserve Board": "Federal Reserve",
}
_CORP_TAIL = re.compile(r",?\s+(?:inc|corp|co|ltd|llc|plc|ag|sa|gmbh)\.?$")
_OF_HEAD = re.compile(r"^(department|ministry|office|bureau|agency|board) (?:of|for) (?:the )?(\w+(?: \w+)?)$")
_ARMED_TAIL = re.compile(r"\b(?:army|military|armed forces|defen[cs]e forces?)$")


def known_type(words: list[str]) -> str | None:
    return KNOWN.get(" ".join(words))


def place_key(surface: str) -> str:
    return PLACE_ALIASES.get(surface, surface).lower()


_POSSESSIVE_HEAD_RE = re.compile(r"^([^\s']+)'s? ")
_SPACES_RE = re.compile(r"\s+")
_WORD_RE = re.compile(r"\w+")
_INITIAL_WORD_RE = re.compile(r"[\w]+")


@functools.lru_cache(maxsize=8192)  # a pure function of the surface; an article asks for the same few many times
def org_key(surface: str) -> str:
    """A key under which different spellings of one organisation meet."""
    s = surface.replace("’", "'").strip()
    if s[:4].lower() == "the ":
        s = s[4:]
    s = lx.ACRONYMS.get(s) or _ORG_ALIASES.get(s) or s
    m = _POSSESSIVE_HEAD_RE.match(s)
    if m and m.group(1) in gz.COUNTRIES:
        dem = [d for d, c in gz.DEMONYM_OF.items() if c == m.group(1)]
        if dem:
            s = dem[0] + s[m.end() - 1 :]
    s = s.lower()
    s = _OF_HEAD.sub(r"\2 \1", s)  # "Department of Transport" = "Transport Department"
    s = _CORP_TAIL.sub("", s)
    s = _ARMED_TAIL.sub("military", s)
    return _SPACES_RE.sub(" ", s)


def initials(name: str) -> str:
    return "".join(w[0] for w in _INITIAL_WORD_RE.findall(name) if w[0].isupper() and w.lower() not in FUNCTION_WORDS)


def norm_words(s: str) -> list[str]:
    return _WORD_RE.findall(s.lower().replace("’", "'"))


# -- first names ----------------------------------------------------------------------------------
# Given names come from the name dictionary shipped in the ``gender-guesser`` wheel (about 45,000
# names from many countries, each with its gender), read once per process on first need. The
# gazetteer's own short lists stay first: they were checked against news use. Names that are also
# common English words, titles or places are left out: "Will", "Major", "Justice", "Israel".
_NOT_FIRST_NAMES = lx._words("""
Will May Faith Grant Rich Young Long King General Major Judge Justice Chase Hunter Said Hope Love Summer
Bill Art Guy Prince Royal Red East Stone Sun Moon River Forest Sky Star Christian Van Del De Le Al Abu Bin
Abd Sultan Amir Emir Kurd Santa Don Dean Deputy Page Bishop Marshal Earl Duke Baron Count Sterling Rock
Cliff Dale Glen Wood Storm Rain Snow Frost Winter Autumn Spring Dawn Eve Sunny Honey Sugar Candy Joy
Grace Mercy Patience Constance Prudence Charity Unity Liberty Freedom Victory Trinity Destiny Harmony
Iris Ivy Lily Rose Jade Pearl Ruby Amber Crystal Coral Olive Hazel Heather Holly Violet Jasmine Basil
Angel Saint Bishop Pastor Deacon Elder Chief Doctor Nurse Major Colonel Admiral Captain Sergeant
Cheng Long Ha Hu Ma Na Ra Sa Ta Ka La Da Ba Pa Fa Ga Ja San Santo Sao São Los Las El Fort Port Mount Lake Bay Cape
Point Gen One Two Three Ten Hawk Fox Wolf Bear Lion Eagle Crane Swan Dove Robin Jay Drake Lark Wren Hero Kid Boy Man
New Old Big Little Great Royal Noble North South West Western Eastern Central Union Federal Mother Father Sister Brother
""")
_MALE_CODES = frozenset(("M", "1M", "?M"))
_FEMALE_CODES = frozenset(("F", "1F", "?F"))
_first_name_data: tuple[dict[str, str], frozenset[str]] | None = None


_NAME_LINE = re.compile(r"^([MF1?]{1,2}) +([^ <]{3,}) ", re.M)  # gender code, name; "<" marks a special letter


def _load_first_names() -> tuple[dict[str, str], frozenset[str]]:
    """(given name -> "m", "f" or "u" for either; given names that are also places: "Jordan",
    "Georgia"), from gender-guesser's data file; empty without it."""
    try:
        from importlib.resources import files

        raw = files("gender_guesser").joinpath("data/nam_dict.txt").read_bytes().decode("iso-8859-1")
    except (ModuleNotFoundError, FileNotFoundError, OSError):
        raw = ""
    blocked = (
        _NOT_FIRST_NAMES
        | lx.TITLE_WORDS
        | lx.TITLE_HEADS
        | lx.ORG_HEADS
        | lx.CAP_STOPWORDS
        | lx.MONTHS
        | gz.NATIONALITIES
        | frozenset(w for w, t in KNOWN.items() if t != "place")
    )
    out: dict[str, str] = {}
    places: set[str] = set()
    for code, name in _NAME_LINE.findall(raw):
        if name in blocked:
            continue
        if name in gz.PLACES:
            places.add(name)
            continue
        name = name.replace("+", "-")
        g = "m" if code in _MALE_CODES else "f" if code in _FEMALE_CODES else "u"
        had = out.get(name)
        out[name] = g if had is None or had == g else "u"
    for n in gz.MALE_NAMES:
        out[n] = "m"
    for n in gz.FEMALE_NAMES:
        out[n] = "f"
    return out, frozenset(places)


def first_names() -> dict[str, str]:
    """Every known given name with its gender ("m", "f", "u"), loaded once per process."""
    global _first_name_data
    if _first_name_data is None:
        _first_name_data = _load_first_names()
    return _first_name_data[0]


def place_first_names() -> frozenset[str]:
    """Given names that are also places ("Jordan", "Georgia", "Chad"): a person only by context."""
    global _first_name_data
    if _first_name_data is None:
        _first_name_data = _load_first_names()
    return _first_name_data[1]


def is_first_name(word: str) -> bool:
    return word in first_names()


def first_name_gender(word: str) -> str | None:
    """ "m" or "f" for a given name read as one gender, None for others and unknown words."""
    g = first_names().get(word)
    return g if g in ("m", "f") else None
