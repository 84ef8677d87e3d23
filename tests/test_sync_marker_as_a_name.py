"""The sync's marker as a person's name (found in review, rv2): the ledger records the brief the scheduled sync
issues under `apmon:sync`, and every reader reads that marker as "the sync (unattended)" in their language. A person
who gives that marker (or the sync's words an older apmon stored) as their name, with `--by` or as `[reports]
coordinator`, had their decisions signed with the raw marker and the reports they issue shown as the sync's. Such a
name is refused, saying where, and nothing is recorded. The ledger is a real SQLite file, read with sqlite3."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from apmon.cli.app import app
from tests.test_evaluation_cli_author import config_fixture

runner = CliRunner()
SYNC_NAMES = ["apmon:sync", " apmon:sync ", "sinhronizacija (bez nadzora)", "the sync (unattended)"]
# The master's marker, alone or with the configured Coordinator's name, and the words an older apmon stored for it:
# a decision signed so would be read as one typed on the master's Evaluation sheet.
MASTER_NAMES = [
    "apmon:master",
    "apmon:master:Ana Anić",
    "Koordinator (zbirna radna sveska)",
    "Ana Anić (master workbook)",
]


config = config_fixture


def recorded(config: Path, table: str) -> int:
    ledger = config.parent / "data" / "ledger.sqlite"
    if not ledger.exists():
        return 0
    with sqlite3.connect(ledger) as db:
        return int(db.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


@pytest.mark.parametrize("name", SYNC_NAMES + MASTER_NAMES)
def test_the_sync_marker_is_refused_as_a_name_given_with_by(config: Path, name: str) -> None:
    commands = {
        "evaluation_overrides": ["evaluation", "set", "2.3", "--year", "2017", "--assessment", "completed",
                                 "--reason", "Both tasks completed."],
        "evaluation_comments": ["evaluation", "comment", "1.2", "--year", "2018", "--text", "Shelters lack funds."],
        "task_statuses": ["task", "status", "1.1.3", "completed", "--period", "2018-03"],
    }  # fmt: skip
    for table, args in commands.items():
        result = runner.invoke(app, [*args, "--by", name, "--config", str(config), "--lang", "en"])
        assert result.exit_code != 0, (args, result.output)
        assert "--by" in result.stderr and "apmon" in result.stderr, result.stderr
        assert recorded(config, table) == 0


@pytest.mark.parametrize("name", SYNC_NAMES + MASTER_NAMES)
def test_the_sync_marker_is_refused_as_the_configured_coordinator(config: Path, name: str) -> None:
    config.write_text(config.read_text(encoding="utf-8") + f'[reports]\ncoordinator = "{name}"\n', encoding="utf-8")
    args = ["evaluation", "set", "2.3", "--year", "2017", "--assessment", "completed", "--reason", "Checked."]
    result = runner.invoke(app, [*args, "--config", str(config), "--lang", "en"])
    assert result.exit_code != 0, result.output
    assert "coordinator" in result.stderr and "apmon.toml" in result.stderr, result.stderr
    assert recorded(config, "evaluation_overrides") == 0


def test_a_name_that_only_contains_the_marker_is_a_name(config: Path) -> None:
    args = ["evaluation", "comment", "1.2", "--year", "2018", "--text", "Shelters lack funds."]
    result = runner.invoke(app, [*args, "--by", "ASTRA (apmon:sync pilot)", "--config", str(config), "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert recorded(config, "evaluation_comments") == 1
