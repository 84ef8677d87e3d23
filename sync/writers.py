"""Writers of the Coordinator's master workbook: an xlsx file (openpyxl) and a Google spreadsheet (gspread).

Both render the same `Table`s into *managed* sheets and leave every other sheet (the
Coordinator's own) alone. The hidden register sheet `REGISTER_SHEET` lists the managed
sheets of the last write, so the next write knows what it may delete: a sheet the
Coordinator added, or a managed sheet he renamed, is not in the register and is never touched.

xlsx: a master holding nothing of the Coordinator's (a first write, or only managed sheets)
is written anew with XlsxWriter. Otherwise the master is loaded with openpyxl, its managed
sheets are replaced, and it is saved. Either way the file is written to a temporary file in
the same folder and moved over the master with `os.replace` after a backup copy; a failure
at any point leaves the previous master as it was. Both go through the libraries' public
APIs only, and write every text as text (never a formula). openpyxl keeps
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
sheets the next write knows as its own and replaces. When the batchUpdate's answer is lost,
one metadata read tells whether Google applied it (the new register's sheet id is there)
before it is sent again: sent twice, it would be refused for the sheets the first deleted.
"""

from __future__ import annotations

import contextlib
import io
import math
import os
import posixpath
import re
import secrets
import shutil
import warnings
import zipfile
import zlib
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, ClassVar, NamedTuple, Protocol
from xml.etree import ElementTree

import xlsxwriter
from pydantic import BaseModel, ConfigDict
from xlsxwriter.exceptions import FileCreateError

from apmon.schemas.a1 import runs
from apmon.schemas.dates import day_said, moment_said
from apmon.schemas.messages import text_of
from apmon.schemas.messages_cli import LOST_NAMES
from apmon.schemas.paper import (
    MIN_SHRUNK_WIDTH,
    PageTexts,
    column_pixels,
    first_page_columns,
    fit_widths,
    pages_wide,
)
from apmon.schemas.said import Sayable, os_reason, say
from apmon.schemas.tables import (
    ISSUED_REPORT_MARK,
    MASTER_MARK,
    REGISTER_SHEET,
    Chart,
    ColumnKind,
    Mark,
    Table,
    TableColumn,
    master_mark_of,
    registered_sheets,
)
from apmon.schemas.text import Lang, cell_safe, without_direction_controls
from apmon.sync.config import BACKUPS_FOLDER
from apmon.sync.leftovers import TEMPORARY_SUFFIX, remove_temporary_files  # noqa: F401  (re-exported)
from apmon.templates.layout import HEADER_LETTER, header_lines
from apmon.templates.paper import set_a4_print
from apmon.templates.plan_file import fsync_folder, temporary_beside

# openpyxl and the Google libraries are loaded where they are used: a first master is written with XlsxWriter alone,
# and a command that writes none of them starts some tenths of a second sooner.
if TYPE_CHECKING:
    import gspread
    from openpyxl.chart import BarChart
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.worksheet.worksheet import Worksheet

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
    "input": "FFF2CC",  # the cells the Coordinator types in (the Evaluation sheet's decisions)
}
HEADER_COLOUR = "DDEBF7"
HEADER_LINE_POINTS = 15  # one line of the default font
GOOGLE_LINE_PIXELS = 21  # one line of Google Sheets' default font: its default row height
NUMBER_FORMATS: dict[ColumnKind, str] = {
    "int": "#,##0",
    "money": "#,##0.00",
    "percent": "0.0%",  # values are fractions 0..1
    "date": "DD.MM.YYYY",
    "datetime": "DD.MM.YYYY HH:MM",
}
INT_FORMAT = NUMBER_FORMATS["int"]
# A chart's value axis: whole numbers, thousands separated (1.234.568 in a Serbian Excel), not as the cells hold them.
CHART_AXIS_FORMAT = INT_FORMAT
CHART_WIDTH_CM = 18.0
CHART_HEIGHT_CM = 9.0
CHART_ROW_STEP = 20  # 9 cm is about 17 rows of the default height; 3 more keep stacked charts apart
CHART_WIDTH_PX = 680  # 18 cm at 96 dpi
CHART_HEIGHT_PX = 340
DEFAULT_WIDTH = 8.43  # characters: a column the sheet gives no width
ONE_LINE_WIDTH = 20  # characters: a long text column of a one-line table shows at least this much of its texts
WRAP_FROM = 30  # characters: a text column at least this wide wraps (wraps_text)
# Pixels of grid a 1366-pixel-wide screen (the common laptop's) shows: less Excel's row numbers, scroll bar and window
# frame, or Google Sheets' row numbers, side panel and scroll bar (about 160 either way, and a margin)
SCREEN_GRID_PX = 1200
# Google refuses a whole values write when one cell's text is longer (a task's progress joins every institution's).
GOOGLE_MAX_TEXT = 50_000
# The register's fourth column (D1 names it, D2 holds it) in every master: the language its sheets are written in,
# which the Apps Script speaks (addin/clients/apmon.gs): an English master has no other sign of its language.
REGISTER_LANG = "lang"
REGISTER_HEADER = ["sheet", "written_at"]
GOOGLE_REGISTER_HEADER = ["sheet", "written_at", "sheet_id", REGISTER_LANG]

_BAD_TITLE_CHARS = re.compile(r"[\[\]:*?/\\]")


class MasterWriteError(Exception):
    """The master workbook cannot be read or replaced; the message names the file and what to do.

    Raised before anything is changed, or after a failure that left the previous master as it was. The message is
    the catalogue's `key` with `fields`: `said(lang)` in the Coordinator's language, str() in English (logs).
    """

    def __init__(self, key: str, **fields: Any) -> None:
        super().__init__(say(key, "en", fields))
        self.key, self.fields = key, fields

    def said(self, lang: Lang) -> str:
        return say(self.key, lang, self.fields)


class OwnSheetClash(MasterWriteError):
    """The target has a sheet of the Coordinator's own under the name of a table: nothing was written."""

    def __init__(self, key: str, sheet: str, **fields: Any) -> None:
        super().__init__(key, sheet=sheet, **fields)
        self.sheet = sheet


class FileStat(NamedTuple):
    """A file's size and modification time as the system gives them: equal again, the file was not saved since."""

    mtime_ns: int
    size: int


class MasterWriteResult(BaseModel):
    model_config = ConfigDict(frozen=True)

    path: Path  # the file written: the master, or the sibling file when the master could not be kept whole
    sheets: list[str]  # managed sheets written, in order
    backup: Path | None = None  # copy of the previous master, when there was one
    warning: str | None = None  # set when the master was left alone and `path` is the sibling file
    rows: dict[str, int]  # data rows per managed sheet
    # managed sheets of the previous write not written again (the master's language changed): a formula in the
    # Coordinator's own sheets that named one no longer finds it
    gone: list[str] = []
    # The master file as this write left it: as written, or, left alone for the sibling, as it was when read to
    # decide so (a save after that read differs from it). None when it could not be looked at.
    master_stat: FileStat | None = None


# --------------------------------------------------------------------------- the Writer seam


class Written(BaseModel):
    """What a writer wrote."""

    model_config = ConfigDict(frozen=True)

    writer: str  # the writer's name
    target: str  # the file, spreadsheet or workbook written (a sibling file when `warning` is set)
    sheets: list[str]  # managed sheets written, in order
    rows: dict[str, int]  # data rows per managed sheet
    warning: str | None = None  # set when the target was left alone and the tables went elsewhere
    gone: list[str] = []  # managed sheets of the previous write not written again (another language)
    master_stat: FileStat | None = None  # the master file as the write left it (MasterWriteResult); files only


class Writer(Protocol):
    """Writes consolidation's tables into the managed sheets of one target, leaving the Coordinator's own sheets
    alone. Raises MasterWriteError when it cannot: nothing is changed then, or what is left the next write repairs.
    The master xlsx file and Google spreadsheet (here) and the open Excel workbook (the add-in's) are writers."""

    name: ClassVar[str]

    def write(self, tables: list[Table], now: datetime) -> Written: ...


