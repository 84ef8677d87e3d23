"""The `apmon` command: parse options, call the library, print the result.

Domain errors become `Error: ...` lines and an exit code; `--json` prints
exactly what the library returns.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import secrets
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path
from typing import Annotated, Any

import gspread
import typer
from croniter import croniter
from pydantic import BaseModel
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from schemas.calendar import BELGRADE, DeadlinePolicy, Period, PeriodError, WorkingCalendar
from schemas.institutions import InstitutionRegistry
from schemas.messages import RULES
from schemas.plan import Plan
from schemas.plan_summary import PlanSummary, summarize
from schemas.text import LANGS, Lang
from sync.config import Config, SyncSettings, load_config
from sync.consolidate import consolidate
from sync.demo_data import DemoSubmission, write_demo_reports
from sync.google_api import GoogleConfigError, make_client
from sync.ledger import COORDINATOR, ArrivalRow, Ledger, LedgerBusy, LedgerError, Role, Trigger
from sync.run import Progress as Progress_
from sync.run import (
    RunSummary,
    configured_sources,
    consolidation_settings,
    master_basis,
    purge_personal_data,
    run_sync,
    submissions,
)
from sync.sources import Source
from templates.build import layouts, reporting_institutions, write_google_templates, write_xlsx_templates
from templates.layout import NoTasksError
from templates.plan_file import DataFileError, load_plan, load_registry
from templates.rule_docs import rule_catalogue_markdown
from templates.validation import Validation, validate_file

app = typer.Typer(
    help="apmon: monitor the Action Plan through the spreadsheets institutions already use.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)
plan_app = typer.Typer(help="Inspect and check Action Plan files.", no_args_is_help=True)
app.add_typer(plan_app, name="plan")
template_app = typer.Typer(help="Build report templates for institutions.", no_args_is_help=True)
app.add_typer(template_app, name="template")
sync_app = typer.Typer(help="Collect reports, keep every version, refresh the master workbook.", no_args_is_help=True)
app.add_typer(sync_app, name="sync")

out = Console()
err = Console(stderr=True, soft_wrap=True)
PROGRESS_REFRESH_SECONDS = 0.1  # a progress bar is drawn at most this often

PlanOption = Annotated[
    Path | None, typer.Option("--plan", help="Plan file (YAML). Default: the shipped Action Plan 2017-2018.")
]
InstitutionsOption = Annotated[
    Path | None, typer.Option("--institutions", help="Institution registry (YAML). Default: the shipped one.")
]
ConfigOption = Annotated[
    Path | None, typer.Option("--config", help="Configuration file (TOML). Default: ./apmon.toml if present.")
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print the result as one JSON object.")]


def main() -> None:
    app()


def _fail(message: str, code: int = 1) -> typer.Exit:
    err.print(f"Error: {message}", markup=False, highlight=False)
    return typer.Exit(code)


def _print_json(data: BaseModel | dict[str, Any] | list[dict[str, Any]]) -> None:
    payload = data.model_dump(mode="json") if isinstance(data, BaseModel) else data
    typer.echo(json.dumps(payload, indent=2, ensure_ascii=False))


def _config(path: Path | None) -> Config:
    try:
        return load_config(path)
    except DataFileError as exc:
        raise _fail(str(exc)) from exc


@plan_app.command("check")
def plan_check(
    plan: PlanOption = None,
    institutions: InstitutionsOption = None,
    config: ConfigOption = None,
    as_json: JsonOption = False,
) -> None:
    """Check a plan file and show what it holds, with a budget reconciliation against section 11.

    Exit 0 when the plan is valid (budget differences are findings, not errors),
    1 when the file has errors, each located by file, line and path.
    """
    settings = _config(config)
    plan_path = plan or settings.plan
    shown = str(plan_path or "the shipped Action Plan 2017-2018")
    try:
        registry = load_registry(institutions or settings.institutions)
        loaded = load_plan(plan_path, registry)
    except DataFileError as exc:
        if as_json:
            _print_json(
                {"file": shown, "valid": False, "errors": [e.model_dump() for e in exc.errors], "summary": None}
            )
        else:
            err.print(f"Error: {shown} is not a valid plan ({len(exc.errors)} problem(s)):", markup=False)
            for problem in exc.errors:
                err.print(f"  {problem}", markup=False, highlight=False)
        raise typer.Exit(1) from exc
    summary = summarize(loaded)
    if as_json:
        _print_json({"file": shown, "valid": True, "errors": [], "summary": summary.model_dump(mode="json")})
        return
    _show_summary(shown, summary, {i.code: i for i in registry.institutions})


def _show_summary(file: str, s: PlanSummary, names: dict[str, Any]) -> None:
    out.print(f"[bold]{s.plan}[/bold] ({file}) is valid.")
    counts = Table(title="Contents", show_header=False)
    for label, value in [
        ("Objectives", s.objectives),
        ("Activities", s.activities),
        ("Tasks", s.tasks),
        ("Indicators", f"{s.indicators} ({s.counting_indicators} counting)"),
        ("Budget lines", s.budget_lines),
        ("Institutions involved", f"{len(s.institutions_involved)}: {', '.join(s.institutions_involved)}"),
        ("Doubtful source lines noted", s.doubtful_notes),
    ]:
        counts.add_row(label, str(value))
    out.print(counts)
    sources = Table(title="Budget lines by source")
    for col in ("Source", "Currency", "Lines", "Amount"):
        sources.add_column(col, justify="right" if col in ("Lines", "Amount") else "left")
    for row in s.budget_by_source:
        sources.add_row(row.source, row.currency or "-", str(row.lines), _money(row.amount) if row.currency else "-")
    out.print(sources)
    recon = Table(title="State budget, RSD: task lines against section 11 Part 2")
    for col in ("Inst.", "Year", "Lines", "Tasks", "Section 11", "Difference", "Status"):
        recon.add_column(col, justify="left" if col in ("Inst.", "Status") else "right")
    for r in s.reconciliation:
        style = "green" if r.status == "matches" else "yellow"
        recon.add_row(
            r.institution,
            str(r.year),
            str(r.task_lines),
            _money(r.task_total),
            "-" if r.section_11 is None else _money(r.section_11),
            "-" if r.difference is None else _money(r.difference, signed=True),
            f"[{style}]{_STATUS_SHOWN[r.status]}[/{style}]",
        )
    out.print(recon)
    if s.state_budget_lines_without_year:
        out.print(f"{s.state_budget_lines_without_year} state-budget line(s) name no year and are not reconciled.")


_STATUS_SHOWN = {
    "matches": "matches",
    "differs": "differs",
    "no-task-lines": "no lines",
    "no-section-11-total": "no total",
}


def _money(amount: Any, signed: bool = False) -> str:
    """Serbian grouping (1.234.567,89) as the plan writes amounts; whole amounts without decimals."""
    sign = "+" if signed and amount > 0 else ""
    decimals = 0 if amount == amount.to_integral_value() else 2
    text = f"{sign}{amount:,.{decimals}f}"
    return text.replace(",", " ").replace(".", ",").replace(" ", ".")


@app.command("deadline")
def deadline(
    period: Annotated[str, typer.Argument(help="Reporting period: YYYY-MM for a monthly report, YYYY for the annual.")],
    kind: Annotated[
        str | None,
        typer.Option("--kind", help="monthly or annual. Default: from the period's form."),
    ] = None,
    working_day: Annotated[
        int | None, typer.Option("--working-day", help="Monthly reports are due on this working day (default 5).")
    ] = None,
    non_working: Annotated[
        list[str] | None,
        typer.Option(
            "--non-working", help="An extra non-working day declared by the Government (YYYY-MM-DD); repeatable."
        ),
    ] = None,
    config: ConfigOption = None,
    as_json: JsonOption = False,
) -> None:
    """Print when a report is due: the 5th working day of the next month, or 15 February for the annual report.

    Days off are weekends and Serbian public holidays (observed days included);
    a due date on a day off moves to the next working day.
    """
    parsed = _period(period, kind)
    policy = _config(config).deadlines
    try:
        policy = _override_policy(policy, working_day, non_working or [])
    except ValueError as exc:
        raise _fail(str(exc), 2) from exc
    due = WorkingCalendar(policy).due_date(parsed)
    if as_json:
        _print_json(due)
        return
    what = "Annual report for" if due.kind == "annual" else "Monthly report for"
    label = str(parsed.year) if due.kind == "annual" else f"{parsed.first_day:%B %Y}"
    out.print(f"{what} {label}: due [bold]{due.due:%A %d %B %Y}[/bold] ({due.due.isoformat()})")
    out.print(f"  rule: {due.rule}")
    for day in due.skipped:
        out.print(f"  {day.date.isoformat()} {day.date:%a} is not a working day: {day.reason}")


def _lang(lang: str) -> Lang:
    for known in LANGS:
        if lang == known:
            return known
    raise _fail(f"--lang is one of {', '.join(LANGS)}, not {lang!r}", 2)


def _period(period: str, kind: str | None) -> Period:
    """The period, checked against --kind when given."""
    try:
        parsed = Period.parse(period)
    except PeriodError as exc:
        raise _fail(str(exc), 2) from exc
    if kind is not None and kind not in ("monthly", "annual"):
        raise _fail(f"--kind is monthly or annual, not {kind!r}", 2)
    if kind is not None and kind != parsed.kind:
        expected = "a month, YYYY-MM" if kind == "monthly" else "a year, YYYY"
        raise _fail(f"the period of a {kind} report is {expected}; {period!r} is not", 2)
    return parsed


def _plan_and_registry(
    plan: Path | None, institutions: Path | None, settings: Config
) -> tuple[Plan, InstitutionRegistry]:
    try:
        registry = load_registry(institutions or settings.institutions)
        return load_plan(plan or settings.plan, registry), registry
    except DataFileError as exc:
        raise _fail("the plan cannot be used:\n  " + "\n  ".join(str(e) for e in exc.errors)) from exc


@template_app.command("build")
def template_build(
    period: Annotated[str, typer.Option("--period", help="YYYY-MM for a monthly template, YYYY for an annual one.")],
    institution: Annotated[
        list[str] | None, typer.Option("--institution", "-i", help="Institution code (e.g. MUP); repeatable.")
    ] = None,
    all_institutions: Annotated[
        bool, typer.Option("--all", help="Every institution that has tasks in the plan.")
    ] = False,
    kind: Annotated[str | None, typer.Option("--kind", help="monthly or annual. Default: from the period.")] = None,
    lang: Annotated[str, typer.Option("--lang", help="Template language: sr-Latn, sr-Cyrl or en.")] = "sr-Latn",
    out_dir: Annotated[Path, typer.Option("--out", help="Folder for the xlsx files.")] = Path("apmon-templates"),
    google: Annotated[
        bool, typer.Option("--google", help="Create Google Sheets in a Drive folder instead of xlsx.")
    ] = False,
    folder: Annotated[
        str | None,
        typer.Option("--folder", help="Drive folder id for --google (default: [google] folder in the config)."),
    ] = None,
    share: Annotated[
        list[str] | None,
        typer.Option("--share", help="Also share each Google template with this account (writer); repeatable."),
    ] = None,
    credentials: Annotated[
        Path | None,
        typer.Option(
            "--credentials", help="Service-account JSON key (default: config, then $APMON_GOOGLE_CREDENTIALS)."
        ),
    ] = None,
    plan: PlanOption = None,
    institutions: InstitutionsOption = None,
    config: ConfigOption = None,
    as_json: JsonOption = False,
) -> None:
    """Build report templates (xlsx, or Google Sheets with --google), pre-filled from the Action Plan.

    Each template asks only for what the institution knows: statuses, progress,
    spending, indicator values and problems. Locked cells hold the plan's data.
    """
    parsed = _period(period, kind)
    language = _lang(lang)
    if bool(institution) == all_institutions:
        raise _fail("name institutions with --institution CODE, or use --all (not both)", 2)
    settings = _config(config)
    loaded, registry = _plan_and_registry(plan, institutions, settings)
    codes = reporting_institutions(loaded, registry) if all_institutions else [c.upper() for c in institution or []]
    unknown = [c for c in codes if c not in registry]
    if unknown:
        raise _fail(f"unknown institution code(s): {', '.join(unknown)}; known codes: {', '.join(registry.codes)}", 2)
    calendar = WorkingCalendar(settings.deadlines)
    try:
        built = layouts(loaded, registry, codes, parsed, language, calendar)
    except NoTasksError as exc:
        raise _fail(str(exc)) from exc
    failures: list[str] = []
    if google:
        folder_id = folder or settings.google.folder
        if not folder_id:
            raise _fail("--google needs the Drive folder: give --folder ID or set [google] folder in the config", 2)
        try:
            client = make_client(
                credentials or settings.google.credentials,
                settings.google.endpoints,
                settings.google.retry,
                timeout=settings.google.timeout,
                quota=settings.google.quota,
            )
        except GoogleConfigError as exc:
            raise _fail(str(exc)) from exc
        accounts = {code: [*settings.google.accounts.get(code, []), *(share or [])] for code in codes}
        with _progress(len(built), "Creating Google Sheets", quiet=as_json) as advance:
            results, failures = write_google_templates(client, built, folder_id, accounts, on_done=lambda _: advance())
    else:
        with _progress(len(built), "Building templates", quiet=as_json) as advance:
            results = write_xlsx_templates(built, out_dir, on_done=lambda _: advance())
    if as_json:
        _print_json({"templates": [r.model_dump(mode="json") for r in results], "failures": failures})
        raise typer.Exit(1 if failures else 0)
    where = f"Drive folder {folder or settings.google.folder}" if google else str(out_dir)
    table = Table(title=f"{len(results)} {parsed.kind} template(s) for {parsed} ({lang}) in {where}")
    for col in ("Institution", "Tasks", "Budget lines", "Indicators", "File"):
        table.add_column(col, justify="right" if col in ("Tasks", "Budget lines", "Indicators") else "left")
    for r in results:
        table.add_row(
            r.institution,
            str(r.tasks),
            str(r.budget_lines),
            str(r.indicators),
            r.target if google else Path(r.target).name,
        )
    out.print(table)
    if google and results:
        script = Path(__file__).resolve().parents[1] / "addin" / "clients" / "apmon.gs"
        out.print(
            f"For the Proveri / Dostavi menu, add the Apps Script {script} (and xlwings' xlwings.js) to each "
            "sheet once: Extensions > Apps Script; see docs/addin.md.",
            highlight=False,
        )
    for failure in failures:
        err.print(f"Error: {failure}", markup=False)
    if failures:
        raise typer.Exit(1)


@app.command("validate")
def validate(
    files: Annotated[list[Path], typer.Argument(help="Report workbooks (.xlsx) to check.")],
    lang: Annotated[str, typer.Option("--lang", help="Language of the messages: sr-Latn, sr-Cyrl or en.")] = "sr-Latn",
    previous: Annotated[
        list[Path] | None,
        typer.Option(
            "--previous", help="An earlier accepted report of the same institution, for the history checks; repeatable."
        ),
    ] = None,
    plan: PlanOption = None,
    institutions: InstitutionsOption = None,
    config: ConfigOption = None,
    as_json: JsonOption = False,
) -> None:
    """Check filled reports and list every problem by sheet and cell.

    Exit 0 when no file has errors (warnings allowed), 1 when a file has errors,
    2 when a file cannot be read at all.
    """
    language = _lang(lang)
    settings = _config(config)
    loaded, registry = _plan_and_registry(plan, institutions, settings)
    calendar = WorkingCalendar(settings.deadlines)
    history = []
    for earlier in previous or []:
        before = validate_file(earlier, loaded, registry, language, calendar=calendar)
        if before.report is None:
            raise _fail(f"--previous {earlier} cannot be read as a report: {before.issues[0].message}", 2)
        history.append(before.report)
    results = []
    with _progress(len(files), "Validating", quiet=as_json) as advance:
        for file in files:
            results.append(validate_file(file, loaded, registry, language, history=history, calendar=calendar))
            advance()
    if as_json:
        _print_json([r.model_dump(mode="json", exclude={"report"}) for r in results])
    else:
        for result in results:
            _show_validation(result)
    raise typer.Exit(2 if any(not r.readable for r in results) else 1 if any(not r.valid for r in results) else 0)


@app.command("rules")
def rules(
    markdown: Annotated[
        bool, typer.Option("--markdown", help="Print the catalogue as Markdown (docs/validation-rules.md).")
    ] = False,
    lang: Annotated[str, typer.Option("--lang", help="Language of the messages: sr-Latn, sr-Cyrl or en.")] = "en",
) -> None:
    """List every validation rule: its code, severity, meaning and message."""
    if markdown:
        typer.echo(rule_catalogue_markdown())
        return
    language = _lang(lang)
    table = Table(title=f"{len(RULES)} validation rules")
    for col in ("Code", "Severity", "Message"):
        table.add_column(col, overflow="fold")
    for rule in RULES.values():
        table.add_row(rule.code, rule.severity, rule.message(language))
    out.print(table)


def _show_validation(result: Validation) -> None:
    name = Path(result.file).name
    if not result.readable:
        out.print(f"[bold red]✗ {name}[/bold red]: {result.issues[0].message}", highlight=False)
        return
    what = f"{result.institution} {result.period} ({result.kind})" if result.institution else "not a report"
    if not result.issues:
        out.print(f"[bold green]✓ {name}[/bold green] {what}: no problems, ready to submit", highlight=False)
        return
    mark = "[bold green]✓" if result.valid else "[bold red]✗"
    out.print(f"{mark} {name}[/] {what}: {result.errors()} error(s), {result.warnings()} warning(s)", highlight=False)
    table = Table(show_header=True, header_style="bold", show_lines=False)
    for col in ("Sheet", "Cell", "", "Problem"):
        table.add_column(col, overflow="fold")
    order = {name: i for i, name in enumerate((result.report.sheet_names if result.report else {}).values())}
    for i in sorted(result.issues, key=lambda i: (order.get(i.sheet, -1), _cell_order(i.cell))):
        severity = "[red]error[/red]" if i.severity == "error" else "[yellow]warning[/yellow]"
        table.add_row(i.sheet, i.cell, severity, i.message)
    out.print(table)


def _cell_order(cell: str) -> tuple[int, str]:
    digits = "".join(ch for ch in cell if ch.isdigit())
    return (int(digits) if digits else 0, cell)


def _open_ledger(settings: Config) -> Ledger:
    url = settings.sync.ledger_url()
    if url.startswith("sqlite:///"):
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    try:
        return Ledger.open(url)
    except LedgerError as exc:
        raise _fail(str(exc)) from exc


def _sources(settings: Config) -> tuple[list[Source], gspread.Client | None]:
    try:
        return configured_sources(settings)
    except GoogleConfigError as exc:
        raise _fail(str(exc)) from exc


def _sync_once(
    settings: Config, trigger: Trigger, quiet: bool, as_of: dt.date | None = None
) -> tuple[RunSummary | None, str | None]:
    """One run; (summary, None), or (None, message) when another run holds the ledger."""
    plan, registry = _plan_and_registry(None, None, settings)
    ledger = _open_ledger(settings)
    sources, client = _sources(settings)
    try:
        with _live_progress(quiet) as progress:
            summary = run_sync(
                plan=plan,
                registry=registry,
                ledger=ledger,
                sources=sources,
                settings=settings.sync,
                calendar=WorkingCalendar(settings.deadlines),
                trigger=trigger,
                as_of=as_of,
                google_client=client,
                progress=progress,
            )
    except LedgerBusy as exc:
        return None, str(exc)
    finally:
        ledger.close()
    return summary, None


@sync_app.command("run")
def sync_run(config: ConfigOption = None, as_json: JsonOption = False) -> None:
    """Collect every report from the sources, validate and record new versions, refresh the master.

    Exit 0 when the run completed (invalid reports are recorded and listed, not a failure),
    1 when a source or the master could not be handled, 3 when another run is in progress.
    """
    settings = _config(config)
    summary, busy = _sync_once(settings, "cli", quiet=as_json)
    if summary is None:
        raise _fail(busy or "another sync run is in progress", 3)
    if as_json:
        _print_json(summary)
    else:
        _show_run(summary)
    raise typer.Exit(1 if summary.failed else 0)


def _show_run(summary: RunSummary) -> None:
    out.print(
        f"Run {summary.run_id}: {summary.files_seen} file(s) seen, {summary.files_changed} changed, "
        f"{len(summary.versions)} new version(s)."
    )
    if summary.versions:
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


@sync_app.command("status")
def sync_status(config: ConfigOption = None, as_json: JsonOption = False) -> None:
    """Show what the ledger holds: each institution's reports by month, and the last run."""
    settings = _config(config)
    loaded, registry = _plan_and_registry(None, None, settings)
    ledger = _open_ledger(settings)
    calendar = WorkingCalendar(settings.deadlines)
    today = dt.datetime.now(BELGRADE).date()
    consolidation = consolidation_settings(settings.sync, calendar, today)
    basis = master_basis(loaded, registry, consolidation, settings.sync)
    try:
        accepted, latest = submissions(ledger)
        last = ledger.last_run()
        stale = ledger.master_stale() or ledger.master_basis() != basis  # new reports, or a new day or settings
    finally:
        ledger.close()
    # This command speaks English whatever language the master is written in.
    tables = consolidate(loaded, registry, accepted, latest, consolidation.model_copy(update={"lang": "en"}))
    grid = next(t for t in tables if t.sheet == "Submissions")
    if as_json:
        _print_json(
            {
                "last_run": last.model_dump(mode="json") if last else None,
                "periods": [c.key for c in grid.columns[1:]],
                "institutions": {
                    row[0]: dict(zip([c.key for c in grid.columns[1:]], row[1:], strict=True)) for row in grid.rows
                },
            }
        )
        return
    if last is None:
        out.print("The ledger is empty: no sync has run yet. Run `apmon sync run`.")
        return
    out.print(
        f"Last run {last.id}: {last.started_at:%d.%m.%Y %H:%M} UTC, {last.versions_added} new version(s); "
        f"master workbook {'needs a refresh (run `apmon sync run`)' if stale else 'up to date'}."
    )
    shown = {"on time": "✓", "missing": "·", "": " "}
    months = [c.key for c in grid.columns[1:]]
    table = Table(
        title=f"Reports {months[0]} to {months[-1]} by month (✓ on time, L late, ✗ invalid, · missing)",
        show_lines=False,
        padding=(0, 0),
    )
    table.add_column("Inst.", no_wrap=True, min_width=8)
    for month in months:
        table.add_column(month[5:], justify="center", no_wrap=True, min_width=3)  # month numbers keep it narrow
    for row in grid.rows:
        cells = []
        for value in row[1:]:
            text = str(value)
            cells.append(
                shown.get(text, "L" if text.startswith("late") else "✗" if text.startswith("invalid") else "?")
            )
        table.add_row(row[0], *cells)
    out.print(table)


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
    settings = _config(config)
    expression = cron or settings.sync.schedule
    if not croniter.is_valid(expression):
        raise _fail(f"{expression!r} is not a cron expression (minute hour day month weekday), e.g. '0 7 * * 1-5'", 2)
    runs = 0
    schedule = croniter(expression, dt.datetime.now().astimezone())
    try:
        while max_runs is None or runs < max_runs:
            next_at = schedule.get_next(dt.datetime)
            out.print(f"Next sync at {next_at:%d.%m.%Y %H:%M}. Stop with Ctrl+C.")
            time.sleep(max(0.0, (next_at - dt.datetime.now().astimezone()).total_seconds()))
            summary, busy = _sync_once(settings, "schedule", quiet=True)
            runs += 1
            if summary is None:
                out.print(f"[yellow]Skipped: {busy}[/yellow]", highlight=False)
            else:
                _show_run(summary)
    except KeyboardInterrupt:
        out.print("Stopped.")


