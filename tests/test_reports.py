"""The Coordinator's reports (issue 16): the Minister's brief and the Council report from a ledger built from the
demo data. Their numbers are recomputed here from the demo's own record of what it wrote, the report files
(read by the template parser) and the plan YAML, never by the report code."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml
from openpyxl import load_workbook
from typer.testing import CliRunner

from apmon.cli.app import app
from apmon.schemas.calendar import BELGRADE, Period, WorkingCalendar
from apmon.schemas.institutions import InstitutionRegistry
from apmon.schemas.messages import counted, text_of
from apmon.schemas.plan import Plan
from apmon.schemas.text import Lang
from apmon.sync.config import Config, ReportSettings, SyncSettings
from apmon.sync.demo_data import DemoSubmission, write_demo_reports
from apmon.sync.ledger import Ledger
from apmon.sync.report_content import Basis, council_report, span_days
from apmon.sync.report_format import date
from apmon.sync.reports import brief_after_sync, make_council_report, make_minister_brief
from apmon.sync.run import run_sync
from apmon.sync.service import sync_once
from apmon.sync.sources import FolderSource
from apmon.templates.layout import reporting_institutions
from apmon.templates.validation import validate_file
from tests.reports import complete_monthly, filled_report
from tests.test_ledger import postgres_admin_url, url  # noqa: F401  (ledger backends: SQLite and PostgreSQL)

FIRST, LAST = "2017-12", "2018-02"
MONTH = Period.parse(LAST)
NO_POPPLER = "poppler-utils (pdftotext, pdfinfo) not installed: apt-get install poppler-utils"
PLAN_YAML = Path(__file__).parent.parent / "templates" / "data" / "plan-2017-2018.yaml"
CYRILLIC = re.compile("[\u0400-\u04ff]")


def pdf_text(path: Path) -> str:
    if not shutil.which("pdftotext"):
        pytest.skip(NO_POPPLER)
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


def pdf_pages(path: Path) -> int:
    if not shutil.which("pdfinfo"):
        pytest.skip(NO_POPPLER)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))  # type: ignore[union-attr]


class DemoLedger:
    def __init__(self, folder: Path, written: list[DemoSubmission], config: Config, synced_at: dt.datetime) -> None:
        self.folder, self.written, self.config, self.synced_at = folder, written, config, synced_at


def sync(plan: Plan, registry: InstitutionRegistry, config: Config, ledger: Ledger) -> None:
    run_sync(
        plan=plan,
        registry=registry,
        ledger=ledger,
        sources=[FolderSource(config.sync.reports_folder())],
        settings=config.sync,
        calendar=WorkingCalendar(),
        as_of=dt.date(2018, 3, 31),
    )


def demo_ledger(plan: Plan, registry: InstitutionRegistry, folder: Path, ledger_url: str) -> DemoLedger:
    written = write_demo_reports(plan, registry, folder / "reports", first=FIRST, last=LAST)
    config = Config(
        sync=SyncSettings(
            data_dir=folder, folder=folder / "reports", ledger=ledger_url, first_period=FIRST, last_period=LAST
        )
    )
    ledger = Ledger.open(ledger_url)
    try:
        sync(plan, registry, config, ledger)
    finally:
        ledger.close()
    time.sleep(0.01)
    return DemoLedger(folder, written, config, dt.datetime.now(dt.UTC))


@pytest.fixture(scope="module")
def demo(plan: Plan, registry: InstitutionRegistry, tmp_path_factory: pytest.TempPathFactory) -> DemoLedger:
    folder = tmp_path_factory.mktemp("reports-demo")
    return demo_ledger(plan, registry, folder, f"sqlite:///{folder / 'ledger.sqlite'}")


# --- independent recomputation ------------------------------------------------------------------------------


def expected_reporting(demo: DemoLedger, registry_codes: list[str], period: str) -> dict[str, tuple[str, int | None]]:
    """Per institution: its month's state from the demo's record of the files it wrote, and working days late."""
    calendar = WorkingCalendar()
    found: dict[str, tuple[str, int | None]] = {}
    for code in registry_codes:
        mine = [s for s in demo.written if s.institution == code and s.period == period]
        if not mine:
            found[code] = ("missing", None)
            continue
        last = mine[-1]  # a resubmission is written after the version it corrects
        if last.invalid:
            found[code] = ("invalid", None)
        elif last.late:
            late = calendar.timeliness(Period.parse(period), last.submitted_at.astimezone(BELGRADE).date())
            found[code] = ("late", late.days_late)
        else:
            found[code] = ("on-time", None)
    return found


def valid_reports(demo: DemoLedger, plan: Plan, registry: InstitutionRegistry, up_to: str) -> list:  # type: ignore[type-arg]
    """The newest valid report of each institution and month up to `up_to`, parsed from the files."""
    newest: dict[tuple[str, str], DemoSubmission] = {}
    for s in demo.written:
        if not s.invalid and s.period <= up_to:
            newest[(s.institution, s.period)] = s
    reports = [validate_file(s.path, plan, registry).report for s in newest.values()]
    return sorted((r for r in reports if r is not None), key=lambda r: r.period)


def planned_rsd(year: int) -> dict[str, Decimal]:
    data = yaml.safe_load(PLAN_YAML.read_text(encoding="utf-8"))
    planned: dict[str, Decimal] = {}
    for objective in data["objectives"]:
        for activity in objective["activities"]:
            for task in activity["tasks"]:
                for line in task.get("budget", []):
                    if line.get("payer") and line.get("year") == year and line.get("currency") == "RSD":
                        planned[line["payer"]] = planned.get(line["payer"], Decimal(0)) + Decimal(str(line["amount"]))
    # A section 11 figure of an institution with no task line that year is planned at the institution's level.
    for total in data["financial_effects"]["action_plan"]["totals"]:
        if total["year"] == year and total["institution"] not in planned:
            planned[total["institution"]] = Decimal(str(total["amount"]))
    return planned


def serbian(amount: Decimal) -> str:
    return f"{amount:,.2f}".replace(",", " ").replace(".", ",").replace(" ", ".")


# --- the Minister's brief -----------------------------------------------------------------------------------


def test_brief_numbers_match_the_demo_files(
    demo: DemoLedger, plan: Plan, registry: InstitutionRegistry, tmp_path: Path
) -> None:
    ledger = Ledger.open(demo.config.sync.ledger_url())
    try:
        issued = make_minister_brief(
            demo.config, plan, registry, ledger, MONTH, lang="sr-Latn", out=tmp_path, record=False
        )
    finally:
        ledger.close()
    pdf, xlsx = issued.files
    assert xlsx.suffix == ".xlsx" and xlsx.stat().st_size > 0
    text = pdf_text(pdf)
    codes = reporting_institutions(plan, registry)
    expected = expected_reporting(demo, codes, LAST)
    states = [state for state, _ in expected.values()]
    on_time, late = states.count("on-time"), states.count("late")
    assert f"dostavile su institucije: {on_time + late} od {len(codes)} ({on_time} u roku, {late} sa zakašnjenjem)" in (
        " ".join(text.split())
    )
    invalid = serbian_count(states.count("invalid"), "neispravan", "neispravna", "neispravnih")
    missing = serbian_count(states.count("missing"), "nedostaje", "nedostaju", "nedostaje")
    assert f"{invalid}, {missing}. Rok je bio" in " ".join(text.split())
    for code, (state, days) in expected.items():
        if state == "late":
            assert f"{code} ({days})" in text, code
    # Budget 2018 to date: planned from the plan YAML, spent from each institution's newest valid report of 2018.
    planned = planned_rsd(2018)
    spent: dict[str, Decimal] = {}
    for report in valid_reports(demo, plan, registry, LAST):
        if report.period.startswith("2018"):
            spent[report.institution] = sum(
                (b.spent_year for b in report.budget if b.currency == "RSD" and b.spent_year is not None), Decimal(0)
            )
    total_planned = sum((planned.get(c, Decimal(0)) for c in codes), Decimal(0))
    total_spent = sum(spent.values(), Decimal(0))
    assert total_spent > 0
    assert f"utrošeno {serbian(total_spent)} od planiranih {serbian(total_planned)} RSD" in " ".join(text.split())
    # Tasks completed to date: the newest report of every lead asked for reports says completed (the Council, the
    # Coordinator and the Working Group, co-lead of some tasks, are never asked).
    never_asked = {i.code for i in registry.institutions if not i.reports}
    lead_status: dict[tuple[str, str], str] = {}
    for report in valid_reports(demo, plan, registry, LAST):
        for entry in report.tasks:
            if entry.role == "lead" and entry.status:
                lead_status[(entry.task_id, report.institution)] = entry.status

    def done_by_leads(t: Any) -> bool:
        asked = [c for c in t.lead if c not in never_asked]
        return bool(asked) and all(lead_status.get((t.id, c)) == "completed" for c in asked)

    done = sum(done_by_leads(t) for t in plan.tasks())
    assert f"ukupno završeno: {done} od {len(plan.tasks())}" in " ".join(text.split())
    # Overdue: the activity's dated deadline (plan YAML) passed by the month's end, the task not completed; a
    # continuous task still open when its period ends is not overdue.
    data = yaml.safe_load(PLAN_YAML.read_text(encoding="utf-8"))
    deadlines = {
        task["id"]: activity["deadline"]["end"]
        for objective in data["objectives"]
        for activity in objective["activities"]
        for task in activity["tasks"]
        if activity["deadline"]["kind"] == "due"
    }
    completed = {t.id for t in plan.tasks() if done_by_leads(t)}
    overdue = {t for t, end in deadlines.items() if end <= MONTH.last_day and t not in completed}
    book = load_workbook(xlsx, read_only=True)
    listed = {r[0] for r in book["Zadaci sa isteklim rokom"].iter_rows(min_row=4, values_only=True) if r[0]}
    assert listed == overdue
    # Problems and risks of the month: every task row with a problem or a risk, every problem row, in the files; a
    # problem row that repeats its task row's problem (case, spacing and a closing full stop aside) is one problem.
    month_reports = [r for r in valid_reports(demo, plan, registry, LAST) if r.period == LAST]
    problems = sum(bool(e.problems) + bool(e.risks) for r in month_reports for e in r.tasks)

    def same(text: str | None) -> str:
        return " ".join((text or "").lower().split()).rstrip(".")

    for r in month_reports:
        in_rows = {(e.task_id, same(e.problems)) for e in r.tasks if e.problems}
        problems += sum(bool(p.description) and (p.task_id, same(p.description)) not in in_rows for p in r.problems)
    problems += sum(bool(r.narrative.get("problems")) for r in month_reports if r.duty == "member")  # short reports
    rows = [r for r in book["Problemi i rizici"].iter_rows(min_row=4, values_only=True) if r[0] == LAST]
    assert len(rows) == problems > 0
    assert pdf_pages(pdf) <= 2
    assert issued.pages == pdf_pages(pdf)


def test_a_cyrillic_brief_is_in_cyrillic(
    demo: DemoLedger, plan: Plan, registry: InstitutionRegistry, tmp_path: Path
) -> None:
    ledger = Ledger.open(demo.config.sync.ledger_url())
    try:
        issued = make_minister_brief(
            demo.config, plan, registry, ledger, MONTH, lang="sr-Cyrl", out=tmp_path, record=False
        )
    finally:
        ledger.close()
    text = pdf_text(issued.files[0])
    assert len(CYRILLIC.findall(text)) > 200
    assert "Месечна информација министру унутрашњих послова" in text
    assert pdf_pages(issued.files[0]) <= 2
    fonts = subprocess.run(["pdffonts", str(issued.files[0])], capture_output=True, text=True).stdout
    assert "Report-Sans" in fonts and " yes " in fonts  # DejaVu Sans, embedded


def test_as_of_reproduces_a_brief_without_a_version_that_arrived_later(
    plan: Plan, registry: InstitutionRegistry, tmp_path: Path
) -> None:
    demo = demo_ledger(plan, registry, tmp_path, f"sqlite:///{tmp_path / 'ledger.sqlite'}")
    expected = expected_reporting(demo, reporting_institutions(plan, registry), LAST)
    code = next(c for c, (state, _) in expected.items() if state == "on-time")
    ledger = Ledger.open(demo.config.sync.ledger_url())
    try:
        first = make_minister_brief(demo.config, plan, registry, ledger, MONTH, lang="en", out=tmp_path / "a")
        cut_off = first.basis.cut_off
        # The institution sends its report again now, with an error: a new version, after the brief's cut-off. (A
        # valid one would change nothing: a report sent on time stays on time whatever correction comes later.)
        path, layout = filled_report(plan, registry, tmp_path, code, LAST, {}, name="again.xlsx")
        task = layout.sheet("tasks").rows[0].key
        edits = {**complete_monthly(layout), ("tasks", task, "status"): None}
        filled_report(plan, registry, tmp_path, code, LAST, edits, name="again.xlsx")
        shutil.move(path, demo.config.sync.reports_folder() / LAST / f"{code}_{LAST}_again.xlsx")
        sync(plan, registry, demo.config, ledger)
        now = make_minister_brief(
            demo.config, plan, registry, ledger, MONTH, lang="en", out=tmp_path / "b", record=False
        )
        again = make_minister_brief(
            demo.config, plan, registry, ledger, MONTH, lang="en", out=tmp_path / "c", as_of=cut_off
        )
    finally:
        ledger.close()
    original, current, reproduced = (pdf_text(i.files[0]) for i in (first, now, again))

    def listed(text: str, state: str) -> str:
        return next((line for line in text.splitlines() if line.strip().startswith(state)), "")

    newer_invalid = "the valid report counts, a newer version is invalid:"
    assert code in listed(original, "on time:") and code not in listed(original, newer_invalid)
    assert code in listed(current, "on time:") and code in listed(current, newer_invalid)

    def body(text: str) -> str:  # the line saying it was made again is the one difference
        return text.replace("This report was made again from the data known at the cut-off.", "")

    assert " ".join(body(reproduced).split()) == " ".join(body(original).split())
    assert again.recorded is False and first.recorded is True


def test_a_brief_made_as_of_a_runs_start_does_not_name_that_run(
    demo: DemoLedger, plan: Plan, registry: InstitutionRegistry, tmp_path: Path
) -> None:
    """The brief's data line says the run it was made from finished before its cut-off: as of the demo's run's
    start, no run had finished (the line says none); as of its finish, that run. The runs' times are read from the
    ledger's own table here, not from the report code."""
    ledger = Ledger.open(demo.config.sync.ledger_url())
    try:
        (run,) = ledger.runs()
        assert run.finished_at is not None and run.started_at < run.finished_at
        at_start, at_finish = (
            make_minister_brief(
                demo.config, plan, registry, ledger, MONTH, lang="en", out=tmp_path / name, as_of=moment
            )
            for name, moment in (("start", run.started_at), ("finish", run.finished_at))
        )
    finally:
        ledger.close()
    assert (at_start.basis.run_id, at_start.basis.run_finished_at) == (None, None)
    assert (at_finish.basis.run_id, at_finish.basis.run_finished_at) == (run.id, run.finished_at)
    said = " ".join(pdf_text(at_start.files[0]).split())
    assert "last sync run before the cut-off no. none (none)" in said, said