@dataclass(frozen=True)
class XlsxMaster:
    """The master xlsx file (`write_master_xlsx`)."""

    path: Path
    backups: int = 3
    lang: Lang = "sr-Latn"  # the master's: its register says it; the warning when the sheets go beside the master
    issued: bool = False  # the xlsx of a report apmon issued, not the master (its mark says so)
    name: ClassVar[str] = "master"

    def write(self, tables: list[Table], now: datetime) -> Written:
        result = write_master_xlsx(tables, self.path, backups=self.backups, now=now, lang=self.lang, issued=self.issued)
        return Written(
            writer=self.name,
            target=str(result.path),
            sheets=result.sheets,
            rows=result.rows,
            warning=result.warning,
            gone=result.gone,
            master_stat=result.master_stat,
        )


@dataclass(frozen=True)
class GoogleMaster:
    """The master Google spreadsheet (`write_master_google`); without a client (its key cannot be used), every
    write fails, saying so, and why when `problem` says it (a key refused for its mode: the file and chmod 600)."""

    client: gspread.Client | None
    spreadsheet_id: str
    lang: Lang = "sr-Latn"  # the master's: how its dates are said
    problem: Sayable | None = None
    name: ClassVar[str] = "google master"

    def write(self, tables: list[Table], now: datetime) -> Written:
        if self.client is None and self.problem is not None:
            raise MasterWriteError("write.google_key_problem", spreadsheet=self.spreadsheet_id, problem=self.problem)
        if self.client is None:
            raise MasterWriteError("write.google_key", spreadsheet=self.spreadsheet_id)
        gone = write_master_google(self.client, self.spreadsheet_id, tables, now=now, lang=self.lang)
        return Written(
            writer=self.name,
            target=self.spreadsheet_id,
            sheets=[t.sheet for t in tables],
            rows={t.sheet: len(t.rows) for t in tables},
            gone=gone,
        )


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


# --------------------------------------------------------------------------- xlsx: the cells of one sheet
#
# One description of a managed sheet's cells (`_sheet_cells`), rendered by two writers through their public APIs:
# XlsxWriter for a master written anew (no own sheet of the Coordinator to keep: the quicker of the two), and
# openpyxl's cells for a master whose own sheets are kept. Every text is written as text, never as a formula.

# A date in a column without a date format shows as openpyxl shows one by default.
_DEFAULT_DATE_FORMATS = {date: "yyyy-mm-dd", datetime: "yyyy-mm-dd h:mm:ss"}
FONT_NAME, FONT_SIZE = "Calibri", 11  # the default font of Excel and of both writers


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
    """A value as a cell can hold it: numbers (Decimal as float), booleans, dates and times without zones, text."""
    if isinstance(value, str):  # the most common, first
        return cell_safe(value)
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, Decimal | float) and not _finite(value):
        return str(value)  # Excel has no NaN or infinity; show it rather than hide it
    if isinstance(value, datetime):
        return value.replace(tzinfo=None)  # Excel has no time zones: keep the wall time
    if isinstance(value, int):
        return _within_double(value)
    if isinstance(value, Decimal):
        return float(value)  # a cell holds a double
    if isinstance(value, float | date):
        return value
    return cell_safe(str(value))


class _Style(NamedTuple):
    """A cell's look; both writers turn each into one style of the workbook."""

    bold: bool = False
    italic: bool = False
    size: float = FONT_SIZE
    fill: str | None = None  # RRGGBB
    number_format: str | None = None
    wrap: bool = False  # wrapped and aligned to the top


_TITLE = _Style(bold=True, size=14)
_ITALIC = _Style(italic=True)
_WRAPPED_NOTE = _Style(italic=True, wrap=True)
_HEADER = _Style(bold=True, fill=HEADER_COLOUR, wrap=True)

_Cell = tuple[int, int, Any, _Style | None]  # 0-based row and column, value (None: a blank with a style), style


def _data_cell(r: int, c: int, value: Any, number_format: str | None, fill: str | None) -> _Cell | None:
    """A data cell, or None for a blank one without a style. `number_format` applies to numbers and dates only;
    a date always shows as a date; below a thousand "#,##0" shows what General does, so such a count has no style."""
    if type(value) is str and fill is None:  # most cells: plain text, the quickest way
        return (r, c, text, None) if (text := cell_safe(value)) else None
    value = _excel_value(value)
    if value is None or value == "":  # an empty text is a blank cell
        return (r, c, None, _Style(fill=fill)) if fill else None
    if isinstance(value, str | bool):
        number_format = None
    elif isinstance(value, date):
        from openpyxl.styles.numbers import is_date_format

        if number_format is None or not is_date_format(number_format):
            number_format = _DEFAULT_DATE_FORMATS[type(value)]
    elif number_format == INT_FORMAT and type(value) is int and -1000 < value < 1000:
        number_format = None
    if fill is None and number_format is None:
        return r, c, value, None
    return r, c, value, _Style(fill=fill, number_format=number_format)


def _text_cell(r: int, c: int, text: str, style: _Style) -> _Cell:
    text = cell_safe(text)
    return r, c, text or None, style


def _header_lines(table: Table, widths: Sequence[int]) -> int:
    """Headers wrap within their columns, word by word: the header row is as tall as the longest needs."""
    return max(header_lines(c.header, w) for c, w in zip(table.columns, widths, strict=True))


def _header_width(column: TableColumn) -> int:
    """The width a column's header needs for its longest word in bold (HEADER_LETTER a letter): a spreadsheet breaks a
    longer word mid-way ("закашње|њем" in a column of 8)."""
    longest = max((len(word) for word in column.header.split()), default=0)
    return math.ceil(longest * HEADER_LETTER) + 1


def wraps_text(column: TableColumn) -> bool:
    """A text column WRAP_FROM characters wide or more wraps its text (aligned to the top), so that a long text shows
    whole on screen and on paper, and the column may be narrowed to print the sheet one page wide."""
    return column.kind == "text" and column.width >= WRAP_FROM


def printed_widths(table: Table) -> list[int]:
    """The columns' widths, narrowed as far as it takes to print the sheet (and its charts) one A4 page wide,
    readably: a wrapped column down to MIN_SHRUNK_WIDTH, another text column down to its longest text."""
    floors = []
    for j, column in enumerate(table.columns):
        if wraps_text(column):  # beside charts it keeps WRAP_FROM, the charts taking the room; cut, ONE_LINE_WIDTH
            floor = WRAP_FROM if table.charts else ONE_LINE_WIDTH if table.one_line else MIN_SHRUNK_WIDTH
        elif column.kind == "text":
            longest = max((len(str(row[j])) for row in table.rows if j < len(row) and row[j] is not None), default=0)
            floor = min(column.width, longest + 1)
        else:
            floor = column.width
        floors.append(max(floor, _header_width(column)))  # never narrower than its header's longest word
    charts = column_pixels(DEFAULT_WIDTH) + CHART_WIDTH_PX if table.charts else 0  # one empty column, then charts
    return fit_widths([max(c.width, _header_width(c)) for c in table.columns], floors, charts)


def _tall_rows(table: Table, widths: Sequence[int]) -> dict[int, int]:
    """Lines by data row (0-based) of the rows whose wrapped texts need more than one: spreadsheet programs do not
    grow a row written by a library to fit its wrapped text, so the writers give these rows their height."""
    wrapped = [] if table.one_line else [j for j, column in enumerate(table.columns) if wraps_text(column)]
    tall = {}
    for i, row in enumerate(table.rows):
        lines = max(
            (
                math.ceil(len(row[j]) * 1.1 / max(widths[j] - 1, 1))
                for j in wrapped
                if j < len(row) and type(row[j]) is str
            ),
            default=1,
        )
        if lines > 1:
            tall[i] = lines
    return tall


