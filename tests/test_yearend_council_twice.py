"""The report to the Council issued twice for the configured day (found on the demo, December 2026: `apmon report
council --to 2018-12` run a second time, the demo's `as_of = 2019-01-31`, said "This is the first report to the
Council in the ledger" and counted 517 days from the start of monitoring, though the ledger had recorded the first
one, of the same day, minutes before; `apmon sync status` named it). Now the second counts from the first: 0 days.
A report made again `--as-of` its own cut-off still does not count itself (tests/test_reports.py)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl import load_workbook
from typer.testing import CliRunner

from apmon.cli.app import app
from apmon.schemas.institutions import InstitutionRegistry
from apmon.schemas.plan import Plan
from apmon.sync.demo_data import write_demo_reports

runner = CliRunner()


def test_a_council_report_issued_again_for_the_same_day_counts_from_the_first(
    plan: Plan, registry: InstitutionRegistry, tmp_path: Path
) -> None:
    reports = tmp_path / "reports"
    write_demo_reports(plan, registry, reports, first="2018-11", last="2018-12", until=dt.date(2019, 1, 31))
    config = tmp_path / "apmon.toml"
    config.write_text(
        f'[sync]\ndata_dir = "{tmp_path.as_posix()}"\nfolder = "{reports.as_posix()}"\n'
        'first_period = "2018-11"\nlast_period = "2018-12"\nas_of = 2019-01-31\n',
        encoding="utf-8",
    )
    assert runner.invoke(app, ["sync", "run", "--config", str(config)]).exit_code == 0
    args = ["report", "council", "--to", "2018-12", "--out", str(tmp_path / "out"), "--lang", "en"]
    first = runner.invoke(app, [*args, "--config", str(config)])
    assert first.exit_code == 0 and "from the start of monitoring" in " ".join(first.stderr.split()), first.output
    again = runner.invoke(app, [*args, "--config", str(config)])
    assert again.exit_code == 0, again.output
    assert "start of monitoring" not in again.stderr, again.stderr  # 0 days: no warning
    sheet = load_workbook(tmp_path / "out" / "council-2018-11-2018-12-en.xlsx").worksheets[0]
    summary = " ".join(str(c) for row in sheet.iter_rows(values_only=True) for c in row if c)
    assert "first report to the Council" not in summary and "No earlier report" not in summary, summary
    assert "The previous report to the Council was issued on 31 Jan 2019." in summary, summary
