"""A report for a period that has not ended when it arrives: it cannot report on that period, and it must not
become the newest word of its year in the Coordinator's master.

Found by an attack on the shared folder: MUP's December 2018 template, filled in and saved into the folder on
6 April 2018 (a careless officer who opened the wrong month's file, or one who wants the tasks shown completed and
the money shown spent ahead of time), was a valid report "on time". The master of 20 April then took its figures
for the whole of 2018: the year's spending from December's cells instead of March's, and December's "completed"
statuses. Real files, a real ledger, the real master; the expected figures are counted from what was typed.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

import openpyxl

from apmon.schemas.calendar import BELGRADE, WorkingCalendar
from apmon.schemas.institutions import InstitutionRegistry
from apmon.schemas.messages import text_of
from apmon.schemas.plan import Plan
from apmon.sync.config import SyncSettings
from apmon.sync.ledger import Ledger, sqlite_url
from apmon.sync.run import run_sync
from apmon.sync.sources import FolderSource
from apmon.templates.layout import WorkbookLayout
from apmon.templates.validation import validate_file
from tests.reports import complete_monthly, filled_report

LANG = "sr-Latn"
MARCH_SPENT_YEAR = 3000  # typed into each budget line of the March report
DECEMBER_SPENT_YEAR = 999_999  # typed into each budget line of the December report


def belgrade(month: int, day: int) -> dt.datetime:
    return dt.datetime(2018, month, day, 10, tzinfo=BELGRADE)


def send(
    plan: Plan,
    registry: InstitutionRegistry,
    tmp: Path,
    period: str,
    when: dt.datetime,
    spent_year: int,
    status: str,
) -> WorkbookLayout:
    """MUP's report for `period`, complete and correct, saved into MUP's folder at `when`."""
    _, layout = filled_report(plan, registry, tmp, "MUP", period, {}, "en", "blank.xlsx")
    edits: dict[tuple[str, str, str], Any] = complete_monthly(layout)
    edits[("cover", "date", "value")] = f"{when:%d.%m.%Y}"
    for row in layout.sheet("budget").rows:
        edits[("budget", row.key, "spent_period")] = 100
        edits[("budget", row.key, "spent_year")] = spent_year
    for row in layout.sheet("tasks").rows:
        edits[("tasks", row.key, "status")] = status
    folder = tmp / "izvestaji" / "MUP"
    folder.mkdir(parents=True, exist_ok=True)
    path, _ = filled_report(plan, registry, folder, "MUP", period, edits, "en", f"MUP {period}.xlsx")
    os.utime(path, (when.timestamp(), when.timestamp()))
    return layout


def test_a_report_for_a_month_not_yet_over_is_refused_and_leaves_the_year_to_the_last_real_month(
    plan: Plan, registry: InstitutionRegistry, tmp_path: Path
) -> None:
    march = send(plan, registry, tmp_path, "2018-03", belgrade(4, 5), MARCH_SPENT_YEAR, "in progress")
    send(plan, registry, tmp_path, "2018-12", belgrade(4, 6), DECEMBER_SPENT_YEAR, "completed")
    settings = SyncSettings(
        data_dir=tmp_path,
        folder=tmp_path / "izvestaji",
        ledger=sqlite_url(tmp_path / "ledger.sqlite"),
        first_period="2018-01",
        last_period="2018-04",
        master_lang=LANG,
    )
    ledger = Ledger.open(settings.ledger)
    try:
        summary = run_sync(
            plan=plan,
            registry=registry,
            ledger=ledger,
            sources=[FolderSource(settings.folder)],
            settings=settings,
            calendar=WorkingCalendar(),
            as_of=dt.date(2018, 4, 20),
            now=lambda: belgrade(4, 20),
        )
    finally:
        ledger.close()

    by_period = {v.period: v for v in summary.versions}
    assert by_period["2018-03"].valid
    assert not by_period["2018-12"].valid  # refused: December was not over on 20 April 2018

    # What the master should say, counted from what was typed into the March report.
    lines = [row for row in march.sheet("budget").rows if row.values["currency"] == "RSD"]
    expected_spent = MARCH_SPENT_YEAR * len(lines)
    book = openpyxl.load_workbook(tmp_path / "master.xlsx", read_only=True)
    overview = book[text_of("master.sheet.overview", LANG)]
    rows = list(overview.iter_rows(values_only=True))
    header = list(rows[2])
    mup = next(row for row in rows[3:] if row[0] == "MUP")
    spent = mup[header.index(text_of("master.overview.spent", LANG, year="2018", currency="RSD"))]
    completed = mup[header.index(text_of("master.overview.completed", LANG))]
    assert spent == expected_spent
    assert completed == 0  # March said "in progress" for every task

    issues = book[text_of("master.sheet.issues", LANG)]
    [refusal] = [row for row in issues.iter_rows(values_only=True) if "period-not-over" in row]
    sheet, cell = march.cell_of("cover", "period", "value")  # where the officer sees the report's period
    assert sheet in refusal and cell in refusal


def test_a_report_validated_while_its_month_runs_gets_one_helpful_message_not_a_wrong_date_warning(
    plan: Plan, registry: InstitutionRegistry, tmp_path: Path
) -> None:
    """An officer fills in March's report on 15 March, types that day as the report date and clicks Validate. The
    date is true: only period-not-over is said (a report-date-before-period-end warning asked to correct a date that
    was right), and its message says what was typed stays and from which day the report can be sent."""
    _, layout = filled_report(plan, registry, tmp_path, "MUP", "2018-03", {}, "sr-Latn", "blank.xlsx")
    edits: dict[tuple[str, str, str], Any] = complete_monthly(layout)
    edits[("cover", "date", "value")] = "15.03.2018"
    path, _ = filled_report(plan, registry, tmp_path, "MUP", "2018-03", edits, "sr-Latn")
    checked = validate_file(path, plan, registry, "sr-Latn", checked_on=dt.date(2018, 3, 15))
    cover = {(i.code, i.cell) for i in checked.issues if i.sheet == layout.sheet("cover").name}
    assert cover == {("period-not-over", layout.cell_of("cover", "period", "value")[1])}
    [shown] = [i.message for i in checked.issues if i.code == "period-not-over"]
    assert "31.03.2018" in shown and "ostaje" in shown  # what was typed stays; sent from the period's last day
