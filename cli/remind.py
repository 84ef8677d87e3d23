"""`apmon remind`: e-mail reminders before a deadline, late notices, problems and receipts."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Annotated

import typer

from apmon.cli import common
from apmon.cli.common import ConfigOption, JsonOption, fail, out

if TYPE_CHECKING:
    from apmon.sync.remind import RemindResult


def remind_command(
    period: Annotated[
        str | None,
        typer.Option(
            "--period",
            help="Only this period (YYYY-MM or YYYY): its reminder before the deadline, its late notice after it, "
            "whatever the day. Default: the periods whose deadline is near or just passed.",
        ),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Print what would be sent and to whom; send and record nothing.")
    ] = False,
    lang: Annotated[
        str | None,
        typer.Option("--lang", help="Language for the contacts that name none: sr-Latn (default), sr-Cyrl or en."),
    ] = None,
    today: Annotated[
        str | None,
        typer.Option("--today", help="With --dry-run: pretend today is this date (YYYY-MM-DD), to preview."),
    ] = None,
    config: ConfigOption = None,
    as_json: JsonOption = False,
) -> None:
    """Send the e-mails due today to the institutions in [contacts]: reminders before the deadline to those
    that have not sent a valid report, a late notice the working day after it, the problems of a file with
    errors, a receipt for a valid one. Each is recorded in the ledger and never sent twice; a failed one is
    sent on the next run. Configuration: docs/reminders.md.

    Exit 0 when every mail went out, 1 when some failed (they are tried again) or mail cannot be sent.
    """
    from apmon.schemas.calendar import BELGRADE
    from apmon.sync.ledger import LedgerError
    from apmon.sync.mail import MailConfigError
    from apmon.sync.remind import remind
    from apmon.templates.plan_file import DataFileError

    settings = common.config(config)
    chosen = common.period(period, None) if period else None
    language = common.lang(lang) if lang else None
    if today is not None and not dry_run:
        raise fail("--today only previews: use it with --dry-run", 2)
    try:
        day = dt.date.fromisoformat(today) if today else dt.datetime.now(BELGRADE).date()
    except ValueError as exc:
        raise fail(f"--today {today!r} is not a date; write YYYY-MM-DD", 2) from exc
    with common.plan_and_ledger(settings) as (plan, registry, ledger):
        try:
            result = remind(
                settings,
                plan,
                registry,
                ledger,
                today=day,
                now=lambda: dt.datetime.now(dt.UTC),
                period=chosen,
                dry_run=dry_run,
                default_lang=language,
            )
        except DataFileError as exc:
            raise fail(
                "the contacts cannot be used, nothing was sent:\n  " + "\n  ".join(map(str, exc.errors))
            ) from exc
        except (MailConfigError, LedgerError) as exc:
            raise fail(f"nothing was sent: {exc}") from exc
    if as_json:
        common.print_json(result)
    else:
        _show(result, dry_run)
    raise typer.Exit(1 if result.failed else 0)


def _show(result: RemindResult, dry_run: bool) -> None:
    from rich.table import Table

    if not result.mails:
        out.print(f"No e-mail due on {result.today:%d.%m.%Y}.")
    table = Table(show_header=True, header_style="bold")
    for col in ("Kind", "Institution", "Period", "To", "Cc", "Outcome"):
        table.add_column(col, overflow="fold")
    for m in result.mails:
        outcome = "would send" if dry_run else "[green]sent[/green]" if m.outcome == "sent" else f"[red]{m.error}[/red]"
        table.add_row(m.kind, m.institution, m.period, ", ".join(m.to), ", ".join(m.cc), outcome)
    if result.mails:
        out.print(table)
    if dry_run:
        for m in result.mails:
            out.print(
                f"\nTo: {', '.join(m.to)}\nCc: {', '.join(m.cc)}\nSubject: {m.subject}\n\n{m.body}",
                markup=False,
                soft_wrap=True,
            )
    for entry in result.no_contact:
        out.print(f"No contact: {entry}; add it under [contacts] in the configuration", markup=False, highlight=False)
