"""Numbers typed as text, read as a person meant them or refused as ambiguous: never read another way."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal

import pytest

from apmon.schemas import values
from apmon.schemas.messages import issue, message
from tests.test_personal_data_complexity import EXCEL_CELL, growth


@pytest.mark.parametrize(
    ("typed", "read", "problem"),
    [
        ("1.500,00", Decimal("1500.00"), None),
        ("1,500.00", Decimal("1500.00"), None),
        ("1 500", Decimal("1500.00"), None),
        ("1.234.567,5", Decimal("1234567.50"), None),
        ("1.5", Decimal("1.50"), None),
        ("1,5", Decimal("1.50"), None),
        ("0,5", Decimal("0.50"), None),
        ("1,500", None, "amount-ambiguous"),
        # A first group of 0 is no group of thousands: "0.500" was read as 500, a thousand times what was meant.
        ("0.500", None, "amount-ambiguous"),
        ("0,500", None, "amount-ambiguous"),
        ("00.500", None, "amount-ambiguous"),
        ("0.500.000", None, "amount-not-a-number"),
    ],
)
def test_an_amount_typed_as_text(typed: str, read: Decimal | None, problem: str | None) -> None:
    found = values.amount(typed)
    assert (found.value, found.problem) == (read, problem)


@pytest.mark.parametrize(
    ("typed", "read", "problem"),
    [
        ("1.234", 1234, None),
        ("1,234", 1234, None),
        ("12", 12, None),
        ("0.500", None, "count-not-whole"),  # it was 500
        ("0,500", None, "count-not-whole"),
        ("1.5", None, "count-not-whole"),
        ("999.999.999.999.999", 999_999_999_999_999, None),  # Excel's 15 exact digits
        ("1.000.000.000.000.000", None, "count-too-large"),
        ("-1000000000000000", None, "count-too-large"),
        ("9" * 5000, None, "count-too-large"),  # accepted, its report could not be written as JSON: the sync failed
    ],
)
def test_a_count_typed_as_text(typed: str, read: int | None, problem: str | None) -> None:
    found = values.count(typed)
    assert (found.value, found.problem) == (read, problem)


@pytest.mark.parametrize("read", [values.count, values.amount, values.date, values.text], ids=lambda f: f.__name__)
@pytest.mark.parametrize("unit", ["9", "1.", "1,", "1 ", "din."])
def test_a_cell_of_32767_characters_is_read_in_linear_time(read: Callable[[str], object], unit: str) -> None:
    """A count of 32,767 digits (a cell's most) was turned into an int, which takes the square of its length."""
    assert growth(read, lambda n: (unit * n)[:n], EXCEL_CELL // 4) < 8


@pytest.mark.parametrize("read", [values.count, values.amount], ids=lambda f: f.__name__)
def test_a_number_of_a_million_digits_is_too_large_not_an_error(read: Callable[[str], values.CellReading]) -> None:
    # A crafted file's shared string or a client's payload is not held to Excel's 32,767 characters; abs() of such a
    # Decimal overflowed the decimal context and the file's parse failed.
    assert read("9" * 1_100_000).problem == f"{read.__name__}-too-large"
    assert read("-" + "9" * 1_100_000).problem == f"{read.__name__}-too-large"


def test_codes_in_a_message_are_in_the_readers_words() -> None:
    """The status and whether a task or an activity is meant were quoted as codes: „completed“, "Za task 1.3.1"."""
    from apmon.schemas.messages import issue, message

    progress = issue("missing-progress", "Zadaci", "F4", None, task="1.2.1", status="in-progress")
    assert message(progress, "sr-Latn").endswith("(stanje je „u toku“).")
    assert message(progress, "sr-Cyrl").endswith("(стање је „у току“).")
    assert message(progress, "en").endswith("(its status is 'in progress').")
    assessment = issue("missing-assessment", "Aktivnosti", "C5", None, what="activity", id="1.3")
    assert message(assessment, "sr-Latn") == "Za aktivnost 1.3 izaberite ocenu realizacije sa liste."
    assert message(assessment, "sr-Cyrl").startswith("За активност 1.3 ")
    task = issue("missing-assessment", "Zadaci", "J5", None, what="task", id="1.3.1")
    assert message(task, "sr-Latn").startswith("Za zadatak 1.3.1 ") and message(task, "en").startswith(
        "Choose an assessment for task 1.3.1"
    )


@pytest.mark.parametrize("typed", ["12,5,", "1,", "5.000,"])
def test_a_trailing_comma_without_a_dash_is_no_amount(typed: str) -> None:
    """Only "5.000,-" (a dash for no para) loses its ending: "12,5," may be 12,50 or 12.500 cut short, and was read
    as 12,50 without a word."""
    assert values.amount(typed).problem == "amount-not-a-number"


@pytest.mark.parametrize("typed", ["5.000,-", "5.000,- din.", "1.250,--"])
def test_a_dash_for_no_para_is_still_read(typed: str) -> None:
    assert values.amount(typed).value in (Decimal(5000), Decimal(1250))


@pytest.mark.parametrize(
    ("stored", "read", "problem"),
    [
        (12.345, None, "amount-number-ambiguous"),  # 12,345 typed: 12345 or 12,345; rounded it was 12.35
        (0.125, None, "amount-number-ambiguous"),
        (1234.5678, None, "amount-number-too-many-decimals"),
        (Decimal("12.345"), None, "amount-number-ambiguous"),
        (Decimal("12.3400"), Decimal("12.34"), None),  # trailing zeros are no decimals
        (12.34, Decimal("12.34"), None),
        (0.1 + 0.2, Decimal("0.30"), None),  # 0.30000000000000004: a binary float's noise, no third decimal
        (1234.56 - 2e-13, Decimal("1234.56"), None),  # 1234.5599999999997
        (3000.1 + 0.2, Decimal("3000.30"), None),
        (79300, Decimal("79300.00"), None),
        (1e20, None, "amount-too-large"),
    ],
    ids=repr,
)
def test_an_amount_the_cell_holds_as_a_number(stored: float | Decimal, read: Decimal | None, problem: str) -> None:
    found = values.amount(stored)
    assert (found.value, found.problem) == (read, problem)


@pytest.mark.parametrize(
    ("stored", "read", "problem"),
    [(4.35 * 100, 435, None), (12.5, None, "count-not-whole"), (12.000001, None, "count-not-whole"), (7.0, 7, None)],
    ids=repr,
)
def test_a_count_the_cell_holds_as_a_number(stored: float, read: int | None, problem: str | None) -> None:
    """A count is whole or refused, and a float's noise (4,35 * 100 is 434.99999999999994) is no fraction, as for an
    amount's third decimal."""
    found = values.count(stored)
    assert (found.value, found.problem) == (read, problem)


@pytest.mark.parametrize(
    ("held", "as_amount", "as_count"),
    [
        (None, None, None),
        (" ", None, None),
        ("#div/0! ", "excel-error", "excel-error"),
        (dt.date(2018, 10, 1), "number-is-a-date", "number-is-a-date"),  # "1.10" made a date by the spreadsheet
        (dt.time(1, 10), "number-is-a-date", "number-is-a-date"),
        (dt.timedelta(hours=1), "number-is-a-date", "number-is-a-date"),
        # A date cell's text, as Google Sheets gives it (dateTimeRenderOption FORMATTED_STRING)
        ("15.3.2026", "number-is-a-date", "number-is-a-date"),
        ("15. 03. 2026.", "number-is-a-date", "number-is-a-date"),
        ("15.3.", "number-is-a-date", "number-is-a-date"),
        ("2026-03-15", "number-is-a-date", "number-is-a-date"),
        ("3/15/2026", "number-is-a-date", "number-is-a-date"),
        ("1.23.", "amount-not-a-number", "count-not-whole"),  # no month 23: no date either
        (True, "amount-not-a-number", "count-not-whole"),
        (" =SUM(B4:B6)", "formula-not-calculated", "formula-not-calculated"),
        ("\u200b=2*3", "formula-not-calculated", "formula-not-calculated"),  # a zero-width space pasted before it
    ],
    ids=repr,
)
def test_an_amount_and_a_count_refuse_what_is_no_number_alike(held: object, as_amount: str, as_count: str) -> None:
    """Both read blanks, Excel's errors, dates (a date cell's, or its text as Google gives it), truth values and typed
    formulas the same way, each with its own word for a truth value."""
    amount, count = values.amount(held), values.count(held)
    assert (amount.value, amount.problem, count.value, count.problem) == (None, as_amount, None, as_count)


@pytest.mark.parametrize(
    "typed",
    [
        "\u202e0051",  # a right-to-left override: Excel, Google Sheets and the add-in show 1500, which was read as 51
        "\u202e000.005",  # shows 500.000, was read as 5 (Serbian thousands the other way round)
        "1\u202e0002",  # shows 12000, was read as 10002
        "\u2067\u202e0051\u2069",  # inside an isolate
        "\u202b0051\u202c",  # an embedding, which hides the order of what follows as well
    ],
    ids=ascii,
)
def test_a_number_typed_with_characters_that_turn_its_direction_is_refused(typed: str) -> None:
    """The characters that turn a text's direction (U+202A-U+202E, U+2066-U+2069) are invisible, and the digits after
    an override show in the other order: the officer, and whoever checked the report, saw 1500 where the master
    counted 51. They were dropped as invisible before the number was read. Now such a number is refused."""
    assert values.amount(typed).problem == "number-direction-controls"
    assert values.count(typed).problem == "number-direction-controls"


@pytest.mark.parametrize("typed", ["\u200e1.500", "1.500\u200f", "\u200b1500"], ids=ascii)
def test_a_number_with_a_direction_mark_or_a_zero_width_space_is_read(typed: str) -> None:
    """A left-to-right or right-to-left mark and a zero-width space, which text pasted from Word or a web page
    carries, lean no digit away from its place: the number is read as it shows."""
    assert values.amount(typed).value == Decimal("1500.00")
    assert values.count(typed).value == 1500


@pytest.mark.parametrize(
    ("typed", "number"),
    [
        ("\u202a1 234\u202c", 1234),  # Outlook, Teams and Windows wrap a number copied from them so
        ("\u202d1500\u202c", 1500),  # a left-to-right override shows the digits as they are read
        ("\u20661 234 567\u2069", 1234567),  # a left-to-right isolate
    ],
    ids=ascii,
)
def test_a_number_wrapped_in_left_to_right_controls_is_read(typed: str, number: int) -> None:
    """The left-to-right embedding, override and isolate keep the digits in the order they are read, whatever is
    around them: a number pasted wrapped in them (U+202A ... U+202C, as Outlook and Teams copy one) shows as typed.
    It was refused as turning its direction."""
    assert values.amount(typed).value == Decimal(number)
    assert values.count(typed).value == number


@pytest.mark.parametrize("typed", ["\u200f100 000 900", "\u061c100 000 900", "\u200f1 234,50"], ids=ascii)
def test_a_right_to_left_mark_before_digits_in_groups_is_refused(typed: str) -> None:
    """A right-to-left mark makes the cell's text right to left, and groups of digits with spaces between them then
    show last group first: U+200F then "100 000 900" shows 900 000 100, which was read as 100000900 (the mark dropped
    as invisible). One group of digits (U+200F 1.500) shows as typed and is read."""
    assert values.amount(typed).problem == "number-direction-controls"
    assert values.count(typed).problem == "number-direction-controls"


@pytest.mark.parametrize("typed", ["-", "—", "–", "−", "/"])
def test_a_dash_for_nothing_spent_is_refused_with_what_to_type(typed: str) -> None:
    """Serbian tables write a dash where nothing was spent. It stays refused (a dash may also mean "not known"), but
    the message says to type 0 for nothing, in every language."""
    assert values.amount(typed).problem == "amount-not-a-number"
    refused = issue("amount-not-a-number", "Budžet", "I5", typed)
    assert "(0 ako ništa nije utrošeno)" in message(refused, "sr-Latn")
    assert "(0 ако ништа није утрошено)" in message(refused, "sr-Cyrl")
    assert "(0 if nothing was spent)" in message(refused, "en")


# Report dates as Serbian officers write them on the cover, in Latin and Cyrillic: a month by its number, its name
# (nominative or genitive) or a Roman numeral, the day always first, "godine" / "god." / "g." after the year or not.
@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("05.04.2018", dt.date(2018, 4, 5)),
        ("05.04.2018.", dt.date(2018, 4, 5)),
        ("05.04.2018. godine", dt.date(2018, 4, 5)),
        ("5.4.2018. god.", dt.date(2018, 4, 5)),
        ("5. 4. 2018. g.", dt.date(2018, 4, 5)),
        ("5. april 2018.", dt.date(2018, 4, 5)),
        ("5. aprila 2018. godine", dt.date(2018, 4, 5)),
        ("5. Aprila 2018 god.", dt.date(2018, 4, 5)),
        ("5. априла 2018.", dt.date(2018, 4, 5)),
        ("5. април 2018. године", dt.date(2018, 4, 5)),
        ("05. априла 2018. г.", dt.date(2018, 4, 5)),
        ("1. januar 2018.", dt.date(2018, 1, 1)),
        ("1. januara 2018.", dt.date(2018, 1, 1)),
        ("28. februara 2018.", dt.date(2018, 2, 28)),
        ("15. marta 2018.", dt.date(2018, 3, 15)),
        ("3. maja 2018.", dt.date(2018, 5, 3)),
        ("30. juna 2018.", dt.date(2018, 6, 30)),
        ("31. jula 2018.", dt.date(2018, 7, 31)),
        ("31. avgusta 2018.", dt.date(2018, 8, 31)),
        ("10. septembra 2018.", dt.date(2018, 9, 10)),
        ("10. oktobar 2018.", dt.date(2018, 10, 10)),
        ("6. новембра 2018.", dt.date(2018, 11, 6)),
        ("6. децембар 2018. године", dt.date(2018, 12, 6)),
        ("5. IV 2018.", dt.date(2018, 4, 5)),
        ("5. IV. 2018.", dt.date(2018, 4, 5)),
        ("5.IV.2018.", dt.date(2018, 4, 5)),
        ("5. iv 2018. godine", dt.date(2018, 4, 5)),
        ("9. XII 2018.", dt.date(2018, 12, 9)),
        ("9. XI 2018.", dt.date(2018, 11, 9)),
        ("2. IX 2018.", dt.date(2018, 9, 2)),
        ("5. aprila\u00a02018.", dt.date(2018, 4, 5)),  # a no-break space, as Word puts between day and month
        ("  5.  aprila   2018.  ", dt.date(2018, 4, 5)),
    ],
)
def test_serbian_report_dates_are_read(typed: str, read: dt.date) -> None:
    assert values.date(typed) == values.CellReading(value=read)


