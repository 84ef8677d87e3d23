"""The add-in's entry points: an xlwings Book in, validation / submission / consolidation, actions on the Book out.

Each function takes an xlwings Book and works the same for the remote Book the server builds from a client's
payload (`xw.Book(json=payload)`: Office.js, Google Apps Script, VBA `RunServerPython`) and for a classic
`xw.Book.caller()` Book of desktop Excel (`RunPython`). The Book is reduced to a Grid with one bulk read per
sheet, the core (templates.validation, sync.consolidate) does the work, and the results go back as few bulk
actions: one setValues per sheet, one fill colour per block of cells, and only the actions every client
applies (setValues, setRangeColor, setNumberFormat, addSheet, clear contents / formats, alert, autofit,
addHyperlink).

Every client writes values as a person's typing: "2018-10" becomes a date, "1.10" the number 1.1, "=..." a
formula. So every text cell the add-in writes gets the text number format ("@") before its value (see
`_write_block`); text starting with an apostrophe goes behind the apostrophe prefix into a General cell instead.

Remote Books are read from the payload values directly, not through `Range.value`: xlwings' remote reader
turns every string that looks like an ISO datetime into a datetime and fails on an offset such as the
template's own `_apmon` "created" value ("2018-03-01T08:00:00+00:00"). Alerts of remote Books are added to
that Book's own action list, never through `book.app.alert`, which goes to whichever Book the shared remote
app opened last and so could land in another request's answer.

Licence: the remote engine is xlwings PRO (PolyForm Noncommercial 1.0.0 or a commercial licence; use by a
government institution is a permitted purpose of the noncommercial licence). xlwings reads the key
`XLWINGS_LICENSE_KEY` when it is imported, so it is set here, before the import.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import json
import math
import os
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict

from apmon.schemas.a1 import cell_position, quote_sheet
from apmon.schemas.a1 import runs as row_runs
from apmon.schemas.calendar import BELGRADE, Period, Timeliness, WorkingCalendar, belgrade_day_start
from apmon.schemas.dates import moment_said
from apmon.schemas.grid import Grid
from apmon.schemas.institutions import InstitutionRegistry
from apmon.schemas.messages import counted, text_of
from apmon.schemas.paper import month_words
from apmon.schemas.plan import Plan
from apmon.schemas.report import Report
from apmon.schemas.rules import line_sharers
from apmon.schemas.tables import REGISTER_SHEET, ColumnKind, Table, registered_sheets
from apmon.schemas.text import LANGS, Lang, without_direction_controls
from apmon.sync.config import Config, SyncSettings, load_config
from apmon.sync.consolidate import shown_day
from apmon.sync.evaluation import evaluation_sheet, record_typed
from apmon.sync.ledger import ADDIN_SOURCE, Arrival, Ledger, LedgerBusy, RawKind, VersionRow
from apmon.sync.run import (
    DIGEST_CACHE,
    configured_sources,
    consolidated,
    consolidation_settings,
    current_submissions,
    master_cut_off,
    reports_not_read,
    run_sync,
    same_report,
    version_data,
)
from apmon.sync.service import open_ledger, upgrade_said
from apmon.sync.writers import FIRST_DATA_ROW as TABLE_FIRST_ROW
from apmon.sync.writers import (
    HEADER_COLOUR,
    HEADER_LINE_POINTS,
    MARK_COLOURS,
    NUMBER_FORMATS,
    OwnSheetClash,
    Written,
    check_tables,
    long_subtitle,
    master_mark_of,
    own_clashes,
    printed_widths,
    read_master_mark,
    register_rows,
)
from apmon.sync.writers import HEADER_ROW as TABLE_HEADER_ROW
from apmon.sync.writers import SUBTITLE_ROW as TABLE_SUBTITLE_ROW
from apmon.templates.google_api import GoogleConfigError
from apmon.templates.layout import (
    FIRST_DATA_ROW,
    META_SHEET,
    SheetLayout,
    WorkbookLayout,
    cell_text,
    report_layout,
)
from apmon.templates.parse import KEYED_SHEETS, read_meta, workbook_institution
from apmon.templates.plan_file import load_plan, load_registry
from apmon.templates.validation import Validation, validate_grid

os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")  # before xlwings is imported (see the docstring)

import xlwings as xw

INPUT_COLOUR = "FFFFFF"
LOCKED_COLOUR = "F2F2F2"
ERROR_COLOUR = "FFC7CE"
WARNING_COLOUR = "FFEB9C"
CONFIG_SHEET = "xlwings.conf"  # xlwings' own settings sheet; it may hold the AUTH token, so it is never read
ADDIN_RAW_KIND: RawKind = "google-values"  # JSON of the sheets' values: the ledger's kind for a values snapshot
ALERT_TITLE = "apmon"
TEXT_FORMAT = "@"  # Excel's and Google Sheets' text number format: what is written there is never parsed
SYNC_STATUS = "apmon sync status --json"  # the command that shows the last sync's problems
GOOGLE_CLIENT = "Google Apps Script"
# Clients whose addHyperlink can point at a cell of the workbook: Excel takes "#'Sheet'!A1". Google needs the
# sheet's numeric gid in the link, which the payload does not carry, so Google gets no links.
LINKING_CLIENTS = frozenset({"Office.js", "VBA", "Microsoft Office Scripts", "classic"})

_ISO_Z = re.compile(r"^-?\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$")  # how every client sends a date cell
# Text a spreadsheet would read as a formula or number, or whose leading apostrophe it would swallow as the
# text prefix, is written behind one apostrophe: Excel and Google Sheets both keep what follows as text.
_TEXT_PREFIX_NEEDED = ("=", "+", "-", "@", "'")

DATE_FORMATS: dict[ColumnKind, str] = {"date": "dd.mm.yyyy", "datetime": "dd.mm.yyyy hh:mm"}  # Excel and Sheets


def issues_sheet_names() -> tuple[str, ...]:
    return tuple(text_of("issues.sheet", lang) for lang in LANGS)


def is_issues_sheet(name: str) -> bool:
    """Whether a sheet is named as the Issues sheet in any language, in any case (Excel's sheet names ignore case,
    and a person may have renamed it so), or so with a number, where the officer's own sheet had the name
    ("Issues (2)")."""
    bare = re.sub(r" \(\d+\)$", "", name)
    return bare.casefold() in {issues.casefold() for issues in issues_sheet_names()}


def is_issues_list(rows: Sequence[Sequence[Any]]) -> bool:
    """Whether a sheet's values are empty or the list Validate writes (its header in any language): any other
    content is the officer's own, on a sheet they named so."""
    if not any(value not in (None, "") for row in rows for value in row):
        return True
    first = list(rows[0][:4]) if rows else []
    keys = ("severity", "sheet_col", "cell", "message")
    return any(first == [text_of(f"issues.{key}", lang) for key in keys] for lang in LANGS)


