"""The Coordinator's record of the status of a task led only by bodies that receive reports (the Council, the
National Coordinator, the Working Group as a body: `reports: false`), as of a month: kept in the ledger
(append-only), and counted on the master's Status sheet and Overview, in the brief, the Council report and the
annual evaluation from that month on. The expected counts are worked out here from the plan and institutions
YAML and the demo's report files (read by the template parser), never by the code under test."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
import yaml
from openpyxl import load_workbook
from typer.testing import CliRunner

from apmon.cli.app import app
from apmon.schemas.calendar import DeadlinePolicy, Period
from apmon.schemas.institutions import InstitutionRegistry
from apmon.schemas.messages import text_of
from apmon.schemas.plan import Plan
from apmon.schemas.report import Report
from apmon.sync.config import Config, SyncSettings
from apmon.sync.consolidate import CoordinatorStatus, Submission
from apmon.sync.findings import ConsolidationSettings
from apmon.sync.ledger import Ledger
from apmon.sync.report_content import Basis, annual_evaluation_of, council_report, minister_brief
from apmon.sync.run import consolidated
from apmon.sync.task_status import TaskStatusError, record_task_status
from tests.pure_data import report
from tests.pure_data import task as task_row
from tests.test_ledger import postgres_admin_url, url  # noqa: F401  (ledger backends: SQLite and PostgreSQL)
from tests.test_reports import FIRST, LAST, PLAN_YAML, DemoLedger, demo_ledger, sync, valid_reports

INSTITUTIONS_YAML = PLAN_YAML.with_name("institutions.yaml")
AT = dt.datetime(2018, 3, 20, 9, 0, tzinfo=dt.UTC)
BASIS = Basis(run_id=1, run_finished_at=AT, cut_off=dt.datetime(2019, 1, 31, tzinfo=dt.UTC))
RECORDED_AS_OF = "2018-01"  # within the demo's months (2017-12 .. 2018-02)


# --- independent recomputation -------------------------------------------------------------------------------


def receiving_bodies() -> set[str]:
    """The institutions that receive reports instead of sending them, as the registry file marks them."""
    data = yaml.safe_load(INSTITUTIONS_YAML.read_text(encoding="utf-8"))
    return {i["code"] for i in data["institutions"] if i.get("reports") is False}


def plan_tasks() -> dict[str, list[str]]:
    """Each task's leads, from the plan file."""
    data = yaml.safe_load(PLAN_YAML.read_text(encoding="utf-8"))
    return {t["id"]: t["lead"] for o in data["objectives"] for a in o["activities"] for t in a["tasks"]}


def completed_tasks(reports: list[Report], recorded: dict[str, str]) -> set[str]:
    """The tasks completed by the reports (every lead that reports said so in its newest report) and by the
    Coordinator's records (task -> status) for the tasks none of whose leads reports."""
    newest: dict[tuple[str, str], str] = {}
    for r in sorted(reports, key=lambda r: (r.period[:4], r.period[5:] or "13")):
        for entry in r.tasks:
            if entry.role == "lead" and entry.status:
                newest[(entry.task_id, r.institution)] = entry.status
    bodies, done = receiving_bodies(), set()
    for task, leads in plan_tasks().items():
        reporting = [c for c in leads if c not in bodies]
        if reporting and all(newest.get((task, c)) == "completed" for c in reporting):
            done.add(task)
        if not reporting and recorded.get(task) == "completed":
            done.add(task)
    return done


# --- the demo's ledger -----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def demo(plan: Plan, registry: InstitutionRegistry, tmp_path_factory: pytest.TempPathFactory) -> DemoLedger:
    folder = tmp_path_factory.mktemp("task-status-demo")
    return demo_ledger(plan, registry, folder, f"sqlite:///{folder / 'ledger.sqlite'}")


def own_copy(demo: DemoLedger, folder: Path) -> Config:
    """The demo's ledger copied for one test (which records in it), with its configuration."""
    for name in ("ledger.sqlite", "ledger.sqlite-wal", "ledger.sqlite-shm"):
        if (demo.folder / name).exists():
            shutil.copy(demo.folder / name, folder / name)
    settings = SyncSettings(
        data_dir=folder,
        folder=demo.config.sync.reports_folder(),
        ledger=f"sqlite:///{folder / 'ledger.sqlite'}",
        first_period=FIRST,
        last_period=LAST,
    )
    return Config(sync=settings)


def config_file(config: Config, folder: Path) -> Path:
    path = folder / "apmon.toml"
    path.write_text(
        f'[sync]\ndata_dir = "{config.sync.data_dir.as_posix()}"\nledger = "{config.sync.ledger_url()}"\n'
        f'folder = "{config.sync.reports_folder().as_posix()}"\nfirst_period = "{FIRST}"\nlast_period = "{LAST}"\n',
        encoding="utf-8",
    )
    return path


def master(plan: Plan, registry: InstitutionRegistry, ledger: Ledger, last: str) -> dict[str, object]:
    settings = ConsolidationSettings(first=Period.parse(FIRST), last=Period.parse(last), as_of=dt.date(2018, 3, 31))
    return {t.sheet: t for t in consolidated(plan, registry, ledger, settings)}


