"""Who said it: attribution constructions, and references resolved through the article."""

from __future__ import annotations

from tests.extraction.helpers import speakers


def test_it_attributes_said_after_name():
    got = speakers("“The harvest has failed for a third year,” Amara Diallo said.")
    assert got == [("The harvest has failed for a third year,", "Amara Diallo")]


def test_it_attributes_said_before_name():
    got = speakers("“The harvest has failed for a third year,” said farmer Amara Diallo.")
    assert got[0][1] == "Amara Diallo"


def test_it_attributes_name_then_said_before_the_quote():
    got = speakers("Governor Eliza Thornbury said the state was “ready for the worst of the storm.”")
    assert got[0][1] == "Eliza Thornbury"


def test_it_attributes_told_with_an_object():
    got = speakers("Rahul Mehta told reporters that “the vote was rigged from the start.”")
    assert got[0][1] == "Rahul Mehta"


def test_it_attributes_according_to():
    got = speakers("“Supplies will last until Friday at most,” according to Dr. Ingrid Solberg.")
    assert got[0][1] == "Ingrid Solberg"


def test_it_attributes_wrote_on_a_platform():
    got = speakers("“Our thoughts are with the families tonight,” Chancellor Bruno Falk wrote on X.")
    assert got[0][1] == "Bruno Falk"


def test_it_attributes_a_colon_introduction():
    got = speakers("In a statement, Amnesty International said: “These killings must be investigated at once.”")
    assert got[0][1] == "Amnesty International"


def test_it_resolves_he_to_the_last_named_man():
    text = "Minister Tomas Varga spoke first.\n\n“We will not raise taxes this year,” he said."
    assert speakers(text)[0][1] == "Tomas Varga"


def test_it_resolves_she_past_a_named_man():
    text = "Senator Helen Ruiz questioned Tomas Varga for an hour. “Your numbers do not add up,” she said."
    assert speakers(text)[0][1] == "Helen Ruiz"


def test_it_resolves_the_pronoun_to_the_subject_not_an_object():
    text = "Ambassador Peter Lund rejected Mikhail Orlov’s proposal. “It offers nothing new to either side,” he said."
    assert speakers(text)[0][1] == "Peter Lund"


def test_it_resolves_a_title_description_to_the_office_holder():
    text = (
        "Japanese Foreign Minister Kenji Sato met his counterpart on Monday.\n\n"
        "“The region cannot afford another crisis,” the top Japanese diplomat told reporters."
    )
    assert speakers(text)[0][1] == "Kenji Sato"


def test_it_resolves_the_minister_to_the_last_minister():
    text = (
        "Health Minister Dorothea Kline visited the ward. “Staff have worked miracles this winter,” the minister said."
    )
    assert speakers(text)[0][1] == "Dorothea Kline"


def test_it_resolves_an_age_description_to_the_last_person():
    text = "Survivor Pedro Alves lost his house. “We have nothing left at all now,” the 52-year-old said."
    assert speakers(text)[0][1] == "Pedro Alves"


def test_it_gives_an_unnamed_spokesperson_to_the_organisation():
    text = "A Finnish army spokesperson said the drill was “planned many months in advance.”"
    assert speakers(text)[0][1] == "Finnish army"


def test_it_keeps_the_speaker_for_the_second_half_of_a_split_quote():
    text = "“We tried everything we could,” said coach Lena Berg, “but the team was exhausted.”"
    assert speakers(text) == [
        ("We tried everything we could,", "Lena Berg"),
        ("but the team was exhausted.", "Lena Berg"),
    ]


def test_it_carries_the_speaker_to_a_following_unattributed_quote():
    text = "“The dam is safe,” engineer Otto Brandt said. “We have checked it twice this week.”"
    assert speakers(text)[1][1] == "Otto Brandt"


def test_it_leaves_the_speaker_unknown_when_the_text_does_not_tell():
    text = "The banner read “No more war in our valley” as the crowd marched."
    assert speakers(text) == [("No more war in our valley", None)]


def test_it_does_not_resolve_he_without_any_person():
    text = "The agency released its report. “The figures are alarming and rising,” he said."
    assert speakers(text)[0][1] is None


def test_it_does_not_take_a_name_inside_a_quotation_as_antecedent():
    text = "Coach Lena Berg was asked about the match. “Otto Brandt played well,” she said. “He deserved that.”"
    assert speakers(text)[0][1] == "Lena Berg"


