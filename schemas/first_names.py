"""First names the personal-data search knows: it takes one of them for a person where a word alone cannot tell a name
from a noun ("MUP MARKO" beside "TAIEX RADIONICA", "ŽENE SA ANOM" beside "ŽENE SA INVALIDITETOM", a label "ana"). A
name not among them is still missed there (docs/security.md).

OFFICERS_FIRST_NAMES: the demo names its officers from them (sync.demo_data).

COMMON_FIRST_NAMES: the 400 Serbian first names of Faker's Serbian (Latin) locale, as @faker-js/faker 10.6.0 on npm
publishes it (dist/locale/sr_RS_latin, person.first_name, female and male), under the MIT licence: "Faker - Copyright
(c) 2022-2025" (its contributors, github.com/faker-js/faker), based on "faker.js - Copyright (c) 2011-2020 Marak
Squires", each with this permission notice:

    Permission is hereby granted, free of charge, to any person obtaining a copy of this software and associated
    documentation files (the "Software"), to deal in the Software without restriction, including without limitation
    the rights to use, copy, modify, merge, publish, distribute, sublicense, and/or sell copies of the Software, and
    to permit persons to whom the Software is furnished to do so, subject to the following conditions: The above
    copyright notice and this permission notice shall be included in all copies or substantial portions of the
    Software. THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING BUT NOT
    LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT
    SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION
    OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER
    DEALINGS IN THE SOFTWARE.

(Python's Faker has no Serbian person provider.) First names only, no person's; the search knows their cases ("Ane",
"Marka") and Cyrillic script.

MORE_FIRST_NAMES: common Serbian first names Faker's list lacks (Jovica, Sretko, Veljko, Srđan, Zorica...), none of
whose cases is a word an officer writes ("Stana" and "Stanka", a flat's genitive and a pause, "Vlada", "Toma", "Desa",
"Života", "Laza" are left out so, and "Bratislav", whose genitive is Slovakia's capital).

NAMES_THAT_ARE_WORDS: of those, and of their cases, the ones an officer writes as a word ("nada", hope; "KUĆA NADE";
"15 dana", "radnim danima"; "Crveni krst"; "oštećenje vida"), which the search does not take for a name by this list,
in any of their cases (as "Maja", May's genitive, is not): a report that names someone so is missed as it was
before. WORDS_BEFORE_A_NOUN: of those, the ones an officer writes before a thing's noun ("SLOBODAN PRISTUP")."""

OFFICERS_FIRST_NAMES: tuple[str, ...] = (
    "Jelena", "Milica", "Ana", "Marija", "Jovana", "Ivana", "Snežana", "Dragana", "Tijana", "Vesna", "Maja",
    "Gordana", "Nataša", "Biljana", "Marko", "Nikola", "Stefan", "Miloš", "Dragan", "Zoran", "Nenad",
    "Aleksandar", "Dušan", "Vladimir", "Goran", "Ivan", "Đorđe",
)  # fmt: skip

