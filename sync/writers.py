"""Writers of the Coordinator's master workbook: an xlsx file (openpyxl) and a Google spreadsheet (gspread).

Both render the same `Table`s into *managed* sheets and leave every other sheet (the
Coordinator's own) alone. The hidden register sheet `REGISTER_SHEET` lists the managed
sheets of the last write, so the next write knows what it may delete: a sheet the
Coordinator added, or a managed sheet he renamed, is not in the register and is never touched.

xlsx: the master is loaded, its managed sheets are replaced, and the result is saved to a
temporary file in the same folder and moved over the master with `os.replace` after a
backup copy; a failure at any point leaves the previous master as it was. openpyxl keeps
cell values, formulas, styles, widths, merged cells, data validation, conditional formats,
comments, tables, defined names and pivot tables of the sheets it loads, but not drawings
(pictures, shapes; charts only partly), form controls, slicers, sparklines and other Excel
2010+ extensions. When the Coordinator's own sheets hold any of those, the master is left
alone and the managed sheets go to a sibling file `<stem>.apmon.xlsx` instead.

Google: one metadata read, one read of the register (only when it exists), one
`spreadsheets.batchUpdate` (delete the old managed sheets, add the new ones with formats,
filters and charts, and fill the register) and one `values.batchUpdate` with RAW input, so
text is never parsed as a formula or a number. `plan_google_write` builds both bodies
without any I/O. The register is filled inside the batchUpdate, which Google applies all or
nothing, so a write cut after it (the values write failed, the connection dropped) leaves
sheets the next write knows as its own and replaces.
"""

from __future__ import annotations

import glob
import math
import os
import re
import shutil
import tempfile
import warnings
import zipfile
import zlib
from collections.abc import Collection, Iterator, Mapping, Sequence
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import gspread
import openpyxl
from openpyxl import Workbook
from openpyxl.cell.cell import TIME_FORMATS, Cell
from openpyxl.chart import BarChart, Reference
from openpyxl.compat import safe_string
from openpyxl.reader.excel import ExcelReader
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.styles.numbers import is_date_format
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import to_excel
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter
from pydantic import BaseModel, ConfigDict

from schemas.tables import REGISTER_SHEET, Chart, ColumnKind, Mark, Table
from sync.google_api import GOOGLE_ERRORS, describe

Json = dict[str, Any]

# Layout of a managed sheet (1-based rows, as Excel counts them).
TITLE_ROW = 1
SUBTITLE_ROW = 2
HEADER_ROW = 3
FIRST_DATA_ROW = 4

MARK_COLOURS: dict[Mark, str] = {
    "error": "FFC7CE",
    "warning": "FFEB9C",
    "ok": "C6EFCE",
    "missing": "D9D9D9",
    "late": "F8CBAD",
}
HEADER_COLOUR = "DDEBF7"
HEADER_LINE_POINTS = 15  # one line of the default font
NUMBER_FORMATS: dict[ColumnKind, str] = {
    "int": "#,##0",
    "money": "#,##0.00",
    "percent": "0.0%",  # values are fractions 0..1
    "date": "DD.MM.YYYY",
    "datetime": "DD.MM.YYYY HH:MM",
}
INT_FORMAT = NUMBER_FORMATS["int"]
CHART_WIDTH_CM = 18.0
CHART_HEIGHT_CM = 9.0
CHART_ROW_STEP = 20  # 9 cm is about 17 rows of the default height; 3 more keep stacked charts apart
CHART_WIDTH_PX = 680  # 18 cm at 96 dpi
CHART_HEIGHT_PX = 340
EXCEL_MAX_TEXT = 32767  # longer cell text makes Excel report the file as damaged
REGISTER_HEADER = ["sheet", "written_at"]
TEMPORARY_SUFFIX = ".apmon-tmp"  # a master being saved: `.<name>.<random>.apmon-tmp` beside it
GOOGLE_REGISTER_HEADER = ["sheet", "written_at", "sheet_id"]

_BAD_TITLE_CHARS = re.compile(r"[\[\]:*?/\\]")


class MasterWriteError(Exception):
    """The master workbook cannot be read or replaced; the message names the file and what to do.

    Raised before anything is changed, or after a failure that left the previous master as it was.
    """


class MasterWriteResult(BaseModel):
    model_config = ConfigDict(frozen=True)

    path: Path  # the file written: the master, or the sibling file when the master could not be kept whole
    sheets: list[str]  # managed sheets written, in order
    backup: Path | None = None  # copy of the previous master, when there was one
    warning: str | None = None  # set when the master was left alone and `path` is the sibling file
    rows: dict[str, int]  # data rows per managed sheet


# --------------------------------------------------------------------------- checks and sheet order


def check_tables(tables: Sequence[Table]) -> None:
    """Raise ValueError for tables no spreadsheet can hold: a bug upstream, caught before any file is touched."""
    if not tables:
        raise ValueError("nothing to write: no tables")
    seen: set[str] = set()
    by_sheet = {t.sheet: t for t in tables}
    for table in tables:
        name = table.sheet
        if not name.strip() or _BAD_TITLE_CHARS.search(name) or name.startswith("'") or name.endswith("'"):
            raise ValueError(f"sheet name {name!r} is not allowed by Excel (empty, [ ] : * ? / \\ or edge quote)")
        key = name.casefold()
        if key == REGISTER_SHEET.casefold():
            raise ValueError(f"sheet name {name!r} is reserved for the register of managed sheets")
        if key in seen:
            raise ValueError(f"two tables write the sheet {name!r} (sheet names ignore case)")
        seen.add(key)
        keys = {column.key for column in table.columns}
        if not keys:
            raise ValueError(f"table {name!r} has no columns")
        for i, row in enumerate(table.rows):
            if len(row) > len(table.columns):
                raise ValueError(f"table {name!r} row {i} has {len(row)} values for {len(table.columns)} columns")
        for mark in table.highlights:
            if mark.column not in keys or not 0 <= mark.row < len(table.rows):
                raise ValueError(f"table {name!r} highlights a cell outside it: row {mark.row}, {mark.column!r}")
        for chart in table.charts:
            if chart.source is not None and chart.source not in by_sheet:
                raise ValueError(f"table {name!r} chart {chart.title!r} draws {chart.source!r}, which is not written")
            data_keys = {c.key for c in by_sheet[chart.source].columns} if chart.source else keys
            unknown = [key for key in [chart.categories, *chart.series] if key not in data_keys]
            if unknown or not chart.series:
                raise ValueError(f"table {name!r} chart {chart.title!r} names unknown or no columns: {unknown}")


