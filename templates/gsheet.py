"""Render a report layout as a Google Sheet (through a gspread client passed in).

Per template: one files.list to find a template of that name already in the
folder (so a retried build does not make a second one), create the file in the
Drive folder with a marker of this build (`CREATE_MARK`: when the create's answer
is lost, one files.list by the marker finds the file Google made, instead of a
second create making a duplicate), read its metadata (gspread does this on open), one
spreadsheets.batchUpdate with the Serbian locale and Belgrade time zone and
every sheet, format, dropdown, protected range and named range, one
values.batchUpdate with every value, and one files.update that marks the file
as a finished apmon template (`TEMPLATE_MARK`); the sync reads only marked
files. A build that fails half-way trashes what it made, and the next build trashes
a spreadsheet of the template's title that an earlier build began and did not finish
(it still holds `CREATE_MARK`); one of that title apmon did not make (an officer's
filled report uploaded back, converted) is left alone and named. Sharing adds one call
per account (sharing again with the same account changes nothing).

The folder must be in a Shared Drive: a service account cannot own files in
My Drive (docs/sync.md says how to set it up); every Drive call sends
supportsAllDrives.
"""

from __future__ import annotations

import logging
import re
import secrets
from contextlib import suppress
from decimal import Decimal
from typing import Any, Literal

import gspread
from gspread.exceptions import APIError
from gspread.urls import DRIVE_FILES_API_V3_URL
from gspread.utils import absolute_range_name

from apmon.schemas.a1 import column_letter
from apmon.schemas.calendar import ReportKind
from apmon.schemas.grid import Grid
from apmon.schemas.messages import text_of
from apmon.schemas.text import Lang
from apmon.templates.google_api import (
    GOOGLE_ERRORS,
    GoogleUnavailable,
    batch_get_values,
    batch_update_once,
    send_once,
)
from apmon.templates.layout import (
    FIRST_DATA_ROW,
    HEADER_ROW,
    HINT_ROW,
    META_SHEET,
    TITLE_ROW,
    CellRule,
    SheetLayout,
    WorkbookLayout,
    hint_row,
    sheet_names,
)
from apmon.templates.sheet_extent import MAX_SHEET_CELLS, MAX_WORKBOOK_CELLS
from apmon.templates.sniff import ProblemCode, shown_text

DEFAULT_SHEET_ID = 0  # the sheet Google puts in every new spreadsheet; removed once ours exist
GREY = {"red": 0.949, "green": 0.949, "blue": 0.949}
WHITE = {"red": 1.0, "green": 1.0, "blue": 1.0}
HEADER_BLUE = {"red": 0.122, "green": 0.306, "blue": 0.475}
PIXELS_PER_CHARACTER = 7
# The Cover's date is read as in Serbia (4.5.2018 the 4th of May) and the plan's amounts shown so (1.234,50); the
# service account's own en_US would read them the American way. Other input cells are text (TEXT_FORMAT).
TEMPLATE_LOCALE = "sr_RS"
TEMPLATE_TIME_ZONE = "Europe/Belgrade"
TEMPLATE_MARK = "apmonTemplate"  # Drive appProperty of a finished template; its value is the template's title
CREATE_MARK = "apmonCreate"  # Drive appProperty set with the file: a random id of the create, to find it again
SPREADSHEET_MIME = "application/vnd.google-apps.spreadsheet"
AMOUNT_FORMAT = {"type": "NUMBER", "pattern": "#,##0.00"}
DATE_FORMAT = {"type": "DATE", "pattern": "dd.mm.yyyy"}
TEXT_FORMAT = {"type": "TEXT"}  # Google's plain text: what is typed stays a string, USER_ENTERED included

log = logging.getLogger(__name__)


def spreadsheet_title(layout: WorkbookLayout) -> str:
    """E.g. "apmon MUP 2018-03 (sr-Latn)"; a short report says which: "apmon MOS 2018-03 (sr-Latn) member"."""
    meta = layout.meta
    duty = " member" if layout.has("member") else " observer" if layout.has("observations") else ""
    return f"apmon {meta.institution} {meta.period} ({meta.lang}){duty}"


