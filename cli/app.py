"""The `apmon` command: the command groups assembled into one Typer app.

Domain errors become `Error: ...` lines and an exit code; `--json` prints
exactly what the library returns.
"""

from __future__ import annotations

import codecs
import gc
import io
import os
import sys
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import typer
import typer.main

from apmon.cli.deadline import deadline
from apmon.cli.demo import demo
from apmon.cli.evaluation import evaluation_app
from apmon.cli.institution import institution_app
from apmon.cli.ledger import ledger_app
from apmon.cli.plan import plan_app
from apmon.cli.remind import remind_command
from apmon.cli.report import report_app
from apmon.cli.serve import serve
from apmon.cli.sync import sync_app
from apmon.cli.task import task_app
from apmon.cli.template import template_app
from apmon.cli.token import token_app
from apmon.cli.usage_errors import ApmonGroup
from apmon.cli.validate import rules, validate

# The top-level commands and the command groups by name, in the order `apmon --help` lists them.
COMMANDS: dict[str, Callable[..., Any]] = {
    "deadline": deadline,
    "validate": validate,
    "rules": rules,
    "demo": demo,
    "serve": serve,
    "remind": remind_command,
}
GROUPS = {
    "plan": plan_app,
    "institution": institution_app,
    "template": template_app,
    "sync": sync_app,
    "token": token_app,
    "ledger": ledger_app,
    "report": report_app,
    "evaluation": evaluation_app,
    "task": task_app,
}


def apmon_app(groups: Iterable[str] = GROUPS) -> typer.Typer:
    """The `apmon` command: the top-level commands and the command groups named in `groups`."""
    built = typer.Typer(
        help="apmon: monitor the Action Plan through the spreadsheets institutions already use.",
        no_args_is_help=True,
        add_completion=False,
        rich_markup_mode=None,
        cls=ApmonGroup,  # its help and the command-line library's errors in the reader's language
    )
    for name, command in COMMANDS.items():
        built.command(name)(command)
    for name in groups:
        built.add_typer(GROUPS[name], name=name)
    return built


app = apmon_app()  # every command, as `apmon --help` lists them


def app_for(args: Sequence[str]) -> typer.Typer:
    """The app that runs the command line `args`: typer builds every command of an app at each start (about a
    hundredth of a second for all of apmon's), so a command line that starts with a group's name gets that group
    alone beside the top-level commands, and one that starts with a top-level command none of the groups. Any other
    (`--help`, a mistyped name) gets the whole app, which lists every command or suggests the nearest."""
    first = args[0] if args else ""
    if first in GROUPS:
        return apmon_app([first])
    return apmon_app([]) if first in COMMANDS else app


def _utf8_when_not_a_terminal() -> None:
    """Output that goes to a file or a pipe (a scheduled run's log) in UTF-8. Windows gives a redirected Python its
    ANSI code page (cp1250, cp1252), which has no Cyrillic (cp1252 not even č or ć): a run that had done its work
    died printing its summary. A terminal keeps its own encoding (Windows' console takes any text), and so does an
    encoding the administrator chose in PYTHONIOENCODING (its "encoding:errors" form; ":errors" alone names none)."""
    chosen = "" if sys.flags.ignore_environment else os.environ.get("PYTHONIOENCODING", "").partition(":")[0]
    if chosen.strip():
        return
    for stream in (sys.stdout, sys.stderr):
        if not isinstance(stream, io.TextIOWrapper) or stream.isatty():
            continue
        if codecs.lookup(stream.encoding).name != "utf-8":
            stream.reconfigure(encoding="utf-8", errors=stream.errors)  # an error handler chosen stays


def main() -> None:
    _utf8_when_not_a_terminal()
    try:
        app_for(sys.argv[1:])()
    finally:
        # The interpreter's last garbage collection, at exit, would walk every object the command made or loaded
        # (the plan, the libraries), for nothing, as the process ends and the commands close their files and the
        # ledger themselves. Frozen objects are skipped.
        gc.freeze()


YOUNG_OBJECTS_PER_COLLECTION = 200_000  # the command's cyclic garbage collection threshold (Python's default: 700)


def run() -> None:
    """The installed `apmon` command: main() with the cyclic garbage collector's threshold for new objects raised.

    Starting a command makes some hundred thousand long-lived objects (the libraries' modules, classes and schemas)
    and hardly any garbage: the collector's passes, one per 700 new objects by default, walk them again and again
    for nothing. It runs less often; reference counting frees the rest. (Only here: a caller that runs main() in a
    process of its own, a test, keeps its own settings.)"""
    _, older, oldest = gc.get_threshold()
    gc.set_threshold(YOUNG_OBJECTS_PER_COLLECTION, older, oldest)
    main()


if __name__ == "__main__":
    run()
