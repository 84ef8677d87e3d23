"""The report to the Council issued twice for the configured day (found on the demo, December 2026: `apmon report
council --to 2018-12` run a second time, the demo's `as_of = 2019-01-31`).

First it said "This is the first report to the Council in the ledger" again. The fix made the second count from the
first, 0 days, which was wrong too: the second is the same report made again (same span, same day; its files replace
the first's), so the Council was informed once, and the second said "The previous report to the Council was issued
on 31 Jan 2019" (itself) and dropped the 60-day warning the first carried (91 days since monitoring began). The ledger
listed both records with the same files, though the first's files now hold the second. Now a report of the same span
issued again the same day says that it replaces the one issued before and counts the days as it did; `apmon ledger
issued` says the earlier record's files were written again by the later one. A report made again `--as-of` its own
cut-off still does not count itself (tests/test_reports.py)."""

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

MONITORING_STARTS = dt.date(2018, 11, 1)  # first_period
CUT_OFF = dt.date(2019, 1, 31)  # the configured day


def summary_of(path: Path) -> str:
    sheet = load_workbook(path).worksheets[0]
    return " ".join(" ".join(str(c) for row in sheet.iter_rows(values_only=True) for c in row if c).split())


def demo_synced(plan: Plan, registry: InstitutionRegistry, tmp_path: Path) -> Path:
    """The demo's November and December reports synced, `as_of` the configured day; its apmon.toml."""
    reports = tmp_path / "reports"
    write_demo_reports(plan, registry, reports, first="2018-11", last="2018-12", until=CUT_OFF)
    config = tmp_path / "apmon.toml"
    config.write_text(
        f'[sync]\ndata_dir = "{tmp_path.as_posix()}"\nfolder = "{reports.as_posix()}"\n'
        'first_period = "2018-11"\nlast_period = "2018-12"\nas_of = 2019-01-31\n',
        encoding="utf-8",
    )
    assert runner.invoke(app, ["sync", "run", "--config", str(config)]).exit_code == 0
    return config


def test_a_council_report_issued_again_for_the_same_day_replaces_the_first_and_counts_as_it(
    plan: Plan, registry: InstitutionRegistry, tmp_path: Path
) -> None:
    config = demo_synced(plan, registry, tmp_path)
    args = ["report", "council", "--to", "2018-12", "--out", str(tmp_path / "out"), "--lang", "en"]
    days = (CUT_OFF - MONITORING_STARTS).days  # 91: counted here from the dates, not by apmon
    assert days > 60
    first = runner.invoke(app, [*args, "--config", str(config)])
    assert first.exit_code == 0, first.output
    assert "from the start of monitoring" in " ".join(first.stderr.split()) and f"{days} days" in first.stderr
    xlsx = tmp_path / "out" / "council-2018-11-2018-12-en.xlsx"
    said_first = summary_of(xlsx)
    assert "first report to the Council" in said_first and f"{days} days apart" in said_first

    again = runner.invoke(app, [*args, "--config", str(config)])
    assert again.exit_code == 0, again.output
    # The Council still waited 91 days: the warning stands, as on the first.
    assert "from the start of monitoring" in " ".join(again.stderr.split()) and f"{days} days" in again.stderr
    said_again = summary_of(xlsx)
    assert f"{days} days apart" in said_again, said_again
    assert "The previous report to the Council was issued on 31 Jan 2019." not in said_again
    assert "replaces the report to the Council of the same span issued on 31 Jan 2019" in said_again, said_again

    listed = runner.invoke(app, ["ledger", "issued", "--config", str(config), "--lang", "en"])
    assert listed.exit_code == 0, listed.output
    lines = [" ".join(line.split()) for line in listed.stdout.splitlines()]
    assert f"1: {tmp_path / 'out' / 'council-2018-11-2018-12-en.pdf'} (written again by no. 2)" in lines, lines
    assert f"2: {tmp_path / 'out' / 'council-2018-11-2018-12-en.pdf'}" in lines, lines


def test_a_council_report_made_again_after_one_of_other_months_that_day_counts_from_that_one(
    plan: Plan, registry: InstitutionRegistry, tmp_path: Path
) -> None:
    """Found in review, December 2026: with the configuration's `as_of`, every report of that day has the same
    cut-off, and the report replaced was told apart from the others by that moment alone. So November's report, issued
    first that day, was dropped with the December one made again: the repeat said "This is the first report to the
    Council in the ledger" and counted 91 days from the start of monitoring, where the first December one had counted
    0 from November's."""
    config = demo_synced(plan, registry, tmp_path)
    out = ["--out", str(tmp_path / "out"), "--lang", "en", "--config", str(config)]
    november = runner.invoke(app, ["report", "council", "--from", "2018-11", "--to", "2018-11", *out])
    assert november.exit_code == 0, november.output
    december = ["report", "council", "--from", "2018-12", "--to", "2018-12", *out]
    xlsx = tmp_path / "out" / "council-2018-12-2018-12-en.xlsx"
    said = []
    for _ in range(2):
        made = runner.invoke(app, december)
        assert made.exit_code == 0, made.output
        assert "start of monitoring" not in made.stderr, (len(said), made.stderr)  # 0 days since November's: no warning
        said.append(summary_of(xlsx))
    for summary in said:
        assert "first report to the Council" not in summary and "No earlier report" not in summary, summary
        assert "Previous report to the Council: November 2018 – November 2018" in summary, summary
        assert "days apart" not in summary, summary  # no 60-day warning: 0 days since November's
    assert "replaces the report to the Council of the same span issued on 31 Jan 2019" in said[1], said[1]
