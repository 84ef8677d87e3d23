"""Printing on A4 landscape, readably: the page header and footer texts, and column widths that fit one page wide
without shrinking the print below about 8 pt. Pure; templates.paper applies it to a worksheet."""

from __future__ import annotations

from collections.abc import Sequence

from pydantic import BaseModel, ConfigDict

from apmon.schemas.dates import month_said
from apmon.schemas.messages import text_of
from apmon.schemas.text import Lang

# A4 landscape is 11.69 in wide; margins of 0.4 in leave 10.89 in, 1045 pixels at 96 dpi.
MARGIN_INCHES = 0.4
PRINT_WIDTH_PX = 1045
# Fit to one page wide scales the sheet down; at 78 % the 11 pt font of the cells prints at 8.5 pt in Excel and at
# about 8 pt in LibreOffice (whose columns come out a little wider).
MIN_SCALE = 0.78
MIN_SHRUNK_WIDTH = 12  # characters: a shrunk column still holds a word or two per line


class PageTexts(BaseModel):
    """What every printed page shows: who and which period in the header, the page number in the footer.
    `left` and `right` are plain text; `footer` is in Excel's header/footer codes (&P page, &N pages)."""

    model_config = ConfigDict(frozen=True)

    left: str
    right: str
    footer: str


def header_code(text: str) -> str:
    """Plain text as Excel header/footer code: a lone '&' would start a code."""
    return text.replace("&", "&&")


def page_texts(who: str, period: str, lang: Lang) -> PageTexts:
    footer = text_of("print.page", lang, page="\0P", pages="\0N")
    return PageTexts(left=who, right=period, footer=header_code(footer).replace("\0", "&"))


def month_words(period: str, lang: Lang, *, genitive: bool = False) -> str:
    """'2018-03' -> 'mart 2018.' / 'March 2018'; `genitive` after od, do, iz...: 'marta 2018.'; a year stays as it
    is."""
    if len(period) != 7:
        return period
    return month_said(int(period[:4]), int(period[5:]), lang, genitive=genitive)


def column_pixels(width: float) -> int:
    """A column `width` characters wide in pixels, as Excel draws Calibri 11 (7 pixels a digit, 5 of padding)."""
    return int(width * 7 + 0.5) + 5


def print_scale(widths: Sequence[float]) -> float:
    """The scale at which columns of `widths` (characters) print one A4 landscape page wide (1.0: no shrinking)."""
    return min(1.0, PRINT_WIDTH_PX / sum(column_pixels(w) for w in widths))


def pages_wide(widths: Sequence[float]) -> int:
    """The pages side by side a sheet prints on at MIN_SCALE or more, its first column repeated on each: 1 when one
    page holds it. A sheet of many short columns (a month each) is printed across pages rather than shrunk."""
    budget = PRINT_WIDTH_PX / MIN_SCALE
    if not widths or sum(column_pixels(w) for w in widths) <= budget:
        return 1
    first = column_pixels(widths[0])
    pages, used = 1, first
    for width in widths[1:]:
        if used + column_pixels(width) > budget and used > first:
            pages, used = pages + 1, first
        used += column_pixels(width)
    return pages


def first_page_columns(widths: Sequence[float]) -> int:
    """The columns the first page of a sheet printed across pages (`pages_wide`) holds: as many as fit at
    MIN_SCALE, at least the first."""
    budget, used = PRINT_WIDTH_PX / MIN_SCALE, 0
    for n, width in enumerate(widths):
        used += column_pixels(width)
        if used > budget and n:
            return n
    return len(widths)


def fit_widths(widths: Sequence[int], floors: Sequence[int], extra_px: int = 0) -> list[int]:
    """`widths` with the widest columns narrowed, one character at a time and none below its floor, until the sheet
    (and `extra_px` of charts beside it) prints one page wide at MIN_SCALE or more, or none can give more."""
    fitted = list(widths)
    budget = PRINT_WIDTH_PX / MIN_SCALE - extra_px
    while sum(column_pixels(w) for w in fitted) > budget:
        candidates = [i for i, w in enumerate(fitted) if w > floors[i]]
        if not candidates:
            break
        fitted[max(candidates, key=lambda i: fitted[i] - floors[i])] -= 1
    return fitted
