"""The claim frame: what each number counts, resolved from the whole article (invented sentences)."""

from __future__ import annotations

from decimal import Decimal

from claims.extraction import extract
from claims.extraction.contract import to_contract
from claims.extraction.frame import ClaimFrame
from claims.extraction.places import contains, country_of, find_places
from claims.extraction.types import NumericClaim


def claim(text: str, value: int | str, **kwargs: object) -> NumericClaim:
    found = [c for c in extract(text, **kwargs).claims if c.value == Decimal(str(value))]  # type: ignore[arg-type]
    assert found, f"no claim of {value} in {text!r}"
    return found[0]


def frame(text: str, value: int | str, **kwargs: object) -> ClaimFrame:
    f = claim(text, value, **kwargs).frame
    assert f is not None
    return f


# place


def test_it_takes_the_place_from_the_dateline() -> None:
    text = "RAMALLAH: Soldiers killed four men during a night raid, medics said."
    f = frame(text, 4)
    assert (f.place, f.country, f.place_from) == ("ramallah", "west-bank", "dateline")


def test_it_reads_a_wire_dateline_with_date_and_agency() -> None:
    text = "KHAN YOUNIS, March 4 (Wire) - Shelling killed 31 people overnight, rescuers said."
    f = frame(text, 31)
    assert (f.place, f.country) == ("khan-younis", "gaza-strip")


def test_it_takes_the_place_from_the_headline() -> None:
    text = "Rescuers said the river burst its banks before dawn. At least 18 people drowned, officials said."
    f = frame(text, 18, title="Floods sweep through Benghazi suburbs")
    assert (f.place, f.country, f.place_from) == ("benghazi", "libya", "headline")


def test_the_sentence_place_wins_over_the_headline() -> None:
    text = "Strikes killed 12 people in Nablus on Monday."
    f = frame(text, 12, title="Violence flares in Jenin")
    assert (f.place, f.place_from) == ("nablus", "sentence")


def test_it_takes_the_place_from_an_earlier_sentence_of_the_paragraph() -> None:
    text = "The storm reached Dhaka late on Friday. By morning 40 people were dead."
    f = frame(text, 40)
    assert (f.place, f.place_from) == ("dhaka", "paragraph")


def test_it_resolves_the_strip_to_the_territory_named_before() -> None:
    places = find_places("Tanks moved into Rafah. Aid to the Strip was halted.")
    assert [p.key for p in places] == ["rafah", "gaza-strip"]


def test_it_never_truncates_a_place_name() -> None:
    keys = [p.key for p in find_places("Gaza City and Gazania Hezbollah Strip")]
    assert keys == ["gaza-city"]


def test_a_camp_is_inside_its_city_and_territory() -> None:
    assert contains("west-bank", "nur-shams")
    assert contains("tulkarem", "nur-shams")
    assert not contains("gaza-strip", "nur-shams")
    assert country_of("amizmiz") == "morocco"


# event and period


def test_since_a_date_is_a_running_total_with_its_year_from_publication() -> None:
    text = "More than 8,000 people have been killed since 7 October, the ministry said."
    f = frame(text, 8000, published="2023-11-02")
    assert (f.period, f.since) == ("running", "2023-10-07")


def test_a_toll_of_a_past_war_is_a_past_event_with_its_year() -> None:
    text = "In the 2006 war, 160 soldiers were killed along the border."
    f = frame(text, 160, published="2023-11-08")
    assert (f.period, f.event, f.event_year) == ("past", "war", 2006)


def test_a_count_in_the_past_24_hours_is_a_time_window() -> None:
    f = frame("Officials said 55 people were killed in the past 24 hours.", 55)
    assert (f.period, f.window) == ("window", "24h")


def test_killed_on_a_weekday_is_a_one_day_window_dated_from_publication() -> None:
    f = frame("Nine people were killed on Tuesday, medics said.", 9, published="2024-05-09")
    assert (f.period, f.window, f.window_date) == ("window", "day", "2024-05-07")


