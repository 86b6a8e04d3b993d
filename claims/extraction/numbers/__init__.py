"""Numeric claims: every number in a news text that counts or measures something, with what it counts,
how it is hedged, and who asserts it.

    >>> [(c.value, c.qualifier, c.category) for c in find_numeric_claims("Rockets killed more than 40 people.")]
    [(Decimal('40'), 'more_than', 'killed')]

The pieces: ``parse`` finds and filters number expressions, ``category`` reads what
they count, ``source`` finds who says so, ``text`` holds the sentence and quotation map.
No Django; deterministic; never raises on a ``str``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from claims.extraction.frame import Evidence, find_parts, resolve_frames
from claims.extraction.gazetteer import DEMONYM_OF
from claims.extraction.numbers.category import CONFLICT, EarlierClaim, categorize
from claims.extraction.numbers.lexicon import CATEGORY_WORDS, MONTHS, PERSON_NOUNS, WEEKDAYS, word_set
from claims.extraction.numbers.parse import NUMBER_START_WORDS, Mention, find_mentions
from claims.extraction.numbers.source import ATTRIBUTION_WORDS, SourceFinder
from claims.extraction.numbers.text import TextMap, TokenWindows, ascii_lower, scan_words
from claims.extraction.types import NumericClaim

MONTHS_AND_DAYS = frozenset(MONTHS) | WEEKDAYS
_PLACE_RE = re.compile(
    r"\b(?:in|across|inside|throughout)\s+(?:the\s+)?(?:(?:northern|southern|eastern|western|central|occupied|"
    r"besieged)\s+)?((?:[A-Z][\w'’-]+)(?:\s+[A-Z][\w'’-]+){0,2})"
)
_NOT_PLACES = MONTHS_AND_DAYS | word_set(
    "January February March April May June July August September October November December Monday Tuesday "
    "Wednesday Thursday Friday Saturday Sunday The A"
)
_NEXT_WORD_RE = re.compile(r" ([a-z]+)")
# "one official said", "one of the most...": "one" counts only when it is clearly a count.
_ONE_PRONOUN_BEFORE = re.compile(r"(?i:\b(?:including|killing|killed|wounding|wounded|only|just|least)\s+$)")
_ONE_DETERMINER_BEFORE = re.compile(
    r"(?i:\b(?:no|any|every|each|the|this|that|which|some|of|in|on|at|from|for|with|by|into|to)\s*$)"
)


def _place(text: str, start: int, limit: int) -> str | None:
    for m in _PLACE_RE.finditer(text, start, min(limit, start + 100)):
        name = m.group(1)
        if name.split()[0].rstrip(".") in _NOT_PLACES or name.endswith(("’", "'", "'s", "’s")) or "’ " in name:
            continue
        if " " not in name and name.endswith(("i", "ian", "ese", "ish")) and _NEXT_WORD_RE.match(text, m.end(1)):
            continue  # "in Israeli strikes": an adjective, not a place
        return name
    return None


def _keep_one(text: str, mention: Mention, category: str) -> bool:
    if mention.word != "one" or mention.value_max is not None or mention.qualifier != "exact":
        return True  # "one or two", "at least one": a count
    before = text[max(0, mention.qualifier_start - 20) : mention.qualifier_start]
    if _ONE_DETERMINER_BEFORE.search(before):
        return False
    return category in CONFLICT or bool(_ONE_PRONOUN_BEFORE.search(before))


@dataclass(slots=True)
class _Draft:
    """A claim while the article-level passes still adjust it; frozen into a NumericClaim at the end
    (dataclasses.replace on every adjustment cost more than the passes). Fields in NumericClaim's order."""

    value: Decimal
    value_max: Decimal | None
    qualifier: str
    category: str
    noun: str | None
    place: str | None
    source_index: int | None
    source_surface: str | None
    span: str
    start: int
    end: int
    confidence: float


_LIST_TAIL_RE = re.compile(r"[^.;:!?]{0,40}(?:,|\band)\s+$")


def _list_item(text: str, start: int, earlier: list[EarlierClaim], sentence: tuple[int, int]) -> bool:
    """ "one" as the last item of a list of counts: "81 Israelis, 23 Thais and one Filipino"."""
    if not earlier or earlier[-1].end < sentence[0] or start - earlier[-1].end > 40:
        return False
    return _LIST_TAIL_RE.fullmatch(text, earlier[-1].end, start) is not None


