"""What the Coordinator's reports say, pure: the Minister's monthly brief and the report to the Council (seed
10.2), and the annual evaluation (seed 10.3), computed from the ledger's accepted reports, the plan and the
calendar. Codes and numbers only: the writer (`sync.report_writer`) turns them into words, tables and charts in
the reader's language.

No I/O here: the command reads the ledger (as of a cut-off time) and passes the submissions in.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, ConfigDict

from apmon.schemas.calendar import BELGRADE, DeadlinePolicy, Period, WorkingCalendar, month_before, period_order
from apmon.schemas.institutions import InstitutionRegistry
from apmon.schemas.plan import Plan, Task
from apmon.schemas.report import Report
from apmon.schemas.task_status import CoordinatorStatus
from apmon.schemas.text import Text
from apmon.sync.consolidate import (
    CURRENCIES,
    STATUS_ORDER,
    NewestBudget,
    NewestBudgets,
    SharedLine,
    SplitLine,
    Submission,
    SubmissionCell,
    SubmissionGrid,
    SubmissionState,
    YearDigest,
    budget_by_institution,
    counted_once,
    digest_task_statuses,
    digest_years,
    newest_budgets,
    plan_period_money,
    same_words,
    shared_lines,
    shared_spending,
    split_lines,
    split_spending,
    standing_statuses,
    submission_grid,
    task_statuses,
    year_budget,
)
from apmon.sync.findings import ConsolidationSettings
from apmon.templates.layout import ASSESSMENTS, institution_budget_lines, reporting_institutions

COUNCIL_MAX_DAYS = 60  # seed 10.2: the Council is informed at least every 60 days
_FROZEN = ConfigDict(frozen=True)


class Basis(BaseModel):
    """The data a report was made from: the ledger's last sync run finished by the cut-off, and the cut-off itself
    (versions that arrived later are not counted)."""

    model_config = _FROZEN

    run_id: int | None
    run_finished_at: dt.datetime | None
    cut_off: dt.datetime
    reproduced: bool = False  # made again with --as-of
    # of a configured day ([sync] as_of): the versions submitted by its end count, also those read later
    by_submission: bool = False


class Reporting(BaseModel):
    model_config = _FROZEN

    institution: str
    state: SubmissionState
    days_late: int | None = None
    newer_invalid: bool = False  # counted by its valid version; a newer one sent since is invalid


class TaskLine(BaseModel):
    model_config = _FROZEN

    task: str
    activity: str
    lead: list[str]
    deadline: dt.date
    status: str | None  # None: no lead reported on it


class ProblemLine(BaseModel):
    model_config = _FROZEN

    period: str
    institution: str
    task: str
    kind: Literal["problem", "risk"]
    text: str
    measures: str = ""


class BudgetRow(BaseModel):
    """An institution's money of the year in one currency."""

    model_config = _FROZEN

    institution: str
    currency: str = "RSD"
    planned: Decimal
    spent: Decimal | None  # None: no spending given for money planned (a gap, never a zero)
    share: Decimal | None  # spent / planned
    reported: bool = True  # an accepted report of the year came in (a gap without one is "no report")


class BudgetTotal(BaseModel):
    """The rows of one currency added up. A row with no spending given is left out of the share: its plan is
    not 0% spent, its spending is unknown; `missing` names it and `planned` still holds its plan."""

    model_config = _FROZEN

    currency: str
    planned: Decimal  # every row's
    spent: Decimal  # the rows with spending given
    planned_given: Decimal  # the plan of those rows: the share is counted on it
    missing: list[tuple[str, Decimal]]  # (institution, planned) of the rows with no spending given

    @property
    def share(self) -> Decimal | None:
        return _share(self.spent, self.planned_given)

    @property
    def none_given(self) -> bool:
        """No row gave its spending: there is no known total, only the gap (not 0 spent of 0 planned)."""
        return bool(self.missing) and not self.planned_given and not self.spent


def budget_totals(rows: Iterable[BudgetRow | YearBudgetRow]) -> list[BudgetTotal]:
    """Per currency, in the order the rows give them: what was planned, and what was spent against the plan of
    those who gave their spending."""
    by_currency: dict[str, list[BudgetRow | YearBudgetRow]] = defaultdict(list)
    for row in rows:
        by_currency[row.currency].append(row)
    return [
        BudgetTotal(
            currency=currency,
            planned=sum((r.planned for r in mine), Decimal(0)),
            spent=sum((r.spent for r in mine if r.spent is not None), Decimal(0)),
            planned_given=sum((r.planned for r in mine if r.spent is not None), Decimal(0)),
            missing=_planned_by_institution(r for r in mine if r.spent is None and r.planned),
        )
        for currency, mine in by_currency.items()
    ]


def _planned_by_institution(rows: Iterable[BudgetRow | YearBudgetRow]) -> list[tuple[str, Decimal]]:
    """(institution, planned) in the rows' order, an institution of several rows (sources) once."""
    planned: dict[str, Decimal] = {}
    for row in rows:
        planned[row.institution] = planned.get(row.institution, Decimal(0)) + row.planned
    return list(planned.items())


class IndicatorLine(BaseModel):
    model_config = _FROZEN

    indicator: str
    institution: str
    total: int | None
    women: int | None
    men: int | None
    girls: int | None
    boys: int | None
    year_to_date: int | None
    value: str = ""
    # Of a flow: the months of the year before this one (from the first monitored) whose report the institution owed
    # and no valid version of came (missing, invalid, not read): its year to date adds up the others alone.
    months_missing: list[str] = []


class ObjectiveStatus(BaseModel):
    """Tasks of an objective by status (STATUS_ORDER, then "none": not reported)."""

    model_config = _FROZEN

    objective: str
    counts: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())


class Change(BaseModel):
    """One figure of the brief, then (the previous brief) and now."""

    model_config = _FROZEN

    measure: Literal["reported", "missing", "invalid", "completed", "overdue", "delayed", "problems", "spent"]
    previous: Decimal
    now: Decimal


class Arrived(BaseModel):
    """A report for an earlier month that came in since the previous brief."""

    model_config = _FROZEN

    institution: str
    period: str
    on_time: bool | None
    days_late: int | None


class Corrected(BaseModel):
    """A report for an earlier month that an earlier brief counted, sent again since the previous brief with other
    content: its figures in this brief are the corrected ones."""

    model_config = _FROZEN

    institution: str
    period: str


