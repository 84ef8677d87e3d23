"""The annual evaluation (issue 16 point 3): the report from a ledger built from the demo data, its numbers
recomputed here from the demo's report files (read by the template parser) and the plan YAML, never by the report
code; the Coordinator's decisions (the command line and the master's Evaluation sheet) and the comments."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from openpyxl import load_workbook
from typer.testing import CliRunner

from apmon.cli.app import app
from apmon.schemas.calendar import Period, WorkingCalendar
from apmon.schemas.institutions import InstitutionRegistry
from apmon.schemas.plan import Plan
from apmon.schemas.report import Report
from apmon.sync.evaluation import evaluation_sheet
from apmon.sync.findings import ConsolidationSettings
from apmon.sync.ledger import Ledger
from apmon.sync.report_content import propose
from apmon.sync.reports import make_annual_evaluation
from apmon.sync.run import run_sync
from apmon.sync.sources import FolderSource
from tests.test_duties import expected_duties
from tests.test_ledger import postgres_admin_url, url  # noqa: F401  (ledger backends: SQLite and PostgreSQL)
from tests.test_reports import (
    CYRILLIC,
    PLAN_YAML,
    DemoLedger,
    demo_ledger,
    pdf_text,
    planned_rsd,
    serbian,
    valid_reports,
)

YEAR = 2017
WORDS = {"completed": "completed", "partially-completed": "partially completed", "not-completed": "not completed"}


@pytest.fixture(scope="module")
def demo(plan: Plan, registry: InstitutionRegistry, tmp_path_factory: pytest.TempPathFactory) -> DemoLedger:
    folder = tmp_path_factory.mktemp("evaluation-demo")
    return demo_ledger(plan, registry, folder, f"sqlite:///{folder / 'ledger.sqlite'}")


def config_file(demo: DemoLedger, folder: Path, ledger_url: str | None = None) -> Path:
    config = folder / "apmon.toml"
    config.write_text(
        f'[sync]\ndata_dir = "{demo.folder.as_posix()}"\nledger = "{ledger_url or demo.config.sync.ledger_url()}"\n'
        f'first_period = "2017-12"\n',
        encoding="utf-8",
    )
    return config


def year_reports(demo: DemoLedger, plan: Plan, registry: InstitutionRegistry) -> list[Report]:
    """The newest valid report of each institution and period of the years up to YEAR, the year's months first
    and its annual report last."""
    reports = [r for r in valid_reports(demo, plan, registry, "2018-02") if int(r.period[:4]) <= YEAR]
    return sorted(reports, key=lambda r: (int(r.period[:4]), int(r.period[5:]) if len(r.period) > 4 else 13))


def expected_assessments(demo: DemoLedger, plan: Plan, registry: InstitutionRegistry) -> dict[str, str]:
    """Each activity's proposed assessment, by the rule the report states, from the files and the plan YAML."""
    reports = year_reports(demo, plan, registry)
    status: dict[tuple[str, str], str] = {}
    own: dict[tuple[str, str], str] = {}
    for report in reports:
        for entry in report.tasks:
            if entry.role == "lead" and entry.status:
                status[(entry.task_id, report.institution)] = entry.status
        if report.kind == "annual" and report.period == str(YEAR):
            for a in report.activities:
                if a.assessment:
                    own[(a.activity_id, report.institution)] = a.assessment
    data = yaml.safe_load(PLAN_YAML.read_text(encoding="utf-8"))
    found = {}
    for objective in data["objectives"]:
        for activity in objective["activities"]:
            tasks = activity["tasks"]
            leads = {code for t in tasks for code in t["lead"]}
            given = [[status.get((t["id"], c)) for c in t["lead"]] for t in tasks]
            done = sum(all(s == "completed" for s in g) for g in given)
            started = any(s in ("completed", "in-progress", "delayed") for g in given for s in g)
            said = [s for (a, c), s in own.items() if a == activity["id"] and c in leads]
            if done == len(tasks):
                found[activity["id"]] = "completed"
            elif started:
                found[activity["id"]] = "partially-completed"
            elif said and all(s is None for g in given for s in g):
                order = ["completed", "partially-completed", "not-completed"]
                found[activity["id"]] = max(said, key=order.index)
            else:
                found[activity["id"]] = "not-completed"
    return found


