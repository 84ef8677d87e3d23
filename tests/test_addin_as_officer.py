"""The add-in as a ministry officer uses it: MUP's report for March 2018 built by the project's builder, typed into as
people type into Excel and Google Sheets (text in the template's text cells), sent as xlwings' clients send it, and
the server's answer applied to the workbook as the clients apply it (tests/test_addin.py). Each test is a defect an
officer met: a value the Coordinator lost, a message that did not say what to do, a false alarm.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from fastapi.testclient import TestClient

from apmon.addin.server import create_app
from apmon.schemas.calendar import Period
from apmon.schemas.institutions import InstitutionRegistry
from apmon.schemas.messages import RULES
from apmon.schemas.plan import Plan
from apmon.schemas.text import Lang
from apmon.sync.config import Config, SyncSettings
from apmon.sync.ledger import Ledger
from apmon.sync.tokens import token_hash
from apmon.templates.layout import WorkbookLayout, report_layout
from apmon.templates.read_xlsx import read_xlsx
from apmon.templates.validation import validate_grid
from tests.reports import Edits, complete_annual, complete_monthly, filled_report
from tests.test_addin import (
    GOOGLE,
    NOW,
    OFFICE_JS,
    VBA,
    apply_actions,
    client_headers,
    client_payload,
    fill,
    sheet_rows,
)

PERIOD = "2018-03"
TOKEN = "tok-mup"
READY = "Mesečni izveštaj za mart 2018. je spreman za dostavljanje: nema grešaka."


@pytest.fixture
def ledger(tmp_path: Path) -> Iterator[Ledger]:
    opened = Ledger.open(f"sqlite:///{tmp_path / 'ledger.sqlite'}")
    opened.add_token("MUP", "institution", token_hash(TOKEN), "MUP", NOW)
    yield opened
    opened.close()


@pytest.fixture
def client(tmp_path: Path, ledger: Ledger, plan: Plan, registry: InstitutionRegistry) -> TestClient:
    """The add-in server at NOW (3 April 2018, before the March reports are due)."""
    config = Config(sync=SyncSettings(data_dir=tmp_path, first_period="2017-09", last_period=PERIOD))
    return TestClient(create_app(config, ledger, clock=lambda: NOW, plan=plan, registry=registry))


def mup(plan: Plan, registry: InstitutionRegistry, period: str = PERIOD, lang: Lang = "sr-Latn") -> WorkbookLayout:
    return report_layout(plan, registry, "MUP", Period.parse(period), lang)


def typed_report(
    plan: Plan, registry: InstitutionRegistry, folder: Path, edits: Edits, period: str = PERIOD, lang: Lang = "sr-Latn"
) -> tuple[Path, WorkbookLayout]:
    """MUP's complete report for `period` with `edits` typed on top (as text, as the template's text cells keep it)."""
    layout = mup(plan, registry, period, lang)
    complete = complete_annual(layout) if len(period) == 4 else complete_monthly(layout)
    return filled_report(plan, registry, folder, "MUP", period, {**complete, **edits}, lang=lang, name="MUP.xlsx")


def clicked(client: TestClient, name: str, path: Path, client_name: str = OFFICE_JS) -> tuple[Any, list[str]]:
    """The button `name` clicked in the workbook at `path`: the answer applied and saved there; (workbook, alerts)."""
    headers = {"Authorization": f"Bearer {TOKEN}", **client_headers(path, client_name)}
    response = client.post(
        f"/xlwings/custom-scripts-call/{name}", json=client_payload(path, client_name), headers=headers
    )
    assert response.status_code == 200, response.text
    wb = openpyxl.load_workbook(path)
    alerts = apply_actions(wb, response.json()["actions"])
    wb.save(path)
    return wb, alerts


def listed(wb: Any, issues_sheet: str = "Greške") -> list[tuple[str, str]]:
    """(sheet, cell) of every row of the Issues sheet."""
    return [(row[1], row[2]) for row in sheet_rows(wb, issues_sheet)[1:]]


def typed_again(path: Path, sheet: str, cell: str, value: Any) -> None:
    wb = openpyxl.load_workbook(path)
    wb[sheet][cell] = value
    wb.save(path)


# --------------------------------------------------------------------------- money the Coordinator would not see


@pytest.mark.parametrize("client_name", [OFFICE_JS, GOOGLE, VBA])
def test_spending_typed_for_the_month_alone_is_asked_for_the_year_to_date_too(
    client: TestClient,
    ledger: Ledger,
    plan: Plan,
    registry: InstitutionRegistry,
    tmp_path: Path,
    client_name: str,
) -> None:
    """The officer types what was spent in March ("Utrošeno u periodu") and leaves "Utrošeno od početka godine" empty.
    The Coordinator's master adds up only the year-to-date figure, so the 52.000 dinars were lost without a word and
    the report passed. Now the empty year-to-date cell is an error there, and typing it clears the mark."""
    layout = mup(plan, registry)
    line = layout.sheet("budget").rows[1].key
    path, _ = typed_report(
        plan, registry, tmp_path, {("budget", line, "spent_period"): "52.000", ("budget", line, "spent_year"): None}
    )
    sheet, year_cell = layout.cell_of("budget", line, "spent_year")

    wb, alerts = clicked(client, "submit", path, client_name)
    assert listed(wb) == [(sheet, year_cell)]
    assert fill(wb, sheet, year_cell) == "FFC7CE"
    assert "52.000,00" in sheet_rows(wb, "Greške")[1][3] and line in sheet_rows(wb, "Greške")[1][3]
    assert alerts[0].startswith("Izveštaj nije dostavljen: 1 greška.")
    assert ledger.versions("MUP") == []

    typed_again(path, sheet, year_cell, "52.000,00")
    wb, alerts = clicked(client, "validate", path, client_name)
    assert listed(wb) == [] and fill(wb, sheet, year_cell) == "FFFFFF"
    assert alerts == [READY]


@pytest.mark.parametrize("period_typed", ["0", "0,00", None])
def test_nothing_spent_in_the_month_needs_no_year_to_date(
    client: TestClient, plan: Plan, registry: InstitutionRegistry, tmp_path: Path, period_typed: str | None
) -> None:
    layout = mup(plan, registry)
    line = layout.sheet("budget").rows[1].key
    edits = {("budget", line, "spent_period"): period_typed, ("budget", line, "spent_year"): None}
    path, _ = typed_report(plan, registry, tmp_path, edits)
    wb, alerts = clicked(client, "validate", path)
    assert listed(wb) == [] and alerts == [READY]


# --------------------------------------------------------------------------- Submit says which report it recorded


@pytest.mark.parametrize(
    ("period", "lang", "named"),
    [
        ("2018-02", "sr-Latn", "Mesečni izveštaj za februar 2018. je dostavljen 03.04.2018. u 11:30."),
        ("2018-02", "sr-Cyrl", "Месечни извештај за фебруар 2018. је достављен 03.04.2018. у 11:30."),
        ("2018-02", "en", "The monthly report for February 2018 was submitted on 3 Apr 2018 at 11:30."),
        ("2017", "sr-Latn", "Godišnji izveštaj za 2017. godinu je dostavljen 03.04.2018. u 11:30."),
    ],
)
def test_submit_names_the_month_it_recorded(
    client: TestClient,
    ledger: Ledger,
    plan: Plan,
    registry: InstitutionRegistry,
    tmp_path: Path,
    period: str,
    lang: Lang,
    named: str,
) -> None:
    """An officer who fills March's figures into February's file (last month's report, copied) and clicks Submit in
    April was told only "Izveštaj je dostavljen 03.04.2018 u 11:30": February's report was replaced by March's
    figures, March stayed missing, and nothing said so. The message names the report's month (or year)."""
    path, _ = typed_report(plan, registry, tmp_path, {}, period=period, lang=lang)
    _, alerts = clicked(client, "submit", path)
    assert alerts[0].startswith(named), alerts
    assert [v.period for v in ledger.versions("MUP")] == [period]
    _, again = clicked(client, "submit", path)  # nothing changed: it says which report it already has
    assert again[0].startswith(named.split(" je ")[0].split(" је ")[0].split(" was ")[0]), again


@pytest.mark.parametrize(
    ("period", "lang", "named"),
    [
        ("2018-02", "sr-Latn", "Mesečni izveštaj za februar 2018. je spreman za dostavljanje: nema grešaka."),
        ("2018-02", "sr-Cyrl", "Месечни извештај за фебруар 2018. је спреман за достављање: нема грешака."),
        ("2018-02", "en", "The monthly report for February 2018 is ready to submit: no errors."),
        ("2017", "sr-Latn", "Godišnji izveštaj za 2017. godinu je spreman za dostavljanje: nema grešaka."),
    ],
)
def test_validate_names_the_month_it_found_ready(
    client: TestClient, plan: Plan, registry: InstitutionRegistry, tmp_path: Path, period: str, lang: Lang, named: str
) -> None:
    """Validate said only "Spremno za dostavljanje: nema grešaka." on February's file filled in again in April, so the
    officer learned which report it was only after Submit. It names the report's month (or year) as Submit does."""
    path, _ = typed_report(plan, registry, tmp_path, {}, period=period, lang=lang)
    _, alerts = clicked(client, "validate", path)
    assert alerts == [named]


# --------------------------------------------------------------------------- a sheet renamed


def renamed(path: Path, old: str, new: str) -> None:
    """The sheet `old` renamed `new` as Excel renames it: the workbook's names that point at it follow."""
    wb = openpyxl.load_workbook(path)
    wb[old].title = new
    for name in wb.defined_names.values():
        name.attr_text = name.attr_text.replace(f"'{old}'!", f"'{new}'!").replace(f"{old}!", f"'{new}'!")
    wb.save(path)


@pytest.mark.parametrize("client_name", [OFFICE_JS, GOOGLE])
def test_a_renamed_sheet_is_named_with_the_name_to_give_it_back(
    client: TestClient, plan: Plan, registry: InstitutionRegistry, tmp_path: Path, client_name: str
) -> None:
    """A colleague renamed the Tasks sheet "Zadaci mart 2018". Validate said only that the sheet "Zadaci" is missing,
    on a sheet the officer could not find, and never named the sheet that holds the tasks. It names both."""
    path, _ = typed_report(plan, registry, tmp_path, {})
    renamed(path, "Zadaci", "Zadaci mart 2018")
    wb, alerts = clicked(client, "validate", path, client_name)
    ((sheet, cell, message),) = [(row[1], row[2], row[3]) for row in sheet_rows(wb, "Greške")[1:]]
    assert (sheet, cell) == ("Zadaci mart 2018", None)
    assert "„Zadaci mart 2018“" in message and "„Zadaci“" in message
    assert alerts[0].startswith("1 greška")

    renamed(path, "Zadaci mart 2018", "Zadaci")
    wb, alerts = clicked(client, "validate", path, client_name)
    assert listed(wb) == [] and alerts == [READY]


def test_a_sheet_deleted_is_still_missing(plan: Plan, registry: InstitutionRegistry, tmp_path: Path) -> None:
    """Only a sheet with the template sheet's headers is taken for it renamed; two such sheets are no answer."""
    path, _ = typed_report(plan, registry, tmp_path, {})
    wb = openpyxl.load_workbook(path)
    wb.copy_worksheet(wb["Zadaci"]).title = "Kopija A"
    wb.copy_worksheet(wb["Zadaci"]).title = "Kopija B"
    wb.remove(wb["Zadaci"])
    wb.save(path)
    result = validate_grid(read_xlsx(path), plan, registry, "sr-Latn")
    assert [(i.code, i.sheet) for i in result.issues] == [("sheet-missing", "Zadaci")]


# --------------------------------------------------------------------------- a choice typed as Serbian is written


@pytest.mark.parametrize(
    ("period", "where", "typed", "read"),
    [
        (PERIOD, ("problems", "1", "task"), "3.2.1.", "3.2.1"),  # numbered as Serbian numbers headings, with a dot
        (PERIOD, ("tasks", "3.2.1", "status"), "Završeno", "completed"),  # "the task is done", neuter
        (PERIOD, ("tasks", "3.2.1", "status"), "u toku.", "in-progress"),
        (PERIOD, ("tasks", "3.2.1", "status"), "Nije započeta", "not-started"),
        (PERIOD, ("tasks", "3.2.1", "status"), "„u toku“", "in-progress"),  # pasted from Word, in its quotes
        (PERIOD, ("tasks", "3.2.1", "status"), '"Završen"', "completed"),
        (PERIOD, ("problems", "1", "task"), "‘3.2.1’", "3.2.1"),
        ("2017", ("tasks", "3.2.1", "assessment"), "realizovan", "completed"),  # a task (zadatak) is masculine
        ("2017", ("tasks", "3.2.1", "assessment"), "delimično realizovano", "partially-completed"),
        ("2017", ("tasks", "3.2.1", "assessment"), "Nije realizovan.", "not-completed"),
        ("2017", ("tasks", "3.2.1", "assessment"), "реализован", "completed"),
    ],
)
def test_a_choice_typed_as_serbian_writes_it_is_read(
    client: TestClient,
    plan: Plan,
    registry: InstitutionRegistry,
    tmp_path: Path,
    period: str,
    where: tuple[str, str, str],
    typed: str,
    read: str,
) -> None:
    """The dropdowns offer "realizovana" (an activity, feminine) and "završen"; an officer types "realizovan" of a
    task, "Završeno", or a task's number as Serbian numbers headings, "3.2.1.". Each was refused as not on the list."""
    edits: Edits = {where: typed}
    if where[0] == "problems":
        edits[("problems", "1", "description")] = "Kašnjenje nabavke opreme."
    if read == "not-completed":
        edits[("tasks", "3.2.1", "problems")] = "Sredstva nisu obezbeđena."
    path, layout = typed_report(plan, registry, tmp_path, edits, period=period)
    wb, _ = clicked(client, "validate", path)
    assert listed(wb) == [], sheet_rows(wb, "Greške")
    sheet, cell = layout.cell_of(*where)  # type: ignore[arg-type]
    assert fill(wb, sheet, cell) == "FFFFFF"
    report = validate_grid(read_xlsx(path), plan, registry, "sr-Latn").report
    assert report is not None
    entry = report.problems[0] if where[0] == "problems" else next(t for t in report.tasks if t.task_id == "3.2.1")
    assert getattr(entry, where[2] if where[0] == "tasks" else "task_id") == read


@pytest.mark.parametrize("typed", ["delimično", "3.2", "done", "završen i realizovan"])
def test_a_word_that_is_no_option_stays_an_error(
    client: TestClient, plan: Plan, registry: InstitutionRegistry, tmp_path: Path, typed: str
) -> None:
    where = ("problems", "1", "task") if typed == "3.2" else ("tasks", "3.2.1", "assessment")
    edits: Edits = {where: typed, ("problems", "1", "description"): "Opis."}
    path, layout = typed_report(plan, registry, tmp_path, edits, period="2017")
    wb, _ = clicked(client, "validate", path)
    assert listed(wb) == [layout.cell_of(*where)]  # type: ignore[arg-type]


# --------------------------------------------------------------------------- a number the spreadsheet made a date


def pasted_over(path: Path, sheet: str, cell: str, value: Any, number_format: str) -> None:
    """A value in a cell whose format a paste from another workbook replaced (the template's text format is gone)."""
    wb = openpyxl.load_workbook(path)
    wb[sheet][cell].number_format = number_format
    wb[sheet][cell] = value
    wb.save(path)


@pytest.mark.parametrize("client_name", [OFFICE_JS, GOOGLE, VBA])
@pytest.mark.parametrize("field", ["spent", "count"])
def test_a_number_the_spreadsheet_took_for_a_date_is_told_as_such(
    client: TestClient, plan: Plan, registry: InstitutionRegistry, tmp_path: Path, client_name: str, field: str
) -> None:
    """After a paste from another workbook took the cell's text format, the officer typed 1.10 and the spreadsheet
    made it 1 October. Validate said the amount "2018-10-01" is not a number: a value the officer never typed, in a
    form no Serbian office writes, and nothing about why. It says the spreadsheet made a date of it, shows that date
    as the cell does, and how to type the number so that it stays one."""
    layout = mup(plan, registry)
    indicators = layout.sheet("indicators")
    counted = next(r.key for r in indicators.rows if set(indicators.input_keys(r)) == {"total", "note"})
    where = ("budget", layout.sheet("budget").rows[1].key, "spent_period") if field == "spent" else None
    where = where or ("indicators", counted, "total")
    path, _ = typed_report(plan, registry, tmp_path, {})
    sheet, cell = layout.cell_of(*where)  # type: ignore[arg-type]
    pasted_over(path, sheet, cell, dt.datetime(2018, 10, 1), "d.m.yyyy")

    wb, _ = clicked(client, "validate", path, client_name)
    ((listed_sheet, listed_cell, message),) = [(row[1], row[2], row[3]) for row in sheet_rows(wb, "Greške")[1:]]
    assert (listed_sheet, listed_cell) == (sheet, cell)
    assert "01.10.2018" in message and "2018-10-01" not in message and "datum" in message
    result = validate_grid(read_xlsx(path), plan, registry, "sr-Latn")  # as the sync reads the saved file
    assert [(i.code, i.sheet, i.cell) for i in result.issues] == [("number-is-a-date", sheet, cell)]


def test_a_date_typed_as_text_in_a_text_cell_is_told_how_to_type_the_number(
    plan: Plan, registry: InstitutionRegistry, tmp_path: Path
) -> None:
    """ "12.5." typed into an amount cell that is still text stays text, and is read as a date (as Google Sheets
    gives a date cell: the two cannot be told apart). The message said only to set the cell to text, which it
    already is: the officer could not get past it. It says how to type the number (a decimal comma, no full stop at
    the end), and to set the cell to text only if the spreadsheet turns it into a date again."""
    layout = mup(plan, registry)
    where = ("budget", layout.sheet("budget").rows[1].key, "spent_period")
    sheet, cell = layout.cell_of(*where)  # type: ignore[arg-type]
    path, _ = typed_report(plan, registry, tmp_path, {where: "12.5."})
    assert openpyxl.load_workbook(path)[sheet][cell].value == "12.5."  # text, in the template's text cell

    for lang, how in (("sr-Latn", "decimalnim zarezom"), ("en", "no full stop at the end")):
        result = validate_grid(read_xlsx(path), plan, registry, lang)
        [issue] = [i for i in result.issues if (i.sheet, i.cell) == (sheet, cell)]
        assert issue.code == "number-is-a-date"
        assert how in issue.message, issue.message


# --------------------------------------------------------------------------- a problem below the list


def test_a_problem_typed_below_the_list_is_told_where_problems_go(
    client: TestClient, plan: Plan, registry: InstitutionRegistry, tmp_path: Path
) -> None:
    """Below the Problems sheet's rows (after unprotecting it) the officer typed a 31st problem. Validate said "Red 31
    is not part of the template. Delete it; write problems on the sheet Problemi", on that very sheet, and named row
    34 by the number typed in it. It names the row and says to move the problem into an empty row of the list."""
    layout = mup(plan, registry)
    rows = len(layout.sheet("problems").rows)
    path, _ = typed_report(plan, registry, tmp_path, {})
    wb = openpyxl.load_workbook(path)
    below = 3 + rows + 1  # the header is row 3; one row left empty, as people leave one
    wb["Problemi"][f"A{below}"], wb["Problemi"][f"C{below}"] = str(rows + 1), "Nedostaje prevodilac."
    wb.save(path)
    wb, _ = clicked(client, "validate", path)
    ((sheet, cell, message),) = [(row[1], row[2], row[3]) for row in sheet_rows(wb, "Greške")[1:]]
    assert (sheet, cell) == ("Problemi", f"A{below}")
    assert f"Red {below} " in message and "prazan red" in message and "„Problemi“" not in message
    result = validate_grid(read_xlsx(path), plan, registry, "sr-Latn")
    assert [i.code for i in result.issues] == ["problem-row-outside"]


# --------------------------------------------------------------------------- every message says what to do

# How a Serbian message tells the officer what to do: an imperative (or "send ... to its place").
INSTRUCTION = re.compile(
    r"\b(upišite|izaberite|ispravite|proverite|vratite|obrišite|preuzmite|objasnite|ostavite|uklonite|skratite|"
    r"opišite|prenesite|dogovorite|pošaljite|javite|preimenujte|zadržite|navedite|unesite)\b",
    re.IGNORECASE,
)


def test_every_rules_message_says_what_to_do() -> None:
    """ "Spent this period (50.000) is more than spent this year to date (30.000)" left the officer to guess which
    figure to change; so did the breakdown, an overdue task, a count that is not whole or below zero."""
    silent = [code for code, rule in RULES.items() if not INSTRUCTION.search(rule.sr_latn)]
    assert silent == []


def test_a_count_with_a_word_says_to_type_the_number_alone(
    client: TestClient, plan: Plan, registry: InstitutionRegistry, tmp_path: Path
) -> None:
    layout = mup(plan, registry)
    indicators = layout.sheet("indicators")
    counted = next(r.key for r in indicators.rows if set(indicators.input_keys(r)) == {"total", "note"})
    path, _ = typed_report(plan, registry, tmp_path, {("indicators", counted, "total"): "5 osoba"})
    wb, _ = clicked(client, "validate", path)
    ((message,),) = [row[3:] for row in sheet_rows(wb, "Greške")[1:]]
    assert "„5 osoba“" in message and "Upišite samo ceo broj" in message


# --------------------------------------------------------------------------- an amount in dinars with no para


@pytest.mark.parametrize(
    ("typed", "read"), [("5.000,-", "5000.00"), ("5.000,- din.", "5000.00"), ("1.250,--", "1250.00")]
)
def test_an_amount_written_with_a_dash_for_no_para_is_read(
    client: TestClient, plan: Plan, registry: InstitutionRegistry, tmp_path: Path, typed: str, read: str
) -> None:
    """ "5.000,-" is how Serbian invoices and offices write 5.000 dinars and no para; it was "not a number"."""
    layout = mup(plan, registry)
    line = layout.sheet("budget").rows[1].key
    edits: Edits = {("budget", line, "spent_period"): typed, ("budget", line, "spent_year"): "10.000"}
    path, _ = typed_report(plan, registry, tmp_path, edits)
    wb, _ = clicked(client, "validate", path)
    assert listed(wb) == []
    report = validate_grid(read_xlsx(path), plan, registry, "sr-Latn").report
    assert report is not None and str(next(b for b in report.budget if b.line_id == line).spent_period) == read


# --------------------------------------------------------------------------- a formula, an amount with three decimals


@pytest.mark.parametrize("lang", ["sr-Latn", "sr-Cyrl", "en"])
def test_a_formula_typed_into_a_number_cell_says_formulas_are_not_calculated(
    client: TestClient, plan: Plan, registry: InstitutionRegistry, tmp_path: Path, lang: Lang
) -> None:
    """The officer typed "=100+200" for the month's spending and a count; the report's cells are text, so Excel kept
    the formula as typed, and Validate said only that it is not a number. It says why and what to type."""
    layout = mup(plan, registry, lang=lang)
    line = layout.sheet("budget").rows[1].key
    indicators = layout.sheet("indicators")
    counted = next(r.key for r in indicators.rows if set(indicators.input_keys(r)) == {"total", "note"})
    edits: Edits = {("budget", line, "spent_year"): "=100+200", ("indicators", counted, "total"): "=SUM(1;2)"}
    path, _ = typed_report(plan, registry, tmp_path, edits, lang=lang)
    wb, _ = clicked(client, "validate", path)
    issues_sheet = {"sr-Latn": "Greške", "sr-Cyrl": "Грешке", "en": "Issues"}[lang]
    rows = sheet_rows(wb, issues_sheet)[1:]
    assert [(row[1], row[2]) for row in rows] == [
        layout.cell_of("budget", line, "spent_year"),
        layout.cell_of("indicators", counted, "total"),
    ]
    said = {
        "sr-Latn": ("formule se u poljima izveštaja ne izračunavaju", "Upišite sam broj"),
        "sr-Cyrl": ("формуле се у пољима извештаја не израчунавају", "Упишите сам број"),
        "en": ("formulas are not calculated in the report's cells", "Type the number itself"),
    }[lang]
    for row, typed in zip(rows, ("=100+200", "=SUM(1;2)"), strict=True):
        assert typed in row[3] and all(words in row[3] for words in said), row[3]


@pytest.mark.parametrize(
    ("typed", "lang", "said"),
    [
        ("1.234,567", "sr-Latn", "najviše dve decimale"),
        ("1,234.567", "en", "two decimals at most"),
        ("12,3456", "sr-Cyrl", "највише две децимале"),
        ("12,345", "sr-Latn", "najviše dve decimale"),  # 12345, or 12,345 where the comma is the decimal one
    ],
)
def test_an_amount_with_three_decimals_says_how_many_are_allowed(
    client: TestClient, plan: Plan, registry: InstitutionRegistry, tmp_path: Path, typed: str, lang: Lang, said: str
) -> None:
    """ "1.234,567" was only "not a number": the officer could not see what was wrong with it."""
    layout = mup(plan, registry, lang=lang)
    line = layout.sheet("budget").rows[1].key
    path, _ = typed_report(plan, registry, tmp_path, {("budget", line, "spent_year"): typed}, lang=lang)
    wb, _ = clicked(client, "validate", path)
    issues_sheet = {"sr-Latn": "Greške", "sr-Cyrl": "Грешке", "en": "Issues"}[lang]
    ((sheet, cell, message),) = [(row[1], row[2], row[3]) for row in sheet_rows(wb, issues_sheet)[1:]]
    assert (sheet, cell) == layout.cell_of("budget", line, "spent_year")
    assert typed in message and said in message, message


# --------------------------------------------------------------------------- a number with a third decimal


@pytest.mark.parametrize("client_name", [OFFICE_JS, GOOGLE, VBA])
@pytest.mark.parametrize(
    ("stored", "code", "said"),
    [
        (12.345, "amount-number-ambiguous", ("12,345", "12345", "12,35")),
        (1234.5678, "amount-number-too-many-decimals", ("1234,5678", "1234,57")),
    ],
)
def test_a_number_with_a_third_decimal_is_refused_not_rounded(
    client: TestClient,
    plan: Plan,
    registry: InstitutionRegistry,
    tmp_path: Path,
    client_name: str,
    stored: float,
    code: str,
    said: tuple[str, ...],
) -> None:
    """A paste took the cell's text format and the officer's 12,345 became the number 12.345, read as 12,35 without
    a word: it may have meant twelve thousand three hundred forty-five, a thousand times more. The same text typed
    is refused as ambiguous; so is the number, in the reader's decimal form, with both readings to type."""
    layout = mup(plan, registry)
    where = ("budget", layout.sheet("budget").rows[1].key, "spent_year")
    path, _ = typed_report(plan, registry, tmp_path, {})
    sheet, cell = layout.cell_of(*where)  # type: ignore[arg-type]
    pasted_over(path, sheet, cell, stored, "General")

    wb, _ = clicked(client, "validate", path, client_name)
    ((listed_sheet, listed_cell, message),) = [(row[1], row[2], row[3]) for row in sheet_rows(wb, "Greške")[1:]]
    assert (listed_sheet, listed_cell) == (sheet, cell)
    assert all(words in message for words in said), message
    result = validate_grid(read_xlsx(path), plan, registry, "sr-Latn")  # as the sync reads the saved file
    assert [(i.code, i.sheet, i.cell) for i in result.issues] == [(code, sheet, cell)]


@pytest.mark.parametrize("client_name", [OFFICE_JS, GOOGLE, VBA])
@pytest.mark.parametrize("stored", [3000.1 + 0.2, 1234.56 - 0.0000000000002, 3003.3 * 1.1], ids=repr)
def test_a_number_with_float_noise_is_no_third_decimal(
    client: TestClient, plan: Plan, registry: InstitutionRegistry, tmp_path: Path, client_name: str, stored: float
) -> None:
    """A binary float's last digits (a formula's 3000.2999999999997 for 3000,1 + 0,2) are no decimal anyone typed:
    Excel shows 15 significant digits, and so the amount reads as its two decimals. (Year to date, as the month's
    1000 must not exceed it.)"""
    layout = mup(plan, registry)
    line = layout.sheet("budget").rows[1].key
    path, _ = typed_report(plan, registry, tmp_path, {})
    sheet, cell = layout.cell_of("budget", line, "spent_year")
    pasted_over(path, sheet, cell, stored, "General")
    assert repr(stored).count("0000") or repr(stored).count("9999")  # the float really carries noise

    wb, _ = clicked(client, "validate", path, client_name)
    assert listed(wb) == []
    result = validate_grid(read_xlsx(path), plan, registry, "sr-Latn")
    assert result.issues == []
    assert result.report is not None
    spent = next(b.spent_year for b in result.report.budget if b.line_id == line)
    assert spent == Decimal(f"{stored:.2f}")  # two decimals, as Excel shows the cell


# --------------------------------------------------------------------------- cells merged across two tasks


@pytest.mark.parametrize("client_name", [OFFICE_JS, GOOGLE, VBA])
def test_status_cells_merged_across_two_tasks_are_named_through_every_client(
    client: TestClient, ledger: Ledger, plan: Plan, registry: InstitutionRegistry, tmp_path: Path, client_name: str
) -> None:
    """The officer merges the status cells of two tasks to give both one status; the spreadsheet keeps the first
    cell's value only. Every client says which cells are merged (apmon.js in the payload, apmon.gs and apmon.bas in
    a header beside xlwings' values), so the second cell is named as merged with what to do, not as a task without
    a status. Nothing is recorded, and unmerging and typing the status clears it."""
    layout = mup(plan, registry)
    first, second = (row.key for row in layout.sheet("tasks").rows[:2])
    path, _ = typed_report(plan, registry, tmp_path, {})
    sheet, first_cell = layout.cell_of("tasks", first, "status")
    _, second_cell = layout.cell_of("tasks", second, "status")
    wb = openpyxl.load_workbook(path)
    wb[sheet].merge_cells(f"{first_cell}:{second_cell}")
    wb.save(path)

    wb, alerts = clicked(client, "submit", path, client_name)
    ((where, cell, message),) = [(row[1], row[2], row[3]) for row in sheet_rows(wb, "Greške")[1:]]
    assert (where, cell) == (sheet, second_cell)
    assert f"{first_cell}:{second_cell}" in message and "Razdvojite" in message
    assert alerts[0].startswith("Izveštaj nije dostavljen: 1 greška.")
    assert ledger.versions("MUP") == []

    wb = openpyxl.load_workbook(path)
    wb[sheet].unmerge_cells(f"{first_cell}:{second_cell}")
    wb[sheet][second_cell] = "u toku"
    wb.save(path)
    wb, alerts = clicked(client, "validate", path, client_name)
    assert listed(wb) == [] and alerts == [READY]


# --------------------------------------------------------------------------- rows sorted


@pytest.mark.parametrize("client_name", [OFFICE_JS, GOOGLE, VBA])
def test_a_sheet_sorted_a_to_z_is_submitted_with_one_warning(
    client: TestClient, ledger: Ledger, plan: Plan, registry: InstitutionRegistry, tmp_path: Path, client_name: str
) -> None:
    """The officer sorted the Indicators sheet A to Z (5.2.i10 before 5.2.i2). Submit refused the report with an
    error for each moved row, which sorting again could not clear. It is recorded, with one warning for the sheet."""
    path, layout = typed_report(plan, registry, tmp_path, {})
    name = layout.sheet("indicators").name
    wb = openpyxl.load_workbook(path)
    rows = [[c.value for c in row] for row in wb[name].iter_rows(min_row=4, max_row=wb[name].max_row)]
    for r, row in enumerate(sorted((row for row in rows if row[0]), key=lambda row: str(row[0])), 4):
        for c, value in enumerate(row, 1):
            wb[name].cell(r, c).value = value
    wb.save(path)
    wb, alerts = clicked(client, "submit", path, client_name)
    assert [(row[0], row[1]) for row in sheet_rows(wb, "Greške")[1:]] == [("upozorenje", name)]
    assert alerts[0].startswith("Mesečni izveštaj za mart 2018. je dostavljen"), alerts
    assert [v.period for v in ledger.versions("MUP")] == [PERIOD]


# --------------------------------------------------------------------------- the officer's language, in every message

ISSUES_SHEET = {"sr-Latn": "Greške", "sr-Cyrl": "Грешке", "en": "Issues"}


@pytest.mark.parametrize("client_name", [OFFICE_JS, GOOGLE, VBA])
@pytest.mark.parametrize(
    ("lang", "said", "not_said"),
    [
        ("sr-Latn", "(01.10.2018.)", "2018-10-01"),
        ("sr-Cyrl", "(01.10.2018.)", "2018-10-01"),
        ("en", "(1 Oct 2018)", "01.10.2018"),
    ],
)
def test_the_date_a_paste_made_of_a_number_is_said_in_the_officers_language(
    client: TestClient,
    plan: Plan,
    registry: InstitutionRegistry,
    tmp_path: Path,
    client_name: str,
    lang: Lang,
    said: str,
    not_said: str,
) -> None:
    """An English officer's "1.10" became 1 October in a cell a paste made a date. The message quoted the date as
    "01.10.2018", the Serbian office's form, which an English reader takes for 10 January; Serbian messages left off
    the year's full stop that every other date of theirs has. The date is said as the officer's other dates are."""
    layout = mup(plan, registry, lang=lang)
    where = ("budget", layout.sheet("budget").rows[1].key, "spent_period")
    path, _ = typed_report(plan, registry, tmp_path, {}, lang=lang)
    sheet, cell = layout.cell_of(*where)  # type: ignore[arg-type]
    pasted_over(path, sheet, cell, dt.datetime(2018, 10, 1), "d.m.yyyy")

    wb, _ = clicked(client, "validate", path, client_name)
    ((listed_sheet, listed_cell, message),) = [(r[1], r[2], r[3]) for r in sheet_rows(wb, ISSUES_SHEET[lang])[1:]]
    assert (listed_sheet, listed_cell) == (sheet, cell)
    assert said in message and not_said not in message, message


@pytest.mark.parametrize("client_name", [OFFICE_JS, GOOGLE, VBA])
@pytest.mark.parametrize(
    ("lang", "said"),
    [("sr-Latn", "(01.10.2018. 13:30)"), ("sr-Cyrl", "(01.10.2018. 13:30)"), ("en", "(1 Oct 2018 13:30)")],
)
def test_a_date_and_time_a_paste_made_of_a_number_is_said_as_the_cell_shows_it(
    client: TestClient,
    plan: Plan,
    registry: InstitutionRegistry,
    tmp_path: Path,
    client_name: str,
    lang: Lang,
    said: str,
) -> None:
    """A pasted date-and-time format made "1.10 13:30" a moment; the message quoted it as ISO with seconds
    (2018-10-01 13:30:00) once the day alone was said in the reader's form. The wall time of the cell is kept, as the
    officer sees it, in the reader's form of dates."""
    layout = mup(plan, registry, lang=lang)
    where = ("budget", layout.sheet("budget").rows[1].key, "spent_period")
    path, _ = typed_report(plan, registry, tmp_path, {}, lang=lang)
    sheet, cell = layout.cell_of(*where)  # type: ignore[arg-type]
    pasted_over(path, sheet, cell, dt.datetime(2018, 10, 1, 13, 30), "d.m.yyyy h:mm")

    wb, _ = clicked(client, "validate", path, client_name)
    ((listed_cell, message),) = [(r[2], r[3]) for r in sheet_rows(wb, ISSUES_SHEET[lang])[1:]]
    assert listed_cell == cell and said in message, message


@pytest.mark.parametrize(("lang", "kind"), [("sr-Latn", "(tel.: "), ("sr-Cyrl", "(тел.: "), ("en", "(phone: ")])
def test_a_phone_number_in_a_note_is_named_in_the_officers_script(
    client: TestClient, plan: Plan, registry: InstitutionRegistry, tmp_path: Path, lang: Lang, kind: str
) -> None:
    """A Cyrillic officer typed a victim's phone number into an indicator's note; the message named it "tel.", in
    Latin letters inside a Cyrillic sentence. The kind of data is a word in the officer's script and language."""
    layout = mup(plan, registry, lang=lang)
    indicators = layout.sheet("indicators")
    counted = next(r.key for r in indicators.rows if set(indicators.input_keys(r)) == {"total", "note"})
    path, _ = typed_report(
        plan, registry, tmp_path, {("indicators", counted, "note"): "Kontakt žrtve: 064 123 4567"}, lang=lang
    )
    wb, _ = clicked(client, "validate", path)
    ((sheet, cell, message),) = [(r[1], r[2], r[3]) for r in sheet_rows(wb, ISSUES_SHEET[lang])[1:]]
    assert (sheet, cell) == layout.cell_of("indicators", counted, "note")
    assert kind in message and "4567" not in message, message


# The March 2018 reports were due on 10 April: the fifth working day of April, as 6 and 9 April 2018 were the Orthodox
# Good Friday and Easter Monday (public holidays in Serbia). 20 April is eight working days later.
LATE = dt.datetime(2018, 4, 20, 9, 30, tzinfo=dt.UTC)
LATE_SAID = {
    "sr-Latn": "je dostavljen 20.04.2018. u 11:30. Rok je bio 10.04.2018.: izveštaj se računa kao dostavljen sa "
    "zakašnjenjem (8 radnih dana).",
    "sr-Cyrl": "је достављен 20.04.2018. у 11:30. Рок је био 10.04.2018.: извештај се рачуна као достављен са "
    "закашњењем (8 радних дана).",
    "en": "was submitted on 20 Apr 2018 at 11:30. The deadline was 10 Apr 2018: the report counts as late "
    "(8 working days).",
}
SERBIAN_DATE = re.compile(r"\b\d{1,2}\.\d{1,2}\.\d{4}\b")
LATIN_WORD = re.compile(r"\b[A-Za-z]{2,}\b")


def read_as_the_officer(message: str, lang: Lang) -> None:
    """What an officer would stumble on: a full stop twice, a word in the other script, a date in another form."""
    assert ".." not in message and ". ." not in message, message
    if lang == "sr-Cyrl":
        assert set(LATIN_WORD.findall(message)) <= {"Excel", "Google"}, message
    if lang == "en":
        assert not SERBIAN_DATE.search(message), message


@pytest.mark.parametrize("client_name", [OFFICE_JS, GOOGLE, VBA])
@pytest.mark.parametrize("lang", ["sr-Latn", "sr-Cyrl", "en"])
def test_an_officer_fixes_honest_mistakes_one_by_one_and_submits_late(
    ledger: Ledger,
    plan: Plan,
    registry: InstitutionRegistry,
    tmp_path: Path,
    client_name: str,
    lang: Lang,
) -> None:
    """MUP's officer, in each language, clicks Validate on 20 April with five honest mistakes: "1.10" made a date by
    a pasted format, "12.5." in an amount cell kept as text, a status left out, a victim's phone number in a note,
    two status cells merged. Each Validate lists exactly the mistakes left, at their cells, in the officer's words;
    then Submit records the report and says it is late, with the deadline, in the officer's form of dates."""
    config = Config(sync=SyncSettings(data_dir=tmp_path, first_period="2017-09", last_period=PERIOD))
    client = TestClient(create_app(config, ledger, clock=lambda: LATE, plan=plan, registry=registry))
    layout = mup(plan, registry, lang=lang)
    first, second, third = (row.key for row in layout.sheet("tasks").rows[:3])
    lines = [row.key for row in layout.sheet("budget").rows]
    indicators = layout.sheet("indicators")
    counted = next(r.key for r in indicators.rows if set(indicators.input_keys(r)) == {"total", "note"})
    where = {
        "date": layout.cell_of("budget", lines[0], "spent_period"),
        "text": layout.cell_of("budget", lines[1], "spent_year"),
        "status": layout.cell_of("tasks", third, "status"),
        "phone": layout.cell_of("indicators", counted, "note"),
        "merged": layout.cell_of("tasks", second, "status"),
    }
    edits: Edits = {
        ("budget", lines[1], "spent_year"): "12.5.",
        ("tasks", third, "status"): None,
        ("indicators", counted, "note"): "Kontakt žrtve: 064 123 4567",
    }
    path, _ = typed_report(plan, registry, tmp_path, edits, lang=lang)
    pasted_over(path, *where["date"], dt.datetime(2018, 10, 1), "d.m.yyyy")
    sheet, first_cell = layout.cell_of("tasks", first, "status")
    wb = openpyxl.load_workbook(path)
    wb[sheet].merge_cells(f"{first_cell}:{where['merged'][1]}")
    wb.save(path)

    fixes = {
        "date": lambda wb: pasted_over(path, *where["date"], "1000", "@"),
        "text": lambda wb: typed_again(path, *where["text"], "3.000,00"),
        "status": lambda wb: typed_again(path, *where["status"], "in progress"),
        "phone": lambda wb: typed_again(path, *where["phone"], "Iz evidencije."),
        "merged": lambda wb: None,
    }
    left = ["date", "text", "status", "phone", "merged"]
    while True:
        wb, alerts = clicked(client, "validate", path, client_name)
        rows = sheet_rows(wb, ISSUES_SHEET[lang])[1:]
        assert sorted((row[1], row[2]) for row in rows) == sorted(where[mistake] for mistake in left)
        for row in rows:
            read_as_the_officer(row[3], lang)
        for alert in alerts:
            read_as_the_officer(alert, lang)
        if not left:
            break
        mistake = left.pop(0)
        if mistake == "merged":
            wb = openpyxl.load_workbook(path)
            wb[sheet].unmerge_cells(f"{first_cell}:{where['merged'][1]}")
            wb[sheet][where["merged"][1]] = "in progress"
            wb.save(path)
        else:
            fixes[mistake](wb)

    _, alerts = clicked(client, "submit", path, client_name)
    assert LATE_SAID[lang] in alerts[0], alerts
    read_as_the_officer(alerts[0], lang)
    assert [v.period for v in ledger.versions("MUP")] == [PERIOD]
