"""Render a report layout as an Excel workbook (openpyxl)."""

from __future__ import annotations

import datetime as dt
import io
import math
import re
import zipfile
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from apmon.schemas.messages import text_of
from apmon.schemas.paper import PageTexts
from apmon.templates.layout import (
    FIRST_DATA_ROW,
    HEADER_ROW,
    HINT_ROW,
    META_SHEET,
    TITLE_ROW,
    CellRule,
    Column,
    SheetLayout,
    WorkbookLayout,
    cell_text,
    header_lines,
    hint_row,
)
from apmon.templates.paper import report_page_texts, set_a4_print
from apmon.templates.read_xlsx import sheet_titles

LOCKED_FILL = PatternFill("solid", fgColor="F2F2F2")
INPUT_FILL = PatternFill("solid", fgColor="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
HEADER_FONT = Font(name="Calibri", bold=True, color="FFFFFF")  # the cells' font; unnamed, some programs use a wider one
THIN = Side(style="thin", color="BFBFBF")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
AMOUNT_FORMAT = "#,##0.00"
COUNT_FORMAT = "0"
TEXT_FORMAT = "@"
MAX_ROW_HEIGHT = 409.0  # points: the tallest row Excel has
MAX_LIST_FORMULA = 255  # characters: the longest list of options Excel takes written out in a validation rule
LISTS_COLUMN = 4  # D: where the metadata sheet keeps a longer list of options


def build_workbook(layout: WorkbookLayout) -> Workbook:
    wb = Workbook()
    wb.remove(wb.active)
    page = _page_texts(layout)
    long_lists: list[tuple[str, ...]] = []
    for sheet in layout.sheets:
        _render_sheet(wb, sheet, layout, page, long_lists)
    _render_meta(wb, layout, long_lists)
    wb.properties.title = layout.sheets[0].title
    wb.properties.creator = "apmon"
    wb.properties.keywords = f"apmon {layout.meta.plan_id} {layout.meta.institution} {layout.meta.period}"
    return wb


def write_xlsx(layout: WorkbookLayout, path: Path) -> None:
    """Write the workbook to `path` through a temporary file, so a crash never leaves half a file."""
    tmp = path.with_name(f".{path.name}.tmp")
    book = build_workbook(layout)
    # openpyxl stamps a book created when it is made and modified when it is saved; a build that takes a while
    # would look saved since (`apmon template build` keeps such a file). Created is stamped again just before.
    book.properties.created = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    saved = io.BytesIO()
    book.save(saved)
    tmp.write_bytes(_without_text_number_marks(saved.getvalue(), _text_cells(book)))
    tmp.replace(path)


def _text_cells(book: Workbook) -> dict[str, list[str]]:
    """Each sheet's text cells (TEXT_FORMAT) as A1 ranges."""
    found = {}
    for ws in book.worksheets:
        cells = [(c.row, c.column) for row in ws.iter_rows() for c in row if c.number_format == TEXT_FORMAT]
        if cells:
            found[ws.title] = _ranges(cells)
    return found


# The worksheet's children that ECMA-376 places after ignoredErrors: it goes before the first of them there is.
_AFTER_IGNORED_ERRORS = re.compile(
    rb"<(?:smartTags|drawing|legacyDrawing|legacyDrawingHF|drawingHF|picture|oleObjects|controls|webPublishItems"
    rb"|tableParts|extLst)[\s/>]|</worksheet>"
)


def _without_text_number_marks(xlsx: bytes, text_cells: dict[str, list[str]]) -> bytes:
    """The workbook `xlsx` with Excel's "Number Stored as Text" check switched off in `text_cells`, as Excel's own
    "Ignore Error" does: an amount typed into a text cell (TEXT_FORMAT says why they are text) would carry a green
    mark and an offer to convert it, and the report look wrong to whoever fills it. openpyxl writes no such part."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(xlsx)) as book, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as written:
        parts = [(info, book.read(info)) for info in book.infolist()]
        titles = sheet_titles({info.filename: content for info, content in parts})
        for info, content in parts:
            ranges = text_cells.get(titles.get(info.filename, ""))
            if ranges:
                where = _AFTER_IGNORED_ERRORS.search(content)
                assert where is not None, info.filename  # openpyxl always closes the worksheet
                ignored = f'<ignoredErrors><ignoredError sqref="{" ".join(ranges)}" numberStoredAsText="1"/>'
                content = content[: where.start()] + f"{ignored}</ignoredErrors>".encode() + content[where.start() :]
            written.writestr(info, content)
    return out.getvalue()


def _page_texts(layout: WorkbookLayout) -> PageTexts:
    """The institution's name as the cover shows it (its code without a cover), and the period."""
    meta = layout.meta
    cover = layout.sheet("cover").rows if layout.has("cover") else []
    name = next((row.values.get("value") for row in cover if row.key == "institution"), None)
    return report_page_texts(str(name or meta.institution), meta.period, meta.lang)


def set_text_safe(cell: Cell, value: Any) -> None:
    """Write a value; a text that starts with '=' stays text, never a formula."""
    cell.value = value
    if isinstance(value, str) and value.startswith("="):
        cell.data_type = "s"  # text, never a formula


def _render_sheet(
    wb: Workbook, sheet: SheetLayout, layout: WorkbookLayout, page: PageTexts, long_lists: list[tuple[str, ...]]
) -> None:
    ws: Worksheet = wb.create_sheet(sheet.name)
    ncols = len(sheet.columns)

    title = ws.cell(TITLE_ROW, 1)
    set_text_safe(title, sheet.title)
    title.font = Font(bold=True, size=14)
    if sheet.role != "instructions":
        set_text_safe(ws.cell(HINT_ROW, 1), hint_row(sheet, layout.meta.lang))
        ws.cell(HINT_ROW, 1).font = Font(italic=True, color="595959")

    for ci, column in enumerate(sheet.columns, 1):
        head = ws.cell(HEADER_ROW, ci)
        set_text_safe(head, column.header)
        head.font = HEADER_FONT
        head.fill = HEADER_FILL
        head.alignment = Alignment(wrap_text=True, vertical="center")
        head.border = BORDER
        ws.column_dimensions[get_column_letter(ci)].width = column.shown_width

    validations: dict[str, tuple[CellRule, list[tuple[int, int]]]] = {}  # key -> (rule, [(row, col)])
    for ri, row in enumerate(sheet.rows):
        r = FIRST_DATA_ROW + ri
        inputs = sheet.input_keys(row)
        for ci, column in enumerate(sheet.columns, 1):
            cell = ws.cell(r, ci)
            is_input = column.key in inputs
            set_text_safe(cell, row.values.get(column.key))
            cell.fill = INPUT_FILL if is_input else LOCKED_FILL
            cell.protection = Protection(locked=not is_input)
            cell.border = BORDER
            cell.alignment = Alignment(wrap_text=column.wrap, vertical="top")
            if sheet.role == "cover" and row.key == "date" and is_input:
                cell.number_format = "DD.MM.YYYY"
            elif is_input:
                # Text, so what is typed is what is read: where the decimal separator is a comma a spreadsheet
                # takes "1.10" or the task "2.1.2" for a date. The parser reads amounts and counts in either form.
                cell.number_format = TEXT_FORMAT
            elif column.kind == "amount":
                cell.number_format = AMOUNT_FORMAT
            elif column.kind == "count":
                cell.number_format = COUNT_FORMAT
            rule = column.rule
            if sheet.role == "cover" and row.key == "date":
                rule = _date_rule(layout)
            if is_input and rule is not None:
                dv_key = f"{column.key}:{row.key}" if sheet.role == "cover" else column.key
                validations.setdefault(dv_key, (rule, []))[1].append((r, ci))

    lines = max(header_lines(c.header, c.shown_width) for c in sheet.columns)
    ws.row_dimensions[HEADER_ROW].height = min(15.0 * max(lines, 2), MAX_ROW_HEIGHT)
    for ri, row in enumerate(sheet.rows):
        texts = [(cell_text(row.values.get(c.key)), c.width) for c in sheet.columns if c.wrap]
        ws.row_dimensions[FIRST_DATA_ROW + ri].height = row_height(texts)
    for validation, cells in validations.values():
        dv = _data_validation(validation, long_lists)
        for ref in _ranges(cells):
            dv.add(ref)
        ws.add_data_validation(dv)
    _name_input_ranges(wb, ws, sheet)

    ws.freeze_panes = ws.cell(FIRST_DATA_ROW, 2 if ncols > 2 else 1)
    set_a4_print(ws, HEADER_ROW, page, area=(max(FIRST_DATA_ROW, FIRST_DATA_ROW + len(sheet.rows) - 1), ncols))
    # Protection guards against accidents; formatting stays allowed so Validate can colour cells.
    ws.protection.sheet = True
    ws.protection.formatCells = False
    ws.protection.formatColumns = False
    ws.protection.formatRows = False


def row_height(texts: list[tuple[str, int]]) -> float:
    """Row height (points) that shows wrapped `texts` in columns of the given widths (characters).

    Spreadsheet programs do not grow rows to fit wrapped text written by a library, so the
    builder sizes them; typed input gets at least two lines of room."""
    lines = max([2, *(math.ceil(len(text) * 1.1 / max(width - 1, 1)) for text, width in texts)])
    return min(15.0 * lines, MAX_ROW_HEIGHT)


def _ranges(cells: list[tuple[int, int]]) -> list[str]:
    """Contiguous runs of rows in each column as A1 ranges: [(4,5),(5,5),(7,5)] -> ['E4:E5', 'E7']."""
    refs = []
    for col in sorted({c for _, c in cells}):
        rows = sorted(r for r, c in cells if c == col)
        start = prev = rows[0]
        for r in [*rows[1:], None]:
            if r is not None and r == prev + 1:
                prev = r
                continue
            letter = get_column_letter(col)
            refs.append(f"{letter}{start}" if start == prev else f"{letter}{start}:{letter}{prev}")
            if r is not None:
                start = prev = r
    return refs


def _data_validation(v: CellRule, long_lists: list[tuple[str, ...]]) -> DataValidation:
    if v.kind == "list":
        options = '"' + ",".join(v.choices) + '"'
        if len(options) > MAX_LIST_FORMULA:  # Excel calls such a file damaged: the options go on the metadata sheet
            long_lists.append(v.choices)
            column = get_column_letter(LISTS_COLUMN + len(long_lists) - 1)
            options = f"{quote_sheetname(META_SHEET)}!${column}$1:${column}${len(v.choices)}"
        dv = DataValidation(type="list", formula1=options, allow_blank=True)
    else:
        # An amount or a count, in a text cell (see TEXT_FORMAT), or the Cover's date, which officers also write in
        # words ("5. aprila 2018. godine"): a number or date rule would refuse the text; the parser checks
        dv = DataValidation(allow_blank=True)
    dv.promptTitle = None
    dv.prompt = v.prompt
    dv.showInputMessage = True
    dv.error = v.error
    dv.showErrorMessage = True
    dv.errorStyle = "stop"
    return dv


def _date_rule(layout: WorkbookLayout) -> CellRule:
    lang = layout.meta.lang
    return CellRule(kind="date", prompt=text_of("prompt.date", lang), error=text_of("prompt.date", lang))


def _name_input_ranges(wb: Workbook, ws: Worksheet, sheet: SheetLayout) -> None:
    """Workbook names for the input areas (apmon_tasks_status, apmon_cover_preparer, ...)."""
    if not sheet.rows:
        return
    quoted = quote_sheetname(ws.title)
    if sheet.role == "cover":
        for ri, row in enumerate(sheet.rows):
            if row.inputs:
                ref = f"{quoted}!${get_column_letter(2)}${FIRST_DATA_ROW + ri}"
                wb.defined_names[f"apmon_cover_{row.key}"] = DefinedName(f"apmon_cover_{row.key}", attr_text=ref)
        return
    first, last = FIRST_DATA_ROW, FIRST_DATA_ROW + len(sheet.rows) - 1
    for ci, column in enumerate(sheet.columns, 1):
        if _is_input_anywhere(sheet, column):
            name = f"apmon_{sheet.role}_{column.key}"
            letter = get_column_letter(ci)
            wb.defined_names[name] = DefinedName(name, attr_text=f"{quoted}!${letter}${first}:${letter}${last}")


def _is_input_anywhere(sheet: SheetLayout, column: Column) -> bool:
    return any(column.key in sheet.input_keys(row) for row in sheet.rows)


def _render_meta(wb: Workbook, layout: WorkbookLayout, long_lists: list[tuple[str, ...]]) -> None:
    ws = wb.create_sheet(META_SHEET)
    for ci, choices in enumerate(long_lists, LISTS_COLUMN):  # apart from the metadata's two columns, never read
        for r, choice in enumerate(choices, 1):
            set_text_safe(ws.cell(r, ci), choice)
    for r, (key, value) in enumerate(layout.meta.model_dump().items(), 1):
        ws.cell(r, 1, key)
        set_text_safe(ws.cell(r, 2), str(value))
        if key == "submitted_at":
            ws.cell(r, 2).protection = Protection(locked=False)  # the add-in's Submit writes the time here,
            ws.cell(r, 2).number_format = "@"  # as text (the sheet's protection keeps Submit from formatting it)
    ws.sheet_state = "hidden"
    ws.protection.sheet = True
