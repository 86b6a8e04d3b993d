"""Number readings from issue 12 (invented sentences, each with a control that must keep working)."""

from __future__ import annotations

from decimal import Decimal

from claims.extraction import extract


def readings(text: str) -> list[tuple[Decimal, Decimal | None, str]]:
    return [(c.value, c.value_max, c.category) for c in extract(text).claims]


def test_it_reads_a_scale_word_in_capitals() -> None:
    assert readings("The donors pledged $5 MILLION for the wells.") == [(Decimal(5_000_000), None, "other")]


def test_it_reads_a_headline_in_capitals() -> None:
    found = readings("AT LEAST 25 DEAD AS STORM HITS ISLANDS\n\nCrews reached the last harbour on Monday.")
    assert found == [(Decimal(25), None, "killed")]


def test_control_a_number_after_a_name_stays_out() -> None:
    assert readings("She was interviewed on Channel 12 last night.") == []


def test_it_reads_k_as_thousand_before_a_noun() -> None:
    assert readings("Organisers said 40k people marched.")[0][0] == Decimal(40_000)


def test_it_does_not_scale_a_full_low_end_of_a_range() -> None:
    found = readings("Estimates range between 300,000 and 1.1 million people.")
    assert found == [(Decimal(300_000), Decimal(1_100_000), "other")]


def test_control_it_scales_a_bare_low_end_of_a_range() -> None:
    assert readings("Between 5 and 7 million people voted.")[0][:2] == (Decimal(5_000_000), Decimal(7_000_000))


def test_beheaded_snatched_and_questioning_are_casualty_verbs() -> None:
    assert readings("Gunmen beheaded 11 villagers.")[0][2] == "killed"
    assert readings("Gunmen snatched 60 pupils from a school.")[0][2] == "hostages"
    assert readings("Police took eight suspected smugglers in for questioning.")[0][2] == "detained"


def test_control_snatched_things_are_no_hostages() -> None:
    assert readings("Thieves snatched 60 phones from a shop.")[0][2] == "other"


def test_one_body_is_a_count() -> None:
    assert readings("Divers recovered one body from the lake.") == [(Decimal(1), None, "killed")]


def test_control_one_as_a_determiner_is_no_count() -> None:
    assert readings("One official said the road would reopen.") == []


def test_a_loss_that_is_not_a_death_is_no_toll() -> None:
    assert readings("About 2,000 growers lost their crops to the frost.")[0][2] == "other"
    assert readings("The club lost three of its coaches to rivals.")[0][2] == "other"


def test_control_lost_their_lives_is_a_toll() -> None:
    assert readings("About 200 miners lost their lives in the collapse.")[0][2] == "killed"