def test_a_weekday_of_a_sudden_event_dates_the_event() -> None:
    f = frame("The earthquake on Friday killed 1,300 people.", 1300, published="2023-09-10")
    assert (f.event, f.event_date, f.window) == ("earthquake", "2023-09-08", None)


def test_control_a_weekday_inside_a_war_is_a_window() -> None:
    f = frame("Fighting in the war killed 60 people on Monday alone.", 60, published="2024-01-10")
    assert (f.period, f.window, f.window_date) == ("window", "day", "2024-01-08")


def test_said_on_a_weekday_dates_the_report_not_the_count() -> None:
    f = frame("The agency said on Tuesday that the toll had reached 3,100.", 3100)
    assert f.period == "running"


def test_a_dated_event_keeps_its_date() -> None:
    f = frame("The 8 September earthquake killed 2,900 people.", 2900, published="2023-09-12")
    assert (f.event, f.event_date) == ("earthquake", "2023-09-08")


# modality


def test_a_deal_quota_is_not_a_reported_count() -> None:
    f = frame("Under the plan the group would release 40 hostages over four days.", 40)
    assert f.modality == "quota"


def test_released_hostages_are_a_fact() -> None:
    f = frame("The group released 24 hostages on Friday.", 24)
    assert f.modality == "fact"


def test_a_forecast_is_marked() -> None:
    f = frame("Officials warned the toll could pass 7,500 by the weekend.", 7500)
    assert f.modality == "forecast"


def test_a_negated_count_is_no_casualty_count() -> None:
    c = claim("None of the 12 passengers was hurt when the ferry ran aground.", 12)
    assert c.category == "other"
    assert c.frame is not None and c.frame.modality == "negated"


def test_control_a_count_of_the_hurt_stays_injured() -> None:
    c = claim("Twelve passengers were hurt when the ferry ran aground.", 12)
    assert c.category == "injured"
    assert c.frame is not None and c.frame.modality == "fact"


# part-of


def test_a_breakdown_points_at_its_total_and_inherits_its_category() -> None:
    x = extract("Shelling has killed 1,900 people, including 640 children and 300 women, the agency said.")
    values = [c.value for c in x.claims]
    total = values.index(Decimal(1900))
    for v in (640, 300):
        part = x.claims[values.index(Decimal(v))]
        assert part.frame is not None and part.frame.part_of == total
        assert part.category == "killed"
        assert part.source_surface == x.claims[total].source_surface


def test_a_breakdown_after_a_colon_inherits_the_captives_category() -> None:
    x = extract("Pirates let 30 captives go: 20 Peruvians and 10 Chileans.")
    assert [c.category for c in x.claims] == ["hostages", "hostages", "hostages"]
    assert [c.frame.part_of for c in x.claims if c.frame] == [None, 0, 0]


def test_control_a_second_count_is_not_a_breakdown() -> None:
    x = extract("Police arrested 14 people and seized 30 rifles.")
    assert [c.frame.part_of for c in x.claims if c.frame] == [None, None]


# units, population, combined categories


def test_a_rate_keeps_its_period() -> None:
    f = frame("Some 30,000 people a day crossed the border.", 30000)
    assert (f.unit, f.rate) == ("count", "day")


def test_money_keeps_its_currency() -> None:
    assert frame("Congress approved $2 trillion in spending.", 2_000_000_000_000).currency == "USD"
    assert frame("The club paid €40m for the striker.", 40_000_000).currency == "EUR"
    assert frame("The council set aside £3 million.", 3_000_000).currency == "GBP"


def test_a_percentage_is_a_percent() -> None:
    f = frame("Prices rose 4.2% in May.", "4.2")
    assert (f.unit, f.currency) == ("percent", None)


def test_a_quake_magnitude_written_as_of_is_a_measure() -> None:
    text = "The survey office gave the tremor a magnitude of 5.4 on Tuesday."
    assert (frame(text, "5.4").unit, frame(text, "5.4").measure) == ("measure", "magnitude")


