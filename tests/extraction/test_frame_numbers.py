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


def test_people_aboard_a_vanished_vessel_are_missing_and_so_are_their_breakdowns() -> None:
    text = (
        "Radio contact with the trawler, which had 31 people aboard, was lost at dawn; the crew included 20 Ghanaians."
    )
    assert [c[2] for c in readings(text)] == ["missing", "missing"]


def test_people_on_a_plane_that_went_missing_are_missing() -> None:
    text = "The jet went missing over the sea. It was carrying 88 passengers and crew."
    assert readings(text)[0][2] == "missing"


def test_control_people_aboard_a_vessel_that_arrived_are_no_missing_count() -> None:
    assert readings("The ferry carrying 300 passengers docked safely.")[0][2] == "other"


def test_control_people_killed_aboard_stay_killed() -> None:
    text = "The missile hit the airliner, killing all 180 people on board. A second jet is missing."
    assert readings(text)[0][2] == "killed"


def test_one_closing_a_list_of_counts_is_a_count_of_the_same_kind() -> None:
    text = "Rebels freed 40 captives on Sunday: 30 Chileans, nine Peruvians and one Uruguayan."
    assert readings(text) == [
        (Decimal(40), None, "hostages"),
        (Decimal(30), None, "hostages"),
        (Decimal(9), None, "hostages"),
        (Decimal(1), None, "hostages"),
    ]


def test_reported_killed_is_a_toll() -> None:
    assert readings("Officials counted 58 people reported killed overnight.")[0][2] == "killed"


def test_thousands_with_a_dot_in_german_text_give_no_number() -> None:
    assert readings("Rund 2.300 Menschen wurden in der Region evakuiert, sagte die Polizei.") == []


def test_thousands_with_a_space_in_french_text_give_no_number() -> None:
    assert readings("Plus de 3 400 personnes ont été relogées, selon la mairie.") == []


def test_control_a_plain_count_in_german_text_stays() -> None:
    assert [v for v, _, _ in readings("Mehr als 30 Menschen wurden in der Stadt verletzt, sagte die Polizei.")] == [
        Decimal(30)
    ]


def test_control_english_text_with_a_french_name_keeps_its_thousands() -> None:
    found = readings("Le Clerc and de Villiers drew 1,200 people to the rally, the organisers said.")
    assert found[0][0] == Decimal(1200)


def test_a_hedge_covers_a_second_casualty_count_joined_by_and() -> None:
    found = extract("At least 40 dead and 200 wounded after the blast.").claims
    assert [c.qualifier for c in found] == ["at_least", "at_least"]


def test_control_a_hedge_stays_on_its_own_count_of_things() -> None:
    found = extract("About 30 ships and 21 aircraft joined the search.").claims
    assert [c.qualifier for c in found] == ["approximately", "exact"]


def test_control_a_hedge_stays_in_its_own_clause() -> None:
    found = extract("At least 40 people were killed and 200 wounded.").claims
    assert [c.qualifier for c in found] == ["at_least", "exact"]


def test_counts_of_people_before_a_shared_verb_share_its_category() -> None:
    assert [c for _, _, c in readings("Nearly 50 soldiers and 30 civilians died.")] == ["killed", "killed"]


def test_control_an_object_count_before_another_clause_keeps_its_own() -> None:
    assert [c for _, _, c in readings("The school has 300 pupils and 20 teachers were hurt.")] == ["other", "injured"]


def test_a_casualty_verb_does_not_make_a_count_of_things_a_toll() -> None:
    assert readings("The committee killed 3 bills and passed 2 budgets.")[0][2] == "other"
    assert readings("Raids destroyed 260 depots and killed two commanders.")[0][2] == "other"


def test_control_agent_nouns_unknown_to_the_lexicon_still_count_people() -> None:
    assert readings("The ice storm killed 12 motorists.")[0][2] == "killed"


def test_shot_dead_and_stabbed_to_death_are_tolls() -> None:
    assert readings("Police said 5 suspects were shot dead.")[0][2] == "killed"
    assert readings("Gunmen shot dead 7 guards.")[0][2] == "killed"
    assert readings("Three men were stabbed to death.")[0][2] == "killed"


def test_a_hyphenated_to_range_is_one_claim_with_its_upper_end() -> None:
    text = "Engineers put the likely repair bill in the 20-to-45 range, the council said."
    assert readings(text) == [(Decimal(20), Decimal(45), "other")]


def test_control_a_to_score_is_no_range() -> None:
    assert [r[1] for r in readings("The visitors won 4-to-2 in the final.")] == [None]


def test_a_noun_naming_the_number_is_no_counted_population() -> None:
    text = "Medics said the dead in the valley were in the 30-to-50 range after the flood."
    (c,) = extract(text).claims
    assert c.frame is not None and c.frame.population != "range"


def test_a_bare_count_in_a_parallel_were_in_clause_takes_the_casualty_category() -> None:
    text = "Of the victims, 230 of the dead were in the hill villages and 61 were in the port town."
    assert readings(text) == [(Decimal(230), None, "killed"), (Decimal(61), None, "killed")]


def test_a_bare_count_closing_a_report_after_a_toll_takes_its_category() -> None:
    text = "Medics had counted 140 dead by noon; by nightfall local radio was reporting more than 400."
    assert readings(text)[-1] == (Decimal(400), None, "killed")


def test_control_a_bare_count_after_a_count_of_things_stays_other() -> None:
    text = "Inspectors counted 140 homes by noon; by nightfall the county was reporting more than 400."
    assert readings(text)[-1] == (Decimal(400), None, "other")


def test_control_a_bare_count_in_another_frame_stays_other() -> None:
    text = "The flood left 70 dead. Later reports said 2,000 were in shelters."
    assert readings(text)[-1] == (Decimal(2000), None, "other")
