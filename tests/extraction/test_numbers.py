"""Numeric claims: what counts as a claim, its value, range, qualifier, category and source.

Plain pytest, no Django: the engine is pure Python. Every sentence here is written for these tests.
"""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from claims.extraction.numbers import find_numeric_claims
from claims.extraction.types import NumericClaim


def claims(text: str) -> list[NumericClaim]:
    return find_numeric_claims(text)


def only(text: str) -> NumericClaim:
    found = claims(text)
    assert len(found) == 1, [c.span for c in found]
    return found[0]


def values(text: str) -> list[Decimal]:
    return [c.value for c in claims(text)]


# -- reading numbers -------------------------------------------------------------------------------


def test_it_reads_digits_with_thousands_separators() -> None:
    assert only("Floods destroyed 12,450 homes in the delta.").value == 12450


def test_it_reads_decimals_with_a_scale_word() -> None:
    assert only("The camp now shelters 1.6 million people.").value == 1_600_000


def test_it_reads_abbreviated_money() -> None:
    assert values("The bank lent $4.5bn and the state added £300m.") == [4_500_000_000, 300_000_000]


def test_it_reads_money_with_a_scale_word() -> None:
    assert only("Donors pledged $750 million at the conference.").value == 750_000_000


def test_it_reads_percentages() -> None:
    assert values("Prices rose 12% in May and 4.5 percent in June.") == [12, Decimal("4.5")]


def test_it_reads_number_words() -> None:
    assert only("Rescuers found seventeen survivors under the rubble.").value == 17


def test_it_reads_compound_number_words() -> None:
    assert only("The ferry carried two hundred and forty-six passengers.").value == 246


def test_it_reads_a_hundred_and_two_dozen() -> None:
    assert values("A hundred tents arrived, and two dozen doctors.") == [100, 24]


def test_it_reads_half_a_million() -> None:
    assert only("The drought has hit half a million farmers.").value == 500_000


def test_it_parses_between_x_and_y_as_a_range() -> None:
    claim = only("Between 300 and 350 families were moved to the stadium.")
    assert (claim.value, claim.value_max) == (300, 350)
    assert claim.span.startswith("Between")


def test_it_parses_a_hyphenated_range() -> None:
    claim = only("Officials expect 40-60 trucks a day at the border.")
    assert (claim.value, claim.value_max) == (40, 60)


def test_it_parses_x_to_y_as_a_range() -> None:
    claim = only("The storm left 5,000 to 7,000 households without power.")
    assert (claim.value, claim.value_max) == (5000, 7000)


def test_it_parses_one_or_two_as_a_range() -> None:
    claim = only("Each family gets one or two litres of water a day.")
    assert (claim.value, claim.value_max) == (1, 2)


def test_it_spreads_a_scale_word_over_a_range() -> None:
    claim = only("The plan costs between $3 and $4 billion.")
    assert (claim.value, claim.value_max) == (3_000_000_000, 4_000_000_000)


def test_it_reads_from_x_to_y_after_a_change_verb_as_two_numbers() -> None:
    assert values("Unemployment rose from 5 percent to 8 percent.") == [5, 8]


# -- what is not a claim ---------------------------------------------------------------------------


def test_it_skips_years() -> None:
    assert claims("The treaty was signed in 1994 and revised in 2011.") == []


def test_it_skips_dates() -> None:
    assert claims("The talks began on 14 March and ended on April 2.") == []


def test_it_skips_times() -> None:
    assert claims("The siren sounded at 6:45 and again at 9 p.m.") == []


def test_it_skips_durations() -> None:
    assert claims("The curfew lasted 36 hours, and the blockade two more weeks.") == []


def test_it_skips_hyphenated_durations() -> None:
    assert claims("A 72-hour truce followed the 10-year dispute.") == []


def test_it_skips_ages() -> None:
    text = "A 9-year-old boy, his sister aged 14 and a man, 52, were treated."
    assert [c.span for c in claims(text)] == []


def test_it_skips_ordinals_and_fractions() -> None:
    assert claims("It was the 3rd raid this week, and a third of the camp burned; one-quarter fled.") == []


def test_it_skips_vague_amounts() -> None:
    assert claims("Dozens were hurt, hundreds fled and thousands of homes were lost.") == []


