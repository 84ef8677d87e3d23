"""Consolidation is pure: submissions in, Tables out. Built from real filled templates."""

import datetime as dt
import json
import re
from collections import defaultdict
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
import yaml

from apmon.schemas.calendar import Period, period_order
from apmon.schemas.institutions import InstitutionRegistry
from apmon.schemas.issues import Issue
from apmon.schemas.messages import MAX_ISSUES, message, text_of
from apmon.schemas.plan import Plan
from apmon.schemas.tables import Highlight, Table, TableColumn, fit_rows
from apmon.schemas.text import LANGS, Lang, latin_to_cyrillic
from apmon.sync.consolidate import (
    Submission,
    YearDigest,
    consolidate,
    consolidate_years,
    digest_years,
    submission_grid,
    submission_text,
    task_statuses,
)
from apmon.sync.findings import ConsolidationSettings
from apmon.templates.read_xlsx import read_xlsx
from apmon.templates.validation import check_grid, validation, view
from tests.reports import complete_annual, complete_monthly, filled_report

UTC = dt.UTC


def submission(
    plan: Plan,
    registry: InstitutionRegistry,
    folder: Path,
    code: str,
    period: str,
    edits=None,
    *,
    on_time=True,
    days_late=0,
):  # type: ignore[no-untyped-def]
    _, layout = filled_report(plan, registry, folder, code, period, {}, name=f"{code}-{period}-blank.xlsx")
    path, _ = filled_report(
        plan,
        registry,
        folder,
        code,
        period,
        {**complete_monthly(layout), **(edits or {})},
        name=f"{code}-{period}.xlsx",
    )
    report, issues = check_grid(read_xlsx(path), plan, registry)
    valid = not any(i.blocks for i in issues)
    return Submission(
        file=path.name, received_at=dt.datetime(2018, 4, 5, tzinfo=UTC), readable=True, valid=valid, institution=code,
        period=period, kind="monthly", on_time=on_time, days_late=days_late,
        issues=[i.model_dump() for i in view(issues, "en")], report=report,
    )  # fmt: skip


def table(tables: list[Table], sheet: str) -> Table:
    return next(t for t in tables if t.sheet == sheet)


def cell(t: Table, row_key: str, column: str, key_column: str | None = None):  # type: ignore[no-untyped-def]
    k = t.column_index(key_column or t.columns[0].key)
    row = next(r for r in t.rows if r[k] == row_key)
    return row[t.column_index(column)]


Inputs = tuple[list[Submission], list[Submission], ConsolidationSettings]


@pytest.fixture(scope="module")
def tables(plan: Plan, registry: InstitutionRegistry, inputs: Inputs) -> list[Table]:
    return consolidate(plan, registry, *inputs)


@pytest.fixture(scope="module")
def inputs(plan: Plan, registry: InstitutionRegistry, tmp_path_factory: pytest.TempPathFactory) -> Inputs:
    """(accepted, latest, settings): two MZ months, an invalid MUP report and an unreadable file."""
    folder = tmp_path_factory.mktemp("c")
    mz_march = submission(plan, registry, folder, "MZ", "2018-03")
    mz_april = submission(
        plan, registry, folder, "MZ", "2018-04",
        {("tasks", "2.1.2", "status"): "completed", ("tasks", "2.1.2", "problems"): "Kasnilo odobrenje sredstava."},
        on_time=False, days_late=3,
    )  # fmt: skip
    mup_bad = submission(plan, registry, folder, "MUP", "2018-03", {("tasks", "1.2.1", "status"): "done"})
    assert not mup_bad.valid and mz_march.valid
    settings = ConsolidationSettings(first=Period.parse("2018-03"), last=Period.parse("2018-05"),
                                     as_of=dt.date(2018, 5, 20), eur_to_rsd={2018: Decimal("118.27")})  # fmt: skip
    unreadable = Submission(
        file="scan.pdf", received_at=dt.datetime(2018, 4, 6, tzinfo=UTC), readable=False, valid=False,
        issues=[{"code": "file-pdf", "severity": "error", "sheet": "", "cell": "", "message": "This is a PDF."}],
    )  # fmt: skip
    return [mz_march, mz_april], [mz_march, mz_april, mup_bad, unreadable], settings


