"""The shipped Action Plan 2017-2018 loads, and its figures match the seed's text."""

import datetime as dt
from decimal import Decimal

import pytest

from apmon.schemas.plan import Plan
from apmon.schemas.plan_summary import reconcile, summarize
from apmon.templates.plan_file import load_plan, load_registry


@pytest.fixture(scope="module")
def plan() -> Plan:
    return load_plan(None, load_registry())  # every institution code must be in the registry


def test_counts_match_the_seed(plan: Plan) -> None:
    summary = summarize(plan)
    assert (summary.objectives, summary.activities, summary.tasks) == (5, 15, 64)
    assert [len(o.activities) for o in plan.objectives] == [3, 3, 3, 3, 3]
    assert [len(a.tasks) for a in plan.activities()] == [3, 7, 4, 7, 3, 2, 4, 3, 4, 3, 2, 5, 7, 3, 7]
    assert summary.indicators == 96
    assert summary.budget_lines == 76


def test_every_activity_is_complete(plan: Plan) -> None:
    for activity in plan.activities():
        assert activity.indicators, activity.id
        assert activity.risks, activity.id
        assert activity.deadline.end in (dt.date(2018, 12, 31), dt.date(2018, 6, 30), dt.date(2017, 6, 30))


def test_deadlines_as_machine_dates(plan: Plan) -> None:
    by_id = {a.id: a.deadline for a in plan.activities()}
    assert by_id["1.1"].kind == "continuous" and by_id["1.1"].end == dt.date(2018, 12, 31)
    assert by_id["1.2"].as_written == "Second quarter of 2018"
    assert by_id["1.2"].kind == "due" and by_id["1.2"].end == dt.date(2018, 6, 30)


def test_children_indicators_break_down_by_girls_and_boys(plan: Plan) -> None:
    for indicator in plan.indicators():
        text = indicator.text.en.lower()
        if "boys and girls" in text:
            assert set(indicator.breakdown) >= {"girls", "boys"}, indicator.id
        if not indicator.counts:
            assert indicator.breakdown == [], indicator.id


def test_generic_partners_are_a_flag_not_an_institution(plan: Plan) -> None:
    task = next(t for t in plan.tasks() if t.id == "1.2.1")
    assert task.lead == ["MUP"] and task.partners == [] and task.and_partners


# Section 11 as the seed writes it, per institution and year (RSD).
PART_1 = {
    ("MUP", 2017): "554000", ("MUP", 2018): "558000", ("MUP", 2019): "558000",
    ("MPRAVDE", 2017): "124400", ("MPRAVDE", 2018): "186600", ("MPRAVDE", 2019): "186600",
    ("MZ", 2017): "211480", ("MZ", 2018): "211480", ("MZ", 2019): "211480",
    ("MKI", 2017): "1234000", ("MKI", 2018): "1234000", ("MKI", 2019): "1234000",
    ("RJT", 2017): "0", ("RJT", 2018): "149000", ("RJT", 2019): "149280",
    ("PA", 2017): "0", ("PA", 2018): "397000", ("PA", 2019): "397000",
    ("MRZBSP", 2017): "1094240", ("MRZBSP", 2018): "2068160", ("MRZBSP", 2019): "0",
}  # fmt: skip
WITHOUT_EXPENDITURES = {"KIRS", "MSP", "MPRIV", "MPNTR", "KLJMP", "KCD"}


def test_financial_effects_are_section_11(plan: Plan) -> None:
    part1 = plan.financial_effects.strategy
    part2 = plan.financial_effects.action_plan
    assert {(t.institution, t.year): t.amount for t in part1.totals} == {k: Decimal(v) for k, v in PART_1.items()}
    assert {(t.institution, t.year): t.amount for t in part2.totals} == {
        k: Decimal(v) for k, v in PART_1.items() if k[1] <= 2018
    }
    assert set(part1.without_expenditures) == set(part2.without_expenditures) == WITHOUT_EXPENDITURES


@pytest.mark.parametrize(("institution", "year"), [("MZ", 2017), ("MZ", 2018), ("MPRAVDE", 2017), ("MPRAVDE", 2018)])
def test_complete_institutions_reconcile_exactly(plan: Plan, institution: str, year: int) -> None:
    row = next(r for r in reconcile(plan) if (r.institution, r.year) == (institution, year))
    assert row.status == "matches"
    assert row.difference == 0
    assert row.task_total == row.section_11


def test_incomplete_seed_lines_show_the_difference_not_hide_it(plan: Plan) -> None:
    rows = {(r.institution, r.year): r for r in reconcile(plan)}
    assert rows[("MKI", 2017)].status == "no-task-lines"  # the seed's resources cell is cut off
    assert rows[("MKI", 2017)].difference == Decimal("-1234000")
    assert rows[("MRZBSP", 2018)].status == "differs"
    assert rows[("MRZBSP", 2018)].difference == rows[("MRZBSP", 2018)].task_total - Decimal("2068160")


def test_doubtful_lines_say_what_is_doubtful(plan: Plan) -> None:
    notes = [a.doubtful for a in plan.activities() if a.doubtful]
    notes += [t.doubtful for t in plan.tasks() if t.doubtful]
    notes += [b.doubtful for _, b in plan.budget_lines() if b.doubtful]
    assert len(notes) >= 30
    assert all(len(n) > 20 for n in notes)
    line = next(b for t, b in plan.budget_lines() if t.id == "1.3.2" and b.doubtful)
    assert "100.000" in line.doubtful


def test_amounts_are_never_on_lines_without_money(plan: Plan) -> None:
    for _, line in plan.budget_lines():
        if line.source in ("no-cost", "cost-unknown", "donor-project"):
            assert line.amount is None
        if line.source == "taiex" and line.amount is not None:
            assert line.currency == "EUR"


def test_stock_indicators_are_levels_and_the_others_flows(plan: Plan) -> None:
    # Issue 15, point 7: a level at a date is not added month on month.
    measures = {i.id: i.measure for i in plan.indicators()}
    assert measures["1.3.i4"] == "stock"  # Number of representatives
    assert measures["5.2.i3"] == "stock"  # Number of inter-agency Working Groups
    assert measures["1.1.i3"] == measures["1.3.i3"] == "flow"  # participants in joint actions; exchanged information
    assert all((m is not None) == i.counts for i, m in zip(plan.indicators(), measures.values(), strict=True))


def test_girls_and_boys_only_where_children_are_counted(plan: Plan) -> None:
    # Issue 15, point 8: civil servants, representatives and attendants are adults: women and men only.
    children = ("child", "girls", "victim", "migrant", "participant")
    for indicator in plan.indicators():
        text = indicator.text.en.lower()
        if {"girls", "boys"} & set(indicator.breakdown):
            assert any(word in text for word in children), indicator.id
    by_id = {i.id: i.breakdown for i in plan.indicators()}
    for adults in ("1.3.i4", "2.1.i4", "3.2.i5", "5.2.i7"):  # representatives, servants, attendants
        assert by_id[adults] == ["women", "men"], adults
    for things in ("1.3.i1", "1.3.i5", "4.2.i3", "5.2.i11"):  # agreements, attendances, evaluations, cases
        assert by_id[things] == [], things
    assert by_id["5.3.i2"] == ["girls", "boys"] and by_id["4.2.i4"] == ["women", "men", "girls", "boys"]
