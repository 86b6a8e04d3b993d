"""Places, nationality adjectives and common first names (general world knowledge)."""

from __future__ import annotations

from claims.extraction.lexicon import _words

# country or region -> nationality adjective(s); both sides are lookups.
_COUNTRY_DEMONYMS = """
Afghanistan:Afghan Albania:Albanian Algeria:Algerian Angola:Angolan Argentina:Argentine,Argentinian
Armenia:Armenian Australia:Australian Austria:Austrian Azerbaijan:Azerbaijani,Azeri Bahrain:Bahraini
Bangladesh:Bangladeshi Belarus:Belarusian Belgium:Belgian Benin:Beninese Bolivia:Bolivian
Bosnia:Bosnian Botswana:Botswanan Brazil:Brazilian Bulgaria:Bulgarian Burkina_Faso:Burkinabe
Burundi:Burundian Cambodia:Cambodian Cameroon:Cameroonian Canada:Canadian Chad:Chadian Chile:Chilean
China:Chinese Colombia:Colombian Congo:Congolese Croatia:Croatian Cuba:Cuban Cyprus:Cypriot
Czech_Republic:Czech Denmark:Danish Djibouti:Djiboutian Ecuador:Ecuadorian Egypt:Egyptian
El_Salvador:Salvadoran Eritrea:Eritrean Estonia:Estonian Ethiopia:Ethiopian Finland:Finnish
France:French Gabon:Gabonese Gambia:Gambian Georgia:Georgian Germany:German Ghana:Ghanaian
Greece:Greek Guatemala:Guatemalan Guinea:Guinean Haiti:Haitian Honduras:Honduran Hungary:Hungarian
Iceland:Icelandic India:Indian Indonesia:Indonesian Iran:Iranian Iraq:Iraqi Ireland:Irish
Israel:Israeli Italy:Italian Ivory_Coast:Ivorian Jamaica:Jamaican Japan:Japanese Jordan:Jordanian
Kazakhstan:Kazakh Kenya:Kenyan Kosovo:Kosovar Kuwait:Kuwaiti Kyrgyzstan:Kyrgyz Laos:Lao,Laotian
Latvia:Latvian Lebanon:Lebanese Liberia:Liberian Libya:Libyan Lithuania:Lithuanian
Luxembourg:Luxembourgish Madagascar:Malagasy Malawi:Malawian Malaysia:Malaysian Mali:Malian
Malta:Maltese Mauritania:Mauritanian Mexico:Mexican Moldova:Moldovan Mongolia:Mongolian
Montenegro:Montenegrin Morocco:Moroccan Mozambique:Mozambican Myanmar:Myanmar,Burmese Namibia:Namibian
Nepal:Nepali,Nepalese Netherlands:Dutch New_Zealand:New_Zealand Nicaragua:Nicaraguan Niger:Nigerien
Nigeria:Nigerian North_Korea:North_Korean Norway:Norwegian Oman:Omani Pakistan:Pakistani
Palestine:Palestinian Panama:Panamanian Paraguay:Paraguayan Peru:Peruvian Philippines:Filipino,Philippine
Poland:Polish Portugal:Portuguese Qatar:Qatari Romania:Romanian Russia:Russian Rwanda:Rwandan
Saudi_Arabia:Saudi Senegal:Senegalese Serbia:Serbian Sierra_Leone:Sierra_Leonean Singapore:Singaporean
Slovakia:Slovak Slovenia:Slovenian Somalia:Somali South_Africa:South_African South_Korea:South_Korean
South_Sudan:South_Sudanese Spain:Spanish Sri_Lanka:Sri_Lankan Sudan:Sudanese Sweden:Swedish
Switzerland:Swiss Syria:Syrian Taiwan:Taiwanese Tajikistan:Tajik Tanzania:Tanzanian Thailand:Thai
Togo:Togolese Tunisia:Tunisian Turkey:Turkish Turkiye:Turkish Turkmenistan:Turkmen Uganda:Ugandan
Ukraine:Ukrainian United_Arab_Emirates:Emirati United_Kingdom:British United_States:American
Uruguay:Uruguayan Uzbekistan:Uzbek Venezuela:Venezuelan Vietnam:Vietnamese Yemen:Yemeni Zambia:Zambian
Zimbabwe:Zimbabwean Europe:European Africa:African Asia:Asian Gaza:Gazan Kurdistan:Kurdish
Britain:British England:English Scotland:Scottish Wales:Welsh Arabia:Arab Persia:Persian
Darfur:Darfuri Crimea:Crimean Catalonia:Catalan Tibet:Tibetan Xinjiang:Uyghur Chechnya:Chechen
"""
DEMONYM_OF: dict[str, str] = {}
COUNTRIES: set[str] = set()
for _pair in _COUNTRY_DEMONYMS.split():
    _country, _dems = _pair.split(":")
    _country = _country.replace("_", " ")
    COUNTRIES.add(_country)
    for _d in _dems.split(","):
        DEMONYM_OF[_d.replace("_", " ")] = _country