def _issues_sheet(grid: Grid, lang: Lang) -> tuple[str, bool]:
    """The sheet for the issue list and whether it is there: the one named so that holds the list (or nothing),
    else a new one, numbered where a sheet of the officer's own has the name."""
    ours = next((n for n in grid.sheets if is_issues_sheet(n) and is_issues_list(grid.sheets[n])), None)
    if ours is not None:
        return ours, True
    wanted = text_of("issues.sheet", lang)
    taken = {name.casefold() for name in grid.sheets}
    numbered = (wanted if n == 1 else f"{wanted} ({n})" for n in itertools.count(1))
    return next(name for name in numbered if name.casefold() not in taken), False


# --------------------------------------------------------------------------- the Book


def is_remote(book: xw.Book) -> bool:
    """True for a Book built from a client's payload (`xw.Book(json=...)`)."""
    return isinstance(getattr(book.impl, "api", None), dict) and "sheets" in book.impl.api


# Actions xlwings' remote engine has and its Apps Script and VBA clients do not apply: apmon's client files do. apmon.gs
# and apmon.bas say which (server.ACTIONS_HEADER, kept in the payload under APPLIED_KEY); apmon.js names an action it
# lacks. An older apmon.gs or apmon.bas would stop at the first it lacks, the rest of Consolidate's answer not applied,
# so it is sent only those it names: the oldest none, the one from before rangeUnmerge the other three.
EXTRA_ACTIONS = ("rangeMerge", "rangeUnmerge", "setWrapText", "setRowHeight")
APPLIED_KEY = "apmon_applies"
_CLIENT_FILES = {GOOGLE_CLIENT: "apmon.gs", "VBA": "apmon.bas"}
_WRAPS = frozenset({"rangeMerge", "setWrapText", "setRowHeight"})  # what a long line above a table needs


def client_applies(book: xw.Book) -> frozenset[str]:
    """Which of EXTRA_ACTIONS the client that sent the Book applies: those apmon.gs or apmon.bas names, each for any
    other client (apmon.js, a classic Book)."""
    if client_of(book) not in _CLIENT_FILES:
        return frozenset(EXTRA_ACTIONS)
    return frozenset(EXTRA_ACTIONS) & set(book.impl.api.get(APPLIED_KEY) or ())


def older_client_file(book: xw.Book) -> str | None:
    """The name of apmon's client file (apmon.gs, apmon.bas) that sent the Book if it does not say it applies each of
    EXTRA_ACTIONS (older than this server's), else None."""
    if client_applies(book) == frozenset(EXTRA_ACTIONS):
        return None
    return _CLIENT_FILES[client_of(book)]


def client_of(book: xw.Book) -> str:
    """The client that sent the Book ("Office.js", "Google Apps Script", "VBA", ...), or "classic"."""
    return str(book.impl.api.get("client", "")) if is_remote(book) else "classic"


def _as_xlwings_value(value: Any) -> Any:
    """A payload cell as xlwings would give it: "" is None, an ISO "...Z" date string a naive datetime."""
    if value == "":
        return None
    if isinstance(value, str) and _ISO_Z.match(value):
        try:
            return dt.datetime.fromisoformat(value[:-1])
        except ValueError:
            return value
    return value


def _sheet_values(sheet: xw.Sheet, remote: bool) -> list[list[Any]]:
    """One bulk read of a sheet from A1 to the end of its used range."""
    if remote:
        rows = sheet.impl.api.get("values") or []
        return [[_as_xlwings_value(v) for v in row] for row in rows if isinstance(row, list)]
    last = sheet.used_range.last_cell
    if last.row == 1 and last.column == 1 and sheet.range("A1").value is None:
        return []
    values = sheet.range((1, 1), (last.row, last.column)).options(ndim=2, err_to_str=True).value
    return [list(row) for row in values]


def book_grid(book: xw.Book) -> Grid:
    """The Book as a Grid: every sheet (the hidden `_apmon` one too) read in one go, except xlwings.conf."""
    remote = is_remote(book)
    read = [sheet for sheet in book.sheets if sheet.name.casefold() != CONFIG_SHEET]
    sheets = {sheet.name: _sheet_values(sheet, remote) for sheet in read}
    # The merged ranges every apmon client sends (the server adds apmon.gs' and apmon.bas' header ones); a classic
    # Book's are not read cell by cell
    merged = [(sheet.name, span) for sheet in read if remote for span in sheet.impl.api.get("merged") or ()]
    google = client_of(book) == GOOGLE_CLIENT  # its name is the spreadsheet's title
    return Grid(source=book.name, sheets=sheets, merged=merged, apostrophe_kept=google, titled=google)


def _has_sheet(grid: Grid, name: str) -> bool:
    return any(sheet.casefold() == name.casefold() for sheet in grid.sheets)


def is_report(grid: Grid) -> bool:
    """An institution's report carries the template's hidden metadata sheet."""
    return _has_sheet(grid, META_SHEET)


def is_master(grid: Grid) -> bool:
    """The master keeps the register of its managed sheets; a new, empty workbook may become one."""
    if is_report(grid):
        return False
    empty = all(value is None for rows in grid.sheets.values() for row in rows for value in row)
    return empty or _has_sheet(grid, REGISTER_SHEET)


def _alert(book: xw.Book, prompt: str, mode: str) -> None:
    """A message box in the client: this Book's own action for a remote Book (see the module docstring)."""
    if is_remote(book):
        book.impl.append_json_action(func="alert", args=[prompt, ALERT_TITLE, "ok", mode, ""])
    else:
        book.app.alert(prompt, title=ALERT_TITLE, buttons="ok", mode=mode)


def _cell_value(value: Any) -> Any:
    """A value as written through xlwings into a cell of the General format: numbers stay numbers, text never
    becomes a formula."""
    if value is None or isinstance(value, bool | int | dt.date):
        return value.replace(tzinfo=None) if isinstance(value, dt.datetime) else value
    if isinstance(value, Decimal | float):
        number = float(value)
        if not math.isfinite(number):
            return str(value)
        return int(number) if number.is_integer() and abs(number) < 1e15 else number
    written = str(value)
    return "'" + written if written.startswith(_TEXT_PREFIX_NEEDED) else written


def _text_cell(value: Any) -> bool:
    """Whether `value` is written into a cell of the text format, as it is. Text that starts with an apostrophe
    is not: Excel may take that apostrophe for the text prefix even there, Google Sheets keeps it in plain text
    cells; in a General cell behind one more apostrophe both keep it, and nothing after it is parsed."""
    return isinstance(value, str) and not value.startswith("'")


def _write_block(sheet: xw.Sheet, rows: Sequence[Sequence[Any]], first_row: int = 1) -> None:
    """One setValues of a rectangular block from column A of `first_row` (every client's setValues needs a
    rectangle); the text cells get the text format first, so that no client reads them as typed input: Excel
    (Office.js `values`, VBA) and Google Sheets (`setValues`) turn "2018-10" into a date, "1.10" into 1.1 and
    "=..." into a formula in any other cell. Numbers and dates stay values; texts without the characters that
    turn their direction."""
    width = max((len(row) for row in rows), default=0)
    if not rows or not width:
        return
    rows = [[without_direction_controls(v) if isinstance(v, str) else v for v in row] for row in rows]
    block = [[v if _text_cell(v) else _cell_value(v) for v in row] + [None] * (width - len(row)) for row in rows]
    texts = [(r, c) for r, row in enumerate(rows, first_row) for c, v in enumerate(row, 1) if _text_cell(v)]
    for r0, c0, r1, c1 in rectangles(texts):
        sheet.range((r0, c0), (r1, c1)).number_format = TEXT_FORMAT
    sheet.range((first_row, 1)).value = block


