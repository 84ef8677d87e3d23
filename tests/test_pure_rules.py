"""The rules on Reports built in Python (no workbook): each case names the issues, by code, sheet and cell,
that a person reading the report would expect."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from apmon.schemas.messages import message
from apmon.schemas.plan import Plan
from apmon.schemas.report import Report
from apmon.schemas.rules import TEXT_LIMIT, check_alone, check_history, check_on_day, sharing_institutions
from tests.pure_data import BUDGET, COVER, INDICATORS, PLAN, TASKS, budget, cover, indicator, problem, report, task

Found = set[tuple[str, str, str]]


def found(issues: list) -> Found:  # type: ignore[type-arg]
    return {(i.code, i.sheet, i.cell) for i in issues}


JMBG = "1505953710011"  # a valid JMBG (its check digit adds up)
DONE = {"status": "completed", "progress": "Done."}

ALONE: list[tuple[str, Report, Found]] = [
    ("complete", report("MUP", "2018-02", tasks=[task("1.1.1", 5, **DONE)]), set()),
    ("lead-without-status", report("MUP", "2018-02", tasks=[task("1.1.1", 5)]), {("missing-status", TASKS, "E5")}),
    ("partner-without-status", report("MZ", "2018-02", tasks=[task("1.1.1", 6, role="partner")]), set()),
    (
        "in-progress-without-progress",
        report("MUP", "2018-02", tasks=[task("1.1.1", 5, status="in-progress")]),
        {("missing-progress", TASKS, "F5")},
    ),
    (
        "delayed-without-problem",
        report("MUP", "2018-02", tasks=[task("1.1.1", 7, status="delayed", progress="Late.")]),
        {("missing-problem", TASKS, "G7")},
    ),
    (
        "delayed-with-its-problem-on-the-problems-sheet",
        report(
            "MUP",
            "2018-02",
            tasks=[task("1.1.1", 7, status="delayed", progress="Late.")],
            problems=[problem(1, "1.1.1", "No funds yet.")],
        ),
        set(),
    ),
    (
        "completed-before-the-plan-started",
        report("MUP", "2017-12", tasks=[task("1.1.1", 5, **DONE)]),
        {("completed-before-start", TASKS, "E5")},
    ),
    (
        "open-after-the-deadline",  # activity 1.2 was due by 31.03.2018
        report("MZ", "2018-04", tasks=[task("1.2.1", 9, status="in-progress", progress="Going on.")]),
        {("task-overdue", TASKS, "E9")},
    ),
    ("completed-after-the-deadline", report("MZ", "2018-04", tasks=[task("1.2.1", 9, **DONE)]), set()),
    ("open-before-the-deadline", report("MZ", "2018-03", tasks=[task("1.2.1", 9, status="not-started")]), set()),
    (
        "negative-amounts",
        report("MUP", "2018-02", budget=[budget("1.1.1/1", 5, 100000, spent_period=-5, spent_year=-5)]),
        {("amount-negative", BUDGET, "F5"), ("amount-negative", BUDGET, "G5")},
    ),
    (
        "month-over-year",
        report("MUP", "2018-02", budget=[budget("1.1.1/1", 5, 100000, spent_period=300, spent_year=200)]),
        {("spent-period-over-year", BUDGET, "F5")},
    ),
    (
        "spent-over-planned",
        report("MZ", "2018-02", budget=[budget("1.1.2/1", 6, 50000, spent_period=1000, spent_year=50001)]),
        {("spent-over-planned", BUDGET, "G6")},
    ),
    ("spent-all-of-planned", report("MZ", "2018-02", budget=[budget("1.1.2/1", 6, 50000, spent_year=50000)]), set()),
    (
        "currency-written-differs",
        report(
            "MZ",
            "2018-02",
            budget=[budget("1.1.2/2", 7, 2000, "EUR", spent_year=10, currency_written={"spent_year": "RSD"})],
        ),
        {("currency-mismatch", BUDGET, "G7")},
    ),
    (
        "breakdown-does-not-add-up",
        report("MUP", "2018-02", indicators=[indicator("1.1.i1", 5, women=2, men=3, total=6)]),
        {("breakdown-mismatch", INDICATORS, "H5")},
    ),
    (
        "breakdown-adds-up",
        report("MUP", "2018-02", indicators=[indicator("1.1.i1", 5, women=2, men=3, total=5)]),
        set(),
    ),
    (
        "breakdown-without-total",
        report("MUP", "2018-02", indicators=[indicator("1.1.i1", 5, women=2, men=3)]),
        {("total-missing", INDICATORS, "H5")},
    ),
    (
        "jmbg-in-progress",
        report("MUP", "2018-02", tasks=[task("1.1.1", 5, status="in-progress", progress=f"Victim {JMBG} helped.")]),
        {("personal-data", TASKS, "F5")},
    ),
    (
        "email-in-an-indicator-note",
        report("MUP", "2018-02", indicators=[indicator("1.1.i2", 8, value="More", note="ana.markovic@gmail.com")]),
        {("personal-data", INDICATORS, "J8")},
    ),
    (
        "email-as-the-cover-contact",
        report("MUP", "2018-02", cover=cover(preparer="Ana", contact="kabinet@mup.gov.rs", date=dt.date(2018, 3, 1))),
        set(),
    ),
    (
        "jmbg-as-the-cover-contact",
        report("MUP", "2018-02", cover=cover(preparer="Ana", contact=f"Ana, {JMBG}", date=dt.date(2018, 3, 1))),
        {("personal-data", COVER, "C5")},
    ),
    (
        "text-too-long",
        report("MUP", "2018-02", budget=[budget("1.1.1/1", 5, 100000, note="a" * (TEXT_LIMIT + 1))]),
        {("text-too-long", BUDGET, "H5")},
    ),
    (
        "annual-without-assessment",
        report("MZ", "2018", tasks=[task("1.2.1", 9, **DONE), task("1.1.1", 10, role="partner", **DONE)]),
        {("missing-assessment", TASKS, "J9")},
    ),
    (
        "annual-assessed-not-completed-without-problem",
        report("MZ", "2018", tasks=[task("1.2.1", 9, assessment="not-completed", status="delayed", progress="x")]),
        {("missing-problem", TASKS, "G9")},
    ),
    # A cover left empty passed without a word: the Coordinator did not know whom to ask, nor when it was made.
    ("undated", report("MUP", "2018-02", cover=cover(preparer="Ana")), {("cover-date-missing", COVER, "C6")}),
    (
        "cover-left-empty",
        report("MUP", "2018-02", cover=cover()),
        {("cover-preparer-missing", COVER, "C4"), ("cover-date-missing", COVER, "C6")},
    ),
    (
        "preparer-only-spaces",
        report("MUP", "2018-02", cover=cover(preparer="  ", date=dt.date(2018, 3, 1))),
        {("cover-preparer-missing", COVER, "C4")},
    ),
]


@pytest.mark.parametrize(("report_", "expected"), [c[1:] for c in ALONE], ids=[c[0] for c in ALONE])
def test_rules_on_a_report_alone(report_: Report, expected: Found) -> None:
    assert found(check_alone(report_, PLAN)) == expected


DATED: list[tuple[str, dt.date | None, dt.date, Found]] = [
    ("dated-the-day-it-is-checked", dt.date(2018, 4, 5), dt.date(2018, 4, 5), set()),
    ("dated-the-day-before", dt.date(2018, 4, 4), dt.date(2018, 4, 5), set()),
    ("dated-the-next-day", dt.date(2018, 4, 6), dt.date(2018, 4, 5), {("report-date-in-future", COVER, "C6")}),
    ("a-mistyped-year", dt.date(2081, 4, 5), dt.date(2018, 4, 5), {("report-date-in-future", COVER, "C6")}),
    ("undated", None, dt.date(2018, 4, 5), set()),
]  # fmt: skip


@pytest.mark.parametrize(("date", "day", "expected"), [c[1:] for c in DATED], ids=[c[0] for c in DATED])
def test_rules_on_the_day_a_report_is_checked(date: dt.date | None, day: dt.date, expected: Found) -> None:
    assert found(check_on_day(report("MUP", "2018-03", cover=cover(date=date)), day)) == expected


# The report date against its period's end, checked once the period is over (a day of the next year)
EARLY = {("report-date-before-period-end", COVER, "C6")}
BEFORE_END: list[tuple[str, str, dt.date, Found]] = [
    ("dated-before-the-month-ends", "2018-03", dt.date(2018, 2, 2), EARLY),
    ("dated-on-the-months-last-day", "2018-02", dt.date(2018, 2, 28), set()),
    ("annual-dated-before-the-year-ends", "2018", dt.date(2018, 12, 30), EARLY),
    ("annual-dated-on-31-december", "2018", dt.date(2018, 12, 31), set()),
]  # fmt: skip


@pytest.mark.parametrize(("period", "date", "expected"), [c[1:] for c in BEFORE_END], ids=[c[0] for c in BEFORE_END])
def test_a_report_dated_before_its_period_ends_is_warned_of_once_the_period_is_over(
    period: str, date: dt.date, expected: Found
) -> None:
    dated = report("MUP", period, cover=cover(preparer="Ana", date=date))
    assert found(check_on_day(dated, dt.date(2019, 3, 1))) == expected


def test_a_report_dated_as_it_is_filled_in_before_its_period_ends_gets_period_not_over_alone() -> None:
    """An officer fills in March's report on 15 March, dated that day, and clicks Validate: the date is true."""
    dated = report("MUP", "2018-03", cover=cover(preparer="Ana", date=dt.date(2018, 3, 15)))
    assert found(check_on_day(dated, dt.date(2018, 3, 15))) == {("period-not-over", COVER, "C3")}


