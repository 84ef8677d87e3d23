"""What the Coordinator reads of a ministry split in two, beyond the master's Budget sheet (tests/test_succession.py
has the split: MRZBSP until June 2018, MRZSP and MPSP from July): the Minister's brief, the Council report and the
annual evaluation say whose months a split line's sum holds; the annual evaluation names an activity's leads as the
Status sheet does (when its tasks were due); a successor's row says whose tasks and months it took over, and from
when. Every expected figure and month is worked out here from the plan files (YAML) and the amounts typed in the
reports below; the files written are read with openpyxl and pdftotext."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from tests.test_succession import (
    PLAN,
    _mrzsp_line_of_2018,
    _written,
    apmon,
    sheet,
    split,  # noqa: F401 (the module's fixture)
    split_plan,
    split_registry,
)

AT = dt.datetime(2019, 1, 31, tzinfo=dt.UTC)
LANGS = ("sr-Latn", "sr-Cyrl", "en")
MONTHS = {
    "sr-Latn": ["januar", "februar", "mart", "april", "maj", "jun", "jul", "avgust"],
    "sr-Cyrl": ["јануар", "фебруар", "март", "април", "мај", "јун", "јул", "август"],
    "en": ["January", "February", "March", "April", "May", "June", "July", "August"],
}
GENITIVE_JULY = {"sr-Latn": "jula 2018.", "sr-Cyrl": "јула 2018.", "en": "July 2018"}
# the Budget sheet's words for a split line, typed here (the wording is the point: whose months a sum holds)
SUM_OF_PARTS = {
    "sr-Latn": "zbir ovih delova, svaki uračunat jednom",
    "sr-Cyrl": "збир ових делова, сваки урачунат једном",
    "en": "the sum of these parts, each counted once",
}
TOOK_OVER = {"sr-Latn": "od {first} umesto {before}", "sr-Cyrl": "од {first} уместо {before}",
             "en": "from {first} in place of {before}"}  # fmt: skip
# MRZBSP's year to date by June; MRZSP's (spent this period, year to date) in July and August
OLD_JUNE, NEW_MONTHS = 10000, {7: (4000, 4000), 8: (2000, 6000)}


def money(amount: int, lang: str) -> str:
    """10000 as each language writes an amount: 10,000.00 / 10.000,00."""
    said = f"{amount:,.2f}"
    return said if lang == "en" else said.translate(str.maketrans(",.", ".,"))


def month_said(month: int, lang: str) -> str:
    return f"{MONTHS[lang][month - 1]} 2018" + ("" if lang == "en" else ".")


def expected_parts(lang: str) -> str:
    """Whose months the line's sum holds, from the registry (MRZBSP's last month, MRZSP's first) and the figures."""
    registry = {i["code"]: i for i in split_registry()["institutions"]}
    last_old = int(registry["MRZBSP"]["reports_until"][5:])
    first_new, last_new = int(registry["MRZSP"]["reports_from"][5:]), max(NEW_MONTHS)
    newest = NEW_MONTHS[last_new][1]
    return (
        f"MRZBSP {month_said(1, lang)} – {month_said(last_old, lang)} {money(OLD_JUNE, lang)} RSD, "
        f"MRZSP {month_said(first_new, lang)} – {month_said(last_new, lang)} {money(newest, lang)} RSD"
    )


def said_of_line(line: str, lang: str) -> str:
    return f"{line}: {SUM_OF_PARTS[lang]}: {expected_parts(lang)}"


def flat(text: str) -> str:
    return " ".join(text.split())


def xlsx_texts(path: Path) -> list[str]:
    book = openpyxl.load_workbook(path, read_only=True)
    return [flat(str(v)) for ws in book.worksheets for row in ws.iter_rows(values_only=True) for v in row if v]


def pdf_text(path: Path) -> str:
    return flat(subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout)


