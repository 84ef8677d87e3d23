"""`apmon demo`, the README's first command: it says what it built in Serbian, and the demo's master is up to date
for the demo's day, so `apmon sync status` right after it (the next step it names) does not ask for a refresh."""

from __future__ import annotations

import re
from pathlib import Path

import openpyxl
from typer.testing import CliRunner

from apmon.cli.app import app
from apmon.schemas.messages import text_of

runner = CliRunner()


def test_the_demo_says_what_it_built_and_its_master_is_up_to_date(tmp_path: Path) -> None:
    folder = tmp_path / "apmon-demo"
    built = runner.invoke(app, ["demo", "--dir", str(folder)])
    assert built.exit_code == 0, built.output
    files = sorted((folder / "reports").rglob("*.xlsx"))
    said = " ".join(built.output.split())  # rich wraps long lines
    # Serbian (Latin) by default, counted from the folder
    assert f"Primer: napisano datoteka izveštaja: {len(files)}" in said
    assert re.search(rf"Evidencija: zabeleženo verzija: {len(files)} ", said)
    assert (folder / "master.xlsx").exists() and "Zbirna radna sveska" in said
    sheets = openpyxl.load_workbook(folder / "master.xlsx", read_only=True).sheetnames
    assert text_of("master.sheet.status", "sr-Latn") in sheets

    config = folder / "apmon.toml"
    for _ in range(2):  # right after the demo, and after a run that finds nothing new
        status = runner.invoke(app, ["sync", "status", "--config", str(config)])
        assert status.exit_code == 0, status.output
        shown = " ".join(status.output.split())
        assert text_of("sync.status.fresh", "sr-Latn") in shown
        assert text_of("sync.status.stale", "sr-Latn") not in shown
        again = runner.invoke(app, ["sync", "run", "--config", str(config)])
        assert again.exit_code == 0, again.output
