"""What docs/security.md still listed as not found, or as refused though honest, after the merges of December 2026
(the list session 44 left). Each case failed before its fix, in the scripts and languages where it exists.

Not found:
1. A birth word in the accusative, dative or genitive ("Smeštena je žrtva, rođenu 3. 4. 2005.", "devojčici rođenoj
   3. 4. 2005.", "рођену", "рођеној", "dečaka rođenog ...").
2. A JMBG with three spaces between two of its groups ("1505   953   710011").
3. A first name in capitals with where the person is from, as a body's number's label ("MARKO IZ NIŠA", "МАРКО ИЗ
   НИША", "MARK FROM NIŠ"): the place after "iz" was taken for a word of an organisation's name.
4. A place and a name in brackets after a body's number ("011 3612345 (Niš, Marko)", "(Marko, Niš)"), and a first name
   that is a place's name too in brackets after a ministry's, which has no seat in a town ("(Ada)").
8. A first name in capitals that is a word of an institution's name in the registry in force, or an acronym, before
   a surname ("ANA PETROVIĆ" once "Fondacija Ana i Vlade Divac" is in the registry): taken for an organisation's name.

Refused, though honest:
5. "IMAGE" as a body's number's label: "ima..." was read as a verb ("has"), which makes the number someone's.
6. An organisation's name in brackets after a body's ("Ministarstvo zdravlja (SAVE THE CHILDREN): 011 3612345").
7. An organisation's name in capitals that begins with a word for a group of people and a preposition ("ŽENE NA
   PUTU", "ŽENE U CRNOM", "HOME FOR CHILDREN").

The review found what those passes let through, and the cases next to the ones fixed, each failing before its fix:
a name beside an organisation or a place in brackets after a body's name ("(ANA PETROVIĆ, SAVE THE CHILDREN)", "(Ana)
Beograd"), a name after a group's preposition ("ŽENE U MARKO PETROVIĆ", "PARENTS OF MARKO"), the forms of "imati"
other than the listed ones ("imaće"), a surname without its mark ("PETROVIC"), a name with an initial or where the
person is from in brackets after a body's number ("(Marko P.)", "(Marko iz Niša)"), a mistyped JMBG after its word
with groups three spaces apart, the birth word's long forms ("rođenoga"), and a name among a body's labels before the
last ("Ministarstvo zdravlja, Ana, Beograd: ...").
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from apmon.schemas import personal_data
from apmon.schemas.personal_data import find_personal_data, mask_all
from apmon.schemas.text import latin_to_cyrillic
from apmon.templates.plan_file import load_registry

# 15 May 1953, region 71, serial 001
JMBG = "1505953710011"


def found(text: str) -> list[tuple[str, str]]:
    return [(hit.kind, text[hit.start : hit.end]) for hit in find_personal_data(text)]


def check_digit(first12: str) -> int:
    """The JMBG's control digit, recomputed here: 11 - (weighted sum mod 11), 10 and 11 written as 0."""
    total = sum(w * int(c) for w, c in zip((7, 6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2), first12, strict=True))
    return (11 - total % 11) % 11 % 10


def test_the_jmbg_of_these_tests_has_its_check_digit() -> None:
    assert check_digit(JMBG[:12]) == int(JMBG[12])


