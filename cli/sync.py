"""`apmon sync`: collect reports, keep every version, refresh the master workbook."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from apmon.cli import common
from apmon.cli.common import ConfigOption, JsonOption, err, fail, out

if TYPE_CHECKING:
    from apmon.schemas.text import Lang
    from apmon.sync.config import Config
    from apmon.sync.consolidate import Submission, SubmissionCell
    from apmon.sync.findings import CopiedTimes
    from apmon.sync.ledger import Trigger
    from apmon.sync.run import Progress, RunSummary
    from apmon.sync.status import SyncStatus

sync_app = typer.Typer(help="Collect reports, keep every version, refresh the master workbook.", no_args_is_help=True)


def run_errors() -> tuple[type[Exception], ...]:
    """The errors that stop a run (imported when a run is about to start, not with the command module)."""
    from apmon.sync.ledger import LedgerError
    from apmon.templates.google_settings import GoogleConfigError
    from apmon.templates.plan_file import DataFileError

    return (DataFileError, LedgerError, GoogleConfigError)


def run_error(exc: Exception, lang: Lang) -> typer.Exit:
    """A run that could not start or finish, as an `Error: ...` line in `lang`: exit 3 when another run holds the
    ledger."""
    from apmon.schemas.said import SaidError
    from apmon.sync.ledger import LedgerBusy
    from apmon.templates.plan_file import DataFileError

    if isinstance(exc, DataFileError):
        return common.plan_error(exc, lang)
    message = exc.said(lang) if isinstance(exc, SaidError) else str(exc)
    return fail(message, 3 if isinstance(exc, LedgerBusy) else 1, lang)


def run_once(settings: Config, trigger: Trigger, progress: Progress | None, as_of: dt.date | None = None) -> RunSummary:
    from apmon.sync.head_start import head_start

    try:
        with head_start(settings) as started:
            from apmon.sync.service import sync_once  # loaded while the head start's worker parses

            if started.parsing_ahead:  # new files: the master is written after the last is parsed
                from apmon.sync.run import load_master_code

                load_master_code()  # while the worker parses, not after

            return sync_once(settings, trigger, progress, as_of, started)
    except run_errors() as exc:
        raise run_error(exc, settings.sync.master_lang) from exc


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
        show_run(summary, settings.sync.master_lang, _only_folder(settings))
    raise typer.Exit(1 if summary.failed else 0)


def _only_folder(settings: Config) -> Path | None:
    """The reports folder when it is the run's only source."""
    return None if settings.sync.google_folder else settings.sync.reports_folder()


LISTED_ALL = 20  # up to this many new versions, each is listed