def _pages_wide(table: Table, widths: Sequence[int]) -> int:
    """Pages side by side: a sheet of many short columns (Submissions: a month each) prints across pages, the
    institution repeated, rather than shrunk; a sheet with charts keeps one page wide (they print beside it)."""
    return 1 if table.charts else pages_wide(widths)


def _long_notes(table: Table, widths: Sequence[int]) -> dict[int, tuple[int, int]]:
    """The notes too long for one line across the columns the sheet's first page prints, by index: the last of
    those columns (0-based) and the lines the note takes wrapped across them. A note is one cell in column A: left
    as it is, a long one runs on past those columns and is cut off on paper, so the writers merge it across them."""
    last = (len(widths) if _pages_wide(table, widths) == 1 else first_page_columns(widths)) - 1
    characters = sum(widths[: last + 1])
    found = {}
    for k, note in enumerate(table.notes):
        lines = math.ceil(len(note) * 1.1 / max(characters - 1, 1))
        if lines > 1 and last > 0:
            found[k] = (last, lines)
    return found


def long_subtitle(table: Table, widths: Sequence[int]) -> tuple[int, int] | None:
    """The last of the columns a 1366-pixel-wide screen shows (0-based, SCREEN_GRID_PX) and the lines the subtitle
    takes wrapped across them, when it needs more than one; else None. A subtitle is one cell in A2: a long one ran on
    to the right, its end off screen (the Evaluation sheet's, 388 characters on the demo, ended on where to type), so
    the writers merge it across those columns, wrap it and give its row the lines' height."""
    last, used = 0, 0
    for j, width in enumerate(widths):
        used += column_pixels(width)
        if used > SCREEN_GRID_PX and j:
            break
        last = j
    lines = math.ceil(len(table.subtitle) * 1.1 / max(sum(widths[: last + 1]) - 1, 1))
    return (last, lines) if lines > 1 else None


def _page_area(table: Table) -> tuple[int, int] | None:
    """The print area (last row, last column; 1-based): the table and its notes. None on a sheet with charts (drawn
    right of the table) so that they print too."""
    if table.charts:
        return None
    notes = len(table.notes) + 1 if table.notes else 0
    return HEADER_ROW + len(table.rows) + notes, len(table.columns)


def _page_of(table: Table) -> PageTexts:
    """The table's page texts; a table made without them (a test's, an old caller's) prints its title."""
    return table.page or PageTexts(left=table.title, right=table.subtitle, footer="&P / &N")


def _sheet_cells(
    table: Table, tall: Collection[int] = (), long_notes: Collection[int] = (), subtitle_wrapped: bool = False
) -> Iterator[_Cell]:
    """The cells of a managed sheet, row by row: title, subtitle, header, data, and notes after an empty row. Long
    texts wrap (wraps_text); in a data row of `tall` (0-based) every cell is aligned to the top, as wrapped ones are;
    so do the notes of `long_notes` (indexes, `_long_notes`) and the subtitle if `subtitle_wrapped` (long_subtitle)."""
    width = len(table.columns)
    yield _text_cell(TITLE_ROW - 1, 0, table.title, _TITLE)
    if table.subtitle:
        yield _text_cell(SUBTITLE_ROW - 1, 0, table.subtitle, _WRAPPED_NOTE if subtitle_wrapped else _ITALIC)
    for c, column in enumerate(table.columns):
        yield _text_cell(HEADER_ROW - 1, c, column.header, _HEADER)
    marked = {(mark.row, table.column_index(mark.column)): MARK_COLOURS[mark.mark] for mark in table.highlights}
    formats = [NUMBER_FORMATS.get(column.kind) for column in table.columns]
    wraps = [wraps_text(column) and not table.one_line for column in table.columns]  # one line: cut, not wrapped
    for i, row in enumerate(table.rows):
        r = FIRST_DATA_ROW - 1 + i
        # A mark may fall past the end of a short row.
        values = [row[j] if j < len(row) else None for j in range(width)] if marked else row
        top = i in tall
        for c, value in enumerate(values):
            cell = _data_cell(r, c, value, formats[c], marked.get((i, c)) if marked else None)
            if cell is not None:
                if top or (wraps[c] and type(cell[2]) is str):
                    cell = (r, c, cell[2], (cell[3] or _Style())._replace(wrap=True))
                yield cell
    for k, note in enumerate(table.notes):  # after an empty row
        yield _text_cell(FIRST_DATA_ROW + len(table.rows) + k, 0, note, _WRAPPED_NOTE if k in long_notes else _ITALIC)


def register_rows(titles: Sequence[str], written_at: str, mark: str | None, lang: Lang) -> list[list[str]]:
    """The register: each managed sheet and when it was written; with `mark`, the mark of the write of the master
    file beside them (C1 names it, C2 holds it). Every write of the file has a new one and Consolidate keeps the
    open book's, so a copy saved elsewhere keeps the mark of the write it was made from: xlwings tells the server
    the book's name, never its folder, and the mark is what tells the master from a copy of the same name. The
    master's language in D (`REGISTER_LANG`), where the Google master keeps it too; C2 stays empty without a mark,
    as the Google writer takes a C2 for the sheet id of the sheet in A2."""
    rows = [list(REGISTER_HEADER), *([title, written_at] for title in titles)]
    if len(rows) == 1:
        rows.append(["", ""])
    rows[0] += [MASTER_MARK if mark is not None else "", REGISTER_LANG]
    rows[1] += [mark or "", lang]
    return rows


def read_master_mark(path: Path) -> str | None:
    """The mark of the master file at `path`; None when the file is missing, unreadable or has none."""
    from apmon.templates.sheet_extent import sheet_rows

    try:
        register = sheet_rows(path.read_bytes(), REGISTER_SHEET)  # measured first: a value typed far out aborted
        return master_mark_of(register) if register is not None else None
    except Exception:  # no file, no register, a damaged package: calamine raises many kinds; no mark to compare
        return None


def _register_cells(titles: Sequence[str], written_at: str, mark: str, lang: Lang) -> Iterator[_Cell]:
    for r, values in enumerate(register_rows(titles, written_at, mark, lang)):
        for c, value in enumerate(values):
            yield r, c, value, None