# Short month names as Serbian officers abbreviate them, with or without the full stop, in either script: jan., feb.,
# mar., apr., maj, jun., jul., avg., sep. or sept., okt., nov., dec.; the day always first.
@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("5. apr. 2018.", dt.date(2018, 4, 5)),
        ("5. avg. 2018. god.", dt.date(2018, 8, 5)),
        ("05. sept. 2018", dt.date(2018, 9, 5)),
        ("5. dec. 2018.", dt.date(2018, 12, 5)),
        ("5. апр. 2018.", dt.date(2018, 4, 5)),
        ("5. септ. 2018.", dt.date(2018, 9, 5)),
        ("1. jan. 2018.", dt.date(2018, 1, 1)),
        ("28. feb. 2018. godine", dt.date(2018, 2, 28)),
        ("15. mar. 2018.", dt.date(2018, 3, 15)),
        ("3. maj 2018.", dt.date(2018, 5, 3)),
        ("30. jun. 2018.", dt.date(2018, 6, 30)),
        ("31. jul. 2018.", dt.date(2018, 7, 31)),
        ("10. sep. 2018.", dt.date(2018, 9, 10)),
        ("10. Okt. 2018.", dt.date(2018, 10, 10)),
        ("6. NOV. 2018.", dt.date(2018, 11, 6)),
        ("6.dec.2018.", dt.date(2018, 12, 6)),
        ("1. јан. 2018. г.", dt.date(2018, 1, 1)),
        ("28. феб. 2018.", dt.date(2018, 2, 28)),
        ("15. мар. 2018.", dt.date(2018, 3, 15)),
        ("31. авг. 2018. год.", dt.date(2018, 8, 31)),
        ("10. сеп. 2018.", dt.date(2018, 9, 10)),
        ("10. окт. 2018.", dt.date(2018, 10, 10)),
        ("6. нов. 2018.", dt.date(2018, 11, 6)),
        ("6. дец. 2018.", dt.date(2018, 12, 6)),
    ],
)
def test_serbian_report_dates_with_short_month_names_are_read(typed: str, read: dt.date) -> None:
    assert values.date(typed) == values.CellReading(value=read)


