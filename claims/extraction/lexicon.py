"""Word lists for the rule engine: general news vocabulary, never one article's words.

Lists are written as whitespace-separated strings (multi-word entries use ``_``) and
turned into frozensets at import.
"""

from __future__ import annotations


def _words(s: str) -> frozenset[str]:
    return frozenset(w.replace("_", " ") for w in s.split())


# Reporting verbs, every inflection that introduces or closes a quotation.
REPORTING_VERBS = _words("""
said says say saying told tells tell telling added adds adding wrote writes writing write
stated states stating declared declares declaring insisted insists insisting warned warns warning
explained explains explaining noted notes noting argued argues arguing claimed claims claiming
asked asks asking replied replies replying responded responds responding continued continues
announced announces announcing urged urges urging called calls calling described describes describing
acknowledged acknowledges admitted admits admitting conceded concedes conceding confirmed confirms
denied denies denying recalled recalls recalling remarked remarks observed observes posted posts posting
tweeted tweets tweeting stressed stresses stressing emphasised emphasized emphasises emphasizes
criticised criticized criticises criticizes condemned condemns predicted predicts suggested suggests
cautioned cautions pointed_out points_out pointing_out vowed vows vowing pledged pledges promised promises
threatened threatens insisted told_reporters yelled shouted cried whispered screamed agreed agrees
complained complains protested protests demanded demands concluded concludes reiterated reiterates
testified testifies alleged alleges contended contends maintained maintains accused accuses blamed blames
dismissed dismisses hailed hails praised praises welcomed welcomes rejected rejects slammed slams branded brands
labelled labeled dubbed joked jokes boasted boasts lamented laments recounted recounts explained
""")
PARTICIPLE_VERBS = frozenset(v for v in REPORTING_VERBS if v.endswith("ing"))

# Words that may sit between a speaker and the verb ("Netanyahu also said").
# Well-known people often named by surname alone.
FAMOUS_SURNAMES = _words("""
Biden Trump Obama Clinton Bush Putin Zelensky Zelenskyy Netanyahu Macron Scholz Merkel Erdogan Modi Sunak
Starmer Johnson Khamenei Raisi Assad Sisi Guterres Blinken Harris Pelosi McConnell Schumer Xi Kim Lula
Milei Orban Meloni Abbas Haniyeh Sinwar Nasrallah Gallant Gantz Lapid Smotrich Ben-Gvir Musk Zuckerberg
""")

AUX_ADVERBS = _words("""
also later then previously once again further repeatedly quickly reportedly has have had would will
is was were are has_since had_earlier earlier recently subsequently initially still simply only
""")

PRONOUNS = {"he": "m", "she": "f", "He": "m", "She": "f"}