def own_clashes(existing: Sequence[str], managed: Collection[str], new: Sequence[str]) -> list[str]:
    """The Coordinator's own sheets whose names (ignoring case, as Excel and Google do) a table would take."""
    managed_keys = {title.casefold() for title in managed}
    wanted = {title.casefold() for title in [*new, REGISTER_SHEET]}
    return [t for t in existing if t.casefold() in wanted and t.casefold() not in managed_keys]


def sheet_order(existing: Sequence[str], managed: Collection[str], new: Sequence[str]) -> list[str]:
    """The sheet order after a write (register excluded).

    Own sheets keep their order. A managed sheet written again keeps its previous place;
    a new one goes right after the table before it (the first table: before the first
    placed one). On a first write, when no managed sheet exists yet, the tables go first.
    """
    managed_keys = {title.casefold() for title in managed}
    new_by_key = {title.casefold(): title for title in new}
    order: list[str] = []
    for title in existing:
        key = title.casefold()
        if key not in managed_keys:
            order.append(title)
        elif key in new_by_key:
            order.append(new_by_key[key])  # the table's spelling wins if only the case changed
    placed = {title.casefold() for title in order if title.casefold() in new_by_key}
    if not placed:
        return [*new, *order]
    previous: str | None = None
    for title in new:
        if title.casefold() not in placed:
            if previous is None:
                at = min(i for i, t in enumerate(order) if t.casefold() in placed)
            else:
                at = order.index(previous) + 1
            order.insert(at, title)
            placed.add(title.casefold())
        previous = title
    return order


# --------------------------------------------------------------------------- xlsx: one sheet
#
# openpyxl writes all of a managed sheet but its cells: widths, frozen header, filter, print setup, charts,
# the style table and the package. The cells (the sheet's <sheetData>) are written here as SpreadsheetML text,
# each text inline so that it can never be read as a formula, and put into the sheet's part as the package is
# saved (_MasterArchive). openpyxl's own cell objects and XML writer cost about 7 µs a cell, most of a master's
# writing time; this costs about a tenth of that.

_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_XML_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"})


def _clean_text(text: str) -> str:
    text = _XML_ILLEGAL.sub("", text)  # control characters and the like cannot be stored in xlsx XML
    if len(text) > EXCEL_MAX_TEXT:
        text = text[: EXCEL_MAX_TEXT - 1] + "…"
    return text


def _finite(value: Decimal | float) -> bool:
    """A number a cell can hold: not NaN or infinite, nor beyond a double's range (Decimal("1E+400"))."""
    if isinstance(value, Decimal) and not value.is_finite():
        return False
    return math.isfinite(float(value))


def _within_double(value: int) -> int | float | str:
    """A whole number as a cell holds it: exact up to 2**53, a double beyond, text past a double's range."""
    if -(2**53) < value < 2**53:
        return value
    return float(value) if abs(value) < 1e308 else str(value)


def _excel_value(value: Any) -> Any:
    """A value as a cell can hold it: numbers, booleans, dates and times without zones, and cleaned text."""
    if isinstance(value, str):  # the most common, first
        return _clean_text(value)
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, Decimal | float) and not _finite(value):
        return str(value)  # Excel has no NaN or infinity; show it rather than hide it
    if isinstance(value, datetime):
        return value.replace(tzinfo=None)  # Excel has no time zones: keep the wall time
    if isinstance(value, int):
        return _within_double(value)
    if isinstance(value, float | Decimal | date):
        return value
    return _clean_text(str(value))


class _Styles:
    """The ids of the cell styles a sheet's cells use, each put into the workbook's style table once."""

    def __init__(self, ws: Any) -> None:
        self.ws = ws  # any sheet of the workbook: the style table is the workbook's
        self.ids: dict[tuple[Any, ...], int] = {}

    def id(
        self,
        font: Font | None = None,
        fill: PatternFill | None = None,
        number_format: str | None = None,
        alignment: Alignment | None = None,
    ) -> int:
        key = (font, fill, number_format, alignment)
        found = self.ids.get(key)
        if found is None:
            cell = Cell(self.ws)  # never placed: it only registers the style
            if font is not None:
                cell.font = font
            if fill is not None:
                cell.fill = fill
            if number_format is not None:
                cell.number_format = number_format
            if alignment is not None:
                cell.alignment = alignment
            found = self.ids[key] = cell.style_id
        return found


def _cell_xml(
    styles: _Styles,
    ref: str,
    value: Any,
    *,
    font: Font | None = None,
    fill: PatternFill | None = None,
    number_format: str | None = None,
    alignment: Alignment | None = None,
) -> str:
    """One cell's <c> element ("" for a blank cell without a style). `number_format` applies to numbers and dates;
    a date always shows as a date: where the format is not a date format it gets openpyxl's default one."""
    styled = font is not None or fill is not None or alignment is not None
    if not styled:  # most cells: plain text and small counts, the quickest way
        kind = type(value)
        if kind is str and (text := _clean_text(value)):
            return _text_xml(ref, 0, text)
        if kind is int and -1000 < value < 1000 and number_format in (None, INT_FORMAT):  # "#,##0" shows it as is
            return f'<c r="{ref}" t="n"><v>{value}</v></c>'
    value = _excel_value(value)
    if value is None or value == "":  # an empty text is a blank cell
        return f'<c r="{ref}" s="{styles.id(font, fill, None, alignment)}"/>' if styled else ""
    if isinstance(value, str):
        return _text_xml(ref, styles.id(font, fill, None, alignment) if styled else 0, value)
    if isinstance(value, bool):
        style = styles.id(font, fill, None, alignment) if styled else 0
        return f'<c r="{ref}"{_s(style)} t="b"><v>{int(value)}</v></c>'
    if isinstance(value, date):
        if number_format is None or not is_date_format(number_format):
            number_format = TIME_FORMATS[type(value)]
        number = to_excel(value, styles.ws.parent.epoch)  # a master may count from 1904 (old Mac Excel files)
    else:
        number = value
        if number_format == INT_FORMAT and isinstance(value, int) and -1000 < value < 1000:
            number_format = None  # shown as General shows it: most counts need no style
    style = styles.id(font, fill, number_format, alignment) if styled or number_format else 0
    return f'<c r="{ref}"{_s(style)} t="n"><v>{number if type(number) is int else safe_string(number)}</v></c>'