# --- the Council report ---------------------------------------------------------------------------------------


def copied_ledger(demo: DemoLedger, folder: Path) -> Config:
    """The demo's configuration on a copy of its SQLite ledger: a test that records reports as issued leaves the
    demo's own ledger as the other tests read it."""
    folder.mkdir(parents=True, exist_ok=True)
    copy = folder / "ledger.sqlite"
    shutil.copy(demo.folder / "ledger.sqlite", copy)
    return demo.config.model_copy(update={"sync": demo.config.sync.model_copy(update={"ledger": f"sqlite:///{copy}"})})


def belgrade_noon(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, 12, tzinfo=BELGRADE).astimezone(dt.UTC)


def test_reports_of_a_configured_as_of_day_are_worked_out_for_that_day_not_today(
    demo: DemoLedger, plan: Plan, registry: InstitutionRegistry, tmp_path: Path
) -> None:
    """[sync] as_of (the demo's 31 January 2019) is the day the master is worked out for: the brief and the Council
    report made with it are too. They count the versions submitted by the end of that day, though the ledger read
    them later (today), and the Council's days run to that day: not the thousands of days to the real today."""
    calendar = WorkingCalendar()
    day = calendar.due_date(MONTH).due + dt.timedelta(days=2)
    end_of_day = dt.datetime.combine(day + dt.timedelta(days=1), dt.time(), BELGRADE)
    sent_later = [s for s in demo.written if s.period == LAST and not s.invalid and s.submitted_at >= end_of_day]
    assert sent_later, "no report of the month sent after the day: the test would not tell the days apart"
    config = copied_ledger(demo, tmp_path / "ledger")
    config = config.model_copy(update={"sync": config.sync.model_copy(update={"as_of": day})})
    codes = reporting_institutions(plan, registry)
    on_time = late = 0
    for code in codes:  # from the demo's record of the files: the valid versions sent by the end of the day
        sent = [s for s in demo.written if s.institution == code and s.period == LAST and not s.invalid]
        sent = [s for s in sent if s.submitted_at < end_of_day]
        if any(not s.late for s in sent):
            on_time += 1
        elif sent:
            late += 1
    ledger = Ledger.open(config.sync.ledger_url())
    try:
        brief = make_minister_brief(config, plan, registry, ledger, MONTH, lang="sr-Latn", out=tmp_path, record=False)
        council = make_council_report(
            config, plan, registry, ledger, MONTH, first=Period.parse("2018-01"), lang="en", out=tmp_path / "c",
            record=False,
        )  # fmt: skip
    finally:
        ledger.close()
    text = " ".join(pdf_text(brief.files[0]).split())
    said = f"dostavile su institucije: {on_time + late} od {len(codes)} ({on_time} u roku, {late} sa zakašnjenjem)"
    assert said in text, text
    assert f"Datum: {date(day, 'sr-Latn')}" in text  # dated that day, not today
    started = dt.date(2017, 12, 1)  # the demo's first_period
    assert council.gap is not None and council.gap.from_start
    assert (council.gap.this, council.gap.days) == (day, (day - started).days)


