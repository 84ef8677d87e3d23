"""sync.writers: the master xlsx (real files through openpyxl) and the master Google spreadsheet (the loopback fake)."""

from __future__ import annotations

import math
import os
import re
import shutil
import stat
import sys
import zipfile
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import openpyxl
import pytest
import xlsxwriter
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils.datetime import CALENDAR_MAC_1904
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.writer.excel import ExcelWriter

from apmon.schemas.tables import REGISTER_SHEET, Chart, Highlight, Table, TableColumn
from apmon.sync.writers import (
    HEADER_ROW,
    MARK_COLOURS,
    GoogleMaster,
    GoogleSheet,
    MasterWriteError,
    OwnSheetClash,
    Writer,
    XlsxMaster,
    google_managed,
    google_value,
    master_mark_of,
    plan_google_write,
    printed_widths,
    read_master_mark,
    register_rows,
    sheet_order,
    write_master_google,
    write_master_xlsx,
)
from apmon.templates.google_api import make_client
from tests.fake_google import FakeGoogle, fake_google_fixture, service_account_file
from tests.libreoffice import needs_libreoffice, resave_xlsx
from tests.reports import add_own_chart

fake_google = fake_google_fixture

STATUS = "Статус"  # Cyrillic: quoted in every A1 reference
BUDGET = "Budget"
NOW = datetime(2024, 3, 8, 9, 30, 0)
FORMULA_TEXT = "=1+1"
HYPERLINK_TEXT = '=HYPERLINK("https://example.org","klik")'
ERROR_TEXT = "#N/A"  # text an institution typed; openpyxl would write it as an error cell


def _tables(version: int = 1) -> list[Table]:
    status = Table(
        sheet=STATUS,
        title=f"Извештаји институција, верзија {version}",
        subtitle="Стање на дан 08.03.2024",
        columns=[
            TableColumn(key="institution", header="Институција", width=30),
            TableColumn(key="due", header="Рок", kind="date"),
            TableColumn(key="received", header="Примљено", kind="datetime", width=18),
            TableColumn(key="tasks", header="Задаци", kind="int"),
            TableColumn(key="planned", header="Планирано (RSD)", kind="money"),
            TableColumn(key="spent", header="Утрошено (RSD)", kind="money"),
            TableColumn(key="share", header="Удео", kind="percent"),
            TableColumn(key="note", header="Напомена", width=40),
        ],
        rows=[
            [
                "Министарство унутрашњих послова",
                date(2024, 2, 7),
                datetime(2024, 2, 6, 14, 5),
                1200,
                Decimal("1234567.50"),
                Decimal("617283.75"),
                Decimal("0.5"),
                FORMULA_TEXT,
            ],
            ["Crveni krst Srbije", date(2024, 2, 7), None, 3, Decimal("102000"), Decimal("0"), 0.0, HYPERLINK_TEXT],
            [
                "Министарство правде",
                date(2024, 2, 7),
                datetime(2024, 2, 9, 8, 0),
                7 + version,
                5000,
                2500.5,
                0.5,
                ERROR_TEXT,
            ],
        ],
        highlights=[
            Highlight(row=0, column="tasks", mark="ok"),
            Highlight(row=1, column="received", mark="missing"),
            Highlight(row=2, column="received", mark="late"),
            Highlight(row=1, column="spent", mark="error"),
            Highlight(row=2, column="share", mark="warning"),
        ],
        charts=[
            Chart(title="Буџет", kind="column", categories="institution", series=["planned", "spent"], y_title="RSD"),
            Chart(title="Задаци", kind="stacked-column", categories="institution", series=["tasks"]),
        ],
        notes=["Извор: месечни извештаји.", "=не формула"],
    )
    budget = Table(
        sheet=BUDGET,
        title="Budžet po cilju",
        columns=[TableColumn(key="goal", header="Cilj"), TableColumn(key="amount", header="Iznos", kind="money")],
        rows=[["1", Decimal("10.25")], ["2", Decimal("20")]],
        charts=[Chart(title="Po cilju", kind="bar", categories="goal", series=["amount"])],
    )
    return [status, budget]


def _write(path: Path, version: int = 1, *, now: datetime = NOW, backups: int = 3) -> Any:
    return write_master_xlsx(_tables(version), path, backups=backups, now=now)


def _sheet_xml(path: Path, index: int) -> bytes:
    with zipfile.ZipFile(path) as archive:
        return archive.read(f"xl/worksheets/sheet{index}.xml")


# --------------------------------------------------------------------------- sheet order (pure)


@pytest.mark.parametrize(
    ("existing", "managed", "new", "expected"),
    [
        (["Notes"], [], ["A", "B"], ["A", "B", "Notes"]),  # first write: tables before own sheets
        ([], [], ["A", "B"], ["A", "B"]),
        (["A", "Notes", "B"], ["A", "B"], ["A", "B"], ["A", "Notes", "B"]),  # previous positions
        (["Notes", "B", "A"], ["A", "B"], ["A", "B"], ["Notes", "B", "A"]),  # the Coordinator's reorder stays
        (["A", "Notes", "B"], ["A", "B"], ["A", "C", "B"], ["A", "C", "Notes", "B"]),  # new one after its neighbour
        (["Notes", "B"], ["B"], ["A", "B"], ["Notes", "A", "B"]),  # new first table: before the first placed one
        (["A", "Old", "Notes"], ["A", "Old"], ["A"], ["A", "Notes"]),  # a table no longer written goes away
    ],
)
def test_sheet_order(existing: list[str], managed: list[str], new: list[str], expected: list[str]) -> None:
    assert sheet_order(existing, managed, new) == expected


# --------------------------------------------------------------------------- xlsx


def test_every_write_of_the_master_file_leaves_a_mark_of_its_own(tmp_path: Path) -> None:
    """A copy of the master saved elsewhere keeps the mark of the write it was made from: the next write of the
    master, written anew or with the Coordinator's own sheet kept, leaves another (what Consolidate compares)."""
    path = tmp_path / "master.xlsx"
    _write(path)
    copy = tmp_path / "desktop.xlsx"
    shutil.copy(path, copy)
    first = read_master_mark(copy)
    _write(path, 2)  # written anew
    second = read_master_mark(path)
    wb = openpyxl.load_workbook(path)
    wb.create_sheet("Beleške").append(["the Coordinator's own notes"])
    wb.save(path)
    _write(path, 3)  # loaded, the own sheet kept
    third = read_master_mark(path)
    assert None not in (first, second, third) and len({first, second, third}) == 3
    assert read_master_mark(copy) == first
    assert read_master_mark(tmp_path / "none.xlsx") is None


def test_first_write_creates_managed_sheets_and_hidden_register(tmp_path: Path) -> None:
    path = tmp_path / "master.xlsx"
    result = _write(path)

    assert result.path == path
    assert result.sheets == [STATUS, BUDGET]
    assert result.rows == {STATUS: 3, BUDGET: 2}
    assert result.backup is None and result.warning is None
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == [STATUS, BUDGET, REGISTER_SHEET]
    register = wb[REGISTER_SHEET]
    assert register.sheet_state == "hidden"
    mark = register["C2"].value
    assert [list(r) for r in register.iter_rows(values_only=True)] == [
        ["sheet", "written_at", "master_mark", "lang"],
        [STATUS, "2024-03-08T09:30:00", mark, "sr-Latn"],  # the master's language (the Apps Script speaks it)
        [BUDGET, "2024-03-08T09:30:00", None, None],
    ]
    assert isinstance(mark, str) and len(mark) == 16 and read_master_mark(path) == mark
    assert wb.active.title == STATUS
    assert not (tmp_path / "backups").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["master.xlsx"]  # no temporary file left