def rows(xlsx: Path, sheet: str) -> list[tuple[object, ...]]:
    return [r for r in load_workbook(xlsx, read_only=True)[sheet].iter_rows(min_row=4, values_only=True) if r[0]]


def annual(demo: DemoLedger, plan: Plan, registry: InstitutionRegistry, out: Path, lang: str = "en", **kw: object):  # type: ignore[no-untyped-def]
    ledger = Ledger.open(demo.config.sync.ledger_url())
    try:
        return make_annual_evaluation(demo.config, plan, registry, ledger, YEAR, lang=lang, out=out, **kw)  # type: ignore[arg-type]
    finally:
        ledger.close()


# The three degrees as the Strategy defines them (seed, section 10.3, quoted: "<degree> this assessment means that
# <meaning>"), to be given wherever an assessment is shown: apmon's proposal rule is not their meaning.
SECTION_10_3 = {
    "completed": "the activity was executed in line with the expectations and no additional measures are required",
    "partially completed": "the activity was executed, but that additional measures are required in order to advance "
    "the effect quality to the level planned",
    "not completed": "the activity was not executed and that additional measures are required in order to carry out "
    "the planned activity",
}


def assert_defined_as_in_10_3(text: str) -> None:
    flat = " ".join(text.split())
    for degree, meaning in SECTION_10_3.items():
        said = " ".join(meaning.replace("that ", "").split())  # "means that the activity ...": the clause alone
        assert f"{degree}: {said}" in flat, degree
    assert "Strategy, section 10.3" in flat


# --- the report ------------------------------------------------------------------------------------------------


def test_annual_numbers_match_the_demo_files(
    demo: DemoLedger, plan: Plan, registry: InstitutionRegistry, tmp_path: Path
) -> None:
    issued = annual(demo, plan, registry, tmp_path, "sr-Latn", record=False)
    pdf, xlsx = issued.files
    text = " ".join(pdf_text(pdf).split())
    expected = expected_assessments(demo, plan, registry)
    counts = {s: list(expected.values()).count(s) for s in WORDS}
    assert 0 < counts["partially-completed"] < len(expected)
    assert (
        f"Aktivnosti ({len(expected)}): realizovano {counts['completed']}, delimično realizovano "
        f"{counts['partially-completed']}, nije realizovano {counts['not-completed']}." in text
    )
    # Each activity's proposal, as the xlsx lists it.
    words = {
        "realizovana": "completed",
        "delimično realizovana": "partially-completed",
        "nije realizovana": "not-completed",
    }
    listed = {r[0]: words[str(r[2])] for r in rows(xlsx, "Ocena aktivnosti")}
    assert listed == expected
    # The annual reports received: the valid annual report files of the year.
    annual_files = {s.institution for s in demo.written if s.period == str(YEAR) and not s.invalid}
    owing = [code for code, duty in expected_duties().items() if duty == "tasks"]  # only task holders report yearly
    assert f"Godišnji izveštaj za {YEAR}. godinu dostavile su institucije: {len(annual_files)} od {len(owing)}." in text
    # Budget of the year: planned from the plan YAML, spent from each institution's annual report (its newest).
    planned = planned_rsd(YEAR)
    spent = Decimal(0)
    for report in year_reports(demo, plan, registry):
        if report.period == str(YEAR):
            spent += sum((b.spent_year or 0 for b in report.budget if b.currency == "RSD"), Decimal(0))
    total = sum(planned.values(), Decimal(0))
    assert spent > 0
    assert f"Budžet {YEAR}: utrošeno {serbian(spent)} od planiranih {serbian(total)} RSD" in text
    # The section 11 totals of the year, from the plan YAML, in the budget sheet's total row.
    data = yaml.safe_load(PLAN_YAML.read_text(encoding="utf-8"))
    section_11 = sum(
        Decimal(str(t["amount"])) for t in data["financial_effects"]["action_plan"]["totals"] if t["year"] == YEAR
    )
    [last] = [r for r in rows(xlsx, "Budžet") if r[0] == "Ukupno (RSD)"]
    assert Decimal(str(last[7])) == section_11  # after the year column
    assert serbian(section_11) in text
    # The degree of implementation by objective: tasks completed, counted from the files.
    degree = rows(xlsx, "Stepen sprovođenja")
    assert [r[0] for r in degree] == [str(o["id"]) for o in data["objectives"]]
    assert sum(int(str(r[2])) for r in degree) == len(expected)
    assert issued.pages == int(re.findall(r"Strana \d+ od (\d+)", pdf_text(pdf))[-1]) > 1
    assert f"poslednja sinhronizacija pre preseka br. {issued.basis.run_id} (" in text and "presek podataka" in text