_TITLE = re.compile(
    r"apmon (?P<institution>\S+) (?P<period>\d{4}(?:-\d{2})?) \((?P<lang>sr-Latn|sr-Cyrl|en)\)"
    r"(?: (?P<duty>member|observer))?"
)


def sheet_names_from_title(title: str) -> list[str] | None:
    """The sheet names of a template whose spreadsheet still has the title apmon gave it; None otherwise."""
    match = _TITLE.fullmatch(title)
    if match is None:
        return None
    kind: ReportKind = "annual" if len(match["period"]) == 4 else "monthly"
    return sheet_names(kind, match["lang"], match["duty"] or "tasks")  # type: ignore[arg-type]


def structure_requests(layout: WorkbookLayout) -> list[dict[str, Any]]:
    """The spreadsheets.batchUpdate requests that shape the workbook: one list, sent in one call."""
    requests: list[dict[str, Any]] = [
        {
            "updateSpreadsheetProperties": {
                "properties": {"locale": TEMPLATE_LOCALE, "timeZone": TEMPLATE_TIME_ZONE},
                "fields": "locale,timeZone",
            }
        }
    ]
    for index, sheet in enumerate(layout.sheets):
        sheet_id = index + 1
        requests.append(_add_sheet(sheet_id, index, sheet.name, len(sheet.columns), FIRST_DATA_ROW + len(sheet.rows)))
        requests += _sheet_formats(sheet_id, sheet, layout.meta.lang)
    meta_id = len(layout.sheets) + 1
    requests.append(_add_sheet(meta_id, len(layout.sheets), META_SHEET, 2, 12, hidden=True))
    submitted_row = list(layout.meta.model_dump()).index("submitted_at") + 1  # the add-in's Submit writes here
    described = text_of("protect.meta", layout.meta.lang)
    requests.append(_protect(meta_id, META_SHEET, described, [_range(meta_id, submitted_row, 2)]))
    requests.append(_repeat(_range(meta_id, submitted_row, 2), {"numberFormat": TEXT_FORMAT}))  # Submit's time: text
    requests.append({"deleteSheet": {"sheetId": DEFAULT_SHEET_ID}})
    return requests


def value_data(layout: WorkbookLayout) -> list[dict[str, Any]]:
    """values.batchUpdate data: every sheet's values from A1, as RAW so text stays text."""
    data = []
    for sheet in layout.sheets:
        rows: list[list[Any]] = [
            [sheet.title],
            [hint_row(sheet, layout.meta.lang)],
            [c.header for c in sheet.columns],
        ]
        if sheet.role == "instructions":
            rows[1] = [""]
        for row in sheet.rows:
            rows.append([_json_value(row.values.get(c.key)) for c in sheet.columns])
        data.append({"range": absolute_range_name(sheet.name, "A1"), "values": rows})
    meta_rows = [[key, str(value)] for key, value in layout.meta.model_dump().items()]
    data.append({"range": absolute_range_name(META_SHEET, "A1"), "values": meta_rows})
    return data


def list_folder(
    client: gspread.Client, folder_id: str, name: str | None = None, *, spreadsheets_only: bool = True
) -> list[dict[str, Any]]:
    """Spreadsheets in a Drive folder (its own drive or a Shared Drive), trashed ones left out, with their marks;
    without `spreadsheets_only`, every file and folder in it (an Excel file uploaded there, to be named)."""
    kind = f" and mimeType = '{SPREADSHEET_MIME}'" if spreadsheets_only else ""
    query = f"'{_q(folder_id)}' in parents{kind} and trashed = false"
    if name is not None:
        query += f" and name = '{_q(name)}'"
    params: dict[str, Any] = {
        "q": query,
        "pageSize": 1000,
        "supportsAllDrives": True,
        "includeItemsFromAllDrives": True,
        "fields": "nextPageToken,files(id,name,mimeType,createdTime,modifiedTime,appProperties)",
    }
    files: list[dict[str, Any]] = []
    while True:
        reply = client.http_client.request("get", DRIVE_FILES_API_V3_URL, params=params).json()
        files.extend(reply.get("files", []))
        if not reply.get("nextPageToken"):
            return files
        params["pageToken"] = reply["nextPageToken"]


