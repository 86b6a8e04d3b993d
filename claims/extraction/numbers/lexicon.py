"""Word lists for the numeric-claim finder: number words, qualifiers, category cues, attribution verbs.

Plain data, no logic beyond building lookup tables. Everything is lower case unless said otherwise.
"""

from __future__ import annotations


def word_set(spaced: str) -> frozenset[str]:
    return frozenset(spaced.split())


ONES: dict[str, int] = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
TENS: dict[str, int] = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
# Multipliers written as words after a number ("2.3 million", "two dozen").
SCALE_WORDS: dict[str, int] = {
    "hundred": 100,
    "thousand": 1_000,
    "million": 1_000_000,
    "billion": 1_000_000_000,
    "trillion": 1_000_000_000_000,
    "dozen": 12,
}
# Abbreviated multipliers glued to digits ("$1.2bn", "10k"); "m" is handled apart (metres or million).
SCALE_ABBREVIATIONS: dict[str, int] = {
    "k": 1_000,
    "m": 1_000_000,
    "mn": 1_000_000,
    "mln": 1_000_000,
    "b": 1_000_000_000,
    "bn": 1_000_000_000,
    "tn": 1_000_000_000_000,
    "trn": 1_000_000_000_000,
}
CURRENCY_SYMBOLS = ("US$", "A$", "C$", "NZ$", "HK$", "$", "£", "€", "¥", "₪", "₹")

# Qualifiers written before the number, longest first where one contains another.
QUALIFIERS_BEFORE: dict[str, str] = {
    "no more than": "at_most",
    "not more than": "at_most",
    "no fewer than": "at_least",
    "no less than": "at_least",
    "not less than": "at_least",
    "not fewer than": "at_least",
    "more than": "more_than",
    "well over": "more_than",
    "just over": "more_than",
    "slightly more than": "more_than",
    "over": "more_than",
    "upwards of": "more_than",
    "upward of": "more_than",
    "in excess of": "more_than",
    "greater than": "more_than",
    "above": "more_than",
    "exceeding": "more_than",
    "exceeded": "more_than",
    "surpassed": "more_than",
    "topped": "more_than",
    "north of": "more_than",
    "at least": "at_least",
    "a minimum of": "at_least",
    "fewer than": "less_than",
    "less than": "less_than",
    "just under": "less_than",
    "under": "less_than",
    "below": "less_than",
    "up to": "at_most",
    "at most": "at_most",
    "a maximum of": "at_most",
    "as many as": "at_most",
    "as much as": "at_most",
    "about": "approximately",
    "around": "approximately",
    "roughly": "approximately",
    "some": "approximately",
    "nearly": "approximately",
    "almost": "approximately",
    "an estimated": "approximately",
    "estimated": "approximately",
    "close to": "approximately",
    "approximately": "approximately",
    "approx.": "approximately",
    "circa": "approximately",
    "around about": "approximately",
    "an approximate": "approximately",
    "the best part of": "approximately",
    "nigh on": "approximately",
    "between": "exact",
}
# Qualifiers written after the number ("500 or more", "a thousand or so", "1,000-plus").
QUALIFIERS_AFTER: dict[str, str] = {
    "or more": "at_least",
    "or over": "at_least",
    "or fewer": "at_most",
    "or less": "at_most",
    "or so": "approximately",
    "-odd": "approximately",
    "odd": "approximately",
    "-plus": "more_than",
    "plus": "more_than",
    "+": "more_than",
}

MONTHS = tuple(
    sorted(
        word_set(
            "January February March April May June July August September October November December "
            "Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec"
        ),
        key=lambda w: (-len(w), w),
    )
)
WEEKDAYS = word_set("Monday Tuesday Wednesday Thursday Friday Saturday Sunday")
TIME_UNITS = word_set(
    "second seconds minute minutes hour hours day days night nights week weeks weekend weekends fortnight "
    "fortnights month months year years decade decades century centuries millennium millennia "
    "hrs mins secs yr yrs"
)
# Words allowed between a number and a time unit in a duration ("three more days", "10 long years").
DURATION_FILLERS = word_set(
    "more additional consecutive straight full long short successive whole extra previous past next last "
    "further more-or-less"
)
FRACTION_WORDS = word_set(
    "half halves third thirds quarter quarters fourth fourths fifth fifths sixth sixths seventh sevenths "
    "eighth eighths ninth ninths tenth tenths hundredth hundredths thousandth thousandths"
)
# "two-state solution", "one-two punch": a number word glued to these by a hyphen still counts.
HYPHEN_COUNTABLE = word_set(
    "strong member members man men woman women person people seat seats nation nations country countries "
    "car vehicle mile miles kilometre kilometres kilometer kilometers km metre metres meter meters foot feet "
    "storey story bed beds page pages truck trucks bus buses"
)

# Words that start sentences but never names ("About 300 ...", "Some 40 ..."), for the names rule.
SENTENCE_STARTERS = word_set(
    "the a an about around almost nearly roughly some more over under up at in on of for from by with since "
    "after before during until only just all another those these its their his her our my your and but or so "
    "yet then also including among between exactly approximately estimated fewer less least each every both "
    "well close barely fully while when where as if though although because than to into onto per than "
    "nearly there here this that what which who whose whom once now today yesterday still even another "
    "no not nor"
)