def show_run(summary: RunSummary, lang: Lang, folder: Path | None = None) -> None:
    """The run's summary in `lang` (the master's language); its lines of errors, warnings and notices were said in
    that language by the run. `folder`: the run's only source, named when it held no file."""
    from rich.markup import escape

    from apmon.schemas.dates import said_if_month
    from apmon.schemas.messages import counted, text_of
    from apmon.sync.findings import duplicate_text

    def t(key: str, **fields: object) -> str:
        return text_of(key, lang, **fields)

    versions = len(summary.versions)
    run = t("sync.run", run=summary.run_id, seen=summary.files_seen, changed=summary.files_changed, versions=versions)
    out.print(run, highlight=False)
    # A run of many files (the first one) lists those with something to say and counts the others.
    shown = summary.versions
    if len(shown) > LISTED_ALL:
        shown = [v for v in shown if not v.readable or not v.valid or v.warnings or v.on_time is False]
    if shown:
        from rich.table import Table

        table = Table(show_header=True, header_style="bold")
        for col in ("institution", "period", "file", "state", "submitted"):
            table.add_column(t(f"sync.col.{col}"), overflow="fold")
        for v in shown:
            if not v.readable:
                state = f"[red]{t('sync.unreadable')}[/red]"
            elif not v.valid:
                state = f"[red]{t('sync.invalid', errors=counted(v.errors, 'error', lang))}[/red]"
            else:
                state = f"[green]{t('sync.valid')}[/green]" + (
                    f" ({counted(v.warnings, 'warning', lang)})" if v.warnings else ""
                )
            late = t("sync.late", days=counted(v.days_late or 0, "working_day", lang))
            when = t("sync.not_timed") if v.on_time is None else (t("sync.on_time") if v.on_time else late)
            institution = escape(common.institution_said(v.institution, v.institution_unknown, lang))
            table.add_row(institution, v.period or "?", escape(v.file), state, when)  # a name is no markup
        common.print_table(table, lang)
        # What the officer is to be told: each refused file's first error, and where the others are.
        refused = [v for v in shown if (not v.readable or not v.valid) and v.first_problem]
        for v in refused:
            where = t("sync.why_at", file=v.file, at=v.first_problem_at) if v.first_problem_at else v.file
            out.print(escape(t("sync.why", where=where, problem=v.first_problem)), style="red", highlight=False)
        if refused:
            out.print(t("sync.why_all", sheet=t("master.sheet.issues")), markup=False, highlight=False)
    if len(shown) < len(summary.versions):
        out.print(t("sync.others", count=len(summary.versions) - len(shown)), highlight=False)
    # Many files restored or copied at once: a few lines say so, not hundreds (a folder that moved brings none).
    for v in summary.returned[:LISTED_ALL]:
        key, names = ("sync.twin", {"other": v.same_as}) if v.same_as else ("sync.returned", {})
        period = said_if_month(v.period, lang) if v.period else "?"  # "mart 2018.", was "2018-03"
        said = t(key, file=v.file, institution=v.institution or "?", period=period, **names)
        out.print(f"[yellow]{escape(said)}[/yellow]", highlight=False)
    rest = summary.returned[LISTED_ALL:]
    for key, counted_here in (
        ("sync.returned_more", sum(not v.same_as for v in rest)),
        ("sync.twin_more", sum(bool(v.same_as) for v in rest)),
    ):
        if counted_here:
            more = t(key, count=counted_here, listing="apmon ledger versions")
            out.print(f"[yellow]{escape(more)}[/yellow]", highlight=False)
    for key, lines in (
        ("sync.missing_at_source", summary.missing_at_source),
        ("sync.repaired", summary.notices),
        ("sync.left_alone", summary.warnings),
    ):
        for line in lines:
            out.print(f"[yellow]{escape(t(key, line=line))}[/yellow]", highlight=False)
    for line in summary.holidays_unknown:  # a warning, said whole
        out.print(f"[yellow]{escape(line)}[/yellow]", highlight=False)
    for line in summary.done:  # a whole sentence each, no label: not a repair, not a problem
        out.print(line, markup=False, highlight=False)
    for repeat in summary.counted_once:  # said in the run's language, as the file's warning
        out.print(f"[yellow]{escape(t('sync.counted_once', line=repeat.message))}[/yellow]", highlight=False)
    for repeat in summary.repeats_in_errors:  # a version with errors: the master counts none of its figures
        said = t("sync.repeat_in_errors", line=repeat.message)
        out.print(f"[yellow]{escape(said)}[/yellow]", highlight=False)
    for duplicate in summary.duplicates:  # words made here: the summary keeps codes
        said = t("sync.duplicate", line=duplicate_text(duplicate, lang))
        out.print(f"[yellow]{escape(said)}[/yellow]", highlight=False)
    for line in summary.mail:
        out.print(t("sync.mail", line=line), markup=False, highlight=False)
    if summary.copied_times:
        out.print(f"[yellow]{escape(copied_times_said(summary.copied_times, lang))}[/yellow]", highlight=False)
    for line in summary.errors:
        err.print(t("sync.error", line=line), markup=False, highlight=False)
    if summary.purged:
        out.print(t("sync.purged", count=len(summary.purged)), highlight=False)
    if summary.master:
        out.print(t("sync.master", path=summary.master), markup=False, highlight=False)
    if summary.master_warning:
        out.print(f"[yellow]{escape(summary.master_warning)}[/yellow]", highlight=False)
    if summary.google_master:
        out.print(t("sync.google_master", id=summary.google_master), markup=False, highlight=False)
    if folder is not None and summary.files_seen == 0 and not summary.failed:
        # the default folder is made by the run itself: an empty one most likely means the wrong configuration
        out.print(t("sync.no_files", folder=folder), style="yellow", markup=False, highlight=False)
    if summary.seconds:
        parts = ", ".join(
            t("sync.took_part", part=_part(what, lang), seconds=_seconds(s, lang))
            for what, s in summary.seconds.items()
        )
        out.print(t("sync.took", total=_seconds(sum(summary.seconds.values()), lang), parts=parts), highlight=False)


def copied_times_said(found: CopiedTimes, lang: Lang) -> str:
    """The one warning of files whose times are a copy's (sync.findings.copied_file_times), in `lang`."""
    from apmon.schemas.messages import counted, text_of, whole_number

    days = counted(found.fewest_days_late, "working_day", lang)
    periods = counted(found.periods, "period", lang)
    fields = {"files": whole_number(found.files, lang), "periods": periods, "time": found.minute, "days": days}
    # the code and the commands as typed, in every script
    return text_of(
        "sync.file_times_copied", lang, code=found.code, windows="robocopy /COPY:DAT", unix="cp -p", **fields
    )