def test_sheets(tables: list[Table]) -> None:
    assert [t.sheet for t in tables] == [
        "Overview", "Objectives", "Submissions", "Status", "Annual", "Budget", "Indicators", "Problems and risks",
        "Issues",
    ]  # fmt: skip


def test_submissions_grid(tables: list[Table]) -> None:
    t = table(tables, "Submissions")
    assert cell(t, "MZ", "2018-03") == "on time"
    assert cell(t, "MZ", "2018-04") == "late (3)"
    assert cell(t, "MUP", "2018-03") == "invalid"
    assert cell(t, "MUP", "2018-04") == "missing"  # due 8 May 2018, before 20 May
    assert cell(t, "MZ", "2018-05") == ""  # not due yet on 20 May
    marks = {(t.rows[h.row][0], h.column): h.mark for h in t.highlights}
    assert (
        marks[("MZ", "2018-04")] == "late"
        and marks[("MUP", "2018-03")] == "error"
        and marks[("MUP", "2018-04")] == "missing"
    )


def test_status_uses_the_newest_accepted_report(tables: list[Table]) -> None:
    t = table(tables, "Status")
    # four leads; MZ says completed, the others have not reported: not completed yet
    assert cell(t, "2.1.2", "status", "id") == "in progress"
    assert cell(t, "2.1.2", "leads_reported", "id") == "1 of 4"
    assert "MZ" not in cell(t, "2.1.2", "partners", "id")
    assert cell(t, "1.2.1", "status", "id") == "not reported"  # MUP's only report is invalid


def test_budget_planned_spent_and_section_11(tables: list[Table], plan: Plan) -> None:
    t = table(tables, "Budget")
    row = next(r for r in t.rows if r[:4] == ["MZ", "2018", "state budget", "RSD"])
    values = dict(zip([c.key for c in t.columns], row, strict=True))
    assert values["planned"] == Decimal("211480")  # the plan's MZ 2018 lines
    assert values["spent"] == Decimal("6000.00")  # two lines, 3.000,00 each, year to date (April)
    assert values["section_11"] == Decimal("211480") and values["difference_11"] == 0
    eur = [r for r in t.rows if r[3] == "EUR"]
    assert eur and all(r[t.column_index("in_rsd")] is None for r in eur if r[t.column_index("spent")] is None)


def test_indicators_per_year_with_the_months_as_columns(tables: list[Table], plan: Plan) -> None:
    # MZ filled every count the same in March and April (complete_monthly); MUP's only report is invalid.
    t = table(tables, "Indicators")
    col = {c.key: i for i, c in enumerate(t.columns)}
    by_key = {(r[0], r[3]): r for r in t.rows}
    assert {code for _, code in by_key} == {"MZ", "Total"}
    measures = {i.id: i.measure for i in plan.indicators() if i.counts}
    counted = [r for (ind, code), r in by_key.items() if code == "MZ" and ind in measures]
    assert counted
    for row in counted:
        march, april = row[col["m03"]], row[col["m04"]]
        assert march == april and march is not None and row[col["m01"]] is None and row[col["m05"]] is None
        assert row[col["figure"]] == (march + april if measures[row[0]] == "flow" else april), row[0]
        assert row[col["kind"]] == measures[row[0]]
        assert by_key[(row[0], "Total")][col["m03"] : col["boys"] + 1] == row[col["m03"] : col["boys"] + 1]


def test_problems_and_issues(tables: list[Table]) -> None:
    problems = table(tables, "Problems and risks")
    assert any(r[1] == "MZ" and r[2] == "2.1.2" and "odobrenje" in r[4] for r in problems.rows)
    issues = table(tables, "Issues")
    codes = {(r[0], r[4]) for r in issues.rows}
    assert ("MUP", "choice-not-in-list") in codes and ("", "file-pdf") in codes


