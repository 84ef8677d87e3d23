"""A mistyped command line (an unknown option or command, a missing argument or option, a value of the wrong kind, an
extra argument) is said in the reader's language, usage line and help hint included: the command-line library wrote
them in English whatever the language ("No such option: --x", "Try 'apmon sync --help' for help."). The language is
the one of everything else: --lang, else $APMON_LANG, else the configuration's master_lang, else Serbian Latin. The
wording is the point here."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from apmon.cli.app import app
from apmon.cli.help_texts import help_language
from apmon.schemas.messages import text_of
from apmon.schemas.text import LANGS, Lang

runner = CliRunner()
# What the command-line library says in English: none of it may reach a Serbian reader.
LIBRARY_ENGLISH = re.compile(
    r"Usage|Try '|for help|Error|No such|Missing|Invalid value|Got unexpected|requires an? |does not take|"
    r"Possible options|Options|Commands|Arguments|OPTIONS|COMMAND|ARGS|Show this message|required|<str>|<int>"
)
_LATIN = re.compile(r"[A-Za-z]")


@pytest.fixture(autouse=True)
def no_language_around(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Neither $APMON_LANG nor an apmon.toml where the tests run: the defaults are the point."""
    monkeypatch.delenv("APMON_LANG", raising=False)
    monkeypatch.chdir(tmp_path)


# Each kind of usage error apmon's commands can meet: (args, the command whose usage and help hint are shown, none
# where click shows neither, the catalogue key, its fields)
CASES: list[tuple[list[str], str, str, dict[str, Any]]] = [
    (["sync", "--x"], "apmon sync", "usage.no_such_option", {"option": "--x"}),
    (["deadline", "2018-03", "--workday", "3"], "apmon deadline", "usage.no_such_option_maybe",
     {"option": "--workday", "options": "--working-day"}),
    (["validate"], "apmon validate", "usage.missing_argument", {"argument": "files"}),
    # with what the option is, its help in the reader's language
    (["report", "minister"], "apmon report minister", "usage.missing_option_what", {"option": "--period", "what": {
        "sr-Latn": "Mesec na koji se informacija odnosi, `YYYY-MM`.",
        "sr-Cyrl": "Месец на који се информација односи, `YYYY-MM`.",
        "en": "The month of the brief, YYYY-MM."}}),
    (["deadline", "2018-03", "--working-day", "abc"], "apmon deadline", "usage.not_whole_number",
     {"option": "--working-day", "value": "abc"}),
    # It was pydantic's own English, with a link to its documentation, after "Greška: neispravno podešavanje rokova".
    (["deadline", "2018-03", "--working-day", "0"], "apmon deadline", "usage.out_of_range",
     {"option": "--working-day", "value": "0", "low": "1", "high": "20"}),
    (["serve", "--max-body-mb", "ten"], "apmon serve", "usage.not_a_number", {"option": "--max-body-mb",
                                                                               "value": "ten"}),
    (["deadline", "2018-03", "--kind"], "", "usage.needs_value", {"option": "--kind"}),
    (["deadline", "2018-03", "--json=yes"], "", "usage.takes_no_value", {"option": "--json"}),
    (["deadline", "2018-03", "2018-04", "x"], "apmon deadline", "usage.extra_arguments", {"arguments": "2018-04 x"}),
    (["ledger", "purge"], "apmon ledger", "usage.no_such_command",
     {"command": "purge",
      "commands": "versions, purge-personal-data, person, mails, issued, backup, restore, downgrade"}),
    (["sync", "--"], "apmon sync", "usage.missing_command", {"commands": "run, status, schedule"}),
]  # fmt: skip


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(("args", "command", "key", "fields"), CASES, ids=[case[2] for case in CASES])
def test_a_usage_error_is_said_in_the_readers_language(
    args: list[str], command: str, key: str, fields: dict[str, Any], lang: Lang
) -> None:
    fields = {name: value[lang] if isinstance(value, dict) else value for name, value in fields.items()}
    result = runner.invoke(app, prog_name="apmon", args=args, env={"APMON_LANG": lang})
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert lines[-1] == text_of("cli.error", lang, message=text_of(key, lang, **fields))
    if command:
        assert lines[0].startswith({"sr-Latn": "Upotreba: ", "sr-Cyrl": "Употреба: ", "en": "Usage: "}[lang])
        assert lines[1] == text_of("usage.try_help", lang, command=f"{command} --help")
    if lang != "en":
        assert not LIBRARY_ENGLISH.search(result.stderr), result.stderr
    if lang == "sr-Cyrl":  # Latin only in what is typed: the command, its options and the values given
        typed = {"apmon", "--help", *args, *fields.values(), *", ".join(fields.values()).split(", ")}
        said = re.sub(r"\{\w+\}", "", result.stderr)  # the usage line's argument names, as the help lists them
        for word in (
            said.replace(",", " ").replace(";", " ").replace(":", " ").replace("„", " ").replace("“", " ").split()
        ):
            assert word.rstrip(".") in typed or word in typed or not _LATIN.search(word), word


