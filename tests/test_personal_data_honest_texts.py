"""What docs/security.md still listed after session 47 as refused though honest, or as not found, each case failing
before its fix, in both scripts where it is Serbian.

Refused, though honest:
1. The plan's English indicators with "victim's" before a body's line ("Number of cases where assistance was provided
   to the victim's family: 12. Ministry of Health: 011 3612345"): a possessive broke the count's words.
2. "SUPPORT FROM MUP TO NGOS": a small word after where the support is from was read as a name.
3. "(ženski kutić)": the adjective "ženski" (women's) was read as a word for a woman.
4. "Kabina iz MUP-a": a room's word before where it is, as "Prostorija B" is.

Not found:
5. "lično" (in person) as a body's number's label, as "privatni" is.
"""

from __future__ import annotations

import pytest

from apmon.schemas.personal_data import find_personal_data
from apmon.schemas.text import latin_to_cyrillic


def found(text: str) -> list[tuple[str, str]]:
    return [(hit.kind, text[hit.start : hit.end]) for hit in find_personal_data(text)]


def written(text: str) -> tuple[str, str]:
    """The text in Latin script and in Cyrillic."""
    return text, latin_to_cyrillic(text)


def as_label(label: str) -> tuple[str, ...]:
    """A body's number labelled so, before it and in brackets after it, in both scripts."""
    return (
        *written(f"Ministarstvo zdravlja, {label}: 011 3612345"),
        *written(f"Ministarstvo zdravlja: 011 3612345 ({label})"),
    )


# --- 1. "victim's" in a count's words --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [  # the plan's two indicators with "victim's" (templates/data/plan-2017-2018.yaml), and what an officer writes near
        "Number of cases where assistance was provided to the victim's family: 12. Ministry of Health: 011 3612345",
        "Number of cases where assistance is provided to the child victim's family 12, Ministry of Health: 011 3612345",
        "Number of cases where the victim's family was assisted: 3. Ministry of Health: 011 3612345",
        "Number of victims' families assisted: 4. Ministry of Health: 011 3612345",
        "Number of referrals of victims' children: 5; Ministry of Health switchboard: 011 3612345",
        "Total of victim’s family members supported 6, Ministry of Health: 011 3612345",
        "Number of cases with the victim's consent: 7. Ministry of Health: 011 3612345",
        "Number of cases where the child victim's guardian was informed: 8. Ministry of Health: 011 3612345",
        "Number of victim's statements taken: 9. Ministry of Health: 011 3612345",
        "Number of cases of the victim's return: 10. Ministry of Health: 011 3612345",
        "Number of women's shelters supported: 2. Ministry of Health: 011 3612345",
        "Number of children's homes visited: 11. Ministry of Health: 011 3612345",
    ],
)
def test_a_count_with_a_possessive_before_a_bodys_number_passes(text: str) -> None:
    assert found(text) == [], text


@pytest.mark.parametrize(
    "text",
    [
        "The victim's phone, Ministry of Health: 011 3612345",
        "Number of the victim's mother: 011 3612345",
        "Number of the victim's: 12. Ministry of Health: 011 3612345",
        "Victim's family, Ministry of Health: 011 3612345",
        "Number of cases: 12, the victim's brother. Ministry of Health: 011 3612345",
    ],
)
def test_a_victims_line_is_still_found(text: str) -> None:
    assert [kind for kind, _ in found(text)] == ["phone"], text


# --- 2. a small word after where the support is from -----------------------------------------------------------------


@pytest.mark.parametrize(
    "label",
    [
        "SUPPORT FROM MUP TO NGOS",
        "SUPPORT FROM MUP TO CSOS",
        "SUPPORT FROM MUP TO SCHOOLS",
        "SUPPORT FROM MUP TO THE CENTRE",
        "SUPPORT FROM MUP IN NIŠ",
        "SUPPORT FROM MUP ON SITE",
        "ASSISTANCE FROM MUP TO NGOS",
        "HELP FROM IOM TO CSOS",
        "TRAINING FROM MUP TO POLICE",
        "PODRŠKA IZ MUP-A ZA NVO",
        "PODRŠKA OD MUP-A ZA CENTRE",
    ],
)
def test_a_small_word_after_where_support_is_from_passes(label: str) -> None:
    for typed in as_label(label):
        assert found(typed) == [], typed