PERSON_NOUNS = word_set(
    "people persons person civilians civilian children child kids women woman men man girls boys babies "
    "infants soldiers soldier troops fighters fighter militants militant gunmen members residents "
    "workers staff journalists reporters doctors nurses medics patients adults students officers "
    "policemen police personnel individuals victims survivors citizens nationals settlers protesters "
    "demonstrators worshippers pilgrims passengers migrants farmers fishermen teenagers minors "
    "Palestinians Israelis Gazans Lebanese Syrians Ukrainians Russians Americans Sudanese Yemenis "
    "others terrorists combatants relatives families households employees voters inmates suspects brothers "
    "sisters sons daughters mothers fathers siblings husbands wives rebels insurgents paramedics firefighters "
    "rescuers officials diplomats tourists foreigners Britons Iranians Afghans Iraqis pupils teachers "
    "guards guests fans athletes youths priests nuns monks cousins friends colleagues recruits marines pilots "
    "cadets convicts pedestrians cyclists motorists pensioners villagers guests clients customers shoppers "
    "commuters spectators bystanders hikers climbers swimmers divers crew crewmen sailors seafarers smugglers "
    "traffickers gang gangsters thugs rioters looters kidnappers hijackers bombers attackers assailants "
    "peacekeepers aid-workers volunteers evacuees grandchildren twins toddlers newborns elderly residents"
)

# Single words that tell what a number counts. Verbs, nouns and participles alike.
CATEGORY_WORDS: dict[str, str] = {}
_CATEGORY_SOURCE = {
    "killed": "kill kills killed killing killings dead death deaths died die dies dying fatalities fatality "
    "fatally slain slaughtered massacred murdered executed beheaded decapitated perished martyred martyrs bodies "
    "corpses body corpse "
    "casualties lives",
    "injured": "injured injuring injure injures injuries injury wounded wounding wounds wound hurt maimed "
    "hospitalised hospitalized",
    "hostages": "hostage hostages captive captives captivity abducted abducting abduct abducts abduction "
    "abductions abductees kidnapped kidnapping kidnap kidnaps kidnappings",
    "detained": "arrested arrest arrests arresting detained detaining detain detains detainees detainee "
    "detention prisoners prisoner jailed imprisoned incarcerated inmates custody apprehended",
    "missing": "missing unaccounted disappeared",
    "displaced": "displaced displacing displacement refugees refugee fled flee fleeing flees evacuated "
    "evacuees evacuating evacuate evacuation evacuations uprooted homeless idps sheltering relocated",
    "population": "residents inhabitants population populace",
    "aid": "trucks truck lorries lorry truckloads convoys convoy aid relief parcels rations pallets airdrops tents",
}
for _category, _spaced in _CATEGORY_SOURCE.items():
    for _word in _spaced.split():
        CATEGORY_WORDS[_word] = _category

# Cues that only count right after the counted noun ("40 people held by Hamas", "3 people shot").
AFTER_NOUN_WORDS: dict[str, str] = {"held": "hostages", "shot": "injured"}
# Cues that count only when people are counted ("captured 120 civilians", not "captured 3 towns").
PERSON_ONLY_WORDS: dict[str, str] = {
    "captured": "hostages",
    "seized": "hostages",
    "lost": "killed",
    "freed": "hostages",
    "snatched": "hostages",
    "snatching": "hostages",
    "capturing": "hostages",
}
# Aid goods that count only as the counted noun or its complement ("10,000 litres of fuel").
AID_GOODS = word_set("fuel food water flour medicine medicines supplies assistance humanitarian diesel petrol gasoline")
# Money that relieves when it is for an emergency: "$300 million in emergency funding" (not "emergency reserves").
EMERGENCY_MONEY = word_set("funding funds fund grant grants cash appeal")
# Multi-word cues, matched on lower-cased token sequences.
CATEGORY_PHRASES: dict[tuple[str, ...], str] = {
    ("taken", "captive"): "hostages",
    ("taken", "hostage"): "hostages",
    ("held", "hostage"): "hostages",
    ("held", "captive"): "hostages",
    ("seeking", "refuge"): "displaced",
    ("sought", "refuge"): "displaced",
    ("taken", "refuge"): "displaced",
    ("taking", "refuge"): "displaced",
    ("forced", "from"): "displaced",
    ("driven", "from"): "displaced",
    ("lost", "their", "lives"): "killed",
    ("shot", "dead"): "killed",
    ("gunned", "down"): "killed",
    ("stabbed", "to", "death"): "killed",
    ("beaten", "to", "death"): "killed",
    ("burned", "to", "death"): "killed",
    ("burnt", "to", "death"): "killed",
    ("crushed", "to", "death"): "killed",
    ("lost", "their", "homes"): "displaced",
    ("forced", "to", "leave"): "displaced",
    ("without", "shelter"): "displaced",
    ("left", "their", "homes"): "displaced",
    ("leave", "their", "homes"): "displaced",
    ("fled", "their", "homes"): "displaced",
    ("home", "to"): "population",
    ("in", "custody"): "detained",
    ("in", "for", "questioning"): "detained",
    ("for", "questioning"): "detained",
    ("rounded", "up"): "detained",
    ("taken", "prisoner"): "detained",
    ("behind", "bars"): "detained",
    ("unaccounted", "for"): "missing",
    ("taken", "to", "hospital"): "injured",
    ("treated", "for"): "injured",
    ("treated", "in", "hospital"): "injured",
}
# Words that open a count of the dead, injured, ... ("the death toll rose to 50", "the number of injured").
TOLL_WORDS: dict[str, str] = {"toll": "killed", "tally": "killed", "count": "killed"}

