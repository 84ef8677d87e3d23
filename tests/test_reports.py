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
from apmon.sync.config import Config, ReportSettings, SyncSettings
from apmon.sync.demo_data import DemoSubmission, write_demo_reports
from apmon.sync.ledger import Ledger
from apmon.sync.report_content import Basis, council_report, span_days
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


# --- the Council report ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("first", "last", "days", "exceeds"),
    [("2018-02", "2018-03", 59, False), ("2020-02", "2020-03", 60, False), ("2018-03", "2018-04", 61, True)],
)
def test_the_60_day_warning_exactly_when_the_span_exceeds_60_days(
    plan: Plan, registry: InstitutionRegistry, first: str, last: str, days: int, exceeds: bool
) -> None:
    # The days counted by hand: first day of the first month to the last day of the last, both included.
    start, end = Period.parse(first), Period.parse(last)
    assert (end.last_day - start.first_day).days + 1 == days
    assert span_days(start, end) == days
    basis = Basis(run_id=None, run_finished_at=None, cut_off=dt.datetime(2020, 5, 1, tzinfo=dt.UTC))
    report = council_report(plan, registry, [], [], start, end, basis, WorkingCalendar().policy)
    assert (report.days, report.exceeds) == (days, exceeds)


@pytest.mark.parametrize(("first", "exceeds"), [("2018-01", False), ("2017-12", True)])
def test_the_council_pdf_says_so_when_the_span_exceeds_60_days(
    demo: DemoLedger, plan: Plan, registry: InstitutionRegistry, tmp_path: Path, first: str, exceeds: bool
) -> None:
    ledger = Ledger.open(demo.config.sync.ledger_url())
    try:
        issued = make_council_report(
            demo.config, plan, registry, ledger, MONTH, first=Period.parse(first), lang="en", out=tmp_path, record=False
        )
    finally:
        ledger.close()
    text = " ".join(pdf_text(issued.files[0]).split())
    assert ("The span of this report exceeds 60 days" in text) is exceeds
    assert issued.exceeds is exceeds
    # Discipline: the late reports of the span, counted from the demo's record and read from the xlsx.
    codes = reporting_institutions(plan, registry)
    months = [m for m in ("2017-12", "2018-01", "2018-02") if m >= first]
    late = sum(state == "late" for m in months for state, _ in expected_reporting(demo, codes, m).values())
    sheet = load_workbook(issued.files[1], read_only=True)["Reporting discipline"]
    rows = [r for r in sheet.iter_rows(min_row=4, values_only=True) if r[0] in codes]
    assert len(rows) == len(codes)
    assert sum(int(r[2] or 0) for r in rows) == late > 0


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


@pytest.mark.parametrize(("first", "warned"), [("2018-01", False), ("2017-12", True)])
def test_the_council_command_warns_plainly_only_past_60_days(
    demo: DemoLedger, tmp_path: Path, first: str, warned: bool
) -> None:
    config = demo_config_file(demo, tmp_path)
    args = ["report", "council", "--to", LAST, "--from", first, "--draft", "--config", str(config)]
    result = CliRunner().invoke(app, [*args, "--out", str(tmp_path / "out"), "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert ("Warning: this report spans" in result.stderr) is warned
    assert sorted(p.suffix for p in (tmp_path / "out").iterdir()) == [".pdf", ".xlsx"]
    if warned:  # the months and the cut-off as the reader writes them, not the ledger's codes
        serbian = CliRunner().invoke(app, [*args, "--out", str(tmp_path / "sr")])
        assert "(decembar 2017. – " in serbian.stderr and first not in serbian.stderr, serbian.stderr
        assert re.search(r"stanje u \d\d\.\d\d\.\d{4}\. \d\d:\d\d", serbian.stdout), serbian.stdout


def serbian_count(n: int, one: str, few: str, many: str) -> str:
    """A number with the word that agrees with it: 1, 21 (one); 2-4, 22-24 (few); 0, 5-20, 25-30 (many)."""
    if n % 10 == 1 and n % 100 != 11:
        return f"{n} {one}"
    return f"{n} {few if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14 else many}"


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
    assert result.exit_code == 1, result.output
    assert result.stderr.startswith("Greška: ") and "2017-12" in result.stderr and "first_period" in result.stderr
    assert "Traceback" not in result.output and not (tmp_path / "out").exists()
    english = CliRunner().invoke(app, [*args, "--lang", "en"])
    assert english.stderr.startswith("Error: reporting begins with 2017-12"), english.stderr


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
        f"Minister's brief for 2018-01 issued: {briefs}/minister-2018-01-en.pdf"
    ]
    ledger = Ledger.open(settings.sync.ledger_url())
    try:
        assert brief_after_sync(settings, plan, registry, ledger, due) is None  # issued once
        february = brief_after_sync(settings, plan, registry, ledger, due + dt.timedelta(days=1))
        assert february is not None and february.first == LAST and february.recorded
        assert brief_after_sync(settings, plan, registry, ledger, due + dt.timedelta(days=9)) is None
        assert [r.last_period for r in ledger.issued("minister")] == ["2018-01", LAST]
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
