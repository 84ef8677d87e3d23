"""The sync end to end: built templates, filled and dropped in a folder (or a Drive folder), through the
ledger into the master workbook, asserted cell by cell with openpyxl."""

import base64
import datetime as dt
import io
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from typer.testing import CliRunner

from apmon.cli.app import app
from apmon.schemas.calendar import DeadlinePolicy, Period, WorkingCalendar
from apmon.schemas.institutions import InstitutionRegistry
from apmon.schemas.messages import text_of
from apmon.schemas.personal_data import mask_file_name
from apmon.schemas.plan import Plan
from apmon.sync import run as run_module
from apmon.sync.config import SyncSettings
from apmon.sync.ledger import Ledger
from apmon.sync.report_content import Basis, council_report, minister_brief
from apmon.sync.report_writer import write_minister_brief
from apmon.sync.run import RunSummary, run_sync, submissions
from apmon.sync.sources import SPREADSHEET_SUFFIXES, FolderSource, GoogleDriveSource, Source
from apmon.sync.tokens import TOKEN_PREFIX
from apmon.sync.writers import XlsxMaster
from apmon.templates.google_api import RetryPolicy, make_client
from apmon.templates.gsheet import create_google_template, value_data
from apmon.templates.layout import META_SHEET, report_layout, reporting_institutions
from apmon.templates.read_xlsx import read_xlsx
from apmon.templates.validation import check_grid
from tests import workbook_objects as objects
from tests import workbook_places as places
from tests.fake_google import FakeGoogle, fake_google_fixture, service_account_file
from tests.make_bad_files import make_cases, write_sparse
from tests.reports import Edits, complete_annual, complete_monthly, filled_report, states
from tests.test_ledger import postgres_admin_url, url  # noqa: F401  (ledger backends: SQLite and PostgreSQL)
from tests.test_reports import pdf_text

fake_google = fake_google_fixture
CAL = WorkingCalendar()
AS_OF = dt.date(2018, 6, 1)


def belgrade(day: dt.date, hour: int = 10) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, tzinfo=run_module.BELGRADE)


class Office:
    """A reports folder that institutions drop files into, and a sync that reads it."""

    def __init__(self, tmp: Path, plan: Plan, registry: InstitutionRegistry, ledger: Ledger) -> None:
        self.tmp, self.plan, self.registry, self.ledger = tmp, plan, registry, ledger
        self.folder = tmp / "reports"
        self.folder.mkdir()
        # an English master: these tests read it by its English sheet names and words
        self.settings = SyncSettings(
            data_dir=tmp, folder=self.folder, first_period="2018-03", last_period="2018-04", master_lang="en"
        )

    def submit(
        self, code: str, period: str, edits: Edits | None = None, *, late_days: int = 0, name: str | None = None
    ) -> Path:
        _, layout = filled_report(self.plan, self.registry, self.tmp, code, period, {}, name="blank.xlsx")
        target = self.folder / (name or f"{code}_{period}.xlsx")
        # A file saved again is saved later: its mtime moves on even when its size happens not to change.
        earlier = target.stat().st_mtime if target.exists() else None
        path, _ = filled_report(
            self.plan,
            self.registry,
            self.folder,
            code,
            period,
            {**(complete_annual(layout) if len(period) == 4 else complete_monthly(layout)), **(edits or {})},
            name=target.name,
        )
        due = CAL.due_date(Period.parse(period)).due
        sent = due if late_days == 0 else _working_days_after(due, late_days)
        stamp = belgrade(sent).timestamp() if earlier is None else earlier + 60
        os.utime(path, (stamp, stamp))
        return path

    def sync(self, sources: list[Source] | None = None, **options: Any) -> RunSummary:
        return run_sync(
            plan=self.plan,
            registry=self.registry,
            ledger=self.ledger,
            sources=sources or [FolderSource(self.folder)],
            settings=self.settings,
            calendar=CAL,
            **{"as_of": AS_OF, **options},
        )

    def master(self) -> openpyxl.Workbook:
        return openpyxl.load_workbook(self.settings.master_path())


def _working_days_after(day: dt.date, n: int) -> dt.date:
    while n:
        day += dt.timedelta(days=1)
        n -= CAL.is_working_day(day)
    return day


def row_of(ws: Any, key: str, column: int = 1) -> list[Any]:
    for row in ws.iter_rows(min_row=4, values_only=True):
        if row[column - 1] == key:
            return list(row)
    raise KeyError(key)


def column_of(ws: Any, header: str) -> int:
    return [c.value for c in ws[3]].index(header)


@pytest.fixture
def office(url: str, tmp_path: Path, plan: Plan, registry: InstitutionRegistry) -> Iterator[Office]:  # noqa: F811
    ledger = Ledger.open(url)
    yield Office(tmp_path, plan, registry, ledger)
    ledger.close()


