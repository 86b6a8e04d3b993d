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
_ROLE_ALT = "|".join(sorted((re.escape(w) for w in lx.ROLE_NOUNS | {"member", "members"}), key=len, reverse=True))
_ROLE_BEFORE = re.compile(rf"\b(?:{_ROLE_ALT})\s$")
_ROLE_COMMA_BEFORE = re.compile(rf"\b(?:{_ROLE_ALT})\s*,\s$")
_APPOS_AFTER = re.compile(rf",\s+(?:(?:a|an|the|its|his|her)\s+)?(?:[\w\-’'.]+\s+){{0,4}}?(?:{_ROLE_ALT})\b")
_VERB_ALT = "|".join(sorted((re.escape(v) for v in lx.REPORTING_VERBS), key=len, reverse=True))
_AUX_ALT = "|".join(re.escape(a) for a in lx.AUX_ADVERBS)
_VERB_AFTER = re.compile(rf"\s+(?:(?:{_AUX_ALT})\s+){{0,2}}(?:{_VERB_ALT})\b")
_VERB_BEFORE = re.compile(r"\b(?:said|says|added|according to|wrote|warned)\s+$")
_ORG_CONTEXT = re.compile(
    r"\b(?:founder|co-founder|director|head|chief|members?|chairman|chairwoman|president|spokes(?:man|woman|person)"
    r"|fellow|economist|professor|researcher|analyst|scientist|lawyer|officials?|executive|leader|works|worked"
    r"|studied|student|graduate|staff|employee|partner)\s+(?:of|at|for|with)\s+(?:the\s+)?$"
)
_HEAD_ALT = "|".join(sorted((re.escape(h) for h in lx.ORG_LOWER_HEADS), key=len, reverse=True))
_MOD_ALT = "|".join(re.escape(m) for m in lx.ORG_LOWER_MODS)
_LOWER_ORG = re.compile(rf"(?:-run|-led|-backed|[’']s)?\s+((?:(?:{_MOD_ALT})\s+){{0,2}})({_HEAD_ALT})\b(?![\-’'])")
_LOWER_ORG_EXT = re.compile(r"\s+(?:on|for)\s+(?:[A-Z]\w+\s+)?[a-z]+s\b")
_PLACE_ALT = "|".join(sorted((re.escape(h) for h in gz.PLACE_LOWER_HEADS), key=len, reverse=True))
_PLACE_AFTER = re.compile(rf"\s+(?:{_PLACE_ALT})\b")
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


_ORG_NOUN_BEFORE = re.compile(
    r"\b[Tt]he\s+(?:[a-z][a-z\-]+\s+){0,2}(?:group|consultancy|charity|firm|company|broadcaster|newspaper|"
    r"watchdog|think\s+tank|non-?profit|militia|agency|daily|carrier|airline|lender|insurer|manufacturer|"
    r"faction|organi[sz]ation|NGO|outlet|website|network)\s$"
)


def _org_context(text: str, s: int) -> bool:
    """'founder of X', 'a fellow at the X', 'the shipping consultancy X': the words before s make X an
    organisation."""
    if _ORG_NOUN_BEFORE.search(text, max(0, s - 50), s):
        return True
    return text[max(0, s - 5) : s].endswith(_CONTEXT_PREPS) and bool(_ORG_CONTEXT.search(text, max(0, s - 40), s))


_KNOWN_NOT_NAMES = ("place", "organization", "nationality")


def _pieces(text: str) -> list[list[Tok]]:
    """Capitalised runs, cut after possessives and at months, joined across 'of', 'for a', 'bin'."""
    pieces: list[list[Tok]] = []
    for m in CHUNK_RE.finditer(text):
        chunk = m.group()
        if chunk in _SKIP_ALONE:  # most runs are one opening word: "The", "But", "Monday"
            continue
        cur: list[Tok] = []
        pos = m.start()
        for w in chunk.replace("\u00a0", " ").split(" "):
            tok = (pos, pos + len(w), w)
            pos += len(w) + 1
            if w in lx.MONTHS or (not cur and w in lx.CAP_STOPWORDS):
                if cur:
                    pieces.append(cur)
                cur = []
                continue
            last = cur[-1][2] if cur else ""
            if len(last) == 2 and last[1] == "." and known_type([_bare(w)]) in _KNOWN_NOT_NAMES:
                pieces.append(cur)  # "... wrote on X. Australia and Canada": a sentence ends after X
                cur = []
            cur.append(tok)
            if len(w) > 2 and w[-2] in "’'" and w[-1] == "s":
                pieces.append(cur)
                cur = []
        if cur:
            pieces.append(cur)
    joined: list[list[Tok]] = []
    for p in pieces:
        if joined:
            prev = joined[-1]
            gap = text[prev[-1][1] : p[0][0]]
            last = prev[-1][2]
            if (
                len(prev) < 10
                and not _possessive(last)
                and (
                    (_JOIN_ORG.match(gap) and (last in lx.JOIN_HEADS or last in lx.TITLE_HEADS) and len(p) <= 5)
                    or (gap in (" of ", " of the ") and len(p) <= 3 and _org_so_far(prev) and p[0][2] not in gz.PLACES)
                    or _JOIN_NAME.match(gap)
                    or (gap in (" the ", " of the ", " for the ") and _known_across(prev, gap, p))
                    or (gap == " and " and _bare(p[-1][2]) in lx.ORG_HEADS and _plain_words(prev))
                )
            ):
                prev.extend(p)
                continue
        joined.append(p)
    return joined


