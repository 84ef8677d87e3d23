"""The Coordinator's reports from the ledger (the Minister's brief, the Council report, the annual evaluation and
its published form, the final report of the Strategy period):
read the versions known at the cut-off, compute the content (`report_content`, pure), write the PDF and xlsx
(`report_writer`), and record the report as issued."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection
from pathlib import Path
from typing import NamedTuple

from pydantic import BaseModel, ConfigDict

from apmon.schemas.calendar import DeadlinePolicy, Period, WorkingCalendar, month_before
from apmon.schemas.institutions import InstitutionRegistry
from apmon.schemas.messages import SYNC_ISSUER
from apmon.schemas.plan import Plan
from apmon.schemas.said import Phrase, SaidError
from apmon.schemas.text import Lang
from apmon.sync.config import REPORTS_FOLDER, Config, SyncSettings
from apmon.sync.consolidate import Submission
from apmon.sync.ledger import IssuedKind, IssuedReportRow, Ledger
from apmon.sync.report_content import (
    AnnualEvaluation,
    Basis,
    CouncilGap,
    CouncilReport,
    FinalText,
    MinisterBrief,
    PreviousCouncil,
    annual_evaluation_of,
    annual_not_yet_due,
    belgrade_day,
    council_report,
    council_span,
    minister_brief,
)
from apmon.sync.run import last_owed, master_cut_off, reports_held, reports_not_read, submissions
from apmon.templates.layout import reporting_institutions


class ReportError(SaidError):
    """A report cannot be made as asked (a span that ends before it starts); the message says what to do
    (`said(lang)`; str() English)."""


class ReportUsageError(ReportError):
    """A report asked for a month outside the months monitored (the plan's, `first_period` to `last_period`) or a year
    outside the plan: what was typed is wrong, the command's usage error (exit 2), as `template build` says a period
    outside the plan."""


class Issued(BaseModel):
    model_config = ConfigDict(frozen=True)

    kind: IssuedKind
    first: str
    last: str
    files: list[Path]
    pages: int
    basis: Basis
    recorded: bool  # recorded in the ledger as issued
    issued_by: str | None = None  # the name it was recorded under; None when not recorded
    days: int | None = None  # the Council report's span in days
    gap: CouncilGap | None = None  # ... the days since the previous Council report was issued
    exceeds: bool = False  # ... more than 60 of them
    annual_due: dt.date | None = None  # the annual evaluation's: its annual reports' due date, not passed yet
    annual_missing: int = 0  # ... how many of them are not in
    annual_owed: int = 0  # ... of how many owed
    cut_day: dt.date | None = None  # ... and the cut-off's day in Belgrade
    holidays_unknown: list[str] = []  # the warnings of the years it counts working days in whose holidays are not known


def default_lang(settings: Config) -> Lang:
    """The master's language when the configuration names one, else Serbian Latin."""
    return settings.sync.master_lang if "master_lang" in settings.sync.model_fields_set else "sr-Latn"


def default_folder(settings: Config) -> Path:
    return settings.sync.master_path().parent / REPORTS_FOLDER


def basis(
    ledger: Ledger,
    cut_off: dt.datetime,
    reproduced: bool,
    runs_by: dt.datetime | None = None,
    by_submission: bool = False,
) -> Basis:
    """The last sync run finished by the cut-off (by `runs_by` when given), and the cut-off. Finished, not started:
    one still running then had not finished reading, so its results are not what the report is made from (the rule
    `Ledger.reports_not_read(by=...)` takes too)."""
    by = runs_by or cut_off
    runs = [r for r in ledger.runs() if r.finished_at is not None and r.finished_at <= by]
    last = max(runs, key=lambda r: r.id, default=None)
    return Basis(
        run_id=last.id if last else None,
        run_finished_at=last.finished_at if last else None,
        cut_off=cut_off,
        reproduced=reproduced,
        by_submission=by_submission,
    )


class Cut(NamedTuple):
    """What a report is made from. `at`: its cut-off, the moment it is of (its date, the deadlines passed and the
    Council's days are counted to it); `known_by`: the ledger as it stood then (versions received, sync runs,
    decisions, task statuses); `sent_before`: only the versions submitted before it (a configured day)."""

    at: dt.datetime
    known_by: dt.datetime
    sent_before: dt.datetime | None = None
    reproduced: bool = False

    def basis(self, ledger: Ledger) -> Basis:
        return basis(ledger, self.at, self.reproduced, self.known_by, by_submission=self.sent_before is not None)

    def submissions(self, ledger: Ledger) -> tuple[list[Submission], list[Submission]]:
        return submissions(ledger, as_of=self.known_by, sent_before=self.sent_before)

    def not_read(self, ledger: Ledger, settings: SyncSettings) -> set[tuple[str, str]]:
        """The reports whose file the last sync saw but could not read, shown so as the master shows them, not as
        missing (of the sources configured now: `run.reports_not_read`); for a report made again (`--as-of`), those
        of the last sync by the ledger it is made from, as the report issued then showed them, whatever apmon.toml
        says now (a source in that run's list was configured when it ran)."""
        return ledger.reports_not_read(by=self.known_by) if self.reproduced else reports_not_read(ledger, settings)


def report_cut(settings: Config, as_of: dt.datetime | None, now: Callable[[], dt.datetime]) -> Cut:
    """`--as-of` makes a report again from the versions known then. Else a configuration's `[sync] as_of` (the
    demo's 31 January 2019) is the day the report is of, as the master is: the end of that day, with the versions
    submitted by then, though the ledger read them later (the demo's were read today); the ledger's own records
    (runs, decisions, task statuses) as they stand now. Else now."""
    if as_of is not None:
        return Cut(as_of, as_of, reproduced=True)
    day = settings.sync.as_of
    if day is not None:
        sent_before = master_cut_off(day)
        assert sent_before is not None
        return Cut(sent_before - dt.timedelta(microseconds=1), now(), sent_before)
    moment = now()
    return Cut(moment, moment)


def _previous_cut(settings: Config, row: IssuedReportRow, this: Cut) -> Cut:
    """The cut of a report issued before, to make it again: as this one's, from the versions it knew."""
    if this.sent_before is not None:  # issued for a configured day: of that day, with the ledger it was made from
        return Cut(row.cut_off, row.issued_at, master_cut_off(belgrade_day(row.cut_off)), reproduced=True)
    return Cut(row.cut_off, row.cut_off, reproduced=True)


def _last_issued(ledger: Ledger, kind: IssuedKind, before: str, cut_off: dt.datetime) -> IssuedReportRow | None:
    """The last report of `kind` issued by `cut_off` whose span ended before the month `before`."""
    found = [r for r in ledger.issued(kind) if r.last_period < before and r.cut_off <= cut_off]
    return found[-1] if found else None


def make_minister_brief(
    settings: Config,
    plan: Plan,
    registry: InstitutionRegistry,
    ledger: Ledger,
    month: Period,
    *,
    lang: Lang,
    out: Path | None = None,
    as_of: dt.datetime | None = None,
    now: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.UTC),
    record: bool = True,
    by: str | None = None,
) -> Issued:
    """The Minister's brief for `month` from the versions known at `as_of` (default: now). The previous brief
    (for the month before, as issued) is made again from its own cut-off for what changed since. `by`: the name it
    is recorded as issued under (default: `[reports] coordinator`, else the user name)."""
    minister_typed(settings, plan, month)
    cut = report_cut(settings, as_of, now)
    cut_off = cut.at
    previous = _last_issued(ledger, "minister", str(month), cut_off)
    then: tuple[MinisterBrief, list[Submission]] | None = None
    if previous is not None and previous.last_period == str(month_before(month)):
        then = _brief(settings, plan, registry, ledger, month_before(month), _previous_cut(settings, previous, cut))
    brief, _ = _brief(settings, plan, registry, ledger, month, cut, then)
    from apmon.sync.report_writer import write_minister_brief  # WeasyPrint and matplotlib: loaded when a report is made

    files, pages = write_minister_brief(brief, plan, registry, lang, out or default_folder(settings), cut_off)
    by = by or settings.reports.coordinator_name()
    issued = _issued(ledger, "minister", str(month), str(month), files, pages, brief.basis, lang, now, record, by)
    return issued.model_copy(update={"holidays_unknown": _holidays_unknown(settings, month, lang)})


