"""`apmon report minister|council|annual|public`: the Coordinator's reports from the ledger, as PDF and xlsx."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from apmon.cli import common
from apmon.cli.common import ConfigOption, JsonOption, fail, out

if TYPE_CHECKING:
    from apmon.schemas.institutions import InstitutionRegistry
    from apmon.schemas.plan import Plan
    from apmon.schemas.text import Lang
    from apmon.sync.config import Config
    from apmon.sync.ledger import Ledger
    from apmon.sync.reports import Issued

report_app = typer.Typer(
    help="The Coordinator's reports: the Minister's monthly brief, the report to the Council, the annual "
    "evaluation and the published annual report (PDF and xlsx).",
    no_args_is_help=True,
    rich_markup_mode=None,
)

# The shared rule (common.config_and_lang), and the report's language too.
LangOption = Annotated[
    str | None,
    typer.Option(
        "--lang",
        help="Language of the report and of what is printed: sr-Latn, sr-Cyrl or en. Default: the configuration's "
        "[sync] master_lang, else sr-Latn.",
    ),
]
AsOfOption = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        help="Make the report again from the versions known then (YYYY-MM-DDTHH:MM, Belgrade time unless a zone "
        "is given): a report issued before is reproduced exactly. Not recorded as issued.",
    ),
]
OutOption = Annotated[
    Path | None,
    typer.Option("--out", help="Folder for the PDF and xlsx. Default: coordinator-reports/ beside the master."),
]
DraftOption = Annotated[bool, typer.Option("--draft", help="Do not record the report as issued in the ledger.")]


def _as_of(text: str | None, lang: Lang = "sr-Latn") -> dt.datetime | None:
    from apmon.schemas.calendar import BELGRADE

    if text is None:
        return None
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError as exc:
        raise fail(common.not_a_day("--as-of", text, lang, "report_cli.not_a_moment"), 2, lang) from exc
    common.kept_day(moment.date(), "--as-of", text, lang)
    return (moment if moment.tzinfo else moment.replace(tzinfo=BELGRADE)).astimezone(dt.UTC)


def _issue(
    settings: Config,
    make: Callable[[Config, Plan, InstitutionRegistry, Ledger], Issued],
    typed: Callable[[Config, Plan], None],
    lang: Lang = "sr-Latn",
) -> Issued:
    """`make` a report from the configured plan and ledger, what was `typed` checked against the plan before the
    ledger is opened (a refusal makes none); one that cannot be made is one Error line in `lang`."""
    from apmon.sync.ledger import LedgerError
    from apmon.sync.reports import ReportError, ReportUsageError

    plan, registry = common.load_plan_and_registry(None, None, settings, lang)
    try:
        typed(settings, plan)
        with common.ledger_open(settings, lang) as ledger:
            warning = common.empty_ledger_warning(ledger, "report_cli.empty_ledger", lang)
            issued = make(settings, plan, registry, ledger)
    except (ReportError, LedgerError) as exc:  # 2 for what was typed wrong, as click's
        raise fail(exc.said(lang), 2 if isinstance(exc, ReportUsageError) else 1, lang) from exc
    except OSError as exc:  # --out names a file, or a folder that cannot be written
        reason = common.os_reason(exc, lang)
        shown = common.said("cli.cannot_write", lang, path=exc.filename, reason=reason, option="--out")
        raise fail(shown, lang=lang) from exc
    common.warn(warning)
    common.warn("\n".join(issued.holidays_unknown) or None)  # a warning, so on stderr, with --json too
    return issued


def _show(issued: Issued, as_json: bool, lang: Lang = "sr-Latn") -> None:
    from apmon.schemas.messages import issuer_said
    from apmon.sync.report_format import moment

    if as_json:
        common.print_json(issued)
        return
    for path in issued.files:
        out.print(common.said("report_cli.written", lang, path=path), markup=False, highlight=False)
    basis = issued.basis
    cut_off = moment(basis.cut_off, lang)
    if issued.recorded:
        by = issuer_said(issued.issued_by, lang) if issued.issued_by else "?"
        recorded = common.said("report_cli.recorded", lang, by=by)
    else:
        recorded = common.said("report_cli.not_recorded", lang)
    shown = common.said(
        "report_cli.basis", lang, run=basis.run_id or "-", cut_off=cut_off, pages=issued.pages, recorded=recorded
    )
    out.print(shown, markup=False, highlight=False)


@report_app.command("minister")
def minister(
    period: Annotated[str, typer.Option("--period", help="The month of the brief, YYYY-MM.")],
    lang: LangOption = None,
    as_of: AsOfOption = None,
    out_dir: OutOption = None,
    draft: DraftOption = False,
    config: ConfigOption = None,
    as_json: JsonOption = False,
) -> None:
    """The monthly brief for the Minister of the Interior (seed 10.2), two A4 pages at most: who reported, tasks
    completed, overdue and delayed, problems and risks, budget executed against planned, indicators that
    changed, and what changed since the previous brief."""
    from apmon.sync.reports import make_minister_brief, minister_typed

    settings, language = common.config_and_lang(config, lang)
    month = common.period(period, "monthly", language)
    cut_off = _as_of(as_of, language)
    make = partial(make_minister_brief, month=month, lang=language, out=out_dir, as_of=cut_off, record=not draft)
    _show(_issue(settings, make, partial(minister_typed, month=month), language), as_json, language)


@report_app.command("council")
def council(
    to: Annotated[str, typer.Option("--to", help="The last month of the span, YYYY-MM.")],
    first: Annotated[
        str | None,
        typer.Option(
            "--from", help="The first month, YYYY-MM. Default: the month after the last Council report issued."
        ),
    ] = None,
    lang: LangOption = None,
    as_of: AsOfOption = None,
    out_dir: OutOption = None,
    draft: DraftOption = False,
    config: ConfigOption = None,
    as_json: JsonOption = False,
) -> None:
    """The report to the Council (seed 10.1-10.2, at least every 60 days): progress by objective and activity,
    problems for the Council's decision, resources needed, reporting discipline. Says so plainly when more than 60
    days passed since the previous Council report was issued (for the first, since monitoring started)."""
    from apmon.sync.report_content import COUNCIL_MAX_DAYS
    from apmon.sync.reports import council_typed, make_council_report

    settings, language = common.config_and_lang(config, lang)
    last = common.period(to, "monthly", language)
    start = common.period(first, "monthly", language) if first else None
    cut_off = _as_of(as_of, language)
    make = partial(
        make_council_report, last=last, first=start, lang=language, out=out_dir, as_of=cut_off, record=not draft
    )
    issued = _issue(settings, make, partial(council_typed, last=last, first=start), language)
    if issued.gap is not None and issued.exceeds and not as_json:
        from apmon.sync.report_format import gap_words

        fields = gap_words(issued.gap, language) | {"most": COUNCIL_MAX_DAYS}
        key = "report_cli.council_gap_from_start" if issued.gap.from_start else "report_cli.council_gap"
        common.err.print(common.said(key, language, **fields), markup=False, highlight=False)
    _show(issued, as_json, language)


@report_app.command("annual")
def annual(
    year: Annotated[int, typer.Option("--year", help="The year evaluated, YYYY.")],
    lang: LangOption = None,
    as_of: AsOfOption = None,
    out_dir: OutOption = None,
    draft: DraftOption = False,
    config: ConfigOption = None,
    as_json: JsonOption = False,
) -> None:
    """The annual evaluation (seed 10.3-10.4): for every activity a proposed assessment (completed, partially
    completed, not completed) with its reasoning, and the Coordinator's decision; comments of the Working Group
    and civil society; degree of implementation by objective; budget executed against planned with the section 11
    totals; problems and challenges; corrective measures proposed."""
    from apmon.sync.reports import make_annual_evaluation, year_typed

    settings, language = common.config_and_lang(config, lang)
    cut_off = _as_of(as_of, language)
    make = partial(make_annual_evaluation, year=year, lang=language, out=out_dir, as_of=cut_off, record=not draft)
    issued = _issue(settings, make, lambda _, plan: year_typed(plan, year), language)
    _warn_not_yet_due(issued, year, as_json, language)
    _show(issued, as_json, language)


def _warn_not_yet_due(issued: Issued, year: int, as_json: bool, lang: Lang) -> None:
    """The annual evaluation or published report made before the year's annual reports are due: provisional."""
    if issued.annual_due is None or issued.cut_day is None or as_json:
        return
    from apmon.sync.report_format import date

    fields = {"year": year, "due": date(issued.annual_due, lang), "cut": date(issued.cut_day, lang)}
    missing = {"missing": issued.annual_missing, "total": issued.annual_owed}
    warning = common.said("report_cli.annual_not_yet_due", lang, **fields, **missing)
    common.err.print(warning, markup=False, highlight=False)