def drive_file_state(client: gspread.Client, file_id: str) -> Literal["there", "trashed", "gone"]:
    """Whether Drive holds the file: there; in the trash, where the Sheets API still reads and writes it, unseen,
    until Drive deletes it for good (after 30 days); or gone: deleted for good, or not shared with the service
    account (Drive answers 404 to both). Other failures raise, as every Google call's."""
    url = f"{DRIVE_FILES_API_V3_URL}/{file_id}"
    try:
        reply = client.http_client.request("get", url, params={"fields": "id,trashed", "supportsAllDrives": True})
    except APIError as exc:
        if exc.code == 404:
            return "gone"
        raise
    return "trashed" if reply.json().get("trashed") else "there"


def is_marked(file: dict[str, Any]) -> bool:
    """A Drive file that `create_google_template` finished (not a half-built one, not someone else's)."""
    return bool((file.get("appProperties") or {}).get(TEMPLATE_MARK))


def is_half_built(file: dict[str, Any]) -> bool:
    """A Drive file an earlier build made and did not finish: its create's mark is still on it, no template's mark.
    Never shared with an institution's accounts, nor read by the sync: nothing an officer typed is in it."""
    marks = file.get("appProperties") or {}
    return bool(marks.get(CREATE_MARK)) and not marks.get(TEMPLATE_MARK)


def built_for(file: dict[str, Any]) -> str | None:
    """The institution a marked spreadsheet was built for, as its mark names it (the title apmon gave it). Editors
    can rename the spreadsheet and change what its sheets hold, but not the mark: only apmon's app sees it."""
    match = _TITLE.fullmatch(str((file.get("appProperties") or {}).get(TEMPLATE_MARK, "")))
    return match["institution"] if match else None


def built_for_period(file: dict[str, Any]) -> str | None:
    """The period a marked spreadsheet was built for, as its mark names it: what it is known to be about before it
    is read (a spreadsheet Sheets did not answer for is not shown as a report not sent)."""
    match = _TITLE.fullmatch(str((file.get("appProperties") or {}).get(TEMPLATE_MARK, "")))
    return match["period"] if match else None


def create_google_template(
    client: gspread.Client,
    layout: WorkbookLayout,
    folder_id: str,
    share_with: list[str] | None = None,
    left: list[str] | None = None,
    not_shared: list[tuple[str, Exception]] | None = None,
    not_apmons: list[str] | None = None,
) -> gspread.Spreadsheet:
    """The template as a Google Sheet in the folder; a finished one of the same title there is reused.

    Half-built ones of the title (is_half_built) are trashed; the ids of those that could not be are added to
    `left`. One of the title apmon did not make (an officer's report uploaded back, converted, keeps the title) is
    left alone, its id added to `not_apmons`. When this build fails, what it made is
    trashed before the error goes on. An account of `share_with` Google refuses to share with (an address that is
    no Google account) is added to `not_shared` with Google's answer, and the template is kept: it is made, and
    shared with the others; without `not_shared` the refusal is raised.
    """
    title = spreadsheet_title(layout)
    found = list_folder(client, folder_id, title)
    for half_built in [f for f in found if is_half_built(f)]:
        if not _trash(client, half_built["id"]) and left is not None:
            left.append(half_built["id"])
    if not_apmons is not None:
        not_apmons += [f["id"] for f in found if not is_marked(f) and not is_half_built(f)]
    finished = [f for f in found if is_marked(f)]
    if finished:
        spreadsheet = client.open_by_key(finished[0]["id"])
        _share(spreadsheet, share_with, not_shared)
        return spreadsheet
    file_id = _create(client, title, folder_id)
    try:
        spreadsheet = client.open_by_key(file_id)
        last_added = len(layout.sheets) + 1  # the id of the last sheet the batch adds (_apmon)
        batch_update_once(client, file_id, structure_requests(layout), adds_sheet=last_added)
        spreadsheet.values_batch_update({"valueInputOption": "RAW", "data": value_data(layout)})
        client.http_client.request(
            "patch",
            f"{DRIVE_FILES_API_V3_URL}/{file_id}",
            json={"appProperties": {TEMPLATE_MARK: title[:100], CREATE_MARK: None}},  # null clears the create's
            params={"supportsAllDrives": True},
        )
    except (APIError, GoogleUnavailable, OSError):
        _trash(client, file_id)
        raise
    _share(spreadsheet, share_with, not_shared)
    return spreadsheet


