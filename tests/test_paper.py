"""Printed on A4 (issue 15 point 14): every template sheet and every master sheet is set up for A4 landscape, one page
wide and as many tall as it takes, header rows repeated, the institution and period in the page header and page
numbers in the footer, in the workbook's language; and prints readably (about 8 pt or more)."""

from __future__ import annotations

import re
import shutil
import statistics
import subprocess
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from apmon.schemas.calendar import Period
from apmon.schemas.institutions import InstitutionRegistry
from apmon.schemas.paper import MIN_SCALE, PRINT_WIDTH_PX, print_scale
from apmon.schemas.plan import Plan
from apmon.schemas.tables import REGISTER_SHEET, Table, TableColumn
from apmon.sync.demo import build_demo
from apmon.sync.writers import GoogleSheet, plan_google_write
from apmon.templates.layout import META_SHEET, report_layout, sheet_roles
from apmon.templates.xlsx import write_xlsx
from tests.libreoffice import needs_libreoffice

PAGE_WORD = {"sr-Latn": "Strana", "sr-Cyrl": "Страна", "en": "Page"}
MARCH = {"sr-Latn": "mart 2018.", "sr-Cyrl": "март 2018.", "en": "March 2018"}
MUP = {
    "sr-Latn": "Ministarstvo unutrašnjih poslova",
    "sr-Cyrl": "Министарство унутрашњих послова",
    "en": "Ministry of the Interior",
}


def _widths(ws: Any) -> list[float]:
    found = {}
    for dim in ws.column_dimensions.values():
        for c in range(dim.min or 0, (dim.max or 0) + 1):
            found[c] = dim.width
    return [found.get(c, 8.43) - 5 / 7 for c in range(1, ws.max_column + 1)]  # without the padding the file adds


def _pages(widths: list[float]) -> list[list[float]]:
    """The columns of each page when a sheet prints across pages, its first column repeated: as many whole columns
    on a page as fit at 8 pt (A4 landscape less the margins: 1045 pixels at 100 %)."""
    budget = 1045 / MIN_SCALE
    pages: list[list[float]] = [[widths[0]]]
    for width in widths[1:]:
        if sum(int(w * 7 + 0.5) + 5 for w in [*pages[-1], width]) > budget and len(pages[-1]) > 1:
            pages.append([widths[0]])
        pages[-1].append(width)
    return pages


def assert_a4(
    ws: Any, who: str, period: str, page_word: str, *, narrowed: bool = True, scale: float = MIN_SCALE
) -> None:
    setup = ws.page_setup
    fit_width = int(setup.fitToWidth or 1)  # left out, it is 1 (the xlsx default; XlsxWriter leaves it out)
    assert (setup.orientation, int(setup.paperSize), int(setup.fitToHeight)) == ("landscape", 9, 0)
    if fit_width > 1:  # too wide for one page: across pages side by side, the first column repeated on each
        assert ws.print_title_cols == "$A:$A", ws.title
        pages = _pages(_widths(ws))
        assert len(pages) <= fit_width and all(print_scale(page) >= scale for page in pages), (ws.title, fit_width)
        narrowed = False  # each page is checked above
    else:
        assert fit_width == 1
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.print_title_rows == "$1:$3"
    header = ws.oddHeader.left.text + " " + ws.oddHeader.right.text
    assert who in header and period in header, (ws.title, header)
    footer = ws.oddFooter.center.text
    assert "&P" in footer and "&N" in footer and page_word in footer, (ws.title, footer)
    if narrowed:
        assert print_scale(_widths(ws)) >= scale, (ws.title, _widths(ws))


@pytest.mark.parametrize(("period", "lang"), [("2018-03", "sr-Latn"), ("2018-03", "sr-Cyrl"), ("2018", "en")])
def test_every_template_sheet_prints_on_a4_readably(
    plan: Plan, registry: InstitutionRegistry, tmp_path: Path, period: str, lang: str
) -> None:
    path = tmp_path / "t.xlsx"
    write_xlsx(report_layout(plan, registry, "MUP", Period.parse(period), lang), path)  # type: ignore[arg-type]
    wb = openpyxl.load_workbook(path)
    sheets = [ws for ws in wb.worksheets if ws.title != META_SHEET]
    assert len(sheets) == len(sheet_roles(Period.parse(period).kind))
    for ws in sheets:
        assert_a4(ws, MUP[lang], MARCH[lang] if len(period) == 7 else period, PAGE_WORD[lang])