class MinisterBrief(BaseModel):
    model_config = _FROZEN

    period: str
    due: dt.date
    basis: Basis
    reporting: list[Reporting]
    completed: list[TaskLine]  # completed in the month
    overdue: list[TaskLine]  # deadline passed by the month's end, not completed
    delayed: list[TaskLine]
    problems: list[ProblemLine]
    budget_year: int
    budget: list[BudgetRow]
    indicators: list[IndicatorLine]
    objectives: list[ObjectiveStatus]
    tasks_total: int
    tasks_completed: int  # to date
    previous_cut_off: dt.datetime | None = None
    changes: list[Change] = []
    arrived: list[Arrived] = []
    corrected: list[Corrected] = []
    period_money: dict[str, Decimal] = {}  # currency -> the lines of the whole plan period (no year): no year has them
    shared: list[SharedLine] = []  # the year's lines more than one institution reported spending on
    split: list[SplitLine] = []  # the year's lines a split ministry and its successor each gave their months of

    def count(self, state: SubmissionState) -> int:
        return sum(1 for r in self.reporting if r.state == state)


class ActivityProgress(BaseModel):
    model_config = _FROZEN

    objective: str
    activity: str  # "" for the objective's own line
    tasks: int
    completed: int
    previous_completed: int  # at the end of the previous span

    @property
    def share(self) -> Decimal:
        return _share(self.completed, self.tasks) or Decimal(0)

    @property
    def change(self) -> Decimal:
        # Rounded once: the difference of two rounded shares can be off by a tenth of a point as printed.
        return _share(self.completed - self.previous_completed, self.tasks) or Decimal(0)


class Discipline(BaseModel):
    model_config = _FROZEN

    institution: str
    on_time: int
    late: int
    invalid: int
    missing: int
    days_late: int  # working days late, added up
    not_read: int = 0  # reports whose file the last sync saw but could not read: not known to be missing


class ResourceLine(BaseModel):
    model_config = _FROZEN

    task: str
    institution: str
    source: str
    amount: Decimal | None
    currency: str | None
    year: int | None
    as_written: Text  # the plan's text of the line, shown in the report's language
    # A line not executed: its institution gave 0 ("none-spent"), left it blank ("not-given"), or sent no report of
    # the year ("no-report"): the last two are gaps, not execution known to be nil.
    spending: Literal["none-spent", "not-given", "no-report"] | None = None


class PreviousCouncil(BaseModel):
    model_config = _FROZEN

    issued_at: dt.datetime
    first: str
    last: str


class CouncilGap(BaseModel):
    """How long the Council waited for this report: from the day the previous Council report was issued (for the
    first one, the start of monitoring) to this one's cut-off (the day it is issued), Belgrade days."""

    model_config = _FROZEN

    previous: dt.date
    this: dt.date
    days: int
    from_start: bool = False  # no earlier Council report in the ledger: `previous` is the start of monitoring


class CouncilReport(BaseModel):
    model_config = _FROZEN

    first: str  # YYYY-MM
    last: str
    days: int  # the span's calendar days
    gap: CouncilGap  # the days since the previous Council report, or since monitoring started
    exceeds: bool  # the Council waited longer than COUNCIL_MAX_DAYS for it
    previous: PreviousCouncil | None
    replaces: dt.date | None = None  # the day of the report of this span issued earlier on this one's day
    basis: Basis
    progress: list[ActivityProgress]
    objectives: list[ObjectiveStatus]
    problems: list[ProblemLine]
    overdue: list[TaskLine]
    not_executed: list[ResourceLine]
    cost_unknown: list[ResourceLine]
    discipline: list[Discipline]
    budgets: list[YearBudget]  # every year of the plan the span touches, oldest first
    period_money: dict[str, Decimal] = {}  # currency -> the lines of the whole plan period (no year): no year has them


class YearBudget(BaseModel):
    """One year's money in a Council report: the lines planned for the year, and the spending each institution's
    newest report of that year gave on them up to the span's end."""

    model_config = _FROZEN

    year: int
    rows: list[BudgetRow]
    shared: list[SharedLine] = []  # the year's lines more than one institution reported spending on
    split: list[SplitLine] = []  # the year's lines a split ministry and its successor each gave their months of


# --- the Minister's brief ---------------------------------------------------------------------------------


def minister_brief(
    plan: Plan,
    registry: InstitutionRegistry,
    accepted: list[Submission],
    latest: list[Submission],
    month: Period,
    basis: Basis,
    policy: DeadlinePolicy,
    previous: MinisterBrief | None = None,
    recorded: Sequence[CoordinatorStatus] = (),
    counted_before: Sequence[Submission] = (),
    not_read: Collection[tuple[str, str]] = (),
    monitored_from: Period | None = None,
) -> MinisterBrief:
    """The brief for `month` from the versions known at `basis.cut_off` (`accepted`, `latest` as consolidation
    takes them); `previous`: the previous month's brief as it was issued, for what changed since, and
    `counted_before` the accepted versions it was made from. `recorded`: the Coordinator's records of task statuses
    known then, each counted from its month (`standing_statuses`). `not_read`: (institution, period) of the reports
    whose file the last sync saw but could not read: shown so, as the master shows them, not as missing.
    `monitored_from`: the first month monitored (none is owed before it); January of the year if not given."""
    if month.month is None:
        raise ValueError(f"a brief is for a month (YYYY-MM), not {month}")
    grid = submission_grid(
        plan, registry, accepted, latest, _settings(month, month, belgrade_day(basis.cut_off), policy, not_read)
    )
    reporting = [
        Reporting(institution=code, state=c.state, days_late=c.days_late, newer_invalid=c.newer_invalid)
        for code, cells in _asked(grid, registry).items()
        for c in cells  # none where the month is not one it reports for
    ]
    to_month = _reports_to(accepted, month)
    now = task_statuses(plan, registry, to_month, standing_statuses(recorded, month))
    before_month = month_before(month)
    before = task_statuses(
        plan, registry, _reports_to(accepted, before_month), standing_statuses(recorded, before_month)
    )
    lines = _task_lines(plan, now, month)
    in_month = [r for r in _reports(accepted) if r.period == str(month)]
    budgets = newest_budgets(plan, to_month)
    brief = MinisterBrief(
        period=str(month),
        due=WorkingCalendar(policy).due_date(month).due,
        basis=basis,
        reporting=reporting,
        completed=[t for t in lines if t.status == "completed" and before[t.task] != "completed"],
        overdue=_overdue(plan, lines, month),
        delayed=[t for t in lines if t.status == "delayed"],
        problems=_problems(in_month),
        budget_year=month.year,
        budget=_budget(plan, registry, budgets, month.year),
        period_money=plan_period_money(plan),
        shared=shared_spending(plan, budgets, {month.year}),
        split=split_spending(plan, budgets, {month.year}),
        indicators=_indicators(
            plan,
            to_month,
            month,
            _months_lacking(plan, registry, accepted, latest, month, basis, policy, not_read, monitored_from),
        ),
        objectives=_objectives(plan, now),
        tasks_total=len(lines),
        tasks_completed=sum(1 for t in lines if t.status == "completed"),
    )
    if previous is None:
        return brief
    # A report for an earlier month whose version that counts came since the previous brief: newly arrived when no
    # brief counted a valid version of it before; else a correction of what one counted, named as such when what
    # it reports differs (one sent again as it was changes nothing the Minister read).
    counted = {(s.institution, s.period): s.report for s in counted_before if s.kind == "monthly"}
    arrived: list[Arrived] = []
    corrected: list[Corrected] = []
    for s in accepted:
        if s.kind != "monthly" or s.received_at <= previous.basis.cut_off or (s.period or "") >= str(month):
            continue
        institution, period = s.institution or "", s.period or ""
        if (s.institution, s.period) not in counted:
            arrived.append(Arrived(institution=institution, period=period, on_time=s.on_time, days_late=s.days_late))
        elif _what_it_reports(s.report) != _what_it_reports(counted[(s.institution, s.period)]):
            corrected.append(Corrected(institution=institution, period=period))
    return brief.model_copy(
        update={
            "previous_cut_off": previous.basis.cut_off,
            "changes": _changes(previous, brief),
            "arrived": arrived,
            "corrected": corrected,
        }
    )


