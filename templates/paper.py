"""The one page setup of every sheet apmon writes, templates and master alike: A4 landscape, one page wide and as
many tall as it takes, the header rows repeated on each page, who and which period in the page header, the page
number in the footer. `set_a4_print` takes an openpyxl or an XlsxWriter worksheet."""

from __future__ import annotations

from typing import Any

from xlsxwriter.worksheet import Worksheet as XlsxWriterSheet

from apmon.schemas.messages import text_of
from apmon.schemas.paper import MARGIN_INCHES, PageTexts, header_code, month_words, page_texts
from apmon.schemas.text import Lang

PAPER_A4 = 9  # the paperSize code of A4 in xlsx
TOP_INCHES, HEADER_INCHES = 0.75, 0.3


def set_a4_print(
    ws: Any, header_rows: int, texts: PageTexts, area: tuple[int, int] | None = None, pages_wide: int = 1
) -> None:
    """Print `ws` on A4 landscape, one page wide, rows 1..`header_rows` repeated on every page, with `texts` in the
    page header and footer; `area` (last row, last column; 1-based) limits the print to the table. A sheet too wide
    to print readably on one page prints `pages_wide` pages side by side, its first column repeated on each."""
    left, right = header_code(texts.left), header_code(texts.right)
    if isinstance(ws, XlsxWriterSheet):
        ws.set_landscape()
        ws.set_paper(PAPER_A4)
        ws.fit_to_pages(pages_wide, 0)
        ws.repeat_rows(0, header_rows - 1)
        if pages_wide > 1:
            ws.repeat_columns(0)
        ws.set_margins(left=MARGIN_INCHES, right=MARGIN_INCHES, top=TOP_INCHES, bottom=TOP_INCHES)
        ws.center_horizontally()
        ws.set_header(f"&L{left}&R{right}", {"margin": HEADER_INCHES})
        ws.set_footer(f"&C{texts.footer}", {"margin": HEADER_INCHES})
        if area is not None:
            ws.print_area(0, 0, area[0] - 1, area[1] - 1)
        return
    # openpyxl, loaded only by what writes with it: a first master is written with XlsxWriter alone
    from openpyxl.worksheet.page import PageMargins

    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = PAPER_A4
    ws.page_setup.fitToWidth = pages_wide
    ws.page_setup.fitToHeight = 0  # as many pages tall as the rows need: the print is never shrunk for height
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"1:{header_rows}"
    if pages_wide > 1:
        ws.print_title_cols = "A:A"
    ws.page_margins = PageMargins(
        left=MARGIN_INCHES, right=MARGIN_INCHES, top=TOP_INCHES, bottom=TOP_INCHES, header=HEADER_INCHES,
        footer=HEADER_INCHES,
    )  # fmt: skip
    ws.print_options.horizontalCentered = True
    ws.oddHeader.left.text, ws.oddHeader.right.text = left, right
    ws.oddFooter.center.text = texts.footer
    if area is not None:
        ws.print_area = f"A1:{ws.cell(area[0], area[1]).coordinate}"


def report_page_texts(institution: str, period: str, lang: Lang) -> PageTexts:
    """A report template's page texts: the institution's name, and the reporting period in words."""
    return page_texts(institution, text_of("print.period", lang, period=month_words(period, lang)), lang)