def _stored_width(width: float) -> float:
    """A column width in characters as the file stores it: with the 5 pixels of padding Excel adds (Calibri 11's
    digits are 7 pixels wide), so that Excel shows `width`. XlsxWriter stores this; openpyxl is given it."""
    pixels = int(width * 12 + 0.5) if width < 1 else int(width * 7 + 0.5) + 5
    return (pixels * 256 // 7) / 256


# --------------------------------------------------------------------------- xlsx: a master written anew (XlsxWriter)


def _write_new(tables: Sequence[Table], written_at: str, mark: str, lang: Lang, target: BinaryIO) -> None:
    """The managed sheets and the register as a new workbook into `target`."""
    wb = xlsxwriter.Workbook(target, {"in_memory": True})  # no temporary files of its own
    formats: dict[_Style, Any] = {}

    def look(style: _Style) -> Any:
        found = formats.get(style)
        if found is None:
            spec: dict[str, Any] = {"bold": style.bold, "italic": style.italic, "font_size": style.size}
            if style.fill:
                spec |= {"pattern": 1, "bg_color": f"#{style.fill}"}
            if style.number_format:
                spec["num_format"] = style.number_format
            if style.wrap:
                spec |= {"text_wrap": True, "valign": "top"}
            found = formats[style] = wb.add_format(spec)
        return found

    def put(ws: Any, cells: Iterator[_Cell]) -> None:
        write_string, write_number = ws.write_string, ws.write_number
        for r, c, value, style in cells:
            fmt = None if style is None else look(style)
            kind = type(value)
            if kind is str:
                write_string(r, c, value, fmt)  # text, never a formula: not write(), which may guess one
            elif kind is int or kind is float:
                write_number(r, c, value, fmt)
            elif value is None:
                ws.write_blank(r, c, None, fmt)
            elif kind is bool:
                ws.write_boolean(r, c, value, fmt)
            elif isinstance(value, date):
                ws.write_datetime(r, c, value, fmt)
            else:  # a number of a subclass (an IntEnum, numpy's float64)
                write_number(r, c, value, fmt)

    sheets = {}
    for table in tables:
        ws = sheets[table.sheet] = wb.add_worksheet(table.sheet)
        width, last = len(table.columns), HEADER_ROW - 1 + len(table.rows)  # 0-based
        widths = printed_widths(table)
        for j, column_width in enumerate(widths):
            ws.set_column(j, j, column_width)
        lines = _header_lines(table, widths)
        if lines > 1:
            ws.set_row(HEADER_ROW - 1, HEADER_LINE_POINTS * lines)
        tall = _tall_rows(table, widths)
        for i, lines in tall.items():
            ws.set_row(FIRST_DATA_ROW - 1 + i, HEADER_LINE_POINTS * lines)
        ws.freeze_panes(FIRST_DATA_ROW - 1, 0)
        ws.autofilter(HEADER_ROW - 1, 0, last, width - 1)
        # Printed for the Minister and the Council: A4 landscape, one page wide, header rows repeated.
        set_a4_print(ws, HEADER_ROW, _page_of(table), _page_area(table), _pages_wide(table, widths))
        notes = _long_notes(table, widths)
        merged = [(FIRST_DATA_ROW + len(table.rows) + k, spread) for k, spread in notes.items()]
        subtitle = long_subtitle(table, widths)
        if subtitle:
            merged.append((SUBTITLE_ROW - 1, subtitle))
        for r, (last_column, lines) in merged:  # merged blank first: write() would take "=..." for a formula
            if last_column:
                ws.merge_range(r, 0, r, last_column, "", look(_WRAPPED_NOTE))
            ws.set_row(r, HEADER_LINE_POINTS * lines)
        put(ws, _sheet_cells(table, tall, notes, subtitle is not None))
    by_sheet = {t.sheet: t for t in tables}
    for table in tables:
        for k, spec in enumerate(table.charts):
            data = by_sheet[spec.source] if spec.source else table
            if data.rows:  # a chart over no rows would point at an empty range
                chart = _xlsxwriter_chart(wb, data, spec)
                sheets[table.sheet].insert_chart(HEADER_ROW - 1 + k * CHART_ROW_STEP, len(table.columns) + 1, chart)
    register = wb.add_worksheet(REGISTER_SHEET)
    put(register, _register_cells([t.sheet for t in tables], written_at, mark, lang))
    register.hide()
    wb.close()


def _xlsxwriter_chart(wb: Any, data: Table, spec: Chart) -> Any:
    kind = "bar" if spec.kind == "bar" else "column"
    chart = wb.add_chart({"type": kind, "subtype": "stacked"} if spec.kind == "stacked-column" else {"type": kind})
    first, last = FIRST_DATA_ROW - 1, HEADER_ROW - 1 + len(data.rows)
    categories = data.column_index(spec.categories)
    for n, key in enumerate(spec.series):
        c = data.column_index(key)
        series: dict[str, Any] = {
            "name": [data.sheet, HEADER_ROW - 1, c],  # the header names the series
            "categories": [data.sheet, first, categories, last, categories],
            "values": [data.sheet, first, c, last, c],
        }
        if spec.colours:
            series["fill"] = {"color": f"#{spec.colours[n]}"}
        chart.add_series(series)
    chart.set_title({"name": spec.title})
    # The values' axis; XlsxWriter calls a bar chart's (horizontal) value axis its x axis.
    value_axis: dict[str, Any] = {"num_format": CHART_AXIS_FORMAT}
    if spec.y_title:
        value_axis["name"] = spec.y_title
    (chart.set_x_axis if spec.kind == "bar" else chart.set_y_axis)(value_axis)
    chart.set_size({"width": CHART_WIDTH_PX, "height": CHART_HEIGHT_PX})
    return chart


# --------------------------------------------------------------------------- xlsx: a master kept (openpyxl)


class _Looks:
    """openpyxl's style objects for each `_Style`, made once."""

    def __init__(self) -> None:
        self.made: dict[_Style, tuple[Font, PatternFill | None, Alignment | None]] = {}

    def apply(self, cell: Any, style: _Style) -> None:
        found = self.made.get(style)
        if found is None:
            from openpyxl.styles import Alignment, Font, PatternFill

            font = Font(name=FONT_NAME, size=style.size, bold=style.bold, italic=style.italic, family=2, scheme="minor")
            fill = PatternFill("solid", fgColor=f"FF{style.fill}") if style.fill else None
            alignment = Alignment(wrap_text=True, vertical="top") if style.wrap else None
            found = self.made[style] = (font, fill, alignment)
        font, fill, alignment = found
        if style != _Style(fill=style.fill, number_format=style.number_format):  # not the default font
            cell.font = font
        if fill is not None:
            cell.fill = fill
        if alignment is not None:
            cell.alignment = alignment
        if style.number_format:
            cell.number_format = style.number_format


def _put_cells(ws: Worksheet, cells: Iterator[_Cell], looks: _Looks) -> None:
    for r, c, value, style in cells:
        cell = ws.cell(row=r + 1, column=c + 1)
        if value is not None:
            cell.value = value
            if isinstance(value, str):
                cell.data_type = "s"  # text, never a formula or an error value
        if style is not None:
            looks.apply(cell, style)


def _fill_sheet(ws: Worksheet, table: Table, looks: _Looks) -> None:
    """A new worksheet set up for one table (widths, frozen header, filter, print) with its cells."""
    from openpyxl.utils import get_column_letter

    width = len(table.columns)
    last_row = HEADER_ROW + len(table.rows)
    widths = printed_widths(table)
    for j, column_width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(j)].width = _stored_width(column_width)
    lines = _header_lines(table, widths)
    if lines > 1:
        ws.row_dimensions[HEADER_ROW].height = HEADER_LINE_POINTS * lines
    tall = _tall_rows(table, widths)
    for i, lines in tall.items():
        ws.row_dimensions[FIRST_DATA_ROW + i].height = HEADER_LINE_POINTS * lines
    ws.freeze_panes = f"A{FIRST_DATA_ROW}"
    ws.auto_filter.ref = f"A{HEADER_ROW}:{get_column_letter(width)}{last_row}"
    set_a4_print(ws, HEADER_ROW, _page_of(table), _page_area(table), _pages_wide(table, widths))
    notes = _long_notes(table, widths)
    subtitle = long_subtitle(table, widths)
    _put_cells(ws, _sheet_cells(table, tall, notes, subtitle is not None), looks)
    merged = [(FIRST_DATA_ROW + 1 + len(table.rows) + k, spread) for k, spread in notes.items()]  # 1-based rows
    if subtitle:
        merged.append((SUBTITLE_ROW, subtitle))
    for r, (last_column, lines) in merged:
        if last_column:
            ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=last_column + 1)
        ws.row_dimensions[r].height = HEADER_LINE_POINTS * lines