@pytest.mark.parametrize(
    "label",
    [
        "SUPPORT FROM MUP MARK",
        "SUPPORT FROM MUP TO MARKO",
        "SUPPORT FROM MUP TO JOVAN PETROVIĆ",
        "SUPPORT FROM MUP TO SRETKO PETROVIĆ",  # a first name not on the list: the surname tells
        "PODRŠKA IZ MUP-A ZA SRETKA PETROVIĆA",  # and in its cases (pd5r: they passed)
        "PODRŠKA IZ MUP-A SA SRETKOM PETROVIĆEM",
        "PODRŠKA IZ MUP-A PO SRETKU PETROVIĆU",
        "PODRŠKA IZ MUP-A ZA MARKA",
    ],
)
def test_a_name_after_where_support_is_from_is_still_found(label: str) -> None:
    text = f"Ministarstvo zdravlja, {label}: 011 3612345"
    assert [kind for kind, _ in found(text)] == ["phone"], text


# --- 3. "ženski" (women's) before a thing's noun ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "label",
    [
        "ženski kutić",
        "Ženski kutić",
        "ženski centar",
        "ženski toalet",
        "ženski savetodavni centar",
        "ženski pokret",
        "ženski prostor",
        "ženski klub",
        "ženski dom",
        "ženski odsek",
        "ženski sektor",
    ],
)
def test_womens_before_a_things_noun_passes(label: str) -> None:
    for typed in as_label(label):
        assert found(typed) == [], typed


@pytest.mark.parametrize("label", ["ženska osoba", "ženski pol", "ženska", "žena", "ženski rod", "ženskog pola"])
def test_a_woman_is_still_found(label: str) -> None:
    for typed in as_label(label):
        assert [kind for kind, _ in found(typed)] == ["phone"], typed


# --- 4. a room's word before where it is -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "label",
    [
        "Kabina iz MUP-a",
        "Kabina u Nišu",
        "Kabina B",
        "Kabine iz MUP-a",
        "Soba iz MUP-a",
        "Soba B",
        "Sala u Beogradu",
        "Sala B",
        "Šalter B",
        "Šalter u Nišu",
        "Hol zgrade",
        "Hol iz MUP-a",
        "PODRŠKA IZ MUP-A KABINA B",
        "SUPPORT FROM MUP SALA B",
    ],
)
def test_a_rooms_word_as_a_label_passes(label: str) -> None:
    for typed in written(f"Ministarstvo zdravlja, {label}: 011 3612345"):
        assert found(typed) == [], typed


@pytest.mark.parametrize(
    "label", ["Marko iz MUP-a", "Strahinja iz MUP-a", "Sanja u Nišu", "Salko iz MUP-a", "Sale iz MUP-a", "Sale u Nišu"]
)  # "Sale", Aleksandar's nickname, is no room's word
def test_a_name_before_where_it_is_is_still_found(label: str) -> None:
    for typed in written(f"Ministarstvo zdravlja, {label}: 011 3612345"):
        assert [kind for kind, _ in found(typed)] == ["phone"], typed


# --- 5. "lično" as a label ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Ministarstvo zdravlja, lično, 011 3612345",
        "Ministarstvo zdravlja, lično: 011 3612345",
        "Ministarstvo zdravlja, licno: 011 3612345",
        "Ministarstvo zdravlja: 011 3612345 (lično)",
    ],
)
def test_in_person_as_a_label_is_found(text: str) -> None:
    for typed in written(text):
        assert [kind for kind, _ in found(typed)] == ["phone"], typed


