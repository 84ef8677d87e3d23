"""What a plan holds, in figures, and how its task-level budget lines compare
with the Financial Effects totals of section 11 (Part 2, the Action Plan)."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel

from apmon.schemas.plan import BUDGET_SOURCES, BudgetSource, Currency, Plan

ReconciliationStatus = Literal["matches", "differs", "no-task-lines", "no-section-11-total"]


class SourceTotal(BaseModel):
    source: BudgetSource
    currency: Currency | None
    lines: int
    amount: Decimal


class ReconciliationRow(BaseModel):
    institution: str
    year: int
    task_lines: int
    lines_of: list[str] = []  # the successors whose lines count toward a split ministry's figure
    task_total: Decimal  # sum of the task-level state-budget RSD lines
    section_11: Decimal | None  # the Part 2 total, None where the section gives none
    difference: Decimal | None  # task_total - section_11
    status: ReconciliationStatus


class PlanSummary(BaseModel):
    plan: str
    years: tuple[int, int]  # the plan's first and last year
    objectives: int
    activities: int
    tasks: int
    indicators: int
    counting_indicators: int
    budget_lines: int
    budget_by_source: list[SourceTotal]
    institutions_involved: list[str]
    doubtful_notes: int
    state_budget_lines_without_year: int
    # task lines whose year is outside the plan's years ("1.1.1/1 (2031)"): no template, year or total counts them
    lines_outside_years: list[str] = []
    reconciliation: list[ReconciliationRow]


def summarize(plan: Plan) -> PlanSummary:
    lines = plan.budget_lines()
    by_source: dict[tuple[BudgetSource, Currency | None], list[Decimal]] = defaultdict(list)
    for _, line in lines:
        by_source[(line.source, line.currency)].append(line.amount or Decimal(0))
    order = {s: i for i, s in enumerate(BUDGET_SOURCES)}
    return PlanSummary(
        plan=plan.id,
        years=(plan.start.year, plan.end.year),
        objectives=len(plan.objectives),
        activities=len(plan.activities()),
        tasks=len(plan.tasks()),
        indicators=len(plan.indicators()),
        counting_indicators=sum(i.counts for i in plan.indicators()),
        budget_lines=len(lines),
        budget_by_source=[
            SourceTotal(source=s, currency=c, lines=len(amounts), amount=sum(amounts, Decimal(0)))
            for (s, c), amounts in sorted(by_source.items(), key=lambda kv: (order[kv[0][0]], kv[0][1] or ""))
        ],
        institutions_involved=sorted(plan.institutions_involved()),
        doubtful_notes=_count_doubtful(plan),
        state_budget_lines_without_year=sum(
            1 for _, line in lines if line.source == "state-budget" and line.year is None
        ),
        lines_outside_years=[
            f"{a.line_id} ({a.line.year})"
            for a in plan.account_lines()
            if a.task_id and a.line.year is not None and not plan.start.year <= a.line.year <= plan.end.year
        ],
        reconciliation=reconcile(plan),
    )


def reconcile(plan: Plan) -> list[ReconciliationRow]:
    """Per institution and year: task-level state-budget RSD lines against section 11 Part 2.

    Differences are findings to show, never to hide or to fill in.
    """
    task_sums: dict[tuple[str, int], list[Decimal]] = defaultdict(list)
    owners: dict[tuple[str, int], set[str]] = defaultdict(set)
    for account in plan.account_lines():
        line = account.line
        if account.task_id and line.source == "state-budget" and line.currency == "RSD" and line.year:
            # a split ministry's figure is set against its successors' lines combined (Plan.section_11_holder)
            key = (plan.section_11_holder(account.owner, line.year), line.year)
            task_sums[key].append(line.amount or Decimal(0))
            owners[key].add(account.owner)
    totals = {
        (t.institution, t.year): t.amount for t in plan.financial_effects.action_plan.totals if t.currency == "RSD"
    }
    rows = []
    for key in sorted(set(task_sums) | set(totals)):
        amounts = task_sums.get(key, [])
        task_total = sum(amounts, Decimal(0))
        section = totals.get(key)
        status: ReconciliationStatus
        if section is None:
            status = "no-section-11-total"
        elif not amounts and section != 0:
            status = "no-task-lines"
        else:
            status = "matches" if task_total == section else "differs"
        rows.append(
            ReconciliationRow(
                institution=key[0],
                year=key[1],
                task_lines=len(amounts),
                lines_of=sorted(owners.get(key, set()) - {key[0]}),
                task_total=task_total,
                section_11=section,
                difference=None if section is None else task_total - section,
                status=status,
            )
        )
    return rows


def _count_doubtful(plan: Plan) -> int:
    count = 0
    for activity in plan.activities():
        count += bool(activity.doubtful) + bool(activity.deadline.doubtful)
        count += sum(bool(i.doubtful) for i in activity.indicators)
        for task in activity.tasks:
            count += bool(task.doubtful) + sum(bool(b.doubtful) for b in task.budget)
    for part in (plan.financial_effects.strategy, plan.financial_effects.action_plan):
        count += sum(bool(t.doubtful) for t in part.totals)
    return count