# Person titles written with a capital before a name ("Prime Minister Benjamin Netanyahu").
TITLE_WORDS = _words("""
President Vice Prime Minister Ministers Secretary Secretary-General Senator Sen. Representative Rep.
Congressman Congresswoman Governor Gov. Mayor General Gen. Lieutenant Lt. Colonel Col. Major Maj.
Captain Capt. Sergeant Sgt. Admiral Adm. Commander Cmdr. Marshal Brigadier Sheikh Sheik King Queen Prince
Princess Emir Sultan Pope Ayatollah Imam Rabbi Cardinal Bishop Archbishop Reverend Rev. Father Judge
Justice Chancellor Ambassador Envoy Spokesman Spokeswoman Spokesperson Mr. Mrs. Ms. Dr. Prof. Professor
Sir Lord Lady Dame Chief Commissioner Director Deputy Speaker Leader Chairman Chairwoman Chair Attorney
Foreign Defence Defense Interior Finance Health Justice Economy Trade Education Energy State Home Acting
Senior Former Crown Premier Minister-President Counsel Officer Superintendent Inspector Detective Constable
Agent Coach Deputy-Chief Undersecretary Under-Secretary Assistant Associate Executive CEO Founder
Co-founder Head Coordinator Coordinators Rapporteur High Supreme National Security Opposition Majority Minority
Whip Treasurer Auditor Comptroller Ombudsman Mufti Patriarch Grand Field Air Vice-President Vice-Chairman
District County City Regional Provincial Federal General-Attorney Prosecutor Sheriff Solicitor Magistrate
Coroner Warden Chaplain Pastor Provost Trooper Firefighter Attorney-General Solicitor-General
""")
# Title words that end a title and must be followed by a name to make a person.
TITLE_HEADS = _words("""
President Minister Secretary Secretary-General Senator Sen. Representative Rep. Congressman Congresswoman
Governor Gov. Mayor General Gen. Lieutenant Lt. Colonel Col. Major Maj. Captain Capt. Sergeant Sgt.
Admiral Adm. Commander Cmdr. Marshal Brigadier Sheikh Sheik King Queen Prince Princess Emir Sultan Pope
Ayatollah Imam Rabbi Cardinal Bishop Archbishop Reverend Rev. Father Judge Justice Chancellor Ambassador
Envoy Spokesman Spokeswoman Spokesperson Mr. Mrs. Ms. Dr. Prof. Professor Sir Lord Lady Dame Commissioner
Director Speaker Leader Chairman Chairwoman Chair Premier Counsel Officer Superintendent Inspector
Senators Representatives Governors Ministers Presidents Ambassadors Envoys
Detective Constable Agent Coach CEO Founder Head Coordinator Rapporteur Mufti Patriarch Mr Mrs Ms Dr Prof
MP MEP MK Executive Chief President-elect Lawmaker Councillor Councilman Councilwoman Alderman Assemblyman
Assemblywoman Delegate Attorney Attorney-General Prosecutor Sheriff Solicitor Solicitor-General Magistrate
Coroner Warden Treasurer Comptroller Auditor Ombudsman Chaplain Pastor Provost Trooper Firefighter
""")
MALE_TITLES = _words("Mr. Mr Sir Lord King Prince Sheikh Sheik Father Emir Sultan Ayatollah Rabbi Imam Pope Cardinal")
FEMALE_TITLES = _words("Mrs. Ms. Mrs Ms Miss Lady Dame Queen Princess")