def test_it_skips_one_as_a_determiner() -> None:
    assert claims("One diplomat said the deal was close.") == []


def test_it_keeps_one_when_it_counts_a_casualty() -> None:
    assert only("One soldier was killed in the ambush.").category == "killed"


def test_it_skips_numbers_inside_names() -> None:
    text = "Channel 13 and Article 51 were cited at the G20, along with the two-state solution and COVID-19."
    assert claims(text) == []


def test_it_skips_handles_and_links() -> None:
    assert claims("Follow @aid4all or read https://example.org/2024/report-77 for details.") == []


def test_it_counts_a_number_hyphenated_to_a_counted_noun() -> None:
    assert only("The 27-member bloc agreed on sanctions.").value == 27


# -- qualifiers ------------------------------------------------------------------------------------


def test_it_reads_more_than_as_more_than_qualifier() -> None:
    assert only("More than 80 villages were flooded.").qualifier == "more_than"


def test_it_reads_over_as_more_than_qualifier() -> None:
    assert only("Over 3,000 volunteers signed up.").qualifier == "more_than"


def test_it_reads_at_least() -> None:
    assert only("At least 19 miners are trapped.").qualifier == "at_least"


def test_it_reads_fewer_than_as_less_than() -> None:
    assert only("Fewer than 200 ballots were spoiled.").qualifier == "less_than"


def test_it_reads_up_to_as_at_most() -> None:
    assert only("The shelter can take up to 600 people.").qualifier == "at_most"


def test_it_reads_hedges_as_approximately() -> None:
    texts = ["About 40 shops closed.", "Nearly 900 pupils sat the exam.", "An estimated 2,000 birds died."]
    assert [only(t).qualifier for t in texts] == ["approximately"] * 3


def test_it_reads_or_more_after_the_number_as_at_least() -> None:
    assert only("Groups of 50 or more gathered at the gates.").qualifier == "at_least"


def test_it_reads_a_bare_number_as_exact() -> None:
    assert only("Police seized 73 rifles.").qualifier == "exact"


# -- categories ------------------------------------------------------------------------------------


def test_it_reads_killed_from_the_verb_after_the_counted_noun() -> None:
    assert only("Some 230 people have been killed in the clashes.").category == "killed"


def test_it_reads_killed_from_the_verb_before_the_number() -> None:
    assert only("The blast killed 14 workers at the plant.").category == "killed"


def test_it_reads_killed_from_a_rising_death_toll() -> None:
    assert only("The death toll from the landslide has climbed to 61.").category == "killed"


def test_it_reads_injured_from_wounded() -> None:
    assert only("The explosion wounded 35 bystanders.").category == "injured"


def test_it_reads_hostages_from_the_counted_noun() -> None:
    assert only("The group still holds 12 captives.").category == "hostages"


def test_it_reads_hostages_from_taken_hostage() -> None:
    assert only("Gunmen seized the bus, and 30 passengers were taken hostage.").category == "hostages"


def test_it_reads_detained_from_arrested() -> None:
    assert only("Police arrested 48 demonstrators outside parliament.").category == "detained"


def test_it_reads_missing() -> None:
    assert only("Nine fishermen are still missing off the coast.").category == "missing"


def test_it_reads_displaced_from_fled() -> None:
    assert only("Roughly 15,000 residents fled the fighting overnight.").category == "displaced"


def test_it_reads_population_from_residents() -> None:
    assert only("The island's 80,000 inhabitants depend on ferries.").category == "population"


def test_it_reads_aid_from_trucks() -> None:
    assert only("Only 96 trucks crossed on Friday.").category == "aid"


def test_it_reads_aid_from_money_for_relief() -> None:
    assert only("Japan gave $20 million in emergency aid.").category == "aid"


def test_it_reads_other_for_plain_measures() -> None:
    assert [c.category for c in claims("The wall is 8 metres high and runs for 40 miles.")] == ["other", "other"]


def test_it_gives_a_part_the_category_of_its_whole() -> None:
    found = claims("The raid killed 18 people, including seven children.")
    assert [(c.value, c.category) for c in found] == [(18, "killed"), (7, "killed")]


