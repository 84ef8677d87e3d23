"""The `apmon` command: the command groups assembled into one Typer app.

Domain errors become `Error: ...` lines and an exit code; `--json` prints
exactly what the library returns.
"""

from __future__ import annotations

import gc

import typer
import typer.main

from apmon.cli.deadline import deadline
from apmon.cli.demo import demo
from apmon.cli.evaluation import evaluation_app
from apmon.cli.ledger import ledger_app
from apmon.cli.plan import plan_app
from apmon.cli.remind import remind_command
from apmon.cli.report import report_app
from apmon.cli.serve import serve
from apmon.cli.sync import sync_app
from apmon.cli.template import template_app
from apmon.cli.token import token_app
from apmon.cli.usage_errors import ApmonGroup
from apmon.cli.validate import rules, validate

app = typer.Typer(
    help="apmon: monitor the Action Plan through the spreadsheets institutions already use.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    cls=ApmonGroup,  # its help and the command-line library's errors in the reader's language
)
app.command("deadline")(deadline)
app.command("validate")(validate)
app.command("rules")(rules)
app.command("demo")(demo)
app.command("serve")(serve)
app.command("remind")(remind_command)
app.add_typer(plan_app, name="plan")
app.add_typer(template_app, name="template")
app.add_typer(sync_app, name="sync")
app.add_typer(token_app, name="token")
app.add_typer(ledger_app, name="ledger")
app.add_typer(report_app, name="report")
app.add_typer(evaluation_app, name="evaluation")


def main() -> None:
    try:
        app()
    finally:
        # The interpreter's last garbage collection, at exit, would walk every object the command made or loaded
        # (the plan, the libraries), for nothing, as the process ends and the commands close their files and the
        # ledger themselves. Frozen objects are skipped.
        gc.freeze()


if __name__ == "__main__":
    main()
