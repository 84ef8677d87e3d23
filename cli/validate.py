"""`apmon validate` and `apmon rules`: check filled reports; list the validation rules."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.markup import escape

from apmon.cli import common
from apmon.cli.common import ConfigOption, InstitutionsOption, JsonOption, PlanOption, out, said

if TYPE_CHECKING:
    from apmon.schemas.text import Lang
    from apmon.templates.validation import Validation


def validate(
    files: Annotated[list[Path], typer.Argument(help="Report workbooks (.xlsx) to check, or folders of them.")],
    lang: Annotated[
        str | None,
        typer.Option(
            "--lang",
            help="Language of the messages: sr-Latn, sr-Cyrl or en. Default: the configuration's [sync] master_lang, "
            "else sr-Latn.",
        ),
    ] = None,
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
    from apmon.schemas.calendar import WorkingCalendar
    from apmon.templates.validation import validate_file

    settings, language = common.config_and_lang(config, lang)
    reports = _reports_in(files, language)
    loaded, registry = common.load_plan_and_registry(plan, institutions, settings, language)
    calendar = WorkingCalendar(settings.deadlines)
    history = []
    for earlier in previous or []:
        before = validate_file(earlier, loaded, registry, language, calendar=calendar)
        if before.report is None:
            reason = before.issues[0].message
            raise common.fail(said("validate.previous_unreadable", language, file=earlier, reason=reason), 2, language)
        history.append(before.report)
    results = []
    with common.progress(len(reports), said("validate.progress", language), quiet=as_json) as advance:
        for file, _ in reports:
            results.append(validate_file(file, loaded, registry, language, history=history, calendar=calendar))
            advance()
    # Each report's due date (its cover's) is worked out: said of a year whose holidays are not known, on stderr
    common.warn("\n".join(calendar.holidays_unknown(language)) or None)
    if as_json:
        common.print_json([r.model_dump(mode="json", exclude={"report"}) for r in results])
    else:
        for result, (_, shown) in zip(results, reports, strict=True):
            _show_validation(result, shown, language)
    raise typer.Exit(2 if any(not r.readable for r in results) else 1 if any(not r.valid for r in results) else 0)


def _reports_in(paths: list[Path], lang: Lang) -> list[tuple[Path, str]]:
    """The files given, a folder standing for every report file in it and its subfolders, as the sync reads one
    (a folder given as a file was said to be "a folder, not a file: send it again"); each with the name it is shown
    by: a file given by its name, one found in a folder by its path there, as the sync shows it (MUP/mart.xlsx)."""
    found: list[tuple[Path, str]] = []
    for path in paths:
        if not path.is_dir():
            found.append((path, path.name))
            continue
        from apmon.sync.sources import FolderSource

        source = FolderSource(path)
        inside = [(source.path_of(candidate), candidate.key) for candidate in source.scan()]
        if not inside:
            raise common.fail(said("validate.empty_folder", lang, folder=path), 2, lang)
        found += inside
    return found


def rules(
    markdown: Annotated[
        bool, typer.Option("--markdown", help="Print the catalogue as Markdown (docs/validation-rules.md).")
    ] = False,
    lang: Annotated[str, typer.Option("--lang", help="Language of the messages: sr-Latn, sr-Cyrl or en.")] = "sr-Latn",
) -> None:
    """List every validation rule: its code, severity, meaning and message."""
    from apmon.schemas.messages import RULES
    from apmon.templates.rule_docs import rule_catalogue_markdown

    if markdown:
        typer.echo(rule_catalogue_markdown())
        return
    from rich.table import Table  # loaded by the commands that show one: `apmon sync run` imports this module

    language = common.lang(lang)
    table = Table(title=said("rules.title", language, count=len(RULES)))
    for col in ("code", "severity", "message"):
        table.add_column(said(f"rules.col.{col}", language), overflow="fold")
    for rule in RULES.values():
        table.add_row(rule.code, said(f"issues.{rule.severity}", language), rule.message(language))
    common.print_table(table, language)


def _show_validation(result: Validation, shown: str, lang: Lang) -> None:
    from apmon.schemas.messages import counted, text_of
    from apmon.templates.sniff import shown_file_name

    # harmless and masked, as result.file is; and no markup ("MZ[/b].xlsx" stopped the command)
    name = escape(shown_file_name(shown, None))
    if not result.readable:
        out.print(f"[bold red]✗ {name}[/bold red]: {escape(result.issues[0].message)}", highlight=False)
        return
    kind = text_of(f"validate.kind.{result.kind}", lang) if result.kind else "?"
    what = f"{result.institution} {result.period} ({kind})" if result.institution else None
    what = what or text_of("validate.not_a_report", lang)
    if not result.issues:
        out.print(f"[bold green]✓ {name}[/bold green] {what}: {text_of('validate.ready', lang)}", highlight=False)
        return
    mark = "[bold green]✓" if result.valid else "[bold red]✗"
    counts = f"{counted(result.errors(), 'error', lang)}, {counted(result.warnings(), 'warning', lang)}"
    out.print(f"{mark} {name}[/] {what}: {counts}", highlight=False)
    from rich.table import Table

    table = Table(show_header=True, header_style="bold", show_lines=False)
    for key in ("issues.sheet_col", "issues.cell", "", "issues.message"):
        table.add_column(text_of(key, lang) if key else "", overflow="fold")
    order = {name: i for i, name in enumerate((result.report.sheet_names if result.report else {}).values())}
    for i in sorted(result.issues, key=lambda i: (order.get(i.sheet, -1), _cell_order(i.cell))):
        severity = text_of(f"issues.{i.severity}", lang)
        colour = "red" if i.severity == "error" else "yellow"
        table.add_row(escape(i.sheet), escape(i.cell), f"[{colour}]{severity}[/{colour}]", escape(i.message))
    common.print_table(table, lang)


def _cell_order(cell: str) -> tuple[int, str]:
    digits = "".join(ch for ch in cell if ch.isdigit())
    return (int(digits) if digits else 0, cell)