def test_a_quake_magnitude_before_magnitude_or_the_richter_scale_is_a_measure() -> None:
    text = "A 6.3-magnitude quake shook the hill towns. The shock measured 6 on the Richter scale, engineers said."
    assert frame(text, "6.3").measure == "magnitude"
    assert frame(text, "6").measure == "magnitude"


def test_a_decimal_before_a_singular_quake_noun_is_a_magnitude_and_stays_a_claim() -> None:
    f = frame("Villagers felt a 4.2 aftershock before dawn.", "4.2")
    assert (f.unit, f.measure) == ("measure", "magnitude")


def test_control_counted_quakes_and_quake_survivors_stay_counts() -> None:
    text = "Four tremors rattled the coast, 11 quakes followed, and 3 earthquake survivors were flown out."
    assert frame(text, 11).unit == "count"
    assert frame(text, 3).unit == "count"


def test_a_measure_keeps_its_unit() -> None:
    f = frame("The new line runs for 45 km along the coast.", 45)
    assert (f.unit, f.measure) == ("measure", "km")


def test_the_population_folds_plural_and_synonyms() -> None:
    assert frame("Raids killed 7 militants.", 7).population == "fighters"
    assert frame("Raids killed one civilian and 5 troops.", 5).population == "soldiers"
    assert frame("Raids killed 40 Palestinians.", 40).population == "palestinians"
    assert frame("Rebels are holding 30 hostages.", 30).population == "people"


def test_killed_and_maimed_is_a_combined_category() -> None:
    c = claim("The war has left over 90,000 killed and maimed.", 90000)
    assert c.frame is not None and c.frame.category == "killed_injured"
    assert c.category == "killed"  # the gold-facing category has no combined value


def test_control_killed_alone_is_not_combined() -> None:
    f = frame("The war has left over 90,000 killed.", 90000)
    assert f.category == "killed"


def test_the_contract_carries_the_frame_as_extra_keys() -> None:
    out = to_contract(extract("Shelling killed 12 people in Homs since 1 May."))
    row = out["numeric_claims"][0]
    assert (row["category"], row["place"], row["country"], row["period"]) == ("killed", "homs", "syria", "running")
    assert row["frame_category"] == "killed"


def test_the_headline_place_is_the_one_the_news_happens_in() -> None:
    text = "Medics said the wounded were taken to two hospitals. Six people were hurt."
    f = frame(text, 6, title="Egypt condemns raid in Jenin")
    assert (f.place, f.place_from) == ("jenin", "headline")


def test_a_past_year_set_earlier_in_the_paragraph_carries_to_a_toll() -> None:
    text = "Back in 1999 the two armies fought for a month. The north lost 310 soldiers."
    f = frame(text, 310, published="2024-02-01")
    assert (f.period, f.event_year) == ("past", 1999)


def test_control_a_toll_this_year_after_a_past_year_stays_current() -> None:
    text = "In 2019 the floods were milder. This year 52 people have died."
    f = frame(text, 52, published="2024-02-01")
    assert f.period != "past"


def test_killed_on_a_calendar_date_in_an_attack_dates_the_event_not_a_window() -> None:
    f = frame("Gunmen killed 70 people in the attack on 3 March.", 70, published="2024-03-20")
    assert (f.event, f.event_date, f.window) == ("attack", "2024-03-03", None)


def test_a_place_that_acts_does_not_locate_the_count() -> None:
    f = frame("Ruritania said its shelling had killed 40 fighters in Aleppo.", 40)
    assert f.place == "aleppo"
    f = frame("Russia's army has killed 25 civilians, officials in the region said.", 25, title="Shelling in Kharkiv")
    assert (f.place, f.place_from) == ("kharkiv", "headline")


def test_a_place_inside_a_newspaper_name_is_no_place() -> None:
    f = frame("The New York Times put the toll at 900.", 900, title="Floods in Pakistan")
    assert f.place == "pakistan"