def test_overview_counts_and_charts(tables: list[Table]) -> None:
    t = table(tables, "Overview")
    assert cell(t, "MZ", "on_time") == 1 and cell(t, "MZ", "late") == 1 and cell(t, "MZ", "missing") == 0
    assert cell(t, "MUP", "invalid") == 1 and cell(t, "MUP", "missing") == 1
    assert t.charts[0].series == ["planned", "spent"]
    assert t.charts[1].source == "Objectives" and t.charts[1].kind == "stacked-column"
    objectives = table(tables, "Objectives")
    assert [r[0] for r in objectives.rows] == ["1", "2", "3", "4", "5"]
    assert objectives.charts[0].kind == "stacked-column"


@pytest.mark.parametrize("lang", ["sr-Latn", "sr-Cyrl"])
def test_the_master_in_serbian(plan: Plan, registry: InstitutionRegistry, inputs: Inputs, lang: Lang) -> None:
    accepted, latest, settings = inputs
    english = consolidate(plan, registry, accepted, latest, settings)
    serbian = consolidate(plan, registry, accepted, latest, settings.model_copy(update={"lang": lang}))
    names = [
        "Pregled",
        "Ciljevi",
        "Dostavljanje",
        "Stanje",
        "Godišnji izveštaji",
        "Budžet",
        "Pokazatelji",
        "Problemi i rizici",
        "Greške i upozorenja",
    ]
    shown = names if lang == "sr-Latn" else [latin_to_cyrillic(n) for n in names]
    assert [t.sheet for t in serbian] == shown
    for en, sr in zip(english, serbian, strict=True):
        assert len(sr.rows) == len(en.rows) and sr.highlights == en.highlights  # the same data, other words
        assert sr.title != en.title
        assert [c.key for c in sr.columns] == [c.key for c in en.columns]
    overview = serbian[0]
    assert overview.charts[1].source == shown[1]  # the status chart draws the Serbian Objectives sheet
    assert shown[1] in overview.notes[-1]  # the chart note

    def in_lang(text: str) -> str:
        return text if lang == "sr-Latn" else latin_to_cyrillic(text)

    submissions = serbian[2]
    assert cell(submissions, "MZ", "2018-03") == in_lang("na vreme")
    assert cell(submissions, "MZ", "2018-04") == in_lang("sa zakašnjenjem (3)")
    assert cell(submissions, "MUP", "2018-03") == in_lang("neispravan")
    assert cell(submissions, "MUP", "2018-04") == in_lang("nije dostavljen")
    assert cell(serbian[3], "2.1.2", "status", "id") == in_lang("u toku")
    assert cell(serbian[0], "MZ", "institution") == registry.get("MZ").display(lang)
    issues = serbian[-1]
    (mup,) = [r for r in issues.rows if r[0] == "MUP"]
    (found,) = [i for i in latest[2].issues if i["severity"] == "error"]
    expected = message(
        Issue.model_validate({k: found[k] for k in ("code", "severity", "sheet", "cell", "value", "params")}), lang
    )
    assert mup[3] == in_lang("greška") and mup[7] == expected
    (scan,) = [r for r in issues.rows if r[2] == "scan.pdf"]
    assert scan[7] != "This is a PDF." and scan[7]  # a file message in the master's language too


@pytest.mark.parametrize(
    ("lang", "said"), [("en", "due on 1 Mar of the next year"), ("sr-Latn", "rok je 01.03. naredne")]
)
def test_the_annual_due_day_is_said_as_the_reader_writes_a_day(
    plan: Plan, registry: InstitutionRegistry, inputs: Inputs, lang: Lang, said: str
) -> None:
    """The English master said 'due on 15.2. of the next year', a Serbian way an English reader misreads (8.1. is 1
    August to him). The day is the configured one (1 March here), said as `lang` writes a day."""
    accepted, latest, settings = inputs
    policy = settings.deadlines.model_copy(update={"annual_due_month": 3, "annual_due_day": 1})
    tables = consolidate(
        plan, registry, accepted, latest, settings.model_copy(update={"lang": lang, "deadlines": policy})
    )
    submissions, annual = tables[2], tables[4]
    assert any(said in note for note in submissions.notes), submissions.notes
    assert ("1 Mar of the next year" if lang == "en" else "01.03. naredne godine") in (annual.subtitle or "")