# Where each value was typed (sheet, row, cell), not what it is: a report moved to another template says the same.
_PLACES = {"__all__": {"sheet", "row", "cells"}}


def _what_it_reports(report: Report | None) -> dict[str, object] | None:
    """A report's values, without who prepared it, when, in which template and language, and where each was typed."""
    if report is None:
        return None
    parts = ("tasks", "activities", "budget", "indicators", "problems", "observations")
    return report.model_dump(include={*parts, "narrative"}, exclude=dict.fromkeys(parts, _PLACES))


def _changes(previous: MinisterBrief, now: MinisterBrief) -> list[Change]:
    def figures(b: MinisterBrief) -> dict[str, Decimal]:
        return {
            "reported": Decimal(b.count("on-time") + b.count("late")),
            "missing": Decimal(b.count("missing")),
            "invalid": Decimal(b.count("invalid")),
            "completed": Decimal(b.tasks_completed),
            "overdue": Decimal(len(b.overdue)),
            "delayed": Decimal(len(b.delayed)),
            "problems": Decimal(len(b.problems)),
            "spent": sum((r.spent or Decimal(0) for r in b.budget if r.currency == "RSD"), Decimal(0)),  # as given
        }

    then, current = figures(previous), figures(now)
    # The year's spending starts again each January: December's figure is another year's, not the one before it.
    comparable = [k for k in current if k != "spent" or previous.budget_year == now.budget_year]
    return [Change(measure=k, previous=then[k], now=current[k]) for k in comparable]


# --- the Council report -----------------------------------------------------------------------------------


def council_span(last: Period, first: Period | None, previous_last: Period | None, plan_start: Period) -> Period:
    """The span's first month: `first` when given, else the month after the last Council report's span, else
    the plan's first month."""
    if first is not None:
        return first
    return _month_after(previous_last) if previous_last is not None else plan_start


def span_days(first: Period, last: Period) -> int:
    """Calendar days the span covers, both ends included."""
    return (last.last_day - first.first_day).days + 1


def belgrade_day(moment: dt.datetime) -> dt.date:
    """The day `moment` falls on in Belgrade: a report made just after midnight there is of that day, though UTC's
    is still the day before (deadlines, lateness and the issue date are Belgrade days)."""
    return moment.astimezone(BELGRADE).date()


def council_gap(informed: dt.datetime | None, cut_off: dt.datetime, started: dt.date) -> CouncilGap:
    """The days from `informed` (when the last Council report before this one was issued) to this one's cut-off.
    Seed 10.2 asks the Council be informed at least every 60 days: it is the time between reports that counts, not
    the months a report covers. The first Council report counts from `started`, the start of monitoring: the
    Council has waited for it since then."""
    this = belgrade_day(cut_off)
    if informed is None:
        return CouncilGap(previous=started, this=this, days=(this - started).days, from_start=True)
    previous = belgrade_day(informed)
    return CouncilGap(previous=previous, this=this, days=(this - previous).days)


def _asked(grid: SubmissionGrid, registry: InstitutionRegistry) -> dict[str, list[SubmissionCell]]:
    """Each institution's cells of the months it reports for (`Institution.reports_for`), as the Overview counts
    them: a report that came for another month is shown on the master, not counted."""
    ends = [Period.parse(m).last_day for m in grid.months]
    return {
        code: [c for end, c in zip(ends, cells, strict=True) if registry.get(code).reports_for(end)]
        for code, cells in grid.rows.items()
    }