def test_the_60_day_warning_counts_the_days_since_the_previous_council_report(
    demo: DemoLedger, plan: Plan, registry: InstitutionRegistry, tmp_path: Path
) -> None:
    """Seed 10.2: the Council is informed at least every 60 days. The warning measured the months a report covers:
    reporting every two months drew it (March-April is 61 days) while a short --from after months of silence drew
    none. It counts the days from the previous Council report's issue to this one's cut-off (its issue day)."""
    config = copied_ledger(demo, tmp_path / "ledger")
    # Reports up to May 2018: months owed only once last_period reaches them (the demo's ledger stops at February).
    config = config.model_copy(update={"sync": config.sync.model_copy(update={"last_period": "2018-05"})})
    day0 = demo.synced_at.astimezone(BELGRADE).date() + dt.timedelta(days=1)  # after the demo's sync: data counted
    second, third = day0 + dt.timedelta(days=59), day0 + dt.timedelta(days=59 + 61)

    def issue(day: dt.date, last: str, first: str | None = None) -> Any:
        ledger = Ledger.open(config.sync.ledger_url())
        try:
            return make_council_report(
                config, plan, registry, ledger, Period.parse(last), first=Period.parse(first) if first else None,
                lang="en", out=tmp_path / str(day), now=lambda: belgrade_noon(day),
            )  # fmt: skip
        finally:
            ledger.close()

    def said(issued: Any) -> str:
        return " ".join(pdf_text(issued.files[0]).split())

    # The first Council report: no previous one, so the days count from the start of monitoring (first_period's
    # first day), years before the demo's sync: it warns, and says what it counted from.
    one = issue(day0, "2018-02", first=FIRST)
    started = dt.date(2017, 12, 1)  # FIRST, the demo's first_period
    assert (one.days, one.exceeds) == (90, True)
    assert one.gap is not None and (one.gap.previous, one.gap.this, one.gap.days) == (
        started,
        day0,
        (day0 - started).days,
    )
    assert "This is the first report to the Council in the ledger" in said(one)
    assert f"counted from the start of monitoring on {date(started, 'en')}" in said(one)
    # Two months on, 59 days after the first: March-April spans 61 days, but the Council waited 59.
    two = issue(second, "2018-04")
    assert (two.first, two.days, two.exceeds) == ("2018-03", 61, False)
    assert two.gap is not None and (two.gap.previous, two.gap.this, two.gap.days) == (day0, second, 59)
    assert "more than 60" not in said(two)
    # A one-month report 61 days after the second: the Council waited too long, whatever the span.
    three = issue(third, "2018-05", first="2018-05")
    assert (three.days, three.exceeds) == (31, True)
    assert three.gap is not None and (three.gap.days, three.gap.previous) == ((third - second).days, second) == (
        61,
        second,
    )
    text = said(three)
    assert "The previous report to the Council was issued on" in text and "61 days apart, more than 60" in text
    assert date(second, "en") in text and date(third, "en") in text