def _text_xml(ref: str, style: int, text: str) -> str:
    """A text cell (not empty: a blank cell is `_cell_xml`'s), inline: never read as a formula or an error."""
    space = ' xml:space="preserve"' if text[0].isspace() or text[-1].isspace() else ""  # else Excel trims them
    return f'<c r="{ref}"{_s(style)} t="inlineStr"><is><t{space}>{text.translate(_XML_ESCAPES)}</t></is></c>'


def _s(style: int) -> str:
    return f' s="{style}"' if style else ""


class _SheetData:
    """A sheet's <sheetData> as text, row by row; rows are numbered as Excel numbers them, from 1."""

    def __init__(self) -> None:
        self.parts = ["<sheetData>"]
        self.last_row = self.last_column = 1

    def row(self, r: int, cells: Sequence[str], height: float | None = None) -> None:
        """`cells`: the row's <c> elements from column A on ("" for a blank one)."""
        extra = f' ht="{safe_string(height)}" customHeight="1"' if height is not None else ""
        self.parts.append(f'<row r="{r}"{extra}>{"".join(cells)}</row>')
        self.last_row = max(self.last_row, r)
        self.last_column = max(self.last_column, max((j for j, cell in enumerate(cells, 1) if cell), default=1))

    def xml(self) -> str:
        return "".join([*self.parts, "</sheetData>"])

    def dimension(self) -> str:
        return f"A1:{get_column_letter(self.last_column)}{self.last_row}"


_Cells = dict[int, _SheetData]  # by id() of the worksheet they go into


def render_sheet(ws: Any, table: Table) -> _SheetData:
    """Set up an empty worksheet (normal or write-only) for one table (widths, frozen header, filter, print) and
    return its cells: the title, subtitle, header, data and notes, for `_save_workbook` to put in."""
    width = len(table.columns)
    last_row = HEADER_ROW + len(table.rows)
    for j, column in enumerate(table.columns, start=1):
        ws.column_dimensions[get_column_letter(j)].width = column.width
    ws.freeze_panes = f"A{FIRST_DATA_ROW}"
    ws.auto_filter.ref = f"A{HEADER_ROW}:{get_column_letter(width)}{last_row}"
    # Printed for the Minister and the Council: A4 landscape, one page wide, header rows repeated.
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"1:{HEADER_ROW}"

    styles, cells = _Styles(ws), _SheetData()
    letters = [get_column_letter(j) for j in range(1, width + 1)]
    cells.row(TITLE_ROW, [_cell_xml(styles, f"A{TITLE_ROW}", table.title, font=Font(bold=True, size=14))])
    if table.subtitle:
        cells.row(SUBTITLE_ROW, [_cell_xml(styles, f"A{SUBTITLE_ROW}", table.subtitle, font=Font(italic=True))])
    header_font, header_fill = Font(bold=True), PatternFill("solid", fgColor=HEADER_COLOUR)
    wrapped = Alignment(wrap_text=True, vertical="top")
    header = [
        _cell_xml(styles, f"{letter}{HEADER_ROW}", c.header, font=header_font, fill=header_fill, alignment=wrapped)
        for letter, c in zip(letters, table.columns, strict=True)
    ]
    # Headers wrap within their columns: the header row is as tall as the longest needs.
    lines = max(math.ceil(len(c.header) / max(c.width - 1, 1)) for c in table.columns)
    cells.row(HEADER_ROW, header, height=HEADER_LINE_POINTS * lines if lines > 1 else None)

    fills = {mark: PatternFill("solid", fgColor=colour) for mark, colour in MARK_COLOURS.items()}
    marked = {(mark.row, table.column_index(mark.column)): fills[mark.mark] for mark in table.highlights}
    formats = [NUMBER_FORMATS.get(column.kind) for column in table.columns]
    for i, row in enumerate(table.rows):
        r = FIRST_DATA_ROW + i
        if marked:  # a mark may fall past the end of a short row
            padded = [row[j] if j < len(row) else None for j in range(width)]
            cells.row(
                r,
                [
                    _cell_xml(styles, f"{letters[j]}{r}", v, fill=marked.get((i, j)), number_format=formats[j])
                    for j, v in enumerate(padded)
                ],
            )
        else:
            cells.row(
                r, [_cell_xml(styles, f"{letters[j]}{r}", v, number_format=formats[j]) for j, v in enumerate(row)]
            )

    note_font = Font(italic=True)
    for k, note in enumerate(table.notes, start=last_row + 2):  # after an empty row
        cells.row(k, [_cell_xml(styles, f"A{k}", note, font=note_font)])
    return cells


def add_charts(wb: Any, tables: Sequence[Table]) -> None:
    """The tables' charts, once every managed sheet exists: a chart may draw another sheet's rows."""
    by_sheet = {t.sheet: t for t in tables}
    for table in tables:
        ws = wb[table.sheet]
        for k, spec in enumerate(table.charts):
            data = by_sheet[spec.source] if spec.source else table
            if not data.rows:  # a chart over no rows would point at an empty range
                continue
            anchor = f"{get_column_letter(len(table.columns) + 2)}{HEADER_ROW + k * CHART_ROW_STEP}"
            ws.add_chart(_bar_chart(wb[data.sheet], data, spec), anchor)


def _bar_chart(ws: Worksheet, table: Table, spec: Chart) -> BarChart:
    """A chart over `table`'s rows on the sheet `ws` that holds them."""
    last_row = HEADER_ROW + len(table.rows)
    chart = BarChart()
    chart.type = "bar" if spec.kind == "bar" else "col"
    if spec.kind == "stacked-column":
        chart.grouping = "stacked"
        chart.overlap = 100
    chart.title = spec.title
    if spec.y_title:
        chart.y_axis.title = spec.y_title
    for key in spec.series:
        column = table.column_index(key) + 1
        # From the header row, so the header becomes the series title.
        chart.add_data(Reference(ws, min_col=column, min_row=HEADER_ROW, max_row=last_row), titles_from_data=True)
    categories = table.column_index(spec.categories) + 1
    chart.set_categories(Reference(ws, min_col=categories, min_row=FIRST_DATA_ROW, max_row=last_row))
    chart.width, chart.height = CHART_WIDTH_CM, CHART_HEIGHT_CM
    # openpyxl 3.1 leaves `delete` unset and current Excel then hides both axes.
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    return chart


def _render_register(ws: Any, titles: Sequence[str], written_at: str) -> _SheetData:
    styles, cells = _Styles(ws), _SheetData()
    for r, values in enumerate([REGISTER_HEADER, *([title, written_at] for title in titles)], start=1):
        cells.row(r, [_cell_xml(styles, f"{get_column_letter(j)}{r}", v) for j, v in enumerate(values, 1)])
    ws.sheet_state = "hidden"
    return cells