def minister_typed(settings: Config, plan: Plan, month: Period) -> None:
    """The brief's month checked against the plan and the configuration alone (a command checks it before it opens
    the ledger: a refusal makes none); refused (ReportError) for a year or a month not monitored."""
    if month.month is None:
        raise ReportError("report_error.monthly", option="--period", value=month)
    _check_monitored(settings, plan, month, "--period")


def _brief(
    settings: Config,
    plan: Plan,
    registry: InstitutionRegistry,
    ledger: Ledger,
    month: Period,
    cut: Cut,
    previous: tuple[MinisterBrief, list[Submission]] | None = None,
) -> tuple[MinisterBrief, list[Submission]]:
    """The brief for `month` and the accepted versions it counted; `previous`: the same of the brief before it."""
    made_from = cut.basis(ledger)
    accepted, latest = cut.submissions(ledger)
    recorded = ledger.task_status_records(as_of=cut.known_by)
    then, counted_before = previous if previous is not None else (None, [])
    started = monitoring_start(settings, plan)
    brief = minister_brief(
        plan, registry, accepted, latest, month, made_from, _policy(settings), then, recorded, counted_before,
        cut.not_read(ledger, settings.sync), monitored_from=Period(year=started.year, month=started.month),
    )  # fmt: skip
    return brief, accepted