def _loaded(tmp_path: Path) -> tuple[Any, Any]:
    from apmon.templates.plan_file import load_plan, load_registry

    registry = load_registry(_written(tmp_path, "institutions.yaml", split_registry()))
    return load_plan(_written(tmp_path, "plan.yaml", split_plan()), registry), registry


def _accepted(line: str) -> list[Any]:
    from apmon.sync.consolidate import Submission
    from tests.pure_data import budget, report

    reports = [report("MRZBSP", "2018-06", budget=[budget(line, 5, None, spent_period=1000, spent_year=OLD_JUNE)])]
    reports += [report("MRZSP", f"2018-{m:02d}", budget=[budget(line, 5, None, spent_period=p, spent_year=y)])
                for m, (p, y) in sorted(NEW_MONTHS.items())]  # fmt: skip
    return [
        Submission(file=r.source, received_at=AT, readable=True, valid=True, institution=r.institution,
                   period=r.period, kind=r.kind, on_time=True, days_late=0, report=r)
        for r in reports
    ]  # fmt: skip


def _reports_made(tmp_path: Path, lang: str) -> dict[str, tuple[Path, Path]]:
    """The Minister's brief of August 2018, the Council report of July-August 2018 and the annual evaluation of
    2018, made of MRZBSP's June and MRZSP's July and August reports: (PDF, xlsx) of each."""
    from apmon.schemas.calendar import DeadlinePolicy, Period
    from apmon.sync.report_content import Basis, annual_evaluation_of, council_report, minister_brief
    from apmon.sync.report_writer import write_annual_evaluation, write_council_report, write_minister_brief

    plan, registry = _loaded(tmp_path)
    accepted, basis, policy = (
        _accepted(_mrzsp_line_of_2018()),
        Basis(run_id=1, run_finished_at=AT, cut_off=AT),
        DeadlinePolicy(),
    )
    august, july = Period(year=2018, month=8), Period(year=2018, month=7)
    brief = minister_brief(plan, registry, accepted, accepted, august, basis, policy)
    council = council_report(plan, registry, accepted, accepted, july, august, basis, policy)
    annual = annual_evaluation_of(plan, registry, accepted, 2018, basis)
    made = {}
    for kind, content, write in (("brief", brief, write_minister_brief), ("council", council, write_council_report),
                                 ("annual", annual, write_annual_evaluation)):  # fmt: skip
        out = tmp_path / kind / lang
        out.mkdir(parents=True)
        pdf, xlsx = write(content, plan, registry, lang, out, AT)[0]  # type: ignore[operator]
        made[kind] = (pdf, xlsx)
    return made


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler (pdftotext) is not installed; .ci/run does")
@pytest.mark.parametrize("lang", LANGS)
def test_each_report_says_whose_months_a_split_lines_sum_holds(tmp_path: Path, lang: str) -> None:
    """The brief, the Council report and the annual evaluation added MRZBSP's January-June and MRZSP's July-August
    on MRZSP's line without saying so: only the master's Budget sheet did. Each now says it, in the PDF and in the
    xlsx, in the master's words (three languages), and its budget counts the two figures once each."""
    line = _mrzsp_line_of_2018()
    expected = said_of_line(line, lang)
    for kind, (pdf, xlsx) in _reports_made(tmp_path, lang).items():
        assert expected in pdf_text(pdf), (kind, expected)
        assert any(expected in text for text in xlsx_texts(xlsx)), (kind, expected)
        assert "{" not in pdf_text(pdf), kind