def _new_workbook(tables: Sequence[Table], written_at: str) -> tuple[Workbook, _Cells]:
    # Write-only: openpyxl keeps no cell objects, and its sheets' cells come from _SheetData anyway.
    wb = Workbook(write_only=True)
    cells: _Cells = {}
    for table in tables:
        ws = wb.create_sheet(table.sheet)
        cells[id(ws)] = render_sheet(ws, table)
    add_charts(wb, tables)
    register = wb.create_sheet(REGISTER_SHEET)
    cells[id(register)] = _render_register(register, [t.sheet for t in tables], written_at)
    wb.active = 0
    return wb, cells


# --------------------------------------------------------------------------- xlsx: the master


@dataclass
class _Loaded:
    workbook: Any
    parts: dict[str, str]  # sheet title -> its part in the package
    stat: tuple[int, int]  # (mtime_ns, size) when read: a change before the replace means someone saved meanwhile


def _stat(path: Path) -> tuple[int, int]:
    info = path.stat()
    return info.st_mtime_ns, info.st_size


def _load_master(path: Path) -> _Loaded:
    try:
        stat = _stat(path)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about parts it drops; _losses names them per sheet
            # ExcelReader rather than load_workbook: its parser also tells which package part holds each sheet.
            reader = ExcelReader(
                str(path),
                read_only=False,
                keep_vba=path.suffix.lower() in (".xlsm", ".xltm"),
                data_only=False,
                keep_links=True,
                rich_text=True,  # the default (False) would flatten the Coordinator's rich-text cells
            )
            reader.read()
            parts = {sheet.name: rel.target for sheet, rel in reader.parser.find_sheets()}
    except PermissionError as exc:
        raise MasterWriteError(
            f"The master workbook '{path}' cannot be opened: it is locked or not readable. "
            "Close it in Excel (or give apmon read access) and run again."
        ) from exc
    except Exception as exc:  # openpyxl raises many kinds on a damaged package
        raise MasterWriteError(
            f"The master workbook '{path}' cannot be read as an Excel workbook ({type(exc).__name__}). "
            "Restore it from its backups folder, or move it away so apmon writes a new one."
        ) from exc
    return _Loaded(reader.wb, parts, stat)


def _registered(wb: Any) -> set[str]:
    """Managed sheets of the previous write: the register and the sheets it lists that still exist."""
    if REGISTER_SHEET not in wb.sheetnames:
        return set()
    listed = {str(row[0]) for row in wb[REGISTER_SHEET].iter_rows(min_row=2, max_col=1, values_only=True) if row[0]}
    return {title for title in wb.sheetnames if title in listed} | {REGISTER_SHEET}


# Sheet relationships openpyxl reads and writes back; anything else on an own sheet would be lost.
_KEPT_RELATIONS = frozenset({"hyperlink", "comments", "vmlDrawing", "table", "pivotTable", "printerSettings"})
_RELATION_NAMES = {
    "drawing": "pictures, charts or shapes",
    "image": "a background picture",
    "oleObject": "embedded objects",
    "package": "embedded objects",
    "ctrlProp": "form controls",
    "control": "form controls",
    "threadedComment": "threaded comments",
    "slicer": "slicers",
    "timeline": "timelines",
    "queryTable": "query tables",
}
_EXTENSION_LIST = re.compile(rb"<(?:\w+:)?extLst[\s>]")
_LOST_PACKAGE_PARTS = {
    "xl/slicerCaches/": "slicers",
    "xl/timelineCaches/": "timelines",
    "xl/model/": "a data model",
    "xl/connections.xml": "data connections",
}


def _losses(loaded: _Loaded, path: Path, own: Sequence[str]) -> dict[str, list[str]]:
    """What openpyxl would drop from the Coordinator's own sheets (and the workbook), by sheet."""
    found: dict[str, list[str]] = {}
    with zipfile.ZipFile(path) as archive:
        for title in own:
            ws = loaded.workbook[title]
            if not isinstance(ws, Worksheet):
                found[title] = ["a chart sheet"]
                continue
            kinds = {str(rel.Type).rsplit("/", 1)[-1] for rel in ws._rels}
            lost = sorted({_RELATION_NAMES.get(kind, kind) for kind in kinds - _KEPT_RELATIONS})
            if "vmlDrawing" in kinds and "comments" not in kinds:
                lost.append("form controls or legacy drawings")
            part = loaded.parts.get(title)
            if part and part in archive.namelist() and _EXTENSION_LIST.search(archive.read(part)):
                lost.append("Excel 2010+ features (sparklines, extended validation or conditional formats)")
            if lost:
                found[title] = lost
        names = archive.namelist()
        package = sorted(
            {what for prefix, what in _LOST_PACKAGE_PARTS.items() if any(n.startswith(prefix) for n in names)}
        )
        if package:
            found["(workbook)"] = package
    return found


def _replace_managed(wb: Any, tables: Sequence[Table], managed: set[str], written_at: str) -> _Cells:
    active = wb.active
    kept_active = active if active is not None and active.title not in managed else None
    existing = [title for title in wb.sheetnames if title != REGISTER_SHEET]
    order = sheet_order(existing, managed - {REGISTER_SHEET}, [t.sheet for t in tables])
    for title in managed:
        wb.remove(wb[title])
    cells: _Cells = {}
    for table in tables:
        ws = wb.create_sheet(table.sheet)
        cells[id(ws)] = render_sheet(ws, table)
        ws.sheet_view.tabSelected = False
    add_charts(wb, tables)
    register = wb.create_sheet(REGISTER_SHEET)
    cells[id(register)] = _render_register(register, [t.sheet for t in tables], written_at)
    by_title = {ws.title: ws for ws in wb._sheets}
    wb._sheets = [by_title[title] for title in order] + [register]  # openpyxl has no public reorder-all
    # Excel refuses a hidden active sheet; keep the Coordinator's active sheet when it is still visible.
    if kept_active is None or kept_active.sheet_state != "visible":
        kept_active = by_title[tables[0].sheet]
        kept_active.sheet_view.tabSelected = True
    wb.active = kept_active
    return cells