def test_layout_text_numbers_and_formats(tmp_path: Path) -> None:
    path = tmp_path / "master.xlsx"
    _write(path)
    ws = openpyxl.load_workbook(path)[STATUS]

    assert ws["A1"].value == "Извештаји институција, верзија 1"
    assert ws["A1"].font.b and ws["A1"].font.sz == 14
    assert ws["A2"].value == "Стање на дан 08.03.2024" and ws["A2"].font.i
    assert [c.value for c in ws[3]] == [
        "Институција",
        "Рок",
        "Примљено",
        "Задаци",
        "Планирано (RSD)",
        "Утрошено (RSD)",
        "Удео",
        "Напомена",
    ]
    assert all(c.font.b and c.alignment.wrap_text and c.fill.fgColor.rgb.endswith("DDEBF7") for c in ws[3])
    assert ws.freeze_panes == "A4"
    assert ws.auto_filter.ref == "A3:H6"
    # Stored with the cell padding Excel adds (5 of Calibri's 7-pixel digits): Excel shows 30 characters, and the
    # wrapped note column as narrow as it prints one A4 page wide.
    assert ws.column_dimensions["A"].width == pytest.approx(30 + 5 / 7, abs=0.01)
    assert ws.column_dimensions["H"].width == pytest.approx(printed_widths(_tables()[0])[7] + 5 / 7, abs=0.01)
    assert ws.row_dimensions[3].height == 30  # "Планирано (RSD)" wraps to two lines in its 14 characters

    # Text that looks like a formula stays text, in the file itself.
    for coordinate, text in (("H4", FORMULA_TEXT), ("H5", HYPERLINK_TEXT), ("H6", ERROR_TEXT), ("A9", "=не формула")):
        assert ws[coordinate].value == text
        assert ws[coordinate].data_type == "s"
    assert b"<f>" not in _sheet_xml(path, 1) and b"<f " not in _sheet_xml(path, 1)

    assert ws["A4"].value == "Министарство унутрашњих послова"
    assert ws["B4"].value == datetime(2024, 2, 7) and ws["B4"].number_format == "DD.MM.YYYY"
    assert ws["C4"].value == datetime(2024, 2, 6, 14, 5) and ws["C4"].number_format == "DD.MM.YYYY HH:MM"
    assert ws["C5"].value is None
    assert ws["D4"].value == 1200 and ws["D4"].number_format == "#,##0"
    # Below a thousand "#,##0" shows what General does, so the cell is written without a style.
    assert ws["D5"].value == 3 and ws["D5"].number_format == "General"
    assert ws["E4"].value == pytest.approx(1234567.5) and ws["E4"].data_type == "n"
    assert ws["E4"].number_format == "#,##0.00"
    assert ws["F6"].value == pytest.approx(2500.5) and ws["F6"].number_format == "#,##0.00"
    assert ws["G4"].value == pytest.approx(0.5) and ws["G4"].number_format == "0.0%"
    assert ws["A8"].value == "Извор: месечни извештаји." and ws["A8"].font.i


def test_highlight_fills(tmp_path: Path) -> None:
    path = tmp_path / "master.xlsx"
    _write(path)
    ws = openpyxl.load_workbook(path)[STATUS]

    def fill(coordinate: str) -> str | None:
        cell = ws[coordinate]
        return str(cell.fill.fgColor.rgb)[-6:] if cell.fill.fill_type == "solid" else None

    assert fill("D4") == MARK_COLOURS["ok"] == "C6EFCE"
    assert fill("C5") == MARK_COLOURS["missing"] == "D9D9D9"
    assert fill("C6") == MARK_COLOURS["late"] == "F8CBAD"
    assert fill("F5") == MARK_COLOURS["error"] == "FFC7CE"
    assert fill("G6") == MARK_COLOURS["warning"] == "FFEB9C"
    assert fill("A4") is None and fill("E6") is None


def test_blank_cells_are_not_written_but_marks_and_headers_on_them_are(tmp_path: Path) -> None:
    table = Table(
        sheet=BUDGET,
        title="Prazno",
        columns=[TableColumn(key="a", header="A"), TableColumn(key="b", header=""), TableColumn(key="c", header="C")],
        rows=[["x", "", "y"], ["", "z"], ["kratak"]],
        highlights=[Highlight(row=1, column="a", mark="error"), Highlight(row=2, column="c", mark="late")],
    )
    path = tmp_path / "master.xlsx"
    write_master_xlsx([table], path, backups=0, now=NOW)
    ws = openpyxl.load_workbook(path)[BUDGET]
    assert [c.value for c in ws[3]] == ["A", None, "C"] and ws["B3"].font.b  # an empty header keeps its style
    assert ws["B4"].value is None and ws["B4"].has_style is False  # empty text: no cell at all
    assert ws["A5"].value is None and str(ws["A5"].fill.fgColor.rgb).endswith(MARK_COLOURS["error"])
    assert ws["C6"].value is None and str(ws["C6"].fill.fgColor.rgb).endswith(MARK_COLOURS["late"])  # past a short row


AWKWARD_TEXTS = [
    "  spaces before and after  ",
    "a & b < c > d \"quoted\" 'apostrophe'",
    "line\r\nbreak\nand\ttab",
    "bell\x07, unit separator\x1f, lone \ud800 surrogate and \ufffe: none can be stored",
    "x" * 40_000,  # past Excel's 32,767 characters
    "=SUM(A1:A2)",
    "#REF!",
    "Ћирилица и latinica: č ć đ š ž",
]


def test_cells_read_back_as_openpyxl_writes_them(tmp_path: Path) -> None:
    """A master written anew (XlsxWriter) and one whose own sheet is kept (openpyxl) hold the same cells: every
    value, type, number format and style reads back the same from both, and as from a sheet openpyxl writes cell by
    cell (its default font and fill colours spelled as it spells them)."""
    columns = [
        TableColumn(key="text", header="Text", width=30),
        TableColumn(key="int", header="Count", kind="int"),
        TableColumn(key="money", header="Amount", kind="money"),
        TableColumn(key="share", header="Share", kind="percent"),
        TableColumn(key="day", header="Day", kind="date"),
        TableColumn(key="at", header="At", kind="datetime"),
        TableColumn(key="any", header="Any value, no kind"),
    ]
    belgrade = timezone(timedelta(hours=1))
    anything: list[Any] = [
        True,
        False,
        0,
        -999,
        1000,
        10**17,
        1.5,
        -0.0,
        1e-7,
        Decimal("1234.5678"),
        Decimal("NaN"),
        float("inf"),
        date(2018, 2, 28),
        datetime(2018, 2, 28, 13, 45, 30),
        datetime(2018, 2, 28, 13, 45, tzinfo=belgrade),
        None,
        "",
        *AWKWARD_TEXTS,
    ]
    rows: list[list[Any]] = [
        [text, n, Decimal(n) / 4, Decimal("0.125"), date(2018, 1, 1 + n % 28), datetime(2018, 1, 2, n % 24, 30), value]
        for n, (text, value) in enumerate(zip((AWKWARD_TEXTS * 4)[: len(anything)], anything, strict=True))
    ]
    rows += [[None, 1200, Decimal("-1e6")], [None, 999], ["short row"]]
    table = Table(
        sheet="Cells",
        title="Čelije <&>",
        subtitle=" with spaces ",
        columns=columns,
        rows=rows,
        highlights=[Highlight(row=0, column="int", mark="ok"), Highlight(row=len(rows) - 1, column="any", mark="late")],
        notes=["=not a formula", "note & more"],
    )
    fresh, kept = tmp_path / "fresh.xlsx", tmp_path / "kept.xlsx"
    write_master_xlsx([table], fresh, backups=0, now=NOW)
    write_master_xlsx([table], fresh, backups=0, now=NOW)  # a master of managed sheets only: written anew again
    own = openpyxl.Workbook()
    own.active.title = "Mine"
    own.save(kept)
    write_master_xlsx([table], kept, backups=0, now=NOW)  # the Coordinator's own sheet is kept: openpyxl
    assert openpyxl.load_workbook(kept).sheetnames == ["Cells", "Mine", REGISTER_SHEET]
    expected = _written_by_openpyxl(tmp_path / "reference.xlsx", table)
    assert _cells(openpyxl.load_workbook(fresh)["Cells"], exact=True) == _cells(
        openpyxl.load_workbook(kept)["Cells"], exact=True
    )
    for path in (fresh, kept):
        got = openpyxl.load_workbook(path)["Cells"]
        assert _cells(got) == _cells(expected)
        assert got.max_row == expected.max_row and got.max_column == expected.max_column
        assert got.row_dimensions[3].height == expected.row_dimensions[3].height
        heights = {r: d.height for r, d in got.row_dimensions.items() if d.height}
        assert heights == {r: d.height for r, d in expected.row_dimensions.items() if d.height}
        # The used range as the sheet's part declares it (what a reader streaming the file goes by).
        declared = openpyxl.load_workbook(path, read_only=True)["Cells"].calculate_dimension()
        assert declared == f"A1:G{got.max_row}" == f"A1:G{HEADER_ROW + len(rows) + 3}"  # the notes end it
        assert got["A4"].value == "  spaces before and after  "
        with zipfile.ZipFile(path) as archive:  # in the shared strings or in the sheet, as the writer chose
            package = b"".join(archive.read(name) for name in archive.namelist())
        assert b'<t xml:space="preserve">  spaces before' in package  # Excel would trim them otherwise
        assert got["G5"].value is False and got["G5"].data_type == "b"
        assert got["G18"].value == datetime(2018, 2, 28, 13, 45)  # the wall time of a zoned time
        assert got["G14"].value == "NaN" and got["G15"].value == "inf"  # shown, not hidden
        assert len(got["A8"].value) == 32_767 and got["A8"].value.endswith("…")


