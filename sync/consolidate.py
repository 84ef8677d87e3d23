"""Consolidation, pure: the institutions' submissions -> the Coordinator's Tables.

No I/O: the sync passes in what the ledger holds, and the writers render the
result into the master workbook (xlsx, Google Sheets, or an open workbook).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from schemas.calendar import DeadlinePolicy, Period, ReportKind, WorkingCalendar
from schemas.institutions import InstitutionRegistry
from schemas.plan import Plan
from schemas.report import Report
from schemas.tables import Chart, Highlight, Mark, Table, TableColumn
from templates.build import reporting_institutions
from templates.layout import institution_budget_lines, institution_tasks

STATUS_ORDER = ("completed", "in-progress", "delayed", "not-started")
STATUS_SHOWN = {
    "completed": "completed",
    "in-progress": "in progress",
    "delayed": "delayed",
    "not-started": "not started",
}


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
    on_time: bool | None = None
    days_late: int | None = None
    issues: list[dict[str, Any]] = Field(default_factory=list)
    report: Report | None = None
    deleted_at_source: bool = False


class Settings(BaseModel):
    model_config = ConfigDict(frozen=True)

    first: Period
    last: Period
    as_of: dt.date
    eur_to_rsd: dict[int, Decimal] = Field(default_factory=dict, description="Exchange rate per year.")
    deadlines: DeadlinePolicy = DeadlinePolicy()


def consolidate(
    plan: Plan,
    registry: InstitutionRegistry,
    accepted: list[Submission],
    latest: list[Submission],
    settings: Settings,
) -> list[Table]:
    """`accepted`: the newest valid version per (institution, period). `latest`: the newest version per
    (institution, period) whatever its state, plus unreadable files."""
    received = _Received(accepted, latest, _months(settings.first, settings.last), settings)
    reports = sorted((s.report for s in accepted if s.report), key=lambda r: r.period)
    status = _task_status(reports)
    return [
        _overview(plan, registry, accepted, received, status, settings),
        _objectives(plan, status),
        _submissions(plan, registry, received, settings),
        _status(plan, registry, status, settings),
        _budget(plan, registry, reports, settings),
        _indicators(plan, reports),
        _problems(reports),
        _issues(latest),
    ]


# --- helpers ------------------------------------------------------------------


def _months(first: Period, last: Period) -> list[Period]:
    months, year, month = [], first.year, first.month or 1
    while (year, month) <= (last.year, last.month or 12):
        months.append(Period(year=year, month=month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


class _Received:
    """What came in, by (institution, period), and when each month's report is due."""

    def __init__(self, accepted: list[Submission], latest: list[Submission], months: list[Period], settings: Settings):
        self.accepted = {(s.institution, s.period): s for s in accepted}
        self.latest = {(s.institution, s.period): s for s in latest if s.institution}
        calendar = WorkingCalendar(settings.deadlines)
        self.months = months
        self.due = {str(m): calendar.due_date(m).due for m in months}
        self.due_months = [m for m in months if self.due[str(m)] <= settings.as_of]


class _TaskView(BaseModel):
    """What the latest accepted reports say about one task."""

    lead_status: dict[str, str] = Field(default_factory=dict)  # lead institution -> status
    partner_status: dict[str, str] = Field(default_factory=dict)
    progress: str = ""
    period: str = ""
    assessment: str | None = None


def _task_status(reports: Iterable[Report]) -> dict[str, _TaskView]:
    """Per task, the newest status each institution reported (reports come oldest first)."""
    views: dict[str, _TaskView] = defaultdict(_TaskView)
    for report in reports:
        for entry in report.tasks:
            view = views[entry.task_id]
            if entry.status:
                target = view.lead_status if entry.role == "lead" else view.partner_status
                target[report.institution] = entry.status
            if entry.role == "lead" and (entry.progress or entry.status):
                view.progress = entry.progress or ""
                view.period = report.period
            if entry.assessment:
                view.assessment = entry.assessment
    return views


def _combined_status(view: _TaskView | None, leads: list[str]) -> str | None:
    """The task's status: the least advanced of its leads' statuses. A task is completed only when every
    lead says so; while some leads have not reported, a completed one counts as in progress."""
    if view is None or not view.lead_status:
        return None
    rank = {s: i for i, s in enumerate(("not-started", "delayed", "in-progress", "completed"))}
    least = min(view.lead_status.values(), key=lambda s: rank.get(s, 0))
    if least == "completed" and any(code not in view.lead_status for code in leads):
        return "in-progress"
    return least


def _share(part: Decimal | int, whole: Decimal | int) -> Decimal | None:
    return None if not whole else (Decimal(part) / Decimal(whole)).quantize(Decimal("0.0001"))