def _seconds(seconds: float, lang: Lang) -> str:
    shown = f"{seconds:.1f}"
    return shown if lang == "en" else shown.replace(".", ",")  # Serbian writes a decimal comma


def _part(what: str, lang: Lang) -> str:
    """A timed part of the run in `lang`; a part the catalogue does not name keeps its own name."""
    from apmon.schemas.messages import text_of

    try:
        return text_of(f"sync.part.{what}", lang)
    except KeyError:
        return what


# A late report's mark is a letter of the reader's words (sync.status.late_mark). "Not read" is a run's own (the
# master it writes): the status, from the ledger alone, never shows it.
_STATUS_MARKS = {"on-time": "✓", "invalid": "✗", "missing": "·", "not-read": "?", "not-due": " ", "not-owed": "-"}
_NEWER_INVALID_MARK = "!"  # counted by its valid version, but a newer version sent since is invalid


@sync_app.command("status")
def sync_status_command(config: ConfigOption = None, as_json: JsonOption = False) -> None:
    """Show what the ledger holds: each institution's reports by month, and the last run."""
    from rich.table import Table

    from apmon.schemas.calendar import BELGRADE
    from apmon.schemas.messages import text_of
    from apmon.schemas.paper import month_words
    from apmon.sync.findings import duplicate_text
    from apmon.sync.ledger import LedgerError
    from apmon.sync.run import moves_said
    from apmon.sync.status import sync_status
    from apmon.templates.plan_file import DataFileError

    settings = common.config(config)
    lang = settings.sync.master_lang
    try:
        status = sync_status(settings, dt.datetime.now(BELGRADE).date())
    except DataFileError as exc:
        raise common.plan_error(exc, lang) from exc
    except LedgerError as exc:
        raise fail(exc.said(lang), lang=lang) from exc
    last, grid = status.last_run, status.submissions
    if as_json:
        # The grid's words stay English, read by programs as states; a message is said in the master's language,
        # as the run's --json says it.
        common.print_json(
            {
                "last_run": last.model_dump(mode="json") if last else None,
                "periods": grid.months,
                "institutions": {code: _words(grid.months, cells) for code, cells in grid.rows.items()},
                "years": grid.years,
                "annual": {code: _words(grid.years, cells) for code, cells in grid.annual.items()},
                "duplicates": [
                    {**d.model_dump(mode="json"), "message": duplicate_text(d, lang)} for d in status.duplicates
                ],
                "council": status.council.model_dump(mode="json") if status.council else None,
                "minister": status.minister.model_dump(mode="json") if status.minister else None,
                "records": status.records.model_dump(mode="json") if status.records else None,
                "not_reports": [_not_report(s, lang) for s in status.not_reports],
                "copied_times": status.copied_times.model_dump(mode="json") if status.copied_times else None,
            }
        )
        return
    if last is None:
        out.print(text_of("sync.status.empty", lang, ledger=status.ledger, option="--config"), markup=False)
        return
    master = text_of("sync.status.stale" if status.master_stale else "sync.status.fresh", lang)
    # said on the Coordinator's clock, as ledger versions, and in the reader's words (schemas.dates)
    shown = text_of(
        "sync.status.last_run", lang, run=last.id, when=last.started_at, versions=last.versions_added, master=master
    )
    out.print(shown, markup=False, highlight=False)
    for moved in last.moved:  # the scheduled run at night found it; the Coordinator reads it here in the morning
        said = text_of("sync.status.moved", lang, run=last.id, old=moved.old, new=moved.new, count=moved.files)
        out.print(said, markup=False, highlight=False)
    if last.moved_inside:  # one line for every subfolder moved inside the reports folder
        said = text_of("sync.status.moved_inside", lang, run=last.id, moves=moves_said(last.moved_inside, lang))
        out.print(said, markup=False, highlight=False)
    if last.errors:  # a source that could not be read: the figures may lack its reports
        heading = "sync.status.error" if len(last.errors) == 1 else "sync.status.errors"
        out.print(text_of(heading, lang), style="bold red", highlight=False)
        for error in last.errors:
            out.print(f"  - {error}", markup=False, highlight=False)
    if status.copied_times:  # every late report of the grid below may be a copy's time, not a late report
        out.print(copied_times_said(status.copied_times, lang), style="bold yellow", markup=False, highlight=False)
    for line in _handover_lines(status, lang):  # what a Coordinator taking over must know besides the reports
        out.print(line, markup=False, highlight=False)
    if status.duplicates:  # as the last run found the files: a file deleted since shows at the next run
        out.print(text_of("sync.status.duplicates", lang), style="bold yellow", highlight=False)
        for duplicate in status.duplicates:
            out.print(f"  - {duplicate_text(duplicate, lang)}", markup=False, highlight=False)
    if status.not_reports:  # no cell of the grid below is theirs: named here, with what to tell the officer
        out.print(text_of("sync.status.not_reports", lang), style="bold red", highlight=False)
        for file in status.not_reports:
            found = _not_report(file, lang)
            named = f", {common.institution_said(None, found['institution'], lang)}" if found["institution"] else ""
            out.print(f"  - {found['file']}{named}: {found['message']}", markup=False, highlight=False)
    months = grid.months
    late = text_of("sync.status.late_mark", lang)
    marks = {state.replace("-", "_"): mark for state, mark in _STATUS_MARKS.items()} | {
        "late": late,
        "newer_invalid": _NEWER_INVALID_MARK,
    }
    if months[0] == months[-1]:
        span = text_of("sync.status.span_one", lang, month=month_words(months[0], lang))  # "za mart 2018."
    else:
        first = month_words(months[0], lang, genitive=True)  # "od novembra 2018. do decembra 2018."
        span = text_of("sync.status.span", lang, first=first, last=month_words(months[-1], lang, genitive=True))
    # The title and its legend as a paragraph of the console's width: as the table's title it was wrapped to the
    # table's, a column of 19 lines 18 characters wide when one month is shown.
    out.print(text_of("sync.status.title", lang, span=span, **marks), markup=False, highlight=False)
    table = Table(show_lines=False, padding=(0, 0))
    table.add_column(text_of("sync.status.institution", lang), no_wrap=True, min_width=8)
    for month in months:
        table.add_column(month[5:], justify="center", no_wrap=True, min_width=3)  # month numbers keep it narrow
    for year in grid.years:
        annual = text_of("sync.status.annual", lang, year=year[2:])  # G17: the annual report 2017
        table.add_column(annual, justify="center", no_wrap=True, min_width=3)
    for code, cells in grid.rows.items():
        table.add_row(code, *(_status_mark(cell, late) for cell in [*cells, *grid.annual.get(code, [])]))
    common.print_table(table, lang)


