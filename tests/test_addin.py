"""The add-in through its server, as xlwings' own clients call it.

Real templates built by the project's builders and filled with openpyxl become the exact payloads of the
Office.js, Google Apps Script and VBA clients (xlwings 0.37.8: xlwingsjs, xlwings.js, Remote.bas); the
answered actions are applied to a copy of the workbook with openpyxl, supporting only the actions every
client applies, and the tests look at the result: fills, the Issues sheet, the alert, the ledger.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import shutil
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from fastapi.testclient import TestClient
from openpyxl.cell.cell import MergedCell
from openpyxl.styles import Alignment, PatternFill
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.workbook.workbook import Workbook
from sqlalchemy import event
from typer.testing import CliRunner

from apmon.addin import functions
from apmon.addin.functions import EXTRA_ACTIONS, is_issues_sheet, xw
from apmon.addin.server import ACTIONS_HEADER, MERGED_HEADER, create_app
from apmon.cli.app import app as cli_app
from apmon.schemas.calendar import Period, WorkingCalendar, time_basis
from apmon.schemas.grid import Grid
from apmon.schemas.institutions import InstitutionRegistry
from apmon.schemas.messages import counted, text_of
from apmon.schemas.plan import Plan
from apmon.schemas.report import Report
from apmon.schemas.tables import REGISTER_SHEET
from apmon.sync.config import Config, SyncSettings
from apmon.sync.ledger import COORDINATOR, HEAD_REVISION, Ledger
from apmon.sync.run import run_sync
from apmon.sync.sources import FolderSource, Source
from apmon.sync.tokens import token_hash
from apmon.templates.layout import META_SHEET, WorkbookLayout, report_layout, reporting_institutions
from apmon.templates.validation import validate_file, validate_grid
from tests.reports import add_own_chart, complete_monthly, filled_report, states

OFFICE_JS, GOOGLE, VBA = "Office.js", "Google Apps Script", "VBA"
CLIENTS = (OFFICE_JS, GOOGLE, VBA)
NOW = dt.datetime(2018, 4, 3, 9, 30, tzinfo=dt.UTC)  # 11:30 in Belgrade, before the March reports are due
PERIOD = "2018-03"
MARCH = "The monthly report for March 2018"  # how Submit names the report it recorded
URL = "/xlwings/custom-scripts-call/{}"
APPLIED = frozenset(
    {
        "setValues",
        "setRangeColor",
        "setNumberFormat",
        "addSheet",
        "sheetDelete",
        "rangeClearContents",
        "rangeClearFormats",
        "sheetClearContents",
        "sheetClearFormats",
        "namesAdd",
        "alert",
        "setAutofit",
        "addHyperlink",
        # xlwings' own clients apply none of these three; apmon's do (addin/clients: apmon.js, apmon.gs, apmon.bas)
        "rangeMerge",
        "rangeUnmerge",
        "setWrapText",
        "setRowHeight",
    }
)

# --------------------------------------------------------------------------- client payloads


def _client_value(value: Any, is_date: bool, client: str) -> Any:
    """A cell as each client puts it into the payload."""
    if value is None:
        return None if client == VBA else ""  # VBA-JSON writes Empty as null, the JS clients get ""
    if isinstance(value, dt.datetime | dt.date):
        moment = value if isinstance(value, dt.datetime) else dt.datetime.combine(value, dt.time())
        if client == OFFICE_JS and not is_date:
            return (moment - dt.datetime(1899, 12, 30)).days  # only date-formatted cells become ISO strings
        # Office.js: new Date(serial).toISOString(); Apps Script: the same, shifted to the sheet's time zone;
        # VBA: Format(value, "yyyy-mm-ddTHH:mm:ss.000Z") of the local wall time.
        return moment.strftime("%Y-%m-%dT%H:%M:%S.000Z")
    return value


def client_payload(path: Path, client: str) -> dict[str, Any]:
    """The JSON body the xlwings client of `client` sends for the workbook at `path` (every sheet included)."""
    wb = openpyxl.load_workbook(path)
    sheets = []
    for ws in wb.worksheets:
        if client == GOOGLE:  # getLastRow / getLastColumn: the last cell with content
            filled = [(c.row, c.column) for row in ws.iter_rows() for c in row if c.value is not None]
            nrows = max([r for r, _ in filled], default=1)
            ncols = max([c for _, c in filled], default=1)
        else:  # Excel's used range reaches every formatted cell; openpyxl's dimensions do too
            nrows, ncols = ws.max_row, ws.max_column
        values = [
            [_client_value(c.value, getattr(c, "is_date", False), client) for c in row]
            for row in ws.iter_rows(min_row=1, max_row=nrows, max_col=ncols)
        ]
        if client == VBA and all(v is None for row in values for v in row):
            values = [[]]  # IsEmpty(UsedRange.Value) -> Array(Array())
        sheet: dict[str, Any] = {"name": ws.title, "values": values, "pictures": [], "tables": []}
        if client == OFFICE_JS:  # apmon.js sends the merged ranges of the used range (xlwings' clients do not)
            sheet["merged"] = [str(span) for span in ws.merged_cells.ranges]
        sheets.append(sheet)
    names = []
    for name, defined in wb.defined_names.items():
        for title, ref in defined.destinations:
            names.append(
                {
                    "name": name,
                    "sheet_index": wb.sheetnames.index(title),
                    "address": ref.replace("$", ""),
                    "scope_sheet_name": None,
                    "scope_sheet_index": None,
                    "book_scope": True,
                }
            )
    book_name = path.stem if client == GOOGLE else path.name  # a Google spreadsheet's title has no extension
    return {
        "client": client,
        "version": "0.37.8",
        "book": {"name": book_name, "active_sheet_index": 0, "selection": "A1"},
        "names": names,
        "sheets": sheets,
    }


def client_headers(path: Path, client: str) -> dict[str, str]:
    """The header apmon.gs and apmon.bas add to the xlwings client's request: each sheet's merged ranges as
    "<sheet position>!<range>", joined by commas (xlwings' own payload has no place for them; apmon.js puts them
    into each sheet of the payload instead)."""
    if client == OFFICE_JS:
        return {}
    wb = openpyxl.load_workbook(path)
    spans = [f"{position}!{span}" for position, ws in enumerate(wb.worksheets) for span in ws.merged_cells.ranges]
    return {MERGED_HEADER: ",".join(spans)} if spans else {}


# --------------------------------------------------------------------------- applying actions with openpyxl

# What a person's typing turns into a number, a date or a time: Excel's `range.values` (Office.js, VBA) and Apps
# Script's `setValues` read a string as typed input unless the cell has the text format "@" (or the string has
# the apostrophe prefix). Liberal on purpose: Serbian and English locales together.
_TYPED_NUMBER = re.compile(r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?%?$")
_TYPED_DATE = re.compile(r"^\d{1,4}[-./]\d{1,2}([-./]\d{1,4})?\.?( \d{1,2}:\d{2}(:\d{2})?)?$")
_TYPED_TIME = re.compile(r"^\d{1,2}:\d{2}(:\d{2})?$")


def typed(cell: Any, value: Any) -> None:
    """`value` set into `cell` as the clients' setValues does: parsed like a person's typing unless the cell's
    number format is text ("@") or the text starts with the apostrophe prefix (which is dropped there). In a
    text cell a leading apostrophe stays, as Google Sheets keeps it in plain-text cells."""
    if value == "" or value is None:
        cell.value = None
        return
    if not isinstance(value, str):
        cell.value = value
        return
    if cell.number_format == "@":
        cell.value = value
        cell.data_type = "s"  # openpyxl would take "=..." for a formula
        return
    if value.startswith("'"):
        cell.value = value[1:]
        cell.data_type = "s"
        return
    if value.upper() in ("TRUE", "FALSE"):
        cell.value = value.upper() == "TRUE"
    elif _TYPED_NUMBER.match(value):
        number = float(value.rstrip("%").replace(",", "."))
        cell.value = number / 100 if value.endswith("%") else int(number) if number.is_integer() else number
    elif _TYPED_DATE.match(value) or _TYPED_TIME.match(value):
        cell.value = dt.datetime(1900, 1, 1)  # some date or time: which one is not modelled
    else:
        cell.value = value  # "=..." becomes a formula, as openpyxl reads it too


def apply_actions(wb: Workbook, actions: list[dict[str, Any]], applied: frozenset[str] = APPLIED) -> list[str]:
    """Apply actions as the clients do, supporting exactly the actions every client applies (`applied`: those an
    older client file applies); the alerts."""
    alerts: list[str] = []

    def cells(action: dict[str, Any]) -> Iterator[Any]:
        ws = wb.worksheets[action["sheet_position"]]
        for r in range(action["row_count"]):
            for c in range(action["column_count"]):
                yield ws.cell(action["start_row"] + r + 1, action["start_column"] + c + 1)

    for action in actions:
        func, args = action["func"], action["args"]
        assert func in applied, f"{func} is not an action the client applies"
        if func == "setValues":
            ws = wb.worksheets[action["sheet_position"]]
            assert len(action["values"]) == action["row_count"]
            for r, row in enumerate(action["values"]):
                assert len(row) == action["column_count"], "every client needs a rectangular block"
                for c, value in enumerate(row):
                    typed(ws.cell(action["start_row"] + r + 1, action["start_column"] + c + 1), value)
        elif func == "setRangeColor":
            for cell in cells(action):
                cell.fill = PatternFill("solid", fgColor="FF" + args[0].lstrip("#").upper())
        elif func == "setNumberFormat":
            for cell in cells(action):
                cell.number_format = args[0]
        elif func == "addSheet":
            wb.create_sheet(args[1], int(args[0]))
        elif func == "sheetDelete":
            wb.remove(wb.worksheets[action["sheet_position"]])
        elif func in ("rangeClearContents", "sheetClearContents", "rangeClearFormats", "sheetClearFormats"):
            if func.startswith("sheet"):
                ws = wb.worksheets[action["sheet_position"]]
                if func == "sheetClearFormats":  # Excel's ClearFormats undoes merged cells too
                    for span in list(ws.merged_cells.ranges):
                        ws.unmerge_cells(str(span))
                # a merged range's value is its first cell's; the others hold none
                targets = [c for row in ws.iter_rows() for c in row if not isinstance(c, MergedCell)]
            else:
                targets = list(cells(action))
            for cell in targets:
                if func.endswith("Contents"):
                    cell.value = None
                else:
                    cell.style = "Normal"
        elif func == "namesAdd":
            wb.defined_names[args[0]] = DefinedName(args[0], attr_text=str(args[1]).lstrip("="))
        elif func == "addHyperlink":
            for cell in cells(action):
                cell.hyperlink = args[0]
                cell.value = args[1]
        elif func == "rangeMerge":
            ws = wb.worksheets[action["sheet_position"]]
            first, *_, last = list(cells(action))
            rows = [(first.row, last.row)] if not args[0] else [(r, r) for r in range(first.row, last.row + 1)]
            for top, bottom in rows:  # across: each row merged on its own, as Excel's Merge Across does
                ws.merge_cells(start_row=top, start_column=first.column, end_row=bottom, end_column=last.column)
        elif func == "rangeUnmerge":  # each merge the range touches, as Excel's UnMerge and Google's breakApart
            ws = wb.worksheets[action["sheet_position"]]
            first, *_, last = list(cells(action)) * 2
            for span in [m for m in ws.merged_cells.ranges if m.min_row <= last.row and m.max_row >= first.row
                         and m.min_col <= last.column and m.max_col >= first.column]:  # fmt: skip
                ws.unmerge_cells(str(span))
        elif func == "setWrapText":
            for cell in cells(action):
                if not isinstance(cell, MergedCell):
                    cell.alignment = Alignment(wrap_text=bool(args[0]))
        elif func == "setRowHeight":
            ws = wb.worksheets[action["sheet_position"]]
            for r in range(action["row_count"]):
                ws.row_dimensions[action["start_row"] + r + 1].height = args[0]
        elif func == "alert":
            alerts.append(args[0])
    return alerts


def fill(wb: Workbook, sheet: str, cell: str) -> str:
    pattern = wb[sheet][cell].fill
    return str(pattern.fgColor.rgb)[-6:].upper() if pattern.patternType == "solid" else ""


def sheet_rows(wb: Workbook, sheet: str) -> list[list[Any]]:
    return [list(row) for row in wb[sheet].iter_rows(values_only=True) if any(v is not None for v in row)]


# --------------------------------------------------------------------------- fixtures

TOKENS = {"MZ": "tok-mz", "MUP": "tok-mup", COORDINATOR: "tok-coordinator"}


def bearer(holder: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {TOKENS[holder]}"}


def add_tokens(ledger: Ledger, issued: dt.datetime) -> None:
    """Every holder of TOKENS gets its token: the Coordinator's role for COORDINATOR, an institution's for the rest."""
    for holder, token in TOKENS.items():
        role = "coordinator" if holder == COORDINATOR else "institution"
        ledger.add_token(holder, role, token_hash(token), holder, issued)


def reports_in_each_language(plan: Plan, registry: InstitutionRegistry, folder: Path) -> dict[str, Path]:
    """MZ's clean March 2018 report in each language."""
    made = {}
    for lang in ("sr-Latn", "sr-Cyrl", "en"):
        layout = report_layout(plan, registry, "MZ", Period.parse(PERIOD), lang)  # type: ignore[arg-type]
        made[lang], _ = filled_report(
            plan, registry, folder, "MZ", PERIOD, complete_monthly(layout), lang=lang, name=f"MZ_{lang}.xlsx"
        )
    return made


@pytest.fixture
def ledger(tmp_path: Path) -> Iterator[Ledger]:
    opened = Ledger.open(f"sqlite:///{tmp_path / 'ledger.sqlite'}")
    add_tokens(opened, NOW)
    yield opened
    opened.close()


@pytest.fixture
def config(tmp_path: Path) -> Config:
    # an English master (master_lang's default is Serbian Latin): these tests read its English sheet names
    return Config(sync=SyncSettings(data_dir=tmp_path, first_period="2018-01", last_period=PERIOD, master_lang="en"))