@pytest.mark.parametrize(("lang", "usage", "commands"), [("sr-Latn", "Upotreba: ", "Komande:"),
                                                         ("sr-Cyrl", "Употреба: ", "Команде:"),
                                                         ("en", "Usage: ", "Commands:")])  # fmt: skip
def test_a_group_typed_alone_shows_its_help_in_the_readers_language(lang: Lang, usage: str, commands: str) -> None:
    result = runner.invoke(app, prog_name="apmon", args=["sync"], env={"APMON_LANG": lang})
    assert result.stderr.startswith(usage) and commands in result.stderr
    if lang != "en":
        assert not LIBRARY_ENGLISH.search(result.stderr), result.stderr


def test_lang_on_the_command_line_is_the_usage_errors_language() -> None:
    args, _, key, fields = CASES[4]
    for lang in LANGS:
        result = runner.invoke(app, prog_name="apmon", args=[*args, "--lang", lang])
        assert result.stderr.strip().splitlines()[-1] == text_of(
            "cli.error", lang, message=text_of(key, lang, **fields)
        )


def test_the_configurations_master_lang_is_the_usage_errors_language(tmp_path: Path) -> None:
    config = tmp_path / "cyrillic.toml"
    config.write_text('[sync]\nmaster_lang = "sr-Cyrl"\n', encoding="utf-8")
    named = runner.invoke(app, prog_name="apmon", args=["deadline", "2018-03", "x", "--config", str(config)])
    assert named.stderr.strip().splitlines()[-1] == "Грешка: вишак аргумената: x"
    (tmp_path / "apmon.toml").write_text('[sync]\nmaster_lang = "en"\n', encoding="utf-8")
    here = runner.invoke(
        app, prog_name="apmon", args=["deadline", "2018-03", "x"]
    )  # ./apmon.toml, as every command reads it
    assert here.stderr.strip().splitlines()[-1] == "Error: more arguments than the command takes: x"
    assert (
        runner.invoke(app, prog_name="apmon", args=["deadline", "2018-03", "x"], env={"APMON_LANG": "sr-Latn"})
        .stderr.strip()
        .endswith("Greška: višak argumenata: x")
    )


@pytest.mark.parametrize(
    ("args", "environ", "config", "lang"),
    [
        (["sync", "--x"], {}, None, "sr-Latn"),
        (["sync", "--x"], {}, "sr-Cyrl", "sr-Cyrl"),
        (["sync", "--x"], {"APMON_LANG": "en"}, "sr-Cyrl", "en"),
        (["validate", "--lang", "sr-Cyrl"], {"APMON_LANG": "en"}, "en", "sr-Cyrl"),
        (["validate", "--lang", "de"], {}, "de", "sr-Latn"),  # neither is a language apmon speaks
    ],
)
def test_the_language_is_the_command_lines_then_the_environments_then_the_configurations(
    tmp_path: Path, args: list[str], environ: dict[str, str], config: str | None, lang: Lang
) -> None:
    if config is not None:
        (tmp_path / "apmon.toml").write_text(f'[sync]\nmaster_lang = "{config}"\n', encoding="utf-8")
    assert help_language(args, environ) == lang


