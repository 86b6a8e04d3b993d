"""Actors: people, organisations and places named in an article, each once, with mentions.

Candidates come from capitalised word runs ("chunks"), read with word lists: titles split a
descriptor from a name ("US Secretary of State Antony Blinken"), organisation heads make an
organisation ("Council of Economic Advisers", "Israeli army"), the gazetteer makes places,
first names and the surrounding words ("analyst X", "X, a member of", "said X") make people.
Surnames, first names and acronyms seen elsewhere become further mentions of the same actor.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator, Sequence
from typing import NamedTuple

from claims.extraction import gazetteer as gz
from claims.extraction import lexicon as lx
from claims.extraction.clusters import cluster
from claims.extraction.names import (
    CAPTOK,
    CAPTOK_RE,
    CHUNK_RE,
    FUNCTION_WORDS,
    KNOWN_MAX_TOKENS,
    known_type,
)
from claims.extraction.table import ActorTable, Cand

Tok = tuple[int, int, str]

_JOIN_ORG = re.compile(r"^ (?:of|for|on|of the|for the|for a|on the|to the|to) $")
_JOIN_NAME = re.compile(r"^ (?:(?:von|van|de|der|den|la|le|da|du|di|del|della|bin|ibn|ben|al|el) )+$")
# The first word of every joint _pieces accepts: _JOIN_ORG, " of (the) ", " the ", " for the ", " and ", _JOIN_NAME
_JOINT_OPENERS = tuple(
    f"{w} " for w in lx._words("of for on to the and von van de der den la le da du di del della bin ibn ben al el")
)


def _firsts(*words: Iterable[str]) -> str:
    """A character class of the letters the words start with. Put in a lookahead before a long list of
    alternatives, it lets the regex engine pass over positions where none can start, instead of trying
    each alternative there: the same matches, found several times faster."""
    return "[" + "".join(sorted({re.escape(w[0]) for ws in words for w in ws})) + "]"


_ROLES = lx.ROLE_NOUNS | {"member", "members"}
_ROLE_ALT = "|".join(sorted((re.escape(w) for w in _ROLES), key=len, reverse=True))
_ROLE_BEFORE = re.compile(rf"(?={_firsts(_ROLES)})\b(?:{_ROLE_ALT})\s$")
_ROLE_COMMA_BEFORE = re.compile(rf"(?={_firsts(_ROLES)})\b(?:{_ROLE_ALT})\s*,\s$")
_APPOS_AFTER = re.compile(rf",\s+(?:(?:a|an|the|its|his|her)\s+)?(?:[\w\-’'.]+\s+){{0,4}}?(?:{_ROLE_ALT})\b")
_VERB_ALT = "|".join(sorted((re.escape(v) for v in lx.REPORTING_VERBS), key=len, reverse=True))
_AUX_ALT = "|".join(re.escape(a) for a in lx.AUX_ADVERBS)
_VERB_AFTER = re.compile(
    rf"\s+(?={_firsts(lx.AUX_ADVERBS, lx.REPORTING_VERBS)})(?:(?:{_AUX_ALT})\s+){{0,2}}(?:{_VERB_ALT})\b"
)
_VERB_BEFORE_LAST = ("said", "says", "added", "according to", "wrote", "warned")  # text ends so when it matches
_VERB_BEFORE = re.compile(rf"(?={_firsts(_VERB_BEFORE_LAST)})\b(?:said|says|added|according to|wrote|warned)\s+$")
_ORG_CONTEXT = re.compile(
    r"(?=[acdefghlmoprsw])"  # the first letters of the words below: see _firsts
    r"\b(?:founder|co-founder|director|head|chief|members?|chairman|chairwoman|president|spokes(?:man|woman|person)"
    r"|fellow|economist|professor|researcher|analyst|scientist|lawyer|officials?|executive|leader|works|worked"
    r"|studied|student|graduate|staff|employee|partner)\s+(?:of|at|for|with)\s+(?:the\s+)?$"
)
_HEAD_ALT = "|".join(sorted((re.escape(h) for h in lx.ORG_LOWER_HEADS), key=len, reverse=True))
_MOD_ALT = "|".join(re.escape(m) for m in lx.ORG_LOWER_MODS)
_LOWER_ORG = re.compile(
    rf"(?:-run|-led|-backed|[’']s)?\s+(?={_firsts(lx.ORG_LOWER_MODS, lx.ORG_LOWER_HEADS)})"
    rf"((?:(?:{_MOD_ALT})\s+){{0,2}})({_HEAD_ALT})\b(?![\-’'])"
)
_LOWER_ORG_EXT = re.compile(r"\s+(?:on|for)\s+(?:[A-Z]\w+\s+)?[a-z]+s\b")
_PLACE_ALT = "|".join(sorted((re.escape(h) for h in gz.PLACE_LOWER_HEADS), key=len, reverse=True))
_PLACE_AFTER = re.compile(rf"\s+(?={_firsts(gz.PLACE_LOWER_HEADS)})(?:{_PLACE_ALT})\b")
_DATELINE_ORG = re.compile(rf"\(({CAPTOK}(?:\s{CAPTOK})*(?:\s\d+)?)\)")
_MONTH_ALT = "|".join(sorted(lx.MONTHS, key=len, reverse=True))
# "WASHINGTON", "Khartoum, 8 October", "PARIS, March 3": what stands before "(Reuters)"
_DATELINE_HEAD = re.compile(
    rf"^\s*(?:[A-Z][A-Z .'\-]+|{CAPTOK}(?: {CAPTOK})?)"
    rf"(?:,?\s*(?:\d{{1,2}}\s+(?:{_MONTH_ALT})|(?:{_MONTH_ALT})\.?\s+\d{{1,2}}|\d{{4}}|\d{{1,2}})){{0,2}}\s*$"
)
_CONTEXT_ORG_AFTER = re.compile(
    r"\s+(?:Republicans|Democrats|Speaker|Majority|Minority|floor|committee|vote|members|lawmakers)\b"
)
_DESC_WORD = re.compile(r"[\w\-’'.]+")


def _tokens(text: str, start: int, end: int) -> list[Tok]:
    return [(m.start(), m.end(), m.group()) for m in CAPTOK_RE.finditer(text, start, end)]


_SKIP_ALONE = lx.CAP_STOPWORDS | lx.MONTHS
_AGE_AFTER = re.compile(r",\s+\d{1,3},")  # "Umm Mohammed, 52, said"
_HONORIFICS = lx.MALE_TITLES | lx.FEMALE_TITLES | {"Dr.", "Prof.", "Dr", "Prof"}
_OWNER_BEFORE = re.compile(rf"{CAPTOK}[’']s $")
_OWNER_RUN_BEFORE = re.compile(rf"({CAPTOK}(?:[’']s|-run|-led))\s$")
_CONTEXT_PREPS = ("of ", "at ", "for ", "with ", "the ")


_ORG_NOUN_BEFORE = re.compile(  # "[Tt](?<!\w[Tt])he" is "\b[Tt]he", scanned for fast
    r"[Tt](?<!\w[Tt])he\s+(?:[a-z][a-z\-]+\s+){0,2}(?:group|consultancy|charity|firm|company|broadcaster|newspaper|"
    r"watchdog|think\s+tank|non-?profit|militia|agency|daily|carrier|airline|lender|insurer|manufacturer|"
    r"faction|organi[sz]ation|NGO|outlet|website|network)\s$"
)
_ORG_NOUN_ENDS = tuple(  # how each noun of _ORG_NOUN_BEFORE ends
    lx._words("""
