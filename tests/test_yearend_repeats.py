"""The Coordinator's year-end records made twice (found trying the year's end as a hurried Coordinator, December
2026): the same decision, comment or task status recorded again, as a command run twice or taken back from the shell's
history, adds nothing to the ledger, so the annual evaluation does not list one decision or one comment twice. The
command says it was already recorded (when, by whom) and exits 0. Anything that differs (another reason, another
author, another text, a decision taken back by a newer one and given again) is recorded as before. The ledger is a
real SQLite file, read here with sqlite3."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from typer.testing import CliRunner

from apmon.cli.app import app
from tests.test_evaluation_cli_author import config_fixture

runner = CliRunner()


config = config_fixture


def rows(config: Path, sql: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(config.parent / "data" / "ledger.sqlite") as db:
        return db.execute(sql).fetchall()


def run(config: Path, *args: str) -> tuple[int, str]:
    result = runner.invoke(app, [*args, "--config", str(config), "--lang", "en"])
    return result.exit_code, " ".join(result.stdout.split())


def test_a_decision_given_twice_is_recorded_once(config: Path) -> None:
    decide = ["evaluation", "set", "2.3", "--year", "2017", "--assessment", "completed", "--by", "M. Marković"]
    code, said = run(config, *decide, "--reason", "Both tasks completed; checked on site.")
    assert code == 0 and said.startswith("Recorded: activity 2.3, 2017: completed"), said
    code, said = run(config, *decide, "--reason", "  Both tasks completed; checked on site. ")
    assert code == 0 and said.startswith("Already recorded: activity 2.3, 2017: completed"), said
    assert "nothing new was recorded" in said and "M. Marković" in said, said
    assert rows(config, "SELECT assessment, reason FROM evaluation_overrides") == [
        ("completed", "Both tasks completed; checked on site.")
    ]
    # Another reason is another decision; the first given again after it stands again, so it is recorded again.
    assert run(config, *decide, "--reason", "Confirmed by the Working Group.")[0] == 0
    assert run(config, *decide, "--reason", "Both tasks completed; checked on site.")[0] == 0
    assert len(rows(config, "SELECT id FROM evaluation_overrides")) == 3
    # The same words from someone else are that person's decision.
    other = [*decide[:-1], "N. Nikolić", "--reason", "Both tasks completed; checked on site."]
    assert run(config, *other)[1].startswith("Recorded:")
    assert len(rows(config, "SELECT id FROM evaluation_overrides")) == 4


def test_a_comment_given_twice_is_recorded_once(config: Path) -> None:
    comment = ["evaluation", "comment", "1.2", "--year", "2018", "--by", "ASTRA (civil society)"]
    assert run(config, *comment, "--text", "Shelters lack funds.")[1].startswith("Comment recorded:")
    code, said = run(config, *comment, "--text", "Shelters  lack funds.")
    assert code == 0 and said.startswith("Comment already recorded: activity 1.2, 2018 (ASTRA (civil society)"), said
    assert rows(config, "SELECT author, text FROM evaluation_comments") == [
        ("ASTRA (civil society)", "Shelters lack funds.")
    ]
    assert run(config, *comment, "--text", "Shelters still lack funds.")[0] == 0  # another text: recorded
    assert run(config, "evaluation", "comment", "1.2", "--year", "2017", "--by", "ASTRA (civil society)", "--text",
               "Shelters lack funds.")[0] == 0  # another year: recorded  # fmt: skip
    assert len(rows(config, "SELECT id FROM evaluation_comments")) == 3


def test_a_task_status_given_twice_is_recorded_once(config: Path) -> None:
    record = ["task", "status", "1.1.3", "completed", "--period", "2018-03", "--by", "M. Marković"]
    assert run(config, *record, "--note", "Meeting held.")[1].startswith("Recorded: task 1.1.3")
    code, said = run(config, *record, "--note", "Meeting  held.")
    assert code == 0 and said.startswith("Already recorded: task 1.1.3"), said
    assert rows(config, "SELECT task, period, status, note FROM task_statuses") == [
        ("1.1.3", "2018-03", "completed", "Meeting held.")
    ]
    assert run(config, *record[:4], "--period", "2018-04", "--by", "M. Marković", "--note", "Meeting held.")[0] == 0
    assert len(rows(config, "SELECT id FROM task_statuses")) == 2  # another month: recorded


def test_a_comment_said_again_after_another_of_its_author_is_recorded(config: Path) -> None:
    """Found in review (rv2): X, then Y, then X again by the same author is that author's word changed back, not a
    command run twice; only the author's latest comment given again is a repeat."""
    comment = ["evaluation", "comment", "1.2", "--year", "2018", "--by", "ASTRA (civil society)"]
    assert run(config, *comment, "--text", "Shelters lack funds.")[0] == 0
    assert run(config, *comment, "--text", "Funds came in June.")[0] == 0
    code, said = run(config, *comment, "--text", "Shelters lack funds.")
    assert code == 0 and said.startswith("Comment recorded:"), said
    assert [t for (t,) in rows(config, "SELECT text FROM evaluation_comments ORDER BY id")] == [
        "Shelters lack funds.",
        "Funds came in June.",
        "Shelters lack funds.",
    ]
