"""Finding number expressions in text and deciding which ones count or measure something.

``find_mentions(text)`` returns every number written in digits or words ("1,400", "$1.2bn", "2.3 million",
"70%", "two dozen", "one or two", "between 200 and 250") with its value, range and qualifier, after
dropping dates, times, durations, years, ages, ordinals, fractions, numbers inside names, links and
handles. What the number counts and who says so is decided in the sibling modules.

Every regex here is linear: no nested unbounded quantifiers; context checks look at bounded windows.
"""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from claims.extraction.numbers.lexicon import (
    CURRENCY_SYMBOLS,
    DURATION_FILLERS,
    FRACTION_WORDS,
    HYPHEN_COUNTABLE,
    MONTHS,
    ONES,
    PERSON_NOUNS,
    QUALIFIERS_AFTER,
    QUALIFIERS_BEFORE,
    SCALE_ABBREVIATIONS,
    SCALE_WORDS,
    SENTENCE_STARTERS,
    TENS,
    TIME_UNITS,
    WEEKDAYS,
    word_set,
)

# Safety limits for hostile input: no news article comes near them, and they bound the work per text.
MAX_CANDIDATES = 5000
MAX_MENTIONS = 1000


@dataclass(slots=True)
class Mention:
    """A number expression that survived the filters."""

    start: int  # first character of the number (currency sign included, qualifier excluded)
    end: int  # just past the number, its scale, percent sign and the upper end of a range
    value: Decimal
    value_max: Decimal | None
    qualifier: str
    qualifier_start: int  # == start when there is no qualifier before the number
    is_word: bool  # written in words ("three")
    word: str  # the number as written, lower case, without the range
    money: bool = False
    percent: bool = False


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_NUMBER_WORDS = list(ONES) + list(TENS) + list(SCALE_WORDS)
NUMBER_START_WORDS = frozenset({*ONES, *TENS, "a", "an", "half"})
_WORD = rf"(?:{_alternation(_NUMBER_WORDS)})"
_CURRENCY = _alternation(list(CURRENCY_SYMBOLS))
_DIGITS = (
    rf"(?:(?P<cur>{_CURRENCY}|(?:USD|EUR|GBP|NIS|INR|JPY|CHF|AUD|CAD|Rs\.?)(?=\s?\d))\s?)?"
    r"(?P<num>\d{1,3}(?:,\d{3}){1,6}(?:\.\d{1,6})?|\d{1,3}(?:[\u00a0\u202f]\d{3}){1,6}|\d{1,15}(?:\.\d{1,6})?)"
    r"(?:[\s\-‐]?(?P<scale>(?i:million|billion|trillion|thousand))\b|(?P<abbr>bn|mn|mln|tn|trn|m|k|b)(?![\w'’]))?"
    r"(?P<pct>\s?%|\s?per\s?cent\b|\s?percent\b)?"
)
_WORDS = (
    rf"(?P<words>(?i:(?:\b(?:a|an)\s+(?=(?:hundred|thousand|million|billion|trillion|dozen)\b))?"
    rf"\b{_WORD}(?:(?:\s|-)(?:and\s)?{_WORD}){{0,8}}\b)(?![-‐][a-z]*\d))"
    r"(?P<wpct>\s?%|\s?per\s?cent\b|\s?percent\b)?"
)
_HALF = r"(?P<half>(?i:\bhalf\s+a\s+(?:million|billion|trillion)\b))"
NUMBER_RE = re.compile(rf"{_HALF}|{_DIGITS}|{_WORDS}")