# Words skipped between a counted noun phrase and its verb ("who have since been killed").
AUXILIARIES = word_set(
    "have has had been be being were was are is who that which also reportedly now since so far all later "
    "subsequently already still either both then allegedly believed thought feared said to confirmed "
    "either initially remain remains remained feared presumed listed considered officially among the reported"
)

# Verbs that attribute a number to someone ("the ministry said", "X told AFP").
REPORT_VERBS = word_set(
    "said says say told tells tell reported announced announces estimated stated added adds "
    "claimed confirmed confirms noted wrote writes tweeted posted warned warns insisted acknowledged "
    "admitted revealed disclosed counted recorded documented projected predicted "
    "predicts explained explains asserted alleged alleges indicated calculated "
    "tallied testified briefed"
)
# Nouns-or-verbs that count as attribution only when "that" follows ("the CBO estimates that").
REPORT_VERBS_WITH_THAT = word_set(
    "estimates reports claims claim notes states shows show says believes believe believed think thinks fear fears "
    "expect expects suggest suggests projects forecasts forecast estimate report note state project predict"
)
REPORT_PHRASES = ("called for", "calls for", "put the", "puts the", "according to", "citing")
# Skipped when walking back from a reporting verb to its subject ("the ministry has also said").
REPORT_AUXILIARIES = word_set(
    "has have had also previously later earlier reportedly recently repeatedly again separately further "
    "then would will could may might did does do not had already once"
)
# Words that end a subject noun phrase when walking back from the verb.
CLAUSE_WORDS = word_set(
    "that as while when and but because after before which who whom whose where if since although though "
    "so then whereas until unless whether than what"
)
PRONOUNS = word_set("he she they it we i you")
HONORIFICS = word_set(
    "mr mr. mrs mrs. ms ms. miss dr dr. prof prof. sir dame sen. sen senator rep. rep representative "
    "president prime minister secretary general gen. gen col. lt. sgt. capt. ambassador judge justice pope "
    "king queen prince princess rabbi imam father chancellor governor gov. mayor chairman speaker sheikh "
    "lord lady foreign defence defense finance interior state deputy vice chief spokesman spokeswoman "
    "spokesperson analyst envoy commissioner director coordinator survivor witness resident"
)
# Tokens that make a capitalised name an organisation or a place rather than a person.
NON_PERSON_WORDS = word_set(
    "office council ministry bank forces force strip city nations states department party institution "
    "institute center centre committee agency organization organisation authority authorities union army "
    "court house senate congress reserve administration government news times post television tv radio "
    "press network group brigade brigades corps university school hospital camp foundation fund program "
    "programme service services command police guard movement front league alliance republic kingdom "
    "east west north south middle gulf sea river valley heights bay island islands street road square "
    "national federal international united monday tuesday wednesday thursday friday saturday sunday "
    "january february march april may june july august september october november december "
    "health security defense defence foreign affairs white budget treasury the of and syndicate association "
    "society crescent cross federation coalition observatory watch unit media commission initiative various "
    "several other another former local senior top new russian ukrainian israeli palestinian american british "
    "french german chinese iranian syrian lebanese egyptian turkish sudanese yemeni saudi qatari jordanian iraqi "
    "afghan pakistani indian kurdish arab european african asian western eastern northern southern"
)
# Definite descriptions that refer back to an earlier, fuller mention ("the ministry" -> "the Palestinian
# health ministry").
DEFINITE_HEADS = word_set(
    "ministry spokesperson spokesman spokeswoman official officials agency military army authorities "
    "government minister office group organisation organization department service police coordinator "
    "envoy ambassador analyst commission committee council force forces"
)
# Countable things often listed next to casualties ("killed 5 and destroyed 3 ambulances"): such a count
# takes its category from its own noun or verb, never from a casualty word nearby.
THING_NOUNS = word_set(
    "ambulances homes houses buildings vehicles cars rockets missiles drones tanks schools hospitals mosques "
    "churches shops bridges roads targets sites facilities villages towns apartments structures weapons shells "
    "bombs tunnels aircraft jets planes ships boats beds clinics bakeries wells farms factories offices"
)
# Roles a pronoun can stand for when no name is given ("its governor said ... he said").
ROLE_NOUNS = word_set(
    "governor mayor minister spokesman spokeswoman spokesperson official president director chief commander "
    "ambassador envoy secretary coordinator chairman head leader doctor surgeon witness resident premier"
)