NOT_OVER: list[tuple[str, str, dt.date, Found]] = [
    ("a-month-checked-after-it", "2018-03", dt.date(2018, 4, 5), set()),
    ("a-month-checked-on-its-last-day", "2018-03", dt.date(2018, 3, 31), set()),
    ("a-month-checked-the-day-before-its-last", "2018-03", dt.date(2018, 3, 30), {("period-not-over", COVER, "C3")}),
    ("a-later-month-opened-by-mistake", "2018-12", dt.date(2018, 4, 5), {("period-not-over", COVER, "C3")}),
    ("a-year-checked-on-31-december", "2018", dt.date(2018, 12, 31), set()),
    ("a-year-not-over", "2018", dt.date(2018, 6, 30), {("period-not-over", COVER, "C3")}),
]  # fmt: skip


@pytest.mark.parametrize(("period", "day", "expected"), [c[1:] for c in NOT_OVER], ids=[c[0] for c in NOT_OVER])
def test_a_report_on_a_period_not_over_is_an_error(period: str, day: dt.date, expected: Found) -> None:
    assert found(check_on_day(report("MUP", period, cover=cover()), day)) == expected


def test_a_value_the_parser_already_flagged_is_not_also_missing() -> None:
    blank = report("MUP", "2018-02", tasks=[task("1.1.1", 5)])
    assert found(check_alone(blank, PLAN, frozenset({(TASKS, "E5")}))) == set()