# Lowercase role nouns that may stand before a name or in a description ("analyst Barak Ravid").
ROLE_NOUNS = _words("""
spokesman spokeswoman spokesperson official officials minister president prime_minister ambassador envoy
diplomat chief head leader director adviser advisor analyst economist expert researcher professor
lawyer attorney judge commander general officer soldier survivor resident witness doctor nurse surgeon
activist journalist reporter correspondent editor author writer founder co-founder chairman chairwoman
chair secretary senator lawmaker legislator governor mayor coordinator negotiator mediator representative
fellow strategist consultant executive manager engineer scientist historian pastor priest cleric imam rabbi
teacher student farmer worker driver owner shopkeeper mother father son daughter brother sister wife
husband man woman boy girl villager aide deputy candidate opponent critic ally president-elect
prosecutor investigator inspector administrator commissioner rapporteur chancellor premier king queen
prince monarch sheikh militant fighter commander-in-chief volunteer rescuer paramedic medic
banker businessman businesswoman entrepreneur investor politician campaigner protester organiser organizer
economist physician epidemiologist virologist architect artist singer actor actress musician novelist poet
filmmaker photographer athlete player footballer coach trainer captain pilot sailor veteran refugee migrant
mayor-elect councillor councilor congressman congresswoman representative-elect sheriff superintendent
principal dean chancellor provost lecturer scholar academic specialist advocate defender negotiator
diplomat minister-designate nominee heir founder-director partner associate member chief-executive
treasurer forecaster meteorologist clerk auditor accountant broker trader dealer skipper fisherman
firefighter officer trooper guard warden chaplain nun monk photographer presenter host anchor commentator
""")
# Role nouns that describe a person holding an office (used to resolve "the minister").
OFFICE_NOUNS = _words("""
secretary-general spokesman spokeswoman spokesperson minister president ambassador envoy diplomat chief head
leader director
adviser advisor senator governor mayor coordinator secretary chairman chairwoman chair commander general
commissioner chancellor premier prosecutor judge
""")
SPOKES_NOUNS = _words("spokesman spokeswoman spokesperson")
# "the top US diplomat" also names these offices.
ROLE_SYNONYMS = {
    "diplomat": _words("secretary_of_state foreign_minister foreign_secretary ambassador envoy diplomat"),
    "chief": _words("chief head secretary-general director leader chairman chairwoman commissioner"),
    "head": _words("chief head secretary-general director leader chairman chairwoman"),
    "leader": _words("leader head chief president prime_minister premier chairman"),
    "president": _words("president"),
    "secretary-general": _words("secretary-general chief head"),
    "minister": _words("minister"),
    "spokesman": SPOKES_NOUNS,
    "spokeswoman": SPOKES_NOUNS,
    "spokesperson": SPOKES_NOUNS,
    "ambassador": _words("ambassador envoy"),
    "envoy": _words("envoy ambassador"),
    "senator": _words("senator"),
    "official": _words("official"),
}
# Descriptions that pick the most recent person whatever the office ("the 28-year-old said").
ANY_PERSON_NOUNS = _words("""
man woman boy girl survivor resident witness doctor father mother villager farmer official
teacher student worker driver owner expert analyst economist researcher lawyer activist
""")
GROUP_NOUNS = _words("group militia movement organisation organization faction party company firm charity union")
# Lower-case nouns by which news copy refers back to an organisation named before ("the airline said",
# "the county said"): the organisation whose name holds the noun, else for these the last one named.
BODY_NOUNS = _words("""
airline carrier lender bank insurer retailer chain brand maker manufacturer automaker carmaker operator
utility developer publisher newspaper paper broadcaster network club team school university college
hospital clinic board union association league federation institute foundation agency court
county city state province district region municipality town council department office service
side prosecutors nurses doctors teachers workers parents lawyers scientists researchers farmers activists volunteers
mothers fathers veterans citizens physicians
""")
# Nouns that always stand for the organisation named before, even when its name lacks them.
COMPANY_NOUNS = _words("""
airline carrier lender bank insurer retailer chain brand maker manufacturer automaker carmaker operator
utility developer publisher newspaper paper broadcaster network club team side company firm charity
""")
# Places whose government can act and speak ("Alder County fined the operator", "the county said").
REGION_NOUNS = _words("county city state province district region municipality town borough")
# Documents that speak for whoever issued them ("the notice says", "the council's resolution demands").
DOC_NOUNS = _words("""
statement release report resolution memo letter notice readout summary document filing complaint
indictment lawsuit study survey order ruling decision affidavit submission motion brief
""")
ISSUE_VERBS = _words("""
issued issues released releases published publishes sent sends posted posts filed files adopted adopts
passed passes circulated circulates distributed distributes put_out puts_out drafted drafts wrote
""")

# Lowercase heads that make an organisation of a preceding name or nationality ("Israeli army").
ORG_LOWER_HEADS = _words("""
ministry army military government administration authority police navy parliament cabinet hospital
embassy agency council court commission committee junta presidency media_office press_office military_council air_force
""")
# Lowercase words allowed between the owner and the head ("Palestinian health ministry").
ORG_LOWER_MODS = _words("""
health foreign defence defense interior finance justice education information interim transitional
caretaker federal central national civil municipal local regional state military supreme government media
press agriculture economy energy environment trade transport labour labor culture tourism water
irrigation housing industry commerce planning communications
""")
ARMED_HEADS = _words("army military armed_forces defence_forces defense_forces")

