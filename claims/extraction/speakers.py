"""Who said each quotation: attribution patterns, then pronouns and descriptions resolved
through the article's own context. Unknown stays None: a wrong speaker is worse than none.

Just past 600 lines: the cascade of attribution rules reads as one ordered list (``Resolver``);
splitting it would scatter the order that decides which rule wins."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass

from claims.extraction import gazetteer as gz
from claims.extraction import lexicon as lx
from claims.extraction.names import PLACE_ALIASES
from claims.extraction.quotes import QuoteSpan
from claims.extraction.table import ActorBuild, ActorTable, Mention
from claims.extraction.text import Layout

_VERB_ALT = "|".join(sorted((re.escape(v) for v in lx.REPORTING_VERBS), key=len, reverse=True))
# The lookahead names the letters a verb can start with, so the search skips other positions fast.
_VERB_FIRST = "".join(sorted({v[0] for v in lx.REPORTING_VERBS} | {"A", "a"}))
_VERB_RE = re.compile(rf"(?=[{_VERB_FIRST}])\b(?:{_VERB_ALT}|[Aa]ccording to)\b")
# Words between a speaker and the verb: auxiliaries and adverbs ("Ellery allegedly told")
_ADVERB = r"[a-z]{2,}ly"
_AUX_TAIL = re.compile(
    r"(?:\s+(?:" + "|".join(re.escape(a) for a in lx.AUX_ADVERBS) + rf"|not|never|n't|{_ADVERB}))+\s*$"
)
_AUX_LAST = (*lx.AUX_ADVERBS, "not", "never", "n't", "ly")  # what text ends with when _AUX_TAIL matches it
_AUX_GAP = re.compile(r"(?:\s*,[^,]{0,60},)?\s+(?:(?:" + "|".join(lx.AUX_ADVERBS) + rf"|{_ADVERB})\s+){{0,2}}")
_NOUNS = lx.OFFICE_NOUNS | lx.ANY_PERSON_NOUNS | lx.GROUP_NOUNS | lx.ORG_LOWER_HEADS | lx.BODY_NOUNS | lx.DOC_NOUNS
_NOUN_ALT = "|".join(sorted((re.escape(n) for n in _NOUNS | gz.NATIONALITIES), key=len, reverse=True))
_DESC = (
    # "\b[Tt]h..." written as "[Tt](?<!\w[Tt])h...": a pattern that opens with a character class
    # lets the regex engine skip to the next T or t instead of trying every position
    rf"[Tt](?<!\w[Tt])h(?:e|is|at)\s+(?P<mods>(?:(?:[\w\-’']+|(?:[A-Z]\.)+)\s+){{0,3}}?)"
    rf"(?:(?P<noun>{_NOUN_ALT})|(?P<age>\d+-year-old))\b"
)
_DESC_END = re.compile(_DESC + r"\s*$")
_DESC_ALL = re.compile(_DESC)
_SPOKES_FOR = re.compile(
    r"(?:an?|the|A|An|The)\s+(?:\w+\s+)?(?:spokes(?:man|woman|person)|official)\s+(?:for|of|at)\s+"
)
_OWNER_OF = re.compile(
    r"[’']s\s+(?:press\s+)?(?:office|spokes(?:man|woman|person)|campaign|lawyers?|attorneys?|representatives?"
    rf"|(?:\w+\s+)?(?:{'|'.join(sorted(lx.DOC_NOUNS))}))\s*$"
)
_ISSUE_RE = re.compile(rf"\b(?:{'|'.join(sorted((re.escape(v) for v in lx.ISSUE_VERBS), key=len, reverse=True))})\b")
_DESC_START = re.compile(r"\s*" + _DESC)
_PRONOUN_END = re.compile(r"\b([Hh]e|[Ss]he|[Ii]t|[Tt]hey)\s*$")
_PRONOUN_START = re.compile(r"\s*([Hh]e|[Ss]he|[Ii]t|[Tt]hey)\b")
_SPOKES_AFTER = re.compile(r"\s+(?:military\s+|army\s+|government\s+|ministry\s+)?(spokes(?:man|woman|person))\b")
_OF_PLACE_TAIL = re.compile(r"\s+(?:of|from)\s+[A-Z][\w\-’']*(?:\s+[A-Z][\w\-’']*)*\s*$")
_TITLE_GAP = re.compile(r"(?:(?:[A-Z][\w.\-’']*|the|a|an|[a-z\-]+)\s+){0,4}")
_GAP_WORDS = (
    lx.ROLE_NOUNS | lx.ORG_LOWER_MODS | lx._words("the a an senior top former deputy chief local retired acting")
)
_CLAUSE_WORDS = lx._words("that to who which when while as if because and but or in on at of for by with from")
# Capitalised title words (and joiners) between an organisation and the person it introduces
_TITLE_ONLY = re.compile(r"\s+(?:(?:[A-Z][\w.\-’']*|of|for|the|and)\s+){0,5}")
# A description that ends on a comma before a name: "the union leader, ", "Chile’s envoy to the assembly, "
_APPOSED_NAME = re.compile(
    r"(?:(?:the|a|an|its|their|his|her)\s+|[A-Z][\w\-]*[’']s\s+)(?:[\w\-’']+\s+){0,5}?[a-z][\w\-]*"
    r"(?:\s+(?:of|for|to|at|in|with)\s+(?:the\s+)?[\w\-’'.]+(?:\s+[\w\-’'.]+){0,3}?)?,\s+"
)
_SPOKES_FOR_ANY = re.compile(r"\bspokes(?:man|woman|person)\s+(?:for|of|at)\s+")
_SAID_IN_DOC = re.compile(
    r"\b(?:said|says|wrote|writes|announced|added)\s+in\s+(?:a|an|its|their|his|her)\s+(?:\w+\s+)?"
    rf"(?:{'|'.join(sorted(lx.DOC_NOUNS))})\b"
)
_WITH_ORG = re.compile(r"\s+(?:with|of|at|from|for)\s+(?:the\s+)?$")
# Words that show a name further on is not the sentence's subject: "The curfew that Ahmad opposes ..."
_NOT_SUBJECT_LEAD = lx._words(
    "that which who whom whose has have had is was were are made makes said says told with by for of to"
)


def _subject_lead(lead: str) -> bool:
    """Whether a name after these words can still be its sentence's subject ("But Mayor", "In May, the")."""
    words = lead.split()
    return len(words) <= 8 and not any(w.strip(",").lower() in _NOT_SUBJECT_LEAD for w in words)