@app.command("demo")
def demo(
    directory: Annotated[Path, typer.Option("--dir", help="Folder for the demo's reports, ledger and master.")] = Path(
        "apmon-demo"
    ),
    seed: Annotated[
        int, typer.Option("--seed", help="Seed of the synthetic reports (same seed, same reports).")
    ] = 2018,
) -> None:
    """Build a realistic demo: reports of every institution from September 2017 to December 2018,
    synced into a fresh ledger and consolidated into the Coordinator's master workbook."""
    registry = load_registry()
    plan = load_plan(None, registry)
    reports = directory / "reports"
    for stale in (directory / "ledger.sqlite", directory / "ledger.sqlite-wal", directory / "ledger.sqlite-shm"):
        stale.unlink(missing_ok=True)  # a fresh ledger every time; the demo folder holds only demo data
    calendar = WorkingCalendar()
    with _live_progress(False) as progress:
        written: list[DemoSubmission] = []
        total = len(reporting_institutions(plan, registry)) * 16

        def count(sub: DemoSubmission) -> None:
            written.append(sub)
            if progress:
                progress("Writing demo reports", min(len(written), total), total)

        write_demo_reports(plan, registry, reports, seed=seed, calendar=calendar, on_file=count)
        if progress:
            progress("Writing demo reports", total, total)  # a few institution-months have no report
    settings = Config(
        sync=SyncSettings(
            data_dir=directory,
            folder=reports,
            first_period="2017-09",
            last_period="2018-12",
            eur_to_rsd=DEMO_EUR_TO_RSD,
        )
    )
    (directory / "apmon.toml").write_text(DEMO_CONFIG, encoding="utf-8")
    summary, busy = _sync_once(settings, "demo", quiet=False, as_of=dt.date(2019, 1, 31))
    if summary is None:
        raise _fail(busy or "another sync run is in progress", 3)
    late = sum(1 for s in written if s.late)
    invalid = sum(1 for s in written if s.invalid)
    out.print(
        f"Demo: {len(written)} report files ({late} late, {invalid} with a mistake, "
        f"{sum(s.resubmission for s in written)} resubmitted) in {reports}"
    )
    _show_run_brief(summary)
    out.print(f"Next: open [bold]{summary.master}[/bold]; `apmon sync status --config {directory / 'apmon.toml'}`.")


