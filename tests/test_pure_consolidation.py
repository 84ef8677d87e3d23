"""Consolidation on Reports built in Python (no workbook): the figures of the master's tables, each worked
out by hand from the submissions below (tests/pure_data.py describes the plan)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from apmon.schemas.calendar import Period
from apmon.schemas.plan import BREAKDOWN_GROUPS, Plan
from apmon.schemas.report import Report
from apmon.schemas.tables import Table
from apmon.sync.consolidate import Submission, consolidate
from apmon.sync.findings import ConsolidationSettings
from tests.pure_data import PLAN, REGISTRY, budget, indicator, problem, report, task

AT = dt.datetime(2018, 5, 1, tzinfo=dt.UTC)
# January to April 2018, all four months due by 20.05.2018; 118 RSD to the euro.
SETTINGS = ConsolidationSettings(first=Period(year=2018, month=1), last=Period(year=2018, month=4),
                                 as_of=dt.date(2018, 5, 20), eur_to_rsd={2018: Decimal(118)})  # fmt: skip


def sub(r: Report, *, valid: bool = True, on_time: bool = True, days_late: int = 0) -> Submission:
    return Submission(file=r.source, received_at=AT, readable=True, valid=valid, institution=r.institution,
                      period=r.period, kind=r.kind, on_time=on_time, days_late=days_late, report=r)  # fmt: skip


def status(task_id: str, state: str, row: int = 5, role: str = "lead") -> Any:
    return task(task_id, row, role=role, status=state, progress=f"{task_id} {state}")


MUP_JAN = report(
    "MUP",
    "2018-01",
    tasks=[status("1.1.1", "in-progress"), status("1.1.2", "completed", 6)],
    budget=[budget("1.1.1/1", 5, 100000, spent_year=10000)],
    indicators=[indicator("1.1.i1", 5, total=3), indicator("1.1.i2", 6, value="More shelters")],
)
MUP_FEB = report(
    "MUP",
    "2018-02",
    tasks=[status("1.1.1", "completed"), status("1.1.2", "completed", 6)],
    budget=[budget("1.1.1/1", 5, 100000, spent_year=30000)],
    indicators=[indicator("1.1.i1", 5, total=4)],
)
MUP_MAR_INVALID = report("MUP", "2018-03", tasks=[status("1.1.1", "delayed")])
MZ = [
    report("MZ", f"2018-0{m}", tasks=[status("1.1.2", "in-progress"), status("1.2.1", "in-progress", 6),
                                     status("1.1.1", "not-started", 7, role="partner")],
           indicators=[indicator("1.1.i1", 5, total=m)])
    for m in (1, 2, 3)
]  # fmt: skip
MZ_APR = report("MZ", "2018-04", tasks=[status("1.1.2", "delayed"), status("1.2.1", "completed", 6)],
                budget=[budget("1.1.2/1", 5, 50000, spent_year=60000),
                        budget("1.1.2/2", 6, 2000, "EUR", spent_year=1000)],
                indicators=[indicator("1.1.i1", 5, total=10)])  # fmt: skip
MZ_ANNUAL_2017 = report("MZ", "2017", indicators=[indicator("1.1.i1", 5, total=99)])

# MUP: January on time, February 2 days late, March invalid, April missing. MZ: every month on time.
ACCEPTED = [sub(MUP_JAN), sub(MUP_FEB, on_time=False, days_late=2), *(sub(r) for r in MZ), sub(MZ_APR)]
LATEST = [*ACCEPTED, sub(MUP_MAR_INVALID, valid=False)]


@pytest.fixture(scope="module")
def tables() -> dict[str, Table]:
    made = consolidate(PLAN, REGISTRY, ACCEPTED, LATEST, SETTINGS)
    keys = ("overview", "objectives", "submissions", "status", "annual", "budget", "indicators", "problems", "issues")
    return dict(zip(keys, made, strict=True))


def rows(table: Table, *keys: str) -> list[list[Any]]:
    return [[row[table.column_index(k)] for k in keys] for row in table.rows]


def test_the_overview_counts_reports_and_tasks_per_institution(tables: dict[str, Table]) -> None:
    # OTHER takes part in no task, so it is not a reporting institution.
    assert rows(tables["overview"], "code", "on_time", "late", "invalid", "missing", "tasks", "completed") == [
        ["MUP", 1, 1, 1, 1, 2, 1],  # leads 1.1.1 (completed) and 1.1.2 (MZ says delayed)
        ["MZ", 4, 0, 0, 0, 2, 1],  # leads 1.1.2 and 1.2.1 (completed)
    ]


def test_the_overview_sets_the_years_spending_against_the_plan(tables: dict[str, Table]) -> None:
    # Planned: the RSD lines each pays in 2018. Spent: the RSD spent this year in its newest accepted report.
    assert rows(tables["overview"], "code", "planned", "spent", "execution") == [
        ["MUP", Decimal(100000), Decimal(30000), 30000 / 100000],
        ["MZ", Decimal(50000), Decimal(60000), 60000 / 50000],
    ]


def test_the_objectives_count_tasks_by_their_combined_status(tables: dict[str, Table]) -> None:
    # 1.1.1 completed (its only lead says so); 1.1.2: MUP completed, MZ delayed -> delayed; 1.2.1 completed.
    assert rows(tables["objectives"], "objective", "completed", "in-progress", "delayed", "not-started", "none",
                "share") == [["1", 2, 0, 1, 0, 0, 2 / 3]]  # fmt: skip


def test_a_task_is_completed_only_when_every_lead_says_so() -> None:
    one_lead_done = [sub(report("MUP", "2018-01", tasks=[status("1.1.2", "completed")]))]
    made = consolidate(PLAN, REGISTRY, one_lead_done, one_lead_done, SETTINGS)
    objectives = made[1]
    assert rows(objectives, "completed", "in-progress", "none") == [[0, 1, 2]]


def test_a_problem_typed_in_the_task_row_and_again_on_the_problems_sheet_is_listed_once() -> None:
    """Issue 15, point 11: the same problem of the same task, typed twice (case and spacing aside), is one row;
    another task's problem, or another problem of the task, keeps its own row."""
    typed = report(
        "MUP",
        "2018-01",
        tasks=[task("1.1.1", 5, status="in-progress", problems="Nedostaju sredstva za obuku.", measures="Rebalans")],
        problems=[
            problem(1, "1.1.1", "nedostaju  sredstva za obuku"),
            problem(2, "1.1.1", "Kasni nabavka opreme."),
            problem(3, "1.1.2", "Nedostaju sredstva za obuku."),
        ],
    )
    made = consolidate(PLAN, REGISTRY, [sub(typed)], [sub(typed)], SETTINGS)
    listed = rows(made[7], "task", "problem", "measures")
    assert sorted(listed) == [
        ["1.1.1", "Kasni nabavka opreme.", ""],
        ["1.1.1", "Nedostaju sredstva za obuku.", "Rebalans"],
        ["1.1.2", "Nedostaju sredstva za obuku.", ""],
    ]