@pytest.mark.parametrize("lang", LANGS)
def test_no_two_columns_of_a_master_sheet_have_one_header(
    plan: Plan, registry: InstitutionRegistry, inputs: Inputs, lang: Lang
) -> None:
    """The English Objectives sheet headed both the count of completed tasks and their share 'Completed'."""
    accepted, latest, settings = inputs
    for sheet in consolidate(plan, registry, accepted, latest, settings.model_copy(update={"lang": lang})):
        headers = [c.header for c in sheet.columns]
        assert len(set(headers)) == len(headers), (sheet.sheet, headers)


# -- bounds: a flood of junk never reaches past what a sheet holds ------------------------------------------


def test_a_table_past_excels_rows_is_cut_with_a_note_saying_so() -> None:
    junk = ["junk"]
    flooded = Table(
        sheet="Issues",
        title="Issues",
        columns=[TableColumn(key="what", header="What")],
        rows=[junk] * 2_000_003,  # two reports of a million junk rows each (one list shared: cheap)
        highlights=[
            Highlight(row=0, column="what", mark="error"),
            Highlight(row=2_000_000, column="what", mark="error"),
        ],
        notes=["a note of the table"],
    )
    fitted = fit_rows(flooded, lambda shown, total: f"{shown} of {total}")
    # Independently: Excel's last row is 1,048,576; above the data sit title, subtitle and header, below it
    # a blank row and the notes (the table's one and the cut note).
    shown = 1_048_576 - 3 - 1 - 2
    assert len(fitted.rows) == shown and fitted.notes == [f"{shown} of 2000003", "a note of the table"]
    assert [h.row for h in fitted.highlights] == [0]
    assert 3 + len(fitted.rows) + 1 + len(fitted.notes) == 1_048_576
    small = flooded.model_copy(update={"rows": [junk] * 10})
    assert fit_rows(small, lambda shown, total: "cut") is small


def test_consolidation_cuts_every_table_to_the_sheet(
    plan: Plan, registry: InstitutionRegistry, inputs: Inputs, monkeypatch: pytest.MonkeyPatch
) -> None:
    rows = {t.sheet: len(t.rows) for t in consolidate(plan, registry, *inputs)}
    import apmon.schemas.tables

    monkeypatch.setattr(apmon.schemas.tables.fit_rows, "__defaults__", (40,))  # a sheet of 40 rows, for the test
    cut = consolidate(plan, registry, *inputs)
    for t in cut:
        if rows[t.sheet] + 3 + 1 + len(t.notes) > 40:
            assert 3 + len(t.rows) + 1 + len(t.notes) == 40, t.sheet
            assert t.notes[0].startswith(f"The first {len(t.rows)} of {rows[t.sheet]} rows are shown")
    assert any(len(t.rows) < rows[t.sheet] for t in cut)


def test_a_flood_of_junk_rows_lists_the_first_problems_and_counts_the_rest(
    plan: Plan, registry: InstitutionRegistry, tmp_path: Path
) -> None:
    import openpyxl

    path, _ = filled_report(plan, registry, tmp_path, "MZ", "2018-03", {}, name="MZ.xlsx")
    wb = openpyxl.load_workbook(path)
    for r in range(100, 5100):  # 5,000 rows that are no task of the plan
        wb["Tasks"].cell(r, 1, f"junk {r}")
    wb.save(path)
    report, issues = check_grid(read_xlsx(path), plan, registry)
    result = validation(path.name, report, issues, "en")
    assert len(issues) > 5000  # what the rules found
    assert len(result.issues) == MAX_ISSUES + 1 == 501
    more = result.issues[-1]
    assert (more.code, more.severity, more.params) == ("more-issues", "error", {"count": len(issues) - 500})
    assert [i.code for i in result.issues[:500]] == [i.code for i in issues[:500]] and not result.valid