def _show_run_brief(summary: RunSummary) -> None:
    valid = sum(1 for v in summary.versions if v.valid)
    invalid = sum(1 for v in summary.versions if v.readable and not v.valid)
    out.print(f"Ledger: {len(summary.versions)} versions recorded ({valid} valid, {invalid} invalid).")
    for line in summary.errors:
        err.print(f"Error: {line}", markup=False, highlight=False)
    if summary.master:
        out.print(f"Master workbook: [bold]{summary.master}[/bold]", highlight=False)


# EUR -> RSD, approximate annual averages, for the demo's converted totals (set your own in apmon.toml).
DEMO_EUR_TO_RSD = {2017: Decimal("121.34"), 2018: Decimal("118.27")}
DEMO_CONFIG = """# apmon demo configuration: `apmon sync status --config apmon-demo/apmon.toml`
[sync]
data_dir = "."
first_period = "2017-09"
last_period = "2018-12"
eur_to_rsd = { 2017 = 121.34, 2018 = 118.27 }
"""


@contextmanager
def _live_progress(quiet: bool) -> Iterator[Progress_ | None]:
    """A progress bar on stderr driven by (what, done, total) callbacks."""
    if quiet:
        yield None
        return
    # Refreshed by the updates, not by rich's timer thread: a sync with no other thread may fork its workers.
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
        auto_refresh=False,
    ) as bar:
        tasks: dict[str, Any] = {}
        shown = 0.0  # when the bar was last drawn

        def update(what: str, done: int, total: int) -> None:
            nonlocal shown
            if what not in tasks:
                tasks[what] = bar.add_task(what, total=total)
            bar.update(tasks[what], completed=done, total=total)
            # Drawn at most ten times a second: a drawing takes about a millisecond, a file a few.
            if done == total or time.monotonic() - shown >= PROGRESS_REFRESH_SECONDS:
                bar.refresh()
                shown = time.monotonic()

        yield update


