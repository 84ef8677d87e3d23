"""The Coordinator's reports as their readers see them on paper: numbers, months and dates in the reader's way,
every word in the report's language and script, nothing split or cut. Charts are checked through the words
matplotlib writes into the SVG beside each drawn text (the PDF carries them as outlines, not as text)."""

from __future__ import annotations

import base64
import datetime as dt
import re
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest

from apmon.schemas.institutions import InstitutionRegistry
from apmon.schemas.messages import text_of
from apmon.schemas.plan import Plan
from apmon.sync.report_content import (
    ActivityEvaluation,
    AnnualEvaluation,
    Arrived,
    Basis,
    BudgetRow,
    Comment,
    Decision,
    IndicatorLine,
    MinisterBrief,
    ObjectiveDegree,
    ProblemLine,
    TaskLine,
)
from apmon.sync.report_format import share
from apmon.sync.report_writer import (
    Section,
    _budget_table,
    _header,
    _printed,
    _render_pdf,
    _task_table,
    _Words,
    annual_tables,
    budget_chart,
    write_minister_brief,
)
from apmon.templates.layout import ASSESSMENTS
from tests.test_reports import NO_POPPLER, pdf_text

LATIN = re.compile("[A-Za-zčćđšžČĆĐŠŽ]")
BUDGET = [
    BudgetRow(institution="MUP", planned=Decimal("1234000"), spent=Decimal("494500"), share=None),
    BudgetRow(institution="MZ", planned=Decimal("211480"), spent=Decimal("39500"), share=None),
]


NOW = dt.datetime(2018, 7, 10, 9, 0, tzinfo=dt.UTC)


def june_brief(**lists: object) -> MinisterBrief:
    """A brief for June 2018 with nothing in it but `lists`."""
    fields: dict[str, object] = {
        "period": "2018-06",
        "due": dt.date(2018, 7, 6),
        "basis": Basis(run_id=1, run_finished_at=NOW, cut_off=NOW),
        "reporting": [],
        "completed": [],
        "overdue": [],
        "delayed": [],
        "problems": [],
        "budget_year": 2018,
        "budget": BUDGET,
        "indicators": [],
        "objectives": [],
        "tasks_total": 64,
        "tasks_completed": 4,
    }
    return MinisterBrief.model_validate(fields | lists)


def printed(plan: Plan, registry: InstitutionRegistry, lang: str, sections: list[Section], tmp_path: Path) -> str:
    """The sections on paper through the reports' one template, as pdftotext reads them."""
    w = _Words(plan, registry, lang)  # type: ignore[arg-type]
    now = dt.datetime(2018, 7, 10, 9, 0, tzinfo=dt.UTC)
    context = _header(w, plan, "Title", "Period", Basis(run_id=1, run_finished_at=now, cut_off=now), now)
    context |= {
        "sections": _printed(sections, lang, 110),  # type: ignore[arg-type]
        "charts": [],
        "more": w("more", n="{n}"),
        "nothing": w("none"),
        "title_page": False,
    }
    pdf = tmp_path / f"print-{lang}.pdf"
    pdf.write_bytes(_render_pdf("report.html.j2", context)[0])
    return pdf_text(pdf)


def rightmost_word(pdf: Path) -> tuple[float, float]:
    """How far right the page's text reaches, and the page's width (points)."""
    if not shutil.which("pdftotext"):
        pytest.skip(NO_POPPLER)
    boxes = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    width = float(re.search(r'<page width="([\d.]+)"', boxes).group(1))  # type: ignore[union-attr]
    return max(float(x) for x in re.findall(r'xMax="([\d.]+)"', boxes)), width


def chart_texts(data_uri: str) -> list[str]:
    svg = base64.b64decode(data_uri.split(",", 1)[1]).decode()
    return re.findall(r"<!-- (.*?) -->", svg)