def test_it_does_not_take_the_speaker_of_the_next_sentence():
    text = "“The border will stay closed until further notice.” The minister left without taking questions."
    assert speakers(text)[0][1] is None


def test_it_resolves_the_group_to_the_subject_organisation():
    text = (
        "The Mountain Front, an armed group allied with the Valley Movement, claimed the attack. "
        "The group said that “the campaign will continue until the occupation ends.”"
    )
    assert speakers(text)[0][1] == "Mountain Front"


def test_it_resolves_a_nationality_description_to_the_last_person():
    text = "Coach Carlo Bellini watched in silence. “We were second best in every single area,” the Italian said."
    assert speakers(text)[0][1] == "Carlo Bellini"


def test_it_attributes_a_quote_opened_by_a_participle_to_the_subject_after_it():
    text = "While insisting that “every option remains on the table” the Northern Alliance Party refused to talk."
    assert speakers(text)[0][1] == "Northern Alliance Party"


def test_it_attributes_an_appositive_speaker_not_the_organisation_inside_it():
    text = "Rosa Delgado, director of the Harbour Institute, said “the port cannot absorb another cut.”"
    assert speakers(text)[0][1] == "Rosa Delgado"


def test_it_gives_an_office_statement_to_its_owner():
    text = "Prime Minister Amalia Ferro faced protests. “The government will not be intimidated,” Ferro’s office said."
    assert speakers(text)[0][1] == "Amalia Ferro"


def test_it_resolves_it_to_an_organisation_named_by_description():
    text = (
        "The Coastal Guard Agency said on Monday that the storm had passed. "
        "The agency said it expected calm seas. It said that “all ports will reopen by the weekend.”"
    )
    assert speakers(text)[0][1] == "Coastal Guard Agency"


def test_it_never_takes_the_listener_of_told_as_speaker():
    text = "A senior official told the Harbour Gazette that the deal was “very close to being signed.”"
    assert speakers(text)[0][1] != "Harbour Gazette"


def test_it_attributes_a_quotation_introduced_by_a_colon_in_the_paragraph_before():
    text = "Rescue worker Hamid Oulad said:\n\n“We dig with our hands because the machines cannot reach the village.”"
    assert speakers(text)[0][1] == "Hamid Oulad"


def test_it_gives_said_a_spokesperson_for_an_organisation_to_the_organisation():
    text = "“The search will continue through the night,” said a spokesperson for the Hellenic Coast Guard."
    assert speakers(text)[0][1] == "Hellenic Coast Guard"


def test_it_attributes_to_a_name_with_a_home_state_and_an_appositive_before_the_verb():
    got = speakers(
        'Governor Ruth Halvorsen of Oregon, a former nurse, said the report showed "our clinics are overwhelmed again".'
    )
    assert got == [("our clinics are overwhelmed again", "Ruth Halvorsen")]


def test_it_resolves_a_description_to_a_well_known_office_holder_named_without_a_title():
    got = speakers(
        "Antony Blinken landed in Amman late on Sunday. "
        '"We are working around the clock to open more crossings," the top US diplomat told reporters.'
    )
    assert got == [("We are working around the clock to open more crossings,", "Antony Blinken")]


def test_it_does_not_give_an_office_description_to_a_person_who_does_not_hold_it():
    got = speakers(
        "Lena Vogt landed in Amman late on Sunday. "
        '"We are working around the clock to open more crossings," the top US diplomat told reporters.'
    )
    assert got == [("We are working around the clock to open more crossings,", None)]


def test_it_attributes_a_quotation_after_a_sentence_opening_according_to():
    got = speakers('According to Dr Ines Larsen, "the ward has no oxygen left for the night."')
    assert got == [("the ward has no oxygen left for the night.", "Ines Larsen")]


def test_it_gives_they_said_to_a_plural_named_organisation_opening_the_sentence_before():
    got = speakers('The Frontier Guards issued a statement. "Our patrols will continue along the river," they said.')
    assert got == [("Our patrols will continue along the river,", "Frontier Guards")]


def test_it_leaves_they_said_unknown_when_unnamed_people_spoke_last():
    got = speakers(
        'The Frontier Guards shelled the village. Residents fled at dawn. "We lost everything we owned," they said.'
    )
    assert got == [("We lost everything we owned,", None)]


def test_it_attributes_said_before_a_lower_case_role_and_a_name():
    got = speakers('"The mine will not reopen this year," said union leader Kofi Mensah.')
    assert got == [("The mine will not reopen this year,", "Kofi Mensah")]