@pytest.mark.parametrize(
    ("previous", "cut_off", "days", "exceeds"),
    [
        ((2018, 3, 1, 0, 30), (2018, 4, 30, 12, 0), 60, False),  # just after midnight in Belgrade: 28 Feb in UTC
        ((2018, 3, 1, 12, 0), (2018, 5, 1, 8, 0), 61, True),
        # The first Council report: counted from the start of monitoring, 1 March 2018 here
        (None, (2018, 4, 30, 23, 30), 60, False),
        (None, (2018, 5, 1, 0, 30), 61, True),  # just after midnight in Belgrade: 30 April in UTC
    ],
)
def test_the_council_gap_counts_belgrade_days_from_the_previous_issue_to_the_cut_off(
    plan: Plan, registry: InstitutionRegistry, previous: Any, cut_off: Any, days: int, exceeds: bool
) -> None:
    def moment(parts: tuple[int, ...]) -> dt.datetime:
        return dt.datetime(*parts, tzinfo=BELGRADE).astimezone(dt.UTC)

    informed = moment(previous) if previous else None
    started = dt.date(2018, 3, 1)
    basis = Basis(run_id=None, run_finished_at=None, cut_off=moment(cut_off))
    # A span of March-April (61 days) whatever the gap: the span is not what is counted.
    start, end = Period.parse("2018-03"), Period.parse("2018-04")
    policy = WorkingCalendar().policy
    report = council_report(plan, registry, [], [], start, end, basis, policy, informed=informed, started=started)
    assert report.days == span_days(start, end) == 61
    assert report.gap is not None and (report.gap.days, report.exceeds) == (days, exceeds)
    # the days counted by hand from the Belgrade calendar dates
    assert (report.gap.this - report.gap.previous).days == days and report.gap.this == dt.date(*cut_off[:3])
    assert report.gap.previous == (dt.date(*previous[:3]) if previous else started)
    assert report.gap.from_start is (previous is None)


