"""The docs users run apmon from stay true: every `apmon ...` command line README.md and docs/*.md show is one the
real command line accepts, and the `apmon.toml` examples hold every setting sync/config.py reads and none it
refuses."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any, get_args

import pytest
from pydantic import BaseModel, ValidationError
from typer.testing import CliRunner

from apmon.cli.app import app
from apmon.sync.config import Config

ROOT = Path(__file__).resolve().parents[1]
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]

_FENCE = re.compile(r"^```(\w*)\n(.*?)^```", re.S | re.M)
# In a code block: apmon (or .venv/bin/apmon, apmon.exe) and a command or option after it, up to a comment, a
# redirection or the end of a quoted Task Scheduler command.
_IN_BLOCK = re.compile(
    r"""(?:^|[\s/\\$"])apmon(?:\.exe)?((?: --?[a-z][\w-]*| [a-z][\w-]*)(?=\s|$)(?: [^\s#"`>]+| "[^"]*")*)"""
)
# In the prose: a code span that starts with the command.
_INLINE = re.compile(r"`(?:\.venv/bin/)?apmon ((?:--?[a-z]|[a-z])[^`]*)`")


def _line(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def documented_command_lines() -> Iterator[tuple[str, list[str]]]:
    """(where, arguments) of every apmon command line the docs show; `[--option VALUE]` as if given."""
    for doc in DOCS:
        text = doc.read_text(encoding="utf-8")
        found: list[tuple[int, str]] = []
        for block in _FENCE.finditer(text):
            first = _line(text, block.start(2))
            for number, line in enumerate(block.group(2).splitlines(), first):
                found += [(number, m.group(1)) for m in _IN_BLOCK.finditer(line.split(" # ")[0])]
        prose = _FENCE.sub(lambda m: "\n" * m.group().count("\n"), text)  # same line numbers, no code blocks
        found += [(_line(prose, m.start()), " ".join(m.group(1).split())) for m in _INLINE.finditer(prose)]
        for number, command in found:
            yield f"{doc.relative_to(ROOT)}:{number}", shlex.split(command.replace("[", " ").replace("]", " "))


COMMAND_LINES = list(documented_command_lines())


def test_the_docs_show_command_lines() -> None:
    # The extraction itself finds what it is meant to: a tour's command, an inline one, a systemd unit's.
    commands = {" ".join(args) for _, args in COMMAND_LINES}
    assert {"demo", "sync run --config apmon-demo/apmon.toml", "token list"} <= commands
    assert "sync run --config /etc/apmon/apmon.toml" in commands  # ExecStart=/srv/apmon/.venv/bin/apmon sync run ...
    assert len(COMMAND_LINES) > 100


@pytest.mark.parametrize(("where", "args"), COMMAND_LINES, ids=[where for where, _ in COMMAND_LINES])
def test_every_documented_command_line_is_accepted(where: str, args: list[str]) -> None:
    # --help after it: the real app walks the command names and reads every option (an unknown one is an error
    # before any help is printed), and runs nothing.
    result = CliRunner().invoke(app, [*args, "--help"])
    assert result.exit_code == 0, f"{where}: apmon {' '.join(args)}\n{result.output}"


def test_a_mistyped_command_line_is_refused() -> None:
    # The check above can fail: an option or a command that does not exist is refused even with --help.
    assert CliRunner().invoke(app, ["sync", "run", "--folder", "x", "--help"]).exit_code != 0
    assert CliRunner().invoke(app, ["report", "annual", "--public", "--help"]).exit_code != 0
    assert CliRunner().invoke(app, ["ledger", "rewind", "--help"]).exit_code != 0


def _uncommented(block: str) -> str:
    """A TOML example with its commented-out settings (`# user = "apmon"`) given: they are documented too."""
    return re.sub(r"^(\s*)# ?(?=[\w.]+ = )", r"\1", block, flags=re.M)


def documented_toml() -> list[tuple[str, dict[str, Any]]]:
    examples = []
    for doc in DOCS:
        text = doc.read_text(encoding="utf-8")
        for block in _FENCE.finditer(text):
            if block.group(1) == "toml":
                where = f"{doc.relative_to(ROOT)}:{_line(text, block.start())}"
                examples.append((where, tomllib.loads(_uncommented(block.group(2)))))
    return examples


def _model_of(annotation: Any) -> type[BaseModel] | None:
    return annotation if isinstance(annotation, type) and issubclass(annotation, BaseModel) else None


def setting_names(model: type[BaseModel], prefix: str = "") -> set[str]:
    """Every setting `model` reads, as dotted names; a table of institutions' entries as `contacts.*.to`."""
    names = set()
    for name, field in model.model_fields.items():
        key = prefix + (field.alias or name)
        inner = _model_of(field.annotation)
        entries = [m for arg in get_args(field.annotation) if (m := _model_of(arg))]
        if inner:
            names |= setting_names(inner, key + ".")
        elif entries:  # dict[str, Contact]
            names |= setting_names(entries[0], key + ".*.")
        else:
            names.add(key)
    return names


def shown_names(data: dict[str, Any], model: type[BaseModel], prefix: str = "") -> set[str]:
    names = set()
    for key, value in data.items():
        field = next((f for n, f in model.model_fields.items() if (f.alias or n) == key), None)
        inner = _model_of(field.annotation) if field else None
        entries = [m for arg in get_args(field.annotation) if (m := _model_of(arg))] if field else []
        if inner and isinstance(value, dict):
            names |= shown_names(value, inner, f"{prefix}{key}.")
        elif entries and isinstance(value, dict):
            for entry in value.values():
                names |= shown_names(entry, entries[0], f"{prefix}{key}.*.")
        else:
            names.add(prefix + key)
    return names


def test_every_toml_example_is_a_configuration_apmon_accepts() -> None:
    refused = {}
    for where, data in documented_toml():
        try:
            Config.model_validate(data)
        except ValidationError as exc:  # a setting that does not exist, or a value apmon refuses
            refused[where] = [(".".join(map(str, e["loc"])), e["msg"]) for e in exc.errors()]
    assert refused == {}


def test_every_setting_apmon_reads_is_in_a_toml_example() -> None:
    shown = set().union(*(shown_names(data, Config) for _, data in documented_toml()))
    assert setting_names(Config) - shown == set()
    assert shown - setting_names(Config) == set()


def test_the_hostile_corpus_is_made_as_reliability_md_says(tmp_path: Path) -> None:
    # docs/reliability.md, "Run it again": `python tests/make_bad_files.py /tmp/bad`, a script of its own, then
    # `apmon validate /tmp/bad/*`. Every file it lists is made, but the one listed as missing.
    assert "tests/make_bad_files.py /tmp/bad" in (ROOT / "docs" / "reliability.md").read_text(encoding="utf-8")
    made = subprocess.run(
        [sys.executable, str(ROOT / "tests" / "make_bad_files.py"), str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert made.returncode == 0, made.stderr
    listed = [line.split() for line in made.stdout.splitlines()]
    assert len(listed) > 30
    assert [path for code, _, path in listed if code != "file-missing" and not Path(path).exists()] == []