# Capitalised words that make a name an organisation.
ORG_HEADS = _words("""
Ministry Department Office Agency Council Committee Commission Party Forces Force Army Navy Bank Fund
Institute Institution Center Centre Foundation Organization Organisation Association Union League Court
Parliament Assembly Congress Senate Federation Alliance Movement Front Brigades Brigade Guard Guards
Police Reserve Network News Times Post Press Journal Telegraph Herald Tribune Gazette Broadcasting
Radio Television TV University College School Hospital Church Corporation Corp Corp. Inc Inc. Ltd Ltd.
LLC PLC Company Co. Group Holdings Airlines Airways Board Bureau Service Services Secretariat Cabinet
Coalition Initiative Watch International Tribunal Directorate Command Corps Programme Program Authority
Administration Crescent Cross Society Trust Club Academy Museum Observatory Laboratory Laboratories
Regiment Battalion Division Unit Mission Conference Chamber Caucus Jihad Brotherhood Agency Commissariat
Inspectorate Council Cabinet Government Legislature Knesset Duma Majlis Monitor Coalition Partnership
Industries Motors Technologies Systems Energy Petroleum Oil Pharmaceuticals Capital Partners Media Borders
Forum Institutes Brigade Syndicate Federation Council Ministries Agencies Commissioner Office
Courier Beacon Chronicle Observer Inquirer Examiner Sentinel Dispatch Ledger Bulletin Courant Enquirer
Register Advertiser Star Sun Bee Globe Mirror Express United Athletic Rovers Wanderers FC Albion Hotspur
Dynamics Electronics Logistics Analytics Robotics Therapeutics Aeronautics Semiconductors Materials Foods
Brands Networks Solutions Labs Biosciences Pharma Airline Railways Shipping Telecom Communications
""")
# Capitalised words that take "of"/"for" inside one organisation's name ("House of Commons").
JOIN_HEADS = ORG_HEADS | _words(
    "House Chamber Church Republic Kingdom Emirate Order Society Ministry Bank Court Office"
)
# Words that join capitalised words inside one name ("Council of Economic Advisers").
NAME_JOINERS = _words(
    "of for on de del della da du di des van von der den la le y al el bin ibn ben and_the of_the for_a"
)
# Capitalised words that open a sentence or heading and are never names on their own.
CAP_STOPWORDS = _words("""
The A An And But Or Nor So Yet For In On At By To From With Without Within Into Of As If When While
Where Why How What Who Whom Which That This These Those There Here Then Than It Its It's I We You He She
They Them His Her Their Our My Your Me Us Him Not No Yes All Any Some Many Most More Much Few Several
Both Each Every Either Neither Other Another Such Only Also Even Just Still Already Again Meanwhile However
Moreover Furthermore Nevertheless Nonetheless Although Though Because Since Until After Before During
Despite Amid Among Between About Above Below Under Over Around Across Through Throughout Against Toward
Towards Upon Via Per Once Now Later Earlier Today Tonight Yesterday Tomorrow Last Next First Second Third
Finally Initially Separately Instead Indeed Perhaps Maybe Overall Ultimately Similarly Likewise Besides
Nearly Almost About Roughly Some Speaking Asked Asked Told According Following Given Including Like Unlike
Asked Back Aside Gradually Rather Whether Unless Whatever Whoever Everyone Everything Nobody Nothing
Someone Something Anyone Anything Let Please Dear Read Watch Listen Follow Share Click See Sign Subscribe
Photo Video Image Picture Source Sources Update Updated Editor Note Breaking Live Analysis Opinion
Exclusive Explainer Related More Advertisement Reporting Additional Why Yes Okay OK
Two Three Four Five Six Seven Eight Nine Ten Eleven Twelve Dozens Hundreds Thousands Millions
""")
MONTHS = _words("""
January February March April May June July August September October November December Jan Feb Mar Apr
Jun Jul Aug Sep Sept Oct Nov Dec Monday Tuesday Wednesday Thursday Friday Saturday Sunday Ramadan Eid
Christmas Easter Passover Hanukkah Diwali Yom Kippur Thanksgiving Lent Sabbath New_Year
""")
# Capitalised acronyms that are not organisations.
NON_ORG_ACRONYMS = _words("""
GDP GNP CEO CFO COO CTO TV PM AM BC AD DC HIV AIDS COVID SARS MERS ID IT AI EV OK USD EUR GBP
FAQ PDF URL USB GPS DNA RNA VIP VAT IQ CV LGBT LGBTQ II III IV VI VII VIII IX XI XII RPG IED
UAV SUV ICU ER PR HQ UTC GMT EST PST BST CET KM MPH ATM SMS IPO ESG NGO NGOs MP MPs MEP MEPs
ET EDT PDT PT CT CST CDT MT MST MDT AEST AEDT IST CEST EET JST KST SUV RV ATV
QC KC OBE MBE CBE PhD
""")
# Social platforms are where people speak, not actors in the story.
PLATFORMS = _words(
    "X Twitter Facebook Instagram Telegram TikTok YouTube WhatsApp Threads Bluesky LinkedIn Snapchat Truth_Social"
    " Weibo WeChat"
)