group consultancy charity firm company broadcaster newspaper watchdog tank profit militia agency daily carrier
airline lender insurer manufacturer faction organisation organization NGO outlet website network
""")
)


def _org_context(text: str, s: int) -> bool:
    """'founder of X', 'a fellow at the X', 'the shipping consultancy X': the words before s make X an
    organisation."""
    # _ORG_NOUN_BEFORE ends in a noun and one space (or a space and a newline): looked for only then
    if (
        text.endswith(_ORG_NOUN_ENDS, 0, s - 1) or (text[s - 1 : s] == "\n" and text.endswith(_ORG_NOUN_ENDS, 0, s - 2))
    ) and _ORG_NOUN_BEFORE.search(text, max(0, s - 50), s):
        return True
    return text[max(0, s - 5) : s].endswith(_CONTEXT_PREPS) and bool(_ORG_CONTEXT.search(text, max(0, s - 40), s))


_KNOWN_NOT_NAMES = ("place", "organization", "nationality")


Piece = tuple[int, tuple[Tok, ...]]  # (start in the text, tokens with offsets relative to it)


def _chunk_pieces(chunk: str) -> tuple[Piece, ...]:
    """One capitalised run cut after possessives and at months, as (offset in the run, tokens
    relative to that offset): a pure function of the run's text, so each distinct run is cut
    once per article and its pieces shared by every occurrence."""
    pieces: list[Piece] = []
    cur: list[Tok] = []

    def cut() -> None:
        base = cur[0][0]
        pieces.append((base, tuple((a - base, b - base, w) for a, b, w in cur)))

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
        if len(last) == 2 and last[1] == "." and known_type([_bare(w)]) in _KNOWN_NOT_NAMES:
            cut()  # "... wrote on X. Australia and Canada": a sentence ends after X
            cur = []
        cur.append(tok)
        if len(w) > 2 and w[-2] in "’'" and w[-1] == "s":
            cut()
            cur = []
    if cur:
        cut()
    return tuple(pieces)


def _pieces(text: str) -> Iterator[Piece]:
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
                    ps - pe >= 4
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
            or (gap in (" of ", " of the ") and len(toks) <= 3 and _org_so_far(prev) and toks[0][2] not in gz.PLACES)
            or _JOIN_NAME.match(gap)
            or (gap in (" the ", " of the ", " for the ") and _known_across(prev, gap, toks))
            or (gap == " and " and _bare(toks[-1][2]) in lx.ORG_HEADS and _plain_words(prev))
        )
    )


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


def _plain_words(toks: Sequence[Tok]) -> bool:
    """Capitalised words that name nothing on their own: "Hostages" in "Hostages and Missing Families Forum"."""
    words = [t[2] for t in toks if t[2] not in lx.CAP_STOPWORDS]
    return bool(words) and len(words) <= 3 and all(known_type([w]) is None and w not in gz.FIRST_NAMES for w in words)


def _possessive(w: str) -> bool:
    return len(w) > 2 and w[-2] in "’'" and w[-1] == "s"


def _bare(w: str) -> str:
    return w[:-2] if _possessive(w) else w


def _words_of(toks: Sequence[Tok]) -> list[str]:
    return [_bare(t[2]) for t in toks]


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


def _back_descriptor(text: str, start: int) -> str | None:
    """Role words right before a name: 'UN aid chief', 'Israel’s national security adviser',
    'The UN chief, Antonio Guterres'."""
    if text[max(0, start - 2) : start] == ", ":
        window = text[max(0, start - 72) : start - 2] + " "
    else:
        window = text[max(0, start - 70) : start]
    if not window.endswith(" ") or window.endswith("  "):
        return None
    keep: list[str] = []
    for w in reversed(window.split()[-4:]):
        if (
            (w.islower() and w in FUNCTION_WORDS)
            or w in ("The", "A", "An")
            or (w.endswith(".") and len(w) > 4)
            or not _DESC_WORD.fullmatch(w)
            or (w[0].isupper() and w in lx.CAP_STOPWORDS)
        ):
            break
        keep.append(w)
    keep.reverse()
    if keep and any(w.lower() in lx.ROLE_NOUNS or w in lx.TITLE_HEADS for w in keep):
        return " ".join(keep)
    return None


def _appositive(text: str, end: int) -> str | None:
    m = _APPOS_AFTER.match(text, end, min(len(text), end + 90))
    if not m:
        return None
    stop = re.search(r"[,.;:“”\"()\n]|\s(?:said|says|told|who)\b", text[m.start() + 1 : m.start() + 120])
    tail = text[m.start() + 1 : m.start() + 1 + (stop.start() if stop else 90)].strip()
    return tail or None


def _gender(words: list[str], title: list[str]) -> str | None:
    if any(t in lx.MALE_TITLES for t in title):
        return "m"
    if any(t in lx.FEMALE_TITLES for t in title):
        return "f"
    if words and words[0] in gz.MALE_NAMES:
        return "m"
    if words and words[0] in gz.FEMALE_NAMES:
        return "f"
    return None


_NOUN_ENDINGS = ("tion", "tions", "ment", "ments", "ship", "ity", "ities", "ness", "ism")


def _split_title(words: list[str], gaps: list[bool]) -> int | None:
    """Index where the name starts after a title ("Foreign Minister Israel Katz" -> 3), or None.

    gaps[i] tells whether lowercase joiners ("of the") stand before words[i].
    """
    heads = [i for i, w in enumerate(words) if w in lx.TITLE_HEADS or (i == 0 and w.lower() in lx.ROLE_NOUNS)]
    if not heads:
        return None
    i = heads[-1] + 1
    joined = False
    while i < len(words):
        w = words[i]
        if gaps[i]:
            joined = True
        title_word = w in lx.TITLE_WORDS and w not in lx.TITLE_HEADS
        if title_word or (joined and len(words) - i > 2 and w not in gz.FIRST_NAMES):
            i += 1
        else:
            break
    rest = words[i:]
    if not rest or len(rest) > 4 or any(w in lx.ORG_HEADS for w in rest):
        return None
    if rest[-1].endswith(_NOUN_ENDINGS) and rest[0] not in gz.FIRST_NAMES:
        return None  # "General Coordination", "Supreme Leadership": an abstract noun, not a surname
    if gaps[i] and rest[0] not in gz.FIRST_NAMES:
        return None  # "MP for Hull West", "Envoy to the Sahel Region": what the title is for, not a name
    if len(rest) == 1 and known_type(rest) in ("place", "organization", "nationality"):
        return None
    if known_type(rest) in ("place", "organization"):
        return None
    return i


_NEXT_WORD = re.compile(r"\s+([a-z][\w\-’']*)")
_VERBISH = (
    FUNCTION_WORDS
    | lx.REPORTING_VERBS
    | lx.AUX_ADVERBS
    | lx.ROLE_NOUNS
    | lx._words("""