def add_charts(wb: Any, tables: Sequence[Table]) -> None:
    """The tables' charts, once every managed sheet exists: a chart may draw another sheet's rows."""
    from openpyxl.utils import get_column_letter

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
    from openpyxl.chart import BarChart, Reference

    last_row = HEADER_ROW + len(table.rows)
    chart = BarChart()
    chart.type = "bar" if spec.kind == "bar" else "col"
    if spec.kind == "stacked-column":
        chart.grouping = "stacked"
        chart.overlap = 100
    chart.title = spec.title
    if spec.y_title:
        chart.y_axis.title = spec.y_title
    chart.y_axis.number_format = CHART_AXIS_FORMAT  # openpyxl's y axis is the values' one, a bar chart's too
    for key in spec.series:
        column = table.column_index(key) + 1
        # From the header row, so the header becomes the series title.
        chart.add_data(Reference(ws, min_col=column, min_row=HEADER_ROW, max_row=last_row), titles_from_data=True)
    for drawn, colour in zip(chart.series, spec.colours, strict=False):
        drawn.graphicalProperties.solidFill = colour
    categories = table.column_index(spec.categories) + 1
    chart.set_categories(Reference(ws, min_col=categories, min_row=FIRST_DATA_ROW, max_row=last_row))
    chart.width, chart.height = CHART_WIDTH_CM, CHART_HEIGHT_CM
    # openpyxl 3.1 leaves `delete` unset and current Excel then hides both axes.
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    return chart


# --------------------------------------------------------------------------- xlsx: the master


@dataclass
class _Loaded:
    workbook: Any
    stat: FileStat  # when read: a change before the replace means someone saved meanwhile


def _stat(path: Path) -> FileStat:
    info = path.stat()
    return FileStat(info.st_mtime_ns, info.st_size)


def _stat_left(path: Path) -> FileStat | None:
    """The file just written as the write left it; None when it is gone already (the next run writes it again)."""
    try:
        return _stat(path)
    except OSError:
        return None


def _load_master(path: Path, replaced: Collection[str]) -> _Loaded:
    """The master as openpyxl reads it, to be changed and saved. The sheets `replaced` come empty: they are about
    to be written anew, so their cells are not parsed."""
    from openpyxl import load_workbook

    try:
        stat = _stat(path)
        package = _with_empty_sheets(path, replaced) if replaced else path
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about parts it drops; _losses names them per sheet
            wb = load_workbook(
                package,
                keep_vba=path.suffix.lower() in (".xlsm", ".xltm"),
                data_only=False,
                keep_links=True,
                rich_text=True,  # the default (False) would flatten the Coordinator's rich-text cells
            )
    except PermissionError as exc:
        raise MasterWriteError("write.locked", path=path) from exc
    except Exception as exc:  # openpyxl raises many kinds on a damaged package
        raise MasterWriteError("write.not_a_workbook", path=path, kind=type(exc).__name__) from exc
    return _Loaded(wb, stat)


# A worksheet with no cells: what a replaced sheet's part reads as (its relationships, drawings included, dropped).
_EMPTY_SHEET = b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData/></worksheet>'


def _with_empty_sheets(path: Path, titles: Collection[str]) -> io.BytesIO:
    """A copy of the master's package in memory in which the sheets `titles` are empty; every other part, and so
    the sheet list, the defined names and the own sheets, as they are."""
    copy = io.BytesIO()
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(copy, "w", zipfile.ZIP_STORED) as target:
        parts = _sheet_parts(source)
        emptied = {parts[title] for title in titles if title in parts}
        relations = {posixpath.join(posixpath.dirname(p), "_rels", f"{posixpath.basename(p)}.rels") for p in emptied}
        for item in source.infolist():
            if item.filename in relations:
                continue
            target.writestr(item.filename, _EMPTY_SHEET if item.filename in emptied else source.read(item))
    copy.seek(0)
    return copy


class _Outline(NamedTuple):
    titles: list[str]  # every sheet's title, in order
    managed: set[str]  # the sheets of the previous write (registered_sheets)
    names: int  # defined names of the whole workbook (a sheet's own, print titles among them, not counted)
    stat: FileStat


def _outline(path: Path) -> _Outline:
    """What the master holds besides the managed sheets, read without a workbook library: the sheet titles and the
    workbook-wide defined names from the package's workbook part, the register's list with python-calamine. Most
    masters hold nothing of the Coordinator's and are written anew; openpyxl (a tenth of a second to load) is
    needed only for one that does."""
    from apmon.templates.sheet_extent import CalamineError, SheetTooLargeError, sheet_rows

    try:
        stat = _stat(path)
        with zipfile.ZipFile(path) as archive:
            workbook = ElementTree.fromstring(archive.read(_workbook_part(archive)))
        titles = [sheet.get("name", "") for sheet in workbook.iter(f"{_MAIN_NS}sheet")]
        if not titles and workbook.tag.startswith(_STRICT_NS):  # its sheets, own ones among them, not seen here
            raise MasterWriteError("write.strict", path=path)
        if not titles:  # every workbook has a sheet
            raise ValueError("no sheet in the workbook part")
        names = sum(1 for name in workbook.iter(f"{_MAIN_NS}definedName") if name.get("localSheetId") is None)
        listed: list[Any] = []
        if REGISTER_SHEET in titles:  # measured first: a value typed far out on it aborted the process
            listed = [row[0] for row in (sheet_rows(path.read_bytes(), REGISTER_SHEET) or [])[1:] if row]
    except PermissionError as exc:
        raise MasterWriteError("write.locked", path=path) from exc
    except MasterWriteError:
        raise
    except SheetTooLargeError as exc:  # a value typed far out on the register: its own sheets cannot be told
        raise MasterWriteError("write.register_too_large", path=path, sheet=REGISTER_SHEET, cell=exc.cell) from exc
    except CalamineError as exc:  # the register's cells (a date-formatted -1e20 panics calamine): one cell to clear
        if exc.sheet is None:  # the workbook itself could not be opened, not the register read
            raise MasterWriteError("write.not_a_workbook", path=path, kind=type(exc.__cause__).__name__) from exc
        raise MasterWriteError("write.register_unreadable", path=path, sheet=REGISTER_SHEET, reason=str(exc)) from exc
    except Exception as exc:  # a damaged package raises many kinds (zipfile's, the XML parser's)
        raise MasterWriteError("write.not_a_workbook", path=path, kind=type(exc).__name__) from exc
    return _Outline(titles, registered_sheets(titles, listed), names, stat)


# Sheet relationships openpyxl reads and writes back; anything else on an own sheet would be lost.
_KEPT_RELATIONS = frozenset({"hyperlink", "comments", "vmlDrawing", "table", "pivotTable", "printerSettings"})
_RELATION_NAMES = {  # kind -> what is lost, as "write.lost.<name>" in the catalogue
    "drawing": "drawing",
    "image": "background",
    "oleObject": "embedded",
    "package": "embedded",
    "ctrlProp": "controls",
    "control": "controls",
    "threadedComment": "threaded",
    "slicer": "slicers",
    "timeline": "timelines",
    "queryTable": "queries",
}
_EXTENSION_LIST = re.compile(rb"<(?:\w+:)?extLst[\s>]")
_LOST_PACKAGE_PARTS = {
    "xl/slicerCaches/": "slicers",
    "xl/timelineCaches/": "timelines",
    "xl/model/": "data_model",
    "xl/connections.xml": "connections",
}
_MAIN_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_STRICT_NS = "{http://purl.oclc.org/ooxml/spreadsheetml/main}"  # Strict Open XML's: its parts are not read here
_RELATIONSHIP_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


def _lost(what: str, lang: Lang) -> str:
    """What saving would drop, in words; a relationship kind with no name of its own as it is."""
    key = f"write.lost.{what}"
    return text_of(key, lang) if key in LOST_NAMES else what


def _relations(archive: zipfile.ZipFile, part: str) -> dict[str, tuple[str, str]]:
    """A package part's relationships: id -> (kind, the target part's name)."""
    folder, name = posixpath.split(part)
    listing = posixpath.join(folder, "_rels", f"{name}.rels")
    if listing not in archive.namelist():
        return {}
    found = {}
    for rel in ElementTree.fromstring(archive.read(listing)):
        target = rel.get("Target", "")
        if rel.get("TargetMode") != "External":
            target = (
                target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
            )
        found[rel.get("Id", "")] = (rel.get("Type", "").rsplit("/", 1)[-1], target)
    return found


