"""What staff really type and paste, sent as xlwings' clients send it: every value gets a located issue or is read
right, and nothing a cell can hold makes Validate or Submit fail on the server.

Each test starts from a clean report of MZ for March 2018 (Serbian Latin), changes the payload's cells as Excel
would send them, and validates through the real server or a real `xw.Book(json=payload)`.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from apmon.addin import functions, server
from apmon.addin.functions import xw
from apmon.addin.server import create_app
from apmon.schemas.a1 import cell_position
from apmon.schemas.calendar import Period
from apmon.schemas.institutions import InstitutionRegistry
from apmon.schemas.plan import Plan
from apmon.sync.config import Config, SyncSettings
from apmon.sync.ledger import Ledger
from apmon.templates.layout import META_SHEET, WorkbookLayout, report_layout
from apmon.templates.validation import Validation
from tests.reports import complete_monthly, filled_report
from tests.test_addin import GOOGLE, NOW, OFFICE_JS, PERIOD, TOKENS, URL, client_payload, ledger  # noqa: F401  (its tokens)


@pytest.fixture
def client(tmp_path: Path, ledger: Ledger, plan: Plan, registry: InstitutionRegistry) -> TestClient:  # noqa: F811
    config = Config(sync=SyncSettings(data_dir=tmp_path, first_period="2018-01", last_period=PERIOD))
    app = create_app(config, ledger, clock=lambda: NOW, plan=plan, registry=registry)
    return TestClient(app, raise_server_exceptions=False)


@pytest.fixture(scope="module")
def layout(plan: Plan, registry: InstitutionRegistry) -> WorkbookLayout:
    return report_layout(plan, registry, "MZ", Period.parse(PERIOD), "sr-Latn")


@pytest.fixture(scope="module")
def clean(
    plan: Plan, registry: InstitutionRegistry, layout: WorkbookLayout, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Any]:
    folder = tmp_path_factory.mktemp("typed")
    path, _ = filled_report(plan, registry, folder, "MZ", PERIOD, complete_monthly(layout), lang="sr-Latn")
    return client_payload(path, OFFICE_JS)


def typed_in(payload: dict[str, Any], sheet: str, cell: str, value: Any) -> dict[str, Any]:
    """A copy of `payload` with `value` in `sheet`!`cell`, as the client would send it."""
    changed = copy.deepcopy(payload)
    where = cell_position(cell)
    assert where is not None
    row, column = where
    values = next(s for s in changed["sheets"] if s["name"] == sheet)["values"]
    values[row - 1][column - 1] = value
    return changed


def validated(payload: dict[str, Any], plan: Plan, registry: InstitutionRegistry) -> Validation:
    return functions.validate(xw.Book(json=json.loads(json.dumps(payload))), plan, registry)


def first_total(layout: WorkbookLayout) -> tuple[str, str]:
    indicators = layout.sheet("indicators")
    key = next(row.key for row in indicators.rows if "total" in indicators.input_keys(row))
    return layout.cell_of("indicators", key, "total")


def first_spent(layout: WorkbookLayout) -> tuple[str, str]:
    return layout.cell_of("budget", layout.sheet("budget").rows[0].key, "spent_period")


# --------------------------------------------------------------------------- numbers no cell value can break


@pytest.mark.parametrize(
    ("field", "value", "code"),
    [
        ("total", "Infinity", "count-not-whole"),  # text Decimal() reads as infinite: int() overflowed
        ("total", "-inf", "count-not-whole"),
        ("total", "sNaN", "count-not-whole"),  # a signalling NaN: comparing it raised
        ("spent", 1e30, "amount-too-large"),  # typed 1E+30: rounding to cents overflowed the decimal context
        ("spent", 10**26, "amount-too-large"),
        ("spent", "123456789012345678901234567890", "amount-too-large"),  # an account number pasted as text
        ("total", 10**20, "count-too-large"),
        ("total", "9" * 5000, "count-too-large"),  # accepted, its report could not be written as JSON
    ],
)
def test_a_number_no_report_can_mean_is_a_located_error_not_a_server_failure(
    client: TestClient,
    clean: dict[str, Any],
    layout: WorkbookLayout,
    plan: Plan,
    registry: InstitutionRegistry,
    field: str,
    value: Any,
    code: str,
) -> None:
    sheet, cell = first_total(layout) if field == "total" else first_spent(layout)
    payload = typed_in(clean, sheet, cell, value)
    response = client.post(URL.format("validate"), json=payload, headers={"Authorization": f"Bearer {TOKENS['MZ']}"})
    assert response.status_code == 200, response.text
    assert [(i.code, i.sheet, i.cell) for i in validated(payload, plan, registry).issues] == [(code, sheet, cell)]


def test_the_largest_exact_amount_is_still_read(
    clean: dict[str, Any], layout: WorkbookLayout, plan: Plan, registry: InstitutionRegistry
) -> None:
    sheet, cell = first_spent(layout)
    result = validated(typed_in(clean, sheet, cell, 999_999_999_999_999), plan, registry)
    assert "amount-too-large" not in [i.code for i in result.issues]
    assert result.report is not None and str(result.report.budget[0].spent_period) == "999999999999999.00"


# --------------------------------------------------------------------------- the `_apmon` sheet edited


@pytest.mark.parametrize("period", ["9999-12", "1999", "0001-01"])
def test_a_period_out_of_range_in_the_metadata_is_told_not_a_server_failure(
    client: TestClient, clean: dict[str, Any], plan: Plan, registry: InstitutionRegistry, period: str
) -> None:
    row = next(r for r, values in enumerate(clean["sheets"][-1]["values"], 1) if values[0] == "period")
    assert clean["sheets"][-1]["name"] == META_SHEET
    payload = typed_in(clean, META_SHEET, f"B{row}", period)
    for name in ("validate", "submit"):
        response = client.post(URL.format(name), json=payload, headers={"Authorization": f"Bearer {TOKENS['MZ']}"})
        assert response.status_code == 200, response.text
    assert [(i.code, i.cell) for i in validated(payload, plan, registry).issues] == [("metadata-invalid", f"B{row}")]


# --------------------------------------------------------------------------- amounts with a currency written


@pytest.mark.parametrize(
    ("written", "codes"),
    [
        ("1.234,50 din.", []),
        ("1.234,50 дин.", []),  # the same in Cyrillic, as staff of a Cyrillic template write it
        ("1.234,50 динара", []),
        ("РСД 1.234,50", []),
        ("100 eura", ["currency-mismatch"]),  # the line is in dinars: the currency is told, the number read
        ("100 evra", ["currency-mismatch"]),  # the Serbian word for euros
        ("100 евра", ["currency-mismatch"]),
    ],
)
def test_a_currency_written_in_either_script_is_read(
    clean: dict[str, Any],
    layout: WorkbookLayout,
    plan: Plan,
    registry: InstitutionRegistry,
    written: str,
    codes: list[str],
) -> None:
    sheet, cell = first_spent(layout)
    result = validated(typed_in(clean, sheet, cell, written), plan, registry)
    assert [i.code for i in result.issues if i.cell == cell] == codes


# --------------------------------------------------------------------------- a choice typed or pasted otherwise


@pytest.mark.parametrize(
    ("written", "code"),
    [
        ("zavrsen", "completed"),  # Serbian typed without diacritics
        ("nije zapocet", "not-started"),
        ("u токu", "in-progress"),  # half typed on the Cyrillic keyboard
        ("in prоgress", "in-progress"),  # a Cyrillic о pasted into the English label
        ("u toku\u200b", "in-progress"),  # a zero-width space pasted from a web page
        ("ka\u00adsni", "delayed"),  # a soft hyphen pasted from Word
        ("done", None),  # a word that is no option stays an error
    ],
)
def test_a_status_typed_otherwise_is_the_option_it_spells(
    clean: dict[str, Any],
    layout: WorkbookLayout,
    plan: Plan,
    registry: InstitutionRegistry,
    written: str,
    code: str | None,
) -> None:
    task = layout.sheet("tasks").rows[0].key
    sheet, cell = layout.cell_of("tasks", task, "status")
    result = validated(typed_in(clean, sheet, cell, written), plan, registry)
    assert [i.code for i in result.issues if i.cell == cell] == ([] if code else ["choice-not-in-list"])
    assert result.report is not None
    assert next(t.status for t in result.report.tasks if t.task_id == task) == code


@pytest.mark.parametrize(
    ("field", "written", "read"),
    [
        ("spent", "1.000,50\u200b", "1000.50"),  # a zero-width space after a number copied from a web page
        ("spent", "\ufeff2.500", "2500.00"),  # a byte order mark before text pasted from a file
        ("total", "12\u200b", "12"),
        ("date", "05.04.2018\u200e", "2018-04-05"),  # a left-to-right mark copied from a PDF
    ],
)
def test_invisible_characters_pasted_with_a_number_or_date_are_not_part_of_it(
    clean: dict[str, Any],
    layout: WorkbookLayout,
    plan: Plan,
    registry: InstitutionRegistry,
    field: str,
    written: str,
    read: str,
) -> None:
    where = {
        "spent": first_spent(layout),
        "total": first_total(layout),
        "date": layout.cell_of("cover", "date", "value"),
    }
    sheet, cell = where[field]
    result = validated(typed_in(clean, sheet, cell, written), plan, registry)
    assert [i.code for i in result.issues if i.cell == cell] == []
    report = result.report
    assert report is not None and report.cover is not None
    found = {
        "spent": [report.budget[0].spent_period],
        "total": [e.total for e in report.indicators if cell in e.cells.values()],
        "date": [report.cover.date],
    }
    assert [str(value) for value in found[field]] == [read]


# --------------------------------------------------------------------------- what the add-in writes back

EXCEL_CELL_LIMIT = 32_767  # characters: Excel refuses a longer value, and the whole answer with it


def test_a_long_paste_into_a_list_cell_is_told_in_a_message_excel_can_hold(
    client: TestClient, clean: dict[str, Any], layout: WorkbookLayout
) -> None:
    sheet, cell = layout.cell_of("tasks", layout.sheet("tasks").rows[0].key, "status")
    payload = typed_in(clean, sheet, cell, "Reč " * (EXCEL_CELL_LIMIT // 4))  # a Word page pasted into Status
    response = client.post(URL.format("validate"), json=payload, headers={"Authorization": f"Bearer {TOKENS['MZ']}"})
    assert response.status_code == 200
    written = [
        value
        for action in response.json()["actions"]
        if action["func"] == "setValues"
        for row in action["values"]
        for value in row
        if isinstance(value, str)
    ]
    message = next(value for value in written if "Reč Reč" in value)
    assert len(message) <= EXCEL_CELL_LIMIT and message.count("Reč") < 100


# --------------------------------------------------------------------------- Excel's newer error values

GAP = "\u0000gap"  # stands for a cell that xlwings' VBA client writes as nothing at all


def vba_body(payload: dict[str, Any]) -> bytes:
    """The JSON xlwings' VBA client (WebHelpers.bas ConvertToJson) sends: no spaces, and a cell holding an error it
    does not know (#SPILL!, #CALC!, #BUSY!...) written as nothing, so its row reads `[1,,2]`."""
    return json.dumps(payload, separators=(",", ":")).replace(json.dumps(GAP), "").encode()


def test_a_newer_excel_error_sent_by_the_vba_client_is_located_not_refused_as_no_json(
    client: TestClient, clean: dict[str, Any], layout: WorkbookLayout, plan: Plan, registry: InstitutionRegistry
) -> None:
    sheet, cell = first_spent(layout)
    payload = typed_in({**clean, "client": "VBA"}, sheet, cell, GAP)
    payload["sheets"].append({"name": "Moje beleške", "values": [[GAP, "#SPILL! in my own sheet"]], "pictures": []})
    body = vba_body(payload)
    assert b",," in body or b"[," in body
    with pytest.raises(ValueError):
        json.loads(body)
    headers = {"Authorization": f"Bearer {TOKENS['MZ']}", "Content-Type": "application/json"}
    response = client.post(URL.format("validate"), content=body, headers=headers)
    assert response.status_code == 200, response.text
    listed = [
        row[1:3]
        for action in response.json()["actions"]
        if action["func"] == "setValues"
        for row in action["values"]
        if len(row) > 2
    ]
    assert [sheet, cell] in listed
    parsed = server.parse_json(body)
    assert [(i.code, i.sheet, i.cell) for i in validated(parsed, plan, registry).issues] == [
        ("excel-error", sheet, cell)
    ]


@pytest.mark.parametrize("error", ["#BUSY!", "#FIELD!", "#BLOCKED!", "#CONNECT!", "#UNKNOWN!", "#PYTHON!"])
def test_every_excel_error_office_js_sends_is_an_error_not_a_text(
    clean: dict[str, Any], layout: WorkbookLayout, plan: Plan, registry: InstitutionRegistry, error: str
) -> None:
    sheet, cell = layout.cell_of("tasks", layout.sheet("tasks").rows[0].key, "progress")
    result = validated(typed_in(clean, sheet, cell, error), plan, registry)
    known = validated(typed_in(clean, sheet, cell, "#N/A"), plan, registry)  # as Excel's oldest error is told
    assert ("excel-error", cell) in [(i.code, i.cell) for i in result.issues]
    assert [(i.code, i.cell) for i in result.issues] == [(i.code, i.cell) for i in known.issues]


def test_an_excel_error_in_a_progress_cell_is_told_once(
    clean: dict[str, Any], layout: WorkbookLayout, plan: Plan, registry: InstitutionRegistry
) -> None:
    """The cell holds an error, not nothing: "progress missing" beside "Excel error" would tell one mistake twice."""
    sheet, cell = layout.cell_of("tasks", layout.sheet("tasks").rows[0].key, "progress")
    assert [i.code for i in validated(clean, plan, registry).issues if i.cell == cell] == []
    result = validated(typed_in(clean, sheet, cell, "#N/A"), plan, registry)
    assert [i.code for i in result.issues if (i.sheet, i.cell) == (sheet, cell)] == ["excel-error"]
    emptied = validated(typed_in(clean, sheet, cell, ""), plan, registry)  # an empty one is still asked for
    assert [i.code for i in emptied.issues if (i.sheet, i.cell) == (sheet, cell)] == ["missing-progress"]


@pytest.mark.parametrize(("client_name", "read"), [("Office.js", "'90-ih"), ("VBA", "'90-ih"), (GOOGLE, "90-ih")])
def test_a_leading_apostrophe_is_stripped_only_where_google_kept_the_one_typed(
    clean: dict[str, Any],
    layout: WorkbookLayout,
    plan: Plan,
    registry: InstitutionRegistry,
    client_name: str,
    read: str,
) -> None:
    """Excel's clients send a text without the apostrophe typed before it: one they send is part of the text (typed
    twice, "''90-ih"). Google's plain-text cell keeps the one typed, which Apps Script sends: that one is dropped."""
    sheet, cell = layout.cell_of("tasks", layout.sheet("tasks").rows[0].key, "progress")
    payload = typed_in({**clean, "client": client_name}, sheet, cell, "'90-ih")
    report = validated(payload, plan, registry).report
    assert report is not None
    assert report.tasks[0].progress == read