def council_report(
    plan: Plan,
    registry: InstitutionRegistry,
    accepted: list[Submission],
    latest: list[Submission],
    first: Period,
    last: Period,
    basis: Basis,
    policy: DeadlinePolicy,
    previous: PreviousCouncil | None = None,
    recorded: Sequence[CoordinatorStatus] = (),
    informed: dt.datetime | None = None,
    started: dt.date | None = None,
    not_read: Collection[tuple[str, str]] = (),
    replaces: dt.date | None = None,
) -> CouncilReport:
    """The report to the Council for `first`..`last`. `previous`: the last Council report of an earlier span;
    `informed`: when the last Council report of any span was issued before this one's cut-off, not counting one it
    replaces; `started`: the start of monitoring (default the plan's start), counted from when no Council report
    was issued before. `not_read`: as the brief's (`minister_brief`). `replaces`: the day a report of this span was
    issued before on this report's day (this one made again)."""
    if first.month is None or last.month is None or (last.year, last.month) < (first.year, first.month):
        raise ValueError(f"the span {first}..{last} is not a range of months")
    to_last = _reports_to(accepted, last)
    now = task_statuses(plan, registry, to_last, standing_statuses(recorded, last))
    before = month_before(first)
    then = task_statuses(plan, registry, _reports_to(accepted, before), standing_statuses(recorded, before))
    progress = []
    for objective in plan.objectives:
        rows = []
        for activity in objective.activities:
            ids = [t.id for t in activity.tasks]
            rows.append(
                ActivityProgress(
                    objective=objective.id,
                    activity=activity.id,
                    tasks=len(ids),
                    completed=sum(now[i] == "completed" for i in ids),
                    previous_completed=sum(then[i] == "completed" for i in ids),
                )
            )
        total = ActivityProgress(
            objective=objective.id,
            activity="",
            tasks=sum(r.tasks for r in rows),
            completed=sum(r.completed for r in rows),
            previous_completed=sum(r.previous_completed for r in rows),
        )
        progress += [total, *rows]
    in_span = [r for r in _reports(accepted) if r.kind == "monthly" and str(first) <= r.period <= str(last)]
    grid = submission_grid(
        plan, registry, accepted, latest, _settings(first, last, belgrade_day(basis.cut_off), policy, not_read)
    )
    discipline = [
        Discipline(
            institution=code,
            on_time=sum(c.state == "on-time" for c in cells),
            late=sum(c.state == "late" for c in cells),
            invalid=sum(c.state == "invalid" for c in cells),
            missing=sum(c.state == "missing" for c in cells),
            days_late=sum(c.days_late or 0 for c in cells if c.state == "late"),
            not_read=sum(c.state == "not-read" for c in cells),
        )
        for code, cells in _asked(grid, registry).items()
    ]
    gap = council_gap(informed, basis.cut_off, started or plan.start)
    lines = _task_lines(plan, now, last)
    budgets = newest_budgets(plan, to_last)  # each year's spending: its newest report up to the span's end
    return CouncilReport(
        first=str(first),
        last=str(last),
        days=span_days(first, last),
        gap=gap,
        exceeds=gap.days > COUNCIL_MAX_DAYS,
        previous=previous,
        replaces=replaces,
        basis=basis,
        progress=progress,
        objectives=_objectives(plan, now),
        problems=_problems(in_span),
        overdue=_overdue(plan, lines, last),
        not_executed=_not_executed(plan, registry, to_last, last),
        cost_unknown=[
            ResourceLine(
                task=task.id,
                institution=", ".join(_leads_in(plan, task, line.year)),
                source=line.source,
                amount=None,
                currency=None,
                year=line.year,
                as_written=line.as_written,
            )
            for task, line in plan.budget_lines()
            if line.source == "cost-unknown"
        ],
        discipline=discipline,
        budgets=[
            YearBudget(
                year=year,
                rows=_budget(plan, registry, budgets, year),
                shared=shared_spending(plan, budgets, {year}),
                split=split_spending(plan, budgets, {year}),
            )
            for year in _span_years(plan, first, last)
        ],
        period_money=plan_period_money(plan),
    )


def _leads_in(plan: Plan, task: Task, year: int | None) -> list[str]:
    """The task's leads in `year` (with no year: the plan period's end), as a line's money is held (Plan.account_lines:
    a line of a year before a split is the old ministry's)."""
    return plan.on(dt.date(year, 12, 31) if year else plan.end).task(task.id).lead


def _span_years(plan: Plan, first: Period, last: Period) -> list[int]:
    """The years of the plan the span touches (November 2018 to January 2019: 2018 under a plan ending in 2018);
    the span's last year when it lies outside the plan altogether."""
    years = [y for y in range(first.year, last.year + 1) if plan.start.year <= y <= plan.end.year]
    return years or [last.year]


# --- the annual evaluation ---------------------------------------------------------------------------------


class Decision(BaseModel):
    """The Coordinator's decision on an activity's assessment (an override of the proposed one)."""

    model_config = _FROZEN

    assessment: str
    reason: str
    author: str
    at: dt.datetime
    id: int | None = None  # the ledger's number of the decision


class Comment(BaseModel):
    """A Working Group member's or a civil society representative's comment on an activity."""

    model_config = _FROZEN

    author: str
    text: str
    at: dt.datetime


class ActivityEvaluation(BaseModel):
    """One activity's year: its tasks' statuses at the year's end, its leads' self-assessments (annual reports),
    its indicators reported in the year, the assessment these propose and the Coordinator's decisions."""

    model_config = _FROZEN

    objective: str
    activity: str
    lead: list[str]  # those that held its tasks when they were due (Plan.leads_when_due), as the Status sheet
    # the successors of a split that hold its tasks at the year's end in place of a lead: their word counts for it
    took_over: list[str] = []
    tasks: int
    completed: int
    open: list[tuple[str, str]]  # (task, status or "none") of the tasks not completed
    self_assessed: dict[str, str]  # lead institution -> its assessment in the annual report
    indicators: int
    indicators_reported: int
    proposed: str
    decisions: list[Decision] = []  # oldest first: the last one stands
    comments: list[Comment] = []
    # the leads' reports of the year, (institution, period), whose counted version reached the ledger after the
    # standing decision: the data under it changed since, so the Coordinator reviews it
    since_decision: list[tuple[str, str]] = []

    @property
    def assessment(self) -> str:
        return self.decisions[-1].assessment if self.decisions else self.proposed


class ObjectiveDegree(BaseModel):
    """An objective's degree of implementation: its activities by assessment, its tasks completed."""

    model_config = _FROZEN

    objective: str
    activities: dict[str, int]  # assessment -> activities
    tasks: int
    completed: int

    @property
    def share(self) -> Decimal | None:
        return _share(self.completed, self.tasks)


class YearBudgetRow(BaseModel):
    """Executed against planned for one institution, source and currency in the year; the section 11 total of
    the institution and year beside its state budget row in RSD. `period`: "" for the lines of the year; the plan
    period ("2017-2018") for the lines planned once for the whole period (no year), their spending added up over
    the years to this one, as the master's Budget sheet counts them."""

    model_config = _FROZEN

    institution: str
    source: str
    currency: str
    period: str = ""
    planned: Decimal
    spent: Decimal | None  # None: no report of the year gave spending
    section_11: Decimal | None = None
    # What the task lines plan, set against section 11 (`planned` may hold a section 11 figure with no task line,
    # planned at the institution's level); None: as `planned`
    in_tasks: Decimal | None = None
    reported: bool = True  # the institution sent a report of the year (a gap without one is "no report")
    successors: list[str] = []  # a split ministry's: those whose task lines `in_tasks` holds (Plan.section_11_holder)

    @property
    def difference_11(self) -> Decimal | None:
        """The task lines against section 11, as `apmon plan check` sets them; None without a section 11 figure."""
        return (
            None
            if self.section_11 is None
            else (self.planned if self.in_tasks is None else self.in_tasks) - self.section_11
        )

    @property
    def without_task_lines(self) -> bool:
        """A section 11 figure no task line plans (MKI's): its difference is all of it, and is no overspend."""
        in_tasks = self.planned if self.in_tasks is None else self.in_tasks
        return bool(self.section_11) and in_tasks == 0

    @property
    def share(self) -> Decimal | None:
        return _share(self.spent or 0, self.planned) if self.spent is not None else None