def test_it_gives_coordinated_counts_the_same_category() -> None:
    found = claims("The army lost 40 officers and 310 conscripts.")
    assert [c.category for c in found] == ["killed", "killed"]


def test_it_keeps_separate_verbs_apart() -> None:
    found = claims("Troops killed 6 fighters and arrested 11 others.")
    assert [c.category for c in found] == ["killed", "detained"]


def test_it_takes_the_counted_noun() -> None:
    assert only("Officials counted 412 ballots.").noun == "ballots"


def test_it_takes_the_place_when_stated() -> None:
    assert only("Floods have displaced 20,000 people in Sindh.").place == "Sindh"


# -- sources ---------------------------------------------------------------------------------------


def test_it_takes_the_source_from_according_to() -> None:
    claim = only("Some 700 homes were damaged, according to the regional governor's office.")
    assert claim.source_surface == "regional governor"


def test_it_takes_the_source_from_a_reporting_verb_before_the_number() -> None:
    assert only("The interior ministry said 27 suspects were detained.").source_surface == "interior ministry"


def test_it_takes_the_source_from_a_trailing_attribution() -> None:
    assert only("At least 11 people died in the fire, the city's mayor said.").source_surface == "city's mayor"


def test_it_takes_the_source_from_an_inverted_attribution() -> None:
    text = "Around 40 families have lost their homes, said Maria Delgado, a local councillor."
    assert only(text).source_surface == "Maria Delgado"


def test_it_takes_the_quoted_speaker_as_source() -> None:
    text = "Oren Lavi spoke to reporters.\n\n“We have treated 64 patients since dawn,” he said."
    assert only(text).source_surface == "Oren Lavi"


def test_it_resolves_a_bare_description_to_its_fuller_mention() -> None:
    text = "The Kenyan health ministry opened a hotline. The ministry said 9 people had died."
    assert only(text).source_surface == "Kenyan health ministry"


def test_it_leaves_the_source_empty_when_the_article_states_the_number() -> None:
    assert only("The quake destroyed 1,900 buildings.").source_surface is None


def test_it_does_not_take_the_source_for_a_number_inside_the_source() -> None:
    found = claims("The plan would free 50 prisoners, three senior officials said.")
    assert [(c.value, c.source_surface) for c in found] == [(50, "three senior officials"), (3, None)]


def test_it_ignores_a_reporting_verb_in_a_relative_clause_after_the_number() -> None:
    text = "The army moved 900 soldiers to the border, which the president said was routine."
    assert only(text).source_surface is None


# -- the output contract ---------------------------------------------------------------------------


def test_it_sorts_claims_by_start_and_leaves_source_index_empty() -> None:
    found = claims("In the north 70 schools closed; in the south 45 clinics shut, and 3 bridges fell.")
    assert [c.start for c in found] == sorted(c.start for c in found)
    assert {c.source_index for c in found} == {None}


def test_it_spans_the_qualifier_number_and_noun() -> None:
    text = "Nearly 600 nurses went on strike."
    claim = only(text)
    assert claim.span == "Nearly 600 nurses"
    assert text[claim.start : claim.end] == claim.span


def test_it_returns_nothing_for_empty_text() -> None:
    assert claims("") == []


def test_it_reads_a_megabyte_of_hostile_text_with_every_span_in_place() -> None:
    # Its speed is bench/extraction.py's to measure (a ratio against its limit, not a timed test).
    text = ("“1,234 said he” Mr. A. The ministry said 5 " * 25_000)[:1_000_000]
    found = claims(text)
    assert found
    assert all(text[c.start : c.end] == c.span for c in found)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.text(max_size=12),
            st.sampled_from(
                [
                    "1,400",
                    "2.3 million",
                    "$5bn",
                    "70%",
                    "between",
                    " and ",
                    " or ",
                    "-",
                    "more than",
                    "killed",
                    "said",
                    "“",
                    "”",
                    '"',
                    "\n\n",
                    ". ",
                    "he",
                    "The ministry",
                    "according to",
                    "two",
                    "hundred",
                    "İ",
                    "October",
                ]
            ),
        ),
        max_size=40,
    ).map(" ".join)
)
def test_it_never_raises_and_keeps_offsets_consistent(text: str) -> None:
    first = find_numeric_claims(text)
    for claim in first:
        assert 0 <= claim.start < claim.end <= len(text)
        assert text[claim.start : claim.end] == claim.span
        assert claim.value_max is None or claim.value_max > claim.value
    assert find_numeric_claims(text) == first


