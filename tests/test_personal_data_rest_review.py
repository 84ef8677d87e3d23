"""The review of the merge of pd-rest (a birth word apart from the date by a place, a body's contact person after its
number, every place of Serbia as a number's label). Each case failed before its fix.

1. A birth word, "u"/"in" and up to four words before a date took a period's or a count's date for a birth: "Deca
   rođena u periodu od 1. januara 2017.", "children born in Serbia after 1 January 2018" (aggregate statistics).
2. The body's contact person let through what the detector refused before the merge: the person named after it in
   small letters, by initials, by a first name that is also a place's ("osoba za kontakt Ada"), or by a word for
   someone further in the bracket ("osoba za kontakt iz porodice žrtve"); "lice za kontakt", the same role in other
   words, was refused.
3. A word of a place's name of two or three words counted alone as a place, so first names such words make passed
   as a body's number's label: "Hana" (Vladičin Han), "Bela" (Bela Palanka), "Krsta" (Crveni krst).
4. Užice's city municipality Sevojno was missing from the list."""

from __future__ import annotations

import pytest

from apmon.schemas.municipalities import CITY_MUNICIPALITIES
from apmon.schemas.personal_data import find_personal_data


def kinds(text: str) -> list[str]:
    return [hit.kind for hit in find_personal_data(text)]


# --- 1. a period's date after "born in" -----------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Deca rođena u periodu od 1. januara 2017. do 31. decembra 2018.",
        "Sva deca rođena u Srbiji posle 1. januara 2018. upisuju se u maticu.",
        "Lica rođena u inostranstvu, prema podacima od 1. marta 2018.",
        "Deca rođena u Srbiji, zaključno sa 31.12.2018. godine",
        "rođeni u Srbiji, stanje na dan 31.12.2018.",
        "Деца рођена у Србији после 1. јануара 2018.",
        "children born in the period from 1 January 2017 to 31 December 2018",
        "children born in Serbia after 1 January 2018 are registered",
        "born in Serbia as of 31 December 2018",
    ],
)
def test_a_periods_date_after_born_in_is_no_birth_date(text: str) -> None:
    assert find_personal_data(text) == [], text


@pytest.mark.parametrize(
    "text",
    [
        "rođena u Nišu 1. februara 2005",
        "rođena u Nišu, dana 1.2.2005.",
        "rođena u selu kod Niša 1.2.2005",
        "Deca: rođena u Nišu 1.2.2005, upućena u Centar",
        "born in Niš on 1 February 2005",
        "born at the hospital in Niš on 01/02/2005",
    ],
)
def test_a_place_of_birth_before_the_date_is_still_found(text: str) -> None:
    assert kinds(text) == ["birth-date"], text


# --- 2. the body's contact person -----------------------------------------------------------------


@pytest.mark.parametrize(
    "after",
    [
        "(osoba za kontakt: marko)",
        "(osoba za kontakt: MARKO)",
        "(osoba za kontakt: M.P.)",
        "(osoba za kontakt M. Petrović)",
        "(osoba za kontakt: dr Marko Petrović)",
        "(osoba za kontakt Ada)",
        "(osoba za kontakt Bora)",
        "(osoba za kontakt: Hana)",
        "(osoba za kontakt u porodici)",
        "(osoba za kontakt iz porodice žrtve)",
        "(kontakt osoba iz porodice)",
        "(особа за контакт: м.п.)",
        "(contact person from the victim's family)",
        "(lice za kontakt Marko)",
    ],
)
def test_a_person_after_the_contact_persons_word_is_still_refused(after: str) -> None:
    text = f"Ministarstvo zdravlja: 011 3612345 {after}"
    assert kinds(text) == ["phone"], text


@pytest.mark.parametrize(
    "after",
    [
        "(osoba za kontakt)",
        "(lice za kontakt)",
        "(kontakt lice)",
        "(osoba za kontakt sa medijima)",
        "(osoba zadužena za Akcioni plan)",
        "(kontakt osoba Ministarstva)",
        "(osoba za kontakt u Ministarstvu)",
        "(osoba za kontakt u Nišu)",
        "(contact person for the Action Plan)",
        "(лице за контакт)",
    ],
)
def test_the_bodys_contact_person_still_passes(after: str) -> None:
    text = f"Ministarstvo zdravlja: 011 3612345 {after}"
    assert find_personal_data(text) == [], text