def test_budget_per_institution_source_and_currency(tables: dict[str, Table]) -> None:
    budget_rows = rows(tables["budget"], "code", "year", "currency", "planned", "spent", "remaining", "execution",
                       "in_rsd", "section_11", "difference_11")  # fmt: skip
    assert budget_rows == [
        # MUP's own line, and the donor line of 1.1.2 (no payer named): its first lead's, MUP's, with the spending
        # MZ, its other lead, reported on it (counted once, in the owner's row)
        ["MUP", "2018", "EUR", Decimal(2000), Decimal(1000), Decimal(1000), 1000 / 2000, Decimal(118000),
         None, None],
        ["MUP", "2018", "RSD", Decimal(100000), Decimal(30000), Decimal(70000), 30000 / 100000, Decimal(30000),
         Decimal(100000), Decimal(0)],
        ["MZ", "2018", "RSD", Decimal(50000), Decimal(60000), Decimal(-10000), 60000 / 50000, Decimal(60000),
         Decimal(60000), Decimal(-10000)],
    ]  # fmt: skip
    marked = {(h.row, h.column, h.mark) for h in tables["budget"].highlights}
    assert marked == {(2, "spent", "warning"), (2, "difference_11", "warning")}


NONE_9 = [None] * 9  # May to December: nothing given
NO_GROUPS = [None] * 4  # women, men, girls, boys
MONTH_KEYS = [f"m{m:02d}" for m in range(1, 13)]