# -- later additions: verbs that outrank nouns, asides, determiners --------------------------------


def test_it_lets_a_killing_verb_outrank_a_hostage_noun() -> None:
    assert only("The group says 14 captives have died in air strikes.").category == "killed"


def test_it_reads_missing_after_remain() -> None:
    assert only("Another 70 people remain unaccounted for.").category == "missing"


def test_it_reads_taken_to_hospital_as_injured() -> None:
    assert only("Twenty-two pupils were taken to hospital.").category == "injured"


def test_it_does_not_count_military_aid_as_aid() -> None:
    assert only("Congress approved $8 billion in military aid.").category == "other"


def test_it_skips_one_after_a_preposition() -> None:
    assert [c.value for c in claims("Nine relatives from one family were killed.")] == [9]


def test_it_takes_the_name_before_a_descriptive_aside_as_source() -> None:
    text = "Lina Haddad, a spokeswoman for the agency, said 310 families were evacuated."
    assert only(text).source_surface == "Lina Haddad"


def test_it_does_not_carry_a_source_past_but() -> None:
    assert only("The minister said little, but 25 protesters were detained.").source_surface is None


def test_it_reads_the_part_and_the_whole_of_a_partitive() -> None:
    found = claims("At least 60 of the town's 4,000 inhabitants were killed.")
    assert [(c.value, c.category) for c in found] == [(60, "killed"), (4000, "population")]


def test_it_reads_the_category_from_of_the_deaths() -> None:
    assert only("Of the deaths, 812 were recorded in the north.").category == "killed"


def test_it_reads_among_the_dead_as_killed() -> None:
    assert only("Some 40 police officers were among the dead.").category == "killed"


def test_it_skips_a_passive_reporting_verb_as_source() -> None:
    assert only("Nearly 300 deaths had been reported by noon.").source_surface is None


def test_it_prefers_the_asserter_before_the_number_to_a_relay_after_it() -> None:
    text = "The coast guard said 18 sailors were rescued, the national news agency reported."
    assert only(text).source_surface == "coast guard"


def test_it_lets_a_subordinate_reporting_verb_yield_to_the_main_one() -> None:
    text = "At least 75 people died after the army announced a curfew, the Red Cross said."
    assert only(text).source_surface == "Red Cross"


def test_it_reads_currency_codes_and_spaced_signs() -> None:
    assert values("Donors gave USD 2.5 million, and the bank US$ 40 million.") == [2_500_000, 40_000_000]


def test_it_steps_over_a_parenthesised_acronym_to_find_the_source() -> None:
    text = "The World Food Programme (WFP) reported that 600,000 people faced famine."
    assert only(text).source_surface == "World Food Programme"


def test_it_skips_proportions_but_keeps_a_number_before_a_year() -> None:
    assert values("Only 3 in 10 homes survived, and prices rose 6.5 percent in 2022.") == [Decimal("6.5")]


def test_it_reads_thousands_separated_by_a_narrow_space() -> None:
    assert only("The agency counted 12\u202f400 tents.").value == 12400


def test_it_does_not_read_added_with_an_object_as_attribution() -> None:
    assert only("Factories added 95,000 jobs in March.").source_surface is None


def test_it_finds_the_officials_behind_who_said() -> None:
    text = "Prices rose faster than central bank officials who in May said inflation would reach 4.1%."
    assert only(text).source_surface == "central bank officials"


def test_it_does_not_give_a_casualty_category_to_things_listed_nearby() -> None:
    found = claims("The raid killed four medics and destroyed 2 ambulances.")
    assert [(c.value, c.category) for c in found] == [(4, "killed"), (2, "other")]


def test_it_takes_the_name_not_the_description_between_commas() -> None:
    text = "Sara Levin, a nurse at the clinic, told reporters that 45 patients had arrived."
    assert only(text).source_surface == "Sara Levin"