@pytest.fixture
def server(config: Config, ledger: Ledger, plan: Plan, registry: InstitutionRegistry) -> Any:
    """create_app with the session's plan and registry (loading them takes a third of a second)."""

    def make(**options: Any) -> TestClient:
        return TestClient(create_app(config, ledger, clock=lambda: NOW, plan=plan, registry=registry, **options))

    return make


@pytest.fixture
def client(server: Any) -> TestClient:
    return server()


@pytest.fixture(scope="module")
def reports(plan: Plan, registry: InstitutionRegistry, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """MZ March 2018: `good` (clean), `bad` (an error and a warning), `dated` (a real date on the cover),
    `cyrillic` (bad, in Serbian Cyrillic); MUP `good`."""
    folder = tmp_path_factory.mktemp("reports")
    made = {}
    layout = report_layout(plan, registry, "MZ", Period.parse(PERIOD), "en")
    good = complete_monthly(layout)
    bad = {
        **good,
        ("tasks", "2.1.2", "status"): "done",  # not in the list: an error at Tasks!E4
        ("budget", "2.1.2/6", "spent_year"): 200000,  # over the 124.400 planned: a warning at Budget!I4
    }
    for name, edits, lang in [
        ("good", good, "en"),
        ("bad", bad, "en"),
        ("dated", {**good, ("cover", "date", "value"): dt.datetime(2018, 4, 2)}, "en"),
        ("cyrillic", bad, "sr-Cyrl"),
    ]:
        made[name], _ = filled_report(plan, registry, folder, "MZ", PERIOD, edits, lang=lang, name=f"MZ_{name}.xlsx")
    mup = report_layout(plan, registry, "MUP", Period.parse(PERIOD), "en")
    made["mup"], _ = filled_report(plan, registry, folder, "MUP", PERIOD, complete_monthly(mup), name="MUP.xlsx")
    return made


def post(client: TestClient, name: str, payload: Any, holder: str = "MZ", older_file: bool = False) -> Any:
    """As apmon's client files post: apmon.gs and apmon.bas say which actions beyond xlwings' they apply, an older
    one of them (`older_file`) nothing."""
    said = isinstance(payload, dict) and payload.get("client") in (GOOGLE, VBA) and not older_file
    headers = {**bearer(holder), **({ACTIONS_HEADER: ",".join(EXTRA_ACTIONS)} if said else {})}
    return client.post(URL.format(name), json=payload, headers=headers)


def run(
    client: TestClient, name: str, path: Path, client_name: str, holder: str = "MZ", older_file: bool = False
) -> tuple[Workbook, list[str]]:
    """Post the workbook as `client_name` sends it; the workbook with the answer applied, and the alerts."""
    response = post(client, name, client_payload(path, client_name), holder, older_file)
    assert response.status_code == 200, response.text
    wb = openpyxl.load_workbook(path)
    return wb, apply_actions(wb, response.json()["actions"])


def consolidate_as(
    client: TestClient, path: Path, client_name: str, says: tuple[str, ...] = EXTRA_ACTIONS
) -> list[dict[str, Any]]:
    """Consolidate posted for the open master at `path` as `client_name` posts it: apmon.gs and apmon.bas with its
    merged ranges and the actions beyond xlwings' they say they apply (`says`: an older file names fewer, the oldest
    none and sends no such header); the actions answered."""
    headers = {**bearer(COORDINATOR), **client_headers(path, client_name)}
    if client_name in (GOOGLE, VBA) and says:
        headers[ACTIONS_HEADER] = ",".join(says)
    response = client.post(URL.format("consolidate"), json=client_payload(path, client_name), headers=headers)
    assert response.status_code == 200, response.text
    return list(response.json()["actions"])


# --------------------------------------------------------------------------- validate


@pytest.mark.parametrize("client_name", CLIENTS)
def test_validate_colours_the_cells_and_lists_the_issues(
    client: TestClient, reports: dict[str, Path], plan: Plan, registry: InstitutionRegistry, client_name: str
) -> None:
    wb, alerts = run(client, "validate", reports["bad"], client_name)

    assert fill(wb, "Tasks", "E4") == "FFC7CE"  # the error
    assert fill(wb, "Budget", "I4") == "FFEB9C"  # the warning
    assert fill(wb, "Tasks", "E5") == "FFFFFF"  # other input cells keep the template's white
    assert alerts == ["1 error, 1 warning. The cells are coloured and listed on the sheet Issues."]

    expected = validate_file(reports["bad"], plan, registry, "en")
    assert {(i.code, i.sheet, i.cell) for i in expected.issues} == {
        ("choice-not-in-list", "Tasks", "E4"),
        ("spent-over-planned", "Budget", "I4"),
    }
    rows = sheet_rows(wb, "Issues")
    assert rows[0] == ["Severity", "Sheet", "Cell", "Problem"]
    assert rows[1:] == [
        ["error", "Tasks", "E4", next(i.message for i in expected.issues if i.cell == "E4")],
        ["warning", "Budget", "I4", next(i.message for i in expected.issues if i.cell == "I4")],
    ]
    assert fill(wb, "Issues", "A1") == "DDEBF7"
    link = wb["Issues"]["C2"].hyperlink
    if client_name == GOOGLE:  # a link to a cell needs the sheet's gid, which Apps Script does not send
        assert link is None
    else:
        assert link is not None and link.target == "#'Tasks'!E4"


@pytest.mark.parametrize("name", ["validate", "submit"])
def test_a_report_dated_after_the_servers_day_is_refused_at_the_covers_date(
    client: TestClient, ledger: Ledger, plan: Plan, registry: InstitutionRegistry, tmp_path: Path, name: str
) -> None:
    """Validate and Submit hold the cover's date to today in Belgrade by the server's clock (NOW: 3 April 2018):
    a report dated 4 April is an error there, and Submit records nothing."""
    layout = report_layout(plan, registry, "MZ", Period.parse(PERIOD), "en")
    edits = {**complete_monthly(layout), ("cover", "date", "value"): "04.04.2018"}
    path, _ = filled_report(plan, registry, tmp_path, "MZ", PERIOD, edits)
    wb, _ = run(client, name, path, VBA)
    sheet, cell = layout.cell_of("cover", "date", "value")
    assert fill(wb, sheet, cell) == "FFC7CE"
    assert [row[:3] for row in sheet_rows(wb, "Issues")[1:]] == [["error", sheet, cell]]
    assert ledger.versions("MZ") == []


def test_today_is_the_day_in_belgrade(
    config: Config, ledger: Ledger, plan: Plan, registry: InstitutionRegistry, tmp_path: Path
) -> None:
    """At 00:30 on 4 April in Belgrade (22:30 on 3 April in UTC) a report dated 4 April is dated today."""
    layout = report_layout(plan, registry, "MZ", Period.parse(PERIOD), "en")
    edits = {**complete_monthly(layout), ("cover", "date", "value"): "04.04.2018"}
    path, _ = filled_report(plan, registry, tmp_path, "MZ", PERIOD, edits)
    just_after_midnight = clocked(config, ledger, plan, registry, dt.datetime(2018, 4, 3, 22, 30, tzinfo=dt.UTC))
    _, alerts = run(just_after_midnight, "validate", path, VBA)
    assert alerts == ["The monthly report for March 2018 is ready to submit: no errors."]


@pytest.mark.parametrize("client_name", CLIENTS)
def test_a_clean_report_is_ready_to_submit_without_highlights(
    client: TestClient, reports: dict[str, Path], client_name: str
) -> None:
    response = post(client, "validate", client_payload(reports["good"], client_name))
    actions = response.json()["actions"]
    colours = {a["args"][0] for a in actions if a["func"] == "setRangeColor"}
    assert colours <= {"#FFFFFF", "#F2F2F2", "#DDEBF7"}  # template colours and the Issues header only
    if client_name == GOOGLE:
        assert "#F2F2F2" not in colours  # Google protects locked cells, formats included
    wb = openpyxl.load_workbook(reports["good"])
    assert apply_actions(wb, actions) == ["The monthly report for March 2018 is ready to submit: no errors."]
    assert sheet_rows(wb, "Issues") == [["Severity", "Sheet", "Cell", "Problem"]]
    assert fill(wb, "Tasks", "A4") == "F2F2F2"  # as built


def test_dates_arrive_as_each_client_sends_them(client: TestClient, reports: dict[str, Path]) -> None:
    """A real date on the cover: Office.js and VBA send ISO text, as Apps Script does; all read as a date."""
    for client_name in CLIENTS:
        payload = client_payload(reports["dated"], client_name)
        cover = payload["sheets"][0]["values"]
        assert "2018-04-02T00:00:00.000Z" in [v for row in cover for v in row]
        _, alerts = run(client, "validate", reports["dated"], client_name)
        assert alerts == ["The monthly report for March 2018 is ready to submit: no errors."], client_name


def test_an_issues_sheet_renamed_in_another_case_is_reused_not_added_again(
    client: TestClient, reports: dict[str, Path]
) -> None:
    """Excel's sheet names ignore case: adding "Issues" beside a sheet the person renamed "issues" is refused."""
    wb, _ = run(client, "validate", reports["bad"], VBA)
    wb["Issues"].title = "renaming"  # in two steps: openpyxl, like Excel, takes "issues" for "Issues" itself
    wb["renaming"].title = "issues"
    again = reports["bad"].with_name("MZ_renamed.xlsx")
    wb.save(again)
    actions = post(client, "validate", client_payload(again, VBA)).json()["actions"]
    assert [a for a in actions if a["func"] == "addSheet"] == []
    wb = openpyxl.load_workbook(again)
    alerts = apply_actions(wb, actions)
    assert [ws.title for ws in wb.worksheets].count("issues") == 1 and "Issues" not in wb.sheetnames
    assert sheet_rows(wb, "issues")[1:] and "issues" in alerts[0]


def test_a_sheet_of_the_officers_own_named_like_the_issues_sheet_is_not_cleared(
    client: TestClient, reports: dict[str, Path]
) -> None:
    """Validate took any sheet named "Issues", "Greške" or "Грешке" for its own list: an officer's notes on a sheet
    so named were cleared and written over. A sheet that holds something other than the list stays as it is; the
    list goes to a sheet beside it, which the next Validate reuses."""
    wb = openpyxl.load_workbook(reports["bad"])
    notes = wb.create_sheet("Issues")
    notes.append(["Open questions for the Working Group", None])
    notes.append(["Tasks", "E4", "ask the Ministry about the shelter"])
    mine = reports["bad"].with_name("MZ_own_issues.xlsx")
    wb.save(mine)
    for _ in range(2):
        wb, alerts = run(client, "validate", mine, OFFICE_JS)
        assert sheet_rows(wb, "Issues") == [
            ["Open questions for the Working Group", None, None],
            ["Tasks", "E4", "ask the Ministry about the shelter"],
        ]
        listed = [name for name in wb.sheetnames if name.startswith("Issues (")]
        assert listed == ["Issues (2)"], wb.sheetnames
        assert [row[:3] for row in sheet_rows(wb, "Issues (2)")[1:]] == [
            ["error", "Tasks", "E4"],
            ["warning", "Budget", "I4"],
        ]
        assert "Issues (2)" in alerts[0]
        wb.save(mine)


@pytest.mark.parametrize(
    ("lang", "own", "client_name"),
    [("sr-Latn", "GREŠKE", VBA), ("sr-Cyrl", "Грешке", GOOGLE), ("en", "issues", OFFICE_JS)],
)
def test_the_officers_own_issues_sheet_is_kept_in_each_language(
    client: TestClient, plan: Plan, registry: InstitutionRegistry, tmp_path: Path, lang: str, own: str, client_name: str
) -> None:
    """The officer's sheet named as the list is in the template's language, in any case, is kept in each language
    and by each client; the list goes to "<name> (2)" with its header in that language, and the alert names it."""
    layout = report_layout(plan, registry, "MZ", Period.parse(PERIOD), lang)  # type: ignore[arg-type]
    edits = {**complete_monthly(layout), ("tasks", "2.1.2", "status"): "done"}  # not in the list: an error
    path, _ = filled_report(plan, registry, tmp_path, "MZ", PERIOD, edits, lang=lang, name=f"MZ_{lang}.xlsx")
    wb = openpyxl.load_workbook(path)
    wb.create_sheet(own).append(["Pitanja za Radnu grupu", "E4"])
    wb.save(path)
    listed = f"{text_of('issues.sheet', lang)} (2)"  # type: ignore[arg-type]
    for _ in range(2):
        wb, alerts = run(client, "validate", path, client_name)
        assert sheet_rows(wb, own) == [["Pitanja za Radnu grupu", "E4"]]
        assert [n for n in wb.sheetnames if is_issues_sheet(n)] == [own, listed], wb.sheetnames
        header = [text_of(f"issues.{key}", lang) for key in ("severity", "sheet_col", "cell", "message")]  # type: ignore[arg-type]
        rows = sheet_rows(wb, listed)
        assert rows[0][:4] == header and [row[2] for row in rows[1:]] == ["E4"]
        assert listed in alerts[0]
        wb.save(path)


def test_validating_again_clears_the_earlier_highlights(client: TestClient, reports: dict[str, Path]) -> None:
    wb, _ = run(client, "validate", reports["bad"], VBA)
    assert fill(wb, "Tasks", "E4") == "FFC7CE"
    wb["Tasks"]["E4"] = "in progress"  # the person fixes the error, keeps the warning
    again = reports["bad"].with_name("MZ_fixed.xlsx")
    wb.save(again)

    response = post(client, "validate", client_payload(again, VBA))
    actions = response.json()["actions"]
    wb = openpyxl.load_workbook(again)
    alerts = apply_actions(wb, actions)
    assert fill(wb, "Tasks", "E4") == "FFFFFF"  # back to the template's white
    assert fill(wb, "Tasks", "A4") == "F2F2F2"
    assert fill(wb, "Budget", "I4") == "FFEB9C"
    assert [a["func"] for a in actions].count("addSheet") == 0  # the Issues sheet is reused...
    assert {"sheetClearContents", "sheetClearFormats"} <= {a["func"] for a in actions}  # ...and cleared
    assert sheet_rows(wb, "Issues")[1:] == [["warning", "Budget", "I4", sheet_rows(wb, "Issues")[1][3]]]
    assert len(sheet_rows(wb, "Issues")) == 2
    assert alerts == [
        "The monthly report for March 2018 is ready to submit: no errors, 1 warning (see the sheet Issues)."
    ]
    # Only the sheets the last validation coloured are restored (Tasks and Budget), each in a few blocks.
    restored = {a["sheet_position"] for a in actions if a["func"] == "setRangeColor" and a["args"][0] == "#FFFFFF"}
    assert restored == {wb.sheetnames.index("Tasks"), wb.sheetnames.index("Budget")}


def test_messages_and_the_issues_sheet_follow_the_template_language(
    client: TestClient, reports: dict[str, Path]
) -> None:
    wb, alerts = run(client, "validate", reports["cyrillic"], OFFICE_JS)
    assert "Грешке" in wb.sheetnames
    rows = sheet_rows(wb, "Грешке")
    assert rows[0] == ["Врста", "Лист", "Поље", "Опис проблема"]
    assert [r[:3] for r in rows[1:]] == [["грешка", "Задаци", "E4"], ["упозорење", "Буџет", "I4"]]
    assert alerts == ["1 грешка, 1 упозорење. Поља су обојена и наведена на листу „Грешке“."]
    assert fill(wb, "Задаци", "E4") == "FFC7CE"


@pytest.mark.parametrize("name", ["validate", "submit"])
def test_not_a_template_is_told_plainly_and_left_as_it_is(client: TestClient, tmp_path: Path, name: str) -> None:
    path = tmp_path / "Book1.xlsx"
    wb = Workbook()
    wb.active["A1"] = "my own numbers"
    wb.save(path)
    actions = post(client, name, client_payload(path, OFFICE_JS)).json()["actions"]
    assert [a["func"] for a in actions] == ["alert"]  # no Issues sheet, no colour: nothing changed
    assert actions[0]["args"][0] == text_of("wrong.not_report", "sr-Latn", meta=META_SHEET)  # the default


# --------------------------------------------------------------------------- submit


def test_submit_records_the_version_and_marks_the_report(
    client: TestClient, ledger: Ledger, reports: dict[str, Path]
) -> None:
    wb, alerts = run(client, "submit", reports["good"], GOOGLE)
    assert alerts == ["The monthly report for March 2018 was submitted on 3 Apr 2018 at 11:30."]
    assert wb["Cover"]["B13"].value == "submitted 3 Apr 2018 11:30"
    meta = {row[0]: row[1] for row in wb[META_SHEET].iter_rows(values_only=True)}
    assert meta["submitted_at"] == "2018-04-03 09:30:00+00:00"

    (version,) = ledger.versions("MZ")
    assert (version.valid, version.period, version.raw_kind, version.received_at) == (
        True,
        PERIOD,
        "google-values",
        NOW,
    )
    assert version.on_time is True and version.days_late == 0
    assert version.due == WorkingCalendar().due_date(Period.parse(PERIOD)).due
    assert (
        version.report_json is not None
        and json.loads(version.report_json)["submitted_at"] == "2018-04-03 09:30:00+00:00"
    )
    (item,) = ledger.items("addin")
    assert item.key == "MZ/2018-03" and item.content_hash == version.content_hash
    raw = ledger.raw(version.id)
    # The hash is of the report's content, without the submission's own marks (state, submitted_at).
    assert hashlib.sha256(raw).hexdigest() != version.content_hash
    stored = json.loads(raw)
    assert META_SHEET in stored and "Issues" not in stored
    assert stored["Cover"][12][1] == "submitted 3 Apr 2018 11:30"  # what the workbook holds after Submit


def test_validate_and_submit_compare_a_shared_line_with_the_other_institutions_as_the_sync_does(
    client: TestClient, ledger: Ledger, plan: Plan, registry: InstitutionRegistry, tmp_path: Path
) -> None:
    """MUP's version-2 template still lists 4.2.2/2 (TAIEX, 4.500 EUR, 2018; its first lead MRZBSP's) and MUP
    submitted spending on it; MRZBSP then spends on it too: the add-in flags the line as the sync flags it
    (test_sync: test_the_sync_flags_a_shared_line_spent_by_two_institutions)."""
    for holder in ("MUP", "MRZBSP"):
        ledger.add_token(holder, "institution", token_hash(f"tok-{holder}"), holder, NOW)
    spent = {("budget", "4.2.2/2", "spent_period"): 1000, ("budget", "4.2.2/2", "spent_year"): 3000}
    old = report_layout(plan, registry, "MUP", Period.parse(PERIOD), "en", template_version="2")
    mup, _ = filled_report(plan, registry, tmp_path, "MUP", PERIOD, {**complete_monthly(old), **spent},
                           name="MUP.xlsx", template_version="2")  # fmt: skip
    headers = {"Authorization": "Bearer tok-MUP"}
    assert client.post(URL.format("submit"), json=client_payload(mup, GOOGLE), headers=headers).status_code == 200
    assert [v.valid for v in ledger.versions("MUP")] == [True]
    layout = report_layout(plan, registry, "MRZBSP", Period.parse(PERIOD), "en")
    mrzbsp, _ = filled_report(plan, registry, tmp_path, "MRZBSP", PERIOD, {**complete_monthly(layout), **spent},
                              name="MRZBSP.xlsx")  # fmt: skip
    headers = {"Authorization": "Bearer tok-MRZBSP"}
    for script in ("validate", "submit"):
        answer = client.post(URL.format(script), json=client_payload(mrzbsp, GOOGLE), headers=headers)
        assert answer.status_code == 200, answer.text
    (version,) = ledger.versions("MRZBSP")
    codes = {issue["code"] for issue in version.issues}
    assert {"budget-line-spent-twice", "budget-line-over-plan-total"} <= codes  # 3.000 + 3.000 > 4.500


@pytest.mark.parametrize("client_name", CLIENTS)
def test_a_working_group_member_validates_and_submits_its_short_report(
    client: TestClient, ledger: Ledger, plan: Plan, registry: InstitutionRegistry, tmp_path: Path, client_name: str
) -> None:
    """Issue 15 point 13: a Working Group member without tasks has a short report the add-in checks and takes."""
    ledger.add_token("MOS", "institution", token_hash("tok-mos"), "MOS", NOW)
    cover = {("cover", "preparer", "value"): "Ana Jovanović", ("cover", "date", "value"): "03.04.2018"}
    empty, layout = filled_report(plan, registry, tmp_path, "MOS", PERIOD, cover, name="empty.xlsx")
    sheet, cell = layout.cell_of("member", "activities", "text")
    response = client.post(
        URL.format("validate"), json=client_payload(empty, client_name), headers={"Authorization": "Bearer tok-mos"}
    )
    wb = openpyxl.load_workbook(empty)
    apply_actions(wb, response.json()["actions"])
    assert fill(wb, sheet, cell) == "FFC7CE"  # the empty report's error, at its first text
    edits = {**cover, ("member", "proposals", "text"): "A joint training with the police."}
    good, _ = filled_report(plan, registry, tmp_path, "MOS", PERIOD, edits, name="good.xlsx")
    response = client.post(
        URL.format("submit"), json=client_payload(good, client_name), headers={"Authorization": "Bearer tok-mos"}
    )
    assert response.status_code == 200, response.text
    (version,) = ledger.versions("MOS")
    assert version.valid and version.report_json is not None
    assert json.loads(version.report_json)["duty"] == "member"


def test_submit_with_errors_refuses_and_records_nothing(
    client: TestClient, ledger: Ledger, reports: dict[str, Path]
) -> None:
    wb, alerts = run(client, "submit", reports["bad"], VBA)
    assert alerts == [
        "Not submitted: 1 error. Fix the coloured cells (listed on the sheet Issues) and click Submit again."
    ]
    assert wb["Cover"]["B13"].value == "draft"
    assert fill(wb, "Tasks", "E4") == "FFC7CE"
    assert ledger.versions() == [] and ledger.items() == []


JMBG = "1505953710011"  # a real date of birth and the right control digit
HIDDEN = {
    # a sheet of the officer's own named after a victim: 35 characters, which Google Sheets takes (Excel cuts at 31)
    "a sheet's name": ("personal-data-sheet-name", "Žrtva M••••• P••••••• 15•••••••••11"),
    # a note added to the hidden metadata sheet
    "the metadata sheet": ("personal-data", META_SHEET),
}


def _with_hidden_data(payload: dict[str, Any], where: str) -> dict[str, Any]:
    """The client's payload with a victim's name and JMBG in a sheet's name or in a row of the metadata sheet."""
    sheets = payload["sheets"]
    if where == "a sheet's name":
        sheets.append({"name": f"Žrtva Marija Petrović {JMBG}", "values": [["Beleške"]], "pictures": [], "tables": []})
    else:
        meta = next(sheet for sheet in sheets if sheet["name"] == META_SHEET)
        meta["values"].append(["beleska", f"žrtva Marija Petrović, JMBG {JMBG}", *[""] * (len(meta["values"][0]) - 2)])
    return payload


@pytest.mark.parametrize("client_name", CLIENTS)
@pytest.mark.parametrize("where", HIDDEN)
def test_personal_data_in_a_sheets_name_or_the_metadata_sheet_is_refused_and_never_stored(
    client: TestClient,
    ledger: Ledger,
    reports: dict[str, Path],
    plan: Plan,
    registry: InstitutionRegistry,
    client_name: str,
    where: str,
) -> None:
    """Such a report was valid: Submit recorded it, the name and the JMBG with it, and no purge ever removed it."""
    code, sheet = HIDDEN[where]
    payload = _with_hidden_data(client_payload(reports["good"], client_name), where)
    grid = Grid(source="MZ.xlsx", sheets={s["name"]: s["values"] for s in payload["sheets"]})
    found = validate_grid(grid, plan, registry, "en").issues
    assert {(i.code, i.sheet, i.value) for i in found} == {
        (code, sheet, "M••••• P•••••••"),
        (code, sheet, "15•••••••••11"),
    }
    for name in ("validate", "submit"):
        response = post(client, name, _with_hidden_data(client_payload(reports["good"], client_name), where))
        assert response.status_code == 200, response.text
        answer = json.dumps(response.json(), ensure_ascii=False)
        assert JMBG not in answer and "Petrović" not in answer
        alerts = [a["args"][0] for a in response.json()["actions"] if a["func"] == "alert"]
        assert alerts == [
            "2 errors, 0 warnings. The cells are coloured and listed on the sheet Issues."
            if name == "validate"
            else "Not submitted: 2 errors. Fix the coloured cells (listed on the sheet Issues) and click Submit again."
        ]
        listed = [row for a in response.json()["actions"] if a["func"] == "setValues" for row in a["values"]]
        assert [row[1:3] for row in listed if row[0] == "error"] == [[sheet, i.cell] for i in found]
    assert ledger.versions() == [] and ledger.items() == []


def test_a_google_sheet_titled_with_personal_data_is_refused_by_validate_as_by_the_sync(
    client: TestClient, ledger: Ledger, reports: dict[str, Path]
) -> None:
    """Found in review, December 2026: a Google Sheet's title is one name, "/" and all, and the sync refuses one that
    holds personal data anywhere in it (`sheet-title-personal-data`). The Apps Script client sends the title as the
    book's name, and Validate and Submit took it as a path: "žrtva <JMBG>/MZ mart 2018" was read as a file "MZ mart
    2018" in a folder, and passed, to be refused by the sync."""
    payload = client_payload(reports["good"], GOOGLE)
    payload["book"]["name"] = f"žrtva {JMBG}/MZ mart 2018"
    for name in ("validate", "submit"):
        response = post(client, name, payload)
        assert response.status_code == 200, response.text
        answer = json.dumps(response.json(), ensure_ascii=False)
        assert JMBG not in answer
        listed = [row for a in response.json()["actions"] if a["func"] == "setValues" for row in a["values"]]
        errors = [row for row in listed if row[0] == "error"]
        assert len(errors) == 1 and "15•••••••••11" in json.dumps(errors, ensure_ascii=False), listed
    assert ledger.versions() == [] and ledger.items() == []


# --------------------------------------------------------------------------- consolidate


def test_consolidate_writes_the_managed_sheets_into_the_open_master(
    client: TestClient, reports: dict[str, Path], tmp_path: Path
) -> None:
    run(client, "submit", reports["good"], OFFICE_JS, holder="MZ")
    run(client, "submit", reports["mup"], OFFICE_JS, holder="MUP")
    master = tmp_path / "open-master.xlsx"  # a new, empty workbook (the sync writes its own master.xlsx)
    wb = Workbook()
    wb.active.title = "Notes"
    wb.save(master)

    response = post(client, "consolidate", client_payload(master, OFFICE_JS), COORDINATOR)
    assert response.status_code == 200, response.text
    actions = response.json()["actions"]
    wb = openpyxl.load_workbook(master)
    alerts = apply_actions(wb, actions)
    wb["Notes"]["A1"] = "the Coordinator's own notes"
    managed = [
        "Overview",
        "Objectives",
        "Submissions",
        "Status",
        "Annual",
        "Budget",
        "Indicators",
        "Problems and risks",
        "Issues",
    ]
    assert wb.sheetnames[0] == "Notes" and set(managed) <= set(wb.sheetnames)
    assert sheet_rows(wb, "Notes") == [["the Coordinator's own notes"]]
    register = sheet_rows(wb, REGISTER_SHEET)
    assert register[0][:2] == ["sheet", "written_at"] and {r[0] for r in register[1:]} >= set(managed)
    # the master's language in D, as the Google writer keeps it: an English master's Apps Script speaks English
    assert (register[0][3], register[1][3]) == ("lang", "en")
    title, _, header, *data = sheet_rows(wb, "Submissions")
    assert title == ["Monthly and annual reports by institution", *[None] * (len(header) - 1)]
    submissions = {row[0]: row for row in data}
    month = header.index(PERIOD)
    assert states([submissions["MZ"][month], submissions["MUP"][month]]) == ["on time", "on time"]
    stamped = (submissions["MZ"][month], submissions["MUP"][month])
    assert all(re.search(r", Submit stamp, version \d+\)$", cell) for cell in stamped)  # the ledger version counted
    assert fill(wb, "Submissions", "A3") == "DDEBF7"  # the header
    mz_row = next(c.row for c in wb["Submissions"]["A"] if c.value == "MZ")
    assert wb["Submissions"].cell(mz_row, month + 1).fill.fgColor.rgb == "FFC6EFCE"  # the "ok" highlight
    formats = {a["args"][0] for a in actions if a["func"] == "setNumberFormat"}
    assert {"#,##0.00", "#,##0"} <= formats
    assert "The master workbook is refreshed (sheets:" in alerts[0] and "accepted reports: 2" in alerts[0]
    set_values = [a for a in actions if a["func"] == "setValues"]
    assert len(set_values) == len({a["sheet_position"] for a in set_values})  # one write per sheet

    # Again, on the refreshed master: the managed sheets are cleared and rewritten, none is added.
    wb.save(master)
    again = post(client, "consolidate", client_payload(master, OFFICE_JS), COORDINATOR).json()["actions"]
    assert not [a for a in again if a["func"] == "addSheet"]
    cleared = {a["sheet_position"] for a in again if a["func"] == "sheetClearContents"}
    assert wb.sheetnames.index("Notes") not in cleared and wb.sheetnames.index("Overview") in cleared
    apply_actions(wb, again)
    assert wb.sheetnames.count("Overview") == 1 and sheet_rows(wb, "Notes") == [["the Coordinator's own notes"]]


def test_a_decision_typed_on_the_open_masters_evaluation_sheet_is_recorded_by_consolidate(
    client: TestClient, ledger: Ledger, tmp_path: Path
) -> None:
    """The add-in's Consolidate, like the sync, records what the Coordinator typed on the Evaluation sheet before
    it writes the sheet again: the typed decision is neither lost nor left unrecorded."""
    master = empty_workbook(tmp_path / "open.xlsx")
    wb, _ = run(client, "consolidate", master, OFFICE_JS, COORDINATOR)
    sheet = wb["Evaluation"]
    row = next(r for r in range(4, sheet.max_row + 1) if sheet.cell(r, 3).value == "1.1")
    year = sheet.cell(row, 1).value
    sheet.cell(row, 7).value, sheet.cell(row, 8).value = "partially completed", "Two of three meetings held"
    wb.save(master)
    wb, alerts = run(client, "consolidate", master, OFFICE_JS, COORDINATOR)
    assert [(o.activity, o.year, o.assessment, o.reason) for o in ledger.overrides(int(year))] == [
        ("1.1", year, "partially-completed", "Two of three meetings held")
    ]
    assert "Recorded from the sheet Evaluation: activity 1.1" in alerts[0]
    written = next(r for r in sheet_rows(wb, "Evaluation") if r[0] == year and r[2] == "1.1")
    assert (written[6], written[7]) == ("partially completed", "Two of three meetings held")


def test_consolidate_in_another_language_replaces_the_managed_sheets(
    server: Any,
    config: Config,
    ledger: Ledger,
    plan: Plan,
    registry: InstitutionRegistry,
    reports: dict[str, Path],
    tmp_path: Path,
) -> None:
    client = server()
    run(client, "submit", reports["good"], OFFICE_JS, holder="MZ")
    master = tmp_path / "master.xlsx"
    wb = Workbook()
    wb.active.title = "Notes"
    wb.save(master)
    apply_actions(wb, post(client, "consolidate", client_payload(master, OFFICE_JS), COORDINATOR).json()["actions"])
    assert "Overview" in wb.sheetnames
    wb.save(master)

    serbian = config.model_copy(update={"sync": config.sync.model_copy(update={"master_lang": "sr-Latn"})})
    in_serbian = TestClient(create_app(serbian, ledger, clock=lambda: NOW, plan=plan, registry=registry))
    actions = post(in_serbian, "consolidate", client_payload(master, OFFICE_JS), COORDINATOR).json()["actions"]
    apply_actions(wb, actions)
    assert "Overview" not in wb.sheetnames and "Pregled" in wb.sheetnames and "Notes" in wb.sheetnames
    assert {r[0] for r in sheet_rows(wb, REGISTER_SHEET)[1:]} == {
        "Pregled", "Ciljevi", "Dostavljanje", "Stanje", "Godišnji izveštaji", "Budžet", "Pokazatelji",
        "Problemi i rizici",
        "Greške i upozorenja", "Evaluacija",
    }  # fmt: skip


def test_consolidate_never_overwrites_an_own_sheet_of_the_same_name(client: TestClient, tmp_path: Path) -> None:
    master = tmp_path / "master.xlsx"
    wb = Workbook()
    wb.active.title = "Overview"
    wb.save(master)
    response = post(client, "consolidate", client_payload(master, VBA), COORDINATOR)
    actions = response.json()["actions"]
    assert [a["func"] for a in actions] == ["alert"]
    assert "own sheet 'Overview'" in actions[0]["args"][0]


# --------------------------------------------------------------------------- authentication and limits


def test_no_unknown_or_malformed_token_is_401(client: TestClient, reports: dict[str, Path]) -> None:
    payload = client_payload(reports["good"], VBA)
    for headers in (
        {},
        {"Authorization": "tok-mz"},
        {"Authorization": "Basic dG9rLW16"},
        {"Authorization": "Bearer x"},
    ):
        response = client.post(URL.format("validate"), json=payload, headers=headers)
        assert response.status_code == 401, headers
        assert "actions" not in response.json() and response.json()["error"]


def test_a_revoked_token_is_401(client: TestClient, ledger: Ledger, reports: dict[str, Path]) -> None:
    payload = client_payload(reports["good"], VBA)
    assert post(client, "validate", payload).status_code == 200
    ledger.revoke_tokens("MZ", NOW)
    response = post(client, "validate", payload)
    assert response.status_code == 401 and "opozvan" in response.json()["error"]  # revoked, in Serbian: the default


def test_another_institutions_report_is_403_and_changes_nothing(
    client: TestClient, ledger: Ledger, reports: dict[str, Path]
) -> None:
    for name in ("validate", "submit"):
        response = post(client, name, client_payload(reports["mup"], OFFICE_JS), holder="MZ")
        assert response.status_code == 403
        assert response.json() == {  # in the workbook's language (English)
            "error": "This workbook is the report of MUP; the token of MZ may validate and submit only its own reports."
        }
    assert ledger.versions() == []
    # The Coordinator may validate any institution's report.
    assert post(client, "validate", client_payload(reports["mup"], OFFICE_JS), COORDINATOR).status_code == 200


def _tampered(payload: dict[str, Any], how: str) -> dict[str, Any]:
    """MZ's report with its hidden metadata changed so that a reader taking the first `institution` row would
    see MUP while one taking the last would see MZ (the ways a workbook was claimed by the wrong token)."""
    sheets = payload["sheets"]
    meta = next(s for s in sheets if s["name"] == META_SHEET)
    rows = meta["values"]
    r = next(i for i, row in enumerate(rows) if row[0] == "institution")
    if how == "key with a trailing space":
        rows[r][0] = "institution "
        rows.insert(r, ["institution", "MUP"])
    elif how == "a second institution row":
        rows.insert(r, ["institution", "MUP"])
    elif how == "a key in capitals":
        rows.insert(r, ["INSTITUTION", "MUP"])
    elif how == "a second metadata sheet":
        decoy = [[k, "MUP" if k == "institution" else v] for k, v, *_ in rows]
        sheets.insert(sheets.index(meta), {**meta, "values": decoy})
    elif how == "a metadata sheet in capitals":
        decoy = [[k, "MUP" if k == "institution" else v] for k, v, *_ in rows]
        sheets.append({**meta, "name": "_APMON", "values": decoy})
    return payload


TAMPERINGS = (
    "key with a trailing space",
    "a second institution row",
    "a key in capitals",
    "a second metadata sheet",
    "a metadata sheet in capitals",
)


@pytest.mark.parametrize("how", TAMPERINGS)
@pytest.mark.parametrize("name", ["validate", "submit"])
def test_ambiguous_metadata_is_refused_so_no_token_claims_another_institutions_report(
    client: TestClient, ledger: Ledger, reports: dict[str, Path], how: str, name: str
) -> None:
    payload = _tampered(client_payload(reports["good"], OFFICE_JS), how)
    response = post(client, name, payload, holder="MUP")
    assert response.status_code in (400, 403), response.text
    assert "actions" not in response.json() and response.json()["error"]
    assert ledger.versions() == [] and ledger.items() == []


@pytest.mark.parametrize("how", [t for t in TAMPERINGS if t != "a second metadata sheet"])  # one Grid holds one
def test_the_parser_refuses_the_same_ambiguous_metadata(
    reports: dict[str, Path], plan: Plan, registry: InstitutionRegistry, how: str
) -> None:
    payload = _tampered(client_payload(reports["good"], OFFICE_JS), how)
    grid = Grid(source="MZ.xlsx", sheets={sheet["name"]: sheet["values"] for sheet in payload["sheets"]})
    result = validate_grid(grid, plan, registry, "en")
    assert result.report is None and [i.code for i in result.issues] == ["metadata-ambiguous"]


def test_a_submission_records_which_token_sent_it(client: TestClient, ledger: Ledger, reports: dict[str, Path]) -> None:
    ledger.add_token("MZ", "institution", token_hash("tok-mz-office"), "MZ office PC", NOW)
    response = client.post(
        URL.format("submit"),
        json=client_payload(reports["good"], VBA),
        headers={"Authorization": "Bearer tok-mz-office"},
    )
    assert response.status_code == 200, response.text
    (version,) = ledger.versions()
    (arrival,) = ledger.arrivals([version.id])
    assert (arrival.token_label, arrival.token_institution) == ("MZ office PC", "MZ")
    assert arrival.token_id == next(t.id for t in ledger.tokens() if t.label == "MZ office PC")


def test_consolidate_needs_the_coordinator(client: TestClient, reports: dict[str, Path]) -> None:
    response = post(client, "consolidate", client_payload(reports["good"], VBA), holder="MZ")
    assert response.status_code == 403 and "Coordinator" in response.json()["error"]
    assert "actions" not in response.json()


@pytest.mark.parametrize("name", ["run_sync", "book_grid", "__init__", "validate_caller", "VALIDATE"])
def test_only_the_three_scripts_can_be_called(client: TestClient, reports: dict[str, Path], name: str) -> None:
    response = post(client, name, client_payload(reports["good"], VBA))
    assert response.status_code == 404 and "validate, submit, consolidate" in response.json()["error"]


def test_a_body_over_the_limit_is_413_before_parsing(server: Any, reports: dict[str, Path]) -> None:
    small = server(max_body_bytes=5_000)
    body = json.dumps(client_payload(reports["good"], VBA)).encode()
    assert len(body) > 5_000
    declared = small.post(URL.format("validate"), content=body, headers={**bearer("MZ"), "Content-Type": "x"})
    assert declared.status_code == 413 and "najviše 4,9 kB" in declared.json()["error"]  # no payload yet: Serbian
    chunked = small.post(URL.format("validate"), content=iter([body[:4_000], body[4_000:]]), headers=bearer("MZ"))
    assert chunked.status_code == 413
    garbage = b"{" * 6_000  # refused by its size, not by its (bad) JSON
    assert small.post(URL.format("validate"), content=garbage, headers=bearer("MZ")).status_code == 413
    # The default limit is 10 MB.
    default = server()
    huge = b" " * (10 * 1024 * 1024 + 1)
    assert default.post(URL.format("validate"), content=huge, headers=bearer("MZ")).status_code == 413


def test_another_client_version_is_400_saying_which_to_use(client: TestClient, reports: dict[str, Path]) -> None:
    payload = {**client_payload(reports["good"], OFFICE_JS), "version": "0.33.1"}
    response = post(client, "validate", payload)
    assert response.status_code == 400
    assert "0.33.1" in response.json()["error"] and "needs 0.37.8" in response.json()["error"]


@pytest.mark.parametrize(
    ("body", "words"),
    [
        (b"not json", "cannot read what the add-in sent"),
        (b"[1, 2]", "JSON object"),
        (b'{"client": "VBA", "version": "0.37.8"}', "no book, sheets"),
        (b'{"client": "Lotus", "version": "0.37.8", "book": {}, "sheets": []}', "Unknown client"),
        (b'{"client": "VBA", "version": "0.37.8", "book": {"name": "x"}, "sheets": []}', "non-empty list"),
        (
            b'{"client": "VBA", "version": "0.37.8", "book": {"name": "x"}, "sheets": [{"name": "A", "values": 3}]}',
            "rows",
        ),
        (
            b'{"client": "VBA", "version": "0.37.8", "book": {"name": "x"}, '
            b'"sheets": [{"name": "A", "values": [[{"x": 1}]]}]}',
            "neither text",
        ),
    ],
)
def test_a_malformed_payload_is_400(client: TestClient, body: bytes, words: str) -> None:
    response = client.post(URL.format("validate"), content=body, headers={**bearer("MZ"), "Accept-Language": "en"})
    assert response.status_code == 400 and words in response.json()["error"]


def test_a_failure_inside_is_a_500_with_a_json_error(
    client: TestClient, reports: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(functions, "validate", broken)
    response = post(client, "validate", client_payload(reports["good"], VBA))
    assert response.status_code == 500 and response.json() == {
        "error": "Validate did not go through because of an error on the server (code: RuntimeError), so nothing in "
        "the workbook was changed. Try again a little later; if it happens again, tell the National Coordinator, "
        "with this code."
    }


def test_health_and_the_client_files(server: Any, tmp_path: Path) -> None:
    clients = tmp_path / "clients"
    clients.mkdir()
    (clients / "manifest.xml").write_text("<OfficeApp/>", encoding="utf-8")
    served = server(clients_dir=clients)
    assert served.get("/health").json() == {"status": "ok"}
    assert served.get("/addin/manifest.xml").text == "<OfficeApp/>"
    bare = server(clients_dir=tmp_path / "none")
    assert bare.get("/addin/manifest.xml").status_code == 404


# --------------------------------------------------------------------------- concurrency and the classic path


def test_concurrent_books_get_only_their_own_actions(
    plan: Plan, registry: InstitutionRegistry, server: Any, ledger: Ledger, tmp_path: Path
) -> None:
    codes = reporting_institutions(plan, registry, "annual")[:8]  # the task holders: their books have tasks
    payloads = {}
    for code in codes:
        ledger.add_token(code, "institution", token_hash(f"tok-{code}-8"), code, NOW)
        layout = report_layout(plan, registry, code, Period.parse(PERIOD), "en")
        first_task = layout.sheet("tasks").rows[0].key
        edits = {**complete_monthly(layout), ("tasks", first_task, "status"): f"unknown status of {code}"}
        path, _ = filled_report(plan, registry, tmp_path, code, PERIOD, edits, name=f"{code}.xlsx")
        payloads[code] = client_payload(path, VBA)
    app = server()

    def call(code: str) -> list[dict[str, Any]]:
        response = app.post(
            URL.format("validate"), json=payloads[code], headers={"Authorization": f"Bearer tok-{code}-8"}
        )
        assert response.status_code == 200, response.text
        return list(response.json()["actions"])

    alone = {code: call(code) for code in codes}
    start = threading.Barrier(len(codes))

    def together(code: str) -> list[dict[str, Any]]:
        start.wait()
        return call(code)

    with ThreadPoolExecutor(len(codes)) as pool:
        at_once = dict(zip(codes, pool.map(together, codes), strict=True))
    for code in codes:
        assert at_once[code] == alone[code], code
        issues = next(a for a in at_once[code] if a["func"] == "setValues")["values"]
        shown = json.dumps(issues, ensure_ascii=False)
        assert all(f"of {other}" not in shown for other in codes if other != code)
        assert sum(a["func"] == "alert" for a in at_once[code]) == 1
    assert len({json.dumps(v) for v in at_once.values()}) == len(codes)


def test_the_classic_caller_path_reaches_the_same_function(
    client: TestClient, config: Config, reports: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    payload = client_payload(reports["bad"], VBA)
    books: list[Any] = []

    def caller() -> Any:
        books.append(xw.Book(json=json.loads(json.dumps(payload))))
        return books[-1]

    monkeypatch.setattr(xw.Book, "caller", staticmethod(caller))
    result = functions.validate_caller(config)
    assert [i.cell for i in result.issues] == ["E4", "I4"]
    assert books[0].json()["actions"] == post(client, "validate", payload).json()["actions"]


def test_the_classic_submit_on_an_older_apmons_ledger_says_it_was_upgraded(
    config: Config, reports: dict[str, Path], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Desktop Excel's RunPython Submit opens the ledger as the commands do: the first opening after an upgrade
    of apmon upgrades an older apmon's ledger and says so once, in the message box (no one reads the stderr of
    Excel's Python) and on stderr, in the master's language; the next Submit says nothing more."""
    url = config.sync.ledger_url()
    older = Ledger.open(url)
    older.downgrade("0002")
    older.close()
    books: list[Any] = []

    def caller() -> Any:
        books.append(xw.Book(json=client_payload(reports["good"], VBA)))
        return books[-1]

    monkeypatch.setattr(xw.Book, "caller", staticmethod(caller))
    assert functions.submit_caller(config).recorded
    wb = openpyxl.load_workbook(reports["good"])
    alerts = apply_actions(wb, books[0].json()["actions"])
    told = [alert for alert in alerts if "upgraded" in alert]
    assert len(told) == 1 and "0002 -> " + HEAD_REVISION in told[0] and url in told[0], alerts
    assert MARCH in alerts[0]  # the Submit's own answer first
    assert told[0] in capsys.readouterr().err
    upgraded = Ledger.open(url)
    try:
        assert upgraded.upgraded_from is None and len(upgraded.current()[0]) == 1
    finally:
        upgraded.close()
    functions.submit_caller(config)
    assert not [a for a in apply_actions(wb, books[1].json()["actions"]) if "upgraded" in a]
    assert "upgraded" not in capsys.readouterr().err


def test_book_grid_reads_the_hidden_sheet_and_skips_xlwings_conf(reports: dict[str, Path]) -> None:
    payload = client_payload(reports["dated"], OFFICE_JS)
    payload["sheets"].append({"name": "xlwings.conf", "values": [["AUTH", "Bearer secret"]], "pictures": []})
    payload["sheets"][0]["values"].append(["#N/A", True])
    grid = functions.book_grid(xw.Book(json=payload))
    assert META_SHEET in grid.sheets and "xlwings.conf" not in grid.sheets
    assert dt.datetime(2018, 4, 2) in [v for row in grid.sheets["Cover"] for v in row]
    assert grid.sheets["Cover"][-1] == ["#N/A", True]  # Excel errors stay visible to the rules
    assert grid.value("Cover", 1, 2) is None  # "" arrives as None, as xlwings gives it
    created = next(row[1] for row in grid.sheets[META_SHEET] if row[0] == "created")
    assert created is None or isinstance(created, str)


def test_a_submit_at_any_fraction_of_a_second_is_shown_as_decided_by_its_stamp(
    plan: Plan, registry: InstitutionRegistry, reports: dict[str, Path], ledger: Ledger
) -> None:
    """Issue 15, point 12: the stamp is written to the second; the time recorded is the stamp's, so the master can
    tell that the stamp decided."""
    book = xw.Book(json=client_payload(reports["good"], VBA))
    now = NOW.replace(microsecond=654321)
    assert functions.submit(book, plan, registry, ledger=ledger, now=now).recorded
    (row,) = ledger.current()[0]
    assert row.stamp == functions.submitted_at_text(now) and row.source_modified == NOW
    assert time_basis(row.source_modified, row.stamp, row.arrived_modified) == "stamp"


def test_submit_without_a_ledger_only_marks_the_workbook(
    plan: Plan, registry: InstitutionRegistry, reports: dict[str, Path]
) -> None:
    book = xw.Book(json=client_payload(reports["good"], VBA))
    result = functions.submit(book, plan, registry, ledger=None, now=NOW)
    assert result.submitted and not result.recorded and result.version_id is None and result.on_time is True
    wb = openpyxl.load_workbook(reports["good"])
    assert apply_actions(wb, book.json()["actions"]) == [
        "The monthly report for March 2018 was submitted on 3 Apr 2018 at 11:30."
    ]
    assert wb["Cover"]["B13"].value == "submitted 3 Apr 2018 11:30"
    with pytest.raises(ValueError, match="timezone-aware"):
        functions.submit(book, plan, registry, ledger=None, now=NOW.replace(tzinfo=None))


@pytest.mark.parametrize(
    ("n", "lang", "shown"),
    [
        (1, "sr-Latn", "1 greška"),
        (3, "sr-Latn", "3 greške"),
        (5, "sr-Latn", "5 grešaka"),
        (11, "sr-Latn", "11 grešaka"),
        (21, "sr-Latn", "21 greška"),
        (12, "sr-Latn", "12 grešaka"),
        (22, "sr-Cyrl", "22 грешке"),
        (1, "en", "1 error"),
        (0, "en", "0 errors"),
    ],
)
def test_counts_are_worded_in_each_language(n: int, lang: Any, shown: str) -> None:
    assert counted(n, "error", lang) == shown


def test_rectangles_merge_runs_and_columns() -> None:
    cells = [(r, c) for r in range(4, 10) for c in (5, 6, 7)] + [(12, 5)]
    assert sorted(functions.rectangles(cells)) == [(4, 5, 9, 7), (12, 5, 12, 5)]
    across = [(r, c) for r in (4, 6, 8) for c in range(1, 11)]
    assert len(functions.rectangles(across)) == 3  # whole rows, not ten columns of three runs


# --------------------------------------------------------------------------- CLI


def test_token_commands_print_the_token_once_and_store_its_hash(tmp_path: Path) -> None:
    conf = tmp_path / "apmon.toml"
    conf.write_text('[sync]\ndata_dir = "data"\n', encoding="utf-8")
    runner = CliRunner()
    issued = runner.invoke(
        cli_app, ["token", "issue", "--institution", "mz", "--label", "MZ office", "--config", str(conf)]
    )
    assert issued.exit_code == 0, issued.output
    token = next(line for line in issued.stdout.splitlines() if line.startswith("apmon_"))
    coordinator = runner.invoke(cli_app, ["token", "issue", "--coordinator", "--config", str(conf)])
    assert coordinator.exit_code == 0, coordinator.output

    listed = runner.invoke(cli_app, ["token", "list", "--json", "--config", str(conf)])
    assert listed.exit_code == 0 and token not in listed.stdout and token_hash(token) not in listed.stdout
    rows = json.loads(listed.stdout)
    assert [(r["institution"], r["role"], r["label"]) for r in rows] == [
        ("MZ", "institution", "MZ office"),
        (COORDINATOR, "coordinator", ""),
    ]
    ledger = Ledger.open(f"sqlite:///{tmp_path / 'data' / 'ledger.sqlite'}")
    try:
        found = ledger.find_token(token_hash(token))
        assert found is not None and found.institution == "MZ"
        assert runner.invoke(cli_app, ["token", "revoke", "--institution", "MZ", "--config", str(conf)]).exit_code == 0
        assert ledger.find_token(token_hash(token)) is None
    finally:
        ledger.close()
    again = runner.invoke(cli_app, ["token", "revoke", "--institution", "MZ", "--config", str(conf), "--lang", "en"])
    assert again.exit_code == 1 and "no live token" in again.output
    unknown = runner.invoke(cli_app, ["token", "issue", "--institution", "XYZ", "--config", str(conf), "--lang", "en"])
    assert unknown.exit_code == 2 and "unknown institution" in unknown.output
    both = runner.invoke(cli_app, ["token", "issue", "--institution", "MZ", "--coordinator", "--config", str(conf)])
    assert both.exit_code == 2


def test_serve_runs_uvicorn_with_the_app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import uvicorn

    conf = tmp_path / "apmon.toml"
    conf.write_text('[sync]\ndata_dir = "data"\n', encoding="utf-8")
    seen: dict[str, Any] = {}

    def fake_run(application: Any, **options: Any) -> None:
        seen["app"], seen["options"] = application, options

    monkeypatch.setattr(uvicorn, "run", fake_run)
    result = CliRunner().invoke(cli_app, ["serve", "--port", "8123", "--config", str(conf)])
    assert result.exit_code == 0, result.output
    assert seen["options"]["port"] == 8123 and seen["options"]["host"] == "127.0.0.1"
    assert seen["options"]["proxy_headers"] is False  # only the app decides whom to believe
    assert TestClient(seen["app"]).get("/health").json() == {"status": "ok"}
    direct = TestClient(seen["app"])
    proxied = CliRunner().invoke(cli_app, ["serve", "--trust-proxy", "testclient", "--config", str(conf)])
    assert proxied.exit_code == 0, proxied.output
    behind = TestClient(seen["app"])  # the TestClient's peer plays nginx
    for served, last in ((direct, 429), (behind, 401)):
        for i in range(10):  # ten callers fail once each, as the proxy names them
            forwarded = {"X-Forwarded-For": f"10.0.0.{i}", "Authorization": f"Bearer wrong{i}"}
            assert served.post(URL.format("validate"), headers=forwarded).status_code == 401
        assert served.post(URL.format("validate"), headers={"X-Forwarded-For": "10.0.0.99"}).status_code == last


# --------------------------------------------------------------------------- issue 12: the buttons

LATE = dt.datetime(2018, 5, 15, 9, 0, tzinfo=dt.UTC)  # 11:00 in Belgrade, well after the March reports were due


def clocked(config: Config, ledger: Ledger, plan: Plan, registry: InstitutionRegistry, at: dt.datetime) -> TestClient:
    return TestClient(create_app(config, ledger, clock=lambda: at, plan=plan, registry=registry))


def run_saved(
    client: TestClient, name: str, path: Path, client_name: str, saved: Path, holder: str = "MZ"
) -> list[str]:
    """`run`, with the answered workbook saved as `saved` (the workbook as the person has it afterwards)."""
    wb, alerts = run(client, name, path, client_name, holder)
    wb.save(saved)
    return alerts


def managed_texts(path: Path) -> dict[tuple[str, str], str]:
    """(sheet, cell) -> text of every text cell of the managed sheets of a master workbook."""
    wb = openpyxl.load_workbook(path)
    managed = {str(row[0]) for row in sheet_rows(wb, REGISTER_SHEET)[1:]}
    return {
        (ws.title, c.coordinate): c.value
        for ws in wb.worksheets
        if ws.title in managed
        for row in ws.iter_rows()
        for c in row
        if isinstance(c.value, str)
    }


def empty_workbook(path: Path) -> Path:
    Workbook().save(path)
    return path


def test_consolidate_writes_text_as_the_master_holds_it(
    client: TestClient,
    config: Config,
    ledger: Ledger,
    plan: Plan,
    registry: InstitutionRegistry,
    reports: dict[str, Path],
    tmp_path: Path,
) -> None:
    """Ids, periods and names stay text in the open workbook, where a client parsing typed input would make
    "2018-03" a date and "1.1" a number: text cells get the text format before their values."""
    run(client, "submit", reports["good"], OFFICE_JS, holder="MZ")
    run(client, "submit", reports["mup"], OFFICE_JS, holder="MUP")
    run_sync(
        plan=plan,
        registry=registry,
        ledger=ledger,
        sources=[],
        settings=config.sync,
        calendar=WorkingCalendar(config.deadlines),
        now=lambda: NOW,
    )
    expected = managed_texts(config.sync.master_path())  # the master the sync writes (xlsx: inline strings)
    for client_name in CLIENTS:
        opened = empty_workbook(tmp_path / f"open-{len(client_name)}.xlsx")
        wb, _ = run(client, "consolidate", opened, client_name, COORDINATOR)
        wb.save(opened)
        shown = managed_texts(opened)
        assert {k: shown.get(k) for k in expected} == expected, client_name
    parseable = [v for v in expected.values() if re.match(r"^[\d.,-]+$", v)]
    assert len(parseable) > 50 and "2018-03" in parseable  # periods and ids a person's typing would convert


@pytest.mark.parametrize("client_name", CLIENTS)
def test_the_issues_sheet_is_written_as_text(client: TestClient, reports: dict[str, Path], client_name: str) -> None:
    """Validate's Issues sheet too: every text it writes is in a cell of the text format, before its value."""
    response = post(client, "validate", client_payload(reports["bad"], client_name))
    actions = response.json()["actions"]
    wb = openpyxl.load_workbook(reports["bad"])
    apply_actions(wb, actions)
    texts = [c for row in wb["Issues"].iter_rows() for c in row if isinstance(c.value, str)]
    assert len(texts) == 12 and all(c.data_type == "s" for c in texts)
    # Text that starts with an apostrophe goes behind the apostrophe prefix into a General cell (see _text_cell).
    assert all(c.number_format == "@" for c in texts if not c.value.startswith("'"))
    funcs = [a["func"] for a in actions if a["sheet_position"] == wb.sheetnames.index("Issues")]
    assert funcs.index("setNumberFormat") < funcs.index("setValues")


def test_an_unchanged_resubmission_after_the_deadline_keeps_its_time(
    client: TestClient,
    config: Config,
    ledger: Ledger,
    plan: Plan,
    registry: InstitutionRegistry,
    reports: dict[str, Path],
    tmp_path: Path,
) -> None:
    submitted = tmp_path / "MZ_submitted.xlsx"
    run_saved(client, "submit", reports["good"], GOOGLE, submitted)
    (first,) = ledger.versions("MZ")

    late = clocked(config, ledger, plan, registry, LATE)
    wb, alerts = run(late, "submit", submitted, GOOGLE)
    assert ledger.versions("MZ") == [first] and first.on_time is True  # nothing new: still on time
    assert wb["Cover"]["B13"].value == "submitted 3 Apr 2018 11:30"
    assert alerts == [text_of("alert.unchanged", "en", which=MARCH, date="3 Apr 2018", time="11:30", status="on time")]


def test_a_report_collected_from_the_folder_and_submitted_unchanged_keeps_its_time(
    config: Config,
    ledger: Ledger,
    plan: Plan,
    registry: InstitutionRegistry,
    reports: dict[str, Path],
    tmp_path: Path,
) -> None:
    """The sync keeps a file's hash, Submit a hash of the cells: the same report, dropped in the shared folder on
    time and submitted through the add-in after the deadline, was taken for a changed one, and the second click
    recorded it late (the month turned from on time to late). The same report is the same whichever way it came."""
    folder = tmp_path / "shared"
    folder.mkdir()
    dropped = folder / "MZ_2018-03.xlsx"
    shutil.copy(reports["good"], dropped)
    os.utime(dropped, (NOW.timestamp(), NOW.timestamp()))  # saved there on time
    sources: list[Source] = [FolderSource(folder)]
    run_sync(plan=plan, registry=registry, ledger=ledger, sources=sources, settings=config.sync,
             calendar=WorkingCalendar(config.deadlines), now=lambda: NOW)  # fmt: skip
    (collected,) = ledger.versions("MZ")
    assert collected.on_time is True

    late = clocked(config, ledger, plan, registry, LATE)
    for _ in range(2):  # a second click records nothing either
        _, alerts = run(late, "submit", reports["good"], GOOGLE)
        assert alerts == [
            text_of("alert.unchanged", "en", which=MARCH, date="3 Apr 2018", time="11:30", status="on time")
        ]
    assert ledger.versions("MZ") == [collected]


def _synced_late(folder: Path, config: Config, ledger: Ledger, plan: Plan, registry: InstitutionRegistry) -> None:
    """The reports folder synced after the deadline, every file in it saved then (LATE)."""
    for path in folder.iterdir():
        os.utime(path, (LATE.timestamp(), LATE.timestamp()))
    run_sync(plan=plan, registry=registry, ledger=ledger, sources=[FolderSource(folder)], settings=config.sync,
             calendar=WorkingCalendar(config.deadlines), now=lambda: LATE)  # fmt: skip


def test_a_submit_stamp_typed_into_the_hidden_sheet_makes_no_late_report_on_time(
    config: Config,
    ledger: Ledger,
    plan: Plan,
    registry: InstitutionRegistry,
    reports: dict[str, Path],
    tmp_path: Path,
) -> None:
    """An officer who missed the deadline types a Submit stamp from before it into `_apmon` (the hidden sheet has no
    password: Format > Unhide) and saves the file into the shared folder six weeks late. The stamp was believed: the
    report counted as on time. Only a stamp that a Submit recorded in the ledger counts now."""
    folder = tmp_path / "shared"
    folder.mkdir()
    forged = openpyxl.load_workbook(reports["good"])
    meta = forged[META_SHEET]
    row = next(r for r in range(1, meta.max_row + 1) if meta.cell(r, 1).value == "submitted_at")
    meta.cell(row, 2).value = functions.submitted_at_text(NOW)  # as Submit writes it: 03.04.2018, before the deadline
    forged.save(folder / "MZ_2018-03.xlsx")
    _synced_late(folder, config, ledger, plan, registry)
    (version,) = ledger.versions("MZ")
    assert version.valid and version.source_modified == LATE and version.on_time is False  # it was: NOW, on time
    (accepted,) = ledger.accepted("MZ")
    assert accepted.timing is not None and accepted.timing.on_time is False


def test_a_run_reads_the_submit_times_once_per_institution_however_many_stamped_files_it_finds(
    config: Config,
    ledger: Ledger,
    plan: Plan,
    registry: InstitutionRegistry,
    reports: dict[str, Path],
    tmp_path: Path,
) -> None:
    """Each stamp is checked against the ledger's Submits: a run asked the ledger once per stamped file (a cold run
    of the demo, a query per report). It now reads an institution's Submit times once; a stamp from after that read
    (a Submit during the run) is asked again. The stamps here were typed, recorded by no Submit: none counts."""
    folder = tmp_path / "shared"
    folder.mkdir()
    for n in range(6):
        forged = openpyxl.load_workbook(reports["good"])
        forged["Cover"]["B10"] = f"Preparer {n}"  # another content each
        meta = forged[META_SHEET]
        row = next(r for r in range(1, meta.max_row + 1) if meta.cell(r, 1).value == "submitted_at")
        meta.cell(row, 2).value = functions.submitted_at_text(NOW - dt.timedelta(days=1, seconds=n))
        path = folder / f"MZ_2018-03 ({n}).xlsx"
        forged.save(path)
        os.utime(path, (NOW.timestamp() + n, NOW.timestamp() + n))  # on time by the file's own time

    reads: list[str] = []  # the reads of one institution's versions (the whole run's other reads are per batch)

    def executed(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        if "FROM versions" in statement and "WHERE versions.institution = " in statement:
            reads.append(statement)

    event.listen(ledger.engine, "before_cursor_execute", executed)
    try:
        run_sync(plan=plan, registry=registry, ledger=ledger, sources=[FolderSource(folder)], settings=config.sync,
                 calendar=WorkingCalendar(config.deadlines), now=lambda: NOW + dt.timedelta(hours=1))  # fmt: skip
    finally:
        event.remove(ledger.engine, "before_cursor_execute", executed)
    versions = ledger.versions("MZ")
    assert len(versions) == 6 and all(v.valid for v in versions)
    # By the files' own times, not the typed stamps:
    assert sorted(v.source_modified for v in versions) == [NOW + dt.timedelta(seconds=n) for n in range(6)]
    assert len(reads) == 1, reads  # was 6, one per stamped file


def test_a_submitted_workbook_copied_into_the_folder_after_the_deadline_stays_on_time_by_its_stamp(
    client: TestClient,
    config: Config,
    ledger: Ledger,
    plan: Plan,
    registry: InstitutionRegistry,
    reports: dict[str, Path],
    tmp_path: Path,
) -> None:
    """The real stamp: the report submitted on time through the add-in, the workbook as it then is (changed since
    in nothing but its look) saved into the folder after the deadline, is on time by the stamp Submit recorded."""
    folder = tmp_path / "shared"
    folder.mkdir()
    saved = folder / "MZ_2018-03.xlsx"
    run_saved(client, "submit", reports["good"], VBA, saved)
    resaved = openpyxl.load_workbook(saved)
    resaved.properties.lastModifiedBy = "Excel"  # saved again: other bytes, the same report
    resaved.save(saved)
    _synced_late(folder, config, ledger, plan, registry)
    submit, copied = ledger.versions("MZ")
    assert submit.source_modified == NOW and copied.file_name == saved.name
    assert copied.source_modified == NOW and copied.on_time is True
    assert time_basis(copied.source_modified, functions.submitted_at_text(NOW), LATE) == "stamp"


@pytest.mark.parametrize("client_name", CLIENTS)
def test_a_changed_resubmission_after_the_deadline_is_recorded_and_the_report_stays_on_time(
    client: TestClient,
    config: Config,
    ledger: Ledger,
    plan: Plan,
    registry: InstitutionRegistry,
    reports: dict[str, Path],
    tmp_path: Path,
    client_name: str,
) -> None:
    """A correction after the deadline of a report sent on time: recorded at the first click (it used to ask for a
    second one, as it turned the month late), its content counts, and the report stays on time."""
    submitted = tmp_path / "MZ_submitted.xlsx"
    run_saved(client, "submit", reports["good"], client_name, submitted)
    changed = openpyxl.load_workbook(submitted)
    changed["Cover"]["B10"] = "Marko Marković"  # the preparer
    changed.save(submitted)

    late = clocked(config, ledger, plan, registry, LATE)
    (alert,) = run_saved(late, "submit", submitted, client_name, tmp_path / "MZ_corrected.xlsx")
    due = WorkingCalendar().due_date(Period.parse(PERIOD)).due
    assert due < LATE.date()
    assert alert.startswith("The monthly report for March 2018 was submitted on 15 May 2018 at 11:00.")
    assert alert.endswith(text_of("alert.on_time_earlier", "en", due="10 Apr 2018", first="3 Apr 2018"))
    first, second = ledger.versions("MZ")
    assert (first.on_time, second.on_time) == (True, False)  # each version's own
    (accepted,) = ledger.accepted("MZ")
    assert accepted.id == second.id and accepted.timing is not None
    assert (accepted.timing.on_time, accepted.timing.days_late, accepted.timing.corrected_at) == (True, 0, LATE)


def test_an_english_submit_says_its_dates_as_english_writes_them(
    config: Config, ledger: Ledger, plan: Plan, registry: InstitutionRegistry, reports: dict[str, Path], tmp_path: Path
) -> None:
    """An English officer read "submitted on 15.05.2018 ... The deadline was 10.04.2018" (15 May and 10 April to a
    Serbian reader; 10.04. is 4 October to many English readers) and the cover said "submitted 15.05.2018 11:00".
    March's reports were due on the fifth working day of April 2018: 2-5 April, then Good Friday (6) and Easter
    Monday (9) are holidays, so Tuesday 10 April."""
    wb, alerts = run(clocked(config, ledger, plan, registry, LATE), "submit", reports["good"], OFFICE_JS)
    [alert] = alerts
    assert alert.startswith(f"{MARCH} was submitted on 15 May 2018 at 11:00. The deadline was 10 Apr 2018:"), alert
    assert wb["Cover"]["B13"].value == "submitted 15 May 2018 11:00"
    _, again = run(clocked(config, ledger, plan, registry, LATE), "submit", reports["good"], OFFICE_JS)
    assert again == [text_of("alert.unchanged", "en", which=MARCH, date="15 May 2018", time="11:00", status="late")]


def test_a_late_report_corrected_later_stays_late_by_its_first_submit(
    config: Config,
    ledger: Ledger,
    plan: Plan,
    registry: InstitutionRegistry,
    reports: dict[str, Path],
    tmp_path: Path,
) -> None:
    submitted = tmp_path / "MZ_submitted.xlsx"
    run_saved(clocked(config, ledger, plan, registry, LATE), "submit", reports["good"], VBA, submitted)
    changed = openpyxl.load_workbook(submitted)
    changed["Cover"]["B10"] = "Marko Marković"
    changed.save(submitted)
    later = LATE + dt.timedelta(days=7)
    (alert,) = run_saved(clocked(config, ledger, plan, registry, later), "submit", submitted, VBA, tmp_path / "x.xlsx")
    calendar = WorkingCalendar()
    first_days = calendar.timeliness(Period.parse(PERIOD), LATE.date()).days_late
    assert calendar.timeliness(Period.parse(PERIOD), later.date()).days_late > first_days
    assert calendar.due_date(Period.parse(PERIOD)).due == dt.date(2018, 4, 10)
    due = "10 Apr 2018"
    days = f"{first_days} working days"
    assert alert.endswith(text_of("alert.late_first", "en", due=due, late=days, first="15 May 2018"))
    (accepted,) = ledger.accepted("MZ")
    assert accepted.timing is not None and (accepted.timing.on_time, accepted.timing.days_late) == (False, first_days)


def in_reports_folder(config: Config, plan: Plan, registry: InstitutionRegistry, code: str) -> WorkbookLayout:
    """`code`'s complete March report, put into the reports folder as `<code>.xlsx`; its layout."""
    folder = config.sync.reports_folder()
    folder.mkdir(parents=True, exist_ok=True)
    layout = report_layout(plan, registry, code, Period.parse(PERIOD), "en")
    filled_report(plan, registry, folder, code, PERIOD, complete_monthly(layout), name=f"{code}.xlsx")
    return layout


def test_consolidate_runs_the_sync_first(
    client: TestClient,
    config: Config,
    ledger: Ledger,
    plan: Plan,
    registry: InstitutionRegistry,
    tmp_path: Path,
) -> None:
    """A report put into the reports folder shows in the master after one click on Consolidate."""
    in_reports_folder(config, plan, registry, "MUP")
    opened = empty_workbook(tmp_path / "open.xlsx")
    wb, alerts = run(client, "consolidate", opened, VBA, COORDINATOR)
    assert [v.file_name for v in ledger.versions("MUP")] == ["MUP.xlsx"]
    header, *data = sheet_rows(wb, "Submissions")[2:]
    mup = next(row for row in data if row[0] == "MUP")
    assert mup[header.index(PERIOD)] not in ("missing", None)
    assert alerts[0].startswith(text_of("consolidate.synced", "en", new=1))


def test_consolidate_in_the_master_file_the_coordinator_has_open_names_no_problem(
    client: TestClient,
    config: Config,
    ledger: Ledger,
    plan: Plan,
    registry: InstitutionRegistry,
    tmp_path: Path,
) -> None:
    """The Coordinator opened the master file itself and clicked Consolidate: the sync leaves the file alone while
    Excel's lock file lies beside it (docs/sync.md), and that was told as a problem of the sync at every click.
    The open book is refreshed, and saved by the Coordinator: nothing is wrong."""
    in_reports_folder(config, plan, registry, "MUP")
    master = config.sync.master_path()
    run(client, "consolidate", empty_workbook(tmp_path / "first.xlsx"), VBA, COORDINATOR)  # writes the master file
    before = master.read_bytes()
    (master.parent / f"~${master.name}").write_bytes(b"\x0bKoordinator")  # Excel has it open
    opened = master.parent / "open" / master.name  # the book the Coordinator's Excel sends: the master's content
    opened.parent.mkdir()
    shutil.copy(master, opened)
    in_reports_folder(config, plan, registry, "MZ")
    wb, alerts = run(client, "consolidate", opened, VBA, COORDINATOR)
    assert alerts[0].startswith(text_of("consolidate.synced", "en", new=1))
    assert "could not handle" not in alerts[0]
    assert text_of("consolidate.copy", "en", master=str(master)) not in alerts[0]
    assert master.read_bytes() == before  # left to the Coordinator's save

    wb.save(opened)  # clicked again, in the book as the first click left it: it is still the master
    in_reports_folder(config, plan, registry, "MKI")
    _, alerts = run(client, "consolidate", opened, VBA, COORDINATOR)
    assert alerts[0].startswith(text_of("consolidate.synced", "en", new=1))
    assert "could not handle" not in alerts[0]
    assert text_of("consolidate.copy", "en", master=str(master)) not in alerts[0]

    _, alerts = run(client, "consolidate", empty_workbook(tmp_path / "other.xlsx"), VBA, COORDINATOR)
    assert "could not handle everything (problems: 1)" in alerts[0]  # another book: the master file is not refreshed


def test_consolidate_in_the_master_the_sync_writes_first_does_not_call_it_a_copy(
    client: TestClient,
    config: Config,
    ledger: Ledger,
    plan: Plan,
    registry: InstitutionRegistry,
    tmp_path: Path,
) -> None:
    """The Coordinator opened the master without Excel's lock file beside it (read-only, or from another computer)
    and clicked Consolidate: its sync wrote master.xlsx anew, with a new mark, and the book was then compared with
    that mark, so the master itself was called "a copy" in a critical alert. The book is compared with the mark the
    master had when the click came."""
    in_reports_folder(config, plan, registry, "MUP")
    master = config.sync.master_path()
    run(client, "consolidate", empty_workbook(tmp_path / "first.xlsx"), VBA, COORDINATOR)  # writes the master file
    before = master.read_bytes()
    opened = master.parent / "open" / master.name  # the book the Coordinator's Excel sends: the master's content
    opened.parent.mkdir()
    shutil.copy(master, opened)
    in_reports_folder(config, plan, registry, "MZ")
    wb, alerts = run(client, "consolidate", opened, VBA, COORDINATOR)
    assert master.read_bytes() != before  # the sync wrote the master: no lock told it the master was open
    assert alerts[0].startswith(text_of("consolidate.synced", "en", new=1)) and "could not handle" not in alerts[0]
    assert text_of("consolidate.copy", "en", master=str(master)) not in alerts[0]
    header, *data = sheet_rows(wb, "Submissions")[2:]
    assert {"MUP", "MZ"} <= {row[0] for row in data if row[header.index(PERIOD)] not in ("missing", None)}


def test_consolidate_in_a_copy_of_the_master_says_it_is_not_the_master(
    client: TestClient,
    config: Config,
    ledger: Ledger,
    plan: Plan,
    registry: InstitutionRegistry,
    tmp_path: Path,
) -> None:
    """The Coordinator saved a copy of the master on her desktop, named master.xlsx as the master is, and clicks
    Consolidate in it while the real master is open elsewhere (its lock beside it). xlwings' payload carries only
    the book's name, so the copy was taken for the master: that the master was not written was hidden, and she
    saved the copy. The copy carries the mark of an older write of the master: Consolidate says it is a copy,
    where the master is, and does not hide that the master was not written."""
    in_reports_folder(config, plan, registry, "MUP")
    master = config.sync.master_path()
    run(client, "consolidate", empty_workbook(tmp_path / "first.xlsx"), VBA, COORDINATOR)  # writes the master file
    desktop = tmp_path / "desktop" / master.name  # the copy on the desktop, named as the master
    desktop.parent.mkdir()
    shutil.copy(master, desktop)
    in_reports_folder(config, plan, registry, "MZ")
    run(client, "consolidate", empty_workbook(tmp_path / "second.xlsx"), VBA, COORDINATOR)  # the master again
    (master.parent / f"~${master.name}").write_bytes(b"\x0bKoleginica")  # someone has the real master open
    before = master.read_bytes()
    in_reports_folder(config, plan, registry, "MKI")

    wb, alerts = run(client, "consolidate", desktop, VBA, COORDINATOR)
    assert alerts[0].startswith(text_of("consolidate.synced", "en", new=1))
    assert "could not handle everything (problems: 1)" in alerts[0]  # the master was not written: said
    assert text_of("consolidate.copy", "en", master=str(master)) in alerts[0]
    assert master.read_bytes() == before
    header, *data = sheet_rows(wb, "Submissions")[2:]
    reported = {row[0] for row in data if row[header.index(PERIOD)] not in ("missing", None)}
    assert {"MUP", "MZ", "MKI"} <= reported  # the copy is refreshed all the same

    (master.parent / f"~${master.name}").unlink()  # the real master closed: the sync writes it
    wb.save(desktop)
    _, alerts = run(client, "consolidate", desktop, VBA, COORDINATOR)
    assert "could not handle" not in alerts[0]
    assert text_of("consolidate.copy", "en", master=str(master)) in alerts[0]  # still a copy, never updated
    assert master.read_bytes() != before


def test_consolidate_in_the_open_sibling_master_names_no_problem(
    client: TestClient,
    config: Config,
    ledger: Ledger,
    plan: Plan,
    registry: InstitutionRegistry,
    tmp_path: Path,
) -> None:
    """The Coordinator's master holds a chart of her own, so the sync writes its managed sheets to
    `master.apmon.xlsx` (docs/sync.md); she has that file open and clicks Consolidate in it: the sync leaves it alone
    while Excel's lock lies beside it, and the open book is refreshed. That was told as a problem at every click."""
    in_reports_folder(config, plan, registry, "MUP")
    master = config.sync.master_path()
    run(client, "consolidate", empty_workbook(tmp_path / "first.xlsx"), VBA, COORDINATOR)  # writes the master file
    add_own_chart(master)
    mz = in_reports_folder(config, plan, registry, "MZ")
    run(client, "consolidate", empty_workbook(tmp_path / "second.xlsx"), VBA, COORDINATOR)  # writes the sibling
    sibling = master.with_name(f"{master.stem}.apmon.xlsx")
    before = sibling.read_bytes()

    (master.parent / f"~${sibling.name}").write_bytes(b"\x0bKoordinator")  # Excel has the sibling open
    opened = master.parent / "open" / sibling.name  # the book the Coordinator's Excel sends: the sibling's content
    opened.parent.mkdir()
    shutil.copy(sibling, opened)
    folder = config.sync.reports_folder()
    (folder / "MZ.xlsx").unlink()
    corrected = complete_monthly(mz) | {("cover", "preparer", "value"): "Marko Jovanović"}  # new content, whatever
    filled_report(plan, registry, folder, "MZ", PERIOD, corrected, name="MZ_ispravka.xlsx")  # the second it is made
    _, alerts = run(client, "consolidate", opened, VBA, COORDINATOR)
    assert alerts[0].startswith(text_of("consolidate.synced", "en", new=1))
    assert "could not handle" not in alerts[0]
    assert sibling.read_bytes() == before  # left to the Coordinator's save


def test_consolidates_evaluation_sheet_is_the_syncs(
    client: TestClient,
    config: Config,
    plan: Plan,
    registry: InstitutionRegistry,
    tmp_path: Path,
) -> None:
    """The Evaluation sheet Consolidate writes into the open master is the one the sync writes into master.xlsx:
    task 2.2.1, led by MKI and the Coordinator (who is never asked for a report), is completed once MKI says so."""
    folder = config.sync.reports_folder()
    folder.mkdir(parents=True, exist_ok=True)
    layout = report_layout(plan, registry, "MKI", Period.parse(PERIOD), "en")
    edits = {**complete_monthly(layout), ("tasks", "2.2.1", "status"): "completed"}
    filled_report(plan, registry, folder, "MKI", PERIOD, edits, name="MKI.xlsx")
    wb, _ = run(client, "consolidate", empty_workbook(tmp_path / "open.xlsx"), VBA, COORDINATOR)
    synced = openpyxl.load_workbook(config.sync.master_path())
    assert sheet_rows(wb, "Evaluation") == sheet_rows(synced, "Evaluation")
    activity = next(row for row in sheet_rows(synced, "Evaluation") if row[:3] == [2018, "2", "2.2"])
    assert str(activity[5]).startswith("1 of 3 tasks completed;")


@pytest.mark.parametrize("client_name", CLIENTS)
def test_consolidates_line_above_the_evaluation_table_wraps_as_the_syncs(
    client: TestClient, config: Config, plan: Plan, registry: InstitutionRegistry, tmp_path: Path, client_name: str
) -> None:
    """Found after rv-f: Consolidate wrote the Evaluation sheet's long line above the table (A2) as one cell running
    on to the right, its end off screen, where `apmon sync run` wraps it and merges it over the columns a 1366-pixel
    screen shows. Now the open master shows it as the sync's master.xlsx does: the same text, merged over the same
    columns of row 2 alone, wrapped, its row as tall. Written a second time (the sheet there, cleared), the same."""
    folder = config.sync.reports_folder()
    folder.mkdir(parents=True, exist_ok=True)
    layout = report_layout(plan, registry, "MKI", Period.parse(PERIOD), "en")
    filled_report(plan, registry, folder, "MKI", PERIOD, complete_monthly(layout), name="MKI.xlsx")
    path = empty_workbook(tmp_path / "open.xlsx")
    for _ in range(2):
        wb, _ = run(client, "consolidate", path, client_name, COORDINATOR)
        wb.save(path)
    synced = openpyxl.load_workbook(config.sync.master_path())["Evaluation"]
    sheet = wb["Evaluation"]
    assert sheet["A2"].value == synced["A2"].value and len(str(sheet["A2"].value)) > 150  # the premise: long
    [span] = [str(m) for m in synced.merged_cells.ranges if m.min_row == 2]
    assert span.startswith("A2:") and span.endswith("2")  # the sync's: row 2 alone
    assert [str(m) for m in sheet.merged_cells.ranges if m.min_row <= 3] == [span]
    assert sheet["A2"].alignment.wrap_text and synced["A2"].alignment.wrap_text
    height = synced.row_dimensions[2].height
    assert height is not None and height > 15 and sheet.row_dimensions[2].height == height
    assert sheet["C3"].value == synced["C3"].value and sheet["A4"].value == synced["A4"].value  # the table where it was


@pytest.mark.parametrize("client_name", CLIENTS)
def test_consolidate_undoes_an_earlier_merge_of_a_line_above_a_table_that_is_short_now(
    client: TestClient, config: Config, plan: Plan, registry: InstitutionRegistry, tmp_path: Path, client_name: str
) -> None:
    """A line above a table merged by an earlier Consolidate when it was long stayed merged, its row tall, on Google
    (a sheet's clearFormats keeps merges and row heights) once the line was short. The open master here has the
    Overview's short line merged over A2:K2 and its row 45 points tall, as such a Consolidate left it: the next one
    unmerges it and gives the row one line, as the sync's master has it (no merge); the Evaluation's long line stays
    merged as the sync's."""
    path = empty_workbook(tmp_path / "open.xlsx")
    wb, _ = run(client, "consolidate", path, client_name, COORDINATOR)
    wb.save(path)
    synced = openpyxl.load_workbook(config.sync.master_path())
    assert [str(m) for m in synced["Overview"].merged_cells.ranges if m.min_row == 2] == []  # the premise: short
    assert len(str(synced["Overview"]["A2"].value)) < 100
    wb["Overview"].merge_cells("A2:K2")
    wb["Overview"].row_dimensions[2].height = 45
    wb.save(path)

    actions = consolidate_as(client, path, client_name)

    overview = openpyxl.load_workbook(path).sheetnames.index("Overview")
    unmerged = [(a["sheet_position"], a["start_row"] + 1, a["start_column"] + 1) for a in actions
                if a["func"] == "rangeUnmerge"]  # fmt: skip
    assert unmerged == [(overview, 2, 1)]
    heights = [a["args"][0] for a in actions if a["func"] == "setRowHeight" and a["sheet_position"] == overview]
    assert heights == [15]
    wb = openpyxl.load_workbook(path)
    alerts = apply_actions(wb, actions)
    assert alerts
    assert [str(m) for m in wb["Overview"].merged_cells.ranges if m.min_row <= 2] == []
    assert wb["Overview"]["A2"].value == synced["Overview"]["A2"].value
    evaluation = [str(m) for m in wb["Evaluation"].merged_cells.ranges if m.min_row == 2]
    assert evaluation == [str(m) for m in synced["Evaluation"].merged_cells.ranges if m.min_row == 2] != []


@pytest.mark.parametrize("client_name", CLIENTS)
def test_consolidate_leaves_the_coordinators_own_merges_on_the_line_above_a_table(
    client: TestClient, config: Config, tmp_path: Path, client_name: str
) -> None:
    """Any merge touching row 2 was taken for one an earlier Consolidate made (on Google, which keeps merges through a
    sheet's clearFormats): a note the Coordinator merged beside the table (M2:P2, its row made tall for it) had its
    row shrunk to one line, and a rangeUnmerge sent. Consolidate's own merge of the line starts at A2 on that row
    alone; only such a one is undone, only over its own columns (Google's breakApart breaks each merge it touches)."""
    path = empty_workbook(tmp_path / "open.xlsx")
    wb, _ = run(client, "consolidate", path, client_name, COORDINATOR)
    wb["Overview"].merge_cells("M2:P2")
    wb["Overview"].row_dimensions[2].height = 45
    wb.save(path)

    actions = consolidate_as(client, path, client_name)

    overview = openpyxl.load_workbook(path).sheetnames.index("Overview")
    assert [a for a in actions if a["func"] == "rangeUnmerge"] == []
    assert [a for a in actions if a["func"] == "setRowHeight" and a["sheet_position"] == overview] == []


@pytest.mark.parametrize(("client_name", "file"), [(GOOGLE, "apmon.gs"), (VBA, "apmon.bas")])
def test_consolidate_from_an_older_client_file_writes_all_but_the_wrap_and_says_to_update_it(
    client: TestClient, config: Config, plan: Plan, registry: InstitutionRegistry, tmp_path: Path, client_name: str,
    file: str,
) -> None:  # fmt: skip
    """Found by the rv-i review: an apmon.gs or apmon.bas from before the three actions (xlwings' runPython and
    Remote.bas run each action by its name) stopped at the first, rangeMerge, with the Evaluation sheet half written,
    every later sheet and the message not, and a bare script error. Such a file says nothing of them (the header
    X-Apmon-Actions): Consolidate sends it none of the three, writes the rest, and says which file to replace."""
    folder = config.sync.reports_folder()
    folder.mkdir(parents=True, exist_ok=True)
    layout = report_layout(plan, registry, "MKI", Period.parse(PERIOD), "en")
    filled_report(plan, registry, folder, "MKI", PERIOD, complete_monthly(layout), name="MKI.xlsx")
    path = empty_workbook(tmp_path / "open.xlsx")
    response = post(client, "consolidate", client_payload(path, client_name), COORDINATOR, older_file=True)
    assert response.status_code == 200, response.text
    actions = response.json()["actions"]
    assert not {a["func"] for a in actions} & set(EXTRA_ACTIONS)
    wb = openpyxl.load_workbook(path)
    [alert] = apply_actions(wb, actions)
    synced = openpyxl.load_workbook(config.sync.master_path())["Evaluation"]
    assert wb["Evaluation"]["A2"].value == synced["A2"].value and wb["Evaluation"]["A4"].value == synced["A4"].value
    assert text_of("consolidate.older_client", "en", file=file) in alert, alert


@pytest.mark.parametrize(("client_name", "file"), [(GOOGLE, "apmon.gs"), (VBA, "apmon.bas")])
def test_consolidate_from_a_client_file_without_unmerge_merges_and_wraps_and_says_to_update_it(
    client: TestClient, config: Config, tmp_path: Path, client_name: str, file: str
) -> None:
    """An apmon.gs or apmon.bas from before rangeUnmerge (X-Apmon-Actions: rangeMerge,setWrapText,setRowHeight) got
    no merge or wrap at all, though it applies them: the Evaluation's long line ran on off screen. Now it gets them,
    and only the unmerge of the Overview's line an earlier Consolidate merged (A2:K2, 45 points tall) is held back:
    that row is given one line's height, and the message still says which file to replace (and that such a merge may
    stay, not that the long line was left on one line)."""
    path = empty_workbook(tmp_path / "open.xlsx")
    wb, _ = run(client, "consolidate", path, client_name, COORDINATOR)
    wb["Overview"].merge_cells("A2:K2")
    wb["Overview"].row_dimensions[2].height = 45
    wb.save(path)
    older = tuple(action for action in EXTRA_ACTIONS if action != "rangeUnmerge")

    actions = consolidate_as(client, path, client_name, says=older)

    overview = openpyxl.load_workbook(path).sheetnames.index("Overview")
    heights = [a["args"][0] for a in actions if a["func"] == "setRowHeight" and a["sheet_position"] == overview]
    assert heights == [15]
    wb = openpyxl.load_workbook(path)
    [alert] = apply_actions(wb, actions, applied=APPLIED - {"rangeUnmerge"})  # nothing it lacks is asked of it
    assert text_of("consolidate.older_client_unmerge", "en", file=file) in alert, alert
    assert text_of("consolidate.older_client", "en", file=file) not in alert  # its long line is not left as it was
    synced = openpyxl.load_workbook(config.sync.master_path())["Evaluation"]
    sheet = wb["Evaluation"]
    [span] = [str(m) for m in synced.merged_cells.ranges if m.min_row == 2]
    assert [str(m) for m in sheet.merged_cells.ranges if m.min_row <= 3] == [span]
    assert sheet["A2"].value == synced["A2"].value and sheet["A2"].alignment.wrap_text
    height = synced.row_dimensions[2].height
    assert height is not None and height > 15 and sheet.row_dimensions[2].height == height


def test_consolidate_takes_only_the_actions_a_client_file_names_exactly(client: TestClient, tmp_path: Path) -> None:
    """X-Apmon-Actions as a hand-edited or foreign file may send it: an action named twice counts once, one in
    another case or an unknown one not at all (Apps Script's runPython finds a function by its exact name). Such an
    apmon.gs, naming rangeUnmerge only as RANGEUNMERGE, is the file from before rangeUnmerge: the Overview's merged
    line gets one line's height and no rangeUnmerge, and the message says so."""
    path = empty_workbook(tmp_path / "open.xlsx")
    wb, _ = run(client, "consolidate", path, GOOGLE, COORDINATOR)
    wb["Overview"].merge_cells("A2:K2")
    wb.save(path)
    says = ("rangeMerge", " rangeMerge ", "RANGEUNMERGE", "rangeunmerge", "setWrapText", "setRowHeight", "sheetDelete")

    actions = consolidate_as(client, path, GOOGLE, says=says)

    overview = openpyxl.load_workbook(path).sheetnames.index("Overview")
    assert [a["func"] for a in actions if a["func"] == "rangeUnmerge"] == []
    assert [a["args"] for a in actions if a["func"] == "setRowHeight" and a["sheet_position"] == overview] == [[15]]
    assert any(a["func"] == "rangeMerge" for a in actions)  # the Evaluation's long line: it names rangeMerge
    [alert] = [a["args"][0] for a in actions if a["func"] == "alert"]
    assert text_of("consolidate.older_client_unmerge", "en", file="apmon.gs") in alert, alert


def test_consolidate_works_for_the_configured_day_as_the_sync_does(
    config: Config, ledger: Ledger, plan: Plan, registry: InstitutionRegistry, tmp_path: Path
) -> None:
    """With `[sync] as_of` (the demo's day), Consolidate's master and the sync's master.xlsx are worked out for that
    day, not the server's: they agree, and `apmon sync run` afterwards finds the master up to date."""
    as_of = dt.date(2018, 5, 31)
    dated = config.model_copy(update={"sync": config.sync.model_copy(update={"as_of": as_of})})
    client = TestClient(create_app(dated, ledger, clock=lambda: NOW, plan=plan, registry=registry))
    wb, alerts = run(client, "consolidate", empty_workbook(tmp_path / "open.xlsx"), OFFICE_JS, COORDINATOR)
    _, subtitle, *_ = sheet_rows(wb, "Overview")
    assert str(subtitle[0]).endswith("as of 31 May 2018")
    assert alerts[0].endswith("as of 31 May 2018.")
    synced = openpyxl.load_workbook(dated.sync.master_path())
    assert sheet_rows(synced, "Overview")[1] == subtitle

    from apmon.sync.service import sync_once

    assert sync_once(dated, "cli").master is None  # nothing to write: the same day's master is there


def test_consolidate_during_a_running_sync_says_so_and_reads_the_ledger(
    client: TestClient, ledger: Ledger, reports: dict[str, Path], tmp_path: Path
) -> None:
    run(client, "submit", reports["good"], OFFICE_JS)
    opened = empty_workbook(tmp_path / "open.xlsx")
    with ledger.lock():  # another sync run holds the ledger
        wb, alerts = run(client, "consolidate", opened, OFFICE_JS, COORDINATOR)
    assert "accepted reports: 1" in alerts[0] and "Submissions" in wb.sheetnames
    assert "already running" in alerts[0]
    assert alerts[0].startswith(text_of("consolidate.sync_busy", "en"))


def master_with_issues(path: Path) -> Path:
    wb = Workbook()
    wb.active.title = "Issues"
    wb.active["A3"] = "Institution"
    wb.create_sheet(REGISTER_SHEET).append(["sheet", "written_at"])
    wb[REGISTER_SHEET].append(["Issues", "2018-04-03T09:30:00+00:00"])
    wb.save(path)
    return path


@pytest.mark.parametrize("name", ["validate", "submit"])
def test_validate_and_submit_leave_the_master_alone(client: TestClient, tmp_path: Path, name: str) -> None:
    master = master_with_issues(tmp_path / "master-open.xlsx")
    actions = post(client, name, client_payload(master, OFFICE_JS)).json()["actions"]
    assert [a["func"] for a in actions] == ["alert"]  # the Issues table stays as it is
    assert actions[0]["args"][0] == text_of("wrong.master", "en")  # the master's language


def test_consolidate_leaves_a_report_and_any_other_workbook_alone(
    client: TestClient, reports: dict[str, Path], tmp_path: Path
) -> None:
    actions = post(client, "consolidate", client_payload(reports["cyrillic"], OFFICE_JS), COORDINATOR).json()
    assert [a["func"] for a in actions["actions"]] == ["alert"]  # no institution's data goes into a report
    assert actions["actions"][0]["args"][0] == text_of("wrong.report", "sr-Cyrl", register=REGISTER_SHEET)

    own = tmp_path / "own.xlsx"
    wb = Workbook()
    wb.active["A1"] = "my own numbers"
    wb.save(own)
    actions = post(client, "consolidate", client_payload(own, GOOGLE), COORDINATOR).json()["actions"]
    assert [a["func"] for a in actions] == ["alert"]
    assert actions[0]["args"][0] == text_of("wrong.not_master", "en", register=REGISTER_SHEET)


@pytest.mark.parametrize("lang", ["sr-Latn", "sr-Cyrl"])
def test_consolidate_speaks_the_masters_language(
    config: Config, ledger: Ledger, plan: Plan, registry: InstitutionRegistry, tmp_path: Path, lang: Any
) -> None:
    serbian = config.model_copy(update={"sync": config.sync.model_copy(update={"master_lang": lang})})
    client = TestClient(create_app(serbian, ledger, clock=lambda: NOW, plan=plan, registry=registry))
    _, alerts = run(client, "consolidate", empty_workbook(tmp_path / "open.xlsx"), OFFICE_JS, COORDINATOR)
    assert "The master workbook" not in alerts[0]
    done = text_of("consolidate.done", lang, sheets=10, reports=0, date="03.04.2018.")
    assert alerts == [text_of("consolidate.synced", lang, new=0) + " " + done]

    clash = tmp_path / "clash.xlsx"
    wb = Workbook()
    wb.active.title = "Pregled" if lang == "sr-Latn" else "Преглед"
    wb.save(clash)
    _, alerts = run(client, "consolidate", clash, OFFICE_JS, COORDINATOR)
    assert alerts[0].endswith(text_of("consolidate.clash", lang, sheet=wb.active.title))


def test_a_workbook_name_is_written_back_as_plain_text(
    client: TestClient, ledger: Ledger, plan: Plan, registry: InstitutionRegistry, tmp_path: Path
) -> None:
    """A name the client chose (a tab, a right-to-left mark, a formula) is stored without the control
    characters and reaches the Coordinator's workbook as text, never as a formula."""
    layout = report_layout(plan, registry, "MZ", Period.parse(PERIOD), "en")
    warned = {**complete_monthly(layout), ("budget", "2.1.2/6", "spent_year"): 200000}  # a warning: listed
    path, _ = filled_report(plan, registry, tmp_path, "MZ", PERIOD, warned, name="MZ_warned.xlsx")
    hostile = '\t=HYPERLINK("http://evil.example","x")\u202e'
    payload = client_payload(path, OFFICE_JS)
    payload["book"]["name"] = hostile
    assert post(client, "submit", payload).status_code == 200
    (version,) = ledger.versions("MZ")
    assert version.file_name == '=HYPERLINK("http://evil.example","x")'

    wb, _ = run(client, "consolidate", empty_workbook(tmp_path / "open.xlsx"), OFFICE_JS, COORDINATOR)
    cells = [c for row in wb["Issues"].iter_rows() for c in row if c.value == version.file_name]
    assert cells and all(c.data_type == "s" for c in cells)


def test_the_add_in_accepts_what_the_master_accepts_the_newest_arrival(
    config: Config,
    ledger: Ledger,
    plan: Plan,
    registry: InstitutionRegistry,
    reports: dict[str, Path],
    tmp_path: Path,
) -> None:
    """Submitted A, then B, then A again (the earlier workbook): A is the accepted report, for the master and
    for the add-in alike (its history rules and Submit's "unchanged"). The newest arrival decides, not when a
    content was first seen."""
    first = tmp_path / "MZ_a.xlsx"
    run_saved(clocked(config, ledger, plan, registry, NOW), "submit", reports["good"], VBA, first)
    changed = tmp_path / "MZ_b.xlsx"
    wb = openpyxl.load_workbook(first)
    wb["Cover"]["B10"] = "Marko Marković"  # the preparer
    wb.save(changed)
    hour = dt.timedelta(hours=1)
    run_saved(clocked(config, ledger, plan, registry, NOW + hour), "submit", changed, VBA, tmp_path / "b.xlsx")
    (alert,) = run_saved(clocked(config, ledger, plan, registry, NOW + 2 * hour), "submit", first, VBA, first)
    assert alert.startswith("The monthly report for March 2018 was submitted on 3 Apr 2018 at 13:30.")
    a, _changed = ledger.versions("MZ")
    assert [v.id for v in ledger.accepted()] == [a.id]  # what the sync consolidates into the master

    (history,) = functions.history_of(ledger, "MZ", plan)
    assert history.cover is not None and history.cover.preparer != "Marko Marković"
    assert history == Report.model_validate_json(a.report_json or "")

    # The same content once more: it is the accepted one, so nothing new is recorded.
    (alert,) = run_saved(clocked(config, ledger, plan, registry, NOW + 3 * hour), "submit", first, VBA, first)
    assert alert == text_of("alert.unchanged", "en", which=MARCH, date="3 Apr 2018", time="11:30", status="on time")
    assert len(ledger.arrivals([a.id])) == 2 and len(ledger.versions("MZ")) == 2