NATIONALITIES = frozenset(DEMONYM_OF) | _words("Arab Western Eastern Islamic Jewish Muslim Christian Shia Sunni Druze")
COUNTRY_OF_NATIONALITY = dict(DEMONYM_OF)

OTHER_PLACES = _words("""
US U.S. USA UK U.K. UAE America Britain Great_Britain England Scotland Wales Northern_Ireland
Gaza Gaza_Strip Gaza_City West_Bank East_Jerusalem Jerusalem Tel_Aviv Haifa Ramallah Jenin Nablus
Hebron Tulkarem Bethlehem Jericho Rafah Khan_Younis Khan_Yunis Jabalia Beit_Hanoun Deir_al-Balah
Nuseirat Golan_Heights Golan Sinai Negev Galilee Ashkelon Sderot Eilat Middle_East Near_East Levant
Gulf Persian_Gulf Red_Sea Mediterranean Black_Sea Caspian_Sea Horn_of_Africa Sahel Maghreb Balkans
Caucasus Scandinavia Siberia Europe Asia Africa North_America South_America Latin_America Antarctica
Arctic Pacific Atlantic Indian_Ocean Beirut Damascus Aleppo Idlib Homs Baghdad Mosul Basra Erbil Tehran
Riyadh Jeddah Mecca Medina Doha Dubai Abu_Dhabi Kuwait_City Muscat Manama Sanaa Aden Hodeidah Amman
Cairo Alexandria Khartoum Omdurman Port_Sudan El_Fasher Nyala Geneina Darfur Kordofan South_Kordofan
North_Darfur West_Darfur Tripoli Benghazi Tunis Algiers Rabat Casablanca Marrakech Addis_Ababa
Nairobi Mogadishu Kampala Kigali Kinshasa Goma Lagos Abuja Accra Dakar Bamako Niamey Johannesburg
Cape_Town Pretoria Harare Lusaka Luanda Maputo Dar_es_Salaam Juba Asmara Tigray Amhara Oromia
Kyiv Kiev Kharkiv Odesa Odessa Lviv Mariupol Bakhmut Donetsk Luhansk Donbas Zaporizhzhia Kherson
Moscow St_Petersburg Minsk Warsaw Berlin Munich Frankfurt Hamburg Paris Marseille Lyon London
Manchester Birmingham Edinburgh Dublin Belfast Brussels Amsterdam The_Hague Luxembourg Vienna Prague
Budapest Bucharest Sofia Belgrade Zagreb Sarajevo Athens Rome Milan Naples Madrid Barcelona Lisbon
Bern Zurich Geneva Stockholm Oslo Copenhagen Helsinki Reykjavik Tallinn Riga Vilnius Ankara Istanbul
Nicosia Tbilisi Yerevan Baku Kabul Kandahar Islamabad Karachi Lahore New_Delhi Delhi Mumbai Kolkata
Chennai Bangalore Dhaka Kathmandu Colombo Beijing Shanghai Hong_Kong Taipei Tokyo Osaka Seoul Pyongyang
Manila Jakarta Bangkok Hanoi Ho_Chi_Minh_City Kuala_Lumpur Singapore Yangon Naypyidaw Phnom_Penh
Canberra Sydney Melbourne Wellington Auckland Ottawa Toronto Montreal Vancouver Washington
Washington_DC New_York New_York_City Los_Angeles Chicago Houston Miami Boston San_Francisco Seattle
Atlanta Dallas Philadelphia Detroit Denver Las_Vegas Phoenix New_Orleans Mexico_City Havana Caracas
Bogota Lima Santiago Buenos_Aires Brasilia Sao_Paulo Rio_de_Janeiro Montevideo Quito La_Paz
Alabama Alaska Arizona Arkansas California Colorado Connecticut Delaware Florida Hawaii Idaho Illinois
Indiana Iowa Kansas Kentucky Louisiana Maine Maryland Massachusetts Michigan Minnesota Mississippi
Missouri Montana Nebraska Nevada New_Hampshire New_Jersey New_Mexico North_Carolina North_Dakota Ohio
Oklahoma Oregon Pennsylvania Rhode_Island South_Carolina South_Dakota Tennessee Texas Utah Vermont
Virginia West_Virginia Wisconsin Wyoming Palestinian_Territories Occupied_Territories Kashmir Punjab
Xinjiang Tibet Crimea Kurdistan Catalonia Bavaria Quebec Ontario Mindanao Sahara Western_Sahara
""")
PLACES = frozenset(COUNTRIES) | OTHER_PLACES
# Capitalised words that end a place name ("Gaza City", "Al Haouz Province").
PLACE_HEADS = _words("""
City Strip Province Region County District Valley Mountains Mountain River Sea Island Islands Peninsula
Heights Bay Gulf Governorate Oblast Camp Desert Lake Canal Coast Plain Plateau Basin Village Town
Street Road Avenue Square Bridge Airport Station Crossing Highway Boulevard Gate Mosque Stadium Park Tower
Palace Quarter Neighbourhood Neighborhood Corridor Border Checkpoint Valley Hills
""")
# Lowercase nouns after a name that make it a place, never a person ("Nur Shams camp").
PLACE_LOWER_HEADS = _words("""
camp city town village region province district area neighbourhood neighborhood port airport border
crossing valley river mountains state county governorate square street road market mosque church
refugee_camp hills coast island bay
""")