def write_master_xlsx(tables: list[Table], path: Path, *, backups: int = 3, now: datetime) -> MasterWriteResult:
    """Write the tables as the managed sheets of the master workbook at `path`, keeping everything else.

    Raises MasterWriteError when the master cannot be read or replaced; the previous
    master is then unchanged. When the Coordinator's own sheets hold things openpyxl
    would drop, the master is not touched: the managed sheets go to `<stem>.apmon.xlsx`
    and the result's `warning` says why.
    """
    check_tables(tables)
    if backups < 0:
        raise ValueError("backups must be 0 or more")
    path = Path(path)
    written_at = now.isoformat(timespec="seconds")
    titles = [t.sheet for t in tables]
    rows = {t.sheet: len(t.rows) for t in tables}

    if not path.exists():
        _save_atomically(*_new_workbook(tables, written_at), path, expected=None, backups=0, now=now)
        return MasterWriteResult(path=path, sheets=titles, rows=rows)

    loaded = _load_master(path)
    wb = loaded.workbook
    managed = _registered(wb)
    own = [title for title in wb.sheetnames if title not in managed]
    clashes = own_clashes(own, managed, titles)
    if clashes:
        raise MasterWriteError(
            f"The master workbook '{path}' has its own sheet '{clashes[0]}', a name apmon writes a table to; "
            "rename that sheet and run again."
        )
    losses = _losses(loaded, path, own)
    if losses:
        sibling = path.with_name(f"{path.stem}.apmon.xlsx")
        _save_atomically(*_new_workbook(tables, written_at), sibling, expected=None, backups=0, now=now)
        found = "; ".join(f"'{title}': {', '.join(what)}" for title, what in losses.items())
        warning = (
            f"The master workbook '{path.name}' was not changed because saving it with apmon would drop "
            f"{found}. The managed sheets were written to '{sibling.name}' instead: copy them into the "
            "master in Excel, or move those objects to a workbook of their own."
        )
        return MasterWriteResult(path=sibling, sheets=titles, warning=warning, rows=rows)

    cells = _replace_managed(wb, tables, managed, written_at)
    backup = _save_atomically(wb, cells, path, expected=loaded.stat, backups=backups, now=now)
    return MasterWriteResult(path=path, sheets=titles, backup=backup, rows=rows)


# --------------------------------------------------------------------------- xlsx: atomic save and backups


def _fsync_file(path: Path) -> None:
    with open(path, "r+b") as handle:  # Windows flushes only handles open for writing
        os.fsync(handle.fileno())


def _fsync_folder(folder: Path) -> None:
    if os.name == "nt":
        return  # Windows cannot open a folder for fsync; NTFS journals the rename itself
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some network file systems refuse; the data itself is already synced
    finally:
        os.close(fd)


def _match_mode(source: Path | None, target: Path) -> None:
    """mkstemp makes a private (0600) file; the master must stay readable as before."""
    try:
        if source is not None and source.exists():
            shutil.copymode(source, target)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(target, 0o666 & ~umask)
    except OSError:
        pass  # a file system without POSIX modes


def remove_temporary_files(path: Path) -> list[Path]:
    """Remove the temporary files that saving `path` leaves when it is cut short (killed, power lost): the ones
    `_save_atomically` makes beside it. Call it only where no other write of `path` can be going on."""
    removed = []
    for leftover in sorted(path.parent.glob(f".{glob.escape(path.name)}.*{TEMPORARY_SUFFIX}")):
        with suppress(OSError):
            leftover.unlink()
            removed.append(leftover)
    return removed


def _save_atomically(
    wb: Any, cells: _Cells, path: Path, *, expected: tuple[int, int] | None, backups: int, now: datetime
) -> Path | None:
    """Save to a temporary file beside `path`, back up the old file, then os.replace. Returns the backup."""
    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TEMPORARY_SUFFIX, dir=folder)
        os.close(fd)
    except OSError as exc:
        raise MasterWriteError(
            f"Cannot write beside '{path}': {exc.strerror or exc}. "
            "Check that the folder exists and that apmon may write there."
        ) from exc
    temporary = Path(name)
    try:
        try:
            _save_workbook(wb, cells, temporary)
            _fsync_file(temporary)
        except OSError as exc:
            raise MasterWriteError(
                f"Saving '{path}' failed: {exc.strerror or exc}. Check free disk space; the previous file is unchanged."
            ) from exc
        if expected is not None and (not path.exists() or _stat(path) != expected):
            raise MasterWriteError(
                f"The master workbook '{path}' changed while apmon was writing it (saved by someone?). "
                "Run again to write over the new version; nothing was changed."
            )
        backup = _backup(path, backups, now) if backups > 0 and path.exists() else None
        _match_mode(path, temporary)
        try:
            os.replace(temporary, path)
        except OSError as exc:
            raise MasterWriteError(
                f"Cannot replace '{path}': {exc.strerror or exc}. It is probably open in Excel: close it and run "
                "again; the previous file is unchanged."
            ) from exc
        _fsync_folder(folder)
        return backup
    finally:
        temporary.unlink(missing_ok=True)


def _save_workbook(wb: Workbook, cells: _Cells, path: Path) -> None:
    """As `Workbook.save`, with each managed sheet's cells put into its part."""
    if wb.write_only and not wb.worksheets:
        wb.create_sheet()  # as Workbook.save: a workbook needs a sheet
    wb.properties.modified = datetime.now(tz=UTC).replace(tzinfo=None)
    with _MasterArchive(path, cells) as archive:
        _MasterWriter(wb, archive).save()
    if archive.cells:  # never, unless openpyxl writes worksheets another way than the version this was made for
        raise MasterWriteError(
            f"The master could not be written: openpyxl {openpyxl.__version__} writes worksheets in a way apmon "
            "does not know. Install the openpyxl version apmon names (pip install -e .) and run again."
        )


_EMPTY_SHEET_DATA = re.compile(r"<sheetData\s*/>|<sheetData>\s*</sheetData>")
_DIMENSION = re.compile(r'<dimension ref="[^"]*"\s*/>')


class _MasterArchive(zipfile.ZipFile):
    """The package openpyxl saves the master into. A managed sheet's part gets its cells on the way in (openpyxl
    writes its rows empty). The fastest deflate: the master is written anew on every run that changes it, and
    level 1 takes about a third less time than the default, for a file a fifth larger."""

    def __init__(self, path: Path, cells: _Cells) -> None:
        super().__init__(path, "w", zipfile.ZIP_DEFLATED, allowZip64=True, compresslevel=1)
        self.cells = dict(cells)  # those not yet put in
        self.sheet: Any = None  # the worksheet whose part is being written

    def write(
        self,
        filename: str | os.PathLike[str],
        arcname: str | os.PathLike[str] | None = None,
        compress_type: int | None = None,
        compresslevel: int | None = None,
    ) -> None:
        sheet = None if self.sheet is None else self.cells.pop(id(self.sheet), None)
        if sheet is None:
            super().write(filename, arcname, compress_type, compresslevel)
            return
        part = Path(filename).read_bytes().decode("utf-8")
        part, found = _EMPTY_SHEET_DATA.subn(lambda _: sheet.xml(), part, count=1)
        if found != 1:
            raise MasterWriteError(f"openpyxl wrote the sheet part {arcname} without the empty rows apmon fills")
        part = _DIMENSION.sub(f'<dimension ref="{sheet.dimension()}"/>', part, count=1)
        self.writestr(str(arcname), part, compress_type, compresslevel)


