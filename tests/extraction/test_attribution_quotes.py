"""Quotations over several paragraphs, paragraphs left open, „…“ and « … » marks, titles of works.

Sentences are invented."""

from __future__ import annotations

from tests.extraction.helpers import speakers


def test_it_gives_each_paragraph_of_a_long_quotation_its_own_quote_and_one_speaker():
    text = (
        'Harbour master Lena Okafor said: "The crane failed twice before the storm arrived.\n\n'
        '"Nobody on the night shift had been told about the first failure.\n\n'
        '"We will publish the full log next week."'
    )
    assert speakers(text) == [
        ("The crane failed twice before the storm arrived.", "Lena Okafor"),
        ("Nobody on the night shift had been told about the first failure.", "Lena Okafor"),
        ("We will publish the full log next week.", "Lena Okafor"),
    ]


def test_a_paragraph_left_open_ends_its_quote_and_the_next_one_closing_a_mark_goes_on():
    text = (
        "The skipper did not hide it. “We sailed too late and we paid for every hour of it.\n\n"
        "The crew deserves better than this,” said skipper Tomasz Wierzba."
    )
    assert speakers(text) == [
        ("We sailed too late and we paid for every hour of it.", "Tomasz Wierzba"),
        ("The crew deserves better than this,", "Tomasz Wierzba"),
    ]


def test_a_closed_paragraph_does_not_run_into_the_next_one():
    text = "“The vote is lost,” said Mara Quist.\n\n“Nobody in this room believed the count,” said Ivo Brandt."
    assert speakers(text) == [
        ("The vote is lost,", "Mara Quist"),
        ("Nobody in this room believed the count,", "Ivo Brandt"),
    ]


def test_it_reads_german_low_high_marks():
    got = [t for t, _ in speakers("Sie sagte: „Das Werk bleibt offen, das verspreche ich allen.“ Dann ging sie.")]
    assert got == ["Das Werk bleibt offen, das verspreche ich allen."]


def test_it_reads_french_guillemets_with_spaces_inside():
    got = [t for t, _ in speakers("Il a dit : « Nous ne fermerons pas cette usine », a-t-il ajouté.")]
    assert got == ["Nous ne fermerons pas cette usine"]


def test_a_title_of_a_work_in_marks_is_not_a_quote():
    assert speakers("The choir sang “Carry Me Down The River” before the service.") == []


def test_a_slogan_that_marchers_chant_stays_a_quote():
    got = [t for t, _ in speakers("Marchers chanted “Open The Clinics Again Now” outside the hall.")]
    assert got == ["Open The Clinics Again Now"]


def test_an_ordinary_sentence_in_marks_stays_a_quote():
    got = [t for t, _ in speakers("“We open again on Monday,” the baker said.")]
    assert got == ["We open again on Monday,"]


def test_a_mark_left_open_with_no_continuation_makes_no_quote():
    text = "He called it “a plan that nobody in the room had read.\n\nThe vote was put off until March."
    assert speakers(text) == []


def test_the_last_paragraph_of_a_long_quotation_left_open_is_still_a_quote():
    text = (
        'Coach Ines Paredes said: "We were beaten by a better side today.\n\n'
        '"Next season we will be back and stronger than ever'
    )
    assert [t for t, _ in speakers(text)] == [
        "We were beaten by a better side today.",
        "Next season we will be back and stronger than ever",
    ]