def test_a_master_counting_dates_from_1904_keeps_its_dates(tmp_path: Path) -> None:
    """Old Mac Excel files count days from 1904: the managed sheets' dates must count the same way."""
    path = tmp_path / "master.xlsx"
    own = openpyxl.Workbook()
    own.epoch = CALENDAR_MAC_1904
    own.active.title = "Mine"
    own.active["A1"] = date(2020, 1, 1)
    own.save(path)
    _write(path)
    wb = openpyxl.load_workbook(path)
    assert wb.epoch == CALENDAR_MAC_1904
    assert wb["Mine"]["A1"].value == datetime(2020, 1, 1)
    assert wb[STATUS]["B4"].value == datetime(2024, 2, 7) and wb[STATUS]["C4"].value == datetime(2024, 2, 6, 14, 5)


def test_numbers_past_what_a_cell_holds(tmp_path: Path) -> None:
    huge, past_doubles = 10**400, 2**53 + 1
    table = Table(
        sheet="Numbers",
        title="N",
        columns=[
            TableColumn(key="n", header="n", kind="int"),
            TableColumn(key="d", header="d", kind="money"),
            TableColumn(key="plain", header="no format"),
        ],
        rows=[[past_doubles, Decimal("1E+400"), past_doubles], [huge, Decimal("-1E+400"), -huge]],
    )
    path = tmp_path / "master.xlsx"
    write_master_xlsx([table], path, backups=0, now=NOW)
    ws = openpyxl.load_workbook(path)["Numbers"]
    assert ws["A4"].value == float(past_doubles) and ws["A4"].data_type == "n"  # a cell holds a double
    assert ws["C4"].value == float(past_doubles) and ws["C4"].data_type == "n"
    assert (ws["A5"].value, ws["B4"].value, ws["B5"].value) == (str(huge), "1E+400", "-1E+400")  # shown as text
    assert ws["C5"].value == str(-huge)
    assert [google_value(v) for v in (past_doubles, huge, Decimal("1E+400"))] == [
        float(past_doubles),
        str(huge),
        "1E+400",
    ]


@needs_libreoffice
def test_another_spreadsheet_program_reads_the_masters_cells(tmp_path: Path) -> None:
    """LibreOffice opens the master and saves it again with every managed sheet's cells as written."""
    path = tmp_path / "master.xlsx"
    _write(path)
    written, resaved = openpyxl.load_workbook(path), openpyxl.load_workbook(resave_xlsx(path, tmp_path))
    for title in (STATUS, BUDGET, REGISTER_SHEET):
        values = [[_comparable(v) for v in row] for row in written[title].iter_rows(values_only=True)]
        assert [[_comparable(v) for v in row] for row in resaved[title].iter_rows(values_only=True)] == values
    assert resaved[STATUS]["H4"].value == FORMULA_TEXT and resaved[STATUS]["H4"].data_type == "s"
    assert resaved[STATUS]["B4"].number_format.replace("\\", "").upper() == "DD.MM.YYYY"  # its own spelling of it
    assert resaved[STATUS]["D4"].number_format == "#,##0"


def _comparable(value: Any) -> Any:
    return round(value, 9) if isinstance(value, float | int) and not isinstance(value, bool) else value


def _written_by_openpyxl(path: Path, table: Table) -> Any:
    """The same table written cell by cell through openpyxl's own cells, as a reference."""
    wb = openpyxl.Workbook()
    ws = wb.active
    formats = {"int": "#,##0", "money": "#,##0.00", "percent": "0.0%", "date": "DD.MM.YYYY"}
    formats["datetime"] = "DD.MM.YYYY HH:MM"
    marks = {(m.row, m.column): PatternFill("solid", fgColor=MARK_COLOURS[m.mark]) for m in table.highlights}

    def put(row: int, column: int, value: Any, number_format: str | None = None, **style: Any) -> None:
        if isinstance(value, str):
            value = value.replace("\x0b", "\n").replace("\x0c", "\n")  # Word's line and page breaks
            value = re.sub("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]", "", value)
            value = value.replace("\r\n", "\n").replace("\r", "\n")  # a line break in a cell is a line feed
            value = value if len(value) <= 32_767 else value[:32_766] + "…"
        elif isinstance(value, Decimal | float) and str(value).lower() in ("nan", "inf", "-inf", "infinity"):
            value = str(value)  # no NaN or infinity in Excel
        elif isinstance(value, datetime):
            value = value.replace(tzinfo=None)
        cell = ws.cell(row, column)
        if value not in ("", None):
            cell.value = value
            if isinstance(value, str):
                cell.data_type = "s"  # never a formula or an error
            small_count = number_format == "#,##0" and type(value) is int and -1000 < value < 1000
            if number_format and not isinstance(value, bool) and not small_count:
                cell.number_format = number_format
        for name, setting in style.items():
            setattr(cell, name, setting)

    put(1, 1, table.title, font=Font(bold=True, size=14))
    put(2, 1, table.subtitle, font=Font(italic=True))
    header = {"font": Font(bold=True), "fill": PatternFill("solid", fgColor="DDEBF7")}
    for j, column in enumerate(table.columns, 1):
        put(3, j, column.header, alignment=Alignment(wrap_text=True, vertical="top"), **header)
    ws.row_dimensions[3].height = 30
    widths = printed_widths(table)
    wraps = [column.kind == "text" and column.width >= 30 for column in table.columns]  # a long text wraps
    for i, row in enumerate(table.rows):
        # A row whose wrapped text needs more lines is as tall as they are, and all its cells align to the top.
        lines = max([1, *(math.ceil(len(v) * 1.1 / (widths[j] - 1)) for j, v in enumerate(row) if wraps[j] and v)])
        if lines > 1:
            ws.row_dimensions[4 + i].height = 15 * lines
        for j, column in enumerate(table.columns):
            value = row[j] if j < len(row) else None
            style: dict[str, Any] = {}
            if column.kind in formats:
                style["number_format"] = formats[column.kind]
            if (i, column.key) in marks:
                style["fill"] = marks[(i, column.key)]
            if value not in (None, "") and (lines > 1 or (isinstance(value, str) and wraps[j])):
                style["alignment"] = Alignment(wrap_text=True, vertical="top")
            if value is not None or "fill" in style:
                put(4 + i, j + 1, value, **style)
    for k, note in enumerate(table.notes, start=5 + len(table.rows)):
        put(k, 1, note, font=Font(italic=True))
    wb.save(path)
    return openpyxl.load_workbook(path).active


def _cells(ws: Any, *, exact: bool = False) -> dict[str, tuple[Any, ...]]:
    """Every cell that holds a value or a style: its value, type, number format, font, fill and alignment.
    Unless `exact`, a font without a size has the default one (11) and a colour's alpha is left out."""
    return {
        cell.coordinate: (
            cell.value,
            cell.data_type,
            cell.number_format,
            (cell.font.b, cell.font.i, cell.font.sz if exact else cell.font.sz or 11),
            (cell.fill.fill_type, str(cell.fill.fgColor.rgb)[0 if exact else 2 :]),
            (cell.alignment.wrap_text, cell.alignment.vertical),
        )
        for row in ws.iter_rows()
        for cell in row
        if cell.value is not None or cell.has_style
    }


@pytest.mark.parametrize("kept", [False, True], ids=["written-anew", "own-sheet-kept"])
def test_native_charts_from_the_tables_cells(tmp_path: Path, kept: bool) -> None:
    path = tmp_path / "master.xlsx"
    if kept:  # an own sheet: openpyxl writes the charts
        own = openpyxl.Workbook()
        own.active.title = "Mine"
        own.save(path)
    _write(path)
    wb = openpyxl.load_workbook(path)
    charts = wb[STATUS]._charts
    assert len(charts) == 2
    budget, tasks = charts

    assert budget.type == "col" and budget.grouping == "clustered"
    assert [_unquoted(s.tx.strRef.f) for s in budget.series] == ["Статус!E3", "Статус!F3"]  # headers name them
    assert [_unquoted(s.val.numRef.f) for s in budget.series] == ["Статус!E4:E6", "Статус!F4:F6"]
    category_refs = {_unquoted((s.cat.numRef or s.cat.strRef).f) for s in budget.series}
    assert category_refs == {"Статус!A4:A6"}
    assert tasks.grouping == "stacked" and tasks.overlap == 100 and len(tasks.series) == 1

    # Right of the table (8 columns, one gap: column J = index 9), stacked vertically from row 3.
    assert (budget.anchor._from.col, budget.anchor._from.row) == (9, 2)
    assert tasks.anchor._from.col == 9 and tasks.anchor._from.row > budget.anchor._from.row + 15
    assert wb[BUDGET]._charts[0].type == "bar"
    with zipfile.ZipFile(path) as archive:
        chart_xml = archive.read("xl/charts/chart1.xml")
    assert b'delete val="1"' not in chart_xml and b"delete/>" not in chart_xml  # both axes shown
    assert not any(axis.delete for chart in charts for axis in (chart.x_axis, chart.y_axis))