_ABOARD_RE = re.compile(r"\b(?:on\s+board|aboard|onboard)\b", re.I)
_CARRYING_RE = re.compile(r"\b(?:carrying|carried|with)\s+(?:some\s+|about\s+|at\s+least\s+|more\s+than\s+)?$", re.I)
_VANISHED_RE = re.compile(
    r"\b(?:missing|disappeared|vanished|lost\s+contact|contact\b[^.;]{0,80}\b(?:was|had\s+been)\s+lost|unaccounted|"
    r"went\s+down|sank|capsized)\b",
    re.I,
)
_KILLING_BEFORE_RE = re.compile(r"(?i:\b(?:killing|killed|kills|dead|died)\b[\w\s]{0,12}$)")


def _aboard_missing(text: str, claim: _Draft, sentence: tuple[int, int], vanished: bool) -> bool:
    """People aboard a vessel or plane that has gone missing: "a plane carrying 162 people", "with 239
    passengers and crew on board", "On board were 155 Indonesians" -> missing."""
    if not vanished or claim.category not in ("other", "population", "killed"):
        return False
    before = text[max(sentence[0], claim.start - 40) : claim.start]
    if _KILLING_BEFORE_RE.search(before):
        return False  # "killing all 298 people on board"
    after = text[claim.end : min(sentence[1], claim.end + 40)]
    carrying = _CARRYING_RE.search(before) is not None
    aboard_after = _ABOARD_RE.match(after.lstrip(" ,")) is not None or _ABOARD_RE.search(after[:20]) is not None
    aboard_before = claim.start - sentence[0] < 80 and _ABOARD_RE.search(text, sentence[0], claim.start) is not None
    if not (carrying or aboard_after or aboard_before) or (claim.category == "killed" and not carrying):
        return False
    noun = claim.noun or ""
    return noun.lower() in PERSON_NOUNS or noun in PERSON_NOUNS or noun.lower() == "crew" or noun[:-1] in DEMONYM_OF


_ENGLISH_WORDS = word_set("the and of to in is was were said that for with on by from have has are")
_OTHER_WORDS = word_set(
    "der die das und ist wurden nicht mit von den le la les et des est ont une sont el los las que por para del "
    "una fueron il di che per sono della het een zijn de du au aux selon sur dans pour qui mit nach wie"
)
_WORD_RE = re.compile(r"[a-zäöüéèêàçñ]+")
_THOUSANDS_DOT_OR_SPACE_RE = re.compile(r"[.,]\d|\s\d{3}(?!\d)")
_DIGIT_BEFORE_RE = re.compile(r"\d[\s.,]$")


_AMBIGUOUS_GROUPING_RE = re.compile(r"\d(?:\.\d{3}(?!\d)|,\d{1,2}(?!\d)| \d{3}(?!\d))")


def _foreign_digits(text: str) -> bool:
    """Whether the text reads as another language than English, where "1.400" and "1 200" are thousands
    and "3,5" a decimal: judged by function words in its first 1,500 characters."""
    if _AMBIGUOUS_GROUPING_RE.search(text) is None:
        return False  # nothing a language could change: "1,400", "3.5" read alike
    head = f" {text[:1500].lower()} "
    english = sum(head.count(f" {w} ") for w in _ENGLISH_WORDS)
    other = sum(head.count(f" {w} ") for w in _OTHER_WORDS)
    return other >= 2 and other > 2 * english


def _ambiguous_digits(text: str, mention: Mention) -> bool:
    """Digits whose grouping marks differ between languages: "1.400", "3,5", "1 200"."""
    tail = text[mention.end : mention.end + 5]
    head = text[max(0, mention.start - 2) : mention.start]
    word = mention.word
    grouped = "." in word or ("," in word)
    return grouped or bool(_THOUSANDS_DOT_OR_SPACE_RE.match(tail)) or bool(_DIGIT_BEFORE_RE.search(head))