def make_council_report(
    settings: Config,
    plan: Plan,
    registry: InstitutionRegistry,
    ledger: Ledger,
    last: Period,
    *,
    first: Period | None = None,
    lang: Lang,
    out: Path | None = None,
    as_of: dt.datetime | None = None,
    now: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.UTC),
    record: bool = True,
) -> Issued:
    """The report to the Council for the months up to `last`: from `first`, else from the month after the last
    Council report issued, else from the first month monitored."""
    council_typed(settings, plan, last, first)
    cut = report_cut(settings, as_of, now)
    cut_off = cut.at
    previous = _last_issued(ledger, "council", str(last), cut_off)
    start = council_span(
        last,
        first,
        Period.parse(previous.last_period) if previous else None,
        Period.parse(settings.sync.first_period),
    )
    plan_start = Period(year=plan.start.year, month=plan.start.month)
    if first is None and (start.year, start.month or 0) < (plan_start.year, plan_start.month):
        start = plan_start  # the first report of a new plan: the months before it are the earlier plan's to report
    if (start.year, start.month or 0) > (last.year, last.month):
        start_in = _month_in_words(start, "locative")  # "u martu 2018.": the locative after "u"
        raise ReportError("report_error.span", start=start_in, to="--to", last=last, first="--from")
    accepted, latest = cut.submissions(ledger)
    made_from = cut.basis(ledger)
    earlier = (
        PreviousCouncil(issued_at=previous.issued_at, first=previous.first_period, last=previous.last_period)
        if (previous)
        else None
    )
    recorded = ledger.task_status_records(as_of=cut.known_by)
    # The Council was last informed by the last report issued before this cut-off, whatever its span (one made
    # again --as-of its own cut-off does not count itself). One issued for a configured day was of that day. One of
    # this span issued before this one on the same day is this report made again (the command run twice: its files
    # are written again): it replaces that one, which informed the Council of nothing this one does not, so the
    # days are counted as for it.
    issued_before = [
        (r.cut_off if cut.sent_before else r.issued_at, r)
        for r in ledger.issued("council")
        if (r.cut_off <= cut_off and r.issued_at < cut.known_by if cut.sent_before else r.issued_at < cut_off)
    ]

    same_span, same_day = (str(start), str(last)), belgrade_day(cut_off)

    def made_again(when: dt.datetime, r: IssuedReportRow) -> bool:  # by record: a configured day's share a moment
        return (r.first_period, r.last_period) == same_span and belgrade_day(when) == same_day

    replaced = [when for when, r in issued_before if made_again(when, r)]
    informed = max((when for when, r in issued_before if not made_again(when, r)), default=None)
    report: CouncilReport = council_report(
        plan, registry, accepted, latest, start, last, made_from, _policy(settings), earlier, recorded, informed,
        monitoring_start(settings, plan), cut.not_read(ledger, settings.sync),
        replaces=belgrade_day(max(replaced)) if replaced else None,
    )  # fmt: skip
    from apmon.sync.report_writer import write_council_report  # as above

    files, pages = write_council_report(report, plan, registry, lang, out or default_folder(settings), cut_off)
    by = settings.reports.coordinator_name()
    issued = _issued(ledger, "council", str(start), str(last), files, pages, made_from, lang, now, record, by)
    return issued.model_copy(update={"days": report.days, "gap": report.gap, "exceeds": report.exceeds})


