"""`apmon task status`: the Coordinator records the status of a task led only by bodies that receive reports (the
Council, the National Coordinator, the Working Group as a body), as of a month, in the ledger (append-only)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import typer

from apmon.cli import common
from apmon.cli.common import ConfigOption, JsonOption, LangOption, fail, out

task_app = typer.Typer(
    help="The tasks no institution reports on: those led only by the Council, the National Coordinator or the "
    "Working Group, which receive reports instead of sending them. Nothing is ever changed or deleted: a newer "
    "record stands, the earlier ones are kept.",
    no_args_is_help=True,
    rich_markup_mode=None,
)


@task_app.command("status")
def record_status(
    task: Annotated[str, typer.Argument(help="The task's number in the plan, e.g. 1.1.3.")],
    status: Annotated[
        str,
        typer.Argument(
            help="not-started, in-progress, delayed or completed (or the words of the report templates, e.g. "
            "završen, u toku)."
        ),
    ],
    period: Annotated[
        str, typer.Option("--period", help="The month the status holds as of, YYYY-MM: it holds from then on.")
    ],
    note: Annotated[str, typer.Option("--note", help="A short progress note, shown as the task's progress.")] = "",
    by: Annotated[
        str | None,
        typer.Option(
            "--by",
            help="Who records it. Default: `coordinator` in `[reports]` of the configuration, else the user name.",
        ),
    ] = None,
    lang: LangOption = None,
    config: ConfigOption = None,
    as_json: JsonOption = False,
) -> None:
    """Record the status of a task as of the month --period, for a task led only by bodies that receive reports; the
    master, the brief, the Council report and the annual evaluation count it from that month on, until a newer
    month's record."""
    from apmon.sync.task_status import TaskStatusError, TaskStatusUsageError, record_task_status, status_typed

    settings, language = common.config_and_lang(config, lang)
    plan, registry = common.load_plan_and_registry(None, None, settings, language)
    author = common.decided_by(by, settings)
    try:
        # refused before the ledger is opened: a refusal makes none
        status_typed(plan, registry, task=task, status=status, period=period, note=note, author=author, lang=language)
        with common.ledger_open(settings, language) as ledger:
            warning = common.empty_ledger_warning(ledger, "record_cli.empty_ledger", language)
            done = record_task_status(
                plan,
                registry,
                ledger,
                task=task,
                status=status,
                period=period,
                note=note,
                author=author,
                at=dt.datetime.now(dt.UTC),
                lang=language,
            )
    except TaskStatusError as exc:  # said in `language` already; 2 for what was typed wrong, as click's
        raise fail(str(exc), 2 if isinstance(exc, TaskStatusUsageError) else 1, language) from exc
    if as_json:
        common.print_json(done)
    else:
        out.print(done.message, markup=False, highlight=False)
    common.warn(warning)
