"""The figures of the Coordinator's reports (the Minister's brief, the Council report, the annual evaluation) on
the shipped plan, each worked out here from the plan YAML and the amounts typed in the reports below, never by
the code that makes the reports."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml

from apmon.schemas.calendar import DeadlinePolicy, Period
from apmon.schemas.institutions import InstitutionRegistry
from apmon.schemas.plan import Plan
from apmon.schemas.report import Report
from apmon.sync.consolidate import Submission, consolidate
from apmon.sync.findings import ConsolidationSettings
from apmon.sync.report_content import ActivityProgress, Basis, annual_evaluation_of, council_report, minister_brief
from apmon.sync.report_format import points, share
from tests.pure_data import PLAN, REGISTRY, budget, indicator, problem, report
from tests.pure_data import task as pure_task

AT = dt.datetime(2019, 1, 31, tzinfo=dt.UTC)
BASIS = Basis(run_id=1, run_finished_at=AT, cut_off=AT)
INSTITUTIONS = Path(__file__).parent.parent / "templates" / "data" / "institutions.yaml"
PLAN_YAML = yaml.safe_load((Path(__file__).parent.parent / "templates" / "data" / "plan-2017-2018.yaml").read_text())


def measures() -> dict[str, str]:
    """Each counting indicator's measure (flow / stock), as the plan file writes it."""
    return {
        i["id"]: i["measure"]
        for o in PLAN_YAML["objectives"]
        for a in o["activities"]
        for i in a.get("indicators", [])
        if i.get("counts")
    }


def sub(r: Report) -> Submission:
    return Submission(file=r.source, received_at=AT, readable=True, valid=True, institution=r.institution,
                      period=r.period, kind=r.kind, on_time=True, days_late=0, report=r)  # fmt: skip


def test_the_briefs_year_to_date_adds_up_a_flow_and_takes_a_stocks_latest_level(
    plan: Plan, registry: InstitutionRegistry
) -> None:
    """1.3.i4 ("Number of representatives") is a stock: 16 in January, 34 in May, 25 in June is a level of 25 in
    June, not 75 (the demo's brief for June 2018 said 75 for MSP)."""
    kinds = measures()
    stock, flow = "1.3.i4", "1.3.i3"
    assert (kinds[stock], kinds[flow]) == ("stock", "flow")
    typed: dict[str, dict[str, Any]] = {"2018-01": {stock: 16, flow: 16}, "2018-05": {stock: 34, flow: 34},
                                        "2018-06": {stock: 25, flow: 25}}  # fmt: skip
    reports = [
        report("MSP", period, indicators=[indicator(i, 5 + n, total=v) for n, (i, v) in enumerate(values.items())])
        for period, values in typed.items()
    ]
    accepted = [sub(r) for r in reports]
    brief = minister_brief(plan, registry, accepted, accepted, Period.parse("2018-06"), BASIS, DeadlinePolicy())
    expected: dict[str, int] = defaultdict(int)
    for values in typed.values():  # oldest month first
        for ind, v in values.items():
            expected[ind] = v if kinds[ind] == "stock" else expected[ind] + v
    got = {line.indicator: line.year_to_date for line in brief.indicators if line.institution == "MSP"}
    assert got == dict(expected) == {stock: 25, flow: 75}


def test_the_briefs_year_to_date_of_a_flow_names_the_months_it_lacks(plan: Plan, registry: InstitutionRegistry) -> None:
    """MSP sent valid reports for January, May and June 2018, an invalid one for February and none for March and
    April: the brief for June said 75 "since the start of the year" for a flow, the sum of three months of six, with
    no word that three were missing (the demo's brief for July 2018 gave KLJMP's 1.3.i1 as 10 with February and March
    unreported). A gap is a gap, never a zero: the line names the months its figure lacks. A stock's level is the
    latest, whole whatever came before; months before monitoring began are lacked by no one."""
    kinds = measures()
    stock, flow = "1.3.i4", "1.3.i3"
    typed: dict[str, dict[str, Any]] = {"2018-01": {stock: 16, flow: 16}, "2018-05": {stock: 34, flow: 34},
                                        "2018-06": {stock: 25, flow: 25}}  # fmt: skip
    reports = [
        report("MSP", period, indicators=[indicator(i, 5 + n, total=v) for n, (i, v) in enumerate(values.items())])
        for period, values in typed.items()
    ]
    accepted = [sub(r) for r in reports]
    invalid = Submission(file="MSP-2018-02.xlsx", received_at=AT, readable=True, valid=False, institution="MSP",
                         period="2018-02", kind="monthly")  # fmt: skip
    month = Period.parse("2018-06")
    # Independently: the months of 2018 before June with no valid MSP report (the invalid February is none).
    lacking = [f"2018-{m:02}" for m in range(1, 6) if f"2018-{m:02}" not in typed]
    assert lacking == ["2018-02", "2018-03", "2018-04"]
    expected = {flow: lacking, stock: []}
    assert {kinds[flow], kinds[stock]} == {"flow", "stock"}

    brief = minister_brief(plan, registry, accepted, [*accepted, invalid], month, BASIS, DeadlinePolicy())
    got = {line.indicator: line.months_missing for line in brief.indicators if line.institution == "MSP"}
    assert got == expected
    from_may = minister_brief(
        plan, registry, accepted, [*accepted, invalid], month, BASIS, DeadlinePolicy(),
        monitored_from=Period.parse("2018-05"),
    )  # fmt: skip
    assert {line.months_missing == [] for line in from_may.indicators} == {True}


