"""A run's cost follows what changed: the stored reports are decoded once per run, and the history rules read
only the history of the institutions whose reports came in (issue 14, point 9)."""

from __future__ import annotations

import datetime as dt
import json
import weakref
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl import Workbook

from apmon.addin import functions
from apmon.addin.functions import xw
from apmon.schemas.institutions import InstitutionRegistry
from apmon.schemas.plan import Plan
from apmon.schemas.report import Report
from apmon.schemas.tables import REGISTER_SHEET
from apmon.sync.config import Config
from apmon.sync.consolidate import consolidate
from apmon.sync.evaluation import evaluation_sheet
from apmon.sync.ledger import Ledger
from apmon.sync.run import DIGEST_CACHE, consolidated, consolidation_settings, submissions
from apmon.sync.status import sync_status
from apmon.sync.writers import XlsxMaster
from apmon.templates.layout import reporting_institutions
from tests.reports import filled_report, states
from tests.test_addin import VBA, client_payload
from tests.test_ledger import postgres_admin_url, url  # noqa: F401  (ledger backends: SQLite and PostgreSQL)
from tests.test_sync import AS_OF, CAL, Office, column_of, row_of
from tests.test_writers import _cells


@pytest.fixture
def office(url: str, tmp_path: Path, plan: Plan, registry: InstitutionRegistry) -> Iterator[Office]:  # noqa: F811
    ledger = Ledger.open(url)
    yield Office(tmp_path, plan, registry, ledger)
    ledger.close()