# --- sheets ---------------------------------------------------------------------


def _overview(
    plan: Plan,
    registry: InstitutionRegistry,
    accepted: list[Submission],
    received: _Received,
    status: dict[str, _TaskView],
    settings: Settings,
) -> Table:
    year = settings.last.year
    planned, spent = _budget_by_institution(plan, [s.report for s in accepted if s.report], year)
    accepted_at, latest_at, due_months = received.accepted, received.latest, received.due_months
    rows: list[list[Any]] = []
    highlights = []
    for i, code in enumerate(reporting_institutions(plan, registry)):
        on_time = sum(1 for m in due_months if (s := accepted_at.get((code, str(m)))) and s.on_time)
        late = sum(1 for m in due_months if (s := accepted_at.get((code, str(m)))) and not s.on_time)
        invalid = sum(1 for m in due_months if (code, str(m)) not in accepted_at and (code, str(m)) in latest_at)
        missing = len(due_months) - on_time - late - invalid
        led = [t for t, role in institution_tasks(plan, code) if role == "lead"]
        completed = sum(1 for t in led if _combined_status(status.get(t.id), t.lead) == "completed")
        p, s_ = planned.get(code, Decimal(0)), spent.get(code, Decimal(0))
        rows.append(
            [
                code,
                registry.get(code).name.en,
                on_time,
                late,
                invalid,
                missing,
                len(led),
                completed,
                p,
                s_,
                _share(s_, p),
            ]
        )
        if missing:
            highlights.append(Highlight(row=i, column="missing", mark="missing"))
        if invalid:
            highlights.append(Highlight(row=i, column="invalid", mark="error"))
    total_due = len(due_months) * len(rows)
    reported = sum(int(r[2]) + int(r[3]) for r in rows)
    tasks_total = len(plan.tasks())
    tasks_done = sum(1 for t in plan.tasks() if _combined_status(status.get(t.id), t.lead) == "completed")
    return Table(
        sheet="Overview",
        title="Action Plan monitoring: overview",
        subtitle=f"{plan.id}; reports {settings.first} to {settings.last}; as of {settings.as_of:%d.%m.%Y}",
        columns=[
            TableColumn(key="code", header="Code", width=9),
            TableColumn(key="institution", header="Institution", width=44),
            TableColumn(key="on_time", header="On time", kind="int", width=9),
            TableColumn(key="late", header="Late", kind="int", width=7),
            TableColumn(key="invalid", header="Invalid", kind="int", width=8),
            TableColumn(key="missing", header="Missing", kind="int", width=9),
            TableColumn(key="tasks", header="Tasks led", kind="int", width=9),
            TableColumn(key="completed", header="Completed", kind="int", width=11),
            TableColumn(key="planned", header=f"Planned {year}, RSD", kind="money", width=16),
            TableColumn(key="spent", header=f"Spent {year}, RSD", kind="money", width=16),
            TableColumn(key="execution", header="Execution", kind="percent", width=11),
        ],
        rows=rows,
        highlights=highlights,
        charts=[
            Chart(
                title=f"Budget execution by institution, {year} (RSD)",
                kind="column",
                categories="code",
                series=["planned", "spent"],
                y_title="RSD",
            ),
            Chart(
                title="Status of tasks by objective",
                kind="stacked-column",
                categories="objective",
                series=[*STATUS_ORDER, "none"],
                y_title="Tasks",
                source="Objectives",
            ),
        ],
        notes=[
            f"Reports received: {reported} of {total_due} due ({_pct(reported, total_due)}).",
            f"Tasks completed: {tasks_done} of {tasks_total} ({_pct(tasks_done, tasks_total)}).",
            "Status by objective: the chart draws the Objectives sheet.",
        ],
    )


def _pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:.0f}%" if whole else "-"


def _objectives(plan: Plan, status: dict[str, _TaskView]) -> Table:
    rows = []
    for objective in plan.objectives:
        counts = {s: 0 for s in (*STATUS_ORDER, "none")}
        for activity in objective.activities:
            for task in activity.tasks:
                counts[_combined_status(status.get(task.id), task.lead) or "none"] += 1
        total = sum(counts.values())
        rows.append(
            [
                objective.id,
                objective.title.en,
                *(counts[s] for s in STATUS_ORDER),
                counts["none"],
                _share(counts["completed"], total),
            ]
        )
    return Table(
        sheet="Objectives",
        title="Status of tasks by objective",
        subtitle="Each task counts once, with the least advanced status of its lead institutions.",
        columns=[
            TableColumn(key="objective", header="Objective", width=10),
            TableColumn(key="title", header="Title", width=60),
            *[TableColumn(key=s, header=STATUS_SHOWN[s].capitalize(), kind="int", width=12) for s in STATUS_ORDER],
            TableColumn(key="none", header="Not reported", kind="int", width=13),
            TableColumn(key="share", header="Completed", kind="percent", width=11),
        ],
        rows=rows,
        charts=[
            Chart(
                title="Status of tasks by objective",
                kind="stacked-column",
                categories="objective",
                series=[*STATUS_ORDER, "none"],
                y_title="Tasks",
            ),
        ],
    )