def find_numeric_claims(text: str, *, title: str | None = None, published: object = None) -> list[NumericClaim]:
    """Numeric claims of ``text``, sorted by start offset, each with its frame; ``source_index`` is left
    to the caller. ``title`` and ``published`` help resolve the frames (headline place, "since 7 October")."""
    if not isinstance(text, str) or not text:
        return []
    text_map = TextMap(text)
    lower = ascii_lower(text)
    number_words, attribution_words = scan_words(lower, NUMBER_START_WORDS, ATTRIBUTION_WORDS)
    sources = SourceFinder(text, lower, text_map, attribution_words)
    windows = TokenWindows(text)
    claims: list[_Draft] = []
    evidence: list[Evidence] = []
    earlier: list[EarlierClaim] = []
    last_sentence = (-1, -1)
    foreign = _foreign_digits(text)
    for mention in find_mentions(text, text_map.sentence_starts, number_words):
        if foreign and not mention.is_word and _ambiguous_digits(text, mention):
            continue  # "1.400 Menschen", "1 200 personnes": no number rather than a wrong one
        sentence = text_map.sentence(mention.start)
        if sentence != last_sentence:
            earlier = []
            last_sentence = sentence
        sentence = (max(sentence[0], mention.start - 600), min(sentence[1], mention.end + 600))
        counted = categorize(
            text,
            start=mention.qualifier_start,
            end=mention.end,
            sentence=sentence,
            earlier=earlier,
            is_money=mention.money,
            is_percent=mention.percent,
            windows=windows,
        )
        if not _keep_one(text, mention, counted.category) and not _list_item(text, mention.start, earlier, sentence):
            continue
        end = max(mention.end, counted.noun_end)
        earlier.append(EarlierClaim(end, counted.category))
        evidence.append(
            Evidence(
                start=mention.qualifier_start,
                number_end=mention.end,
                end=end,
                money=mention.money,
                percent=mention.percent,
                head=counted.noun,
                category=counted.category,
                sentence=last_sentence,
                paragraph_start=text_map.paragraph_start(mention.start),
            )
        )
        claims.append(
            _Draft(
                value=mention.value,
                value_max=mention.value_max,
                qualifier=mention.qualifier,
                category=counted.category,
                noun=counted.noun,
                place=_place(text, mention.end, sentence[1]),
                source_index=None,
                source_surface=sources.source_for(mention.qualifier_start, mention.end),
                span=text[mention.qualifier_start : end],
                start=mention.qualifier_start,
                end=end,
                confidence=0.6 if mention.word == "one" else (0.75 if mention.is_word else 0.85),
            )
        )
    order = sorted(range(len(claims)), key=lambda i: (claims[i].start, claims[i].end))
    claims = [claims[i] for i in order]
    evidence = [evidence[i] for i in order]
    return _with_frames(text, claims, evidence, title=title, published=published)


_HEDGE_JOIN_RE = re.compile(r"\s+(?:([a-z]+)\s+)?and\s+")


def _carry_hedges(text: str, claims: list[_Draft], evidence: list[Evidence]) -> None:
    """A hedge before the first of two casualty counts joined by "and" covers the second: "at least 40 dead
    and 200 wounded" hedges both. Counts of nouns ("about 30 ships and 21 aircraft") or whole clauses
    ("at least 40 were killed and 12 taken hostage") keep their own, as the gold reads them."""
    for i in range(1, len(claims)):
        prev, claim = claims[i - 1], claims[i]
        if claim.qualifier != "exact" or prev.qualifier == "exact" or claim.value_max is not None:
            continue
        if evidence[i].sentence != evidence[i - 1].sentence or evidence[i].money != evidence[i - 1].money:
            continue
        join = _HEDGE_JOIN_RE.fullmatch(text, prev.end, claim.start)
        cue = CATEGORY_WORDS.get(join.group(1)) if join and join.group(1) else prev.category
        if join and cue in CONFLICT and claim.category in CONFLICT:  # "dead and", not "ships and"
            claim.qualifier = prev.qualifier


_LIST_GAP_RE = re.compile(r",?\s+and\s+|,\s+")
_CLAUSE_OPEN_RE = re.compile(r"(?:^|[,:;]|\b(?:and|but|while|that|said|says|say))\s*$")


def _share_back(text: str, claims: list[_Draft], evidence: list[Evidence]) -> None:
    """Counts of people listed before a shared verb take its category: "nearly 50 soldiers and 30
    civilians died" -> both killed (the category reader sees the verb from the last count only)."""
    for i in range(len(claims) - 1, 0, -1):
        prev, claim = claims[i - 1], claims[i]
        if (
            prev.category != "other"
            or claim.category not in CONFLICT
            or evidence[i].sentence != evidence[i - 1].sentence
        ):
            continue
        people = prev.noun is not None and (prev.noun.lower() in PERSON_NOUNS or prev.noun in PERSON_NOUNS)
        if not people or evidence[i - 1].money or not _LIST_GAP_RE.fullmatch(text, prev.end, claim.start):
            continue
        opens = _CLAUSE_OPEN_RE.search(text, max(evidence[i - 1].sentence[0], prev.start - 30), prev.start)
        if prev.start == evidence[i - 1].sentence[0] or opens is not None:  # not "has 300 pupils and ..."
            prev.category = evidence[i - 1].category = claim.category