NARRATIVE_CELLS = {"results": "B4", "problems": "B5", "challenges": "B6"}


@pytest.mark.parametrize(
    ("kind", "narrative", "expected"),
    [
        ("annual", {"results": None, "problems": None, "challenges": None}, {("narrative-results-missing", "B4")}),
        (
            "annual",
            {"results": " ", "problems": "Nedostaju sredstva.", "challenges": None},
            {("narrative-results-missing", "B4")},
        ),
        ("annual", {"results": "Obučeno 120 službenika.", "problems": None, "challenges": None}, set()),
    ],
)
def test_an_annual_report_without_the_years_results_is_named(
    kind: str, narrative: dict[str, str | None], expected: set[tuple[str, str]]
) -> None:
    """An annual report whose narrative was left empty passed without a word, and the Coordinator's Annual sheet had
    nothing of the institution's year. The results are asked for (a warning); problems and challenges may be none."""
    annual = report(
        "MUP", "2018", narrative=narrative, narrative_cells=NARRATIVE_CELLS, sheet_names={"narrative": "Report"}
    )
    assert {(i.code, i.cell) for i in check_alone(annual, PLAN) if i.sheet == "Report"} == expected
    assert all(i.severity == "warning" for i in check_alone(annual, PLAN) if i.sheet == "Report")