def _submissions(
    plan: Plan,
    registry: InstitutionRegistry,
    received: _Received,
    settings: Settings,
) -> Table:
    months = received.months
    rows, highlights = [], []
    for i, code in enumerate(reporting_institutions(plan, registry)):
        row: list[Any] = [code]
        for month in months:
            key = (code, str(month))
            due = received.due[str(month)]
            shown, mark = _submission_cell(received.accepted.get(key), received.latest.get(key), due, settings)
            row.append(shown)
            if mark:
                highlights.append(Highlight(row=i, column=str(month), mark=mark))
        rows.append(row)
    return Table(
        sheet="Submissions",
        title="Monthly reports by institution",
        subtitle="Due on the 5th working day of the following month. Late: working days after the due date.",
        columns=[TableColumn(key="code", header="Institution", width=11)]
        + [TableColumn(key=str(m), header=str(m), width=12) for m in months],
        rows=rows,
        highlights=highlights,
        notes=["invalid: the newest version has errors (see Issues); the last valid one, if any, is used."],
    )


def _submission_cell(
    good: Submission | None, newest: Submission | None, due: dt.date, settings: Settings
) -> tuple[str, Mark | None]:
    shown = newest or good
    deleted = " (file deleted)" if shown is not None and shown.deleted_at_source else ""
    if newest is not None and not newest.valid:
        return ("invalid" + (", earlier valid" if good else "") + deleted, "error")
    if good is not None:
        if good.on_time:
            return "on time" + deleted, "ok"
        return f"late ({good.days_late or 0})" + deleted, "late"
    if due > settings.as_of:
        return "", None
    return "missing", "missing"


def _status(plan: Plan, registry: InstitutionRegistry, status: dict[str, _TaskView], settings: Settings) -> Table:
    rows, highlights = [], []
    for objective in plan.objectives:
        for activity in objective.activities:
            statuses = [_combined_status(status.get(t.id), t.lead) for t in activity.tasks]
            done = sum(s == "completed" for s in statuses)
            share = _share(done, len(statuses))
            rows.append(["activity", activity.id, activity.title.en, "", "", "", "", "", "", share])
            for task in activity.tasks:
                view = status.get(task.id)
                combined = _combined_status(view, task.lead)
                reported = f"{len(view.lead_status) if view else 0} of {len(task.lead)}"
                overdue = activity.deadline.end < settings.as_of and combined != "completed"
                partners = "; ".join(
                    f"{c}: {STATUS_SHOWN.get(s, s)}" for c, s in sorted((view.partner_status if view else {}).items())
                )
                rows.append(
                    [
                        "task",
                        task.id,
                        task.text.en,
                        ", ".join(task.lead),
                        STATUS_SHOWN.get(combined or "", "not reported"),
                        reported,
                        partners,
                        view.progress if view else "",
                        "overdue" if overdue else "",
                        None,
                    ]
                )
                if overdue:
                    highlights.append(Highlight(row=len(rows) - 1, column="overdue", mark="warning"))
                if combined == "delayed":
                    highlights.append(Highlight(row=len(rows) - 1, column="status", mark="late"))
    return Table(
        sheet="Status",
        title="Status of activities and tasks",
        subtitle="Lead status from the newest accepted report of each lead institution.",
        columns=[
            TableColumn(key="level", header="Level", width=9),
            TableColumn(key="id", header="Id", width=8),
            TableColumn(key="text", header="Activity / task", width=60),
            TableColumn(key="lead", header="Lead", width=14),
            TableColumn(key="status", header="Status", width=13),
            TableColumn(key="leads_reported", header="Leads reported", width=10),
            TableColumn(key="partners", header="Partners' status", width=30),
            TableColumn(key="progress", header="Latest progress", width=60),
            TableColumn(key="overdue", header="Overdue", width=9),
            TableColumn(key="share", header="Tasks completed", kind="percent", width=12),
        ],
        rows=rows,
        highlights=highlights,
    )