COMMON_FIRST_NAMES: tuple[str, ...] = (
    "Adam", "Adrijana", "Aleksa", "Aleksandar", "Aleksandra", "Aleksej", "Aljoša", "Ana", "Anabela", "Anastasija",
    "Anastasije", "Andrea", "Andrej", "Andrija", "Andrijana", "Anej", "Aneta", "Anica", "Anita", "Anja", "Anka",
    "Anđela", "Arsenije", "Ava", "Aćim", "Berislav", "Biljana", "Bisenija", "Blagica", "Blagoje", "Boban", "Bobana",
    "Bogdan", "Bogdana", "Bogoljub", "Bojan", "Bojana", "Bora", "Boris", "Borivoje", "Borjan", "Borka", "Bosiljka",
    "Boško", "Boža", "Božena", "Božica", "Božidar", "Branimir", "Branislav", "Branka", "Brankica", "Branko", "Budimir",
    "Ceca", "Cvijan", "Cvijetin", "Dabiživ", "Dajana", "Daliborka", "Damir", "Damjan", "Damjanka", "Dana", "Danijela",
    "Danila", "Danilo", "Danka", "Danko", "Darija", "Darinka", "Darko", "David", "Davor", "Dejan", "Dejana", "Desanka",
    "Desimir", "Dijana", "Dimitrije", "Divna", "Dobrila", "Dorotea", "Draga", "Dragan", "Dragana", "Draginja",
    "Dragiša", "Dragoje", "Dragojlo", "Dragoljub", "Dragoslav", "Dragutin", "Draža", "Dražen", "Dren", "Drina",
    "Dubravka", "Dunja", "Dušan", "Dušanka", "Dušica", "Duška", "Duško", "Elena", "Eleonora", "Ema", "Emilija",
    "Evdokija", "Filip", "Filotije", "Gabrijela", "Gala", "Galina", "Gavrilo", "Georgije", "Gerasim", "Gligorije",
    "Gojko", "Golub", "Goran", "Gorana", "Gordan", "Gordana", "Grgur", "Grigorije", "Hana", "Hvalimir", "Ignjat",
    "Igor", "Ilarion", "Ilija", "Ilinka", "Ina", "Irina", "Ivan", "Ivanka", "Ivica", "Ivo", "Jadranka", "Jadranko",
    "Jakov", "Jana", "Jasmina", "Jasna", "Jelena", "Jelica", "Jelisaveta", "Jelka", "Jevrosima", "Jezdimir", "Jovan",
    "Jovana", "Jovanka", "Jugoslav", "Julia", "Julijana", "Kalinik", "Katarina", "Kirilo", "Klara", "Konstantin",
    "Kosta", "Kristijan", "Kristina", "Krsto", "Ksenija", "Kuzman", "Lada", "Lara", "Lazar", "Leposava", "Lidija",
    "Ljiljana", "Ljuba", "Ljubica", "Ljubiša", "Ljubomir", "Luka", "Magdalena", "Maja", "Malina", "Mališa", "Marica",
    "Marina", "Marinko", "Marjan", "Markika", "Marko", "Marta", "Mateja", "Maša", "Mašinka", "Melenija", "Mia",
    "Mihailo", "Mihajlo", "Mija", "Mijat", "Mika", "Miladin", "Milan", "Milana", "Milanka", "Milanko", "Mile", "Milena",
    "Mileta", "Milica", "Milisav", "Milić", "Miljan", "Miljana", "Milojica", "Milomir", "Milorad", "Miloš", "Milutin",
    "Mina", "Miodrag", "Miomir", "Mira", "Mirela", "Mirjana", "Mirka", "Mirko", "Mirna", "Miroslav", "Mitar", "Mitra",
    "Miša", "Miško", "Mladen", "Mlađana", "Momir", "Momira", "Nada", "Nadežda", "Nastja", "Natalija", "Nataša", "Nađa",
    "Nebojša", "Neda", "Nedeljko", "Nela", "Nemanja", "Nenad", "Neva", "Neven", "Nevena", "Nikola", "Nikoleta",
    "Nikolina", "Nikša", "Nina", "Njegomirka", "Novak", "Obrad", "Obren", "Ognjana", "Ognjen", "Olga", "Olgica",
    "Oliver", "Olivera", "Ostoja", "Paja", "Pavle", "Pera", "Perica", "Pero", "Peruna", "Petar", "Petko", "Petra",
    "Petrija", "Predrag", "Prvoslav", "Radenko", "Radina", "Radivoje", "Radiša", "Radmila", "Radmilo", "Radojka",
    "Radomir", "Radosav", "Radoslav", "Radovan", "Radoš", "Radul", "Rajko", "Rakita", "Ranko", "Ratimir", "Raško",
    "Relja", "Renja", "Ristana", "Rodoljub", "Roksana", "Romana", "Rumena", "Ruža", "Sanda", "Sandra", "Sanja", "Sara",
    "Saša", "Selena", "Senka", "Silvija", "Simo", "Simonida", "Siniša", "Slava", "Slavica", "Slavka", "Slavoljub",
    "Slađana", "Slobodan", "Slobodanka", "Smiljana", "Snežana", "Sofija", "Sonja", "Srboljub", "Sredoje", "Srna",
    "Stanislav", "Stanislava", "Stanko", "Staša", "Stefan", "Stefana", "Stevan", "Stojan", "Stojanka", "Strahinja",
    "Sunčica", "Suzana", "Svetislav", "Svetlana", "Svetolik", "Svetomir", "Tadija", "Tamara", "Tanja", "Tara",
    "Tatjana", "Tea", "Teodora", "Teona", "Tihomir", "Tomislav", "Una", "Vanja", "Vasil", "Vasilisa", "Vasko",
    "Velibor", "Velimir", "Vera", "Verica", "Veselinka", "Vesna", "Vida", "Vidak", "Višnja", "Vladana", "Vladimir",
    "Vlastimir", "Vlatka", "Vojin", "Vojislava", "Vujadin", "Vujica", "Vuk", "Vukan", "Vukašin", "Vukica", "Vukota",
    "Zafir", "Zarije", "Zavida", "Zora", "Zoran", "Zorana", "Zorka", "Zvezdana", "Zvonko", "Čarna", "Časlav", "Čedomir",
    "Đorđe", "Đura", "Đurađ", "Đurica", "Željka"
)  # fmt: skip