def _create(client: gspread.Client, title: str, folder_id: str) -> str:
    """A new spreadsheet in the folder, made once however often the answer is lost; its id."""
    marker = secrets.token_hex(16)
    body = {"name": title, "mimeType": SPREADSHEET_MIME, "parents": [folder_id], "appProperties": {CREATE_MARK: marker}}

    def made() -> dict[str, Any] | None:
        query = f"'{_q(folder_id)}' in parents and appProperties has {{ key='{CREATE_MARK}' and value='{marker}' }}"
        params: dict[str, Any] = {
            "q": query,
            "supportsAllDrives": True,
            "includeItemsFromAllDrives": True,
            "fields": "files(id)",
        }
        files = client.http_client.request("get", DRIVE_FILES_API_V3_URL, params=params).json().get("files", [])
        return {"id": files[0]["id"]} if files else None

    reply = send_once(
        client, "post", DRIVE_FILES_API_V3_URL, json=body, made=made, params={"supportsAllDrives": True, "fields": "id"}
    )
    return str(reply["id"])


def _share(
    spreadsheet: gspread.Spreadsheet, share_with: list[str] | None, not_shared: list[tuple[str, Exception]] | None
) -> None:
    """Share with each account; one Google refuses stops neither the others nor the template (`not_shared`)."""
    for email in share_with or []:
        try:
            spreadsheet.share(email, perm_type="user", role="writer", notify=False)
        except GOOGLE_ERRORS as exc:
            if not_shared is None:
                raise
            not_shared.append((email, exc))


def _trash(client: gspread.Client, file_id: str) -> bool:
    """Move a half-built template to the trash; when even that fails (False), the next build trashes it."""
    with suppress(*GOOGLE_ERRORS, OSError):
        client.http_client.request(
            "patch", f"{DRIVE_FILES_API_V3_URL}/{file_id}", json={"trashed": True}, params={"supportsAllDrives": True}
        )
        return True
    log.warning("Could not trash the half-built Google Sheet %s; the next build will", file_id)
    return False


def _q(text: str) -> str:
    """A value inside single quotes in a Drive query."""
    return text.replace("\\", "\\\\").replace("'", "\\'")


# --- pieces -------------------------------------------------------------------


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


