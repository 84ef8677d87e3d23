import re

import pydantic
import pytest

from apmon.schemas.personal_data import (
    PersonalDataHit,
    file_name_hits,
    find_personal_data,
    is_valid_jmbg,
    jmbg_check_digit,
    mask_all,
    mask_file_name,
)


def control_digit(first12: str) -> int:
    """The JMBG control digit written out as the rule states it, with digits a..l, independently of the module."""
    a, b, c, d, e, f, g, h, i, j, k, l = (int(x) for x in first12)  # noqa: E741
    m = 11 - ((7 * (a + g) + 6 * (b + h) + 5 * (c + i) + 4 * (d + j) + 3 * (e + k) + 2 * (f + l)) % 11)
    return 0 if m > 9 else m


# Constructed: DDMMYYY + region RR + serial BBB + control digit K.
VALID_JMBGS = [
    ("1505953710011", "born 15.05.1953, Belgrade (71), male"),
    ("2802952785016", "born 28.02.1952, Novi Sad area (78), female"),
    ("0703956790035", "born 07.03.1956, Niš area (79)"),
    ("0101005715505", "born 01.01.2005, female"),
    ("2902000890015", "born 29.02.2000: a leap day"),
    ("3107999800025", "born 31.07.1999"),
    ("0101010710120", "born 01.01.2010: weighted sum = 0 mod 11, control 11 written as 0"),
    ("1203987710090", "born 12.03.1987: weighted sum = 1 mod 11, control 10 written as 0"),
]


def digits(text: str) -> str:
    return re.sub(r"[^0-9]", "", text)


def the_hit(text: str) -> PersonalDataHit:
    hits = find_personal_data(text)
    assert len(hits) == 1, hits
    return hits[0]


# --- JMBG ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(("jmbg", "why"), VALID_JMBGS)
def test_constructed_jmbgs_satisfy_the_rule_as_written(jmbg: str, why: str) -> None:
    assert control_digit(jmbg[:12]) == int(jmbg[12]), why
    assert jmbg_check_digit(jmbg[:12]) == int(jmbg[12]), why
    assert is_valid_jmbg(jmbg), why


@pytest.mark.parametrize(("jmbg", "why"), VALID_JMBGS)
@pytest.mark.parametrize("template", ["{}", "JMBG: {}.", "ЈМБГ жртве {}, рођене", "(JMBG {})", "jmbg\t{}\n"])
def test_valid_jmbg_is_found_and_masked(jmbg: str, why: str, template: str) -> None:
    text = template.format(jmbg)
    hit = the_hit(text)
    assert hit.kind == "jmbg", why
    assert text[hit.start : hit.end] == jmbg
    assert hit.masked == jmbg[:2] + "•" * 9 + jmbg[-2:]
    assert jmbg not in hit.masked


@pytest.mark.parametrize(
    ("number", "why"),
    [
        ("0101990710006", "date and region plausible, control digit should be 8"),
        ("1505953710012", "a valid JMBG with its control digit changed"),
        ("1505953710001", "a valid JMBG with two digits swapped"),
        ("3102990710005", "control digit right, but 31 February"),
        ("0113990710006", "control digit right, but month 13"),
        ("0101500710005", "control digit right, but year 1500"),
        ("4012345678901", "a budget classification code"),
        ("1234567890123", "a counter"),
        ("0000000000000", "zeros"),
    ],
)
def test_thirteen_digits_that_are_not_a_jmbg_are_not_reported(number: str, why: str) -> None:
    assert find_personal_data(number) == [], why
    assert find_personal_data(f"Šifra {number} u budžetu") == [], why


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("15059537100110", "a valid JMBG as the head of 14 digits"),
        ("91505953710011", "a valid JMBG as the tail of 14 digits"),
        ("840-1505953710011-12", "the middle part of a bank account number"),
        ("1505953710011,50", "an amount with decimals"),
        ("1.1505953710011", "the tail of a dotted number"),
        ("ID1505953710011", "glued to a word"),
    ],
)
def test_jmbg_inside_a_longer_token_is_not_reported(text: str, why: str) -> None:
    assert find_personal_data(text) == [], why


