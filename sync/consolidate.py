"""Consolidation, pure: the institutions' submissions -> the Coordinator's Tables.

No I/O: the sync passes in what the ledger holds, and the writers render the
result into the master workbook (xlsx, Google Sheets, or an open workbook).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Container, Iterable, Iterator, Mapping, Sequence
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Literal, NamedTuple, get_args

from pydantic import BaseModel, ConfigDict, Field

from apmon.schemas.calendar import (
    BELGRADE,
    DeadlinePolicy,
    Period,
    ReportKind,
    TimeBasis,
    WorkingCalendar,
    month_before,
    period_order,
)
from apmon.schemas.dates import day_month_said, day_said, moment_said
from apmon.schemas.institutions import InstitutionRegistry
from apmon.schemas.messages import stored_message, text_of, whole_number
from apmon.schemas.paper import PageTexts, month_words, page_texts
from apmon.schemas.plan import BREAKDOWN_GROUPS, BUDGET_SOURCES, Currency, DeadlineState, Plan, Task
from apmon.schemas.report import Report
from apmon.schemas.rules import (
    LineFigure,
    SplitPair,
    above_counted_now,
    repeat_issue,
    repeat_params,
    split_pairs,
    stored_money,
)
from apmon.schemas.tables import Chart, Highlight, Mark, Table, TableColumn, fit_rows
from apmon.schemas.task_status import CoordinatorStatus
from apmon.schemas.text import Lang
from apmon.sync.findings import DUPLICATE_CODE, ConsolidationSettings, DuplicateReport, duplicate_text
from apmon.sync.report_format import number
from apmon.templates.layout import (
    ASSESSMENTS,
    TASK_STATUSES,
    ReportingDuty,
    owes,
    reporting_duties,
    reporting_institutions,
)

STATUS_ORDER = ("completed", "in-progress", "delayed", "not-started")
# A status's colour in every chart, the master's and the reports': completed green, delayed orange, as the marks.
STATUS_COLOURS = {
    "completed": "4E9A06",
    "in-progress": "3465A4",
    "delayed": "F57900",
    "not-started": "888A85",
    "none": "D3D7CF",  # no lead reported
}
CURRENCIES: tuple[Currency, ...] = get_args(Currency)  # each shown apart: never added up without a rate
SubmissionState = Literal["on-time", "late", "invalid", "missing", "not-read", "not-due", "not-owed"]


class Submission(BaseModel):
    """One version of a report as the ledger holds it, with what validation found."""

    model_config = ConfigDict(frozen=True)

    file: str
    received_at: dt.datetime
    readable: bool
    valid: bool
    institution: str | None = None
    period: str | None = None
    kind: ReportKind | None = None
    due: dt.date | None = None
    # On time or late: the report's, for the version that counts (any valid version by the deadline makes it on
    # time; late by its first valid one: ledger.selection.report_timing); else this version's own.
    on_time: bool | None = None
    days_late: int | None = None
    submitted_at: dt.datetime | None = None  # the time on time or late was decided by (calendar.submission_time)
    submitted_from: TimeBasis | None = None  # where that time came from
    corrected_at: dt.datetime | None = None  # when this version, a correction sent after the deadline, was submitted
    version: int | None = None  # the ledger's number of this version (`apmon ledger versions`)
    issues: list[dict[str, Any]] = Field(default_factory=list)
    report: Report | None = None
    deleted_at_source: bool = False


def shown_day(day: dt.date, lang: Lang) -> str:
    """A day in a master's text cell, as every text says it (schemas.dates): 31.01.2019. / 31 Jan 2019."""
    return day_said(day, lang)


def shown_moment(moment: dt.datetime, lang: Lang) -> str:
    """A time in Belgrade, as every text says it (schemas.dates): 31.01.2019. 10:30 / 31 Jan 2019 10:30."""
    return moment_said(moment, lang)


def consolidate(
    plan: Plan,
    registry: InstitutionRegistry,
    accepted: list[Submission],
    latest: list[Submission],
    settings: ConsolidationSettings,
    recorded: Sequence[CoordinatorStatus] = (),
) -> list[Table]:
    """`accepted`: the newest valid version per (institution, period). `latest`: the newest version per
    (institution, period) whatever its state, plus unreadable files. `recorded`: the Coordinator's records of the
    status of the tasks led only by bodies that receive reports (`standing_statuses`)."""
    reports = sorted((s.report for s in accepted if s.report), key=lambda r: period_order(r.period))
    return consolidate_reports(plan, registry, accepted, latest, reports, settings, recorded)


def consolidate_reports(
    plan: Plan,
    registry: InstitutionRegistry,
    accepted: list[Submission],
    latest: list[Submission],
    reports: Iterable[Report],
    settings: ConsolidationSettings,
    recorded: Sequence[CoordinatorStatus] = (),
) -> list[Table]:
    """As `consolidate`, with the accepted submissions' reports given apart (their `report` is not read):
    `reports` oldest period first, and within a period in the order of `accepted`. Each report is read once,
    in one pass, and may be let go after it: a long history need not be held in memory all at once."""
    years, order = _digested(reports)
    return consolidate_years(plan, registry, accepted, latest, years, order, settings, recorded)


def _digested(reports: Iterable[Report]) -> tuple[list[YearDigest], list[tuple[str, str]]]:
    """The digests of `reports` (oldest period first) and the order they came in: (institution, period)."""
    order: list[tuple[str, str]] = []

    def noted(reports: Iterable[Report]) -> Iterator[Report]:
        for report in reports:
            order.append((report.institution, report.period))
            yield report

    return list(digest_years(noted(reports))), order


def consolidate_years(
    plan: Plan,
    registry: InstitutionRegistry,
    accepted: list[Submission],
    latest: list[Submission],
    years: Iterable[YearDigest],
    order: Iterable[tuple[str, str]],
    settings: ConsolidationSettings,
    recorded: Sequence[CoordinatorStatus] = (),
    duplicates: Sequence[DuplicateReport] = (),
) -> list[Table]:
    """As `consolidate_reports`, from the reports' digests per institution and year (`digest_years`, in any
    order); `order`: every report's (institution, period) in the order `consolidate_reports` would take them.
    The master is as of its last month (`settings.last`): the Coordinator's records of a later month wait.
    `duplicates`: the reports several files hold, a warning on the Issues sheet for each of those files."""
    received = _Received(accepted, latest, _months(settings.first, settings.last), settings)
    t = _Texts(settings.lang)
    digest = _Digest(plan, t, years, order)
    digest.add_recorded(plan, registry, standing_statuses(recorded, settings.last))
    # Budget's every line, the Overview's year's
    shared, split = _lines_given_twice(plan, _newest_budgets(digest.latest_per_year), None)

    def successors(shown: Container[str]) -> list[str]:
        """The note under a sheet whose Institution column names codes alone: whom a successor among them took over
        from, and when."""
        return _successors_note(plan, registry, settings, t, shown)

    tables = [
        _overview(plan, registry, digest, shared, received, settings, t),
        _objectives(plan, registry, digest.status, t),
        _submissions(plan, registry, received, settings, t),
        _status(plan, registry, digest.status, digest.recorded, settings, t),
        _annual(plan, registry, digest.annual, received, settings, t),
        _budget(plan, registry, digest.latest_per_year, shared, split, settings, t),
        _indicators(plan, registry, digest.indicator_months, digest.indicator_annual, received, t, successors),
        _problems(digest.problem_rows, t, successors),
        _issues(latest, duplicates, t, successors, Repeats(plan, digest.given_per_year), _counted(digest)),
    ]
    page = _page_texts(plan, registry, settings)
    return [
        fit_rows(table, lambda shown, total: t("rows_cut", shown=shown, total=total)).model_copy(update={"page": page})
        for table in tables
    ]


def _page_texts(plan: Plan, registry: InstitutionRegistry, settings: ConsolidationSettings) -> PageTexts:
    """The master's printed pages: the National Coordinator (the plan's id without one) and the months reported."""
    lang = settings.lang
    who = next((i.display(lang) for i in registry.institutions if i.kind == "coordinator"), plan.id)
    first, last = (month_words(str(p), lang) for p in (settings.first, settings.last))
    as_of = shown_day(settings.as_of, lang)
    return page_texts(who, text_of("print.reports", lang, first=first, last=last, as_of=as_of), lang)


class _Texts:
    """The master's words in one language: `t("overview.title")`, `t.sheet("issues")`, `t.status("delayed")`."""

    def __init__(self, lang: Lang) -> None:
        self.lang = lang

    def __call__(self, key: str, **fields: Any) -> str:
        return text_of(f"master.{key}", self.lang, **{k: str(v) for k, v in fields.items()})

    def sheet(self, role: str) -> str:
        return self(f"sheet.{role}")

    def status(self, code: str) -> str:
        return text_of(f"status.{code}", self.lang) if code in TASK_STATUSES else code

    def number(self, value: Decimal) -> str:
        return str(value) if self.lang == "en" else str(value).replace(".", ",")


# --- helpers ------------------------------------------------------------------