@pytest.mark.parametrize(
    "typed",
    [
        "5. ju. 2018.",  # jun or jul
        "5. ma. 2018.",  # mart or maj
        "5. a. 2018.",  # april or avgust
        "5. aug. 2018.",  # not a Serbian abbreviation
        "5. oct. 2018.",
        "5. septem. 2018.",
        "31. sept. 2018.",  # no such day
        "5. apr.",  # no year
        "apr. 5, 2018",  # month first
    ],
)
def test_ambiguous_or_unknown_short_month_names_are_refused(typed: str) -> None:
    assert values.date(typed).problem == "date-invalid"


@pytest.mark.parametrize(
    "typed",
    [
        "31. februara 2018.",  # no such day
        "31. IV 2018.",
        "5. aprilb 2018.",  # no such month
        "5. IIII 2018.",  # no Roman numeral of a month
        "5. XIII 2018.",
        "5. 13. 2018.",
        "5. april",  # no year
        "april 2018.",  # no day
        "5 april 2018",  # the day without its full stop: "5 april" may be a count, not a date
        "april 5, 2018",  # English order: not a Serbian date, and 5. april is not to be guessed
        "5. april 18.",  # a two-digit year
        "05.04.18",
        "5. aprila 2018. godine godine",
        "2018. godine",
        "5. aprila 2018. u Beogradu",
        "5. јануара 2018. ili 6.",
    ],
)
def test_unreadable_report_dates_are_refused(typed: str) -> None:
    assert values.date(typed).problem == "date-invalid"