@pytest.mark.parametrize(
    ("lang", "ticks", "unit"),
    [
        ("sr-Latn", ["0,0", "0,2", "0,4", "0,6", "0,8", "1,0", "1,2"], "mil. RSD"),
        ("sr-Cyrl", ["0,0", "0,2", "0,4", "0,6", "0,8", "1,0", "1,2"], "мил. RSD"),
        ("en", ["0.0", "0.2", "0.4", "0.6", "0.8", "1.0", "1.2"], "million RSD"),
    ],
)
def test_the_budget_charts_axis_is_in_the_readers_numbers_and_script(
    plan: Plan, registry: InstitutionRegistry, lang: str, ticks: list[str], unit: str
) -> None:
    texts = chart_texts(budget_chart(_Words(plan, registry, lang), 2018, BUDGET, (3.6, 2.3)))  # type: ignore[arg-type]
    assert [t for t in texts if re.fullmatch(r"[\d.,]+", t)] == ticks
    assert unit in texts
    if lang == "sr-Cyrl":  # nothing Latin but the institutions' codes and the currency's (RSD)
        assert [t for t in texts if LATIN.search(t.replace("RSD", ""))] == ["MUP", "MZ"]


def test_a_budget_share_is_rounded_once_so_the_total_row_agrees_with_the_summary(
    plan: Plan, registry: InstitutionRegistry
) -> None:
    # the demo's June 2018 brief: 1.202.600,00 of 3.127.940,00 is 38,447 %; its summary said 38,4 %, its table
    # 38,5 % (the share rounded to 0.3845 first); a row's share as the content gives it, rounded to 4 places
    spent, planned = Decimal("1202600"), Decimal("3127940")
    row = BudgetRow(
        institution="MUP", planned=planned, spent=spent, share=(spent / planned).quantize(Decimal("0.0001"))
    )
    for lang, shown in (("sr-Latn", "38,4 %"), ("en", "38.4%")):
        table = _printed([Section("", _budget_table(_Words(plan, registry, lang), 2018, [row]))], lang, None)[0]  # type: ignore[arg-type]
        assert [r[-1] for r in table["table"]["rows"]] == [shown, shown]
        assert share(spent / planned, lang) == shown  # the summary's


def test_a_deadline_stays_on_one_line_in_a_narrow_task_table(
    plan: Plan, registry: InstitutionRegistry, tmp_path: Path
) -> None:
    # the demo's English brief for June 2018 printed "30 Jun" and "2018" on two lines beside a lead that wrapped
    lines = [
        TaskLine(task=t, activity="1.2", lead=["SAVET", lead], deadline=dt.date(2018, 6, 30), status="completed")
        for t, lead in (("1.2.3", "KCD"), ("1.2.4", "MRZBSP"))
    ]
    for lang, deadline in (("en", "30 Jun 2018"), ("sr-Latn", "30.06.2018.")):
        w = _Words(plan, registry, lang)  # type: ignore[arg-type]
        text = printed(plan, registry, lang, [Section("Tasks", _task_table(w, "sheet.completed", "", lines))], tmp_path)
        assert text.count(deadline) == 2, text


@pytest.mark.parametrize(
    ("lang", "june", "may"),
    [("sr-Latn", "jun 2018.", "maj 2018."), ("sr-Cyrl", "јун 2018.", "мај 2018."), ("en", "June 2018", "May 2018")],
)
def test_the_brief_writes_a_reports_month_as_its_reader_does(
    plan: Plan, registry: InstitutionRegistry, tmp_path: Path, lang: str, june: str, may: str
) -> None:
    # the problems table and the reports that came in late printed the ledger's codes, 2018-06 and 2018-05
    brief = june_brief(
        problems=[
            ProblemLine(period="2018-06", institution="MUP", task="2.1.2", kind="problem", text="Nema sredstava.")
        ],
        previous_cut_off=NOW - dt.timedelta(days=30),
        arrived=[Arrived(institution="MZ", period="2018-05", on_time=False, days_late=12)],
    )
    files, _ = write_minister_brief(brief, plan, registry, lang, tmp_path, NOW)  # type: ignore[arg-type]
    text = " ".join(pdf_text(files[0]).split())
    assert not re.search(r"\b2018-0[56]\b", text)
    assert f"{june} MUP 2.1.2" in text  # the problem's row, its month on one line
    assert f"MZ ({may})" in text