def test_the_annual_evaluation_refuses_a_year_outside_the_plan(demo: DemoLedger, tmp_path: Path) -> None:
    args = [
        "report",
        "annual",
        "--year",
        "2030",
        "--draft",
        "--lang",
        "en",
        "--config",
        str(config_file(demo, tmp_path)),
    ]
    result = CliRunner().invoke(app, [*args, "--out", str(tmp_path / "out")])
    assert result.exit_code == 2 and "the year 2030 is not in the plan" in result.stderr  # a usage error
    assert not (tmp_path / "out").exists()


def test_a_cyrillic_annual_evaluation_is_in_cyrillic(
    demo: DemoLedger, plan: Plan, registry: InstitutionRegistry, tmp_path: Path
) -> None:
    issued = annual(demo, plan, registry, tmp_path, "sr-Cyrl", record=False)
    text = pdf_text(issued.files[0])
    assert len(CYRILLIC.findall(text)) > 1000
    assert "Годишња евалуација" in text and "делимично реализована" in text


def test_the_annual_evaluation_and_the_evaluation_sheet_give_the_strategys_degrees(
    demo: DemoLedger, plan: Plan, registry: InstitutionRegistry, tmp_path: Path
) -> None:
    """The Council is informed of the degrees (seed 10.3) and the Coordinator decides them on the Evaluation sheet:
    both say what each degree means, beside apmon's rule for proposing one."""
    assert_defined_as_in_10_3(pdf_text(annual(demo, plan, registry, tmp_path, record=False).files[0]))
    ledger = Ledger.open(f"sqlite:///{tmp_path / 'ledger.sqlite'}")
    try:
        settings = ConsolidationSettings(
            first=Period.parse("2017-09"), last=Period.parse("2017-12"), as_of=dt.date(2018, 3, 1), lang="en"
        )
        [sheet] = evaluation_sheet(plan, ledger, settings, dt.datetime(2018, 3, 1, tzinfo=dt.UTC), registry)([], [], [])
    finally:
        ledger.close()
    assert_defined_as_in_10_3(" ".join(sheet.notes))


@pytest.mark.parametrize(
    ("tasks", "completed", "open_statuses", "own", "proposed"),
    [
        (3, 3, [], [], "completed"),
        (3, 1, ["not-started", "none"], [], "partially-completed"),
        (3, 0, ["in-progress", "not-started", "none"], [], "partially-completed"),
        (2, 0, ["not-started", "none"], ["completed"], "not-completed"),  # a lead reported: the tasks decide
        (2, 0, ["none", "none"], ["completed", "partially-completed"], "partially-completed"),
        (2, 0, ["none", "none"], [], "not-completed"),
    ],
)
def test_the_proposed_assessment_follows_the_stated_rule(
    tasks: int, completed: int, open_statuses: list[str], own: list[str], proposed: str
) -> None:
    assert propose(tasks, completed, open_statuses, own) == proposed


# --- the Coordinator's decisions --------------------------------------------------------------------------------


