"""Property tests of CORRECTNESS for the cell readers every figure the Coordinator signs depends on
(schemas.values: amount, count, date), each against an oracle written here, never the code under test.

- A number written the way an officer writes it (Serbian or English, grouped or not, spaces as group separators,
  signs, currency marks), as text or as a number cell, reads back as that number, or is refused where the rules say
  it reads two ways.
- Any text of digits, separators and signs is either refused or read as the one amount it can mean: the oracle
  reads it by the Serbian and the English grammar of numbers and keeps the readings an amount can have (two
  decimals at most); a text with two such readings, or none, must be refused.
- A date written in every form the rules list reads back as that date; a day that does not exist is refused.

The runs are bounded and derandomized (the same examples every run); examples hypothesis once found stay as
@example.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import openpyxl
import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from apmon.schemas import values
from apmon.templates.read_xlsx import read_xlsx

BOUNDED = settings(
    max_examples=200, deadline=None, derandomize=True, database=None, suppress_health_check=[HealthCheck.too_slow]
)

SPACES = (" ", "\u00a0", "\u202f", "\u2009")  # a space, a no-break space, a narrow no-break space, a thin space
LIMIT = 10**15  # amounts and counts from a quadrillion on are refused (docs/validation-rules.md)


# --- writing numbers as officers do (the test's own writer) -------------------------------------------------------


def grouped(whole: int, separator: str) -> str:
    """1234567 -> 1<sep>234<sep>567."""
    digits = str(whole)
    head = len(digits) % 3 or 3
    return separator.join([digits[:head]] + [digits[i : i + 3] for i in range(head, len(digits), 3)])


def written(number: Decimal, decimals: int, style: str) -> str:
    """`number` (not negative) with `decimals` decimals, in one style: sr-dots "1.234.567,89", sr-plain
    "1234567,89", sr-spaces "1 234 567,89", en-commas "1,234,567.89", en-plain "1234567.89", en-spaces
    "1 234 567.89"."""
    whole = int(number)
    fraction = f"{number:.{decimals}f}".split(".")[1] if decimals else ""
    language, grouping = style.split("-")
    point = "," if language == "sr" else "."
    if grouping == "plain":
        head = str(whole)
    elif grouping == "dots":
        head = grouped(whole, ".")
    elif grouping == "commas":
        head = grouped(whole, ",")
    else:
        head = grouped(whole, grouping)
    return head + (point + fraction if fraction else "")


STYLES = ["sr-dots", "sr-plain", "en-commas", "en-plain"] + [
    f"{lang}-{space}" for lang in ("sr", "en") for space in SPACES
]


@st.composite
def amounts(draw: st.DrawFn) -> tuple[Decimal, int]:
    """An amount of up to two decimals below the limit, and how many decimals it is written with (2 at least as
    many as it has: 1.234,50)."""
    decimals = draw(st.sampled_from([0, 1, 2]))
    units = draw(st.integers(min_value=0, max_value=LIMIT * 10**decimals - 1))
    number = Decimal(units).scaleb(-decimals)
    return number, draw(st.sampled_from(sorted({decimals, 2})))


def refused_as_ambiguous(text: str) -> bool:
    """The rules' one refusal of a well-formed amount: a single comma before three digits and nothing else
    ("1,234": 1234 in English, 1,234 in Serbian)."""
    return re.fullmatch(r"\d{1,3},\d{3}", text) is not None


@BOUNDED
@given(
    amounts(),
    st.sampled_from(STYLES),
    st.sampled_from(["", "-", "()"]),
    st.sampled_from(["", " RSD", " din.", " RSD.", " EUR", " evra.", "€ "]),
)
def test_an_amount_as_written_reads_back_as_that_amount(
    drawn: tuple[Decimal, int], style: str, sign: str, mark: str
) -> None:
    number, decimals = drawn
    text = written(number, decimals, style)
    ambiguous = refused_as_ambiguous(text)
    text = mark + text if mark.endswith(" ") else text + mark
    if sign == "-":
        text = "-" + text
    elif sign == "()":
        text = f"({text})"
    reading = values.amount(text)
    if ambiguous:
        assert reading.problem == "amount-ambiguous", text
        return
    assert reading.problem is None, text
    assert reading.value == (-number if sign else number), text
    currencies = {"": None, " RSD": "RSD", " din.": "RSD", " RSD.": "RSD", " EUR": "EUR", " evra.": "EUR", "€ ": "EUR"}
    assert reading.currency == currencies[mark], text


def significant_digits(number: Decimal) -> int:
    return len(number.normalize().as_tuple().digits)


@BOUNDED
@given(amounts(), st.booleans())
def test_an_amount_held_as_a_number_reads_back_as_that_amount(drawn: tuple[Decimal, int], negative: bool) -> None:
    """A number cell (a float, as the readers give one) of up to 15 significant digits, as Excel keeps them."""
    number = drawn[0]
    if significant_digits(number) > 15:
        number = Decimal(int(number))  # beyond Excel's digits a cell holds no para: tested for whole amounts
    held = -float(number) if negative else float(number)
    reading = values.amount(held)
    assert reading.problem is None, held
    assert reading.value == (-number if negative else number), held
    assert values.amount(int(number)).value == Decimal(int(number))


@BOUNDED
@given(st.integers(min_value=1, max_value=10**12), st.integers(min_value=3, max_value=6))
def test_an_amount_held_as_a_number_with_more_decimals_is_refused_not_rounded(units: int, decimals: int) -> None:
    """12,345 kept by the spreadsheet as the number 12.345 may have meant 12345: refused, never read as 12,35."""
    number = Decimal(units).scaleb(-decimals)
    # not one with fewer decimals than drawn (12.340), nor one of more digits than a cell keeps
    assume(number != number.quantize(Decimal(10) ** -(decimals - 1)) and significant_digits(number) <= 15)
    reading = values.amount(float(number))
    assert reading.value is None, number
    assert reading.problem == ("amount-number-ambiguous" if decimals == 3 else "amount-number-too-many-decimals")


# --- the oracle: what a text of digits, separators and signs can mean ------------------------------------------

_GAP = "[ \u00a0\u202f\u2009']+"  # group separators of spaces (and the apostrophe, which the rules take too)


def _whole(text: str, separator: str) -> int | None:
    """The whole part, plain digits or grouped in threes by `separator` (a regex) or a gap of spaces."""
    if re.fullmatch(r"\d+", text):
        return int(text)
    for between in (separator, _GAP):
        if re.fullmatch(rf"[1-9]\d{{0,2}}(?:{between}\d{{3}})+", text):
            return int(re.sub(r"\D", "", text))
    return None


def _between_digits(text: str, gap: re.Match[str]) -> bool:
    return gap.start() > 0 and gap.end() < len(text) and (text[gap.start() - 1] + text[gap.end()]).isdigit()


def readings(text: str, most_decimals: int | None) -> set[Decimal]:
    """Every number `text` can mean, read the Serbian way (dot or space groups, decimal comma) and the English way
    (comma or space groups, decimal point), with at most `most_decimals` decimals written (None: any number, as a
    count's "12,0"). A sign is a leading minus or parentheses around the number; spaces next to a sign or a
    separator are nothing; ",-" after a whole number is no para."""
    body = text.strip(" \u00a0\u202f\u2009")
    negative = False
    if body.startswith("(") and body.endswith(")"):
        negative, body = True, body[1:-1]
    elif body.startswith("-"):
        negative, body = True, body[1:]
    body = re.sub(_GAP, lambda gap: gap[0] if _between_digits(body, gap) else "", body)
    no_para = re.search(r",-+$", body)  # "5.000,-": dinars with no para, as Serbian offices write them
    body = body[: no_para.start()] if no_para else body
    found: set[Decimal] = set()
    for group, point in ((r"\.", ","), (",", r"\.")):
        match = re.fullmatch(rf"(?P<whole>[^,.]*(?:{group}[^,.]+)*?)(?:{point}(?P<fraction>\d*))?", body)
        if match is None:
            continue
        fraction = match["fraction"] or ""
        whole = 0 if match["whole"] == "" and fraction else _whole(match["whole"], group)  # ".5": no 0 written
        if whole is None or (most_decimals is not None and len(fraction) > most_decimals) or (no_para and fraction):
            continue
        if match["fraction"] is not None and not fraction and most_decimals is not None:
            continue  # "5," is no amount (a count's "5." is 5: an ordinal's full stop)
        number = Decimal(f"{whole}.{fraction or 0}")
        found.add(-number if negative else number)
    return found


NUMBERISH = st.text(alphabet="0123456789.,- ()\u00a0", min_size=1, max_size=12)


@st.composite
def damaged_amounts(draw: st.DrawFn) -> str:
    """A well-written amount with one character added, removed or replaced by a separator, a sign or a space."""
    number, decimals = draw(amounts())
    text = written(number, decimals, draw(st.sampled_from(STYLES)))
    at = draw(st.integers(min_value=0, max_value=len(text)))
    change = draw(st.sampled_from(["insert", "delete", "replace"]))
    ch = draw(st.sampled_from(list(".,- ()") + list(SPACES)))
    if change == "insert":
        return text[:at] + ch + text[at:]
    if change == "delete":
        return text[:at] + text[at + 1 :]
    return text[:at] + ch + text[at + 1 :]


@BOUNDED
@given(st.one_of(NUMBERISH, damaged_amounts()))
@example("1.234,50-")  # SAP's trailing minus: was read as +1234.50
@example("5-")  # was read as 5
@example("(5")  # half a pair of parentheses: was read as 5
@example("12 5")  # a space between digits that is no group of three: was read as 125
@example("1,5 2")  # was read as 1.52
@example("100 200,5 0")  # was read as 100200.50
@example("\u00a00 500")  # a first group of thousands never starts with 0 (as "0.500"): was read as 500
@example("1000 000")  # a first group of four digits: was read as a million
def test_a_text_is_read_as_the_one_amount_it_can_mean_or_refused(text: str) -> None:
    reading = values.amount(text)
    if reading.problem is None and reading.value is not None:
        assert readings(text, most_decimals=2) == {reading.value}, text


@BOUNDED
@given(st.one_of(NUMBERISH, damaged_amounts()))
@example("12 5")  # was read as 125
@example("1 000 00")  # was read as 100000
@example("0 0")  # was read as 0 (found by hypothesis)
def test_a_text_is_read_as_the_one_count_it_can_mean_or_refused(text: str) -> None:
    """A count is a whole number; a decimal part of three digits is a group of thousands ("1.000" is 1000, never
    one), as the rules say."""
    reading = values.count(text)
    if reading.value is not None:
        meant = {n for n in readings(text, most_decimals=None) if n == int(n)}
        meant -= {n for n in meant if re.search(r"\d[.,]\d{3}$", text.strip()) and n * 1000 in meant}
        assert meant == {reading.value}, text


@BOUNDED
@given(st.integers(min_value=0, max_value=LIMIT - 1), st.sampled_from(["plain", "dots", "commas", *SPACES]))
def test_a_count_as_written_reads_back_as_that_count(number: int, grouping: str) -> None:
    text = str(number) if grouping == "plain" else grouped(number, {"dots": ".", "commas": ","}.get(grouping, grouping))
    assert values.count(text) == values.CellReading(value=number), text
    assert values.count(float(number)) == values.CellReading(value=number)
    assert values.count(number) == values.CellReading(value=number)


@BOUNDED
@given(st.integers(min_value=1, max_value=LIMIT - 1), st.sampled_from(["plain", "dots", "commas"]))
def test_a_negative_count_is_refused_with_its_value(number: int, grouping: str) -> None:
    text = "-" + (str(number) if grouping == "plain" else grouped(number, {"dots": ".", "commas": ","}[grouping]))
    assert values.count(text) == values.CellReading(value=-number, problem="count-negative"), text


@settings(max_examples=10, deadline=None, derandomize=True, database=None)
@given(st.lists(st.tuples(amounts(), st.sampled_from(STYLES)), min_size=1, max_size=40))
def test_amounts_typed_into_a_workbook_read_back(
    tmp_path_factory: pytest.TempPathFactory, typed: list[tuple[tuple[Decimal, int], str]]
) -> None:
    """Through a real xlsx: each amount typed as text and stored as a number, read by the project's reader."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row, ((number, decimals), style) in enumerate(typed, 1):
        sheet.cell(row, 1, written(number, decimals, style))
        if significant_digits(number) <= 15:
            sheet.cell(row, 2, float(number))
    path = tmp_path_factory.mktemp("amounts") / "amounts.xlsx"
    book.save(path)
    grid = read_xlsx(path)
    rows = grid.sheets[sheet.title]
    for row, ((number, decimals), style) in enumerate(typed):
        text = written(number, decimals, style)
        reading = values.amount(rows[row][0])
        assert reading.problem == ("amount-ambiguous" if refused_as_ambiguous(text) else None), text
        assert reading.value in (None, number)
        if significant_digits(number) <= 15:
            assert values.amount(rows[row][1]).value == number


# --- dates ---------------------------------------------------------------------------------------------------

# fmt: off
MONTHS_LATIN = [
    "januar", "februar", "mart", "april", "maj", "jun",
    "jul", "avgust", "septembar", "oktobar", "novembar", "decembar",
]
MONTHS_LATIN_GENITIVE = [
    "januara", "februara", "marta", "aprila", "maja", "juna",
    "jula", "avgusta", "septembra", "oktobra", "novembra", "decembra",
]
MONTHS_CYRILLIC = [
    "јануар", "фебруар", "март", "април", "мај", "јун",
    "јул", "август", "септембар", "октобар", "новембар", "децембар",
]
MONTHS_CYRILLIC_GENITIVE = [
    "јануара", "фебруара", "марта", "априла", "маја", "јуна",
    "јула", "августа", "септембра", "октобра", "новембра", "децембра",
]
# fmt: on
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]
YEAR_WORDS = ["", " godine", " god.", " g.", " године", " год.", " г."]