_CURRENCY_BEFORE_RE = re.compile(
    r"(?:US\$|A\$|C\$|NZ\$|HK\$|[$£€¥₪₹]|\b(?:USD|EUR|GBP|NIS|INR|JPY|CHF|AUD|CAD|Rs\.?))\s?$"
)
_DIGIT_START_RE = re.compile(r"[\d$£€¥₪₹][\d,.]*")
_LINK_RES = (re.compile(r"https?://\S+"), re.compile(r"www\.\S+"), re.compile(r"[@#]\w+"))
_NON_SPACE_RE = re.compile(r"\S{0,200}")
_DOMAIN_RE = re.compile(r"\.(?:com|org|net|gov|edu|io|co|uk|ly|me|tv|info)\b")
_MONTH_RE = "|".join(MONTHS)
_DATE_BEFORE_RE = re.compile(rf"\b(?:{_MONTH_RE})\.?\s+$")
_DATE_AFTER_RE = re.compile(rf"(?:st|nd|rd|th)?(?:\s+of)?\s+(?:{_MONTH_RE})\b")
_TIME_AFTER_RE = re.compile(
    r"(?::\d\d|\s?(?:a\.m\.|p\.m\.|am\b|pm\b|o['’]clock\b|GMT\b|UTC\b|BST\b|EST\b|EDT\b|CET\b|local time\b|hrs\b))",
)
_RANGE_JOIN_RE = re.compile(r"-to-|\s?(?:-|–|—|‐)\s?|\s+(?:to|or|and)\s+")  # "the 100-to-300 range" too
_WORD_AFTER_RE = re.compile(r"[-‐–]?\s?([A-Za-z][\w'’]*)(?:[\s-]+([A-Za-z][\w'’]*))?(?:[\s-]+([A-Za-z][\w'’]*))?")
_WORD_BEFORE_RE = re.compile(r"([A-Za-z][\w'’.]*)([\s-]*)$")
_QUAL_BEFORE_RE = re.compile(
    rf"(?i:\b(?:{_alternation(list(QUALIFIERS_BEFORE))}))\s+(?:of\s+)?$",
)
_QUAL_AFTER_RE = re.compile(r"(?:\s(?:or more|or over|or fewer|or less|or so)\b|-plus\b|-odd\b|\+|\s(?:plus|odd)\b)")
_AGE_BEFORE_RE = re.compile(
    r"(?i:\b(?:aged|age|ages|between\s+the\s+ages\s+of|aged\s+between|aged\s+from)\s+$)"
    r"|(?i:\b(?:children|kids|babies|infants|those|adults|boys|girls)\s+(?:under|over|below|above|aged)\s+$)"
)
_NAME_AGE_RE = re.compile(r"[A-Za-z][a-z'’-]*,\s$")
_GROUP_OF_RE = re.compile(r"\b[A-Z][a-z]+\s+of\s+$")
_UNIT_SUFFIX_RE = re.compile(r"(?:mph|kph|kmh|km|kg|lbs?|ft|cm|mm|mi|ha|sq|MW|GW|kW|bpd|[CF])\b")
_RATIO_RE = re.compile(r"\s+in\s+(?:every\s+)?(?:\d{1,3}(?![\d,.])|one|two|three|four|five|six|seven|eight|nine|ten)\b")
_SCORE_RE = re.compile(r"[-–](\d{1,3})\b(?![-–.,%]\d)")
_CHANGE_VERB_RE = re.compile(
    r"(?i:\b(?:rose|risen|rises|rising|fell|fallen|falls|increased|increase|decreased|decrease|jumped|climbed|"
    r"dropped|grew|grown|declined|up|down|cut|reduced|raised|lowered|went|soared|surged|doubled)\b[^.;]{0,25}$)"
)
_ADDRESS_AFTER_RE = re.compile(r"\s[A-Z][a-z]+\s(?:Street|St\.|Avenue|Ave\.|Road|Rd\.|Boulevard|Lane|Square)\b")


def _decimal(text: str) -> Decimal | None:
    try:
        return Decimal(text.replace(",", "").replace("\u00a0", "").replace("\u202f", ""))
    except (InvalidOperation, ValueError):
        return None


def clean_decimal(value: Decimal) -> Decimal:
    """1400.0 -> 1400, 4.20 -> 4.2, keeping plain notation."""
    if value == value.to_integral_value():
        return Decimal(int(value))
    return value.normalize()