def test_an_override_changes_the_assessment_keeps_reason_and_author_and_the_history(
    url: str,  # noqa: F811
    plan: Plan,
    registry: InstitutionRegistry,
    tmp_path: Path,
) -> None:
    demo = demo_ledger(plan, registry, tmp_path, url)
    config = config_file(demo, tmp_path, url)
    expected = expected_assessments(demo, plan, registry)
    activity = next(a for a, s in expected.items() if s == "partially-completed")
    runner = CliRunner()

    def run(*args: str) -> tuple[int, str, str]:
        result = runner.invoke(app, [*args, "--config", str(config), "--lang", "en"])
        return result.exit_code, result.stdout, result.stderr

    base = ["evaluation", "set", activity, "--year", str(YEAR)]
    code, said, _ = run(*base, "--assessment", "completed", "--reason", "Verified on site", "--by", "N. Coordinator")
    assert code == 0 and f"Recorded: activity {activity}, {YEAR}: completed" in said
    code, _, _ = run(*base, "--assessment", "nije realizovana", "--reason", "The law was not adopted", "--by", "M. M.")
    assert code == 0
    # Refused, with a clear message, and nothing recorded: what was typed is wrong, a usage error (exit 2).
    code, _, error = run("evaluation", "set", "9.9", "--year", str(YEAR), "--assessment", "completed", "--reason", "x")
    assert (
        code == 2
        and error.startswith("Error: There is no activity 9.9 in the plan")
        and "nothing was recorded" in error
    )
    code, _, error = run(*base, "--assessment", "done", "--reason", "x")
    assert code == 2 and 'the assessment "done" is not known' in error and "partially completed" in error
    task = next(t.id for t in plan.tasks() if plan.activity_of(t.id).id == activity)
    code, _, error = run("evaluation", "set", task, "--year", str(YEAR), "--assessment", "completed", "--reason", "x")
    assert code == 2 and f"{task} is a task of the activity {activity}" in " ".join(error.split()), error
    ledger = Ledger.open(url)
    try:
        history = ledger.overrides(YEAR)
    finally:
        ledger.close()
    assert [(o.activity, o.assessment, o.reason, o.author) for o in history] == [
        (activity, "completed", "Verified on site", "N. Coordinator"),
        (activity, "not-completed", "The law was not adopted", "M. M."),
    ]
    out = tmp_path / "out"
    code, _, _ = run("report", "annual", "--year", str(YEAR), "--draft", "--out", str(out))
    assert code == 0
    xlsx = out / f"annual-{YEAR}-en.xlsx"
    [row] = [r for r in rows(xlsx, "Activity assessment") if r[0] == activity]
    assert (row[2], row[4]) == ("partially completed", "not completed")  # proposed, and the decision standing
    assert "The law was not adopted" in str(row[5]) and "M. M." in str(row[5])
    decisions = [r for r in rows(xlsx, "Decisions") if r[0] == activity]
    assert [(r[1], r[2], r[3]) for r in decisions] == [
        ("completed", "Verified on site", "N. Coordinator"),
        ("not completed", "The law was not adopted", "M. M."),
    ]
    text = " ".join(pdf_text(out / f"annual-{YEAR}-en.pdf").split())
    assert "Verified on site" in text and "The law was not adopted" in text
    others = [r for r in rows(xlsx, "Activity assessment") if r[0] != activity]
    assert all(r[2] == r[4] for r in others)  # no decision elsewhere: the proposal stands
    # The summary counts the activities changed by a decision, and says activities: "izmenjena za 1" read as
    # "changed by one" (a degree?), "changed the proposed assessment of 1" left the reader to guess of what.
    assert "The Coordinator's decisions changed the proposed assessment of 1 activity." in text
    serbian = ["report", "annual", "--year", str(YEAR), "--draft", "--out", str(out), "--lang", "sr-Latn"]
    assert runner.invoke(app, [*serbian, "--config", str(config)]).exit_code == 0
    latin = " ".join(pdf_text(out / f"annual-{YEAR}-sr-Latn.pdf").split())
    assert "Odlukom Koordinatora predložena ocena je izmenjena za 1 aktivnost." in latin


def test_as_of_reproduces_the_evaluation_before_a_later_decision(
    plan: Plan, registry: InstitutionRegistry, tmp_path: Path
) -> None:
    demo = demo_ledger(plan, registry, tmp_path, f"sqlite:///{tmp_path / 'ledger.sqlite'}")
    first = annual(demo, plan, registry, tmp_path / "a")
    activity = rows(first.files[1], "Activity assessment")[0][0]
    ledger = Ledger.open(demo.config.sync.ledger_url())
    try:
        ledger.record_override(
            activity=str(activity),
            year=YEAR,
            assessment="completed",
            reason="later",
            author="C",
            at=dt.datetime.now(dt.UTC),
        )
    finally:
        ledger.close()
    now = annual(demo, plan, registry, tmp_path / "b", record=False)
    again = annual(demo, plan, registry, tmp_path / "c", as_of=first.basis.cut_off)
    assert rows(now.files[1], "Decisions")[0][2] == "later"
    assert rows(again.files[1], "Activity assessment") == rows(first.files[1], "Activity assessment")
    assert rows(again.files[1], "Decisions") == []
    assert first.recorded and not again.recorded


