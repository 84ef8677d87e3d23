"""`apmon evaluation set` and `apmon evaluation comment` take `--by` alike: optional on the command line, and what is
missing is said with what it is and an example, in the reader's language. A decision is the Coordinator's own (his
user name by default, as `apmon task status`); a comment is someone else's (a Working Group member's, a civil society
representative's), which apmon cannot guess: without --by it is refused, saying what to add, and nothing is recorded.
The ledger is a real SQLite file, counted here with sqlite3."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from apmon.cli.app import app
from apmon.schemas.text import LANGS, Lang

runner = CliRunner()


@pytest.fixture(name="config")
def config_fixture(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An apmon.toml with only a data folder, in the working folder. Other modules import it with
    `config = config_fixture` (as `folder_fixture`): a test's `config` parameter then shadows no import."""
    monkeypatch.delenv("APMON_LANG", raising=False)
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "apmon.toml"
    path.write_text(f'[sync]\ndata_dir = "{(tmp_path / "data").as_posix()}"\n', encoding="utf-8")
    return path


def rows(config: Path, table: str) -> list[tuple[object, ...]]:
    ledger = config.parent / "data" / "ledger.sqlite"
    if not ledger.exists():
        return []
    with sqlite3.connect(ledger) as db:
        return db.execute(f"SELECT * FROM {table}").fetchall()


# What the reader is told to add, in every language: the option and an example of its value.
EXAMPLE = {
    "sr-Latn": '`--by "ASTRA (civilno društvo)"`',
    "sr-Cyrl": '`--by "АСТРА (цивилно друштво)"`',  # a Cyrillic text's example is Cyrillic
    "en": '`--by "ASTRA (civil society)"`',
}


@pytest.mark.parametrize("lang", LANGS)
def test_a_comment_without_its_author_says_what_to_add_and_records_nothing(config: Path, lang: Lang) -> None:
    args = ["evaluation", "comment", "2.1", "--year", "2017", "--text", "Skloništa nemaju sredstava"]
    result = runner.invoke(app, [*args, "--config", str(config), "--lang", lang])
    assert result.exit_code == 2, result.output
    said = result.stderr.strip().splitlines()[-1]
    assert said.startswith({"sr-Latn": "Greška: ", "sr-Cyrl": "Грешка: ", "en": "Error: "}[lang]), said
    assert EXAMPLE[lang] in said, said
    assert rows(config, "evaluation_comments") == []
    given = runner.invoke(app, [*args, "--by", "ASTRA (civilno društvo)", "--config", str(config), "--lang", lang])
    assert given.exit_code == 0, given.output
    [recorded] = rows(config, "evaluation_comments")
    assert {"ASTRA (civilno društvo)", "Skloništa nemaju sredstava"} <= set(recorded)


@pytest.mark.parametrize(
    ("lang", "what"),
    [
        ("sr-Latn", "Razlog odluke: čuva se uz odluku i prikazuje u izveštaju."),
        ("sr-Cyrl", "Разлог одлуке: чува се уз одлуку и приказује у извештају."),
        ("en", "Why: kept with the decision and shown in the report."),
    ],
)
def test_a_missing_option_is_said_with_what_it_is(config: Path, lang: Lang, what: str) -> None:
    args = ["evaluation", "set", "1.2", "--year", "2017", "--assessment", "completed", "--config", str(config)]
    result = runner.invoke(app, [*args, "--lang", lang])
    assert result.exit_code == 2, result.output
    said = result.stderr.strip().splitlines()[-1]
    assert "--reason" in said and said.endswith(what), said
    assert rows(config, "evaluation_overrides") == []


@pytest.mark.parametrize("command", ["set", "comment"])
def test_an_activity_given_with_spaces_around_it_is_that_activity(config: Path, command: str) -> None:
    """An activity pasted from a table with its spaces (" 2.1 ") was "There is no activity  2.1  in the plan", while
    `apmon task status " 1.1.3 "` took its task: the activity is the one named, recorded under its id."""
    given = {"set": ["--assessment", "completed", "--reason", "Gotovo."], "comment": ["--by", "ASTRA", "--text", "Da."]}
    args = ["evaluation", command, " 2.1 ", "--year", "2017", *given[command], "--config", str(config)]
    result = runner.invoke(app, [*args, "--lang", "en"])
    assert result.exit_code == 0, result.output
    [recorded] = rows(config, {"set": "evaluation_overrides", "comment": "evaluation_comments"}[command])
    assert "2.1" in recorded and " 2.1 " not in recorded