class _MasterWriter(ExcelWriter):
    """openpyxl's package writer, telling the archive which worksheet the part it writes next belongs to."""

    def __init__(self, wb: Workbook, archive: _MasterArchive) -> None:
        super().__init__(wb, archive)
        self.master_archive = archive

    def write_worksheet(self, ws: Any) -> None:
        self.master_archive.sheet = ws
        try:
            super().write_worksheet(ws)
        finally:
            self.master_archive.sheet = None


_BACKUP_STAMP = re.compile(r"\.backup-(\d{8}-\d{6})(?:-(\d+))?$")


def _backups_of(path: Path) -> Iterator[tuple[tuple[str, int], Path]]:
    folder = path.parent / "backups"
    if not folder.is_dir():
        return
    for candidate in folder.iterdir():
        name = candidate.name
        if not (name.startswith(path.stem) and name.endswith(path.suffix)):
            continue
        match = _BACKUP_STAMP.fullmatch(name[len(path.stem) : len(name) - len(path.suffix)])
        if match:
            yield (match[1], int(match[2] or 0)), candidate


def _backup(path: Path, keep: int, now: datetime) -> Path:
    """Copy the current master into backups/ and keep only the newest `keep` copies."""
    folder = path.parent / "backups"
    stamp = now.strftime("%Y%m%d-%H%M%S")
    target = folder / f"{path.stem}.backup-{stamp}{path.suffix}"
    n = 1
    while target.exists():  # two writes in one second
        target = folder / f"{path.stem}.backup-{stamp}-{n}{path.suffix}"
        n += 1
    try:
        folder.mkdir(exist_ok=True)
        shutil.copy2(path, target)
    except OSError as exc:
        raise MasterWriteError(
            f"Cannot back up '{path}' to '{target}': {exc.strerror or exc}. Check that apmon may write to "
            "the backups folder; the master is unchanged."
        ) from exc
    for _, old in sorted(_backups_of(path))[:-keep]:
        old.unlink(missing_ok=True)
    return target


# --------------------------------------------------------------------------- Google: the pure part


@dataclass(frozen=True)
class GoogleSheet:
    sheet_id: int
    title: str
    index: int


@dataclass
class GooglePlan:
    """The two write bodies of one master write."""

    requests: list[Json] = field(default_factory=list)  # spreadsheets.batchUpdate requests
    data: list[Json] = field(default_factory=list)  # values.batchUpdate ValueRanges (RAW)
    sheet_ids: dict[str, int] = field(default_factory=dict)  # new managed sheet (and register) -> sheetId


def google_sheets(metadata: Mapping[str, Any]) -> list[GoogleSheet]:
    """Sheets of a spreadsheets.get answer, in tab order."""
    sheets = [
        GoogleSheet(int(p.get("sheetId", 0)), str(p["title"]), int(p.get("index", 0)))
        for p in (s.get("properties", {}) for s in metadata.get("sheets", []))
    ]
    return sorted(sheets, key=lambda s: s.index)


def google_managed(existing: Sequence[GoogleSheet], register_rows: Sequence[Sequence[Any]]) -> set[str]:
    """Managed sheets of the previous write: the register, and each sheet it lists whose id still matches.

    The id check means a sheet the Coordinator deleted and re-created under the same name is his own.
    """
    by_title = {s.title: s for s in existing}
    if REGISTER_SHEET not in by_title:
        return set()
    managed = {REGISTER_SHEET}
    if not register_rows:
        # An empty register: a write cut after its structure by an earlier apmon, which filled the register
        # last. Its sheets carry the ids apmon derives from their titles (a sheet of the Coordinator has such
        # an id by chance once in 2e9), so they are replaced rather than taken for the Coordinator's own.
        managed |= {s.title for s in existing if s.sheet_id == _derived_sheet_id(s.title)}
    for row in register_rows:
        if not row or str(row[0]) not in by_title:
            continue
        title = str(row[0])
        recorded = str(row[2]).strip() if len(row) > 2 else ""
        if not recorded or recorded == str(by_title[title].sheet_id):
            managed.add(title)
    return managed


def a1_sheet(title: str) -> str:
    """A sheet title as an A1 range prefix; always quoted, which Google accepts for every title."""
    return "'" + title.replace("'", "''") + "'"


def _rgb(hex_colour: str) -> Json:
    return {
        "red": int(hex_colour[0:2], 16) / 255,
        "green": int(hex_colour[2:4], 16) / 255,
        "blue": int(hex_colour[4:6], 16) / 255,
    }


