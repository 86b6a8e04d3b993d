"""Quotations: what counts as one and where it starts and ends."""

from __future__ import annotations

from claims.extraction import extract


def texts(text: str) -> list[str]:
    return [q.text for q in extract(text).quotes]


def test_it_finds_a_quotation_in_curly_marks():
    assert texts("The coach said “we were simply not good enough today.”") == ["we were simply not good enough today."]


def test_it_finds_a_quotation_in_straight_marks():
    assert texts('The coach said "we were simply not good enough today."') == ["we were simply not good enough today."]


def test_it_pairs_mixed_marks():
    assert texts('“The bridge will reopen next spring," the engineer said.') == ["The bridge will reopen next spring,"]


def test_it_pairs_a_right_mark_used_to_open():
    assert texts("”Nobody told us the river would rise so fast,” said a farmer.") == [
        "Nobody told us the river would rise so fast,"
    ]


def test_it_accepts_doubled_single_marks_as_a_closing_mark():
    assert texts("“It was a long and bitter night,’’ she said.") == ["It was a long and bitter night,"]


def test_it_ignores_quoted_words_under_four_words():
    assert texts('He called the plan "deeply flawed" and left.') == []


def test_it_splits_a_quotation_interrupted_by_its_attribution():
    got = texts("“We will rebuild the school,” the mayor said, “and we will do it before winter.”")
    assert got == ["We will rebuild the school,", "and we will do it before winter."]


def test_it_gives_a_quotation_running_over_paragraphs_one_quote_per_paragraph():
    # the gold rule (shared/eval/README.md, Edge cases): one quote per paragraph, one speaker
    text = "“The first floor flooded within minutes.\n\n“By the morning the water had reached the roof,” she said."
    got = extract(text).quotes
    assert [q.text for q in got] == [
        "The first floor flooded within minutes.",
        "By the morning the water had reached the roof,",
    ]


def test_it_does_not_take_a_name_in_marks_for_a_quotation():
    assert texts("The movement, “the Friends of the Valley of Roses”, held a rally.") == []


def test_it_ignores_apostrophes_inside_a_quotation():
    assert texts("“It’s the workers’ money and they’ve earned it,” he said.") == [
        "It’s the workers’ money and they’ve earned it,"
    ]


def test_it_reports_offsets_of_the_words_inside_the_marks():
    text = 'Intro. "Four words are here," she said.'
    (q,) = extract(text).quotes
    assert text[q.start : q.end] == q.text == "Four words are here,"


def test_it_counts_a_contraction_as_one_word():
    assert texts("“It’s a catastrophe,” she said.") == []


def test_it_finds_a_quotation_in_straight_single_marks():
    assert texts("'The road to the village is still cut off,' a driver said.") == [
        "The road to the village is still cut off,"
    ]


def test_it_does_not_open_a_straight_single_quotation_on_an_abbreviated_year():
    assert texts("Prices have not been this high since the '80s, when the mine closed for good.") == []


def test_it_keeps_a_single_quoted_quotation_open_over_a_plural_possessive():
    assert texts("‘We still pay the farmers’ debts every single month,’ the minister said.") == [
        "We still pay the farmers’ debts every single month,"
    ]
    assert texts("'They burned the teachers' houses and the school,' said a resident.") == [
        "They burned the teachers' houses and the school,"
    ]