def _sheet(book: xw.Book, name: str) -> xw.Sheet | None:
    wanted = name.casefold()
    return next((s for s in book.sheets if s.name.casefold() == wanted), None)


def _add_sheet(book: xw.Book, name: str) -> xw.Sheet:
    """A new sheet at the end (xlwings' `before=` places it one too far left on remote Books)."""
    return book.sheets.add(name, after=book.sheets[len(book.sheets) - 1])


def _paint(sheet: xw.Sheet, blocks: Iterable[tuple[int, int, int, int]], colour: str) -> None:
    """One fill action per block (r0, c0, r1, c1)."""
    for r0, c0, r1, c1 in blocks:
        sheet.range((r0, c0), (r1, c1)).color = "#" + colour


def rectangles(cells: Iterable[tuple[int, int]]) -> list[tuple[int, int, int, int]]:
    """Cells (row, column) as few rectangles (r0, c0, r1, c1): runs down the columns with neighbouring
    columns of the same runs merged, or runs along the rows merged the same way, whichever are fewer."""
    unique = set(cells)
    if not unique:
        return []
    by_columns = _merged_runs(unique)
    by_rows = [(r0, c0, r1, c1) for c0, r0, c1, r1 in _merged_runs({(c, r) for r, c in unique})]
    return by_columns if len(by_columns) <= len(by_rows) else by_rows


def _merged_runs(cells: set[tuple[int, int]]) -> list[tuple[int, int, int, int]]:
    """Runs of the first coordinate for each second one, with neighbouring equal run lists merged."""
    by_line: dict[int, list[int]] = {}
    for a, b in cells:
        by_line.setdefault(b, []).append(a)
    runs = {b: tuple(row_runs(values)) for b, values in by_line.items()}
    found: list[tuple[int, int, int, int]] = []
    lines = sorted(runs)
    i = 0
    while i < len(lines):
        first = lines[i]
        j = i
        while j + 1 < len(lines) and lines[j + 1] == lines[j] + 1 and runs[lines[j + 1]] == runs[first]:
            j += 1
        found.extend((a0, first, a1, lines[j]) for a0, a1 in runs[first])
        i = j + 1
    return found


def _restore_plan(
    cells: dict[tuple[int, int], str], inputs_only: bool
) -> list[tuple[str, list[tuple[int, int, int, int]]]]:
    """(colour, rectangles) to give every template cell its colour back, in as few actions as found:
    each colour exactly, or the whole block grey first and the input cells white on top."""
    white = rectangles(cell for cell, colour in cells.items() if colour == INPUT_COLOUR)
    if inputs_only:
        return [(INPUT_COLOUR, white)]
    grey = rectangles(cell for cell, colour in cells.items() if colour == LOCKED_COLOUR)
    exact = [(LOCKED_COLOUR, grey), (INPUT_COLOUR, white)]
    rows = [r for r, _ in cells]
    columns = [c for _, c in cells]
    r0, r1, c0, c1 = min(rows), max(rows), min(columns), max(columns)
    if (r1 - r0 + 1) * (c1 - c0 + 1) == len(cells) and len(grey) > 1:
        return [(LOCKED_COLOUR, [(r0, c0, r1, c1)]), (INPUT_COLOUR, white)]
    return exact


# --------------------------------------------------------------------------- validate


@dataclass(frozen=True)
class _Checked:
    """A validation and where it puts things in the Book."""

    grid: Grid
    validation: Validation
    lang: Lang
    layout: WorkbookLayout | None
    issues_sheet: str
    issues_sheet_existed: bool  # it lists what the last validation coloured


def template_lang(grid: Grid) -> Lang:
    found = read_meta(grid).get("lang") or ""
    return found if found in LANGS else "sr-Latn"


def _check(
    book: xw.Book,
    grid: Grid,
    plan: Plan,
    registry: InstitutionRegistry,
    lang: Lang | None,
    history: Sequence[Report],
    calendar: WorkingCalendar | None,
    now: dt.datetime | None,
) -> _Checked:
    """Validate and mark the Book read as `grid`: colours and the Issues sheet, no alert. The report is checked on
    the day of `now` in Belgrade (today when None)."""
    shown = lang or template_lang(grid)
    today = now.astimezone(BELGRADE).date() if now is not None else None
    validation = validate_grid(grid, plan, registry, shown, history=list(history), calendar=calendar, checked_on=today)
    layout = None
    if validation.report is not None:
        report = validation.report
        period = Period.parse(report.period)
        layout = report_layout(
            plan, registry, report.institution, period, report.lang, calendar, report.template_version
        )
    issues_sheet, existed = _issues_sheet(grid, shown)
    checked = _Checked(
        grid=grid,
        validation=validation,
        lang=shown,
        layout=layout,
        issues_sheet=issues_sheet,
        issues_sheet_existed=existed,
    )
    _mark_cells(book, checked)
    _write_issues(book, checked)
    return checked


def _found_rows(grid: Grid, sheet: SheetLayout) -> dict[int, int]:
    """Layout row index -> sheet row, found by key on keyed sheets (as the parser does), else by position."""
    if sheet.role not in KEYED_SHEETS:
        return {i: FIRST_DATA_ROW + i for i in range(len(sheet.rows))}
    index = {row.key: i for i, row in enumerate(sheet.rows)}
    found: dict[int, int] = {}
    last = max(grid.height(sheet.name), FIRST_DATA_ROW + len(sheet.rows) - 1)
    for r in range(FIRST_DATA_ROW, last + 1):
        i = index.get(cell_text(grid.value(sheet.name, r, 1) or ""))
        if i is not None and i not in found:
            found[i] = r
    return found


def _layout_colours(grid: Grid, layout: WorkbookLayout) -> dict[str, dict[tuple[int, int], str]]:
    """Sheet -> (row, column) -> its template colour, for the data cells of every layout sheet in the Book."""
    colours: dict[str, dict[tuple[int, int], str]] = {}
    for sheet in layout.sheets:
        if sheet.name not in grid.sheets:
            continue
        cells: dict[tuple[int, int], str] = {}
        for i, r in _found_rows(grid, sheet).items():
            inputs = sheet.input_keys(sheet.rows[i])
            for c, column in enumerate(sheet.columns, 1):
                cells[(r, c)] = INPUT_COLOUR if column.key in inputs else LOCKED_COLOUR
        colours[sheet.name] = cells
    return colours


def _previous_issue_cells(grid: Grid, issues_sheet: str) -> set[tuple[str, int, int]]:
    """Cells listed on the Issues sheet by the last validation: the ones it coloured."""
    found = set()
    for row in grid.sheets.get(issues_sheet, [])[1:]:
        if len(row) > 2 and isinstance(row[1], str) and isinstance(row[2], str):
            where = cell_position(row[2].strip())
            if where:
                found.add((row[1], *where))
    return found


