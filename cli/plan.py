"""`apmon plan`: inspect and check Action Plan files."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from apmon.cli import common
from apmon.cli.common import ConfigOption, InstitutionsOption, JsonOption, LangOption, PlanOption, err, out, said

if TYPE_CHECKING:
    from apmon.schemas.plan_summary import PlanSummary
    from apmon.schemas.text import Lang

plan_app = typer.Typer(help="Inspect and check Action Plan files.", no_args_is_help=True)


@plan_app.command("check")
def plan_check(
    plan: PlanOption = None,
    institutions: InstitutionsOption = None,
    config: ConfigOption = None,
    lang: LangOption = None,
    as_json: JsonOption = False,
) -> None:
    """Check a plan file and show what it holds, with a budget reconciliation against section 11.

    Exit 0 when the plan is valid (budget differences are findings, not errors),
    1 when the file has errors, each located by file, line and path.
    """
    from apmon.schemas.plan_summary import summarize
    from apmon.sync.service import plan_and_registry
    from apmon.templates.plan_file import DataFileError, places_outside_years

    settings, language = common.config_and_lang(config, lang)
    plan_path = plan or settings.plan
    shown = str(plan_path or "the shipped Action Plan 2017-2018")  # --json stays English
    if not as_json:
        shown = str(plan_path or said("plan.shipped", language))
    try:
        loaded, _ = plan_and_registry(settings, plan, institutions)
    except DataFileError as exc:
        if as_json:
            common.print_json(
                {"file": shown, "valid": False, "errors": [e.model_dump() for e in exc.errors], "summary": None}
            )
        else:
            # the file the problems are in: a copy of the registry edited after a reorganisation, not the plan
            registry_file = institutions or settings.institutions
            in_registry = registry_file is not None and {e.file for e in exc.errors} == {str(registry_file)}
            key, file = ("plan.invalid_registry", str(registry_file)) if in_registry else ("plan.invalid", shown)
            message = said(key, language, file=file, count=len(exc.errors))
            err.print(said("cli.error", language, message=message), markup=False)
            for problem in exc.errors:
                err.print(f"  {problem.said(language)}", markup=False, highlight=False)
        raise typer.Exit(1) from exc
    summary = summarize(loaded)
    outside = places_outside_years(plan_path) if summary.lines_outside_years else []
    if as_json:
        dumped = summary.model_dump(mode="json")
        common.print_json({"file": shown, "valid": True, "errors": [], "summary": dumped, "outside_years_at": outside})
        return
    _show_summary(shown, summary, language, outside)


def _show_summary(file: str, s: PlanSummary, lang: Lang, outside_at: list[str]) -> None:
    from rich.markup import escape
    from rich.table import Table

    out.print(said("plan.valid", lang, plan=f"[bold]{escape(s.plan)}[/bold]", file=escape(file)))
    counts = Table(title=said("plan.contents", lang), show_header=False)
    indicators = said("plan.indicators_counting", lang, count=s.indicators, counting=s.counting_indicators)
    for label, value in [
        ("objectives", s.objectives),
        ("activities", s.activities),
        ("tasks", s.tasks),
        ("indicators", indicators),
        ("budget_lines", s.budget_lines),
        ("institutions", f"{len(s.institutions_involved)}: {', '.join(s.institutions_involved)}"),
        ("doubtful", s.doubtful_notes),
    ]:
        counts.add_row(said(f"plan.{label}", lang), str(value))
    common.print_table(counts, lang)
    sources = Table(title=said("plan.by_source", lang))
    for col in ("source", "currency", "lines", "amount"):
        sources.add_column(said(f"plan.col.{col}", lang), justify="right" if col in ("lines", "amount") else "left")
    for row in s.budget_by_source:
        amount = _money(row.amount, lang) if row.currency else "-"
        sources.add_row(said(f"source.{row.source}", lang), row.currency or "-", str(row.lines), amount)
    common.print_table(sources, lang)
    recon = Table(title=said("plan.reconciliation", lang))
    for col in ("institution", "year", "lines", "tasks", "section_11", "difference", "status"):
        recon.add_column(said(f"plan.col.{col}", lang), justify="left" if col in ("institution", "status") else "right")
    for r in s.reconciliation:
        style = "green" if r.status == "matches" else "yellow"
        recon.add_row(
            f"{r.institution} ({', '.join(r.lines_of)})" if r.lines_of else r.institution,
            str(r.year),
            str(r.task_lines),
            _money(r.task_total, lang),
            "-" if r.section_11 is None else _money(r.section_11, lang),
            "-" if r.difference is None else _money(r.difference, lang, signed=True),
            f"[{style}]{said(f'plan.status.{r.status}', lang)}[/{style}]",
        )
    common.print_table(recon, lang)
    if s.state_budget_lines_without_year:
        out.print(said("plan.without_year", lang, count=s.state_budget_lines_without_year))
    if s.lines_outside_years:
        first, last = s.years
        out.print(said("plan.outside_years", lang, lines=", ".join(s.lines_outside_years), first=first, last=last))
        for place in outside_at:  # file:line (path), as the plan's errors are located
            out.print(f"  {place}", markup=False, highlight=False)


def _money(amount: Any, lang: Lang, signed: bool = False) -> str:
    """Grouped as the reader writes amounts (1.234.567,89 in Serbian, 1,234,567.89 in English); whole amounts
    without decimals."""
    sign = "+" if signed and amount > 0 else ""
    decimals = 0 if amount == amount.to_integral_value() else 2
    from apmon.schemas.messages import grouped

    return sign + grouped(amount, lang, decimals)


texts_app = typer.Typer(
    help="The plan's texts in a workbook, for a translator or the Coordinator to correct in Excel.",
    no_args_is_help=True,
)
plan_app.add_typer(texts_app, name="texts")
TextsLangOption = Annotated[
    str, typer.Option("--lang", help="Language of the messages and headers: sr-Latn, sr-Cyrl or en.")
]


@texts_app.command("export")
def texts_export(
    file: Annotated[Path, typer.Argument(help="The workbook to write (.xlsx).")],
    lang: TextsLangOption = "sr-Latn",
    plan: PlanOption = None,
    institutions: InstitutionsOption = None,
    config: ConfigOption = None,
    overwrite: Annotated[
        bool,
        typer.Option(
            "--overwrite", help="Replace the workbook if it exists (corrections in it not yet imported are lost)."
        ),
    ] = False,
) -> None:
    """Write one row per plan text: id, kind, English (locked), Serbian and official wording (to correct)."""
    from apmon.templates.plan_texts import IMPORT_COMMAND, export_texts, say

    language = common.lang(lang)
    if file.exists() and not overwrite:  # a translator's corrections, perhaps a week's work, not yet imported
        raise common.fail(common.said("plan.texts_exist", language, file=file, option="--overwrite"), lang=language)
    settings = common.config(config, language)
    loaded, _ = common.load_plan_and_registry(plan, institutions, settings, language)
    try:
        count = export_texts(loaded, file, language)
    except OSError as exc:
        raise common.fail(f"{file}: {common.os_reason(exc, language)}", lang=language) from exc
    shown = say("texts-exported", language, plan=loaded.id, file=file, count=count, command=IMPORT_COMMAND)
    out.print(shown, markup=False, highlight=False)


@texts_app.command("import")
def texts_import(
    file: Annotated[Path, typer.Argument(help="A workbook written by `apmon plan texts export`, corrected.")],
    lang: TextsLangOption = "sr-Latn",
    plan: PlanOption = None,
    institutions: InstitutionsOption = None,
    config: ConfigOption = None,
) -> None:
    """Read the corrected Serbian texts back, all or nothing, into the data folder's plan texts file.

    Exit 0 when imported, 1 when refused (every problem by sheet and cell; nothing is changed).
    """
    from apmon.templates.plan_file import DataFileError, load_plan, load_registry, plan_texts_file
    from apmon.templates.plan_texts import TextsRefused, import_texts, say

    language = common.lang(lang)
    settings = common.config(config, language)
    try:
        base = load_plan(plan or settings.plan, load_registry(institutions or settings.institutions))
    except DataFileError as exc:
        raise common.plan_error(exc, language) from exc
    saved = plan_texts_file(settings.sync.data_dir, base.id)
    try:
        done = import_texts(file, base, saved)
    except TextsRefused as exc:
        messages = exc.messages(language)
        err.print(say("texts-refused", language, file=file, count=len(messages)), markup=False, highlight=False)
        for message in messages:
            err.print(f"  {message}", markup=False, highlight=False)
        raise typer.Exit(1) from exc
    except DataFileError as exc:  # the plan texts file itself is broken
        raise common.plan_error(exc, language) from exc
    except OSError as exc:
        raise common.fail(f"{saved}: {common.os_reason(exc, language)}", lang=language) from exc
    shown = say("texts-imported", language, file=file, changed=done.changed, official=done.official, saved=saved)
    out.print(shown, markup=False, highlight=False)
