"""The review of the demo's figures by the Coordinator: a missing report is a gap, never zero spending, and a
total does not count the missing institution's plan as 0% spent; the EUR lines and the lines of the whole plan
period are shown or named, never silently left out; a report is missing only once its deadline day is over;
shares are stored exact and rounded once, half up; the Overview counts the annual reports too and says which
it counts; the Council's span reads "61 days", not "61 days days".

Every figure is worked out here from the plan data (tests/pure_data.py, the shipped plan YAML) and the amounts
typed in the reports below, never by the code that makes the master or the reports."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import yaml

from apmon.schemas.calendar import DeadlinePolicy, Period
from apmon.schemas.institutions import InstitutionRegistry
from apmon.schemas.messages import counted, text_of
from apmon.schemas.plan import Plan
from apmon.schemas.report import Report
from apmon.schemas.tables import Table
from apmon.sync.consolidate import Submission, consolidate, submission_grid
from apmon.sync.findings import ConsolidationSettings
from apmon.sync.report_content import Basis, annual_evaluation_of, council_report, minister_brief
from apmon.sync.report_writer import write_annual_evaluation, write_council_report, write_minister_brief
from tests.pure_data import PLAN, REGISTRY, budget, report, task

AT = dt.datetime(2019, 1, 31, tzinfo=dt.UTC)
BASIS = Basis(run_id=1, run_finished_at=AT, cut_off=AT)
PLAN_YAML = yaml.safe_load((Path(__file__).parent.parent / "templates" / "data" / "plan-2017-2018.yaml").read_text())
PURE = PLAN.model_dump()  # the pure plan's data, as tests/pure_data.py writes it


def sub(r: Report, *, valid: bool = True) -> Submission:
    return Submission(file=r.source, received_at=AT, readable=True, valid=valid, institution=r.institution,
                      period=r.period, kind=r.kind, on_time=True, days_late=0, report=r)  # fmt: skip


def column(table: Table, code: str, key: str) -> Any:
    return next(row[table.column_index(key)] for row in table.rows if row[0] == code)


def marks(table: Table, code: str) -> dict[str, str]:
    row = next(i for i, r in enumerate(table.rows) if r[0] == code)
    return {h.column: h.mark for h in table.highlights if h.row == row}


def sheet_rows(path: Path, sheet: str) -> list[list[Any]]:
    """A written table's rows below its title, subtitle and header, up to the first empty row."""
    rows = []
    for row in openpyxl.load_workbook(path, read_only=True)[sheet].iter_rows(min_row=4, values_only=True):
        if row[0] is None:
            break
        rows.append(list(row))
    return rows


def summary_text(path: Path) -> str:
    cells = openpyxl.load_workbook(path, read_only=True)["Summary"].iter_rows(values_only=True)
    return " ".join(str(v) for row in cells for v in row if v)


def pure_planned(year: int) -> dict[tuple[str, str], Decimal]:
    """The pure plan's money of `year` by (owner: the payer, else the task's first lead; currency)."""
    planned: dict[tuple[str, str], Decimal] = defaultdict(Decimal)
    for objective in PURE["objectives"]:
        for activity in objective["activities"]:
            for t in activity["tasks"]:
                for line in t["budget"]:
                    if line["year"] == year:
                        planned[(line["payer"] or t["lead"][0], line["currency"])] += Decimal(line["amount"])
    return dict(planned)


def en(amount: Decimal | int) -> str:
    return f"{Decimal(amount):,.2f}"


def en_share(part: Decimal | int, whole: Decimal | int) -> str:
    """A share as the English reports print it: one decimal, half up."""
    return f"{(Decimal(part) * 100 / Decimal(whole)).quantize(Decimal('0.1'), ROUND_HALF_UP)}%"


# --- 1. a missing report is a gap, and a total does not count its plan as 0% spent ------------------------------

# MZ reports March 2018 with 30.000 RSD spent on its line 1.1.2/1; MUP sent no report of 2018.
MZ_SPENT = 30000
MZ_MARCH = report("MZ", "2018-03", budget=[budget("1.1.2/1", 5, 50000, spent_year=MZ_SPENT)])
MARCH = Period.parse("2018-03")


