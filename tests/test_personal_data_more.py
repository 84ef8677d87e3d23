"""What docs/security.md listed as not found, and false refusals, of the personal-data detector (December 2026). Each
case failed before its fix, in the three scripts where it exists.

1. Not found: a JMBG in four or five groups or with separators of more than one kind; a date of birth with its month
   in Roman figures or in dashes; a first name that is also a place's name (or one of its cases) as a ministry's
   number's label ("Ministarstvo zdravlja, Ada: 011 3612345"); a name in capitals as such a label ("MARKO"); a name
   after a preposition after the body's contact person ("osoba za kontakt sa Markom").
2. Refused though honest: "Palanka" alone, well-known places that are no municipality (Zlatibor, Kopaonik, Banja
   Koviljača, Soko Banja written in two words, Dragaš) as a body's number's label; a birth word whose subject is a
   program, a project, an idea, an initiative or a plan ("Program je rođen u Beogradu 1. marta 2018.")."""

from __future__ import annotations

import pytest

from apmon.schemas.personal_data import find_personal_data, is_valid_jmbg
from apmon.schemas.text import latin_to_cyrillic


def kinds(text: str) -> list[str]:
    return [hit.kind for hit in find_personal_data(text)]


# --- 1. a JMBG in four or more groups, or with mixed separators -----------------------------------

JMBG = "1505953710011"


def test_the_jmbg_of_these_tests_is_valid() -> None:
    """Its check digit recomputed here, not by the code under test: 11 - (weighted sum mod 11)."""
    weights = (7, 6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2)
    total = sum(w * int(c) for w, c in zip(weights, JMBG[:12], strict=True))
    assert (11 - total % 11) % 11 % 10 == int(JMBG[12]) and is_valid_jmbg(JMBG)


@pytest.mark.parametrize(
    "number",
    [
        "1505 953 710 011",
        "15 05 953 710 011",
        "15 05 953 710011",
        "1 5 0 5 9 5 3-7 1 0 0 1 1",
        "1.5.0.5.9.5.3 7.1.0.0.1.1",
    ],
)
@pytest.mark.parametrize("before", ["Žrtva, broj {}", "Жртва, број {}", "The victim, number {}", "{}"])
def test_a_jmbg_in_many_groups_or_mixed_separators_is_found(before: str, number: str) -> None:
    text = before.format(number)
    hits = find_personal_data(text)
    assert [(h.kind, text[h.start : h.end]) for h in hits] == [("jmbg", number)], text
    assert hits[0].masked == "15•••••••••11"


@pytest.mark.parametrize(
    "text",
    [
        "1 505 953 710 011",  # an amount in thousands
        "Iznosi: 1505 953 710 012",  # the check digit wrong: no JMBG
        "Broj lica po mesecima: 1 5 0 5 9 5 3-7 1 0 0 1 2",
        "120 300 400 2018 5",  # a list
        "1505 9 5 3710 011",  # two groups of one digit: a list of counts (one is a JMBG's: test_personal_data_gaps)
        "150 595 371 0011",  # an amount in thousands and a number
        "5 1505 953 710 011",  # a list
        "15 05 953 710 011 4",  # a sixth group: a list
    ],
)
def test_numbers_that_are_no_jmbg_still_pass(text: str) -> None:
    assert find_personal_data(text) == [], text


# --- 1. a date of birth with its month in Roman figures or in dashes ------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "rođena 1. II 2005.",
        "rođena 1.II.2005",
        "Maloletna žrtva, rođena 15. XII 2004. godine",
        "datum rođenja: 1. II 2005.",
        "рођена 1. II 2005.",
        "датум рођења 15. XII 2004.",
        "rođena 1-2-2005",
        "datum rođenja: 01-02-2005",
        "рођена 1-2-2005",
        "born 1-2-2005",
        "date of birth: 01-02-2005",
        "born on 1. II 2005",
    ],
)
def test_a_birth_date_in_roman_figures_or_dashes_is_found(text: str) -> None:
    assert kinds(text) == ["birth-date"], text


@pytest.mark.parametrize(
    "text",
    [
        "Sastanak je održan 1. II 2018. u Beogradu.",
        "Obuka 1-2-2018 u Nišu",
        "Састанак 1. II 2018.",
        "Meeting held 1-2-2018",
        "Deca rođena u periodu od 1. I 2017. do 31. XII 2018.",
    ],
)
def test_an_events_date_in_roman_figures_or_dashes_still_passes(text: str) -> None:
    assert find_personal_data(text) == [], text


# --- 1. a first name that is also a place's, as a ministry's number's label -----------------------


@pytest.mark.parametrize("name", ["Ada", "Bora", "Boro", "Bore", "Kula", "Peca", "Pantelej", "Obilić", "Leposavić"])
def test_a_name_that_is_a_place_after_a_ministry_is_a_persons(name: str) -> None:
    for text in (
        f"Ministarstvo zdravlja, {name}: 011 3612345",
        latin_to_cyrillic(f"Ministarstvo zdravlja, {name}: 011 3612345"),
        f"Ministry of Health, {name}: 011 3612345",
        f"Kontakt Ministarstva zdravlja ({name}) 011 3612345",
        f"Ministarstvo zdravlja {name}: 011 3612345",
    ):
        assert kinds(text) == ["phone"], text