def _known_across(prev: list[Tok], gap: str, p: list[Tok]) -> bool:
    """'Save the Children': a known name that holds a lower-case word."""
    words = [t[2] for t in prev[-3:]] + gap.split() + [t[2] for t in p[:3]]
    return any(
        known_type(words[i:j]) == "organization"
        for i in range(0, min(3, len(prev)))
        for j in range(len(words), len(words) - min(3, len(p)), -1)
    )


def _org_so_far(prev: list[Tok]) -> bool:
    """'Office for the Coordination' (then 'of Humanitarian Affairs'): a name already joined across
    'for'/'of' after an organisation head goes on across a further 'of'."""
    words = [t[2] for t in prev]
    return len(words) >= 2 and any(w in lx.ORG_HEADS for w in words[:-1]) and words[-1] not in lx.ORG_HEADS


def _plain_words(toks: list[Tok]) -> bool:
    """Capitalised words that name nothing on their own: "Hostages" in "Hostages and Missing Families Forum"."""
    words = [t[2] for t in toks if t[2] not in lx.CAP_STOPWORDS]
    return bool(words) and len(words) <= 3 and all(known_type([w]) is None and w not in gz.FIRST_NAMES for w in words)


def _possessive(w: str) -> bool:
    return len(w) > 2 and w[-2] in "’'" and w[-1] == "s"


def _bare(w: str) -> str:
    return w[:-2] if _possessive(w) else w


def _words_of(toks: list[Tok]) -> list[str]:
    return [_bare(t[2]) for t in toks]


def _span(text: str, toks: list[Tok]) -> tuple[int, int, str]:
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


def _person_context(text: str, s: int, e: int, n_words: int) -> bool:
    """Words around an unknown name that make it a person: 'analyst X', 'X, a member of', 'said X'."""
    before = text[max(0, s - 60) : s]
    if _ROLE_BEFORE.search(before) or _APPOS_AFTER.match(text, e, min(len(text), e + 90)):
        return True
    if n_words < 2:
        return False
    return bool(
        _VERB_AFTER.match(text, e, min(len(text), e + 40))
        or _VERB_BEFORE.search(before)
        or _ROLE_COMMA_BEFORE.search(before)
    )