def test_the_overview_shows_the_spending_of_an_institution_with_no_report_of_the_year_as_a_gap() -> None:
    settings = ConsolidationSettings(first=Period.parse("2018-01"), last=MARCH, as_of=dt.date(2018, 5, 20))
    overview = consolidate(PLAN, REGISTRY, [sub(MZ_MARCH)], [sub(MZ_MARCH)], settings)[0]
    planned = pure_planned(2018)
    assert column(overview, "MUP", "planned") == planned[("MUP", "RSD")] == 100000
    assert column(overview, "MUP", "spent") is None  # the demo's Overview said 0.0, and 0.0% executed
    no_report = text_of("master.overview.no_report", "en", year=2018)
    assert column(overview, "MUP", "execution") == no_report  # a word in the row: no report, not a share
    assert marks(overview, "MUP")["spent"] == "missing"
    assert column(overview, "MZ", "spent") == MZ_SPENT
    assert column(overview, "MZ", "execution") == float(MZ_SPENT / planned[("MZ", "RSD")])


def test_the_brief_sets_the_spending_against_the_plan_of_those_who_reported_and_names_who_did_not(
    tmp_path: Path,
) -> None:
    brief = minister_brief(PLAN, REGISTRY, [sub(MZ_MARCH)], [sub(MZ_MARCH)], MARCH, BASIS, DeadlinePolicy())
    planned = pure_planned(2018)
    rsd = {code: amount for (code, currency), amount in planned.items() if currency == "RSD"}
    mup = next(r for r in brief.budget if (r.institution, r.currency) == ("MUP", "RSD"))
    assert (mup.planned, mup.spent) == (rsd["MUP"], None)
    _, xlsx = write_minister_brief(brief, PLAN, REGISTRY, "en", tmp_path, AT)[0]
    rows = sheet_rows(xlsx, "Budget")
    shown = {(r[0], r[1]): r[2:] for r in rows}
    assert shown[("MUP", "RSD")][1] is None  # spent: a gap
    assert shown[("MUP", "RSD")][2] == text_of("report.budget.no_report", "en", year=2018)
    # The total: MZ's spending against MZ's plan (those who gave their spending), and all that was planned apart.
    known = rsd["MZ"]
    assert shown[(text_of("report.col.total_known", "en"), "RSD")] == [known, MZ_SPENT, float(MZ_SPENT / known)]
    total_planned = shown[(text_of("report.col.total_planned", "en"), "RSD")]
    assert total_planned[:2] == [sum(rsd.values()), None]
    assert "MUP" in total_planned[2]
    said = summary_text(xlsx)
    assert f"{en(MZ_SPENT)} of the {en(known)} RSD" in said and en_share(MZ_SPENT, known) in said
    assert en_share(MZ_SPENT, sum(rsd.values())) not in said  # 20.0%: MUP's plan counted as 0% spent
    assert f"MUP ({en(rsd['MUP'])} RSD planned)" in said


def test_the_annual_total_leaves_out_the_plan_of_an_institution_that_gave_no_spending(tmp_path: Path) -> None:
    mz_annual = report("MZ", "2018", budget=[budget("1.1.2/1", 5, 50000, spent_year=45000)])
    evaluation = annual_evaluation_of(PLAN, REGISTRY, [sub(mz_annual)], 2018, BASIS)
    _, xlsx = write_annual_evaluation(evaluation, PLAN, REGISTRY, "en", tmp_path, AT)[0]
    rows = sheet_rows(xlsx, "Budget")
    planned = pure_planned(2018)
    rsd_total = sum(v for (_, currency), v in planned.items() if currency == "RSD")
    section_11 = sum(Decimal(t["amount"]) for t in PURE["financial_effects"]["action_plan"]["totals"])
    known = [r for r in rows if r[0] == text_of("report.col.total_known", "en") and r[3] == "RSD"]
    assert [r[4:7] for r in known] == [[planned[("MZ", "RSD")], 45000, float(45000 / planned[("MZ", "RSD")])]]
    whole = [r for r in rows if r[0] == text_of("report.col.total_planned", "en") and r[3] == "RSD"]
    assert [[r[4], r[5], r[7], r[8]] for r in whole] == [[rsd_total, None, section_11, rsd_total - section_11]]
    said = summary_text(xlsx)
    assert en_share(45000, rsd_total) not in said and en_share(45000, planned[("MZ", "RSD")]) in said


# --- 2. the EUR lines and the lines of the whole plan period ----------------------------------------------------