def account_lines() -> dict[str, tuple[str, dict[str, Any]]]:
    """Every task line with money, by id (task/n), with who accounts for it: the payer, else the first lead."""
    return {
        f"{t['id']}/{n}": (line.get("payer") or t["lead"][0], line)
        for o in PLAN_YAML["objectives"]
        for a in o["activities"]
        for t in a["tasks"]
        for n, line in enumerate(t.get("budget", []), 1)
        if line["source"] not in ("no-cost", "cost-unknown")
    }


def test_the_annual_evaluation_keeps_a_period_lines_money_out_of_the_years_row(
    plan: Plan, registry: InstitutionRegistry
) -> None:
    """MRZBSP's TAIEX lines: 4.1.2/1 (2.900 EUR) and 4.2.2/2 (4.500 EUR) are 2018's, 4.3.4/1 (9.000 EUR) has no
    year (the plan period's). The 2018 evaluation put 4.3.4's spending in the 2018 row, beside 7.400 EUR planned
    (the demo's: 17.990 spent, 243%); MPNTR's period lines gave a 2018 row of 0 planned. Now each line counts
    where it is planned: the year's row, or the period's row with its spending of every year so far."""
    lines = account_lines()
    spent_2017 = {"4.3.4/1": 1000, "4.2.2/1": 300}  # the annual report of 2017 closes that year
    spent_2018 = {"4.1.2/1": 200, "4.2.2/2": 400, "4.3.4/1": 2500}
    reports = [report("MRZBSP", "2017", budget=[budget_row(k, v) for k, v in spent_2017.items()]),
               report("MRZBSP", "2018-11", budget=[budget_row(k, 1) for k in spent_2018]),
               report("MRZBSP", "2018-12", budget=[budget_row(k, v) for k, v in spent_2018.items()]),
               report("MPNTR", "2018-12", budget=[budget_row("5.1.3/1", 700)])]  # fmt: skip
    evaluation = annual_evaluation_of(plan, registry, [sub(r) for r in reports], 2018, BASIS)
    got = {(getattr(r, "period", "") or "2018", r.currency): (r.planned, r.spent) for r in evaluation.budget
           if (r.institution, r.source) == ("MRZBSP", "taiex")}  # fmt: skip
    period = f"{PLAN_YAML['start'].year}-{PLAN_YAML['end'].year}"
    expected: dict[tuple[str, str], list[Decimal]] = defaultdict(lambda: [Decimal(0), Decimal(0)])
    for owner, line in lines.values():
        if owner == "MRZBSP" and line["source"] == "taiex" and line.get("year") in (2018, None):
            expected[(str(line.get("year") or period), line["currency"])][0] += Decimal(line["amount"])
    for typed in (spent_2017, spent_2018):
        for line_id, amount in typed.items():
            year = lines[line_id][1].get("year")
            if year is None or (typed is spent_2018 and year == 2018):
                expected[(str(year or period), "EUR")][1] += amount
    assert got == {k: tuple(v) for k, v in expected.items()}
    assert got[("2018", "EUR")] == (Decimal(7400), Decimal(600))
    mpntr = [(getattr(r, "period", ""), r.planned, r.spent) for r in evaluation.budget if r.institution == "MPNTR"]
    mpntr_planned = sum(Decimal(line.get("amount") or 0) for owner, line in lines.values() if owner == "MPNTR")
    assert mpntr == [(period, mpntr_planned, Decimal(700))]  # its TAIEX lines have no year: no 2018 row of 0 planned


def budget_row(line_id: str, spent_year: int) -> Any:
    account = account_lines()[line_id][1]
    return budget(line_id, 5, account["amount"], account["currency"], spent_year=spent_year)


