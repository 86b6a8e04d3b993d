"""Actors: people, organisations and places, each once, with their other names."""

from __future__ import annotations

from claims.extraction import extract
from tests.extraction.helpers import actor, actor_names


def test_it_splits_a_title_from_the_name_and_keeps_it_as_descriptor():
    x = extract("Canadian Finance Minister Chrystia Freeland presented the budget on Tuesday.")
    a = actor(x, "Chrystia Freeland")
    assert a.type == "person"
    assert a.descriptor == "Canadian Finance Minister"
    assert "Canadian Finance Minister Chrystia Freeland" in a.aliases


def test_it_links_a_later_surname_to_the_full_name():
    x = extract("Ambassador Rosa Kleinberg arrived late. Kleinberg later met the delegation.")
    assert actor_names(x, "person") == ["Rosa Kleinberg"]
    assert "Kleinberg" in actor(x, "Rosa Kleinberg").aliases
    assert [m.surface for m in x.mentions] == ["Rosa Kleinberg", "Kleinberg"]


def test_it_links_an_honorific_and_surname_to_the_person():
    x = extract("The plan was drafted by Martin Okafor, an economist. Mr. Okafor called it modest.")
    assert actor_names(x, "person") == ["Martin Okafor"]
    assert "Mr. Okafor" in actor(x, "Martin Okafor").aliases


def test_it_keeps_a_person_named_only_by_honorific_and_surname():
    x = extract("Ms. Haverford declined to comment on the lawsuit.")
    assert actor_names(x, "person") == ["Haverford"]


def test_it_finds_an_unknown_name_after_a_role_noun():
    x = extract("The decision was criticised by analyst Tovah Brenik at a meeting.")
    assert actor_names(x, "person") == ["Tovah Brenik"]


def test_it_finds_an_unknown_name_before_an_appositive_role():
    x = extract("The fund was set up by Oduya Mbeki-Tan, a former banker, in 2019.")
    assert actor(x, "Oduya Mbeki-Tan").descriptor == "a former banker"


def test_it_types_organisations_by_their_head_word():
    x = extract("The National Transport Safety Board and the Ministry of Water Resources issued warnings.")
    assert actor_names(x, "organization") == ["National Transport Safety Board", "Ministry of Water Resources"]


def test_it_reads_a_nationality_and_a_lowercase_head_as_an_organisation():
    x = extract("The Kenyan army said the Somali health ministry had been informed.")
    assert actor_names(x, "organization") == ["Kenyan army", "Somali health ministry"]


def test_it_does_not_make_an_organisation_of_a_head_used_as_modifier():
    x = extract("The Kenyan army operation ended on Friday.")
    assert actor_names(x, "organization") == []


def test_it_merges_an_acronym_with_its_expansion():
    x = extract("The European Union said on Monday that the EU would extend sanctions.")
    eu = actor(x, "European Union")
    assert "EU" in eu.aliases
    assert len(actor_names(x, "organization")) == 1


def test_it_merges_an_acronym_given_in_brackets():
    x = extract("The Federal Aviation Administration (FAA) grounded the jets. The FAA said checks would take weeks.")
    assert actor_names(x, "organization") == ["Federal Aviation Administration"]


def test_it_merges_a_shorter_name_that_ends_a_longer_one():
    x = extract("The Global Fisheries Monitoring Council met in Oslo. The Monitoring Council voted to act.")
    assert actor_names(x, "organization") == ["Global Fisheries Monitoring Council"]


def test_it_credits_the_outlet_in_a_dateline():
    x = extract("NAIROBI, 4 March (Coastline Herald)\n\nFlooding has closed the main road.")
    assert "Coastline Herald" in actor_names(x, "organization")


def test_it_finds_an_organisation_named_after_a_role_of():
    x = extract("Said Amrani, founder of Teachers Across Frontiers, opened the school.")
    assert "Teachers Across Frontiers" in actor_names(x, "organization")


def test_it_does_not_list_months_weekdays_or_sentence_openers():
    x = extract("However, on Monday in March the talks stalled. Meanwhile, Prices rose. The Talks ended.")
    assert actor_names(x) == []


def test_it_does_not_list_a_nationality_alone():
    x = extract("Swedish officials and Norwegian fishermen disagreed about the quota.")
    assert actor_names(x, "person", "organization") == []


def test_it_does_not_list_social_platforms():
    x = extract("The senator posted the video on Telegram and later on X.")
    assert actor_names(x) == []


def test_it_lists_a_place_only_when_it_speaks():
    x = extract('Peru said it would "never accept a border drawn by force." Lima is calm.')
    assert actor_names(x, "place") == ["Peru"]


def test_it_gives_every_mention_its_offsets():
    text = "Sir Keir Starmer met Olena Zelenska in London. Starmer promised support."
    x = extract(text)
    for m in x.mentions:
        assert text[m.start : m.end] == m.surface
    assert {m.surface for m in x.mentions} >= {"Keir Starmer", "Olena Zelenska", "Starmer"}


def test_it_reads_british_honorifics_without_a_full_stop():
    x = extract("Prime Minister Harriet Vane spoke first. Mr Wimsey, the opposition leader, replied.")
    assert "Wimsey" in actor_names(x, "person")
    assert actor(x, "Harriet Vane").descriptor == "Prime Minister"


