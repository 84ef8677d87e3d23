"""`apmon plan`: inspect and check Action Plan files."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from apmon.cli import common
from apmon.cli.common import ConfigOption, InstitutionsOption, JsonOption, PlanOption, err, out

if TYPE_CHECKING:
    from apmon.schemas.plan_summary import PlanSummary

plan_app = typer.Typer(help="Inspect and check Action Plan files.", no_args_is_help=True)


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
    from apmon.schemas.plan_summary import summarize
    from apmon.sync.service import plan_and_registry
    from apmon.templates.plan_file import DataFileError

    settings = common.config(config)
    plan_path = plan or settings.plan
    shown = str(plan_path or "the shipped Action Plan 2017-2018")
    try:
        loaded, registry = plan_and_registry(settings, plan, institutions)
    except DataFileError as exc:
        if as_json:
            common.print_json(
                {"file": shown, "valid": False, "errors": [e.model_dump() for e in exc.errors], "summary": None}
            )
        else:
            err.print(f"Error: {shown} is not a valid plan ({len(exc.errors)} problem(s)):", markup=False)
            for problem in exc.errors:
                err.print(f"  {problem}", markup=False, highlight=False)
        raise typer.Exit(1) from exc
    summary = summarize(loaded)
    if as_json:
        common.print_json({"file": shown, "valid": True, "errors": [], "summary": summary.model_dump(mode="json")})
        return
    _show_summary(shown, summary, {i.code: i for i in registry.institutions})


def _show_summary(file: str, s: PlanSummary, names: dict[str, Any]) -> None:
    from rich.table import Table

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


texts_app = typer.Typer(
    help="The plan's texts in a workbook, for a translator or the Coordinator to correct in Excel.",
    no_args_is_help=True,
)
plan_app.add_typer(texts_app, name="texts")
LangOption = Annotated[
    str, typer.Option("--lang", help="Language of the messages and headers: sr-Latn, sr-Cyrl or en.")
]


@texts_app.command("export")
def texts_export(
    file: Annotated[Path, typer.Argument(help="The workbook to write (.xlsx).")],
    lang: LangOption = "sr-Latn",
    plan: PlanOption = None,
    institutions: InstitutionsOption = None,
    config: ConfigOption = None,
) -> None:
    """Write one row per plan text: id, kind, English (locked), Serbian and official wording (to correct)."""
    from apmon.templates.plan_texts import IMPORT_COMMAND, export_texts, say

    language = common.lang(lang)
    settings = common.config(config)
    loaded, _ = common.load_plan_and_registry(plan, institutions, settings)
    try:
        count = export_texts(loaded, file, language)
    except OSError as exc:
        raise common.fail(f"{file}: {exc.strerror or exc}") from exc
    shown = say("texts-exported", language, plan=loaded.id, file=file, count=count, command=IMPORT_COMMAND)
    out.print(shown, markup=False, highlight=False)


@texts_app.command("import")
def texts_import(
    file: Annotated[Path, typer.Argument(help="A workbook written by `apmon plan texts export`, corrected.")],
    lang: LangOption = "sr-Latn",
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
    settings = common.config(config)
    try:
        base = load_plan(plan or settings.plan, load_registry(institutions or settings.institutions))
    except DataFileError as exc:
        raise common.plan_error(exc) from exc
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
        raise common.plan_error(exc) from exc
    except OSError as exc:
        raise common.fail(f"{saved}: {exc.strerror or exc}") from exc
    shown = say("texts-imported", language, file=file, changed=done.changed, official=done.official, saved=saved)
    out.print(shown, markup=False, highlight=False)