@st.composite
def written_dates(draw: st.DrawFn, day: int, month: int, year: int) -> str:
    """A date (which may not exist) in one of the forms the rules list."""
    form = draw(st.sampled_from(["dots", "latin", "latin-genitive", "cyrillic", "cyrillic-genitive", "roman", "iso"]))
    if form == "iso":
        return f"{year:04d}-{month:02d}-{day:02d}"
    padded = draw(st.booleans())
    d = f"{day:02d}" if padded else str(day)
    m = f"{month:02d}" if padded else str(month)
    end = draw(st.sampled_from([".", ""]))
    words = draw(st.sampled_from(YEAR_WORDS))
    gap = draw(st.sampled_from(["", " ", "\u00a0"]))  # after a full stop: none, a space or a no-break space
    if form == "dots":
        return f"{d}.{gap}{m}.{gap}{year}{end}{words}"
    names = {
        "latin": MONTHS_LATIN, "latin-genitive": MONTHS_LATIN_GENITIVE, "cyrillic": MONTHS_CYRILLIC,
        "cyrillic-genitive": MONTHS_CYRILLIC_GENITIVE, "roman": ROMAN,
    }[form]  # fmt: skip
    name = names[month - 1]
    name = draw(st.sampled_from([name, name.lower(), name.capitalize(), name.upper()]))
    after_name = draw(st.sampled_from([" ", ". ", "."])) if form == "roman" else draw(st.sampled_from([" ", "\u00a0"]))
    return f"{day}.{gap}{name}{after_name}{year}{end}{words}"