# --- e-mail --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "email", "masked"),
    [
        ("ana.petrovic@gmail.com", "ana.petrovic@gmail.com", "a•••@g•••.com"),
        ("Kontakt: j.jovanovic@mup.gov.rs.", "j.jovanovic@mup.gov.rs", "j•••@m•••.rs"),
        ("пишите на marko_m+prijava@astra-ngo.org, хвала", "marko_m+prijava@astra-ngo.org", "m•••@a•••.org"),
        ("(Е-пошта: ivana1985@yahoo.co.uk)", "ivana1985@yahoo.co.uk", "i•••@y•••.uk"),
        ("жртва:ana@gmail.comи", "ana@gmail.com", "a•••@g•••.com"),
    ],
)
def test_email_is_found_and_masked(text: str, email: str, masked: str) -> None:
    hit = the_hit(text)
    assert hit.kind == "email"
    assert text[hit.start : hit.end] == email
    assert hit.masked == masked
    local, domain = email.split("@")
    assert local not in hit.masked
    assert domain not in hit.masked


@pytest.mark.parametrize("text", ["ana.petrovic@", "@gmail.com", "a@b", "user@localhost", "2018@2019"])
def test_incomplete_addresses_are_not_emails(text: str) -> None:
    assert find_personal_data(text) == []


# --- phone ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("phone", "masked"),
    [
        ("011 123 4567", "••• ••• ••67"),
        ("011/123-4567", "•••/•••-••67"),
        ("064/123-45-67", "•••/•••-••-67"),
        ("064 1234567", "••• •••••67"),
        ("0641234567", "••••••••67"),
        ("064.123.4567", "•••.•••.••67"),
        ("063 12 34 567", "••• •• •• •67"),
        ("011 / 323 45 67", "••• / ••• •• 67"),
        ("(011) 3234-567", "(•••) ••••-•67"),
        ("021 456789", "••• ••••89"),
        ("0230 421111", "•••• ••••11"),
        ("+381 64 1234567", "+381 •• •••••67"),
        ("+381641234567", "+381•••••••67"),
        ("+381-64-123-4567", "+381-••-•••-••67"),
        ("+381 (0)11 3234567", "+381 (•)•• •••••67"),
        ("+381 11 3234567", "+381 •• •••••67"),
        ("00381 64 1234567", "00381 •• •••••67"),
        ("064\u00a0123\u00a04567", "•••\u00a0•••\u00a0••67"),
    ],
)
@pytest.mark.parametrize("template", ["{}", "tel. {}", "Тел: {}, радним данима", "(mob. {})", "pozvati {}."])
def test_phone_is_found_and_masked(phone: str, masked: str, template: str) -> None:
    text = template.format(phone)
    hit = the_hit(text)
    assert hit.kind == "phone"
    assert text[hit.start : hit.end] == phone
    assert hit.masked == masked
    assert phone not in hit.masked