class Challenge(BaseModel):
    model_config = _FROZEN

    institution: str
    part: str  # the annual report's narrative part: "problems" or "challenges"
    text: str


class Measure(BaseModel):
    """A corrective measure an institution proposed for a problem it reported in the year."""

    model_config = _FROZEN

    period: str
    institution: str
    task: str
    problem: str
    measures: str


class AnnualEvaluation(BaseModel):
    model_config = _FROZEN

    year: int
    basis: Basis
    activities: list[ActivityEvaluation]
    objectives: list[ObjectiveDegree]
    statuses: list[ObjectiveStatus]  # tasks by status at the year's end, by objective
    budget: list[YearBudgetRow]
    challenges: list[Challenge]
    measures: list[Measure]
    annual_reports: list[str]  # the institutions whose annual report for the year is in
    annual_due: dt.date | None = None  # the annual reports' due date when it had not passed: provisional
    annual_late: list[tuple[str, int]] = []  # (institution, working days late) of the annual reports sent late
    shared: list[SharedLine] = []  # the lines of the year and of the plan period more than one institution spent on
    split: list[SplitLine] = []  # those a split ministry and its successor each gave their months of

    def count(self, assessment: str) -> int:
        return sum(a.assessment == assessment for a in self.activities)

    def budget_by_institution(self) -> list[BudgetRow]:
        """The year's rows added up per institution and currency (RSD first): the chart's bars, the summary's
        totals. A period line is not the year's plan; spending none of an institution's rows gave is a gap."""
        planned: dict[tuple[str, str], Decimal] = defaultdict(Decimal)
        spent: dict[tuple[str, str], Decimal] = {}  # only what was given
        reported: dict[str, bool] = {}
        for row in self.budget:
            if not row.period:
                key = (row.institution, row.currency)
                planned[key] += row.planned
                if row.spent is not None:
                    spent[key] = spent.get(key, Decimal(0)) + row.spent
                reported[row.institution] = row.reported
        rows = []
        for code, currency in sorted(planned, key=lambda key: CURRENCIES.index(key[1])):  # RSD first, else as given
            p, s = planned[(code, currency)], spent.get((code, currency))
            if p or s:
                share = None if s is None else _share(s, p)
                rows.append(BudgetRow(institution=code, currency=currency, planned=p, spent=s, share=share,
                                      reported=reported[code]))  # fmt: skip
        return rows


# --- the final report of the Strategy period (seed 10.4) --------------------------------------------------------

FINAL_KINDS = ("conclusion", "recommendation", "lesson", "practice")  # in the order the final report prints them
FinalKind = Literal["conclusion", "recommendation", "lesson", "practice"]


class FinalText(BaseModel):
    """One of the Coordinator's conclusions, recommendations, lessons learnt or best practices, as entered."""

    model_config = _FROZEN

    kind: FinalKind
    text: str


def propose(tasks: int, completed: int, open_statuses: Iterable[str], self_assessed: Iterable[str]) -> str:
    """The proposed assessment: completed when every task is; partially completed when some task is completed or
    under way; when no lead reported on any task, the least advanced of the leads' own annual assessments; else
    not completed."""
    statuses = list(open_statuses)
    if tasks and completed == tasks:
        return "completed"
    if completed or any(s in ("in-progress", "delayed") for s in statuses):
        return "partially-completed"
    own = [a for a in self_assessed if a in ASSESSMENTS]
    if own and all(s == "none" for s in statuses):
        return max(own, key=ASSESSMENTS.index)  # ASSESSMENTS runs from the most to the least advanced
    return "not-completed"


def annual_evaluation(
    plan: Plan,
    registry: InstitutionRegistry,
    years: Iterable[YearDigest],
    order: Iterable[tuple[str, str]],
    year: int,
    basis: Basis,
    decisions: dict[str, list[Decision]] | None = None,
    comments: dict[str, list[Comment]] | None = None,
    recorded: Sequence[CoordinatorStatus] = (),
) -> AnnualEvaluation:
    """The evaluation of `year` from the digests of the accepted reports (`digest_years`, `order` as the reports
    came): the years up to `year` give the tasks' statuses at its end, with the Coordinator's records (`recorded`)
    as of its December. `decisions`, `comments`: by activity. `registry`: who is asked for reports, whose word a
    task's status waits for."""
    decisions, comments = decisions or {}, comments or {}
    year_end, whole = Period(year=year).last_day, plan
    plan = plan.on(year_end)  # a year before a split: who led and paid then (Plan.on)
    known = [d for d in years if d.year <= year]
    standing = standing_statuses(recorded, Period(year=year, month=12))
    statuses = digest_task_statuses(plan, registry, known, [o for o in order if int(o[1][:4]) <= year], standing)
    own = {d.institution: d for d in known if d.year == year}
    self_assessed: dict[str, dict[str, str]] = defaultdict(dict)
    for code, digest in own.items():
        if digest.annual:
            for activity_id, assessment, _ in digest.annual[0]:
                if assessment:
                    self_assessed[activity_id][code] = assessment
    reported = {row[0] for d in own.values() for row in d.indicators if row[2] is not None or row[8]}
    activities = []
    for objective in plan.objectives:
        for activity in objective.activities:
            done = sum(statuses[t.id] == "completed" for t in activity.tasks)
            still = [(t.id, statuses[t.id] or "none") for t in activity.tasks if statuses[t.id] != "completed"]
            # its leads as the Status sheet names them: those that held its tasks when due (Plan.leads_when_due);
            # a successor that holds them at the year's end speaks for them too (its annual report, its reports)
            lead = sorted({code for t in activity.tasks for code in whole.leads_when_due(t.id, year_end)})
            took_over = sorted({code for t in activity.tasks for code in t.lead} - set(lead))
            assessed = {c: a for c, a in self_assessed.get(activity.id, {}).items() if c in lead or c in took_over}
            activities.append(
                ActivityEvaluation(
                    objective=objective.id,
                    activity=activity.id,
                    lead=lead,
                    took_over=took_over,
                    tasks=len(activity.tasks),
                    completed=done,
                    open=still,
                    self_assessed=assessed,
                    indicators=len(activity.indicators),
                    indicators_reported=sum(i.id in reported for i in activity.indicators),
                    proposed=propose(len(activity.tasks), done, (s for _, s in still), assessed.values()),
                    decisions=decisions.get(activity.id, []),
                    comments=comments.get(activity.id, []),
                )
            )
    degrees = []
    for objective in plan.objectives:
        mine = [a for a in activities if a.objective == objective.id]
        degrees.append(
            ObjectiveDegree(
                objective=objective.id,
                activities={s: sum(a.assessment == s for a in mine) for s in ASSESSMENTS},
                tasks=sum(a.tasks for a in mine),
                completed=sum(a.completed for a in mine),
            )
        )
    return AnnualEvaluation(
        year=year,
        basis=basis,
        activities=activities,
        objectives=degrees,
        statuses=_objectives(plan, statuses),
        budget=_year_budget(plan, known, year),
        challenges=[
            Challenge(institution=code, part=part, text=text)
            for code, d in sorted(own.items())
            if d.annual
            for part, text in d.annual[1].items()
            if part in ("problems", "challenges") and text
        ],
        measures=_measures(own),
        # counted for a year it reports for (its December: Institution.reports_for); another's is shown, not counted
        annual_reports=sorted(
            code
            for code, d in own.items()
            if d.annual and (code not in registry or registry.get(code).reports_for(Period(year=year).last_day))
        ),
        shared=shared_lines(plan, _newest_budgets(plan, known), {year, None}),
        split=split_lines(plan, _newest_budgets(plan, known), {year, None}),
    )


