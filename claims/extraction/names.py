"""Regexes and small helpers for capitalised names, shared by the actor and speaker rules."""

from __future__ import annotations

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
_ARMED_TAIL = re.compile(r"\b(?:army|military|armed forces|defen[cs]e forces?)$")


def known_type(words: list[str]) -> str | None:
    return KNOWN.get(" ".join(words))


def place_key(surface: str) -> str:
    return PLACE_ALIASES.get(surface, surface).lower()


def org_key(surface: str) -> str:
    """A key under which different spellings of one organisation meet."""
    s = surface.replace("’", "'").strip()
    if s[:4].lower() == "the ":
        s = s[4:]
    s = lx.ACRONYMS.get(s) or _ORG_ALIASES.get(s) or s
    m = re.match(r"^([^\s']+)'s? ", s)
    if m and m.group(1) in gz.COUNTRIES:
        dem = [d for d, c in gz.DEMONYM_OF.items() if c == m.group(1)]
        if dem:
            s = dem[0] + s[m.end() - 1 :]
    s = s.lower()
    s = _CORP_TAIL.sub("", s)
    s = _ARMED_TAIL.sub("military", s)
    return re.sub(r"\s+", " ", s)


def initials(name: str) -> str:
    return "".join(w[0] for w in re.findall(r"[\w]+", name) if w[0].isupper() and w.lower() not in FUNCTION_WORDS)


def norm_words(s: str) -> list[str]:
    return re.findall(r"\w+", s.lower().replace("’", "'"))