# --- 3. a word of a place's name of many words ----------------------------------------------------


@pytest.mark.parametrize("name", ["Hana", "Bela", "Krsta"])
def test_a_first_name_that_is_one_word_of_a_places_name_is_a_name(name: str) -> None:
    for text in (f"Ministarstvo zdravlja, {name}: 011 3612345", f"Ministarstvo zdravlja {name}: 011 3612345"):
        assert kinds(text) == ["phone"], text


@pytest.mark.parametrize(
    "text",
    [
        "Centar za socijalni rad Vladičin Han: 017 473123",
        "Centar za socijalni rad Vladičinom Hanu: 017 473123",
        "Gradska uprava, Crveni Krst: 018 4512345",
        "Centar za socijalni rad Bela Palanka, tel. 018 4512345",
        "Centar za socijalni rad Bačkoj Palanci: 021 6041234",
        "Centar za socijalni rad Petrovac na Mlavi: 012 331234",
        "Opštinska uprava Gadzin Han: 018 4512345",
        "Centar za socijalni rad (Bela Palanka) 018 4512345",
        "Ministarstvo zdravlja: 011 3612345 (Bela Palanka)",
    ],
)
def test_a_places_name_of_many_words_still_passes(text: str) -> None:
    assert find_personal_data(text) == [], text


# --- 4. the list ------------------------------------------------------------------------------------


def test_uzices_city_municipality_is_listed() -> None:
    """Užice's statute makes two city municipalities, Užice (the city's name, listed as the city) and Sevojno."""
    assert ("Sevojno", "Севојно") in CITY_MUNICIPALITIES
    assert find_personal_data("Centar za socijalni rad Sevojno: 031 5123456") == []


# --- 5. a birth's abbreviations and a form's "place and date of birth" ---------------------------


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("rođ. 1. februara 2005", "1. februara 2005"),  # five digits: the first search passed it over
        ("rođ. u Nišu 1. februara 2005", "1. februara 2005"),
        ("rodj. 1. februara 2005", "1. februara 2005"),
        ("rodj. 12.03.2005", "12.03.2005"),
        ("r. 1. februara 2005", "1. februara 2005"),
        ("Marija P. (r. 12.03.2005) upućena", "12.03.2005"),
        ("mesto i datum rođenja: Niš, 01.02.2005.", "01.02.2005"),
        ("datum i mesto rođenja: Niš, 1. februara 2005", "1. februara 2005"),
        ("datum i mesto rođenja žrtve: Niš, 1.2.2005", "1.2.2005"),
        ("место и датум рођења: Ниш, 01.02.2005.", "01.02.2005"),
        ("date and place of birth: Niš, 1 February 2005", "1 February 2005"),
        ("place and date of birth: Nis, Serbia, 01/02/2005", "01/02/2005"),
    ],
)
def test_a_births_abbreviation_and_a_forms_place_and_date_of_birth_are_found(text: str, date: str) -> None:
    assert [(hit.kind, text[hit.start : hit.end]) for hit in find_personal_data(text)] == [("birth-date", date)]


@pytest.mark.parametrize(
    "text",
    [
        "p.r. 12.03.2018",
        "Sl. glasnik RS, br. 12/2018 od 12.03.2018",
        "Ukupno dece: 5 r. 12 (zaključno sa 1. februarom 2018)",
        "Tabela: mesto i datum rođenja se ne upisuju od 1.2.2018",
    ],
)
def test_an_r_that_is_no_birth_and_a_period_pass(text: str) -> None:
    assert find_personal_data(text) == [], text


@pytest.mark.parametrize(
    "text",
    [
        "Opštinska uprava opštine Golupca: 012 123456",  # Golubac: b before c is said and written p
        "Centar za socijalni rad Žablja: 021 123456",  # Žabalj, Ražanj, Sečanj, Krupanj lose their a
        "Centar za socijalni rad Ražnja: 037 123456",
        "Opštinska uprava Sečnja: 023 123456",
        "Opštinska uprava Krupnja: 015 123456",
        "Centar za socijalni rad u Sremskim Karlovcima: 021 123456",
    ],
)
def test_a_places_cases_that_change_its_stem_pass(text: str) -> None:
    assert find_personal_data(text) == [], text