# --- 1. a birth word in another case -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("rođenu 3. 4. 2005.", "3. 4. 2005"),
        ("rođenoj 3. 4. 2005.", "3. 4. 2005"),
        ("рођену 3. 4. 2005.", "3. 4. 2005"),
        ("рођеној 3. 4. 2005.", "3. 4. 2005"),
        ("Centar je smestio devojčicu rođenu 3. 4. 2005. u Nišu", "3. 4. 2005"),
        ("Pomoć je pružena devojčici rođenoj 3. aprila 2005.", "3. aprila 2005"),
        ("Помоћ је пружена девојчици рођеној 3. априла 2005.", "3. априла 2005"),
        ("Smeštaj dečaka rođenog 3.4.2005. u Nišu", "3.4.2005"),
        ("Smeštaj dečaka rodjenog u Nišu 3.4.2005.", "3.4.2005"),
        ("Pomoć dečaku rođenom 3.4.2005.", "3.4.2005"),
        ("Smeštaj devojčice rođene 3. 4. 2005.", "3. 4. 2005"),
        ("Centar je smestio devojčicu rođenu u Nišu 3. 4. 2005.", "3. 4. 2005"),
        ("Smeštaj dečaka rođenoga 3. 4. 2005.", "3. 4. 2005"),  # the long forms of the genitive and dative
        ("Pomoć dečaku rođenome 3.4.2005.", "3.4.2005"),
        ("Помоћ дечаку рођеноме 3.4.2005.", "3.4.2005"),
        ("Pomoć dečaku rodjenomu 3.4.2005.", "3.4.2005"),
    ],
)
def test_a_birth_word_in_another_case_marks_a_date_of_birth(text: str, date: str) -> None:
    assert found(text) == [("birth-date", date)], text
    assert date not in mask_all(text)


@pytest.mark.parametrize(
    "text",
    [
        "Broj dece rođenih u periodu od 1. januara 2017. do 31.12.2018.",  # a period's
        "Deca rođena u Srbiji, stanje na dan 31.12.2018.",
        "Ideju rođenu na sastanku sproveli smo 3. 4. 2018.",  # a date farther than the place's words
        "rođendan 3. 4. 2018.",
    ],
)
def test_a_periods_or_an_events_date_after_such_words_still_passes(text: str) -> None:
    assert found(text) == [], text


# --- 2. a JMBG with three spaces between groups --------------------------------------------------------------


@pytest.mark.parametrize(
    "number",
    [
        "1505   953   710011",
        "1505953   710011",
        "1505   953 710 011",
        "1505 953   710  011",
        "1505\u00a0  953 710 011",
        "1505\t953\t710011",  # a tab, a narrow or thin no-break space, as a phone's groups may be apart
        "1505\u202f953\u202f710\u202f011",
        "1505\u2009953 710011",
    ],
)
@pytest.mark.parametrize("before", ["{}", "Žrtva, broj {}", "Жртва, број {}", "The victim, number {}"])
def test_a_jmbg_with_three_spaces_between_groups_is_found(before: str, number: str) -> None:
    text = before.format(number)
    hits = find_personal_data(text)
    assert [(h.kind, text[h.start : h.end]) for h in hits] == [("jmbg", number)], text
    assert "".join(c for c in number if c.isdigit()) == JMBG
    assert hits[0].masked == "15•••••••••11" and "953" not in mask_all(text)


@pytest.mark.parametrize(
    "text",
    [
        "JMBG 1505   953   710012",  # after its word, a digit mistyped: a JMBG whatever its control digit
        "JMBG: 1505  953  710 012",
        "matični broj žrtve 1505   953   710012",
        "ЈМБГ 1505   953   710012",
        "JMBG 1505\t953\t710012",
    ],
)
def test_a_mistyped_jmbg_after_its_word_with_groups_three_spaces_apart_is_found(text: str) -> None:
    number = text[text.index("1505") :]
    assert found(text) == [("jmbg", number)], text


@pytest.mark.parametrize(
    "text",
    [
        "1505   953   710012",  # the check digit wrong
        "1   505   953   710   011",  # an amount in thousands
        "120   300   400   2018",
        "Iznosi:   1505   953   710   011   2018",  # a longer list
        "1505    953    710011",  # four spaces: columns apart
        "Broj: 2   1505 953 710 011",  # a list: a number three spaces before
        "1\u202f505\u202f953\u202f710\u202f011",  # an amount in thousands, a narrow no-break space apart
    ],
)
def test_numbers_three_spaces_apart_that_are_no_jmbg_still_pass(text: str) -> None:
    assert [kind for kind, _ in found(text) if kind == "jmbg"] == [], text