def test_the_reports_count_the_split_lines_two_parts_once_each(tmp_path: Path) -> None:
    """MRZSP's RSD row of 2018 in the brief's and the Council report's Budget sheet: its plan is MRZSP's state-budget
    RSD lines of 2018 in the plan file, its spending MRZBSP's June figure and MRZSP's August one added."""
    plan_data = split_plan()
    planned = sum(
        (Decimal(str(b["amount"])) for o in plan_data["objectives"] for a in o["activities"] for t in a["tasks"]
         for b in t.get("budget", []) if b.get("year") == 2018 and b.get("currency") == "RSD"
         and (b.get("payer") or t["lead"][0]) == "MRZSP"),
        Decimal(0),
    )  # fmt: skip
    spent = Decimal(OLD_JUNE + NEW_MONTHS[max(NEW_MONTHS)][1])
    for kind, (_, xlsx) in _reports_made(tmp_path, "en").items():
        if kind == "annual":
            continue  # its Budget sheet has the source column: test_budget_total_audit reads it
        rows = openpyxl.load_workbook(xlsx, read_only=True)["Budget"].iter_rows(values_only=True)
        [row] = [r for r in rows if r[0] == f"MRZSP {took_over('en')}" and r[1] == "RSD"]
        assert (Decimal(str(row[2])), Decimal(str(row[3]))) == (planned, spent), kind


def took_over(lang: str) -> str:
    """ "(od jula 2018. umesto MRZBSP)", from the registry file: MRZSP's first month and the body it succeeds."""
    mrzsp = next(i for i in split_registry()["institutions"] if i["code"] == "MRZSP")
    assert mrzsp["reports_from"] == "2018-07"
    return "(" + TOOK_OVER[lang].format(first=GENITIVE_JULY[lang], before=mrzsp["succeeds"]) + ")"


@pytest.mark.parametrize("lang", LANGS)
def test_a_successors_row_says_whose_tasks_it_took_over_and_from_when(tmp_path: Path, lang: str) -> None:
    """The Overview and the Council report named MRZSP and MPSP as the registry does, with nothing linking them to
    MRZBSP; the Status sheet named MRZBSP lead of tasks due before July 2018 and MRZSP of the rest. A successor's row
    (the Overview's, the Council report's discipline) now says "MRZSP (od jula 2018. umesto MRZBSP)", short enough
    for its column; the Status sheet, whose rows are tasks, says it once in a note. Others' rows are unchanged."""
    from apmon.schemas.calendar import DeadlinePolicy, Period
    from apmon.sync.consolidate import ConsolidationSettings, consolidate
    from apmon.sync.report_content import Basis, council_report
    from apmon.sync.report_writer import write_council_report

    plan, registry = _loaded(tmp_path)
    accepted = _accepted(_mrzsp_line_of_2018())
    settings = ConsolidationSettings(first=Period(year=2017, month=9), last=Period(year=2018, month=12),
                                     as_of=dt.date(2019, 3, 1), lang=lang)  # fmt: skip
    tables = {t.sheet: t for t in consolidate(plan, registry, accepted, accepted, settings)}
    said = took_over(lang)
    names = {i["code"]: i["name"][lang] for i in split_registry()["institutions"]}
    overview = next(t for t in tables.values() if t.columns[0].key == "code" and t.columns[1].key == "institution")
    cells = {r[0]: r[1] for r in overview.rows if r[0]}
    assert cells["MRZSP"] == f"{names['MRZSP']} {said}" and cells["MPSP"] == f"{names['MPSP']} {said}"
    assert cells["MUP"] == names["MUP"] and cells["MRZBSP"] == names["MRZBSP"]
    assert len(said) <= next(c.width for c in overview.columns if c.key == "institution")  # on a line of its own
    status = next(t for t in tables.values() if [c.key for c in t.columns][:4] == ["level", "id", "text", "lead"])
    assert [n for n in status.notes if f"MRZSP {said}" in n and f"MPSP {said}" in n], status.notes

    at, span = dt.datetime(2019, 1, 31, tzinfo=dt.UTC), (Period(year=2018, month=7), Period(year=2018, month=8))
    council = council_report(plan, registry, accepted, accepted, *span, Basis(run_id=1, run_finished_at=at,
                             cut_off=at), DeadlinePolicy())  # fmt: skip
    xlsx = write_council_report(council, plan, registry, lang, tmp_path, at)[0][1]
    book = openpyxl.load_workbook(xlsx)
    ws = next(ws for ws in book.worksheets if any(c.value == f"MRZSP {said}" for c in ws["A"]))
    column = {c.value for c in ws["A"]}
    assert {f"MRZSP {said}", f"MPSP {said}", "MUP"} <= column and "MRZSP" not in column
    assert len(f"MRZSP {said}") <= ws.column_dimensions["A"].width  # one line in its column