_NAME_CLOSES = re.compile(r"\s*(?:[.,;:!?)”\"]|$)")
_CLAUSE_OPEN = re.compile(r"(?:^|[.;:,!?\n”\"]|\band|\bbut)\s*$")  # where a subject can start
_DASH_AFTER = re.compile(r"\s*(?:—|–|--)\s*")
_LEAD_IN = re.compile(
    r"\s*(?:[Bb]ut|[Aa]nd|[Yy]et|[Ss]o|[Tt]hen|[Ll]ater|[Nn]ow|[Ii]n\s+[^,]{1,40},|[Oo]n\s+[^,]{1,30},)?\s*"
)


@dataclass(frozen=True, slots=True)
class Attribution:
    actor: int | None
    surface: str | None
    verb: str | None
    confidence: float


_NONE = Attribution(None, None, None, 0.0)


class Resolver:
    def __init__(self, text: str, layout: Layout, table: ActorTable, quotes: list[QuoteSpan]) -> None:
        self.text = text
        self.layout = layout
        self.table = table
        self.qspans = [(q.open, q.close) for q in quotes]
        self._opens = [q.open for q in quotes]
        outside = [m for m in table.mentions if not self._quoted(m.start) and table.actors[m.actor].type != "merged"]
        self.mentions = outside
        self.starts = [m.start for m in outside]
        self.by_end = {m.end: m for m in outside}
        self.by_start = {m.start: m for m in outside}
        self.spokes: list[tuple[int, int]] = []  # (end of "spokesperson", org index)
        for m in outside:
            a = table.actors[m.actor]
            if a.type in ("organization", "place"):
                sm = _SPOKES_AFTER.match(text, m.end)
                if sm:
                    self.spokes.append((sm.end(), m.actor))
        self.spokes_by_end = dict(self.spokes)
        self._add_descriptions()

    def _quoted(self, pos: int) -> bool:
        """_inside(pos, self.qspans), bisecting plain offsets rather than tuples."""
        i = bisect_right(self._opens, pos) - 1
        return i >= 0 and pos < self.qspans[i][1]

    def _add_descriptions(self) -> None:
        """Resolved descriptions ("the army", "the minister") become mentions too, so a later
        "it said" or "he said" can find them."""
        found = []
        for dm in _DESC_ALL.finditer(self.text):
            if self._quoted(dm.start()) or dm.end() in self.by_end or not _standalone(self.text, dm):
                continue
            if (dm.group("noun") or "").lower() in lx.DOC_NOUNS:
                continue  # a document is no one's mention: "the resolution" said nothing a pronoun takes up
            actor = self.description(dm)
            if actor is not None:
                found.append(Mention(dm.start(), dm.end(), actor))
        if found:
            self.mentions = sorted(self.mentions + found, key=lambda m: m.start)
            self.starts = [m.start for m in self.mentions]

    # -- expressions naming a speaker -------------------------------------------------
    def ending_at(self, e: int) -> tuple[int | None, str, bool] | None:
        """(actor, surface, resolved-from-context) for an expression ending at e, or None."""
        t = self.text
        while e > 0 and t[e - 1].isspace():
            e -= 1
        if e in self.spokes_by_end:
            return self.spokes_by_end[e], t[max(0, e - 30) : e].split(",")[-1].strip(), True
        m = self.by_end.get(e)
        if m is not None:
            return m.actor, t[m.start : m.end], False
        om = _OWNER_OF.search(t, max(0, e - 40), e)
        if om and om.start() in self.by_end:  # "Netanyahu’s office said": the owner speaks
            m = self.by_end[om.start()]
            return m.actor, t[m.start : e], True
        pm = _PRONOUN_END.search(t, max(0, e - 5), e)
        if pm:
            return self.pronoun(pm.start(1), pm.group(1).lower()), pm.group(1), True
        dm = _DESC_END.search(t, max(0, e - 80), e)
        if dm:
            if (dm.group("noun") or "").lower() in lx.DOC_NOUNS and not _CLAUSE_OPEN.search(
                t, max(0, dm.start() - 12), dm.start()
            ):
                return None  # "who did not work on the study, told": the document is not the subject
            return self.description(dm), dm.group(0).strip(), True
        return None

    def starting_at(self, s: int) -> tuple[int | None, str, int, bool] | None:
        t = self.text
        while s < len(t) and t[s].isspace():
            s += 1
        pm = _PRONOUN_START.match(t, s)
        if pm:
            return self.pronoun(pm.start(1), pm.group(1).lower()), pm.group(1), pm.end(), True
        sm = _SPOKES_FOR.match(t, s)
        if sm:  # "said a spokesperson for the Coast Guard": the organisation
            inner = self.starting_at(sm.end())
            if inner and inner[0] is not None and self.table.actors[inner[0]].type != "person":
                return inner[0], t[s : inner[2]], inner[2], True
        ap = _APPOSED_NAME.match(t, s, min(len(t), s + 90))
        if ap:  # "said the union leader, Moira Kelly", "said Chile’s envoy to the talks, Tomas Riquelme"
            j = bisect_left(self.starts, ap.end())
            if j < len(self.mentions) and self.mentions[j].start == ap.end():
                m = self.mentions[j]
                # the name closes the phrase: "..., Moira Kelly." (not "..., Kelly and Ross agreed")
                if self.table.actors[m.actor].type == "person" and _NAME_CLOSES.match(t, m.end):
                    return m.actor, t[m.start : m.end], m.end, False
        gap = _TITLE_GAP.match(t, s, min(len(t), s + 60))
        i = bisect_left(self.starts, s)
        if i < len(self.mentions) and self.mentions[i].start <= (gap.end() if gap else s):
            m = self.mentions[i]
            gap_words = t[s : m.start].split()
            person = self.table.actors[m.actor].type == "person"
            # "said union leader Tom Barnes", "says retail analyst Paul Bishop": lower-case nouns right
            # before a person's name describe them
            role_last = bool(gap_words) and len(gap_words) <= 3 and (gap_words[-1].lower() in lx.ROLE_NOUNS or person)
            if not re.search(r"[,;:!?\"“”]", t[s : m.start]) and all(
                (w[0].isupper() and (not w.endswith(".") or len(w) <= 4))
                or w in _GAP_WORDS
                or (role_last and w.isalpha() and w.islower() and w not in _CLAUSE_WORDS)
                for w in gap_words
            ):
                if not person:  # "said Lakeview Police Commissioner Ilona Berg": the person, not the force
                    got = self._person_after(m.end)
                    if got is not None:
                        return got
                end = m.end
                sp = _SPOKES_AFTER.match(t, end)
                return m.actor, t[m.start : m.end], sp.end() if sp else end, False
        dm = _DESC_START.match(t, s)
        if dm:
            return self.description(dm), dm.group(0).strip(), dm.end(), True
        return None

    def _person_after(self, e: int) -> tuple[int | None, str, int, bool] | None:
        """A person named right after an organisation or place, across title words only."""
        j = bisect_left(self.starts, e)
        if j >= len(self.mentions):
            return None
        m = self.mentions[j]
        between = self.text[e : m.start]
        if self.table.actors[m.actor].type == "person" and _TITLE_ONLY.fullmatch(between):
            return m.actor, self.text[m.start : m.end], m.end, False
        return None

    # -- context ----------------------------------------------------------------------
    def _before(self, pos: int, limit: int = 60) -> range:
        """Indexes of mentions (outside quotes) before pos, most recent first."""
        i = bisect_left(self.starts, pos) - 1
        return range(i, max(-1, i - limit), -1)

    def pronoun(self, pos: int, word: str) -> int | None:
        """The subject of the latest sentence naming a fitting person ("Kirby offered a response
        to Netanyahu's decision ... 'We're disappointed,' he said" -> Kirby)."""
        if word == "they":
            return self._plural_subject(pos)
        want = "m" if word == "he" else "f"

        def fits(i: int) -> bool:
            m = self.mentions[i]
            a = self.table.actors[m.actor]
            if word == "it":  # "the ministry said ... it said": an organisation, or a country as a subject
                return a.type == "organization" or (a.type == "place" and self._opens_sentence(m.start))
            return a.type == "person" and (a.gender is None or a.gender == want)

        for i in self._before(pos):
            if not fits(i):
                continue
            ss = self.layout.sentence_start(self.mentions[i].start, self.qspans)
            j = bisect_left(self.starts, ss)
            while j < i and not fits(j):
                j += 1
            if j < i and not _subject_lead(self.text[ss : self.mentions[j].start]):
                j = i  # the first person named is no subject ("The security that Ahmed criticises has made X ...")
            found = self.mentions[j]
            spokes = self._spokes_after(found.end, pos) if word != "it" else None
            return found.actor if spokes is None else spokes
        return self._spokes_after(max(0, pos - 600), pos) if word != "it" else None

    def _spokes_after(self, a: int, pos: int) -> int | None:
        """The organisation of an unnamed spokesperson between a and pos: "A Coast Guard spokesman
        briefed reporters. He claimed ..." is the Coast Guard speaking."""
        k = bisect_right(self.spokes, (pos, -1)) - 1
        return self.spokes[k][1] if k >= 0 and self.spokes[k][0] > a else None

    def _opens_sentence(self, pos: int) -> bool:
        ss = self.layout.sentence_start(pos, self.qspans)
        return not self.text[ss:pos].strip() or self.text[ss:pos].strip() in ("The", "the")

    def _plural_subject(self, pos: int) -> int | None:
        """'The Houthis issued a statement. "...," they said': an organisation with a plural name that
        opens the sentence before (or this one); anyone else ("residents", "witnesses") stays unknown."""
        ss = self.layout.sentence_start(pos, self.qspans)
        for start in (ss, self.layout.sentence_start(ss - 1, self.qspans) if ss > 0 else -1):
            if start < 0:
                continue
            lead = re.match(r"\s*(?:[Tt]he\s+)?", self.text[start : start + 6])
            j = bisect_left(self.starts, start)
            if j < len(self.mentions) and self.mentions[j].start == start + (lead.end() if lead else 0):
                a = self.table.actors[self.mentions[j].actor]
                if a.type == "organization" and a.name.split()[-1].endswith("s") and self.mentions[j].start < pos:
                    return self.mentions[j].actor
        return None

    def description(self, dm: re.Match[str]) -> int | None:
        pos = dm.start()
        noun = (dm.group("noun") or "").lower()
        if dm.group("age") or noun in lx.ANY_PERSON_NOUNS - lx.OFFICE_NOUNS or dm.group("noun") in gz.NATIONALITIES:
            return self._recent(pos, lambda a: a.type == "person")
        quals = _qualifiers(dm.group("mods") or "")
        if noun in lx.DOC_NOUNS:
            return self._issuer(pos)
        if noun in lx.BODY_NOUNS and noun not in lx.ORG_LOWER_HEADS:
            return self._body(pos, noun)
        if noun in lx.GROUP_NOUNS:
            return self._recent(pos, lambda a: a.type == "organization")
        if noun in lx.ORG_LOWER_HEADS and noun not in lx.OFFICE_NOUNS:
            heads = lx.ARMED_HEADS if noun in lx.ARMED_HEADS else {noun}
            return self._recent(
                pos,
                lambda a: (
                    a.type == "organization" and any(h in a.name.lower() for h in heads) and _has_quals(a.name, quals)
                ),
            )
        roles = lx.ROLE_SYNONYMS.get(noun, {noun})
        person = self._recent(
            pos, lambda a: a.type == "person" and any(r in a.roles for r in roles) and _has_quals(a.roles, quals)
        )
        if noun in lx.SPOKES_NOUNS:
            spokes = [(e, o) for e, o in self.spokes if e <= pos]
            if spokes and (person is None or self._last_pos(person, pos) < spokes[-1][0]):
                return spokes[-1][1]
            if person is None:  # "a spokesperson for the agency said ... the spokesperson said": the agency
                return self._spoken_for(pos)
        return person

    def _spoken_for(self, pos: int) -> int | None:
        """The organisation of the last "spokesperson for X" before pos, else the last one named."""
        last = None
        for m in _SPOKES_FOR_ANY.finditer(self.text, max(0, pos - 1500), pos):
            last = m
        if last is not None:
            j = bisect_left(self.starts, last.end())
            if j < len(self.mentions) and self.text[last.end() : self.mentions[j].start] in ("", "the "):
                actor = self.mentions[j].actor  # "a spokesperson for the UN secretary general": the UN
                if self.table.actors[actor].type != "person":
                    return actor
        return self._recent(pos, lambda a: a.type == "organization")

    def _issuer(self, pos: int) -> int | None:
        """Who issued the document that "the notice says" quotes: the subject of the latest sentence in
        this paragraph or the one before that issues or releases something; None when no one does."""
        pi = self.layout.para_index(pos)
        lo = self.layout.paras[max(0, pi - 1)][0]
        last = None
        for vm in _ISSUE_RE.finditer(self.text, lo, pos):
            last = vm
        for vm in _SAID_IN_DOC.finditer(self.text, last.end() if last else lo, pos):
            last = vm  # "X said in a statement that ... The statement said": X
        if last is None:
            return None
        sub = self._subject(last.start())
        if sub and sub[0] is not None and self.table.actors[sub[0]].type != "place":
            return sub[0]
        ss = self.layout.sentence_start(last.start(), self.qspans)
        j = bisect_left(self.starts, ss)
        if j < len(self.mentions) and self.mentions[j].start < last.start():
            return self.mentions[j].actor
        return None

    def _body(self, pos: int, noun: str) -> int | None:
        """'the county said', 'the airline said', 'the nurses wrote': the organisation (or the region
        acting as one) named before whose name holds the noun; for a company word, the last organisation."""
        cap = noun.capitalize()
        hit = self._recent(
            pos,
            lambda a: (
                a.type in ("organization", "place")
                and cap in a.name.split()
                and (a.type == "organization" or noun in lx.REGION_NOUNS)
            ),
        )
        if hit is not None:
            a = self.table.actors[hit]
            if a.type == "place":
                a.type = "organization"  # "Kerr County ... the county said": its government acting
            return hit
        if noun in lx.COMPANY_NOUNS:  # the last organisation that was the subject of its sentence
            for i in self._before(pos, 400):
                m = self.mentions[i]
                if self.table.actors[m.actor].type == "organization":
                    ss = self.layout.sentence_start(m.start, self.qspans)
                    if len(self.text[ss : m.start].split()) <= 1:
                        return m.actor
        return None

    def _recent(self, pos: int, ok: Callable[[ActorBuild], bool]) -> int | None:
        """The first fitting actor of the latest sentence that names one (its subject, usually)."""
        for i in self._before(pos, 400):
            if ok(self.table.actors[self.mentions[i].actor]):
                ss = self.layout.sentence_start(self.mentions[i].start, self.qspans)
                j = bisect_left(self.starts, ss)
                while j < i and not ok(self.table.actors[self.mentions[j].actor]):
                    j += 1
                return self.mentions[j].actor
        return None

    def _last_pos(self, actor: int, pos: int) -> int:
        for i in self._before(pos, 400):
            if self.mentions[i].actor == actor:
                return self.mentions[i].start
        return -1

    # -- attribution ------------------------------------------------------------------
    def attribute(self, q: QuoteSpan, prev: tuple[QuoteSpan, Attribution] | None) -> Attribution:
        t = self.text
        ps = self.layout.para_of(q.open)[0]
        pe = self.layout.para_of(max(q.open, q.close - 1))[1]
        nxt_q = bisect_left(self.qspans, (q.close, q.close))
        limit = min(pe, q.close + 220, self.qspans[nxt_q][0] if nxt_q < len(self.qspans) else pe)
        sent_end = min(limit, self.layout.sentence_end(q.close, self.qspans) if q.close < pe else pe)
        verb_after = bool(_VERB_RE.search(t, q.close, sent_end))
        # A. right after the closing mark: “…,” she said / said Tom White / according to X
        p = q.close
        while p < limit and t[p] in " ,\u00a0":
            p += 1
        if _ends_sentence(t, q, p):
            limit = sent_end = p  # “… ever seen.” The prime minister added …: a new sentence
        dash = _DASH_AFTER.match(t, p, limit)
        if dash:  # “…” — Amira Haddad, a farmer: a credit line
            st = self.starting_at(dash.end())
            if st and not st[3] and st[0] is not None and self.table.actors[st[0]].type != "place":
                return Attribution(st[0], st[1], None, 0.75)
        vm = _VERB_RE.match(t, p)
        if vm:
            st = self.starting_at(vm.end())
            if st:
                return Attribution(st[0], st[1], vm.group(), 0.9 if not st[3] else 0.8)
        st = self.starting_at(p) if p < limit else None
        if st:
            gap = _AUX_GAP.match(t, st[2], limit)
            after = gap.end() if gap else st[2]
            vm = _VERB_RE.match(t, after)
            if vm:
                return Attribution(st[0], st[1], vm.group(), 0.9 if not st[3] else 0.8)
        # C. before the opening mark, in the same sentence: X said that “…” / X added: “…”
        ss = self.layout.sentence_start(q.open, self.qspans)
        ss = max(ss, ps, prev[0].close if prev and prev[0].close <= q.open else ss)
        verbs = list(_VERB_RE.finditer(t, ss, q.open))
        dangling = False
        for vm in reversed(verbs):
            if vm.group().lower() == "according to":
                st = self.starting_at(vm.end())
                if st:
                    return Attribution(st[0], st[1], vm.group(), 0.8)
                continue
            sub = self._subject(vm.start())
            if sub:
                return Attribution(sub[0], sub[1], vm.group(), 0.85 if not sub[2] else 0.75)
            st = self.starting_at(vm.end())
            if (
                st
                and st[2] <= q.open
                and vm.group() in ("said", "says", "added")
                and not re.search(r"[a-z]", t[st[2] : q.open])  # "said the U.S. abstention “…”": a clause
            ):
                return Attribution(st[0], st[1], vm.group(), 0.7)
            dangling = True
        # B. later in the same sentence: “…” during the raid, the spokesperson said
        for vm in _VERB_RE.finditer(t, q.close, sent_end):
            if vm.group().lower() == "according to":
                st = self.starting_at(vm.end())
                if st:
                    return Attribution(st[0], st[1], vm.group(), 0.8)
                continue
            sub = self._subject(vm.start())
            if sub:
                return Attribution(sub[0], sub[1], vm.group(), 0.75)
        if verbs or t[max(ps, q.open - 3) : q.open].strip().endswith((":", "—", "–")):
            lead = _LEAD_IN.match(t, ss, q.open)
            st = self.starting_at(lead.end() if lead else ss)
            if st and st[2] <= q.open:
                return Attribution(st[0], st[1], verbs[-1].group() if verbs else None, 0.65)
            if dangling:
                st = self.starting_at(q.close)
                if st and st[2] <= sent_end:
                    return Attribution(st[0], st[1], verbs[-1].group(), 0.6)
        # C'. a paragraph that ends on a colon introduces the quotation opening the next one
        pi = self.layout.para_index(q.open)
        if not t[ps : q.open].strip() and pi > 0:
            pps, ppe = self.layout.paras[pi - 1]
            if t[pps:ppe].rstrip().endswith(":"):
                end = pps + len(t[pps:ppe].rstrip()) - 1
                pss = self.layout.sentence_start(end, self.qspans)
                for vm in reversed(list(_VERB_RE.finditer(t, pss, end))):
                    sub = self._subject(vm.start())
                    if sub:
                        return Attribution(sub[0], sub[1], vm.group(), 0.75)
        # D. a quotation following one by a known speaker, with no one else named between
        if prev and prev[1].actor is not None and not verb_after and not verbs:
            pq, pa = prev
            pi, qi = self.layout.para_index(pq.open), self.layout.para_index(q.open)
            starts_para = not t[ps : q.open].strip()
            # people named in the attribution of the quotation before are not new speakers ("Nunes told Pratt.")
            after = min(q.open, self.layout.sentence_end(pq.close, self.qspans)) if pa.verb else pq.close
            if (
                pa.actor is not None
                and (pi == qi or (starts_para and qi == pi + 1))
                and not self._named_between(after, q.open, pa.actor)
            ):
                return Attribution(pa.actor, None, None, 0.6)
        # E. the subject of the sentence before, in the same paragraph
        if not t[ss : q.open].strip() and ss > ps:
            prev_ss = self.layout.sentence_start(ss - 1, self.qspans)
            lead = _LEAD_IN.match(t, prev_ss, ss)
            st = self.starting_at(lead.end() if lead else prev_ss)
            if st and st[0] is not None and self.table.actors[st[0]].type == "person":
                return Attribution(st[0], None, None, 0.5)
        return _NONE

    def _named_between(self, a: int, b: int, actor: int) -> bool:
        i = bisect_left(self.starts, a)
        while i < len(self.mentions) and self.mentions[i].start < b:
            m = self.mentions[i]
            if m.actor != actor and self.table.actors[m.actor].type == "person":
                return True
            i += 1
        return False

    def _subject(self, v: int) -> tuple[int | None, str, bool] | None:
        """The speaker right before a reporting verb: 'Katz said', 'Mr. Warner, the Virginia Democrat, called'."""
        t = self.text
        lo = max(0, v - 200)
        head = t[lo:v]
        # the searches are skipped when what they need is missing: both try every position
        am = _AUX_TAIL.search(head) if head.rstrip().endswith(_AUX_LAST) else None
        if am:
            head = head[: am.start()]
        e = lo + len(head.rstrip())
        seg = t[lo:e]
        om = _OF_PLACE_TAIL.search(seg) if "of" in seg or "from" in seg else None
        if om:  # "Senator Mitch McConnell of Kentucky called"
            got = self.ending_at(lo + om.start())
            if got:
                return got
        got = self.ending_at(e)
        if got and got[0] is not None and not got[2] and self.table.actors[got[0]].type != "person":
            # "Captain Rune Halvorsen with the Harbour Police said": the person the organisation is with
            m = self.by_end.get(e)
            if m is not None:
                wm = _WITH_ORG.search(t, max(0, m.start - 12), m.start)
                if wm:
                    person = self.by_end.get(wm.start())
                    if person is not None and self.table.actors[person.actor].type == "person":
                        return person.actor, t[person.start : person.end], False
        if got:
            return got
        if seg.endswith(","):
            # "Amin Khader, told" or "Mr. Warner, the Virginia Democrat, called": prefer a person
            found = [self.ending_at(e - 1)]
            c = len(seg) - 1
            floor = max(0, len(seg) - 190, self.layout.sentence_start(v, self.qspans) - lo)
            # "X, a spokesperson for Y, the U.S. operation in Iraq and Syria, told": back over the asides
            for _ in range(4):
                c = seg.rfind(",", floor, c)
                if c <= 0 or re.search(r"[;:!?“”\"]", seg[c:]):
                    break
                found.append(self.ending_at(lo + c))
                om = _OF_PLACE_TAIL.search(seg, max(0, c - 60), c)
                if om:  # "Senator Mitch McConnell of Kentucky, the minority leader, said"
                    found.append(self.ending_at(lo + om.start()))
            found = [f for f in found if f is not None]
            for f in found:
                if f is not None and f[0] is not None and self.table.actors[f[0]].type == "person":
                    return f
            if found:
                return found[0]
        return None


