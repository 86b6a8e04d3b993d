"""Capitalised runs read on their own: the pieces a text's runs of capitalised words make, and what
each distinct run says whatever stands around it (its words, a title and a name, the known names
inside it).

Everything here is a pure function of a run's text, so an article reads each distinct run once
and moves the result to every occurrence: a hostile text repeats a few runs thousands of times.
The rules that look at the words around a run are in ``actors``.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator, Sequence
from typing import NamedTuple

from claims.extraction import gazetteer as gz
from claims.extraction import lexicon as lx
from claims.extraction.names import CHUNK_RE, KNOWN_MAX_TOKENS, first_name_gender, first_names, known_type

Tok = tuple[int, int, str]

_JOIN_ORG = re.compile(r"^ (?:of|for|on|of the|for the|for a|on the|to the|to) $")
_JOIN_NAME = re.compile(r"^ (?:(?:von|van|de|der|den|la|le|da|du|di|del|della|bin|ibn|ben|al|el) )+$")
# The first word of every joint pieces() accepts: _JOIN_ORG, " of (the) ", " the ", " for the ", " and ", _JOIN_NAME
_JOINT_OPENERS = (
    *(f"{w} " for w in lx._words("of for on to the and von van de der den la le da du di del della bin ibn ben al el")),
    "& ",
)
_SKIP_ALONE = lx.CAP_STOPWORDS | lx.MONTHS
_HONORIFICS = lx.MALE_TITLES | lx.FEMALE_TITLES | {"Dr.", "Prof.", "Dr", "Prof"}
CONTEXT_ORG_AFTER = re.compile(
    r"\s+(?:Republicans|Democrats|Speaker|Majority|Minority|floor|committee|vote|members|lawmakers)\b"
)


_KNOWN_NOT_NAMES = ("place", "organization", "nationality")
# Possessives that belong inside a name: "King's College London", "Children's Hospital", "People's Party"
_NAME_POSSESSIVES = lx._words("King Queen Prince Children Women Men People Workers Mother Lady Lord Farmers Veterans")


Piece = tuple[int, tuple[Tok, ...]]  # (start in the text, tokens with offsets relative to it)


def _chunk_pieces(chunk: str) -> tuple[Piece, ...]:
    """One capitalised run cut after possessives and at months, as (offset in the run, tokens
    relative to that offset): a pure function of the run's text, so each distinct run is cut
    once per article and its pieces shared by every occurrence."""
    out: list[Piece] = []
    cur: list[Tok] = []

    def cut() -> None:
        base = cur[0][0]
        out.append((base, tuple((a - base, b - base, w) for a, b, w in cur)))

    pos = 0
    for w in chunk.replace("\u00a0", " ").split(" "):
        tok = (pos, pos + len(w), w)
        pos += len(w) + 1
        if w in lx.MONTHS or (not cur and w in lx.CAP_STOPWORDS):
            if cur:
                cut()
            cur = []
            continue
        last = cur[-1][2] if cur else ""
        if len(last) == 2 and last[1] == "." and known_type([bare(w)]) in _KNOWN_NOT_NAMES:
            cut()  # "... wrote on X. Australia and Canada": a sentence ends after X
            cur = []
        cur.append(tok)
        if len(w) > 2 and w[-2] in "’'" and w[-1] == "s" and w[:-2] not in _NAME_POSSESSIVES:
            cut()
            cur = []
    if cur:
        cut()
    return tuple(out)


def pieces(text: str) -> Iterator[Piece]:
    """Capitalised runs, cut after possessives and at months, joined across 'of', 'for a', 'bin'."""
    cuts: dict[str, tuple[Piece, ...]] = {}  # a hostile text repeats a few runs thousands of times
    last: Piece | None = None  # the piece the next one may still join
    for m in CHUNK_RE.finditer(text):
        chunk = m.group()
        if chunk in _SKIP_ALONE:  # most runs are one opening word: "The", "But", "Monday"
            continue
        rel = cuts.get(chunk)
        if rel is None:
            rel = cuts[chunk] = _chunk_pieces(chunk)
        base = m.start()
        for off, toks in rel:
            ps = base + off
            if last is not None:
                pb, prev = last
                pe = pb + prev[-1][1]
                # every joint is a space, then one of the words it can open with and a space
                if (
                    ps - pe >= 3
                    and text[pe] == " "
                    and text.startswith(_JOINT_OPENERS, pe + 1)
                    and _joins(prev, text[pe:ps], toks)
                ):
                    shift = ps - pb
                    last = (pb, prev + tuple((a + shift, b + shift, w) for a, b, w in toks))
                    continue
                yield last
            last = (ps, toks)
    if last is not None:
        yield last


def _joins(prev: Sequence[Tok], gap: str, toks: Sequence[Tok]) -> bool:
    """Whether the piece toks goes on the name in prev across the lower-case words of gap."""
    last = prev[-1][2]
    return (
        len(prev) < 10
        and not _possessive(last)
        and bool(
            (_JOIN_ORG.match(gap) and (last in lx.JOIN_HEADS or last in lx.TITLE_HEADS) and len(toks) <= 5)
            or (gap in _CAUSE_GAPS and len(prev) == 1 and plural_agent(last) and len(toks) <= 4)
            or (gap in (" of ", " of the ") and len(toks) <= 3 and _org_so_far(prev) and toks[0][2] not in gz.PLACES)
            or _JOIN_NAME.match(gap)
            or (gap == " & " and len(toks) <= 3)  # "Pacific Gas & Electric", "Procter & Gamble"
            or (gap in (" the ", " of the ", " for the ") and _known_across(prev, gap, toks))
            # "Hostages and Missing Families Forum"; not two companies, "Pellham and Osgood Media"
            or (
                gap == " and "
                and bare(toks[-1][2]) in lx.ORG_HEADS
                and (
                    (last.endswith("s") and _plain_words(prev))
                    or (bare(toks[-1][2]) in _PUBLIC_HEADS and _plain_words(prev, 5))
                )
            )
        )
    )


# Heads of public bodies named "X and Y ...": "Fish and Wildlife Service"; a company's "Media" or "Group"
# after "and" more often ends a list of two companies ("Pellham and Osgood Media")
_PUBLIC_HEADS = lx._words("""
Service Services Administration Department Agency Commission Protection Forum Council Committee Bureau
Office Authority Ministry Institute Foundation Association Board Survey Directorate Inspectorate
""")
# "Nurses for Safe Shelters", "Parents Against Closures": people named by what they campaign for
_CAUSE_GAPS = (" for ", " against ", " without ", " for a ", " for the ")
_PLURAL_PEOPLE = lx._words("citizens parents families friends women mothers fathers veterans neighbours neighbors")


def plural_agent(w: str) -> bool:
    """A capitalised plural noun for people: "Doctors", "Nurses", "Parents"."""
    low = w.lower()
    return low in _PLURAL_PEOPLE or (low.endswith("s") and low[:-1] in lx.ROLE_NOUNS)


def _known_across(prev: Sequence[Tok], gap: str, p: Sequence[Tok]) -> bool:
    """'Save the Children': a known name that holds a lower-case word."""
    words = [t[2] for t in prev[-3:]] + gap.split() + [t[2] for t in p[:3]]
    return any(
        known_type(words[i:j]) == "organization"
        for i in range(0, min(3, len(prev)))
        for j in range(len(words), len(words) - min(3, len(p)), -1)
    )


def _org_so_far(prev: Sequence[Tok]) -> bool:
    """'Office for the Coordination' (then 'of Humanitarian Affairs'): a name already joined across
    'for'/'of' after an organisation head goes on across a further 'of'."""
    words = [t[2] for t in prev]
    return len(words) >= 2 and any(w in lx.ORG_HEADS for w in words[:-1]) and words[-1] not in lx.ORG_HEADS


def _plain_words(toks: Sequence[Tok], most: int = 3) -> bool:
    """Capitalised words that name nothing on their own: "Hostages" in "Hostages and Missing Families Forum"."""
    words = [t[2] for t in toks if t[2] not in lx.CAP_STOPWORDS]
    return bool(words) and len(words) <= most and all(known_type([w]) is None and w not in first_names() for w in words)


def _possessive(w: str) -> bool:
    return len(w) > 2 and w[-2] in "’'" and w[-1] == "s"


def bare(w: str) -> str:
    return w[:-2] if _possessive(w) else w


def _words_of(toks: Sequence[Tok]) -> list[str]:
    return [bare(t[2]) for t in toks]


def _span(text: str, toks: Sequence[Tok]) -> tuple[int, int, str]:
    s, e = toks[0][0], toks[-1][1]
    if _possessive(toks[-1][2]):
        e -= 2
    return s, e, text[s:e]


def _known_runs(words: list[str]) -> list[tuple[int, int, str]]:
    """(i, j, type) of the longest known entries in words, left to right."""
    out = []
    i = 0
    while i < len(words):
        for j in range(min(len(words), i + KNOWN_MAX_TOKENS), i, -1):
            t = known_type(words[i:j])
            if t:
                out.append((i, j, t))
                i = j
                break
        else:
            i += 1
    return out


def _gender(words: list[str], title: list[str]) -> str | None:
    if any(t in lx.MALE_TITLES for t in title):
        return "m"
    if any(t in lx.FEMALE_TITLES for t in title):
        return "f"
    return first_name_gender(words[0]) if words else None


_NOUN_ENDINGS = ("tion", "tions", "ment", "ments", "ship", "ity", "ities", "ness", "ism")


def _split_title(words: list[str], gaps: list[bool]) -> int | None:
    """Index where the name starts after a title ("Foreign Minister Israel Katz" -> 3), or None.

    gaps[i] tells whether lowercase joiners ("of the") stand before words[i].
    """
    # a title word ending the run names no one after it: "Economist Laura King" has its name's last word
    last = len(words) - 1
    heads = [i for i, w in enumerate(words) if (w in lx.TITLE_HEADS or (i == 0 and w.lower() in lx.ROLE_NOUNS))]
    if len(heads) > 1 and heads[-1] == last and heads[-2] < last - 1 and words[last - 1] in first_names():
        heads.pop()
    if not heads:
        return None
    i = heads[-1] + 1
    joined = False
    while i < len(words):
        w = words[i]
        if gaps[i]:
            joined = True
        title_word = w in lx.TITLE_WORDS and w not in lx.TITLE_HEADS
        if title_word or (joined and len(words) - i > 2 and w not in first_names()):
            i += 1
        else:
            break
    rest = words[i:]
    if not rest or len(rest) > 4 or any(w in lx.ORG_HEADS for w in rest):
        return None
    if rest[-1].endswith(_NOUN_ENDINGS) and rest[0] not in first_names():
        return None  # "General Coordination", "Supreme Leadership": an abstract noun, not a surname
    if gaps[i] and rest[0] not in first_names():
        return None  # "MP for Hull West", "Envoy to the Sahel Region": what the title is for, not a name
    if len(rest) == 1 and known_type(rest) in ("place", "organization", "nationality"):
        return None
    if known_type(rest) in ("place", "organization"):
        return None
    return i


RelSpan = tuple[str, int, int, str]  # (type, start, end, surface), offsets relative to a run's start
_ORG_OR_PLACE = ("organization", "place")


def _rel_spans(
    key: str, toks: Sequence[Tok], runs: list[tuple[int, int, str]], types: tuple[str, ...], limit: int
) -> list[RelSpan]:
    """The known runs of the given types ending before word ``limit``: toks and spans relative to key."""
    out = []
    for i, j, t in runs:
        if t in types and j < limit:
            out.append((t, *_span(key, toks[i:j])))
    return out


_ACRONYM_RE = re.compile(r"[A-Z]{2,5}s?")


class _Title(NamedTuple):
    """A title and a name ("Foreign Minister Israel Katz"), offsets relative to the run."""

    start: int  # of the name
    end: int
    name: str
    desc: str  # the title words, as written
    honorific: bool  # every title word is an honorific: "Mr.", "Dr"
    first_honorific: bool
    known: list[RelSpan]  # organisations and places named in the title
    org: RelSpan | None  # "Apple Inc." in "Apple Inc. Chief Executive Tim Cook"
    title_form: str
    gender: str | None


class _Plain(NamedTuple):
    """The word facts a run without a title is read by, offsets relative to the run."""

    org_name: bool  # an organisation's name: "Council of Economic Advisers", "Supreme Court"
    org_head: bool  # one word that heads organisations: an organisation when the words before say so
    place_name: bool  # "Gaza Strip", "Red Sea"
    acronym: bool  # "IAEA", "NGOs"
    acronym_place: bool  # "KYIV"
    long: bool  # four letters or more
    possessive: bool
    famous: bool  # a surname that names one person: "Netanyahu"
    first_name: bool
    org_ok: bool  # short enough, and not a first name, to be an organisation by context
    unnamed: bool  # too long, or holding a stopword, to be a person's name
    strong: bool  # a first name or an initial: a person
    org_runs: list[RelSpan]  # organisations named inside it but not at its end: when it names one
    runs: bool  # known names inside the run
    known: list[RelSpan]  # the organisations and places among them
    gender: str | None


class Run:
    """What a capitalised run says on its own, whatever stands around it: its words, title and name,
    the known names inside it. A pure function of the run's text (``key``) and its tokens (offsets
    relative to the key), so each distinct run of an article is worked out once (a hostile text
    repeats a few runs thousands of times) and its spans moved to each occurrence. The parts only
    some runs need are worked out on first need."""

    __slots__ = (
        "cut",
        "e",
        "gaps",
        "k",
        "key",
        "known",
        "kt",
        "plain",
        "s",
        "skip",
        "surface",
        "the_org",
        "title",
        "toks",
        "words",
    )

    def __init__(self, key: str, toks: Sequence[Tok]) -> None:
        self.key = key
        self.known: list[RelSpan] | None = None  # for a run read for its known names alone
        self.title: _Title | None = None
        self.plain: _Plain | None = None
        self.words: list[str] = []
        self.cut: int | None = None
        if len(toks) > 12:  # a heading or a list of names, not one name: look at known names only
            self.k = -1
            self.known = _rel_spans(key, toks, _known_runs(_words_of(toks)), _ORG_OR_PLACE, len(toks) + 1)
            return
        words = _words_of(toks)
        k = 0
        while k < len(words) and (words[k] in lx.CAP_STOPWORDS or words[k] in lx.MONTHS):
            k += 1
        self.k = k  # leading stopwords and months
        toks, words = toks[k:], words[k:]
        self.toks = toks
        self.words = words
        if not toks:
            return
        self.s, self.e, self.surface = _span(key, toks)
        # "Save the Children", joined across "the"
        self.the_org = len(toks) > 1 and " the " in self.surface and known_type(self.surface.split()) == "organization"
        self.skip = False
        if len(toks) == 1:
            w = words[0]
            self.skip = len(w) == 1 or w in lx.TITLE_HEADS or w.lower() in lx.ROLE_NOUNS
            self.gaps = [False]
        else:
            self.gaps = [False] + [key[a[1] : b[0]] != " " for a, b in itertools.pairwise(toks)]
            self.cut = _split_title(words, self.gaps)
        self.kt = known_type(words)
        if self.cut == 0:  # a title alone: "the President", "the UN Secretary-General"
            self.known = _rel_spans(key, toks, _known_runs(words), _ORG_OR_PLACE, len(toks) + 1)

    def title_part(self) -> _Title:
        if self.title is None:
            key, toks = self.key, self.toks
            cut = self.cut or 0
            title_words = self.words[:cut]
            name_toks = toks[cut:]
            ns, ne, name = _span(key, name_toks)
            k = next((i for i, w in enumerate(title_words) if w in lx.TITLE_WORDS), 0)
            org = None
            if k > 1 and title_words[k - 1] in lx.ORG_HEADS:  # "Apple Inc. Chief Executive Tim Cook"
                org = ("organization", *_span(key, toks[:k]))
            self.title = _Title(
                ns,
                ne,
                name,
                key[self.s : name_toks[0][0]].strip(),
                all(w in _HONORIFICS for w in title_words),
                title_words[0] in _HONORIFICS,
                _rel_spans(key, toks, _known_runs(title_words), _ORG_OR_PLACE, cut + 1),
                org,
                key[self.s : ne],
                _gender(_words_of(name_toks), title_words),
            )
        return self.title

    def plain_part(self) -> _Plain:
        if self.plain is None:
            key, toks, words = self.key, self.toks, self.words
            n = len(words)
            w = words[0]
            any_org_head = any(w in lx.ORG_HEADS for w in words)
            joined_org = any(g and words[i - 1] in lx.JOIN_HEADS for i, g in enumerate(self.gaps) if i)
            if n == 1:
                runs: list[tuple[int, int, str]] = []
                org_runs: list[RelSpan] = []
                acronym = bool(_ACRONYM_RE.fullmatch(w)) and w.removesuffix("s") not in lx.NON_ORG_ACRONYMS
            else:
                # known names inside a longer run: "House Republicans", "Virginia Democrat"
                runs = _known_runs(words)
                for i, (a, b, t) in enumerate(runs):
                    if t == "context_org" and b < n and CONTEXT_ORG_AFTER.match(" " + words[b]):
                        runs[i] = (a, b, "organization")
                # organisations named inside a longer organisation's name, but not at its end
                org_runs = _rel_spans(key, toks, _known_runs(words[:-1]), ("organization",), n - 1)
                acronym = False
            self.plain = _Plain(
                joined_org or (any_org_head and n > 1) or (n > 1 and self.gaps[1] and plural_agent(w)) or " & " in key,
                any_org_head and n == 1,
                words[-1] in gz.PLACE_HEADS and n > 1,
                acronym,
                w.title() in gz.PLACES,
                len(w) >= 4,
                _possessive(toks[0][2]),
                w in lx.FAMOUS_SURNAMES,
                w in first_names(),
                n <= 6 and w not in first_names(),
                n > 4 or any(w in lx.CAP_STOPWORDS for w in words),
                w in first_names() or any(len(w) == 2 and w.endswith(".") for w in words),
                org_runs,
                bool(runs),
                _rel_spans(key, toks, runs, _ORG_OR_PLACE, n + 1),
                _gender(words, []),
            )
        return self.plain