# --- what must not be flagged --------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # amounts
        "1.234.567,89",
        "79.300",
        "124.400 RSD",
        "1.234.567.890,00 dinara",
        "120 000 000",
        "0,5",
        # years, periods, dates, times
        "2017-2018",
        "2017–2018",
        "2018-03",
        "2018-01-31",
        "05.02.2018",
        "5.2.2018.",
        "03.02.2018.",
        "od 01.01.2018. do 31.12.2018.",
        "01.01.2018-31.12.2018",
        "06.2018",
        "03/2018",
        "08.00-16.00",
        # decree and reference numbers
        "05 No. 56-7296/2017",
        "Official Gazette of the RS, No. 99/16",
        "Službeni glasnik RS, br. 055/05 i 099/16",
        "Broj: 011-00-1234/2018-02",
        "br. 011/2018",
        # task ids, counts, percentages
        "1.2.3",
        "Task 3.1.12",
        "345",
        "12,5%",
        "100 %",
        # other identifiers with digits
        "160-0000000123456-78",
        "matični broj 07012345",
        "PIB 101234567",
        "063-064",
        "061/2018",
        # thirteen digits with a wrong control digit
        "0101990710006",
        "4012345678901",
        # sentences
        "Održano 12 obuka za 345 učesnika u 2018.",
        "Утрошено 79.300 динара",
        "Утрошено 1.234.567,89 динара у периоду 01.01.2018–31.03.2018.",
        "Identifikovano je 40 žrtava (28 žena, 12 muškaraca), od toga 9 dece; 75% su državljani RS.",
        "Идентификовано 40 жртава трговине људима у 2017. години, 12,5% више него у 2016.",
        "Realizovano po Akcionom planu 2017-2018, zadatak 1.2.3, rok 05.02.2018, iznos 124.400 RSD.",
        "Решење 05 бр. 56-7296/2017 од 5.2.2018. („Службени гласник РС”, бр. 99/16)",
    ],
)
def test_numbers_that_are_not_personal_data_are_not_flagged(text: str) -> None:
    assert find_personal_data(text) == []
    assert mask_all(text) == text


# --- masking -------------------------------------------------------------------------------------

LEAK_CASES = [
    *(jmbg for jmbg, _ in VALID_JMBGS),
    "011 123 4567",
    "064/123-45-67",
    "+381 64 1234567",
    "+381 (0)11 3234567",
    "00381 64 1234567",
    "0641234567",
]


@pytest.mark.parametrize("value", LEAK_CASES)
def test_masking_never_shows_more_than_four_digits(value: str) -> None:
    hit = the_hit(value)
    shown = digits(re.sub(r"^(\+|00)381", "", hit.masked))  # the country code identifies no one
    assert len(shown) <= 4
    assert shown == digits(value)[-len(shown) :] or shown == digits(value)[:2] + digits(value)[-2:]


def test_mask_all_replaces_every_hit_and_keeps_the_rest() -> None:
    text = "Kontakt: ana.petrovic@gmail.com, тел. 064/123-45-67, ЈМБГ 1505953710011; 79.300 динара, 2018-03."
    hits = find_personal_data(text)
    assert [h.kind for h in hits] == ["email", "phone", "jmbg"]
    assert [text[h.start : h.end] for h in hits] == ["ana.petrovic@gmail.com", "064/123-45-67", "1505953710011"]
    assert mask_all(text) == ("Kontakt: a•••@g•••.com, тел. •••/•••-••-67, ЈМБГ 15•••••••••11; 79.300 динара, 2018-03.")


def test_digits_inside_an_email_are_reported_once_as_an_email() -> None:
    text = "0641234567@mts.rs i 1505953710011@example.com"
    assert [(h.kind, h.masked) for h in find_personal_data(text)] == [
        ("email", "0•••@m•••.rs"),
        ("email", "1•••@e•••.com"),
    ]


def test_text_without_personal_data_is_returned_unchanged() -> None:
    assert mask_all("") == ""
    assert find_personal_data("") == []
    assert mask_all("Nema podataka.") == "Nema podataka."


def test_hit_is_frozen_and_checks_its_span() -> None:
    hit = PersonalDataHit(kind="phone", start=0, end=3, masked="•••")
    with pytest.raises(pydantic.ValidationError):
        hit.start = 1  # type: ignore[misc]
    with pytest.raises(pydantic.ValidationError):
        PersonalDataHit(kind="jmbg", start=3, end=3, masked="")
    with pytest.raises(pydantic.ValidationError):
        PersonalDataHit(kind="iban", start=0, end=3, masked="•••")


# --- JMBG in the spellings people use ------------------------------------------------------------

# Group sizes of the 13 digits, and the separator between groups.
GROUPINGS = [(7, 6), (6, 7), (3, 4, 6), (2, 2, 9), (4, 3, 6), (2, 5, 6)]
SEPARATORS = [" ", "-", ".", "/", "\u00a0"]