@st.composite
def dates_written(draw: st.DrawFn) -> tuple[dt.date, str]:
    day = draw(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)))
    return day, draw(written_dates(day.day, day.month, day.year))


@BOUNDED
@given(dates_written())
def test_a_date_as_written_reads_back_as_that_date(drawn: tuple[dt.date, str]) -> None:
    day, text = drawn
    assert values.date(text) == values.CellReading(value=day), text
    assert values.date(f" {text} ") == values.CellReading(value=day), text


def exists(year: int, month: int, day: int) -> bool:
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    days_in = [31, 29 if leap else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    return 1 <= month <= 12 and 1 <= day <= days_in[month - 1]


@st.composite
def impossible_dates(draw: st.DrawFn) -> str:
    year = draw(st.integers(min_value=1900, max_value=2100))
    month = draw(st.integers(min_value=1, max_value=12))
    day = draw(st.sampled_from([d for d in (0, 29, 30, 31, 32) if not exists(year, month, d)]))
    if day == 0 or not draw(st.booleans()):
        return draw(written_dates(day, month, year))
    # a month that does not exist, by number (a name or numeral cannot be written for it)
    bad_month = draw(st.sampled_from([0, 13, 19, 31]))
    return draw(st.sampled_from([f"{day}.{bad_month}.{year}.", f"{year:04d}-{bad_month:02d}-{day:02d}"]))


@BOUNDED
@given(impossible_dates())
@example("29.02.2100.")  # 2100 is no leap year
@example("5. XIII 2018.")
def test_a_date_that_does_not_exist_is_refused(text: str) -> None:
    assert values.date(text) == values.CellReading(problem="date-invalid"), text


@BOUNDED
@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)), st.booleans())
def test_a_slashed_date_is_read_only_when_it_reads_one_way(day: dt.date, padded: bool) -> None:
    text = f"{day.day:02d}/{day.month:02d}/{day.year}" if padded else f"{day.day}/{day.month}/{day.year}"
    if day.day <= 12 and day.day != day.month:  # also a month: the 4th of May or the 5th of April
        assert values.date(text) == values.CellReading(problem="date-ambiguous"), text
    else:
        assert values.date(text) == values.CellReading(value=day), text


@BOUNDED
@given(st.dates(min_value=dt.date(1900, 3, 1), max_value=dt.date(9999, 12, 31)), st.booleans())
def test_a_date_held_as_a_date_serial_reads_back(day: dt.date, as_float: bool) -> None:
    """Excel's serial number: days since 30 December 1899 (from March 1900, after Excel's 29 February 1900)."""
    serial = (day - dt.date(1899, 12, 30)).days
    assert values.date(float(serial) + 0.25 if as_float else serial) == values.CellReading(value=day)
    assert values.date(dt.datetime.combine(day, dt.time(13, 30))) == values.CellReading(value=day)