def _latest_per_institution_year(reports: list[Report]) -> dict[tuple[str, int], Report]:
    """The newest accepted report of each institution in each year; an annual report counts as the year's last."""
    chosen: dict[tuple[str, int], Report] = {}
    for report in reports:
        key = (report.institution, int(report.period[:4]))
        current = chosen.get(key)
        rank = (report.kind == "annual", report.period)
        if current is None or rank >= (current.kind == "annual", current.period):
            chosen[key] = report
    return chosen


def _budget_by_institution(
    plan: Plan, reports: list[Report | None], year: int
) -> tuple[dict[str, Decimal], dict[str, Decimal]]:
    planned: dict[str, Decimal] = defaultdict(Decimal)
    for _, line in plan.budget_lines():
        if line.payer and line.year == year and line.currency == "RSD" and line.amount is not None:
            planned[line.payer] += line.amount
    spent: dict[str, Decimal] = defaultdict(Decimal)
    for (code, y), report in _latest_per_institution_year([r for r in reports if r]).items():
        if y == year:
            for entry in report.budget:
                if entry.currency == "RSD" and entry.spent_year is not None:
                    spent[code] += entry.spent_year
    return planned, spent


def _budget(plan: Plan, registry: InstitutionRegistry, reports: list[Report], settings: Settings) -> Table:
    # Planned per institution as its templates ask it to account: its own lines, and the donor and TAIEX
    # lines of tasks it leads where the plan names no payer (so a shared TAIEX line counts for each lead).
    planned: dict[tuple[str, str, str, str], Decimal] = defaultdict(Decimal)
    for plan_year in range(plan.start.year, plan.end.year + 1):
        for code in reporting_institutions(plan, registry):
            for _, _, line in institution_budget_lines(plan, code, plan_year):
                if line.amount is not None and line.currency:
                    planned[(code, str(plan_year), line.source, line.currency)] += line.amount
    spent: dict[tuple[str, str, str, str], Decimal] = defaultdict(Decimal)
    sources = {f"{t.id}/{n}": line.source for t in plan.tasks() for n, line in enumerate(t.budget, 1)}
    for (code, report_year), report in _latest_per_institution_year(reports).items():
        for entry in report.budget:
            if entry.spent_year is not None and entry.currency:
                spent[(code, str(report_year), sources.get(entry.line_id, "?"), entry.currency)] += entry.spent_year
    section_11 = {(t.institution, t.year): t.amount for t in plan.financial_effects.action_plan.totals}
    rows, highlights = [], []
    for key in sorted(set(planned) | set(spent)):
        code, year, source, currency = key
        p, s = planned.get(key, Decimal(0)), spent.get(key)
        rate = settings.eur_to_rsd.get(int(year))
        in_rsd = None if s is None else (s if currency == "RSD" else (s * rate if rate else None))
        total_11 = section_11.get((code, int(year))) if source == "state-budget" and currency == "RSD" else None
        rows.append(
            [
                code,
                year,
                source,
                currency,
                p,
                s,
                None if s is None else p - s,
                _share(s or 0, p) if s is not None else None,
                in_rsd,
                total_11,
                None if total_11 is None else p - total_11,
            ]
        )
        if s is not None and s > p:
            highlights.append(Highlight(row=len(rows) - 1, column="spent", mark="warning"))
        if total_11 is not None and p != total_11:
            highlights.append(Highlight(row=len(rows) - 1, column="difference_11", mark="warning"))
    rates = ", ".join(f"{y}: {r}" for y, r in sorted(settings.eur_to_rsd.items())) or "none configured"
    return Table(
        sheet="Budget",
        title="Budget: planned and spent by institution, year, source and currency",
        subtitle="Spent: year to date from the newest accepted report of the year. RSD and EUR are kept apart.",
        columns=[
            TableColumn(key="code", header="Institution", width=11),
            TableColumn(key="year", header="Year", width=7),
            TableColumn(key="source", header="Source", width=14),
            TableColumn(key="currency", header="Currency", width=9),
            TableColumn(key="planned", header="Planned", kind="money", width=15),
            TableColumn(key="spent", header="Spent", kind="money", width=15),
            TableColumn(key="remaining", header="Remaining", kind="money", width=15),
            TableColumn(key="execution", header="Execution", kind="percent", width=10),
            TableColumn(key="in_rsd", header="Spent in RSD", kind="money", width=15),
            TableColumn(key="section_11", header="Section 11 total", kind="money", width=16),
            TableColumn(key="difference_11", header="Plan lines - section 11", kind="money", width=18),
        ],
        rows=rows,
        highlights=highlights,
        notes=[
            f"EUR converted at the configured rate per year ({rates}).",
            "Section 11: the Action Plan's Financial Effects (Part 2) for state-budget RSD lines; "
            "a difference means the plan's task lines and section 11 disagree.",
            "Plan lines that name no year are counted in every year; a TAIEX or donor line with no payer counts for "
            "each institution leading its task.",
        ],
    )