def _workbook_part(archive: zipfile.ZipFile) -> str:
    """The name of the package's workbook part (KeyError when it has none)."""
    workbook = next((target for kind, target in _relations(archive, "").values() if kind == "officeDocument"), "")
    if workbook not in archive.namelist():
        raise KeyError(f"no workbook part ({workbook or '-'})")
    return workbook


def _sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet title -> the package part that holds the sheet."""
    try:
        workbook = _workbook_part(archive)
    except KeyError:
        return {}
    targets = _relations(archive, workbook)
    parts = {}
    for sheet in ElementTree.fromstring(archive.read(workbook)).iter(f"{_MAIN_NS}sheet"):
        kind_target = targets.get(sheet.get(_RELATIONSHIP_ID, ""))
        if kind_target:
            parts[sheet.get("name", "")] = kind_target[1]
    return parts


def _losses(wb: Any, path: Path, own: Sequence[str]) -> dict[str, list[str]]:
    """What openpyxl would drop from the Coordinator's own sheets (and the workbook), by sheet."""
    from openpyxl.worksheet.worksheet import Worksheet

    found: dict[str, list[str]] = {}
    with zipfile.ZipFile(path) as archive:
        names = set(archive.namelist())
        parts = _sheet_parts(archive)
        for title in own:
            if not isinstance(wb[title], Worksheet):
                found[title] = ["chartsheet"]
                continue
            part = parts.get(title, "")
            kinds = {kind for kind, _ in _relations(archive, part).values()} if part else set()
            lost = sorted({_RELATION_NAMES.get(kind, kind) for kind in kinds - _KEPT_RELATIONS})
            if "vmlDrawing" in kinds and "comments" not in kinds:
                lost.append("legacy")
            if part in names and _EXTENSION_LIST.search(archive.read(part)):
                lost.append("extensions")
            if lost:
                found[title] = lost
        package = sorted(
            {what for prefix, what in _LOST_PACKAGE_PARTS.items() if any(n.startswith(prefix) for n in names)}
        )
        if package:
            found["(workbook)"] = package
    return found


def _replace_managed(
    wb: Any, tables: Sequence[Table], managed: set[str], written_at: str, mark: str, lang: Lang
) -> None:
    active = wb.active
    kept_active = active if active is not None and active.title not in managed else None
    existing = [title for title in wb.sheetnames if title != REGISTER_SHEET]
    order = sheet_order(existing, managed - {REGISTER_SHEET}, [t.sheet for t in tables])
    for title in managed:
        wb.remove(wb[title])
    looks, by_title = _Looks(), {t.sheet: t for t in tables}
    # Own sheets are already in order; adding the tables at ascending final indexes yields `order`.
    for index, title in enumerate(order):
        if title in by_title:
            ws = wb.create_sheet(title, index)
            _fill_sheet(ws, by_title[title], looks)
            ws.sheet_view.tabSelected = False
    add_charts(wb, tables)
    register = wb.create_sheet(REGISTER_SHEET)
    _put_cells(register, _register_cells([t.sheet for t in tables], written_at, mark, lang), looks)
    register.sheet_state = "hidden"
    # Excel refuses a hidden active sheet; keep the Coordinator's active sheet when it is still visible.
    if kept_active is None or kept_active.sheet_state != "visible":
        kept_active = wb[tables[0].sheet]
        kept_active.sheet_view.tabSelected = True
    wb.active = kept_active


def write_master_xlsx(
    tables: list[Table], path: Path, *, backups: int = 3, now: datetime, lang: Lang = "sr-Latn", issued: bool = False
) -> MasterWriteResult:
    """Write the tables as the managed sheets of the master workbook at `path`, keeping everything else. `issued`:
    the xlsx of a report apmon issued, its mark beginning with ISSUED_REPORT_MARK (a sync run says what it is).

    Raises MasterWriteError when the master cannot be read or replaced; the previous
    master is then unchanged. When the Coordinator's own sheets hold things openpyxl
    would drop, the master is not touched: the managed sheets go to `<stem>.apmon.xlsx`
    and the result's `warning` says why. A master holding nothing of the Coordinator's
    (no own sheet, no defined name) is written anew without being loaded.
    """
    check_tables(tables)
    if backups < 0:
        raise ValueError("backups must be 0 or more")
    path = Path(path)
    written_at = now.isoformat(timespec="seconds")
    mark = (ISSUED_REPORT_MARK if issued else "") + secrets.token_hex(8)  # this write's own (register_rows)
    titles = [t.sheet for t in tables]
    rows = {t.sheet: len(t.rows) for t in tables}

    def new(target: BinaryIO) -> None:
        _write_new(tables, written_at, mark, lang, target)

    if not path.exists():
        _save_atomically(new, path, expected=None, backups=0, now=now)
        return MasterWriteResult(path=path, sheets=titles, rows=rows, master_stat=_stat_left(path))

    outline = _outline(path)
    managed = outline.managed
    own = [title for title in outline.titles if title not in managed]
    clashes = own_clashes(own, managed, titles)
    if clashes:
        raise OwnSheetClash("write.own_sheet", clashes[0], master=path)
    gone = [title for title in outline.titles if title in managed and title not in titles and title != REGISTER_SHEET]
    if not own and not outline.names and path.suffix.lower() == ".xlsx":
        _refuse_if_open(path)
        backup = _save_atomically(new, path, expected=outline.stat, backups=backups, now=now)
        left = _stat_left(path)
        return MasterWriteResult(path=path, sheets=titles, backup=backup, rows=rows, gone=gone, master_stat=left)

    loaded = _load_master(path, managed)
    wb = loaded.workbook
    losses = _losses(wb, path, [title for title in wb.sheetnames if title not in managed])
    if losses:
        sibling = path.with_name(f"{path.stem}.apmon.xlsx")
        _refuse_if_open(sibling)  # the master itself is not replaced: open in Excel or not, it is no matter here
        _save_atomically(new, sibling, expected=None, backups=0, now=now)
        found = "; ".join(
            f"'{title}': {', '.join(_lost(what, lang) for what in whats)}" for title, whats in losses.items()
        )
        warning = text_of("write.kept", lang, master=path.name, found=found, sibling=sibling.name)
        # The master as read here, not as it is now: a save by the Coordinator since then is seen by the next run.
        left = loaded.stat
        return MasterWriteResult(path=sibling, sheets=titles, warning=warning, rows=rows, master_stat=left)

    _refuse_if_open(path)
    _replace_managed(wb, tables, managed, written_at, mark, lang)
    backup = _save_atomically(wb.save, path, expected=loaded.stat, backups=backups, now=now)
    left = _stat_left(path)
    return MasterWriteResult(path=path, sheets=titles, backup=backup, rows=rows, gone=gone, master_stat=left)


# --------------------------------------------------------------------------- xlsx: atomic save and backups


def _refuse_if_open(path: Path) -> None:
    """MasterWriteError when the workbook about to be replaced is open in Excel or LibreOffice."""
    if lock := _open_by_a_program(path):
        raise MasterWriteError("write.open", path=path, lock=lock.name)


def _open_by_a_program(path: Path) -> Path | None:
    """The lock file Excel (`~$master.xlsx`) or LibreOffice (`.~lock.master.xlsx#`) keeps beside a workbook it has
    open. Windows refuses to replace such a file, a file server often does not: Excel would then save its old
    copy over the new master."""
    for lock in (path.with_name(f"~${path.name}"), path.with_name(f".~lock.{path.name}#")):
        if lock.exists():
            return lock
    return None


def _fsync_file(path: Path) -> None:
    with open(path, "r+b") as handle:  # Windows flushes only handles open for writing
        os.fsync(handle.fileno())


def _reason(error: Exception) -> Sayable | str:
    """The operating system's reason, also from inside XlsxWriter's FileCreateError (which has no strerror)."""
    wrapped = error if isinstance(error, OSError) else next((a for a in error.args if isinstance(a, OSError)), None)
    return os_reason(wrapped) if wrapped is not None else str(error)


