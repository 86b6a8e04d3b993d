"""The engine's one sentence splitter: abbreviations and initials do not end a sentence.

Sentences are invented."""

from __future__ import annotations

from claims.extraction.numbers.text import TextMap
from claims.extraction.text import sentence_starts


def sentences(text: str) -> list[str]:
    starts = sentence_starts(text)
    return [text[a:b].strip() for a, b in zip(starts, [*starts[1:], len(text)], strict=True)]


def test_month_and_title_abbreviations_do_not_end_a_sentence():
    text = "Talks resumed on Feb. 3 in the capital. Utah Gov. Lena Park joined them. Sen. Ito did not."
    assert sentences(text) == [
        "Talks resumed on Feb. 3 in the capital.",
        "Utah Gov. Lena Park joined them.",
        "Sen. Ito did not.",
    ]


def test_initials_and_dotted_acronyms_do_not_end_a_sentence():
    text = "The U.S. Navy sent J. R. Holt to the port. He arrived on Monday."
    assert sentences(text) == ["The U.S. Navy sent J. R. Holt to the port.", "He arrived on Monday."]


def test_control_an_ordinary_full_stop_ends_a_sentence():
    assert sentences("The dam held. The town was spared.") == ["The dam held.", "The town was spared."]


def test_the_numeric_claim_map_uses_the_same_boundaries():
    text = "Talks resumed on Feb. 3 in the capital. Utah Gov. Lena Park joined them. Sen. Ito did not."
    assert TextMap(text).sentence_starts == sentence_starts(text)