# --- 3. a name in capitals with where the person is from ----------------------------------------------------


@pytest.mark.parametrize(
    "label",
    [
        "MARKO IZ NIŠA",
        "MARKO IZ NISA",
        "ANA IZ NOVOG SADA",
        "ANA IZ BEOGRADA",
        "MARKO SA JUGA",
        "ANA SA ADE",
        "ANA U NIŠU",
    ],
)
def test_a_name_in_capitals_with_where_the_person_is_from_is_found(label: str) -> None:
    for text in (
        f"Ministarstvo zdravlja, {label}: 011 3612345",
        latin_to_cyrillic(f"Ministarstvo zdravlja, {label}: 011 3612345"),
        f"Kontakt Ministarstva zdravlja ({label}) 011 3612345",
    ):
        assert found(text) == [("phone", "011 3612345")], text


def test_an_english_name_in_capitals_with_where_the_person_is_from_is_found() -> None:
    for text in (
        "Ministry of Health, MARK FROM NIŠ: 011 3612345",
        "Ministry of Health, ANNA FROM NOVI SAD: 011 3612345",
    ):
        assert found(text) == [("phone", "011 3612345")], text


@pytest.mark.parametrize(
    "label",
    [
        "CENTAR ZA SOCIJALNI RAD IZ NIŠA",  # a body's word
        "SIGURNA KUĆA IZ NIŠA",
        "CRVENI KRST NIŠ",  # a place with no preposition: the organisation's seat
        "CRVENI KRST IZ NIŠA",
        "ASTRA IZ BEOGRADA",  # an acronym
        "PRIHVATILIŠTE U NIŠU",
        "SAVE THE CHILDREN IN SERBIA",
    ],
)
def test_an_organisation_in_capitals_with_its_place_still_passes(label: str) -> None:
    for text in (
        f"Ministarstvo zdravlja, {label}: 011 3612345",
        latin_to_cyrillic(f"Ministarstvo zdravlja, {label}: 011 3612345"),
    ):
        assert found(text) == [], text


# --- 4. a place and a name in brackets after a body's number -------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Ministarstvo zdravlja: 011 3612345 (Niš, Marko)",
        "Ministarstvo zdravlja: 011 3612345 (Marko, Niš)",
        "Ministarstvo zdravlja: 011 3612345 (Beograd, Marko Petrović)",
        "Ministarstvo zdravlja: 011 3612345 (Ada)",  # a ministry has no seat in Ada: a first name
        "Ministarstvo zdravlja: 011 3612345 (Niš, Ada)",
        "Ministry of Health: 011 3612345 (Belgrade, Olena)",
        "Kancelarija za ljudska prava: 011 3612345 (Kula)",
        "Centar za socijalni rad: 011 3612345 (Niš, Marko)",
        "Dom zdravlja Niš: 018 4512345 (Marko, Niš)",
        "Ministarstvo zdravlja: 011 3612345 (MARKO, NIŠ)",
        "Ministarstvo zdravlja: 011 3612345 (MARKO IZ NIŠA)",  # review: a name and where the person is from
        "Ministarstvo zdravlja: 011 3612345 (Marko iz Niša)",
        "Ministarstvo zdravlja: 011 3612345 (Beograd, Ana sa Ade)",
        "Ministarstvo zdravlja: 011 3612345 (Marko P.)",  # a name and an initial
        "Ministarstvo zdravlja: 011 3612345 (Niš, M. Petrović)",
        "Ministarstvo zdravlja: 011 3612345 (ANA PETROVIĆ, SAVE THE CHILDREN)",
    ],
)
def test_a_place_and_a_name_in_brackets_after_a_bodys_number_are_found(text: str) -> None:
    for written in (text, latin_to_cyrillic(text)):
        assert [kind for kind, _ in found(written)] == ["phone"], written


