"""`apmon template`: build report templates for institutions, as xlsx files or Google Sheets."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from apmon.cli import common
from apmon.cli.common import ConfigOption, InstitutionsOption, JsonOption, PlanOption, err, out

template_app = typer.Typer(help="Build report templates for institutions.", no_args_is_help=True)


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
    from rich.table import Table

    from apmon.schemas.calendar import WorkingCalendar
    from apmon.templates.build import layouts, write_google_templates, write_xlsx_templates
    from apmon.templates.google_api import GoogleConfigError, make_client
    from apmon.templates.layout import NoTasksError, reporting_institutions

    parsed = common.period(period, kind)
    language = common.lang(lang)
    if bool(institution) == all_institutions:
        raise common.fail("name institutions with --institution CODE, or use --all (not both)", 2)
    settings = common.config(config)
    loaded, registry = common.load_plan_and_registry(plan, institutions, settings)
    if all_institutions:
        codes = reporting_institutions(loaded, registry, parsed.kind)
    else:
        codes = [c.upper() for c in institution or []]
    unknown = [c for c in codes if c not in registry]
    if unknown:
        raise common.fail(
            f"unknown institution code(s): {', '.join(unknown)}; known codes: {', '.join(registry.codes)}", 2
        )
    calendar = WorkingCalendar(settings.deadlines)
    try:
        built = layouts(loaded, registry, codes, parsed, language, calendar)
    except NoTasksError as exc:
        raise common.fail(str(exc)) from exc
    failures: list[str] = []
    if google:
        folder_id = folder or settings.google.folder
        if not folder_id:
            raise common.fail(
                "--google needs the Drive folder: give --folder ID or set [google] folder in the config", 2
            )
        try:
            client = make_client(
                credentials or settings.google.credentials,
                settings.google.endpoints,
                settings.google.retry,
                timeout=settings.google.timeout,
                quota=settings.google.quota,
            )
        except GoogleConfigError as exc:
            raise common.fail(str(exc)) from exc
        accounts = {code: [*settings.google.accounts.get(code, []), *(share or [])] for code in codes}
        with common.progress(len(built), "Creating Google Sheets", quiet=as_json) as advance:
            results, failures = write_google_templates(client, built, folder_id, accounts, on_done=lambda _: advance())
    else:
        with common.progress(len(built), "Building templates", quiet=as_json) as advance:
            results = write_xlsx_templates(built, out_dir, on_done=lambda _: advance())
    if as_json:
        common.print_json({"templates": [r.model_dump(mode="json") for r in results], "failures": failures})
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