def test_the_council_lists_a_period_line_not_executed_once_and_only_while_no_year_spent_on_it(
    plan: Plan, registry: InstitutionRegistry
) -> None:
    """MPNTR's TAIEX lines 5.1.2/1 and 5.1.3/1 have no year (the plan period's). 5.1.3 spent 2.590 EUR in 2017 and
    nothing yet in 2018: the Council report to June 2018 listed it as not executed (the demo's), and 5.1.2, spent
    in no year, twice (2017 and 2018) with its whole amount each time."""
    lines = account_lines()
    typed = {2017: {"5.1.2/1": 0, "5.1.3/1": 2590}, 2018: {"5.1.2/1": 0, "5.1.3/1": 0}}
    reports = [report("MPNTR", "2017", budget=[budget_row(k, v) for k, v in typed[2017].items()]),
               report("MPNTR", "2018-06", budget=[budget_row(k, v) for k, v in typed[2018].items()])]  # fmt: skip
    accepted = [sub(r) for r in reports]
    june = Period.parse("2018-06")
    council = council_report(plan, registry, accepted, accepted, june, june, BASIS, DeadlinePolicy())
    got = [(r.task, r.amount) for r in council.not_executed if r.institution == "MPNTR"]
    expected = [
        (line_id.split("/")[0], Decimal(line["amount"]))
        for line_id, (owner, line) in lines.items()
        if owner == "MPNTR" and line.get("amount")
        if not any(spent.get(line_id) for year, spent in typed.items() if line.get("year") in (None, year))
    ]
    assert got == expected == [("5.1.2", Decimal(4500))]


def test_the_overview_and_the_brief_set_the_years_spending_against_the_years_plan_only() -> None:
    """A plan with an RSD line of no year (40.000 RSD, donor, MUP: the plan period's): the Overview planned 100.000
    for 2018 (the year's lines) but counted the spending on the period line too, so MUP executed 150% of a plan it
    had spent 50% of. Both sides now hold the year's lines only."""
    data = PLAN.model_dump()
    period_line = {"source": "donor-project", "payer": "MUP", "amount": 40000, "currency": "RSD", "as_written": "x"}
    data["objectives"][0]["activities"][0]["tasks"][0]["budget"].append(period_line)
    plan = Plan.model_validate(data)
    typed = {"1.1.1/1": 50000, "1.1.1/2": 100000}  # 1.1.1/2: the period line
    march = report(
        "MUP", "2018-03", budget=[budget(k, 5 + n, None, spent_year=v) for n, (k, v) in enumerate(typed.items())]
    )
    settings = ConsolidationSettings(
        first=Period.parse("2018-03"), last=Period.parse("2018-03"), as_of=dt.date(2018, 5, 1)
    )
    overview = consolidate(plan, REGISTRY, [sub(march)], [sub(march)], settings)[0]
    row = next(r for r in overview.rows if r[0] == "MUP")
    got = (row[overview.column_index("planned")], row[overview.column_index("spent")])
    tasks = data["objectives"][0]["activities"][0]["tasks"]
    year_lines = {
        f"{t['id']}/{n}": line
        for t in tasks
        for n, line in enumerate(t["budget"], 1)
        if line.get("year") == 2018 and line["currency"] == "RSD" and (line["payer"] or t["lead"][0]) == "MUP"
    }
    expected = (
        sum(line["amount"] for line in year_lines.values()),
        sum(v for k, v in typed.items() if k in year_lines),
    )
    assert got == expected == (Decimal(100000), Decimal(50000))
    brief = minister_brief(plan, REGISTRY, [sub(march)], [sub(march)], Period.parse("2018-03"), BASIS, DeadlinePolicy())
    mup = [(b.institution, b.planned, b.spent) for b in brief.budget if (b.institution, b.currency) == ("MUP", "RSD")]
    assert mup == [("MUP", *expected)]