def _deadline(value: Any) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def year_leads(data: dict[str, Any]) -> dict[str, tuple[dt.date, list[str]]]:
    return {a["id"]: (_deadline(a["deadline"]["end"]), [c for t in a["tasks"] for c in t["lead"]])
            for o in data["objectives"] for a in o["activities"]}  # fmt: skip


def test_the_annual_evaluation_names_an_activitys_leads_as_the_status_sheet_does(split: dict[str, Any]) -> None:  # noqa: F811
    """The 2018 evaluation named MRZSP lead of activity 1.2 (due June 2018, when MRZBSP held its tasks), while the
    Status sheet named MRZBSP. Expected from the plan files: the unedited plan's leads for an activity due before the
    successors' first month (July 2018), the edited plan's for one due later; the published report lists them."""
    config = str(split["config"])
    done = apmon("report", "public", "--year", "2018", "--lang", "en", "--draft", "--json", "--config", config)
    assert done.returncode == 0, done.stderr
    made = next(Path(config).parent / f for f in json.loads(done.stdout)["files"] if f.endswith(".xlsx"))
    rows = list(openpyxl.load_workbook(made, read_only=True)["Activity assessment"].iter_rows(values_only=True))
    header = next(i for i, r in enumerate(rows) if r[:3] == ("Activity", "Description", "Lead"))
    shown = {r[0]: r[2] for r in rows[header + 1 :] if r[0] and r[2]}  # the activities' rows (not the notes)
    was, now, split_day = year_leads(PLAN), year_leads(split_plan()), dt.date(2018, 7, 1)
    expected = {a: ", ".join(sorted(set((was if end < split_day else now)[a][1]))) for a, (end, _) in now.items()}
    assert shown == expected
    assert "MRZBSP" in shown["1.2"].split(", ") and "MRZSP" not in shown["1.2"].split(", ")
    assert "MRZSP" in shown["2.1"].split(", ")  # carried on to the end of 2018: the successor's
    # the Status sheet names the same leads for the tasks of 1.2
    status = {r["Id"]: r["Lead"] for r in sheet(split["master"], "Status") if r["Level"] == "task"}
    assert {c for t, lead in status.items() if t.startswith("1.2.") for c in lead.split(", ")} == set(
        shown["1.2"].split(", ")
    )


def test_the_overview_note_says_the_tasks_it_held_when_due(split: dict[str, Any]) -> None:  # noqa: F811
    """The Overview counts the tasks an institution held when they were due; its note said "the tasks the
    institution leads"."""
    book = openpyxl.load_workbook(split["master"], read_only=True)
    texts = [str(v) for row in book["Overview"].iter_rows(values_only=True) for v in row if v]
    [note] = [t for t in texts if t.startswith('The columns "Tasks led"')]
    assert "held when they were due" in note and "the tasks the institution leads" not in note