def google_value(value: Any) -> str | int | float | bool:
    """A cell value as JSON for a RAW write: numbers stay numbers, dates become DD.MM.YYYY text."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return _within_double(value)
    if isinstance(value, Decimal | float):
        if not _finite(value):
            return str(value)
        number = float(value)
        return int(number) if number.is_integer() and abs(number) < 1e15 else number
    if isinstance(value, datetime):
        return value.strftime("%d.%m.%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d.%m.%Y")
    return str(value)


def table_values(table: Table) -> list[list[str | int | float | bool]]:
    """The rows of a managed sheet from A1: title, subtitle, header, data, a gap, notes."""
    width = len(table.columns)
    rows: list[list[str | int | float | bool]] = [[table.title], [table.subtitle]]
    rows.append([column.header for column in table.columns])
    for row in table.rows:
        padded = [*row, *[None] * (width - len(row))]
        rows.append([google_value(value) for value in padded])
    if table.notes:
        rows.append([""])
        rows.extend([note] for note in table.notes)
    return rows


def _derived_sheet_id(title: str) -> int:
    return zlib.crc32(title.encode("utf-8")) % 2_000_000_000 + 1


def _new_sheet_ids(taken: set[int], titles: Sequence[str]) -> dict[str, int]:
    """Deterministic ids not used by any sheet now in the spreadsheet (even ones deleted in the same batch)."""
    ids: dict[str, int] = {}
    used = set(taken)
    for title in titles:
        candidate = _derived_sheet_id(title)
        while candidate in used:
            candidate = candidate % 2_000_000_000 + 1
        used.add(candidate)
        ids[title] = candidate
    return ids


def _grid(sheet_id: int, r0: int, r1: int, c0: int, c1: int) -> Json:
    return {"sheetId": sheet_id, "startRowIndex": r0, "endRowIndex": r1, "startColumnIndex": c0, "endColumnIndex": c1}


def _repeat(grid: Json, fmt: Json, fields: str) -> Json:
    return {"repeatCell": {"range": grid, "cell": {"userEnteredFormat": fmt}, "fields": fields}}


def _runs(rows: list[int]) -> Iterator[tuple[int, int]]:
    """Consecutive row numbers as half-open runs: [1, 2, 3, 7] -> (1, 4), (7, 8)."""
    start = previous = None
    for row in sorted(set(rows)):
        if start is None or previous is None:
            start = previous = row
        elif row == previous + 1:
            previous = row
        else:
            yield start, previous + 1
            start = previous = row
    if start is not None and previous is not None:
        yield start, previous + 1


_GOOGLE_NUMBER_FORMATS: dict[ColumnKind, Json] = {
    "int": {"type": "NUMBER", "pattern": "#,##0"},
    "money": {"type": "NUMBER", "pattern": "#,##0.00"},
    "percent": {"type": "PERCENT", "pattern": "0.0%"},
}  # dates are written as DD.MM.YYYY text, which a number format would not change


def _google_chart(table: Table, spec: Chart, sheet_id: int, k: int, data: Table, data_sheet_id: int) -> Json:
    """A chart on `table`'s sheet drawing the rows of `data` (the same table unless the chart names a source)."""
    last = HEADER_ROW + len(data.rows)  # 0-based end, exclusive: header row index 2 .. last data row

    def column(key: str) -> Json:
        c = data.column_index(key)
        return {"sourceRange": {"sources": [_grid(data_sheet_id, HEADER_ROW - 1, last, c, c + 1)]}}

    bar = spec.kind == "bar"
    value_axis = "BOTTOM_AXIS" if bar else "LEFT_AXIS"  # a BAR chart's values run along the bottom
    domain_axis = "LEFT_AXIS" if bar else "BOTTOM_AXIS"
    axes: list[Json] = [{"position": domain_axis}, {"position": value_axis}]
    if spec.y_title:
        axes[1]["title"] = spec.y_title
    basic: Json = {
        "chartType": "BAR" if bar else "COLUMN",
        "stackedType": "STACKED" if spec.kind == "stacked-column" else "NOT_STACKED",
        "legendPosition": "BOTTOM_LEGEND",
        "axis": axes,
        "domains": [{"domain": column(spec.categories)}],
        "series": [{"series": column(key), "targetAxis": value_axis} for key in spec.series],
        "headerCount": 1,  # the header row names each series
    }
    anchor = {
        "sheetId": sheet_id,
        "rowIndex": HEADER_ROW - 1 + k * CHART_ROW_STEP,
        "columnIndex": len(table.columns) + 1,
    }
    position = {
        "overlayPosition": {"anchorCell": anchor, "widthPixels": CHART_WIDTH_PX, "heightPixels": CHART_HEIGHT_PX}
    }
    return {"addChart": {"chart": {"spec": {"title": spec.title, "basicChart": basic}, "position": position}}}


def _table_requests(table: Table, sheet_id: int, others: Mapping[str, tuple[Table, int]]) -> list[Json]:
    """Formats, widths, highlights, filter and charts of one new managed sheet."""
    width = len(table.columns)
    last = HEADER_ROW + len(table.rows)  # 0-based exclusive end of the data rows
    out: list[Json] = [
        _repeat(
            _grid(sheet_id, 0, 1, 0, 1), {"textFormat": {"bold": True, "fontSize": 14}}, "userEnteredFormat.textFormat"
        ),
        _repeat(_grid(sheet_id, 1, 2, 0, 1), {"textFormat": {"italic": True}}, "userEnteredFormat.textFormat"),
        _repeat(
            _grid(sheet_id, HEADER_ROW - 1, HEADER_ROW, 0, width),
            {
                "backgroundColor": _rgb(HEADER_COLOUR),
                "textFormat": {"bold": True},
                "wrapStrategy": "WRAP",
                "verticalAlignment": "TOP",
            },
            "userEnteredFormat(backgroundColor,textFormat,wrapStrategy,verticalAlignment)",
        ),
    ]
    for j, column in enumerate(table.columns):
        out.append(
            {
                "updateDimensionProperties": {
                    "range": {"sheetId": sheet_id, "dimension": "COLUMNS", "startIndex": j, "endIndex": j + 1},
                    "properties": {"pixelSize": column.width * 7 + 5},  # one character is about 7 px
                    "fields": "pixelSize",
                }
            }
        )
        if column.kind in _GOOGLE_NUMBER_FORMATS and table.rows:
            out.append(
                _repeat(
                    _grid(sheet_id, HEADER_ROW, last, j, j + 1),
                    {"numberFormat": _GOOGLE_NUMBER_FORMATS[column.kind]},
                    "userEnteredFormat.numberFormat",
                )
            )
    # One request per run of adjacent cells in a column with the same mark.
    by_cell: dict[tuple[str, int], Mark] = {}
    for mark in table.highlights:
        by_cell[(mark.column, mark.row)] = mark.mark  # a later highlight of the same cell wins, as in the xlsx
    groups: dict[tuple[str, Mark], list[int]] = {}
    for (key, row), mark_name in by_cell.items():
        groups.setdefault((key, mark_name), []).append(row)
    for (key, mark_name), rows in groups.items():
        c = table.column_index(key)
        for r0, r1 in _runs(rows):
            out.append(
                _repeat(
                    _grid(sheet_id, HEADER_ROW + r0, HEADER_ROW + r1, c, c + 1),
                    {"backgroundColor": _rgb(MARK_COLOURS[mark_name])},
                    "userEnteredFormat.backgroundColor",
                )
            )
    if table.notes:
        start = last + 1
        out.append(
            _repeat(
                _grid(sheet_id, start, start + len(table.notes), 0, 1),
                {"textFormat": {"italic": True}},
                "userEnteredFormat.textFormat",
            )
        )
    out.append({"setBasicFilter": {"filter": {"range": _grid(sheet_id, HEADER_ROW - 1, last, 0, width)}}})
    for k, spec in enumerate(table.charts):
        data, data_id = others[spec.source] if spec.source else (table, sheet_id)
        if data.rows:  # a chart over no rows would point at an empty range
            out.append(_google_chart(table, spec, sheet_id, k, data, data_id))
    return out