@pytest.mark.parametrize(
    ("first_period", "waited", "exceeds"),
    [("2017-12", 60, False), ("2017-12", 61, True), ("2016-06", 60, False), ("2016-06", 61, True)],
)
def test_the_first_council_report_counts_the_60_days_from_the_start_of_monitoring(
    demo: DemoLedger,
    plan: Plan,
    registry: InstitutionRegistry,
    tmp_path: Path,
    first_period: str,
    waited: int,
    exceeds: bool,
) -> None:
    """The first Council report in the ledger has no previous one to count from. It counts from the start of
    monitoring (first_period's first day; a first_period before the plan's start counts from the plan's start,
    1 January 2017 in the seed's Action Plan 2017-2018) and warns past 60 days, saying why it counts from there."""
    config = copied_ledger(demo, tmp_path / "ledger")
    config = config.model_copy(update={"sync": config.sync.model_copy(update={"first_period": first_period})})
    started = dt.date(2017, 12, 1) if first_period == "2017-12" else dt.date(2017, 1, 1)
    today = started + dt.timedelta(days=waited)
    ledger = Ledger.open(config.sync.ledger_url())
    try:
        assert ledger.issued("council") == []  # no Council report in the ledger: this is the first
        issued = make_council_report(
            config, plan, registry, ledger, MONTH, first=Period.parse("2018-01"), lang="en", out=tmp_path,
            record=False, now=lambda: belgrade_noon(today),
        )  # fmt: skip
    finally:
        ledger.close()
    assert issued.gap is not None and issued.gap.from_start
    assert (issued.gap.previous, issued.gap.this, issued.gap.days, issued.exceeds) == (started, today, waited, exceeds)
    text = " ".join(pdf_text(issued.files[0]).split())
    assert "This is the first report to the Council in the ledger" in text
    warning = (
        "No earlier report to the Council is in the ledger, so the 60 days are counted from the start of monitoring on "
        f"{date(started, 'en')}; this report's data cut-off is {date(today, 'en')}: {waited} days apart, more than 60"
    )
    assert (warning in text) is exceeds, text
    sheet = load_workbook(issued.files[1], read_only=True).worksheets[0]
    cells = " ".join(str(c) for row in sheet.iter_rows(values_only=True) for c in row if c)
    assert (warning in " ".join(cells.split())) is exceeds