@pytest.mark.parametrize(
    "text",
    [
        "Prijave lično ili na telefon Ministarstva zdravlja: 011 3612345",
        "Ministarstvo zdravlja, lično ili telefonom: 011 3612345",
        "Lično preuzimanje u Ministarstvu zdravlja, tel. 011 3612345",
        "Ministarstvo zdravlja: 011 3612345, lično u pisarnici",
        "Obuku je lično vodio načelnik. Ministarstvo zdravlja: 011 3612345",
        "Zahtevi se predaju lično. Ministarstvo zdravlja: 011 3612345",
        "Ministarstvo zdravlja, lična karta: 011 3612345",
        "Ministarstvo zdravlja, lični dokumenti: 011 3612345",
        "Kontakt Ministarstva zdravlja za lične karte: 011 3612345",
        "Ministarstvo zdravlja (prijem lično i telefonom): 011 3612345",
    ],
)
def test_in_person_in_a_sentence_passes(text: str) -> None:
    for typed in written(text):
        assert found(typed) == [], typed


# --- 6. the common first names (schemas/first_names.py) ---------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Ministarstvo zdravlja: 011 3612345 (kod Sanje)",
        "Ministarstvo zdravlja, petar, 011 3612345",
        "Ministarstvo zdravlja, petar: 011 3612345",
        "Ministarstvo zdravlja, MUP MILAN: 011 3612345",
        "Ministarstvo zdravlja, IOM SANJA: 011 3612345",
        "Ministarstvo zdravlja, ŽENE SA SANJOM: 011 3612345",
        "Ministarstvo zdravlja: 011 3612345 (Podrška od Tanje)",
        "Ministarstvo zdravlja, TIM PREDRAGA: 011 3612345",
        "Ministarstvo zdravlja, Slobodanka: 011 3612345",
        "Ministarstvo zdravlja: 011 3612345 (mirjana)",
    ],
)
def test_a_common_first_name_is_found(text: str) -> None:
    for typed in written(text):
        assert [kind for kind, _ in found(typed)] == ["phone"], typed


@pytest.mark.parametrize(
    "label",
    [  # words that are first names too (NAMES_THAT_ARE_WORDS) and labels near the names now known
        "SAVA CENTAR",
        "MINISTARSTVO RADA",
        "KUĆA NADE",
        "ZVEZDA NADE",
        "CENTAR ZORA",
        "UDRUŽENJE ZORA",
        "nada",
        "zora",
        "TAIEX RADIONICA",
        "NVO VERA",
        "IOM KAMPANJA",
        "TIM ZA PODRŠKU",
        "VLADA SRBIJE",
        "MUP ZA SAVA CENTAR",
    ],
)
def test_a_word_that_is_a_first_name_too_passes(label: str) -> None:
    for typed in as_label(label):
        assert found(typed) == [], typed


# --- 7. a place's name that is a name too, and its cases, as a ministry's number's label -----------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Ministarstvo zdravlja, Bor: 011 3612345",  # Bor is a first name and a surname too (NAMES_THAT_ARE_PLACES)
        "Ministarstvo zdravlja, Knića: 011 3612345",  # Knić's genitive, a surname's as well
        "Ministarstvo zdravlja: 011 3612345 (Knića)",
        "Ministarstvo zdravlja, Adom: 011 3612345",
    ],
)
def test_a_place_that_is_a_name_too_after_a_ministry_is_found(text: str) -> None:
    for typed in written(text):
        assert [kind for kind, _ in found(typed)] == ["phone"], typed