def shipped_lines() -> dict[str, tuple[str, dict[str, Any]]]:
    """Every task line of the shipped plan with money, by id (task/n), with its owner: the payer, else the first
    lead."""
    return {
        f"{t['id']}/{n}": (line.get("payer") or t["lead"][0], line)
        for o in PLAN_YAML["objectives"]
        for a in o["activities"]
        for t in a["tasks"]
        for n, line in enumerate(t.get("budget", []), 1)
        if line["source"] not in ("no-cost", "cost-unknown") and line.get("amount")
    }


def eur_reports() -> tuple[list[Report], dict[str, Decimal]]:
    """December 2018 reports of every owner of a 2018 EUR line, each spending a tenth of the line (and 100 EUR on
    every line of the plan period it owns); with the EUR spent on the year's lines by owner."""
    lines = shipped_lines()
    owners = {owner for owner, line in lines.values() if line.get("year") == 2018 and line["currency"] == "EUR"}
    spent: dict[str, Decimal] = defaultdict(Decimal)
    reports = []
    for code in sorted(owners):
        typed = {}
        for line_id, (owner, line) in lines.items():
            if owner == code and line["currency"] == "EUR" and line.get("year") in (2018, None):
                typed[line_id] = Decimal(line["amount"]) / 10 if line.get("year") else Decimal(100)
                if line.get("year"):
                    spent[code] += typed[line_id]
        entries = [budget(k, 5 + n, None, "EUR", spent_year=v) for n, (k, v) in enumerate(typed.items())]
        reports.append(report(code, "2018-12", budget=entries))
    return reports, dict(spent)


def test_the_overview_and_the_brief_show_the_years_eur_money_beside_the_rsd(
    plan: Plan, registry: InstitutionRegistry, tmp_path: Path
) -> None:
    reports, spent = eur_reports()
    accepted = [sub(r) for r in reports]
    planned: dict[str, Decimal] = defaultdict(Decimal)
    for owner, line in shipped_lines().values():
        if line.get("year") == 2018 and line["currency"] == "EUR":
            planned[owner] += Decimal(line["amount"])
    assert sum(planned.values()) == 25400 and {"IRG", "PA", "RJT", "MRZBSP"} <= set(planned)  # the reviewer's
    december = Period.parse("2018-12")
    settings = ConsolidationSettings(first=december, last=december, as_of=dt.date(2019, 1, 31))
    overview = consolidate(plan, registry, accepted, accepted, settings)[0]
    for code in planned:
        assert (column(overview, code, "planned_eur"), column(overview, code, "spent_eur")) == (
            planned[code],
            spent[code],
        ), code
        assert column(overview, code, "execution_eur") == float(spent[code] / planned[code])
    brief = minister_brief(plan, registry, accepted, accepted, december, BASIS, DeadlinePolicy())
    got = {r.institution: (r.planned, r.spent) for r in brief.budget if r.currency == "EUR"}
    assert got == {code: (planned[code], spent[code]) for code in planned}
    _, xlsx = write_minister_brief(brief, plan, registry, "en", tmp_path, AT)[0]
    said = summary_text(xlsx)
    assert f"{en(sum(spent.values()))} of {en(sum(planned.values()))} EUR planned spent" in said


def test_the_lines_of_the_whole_plan_period_are_named_where_the_years_totals_leave_them_out(
    plan: Plan, registry: InstitutionRegistry, tmp_path: Path
) -> None:
    period: dict[str, Decimal] = defaultdict(Decimal)
    for _, line in shipped_lines().values():
        if line.get("year") is None:
            period[line["currency"]] += Decimal(line["amount"])
    assert period == {"EUR": 25400}  # MPNTR's and MRZBSP's TAIEX lines of 2017-2018
    label = f"{PLAN_YAML['start'].year}-{PLAN_YAML['end'].year}"
    reports, _ = eur_reports()
    accepted = [sub(r) for r in reports]
    december = Period.parse("2018-12")
    settings = ConsolidationSettings(first=december, last=december, as_of=dt.date(2019, 1, 31))
    overview = consolidate(plan, registry, accepted, accepted, settings)[0]
    assert any(label in note and f"{en(period['EUR'])} EUR" in note for note in overview.notes)
    brief = minister_brief(plan, registry, accepted, accepted, december, BASIS, DeadlinePolicy())
    _, xlsx = write_minister_brief(brief, plan, registry, "en", tmp_path, AT)[0]
    said = summary_text(xlsx)
    assert f"whole plan period {label}" in said and f"{en(period['EUR'])} EUR" in said


# --- 3. on the deadline day a report not yet in is not missing ----------------------------------------------------

