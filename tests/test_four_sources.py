"""The same filled workbook gives the same report whichever backend's values the parser gets:
python-calamine, openpyxl, Google's formatted strings (through the fake Sheets API) and xlwings
(floats and datetimes)."""

import datetime as dt
from pathlib import Path
from typing import Any

import openpyxl

from apmon.schemas.grid import Grid
from apmon.schemas.institutions import InstitutionRegistry
from apmon.schemas.plan import Plan
from apmon.templates.google_api import make_client
from apmon.templates.gsheet import create_google_template, read_google_grid
from apmon.templates.read_xlsx import grid_from_openpyxl, read_xlsx, read_xlsx_bytes
from apmon.templates.validation import check_grid
from tests.fake_google import FakeGoogle, fake_google_fixture, service_account_file
from tests.reports import complete_monthly, filled_report

fake_google = fake_google_fixture


def as_google_would_format(value: Any) -> str:
    """FORMATTED_VALUE of a cell: amounts with the template's #,##0.00 pattern, dates with dd.mm.yyyy."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, float | int) and not isinstance(value, bool):
        return f"{value:,.2f}" if isinstance(value, float) else str(value)
    return str(value)


def as_xlwings_reads(value: Any) -> Any:
    """xlwings hands numbers over as floats, dates as datetimes and empty cells as None."""
    if isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    return value


def test_four_sources_one_report(
    fake_google: FakeGoogle, plan: Plan, registry: InstitutionRegistry, tmp_path: Path
) -> None:
    _, layout = filled_report(plan, registry, tmp_path, "MZ", "2018-03", {}, name="blank.xlsx")
    line = layout.sheet("budget").rows[0].key
    edits = {
        **complete_monthly(layout),
        ("cover", "date", "value"): dt.datetime(2018, 4, 5),
        ("budget", line, "spent_period"): 79300.5,
        ("budget", line, "spent_year"): "100.400,50",
        ("tasks", "2.1.2", "progress"): "  Obuka održana u Nišu.  ",
    }
    path, layout = filled_report(plan, registry, tmp_path, "MZ", "2018-03", edits)
    book = openpyxl.load_workbook(path)

    from_calamine = read_xlsx(path)
    assert read_xlsx_bytes(path.read_bytes(), str(path)) == from_calamine  # as a sync reads a fetched version
    from_openpyxl = grid_from_openpyxl(book, str(path))
    from_xlwings = Grid(
        source=str(path),
        sheets={
            name: [[as_xlwings_reads(v) for v in row] for row in rows] for name, rows in from_openpyxl.sheets.items()
        },
    )
    client = make_client(service_account_file(tmp_path), fake_google.endpoints)
    spreadsheet = create_google_template(client, layout, fake_google.add_folder("f"))
    spreadsheet.values_batch_update(
        {
            "valueInputOption": "RAW",
            "data": [
                {"range": f"'{name}'!A1", "values": [[as_google_would_format(v) for v in row] for row in rows]}
                for name, rows in from_openpyxl.sheets.items()
            ],
        }
    )
    from_google = read_google_grid(client, spreadsheet.id)

    reports = []
    for grid in (from_calamine, from_openpyxl, from_google, from_xlwings):
        report, issues = check_grid(grid, plan, registry)
        assert issues == [], (grid.source, [(i.code, i.sheet, i.cell) for i in issues])
        assert report is not None
        reports.append(report.model_dump(mode="json", exclude={"source"}))
    assert reports[0]["cover"]["date"] == "2018-04-05"
    assert reports[0]["budget"][0]["spent_period"] == "79300.50"
    assert reports[0]["budget"][0]["spent_year"] == "100400.50"
    assert reports[0]["tasks"][0]["progress"] == "Obuka održana u Nišu."
    for other in reports[1:]:
        assert other == reports[0]