def test_a_task_whose_co_lead_is_never_asked_for_reports_is_completed_when_its_reporting_lead_says_so(
    plan: Plan, registry: InstitutionRegistry
) -> None:
    """1.2.3 is led by the Council (SAVET, which receives reports and is never asked for one) and KCD. KCD's
    "completed" left the task "in progress" for ever, in the master, the Minister's brief, the Council report and
    the annual evaluation alike; a task with two leads both asked (2.1.2: MUP, MPRAVDE, MZ, MRZBSP) still waits for
    every one of them."""
    receivers = {
        i["code"] for i in yaml.safe_load(INSTITUTIONS.read_text())["institutions"] if i.get("reports") is False
    }
    task = next(t for o in PLAN_YAML["objectives"] for a in o["activities"] for t in a["tasks"] if t["id"] == "1.2.3")
    assert "SAVET" in receivers and task["lead"] == ["SAVET", "KCD"]
    shared = next(t for o in PLAN_YAML["objectives"] for a in o["activities"] for t in a["tasks"] if t["id"] == "2.1.2")
    assert len(shared["lead"]) > 1 and not receivers & set(shared["lead"])
    kcd = report("KCD", "2018-11", tasks=[pure_task("1.2.3", 5, status="completed")])
    mup = report("MUP", "2018-11", tasks=[pure_task("2.1.2", 5, status="completed")])
    accepted = [sub(kcd), sub(mup)]
    # Independently: completed when every lead asked for reports said completed.
    said = {("KCD", "1.2.3"): "completed", ("MUP", "2.1.2"): "completed"}
    expected = {
        t["id"]: all(said.get((c, t["id"])) == "completed" for c in t["lead"] if c not in receivers)
        for t in (task, shared)
    }
    assert expected == {"1.2.3": True, "2.1.2": False}
    november = Period.parse("2018-11")
    brief = minister_brief(plan, registry, accepted, accepted, november, BASIS, DeadlinePolicy())
    assert {t.task for t in brief.completed} == {k for k, done in expected.items() if done}
    settings = ConsolidationSettings(first=november, last=november, as_of=dt.date(2018, 12, 31))
    status = consolidate(plan, registry, accepted, accepted, settings)[3]
    shown = {r[1]: r[status.column_index("status")] for r in status.rows if r[1] in expected}
    assert shown == {k: "completed" if done else "in progress" for k, done in expected.items()}
    evaluation = annual_evaluation_of(plan, registry, accepted, 2018, BASIS)
    activity = next(a for a in evaluation.activities if a.activity == "1.2")
    assert ("1.2.3", "completed") not in activity.open and "1.2.3" not in dict(activity.open)


def test_a_problem_typed_in_its_task_row_and_again_on_the_problems_sheet_is_one_problem_in_the_brief_and_council(
    plan: Plan, registry: InstitutionRegistry
) -> None:
    """The master lists it once (case, spacing and a closing full stop aside); the brief and the Council report
    listed it twice, and the brief's "problems" figure counted 2. Another task's problem keeps its own line."""
    typed = {
        "task rows": [("2.1.2", "No funds in the  budget.")],
        "problems sheet": [("2.1.2", "no funds in the budget"), ("5.2.2", "no funds in the budget")],
    }
    march = report(
        "MUP",
        "2018-03",
        tasks=[pure_task(t, 5 + n, status="delayed", problems=p) for n, (t, p) in enumerate(typed["task rows"])],
        problems=[problem(n + 1, t, p) for n, (t, p) in enumerate(typed["problems sheet"])],
    )
    expected = {
        (t, " ".join(p.casefold().split()).rstrip(".")) for t, p in typed["task rows"] + typed["problems sheet"]
    }
    month = Period.parse("2018-03")
    brief = minister_brief(plan, registry, [sub(march)], [sub(march)], month, BASIS, DeadlinePolicy())
    council = council_report(plan, registry, [sub(march)], [sub(march)], month, month, BASIS, DeadlinePolicy())
    for listed in (brief.problems, council.problems):
        assert sorted(p.task for p in listed) == sorted(t for t, _ in expected) == ["2.1.2", "5.2.2"]


def test_a_problems_row_with_its_measures_and_no_problem_is_in_the_brief_and_council_as_in_the_master(
    plan: Plan, registry: InstitutionRegistry
) -> None:
    """A Problems row with its task and measures typed, its problem left empty: the master lists it (and no rule
    warns of it), the brief and the Council report left it out, so the measures MUP reported reached no one."""
    measures = "A new trainer is being hired."
    only_measures = problem(1, "5.2.2", "").model_copy(update={"description": None, "measures": measures})
    march = report("MUP", "2018-03", problems=[only_measures])
    month = Period.parse("2018-03")
    settings = ConsolidationSettings(first=month, last=month, as_of=dt.date(2018, 4, 30))
    in_master = [
        row
        for table in consolidate(plan, registry, [sub(march)], [sub(march)], settings)
        for row in table.rows
        if measures in row
    ]
    assert len(in_master) == 1  # the master's problems list
    brief = minister_brief(plan, registry, [sub(march)], [sub(march)], month, BASIS, DeadlinePolicy())
    council = council_report(plan, registry, [sub(march)], [sub(march)], month, month, BASIS, DeadlinePolicy())
    for listed in (brief.problems, council.problems):
        assert [(p.task, p.measures) for p in listed] == [("5.2.2", measures)]