def test_a_cover_date_the_parser_could_not_read_is_not_also_missing() -> None:
    unreadable = report("MUP", "2018-02", cover=cover(preparer="Ana"))
    assert found(check_alone(unreadable, PLAN, frozenset({(COVER, "C6")}))) == set()


def test_personal_data_is_masked_in_the_issue() -> None:
    [issue] = check_alone(report("MUP", "2018-02", cover=cover(preparer=f"Ana {JMBG}", date=dt.date(2018, 3, 1))), PLAN)
    assert issue.code == "personal-data" and issue.severity == "error"
    assert JMBG not in (issue.value or "") and JMBG not in str(issue.params)


def spent(institution: str, period: str, amount: int, line: str = "1.1.1/1") -> Report:
    return report(institution, period, budget=[budget(line, 5, 100000, spent_year=amount)])


def blank(institution: str, period: str, line: str = "1.1.1/1") -> Report:
    """A report that leaves the line's spending blank: the last figure given for it in the year still counts."""
    return report(institution, period, budget=[budget(line, 5, 100000)])


def counted(institution: str, period: str, total: int) -> Report:
    return report(institution, period, indicators=[indicator("1.1.i1", 5, total=total)])


HISTORY: list[tuple[str, Report, list[Report], Found]] = [
    ("spending-went-down", spent("MUP", "2018-04", 400), [spent("MUP", "2018-03", 500)],
     {("cumulative-spending-decreased", BUDGET, "G5")}),
    ("spending-unchanged", spent("MUP", "2018-04", 500), [spent("MUP", "2018-03", 500)], set()),
    ("spending-went-up", spent("MUP", "2018-04", 600), [spent("MUP", "2018-03", 500)], set()),
    ("compared-with-the-newest-earlier-month",
     spent("MUP", "2018-04", 400), [spent("MUP", "2018-02", 500), spent("MUP", "2018-03", 300)], set()),
    # March left the line blank, which keeps February's 500 (the master counts it): April's 400 is a fall from 500
    ("compared-with-the-last-figure-given-before-a-blank-month",
     spent("MUP", "2018-04", 400), [spent("MUP", "2018-02", 500), blank("MUP", "2018-03")],
     {("cumulative-spending-decreased", BUDGET, "G5")}),
    ("a-blank-month-alone-is-no-figure", spent("MUP", "2018-04", 400), [blank("MUP", "2018-03")], set()),
    ("a-later-month-is-not-earlier", spent("MUP", "2018-04", 400), [spent("MUP", "2018-05", 500)], set()),
    ("another-institution", spent("MUP", "2018-04", 400), [spent("MZ", "2018-03", 500)], set()),
    ("a-new-year-starts-from-zero", spent("MUP", "2019-01", 10), [spent("MUP", "2018-12", 500)], set()),
    ("another-line", spent("MUP", "2018-04", 400), [spent("MUP", "2018-03", 500, "1.1.2/1")], set()),
    ("year-total-below-the-months", counted("MUP", "2018", 6),
     [counted("MUP", "2018-01", 3), counted("MUP", "2018-02", 4)], {("indicator-decreased", INDICATORS, "H5")}),
    ("year-total-equals-the-months", counted("MUP", "2018", 7),
     [counted("MUP", "2018-01", 3), counted("MUP", "2018-02", 4)], set()),
    ("months-of-another-year", counted("MUP", "2018", 1), [counted("MUP", "2017-12", 9)], set()),
    ("a-month-is-not-held-to-a-sum", counted("MUP", "2018-03", 1), [counted("MUP", "2018-02", 9)], set()),
    ("year-spending-below-the-months", spent("MUP", "2018", 400), [spent("MUP", "2018-11", 500)],
     {("annual-spending-below-months", BUDGET, "G5")}),
    ("year-spending-equals-the-months", spent("MUP", "2018", 500), [spent("MUP", "2018-11", 500)], set()),
    ("year-spending-against-the-newest-month", spent("MUP", "2018", 400),
     [spent("MUP", "2018-12", 300), spent("MUP", "2018-11", 500)], set()),
    ("year-spending-against-another-years-months", spent("MUP", "2018", 400), [spent("MUP", "2017-12", 500)], set()),
    ("year-spending-against-another-lines-months", spent("MUP", "2018", 400),
     [spent("MUP", "2018-11", 500, "1.1.2/1")], set()),
    # December corrected after the annual report: the annual counts, and says less than December now does
    ("month-spending-above-the-annual", spent("MUP", "2018-12", 600), [spent("MUP", "2018", 500)],
     {("month-spending-above-annual", BUDGET, "G5")}),
    ("month-spending-equals-the-annual", spent("MUP", "2018-12", 500), [spent("MUP", "2018", 500)], set()),
    ("month-spending-below-the-annual", spent("MUP", "2018-11", 400), [spent("MUP", "2018", 500)], set()),
    ("month-spending-against-another-years-annual", spent("MUP", "2018-12", 600), [spent("MUP", "2017", 500)],
     set()),
    # February corrected after March: March's lower figure is the one counted, as the annual's is after December
    ("month-spending-above-a-later-month", spent("MUP", "2018-02", 800), [spent("MUP", "2018-03", 700)],
     {("spending-above-later-month", BUDGET, "G5")}),
    ("month-spending-below-a-later-month", spent("MUP", "2018-02", 600), [spent("MUP", "2018-03", 700)], set()),
    # a later month that left the line blank keeps this one's figure: nothing lower is counted
    ("month-spending-before-a-blank-later-month", spent("MUP", "2018-02", 800), [blank("MUP", "2018-03")], set()),
    ("month-spending-against-the-next-years-month", spent("MUP", "2018-12", 800), [spent("MUP", "2019-01", 10)],
     set()),
    # the annual left the line blank: December's figure, carried, is the one counted
    ("month-spending-above-a-later-month-the-annual-left-blank", spent("MUP", "2018-10", 800),
     [spent("MUP", "2018-12", 700), blank("MUP", "2018")], {("spending-above-later-month", BUDGET, "G5")}),
    ("month-spending-above-the-annual-and-a-month-is-warned-once", spent("MUP", "2018-10", 800),
     [spent("MUP", "2018-12", 700), spent("MUP", "2018", 750)], {("month-spending-above-annual", BUDGET, "G5")}),
]  # fmt: skip