@pytest.mark.parametrize(
    ("typed", "read", "problem"),
    [
        # Day and month both 12 or less and not the same: 4 May, or 5 April as in the United States. Refused.
        ("04/05/2018", None, "date-ambiguous"),
        ("4/5/2018", None, "date-ambiguous"),
        ("12/01/2018", None, "date-ambiguous"),
        # Only one reading: a day over 12, or the day and month the same.
        ("25/04/2018", dt.date(2018, 4, 25), None),
        ("05/05/2018", dt.date(2018, 5, 5), None),
        ("04/25/2018", None, "date-invalid"),  # month first: no Serbian date
        # Dots or a month by name: the day first, as Serbian is written.
        ("04.05.2018", dt.date(2018, 5, 4), None),
        ("2018-04-05", dt.date(2018, 4, 5), None),
    ],
)
def test_a_date_that_reads_two_ways_is_refused(typed: str, read: dt.date | None, problem: str | None) -> None:
    assert values.date(typed) == values.CellReading(value=read, problem=problem)
    if problem:
        words = message(issue(problem, "Naslovna", "B12", typed), "sr-Latn")
        assert typed in words and "05.04.2018" in words


@pytest.mark.parametrize(
    ("typed", "currency"),
    [
        ("5.000 RSD.", "RSD"),
        ("5.000 rsd.", "RSD"),
        ("5.000 РСД.", "RSD"),
        ("5.000 din.", "RSD"),
        ("5.000 dinara.", "RSD"),
        ("5.000 EUR.", "EUR"),
        ("5.000 evra.", "EUR"),
        ("5.000 евра.", "EUR"),
        ("RSD. 5.000", "RSD"),
    ],
)
def test_a_full_stop_after_the_currency_is_read(typed: str, currency: str) -> None:
    """A currency ends a sentence as officers type it: "5.000 RSD." was refused while "5.000 din." was read."""
    found = values.amount(typed)
    assert (found.value, found.problem, found.currency) == (Decimal(5000), None, currency)