def parse_words(words: str) -> tuple[Decimal | None, int]:
    """Value of a run of number words and how many characters of it form one valid number.

    "two hundred and fifty" -> 250; "one two" -> 1 (only "one" is a number); "hundred" alone -> None.
    """
    total = 0
    current = 0
    last_kind = ""
    consumed = 0
    seen = False
    prefix_article = False
    for match in re.finditer(r"[A-Za-z]+", words):
        word = match.group().lower()
        if word in ("a", "an") and not seen:
            prefix_article = True
            continue
        if word == "and":
            continue
        if word in ONES:
            if last_kind in ("ones", "teen") or (last_kind == "tens" and ONES[word] >= 10):
                break
            if last_kind == "tens" or last_kind == "" or last_kind in ("hundred", "scale"):
                current += ONES[word]
            last_kind = "ones" if ONES[word] < 10 else "teen"
        elif word in TENS:
            if last_kind in ("ones", "teen", "tens"):
                break
            current += TENS[word]
            last_kind = "tens"
        elif word == "hundred":
            if not seen and not prefix_article:
                return None, 0
            if last_kind in ("hundred",) or current >= 100:
                break
            current = max(current, 1) * 100
            last_kind = "hundred"
        elif word in SCALE_WORDS:
            if not seen and not prefix_article:
                return None, 0
            scale = SCALE_WORDS[word]
            if last_kind == "scale" and scale >= 1000:
                break
            total += max(current, 1) * scale
            current = 0
            last_kind = "scale"
        else:
            break
        seen = True
        consumed = match.end()
    if not seen:
        return None, 0
    return Decimal(total + current), consumed


@dataclass(slots=True)
class _Raw:
    start: int
    end: int
    value: Decimal
    base: Decimal  # the value before any scale word, for ranges like "5 to 7 million"
    scaled: bool
    percent: bool
    money: bool
    is_word: bool
    word: str


def _read(match: re.Match[str], text: str) -> _Raw | None:
    """Value of one NUMBER_RE match, trimming a run of number words to its valid prefix."""
    if match.group("half"):
        scale = SCALE_WORDS[match.group("half").split()[-1].lower()]
        value = Decimal(scale) / 2
        return _Raw(match.start(), match.end(), value, value, True, False, False, True, match.group().lower())
    if match.group("num") is not None:
        base = _decimal(match.group("num"))
        if base is None:
            return None
        value, scaled = base, False
        money = match.group("cur") is not None
        end = match.end()
        if match.group("scale"):
            value, scaled = base * SCALE_WORDS[match.group("scale").lower()], True
        elif match.group("abbr"):
            abbr = match.group("abbr").lower()
            after = text[match.end("abbr") : match.end("abbr") + 12].lower()
            if abbr == "m" and not money and not re.match(r"\s+(?:people|civilians|residents|children)\b", after):
                end = match.end("num")  # "5m" without a currency sign reads as metres
            elif abbr == "k" and not money and re.match(r"\s+[a-z]", after):
                value, scaled = base * SCALE_ABBREVIATIONS[abbr], True  # "40k people"
            elif abbr in ("b", "k") and not money:
                return None
            else:
                value, scaled = base * SCALE_ABBREVIATIONS[abbr], True
        percent = match.group("pct") is not None and end == match.end()
        if not percent and match.group("pct") is not None:
            end = min(end, match.start("pct"))
        return _Raw(match.start(), end, value, base, scaled, percent, money, False, match.group("num"))
    words = match.group("words")
    word_value, consumed = parse_words(words)
    if word_value is None:
        return None
    end = match.start("words") + consumed
    percent = consumed == len(words) and match.group("wpct") is not None
    if percent:
        end = match.end()
    lowered = words[:consumed].lower()
    scaled = any(w in lowered.split() for w in ("thousand", "million", "billion", "trillion"))
    return _Raw(match.start(), end, word_value, word_value, scaled, percent, False, True, lowered)


def _next_word(text: str, pos: int) -> tuple[str, str, str]:
    m = _WORD_AFTER_RE.match(text, pos, min(len(text), pos + 60))
    if not m:
        return "", "", ""
    return (m.group(1) or "", (m.group(2) or "").lower(), (m.group(3) or "").lower())


def _is_year(raw: _Raw, text: str) -> bool:
    if raw.is_word or raw.money or raw.percent or raw.scaled or "," in raw.word or "." in raw.word:
        return False
    if len(raw.word) != 4 or not (1500 <= raw.value <= 2100):
        return False
    first, _, _ = _next_word(text, raw.end)
    return not (text[raw.end : raw.end + 1] == " " and first.lower() in PERSON_NOUNS)