def test_submission_grid_gives_codes_and_the_master_words_come_from_them(
    plan: Plan, registry: InstitutionRegistry, tmp_path: Path
) -> None:
    on_time = submission(plan, registry, tmp_path, "MZ", "2018-03").model_copy(update={"deleted_at_source": True})
    late = submission(plan, registry, tmp_path, "MZ", "2018-04", on_time=False, days_late=2)
    settings = ConsolidationSettings(
        first=Period.parse("2018-03"), last=Period.parse("2018-05"), as_of=dt.date(2018, 5, 20)
    )
    grid = submission_grid(plan, registry, [on_time, late], [on_time, late], settings)
    assert grid.months == ["2018-03", "2018-04", "2018-05"]
    assert [(c.state, c.days_late, c.deleted_at_source) for c in grid.rows["MZ"]] == [
        ("on-time", None, True),
        ("late", 2, False),
        ("not-due", None, False),  # May's report is due in June
    ]
    assert {c.state for c in grid.rows["MUP"]} == {"missing", "not-due"}
    words = table(consolidate(plan, registry, [on_time, late], [on_time, late], settings), "Submissions")
    mz = next(row for row in words.rows if row[0] == "MZ")
    assert mz[1:4] == [submission_text(c, "en") for c in grid.rows["MZ"]] == ["on time (file deleted)", "late (2)", ""]
    # the annual report for 2018: not due before February 2019; then what MZ owes
    assert grid.years == ["2018"] and mz[4:] == ["", "tasks: monthly and annual"]


def test_the_digests_per_institution_and_year_give_the_same_tables_in_any_order_and_through_json(
    plan: Plan, registry: InstitutionRegistry, inputs: Inputs, tmp_path: Path
) -> None:
    """What a run keeps of each institution's year (`digest_years`), put together in any order and read back
    from JSON, makes the tables of one pass over the reports; each institution's newest progress is shown (MZ's
    of December 2017 gives way to its April 2018 one)."""
    accepted, latest, settings = inputs
    progress = ("tasks", "2.1.2", "progress")
    mz_2017 = submission(plan, registry, tmp_path, "MZ", "2017-12", {progress: "MZ in December."})
    mup_april = submission(plan, registry, tmp_path, "MUP", "2018-04", {progress: "MUP in April."})
    accepted = [mz_2017, *accepted, mup_april]
    expected = consolidate(plan, registry, accepted, [*latest, mz_2017, mup_april], settings)
    april = accepted[2].report
    assert april is not None and (april.institution, april.period) == ("MZ", "2018-04")
    mz_april = next(t.progress for t in april.tasks if t.task_id == "2.1.2")
    assert mz_april
    assert cell(table(expected, "Status"), "2.1.2", "progress", "id") == f"MUP: MUP in April.; MZ: {mz_april}"
    reports = sorted((s.report for s in accepted if s.report), key=lambda r: r.period)
    years = list(digest_years(reports))
    assert sorted((y.institution, y.year) for y in years) == [("MUP", 2018), ("MZ", 2017), ("MZ", 2018)]
    kept = [YearDigest(*json.loads(json.dumps(y))) for y in reversed(years)]
    order = [(r.institution, r.period) for r in reports]
    assert consolidate_years(plan, registry, accepted, [*latest, mz_2017, mup_april], kept, order, settings) == expected


PLAN_FILE = Path(__file__).parent.parent / "templates" / "data" / "plan-2017-2018.yaml"


def _plan_totals_from_the_yaml() -> dict[tuple[str, str], Decimal]:
    """(currency, year or "2017-2018") -> planned, each line of the plan file once, read without apmon; with the
    section 11 (Part 2) figures of institutions that have no state-budget task line that year."""
    data = yaml.safe_load(PLAN_FILE.read_text(encoding="utf-8"))
    totals: dict[tuple[str, str], Decimal] = defaultdict(Decimal)
    with_lines = set()
    for objective in data["objectives"]:
        for activity in objective["activities"]:
            for task in activity["tasks"]:
                for line in task.get("budget", []):
                    if line.get("amount") is not None:
                        totals[(line["currency"], str(line.get("year") or "2017-2018"))] += Decimal(str(line["amount"]))
                        if line["source"] == "state-budget":
                            with_lines.add((line["payer"], line["year"]))
    for total in data["financial_effects"]["action_plan"]["totals"]:
        if (total["institution"], total["year"]) not in with_lines:
            totals[("RSD", str(total["year"]))] += Decimal(str(total["amount"]))
    return totals