def _not_report(found: Submission, lang: Lang) -> dict[str, Any]:
    """A file that is no one's report: its name, the institution code it names that the registry lacks (or None),
    its first error's code and message in `lang`."""
    from apmon.schemas.issues import institution_not_in_registry
    from apmon.schemas.messages import stored_message

    first = next((i for i in found.issues if i.get("severity") == "error"), found.issues[0] if found.issues else {})
    return {
        "file": found.file,
        "institution": institution_not_in_registry(found.issues),
        "code": str(first.get("code", "")),
        "message": stored_message(first, lang),
    }


def _handover_lines(status: SyncStatus, lang: Lang) -> list[str]:
    """When the Council was last informed and by when next, the decisions and the e-mails the ledger holds."""
    from apmon.schemas.messages import author_said, issuer_said, text_of
    from apmon.schemas.paper import month_words

    lines = []
    council, records = status.council, status.records
    if council is not None:
        if council.issued is None:
            key = "sync.status.council_none_late" if council.due < council.today else "sync.status.council_none"
            lines.append(text_of(key, lang, start=council.started, due=council.due))
        else:
            span = " – ".join(dict.fromkeys(month_words(p, lang) for p in (council.first, council.last)))
            key = "sync.status.council_late" if council.due < council.today else "sync.status.council"
            lines.append(text_of(key, lang, issued=council.issued, span=span, due=council.due))
            if council.by:
                lines.append(text_of("sync.status.council_by", lang, by=issuer_said(council.by, lang)))
    if status.minister is None:
        lines.append(text_of("sync.status.no_minister", lang))
    else:
        month = month_words(status.minister.month, lang)
        lines.append(text_of("sync.status.minister", lang, month=month, issued=status.minister.issued))
        if status.minister.by:
            lines.append(text_of("sync.status.minister_by", lang, by=issuer_said(status.minister.by, lang)))
    if records is not None:
        if records.last_at is None:
            lines.append(text_of("sync.status.no_decisions", lang))
        else:
            lines.append(
                text_of(
                    "sync.status.decisions",
                    lang,
                    tasks=records.task_statuses,
                    assessments=records.assessments,
                    comments=records.comments,
                    at=records.last_at,
                    authors=", ".join(author_said(a, lang) for a in records.authors),
                )
            )
        if records.last_mail_at is None:
            lines.append(text_of("sync.status.no_mails", lang))
        else:
            lines.append(
                text_of(
                    "sync.status.mails",
                    lang,
                    sent=records.mails_sent,
                    at=records.last_mail_at,
                    failed=records.mails_failed,
                )
            )
            if records.mails_unconfirmed:  # counted as sent, but the server never said it took them
                lines.append(text_of("sync.status.mails_unconfirmed", lang, count=records.mails_unconfirmed))
    return lines