def test_it_resolves_she_to_the_person_who_opens_the_previous_sentence() -> None:
    text = (
        "Aid officials said the road was closed. Maria McLeod, who runs the depot, called it a disaster.\n\n"
        "She said 9,000 families were waiting for food."
    )
    assert only(text).source_surface == "Maria McLeod"


def test_it_steps_over_an_age_to_the_speaker() -> None:
    text = "One farmer, Tomas Ruiz, 58, said: “We lost 300 sheep in one night.”"
    assert only(text).source_surface == "Tomas Ruiz"


def test_it_keeps_a_plural_possessive_inside_a_source_name() -> None:
    text = "The Teachers' Union said 2,300 schools had closed."
    assert only(text).source_surface == "Teachers' Union"


def test_it_reads_which_said_after_according_to_as_the_same_source() -> None:
    text = "About 500 people crossed, according to the border agency, which said up to 900 more could follow."
    assert [c.source_surface for c in claims(text)] == ["border agency", "border agency"]


def test_it_keeps_a_possessive_that_is_part_of_the_source_name() -> None:
    assert (
        only("The toll rose to 85, according to Yemen's Health Ministry.").source_surface == "Yemen's Health Ministry"
    )


def test_it_takes_the_owner_of_a_report_as_the_source() -> None:
    text = "Some 70 fighters were killed, according to analyst Ruth Meir's count."
    assert only(text).source_surface == "Ruth Meir"


def test_it_carries_the_speaker_into_a_quotation_continued_in_the_next_paragraph() -> None:
    text = "Lena Park, a rescuer, said: “The night was long.\n\n“We pulled 14 people out alive.”"
    assert only(text).source_surface == "Lena Park"


def test_it_reads_a_place_of_so_many_as_population() -> None:
    assert only("Mosul, a city of 1.5 million, lost power.").category == "population"


def test_it_reads_a_places_possessive_people_as_population() -> None:
    assert only("The blockade has hurt the economy of Haiti's 11 million people.").category == "population"


def test_it_keeps_at_least_one_after_that() -> None:
    assert only("Officials said that at least one person died.").value == 1


def test_it_resolves_he_to_a_role_when_no_name_is_given() -> None:
    text = "Six drones were downed over the port, its governor said. Shelling injured 13 people, he said."
    assert [c.source_surface for c in claims(text)] == ["governor", "governor"]


def test_it_does_not_take_a_nationality_phrase_for_a_person() -> None:
    text = "Elena Petrova spoke first.\n\nVarious Russian units moved. “We saw 40 tanks,” she said."
    assert only(text).source_surface == "Elena Petrova"


def test_it_does_not_read_claimed_the_lives_as_attribution() -> None:
    claim = only("The flood claimed the lives of 18 villagers.")
    assert (claim.category, claim.source_surface) == ("killed", None)


def test_it_reads_rounded_up_as_detained() -> None:
    assert only("Soldiers rounded up 60 men in the village.").category == "detained"


def test_it_resolves_it_said_to_the_organisation_that_spoke_before() -> None:
    text = (
        "The Norwegian Refugee Council said its convoy had reached the valley. "
        "Its staff handed out 800 blankets, it said."
    )
    assert only(text).source_surface == "Norwegian Refugee Council"


def test_it_resolves_they_said_to_the_plural_body_that_spoke_before() -> None:
    text = "Rescue officials said the bridge had collapsed at noon. They said 14 cars fell into the river."
    assert only(text).source_surface == "Rescue officials"


def test_it_resolves_it_said_past_a_person_who_spoke_in_between() -> None:
    text = (
        "The Red Cross said the roads were open. Its director, Anna Berg, said the trucks were ready. "
        "It said 60 tonnes had arrived."
    )
    assert only(text).source_surface == "Red Cross"


def test_it_reads_a_hyphenated_scale_word_in_a_compound_adjective() -> None:
    assert values("Ministers signed off a 12-billion-dollar reconstruction fund and a $3-million loan.") == [
        Decimal(12_000_000_000),
        Decimal(3_000_000),
    ]


