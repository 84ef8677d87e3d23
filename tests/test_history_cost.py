"""A run's cost follows what changed: the stored reports are decoded once per run, and the history rules read
only the history of the institutions whose reports came in (issue 14, point 9)."""

from __future__ import annotations

import datetime as dt
import weakref
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook

from addin import functions
from addin.functions import xw
from schemas.institutions import InstitutionRegistry
from schemas.plan import Plan
from schemas.report import Report
from sync.config import Config
from sync.consolidate import consolidate
from sync.ledger import Ledger
from sync.run import consolidated, consolidation_settings, submissions
from sync.service import sync_status
from tests.reports import filled_report
from tests.test_addin import VBA, client_payload
from tests.test_ledger import postgres_admin_url, url  # noqa: F401  (ledger backends: SQLite and PostgreSQL)
from tests.test_sync import AS_OF, CAL, Office


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


def test_a_run_decodes_each_stored_report_once_and_only_the_history_it_checks(
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
    # The three stored reports, each once: consolidation takes MZ's March from the history rules' reading.
    assert sorted(decoded) == ["MUP", "MUP", "MZ"]


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
    # The newest progress of a task is the newest period's: MUP's April though MZ comes after MUP by name.
    office.submit("MUP", "2018-04", {("tasks", "2.1.2", "progress"): "MUP in April."}, late_days=2)
    office.submit("MUP", "2018-03", {("tasks", "2.1.2", "status"): "completed"})
    office.sync()
    office.submit("MUP", "2018-04", {("tasks", "2.1.2", "status"): "delayed"})  # newer, invalid: no problem given
    (office.folder / "MZ_2018-03.xlsx").unlink()  # deleted at its source
    office.sync()
    settings = consolidation_settings(office.settings, CAL, AS_OF)
    accepted, latest = submissions(office.ledger)
    assert any(not s.valid for s in latest) and any(s.deleted_at_source for s in latest)
    expected = consolidate(office.plan, office.registry, accepted, latest, settings)
    status = next(t for t in expected if t.sheet == "Status")
    assert next(r for r in status.rows if r[1] == "2.1.2")[7] == "MUP in April."
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
    master = office.tmp / "open-master.xlsx"
    Workbook().save(master)
    alive = _decoded_alive(monkeypatch)
    book = xw.Book(json=client_payload(master, VBA))
    now = dt.datetime(2018, 5, 3, 9, 30, tzinfo=dt.UTC)
    functions.consolidate(book, office.plan, office.registry, office.ledger, office.settings, CAL, now=now)
    # Four reports decoded; when each is, only the one before it is still held (the newest of its year so far).
    assert len(alive) == 4 and max(alive) <= 1