def council_typed(settings: Config, plan: Plan, last: Period, first: Period | None) -> None:
    """The Council report's months checked as `minister_typed` checks the brief's."""
    if last.month is None or (first is not None and first.month is None):
        raise ReportError("report_error.council_months", to="--to", first="--from")
    if first is not None:
        _check_monitored(settings, plan, first, "--from")
    _check_monitored(settings, plan, last, "--to")


def make_annual_evaluation(
    settings: Config,
    plan: Plan,
    registry: InstitutionRegistry,
    ledger: Ledger,
    year: int,
    *,
    lang: Lang,
    out: Path | None = None,
    as_of: dt.datetime | None = None,
    now: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.UTC),
    record: bool = True,
) -> Issued:
    """The annual evaluation of `year` (seed 10.3) from the versions, decisions and comments known at `as_of`
    (default: now): each activity's proposed assessment and the Coordinator's decision on it."""
    year_typed(plan, year)
    cut = report_cut(settings, as_of, now)
    evaluation, cut_off, made_from = _evaluation(plan, registry, ledger, year, cut)
    evaluation = evaluation.model_copy(update={"annual_due": _not_yet_due(settings, year, cut.at)})
    from apmon.sync.report_writer import write_annual_evaluation  # as above

    files, pages = write_annual_evaluation(evaluation, plan, registry, lang, out or default_folder(settings), cut_off)
    by = settings.reports.coordinator_name()
    issued = _issued(ledger, "annual", str(year), str(year), files, pages, made_from, lang, now, record, by)
    unknown = _holidays_unknown(settings, Period(year=year), lang)
    return issued.model_copy(update=_annual_said(plan, registry, evaluation, cut) | {"holidays_unknown": unknown})


def _annual_said(
    plan: Plan, registry: InstitutionRegistry, evaluation: AnnualEvaluation, cut: Cut
) -> dict[str, object]:
    """What the command warns of when the year's annual reports are not due yet (`Issued.annual_due`)."""
    owed = reporting_institutions(plan, registry, "annual", Period(year=evaluation.year))
    missing = len([code for code in owed if code not in evaluation.annual_reports])
    return {
        "annual_due": evaluation.annual_due,
        "annual_missing": missing,
        "annual_owed": len(owed),
        "cut_day": belgrade_day(cut.at),
    }


def _holidays_unknown(settings: Config, period: Period, lang: Lang) -> list[str]:
    """schemas.calendar.holidays_unknown of the year a report counts working days in: where its period's reports are
    due (the brief's month's; the annual reports' 15 February, moved to a working day). The Council report counts
    calendar days only."""
    calendar = WorkingCalendar(settings.deadlines)
    calendar.due_date(period)
    return calendar.holidays_unknown(lang)


def _not_yet_due(settings: Config, year: int, cut_off: dt.datetime) -> dt.date | None:
    """`annual_not_yet_due` as of the cut-off's day in Belgrade."""
    return annual_not_yet_due(settings.deadlines, year, belgrade_day(cut_off))


def monitoring_start(settings: Config, plan: Plan) -> dt.date:
    """The first day monitored: first_period's first day, or the plan's start when first_period is before it."""
    return max(Period.parse(settings.sync.first_period).first_day, plan.start)


def _check_monitored(settings: Config, plan: Plan, month: Period, option: str) -> None:
    """A month before the first one monitored (the configuration's first_period, and never before the plan's start)
    or after the last owed (`last_owed`: last_period, else the plan's last month) owed no report: a brief on it
    would count every institution as missing."""
    configured, started = Period.parse(settings.sync.first_period), plan.start
    first = max((configured.year, configured.month or 1), (started.year, started.month))
    # the month asked for in words ("za mart 2016."); the months to type as the option takes them
    asked = _month_in_words(month)
    if (month.year, month.month or 1) < first:
        shown = Period(year=first[0], month=first[1])
        first_in = _month_in_words(shown, "locative")  # "u septembru 2017.": the option's value stays YYYY-MM
        raise ReportUsageError(
            "report_error.before_first",
            first=shown,
            first_in=first_in,
            month=asked,
            option=option,
            setting="first_period",
        )
    last, reason = last_owed(settings.sync, plan)
    if (month.year, month.month or 12) > (last.year, last.month or 12):
        key = "report_error.after_last_period" if reason == "last_period" else "report_error.after_last"
        raise ReportUsageError(
            key, plan=plan.id, last=last, last_in=_month_in_words(last, "locative"), month=asked, option=option
        )