@pytest.mark.parametrize(("waited", "exceeds"), [(60, False), (61, True)])
def test_the_council_pdf_and_xlsx_say_so_past_60_days_since_the_previous_report(
    demo: DemoLedger, plan: Plan, registry: InstitutionRegistry, tmp_path: Path, waited: int, exceeds: bool
) -> None:
    config = copied_ledger(demo, tmp_path / "ledger")
    today = demo.synced_at.astimezone(BELGRADE).date() + dt.timedelta(days=1)
    before = today - dt.timedelta(days=waited)
    ledger = Ledger.open(config.sync.ledger_url())
    try:
        ledger.record_issued(
            kind="council", first_period="2017-11", last_period="2017-11", issued_at=belgrade_noon(before),
            cut_off=belgrade_noon(before), run_id=None, lang="en", files=[],
        )  # fmt: skip
        issued = make_council_report(
            config, plan, registry, ledger, MONTH, first=Period.parse("2018-01"), lang="sr-Cyrl", out=tmp_path,
            record=False, now=lambda: belgrade_noon(today),
        )  # fmt: skip
    finally:
        ledger.close()
    assert issued.exceeds is exceeds and issued.gap is not None and issued.gap.days == (today - before).days == waited
    text = " ".join(pdf_text(issued.files[0]).split())
    assert ("више од 60" in text) is exceeds  # Cyrillic: the same sentence, transliterated
    assert (f"издат је {date(before, 'sr-Cyrl')}" in text) is exceeds
    sheet = load_workbook(issued.files[1], read_only=True).worksheets[0]
    cells = " ".join(str(c) for row in sheet.iter_rows(values_only=True) for c in row if c)
    assert ("више од 60" in cells) is exceeds


def test_the_council_span_starts_after_the_last_council_report_issued(
    url: str,  # noqa: F811
    plan: Plan,
    registry: InstitutionRegistry,
    tmp_path: Path,
) -> None:
    demo = demo_ledger(plan, registry, tmp_path, url)
    ledger = Ledger.open(url)
    try:
        one = make_council_report(
            demo.config, plan, registry, ledger, Period.parse("2018-01"), lang="en", out=tmp_path / "one"
        )
        assert (one.first, one.last, one.recorded) == (FIRST, "2018-01", True)  # the first: from the first month
        two = make_council_report(demo.config, plan, registry, ledger, MONTH, lang="en", out=tmp_path / "two")
        assert (two.first, two.last) == ("2018-02", LAST)
        again = make_council_report(demo.config, plan, registry, ledger, MONTH, lang="en", out=tmp_path / "two")
        assert (again.first, again.last) == ("2018-02", LAST)  # issued again: the same span
        rows = ledger.issued("council")
    finally:
        ledger.close()
    assert [(r.first_period, r.last_period) for r in rows] == [(FIRST, "2018-01"), ("2018-02", LAST), ("2018-02", LAST)]
    assert all(r.cut_off.tzinfo is not None and r.files for r in rows)
    text = " ".join(pdf_text(two.files[0]).split())
    assert "Previous report to the Council: December 2017 – January 2018" in text


def demo_config_file(demo: DemoLedger, folder: Path) -> Path:
    """An apmon.toml in `folder` for the demo's ledger, as a Coordinator's command reads it."""
    config = folder / "apmon.toml"
    config.write_text(
        f'[sync]\ndata_dir = "{demo.folder.as_posix()}"\nledger = "{demo.config.sync.ledger_url()}"\n'
        f'first_period = "{FIRST}"\n',
        encoding="utf-8",
    )
    return config