# December 2018 is due on the 5th working day of January 2019: 1 and 2 January (New Year) and 7 January (Orthodox
# Christmas) are holidays, 5 and 6 January a weekend: 3, 4, 8, 9, 10 January.
DECEMBER_DUE = dt.date(2019, 1, 10)


@pytest.mark.parametrize(("as_of", "missing"), [(DECEMBER_DUE, False), (DECEMBER_DUE + dt.timedelta(days=1), True)])
def test_a_report_not_in_on_its_deadline_day_is_not_yet_missing(as_of: dt.date, missing: bool) -> None:
    mz = report("MZ", "2018-12", tasks=[task("1.2.1", 5, status="in-progress")])
    december = Period.parse("2018-12")
    settings = ConsolidationSettings(first=december, last=december, as_of=as_of)
    tables = consolidate(PLAN, REGISTRY, [sub(mz)], [sub(mz)], settings)
    overview, submissions = tables[0], tables[2]
    assert column(overview, "MUP", "missing") == int(missing)
    assert column(submissions, "MUP", "2018-12") == (text_of("master.submissions.missing", "en") if missing else "")
    grid = submission_grid(PLAN, REGISTRY, [sub(mz)], [sub(mz)], settings)  # `apmon sync status`
    assert grid.rows["MUP"][0].state == ("missing" if missing else "not-due")
    cut_off = dt.datetime.combine(as_of, dt.time(12), tzinfo=dt.UTC)
    basis = Basis(run_id=1, run_finished_at=cut_off, cut_off=cut_off)
    brief = minister_brief(PLAN, REGISTRY, [sub(mz)], [sub(mz)], december, basis, DeadlinePolicy())
    assert next(r.state for r in brief.reporting if r.institution == "MUP") == ("missing" if missing else "not-due")


# --- 4. shares stored exact, rounded once, half up ---------------------------------------------------------------


def test_a_share_is_stored_exact_and_the_overview_notes_round_half_up() -> None:
    # 73.449% of MUP's 100.000 RSD: stored rounded to 0.7345 it showed 73.5% in a 0.0% cell.
    mup = report("MUP", "2018-01", budget=[budget("1.1.1/1", 5, 100000, spent_year=73449)])
    settings = ConsolidationSettings(first=Period.parse("2018-01"), last=Period.parse("2018-04"),
                                     as_of=dt.date(2018, 5, 20))  # fmt: skip
    overview = consolidate(PLAN, REGISTRY, [sub(mup)], [sub(mup)], settings)[0]
    assert column(overview, "MUP", "execution") == 73449 / 100000
    # One report received of eight due (two institutions, January to April): 12.5%, which is 13% half up.
    due = 2 * 4
    share = (Decimal(100) / due).quantize(Decimal(1), ROUND_HALF_UP)
    assert share == 13
    assert text_of("master.overview.reported", "en", reported=1, due=due, share=f"{share}%") in overview.notes


# --- 5. the Overview counts the annual reports ------------------------------------------------------------------


def test_the_overview_counts_the_annual_reports_beside_the_monthly_ones() -> None:
    """The annual report of 2018 is due in February 2019: MUP's is valid, MZ's invalid. The Overview counted the
    monthly reports only, and MZ's invalid annual report appeared nowhere on it."""
    mup = report("MUP", "2018", tasks=[task("1.1.1", 5, status="completed")])
    mz = report("MZ", "2018", tasks=[task("1.2.1", 5, status="completed")])
    december = Period.parse("2018-12")
    settings = ConsolidationSettings(first=december, last=december, as_of=dt.date(2019, 3, 1))
    overview = consolidate(PLAN, REGISTRY, [sub(mup)], [sub(mup), sub(mz, valid=False)], settings)[0]
    got = {code: [column(overview, code, k) for k in ("annual_received", "annual_invalid", "annual_missing")]
           for code in ("MUP", "MZ")}  # fmt: skip
    assert got == {"MUP": [1, 0, 0], "MZ": [0, 1, 0]}
    assert marks(overview, "MZ")["annual_invalid"] == "error"
    # The monthly counts say they are the monthly reports': December by both, neither in.
    assert [column(overview, code, "missing") for code in ("MUP", "MZ")] == [1, 1]
    annual_note = text_of("master.overview.reported_annual", "en", reported=1, due=2, share="50%")
    assert annual_note in overview.notes
    # Before its deadline (15.02.2019, a holiday: Monday 18.02.2019) an annual report is not counted, as a month's
    # report is not before its own: the counts are of the reports due.
    early = settings.model_copy(update={"as_of": dt.date(2019, 2, 18)})
    overview = consolidate(PLAN, REGISTRY, [sub(mup)], [sub(mup), sub(mz, valid=False)], early)[0]
    assert [column(overview, "MUP", k) for k in ("annual_received", "annual_invalid", "annual_missing")] == [0, 0, 0]