def test_a_section_11_figure_with_no_task_line_is_labelled_so_not_taken_for_an_overspend(
    demo: DemoLedger, plan: Plan, registry: InstitutionRegistry, tmp_path: Path
) -> None:
    """MKI's 1,234,000 RSD of section 11 has no task line: its difference, all of it, says so beside it."""
    data = yaml.safe_load(PLAN_YAML.read_text(encoding="utf-8"))
    with_task_lines = {
        line["payer"]
        for objective in data["objectives"]
        for activity in objective["activities"]
        for task in activity["tasks"]
        for line in task.get("budget", [])
        if line.get("year") == YEAR and line.get("currency") == "RSD" and line.get("source") == "state-budget"
    }
    section_11 = {
        t["institution"]: Decimal(str(t["amount"]))
        for t in data["financial_effects"]["action_plan"]["totals"]
        if t["year"] == YEAR
    }
    unlined = {code: amount for code, amount in section_11.items() if amount and code not in with_task_lines}
    assert unlined == {"MKI": Decimal("1234000")}
    pdf, xlsx = annual(demo, plan, registry, tmp_path, record=False).files
    sheet = load_workbook(xlsx, read_only=True)["Budget"]
    header = [str(c) for c in next(sheet.iter_rows(min_row=3, max_row=3, values_only=True))]
    column = {name: header.index(name) for name in ("Section 11", "Task lines - section 11", "Note on section 11")}
    labelled = {}
    for row in rows(xlsx, "Budget"):
        if row[column["Section 11"]] is not None and row[0] in section_11:
            assert Decimal(str(row[column["Section 11"]])) == section_11[str(row[0])]
            difference = Decimal(str(row[column["Task lines - section 11"]]))
            labelled[row[0]] = (difference, row[column["Note on section 11"]])
    label = "no task lines: planned at the institution's level, not an overspend"
    assert labelled["MKI"] == (-unlined["MKI"], label)
    assert all(note != label for code, (_, note) in labelled.items() if code not in unlined)
    printed = " ".join(pdf_text(pdf).split())  # the label wraps in its cell, between the table's other cells
    assert "no task lines:" in printed and "not an overspend" in printed


def test_comments_appear_beside_the_activity(
    demo: DemoLedger, plan: Plan, registry: InstitutionRegistry, tmp_path: Path
) -> None:
    config = config_file(demo, tmp_path)
    args = ["evaluation", "comment", "2.1", "--year", str(YEAR), "--config", str(config), "--lang", "en"]
    result = CliRunner().invoke(app, [*args, "--by", "ASTRA (civil society)", "--text", "Shelters lack funds"])
    assert result.exit_code == 0, result.output
    empty = CliRunner().invoke(app, [*args, "--by", "ASTRA", "--text", "  "])  # a usage error, as a missing --by
    assert empty.exit_code == 2 and "The comment is empty" in empty.stderr
    issued = annual(demo, plan, registry, tmp_path, record=False)
    assert [(r[0], r[1], r[2]) for r in rows(issued.files[1], "Comments")] == [
        ("2.1", "ASTRA (civil society)", "Shelters lack funds")
    ]
    assert "Shelters lack funds" in " ".join(pdf_text(issued.files[0]).split())


# --- the master's Evaluation sheet ----------------------------------------------------------------------------------


def synced(plan: Plan, registry: InstitutionRegistry, demo: DemoLedger) -> list[str]:
    ledger = Ledger.open(demo.config.sync.ledger_url())
    try:
        return run_sync(
            plan=plan,
            registry=registry,
            ledger=ledger,
            sources=[FolderSource(demo.config.sync.reports_folder())],
            settings=demo.config.sync,
            calendar=WorkingCalendar(),
            as_of=dt.date(2018, 3, 31),
        ).done
    finally:
        ledger.close()