def test_budget_counts_each_plan_line_once(tables: list[Table]) -> None:
    """Issue 15, point 5: a line with no year is the plan period's (one row, not one per year), a payer-less line
    of a task with two leads is the first lead's; so the planned column adds up to the plan (59.800 EUR, not
    103.200), per currency and per year or period."""
    t = table(tables, "Budget")
    sums: dict[tuple[str, str], Decimal] = defaultdict(Decimal)
    for row in t.rows:
        sums[(row[t.column_index("currency")], row[t.column_index("year")])] += row[t.column_index("planned")]
    expected = _plan_totals_from_the_yaml()
    assert {k: v for k, v in sums.items() if v} == {k: v for k, v in expected.items() if v}
    assert sum(v for (currency, _), v in sums.items() if currency == "EUR") == Decimal("59800")
    taiex_4_2_2 = [r[:2] for r in t.rows if r[2] == "TAIEX" and r[0] in ("MUP", "MRZBSP") and r[1] == "2017"]
    assert taiex_4_2_2 == [["MRZBSP", "2017"]]  # 4.2.2/1 is MRZBSP's (first lead), MUP has no TAIEX row


def test_budget_counts_a_shared_lines_spending_in_its_owners_row_and_a_period_lines_over_the_years(
    plan: Plan, registry: InstitutionRegistry, inputs: Inputs
) -> None:
    """MUP (on an older template) and MRZBSP both report spending on 4.2.2/2 (TAIEX 4.500 EUR, 2018, first lead
    MRZBSP): one row, MRZBSP's. 5.3.6/1 (TAIEX 4.500 EUR, no year): 2017's and 2018's spending in the period row."""
    _, _, settings = inputs

    def year(code: str, y: int, budget: list[list[str]]) -> YearDigest:
        return YearDigest(code, y, [], [], {}, {}, {}, ["annual", str(y), budget, {}], [])

    years = [
        year("MUP", 2018, [["4.2.2/2", "EUR", "1000"]]),
        year("MRZBSP", 2018, [["4.2.2/2", "EUR", "500"], ["5.3.6/1", "EUR", "2000"]]),
        year("MRZBSP", 2017, [["5.3.6/1", "EUR", "1000"]]),
    ]
    order = [("MRZBSP", "2017"), ("MUP", "2018"), ("MRZBSP", "2018")]
    t = table(consolidate_years(plan, registry, [], [], years, order, settings), "Budget")
    rows = {(r[0], r[1], r[2]): dict(zip([c.key for c in t.columns], r, strict=True)) for r in t.rows}
    assert ("MUP", "2018", "TAIEX") not in rows
    mrzbsp_2018 = rows[("MRZBSP", "2018", "TAIEX")]
    assert (mrzbsp_2018["planned"], mrzbsp_2018["spent"]) == (Decimal("7400"), Decimal("1500"))  # 4.1.2 + 4.2.2/2
    period = rows[("MRZBSP", "2017-2018", "TAIEX")]  # 4.3.4, 5.3.2/3, 5.3.6: 9.000 + 2.900 + 4.500
    assert (period["planned"], period["spent"]) == (Decimal("16400"), Decimal("3000"))
    assert period["in_rsd"] is None  # no rate for 2017 in these settings: not converted at 2018's


def test_every_section_11_figure_has_a_budget_row(tables: list[Table], plan: Plan) -> None:
    """Issue 15, point 6: the Ministry of Culture and Information (1.234.000 RSD a year) and the Judicial Academy
    (397.000 RSD in 2018) have no task line, yet a row each, even with nothing spent."""
    t = table(tables, "Budget")
    state = {(r[0], r[1]): r for r in t.rows if r[2] == "state budget" and r[3] == "RSD"}
    for total in plan.financial_effects.action_plan.totals:
        if total.amount:
            row = state[(total.institution, str(total.year))]
            assert row[t.column_index("section_11")] == total.amount
    assert state[("MKI", "2018")][t.column_index("planned")] == Decimal("1234000")
    assert state[("PA", "2018")][t.column_index("planned")] == Decimal("397000")
    assert state[("PA", "2018")][t.column_index("spent")] is None


