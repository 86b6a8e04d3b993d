"""What a number counts: the category (killed, injured, ...) and the counted noun, from the words around it.

Evidence is tried from the most to the least specific, and the first that speaks wins:

1. the counted noun itself ("240 captives", "700 prisoners", "2.3 million residents", "200 trucks"),
   or a participle right after the number ("two million displaced", "100,000 killed");
2. a part of an earlier count in the sentence ("1,000 of them", "including one", "among them 100",
   "121 soldiers and 44 civilians");
3. a running count ("the death toll climbed to five", "the number of injured has risen to 2,501");
4. the verb of which the counted noun is the subject ("1,200 people were killed", "who have been killed");
5. the verb of which the number is the object ("killing 1,643", "abducting two of its soldiers");
6. a conflict word nearby in the same clause, unless it governs another number.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from claims.extraction.numbers.lexicon import (
    AFTER_NOUN_WORDS,
    AID_GOODS,
    AUXILIARIES,
    CATEGORY_PHRASES,
    CATEGORY_WORDS,
    EMERGENCY_MONEY,
    PERSON_NOUNS,
    PERSON_ONLY_WORDS,
    THING_NOUNS,
    TOLL_WORDS,
    word_set,
)
from claims.extraction.numbers.text import Token, TokenWindows, tokens

CONFLICT = frozenset({"killed", "injured", "hostages", "detained", "missing", "displaced"})
_GRAVER = frozenset({"killed", "injured", "missing"})  # outrank what the noun says ("hostages ... killed")
MEASURE_NOUNS = word_set(
    "miles mile km kilometres kilometers kilometre kilometer metres meters metre meter feet foot inches "
    "acres hectares tonnes tons litres liters gallons barrels degrees magnitude points percent per cent "
    "kg kilograms dollars euros pounds shekels yuan rupees square sq"
)
# Words that end the counted noun phrase after a number.
_NOUN_STOPS = word_set(
    "and or but who which that were was are is have has had be been will would could can may might in on "
    "at from to by with for as since after before during across per a an said says told including than "
    "into over under about while when where if its their his her this these those there here not no also "
    "more off out up down onto through against between among within without near toward towards last next each "
    "every per already still"
)
_NOUN_LINKS = word_set("of the them whom its his her their our those these")
_PART_BEFORE = (
    ("including",),
    ("among", "them"),
    ("among", "whom"),
    ("of", "whom"),
    ("of", "them"),
    ("among", "those"),
)
_TOLL_VERBS = word_set(
    "to at reached reach reaches hit hits past passed surpassed exceeded topped stood stands stand is was "
    "rose risen climbed climb jumped increased reaching of now"
)
_SKIP_BEFORE = word_set("the a an some all of at least its his their her our more than nearly about around")
_LOOSE_STOPS = word_set(
    ". ; : ? ! but while although whereas said says according after before when because since if unless until"
)


@dataclass(frozen=True, slots=True)
class Counted:
    category: str
    noun: str | None
    noun_end: int  # end offset of the counted noun phrase (== number end when there is none)


@dataclass(frozen=True, slots=True)
class EarlierClaim:
    end: int
    category: str


_PHRASES_BY_FIRST: dict[str, list[tuple[tuple[str, ...], str]]] = {}
for _phrase, _category in CATEGORY_PHRASES.items():
    _PHRASES_BY_FIRST.setdefault(_phrase[0], []).append((_phrase, _category))


def _phrase_at(toks: list[Token], i: int) -> tuple[str, int] | None:
    """A multi-word cue starting at ``toks[i]``: (category, number of tokens)."""
    for phrase, category in _PHRASES_BY_FIRST.get(toks[i].lower, ()):
        n = len(phrase)
        if i + n <= len(toks) and all(toks[i + k].lower == phrase[k] for k in range(n)):
            return category, n
    return None


def _cue(toks: list[Token], i: int, *, conflict_only: bool) -> str | None:
    phrase = _phrase_at(toks, i)
    if phrase is not None and (not conflict_only or phrase[0] in CONFLICT):
        return phrase[0]
    category = CATEGORY_WORDS.get(toks[i].lower)
    if category is None or (conflict_only and category not in CONFLICT):
        return None
    return category


def _noun_phrase(toks: list[Token]) -> tuple[int, str | None, str | None]:
    """(tokens in the counted noun phrase, head noun, category named by the noun or a participle)."""
    head: str | None = None
    last_word: str | None = None
    i = 0
    while i < len(toks) and i < 7:
        tok = toks[i]
        if tok.is_number and i and (toks[i - 1].lower in _NOUN_LINKS or toks[i - 1].lower.endswith(("'s", "’s"))):
            i += 1  # "150 of the village's 1,800 residents": the counted noun is past the whole
            continue
        if not tok.is_word:
            break
        if i == 0 or toks[i - 1].lower in _NOUN_LINKS or head is None:
            phrase = _phrase_at(toks, i)
            if phrase is not None and phrase[0] in CONFLICT and i == 0:
                return i + phrase[1], tok.text, phrase[0]
        category = CATEGORY_WORDS.get(tok.lower)
        if category is not None:
            return i + 1, tok.text, category
        if tok.lower in _NOUN_STOPS and not (tok.lower in _NOUN_LINKS and i < 4):
            break
        if tok.lower in MEASURE_NOUNS:
            return i + 1, tok.text, "aid" if _aid_complement(toks, i + 1) else "other"
        possessive = tok.lower.endswith(("'s", "’s"))
        plural = tok.lower.endswith("s") and not tok.lower.endswith("ss") and len(tok.lower) > 3 and not possessive
        if tok.lower in PERSON_NOUNS or tok.text in PERSON_NOUNS or (plural and tok.text.islower()):
            head = tok.text
            i += 1
            break
        if tok.lower not in _NOUN_LINKS:
            last_word = tok.text
        i += 1
    return i, head or last_word, None


def _aid_complement(toks: list[Token], i: int) -> bool:
    """Relief goods counted or paid for: "$5m in humanitarian aid", "10,000 litres of fuel", "200 aid trucks"."""
    window = [t.lower for t in toks[max(0, i - 3) : i + 4]]
    if not window:
        return False
    for k, word in enumerate(window):
        if word == "emergency" and k + 1 < len(window) and window[k + 1] in EMERGENCY_MONEY:
            return True
        if word in AID_GOODS or CATEGORY_WORDS.get(word) == "aid":
            before = window[:k]
            if before and before[-1] in ("military", "security", "defence", "defense", "weapons"):
                continue  # "$14bn in military aid" arms a side; it does not relieve anyone
            if all(w not in ("need", "needs", "require", "requires", "needing", "requiring") for w in before):
                return True
    return False


def _part_of_earlier(
    text: str, before: list[Token], after: list[Token], start: int, earlier: list[EarlierClaim]
) -> str | None:
    if not earlier:
        return None
    prev = earlier[-1]
    if start - prev.end > 160:
        return None
    if len(after) >= 2 and after[0].lower == "of" and after[1].lower in ("them", "whom", "those"):
        return prev.category
    words = [t.lower for t in before[-3:]]
    for phrase in _PART_BEFORE:
        n = len(phrase)
        if tuple(words[-n:]) == phrase:
            return prev.category
    return None


def _part_of_vague(before: list[Token]) -> str | None:
    """A part of a vague count, which is no claim itself: "wounded dozens, including 7 paramedics"."""
    words = [t.lower for t in before[-3:]]
    if not any(tuple(words[-len(p) :]) == p for p in _PART_BEFORE):
        return None
    for tok in reversed(before[-12:-1]):
        if tok.text in (".", ";", ":"):
            return None
        category = CATEGORY_WORDS.get(tok.lower)
        if category in CONFLICT:
            return category
    return None


def _coordinated_with_earlier(before: list[Token], earlier: list[EarlierClaim]) -> str | None:
    """A count listed right after another shares its category: "121 soldiers and 44 civilians"."""
    if not earlier:
        return None
    prev = earlier[-1]
    between = [t for t in before if t.start >= prev.end]
    coordinated = 0 < len(between) <= 4 and between[-1].lower in ("and", ",", "or")
    plain = all(t.is_word or t.text == "," for t in between) and not any(CATEGORY_WORDS.get(t.lower) for t in between)
    return prev.category if coordinated and plain else None


def _running_count(before: list[Token]) -> str | None:
    """A running count before the number: "the death toll ... climbed to five", "the number of injured ... 2,501"."""
    if not before or not any(t.lower in _TOLL_VERBS for t in before[-4:]):
        return None
    for k in range(len(before) - 1, max(-1, len(before) - 30), -1):
        tok = before[k]
        if tok.lower in TOLL_WORDS:
            previous = before[k - 1].lower if k else ""
            return "injured" if previous in ("injury", "injuries") else TOLL_WORDS[tok.lower]
        if tok.lower == "number" and k + 2 < len(before) and before[k + 1].lower == "of":
            for t in before[k + 2 : k + 5]:
                category = CATEGORY_WORDS.get(t.lower)
                if category in CONFLICT:
                    return category
            return None
    return None


_PART_WORDS = word_set("half third thirds quarter quarters two-thirds three-quarters most many some majority")


def _is_partitive_whole(before: list[Token]) -> bool:
    """The whole of a partitive: "two-thirds of its 2.2 million people", "150 of the village's 1,800"."""
    words = before[-4:]
    k = len(words) - 1
    while k >= 0 and (
        words[k].lower in ("the", "its", "their", "his", "her", "our") or words[k].lower.endswith(("'s", "’s"))
    ):
        k -= 1
    if k < 1 or words[k].lower != "of":
        return False
    part = words[k - 1]
    return part.is_number or part.lower in _PART_WORDS or part.text == "%" or part.lower in ("percent", "cent")


def _counts_people(head: str | None) -> bool:
    return head is not None and (head.lower() in PERSON_NOUNS or head in PERSON_NOUNS)


_POSSESSIVES = word_set("their its his her our")


def _subject_verb(after: list[Token], j: int, head: str | None = None) -> str | None:
    """The cue verb after the counted noun phrase, past an aside and auxiliaries ("have since been killed")."""
    if j < len(after) and after[j].text in (",", "-", "–", "—", "("):
        closing = {",": (",",), "(": (")",)}.get(after[j].text, ("-", "–", "—"))
        for k in range(j + 1, min(len(after), j + 14)):
            if after[k].text in closing and k > j + 1:
                j = k + 1
                break
            if after[k].lower in (".", ";", ":"):
                break
    skipped = 0
    while j < len(after) and skipped < 5:
        cue = _cue(after, j, conflict_only=False)
        if cue is not None and cue not in ("aid",):
            return cue
        word = after[j].lower
        if word in AFTER_NOUN_WORDS and skipped == 0:
            return AFTER_NOUN_WORDS[word]
        if (
            word == "lost"
            and j + 2 < len(after)
            and after[j + 1].lower in _POSSESSIVES
            and after[j + 2].lower != "lives"
        ):
            return None  # "300 farmers lost their harvest": a loss, not a death
        if word in PERSON_ONLY_WORDS and word != "freed" and _counts_people(head):
            return PERSON_ONLY_WORDS[word]
        if word in AUXILIARIES or word.endswith("ly"):
            j += 1
            skipped += 1
            continue
        return None
    return None


_PLACE_OF = word_set("city town village country nation enclave territory strip region area state island capital")
_POPULATION_HEADS = word_set("people residents inhabitants citizens civilians palestinians gazans israelis")


def _population(before: list[Token], head: str | None) -> str | None:
    """Population counts: "home to 2.3 million people", "a city of 300,000", "Gaza's 2.2 million people"."""
    last = tuple(t.lower for t in before[-2:])
    if last in (("home", "to"), ("population", "of"), ("inhabitants", "of"), ("populated", "by")):
        return "population"
    if head is not None and head.lower() not in _POPULATION_HEADS:
        return None
    if len(last) == 2 and last[1] == "of" and last[0] in _PLACE_OF:
        return "population"
    owner = before[-1] if before else None
    possessive_place = owner is not None and owner.text[:1].isupper() and owner.lower.endswith(("'s", "’s"))
    return "population" if possessive_place and head is not None else None


def _object_verb(before: list[Token], head: str | None) -> str | None:
    for k in range(len(before) - 1, max(-1, len(before) - 5), -1):
        word = before[k].lower
        category = CATEGORY_WORDS.get(word)
        if category in CONFLICT:
            return category
        if word in PERSON_ONLY_WORDS and _counts_people(head):
            return PERSON_ONLY_WORDS[word]
        if word not in _SKIP_BEFORE:
            return None
    return None


def _near(before: list[Token], after: list[Token], j: int, earlier: list[EarlierClaim]) -> str | None:
    for k in range(j, min(len(after), j + 9)):
        tok = after[k]
        if tok.lower in _LOOSE_STOPS or tok.is_number:
            break
        cue = _cue(after, k, conflict_only=True)
        if cue is not None:
            governs_other = any(t.is_number for t in after[k + 1 : k + 4])
            return None if governs_other else cue
    floor = earlier[-1].end if earlier else -1  # words of an earlier count belong to it
    for k in range(len(before) - 1, max(-1, len(before) - 9), -1):
        tok = before[k]
        if tok.lower in _LOOSE_STOPS or tok.text == "," or tok.start < floor:
            break
        cue = _cue(before, k, conflict_only=True)
        if cue is not None:
            return cue
    return None


_AGENT_ENDINGS = ("ers", "ors", "ists", "ians", "ants", "ents", "ees", "ites", "men", "folk", "ren")


def _unknown_thing(head: str) -> bool:
    """A lower-case plural that names no people: "260 depots", "four regiments", "3 bills". Agent nouns
    ("motorists", "villagers", "pensioners") stay people, and so does anything the lexicon knows."""
    low = head.lower()
    if not head.islower() or not low.endswith("s") or low in PERSON_NOUNS or low in CATEGORY_WORDS:
        return False
    return not low.endswith(_AGENT_ENDINGS)


def categorize(
    text: str,
    *,
    start: int,
    end: int,
    sentence: tuple[int, int],
    earlier: list[EarlierClaim],
    is_money: bool,
    is_percent: bool,
    windows: TokenWindows | None = None,
) -> Counted:
    """Category and counted noun of the number at ``text[start:end]`` (``start`` includes the qualifier).

    ``windows`` (of this text) shares the tokenising of the words around numbers that stand close."""
    if windows is None:
        after = tokens(text, end, min(sentence[1], end + 160))
        before = tokens(text, max(sentence[0], start - 150), start)
    else:
        after = windows(end, min(sentence[1], end + 160))
        before = windows(max(sentence[0], start - 150), start)
    n, head, named = _noun_phrase(after)
    noun_end = after[n - 1].end if n and head is not None else end
    if is_money or is_percent:
        return Counted("aid" if is_money and _aid_complement(after, n) else "other", head, noun_end)
    if named == "aid" or (named is None and head is not None and _aid_complement(after, n - 1)):
        return Counted("aid", head, noun_end)
    relative = n < len(after) and after[n].lower in ("who", "that", "which")
    if not relative and _is_partitive_whole(before):  # "150 of the village's 1,800 residents": a population
        return Counted("population" if _counts_people(head) else named or "other", head, noun_end)
    of_the = [t.lower for t in before[-4:]]
    if len(of_the) == 4 and of_the[:2] == ["of", "the"] and of_the[3] == "," and of_the[2] in CATEGORY_WORDS:
        return Counted(CATEGORY_WORDS[of_the[2]], head, noun_end)  # "Of the deaths, 17,388 were ..."
    if named == "population":  # "15,000 residents fled", "killed 20 residents": the verb says more
        verb = _subject_verb(after, n) or _object_verb(before, head)
        named = verb if verb in CONFLICT else named
    elif named in ("hostages", "detained", "displaced"):  # "100 hostages have been killed"
        verb = _subject_verb(after, n)
        named = verb if verb in _GRAVER else named
    if named is not None:
        return Counted(named, head, noun_end)
    if earlier and [t.lower for t in before[-3:-1]] == ["the", "total"] and before[-1].lower in ("to", "at", "of"):
        return Counted(earlier[-1].category, head, noun_end)  # "..., bringing the total to 225"
    inherited = _part_of_earlier(text, before, after, start, earlier) or _part_of_vague(before)
    if inherited is not None and inherited != "other":
        verb = _subject_verb(after, n)  # "of whom 30 are believed to be dead"
        return Counted(verb if verb in _GRAVER else inherited, head, noun_end)
    # A verb before the number, or a conflict word nearby, only speaks for people ("killed 5 and destroyed
    # 3 ambulances"): a count of things gets its category from its own noun or its own verb.
    things = head is not None and (head.lower() in THING_NOUNS or _unknown_thing(head))
    rule: Callable[[], str | None]
    for rule in (
        lambda: _running_count(before),
        lambda: _subject_verb(after, n, head),
        lambda: _coordinated_with_earlier(before, earlier),
        lambda: _population(before, head),
        lambda: None if things else _object_verb(before, head),
        lambda: None if things else _near(before, after, n, earlier),
    ):
        category = rule()
        if category is not None:
            return Counted(category, head, noun_end)
    return Counted("other", head, noun_end)
