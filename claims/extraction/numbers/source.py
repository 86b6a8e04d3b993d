"""Who asserts a number: "according to X", "X said ...", "..., X said", ", said X", and quotation speakers.

The source is given as written ("Palestinian authorities", "Israel", "Amin Khader"), with three
resolutions so that it names someone: a pronoun ("she said") becomes the last person quoted or named,
a bare description ("the ministry said") becomes its fuller earlier mention ("Palestinian health
ministry"), and a lone surname or first name becomes the full name used earlier in the text.
Just past 600 lines; the filter of what may be a source is in asserters.py already.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from claims.extraction.lexicon import ORG_HEADS
from claims.extraction.numbers.asserters import LEAD_CONJUNCTION, is_source
from claims.extraction.numbers.lexicon import (
    CLAUSE_WORDS,
    DEFINITE_HEADS,
    HONORIFICS,
    MONTHS,
    NON_PERSON_WORDS,
    PRONOUNS,
    REPORT_AUXILIARIES,
    REPORT_VERBS,
    REPORT_VERBS_WITH_THAT,
    ROLE_NOUNS,
    SENTENCE_STARTERS,
    WEEKDAYS,
    word_set,
)
from claims.extraction.numbers.text import TextMap, Token, tokens

_HEDGES = "(?:about|around|some|nearly|almost|roughly|more|than|at|least|over|an|estimated|approximately|up|fewer|less)"
_VERBS = "|".join(sorted(REPORT_VERBS, key=len, reverse=True))
_THAT_VERBS = "|".join(sorted(REPORT_VERBS_WITH_THAT, key=len, reverse=True))
_ATTRIBUTION_RE = re.compile(
    rf"\b(?P<according>[Aa]ccording to|[Cc]iting)\s|\b(?P<verb>{_VERBS}|called for|calls for)\b"
    rf"|\b(?P<that>{_THAT_VERBS})\s+(?:that\b|(?:{_HEDGES}\s+){{0,3}}[\d$£€])"
    r"|\b(?P<put>puts?)\s+(?:the|its|their)\s+(?:(?:[\w\-]+\s+){0,2}(?:toll|number|figure|count|tally|total|cost|estimate)\b"
    r"|(?:[\w\-]+\s+){1,4}?at\s)"  # "police put the crowd at 25,000"
)
# The passive: "51 million drivers are expected by the Automobile Club", "a toll estimated by the UN"
_BY_RE = re.compile(
    r"(?:expected|estimated|projected|forecast|predicted|reported|counted|recorded|confirmed|calculated|tallied"
    r"|documented|compiled|cited|put|given|released|published)\s+by\s+(?=(?:the\s+|a\s+|an\s+)?[\w’'])"
)
_BY_WORDS = word_set(
    "expected estimated projected forecast predicted reported counted recorded confirmed calculated tallied "
    "documented compiled cited put given released published"
)
ATTRIBUTION_WORDS = (
    REPORT_VERBS
    | REPORT_VERBS_WITH_THAT
    | _BY_WORDS
    | {"according", "citing", "called", "calls", "put", "puts", "quoted", "quoting"}
)
# "media quoted the head of the agency, Ana Ruiz, as saying 40 ...": the one quoted
_QUOTED_AS_RE = re.compile(r"quot(?:ed|ing)\s+(?P<who>[^.;:“”\"]{3,140}?)\s+as\s+(?:saying|stating|telling)\b")
_APPOSED_NAME_RE = re.compile(r",\s+((?:[A-Z][\w\-’']+\s+){0,3}[A-Z][\w\-’']+),?\s*$")
_NAME_WORD = r"[A-Z][a-z'’]+(?:[A-Z][a-z'’]+)?(?:[-‐][A-Z][a-z'’]+)?"  # "McCain", "Nkweta-Salami"
# "[A-Z](?<!\w[A-Z])" is "\b[A-Z]" opening with a character class, which the regex engine scans for fast
_PERSON_RE = re.compile(
    rf"[A-Z](?<!\w[A-Z]){_NAME_WORD.removeprefix('[A-Z]')}"
    rf"(?:\s+[A-Z]\.)?(?:\s+(?:al-|bin\s|de\s|van\s)?{_NAME_WORD}){{1,4}}\b"
)
_SOURCE_PREFIX_RE = re.compile(
    r"^(?:(?:the|a|an|its|their)\s+)?(?:(?:latest|new|official|preliminary|updated)\s+)?"
    r"(?:figures|data|statistics|numbers|tally|count|counts|estimates|estimate|reports|report|reporting|"
    r"statement|statements|tallies|records|sources|information|study|studies|survey|surveys|analysis|poll|"
    r"research|census|audit|review|assessment)\s+(?:from|by|of|released by|published by)\s+",
    re.IGNORECASE,
)
_LEADING_FROM_RE = re.compile(r"(?:from|by)\s+(?=(?:the\s+)?[A-Z])")  # "[Data] from the X show ..."
_DETERMINERS = ("the ", "a ", "an ", "The ", "A ", "An ", "its ", "Its ", "their ", "Their ")
_TRAILING_PREPOSITIONS = word_set("in on at during after before from with via")
_TIME_WORDS = frozenset(
    {*(w.lower() for w in (*WEEKDAYS, *MONTHS)), "today", "yesterday", "earlier", "later", "tonight"}
)
# Between a reporting verb and a number: the writer's own aside or a new clause ("..., but 40 were arrested").
_NEW_CLAUSE_RE = re.compile(r",\s+(?:where|which|who|whose|but|although)\b|;|\bbut\b")
# Between a number and a later attribution: a contrasting clause that has its own asserter
# ("80,000 fled the north, while the IOM says 46,000 ...").
_CONTRAST_CLAUSE_RE = re.compile(r",\s+(?:while|whereas|but|although)\b|;")
_ADDED_AS_SAID_RE = re.compile(r"\s*(?:[,.;:“”\"]|that\b|\Z)")
_OPENS_WITH_QUOTE_RE = re.compile(r"\s*[“\"‘]")
_CLAIMED_A_THING_RE = re.compile(
    r"\s+(?:the|a|an|his|her|its|their|responsibility|victory|credit|control|lives|asylum)\b", re.IGNORECASE
)
_REPORTED_RE = re.compile(r"\breport(?:ed|edly)\b")
_SUBORDINATORS = frozenset(
    {"since", "after", "before", "when", "until", "because", "if", "although", "though", "while", "once", "unless"}
)
# A sentence that goes on with the statement before it (the gold's "source carried" rule): it opens by
# referring back, or adds with "too"/"also"
_GOES_ON_RE = re.compile(
    r"\s*[“\"]?(?:They|It|That|Those|These|Of\s+(?:those|them|these|the\s+\w+)|Another|A\s+further|The\s+rest"
    r"|Among\s+(?:them|those)|Including|Most\s+of\s+them|Some\s+of\s+them|Of\s+whom)\b"
)
_ALSO_RE = re.compile(r"\b(?:also|too)\b")
_CONTRASTS = frozenset({"while", "whereas", "although", "though"})
# ", while police put the crowd at": a contrasting clause with its own asserter, not a subordinate one
_COMMA_BEFORE_RE = re.compile(r",\s+(?:while|whereas|although|though)\s+(?:[\w\-’']+\s+){1,6}$")
_FUNCTION_WORDS = frozenset({"to", "of", "for", "and", "the", "on", "in", "at", "against", "without", "with"})
# "the charity said", "the paramilitary group said": a body described, not named; it is the last
# organisation named before ("Doctors Without Borders ... The charity said 84 patients arrived").
_BODY_NOUNS = word_set(
    "group charity organisation organization militia movement paramilitaries ngo body network faction alliance"
)
_ORG_HEAD_ALT = "|".join(sorted((re.escape(h) for h in ORG_HEADS if h[:1].isupper()), key=len, reverse=True))
_NAMED_BODY_RE = re.compile(
    rf"\b(?:[A-Z][\w\-’']+\s+(?:(?:of|for|the|and|Without|without)\s+)*){{0,5}}(?:{_ORG_HEAD_ALT})\b"
)
_PLACE_CHUNK = re.compile(r"\s+(?:in|on|at)\s.*$")


@dataclass(frozen=True, slots=True)
class Attribution:
    start: int  # start of the verb (or of "according to")
    end: int
    subject: str | None  # as written, before resolution
    subject_start: int
    subject_end: int
    after_verb: bool  # "according to X", ", said X": the source follows the verb
    relative: bool  # "which the US said": applies only to what follows
    subordinate: bool = False  # "since Israel declared ...": chosen only when nothing else attributes


def _is_capitalised(tok: Token) -> bool:
    return tok.text[:1].isupper() or tok.lower.startswith(("al-", "el-", "bin-", "abu-"))


_HONORIFICS = frozenset(h.rstrip(".") for h in HONORIFICS)


def _strip_honorifics(words: list[str]) -> list[str]:
    while len(words) > 1 and words[0].lower().rstrip(".") in _HONORIFICS:
        words = words[1:]
    return words


def looks_like_person(name: str) -> bool:
    """Two to four capitalised words, none naming an institution or place ("Cindy McCain", "Mr Warner")."""
    raw = name.replace(".", " ").split()
    words = _strip_honorifics(raw)
    if not words or len(words) > 4 or (len(words) == 1 and len(raw) == 1):
        return False
    if any(w.lower() in NON_PERSON_WORDS for w in words):
        return False
    last = len(words) - 1
    return (
        all(w[:1].isupper() or (k > 0 and _particle(w, inner=k < last)) for k, w in enumerate(words))
        and words[0].lower() not in SENTENCE_STARTERS
    )


# Lower-case particles inside a person's name: "Karim al-Masri", "Osama bin Laden", "Ursula von der Leyen".
_NAME_PARTICLES = frozenset({"al", "el", "bin", "ibn", "bint", "abu", "de", "del", "della", "di", "da"}) | frozenset(
    {"dos", "das", "du", "van", "von", "der", "den", "ter"}
)
_HYPHEN_PARTICLE_RE = re.compile(r"(?:al|el|ad|an|ar|as|ash|at|az)-[A-Z][\w'’-]*")


def _particle(word: str, *, inner: bool) -> bool:
    """A lower-case part of a name: a hyphenated one ("al-Masri") anywhere after the first word, a bare one
    ("bin", "von") only between two capitalised words."""
    return _HYPHEN_PARTICLE_RE.fullmatch(word) is not None or (inner and word in _NAME_PARTICLES)


def _noun_phrase_before(toks: list[Token]) -> tuple[list[Token], str]:
    """The subject before a reporting verb, walking back, and the word that opens its clause ("which", "since")."""
    i = len(toks) - 1
    while i >= 0 and toks[i].text in REPORT_AUXILIARIES:
        i -= 1
    if i < 0:
        return [], ""
    if i >= 3 and toks[i].text == "," and toks[i - 1].is_number and toks[i - 2].text == ",":
        i -= 2  # "Amal Osman, 41, said": step over the age
    if toks[i].text == "," and i > 0 and toks[i - 1].is_word:
        # "The director of the hospital, Amin Khader, told ...": take the name between the commas.
        j = i - 1
        chunk: list[Token] = []
        while j >= 0 and toks[j].is_word and len(chunk) < 5:
            chunk.insert(0, toks[j])
            j -= 1
        described = chunk and chunk[0].lower in ("a", "an", "the", "his", "her", "its", "their")
        if chunk and not described and any(_is_capitalised(t) for t in chunk) and (j < 0 or toks[j].text == ","):
            return chunk, ""  # "The director of the hospital, Amin Khader, told"
        # "Ashraf al-Qudra, spokesman for the ministry, said" and "the ministry, which does not ..., says":
        # the aside describes the noun before it, which is the source.
        k = i - 1
        while k >= 0 and i - k < 25 and toks[k].text != ",":
            k -= 1
        if k > 0 and toks[k - 1].is_word:
            head, _ = _noun_phrase_before(toks[:k])
            if head:
                return head, ""
        return [], ""
    chunk = []
    j = i
    while j >= 0 and len(chunk) < 9:
        tok = toks[j]
        if tok.text == ")":  # "The UN Refugee Agency (UNHCR) reported": step over the parenthesis
            k = j - 1
            while k >= 0 and j - k < 8 and toks[k].text != "(":
                k -= 1
            if k >= 0 and toks[k].text == "(":
                j = k - 1
                continue
        joins_names = tok.text == "and" and chunk and _is_capitalised(chunk[0]) and j and _is_capitalised(toks[j - 1])
        if (tok.text in CLAUSE_WORDS and not joins_names) or not (tok.is_word or tok.is_number or tok.text in ".'’"):
            break
        if tok.text == "." and not (j > 0 and toks[j - 1].lower.rstrip(".") in _HONORIFICS):
            break
        if tok.text in ("'", "’") and not (
            chunk and j and toks[j - 1].end == tok.start and toks[j - 1].lower[-1:] == "s"
        ):
            break  # only the plural possessive of "The Sudan Doctors' Syndicate" joins a name
        chunk.insert(0, tok)
        j -= 1
    opener = toks[j].lower if j >= 0 else ""
    chunk = [t for t in chunk if t.text != "."]
    if len(chunk) >= 2 and chunk[0].lower == "according" and chunk[1].lower == "to":
        chunk = chunk[2:]  # ", according to the UN refugee agency, which said ..."
    for k in range(len(chunk) - 1, -1, -1):
        if chunk[k].lower in _TIME_WORDS:
            if k + 1 < len(chunk):
                chunk = chunk[k + 1 :]
            else:  # "The Danish Red Cross on Monday put ...": the subject stands before the time
                cut = k - 1 if k and chunk[k - 1].lower in ("on", "in", "at", "last", "this", "late", "early") else k
                chunk = chunk[:cut]
            break
    if not chunk and opener in ("who", "which", "that") and j > 0:
        end = j - 1 if toks[j - 1].text == "," else j
        antecedent, _ = _noun_phrase_before(toks[:end])  # "officials who in December said": the officials
        return antecedent, opener
    return chunk, opener


def _noun_phrase_after(toks: list[Token]) -> list[Token]:
    """The source after "according to" or an inverted ", said X": up to a comma, clause word or possessive."""
    chunk: list[Token] = []
    window = toks[:12]
    for k, tok in enumerate(window):
        if tok.text == "." and chunk and chunk[-1].lower in _HONORIFICS and chunk[-1].end == tok.start:
            continue  # "Dr. Hollis": the full stop of a title does not end the name
        if not (tok.is_word or tok.is_number) or tok.text in CLAUSE_WORDS or (chunk and tok.lower == "to"):
            break  # "expected by the Automobile Club to take ...": the infinitive is not the source's
        following = window[k + 1] if k + 1 < len(window) else None
        if tok.lower.endswith(("'s", "’s")) and not (following is not None and following.text[:1].isupper()):
            # "Barak Ravid's reporting": the owner is the source; "Gaza's Health Ministry" goes on
            chunk.append(Token(tok.text[:-2], tok.lower[:-2], tok.start, tok.end - 2))
            break
        chunk.append(tok)
    return chunk


# A time phrase fronted before the subject ends at its time word: what follows ("the ministry") is the asserter.
_FRONTED_TIME_RE = re.compile(
    r"(?:[\w'’-]+\s+){0,4}?(?:morning|afternoon|evening|night|overnight|day|week|weekend|month|year|"
    r"dawn|dusk|noon|midday|midnight|nightfall|daybreak|sunrise|sunset|hours|"
    r"[Mm]onday|[Tt]uesday|[Ww]ednesday|[Tt]hursday|[Ff]riday|[Ss]aturday|[Ss]unday|today|yesterday)"
    r"\s+(?=(?:the|its|his|her|their)\s+\S)"
)


def _clean(words: list[Token], text: str) -> tuple[str, int, int] | None:
    if not words:
        return None
    start, end = words[0].start, words[-1].end
    phrase = text[start:end]
    m = _SOURCE_PREFIX_RE.match(phrase) or _LEADING_FROM_RE.match(phrase)
    if m:
        start += m.end()
        phrase = text[start:end]
    m = _FRONTED_TIME_RE.match(phrase)  # "Early in the morning the agency", "Sunday night the ministry"
    if m:
        start += m.end()
        phrase = text[start:end]
    for det in _DETERMINERS:
        if phrase.startswith(det):
            start += len(det)
            phrase = phrase[len(det) :]
            break
    cut = _PLACE_CHUNK.search(phrase)
    if cut and cut.start() > 0:
        end = start + cut.start()
        phrase = phrase[: cut.start()]
    inner = [w for w in words if start <= w.start and w.end <= end]
    # "CNN analyst Barak Ravid" -> "Barak Ravid": a trailing name after a lower-case role word.
    for k in range(len(inner) - 2, 0, -1):
        if (
            not _is_capitalised(inner[k - 1])
            and inner[k - 1].lower not in _FUNCTION_WORDS
            and all(_is_capitalised(t) for t in inner[k:])
            and looks_like_person(" ".join(t.text for t in inner[k:]))
        ):
            start = inner[k].start
            phrase = text[start:end]
            break
    phrase = phrase.strip(" ,’'\"")
    if phrase.lower() in ("the", "a", "an", "this", "that", "these", "those"):
        return None
    if phrase[:1].isdigit() or phrase[:1] in "$£€¥":
        return None  # "the $1.4 trillion shortfall recorded a year before" is a thing counted, not an asserter
    if not phrase or not any(ch.isalpha() for ch in phrase):
        return None
    lead = LEAD_CONJUNCTION.match(phrase)
    if lead:  # "But the company said": the company
        start += lead.end()
        phrase = phrase[lead.end() :]
        for det in _DETERMINERS:
            if phrase.startswith(det):
                start += len(det)
                phrase = phrase[len(det) :]
                break
    if not is_source(phrase):
        return None
    return phrase, start, end


class SourceFinder:
    """Attributions of one text; each is read lazily, when a number needs it, so cost follows the numbers."""

    def __init__(self, text: str, lower: str, text_map: TextMap, word_starts: list[int]) -> None:
        """``lower`` is ``text`` with ASCII letters lower-cased; ``word_starts`` are offsets of attribution words."""
        self.text = text
        self.lower = lower
        self.map = text_map
        self._positions = word_starts  # candidates; each is checked when first needed
        self._cache: dict[int, Attribution | None] = {}
        self._people: list[tuple[int, str]] = []
        self._people_positions: list[int] = []
        self._full_names: dict[str, str] = {}
        self._people_found = False
        self._modified: dict[int, str | None] = {}  # offset of a head noun -> "<modifiers> head", if any

    def _find_people(self) -> None:
        """Names that look like people's, found on first need (pronouns, lone surnames)."""
        if self._people_found:
            return
        self._people_found = True
        read: dict[str, tuple[str, str, str] | None] = {}  # each distinct run read once: (name, first, last)
        for m in _PERSON_RE.finditer(self.text):
            run = m.group()
            if run in read:
                person = read[run]
            else:
                words = run.split()
                owners = [k for k, w in enumerate(words) if w.endswith(("'s", "’s"))]
                words = _strip_honorifics(words[owners[-1] + 1 :] if owners else words)  # "Israel's Prime Minister X Y"
                name = " ".join(words)
                person = (name, words[0], words[-1]) if len(words) >= 2 and looks_like_person(name) else None
                read[run] = person
            if person is not None:
                name, first, last = person
                for w in (first, last):
                    self._full_names.setdefault(w, name)
                if self.map.sentence(m.start())[0] == m.start():
                    self._people.append((m.start(), name))  # a person who opens a sentence is its subject
        self._people_positions = [p for p, _ in self._people]

    def _attribution(self, i: int) -> Attribution | None:
        if i in self._cache:
            return self._cache[i]
        text = self.text
        at = self._positions[i]
        qm = _QUOTED_AS_RE.match(text, at) if text.startswith("quot", at) else None
        if qm is not None:
            who = qm.group("who")
            ap = _APPOSED_NAME_RE.search(who)
            a, b = (qm.start("who") + ap.start(1), qm.start("who") + ap.end(1)) if ap else qm.span("who")
            cleaned = _clean(tokens(text, a, b), text)
            quoted_as = Attribution(qm.start(), qm.end(), *cleaned, True, False) if cleaned else None
            self._cache[i] = quoted_as
            return quoted_as
        by = _BY_RE.match(text, at)
        m = by or _ATTRIBUTION_RE.match(text, at)
        if m is None or self.map.quote_at(m.start()) is not None:
            self._cache[i] = None
            return None
        sentence_start, sentence_end = self.map.sentence(m.start())
        found: Attribution | None
        if by is not None or m.group("according"):
            after = tokens(text, m.end(), min(sentence_end, m.end() + 160))
            cleaned = _clean(_noun_phrase_after(after), text)
            found = Attribution(m.start(), m.end(), *cleaned, True, False) if cleaned else None
        else:
            found = self._verb_attribution(m, sentence_start, sentence_end)
            if found.subject is None:
                found = None
        self._cache[i] = found
        return found

    def _verb_attribution(self, m: re.Match[str], sentence_start: int, sentence_end: int) -> Attribution:
        text = self.text
        before = tokens(text, max(sentence_start, m.start() - 160), m.start())
        if before and before[-1].lower in ("the", "a", "an", "its", "their", "his", "her", "our", "this"):
            return Attribution(m.start(), m.end(), None, m.start(), m.start(), False, False)  # "the reported deal"
        verb = m.group().lower()
        if verb in ("added", "adds") and not _ADDED_AS_SAID_RE.match(text, m.end()):
            return Attribution(m.start(), m.end(), None, m.start(), m.start(), False, False)  # "added 500 jobs"
        if verb.startswith("claim") and _CLAIMED_A_THING_RE.match(text, m.end()):
            return Attribution(m.start(), m.end(), None, m.start(), m.start(), False, False)  # "claimed the lives"
        if before and before[-1].lower in ("been", "be", "being", "was", "were", "is", "are"):
            return Attribution(m.start(), m.end(), None, m.start(), m.start(), False, False)  # "had been reported"
        words, opener = _noun_phrase_before(before)
        cleaned = _clean(words, text)
        if cleaned is None and (not before or before[-1].text in (",", "”", '"', "“", "—", ":")):
            after = tokens(text, m.end(), min(sentence_end, m.end() + 120))
            name = _noun_phrase_after(after)
            cleaned = _clean(name, text)
            if cleaned is not None:
                return Attribution(m.start(), m.end(), cleaned[0], cleaned[1], cleaned[2], True, False)
        if cleaned is None and before and before[-1].lower in ("and", "but"):
            # "The WFP said it fed 15,000 people, but warned that 4.9 million ...": the same subject
            earlier = [a for a in self._in_sentence((sentence_start, m.start())) if a.end <= m.start()]
            if earlier and not earlier[-1].after_verb:
                e = earlier[-1]
                return Attribution(m.start(), m.end(), e.subject, e.subject_start, e.subject_end, False, False)
        if cleaned is None:
            return Attribution(m.start(), m.end(), None, m.start(), m.start(), False, False)
        relative = opener in ("which", "that", "who", "whom")
        subordinate = opener in _SUBORDINATORS and not (
            opener in _CONTRASTS and _COMMA_BEFORE_RE.search(text, max(0, m.start() - 120), m.start())
        )
        return Attribution(m.start(), m.end(), *cleaned, False, relative, subordinate)

    # -- choosing -------------------------------------------------------------------------------------

    def _in_sentence(self, sentence: tuple[int, int]) -> list[Attribution]:
        lo = bisect.bisect_left(self._positions, sentence[0])
        hi = min(bisect.bisect_left(self._positions, sentence[1]), lo + 24)
        found = (self._attribution(i) for i in range(lo, hi))
        return [a for a in found if a is not None]

    def _applies(self, a: Attribution, start: int, end: int) -> bool:
        if a.subject_start <= start < a.subject_end or a.subject_start < end <= a.subject_end:
            return False  # the number is part of the source ("two Israeli officials said")
        if a.start < start:
            if a.after_verb and a.subject_end > start:
                return False
            between = self.text[a.end : start]
            return not _NEW_CLAUSE_RE.search(between)
        clause_end = a.start if a.after_verb else a.subject_start
        if a.start >= end and _CONTRAST_CLAUSE_RE.search(self.text, end, clause_end):
            return False
        return not a.relative

    def _pick(self, candidates: list[Attribution], start: int, end: int, *, in_quote: bool) -> Attribution | None:
        valid = [a for a in candidates if self._applies(a, start, end)]
        if not valid:
            return None
        if not in_quote:
            for a in valid:
                if self.text[a.start : a.start + 3].lower() == "acc":
                    return a
        # The asserter before the number outranks a relay after it ("X said 500 died, Anadolu reported").
        return min(valid, key=lambda a: (a.subordinate, a.start > end, min(abs(a.start - start), abs(a.start - end))))

    def source_for(self, start: int, end: int) -> str | None:
        sentence_start, sentence_end = self.map.sentence(start)
        sentence = (max(sentence_start, start - 600), min(sentence_end, end + 600))
        in_quote = self.map.quote_at(start) is not None
        chosen = self._pick(self._in_sentence(sentence), start, end, in_quote=in_quote)
        if chosen is None:
            previous = self.map.previous_sentence(start)
            reported = _REPORTED_RE.search(self.text, sentence[0], sentence[1])
            goes_on = _GOES_ON_RE.match(self.text, sentence_start) or _ALSO_RE.search(
                self.text, sentence_start, min(sentence_end, sentence_start + 300)
            )
            if previous is None and goes_on and sentence_start > 1:
                # after a paragraph break, only a sentence that refers back ("They included ...") goes on
                previous = (
                    self.map.sentence(sentence_start - 2) if self.map.paragraph_start(start) == sentence_start else None
                )
            if previous is not None and (in_quote or reported or goes_on):
                earlier = self._in_sentence((max(previous[0], previous[1] - 600), previous[1]))
                if earlier:
                    chosen = earlier[-1]
        if chosen is None and in_quote:
            chosen = self._continued_quote(start)
        if chosen is None or chosen.subject is None:
            return None
        return self._resolve(chosen.subject, chosen.subject_start)

    def _continued_quote(self, pos: int) -> Attribution | None:
        """A quotation running over paragraphs: the last paragraph's quote is left open, its speaker goes on."""
        paragraph = self.map.paragraph_start(pos)
        if paragraph == 0 or not _OPENS_WITH_QUOTE_RE.match(self.text, paragraph, paragraph + 3):
            return None
        before = self.map.quote_at(paragraph - 2)
        if before is None or before[1] < paragraph - 3:
            return None  # the previous paragraph closed its quotation
        previous = self.map.sentence(paragraph - 2)
        found = self._in_sentence((max(previous[0], previous[1] - 600), previous[1]))
        if not found:
            previous = self.map.previous_sentence(previous[0]) or previous
            found = self._in_sentence((max(previous[0], previous[1] - 600), previous[1]))
        return found[-1] if found else None

    # -- resolution -----------------------------------------------------------------------------------

    def _resolve(self, subject: str, pos: int) -> str | None:
        lowered = subject.lower()
        if lowered in PRONOUNS:
            if lowered in ("he", "she"):
                return self._last_person(pos)
            if lowered in ("it", "they"):
                return self._last_group(pos, plural=lowered == "they")
            return None
        words = subject.split()
        if len(words) == 1 and lowered in DEFINITE_HEADS:
            return self._fuller_mention(lowered, pos) or subject
        if words[-1].lower() in _BODY_NOUNS and len(words) <= 3 and all(w.islower() for w in words):
            return self._last_named_body(pos) or subject
        stripped = _strip_honorifics(words)
        if stripped[-1] in ORG_HEADS:
            return subject  # "General Dynamics": an organisation, not a title and a name
        if len(stripped) == 1 and stripped[0][:1].isupper():
            self._find_people()
            return self._full_names.get(stripped[0], stripped[0])
        if looks_like_person(subject):
            return " ".join(stripped)
        return subject

    def _last_person(self, pos: int) -> str | None:
        """The last person quoted before ``pos`` (looking back a bounded number of attributions), else named."""
        self._find_people()
        j = bisect.bisect_left(self._people_positions, pos) - 1
        named = self._people[j] if j >= 0 else None  # the last person who opens a sentence
        i = bisect.bisect_left(self._positions, pos) - 1
        single: Attribution | None = None  # "Sultan said": a lone capitalised word, used when nothing better
        for k in range(i, max(-1, i - 30), -1):
            a = self._attribution(k)
            if a is None or a.subject is None or a.subject.lower() in PRONOUNS or a.subject_start >= pos:
                continue
            if looks_like_person(a.subject) or a.subject.split()[-1] in self._full_names:
                if named is not None and named[0] > a.subject_end:
                    return named[1]
                return self._resolve(a.subject, a.subject_start)
            word = a.subject
            if single is None and " " not in word and word[:1].isupper() and not word.isupper():
                single = a if word.lower() not in NON_PERSON_WORDS else None
            if single is None and word.split()[-1].lower() in ROLE_NOUNS:
                single = a  # "its governor said ... he said": the governor
        if named is not None:
            return named[1]
        if single is None or single.subject is None:
            return None
        return self._resolve(single.subject, single.subject_start) or single.subject

    def _last_group(self, pos: int, *, plural: bool) -> str | None:
        """What "it said" / "they said" points back to: the last body (not a person) that asserted something
        before ``pos``; for "they", a plural one ("officials", "the authorities")."""
        i = bisect.bisect_left(self._positions, pos) - 1
        for k in range(i, max(-1, i - 12), -1):
            a = self._attribution(k)
            if a is None or a.subject is None or a.subject.lower() in PRONOUNS or a.subject_start >= pos:
                continue
            if looks_like_person(a.subject) or a.subject.split()[-1].lower() in ROLE_NOUNS:
                continue  # "it" and "they" never point to a person: step back over them
            if not plural or a.subject.endswith("s"):
                return self._resolve(a.subject, a.subject_start)
        return None

    def _last_named_body(self, pos: int) -> str | None:
        """The last organisation named (by an organisation word) in the 1,500 characters before pos."""
        last = None
        for m in _NAMED_BODY_RE.finditer(self.text, max(0, pos - 1500), pos):
            last = m
        if last is None:
            return None
        name = last.group()
        return name[4:] if name.startswith("The ") else name

    def _fuller_mention(self, head: str, pos: int) -> str | None:
        """The fuller earlier mention of a bare description: "the ministry" -> "Palestinian health ministry"."""
        window_start = max(0, pos - 6000)
        at = pos
        for _ in range(8):
            at = self.lower.rfind(head, window_start, at)
            if at < 0:
                return None
            end = at + len(head)
            if (at and self.lower[at - 1].isalnum()) or (end < len(self.lower) and self.lower[end].isalnum()):
                continue
            if at not in self._modified:
                mods: list[Token] = []
                for tok in reversed(tokens(self.text, max(0, at - 60), at)):
                    if (
                        not tok.is_word
                        or tok.text.lower() in SENTENCE_STARTERS
                        or tok.text in CLAUSE_WORDS
                        or len(mods) >= 3
                    ):
                        break
                    mods.insert(0, tok)
                self._modified[at] = " ".join([*(t.text for t in mods), self.text[at:end]]) if mods else None
            if self._modified[at] is not None:
                return self._modified[at]
        return None
