"""Render a report layout as a Google Sheet (through a gspread client passed in).

Four API calls per template: create the file in the Drive folder, read its
metadata (gspread does this on open), one spreadsheets.batchUpdate with every
sheet, format, dropdown, protected range and named range, and one
values.batchUpdate with every value. Sharing adds one call per account.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

import gspread

from schemas.calendar import ReportKind
from schemas.grid import Grid
from sync.google_api import batch_get_values
from templates.labels import label
from templates.layout import (
    FIRST_DATA_ROW,
    HEADER_ROW,
    HINT_ROW,
    META_SHEET,
    TITLE_ROW,
    SheetLayout,
    Validation,
    WorkbookLayout,
    column_letter,
    sheet_names,
)

DEFAULT_SHEET_ID = 0  # the sheet Google puts in every new spreadsheet; removed once ours exist
GREY = {"red": 0.949, "green": 0.949, "blue": 0.949}
WHITE = {"red": 1.0, "green": 1.0, "blue": 1.0}
HEADER_BLUE = {"red": 0.122, "green": 0.306, "blue": 0.475}
PIXELS_PER_CHARACTER = 7


def spreadsheet_title(layout: WorkbookLayout) -> str:
    meta = layout.meta
    return f"apmon {meta.institution} {meta.period} ({meta.lang})"


_TITLE = re.compile(r"apmon \S+ (?P<period>\d{4}(?:-\d{2})?) \((?P<lang>sr-Latn|sr-Cyrl|en)\)")


def sheet_names_from_title(title: str) -> list[str] | None:
    """The sheet names of a template whose spreadsheet still has the title apmon gave it; None otherwise."""
    match = _TITLE.fullmatch(title)
    if match is None:
        return None
    kind: ReportKind = "annual" if len(match["period"]) == 4 else "monthly"
    return sheet_names(kind, match["lang"])  # type: ignore[arg-type]


def structure_requests(layout: WorkbookLayout) -> list[dict[str, Any]]:
    """The spreadsheets.batchUpdate requests that shape the workbook: one list, sent in one call."""
    requests: list[dict[str, Any]] = []
    for index, sheet in enumerate(layout.sheets):
        sheet_id = index + 1
        requests.append(_add_sheet(sheet_id, index, sheet.name, len(sheet.columns), FIRST_DATA_ROW + len(sheet.rows)))
        requests += _sheet_formats(sheet_id, sheet)
    meta_id = len(layout.sheets) + 1
    requests.append(_add_sheet(meta_id, len(layout.sheets), META_SHEET, 2, 12, hidden=True))
    submitted_row = list(layout.meta.model_dump()).index("submitted_at") + 1  # the add-in's Submit writes here
    requests.append(_protect(meta_id, META_SHEET, [_range(meta_id, submitted_row, 2)]))
    requests.append({"deleteSheet": {"sheetId": DEFAULT_SHEET_ID}})
    return requests


def value_data(layout: WorkbookLayout) -> list[dict[str, Any]]:
    """values.batchUpdate data: every sheet's values from A1, as RAW so text stays text."""
    data = []
    for sheet in layout.sheets:
        rows: list[list[Any]] = [
            [sheet.title],
            [label("hint.inputs", layout.meta.lang)],
            [c.header for c in sheet.columns],
        ]
        if sheet.role == "instructions":
            rows[1] = [""]
        for row in sheet.rows:
            rows.append([_json_value(row.values.get(c.key)) for c in sheet.columns])
        data.append({"range": _quoted(sheet.name) + "!A1", "values": rows})
    meta_rows = [[key, str(value)] for key, value in layout.meta.model_dump().items()]
    data.append({"range": _quoted(META_SHEET) + "!A1", "values": meta_rows})
    return data