def spelled(jmbg: str, groups: tuple[int, ...], separator: str) -> str:
    parts, at = [], 0
    for size in groups:
        parts.append(jmbg[at : at + size])
        at += size
    return separator.join(parts)


SPELLINGS = [spelled(j, g, s) for j, _ in VALID_JMBGS for g in GROUPINGS for s in SEPARATORS]
SPELLINGS += ["0101990 710008", "0101990-710008", "010 1990 710008", "01.01.990.71000.8", "0101.990.710.008"]
SPELLINGS += ["15.05.953.710011", "15-05-953-71-001-1", "1505953/710/011"]


@pytest.mark.parametrize("text", SPELLINGS)
@pytest.mark.parametrize("template", ["{}", "JMBG: {}.", "ЈМБГ {}, рођена", "(jmbg {})", "Ana P. {} Beograd"])
def test_a_jmbg_is_found_in_every_common_spelling(text: str, template: str) -> None:
    written = template.format(text)
    hit = the_hit(written)
    assert hit.kind == "jmbg"
    assert written[hit.start : hit.end] == text
    assert hit.masked == digits(text)[:2] + "•" * 9 + digits(text)[-2:]


@pytest.mark.parametrize("groups", GROUPINGS)
@pytest.mark.parametrize("separator", SEPARATORS)
def test_thirteen_grouped_digits_that_are_no_jmbg_are_not_reported(groups: tuple[int, ...], separator: str) -> None:
    # Every 13-digit string with a wrong control digit or an impossible date, over a sweep of the 12 digits.
    for n in range(0, 10**12, 7_919_000_003):
        first12 = f"{n:012d}"
        for last in range(10):
            candidate = first12 + str(last)
            if is_valid_jmbg(candidate):
                continue
            hits = find_personal_data(spelled(candidate, groups, separator))
            assert [h for h in hits if h.kind == "jmbg"] == [], candidate  # (some groupings read as a phone)


@pytest.mark.parametrize(
    "text",
    [
        "1505953 7100110",  # 14 digits
        "1.505.953.710.011,00",  # an amount with decimals
        "1505953-710011-12",  # the head of an account number
        "840-1505953-710011",  # the tail of one
        "ID 1505953x710011",  # glued to a letter
        "1505953710011a",
        # (thirteen single digits that make a valid JMBG are one: tests/test_personal_data_rest.py)
        "15 05 95 37 10 01 1",  # (four or five groups of two digits or more are one: tests/test_personal_data_more.py)
        "1.505.953.710.011",  # an amount in thousands
        "1 505 953 710 011",
        "1505953, 710011",  # two numbers in a list
        "1505953 / 710011",
    ],
)
def test_numbers_near_a_jmbg_that_are_not_one(text: str) -> None:
    assert [h for h in find_personal_data(text) if h.kind == "jmbg"] == [], text


def test_dates_amounts_counts_and_ids_next_to_each_other_are_not_jmbgs() -> None:
    import datetime as dt

    day = dt.date(1990, 1, 1)
    texts = []
    while day <= dt.date(2019, 12, 31):  # every date of 30 years, as Serbian texts write them, next to a number
        for form in ("%d.%m.%Y", "%d.%m.%Y.", "%d. %m. %Y", "%d/%m/%Y", "%Y-%m-%d"):
            written = day.strftime(form)
            texts += [f"{written} 12345", f"1234 {written}", f"{written} 1"]
        day += dt.timedelta(days=1)
    texts += [
        f"{a}.{b:03d}.{c:03d} {d:03d}" for a in (1, 12, 79) for b in (0, 234, 999) for c in (0, 567) for d in (1, 300)
    ]
    texts += [f"{a} {b:03d} {c:03d} {d}" for a in (1, 79, 120) for b in (300, 0) for c in (0, 400) for d in (12, 2018)]
    texts += [f"{t} {n}" for t in ("1.2.3", "3.1.12", "2.1.2/6", "1.1.i1") for n in (345, 2018, 1234567, 12345678)]
    found = [t for t in texts if find_personal_data(t)]
    assert found == [], found[:10]


