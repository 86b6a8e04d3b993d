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

from claims.extraction.numbers.category import CONFLICT, EarlierClaim, categorize
from claims.extraction.numbers.lexicon import MONTHS, WEEKDAYS, word_set
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


def find_numeric_claims(text: str) -> list[NumericClaim]:
    """Numeric claims of ``text``, sorted by start offset; ``source_index`` is left to the caller."""
    if not isinstance(text, str) or not text:
        return []
    text_map = TextMap(text)
    lower = ascii_lower(text)
    number_words, attribution_words = scan_words(lower, NUMBER_START_WORDS, ATTRIBUTION_WORDS)
    sources = SourceFinder(text, lower, text_map, attribution_words)
    windows = TokenWindows(text)
    claims: list[NumericClaim] = []
    earlier: list[EarlierClaim] = []
    last_sentence = (-1, -1)
    for mention in find_mentions(text, text_map.sentence_starts, number_words):
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
        if not _keep_one(text, mention, counted.category):
            continue
        end = max(mention.end, counted.noun_end)
        earlier.append(EarlierClaim(end, counted.category))
        claims.append(
            NumericClaim(
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
    claims.sort(key=lambda c: (c.start, c.end))
    return claims