# Well-known organisations named by one or two words the rules above cannot type.
KNOWN_ORGS = _words("""
Hamas Hezbollah Hizbollah Houthis Taliban Fatah PLO ISIS ISIL Daesh al-Qaeda al-Shabaab Boko_Haram Wagner
Islamic_Jihad Islamic_State Muslim_Brotherhood Shin_Bet Mossad IDF IRGC Kremlin Pentagon White_House
Congress Senate Knesset Bundestag Duma NATO OPEC ASEAN UNICEF UNRWA UNHCR UNESCO UNDP WHO WFP IAEA OCHA
ICRC MSF ICC ICJ IMF Interpol Europol FBI CIA NSA DHS EPA FDA CDC SEC FEC NASA Fed Federal_Reserve
European_Union United_Nations Security_Council General_Assembly Red_Cross Red_Crescent Amnesty_International
Human_Rights_Watch Doctors_Without_Borders Reporters_Without_Borders Médecins_Sans_Frontières
Medecins_Sans_Frontieres Islamic_Relief Mercy_Corps CARE Caritas Care_International Oxfam Greenpeace Save_the_Children
World_Bank Reuters AFP AP Associated_Press BBC CNN NPR PBS ABC_News CBS NBC MSNBC Fox_News Al_Jazeera
Al_Arabiya Bloomberg Axios Politico Haaretz Xinhua TASS RIA Sky_News ITV Channel_4 Le_Monde Der_Spiegel
Google Apple Microsoft Meta Tesla OpenAI Nvidia Samsung Boeing Airbus Toyota Volkswagen Gazprom
Aramco Shell BP ExxonMobil Chevron Pfizer Moderna Harvard Yale Stanford Princeton MIT Oxford_University
Cambridge_University Vatican Politburo Eurostat Frontex EU UN UNSC
UNIFIL Unifil UNFPA UNOPS OHCHR IOM FAO UNMISS MONUSCO UNAMA UNAMI UNDOF UNTSO IFRC IRC NRC ECOWAS
African_Union Arab_League OSCE OECD WTO G7 G20 BRICS Hayat_Tahrir_al-Sham HTS PKK YPG SDF Hashed
Anadolu WAFA Wafa SANA IRNA Kyodo Yonhap Interfax Ukrinform dpa DPA EFE ANSA Agence_France-Presse
Goldman_Sachs JPMorgan JPMorgan_Chase Morgan_Stanley Citigroup Citi Wells_Fargo BlackRock HSBC Barclays
Fitch S&P Amazon Alphabet Netflix Walmart Nestle Unilever Siemens
Huawei Alibaba Tencent ByteDance SpaceX Starlink Lockheed_Martin Raytheon Rheinmetall Glencore Maersk
Qatar_Airways Emirates_Airline Saudi_Aramco ADNOC Rosneft Lukoil Naftogaz Ukrenergo
""")
# Organisations that count only with "the" before them or a group word after ("the House").
CONTEXT_ORGS = _words("House Treasury Supreme_Court Commons Lords Parliament Cabinet Guardian Times Government")
# Known acronyms and the expansion or internal key they stand for.
ACRONYMS = {
    "UN": "United Nations",
    "U.N.": "United Nations",
    "EU": "European Union",
    "E.U.": "European Union",
    "US": "United States",
    "U.S.": "United States",
    "USA": "United States",
    "UK": "United Kingdom",
    "U.K.": "United Kingdom",
    "UAE": "United Arab Emirates",
    "IDF": "Israeli military",
    "WHO": "World Health Organization",
    "WFP": "World Food Programme",
    "UNSC": "UN Security Council",
    "ICRC": "International Committee of the Red Cross",
    "MSF": "Doctors Without Borders",
    "IMF": "International Monetary Fund",
    "ICC": "International Criminal Court",
    "ICJ": "International Court of Justice",
    "CBO": "Congressional Budget Office",
    "Fed": "Federal Reserve",
    "AP": "Associated Press",
    "PA": "Palestinian Authority",
    "RSF": "Rapid Support Forces",
    "SAF": "Sudanese Armed Forces",
    "IRGC": "Islamic Revolutionary Guard Corps",
    "OCHA": "Office for the Coordination of Humanitarian Affairs",
    "UNHCR": "UN refugee agency",
    "UNRWA": "UN agency for Palestinian refugees",
}

