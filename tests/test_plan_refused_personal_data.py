"""Personal data in a report refused for being another Action Plan's (a late 2018 report sent once the next plan is
monitored) is purged on the personal-data clock counted from the report's first arrival: the refusal's bytes and
those of the copy a run under the report's own plan judges it again from. Real workbooks, a real ledger of each
backend (SQLite and PostgreSQL), real sync runs of both plans on it."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from sqlalchemy import text

from apmon.schemas.calendar import BELGRADE, WorkingCalendar
from apmon.schemas.institutions import InstitutionRegistry
from apmon.schemas.plan import Plan
from apmon.sync.config import SyncSettings
from apmon.sync.ledger import Ledger
from apmon.sync.run import RunSummary, run_sync
from apmon.sync.sources import FolderSource
from apmon.templates.plan_file import load_plan, load_registry
from tests.next_plan import write_next_plan
from tests.reports import complete_annual, filled_report
from tests.test_ledger import postgres_admin_url, url  # noqa: F401  (ledger backends: SQLite and PostgreSQL)

JMBG = "0101990710008"  # valid: a real date of birth and the right control digit
FIRST_ARRIVAL = dt.datetime(2019, 2, 20, 9, tzinfo=dt.UTC)  # read by a run of the new plan
JUDGED_AGAIN = FIRST_ARRIVAL + dt.timedelta(days=18)  # the Coordinator runs the old plan's sync later
PERSONAL_DATA_DAYS = 30  # the default retention of personal data (SyncSettings.personal_data_days)


def _sync(plan: Plan, registry: InstitutionRegistry, ledger: Ledger, tmp: Path, now: dt.datetime) -> RunSummary:
    settings = SyncSettings(
        data_dir=tmp / "data", folder=tmp / "reports", first_period="2018-09", last_period="2018-12", master_lang="en"
    )
    return run_sync(
        plan=plan,
        registry=registry,
        ledger=ledger,
        sources=[FolderSource(tmp / "reports")],
        settings=settings,
        calendar=WorkingCalendar(),
        now=lambda: now,
        as_of=now.date(),
    )


def _stored_bytes(ledger: Ledger) -> bytes:
    """Everything a SQLite ledger keeps on disk: the database file and its write-ahead log; of a PostgreSQL one, what
    its versions hold (their bytes, reports and issues)."""
    if ledger.engine.dialect.name != "sqlite":
        with ledger.engine.connect() as conn:
            rows = conn.execute(text("SELECT raw, coalesce(report, ''), issues FROM versions")).all()
        return b"".join(bytes(raw) + f"{report}{issues}".encode() for raw, report, issues in rows)
    database = Path(str(ledger.engine.url.database))
    return b"".join(p.read_bytes() for p in (database, Path(f"{database}-wal")) if p.exists())


def test_personal_data_in_a_plan_refused_report_is_purged_from_every_copy_counted_from_its_first_arrival(
    tmp_path: Path,
    url: str,  # noqa: F811
) -> None:
    registry = load_registry()
    old_plan = load_plan(None, registry)
    write_next_plan(tmp_path)
    new_registry = load_registry(tmp_path / "institutions-2019.yaml")
    new_plan = load_plan(tmp_path / "plan-2019-2020.yaml", new_registry)
    reports = tmp_path / "reports"
    reports.mkdir()
    path, layout = filled_report(old_plan, registry, reports, "MUP", "2018", {}, name="MUP_2018.xlsx")
    edits = complete_annual(layout)
    task = layout.sheet("tasks").rows[0].key
    edits[("tasks", task, "progress")] = f"Žrtva (JMBG {JMBG}) smeštena u prihvatilište."
    filled_report(old_plan, registry, reports, "MUP", "2018", edits, name="MUP_2018.xlsx")
    sent = dt.datetime(2019, 2, 20, 8, tzinfo=BELGRADE).timestamp()
    os.utime(path, (sent, sent))
    ledger = Ledger.open(url)
    try:
        _sync(new_plan, new_registry, ledger, tmp_path, FIRST_ARRIVAL)
        [refusal] = ledger.versions()
        codes = {i["code"] for i in refusal.issues}
        assert {"report-of-earlier-plan", "personal-data"} <= codes  # the personal data is found in the refusal too

        judged = _sync(old_plan, registry, ledger, tmp_path, JUDGED_AGAIN)
        assert len(judged.versions) == 1  # judged again under its own plan: a second copy of the bytes
        versions = ledger.versions()
        assert len(versions) == 2 and all(not v.valid for v in versions)
        assert all(v.raw_purged_at is None for v in versions)  # within the retention: kept to show the problem
        assert JMBG.encode() in _stored_bytes(ledger)  # so its absence below says it was purged

        # A day before the retention has passed since the first arrival: nothing purged yet.
        almost = FIRST_ARRIVAL + dt.timedelta(days=PERSONAL_DATA_DAYS - 1)
        assert _sync(old_plan, registry, ledger, tmp_path, almost).purged == []
        # Past it, counted from the first arrival (not from the day it was judged again): every copy is purged.
        past = FIRST_ARRIVAL + dt.timedelta(days=PERSONAL_DATA_DAYS + 1)
        purged = _sync(old_plan, registry, ledger, tmp_path, past).purged
        assert sorted(purged) == sorted(v.id for v in versions)
        after = ledger.versions()
        assert [v.id for v in after] == [v.id for v in versions]  # the records stay
        assert all(v.raw_purged_at == past and v.report_json is None for v in after)
        for before, now in zip(versions, after, strict=True):  # what was wrong stays, masked
            assert [i["code"] for i in now.issues] == [i["code"] for i in before.issues]
        assert JMBG.encode() not in _stored_bytes(ledger)
        # The new plan's runs judge nothing again from purged bytes, and purge nothing more.
        assert _sync(new_plan, new_registry, ledger, tmp_path, past + dt.timedelta(days=1)).purged == []
        assert len(ledger.versions()) == 2
    finally:
        ledger.close()