@pytest.fixture(scope="module")
def demo_master(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("demo")
    build_demo(folder, seed=7)
    return folder / "master.xlsx"


def test_every_master_sheet_prints_on_a4_readably(demo_master: Path) -> None:
    wb = openpyxl.load_workbook(demo_master)
    sheets = [ws for ws in wb.worksheets if ws.title != REGISTER_SHEET]
    assert len(sheets) >= 9
    for ws in sheets:
        assert_a4(
            ws,
            "Nacionalni koordinator za borbu protiv trgovine ljudima",
            "septembar 2017. – decembar 2018.",
            "Strana",
            # The charts beside a table print too, a little smaller.
            narrowed=not ws._charts,
            scale=0.73 if ws.title == "Pokazatelji" else MIN_SCALE,  # its cut texts keep 20 characters: 8 pt
        )
    # Submissions (a column a month) prints across pages, the institution repeated, instead of at about 6 pt.
    assert int(wb["Dostavljanje"].page_setup.fitToWidth) > 1
    # A long text wraps in its narrowed column, in a row grown to show it.
    status = wb.worksheets[3]
    wrapped = [c for c in status["C"][3:] if c.alignment.wrap_text]
    assert wrapped and any((status.row_dimensions[c.row].height or 15) > 15 for c in wrapped)
    # The Indicators sheet's rows stay one line high, its texts cut rather than wrapped: its print stays short.
    indicators = wb["Pokazatelji"]
    assert indicators.max_row > 500  # a long sheet: every indicator of every institution that reports
    assert not any(c.alignment.wrap_text for c in indicators["B"][3:])
    last = max(c.row for c in indicators["D"] if c.value is not None)  # the last institution's row; notes after it
    assert not any(d.height for r, d in indicators.row_dimensions.items() if 3 < r <= last)


# --- printed by LibreOffice ---------------------------------------------------------------------------------------


def _pdf(xlsx: Path, work: Path) -> Path:
    subprocess.run(
        [
            "soffice", "--headless", "--norestore", f"-env:UserInstallation=file://{work}/lo-profile",
            "--convert-to", "pdf", "--outdir", str(work), str(xlsx),
        ],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    return work / (xlsx.stem + ".pdf")


def _page(pdf: Path, page: int) -> tuple[str, str]:
    """(the page's size line of pdfinfo, its text laid out)."""
    info = subprocess.run(
        ["pdfinfo", "-f", str(page), "-l", str(page), str(pdf)], capture_output=True, text=True, check=True
    ).stdout
    size = next(line for line in info.splitlines() if line.startswith(f"Page {page:4d} size") or "size:" in line)
    text = subprocess.run(
        ["pdftotext", "-layout", "-f", str(page), "-l", str(page), str(pdf), "-"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    return size, text


def _word_heights(pdf: Path, page: int) -> list[float]:
    html = subprocess.run(
        ["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(pdf), "-"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    return [float(b) - float(a) for a, b in re.findall(r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)"', html)]


@needs_libreoffice
@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler (pdftotext) is not installed; .ci/run does")
def test_the_tasks_sheet_prints_on_a4_landscape_with_header_and_footer(
    plan: Plan, registry: InstitutionRegistry, tmp_path: Path
) -> None:
    path = tmp_path / "MUP.xlsx"
    write_xlsx(report_layout(plan, registry, "MUP", Period.parse("2018-03"), "sr-Cyrl"), path)
    wb = openpyxl.load_workbook(path)
    for ws in wb.worksheets:  # the Tasks sheet alone
        if ws.title != "Задаци":
            wb.remove(ws)
    wb.save(path)
    pdf = _pdf(path, tmp_path)
    size, text = _page(pdf, 1)
    width, height = (float(n) for n in re.findall(r"([\d.]+) x ([\d.]+)", size)[0])
    assert (round(width), round(height)) == (842, 595)  # A4 landscape, in points
    assert "Министарство унутрашњих послова" in text and "Извештајни период: март 2018." in text
    assert "Страна 1 од" in text
    assert "Задаци: стање и напредак" in text
    # A word's box is about 1.3 times the font size of Carlito (Calibri's metrics) or DejaVu: 8 pt prints 10.4 high.
    # With DejaVu (wider than Calibri, when Carlito is not installed) the same columns print a little smaller.
    carlito = "Carlito" in subprocess.run(["fc-list"], capture_output=True, text=True).stdout
    assert statistics.median(_word_heights(pdf, 1)) >= (10.0 if carlito else 8.0)


def test_google_master_wraps_long_texts_in_columns_narrowed_for_print() -> None:
    """Google Sheets has no page setup in its API; its master gets the same narrowed widths and wrapped long texts,
    and its frozen header rows are the rows repeated on every printed page."""
    columns = [TableColumn(key="id", header="Id", width=8), TableColumn(key="n", header="N", kind="int", width=10)]
    columns += [TableColumn(key=f"t{k}", header=f"Text {k}", width=60) for k in range(4)]
    table = Table(sheet="Status", title="Status", columns=columns, rows=[["1.1", 3, *["word " * 30] * 4]])
    plan = plan_google_write([GoogleSheet(0, "Sheet1", 0)], set(), [table], "now")
    sid = plan.sheet_ids["Status"]
    added = [r["addSheet"]["properties"] for r in plan.requests if "addSheet" in r]
    assert added[0]["gridProperties"]["frozenRowCount"] == 3
    pixels = [
        r["updateDimensionProperties"]["properties"]["pixelSize"]
        for r in plan.requests
        if "updateDimensionProperties" in r and r["updateDimensionProperties"]["range"]["sheetId"] == sid
    ]
    assert pixels[:2] == [8 * 7 + 5, 10 * 7 + 5] and all(p < 60 * 7 + 5 for p in pixels[2:])
    assert PRINT_WIDTH_PX / sum(pixels) >= MIN_SCALE
    wrapped = [
        r["repeatCell"]["range"]["startColumnIndex"]
        for r in plan.requests
        if "repeatCell" in r
        and r["repeatCell"]["cell"]["userEnteredFormat"].get("wrapStrategy") == "WRAP"
        and r["repeatCell"]["range"]["startRowIndex"] == 3
    ]
    assert wrapped == [2, 3, 4, 5]


def test_a_year_prints_as_a_year(demo_master: Path) -> None:
    """A year in the master reads 2018 on screen and paper, not 2,018 (a count's thousands separator)."""
    wb = openpyxl.load_workbook(demo_master)
    years = [
        (ws.title, c.coordinate, c.number_format)
        for ws in wb.worksheets
        for row in ws.iter_rows(min_row=4)
        for c in row
        if isinstance(c.value, int)
        and not isinstance(c.value, bool)
        and 2017 <= c.value <= 2018
        and ws.cell(3, c.column).value in ("Godina", "Година", "Year")
    ]
    assert years and {fmt for _, _, fmt in years} == {"General"}