@contextmanager
def _progress(total: int, label: str, quiet: bool = False) -> Iterator[Callable[[], None]]:
    """A progress bar on stderr for work of more than a few items; silent for --json and single items."""
    if quiet or total < 3:
        yield lambda: None
        return
    with Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), console=err
    ) as progress:
        task = progress.add_task(label, total=total)
        yield lambda: progress.advance(task)


def _override_policy(policy: DeadlinePolicy, working_day: int | None, non_working: list[str]) -> DeadlinePolicy:
    import datetime as dt

    data = policy.model_dump()
    if working_day is not None:
        data["monthly_working_day"] = working_day
    extra = list(policy.extra_non_working_days)
    for text in non_working:
        try:
            extra.append(dt.date.fromisoformat(text))
        except ValueError as exc:
            raise ValueError(f"--non-working {text!r} is not a date; write YYYY-MM-DD") from exc
    data["extra_non_working_days"] = tuple(extra)
    try:
        return DeadlinePolicy.model_validate(data)
    except Exception as exc:
        raise ValueError(f"invalid deadline setting: {exc}") from exc


# --------------------------------------------------------------------------- the add-in server and its tokens

token_app = typer.Typer(help="Issue, revoke and list the add-in's access tokens.", no_args_is_help=True)
app.add_typer(token_app, name="token")