@pytest.mark.parametrize("lang", ["sr-Latn", "sr-Cyrl", "en"])
def test_the_briefs_indicators_say_what_they_count(
    plan: Plan, registry: InstitutionRegistry, tmp_path: Path, lang: str
) -> None:
    # the table printed "1.3.i4 MSP 25 13 12" and nothing of what 1.3.i4 counts
    line = IndicatorLine(
        indicator="1.3.i4", institution="MSP", total=25, women=13, men=12, girls=None, boys=None, year_to_date=25
    )
    files, _ = write_minister_brief(june_brief(indicators=[line]), plan, registry, lang, tmp_path, NOW)  # type: ignore[arg-type]
    what = next(i.text.in_lang(lang) for i in plan.indicators() if i.id == "1.3.i4")  # type: ignore[arg-type]
    text = " ".join(pdf_text(files[0]).split())
    row = text[text.index("1.3.i4") : text.index(text_of("report.changes", lang))]  # type: ignore[arg-type]
    assert set(what.split()) <= set(row.split()), row  # the words may wrap within the row


@pytest.mark.parametrize("lang", ["sr-Latn", "sr-Cyrl", "en"])
def test_a_year_to_date_that_lacks_months_is_said_so_on_paper_and_marked_in_the_xlsx(
    plan: Plan, registry: InstitutionRegistry, tmp_path: Path, lang: str
) -> None:
    """KLJMP's 1.3.i1 read 10 "since the start of the year" in the July 2018 brief with February and March
    unreported: the Minister took a partial sum for the year's. The brief names the institution and the months, and
    the xlsx marks the figure."""
    from openpyxl import load_workbook

    from apmon.sync.report_format import month
    from apmon.sync.writers import FIRST_DATA_ROW

    gap = IndicatorLine(indicator="1.3.i1", institution="KLJMP", total=1, women=None, men=None, girls=None,
                        boys=None, year_to_date=10, months_missing=["2018-02", "2018-03"])  # fmt: skip
    whole = IndicatorLine(indicator="1.3.i3", institution="MSP", total=3, women=None, men=None, girls=None, boys=None,
                          year_to_date=9)  # fmt: skip
    files, _ = write_minister_brief(june_brief(indicators=[gap, whole]), plan, registry, lang, tmp_path, NOW)  # type: ignore[arg-type]
    named = f"KLJMP ({month('2018-02', lang)}, {month('2018-03', lang)})"  # type: ignore[arg-type]
    said = text_of("report.indicators.lacking", lang, named=named)  # type: ignore[arg-type]
    text = " ".join(pdf_text(files[0]).split())
    assert said in text and "MSP (" not in text
    sheet = load_workbook(files[1])[text_of("report.sheet.indicators", lang)]  # type: ignore[arg-type]
    column = [c.value for c in sheet[FIRST_DATA_ROW - 1]].index(text_of("report.col.year_to_date", lang)) + 1  # type: ignore[arg-type]
    fills = [sheet.cell(FIRST_DATA_ROW + n, column).fill.fgColor.rgb for n in range(2)]
    assert [sheet.cell(FIRST_DATA_ROW + n, column).value for n in range(2)] == [10, 9]
    assert fills[0] != fills[1], fills  # the partial figure is marked, the whole one not
    assert any(said in str(c.value) for row in sheet.iter_rows() for c in row if c.value)