def _sheet_formats(sheet_id: int, sheet: SheetLayout, lang: Lang) -> list[dict[str, Any]]:
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
                    "properties": {"pixelSize": column.shown_width * PIXELS_PER_CHARACTER},
                    "fields": "pixelSize",
                }
            }
        )
        fmt: dict[str, Any] = {"wrapStrategy": "WRAP"} if column.wrap else {}
        if column.kind == "amount":  # the plan's amounts; input cells get TEXT_FORMAT below
            fmt["numberFormat"] = AMOUNT_FORMAT
        if nrows and fmt:  # a mask must name at least one field: nothing to set, no request
            requests.append(_repeat(_range(sheet_id, FIRST_DATA_ROW, ci, nrows, 1), fmt))
        runs = _input_runs(sheet, column.key)
        if sheet.role == "cover":  # each Cover field is its own cell: its own rule, format and name
            runs = [(row, 1) for first, length in runs for row in range(first, first + length)]
        for start, length in runs:
            cells = _range(sheet_id, FIRST_DATA_ROW + start, ci, length, 1)
            unprotected.append(cells)
            rule = column.rule
            if sheet.role == "cover" and sheet.rows[start].key == "date":
                prompt = text_of("prompt.date", lang)
                rule = CellRule(kind="date", prompt=prompt, error=prompt)
                # A fixed pattern, so the formatted value reads the same whatever the sheet's locale.
                requests.append(_repeat(cells, {"backgroundColor": WHITE, "numberFormat": DATE_FORMAT}))
            else:
                # Plain text, so what is typed is what is read: in sr_RS Google takes "1.10" or the task "2.1.2" for
                # a date, "=1+1" for a formula. The parser reads amounts and counts in either form (as the xlsx's).
                requests.append(_repeat(cells, {"backgroundColor": WHITE, "numberFormat": TEXT_FORMAT}))
            if rule is not None and rule.kind == "list":
                requests.append({"setDataValidation": {"range": cells, "rule": _rule(rule)}})
            elif rule is not None:
                # An amount, a count or the date ("5. aprila 2018." as officers write it): a number or date rule
                # would refuse the text, and an input message needs a rule;
                # the prompt is the cells' note instead (shown as the pointer rests on the cell).
                requests.append(_note(cells, rule.prompt))
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
    requests.append(_protect(sheet_id, sheet.name, text_of("protect.plan", lang), unprotected))
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


def _note(cells: dict[str, int], note: str) -> dict[str, Any]:
    return {"repeatCell": {"range": cells, "cell": {"note": note}, "fields": "note"}}


def _rule(v: CellRule) -> dict[str, Any]:
    """A dropdown list's rule: only its options are taken."""
    condition = {"type": "ONE_OF_LIST", "values": [{"userEnteredValue": c} for c in v.choices]}
    rule: dict[str, Any] = {"condition": condition, "strict": True, "showCustomUi": True}
    if v.prompt:
        rule["inputMessage"] = v.prompt
    return rule


def _named(name: str, cells: dict[str, int]) -> dict[str, Any]:
    return {"addNamedRange": {"namedRange": {"name": name, "range": cells}}}


def _protect(sheet_id: int, title: str, why: str, unprotected: list[dict[str, int]]) -> dict[str, Any]:
    """The sheet locked but for `unprotected`; `why` in the template's language (the officer reads it in Data >
    Protected sheets and ranges)."""
    return {
        "addProtectedRange": {
            "protectedRange": {
                "range": {"sheetId": sheet_id},
                "description": f"apmon: {title} ({why})",
                "warningOnly": False,
                "unprotectedRanges": unprotected,
            }
        }
    }