@pytest.mark.parametrize(
    "text",
    [
        "Ministarstvo zdravlja: 011 3612345 (Beograd)",
        "Ministarstvo zdravlja: 011 3612345 (Niš, Beograd)",
        "Ministarstvo zdravlja: 011 3612345 (centrala, Beograd)",
        "Ministarstvo zdravlja: 011 3612345 (Pisarnica, Beograd)",
        "Ministarstvo zdravlja: 011 3612345 (Sektor za zaštitu porodice, Beograd)",
        "Ministarstvo zdravlja: 011 3612345 (lokal 234, Beograd)",
        "Centar za socijalni rad: 011 3612345 (Kula)",  # the centre's seat
        "Centar za socijalni rad Kula: 011 3612345 (Kula)",
        "Ministarstvo zdravlja: 011 3612345 (MUP, Beograd)",
        "Ministarstvo zdravlja: 011 3612345 (ŽENE NA PUTU)",  # review: an organisation, as after a body's name
        "Ministarstvo zdravlja: 011 3612345 (SAVE THE CHILDREN, Niš)",
        "Ministarstvo zdravlja: 011 3612345 (Kneza Miloša 20, Beograd)",
        "Ministarstvo zdravlja: 011 3612345 (Info služba, Beograd)",
        "Ministarstvo zdravlja: 011 3612345 (radnim danima 8-16h)",
        "Dom zdravlja: 011 3612345 (Soko-Banja)",  # a place of two words joined by a dash, not two labels
        "Dom zdravlja: 011 3612345 (Soko-Banja, Srbija)",
        "Ministarstvo zdravlja: 011 3612345 (PU)",  # an acronym of two letters, as it passes as a label before
        "Ministarstvo zdravlja: 011 3612345 (Niš, PU)",
    ],
)
def test_a_place_or_a_bodys_word_in_brackets_after_its_number_still_passes(text: str) -> None:
    for written in (text, latin_to_cyrillic(text)):
        assert found(written) == [], written


# --- 5. IMAGE as a label -------------------------------------------------------------------------------------


def test_image_as_a_bodys_numbers_label_passes() -> None:
    assert found("Ministarstvo zdravlja, IMAGE: 011 3612345") == []
    assert found("Ministry of Health, IMAGE: 011 3612345") == []


@pytest.mark.parametrize(
    "text",
    [
        "Ministarstvo ima broj 011 3612345",  # the verb "has": a number the body has is someone's
        "Ministarstvo imalo broj 011 3612345",
        "Ministarstvo imaju u evidenciji 011 3612345",
        "Министарство има број 011 3612345",
        "Ministarstvo imaće broj 011 3612345",  # the future and the other forms "ima..." found before
        "Ministarstvo imace broj 011 3612345",
        "Министарство имаће број 011 3612345",
        "Ministarstvo zdravlja, imalac broja: 011 3612345",
        "Ministarstvo imadu broj 011 3612345",
    ],
)
def test_a_number_a_body_has_is_still_found(text: str) -> None:
    assert [kind for kind, _ in found(text)] == ["phone"], text


# --- 6. an organisation in brackets after a body --------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Ministarstvo zdravlja (SAVE THE CHILDREN): 011 3612345",
        "Ministarstvo zdravlja (SIGURNA KUĆA): 011 3612345",
        "Ministarstvo zdravlja (CRVENI KRST SRBIJE): 011 3612345",
        "Ministarstvo zdravlja (Sektor za zaštitu porodice): 011 3612345",
        "Ministarstvo zdravlja (Pisarnica): 011 3612345",
        "Ministry of Health (SAVE THE CHILDREN): 011 3612345",
    ],
)
def test_an_organisation_in_brackets_after_a_body_passes(text: str) -> None:
    for written in (text, latin_to_cyrillic(text)):
        assert found(written) == [], written