def _status_mark(cell: SubmissionCell, late: str) -> str:
    return _NEWER_INVALID_MARK if cell.newer_invalid else late if cell.state == "late" else _STATUS_MARKS[cell.state]


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
    """Run the sync on a schedule, in the foreground, until stopped (Ctrl+C, or SIGTERM from a service manager).

    A run that fails says why, and the next one goes at its time; each run reads the configuration again.
    Exit 0 when stopped or when every run completed, 1 when a run failed, 2 when the cron expression is wrong.
    For a service, prefer the system's scheduler: see docs/sync.md for systemd and Windows Task Scheduler.
    """
    from apmon.schemas.messages import text_of
    from apmon.sync.scheduler import run_on_schedule
    from apmon.sync.service import CronNeverError, schedule

    settings = common.config(config)
    lang = settings.sync.master_lang
    if max_runs is not None and max_runs < 1:  # 0 or less ran nothing and said nothing
        raise fail(text_of("cli.at_least", lang, option="--max-runs", least=1, value=max_runs), 2, lang)
    expression = cron or settings.sync.schedule
    try:
        schedule(expression, dt.datetime.now().astimezone())
    except CronNeverError as exc:
        raise fail(text_of("sync.cron_never", lang, value=expression, example="0 7 * * 1-5"), 2, lang) from exc
    except ValueError as exc:
        raise fail(text_of("sync.not_cron", lang, value=expression, example="0 7 * * 1-5"), 2, lang) from exc
    failed = False

    def tell(key: str, **fields: object) -> None:
        # the machine's clock, which cron follows: its times said as they stand (without a zone)
        shown = {name: v.replace(tzinfo=None) if isinstance(v, dt.datetime) else v for name, v in fields.items()}
        out.print(text_of(key, lang, **shown), markup=False, highlight=False)

    def run() -> None:
        nonlocal failed, lang
        run_failed, lang = scheduled_run(config, lang)
        failed = failed or run_failed

    with _sigterm_as_ctrl_c():
        try:
            run_on_schedule(expression, run, tell, max_runs)
        except KeyboardInterrupt:
            out.print(text_of("sync.stopped", lang))
            return
    raise typer.Exit(1 if failed else 0)


def scheduled_run(config: Path | None, lang: Lang) -> tuple[bool, Lang]:
    """One run of the schedule, with the configuration as it is now: whether it failed, and the language it was
    said in. A failure is said and the schedule goes on: a PostgreSQL server restarting, a share away, a full
    disk or a configuration being edited are gone by a later run."""
    from apmon.schemas.said import SaidError
    from apmon.sync.config import load_config
    from apmon.sync.ledger import LedgerBusy
    from apmon.sync.service import sync_once
    from apmon.templates.plan_file import DataFileError

    try:
        settings = load_config(config)
    except DataFileError as exc:
        fail(exc.said(lang), lang=lang)
        return True, lang
    lang = settings.sync.master_lang
    try:
        summary = sync_once(settings, "schedule")
    except LedgerBusy as exc:
        skipped = common.said("sync.skipped", lang, reason=exc.said(lang))
        out.print(skipped, style="yellow", markup=False, highlight=False)
        return False, lang
    except run_errors() as exc:
        run_error(exc, lang)  # says it; the schedule goes on
        return True, lang
    except SaidError as exc:
        fail(exc.said(lang), lang=lang)
        return True, lang
    except Exception as exc:  # a fault in apmon itself: this run is lost, the next may go
        fail(common.said("sync.unexpected", lang, error=f"{type(exc).__name__}: {exc}"), lang=lang)
        return True, lang
    show_run(summary, lang, _only_folder(settings))
    return summary.failed, lang


@contextmanager
def _sigterm_as_ctrl_c() -> Iterator[None]:
    """SIGTERM (systemd stopping the service, `kill`) stops the schedule as Ctrl+C does: the run under way ends
    cleanly (its temporary files removed, the ledger's lock released). By default Python ends at once on SIGTERM."""
    import os
    import signal

    schedule_pid = os.getpid()

    def stop(signum: int, frame: object) -> None:
        if os.getpid() != schedule_pid:  # a parse worker forked during a run ends as it would have
            signal.signal(signum, signal.SIG_DFL)
            os.kill(os.getpid(), signum)
            return
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