def _analyse(text: str, toks: list[Tok], cands: list[Cand], first_para_end: int) -> None:
    if len(toks) > 12:  # a heading or a list of names, not one name: look at known names only
        _known_only(text, toks, cands)
        return
    words = _words_of(toks)
    while words and (words[0] in lx.CAP_STOPWORDS or words[0] in lx.MONTHS):
        toks, words = toks[1:], words[1:]
    if not toks:
        return
    s, e, surface = _span(text, toks)
    # dateline credit: "Khartoum, 8 October (Darfur 24)"
    if s < first_para_end and text[s - 1 : s] == "(" and s < 200 and _DATELINE_HEAD.match(text[: s - 1]):
        m = _DATELINE_ORG.match(text, s - 1)
        if m:
            cands.append(Cand("organization", m.start(1), m.end(1), m.group(1)))
            return
    if len(toks) > 1 and " the " in surface and known_type(surface.split()) == "organization":
        cands.append(Cand("organization", s, e, surface))  # "Save the Children", joined across "the"
        return
    if len(toks) == 1:
        w = words[0]
        if len(w) == 1 or w in lx.TITLE_HEADS or w.lower() in lx.ROLE_NOUNS:
            return  # a lone letter or a title without a name: "Q", "Minister"
        gaps = [False]
        cut = None
    else:
        gaps = [False] + [text[a[1] : b[0]] != " " for a, b in itertools.pairwise(toks)]
        cut = _split_title(words, gaps)
    if cut is not None and cut > 0:
        title_words = words[:cut]
        name_toks = toks[cut:]
        ns, ne, name = _span(text, name_toks)
        desc: str | None = text[s : name_toks[0][0]].strip()
        if all(w in _HONORIFICS for w in title_words):
            desc = _appositive(text, ne)
        back = _back_descriptor(text, s)
        owner = _OWNER_BEFORE.search(text, max(0, s - 40), s) if text[s - 3 : s] in ("’s ", "'s ") else None
        if back and desc:
            desc = f"{back} {desc}"
        elif back and not desc:
            desc = back
        elif owner and desc and title_words[0] not in _HONORIFICS:
            desc = f"{owner.group(0)}{desc}"
        for i, j, t in _known_runs(title_words):
            if t in ("organization", "place"):
                ks, ke, ksurf = _span(text, toks[i:j])
                cands.append(Cand(t, ks, ke, ksurf))
        k = next((i for i, w in enumerate(title_words) if w in lx.TITLE_WORDS), 0)
        if k > 1 and title_words[k - 1] in lx.ORG_HEADS:  # "Apple Inc. Chief Executive Tim Cook"
            ks, ke, ksurf = _span(text, toks[:k])
            cands.append(Cand("organization", ks, ke, ksurf))
        cands.append(Cand("person", ns, ne, name, desc, text[s:ne], _gender(_words_of(name_toks), title_words)))
        return
    if cut == 0:  # a title alone: "the President", "the UN Secretary-General"
        _known_only(text, toks, cands)
        return
    last = words[-1]
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
    kt = known_type(words)
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
    joined_org = any(g and words[i - 1] in lx.JOIN_HEADS for i, g in enumerate(gaps) if i)
    if joined_org or (any(w in lx.ORG_HEADS for w in words) and (len(words) > 1 or _org_context(text, s))):
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
        for i, j, t in _known_runs(words[:-1]):
            if t == "organization" and j < len(words) - 1:
                ks, ke, ksurf = _span(text, toks[i:j])
                cands.append(Cand(t, ks, ke, ksurf))
        quoted = re.search(r"([\w.’'])\s*,\s*[“\"‘]\s*(?:the\s+)?$", text[max(0, os_ - 30) : os_])
        alias_of = os_ - 30 + quoted.end(1) if quoted and os_ >= 30 and text[e : e + 1] in '”"’' else None
        cands.append(Cand("organization", os_, e, text[os_:e], alias_of=alias_of))
        return
    if (last in gz.PLACE_HEADS and len(words) > 1) or _PLACE_AFTER.match(tail):
        cands.append(Cand("place", s, e, surface))
        return
    # known names inside a longer run: "House Republicans", "Virginia Democrat"
    runs = _known_runs(words)
    for k, (i, j, t) in enumerate(runs):
        if t == "context_org" and j < len(words) and _CONTEXT_ORG_AFTER.match(" " + words[j]):
            runs[k] = (i, j, "organization")
    if len(words) == 1:
        w = words[0]
        if re.fullmatch(r"[A-Z]{2,5}s?", w) and w not in lx.NON_ORG_ACRONYMS:
            if w.title() in gz.PLACES:  # "KYIV, Ukraine (AP)"
                cands.append(Cand("place", s, e, surface))
            elif not (len(w) >= 4 and (s == 0 or text[s - 1] == "\n") and text[e : e + 1] in (",", " ")):
                cands.append(Cand("acronym", s, e, surface))
        elif _org_context(text, s) and not _possessive(toks[0][2]):
            cands.append(Cand("organization", s, e, surface))
        elif w in lx.FAMOUS_SURNAMES or (
            w in gz.FIRST_NAMES
            and (_VERB_BEFORE.search(text[max(0, s - 12) : s]) or re.match(r",\s+\d{1,3},", text[e : e + 6]))
        ):
            cands.append(Cand("person", s, e, surface, _appositive(text, e)))
        else:
            cands.append(Cand("single", s, e, surface))
        return
    before = text[max(0, s - 60) : s]
    if len(words) <= 6 and _org_context(text, s) and words[0] not in gz.FIRST_NAMES:
        cands.append(Cand("organization", s, e, surface))
        return
    if len(words) > 4 or any(w in lx.CAP_STOPWORDS for w in words):
        return
    has_initial = any(len(w) == 2 and w.endswith(".") for w in words)
    strong = words[0] in gz.FIRST_NAMES or has_initial or bool(_ROLE_BEFORE.search(before))
    if not strong and runs:
        for i, j, t in runs:
            if t in ("organization", "place"):
                ks, ke, ksurf = _span(text, toks[i:j])
                cands.append(Cand(t, ks, ke, ksurf))
        return
    if strong or _person_context(text, s, e, len(words)) or _AGE_AFTER.match(text, e):
        desc = _back_descriptor(text, s) or _appositive(text, e)
        cands.append(Cand("person", s, e, surface, desc, None, _gender(words, [])))


def _known_only(text: str, toks: list[Tok], cands: list[Cand]) -> None:
    for i, j, t in _known_runs(_words_of(toks)):
        if t in ("organization", "place"):
            ks, ke, ksurf = _span(text, toks[i:j])
            cands.append(Cand(t, ks, ke, ksurf))


def find_actors(text: str, first_para_end: int) -> ActorTable:
    cands: list[Cand] = []
    for toks in _pieces(text):
        _analyse(text, toks, cands, first_para_end)
    return cluster(text, cands)