@pytest.mark.parametrize("kept", [False, True], ids=["written-anew", "own-sheet-kept"])
def test_a_charts_value_axis_shows_whole_numbers_with_thousands_separated(tmp_path: Path, kept: bool) -> None:
    """1.234.568 in Serbian (Excel shows the format in the reader's locale), never 1234567.5 as the cells hold it."""
    path = tmp_path / "master.xlsx"
    if kept:
        own = openpyxl.Workbook()
        own.active.title = "Mine"
        own.save(path)
    _write(path)
    with zipfile.ZipFile(path) as archive:
        names = [name for name in archive.namelist() if name.startswith("xl/charts/chart")]
        charts = [ElementTree.fromstring(archive.read(name)) for name in names]
    assert len(charts) == 3  # the two charts of the status sheet, the budget sheet's
    chart_ns = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
    for chart in charts:
        (value_axis,) = chart.iter(f"{chart_ns}valAx")
        number_format = value_axis.find(f"{chart_ns}numFmt")
        assert number_format is not None
        assert (number_format.get("formatCode"), number_format.get("sourceLinked")) == ("#,##0", "0")


def _unquoted(reference: str) -> str:
    """A chart's reference without quotes around the sheet name and `$` marks, which each writer sets as it sees fit."""
    return reference.replace("'", "").replace("$", "")


def _coordinator_edits(path: Path) -> None:
    """What the Coordinator does in Excel between two writes."""
    wb = openpyxl.load_workbook(path)
    own = wb.create_sheet("Beleške", index=1)  # between the two managed sheets
    own["A1"] = "Белешке координатора"
    own["A1"].font = Font(bold=True, color="FF0000")
    own["A1"].fill = PatternFill("solid", fgColor="FFFF00")
    own["B2"], own["B3"] = 10, 32
    own["B4"] = "=SUM(B2:B3)+'Статус'!D4"
    own.column_dimensions["A"].width = 55
    wb.defined_names["Ukupno"] = DefinedName("Ukupno", attr_text="'Beleške'!$B$4")
    managed = wb[STATUS]
    managed["A1"] = "edited by hand"
    managed["A20"] = "a row the Coordinator added"
    wb.save(path)


def test_a_name_the_coordinator_defined_keeps_a_master_without_own_sheets(tmp_path: Path) -> None:
    """A master of managed sheets only is written anew, but not one with a name the Coordinator defined for the
    whole workbook: the name is kept. The print titles of the managed sheets (names of a sheet) do not count."""
    path = tmp_path / "master.xlsx"
    _write(path)
    wb = openpyxl.load_workbook(path)
    wb.defined_names["Ukupno"] = DefinedName("Ukupno", attr_text=f"'{STATUS}'!$E$4")
    wb.save(path)

    _write(path, version=2, now=NOW + timedelta(days=1))

    wb = openpyxl.load_workbook(path)
    assert wb.defined_names["Ukupno"].attr_text == f"'{STATUS}'!$E$4"
    assert wb[STATUS]["A1"].value == "Извештаји институција, верзија 2"


def test_second_write_replaces_only_managed_sheets(tmp_path: Path) -> None:
    path = tmp_path / "master.xlsx"
    _write(path)
    _coordinator_edits(path)
    before = path.read_bytes()

    result = _write(path, version=2, now=NOW + timedelta(days=30))

    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == [STATUS, "Beleške", BUDGET, REGISTER_SHEET]  # managed sheets at their places
    own = wb["Beleške"]
    assert own["A1"].value == "Белешке координатора"
    assert own["A1"].font.b and str(own["A1"].font.color.rgb).endswith("FF0000")
    assert str(own["A1"].fill.fgColor.rgb).endswith("FFFF00")
    assert (own["B2"].value, own["B3"].value) == (10, 32)
    assert own["B4"].value == "=SUM(B2:B3)+'Статус'!D4" and own["B4"].data_type == "f"
    assert own.column_dimensions["A"].width == 55
    assert wb.defined_names["Ukupno"].attr_text == "'Beleške'!$B$4"

    managed = wb[STATUS]
    assert managed["A1"].value == "Извештаји институција, верзија 2"
    assert managed["D6"].value == 9
    assert managed["A20"].value is None
    assert len(managed._charts) == 2
    assert wb[REGISTER_SHEET].sheet_state == "hidden"
    assert wb[REGISTER_SHEET]["B2"].value == "2024-04-07T09:30:00"

    assert result.backup is not None and result.backup.read_bytes() == before
    assert result.backup == tmp_path / "backups" / "master.backup-20240407-093000.xlsx"