def type_in(master: Path, activity: str, assessment: str, reason: str) -> int:
    """Type an assessment and a reason on the Evaluation sheet as the Coordinator would; the sheet row."""
    book = load_workbook(master)
    sheet = book["Evaluacija"]
    row = next(
        r for r in range(4, sheet.max_row + 1) if sheet.cell(r, 1).value == YEAR and sheet.cell(r, 3).value == activity
    )
    sheet.cell(row, 7).value, sheet.cell(row, 8).value = assessment, reason
    book.save(master)
    return row


def test_a_decision_typed_on_the_evaluation_sheet_is_recorded_at_the_next_sync(
    plan: Plan, registry: InstitutionRegistry, tmp_path: Path
) -> None:
    demo = demo_ledger(plan, registry, tmp_path, f"sqlite:///{tmp_path / 'ledger.sqlite'}")
    master = demo.config.sync.master_path()
    proposed = {str(r[2]): r[4] for r in rows(master, "Evaluacija") if r[0] == YEAR}
    assert len(proposed) == len(plan.activities()) and all(proposed.values())
    activity = plan.activities()[1].id
    # A word the sheet does not know: refused, located, nothing recorded.
    row = type_in(master, activity, "gotovo", "Zakon je usvojen")
    notices = synced(plan, registry, demo)
    assert [n for n in notices if f"ćelija G{row}" in n and "gotovo" in n and activity in n]
    ledger = Ledger.open(demo.config.sync.ledger_url())
    try:
        assert ledger.overrides(YEAR) == []
    finally:
        ledger.close()
    type_in(master, activity, "Realizovana", "Zakon je usvojen")
    notices = synced(plan, registry, demo)
    assert [n for n in notices if "Evaluacija" in n and activity in n and "realizovana" in n]
    [written] = [r for r in rows(master, "Evaluacija") if r[0] == YEAR and r[2] == activity]
    assert (written[6], written[7]) == ("realizovana", "Zakon je usvojen")
    assert str(written[8]).startswith("Koordinator (zbirna radna sveska)")
    assert synced(plan, registry, demo) == []  # read again, the same decision: nothing more recorded
    ledger = Ledger.open(demo.config.sync.ledger_url())
    try:
        history = ledger.overrides(YEAR)
    finally:
        ledger.close()
    assert [(o.activity, o.assessment, o.reason, o.author) for o in history] == [
        (activity, "completed", "Zakon je usvojen", "apmon:master")  # a marker, said in each reader's words
    ]


def test_a_decision_from_the_sheet_is_signed_in_the_language_of_the_report_that_shows_it(
    plan: Plan, registry: InstitutionRegistry, tmp_path: Path
) -> None:
    # The trial: a decision typed on the Serbian master's sheet was signed "Koordinator (zbirna radna sveska)" in the
    # English and the Cyrillic annual evaluation too: apmon's own words, stored in the master's language.
    demo = demo_ledger(plan, registry, tmp_path, f"sqlite:///{tmp_path / 'ledger.sqlite'}")
    activity = plan.activities()[1].id
    type_in(demo.config.sync.master_path(), activity, "realizovana", "Zakon je usvojen")
    synced(plan, registry, demo)
    signed = {}
    for lang, sheet in (("en", "Decisions"), ("sr-Cyrl", "Одлуке"), ("sr-Latn", "Odluke")):
        issued = annual(demo, plan, registry, tmp_path / lang, lang, record=False)
        [row] = [r for r in rows(issued.files[1], sheet) if r[0] == activity]
        signed[lang] = row[3]
    assert signed == {
        "en": "Coordinator (master workbook)",
        "sr-Cyrl": "Координатор (збирна радна свеска)",
        "sr-Latn": "Koordinator (zbirna radna sveska)",
    }
    [written] = [r for r in rows(demo.config.sync.master_path(), "Evaluacija") if r[0] == YEAR and r[2] == activity]
    assert str(written[8]).startswith("Koordinator (zbirna radna sveska)")