def annual_evaluation_of(
    plan: Plan,
    registry: InstitutionRegistry,
    accepted: list[Submission],
    year: int,
    basis: Basis,
    decisions: dict[str, list[Decision]] | None = None,
    comments: dict[str, list[Comment]] | None = None,
    recorded: Sequence[CoordinatorStatus] = (),
) -> AnnualEvaluation:
    """`annual_evaluation` from the accepted submissions, as consolidation takes their reports."""
    reports = _reports(accepted)
    order = [(r.institution, r.period) for r in reports]
    evaluation = annual_evaluation(
        plan, registry, digest_years(reports), order, year, basis, decisions, comments, recorded
    )
    return with_arrivals(evaluation, accepted)


def with_arrivals(evaluation: AnnualEvaluation, accepted: Iterable[Submission]) -> AnnualEvaluation:
    """`evaluation` with what the accepted versions' arrival times tell: each standing decision's leads' reports
    that came after it (`since_decision`), and who sent the annual report late (`annual_late`). The annual
    evaluation and the master's Evaluation sheet alike; `accepted` with or without their reports read."""
    year = evaluation.year
    # the report's own institution and period, else the ledger's (the same, kept beside the version)
    keyed = [((s.report.institution, s.report.period) if s.report else (s.institution, s.period), s) for s in accepted]
    known = [(code, period, s) for (code, period), s in keyed if code and period]
    arrived = {(code, period): s.received_at for code, period, s in known}
    # late by the report's first valid version, as the Submissions sheet says it (a correction never makes it late)
    late = sorted((code, s.days_late or 0) for code, period, s in known if period == str(year) and s.on_time is False)
    activities = [_since_decision(a, arrived, year) for a in evaluation.activities]
    return evaluation.model_copy(update={"activities": activities, "annual_late": late})


def annual_not_yet_due(deadlines: DeadlinePolicy, year: int, day: dt.date) -> dt.date | None:
    """The due date of `year`'s annual reports (15 February, moved to a working day) when it has not passed by `day`
    (Belgrade's; reports may still come on the due day itself): an evaluation made then is provisional."""
    due = WorkingCalendar(deadlines).due_date(Period(year=year)).due
    return due if day <= due else None


def _since_decision(
    a: ActivityEvaluation, arrived: dict[tuple[str, str], dt.datetime], year: int
) -> ActivityEvaluation:
    """`a` with the leads' reports of `year` (monthly or annual) that reached the ledger after its standing decision."""
    if not a.decisions:
        return a
    decided = a.decisions[-1].at  # a version of the same moment may be unseen: only a later decision reviewed it
    late = sorted(
        {
            key
            for key, at in arrived.items()
            if key[0] in (*a.lead, *a.took_over) and key[1][:4] == str(year) and at >= decided
        },
        key=lambda key: (key[0], period_order(key[1])),
    )
    return a.model_copy(update={"since_decision": late})


def _year_budget(plan: Plan, known: list[YearDigest], year: int) -> list[YearBudgetRow]:
    """As the master's Budget sheet counts them, for the year: each plan line once in its owner's row, spending
    from each institution's newest report of the year on the line's owner's row. A line with no year is the plan
    period's: its own row, planned once, with its spending in every year up to this one (`known`: the digests of
    the years up to `year`), never in the year's row, whose plan does not hold it."""
    accounts = {a.line_id: a for a in plan.account_lines()}
    whole = plan.period_label()
    planned: dict[tuple[str, str, str, str], Decimal] = defaultdict(Decimal)
    in_tasks: dict[tuple[str, str, str, str], Decimal] = defaultdict(Decimal)  # section 11's own figures aside
    successors: dict[tuple[str, str, str, str], set[str]] = defaultdict(set)
    for account in accounts.values():
        line = account.line
        if line.year in (year, None) and line.amount is not None and line.currency:
            row = (account.owner, line.source, line.currency, "" if line.year else whole)
            planned[row] += line.amount
            if account.task_id:  # set against the figure they count toward (a split ministry's: its successors')
                holder = plan.section_11_holder(account.owner, year) if line.year else account.owner
                in_tasks[(holder, *row[1:])] += line.amount
                if holder != account.owner:
                    successors[(holder, *row[1:])].add(account.owner)
    spent: dict[tuple[str, str, str, str], Decimal] = {}
    for (code, digest_year), newest in _newest_by_year(plan, known).items():
        for line_id, currency, amount in newest.budget:
            if amount is None or not currency:
                continue
            known_line = accounts.get(line_id)  # a line the plan no longer has stays in the reporter's row
            for_period = known_line is not None and known_line.line.year is None
            if digest_year != year and not for_period:
                continue  # an earlier year's line: that year's figure
            if known_line is None:
                key = (code, "?", currency, "")
            else:
                key = (known_line.owner, known_line.line.source, currency, whole if for_period else "")
            spent[key] = spent.get(key, Decimal(0)) + Decimal(amount)
    totals = {t.institution: t.amount for t in plan.financial_effects.action_plan.totals if t.year == year}
    held = {key for key in in_tasks if key[0] in totals and key[1:] == ("state-budget", "RSD", "")}
    return [
        YearBudgetRow(
            institution=code,
            source=source,
            currency=currency,
            period=period,
            planned=planned.get((code, source, currency, period), Decimal(0)),
            spent=spent.get((code, source, currency, period)),
            section_11=totals.get(code) if (source, currency, period) == ("state-budget", "RSD", "") else None,
            in_tasks=in_tasks.get((code, source, currency, period), Decimal(0)),
            reported=any(d.institution == code for d in known if d.year == year),
            successors=sorted(successors.get((code, source, currency, period), ())),
        )
        for code, source, currency, period in sorted(set(planned) | set(spent) | held)
    ]


