"""Issue 15, points 9, 10 and 12: a continuous task still open when its period ends is "not completed at the end of
the period", not overdue; the latest progress shows every lead's and partner's text; the time that decides on time
or late is the Submit stamp or the earliest time the ledger had the content, not the file's modification time."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from apmon.addin import functions
from apmon.addin.functions import xw
from apmon.schemas.calendar import BELGRADE, DeadlinePolicy, Period
from apmon.schemas.institutions import InstitutionRegistry
from apmon.schemas.messages import text_of
from apmon.schemas.plan import Plan
from apmon.schemas.rules import check_alone
from apmon.schemas.tables import Table
from apmon.sync.config import Config, SyncSettings
from apmon.sync.consolidate import Submission, consolidate
from apmon.sync.demo import DEMO_AS_OF, DEMO_FIRST, DEMO_LAST, Demo, build_demo
from apmon.sync.demo_data import DemoSubmission
from apmon.sync.findings import ConsolidationSettings
from apmon.sync.ledger import Ledger
from apmon.sync.report_content import Basis, council_report, minister_brief
from apmon.sync.service import sync_once
from apmon.templates.layout import META_SHEET
from apmon.templates.validation import validate_file
from tests.pure_data import PLAN, REGISTRY, TASKS, problem, report, task
from tests.test_addin import VBA, apply_actions, client_payload
from tests.test_ledger import postgres_admin_url, url  # noqa: F401  (ledger backends: SQLite and PostgreSQL)
from tests.test_sync import CAL, Office, _working_days_after, belgrade, row_of

AT = dt.datetime(2019, 1, 10, tzinfo=dt.UTC)
AFTER_THE_PLAN = dt.date(2019, 1, 31)  # the pure plan runs through 2018; 1.2 was due by 31.03.2018


def sub(r: Any) -> Submission:
    return Submission(file=r.source, received_at=AT, readable=True, valid=True, institution=r.institution,
                      period=r.period, kind=r.kind, on_time=True, days_late=0, report=r)  # fmt: skip


def state(task_id: str, status: str, row: int, role: str = "lead", progress: str | None = None) -> Any:
    return task(task_id, row, role=role, status=status, progress=progress or f"{task_id} {status}")


def status_sheet(reports: list[Any], as_of: dt.date) -> Table:
    accepted = [sub(r) for r in reports]
    settings = ConsolidationSettings(first=Period.parse("2018-12"), last=Period.parse("2018-12"), as_of=as_of)
    return next(t for t in consolidate(PLAN, REGISTRY, accepted, accepted, settings) if t.sheet == "Status")


def task_cells(table: Table, column: str) -> dict[str, Any]:
    return {row[1]: row[table.column_index(column)] for row in table.rows if row[0] == "task"}


def marks(table: Table, column: str) -> dict[str, str]:
    return {table.rows[h.row][1]: h.mark for h in table.highlights if h.column == column}


DECEMBER = [
    report("MUP", "2018-12", tasks=[state("1.1.1", "in-progress", 5), state("1.1.2", "in-progress", 6)]),
    report("MZ", "2018-12", tasks=[state("1.1.2", "in-progress", 5), state("1.2.1", "in-progress", 6),
                                   state("1.1.1", "in-progress", 7, role="partner")]),
]  # fmt: skip


# --- point 9 ---------------------------------------------------------------------------------------------------


def test_a_continuous_task_open_when_its_period_ends_is_not_overdue_but_not_completed_at_the_end() -> None:
    table = status_sheet(DECEMBER, AFTER_THE_PLAN)
    # From the plan: 1.1 runs continuously to 31.12.2018, 1.2 was due by 31.03.2018; no task is completed.
    kinds = {t.id: a.deadline.kind for a in PLAN.activities() for t in a.tasks}
    assert kinds == {"1.1.1": "continuous", "1.1.2": "continuous", "1.2.1": "due"}
    words = task_cells(table, "overdue")
    overdue, open_at_end = text_of("master.status.is_overdue", "en"), text_of("master.status.is_open_at_end", "en")
    assert words == {t: overdue if kind == "due" else open_at_end for t, kind in kinds.items()}
    assert overdue != open_at_end
    assert marks(table, "overdue") == {t: "late" if kind == "due" else "warning" for t, kind in kinds.items()}


def test_before_a_deadline_ends_and_once_the_task_is_completed_the_deadline_column_is_empty() -> None:
    on_the_last_day = status_sheet(DECEMBER, dt.date(2018, 12, 31))  # 1.1 runs to this day; 1.2 was due in March
    assert task_cells(on_the_last_day, "overdue") == {
        "1.1.1": "",
        "1.1.2": "",
        "1.2.1": text_of("master.status.is_overdue", "en"),
    }
    done = [
        report("MUP", "2018-12", tasks=[state("1.1.1", "completed", 5), state("1.1.2", "completed", 6)]),
        report("MZ", "2018-12", tasks=[state("1.1.2", "completed", 5), state("1.2.1", "completed", 6)]),
    ]
    table = status_sheet(done, AFTER_THE_PLAN)
    assert set(task_cells(table, "overdue").values()) == {""} and marks(table, "overdue") == {}


def test_the_ministers_brief_and_the_council_report_count_only_dated_deadlines_as_overdue() -> None:
    accepted = [sub(r) for r in DECEMBER]
    basis = Basis(run_id=1, run_finished_at=AT, cut_off=AT)
    december = Period.parse("2018-12")
    due = [t.id for a in PLAN.activities() if a.deadline.kind == "due" for t in a.tasks]
    brief = minister_brief(PLAN, REGISTRY, accepted, accepted, december, basis, DeadlinePolicy())
    assert [t.task for t in brief.overdue] == due == ["1.2.1"]
    council = council_report(PLAN, REGISTRY, accepted, accepted, december, december, basis, DeadlinePolicy())
    assert [t.task for t in council.overdue] == due


def test_a_report_after_a_continuous_tasks_end_raises_no_overdue_warning_for_it() -> None:
    january = report("MUP", "2019-01", tasks=[state("1.1.1", "in-progress", 5)])
    assert [i for i in check_alone(january, PLAN) if i.code == "task-overdue"] == []
    late = report("MZ", "2018-04", tasks=[state("1.2.1", "in-progress", 9)])
    assert [(i.code, i.sheet, i.cell) for i in check_alone(late, PLAN) if i.code == "task-overdue"] == [
        ("task-overdue", TASKS, "E9")
    ]


@pytest.mark.parametrize("where", ["row", "problems-sheet"])
def test_an_overdue_task_whose_reason_is_given_is_no_longer_warned_and_the_master_still_shows_it_late(
    where: str,
) -> None:
    """The warning asks the officer for the reason in "Problems and obstacles" (the task's row or the Problems
    sheet); once given there the officer has done what was asked, and the Coordinator still reads the task late on
    the master's Status sheet, worked out from the plan's deadline, not from the warning."""
    reason = "Nabavka opreme kasni."
    if where == "row":
        april = report("MZ", "2018-04", tasks=[task("1.2.1", 9, status="in-progress", progress="p", problems=reason)])
    else:
        april = report(
            "MZ",
            "2018-04",
            tasks=[state("1.2.1", "in-progress", 9)],
            problems=[problem(1, "1.2.1", reason)],
        )
    another = report("MZ", "2018-04", tasks=[state("1.2.1", "in-progress", 9)], problems=[problem(1, "1.1.2", reason)])

    assert [i for i in check_alone(april, PLAN) if i.code == "task-overdue"] == []
    assert [(i.code, i.cell) for i in check_alone(another, PLAN) if i.code == "task-overdue"] == [
        ("task-overdue", "E9")
    ]  # the reason given for another task is not this one's
    # the plan: 1.2 was due by 31.03.2018, 1.2.1 is not completed: overdue on the master as of the end of April
    [activity] = [a for a in PLAN.activities() if any(t.id == "1.2.1" for t in a.tasks)]
    assert activity.deadline.kind == "due" and activity.deadline.end < dt.date(2018, 4, 30)
    table = status_sheet([april], dt.date(2018, 4, 30))
    assert task_cells(table, "overdue")["1.2.1"] == text_of("master.status.is_overdue", "en")
    assert marks(table, "overdue")["1.2.1"] == "late"


# --- point 10 --------------------------------------------------------------------------------------------------


def test_the_latest_progress_shows_every_leads_and_partners_newest_text_marked_with_its_institution() -> None:
    reports = [
        report("MUP", "2018-11", tasks=[state("1.1.1", "in-progress", 5, progress="MUP in November.")]),
        report("MZ", "2018-11", tasks=[state("1.1.1", "in-progress", 7, "partner", "MZ helped in November.")]),
        report("MUP", "2018-12", tasks=[state("1.1.1", "in-progress", 5, progress="MUP in December.")]),
        report("MZ", "2018-12", tasks=[state("1.1.2", "in-progress", 5, progress="MZ on 1.1.2.")]),
    ]
    accepted = [sub(r) for r in reports]
    settings = ConsolidationSettings(first=Period.parse("2018-11"), last=Period.parse("2018-12"), as_of=AT.date())
    table = next(t for t in consolidate(PLAN, REGISTRY, accepted, accepted, settings) if t.sheet == "Status")
    progress = task_cells(table, "progress")
    # 1.1.1: its lead MUP's newest text, then its partner MZ's newest (MZ said nothing of it in December).
    assert progress["1.1.1"] == "MUP: MUP in December.; MZ: MZ helped in November."
    assert progress["1.1.2"] == "MZ: MZ on 1.1.2."  # MUP, its other lead, gave no text
    assert progress["1.2.1"] == ""


# --- point 12 --------------------------------------------------------------------------------------------------


@pytest.fixture
def office(url: str, tmp_path: Path, plan: Plan, registry: InstitutionRegistry) -> Iterator[Office]:  # noqa: F811
    ledger = Ledger.open(url)
    yield Office(tmp_path, plan, registry, ledger)
    ledger.close()


def saved_again(path: Path, when: dt.datetime, stamp: str | None = None) -> None:
    """The workbook opened and saved again (as Excel would, other bytes), at `when`; with `stamp` as its Submit
    stamp when given."""
    book = openpyxl.load_workbook(path)
    book.properties.lastModifiedBy = "Excel"  # what saving again changes: the file, not the report
    if stamp is not None:
        meta = book[META_SHEET]
        row = next(r for r in range(1, meta.max_row + 1) if meta.cell(r, 1).value == "submitted_at")
        meta.cell(row, 2).value = stamp
    before = path.read_bytes()
    book.save(path)
    assert path.read_bytes() != before
    os.utime(path, (when.timestamp(), when.timestamp()))


def submissions_cell(office: Office, code: str, period: str) -> str:
    book = office.master()
    return str(row_of(book["Submissions"], code)[[c.value for c in book["Submissions"][3]].index(period)])


def english_time(when: dt.datetime) -> str:
    """10 Apr 2018 10:00, Belgrade time, as the English master writes it."""
    local = when.astimezone(BELGRADE)
    month = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][local.month - 1]
    return f"{local.day} {month} {local.year} {local:%H:%M}"


def version_said(version: int, lang: str = "en") -> str:
    """The ledger version a Submissions cell names, the one whose content counts."""
    return text_of("master.submissions.version", lang, version=str(version))


def expected(state: str, basis: str, when: dt.datetime, version: int) -> str:
    shown, named = english_time(when), version_said(version)
    return text_of(f"master.submissions.{state}", "en") + text_of(
        f"master.submissions.time.{basis}", "en", time=shown, version=named
    )


def test_a_report_saved_again_after_the_deadline_keeps_the_time_the_ledger_first_had_its_content(
    office: Office,
) -> None:
    path = office.submit("MZ", "2018-03")  # on its due date, 10:00 Belgrade time
    due = CAL.due_date(Period.parse("2018-03")).due
    assert not office.sync().errors
    saved_again(path, belgrade(_working_days_after(due, 5)))
    assert not office.sync().errors
    versions = office.ledger.versions("MZ", "2018-03")
    assert len(versions) == 2 and versions[0].content_hash != versions[1].content_hash  # other bytes, same report
    (accepted,) = office.ledger.accepted("MZ", "2018-03")
    assert accepted.id == versions[1].id and accepted.on_time and accepted.days_late == 0
    assert submissions_cell(office, "MZ", "2018-03") == expected("on_time", "ledger", belgrade(due), accepted.id)


def test_a_copy_that_carries_the_submit_stamp_is_on_time_by_the_stamp_whenever_the_file_was_copied(
    office: Office, plan: Plan, registry: InstitutionRegistry
) -> None:
    path = office.submit("MUP", "2018-03")
    due = CAL.due_date(Period.parse("2018-03")).due
    sent = belgrade(due, hour=9)
    book = xw.Book(json=client_payload(path, VBA))
    assert functions.submit(book, plan, registry, ledger=office.ledger, now=sent).recorded  # the Submit's stamp
    submitted = openpyxl.load_workbook(path)
    apply_actions(submitted, book.json()["actions"])
    submitted.save(path)
    saved_again(path, belgrade(_working_days_after(due, 3)))
    copy = path.with_name("MUP mart (kopija).xlsx")
    shutil.move(path, copy)  # the workbook reaches the folder only as a copy made after the deadline
    os.utime(copy, (belgrade(_working_days_after(due, 4)).timestamp(),) * 2)
    assert not office.sync().errors
    (accepted,) = office.ledger.accepted("MUP", "2018-03")
    assert accepted.on_time and accepted.source_modified == sent
    assert submissions_cell(office, "MUP", "2018-03") == expected("on_time", "stamp", sent, accepted.id)


def test_a_file_with_neither_stamp_nor_earlier_content_is_judged_by_its_own_time(office: Office) -> None:
    office.submit("MZ", "2018-03", late_days=2)
    due = CAL.due_date(Period.parse("2018-03")).due
    assert not office.sync().errors
    (accepted,) = office.ledger.accepted("MZ", "2018-03")
    assert not accepted.on_time and accepted.days_late == 2
    sent = belgrade(_working_days_after(due, 2))
    time = text_of("master.submissions.time.file", "en", time=english_time(sent), version=version_said(accepted.id))
    assert submissions_cell(office, "MZ", "2018-03") == text_of("master.submissions.late", "en", days="2") + time


# --- the demo shows each point -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Demo:
    return build_demo(tmp_path_factory.mktemp("demo"), seed=2018)


def _order(period: str) -> tuple[int, int]:
    return (int(period[:4]), int(period[5:7]) if len(period) > 4 else 13)  # an annual report after its months


def test_the_demos_status_sheet_against_its_report_files(demo: Demo, plan: Plan, registry: InstitutionRegistry) -> None:
    """Overdue and "not completed at the end of the period" counted from the report files and the plan; the latest
    progress of every lead and partner taken from the files."""
    newest: dict[tuple[str, str], DemoSubmission] = {}
    for s in sorted(demo.written, key=lambda s: _order(s.period)):
        if not s.invalid:
            newest[(s.institution, s.period)] = s  # a resubmission comes after the first version
    reports = sorted(
        (r for r in (validate_file(s.path, plan, registry).report for s in newest.values()) if r is not None),
        key=lambda r: _order(r.period),
    )
    lead_status: dict[tuple[str, str], str] = {}
    progress: dict[tuple[str, str], str] = {}
    for r in reports:
        for e in r.tasks:
            if e.role == "lead" and e.status:
                lead_status[(e.task_id, r.institution)] = e.status
            if e.status or e.progress:
                progress[(e.task_id, r.institution)] = e.progress or ""
    expected_words: dict[str, str] = {}
    expected_progress: dict[str, str] = {}
    never_asked = {i.code for i in registry.institutions if not i.reports}
    for activity in plan.activities():
        for t in activity.tasks:
            # Done when every lead asked for reports says so (the Council, the Coordinator, the Working Group are not).
            asked = [c for c in t.lead if c not in never_asked]
            done = bool(asked) and all(lead_status.get((t.id, c)) == "completed" for c in asked)
            if not done and activity.deadline.end < DEMO_AS_OF:
                key = "is_overdue" if activity.deadline.kind == "due" else "is_open_at_end"
                expected_words[t.id] = text_of(f"master.status.{key}", "sr-Latn")
            given = {c: text for (task, c), text in progress.items() if task == t.id and text}
            order = [c for c in t.lead if c in given] + sorted(c for c in given if c not in t.lead)
            expected_progress[t.id] = "; ".join(f"{c}: {given[c]}" for c in order)
    sheet = openpyxl.load_workbook(demo.reports.parent / "master.xlsx")[text_of("master.sheet.status", "sr-Latn")]
    rows = [r for r in sheet.iter_rows(min_row=4, values_only=True) if r[0] == text_of("master.status.task", "sr-Latn")]
    assert {r[1]: r[8] for r in rows if r[8]} == expected_words
    words = list(expected_words.values())
    overdue = words.count(text_of("master.status.is_overdue", "sr-Latn"))
    open_at_end = words.count(text_of("master.status.is_open_at_end", "sr-Latn"))
    assert overdue and open_at_end and len(rows) == len(plan.tasks())  # the demo shows both
    readme = " ".join((Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8").split())
    assert f"{overdue} tasks due by 30 June 2018 are overdue and {open_at_end} tasks carried out continuously" in readme
    assert {r[1]: r[7] or "" for r in rows} == expected_progress
    assert any(c not in t.lead for t in plan.tasks() for c in given_codes(expected_progress[t.id]))  # partners too


def given_codes(cell: str) -> list[str]:
    return [part.split(":")[0] for part in cell.split("; ") if part]


def test_a_demo_report_saved_again_after_its_deadline_stays_on_time_by_its_submit_stamp(demo: Demo) -> None:
    sent = next(s for s in demo.written if len(s.period) == 7 and not (s.late or s.invalid or s.resubmission))
    saved_again(sent.path, belgrade(_working_days_after(sent.due, 10)))
    config = Config(
        sync=SyncSettings(data_dir=demo.reports.parent, folder=demo.reports, first_period=DEMO_FIRST,
                          last_period=DEMO_LAST)
    )  # fmt: skip
    summary = sync_once(config, "cli", as_of=DEMO_AS_OF)
    assert [(v.institution, v.period, v.on_time) for v in summary.versions] == [(sent.institution, sent.period, True)]
    book = openpyxl.load_workbook(demo.reports.parent / "master.xlsx")
    sheet = book[text_of("master.sheet.submissions", "sr-Latn")]
    cell = row_of(sheet, sent.institution)[[c.value for c in sheet[3]].index(sent.period)]
    shown = f"{sent.submitted_at.astimezone(BELGRADE):%d.%m.%Y. %H:%M}"
    on_time = text_of("master.submissions.on_time", "sr-Latn")
    with sqlite3.connect(demo.reports.parent / "ledger.sqlite") as db:  # the version of the file's bytes
        (version,) = db.execute("SELECT id FROM versions WHERE raw = ?", (sent.path.read_bytes(),)).fetchone()
    named = version_said(version, "sr-Latn")
    assert cell == on_time + text_of("master.submissions.time.stamp", "sr-Latn", time=shown, version=named)


def test_the_english_masters_dates_are_written_as_english_does() -> None:
    """The English master wrote "(08.01.2019 10:30, Submit stamp)" and "as of 31.01.2019": a reader of English may
    take 08.01. for 1 August. Its dates are written as the English reports write them (8 Jan 2019)."""
    stamped = dt.datetime(2019, 1, 8, 10, 30, tzinfo=BELGRADE)
    [mup] = [report("MUP", "2018-12", tasks=[state("1.1.1", "in-progress", 5)])]
    accepted = [sub(mup).model_copy(update={"submitted_at": stamped, "submitted_from": "stamp"})]
    settings = ConsolidationSettings(
        first=Period.parse("2018-12"), last=Period.parse("2018-12"), as_of=AFTER_THE_PLAN, lang="en"
    )
    tables = {t.sheet: t for t in consolidate(PLAN, REGISTRY, accepted, accepted, settings)}
    cells = [str(c) for row in tables["Submissions"].rows for c in row if "Submit stamp" in str(c)]
    assert cells == ["on time (8 Jan 2019 10:30, Submit stamp)"]
    assert tables["Overview"].subtitle.endswith("as of 31 Jan 2019")