def _is_duration(raw: _Raw, text: str) -> bool:
    """Durations and ages: "24 hours", "two more weeks", "a 10-year note", "12-year-old"."""
    if raw.money or raw.percent:
        return False
    first, second, _ = _next_word(text, raw.end)
    first = first.lower()
    if first in TIME_UNITS:
        return True
    if first in DURATION_FILLERS and second in TIME_UNITS:
        return True
    return first in ("year", "month", "week", "day") and second == "old"


def _is_age(raw: _Raw, text: str, start: int) -> bool:
    window = text[max(0, start - 40) : start]
    if _AGE_BEFORE_RE.search(window):
        return True
    # "John Smith, 45, said": a small number between commas after a name.
    return (
        not raw.is_word
        and raw.value < 120
        and "." not in raw.word
        and _NAME_AGE_RE.search(window) is not None
        and text[raw.end : raw.end + 1] == ","
    )


def _is_date(raw: _Raw, text: str) -> bool:
    if raw.is_word or raw.money or raw.percent or raw.value > 31 or "." in raw.word:
        return False
    before = text[max(0, raw.start - 12) : raw.start]
    return bool(_DATE_BEFORE_RE.search(before) or _DATE_AFTER_RE.match(text, raw.end, min(len(text), raw.end + 20)))


def _glued(raw: _Raw, text: str) -> bool:
    """Digits inside a word or code: "G7", "COVID-19", "1930s", "2nd", "7/10", "10:30"."""
    before = text[raw.start - 1] if raw.start else " "
    before2 = text[raw.start - 2] if raw.start > 1 else " "
    if before.isalnum() or before in "_/\\" or (before in "-‐.:" and before2.isalnum()) or before in "'’":
        return True
    after = text[raw.end] if raw.end < len(text) else " "
    after2 = text[raw.end + 1] if raw.end + 1 < len(text) else " "
    if after.isalpha() and _UNIT_SUFFIX_RE.match(text, raw.end):
        return False  # "100mph", "45C", "155mm"
    return after.isalnum() or after == "_" or (after in "/:" and after2.isdigit())


_CAPS_LINE_WORDS = frozenset(w for q in QUALIFIERS_BEFORE for w in q.split()) | word_set(
    "killed kill kills dead died injured wounded hurt as and of to with after in by"
)


def _in_name(raw: _Raw, text: str, sentence_start: int) -> bool:
    """A number inside a name, after a capitalised word: "Channel 12", "Resolution 2334", "No. 10"."""
    if raw.money:
        return False
    group = _GROUP_OF_RE.search(text, max(sentence_start, raw.start - 30), raw.start)
    if group and group.start() > sentence_start:
        return True  # "the Group of 20", "the Class of 2020"
    m = _WORD_BEFORE_RE.search(text, max(0, raw.start - 40), raw.start)
    if not m or m.group(2) not in (" ", "-") or m.end() != raw.start:
        return False
    word = m.group(1)
    if not word[0].isupper() or word.endswith(("'s", "’s", "s'", "s’")):
        return False
    if word.isupper() and len(word) > 1 and word.lower() in _CAPS_LINE_WORDS:
        return False  # "AT LEAST 40 DEAD": a headline in capitals, not "Channel 12"
    if word.rstrip(".") in MONTHS or word in WEEKDAYS:
        return False
    opener = text[max(0, m.start() - 2) : m.start()].strip()
    if m.start() <= sentence_start or opener in ("“", '"', "(", "—", "–", "-", ":"):
        return word.lower() not in SENTENCE_STARTERS and not word.lower().endswith(("ing", "ed", "ly"))
    return word.lower() not in ("i", "a")


def _hyphen_compound(raw: _Raw, text: str) -> bool:
    """A number word glued to a non-count word: "two-state solution", "one-two punch", "one-tenth"."""
    if text[raw.end : raw.end + 1] not in ("-", "‐"):
        return False
    first, _, _ = _next_word(text, raw.end)
    first = first.lower()
    if first in FRACTION_WORDS:
        return True
    if not raw.is_word:
        return False
    return first not in HYPHEN_COUNTABLE


