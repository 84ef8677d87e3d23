"""First names the personal-data search knows: it takes one of them for a person where a word alone cannot tell a name
from a noun ("MUP MARKO" beside "TAIEX RADIONICA", "ŽENE SA ANOM" beside "ŽENE SA INVALIDITETOM", a label "ana"). A
name not among them is still missed there (docs/security.md).

OFFICERS_FIRST_NAMES: the demo names its officers from them (sync.demo_data).

COMMON_FIRST_NAMES: the first names common in Serbia of Jörg Michael's dictionary of first names (gender.c's
nam_dict.txt, 2007, GNU Free Documentation License 1.2; as published in the gender-guesser 0.4.0 package on PyPI):
every name whose frequency in its column for Serbia is 5 or more of its scale of 1 to 13 (274, "Predag" left out, a
misspelt "Predrag"). First names only, no person's; the search knows their cases ("Ane", "Marka") and Cyrillic script.

NAMES_THAT_ARE_WORDS: of those, and of their cases, the ones an officer writes as a word ("nada", hope; "KUĆA NADE";
"SAVA CENTAR"; "Ministarstvo rada"; "zora"; "VLADA", the Government and "Vlado"'s genitive), which the search does not
take for a name by this list, in any of their cases (as "Maja", May's genitive, is not): a report that names someone
so is missed as it was before."""

OFFICERS_FIRST_NAMES: tuple[str, ...] = (
    "Jelena", "Milica", "Ana", "Marija", "Jovana", "Ivana", "Snežana", "Dragana", "Tijana", "Vesna", "Maja",
    "Gordana", "Nataša", "Biljana", "Marko", "Nikola", "Stefan", "Miloš", "Dragan", "Zoran", "Nenad",
    "Aleksandar", "Dušan", "Vladimir", "Goran", "Ivan", "Đorđe",
)  # fmt: skip