# --- 6. the Council's span in English ---------------------------------------------------------------------------


def test_the_council_report_says_a_long_span_in_days_once(tmp_path: Path) -> None:
    first, last = Period.parse("2018-01"), Period.parse("2018-03")
    days = (last.last_day - first.first_day).days + 1
    council = council_report(PLAN, REGISTRY, [], [], first, last, BASIS, DeadlinePolicy())
    _, xlsx = write_council_report(council, PLAN, REGISTRY, "en", tmp_path, AT)[0]
    said = summary_text(xlsx)
    assert f"({days} days)" in said and "days days" not in said
    fields = {"days": counted(61, "day", "en"), "previous": "1 Mar 2018", "this": "1 May 2018", "most": 60}
    assert "61 days apart" in text_of("report_cli.council_gap", "en", **fields)
    assert "days days" not in text_of("report_cli.council_gap", "en", **fields)


def test_an_institution_with_two_sources_and_no_report_is_named_once_among_those_missing() -> None:
    """A later plan may give an institution a state budget line and a donor's in one currency: "MKI, MKI" was named."""
    from apmon.sync.report_content import YearBudgetRow, budget_totals

    rows = [
        YearBudgetRow(institution="MKI", source="state", currency="RSD", planned=Decimal(100), spent=None),
        YearBudgetRow(institution="MUP", source="state", currency="RSD", planned=Decimal(50), spent=Decimal(20)),
        YearBudgetRow(institution="MKI", source="donor", currency="RSD", planned=Decimal(30), spent=None),
    ]
    (total,) = budget_totals(rows)
    assert total.missing == [("MKI", Decimal(130))]
    assert (total.planned, total.spent, total.planned_given) == (Decimal(180), Decimal(20), Decimal(50))


# --- a currency in which no institution gave its spending ------------------------------------------------------

# The trial's brief for March 2018: MZ spent on its RSD line; no owner of a 2018 EUR line (IRG, MRZBSP, RJT, PA) sent
# a report. The EUR total said "0.00 of 0.00 EUR planned by the institutions that gave their spending (–)": a gap
# written as two zeros.


def test_a_currency_no_institution_gave_its_spending_in_is_a_gap_not_zero_of_zero(
    plan: Plan, registry: InstitutionRegistry, tmp_path: Path
) -> None:
    mz = report("MZ", "2018-03", budget=[budget("2.1.2/6", 5, None, spent_year=55000)])
    brief = minister_brief(plan, registry, [sub(mz)], [sub(mz)], MARCH, BASIS, DeadlinePolicy())
    eur_planned: dict[str, Decimal] = defaultdict(Decimal)
    for owner, line in shipped_lines().values():
        if line.get("year") == 2018 and line["currency"] == "EUR":
            eur_planned[owner] += Decimal(line["amount"])
    _, xlsx = write_minister_brief(brief, plan, registry, "en", tmp_path, AT)[0]
    eur_rows = {r[0]: r[2:] for r in sheet_rows(xlsx, "Budget") if r[1] == "EUR"}
    assert text_of("report.col.total_known", "en") not in eur_rows  # no row of 0.00 spent of 0.00 planned
    whole = eur_rows[text_of("report.col.total_planned", "en")]
    assert whole[:2] == [sum(eur_planned.values()), None] and all(code in whole[2] for code in eur_planned)
    said = summary_text(xlsx)
    assert "0.00 of the 0.00 EUR" not in said
    assert text_of("report.summary.budget.none_given", "en", currency="EUR", missing="").rstrip(": ") in said
    assert all(f"{code} ({en(amount)} EUR planned)" in said for code, amount in eur_planned.items())
    mz_rsd = sum(Decimal(line["amount"]) for owner, line in shipped_lines().values()
                 if (owner, line.get("year"), line["currency"]) == ("MZ", 2018, "RSD"))  # fmt: skip
    assert f"{en(55000)} of the {en(mz_rsd)} RSD" in said  # the RSD total, where MZ's spending is known, stays


# --- a line the newest report leaves blank keeps the year's last figure, and the Budget sheet says so -------------