def test_a_managed_sheet_is_not_read_before_it_is_replaced(tmp_path: Path) -> None:
    """The managed sheets are written anew, so the rewrite does not parse them: one that is damaged (or huge) costs
    nothing, and the Coordinator's own sheet between them is kept as it was."""
    path = tmp_path / "master.xlsx"
    _write(path)
    _coordinator_edits(path)
    damaged = tmp_path / "damaged.xlsx"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(damaged, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":  # openpyxl saves the first sheet (Status) there
                cells = data.index(b"<sheetData>") + len(b"<sheetData>")
                data = data[:cells] + b"<row r='1'><c r='A1'><v>cut off in the middle"  # the sheet's cells damaged
            target.writestr(item, data)
    damaged.replace(path)

    result = _write(path, version=2, now=NOW + timedelta(days=1))

    assert result.path == path and result.warning is None
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == [STATUS, "Beleške", BUDGET, REGISTER_SHEET]
    assert wb[STATUS]["A1"].value == "Извештаји институција, верзија 2"
    assert wb["Beleške"]["B4"].value == "=SUM(B2:B3)+'Статус'!D4"
    assert wb.defined_names["Ukupno"].attr_text == "'Beleške'!$B$4"


def test_a_master_of_managed_sheets_only_is_written_anew_but_a_defined_name_is_kept(tmp_path: Path) -> None:
    """Nothing of the Coordinator's to keep: XlsxWriter writes the master anew (openpyxl would sign it as creator).
    A name he defined is his: the master is then loaded and saved with openpyxl, which keeps it."""
    path = tmp_path / "master.xlsx"
    _write(path)
    _write(path, version=2, now=NOW + timedelta(days=1))
    wb = openpyxl.load_workbook(path)
    assert wb.properties.creator != "openpyxl" and not wb.defined_names
    assert wb[STATUS]["A1"].value == "Извештаји институција, верзија 2"

    wb.defined_names["Ukupno"] = DefinedName("Ukupno", attr_text=f"'{BUDGET}'!$B$4")
    wb.save(path)
    result = _write(path, version=3, now=NOW + timedelta(days=2))
    wb = openpyxl.load_workbook(path)
    assert wb.defined_names["Ukupno"].attr_text == f"'{BUDGET}'!$B$4"
    assert wb[STATUS]["A1"].value == "Извештаји институција, верзија 3"
    assert wb.sheetnames == [STATUS, BUDGET, REGISTER_SHEET] and result.backup is not None


def test_own_sheet_with_a_tables_name_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "master.xlsx"
    wb = openpyxl.Workbook()
    wb.active.title = "budget"  # Excel names ignore case
    wb.save(path)
    before = path.read_bytes()
    with pytest.raises(MasterWriteError, match="budget"):
        _write(path)
    assert path.read_bytes() == before


def test_backups_rotate(tmp_path: Path) -> None:
    path = tmp_path / "master.xlsx"
    for i in range(5):
        _write(path, version=i, now=NOW + timedelta(minutes=i), backups=3)
    backups = sorted(p.name for p in (tmp_path / "backups").iterdir())
    assert backups == [
        "master.backup-20240308-093200.xlsx",
        "master.backup-20240308-093300.xlsx",
        "master.backup-20240308-093400.xlsx",
    ]
    # Two writes in the same second keep both backups.
    _write(path, now=NOW + timedelta(minutes=4), backups=3)
    assert "master.backup-20240308-093400-1.xlsx" in {p.name for p in (tmp_path / "backups").iterdir()}


@pytest.mark.parametrize("kept", [False, True], ids=["written-anew", "own-sheet-kept"])
@pytest.mark.parametrize(
    ("error", "expected"),
    [(OSError(28, "No space left on device"), MasterWriteError), (RuntimeError("bug"), RuntimeError)],
)
def test_crash_during_save_leaves_the_master_byte_identical(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, error: Exception, expected: type[Exception], kept: bool
) -> None:
    path = tmp_path / "master.xlsx"
    _write(path)
    if kept:  # an own sheet: openpyxl saves the master
        wb = openpyxl.load_workbook(path)
        wb.create_sheet("Mine")
        wb.save(path)
    before = path.read_bytes()

    def broken_save(self: ExcelWriter) -> None:
        self.write_data()  # every part written into the temporary file, which is never finished
        raise error

    def broken_close(self: xlsxwriter.Workbook) -> None:
        self.filename.write(b"PK\x03\x04 the start of a package")  # the master is saved in memory first
        raise error

    monkeypatch.setattr(ExcelWriter, "save", broken_save)
    monkeypatch.setattr(xlsxwriter.Workbook, "close", broken_close)
    with pytest.raises(expected):
        _write(path, version=2, now=NOW + timedelta(days=1))

    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["master.xlsx"]  # no temporary file, no backup


def test_master_with_a_chart_on_an_own_sheet_is_not_overwritten(tmp_path: Path) -> None:
    # Pillow is not installed, so the own drawing is a chart; a picture lives in the same drawing part.
    path = tmp_path / "master.xlsx"
    _write(path)
    add_own_chart(path, "Графикон")
    before = path.read_bytes()

    result = _write(path, version=2, now=NOW + timedelta(days=1))

    assert path.read_bytes() == before
    sibling = tmp_path / "master.apmon.xlsx"
    assert result.path == sibling
    assert result.warning is not None and "Графикон" in result.warning and sibling.name in result.warning
    assert result.backup is None
    written = openpyxl.load_workbook(sibling)
    assert written.sheetnames == [STATUS, BUDGET, REGISTER_SHEET]
    assert written[STATUS]["A1"].value == "Извештаји институција, верзија 2"


def _master_with_a_chart(path: Path) -> bytes:
    """A master whose Coordinator's own sheet has a chart (openpyxl would drop it); its bytes."""
    _write(path)
    add_own_chart(path, "Графикон")
    return path.read_bytes()


def test_a_master_with_a_chart_open_in_excel_still_gets_its_sibling_written(tmp_path: Path) -> None:
    """The master with the Coordinator's chart is never replaced: apmon writes `master.apmon.xlsx` beside it. The
    Coordinator keeping master.xlsx open in Excel (its lock file) is then no reason to stop: the run failed and the
    sibling stayed old, though nothing would have touched the open file."""
    path = tmp_path / "master.xlsx"
    before = _master_with_a_chart(path)
    (tmp_path / "~$master.xlsx").write_bytes(b"\x0bKoordinator" + b" " * 42)

    result = _write(path, version=2, now=NOW + timedelta(days=1))

    assert path.read_bytes() == before
    assert result.path == tmp_path / "master.apmon.xlsx"
    assert openpyxl.load_workbook(result.path)[STATUS]["A1"].value == "Извештаји институција, верзија 2"


@pytest.mark.parametrize("lock_name", ["~$master.apmon.xlsx", ".~lock.master.apmon.xlsx#"])
def test_the_sibling_master_open_in_excel_is_not_replaced_under_it(tmp_path: Path, lock_name: str) -> None:
    """`master.apmon.xlsx` is the master the Coordinator reads when her own has a chart: open in Excel on a file
    server, replaced under it, Excel would save its old figures over the new ones, as with the master itself."""
    path = tmp_path / "master.xlsx"
    _master_with_a_chart(path)
    sibling = _write(path, version=2, now=NOW + timedelta(days=1)).path
    sibling_before = sibling.read_bytes()
    (tmp_path / lock_name).write_bytes(b"\x0bKoordinator" + b" " * 42)

    with pytest.raises(MasterWriteError) as raised:
        _write(path, version=3, now=NOW + timedelta(days=2))

    assert raised.value.key == "write.open" and lock_name in raised.value.said("en")
    assert sibling.read_bytes() == sibling_before


def test_own_sheet_with_a_hyperlink_and_comment_is_kept(tmp_path: Path) -> None:
    """Hyperlinks and comments are relationships openpyxl writes back: no sibling file for them."""
    path = tmp_path / "master.xlsx"
    _write(path)
    wb = openpyxl.load_workbook(path)
    own = wb.create_sheet("Linkovi")
    own["A1"] = "sajt"
    own["A1"].hyperlink = "https://example.org"
    own["A2"] = "komentar"
    own["A2"].comment = openpyxl.comments.Comment("Proveriti", "Koordinator")
    wb.save(path)

    result = _write(path, version=2, now=NOW + timedelta(days=1))

    assert result.path == path and result.warning is None
    kept = openpyxl.load_workbook(path)["Linkovi"]
    assert kept["A1"].hyperlink.target == "https://example.org"
    assert kept["A2"].comment.text == "Proveriti"


@pytest.mark.parametrize(
    "content", [b"not a workbook at all", b"PK\x03\x04truncated", "zip-without-workbook"], ids=["text", "cut", "zip"]
)
def test_unreadable_master_raises_one_error_naming_the_file(tmp_path: Path, content: bytes | str) -> None:
    path = tmp_path / "master.xlsx"
    if content == "zip-without-workbook":
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr("hello.txt", "hi")
    else:
        assert isinstance(content, bytes)
        path.write_bytes(content)
    before = path.read_bytes()
    with pytest.raises(MasterWriteError, match=r"master\.xlsx") as caught:
        _write(path)
    assert caught.value.__cause__ is not None
    assert path.read_bytes() == before


def test_a_master_whose_sheets_cannot_be_listed_is_left_as_it_is(tmp_path: Path) -> None:
    """Excel can save a workbook as Strict Open XML, another namespace: its sheets, own ones among them, are not
    found where they are looked for. Such a master is refused, not taken for one without own sheets and
    overwritten."""
    path = tmp_path / "master.xlsx"
    _write(path)
    strict = tmp_path / "strict.xlsx"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(strict, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item)
            if item.filename == "xl/workbook.xml":
                content = content.replace(
                    b"http://schemas.openxmlformats.org/spreadsheetml/2006/main",
                    b"http://purl.oclc.org/ooxml/spreadsheetml/main",
                )
            target.writestr(item, content)
    strict.replace(path)
    before = path.read_bytes()

    with pytest.raises(MasterWriteError, match=r"master\.xlsx") as caught:
        _write(path, version=2)
    assert path.read_bytes() == before
    assert "Strict Open XML" in str(caught.value) and "sačuvajte kao" in caught.value.said("sr-Latn")


@pytest.mark.parametrize("own_sheet", [False, True], ids=["managed sheets only", "with an own sheet"])
def test_locked_master_raises(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, own_sheet: bool) -> None:
    """Excel on Windows locks an open workbook: reading it raises PermissionError. A master of managed sheets only
    is looked into as a package (zipfile); one with an own sheet is then loaded with openpyxl."""
    path = tmp_path / "master.xlsx"
    _write(path)
    if own_sheet:
        wb = openpyxl.load_workbook(path)
        wb.create_sheet("Beleške")["A1"] = "moje"
        wb.save(path)
    before = path.read_bytes()

    def locked(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "The process cannot access the file because it is being used by another process")

    # Looked up when a master is read: the package for every master, openpyxl only for one with an own sheet.
    monkeypatch.setattr("openpyxl.load_workbook" if own_sheet else "zipfile.ZipFile", locked)
    with pytest.raises(MasterWriteError, match="Close it in Excel"):
        _write(path, version=2)
    monkeypatch.undo()
    assert path.read_bytes() == before


def test_replace_refused_keeps_the_master(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "master.xlsx"
    _write(path)
    before = path.read_bytes()

    def refuse(*args: object) -> None:
        raise PermissionError(13, "Access is denied")

    monkeypatch.setattr("apmon.sync.writers.os.replace", refuse)
    with pytest.raises(MasterWriteError, match="open in Excel"):
        _write(path, version=2, now=NOW + timedelta(days=1))
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["backups", "master.xlsx"]


# --------------------------------------------------------------------------- Google: the pure plan


def _requests_of(plan: Any, kind: str) -> list[dict[str, Any]]:
    return [r[kind] for r in plan.requests if kind in r]


def _sheet_ids_in(value: Any) -> set[int]:
    if isinstance(value, dict):
        found = {int(v) for k, v in value.items() if k == "sheetId"}
        for v in value.values():
            found |= _sheet_ids_in(v)
        return found
    if isinstance(value, list):
        return set().union(*(_sheet_ids_in(v) for v in value)) if value else set()
    return set()


def test_google_plan_first_write() -> None:
    existing = [GoogleSheet(0, "Sheet1", 0)]
    plan = plan_google_write(existing, set(), _tables(), "2024-03-08T09:30:00")

    assert _requests_of(plan, "deleteSheet") == []
    added = [a["properties"] for a in _requests_of(plan, "addSheet")]
    # Before the own Sheet1; the register last.
    assert [(p["title"], p["index"]) for p in added] == [(STATUS, 0), (BUDGET, 1), (REGISTER_SHEET, 3)]
    assert added[-1]["hidden"] is True
    assert added[0]["gridProperties"]["frozenRowCount"] == 3
    ids = {p["title"]: p["sheetId"] for p in added}
    assert ids == plan.sheet_ids and 0 not in ids.values() and len(set(ids.values())) == 3
    # Every later request points at a sheet added in this batch.
    others = [r for r in plan.requests if "addSheet" not in r]
    assert _sheet_ids_in(others) <= set(ids.values())


def test_google_plan_formats_highlights_filter_and_charts() -> None:
    plan = plan_google_write([GoogleSheet(0, "Sheet1", 0)], set(), _tables(), "now")
    sid = plan.sheet_ids[STATUS]
    repeats = [r for r in _requests_of(plan, "repeatCell") if r["range"]["sheetId"] == sid]
    formats = {
        r["range"]["startColumnIndex"]: r["cell"]["userEnteredFormat"]["numberFormat"]
        for r in repeats
        if r["fields"] == "userEnteredFormat.numberFormat"
    }
    assert formats == {
        3: {"type": "NUMBER", "pattern": "#,##0"},
        4: {"type": "NUMBER", "pattern": "#,##0.00"},
        5: {"type": "NUMBER", "pattern": "#,##0.00"},
        6: {"type": "PERCENT", "pattern": "0.0%"},
    }
    fills = [r for r in repeats if r["fields"] == "userEnteredFormat.backgroundColor"]
    # missing (C5) and late (C6) are adjacent but differ in mark: two requests; five highlights in all.
    cells = {
        (r["range"]["startRowIndex"], r["range"]["startColumnIndex"]): r["cell"]["userEnteredFormat"] for r in fills
    }
    assert set(cells) == {(3, 3), (4, 2), (5, 2), (4, 5), (5, 6)}
    assert cells[(4, 5)]["backgroundColor"] == {"red": 1.0, "green": 199 / 255, "blue": 206 / 255}
    widths = [r for r in _requests_of(plan, "updateDimensionProperties") if r["range"]["sheetId"] == sid]
    assert len(widths) == 8 and widths[0]["properties"]["pixelSize"] == 30 * 7 + 5

    filters = [
        r["filter"]["range"] for r in _requests_of(plan, "setBasicFilter") if r["filter"]["range"]["sheetId"] == sid
    ]
    assert filters == [
        {"sheetId": sid, "startRowIndex": 2, "endRowIndex": 6, "startColumnIndex": 0, "endColumnIndex": 8}
    ]

    charts = [c["chart"] for c in _requests_of(plan, "addChart")]
    assert len(charts) == 3
    budget, tasks, by_goal = charts
    basic = budget["spec"]["basicChart"]
    assert basic["chartType"] == "COLUMN" and basic["stackedType"] == "NOT_STACKED" and basic["headerCount"] == 1
    column_range = {"sheetId": sid, "startRowIndex": 2, "endRowIndex": 6}
    assert basic["domains"][0]["domain"]["sourceRange"]["sources"] == [
        {**column_range, "startColumnIndex": 0, "endColumnIndex": 1}
    ]
    assert [s["series"]["sourceRange"]["sources"][0] for s in basic["series"]] == [
        {**column_range, "startColumnIndex": 4, "endColumnIndex": 5},
        {**column_range, "startColumnIndex": 5, "endColumnIndex": 6},
    ]
    assert budget["position"]["overlayPosition"]["anchorCell"] == {"sheetId": sid, "rowIndex": 2, "columnIndex": 9}
    assert tasks["spec"]["basicChart"]["stackedType"] == "STACKED"
    assert tasks["position"]["overlayPosition"]["anchorCell"]["rowIndex"] == 22
    assert by_goal["spec"]["basicChart"]["chartType"] == "BAR"
    assert by_goal["spec"]["basicChart"]["series"][0]["targetAxis"] == "BOTTOM_AXIS"


def test_google_plan_values_are_raw_text_numbers_and_dates() -> None:
    plan = plan_google_write([GoogleSheet(0, "Sheet1", 0)], set(), _tables(), "2024-03-08T09:30:00")
    ranges = {d["range"]: d["values"] for d in plan.data}
    assert set(ranges) == {"'Статус'!A1", "'Budget'!A1"}  # the register is filled in the batchUpdate
    status = ranges["'Статус'!A1"]
    assert status[0] == ["Извештаји институција, верзија 1"]
    assert status[3] == [
        "Министарство унутрашњих послова",
        "07.02.2024",
        "06.02.2024 14:05",
        1200,
        1234567.5,
        617283.75,
        0.5,
        FORMULA_TEXT,
    ]
    assert status[4][2] == "" and status[4][5] == 0 and status[4][7] == HYPERLINK_TEXT
    assert status[-1] == ["=не формула"]
    assert ranges["'Budget'!A1"][3] == ["1", 10.25]  # text "1" stays text under RAW
    (register,) = _requests_of(plan, "updateCells")
    assert register["start"]["sheetId"] == plan.sheet_ids[REGISTER_SHEET]
    assert [next(iter(c["userEnteredValue"].values())) for c in register["rows"][1]["values"]] == [
        STATUS,
        "2024-03-08T09:30:00",
        plan.sheet_ids[STATUS],
        "sr-Latn",  # D2 under D1's "lang": the master's language, which the Apps Script speaks
    ]


def test_google_plan_replaces_every_managed_sheet() -> None:
    existing = [
        GoogleSheet(11, STATUS, 0),
        GoogleSheet(12, "Beleške", 1),
        GoogleSheet(13, BUDGET, 2),
        GoogleSheet(14, "Old table", 3),
        GoogleSheet(15, REGISTER_SHEET, 4),
    ]
    managed = {STATUS, BUDGET, "Old table", REGISTER_SHEET}
    plan = plan_google_write(existing, managed, _tables(), "now")

    assert sorted(d["sheetId"] for d in _requests_of(plan, "deleteSheet")) == [11, 13, 14, 15]
    added = [a["properties"] for a in _requests_of(plan, "addSheet")]
    assert [(p["title"], p["index"]) for p in added] == [(STATUS, 0), (BUDGET, 2), (REGISTER_SHEET, 3)]
    assert not {p["sheetId"] for p in added} & {11, 12, 13, 14, 15}
    assert 12 not in _sheet_ids_in(plan.requests)  # the own sheet is never named in a request
    first_add = next(i for i, r in enumerate(plan.requests) if "addSheet" in r)
    assert all("deleteSheet" in r for r in plan.requests[:first_add])


def test_the_register_the_add_in_writes_keeps_the_masters_language_and_every_sheet_managed() -> None:
    """Consolidate in a Google master (the Apps Script) writes the register as the xlsx writer does, with no sheet
    id: its language goes in D as the Google writer's does, so C2 stays empty and the next sync's Google write still
    takes the sheet in A2 for its own (a C2 it took for a sheet id would have made it the Coordinator's)."""
    rows = register_rows([STATUS, BUDGET], "2024-03-08T09:30:00", None, "en")
    assert rows[0][3] == "lang" and rows[1][3] == "en" and rows[1][2] == ""
    existing = [GoogleSheet(11, STATUS, 0), GoogleSheet(13, BUDGET, 1), GoogleSheet(15, REGISTER_SHEET, 2, True)]
    assert google_managed(existing, rows) == {STATUS, BUDGET, REGISTER_SHEET}
    assert master_mark_of(rows) is None  # no mark: a Google master, or a new book


def test_google_plan_with_only_managed_sheets_never_deletes_the_last_visible_one() -> None:
    existing = [GoogleSheet(11, STATUS, 0), GoogleSheet(15, REGISTER_SHEET, 1)]
    plan = plan_google_write(existing, {STATUS, REGISTER_SHEET}, _tables(), "now")
    # The visible managed sheet is moved aside and deleted last, not the hidden register.
    assert plan.requests[0] == {
        "updateSheetProperties": {"properties": {"sheetId": 11, "title": "_apmon_old_11"}, "fields": "title"}
    }
    assert plan.requests[1] == {"deleteSheet": {"sheetId": 15}}
    assert plan.requests[-1] == {"deleteSheet": {"sheetId": 11}}


def test_google_managed_needs_a_matching_sheet_id() -> None:
    existing = [GoogleSheet(1, STATUS, 0), GoogleSheet(2, BUDGET, 1), GoogleSheet(3, REGISTER_SHEET, 2)]
    rows = [[STATUS, "t", 1], [BUDGET, "t", 99], ["Gone", "t", 5]]
    assert google_managed(existing, rows) == {STATUS, REGISTER_SHEET}
    assert google_managed(existing[:2], rows) == set()  # no register: a first write


# --------------------------------------------------------------------------- Google: end to end on the fake


def _api_calls(fake: FakeGoogle, since: int) -> list[tuple[str, str]]:
    return [(r.method, r.path) for r in fake.requests[since:] if r.path != "/token"]


def test_write_master_google_twice(fake_google: FakeGoogle, tmp_path: Path) -> None:
    own_rows: list[list[Any]] = [["Белешка", "=SUM(1,2)"], ["", 42]]
    spreadsheet_id = fake_google.add_spreadsheet("Master", {"Beleške": own_rows})
    book = fake_google.spreadsheets[spreadsheet_id]
    own = book.sheet("Beleške")
    own_id, own_cells = own.sheet_id, dict(own.cells)
    client = make_client(service_account_file(tmp_path), fake_google.endpoints)

    mark = len(fake_google.requests)
    write_master_google(client, spreadsheet_id, _tables(), now=NOW)
    first = _api_calls(fake_google, mark)
    assert [m for m, _ in first] == ["GET", "POST", "POST"]  # no register yet: one read, two writes

    assert [s.title for s in book.sheets] == [STATUS, BUDGET, "Beleške", REGISTER_SHEET]
    status = book.sheet(STATUS)
    assert status.value("A1") == "Извештаји институција, верзија 1"
    assert status.value("H4") == FORMULA_TEXT and status.value("H5") == HYPERLINK_TEXT
    assert status.value("E4") == 1234567.5 and status.value("B4") == "07.02.2024"
    assert len(status.charts) == 2 and status.basic_filter is not None
    assert book.sheet(REGISTER_SHEET).properties.get("hidden") is True

    # The Coordinator edits a managed sheet and moves his own sheet to the front.
    status.cells[(0, 0)] = "edited by hand"
    status.cells[(30, 0)] = "extra"
    book.sheets.remove(own)
    book.sheets.insert(0, own)
    for index, sheet in enumerate(book.sheets):
        sheet.properties["index"] = index

    mark = len(fake_google.requests)
    write_master_google(client, spreadsheet_id, _tables(version=2), now=NOW + timedelta(days=30))
    second = _api_calls(fake_google, mark)
    assert [m for m, _ in second] == ["GET", "GET", "POST", "POST"]  # at most 2 reads + 2 writes
    assert second[1][1].endswith(f"/values/'{REGISTER_SHEET}'!A2:C")
    values_body = fake_google.requests[-1].body
    assert values_body["valueInputOption"] == "RAW"

    assert [s.title for s in book.sheets] == ["Beleške", STATUS, BUDGET, REGISTER_SHEET]
    own_after = book.sheet("Beleške")
    assert own_after.sheet_id == own_id and own_after.cells == own_cells and own_after.formats == []
    status = book.sheet(STATUS)
    assert status.value("A1") == "Извештаји институција, верзија 2"
    assert status.value("A31") is None
    assert status.value("D6") == 9
    assert len(status.charts) == 2
    register = book.sheet(REGISTER_SHEET)
    assert register.value("A2") == STATUS and register.value("B2") == "2024-04-07T09:30:00"
    assert register.value("C2") == status.sheet_id


def test_write_master_google_refuses_to_take_an_own_sheets_name(fake_google: FakeGoogle, tmp_path: Path) -> None:
    spreadsheet_id = fake_google.add_spreadsheet("Master", {"BUDGET": [["mine"]]})
    client = make_client(service_account_file(tmp_path), fake_google.endpoints)
    with pytest.raises(MasterWriteError, match="BUDGET"):
        write_master_google(client, spreadsheet_id, _tables(), now=NOW)
    assert [r.method for r in fake_google.requests if r.path != "/token"] == ["GET"]  # nothing written


def test_a_chart_can_draw_another_managed_sheets_rows(tmp_path: Path) -> None:
    status, budget = _tables()
    overview = Table(
        sheet="Pregled",
        title="Pregled",
        columns=[TableColumn(key="text", header="Ključni podaci")],
        rows=[["Izveštaji: 3 od 3"]],
        charts=[Chart(title="Budžet po cilju", categories="goal", series=["amount"], source=BUDGET)],
    )
    path = tmp_path / "master.xlsx"
    write_master_xlsx([overview, status, budget], path, now=NOW)
    (chart,) = openpyxl.load_workbook(path)["Pregled"]._charts
    assert [_unquoted(s.val.numRef.f) for s in chart.series] == [f"{BUDGET}!B4:B5"]
    assert {_unquoted((s.cat.numRef or s.cat.strRef).f) for s in chart.series} == {f"{BUDGET}!A4:A5"}

    plan = plan_google_write([], set(), [overview, status, budget], "2024-03-08T10:00:00")
    (add,) = [
        r["addChart"]
        for r in plan.requests
        if "addChart" in r and r["addChart"]["chart"]["spec"]["title"] == "Budžet po cilju"
    ]
    source = add["chart"]["spec"]["basicChart"]["series"][0]["series"]["sourceRange"]["sources"][0]
    assert source["sheetId"] == plan.sheet_ids[BUDGET]
    assert add["chart"]["position"]["overlayPosition"]["anchorCell"]["sheetId"] == plan.sheet_ids["Pregled"]

    with pytest.raises(ValueError, match="draws 'Nowhere'"):
        write_master_xlsx(
            [overview.model_copy(update={"charts": [overview.charts[0].model_copy(update={"source": "Nowhere"})]})],
            path,
            now=NOW,
        )


# --------------------------------------------------------------------------- the Writer seam


def test_the_masters_are_writers_that_say_what_they_wrote(fake_google: FakeGoogle, tmp_path: Path) -> None:
    spreadsheet_id = fake_google.add_spreadsheet("Master", {"Beleške": [["mine"]]})
    client = make_client(service_account_file(tmp_path), fake_google.endpoints)
    path = tmp_path / "master.xlsx"
    writers: list[Writer] = [XlsxMaster(path, backups=0), GoogleMaster(client, spreadsheet_id)]
    written = [writer.write(_tables(), NOW) for writer in writers]
    assert [(w.writer, w.target) for w in written] == [("master", str(path)), ("google master", spreadsheet_id)]
    assert all(w.sheets == [STATUS, BUDGET] and w.rows == {STATUS: 3, BUDGET: 2} for w in written)
    assert openpyxl.load_workbook(path)[STATUS]["A1"].value == "Извештаји институција, верзија 1"
    assert [s.title for s in fake_google.spreadsheets[spreadsheet_id].sheets][:2] == [STATUS, BUDGET]

    with pytest.raises(MasterWriteError, match=spreadsheet_id):  # its key cannot be used: nothing is written
        GoogleMaster(None, spreadsheet_id).write(_tables(2), NOW)
    with pytest.raises(OwnSheetClash) as clash:
        GoogleMaster(client, fake_google.add_spreadsheet("Other", {BUDGET: [["mine"]]})).write(_tables(), NOW)
    assert clash.value.sheet == BUDGET


# --------------------------------------------------------------------------- notes under a table, on paper

LONG_NOTE = (
    "Vreme dostavljanja (po beogradskom vremenu) odlučuje da li je izveštaj stigao na vreme; oznaka Dostavi je vreme "
    "koje je dugme Dostavi upisalo u radnu svesku, a kada je nema, vreme poslednje izmene datoteke. "
) * 4


def _noted(columns: int) -> Table:
    return Table(
        sheet="Dostavljanje",
        title="Mesečni izveštaji",
        columns=[
            TableColumn(key="code", header="Institucija", width=12),
            *(TableColumn(key=f"m{j}", header=f"2018-{j:02d}", width=14) for j in range(1, columns)),
        ],
        rows=[["MUP", *["na vreme"] * (columns - 1)]],
        notes=["Kratka napomena.", LONG_NOTE],
    )


@pytest.mark.parametrize("kept", [False, True])  # a master written anew (XlsxWriter), one kept (openpyxl)
@pytest.mark.parametrize("columns", [6, 30])  # one page wide; a month a column, printed across pages
def test_a_long_note_wraps_within_the_columns_its_page_prints(tmp_path: Path, kept: bool, columns: int) -> None:
    """A note is one cell in column A: a long one ran on past the table's last column, cut off on paper. It is
    merged across the columns of the first printed page, wrapped, and its row is tall enough for its lines."""
    path = tmp_path / "master.xlsx"
    if kept:  # a sheet of the Coordinator's own keeps the workbook: its managed sheets are made again in it
        write_master_xlsx([_noted(columns)], path, now=NOW)
        book = openpyxl.load_workbook(path)
        book.create_sheet("Beleške")["A1"] = "Белешке координатора"
        book.save(path)
    write_master_xlsx([_noted(columns)], path, now=NOW)
    sheet = openpyxl.load_workbook(path)["Dostavljanje"]
    row = next(r for r in range(1, sheet.max_row + 1) if sheet.cell(r, 1).value == LONG_NOTE)
    [span] = [m for m in sheet.merged_cells.ranges if m.min_row == row]
    assert (span.min_col, span.max_row) == (1, row)
    assert sheet.cell(row, 1).alignment.wrap_text
    # Columns by their widths as Excel draws them (7 pixels a character and 5 of padding): one A4 page, landscape,
    # holds 1045 pixels, at the smallest scale the sheets print (78%) 1340.
    stored = {c: d.width for d in sheet.column_dimensions.values() for c in range(d.min, d.max + 1)}  # a run of columns
    widths = [stored[c] for c in range(1, columns + 1)]
    pixels = [round(w * 7) for w in widths]  # the stored width holds the 5 pixels of padding
    assert sum(pixels[: span.max_col]) <= 1045 / 0.78
    assert span.max_col == columns or sum(pixels[: span.max_col + 1]) > 1045 / 0.78  # the whole first page
    characters = sum(widths[: span.max_col])
    assert sheet.row_dimensions[row].height / 15 >= len(LONG_NOTE) / characters
    short = next(r for r in range(1, sheet.max_row + 1) if sheet.cell(r, 1).value == "Kratka napomena.")
    assert short == row - 1


def test_google_plan_writes_texts_without_direction_controls() -> None:
    """The Google master got a typed text with U+202E (shown reversed) and the isolates as they were; the xlsx
    writers already drop them. The right-to-left mark stays, every other character as typed."""
    typed = "Isplatiti \u202e1000 dinara\u202c, \u2066Ђурђевдан\u2069\u200f"
    table = Table(
        sheet="Problems",
        title=f"Naslov \u202b{typed}",
        columns=[TableColumn(key="text", header="Opis\u202d")],
        rows=[[typed]],
        notes=[typed],
    )
    plan = plan_google_write([GoogleSheet(0, "Sheet1", 0)], set(), [table], "now")
    (values,) = [d["values"] for d in plan.data]
    shown = "Isplatiti 1000 dinara, Ђурђевдан\u200f"
    assert values == [[f"Naslov {shown}"], [""], ["Opis"], [shown], [""], [shown]]  # it was: every control kept


def _row_pixels(sheet: Any, row: int) -> int | None:
    """The height a row was given (updateDimensionProperties over ROWS; 1-based `row`), None when none."""
    for entry in reversed(sheet.formats):
        update = entry.get("updateDimensionProperties") or {}
        span = update.get("range") or {}
        if span.get("dimension") == "ROWS" and span["startIndex"] <= row - 1 < span["endIndex"]:
            return int(update["properties"]["pixelSize"])
    return None


@pytest.mark.parametrize("columns", [6, 30])  # one page wide; a month a column, printed across pages
def test_a_long_note_wraps_in_the_google_master_as_in_the_xlsx(
    fake_google: FakeGoogle, tmp_path: Path, columns: int
) -> None:
    """The Google master's notes were one line each: a long one ran on past the table and was cut off where the
    sheet ends. As in the xlsx master, it is merged across the columns the first printed page holds, wrapped
    (Google's wrapStrategy WRAP), aligned to the top, and its row is tall enough for its lines."""
    table = _noted(columns)
    write_master_xlsx([table], tmp_path / "master.xlsx", now=NOW)
    xlsx = openpyxl.load_workbook(tmp_path / "master.xlsx")["Dostavljanje"]
    [xlsx_span] = [m for m in xlsx.merged_cells.ranges if xlsx.cell(m.min_row, 1).value == LONG_NOTE]

    spreadsheet_id = fake_google.add_spreadsheet("Master", {"Beleške": [["mine"]]})
    client = make_client(service_account_file(tmp_path), fake_google.endpoints)
    write_master_google(client, spreadsheet_id, [table], now=NOW)
    sheet = fake_google.spreadsheets[spreadsheet_id].sheet("Dostavljanje")
    row = next(r + 1 for (r, c), value in sheet.cells.items() if c == 0 and value == LONG_NOTE)
    assert sheet.format_at(f"A{row}", "wrapStrategy") == "WRAP"
    assert sheet.format_at(f"A{row}", "verticalAlignment") == "TOP"
    merged = sheet.merge_at(f"A{row}")
    assert merged is not None
    assert (merged["startRowIndex"], merged["endRowIndex"], merged["startColumnIndex"]) == (row - 1, row, 0)
    assert merged["endColumnIndex"] == xlsx_span.max_col  # the columns the xlsx master merges it across
    pixels = [_column_pixels(sheet, c) for c in range(merged["endColumnIndex"])]
    height = _row_pixels(sheet, row)
    assert height is not None and height / 21 >= len(LONG_NOTE) * 7 / sum(pixels)  # 21 pixels a line, 7 a character
    short = next(r + 1 for (r, c), value in sheet.cells.items() if c == 0 and value == "Kratka napomena.")
    assert short == row - 1 and sheet.merge_at(f"A{short}") is None and _row_pixels(sheet, short) is None


def _column_pixels(sheet: Any, column: int) -> int:
    for entry in reversed(sheet.formats):
        update = entry.get("updateDimensionProperties") or {}
        span = update.get("range") or {}
        if span.get("dimension") == "COLUMNS" and span["startIndex"] <= column < span["endIndex"]:
            return int(update["properties"]["pixelSize"])
    return 100  # Google's default column width


@pytest.mark.parametrize(
    ("request_", "refused"),
    [
        (
            {"repeatCell": {"cell": {"userEnteredFormat": {"wrapStrategy": "WRAPPED"}}, "fields": "userEnteredFormat"}},
            "user_entered_format.wrap_strategy",
        ),
        ({"mergeCells": {"range": {"startRowIndex": 5, "endRowIndex": 6}, "mergeType": "ALL"}}, "merge_type"),
        ({"mergeCells": {"range": {"startRowIndex": 0, "endRowIndex": 5}, "mergeType": "MERGE_ALL"}}, "frozen"),
    ],
    ids=["wrap-strategy", "merge-type", "merge-across-frozen-rows"],
)
def test_the_fake_refuses_the_formats_google_refuses(
    fake_google: FakeGoogle, tmp_path: Path, request_: dict[str, Any], refused: str
) -> None:
    """A wrapStrategy or mergeType outside Google's enums, and a merge across the edge of the frozen rows, are a 400
    for the whole batch, as Google answers them; the fake took any wrapStrategy and knew no merge."""
    import gspread

    spreadsheet_id = fake_google.add_spreadsheet("S", {"A": [["x"]]})
    client = make_client(service_account_file(tmp_path), fake_google.endpoints)
    spreadsheet = client.open_by_key(spreadsheet_id)
    spreadsheet.batch_update(
        {
            "requests": [
                {
                    "updateSheetProperties": {
                        "properties": {"gridProperties": {"frozenRowCount": 3}},
                        "fields": "gridProperties.frozenRowCount",
                    }
                }
            ]
        }
    )
    for kind in request_.values():
        kind.setdefault("range", {}).setdefault("sheetId", spreadsheet.sheet1.id)
    with pytest.raises(gspread.exceptions.APIError) as error:
        spreadsheet.batch_update({"requests": [request_]})
    assert error.value.code == 400 and refused in str(error.value)


def test_an_english_google_master_says_its_dates_as_english_does(fake_google: FakeGoogle, tmp_path: Path) -> None:
    """The Google master wrote every date as DD.MM.YYYY text whatever its language: an English reader takes
    07.02.2024 for 2 July. An English master says them as every English text does (schemas.dates); a Serbian one
    keeps DD.MM.YYYY, as its xlsx cells show them."""
    client = make_client(service_account_file(tmp_path), fake_google.endpoints)
    english = fake_google.add_spreadsheet("Master", {"Notes": [["mine"]]})
    GoogleMaster(client, english, "en").write(_tables(), NOW)
    serbian = fake_google.add_spreadsheet("Master", {"Beleške": [["mine"]]})
    GoogleMaster(client, serbian).write(_tables(), NOW)
    # _tables' Status: its first row due 7 Feb 2024, received 6 Feb 2024 14:05, in B4 and C4
    shown = {book: fake_google.spreadsheets[book].sheet(STATUS).cells for book in (english, serbian)}
    assert (shown[english][(3, 1)], shown[english][(3, 2)]) == ("7 Feb 2024", "6 Feb 2024 14:05")
    assert (shown[serbian][(3, 1)], shown[serbian][(3, 2)]) == ("07.02.2024", "06.02.2024 14:05")


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
def test_the_master_keeps_its_mode_and_a_file_made_meanwhile_gets_the_umasks(tmp_path: Path) -> None:
    """The sync service writes the master while other threads of the process (the add-in server's, the
    scheduler's) make files: the master gets the mode any new file gets, then keeps the one it has, and a file made
    at any moment of the write gets the umask's mode. The write set the process's umask to 0 for a moment, so a file
    made then was writable by everyone. Each call of the operating system during the write is such a moment."""
    made: list[int] = []

    def another_thread_makes_a_file(frame: Any, event: str, function: Any) -> None:
        if event == "c_return" and getattr(function, "__module__", None) == os.name:  # os.umask, os.chmod, ...
            probe = tmp_path / "others" / f"{len(made)}.txt"
            os.close(os.open(probe, os.O_WRONLY | os.O_CREAT, 0o666))
            made.append(stat.S_IMODE(probe.stat().st_mode))

    (tmp_path / "others").mkdir()
    path = tmp_path / "master.xlsx"
    umask = os.umask(0o022)
    try:
        sys.setprofile(another_thread_makes_a_file)
        try:
            _write(path)
        finally:
            sys.setprofile(None)
        first = stat.S_IMODE(path.stat().st_mode)
        path.chmod(0o640)
        _write(path, 2, now=NOW + timedelta(minutes=1))
    finally:
        os.umask(umask)

    assert made and set(made) == {0o644}
    assert (first, stat.S_IMODE(path.stat().st_mode)) == (0o644, 0o640)
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temporary file left