@pytest.mark.parametrize(("waited", "warned"), [(60, False), (61, True)])
def test_the_council_command_warns_plainly_only_past_60_days_since_the_previous_report(
    demo: DemoLedger, tmp_path: Path, waited: int, warned: bool
) -> None:
    """A short span (January-February) draws the warning when the previous Council report was issued more than 60
    days before today."""
    config = copied_ledger(demo, tmp_path / "ledger")
    today = dt.datetime.now(BELGRADE).date()
    ledger = Ledger.open(config.sync.ledger_url())
    try:
        at = belgrade_noon(today - dt.timedelta(days=waited))
        ledger.record_issued(kind="council", first_period=FIRST, last_period=FIRST, issued_at=at, cut_off=at,
                             run_id=None, lang="en", files=[])  # fmt: skip
    finally:
        ledger.close()
    path = tmp_path / "apmon.toml"
    path.write_text(
        f'[sync]\ndata_dir = "{demo.folder.as_posix()}"\nledger = "{config.sync.ledger_url()}"\n'
        f'first_period = "{FIRST}"\n',
        encoding="utf-8",
    )
    args = ["report", "council", "--to", LAST, "--from", "2018-01", "--draft", "--config", str(path)]
    result = CliRunner().invoke(app, [*args, "--out", str(tmp_path / "out"), "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert ("Warning: the previous report to the Council was issued on" in result.stderr) is warned, result.stderr
    assert sorted(p.suffix for p in (tmp_path / "out").iterdir()) == [".pdf", ".xlsx"]
    if warned:  # both days as the reader writes them, and the days between counted here
        assert "61 days apart, more than 60" in " ".join(result.stderr.split())
        serbian = CliRunner().invoke(app, [*args, "--out", str(tmp_path / "sr")])
        shown = " ".join(serbian.stderr.split())
        before = today - dt.timedelta(days=61)
        assert f"izdat je {before:%d.%m.%Y}." in shown and f"{today:%d.%m.%Y}." in shown, shown
        assert "razmak je 61 dan," in shown, shown
        assert re.search(r"presek podataka \d\d\.\d\d\.\d{4}\. \d\d:\d\d", serbian.stdout), serbian.stdout


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        (
            "en",
            "Warning: no earlier report to the Council is in the ledger, so the days are counted from the start of "
            "monitoring on {start}; this one's data cut-off is {today}: {days} apart, more than 60.",
        ),
        (
            "sr-Latn",
            "Upozorenje: nijedan raniji izveštaj Savetu nije u evidenciji, pa se dani računaju od početka "
            "praćenja, {start}; presek podataka ovog izveštaja je {today}: razmak je {days}, više od 60.",
        ),
        (
            "sr-Cyrl",
            "Упозорење: ниједан ранији извештај Савету није у евиденцији, па се дани рачунају од почетка "
            "праћења, {start}; пресек података овог извештаја је {today}: размак је {days}, више од 60.",
        ),
    ],
)
def test_the_first_council_report_warns_from_the_start_of_monitoring_in_every_language(
    demo: DemoLedger, tmp_path: Path, lang: Lang, said: str
) -> None:
    """`apmon report council` with no Council report in the ledger: the days since the start of monitoring
    (first_period's first day, 1 December 2017), today years later, counted here from the calendar."""
    config = copied_ledger(demo, tmp_path / "ledger")
    path = tmp_path / "apmon.toml"
    path.write_text(
        f'[sync]\ndata_dir = "{demo.folder.as_posix()}"\nledger = "{config.sync.ledger_url()}"\n'
        f'first_period = "{FIRST}"\n',
        encoding="utf-8",
    )
    args = ["report", "council", "--to", LAST, "--draft", "--config", str(path), "--lang", lang]
    result = CliRunner().invoke(app, [*args, "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    today, started = dt.datetime.now(BELGRADE).date(), dt.date(2017, 12, 1)
    n = (today - started).days  # "1 dan", "2 dana", "5 dana": the word agrees with the number
    days = {"en": f"{n:,} days", "sr-Latn": serbian_count(n, "dan", "dana", "dana")}.get(lang)
    days = days or serbian_count(n, "дан", "дана", "дана")
    expected = said.format(start=date(started, lang), today=date(today, lang), days=days)
    assert expected in " ".join(result.stderr.split()), result.stderr


def serbian_count(n: int, one: str, few: str, many: str) -> str:
    """A number, thousands grouped with a dot as Serbian writes them, with the word that agrees with it: 1, 21
    (one); 2-4, 22-24 (few); 0, 5-20, 25-30 (many)."""
    shown = f"{n:,}".replace(",", ".")
    if n % 10 == 1 and n % 100 != 11:
        return f"{shown} {one}"
    return f"{shown} {few if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14 else many}"


@pytest.mark.parametrize("n", [1, 2, 4, 5, 11, 12, 21, 22, 25])
def test_the_briefs_counts_agree_with_their_words(n: int) -> None:
    """'2 neispravnih' and 'još 4 nezavršenih' read wrong to a Serbian reader: the word takes the number's form."""
    assert counted(n, "invalid_report", "sr-Latn") == serbian_count(n, "neispravan", "neispravna", "neispravnih")
    assert counted(n, "missing_report", "sr-Latn") == serbian_count(n, "nedostaje", "nedostaju", "nedostaje")
    assert counted(n, "more_not_completed", "sr-Latn") == serbian_count(n, "nezavršen", "nezavršena", "nezavršenih")
    said = text_of("report.summary.reported", "sr-Latn", reported=1, due=2, month="m", on_time=1, late=0,
                   invalid=counted(n, "invalid_report", "sr-Latn"), missing=counted(n, "missing_report", "sr-Latn"),
                   due_date="d")  # fmt: skip
    assert serbian_count(n, "neispravan", "neispravna", "neispravnih") in said


def test_the_brief_refuses_a_year(demo: DemoLedger) -> None:
    result = CliRunner().invoke(app, ["report", "minister", "--period", "2018"])
    assert result.exit_code == 2
    assert result.stderr.startswith("Greška: ") and "YYYY-MM" in result.stderr  # Serbian by default (issue 17)


@pytest.mark.parametrize(
    "words",
    [
        ["minister", "--period", "2016-05"],  # before the plan: it was a traceback (KeyError report.state.not-owed)
        ["minister", "--period", "2017-11"],  # before the first month monitored: every institution "missing"
        ["council", "--from", "2017-11", "--to", LAST],
    ],
)
def test_a_report_on_months_before_reporting_began_is_refused_plainly(
    demo: DemoLedger, tmp_path: Path, words: list[str]
) -> None:
    config = demo_config_file(demo, tmp_path)
    args = ["report", *words, "--draft", "--config", str(config), "--out", str(tmp_path / "out")]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 2, result.output  # a usage error: a month outside those monitored
    assert result.stderr.startswith("Greška: ") and "2017-12" in result.stderr and "first_period" in result.stderr
    assert "Traceback" not in result.output and not (tmp_path / "out").exists()
    english = CliRunner().invoke(app, [*args, "--lang", "en"])
    assert english.stderr.startswith("Error: reporting begins in December 2017"), english.stderr


def test_the_briefs_task_summary_reads_right_in_serbian() -> None:
    fields = {"completed_month": 1, "completed": 2, "total": 10, "overdue": 3, "delayed": 4}
    assert text_of("report.summary.tasks", "sr-Latn", **fields) == (
        "Zadaci: završeno u mesecu: 1, ukupno završeno: 2 od 10; sa isteklim rokom: 3, kasni: 4"
    )  # it was "sa isteklim rokom: 3, rokom, 4 kasni"


def test_the_scheduled_sync_issues_the_brief_once_the_deadline_has_passed(
    plan: Plan, registry: InstitutionRegistry, tmp_path: Path
) -> None:
    demo = demo_ledger(plan, registry, tmp_path, f"sqlite:///{tmp_path / 'ledger.sqlite'}")
    briefs = tmp_path / "briefs"
    settings = demo.config.model_copy(
        update={
            "reports": ReportSettings(minister_after_deadline=True, folder=briefs, lang="en"),
            "sync": demo.config.sync.model_copy(update={"master_lang": "en"}),  # the summary in English
        }
    )
    due = WorkingCalendar().due_date(MONTH).due
    # On February's deadline day, January's deadline is the latest one passed: its brief comes with the sync.
    summary = sync_once(settings, "schedule", as_of=due)
    assert [n for n in summary.done if "brief" in n] == [
        f"Minister's brief for January 2018 issued: {briefs}/minister-2018-01-en.pdf"  # was "for 2018-01"
    ]
    ledger = Ledger.open(settings.sync.ledger_url())
    try:
        assert brief_after_sync(settings, plan, registry, ledger, due) is None  # issued once
        february = brief_after_sync(settings, plan, registry, ledger, due + dt.timedelta(days=1))
        assert february is not None and february.first == LAST and february.recorded
        assert brief_after_sync(settings, plan, registry, ledger, due + dt.timedelta(days=9)) is None
        assert [r.last_period for r in ledger.issued("minister")] == ["2018-01", LAST]
        # The brief the unattended sync issued, no `[reports] coordinator`: not under the account the service runs
        # as (SYSTEM, a service user), which a Coordinator taking over would read as who issued it.
        assert ledger.issued("minister")[0].issued_by == "apmon:sync"  # a marker, said in each reader's words
    finally:
        ledger.close()
    assert sorted(p.name for p in briefs.iterdir()) == [
        "minister-2018-01-en.pdf",
        "minister-2018-01-en.xlsx",
        "minister-2018-02-en.pdf",
        "minister-2018-02-en.xlsx",
    ]
    # February's brief says what changed since January's.
    assert "What changed since the previous brief" in pdf_text(february.files[0])
    assert "No previous brief was issued." not in pdf_text(february.files[0])


def test_the_english_reports_name_the_council_and_the_coordinator_as_the_strategy_does(
    demo: DemoLedger, plan: Plan, registry: InstitutionRegistry, tmp_path: Path
) -> None:
    """Seed 10.1: "The Council for the Fight against Human Trafficking", "National Coordinator for Fight against
    Human Trafficking"; the registry's names follow it. Not "... for Combating Human Trafficking"."""
    ledger = Ledger.open(demo.config.sync.ledger_url())
    try:
        issued = make_council_report(
            demo.config, plan, registry, ledger, MONTH, first=Period.parse("2018-01"), lang="en", out=tmp_path,
            record=False,
        )  # fmt: skip
    finally:
        ledger.close()
    text = " ".join(pdf_text(issued.files[0]).split())
    assert "Report to the Council for the Fight against Human Trafficking" in text
    assert "National Coordinator for the Fight against Human Trafficking" in text
    assert registry.get("NK").name.en == "National Coordinator for the Fight against Human Trafficking"
    assert "Combating" not in text


def test_a_report_of_a_configured_day_does_not_say_that_later_arrivals_are_left_out(
    demo: DemoLedger, plan: Plan, registry: InstitutionRegistry, tmp_path: Path
) -> None:
    """A report of `[sync] as_of` counts the versions submitted by the end of that day, though the ledger read them
    later (the demo's, today): its data line said 'last sync run before the cut-off' of a run that finished today,
    years after that cut-off, and 'versions that arrived later are not counted' of versions it counted."""
    day = WorkingCalendar().due_date(MONTH).due + dt.timedelta(days=2)
    config = copied_ledger(demo, tmp_path / "ledger")
    config = config.model_copy(update={"sync": config.sync.model_copy(update={"as_of": day})})
    ledger = Ledger.open(config.sync.ledger_url())
    try:
        read = [r.finished_at for r in ledger.runs() if r.finished_at is not None]
        brief = make_minister_brief(config, plan, registry, ledger, MONTH, lang="en", out=tmp_path, record=False)
    finally:
        ledger.close()
    assert read and min(read).date() > day  # every version arrived after the day
    text = " ".join(pdf_text(brief.files[0]).split())
    assert "arrived later are not counted" not in text and "before the cut-off" not in text, text
    assert f"submitted by the end of {date(day, 'en')}" in text, text
