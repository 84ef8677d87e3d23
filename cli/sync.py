"""`apmon sync`: collect reports, keep every version, refresh the master workbook."""

from __future__ import annotations

import datetime as dt
import time
from typing import TYPE_CHECKING, Annotated

import typer

from apmon.cli import common
from apmon.cli.common import ConfigOption, JsonOption, err, fail, out

if TYPE_CHECKING:
    from apmon.sync.config import Config
    from apmon.sync.consolidate import SubmissionCell
    from apmon.sync.ledger import Trigger
    from apmon.sync.run import Progress, RunSummary

sync_app = typer.Typer(help="Collect reports, keep every version, refresh the master workbook.", no_args_is_help=True)


def run_errors() -> tuple[type[Exception], ...]:
    """The errors that stop a run (imported when a run is about to start, not with the command module)."""
    from apmon.sync.ledger import LedgerError
    from apmon.templates.google_settings import GoogleConfigError
    from apmon.templates.plan_file import DataFileError

    return (DataFileError, LedgerError, GoogleConfigError)


def run_error(exc: Exception) -> typer.Exit:
    """A run that could not start or finish, as an `Error: ...` line: exit 3 when another run holds the ledger."""
    from apmon.sync.ledger import LedgerBusy
    from apmon.templates.plan_file import DataFileError

    if isinstance(exc, DataFileError):
        return common.plan_error(exc)
    return fail(str(exc), 3 if isinstance(exc, LedgerBusy) else 1)


def run_once(settings: Config, trigger: Trigger, progress: Progress | None, as_of: dt.date | None = None) -> RunSummary:
    from apmon.sync.service import sync_once

    try:
        return sync_once(settings, trigger, progress, as_of)
    except run_errors() as exc:
        raise run_error(exc) from exc


@sync_app.command("run")
def sync_run(config: ConfigOption = None, as_json: JsonOption = False) -> None:
    """Collect every report from the sources, validate and record new versions, refresh the master.

    Exit 0 when the run completed (invalid reports are recorded and listed, not a failure),
    1 when a source or the master could not be handled, 3 when another run is in progress.
    """
    settings = common.config(config)
    with common.live_progress(as_json) as progress:
        summary = run_once(settings, "cli", progress)
    if as_json:
        common.print_json(summary)
    else:
        show_run(summary)
    raise typer.Exit(1 if summary.failed else 0)


def show_run(summary: RunSummary) -> None:
    out.print(
        f"Run {summary.run_id}: {summary.files_seen} file(s) seen, {summary.files_changed} changed, "
        f"{len(summary.versions)} new version(s)."
    )
    if summary.versions:
        from rich.table import Table

        table = Table(show_header=True, header_style="bold")
        for col in ("Institution", "Period", "File", "State", "Submitted"):
            table.add_column(col, overflow="fold")
        for v in summary.versions:
            if not v.readable:
                state = "[red]unreadable[/red]"
            elif not v.valid:
                state = f"[red]invalid: {v.errors} error(s)[/red]"
            else:
                state = "[green]valid[/green]" + (f" ({v.warnings} warning(s))" if v.warnings else "")
            when = "" if v.on_time is None else ("on time" if v.on_time else f"late ({v.days_late} working days)")
            table.add_row(v.institution or "?", v.period or "?", v.file, state, when)
        out.print(table)
    for v in summary.returned:
        out.print(
            f"[yellow]Same as a version received before:[/yellow] {v.file} ({v.institution or '?'} "
            f"{v.period or '?'}) was restored or copied; that version counts as the newest again.",
            highlight=False,
        )
    for line in summary.missing_at_source:
        out.print(f"[yellow]No longer at the source (kept in the ledger):[/yellow] {line}", highlight=False)
    for line in summary.notices:
        out.print(f"[yellow]Repaired:[/yellow] {line}", highlight=False)
    for line in summary.warnings:
        out.print(f"[yellow]Left alone:[/yellow] {line}", highlight=False)
    for line in summary.mail:
        out.print(f"E-mail: {line}", markup=False, highlight=False)
    for line in summary.errors:
        err.print(f"Error: {line}", markup=False, highlight=False)
    if summary.purged:
        out.print(f"Personal data purged from {len(summary.purged)} refused report(s) past the retention.")
    if summary.master:
        out.print(f"Master workbook: [bold]{summary.master}[/bold]", highlight=False)
    if summary.master_warning:
        out.print(f"[yellow]{summary.master_warning}[/yellow]", highlight=False)
    if summary.google_master:
        out.print(f"Master Google Sheet refreshed: {summary.google_master}")
    if summary.seconds:
        parts = ", ".join(f"{what} {seconds:.1f} s" for what, seconds in summary.seconds.items())
        out.print(f"Took {sum(summary.seconds.values()):.1f} s ({parts}).", highlight=False)