def _mark_cells(book: xw.Book, checked: _Checked) -> None:
    """Restore the template colours, then colour the cells that have an issue.

    The Issues sheet of the last validation says which sheets it coloured: those are restored, each whole (rows
    may have moved since). Without an Issues sheet every template sheet is restored: a first validation, or
    one after the sheet was deleted. Google templates protect their locked cells (formatting included) from the
    institution's staff, so for a Google client only input cells are coloured; Excel templates allow formatting
    on their protected sheets.
    """
    grid, layout = checked.grid, checked.layout
    inputs_only = client_of(book) == GOOGLE_CLIENT
    colours = _layout_colours(grid, layout) if layout is not None else {}
    previous = _previous_issue_cells(grid, checked.issues_sheet) if checked.issues_sheet_existed else set()
    restored = {name for name, _, _ in previous} if checked.issues_sheet_existed else set(colours)
    for name, cells in colours.items():
        if name in restored and cells:
            sheet = book.sheets[name]
            for colour, blocks in _restore_plan(cells, inputs_only):
                _paint(sheet, blocks, colour)
    # Cells coloured last time that are no template cell now (an inserted row): their fill is cleared.
    stray = [
        (name, r, c)
        for name, r, c in previous
        if name in grid.sheets and name != META_SHEET and (r, c) not in colours.get(name, {}) and not inputs_only
    ]
    for name, r, c in sorted(stray):
        book.sheets[name].range((r, c)).clear_formats()

    marks: dict[str, dict[tuple[int, int], str]] = {}
    for issue in checked.validation.issues:
        where = cell_position(issue.cell)
        if where is None or issue.sheet not in grid.sheets or issue.sheet == META_SHEET:
            continue
        if inputs_only and colours.get(issue.sheet, {}).get(where) != INPUT_COLOUR:
            continue
        sheet_marks = marks.setdefault(issue.sheet, {})
        if issue.severity == "error" or sheet_marks.get(where) != ERROR_COLOUR:
            sheet_marks[where] = ERROR_COLOUR if issue.severity == "error" else WARNING_COLOUR
    for name, cells in marks.items():
        sheet = book.sheets[name]
        for colour in (WARNING_COLOUR, ERROR_COLOUR):
            _paint(sheet, rectangles(cell for cell, c in cells.items() if c == colour), colour)


def _sorted_issues(checked: _Checked) -> list[Any]:
    order = {name: i for i, name in enumerate(checked.grid.sheets)}

    def key(issue: Any) -> tuple[int, int, int, str]:
        where = cell_position(issue.cell) or (0, 0)
        return (order.get(issue.sheet, -1), where[0], where[1], issue.code)

    return sorted(checked.validation.issues, key=key)


def _write_issues(book: xw.Book, checked: _Checked) -> None:
    """The Issues sheet: added when absent, else cleared; header and rows in one write; a link per row."""
    lang = checked.lang
    if checked.issues_sheet_existed:
        sheet = book.sheets[checked.issues_sheet]
        sheet.clear_contents()
        sheet.clear_formats()
    else:
        sheet = _add_sheet(book, checked.issues_sheet)
    header = [text_of(f"issues.{k}", lang) for k in ("severity", "sheet_col", "cell", "message")]
    issues = _sorted_issues(checked)
    rows: list[list[Any]] = [header]
    rows += [[text_of(f"issues.{i.severity}", lang), i.sheet, i.cell, i.message] for i in issues]
    _write_block(sheet, rows)
    sheet.range((1, 1), (1, 4)).color = "#" + HEADER_COLOUR
    if client_of(book) in LINKING_CLIENTS:
        for r, issue in enumerate(issues, 2):
            if (
                issue.sheet
                and cell_position(issue.cell)
                and issue.sheet in checked.grid.sheets
                and issue.sheet != META_SHEET
            ):
                where = quote_sheet(issue.sheet) + "!" + issue.cell
                sheet.range((r, 3)).add_hyperlink(
                    "#" + where, text_to_display=issue.cell, screen_tip=text_of("issues.go", lang, where=where)
                )
    sheet.range((1, 1), (len(rows), 3)).columns.autofit()


def _not_a_report(
    book: xw.Book, grid: Grid, plan: Plan, registry: InstitutionRegistry, lang: Lang | None, master_lang: Lang
) -> Validation | None:
    """For a workbook that is no report (the master above all, whose Issues table Validate would replace): an
    alert saying so and the validation that says why, with nothing else changed; None for a report."""
    if is_report(grid):
        return None
    master = _has_sheet(grid, REGISTER_SHEET)
    shown = lang or (master_lang if master else "sr-Latn")
    _alert(book, text_of("wrong.master" if master else "wrong.not_report", shown, meta=META_SHEET), "critical")
    return validate_grid(grid, plan, registry, shown)


def validate(
    book: xw.Book,
    plan: Plan,
    registry: InstitutionRegistry,
    lang: Lang | None = None,
    history: Sequence[Report] = (),
    calendar: WorkingCalendar | None = None,
    master_lang: Lang = "sr-Latn",
    now: dt.datetime | None = None,
) -> Validation:
    """Validate the report in `book`: colour the cells with issues, list them on the Issues sheet, say how
    it went in an alert. The language is the template's own unless `lang` is given; `history` holds the
    institution's earlier accepted reports for the history rules; `now` (timezone-aware; default the current
    time) is when it is checked. A workbook that is no report is left as it is, with an alert (in `master_lang`
    for the master)."""
    grid = book_grid(book)
    refused = _not_a_report(book, grid, plan, registry, lang, master_lang)
    if refused is not None:
        return refused
    checked = _check(book, grid, plan, registry, lang, history, calendar, now)
    result = checked.validation
    errors, warnings = result.errors(), result.warnings()
    if result.report is None:  # not a report at all: its one issue says why, better than any count
        _alert(book, result.issues[0].message, "critical")
    elif errors:
        counts = f"{counted(errors, 'error', checked.lang)}, {counted(warnings, 'warning', checked.lang)}"
        _alert(book, text_of("alert.found", checked.lang, counts=counts, sheet=checked.issues_sheet), "critical")
    elif warnings:
        shown = counted(warnings, "warning", checked.lang)
        which = which_report(result.report, checked.lang)
        ready = text_of("alert.ready_warnings", checked.lang, which=which, warnings=shown, sheet=checked.issues_sheet)
        _alert(book, ready, "info")
    else:
        _alert(book, text_of("alert.ready", checked.lang, which=which_report(result.report, checked.lang)), "info")
    return result


# --------------------------------------------------------------------------- submit


class SubmitsSpent(Exception):
    """A Submit refused before anything is stored: `institution`'s Submits stored `used` bytes today (Belgrade
    time), as much as or more than the `allowance` of bytes a day; Submits may store again from `until`."""

    def __init__(self, institution: str, used: int, allowance: int, until: dt.datetime) -> None:
        super().__init__(f"{institution}: Submits stored {used} bytes today, the allowance is {allowance}")
        self.institution, self.used, self.allowance, self.until = institution, used, allowance, until