MORE_FIRST_NAMES: tuple[str, ...] = (
    "Dalibor", "Danijel", "Dobrica", "Dobrivoje", "Dragica", "Dragomir", "Jova", "Jovica", "Jovo",
    "Ljubinka", "Marijana", "Mileva", "Milenko", "Milija", "Miljko", "Milivoje", "Milovan", "Milun", "Milunka",
    "Momčilo", "Nevenka", "Radoje", "Rastko", "Ratko", "Sanela", "Sima", "Slavko", "Smilja", "Spasoje", "Sretko",
    "Sreten", "Srđan", "Steva", "Svetozar", "Uroš", "Valentina", "Vasilije", "Veljko", "Vidoje", "Vladan", "Vladislav",
    "Vojislav", "Vukosava", "Zdravko", "Zlatan", "Zlatko", "Zorica", "Željko", "Žika", "Živko", "Živojin", "Živorad",
)  # fmt: skip

# each with the word it is too
NAMES_THAT_ARE_WORDS: dict[str, str] = {
    "Dana": "a day's genitive: 15 dana, radnim danima",
    "Divna": "lovely",
    "Draga": "dear",
    "Dren": "dogwood",
    "Drina": "the river",
    "Dunja": "quince",
    "Gala": "a gala",
    "Golub": "a pigeon",
    "Jasna": "clear",
    "Jelka": "fir tree",
    "Kosta": "kosti, bones",
    "Krsto": "Crveni krst, the Red Cross",
    "Lada": "a boat",
    "Ljubica": "violet",
    "Luka": "a port, Luka Beograd",
    "Malina": "raspberry",
    "Marina": "a marina",
    "Mile": "a mile; mila, dear",
    "Mina": "a mine, and English mine",
    "Mira": "peace's genitive",
    "Mirna": "peaceful, mirno",
    "Miša": "a mouse's genitive",
    "Nada": "hope",
    "Nevena": "marigold's genitive (Neven)",
    "Nina": "English nine",
    "Novak": "a recruit",
    "Pera": "a pen's genitive",
    "Pero": "a pen, a feather: perom",
    "Petko": "petkom, on Fridays",
    "Rakita": "willow",
    "Ruža": "rose",
    "Slava": "glory, a family's feast",
    "Slobodan": "free",
    "Sofija": "the city",
    "Srna": "a roe deer",
    "Tara": "the mountain and its national park",
    "Tea": "English tea",
    "Una": "the river",
    "Vera": "faith",
    "Vida": "sight's genitive, oštećenje vida; vidi, see",
    "Višnja": "sour cherry",
    "Vuk": "a wolf",
    "Zora": "dawn",
    "Zvezdana": "starry",
    "Zvonko": "ringing",
    # a word one of whose cases is a name's of the list (obrade, of processing, and Obrad's genitive)
    "Obrada": "processing",
}

# Of those, the words an officer writes before a thing's noun ("SLOBODAN PRISTUP", free access; "OBRADA PODATAKA",
# the processing of data; "NADA ZA SVE", hope for all): before a report's noun the others are a person's ("MARINA
# PODRŠKA", Marina of the support desk; "KOSTA PRIJEM")
WORDS_BEFORE_A_NOUN: tuple[str, ...] = ("Slobodan", "Obrada", "Nada", "Vera", "Zora", "Slava", "Jasna", "Mirna")

FIRST_NAMES: tuple[str, ...] = tuple(
    dict.fromkeys(
        name
        for name in (*OFFICERS_FIRST_NAMES, *COMMON_FIRST_NAMES, *MORE_FIRST_NAMES)
        if name not in NAMES_THAT_ARE_WORDS
    )
)