def create_google_template(
    client: gspread.Client, layout: WorkbookLayout, folder_id: str, share_with: list[str] | None = None
) -> gspread.Spreadsheet:
    spreadsheet = client.create(spreadsheet_title(layout), folder_id=folder_id)
    spreadsheet.batch_update({"requests": structure_requests(layout)})
    spreadsheet.values_batch_update({"valueInputOption": "RAW", "data": value_data(layout)})
    for email in share_with or []:
        spreadsheet.share(email, perm_type="user", role="writer", notify=False)
    return spreadsheet


# --- pieces -------------------------------------------------------------------


def _quoted(name: str) -> str:
    return "'" + name.replace("'", "''") + "'"


def _json_value(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def _add_sheet(sheet_id: int, index: int, title: str, columns: int, rows: int, hidden: bool = False) -> dict[str, Any]:
    grid = {"rowCount": max(rows, FIRST_DATA_ROW), "columnCount": max(columns, 1)}
    if not hidden:
        grid |= {"frozenRowCount": HEADER_ROW, "frozenColumnCount": 1 if columns > 2 else 0}
    return {
        "addSheet": {
            "properties": {
                "sheetId": sheet_id,
                "index": index,
                "title": title,
                "hidden": hidden,
                "gridProperties": grid,
            }
        }
    }


def _range(sheet_id: int, row: int, col: int, rows: int = 1, cols: int = 1) -> dict[str, int]:
    """Grid range from 1-based row/column, `rows` x `cols` cells (Google ranges are 0-based, end-exclusive)."""
    return {
        "sheetId": sheet_id,
        "startRowIndex": row - 1,
        "endRowIndex": row - 1 + rows,
        "startColumnIndex": col - 1,
        "endColumnIndex": col - 1 + cols,
    }


def _sheet_formats(sheet_id: int, sheet: SheetLayout) -> list[dict[str, Any]]:
    ncols, nrows = len(sheet.columns), len(sheet.rows)
    requests: list[dict[str, Any]] = [
        _repeat(_range(sheet_id, TITLE_ROW, 1), {"textFormat": {"bold": True, "fontSize": 14}}),
        _repeat(_range(sheet_id, HINT_ROW, 1), {"textFormat": {"italic": True}}),
        _repeat(
            _range(sheet_id, HEADER_ROW, 1, 1, ncols),
            {
                "backgroundColor": HEADER_BLUE,
                "textFormat": {"bold": True, "foregroundColor": WHITE},
                "wrapStrategy": "WRAP",
                "verticalAlignment": "MIDDLE",
            },
        ),
    ]
    if nrows:
        requests.append(
            _repeat(
                _range(sheet_id, FIRST_DATA_ROW, 1, nrows, ncols), {"backgroundColor": GREY, "verticalAlignment": "TOP"}
            )
        )
    unprotected: list[dict[str, int]] = []
    for ci, column in enumerate(sheet.columns, 1):
        requests.append(
            {
                "updateDimensionProperties": {
                    "range": {"sheetId": sheet_id, "dimension": "COLUMNS", "startIndex": ci - 1, "endIndex": ci},
                    "properties": {"pixelSize": column.width * PIXELS_PER_CHARACTER},
                    "fields": "pixelSize",
                }
            }
        )
        if nrows and (column.wrap or column.kind in ("amount", "count")):
            fmt: dict[str, Any] = {"wrapStrategy": "WRAP"} if column.wrap else {}
            if column.kind == "amount":
                fmt["numberFormat"] = {"type": "NUMBER", "pattern": "#,##0.00"}
            requests.append(_repeat(_range(sheet_id, FIRST_DATA_ROW, ci, nrows, 1), fmt))
        runs = _input_runs(sheet, column.key)
        for start, length in runs:
            cells = _range(sheet_id, FIRST_DATA_ROW + start, ci, length, 1)
            unprotected.append(cells)
            requests.append(_repeat(cells, {"backgroundColor": WHITE}))
            validation = column.validation
            if sheet.role == "cover" and sheet.rows[start].key == "date":
                validation = Validation(kind="date", prompt="", error="")
                # A fixed pattern, so the formatted value reads the same whatever the sheet's locale.
                requests.append(_repeat(cells, {"numberFormat": {"type": "DATE", "pattern": "dd.mm.yyyy"}}))
            if validation is not None:
                requests.append(
                    {"setDataValidation": {"range": cells, "rule": _rule(validation, ci, FIRST_DATA_ROW + start)}}
                )
        if runs:
            name = f"apmon_{sheet.role}_{column.key}"
            first, count = runs[0][0], runs[-1][0] + runs[-1][1] - runs[0][0]
            if sheet.role == "cover":
                for start, _ in runs:
                    requests.append(
                        _named(f"apmon_cover_{sheet.rows[start].key}", _range(sheet_id, FIRST_DATA_ROW + start, ci))
                    )
            else:
                requests.append(_named(name, _range(sheet_id, FIRST_DATA_ROW + first, ci, count, 1)))
    requests.append(_protect(sheet_id, sheet.name, unprotected))
    return requests


def _input_runs(sheet: SheetLayout, key: str) -> list[tuple[int, int]]:
    """(first row index, length) of each run of consecutive rows where column `key` takes input."""
    runs: list[tuple[int, int]] = []
    for i, row in enumerate(sheet.rows):
        if key in sheet.input_keys(row):
            if runs and runs[-1][0] + runs[-1][1] == i:
                runs[-1] = (runs[-1][0], runs[-1][1] + 1)
            else:
                runs.append((i, 1))
    return runs


def _repeat(cells: dict[str, int], fmt: dict[str, Any]) -> dict[str, Any]:
    return {
        "repeatCell": {
            "range": cells,
            "cell": {"userEnteredFormat": fmt},
            "fields": "userEnteredFormat(" + ",".join(fmt) + ")",
        }
    }


def _rule(v: Validation, col: int, row: int) -> dict[str, Any]:
    condition: dict[str, Any]
    if v.kind == "list":
        condition = {"type": "ONE_OF_LIST", "values": [{"userEnteredValue": c} for c in v.choices]}
    elif v.kind == "decimal":
        condition = {"type": "NUMBER_GREATER_THAN_EQ", "values": [{"userEnteredValue": "0"}]}
    elif v.kind == "whole":
        ref = f"{column_letter(col)}{row}"  # relative: Google shifts it over the range
        condition = {
            "type": "CUSTOM_FORMULA",
            "values": [{"userEnteredValue": f"=AND(ISNUMBER({ref}),{ref}>=0,INT({ref})={ref})"}],
        }
    else:
        condition = {"type": "DATE_IS_VALID"}
    rule: dict[str, Any] = {"condition": condition, "strict": True, "showCustomUi": v.kind == "list"}
    if v.prompt:
        rule["inputMessage"] = v.prompt
    return rule


def _named(name: str, cells: dict[str, int]) -> dict[str, Any]:
    return {"addNamedRange": {"namedRange": {"name": name, "range": cells}}}


def _protect(sheet_id: int, title: str, unprotected: list[dict[str, int]]) -> dict[str, Any]:
    return {
        "addProtectedRange": {
            "protectedRange": {
                "range": {"sheetId": sheet_id},
                "description": f"apmon: {title} (locked cells come from the Action Plan)",
                "warningOnly": False,
                "unprotectedRanges": unprotected,
            }
        }
    }


def read_google_grid(client: gspread.Client, spreadsheet_id: str, names: list[str] | None = None) -> Grid:
    """A spreadsheet's values as a Grid, in one values.batchGet of the sheets `names`; without names, one
    metadata read first finds them."""
    if names is None:
        metadata = client.http_client.fetch_sheet_metadata(spreadsheet_id, params={"fields": "sheets.properties.title"})
        names = [s["properties"]["title"] for s in metadata.get("sheets", [])]
    values = batch_get_values(client, spreadsheet_id, [_quoted(n) for n in names])
    return Grid(source=f"google:{spreadsheet_id}", sheets={n: values[_quoted(n)] for n in names})