def _newest_by_year(plan: Plan, known: Iterable[YearDigest]) -> NewestBudgets:
    """Each digest's newest report of the year, as the master's Budget counts it (each month once: `counted_once`)."""
    return counted_once(plan, {(d.institution, d.year): year_budget(d.latest) for d in known if d.latest})


def _newest_budgets(plan: Plan, known: Iterable[YearDigest]) -> Iterator[tuple[str, NewestBudget]]:
    """(institution, its newest report of the year) of each digest, as `shared_lines` takes them."""
    return ((code, newest) for (code, _), newest in _newest_by_year(plan, known).items())


def _measures(own: dict[str, YearDigest]) -> list[Measure]:
    """The year's problems with a corrective measure proposed, each problem and measure once per institution."""
    found: dict[tuple[str, str, str, str], Measure] = {}
    for code, digest in own.items():
        for period, task, _, problem, measures, _ in digest.problems:
            if measures:
                key = (code, task, " ".join(problem.casefold().split()), " ".join(measures.casefold().split()))
                found.setdefault(
                    key, Measure(period=period, institution=code, task=task, problem=problem, measures=measures)
                )
    return sorted(found.values(), key=lambda m: (period_order(m.period), m.institution, _id_key(m.task or "0")))


# --- shared parts -----------------------------------------------------------------------------------------


def _settings(
    first: Period, last: Period, as_of: dt.date, policy: DeadlinePolicy, not_read: Collection[tuple[str, str]] = ()
) -> ConsolidationSettings:
    shown = tuple(sorted(set(not_read)))
    return ConsolidationSettings(first=first, last=last, as_of=as_of, deadlines=policy, not_read=shown)


def _month_after(month: Period) -> Period:
    assert month.month is not None
    return Period(year=month.year + 1, month=1) if month.month == 12 else Period(year=month.year, month=month.month + 1)


def _reports(accepted: Iterable[Submission]) -> list[Report]:
    """The accepted reports as consolidation takes them: oldest period first."""
    return sorted((s.report for s in accepted if s.report), key=lambda r: period_order(r.period))


def _reports_to(accepted: Iterable[Submission], month: Period) -> list[Report]:
    """The accepted reports of periods ending by the end of `month` (an annual report once its year is over)."""
    return [r for r in _reports(accepted) if Period.parse(r.period).last_day <= month.last_day]


def _overdue(plan: Plan, lines: list[TaskLine], month: Period) -> list[TaskLine]:
    """The tasks overdue by the end of `month`: a dated deadline passed and not completed (a continuous task still
    open when its period ended is not late: `Deadline.state`)."""
    after = month.last_day + dt.timedelta(days=1)
    return [t for t in lines if plan.activity_of(t.task).deadline.state(t.status, after) == "overdue"]


def _task_lines(plan: Plan, statuses: dict[str, str | None], month: Period) -> list[TaskLine]:
    """Every task with its status at the end of `month`, and its leads as they held it when it was due, or at the end
    of `month` for a task not yet due then (Plan.leads_when_due)."""
    return [
        TaskLine(
            task=task.id,
            activity=activity.id,
            lead=plan.leads_when_due(task.id, month.last_day),
            deadline=activity.deadline.end,
            status=statuses[task.id],
        )
        for activity in plan.activities()
        for task in activity.tasks
    ]


def _objectives(plan: Plan, statuses: dict[str, str | None]) -> list[ObjectiveStatus]:
    found = []
    for objective in plan.objectives:
        counts = {s: 0 for s in (*STATUS_ORDER, "none")}
        for activity in objective.activities:
            for task in activity.tasks:
                counts[statuses[task.id] or "none"] += 1
        found.append(ObjectiveStatus(objective=objective.id, counts=counts))
    return found


def _problems(reports: Iterable[Report]) -> list[ProblemLine]:
    """Every problem and risk written in a task's row, every problem of the problems sheet (one typed in its task's
    row already is listed once, as the master lists it), and the problems (with the proposals as measures) of a
    Working Group member's short report."""
    found = []
    for report in reports:
        in_task_rows = set()
        for entry in report.tasks:
            if entry.problems:
                found.append(_problem_line(report, entry.task_id, "problem", entry.problems, entry.measures))
                in_task_rows.add((entry.task_id, same_words(entry.problems)))
            if entry.risks:
                found.append(_problem_line(report, entry.task_id, "risk", entry.risks, entry.measures))
        for problem in report.problems:
            if not problem.description and not problem.measures:
                continue  # a task chosen and nothing typed says nothing (the rules warn of the row)
            if (problem.task_id, same_words(problem.description)) not in in_task_rows:
                # measures with no problem typed are listed as the master lists them: what was reported reaches all
                found.append(
                    _problem_line(report, problem.task_id or "", "problem", problem.description or "", problem.measures)
                )
        if report.duty == "member" and report.narrative.get("problems"):
            said = report.narrative
            found.append(_problem_line(report, "", "problem", said["problems"] or "", said.get("proposals")))
    return sorted(found, key=lambda p: (period_order(p.period), p.institution, p.task))


def _problem_line(
    report: Report, task: str, kind: Literal["problem", "risk"], text: str, measures: str | None
) -> ProblemLine:
    return ProblemLine(
        period=report.period, institution=report.institution, task=task, kind=kind, text=text, measures=measures or ""
    )