# A bare number that leaves its counted noun to the count before it (ellipsis): "412 of the dead were in
# the north and 95 were in the coast district"; "the ministry counted 296 dead; by evening radio was
# reporting more than 1,000."
_PARALLEL_AFTER_RE = re.compile(r"\s+(were|was|are|is)\s+(?:in|at|from|among|on)\b")
_BARE_END_RE = re.compile(r"\s*(?:[.;]|$)")
_REPORTING_BEFORE_RE = re.compile(
    r"\b(?:reporting|reported|counted|put\s+(?:it|the\s+\w+)\s+at|rose\s+to|climbed\s+to|reached|stood\s+at)\s+"
    r"(?:\w+\s+){0,2}$"
)


def _elliptical(text: str, claims: list[_Draft], evidence: list[Evidence]) -> None:
    """A bare count (no noun, no category of its own) right after a casualty count takes that count's
    category when it repeats the count's frame: the same "were in" in the same sentence, or it closes a
    clause after a reporting verb ("reporting more than 1,000.") within the next sentence of the paragraph."""
    for i in range(1, len(claims)):
        prev, claim = claims[i - 1], claims[i]
        ev, pev = evidence[i], evidence[i - 1]
        if claim.category != "other" or claim.noun is not None or ev.money or ev.percent or pev.money:
            continue
        noun = (prev.noun or "").lower()
        people = noun in PERSON_NOUNS or CATEGORY_WORDS.get(noun) in CONFLICT  # "soldiers", "dead", "wounded"
        if prev.category not in CONFLICT or not people or pev.paragraph_start != ev.paragraph_start:
            continue
        parallel = _PARALLEL_AFTER_RE.match(text, ev.number_end)
        if parallel is not None and pev.sentence == ev.sentence:
            verb = re.compile(rf"\s+{parallel.group(1)}\s")
            if verb.match(text, pev.end) or verb.search(text, pev.end, min(ev.start, pev.end + 40)):
                claim.category = ev.category = prev.category
            continue
        near = pev.sentence == ev.sentence or text.count(".", pev.end, ev.start) <= 1
        if (
            near
            and _BARE_END_RE.match(text, ev.number_end)
            and _REPORTING_BEFORE_RE.search(text, max(ev.sentence[0], ev.start - 60), ev.start)
        ):
            claim.category = ev.category = prev.category


def _with_frames(
    text: str, claims: list[_Draft], evidence: list[Evidence], *, title: str | None, published: object
) -> list[NumericClaim]:
    """Claims with their frames; a breakdown takes its total's category (when its own words name none)
    and its source (when it has none), a negated count is no casualty count."""
    if any(  # windows bounded: a hostile text can be one sentence a megabyte long
        _ABOARD_RE.search(text, max(e.sentence[0], e.start - 100), min(e.sentence[1], e.end + 60))
        or "carr" in text[max(0, e.start - 12) : e.start]
        for e in evidence
    ):
        vanished = _VANISHED_RE.search(text) is not None
        for i, claim in enumerate(claims):
            if _aboard_missing(text, claim, evidence[i].sentence, vanished):
                claim.category = evidence[i].category = "missing"
    _carry_hedges(text, claims, evidence)
    _share_back(text, claims, evidence)
    _elliptical(text, claims, evidence)
    parts = find_parts(text, evidence)
    for i, total in enumerate(parts):
        if total is None:
            continue
        whole, part = claims[total], claims[i]
        category = part.category
        if whole.category in CONFLICT and category not in CONFLICT:
            category = whole.category
        source = part.source_surface if part.source_surface is not None else whole.source_surface
        part.category = evidence[i].category = category
        part.source_surface = source
    frames = resolve_frames(text, evidence, title=title, published=published, parts=parts)
    out = []
    for claim, frame in zip(claims, frames, strict=True):
        if frame.modality == "negated" and claim.category in CONFLICT:
            claim.category = "other"
        out.append(
            NumericClaim(
                value=claim.value,
                value_max=claim.value_max,
                qualifier=claim.qualifier,
                category=claim.category,
                noun=claim.noun,
                place=claim.place,
                source_index=claim.source_index,
                source_surface=claim.source_surface,
                span=claim.span,
                start=claim.start,
                end=claim.end,
                confidence=claim.confidence,
                frame=frame,
            )
        )
    return out