# --- what slipped through, and what was flagged wrongly (audit of December 2026) -------------------


@pytest.mark.parametrize(
    ("text", "kind", "found"),
    [
        ("Žrtva Marija Petrović, upućena u sigurnu kuću.", "name", "Marija Petrović"),
        ("жртва Марија Петровић из Ниша", "name", "Марија Петровић"),
        ("identifikovana je maloletna žrtva: Ana Jovanović", "name", "Ana Jovanović"),
        ("оштећена Јована Николић дала је изјаву", "name", "Јована Николић"),
        ("the victim Olena Kovalenko was referred", "name", "Olena Kovalenko"),
        # Initials with the age and the town identify a child in a small place as surely as the name (trial, Dec. 2026)
        ("Žrtva M.P. (15 god.) iz Niša smeštena u sklonište", "name", "M.P."),
        ("maloletna A. J. upućena u prihvatilište", "name", "A. J."),
        ("жртва М.П. из Ниша", "name", "М.П."),
        ("rođena 12.03.1995. u Nišu", "birth-date", "12.03.1995"),
        ("datum rođenja: 12.03.1995", "birth-date", "12.03.1995"),
        ("рођена 12.03.1995. године", "birth-date", "12.03.1995"),
        ("date of birth 1995-03-12", "birth-date", "1995-03-12"),
        ("pasoš br. 012345678", "document", "012345678"),
        ("broj pasoša: 009876543", "document", "009876543"),
        ("пасош бр. 012345678", "document", "012345678"),
        ("passport no. AB1234567", "document", "AB1234567"),
        ("lična karta br. 004567891", "document", "004567891"),
        ("pisala je na marija.petrović@gmail.com", "email", "marija.petrović@gmail.com"),
        ("tel. +381 (64) 123-4567", "phone", "+381 (64) 123-4567"),
    ],
)
def test_personal_data_that_slipped_through_is_found_and_masked(text: str, kind: str, found: str) -> None:
    hit = the_hit(text)
    assert (hit.kind, text[hit.start : hit.end]) == (kind, found)
    assert found not in mask_all(text)
    assert sum(c.isdigit() for c in hit.masked.removeprefix("+381")) <= 4


@pytest.mark.parametrize(
    "text",
    [
        # an institution's hotline or office, named as such
        "Centar za zaštitu žrtava, tel. 011/3345-678",
        "ASTRA SOS linija 011 785 0000",
        "SOS telefon 064 123 4567 radi 24 časa",
        "Центар за заштиту жртава трговине људима, тел. 011/3345-678",
        "hotline +381 11 3061 888",
        # an institution's mailbox
        "prijave na pisarnica@mup.gov.rs",
        "info@atina.org.rs",
        "kontakt: office@astra.rs",
        # victims counted, institutions and places named, laws cited, activities dated
        "Žrtve Republike Srbije u inostranstvu: 12",
        "žrtve trgovine ljudima upućene u Centar za socijalni rad Novi Sad",
        "Жртве трговине људима у Републици Србији",
        "žrtvama Crvenog krsta Srbije pružena pomoć",
        "žrtva Trgovine Ljudima",
        "čl. 388 KZ",
        "čl. 388. st. 1 KZ",
        "чл. 388 КЗ",
        "obuka održana 12.03.2018. u Beogradu",
        "rođendanska proslava 12.03.2018.",
        "pasoši izdati za 12 žrtava",
        "Zakon o putnim ispravama, čl. 12",
        "žrtve: 3 (M. 2, Ž. 1)",  # a count by sex, abbreviated
        # N.N. (nomen nescio): how an officer who leaves the name out writes a victim; no initials of anyone
        "Žrtva N.N. upućena je u sigurnu kuću.",
        "žrtva N. N. (maloletna) smeštena u prihvatilište",
        "оштећена Н.Н. је смештена у склониште",
        "victim N.N. was referred to the Centre",
    ],
)
def test_what_an_institution_writes_is_not_personal_data(text: str) -> None:
    assert find_personal_data(text) == []