def test_a_section_11_figure_without_task_lines_is_said_not_flagged(tables: list[Table], plan: Plan) -> None:
    """MKI's section 11 figure has no task line (planned at the institution's level): its difference is the whole
    figure, and the sheet says so in a note instead of marking it as the plan's lines disagreeing with section 11."""
    t = table(tables, "Budget")
    tasked = {
        (line.payer, line.year)
        for _, line in plan.budget_lines()
        if line.source == "state-budget" and line.currency == "RSD" and line.amount
    }
    untasked = sorted(
        (total.institution, str(total.year))
        for total in plan.financial_effects.action_plan.totals
        if total.amount and (total.institution, total.year) not in tasked
    )
    assert ("MKI", "2018") in untasked
    marked = {(t.rows[h.row][0], t.rows[h.row][1]) for h in t.highlights if h.column == "difference_11"}
    assert not marked & set(untasked)
    notes = [note for note in t.notes if "not an overspend" in note]  # the fixture's master is in English
    totals = plan.financial_effects.action_plan.totals
    amounts = {(total.institution, str(total.year)): total.amount for total in totals}
    said = [note.split(" at the institution's level")[0] for note in notes]
    assert said == [f"{code} {year}: section 11 plans {amounts[code, year]:,.0f} RSD" for code, year in untasked]


def annual_submission(
    plan: Plan, registry: InstitutionRegistry, folder: Path, code: str, year: str, edits=None, **fields
):  # type: ignore[no-untyped-def]
    """A filled annual report of `code` for `year`, as the ledger holds it."""
    _, layout = filled_report(plan, registry, folder, code, year, {}, name=f"{code}-{year}-blank.xlsx")
    path, _ = filled_report(
        plan, registry, folder, code, year, {**complete_annual(layout), **(edits or {})}, name=f"{code}-{year}.xlsx"
    )
    report, issues = check_grid(read_xlsx(path), plan, registry)
    assert not [i.code for i in issues if i.blocks]
    return Submission(
        file=path.name, received_at=dt.datetime(2019, 2, 11, tzinfo=UTC), readable=True, valid=True, institution=code,
        period=year, kind="annual", on_time=True, days_late=0, report=report, **fields,
    )  # fmt: skip


def spent_in_file(path: Path, source: str, currency: str) -> Decimal:
    """The 'spent this year' column of a report file's budget sheet added up over one source and currency, read
    with openpyxl alone."""
    sheet = openpyxl.load_workbook(path)["Budget"]
    header = [c.value for c in sheet[3]]
    at = {key: header.index(text_of(f"col.{key}", "en")) for key in ("source", "currency", "spent_year")}
    return sum(
        (
            Decimal(str(row[at["spent_year"]] or 0))
            for row in sheet.iter_rows(min_row=4, values_only=True)
            if row[at["source"]] == source and row[at["currency"]] == currency
        ),
        Decimal(0),
    )


def test_the_annual_report_is_the_years_closing_word_in_status_and_budget_alike(
    plan: Plan, registry: InstitutionRegistry, tmp_path: Path
) -> None:
    """Issue 15, point 2: as text "2018" < "2018-12", so the annual report was applied first and December's
    statuses stood over it, while Budget took the annual report as the year's last. Both now take it last."""
    december = submission(plan, registry, tmp_path, "MZ", "2018-12")  # every task "in progress"
    annual = annual_submission(plan, registry, tmp_path, "MZ", "2018")  # every task "completed"
    settings = ConsolidationSettings(first=Period.parse("2018-12"), last=Period.parse("2018-12"),
                                     as_of=dt.date(2019, 2, 20))  # fmt: skip
    only_mz = [t.id for t in plan.tasks() if t.lead == ["MZ"]]
    assert only_mz
    for accepted in ([december, annual], [annual, december]):
        tables = consolidate(plan, registry, accepted, accepted, settings)
        status = table(tables, "Status")
        assert {cell(status, task, "status", "id") for task in only_mz} == {"completed"}
        assert {
            s for t, s in task_statuses(plan, registry, [december.report, annual.report]).items() if t in only_mz
        } == {"completed"}
        budget = table(tables, "Budget")
        row = next(r for r in budget.rows if r[:4] == ["MZ", "2018", "state budget", "RSD"])
        assert row[budget.column_index("spent")] == spent_in_file(tmp_path / annual.file, "state budget", "RSD")