def _month_in_words(month: Period, case: str = "") -> Phrase | Period:
    """A month as the reader names it (mart 2018.; `case` "locative": martu 2018.), said in the error's language;
    a year as it is."""
    if not month.month:
        return month
    name = f"month.{case}.{month.month}" if case else f"month.{month.month}"
    return Phrase("month.of_year", month=Phrase(name), year=month.year)


def year_typed(plan: Plan, year: int) -> None:
    """An annual report's year checked against the plan alone, as `minister_typed` checks a month."""
    if not plan.start.year <= year <= plan.end.year:
        raise ReportUsageError("report_error.year", year=year, plan=plan.id, first=plan.start.year, last=plan.end.year)


def _evaluation(
    plan: Plan,
    registry: InstitutionRegistry,
    ledger: Ledger,
    year: int,
    cut: Cut,
) -> tuple[AnnualEvaluation, dt.datetime, Basis]:
    """The evaluation of `year` from the versions, decisions and comments known at the cut-off (`report_cut`),
    with the cut-off and what it was made from: the annual evaluation and its published form alike."""
    from apmon.sync.evaluation import records

    accepted, _ = cut.submissions(ledger)
    made_from = cut.basis(ledger)
    decided, said = records(ledger, year, cut.known_by)
    recorded = ledger.task_status_records(as_of=cut.known_by)
    evaluation = annual_evaluation_of(plan, registry, accepted, year, made_from, decided, said, recorded)
    return evaluation, cut.at, made_from


def public_typed(plan: Plan, year: int, final: bool, texts: Path | None) -> None:
    """The published report's year and options checked against the plan alone, as `minister_typed` checks a month."""
    year_typed(plan, year)
    if final and year != plan.end.year:
        raise ReportError("report.final.not_last", year=year, last=plan.end.year)
    if texts is not None and not final:
        raise ReportError("report.texts.without_final")


def make_public_report(
    settings: Config,
    plan: Plan,
    registry: InstitutionRegistry,
    ledger: Ledger,
    year: int,
    *,
    final: bool = False,
    texts: Path | None = None,
    lang: Lang,
    out: Path | None = None,
    as_of: dt.datetime | None = None,
    now: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.UTC),
    record: bool = True,
) -> Issued:
    """The published annual report for `year` (seed 10.4): the annual evaluation's content known at `as_of`,
    shaped for publication. `final`: the final report of the Strategy period (its last year only), adding the
    Coordinator's texts read from `texts`, else from the master workbook's Conclusions sheet; made again `as_of` a
    final report issued by then, with the texts that report printed (the sheet may have changed since)."""
    public_typed(plan, year, final, texts)
    from apmon.sync.final_texts import TextsError, read_texts

    entered = _texts_printed(ledger, as_of) if final and as_of is not None and texts is None else None
    try:
        if final and entered is None:
            entered = read_texts(texts or settings.sync.master_path(), lang)
    except TextsError as exc:
        raise ReportError(exc.key, **exc.fields) from exc
    cut = report_cut(settings, as_of, now)
    evaluation, cut_off, made_from = _evaluation(plan, registry, ledger, year, cut)
    evaluation = evaluation.model_copy(update={"annual_due": _not_yet_due(settings, year, cut.at)})
    from apmon.sync.report_writer import write_public_report  # as above

    folder = out or default_folder(settings)
    files, pages = write_public_report(evaluation, plan, registry, lang, folder, cut_off, entered)
    first = str(plan.start.year) if final else str(year)
    kind: IssuedKind = "final" if final else "public"
    by = settings.reports.coordinator_name()
    issued = _issued(ledger, kind, first, str(year), files, pages, made_from, lang, now, record, by, entered)
    unknown = _holidays_unknown(settings, Period(year=year), lang)
    return issued.model_copy(update=_annual_said(plan, registry, evaluation, cut) | {"holidays_unknown": unknown})


def _texts_printed(ledger: Ledger, as_of: dt.datetime) -> list[FinalText] | None:
    """The texts of the last final report issued by `as_of`; None when none was (or it was issued before they were
    kept with it)."""
    issued = [r for r in ledger.issued("final") if r.cut_off <= as_of and r.texts is not None]
    return [FinalText.model_validate(text) for text in issued[-1].texts or []] if issued else None