@pytest.mark.parametrize("lang", ["sr-Latn", "sr-Cyrl", "en"])
def test_the_share_of_tasks_completed_is_not_headed_as_budget_execution(
    plan: Plan, registry: InstitutionRegistry, lang: str
) -> None:
    # the degree of implementation by objective printed "Tasks completed 2 | Executed 16.7%", the budget's word
    w = _Words(plan, registry, lang)  # type: ignore[arg-type]
    evaluation = AnnualEvaluation(
        year=2017,
        basis=Basis(run_id=1, run_finished_at=NOW, cut_off=NOW),
        activities=[],
        objectives=[ObjectiveDegree(objective="2", activities=dict.fromkeys(ASSESSMENTS, 1), tasks=12, completed=2)],
        statuses=[],
        budget=[],
        challenges=[],
        measures=[],
        annual_reports=[],
    )
    degree, *_, budget, _, _ = annual_tables(evaluation, w)
    executed = next(c.header for c in budget.columns if c.kind == "percent")
    tasks_share = [c.header for c in degree.columns if c.kind == "percent"]
    assert len(tasks_share) == 1 and tasks_share[0] != executed


@pytest.mark.parametrize(("lang", "when"), [("sr-Latn", "05.12.2018. 14:18"), ("en", "5 Dec 2018 14:18")])
def test_a_decisions_and_a_comments_time_stay_on_one_line(
    plan: Plan, registry: InstitutionRegistry, tmp_path: Path, lang: str, when: str
) -> None:
    # the annual evaluation printed "05.12.2026." over "02:18" beside a wrapped author
    at = dt.datetime(2018, 12, 5, 13, 18, tzinfo=dt.UTC)
    long = (
        "Ključni model saradnje nije usvojen do kraja godine; rok je pomeren za 2018. godinu, posle usvajanja zakona."
    )
    activity = ActivityEvaluation(
        objective="1",
        activity="1.2",
        lead=["MUP"],
        tasks=7,
        completed=0,
        open=[],
        self_assessed={},
        indicators=0,
        indicators_reported=0,
        proposed="partially-completed",
        decisions=[Decision(assessment="not-completed", reason=long, author="Nacionalni koordinator", at=at)],
        comments=[Comment(author="ASTRA (civilno društvo)", text=long + " " + long, at=at)],
    )
    evaluation = AnnualEvaluation(
        year=2017,
        basis=Basis(run_id=1, run_finished_at=NOW, cut_off=NOW),
        activities=[activity],
        objectives=[],
        statuses=[],
        budget=[],
        challenges=[],
        measures=[],
        annual_reports=[],
    )
    _, _, decisions, comments, *_ = annual_tables(evaluation, _Words(plan, registry, lang))  # type: ignore[arg-type]
    text = printed(plan, registry, lang, [Section("", decisions), Section("", comments)], tmp_path)
    assert text.count(when) == 2, text


def test_a_path_typed_without_spaces_breaks_instead_of_running_off_the_page(
    plan: Plan, registry: InstitutionRegistry, tmp_path: Path
) -> None:
    # a problem naming a file, "prilog_prilog_..." (240 characters, no space), pushed the table past the page's
    # right edge: its Measures column was not on the page at all
    path = "_".join(["prilog"] * 40)
    problem = ProblemLine(
        period="2018-06", institution="MUP", task="2.1.2", kind="problem", text=f"Videti {path}.", measures="Dopis."
    )
    files, _ = write_minister_brief(june_brief(problems=[problem]), plan, registry, "sr-Latn", tmp_path, NOW)
    right, width = rightmost_word(files[0])
    assert right < width - 30  # inside the 14 mm margin
    text = pdf_text(files[0])
    assert "Dopis." in text
    assert " problem " in text  # the other cells keep their words whole


def test_a_budget_chart_with_nothing_planned_has_no_amounts_below_zero(
    plan: Plan, registry: InstitutionRegistry
) -> None:
    # a year with no budget lines drew an axis from -0,04 to 0,04 million RSD
    nothing = [BudgetRow(institution="MUP", planned=Decimal(0), spent=Decimal(0), share=None)]
    for rows in ([], nothing):
        ticks = [
            t
            for t in chart_texts(budget_chart(_Words(plan, registry, "sr-Latn"), 2019, rows, (3.6, 2.3)))
            if t[0] in "-−0123456789"
        ]
        assert ticks and not [t for t in ticks if t[0] in "-−"], ticks