COMMON_FIRST_NAMES: tuple[str, ...] = (
    "Aleksandar", "Aleksandra", "Ana", "Andrija", "Angelina", "Anka", "Anđelija", "Anđelka", "Biljana", "Biserka",
    "Boban", "Bogdan", "Bojan", "Boris", "Borisav", "Borislav", "Borivoje", "Borka", "Bosiljka", "Boško", "Božana",
    "Božidar", "Branimir", "Branislav", "Branislava", "Branka", "Brankica", "Branko", "Bratislav", "Budimir",
    "Danica", "Danijela", "Danilo", "Darinka", "Darko", "Davor", "Dejan", "Desanka", "Dimitrije", "Divna",
    "Dobrila", "Dobrinka", "Dobrivoje", "Dragan", "Dragana", "Dragica", "Draginja", "Dragić", "Dragiša", "Drago",
    "Dragoljub", "Dragomir", "Dragoslav", "Dragoslava", "Dragutin", "Dušan", "Dušanka", "Duško", "Emilija", "Gojko",
    "Goran", "Gordana", "Gradimir", "Gvozden", "Hristina", "Igor", "Ilija", "Irena", "Ivan", "Ivana", "Ivanka",
    "Ivica", "Jadranka", "Jasmina", "Jasminka", "Jasna", "Jelena", "Jelica", "Jelka", "Jovan", "Jovanka", "Jovica",
    "Jovo", "Julijana", "Kata", "Katarina", "Katica", "Ksenija", "Lazar", "Lenka", "Leposava", "Lidija", "Ljiljana",
    "Ljubica", "Ljubinka", "Ljubiša", "Ljubomir", "Maja", "Mara", "Marica", "Marija", "Marijana", "Marina",
    "Marjan", "Marko", "Mihailo", "Mihajlo", "Mila", "Miladin", "Milan", "Milanka", "Mile", "Milena", "Milenija",
    "Milenko", "Mileta", "Mileva", "Milica", "Milija", "Milijan", "Milijana", "Milisav", "Milivoj", "Milivoje",
    "Milka", "Miloje", "Milomir", "Milorad", "Milosav", "Milosava", "Milovan", "Miloš", "Milun", "Milunka",
    "Milutin", "Miodrag", "Mira", "Mirjana", "Mirko", "Miroljub", "Miroslav", "Miroslava", "Mitar", "Mladen",
    "Momir", "Momčilo", "Nada", "Nadežda", "Natalija", "Nataša", "Nebojša", "Nedeljko", "Nemanja", "Nenad",
    "Nevena", "Nevenka", "Nikola", "Novak", "Novica", "Obrad", "Ognjen", "Olga", "Olgica", "Olivera", "Pavle",
    "Petar", "Predrag", "Rada", "Rade", "Radisav", "Radivoj", "Radivoje", "Radiša", "Radmila", "Radojica",
    "Radojka", "Radomir", "Radosav", "Radoslav", "Radovan", "Radoš", "Rajko", "Ranko", "Ratko", "Rosa", "Ruža",
    "Ružica", "Sandra", "Sanja", "Sava", "Savo", "Saša", "Siniša", "Slavica", "Slavka", "Slavko", "Slavoljub",
    "Slađana", "Slobodan", "Slobodanka", "Smilja", "Smiljka", "Snežana", "Sofija", "Spomenka", "Srboljub", "Srđan",
    "Stana", "Stanimir", "Stanislav", "Staniša", "Stanka", "Stanko", "Stevan", "Stevo", "Stojan", "Stojanka",
    "Suzana", "Svetislav", "Svetlana", "Svetomir", "Svetozar", "Tanja", "Tatjana", "Tihomir", "Tomislav", "Uroš",
    "Valentina", "Valerija", "Velimir", "Veljko", "Vera", "Verica", "Veroljub", "Veselin", "Veselinka", "Vesna",
    "Vidoje", "Vidosava", "Viktorija", "Vinka", "Violeta", "Vladan", "Vladimir", "Vladislav", "Vladislava", "Vlado",
    "Vlastimir", "Vojin", "Vojislav", "Zagorka", "Zdenka", "Zdravko", "Zlata", "Zlatko", "Zora", "Zoran", "Zorana",
    "Zorica", "Zorka", "Čedomir", "Đorđe", "Žarko", "Željka", "Željko", "Živadin", "Živan", "Živana", "Živka",
    "Živko", "Živojin", "Živorad", "Života",
)  # fmt: skip

# each with the word it is too
NAMES_THAT_ARE_WORDS: dict[str, str] = {
    "Danica": "morning star",
    "Divna": "lovely",
    "Jasna": "clear",
    "Jelka": "fir tree",
    "Ljubica": "violet",
    "Marina": "a marina",
    "Mila": "dear",
    "Mile": "a mile",
    "Mira": "peace's genitive",
    "Nada": "hope",
    "Nevena": "marigold's genitive",
    "Novak": "a recruit",
    "Rada": "work's genitive",
    "Rade": "they work",
    "Rosa": "dew",
    "Ruža": "rose",
    "Sava": "the river, Sava Centar",
    "Slobodan": "free",
    "Sofija": "the city",
    "Stana": "a flat's genitive",
    "Stanka": "a pause",
    "Vera": "faith",
    "Zlata": "gold's genitive",
    "Zora": "dawn",
    "Života": "life's genitive",
    # words that are the cases of a name of the list ("VLADA" of "Vlado", "RATA" of "Ratko")
    "Draga": "dear",
    "Obrada": "processing",
    "Raj": "paradise",
    "Rano": "early",
    "Rata": "war's genitive",
    "Slava": "glory, a family's feast",
    "Vlada": "the Government",
    "Zlato": "gold",
    "Živa": "alive",
}

FIRST_NAMES: tuple[str, ...] = tuple(
    dict.fromkeys(name for name in (*OFFICERS_FIRST_NAMES, *COMMON_FIRST_NAMES) if name not in NAMES_THAT_ARE_WORDS)
)