def _count_decoding(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The institution of every report decoded from its JSON from now on (the real decoding still runs)."""
    decode = Report.model_validate_json
    decoded: list[str] = []

    def counting(cls: type[Report], *args: Any, **kwargs: Any) -> Report:
        report = decode(*args, **kwargs)
        decoded.append(report.institution)
        return report

    monkeypatch.setattr(Report, "model_validate_json", classmethod(counting))
    return decoded


def test_a_run_decodes_only_the_history_it_checks_and_the_years_that_changed(
    office: Office, monkeypatch: pytest.MonkeyPatch
) -> None:
    office.submit("MZ", "2018-03")
    office.submit("MUP", "2018-03")
    office.submit("MUP", "2018-04")
    assert len(office.sync().versions) == 3
    decoded = _count_decoding(monkeypatch)

    office.submit("MZ", "2018-04")
    summary = office.sync()
    assert [(v.institution, v.valid) for v in summary.versions] == [("MZ", True)]
    # MZ's March once, for the history rules, and consolidation takes it from there; MUP's year did not change
    # since the last run: its digest is kept, and none of its reports is read.
    assert decoded == ["MZ"]


def test_the_history_rules_still_see_the_earlier_report_of_the_institution(
    office: Office, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, layout = filled_report(office.plan, office.registry, office.tmp, "MZ", "2018-03", {}, name="blank.xlsx")
    line = layout.sheet("budget").rows[0].key
    office.submit("MZ", "2018-03", {("budget", line, "spent_year"): 9000})
    office.submit("MUP", "2018-03")
    office.sync()
    office.submit("MZ", "2018-04")  # spends 3,000 so far this year, after March said 9,000
    summary = office.sync()
    issues = [i["code"] for row in office.ledger.versions("MZ", "2018-04") for i in row.issues]
    assert "cumulative-spending-decreased" in issues and not summary.versions[0].valid


def test_a_report_checked_earlier_in_the_run_is_the_history_of_the_next(office: Office) -> None:
    _, layout = filled_report(office.plan, office.registry, office.tmp, "MZ", "2018-03", {}, name="blank.xlsx")
    line = layout.sheet("budget").rows[0].key
    office.submit("MZ", "2018-03", {("budget", line, "spent_year"): 9000})
    office.submit("MZ", "2018-04")
    office.sync()
    april = [i["code"] for row in office.ledger.versions("MZ", "2018-04") for i in row.issues]
    assert "cumulative-spending-decreased" in april


def test_consolidation_from_the_ledger_one_report_at_a_time_equals_consolidating_all_submissions(
    office: Office,
) -> None:
    office.submit("MZ", "2018-03", {("tasks", "2.1.2", "progress"): "MZ in March."})
    # Each lead's newest progress of the task, marked with its code: MUP's April, and MZ's March.
    office.submit("MUP", "2018-04", {("tasks", "2.1.2", "progress"): "MUP in April."}, late_days=2)
    office.submit("MUP", "2018-03", {("tasks", "2.1.2", "status"): "completed"})
    office.sync()
    office.submit("MUP", "2018-04", {("tasks", "2.1.2", "status"): "delayed"})  # newer, invalid: no problem given
    (office.folder / "MZ_2018-03.xlsx").unlink()  # deleted at its source
    office.sync()
    settings = consolidation_settings(office.settings, CAL, AS_OF, office.plan)
    accepted, latest = submissions(office.ledger)
    assert any(not s.valid for s in latest) and any(s.deleted_at_source for s in latest)
    expected = consolidate(office.plan, office.registry, accepted, latest, settings)
    status = next(t for t in expected if t.sheet == "Status")
    assert next(r for r in status.rows if r[1] == "2.1.2")[7] == "MUP: MUP in April.; MZ: MZ in March."
    assert consolidated(office.plan, office.registry, office.ledger, settings) == expected
    by_id = {row.id: row for row in office.ledger.current()[0]}
    known = {i: Report.model_validate_json(row.report_json or "") for i, row in by_id.items() if "MZ" in row.file_name}
    assert consolidated(office.plan, office.registry, office.ledger, settings, known) == expected


def test_the_ledger_reads_the_reports_apart_in_the_order_asked(office: Office) -> None:
    office.submit("MZ", "2018-03")
    office.submit("MUP", "2018-03")
    office.sync()
    with_reports, _ = office.ledger.current()
    without, _ = office.ledger.current(reports=False)
    assert [r.model_copy(update={"report_json": None}) for r in with_reports] == without
    ids = [r.id for r in reversed(with_reports)]
    assert list(office.ledger.report_json(ids)) == [(r.id, r.report_json) for r in reversed(with_reports)]


def _decoded_alive(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """For every report decoded from its JSON from now on, how many reports decoded before it are still held."""
    decode = Report.model_validate_json
    held: list[weakref.ref[Report]] = []
    alive: list[int] = []

    def tracking(cls: type[Report], *args: Any, **kwargs: Any) -> Report:
        alive.append(sum(1 for ref in held if ref() is not None))
        report = decode(*args, **kwargs)
        held.append(weakref.ref(report))
        return report

    monkeypatch.setattr(Report, "model_validate_json", classmethod(tracking))
    return alive


def test_sync_status_reads_no_report(office: Office, url: str, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811
    office.submit("MZ", "2018-03")
    office.submit("MUP", "2018-03")
    office.sync()
    decoded = _count_decoding(monkeypatch)
    status = sync_status(Config(sync=office.settings.model_copy(update={"ledger": url})), AS_OF)
    month = status.submissions.months.index("2018-03")
    assert status.submissions.rows["MZ"][month].state == status.submissions.rows["MUP"][month].state == "on-time"
    assert decoded == []  # the grid needs no report


def test_the_addins_consolidate_takes_the_reports_one_at_a_time(
    office: Office, monkeypatch: pytest.MonkeyPatch
) -> None:
    for period in ("2018-01", "2018-02", "2018-03", "2018-04"):
        office.submit("MZ", period)
    office.sync()
    (office.settings.data_dir / DIGEST_CACHE).unlink()  # what the sync kept: without it, every report is read
    master = office.tmp / "open-master.xlsx"
    Workbook().save(master)
    alive = _decoded_alive(monkeypatch)
    book = xw.Book(json=client_payload(master, VBA))
    now = dt.datetime(2018, 5, 3, 9, 30, tzinfo=dt.UTC)
    functions.consolidate(book, office.plan, office.registry, office.ledger, office.settings, CAL, now=now)
    # Four reports decoded; when each is, only the one before it is still held (the newest of its year so far).
    assert len(alive) == 4 and max(alive) <= 1
    # Again: the year's digest kept by the first is taken, and no report is read.
    functions.consolidate(book, office.plan, office.registry, office.ledger, office.settings, CAL, now=now)
    assert len(alive) == 4


NOW = dt.datetime(2018, 6, 1, 8, 0, tzinfo=dt.UTC)


def _master_cells(path: Path) -> dict[str, dict[str, tuple[Any, ...]]]:
    """Every managed sheet's cells (value, type, number format, font, fill, alignment), by sheet."""
    wb = openpyxl.load_workbook(path)
    return {ws.title: _cells(ws, exact=True) for ws in wb.worksheets if ws.title != REGISTER_SHEET}


def _cold_master(office: Office, folder: Path) -> Path:
    """The master as a run with no consolidation cache writes it from the same ledger."""
    settings = consolidation_settings(office.settings, CAL, AS_OF, office.plan)
    evaluation = evaluation_sheet(
        office.plan, office.ledger, settings, NOW, office.registry
    )  # from the same digests, kept or not
    tables = consolidated(office.plan, office.registry, office.ledger, settings, also=evaluation)
    return Path(XlsxMaster(folder / "master.xlsx", backups=0).write(tables, NOW).target)


def test_an_incremental_runs_master_equals_a_cold_runs_cell_by_cell(office: Office) -> None:
    """Each run keeps the digests of the institutions' years and reads again only the years that changed; after
    every kind of change its master is, cell by cell, the one a run without any kept digest writes."""
    cache = office.settings.data_dir / DIGEST_CACHE
    third = next(c for c in reporting_institutions(office.plan, office.registry) if c not in ("MZ", "MUP"))
    progress = ("tasks", "2.1.2", "progress")
    steps: list[Callable[[], Any]] = [
        lambda: (office.submit("MZ", "2018-03", {progress: "MZ in March."}), office.submit("MUP", "2018-03")),
        lambda: office.submit("MZ", "2018-03", {progress: "MZ in March, corrected."}),  # a corrected report
        lambda: office.submit("MUP", "2018-03", {("tasks", "2.1.2", "status"): "delayed"}),  # newer, invalid
        lambda: (office.folder / "MZ_2018-03.xlsx").unlink(),  # deleted at its source
        lambda: (office.submit("MUP", "2018-04", late_days=2), office.submit(third, "2018-04")),  # new ones
    ]
    for n, step in enumerate(steps):
        step()
        summary = office.sync(now=lambda: NOW)
        assert summary.master and not summary.errors and cache.exists()
        cold = _cold_master(office, office.tmp / f"cold-{n}")
        assert _master_cells(office.settings.master_path()) == _master_cells(cold), f"after step {n}"
        if n == 1:  # the corrected report is the one shown
            status = office.master()["Status"]
            shown = row_of(status, "2.1.2", column=2)[column_of(status, "Latest progress")]
            assert "MZ: MZ in March, corrected." in shown and shown.startswith("MUP: ")
    submissions = office.master()["Submissions"]
    assert states(row_of(submissions, "MUP"))[1:3] == ["on time, newer version invalid", "late (2)"]
    assert states(row_of(submissions, third))[2] == "on time"


@pytest.mark.parametrize("damage", ["garbage", "another ledger", "too deep"])
def test_a_damaged_or_foreign_consolidation_cache_is_not_taken(office: Office, tmp_path: Path, damage: str) -> None:
    office.submit("MZ", "2018-03", {("tasks", "2.1.2", "progress"): "MZ in March."})
    office.sync(now=lambda: NOW)
    cache = office.settings.data_dir / DIGEST_CACHE
    kept = json.loads(cache.read_text(encoding="utf-8"))
    for entry in kept["years"].values():
        if damage == "garbage":  # the right versions, but no digest of them: the file damaged or edited by hand
            entry[1] = [1, 2]
        else:  # the same version ids, of other content: another ledger's digests left in this data folder
            for version in entry[0]:
                version[1] = "0" * 64
            entry[1][6] = {task: [period, "Not this ledger's."] for task, (period, _) in entry[1][6].items()}
    # too deep: JSON nested past what json loads (RecursionError), a file a sync never writes
    cache.write_text("[" * 20_000 if damage == "too deep" else json.dumps(kept), encoding="utf-8")
    office.submit("MUP", "2018-03")
    office.sync(now=lambda: NOW)
    assert _master_cells(office.settings.master_path()) == _master_cells(_cold_master(office, tmp_path / "cold"))
    status = office.master()["Status"]
    assert row_of(status, "2.1.2", column=2)[column_of(status, "Latest progress")].endswith("; MZ: MZ in March.")