_SHORT_TAIL = re.compile(rf"\s*(?:[A-Z][\w.’'\-]*\s+){{1,4}}(?:{_VERB_ALT})(?:\s+[\w,]+){{0,4}}?\s*[.]")


_AFTER_DESC = re.compile(r"\s*(?:[,;.:!?)]|$|([a-z][\w’']*))")
_DESC_NEXT_OK = lx.REPORTING_VERBS | lx.AUX_ADVERBS | lx._words("who which that and but said says")


def _standalone(t: str, dm: re.Match[str]) -> bool:
    """A description that stands for someone ("the army said"), not a modifier or a title
    before a name ("the Palestinian authority", "the minister of health", "the head of X")."""
    m = _AFTER_DESC.match(t, dm.end())
    if not m:
        return False
    nxt = m.group(1)
    return nxt is None or nxt in _DESC_NEXT_OK or (nxt.endswith("ed") and nxt != "of")


def _ends_sentence(t: str, q: QuoteSpan, p: int) -> bool:
    """A quotation closing on a full stop, followed by a capital, ends its sentence, unless
    a bare 'Name said.' follows."""
    inner = t[q.start : q.end].rstrip()
    if not inner.endswith(".") or p >= len(t) or not t[p].isupper():
        return False
    return not _SHORT_TAIL.match(t, q.close, min(len(t), q.close + 80))


def _qualifiers(mods: str) -> set[str]:
    out = set()
    for w in re.findall(r"[\w.]+", mods):
        if w in gz.DEMONYM_OF:
            out.add(gz.DEMONYM_OF[w].lower())
        elif w in PLACE_ALIASES or (w.isupper() and len(w) >= 2):
            out.add(PLACE_ALIASES.get(w, w).lower())
    return out


def _has_quals(s: str, quals: set[str]) -> bool:
    if not quals:
        return True
    low = s.lower()
    for q in quals:
        forms = {q} | {k.lower() for k, v in PLACE_ALIASES.items() if v.lower() == q}
        forms |= {d.lower() for d, c in gz.DEMONYM_OF.items() if c.lower() == q}
        if not any(re.search(rf"(?<!\w){re.escape(f)}(?!\w)", low) for f in forms):
            return False
    return True