@pytest.mark.parametrize(
    "text",
    [
        "Ministarstvo zdravlja (Marko): 011 3612345",
        "Ministarstvo zdravlja (MARKO): 011 3612345",
        "Ministarstvo zdravlja (MARKO PETROVIĆ): 011 3612345",
        "Ministarstvo zdravlja (Marko Petrović): 011 3612345",
        "Ministarstvo zdravlja (majka žrtve): 011 3612345",
        "Ministarstvo zdravlja (MAJKA ŽRTVE): 011 3612345",
        "Ministarstvo zdravlja (Ada): 011 3612345",
        "Ministry of Health (Olena): 011 3612345",
    ],
)
def test_a_person_in_brackets_after_a_body_is_still_found(text: str) -> None:
    for written in (text, latin_to_cyrillic(text)):
        assert [kind for kind, _ in found(written)] == ["phone"], written


# --- 7. an organisation that begins with a group of people ----------------------------------------------------


@pytest.mark.parametrize(
    "label", ["ŽENE NA PUTU", "ŽENE U CRNOM", "DECA SA ULICE", "HOME FOR CHILDREN", "WOMEN FOR PEACE"]
)
def test_an_organisation_named_for_a_group_of_people_passes(label: str) -> None:
    for text in (
        f"Ministarstvo zdravlja, {label}: 011 3612345",
        latin_to_cyrillic(f"Ministarstvo zdravlja, {label}: 011 3612345"),
    ):
        assert found(text) == [], text


@pytest.mark.parametrize(
    "label",
    [
        "MAJKA IZ NIŠA",  # one person
        "ŽENE NA PUTU MARKO PETROVIĆ",  # and a name
        "ŽENE ŽRTVE",
        "MAJKA ŽRTVE",
        "MOTHER OF THE VICTIM",
        "HOME",  # a home's number
        "ŽENE I MARKO",
        "ŽENE NA PUTU, MARKO",
    ],
)
def test_a_person_or_a_home_in_capitals_is_still_found(label: str) -> None:
    text = f"Ministarstvo zdravlja, {label}: 011 3612345"
    assert found(text) == [("phone", "011 3612345")], text


# --- 8. a first name that is a word of an institution's name, before a surname -------------------------------


@pytest.fixture
def divac_foundation() -> Iterator[None]:
    """The shipped registry with a foundation whose name holds first names, as the Coordinator may add one; the
    shipped registry in force again after it."""
    registry = load_registry()
    personal_data.bodies_in_force([*registry.names(), "Fondacija Ana i Vlade Divac"], [*registry.codes, "FAVD"])
    yield
    load_registry()


@pytest.mark.usefixtures("divac_foundation")
@pytest.mark.parametrize(
    "label",
    [
        "ANA PETROVIĆ",
        "ANA JOVANOVIĆ",
        "ANA MARIJA JOVANOVIĆ",
        "MOS MARKOVIĆ",
        "ANA PETROVIC",  # the surname typed without its mark, as "NISA" is
        "MOS MARKOVIC",
    ],
)
def test_a_registrys_word_before_a_surname_is_a_name(label: str) -> None:
    assert found("Ministarstvo zdravlja, ANA: 011 3612345") == []  # the foundation's word, alone (can't be told)
    for text in (
        f"Ministarstvo zdravlja, {label}: 011 3612345",
        latin_to_cyrillic(f"Ministarstvo zdravlja, {label}: 011 3612345"),
    ):
        assert found(text) == [("phone", "011 3612345")], text


@pytest.mark.usefixtures("divac_foundation")
@pytest.mark.parametrize("label", ["ANA I VLADE DIVAC", "FONDACIJA ANA I VLADE DIVAC", "SAVET", "MOS", "IOM SRBIJA"])
def test_the_foundations_and_the_bodies_names_still_pass(label: str) -> None:
    for text in (
        f"Ministarstvo zdravlja, {label}: 011 3612345",
        latin_to_cyrillic(f"Ministarstvo zdravlja, {label}: 011 3612345"),
    ):
        assert found(text) == [], text