@pytest.mark.parametrize(("report_", "history", "expected"), [c[1:] for c in HISTORY], ids=[c[0] for c in HISTORY])
def test_rules_against_earlier_reports(report_: Report, history: list[Report], expected: Found) -> None:
    assert found(check_history(report_, history)) == expected


def test_the_year_total_is_checked_against_the_sum_of_the_months() -> None:
    [issue] = check_history(counted("MUP", "2018", 6), [counted("MUP", "2018-01", 3), counted("MUP", "2018-02", 4)])
    assert issue.params["months"] == 7 and issue.value == "6"


def test_the_year_spending_names_the_month_it_is_below() -> None:
    # The newest month that gave the line's spending to date: December said nothing of it, November did.
    blank_december = report("MUP", "2018-12", budget=[budget("1.1.1/1", 5, 100000)])
    [issue] = check_history(spent("MUP", "2018", 400), [spent("MUP", "2018-11", 500), blank_december])
    assert issue.severity == "error" and issue.value == "400,00"
    assert issue.params == {"line": "1.1.1/1", "months": "500,00", "month": "2018-11"}


def test_spending_gone_down_names_the_month_that_gave_the_higher_figure_in_words() -> None:
    """MUP gave 500 spent on a line in February, left it blank in March (February's 500 still counted on the master's
    Budget sheet) and gave 400 in April: April was accepted, the line's spending fell from 500 to 400 without a
    word, as only March's blank was compared. The message names February, in words in each language, as the annual
    report's rule names its month (it said "za 2018-11")."""
    [issue] = check_history(spent("MUP", "2018-04", 400), [spent("MUP", "2018-02", 500), blank("MUP", "2018-03")])
    assert (issue.code, issue.severity, issue.params) == (
        "cumulative-spending-decreased", "error", {"line": "1.1.1/1", "previous": "500,00", "month": "2018-02"}
    )  # fmt: skip
    said = {lang: message(issue, lang) for lang in ("sr-Latn", "sr-Cyrl", "en")}
    assert "februar 2018." in said["sr-Latn"] and "фебруар 2018." in said["sr-Cyrl"] and "February 2018" in said["en"]
    [annual] = check_history(spent("MUP", "2018", 400), [spent("MUP", "2018-11", 500)])
    assert "novembar 2018." in message(annual, "sr-Latn") and "November 2018" in message(annual, "en")
    assert not any("2018-" in message(i, lang) for i in (issue, annual) for lang in ("sr-Latn", "sr-Cyrl", "en"))