def _qualifier(text: str, start: int, end: int) -> tuple[str, int]:
    window_start = max(0, start - 40)
    m = _QUAL_BEFORE_RE.search(text, window_start, start)
    if m and m.end() == start:
        whole = re.sub(r"\s+", " ", m.group().lower()).strip()  # "upwards of", "in excess of"
        phrase = re.sub(r"\s+of$", "", whole)  # "some of", "about of" -> "some"
        qualifier = QUALIFIERS_BEFORE.get(whole) or QUALIFIERS_BEFORE.get(phrase)
        if qualifier:
            return qualifier, m.start()
    after = _QUAL_AFTER_RE.match(text, end, min(len(text), end + 12))
    if after:
        key = after.group().strip()
        return QUALIFIERS_AFTER.get(key, QUALIFIERS_AFTER.get(key.lstrip("-"), "exact")), start
    return "exact", start


def masked_spans(text: str) -> tuple[list[int], list[int]]:
    """Links, handles and hashtags, as sorted start and end lists."""
    spans = [(m.start(), m.end()) for link_re in _LINK_RES for m in link_re.finditer(text)]
    for m in _DOMAIN_RE.finditer(text):
        left = max(
            text.rfind(" ", max(0, m.start() - 200), m.start()), text.rfind("\n", max(0, m.start() - 200), m.start())
        )
        right = _NON_SPACE_RE.match(text, m.end()).end()  # type: ignore[union-attr]  # always matches
        spans.append((left + 1 if left >= 0 else max(0, m.start() - 200), right))
    spans.sort()
    return [a for a, _ in spans], [b for _, b in spans]


def _inside(starts: list[int], ends: list[int], pos: int) -> bool:
    i = bisect.bisect_right(starts, pos) - 1
    return i >= 0 and ends[i] > pos


def _range_end(text: str, first: _Raw, sentence_start: int) -> tuple[_Raw | None, int]:
    """The upper end of "200-250", "200 to 250", "one or two", "between 200 and 250"."""
    pos = first.end
    unit = _UNIT_SUFFIX_RE.match(text, pos)  # "between 150mm and 200mm"
    if unit:
        pos = unit.end()
    join = _RANGE_JOIN_RE.match(text, pos, min(len(text), pos + 6))
    if not join:
        return None, first.end
    joiner = join.group().strip().strip("-") or "-"  # "-to-" joins as "to" does
    if joiner == "and" and not re.search(
        r"(?i:\bbetween\s+(?:\S+\s+){0,2})$", text[max(0, first.start - 30) : first.start]
    ):
        return None, first.end
    if joiner in ("-", "–", "—", "‐") and first.is_word:
        return None, first.end
    after_from = re.search(r"(?i:\bfrom\s+$)", text[max(0, first.start - 8) : first.start])
    if (
        joiner == "to"
        and after_from
        and _CHANGE_VERB_RE.search(text, max(sentence_start, first.start - 40), first.start)
    ):
        return None, first.end  # "rose from 200 to 250" is a change, not a range
    m = NUMBER_RE.match(text, join.end())
    if not m:
        return None, first.end
    second = _read(m, text)
    if second is None or second.is_word != first.is_word:
        return None, first.end
    if (second.money and not first.money) or (first.percent and not second.percent) or (first.money and second.percent):
        return None, first.end  # "fell 3.2 percent to $148.50" is two numbers
    after = text[second.end : second.end + 1]
    if (after.isalnum() or after == "_") and not _UNIT_SUFFIX_RE.match(text, second.end):
        return None, first.end
    if unit and not text.startswith(unit.group(), second.end):
        return None, first.end  # "150mm and 200" or "5km to 7mi": not one range
    low = first.value
    if not first.scaled and second.scaled and first.base < second.base * 1000 and first.value < second.value:
        low = first.value * (second.value / second.base) if second.base else first.value
    if second.value <= low:
        return None, first.end
    return second, second.end


def _candidates(text: str, word_starts: list[int]) -> list[int]:
    """Where a number may start: digit runs and currency signs, plus the given number-word offsets."""
    digits = [m.start() for m in itertools.islice(_DIGIT_START_RE.finditer(text), MAX_CANDIDATES)]
    for i, start in enumerate(digits):
        currency = _CURRENCY_BEFORE_RE.search(text, max(0, start - 6), start)
        if currency is not None:
            digits[i] = currency.start()
    return sorted(set(digits) | set(word_starts[:MAX_CANDIDATES]))