_STATUS_MARKS = {"on-time": "✓", "late": "L", "invalid": "✗", "missing": "·", "not-due": " "}


@sync_app.command("status")
def sync_status_command(config: ConfigOption = None, as_json: JsonOption = False) -> None:
    """Show what the ledger holds: each institution's reports by month, and the last run."""
    from rich.table import Table

    from apmon.schemas.calendar import BELGRADE
    from apmon.sync.ledger import LedgerError
    from apmon.sync.service import sync_status
    from apmon.templates.plan_file import DataFileError

    settings = common.config(config)
    try:
        status = sync_status(settings, dt.datetime.now(BELGRADE).date())
    except DataFileError as exc:
        raise common.plan_error(exc) from exc
    except LedgerError as exc:
        raise fail(str(exc)) from exc
    last, grid = status.last_run, status.submissions
    if as_json:
        # This command speaks English whatever language the master is written in.
        common.print_json(
            {
                "last_run": last.model_dump(mode="json") if last else None,
                "periods": grid.months,
                "institutions": {code: _words(grid.months, cells) for code, cells in grid.rows.items()},
            }
        )
        return
    if last is None:
        out.print("The ledger is empty: no sync has run yet. Run `apmon sync run`.")
        return
    out.print(
        f"Last run {last.id}: {last.started_at:%d.%m.%Y %H:%M} UTC, {last.versions_added} new version(s); "
        f"master workbook {'needs a refresh (run `apmon sync run`)' if status.master_stale else 'up to date'}."
    )
    months = grid.months
    table = Table(
        title=f"Reports {months[0]} to {months[-1]} by month (✓ on time, L late, ✗ invalid, · missing)",
        show_lines=False,
        padding=(0, 0),
    )
    table.add_column("Inst.", no_wrap=True, min_width=8)
    for month in months:
        table.add_column(month[5:], justify="center", no_wrap=True, min_width=3)  # month numbers keep it narrow
    for code, cells in grid.rows.items():
        table.add_row(code, *(_STATUS_MARKS[cell.state] for cell in cells))
    out.print(table)


def _words(months: list[str], cells: list[SubmissionCell]) -> dict[str, str]:
    from apmon.sync.consolidate import submission_text

    return {month: submission_text(cell, "en") for month, cell in zip(months, cells, strict=True)}


@sync_app.command("schedule")
def sync_schedule(
    config: ConfigOption = None,
    cron: Annotated[
        str | None, typer.Option("--cron", help='Cron expression, e.g. "0 7 * * 1-5" (default: [sync] schedule).')
    ] = None,
    max_runs: Annotated[
        int | None, typer.Option("--max-runs", help="Stop after this many runs (default: run until stopped).")
    ] = None,
) -> None:
    """Run the sync on a schedule, in the foreground, until stopped with Ctrl+C.

    For a service, prefer the system's scheduler: see docs/sync.md for systemd and Windows Task Scheduler.
    """
    from apmon.sync.ledger import LedgerBusy
    from apmon.sync.service import schedule, sync_once

    settings = common.config(config)
    try:
        times = schedule(cron or settings.sync.schedule, dt.datetime.now().astimezone())
    except ValueError as exc:
        raise fail(str(exc), 2) from exc
    runs = 0
    try:
        while max_runs is None or runs < max_runs:
            next_at = next(times)
            out.print(f"Next sync at {next_at:%d.%m.%Y %H:%M}. Stop with Ctrl+C.")
            time.sleep(max(0.0, (next_at - dt.datetime.now().astimezone()).total_seconds()))
            runs += 1
            try:
                show_run(sync_once(settings, "schedule"))
            except LedgerBusy as exc:
                out.print(f"[yellow]Skipped: {exc}[/yellow]", highlight=False)
            except run_errors() as exc:
                raise run_error(exc) from exc
    except KeyboardInterrupt:
        out.print("Stopped.")
