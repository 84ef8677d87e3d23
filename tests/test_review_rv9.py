"""Release review (rv9) of what came in since 2d456a0: each test here failed before its fix.

Real report files made with the project's own template builder, a real sync into a real SQLite ledger, the
master read with openpyxl and the ledger with sqlite3."""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
from pathlib import Path
from zoneinfo import ZoneInfo

from typer.testing import CliRunner

from apmon.cli.app import app
from apmon.schemas.institutions import InstitutionRegistry
from apmon.schemas.plan import Plan
from apmon.sync.config import load_config
from apmon.sync.service import open_ledger
from tests.test_sync import Office, row_of

runner = CliRunner()
BELGRADE = ZoneInfo("Europe/Belgrade")


def test_ledger_versions_counts_what_a_master_for_a_past_day_counts(
    tmp_path: Path, plan: Plan, registry: InstitutionRegistry
) -> None:
    """`[sync] as_of` set: the master counts only the versions submitted by the end of that day. A correction
    submitted after it is not the master's version, and `ledger versions` must not say that it counts."""
    folder = tmp_path / "reports"
    config = tmp_path / "apmon.toml"
    config.write_text(
        f'[sync]\ndata_dir = "{(tmp_path / "data").as_posix()}"\nfolder = "{folder.as_posix()}"\n'
        'first_period = "2018-03"\nlast_period = "2018-04"\nmaster_lang = "en"\nas_of = 2018-04-20\n',
        encoding="utf-8",
    )
    settings = load_config(config)
    ledger = open_ledger(settings)
    office = Office(tmp_path, plan, registry, ledger)
    office.settings = settings.sync
    try:
        office.submit("MZ", "2018-03")  # on the deadline, 10 Apr 2018
        office.sync()
        corrected = office.submit("MZ", "2018-03", {("tasks", "2.1.2", "problems"): "Ispravka poslata u maju."})
        stamp = dt.datetime(2018, 5, 3, 10, 0, tzinfo=BELGRADE).timestamp()  # after the master's day
        os.utime(corrected, (stamp, stamp))
        office.sync()
        submissions = row_of(office.master()["Submissions"], "MZ")
    finally:
        ledger.close()

    with sqlite3.connect(tmp_path / "data" / "ledger.sqlite") as db:
        stored = db.execute(
            "SELECT id, source_modified FROM versions WHERE institution = 'MZ' AND period = '2018-03' "
            "AND valid = 1 ORDER BY id"
        ).fetchall()
    assert len(stored) == 2
    cut_off = dt.datetime(2018, 4, 21, tzinfo=BELGRADE)  # the end of as_of in Belgrade
    in_time = [vid for vid, at in stored if dt.datetime.fromisoformat(at).replace(tzinfo=dt.UTC) < cut_off]
    master_version = max(in_time)
    assert any(f"version {master_version}" in str(cell) for cell in submissions)  # the master's choice

    listed = runner.invoke(app, ["ledger", "versions", "-i", "MZ", "-p", "2018-03", "--json", "--config", str(config)])
    assert listed.exit_code == 0, listed.output
    rows = {r["version"]: r for r in json.loads(listed.stdout)}
    assert [vid for vid, r in rows.items() if r["counts"]] == [master_version]
    assert {r["counted_version"] for r in rows.values()} == {master_version}