def status_row(table: object, task: str) -> list[object]:
    return next(r for r in table.rows if r[1] == task)  # type: ignore[attr-defined]


def test_a_status_recorded_as_of_a_month_counts_on_the_master_from_that_month_on(
    demo: DemoLedger, plan: Plan, registry: InstitutionRegistry, tmp_path: Path
) -> None:
    config = own_copy(demo, tmp_path)
    reports = valid_reports(demo, plan, registry, LAST)
    ledger = Ledger.open(config.sync.ledger_url())
    try:
        record_task_status(plan, registry, ledger, task="1.1.3", status="completed", period=RECORDED_AS_OF,
                           note="Sastanak održan.", author="NK", at=AT, lang="en")  # fmt: skip
        for last in ("2017-12", "2018-01", "2018-02"):
            counted = last >= RECORDED_AS_OF
            done = completed_tasks(reports, {"1.1.3": "completed"} if counted else {})
            assert ("1.1.3" in done) is counted
            sheets = master(plan, registry, ledger, last)
            row = status_row(sheets["Status"], "1.1.3")
            assert row[4] == ("completed" if counted else "not reported"), (last, row)
            if counted:
                assert "Sastanak održan." in str(row[7])
                assert row[5] == "Coordinator, as of January 2018"  # RECORDED_AS_OF, as the reader names a month
            total = len(plan_tasks())
            share = f"{round(100 * len(done) / total)}%"
            said = text_of("master.overview.done", "en", done=len(done), total=total, share=share)
            assert said in sheets["Overview"].notes, (last, sheets["Overview"].notes)  # type: ignore[attr-defined]
            objective_one = next(r for r in sheets["Objectives"].rows if r[0] == "1")  # type: ignore[attr-defined]
            assert objective_one[2] == sum(1 for t in done if t.startswith("1."))
    finally:
        ledger.close()


def test_apmon_task_status_records_and_the_next_sync_writes_it_on_the_masters_status_sheet(
    demo: DemoLedger, plan: Plan, registry: InstitutionRegistry, tmp_path: Path
) -> None:
    config = own_copy(demo, tmp_path)
    path = config_file(config, tmp_path)
    done = CliRunner().invoke(app, ["task", "status", "3.1.1", "completed", "--period", "2018-02", "--note",
                                    "Savet je usvojio izveštaj.", "--config", str(path), "--lang", "en"])  # fmt: skip
    assert done.exit_code == 0, done.output
    said = " ".join(done.output.split())  # rich wraps long lines
    assert "3.1.1" in said and "status as of February 2018:" in said, said  # a month as the reader names it
    ledger = Ledger.open(config.sync.ledger_url())
    try:
        sync(plan, registry, config, ledger)  # the record changes what the master is made from: written again
    finally:
        ledger.close()
    book = load_workbook(config.sync.master_path(), read_only=True)
    [row] = [r for r in book["Stanje"].iter_rows(values_only=True) if r[1] == "3.1.1"]
    assert row[4] == text_of("status.completed", "sr-Latn")
    assert "Savet je usvojio izveštaj." in str(row[7])


# --- the annual evaluation, the brief and the Council report ---------------------------------------------------


def sub(r: Report) -> Submission:
    return Submission(file=r.source, received_at=AT, readable=True, valid=True, institution=r.institution,
                      period=r.period, kind=r.kind, on_time=True, days_late=0, report=r)  # fmt: skip


def recorded(task: str, period: str, status: str = "completed", n: int = 1) -> CoordinatorStatus:
    return CoordinatorStatus(id=n, task=task, period=period, status=status, note="", author="NK", at=AT)


# Activity 3.1: 3.1.1 led by the Council alone, 3.1.2-3.1.4 by IRG.
IRG_DONE = [report("IRG", "2018-06", tasks=[task_row(t, 5 + n, status="completed")
                                            for n, t in enumerate(("3.1.2", "3.1.3", "3.1.4"))])]  # fmt: skip


def test_an_activity_whose_every_task_is_completed_is_proposed_completed(
    plan: Plan, registry: InstitutionRegistry
) -> None:
    assert plan_tasks()["3.1.1"] == ["SAVET"] and "SAVET" in receiving_bodies()
    accepted = [sub(r) for r in IRG_DONE]

    def proposed(year: int, *records: CoordinatorStatus) -> str:
        evaluation = annual_evaluation_of(plan, registry, accepted, year, BASIS, recorded=list(records))
        return next(a.proposed for a in evaluation.activities if a.activity == "3.1")

    assert proposed(2018) == "partially-completed"  # before: 3.1.1 was never reported, so never completed
    assert proposed(2018, recorded("3.1.1", "2018-06")) == "completed"
    assert proposed(2018, recorded("3.1.1", "2018-12")) == "completed"
    assert proposed(2017, recorded("3.1.1", "2018-06")) == "not-completed"  # as of a later year: not yet
    # A newer record of the same month stands; a record of an earlier month does not undo a later month's.
    assert proposed(2018, recorded("3.1.1", "2018-06"), recorded("3.1.1", "2018-06", "in-progress", 2)) == (
        "partially-completed"
    )
    assert proposed(2018, recorded("3.1.1", "2018-06"), recorded("3.1.1", "2018-03", "in-progress", 2)) == ("completed")