@pytest.mark.parametrize("typed", ["5.000 RSD..", "5.000 din..", "5.000 €.."])
def test_more_than_one_full_stop_after_the_currency_is_no_amount(typed: str) -> None:
    assert values.amount(typed).problem == "amount-not-a-number"


@pytest.mark.parametrize(
    ("typed", "reversed_shown"),
    [
        ("100 000 900", True),  # shown 900 000 100
        ("100\u2009000\u2009900", True),  # a thin space separates as a space does
        ("100'000'900", True),
        ("1 234,50", True),  # shown 234,50 1
        ("100\u00a0000 900", True),  # one space among no-break ones: shown 900 100 000
        ("100\u00a0\u00a0000", True),  # two no-break spaces are no single separator: shown 000 100
        ("100\u00a0000\u00a0900", False),  # a single no-break space joins the groups: one number, as typed
        ("100\u202f000\u202f900", False),
        ("79.300", False),
        (100000900, False),
    ],
)
def test_which_numbers_show_their_groups_reversed_right_to_left(typed: object, reversed_shown: bool) -> None:
    """As the Unicode bidirectional algorithm orders them in a right-to-left paragraph (each case as fribidi shows
    it): groups split by spaces show last first; a single no-break space between groups joins them (rule W4)."""
    assert values.shown_reversed_right_to_left(typed) is reversed_shown