@report_app.command("public")
def public(
    year: Annotated[int, typer.Option("--year", help="The year reported on, YYYY.")],
    final: Annotated[
        bool,
        typer.Option(
            "--final",
            help="The final report of the Strategy period (its last year only): adds the Coordinator's conclusions, "
            "recommendations, lessons learnt and best practices.",
        ),
    ] = False,
    texts: Annotated[
        Path | None,
        typer.Option(
            "--texts",
            help="With --final: an xlsx whose sheet Zaključci (or its only sheet) holds the texts, the kind in "
            "column A and the text in column B. Default: the master workbook's Zaključci sheet; with --as-of, the "
            "texts of the final report issued by then.",
        ),
    ] = None,
    lang: LangOption = None,
    as_of: AsOfOption = None,
    out_dir: OutOption = None,
    draft: DraftOption = False,
    config: ConfigOption = None,
    as_json: JsonOption = False,
) -> None:
    """The annual report for publication (seed 10.4): the year's evaluation without the internal details (who
    reported late, the Coordinator's deliberation): degree of implementation of the objectives and activities,
    budget executed against planned, problems and challenges, corrective measures. With --final, the final report
    of the Strategy period."""
    from apmon.sync.reports import make_public_report, public_typed

    settings, language = common.config_and_lang(config, lang)
    cut_off = _as_of(as_of, language)
    make = partial(
        make_public_report,
        year=year,
        final=final,
        texts=texts,
        lang=language,
        out=out_dir,
        as_of=cut_off,
        record=not draft,
    )
    issued = _issue(settings, make, lambda _, plan: public_typed(plan, year, final, texts), language)
    _warn_not_yet_due(issued, year, as_json, language)
    _show(issued, as_json, language)