class SubmitResult(BaseModel):
    model_config = ConfigDict(frozen=True)

    submitted: bool
    validation: Validation
    submitted_at: dt.datetime | None = None
    recorded: bool = False  # a new version was stored in the ledger
    version_id: int | None = None
    due: dt.date | None = None
    on_time: bool | None = None
    days_late: int | None = None


def submitted_at_text(now: dt.datetime) -> str:
    """The `_apmon` submitted_at value: ISO 8601 in UTC with a space, not a "T": every client turns a string
    with a "T" into a date cell, and the template keeps metadata as text."""
    return now.astimezone(dt.UTC).isoformat(sep=" ", timespec="seconds")


def grid_json(grid: Grid) -> bytes:
    """The stored form of a submission: every sheet's values as JSON (dates as ISO text), keys sorted."""
    shown = {name: rows for name, rows in grid.sheets.items() if not (is_issues_sheet(name) and is_issues_list(rows))}

    def default(value: Any) -> str:
        if isinstance(value, dt.date | dt.datetime | dt.time):
            return value.isoformat()
        return str(value)

    return json.dumps(shown, ensure_ascii=False, sort_keys=True, default=default).encode("utf-8")


def _with_cell(grid: Grid, sheet: str, row: int, column: int, value: Any) -> Grid:
    rows = [list(r) for r in grid.sheets.get(sheet, [])]
    while len(rows) < row:
        rows.append([])
    while len(rows[row - 1]) < column:
        rows[row - 1].append(None)
    rows[row - 1][column - 1] = value
    return grid.model_copy(update={"sheets": {**grid.sheets, sheet: rows}})


def _meta_row(grid: Grid, key: str) -> int:
    """The `_apmon` row of `key`, or the row after the last one."""
    rows = grid.sheets.get(META_SHEET, [])
    for r, row in enumerate(rows, 1):
        if row and row[0] == key:
            return r
    return len(rows) + 1


def _content_hash(grid: Grid, layout: WorkbookLayout) -> str:
    """The report's content without what Submit itself writes (the cover's state, `_apmon` submitted_at) and
    without trailing blanks: the same report submitted again has the same hash."""
    state_sheet, state_cell = layout.cell_of("cover", "state", "value")
    where = cell_position(state_cell)
    assert where is not None
    bare = _with_cell(grid, state_sheet, *where, None)
    meta_row = _meta_row(grid, "submitted_at")
    if meta_row <= len(grid.sheets.get(META_SHEET, [])):
        bare = _with_cell(bare, META_SHEET, meta_row, 2, None)
    trimmed: dict[str, list[list[Any]]] = {}
    for name, rows in bare.sheets.items():
        kept = [list(row) for row in rows]
        for row in kept:
            while row and row[-1] is None:
                row.pop()
        while kept and not kept[-1]:
            kept.pop()
        trimmed[name] = kept
    return hashlib.sha256(grid_json(bare.model_copy(update={"sheets": trimmed}))).hexdigest()


def _same_content(accepted: VersionRow, content_hash: str, report: Report) -> bool:
    """Whether the report is its accepted version again, however that came: one collected from the folder was
    stored with its file's hash."""
    return accepted.content_hash == content_hash or (
        accepted.report_json is not None and same_report(accepted.report_json, report)
    )


def _arrival(
    book: xw.Book,
    checked: _Checked,
    report: Report,
    content_hash: str,
    timing: Timeliness,
    now: dt.datetime,
    token_id: int | None,
) -> Arrival:
    """The submission as the ledger records it: the workbook as Submit leaves it, sent by `token_id` at `now`."""
    raw = grid_json(_stamped(checked, report, now))
    version = version_data(
        checked.validation,
        report.model_copy(update={"submitted_at": submitted_at_text(now)}).model_dump_json(),
        content_hash=content_hash,
        raw=raw,
        raw_kind=ADDIN_RAW_KIND,
        file_name=book_file_name(book.name),
        received_at=now,
        source_modified=now.replace(microsecond=0),  # the Submit stamp's time, which is written to the second
        timing=timing,
    )
    return Arrival(ADDIN_SOURCE, f"{report.institution}/{report.period}", len(raw), now, version, token_id)


def book_file_name(name: str) -> str:
    """The workbook's name as the client sent it, without control or format characters (a leading tab, a
    right-to-left override) and surrounding spaces; it is always written as text, never as a formula."""
    kept = "".join(ch for ch in name if unicodedata.category(ch) not in ("Cc", "Cf"))
    return kept.strip() or "workbook"