def test_end_to_end_into_the_master(office: Office) -> None:
    office.submit("MZ", "2018-03")
    office.submit(
        "MZ",
        "2018-04",
        {("tasks", "2.1.2", "status"): "delayed", ("tasks", "2.1.2", "problems"): "Trener otkazao obuku."},
        late_days=2,
    )
    office.submit("MUP", "2018-03")
    summary = office.sync()
    assert (summary.files_seen, summary.files_changed, len(summary.versions)) == (3, 3, 3)
    assert not summary.errors and summary.master == str(office.settings.master_path())

    book = office.master()
    assert book.sheetnames[:9] == [
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
    submissions = book["Submissions"]
    assert states(row_of(submissions, "MZ"))[1:3] == ["on time", "late (2)"]
    assert states(row_of(submissions, "MUP"))[1:3] == ["on time", "missing"]
    status = book["Status"]
    task = row_of(status, "2.1.2", column=2)
    assert task[column_of(status, "Status")] == "delayed"
    assert task[column_of(status, "Leads reported")] == "2 of 4"
    budget = book["Budget"]
    mz = next(
        r for r in budget.iter_rows(min_row=4, values_only=True) if r[:4] == ("MZ", "2018", "state budget", "RSD")
    )
    assert mz[column_of(budget, "Planned")] == 211480 and mz[column_of(budget, "Spent")] == 6000
    problems = book["Problems and risks"]
    assert any(
        r[1] == "MZ" and r[4] == "Trener otkazao obuku." for r in problems.iter_rows(min_row=4, values_only=True)
    )


def test_the_annual_report_stands_over_the_months_of_its_year_in_the_master(office: Office) -> None:
    """Issue 15, point 2, through the ledger: its accepted versions came ordered by period as text, "2018" before
    "2018-04", so April's "in progress" overrode the annual report's "completed"."""
    office.submit("MZ", "2018-04")  # every task "in progress"
    office.submit("MZ", "2018")  # every task "completed"
    summary = office.sync()
    assert not summary.errors and len(summary.versions) == 2
    status = office.master()["Status"]
    only_mz = [t.id for t in office.plan.tasks() if t.lead == ["MZ"]]
    assert {row_of(status, task, column=2)[column_of(status, "Status")] for task in only_mz} == {"completed"}


def test_submissions_show_each_years_annual_report(office: Office) -> None:
    """Issue 15, point 1: the annual reports had no place in Submissions."""
    office.settings = office.settings.model_copy(update={"first_period": "2017-12"})
    office.submit("MZ", "2017", late_days=2)  # due 15 February 2018 (a holiday: Statehood Day), sent 2 days late
    office.submit("MZ", "2018")  # sent on its due date in 2019, before it is due as of 1 June 2018
    office.submit("MUP", "2018-03")
    assert not office.sync().errors
    sheet = office.master()["Submissions"]
    header = [c.value for c in sheet[3]]
    assert header[-3:] == ["Annual 2017", "Annual 2018", "Reporting duty"]  # (issue 15 point 13: what each owes)
    assert states(row_of(sheet, "MZ"))[-3:-1] == ["late (2)", "on time"]
    # 2017's was due on 16 February 2018; 2018's is not due
    assert states(row_of(sheet, "MUP"))[-3:-1] == ["missing", None]


def test_the_annual_sheet_against_the_report_file(office: Office) -> None:
    """Issue 15, point 3: each activity's self-assessment and reasons, the narrative, and when the report came,
    as the annual report file says them (read here with openpyxl alone)."""
    office.settings = office.settings.model_copy(update={"first_period": "2017-12"})
    led = [a.id for a in office.plan.activities() if any("MZ" in t.lead for t in a.tasks)]
    partly = {("activities", led[0], "assessment"): "partially completed"}
    path = office.submit("MZ", "2017", partly, late_days=2)
    assert not office.sync().errors
    book = openpyxl.load_workbook(path)
    typed = {r[0]: (r[2], r[3]) for r in book["Activities"].iter_rows(min_row=4, values_only=True) if r[0]}
    narrative = [r[1] for r in book["Narrative"].iter_rows(min_row=4, values_only=True) if r[1]]
    sheet = office.master()["Annual"]
    rows = [r for r in sheet.iter_rows(min_row=4, values_only=True) if r[:2] == ("2017", "MZ")]
    assert {r[2]: (r[4], r[5]) for r in rows if r[2]} == typed and set(typed) == set(led)
    assert typed[led[0]][0] == "partially completed"
    assert [r[5] for r in rows if not r[2]] == narrative and len(narrative) == 3
    assert {r[6] for r in rows} == {"late (2)"}
    mup = [r for r in sheet.iter_rows(min_row=4, values_only=True) if r[:2] == ("2017", "MUP")]
    assert mup and {(r[4], r[6]) for r in mup} == {(None, "missing")}  # its activities, no report


def _indicators_of(path: Path) -> dict[str, dict[str, Any]]:
    """A report file's indicator rows as typed, read with openpyxl alone: id -> {header: value}."""
    sheet = openpyxl.load_workbook(path)["Indicators"]
    header = [c.value for c in sheet[3]]
    return {str(r[0]): dict(zip(header, r, strict=True)) for r in sheet.iter_rows(min_row=4, values_only=True) if r[0]}


def test_the_indicators_sheet_against_the_report_files(office: Office) -> None:
    """Issue 15, points 7-8: each month in its column, a gap left empty, a flow's months added up, a stock's latest
    level, only the breakdowns the plan asks for; recomputed here from the files themselves."""
    office.settings = office.settings.model_copy(update={"first_period": "2018-01", "last_period": "2018-04"})
    typed = {  # (institution, month) -> the cells changed from a complete report
        ("MZ", 1): {("indicators", "5.2.i3", "total"): 2, ("indicators", "2.1.i4", "women"): 3,
                    ("indicators", "2.1.i4", "men"): 1, ("indicators", "2.1.i4", "total"): 4},
        ("MZ", 2): {("indicators", "5.2.i3", "total"): 3, ("indicators", "2.1.i4", "women"): 1,
                    ("indicators", "2.1.i4", "men"): 1, ("indicators", "2.1.i4", "total"): 2},
        ("MUP", 1): {("indicators", "1.3.i4", "women"): 2, ("indicators", "1.3.i4", "men"): 3,
                     ("indicators", "1.3.i4", "total"): 5, ("indicators", "5.2.i3", "total"): 1},
        ("MUP", 2): {("indicators", "1.3.i4", "women"): 1, ("indicators", "1.3.i4", "men"): 1,
                     ("indicators", "1.3.i4", "total"): 2, ("indicators", "5.2.i3", "total"): 1},
    }  # fmt: skip
    files = {(code, m): office.submit(code, f"2018-0{m}", edits) for (code, m), edits in typed.items()}
    # MZ's March is invalid (its counts must not show) and its April is missing: both are gaps.
    office.submit("MZ", "2018-03", {("tasks", "2.1.2", "status"): "done", ("indicators", "5.2.i3", "total"): 50})
    office.sync()

    plan_indicators = {i.id: i for i in office.plan.indicators()}
    expected: dict[tuple[str, str], list[Any]] = {}
    for (code, m), path in files.items():
        for ind_id, cells in _indicators_of(path).items():
            if plan_indicators[ind_id].counts:
                expected.setdefault((ind_id, code), [None] * 12)[m - 1] = cells["Total"]
    master = office.master()["Indicators"]
    header = [c.value for c in master[3]]
    shown = {(r[0], r[3]): dict(zip(header, r, strict=True)) for r in master.iter_rows(min_row=4, values_only=True)
             if r[0] in plan_indicators}  # fmt: skip
    months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    counted = {k: v for k, v in expected.items() if any(x is not None for x in v)}
    for (ind_id, code), values in counted.items():
        row = shown[(ind_id, code)]
        assert [row[m] for m in months] == values, (ind_id, code)
        given = [v for v in values if v is not None]
        figure = sum(given) if plan_indicators[ind_id].measure == "flow" else given[-1]
        assert row["For the year"] == figure, (ind_id, code)
        latest = max(m for (c, m) in files if c == code and values[m - 1] is not None)
        for group, name in (("women", "Women"), ("men", "Men"), ("girls", "Girls"), ("boys", "Boys")):
            if group not in plan_indicators[ind_id].breakdown:
                assert row[name] is None, (ind_id, code, group)
            elif plan_indicators[ind_id].measure == "stock":
                assert row[name] == _indicators_of(files[(code, latest)])[ind_id][name], (ind_id, code, group)
            else:
                month_values = [_indicators_of(p)[ind_id][name] for (c, _), p in files.items() if c == code]
                assert row[name] == sum(v for v in month_values if v is not None), (ind_id, code, group)
    for ind_id in {i for i, _ in counted}:
        total = shown[(ind_id, "Total")]
        parts = [values for (i, _), values in counted.items() if i == ind_id]
        assert [total[m] for m in months] == [
            sum(v[n] for v in parts if v[n] is not None) if any(v[n] is not None for v in parts) else None
            for n in range(12)
        ], ind_id
    # The figures spelled out for the stocks: representatives (MUP: 5 then 2) and working groups (MZ: 2 then 3).
    assert (shown[("1.3.i4", "MUP")]["For the year"], shown[("1.3.i4", "MUP")]["Women"]) == (2, 1)
    assert [shown[("5.2.i3", "MZ")][m] for m in months[:4]] == [2, 3, None, None]
    assert shown[("5.2.i3", "MZ")]["For the year"] == 3 and shown[("5.2.i3", "Total")]["For the year"] == 3 + 1
    assert shown[("2.1.i4", "MZ")]["For the year"] == 6 and shown[("2.1.i4", "MZ")]["Girls"] is None
    # A gap is marked as the Submissions sheet marks a missing report.
    book = office.master()
    mz_row = next(c.row for c in book["Indicators"]["D"] if c.value == "MZ")
    missing = book["Submissions"].cell(next(c.row for c in book["Submissions"]["A"] if c.value == "MZ"), 5)
    gap = book["Indicators"].cell(mz_row, header.index("Apr") + 1)
    assert gap.value is None and gap.fill.fgColor.rgb == missing.fill.fgColor.rgb


def test_the_annual_reports_indicators_are_shown_beside_the_months(office: Office) -> None:
    """The figures an annual report gives for its indicators were read and then dropped: the master never showed
    them, and an indicator given only there did not count as reported in the year's evaluation. They are in their
    own column beside the year's figure from the months, marked where the two differ."""
    office.settings = office.settings.model_copy(update={"first_period": "2018-01", "last_period": "2018-02"})
    annual_layout = report_layout(office.plan, office.registry, "MZ", Period.parse("2018"), "en")
    indicators = annual_layout.sheet("indicators")
    counting = [r.key for r in indicators.rows if "total" in indicators.input_keys(r)]
    only_annual = next(key for key in counting if key not in ("2.1.i4", "5.2.i3"))
    blank = {("indicators", only_annual, k): None for k in ("total", "women", "men", "girls", "boys")}
    flows, stocks = (4, 2), (2, 3)  # 2.1.i4 counts victims in the month, 5.2.i3 is the Working Groups' level
    for m in (1, 2):
        counts = {("indicators", "2.1.i4", "total"): flows[m - 1], ("indicators", "5.2.i3", "total"): stocks[m - 1]}
        office.submit(
            "MZ",
            f"2018-0{m}",
            {**blank, **{("indicators", "2.1.i4", g): None for g in ("women", "men", "girls", "boys")}, **counts},
        )
    annual = {("indicators", "2.1.i4", "total"): 6, ("indicators", "5.2.i3", "total"): 4}
    office.submit("MZ", "2018", {**annual, ("indicators", only_annual, "total"): 7})
    assert not office.sync().errors

    book = office.master()
    sheet = book["Indicators"]
    header = [c.value for c in sheet[3]]
    listed = enumerate(sheet.iter_rows(min_row=4, values_only=True), 4)
    rows = {r[0]: (n, dict(zip(header, r, strict=True))) for n, r in listed if r[3] == "MZ"}
    assert (rows["2.1.i4"][1]["For the year"], rows["2.1.i4"][1]["Annual report"]) == (sum(flows), 6)
    assert (rows["5.2.i3"][1]["For the year"], rows["5.2.i3"][1]["Annual report"]) == (stocks[-1], 4)
    assert (rows[only_annual][1]["For the year"], rows[only_annual][1]["Annual report"]) == (None, 7)
    column = header.index("Annual report") + 1
    plain = sheet.cell(rows["2.1.i4"][0], column).fill.fgColor.rgb
    assert sheet.cell(rows["5.2.i3"][0], column).fill.fgColor.rgb != plain  # 4 against the months' 3: marked
    # The evaluation counts an indicator given only in the annual report as reported in the year.
    objective, activity = next(
        (o, a) for o in office.plan.objectives for a in o.activities if only_annual in {i.id for i in a.indicators}
    )
    mz_rows = {r.key for r in indicators.rows}
    given = [i.id for i in activity.indicators if i.id in mz_rows]
    evaluation = book["Evaluation"].iter_rows(min_row=4, values_only=True)
    (row,) = [r for r in evaluation if r[:3] == (2018, objective.id, activity.id)]
    assert f"indicators reported in the year: {len(given)} of {len(activity.indicators)}" in row[5]


def test_the_sync_holds_a_flow_but_not_a_stock_to_the_sum_of_its_months(office: Office) -> None:
    # 5.2.i3 (inter-agency Working Groups) is a level, 2.1.i2 (training programmes) a count of the period.
    counts = {("indicators", "5.2.i3", "total"): 2, ("indicators", "2.1.i2", "total"): 2}
    office.submit("MZ", "2018-03", counts)
    office.submit("MZ", "2018-04", counts)
    office.sync()
    filled_report(office.plan, office.registry, office.folder, "MZ", "2018", counts, name="MZ_2018.xlsx")
    office.sync()
    issues = office.master()["Issues"]
    found = {(r[1], r[4], r[6]) for r in issues.iter_rows(min_row=4, values_only=True) if r[0] == "MZ"}
    layout = report_layout(office.plan, office.registry, "MZ", Period.parse("2018"), "en")
    assert ("2018", "indicator-decreased", layout.cell_of("indicators", "2.1.i2", "total")[1]) in found
    assert ("2018", "indicator-decreased", layout.cell_of("indicators", "5.2.i3", "total")[1]) not in found


def test_second_run_with_nothing_changed_reads_no_file(office: Office, monkeypatch: pytest.MonkeyPatch) -> None:
    office.submit("MZ", "2018-03")
    office.sync()
    written = office.settings.master_path().stat().st_mtime_ns
    fetched: list[str] = []
    monkeypatch.setattr(FolderSource, "fetch", lambda self, c: fetched.append(c.key))
    summary = office.sync()
    assert fetched == [] and summary.files_changed == 0 and summary.versions == []
    assert office.settings.master_path().stat().st_mtime_ns == written  # nothing new: master left alone


def test_resubmission_replaces_an_invalid_first_version(office: Office) -> None:
    office.submit("MZ", "2018-03", {("tasks", "2.1.2", "status"): "done"})
    first = office.sync()
    assert [v.valid for v in first.versions] == [False]
    assert states(row_of(office.master()["Submissions"], "MZ"))[1] == "invalid"
    office.submit("MZ", "2018-03")  # same file name, corrected, saved again
    second = office.sync()
    assert [v.valid for v in second.versions] == [True]
    assert states(row_of(office.master()["Submissions"], "MZ"))[1] == "on time"
    assert len(office.ledger.versions("MZ", "2018-03")) == 2  # both kept


def test_a_newer_invalid_version_never_replaces_the_last_valid(office: Office) -> None:
    office.submit(
        "MZ",
        "2018-03",
        {("tasks", "2.1.2", "status"): "delayed", ("tasks", "2.1.2", "problems"): "Nedostaju sredstva."},
    )
    office.sync()
    office.submit(
        "MZ", "2018-03", {("tasks", "2.1.2", "status"): "completed", ("budget", "2.1.2/6", "spent_year"): "x"}
    )
    office.sync()
    book = office.master()
    assert states(row_of(book["Submissions"], "MZ"))[1] == "on time, newer version invalid"
    status = book["Status"]
    assert row_of(status, "2.1.2", column=2)[column_of(status, "Status")] == "delayed"  # still the valid version
    issues = [r for r in book["Issues"].iter_rows(min_row=4, values_only=True) if r[0] == "MZ"]
    assert [r[4] for r in issues] == ["amount-not-a-number"]


def test_a_valid_report_with_a_newer_invalid_version_counts_alike_everywhere(office: Office) -> None:
    """March's report came on time and valid, then an invalid correction: the obligation is met. The Overview,
    the Minister's brief and the Council's discipline table all count it on time, none as invalid; each says
    that the newer version is invalid."""
    office.submit("MZ", "2018-03")
    office.sync()
    office.submit("MZ", "2018-03", {("budget", "2.1.2/6", "spent_year"): "x"})
    office.sync()
    overview = office.master()["Overview"]
    row = row_of(overview, "MZ")
    assert (row[column_of(overview, "Monthly: on time")], row[column_of(overview, "Monthly: invalid")]) == (1, 0)
    accepted, latest = submissions(office.ledger)
    march, basis = Period.parse("2018-03"), Basis(run_id=None, run_finished_at=None, cut_off=belgrade(AS_OF))
    brief = minister_brief(office.plan, office.registry, accepted, latest, march, basis, DeadlinePolicy())
    (mz,) = [r for r in brief.reporting if r.institution == "MZ"]
    assert (mz.state, mz.newer_invalid, brief.count("invalid")) == ("on-time", True, 0)
    council = council_report(office.plan, office.registry, accepted, latest, march, march, basis, DeadlinePolicy())
    (discipline,) = [d for d in council.discipline if d.institution == "MZ"]
    assert (discipline.on_time, discipline.invalid) == (1, 0)
    files, _ = write_minister_brief(brief, office.plan, office.registry, "sr-Latn", office.tmp / "out", belgrade(AS_OF))
    shown = {r[0]: r[2] for r in openpyxl.load_workbook(files[1])["Izveštavanje"].iter_rows(values_only=True)}
    assert shown["MZ"] == "u roku; novija verzija neispravna"


def test_an_earlier_version_restored_is_the_newest_again(office: Office) -> None:
    delayed = {("tasks", "2.1.2", "status"): "delayed", ("tasks", "2.1.2", "problems"): "Nedostaju sredstva."}
    path = office.submit("MZ", "2018-03", delayed)
    office.sync()
    first = path.read_bytes()
    office.submit("MZ", "2018-03")
    assert [v.valid for v in office.sync().versions] == [True]
    status = office.master()["Status"]
    assert row_of(status, "2.1.2", column=2)[column_of(status, "Status")] == "in progress"

    path.write_bytes(first)  # the institution puts its first file back
    stamp = path.stat().st_mtime + 600
    os.utime(path, (stamp, stamp))
    summary = office.sync()
    assert summary.versions == []  # nothing new is stored: the ledger holds that content already
    assert [(v.file, v.period) for v in summary.returned] == [(path.name, "2018-03")]
    status = office.master()["Status"]
    assert row_of(status, "2.1.2", column=2)[column_of(status, "Status")] == "delayed"
    assert len(office.ledger.versions("MZ", "2018-03")) == 2


def test_the_master_is_written_again_the_next_day_though_nothing_changed(office: Office) -> None:
    office.submit("MZ", "2018-03")
    assert office.sync().master  # first run: written
    assert office.sync().master is None  # same day, nothing new: left as it is
    later = office.sync(as_of=AS_OF + dt.timedelta(days=1))  # a deadline may have passed since
    assert later.master and later.versions == []


def test_the_first_run_after_an_upgrade_writes_the_master_again_though_nothing_changed(
    office: Office, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A master written by an apmon that showed the same data otherwise (an older edition) is not left as it was
    until the next day or the next report: the upgrade's first run writes it again."""
    office.submit("MZ", "2018-03")
    with monkeypatch.context() as older:
        older.setattr(run_module, "MASTER_EDITION", run_module.MASTER_EDITION - 1)
        assert office.sync().master  # written by the older apmon
        assert office.sync().master is None
    upgraded = office.sync()  # the same day, nothing new
    assert upgraded.master and upgraded.versions == []
    assert office.sync().master is None


def test_the_master_in_the_coordinators_language(office: Office) -> None:
    office.submit("MZ", "2018-03")
    office.settings = office.settings.model_copy(update={"master_lang": "sr-Cyrl"})
    office.sync()
    book = office.master()
    assert book.sheetnames[:3] == ["Преглед", "Циљеви", "Достављање"]
    assert states(row_of(book["Достављање"], "MZ"))[1] == "на време"
    own = book.create_sheet("Beleške")  # the Coordinator's own notes
    own["A1"] = "Sastanak sa MZ u utorak."
    book.save(office.settings.master_path())

    status = CliRunner().invoke(app, ["sync", "status", "--config", str(write_config(office, "sr-Cyrl"))])
    assert status.exit_code == 0, status.output  # the command speaks English whatever the master's language
    assert "MZ" in status.output and "✓" in status.output

    office.settings = office.settings.model_copy(update={"master_lang": "en"})
    office.sync()  # nothing new at the source; the language changed, so the managed sheets are written again
    book = office.master()
    assert "Преглед" not in book.sheetnames and book.sheetnames[0] == "Overview"
    assert states(row_of(book["Submissions"], "MZ"))[1] == "on time"
    assert book["Beleške"]["A1"].value == "Sastanak sa MZ u utorak."


def test_deleted_source_file_is_kept_and_flagged(office: Office) -> None:
    path = office.submit("MZ", "2018-03")
    office.sync()
    path.unlink()
    summary = office.sync()
    assert summary.missing_at_source and len(office.ledger.versions("MZ", "2018-03")) == 1
    assert states(row_of(office.master()["Submissions"], "MZ"))[1] == "on time (file deleted)"


def test_status_shows_an_on_time_report_whose_file_was_deleted_as_on_time(office: Office) -> None:
    path = office.submit("MZ", "2018-03")
    office.sync()
    path.unlink()
    office.sync()
    config = str(write_config(office, "en"))
    status = CliRunner().invoke(app, ["sync", "status", "--config", config])
    assert status.exit_code == 0, status.output
    (row,) = [line for line in status.stdout.splitlines() if "MZ" in line]
    assert "✓" in row and "?" not in row  # it was "?": the status parsed "on time (file deleted)" back
    shown = CliRunner().invoke(app, ["sync", "status", "--config", config, "--json"])
    assert json.loads(shown.stdout)["institutions"]["MZ"]["2018-03"] == "on time (file deleted)"


def test_a_renamed_file_is_not_taken_for_a_deleted_one(office: Office) -> None:
    path = office.submit("MZ", "2018-03")
    office.sync()
    path.rename(path.with_name("MZ mart 2018.xlsx"))
    summary = office.sync()
    # The same file under its new name: not gone, not received again (tests/test_moved_inside.py).
    assert summary.missing_at_source == [] and summary.returned == [] and summary.versions == []
    assert [(m.old, m.new, m.files) for m in summary.moved_inside] == [(path.name, "MZ mart 2018.xlsx", 1)]
    assert states(row_of(office.master()["Submissions"], "MZ"))[1] == "on time"  # not "(file deleted)"


def test_a_corrupt_file_among_good_ones(office: Office) -> None:
    office.submit("MZ", "2018-03")
    corrupt = office.folder / "MUP_2018-03.xlsx"
    corrupt.write_bytes(b"PK\x03\x04 this is not a complete workbook")
    office.submit("RJT", "2018-03")
    (office.folder / "~$MZ_2018-03.xlsx").write_bytes(b"Excel lock file")  # ignored
    summary = office.sync()
    assert sorted((v.institution or "?", v.readable, v.valid) for v in summary.versions) == [
        ("?", False, False),
        ("MZ", True, True),
        ("RJT", True, True),
    ]
    assert corrupt.read_bytes().startswith(b"PK\x03\x04 this")  # kept as it was, for audit
    issues = list(office.master()["Issues"].iter_rows(min_row=4, values_only=True))
    assert [(r[2], r[4]) for r in issues] == [("MUP_2018-03.xlsx", "file-corrupt")]


def test_a_count_of_thousands_of_digits_is_refused_and_the_sync_goes_on(office: Office) -> None:
    """Read as a valid count, 5,000 digits made a report that could not be written as JSON: every run failed."""
    _, layout = filled_report(office.plan, office.registry, office.tmp, "MZ", "2018-03", {}, name="blank.xlsx")
    indicators = layout.sheet("indicators")
    indicator = next(row.key for row in indicators.rows if "total" in indicators.input_keys(row))
    office.submit("MZ", "2018-03", {("indicators", indicator, "total"): "9" * 5000})
    office.submit("RJT", "2018-03")
    summary = office.sync()
    assert sorted((v.institution, v.valid) for v in summary.versions) == [("MZ", False), ("RJT", True)]
    issues = list(office.master()["Issues"].iter_rows(min_row=4, values_only=True))
    assert [r[4] for r in issues] == ["count-too-large"]


def test_a_crash_between_ledger_and_master_is_completed_by_the_next_run(
    office: Office, monkeypatch: pytest.MonkeyPatch
) -> None:
    office.submit("MZ", "2018-03")

    def crash(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("power cut")

    monkeypatch.setattr(XlsxMaster, "write", crash)
    with pytest.raises(RuntimeError):
        office.sync()
    assert not office.settings.master_path().exists()
    assert office.ledger.master_stale()
    monkeypatch.undo()
    summary = office.sync()  # nothing changed at the source, but the master is stale
    assert summary.versions == [] and summary.master
    assert states(row_of(office.master()["Submissions"], "MZ"))[1] == "on time"
    assert not office.ledger.master_stale()


def test_a_submit_recorded_while_the_master_is_written_makes_it_stale(
    office: Office, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The add-in's Submit lands after the run read the ledger and before it recorded the master as written: the
    master lacks it, so the status says so and the next run writes it, though no file changed."""
    from apmon.addin import functions
    from tests.test_addin import OFFICE_JS, client_payload

    office.submit("MZ", "2018-03")
    layout = report_layout(office.plan, office.registry, "MUP", Period.parse("2018-03"), "en")
    mup, _ = filled_report(office.plan, office.registry, office.tmp, "MUP", "2018-03", complete_monthly(layout))
    write = XlsxMaster.write

    def write_while_mup_submits(master: XlsxMaster, *args: Any, **kwargs: Any) -> Any:
        book = functions.xw.Book(json=client_payload(mup, OFFICE_JS))
        submitted = functions.submit(book, office.plan, office.registry, ledger=office.ledger, now=belgrade(AS_OF))
        assert submitted.recorded
        return write(master, *args, **kwargs)

    monkeypatch.setattr(XlsxMaster, "write", write_while_mup_submits)
    first = office.sync()
    monkeypatch.undo()
    assert first.master and states(row_of(office.master()["Submissions"], "MUP"))[1] == "missing"
    assert office.ledger.master_stale()

    again = office.sync()
    assert again.versions == [] and again.master
    late = CAL.timeliness(Period.parse("2018-03"), AS_OF).days_late
    assert states(row_of(office.master()["Submissions"], "MUP"))[1] == f"late ({late})"
    assert not office.ledger.master_stale()


def test_an_arrival_numbered_before_the_runs_own_and_committed_during_the_write_makes_the_master_stale(
    office: Office, monkeypatch: pytest.MonkeyPatch
) -> None:
    """PostgreSQL numbers rows as they are inserted, not as they are committed: a Submit that took its arrival's
    number before the run recorded its files, and committed only while the master was written, is missing from the
    master though every arrival numbered after it is in."""
    if office.ledger.engine.dialect.name != "postgresql":
        pytest.skip("SQLite has one writer at a time: its rows are numbered in the order they are committed")
    from sqlalchemy import create_engine

    from apmon.sync.ledger import arrivals_table, items_table, versions_table
    from tests.test_ledger import arrival

    office.submit("MZ", "2018-03")
    submit = arrival("MUP/2018-03", b"MUP submitted", received=0, institution="MUP", source="addin")
    engine = create_engine(office.ledger.engine.url)
    with engine.connect() as slow:
        transaction = slow.begin()
        seen = {"first_seen": submit.version.received_at, "last_seen": submit.version.received_at}
        item = slow.execute(items_table.insert().values(source="addin", key=submit.key, **seen)).inserted_primary_key
        values = {"item_id": item[0], **submit.version.columns()}
        version = slow.execute(versions_table.insert().values(**values)).inserted_primary_key
        slow.execute(arrivals_table.insert().values(version_id=version[0], item_id=item[0], file_name=submit.key,
                                                    received_at=submit.version.received_at))  # fmt: skip
        write = XlsxMaster.write

        def commit_then_write(master: XlsxMaster, *args: Any, **kwargs: Any) -> Any:
            transaction.commit()
            return write(master, *args, **kwargs)

        monkeypatch.setattr(XlsxMaster, "write", commit_then_write)
        assert office.sync().master
    engine.dispose()
    assert office.ledger.master_stale()


def test_google_drive_source_with_quota_and_server_errors(
    office: Office, fake_google: FakeGoogle, tmp_path: Path
) -> None:
    folder = fake_google.add_folder("Izveštaji")
    client = make_client(
        service_account_file(tmp_path), fake_google.endpoints, RetryPolicy(max_attempts=4), sleep=lambda _: None
    )
    layout = report_layout(office.plan, office.registry, "MZ", Period.parse("2018-03"), "sr-Latn")
    sheet = create_google_template(client, layout, folder)
    sheet.worksheet("Zadaci").update([["u toku", "Održana obuka."]] * 3, "E4:F6")
    built = len(fake_google.calls("GET", rf"/spreadsheets/{sheet.id}"))
    fake_google.fail_next(r"values:batchGet", 429, count=1, retry_after=0)
    fake_google.fail_next(r"values:batchGet", 500, count=1)
    missing_folder = GoogleDriveSource(client, "no-such-folder")
    fake_google.fail_next(r"/drive/v3/files$", 404, count=1, method="GET")
    summary = office.sync(sources=[missing_folder, GoogleDriveSource(client, folder), FolderSource(office.folder)])
    assert summary.errors and "no-such-folder" in summary.errors[0]  # one failing source does not stop the others
    (version,) = summary.versions
    assert (version.institution, version.period, version.valid) == ("MZ", "2018-03", True)
    assert office.ledger.versions("MZ")[0].raw_kind == "google-values"
    reads = fake_google.calls("GET", rf"/spreadsheets/{sheet.id}")[built:]
    # Its metadata (its sheets and merged ranges), then one values.batchGet (tried three times: after a 429 and a 500)
    assert [r.path.rsplit("/", 1)[-1] for r in reads] == [sheet.id] + ["values:batchGet"] * 3
    again = office.sync(sources=[GoogleDriveSource(client, folder)])
    assert again.files_changed == 0  # Drive's modifiedTime unchanged: no values read
    assert len(fake_google.calls("GET", rf"/spreadsheets/{sheet.id}")) == built + 4


def test_google_sheet_with_a_renamed_sheet_is_still_read(
    office: Office, fake_google: FakeGoogle, tmp_path: Path
) -> None:
    folder = fake_google.add_folder("Izveštaji")
    client = make_client(service_account_file(tmp_path), fake_google.endpoints, RetryPolicy(), sleep=lambda _: None)
    layout = report_layout(office.plan, office.registry, "MZ", Period.parse("2018-03"), "sr-Latn")
    sheet = create_google_template(client, layout, folder)
    sheet.worksheet("Budžet").update_title("Novac")
    # A status typed: a template no input cell of which holds anything is no report (not sent), read or not
    sheet.worksheet("Zadaci").update([["u toku"]], "E4")
    built = len(fake_google.calls("GET", rf"/spreadsheets/{sheet.id}"))
    (version,) = office.sync(sources=[GoogleDriveSource(client, folder)]).versions
    assert version.first_problem and "Budžet" in version.first_problem  # read, and told what is missing
    reads = [r.path.rsplit("/", 1)[-1] for r in fake_google.calls("GET", rf"/spreadsheets/{sheet.id}")[built:]]
    assert reads == [sheet.id, "values:batchGet"]  # its metadata names the sheets as they are: no failed try


def test_another_institutions_report_in_a_spreadsheet_built_for_one_is_its_refused_version(
    office: Office, fake_google: FakeGoogle, tmp_path: Path
) -> None:
    """An editor of MUP's spreadsheet puts MZ's report in it (MZ's template is public: its values typed over MUP's,
    the hidden sheet too). It was read as MZ's valid report: MUP reported for MZ, and the master showed MUP's
    figures as MZ's. The spreadsheet was built for MUP, as apmon's mark on it says (which only apmon sees and
    sets): what it holds is MUP's refused version, as for a file in MUP's folder."""
    folder = fake_google.add_folder("Izveštaji")
    client = make_client(service_account_file(tmp_path), fake_google.endpoints, RetryPolicy(), sleep=lambda _: None)
    sheet = create_google_template(
        client, report_layout(office.plan, office.registry, "MUP", Period.parse("2018-03"), "sr-Latn"), folder
    )
    mz = report_layout(office.plan, office.registry, "MZ", Period.parse("2018-03"), "sr-Latn")
    for worksheet in sheet.worksheets():
        worksheet.clear()
    sheet.values_batch_update({"valueInputOption": "RAW", "data": value_data(mz)})
    for (role, key, column), value in complete_monthly(mz).items():
        name, cell = mz.cell_of(role, key, column)
        sheet.worksheet(name).update([[value]], cell, raw=False)
    sheet.update_title("apmon MZ 2018-03 (sr-Latn)")  # renamed too: the title is the editors' to change
    (version,) = office.sync(sources=[GoogleDriveSource(client, folder)]).versions
    assert (version.institution, version.period, version.valid) == ("MUP", "2018-03", False)  # it was: MZ, valid
    assert office.ledger.versions("MZ") == []
    (stored,) = office.ledger.versions("MUP")
    assert [(i["code"], i["value"], i["params"]) for i in stored.issues] == [
        ("wrong-institution", "MZ", {"expected": "MUP"})
    ]


def test_cli_sync_run_and_status(tmp_path: Path, plan: Plan, registry: InstitutionRegistry) -> None:
    reports = tmp_path / "reports"
    reports.mkdir()
    _, layout = filled_report(plan, registry, tmp_path, "MZ", "2018-03", {}, name="blank.xlsx")
    path, _ = filled_report(plan, registry, reports, "MZ", "2018-03", complete_monthly(layout), name="mz.xlsx")
    sent = belgrade(CAL.due_date(Period.parse("2018-03")).due).timestamp()
    os.utime(path, (sent, sent))
    _, layout = filled_report(plan, registry, tmp_path, "MZ", "2018", {}, name="blank-annual.xlsx")
    annual, _ = filled_report(plan, registry, reports, "MZ", "2018", complete_annual(layout), name="mz-2018.xlsx")
    sent = belgrade(CAL.due_date(Period.parse("2018")).due).timestamp()
    os.utime(annual, (sent, sent))
    config = tmp_path / "apmon.toml"
    config.write_text(
        '[sync]\ndata_dir = "data"\nfolder = "reports"\nfirst_period = "2018-03"\nlast_period = "2018-03"\n',
        encoding="utf-8",
    )
    runner = CliRunner()
    result = runner.invoke(app, ["sync", "run", "--config", str(config), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["versions"][0]["institution"] == "MZ" and data["master"].endswith("master.xlsx")
    assert (tmp_path / "data" / "master.xlsx").exists() and (tmp_path / "data" / "ledger.sqlite").exists()
    status = runner.invoke(app, ["sync", "status", "--config", str(config), "--json"])
    assert json.loads(status.stdout)["institutions"]["MZ"]["2018-03"] == "on time"
    assert json.loads(status.stdout)["annual"]["MZ"] == {"2018": "on time"}

    def said() -> str:
        return " ".join(runner.invoke(app, ["sync", "status", "--config", str(config)]).stdout.split())

    # no master_lang: the master and what the command says are in Serbian Latin
    assert f"zbirna radna sveska {text_of('sync.status.fresh', 'sr-Latn')}" in said()
    sheets = openpyxl.load_workbook(tmp_path / "data" / "master.xlsx", read_only=True).sheetnames
    assert text_of("master.sheet.status", "sr-Latn") in sheets
    again = " ".join(runner.invoke(app, ["sync", "run", "--config", str(config)]).stdout.split())
    assert again.startswith(text_of("sync.run", "sr-Latn", run=2, seen=2, changed=0, versions=0))
    # the master was up to date: nothing written, so no time for it (only the whole run's and the sources')
    assert re.search(r"Trajalo je \d+,\d s \(izvori \d+,\d s\)\.?( |$)", again) and "Took" not in again, again
    assert "G18" in said()  # the annual report's column (godišnji), after the months
    with config.open("a", encoding="utf-8") as more:
        more.write('master_lang = "en"\n')  # the master would be written otherwise now
    assert "master workbook needs a refresh" in said()
    in_english = " ".join(runner.invoke(app, ["sync", "run", "--config", str(config)]).stdout.split())
    assert in_english.startswith("Run 3: files seen: 2, changed: 0, new versions: 0.")
    assert "Master workbook:" in in_english and "Took" in in_english


def test_sync_status_written_to_a_file_keeps_every_column(tmp_path: Path) -> None:
    # A console that is no terminal is 80 columns wide: sixteen months and two years cut off the right-hand columns.
    (tmp_path / "reports").mkdir()
    config = tmp_path / "apmon.toml"
    config.write_text(
        '[sync]\ndata_dir = "data"\nfolder = "reports"\nfirst_period = "2017-09"\nlast_period = "2018-12"\n',
        encoding="utf-8",
    )
    runner = CliRunner()
    assert runner.invoke(app, ["sync", "run", "--config", str(config)]).exit_code == 0
    shown = runner.invoke(app, ["sync", "status", "--config", str(config)]).stdout
    rows = [line for line in shown.splitlines() if line.startswith(("┃", "│"))]
    assert len(rows) > 20 and all(line.endswith(line[0]) for line in rows), shown
    assert "G18" in shown


def test_a_table_cut_by_the_terminals_window_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    from rich.console import Console
    from rich.table import Table

    from apmon.cli import common

    screen, said = io.StringIO(), io.StringIO()
    monkeypatch.setattr(common, "out", Console(file=screen, force_terminal=True, width=40))
    monkeypatch.setattr(common, "err", Console(file=said, force_terminal=True, width=200))
    table = Table()
    for month in range(1, 13):
        table.add_column(f"{month:02}", no_wrap=True, min_width=3)
    common.print_table(table, "en")
    assert (
        "wider than the window (table width 73, window width 40)" in said.getvalue()
    )  # 12 x (3 + 2 padding + 1 rule) + 1
    narrow = Table()
    narrow.add_column("01")
    common.print_table(narrow, "en")
    wrapped = Table()  # a long message wraps within the window: nothing is cut
    wrapped.add_column("Message")
    wrapped.add_row("a long message " * 20)
    common.print_table(wrapped, "en")
    assert said.getvalue().count("wider") == 1


def test_a_master_that_could_not_be_written_is_among_the_runs_errors_that_status_shows(office: Office) -> None:
    """The run recorded its errors before it wrote the master: a master that could not be written (and the Google
    master's Evaluation sheet that could not be read) was said by the run, but `sync status` showed the run as fine."""
    office.submit("MZ", "2018-03")
    office.settings.master_path().write_bytes(b"not a workbook at all")  # someone saved over it
    summary = office.sync()
    assert any("master.xlsx" in e for e in summary.errors), summary.errors
    last = office.ledger.last_run()
    assert last is not None and last.errors == summary.errors


def test_cli_reports_a_missing_reports_folder(tmp_path: Path) -> None:
    config = tmp_path / "apmon.toml"
    config.write_text('[sync]\ndata_dir = "data"\nfolder = "nowhere"\nmaster_lang = "en"\n', encoding="utf-8")
    result = CliRunner().invoke(app, ["sync", "run", "--config", str(config)])
    assert result.exit_code == 1
    assert "does not exist or is not a folder" in result.stderr
    # A master saying that no institution sent anything would be wrong: nothing could be read.
    assert not (tmp_path / "data" / "master.xlsx").exists()
    # The status says the last run failed, and why (it said the run was fine and the master up to date).
    status = CliRunner().invoke(app, ["sync", "status", "--config", str(config)])
    said = " ".join(status.stdout.split())
    # One error said as one (it said "had errors" of it)
    assert (
        status.exit_code == 0 and "The last run had an error:" in said and "does not exist or is not a folder" in said
    )


def test_cli_reports_a_broken_plan_file_without_touching_the_ledger(tmp_path: Path) -> None:
    (tmp_path / "plan.yaml").write_text("id: x\n", encoding="utf-8")
    config = tmp_path / "apmon.toml"
    config.write_text('plan = "plan.yaml"\n[sync]\ndata_dir = "data"\n', encoding="utf-8")
    result = CliRunner().invoke(app, ["sync", "run", "--config", str(config)])
    assert result.exit_code == 1
    assert result.stderr.startswith("Greška: plan ne može da se koristi:")  # Serbian by default (issue 17)
    assert "plan.yaml:1, polje title: ovo polje je ovde obavezno, a nedostaje" in result.stderr
    assert not (tmp_path / "data" / "ledger.sqlite").exists()


def write_config(office: Office, master_lang: str) -> Path:
    path = office.tmp / "apmon.toml"
    ledger = office.ledger.engine.url.render_as_string(hide_password=False)
    path.write_text(
        f'[sync]\ndata_dir = "{office.tmp.as_posix()}"\nfolder = "{office.folder.as_posix()}"\nledger = "{ledger}"\n'
        f'first_period = "2018-03"\nlast_period = "2018-04"\nmaster_lang = "{master_lang}"\n',
        encoding="utf-8",
    )
    return path


JMBG = "0101990710008"  # valid: a real date of birth and the right control digit
# an add-in token as `apmon token issue` makes one, from a seeded generator (as tests/test_token_in_report.py)
TOKEN = TOKEN_PREFIX + base64.urlsafe_b64encode(random.Random(20261206).randbytes(32)).rstrip(b"=").decode()


def _stored_bytes(office: Office) -> bytes:
    """Everything the SQLite ledger keeps on disk: the database file and its write-ahead log."""
    database = Path(str(office.ledger.engine.url.database))
    return b"".join(p.read_bytes() for p in (database, Path(f"{database}-wal")) if p.exists())


def test_a_report_refused_for_personal_data_is_purged_after_the_retention(office: Office) -> None:
    office.submit("MZ", "2018-03", {("tasks", "2.1.2", "problems"): f"Dete sa JMBG {JMBG} upućeno u centar."})
    received = dt.datetime(2018, 4, 5, 8, tzinfo=dt.UTC)
    first = office.sync(now=lambda: received)
    (version,) = first.versions
    assert not version.valid and first.purged == []
    stored = office.ledger.versions()[0]
    assert "personal-data" in {i["code"] for i in stored.issues} and JMBG in (stored.report_json or "")

    # Within the 30 days the content stays, to show the problem; after them the next run purges it.
    assert office.sync(now=lambda: received + dt.timedelta(days=29)).purged == []
    later = office.sync(now=lambda: received + dt.timedelta(days=31))
    assert later.purged == [stored.id]
    purged = office.ledger.versions()[0]
    assert purged.raw_purged_at == received + dt.timedelta(days=31) and purged.report_json is None
    assert [i["code"] for i in purged.issues] == [i["code"] for i in stored.issues]  # the record stays
    if office.ledger.engine.dialect.name == "sqlite":  # not even in freed pages or the log
        assert JMBG.encode() not in _stored_bytes(office)

    # The master still shows that MZ's March report was refused and why, masked.
    book = office.master()
    issues = [" ".join(str(v) for v in row if v is not None) for row in book["Issues"].iter_rows(values_only=True)]
    assert any("01•••••••••08" in row for row in issues)
    assert not any(JMBG in row for row in issues)


def test_a_jmbg_in_a_cells_comment_is_refused_and_purged_after_the_retention(office: Office) -> None:
    """calamine reads no comments: a victim's JMBG in a comment was accepted and kept with the file for good."""
    path = office.submit("MZ", "2018-03")
    book = openpyxl.load_workbook(path)
    sheet = book.worksheets[1]
    sheet["C4"].comment = openpyxl.comments.Comment(f"Žrtva Marija, JMBG {JMBG}", "Referent")
    book.save(path)
    received = dt.datetime(2018, 4, 5, 8, tzinfo=dt.UTC)
    (version,) = office.sync(now=lambda: received).versions
    stored = office.ledger.versions()[0]
    assert not version.valid
    assert ("personal-data-comment", sheet.title, "C4", "01•••••••••08") in {
        (i["code"], i["sheet"], i["cell"], i["value"]) for i in stored.issues
    }
    office.sync(now=lambda: received + dt.timedelta(days=31))
    assert office.ledger.versions()[0].raw_purged_at is not None
    if office.ledger.engine.dialect.name == "sqlite":
        assert JMBG.encode() not in _stored_bytes(office)


def test_a_jmbg_in_the_documents_title_is_refused_and_purged_after_the_retention(office: Office) -> None:
    """calamine reads no document properties: a victim's JMBG in the title was accepted and kept with the file."""
    path = office.submit("MZ", "2018-03")
    book = openpyxl.load_workbook(path)
    book.properties.title = f"Žrtva Marija, JMBG {JMBG}"
    book.save(path)
    received = dt.datetime(2018, 4, 5, 8, tzinfo=dt.UTC)
    (version,) = office.sync(now=lambda: received).versions
    stored = office.ledger.versions()[0]
    assert not version.valid
    assert ("personal-data-property", "", "", "01•••••••••08", "property.title") in {
        (i["code"], i["sheet"], i["cell"], i["value"], i["params"]["property"]) for i in stored.issues
    }
    assert JMBG not in json.dumps(stored.issues)
    later = office.sync(now=lambda: received + dt.timedelta(days=31))
    assert later.purged == [stored.id] and office.ledger.versions()[0].raw_purged_at is not None
    if office.ledger.engine.dialect.name == "sqlite":
        assert JMBG.encode() not in _stored_bytes(office)
    book = office.master()
    for sheet in book.worksheets:
        assert not any(JMBG in str(v) for row in sheet.iter_rows(values_only=True) for v in row), sheet.title
    issues = [" ".join(str(v) for v in row if v is not None) for row in book["Issues"].iter_rows(values_only=True)]
    assert any("The document property 'Title' holds personal data (JMBG: 01•••••••••08)" in row for row in issues)


@pytest.mark.parametrize("where", ["a sheet's name", "the metadata sheet"])
def test_a_jmbg_in_a_sheets_name_or_the_metadata_sheet_is_refused_and_purged_after_the_retention(
    office: Office, where: str
) -> None:
    """Neither was searched: the report was valid, the victim's name and JMBG kept with it, and never purged."""
    path = office.submit("MZ", "2018-03")
    book = openpyxl.load_workbook(path)
    victim = f"žrtva Ana Ilić {JMBG}"  # 28 characters: Excel takes at most 31 in a sheet's name
    if where == "a sheet's name":
        book.create_sheet(victim)
        code, sheet = "personal-data-sheet-name", "žrtva A•• I••• 01•••••••••08"
    else:
        book[META_SHEET].append(["beleska", victim])
        code, sheet = "personal-data", META_SHEET
    book.save(path)
    received = dt.datetime(2018, 4, 5, 8, tzinfo=dt.UTC)
    (version,) = office.sync(now=lambda: received).versions
    stored = office.ledger.versions()[0]
    assert not version.valid and stored.raw_purged_at is None  # kept for the retention, to show what was wrong
    assert {(i["code"], i["sheet"], i["value"]) for i in stored.issues} == {
        (code, sheet, "A•• I•••"),
        (code, sheet, "01•••••••••08"),
    }
    assert JMBG not in json.dumps(stored.issues) and "Ilić" not in json.dumps(stored.issues, ensure_ascii=False)
    later = office.sync(now=lambda: received + dt.timedelta(days=31))
    assert later.purged == [stored.id] and office.ledger.versions()[0].raw_purged_at is not None
    if office.ledger.engine.dialect.name == "sqlite":
        assert JMBG.encode() not in _stored_bytes(office)
    for shown in office.master().worksheets:
        values = " ".join(str(v) for row in shown.iter_rows(values_only=True) for v in row if v is not None)
        assert JMBG not in values and "Ilić" not in values, shown.title


@pytest.mark.parametrize(
    ("where", "expected"),
    [
        ("a defined name", ("personal-data-defined-name", "", "")),
        ("a header", ("personal-data-header-footer", "Tasks", "")),
        ("a data validation's input message", ("personal-data-validation", "Tasks", "K5:K9")),
        ("a hyperlink's ScreenTip", ("personal-data-hyperlink", "Tasks", "K7")),
        ("a table's comment", ("personal-data-table", "Tasks", "")),
        ("a text box", ("personal-data-drawing", "Tasks", "")),
        ("a chart's copy of its cells", ("personal-data-chart", "Tasks", "")),
        ("a PivotTable's copy of its source", ("personal-data-pivot-cache", "Tasks", "")),
        ("a link's copy of another workbook", ("personal-data-external-link", "", "")),
    ],
)
def test_a_jmbg_that_excel_shows_outside_the_cells_is_refused_and_purged_after_the_retention(
    office: Office, where: str, expected: tuple[str, str, str]
) -> None:
    """None of these places was searched: the report was valid and the victim's JMBG kept with the file for good."""
    path = office.submit("MZ", "2018-03")
    typed = f"Žrtva Marija, JMBG {JMBG}"
    if where == "a defined name":
        places.defined_name(path, "Klijent", f'"{typed}"')
    elif where == "a header":
        places.header_footer(path, "Tasks", "oddHeader", "center", typed)
    elif where == "a data validation's input message":
        places.validation(path, "Tasks", "K5:K9", prompt=typed)
    elif where == "a hyperlink's ScreenTip":
        places.hyperlink(path, "Tasks", "K7", "kontakt", target="https://example.org/", tooltip=typed)
    elif where == "a table's comment":
        places.table(path, "Tasks", "K20:L22", "Klijenti", ["Broj", "Iznos"], comment=typed)
    elif where == "a text box":
        places.drawn(path, "xl/worksheets/sheet2.xml", lambda book, sheet: sheet.insert_textbox("B2", typed))
    elif where == "a chart's copy of its cells":

        def chart(book: Any, sheet: Any) -> None:
            sheet.write_column("A1", ["januar", typed])
            sheet.write_column("B1", [3, 5])
            drawn = book.add_chart({"type": "column"})
            drawn.add_series({"categories": "=Podaci!$A$1:$A$2", "values": "=Podaci!$B$1:$B$2"})
            sheet.insert_chart("D2", drawn)

        places.drawn(path, "xl/worksheets/sheet2.xml", chart)
    elif where == "a PivotTable's copy of its source":
        places.pivot_table(path, "xl/worksheets/sheet2.xml", "'Spisak'!A1:A3", {"Opis": ["Ana", typed]})
    else:
        places.external_link(path, "Spisak.xlsx", "List1", {"A1": typed})
    received = dt.datetime(2018, 4, 5, 8, tzinfo=dt.UTC)
    (version,) = office.sync(now=lambda: received).versions
    stored = office.ledger.versions()[0]
    assert not version.valid and stored.raw_purged_at is None  # kept for the retention, to show what was wrong
    assert (*expected, "01•••••••••08") in {(i["code"], i["sheet"], i["cell"], i["value"]) for i in stored.issues}
    assert JMBG not in json.dumps(stored.issues)
    later = office.sync(now=lambda: received + dt.timedelta(days=31))
    assert later.purged == [stored.id] and office.ledger.versions()[0].raw_purged_at is not None
    if office.ledger.engine.dialect.name == "sqlite":
        assert JMBG.encode() not in _stored_bytes(office)
    for shown in office.master().worksheets:
        values = " ".join(str(v) for row in shown.iter_rows(values_only=True) for v in row if v is not None)
        assert JMBG not in values, shown.title


@pytest.mark.parametrize(
    ("where", "expected"),
    [
        ("a SmartArt graphic", ("personal-data-smartart", "Tasks", "01•••••••••08")),
        ("a form control", ("personal-data-form-control", "Tasks", "01•••••••••08")),
        ("a slicer", ("personal-data-slicer", "Tasks", "01•••••••••08")),
        ("a data connection", ("personal-data-connection", "", "01•••••••••08")),
        ("an embedded document", ("personal-data-embedded", "Tasks", "01•••••••••08")),
        ("a picture", ("personal-data-unreadable-picture", "Tasks", None)),
        ("a timeline", ("personal-data-timeline", "Tasks", "01•••••••••08")),
        ("a Power Query query", ("personal-data-connection", "", "01•••••••••08")),
        ("a data model", ("personal-data-unreadable-data-model", "", None)),
    ],
)
def test_a_jmbg_in_an_inserted_object_or_a_picture_is_refused_and_purged_after_the_retention(
    office: Office, where: str, expected: tuple[str, str, str | None]
) -> None:
    """None of these objects was searched, and a picture (a scanned identity card) cannot be: the report was valid
    and the victim's JMBG kept with the file for good."""
    path = office.submit("MZ", "2018-03")
    typed, sheet = f"Žrtva Marija, JMBG {JMBG}", "xl/worksheets/sheet2.xml"
    if where == "a SmartArt graphic":
        objects.smartart(path, sheet, ["Prijava", typed])
    elif where == "a form control":
        objects.form_controls(path, sheet, typed)
    elif where == "a slicer":
        objects.slicer(path, sheet, "Ime", typed, "Ime", ["Ana"])
    elif where == "a data connection":
        objects.connection(path, "Spisak", f"SELECT * FROM spisak WHERE napomena='{typed}'")
    elif where == "an embedded document":
        objects.embedded(path, sheet, objects.word_document([typed]), "Izjava.docx")
    elif where == "a timeline":
        objects.timeline(path, sheet, "Datum", typed, "Datum")
    elif where == "a Power Query query":
        objects.power_query(path, "Spisak", objects.mashup(f'section Section1;\r\nshared Spisak = "{typed}";'))
    elif where == "a data model":
        objects.data_model(path, objects.DATA_MODEL + JMBG.encode())
    else:
        objects.picture(path, sheet, "Lična karta", objects.PNG + JMBG.encode())
    received = dt.datetime(2018, 4, 5, 8, tzinfo=dt.UTC)
    (version,) = office.sync(now=lambda: received).versions
    stored = office.ledger.versions()[0]
    assert not version.valid and stored.raw_purged_at is None  # kept for the retention, to show what was wrong
    assert expected in {(i["code"], i["sheet"], i["value"]) for i in stored.issues}
    assert JMBG not in json.dumps(stored.issues)
    later = office.sync(now=lambda: received + dt.timedelta(days=31))
    assert later.purged == [stored.id] and office.ledger.versions()[0].raw_purged_at is not None
    if office.ledger.engine.dialect.name == "sqlite":
        assert JMBG.encode() not in _stored_bytes(office)


def test_a_jmbg_typed_in_a_dropdown_cell_is_purged_and_never_reaches_the_master(office: Office) -> None:
    # Refused as an unknown status alone, it was never purged and the master's Issues sheet quoted the digits.
    office.submit("MZ", "2018-03", {("tasks", "2.1.2", "status"): f"Marija P. {JMBG}"})
    received = dt.datetime(2018, 4, 5, 8, tzinfo=dt.UTC)
    office.sync(now=lambda: received)
    rows = office.master()["Issues"].iter_rows(values_only=True)
    assert not any(JMBG in " ".join(str(v) for v in row if v is not None) for row in rows)
    later = office.sync(now=lambda: received + dt.timedelta(days=31))
    (purged,) = office.ledger.versions()
    assert later.purged == [purged.id] and purged.report_json is None and JMBG not in json.dumps(purged.issues)
    if office.ledger.engine.dialect.name == "sqlite":
        assert JMBG.encode() not in _stored_bytes(office)


def test_a_jmbg_in_a_file_name_is_refused_and_masked_in_the_ledger_and_master_after_the_retention(
    office: Office,
) -> None:
    # Accepted before: the name stayed in the ledger's records and the master's lists for good.
    office.submit("MZ", "2018-03", name=f"MZ_2018-03_{JMBG}.xlsx")
    received = dt.datetime(2018, 4, 5, 8, tzinfo=dt.UTC)
    office.sync(now=lambda: received)
    (version,) = office.ledger.versions()
    assert ("file-name-personal-data", "01•••••••••08") in {(i["code"], i["value"]) for i in version.issues}
    later = office.sync(now=lambda: received + dt.timedelta(days=31))
    (purged,) = office.ledger.versions()
    assert later.purged == [purged.id] and purged.file_name == "MZ_2018-03_01•••••••••08.xlsx"
    assert [a.file_name for a in office.ledger.arrivals([purged.id])] == [purged.file_name]
    book = office.master()
    for sheet in book.worksheets:
        assert not any(JMBG in str(v) for row in sheet.iter_rows(values_only=True) for v in row), sheet.title


def test_a_run_keeps_nothing_it_read_in_memory_after_it(office: Office) -> None:
    """Reading keeps a file name's hits and a sheet's data validations within a run (each is asked for several
    times); a scheduled service runs for months in one process, so nothing of them (a JMBG in a name) outlives the
    run. Found December 2026: they were kept for the process's life."""
    from apmon.schemas import personal_data
    from apmon.templates import read_xlsx

    office.submit("MZ", "2018-03", name=f"MZ_2018-03_{JMBG}.xlsx")
    office.sync(now=lambda: dt.datetime(2018, 4, 5, 8, tzinfo=dt.UTC))
    assert personal_data._short_name_hits.cache_info().currsize == 0
    kept = (
        read_xlsx._small_shown_elements,
        read_xlsx._small_style_formats,  # a format's code is typed
        read_xlsx._small_relationships,
        read_xlsx._small_workbook_elements,  # a defined name's too
    )
    assert [cache.cache_info().currsize for cache in kept] == [0, 0, 0, 0]


@pytest.mark.parametrize("renamed", [False, True])
@pytest.mark.parametrize("secret", [JMBG, TOKEN])
def test_a_file_named_with_personal_data_leaves_no_trace_once_gone_and_purged(
    office: Office, secret: str, renamed: bool
) -> None:
    """The ledger knows a file by its path (the item's key), kept while the file lies in the folder. Found December
    2026: once the file was deleted and its version purged, the key still held the JMBG (or the add-in token) in full,
    for good; a ledger backup handed it on. Now the purge masks the key of a file no longer there, renamed too (the
    same bytes under a plain name are read as a report of their own)."""
    path = office.submit("MZ", "2018-03", name=f"MZ_2018-03_{secret}.xlsx")
    received = dt.datetime(2018, 4, 5, 8, tzinfo=dt.UTC)
    office.sync(now=lambda: received)
    if renamed:
        path.rename(path.with_name("MZ_2018-03_ispravljen.xlsx"))
    else:  # the institution deletes it, as told, and sends its report again under a plain name
        path.unlink()
        office.submit(
            "MZ", "2018-03", {("tasks", "2.1.2", "problems"): "Obuka odložena."}, name="MZ_2018-03_ispravljen.xlsx"
        )
    office.sync(now=lambda: received + dt.timedelta(days=1))
    later = office.sync(now=lambda: received + dt.timedelta(days=31))
    assert len(later.purged) == 1
    gone = [item.key for item in office.ledger.items() if item.missing_since is not None]
    assert gone == [mask_file_name(f"MZ_2018-03_{secret}.xlsx")]
    present = [item.key for item in office.ledger.items() if item.missing_since is None]
    assert present == ["MZ_2018-03_ispravljen.xlsx"]  # the file there keeps its key as it is
    if office.ledger.engine.dialect.name == "sqlite":
        assert secret[-20:].encode() not in _stored_bytes(office)


@pytest.mark.parametrize("secret", [JMBG, TOKEN])
def test_a_subfolder_named_with_personal_data_is_refused_and_masked(office: Office, secret: str) -> None:
    """The ledger keeps a file's path inside the reports folder, its subfolders too (`žrtva .../MZ_2018-03.xlsx`), and
    shows it (`apmon ledger versions`, the master's lists, the run's lines). Found December 2026: only the file's own
    name was searched, so a report in a subfolder named after a victim, with her JMBG (or an add-in token), was a valid
    report and the ledger kept the path in full for good. Now it is refused as a file so named is, and purged."""
    path = office.submit("MZ", "2018-03")
    folder = office.folder / f"žrtva {secret}"
    folder.mkdir()
    path.rename(folder / path.name)
    received = dt.datetime(2018, 4, 5, 8, tzinfo=dt.UTC)
    (version,) = office.sync(now=lambda: received).versions
    assert not version.valid and secret[-8:] not in version.file
    (stored,) = office.ledger.versions()
    assert "folder-name-personal-data" in {i["code"] for i in stored.issues}
    assert secret[-8:] not in json.dumps(stored.issues)
    later = office.sync(now=lambda: received + dt.timedelta(days=31))
    assert later.purged == [stored.id]
    (purged,) = office.ledger.versions()
    assert purged.file_name == f"{mask_file_name(folder.name)}/{path.name}"
    assert [a.file_name for a in office.ledger.arrivals([purged.id])] == [purged.file_name]


@pytest.mark.parametrize("renamed", ["file", "folder"])
def test_a_report_refused_for_its_name_counts_once_renamed_as_told(office: Office, renamed: str) -> None:
    """The refusal says: rename the file (or its folder) without the personal data and send it again. Found December
    2026: the officer renamed it and nothing changed, the report stayed refused for good: a version is known by its
    bytes, the same bytes were the refused version again (and, since files moved inside the folder continue their
    history, the renamed file was not even read). Now a version refused for its name alone is known apart from the
    same bytes under another name, which are read and judged on their own."""
    path = office.submit(
        "MZ", "2018-03", {("tasks", "2.1.2", "problems"): "Obuka odložena."}, name=f"MZ_2018-03_{JMBG}.xlsx"
    )
    if renamed == "folder":
        (office.folder / f"žrtva {JMBG}").mkdir()
        path = path.rename(office.folder / f"žrtva {JMBG}" / "MZ_2018-03.xlsx")
    received = dt.datetime(2018, 4, 5, 8, tzinfo=dt.UTC)
    (refused,) = office.sync(now=lambda: received).versions
    assert not refused.valid
    if renamed == "file":
        path.rename(path.with_name("MZ_2018-03.xlsx"))  # the file's time is kept: sent on 10 April, on time
    else:
        path.parent.rename(office.folder / "MZ")

    summary = office.sync(now=lambda: received + dt.timedelta(days=1))

    (version,) = summary.versions
    assert version.valid and version.on_time and version.file.endswith("MZ_2018-03.xlsx")
    book = office.master()
    problems = [row for ws in book.worksheets for row in ws.iter_rows(values_only=True) if "Obuka odložena." in row]
    assert len(problems) == 1  # the report counts, once, its problem in the master
    assert office.sync(now=lambda: received + dt.timedelta(days=2)).versions == []  # the next run: nothing new


def test_a_jmbg_in_a_file_name_is_shown_masked_from_the_first_run(office: Office) -> None:
    """Until the purge the ledger keeps the name as it came, but wherever apmon shows it (the run's and the ledger's
    listings, the validation, the master) it is masked: the digits were printed in full for 30 days."""
    path = office.submit("MZ", "2018-03", name=f"MZ_2018-03_{JMBG}.xlsx")
    config = write_config(office, "sr-Latn")
    runner = CliRunner()
    shown = []
    for args in (
        ["sync", "run"],
        ["sync", "status"],
        ["ledger", "versions"],
        ["ledger", "versions", "--json"],
        ["validate", str(path), "--json"],
    ):
        done = runner.invoke(app, [*args, "--config", str(config)], env={"COLUMNS": "250"})
        assert done.exit_code in (0, 1), done.output
        shown.append(done.output)
    shown.append(runner.invoke(app, ["validate", str(path)], env={"COLUMNS": "250"}).output)
    assert all(JMBG not in output for output in shown), [o for o in shown if JMBG in o]
    assert "MZ_2018-03_01•••••••••08.xlsx" in shown[3]  # the JSON listing: a table may fold a long name
    book = office.master()
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert JMBG not in f"{cell.value} {cell.comment.text if cell.comment else ''}", (sheet.title, cell)
    assert JMBG in office.ledger.versions()[0].file_name  # kept as it came until the purge masks it (above)


def test_terminal_control_sequences_in_file_names_are_never_printed(office: Office) -> None:
    """A name can hold escape sequences (clear the screen, hide text, set the window's title), a new line or a
    direction mark: printed as they are, they spoof the Coordinator's terminal and the log. Shown made harmless."""
    odd = "MZ\x1b[2J\x1b]0;pwned\x07\x1b[8mhidden\nline\u202egnp.xlsx"
    office.submit("MZ", "2018-03", name=odd)
    (office.folder / "z\x1b[31mred.xlsx").symlink_to("/dev/zero")  # left alone, and named so
    config = write_config(office, "sr-Latn")
    runner = CliRunner()
    shown = [
        runner.invoke(app, [*args, "--config", str(config)], env={"COLUMNS": "250"}).output
        for args in (["sync", "run"], ["ledger", "versions"], ["ledger", "versions", "--json"])
    ]
    shown.append(runner.invoke(app, ["validate", str(office.folder / odd)], env={"COLUMNS": "250"}).output)
    for output in shown:
        assert not any(ch in output for ch in "\x1b\x07\u202e"), output
    assert "hidden line gnp.xlsx" in shown[2] and "[31mred.xlsx" in " ".join(shown[0].split())


def test_a_file_name_or_a_value_that_looks_like_markup_is_printed_as_it_is(office: Office) -> None:
    """The terminal's tables take "[...]" for markup: a typed value "[/red]", quoted by its message, stopped
    `validate` with a MarkupError, and a name such as "MZ [red]x[bold].xlsx" was shown restyled, without its
    brackets (a Google Drive name may even hold "[/b]")."""
    name = "MZ [red]x[bold].xlsx"
    path = office.submit("MZ", "2018-03", {("tasks", "2.1.2", "status"): "[/red]"}, name=name)
    config = write_config(office, "en")
    runner = CliRunner()
    for args in (["sync", "run"], ["ledger", "versions"], ["validate", str(path)]):
        done = runner.invoke(app, [*args, "--config", str(config)], env={"COLUMNS": "250"})
        assert done.exception is None or isinstance(done.exception, SystemExit), (args, done.exception)
        assert "[red]x" in done.output, (args, done.output)  # shown as it is, not taken for markup
    assert "[/red]" in runner.invoke(app, ["validate", str(path)], env={"COLUMNS": "250"}).output


def test_many_files_the_same_as_versions_received_before_are_counted_not_listed(office: Office) -> None:
    """A reports folder moved (or reached by another path) brings every file back under a new key: the run
    printed a line for each, hundreds of them."""
    from apmon.cli.sync import LISTED_ALL

    first = office.submit("MZ", "2018-03")
    office.sync()  # received before: a copy in the same run is said to be one of that file
    copies = LISTED_ALL + 5
    for n in range(copies):
        shutil.copy(first, office.folder / f"kopija-{n:02}.xlsx")
    config = write_config(office, "en")
    done = CliRunner().invoke(app, ["sync", "run", "--config", str(config)], env={"COLUMNS": "250"})
    said = " ".join(done.output.split())
    assert said.count("Same as a version received before") == LISTED_ALL, done.output
    assert "5 more files are the same as versions received before" in said and "apmon ledger versions" in said


def test_purge_personal_data_on_demand_from_the_command_line(office: Office, tmp_path: Path) -> None:
    office.submit("MZ", "2018-03", {("tasks", "2.1.2", "problems"): f"JMBG {JMBG}"})
    office.sync()
    config = tmp_path / "apmon.toml"
    ledger_url = office.ledger.engine.url.render_as_string(hide_password=False)
    config.write_text(f'[sync]\ndata_dir = "{tmp_path.as_posix()}"\nledger = "{ledger_url}"\n')
    kept = CliRunner().invoke(app, ["ledger", "purge-personal-data", "--config", str(config), "--lang", "en"])
    assert kept.exit_code == 0 and "Nothing to purge" in kept.output  # the default 30 days have not passed
    result = CliRunner().invoke(
        app, ["ledger", "purge-personal-data", "--older-than-days", "0", "--config", str(config), "--json"]
    )
    assert result.exit_code == 0, result.output
    (version,) = office.ledger.versions()
    assert json.loads(result.output)["purged"] == [version.id] and version.raw_purged_at is not None
    listing = CliRunner().invoke(app, ["ledger", "versions", "--config", str(config), "--json"])
    assert listing.exit_code == 0 and json.loads(listing.output)[0]["purged_at"] is not None


# --------------------------------------------------------------------------- a run cut short

KILLED_WITH_WORKERS = """
import multiprocessing, os, signal, sys
from pathlib import Path
from apmon.schemas.calendar import WorkingCalendar
from apmon.sync.ledger import Ledger
from apmon.sync.parsing import ParseJob, Parser
from apmon.templates.plan_file import load_plan, load_registry

registry = load_registry()
plan = load_plan(None, registry)
ledger = Ledger.open(sys.argv[1])
with ledger.lock():
    ledger.start_run("cli", __import__("datetime").datetime.now(__import__("datetime").UTC))
    Path(sys.argv[2]).write_bytes(b"half a master")  # as a master save cut short leaves it
    with Parser(plan, registry, WorkingCalendar(), workers=3) as parser:  # two workers beside this process
        jobs = [(i, ParseJob(f"{i}.xlsx", b"not a workbook")) for i in range(40)]
        next(parser.map(jobs, expected=40))
        print(" ".join(str(p.pid) for p in multiprocessing.active_children()), flush=True)
        os.kill(os.getpid(), signal.SIGKILL)  # as kill -9 or the out-of-memory killer would
"""


def _gone(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return True
    return "\nState:\tZ" in status  # a zombie holds nothing: it waits only to be reaped


@pytest.mark.skipif(not hasattr(os, "fork") or not Path("/proc").is_dir(), reason="forked workers, /proc")
def test_a_sync_killed_with_its_workers_blocks_no_later_run(office: Office) -> None:
    ledger_url = office.ledger.engine.url.render_as_string(hide_password=False)
    temporary = office.settings.master_path().parent / ".master.xlsx.k1ll3d.apmon-tmp"
    proc = subprocess.run(
        [sys.executable, "-c", KILLED_WITH_WORKERS, ledger_url, str(temporary)],
        cwd=Path(__file__).resolve().parent.parent,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == -signal.SIGKILL, proc.stderr
    workers = [int(pid) for pid in proc.stdout.split()]
    assert len(workers) == 2, proc.stdout
    deadline = time.monotonic() + 10
    while not all(_gone(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert all(_gone(pid) for pid in workers), "the parse workers outlived the killed sync"

    office.submit("MZ", "2018-03")
    summary = office.sync()  # neither busy nor waiting: the lock went with the killed run
    assert [v.institution for v in summary.versions] == ["MZ"] and not summary.errors
    notices = " ".join(summary.notices)
    assert "did not finish: it is recorded as interrupted" in notices
    assert f"Removed {temporary.name}" in notices and not temporary.exists()
    if office.ledger.engine.dialect.name == "sqlite":
        assert "The lock of a sync run that did not finish (pid " in notices
    (cut, this) = office.ledger.runs()
    assert cut.finished_at is not None and cut.errors[-1].startswith("interrupted")
    assert this.id == summary.run_id
    assert office.sync().notices == []  # repaired once


def test_a_report_flooded_with_junk_rows_is_stored_with_its_first_problems_counted(office: Office) -> None:
    path = office.submit("MZ", "2018-03")
    wb = openpyxl.load_workbook(path)
    for r in range(100, 3100):
        wb["Tasks"].cell(r, 1, f"junk {r}")
    wb.save(path)
    summary = office.sync()
    assert not summary.versions[0].valid
    (stored,) = office.ledger.versions()
    assert len(stored.issues) == 501 and stored.issues[-1]["code"] == "more-issues"
    assert stored.issues[-1]["params"]["count"] >= 2500
    listed = [row for row in office.master()["Issues"].iter_rows(min_row=4, values_only=True) if row[0]]
    assert len(listed) == 501


# --- Hostile files stop no sync (issue 13, points 2 and 3): the size is checked before a file is read, no member
# --- of a zip is inflated past its declared size, and `apmon validate` and `apmon sync run` agree on every file.


def test_a_file_over_a_gigabyte_is_refused_unread_and_the_good_reports_are_recorded(office: Office) -> None:
    office.submit("MZ", "2018-03")
    huge = office.folder / "MUP_2018-03.xlsx"
    write_sparse(huge, int(1.1 * 2**30))  # 1.1 GB that take no disk
    office.submit("RJT", "2018-03")
    summary = office.sync()
    assert not summary.failed, summary.errors  # a refused file is recorded, as an unreadable one is: exit 0
    assert sorted((v.file, v.readable, v.valid) for v in summary.versions) == [
        ("MUP_2018-03.xlsx", False, False),
        ("MZ_2018-03.xlsx", True, True),
        ("RJT_2018-03.xlsx", True, True),
    ]
    (refused,) = [v for v in office.ledger.versions() if v.file_name == huge.name]
    assert office.ledger.raw(refused.id) == b""  # its bytes are not kept
    (issue,) = refused.issues
    assert (issue["code"], issue["params"]["bytes"], issue["params"]["limit"]) == (
        "file-too-large",
        str(huge.stat().st_size),
        "20",
    )
    issues = list(office.master()["Issues"].iter_rows(min_row=4, values_only=True))
    assert [(r[2], r[4]) for r in issues] == [("MUP_2018-03.xlsx", "file-too-large")]

    assert office.sync().versions == []  # the next run does not read it again
    later = huge.stat().st_mtime + 60
    os.utime(huge, (later, later))  # saved again, the same: read again (no more than the limit) and known
    again = office.sync()
    assert (again.files_changed, again.versions, again.returned) == (1, [], [])
    with huge.open("r+b") as f:  # its first bytes changed: another refused version
        f.write(b"PK\x03\x04")
    assert [(v.file, v.readable) for v in office.sync().versions] == [("MUP_2018-03.xlsx", False)]


def test_validate_and_sync_agree_on_every_file_of_the_hostile_corpus(office: Office) -> None:
    cases = make_cases(office.folder)
    for _, path in cases.values():  # named as the sync looks for them
        if path.is_file() and not path.name.lower().endswith(SPREADSHEET_SUFFIXES):
            path.rename(path.with_name(f"{path.name}.xlsx"))
    files = sorted(p for p in office.folder.iterdir() if p.is_file())
    assert len(files) == len(cases) - 2  # all but the missing file and the folder named like a workbook
    config = write_config(office, "en")
    runner = CliRunner()
    checked = runner.invoke(app, ["validate", *map(str, files), "--config", str(config), "--lang", "en", "--json"])
    assert checked.exit_code == 2, checked.output
    synced = runner.invoke(app, ["sync", "run", "--config", str(config), "--json"])
    assert synced.exit_code == 0, synced.output

    def first_error(issues: list[dict[str, Any]]) -> str | None:
        return next((i["message"] for i in issues if i["severity"] == "error"), None)

    by_validate = {
        Path(r["file"]).name: (r["readable"], r["valid"], first_error(r["issues"])) for r in json.loads(checked.stdout)
    }
    run = json.loads(synced.stdout)
    by_sync = {v["file"]: (v["readable"], v["valid"], v["first_problem"]) for v in run["versions"] + run["returned"]}
    assert by_sync == by_validate
    codes = {Path(r["file"]).name: [i["code"] for i in r["issues"]] for r in json.loads(checked.stdout)}
    for version in office.ledger.versions():
        assert [i["code"] for i in version.issues] == codes[version.file_name], version.file_name
    assert codes["bomb-lying-size.xlsx"] == codes["bomb-lying-sheet.xlsx"] == ["file-zip-bomb"]
    assert "personal-data-property" in codes["jmbg-in-properties.xlsx"]
    assert "personal-data-sheet-name" in codes["jmbg-in-sheet-name.xlsx"]
    assert "personal-data" in codes["jmbg-in-metadata-sheet.xlsx"]
    assert codes["properties-bad-xml.xlsx"] == ["file-corrupt"]


def test_the_sync_flags_a_shared_line_spent_by_two_institutions(office: Office) -> None:
    """Issue 15, point 5: MUP, on a version-2 template that still lists 4.2.2/2 (TAIEX, 4.500 EUR, 2018; first
    lead MRZBSP), reports spending on it; MRZBSP then reports spending on it too: the run flags MRZBSP's line,
    comparing it with the other institution's accepted report, and the Budget counts the line in MRZBSP's row."""
    spent = {("budget", "4.2.2/2", "spent_period"): 1000, ("budget", "4.2.2/2", "spent_year"): 3000}
    old = report_layout(office.plan, office.registry, "MUP", Period.parse("2018-03"), "en", template_version="2")
    filled_report(office.plan, office.registry, office.folder, "MUP", "2018-03", {**complete_monthly(old), **spent},
                  name="MUP_2018-03.xlsx", template_version="2")  # fmt: skip
    office.sync()
    office.submit("MRZBSP", "2018-04", spent)
    office.sync()
    issues = office.master()["Issues"]
    found = {(r[0], r[1], r[4]) for r in issues.iter_rows(min_row=4, values_only=True)}
    assert ("MRZBSP", "2018-04", "budget-line-spent-twice") in found
    assert ("MRZBSP", "2018-04", "budget-line-over-plan-total") in found  # 3.000 + 3.000 > 4.500
    budget = office.master()["Budget"]
    taiex = [r[:2] for r in budget.iter_rows(min_row=4, values_only=True) if r[2] == "TAIEX" and r[1] == "2018"]
    assert ("MUP", "2018") not in [tuple(r) for r in taiex]


def test_a_reports_date_is_judged_by_the_day_its_version_arrived(office: Office) -> None:
    """The cover's date is held to the day the version arrived: not to the day the master is worked out for
    (as_of), nor to the day it is looked at again, so checking a version again later gives the answer recorded.
    MZ's report, dated the day it arrived, is accepted; MUP's, dated the next day, is refused, though that day is
    long past by now."""
    cover_date = ("cover", "date", "value")
    due = CAL.due_date(Period.parse("2018-03")).due
    mz_path = office.submit("MZ", "2018-03", {cover_date: f"{due:%d.%m.%Y}"})
    mup_path = office.submit("MUP", "2018-03", {cover_date: f"{due + dt.timedelta(days=1):%d.%m.%Y}"})
    office.sync(now=lambda: belgrade(due, hour=16), as_of=due - dt.timedelta(days=3))
    (mz,), (mup,) = office.ledger.versions("MZ", "2018-03"), office.ledger.versions("MUP", "2018-03")
    assert mz.valid and mz.issues == []
    mup_cover = report_layout(office.plan, office.registry, "MUP", Period.parse("2018-03"), "en").cell_of(*cover_date)
    assert not mup.valid
    assert [(i["code"], i["sheet"], i["cell"]) for i in mup.issues] == [("report-date-in-future", *mup_cover)]

    for version, path in ((mz, mz_path), (mup, mup_path)):  # checked again a year later, by the day it arrived
        arrived = version.received_at.astimezone(run_module.BELGRADE).date()
        assert arrived == due
        _, again = check_grid(read_xlsx(path), office.plan, office.registry, checked_on=arrived)
        recorded = [(i["code"], i["sheet"], i["cell"]) for i in version.issues]
        assert [(i.code, i.sheet, i.cell) for i in again] == recorded
    _, by_today = check_grid(read_xlsx(mup_path), office.plan, office.registry)
    assert by_today == []  # what the version would be told by the day of the look, not the day it came


@pytest.mark.parametrize("lang", ["sr-Latn", "sr-Cyrl", "en"])
def test_a_master_that_cannot_be_written_is_said_in_the_masters_language(office: Office, lang: str) -> None:
    """The Coordinator's own sheet already has the name of the Budget table: the run says so, naming the workbook and
    the sheet, in the master's language, and leaves her workbook as it was."""
    office.settings = office.settings.model_copy(update={"master_lang": lang})
    budget = text_of("master.sheet.budget", lang)  # type: ignore[arg-type]
    path = office.settings.master_path()
    wb = openpyxl.Workbook()
    wb.active.title = budget
    wb.save(path)
    before = path.read_bytes()
    office.submit("MZ", "2018-03")

    summary = office.sync()

    quoted = f"'{budget}'" if lang == "en" else f"„{budget}“"  # Serbian quotes in Serbian
    assert len(summary.errors) == 1 and quoted in summary.errors[0] and str(path) in summary.errors[0]
    opening = {"sr-Latn": "Zbirna radna sveska", "sr-Cyrl": "Збирна радна свеска", "en": "The master workbook"}
    assert summary.errors[0].startswith(opening[lang])
    assert path.read_bytes() == before


def test_a_run_of_many_files_lists_those_with_something_to_say_and_counts_the_others(office: Office) -> None:
    """A first run brings every institution's reports at once: the command lists the invalid and the late ones and
    counts the others, rather than a row for each of them; a run of a few files lists each."""
    holders = reporting_institutions(office.plan, office.registry, "annual")  # the task holders
    codes = ["MZ", "MUP", *[c for c in holders if c not in ("MZ", "MUP")]][:11]
    bad_amount = {("tasks", "2.1.2", "status"): "completed", ("budget", "2.1.2/6", "spent_year"): "x"}
    office.submit("MZ", "2018-03", bad_amount)
    office.submit("MUP", "2018-04", late_days=2)
    for code in codes:
        for period in ("2018-03", "2018-04"):
            if not (office.folder / f"{code}_{period}.xlsx").exists():
                office.submit(code, period)
    files = len(list(office.folder.glob("*.xlsx")))
    assert files > 20
    config = str(write_config(office, "sr-Latn"))
    first = CliRunner().invoke(app, ["sync", "run", "--config", config])
    assert first.exit_code == 0, first.output
    listed = _listed(first.stdout)
    assert {("MZ", "2018-03"), ("MUP", "2018-04")} <= set(listed) and len(listed) < 6  # the invalid, the late
    said = " ".join(first.stdout.split())
    assert f"Ostale nove verzije ({files - len(listed)}): ispravne i dostavljene na vreme." in said
    office.submit("MZ", "2018-03")  # corrected: one new version, listed
    again = CliRunner().invoke(app, ["sync", "run", "--config", config])
    assert _listed(again.stdout) == [("MZ", "2018-03")] and "Ostale" not in again.stdout


def _listed(output: str) -> list[tuple[str, str]]:
    """(institution, period) of each row of the run's table (a row may fold onto more lines)."""
    cells = [[c.strip() for c in line.split("│")[1:3]] for line in output.splitlines() if line.startswith("│")]
    return [(code, period) for code, period in cells if code]


DIRECTION_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


def test_texts_typed_with_direction_controls_are_written_without_them(office: Office) -> None:
    """U+202E (right-to-left override) shows what follows reversed ("pay 1000" as something else), the isolates
    hide a text's real order: a typed text reached the master and the brief (xlsx and PDF) with them. Each is
    written without them, every other character as typed, the right-to-left mark too; the ledger keeps the text as
    it came."""
    office.settings = office.settings.model_copy(update={"first_period": "2017-12"})
    problem = "Isplatiti \u202e1000 dinara\u202c odmah\u200f"  # shown as "Isplatiti aranid 0001 odmah" before
    task_problem = "Недостају средства \u2067за обуку\u2069"
    narrative = "Saradnja \u202dsa tužilaštvom\u202c je spora"
    office.submit(
        "MZ",
        "2018-03",
        {
            ("tasks", "2.1.2", "status"): "delayed",
            ("tasks", "2.1.2", "problems"): task_problem,
            ("problems", "1", "task"): "2.1.2",
            ("problems", "1", "description"): problem,
        },
    )
    office.submit("MZ", "2017", {("narrative", "problems", "text"): narrative})
    assert not office.sync().errors

    def clean(text: str) -> str:  # recomputed here: each control dropped, nothing else
        return "".join(ch for ch in text if ch not in DIRECTION_CONTROLS)

    assert clean(problem) == "Isplatiti 1000 dinara odmah\u200f"
    master = office.master()
    cells = [v for ws in master.worksheets for r in ws.iter_rows(values_only=True) for v in r if isinstance(v, str)]
    assert not [v for v in cells if set(v) & set(DIRECTION_CONTROLS)]  # it was: all three texts
    assert {clean(problem), clean(task_problem), clean(narrative)} <= set(cells)

    accepted, latest = submissions(office.ledger)
    march, basis = Period.parse("2018-03"), Basis(run_id=None, run_finished_at=None, cut_off=belgrade(AS_OF))
    brief = minister_brief(office.plan, office.registry, accepted, latest, march, basis, DeadlinePolicy())
    (pdf, xlsx), _ = write_minister_brief(
        brief, office.plan, office.registry, "sr-Latn", office.tmp / "out", belgrade(AS_OF)
    )
    book = openpyxl.load_workbook(xlsx)
    cells = [v for ws in book.worksheets for r in ws.iter_rows(values_only=True) for v in r if isinstance(v, str)]
    assert not [v for v in cells if set(v) & set(DIRECTION_CONTROLS)]
    assert {clean(problem), clean(task_problem)} <= set(cells)
    printed = pdf_text(pdf)
    assert not set(printed) & set(DIRECTION_CONTROLS)
    flat = " ".join(printed.split())
    assert "Isplatiti 1000 dinara odmah" in flat and "Недостају средства за обуку" in flat

    stored = {v.period: v.report_json for v in office.ledger.versions("MZ")}
    assert problem in json.loads(stored["2018-03"] or "")["problems"][0]["description"]
    assert json.loads(stored["2017"] or "")["narrative"]["problems"] == narrative