@pytest.mark.parametrize(
    "text",
    [
        "Ministarstvo unutrašnjih poslova, Policijska uprava Bor: 030 423123",
        "Centar za socijalni rad, Bor: 030 423123",
        "Centar za socijalni rad Bor: 030 423123",
        "Dom zdravlja Bor, 030 423123",
        "Policijska stanica Bor (dežurni): 030 423123",
        "Centar za socijalni rad: 030 423123 (Bor)",
        "Kontakt u Boru: Centar za socijalni rad, 030 423123",
        "Centar za socijalni rad, Knić: 034 123456",
        "Centar za socijalni rad u Kniću: 034 123456",
        "Opština Knić, Centar za socijalni rad: 034 123456",
        "Ministarstvo zdravlja, Ispostava u Kniću: 034 123456",
        "Centar za socijalni rad: 034 123456 (Kniću)",
        "Ministarstvo zdravlja, kancelarija u Adi: 024 123456",
        "Ministarstvo zdravlja, Sedište u Kuli: 025 123456",
    ],
)
def test_a_place_that_is_a_name_too_after_a_body_of_a_place_passes(text: str) -> None:
    for typed in written(text):
        assert found(typed) == [], typed


# --- 8. the first names' source (pd5r): a list whose licence Apache-2.0 may carry ------------------------------------


def test_the_first_names_source_and_licence_are_named() -> None:
    """The common first names come from a permissively licensed list, named with its licence where they are kept and in
    docs/security.md; none from a GFDL text (gender.c's nam_dict.txt was)."""
    from pathlib import Path

    from apmon.schemas import first_names

    security = (Path(__file__).parent.parent / "docs" / "security.md").read_text(encoding="utf-8")
    for text in (first_names.__doc__ or "", security):
        assert "@faker-js/faker" in text and "MIT" in text
        assert "nam_dict" not in text and "GNU Free Documentation" not in text


@pytest.mark.parametrize(
    "text",
    [  # names of the list that are words too, in their cases, where a known first name is taken for a person
        "Ministarstvo zdravlja: 011 3612345 (radnim danima)",
        "Ministarstvo zdravlja: 011 3612345 (u roku od 15 dana)",
        "Ministarstvo zdravlja, 15 dana: 011 3612345",
        "Ministarstvo zdravlja, CRVENI KRST: 011 3612345",
        "Ministarstvo zdravlja, IOM CRVENI KRST: 011 3612345",
        "Ministarstvo zdravlja, SARADNJA SA CRVENIM KRSTOM: 011 3612345",
        "Ministarstvo zdravlja: 011 3612345 (pomoć od Crvenog krsta)",
        "Ministarstvo zdravlja: 011 3612345 (oštećenje vida)",
        "Ministarstvo zdravlja, ZAŠTITA VIDA: 011 3612345",
        "Ministarstvo zdravlja: 011 3612345 (petkom)",
        "Ministarstvo zdravlja, dežurni petkom: 011 3612345",
        "Ministarstvo zdravlja: 011 3612345 (luka)",
        "Ministarstvo zdravlja, UPRAVA LUKE BEOGRAD: 011 3612345",
        "Ministarstvo zdravlja, TIM TARA: 011 3612345",
        "Ministarstvo zdravlja, IOM DANI: 011 3612345",
        "Ministarstvo zdravlja, MUP DRINA: 011 3612345",
        "Ministarstvo zdravlja: 011 3612345 (mirno)",
        "Ministarstvo zdravlja, IOM MINE: 011 3612345",
        # cases of words that are names' cases too ("obrade", of "Obrad"; "nevena", of "Neven")
        "Ministarstvo zdravlja: 011 3612345 (obrade)",
        "Ministarstvo zdravlja, MUP OBRADE: 011 3612345",
        "Ministarstvo zdravlja: 011 3612345 (nevena)",
        "Ministarstvo zdravlja, ŽENE SA NEVENOM: 011 3612345",
        "Nada, Ministarstvo zdravlja, 011 3612345",  # "Nađa", of the list, is "nada" unmarked
    ],
)
def test_a_word_that_is_a_new_first_name_too_passes(text: str) -> None:
    for typed in written(text):
        assert found(typed) == [], typed