def _months(first: Period, last: Period) -> list[Period]:
    months, year, month = [], first.year, first.month or 1
    while (year, month) <= (last.year, last.month or 12):
        months.append(Period(year=year, month=month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


class _Received:
    """What came in, by (institution, period), and when each month's report is due."""

    def __init__(
        self,
        accepted: list[Submission],
        latest: list[Submission],
        months: list[Period],
        settings: ConsolidationSettings,
    ):
        self.accepted = {(s.institution, s.period): s for s in accepted}
        self.latest = {(s.institution, s.period): s for s in latest if s.institution}
        calendar = WorkingCalendar(settings.deadlines)
        self.months = months
        self.due = {str(m): calendar.due_date(m).due for m in months}
        # Missing once its deadline day is over: on that day a report not yet in still has the rest of it.
        self.due_months = [m for m in months if self.due[str(m)] < settings.as_of]
        # The annual reports of the years the months touch, each due 15 February of the next year (seed 10.2).
        self.years = [Period(year=y) for y in range(settings.first.year, settings.last.year + 1)]
        self.due |= {str(y): calendar.due_date(y).due for y in self.years}
        self.due_years = [str(y) for y in self.years if self.due[str(y)] < settings.as_of]


class _TaskView(BaseModel):
    """What the latest accepted reports say about one task."""

    lead_status: dict[str, str] = Field(default_factory=dict)  # lead institution -> status
    partner_status: dict[str, str] = Field(default_factory=dict)
    progress: dict[str, str] = Field(default_factory=dict)  # institution (lead or partner) -> its latest progress


class YearDigest(NamedTuple):
    """What one institution's accepted reports of one year give the sheets, taken in one pass over them (oldest
    period first). Every sheet is made from these parts, so a run can keep each for the next and read again
    only the reports of the institutions and years that changed. Plain JSON values, and no words of the
    master's language: those are added when the parts are put together."""

    institution: str
    year: int
    # [indicator, period, total, cumulative, women, men, girls, boys, text value]: the monthly reports' rows, then
    # the annual report's (its period the year, no cumulative figure)
    indicators: list[list[Any]]
    # [period, task (an activity for an observation), where ("tasks", "problems", "member" or "observations"),
    #  problem (or observation), measures (or proposal), risks]
    problems: list[list[Any]]
    # task -> [period, status]: the newest status given for the task as its lead, and as its partner
    lead_status: dict[str, list[str]]
    partner_status: dict[str, list[str]]
    # task -> [period, progress]: the newest progress given, as lead or partner (a status given without one clears it)
    progress: dict[str, list[str]]
    # The year's newest report (an annual one counts as the year's last): [kind, period, budget, months], the budget
    # as [[line, currency, spent this year (a decimal's text, or None)], ...]; a line it left blank has the year's
    # last figure given for it; months: {line: {month: spent in the period (a decimal's text, or None)}} of the
    # year's monthly reports (a split's successor gives its own months: schemas.rules.split_pairs)
    latest: list[Any]
    # The year's annual report, when there is one: [[[activity, assessment, reasons], ...], {narrative part: text}]
    annual: list[Any]


def digest_years(reports: Iterable[Report]) -> Iterator[YearDigest]:
    """The reports' digest per institution and year, in one pass (`reports` oldest period first, each taken once
    and let go after); in the order each institution and year first comes."""
    building: dict[tuple[str, int], _YearBuilder] = {}
    for report in reports:
        key = (report.institution, int(report.period[:4]))
        builder = building.get(key)
        if builder is None:
            builder = building[key] = _YearBuilder(*key)
        builder.add(report)
    for builder in building.values():
        yield builder.digest


class _YearBuilder:
    def __init__(self, institution: str, year: int) -> None:
        self.digest = YearDigest(institution, year, [], [], {}, {}, {}, [], [])
        self._running: dict[str, int] = defaultdict(int)  # indicator -> the year's total so far
        self._latest_rank: tuple[int, int] | None = None
        self._spent: dict[str, str] = {}  # budget line -> the year's last "spent this year" given (a decimal's text)
        self._months: dict[str, dict[str, str | None]] = defaultdict(dict)  # line -> month -> "spent this period"

    def add(self, report: Report) -> None:
        digest, period = self.digest, report.period
        for entry in report.tasks:
            if entry.status:
                target = digest.lead_status if entry.role == "lead" else digest.partner_status
                target[entry.task_id] = [period, entry.status]
            if entry.progress or entry.status:
                digest.progress[entry.task_id] = [period, entry.progress or ""]
        rank = period_order(period)
        if report.kind == "monthly":
            for e in report.budget:
                self._months[e.line_id][period[5:7]] = None if e.spent_period is None else str(e.spent_period)
        if self._latest_rank is None or rank >= self._latest_rank:
            self._latest_rank = rank
            # Spent this year is a running figure: a line left blank keeps the year's last figure given for it (a
            # gap is not a zero, and money reported is not lost).
            self._spent |= {e.line_id: str(e.spent_year) for e in report.budget if e.spent_year is not None}
            budget = [[e.line_id, e.currency, self._spent.get(e.line_id)] for e in report.budget]
            digest.latest[:] = [report.kind, period, budget, self._months]
        if report.kind == "annual":
            activities = [[a.activity_id, a.assessment, a.assessment_note] for a in report.activities]
            digest.annual[:] = [activities, dict(report.narrative)]
        for ind in report.indicators:
            if ind.total is None and not ind.value:
                continue
            cumulative = None
            if report.kind == "monthly" and ind.total is not None:
                self._running[ind.indicator_id] += ind.total
                cumulative = self._running[ind.indicator_id]
            digest.indicators.append(
                [
                    ind.indicator_id,
                    period,
                    ind.total,
                    cumulative,
                    ind.women,
                    ind.men,
                    ind.girls,
                    ind.boys,
                    ind.value,
                ]
            )
        in_task_rows = set()
        for entry in report.tasks:
            if entry.problems or entry.risks:
                digest.problems.append(
                    [period, entry.task_id, "tasks", entry.problems or "", entry.measures or "", entry.risks or ""]
                )
                in_task_rows.add((entry.task_id, same_words(entry.problems)))
        for problem in report.problems:
            if not problem.description and not problem.measures:
                continue  # a task chosen and nothing typed says nothing (the rules warn of the row)
            if (problem.task_id, same_words(problem.description)) in in_task_rows:
                continue  # typed in the task's row already: listed once
            digest.problems.append(
                [period, problem.task_id or "", "problems", problem.description or "", problem.measures or "", ""]
            )
        if report.duty == "member" and (report.narrative.get("problems") or report.narrative.get("proposals")):
            said = report.narrative
            digest.problems.append([period, "", "member", said.get("problems") or "", said.get("proposals") or "", ""])
        for seen in report.observations:
            if seen.observation or seen.proposal:
                digest.problems.append(
                    [period, seen.activity_id, "observations", seen.observation or "", seen.proposal or "", ""]
                )


def same_words(text: str | None) -> str:
    """A text as compared for sameness: case, spacing and a closing full stop aside."""
    return " ".join((text or "").casefold().split()).rstrip(".")


class RepeatedPart(NamedTuple):
    """What a successor's figure on a split line held of the old ministry's last months, which the old ministry's
    figure gives too (schemas.rules.repeated_months): taken out of the successor's figure, so each month counts once."""

    line: str
    successor: str
    predecessor: str
    since: str  # the first month repeated, YYYY-MM (to the old ministry's last)
    amount: Decimal
    given: Decimal  # the successor's figure as it gave it


class _YearBudget(NamedTuple):
    """What Budget and Overview take of an institution's newest report of a year: its spending per line."""

    kind: str
    period: str
    budget: list[tuple[str, str | None, Decimal | None]]  # (line, currency, spent this year)
    months: dict[str, dict[int, Decimal | None]]  # line -> month -> spent in the period, of the year's monthly reports
    repeated: tuple[RepeatedPart, ...] = ()  # what `counted_once` took out of its figures

    def figure(self, institution: str, line: str, spent: Decimal) -> LineFigure:
        """Its figure on `line` as the split's rules take it (schemas.rules.split_pairs)."""
        through = 12 if self.kind == "annual" else int(self.period[5:7])
        return LineFigure(institution, int(self.period[:4]), spent, through, self.months.get(line, {}))


def year_budget(latest: Sequence[Any]) -> _YearBudget:
    """A digest's newest report of the year (YearDigest.latest) as Budget and Overview take it."""
    kind, period, budget, months = latest
    return _YearBudget(
        kind,
        period,
        [(line, cur, None if spent is None else Decimal(spent)) for line, cur, spent in budget],
        {line: {int(m): None if v is None else Decimal(v) for m, v in by.items()} for line, by in months.items()},
    )


# (institution, year) -> what Budget and Overview take of its newest report of the year (`newest_budgets`).
NewestBudget = _YearBudget
NewestBudgets = dict[tuple[str, int], _YearBudget]


def counted_once(plan: Plan, newest: NewestBudgets) -> NewestBudgets:
    """`newest` with a successor's figure on a line in the split's year that also holds the old ministry's last months
    (which the old ministry's own figure gives: schemas.rules.repeated_months, warned of as
    spent-year-repeats-predecessor) cut to its own months: each month's money counted once, in the part of the one
    that held the line then (whose months a split line's sum holds: `_months_of`). The cut is kept with the figure."""
    found = dict(newest)
    cuts: dict[tuple[str, int], dict[str, RepeatedPart]] = defaultdict(dict)
    for key, line, spent, pair in _split_pairs_of(plan, newest):
        if pair.repeated:
            cuts[key][line] = RepeatedPart(line, pair.successor, pair.predecessor, *pair.repeated, spent)
    for key, cut in cuts.items():
        lines = [(line, cur, spent - cut[line].amount if line in cut and spent else spent)
                 for line, cur, spent in newest[key].budget]  # fmt: skip
        found[key] = newest[key]._replace(budget=lines, repeated=tuple(cut.values()))
    return found


def _split_pairs_of(plan: Plan, newest: NewestBudgets) -> Iterator[tuple[tuple[str, int], str, Decimal, SplitPair]]:
    """Each successor's figure on a line in the split's year beside the old ministry's, as the split's rules pair
    them (schemas.rules.split_pairs): ((successor, year), line, its figure, the pair)."""
    for (code, year), budget in newest.items():
        took = plan.succession(code)
        before = newest.get((took[0], year)) if took and year == int(took[1][:4]) else None
        if took is None or before is None:
            continue
        old = {line: spent for line, _, spent in before.budget if spent}
        for line, _, spent in budget.budget:
            if spent and line in old:
                figures = [before.figure(took[0], line, old[line]), budget.figure(code, line, spent)]
                for pair in split_pairs(plan, figures):
                    yield (code, year), line, spent, pair


# A successor's figure that repeats the old ministry's (spent-year-repeats-predecessor): (line, successor, old
# ministry, advice "equal", "contains" or "part", and of "part" the first month repeated and the amount)
Repeat = tuple[str, str, str, str, str | None, Decimal | None]


def _repeat(line: str, pair: SplitPair) -> Repeat:
    return (line, pair.successor, pair.predecessor, pair.repeats or "", *(pair.repeated or (None, None)))


def _repeats_of(plan: Plan, newest: NewestBudgets) -> dict[Repeat, dict[str, str]]:
    """The repeats the newest reports of each year (`newest`, not yet `counted_once`) bear out, each with its
    warning's facts as they stand now (`repeat_params`: the old ministry's newest figure)."""
    return {_repeat(line, pair): repeat_params(line, pair)
            for _, line, _, pair in _split_pairs_of(plan, newest) if pair.repeats}  # fmt: skip


def _stored_repeat(found: Mapping[str, Any]) -> Repeat:
    """A stored spent-year-repeats-predecessor warning as a `Repeat`."""
    params = found.get("params") or {}
    advice, repeated = params.get("advice"), params.get("repeated")
    part = (params.get("since"), stored_money(str(repeated))) if advice == "part" and repeated else (None, None)
    return (params.get("line"), params.get("successor"), params.get("predecessor"), advice, *part)


# A month's figure warned to be above the one a later report of its year makes count (schemas.rules).
ABOVE_COUNTED = frozenset({"month-spending-above-annual", "spending-above-later-month"})
# The stored warnings Repeats.standing checks again against the newest versions: a later version may make them untrue.
CHECKED_AGAIN = ABOVE_COUNTED | {"spent-year-repeats-predecessor"}


class Repeats:
    """Whether a repeat's warning (spent-year-repeats-predecessor), checked when its file was read against the other
    body's report as it was then, still stands against the newest versions: a later version of the old ministry's
    may have made it untrue, or made it another. The one rule of the master's Issues sheet, `sync run`'s
    counted_once and the mail that lists a version's problems. `newest`: each institution's newest figures of each
    year, as the master counts them (not yet `counted_once`)."""

    def __init__(self, plan: Plan, newest: NewestBudgets) -> None:
        self.plan, self.newest = plan, newest
        self.held = _repeats_of(plan, newest)

    def standing(
        self, found: Mapping[str, Any], institution: str | None, period: str | None, counted: bool
    ) -> Mapping[str, Any] | None:
        """The stored issue `found` of a version of `institution` and `period` as it stands now: None when a later
        version made it untrue; any other issue is its file's own, as stored. `counted`: the master counts the
        version's figure, so it is among the newest (a repeat the newest bear out otherwise is at the other body's
        version, checked when it was read)."""
        if found.get("code") in ABOVE_COUNTED:
            return self._above_counted(found, institution, period)
        if found.get("code") != "spent-year-repeats-predecessor":
            return found
        params = found.get("params") or {}
        if counted:
            # the same repeat, said with the newest figures (a correction may change the old ministry's, not the repeat)
            stands = self.held.get(_stored_repeat(found))
            return None if stands is None else found if stands == params else {**found, "params": stands}
        if institution is not None and institution == params.get("predecessor") and period:
            return self._old_ministrys(found, params, institution, period)
        if institution is None or institution != params.get("successor") or not period:
            return found
        # the successor's figure as its file gave it (kept with the warning), against the old ministry's newest: what
        # it repeats now (other months, or "equal" where it was "part"), said again from the facts
        line, predecessor, first = str(params.get("line")), str(params.get("predecessor")), str(params.get("first"))
        year = int(period[:4])
        before = self.newest.get((predecessor, year))
        old = next((spent for at, _, spent in before.budget if at == line and spent), None) if before else None
        if before is None or old is None:
            return None
        through = 12 if len(period) == 4 else int(period[5:7])
        own = None if params.get("own") in (None, "-") else stored_money(str(params["own"]))
        # its own months' sum, as the check added them, in its first month: split_pairs adds them up again
        months = {} if own is None else {m: own if m == int(first[5:]) else Decimal(0) for m in range(1, through + 1)}
        after = LineFigure(institution, year, stored_money(str(params.get("successor_figure"))), through, months)
        return self._said_again(found, params, line, [before.figure(predecessor, line, old), after])

    def _above_counted(
        self, found: Mapping[str, Any], institution: str | None, period: str | None
    ) -> Mapping[str, Any] | None:
        """A month's figure warned to be above a later report's of its year (month-spending-above-annual,
        spending-above-later-month), against the newest report of the year, whose figure the master counts: one
        corrected to as much or more makes it untrue, one that still gives less is said with its figure now."""
        params = found.get("params") or {}
        newest = self.newest.get((institution, int(period[:4]))) if institution and period else None
        if newest is None:
            return found
        counted = next((spent for line, _, spent in newest.budget if line == params.get("line")), None)
        return above_counted_now(found, newest.kind, newest.period, counted)

    def _said_again(
        self, found: Mapping[str, Any], params: Mapping[str, Any], line: str, figures: list[LineFigure]
    ) -> Mapping[str, Any] | None:
        """The stored repeat `found` as `figures` (the old ministry's and the successor's on `line`) bear it out now:
        None when they repeat nothing; said again from the facts when they differ from its `params`."""
        pairs = split_pairs(self.plan, figures)
        stands = next((repeat_params(line, pair) for pair in pairs if pair.repeats), None)
        return None if stands is None else found if stands == params else {**found, "params": stands}

    def _old_ministrys(
        self, found: Mapping[str, Any], params: Mapping[str, Any], institution: str, period: str
    ) -> Mapping[str, Any] | None:
        """An old ministry's version the master does not count (with errors, or an earlier month's), whose file a
        successor's figure repeated when it was read: its own figure as its file gave it (kept with the warning),
        against the successor's newest. Of its months the warning keeps only those repeated (`since` to `until`,
        their sum); the months before them are its monthly reports' the master counts, so a successor's correction
        that repeats other months of it (from an earlier month) keeps the warning, said of them, as the correction's
        own warning says them, and one that repeats none makes it untrue."""
        line, successor = str(params.get("line")), str(params.get("successor"))
        year = int(period[:4])
        after = self.newest.get((successor, year))
        spent = next((spent for at, _, spent in after.budget if at == line and spent), None) if after else None
        if after is None or spent is None or params.get("predecessor_figure") is None:
            return None
        months: dict[int, Decimal | None] = {}
        if params.get("since") and params.get("until") and params.get("repeated"):
            since, until = int(str(params["since"])[5:]), int(str(params["until"])[5:])
            repeated = stored_money(str(params["repeated"]))
            counted = self.newest.get((institution, year))
            months = {m: spent for m, spent in (counted.months.get(line, {}) if counted else {}).items() if m < since}
            months |= {m: repeated if m == since else Decimal(0) for m in range(since, until + 1)}
        through = 12 if len(period) == 4 else int(period[5:7])
        before = LineFigure(institution, year, stored_money(str(params["predecessor_figure"])), through, months)
        return self._said_again(found, params, line, [before, after.figure(successor, line, spent)])

    def made(
        self, institution: str | None, period: str | None, report: Report | None, issues: Iterable[Mapping[str, Any]]
    ) -> list[dict[str, Any]]:
        """The repeats the figures of a split's successor's version the master does not count (with errors: its
        stored `report`, `repeat_checked_again`) bear out now against the old ministry's newest, on lines its stored
        `issues` hold no repeat's warning of: an old ministry's correction read after it may make its figure repeat
        months it did not, and its file kept no warning to check again (a warning it kept is `standing`'s). Each as
        a stored issue, made as the check of a file makes it (schemas.rules.repeat_issue)."""
        took = self.plan.succession(institution) if institution else None
        if took is None or report is None or not period or period[:4] != took[1][:4]:
            return []
        predecessor, year = took[0], int(period[:4])
        before = self.newest.get((predecessor, year))
        if before is None:
            return []
        old = {line: spent for line, _, spent in before.budget if spent}
        warned = {
            (f.get("params") or {}).get("line") for f in issues if f.get("code") == "spent-year-repeats-predecessor"
        }
        counted = self.newest.get((str(institution), year))
        through = 12 if report.kind == "annual" else int(period[5:7])
        found = []
        for entry in report.budget:
            if entry.line_id in warned or entry.line_id not in old or not entry.spent_year:
                continue
            # its own months: the monthly reports the master counts, and this version's for its month
            months = dict(counted.months.get(entry.line_id, {})) if counted else {}
            if report.kind == "monthly":
                months[through] = entry.spent_period
            after = LineFigure(str(institution), year, entry.spent_year, through, months)
            pairs = split_pairs(self.plan, [before.figure(predecessor, entry.line_id, old[entry.line_id]), after])
            found += [repeat_issue(entry, pair).model_dump(mode="json") for pair in pairs if pair.repeats]
        return found


def repeat_checked_again(plan: Plan, institution: str | None, period: str | None, valid: bool) -> bool:
    """Whether a version's figures are checked again for a repeat its file was not warned of (`Repeats.made`): one
    with errors of a split's successor, of the split's year. Its stored report is read only for those."""
    took = plan.succession(institution) if institution else None
    return not valid and took is not None and bool(period) and str(period)[:4] == took[1][:4]


def repeats_held(plan: Plan, years: Iterable[YearDigest]) -> Repeats:
    """The repeats the digests' newest reports of each year bear out, as the master counts them."""
    newest = {(y.institution, y.year): year_budget(y.latest) for y in years if y.latest and y.year >= plan.start.year}
    return Repeats(plan, newest)


class _Given(NamedTuple):
    """One month's report on one indicator: its total, its breakdown by group, its text."""

    total: int | None
    groups: dict[str, int | None]
    text: str


class _Digest:
    """The parts put together: per task, the newest status each institution reported and the newest progress;
    the newest report of each institution and year; the indicators' and the problems' rows. `order`: each
    report's (institution, period) in the order consolidation takes the reports, which decides between two
    institutions' progress of one period as the one pass over the reports does."""

    def __init__(self, plan: Plan, t: _Texts, years: Iterable[YearDigest], order: Iterable[tuple[str, str]]) -> None:
        self.status: dict[str, _TaskView] = defaultdict(_TaskView)
        self.latest_per_year: dict[tuple[str, int], _YearBudget] = {}
        # (indicator, institution, year) -> month (1-12) -> what the month's report gave
        self.indicator_months: dict[tuple[str, str, int], dict[int, _Given]] = defaultdict(dict)
        self.indicator_annual: dict[tuple[str, str, int], _Given] = {}  # what the year's annual report gave
        self.problem_rows: list[list[Any]] = []
        self.recorded: dict[str, CoordinatorStatus] = {}  # task -> the Coordinator's record standing for it
        # (institution, year) -> its annual report's (activity -> (assessment, reasons), narrative part -> text)
        self.annual: dict[tuple[str, int], tuple[dict[str, tuple[str | None, str | None]], dict[str, str | None]]] = {}
        where = {
            "tasks": t("problems.in_tasks"),
            "problems": t("problems.in_problems"),
            "member": t("problems.in_member"),
            "observations": t("problems.in_observations"),
        }
        rank = {key: n for n, key in enumerate(order)}
        newest: dict[tuple[str, str, str], int] = {}  # (what, task, institution) -> the rank it came from
        for year in years:
            if year.year < plan.start.year:
                continue  # the earlier plan's report (the ledger runs on): its statuses and money are not this plan's
            code = year.institution
            for what, given in (("lead", year.lead_status), ("partner", year.partner_status)):
                for task, (period, status) in given.items():
                    n = rank[(code, period)]
                    if newest.get((what, task, code), -1) < n:
                        newest[(what, task, code)] = n
                        view = self.status[task]
                        (view.lead_status if what == "lead" else view.partner_status)[code] = status
            for task, (period, text) in year.progress.items():
                n = rank[(code, period)]
                if newest.get(("progress", task, code), -1) < n:
                    newest[("progress", task, code)] = n
                    self.status[task].progress[code] = text
            if year.latest:
                self.latest_per_year[(code, year.year)] = year_budget(year.latest)
            for ind_id, period, total, _, women, men, girls, boys, value in year.indicators:
                groups = {"women": women, "men": men, "girls": girls, "boys": boys}
                figures = _Given(total, groups, value or "")
                if len(period) == 4:
                    self.indicator_annual[(ind_id, code, year.year)] = figures
                else:
                    self.indicator_months[(ind_id, code, year.year)][int(period[5:7])] = figures
            if year.annual:
                activities, narrative = year.annual
                self.annual[(code, year.year)] = ({a: (s, note) for a, s, note in activities}, narrative)
            for period, task, kind, problem, measures, risks in year.problems:
                self.problem_rows.append([period, code, task, where[kind], problem, measures, risks])
        self.given_per_year = dict(self.latest_per_year)  # as given: the repeats are found on it (`_repeats_of`)
        self.latest_per_year = counted_once(plan, self.latest_per_year)

    def add_recorded(
        self, plan: Plan, registry: InstitutionRegistry, standing: Mapping[str, CoordinatorStatus]
    ) -> None:
        """The Coordinator's standing records as the word of every lead of their tasks, the note as the
        Coordinator's progress. Only for a task none of whose leads is asked for reports: one that has such a lead
        takes its status from that lead's reports alone."""
        asked = reporting_duties(plan, registry)
        coordinator = next((i.code for i in registry.institutions if i.kind == "coordinator"), "")
        for task in plan.tasks():
            found = standing.get(task.id)
            if found is None or _awaited(plan, task, asked):
                continue
            view = self.status[task.id]
            view.lead_status = dict.fromkeys(task.lead, found.status)
            if found.note:
                view.progress[coordinator or task.lead[0]] = found.note
            self.recorded[task.id] = found


def standing_statuses(records: Iterable[CoordinatorStatus], month: Period) -> dict[str, CoordinatorStatus]:
    """Each task's record that stands at the end of `month`: of the records as of `month` or before, the newest
    month's, and of one month the one recorded last. So a status recorded as of a month holds for the months after
    it until a newer month's record, as a lead's status holds from its newest report, and a record made again for
    a month stands over the earlier, as a report sent again does."""
    last = f"{month.year:04d}-{month.month or 12:02d}"  # a year: as of its December
    standing: dict[str, CoordinatorStatus] = {}
    for found in sorted(records, key=lambda r: (r.period, r.id)):
        if found.period <= last:
            standing[found.task] = found
    return standing


def task_statuses(
    plan: Plan,
    registry: InstitutionRegistry,
    reports: Iterable[Report],
    standing: Mapping[str, CoordinatorStatus] | None = None,
) -> dict[str, str | None]:
    """Each task's status as the Status sheet gives it (the least advanced of its leads'; None when no lead
    reported), from accepted reports taken oldest period first, and the Coordinator's records standing
    (`standing_statuses`) for the tasks led only by bodies that receive reports."""
    digest, asked = _digest_of(plan, reports), reporting_duties(plan, registry)
    digest.add_recorded(plan, registry, standing or {})
    return {task.id: _combined_status(digest.status.get(task.id), _awaited(plan, task, asked)) for task in plan.tasks()}


def digest_task_statuses(
    plan: Plan,
    registry: InstitutionRegistry,
    years: Iterable[YearDigest],
    order: Iterable[tuple[str, str]],
    standing: Mapping[str, CoordinatorStatus] | None = None,
) -> dict[str, str | None]:
    """As `task_statuses`, from the reports' digests (`digest_years`) and the order the reports came in."""
    digest = _Digest(plan, _Texts("en"), years, order)
    digest.add_recorded(plan, registry, standing or {})
    asked = reporting_duties(plan, registry)
    return {task.id: _combined_status(digest.status.get(task.id), _awaited(plan, task, asked)) for task in plan.tasks()}


class YearMoney(NamedTuple):
    """The money of one year by (paying institution, currency), as the Overview and the reports count it: the
    lines planned for the year, and the spending each institution's newest accepted report of the year (its annual
    report when there is one) gave on them. RSD and EUR stay apart: no sum of the two without a rate."""

    planned: dict[tuple[str, str], Decimal]
    spent: dict[tuple[str, str], Decimal]  # only what was given: a gap is no key, never a zero
    reported: set[str]  # the institutions with an accepted report of the year

    def spent_of(self, code: str, currency: str) -> Decimal | None:
        """What `code` spent in `currency`: None (a gap) when it gave no figure for money planned; 0 when nothing
        was planned and nothing given (nothing to spend)."""
        key = (code, currency)
        if key in self.spent:
            return self.spent[key]
        return None if self.planned.get(key) else Decimal(0)


def newest_budgets(plan: Plan, reports: Iterable[Report]) -> NewestBudgets:
    """Each institution's newest report's budget of each year, of the accepted reports (oldest period
    first): what `budget_by_institution` and `shared_spending` count, digested once for every year asked."""
    return _digest_of(plan, reports).latest_per_year


def plan_period_money(plan: Plan) -> dict[str, Decimal]:
    """By currency, the money of the lines planned for the whole plan period (no year): no year's total holds it,
    so whoever gives a year's total says it is left out."""
    found: dict[str, Decimal] = defaultdict(Decimal)
    for account in plan.account_lines():
        line = account.line
        if line.year is None and line.amount is not None and line.currency:
            found[line.currency] += line.amount
    return dict(found)


class SharedLine(BaseModel):
    """A plan line on which more than one institution reported spending (`budget-line-spent-twice` warned each):
    older templates listed a payer-less line for every lead of its task, with no mark that it is shared. All of it
    is counted, in its owner's row (no reported money is lost); if it is one expense reported by each, all but the
    largest figure is counted twice."""

    model_config = ConfigDict(frozen=True)

    line: str
    owner: str
    year: str  # the line's year, or the plan period ("2017-2018") for a line with no year
    source: str
    currency: str
    given: dict[str, Decimal]  # institution -> the spending it reported on the line, the owner first
    repeated: list[RepeatedPart] = []  # a split's successor's figure cut to its own months (`counted_once`)

    @property
    def spent(self) -> Decimal:
        return sum(self.given.values(), Decimal(0))

    @property
    def maybe_twice(self) -> Decimal:
        """What the total holds twice if the figures are one expense: all but the largest."""
        return self.spent - max(self.given.values())


class SplitLine(BaseModel):
    """A plan line on which a ministry split in two and its successor each gave their part of the split's year
    (schemas.rules.split_pairs): the old ministry its months, the successor only its own, from its first month.
    Both are counted, in the line's owner's row: two parts of the year, not one expense twice."""

    model_config = ConfigDict(frozen=True)

    line: str
    owner: str
    year: str  # the line's year, or the plan period for a line with no year
    source: str
    currency: str
    parts: list[tuple[str, str, str, Decimal]]  # (institution, first month, last month (YYYY-MM), spent), in order
    repeated: list[RepeatedPart] = []  # what a successor's figure repeated of the old ministry's months, taken out


def shared_lines(
    plan: Plan, newest: Iterable[tuple[str, _YearBudget]], line_years: Container[int | None] | None = None
) -> list[SharedLine]:
    """The plan lines more than one institution reported spending on, in the plan's order, but for a split's pair
    that gave its two parts of the year (`split_lines`). `newest`: (institution, its newest report of a year), as
    Budget counts them; `line_years`: only the lines of those years (None for a line with no year), every line when
    not given."""
    return _lines_given_twice(plan, newest, line_years)[0]


def split_lines(
    plan: Plan, newest: Iterable[tuple[str, _YearBudget]], line_years: Container[int | None] | None = None
) -> list[SplitLine]:
    """The plan lines on which only a split ministry and its successor reported spending, each its own months (a
    successor's figure that repeats the old ministry's makes the line a `SharedLine`), as `shared_lines` takes
    them."""
    return _lines_given_twice(plan, newest, line_years)[1]


def _lines_given_twice(
    plan: Plan, newest: Iterable[tuple[str, _YearBudget]], line_years: Container[int | None] | None
) -> tuple[list[SharedLine], list[SplitLine]]:
    accounts = plan.account_lines()
    by_id = {a.line_id: a for a in accounts}
    figures: dict[tuple[str, str], list[LineFigure]] = defaultdict(list)
    repeated: dict[str, list[RepeatedPart]] = defaultdict(list)
    for code, budget in newest:
        for part in budget.repeated:
            repeated[part.line].append(part)
        for line_id, currency, spent_year in budget.budget:
            account = by_id.get(line_id)
            if account is None or not currency or not spent_year:
                continue  # a zero is no spending, as the rule reads it
            if line_years is None or account.line.year in line_years:
                figures[(line_id, currency)].append(budget.figure(code, line_id, spent_year))
    order = {a.line_id: n for n, a in enumerate(accounts)}
    shared, split = [], []
    for (line_id, currency), found in sorted(figures.items(), key=lambda item: (order[item[0][0]], item[0][1])):
        codes = {f.institution for f in found}
        if len(codes) < 2:
            continue
        account = by_id[line_id]
        common = {"line": line_id, "owner": account.owner, "year": str(account.line.year or plan.period_label()),
                  "source": account.line.source, "currency": currency}  # fmt: skip
        pairs = [pair for pair in split_pairs(plan, found) if pair.repeats is None]
        if len(pairs) == 1 and codes == {pairs[0].predecessor, pairs[0].successor}:
            parts = sorted((_months_of(plan, f, pairs[0]) for f in found), key=lambda part: (part[1], part[2]))
            split.append(SplitLine(**common, parts=parts, repeated=repeated[line_id]))
            continue
        by_code: dict[str, Decimal] = defaultdict(Decimal)
        for f in found:
            by_code[f.institution] += f.spent
        ordered = sorted(by_code, key=lambda code: (code != account.owner, code))
        shared.append(SharedLine(**common, given={code: by_code[code] for code in ordered}, repeated=repeated[line_id]))
    return shared, split


def _months_of(plan: Plan, figure: LineFigure, pair: SplitPair) -> tuple[str, str, str, Decimal]:
    """(institution, first month, last month, spent) a figure of a split's pair covers: from its year's January (the
    plan's first month in the plan's first year), or the successor's first month in the split's year, to its
    report's month; in the split's year the old ministry's end before the successor's first (an annual report of
    that year, accepted though not owed, holds only its months)."""
    first, last = max(f"{figure.year}-01", f"{plan.start:%Y-%m}"), f"{figure.year}-{figure.through:02d}"
    if figure.year == int(pair.first[:4]):
        if figure.institution == pair.successor:
            first = pair.first
        else:
            last = min(last, str(month_before(Period.parse(pair.first))))
    return figure.institution, first, last, figure.spent


def split_line_said(line: SplitLine, lang: Lang) -> str:
    """The one note of a split line, the Budget sheet's and the reports' alike: "2.1.2/8: the sum of these parts,
    each counted once: MRZBSP January 2018 – June 2018 10,000.00 RSD, MRZSP July 2018 ..." (`split_words`)."""
    said = text_of("master.budget.split_line", lang, line=line.line, parts=split_words(line, lang))
    return "; ".join([said, *(repeated_said(part, line.currency, lang) for part in line.repeated)])


def repeated_said(part: RepeatedPart, currency: str, lang: Lang) -> str:
    """A successor's figure cut to its own months (`counted_once`), said: what it gave, what it repeated, from when."""
    return text_of(
        "master.budget.split_repeated", lang, successor=part.successor, predecessor=part.predecessor,
        given=f"{number(part.given, lang, 2)} {currency}", amount=f"{number(part.amount, lang, 2)} {currency}",
        since=month_words(part.since, lang, genitive=True),
    )  # fmt: skip


def split_words(line: SplitLine, lang: Lang) -> str:
    """Whose months a split line's spending holds: "MRZBSP januar 2018. – jun 2018. 10.000,00 RSD, MRZSP jul 2018.
    ..." (one month said once)."""
    return ", ".join(
        f"{code} {' – '.join(dict.fromkeys(month_words(m, lang) for m in (first, last)))} "
        f"{number(spent, lang, 2)} {line.currency}"
        for code, first, last, spent in line.parts
    )


def shared_spending(plan: Plan, budgets: NewestBudgets, line_years: Container[int | None]) -> list[SharedLine]:
    """`shared_lines` of the accepted reports' `newest_budgets`, as Budget and the Overview count them."""
    return shared_lines(plan, _newest_budgets(budgets), line_years)


def split_spending(plan: Plan, budgets: NewestBudgets, line_years: Container[int | None]) -> list[SplitLine]:
    """`split_lines` of the accepted reports' `newest_budgets`, as Budget counts them."""
    return split_lines(plan, _newest_budgets(budgets), line_years)


def took_over_said(plan: Plan, code: str, lang: Lang) -> str:
    """Whose tasks and months a successor of a split took over, and from when: "od jula 2018. umesto MRZBSP"
    (Plan.succession); "" for any other institution."""
    succession = plan.succession(code)
    if succession is None:
        return ""
    before, first = succession
    return text_of("institution.took_over", lang, first=month_words(first, lang, genitive=True), predecessor=before)


def with_took_over(said: str, plan: Plan, code: str, lang: Lang) -> str:
    """`said` (a code or a name) followed by what a successor took over: "MRZSP (od jula 2018. umesto MRZBSP)"."""
    took_over = took_over_said(plan, code, lang)
    return f"{said} ({took_over})" if took_over else said


def successors_said(plan: Plan, codes: Iterable[str], lang: Lang) -> str:
    """The successors of a split among `codes`, each with whom it took over from and when: "MRZSP (od jula 2018.
    umesto MRZBSP), MPSP (...)"; "" when none is one."""
    return ", ".join(with_took_over(code, plan, code, lang) for code in codes if plan.succession(code))


def shared_words(shared: Sequence[SharedLine], lang: Lang) -> tuple[str, str]:
    """The lines as a note names them, "4.2.2/2 (MRZBSP 500,00 EUR, MUP 1.000,00 EUR)", and what may be counted
    twice, per currency ("500,00 EUR")."""
    lines = ", ".join(f"{s.line} ({_given_words(s, lang)})" for s in shared)
    twice: dict[str, Decimal] = defaultdict(Decimal)
    for s in shared:
        twice[s.currency] += s.maybe_twice
    return lines, ", ".join(f"{number(amount, lang, 2)} {currency}" for currency, amount in twice.items())


def _given_words(shared: SharedLine, lang: Lang) -> str:
    """Each figure counted, and a successor's that was cut to its own months said as given (`counted_once`)."""
    given = ", ".join(f"{code} {number(amount, lang, 2)} {shared.currency}" for code, amount in shared.given.items())
    return "; ".join([given, *(repeated_said(part, shared.currency, lang) for part in shared.repeated)])


def _newest_budgets(latest_per_year: dict[tuple[str, int], _YearBudget]) -> Iterator[tuple[str, _YearBudget]]:
    return ((code, newest) for (code, _), newest in latest_per_year.items())


def _digest_of(plan: Plan, reports: Iterable[Report]) -> _Digest:
    """The digest consolidation makes of `reports` (oldest period first)."""
    return _Digest(plan, _Texts("en"), *_digested(reports))


def _awaited(plan: Plan, task: Task, asked: Container[str]) -> list[tuple[str, ...]]:
    """The task's leads whose word its status waits for: those asked for reports (`asked`), each with those it took
    over from (a ministry split in two: Plan.predecessors), whose word stands for it until it gives its own. The
    Council, the Coordinator and the Working Group as a body, named co-lead of some tasks, are never asked: a task
    its other lead completed is completed, not in progress for ever."""
    return [(code, *plan.predecessors(code)) for code in task.lead if code in asked]


def _combined_status(view: _TaskView | None, leads: list[tuple[str, ...]]) -> str | None:
    """The task's status: the least advanced of its leads' statuses. A task is completed only when every
    lead (`leads`: those awaited, `_awaited`) says so; while some have not reported, a completed one counts as in
    progress."""
    if view is None or not view.lead_status:
        return None
    rank = {s: i for i, s in enumerate(("not-started", "delayed", "in-progress", "completed"))}
    least = min(view.lead_status.values(), key=lambda s: rank.get(s, 0))
    if least == "completed" and any(not any(code in view.lead_status for code in lead) for lead in leads):
        return "in-progress"
    return least


def _share(part: Decimal | int, whole: Decimal | int) -> float | None:
    """part / whole as it is: the cell's 0.0% format rounds it once (0.73449 shows 73.4%; stored rounded to 0.7345
    first, it showed 73.5%)."""
    return None if not whole else float(Decimal(part) / Decimal(whole))


# --- sheets ---------------------------------------------------------------------


def _overview(
    plan: Plan,
    registry: InstitutionRegistry,
    digest: _Digest,
    all_shared: list[SharedLine],
    received: _Received,
    settings: ConsolidationSettings,
    t: _Texts,
) -> Table:
    year = settings.last.year
    status, asked = digest.status, reporting_duties(plan, registry)
    money = budget_by_institution(plan, digest.latest_per_year, year)
    shared = [line for line in all_shared if line.year == str(year)]  # a line of the plan period has no one year
    # Counted from the Submissions sheet's own cells, so the two agree; a month whose deadline has not passed is not
    # yet counted, and one before the plan's start is owed by no one, even where the earlier plan's report came (shown
    # on Submissions, but counting it only when it came would raise the rate), as on the Indicators sheet.
    grid = _grid(plan, registry, received, settings)
    due_months = {str(m) for m in received.due_months if m.last_day >= plan.start}
    due_years = {str(y) for y in received.years if str(y) in received.due_years and y.last_day >= plan.start}
    rows: list[list[Any]] = []
    highlights = []
    annual_reported = annual_due = 0
    for i, code in enumerate(reporting_institutions(plan, registry)):
        # Nor a month outside those the institution reports for (reports_from, reports_until), where a report came.
        inst = registry.get(code)
        counted = {str(m) for m in received.months if str(m) in due_months and inst.reports_for(m.last_day)}
        monthly = [cell.state for month, cell in zip(grid.months, grid.rows[code], strict=True) if month in counted]
        on_time, late, invalid, missing = (monthly.count(s) for s in ("on-time", "late", "invalid", "missing"))
        # the tasks it held when they were due (a ministry split in two: the old one's until the split)
        led = [t for t in plan.tasks() if code in plan.leads_when_due(t.id, settings.as_of)]
        completed = sum(1 for t in led if _combined_status(status.get(t.id), _awaited(plan, t, asked)) == "completed")
        # The annual reports due, apart from the monthly ones (the Submissions sheet has both); blank for those who
        # owe none.
        states = [cell.state for year, cell in zip(received.years, grid.annual[code], strict=True)
                  if str(year) in due_years and inst.reports_for(year.last_day)]  # fmt: skip
        came, annual_invalid = states.count("on-time") + states.count("late"), states.count("invalid")
        annual_missing = states.count("missing")
        owed = owes(asked[code], "annual")
        if owed:
            annual_reported, annual_due = annual_reported + came, annual_due + came + annual_invalid + annual_missing
        money_cells: list[Any] = []
        for currency, suffix in zip(CURRENCIES, ("", "_eur"), strict=True):
            planned, spent = money.planned.get((code, currency), Decimal(0)), money.spent_of(code, currency)
            gap = t("overview.no_report", year=year) if code not in money.reported else t("overview.not_given")
            money_cells += [planned, spent, _share(spent, planned) if spent is not None else gap]
            if spent is None:  # a gap, with its word in the execution cell
                highlights.append(Highlight(row=i, column=f"spent{suffix}", mark="missing"))
            elif any(line.owner == code and line.currency == currency for line in shared):  # may hold one expense twice
                highlights.append(Highlight(row=i, column=f"spent{suffix}", mark="warning"))
        rows.append(
            [
                code,
                # a successor's name says whose tasks and months it took over, and from when
                with_took_over(
                    registry.get(code).display_then_and_now(plan.start, plan.end, settings.lang),
                    plan,
                    code,
                    settings.lang,
                ),
                on_time,
                late,
                invalid,
                missing,
                *([came, annual_invalid, annual_missing] if owed else [None, None, None]),
                len(led),
                completed,
                *money_cells,
            ]
        )
        for column, count, mark in (
            ("missing", missing, "missing"),
            ("invalid", invalid, "error"),
            ("annual_missing", annual_missing, "missing"),
            ("annual_invalid", annual_invalid, "error"),
        ):
            if count:
                highlights.append(Highlight(row=i, column=column, mark=mark))
    reported = sum(int(r[2]) + int(r[3]) for r in rows)
    total_due = reported + sum(int(r[4]) + int(r[5]) for r in rows)
    tasks_total = len(plan.tasks())
    tasks_done = sum(
        1 for t in plan.tasks() if _combined_status(status.get(t.id), _awaited(plan, t, asked)) == "completed"
    )
    period_money = plan_period_money(plan)
    in_period = ", ".join(
        f"{number(amount, t.lang, 2)} {currency}" for currency, amount in sorted(period_money.items())
    )
    period_note = t("overview.period_lines", period=plan.period_label(), amounts=in_period, sheet=t.sheet("budget"))
    shared_said = dict(zip(("lines", "amounts"), shared_words(shared, t.lang), strict=True))
    money_columns = []
    for currency, suffix, width in zip(CURRENCIES, ("", "_eur"), (14, 12), strict=True):  # EUR amounts are smaller
        planned_header, spent_header = (t(f"overview.{k}", year=year, currency=currency) for k in ("planned", "spent"))
        money_columns += [
            TableColumn(key=f"planned{suffix}", header=planned_header, kind="money", width=width),
            TableColumn(key=f"spent{suffix}", header=spent_header, kind="money", width=width),
            TableColumn(key=f"execution{suffix}", header=t("overview.execution", currency=currency), kind="percent",
                        width=11),
        ]  # fmt: skip
    return Table(
        sheet=t.sheet("overview"),
        title=t("overview.title"),
        subtitle=t(
            "overview.subtitle",
            plan=plan.id,
            first=month_words(str(settings.first), settings.lang),  # as the page header says them
            last=month_words(str(settings.last), settings.lang),
            as_of=shown_day(settings.as_of, settings.lang),
        ),
        columns=[
            TableColumn(key="code", header=t("col.code"), width=9),
            TableColumn(key="institution", header=t("col.institution"), width=38),
            TableColumn(key="on_time", header=t("overview.on_time"), kind="int", width=8),
            TableColumn(key="late", header=t("overview.late"), kind="int", width=8),
            TableColumn(key="invalid", header=t("overview.invalid"), kind="int", width=8),
            TableColumn(key="missing", header=t("overview.missing"), kind="int", width=8),
            TableColumn(key="annual_received", header=t("overview.annual_received"), kind="int", width=8),
            TableColumn(key="annual_invalid", header=t("overview.annual_invalid"), kind="int", width=8),
            TableColumn(key="annual_missing", header=t("overview.annual_missing"), kind="int", width=8),
            TableColumn(key="tasks", header=t("overview.tasks"), kind="int", width=8),
            TableColumn(key="completed", header=t("overview.completed"), kind="int", width=9),
            *money_columns,
        ],
        rows=rows,
        highlights=highlights,
        charts=[
            Chart(
                title=t("overview.chart_budget", year=year),
                kind="column",
                categories="code",
                series=["planned", "spent"],
                y_title="RSD",
            ),
            Chart(
                title=t("objectives.title"),
                kind="stacked-column",
                categories="objective",
                series=[*STATUS_ORDER, "none"],
                y_title=t("objectives.tasks"),
                source=t.sheet("objectives"),
                colours=[STATUS_COLOURS[s] for s in (*STATUS_ORDER, "none")],
            ),
        ],
        notes=[
            t("overview.reported", reported=reported, due=total_due, share=_pct(reported, total_due)),
            t(
                "overview.reported_annual",
                reported=annual_reported,
                due=annual_due,
                share=_pct(annual_reported, annual_due),
            ),
            t("overview.done", done=tasks_done, total=tasks_total, share=_pct(tasks_done, tasks_total)),
            t(
                "overview.led_note",
                tasks=t("overview.tasks"),
                completed=t("overview.completed"),
                sheet=t.sheet("status"),
            ),
            t("overview.budget_note", year=year),
            *([t("overview.shared", year=year, sheet=t.sheet("budget"), **shared_said)] if shared else []),
            *([period_note] if period_money else []),
            t("overview.chart_note", sheet=t.sheet("objectives")),
        ],
    )


def _annual_due_said(deadlines: DeadlinePolicy, lang: Lang) -> str:
    """The annual report's day without a year, as the reader writes it: 15.02. in Serbian, 15 Feb in English (an
    English reader takes 15.2. for nothing, and 8.1. for 1 August). 2001: any year has the day (the policy checks)."""
    return day_month_said(dt.date(2001, deadlines.annual_due_month, deadlines.annual_due_day), lang)


def _pct(part: int, whole: int) -> str:
    """A whole percentage rounded half up, as the reports round (8 of 64 is 13%, not the half-even 12%)."""
    return f"{(Decimal(100 * part) / whole).quantize(Decimal(1), ROUND_HALF_UP)}%" if whole else "-"


def _objectives(plan: Plan, registry: InstitutionRegistry, status: dict[str, _TaskView], t: _Texts) -> Table:
    rows, asked = [], reporting_duties(plan, registry)
    for objective in plan.objectives:
        counts = {s: 0 for s in (*STATUS_ORDER, "none")}
        for activity in objective.activities:
            for task in activity.tasks:
                counts[_combined_status(status.get(task.id), _awaited(plan, task, asked)) or "none"] += 1
        total = sum(counts.values())
        rows.append(
            [
                objective.id,
                objective.title.in_lang(t.lang),
                *(counts[s] for s in STATUS_ORDER),
                counts["none"],
                _share(counts["completed"], total),
            ]
        )
    return Table(
        sheet=t.sheet("objectives"),
        title=t("objectives.title"),
        subtitle=t("objectives.subtitle"),
        columns=[
            TableColumn(key="objective", header=t("objectives.objective"), width=10),
            TableColumn(key="title", header=t("objectives.name"), width=60),
            *[TableColumn(key=s, header=t.status(s).capitalize(), kind="int", width=12) for s in STATUS_ORDER],
            TableColumn(key="none", header=t("objectives.none"), kind="int", width=13),
            TableColumn(key="share", header=t("col.completed_share"), kind="percent", width=11),
        ],
        rows=rows,
        charts=[
            Chart(
                title=t("objectives.title"),
                kind="stacked-column",
                categories="objective",
                series=[*STATUS_ORDER, "none"],
                y_title=t("objectives.tasks"),
                colours=[STATUS_COLOURS[s] for s in (*STATUS_ORDER, "none")],
            ),
        ],
    )


class SubmissionCell(BaseModel):
    """One institution's report for one month, as codes: what the writers and the command line turn into words."""

    model_config = ConfigDict(frozen=True)

    state: SubmissionState
    days_late: int | None = None
    # On time or late by its valid version, which counts, but a newer version sent since is invalid: the obligation
    # is met (as the Overview and every report count it) and the correction still needs fixing.
    newer_invalid: bool = False
    deleted_at_source: bool = False
    submitted_at: dt.datetime | None = None  # on time or late: when it was submitted, and where that time came from
    submitted_from: TimeBasis | None = None
    # The version that counts is a correction sent after the deadline (submitted then), the report on time or late
    # by an earlier valid version (`submitted_at`).
    corrected_at: dt.datetime | None = None
    version: int | None = None  # the ledger's number of the version whose content counts


class SubmissionGrid(BaseModel):
    """Every reporting institution's monthly reports, month by month (`months` in order, `rows` by code), and its
    annual reports, year by year (`years` in order, `annual` by code)."""

    model_config = ConfigDict(frozen=True)

    months: list[str]
    rows: dict[str, list[SubmissionCell]]
    years: list[str] = Field(default_factory=list)
    annual: dict[str, list[SubmissionCell]] = Field(default_factory=dict)
    duties: dict[str, ReportingDuty] = Field(default_factory=dict, description="What each institution owes.")


def submission_grid(
    plan: Plan,
    registry: InstitutionRegistry,
    accepted: list[Submission],
    latest: list[Submission],
    settings: ConsolidationSettings,
) -> SubmissionGrid:
    """Which monthly reports came in, on time, late, invalid or not at all (`accepted`, `latest` as in consolidate)."""
    received = _Received(accepted, latest, _months(settings.first, settings.last), settings)
    return _grid(plan, registry, received, settings)


def submission_text(cell: SubmissionCell, lang: Lang) -> str:
    """The words the master shows for a cell, e.g. "late (3) (file deleted)", "on time (corrected 12.03.)"."""
    t = _Texts(lang)
    deleted = t("submissions.deleted") if cell.deleted_at_source else ""
    newer = t("submissions.newer_invalid") if cell.newer_invalid else ""
    corrected = ""
    if cell.corrected_at is not None:
        day = cell.corrected_at.astimezone(BELGRADE).date()
        corrected = t("submissions.corrected", date=day_month_said(day, t.lang))  # 13.04. / 13 Apr
    if cell.state == "invalid":
        return t("submissions.invalid") + deleted
    if cell.state == "on-time":
        return t("submissions.on_time") + corrected + newer + deleted
    if cell.state == "late":
        return t("submissions.late", days=whole_number(cell.days_late or 0, lang)) + corrected + newer + deleted
    if cell.state == "not-owed":
        return t("submissions.not_owed")
    if cell.state == "not-read":
        return t("submissions.not_read")
    return t("submissions.missing") if cell.state == "missing" else ""


_SUBMISSION_MARKS: dict[SubmissionState, Mark | None] = {
    "on-time": "ok",
    "late": "late",
    "invalid": "error",
    "missing": "missing",
    "not-read": "warning",
    "not-due": None,
    "not-owed": None,
}


def _grid(
    plan: Plan, registry: InstitutionRegistry, received: _Received, settings: ConsolidationSettings
) -> SubmissionGrid:
    rows, annual = {}, {}
    duties = reporting_duties(plan, registry)

    def cell(code: str, period: Period) -> SubmissionCell:
        got = _submission_cell(
            received.accepted.get((code, str(period))), received.latest.get((code, str(period))),
            received.due[str(period)], settings, (code, str(period)) in settings.not_read,
        )  # fmt: skip
        # Before the plan (the earlier plan's months on the same master) what came in is shown, but this plan's duties
        # ask for nothing: an institution new to this plan owed nothing before it. So outside the months an
        # institution reports for (one created, or split in two, during the plan: reports_from, reports_until).
        before = period.last_day < plan.start or not registry.get(code).reports_for(period.last_day)
        return SubmissionCell(state="not-owed") if before and got.state in ("missing", "not-due", "not-read") else got

    for code, duty in duties.items():
        rows[code], annual[code] = (
            [cell(code, p) if owes(duty, p.kind) else SubmissionCell(state="not-owed") for p in periods]
            for periods in (received.months, received.years)
        )
    return SubmissionGrid(
        months=[str(m) for m in received.months],
        rows=rows,
        years=[str(y) for y in received.years],
        annual=annual,
        duties=duties,
    )


def _submissions(
    plan: Plan,
    registry: InstitutionRegistry,
    received: _Received,
    settings: ConsolidationSettings,
    t: _Texts,
) -> Table:
    grid, deadlines = _grid(plan, registry, received, settings), settings.deadlines
    rows, highlights = [], []
    annual_keys = [f"annual-{year}" for year in grid.years]
    for i, (code, cells) in enumerate(grid.rows.items()):
        every = [*cells, *grid.annual[code]]
        shown = (submission_text(cell, t.lang) + _time_text(cell, t) for cell in every)
        rows.append([code, *shown, t(f"duty.{grid.duties[code]}")])
        for key, cell in zip([*grid.months, *annual_keys], every, strict=True):
            mark = "warning" if cell.newer_invalid else _SUBMISSION_MARKS[cell.state]
            if mark:
                highlights.append(Highlight(row=i, column=key, mark=mark))
    return Table(
        sheet=t.sheet("submissions"),
        title=t("submissions.title"),
        subtitle=t("submissions.subtitle", day=settings.deadlines.monthly_working_day),
        columns=[TableColumn(key="code", header=t("col.institution"), width=11)]
        + [TableColumn(key=m, header=m, width=30) for m in grid.months]
        + [
            TableColumn(key=key, header=t("submissions.annual", year=year), width=30)
            for key, year in zip(annual_keys, grid.years, strict=True)
        ]
        + [TableColumn(key="duty", header=t("submissions.duty"), width=26)],
        rows=rows,
        highlights=highlights,
        notes=[
            t("submissions.note", sheet=t.sheet("issues")),
            t("submissions.annual_note", due=_annual_due_said(deadlines, t.lang)),
            t("submissions.time_note"),
            *_successors_note(plan, registry, settings, t, grid.rows),
        ],
    )


def _time_text(cell: SubmissionCell, t: _Texts) -> str:
    """When a report that came was submitted (Belgrade time), and where that time came from."""
    if cell.submitted_at is None or cell.submitted_from is None:
        return ""
    version = t("submissions.version", version=cell.version) if cell.version is not None else ""
    return t(f"submissions.time.{cell.submitted_from}", time=shown_moment(cell.submitted_at, t.lang), version=version)


def _submission_cell(
    good: Submission | None,
    newest: Submission | None,
    due: dt.date,
    settings: ConsolidationSettings,
    not_read: bool = False,
) -> SubmissionCell:
    shown = newest or good
    deleted = shown is not None and shown.deleted_at_source
    newer_invalid = newest is not None and not newest.valid
    if good is not None:
        when = {
            "deleted_at_source": deleted,
            "submitted_at": good.submitted_at,
            "submitted_from": good.submitted_from,
            "corrected_at": good.corrected_at,
            "newer_invalid": newer_invalid,
            "version": good.version,
        }
        if good.on_time:
            return SubmissionCell(state="on-time", **when)
        return SubmissionCell(state="late", days_late=good.days_late or 0, **when)
    if newer_invalid:
        return SubmissionCell(state="invalid", deleted_at_source=deleted)
    if not_read:  # its file is there, but could not be read this run: not known to be missing
        return SubmissionCell(state="not-read")
    return SubmissionCell(state="not-due" if due >= settings.as_of else "missing")  # the deadline day is the reporter's


# A dated deadline passed: late; a continuous task's period ended with it still open: a different word and colour.
_DEADLINE_WORDS: dict[DeadlineState, str] = {"overdue": "status.is_overdue", "open-at-end": "status.is_open_at_end"}
_DEADLINE_MARKS: dict[DeadlineState, Mark] = {"overdue": "late", "open-at-end": "warning"}


def _progress_text(view: _TaskView | None, leads: list[str]) -> str:
    """Every institution's latest progress on the task, each marked with its code: the leads in the plan's order,
    then the partners (as the partners' statuses are shown beside it)."""
    given = {code: text for code, text in (view.progress if view else {}).items() if text}
    order = [*(c for c in leads if c in given), *sorted(c for c in given if c not in leads)]
    return "; ".join(f"{code}: {given[code]}" for code in order)


def _status(
    plan: Plan,
    registry: InstitutionRegistry,
    status: dict[str, _TaskView],
    recorded: dict[str, CoordinatorStatus],
    settings: ConsolidationSettings,
    t: _Texts,
) -> Table:
    rows, highlights, asked = [], [], reporting_duties(plan, registry)
    for objective in plan.objectives:
        for activity in objective.activities:
            statuses = [_combined_status(status.get(t.id), _awaited(plan, t, asked)) for t in activity.tasks]
            done = sum(s == "completed" for s in statuses)
            share = _share(done, len(statuses))
            title = activity.title.in_lang(t.lang)
            rows.append([t("status.activity"), activity.id, title, "", "", "", "", "", "", share])
            for task in activity.tasks:
                view = status.get(task.id)
                combined = _combined_status(view, _awaited(plan, task, asked))
                leads = plan.leads_when_due(task.id, settings.as_of)  # a task due before a split: the old ministry's
                reported = t("status.reported", reported=len(view.lead_status) if view else 0, leads=len(leads))
                if task.id in recorded:  # no lead reports: the Coordinator recorded it
                    # "Koordinator, od marta 2018.": the genitive after "od"
                    period = month_words(recorded[task.id].period, t.lang, genitive=True)
                    reported = t("status.recorded", period=period)
                passed = activity.deadline.state(combined, settings.as_of)
                partners = "; ".join(
                    f"{c}: {t.status(s)}" for c, s in sorted((view.partner_status if view else {}).items())
                )
                rows.append(
                    [
                        t("status.task"),
                        task.id,
                        task.text.in_lang(t.lang),
                        ", ".join(leads),
                        t.status(combined) if combined else t("status.not_reported"),
                        reported,
                        partners,
                        _progress_text(view, leads),
                        t(_DEADLINE_WORDS[passed]) if passed else "",
                        None,
                    ]
                )
                if passed:
                    highlights.append(Highlight(row=len(rows) - 1, column="overdue", mark=_DEADLINE_MARKS[passed]))
                if combined == "delayed":
                    highlights.append(Highlight(row=len(rows) - 1, column="status", mark="late"))
    return Table(
        sheet=t.sheet("status"),
        title=t("status.title"),
        subtitle=t("status.subtitle"),
        columns=[
            TableColumn(key="level", header=t("status.level"), width=10),
            TableColumn(key="id", header=t("status.id"), width=8),
            TableColumn(key="text", header=t("status.text"), width=60),
            TableColumn(key="lead", header=t("status.lead"), width=14),
            TableColumn(key="status", header=t("status.status"), width=13),
            TableColumn(key="leads_reported", header=t("status.leads_reported"), width=10),
            TableColumn(key="partners", header=t("status.partners"), width=30),
            TableColumn(key="progress", header=t("status.progress"), width=60),
            TableColumn(key="overdue", header=t("status.overdue"), width=11),
            TableColumn(key="share", header=t("status.share"), kind="percent", width=12),
        ],
        rows=rows,
        highlights=highlights,
        notes=[
            t("status.deadline_note"),
            t("status.recorded_note"),
            *_successors_note(plan, registry, settings, t, key="status.successors_note"),
        ],
    )


def _successors_note(
    plan: Plan,
    registry: InstitutionRegistry,
    settings: ConsolidationSettings,
    t: _Texts,
    shown: Container[str] | None = None,
    key: str = "successors_note",
) -> list[str]:
    """A sheet that names institutions by their codes: a successor of a split is linked to the old ministry once, in a
    note; only one whose first month is within the master's period (a later split names no row of it) and, where
    given, one the sheet shows (`shown`)."""
    started = (code for code, _, first in registry.successions
               if first <= str(settings.last) and (shown is None or code in shown))  # fmt: skip
    said = successors_said(plan, started, t.lang)
    return [t(key, successors=said)] if said else []


def _annual(
    plan: Plan,
    registry: InstitutionRegistry,
    annual: dict[tuple[str, int], tuple[dict[str, tuple[str | None, str | None]], dict[str, str | None]]],
    received: _Received,
    settings: ConsolidationSettings,
    t: _Texts,
) -> Table:
    """Per year and institution: the self-assessment of each activity it leads (seed 10.3), with its reasons, then
    the annual report's narrative; each row says when the annual report came (due 15 February, seed 10.2)."""
    grid = _grid(plan, registry, received, settings)
    marks: dict[str, Mark] = {"completed": "ok", "partially-completed": "late", "not-completed": "warning"}
    rows: list[list[Any]] = []
    highlights: list[Highlight] = []
    for y, year in enumerate(grid.years):
        for code, cells in grid.annual.items():
            came = submission_text(cells[y], t.lang)
            assessed, narrative = annual.get((code, int(year)), ({}, {}))
            year_end = Period(year=int(year)).last_day
            # as the Status sheet and the evaluation name them: who held its tasks when due (Plan.leads_when_due);
            # a successor that holds them at the year's end is listed where it assessed the activity (still counted)
            led = [
                a
                for a in plan.activities()
                if any(code in plan.leads_when_due(task.id, year_end) for task in a.tasks)
                or (
                    assessed.get(a.id, (None, None))[0]
                    and any(code in plan.on(year_end).task(task.id).lead for task in a.tasks)
                )
            ]
            for activity in led:
                assessment, reasons = assessed.get(activity.id, (None, None))
                said = text_of(f"assessment.{assessment}", t.lang) if assessment in ASSESSMENTS else ""
                rows.append([year, code, activity.id, activity.title.in_lang(t.lang), said, reasons or "", came])
                if assessment in marks:
                    highlights.append(Highlight(row=len(rows) - 1, column="assessment", mark=marks[assessment]))
                if mark := _SUBMISSION_MARKS[cells[y].state]:
                    highlights.append(Highlight(row=len(rows) - 1, column="submitted", mark=mark))
            for part, text in narrative.items():
                if text:
                    rows.append([year, code, "", text_of(f"narrative.{part}", t.lang), "", text, came])
    deadlines = settings.deadlines
    return Table(
        sheet=t.sheet("annual"),
        title=t("annual.title"),
        subtitle=t("annual.subtitle", due=_annual_due_said(deadlines, t.lang)),
        columns=[
            TableColumn(key="year", header=t("col.year"), width=7),
            TableColumn(key="institution", header=t("col.institution"), width=11),
            TableColumn(key="activity", header=t("annual.activity"), width=9),
            TableColumn(key="text", header=t("annual.text"), width=50),
            TableColumn(key="assessment", header=t("annual.assessment"), width=20),
            TableColumn(key="reasons", header=t("annual.reasons"), width=60),
            TableColumn(key="submitted", header=t("annual.submitted"), width=16),
        ],
        rows=rows,
        highlights=highlights,
        notes=[t("annual.note"), *_successors_note(plan, registry, settings, t, {row[1] for row in rows})],
    )


def budget_by_institution(plan: Plan, latest_per_year: NewestBudgets, year: int) -> YearMoney:
    """The year's money by paying institution and currency, as the Overview sheet counts it, from the accepted
    reports' `newest_budgets`."""
    # Like for like: the spending on the lines planned for the year, in their owner's row, as Budget counts it
    # (a line with no year is the plan period's, planned in no one year: neither side counts it).
    accounts = {a.line_id: a for a in plan.account_lines()}
    planned: dict[tuple[str, str], Decimal] = defaultdict(Decimal)
    for account in accounts.values():
        line = account.line
        if line.year == year and line.currency and line.amount is not None:
            planned[(account.owner, line.currency)] += line.amount
    spent: dict[tuple[str, str], Decimal] = defaultdict(Decimal)
    reported = set()
    for (code, y), newest in latest_per_year.items():
        if y == year:
            reported.add(code)
            for line_id, currency, spent_year in newest.budget:
                known = accounts.get(line_id)  # a line the plan no longer has stays the reporter's
                if currency and spent_year is not None and (known is None or known.line.year == year):
                    spent[(known.owner if known else code, currency)] += spent_year
    return YearMoney(dict(planned), dict(spent), reported)


def _budget(
    plan: Plan,
    registry: InstitutionRegistry,
    latest_per_year: dict[tuple[str, int], _YearBudget],
    shared: list[SharedLine],
    split: list[SplitLine],
    settings: ConsolidationSettings,
    t: _Texts,
) -> Table:
    # Each plan line counts once (Plan.account_lines): in its owner's row, in its year's row or, with no year,
    # in the plan period's. Spending on a line is added to its owner's row whoever reported it (an older
    # template lists a shared line for every lead), so no reported money is lost; the rule
    # budget-line-spent-twice warns of a line reported by two institutions, and the row names them and what may be
    # one expense counted twice (SharedLine).
    period = plan.period_label()
    accounts = {a.line_id: a for a in plan.account_lines()}
    planned: dict[tuple[str, str, str, str], Decimal] = defaultdict(Decimal)
    # What the task lines plan, set against section 11: a section 11 figure with no task line, planned at the
    # institution's level, is not set against itself (the difference is the task lines', as `plan check` gives it).
    in_tasks: dict[tuple[str, str, str, str], Decimal] = defaultdict(Decimal)
    successors: dict[tuple[str, str, str, str], set[str]] = defaultdict(set)
    for planned_line in accounts.values():
        line = planned_line.line
        if line.amount is not None and line.currency:
            row = (planned_line.owner, str(line.year or period), line.source, line.currency)
            planned[row] += line.amount
            if planned_line.task_id:
                # set against the figure they count toward: a split ministry's row holds its successors' lines (section
                # 11 gives state-budget RSD figures only: other lines stay in their own rows)
                holder = planned_line.owner
                if line.year and line.source == "state-budget" and line.currency == "RSD":
                    holder = plan.section_11_holder(holder, line.year)
                in_tasks[(holder, *row[1:])] += line.amount
                if holder != planned_line.owner:
                    successors[(holder, *row[1:])].add(planned_line.owner)
    spent: dict[tuple[str, str, str, str], Decimal] = defaultdict(Decimal)
    in_rsd: dict[tuple[str, str, str, str], Decimal | None] = defaultdict(Decimal)  # None: a year's rate missing
    for (code, report_year), newest in latest_per_year.items():
        rate = settings.eur_to_rsd.get(report_year)
        for line_id, currency, spent_year in newest.budget:
            if spent_year is None or not currency:
                continue
            account = accounts.get(line_id)
            key: tuple[str, str, str, str]
            if account is None:  # a line the plan no longer has: kept in the reporter's row
                key = (code, str(report_year), "?", currency)
            else:
                key = (account.owner, str(account.line.year or period), account.line.source, currency)
            spent[key] += spent_year
            so_far, as_rsd = in_rsd[key], spent_year if currency == "RSD" else (spent_year * rate if rate else None)
            in_rsd[key] = None if so_far is None or as_rsd is None else so_far + as_rsd
    section_11 = {(t.institution, t.year): t.amount for t in plan.financial_effects.action_plan.totals}
    shared_in: dict[tuple[str, str, str, str], list[SharedLine]] = defaultdict(list)
    for both in shared:
        shared_in[(both.owner, both.year, both.source, both.currency)].append(both)
    split_in: dict[tuple[str, str, str, str], list[SplitLine]] = defaultdict(list)  # whose months a sum holds
    for parts in split:
        split_in[(parts.owner, parts.year, parts.source, parts.currency)].append(parts)
    rows, highlights, untasked = [], [], []
    held = {  # a split ministry's figure, set against its successors' lines
        key
        for key in in_tasks
        if key[1].isdigit() and key[2:] == ("state-budget", "RSD") and (key[0], int(key[1])) in section_11
    }
    for key in sorted(set(planned) | set(spent) | held):
        code, year, source, currency = key
        p, s = planned.get(key, Decimal(0)), spent.get(key)
        by_year = year.isdigit() and source == "state-budget" and currency == "RSD"
        total_11 = section_11.get((code, int(year))) if by_year else None
        rows.append(
            [
                code,
                year,
                text_of(f"source.{source}", settings.lang) if source in BUDGET_SOURCES else source,
                currency,
                p,
                s,
                None if s is None else p - s,
                _share(s or 0, p) if s is not None else None,
                None if s is None else in_rsd[key],
                total_11,
                None if total_11 is None else in_tasks[key] - total_11,
                "; ".join(
                    [t("budget.shared_line", line=both.line, given=_given_words(both, t.lang),
                       twice=number(both.maybe_twice, t.lang, 2), currency=currency) for both in shared_in[key]]
                    + [split_line_said(parts, t.lang) for parts in split_in[key]]
                ),
            ]
        )  # fmt: skip
        if shared_in[key] or any(parts.repeated for parts in split_in[key]):  # one expense twice, or cut to once
            highlights += [Highlight(row=len(rows) - 1, column=c, mark="warning") for c in ("spent", "shared")]
        elif s is not None and s > p:
            highlights.append(Highlight(row=len(rows) - 1, column="spent", mark="warning"))
        if successors[key]:
            untasked.append(t("budget.successors_lines", institution=code, year=year,
                              successors=", ".join(sorted(successors[key]))))  # fmt: skip
        if total_11 and not in_tasks[key]:  # planned at the institution's level: said in a note, no overspend
            untasked.append(t("budget.no_task_lines", institution=code, year=year, amount=number(total_11, t.lang)))
        elif total_11 is not None and in_tasks[key] != total_11:
            highlights.append(Highlight(row=len(rows) - 1, column="difference_11", mark="warning"))
    rates = "; ".join(f"{y}: {t.number(r)}" for y, r in sorted(settings.eur_to_rsd.items())) or t("budget.no_rates")
    lines, amounts = shared_words(shared, t.lang)
    on_lines = "budget.on_line" if len({s.line for s in shared}) == 1 else "budget.on_lines"  # one said as one
    return Table(
        sheet=t.sheet("budget"),
        title=t("budget.title"),
        subtitle=t("budget.subtitle"),
        columns=[
            TableColumn(key="code", header=t("col.institution"), width=11),
            TableColumn(key="year", header=t("col.year"), width=10),  # a line with no year: "2017-2018"
            TableColumn(key="source", header=t("budget.source"), width=20),
            TableColumn(key="currency", header=t("budget.currency"), width=9),
            TableColumn(key="planned", header=t("budget.planned"), kind="money", width=15),
            TableColumn(key="spent", header=t("budget.spent"), kind="money", width=15),
            TableColumn(key="remaining", header=t("budget.remaining"), kind="money", width=15),
            TableColumn(key="execution", header=t("col.execution"), kind="percent", width=10),
            TableColumn(key="in_rsd", header=t("budget.in_rsd"), kind="money", width=15),
            TableColumn(key="section_11", header=t("budget.section_11"), kind="money", width=16),
            TableColumn(key="difference_11", header=t("budget.difference_11"), kind="money", width=18),
            TableColumn(key="shared", header=t("budget.shared"), width=40),
        ],
        rows=rows,
        highlights=highlights,
        notes=[
            *([t("budget.shared_note", on_lines=t(on_lines, lines=lines), amounts=amounts)] if shared else []),
            *([t("budget.split_note")] if split else []),
            t("budget.rates", rates=rates),
            t("budget.section_11_note"),
            *untasked,
            t("budget.lines_note"),
            *_successors_note(plan, registry, settings, t, {str(row[0]) for row in rows}),
        ],
    )


MONTHS = range(1, 13)


def _indicators(
    plan: Plan,
    registry: InstitutionRegistry,
    given: dict[tuple[str, str, int], dict[int, _Given]],
    annual: dict[tuple[str, str, int], _Given],
    received: _Received,
    t: _Texts,
    successors: Callable[[Container[str]], list[str]],
) -> Table:
    """One row per indicator, institution and year, its months as columns (a month with nothing given stays
    empty, never zero), the year's figure (a flow's months added up, a stock's latest value) and its breakdown,
    then the figure the annual report gave (marked where it differs from the months'); after the institutions of
    an indicator and year, their total, column by column."""
    indicators = {i.id: i for i in plan.indicators()}
    order = {ind_id: n for n, ind_id in enumerate(indicators)}
    # A month before the plan's start is owed by no one: empty, not missing (as Submissions shows it).
    due = {(m.year, m.month) for m in received.due_months if m.last_day >= plan.start}
    names = t("indicators.months").split(",")
    kinds = {"flow": t("indicators.flow"), "stock": t("indicators.stock"), None: t("indicators.text_kind")}
    rows: list[list[Any]] = []
    highlights: list[Highlight] = []
    groups_of: list[Any] = list(BREAKDOWN_GROUPS)
    keys = sorted(given.keys() | annual.keys(), key=lambda k: (order.get(k[0], len(order)), k[0], k[2], k[1]))
    first_of_group = 0  # the row of the first institution of the current indicator and year
    for n, (ind_id, code, year) in enumerate(keys):
        if n and keys[n - 1][::2] != (ind_id, year):
            first_of_group = len(rows)
        indicator = indicators.get(ind_id)
        measure = indicator.measure if indicator else "flow"
        shown = [g for g in groups_of if indicator and g in indicator.breakdown]
        months, yearly = given.get((ind_id, code, year), {}), annual.get((ind_id, code, year))
        texts = indicator.text.in_lang(t.lang) if indicator else ""
        if indicator is not None and not indicator.counts:
            cells: list[Any] = [months[m].text or None if m in months else None for m in MONTHS]
            latest = next((months[m].text for m in reversed(MONTHS) if m in months and months[m].text), "")
            latest = yearly.text if yearly and yearly.text else latest  # the annual report comes after December
            rows.append([ind_id, texts, kinds[None], code, year, *cells, None, None, None, None, None, None, latest])
        else:
            totals = [months[m].total if m in months else None for m in MONTHS]
            counted = [m for m in MONTHS if m in months and months[m].total is not None]
            if measure == "stock":
                figure = months[counted[-1]].total if counted else None
                parts = {g: months[counted[-1]].groups[g] if counted else None for g in shown}
            else:
                figure = sum(totals[m - 1] or 0 for m in counted) if counted else None
                parts = {g: _sum(months[m].groups[g] for m in counted) for g in shown}
            in_annual = yearly.total if yearly else None
            row = [ind_id, texts, kinds[measure], code, year, *totals, figure, in_annual]
            rows.append([*row, *(parts.get(g) for g in groups_of), ""])
            if in_annual is not None and in_annual != figure:
                highlights.append(Highlight(row=len(rows) - 1, column="annual", mark="warning"))
        for m in MONTHS:
            if (year, m) not in due or (code, f"{year}-{m:02d}") in received.accepted:
                continue
            # Asked of the registry only for a month not in: most are, and a row has twelve
            if code not in registry or registry.get(code).reports_for(Period(year=year, month=m).last_day):
                highlights.append(Highlight(row=len(rows) - 1, column=f"m{m:02d}", mark="missing"))
        last_of_group = n + 1 == len(keys) or keys[n + 1][::2] != (ind_id, year)
        if last_of_group and (indicator is None or indicator.counts):
            group = rows[first_of_group:]
            columns = [_sum(r[5 + i] for r in group) for i in range(len(MONTHS) + 2 + len(groups_of))]
            rows.append([ind_id, texts, kinds[measure], t("indicators.all"), year, *columns, ""])
    return Table(
        sheet=t.sheet("indicators"),
        title=t("indicators.title"),
        subtitle=t("indicators.subtitle"),
        columns=[
            TableColumn(key="indicator", header=t("indicators.indicator"), width=8),
            TableColumn(key="text", header=t("indicators.text"), width=40),
            TableColumn(key="kind", header=t("indicators.kind"), width=8),
            TableColumn(key="institution", header=t("col.institution"), width=11),
            TableColumn(key="year", header=t("col.year"), width=6),  # a year, not a count: no thousands separator
            *[TableColumn(key=f"m{m:02d}", header=names[m - 1], kind="int", width=6) for m in MONTHS],
            TableColumn(key="figure", header=t("indicators.figure"), kind="int", width=9),
            TableColumn(key="annual", header=t("indicators.annual"), kind="int", width=11),
            *[
                TableColumn(key=group, header=text_of(f"col.{group}", t.lang), kind="int", width=8)
                for group in BREAKDOWN_GROUPS
            ],
            TableColumn(key="text_value", header=t("indicators.text_value"), width=40),
        ],
        rows=rows,
        highlights=highlights,
        one_line=True,  # a text repeats for every institution and year: one line each keeps the print short
        notes=[
            t("indicators.kinds_note"),
            t("indicators.gaps_note"),
            t("indicators.breakdown_note"),
            t("indicators.annual_note"),
            t("indicators.text_note"),
            *successors({code for _, code, _ in keys}),
        ],
    )


def _sum(values: Iterable[int | None]) -> int | None:
    """The values given added up; None (a gap) when none is given."""
    given = [v for v in values if v is not None]
    return sum(given) if given else None


def _problems(rows: list[list[Any]], t: _Texts, successors: Callable[[Container[str]], list[str]]) -> Table:
    rows.sort(key=lambda r: (period_order(r[0]), r[1], r[2]))
    return Table(
        sheet=t.sheet("problems"),
        title=t("problems.title"),
        columns=[
            TableColumn(key="period", header=t("col.period"), width=9),
            TableColumn(key="institution", header=t("col.institution"), width=11),
            TableColumn(key="task", header=t("col.task"), width=8),
            TableColumn(key="where", header=t("problems.where"), width=16),
            TableColumn(key="problem", header=t("problems.problem"), width=50),
            TableColumn(key="measures", header=t("problems.measures"), width=40),
            TableColumn(key="risks", header=t("problems.risks"), width=30),
        ],
        rows=rows,
        notes=successors({r[1] for r in rows}),
    )


def _counted(digest: _Digest) -> set[tuple[str, str]]:
    """(institution, period) of each year's newest accepted report: the figures the master counts."""
    return {(code, budget.period) for (code, _), budget in digest.given_per_year.items()}


def _issues(
    latest: list[Submission],
    duplicates: Sequence[DuplicateReport],
    t: _Texts,
    successors: Callable[[Container[str]], list[str]],
    repeats: Repeats,
    counted: Container[tuple[str, str]],
) -> Table:
    found_rows: list[list[Any]] = []
    for sub in latest:
        # a version the master does not count (with errors, or an earlier month's) is not among the newest versions:
        # its own figure is checked against them (Repeats.standing)
        checked = sub.valid and (sub.institution, sub.period) in counted
        stood = [f for f in (repeats.standing(f, sub.institution, sub.period, checked) for f in sub.issues) if f]
        # and a repeat an old ministry's correction made since, of a successor's version with errors
        if repeat_checked_again(repeats.plan, sub.institution, sub.period, sub.valid):
            stood += repeats.made(sub.institution, sub.period, sub.report, sub.issues)
        for found in stood:
            found_rows.append(
                [
                    sub.institution or "",
                    sub.period or "",
                    sub.file,
                    t(f"issues.{found['severity']}") if found.get("severity") in ("error", "warning") else "",
                    found.get("code", ""),
                    found.get("sheet", ""),
                    found.get("cell", ""),
                    stored_message(found, t.lang),
                ]
            )
    for duplicate in duplicates:  # every file of it, each with the whole story: which counts, what to do
        said = duplicate_text(duplicate, t.lang)
        warning = t("issues.warning")
        for f in duplicate.files:
            found_rows.append([duplicate.institution, duplicate.period, f.file, warning, DUPLICATE_CODE, "", "", said])
    # By report, then file; a file's own issues in their order (sorted is stable).
    rows = sorted(found_rows, key=lambda r: (r[0] or "~", period_order(r[1] or None), r[2]))
    error = t("issues.error")
    highlights = [
        Highlight(row=i, column="severity", mark="error" if row[3] == error else "warning")
        for i, row in enumerate(rows)
    ]
    return Table(
        sheet=t.sheet("issues"),
        title=t("issues.title"),
        subtitle=t("issues.subtitle"),
        columns=[
            TableColumn(key="institution", header=t("col.institution"), width=11),
            TableColumn(key="period", header=t("col.period"), width=9),
            TableColumn(key="file", header=t("issues.file"), width=36),
            TableColumn(key="severity", header=t("issues.severity"), width=11),
            TableColumn(key="code", header=t("col.code"), width=24),
            TableColumn(key="sheet", header=t("issues.sheet"), width=12),
            TableColumn(key="cell", header=t("issues.cell"), width=7),
            TableColumn(key="message", header=t("issues.message"), width=80),
        ],
        rows=rows,
        highlights=highlights,
        notes=successors({r[0] for r in rows}),
    )