def test_a_successors_self_assessment_of_an_activity_it_took_over_counts(tmp_path: Path) -> None:
    """Activity 1.2's tasks were MRZBSP's when due (June 2018) and are MRZSP's at the year's end: MRZSP's annual
    report of 2018 assesses it, and the evaluation, naming MRZBSP its lead, still counts that self-assessment (the
    reasoning names MRZSP)."""
    from apmon.schemas.calendar import Period
    from apmon.schemas.report import ActivityEntry
    from apmon.sync.consolidate import Submission
    from apmon.sync.report_content import Basis, annual_evaluation_of
    from apmon.sync.report_writer import write_annual_evaluation
    from tests.pure_data import report

    plan, registry = _loaded(tmp_path)
    assessed = ActivityEntry(sheet="Activities", row=5, activity_id="1.2", assessment="partially-completed")
    annual = report("MRZSP", "2018", activities=[assessed])
    accepted = [Submission(file=annual.source, received_at=AT, readable=True, valid=True, institution="MRZSP",
                           period="2018", kind="annual", on_time=True, days_late=0, report=annual)]  # fmt: skip
    evaluation = annual_evaluation_of(plan, registry, accepted, 2018, Basis(run_id=1, run_finished_at=AT, cut_off=AT))
    xlsx = write_annual_evaluation(evaluation, plan, registry, "en", tmp_path, AT)[0][1]
    rows = list(openpyxl.load_workbook(xlsx, read_only=True)["Activity assessment"].iter_rows(values_only=True))
    [reasoning] = [r[3] for r in rows if r[0] == "1.2"]
    assert "self-assessment: partially completed (MRZSP)" in reasoning
    was = next(a for o in PLAN["objectives"] for a in o["activities"] if a["id"] == "1.2")
    leads_when_due = {c for t in was["tasks"] for c in t["lead"]}  # the unedited plan file: before the split
    assert "MRZBSP" in leads_when_due and "MRZSP" not in leads_when_due
    assert Period(year=2018).last_day > _deadline(was["deadline"]["end"])