def submit(
    book: xw.Book,
    plan: Plan,
    registry: InstitutionRegistry,
    *,
    ledger: Ledger | None,
    now: dt.datetime,
    lang: Lang | None = None,
    history: Sequence[Report] = (),
    calendar: WorkingCalendar | None = None,
    master_lang: Lang = "sr-Latn",
    token_id: int | None = None,
    bytes_per_day: int | None = None,
) -> SubmitResult:
    """Validate; without errors mark the report submitted (cover state and `_apmon` submitted_at) and record it
    in the ledger when one is given (with `token_id`, the add-in token that sent it); with errors refuse and say
    how many.

    `bytes_per_day`: once the institution's Submits stored that much on this Belgrade day, a Submit with changed
    content raises SubmitsSpent and stores nothing (the Submit that crosses it is still stored whole: a report is
    never cut). So one token cannot fill the ledger's disk, however often it submits.

    The same content as the accepted version keeps that version's time and status: nothing is recorded. Changed
    content is recorded and counts from now on; whether the report is on time is the report's, not this version's
    (`ledger.selection.report_timing`): a correction after the deadline of a report sent on time keeps it on time."""
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    calendar = calendar or WorkingCalendar()
    grid = book_grid(book)
    refused = _not_a_report(book, grid, plan, registry, lang, master_lang)
    if refused is not None:
        return SubmitResult(submitted=False, validation=refused)
    checked = _check(book, grid, plan, registry, lang, history, calendar, now)
    result, shown = checked.validation, checked.lang
    if result.report is None and result.issues:  # not read as a report: its one issue says why, not "fix the cells"
        _alert(book, text_of("alert.refused_not_report", shown, why=result.issues[0].message), "critical")
        return SubmitResult(submitted=False, validation=result)
    if not result.valid or result.report is None or checked.layout is None:
        errors = counted(max(result.errors(), 1), "error", shown)
        _alert(book, text_of("alert.refused", shown, errors=errors, sheet=checked.issues_sheet), "critical")
        return SubmitResult(submitted=False, validation=result)

    report = result.report
    timing = calendar.timeliness(Period.parse(report.period), now.astimezone(BELGRADE).date())
    content_hash = _content_hash(checked.grid, checked.layout)
    accepted: VersionRow | None = None
    unchanged = recorded = False
    version_id: int | None = None
    on_time, days_late, earlier = timing.on_time, timing.days_late, None
    if ledger is not None:
        arrival = _arrival(book, checked, report, content_hash, timing, now, token_id)
        # The accepted version is read and this one recorded in one turn of the ledger's: the same report submitted
        # at the same moment waits for it, then finds this one accepted and records nothing.
        with ledger.submit_turn(report.institution, report.period) as turn:
            accepted = turn.accepted
            unchanged = accepted is not None and _same_content(accepted, content_hash, report)
            if not unchanged and bytes_per_day is not None:
                day = belgrade_day_start(now)
                used = turn.submitted_bytes(day)
                if used >= bytes_per_day:
                    until = dt.datetime.combine(day.date() + dt.timedelta(days=1), dt.time(), BELGRADE)
                    raise SubmitsSpent(report.institution, used, bytes_per_day, until)
            if not unchanged:
                version_id, recorded = turn.record(arrival)
                now_counted = turn.accepted_now()
                if now_counted is not None and now_counted.timing is not None:  # the report's, with this version
                    on_time, days_late = now_counted.timing.on_time, now_counted.timing.days_late
                    earlier = now_counted.timing.submitted_at if now_counted.timing.corrected_at else None
    if accepted is not None and unchanged:
        original = accepted.source_modified or accepted.received_at
        counts = accepted.timing
        status = text_of("status.on_time" if (counts.on_time if counts else accepted.on_time) else "status.late", shown)
        local = original.astimezone(BELGRADE)
        _mark_submitted(book, checked, report, original, [
            text_of("alert.unchanged", shown, which=which_report(report, shown), date=local.date(),
                    time=f"{local:%H:%M}", status=status)
        ])  # fmt: skip
        return SubmitResult(
            submitted=True,
            validation=result,
            submitted_at=original,
            version_id=accepted.id,
            due=accepted.due,
            on_time=counts.on_time if counts else accepted.on_time,
            days_late=counts.days_late if counts else accepted.days_late,
        )

    local = now.astimezone(BELGRADE)
    warnings = result.warnings()
    fields = {
        "which": which_report(report, shown),
        "date": local.date(),
        "time": f"{local:%H:%M}",
        "sheet": checked.issues_sheet,
    }
    if warnings:
        message = text_of("alert.submitted_warnings", shown, warnings=counted(warnings, "warning", shown), **fields)
    else:
        message = text_of("alert.submitted", shown, **fields)
    due, first = timing.due, earlier.astimezone(BELGRADE).date() if earlier else ""
    if earlier and on_time:  # a correction after the deadline: an earlier valid version came by it
        message += text_of("alert.on_time_earlier", shown, due=due, first=first)
    elif not on_time:
        late = counted(days_late, "working_day", shown)
        message += text_of("alert.late_first" if earlier else "alert.late", shown, due=due, late=late, first=first)
    _mark_submitted(book, checked, report, now, [message])
    return SubmitResult(
        submitted=True,
        validation=result,
        submitted_at=now,
        recorded=recorded,
        version_id=version_id,
        due=timing.due,
        on_time=on_time,
        days_late=days_late,
    )


def which_report(report: Report, lang: Lang) -> str:
    """ "Mesečni izveštaj za februar 2018." / "The annual report for 2017": the report Validate checked or Submit
    recorded, by its own period, so that a file of an earlier month filled in again is seen to be that month's."""
    if report.kind == "annual":
        return text_of("alert.which_annual", lang, year=report.period)
    return text_of("alert.which_monthly", lang, month=month_words(report.period, lang))


def _state_text(report: Report, moment: dt.datetime) -> str:
    return f"{text_of('state.submitted', report.lang)} {moment_said(moment, report.lang)}"


def _stamped(checked: _Checked, report: Report, moment: dt.datetime) -> Grid:
    """The grid as the workbook holds it once Submit has written the cover's state and `_apmon` submitted_at."""
    assert checked.layout is not None
    state_sheet, state_cell = checked.layout.cell_of("cover", "state", "value")
    where = cell_position(state_cell)
    assert where is not None
    grid = _with_cell(checked.grid, state_sheet, *where, _state_text(report, moment))
    meta_row = _meta_row(checked.grid, "submitted_at")
    grid = _with_cell(grid, META_SHEET, meta_row, 1, "submitted_at")
    return _with_cell(grid, META_SHEET, meta_row, 2, submitted_at_text(moment))


def _mark_submitted(book: xw.Book, checked: _Checked, report: Report, moment: dt.datetime, messages: list[str]) -> None:
    """The cover's state and `_apmon` submitted_at show `moment`; the messages are shown in between."""
    assert checked.layout is not None
    state_sheet, state_cell = checked.layout.cell_of("cover", "state", "value")
    book.sheets[state_sheet].range(state_cell).value = _cell_value(_state_text(report, moment))
    for message in messages:
        _alert(book, message, "info")
    # Last, after the alert: the builders leave only this cell of `_apmon` unprotected; should a client still
    # refuse the write, it fails only after the person has been told the report is submitted (cover and ledger).
    stamp = submitted_at_text(moment)
    meta = book.sheets[META_SHEET]
    meta_row = _meta_row(checked.grid, "submitted_at")
    if meta_row <= len(checked.grid.sheets.get(META_SHEET, [])):
        meta.range((meta_row, 2)).value = stamp
    else:
        meta.range((meta_row, 1)).value = [["submitted_at", stamp]]


def history_of(ledger: Ledger, institution: str, plan: Plan) -> list[Report]:
    """The accepted reports (those the master shows) the history rules compare the institution's with, as the sync
    does: its own, and those of the institutions that may report spending on a line it holds."""
    codes = [institution, *sorted(line_sharers(institution, plan))]
    return [
        Report.model_validate_json(row.report_json)
        for code in codes
        for row in ledger.accepted(code)
        if row.report_json
    ]


# --------------------------------------------------------------------------- consolidate


def _table_rows(table: Table) -> list[list[Any]]:
    """A managed sheet from A1: title, subtitle, header, data, a gap, notes (as the xlsx writer lays it out)."""
    width = len(table.columns)
    rows: list[list[Any]] = [[table.title], [table.subtitle], [c.header for c in table.columns]]
    rows += [[*row, *[None] * (width - len(row))] for row in table.rows]
    if table.notes:
        rows.append([None])
        rows += [[note] for note in table.notes]
    return rows


def _write_table(sheet: xw.Sheet, table: Table, new: bool) -> None:
    """One setValues for the whole sheet, then the header colour, number formats per column and highlights."""
    width = len(table.columns)
    last = TABLE_HEADER_ROW + len(table.rows)
    if table.rows:  # before the values, as a person would format the columns before typing
        formats = {**NUMBER_FORMATS, **DATE_FORMATS}
        for j, column in enumerate(table.columns, 1):
            if column.kind in formats:
                sheet.range((TABLE_FIRST_ROW, j), (last, j)).number_format = formats[column.kind]
    _write_block(sheet, _table_rows(table))  # its text cells, in any column, take the text format
    _wrap_subtitle(sheet, table)
    sheet.range((TABLE_HEADER_ROW, 1), (TABLE_HEADER_ROW, width)).color = "#" + HEADER_COLOUR
    marks: dict[tuple[int, int], str] = {}
    for mark in table.highlights:  # a later highlight of the same cell wins, as in the xlsx writer
        marks[(TABLE_FIRST_ROW + mark.row, table.column_index(mark.column) + 1)] = MARK_COLOURS[mark.mark]
    for colour in sorted(set(marks.values())):
        _paint(sheet, rectangles(cell for cell, c in marks.items() if c == colour), colour)
    if new:  # widths of a sheet the Coordinator already has are his
        sheet.range((TABLE_HEADER_ROW, 1), (max(last, TABLE_HEADER_ROW), width)).columns.autofit()


