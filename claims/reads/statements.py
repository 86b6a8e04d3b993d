"""Quote drift, read: a statement's versions side by side, their word-level differences and what
kind of difference each is (issue 18).

Each version is compared with the *reference*: the wording an editor verified, else the first
published version. Words are compared case-folded with ``difflib``; punctuation is its own
token, so a changed comma is told apart from a changed word. A difference is

* ``verbatim``: the same words and punctuation;
* ``punctuation``: the same words, other punctuation or capitals;
* ``trimmed``: a stretch of the reference, cut at the start or the end (or the reverse);
* ``meaning``: a changed word is a negation, a number, a hedge or a name (``reasons`` say which);
* ``wording``: other changed words.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet
from django.db.models.functions import Coalesce
from django.utils.html import escape
from django.utils.safestring import mark_safe

from ..models import Quote, Statement

_TOKEN = re.compile(r"\w+(?:['’]\w+)*|[^\w\s]")
NEGATIONS = frozenset(
    [
        "not",
        "no",
        "never",
        "none",
        "nothing",
        "nobody",
        "nowhere",
        "neither",
        "nor",
        "without",
        "cannot",
        "can't",
        "won't",
        "don't",
        "doesn't",
        "didn't",
        "isn't",
        "aren't",
        "wasn't",
        "weren't",
        "hasn't",
        "haven't",
        "hadn't",
        "wouldn't",
        "shouldn't",
        "couldn't",
        "mustn't",
    ]
)
HEDGES = frozenset(
    [
        "may",
        "might",
        "could",
        "would",
        "should",
        "must",
        "will",
        "can",
        "possibly",
        "perhaps",
        "probably",
        "likely",
        "unlikely",
        "reportedly",
        "allegedly",
        "apparently",
        "about",
        "around",
        "approximately",
        "nearly",
        "almost",
        "roughly",
        "some",
        "several",
        "many",
        "few",
    ]
)
NUMBER_WORDS = frozenset(
    [
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "twenty",
        "thirty",
        "forty",
        "fifty",
        "hundred",
        "hundreds",
        "thousand",
        "thousands",
        "million",
        "millions",
        "billion",
        "billions",
        "dozen",
        "dozens",
        "half",
    ]
)


def tokens(text: str) -> list[str]:
    return [t.replace("’", "'") for t in _TOKEN.findall(text)]


def _is_word(token: str) -> bool:
    return token[0].isalnum() or token[0] == "_"


def _reasons(changed: list[tuple[str, int, list[str]]]) -> list[str]:
    """Why the changed words bear meaning; ``changed`` holds (word, position, its token list)."""
    found: list[str] = []
    for word, position, _ in changed:
        low = word.lower()
        if low in NEGATIONS or low.endswith("n't"):
            reason = "negation"
        elif any(ch.isdigit() for ch in word) or low in NUMBER_WORDS:
            reason = "number"
        elif low in HEDGES:
            reason = "hedge"
        elif word[:1].isupper() and position > 0:
            reason = "name"
        else:
            continue
        if reason not in found:
            found.append(reason)
    return found


@dataclass
class Diff:
    kind: str  # verbatim, punctuation, trimmed, meaning, wording
    reasons: list[str] = field(default_factory=list)
    ops: list[dict[str, str]] = field(default_factory=list)  # {"op": equal|insert|delete, "text": ...}
    html: str = ""  # the marked-up words, escaped (SafeString)


OPENING = ("“", "‘", "(", '"')


def _join(parts: list[str]) -> str:
    out = ""
    for part in parts:
        if out and (_is_word(part) or part in OPENING) and not out.endswith(OPENING):
            out += " "
        out += part
    return out


def word_diff(reference: str, version: str) -> Diff:
    """The version against the reference: its kind, reasons, and the marked-up words (escaped)."""
    ref, ver = tokens(reference), tokens(version)
    matcher = difflib.SequenceMatcher(None, [t.lower() for t in ref], [t.lower() for t in ver], autojunk=False)
    ops: list[dict[str, str]] = []
    changed: list[tuple[str, int, list[str]]] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            ops.append({"op": "equal", "text": _join(ver[j1:j2])})
            continue
        if i2 > i1:
            ops.append({"op": "delete", "text": _join(ref[i1:i2])})
            changed += [(t, i, ref) for i, t in enumerate(ref[i1:i2], i1) if _is_word(t)]
        if j2 > j1:
            ops.append({"op": "insert", "text": _join(ver[j1:j2])})
            changed += [(t, j, ver) for j, t in enumerate(ver[j1:j2], j1) if _is_word(t)]
    ref_words = [t.lower() for t in ref if _is_word(t)]
    ver_words = [t.lower() for t in ver if _is_word(t)]
    reasons: list[str] = []
    if ref == ver:
        kind = "verbatim"
    elif ref_words == ver_words:
        kind = "punctuation"
    elif _contiguous(ref_words, ver_words) or _contiguous(ver_words, ref_words):
        kind = "trimmed"
    else:
        reasons = _reasons(changed)
        kind = "meaning" if reasons else "wording"
    html = []
    for op in ops:
        text = escape(op["text"])
        html.append({"equal": text, "insert": f"<ins>{text}</ins>", "delete": f"<del>{text}</del>"}[op["op"]])
    return Diff(kind=kind, reasons=reasons, ops=ops, html=mark_safe(" ".join(html)))


def _contiguous(outer: list[str], inner: list[str]) -> bool:
    """Whether ``inner`` is a run of ``outer``'s words (cut only at the ends)."""
    if not inner or len(inner) >= len(outer):
        return False
    n = len(inner)
    return any(outer[i : i + n] == inner for i in range(len(outer) - n + 1))


@dataclass
class Version:
    quote: Quote
    day: Any
    first: bool
    verified: bool
    other_speaker: bool
    diff: Diff | None  # None for the reference itself


@dataclass
class StatementView:
    statement: Statement
    reference: str
    reference_label: str
    versions: list[Version]

    @property
    def first(self) -> Version | None:
        return next((v for v in self.versions if v.first), None)


def statements_visible(user: Any) -> QuerySet:
    from ..roles import can_read

    qs = Statement.objects.select_related("speaker", "first_quote__article__outlet").filter(quote_count__gte=2)
    return qs if can_read(user) else qs.none()


def statement_view(statement: Statement) -> StatementView:
    """The statement's versions, first published first, each with its diff against the reference."""
    quotes = list(
        Quote.objects.filter(statement_member__statement=statement)
        .select_related("article", "article__outlet", "speaker")
        .annotate(day=Coalesce("article__published_at", "article__ingested_at"))
        .order_by("day", "id")
    )
    first_id = quotes[0].pk if quotes else None
    if statement.verified_text:
        reference = statement.verified_text
        label = "the verified wording"
    else:
        reference = quotes[0].text if quotes else ""
        label = "the first published version"
    versions = []
    for quote in quotes:
        is_reference = (statement.verified_quote_id == quote.pk) if statement.verified_text else quote.pk == first_id
        other = bool(statement.speaker_id and quote.speaker_id and quote.speaker_id != statement.speaker_id)
        versions.append(
            Version(
                quote=quote,
                day=quote.day,
                first=quote.pk == first_id,
                verified=statement.verified_quote_id == quote.pk,
                other_speaker=other,
                diff=None if is_reference else word_diff(reference, quote.text),
            )
        )
    return StatementView(statement=statement, reference=reference, reference_label=label, versions=versions)


def statements_of_actor(actor_id: int, limit: int = 20) -> list[Statement]:
    return list(Statement.objects.filter(speaker_id=actor_id, quote_count__gte=2).order_by("-updated_at")[:limit])
