"""Actors: people, organisations and places named in an article, each once, with mentions.

Candidates come from capitalised word runs ("chunks"), read with word lists: titles split a
descriptor from a name ("US Secretary of State Antony Blinken"), organisation heads make an
organisation ("Council of Economic Advisers", "Israeli army"), the gazetteer makes places,
first names and the surrounding words ("analyst X", "X, a member of", "said X") make people.
Surnames, first names and acronyms seen elsewhere become further mentions of the same actor.
What a run says on its own (its pieces, title and name, known names) is read once per distinct
run in ``runs``; the rules here look at the words around each occurrence.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from claims.extraction import gazetteer as gz
from claims.extraction import lexicon as lx
from claims.extraction.clusters import cluster
from claims.extraction.names import (
    CAPTOK,
    CAPTOK_RE,
    FUNCTION_WORDS,
    first_name_gender,
    first_names,
    is_first_name,
    known_type,
    place_first_names,
)
from claims.extraction.runs import CONTEXT_ORG_AFTER, Run, Tok, bare, pieces, plural_agent
from claims.extraction.table import ActorTable, Cand


def _firsts(*words: Iterable[str]) -> str:
    """A character class of the letters the words start with. Put in a lookahead before a long list of
    alternatives, it lets the regex engine pass over positions where none can start, instead of trying
    each alternative there: the same matches, found several times faster."""
    return "[" + "".join(sorted({re.escape(w[0]) for ws in words for w in ws})) + "]"


_ROLES = lx.ROLE_NOUNS | {"member", "members"}
_ROLE_ALT = "|".join(sorted((re.escape(w) for w in _ROLES), key=len, reverse=True))
_ROLE_BEFORE = re.compile(rf"(?={_firsts(_ROLES)})\b(?:{_ROLE_ALT})\s$")
# "the governor, X" and "The governor of the northern district, X": a role noun (and what it is of) before
_ROLE_COMMA_BEFORE = re.compile(rf"(?={_firsts(_ROLES)})\b(?:{_ROLE_ALT})\s*,\s$")
_ROLE_OF_COMMA_BEFORE = re.compile(
    rf"(?={_firsts(_ROLES)})\b(?:{_ROLE_ALT})\s+(?:of|for|at|in)\s+(?:the\s+)?[a-z][\w\-]*(?:\s+[\w\-]+){{0,3}}\s*,\s$"
)
_WHO_AFTER = re.compile(r",\s+who\b")  # "Thandiwe Mokoena, who reached the station": people take "who"
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
_DESC_WORD = re.compile(r"[\w\-’'.]+")


def _tokens(text: str, start: int, end: int) -> list[Tok]:
    return [(m.start(), m.end(), m.group()) for m in CAPTOK_RE.finditer(text, start, end)]


_PERSON_LED = frozenset(("administration", "government", "presidency", "cabinet", "campaign"))
_CAMEL = re.compile(r"(?!Mc|Mac|De|Di|Da|Du|La|Le|Van|Von|Al|El|O[’'])[A-Z][a-z]+[A-Z][a-z]\w*")
_AGE_AFTER = re.compile(r",\s+\d{1,3},")  # "Umm Mohammed, 52, said"
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


# "a Brisair plane", "the Norvel plant": a name standing before a company's things or people
_BRAND_BEFORE = re.compile(r"(?:^|\s)(?:[Aa]n?|[Tt]he)\s$")
_BRAND_NOUN = re.compile(
    r"\s(?:plane|jet|aircraft|airliner|plant|factory|refinery|store|warehouse|subsidiary|"
    r"spokes(?:man|woman|person)|executive|employee|truck|lorry|tanker|ferry|product|products|app|"
    r"shares|stock|boss|founder)\b"
)


def _brand_of(text: str, s: int, e: int) -> bool:
    return bool(_BRAND_NOUN.match(text, e) and _BRAND_BEFORE.search(text, max(0, s - 5), s))


def _org_context(text: str, s: int) -> bool:
    """'founder of X', 'a fellow at the X', 'the shipping consultancy X': the words before s make X an
    organisation."""
    # _ORG_NOUN_BEFORE ends in a noun and one space (or a space and a newline): looked for only then
    if (
        text.endswith(_ORG_NOUN_ENDS, 0, s - 1) or (text[s - 1 : s] == "\n" and text.endswith(_ORG_NOUN_ENDS, 0, s - 2))
    ) and _ORG_NOUN_BEFORE.search(text, max(0, s - 50), s):
        return True
    return text[max(0, s - 5) : s].endswith(_CONTEXT_PREPS) and bool(_ORG_CONTEXT.search(text, max(0, s - 40), s))


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
    for w in reversed(window.rsplit(None, 4)[-4:]):  # the last four words: split()[-4:]
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
_ROLE_REACH = max(len(w) for w in _ROLES) + 2


def _role_before(text: str, s: int) -> bool:
    """_ROLE_BEFORE on the 60 characters before s, searched only where a match can start."""
    return bool(_ROLE_BEFORE.search(text, max(0, s - min(60, _ROLE_REACH)), s))


def _role_comma_before(before: str) -> bool:
    """'the governor, X' or 'the governor of the district, X': the extended form only when a joiner is there."""
    if _ROLE_COMMA_BEFORE.search(before):
        return True
    tail = before[-50:]
    return (" of " in tail or " for " in tail or " at " in tail or " in " in tail) and bool(
        _ROLE_OF_COMMA_BEFORE.search(before)
    )


def _person_context(text: str, s: int, e: int, n_words: int) -> bool:
    """Words around an unknown name that make it a person: 'X, a member of', 'said X' (and 'analyst X',
    which _analyse has checked with _role_before before it asks)."""
    if _APPOS_AFTER.match(text, e, min(len(text), e + 90)):
        return True
    if n_words < 2:
        return False
    if _WHO_AFTER.match(text, e) and n_words <= 3:
        return True
    before = text[max(0, s - 60) : s]
    # each search below tries every position of before: skipped when before cannot end as it needs
    return bool(
        _VERB_AFTER.match(text, e, min(len(text), e + 40))
        or (before.rstrip().endswith(_VERB_BEFORE_LAST) and _VERB_BEFORE.search(before))
        or ("," in before[-3:] and _role_comma_before(before))  # ",\s" ends it, or ",\s\n"
    )


def _analyse(
    text: str, base: int, toks: tuple[Tok, ...], cands: list[Cand], first_para_end: int, seen: dict[str, Run]
) -> None:
    """The candidates one run at ``base`` makes (toks relative to base); ``seen`` holds the runs read."""
    # Its tokens are a function of its text: the words holding a capital, between spaces or joints.
    key = text[base : base + toks[-1][1]]
    run = seen.get(key)
    if run is None:
        run = seen[key] = Run(key, toks)
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
        w0 = words[0]
        if (
            len(words) == 1
            and (w0 in lx.TITLE_HEADS or w0.lower() in lx.ROLE_NOUNS)
            and w0.isalpha()
            and text[s - 1 : s] == " "
        ):
            # "Bishop said": a surname that is also a title, kept when a person named so is found
            cands.append(Cand("single", s, e, surface))
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
        owned_by = _OWNER_BEFORE.search(text, max(0, s - 40), s) if text[s - 3 : s] in ("’s ", "'s ") else None
        if back and desc:
            desc = f"{back} {desc}"
        elif back and not desc:
            desc = back
        elif owned_by and desc and not ti.first_honorific:
            desc = f"{owned_by.group(0)}{desc}"
        for t, a, b, surf in ti.known:
            cands.append(Cand(t, base + a, base + b, surf))
        if ti.org:
            t, a, b, surf = ti.org
            cands.append(Cand(t, base + a, base + b, surf))
        cands.append(Cand("person", ns, ne, ti.name, desc, ti.title_form, ti.gender))
        return
    if (
        len(words) == 3
        and words[1] in first_names()
        and words[0] not in first_names()
        and words[0].isalpha()
        and known_type(words[:2]) is None
        and known_type([words[0]]) is None
        and not any(w in lx.ORG_HEADS for w in words)
        and run.gaps == [False, False, False]
        and _opens_sentence(text, s)
    ):  # "Striker Jonas Ekwueme said": a sentence's first word before a given name and a surname
        ns = base + run.toks[1][0]
        cands.append(Cand("person", ns, e, text[ns:e], words[0].lower(), None, first_name_gender(words[1])))
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
        elif lower.group(2) in _PERSON_LED and (
            (len(words) == 1 and words[0] in lx.FAMOUS_SURNAMES) or (len(words) > 1 and words[0] in first_names())
        ):  # "the Marsh administration", "the George W. Bush presidency": the person is an actor
            cands.append(Cand("person", s, e, surface))
            if len(words) > 1:
                return  # "the Bush presidency" names no organisation of its own
        cands.append(Cand("organization", s, oe, text[s:oe]))
        return
    kt = run.kt
    if kt == "context_org":
        before = text[max(0, s - 4) : s]
        nw = _NEXT_WORD.match(tail)
        if (before.lower() == "the " and not (nw and nw.group(1) in _COMPOUND_NOUNS)) or CONTEXT_ORG_AFTER.match(tail):
            cands.append(Cand("organization", s, e, surface))
        elif before[-3:] in ("’s ", "'s "):
            pm = _OWNER_RUN_BEFORE.search(text, max(0, s - 40), s)
            owner = bare(pm.group(1)) if pm else ""
            if pm and known_type([owner]) == "place":  # "Israel's Supreme Court", "Britain's Treasury"
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
            owner = bare(pm.group(1).replace("-run", "").replace("-led", ""))
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
        elif not pl.possessive and (
            _org_context(text, s) or _CAMEL.fullmatch(surface) or (not pl.first_name and _brand_of(text, s, e))
        ):
            # "SkyJet", "GateHouse": a capital inside one word makes a company or brand name
            cands.append(Cand("organization", s, e, surface))
        elif pl.famous or (
            pl.first_name
            and (_VERB_BEFORE.search(text[max(0, s - 12) : s]) or re.match(r",\s+\d{1,3},", text[e : e + 6]))
        ):
            cands.append(Cand("person", s, e, surface, _appositive(text, e)))
        else:
            speaks = (
                len(surface) > 2
                and surface.isalpha()
                and (
                    _VERB_AFTER.match(text, e, min(len(text), e + 40))
                    or (
                        text.endswith(_VERB_BEFORE_LAST, max(0, s - 14), s - 1)
                        and _VERB_BEFORE.search(text, max(0, s - 14), s)
                    )
                    or text.endswith(" told ", max(0, s - 6), s)  # "told Newsweek": an outlet spoken to
                )
            )
            cands.append(Cand("speaker" if speaks else "single", s, e, surface))
        return
    if pl.org_ok and _org_context(text, s):
        cands.append(Cand("organization", s, e, surface))
        return
    if pl.unnamed:
        return
    strong = pl.strong or _role_before(text, s)
    if (
        not strong
        and len(words) == 2
        and words[0] in place_first_names()
        and known_type(words[1:]) is None
        and words[1] not in gz.PLACE_HEADS
        and words[1] not in lx.ORG_HEADS
    ):  # "Jordan Pike said", "Georgia Mbeki, the council treasurer": a given name that is also a place
        strong = _person_context(text, s, e, 2) or bool(_AGE_AFTER.match(text, e))
    if not strong and pl.runs:
        for t, a, b, surf in pl.known:
            cands.append(Cand(t, base + a, base + b, surf))
        return
    if strong or _person_context(text, s, e, len(words)) or _AGE_AFTER.match(text, e):
        desc = _back_descriptor(text, s) or _appositive(text, e)
        cands.append(Cand("person", s, e, surface, desc, None, pl.gender))


def find_actors(text: str, first_para_end: int) -> ActorTable:
    cands: list[Cand] = []
    seen: dict[str, Run] = {}  # each distinct run, worked out once
    for base, toks in pieces(text):
        _analyse(text, base, toks, cands, first_para_end, seen)
    _settle_single_names(text, cands)
    return cluster(text, cands)


_PRONOUN = re.compile(r"\b(?:([Hh]e|[Hh]is|[Hh]im|[Hh]imself)|([Ss]he|[Hh]er|[Hh]erself))\b")
_FULL_NAME = re.compile(rf"{CAPTOK}\s{CAPTOK}")


def _pronoun_after(text: str, e: int) -> bool:
    """A personal pronoun takes the name up later in its paragraph, before another full name."""
    end = text.find("\n\n", e, e + 250)
    window = text[e : end if end >= 0 else e + 250]
    m = _PRONOUN.search(window)
    return m is not None and not _FULL_NAME.search(window, 0, m.start())


_AFTER_PREPOSITION = re.compile(r"\b(?:the|of|in|at|from|into|near|to|on)\s$")


def _opens_sentence(text: str, s: int) -> bool:
    before = text[max(0, s - 3) : s].rstrip(" “\"‘'(")
    return not before or before[-1] in ".!?\n:"


def _settle_single_names(text: str, cands: list[Cand]) -> None:
    """One-word names that no full name explains: a mononym ("Wiremu said", "For Tariq, ... He lost his
    job") is a person, a word that speaks with no personal pronoun taking it up ("Amtrak said") an
    organisation; the rest stay single words for the clustering to link or drop."""
    groups: dict[str, list[Cand]] = {}
    for c in cands:
        if c.type in ("single", "speaker"):
            groups.setdefault(c.surface, []).append(c)
    if not groups:
        return
    named = {w for c in cands if c.type == "person" for w in c.surface.split()}
    for surface, cs in groups.items():
        speaks = any(c.type == "speaker" for c in cs)
        for c in cs:
            c.type = "single"
        if surface in named or len(surface) < 3 or not surface.isalpha() or surface in lx.TITLE_HEADS:
            continue
        first = is_first_name(surface)
        if not (speaks or first) or plural_agent(surface):
            continue
        cs = [c for c in cs if not _AFTER_PREPOSITION.search(text, max(0, c.start - 6), c.start)]
        if not cs:
            continue  # "the settlement of Efrat", "Hospital in Beersheba said": a place or a thing
        pronoun = any(_pronoun_after(text, c.end) for c in cs[:20])
        if not (speaks or pronoun):
            continue
        if not first and all(_opens_sentence(text, c.start) for c in cs):
            continue  # only ever a sentence's first word: maybe no name at all ("Officials said")
        kind = "person" if first or pronoun else "organization"
        for c in cs:
            c.type = kind
