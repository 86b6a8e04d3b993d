"""People and organisations the name resource and syntactic roles find.

Every sentence here is invented for these tests."""

from __future__ import annotations

from claims.extraction import extract
from claims.extraction.names import first_name_gender, first_names, is_first_name, place_first_names
from tests.extraction.helpers import actor_names


def test_the_name_resource_knows_given_names_beyond_the_hand_list():
    assert is_first_name("Ingrid") and is_first_name("Tomasz") and is_first_name("Oded")
    assert first_name_gender("Ingrid") == "f" and first_name_gender("Tomasz") == "m"


def test_the_name_resource_leaves_out_common_words_titles_and_places():
    for word in ("Will", "Major", "Justice", "President", "The", "San"):
        assert not is_first_name(word), word
    assert "Jordan" in place_first_names() and not is_first_name("Jordan")


def test_the_name_resource_is_loaded_once():
    assert first_names() is first_names()  # one object per process, not a new read per call


def test_a_person_with_a_given_name_from_the_resource_is_an_actor():
    x = extract("Analysts at the port said Henrike Sommerfeld had warned the board.")
    assert "Henrike Sommerfeld" in actor_names(x, "person")


def test_a_person_introduced_by_who_is_an_actor_whatever_the_given_name():
    x = extract("Travellers like Chidinma Okonkwo, who waited since dawn, were turned away.")
    assert "Chidinma Okonkwo" in actor_names(x, "person")


def test_control_an_organisation_introduced_by_which_is_no_person():
    x = extract("Delivery firms like Parcelfleet, which runs the depot, were turned away.")
    assert "Parcelfleet" not in actor_names(x, "person")


def test_a_camel_case_name_is_a_company():
    x = extract("Shares in BrightWave fell sharply after the recall.")
    assert "BrightWave" in actor_names(x, "organization")


def test_a_scottish_or_irish_surname_is_not_a_company():
    x = extract("Senator Ruth McAllister met Paul MacLeod and Anne DeWitt on Friday.")
    assert not {"McAllister", "MacLeod", "DeWitt"} & set(actor_names(x, "organization"))


def test_a_name_before_a_company_noun_is_a_company():
    x = extract("A Norvane plant outside the city closed on Monday.")
    assert "Norvane" in actor_names(x, "organization")


def test_a_court_title_is_not_part_of_the_name():
    x = extract("U.S. Attorney Idris Balogun announced the charges.")
    assert "Idris Balogun" in actor_names(x, "person")
    assert "U.S. Attorney Idris Balogun" not in actor_names(x)


def test_a_county_that_speaks_is_an_organisation():
    x = extract("Harlan County sued the mill.\n\n“The mill poisoned our wells for years,” the county said.")
    assert "Harlan County" in actor_names(x, "organization")


def test_control_a_county_as_a_place_stays_a_place():
    x = extract("Rain fell across Harlan County on Monday, and “the river rose faster than anyone expected,” she said.")
    assert "Harlan County" not in actor_names(x, "organization")


def test_a_mononym_that_speaks_and_is_taken_up_by_a_pronoun_is_a_person():
    x = extract("Tamati has lived in the van since the flood took his house.\n\n“We were told to wait,” Tamati said.")
    assert "Tamati" in actor_names(x, "person")


def test_a_given_name_alone_taken_up_by_a_pronoun_is_a_person():
    x = extract("For Yusra, the market is the only income left. She sold her loom in May.")
    assert "Yusra" in actor_names(x, "person")


def test_a_word_that_speaks_with_no_pronoun_taking_it_up_is_an_organisation():
    x = extract(
        "Trains ran late all day.\n\n“Every service will run on Friday,” Railmark said.\n\nCommuters doubted it."
    )
    assert "Railmark" in actor_names(x, "organization")


def test_control_a_place_after_a_preposition_is_no_mononym():
    x = extract("The clinic in Harrowgate said the two men were stable. He was moved later.")
    assert "Harrowgate" not in actor_names(x, "person", "organization")


def test_a_given_name_that_is_a_place_makes_a_person_in_a_speech_frame():
    x = extract("“The passes will close by noon,” radio forecaster Jordan Whitlock said.")
    assert "Jordan Whitlock" in actor_names(x, "person")


def test_a_given_name_that_is_a_place_makes_a_person_before_an_appositive():
    x = extract("Georgia Lindqvist, the club treasurer, read out the accounts.")
    assert "Georgia Lindqvist" in actor_names(x, "person")