@app.command("serve")
def serve(
    host: Annotated[
        str, typer.Option("--host", help="Address to listen on; keep 127.0.0.1 behind a reverse proxy (HTTPS).")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Port to listen on.")] = 8000,
    max_body_mb: Annotated[
        float, typer.Option("--max-body-mb", help="Largest workbook payload accepted, in megabytes (default 10).")
    ] = 10.0,
    trust_proxy: Annotated[
        list[str] | None,
        typer.Option(
            "--trust-proxy",
            help="Address of a reverse proxy whose X-Forwarded-For names the caller (repeatable; e.g. 127.0.0.1 "
            "behind nginx on the same machine). Without it the caller is the TCP peer.",
        ),
    ] = None,
    config: ConfigOption = None,
) -> None:
    """Run the add-in server: Validate, Submit and Consolidate for Excel (Office.js, VBA) and Google Sheets.

    Clients call POST /xlwings/custom-scripts-call/{validate,submit,consolidate} with the header
    'Authorization: Bearer <token>' (see `apmon token issue`). See docs/addin.md for HTTPS and deployment.
    """
    import uvicorn  # imported here so that other commands start fast

    from addin.server import create_app  # sets XLWINGS_LICENSE_KEY before xlwings is imported

    if max_body_mb <= 0:
        raise _fail("--max-body-mb must be more than 0", 2)
    settings = _config(config)
    ledger = _open_ledger(settings)
    try:
        application = create_app(
            settings, ledger, max_body_bytes=int(max_body_mb * 1024 * 1024), trusted_proxies=trust_proxy or ()
        )
    except DataFileError as exc:
        ledger.close()
        raise _fail("the plan cannot be used:\n  " + "\n  ".join(str(e) for e in exc.errors)) from exc
    out.print(f"apmon add-in server on http://{host}:{port} (ledger {ledger.shown_url}); stop with Ctrl+C.")
    try:
        # The app decides which X-Forwarded-For to believe (--trust-proxy); uvicorn's own rewriting is off.
        uvicorn.run(application, host=host, port=port, log_level="info", proxy_headers=False)
    finally:
        ledger.close()


def _token_owner(institution: str | None, coordinator: bool, settings: Config) -> tuple[str, Role]:
    if bool(institution) == coordinator:
        raise _fail("name the holder with --institution CODE, or use --coordinator (not both)", 2)
    if coordinator:
        return COORDINATOR, "coordinator"
    code = (institution or "").upper()
    try:
        registry = load_registry(settings.institutions)
    except DataFileError as exc:
        raise _fail("the institution registry cannot be used:\n  " + "\n  ".join(str(e) for e in exc.errors)) from exc
    if code not in registry:
        raise _fail(f"unknown institution code {code!r}; known codes: {', '.join(registry.codes)}", 2)
    return code, "institution"


@token_app.command("issue")
def token_issue(
    institution: Annotated[
        str | None, typer.Option("--institution", "-i", help="Institution code (e.g. MUP) the token belongs to.")
    ] = None,
    coordinator: Annotated[
        bool, typer.Option("--coordinator", help="A token of the National Coordinator (may also consolidate).")
    ] = False,
    token_label: Annotated[
        str, typer.Option("--label", help="What the token is for, e.g. the office or the person (shown in lists).")
    ] = "",
    config: ConfigOption = None,
) -> None:
    """Issue a new add-in token and print it once: apmon keeps only its SHA-256 hash.

    An institution's token validates and submits that institution's reports only; the Coordinator's token
    may also consolidate. Give it to the holder through a safe channel; it goes into the client's auth
    setting as 'Bearer <token>'.
    """
    settings = _config(config)
    code, role = _token_owner(institution, coordinator, settings)
    token = "apmon_" + secrets.token_urlsafe(32)
    ledger = _open_ledger(settings)
    try:
        row = ledger.add_token(
            code, role, hashlib.sha256(token.encode("utf-8")).hexdigest(), token_label, dt.datetime.now(dt.UTC)
        )
    finally:
        ledger.close()
    holder = "the National Coordinator" if role == "coordinator" else code
    out.print(f"Token {row.id} for {holder}{f' ({token_label})' if token_label else ''}:", highlight=False)
    typer.echo(token)
    out.print("It is shown only this once: apmon keeps only its hash. Revoke it with `apmon token revoke`.")


@token_app.command("revoke")
def token_revoke(
    institution: Annotated[
        str | None, typer.Option("--institution", "-i", help="Revoke every live token of this institution.")
    ] = None,
    coordinator: Annotated[bool, typer.Option("--coordinator", help="Revoke every live Coordinator token.")] = False,
    config: ConfigOption = None,
) -> None:
    """Revoke every live token of an institution (or of the Coordinator); they stop working at once.

    Exit 1 when there was no live token to revoke.
    """
    settings = _config(config)
    code, _ = _token_owner(institution, coordinator, settings)
    ledger = _open_ledger(settings)
    try:
        revoked = ledger.revoke_tokens(code, dt.datetime.now(dt.UTC))
    finally:
        ledger.close()
    if not revoked:
        raise _fail(f"{code} has no live token to revoke")
    out.print(f"Revoked {revoked} token(s) of {code}.")


@token_app.command("list")
def token_list(config: ConfigOption = None, as_json: JsonOption = False) -> None:
    """List the add-in tokens: holder, role, label, when issued and revoked (never the tokens themselves)."""
    settings = _config(config)
    ledger = _open_ledger(settings)
    try:
        rows = ledger.tokens()
    finally:
        ledger.close()
    shown = [row.model_dump(mode="json", exclude={"token_hash"}) for row in rows]
    if as_json:
        _print_json(shown)
        return
    if not rows:
        out.print("No tokens yet. Issue one with `apmon token issue --institution CODE`.")
        return
    table = Table(title=f"{len(rows)} add-in token(s)")
    for col in ("Id", "Holder", "Role", "Label", "Issued", "Revoked"):
        table.add_column(col)
    for row in rows:
        table.add_row(
            str(row.id),
            row.institution,
            row.role,
            row.label,
            f"{row.created_at:%d.%m.%Y %H:%M}",
            "" if row.revoked_at is None else f"{row.revoked_at:%d.%m.%Y %H:%M}",
        )
    out.print(table)


ledger_app = typer.Typer(help="Look into the ledger: versions and who sent them; purge personal data.")
app.add_typer(ledger_app, name="ledger")


@ledger_app.command("versions")
def ledger_versions(
    institution: Annotated[str | None, typer.Option("--institution", "-i", help="Only this institution.")] = None,
    period: Annotated[str | None, typer.Option("--period", "-p", help="Only this period (2018-03 or 2018).")] = None,
    config: ConfigOption = None,
    as_json: JsonOption = False,
) -> None:
    """List the stored versions, each time one came in, and the add-in token that sent it (never the token)."""
    settings = _config(config)
    ledger = _open_ledger(settings)
    try:
        versions = ledger.versions(institution=institution, period=period)
        arrivals = ledger.arrivals(v.id for v in versions)
    finally:
        ledger.close()
    by_version: dict[int, list[ArrivalRow]] = {}
    for arrival in arrivals:
        by_version.setdefault(arrival.version_id, []).append(arrival)
    rows = [
        {
            "version": v.id,
            "institution": v.institution,
            "period": v.period,
            "valid": v.valid,
            "purged_at": v.raw_purged_at.isoformat() if v.raw_purged_at else None,
            "arrivals": [a.model_dump(mode="json") for a in by_version.get(v.id, [])],
        }
        for v in versions
    ]
    if as_json:
        _print_json(rows)
        return
    if not rows:
        out.print("No versions in the ledger yet.")
        return
    table = Table(title=f"{len(versions)} version(s), {len(arrivals)} arrival(s)")
    for col in ("Version", "Institution", "Period", "State", "Received", "File", "Sent with token"):
        table.add_column(col, overflow="fold")
    for v in versions:
        state = "valid" if v.valid else "invalid"
        if v.raw_purged_at is not None:
            state += f", content purged {v.raw_purged_at:%d.%m.%Y}"
        for a in by_version.get(v.id, []):
            token = "" if a.token_id is None else f"{a.token_id} {a.token_institution} ({a.token_label})"
            table.add_row(
                str(v.id), v.institution or "?", v.period or "?", state, f"{a.received_at:%d.%m.%Y %H:%M}",
                a.file_name, token,
            )  # fmt: skip
    out.print(table)


@ledger_app.command("purge-personal-data")
def ledger_purge_personal_data(
    days: Annotated[
        int | None,
        typer.Option(
            "--older-than-days",
            min=0,
            help="Purge what arrived more than this many days ago. Default: the configuration's personal_data_days "
            "(30).",
        ),
    ] = None,
    config: ConfigOption = None,
    as_json: JsonOption = False,
) -> None:
    """Purge now the content of reports refused for personal data; the record that they came in stays.

    The sync does the same at every run for what is older than the configured retention.
    """
    settings = _config(config)
    sync_settings = settings.sync if days is None else settings.sync.model_copy(update={"personal_data_days": days})
    ledger = _open_ledger(settings)
    try:
        purged = purge_personal_data(ledger, sync_settings, dt.datetime.now(dt.UTC))
    finally:
        ledger.close()
    if as_json:
        _print_json({"purged": purged, "older_than_days": sync_settings.personal_data_days})
        return
    if not purged:
        out.print(
            "Nothing to purge: no report refused for personal data is older than "
            f"{sync_settings.personal_data_days} days."
        )
        return
    out.print(
        f"Purged the content of {len(purged)} report version(s) refused for personal data "
        f"(ids {', '.join(map(str, purged))}); their records and masked issues stay in the ledger.",
        highlight=False,
    )


if __name__ == "__main__":
    main()