def _indicators(plan: Plan, reports: list[Report]) -> Table:
    texts = {i.id: i.text.en for i in plan.indicators()}
    running: dict[tuple[str, str, int], int] = defaultdict(int)
    rows = []
    for report in reports:
        if report.kind != "monthly":
            continue
        for entry in report.indicators:
            if entry.total is None and not entry.value:
                continue
            key = (entry.indicator_id, report.institution, int(report.period[:4]))
            if entry.total is not None:
                running[key] += entry.total
            rows.append(
                [
                    entry.indicator_id,
                    texts.get(entry.indicator_id, ""),
                    report.institution,
                    report.period,
                    entry.total,
                    running[key] if entry.total is not None else None,
                    entry.women,
                    entry.men,
                    entry.girls,
                    entry.boys,
                    entry.value or "",
                ]
            )
    rows.sort(key=lambda r: (r[0], r[2], r[3]))
    return Table(
        sheet="Indicators",
        title="Indicators by institution and month",
        subtitle="Cumulative: running total within the year.",
        columns=[
            TableColumn(key="indicator", header="Indicator", width=10),
            TableColumn(key="text", header="Indicator text", width=50),
            TableColumn(key="institution", header="Institution", width=11),
            TableColumn(key="period", header="Period", width=9),
            TableColumn(key="value", header="Value", kind="int", width=8),
            TableColumn(key="cumulative", header="Cumulative", kind="int", width=11),
            TableColumn(key="women", header="Women", kind="int", width=8),
            TableColumn(key="men", header="Men", kind="int", width=8),
            TableColumn(key="girls", header="Girls", kind="int", width=8),
            TableColumn(key="boys", header="Boys", kind="int", width=8),
            TableColumn(key="text_value", header="Value (text)", width=40),
        ],
        rows=rows,
    )


def _problems(reports: list[Report]) -> Table:
    rows = []
    for report in reports:
        for entry in report.tasks:
            if entry.problems or entry.risks:
                rows.append(
                    [
                        report.period,
                        report.institution,
                        entry.task_id,
                        "task",
                        entry.problems or "",
                        entry.measures or "",
                        entry.risks or "",
                    ]
                )
        for problem in report.problems:
            rows.append(
                [
                    report.period,
                    report.institution,
                    problem.task_id or "",
                    "problems sheet",
                    problem.description or "",
                    problem.measures or "",
                    "",
                ]
            )
    rows.sort(key=lambda r: (r[0], r[1], r[2]), reverse=False)
    return Table(
        sheet="Problems and risks",
        title="Problems, corrective measures and risks reported",
        columns=[
            TableColumn(key="period", header="Period", width=9),
            TableColumn(key="institution", header="Institution", width=11),
            TableColumn(key="task", header="Task", width=8),
            TableColumn(key="where", header="Reported in", width=14),
            TableColumn(key="problem", header="Problem", width=50),
            TableColumn(key="measures", header="Corrective measures", width=40),
            TableColumn(key="risks", header="Risks that materialised", width=30),
        ],
        rows=rows,
    )


def _issues(latest: list[Submission]) -> Table:
    rows, highlights = [], []
    for sub in sorted(latest, key=lambda s: (s.institution or "~", s.period or "", s.file)):
        for found in sub.issues:
            rows.append(
                [
                    sub.institution or "",
                    sub.period or "",
                    sub.file,
                    found.get("severity", ""),
                    found.get("code", ""),
                    found.get("sheet", ""),
                    found.get("cell", ""),
                    found.get("message", ""),
                ]
            )
            highlights.append(
                Highlight(
                    row=len(rows) - 1,
                    column="severity",
                    mark="error" if found.get("severity") == "error" else "warning",
                )
            )
    return Table(
        sheet="Issues",
        title="Validation issues in the newest version of each report",
        subtitle="Errors keep a version out of the consolidation until the institution sends a corrected one.",
        columns=[
            TableColumn(key="institution", header="Institution", width=11),
            TableColumn(key="period", header="Period", width=9),
            TableColumn(key="file", header="File", width=36),
            TableColumn(key="severity", header="Severity", width=9),
            TableColumn(key="code", header="Code", width=24),
            TableColumn(key="sheet", header="Sheet", width=12),
            TableColumn(key="cell", header="Cell", width=7),
            TableColumn(key="message", header="Message", width=80),
        ],
        rows=rows,
        highlights=highlights,
    )