def test_what_the_sheet_refuses_stays_typed_when_the_master_is_written_again(
    plan: Plan, registry: InstitutionRegistry, tmp_path: Path
) -> None:
    """A mistyped assessment is refused, and the master is written again because another decision typed beside it
    was recorded: the refused word and its reason stay in their cells, marked, for the Coordinator to correct; a
    reason typed without an assessment's word the sheet knows was lost with the rewrite."""
    demo = demo_ledger(plan, registry, tmp_path, f"sqlite:///{tmp_path / 'ledger.sqlite'}")
    master = demo.config.sync.master_path()
    first, second = plan.activities()[1].id, plan.activities()[2].id
    reason = "Sporazum sa Severnom Makedonijom potpisan je u decembru; sa Crnom Gorom nije."
    row = type_in(master, second, "skoro gotova", reason)
    type_in(master, first, "realizovana", "Zakon je usvojen")
    notices = synced(plan, registry, demo)
    assert [n for n in notices if f"ćelija G{row}" in n and "skoro gotova" in n]
    [kept] = [r for r in rows(master, "Evaluacija") if r[0] == YEAR and r[2] == second]
    assert (kept[6], kept[7]) == ("skoro gotova", reason)
    sheet = load_workbook(master)["Evaluacija"]
    assert sheet.cell(row, 7).fill.fgColor.rgb != sheet.cell(row + 1, 7).fill.fgColor.rgb  # marked, not as input
    [recorded] = [r for r in rows(master, "Evaluacija") if r[0] == YEAR and r[2] == first]
    assert (recorded[6], recorded[7]) == ("realizovana", "Zakon je usvojen")
    # Still refused at the next run, and still there; corrected, it is recorded with the reason kept.
    assert [n for n in synced(plan, registry, demo) if f"ćelija G{row}" in n]
    type_in(master, second, "delimično realizovana", reason)
    synced(plan, registry, demo)
    ledger = Ledger.open(demo.config.sync.ledger_url())
    try:
        got = [(o.activity, o.assessment, o.reason) for o in ledger.overrides(YEAR)]
    finally:
        ledger.close()
    assert got == [(first, "completed", "Zakon je usvojen"), (second, "partially-completed", reason)]


def test_a_decision_made_after_the_master_was_written_is_not_undone_by_the_sheet(
    plan: Plan, registry: InstitutionRegistry, tmp_path: Path
) -> None:
    """The sheet still shows the decision it was written with; a newer one (`apmon evaluation set`) stands."""
    demo = demo_ledger(plan, registry, tmp_path, f"sqlite:///{tmp_path / 'ledger.sqlite'}")
    master = demo.config.sync.master_path()
    activity = plan.activities()[1].id
    type_in(master, activity, "realizovana", "Zakon je usvojen")
    synced(plan, registry, demo)
    ledger = Ledger.open(demo.config.sync.ledger_url())
    try:
        at = dt.datetime.now(dt.UTC)
        ledger.record_override(
            activity=activity,
            year=YEAR,
            assessment="not-completed",
            reason="Zakon nije stupio na snagu",
            author="NK",
            at=at,
        )
    finally:
        ledger.close()
    assert synced(plan, registry, demo) == []
    ledger = Ledger.open(demo.config.sync.ledger_url())
    try:
        assert [o.author for o in ledger.overrides(YEAR)] == ["apmon:master", "NK"]
    finally:
        ledger.close()
    [written] = [r for r in rows(master, "Evaluacija") if r[0] == YEAR and r[2] == activity]
    assert (written[6], written[7]) == ("nije realizovana", "Zakon nije stupio na snagu")


@pytest.mark.parametrize(
    ("given", "code"),
    [
        ("delimično realizovana", "partially-completed"),
        ("delimicno realizovana", "partially-completed"),  # as Serbian is often typed: it was refused
        ("Делимично реализована", "partially-completed"),
        ("nije  realizovana", "not-completed"),
        ("partially completed", "partially-completed"),
        ("completed", "completed"),
        ("done", None),
    ],
)
def test_an_assessment_is_known_in_any_script_with_or_without_diacritics(given: str, code: str | None) -> None:
    from apmon.sync.evaluation import assessment_code

    assert assessment_code(given) == code