def test_it_keeps_of_inside_an_institution_name():
    x = extract("The motion passed in the House of Lords and the Chamber of Shipping objected.")
    assert actor_names(x, "organization") == ["House of Lords", "Chamber of Shipping"]


def test_it_separates_a_company_from_its_executive():
    x = extract("Globex Corp. Chief Executive Hank Scorpio unveiled the plan. Globex said sales rose.")
    assert actor(x, "Hank Scorpio").descriptor == "Globex Corp. Chief Executive"
    assert "Globex Corp." in actor_names(x, "organization")


def test_it_reads_an_all_caps_dateline_city_as_a_place():
    x = extract("NAIROBI, Kenya (AP) — The talks resumed.")
    assert actor_names(x, "organization") == ["AP"]


def test_it_joins_and_inside_a_name_ending_in_an_organisation_word():
    x = extract("The Farmers and Fishers Alliance said prices had collapsed.")
    assert actor_names(x, "organization") == ["Farmers and Fishers Alliance"]


def test_it_gives_a_shared_surname_to_the_person_named_last():
    text = "Anna Berglund chaired the panel. Later, Erik Berglund spoke. Berglund said the vote was close."
    x = extract(text)
    last = next(m for m in x.mentions if m.surface == "Berglund")
    assert x.actors[last.actor_index].name == "Erik Berglund"


def test_it_knows_major_banks_news_agencies_and_un_missions_by_name():
    x = extract("Analysts at Morgan Stanley doubted the plan, Anadolu reported. Unifil and the IOM kept their staff.")
    assert {"Morgan Stanley", "Anadolu", "Unifil", "IOM"} <= set(actor_names(x, "organization"))


def test_it_finds_people_by_common_given_names_without_a_title_or_a_verb():
    x = extract("The fund is run by Wisam Haddad and Phillip Moore from an office in Doha.")
    assert actor_names(x, "person") == ["Wisam Haddad", "Phillip Moore"]


def test_it_joins_an_organisation_name_across_a_second_of():
    x = extract("The Office for the Protection of Cultural Heritage said the museum was looted.")
    assert "Office for the Protection of Cultural Heritage" in actor_names(x, "organization")


def test_it_does_not_join_a_country_after_a_ministry_name():
    x = extract("The Ministry of Foreign Affairs of Ukraine said the talks would go on.")
    assert "Ministry of Foreign Affairs" in actor_names(x, "organization")


def test_it_does_not_take_the_constituency_after_mp_for_as_a_person():
    x = extract("Sarah Okoye, the Green MP for Bristol Central, asked for an inquiry.")
    assert actor_names(x, "person") == ["Sarah Okoye"]


def test_it_does_not_join_a_sentence_after_on_x_into_a_person():
    x = extract("The minister posted the video on X. Canada and Norway condemned the attack.")
    assert actor_names(x, "person") == []


def test_it_makes_an_organisation_of_a_name_after_the_kind_of_body_it_is():
    x = extract("Rates doubled, according to the freight consultancy Xeneta. The rights group Avaaz agreed.")
    assert {"Xeneta", "Avaaz"} <= set(actor_names(x, "organization"))


def test_it_finds_people_with_common_southern_african_given_names():
    x = extract("Talks between Thabo Nkosi and Tendai Moyo ended late.")
    assert actor_names(x, "person") == ["Thabo Nkosi", "Tendai Moyo"]


def test_it_finds_a_known_organisation_whose_name_holds_a_lower_case_the():
    x = extract("Staff from Save the Children reached the camp on foot.")
    assert actor_names(x, "organization") == ["Save the Children"]


def test_it_splits_a_plural_title_from_the_first_of_two_names():
    x = extract("Senators Ruth Adeyemi and Paul Kerrigan wrote to the agency.")
    assert actor_names(x, "person") == ["Ruth Adeyemi", "Paul Kerrigan"]


def test_it_makes_an_organisation_of_a_country_owned_institution_named_without_the():
    x = extract("Kenya's Supreme Court struck down the decree.")
    assert actor_names(x, "organization") == ["Kenya's Supreme Court"]


def test_it_finds_a_lower_case_ministry_named_by_its_portfolio():
    x = extract("The Kenyan agriculture ministry said the maize harvest had failed.")
    assert actor_names(x, "organization") == ["Kenyan agriculture ministry"]


def test_it_joins_an_x_and_y_organisation_before_a_possessive():
    x = extract("The Fish and Wildlife Service's survey was delayed.")
    assert actor_names(x, "organization") == ["Fish and Wildlife Service"]


def test_it_finds_people_with_ukrainian_transliterated_given_names():
    x = extract("The deal was signed by Andrii Kovalenko and Serhii Marchenko.")
    assert actor_names(x, "person") == ["Andrii Kovalenko", "Serhii Marchenko"]


def test_it_does_not_read_a_title_word_before_an_abstract_noun_as_a_person():
    x = extract("Staff of the General Administration for Refugee Affairs counted the tents.")
    assert actor_names(x, "person") == []


def test_it_finds_people_with_hyphenated_french_given_names():
    x = extract("Jean-Marc Duval and Anne-Marie Roche run the shelter.")
    assert actor_names(x, "person") == ["Jean-Marc Duval", "Anne-Marie Roche"]
