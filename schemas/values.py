"""Reading cell values the same way whichever backend produced them.

openpyxl and python-calamine give numbers, dates and strings; Google's
values API gives formatted strings; xlwings gives floats and datetimes.
Staff type amounts as text in Serbian form ("1.234.567,89", "79.300",
"1 234,5 RSD") or English form ("1,234.50"). Every function here returns a
value or a problem code, and never raises on cell content.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from pydantic import BaseModel, ConfigDict

from apmon.schemas.text import cyrillic_to_latin

EXCEL_ERRORS = (
    "#REF!", "#VALUE!", "#DIV/0!", "#N/A", "#NAME?", "#NUM!", "#NULL!", "#SPILL!", "#CALC!", "#GETTING_DATA",
    "#FIELD!", "#BLOCKED!", "#CONNECT!", "#BUSY!", "#UNKNOWN!", "#PYTHON!",
)  # fmt: skip
EXCEL_EPOCH = dt.date(1899, 12, 30)

_SPACES = re.compile(r"[\s\u00a0\u202f\u2009']+")  # spaces, no-break and thin spaces, apostrophes as group separators
# Digits with spaces between them are groups of thousands only as 1 234 567 is written: a first group of 1-3 digits
# that does not start with 0, then groups of three. "12 5", "1,5 2", "0 500" or "1000 000" is no number (a slip, or
# two numbers in one cell), never 125, 1,52, 500 or a million.
_SPACED_DIGITS = re.compile(r"(?<!\d)\d++(?:" + _SPACES.pattern + r"\d++)+")  # possessive: linear in a long cell
_THOUSANDS_SPACED = re.compile(r"[1-9]\d{0,2}(?:" + _SPACES.pattern + r"\d{3})+")
# Currency marks in both scripts: "din.", "дин.", "RSD", "РСД", "EUR", "ЕУР", "evra", "евра", "€". One full stop
# may follow any of them: "din." is short for dinars, and "5.000 RSD." ends a sentence as officers type it.
_RSD = r"rsd|рсд|din|дин|dinara|динара"
_EUR = r"eur|еур|euro?a?|evr[oa]|евр[оа]|€"
_CURRENCY = re.compile(rf"(?i)^(?:(?P<pre>{_RSD}|{_EUR})\.?)?(?P<num>.*?)(?:(?P<post>{_RSD}|{_EUR})\.?)?$")
# A first group of thousands never starts with 0: "0.500" is no 500.
_NO_PARA = re.compile(r",-+$")  # "5.000,-": a dash for no para, as Serbian invoices and offices write dinars
_SR_THOUSANDS = re.compile(r"^[1-9]\d{0,2}(\.\d{3})+(,\d{1,2})?$")  # 1.234.567,89
_SR_PLAIN = re.compile(r"^\d+(,\d{1,2})?$")  # 1234567,89
_EN_THOUSANDS = re.compile(r"^[1-9]\d{0,2}(,\d{3})+(\.\d{1,2})?$")  # 1,234,567.89
_EN_PLAIN = re.compile(r"^\d+\.\d{1,2}$")  # 1234.5 (a single point and 1-2 decimals)
# A number of either form but for its decimals, three or more: 1.234,567, 1,234.567, 12,3456.
_MANY_DECIMALS = re.compile(r"(\d+|[1-9]\d{0,2}(\.\d{3})+),\d{3,}|(\d+|[1-9]\d{0,2}(,\d{3})+)\.\d{3,}")
_DATE_FORMS = ("%d.%m.%Y", "%d.%m.%Y.", "%Y-%m-%d", "%d. %m. %Y", "%d. %m. %Y.")
# A date cell's text, as Google Sheets gives it to the sync (dateTimeRenderOption FORMATTED_STRING): "15.3" typed into
# an amount cell of a template handed out before its input cells were text is the date 15.3.2026 there. Serbian
# d.m.yyyy (the year may be left out, the closing dot not), ISO yyyy-mm-dd, American m/d/yyyy.
_SHOWN_DATE = re.compile(
    r"(?P<day>\d{1,2})\.(?P<month>\d{1,2})\.(?:\d{2}|\d{4})?\.?|\d{4}-(?P<iso_month>\d{1,2})-(?P<iso_day>\d{1,2})"
    r"|(?P<first>\d{1,2})/(?P<second>\d{1,2})/(?:\d{2}|\d{4})"
)
# 04/05/2018: the 4th of May as in Serbia and Britain, or the 5th of April as in the United States.
_SLASHED_DATE = re.compile(r"^(?P<day>\d{1,2})/(?P<month>\d{1,2})/(?P<year>\d{4})$")
# A month as Serbian officers write it in a date, in Latin (Cyrillic is transliterated first): its name in the
# nominative or genitive ("april", "aprila"), its usual short name ("apr.", "sept."), or a Roman numeral ("IV").
_MONTH_NAMES = (
    "januar", "februar", "mart", "april", "maj", "jun", "jul", "avgust", "septembar", "oktobar", "novembar", "decembar",
)  # fmt: skip
_GENITIVE = ("januara", "februara", "marta", "aprila", "maja", "juna", "jula", "avgusta", "septembra", "oktobra",
             "novembra", "decembra")  # fmt: skip
# Only the usual Serbian ones: a shorter cut ("ju." June or July, "ma." March or May) or an English one ("aug.",
# "oct.") is refused, never guessed.
_SHORT = ("jan", "feb", "mar", "apr", "maj", "jun", "jul", "avg", "sep", "okt", "nov", "dec")
_ROMAN = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii")
_MONTHS = {word: n for names in (_MONTH_NAMES, _GENITIVE, _SHORT, _ROMAN) for n, word in enumerate(names, 1)}
_MONTHS["sept"] = 9
# "5. aprila 2018. godine", "05.04.2018. god.", "5. IV 2018. г.", "5. avg. 2018.": the day first with its full stop,
# the month by number, name, short name or Roman numeral, a four-digit year, then "godine" / "god." / "g." (year) or
# nothing.
_SERBIAN_DATE = re.compile(
    r"^(?P<day>\d{1,2})\.\s*(?:(?P<number>\d{1,2})\.|(?P<word>[a-z]+)\.?)\s*(?P<year>\d{4})\.?"
    r"(?:\s*(?:godine|god\.?|g\.))?$"
)
# "5 April 2018", "5 Apr 2018" (as apmon writes English dates, schemas/dates.py): read in the English template only,
# where the month's English name, full or its first three letters ("Sept" too), is meant; a Serbian template refuses
# "5 april 2018" (the day without its full stop may be a count, not a date).
_ENGLISH_MONTH_NAMES = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
                        "october", "november", "december")  # fmt: skip
_ENGLISH_MONTHS = {name: n for n, full in enumerate(_ENGLISH_MONTH_NAMES, 1) for name in (full, full[:3])}
_ENGLISH_MONTHS["sept"] = 9
_ENGLISH_DATE = re.compile(r"^(?P<day>\d{1,2})\s+(?P<word>[a-z]+)\.?\s+(?P<year>\d{4})$")
# Amounts and counts from 10**15 on are refused. Excel keeps 15 significant digits, so no amount typed into a cell is
# exact from there on: far above any budget line, or any number of people or events. A cell holds 32,767 digits (a
# crafted file or payload more), and turning so many into an int takes the square of their number; an int of over
# 4,300 digits cannot be written as JSON at all.
MAX_DIGITS = 15


def _too_large(number: Decimal) -> bool:
    """Whether |number| >= 10**MAX_DIGITS, told from its exponent: abs() rounds to the decimal context, which a number
    of a million digits overflows."""
    return number != 0 and number.adjusted() >= MAX_DIGITS


class CellReading(BaseModel):
    """A cell read as some kind of value: the value, or the code of what is wrong with it."""

    model_config = ConfigDict(frozen=True)

    value: Any = None
    problem: str | None = None  # a catalogue code
    currency: str | None = None  # a currency written next to an amount ("RSD", "EUR")
    params: tuple[tuple[str, str], ...] = ()  # the problem's message fields beyond the value


BLANK = CellReading()  # what a blank cell reads as, whatever kind of value it holds (frozen: shared)


def is_blank(raw: Any) -> bool:
    return raw is None or (isinstance(raw, str) and raw.strip() == "")


def excel_error(raw: Any) -> str | None:
    if isinstance(raw, str) and raw.strip().upper() in EXCEL_ERRORS:
        return raw.strip().upper()
    return None


def _visible(written: str) -> str:
    """Without invisible format characters (a zero-width space, soft hyphen, byte order mark or direction mark), which
    text pasted from Word, a PDF or a web page carries into a cell."""
    return "".join(ch for ch in written if unicodedata.category(ch) != "Cf")


def text(raw: Any) -> str | None:
    """Free text, trimmed; numbers and dates as they would read in a cell; None when blank."""
    if is_blank(raw):
        return None
    if isinstance(raw, bool):
        return "TRUE" if raw else "FALSE"
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    if isinstance(raw, dt.datetime):
        return raw.date().isoformat() if raw.time() == dt.time() else raw.isoformat(sep=" ")
    if isinstance(raw, dt.date):
        return raw.isoformat()
    return str(raw).strip()


def day_fraction(raw: dt.time) -> float:
    """The number a time of day stands for in a spreadsheet (a fraction of a day: 12:00 is 0.5): what python-calamine
    reads a number below 1 in a date's format as (to the millisecond), and so what was typed into a date's cell."""
    seconds = raw.hour * 3600 + raw.minute * 60 + raw.second + raw.microsecond / 1_000_000
    return round(seconds / 86400, 8)  # calamine keeps milliseconds: more digits would be its rounding, not typed


def as_shown(raw: Any) -> str | None:
    """A cell's value for a message that quotes it: a time as 13:30; a date kept as ISO (2018-10-01, with its time
    2018-10-01 13:30:00), which the message says in the reader's form (schemas.messages.DATE_FIELDS); the rest as
    text() reads it."""
    if isinstance(raw, dt.time):
        return f"{raw:%H:%M}"
    return text(raw)


# The parts of a time's number format (Excel's and LibreOffice's, in any case): a text in quotes or escaped, an
# elapsed time ([h], [mm]), another bracket (a colour, a locale: [$-409]), AM/PM or A/P, hours, minutes, seconds
# with their decimals, a space as wide as a character or a fill (_x, *x), any other character
_TIME_PART = re.compile(r'"[^"]*"?|\\.|\[(?:h+|m+|s+)\]|\[[^\]]*\]?|am/pm|a/p|h+|m+|s+(?:\.0+)?|[_*].|.', re.IGNORECASE)


def time_shown(raw: dt.time | dt.timedelta, code: str) -> str:
    """A time of day (a duration, as python-calamine reads a number in an elapsed time's format: [h]:mm) as the
    number format `code` shows it, as Excel does: 12:00 PM in h:mm AM/PM, 12:00:00 in h:mm:ss, 9:05 in h:mm and
    09:05 in hh:mm. Seconds shown are rounded to the decimals shown; where none are, the minutes are as they stand
    (12:00:30 shows 12:00)."""
    parts = _TIME_PART.findall(code.split(";")[0])
    seconds = raw.total_seconds() if isinstance(raw, dt.timedelta) else day_fraction(raw) * 86400
    places = [len(part.partition(".")[2]) for part in parts if part[0] in "sS"]
    seconds = round(seconds, max(places)) if places else round(seconds, 3) // 60 * 60
    twelve = any(part.lower() in ("am/pm", "a/p") for part in parts)
    shown = []
    for part in parts:
        low = part.lower()
        if low[0] in "hms":  # within the unit above it (minutes of the hour), hours of the day
            digits, _, decimals = low.partition(".")
            value = seconds % _WITHIN[low[0]] / _UNIT[low[0]]
            whole = int(value) % 12 or 12 if low[0] == "h" and twelve else int(value)
            fraction = f"{value % 1:.{len(decimals)}f}"[1:] if decimals else ""  # "0.5" -> ".5"
            shown.append(f"{whole:0{min(len(digits), 2)}d}{fraction}")
        elif low[:2] in ("[h", "[m", "[s"):  # elapsed: all of them
            shown.append(f"{int(seconds // _UNIT[low[1]]):0{len(low) - 2}d}")
        elif low in ("am/pm", "a/p"):
            word = ("PM" if seconds % 86400 >= 43200 else "AM")[: 2 if low == "am/pm" else 1]
            shown.append(word if part[0].isupper() else word.lower())
        elif part[0] == '"':
            shown.append(part.strip('"'))
        elif part[0] in "\\_":  # an escaped character; a space as wide as one
            shown.append(part[1] if part[0] == "\\" else " ")
        elif part[0] not in "[*@":  # a colour or a locale, a fill, a text's place: nothing shown
            shown.append(part)
    return "".join(shown)


_UNIT = {"h": 3600, "m": 60, "s": 1}
_WITHIN = {"h": 86400, "m": 3600, "s": 60}


# What can show a number's digits in another order than they are read: a right-to-left embedding, override or
# isolate, or a first-strong one (U+202E then "0051" shows 1500); and a right-to-left mark (U+200F, Arabic's U+061C),
# which makes the text right to left, before digits in groups ("100 000 900" shows 900 000 100). The left-to-right
# controls (U+202A, U+202D, U+2066, and U+202C, U+2069 that end them; Outlook and Teams wrap a copied number in them)
# and mark keep the digits as they are read.
_RIGHT_TO_LEFT_CONTROLS = re.compile("[\u202b\u202e\u2067\u2068]")
_RIGHT_TO_LEFT_MARKS = re.compile("[\u200f\u061c]")


def _shown_in_another_order(written: str, visible: str) -> bool:
    """Whether a number's text `written` (`visible`: without its invisible characters) shows its digits in another
    order than they are read (_RIGHT_TO_LEFT_CONTROLS)."""
    if written.isprintable():
        return False
    if _RIGHT_TO_LEFT_CONTROLS.search(written):
        return True
    return _RIGHT_TO_LEFT_MARKS.search(written) is not None and _SPACED_DIGITS.search(visible) is not None


# What stands between two groups of digits (_SPACES), and the one such separator that keeps them one number in a
# right-to-left text: a single no-break space (U+00A0, U+202F) is a common separator in the Unicode bidirectional
# algorithm, which joins the numbers on its sides (rule W4); a space, a thin space or an apostrophe does not.
_GROUP_SEPARATOR = re.compile(r"(?<=\d)" + _SPACES.pattern + r"(?=\d)")
_JOINING_SEPARATORS = ("\u00a0", "\u202f")


def shown_reversed_right_to_left(raw: Any) -> bool:
    """Whether a number typed as text shows its digits in another order in a cell that reads right to left (Excel's
    Format Cells > Alignment > Text direction: Right-to-Left): groups of digits with spaces between them show last
    group first, as after a right-to-left mark (_RIGHT_TO_LEFT_MARKS), unless each space is one no-break space
    (_JOINING_SEPARATORS). A number the cell holds as one is shown by its format, as typed."""
    if not isinstance(raw, str):
        return False
    return any(found[0] not in _JOINING_SEPARATORS for found in _GROUP_SEPARATOR.finditer(_visible(raw)))


def _held_number(raw: Any, not_a_number: str) -> CellReading | Decimal | str:
    """What an amount or a count cell holds, after the checks both open with: the reading of a blank, an Excel
    error, a date, a truth value (`not_a_number`), a text with characters that turn its direction (its digits do not
    show in the order they are read) or a formula typed into a text cell; else the number the cell holds, or the
    text typed without its spaces."""
    if is_blank(raw):
        return BLANK
    if excel_error(raw):
        return CellReading(problem="excel-error")
    if isinstance(raw, dt.date | dt.time | dt.timedelta):  # typed into a cell that is no longer text: "1.10"
        return CellReading(problem="number-is-a-date")
    if isinstance(raw, bool):
        return CellReading(problem=not_a_number)
    if isinstance(raw, int | float | Decimal):
        return _decimal(raw)
    visible = _visible(str(raw))
    if _shown_in_another_order(str(raw), visible):  # "\u202e0051" shows 1500: read without the override, it was 51
        return CellReading(problem="number-direction-controls")
    if any(not _THOUSANDS_SPACED.fullmatch(digits) for digits in _SPACED_DIGITS.findall(visible)):
        return visible.strip()  # kept with its spaces: read as no number
    # The minus sign U+2212 of Word, PDF reports and web pages is the minus: read where a hyphen would be
    written = _SPACES.sub("", visible).replace("\u2212", "-")
    if written.startswith("="):  # typed into a text cell, a formula stays as typed
        return CellReading(problem="formula-not-calculated")
    if _shown_as_date(written):  # no number reads so: said as a date cell of an xlsx file is
        return CellReading(problem="number-is-a-date")
    return written


def _shown_as_date(written: str) -> bool:
    """Whether a text is a date as a spreadsheet shows a date cell (_SHOWN_DATE), with a day and month that are."""
    found = _SHOWN_DATE.fullmatch(written)
    if found is None:
        return False
    if found["first"]:  # 3/15/2026 or 15/3/2026: a day and a month either way round
        first, second = int(found["first"]), int(found["second"])
        return 1 <= min(first, second) <= 12 and max(first, second) <= 31
    day, month = (found["day"], found["month"]) if found["day"] else (found["iso_day"], found["iso_month"])
    return 1 <= int(day) <= 31 and 1 <= int(month) <= 12


def amount(raw: Any) -> CellReading:
    """A money amount: a number, or text in Serbian or unambiguous English form."""
    held = _held_number(raw, "amount-not-a-number")
    if isinstance(held, CellReading):
        return held
    if isinstance(held, Decimal):
        return _stored_amount(held)
    written = _NO_PARA.sub("", held)  # before the signs are stripped: its dash
    # A minus before the number, or parentheses around it; any other sign is refused with the number: a trailing
    # minus ("1.234,50-", as SAP writes) or half a pair of parentheses, dropped, would turn a minus into a plus.
    negative = written.startswith("-") or (written.startswith("(") and written.endswith(")"))
    written = written[1:-1] if written.startswith("(") and negative else written[1:] if negative else written
    match = _CURRENCY.match(written)
    currency = None
    if match:
        mark = (match["pre"] or match["post"] or "").lower()
        currency = "EUR" if re.fullmatch(_EUR, mark) else ("RSD" if mark else None)
        written = _NO_PARA.sub("", match["num"])  # "5.000,- din."
    number = _number_text(written)
    if number is None:
        if re.fullmatch(r"\d+[.,]\d{3}", written):  # thousands, or three decimals
            return CellReading(problem="amount-ambiguous", currency=currency)
        problem = "amount-too-many-decimals" if _MANY_DECIMALS.fullmatch(written) else "amount-not-a-number"
        return CellReading(problem=problem, currency=currency)
    read = Decimal(number)
    return _amount_reading(read.copy_negate() if negative else read, currency)  # exact: a minus rounds to the context


def _amount_reading(number: Decimal, currency: str | None) -> CellReading:
    """A number as an amount: NaN and infinity (which a JSON payload can carry) are no amount, and one too large
    to be exact is refused before rounding to cents, which would overflow the decimal context."""
    if not number.is_finite():
        return CellReading(problem="amount-not-a-number", currency=currency)
    if _too_large(number):
        return CellReading(problem="amount-too-large", currency=currency)
    return CellReading(value=_cents(number), currency=currency)


def _stored_amount(number: Decimal) -> CellReading:
    """A number the cell holds as one (a paste took the text format, or Google read what was typed): with a third
    decimal it is refused as the same text typed is, not rounded to cents. 12,345 in a Serbian sheet may have meant
    12345, a thousand times the 12,35 that rounding makes of it."""
    if number.is_finite() and not _too_large(number):
        exponent = number.normalize().as_tuple().exponent
        decimals = -exponent if isinstance(exponent, int) else 0  # finite: always an int
        if decimals > 2:
            shown = f"{number.normalize():f}"
            fields = {"number": shown, "cents": f"{_cents(number):f}"}  # messages.message writes 12,345 in Serbian
            if decimals == 3:  # 12.345: thousands grouped, or three decimals
                fields["whole"] = shown.replace(".", "").lstrip("0") or "0"
                return CellReading(problem="amount-number-ambiguous", params=tuple(fields.items()))
            return CellReading(problem="amount-number-too-many-decimals", params=tuple(fields.items()))
    return _amount_reading(number, None)


def _cents(value: Decimal) -> Decimal:
    """Amounts are kept to the para/cent, so 102000, 102000.0 and "102.000" are the same value."""
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _number_text(written: str) -> str | None:
    """'1.234,5' -> '1234.5'; None when the text is not a number or can be read two ways."""
    if _SR_THOUSANDS.match(written) or _SR_PLAIN.match(written):
        return written.replace(".", "").replace(",", ".")
    if _EN_THOUSANDS.match(written) and not re.fullmatch(r"\d{1,3},\d{3}", written):
        return written.replace(",", "")  # '1,234' alone could be 1234 or 1,234 (Serbian decimal): refused
    if _EN_PLAIN.match(written):
        return written
    return None


def _decimal(number: int | float | Decimal) -> Decimal:
    """A cell's number as the spreadsheet shows it: a float to Excel's 15 significant digits, so a binary float's
    noise (3000,1 + 0,2 is 3000.2999999999997) is no decimal anyone typed, while 12.345 keeps its third decimal."""
    if isinstance(number, float):
        return Decimal(format(number, ".15g"))
    return number if isinstance(number, Decimal) else Decimal(number)


def count(raw: Any) -> CellReading:
    """A whole number of something, 0 or more."""
    held = _held_number(raw, "count-not-whole")
    if isinstance(held, CellReading):
        return held
    if isinstance(held, Decimal):
        number = held
    else:
        written = held
        if re.fullmatch(r"-?[1-9]\d{0,2}(\.\d{3})+", written):  # Serbian thousands: 1.234 (never 0.500)
            written = written.replace(".", "")
        elif re.fullmatch(r"-?[1-9]\d{0,2}(,\d{3})+", written):  # English thousands, as a Google sheet in an English
            written = written.replace(",", "")  # locale shows a typed 1,200 (read as 1,2 it is no count either)
        try:
            number = Decimal(written.replace(",", "."))
        except InvalidOperation:
            return CellReading(problem="count-not-whole")
    if not number.is_finite() or number != number.to_integral_value():  # "inf", "sNaN": Decimal reads them
        return CellReading(problem="count-not-whole")
    if _too_large(number):
        return CellReading(problem="count-too-large")
    if number < 0:
        return CellReading(value=int(number), problem="count-negative")
    return CellReading(value=int(number))


def choice(raw: Any, options: dict[str, str]) -> CellReading:
    """One of a dropdown's options, in any language or script: `options` maps lower-case label -> code."""
    written = text(raw)
    if written is None:
        return BLANK
    if excel_error(raw):
        return CellReading(problem="excel-error")
    code = options.get(" ".join(written.lower().split()))
    if code is None:  # not as written: the same words typed otherwise?
        folded = {_folded(label): code for label, code in options.items()}
        code = folded.get(_folded(written))
    return CellReading(value=code) if code else CellReading(problem="choice-not-in-list")


# A participle's gender ending: "realizovana" of an activity, "realizovan" of a task, "završeno"; the options name
# one gender, and an officer writes the one the sentence in mind takes.
_GENDER_ENDING = re.compile(r"(?<=[a-z])(en|an|et)[ao]\b")


_QUOTES = "\"'„“”‚‘’«»‹›"  # the quotation marks Word and Serbian typing put around words


def _folded(label: str) -> str:
    """A choice as compared when it is not one of the options as written: without invisible characters (a zero-width
    space or soft hyphen pasted from Word or a web page), with its Cyrillic letters in Latin (a word typed partly on
    the Cyrillic keyboard, "u токu"), without diacritics ("zavrsen", as Serbian is often typed), without the full
    stop that ends a sentence or a Serbian number ("u toku.", task "3.2.1."), without the quotation marks around it
    (pasted from Word, which writes „u toku“), and with a participle in one gender ("završeno", "realizovan")."""
    latin = cyrillic_to_latin(label).replace("đ", "dj").replace("Đ", "Dj")
    kept = "".join(ch for ch in unicodedata.normalize("NFKD", _visible(latin)) if unicodedata.category(ch) != "Mn")
    words = " ".join(kept.lower().split()).strip(_QUOTES).strip().rstrip(".").rstrip()
    return _GENDER_ENDING.sub(r"\1", words)


def date(raw: Any, *, english: bool = False) -> CellReading:
    """A date cell; `english`: the English template's, which also reads "5 April 2018" and "5 Apr 2018"."""
    if is_blank(raw):
        return BLANK
    if excel_error(raw):
        return CellReading(problem="excel-error")
    if isinstance(raw, dt.datetime):
        return CellReading(value=raw.date())
    if isinstance(raw, dt.date):
        return CellReading(value=raw)
    if isinstance(raw, int | float) and not isinstance(raw, bool) and 1 <= raw < 2958466:
        return CellReading(value=EXCEL_EPOCH + dt.timedelta(days=int(raw)))  # a date serial number
    written = _visible(str(raw)).strip()
    for form in _DATE_FORMS:
        try:
            return CellReading(value=dt.datetime.strptime(written, form).date())
        except ValueError:
            continue
    slashed = _SLASHED_DATE.match(written)
    if slashed is not None:
        day, month = int(slashed["day"]), int(slashed["month"])
        if day != month and day <= 12 and month <= 12:  # read either way a date: never guessed
            return CellReading(problem="date-ambiguous")
        try:
            return CellReading(value=dt.date(int(slashed["year"]), month, day))
        except ValueError:
            return CellReading(problem="date-invalid")
    if english and (found := _ENGLISH_DATE.match(" ".join(written.lower().split()))) is not None:
        try:
            return CellReading(
                value=dt.date(int(found["year"]), _ENGLISH_MONTHS.get(found["word"], 0), int(found["day"]))
            )
        except ValueError:  # no such day or month: "31 April 2018", "5 Aprl 2018"
            return CellReading(problem="date-invalid")
    return _serbian_date(written)


def _serbian_date(written: str) -> CellReading:
    """A date as written in a Serbian letter, in either script; refused unless day, month and year are each sure."""
    found = _SERBIAN_DATE.match(" ".join(cyrillic_to_latin(written).lower().split()))
    if found is None:
        return CellReading(problem="date-invalid")
    month = int(found["number"]) if found["number"] else _MONTHS.get(found["word"], 0)
    try:
        return CellReading(value=dt.date(int(found["year"]), month, int(found["day"])))
    except ValueError:  # no such day or month: "31. februara", "5. 13. 2018."
        return CellReading(problem="date-invalid")