def _budget(plan: Plan, registry: InstitutionRegistry, budgets: NewestBudgets, year: int) -> list[BudgetRow]:
    """The year's money by institution (`budgets`: `newest_budgets`), the RSD rows first, then the EUR rows (never
    added to them)."""
    money = budget_by_institution(plan, budgets, year)
    rows = []
    for currency in CURRENCIES:
        for code in registry.codes:  # every owner of plan money, whether or not it is asked for reports
            p, s = money.planned.get((code, currency), Decimal(0)), money.spent_of(code, currency)
            if p or s:
                share = _share(s, p) if s is not None else None
                rows.append(BudgetRow(institution=code, currency=currency, planned=p, spent=s, share=share,
                                      reported=code in money.reported))  # fmt: skip
    return rows


def _months_lacking(
    plan: Plan,
    registry: InstitutionRegistry,
    accepted: list[Submission],
    latest: list[Submission],
    month: Period,
    basis: Basis,
    policy: DeadlinePolicy,
    not_read: Collection[tuple[str, str]],
    monitored_from: Period | None,
) -> dict[str, list[str]]:
    """Each institution's months of `month`'s year before it, from the first monitored, whose report it owed and has
    no valid version of (missing, invalid or not read), as the master's Submissions sheet shows them."""
    assert month.month is not None
    first = Period(year=month.year, month=1)
    if monitored_from is not None and (monitored_from.year, monitored_from.month or 1) > (first.year, 1):
        first = Period(year=monitored_from.year, month=monitored_from.month or 1)
    if (first.year, first.month) >= (month.year, month.month):
        return {}  # no month of the year before this one is owed
    settings = _settings(first, month_before(month), belgrade_day(basis.cut_off), policy, not_read)
    grid = submission_grid(plan, registry, accepted, latest, settings)
    lacking: dict[str, list[str]] = {}
    for code, cells in grid.rows.items():
        owed = registry.get(code)
        for period, cell in zip(grid.months, cells, strict=True):
            if owed.reports_for(Period.parse(period).last_day) and cell.state in GAP_STATES:
                lacking.setdefault(code, []).append(period)
    return lacking


GAP_STATES = ("missing", "invalid", "not-read")  # a month of these adds nothing to a flow's year: a gap, not a zero


def _indicators(
    plan: Plan, reports: list[Report], month: Period, lacking: Mapping[str, list[str]] | None = None
) -> list[IndicatorLine]:
    """The month's counts (a flow: the month's number) and texts that differ from the institution's previous
    report, with the breakdown and the year's figure so far: a flow's months added up, a stock's level now (a
    level is not added up over the months, as the master's Indicators sheet counts it). A flow's 0 is a month in
    which nothing happened and is left out; a stock's 0 is a level, shown when it is new: the first level the
    institution gives in the year, or a fall to 0."""
    stocks = {i.id for i in plan.indicators() if i.measure == "stock"}
    running: dict[tuple[str, str], int] = defaultdict(int)
    last_level: dict[tuple[str, str], int] = {}  # a stock's level before this report, per indicator and institution
    last_text: dict[tuple[str, str], str] = {}
    found = []
    for report in reports:
        if report.kind != "monthly" or Period.parse(report.period).year != month.year:
            continue
        for e in report.indicators:
            key = (e.indicator_id, report.institution)
            new_level = e.indicator_id in stocks and e.total is not None and last_level.get(key) != e.total
            if e.total is not None:
                running[key] = e.total if e.indicator_id in stocks else running[key] + e.total
                if e.indicator_id in stocks:
                    last_level[key] = e.total
            text_changed = bool(e.value) and e.value != last_text.get(key)
            if e.value:
                last_text[key] = e.value
            if report.period == str(month) and (e.total or new_level or text_changed):
                found.append(
                    IndicatorLine(
                        indicator=e.indicator_id,
                        institution=report.institution,
                        total=e.total,
                        women=e.women,
                        men=e.men,
                        girls=e.girls,
                        boys=e.boys,
                        year_to_date=running[key] if e.total is not None else None,
                        value=e.value or "",
                        months_missing=[]
                        if e.indicator_id in stocks or e.total is None
                        else (lacking or {}).get(report.institution, []),
                    )
                )
    # Counts first (a brief that prints a few shows numbers), then texts that changed.
    return sorted(found, key=lambda i: (i.total is None, _id_key(i.indicator), i.institution))


def _not_executed(plan: Plan, registry: InstitutionRegistry, reports: list[Report], last: Period) -> list[ResourceLine]:
    """Planned lines with an amount, of the years up to the span's, on which the reports of that year show nothing
    spent by the last figure given (`reports` oldest period first; a blank keeps the last). A line's spending is its
    owner's whoever reported it, as on the master's Budget sheet: a line moved to a successor keeps what the
    ministry it took over from spent on it."""
    given: dict[tuple[str, str, int], Decimal] = {}  # (institution, line, year) -> the year's last spent given
    stated: set[tuple[str, int]] = set()  # (line, year) with a spending given, 0 too
    reported: set[tuple[str, int]] = set()  # (institution, year) with a report
    for report in reports:
        year_of = Period.parse(report.period).year
        given |= {(report.institution, e.line_id, year_of): e.spent_year for e in report.budget if e.spent_year}
        stated |= {(e.line_id, year_of) for e in report.budget if e.spent_year is not None}
        reported.add((report.institution, year_of))
    found: dict[str, ResourceLine] = {}
    spent = {(line_id, y): amount for (_, line_id, y), amount in given.items()}
    for code in reporting_institutions(plan, registry):
        years = range(plan.start.year, last.year + 1)
        for year in years:
            for line_id, task_id, _, line in institution_budget_lines(plan, code, year):
                # A line with no year is planned once for the period: not executed while no year so far spent on it.
                in_years = years if line.year is None else [year]
                on_it = [spent.get((line_id, y)) for y in in_years]
                if line.amount and not any(on_it):
                    if any((line_id, y) in stated for y in in_years):
                        spending = "none-spent"
                    elif any((code, y) in reported for y in in_years):
                        spending = "not-given"
                    else:
                        spending = "no-report"
                    found[line_id] = ResourceLine(
                        task=task_id,
                        institution=code,
                        source=line.source,
                        amount=line.amount,
                        currency=line.currency,
                        year=line.year,
                        as_written=line.as_written,
                        spending=spending,
                    )
    return sorted(found.values(), key=lambda r: (r.year or 0, _id_key(r.task), r.institution))


def _id_key(element_id: str) -> tuple[int, ...]:
    return tuple(int(p) for p in element_id.replace("i", "").split(".") if p.isdigit())


def _share(part: Decimal | int, whole: Decimal | int) -> Decimal | None:
    """part / whole unrounded: the page (or the cell's format) rounds it once."""
    return None if not whole else Decimal(part) / Decimal(whole)