def _save_atomically(
    save: Callable[[BinaryIO], None], path: Path, *, expected: FileStat | None, backups: int, now: datetime
) -> Path | None:
    """`save` to a temporary file beside `path`, back up the old file, then os.replace. Returns the backup."""
    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        # with the master's mode (a new one: the umask's), so it stays readable as before
        fd, name = temporary_beside(path, suffix=TEMPORARY_SUFFIX)
        os.close(fd)
    except OSError as exc:
        raise MasterWriteError("write.folder", path=path, reason=os_reason(exc)) from exc
    temporary = Path(name)
    try:
        # Saved in memory, then written here: a zip library that fails on a full disk leaves its file open, and
        # its finalizer, failing again, printed a traceback after the run's own line.
        content = io.BytesIO()
        try:
            save(content)
            with open(temporary, "wb") as handle:
                handle.write(content.getbuffer())
            _fsync_file(temporary)
        except (OSError, FileCreateError) as exc:  # XlsxWriter wraps the OSError of creating the file
            raise MasterWriteError("write.save", path=path, reason=_reason(exc)) from exc
        if expected is not None and (not path.exists() or _stat(path) != expected):
            raise MasterWriteError("write.changed", path=path)
        backup = _backup(path, now) if backups > 0 and path.exists() else None
        try:
            os.replace(temporary, path)
        except OSError as exc:
            # The master stays as it was (open in Excel): its copy is no backup of anything, and the older backups
            # must not be rotated out by runs that change nothing.
            if backup is not None:
                _remove(backup)
            raise MasterWriteError("write.replace", path=path, reason=os_reason(exc)) from exc
        fsync_folder(folder)
        if backup is not None:
            for _, old in sorted(_backups_of(path))[:-backups]:
                _remove(old)
        return backup
    finally:
        temporary.unlink(missing_ok=True)


_BACKUP_STAMP = re.compile(r"\.backup-(\d{8}-\d{6})(?:-(\d+))?$")


def _backups_of(path: Path) -> Iterator[tuple[tuple[str, int], Path]]:
    folder = path.parent / BACKUPS_FOLDER
    if not folder.is_dir():
        return
    for candidate in folder.iterdir():
        name = candidate.name
        if not (name.startswith(path.stem) and name.endswith(path.suffix)):
            continue
        match = _BACKUP_STAMP.fullmatch(name[len(path.stem) : len(name) - len(path.suffix)])
        if match:
            yield (match[1], int(match[2] or 0)), candidate


def _remove(path: Path) -> None:
    with contextlib.suppress(OSError):  # a backup left over is harmless; the next write's rotation tries again
        path.unlink(missing_ok=True)


def _backup(path: Path, now: datetime) -> Path:
    """Copy the current master into backups/ (the caller rotates them once the new master is in place)."""
    folder = path.parent / BACKUPS_FOLDER
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
        raise MasterWriteError("write.backup", path=path, target=target, reason=os_reason(exc)) from exc
    return target


# --------------------------------------------------------------------------- Google: the pure part


@dataclass(frozen=True)
class GoogleSheet:
    sheet_id: int
    title: str
    index: int
    hidden: bool = False


@dataclass
class GooglePlan:
    """The two write bodies of one master write."""

    requests: list[Json] = field(default_factory=list)  # spreadsheets.batchUpdate requests
    data: list[Json] = field(default_factory=list)  # values.batchUpdate ValueRanges (RAW)
    sheet_ids: dict[str, int] = field(default_factory=dict)  # new managed sheet (and register) -> sheetId


def google_sheets(metadata: Mapping[str, Any]) -> list[GoogleSheet]:
    """Sheets of a spreadsheets.get answer, in tab order."""
    sheets = [
        GoogleSheet(int(p.get("sheetId", 0)), str(p["title"]), int(p.get("index", 0)), bool(p.get("hidden", False)))
        for p in (s.get("properties", {}) for s in metadata.get("sheets", []))
    ]
    return sorted(sheets, key=lambda s: s.index)


def google_managed(existing: Sequence[GoogleSheet], register_rows: Sequence[Sequence[Any]]) -> set[str]:
    """Managed sheets of the previous write: the register, and each sheet it lists whose id still matches.

    The id check means a sheet the Coordinator deleted and re-created under the same name is his own.
    """
    by_title = {s.title: s for s in existing}
    # apmon's sheets carry the ids it derives from their titles (a sheet of the Coordinator has such an id by chance
    # once in 2e9): without a register to list them they are still replaced, not taken for the Coordinator's own.
    derived = {s.title for s in existing if s.sheet_id == _derived_sheet_id(s.title)}
    if REGISTER_SHEET not in by_title:
        return derived  # none on a first write; all of them when the Coordinator deleted the hidden register
    managed = {REGISTER_SHEET}
    if not register_rows:
        managed |= derived  # an empty register: a write cut after its structure by an earlier apmon
    for row in register_rows:
        if not row or str(row[0]) not in by_title:
            continue
        title = str(row[0])
        recorded = str(row[2]).strip() if len(row) > 2 else ""
        if not recorded or recorded == str(by_title[title].sheet_id):
            managed.add(title)
    return managed


def _rgb(hex_colour: str) -> Json:
    return {
        "red": int(hex_colour[0:2], 16) / 255,
        "green": int(hex_colour[2:4], 16) / 255,
        "blue": int(hex_colour[4:6], 16) / 255,
    }


def google_value(value: Any, lang: Lang = "sr-Latn") -> str | int | float | bool:
    """A cell value as JSON for a RAW write: numbers stay numbers, dates become text. In Serbian DD.MM.YYYY, as the
    xlsx master's date cells show them; in English as every English text says them (schemas.dates: 7 Feb 2024),
    since an English reader takes 07.02.2024 for 2 July."""
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
        if lang == "en":
            return moment_said(value.replace(tzinfo=None), lang)  # its wall time, as the xlsx writer keeps it
        return value.strftime("%d.%m.%Y %H:%M")
    if isinstance(value, date):
        return day_said(value, lang) if lang == "en" else value.strftime("%d.%m.%Y")
    return _google_text(str(value))


def _google_text(text: str) -> str:
    """A text cut to what a Google cell holds, marked with an ellipsis, without the characters that turn its
    direction. Counted in UTF-16 units, the stricter of the ways Google may count, so that a text of emoji or rare
    letters is not refused either."""
    text = without_direction_controls(text)
    if len(text) <= GOOGLE_MAX_TEXT // 2:
        return text  # most texts, at once: even two units a character is within the limit
    units = text.encode("utf-16-le")
    if len(units) <= 2 * GOOGLE_MAX_TEXT:
        return text
    return units[: 2 * (GOOGLE_MAX_TEXT - 1)].decode("utf-16-le", errors="ignore") + "…"


def table_values(table: Table, lang: Lang = "sr-Latn") -> list[list[str | int | float | bool]]:
    """The rows of a managed sheet from A1: title, subtitle, header, data, a gap, notes; dates said in `lang`."""
    width = len(table.columns)
    rows: list[list[str | int | float | bool]] = [[google_value(table.title)], [google_value(table.subtitle)]]
    rows.append([google_value(column.header) for column in table.columns])
    for row in table.rows:
        padded = [*row, *[None] * (width - len(row))]
        rows.append([google_value(value, lang) for value in padded])
    if table.notes:
        rows.append([""])
        rows.extend([google_value(note)] for note in table.notes)
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


_GOOGLE_NUMBER_FORMATS: dict[ColumnKind, Json] = {
    "int": {"type": "NUMBER", "pattern": "#,##0"},
    "money": {"type": "NUMBER", "pattern": "#,##0.00"},
    "percent": {"type": "PERCENT", "pattern": "0.0%"},
}  # dates are written as text (google_value), which a number format would not change


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
        "series": [
            {"series": column(key), "targetAxis": value_axis}
            | ({"colorStyle": {"rgbColor": _rgb(spec.colours[n])}} if spec.colours else {})
            for n, key in enumerate(spec.series)
        ],
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