@pytest.mark.parametrize(
    "text",
    [  # first names of the new list that are no words (and were on neither list before)
        "Ministarstvo zdravlja, MUP STRAHINJA: 011 3612345",
        "Ministarstvo zdravlja: 011 3612345 (kod Teodore)",
        "Ministarstvo zdravlja, IOM VUKAŠIN: 011 3612345",
        "Ministarstvo zdravlja, ŽENE SA TAMAROM: 011 3612345",
        "Ministarstvo zdravlja, filip: 011 3612345",
    ],
)
def test_a_first_name_of_the_new_list_is_found(text: str) -> None:
    for typed in written(text):
        assert [kind for kind, _ in found(typed)] == ["phone"], typed


@pytest.mark.parametrize(
    "text",
    [  # "Raška" is a case of "Raško", of the new list, and a municipality: a body of a place's seat, as on main
        "Centar za socijalni rad, Raška: 036 123456",
        "Centar za socijalni rad: 036 123456 (Raška)",
        "Centar za socijalni rad, Raški: 036 123456",
    ],
)
def test_a_place_that_is_a_first_names_case_after_a_body_of_a_place_passes(text: str) -> None:
    for typed in written(text):
        assert found(typed) == [], typed


def test_a_place_that_is_a_first_names_case_after_a_ministry_is_still_found() -> None:
    for typed in written("Ministarstvo zdravlja, Raška: 011 3612345"):
        assert [kind for kind, _ in found(typed)] == ["phone"], typed


# --- 9. "ženski" alone, no thing's noun after it, is a woman's label as on main (pd5r) --------------------------------


@pytest.mark.parametrize("label", ["ženski", "Ženski", "ŽENSKI", "ženski - Jelena"])
def test_womens_alone_is_still_found(label: str) -> None:
    for typed in as_label(label):
        assert [kind for kind, _ in found(typed)] == ["phone"], typed


# --- 10. no name of the list lost to a word's case (pd5r: "Gordan", proud, took "Gordana", of the demo's officers) ---


def officers_names() -> list[str]:
    from apmon.schemas.first_names import OFFICERS_FIRST_NAMES

    return [name for name in OFFICERS_FIRST_NAMES if name != "Maja"]  # "MAJA" is May's too


@pytest.mark.parametrize("name", officers_names())
def test_every_officers_first_name_beside_an_acronym_is_found(name: str) -> None:
    for typed in written(f"Ministarstvo zdravlja, MUP {name.upper()}: 011 3612345"):
        assert [kind for kind, _ in found(typed)] == ["phone"], typed


WORDS_IN_THEIR_CASES = {  # names of the list that are words, and the words' cases as an officer writes them
    "Dana": "dana dane danu danom dani danima",
    "Vida": "vida vidu vidom vidi vide",
    "Krsto": "krst krsta krstu krstom",
    "Luka": "luka luke luku lukom lukama",
    "Kosta": "kosti kostima",
    "Petko": "petkom petka petku",
    "Mina": "mina mine minu minom",
    "Nada": "nada nade nadu nadom",
    "Zora": "zora zore zoru zorom",
    "Vera": "vera vere veri veru verom",
    "Pero": "pero pera peru perom",
    "Mirna": "mirna mirno mirni",
    "Ruža": "ruža ruže ruži ružom",
    "Slava": "slava slave slavi slavu slavom",
    "Drina": "drina drine drini drinom",
}


@pytest.mark.parametrize("name", WORDS_IN_THEIR_CASES)
def test_a_names_word_in_every_case_passes_where_a_known_name_is_found(name: str) -> None:
    for word in WORDS_IN_THEIR_CASES[name].split():
        for text in (
            f"Ministarstvo zdravlja, MUP {word.upper()}: 011 3612345",  # "MUP MILAN" is found
            f"Ministarstvo zdravlja: 011 3612345 (kod {word})",  # "(kod Sanje)"
            f"Ministarstvo zdravlja, {word}: 011 3612345",  # "petar"
            f"Ministarstvo zdravlja, ŽENE SA {word.upper()}: 011 3612345",  # "ŽENE SA SANJOM"
        ):
            for typed in written(text):
                assert found(typed) == [], typed