def test_period_order_puts_the_annual_report_after_every_month_of_its_year() -> None:
    periods = ["2019-01", "2018", "2018-12", "2018-01", "2017", "2017-09"]
    assert sorted(periods, key=period_order) == ["2017-09", "2017", "2018-01", "2018-12", "2018", "2019-01"]


# What a Cyrillic master keeps in Latin script: codes (institutions, tasks, indicators, problems, cells), names of
# foreign bodies and products, addresses, file names and currency codes (issue 17, point 4).
KEPT_LATIN = re.compile(
    r"\b(TAIEX|OSCE|IOM|UNODC|ICMPD|EU|RSD|EUR|PDF|CSV|HTML|JSON|Excel|apmon)\b|\S+@\S+|https?://\S+|www\.\S+|[\w-]*\.(xlsx|pdf)\b"
    r"|\b[a-z]+(-[a-z]+)+\b|\b[A-Z]{1,3}\d+\b|\bap-\d{4}-\d{4}\b"
)
LATIN = re.compile(r"[A-Za-zČĆŠŽĐčćšžđ]")


def strings_in(value: object) -> Iterator[str]:
    """Every string in a nested structure of dicts and lists."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings_in(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from strings_in(item)


def latin_left(value: object, kept: set[str]) -> str:
    """The Latin letters of a cell once the allowed codes and names and the reports' own words (`kept`: what the
    institutions wrote, in their report's language) are taken out ('' when none)."""
    if not isinstance(value, str):
        return ""
    for words in sorted(kept, key=len, reverse=True):
        value = value.replace(words, " ")
    return "".join(LATIN.findall(KEPT_LATIN.sub(" ", value)))


def test_the_master_shows_the_plan_texts_in_its_language(
    plan: Plan, registry: InstitutionRegistry, inputs: Inputs
) -> None:
    accepted, latest, settings = inputs
    task, activity, objective = plan.tasks()[0], plan.activities()[0], plan.objectives[0]
    for lang in LANGS:
        tables = consolidate(plan, registry, accepted, latest, settings.model_copy(update={"lang": lang}))
        status = table(tables, text_of("master.sheet.status", lang))
        assert cell(status, task.id, "text", "id") == task.text.in_lang(lang)
        assert cell(status, activity.id, "text", "id") == activity.title.in_lang(lang)
        objectives = table(tables, text_of("master.sheet.objectives", lang))
        assert objective.title.in_lang(lang) in {c for row in objectives.rows for c in row}
        indicators = table(tables, text_of("master.sheet.indicators", lang))
        shown = {c for row in indicators.rows for c in row if isinstance(c, str)}
        assert {i.text.in_lang(lang) for i in plan.indicators()} & shown
        if lang != "en":
            assert task.text.in_lang(lang) != task.text.en


def test_a_cyrillic_master_has_no_latin_text_but_codes_and_names(
    plan: Plan, registry: InstitutionRegistry, inputs: Inputs
) -> None:
    accepted, latest, settings = inputs
    tables = consolidate(plan, registry, accepted, latest, settings.model_copy(update={"lang": "sr-Cyrl"}))
    # what the institutions wrote and where (not the stored messages: the master says them again in its language)
    issues = [{k: v for k, v in found.items() if k != "message"} for sub in latest for found in sub.issues]
    written = set(strings_in([[sub.report.model_dump() for sub in latest if sub.report], issues]))
    kept = set(registry.codes) | {s for s in written if len(s) > 1}
    mixed = {
        (t.sheet, value)
        for t in tables
        for row in [[t.sheet, t.title, t.subtitle, *t.notes], [c.header for c in t.columns], *t.rows]
        for value in row
        if latin_left(value, kept)
    }
    assert mixed == set()