_TOP = "userEnteredFormat.verticalAlignment"
_WRAP = "userEnteredFormat(wrapStrategy,verticalAlignment)"


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
    if table.rows:  # long texts wrap, and every data cell aligns to the top as wrapped ones do (Google grows rows)
        out.append(_repeat(_grid(sheet_id, HEADER_ROW, last, 0, width), {"verticalAlignment": "TOP"}, _TOP))
    widths = printed_widths(table)
    for j, column in enumerate(table.columns):
        out.append(
            {
                "updateDimensionProperties": {
                    "range": {"sheetId": sheet_id, "dimension": "COLUMNS", "startIndex": j, "endIndex": j + 1},
                    "properties": {"pixelSize": column_pixels(widths[j])},
                    "fields": "pixelSize",
                }
            }
        )
        if wraps_text(column) and not table.one_line and table.rows:
            wrap = {"wrapStrategy": "WRAP", "verticalAlignment": "TOP"}
            out.append(_repeat(_grid(sheet_id, HEADER_ROW, last, j, j + 1), wrap, _WRAP))
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
        for r0, r_last in runs(rows):
            out.append(
                _repeat(
                    _grid(sheet_id, HEADER_ROW + r0, HEADER_ROW + r_last + 1, c, c + 1),
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
    # A long note, one line, ran on past the table and was cut off where the sheet ends: as in the xlsx master, it is
    # merged across the columns of the first printed page and wrapped; Google does not grow a row to fit a merged
    # cell's wrapped text, so its row gets its height.
    # So is a long subtitle, across the columns the screen shows (`long_subtitle`).
    merged = [(last + 1 + k, spread) for k, spread in _long_notes(table, widths).items()]  # 0-based rows
    if subtitle := long_subtitle(table, widths):
        merged.append((SUBTITLE_ROW - 1, subtitle))
    for r, (last_column, lines) in merged:
        note = _grid(sheet_id, r, r + 1, 0, last_column + 1)
        if last_column:
            out.append({"mergeCells": {"range": note, "mergeType": "MERGE_ALL"}})
        out.append(_repeat(note, {"wrapStrategy": "WRAP", "verticalAlignment": "TOP"}, _WRAP))
        note_row = {"sheetId": sheet_id, "dimension": "ROWS", "startIndex": r, "endIndex": r + 1}
        out.append(
            {
                "updateDimensionProperties": {
                    "range": note_row,
                    "properties": {"pixelSize": GOOGLE_LINE_PIXELS * lines},
                    "fields": "pixelSize",
                }
            }
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
    existing: Sequence[GoogleSheet],
    managed: Collection[str],
    tables: Sequence[Table],
    written_at: str,
    lang: Lang = "sr-Latn",
) -> GooglePlan:
    """The batchUpdate requests and the RAW values of one write; no I/O.

    Old managed sheets are deleted and the new ones added at their final index in the same
    batch. Google refuses to delete the last visible sheet, so when the spreadsheet holds no
    visible own sheet one old visible sheet is renamed out of the way and deleted at the end.
    The register's rows go in the same batch (see the module's docstring).
    """
    from gspread.utils import absolute_range_name

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

    # Deleting every visible managed sheet would leave none visible when the Coordinator's own sheets are all hidden
    # (or none), which Google refuses for the whole batch: one is renamed out of the way and deleted last.
    visible_old = [s for s in old if not s.hidden and s.title != REGISTER_SHEET]
    deferred = visible_old[-1] if visible_old and all(s.hidden for s in own) else None
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
    if len(register_rows) == 1:
        register_rows.append(["", "", ""])
    register_rows[1].append(lang)  # D2, under D1's REGISTER_LANG: the master's language
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
            {
                "range": absolute_range_name(table.sheet, "A1"),
                "majorDimension": "ROWS",
                "values": table_values(table, lang),
            }
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
    client: gspread.Client,
    spreadsheet_id: str,
    tables: list[Table],
    *,
    now: datetime | None = None,
    lang: Lang = "sr-Latn",
) -> list[str]:
    """Replace the managed sheets of the master Google spreadsheet; the Coordinator's own sheets are not touched.
    Returns the managed sheets of the previous write not written again (the master's language changed), as
    `write_master_xlsx` does: a formula in the Coordinator's own sheets that named one no longer finds it.

    API calls: spreadsheets.get, values.get of the register (skipped on a first write),
    spreadsheets.batchUpdate, values.batchUpdate. Every failure is a `MasterWriteError` of one line
    (what failed, what to do); the next write repairs a write cut half-way.
    """
    from apmon.templates.google_api import GOOGLE_ERRORS, GoogleReason

    try:
        return _write_master_google(client, spreadsheet_id, tables, now, lang)
    except GOOGLE_ERRORS as exc:
        raise MasterWriteError("write.google", spreadsheet=spreadsheet_id, reason=GoogleReason(exc)) from exc


def _measure_register(metadata: Mapping[str, Any], spreadsheet_id: str) -> None:
    """MasterWriteError, before a cell of it is read, when the register's grid (a spreadsheets.get answer's) is too
    large to read, as a report's Google sheets are measured (templates.gsheet.grids_too_large): a table pasted on
    it. Deleted, it is written again: apmon's sheets are known by their ids without it (google_managed)."""
    from apmon.templates.gsheet import grids_too_large

    for properties in (s.get("properties", {}) for s in metadata.get("sheets", [])):
        if properties.get("title") == REGISTER_SHEET:
            size = properties.get("gridProperties", {})
            grid = [(REGISTER_SHEET, size.get("rowCount", 0), size.get("columnCount", 0))]
            if (too_large := grids_too_large(grid)) is not None:
                said = {key: too_large[1][key] for key in ("sheet", "rows", "columns", "limit")}
                raise MasterWriteError("write.google_register_too_large", spreadsheet=spreadsheet_id, **said)


def _write_master_google(
    client: gspread.Client, spreadsheet_id: str, tables: list[Table], now: datetime | None, lang: Lang
) -> list[str]:
    from gspread.utils import absolute_range_name

    from apmon.templates.google_api import batch_update_once

    check_tables(tables)
    written_at = (now or datetime.now(UTC)).isoformat(timespec="seconds")
    http = client.http_client
    metadata = http.fetch_sheet_metadata(
        spreadsheet_id,
        params={
            "includeGridData": "false",
            "fields": "sheets.properties(sheetId,title,index,hidden,gridProperties(rowCount,columnCount))",
        },
    )
    existing = google_sheets(metadata)
    register_rows: list[list[Any]] = []
    if any(sheet.title == REGISTER_SHEET for sheet in existing):
        _measure_register(metadata, spreadsheet_id)
        reply = http.values_get(
            spreadsheet_id,
            absolute_range_name(REGISTER_SHEET, "A2:C"),
            params={"valueRenderOption": "UNFORMATTED_VALUE"},
        )
        register_rows = list(reply.get("values", []))
    managed = google_managed(existing, register_rows)
    clashes = own_clashes([s.title for s in existing if s.title not in managed], managed, [t.sheet for t in tables])
    if clashes:
        raise OwnSheetClash("write.google_own_sheet", clashes[0], spreadsheet=spreadsheet_id)
    plan = plan_google_write(existing, managed, tables, written_at, lang)
    # The register's sheet is new in this write (a new id each time): there only when Google applied the batch.
    batch_update_once(client, spreadsheet_id, plan.requests, adds_sheet=plan.sheet_ids[REGISTER_SHEET])
    http.values_batch_update(spreadsheet_id, {"valueInputOption": "RAW", "data": plan.data})
    titles = {t.sheet for t in tables} | {REGISTER_SHEET}
    return [sheet.title for sheet in existing if sheet.title in managed and sheet.title not in titles]