source sources officials spokesperson also which who that not did does has is was were will would could may
""")
)
_HEAD_COMPOUNDS = lx._words("""
operation operations campaign offensive action actions strike strikes raid raids assault presence base bases
court courts equipment aid spending budget service plan plans policy policies vehicle vehicles aircraft jets
drone drones intelligence personnel building buildings headquarters facility facilities officer officers
target targets leadership response pressure failure control deployment exercise exercises troops soldiers
forces units unit rule junta bulldozers tanks convoy convoys post posts checkpoint checkpoints zone zones
data figures figure statement statements records record website channel account sources source order orders
""")
_COMPOUND_NOUNS = lx._words(
    "bonds bond note notes yields yield bills securities market markets prices price rates rate"
)


def _clause_goes_on(text: str, end: int) -> bool:
    """After 'Israeli army': a verb or role noun ('launched', 'spokesperson'), not a noun ('operation')."""
    m = _NEXT_WORD.match(text, end)
    if not m:
        return True
    w = m.group(1)
    if w in _VERBISH:
        return True
    return w not in _HEAD_COMPOUNDS and not w.endswith("ing")


# A role noun right before a name ends at most this far before it ("... commander-in-chief \n").
_ROLE_REACH = max(len(w) for w in lx.ROLE_NOUNS | {"member", "members"}) + 2


def _role_before(text: str, s: int) -> bool:
    """_ROLE_BEFORE on the 60 characters before s, searched only where a match can start."""
    return bool(_ROLE_BEFORE.search(text, max(0, s - min(60, _ROLE_REACH)), s))


def _person_context(text: str, s: int, e: int, n_words: int) -> bool:
    """Words around an unknown name that make it a person: 'X, a member of', 'said X' (and 'analyst X',
    which _analyse has checked with _role_before before it asks)."""
    if _APPOS_AFTER.match(text, e, min(len(text), e + 90)):
        return True
    if n_words < 2:
        return False
    before = text[max(0, s - 60) : s]
    # each search below tries every position of before: skipped when before cannot end as it needs
    return bool(
        _VERB_AFTER.match(text, e, min(len(text), e + 40))
        or (before.rstrip().endswith(_VERB_BEFORE_LAST) and _VERB_BEFORE.search(before))
        or ("," in before[-3:] and _ROLE_COMMA_BEFORE.search(before))  # ",\s" ends it, or ",\s\n"
    )


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


class _Run:
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
                acronym = bool(re.fullmatch(r"[A-Z]{2,5}s?", w)) and w not in lx.NON_ORG_ACRONYMS
            else:
                # known names inside a longer run: "House Republicans", "Virginia Democrat"
                runs = _known_runs(words)
                for i, (a, b, t) in enumerate(runs):
                    if t == "context_org" and b < n and _CONTEXT_ORG_AFTER.match(" " + words[b]):
                        runs[i] = (a, b, "organization")
                # organisations named inside a longer organisation's name, but not at its end
                org_runs = _rel_spans(key, toks, _known_runs(words[:-1]), ("organization",), n - 1)
                acronym = False
            self.plain = _Plain(
                joined_org or (any_org_head and n > 1),
                any_org_head and n == 1,
                words[-1] in gz.PLACE_HEADS and n > 1,
                acronym,
                w.title() in gz.PLACES,
                len(w) >= 4,
                _possessive(toks[0][2]),
                w in lx.FAMOUS_SURNAMES,
                w in gz.FIRST_NAMES,
                n <= 6 and w not in gz.FIRST_NAMES,
                n > 4 or any(w in lx.CAP_STOPWORDS for w in words),
                w in gz.FIRST_NAMES or any(len(w) == 2 and w.endswith(".") for w in words),
                org_runs,
                bool(runs),
                _rel_spans(key, toks, runs, _ORG_OR_PLACE, n + 1),
                _gender(words, []),
            )
        return self.plain


def _analyse(
    text: str, base: int, toks: tuple[Tok, ...], cands: list[Cand], first_para_end: int, seen: dict[str, _Run]
) -> None:
    """The candidates one run at ``base`` makes (toks relative to base); ``seen`` holds the runs read."""
    # Its tokens are a function of its text: the words holding a capital, between spaces or joints.
    key = text[base : base + toks[-1][1]]
    run = seen.get(key)
    if run is None:
        run = seen[key] = _Run(key, toks)
    if run.k < 0:
        for t, a, b, surf in run.known or ():
            cands.append(Cand(t, base + a, base + b, surf))
        return
    words = run.words
    if not words:
        return
    s, e, surface = base + run.s, base + run.e, run.surface
    # dateline credit: "Khartoum, 8 October (Darfur 24)"
    if s < first_para_end and text[s - 1 : s] == "(" and s < 200 and _DATELINE_HEAD.match(text[: s - 1]):
        m = _DATELINE_ORG.match(text, s - 1)
        if m:
            cands.append(Cand("organization", m.start(1), m.end(1), m.group(1)))
            return
    if run.the_org:
        cands.append(Cand("organization", s, e, surface))  # "Save the Children", joined across "the"
        return
    if run.skip:
        return  # a lone letter or a title without a name: "Q", "Minister"
    cut = run.cut
    if cut == 0:  # a title alone: "the President", "the UN Secretary-General"
        for t, a, b, surf in run.known or ():
            cands.append(Cand(t, base + a, base + b, surf))
        return
    if cut is not None:
        ti = run.title_part()
        ns, ne = base + ti.start, base + ti.end
        desc: str | None = ti.desc
        if ti.honorific:
            desc = _appositive(text, ne)
        back = _back_descriptor(text, s)
        owner = _OWNER_BEFORE.search(text, max(0, s - 40), s) if text[s - 3 : s] in ("’s ", "'s ") else None
        if back and desc:
            desc = f"{back} {desc}"
        elif back and not desc:
            desc = back
        elif owner and desc and not ti.first_honorific:
            desc = f"{owner.group(0)}{desc}"
        for t, a, b, surf in ti.known:
            cands.append(Cand(t, base + a, base + b, surf))
        if ti.org:
            t, a, b, surf = ti.org
            cands.append(Cand(t, base + a, base + b, surf))
        cands.append(Cand("person", ns, ne, ti.name, desc, ti.title_form, ti.gender))
        return
    tail = text[e : e + 40]
    lower = _LOWER_ORG.match(text, e)
    if lower and words[0] not in lx.CAP_STOPWORDS and _clause_goes_on(text, lower.end()):
        oe = lower.end()
        ext = _LOWER_ORG_EXT.match(text, oe)
        if ext and lower.group(2) in ("agency", "committee", "commission", "council"):
            oe = ext.end()
        owner = re.sub(r"-(?:run|led|backed)$", "", words[-1])
        kt = known_type([*words[:-1], owner])
        if kt == "organization":
            cands.append(
                Cand(
                    "organization",
                    s,
                    s + len(" ".join([*words[:-1], owner])),
                    text[s : s + len(" ".join([*words[:-1], owner]))],
                )
            )
        cands.append(Cand("organization", s, oe, text[s:oe]))
        return
    kt = run.kt
    if kt == "context_org":
        before = text[max(0, s - 4) : s]
        nw = _NEXT_WORD.match(tail)
        if (before.lower() == "the " and not (nw and nw.group(1) in _COMPOUND_NOUNS)) or _CONTEXT_ORG_AFTER.match(tail):
            cands.append(Cand("organization", s, e, surface))
        elif before[-3:] in ("’s ", "'s "):
            pm = _OWNER_RUN_BEFORE.search(text, max(0, s - 40), s)
            owner = _bare(pm.group(1)) if pm else ""
            if known_type([owner]) == "place":  # "Israel's Supreme Court", "Britain's Treasury"
                os_ = s - len(pm.group(0))
                cands.append(Cand("place", os_, os_ + len(owner), owner))
                cands.append(Cand("organization", os_, e, text[os_:e]))
        return
    if kt in ("organization", "place"):
        if (kt == "organization" and text[max(0, s - 6) : s] in ("on X, ", "on X ")) or surface in lx.PLATFORMS:
            return
        cands.append(Cand(kt, s, e, surface))
        return
    if kt in ("nationality", "platform"):
        return
    pl = run.plain_part()
    if pl.org_name or (pl.org_head and _org_context(text, s)):
        os_ = s
        pm = (
            _OWNER_RUN_BEFORE.search(text, max(0, s - 40), s)
            if text[s - 3 : s - 1] in ("’s", "'s", "un", "ed")
            else None
        )
        if pm:
            os_ = s - len(pm.group(0))
            owner = _bare(pm.group(1).replace("-run", "").replace("-led", ""))
            if known_type([owner]) in ("organization", "place"):
                cands.append(Cand(known_type([owner]) or "place", os_, os_ + len(owner), owner))
        for t, a, b, surf in pl.org_runs:
            cands.append(Cand(t, base + a, base + b, surf))
        quoted = re.search(r"([\w.’'])\s*,\s*[“\"‘]\s*(?:the\s+)?$", text[max(0, os_ - 30) : os_])
        alias_of = os_ - 30 + quoted.end(1) if quoted and os_ >= 30 and text[e : e + 1] in '”"’' else None
        cands.append(Cand("organization", os_, e, text[os_:e], alias_of=alias_of))
        return
    if pl.place_name or _PLACE_AFTER.match(tail):
        cands.append(Cand("place", s, e, surface))
        return
    if len(words) == 1:
        if pl.acronym:
            if pl.acronym_place:  # "KYIV, Ukraine (AP)"
                cands.append(Cand("place", s, e, surface))
            elif not (pl.long and (s == 0 or text[s - 1] == "\n") and text[e : e + 1] in (",", " ")):
                cands.append(Cand("acronym", s, e, surface))
        elif not pl.possessive and _org_context(text, s):
            cands.append(Cand("organization", s, e, surface))
        elif pl.famous or (
            pl.first_name
            and (_VERB_BEFORE.search(text[max(0, s - 12) : s]) or re.match(r",\s+\d{1,3},", text[e : e + 6]))
        ):
            cands.append(Cand("person", s, e, surface, _appositive(text, e)))
        else:
            cands.append(Cand("single", s, e, surface))
        return
    if pl.org_ok and _org_context(text, s):
        cands.append(Cand("organization", s, e, surface))
        return
    if pl.unnamed:
        return
    strong = pl.strong or _role_before(text, s)
    if not strong and pl.runs:
        for t, a, b, surf in pl.known:
            cands.append(Cand(t, base + a, base + b, surf))
        return
    if strong or _person_context(text, s, e, len(words)) or _AGE_AFTER.match(text, e):
        desc = _back_descriptor(text, s) or _appositive(text, e)
        cands.append(Cand("person", s, e, surface, desc, None, pl.gender))


def find_actors(text: str, first_para_end: int) -> ActorTable:
    cands: list[Cand] = []
    seen: dict[str, _Run] = {}  # each distinct run, worked out once
    for base, toks in _pieces(text):
        _analyse(text, base, toks, cands, first_para_end, seen)
    return cluster(text, cands)