def test_control_a_place_name_before_a_place_word_stays_a_place():
    x = extract("Farmers in the Jordan Valley said the wells ran dry.")
    assert not actor_names(x, "person")


def test_an_honorific_after_a_name_is_an_alias_not_the_name():
    x = extract("Miriam Oduya KC, for the defence, told the jury the evidence was thin.")
    (a,) = [a for a in x.actors if a.type == "person"]
    assert a.name == "Miriam Oduya" and "Miriam Oduya KC" in a.aliases


def test_an_organisation_named_in_full_after_a_possessive_owner_drops_the_owner():
    x = extract("A teacher at Elmvale’s Northgate High School gave evidence.")
    (a,) = [a for a in x.actors if a.type == "organization"]
    assert a.name == "Northgate High School" and "Elmvale’s Northgate High School" in a.aliases


def test_control_a_possessive_before_a_lower_case_head_keeps_the_owner():
    x = extract("Norland’s army said 12 soldiers were wounded.")
    assert "Norland’s army" in actor_names(x, "organization")


def test_department_of_x_and_x_department_are_one_organisation():
    x = extract("The Department of Fisheries set the quotas. Critics say the Fisheries Department ignored them.")
    assert actor_names(x, "organization") == ["Department of Fisheries"]


def test_newspaper_titles_are_organisations():
    x = extract("The group owns the Harlow Courier, the Millbrook Beacon and the Eastport Chronicle.")
    assert {"Harlow Courier", "Millbrook Beacon", "Eastport Chronicle"} <= set(actor_names(x, "organization"))


def test_two_companies_joined_by_and_stay_two():
    x = extract("Shareholders of Brandt and Kessler Media approved the merger.")
    assert "Brandt and Kessler Media" not in actor_names(x)


def test_time_zones_and_plural_common_acronyms_are_no_organisations():
    x = extract("The final starts at 8 p.m. ET. Dealers sold more SUVs than sedans.")
    assert not {"ET", "SUVs"} & set(actor_names(x))


def test_a_short_form_of_a_company_name_is_the_same_company():
    x = extract("Shares of Talvik Energy fell. Analysts said Talvik would still pay its dividend.")
    assert actor_names(x, "organization") == ["Talvik Energy"]


def test_a_sports_club_is_an_organisation():
    x = extract("Kestrel United sacked its manager on Sunday.")
    assert "Kestrel United" in actor_names(x, "organization")


def test_a_common_noun_opening_the_sentence_is_no_part_of_the_name():
    x = extract("Goalkeeper Jonas Okafor saved two penalties.")
    assert "Jonas Okafor" in actor_names(x, "person")


def test_control_a_city_before_a_given_name_is_not_cut():
    x = extract("Readers of the San Diego Union-Tribune wrote in.")
    assert "Diego Union-Tribune" not in actor_names(x, "person")


def test_a_possessive_that_belongs_to_the_name_is_kept():
    x = extract("Prof. Ada Quist of King's College London said the sample was small.")
    assert "King's College London" in actor_names(x, "organization")


def test_a_long_public_body_named_x_and_y_council_stays_one():
    x = extract("The Regional Flood Risk Reduction and Response Council said 14 people were missing.")
    assert "Regional Flood Risk Reduction and Response Council" in actor_names(x, "organization")


def test_a_company_named_with_a_title_word_and_a_company_word_is_an_organisation():
    x = extract("General Robotics said it would open a plant.")
    assert "General Robotics" in actor_names(x, "organization")
    assert "Robotics" not in actor_names(x, "person")


def test_a_name_joined_by_an_ampersand_is_one_organisation():
    x = extract("Northern Gas & Electric said power was back.")
    assert "Northern Gas & Electric" in actor_names(x, "organization")


def test_a_person_named_inside_a_modifier_is_an_actor():
    x = extract("The Trump administration appealed, as the Obama administration had before it.")
    assert {"Trump", "Obama"} <= set(actor_names(x, "person"))


def test_a_number_word_opening_a_run_is_no_part_of_the_name():
    x = extract("Two Harbour Police officers were hurt.")
    assert "Harbour Police" in actor_names(x, "organization")


def test_an_unknown_name_spoken_to_with_no_pronoun_is_an_outlet():
    x = extract('Ana Ruiz, a chemist, told Sciencewire: "The sample is far too small to tell anything."')
    assert "Sciencewire" in actor_names(x, "organization")