# --- review: what the new rules let through --------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Ministarstvo zdravlja (ANA PETROVIĆ, SAVE THE CHILDREN): 011 3612345",  # a name beside an organisation
        "Ministarstvo zdravlja (ANA PETROVIĆ, CRVENI KRST): 011 3612345",
        "Ministarstvo zdravlja (Ana, SAVE THE CHILDREN): 011 3612345",
        "Ministarstvo zdravlja (ANA PETROVIĆ, ŽENE NA PUTU): 011 3612345",
        "Ministarstvo zdravlja (Ana, Niš): 011 3612345",  # a name beside a place
        "Ministarstvo zdravlja (Ana) Beograd: 011 3612345",  # a name in brackets, the seat after it
        "Ministarstvo zdravlja (ANA PETROVIĆ), Beograd: 011 3612345",
        "Ministarstvo zdravlja (Marija P.): 011 3612345",  # a name and an initial
        "Ministarstvo zdravlja (Ana P.), Beograd: 011 3612345",
        "Ministarstvo zdravlja (SAVE THE CHILDREN) Ana: 011 3612345",  # a name after the bracket
        "Ministarstvo zdravlja (Ada, Beograd): 011 3612345",  # a ministry has no seat in Ada
        "Ministarstvo zdravlja (lokal 12 Ana), Beograd: 011 3612345",  # a name after a line's label in them
    ],
)
def test_a_name_in_brackets_after_a_bodys_name_is_found_wherever_it_stands(text: str) -> None:
    """Brackets after a body's name were refused whole before an organisation's name in them passed: every label in
    them is looked at, not only the last before the number."""
    for written in (text, latin_to_cyrillic(text)):
        assert [kind for kind, _ in found(written)] == ["phone"], written


@pytest.mark.parametrize(
    "text",
    [
        "Ministarstvo zdravlja (SAVE THE CHILDREN, Beograd): 011 3612345",
        "Ministarstvo zdravlja (Pisarnica, Beograd): 011 3612345",
        "Ministarstvo zdravlja (Sektor za zaštitu porodice) Beograd: 011 3612345",
        "Ministarstvo zdravlja (MUP, IOM): 011 3612345",
        "Centar za socijalni rad (Kula): 011 3612345",  # the centre's seat
        "Ministarstvo zdravlja (KONTAKT TELEFON): 011 3612345",  # a line's label in capitals
        "Ministarstvo zdravlja (PU, Beograd): 011 3612345",
    ],
)
def test_a_bodys_places_and_organisations_in_brackets_after_its_name_pass(text: str) -> None:
    for written in (text, latin_to_cyrillic(text)):
        assert found(written) == [], written


@pytest.mark.parametrize(
    "label",
    [
        "ŽENE U MARKO PETROVIĆ",  # a first and last name after the group's preposition
        "ŽENE SA ANOM PETROVIĆ",
        "RODITELJI ZA MARKA PETROVIĆA",
        "DEVOJKE SA ANOM PETROVIC",
        "HOME OF MARKO PETROVIC",
        "ŽENE NA PUTU MARKO",  # the organisation's name and a first name after it
        "HOME FOR CHILDREN ANA",
        "HOME FOR THE VICTIM",  # a victim or one person after the preposition: someone's
        "ŽENE SA ŽRTVOM",
        "DECA SA MAJKOM",
        "HOME OF THE MOTHER",
        "PARENTS OF MARKO",  # whose the group is: a person's relatives
        "CHILDREN OF ANA",
    ],
)
def test_a_name_after_a_groups_word_and_a_preposition_is_found(label: str) -> None:
    for text in (
        f"Ministarstvo zdravlja, {label}: 011 3612345",
        latin_to_cyrillic(f"Ministarstvo zdravlja, {label}: 011 3612345"),
    ):
        assert found(text) == [("phone", "011 3612345")], text