def test_a_month_corrected_after_the_annual_report_with_more_spent_names_the_annual_figure() -> None:
    """MUP's annual report for 2017 gave 5.000 spent on a line, then a correction of its December report came with
    6.000 spent to date on it: accepted without a word, and the master, the annual evaluation and the published
    report counted the annual's 5.000 (it closes the year), 1.000 below what MUP now says it spent. The other way
    round (the annual after December) the annual is refused (annual-spending-below-months). The correction is not
    refused (the annual counts either way, and it may be the right figure): the officer and the Coordinator are told,
    at the cell, which figure counts and what to correct."""
    [issue] = check_history(spent("MUP", "2017-12", 6000), [spent("MUP", "2017-11", 3000), spent("MUP", "2017", 5000)])
    assert (issue.code, issue.severity, issue.cell) == ("month-spending-above-annual", "warning", "G5")
    assert issue.params == {"line": "1.1.1/1", "annual": "5.000,00", "year": "2017"} and issue.value == "6.000,00"
    said = {lang: message(issue, lang) for lang in ("sr-Latn", "sr-Cyrl", "en")}
    assert all("1.1.1/1" in m and "2017" in m for m in said.values())
    assert "6.000,00" in said["sr-Latn"] and "5.000,00" in said["sr-Latn"] and "5.000,00" in said["sr-Cyrl"]
    assert "6,000.00" in said["en"] and "5,000.00" in said["en"]


def test_a_month_corrected_after_a_later_month_with_more_spent_names_that_month() -> None:
    """MUP gave 600 spent to date on a line in February and 700 in March, then corrected February to 800: accepted
    without a word, and the master (the newest report of the year counts) kept March's 700, 100 below what MUP now
    says it had spent by February. The other way round (March after February's 800) March is refused
    (cumulative-spending-decreased). As after the annual report, the correction is warned at its cell, naming the
    month whose figure counts, in words."""
    [issue] = check_history(spent("MUP", "2018-02", 800), [spent("MUP", "2018-01", 500), spent("MUP", "2018-03", 700)])
    assert (issue.code, issue.severity, issue.cell, issue.value) == (
        "spending-above-later-month",
        "warning",
        "G5",
        "800,00",
    )
    assert issue.params == {"line": "1.1.1/1", "later": "700,00", "month": "2018-03"}
    said = {lang: message(issue, lang) for lang in ("sr-Latn", "sr-Cyrl", "en")}
    assert "mart 2018." in said["sr-Latn"] and "март 2018." in said["sr-Cyrl"] and "March 2018" in said["en"]
    assert "700,00" in said["sr-Latn"] and "700.00" in said["en"] and "800.00" in said["en"]