def test_the_brief_and_the_council_report_count_the_record_from_its_month(
    plan: Plan, registry: InstitutionRegistry
) -> None:
    accepted, records = [sub(r) for r in IRG_DONE], [recorded("3.1.1", "2018-06")]
    may, june = Period.parse("2018-05"), Period.parse("2018-06")
    before = minister_brief(plan, registry, accepted, accepted, may, BASIS, DeadlinePolicy(), recorded=records)
    brief = minister_brief(plan, registry, accepted, accepted, june, BASIS, DeadlinePolicy(), recorded=records)
    assert "3.1.1" not in [t.task for t in before.completed]
    assert "3.1.1" in [t.task for t in brief.completed]  # completed in June: new in June's brief
    assert brief.tasks_completed == before.tasks_completed + 4  # 3.1.2-3.1.4 by IRG's June report, and 3.1.1
    council = council_report(plan, registry, accepted, accepted, may, june, BASIS, DeadlinePolicy(), recorded=records)
    row = next(r for r in council.progress if r.activity == "3.1")
    assert (row.tasks, row.completed, row.previous_completed) == (4, 4, 0)


# --- refused, kept, newer wins ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("task", "status", "period", "says"),
    [
        ("1.1.1", "completed", "2018-03", "JLS"),  # led by the Council and the local self-governments: JLS reports
        ("2.1.4", "completed", "2018-03", "MFIN"),
        ("9.9.9", "completed", "2018-03", "9.9.9"),
        ("1.1", "completed", "2018-03", "1.1"),  # an activity, not a task
        ("1.1.3", "done", "2018-03", "done"),
        ("1.1.3", "completed", "2019-01", "2019-01"),  # after the plan's end
        ("1.1.3", "completed", "2016-12", "2016-12"),  # before its start
        ("1.1.3", "completed", "2018", "2018"),  # a year, not a month
        ("1.1.3", "completed", "2018-13", "2018-13"),
    ],
)
def test_a_record_the_coordinator_cannot_make_is_refused_and_nothing_recorded(
    plan: Plan, registry: InstitutionRegistry, tmp_path: Path, task: str, status: str, period: str, says: str
) -> None:
    ledger = Ledger.open(f"sqlite:///{tmp_path / 'ledger.sqlite'}")
    try:
        for lang in ("sr-Latn", "en"):
            with pytest.raises(TaskStatusError) as refused:
                record_task_status(plan, registry, ledger, task=task, status=status, period=period, note="",
                                   author="NK", at=AT, lang=lang)  # fmt: skip
            assert says in str(refused.value)
        assert ledger.task_status_records() == []
    finally:
        ledger.close()


def test_the_command_says_whose_report_gives_a_tasks_status(tmp_path: Path) -> None:
    config = tmp_path / "apmon.toml"
    config.write_text(f'[sync]\ndata_dir = "{tmp_path.as_posix()}"\n', encoding="utf-8")
    refused = CliRunner().invoke(
        app, ["task", "status", "1.1.1", "completed", "--period", "2018-03", "--config", str(config), "--lang", "en"]
    )
    assert refused.exit_code == 1
    assert "JLS" in refused.output and "1.1.3" in refused.output  # who gives it, and which tasks may be recorded


def test_a_record_survives_and_a_newer_one_of_the_same_month_stands(
    url: str,  # noqa: F811
    plan: Plan,
    registry: InstitutionRegistry,
) -> None:
    from apmon.sync.consolidate import standing_statuses

    ledger = Ledger.open(url)
    try:
        for n, status in enumerate(("in-progress", "u toku", "završen")):  # codes or the words of the templates
            when = AT + dt.timedelta(minutes=n)
            record_task_status(plan, registry, ledger, task="2.1.1", status=status, period="2018-03",
                               note=f"korak {n}", author="NK", at=when, lang="sr-Latn")  # fmt: skip
    finally:
        ledger.close()
    reopened = Ledger.open(url)
    try:
        records = reopened.task_status_records()
        assert [(r.task, r.period, r.status, r.note) for r in records] == [
            ("2.1.1", "2018-03", "in-progress", "korak 0"),
            ("2.1.1", "2018-03", "in-progress", "korak 1"),
            ("2.1.1", "2018-03", "completed", "korak 2"),
        ]
        assert records[0].at == AT and records[0].author == "NK"
        assert standing_statuses(records, Period.parse("2018-03"))["2.1.1"].status == "completed"
        assert standing_statuses(records, Period.parse("2018-12"))["2.1.1"].status == "completed"
        assert "2.1.1" not in standing_statuses(records, Period.parse("2018-02"))
        assert [r.id for r in reopened.task_status_records(as_of=AT)] == [records[0].id]  # known by then
    finally:
        reopened.close()