# The English template's cover: the date as English is written, the day first (5 April 2018, 5 Apr 2018, as apmon
# writes English dates), the month's full name or its first three letters in any case; the Serbian forms read too.
@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("5 April 2018", dt.date(2018, 4, 5)),
        ("5 Apr 2018", dt.date(2018, 4, 5)),
        ("05 april 2018", dt.date(2018, 4, 5)),
        ("5 APR. 2018", dt.date(2018, 4, 5)),
        ("1 Jan 2018", dt.date(2018, 1, 1)),
        ("28 February 2018", dt.date(2018, 2, 28)),
        ("3 May 2018", dt.date(2018, 5, 3)),
        ("30 Sept 2018", dt.date(2018, 9, 30)),
        ("31 Dec 2018", dt.date(2018, 12, 31)),
        ("5\u00a0April  2018", dt.date(2018, 4, 5)),
        ("05.04.2018", dt.date(2018, 4, 5)),
        ("5. aprila 2018.", dt.date(2018, 4, 5)),
    ],
)
def test_english_report_dates_are_read_in_the_english_template(typed: str, read: dt.date) -> None:
    assert values.date(typed, english=True) == values.CellReading(value=read)


@pytest.mark.parametrize("typed", ["5 April 2018", "5 Apr 2018", "5 april 2018"])
def test_english_forms_stay_refused_in_a_serbian_template(typed: str) -> None:
    assert values.date(typed).problem == "date-invalid"


@pytest.mark.parametrize(
    "typed",
    [
        "31 April 2018",
        "5 Aprl 2018",
        "5 Ap 2018",
        "5 April",
        "April 5, 2018",
        "5 April 18",
        "5 Maj 2018",
        "5th April 2018",
    ],
)
def test_english_dates_that_are_no_date_are_refused(typed: str) -> None:
    assert values.date(typed, english=True).problem == "date-invalid"


# A date as the date-invalid message shows one: 05.04.2018(.), 5. april 2018., 5 April 2018, 5. април 2018.
_DATE_SHOWN = r"\d{2}\.\d{2}\.\d{4}\.?|\d{1,2}\.? [^\W\d_]+ \d{4}\.?"


@pytest.mark.parametrize("lang", ["sr-Latn", "sr-Cyrl", "en"])
@pytest.mark.parametrize("english_template", [False, True])
def test_every_date_the_date_invalid_message_shows_is_read_in_every_template(lang: str, english_template: bool) -> None:
    """The message is in the reader's language, not the template's (an English master's Issues sheet lists the
    Serbian templates' problems, `apmon validate --lang en`): a form it tells the officer to type must be read
    wherever the officer types it, or the fix is refused again."""
    import re

    said = message(issue("date-invalid", "Naslovna", "C5", "5 Aprl 2018"), lang)  # type: ignore[arg-type]
    shown = re.findall(_DATE_SHOWN, said.replace("5 Aprl 2018", ""))
    assert shown, said  # the check has teeth: the message shows a form
    # A form that ends the sentence may take its full stop along: read with it or without it.
    read = {
        form: values.date(form, english=english_template).value
        or values.date(form.removesuffix("."), english=english_template).value
        for form in shown
    }
    assert read == dict.fromkeys(shown, dt.date(2018, 4, 5)), said


@pytest.mark.parametrize(
    ("typed", "amount", "count"),
    [
        ("\u2212500", Decimal("-500.00"), "count-negative"),
        ("\u22121.234,50", Decimal("-1234.50"), "count-not-whole"),
        ("\u2212 79.300 din.", Decimal("-79300.00"), "count-not-whole"),
        ("\u22123", Decimal("-3.00"), "count-negative"),
    ],
    ids=ascii,
)
def test_a_minus_sign_pasted_from_word_or_a_web_page_is_a_minus(typed: str, amount: Decimal, count: str) -> None:
    """Word, PDF reports and web pages write a negative figure with the minus sign U+2212 ("−500"), which an officer
    pastes into the Google template's text cell. It was refused as no number, with the advice "the minus goes before
    the number: -79300", which it was; a count of "−3" was told it must be whole. It is read as the minus it is."""
    assert (values.amount(typed).value, values.amount(typed).problem) == (amount, None)
    assert values.count(typed).problem == count
    assert values.amount(typed.replace("\u2212", "-")).value == amount  # as the same figure typed with a hyphen


@pytest.mark.parametrize("typed", ["1.234,50\u2212", "5\u22123", "\u2212\u2212500"], ids=ascii)
def test_a_minus_sign_anywhere_but_before_the_number_is_still_refused(typed: str) -> None:
    assert values.amount(typed).problem == "amount-not-a-number"
