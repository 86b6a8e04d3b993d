"""What a number's source can be: a name, an organisation or an agent noun ("officials", "the ministry",
"federal prison records"), never a clause fragment ("When the fire broke out", "with 704 people", "told
the BBC"). Pure functions of a phrase; the source finder calls them on every subject it reads.
"""

from __future__ import annotations

import re

from claims.extraction import lexicon as lx
from claims.extraction.numbers.lexicon import PRONOUNS, word_set

LEAD_CONJUNCTION = re.compile(r"(?:But|And|Yet|So|Still|Meanwhile|However),?\s+")
_NOT_OPENERS = word_set(
    "with without or nor of both when where while who whom whose which that what whether at in on to into onto "
    "from by for as if after before since until because although though than told tells said says than "
    "but and so yet also only just even still then there here it its this these those such"
)
_VERB_WORDS = word_set(
    "is was were are be been being am has have had do does did broke break breaks told tells said says represents "
    "represent represented will would can could should may might must became become becomes got get gets went go "
    "goes came come comes made make makes took take takes gave give gives saw see sees found find finds "
    "left leave leaves began begin begins kept keep keeps held hold holds put puts"
)
_AGENT_NOUNS = (
    lx.ROLE_NOUNS
    | lx.OFFICE_NOUNS
    | lx.ORG_LOWER_HEADS
    | lx.BODY_NOUNS
    | lx.GROUP_NOUNS
    | lx.DOC_NOUNS
    | word_set(
        "official authorities source police expert researcher scientist analyst resident witness survivor "
        "doctor medic rescuer organiser organizer prosecutor investigator data figures records statistics "
        "census tally count poll estimate estimates count counts authority people relative relatives family "
        "families staff worker workers employee crew officer planner forecaster forecasters meteorologist "
        "observer observers monitor monitors group government ministry military army media outlet outlets "
        "operator regulator regulators owner owners economist economists guard coastguard firefighters paramedics "
        "hospital hospitals clinic clinics company companies firm firms bureau agency radio television tv press "
        "station stations"
    )
)


def _agent(word: str) -> bool:
    w = word.lower().strip(",.;:’'\"")
    if w in _AGENT_NOUNS:
        return True
    if w.endswith("ies") and w[:-3] + "y" in _AGENT_NOUNS:
        return True
    return w.endswith("s") and w[:-1] in _AGENT_NOUNS


def is_source(phrase: str) -> bool:
    """Whether a phrase can name who asserts a number: a name, an organisation or an agent noun."""
    words = phrase.split()
    if not words or len(words) > 12:
        return False
    low = [w.lower().strip(",.;:’'\"") for w in words]
    if len(words) == 1 and (low[0] in PRONOUNS or (len(words[0]) > 1 and words[0].isupper())):
        return True  # "she" (resolved later), "WHO"
    if low[0] in _NOT_OPENERS or any(w in _VERB_WORDS for w in low):
        return False
    if words[-1].endswith(("’s", "'s", "’", "'")) or (low[0] == "one" and len(low) > 1 and low[1] == "of"):
        return False  # "one of Israel’s": the owner's noun is missing
    if words[0][:1].isupper() or words[0][:1].isdigit():
        return True  # a name, "Gaza’s Health Ministry", "Two Israeli officials"
    # lower-case: an agent noun at its head ("local officials", "grid operator"), or a name inside
    return _agent(words[-1]) or any(w[:1].isupper() for w in words[1:]) or any(_agent(w) for w in words[:3])
