"""`apmon --help` speaks Serbian (Latin) by default; Cyrillic and English are one option (or $APMON_LANG) away. Every
help text of every command and option has its Serbian, and the table holds no text no command uses any more."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import typer.main
from typer.testing import CliRunner

from apmon.cli.app import app
from apmon.cli.help_texts import HELP_LANGS, help_language, localize, words_in
from apmon.schemas.messages_help import HELP_TEXTS, LIBRARY_WORDS
from apmon.schemas.text import LANGS

ROOT = Path(__file__).resolve().parents[1]
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")


def _help_texts(command: Any) -> list[str]:
    """Every help text of `command` and of the commands and options under it."""
    found = [command.help] if command.help else []
    found += [param.help for param in command.params if getattr(param, "help", None)]
    for sub in getattr(command, "commands", {}).values():
        found += _help_texts(sub)
    return found


def _apmon(args: list[str], **env: str) -> subprocess.CompletedProcess[str]:
    """`apmon <args>` as the installed command runs it (its main()), in a fresh interpreter."""
    code = f"import sys\nsys.argv = ['apmon', *{args!r}]\nfrom apmon.cli.app import main\nmain()\n"
    environ = {k: v for k, v in os.environ.items() if k != "APMON_LANG"} | env
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120, env=environ
    )


def test_the_help_languages_are_the_products() -> None:
    assert HELP_LANGS == LANGS


@pytest.mark.parametrize(
    ("args", "environ", "lang"),
    [
        ([], {}, "sr-Latn"),
        (["--help"], {"APMON_LANG": "en"}, "en"),
        (["validate", "--lang", "sr-Cyrl", "--help"], {"APMON_LANG": "en"}, "sr-Cyrl"),
        (["validate", "--lang=en", "--help"], {}, "en"),
        (["validate", "--lang", "de", "--help"], {"APMON_LANG": "sr-Cyrl"}, "sr-Cyrl"),
        (["validate", "--lang"], {"APMON_LANG": "fr"}, "sr-Latn"),
    ],
)
def test_the_help_language_is_the_command_lines_then_the_environments_then_serbian(
    args: list[str], environ: dict[str, str], lang: str
) -> None:
    assert help_language(args, environ) == lang


def test_every_help_text_has_its_serbian_and_the_table_nothing_else() -> None:
    used = set(_help_texts(typer.main.get_command(app)))
    assert sorted(used - HELP_TEXTS.keys()) == []  # a command or option without its Serbian
    assert sorted(HELP_TEXTS.keys() - used) == []  # a Serbian text no command uses any more


@pytest.mark.parametrize("english", sorted(HELP_TEXTS))
def test_a_serbian_help_text_is_latin_and_keeps_what_is_typed(english: str) -> None:
    latin = HELP_TEXTS[english]
    assert latin.strip() and latin != english and not _CYRILLIC.search(latin)
    assert latin.count("`") % 2 == 0  # what is typed is quoted whole
    for typed in re.findall(r"--[a-z][a-z-]*", english):  # an option named in English is named in Serbian
        assert typed in latin, typed
    assert latin.count("\n\n") == english.count("\n\n")  # the same paragraphs


def test_localize_gives_each_language_and_leaves_english_as_written() -> None:
    english = _help_texts(typer.main.get_command(app))
    for lang in LANGS:
        command = typer.main.get_command(app)
        localize(command, lang)
        texts = _help_texts(command)
        if lang == "en":
            assert texts == english
        elif lang == "sr-Latn":
            assert texts == [HELP_TEXTS[t] for t in english]
        else:
            assert all(_CYRILLIC.search(t) for t in texts)


def test_apmon_help_is_serbian_by_default_and_english_or_cyrillic_one_option_away() -> None:
    root = typer.main.get_command(app).help
    serbian = _apmon(["--help"])
    assert serbian.returncode == 0 and HELP_TEXTS[root].split()[1] in serbian.stdout
    english = _apmon(["--help"], APMON_LANG="en")
    assert root.split(":")[1].split()[0] in english.stdout and HELP_TEXTS[root] not in english.stdout
    cyrillic = _apmon(["validate", "--lang", "sr-Cyrl", "--help"])
    assert cyrillic.returncode == 0 and _CYRILLIC.search(cyrillic.stdout)
    assert "--lang" in cyrillic.stdout and "sr-Latn" in cyrillic.stdout  # what is typed stays as typed


@pytest.mark.parametrize(
    ("lang", "default"), [("sr-Latn", "[podrazumevano: "), ("sr-Cyrl", "[подразумевано: "), ("en", "[default: ")]
)
def test_an_options_default_is_said_in_the_help_language(lang: str, default: str) -> None:
    """The library's note of an option's default ("[default: apmon-demo]") stayed English in the Serbian help of
    apmon demo, serve, rules, template build and plan texts."""
    for args in (["demo"], ["serve"], ["template", "build"]):
        shown = _apmon([*args, "--help"], APMON_LANG=lang)
        assert shown.returncode == 0, shown.stderr
        flat = " ".join(shown.stdout.split())  # the help wraps its lines to the terminal's width
        assert default in flat, (args, flat)
        if lang != "en":
            assert "[default:" not in flat, (args, flat)
    demo = " ".join(_apmon(["demo", "--help"], APMON_LANG=lang).stdout.split())
    assert f"{default}apmon-demo]" in demo and f"{default}2018]" in demo  # the value stays as typed


def test_serbian_help_loads_no_pydantic() -> None:
    """The Latin help is a lookup: `apmon --help` stays as quick as before."""
    code = "import sys\nsys.argv = ['apmon', '--help']\nfrom apmon.cli.app import main\ntry:\n    main()\n"
    code += "except SystemExit:\n    pass\nprint('pydantic' in sys.modules, file=sys.stderr)\n"
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.stderr.strip().splitlines()[-1] == "False"


def _command_paths(command: Any, path: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    return [
        path,
        *(p for name, sub in getattr(command, "commands", {}).items() for p in _command_paths(sub, (*path, name))),
    ]


@pytest.mark.parametrize("lang", ["sr-Latn", "sr-Cyrl"])
def test_every_kind_of_value_in_a_help_page_is_said_in_serbian(lang: str) -> None:
    """`apmon deadline --help` showed `--working-day <int range>` in its Serbian help: an option with a range of
    values had the library's English kind."""
    said = words_in(lang)  # type: ignore[arg-type]
    serbian = {said(english) for english in LIBRARY_WORDS if english.startswith("<")}
    shown: dict[str, str] = {}
    for path in _command_paths(typer.main.get_command(app)):
        page = CliRunner().invoke(app, [*path, "--help"], env={"APMON_LANG": lang}).output
        # an option's or argument's kind of value, as the first column of the help shows it
        for kind in re.findall(r"^ {2}(?:-[\w-]+(?: / -[\w-]+)*|\w+) (<[^>]+>)", page, re.M):
            shown.setdefault(kind, " ".join(path))
    assert {kind: where for kind, where in shown.items() if kind not in serbian} == {}
    assert "<ceo broj>" in shown or "<цео број>" in shown  # the check reads the kinds it is meant to