def test_a_stock_indicators_year_total_is_its_latest_level_not_a_sum() -> None:
    # Issue 15, point 7: representatives named (a level) are 3, then 4; the annual report says 4.
    data = PLAN.model_dump(mode="json")
    data["objectives"][0]["activities"][0]["indicators"][0]["measure"] = "stock"
    stock_plan = Plan.model_validate(data)
    months = [counted("MUP", "2018-01", 3), counted("MUP", "2018-02", 4)]
    assert check_history(counted("MUP", "2018", 4), months, stock_plan) == []
    assert found(check_history(counted("MUP", "2018", 4), months, PLAN)) == {("indicator-decreased", INDICATORS, "H5")}


# 1.1.2 is led by MUP and MZ; its donor line 1.1.2/2 (2.000 EUR, 2018) names no payer: MUP's, the first lead's.
SHARED: list[tuple[str, Report, list[Report], Found]] = [
    ("the-other-lead-spent-too", spent("MZ", "2018-04", 500, "1.1.2/2"), [spent("MUP", "2018-03", 300, "1.1.2/2")],
     {("budget-line-spent-twice", BUDGET, "G5")}),
    ("the-owner-after-the-other-lead", spent("MUP", "2018-04", 500, "1.1.2/2"),
     [spent("MZ", "2018-03", 300, "1.1.2/2")], {("budget-line-spent-twice", BUDGET, "G5")}),
    ("together-beyond-the-plan", spent("MZ", "2018-04", 1500, "1.1.2/2"), [spent("MUP", "2018-03", 1000, "1.1.2/2")],
     {("budget-line-spent-twice", BUDGET, "G5"), ("budget-line-over-plan-total", BUDGET, "G5")}),
    ("only-the-owner", spent("MUP", "2018-04", 500, "1.1.2/2"), [spent("MUP", "2018-03", 300, "1.1.2/2")], set()),
    ("the-other-reported-nothing", spent("MZ", "2018-04", 500, "1.1.2/2"), [spent("MUP", "2018-03", 0, "1.1.2/2")],
     set()),
    ("the-others-newest-report-is-taken", spent("MZ", "2018-04", 500, "1.1.2/2"),
     [spent("MUP", "2018-03", 300, "1.1.2/2"), spent("MUP", "2018-05", 0, "1.1.2/2")], set()),
    ("another-year", spent("MZ", "2018-04", 500, "1.1.2/2"), [spent("MUP", "2017-12", 300, "1.1.2/2")], set()),
    ("another-line", spent("MZ", "2018-04", 500, "1.1.2/2"), [spent("MUP", "2018-03", 300, "1.1.1/1")], set()),
]  # fmt: skip


@pytest.mark.parametrize(("report_", "history", "expected"), [c[1:] for c in SHARED], ids=[c[0] for c in SHARED])
def test_a_plan_line_is_spent_by_one_institution(report_: Report, history: list[Report], expected: Found) -> None:
    """Issue 15, point 5: a shared line reported spent by two institutions, or beyond its plan in total."""
    assert found(check_history(report_, history, PLAN)) == expected


def test_a_line_with_no_year_is_held_to_its_plan_over_the_period() -> None:
    """A line with no year is the plan period's: 2017's and 2018's spending together pass its 2.000 EUR."""
    data = PLAN.model_dump(mode="json")
    data["start"] = "2017-01-01"
    data["objectives"][0]["activities"][0]["tasks"][1]["budget"][1]["year"] = None
    period_plan = Plan.model_validate(data)
    [issue] = check_history(spent("MUP", "2018-04", 1500, "1.1.2/2"), [spent("MUP", "2017", 1000, "1.1.2/2")],
                            period_plan)  # fmt: skip
    assert issue.code == "budget-line-over-plan-total" and issue.params["total"] == "2.500,00"
    assert check_history(spent("MUP", "2018-04", 1500, "1.1.2/2"), [spent("MUP", "2017", 1000, "1.1.2/2")], PLAN) == []