# Offices of people so often in the news that a story may name them without their title, then
# call them "the top US diplomat" or "the UN chief" (general knowledge; roles as descriptors read).
OFFICE_HOLDERS: dict[str, str] = {
    "Antony Blinken": "us secretary of state, diplomat",
    "Marco Rubio": "us secretary of state, diplomat",
    "Lloyd Austin": "us defense secretary, pentagon chief",
    "Pete Hegseth": "us defense secretary, pentagon chief",
    "Joe Biden": "us president, leader",
    "Donald Trump": "us president, leader",
    "Kamala Harris": "us vice president",
    "Janet Yellen": "us treasury secretary",
    "Jerome Powell": "us federal reserve chair, fed chief",
    "Antonio Guterres": "un secretary-general, un chief, head",
    "António Guterres": "un secretary-general, un chief, head",
    "Volker Turk": "un human rights chief, high commissioner",
    "Martin Griffiths": "un humanitarian chief, un aid chief",
    "Tom Fletcher": "un humanitarian chief, un aid chief",
    "Philippe Lazzarini": "unrwa chief, commissioner-general, head",
    "Tedros Adhanom Ghebreyesus": "who chief, director-general, head",
    "Filippo Grandi": "un refugee chief, high commissioner, unhcr head",
    "Cindy McCain": "wfp chief, executive director, head",
    "Catherine Russell": "unicef chief, executive director, head",
    "Rafael Grossi": "iaea chief, director general, head",
    "Kristalina Georgieva": "imf chief, managing director, head",
    "Ursula von der Leyen": "european commission president, eu chief, head",
    "Josep Borrell": "eu foreign policy chief, diplomat",
    "Kaja Kallas": "eu foreign policy chief, diplomat",
    "Jens Stoltenberg": "nato chief, secretary general, head",
    "Mark Rutte": "nato chief, secretary general, head",
    "Benjamin Netanyahu": "israeli prime minister, israel, leader",
    "Yoav Gallant": "israeli defence minister, israel",
    "Vladimir Putin": "russian president, russia, leader",
    "Sergei Lavrov": "russian foreign minister, russia, diplomat",
    "Volodymyr Zelensky": "ukrainian president, ukraine, leader",
    "Dmytro Kuleba": "ukrainian foreign minister, ukraine, diplomat",
    "Emmanuel Macron": "french president, france, leader",
    "Olaf Scholz": "german chancellor, germany, leader",
    "Rishi Sunak": "british prime minister, united kingdom, uk, leader",
    "Keir Starmer": "british prime minister, united kingdom, uk, leader",
    "David Cameron": "british foreign secretary, united kingdom, uk, diplomat",
    "David Lammy": "british foreign secretary, united kingdom, uk, diplomat",
    "Xi Jinping": "chinese president, china, leader",
    "Wang Yi": "chinese foreign minister, china, diplomat",
    "Recep Tayyip Erdogan": "turkish president, turkey, leader",
    "Hakan Fidan": "turkish foreign minister, turkey, diplomat",
    "Mahmoud Abbas": "palestinian president, palestine, leader",
    "Abdel Fattah al-Sisi": "egyptian president, egypt, leader",
    "Ali Khamenei": "iranian supreme leader, iran",
    "Hassan Nasrallah": "hezbollah leader, chief, head",
    "Ismail Haniyeh": "hamas leader, political chief, head",
    "Yahya Sinwar": "hamas leader, chief, head",
    "Abdel Fattah al-Burhan": "sudanese army chief, sudan, leader, head",
    "Mohamed Hamdan Dagalo": "rsf leader, commander, chief, head",
    "Narendra Modi": "indian prime minister, india, leader",
}