def _wrap_subtitle(sheet: xw.Sheet, table: Table) -> None:
    """A long line above the table (A2) wrapped and merged over the columns a 1366-pixel-wide screen shows, its row
    as tall as its lines, by the sync master's rule (`sync.writers.long_subtitle`, on the table's own widths): left
    as one cell it ran on to the right, its end off screen; a short line's merge left by an earlier Consolidate undone.
    xlwings' remote engine has actions for these (rangeMerge, rangeUnmerge, setWrapText, setRowHeight) that its own
    clients do not apply; apmon's three do (docs/addin.md)."""
    spread = long_subtitle(table, printed_widths(table))
    applies = client_applies(sheet.book)  # an older apmon.gs or apmon.bas lacks some: said in Consolidate's message
    if spread is None:
        # A merge an earlier Consolidate made when the line was long: Google keeps merges and row heights through a
        # sheet's clearFormats, so the short line would stay merged and its row tall.
        if (merged_to := _line_merged_to(sheet, TABLE_SUBTITLE_ROW)) is not None:
            above = sheet.range((TABLE_SUBTITLE_ROW, 1), (TABLE_SUBTITLE_ROW, merged_to))
            if "rangeUnmerge" in applies:
                above.unmerge()
            if "setRowHeight" in applies:  # a short line fits one line's height, merged or not
                above.row_height = HEADER_LINE_POINTS
        return
    if not applies >= _WRAPS:
        return
    last, lines = spread
    above = sheet.range((TABLE_SUBTITLE_ROW, 1), (TABLE_SUBTITLE_ROW, last + 1))
    if last:
        above.merge()
    above.wrap_text = True
    above.row_height = HEADER_LINE_POINTS * lines


def _line_merged_to(sheet: xw.Sheet, row: int) -> int | None:
    """The last column of a merge on `row` of `sheet` alone from its column A, as Consolidate merges a long line, in
    the open book as its client sent it (apmon's clients send merges: apmon.js in the payload, apmon.gs and apmon.bas
    in a header); None when there is none. A merge of the Coordinator's (beside the line, or over more rows) is not
    one: unmerged, Excel and Google would break it apart whole."""
    api = sheet.impl.api if is_remote(sheet.book) else None
    for span in (api.get("merged") if isinstance(api, dict) else None) or ():
        first, _, last = str(span).replace("$", "").partition(":")
        start, end = cell_position(first), cell_position(last or first)
        if start is not None and end is not None and start[0] == end[0] == row and start[1] == 1:
            return end[1]
    return None


@dataclass(frozen=True)
class BookMaster:
    """The master workbook open in Excel (a `sync.writers.Writer`): its managed sheets refreshed in place, the
    register of managed sheets kept in `_apmon_master` as the xlsx writer keeps it, with the book's own mark
    (sync.writers.register_rows): the master saved from here is still the master, a copy still a copy."""

    book: xw.Book
    grid: Grid  # the book as read before: its register and own sheets
    lang: Lang = "sr-Latn"  # the master's, which its register keeps (a Google master's Apps Script speaks it)
    name: ClassVar[str] = "book"

    def write(self, tables: list[Table], now: dt.datetime) -> Written:
        check_tables(tables)
        book = self.book
        register_before = self.grid.sheets.get(REGISTER_SHEET, [])
        managed = registered_sheets(list(self.grid.sheets), [row[0] for row in register_before[1:] if row])
        own = [name for name in self.grid.sheets if name not in managed]
        clashes = own_clashes(own, managed, [t.sheet for t in tables])
        if clashes:
            raise OwnSheetClash("write.own_sheet", clashes[0], master=book.name)
        written_at = now.isoformat(timespec="seconds")
        for table in tables:
            existing = _sheet(book, table.sheet)
            if existing is None:
                _write_table(_add_sheet(book, table.sheet), table, new=True)
            else:
                existing.clear_contents()
                existing.clear_formats()
                _write_table(existing, table, new=False)
        # Managed sheets of the last write that no table has now (another master language): gone, as the xlsx
        # and Google writers drop them, so they neither go stale nor block a later write as "own" sheets.
        for name in sorted(managed - {REGISTER_SHEET} - {t.sheet for t in tables}):
            stale = _sheet(book, name)
            if stale is not None:
                stale.delete()
        register = _sheet(book, REGISTER_SHEET)
        if register is None:
            register = _add_sheet(book, REGISTER_SHEET)
        else:
            register.clear_contents()
        mark = master_mark_of(register_before)
        _write_block(register, register_rows([t.sheet for t in tables], written_at, mark, self.lang))
        return Written(
            writer=self.name,
            target=str(book.name),
            sheets=[t.sheet for t in tables],
            rows={t.sheet: len(t.rows) for t in tables},
        )


def _master_files(settings: SyncSettings) -> list[Path]:
    """The files the sync writes the master to: the master, or `<stem>.apmon.xlsx` beside it (docs/sync.md)."""
    master = settings.master_path()
    return [master, master.with_name(f"{master.stem}.apmon.xlsx")]


def _is_master_file(book_name: str, book_mark: str | None, path: Path) -> bool:
    """Whether the open book is the master file at `path`. xlwings sends the book's name, never its folder: a copy
    saved elsewhere under the same name has the name too, but not the mark of the file's latest write."""
    return book_name.casefold() == path.name.casefold() and book_mark == read_master_mark(path)


def _copy_of(book_name: str, book_mark: str | None, settings: SyncSettings) -> Path | None:
    """The master file the open book is a copy of (saved elsewhere, e-mailed, or an older state of it); None when
    it is a master file, or carries no mark (a new book, the Google master, a master of an older apmon)."""
    if book_mark is None:
        return None
    files = _master_files(settings)
    if any(_is_master_file(book_name, book_mark, path) for path in files):
        return None
    return next((path for path in files if path.name.casefold() == book_name.casefold()), files[0])