def read_google_grid(client: gspread.Client, spreadsheet_id: str, names: list[str] | None = None) -> Grid:
    """A spreadsheet's values and merged ranges as a Grid, in two reads: its metadata (each sheet's title and merged
    ranges), then one values.batchGet of the sheets `names`, or of every sheet when `names` is None or one of them
    is gone (renamed or deleted: the parser then names what is missing).

    A number comes as the cell holds it, as from an xlsx file: a template an older apmon handed out has amount cells
    in the number format #,##0.00, which shows the 3000,345 an officer typed as 3.000,34; read as shown, it was
    taken for 3000,34 without a word. The parser refuses it as it refuses the same number in a file. Dates stay as
    the cell shows them (the Cover's dd.mm.yyyy; "15.3" typed into such an amount cell, 15.3.2026, which the
    parser refuses as a date, never its serial number 46096), and text as typed.

    Merged ranges are read as an xlsx file's are: values.batchGet does not give them, and an input cell merged under
    another reads empty while the officer sees the merged value over it (the parser names it, `cells-merged`).

    SheetsTooLargeError, before a cell is read, when the sheets to be read are too large (`grids_too_large`)."""
    metadata = client.http_client.fetch_sheet_metadata(
        spreadsheet_id, params={"fields": "sheets(properties(title,gridProperties(rowCount,columnCount)),merges)"}
    )
    sheets = metadata.get("sheets", [])
    titles = [s["properties"]["title"] for s in sheets]
    if names is None or not set(names) <= set(titles):
        names = titles
    grids = [
        (s["properties"]["title"], grid.get("rowCount", 0), grid.get("columnCount", 0))
        for s in sheets
        if s["properties"]["title"] in names
        for grid in [s["properties"].get("gridProperties", {})]  # none on a sheet that holds only a chart
    ]
    if (too_large := grids_too_large(grids)) is not None:
        raise SheetsTooLargeError(*too_large, grids)
    values = batch_get_values(client, spreadsheet_id, [absolute_range_name(n) for n in names], numbers=True)
    merged = [
        (s["properties"]["title"], _merged_a1(span))
        for s in sheets
        if s["properties"]["title"] in names
        for span in s.get("merges", [])
    ]
    return Grid(
        source=f"google:{spreadsheet_id}",
        sheets={n: values[absolute_range_name(n)] for n in names},
        merged=merged,
        apostrophe_kept=True,
    )


class SheetsTooLargeError(ValueError):
    """Sheets of a spreadsheet too large to be read (`code` and `params` of the file problem, but for the
    spreadsheet's name), told by their grids: `grids`, the title, rows and columns of each sheet that was to be read."""

    def __init__(self, code: ProblemCode, params: dict[str, str], grids: list[tuple[str, int, int]]) -> None:
        self.code, self.params, self.grids = code, params, grids
        super().__init__(f"{code}: {params}")


def grids_too_large(grids: list[tuple[str, int, int]]) -> tuple[ProblemCode, dict[str, str]] | None:
    """Whether sheets of these grids (title, rows, columns) are too large to be read, by the xlsx reader's limits: a
    sheet of more than MAX_SHEET_CELLS cells, sheets of more than MAX_WORKBOOK_CELLS together. A grid counts every
    cell the sheet has, filled or not, as Google lists them: it is what is known before the cells are read, and the
    most of them a read can bring. It is no report's measure: a template's sheets have a few thousand cells, a sheet
    an officer adds 26,000 (1000 x 26), rows added below a list a few thousand more; a million cells is some 38,000
    rows of 26 columns, a table pasted from elsewhere."""
    for title, rows, columns in grids:
        if rows * columns > MAX_SHEET_CELLS:
            return "google-sheet-too-large", _grid_params(title, rows, columns, rows * columns, MAX_SHEET_CELLS)
    total = sum(rows * columns for _, rows, columns in grids)
    if total > MAX_WORKBOOK_CELLS:
        title, rows, columns = max(grids, key=lambda grid: grid[1] * grid[2])
        return "google-sheets-too-large", _grid_params(title, rows, columns, total, MAX_WORKBOOK_CELLS)
    return None


def _grid_params(title: str, rows: int, columns: int, cells: int, limit: int) -> dict[str, str]:
    return {
        "sheet": shown_text(title),
        "rows": str(rows),
        "columns": str(columns),
        "cells": str(cells),
        "limit": str(limit),
    }


def _merged_a1(span: dict[str, int]) -> str:
    """A merged range as Google lists it (a GridRange: 0-based, end-exclusive; Google leaves out an index of 0) in
    A1 form, "E4:E5"."""
    top, left = span.get("startRowIndex", 0) + 1, span.get("startColumnIndex", 0) + 1
    bottom, right = span.get("endRowIndex", top), span.get("endColumnIndex", left)
    return f"{column_letter(left)}{top}:{column_letter(right)}{bottom}"