# The trial: MPRAVDE gave 3.500 RSD spent this year on 3.3.4/1 in February and left the line blank in March. The
# Budget sheet counted 30.000 + 3.500 (a blank is no zero), but said its figures came "from the newest accepted
# report of the year", where the Coordinator found 30.000.


def test_the_budget_sheet_says_a_line_left_blank_keeps_the_years_last_figure(
    plan: Plan, registry: InstitutionRegistry
) -> None:
    february = report("MPRAVDE", "2018-02", budget=[budget("2.1.2/4", 5, None, spent_year=20000),
                                                    budget("3.3.4/1", 6, None, spent_year=3500)])  # fmt: skip
    march = report("MPRAVDE", "2018-03", budget=[budget("2.1.2/4", 5, None, spent_year=30000),
                                                 budget("3.3.4/1", 6, None)])  # fmt: skip
    settings = ConsolidationSettings(first=Period.parse("2018-01"), last=MARCH, as_of=dt.date(2018, 5, 20))
    accepted = [sub(february), sub(march)]
    tables = consolidate(plan, registry, accepted, accepted, settings)  # the settings' language: English
    sheet = next(t for t in tables if t.sheet == text_of("master.sheet.budget", "en"))
    [row] = [r for r in sheet.rows if r[0] == "MPRAVDE" and r[1] == "2018" and r[3] == "RSD"]
    assert row[sheet.column_index("spent")] == 30000 + 3500
    assert "blank" in (sheet.subtitle or "")  # where the 3.500 comes from, said where the figure is


# --- the Council's "planned lines not executed": nothing spent, or not known --------------------------------------

# The trial's Council report (November 2017 to March 2018) listed MUP's 2017 lines among the lines not executed,
# though MUP sent no report of 2017: its spending is unknown, as the budget table of the same report says.


def test_the_councils_lines_not_executed_tell_nothing_spent_from_spending_not_known(
    plan: Plan, registry: InstitutionRegistry, tmp_path: Path
) -> None:
    lines = shipped_lines()
    mz_2017 = sorted(k for k, (owner, line) in lines.items() if owner == "MZ" and line.get("year") == 2017)
    mup_2017 = sorted(k for k, (owner, line) in lines.items() if owner == "MUP" and line.get("year") == 2017)
    zero, blank = mz_2017[0], mz_2017[-1]  # MZ typed 0 on its first 2017 line and left its last one blank
    assert zero != blank and mup_2017
    mz = report("MZ", "2017", budget=[budget(zero, 5, None, spent_year=0), budget(blank, 6, None)])
    first, last = Period.parse("2017-11"), MARCH
    council = write_council_report(
        council_report(plan, registry, [sub(mz)], [sub(mz)], first, last, BASIS, DeadlinePolicy()),
        plan, registry, "en", tmp_path, AT,
    )  # fmt: skip
    _, xlsx = council[0]
    rows = [r for r in openpyxl.load_workbook(xlsx, read_only=True)["Lines not executed"].iter_rows(values_only=True)]
    header = next(r for r in rows if r and r[0] == text_of("report.col.task", "en"))
    spent = header.index(text_of("report.col.spent", "en"))
    shown = {(r[0], r[1], r[3]): r[spent] for r in rows if r and r[1] in ("MZ", "MUP")}
    assert shown[(zero.split("/")[0], "MZ", "2017")] == 0  # typed 0: nothing spent
    assert shown[(blank.split("/")[0], "MZ", "2017")] == text_of("report.budget.not_given", "en")
    no_report = text_of("report.budget.no_report", "en", year=2017)
    assert {shown[(k.split("/")[0], "MUP", "2017")] for k in mup_2017} == {no_report}


def test_a_file_not_read_for_a_month_before_the_plan_is_owed_nothing() -> None:
    """A month before the plan starts (the earlier plan's, on the same master) owes this plan nothing: a file the run
    could not read for it is shown as not owed, as a missing one is, not as 'not read this run'."""
    before, first = Period.parse("2017-12"), Period.parse("2018-01")
    assert before.last_day < PLAN.start <= first.last_day  # the test's premise, from the pure plan
    settings = ConsolidationSettings(
        first=before, last=first, as_of=dt.date(2019, 1, 31), not_read=(("MUP", "2017-12"), ("MUP", "2018-01"))
    )
    grid = submission_grid(PLAN, REGISTRY, [], [], settings)
    assert [cell.state for cell in grid.rows["MUP"]] == ["not-owed", "not-read"]