def _sync_first(
    plan: Plan,
    registry: InstitutionRegistry,
    ledger: Ledger,
    config: Config,
    calendar: WorkingCalendar,
    now: dt.datetime,
    lang: Lang,
    book_name: str,
    book_mark: str | None,
    registry_now: Callable[[], tuple[InstitutionRegistry, str]] | None = None,
) -> str:
    """Run the sync of the configured sources, as `apmon sync run` does (for the configured `as_of` day, if any);
    what to tell the Coordinator about it. A sync already running is not waited for: the ledger is read as it is.
    It sends no e-mail: that is the scheduled or command-line run's. The master file open in the Coordinator's
    Excel (this very book: its name and mark, `_is_master_file`) is left alone by the sync and is no problem here:
    Consolidate refreshes the open book. The master left alone while a copy of it is the open book is one."""
    try:
        sources, client, google_problem = configured_sources(config, ledger)
        summary = run_sync(
            plan=plan,
            registry=registry,
            ledger=ledger,
            sources=sources,
            settings=config.sync.model_copy(update={"wait_for_lock": False}),
            calendar=calendar,
            trigger="addin",
            now=lambda: now,
            as_of=config.sync.as_of,
            google_client=client,
            google_problem=google_problem,
            coordinator=config.reports.coordinator,
            registry_now=registry_now,
        )
    except LedgerBusy:  # RegistryChanged too: the next Consolidate syncs with the registry as it is then
        return text_of("consolidate.sync_busy", lang)
    except (GoogleConfigError, OSError) as exc:
        return text_of(
            "consolidate.sync_failed", lang, reason=exc.said(lang) if isinstance(exc, GoogleConfigError) else exc
        )
    said = text_of("consolidate.synced", lang, new=len(summary.versions))
    open_here = summary.master_open is not None and _is_master_file(
        book_name, book_mark, config.sync.master_path().with_name(summary.master_open)
    )
    problems = len(summary.errors) - open_here
    if problems:
        said += " " + text_of("consolidate.sync_problems", lang, problems=problems, command=SYNC_STATUS)
    return said


def consolidate(
    book: xw.Book,
    plan: Plan,
    registry: InstitutionRegistry,
    ledger: Ledger,
    settings: SyncSettings,
    calendar: WorkingCalendar,
    *,
    now: dt.datetime,
    sync: Config | None = None,
    registry_now: Callable[[], tuple[InstitutionRegistry, str]] | None = None,
) -> None:
    """Refresh the managed sheets of the open master workbook from the ledger; the Coordinator's own sheets
    are left alone. The register of managed sheets is kept in `_apmon_master`, as the xlsx writer keeps it.

    With `sync` (the configuration, as the server passes it) the sync of its sources runs first, so that a new
    file in the reports folder is in; `registry_now` as `sync.run.run_sync` takes it (the registry as its file is
    now: a sync that finds it changed records nothing and says the ledger is busy). Only the master or a new, empty
    workbook is written: anywhere else (a report above all, which would receive every institution's data) nothing
    changes and an alert says so. The messages are in the master's language (`settings.master_lang`)."""
    lang = settings.master_lang
    grid = book_grid(book)
    if not is_master(grid):
        if is_report(grid):
            _alert(book, text_of("wrong.report", template_lang(grid), register=REGISTER_SHEET), "critical")
        else:
            _alert(book, text_of("wrong.not_master", lang, register=REGISTER_SHEET), "critical")
        return
    book_mark = master_mark_of(grid.sheets.get(REGISTER_SHEET, []))
    # Before the sync: one that writes the master (no lock file told it the master is open) gives it a new mark,
    # and the master open here would be taken for a copy.
    copy_of = _copy_of(book.name, book_mark, settings)
    synced = (
        _sync_first(plan, registry, ledger, sync, calendar, now, lang, book.name, book_mark, registry_now)
        if sync is not None
        else ""
    )
    current = current_submissions(ledger, master_cut_off(settings.as_of))
    # The configured day (the demo's) as `apmon sync run` takes it: else the two would write each other's master over.
    today = settings.as_of or now.astimezone(BELGRADE).date()
    # The years the sync's last consolidation kept are taken as they are; the others' reports are read in one
    # pass, each decoded as it is taken: a long history is neither read again nor held all at once.
    # What the last sync saw but could not read is "not read", as in the sync's own master: not missing.
    consolidation = consolidation_settings(settings, calendar, today, plan, reports_not_read(ledger, settings))
    cache = settings.data_dir / DIGEST_CACHE
    # The decisions typed on the Evaluation sheet are recorded before the sheet is written again.
    cells = grid.sheets.get(text_of("evaluation.sheet", lang), [])
    typed = record_typed(plan, ledger, cells, lang, now, sync.reports.coordinator if sync is not None else None)
    evaluation = evaluation_sheet(plan, ledger, consolidation, now, registry, typed.refused)
    tables = consolidated(plan, registry, ledger, consolidation, current=current, cache=cache, also=evaluation)
    try:
        BookMaster(book, grid, lang).write(tables, now)
    except OwnSheetClash as clash:
        _alert(
            book, " ".join(filter(None, [synced, text_of("consolidate.clash", lang, sheet=clash.sheet)])), "critical"
        )
        return
    done = text_of(
        "consolidate.done", lang, sheets=len(tables), reports=len(current.accepted), date=shown_day(today, lang)
    )
    copy = text_of("consolidate.copy", lang, master=str(copy_of)) if copy_of is not None else ""
    older = older_client_file(book)
    # one that lacks only rangeUnmerge merged and wrapped the long line: only an earlier merge may stay
    lacks = "consolidate.older_client_unmerge" if client_applies(book) >= _WRAPS else "consolidate.older_client"
    update = text_of(lacks, lang, file=older) if older is not None else ""
    _alert(book, " ".join(filter(None, [synced, done, update, copy, *typed.lines])), "critical" if copy else "info")


# --------------------------------------------------------------------------- classic RunPython entry points


def _setup(config: Config | None) -> tuple[Config, Plan, InstitutionRegistry, WorkingCalendar]:
    loaded = config or load_config()
    registry = load_registry(loaded.institutions)
    plan = load_plan(loaded.plan, registry, texts_dir=loaded.sync.data_dir)
    return loaded, plan, registry, WorkingCalendar(loaded.deadlines)


def validate_caller(config: Config | None = None) -> Validation:
    """`RunPython "import addin.functions as f; f.validate_caller()"` from desktop Excel (classic xlwings)."""
    loaded, plan, registry, calendar = _setup(config)
    return validate(xw.Book.caller(), plan, registry, calendar=calendar, master_lang=loaded.sync.master_lang)


def submit_caller(config: Config | None = None) -> SubmitResult:
    """`RunPython "import addin.functions as f; f.submit_caller()"`: records in the configured ledger."""
    loaded, plan, registry, calendar = _setup(config)
    book = xw.Book.caller()
    institution = workbook_institution(book_grid(book))
    ledger = open_ledger(loaded)  # as the commands open it: an older apmon's ledger is upgraded and that is said
    try:
        history = history_of(ledger, institution, plan) if institution else []
        result = submit(
            book,
            plan,
            registry,
            ledger=ledger,
            now=dt.datetime.now(dt.UTC),
            history=history,
            calendar=calendar,
            master_lang=loaded.sync.master_lang,
        )
        # Excel's own Python prints where no one reads it: the message box says the upgrade too
        if (upgraded := upgrade_said(ledger, loaded.sync.master_lang)) is not None:
            _alert(book, upgraded, "info")
        return result
    finally:
        ledger.close()