@pytest.mark.parametrize(
    ("name", "masked"),
    [
        ("MUP_2018-04_1505953710011.xlsx", "MUP_2018-04_15•••••••••11.xlsx"),
        ("zrtva_Marija_Petrovic_2018-04.xlsx", "zrtva_M•••••_P•••••••_2018-04.xlsx"),
        ("MUP_2018-04_sr-Latn.xlsx", "MUP_2018-04_sr-Latn.xlsx"),
        ("Izvestaj MUP mart 2018 (2).xlsx", "Izvestaj MUP mart 2018 (2).xlsx"),
    ],
)
def test_personal_data_in_a_file_name_is_found_between_underscores_and_masked(name: str, masked: str) -> None:
    assert mask_file_name(name) == masked
    assert bool(file_name_hits(name)) == (name != masked)


@pytest.mark.parametrize(
    "text",
    [
        "Žrtva JMBG 0101990710006 smeštena.",  # the control digit mistyped (a real one ends in 8)
        "jmbg 0101990 710006",
        "Žrtva (JMBG 0101990-710006) upućena",
        "ЈМБГ: 0101990710006",
        "matični broj 0101990710006",
        "матични број 1505953710019",
        "JMBG broj 0101990710006",
        "JMBG-a 0101990710006",
        "Žrtvin JMBG je 0101990710006.",
    ],
)
def test_thirteen_digits_named_a_jmbg_are_found_whatever_their_control_digit(text: str) -> None:
    """A JMBG mistyped in one digit is still a person's number when the text says it is one."""
    assert [h.kind for h in find_personal_data(text)] == ["jmbg"]
    assert "710006" not in mask_all(text) and "710019" not in mask_all(text)


@pytest.mark.parametrize(
    "text",
    [
        "JMBG: 0101990710006, 0202985715003",  # both control digits mistyped
        "JMBG-ovi: 0101990710006; 0202985715003",
        "matični brojevi 0101990710006 i 0202985715003",
        "ЈМБГ 0101990710006 и 0202985715003",
        "JMBG 0101990710006 and 0202985715003",
        "JMBG: 0101990710006, 0202985 715003.",
    ],
)
def test_every_number_of_a_list_named_jmbgs_is_found(text: str) -> None:
    """Only the first number after the word was found: the others of the list, mistyped, were kept."""
    assert [h.kind for h in find_personal_data(text)] == ["jmbg", "jmbg"]
    assert "710006" not in mask_all(text) and "715003" not in mask_all(text)


@pytest.mark.parametrize(
    "text",
    ["JMBG nije upisan, predmet 1234567", "JMBG 12345", "JMBG: 01019907100061", "jmbg i broj 2018"],
)
def test_a_jmbg_named_but_not_written_is_not_reported(text: str) -> None:
    assert find_personal_data(text) == []


@pytest.mark.parametrize(
    "values",
    [
        ("žrtva", "Marija Petrović"),
        ("JMBG", "1234567890123"),
        ("rođena", "12.03.1995"),
        ("pasoš br.", "A1234567"),
        ("064", "123 4567"),
        ("0101990", "710008"),
    ],
)
def test_no_search_reaches_across_the_separator_of_many_values(values: tuple[str, str]) -> None:
    """A copy of cells (a chart's, a PivotTable's) is searched as one text of its values joined by NUL: each value is
    searched as its own cell is, none with the one next to it."""
    from apmon.schemas.grid import VALUES_SEPARATOR

    assert find_personal_data(" ".join(values)) != []  # together in one cell, they are personal data
    assert find_personal_data(VALUES_SEPARATOR.join(values)) == []
