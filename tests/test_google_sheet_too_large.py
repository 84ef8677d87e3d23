"""A Google spreadsheet whose sheets are too large to read is refused before a cell of them is fetched, as an xlsx
report is (`file-sheet-too-large`): its size is told by the spreadsheet's metadata (each sheet's gridProperties),
and nothing of its cells is kept. Found in a trial: a sheet of a million filled cells took 21 s of the sync, 630 MB
of memory and 12 MB of the ledger, for a version refused anyway. With the real gspread client against the fake
Google server; the ledger checked with sqlite3 alone."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import gspread
import pytest

from apmon.schemas.calendar import Period
from apmon.schemas.institutions import InstitutionRegistry
from apmon.schemas.plan import Plan
from apmon.sync.ledger import Ledger
from apmon.sync.sources import GoogleDriveSource
from apmon.templates.google_api import RetryPolicy, make_client
from apmon.templates.gsheet import create_google_template
from apmon.templates.layout import report_layout
from tests.fake_google import FakeGoogle, fake_google_fixture, service_account_file
from tests.reports import complete_monthly
from tests.test_sync import Office

fake_google = fake_google_fixture
SHEET_LIMIT, SPREADSHEET_LIMIT = 1_000_000, 2_000_000  # the xlsx reader's limits (docs/sync.md), said again here


def _reports(
    tmp_path: Path, plan: Plan, registry: InstitutionRegistry, fake_google: FakeGoogle, codes: list[str]
) -> tuple[list[gspread.Spreadsheet], GoogleDriveSource]:
    """Each institution's March 2018 report, filled in, as a Google spreadsheet in one Drive folder; the folder as a
    source."""
    folder = fake_google.add_folder("Izveštaji")
    client = make_client(service_account_file(tmp_path), fake_google.endpoints, RetryPolicy(), sleep=lambda _: None)
    sheets = []
    for code in codes:
        layout = report_layout(plan, registry, code, Period.parse("2018-03"), "sr-Latn")
        sheet = create_google_template(client, layout, folder)
        for (role, key, column), value in complete_monthly(layout).items():
            name, cell = layout.cell_of(role, key, column)
            sheet.worksheet(name).update([[value]], cell, raw=False)
        sheets.append(sheet)
    return sheets, GoogleDriveSource(client, folder)


def _stored(ledger_file: Path) -> dict[str, tuple[bytes, list[dict[str, object]]]]:
    """file name -> (the stored content, the issues) of every version in the ledger."""
    with sqlite3.connect(ledger_file) as db:
        rows = db.execute("SELECT file_name, raw, issues FROM versions").fetchall()
    return {name: (bytes(raw), json.loads(issues)) for name, raw, issues in rows}


def _values_read(fake_google: FakeGoogle, spreadsheet_id: str) -> int:
    return len(fake_google.calls("GET", rf"/v4/spreadsheets/{spreadsheet_id}/values"))


def test_a_sheet_grown_past_a_million_cells_is_refused_unread_and_the_other_report_is_read(
    tmp_path: Path, plan: Plan, registry: InstitutionRegistry, fake_google: FakeGoogle
) -> None:
    ledger_file = tmp_path / "ledger.sqlite"
    office = Office(tmp_path, plan, registry, Ledger.open(f"sqlite:///{ledger_file}"))
    (honest, huge), google = _reports(tmp_path, plan, registry, fake_google, ["MZ", "MUP"])
    grown = huge.worksheets()[1]
    built = (grown.row_count, grown.col_count)
    rows, columns = 1001, 1000  # a table pasted far past the report: 1,001,000 cells
    grown.resize(rows=rows, cols=columns)
    grown.update([["pasted"] * 10], f"ALC{rows}", raw=True)
    assert rows * columns > SHEET_LIMIT

    summary = office.sync(sources=[google])

    by_file = {v.file: v for v in summary.versions}
    assert by_file[honest.title].valid, by_file[honest.title]
    refused = by_file[huge.title]
    assert not refused.readable and not refused.valid
    assert grown.title in (refused.first_problem or "") and huge.title in (refused.first_problem or "")
    assert _values_read(fake_google, huge.id) == 0 and _values_read(fake_google, honest.id) == 1
    stored = _stored(ledger_file)
    raw, issues = stored[huge.title]
    assert raw == b"", "nothing of its cells is kept"
    (issue,) = issues
    assert issue["code"] == "google-sheet-too-large"
    assert issue["params"]["sheet"] == grown.title
    assert (issue["params"]["rows"], issue["params"]["columns"]) == (str(rows), str(columns))
    assert issue["params"]["cells"] == str(rows * columns) and issue["params"]["limit"] == str(SHEET_LIMIT)

    # Not read again while it stays so, edited or not (known by its sheets' sizes, recorded once); read as soon as the
    # pasted table is deleted with its rows and columns
    assert office.sync(sources=[google]).versions == []
    grown.update([["pasted again"]], f"ALB{rows}", raw=True)
    measured = len(fake_google.calls("GET", rf"/v4/spreadsheets/{huge.id}$"))
    assert office.sync(sources=[google]).versions == []
    assert len(fake_google.calls("GET", rf"/v4/spreadsheets/{huge.id}$")) == measured + 1  # measured again, not read
    assert _values_read(fake_google, huge.id) == 0 and len(_stored(ledger_file)) == 2
    # Grown further, still too large: recorded again, with the sizes it has now (what it says is what it is)
    grown.resize(rows=rows + 500)
    (regrown,) = office.sync(sources=[google]).versions
    assert not regrown.readable and _values_read(fake_google, huge.id) == 0
    with sqlite3.connect(ledger_file) as db:
        (latest,) = db.execute("SELECT issues FROM versions ORDER BY id DESC LIMIT 1").fetchone()
    (issue,) = json.loads(latest)
    assert (issue["params"]["rows"], issue["params"]["cells"]) == (str(rows + 500), str((rows + 500) * columns))
    huge.values_clear(f"'{grown.title}'!ALB{rows}:ALL{rows}")
    grown.resize(rows=built[0], cols=built[1])
    (again,) = office.sync(sources=[google]).versions
    assert again.valid and again.file == huge.title


def test_an_honest_report_with_rows_and_sheets_of_its_own_is_read(
    tmp_path: Path, plan: Plan, registry: InstitutionRegistry, fake_google: FakeGoogle
) -> None:
    """A sheet's grid is not its filled part: a new sheet has 1000 x 26 cells, an officer adds rows below a list, and
    a template sheet renamed makes every sheet read. None of it comes near the limits."""
    ledger_file = tmp_path / "ledger.sqlite"
    office = Office(tmp_path, plan, registry, Ledger.open(f"sqlite:///{ledger_file}"))
    (added, renamed), google = _reports(tmp_path, plan, registry, fake_google, ["MZ", "MUP"])
    for sheet in (added, renamed):
        first = sheet.worksheets()[1]
        first.add_rows(5000)  # "Add 1000 more rows at the bottom", five times
        for n in range(3):
            sheet.add_worksheet(f"Beleške {n}", rows=1000, cols=26)
    # Only the sheets to be read are measured: with every template sheet named as built, a sheet of the officer's own
    # is never read, whatever its size.
    added.add_worksheet("Uvoz", rows=1001, cols=1000)
    renamed.worksheets()[1].update_title("Preimenovan")
    assert sum(ws.row_count * ws.col_count for ws in renamed.worksheets()) < SPREADSHEET_LIMIT

    by_file = {v.file: v for v in office.sync(sources=[google]).versions}

    assert by_file[added.title].valid, by_file[added.title]
    assert by_file[renamed.title].readable  # read: the parser names the sheet it misses
    assert _values_read(fake_google, renamed.id) == 1
    codes = {issue["code"] for _, issues in _stored(ledger_file).values() for issue in issues}
    assert not codes & {"google-sheet-too-large", "google-sheets-too-large"}, codes


def test_sheets_together_past_two_million_cells_are_refused_unread(
    tmp_path: Path, plan: Plan, registry: InstitutionRegistry, fake_google: FakeGoogle
) -> None:
    """Each sheet under the limit of a sheet, all that would be read (a template sheet renamed: every sheet) over
    the limit of a workbook."""
    ledger_file = tmp_path / "ledger.sqlite"
    office = Office(tmp_path, plan, registry, Ledger.open(f"sqlite:///{ledger_file}"))
    (huge,), google = _reports(tmp_path, plan, registry, fake_google, ["MZ"])
    huge.worksheets()[1].update_title("Preimenovan")
    for n in range(3):
        huge.add_worksheet(f"Uvoz {n}", rows=1000, cols=700)  # 700,000 cells each
    grids = [(ws.title, ws.row_count * ws.col_count) for ws in huge.worksheets()]
    assert max(cells for _, cells in grids) <= SHEET_LIMIT < SPREADSHEET_LIMIT < sum(cells for _, cells in grids)

    (refused,) = office.sync(sources=[google]).versions

    assert not refused.readable and huge.title in (refused.first_problem or "")
    assert _values_read(fake_google, huge.id) == 0
    raw, (issue,) = _stored(ledger_file)[huge.title]
    assert raw == b"" and issue["code"] == "google-sheets-too-large"
    assert issue["params"]["cells"] == str(sum(cells for _, cells in grids))
    assert issue["params"]["limit"] == str(SPREADSHEET_LIMIT)


def test_the_fake_answers_a_spreadsheet_get_with_the_fields_asked_for_as_google_does(
    tmp_path: Path, fake_google: FakeGoogle
) -> None:
    """The recorded answers list each sheet's gridProperties (rowCount, columnCount) among its properties; Google
    gives no field the mask leaves out, so a reader that did not ask for the size would find none."""
    client = make_client(service_account_file(tmp_path), fake_google.endpoints, RetryPolicy(), sleep=lambda _: None)
    key = fake_google.add_spreadsheet("Izveštaj", {"List": [["a"]]}, rows=1000, cols=26)
    http = client.http_client
    asked = http.fetch_sheet_metadata(key, params={"fields": "sheets(properties(title,gridProperties),merges)"})
    assert asked == {
        "sheets": [{"properties": {"title": "List", "gridProperties": {"rowCount": 1000, "columnCount": 26}}}]
    }
    assert http.fetch_sheet_metadata(key, params={"fields": "sheets.properties.title"}) == {
        "sheets": [{"properties": {"title": "List"}}]
    }
    whole = http.fetch_sheet_metadata(key)
    assert whole["sheets"][0]["properties"]["gridProperties"] == {"rowCount": 1000, "columnCount": 26}


def test_the_fake_joins_the_parts_of_a_fields_mask_that_name_one_field_as_google_does(
    tmp_path: Path, fake_google: FakeGoogle
) -> None:
    """A mask may name one field's parts in several places ("sheets(properties(title)),sheets(merges)"); Google
    answers with all of them, and a field named whole keeps all of it. The fake kept only the last group named, and
    answered 500 to a group under a field named whole."""
    client = make_client(service_account_file(tmp_path), fake_google.endpoints, RetryPolicy(), sleep=lambda _: None)
    key = fake_google.add_spreadsheet("Izveštaj", {"List": [["a"]]}, rows=1000, cols=26)
    http = client.http_client
    title_and_size = {"title": "List", "gridProperties": {"rowCount": 1000, "columnCount": 26}}
    for fields in (
        "sheets(properties(title)),sheets(properties(gridProperties))",
        "sheets.properties.title,sheets(properties/gridProperties)",
        "sheets/properties(gridProperties),sheets.properties.title",
    ):
        assert http.fetch_sheet_metadata(key, params={"fields": fields}) == {
            "sheets": [{"properties": title_and_size}]
        }, fields
    whole = http.fetch_sheet_metadata(key)["sheets"][0]["properties"]
    for fields in ("sheets.properties,sheets.properties(title)", "sheets.properties(title),sheets.properties"):
        assert http.fetch_sheet_metadata(key, params={"fields": fields}) == {"sheets": [{"properties": whole}]}, fields


def test_the_fake_refuses_a_fields_mask_asking_for_cells_it_does_not_model(
    tmp_path: Path, fake_google: FakeGoogle
) -> None:
    """Google answers a mask naming sheets.data with the cells of `ranges` (the recorded WorksheetTest.test_format:
    `fields=sheets.data.rowData.values.userEnteredFormat`); the fake keeps no formats or notes, so it refuses the
    request as it refuses includeGridData=true, rather than answer sheets with nothing in them."""
    client = make_client(service_account_file(tmp_path), fake_google.endpoints, RetryPolicy(), sleep=lambda _: None)
    key = fake_google.add_spreadsheet("Izveštaj", {"List": [["a"]]}, rows=1000, cols=26)
    for fields in ("sheets.data.rowData.values.userEnteredFormat", "sheets/data/rowData/values/note"):
        params = {"includeGridData": "false", "ranges": "List!A1", "fields": fields}
        with pytest.raises(gspread.exceptions.APIError) as refused:
            client.http_client.fetch_sheet_metadata(key, params=params)
        assert refused.value.code == 400 and "does not model" in str(refused.value), fields
