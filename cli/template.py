"""`apmon template`: build report templates for institutions, as xlsx files or Google Sheets."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from apmon.cli import common
from apmon.cli.common import ConfigOption, InstitutionsOption, JsonOption, PlanOption, err, out

if TYPE_CHECKING:
    from rich.console import JustifyMethod

    from apmon.schemas.calendar import Period
    from apmon.schemas.institutions import Institution
    from apmon.schemas.text import Lang
    from apmon.templates.layout import WorkbookLayout

template_app = typer.Typer(help="Build report templates for institutions.", no_args_is_help=True)


@template_app.command("build")
def template_build(
    period: Annotated[str, typer.Option("--period", help="YYYY-MM for a monthly template, YYYY for an annual one.")],
    institution: Annotated[
        list[str] | None, typer.Option("--institution", "-i", help="Institution code (e.g. MUP); repeatable.")
    ] = None,
    all_institutions: Annotated[
        bool,
        typer.Option(
            "--all",
            help="Every institution that owes the report: for a month, the task holders, the Working Group members and "
            "the civil society representatives; for a year, the task holders. Not one whose reporting months "
            "(reports_from, reports_until in the registry) leave the period out.",
        ),
    ] = False,
    kind: Annotated[str | None, typer.Option("--kind", help="monthly or annual. Default: from the period.")] = None,
    lang: Annotated[
        str | None,
        typer.Option(
            "--lang",
            help="Template language, and the language of what is printed: sr-Latn (the templates' default), sr-Cyrl "
            "or en. What is printed is by default in the configuration's [sync] master_lang, else sr-Latn.",
        ),
    ] = None,
    out_dir: Annotated[Path, typer.Option("--out", help="Folder for the xlsx files.")] = Path("apmon-templates"),
    overwrite: Annotated[
        bool,
        typer.Option(
            "--overwrite",
            help="Also replace xlsx files that were changed after apmon built them (a filled report is lost).",
        ),
    ] = False,
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
    from apmon.schemas.paper import month_words
    from apmon.templates.build import TemplateNotMade, layouts, write_google_templates, write_xlsx_templates
    from apmon.templates.google_api import GoogleConfigError, make_client
    from apmon.templates.layout import NoTasksError, reporting_institutions

    settings, printed = common.config_and_lang(config, lang)  # --lang, else master_lang, else sr-Latn
    language = common.lang(lang) if lang else "sr-Latn"  # the templates' language

    def said(key: str, **fields: object) -> str:
        return common.said(key, printed, **fields)

    parsed = common.period(period, kind, printed)
    if bool(institution) == all_institutions:
        raise common.fail(said("template.which", institution="--institution", all="--all"), 2, printed)
    loaded, registry = common.load_plan_and_registry(plan, institutions, settings, printed)
    if parsed.last_day < loaded.start:  # a month before the plan: the earlier plan's templates serve it
        first, last = (month_words(m, printed, genitive=True) for m in loaded.month_span())  # "od januara 2017."
        period = month_words(str(parsed), printed)  # a year stays as it is; after "za" it is "2016. godinu"
        fields = {"period": period, "period_for": _period_said(parsed, printed), "plan": loaded.id, "first": first}
        fields |= {"last": last, "option": "--plan"}
        raise common.fail(said("template.outside_plan", **fields), 2, printed)
    if all_institutions:
        codes = reporting_institutions(loaded, registry, parsed.kind, parsed)
    else:
        codes = list(dict.fromkeys(c.strip().upper() for c in institution or []))  # " mup " pasted, or given twice
    unknown = [c for c in codes if c not in registry]
    if unknown:
        raise common.fail(
            said("template.unknown", codes=", ".join(unknown), known=", ".join(registry.codes)), 2, printed
        )
    # Named with --institution, as with --all, only for a period it reports for: else its report is shown, not counted.
    outside = [
        _not_reporting(registry.get(code), parsed, loaded.start, printed)
        for code in codes
        if not registry.get(code).reports_for(parsed.last_day)
    ]
    if outside:
        raise common.fail("\n".join(outside), 2, printed)
    calendar = WorkingCalendar(settings.deadlines)
    try:
        built = layouts(loaded, registry, codes, parsed, language, calendar)
    except NoTasksError as exc:
        raise common.fail(exc.said(printed), lang=printed) from exc
    due_year = calendar.due_date(parsed).due.year  # the covers' due date
    common.warn(common.holidays_unknown([due_year], printed, given=calendar.policy.extra_non_working_days))
    failures: list[TemplateNotMade] = []
    if google:
        folder_id = folder or settings.google.folder
        if not folder_id:
            raise common.fail(said("template.no_folder", google="--google", folder="--folder"), 2, printed)
        try:
            client = make_client(
                credentials or settings.google.credentials,
                settings.google.endpoints,
                settings.google.retry,
                timeout=settings.google.timeout,
                quota=settings.google.quota,
            )
        except GoogleConfigError as exc:
            raise common.fail(exc.said(printed), lang=printed) from exc
        accounts = {code: [*settings.google.accounts.get(code, []), *(share or [])] for code in codes}
        with common.progress(len(built), said("template.progress.google"), quiet=as_json) as advance:
            results, failures = write_google_templates(client, built, folder_id, accounts, on_done=lambda _: advance())
    else:
        kept = [] if overwrite else [layout for layout in built if _changed_since_built(_xlsx_target(layout, out_dir))]
        built = [layout for layout in built if layout not in kept]
        failures = [
            TemplateNotMade("template.kept", file=_xlsx_target(layout, out_dir), option="--overwrite")
            for layout in kept
        ]
        try:
            with common.progress(len(built), said("template.progress.xlsx"), quiet=as_json) as advance:
                results = write_xlsx_templates(built, out_dir, on_done=lambda _: advance())
        except OSError as exc:  # --out names a file, or a folder that cannot be written
            reason = common.os_reason(exc, printed)
            raise common.fail(
                said("cli.cannot_write", path=exc.filename or out_dir, reason=reason, option="--out"), lang=printed
            ) from exc
    if as_json:
        # --json stays English
        templates = [r.model_dump(mode="json") for r in results]
        common.print_json({"templates": templates, "failures": [str(f) for f in failures]})
        raise typer.Exit(1 if failures else 0)
    where = said("template.drive_folder", id=folder or settings.google.folder) if google else str(out_dir)
    kind_said = said(f"validate.kind.{parsed.kind}")
    period = _period_said(parsed, printed)  # april 2018. / April 2018; 2018. godinu / 2018
    title = said("template.title", count=len(results), kind=kind_said, period=period, language=language, where=where)
    table = Table(title=title)
    names = [r.target if google else Path(r.target).name for r in results]
    for col in ("institution", "tasks", "budget_lines", "indicators", "file"):
        # A narrow terminal folds a file's name onto more lines rather than cut it: the officer looks for it.
        justify: JustifyMethod = "left" if col in ("institution", "file") else "right"
        table.add_column(said(f"template.col.{col}"), justify=justify, overflow="fold")
    for r, name in zip(results, names, strict=True):
        table.add_row(
            r.institution,
            str(r.tasks),
            str(r.budget_lines),
            str(r.indicators),
            name,
        )
    common.print_table(table, printed)
    if google and results:
        script = Path(__file__).resolve().parents[1] / "addin" / "clients" / "apmon.gs"
        out.print(said("template.apps_script", script=script), highlight=False)
    for failure in failures:
        err.print(said("cli.error", message=failure.said(printed)), markup=False, highlight=False)
    if failures:
        raise typer.Exit(1)


def _period_said(period: Period, lang: Lang) -> str:
    """The period after "za" / "for": mart 2018. / March 2018 for a month, 2018. godinu / 2018 for a year."""
    from apmon.schemas.paper import month_words

    if period.month is None:
        return common.said("template.year", lang, year=period.year)
    return month_words(str(period), lang)


def _not_reporting(inst: Institution, period: Period, plan_start: dt.date, lang: Lang) -> str:
    """Why `inst` gets no template for `period`: the month it reports from, or until, said in words; for a year after
    its last, the last year's annual it owes (that of the year its last December falls in), or that it owes none of
    this plan (which begins on `plan_start`)."""
    from apmon.schemas.paper import month_words

    before = inst.reports_from is not None and str(period.last_day)[:7] < inst.reports_from
    bound, month = ("from", inst.reports_from) if before else ("until", inst.reports_until)
    fields = {"name": inst.name_on(period.last_day).in_sentence(first=True).said(lang), "institution": inst.code}
    fields |= {"period": _period_said(period, lang), "month": month_words(str(month), lang, genitive=True)}
    if bound == "until" and period.month is None:
        last = dt.date(int(str(month)[:4]) - (str(month)[5:] != "12"), 12, 31)  # its last December
        if last.year >= plan_start.year and inst.reports_for(last):
            last_said = common.said("template.year", lang, year=last.year)
            return common.said("template.not_reporting.until_annual", lang, **fields, last=last_said)
        return common.said("template.not_reporting.until_no_annual", lang, **fields)
    return common.said(f"template.not_reporting.{bound}", lang, **fields)


def _xlsx_target(layout: WorkbookLayout, out_dir: Path) -> Path:
    from apmon.schemas.calendar import Period
    from apmon.templates.build import template_file_name

    return out_dir / template_file_name(layout.meta.institution, Period.parse(layout.meta.period), layout.meta.lang)


def _changed_since_built(path: Path) -> bool:
    """Whether a file is in the way that apmon did not leave as it built it: saved since (Excel, LibreOffice and
    openpyxl all move the modified time and Excel names who saved it), or not a template at all. Such a file may be
    an institution's filled report, sent back under the template's name."""
    import zipfile
    from xml.etree import ElementTree

    if not path.exists():
        return False
    try:
        with zipfile.ZipFile(path) as archive:
            core = ElementTree.fromstring(archive.read("docProps/core.xml"))
    except (OSError, KeyError, zipfile.BadZipFile, ElementTree.ParseError):
        return True
    found = {element.tag.rpartition("}")[2]: (element.text or "").strip() for element in core}
    if found.get("creator") != "apmon" or found.get("lastModifiedBy"):
        return True
    try:
        saved = dt.datetime.fromisoformat(found["modified"]) - dt.datetime.fromisoformat(found["created"])
    except (KeyError, ValueError):
        return True
    # Both are kept to the second and stamped a moment apart as apmon saves: a second across a boundary.
    return not dt.timedelta(0) <= saved <= dt.timedelta(seconds=1)