def _issued(
    ledger: Ledger,
    kind: IssuedKind,
    first: str,
    last: str,
    files: list[Path],
    pages: int,
    made_from: Basis,
    lang: Lang,
    now: Callable[[], dt.datetime],
    record: bool,
    by: str,
    texts: list[FinalText] | None = None,
) -> Issued:
    # A report made again (--as-of) reproduces one issued before: it is not issued a second time.
    recorded = record and not made_from.reproduced
    if recorded:
        ledger.record_issued(
            kind=kind,
            first_period=first,
            last_period=last,
            issued_at=now(),
            cut_off=made_from.cut_off,
            run_id=made_from.run_id,
            lang=lang,
            files=[str(f) for f in files],
            texts=None if texts is None else [text.model_dump() for text in texts],
            issued_by=by,
        )
    return Issued(
        kind=kind,
        first=first,
        last=last,
        files=files,
        pages=pages,
        basis=made_from,
        recorded=recorded,
        issued_by=by if recorded else None,
    )


def _policy(settings: Config) -> DeadlinePolicy:
    return settings.deadlines


def brief_due(settings: Config, plan: Plan, ledger: Ledger, today: dt.date) -> Period | None:
    """The month whose brief the scheduled job issues today: the latest month whose reports' deadline passed
    `days_after_deadline` days ago or more, not before the first month monitored nor after the last, with no brief
    issued yet."""
    calendar = WorkingCalendar(settings.deadlines)
    month = Period(year=today.year, month=today.month)
    first, last = Period.parse(settings.sync.first_period), last_owed(settings.sync, plan).month
    for _ in range(2):  # the month before today's, else the one before it (its deadline may fall in today's)
        month = month_before(month)
        if (month.year, month.month or 0) < (first.year, first.month or 0):
            return None
        if (month.year, month.month or 0) > (last.year, last.month or 0):
            continue  # nobody owes this month a report; the plan's last month, before it, may still wait for its brief
        if calendar.due_date(month).due + dt.timedelta(days=settings.reports.days_after_deadline) <= today:
            issued = {r.last_period for r in ledger.issued("minister")}
            return None if str(month) in issued else month
    return None


def _not_read_of(
    month: Period, ledger: Ledger, settings: SyncSettings, not_read: Collection[tuple[str, str]]
) -> list[str]:
    """The institutions whose report of `month` the last sync saw but could not read (`not_read`, and what the
    ledger keeps: whichever step asks)."""
    held = {*not_read, *reports_held(ledger, settings)}  # not a file that could not be read: it may stay so for good
    return sorted({code for code, period in held if period == str(month)})


def brief_waiting(
    settings: Config, plan: Plan, ledger: Ledger, today: dt.date, not_read: Collection[tuple[str, str]] = ()
) -> tuple[Period, list[str]] | None:
    """The month whose brief is due today but waits (`brief_after_sync`), and the institutions it waits for."""
    month = brief_due(settings, plan, ledger, today)
    held = _not_read_of(month, ledger, settings.sync, not_read) if month is not None else []
    return (month, held) if month is not None and held else None


def brief_after_sync(
    settings: Config,
    plan: Plan,
    registry: InstitutionRegistry,
    ledger: Ledger,
    today: dt.date,
    now: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.UTC),
    not_read: Collection[tuple[str, str]] = (),
) -> Issued | None:
    """The scheduled job's brief: issued when one is due (`brief_due`), else None. `not_read`: (institution, period)
    of reports whose file the sync before could not read: a brief of their month waits for a run that reads them,
    as it is issued once and would call them not sent."""
    month = brief_due(settings, plan, ledger, today)
    if month is None or _not_read_of(month, ledger, settings.sync, not_read):
        return None
    lang = settings.reports.lang or default_lang(settings)
    # Not the user name: the sync runs unattended, under an account of its own (as `evaluation.master_author`); a
    # marker, not words in the master's language, so each reader reads it in their own (schemas.messages).
    by = settings.reports.coordinator or SYNC_ISSUER
    folder = settings.reports.folder
    return make_minister_brief(settings, plan, registry, ledger, month, lang=lang, out=folder, now=now, by=by)