def test_the_institutions_sharing_a_line_are_its_owner_and_its_tasks_leads() -> None:
    assert sharing_institutions(spent("MZ", "2018-04", 500, "1.1.2/2"), PLAN) == {"MUP"}
    assert sharing_institutions(spent("MZ", "2018-04", 0, "1.1.2/2"), PLAN) == set()  # nothing spent


def test_amounts_in_a_message_are_written_as_its_reader_writes_them() -> None:
    """Spending over the plan and the month over the year, in English, quoted the amounts as Serbian writes them
    (5.000,00, read as five by an English reader), beside the English example 79300.50 of other messages."""
    from apmon.schemas.messages import message

    over = report(
        "MZ", "2018-02", budget=[budget("1.1.2/1", 6, 50000, spent_period=Decimal("60000.50"), spent_year=50001)]
    )
    said = {i.code: i for i in check_alone(over, PLAN)}
    planned, month = said["spent-over-planned"], said["spent-period-over-year"]
    assert "(50.001,00)" in message(planned, "sr-Latn") and "(50.000,00)" in message(planned, "sr-Latn")
    assert "(50,001.00)" in message(planned, "en") and "(50,000.00)" in message(planned, "en")
    assert "(60,000.50)" in message(month, "en") and "(50,001.00)" in message(month, "en")
    assert "(60.000,50)" in message(month, "sr-Cyrl")


def test_the_english_advice_for_an_ambiguous_amount_shows_the_english_form() -> None:
    """It advised "1.234,00", which an English reader takes for one and a bit."""
    from apmon.schemas.issues import Issue
    from apmon.schemas.messages import message

    said = message(Issue(code="amount-ambiguous", severity="error", sheet=BUDGET, cell="H4", value="1,234"), "en")
    assert "1,234.00" in said, said


def test_a_text_in_many_cells_is_searched_once_and_each_cell_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    """The same text typed (or pasted) into many cells of a report is searched for personal data once, and every
    cell holding it still has its own issue; the contact cell keeps its allowance for contact data."""
    import apmon.schemas.rules as rules

    searched: list[str] = []
    real = rules.find_personal_data

    def counted(text: str) -> list:  # type: ignore[type-arg]
        searched.append(text)
        return real(text)

    monkeypatch.setattr(rules, "find_personal_data", counted)
    pasted = f"Victim {JMBG} helped; ana.markovic@gmail.com"
    typed = {"progress": pasted, "problems": pasted, "measures": pasted, "risks": pasted}
    parts = {
        "tasks": [task("1.1.1", 5, status="in-progress", **typed)],
        "indicators": [indicator("1.1.i2", 8, value="More", note=pasted)],
        "cover": cover(preparer="Ana", contact=pasted, date=dt.date(2018, 3, 1)),
    }
    issues = [i for i in check_alone(report("MUP", "2018-02", **parts), PLAN) if i.code == "personal-data"]
    assert sorted(searched) == sorted({pasted, "Ana", "More"})
    cells = [(TASKS, f"{column}5") for column in "FGHI"] + [(INDICATORS, "J8")]
    assert sorted((i.sheet, i.cell, i.params["kind"]) for i in issues) == sorted(
        [(sheet, cell, kind) for sheet, cell in cells for kind in ("JMBG", "e-mail")] + [(COVER, "C5", "JMBG")]
    )


def test_a_text_the_contact_cell_may_hold_is_refused_in_a_cell_read_after_it() -> None:
    """The contact cell's allowance is its own: the same text in a narrative cell, read after the cover (so searched
    first in the contact cell), still has its e-mail and phone refused there."""
    office = "ana.markovic@gmail.com, 011 123 4567"
    parts = {
        "cover": cover(preparer="Ana", contact=office, date=dt.date(2018, 3, 1)),
        "narrative": {"results": office},
        "narrative_cells": {"results": "B4"},
        "sheet_names": {"narrative": "Report"},
    }
    issues = [i for i in check_alone(report("MUP", "2018", **parts), PLAN) if i.code == "personal-data"]
    assert sorted((i.sheet, i.cell, i.params["kind"]) for i in issues) == [
        ("Report", "B4", k) for k in ("e-mail", "personal.phone")
    ]
