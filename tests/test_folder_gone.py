"""The reports folder is not there at a run: the default one (`<data_dir>/reports`) moved away or deleted, or a
configured one on a network drive that is gone. The Coordinator gets one clear line and exit code 1; no folder is
made in its place, no report is marked missing and the master is not written again. Real report files (the demo's
writer), a real SQLite ledger, the real command; the figures are compared with the master as it was, cell for cell,
and the ledger is read with sqlite3 alone."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from typer.testing import CliRunner

from apmon.cli.app import app
from apmon.schemas.calendar import WorkingCalendar
from apmon.schemas.institutions import InstitutionRegistry
from apmon.schemas.plan import Plan
from apmon.sync.demo_data import write_demo_reports

runner = CliRunner()
FIRST, LAST = "2018-01", "2018-02"


def cells(master: Path) -> dict[str, list[tuple[Any, ...]]]:
    book = openpyxl.load_workbook(master, read_only=True, data_only=True)
    try:
        return {sheet.title: list(sheet.iter_rows(values_only=True)) for sheet in book.worksheets}
    finally:
        book.close()


def missing_in_ledger(data: Path) -> int:
    with sqlite3.connect(data / "ledger.sqlite") as db:
        return int(db.execute("SELECT count(*) FROM items WHERE missing_since IS NOT NULL").fetchone()[0])


def items_in_ledger(data: Path) -> int:
    with sqlite3.connect(data / "ledger.sqlite") as db:
        return int(db.execute("SELECT count(*) FROM items").fetchone()[0])


def sync_run(config: Path) -> Any:
    return runner.invoke(app, ["sync", "run", "--config", str(config)])


def setup(tmp_path: Path, plan: Plan, registry: InstitutionRegistry, folder: Path | None) -> tuple[Path, Path, Path]:
    """A data folder, the reports (in `folder`, or the default `<data>/reports`), and apmon.toml naming them."""
    data = tmp_path / "data"
    reports = folder or data / "reports"
    write_demo_reports(plan, registry, reports, first=FIRST, last=LAST, calendar=WorkingCalendar())
    lines = ["[sync]", f'data_dir = "{data.as_posix()}"', f'first_period = "{FIRST}"', f'last_period = "{LAST}"']
    lines += ['as_of = "2018-04-01"', 'master_lang = "en"']
    if folder is not None:
        lines.append(f'folder = "{folder.as_posix()}"')
    config = tmp_path / "apmon.toml"
    config.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return config, data, reports


@pytest.mark.parametrize("configured", [False, True])
def test_a_reports_folder_gone_says_one_line_and_changes_nothing(
    tmp_path: Path, plan: Plan, registry: InstitutionRegistry, configured: bool
) -> None:
    config, data, reports = setup(tmp_path, plan, registry, tmp_path / "Z" / "izvestaji" if configured else None)
    files = len(list(reports.rglob("*.xlsx")))
    first = sync_run(config)
    assert first.exit_code == 0, first.output
    assert items_in_ledger(data) == files > 0
    master = data / "master.xlsx"
    before, written = cells(master), master.stat().st_mtime_ns

    shutil.move(reports, tmp_path / "moved away")  # moved (or deleted, or the drive no longer mapped)
    gone = sync_run(config)

    assert gone.exit_code == 1, gone.output
    assert "No longer at the source" not in gone.output
    said = " ".join(gone.output.split())  # as one text: the terminal's width breaks long lines
    assert said.count("reports folder") == 1 and said.count("Error:") == 1, said
    assert f"{reports.as_posix()} is not there" in said or f"{reports.as_posix()} does not exist" in said, said
    assert not reports.exists()  # no empty folder made in its place
    assert missing_in_ledger(data) == 0
    assert master.stat().st_mtime_ns == written and cells(master) == before

    # The folder back where it was: the next run reads nothing again, marks nothing missing.
    shutil.move(tmp_path / "moved away", reports)
    back = sync_run(config)
    assert back.exit_code == 0, back.output
    assert missing_in_ledger(data) == 0 and items_in_ledger(data) == files
    assert cells(master) == before


def test_the_first_run_on_a_fresh_machine_makes_the_default_folder(tmp_path: Path) -> None:
    """A ledger that holds nothing of the default folder: the folder is made for the reports to come, and the run
    says it is empty (no error)."""
    data = tmp_path / "data"
    config = tmp_path / "apmon.toml"
    config.write_text(f'[sync]\ndata_dir = "{data.as_posix()}"\nmaster_lang = "en"\n', encoding="utf-8")
    first = sync_run(config)
    assert first.exit_code == 0, first.output
    assert (data / "reports").is_dir()