def _grid_size(table: Table) -> tuple[int, int]:
    """Rows and columns a new sheet needs: values, notes, and the charts' anchors to the right."""
    used_rows = HEADER_ROW + len(table.rows) + (1 + len(table.notes) if table.notes else 0)
    chart_rows = HEADER_ROW + len(table.charts) * CHART_ROW_STEP
    return max(1000, used_rows, chart_rows), max(26, len(table.columns) + 2)


def plan_google_write(
    existing: Sequence[GoogleSheet], managed: Collection[str], tables: Sequence[Table], written_at: str
) -> GooglePlan:
    """The batchUpdate requests and the RAW values of one write; no I/O.

    Old managed sheets are deleted and the new ones added at their final index in the same
    batch. Google refuses to delete the last visible sheet, so when the spreadsheet holds no
    visible own sheet one old visible sheet is renamed out of the way and deleted at the end.
    The register's rows go in the same batch (see the module's docstring).
    """
    managed_set = set(managed)
    old = [s for s in existing if s.title in managed_set]
    own = [s for s in existing if s.title not in managed_set]
    order = sheet_order(
        [s.title for s in existing if s.title != REGISTER_SHEET],
        managed_set - {REGISTER_SHEET},
        [t.sheet for t in tables],
    )
    ids = _new_sheet_ids({s.sheet_id for s in existing}, [*(t.sheet for t in tables), REGISTER_SHEET])
    plan = GooglePlan(sheet_ids=ids)

    # The register is hidden: deleting every visible sheet but it would leave none visible.
    visible_old = [s for s in old if s.title != REGISTER_SHEET]
    deferred = visible_old[-1] if visible_old and not own else None
    for sheet in old:
        if sheet is deferred:
            plan.requests.append(
                {
                    "updateSheetProperties": {
                        "properties": {"sheetId": sheet.sheet_id, "title": f"_apmon_old_{sheet.sheet_id}"},
                        "fields": "title",
                    }
                }
            )
        else:
            plan.requests.append({"deleteSheet": {"sheetId": sheet.sheet_id}})

    tables_by_title = {t.sheet: t for t in tables}
    # Own sheets are already in order; adding the new ones at ascending final indexes yields `order`.
    for index, title in enumerate(order):
        table = tables_by_title.get(title)
        if table is None:
            continue
        rows, columns = _grid_size(table)
        grid = {"rowCount": rows, "columnCount": columns, "frozenRowCount": HEADER_ROW}
        plan.requests.append(
            {
                "addSheet": {
                    "properties": {"sheetId": ids[title], "title": title, "index": index, "gridProperties": grid}
                }
            }
        )
    register_grid = {"rowCount": max(100, len(tables) + 1), "columnCount": len(GOOGLE_REGISTER_HEADER)}
    plan.requests.append(
        {
            "addSheet": {
                "properties": {
                    "sheetId": ids[REGISTER_SHEET],
                    "title": REGISTER_SHEET,
                    "index": len(order),
                    "hidden": True,
                    "gridProperties": register_grid,
                }
            }
        }
    )
    register_rows: list[list[str | int | float | bool]] = [list(GOOGLE_REGISTER_HEADER)]
    register_rows.extend([t.sheet, written_at, ids[t.sheet]] for t in tables)
    plan.requests.append(
        {
            "updateCells": {
                "start": {"sheetId": ids[REGISTER_SHEET], "rowIndex": 0, "columnIndex": 0},
                "rows": [{"values": [_cell_data(value) for value in row]} for row in register_rows],
                "fields": "userEnteredValue",
            }
        }
    )
    for table in tables:
        plan.requests.extend(_table_requests(table, ids[table.sheet], {t.sheet: (t, ids[t.sheet]) for t in tables}))
    if deferred is not None:
        plan.requests.append({"deleteSheet": {"sheetId": deferred.sheet_id}})

    for table in tables:
        plan.data.append(
            {"range": f"{a1_sheet(table.sheet)}!A1", "majorDimension": "ROWS", "values": table_values(table)}
        )
    return plan


def _cell_data(value: str | int | float | bool) -> Json:
    if isinstance(value, bool):
        return {"userEnteredValue": {"boolValue": value}}
    if isinstance(value, int | float):
        return {"userEnteredValue": {"numberValue": value}}
    return {"userEnteredValue": {"stringValue": value}}


# --------------------------------------------------------------------------- Google: the I/O


def write_master_google(
    client: gspread.Client, spreadsheet_id: str, tables: list[Table], *, now: datetime | None = None
) -> None:
    """Replace the managed sheets of the master Google spreadsheet; the Coordinator's own sheets are not touched.

    API calls: spreadsheets.get, values.get of the register (skipped on a first write),
    spreadsheets.batchUpdate, values.batchUpdate. Every failure is a `MasterWriteError` of one line
    (what failed, what to do); the next write repairs a write cut half-way.
    """
    try:
        _write_master_google(client, spreadsheet_id, tables, now)
    except GOOGLE_ERRORS as exc:
        raise MasterWriteError(
            f"The master Google spreadsheet {spreadsheet_id} was not refreshed: {describe(exc)}. "
            "The next run writes it again."
        ) from exc


def _write_master_google(
    client: gspread.Client, spreadsheet_id: str, tables: list[Table], now: datetime | None
) -> None:
    check_tables(tables)
    written_at = (now or datetime.now(UTC)).isoformat(timespec="seconds")
    http = client.http_client
    metadata = http.fetch_sheet_metadata(
        spreadsheet_id, params={"includeGridData": "false", "fields": "sheets.properties(sheetId,title,index)"}
    )
    existing = google_sheets(metadata)
    register_rows: list[list[Any]] = []
    if any(sheet.title == REGISTER_SHEET for sheet in existing):
        reply = http.values_get(
            spreadsheet_id, f"{a1_sheet(REGISTER_SHEET)}!A2:C", params={"valueRenderOption": "UNFORMATTED_VALUE"}
        )
        register_rows = list(reply.get("values", []))
    managed = google_managed(existing, register_rows)
    clashes = own_clashes([s.title for s in existing if s.title not in managed], managed, [t.sheet for t in tables])
    if clashes:
        raise MasterWriteError(
            f"The master Google spreadsheet {spreadsheet_id} has its own sheet '{clashes[0]}', a name apmon "
            "writes a table to; rename that sheet and run again."
        )
    plan = plan_google_write(existing, managed, tables, written_at)
    http.batch_update(spreadsheet_id, {"requests": plan.requests})
    http.values_batch_update(spreadsheet_id, {"valueInputOption": "RAW", "data": plan.data})