_MALE = """
Aaron Danny Jeremy Nigel Rupert Liam Noah Ethan Oliver Harry Jack Lewis Dominic Grant Wes Kwame Abdel Abdul
Abdullah Abu Adam Adel Adrian Ahmad Ahmed Ali Alan Alex Alexander Alexei Ali Amin
Amir Amos Andrew Andrei Andres Angel Anthony Antonio Antony Arnaud Ashraf Avi Avigdor Ayman Bashar
Basem Basim Ben Benjamin Benny Bernard Bezalel Bill Bob Boris Brian Bruce Carlos Charles Chris
Christopher Chuck Daniel Dave David Dennis Dmitry Donald Doug Douglas Ed Edward Ehud Eli Emmanuel Eric
Erik Fadi Faisal Farid Francis Frank Fred Gabriel Gadi Gary George Gerald Gilad Greg Gustavo Hakan
Hamid Hani Hans Hassan Henry Hossein Hussein Ibrahim Ilya Isaac Ismail Itamar Ivan Jack Jacob Jake
Jamal James Jan Javier Jean Jeff Jeffrey Jens Jerome Jim Joe John Jon Jonathan Jorge Jose Joseph
Josh Juan Julian Justin Kamal Karim Keir Kevin Khaled Khalid Kim Kirill Larry Lee Leon Lloyd Luis
Mahmoud Marc Marco Mark Martin Marwan Matthew Michael Mike Mikhail Mitch Mohamed Mohammad Mohammed
Moshe Muhammad Musa Mustafa Nabil Naftali Naim Narendra Nasser Nicholas Nick Nikolai Nir Olaf Omar Oscar
Osama Pablo Patrick Paul Pedro Peter Philip Pierre Rafael Rahul Rami Ramzi Raul Recep Richard Riyad
Riyadh Rishi Rob Robert Rodrigo Roger Ron Ronald Ronen Ruslan Ryan Saad Salah Saleh Salim Sam Sami
Samir Samuel Scott Sean Sergei Sergey Shimon Simon Stephen Steve Steven Tariq Ted Thomas Tim Timothy
Tom Tony Tzachi Vladimir Volodymyr Walid Walter William Xi Yahya Yair Yasser Yoav Yossi Youssef Yousef
Yusuf Zaid Zeev Ziad Ilhan Nikki Benny Gideon Yehuda Aryeh Itzhak Yitzhak Reuven Shaul Uri Yigal Ismail
Abdelfattah Abdelaziz Mahmud Hamdan Abdallah Fuad Kais Emmanuel Olaf Giorgia Pedro Viktor Recep Luiz
Cyril Paul Bola Abiy William Nelson Kofi Antonio Volker Filippo Jens Josep Charles Rishi Boris
Liz Nancy Kevin Hakeem Chuck Mitch Lindsey Ted Marco Bernie Elon Jeff Sundar Satya Tim Warren Jerome
Janet Lael Ali Hossein Ebrahim Masoud Hasan Mohsen Qassem Amin Arnaud Emmanuel Jean-Luc Jean-Yves
Gerhard Angela Wolfgang Friedrich Dmitri Sergei Yevgeny Alexei Hunter Beau Chris Martin Eugene
"""
_FEMALE = """
Aisha Kemi Priti Yvette Rachel Angela Harriet Penny Alice Amal Amanda Amy Ana Angela Ann Anna Anne Annalena
Barbara Carla Caroline Catherine Cheryl
Christine Claire Clementine Dana Diana Elizabeth Ella Emily Emma Fatima Fatma Giorgia Grace Hanan Hannah
Helen Hillary Huda Ilana Iris Isabel Jacinda Jane Janet Jennifer Jessica Jill Julia Julie Karen Kamala
Kate Katherine Kathy Kristalina Laura Leila Lina Linda Lisa Liz Maria Marie Marine Mary Maya Melania
Meryl Michelle Mira Miriam Nadia Nancy Natalia Natalie Nikki Nour Noura Olena Olga Orly Rachel Rania
Rebecca Reem Rima Rosa Ruth Sahar Samantha Sara Sarah Sharon Shira Sophie Susan Suella Tamar Theresa
Ursula Valerie Victoria Yael Yulia Zeina Zainab Kristi Karine Lael Mia Nicola Penny Priti Rashida Tulsi
Marjorie Lauren Elise Ayelet Gila Miri Merav Michal Noa Hadas Golda Tzipi Yasmin Dina
"""
_MALE += """
Adrien Agustin Alain Alberto Aleksandr Alessandro Alfonso Alfred Alvaro Anatoly Andrzej Anton Antoine Arturo
Bernardo Bruno Carlo Cesar Christian Claude Claudio Cristiano Dario Denis Diego Dmytro Eduardo Emilio Enrique
Enzo Erdal Ernesto Fabio Felipe Fernando Filippo Francesco Francisco Franz Gabor Gaston Gennady Gerardo
Giovanni Giuseppe Gonzalo Guillaume Guillermo Gustav Heinrich Helmut Hugo Ignacio Igor Ion Jacques Jaime
Janusz Jaroslaw Javier Joachim Joao Joaquin Jorge Josef Jules Jurgen Karl Klaus Krzysztof Lars Laurent Leonid
Lorenzo Luca Lucas Luciano Ludovic Luigi Manuel Marcel Marcelo Marcin Mario Markus Massimo Mateo Matteo Mauricio
Mauro Maxim Maximilian Michel Miguel Milos Mykola Nicolas Nikita Oleg Oleksandr Oleksii Olivier Oriol Pascal Pavel
Pep Pierre-Yves Piotr Rafal Ramon Raymond Renato Ricardo Roberto Rolf Ruben Rui Salvador Santiago Sebastian
Sergio Stefan Stefano Sven Taras Thierry Tomasz Ulrich Valentin Valery Vasily Viktor Vincent Vitali Vitaly
Wojciech Xavier Yevhen Yuri Yury Zbigniew Akira Hiroshi Kenji Takeshi Yoshihide Fumio Shinzo Shigeru Jun Min
Wei Ming Jian Hao Lei Yong Jae-in Moon Suk-yeol Sung Hyun Anwar Prabowo Joko Rodrigo Ferdinand Thaksin Hun Aung
Arvind Amit Anil Ashok Deepak Manmohan Nitin Rajnath Sanjay Subrahmanyam Vijay Imran Nawaz Shehbaz Asif Bilawal
Ashraf Hamza Mohammed Bilal Idris Ismael Jibril Kamel Lotfi Majed Moussa Nizar Rashid Sultan Talal Tarek Waleed
Yasin Younes Zakaria Abiy Bola Bongani Chinedu Cyril Emeka Godfrey Jomo Julius Kagame Kofi Kwesi Macky Mamadou
Moussa Muhammadu Nana Ngozi Olusegun Ousmane Paul Raila Samia Seyi Tinubu Uhuru William Yoweri Ali Abdi Hassan
Barak Benny Gadi Itamar Moti Shlomo Tzipi Avraham Dudi Elad Guy Omer Oren Tal Yaron Yonatan Ari Asher Eitan
Carlos Luiz Inacio Geraldo Lula Jair Andres Gustavo Javier Nayib Nicolas Alberto Gabriel Sebastian Hector
"""
_FEMALE += """
Adriana Agnieszka Alejandra Alessandra Alexandra Alicia Andrea Anja Anke Annalena Antonia Beatriz Birgit
Brigitte Camila Carmen Carolina Catalina Cecilia Chiara Christiane Claudia Cristina Daniela Dolores Elena
Elisabeth Elsa Elvira Eva Federica Francesca Gabriela Gloria Greta Hanna Ines Irina Isabella Ivana Jelena
Josefina Juana Julieta Katarzyna Katja Larisa Laure Lucia Luisa Lyudmila Magdalena Malgorzata Marcela Margarita
Mariana Marta Martina Matilde Mercedes Monika Nadezhda Natasha Oksana Paola Patricia Paula Petra Pilar Raquel
Renata Roberta Sabine Sandra Silvia Simona Sofia Svetlana Tatiana Teresa Ursula Valentina Veronica Viktoria
Yelena Yulia Zofia Akiko Haruko Mei Lin Ying Xin Hui Jing Yuko Priyanka Sonia Indira Nirmala Sushma Mamata
Benazir Maryam Malala Amina Ayaan Chimamanda Ellen Folake Graca Hadiza Joyce Ngozi Nkosazana Wangari Winnie
Hind Lama Lubna Mariam Muna Nisreen Rasha Rula Sawsan Suha Wafa Yara Clementine Kamala Nikki Hillary Ilhan
Alexandria Elise Kirsten Tammy Tulsi Gretchen Kathy Gina Marsha Lisa Susan Mazie Tina Debbie Amy Maxine
"""
# More common given names (English-speaking, Arabic, Persian/Afghan, Hebrew, Slavic, African, Asian).
_MALE += """
Alec Andy Barry Brett Carl Colin Craig Dan Darren Dean Derek Elliot Gavin Gordon Graham Hugh Ian Jason Joel
Keith Ken Kieran Malcolm Matt Neil Owen Phil Phillip Ray Rick Rory Roy Russell Seth Shane Stuart Terry Toby
Todd Trevor Vince Wayne Alastair Angus Duncan Fraser Gareth Rhys Dylan Callum Connor Kyle Tyler
Brandon Bradley Cody Derrick Dwight Floyd Glenn Harold Howard Jerry Jesse Joshua Kenneth Larry Marcus
Nathan Norman Ralph Randy Roland Samuel Spencer Stanley Travis Vernon Victor Wade Zachary Adnan Akram Anas
Aziz Bassam Emad Fawaz Fouad Ghassan Hamad Hamdi Haitham Hazem Hisham Ihab Imad Issa Jawad Kareem
Louay Mahdi Maher Mansour Marwan Mazen Mounir Munir Murad Nabih Nader Najib Nasir Nawaf Nidal Raed Rafik
Ramy Riad Sabri Samer Shadi Suleiman Tamer Tawfiq Wael Wassim Wisam Yaser Yazan Zuhair Abdulrahman
Abdelrahman Abdulaziz Abdulla Mohamad Mohammed Mohamud Osman Hamid Zabihullah Ghulam Habibullah
Hekmatullah Amrullah Najibullah Sirajuddin Nasrullah Ehsan Farhad Javad Kaveh Mehdi Mojtaba Reza
Saeed Behrouz Davood Ido Ofer Ohad Roni Shai Tomer Yigal Zvi Bohdan Mykhailo Pavlo Petro Serhiy Vadym
Vasyl Yuriy Andriy Denys Artem Maksym Bogdan Dragan Goran Nikola Zoran Abebe Dawit Getachew Tedros
Kiplagat Odinga Chukwuma Babajide Yakubu Musa Abubakar Tidjani Ibrahima Moussa Cheikh Amadou Boubacar Idriss
Mahamat Abdalla Minni Mubarak Omer Hamdok Mohamad Suliman Yasir Khamis Fadl
Jean-Marc Jean-Pierre Jean-Paul Jean-Claude Jean-Michel Jean-Louis Jean-Baptiste Jean-Noel Jean-Francois
Jean-Philippe Jean-Christophe Pierre-Louis Hans-Peter Karl-Heinz Jean-Bertrand Jean-Max Jean-Charles
Andrii Serhii Yurii Vitalii Oleh Ihor Mykhailo Volodymyr
Sameh Thabo Sipho Themba Mandla Tendai Tinashe Nelson Desmond Jacob Julius Kgalema Fikile Chinua Wole
Goodluck Atiku Yemi Kayode Tunde Olu Femi Kwabena Kojo Yaw Kwaku Abdoulaye Souleymane Assimi
"""
_FEMALE += """
Abigail Alison Bridget Carol Charlotte Chloe Deborah Donna Eleanor Fiona Gemma Heather Holly Jacqueline
Joanna Katie Kelly Lucy Lynn Megan Melanie Olivia Pamela Sally Shirley Stephanie Tracy Wendy Yvonne
Samira Salma Yasmine Rawan Samah Souad Hala Dalia Ghada Hiba Iman Lamia Layla Leila Maha Manal Mona
Nada Najla Nawal Rana Randa Rasha Razan Rim Samar Shireen Shirin Wafaa Zahra Zeinab Fatemeh Maryam Parisa
Roya Shabnam Farida Malalai Nasrin Halyna Iryna Kateryna Nataliya Oksana Olha Tetiana Yuliia Ayesha Hina
Noor Farah Tamara Talia Adi Efrat Keren Limor Liat Osnat Rivka Sigal Hadas Naama Ama Abena Chiamaka Fatou
Aminata Halima Zainab Hawa Asha Nyambura Wanjiru
Anne-Marie Marie-Claire Marie-Louise Marie-Christine Marie-France Marie-Laure Anne-Sophie
"""
FEMALE_NAMES = _words(_FEMALE)
MALE_NAMES = _words(_MALE) - FEMALE_NAMES  # a name on both lists is read as female
FIRST_NAMES = MALE_NAMES | FEMALE_NAMES