def find_mentions(text: str, sentence_starts: list[int], word_starts: list[int]) -> list[Mention]:
    """Every number in ``text`` that counts or measures something, in text order.

    ``word_starts`` are the offsets of words that may begin a number in words ("two", "a hundred").
    """
    mask_starts, mask_ends = masked_spans(text)
    out: list[Mention] = []
    pos = 0
    n = len(text)
    for candidate in _candidates(text, word_starts):
        if len(out) >= MAX_MENTIONS:
            break
        if candidate < pos:
            continue
        m = NUMBER_RE.match(text, candidate)
        if m is None:
            continue
        raw = _read(m, text)
        if raw is None or raw.end <= raw.start:
            pos = m.end() if m.end() > m.start() else m.start() + 1
            continue
        pos = raw.end
        i = bisect.bisect_right(sentence_starts, raw.start) - 1
        sentence_start = sentence_starts[i] if i >= 0 else 0
        if _inside(mask_starts, mask_ends, raw.start) or _glued(raw, text):
            pos = _skip_range_tail(text, raw)
            continue
        if _is_year(raw, text) or _is_date(raw, text) or _TIME_AFTER_RE.match(text, raw.end, raw.end + 12):
            pos = _skip_range_tail(text, raw)
            continue
        if _is_age(raw, text, raw.start) or _hyphen_compound(raw, text) or _in_name(raw, text, sentence_start):
            pos = _skip_range_tail(text, raw)
            continue
        if _ADDRESS_AFTER_RE.match(text, raw.end, min(n, raw.end + 30)):
            continue
        if not (raw.percent or raw.money) and _RATIO_RE.match(text, raw.end, min(n, raw.end + 20)):
            pos = _skip_range_tail(text, raw, ratio=True)  # "one in five": a proportion, not a count
            continue
        if re.match(r"\s*[.)]\s", text[raw.end : raw.end + 3]) and (raw.start == 0 or text[raw.start - 1] == "\n"):
            continue  # numbered list item
        if not raw.is_word and not raw.money and len(raw.word) > 1 and raw.word[0] == "0" and raw.word[1].isdigit():
            continue  # "007", the "000" of "10 000": a code or a fragment, not a count
        score = _SCORE_RE.match(text, raw.end)
        if score and not raw.is_word and raw.value < 1000 and int(score.group(1)) <= raw.value:
            pos = score.end()
            continue  # "voted 51-49", "a 3-0 win": a score, not a count
        second, end = _range_end(text, raw, sentence_start)
        if second is not None and (_is_duration(second, text) or _is_age(raw, text, raw.start)):
            pos = end
            continue
        if second is None and _is_duration(raw, text):
            continue
        low = raw.value
        # "5 to 7 million" scales its low end; "between 300,000 and 1.1 million" does not
        if second is not None and not raw.scaled and second.scaled and raw.base and raw.base < second.base * 1000:
            low = raw.value * (second.value / second.base)
        qualifier, qualifier_start = _qualifier(text, raw.start, end)
        out.append(
            Mention(
                start=raw.start,
                end=end,
                value=clean_decimal(low),
                value_max=clean_decimal(second.value) if second is not None else None,
                qualifier=qualifier,
                qualifier_start=qualifier_start,
                is_word=raw.is_word,
                word=raw.word,
                money=raw.money,
                percent=raw.percent or (second is not None and second.percent),
            )
        )
        pos = end
    return out


def _skip_range_tail(text: str, raw: _Raw, *, ratio: bool = False) -> int:
    """Past "2019 to 2024", "2008-9", "aged 19 and 21", "one in five" so the tail is not read alone."""
    pattern = r"(?:\s?[-–—‐]\s?|\s+(?:to|and|or|in|in every)\s+)" if ratio else r"(?:\s?[-–—‐]\s?|\s+(?:to|and|or)\s+)"
    join = re.match(pattern, text[raw.end : raw.end + 12])
    if not join:
        return raw.end
    m = NUMBER_RE.match(text, raw.end + join.end())
    return m.end() if m else raw.end