@pytest.mark.parametrize(
    "text",
    [
        "Centar za socijalni rad, Kula: 025 722123",
        "Centar za socijalni rad Ada: 024 852123",
        "Opštinska uprava Kula, tel. 025 722123",
        "Ministarstvo unutrašnjih poslova, Policijska stanica Ada: 024 852123",
        "Ministarstvo unutrašnjih poslova, Policijska uprava Bor: 030 423123",
        "Центар за социјални рад, Кула: 025 722123",
        "Centre for Social Work, Kula: 025 722123",
        "Ministarstvo unutrašnjih poslova, PU Kula: 025 722123",
        "Министарство унутрашњих послова, ПС Ада: 024 852123",
        "Ministarstvo zdravlja, Beograd: 011 3612345",  # a town no one is named
    ],
)
def test_the_same_word_after_a_body_of_a_place_is_its_seat(text: str) -> None:
    assert find_personal_data(text) == [], text


# --- 1. a name in capitals as the label -----------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Ministarstvo zdravlja, MARKO: 011 3612345",
        "Ministarstvo zdravlja, JELENA: 011 3612345",
        "Министарство здравља, МАРКО: 011 3612345",
        "Ministry of Health, MARKO: 011 3612345",
        "MINISTARSTVO ZDRAVLJA, MARKO: 011 3612345",
    ],
)
def test_a_name_in_capitals_as_a_ministrys_numbers_label_is_found(text: str) -> None:
    assert kinds(text) == ["phone"], text


@pytest.mark.parametrize(
    "text",
    [
        "MINISTARSTVO ZDRAVLJA: 011 3612345",
        "MINISTARSTVO ZA RAD, ZAPOŠLJAVANJE, BORAČKA I SOCIJALNA PITANJA: 011 3612345",
        "МИНИСТАРСТВО ЗДРАВЉА, ЦЕНТРАЛА: 011 3612345",
        "Ministarstvo unutrašnjih poslova, MUP: 011 3612345",
        "Ministarstvo pravde, TAIEX: 011 3612345",
        "Ministarstvo zdravlja, UNICEF: 011 3612345",
        "Ministarstvo zdravlja, UNHCR: 011 3612345",
        "Ministarstvo zdravlja, Sektor VIII: 011 3612345",
        "MINISTRY OF HEALTH, SWITCHBOARD: 011 3612345",
    ],
)
def test_a_body_in_capitals_or_an_acronym_still_passes(text: str) -> None:
    assert find_personal_data(text) == [], text


# --- 1. a name after a preposition after the contact person ---------------------------------------


@pytest.mark.parametrize(
    "after",
    [
        "(osoba za kontakt sa Markom)",
        "(osoba za kontakt kod Jelene)",
        "(особа за контакт са Марком)",
        "(contact person with Marko)",
        "(contact person at Olena's)",
    ],
)
def test_a_name_after_a_preposition_after_the_contact_person_is_found(after: str) -> None:
    text = f"Ministarstvo zdravlja: 011 3612345 {after}"
    assert kinds(text) == ["phone"], text


@pytest.mark.parametrize(
    "after",
    [
        "(osoba za kontakt u Ministarstvu)",
        "(osoba za kontakt sa Crvenim krstom)",
        "(osoba za kontakt u Beogradu)",
        "(особа за контакт у Министарству)",
        "(contact person at the Ministry)",
        "(contact person for the Action Plan)",
    ],
)
def test_a_body_or_place_after_a_preposition_still_passes(after: str) -> None:
    text = f"Ministarstvo zdravlja: 011 3612345 {after}"
    assert find_personal_data(text) == [], text


# --- 2. "Palanka" and well-known places as a body's number's label --------------------------------


@pytest.mark.parametrize(
    "place", ["Palanka", "Palanci", "Zlatibor", "Kopaonik", "Banja Koviljača", "Soko Banja", "Soko-Banja", "Dragaš"]
)
def test_a_well_known_place_as_a_bodys_label_passes(place: str) -> None:
    for text in (
        f"Centar za socijalni rad, {place}: 026 3612345",
        latin_to_cyrillic(f"Centar za socijalni rad, {place}: 026 3612345"),
        f"Centre for Social Work, {place}: 026 3612345",
        f"Ministarstvo unutrašnjih poslova, Policijska stanica {place}: 026 3612345",
    ):
        assert find_personal_data(text) == [], text


def test_a_name_after_a_well_known_place_is_still_a_persons() -> None:
    text = "Centar za socijalni rad, Palanka, Marko: 026 3612345"
    assert kinds(text) == ["phone"], text


# --- 2. a birth word whose subject is a thing -----------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Program je rođen u Beogradu 1. marta 2018.",
        "Projekat je rođen 15.03.2018. na sastanku Radne grupe.",
        "Ideja je rođena u Nišu 1. marta 2018.",
        "Inicijativa, rođena 1. marta 2018, okupila je 12 organizacija.",
        "Plan rođen je 1. marta 2018.",
        "Programi su rođeni 1. marta 2018.",
        "Програм је рођен у Београду 1. марта 2018.",
        "Идеја је рођена 1. марта 2018.",
        "Пројекат који је рођен 1. марта 2018.",
        "The programme was born in Belgrade on 1 March 2018.",
        "The idea was born on 1 March 2018",
        "The initiative, born 1 March 2018, brought together 12 organisations.",
        "The project was born in Niš on 01/03/2018.",
    ],
)
def test_a_things_birth_is_no_birth_date(text: str) -> None:
    assert find_personal_data(text) == [], text


@pytest.mark.parametrize(
    "text",
    [
        "Korisnica programa, rođena 1.2.2005.",
        "Dete iz projekta je rođeno 1. 2. 2005.",
        "U programu je devojka rođena 1.2.2005.",
        "Корисница програма, рођена 1.2.2005.",
        "A beneficiary of the programme, born 1 February 2005",
        "The plan: the victim, born 1 February 2005",
    ],
)
def test_a_persons_birth_beside_such_a_word_is_still_found(text: str) -> None:
    assert kinds(text) == ["birth-date"], text