def test_a_line_left_blank_in_the_years_newest_report_keeps_the_spending_given_before() -> None:
    """Spent this year is a running figure: MZ gave 20.000 RSD on 1.1.2/1 in January and left the cell blank in
    February. The Budget showed nothing spent (a gap), the Overview and the brief 0 (a zero), the Council the line
    as not executed: the 20.000 reported was lost."""
    typed = {"2018-01": {"1.1.2/1": 20000, "1.1.2/2": 500}, "2018-02": {"1.1.2/1": None, "1.1.2/2": 700}}
    reports = [
        report(
            "MZ",
            period,
            budget=[
                budget(k, 5 + n, None, "EUR" if k.endswith("/2") else "RSD", spent_year=v)
                for n, (k, v) in enumerate(values.items())
            ],
        )
        for period, values in typed.items()
    ]
    last_given: dict[str, int] = {}
    for values in typed.values():  # oldest month first
        last_given |= {k: v for k, v in values.items() if v is not None}
    accepted = [sub(r) for r in reports]
    february = Period.parse("2018-02")
    settings = ConsolidationSettings(first=Period.parse("2018-01"), last=february, as_of=dt.date(2018, 5, 1))
    tables = consolidate(PLAN, REGISTRY, accepted, accepted, settings)
    overview, budget_sheet = tables[0], tables[5]
    rsd = next(r for r in budget_sheet.rows if r[0] == "MZ" and r[3] == "RSD")  # 1.1.2/1 is MZ's (its payer)
    assert rsd[budget_sheet.column_index("spent")] == last_given["1.1.2/1"] == 20000
    mz = next(r for r in overview.rows if r[0] == "MZ")
    assert mz[overview.column_index("spent")] == last_given["1.1.2/1"]
    brief = minister_brief(PLAN, REGISTRY, accepted, accepted, february, BASIS, DeadlinePolicy())
    assert [(b.institution, b.spent) for b in brief.budget if b.institution == "MZ"] == [("MZ", 20000)]
    council = council_report(PLAN, REGISTRY, accepted, accepted, february, february, BASIS, DeadlinePolicy())
    assert "1.1.2" not in {r.task for r in council.not_executed if r.institution == "MZ"}


def test_januarys_brief_does_not_set_its_years_spending_against_decembers() -> None:
    """'Spent in the year (RSD)' then and now: December 2017's brief gave 2017's spending, January 2018's gives
    2018's. Set side by side they showed the year's spending fall by all of 2017's; within a year it still shows."""
    typed = {"2017-12": 80000, "2018-01": 5000, "2018-02": 9000}
    reports = [report("MUP", p, budget=[budget(f"1.1.1/{1 if p >= '2018' else 2}", 5, None, spent_year=v)])
               for p, v in typed.items()]  # fmt: skip
    data = PLAN.model_dump()
    line_2017 = {
        "source": "state-budget",
        "payer": "MUP",
        "amount": 90000,
        "currency": "RSD",
        "year": 2017,
        "as_written": "x",
    }
    data["objectives"][0]["activities"][0]["tasks"][0]["budget"].append(line_2017)
    data["start"] = dt.date(2017, 1, 1)
    plan = Plan.model_validate(data)
    accepted = [sub(r) for r in reports]
    briefs: dict[str, Any] = {}
    previous = None
    for period in typed:
        previous = briefs[period] = minister_brief(plan, REGISTRY, accepted, accepted, Period.parse(period), BASIS,
                                                   DeadlinePolicy(), previous)  # fmt: skip
    spent = {p: [(c.previous, c.now) for c in b.changes if c.measure == "spent"] for p, b in briefs.items()}
    assert spent == {"2017-12": [], "2018-01": [], "2018-02": [(typed["2018-01"], typed["2018-02"])]}


@pytest.mark.parametrize(
    ("tasks", "before", "now", "shown"), [(14, 5, 6, "+7,1"), (14, 6, 5, "−7,1"), (7, 3, 3, "±0,0")]
)
def test_the_councils_change_in_a_share_is_rounded_once(tasks: int, before: int, now: int, shown: str) -> None:
    """6 of 14 tasks completed after 5 of 14 is 7.14 points more; the difference of the two rounded shares
    (42.86% - 35.71%) was printed as +7,2."""
    progress = ActivityProgress(objective="1", activity="", tasks=tasks, completed=now, previous_completed=before)
    assert points(progress.change, "sr-Latn") == shown
    assert share(progress.share, "sr-Latn") == share(Decimal(now) / tasks, "sr-Latn")