def test_a_broken_configuration_leaves_the_usage_error_serbian(tmp_path: Path) -> None:
    """The configuration is read again by the command, which says what is wrong with it; the usage error does not."""
    (tmp_path / "apmon.toml").write_bytes(b"[sync\nmaster_lang = \xff")
    result = runner.invoke(app, prog_name="apmon", args=["deadline", "2018-03", "x"])
    assert result.exit_code == 2 and result.stderr.strip().endswith("Greška: višak argumenata: x")


def test_apmon_itself_says_usage_errors_in_the_readers_language(tmp_path: Path) -> None:
    """`apmon`, the installed command (its main()), in a fresh interpreter, as a user runs it."""
    code = "import sys\nsys.argv = ['apmon', 'sync', '--x']\nfrom apmon.cli.app import main\nmain()\n"
    environ = {k: v for k, v in os.environ.items() if k != "APMON_LANG"}
    said = {}
    for lang in LANGS:
        done = subprocess.run(
            [sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, timeout=120,
            env=environ | {"APMON_LANG": lang},
        )  # fmt: skip
        assert done.returncode == 2
        said[lang] = done.stderr
    assert said["sr-Latn"].startswith("Upotreba: apmon sync [OPCIJE] KOMANDA [ARGUMENTI]...\n")
    assert said["sr-Latn"].strip().endswith("Greška: nepoznata opcija --x")
    assert said["sr-Cyrl"].strip().endswith("Грешка: непозната опција --x")
    assert said["en"].strip().endswith("Error: no such option: --x")


def _paths(command: Any, path: list[str]) -> list[list[str]]:
    """Every command and group under `command`, as the words typed to reach it."""
    found = [path]
    for name, sub in getattr(command, "commands", {}).items():
        found += _paths(sub, [*path, name])
    return found


@pytest.mark.parametrize("lang", ["sr-Latn", "sr-Cyrl"])
def test_every_help_page_has_the_librarys_words_in_serbian(lang: Lang) -> None:
    """Usage, Options, Arguments, Commands, [required], "Show this message and exit.", <int>: English on every help
    page before."""
    import typer.main

    for path in _paths(typer.main.get_command(app), []):
        result = runner.invoke(app, prog_name="apmon", args=[*path, "--help"], env={"APMON_LANG": lang})
        assert result.exit_code == 0, result.output
        assert result.stdout.startswith({"sr-Latn": "Upotreba: ", "sr-Cyrl": "Употреба: "}[lang]), path
        found = LIBRARY_ENGLISH.search(result.stdout)
        assert found is None, (path, found and found.group())


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(
    ("args", "argument", "fixed"),
    [
        (["deadline", "--period", "2018-07"], "period", "apmon deadline 2018-07"),
        (["deadline", "--period=2018", "--kind", "annual"], "period", "apmon deadline 2018 --kind annual"),
        (
            ["evaluation", "set", "--activity", "1.2", "--year", "2018"],
            "activity",
            "apmon evaluation set 1.2 --year 2018",
        ),
    ],
)
def test_an_argument_given_as_an_option_is_told_how_to_write_it(
    args: list[str], argument: str, fixed: str, lang: Lang
) -> None:
    """`apmon template build --period 2018-07` and `apmon report minister --period 2018-07` take the period as an
    option; `apmon deadline` takes it as an argument, and `apmon deadline --period 2018-07` said only "nepoznata opcija
    --period" (no such option): the Coordinator was left to read the usage line. It says the command to type."""
    option = next(a.split("=")[0] for a in args if a.startswith("--") and a.split("=")[0].lstrip("-") == argument)
    result = runner.invoke(app, prog_name="apmon", args=args, env={"APMON_LANG": lang})
    assert result.exit_code == 2, result.output
    said = text_of("usage.option_is_argument", lang, option=option, argument=argument, command=fixed)
    assert result.stderr.strip().splitlines()[-1] == text_of("cli.error", lang, message=said)