@pytest.mark.parametrize("lang", LANGS)
def test_a_successors_reports_arriving_after_a_decision_flag_it_for_review(tmp_path: Path, lang: str) -> None:
    """Activity 1.2's tasks were MRZBSP's when due (June 2018, its lead) and are MRZSP's at the year's end. The
    Coordinator decided on 1.2 after MRZBSP's June report; MRZSP's August report and its annual report came later:
    the decision is flagged for review, naming MRZSP's two reports and not MRZBSP's earlier one. MPSP, which holds
    none of 1.2's tasks (the plan file), flags nothing though its report also came later. Found untested in review
    of sp-rest: dropping the successor from `_since_decision`'s leads left every other test green."""
    from apmon.sync.consolidate import Submission
    from apmon.sync.report_content import Basis, Decision, annual_evaluation_of
    from apmon.sync.report_writer import write_annual_evaluation
    from tests.pure_data import report

    now = {c for t in next(a for o in split_plan()["objectives"] for a in o["activities"] if a["id"] == "1.2")["tasks"]
           for c in t["lead"]}  # fmt: skip
    assert "MRZSP" in now and "MPSP" not in now  # the edited plan file: MRZSP holds 1.2's tasks, MPSP none
    decided = dt.datetime(2018, 9, 10, 9, tzinfo=dt.UTC)
    sent = {("MRZBSP", "2018-06"): decided - dt.timedelta(days=60), ("MRZSP", "2018-08"): decided + dt.timedelta(
        days=2), ("MPSP", "2018-08"): decided + dt.timedelta(days=2), ("MRZSP", "2018"): AT}  # fmt: skip
    accepted = []
    for (code, period), at in sent.items():
        r = report(code, period)
        accepted.append(Submission(file=r.source, received_at=at, readable=True, valid=True, institution=code,
                                   period=period, kind=r.kind, on_time=True, days_late=0, report=r))  # fmt: skip
    plan, registry = _loaded(tmp_path)
    decision = Decision(assessment="completed", reason="Both tasks completed.", author="M. Marković", at=decided)
    basis = Basis(run_id=1, run_finished_at=AT, cut_off=AT)
    evaluation = annual_evaluation_of(plan, registry, accepted, 2018, basis, {"1.2": [decision]})
    assessed = {a.activity: a for a in evaluation.activities}
    assert "MRZBSP" in assessed["1.2"].lead and "MRZSP" in assessed["1.2"].took_over
    assert assessed["1.2"].since_decision == [("MRZSP", "2018-08"), ("MRZSP", "2018")]

    xlsx = write_annual_evaluation(evaluation, plan, registry, lang, tmp_path, AT)[0][1]
    texts = [t for t in xlsx_texts(xlsx) if t.startswith("Both tasks completed. (M. Marković,")]  # its assessment
    assert texts and all(f"MRZSP ({month_said(8, lang)}), MRZSP (2018)" in t for t in texts), texts
    assert not [t for t in texts if "MRZBSP (" in t or "MPSP" in t], texts


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler (pdftotext) is not installed; .ci/run does")
@pytest.mark.parametrize("lang", LANGS)
def test_a_successors_budget_row_says_whose_tasks_and_months_it_took_over(tmp_path: Path, lang: str) -> None:
    """The budget tables of the brief, the Council report and the annual evaluation named MRZSP bare, though its row
    of 2018 holds MRZBSP's January-June on the split line: the brief's and the Council report's row now says "MRZSP
    (od jula 2018. umesto MRZBSP)", as the discipline table does, in a column as wide as that (xlsx) and in the PDF;
    the annual evaluation's table of ten columns (its row's name wrapped to four lines in the PDF) says it under
    the table, for both successors."""
    said = took_over(lang)
    for kind, (pdf, xlsx) in _reports_made(tmp_path, lang).items():
        if kind == "annual":  # ten columns: the code kept, whom it took over from said once under the table
            note = f"MPSP {said}, MRZSP {said}"
            assert note in pdf_text(pdf) and [t for t in xlsx_texts(xlsx) if note in t], kind
            continue
        book = openpyxl.load_workbook(xlsx)
        [ws] = [ws for ws in book.worksheets  # the one year's budget: the sheet of an institution's RSD row
                if any(r[0].value == "MUP" and "RSD" in (c.value for c in r) for r in ws.iter_rows())]  # fmt: skip
        column = {c.value for c in ws["A"]}
        assert f"MRZSP {said}" in column and "MRZSP" not in column and "MUP" in column, (kind, column)
        assert len(f"MRZSP {said}") <= ws.column_dimensions["A"].width, kind
        assert f"MRZSP {said}" in pdf_text(pdf), kind


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler (pdftotext) is not installed; .ci/run does")
@pytest.mark.parametrize("lang", LANGS)
def test_the_published_reports_leads_say_whom_a_successor_took_over_from(tmp_path: Path, lang: str) -> None:
    """The published report's Lead column named MRZSP and MPSP bare (activities carried on to the end of 2018): a
    note under the table (xlsx) and above it (PDF) says whom each successor named in the column took over from, and
    from when. The 2017 report, whose leads are the unedited plan's, has no such note."""
    from apmon.sync.report_content import Basis, annual_evaluation_of
    from apmon.sync.report_writer import write_public_report

    plan, registry = _loaded(tmp_path)
    said, basis = took_over(lang), Basis(run_id=1, run_finished_at=AT, cut_off=AT)
    now = year_leads(split_plan())
    shown = {c for end, leads in now.values() if end >= dt.date(2018, 7, 1) for c in leads} & {"MRZSP", "MPSP"}
    assert shown == {"MRZSP", "MPSP"}  # both lead an activity due after the split, in the edited plan file
    for year in (2017, 2018):
        evaluation = annual_evaluation_of(plan, registry, [], year, basis)
        pdf, xlsx = write_public_report(evaluation, plan, registry, lang, tmp_path / str(year), AT)[0][:2]
        notes = [t for t in xlsx_texts(xlsx) if f"MRZSP {said}" in t]
        if year == 2017:
            assert not notes and said not in pdf_text(pdf)
            continue
        assert [t for t in notes if f"MPSP {said}" in t], notes
        assert f"MRZSP {said}" in pdf_text(pdf) and f"MPSP {said}" in pdf_text(pdf)