def test_it_counts_people_forced_to_leave_or_ordered_to_evacuate_as_displaced() -> None:
    assert only("Up to 9,000 villagers were forced to leave after the dam burst.").category == "displaced"
    assert only("The governor ordered 4,500 people to evacuate before the storm.").category == "displaced"
    assert only("About 600 families left their homes near the volcano.").category == "displaced"


def test_it_keeps_the_asserter_over_a_while_clause_with_no_asserter_of_its_own() -> None:
    text = "The regional governor said 31 houses collapsed, while 140 others were damaged by the landslide."
    assert [c.source_surface for c in claims(text)] == ["regional governor", "regional governor"]


def test_it_does_not_carry_a_later_asserter_back_over_a_contrasting_clause() -> None:
    text = "Some 7,000 people left the valley, while the Red Cross estimates that 2,000 remain."
    assert [c.source_surface for c in claims(text)] == [None, "Red Cross"]


def test_it_prefers_the_asserter_of_the_first_clause_to_a_trailing_according_to_after_while() -> None:
    text = (
        "The coastguard says 40 migrants drowned off the island, while 65 people have died on the same route "
        "this year, according to an IOM tally."
    )
    assert [c.source_surface for c in claims(text)] == ["coastguard", "IOM tally"]


def test_it_takes_a_plural_subject_with_a_bare_reporting_verb_and_that_as_source() -> None:
    assert only("Hydrologists estimate that 1,800 wells have run dry.").source_surface == "Hydrologists"
    assert only("Teachers' unions report that 260 schools have shut.").source_surface == "Teachers' unions"


def test_it_does_not_take_an_amount_before_a_participle_for_a_source() -> None:
    text = "Exports were 12 percent higher than the $80 million recorded in the spring."
    assert [c.source_surface for c in claims(text)] == [None, None]


def test_it_reads_qualifiers_that_end_in_of() -> None:
    assert only("Upwards of 2,000 firefighters fought the blaze.").qualifier == "more_than"
    assert only("Losses were in excess of $9 million.").qualifier == "more_than"


def test_it_reads_a_capitalised_word_after_a_dateline_colon_as_a_sentence_opener() -> None:
    assert values("MOGADISHU: Only 14 boats returned to the harbour.") == [Decimal(14)]
    assert values("Breaking: Channel 12 aired the footage.") == []


def test_it_reads_a_range_whose_ends_carry_a_unit() -> None:
    c = only("Between 30cm and 45cm of snow settled on the pass.")
    assert (c.value, c.value_max) == (Decimal(30), Decimal(45))
    c = only("Between 60 and 80mm of rain is forecast.")
    assert (c.value, c.value_max) == (Decimal(60), Decimal(80))


def test_it_counts_emergency_funding_as_aid_but_not_other_emergency_spending() -> None:
    assert only("The bank released $40 million in emergency funding for the drought.").category == "aid"
    assert only("The hospital spent $2 million on a new emergency ward.").category == "other"


def test_it_counts_people_left_without_shelter_as_displaced() -> None:
    assert only("The cyclone left 6,500 people without shelter.").category == "displaced"


def test_it_drops_a_leading_from_when_the_source_is_data_from_a_body() -> None:
    text = "Data from the Global Drought Observatory show 1,300 reservoirs below a quarter of capacity."
    assert claims(text)[0].source_surface == "Global Drought Observatory"


def test_it_resolves_a_described_body_to_the_organisation_named_before() -> None:
    text = "Islamic Relief Worldwide Foundation runs the depot. The charity said 900 families received flour."
    assert only(text).source_surface == "Islamic Relief Worldwide Foundation"


def test_it_keeps_a_described_body_when_no_organisation_was_named() -> None:
    assert only("Gunmen raided the town. The armed group said 12 soldiers died.").source_surface == "armed group"


def test_it_gives_a_part_of_a_vague_count_the_category_of_its_clause() -> None:
    assert only("The blast wounded scores of shoppers, including 9 children.").category == "injured"
    assert only("The council paid for new roads, including 4 bridges.").category == "other"


def test_it_carries_the_subject_to_a_second_reporting_verb_after_but() -> None:
    text = "The port authority said 30 ships had docked, but warned that 12 more were stuck at sea."
    assert [c.source_surface for c in claims(text)] == ["port authority", "port authority"]