def test_a_flow_indicator_has_its_months_as_columns_and_their_sum_for_the_year(tables: dict[str, Table]) -> None:
    # MUP: January 3, February 4, March invalid, April missing; MZ: 1, 2, 3, 10. Each gap stays empty.
    keys = (
        "indicator",
        "kind",
        "institution",
        "year",
        *MONTH_KEYS[:3],
        "m04",
        "figure",
        *BREAKDOWN_GROUPS,
        "text_value",
    )
    assert rows(tables["indicators"], *keys) == [
        ["1.1.i1", "flow", "MUP", 2018, 3, 4, None, None, 7, *NO_GROUPS, ""],
        ["1.1.i1", "flow", "MZ", 2018, 1, 2, 3, 10, 16, *NO_GROUPS, ""],
        ["1.1.i1", "flow", "Total", 2018, 4, 6, 3, 10, 23, *NO_GROUPS, ""],
        ["1.1.i2", "text", "MUP", 2018, "More shelters", None, None, None, None, *NO_GROUPS, "More shelters"],
    ]
    assert all(r[MONTH_KEYS.index(k) + 5] is None for r in tables["indicators"].rows for k in MONTH_KEYS[4:])
    # The months with no valid report are marked: MUP's March (invalid) and April (missing); May on is not due.
    marked = {(h.row, h.column, h.mark) for h in tables["indicators"].highlights}
    assert marked == {(0, "m03", "missing"), (0, "m04", "missing"), (3, "m03", "missing"), (3, "m04", "missing")}


def _with_indicator(measure: str, breakdown: list[str]) -> Plan:
    data = PLAN.model_dump(mode="json")
    data["objectives"][0]["activities"][0]["indicators"][0].update(measure=measure, breakdown=breakdown)
    return Plan.model_validate(data)


# Women, men (and girls, boys the plan does not ask for) in MUP's January and February, MZ's January.
BROKEN_DOWN = [
    report("MUP", "2018-01", indicators=[indicator("1.1.i1", 5, women=1, men=2, total=3)]),
    report("MUP", "2018-02", indicators=[indicator("1.1.i1", 5, women=4, men=0, total=4)]),
    report("MZ", "2018-01", indicators=[indicator("1.1.i1", 5, women=5, men=5, girls=1, total=10)]),
]


def test_a_stock_indicator_counts_its_latest_level_and_its_breakdown() -> None:
    accepted = [sub(r) for r in BROKEN_DOWN]
    made = consolidate(_with_indicator("stock", ["women", "men"]), REGISTRY, accepted, accepted, SETTINGS)[6]
    assert rows(made, "kind", "institution", "m01", "m02", "figure", *BREAKDOWN_GROUPS) == [
        ["stock", "MUP", 3, 4, 4, 4, 0, None, None],  # February's level, not 3 + 4
        ["stock", "MZ", 10, None, 10, 5, 5, None, None],  # girls are not asked for: not shown
        ["stock", "Total", 13, 4, 14, 9, 5, None, None],
    ]


def test_a_flow_indicators_breakdown_adds_up_its_months() -> None:
    accepted = [sub(r) for r in BROKEN_DOWN]
    made = consolidate(_with_indicator("flow", ["women", "men"]), REGISTRY, accepted, accepted, SETTINGS)[6]
    assert rows(made, "kind", "institution", "figure", *BREAKDOWN_GROUPS) == [
        ["flow", "MUP", 7, 5, 2, None, None],
        ["flow", "MZ", 10, 5, 5, None, None],
        ["flow", "Total", 17, 10, 7, None, None],
    ]


def test_each_year_has_its_own_row_and_annual_reports_are_left_out() -> None:
    reports = [MZ_ANNUAL_2017, report("MZ", "2017-12", indicators=[indicator("1.1.i1", 5, total=5)]), MZ[0], MZ[1]]
    accepted = [sub(r) for r in reports]
    plan = PLAN.model_copy(update={"start": dt.date(2017, 1, 1)})  # a year outside the plan is another plan's
    indicators = consolidate(plan, REGISTRY, accepted, accepted, SETTINGS)[6]
    assert rows(indicators, "institution", "year", "m01", "m02", "m12", "figure") == [
        ["MZ", 2017, None, None, 5, 5],
        ["Total", 2017, None, None, 5, 5],
        ["MZ", 2018, 1, 2, None, 3],
        ["Total", 2018, 1, 2, None, 3],
    ]


def test_a_problems_row_with_only_its_task_is_left_out_of_the_master() -> None:
    """A task picked and nothing typed (the rules warn of it at the row): an empty row in the problems list told the
    Coordinator nothing. A row with a measure and no description still says something, and is kept."""
    only_task = problem(1, "1.1.1", "").model_copy(update={"description": None})
    measure = problem(2, "1.1.2", "").model_copy(update={"description": None, "measures": "Rebalans budžeta"})
    typed = report("MUP", "2018-01", problems=[only_task, measure, problem(3, "1.1.1", "Kasni nabavka opreme.")])
    made = consolidate(PLAN, REGISTRY, [sub(typed)], [sub(typed)], SETTINGS)
    assert sorted(rows(made[7], "task", "problem", "measures")) == [
        ["1.1.1", "Kasni nabavka opreme.", ""],
        ["1.1.2", "", "Rebalans budžeta"],
    ]