@pytest.mark.parametrize(
    "label", ["HOME FOR THE CHILDREN", "ŽENE IZ NOVOG SADA", "DECA SA ULICE NIŠ", "ŽENE ZA MIR", "WOMEN OF SERBIA"]
)
def test_an_organisation_named_for_a_group_with_a_small_word_or_a_place_passes(label: str) -> None:
    for text in (
        f"Ministarstvo zdravlja, {label}: 011 3612345",
        latin_to_cyrillic(f"Ministarstvo zdravlja, {label}: 011 3612345"),
    ):
        assert found(text) == [], text


@pytest.mark.parametrize(
    "text",
    [
        "Ministarstvo zdravlja, Ana, Beograd: 011 3612345",  # a name as a label before the body's seat
        "Ministarstvo zdravlja, ANA PETROVIĆ, Beograd: 011 3612345",
        "Ministarstvo zdravlja, MARKO IZ NIŠA, Beograd: 011 3612345",
        "Ministry of Health, Olena, Belgrade: 011 3612345",
        "Ministarstvo zdravlja, Ada, Beograd: 011 3612345",
        "Ministarstvo zdravlja, Marko, Pisarnica, Beograd: 011 3612345",
        "Ministarstvo zdravlja, kontakt Ana, Beograd: 011 3612345",  # after the line's word
        "Ministarstvo zdravlja, Marko iz Niša: 011 3612345",  # in small letters, as "MARKO IZ NIŠA" is found
        "Ministarstvo zdravlja, Ana iz Novog Sada, Beograd: 011 3612345",
        "Ministry of Health, Mark from Niš: 011 3612345",
        "Ministarstvo zdravlja, Marko P.: 011 3612345",  # a name and an initial
        "Ministarstvo zdravlja, M. Petrović, Beograd: 011 3612345",
    ],
)
def test_a_name_among_a_bodys_labels_before_the_last_is_found(text: str) -> None:
    """Found as the last label, a name was let through before another label ("Beograd"), in brackets (above) as apart
    by commas."""
    for written in (text, latin_to_cyrillic(text)):
        assert [kind for kind, _ in found(written)] == ["phone"], written


@pytest.mark.parametrize(
    "text",
    [
        "Ministarstvo za rad, Kneza Miloša 20, Beograd, tel. 011 3612345",
        "Ministarstvo zdravlja, Pisarnica, Beograd: 011 3612345",
        "Ministry of Labour, Employment, Veteran and Social Affairs, Belgrade: 011 3612345",
        "Ministarstvo zdravlja, Direktor, Beograd: 011 3612345",
        "Ministarstvo zdravlja, SAVE THE CHILDREN, Beograd: 011 3612345",
        "Ministarstvo zdravlja, ŽENE NA PUTU, Beograd: 011 3612345",
        "Centar za socijalni rad, Kula, Srbija: 011 3612345",
        "Ministry of Health, Department for Family Protection, Belgrade: 011 3612345",
        "Ministarstvo unutrašnjih poslova, Uprava kriminalističke policije, Beograd: 011 3612345",
        "Ministarstvo zdravlja, Nemanjina 22-26, Beograd: 011 3612345",
        "Kontakt Ministarstva zdravlja, Beograd, Srbija: 011 3612345",
        "Ministarstvo zdravlja, MUP, Beograd: 011 3612345",
        "Ministarstvo zdravlja, Republika Srbija, Beograd: 011 3612345",
        "Ministry of Health, Switchboard, Belgrade: 011 3612345",
        "Ministarstvo zdravlja, Kancelarija u Nišu: 011 3612345",
        "Ministarstvo zdravlja, Odeljenje u Nišu, Sektor A: 011 3612345",
        "Dom zdravlja, Soko-Banja: 011 3612345",
        "Ministarstvo zdravlja, Novi Beograd: 011 3612345",
    ],
)
def test_a_bodys_labels_apart_by_commas_still_pass(text: str) -> None:
    for written in (text, latin_to_cyrillic(text)):
        assert found(written) == [], written
