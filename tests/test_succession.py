"""A ministry split in two in the middle of the plan, as the trial made it: MRZBSP reports until June 2018, and from
July its tasks and budget lines go to two successors that name it (`succeeds`): MPSP takes objective 5 (the
children), MRZSP the rest. Made on the demo's data, the plan file and registry edited as docs/sync.md says.

Every total is worked out here from the plan files and the demo's master as it was before the split (openpyxl,
yaml), never by apmon's code: every plan amount counts once, so the split changes no year's planned total; and for
the months and years before the split MRZBSP is what it was (its annual report of 2017 owed and counted, its
assessments in the 2017 evaluation, its late reports of the first half of 2018 valid)."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

import openpyxl
import pytest
import yaml

from apmon.sync.config import load_config
from apmon.sync.demo import build_demo
from apmon.sync.service import sync_once
from tests.fake_google import FakeGoogle, fake_google_fixture
from tests.test_budget_total_audit import from_yaml

if TYPE_CHECKING:
    from apmon.templates.plan_file import DataFileError

fake_google = fake_google_fixture
DATA = Path(__file__).parents[1] / "templates/data"
PLAN = yaml.safe_load((DATA / "plan-2017-2018.yaml").read_text(encoding="utf-8"))
SUCCESSORS = {
    "MRZSP": (
        "Ministarstvo za rad, zapošljavanje i socijalna pitanja",
        "Министарство за рад, запошљавање и социјална питања",
        "Ministry of Labour and Social Affairs",
    ),
    "MPSP": (
        "Ministarstvo za porodicu i socijalnu politiku",
        "Министарство за породицу и социјалну политику",
        "Ministry of Family and Social Policy",
    ),
}


def successor_of(task_id: str) -> str:
    return "MPSP" if task_id.startswith("5.") else "MRZSP"


def split_plan() -> dict[str, Any]:
    """The plan file as the Coordinator's IT person edits it: MRZBSP's tasks and budget lines moved."""
    data = yaml.safe_load((DATA / "plan-2017-2018.yaml").read_text(encoding="utf-8"))
    for objective in data["objectives"]:
        for activity in objective["activities"]:
            for task in activity["tasks"]:
                new = successor_of(task["id"])
                for role in ("lead", "partners"):
                    task[role] = list(dict.fromkeys(new if c == "MRZBSP" else c for c in task.get(role, [])))
                for line in task.get("budget", []):
                    if line.get("payer") == "MRZBSP":
                        line["payer"] = new
    return data


def split_registry() -> dict[str, Any]:
    data = yaml.safe_load((DATA / "institutions.yaml").read_text(encoding="utf-8"))
    for inst in data["institutions"]:
        if inst["code"] == "MRZBSP":
            inst["reports_until"] = "2018-06"
    for code, (latin, cyrillic, english) in SUCCESSORS.items():
        name = {"sr-Latn": latin, "sr-Cyrl": cyrillic, "en": english}
        successor = {"code": code, "kind": "ministry", "name": name, "working_group_member": True}
        data["institutions"].append(successor | {"reports_from": "2018-07", "succeeds": "MRZBSP"})
    return data


def planned_from_yaml(year: int) -> Decimal:
    """The year's planned RSD as the Budget sheet counts it, each amount once, from the original plan file (the split
    moves lines, it adds none): test_budget_total_audit's recomputation."""
    return Decimal(from_yaml(year)["planned"])


def task_lines(plan: dict[str, Any], payers: set[str], year: int) -> Decimal:
    """The state-budget RSD task lines of `year` whose payer is one of `payers`."""
    return sum(
        (
            Decimal(line["amount"])
            for o in plan["objectives"]
            for a in o["activities"]
            for t in a["tasks"]
            for line in t.get("budget", [])
            if line["source"] == "state-budget" and line.get("year") == year and line.get("currency") == "RSD"
            and (line.get("payer") or t["lead"][0]) in payers
        ),
        Decimal(0),
    )  # fmt: skip


def sheet(path: Path, name: str, header_row: int = 3) -> list[dict[str, Any]]:
    rows = list(openpyxl.load_workbook(path, read_only=True)[name].iter_rows(values_only=True))
    header = rows[header_row - 1]
    return [dict(zip(header, r, strict=False)) for r in rows[header_row:]]


def budget_planned(master: Path, year: int) -> Decimal:
    rows = sheet(master, "Budget")
    return sum((Decimal(str(r["Planned"])) for r in rows if r["Year"] == str(year) and r["Currency"] == "RSD"
                and r["Institution"]), Decimal(0))  # fmt: skip


@pytest.fixture(scope="module")
def split(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    folder = tmp_path_factory.mktemp("split")
    demo = build_demo(folder, seed=2018, lang="en")
    master = folder / "master.xlsx"
    before = {
        "budget": sheet(master, "Budget"),
        "submissions": sheet(master, "Submissions"),
        "annual": sheet(master, "Annual"),
        "evaluation": sheet(master, "Evaluation"),
        "status": sheet(master, "Status"),
        "planned": {year: budget_planned(master, year) for year in (2017, 2018)},
    }
    plan_file, registry_file = folder / "plan-split.yaml", folder / "institutions-split.yaml"
    plan_file.write_text(yaml.safe_dump(split_plan(), allow_unicode=True, sort_keys=False), encoding="utf-8")
    registry_file.write_text(yaml.safe_dump(split_registry(), allow_unicode=True, sort_keys=False), encoding="utf-8")
    config = demo.config.read_text(encoding="utf-8")
    demo.config.write_text(f'plan = "{plan_file.name}"\ninstitutions = "{registry_file.name}"\n' + config, "utf-8")
    sync_once(load_config(demo.config), "cli")
    return {"folder": folder, "before": before, "master": master, "config": demo.config, "plan": plan_file,
            "registry": registry_file}  # fmt: skip


def apmon(*args: str) -> subprocess.CompletedProcess[str]:
    command = [str(Path(sys.executable).with_name("apmon")), *args]
    return subprocess.run(command, capture_output=True, text=True, env={**os.environ, "COLUMNS": "200"}, check=False)


@pytest.mark.parametrize("year", [2017, 2018])
def test_the_split_leaves_every_years_planned_total_as_the_plan_gives_it(split: dict[str, Any], year: int) -> None:
    """In the trial 2017's planned RSD went from 2.522.780 to 3.617.020: MRZBSP, left with no task line, got one at
    its level with its section 11 figure, beside its lines counted again for the successors."""
    expected = planned_from_yaml(year)
    assert split["before"]["planned"][year] == expected  # the demo's master before the split
    assert budget_planned(split["master"], year) == expected
    if year == 2018:  # the Overview's year
        overview = sheet(split["master"], "Overview")
        assert sum((Decimal(str(r["Planned 2018, RSD"])) for r in overview if r["Institution"]), Decimal(0)) == expected


def test_each_successor_plans_its_own_lines_and_mrzbsp_what_it_had_before_the_split(split: dict[str, Any]) -> None:
    rows = {(r["Institution"], r["Year"], r["Source"], r["Currency"]): r for r in sheet(split["master"], "Budget")}
    before = {(r["Institution"], r["Year"], r["Source"], r["Currency"]): r for r in split["before"]["budget"]}
    key_2017 = ("MRZBSP", "2017", "state budget", "RSD")
    assert Decimal(str(rows[key_2017]["Planned"])) == task_lines(PLAN, {"MRZBSP"}, 2017) == Decimal(398800)
    assert rows[key_2017]["Spent"] == before[key_2017]["Spent"]  # its own spending, as it was
    plan = split_plan()
    for code in SUCCESSORS:
        row = rows[(code, "2018", "state budget", "RSD")]
        assert Decimal(str(row["Planned"])) == task_lines(plan, {code}, 2018)
        assert row["Section 11 total"] is None  # no figure of their own
        assert (code, "2017", "state budget", "RSD") not in rows  # 2017 was MRZBSP's
    both = sum((Decimal(str(rows[(c, "2018", "state budget", "RSD")]["Planned"])) for c in SUCCESSORS), Decimal(0))
    assert both == task_lines(PLAN, {"MRZBSP"}, 2018)
    # its figure of 2018 is set against its successors' lines combined, and planned in their rows only
    figure = next(Decimal(t["amount"]) for t in PLAN["financial_effects"]["action_plan"]["totals"]
                  if (t["institution"], t["year"]) == ("MRZBSP", 2018))  # fmt: skip
    held = rows[("MRZBSP", "2018", "state budget", "RSD")]
    assert (held["Planned"], held["Spent"], Decimal(str(held["Section 11 total"]))) == (0, None, figure)
    assert Decimal(str(held["Task lines - section 11"])) == both - figure


@pytest.mark.parametrize("year", [2017, 2018])
def test_the_budget_sheet_holds_each_section_11_figure_once(split: dict[str, Any], year: int) -> None:
    figures = sum((Decimal(t["amount"]) for t in PLAN["financial_effects"]["action_plan"]["totals"]
                   if t["year"] == year), Decimal(0))  # fmt: skip
    shown = [r["Section 11 total"] for r in sheet(split["master"], "Budget") if r["Year"] == str(year) and r["Source"]]
    assert sum((Decimal(str(v)) for v in shown if v is not None), Decimal(0)) == figures


def report_total(path: Path, sheet_name: str, year: int) -> Decimal:
    """The planned RSD of a Coordinator's report's total row of `year`."""
    rows = openpyxl.load_workbook(path, read_only=True)[sheet_name].iter_rows(values_only=True)
    return next(Decimal(str(r[4])) for r in rows if str(r[0]).startswith("Total") and str(r[2]) == str(year)
                and r[3] == "RSD")  # fmt: skip


@pytest.mark.parametrize("year", [2017, 2018])
def test_the_coordinators_reports_count_each_amount_once(split: dict[str, Any], year: int) -> None:
    """The Council report's, the annual evaluation's and the published report's totals, made after the split."""
    expected, config = planned_from_yaml(year), str(split["config"])
    done = apmon("report", "council", "--from", "2017-09", "--to", "2018-12", "--lang", "en", "--draft", "--json",
                 "--config", config)  # fmt: skip
    council = next(Path(config).parent / f for f in json.loads(done.stdout)["files"] if f.endswith(".xlsx"))
    rows = openpyxl.load_workbook(council, read_only=True)[f"Budget {year}"].iter_rows(values_only=True)
    rsd = [(r[0], Decimal(str(r[2]))) for r in rows if r[1] == "RSD"]
    assert sum((amount for code, amount in rsd if code != "Total"), Decimal(0)) == expected
    assert [amount for code, amount in rsd if code == "Total"] == [expected]
    for kind in ("annual", "public"):
        done = apmon("report", kind, "--year", str(year), "--lang", "en", "--draft", "--json", "--config", config)
        made = next(Path(config).parent / f for f in json.loads(done.stdout)["files"] if f.endswith(".xlsx"))
        assert report_total(made, "Budget", year) == expected, kind


def test_plan_check_compares_mrzbsp_section_11_with_its_successors_lines_combined(split: dict[str, Any]) -> None:
    done = apmon("plan", "check", "--plan", str(split["plan"]), "--institutions", str(split["registry"]), "--json")
    assert done.returncode == 0, done.stderr
    rows = {(r["institution"], r["year"]): r for r in json.loads(done.stdout)["summary"]["reconciliation"]}
    totals = PLAN["financial_effects"]["action_plan"]["totals"]
    figures = {(t["institution"], t["year"]): Decimal(t["amount"]) for t in totals}
    for year in (2017, 2018):
        row = rows[("MRZBSP", year)]
        assert Decimal(row["section_11"]) == figures[("MRZBSP", year)]
        assert Decimal(row["task_total"]) == task_lines(PLAN, {"MRZBSP"}, year)
        assert row["status"] == "differs"  # as before the split: the plan's lines do not add up to its figure
    assert not [key for key in rows if key[0] in SUCCESSORS]  # no figure of their own: they count for MRZBSP's


def test_mrzbsp_is_owed_and_counted_for_2017_as_it_was(split: dict[str, Any]) -> None:
    now = {r["Institution"]: r for r in sheet(split["master"], "Submissions")}
    was = {r["Institution"]: r for r in split["before"]["submissions"]}
    months = [f"2017-{m:02d}" for m in (9, 10, 11, 12)] + [f"2018-{m:02d}" for m in range(1, 7)]
    for column in [*months, "Annual 2017"]:
        assert now["MRZBSP"][column] == was["MRZBSP"][column], column
    assert now["MRZBSP"]["Annual 2018"] == "not required"


def test_mrzbsps_assessments_stay_in_the_2017_evaluation(split: dict[str, Any]) -> None:
    """In the trial activity 2.3's proposal for 2017 went from "completed" (2 of 2 tasks completed by MRZBSP's
    annual report) to "partially completed"."""
    annual = [(r["Activity"], r["Self-assessment"]) for r in sheet(split["master"], "Annual")
              if r["Year"] == "2017" and r["Institution"] == "MRZBSP"]  # fmt: skip
    was = [(r["Activity"], r["Self-assessment"]) for r in split["before"]["annual"]
           if r["Year"] == "2017" and r["Institution"] == "MRZBSP"]  # fmt: skip
    assert annual == was and ("2.3", "completed") in annual
    now = {(r["Year"], r["Activity"]): r["Proposed"] for r in sheet(split["master"], "Evaluation")}
    before = {(r["Year"], r["Activity"]): r["Proposed"] for r in split["before"]["evaluation"]}
    assert now[(2017, "2.3")] == before[(2017, "2.3")] == "completed"
    assert {k: v for k, v in now.items() if k[0] == 2017} == {k: v for k, v in before.items() if k[0] == 2017}


def test_a_task_the_old_ministry_completed_stays_completed(split: dict[str, Any]) -> None:
    """Task 2.3.1, completed by MRZBSP in 2017, was "in progress" on the Status sheet (and overdue in the Council
    report) once the plan file named MRZSP its lead: the successor, asked for reports, had not said so."""

    def statuses(rows: list[dict[str, Any]]) -> dict[str, tuple[Any, Any]]:
        return {r["Id"]: (r["Status"], r["Leads reported"]) for r in rows if r["Level"] == "task"}

    before, now = statuses(split["before"]["status"]), statuses(sheet(split["master"], "Status"))
    assert before["2.3.1"] == ("completed", "1 of 1")
    assert now == before


SPLIT_DAY = dt.date(2018, 7, 1)  # the successors' first month


def leads_when_due(as_of: dt.date) -> dict[str, str]:
    """Each task's leads as the plan files give them, from the plan as it was (MRZBSP's) for a task due before the
    split, else from the edited plan: read from the YAML, its deadline the activity's `end`."""

    def by_task(data: dict[str, Any]) -> dict[str, tuple[dt.date, list[str]]]:
        return {t["id"]: (a["deadline"]["end"], t["lead"])
                for o in data["objectives"] for a in o["activities"] for t in a["tasks"]}  # fmt: skip

    was, now = by_task(PLAN), by_task(split_plan())
    return {task: ", ".join((was if min(end, as_of) < SPLIT_DAY else now)[task][1]) for task, (end, _) in now.items()}


def test_the_status_sheet_names_the_lead_that_held_each_task_when_it_was_due(split: dict[str, Any]) -> None:
    """Tasks 2.3.1 and 2.3.2 (due June 2017) and 1.2.4 and 1.2.7 (due June 2018) were named MRZSP's on the Status
    sheet once the plan file moved them: MRZSP did not exist when they were due. The demo's master is worked out for
    31 January 2019, after every deadline. The Overview counts each task for the lead that held it when due."""
    expected = leads_when_due(dt.date(2019, 1, 31))
    shown = {r["Id"]: r["Lead"] for r in sheet(split["master"], "Status") if r["Level"] == "task"}
    assert shown == expected
    assert {task: shown[task] for task in ("2.3.1", "2.3.2", "1.2.4", "1.2.7")} == {
        "2.3.1": "MRZBSP", "2.3.2": "MRZBSP", "1.2.4": "SAVET, MRZBSP", "1.2.7": "SAVET, MRZBSP"
    }  # fmt: skip
    assert shown["2.1.3"] == "MRZSP" and shown["5.3.1"] == "MPSP"  # continuous to the end of 2018: the successors'
    led = {r["Code"]: r["Tasks led"] for r in sheet(split["master"], "Overview") if r["Code"]}
    for code in ("MRZBSP", *SUCCESSORS):
        assert led[code] == sum(code in leads.split(", ") for leads in expected.values()), code


def test_the_council_reports_overdue_tasks_name_the_lead_that_held_them_when_due(split: dict[str, Any]) -> None:
    """The Council report of September-October 2017, made after the split, named MRZSP lead of task 2.3.2 (due June
    2017, not completed by October 2017 in the demo)."""
    config = str(split["config"])
    done = apmon("report", "council", "--from", "2017-09", "--to", "2017-10", "--lang", "en", "--draft", "--json",
                 "--config", config)  # fmt: skip
    council = next(Path(config).parent / f for f in json.loads(done.stdout)["files"] if f.endswith(".xlsx"))
    rows = list(openpyxl.load_workbook(council, read_only=True)["Tasks overdue"].iter_rows(values_only=True))
    header = next(i for i, r in enumerate(rows) if r[:3] == ("Task", "Description", "Lead"))
    overdue = {r[0]: r[2] for r in rows[header + 1 :] if r[0]}
    expected = leads_when_due(dt.date(2017, 10, 31))  # the span's last day
    assert overdue == {task: expected[task] for task in overdue}
    assert overdue["2.3.2"] == "MRZBSP"


def test_a_late_report_of_mrzbsp_for_a_month_before_the_split_is_valid(split: dict[str, Any]) -> None:
    files = sorted((split["folder"] / "reports/2018-04").glob("MRZBSP_*.xlsx"))
    assert files
    done = apmon("validate", *map(str, files), "--config", str(split["config"]), "--json")
    codes = {i["code"] for f in json.loads(done.stdout) for i in f["issues"]}
    assert "template-outdated" not in codes and done.returncode == 0, done.stdout


def _written(tmp_path: Path, name: str, data: dict[str, Any]) -> Path:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def test_the_plan_as_it_stood_before_the_split_is_the_plan_file_as_it_was(tmp_path: Path) -> None:
    """Who leads, partners and pays each task (Plan.on): before July 2018 as the unedited plan file has it; from
    July as the edited one."""
    from apmon.templates.plan_file import load_plan, load_registry

    registry = load_registry(_written(tmp_path, "institutions.yaml", split_registry()))
    plan = load_plan(_written(tmp_path, "plan.yaml", split_plan()), registry)

    def holders(data: dict[str, Any]) -> dict[str, tuple[list[str], list[str], list[str | None]]]:
        return {t["id"]: (t["lead"], t.get("partners", []), [b.get("payer") for b in t.get("budget", [])])
                for o in data["objectives"] for a in o["activities"] for t in a["tasks"]}  # fmt: skip

    def of(p: Any) -> dict[str, tuple[list[str], list[str], list[str | None]]]:
        return {t.id: (t.lead, t.partners, [b.payer for b in t.budget]) for t in p.tasks()}

    for day in ("2017-09-30", "2017-12-31", "2018-06-30"):
        assert of(plan.on(dt.date.fromisoformat(day))) == holders(PLAN), day
    for day in ("2018-07-31", "2018-12-31"):
        assert of(plan.on(dt.date.fromisoformat(day))) == holders(split_plan()), day
    assert registry.stood_for("MPSP", dt.date(2018, 6, 30)) == "MRZBSP"
    assert registry.stood_for("MPSP", dt.date(2018, 7, 1)) == "MPSP"
    assert registry.stood_for("MUP", dt.date(2017, 1, 1)) == "MUP"


@pytest.mark.parametrize(
    ("change", "key", "field"),
    [
        ({"succeeds": "MRZX"}, "invalid.succeeds_unknown", "succeeds"),
        ({"reports_from": "2018-06"}, "invalid.succeeds_window", "succeeds"),  # MRZBSP reports until 2018-06
        ({"reports_from": None}, "invalid.succeeds_needs_from", ""),
        # a merger: one body taking over two, which the registry cannot say (docs/sync.md, "A merger of two bodies")
        ({"succeeds": ["MRZBSP", "MZ"]}, "invalid.succeeds_merger", "succeeds"),
        ({"succeeds": "MRZBSP, MZ"}, "invalid.succeeds_merger", "succeeds"),
        ({"succeeds": "MRZBSP MZ"}, "invalid.succeeds_merger", "succeeds"),
    ],
)
def test_a_succession_that_cannot_be_is_refused_where_it_is_written(
    tmp_path: Path, change: dict[str, Any], key: str, field: str
) -> None:
    from apmon.templates.plan_file import DataFileError, load_registry

    data = split_registry()
    mpsp = next(i for i in data["institutions"] if i["code"] == "MPSP")
    mpsp.update(change)
    index = data["institutions"].index(mpsp)
    path = _written(tmp_path, "institutions.yaml", data)
    with pytest.raises(DataFileError) as refused:
        load_registry(path)
    [error] = refused.value.errors
    assert (error.key, error.path) == ("datafile.invalid", f"institutions[{index}]" + (f".{field}" if field else ""))
    assert error.line is not None and error.line > 1
    assert error.fields["detail"].key == key
    for lang in ("sr-Latn", "sr-Cyrl", "en"):
        assert "MPSP" in error.said(lang) and "MRZ" in error.said(lang)
        if key == "invalid.succeeds_merger":  # both old bodies named, and what to do instead
            assert "MRZBSP, MZ" in error.said(lang) and "apmon institution rename" in error.said(lang)


def _split_plan_loaded(tmp_path: Path) -> Any:
    from apmon.templates.plan_file import load_plan, load_registry

    registry = load_registry(_written(tmp_path, "institutions.yaml", split_registry()))
    return load_plan(_written(tmp_path, "plan.yaml", split_plan()), registry)


def _mrzsp_line_of_2018() -> str:
    tasks = [t for o in split_plan()["objectives"] for a in o["activities"] for t in a["tasks"]]
    return next(f"{t['id']}/{n}" for t in tasks for n, b in enumerate(t.get("budget", []), 1)
                if b.get("payer") == "MRZSP" and b.get("year") == 2018)  # fmt: skip


# MRZBSP gives 10.000 spent on a line of 2018 by June; MRZSP, from July, (period, year to date) by month.
SUCCESSOR_CASES = {
    "its own months: July": ({7: (4000, 4000)}, None),
    "its own months: July and August": ({7: (4000, 4000), 8: (2000, 6000)}, None),
    "more than the old ministry, its months not all given": ({8: (2000, 12000)}, None),
    "the old ministry's figure again": ({7: (4000, 10000)}, "equal"),
    "the old ministry's and its July": ({7: (4000, 14000)}, "contains"),
    "the old ministry's and its months": ({7: (4000, 4000), 8: (2000, 16000)}, "contains"),
    "more than the old ministry's and its months": ({7: (4000, 15000)}, "contains"),
}


@pytest.mark.parametrize(("months", "repeats"), SUCCESSOR_CASES.values(), ids=SUCCESSOR_CASES)
def test_a_successor_gives_only_its_own_months_in_the_split_year(
    tmp_path: Path, months: dict[int, tuple[int, int]], repeats: str | None
) -> None:
    """A line of 2018 that MRZBSP's templates listed until June and MRZSP's list from July: each gives its own months,
    and the Budget sheet adds them. budget-line-spent-twice warned of every such pair (the report checked second);
    now only a successor's figure that evidently repeats the old ministry's is warned of: equal to it, or at least
    it plus what the successor gave in its months. Checked at the successor's newest report, and, sent late, at the
    old ministry's June report (its cell; the successor's figure is the one to correct)."""
    from apmon.schemas.messages import message
    from apmon.schemas.rules import check_history
    from tests.pure_data import budget, report

    plan, line = _split_plan_loaded(tmp_path), _mrzsp_line_of_2018()
    before = report("MRZBSP", "2018-06", budget=[budget(line, 5, None, spent_period=1000, spent_year=10000)])
    after = [report("MRZSP", f"2018-{m:02d}", budget=[budget(line, 5, None, spent_period=p, spent_year=y)])
             for m, (p, y) in sorted(months.items())]  # fmt: skip
    newest, earlier = after[-1], after[:-1]
    for checked, history in ((newest, [before, *earlier]), (before, after)):
        issues = check_history(checked, history, plan)
        assert "budget-line-spent-twice" not in {i.code for i in issues}
        found = [i for i in issues if i.code == "spent-year-repeats-predecessor"]
        assert [(i.cell, i.params["advice"]) for i in found] == ([("G5", repeats)] if repeats else [])
        for i in found:
            own = sum(p for p, _ in months.values()) if len(months) == 1 + max(months) - 7 else None
            assert i.params["own"] == ("-" if own is None else f"{own:,},00".replace(",", ".", 1))
            for lang in ("sr-Latn", "sr-Cyrl", "en"):
                said = message(i, lang)
                assert "MRZBSP" in said and "MRZSP" in said and line in said and "{" not in said, said
            assert "from July 2018" in message(i, "en") and "od jula 2018." in message(i, "sr-Latn")


def _budget_rows(tmp_path: Path, reports: list[Any]) -> tuple[list[dict[str, Any]], Any]:
    """The master's Budget sheet made of `reports` (accepted) under the split plan, in English."""
    from apmon.schemas.calendar import Period
    from apmon.sync.consolidate import Submission, consolidate
    from apmon.sync.findings import ConsolidationSettings
    from apmon.templates.plan_file import load_plan, load_registry

    at = dt.datetime(2019, 1, 31, tzinfo=dt.UTC)
    accepted = [
        Submission(file=r.source, received_at=at, readable=True, valid=True, institution=r.institution,
                   period=r.period, kind=r.kind, on_time=True, days_late=0, report=r)
        for r in reports
    ]  # fmt: skip
    settings = ConsolidationSettings(first=Period(year=2017, month=9), last=Period(year=2018, month=12),
                                     as_of=dt.date(2019, 3, 1))  # fmt: skip
    registry = load_registry(_written(tmp_path, "institutions.yaml", split_registry()))
    plan = load_plan(_written(tmp_path, "plan.yaml", split_plan()), registry)
    table = next(t for t in consolidate(plan, registry, accepted, accepted, settings) if t.sheet == "Budget")
    keys = [c.key for c in table.columns]
    return [dict(zip(keys, r, strict=True)) for r in table.rows], table


@pytest.mark.parametrize(("months", "repeats"), SUCCESSOR_CASES.values(), ids=SUCCESSOR_CASES)
def test_the_budget_sheet_adds_the_old_ministrys_months_and_its_successors(
    tmp_path: Path, months: dict[int, tuple[int, int]], repeats: str | None
) -> None:
    """MRZSP's row of 2018 holds what MRZBSP spent on MRZSP's line until June and what MRZSP spent from July: the
    two newest figures added (worked out here from the reports given). The row's last column says whose months
    the sum holds; where MRZSP's figure repeats MRZBSP's, the line is shown as maybe counted twice (MRZBSP's figure),
    with a warning, as before."""
    from tests.pure_data import budget, report

    line = _mrzsp_line_of_2018()
    before = report("MRZBSP", "2018-06", budget=[budget(line, 5, None, spent_period=1000, spent_year=10000)])
    after = [report("MRZSP", f"2018-{m:02d}", budget=[budget(line, 5, None, spent_period=p, spent_year=y)])
             for m, (p, y) in sorted(months.items())]  # fmt: skip
    rows, table = _budget_rows(tmp_path, [before, *after])
    [row] = [
        r
        for r in rows
        if (r["code"], r["year"], r["source"], r["currency"]) == ("MRZSP", "2018", "state budget", "RSD")
    ]
    newest_month, (_, newest_year) = max(months.items())
    assert row["spent"] == Decimal(10000) + newest_year
    highlighted = {h.column for h in table.highlights if h.row == rows.index(row)}
    if repeats:
        assert (
            row["shared"]
            == f"{line}: MRZSP {newest_year:,}.00 RSD, MRZBSP 10,000.00 RSD; up to 10,000.00 RSD may be counted twice"
        )
        assert {"spent", "shared"} <= highlighted
    else:
        last = "" if newest_month == 7 else f" – {dt.date(2018, newest_month, 1):%B} 2018"  # one month said once
        parts = f"MRZBSP January 2018 – June 2018 10,000.00 RSD, MRZSP July 2018{last} {newest_year:,}.00 RSD"
        assert row["shared"] == f"{line}: the sum of these parts, each counted once: {parts}"
        assert "shared" not in highlighted
        assert any("spent-year-repeats-predecessor" in note for note in table.notes)


def test_a_third_institution_on_a_split_line_is_still_spending_twice(tmp_path: Path) -> None:
    from apmon.schemas.rules import check_history
    from tests.pure_data import budget, report

    plan, line = _split_plan_loaded(tmp_path), _mrzsp_line_of_2018()
    before = report("MRZBSP", "2018-06", budget=[budget(line, 5, None, spent_period=1000, spent_year=10000)])
    other = report("MUP", "2018-06", budget=[budget(line, 5, None, spent_period=1000, spent_year=3000)])
    after = report("MRZSP", "2018-07", budget=[budget(line, 5, None, spent_period=4000, spent_year=4000)])
    [twice] = [i for i in check_history(after, [before, other], plan) if i.code.startswith(("budget-line", "spent"))]
    assert (twice.code, twice.params["others"]) == ("budget-line-spent-twice", "MUP")


def test_the_budget_sheet_sets_only_the_state_budget_rsd_row_against_a_split_ministrys_figure(tmp_path: Path) -> None:
    """Section 11 gives state-budget RSD figures only: MRZBSP's successors' TAIEX lines of 2018 (EUR, in their own
    rows) are set against no figure, so MRZBSP has no TAIEX row of 2018 planning nothing, and the note that its
    figure is set against its successors' lines is said once, for the state-budget row (it was said again for a
    TAIEX row of 0 EUR, naming only MRZSP). Read from the plan file: which successors pay which 2018 lines."""
    from apmon.schemas.calendar import Period
    from apmon.sync.consolidate import consolidate
    from apmon.sync.findings import ConsolidationSettings
    from apmon.templates.plan_file import load_plan, load_registry

    registry = load_registry(_written(tmp_path, "institutions.yaml", split_registry()))
    plan = load_plan(_written(tmp_path, "plan.yaml", split_plan()), registry)
    settings = ConsolidationSettings(first=Period(year=2017, month=9), last=Period(year=2018, month=12),
                                     as_of=dt.date(2019, 3, 1))  # fmt: skip
    budget = next(t for t in consolidate(plan, registry, [], [], settings) if t.sheet == "Budget")
    keys = [c.key for c in budget.columns]
    rows = [dict(zip(keys, r, strict=True)) for r in budget.rows]
    assert [(r["source"], r["currency"]) for r in rows if (r["code"], r["year"]) == ("MRZBSP", "2018")] == [
        ("state budget", "RSD")
    ]
    rsd_payers_2018 = {
        line.get("payer") or t["lead"][0]
        for o in split_plan()["objectives"] for a in o["activities"] for t in a["tasks"]
        for line in t.get("budget", [])
        if line.get("year") == 2018 and line["source"] == "state-budget" and line.get("currency") == "RSD"
    }  # fmt: skip
    said = [n for n in budget.notes if n.startswith("MRZBSP 2018")]
    assert len(said) == 1
    assert all(code in said[0] for code in rsd_payers_2018 & set(SUCCESSORS))


def test_a_year_before_a_later_split_counts_an_earlier_splits_figure_once(tmp_path: Path) -> None:
    """MRZBSP split from November 2017 and, later, MUP succeeded by MUP2 from July 2018. The 2017 evaluation reads
    the plan as it stood at the end of 2017 (MUP2's tasks still MUP's): that plan forgot the registry, so MRZBSP's
    2017 figure was no longer set against its successors' 2017 lines and was counted again at its level (planned
    3.617.020 RSD in place of 2.522.780, as in the trial). Expected from the unedited plan file."""
    from apmon.sync.report_content import Basis, annual_evaluation_of
    from apmon.templates.plan_file import load_plan, load_registry

    registry_data, plan_data = split_registry(), split_plan()
    for inst in registry_data["institutions"]:
        if inst["code"] == "MRZBSP":
            inst["reports_until"] = "2017-10"
        elif inst["code"] == "MUP":
            inst["reports_until"] = "2018-06"
        elif inst["code"] in SUCCESSORS:
            inst["reports_from"] = "2017-11"
    name = {"sr-Latn": "MUP2", "sr-Cyrl": "МУП2", "en": "MUP2"}
    registry_data["institutions"].append({"code": "MUP2", "kind": "ministry", "name": name,
                                          "reports_from": "2018-07", "succeeds": "MUP"})  # fmt: skip
    for task in (t for o in plan_data["objectives"] for a in o["activities"] for t in a["tasks"]):
        for role in ("lead", "partners"):
            task[role] = ["MUP2" if c == "MUP" else c for c in task.get(role, [])]
        for line in task.get("budget", []):
            line["payer"] = "MUP2" if line.get("payer") == "MUP" else line.get("payer")
    registry = load_registry(_written(tmp_path, "institutions.yaml", registry_data))
    plan = load_plan(_written(tmp_path, "plan.yaml", plan_data), registry)
    at = dt.datetime(2019, 3, 1, tzinfo=dt.UTC)
    for year in (2017, 2018):
        evaluation = annual_evaluation_of(plan, registry, [], year, Basis(run_id=1, run_finished_at=at, cut_off=at))
        rsd = [b for b in evaluation.budget if b.currency == "RSD" and not b.period]
        assert sum((b.planned for b in rsd), Decimal(0)) == planned_from_yaml(year), year
        held = next(b for b in rsd if b.institution == "MRZBSP" and b.source == "state-budget")
        assert (held.planned, held.in_tasks) == (0, task_lines(PLAN, {"MRZBSP"}, year)), year
        assert held.successors == sorted(SUCCESSORS), year


# The successor's template in the year of the split says, on its Budget sheet under the title, that it gives only its
# own months, from July 2018, and that MRZBSP gave the months before (the month as each language says it after
# "from"); its other years, and the old ministry's templates, say nothing more than the general hint.
SAID_FROM = {"sr-Latn": "od jula 2018.", "sr-Cyrl": "од јула 2018.", "en": "from July 2018"}


@pytest.mark.parametrize("lang", ["sr-Latn", "sr-Cyrl", "en"])
def test_the_successors_template_says_its_budget_holds_only_its_own_months_in_the_split_year(
    tmp_path: Path, lang: str
) -> None:
    from apmon.schemas.calendar import Period
    from apmon.schemas.messages import text_of
    from apmon.templates.gsheet import value_data
    from apmon.templates.layout import report_layout
    from apmon.templates.plan_file import load_plan, load_registry
    from apmon.templates.read_xlsx import read_xlsx
    from apmon.templates.validation import check_grid
    from tests.reports import complete_monthly, filled_report

    registry = load_registry(_written(tmp_path, "institutions.yaml", split_registry()))
    plan = load_plan(_written(tmp_path, "plan.yaml", split_plan()), registry)
    general = text_of("hint.inputs", lang)  # type: ignore[arg-type]
    for code, period, own in [("MRZSP", "2018-07", True), ("MPSP", "2018-12", True), ("MRZSP", "2018", True),
                              ("MRZSP", "2019-01", False), ("MRZBSP", "2018-06", False)]:  # fmt: skip
        layout = report_layout(plan, registry, code, Period.parse(period), lang)  # type: ignore[arg-type]
        budget_sheet = layout.sheet("budget")
        path, _ = filled_report(plan, registry, tmp_path, code, period, {}, lang, f"{code}-{period}.xlsx")  # type: ignore[arg-type]
        shown = openpyxl.load_workbook(path)[budget_sheet.name]["A2"].value
        google = next(d["values"][1][0] for d in value_data(layout) if d["range"].startswith(f"'{budget_sheet.name}'"))
        assert shown == google, (code, period)
        if own:  # in place of the general hint, which every other sheet of the template shows
            assert "MRZBSP" in shown and SAID_FROM[lang] in shown and shown != general, (code, period, shown)
            assert general in {openpyxl.load_workbook(path)[s.name]["A2"].value for s in layout.sheets}
        else:
            assert shown == general, (code, period)
        # shown, never compared: a filled report of it is valid, the hint no personal data
        filled, _ = filled_report(plan, registry, tmp_path, code, period, complete_monthly(layout) if len(period) > 4
                                  else {}, lang, f"{code}-{period}-filled.xlsx")  # type: ignore[arg-type]  # fmt: skip
        _, issues = check_grid(read_xlsx(filled), plan, registry)
        assert not [i for i in issues if i.code.startswith(("personal-data", "template", "locked"))], issues


def test_the_council_reports_lines_of_unknown_cost_name_who_held_the_task_in_the_lines_year(tmp_path: Path) -> None:
    """A line of unknown cost of 2017 on task 2.3.1 (MRZBSP's, MRZSP's after the split) was listed as MRZSP's; one of
    2018 is MRZSP's. Expected from the plan files: the unedited one's leads for 2017, the edited one's for 2018."""
    from apmon.schemas.calendar import DeadlinePolicy, Period
    from apmon.sync.report_content import Basis, council_report
    from apmon.templates.plan_file import load_plan, load_registry

    unknown = [{"source": "cost-unknown", "year": year, "as_written": {"en": f"Unknown {year}", "sr": "Nepoznato"}}
               for year in (2017, 2018)]  # fmt: skip
    data = split_plan()
    task = next(t for o in data["objectives"] for a in o["activities"] for t in a["tasks"] if t["id"] == "2.3.1")
    task["budget"] = [*task.get("budget", []), *unknown]
    registry = load_registry(_written(tmp_path, "institutions.yaml", split_registry()))
    plan = load_plan(_written(tmp_path, "plan.yaml", data), registry)
    at = dt.datetime(2019, 1, 31, tzinfo=dt.UTC)
    span = Period(year=2018, month=12)
    council = council_report(plan, registry, [], [], span, span, Basis(run_id=1, run_finished_at=at, cut_off=at),
                             DeadlinePolicy())  # fmt: skip
    was = next(t for o in PLAN["objectives"] for a in o["activities"] for t in a["tasks"] if t["id"] == "2.3.1")
    listed = {r.year: r.institution for r in council.cost_unknown if r.task == "2.3.1"}
    assert listed == {2017: ", ".join(was["lead"]), 2018: ", ".join(task["lead"])} == {2017: "MRZBSP", 2018: "MRZSP"}


# Whose months each figure of a split line holds, as the registry gives them (MRZBSP until June 2018, MRZSP from July):
# (reports given, line, the Budget row's year and currency, the parts the row's last column names, in order).
SPLIT_PARTS = {
    # the old ministry's annual report of 2018, accepted though not owed, still holds only its months to June
    "the old ministry's annual report of the split year": (
        [("MRZBSP", "2018", None, 10000), ("MRZSP", "2018-07", 4000, 4000)], "2.1.2/8", ("2018", "RSD"),
        ["MRZBSP January 2018 – June 2018 10,000.00 RSD", "MRZSP July 2018 4,000.00 RSD"],
    ),
    # a line with no year: the old ministry's 2017 is a part of its own, not of the split's year
    "a line of the plan period": (
        [("MRZBSP", "2017-12", 100, 1000), ("MRZBSP", "2018-06", 100, 2000), ("MRZSP", "2018-08", 500, 500)],
        "4.3.4/1", ("2017-2018", "EUR"),
        ["MRZBSP January 2017 – December 2017 1,000.00 EUR", "MRZBSP January 2018 – June 2018 2,000.00 EUR",
         "MRZSP July 2018 – August 2018 500.00 EUR"],
    ),
}  # fmt: skip


@pytest.mark.parametrize(("given", "line", "row", "parts"), SPLIT_PARTS.values(), ids=SPLIT_PARTS)
def test_the_budget_sheet_names_only_the_months_each_part_of_a_split_line_holds(
    tmp_path: Path, given: list[tuple[str, str, int | None, int]], line: str, row: tuple[str, str], parts: list[str]
) -> None:
    """An annual report of 2018 from MRZBSP (its last month June) was said to hold January to December 2018, beside
    MRZSP's July; one month was said "July 2018 – July 2018"; and a line of the plan period, with MRZBSP's 2017 too,
    was called "the sum of two parts of the year" over three parts and two years. The spent sum is the figures added
    (each institution's newest of each year), worked out here from the reports given."""
    from tests.pure_data import budget, report

    currency = row[1]
    reports = [report(code, period, budget=[budget(line, 5, None, currency, spent_period=p, spent_year=y)])
               for code, period, p, y in given]  # fmt: skip
    rows, _ = _budget_rows(tmp_path, reports)
    [shown] = [r for r in rows if (r["code"], r["year"], r["currency"]) == ("MRZSP", *row)]
    newest = {(code, period[:4]): y for code, period, _, y in sorted(given, key=lambda g: len(g[1]) == 4)}
    assert shown["spent"] == sum(newest.values())
    assert shown["shared"] == f"{line}: the sum of these parts, each counted once: {', '.join(parts)}"


@pytest.mark.parametrize("month", ["2018-06", "2018-12"])
def test_the_ministers_brief_names_the_lead_that_held_each_task_when_due(split: dict[str, Any], month: str) -> None:
    """Every task list of the Minister's brief (completed, overdue, ...) names each task's leads as the plan files
    give them when it was due, or at the month's end for a task not yet due: MRZBSP's before the split."""
    config = str(split["config"])
    done = apmon("report", "minister", "--period", month, "--lang", "en", "--draft", "--json", "--config", config)
    assert done.returncode == 0, done.stderr
    brief = next(Path(config).parent / f for f in json.loads(done.stdout)["files"] if f.endswith(".xlsx"))
    year, number = map(int, month.split("-"))
    expected = leads_when_due(dt.date(year + number // 12, number % 12 + 1, 1) - dt.timedelta(days=1))  # its end
    listed = {}
    for ws in openpyxl.load_workbook(brief, read_only=True).worksheets:
        rows = list(ws.iter_rows(values_only=True))
        header = next((i for i, r in enumerate(rows) if r[:3] == ("Task", "Description", "Lead")), None)
        if header is not None:
            listed |= {r[0]: r[2] for r in rows[header + 1 :] if r[0]}
    assert listed and listed == {task: expected[task] for task in listed}
    if month == "2018-06":  # due then, and carried on to the end of 2018: both MRZBSP's in June
        assert (listed["1.2.4"], listed["2.1.2"]) == ("SAVET, MRZBSP", "MUP, MPRAVDE, MZ, MRZBSP")


@pytest.mark.parametrize("lang", ["sr-Latn", "sr-Cyrl", "en"])
def test_the_successors_budget_hint_is_one_line_the_screen_shows_whole(tmp_path: Path, lang: str) -> None:
    """The successor's note was about 300 characters after the general hint in A2: one line running far off screen.
    It now stands alone, and fits in the columns a 1366-pixel screen shows (worked out here from the Budget sheet's
    column widths: 7 pixels a character and 5 of padding, 1200 pixels of grid, a tenth more for wide letters), for
    a successor's first month from February to December, monthly and annual."""
    from apmon.schemas.calendar import Period
    from apmon.templates.layout import report_layout
    from apmon.templates.plan_file import load_plan, load_registry

    for month in range(2, 13):
        data = split_registry()
        for inst in data["institutions"]:
            if inst["code"] == "MRZBSP":
                inst["reports_until"] = f"2018-{month - 1:02d}"
            elif inst.get("succeeds") == "MRZBSP":
                inst["reports_from"] = f"2018-{month:02d}"
        registry = load_registry(_written(tmp_path, "institutions.yaml", data))
        plan = load_plan(_written(tmp_path, "plan.yaml", split_plan()), registry)
        for period in ("2018", f"2018-{month:02d}"):
            budget_sheet = report_layout(plan, registry, "MRZSP", Period.parse(period), lang).sheet("budget")  # type: ignore[arg-type]
            widths = [c.shown_width for c in budget_sheet.columns]
            pixels = [int(w * 7 + 0.5) + 5 for w in widths]
            shown = max(j for j in range(len(widths)) if j == 0 or sum(pixels[: j + 1]) <= 1200)
            assert budget_sheet.hint and "MRZBSP" in budget_sheet.hint, (month, period)
            assert len(budget_sheet.hint) * 1.1 <= sum(widths[: shown + 1]) - 1, (month, period, budget_sheet.hint)


def test_the_successors_google_template_is_built_with_its_budget_hint(fake_google: FakeGoogle, tmp_path: Path) -> None:
    """Built on the fake Sheets server through gspread (Google refuses to merge a frozen column with others, so the
    note cannot be wrapped across the screen there): the hint row of MRZSP's July 2018 Budget sheet holds the note."""
    from apmon.schemas.calendar import Period
    from apmon.templates.gsheet import create_google_template
    from apmon.templates.layout import report_layout
    from apmon.templates.plan_file import load_plan, load_registry
    from tests.test_templates_google import client_for

    registry = load_registry(_written(tmp_path, "institutions.yaml", split_registry()))
    plan = load_plan(_written(tmp_path, "plan.yaml", split_plan()), registry)
    layout = report_layout(plan, registry, "MRZSP", Period.parse("2018-07"), "sr-Cyrl")
    made = create_google_template(client_for(fake_google, tmp_path), layout, fake_google.add_folder("Izveštaji"))
    budget_sheet = fake_google.spreadsheets[made.id].sheet(layout.sheet("budget").name)
    assert budget_sheet.values[1][0] == layout.sheet("budget").hint
    assert "MRZBSP" in budget_sheet.values[1][0] and "од јула 2018." in budget_sheet.values[1][0]


# MRZBSP's monthly reports of 2018 on MRZSP's line (month: spent this period, year to date), and MRZSP's from July:
# MRZSP's figure of August holds its own months and what MRZBSP spent in its last months, which MRZBSP gave itself.
OLD_MONTHS = {5: (500, 9000), 6: (1000, 10000)}
PART_CASES = {
    "June again": ({7: (4000, 4000), 8: (2000, 7000)}, "2018-06", 1000),
    "May and June again": ({7: (4000, 4000), 8: (2000, 7500)}, "2018-05", 1500),
    "more than its months, not the old ministry's last": ({7: (4000, 4000), 8: (2000, 6700)}, None, 0),
}


def _part_reports(line: str, months: dict[int, tuple[int, int]]) -> tuple[list[Any], list[Any]]:
    from tests.pure_data import budget, report

    def monthly(code: str, given: dict[int, tuple[int, int]]) -> list[Any]:
        return [report(code, f"2018-{m:02d}", budget=[budget(line, 5, None, spent_period=p, spent_year=y)])
                for m, (p, y) in sorted(given.items())]  # fmt: skip

    return monthly("MRZBSP", OLD_MONTHS), monthly("MRZSP", months)


@pytest.mark.parametrize(("months", "since", "repeated"), PART_CASES.values(), ids=PART_CASES)
def test_a_successors_figure_that_repeats_the_old_ministrys_last_months_is_warned_of_and_counted_once(
    tmp_path: Path, months: dict[int, tuple[int, int]], since: str | None, repeated: int
) -> None:
    """MRZSP's August figure on its line also gave what MRZBSP spent in June (or May and June), which MRZBSP's own
    June report gives: before, no warning, and the Budget sheet added both figures whole (17.000 for 16.000 spent).
    Now the rule warns of it at MRZSP's cell, and the sum counts each month once, as the split's rule has it (MRZBSP
    its months to June, MRZSP its own from July): MRZBSP's June year to date and MRZSP's months, worked out here from
    the figures given. A figure over its months by anything else is MRZSP's own (it cannot be told)."""
    from apmon.schemas.messages import message
    from apmon.schemas.rules import check_history

    plan, line = _split_plan_loaded(tmp_path), _mrzsp_line_of_2018()
    old, new = _part_reports(line, months)
    [found] = [i for i in check_history(new[-1], [*old, *new[:-1]], plan) if i.code.startswith(("spent", "budget-line"))
               ] or [None]  # fmt: skip
    if since is None:
        assert found is None
    else:
        assert found is not None and (found.code, found.cell, found.params["advice"]) == (
            "spent-year-repeats-predecessor",
            "G5",
            "part",
        )
        assert (found.params["since"], found.params["repeated"]) == (since, f"{repeated:,},00".replace(",", ".", 1))
        for lang, words in (("sr-Latn", "od juna 2018." if since.endswith("06") else "od maja 2018."),
                            ("sr-Cyrl", "од јуна 2018." if since.endswith("06") else "од маја 2018."),
                            ("en", "from June 2018" if since.endswith("06") else "from May 2018")):  # fmt: skip
            said = message(found, lang)
            assert words in said and "MRZBSP" in said and "MRZSP" in said and "{" not in said, said
    rows, table = _budget_rows(tmp_path, [*old, *new])
    [row] = [r for r in rows if (r["code"], r["year"], r["source"], r["currency"]) == ("MRZSP", "2018", "state budget",
                                                                                       "RSD")]  # fmt: skip
    old_year, new_own = OLD_MONTHS[max(OLD_MONTHS)][1], sum(p for p, _ in months.values())
    new_year = months[max(months)][1]
    assert row["spent"] == old_year + (new_own if since else new_year)
    highlighted = {h.column for h in table.highlights if h.row == rows.index(row)}
    if since:
        assert f"MRZSP July 2018 – August 2018 {new_own:,}.00 RSD" in row["shared"]
        assert f"{repeated:,}.00 RSD" in row["shared"] and "spent-year-repeats-predecessor" in row["shared"]
        assert {"spent", "shared"} <= highlighted
    else:
        assert f"MRZSP July 2018 – August 2018 {new_year:,}.00 RSD" in row["shared"] and "shared" not in highlighted


@pytest.mark.parametrize("lang", ["sr-Latn", "sr-Cyrl", "en"])
def test_a_sync_run_says_a_successors_figure_repeats_the_old_ministrys_months(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], lang: str
) -> None:
    """Real files in a reports folder, read by a run: MRZBSP's May and June reports, MRZSP's July and August, whose
    August figure on its line also holds MRZBSP's June. The run's output said only "valid (1 warning)" of MRZSP's
    file; it now says the warning, with the file and cell, in the run's language."""
    from apmon.cli.sync import show_run
    from apmon.schemas.calendar import WorkingCalendar
    from apmon.sync.config import SyncSettings
    from apmon.sync.ledger import Ledger, sqlite_url
    from apmon.sync.run import run_sync
    from apmon.sync.sources import FolderSource
    from apmon.templates.plan_file import load_plan, load_registry
    from tests.reports import cell_of, complete_monthly, filled_report

    registry = load_registry(_written(tmp_path, "institutions.yaml", split_registry()))
    plan = load_plan(_written(tmp_path, "plan.yaml", split_plan()), registry)
    line, folder = _mrzsp_line_of_2018(), tmp_path / "reports"
    folder.mkdir()
    given = {("MRZBSP", f"2018-{m:02d}"): figures for m, figures in OLD_MONTHS.items()}
    given |= {("MRZSP", f"2018-{m:02d}"): figures for m, figures in PART_CASES["June again"][0].items()}
    for (code, period), (this_period, to_date) in given.items():
        _, layout = filled_report(plan, registry, tmp_path, code, period, {}, name="blank.xlsx")
        edits = {key: value for key, value in complete_monthly(layout).items() if key[0] != "budget"}
        edits |= {("budget", line, "spent_period"): this_period, ("budget", line, "spent_year"): to_date}
        filled_report(plan, registry, folder, code, period, edits, name=f"{code}-{period}.xlsx")
    sheet_name, cell = cell_of(layout, "budget", line, "spent_year")  # MRZSP's August template: the last made
    settings = SyncSettings(data_dir=tmp_path, folder=folder, first_period="2018-05", last_period="2018-08",
                            as_of=dt.date(2018, 9, 20), master_lang=lang)  # fmt: skip
    ledger = Ledger.open(sqlite_url(tmp_path / "ledger.sqlite"))
    try:
        summary = run_sync(plan=plan, registry=registry, ledger=ledger, sources=[FolderSource(folder)],
                           settings=settings, calendar=WorkingCalendar(), as_of=settings.as_of)  # fmt: skip
    finally:
        ledger.close()
    capsys.readouterr()
    show_run(summary, lang)
    out = " ".join(capsys.readouterr().out.split())
    [repeat] = summary.counted_once
    said = repeat.message
    assert said.startswith(f"MRZSP-2018-08.xlsx, {sheet_name} {cell}: ") and said in out
    june = {"sr-Latn": "od juna 2018.", "sr-Cyrl": "од јуна 2018.", "en": "from June 2018"}[lang]
    assert june in said and line in said and "{" not in said
    # the facts, for a program (--json): from the figures typed in the files above. What MRZSP's August figure is
    # over its own months' sum, and the months of MRZBSP's whose "spent this period", counted back from its last,
    # add up to it.
    last_new = max(m for code, m in ((c, int(p[5:])) for c, p in given) if code == "MRZSP")
    new = {int(p[5:]): f for (c, p), f in given.items() if c == "MRZSP"}
    over = new[last_new][1] - sum(this for this, _ in new.values())
    old = {int(p[5:]): f[0] for (c, p), f in given.items() if c == "MRZBSP"}
    runs = [sorted(old)[-n:] for n in range(1, len(old) + 1)]  # June; May and June
    months = next(run for run in runs if sum(old[m] for m in run) == over)
    facts = json.loads(summary.model_dump_json())["counted_once"][0]
    assert {k: v for k, v in facts.items() if k != "message"} == {
        "file": "MRZSP-2018-08.xlsx", "institution": "MRZSP", "period": f"2018-{last_new:02d}", "sheet": sheet_name,
        "cell": cell, "line": line, "successor": "MRZSP", "predecessor": "MRZBSP",
        "months": [f"2018-{m:02d}" for m in months], "amount": f"{over:.2f}",
    }  # fmt: skip


def _repeat_in(old: dict[int, tuple[int, int]], new: dict[int, tuple[int, int]]) -> tuple[list[int], int]:
    """From the figures typed (month: (spent this period, year to date)): the old ministry's last months that the
    successor's newest figure also holds (what it is over its months' sum, as their "spent this period" add up
    counted back from the old ministry's last) and that amount; ([], 0) when no such run of months adds up to it."""
    over = new[max(new)][1] - sum(this for this, _ in new.values())
    for n in range(1, len(old) + 1):
        months = sorted(old)[-n:]  # less than its whole year to date: that is its whole figure again
        if 0 < sum(old[m][0] for m in months) == over < old[max(old)][1]:
            return months, over
    return [], 0


# MRZBSP's months as first sent, then corrected, and MRZSP's (month: (spent this period, year to date)); MRZSP's
# August is 1.000 over its months, or gives MRZBSP's June figure again
REPEATS_JUNE, EQUAL = {7: (4000, 4000), 8: (2000, 7000)}, {7: (4000, 4000), 8: (2000, 10000)}
CORRECTIONS = {
    "June corrected, no longer repeated": (OLD_MONTHS, {6: (800, 9800)}, REPEATS_JUNE),
    "May and June corrected, repeated from May": (OLD_MONTHS, {5: (500, 9000), 6: (500, 9500)}, REPEATS_JUNE),
    # at first no run of MRZBSP's months adds up to what MRZSP's August is over its months (1.000)
    "June corrected to what MRZSP repeats, repeated now": (
        {5: (500, 9000), 6: (700, 9700)},
        {6: (1000, 10000)},
        REPEATS_JUNE,
    ),
    "June corrected, no longer equal": (OLD_MONTHS, {6: (800, 9800)}, EQUAL),
}


class _SplitOffice:
    """The split's registry and plan written into `tmp_path`, its reports folder, a SQLite ledger and a master in
    English as of 20 September 2018 (what was sent by then): MRZBSP's and MRZSP's reports of MRZSP's 2018 line sent,
    runs made."""

    def __init__(self, tmp_path: Path) -> None:
        from apmon.sync.config import SyncSettings
        from apmon.sync.ledger import Ledger, sqlite_url
        from apmon.templates.plan_file import load_plan, load_registry

        self.tmp_path = tmp_path
        self.registry = load_registry(_written(tmp_path, "institutions.yaml", split_registry()))
        self.plan = load_plan(_written(tmp_path, "plan.yaml", split_plan()), self.registry)
        self.line, self.folder = _mrzsp_line_of_2018(), tmp_path / "reports"
        self.folder.mkdir()
        self.settings = SyncSettings(data_dir=tmp_path, folder=self.folder, first_period="2018-05",
                                     last_period="2018-08", as_of=dt.date(2018, 9, 20), master_lang="en")  # fmt: skip
        self.ledger = Ledger.open(sqlite_url(tmp_path / "ledger.sqlite"))

    def send(self, code: str, months: dict[int, tuple[int, int]], day: int, prefix: str = "",
             invalid: tuple[int, ...] = ()) -> None:  # fmt: skip
        """`code`'s reports of `months` (month: its spending on the line this period and this year), complete but for
        the budget, saved on `day` of September 2018 as `<prefix><code>-<period>.xlsx`; those of `invalid` months
        without their first task's status (a report with errors)."""
        from tests.reports import complete_monthly, filled_report

        for m, (this_period, to_date) in months.items():
            period = f"2018-{m:02d}"
            _, layout = filled_report(self.plan, self.registry, self.tmp_path, code, period, {}, name="blank.xlsx")
            edits = {key: value for key, value in complete_monthly(layout).items() if key[0] != "budget"}
            edits |= {("budget", self.line, "spent_period"): this_period, ("budget", self.line, "spent_year"): to_date}
            if m in invalid:
                edits.pop(next(k for k in edits if k[0] == "tasks" and k[2] == "status"))
            name = f"{prefix}{code}-{period}.xlsx"
            made = filled_report(self.plan, self.registry, self.folder, code, period, edits, name=name)[0]
            saved = dt.datetime(2018, 9, day, 10, tzinfo=dt.UTC).timestamp()
            os.utime(made, (saved, saved))

    def run(self, **clock: Any) -> Any:
        """A run of the reports folder (`clock`: run_sync's `now`, for a run on a day of 2018)."""
        from apmon.schemas.calendar import WorkingCalendar
        from apmon.sync.run import run_sync
        from apmon.sync.sources import FolderSource

        return run_sync(plan=self.plan, registry=self.registry, ledger=self.ledger, sources=[FolderSource(self.folder)],
                        settings=self.settings, calendar=WorkingCalendar(), as_of=self.settings.as_of,
                        **clock)  # fmt: skip


@pytest.mark.parametrize("together", [False, True], ids=["august-in-the-first-run", "august-with-the-correction"])
@pytest.mark.parametrize(("old", "corrected", "first"), CORRECTIONS.values(), ids=[k.replace(" ", "-")
                                                                                   for k in CORRECTIONS])  # fmt: skip
def test_an_old_ministrys_correction_is_followed_by_the_cut_and_its_warning(
    tmp_path: Path,
    old: dict[int, tuple[int, int]],
    corrected: dict[int, tuple[int, int]],
    first: dict[int, tuple[int, int]],
    together: bool,
) -> None:
    """A run reads MRZBSP's May and June and MRZSP's July and August; a second run reads MRZBSP's June (and May) sent
    again, corrected. The check of a repeat was made only when a file was read: MRZSP's August kept the warning (on
    the master's Issues sheet) that its figure repeated MRZBSP's June after the correction made it untrue, while the
    Budget sheet no longer cut; or kept the old months and amount beside the new version's own warning. Now the
    Issues sheet holds a repeat's warning only where the newest versions bear it out, as the Budget sheet's cut:
    each worked out here from the figures typed in the files. So also a figure equal to MRZBSP's June one, which
    the correction made differ. `together`: MRZSP's August comes in the second run,
    read before MRZBSP's correction (its file's name sorts first): the run listed in counted_once the repeat it
    found against MRZBSP's June as it was; it lists only what the newest versions bear out."""
    office = _SplitOffice(tmp_path)
    send, run = office.send, office.run
    try:
        send("MRZBSP", old, 3)
        send("MRZSP", {7: first[7]} if together else first, 10)
        before = run()
        if together:
            send("MRZSP", {8: first[8]}, 16, prefix="A-")  # read before MRZBSP's files
        send("MRZBSP", corrected, 17)
        after = run()
    finally:
        office.ledger.close()
    at_first = [f"2018-{m:02d}" for m in _repeat_in(old, first)[0]] if not together else []
    assert [r.months for r in before.counted_once] == ([at_first] if at_first else [])
    newest = old | corrected
    months, amount = _repeat_in(newest, first)
    # the run that read the correction says the repeat it now holds (at MRZBSP's new version), and nothing else
    assert [(r.institution, r.months, r.amount) for r in after.counted_once] == (
        [("MRZBSP", [f"2018-{m:02d}" for m in months], amount)] if months else []
    )
    master = Path(after.master or "")
    [row] = [r for r in sheet(master, "Budget") if (r["Institution"], r["Year"], r["Source"], r["Currency"]) == (
        "MRZSP", "2018", "state budget", "RSD")]  # fmt: skip
    assert Decimal(str(row["Spent"])) == newest[max(newest)][1] + first[max(first)][1] - amount
    rows = list(openpyxl.load_workbook(master, read_only=True)["Issues"].iter_rows(values_only=True))
    header = next(r for r in rows if "Code" in r)
    issues = [dict(zip(header, r, strict=False)) for r in rows[rows.index(header) + 1 :]]
    repeats = [(r["Institution"], r["Period"]) for r in issues if r["Code"] == "spent-year-repeats-predecessor"]
    # where the newest versions bear a repeat out: at MRZBSP's corrected version, which came after MRZSP's
    assert repeats == ([("MRZBSP", f"2018-{max(corrected):02d}")] if months else [])


def test_a_counted_repeat_warning_says_the_old_ministrys_newest_figure(tmp_path: Path) -> None:
    """MRZSP's August (valid, counted) holds MRZBSP's figure and its own months (16.000 = 10.000 + 6.000 and more);
    MRZBSP's June is then corrected (9.800), and the figure still holds it. The warning at MRZSP's August stood, as
    it should, but said MRZBSP's figure as it was when the file was read (10.000,00) beside MRZBSP's corrected row
    saying 9.800,00: the Issues sheet said two figures of the old ministry for one line. It says the newest one,
    worked out here from the figures typed."""
    office = _SplitOffice(tmp_path)
    old, corrected, new = OLD_MONTHS, {6: (800, 9800)}, {7: (4000, 4000), 8: (2000, 16000)}
    try:
        office.send("MRZBSP", old, 3)
        office.send("MRZSP", new, 10)
        office.run()
        office.send("MRZBSP", corrected, 17)
        after = office.run()
    finally:
        office.ledger.close()
    newest = old | corrected
    predecessor, own = newest[max(newest)][1], sum(this for this, _ in new.values())
    assert new[max(new)][1] >= predecessor + own  # it holds MRZBSP's newest figure and its own months
    rows = list(openpyxl.load_workbook(Path(after.master or ""), read_only=True)["Issues"].iter_rows(values_only=True))
    header = next(r for r in rows if "Code" in r)
    issues = [dict(zip(header, r, strict=False)) for r in rows[rows.index(header) + 1 :]]
    said = {(r["Institution"], r["Period"]): " ".join(str(r["Message"]).split()) for r in issues
            if r["Code"] == "spent-year-repeats-predecessor"}  # fmt: skip
    assert set(said) >= {("MRZSP", f"2018-{max(new):02d}")}, said
    for message in said.values():
        assert f"holds MRZBSP's ({predecessor:,}.00)" in message, message


def test_a_repeat_warning_on_a_version_the_master_does_not_count_stays_on_the_issues_sheet(tmp_path: Path) -> None:
    """MRZSP's August report has an error (a task without status): the master counts its July, whose figure repeats
    nothing. The August file's figure repeats MRZBSP's June (what it is over its months' sum, worked out here from the
    figures typed), and its warning, true of the file the officer has to correct, was left off the Issues sheet: the
    check against the newest versions (which a version not counted is not among) took it for one a correction made
    untrue. Only a figure the master counts is checked again; another version's warnings stay as its file got them."""
    office = _SplitOffice(tmp_path)
    new = {7: (4000, 4000), 8: (2000, 7000)}
    office.send("MRZBSP", OLD_MONTHS, 10)
    office.send("MRZSP", new, 10, invalid=(8,))
    over = new[8][1] - sum(this for this, _ in new.values())
    assert over == OLD_MONTHS[6][0]  # June's spending, again in August's figure
    try:
        summary = office.run()
    finally:
        office.ledger.close()
    assert [(v.file, v.valid) for v in summary.versions if v.file.startswith("MRZSP")] == [
        ("MRZSP-2018-07.xlsx", True), ("MRZSP-2018-08.xlsx", False)]  # fmt: skip
    rows = list(openpyxl.load_workbook(summary.master or "", read_only=True)["Issues"].iter_rows(values_only=True))
    header = next(r for r in rows if "Code" in r)
    issues = [dict(zip(header, r, strict=False)) for r in rows[rows.index(header) + 1 :]]
    codes = {(r["Institution"], r["Period"], r["Code"]) for r in issues}
    assert ("MRZSP", "2018-08", "missing-status") in codes
    assert [(r["Institution"], r["Period"]) for r in issues if r["Code"] == "spent-year-repeats-predecessor"] == [
        ("MRZSP", "2018-08")
    ]


def test_a_run_lists_the_repeat_of_a_version_with_errors_as_its_file_got_it(tmp_path: Path) -> None:
    """MRZSP's August, valid, repeats MRZBSP's June; sent again with an error (a task without status), its figure
    now repeats May and June. The run that read it checked its warning against the repeat the master cuts (of the
    valid August it still counts) and, finding it differ, left it out of counted_once: a version the master does not
    count keeps what its file got, in the run's list as on the Issues sheet. Months and amount from the figures."""
    office = _SplitOffice(tmp_path)
    send, run = office.send, office.run

    first, again = {7: (4000, 4000), 8: (2000, 7000)}, {7: (4000, 4000), 8: (2000, 7500)}
    try:
        send("MRZBSP", OLD_MONTHS, 3)
        send("MRZSP", first, 10)
        before = run()
        send("MRZSP", {8: again[8]}, 12, invalid=(8,))
        after = run()
    finally:
        office.ledger.close()
    months, amount = _repeat_in(OLD_MONTHS, first)
    assert [(r.months, r.amount) for r in before.counted_once] == [([f"2018-{m:02d}" for m in months], amount)]
    assert [(v.file, v.valid) for v in after.versions] == [("MRZSP-2018-08.xlsx", False)]
    months, amount = _repeat_in(OLD_MONTHS, again)
    assert months == [5, 6]  # May and June now, not June alone
    assert [(r.institution, r.period, r.months, r.amount) for r in after.counted_once] == [
        ("MRZSP", "2018-08", [f"2018-{m:02d}" for m in months], amount)
    ]


def test_a_successors_figure_cut_to_its_months_on_a_line_a_third_institution_gave_too_says_the_cut(
    tmp_path: Path,
) -> None:
    """MUP reported on the split line too, so it is a line more than one institution reported spending on: MRZSP's
    August figure 7.000 was cut to its months (6.000, its June repeat of MRZBSP counted once) and the row and the
    note named MRZSP with 6.000, a figure it never gave, without a word of the cut. Now they say what was taken out,
    as on a line only the split's pair gave. Figures worked out here from the reports given."""
    from tests.pure_data import budget, report

    line, months = _mrzsp_line_of_2018(), PART_CASES["June again"][0]
    old, new = _part_reports(line, months)
    mup = report("MUP", "2018-06", budget=[budget(line, 5, None, spent_period=1000, spent_year=3000)])
    rows, table = _budget_rows(tmp_path, [*old, *new, mup])
    [row] = [r for r in rows if (r["code"], r["year"], r["source"], r["currency"]) == ("MRZSP", "2018", "state budget",
                                                                                       "RSD")]  # fmt: skip
    old_year, new_own, new_given = OLD_MONTHS[6][1], sum(p for p, _ in months.values()), months[8][1]
    assert row["spent"] == old_year + new_own + 3000
    june = OLD_MONTHS[6][0]
    for said in (row["shared"], next(n for n in table.notes if f"On line {line}" in n)):
        assert f"MRZSP {new_own:,}.00 RSD" in said and f"MUP {3000:,}.00 RSD" in said, said
        assert f"({new_given:,}.00 RSD) also held what MRZBSP spent from June 2018 ({june:,}.00 RSD)" in said, said
    assert {"spent", "shared"} <= {h.column for h in table.highlights if h.row == rows.index(row)}


@pytest.mark.parametrize(("months", "counted_once"), [
    (PART_CASES["June again"][0], True),  # cut to its months on the master: counted once
    (SUCCESSOR_CASES["the old ministry's and its months"][0], False),  # "contains": shown as maybe counted twice
    (SUCCESSOR_CASES["the old ministry's figure again"][0], False),  # "equal": the same
])  # fmt: skip
def test_a_runs_counted_once_lists_only_the_repeats_the_master_counts_once(
    tmp_path: Path, months: dict[int, tuple[int, int]], counted_once: bool
) -> None:
    """`apmon sync run --json`'s counted_once listed every spent-year-repeats-predecessor, also a successor's figure
    equal to or containing the old ministry's, which the master does not cut: it adds both and says what may be
    counted twice (test_the_budget_sheet_adds_the_old_ministrys_months_and_its_successors). A script reading the key
    took those as settled. Now it lists only the repeats the master counts once (advice "part")."""
    from apmon.schemas.rules import check_history
    from apmon.sync.run import repeats_said
    from apmon.templates.validation import Validation, view

    plan, line = _split_plan_loaded(tmp_path), _mrzsp_line_of_2018()
    old, new = _part_reports(line, months)
    issues = [i for i in check_history(new[-1], [*old, *new[:-1]], plan) if i.code == "spent-year-repeats-predecessor"]
    assert issues  # the file is warned of in each case
    result = Validation(file="MRZSP.xlsx", readable=True, valid=True, institution="MRZSP", period=new[-1].period,
                        kind="monthly", issues=view(issues, "en"), report=new[-1])  # fmt: skip
    assert bool(repeats_said("MRZSP.xlsx", result, "en")) == counted_once


def test_the_three_reports_count_a_successors_partial_repeat_once_as_the_master_does(tmp_path: Path) -> None:
    """The merge tested the cut on the master's Budget sheet only. The brief of August 2018, the Council report of
    July-August and the annual evaluation of 2018 count MRZSP's RSD state-budget row of 2018 as MRZBSP's June year to
    date and MRZSP's own months (worked out here from the reports given), each saying what was cut."""
    from apmon.schemas.calendar import DeadlinePolicy, Period
    from apmon.sync.consolidate import Submission
    from apmon.sync.report_content import Basis, annual_evaluation_of, council_report, minister_brief
    from apmon.templates.plan_file import load_registry

    plan, months = _split_plan_loaded(tmp_path), PART_CASES["June again"][0]
    old, new = _part_reports(_mrzsp_line_of_2018(), months)
    at = dt.datetime(2019, 1, 31, tzinfo=dt.UTC)
    accepted = [Submission(file=r.source, received_at=at, readable=True, valid=True, institution=r.institution,
                           period=r.period, kind=r.kind, on_time=True, days_late=0, report=r)
                for r in [*old, *new]]  # fmt: skip
    registry = load_registry(tmp_path / "institutions.yaml")  # as _split_plan_loaded wrote it
    basis, policy = Basis(run_id=1, run_finished_at=at, cut_off=at), DeadlinePolicy()
    expected = Decimal(OLD_MONTHS[6][1] + sum(p for p, _ in months.values()))
    brief = minister_brief(plan, registry, accepted, accepted, Period(year=2018, month=8), basis, policy)
    council = council_report(plan, registry, accepted, accepted, Period(year=2018, month=7),
                             Period(year=2018, month=8), basis, policy)  # fmt: skip
    annual = annual_evaluation_of(plan, registry, accepted, 2018, basis)
    assert [r.spent for r in brief.budget if (r.institution, r.currency) == ("MRZSP", "RSD")] == [expected]
    assert [r.spent for b in council.budgets for r in b.rows if (r.institution, r.currency) == ("MRZSP", "RSD")] == [
        expected
    ]
    assert [r.spent for r in annual.budget if (r.institution, r.currency, r.source) == ("MRZSP", "RSD", "state-budget")
            ] == [expected]  # fmt: skip
    for split in ([s for b in council.budgets for s in b.split], annual.split):
        assert [(p.since, p.amount, p.given) for s in split for p in s.repeated] == [
            ("2018-06", OLD_MONTHS[6][0], months[8][1])
        ]


class _Inbox:
    """A real SMTP server's handler on loopback (aiosmtpd): every message it takes, parsed."""

    def __init__(self) -> None:
        self.messages: list[Any] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        from email import message_from_bytes, policy

        self.messages.append(message_from_bytes(envelope.content, policy=policy.default))
        return "250 OK"


class _SplitMail:
    """The mail of a split's office: a real SMTP server on loopback (aiosmtpd), its `inbox`, and `apmon remind` sent
    through it on 20 September 2018 to one institution's officer, in English."""

    def __init__(self, inbox: _Inbox, port: int) -> None:
        self.inbox, self.port = inbox, port

    def remind(self, office: _SplitOffice, code: str) -> Any:
        from apmon.sync.config import Config, MailSettings
        from apmon.sync.contacts import Contact
        from apmon.sync.remind import remind

        mail = MailSettings.model_validate({"host": "127.0.0.1", "port": self.port, "security": "none",
                                            "from": "nk@example.org", "feedback_days": 14})  # fmt: skip
        contact = Contact(to=[f"{code.lower()}@example.org"], lang="en")
        config = Config(sync=office.settings, mail=mail, contacts={code: contact})
        at = dt.datetime(2018, 9, 20, 10, tzinfo=dt.UTC)
        return remind(config, office.plan, office.registry, office.ledger, today=at.date(), now=lambda: at)


@pytest.fixture
def split_mail() -> Iterator[_SplitMail]:
    from aiosmtpd.controller import Controller

    from tests.test_remind import _free_port

    inbox, port = _Inbox(), _free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield _SplitMail(inbox, port)
    finally:
        controller.stop()


@pytest.mark.parametrize(
    "fix", [{}, {6: (800, 9800)}, {5: (500, 9000), 6: (500, 9500)}], ids=["as-sent", "no-repeat", "from-may"]
)
def test_the_mail_of_a_version_with_errors_lists_a_repeat_only_while_the_newest_versions_bear_it_out(
    tmp_path: Path, split_mail: _SplitMail, fix: dict[int, tuple[int, int]]
) -> None:
    """MRZSP's August has an error (a task without status) and its figure repeats MRZBSP's June; a second run reads
    MRZBSP's June corrected (800 spent in June, not 1.000). The mail that tells MRZSP what to correct, sent after it
    through a real SMTP server on loopback, listed the repeat as its file got it, which the correction made untrue:
    the officer was told to take out June's 1.000 that MRZBSP no longer gives. It lists it only while MRZBSP's
    newest months bear it out (worked out here from the figures typed), as the master's Issues sheet does; and as
    it is now: corrected to 500 in May and 500 in June, MRZSP's figure repeats May and June, which the mail says."""
    office = _SplitOffice(tmp_path)
    new = REPEATS_JUNE
    try:
        office.send("MRZBSP", OLD_MONTHS, 3)
        office.send("MRZSP", new, 10, invalid=(8,))
        office.run(now=lambda: dt.datetime(2018, 9, 11, 10, tzinfo=dt.UTC))
        if fix:
            office.send("MRZBSP", fix, 17)
        summary = office.run(now=lambda: dt.datetime(2018, 9, 18, 10, tzinfo=dt.UTC))
        sent = split_mail.remind(office, "MRZSP")
    finally:
        office.ledger.close()
    assert [(m.institution, m.period, m.kind, m.outcome) for m in sent.mails if m.kind == "problems"] == [
        ("MRZSP", "2018-08", "problems", "sent")
    ], sent.model_dump_json()[:3000]
    [message] = [
        m for m in split_mail.inbox.messages if "2018" in str(m["Subject"]) and "Corrections" in str(m["Subject"])
    ]
    body = message.get_content()
    newest = OLD_MONTHS | fix
    months, amount = _repeat_in(newest, new)
    assert months == {0: [6], 1: [], 2: [5, 6]}[len(fix)]  # what MRZSP's August is over its months, in MRZBSP's
    assert "Task" in body  # the error is listed either way
    assert ("MRZBSP" in body) == bool(months), body  # the repeat's warning names the old ministry
    said = ""
    if months:
        since = dt.date(2018, months[0], 1).strftime("%B")
        said = f"from {since} 2018 ({amount:,}.00)"
        assert said in " ".join(body.split()), body
    master = office.settings.master_path()  # written by the second run, or the first when nothing changed since
    assert summary.master in (None, str(master))
    rows = list(openpyxl.load_workbook(master, read_only=True)["Issues"].iter_rows(values_only=True))
    header = next(r for r in rows if "Code" in r)
    issues = [dict(zip(header, r, strict=False)) for r in rows[rows.index(header) + 1 :]]
    repeat = ("MRZSP", "2018-08", "spent-year-repeats-predecessor")
    on_sheet = [r for r in issues if (r["Institution"], r["Period"], r["Code"]) == repeat]
    assert bool(on_sheet) == bool(months)  # the master says what the mail says: the same months and amount
    assert all(said in " ".join(str(r["Message"]).split()) for r in on_sheet), on_sheet


def _plan_refused(tmp_path: Path, plan: dict[str, Any], registry: dict[str, Any]) -> DataFileError:
    """`registry` and `plan` written into `tmp_path` and loaded as apmon loads them: the plan's refusal (a
    DataFileError; the test fails if the plan loads)."""
    from apmon.templates.plan_file import DataFileError, load_plan, load_registry

    loaded = load_registry(_written(tmp_path, "institutions.yaml", registry))
    with pytest.raises(DataFileError) as refused:
        load_plan(_written(tmp_path, "plan.yaml", plan), loaded)
    return refused.value


def _merger_files(succeeds: str | None) -> tuple[dict[str, Any], dict[str, Any]]:
    """MZ and MRZBSP merged into MZSP from July 2018, written as a split is: both ended with June, MZSP added from
    July (succeeding one of them, `succeeds` naming one body only, or none), and their tasks and lines moved to it in
    the plan file."""
    plan = yaml.safe_load((DATA / "plan-2017-2018.yaml").read_text(encoding="utf-8"))
    for task in (t for o in plan["objectives"] for a in o["activities"] for t in a["tasks"]):
        for role in ("lead", "partners"):
            task[role] = list(dict.fromkeys("MZSP" if c in ("MZ", "MRZBSP") else c for c in task.get(role, [])))
        for line in task.get("budget", []):
            line["payer"] = "MZSP" if line.get("payer") in ("MZ", "MRZBSP") else line.get("payer")
    registry = yaml.safe_load((DATA / "institutions.yaml").read_text(encoding="utf-8"))
    for inst in registry["institutions"]:
        if inst["code"] in ("MZ", "MRZBSP"):
            inst["reports_until"] = "2018-06"
    name = {"sr-Latn": "Ministarstvo zdravlja i socijalne politike", "sr-Cyrl": "Министарство здравља и социјалне "
            "политике", "en": "Ministry of Health and Social Policy"}  # fmt: skip
    merged = {"code": "MZSP", "kind": "ministry", "name": name, "working_group_member": True, "reports_from": "2018-07"}
    registry["institutions"].append(merged | ({"succeeds": succeeds} if succeeds else {}))
    return plan, registry


@pytest.mark.parametrize("succeeds", ["MRZBSP", "MZ", None])
def test_a_merger_written_as_a_split_is_refused_where_the_old_bodys_figure_is(
    tmp_path: Path, succeeds: str | None
) -> None:
    """Two bodies merged into one, written as a split with `succeeds` naming one of them (or none), loaded: the other
    body's section 11 figures were counted twice. On the demo (MZSP succeeding MRZBSP), 2017's planned total on the
    Budget sheet was 2.734.260 RSD, not the plan's 2.522.780: MZ's 211.480 both in its own row (its section 11
    figure, no line left to set it against) and in MRZBSP's (its lines, now MZSP's, MRZBSP's before July 2018);
    MZ's spending went to MRZBSP's row, its annual report not asked for. The plan is now refused at the old body's
    section 11 figure, with what to do; the figures of the plan file are read here, not by apmon."""
    plan, registry = _merger_files(succeeds)
    refused = _plan_refused(tmp_path, plan, registry)
    totals = plan["financial_effects"]["action_plan"]["totals"]
    left = sorted({"MZ", "MRZBSP"} - {succeeds or ""})  # the bodies no one succeeds, whose tasks were moved
    first = sorted(next(n for n, t in enumerate(totals) if t["institution"] == code and Decimal(str(t["amount"])) > 0)
                   for code in left)  # fmt: skip
    assert [(e.key, e.path) for e in refused.errors] == [
        ("datafile.moved_without_successor", f"financial_effects.action_plan.totals[{i}].institution") for i in first
    ]
    text = (tmp_path / "plan.yaml").read_text(encoding="utf-8").splitlines()
    for error in refused.errors:
        assert error.line is not None and error.fields["code"] in text[error.line - 1]
        for lang in ("sr-Latn", "sr-Cyrl", "en"):
            said = error.said(lang)
            assert error.fields["code"] in said and "MZSP" not in said and "{" not in said, said
    assert "apmon institution rename" in refused.errors[0].said("en")


def test_a_split_and_an_ended_body_still_named_in_the_plan_load_as_before(tmp_path: Path) -> None:
    """The refusal of a merger leaves alone an ended body the plan still names (its tasks not moved) and a split's
    old ministry (succeeded)."""
    from apmon.templates.plan_file import load_plan, load_registry

    _, registry = _merger_files("MRZBSP")
    shipped = yaml.safe_load((DATA / "plan-2017-2018.yaml").read_text(encoding="utf-8"))
    loaded = load_registry(_written(tmp_path, "institutions.yaml", registry))
    assert load_plan(_written(tmp_path, "plan-shipped.yaml", shipped), loaded) is not None  # MZ still named
    assert _split_plan_loaded(tmp_path) is not None


def test_bodies_ended_with_no_section_11_money_load_with_their_tasks_moved(tmp_path: Path) -> None:
    """The refusal of a merger is of section 11 money only: an ended body that section 11 names with 0,00 each year
    (RJT, its lines' money given to none), and one it does not name (MPNTR, a partner), load with their tasks and
    lines moved to a body that does not succeed them: no figure of theirs can count twice."""
    from apmon.templates.plan_file import load_plan, load_registry

    plan = yaml.safe_load((DATA / "plan-2017-2018.yaml").read_text(encoding="utf-8"))
    for task in (t for o in plan["objectives"] for a in o["activities"] for t in a["tasks"]):
        for role in ("lead", "partners"):
            task[role] = list(dict.fromkeys("MUP" if c in ("RJT", "MPNTR") else c for c in task.get(role, [])))
        for line in task.get("budget", []):
            line["payer"] = "MUP" if line.get("payer") in ("RJT", "MPNTR") else line.get("payer")
    totals = plan["financial_effects"]["action_plan"]["totals"]
    assert {t["institution"] for t in totals} >= {"RJT"} and "MPNTR" not in {t["institution"] for t in totals}
    for total in (t for t in totals if t["institution"] == "RJT"):
        total["amount"] = "0.00"
    registry = yaml.safe_load((DATA / "institutions.yaml").read_text(encoding="utf-8"))
    for inst in registry["institutions"]:
        if inst["code"] in ("RJT", "MPNTR"):
            inst["reports_until"] = "2018-06"
    loaded = load_registry(_written(tmp_path, "institutions.yaml", registry))
    assert load_plan(_written(tmp_path, "plan.yaml", plan), loaded) is not None


def test_a_succeeds_that_is_no_text_is_not_taken_for_a_merger(tmp_path: Path) -> None:
    """`succeeds: {MRZBSP: MZ}` (a mapping typed by mistake) was refused as a merger naming "{'MRZBSP':, 'MZ'}", the
    mapping's text cut at its spaces: it is no list of codes, and is refused as any field that is no text."""
    from apmon.templates.plan_file import DataFileError, load_registry

    data = split_registry()
    next(i for i in data["institutions"] if i["code"] == "MPSP")["succeeds"] = {"MRZBSP": "MZ"}
    with pytest.raises(DataFileError) as refused:
        load_registry(_written(tmp_path, "institutions.yaml", data))
    [error] = refused.value.errors
    assert error.fields["detail"].key == "invalid.string_type", error.said("en")


def _first_task_naming(plan: dict[str, Any], code: str) -> dict[str, Any]:
    shipped = yaml.safe_load((DATA / "plan-2017-2018.yaml").read_text(encoding="utf-8"))
    tasks = [t for o in shipped["objectives"] for a in o["activities"] for t in a["tasks"]]
    first = next(t["id"] for t in tasks if code in t.get("lead", []) + t.get("partners", []))
    return next(t for o in plan["objectives"] for a in o["activities"] for t in a["tasks"] if t["id"] == first)


def test_a_merger_written_as_a_split_is_refused_with_the_old_body_left_a_partner(tmp_path: Path) -> None:
    """MZ and MRZBSP merged into MZSP (succeeding MRZBSP), MZ's tasks and lines moved to it but MZ left a partner on
    one task: the plan named MZ in a task, so the refusal let it load, and MZ's section 11 figure counted twice (its
    own row's, no line of its own left to set against it, and its lines in MRZBSP's). A partner owns no line: the
    plan is refused at MZ's first figure, saying it is named only as a partner; the figures of the plan file are
    read here, not by apmon."""
    plan, registry = _merger_files("MRZBSP")
    task = _first_task_naming(plan, "MZ")
    task["partners"] = [*task.get("partners", []), "MZ"]
    refused = _plan_refused(tmp_path, plan, registry)
    totals = plan["financial_effects"]["action_plan"]["totals"]
    first = next(n for n, t in enumerate(totals) if t["institution"] == "MZ" and Decimal(str(t["amount"])) > 0)
    [error] = refused.errors
    assert (error.key, error.path) == (
        "datafile.partner_without_successor",
        f"financial_effects.action_plan.totals[{first}].institution",
    )
    assert error.fields["tasks"] == task["id"]
    for lang in ("sr-Latn", "sr-Cyrl", "en"):
        said = error.said(lang)
        assert "MZ " in said and task["id"] in said and "{" not in said, said


def test_a_merger_written_as_a_split_is_refused_with_the_old_body_left_the_lead_of_a_task_it_pays_no_line_of(
    tmp_path: Path,
) -> None:
    """MZ and MRZBSP merged into MZSP (succeeding MRZBSP), MZ's lines moved to MZSP but MZ left one of the leads of
    task 2.1.2, whose lines name their payers (MZ's now MZSP): the plan named MZ in a task, so it loaded, and MZ's
    section 11 figure
    counted twice (2017's planned state-budget total 2.734.260 RSD, not the plan's 2.522.780: MZ's 211.480 in its own
    row, no state-budget line of its own left to set it against, and in MRZBSP's, its lines now MZSP's). A lead
    owns no money its task's lines give another payer: the plan is refused at MZ's first figure, naming the task;
    the figures of the plan file are read here, not by apmon."""
    plan, registry = _merger_files("MRZBSP")
    task = _first_task_naming(plan, "MZ")
    task["lead"] = ["MZ" if c == "MZSP" else c for c in task["lead"]]
    for line in task.get("budget", []):
        line["payer"] = line.get("payer") or "MZSP"
    tasks = [t for o in plan["objectives"] for a in o["activities"] for t in a["tasks"]]
    assert [t["id"] for t in tasks if "MZ" in t["lead"]] == [task["id"]]
    assert not any(b.get("payer") == "MZ" for t in tasks for b in t.get("budget", []))
    refused = _plan_refused(tmp_path, plan, registry)
    totals = plan["financial_effects"]["action_plan"]["totals"]
    first = next(n for n, t in enumerate(totals) if t["institution"] == "MZ" and Decimal(str(t["amount"])) > 0)
    [error] = refused.errors
    assert (error.key, error.path) == (
        "datafile.lead_without_lines",
        f"financial_effects.action_plan.totals[{first}].institution",
    )
    text = (tmp_path / "plan.yaml").read_text(encoding="utf-8").splitlines()
    assert error.line is not None and "MZ" in text[error.line - 1]
    assert error.fields["tasks"] == task["id"]
    for lang in ("sr-Latn", "sr-Cyrl", "en"):
        said = error.said(lang)
        assert "MZ " in said and task["id"] in said and "payer" in said and "{" not in said, said


def test_a_merger_written_as_a_split_is_refused_with_the_old_body_paying_only_an_earlier_years_lines(
    tmp_path: Path,
) -> None:
    """MZ and MRZBSP merged into MZSP (succeeding MRZBSP) from July 2018: MZ's 2017 lines left as MZ's (it paid them),
    its 2018 lines moved to MZSP, MZ left the lead of task 2.1.2. MZ pays a state-budget line, so the refusal let it
    load, but none of 2018: its section 11 figure for 2018 became a line of its own beside its lines now MZSP's, the
    same money counted twice (2018's planned state-budget total 3.339.420 RSD, not the plan's 3.127.940: MZ's 211.480
    twice; MZ's 2018 lines in the shipped plan add up to its 2018 figure, worked out here from the plan file).
    Refused at MZ's 2018 figure, naming the task."""
    plan, registry = _merger_files("MRZBSP")
    shipped = yaml.safe_load((DATA / "plan-2017-2018.yaml").read_text(encoding="utf-8"))
    shipped_lines = {
        (t["id"], n): b
        for o in shipped["objectives"] for a in o["activities"] for t in a["tasks"]
        for n, b in enumerate(t.get("budget", []))
    }  # fmt: skip
    task = _first_task_naming(plan, "MZ")
    task["lead"] = ["MZ" if c == "MZSP" else c for c in task["lead"]]
    moved = Decimal(0)
    for t in (t for o in plan["objectives"] for a in o["activities"] for t in a["tasks"]):
        for n, line in enumerate(t.get("budget", [])):
            was = shipped_lines[(t["id"], n)]
            if was.get("payer") == "MZ" and was.get("year") == 2017:
                line["payer"] = "MZ"
            elif was.get("payer") == "MZ" and was.get("source") == "state-budget" and was.get("year") == 2018:
                moved += Decimal(str(was["amount"]))
    totals = plan["financial_effects"]["action_plan"]["totals"]
    [at] = [n for n, t in enumerate(totals) if (t["institution"], t["year"]) == ("MZ", 2018)]
    assert moved == Decimal(str(totals[at]["amount"])) > 0  # the 2018 figure is the money of the lines moved
    refused = _plan_refused(tmp_path, plan, registry)
    [error] = refused.errors
    assert (error.key, error.path) == (
        "datafile.lead_without_lines",
        f"financial_effects.action_plan.totals[{at}].institution",
    )
    assert error.fields["tasks"] == task["id"] and error.fields["year"] == 2018, error.fields


@pytest.mark.parametrize("kept", [None, 2017])
def test_a_merger_written_as_a_split_is_refused_with_the_old_body_left_the_lead_of_a_task_with_no_state_budget_line(
    tmp_path: Path, kept: int | None
) -> None:
    """MZ and MRZBSP merged into MZSP (succeeding MRZBSP), MZ's tasks and lines moved to MZSP but MZ left the lead of
    task 4.3.2, which has no state-budget line (a TAIEX line and one of no cost): the plan named MZ as a lead, so it
    loaded. MZ's section 11 figure then became a line of its own (`11/MZ/2017`, no state-budget line to set it
    against) beside its lines, now MZSP's and MRZBSP's before July 2018: 2017's planned state-budget total came to
    2.734.260 RSD, not the plan's 2.522.780 (MZ's 211.480 twice), and task 4.3.2 was left to a body that reports no
    more. The plan cannot tell such a lead from one that never had a state-budget line: refused at MZ's first figure,
    naming the task, with what to do in each case; the figures of the plan file are read here, not by apmon. MZ that
    still pays its 2017 lines (`kept`) is refused at its 2018 figure, year by year."""
    plan, registry = _merger_files("MRZBSP")
    tasks = [t for o in plan["objectives"] for a in o["activities"] for t in a["tasks"]]
    [task] = [t for t in tasks if t["id"] == "4.3.2"]
    task["lead"] = ["MZ" if c == "MZSP" else c for c in task["lead"]]
    assert not any(b.get("source") == "state-budget" for b in task.get("budget", []))
    assert [t["id"] for t in tasks if "MZ" in t["lead"] + t.get("partners", [])] == ["4.3.2"]
    totals = plan["financial_effects"]["action_plan"]["totals"]
    shipped = [t for o in PLAN["objectives"] for a in o["activities"] for t in a["tasks"]]
    for was, task_now in zip(shipped, tasks, strict=True):
        for b_was, b_now in zip(was.get("budget", []), task_now.get("budget", []), strict=True):
            if kept and (b_was.get("payer"), b_was.get("year")) == ("MZ", kept):
                b_now["payer"] = "MZ"
    mz_2017 = sum(Decimal(str(b["amount"])) for t in shipped for b in t.get("budget", [])
                  if (b.get("payer"), b.get("source"), b.get("year")) == ("MZ", "state-budget", 2017))  # fmt: skip
    assert mz_2017 == Decimal(str(next(t["amount"] for t in totals if (t["institution"], t["year"]) == ("MZ", 2017))))
    refused = _plan_refused(tmp_path, plan, registry)
    first = next(n for n, t in enumerate(totals)
                 if t["institution"] == "MZ" and Decimal(str(t["amount"])) > 0 and t["year"] != kept)  # fmt: skip
    [error] = refused.errors
    assert (error.key, error.path) == (
        "datafile.owns_no_state_lines",
        f"financial_effects.action_plan.totals[{first}].institution",
    )
    text = (tmp_path / "plan.yaml").read_text(encoding="utf-8").splitlines()
    assert error.line is not None and "MZ" in text[error.line - 1]
    assert error.fields["tasks"] == "4.3.2"
    for lang in ("sr-Latn", "sr-Cyrl", "en"):
        said = error.said(lang)
        assert "MZ " in said and "4.3.2" in said and "succeeds" in said and "payer" in said and "{" not in said, said


@pytest.mark.parametrize("left", [["1.1.1"], ["1.1.1", "4.3.2"]])
def test_a_merger_written_as_a_split_is_refused_with_the_old_body_left_the_lead_of_tasks_whose_lines_another_pays(
    tmp_path: Path, left: list[str]
) -> None:
    """MZ and MRZBSP merged into MZSP (succeeding MRZBSP), MZ's tasks and lines moved to MZSP but MZ left the lead of
    task 1.1.1, whose state-budget lines MUP pays (it reported beside MZ), or of it and 4.3.2 (no state-budget line):
    loaded, though 4.3.2 alone was refused. MZ owns no state-budget line to set its section 11 figure against either
    way: it became a line of its own (`11/MZ/2017`) beside its lines, now MZSP's and MRZBSP's before July 2018
    (2017's planned state-budget total 2.734.260 RSD, not the plan's 2.522.780). Refused as 4.3.2 alone is, naming
    the tasks; the figures of the plan file are read here, not by apmon."""
    plan, registry = _merger_files("MRZBSP")
    tasks = [t for o in plan["objectives"] for a in o["activities"] for t in a["tasks"]]
    for task in (t for t in tasks if t["id"] in left):
        task["lead"] = ["MZ"]
    [paid] = [t for t in tasks if t["id"] == "1.1.1"]
    assert {b.get("payer") for b in paid["budget"] if b.get("source") == "state-budget"} == {"MUP"}
    assert not any(b.get("payer") == "MZ" for t in tasks for b in t.get("budget", []))
    shipped = [t for o in PLAN["objectives"] for a in o["activities"] for t in a["tasks"]]
    mz_2017 = sum(Decimal(str(b["amount"])) for t in shipped for b in t.get("budget", [])
                  if (b.get("payer"), b.get("source"), b.get("year")) == ("MZ", "state-budget", 2017))  # fmt: skip
    totals = plan["financial_effects"]["action_plan"]["totals"]
    [first] = [n for n, t in enumerate(totals) if (t["institution"], t["year"]) == ("MZ", 2017)]
    assert mz_2017 == Decimal(str(totals[first]["amount"])) > 0  # its figure is the money of the lines moved
    refused = _plan_refused(tmp_path, plan, registry)
    [error] = refused.errors
    assert (error.key, error.path) == (
        "datafile.owns_no_state_lines",
        f"financial_effects.action_plan.totals[{first}].institution",
    )
    assert error.fields["tasks"] == ", ".join(t["id"] for t in tasks if t["id"] in left)
    for lang in ("sr-Latn", "sr-Cyrl", "en"):
        said = error.said(lang)
        assert "MZ " in said and "1.1.1" in said and "succeeds" in said and "{" not in said, said


@pytest.mark.parametrize("kept", ["taiex", "2017"])
def test_a_merger_written_as_a_split_is_refused_with_the_old_body_left_only_the_payer_of_other_lines(
    tmp_path: Path, kept: str
) -> None:
    """MZ and MRZBSP merged into MZSP (succeeding MRZBSP), MZ's tasks and lines moved to MZSP but MZ left the payer of
    task 4.3.2's TAIEX line, or of its 2017 lines (2018's moved): named in a task as a payer, it loaded, leading
    none. It pays no state-budget line of that year (2017, 2018), so its section 11 figure became a line of its own
    beside its lines, now MZSP's: the same money counted twice. Refused at that figure, naming the tasks it pays
    lines of; the figures of the plan file are read here, not by apmon."""
    plan, registry = _merger_files("MRZBSP")
    tasks = [t for o in plan["objectives"] for a in o["activities"] for t in a["tasks"]]
    shipped = [t for o in PLAN["objectives"] for a in o["activities"] for t in a["tasks"]]
    year = 2017 if kept == "taiex" else 2018
    for was, now in zip(shipped, tasks, strict=True):
        for b_was, b_now in zip(was.get("budget", []), now.get("budget", []), strict=True):
            left = (
                (now["id"], b_now.get("source")) == ("4.3.2", "taiex")
                if kept == "taiex"
                else ((b_was.get("payer"), b_was.get("year")) == ("MZ", 2017))
            )
            if left:
                b_now["payer"] = "MZ"
    assert not any("MZ" in t["lead"] + t.get("partners", []) for t in tasks)
    paid = [t["id"] for t in tasks if any(b.get("payer") == "MZ" for b in t.get("budget", []))]
    assert paid and not any((b.get("payer"), b.get("source"), b.get("year")) == ("MZ", "state-budget", year)
                            for t in tasks for b in t.get("budget", []))  # fmt: skip
    moved = sum(Decimal(str(b["amount"])) for t in shipped for b in t.get("budget", [])
                if (b.get("payer"), b.get("source"), b.get("year")) == ("MZ", "state-budget", year))  # fmt: skip
    totals = plan["financial_effects"]["action_plan"]["totals"]
    [at] = [n for n, t in enumerate(totals) if (t["institution"], t["year"]) == ("MZ", year)]
    assert moved == Decimal(str(totals[at]["amount"])) > 0  # its figure is the money of the lines moved
    refused = _plan_refused(tmp_path, plan, registry)
    [error] = refused.errors
    assert (error.key, error.path) == (
        "datafile.owns_no_state_lines",
        f"financial_effects.action_plan.totals[{at}].institution",
    )
    assert error.fields["tasks"] == ", ".join(paid) and error.fields["year"] == year, error.fields
    for lang in ("sr-Latn", "sr-Cyrl", "en"):
        said = error.said(lang)
        assert "MZ " in said and paid[0] in said and "succeeds" in said and "{" not in said, said
    assert "no one would report on tasks" not in error.said("en")  # MZSP leads them, and reports


@pytest.mark.parametrize("co_lead", [None, "5.1.6"])
def test_a_body_abolished_with_no_successor_beside_a_split_loads_and_counts_its_figure_once(
    tmp_path: Path, co_lead: str | None
) -> None:
    """MRZBSP split into MRZSP and MPSP from July 2018, and MKI abolished with June 2018, no one taking over its tasks
    (2.2.2 and 2.2.3 it alone leads, none with a line; section 11 gives it 1.234.000 a year): an honest plan, refused
    as a merger's leftover (`datafile.owns_no_state_lines`) since the successors pay state-budget lines and report
    only after MKI; MKI left a co-lead of 5.1.6 (`co_lead`), whose state-budget lines MRZBSP paid and MPSP pays now,
    was refused too (`datafile.lead_without_lines`). Two bodies succeeding one are a split: their lines are the old
    ministry's, not MKI's. The plan loads, and each year's planned total and MKI's row are those of the plan file,
    worked out here from its YAML."""
    from apmon.sync.report_content import Basis, annual_evaluation_of
    from apmon.templates.plan_file import load_plan, load_registry

    registry_data, plan_data = split_registry(), split_plan()
    next(i for i in registry_data["institutions"] if i["code"] == "MKI")["reports_until"] = "2018-06"
    tasks = {t["id"]: t for o in plan_data["objectives"] for a in o["activities"] for t in a["tasks"]}
    if co_lead:
        tasks[co_lead]["lead"].append("MKI")
        assert "MPSP" in {b.get("payer") for b in tasks[co_lead]["budget"] if b["source"] == "state-budget"}
    assert not any(b.get("payer") == "MKI" for t in tasks.values() for b in t.get("budget", []))
    registry = load_registry(_written(tmp_path, "institutions.yaml", registry_data))
    plan = load_plan(_written(tmp_path, "plan.yaml", plan_data), registry)
    totals = PLAN["financial_effects"]["action_plan"]["totals"]
    at = dt.datetime(2019, 3, 1, tzinfo=dt.UTC)
    for year in (2017, 2018):
        evaluation = annual_evaluation_of(plan, registry, [], year, Basis(run_id=1, run_finished_at=at, cut_off=at))
        rsd = [b for b in evaluation.budget if b.currency == "RSD" and not b.period]
        assert sum((b.planned for b in rsd), Decimal(0)) == planned_from_yaml(year), year
        mki = next(Decimal(str(t["amount"])) for t in totals if (t["institution"], t["year"]) == ("MKI", year))
        assert sum((b.planned for b in rsd if b.institution == "MKI"), Decimal(0)) == mki > 0, year


def test_a_merger_written_as_a_split_stays_refused_when_the_merged_ministry_splits_later(tmp_path: Path) -> None:
    """MZ and MRZBSP merged into MZSP (succeeding MRZBSP) from January 2018, MZ left the lead of task 2.1.2 whose
    lines MZSP pays: refused (`datafile.lead_without_lines`). MZSP then split into MZDR and MZSOC from July 2018, the
    plan file naming MZDR where it named MZSP: MZDR, one of a split's successors, was not taken for a body that took
    over MZ's lines, and the plan loaded (before sm6 it was refused): MZ's section 11 figure a line of its own beside
    its lines counted as another's. A split's successor holds its old ministry's lines: it is judged as that
    ministry, which reports only after MZ here."""
    from apmon.templates.plan_file import DataFileError, load_plan, load_registry

    plan, registry = _merger_files("MRZBSP")
    task = _first_task_naming(plan, "MZ")
    task["lead"] = ["MZ" if c == "MZSP" else c for c in task["lead"]]
    for line in task.get("budget", []):
        line["payer"] = line.get("payer") or "MZSP"
    for t in (t for o in plan["objectives"] for a in o["activities"] for t in a["tasks"]):
        for role in ("lead", "partners"):
            t[role] = ["MZDR" if c == "MZSP" else c for c in t.get(role, [])]
        for line in t.get("budget", []):
            line["payer"] = "MZDR" if line.get("payer") == "MZSP" else line.get("payer")
    for inst in registry["institutions"]:
        if inst["code"] in ("MZ", "MRZBSP"):
            inst["reports_until"] = "2017-12"
    merged = next(i for i in registry["institutions"] if i["code"] == "MZSP")
    merged |= {"reports_from": "2018-01", "reports_until": "2018-06"}
    for code in ("MZDR", "MZSOC"):
        name = {lang: f"{merged['name'][lang]} ({code})" for lang in ("sr-Latn", "sr-Cyrl", "en")}
        registry["institutions"].append({"code": code, "kind": "ministry", "name": name, "working_group_member": True,
                                         "reports_from": "2018-07", "succeeds": "MZSP"})  # fmt: skip
    assert "MZDR" in {b.get("payer") for b in task.get("budget", [])} and "MZ" in task["lead"]
    loaded = load_registry(_written(tmp_path, "institutions.yaml", registry))
    with pytest.raises(DataFileError) as refused:
        load_plan(_written(tmp_path, "plan.yaml", plan), loaded)
    totals = plan["financial_effects"]["action_plan"]["totals"]
    first = next(n for n, t in enumerate(totals) if t["institution"] == "MZ" and Decimal(str(t["amount"])) > 0)
    [error] = refused.value.errors
    assert (error.key, error.path) == (
        "datafile.lead_without_lines",
        f"financial_effects.action_plan.totals[{first}].institution",
    )
    assert (error.fields["tasks"], error.fields["payers"]) == (task["id"], "MZDR")


def test_an_ended_body_leading_a_task_with_no_state_budget_line_loads_while_it_pays_its_years_lines(
    tmp_path: Path,
) -> None:
    """The refusal of a lead with no state-budget line leaves alone an ended body that still pays its lines of each
    year section 11 gives it money for (the shipped plan's MZ, ended with June 2018, leads 4.3.2 and pays its lines
    of task 2.1.2)."""
    from apmon.templates.plan_file import load_plan, load_registry

    _, registry = _merger_files("MRZBSP")
    loaded = load_registry(_written(tmp_path, "institutions.yaml", registry))
    assert load_plan(_written(tmp_path, "plan.yaml", PLAN), loaded) is not None


def test_an_ended_body_given_its_lines_back_loads_with_no_successor(tmp_path: Path) -> None:
    """The refusal of a lead with no line of its own leaves alone an ended body given its lines back, as its message
    says (`payer: MZ` on task 2.1.2's lines that MZSP took over)."""
    from apmon.templates.plan_file import load_plan, load_registry

    plan, registry = _merger_files("MRZBSP")
    task = _first_task_naming(plan, "MZ")
    task["lead"] = ["MZ" if c == "MZSP" else c for c in task["lead"]]
    for line in task["budget"]:
        line["payer"] = "MZ" if line.get("payer") == "MZSP" else line.get("payer")
    loaded = load_registry(_written(tmp_path, "institutions.yaml", registry))
    assert load_plan(_written(tmp_path, "plan.yaml", plan), loaded) is not None


def test_ending_a_body_that_never_had_tasks_says_what_is_wrong_and_what_to_do(tmp_path: Path) -> None:
    """MOS, which no task of the plan names, given 100.000,00 in section 11 for 2018, ended with `apmon institution
    end`: refused (the plan cannot tell it from a merger written as a split), but told that its tasks and lines "were
    moved to a body that does not succeed it", which is not true of it, and only what to do for a merger. It is told
    that the plan cannot tell which, and what to do when it had no tasks: a body that takes over its money succeeds
    it, or an existing one sends its report. The registry is left as it was."""
    plan = yaml.safe_load((DATA / "plan-2017-2018.yaml").read_text(encoding="utf-8"))
    tasks = [t for o in plan["objectives"] for a in o["activities"] for t in a["tasks"]]
    named = {
        c
        for t in tasks
        for c in [*t.get("lead", []), *t.get("partners", []), *(b.get("payer") for b in t.get("budget", []))]
    }
    assert "MOS" not in named
    plan["financial_effects"]["action_plan"]["totals"].append(
        {"institution": "MOS", "year": 2018, "amount": "100000.00"}
    )
    plan_file = _written(tmp_path, "plan.yaml", plan)
    registry = (DATA / "institutions.yaml").read_text(encoding="utf-8")
    (tmp_path / "institutions.yaml").write_text(registry, encoding="utf-8")
    for lang, succeeds in (("sr-Latn", "--succeeds MOS"), ("sr-Cyrl", "--succeeds MOS"), ("en", "--succeeds MOS")):
        result = apmon("institution", "end", "MOS", "--until", "2018-06", "--plan", str(plan_file),
                       "--institutions", str(tmp_path / "institutions.yaml"), "--lang", lang)  # fmt: skip
        said = " ".join(result.stdout.split() + result.stderr.split())
        assert result.returncode == 1, said
        assert "MOS" in said and succeeds in said and "reports_until" in said, said
        assert (tmp_path / "institutions.yaml").read_text(encoding="utf-8") == registry


def _repeat_rows(master: str | None) -> dict[tuple[str, str], str]:
    """The Issues sheet's repeat warnings: (institution, period) -> its message."""
    rows = list(openpyxl.load_workbook(master or "", read_only=True)["Issues"].iter_rows(values_only=True))
    header = next(r for r in rows if "Code" in r)
    issues = [dict(zip(header, r, strict=False)) for r in rows[rows.index(header) + 1 :]]
    return {(r["Institution"], r["Period"]): " ".join(str(r["Message"]).split())
            for r in issues if r["Code"] == "spent-year-repeats-predecessor"}  # fmt: skip


@pytest.mark.parametrize(
    "again",
    [{8: (2000, 6000)}, {8: (2000, 7000)}, {7: (4500, 4500), 8: (2000, 7500)}, {8: (2000, 7500)}],
    ids=["untrue", "true", "true, another figure", "true of other months"],
)
def test_an_old_ministrys_version_with_errors_keeps_its_repeat_warning_only_while_it_is_true(
    tmp_path: Path, split_mail: _SplitMail, again: dict[int, tuple[int, int]]
) -> None:
    """MRZSP's August (valid, counted) repeats MRZBSP's June; MRZBSP sends its June again with an error (a task
    without status), its figure as before: the check of that file finds MRZSP's August repeating its June and warns
    at it. MRZSP then corrects its August: over its months by nothing (6.000 = 4.000 + 2.000), the warning at
    MRZBSP's June with errors is untrue, but it stayed on the Issues sheet as its file got it (the months it was
    checked with were not kept), and in the mail telling MRZBSP what to correct (through a real SMTP server on
    loopback); a correction that still repeats June keeps it in both, saying MRZSP's newest figure (it said the
    figure of the August the check was made with). One that repeats May and June keeps it too, saying them: it was
    dropped (the months before June, not kept with the warning, were not looked at), the correction's own warning
    said and MRZBSP's lost. Worked out here from the figures typed."""
    office = _SplitOffice(tmp_path)
    first = {7: (4000, 4000), 8: (2000, 7000)}
    try:
        office.send("MRZBSP", OLD_MONTHS, 3)
        office.send("MRZSP", first, 10)
        office.run(now=lambda: dt.datetime(2018, 9, 11, 10, tzinfo=dt.UTC))
        office.send("MRZBSP", {6: OLD_MONTHS[6]}, 12, prefix="B-", invalid=(6,))
        between = _repeat_rows(office.run(now=lambda: dt.datetime(2018, 9, 13, 10, tzinfo=dt.UTC)).master)
        office.send("MRZSP", again, 16, prefix="C-")
        after = office.run(now=lambda: dt.datetime(2018, 9, 17, 10, tzinfo=dt.UTC))
        sent = split_mail.remind(office, "MRZBSP")
    finally:
        office.ledger.close()
    newest = {**first, **again}
    assert _repeat_in(OLD_MONTHS, first)[0] == [6]
    months, amount = _repeat_in(OLD_MONTHS, newest)  # the months the warning at MRZBSP's June names
    stays = bool(months)
    figure = f"MRZSP's figure ({newest[max(newest)][1]:,}.00) also holds what MRZBSP spent from"
    if stays:
        figure += f" {dt.date(2018, months[0], 1):%B} 2018 ({amount:,}.00)"
    assert ("MRZBSP", "2018-06") in between  # its file's warning, true then (the next run writes the master again)
    rows = _repeat_rows(after.master)
    said = rows.get(("MRZBSP", "2018-06"))
    assert (said is not None) == stays and (said is None or figure in said), said
    if months and months != [6]:  # a repeat of other months: the correction's own warning too
        assert ("MRZSP", "2018-08") in rows, rows
    assert [(m.institution, m.period, m.outcome) for m in sent.mails if m.kind == "problems"] == [
        ("MRZBSP", "2018-06", "sent")
    ], sent.model_dump_json()[:3000]
    [message] = [m for m in split_mail.inbox.messages if "Corrections" in str(m["Subject"])]
    body = " ".join(message.get_content().split())
    assert "Task" in body  # the error is listed either way
    assert ("MRZSP" in body) == stays, body  # the repeat's warning names the successor
    assert (figure in body) == stays, body


def test_ending_a_body_that_was_only_ever_a_partner_says_what_to_do_if_it_had_no_lines(tmp_path: Path) -> None:
    """MOS, a partner on one task and never a lead or a payer, given 100.000,00 in section 11 for 2018 (a plan whose
    section 11 gives money no line says), abolished and ended with `apmon institution end`, its task kept as the docs
    say: refused as a merger's old body left a partner, and told only that its tasks and lines "were moved", which is
    not true of it, and what to do for a merger. It is told that the plan cannot tell which, and what to do when it
    had no lines (as a body with no task is). The registry is left as it was."""
    plan = yaml.safe_load((DATA / "plan-2017-2018.yaml").read_text(encoding="utf-8"))
    tasks = [t for o in plan["objectives"] for a in o["activities"] for t in a["tasks"]]
    assert not [t for t in tasks if "MOS" in [*t.get("lead", []), *t.get("partners", [])]]
    assert "MOS" not in {b.get("payer") for t in tasks for b in t.get("budget", [])}
    tasks[0]["partners"] = [*tasks[0].get("partners", []), "MOS"]
    plan["financial_effects"]["action_plan"]["totals"].append(
        {"institution": "MOS", "year": 2018, "amount": "100000.00"}
    )
    plan_file = _written(tmp_path, "plan.yaml", plan)
    registry = (DATA / "institutions.yaml").read_text(encoding="utf-8")
    (tmp_path / "institutions.yaml").write_text(registry, encoding="utf-8")
    for lang in ("sr-Latn", "sr-Cyrl", "en"):
        result = apmon("institution", "end", "MOS", "--until", "2018-06", "--plan", str(plan_file),
                       "--institutions", str(tmp_path / "institutions.yaml"), "--lang", lang)  # fmt: skip
        said = " ".join(result.stdout.split() + result.stderr.split())
        assert result.returncode == 1, said
        assert "datafile" not in said and tasks[0]["id"] in said, said
        assert "--succeeds MOS" in said and "reports_until" in said, said
        assert (tmp_path / "institutions.yaml").read_text(encoding="utf-8") == registry


@pytest.mark.parametrize(
    "again",
    [{8: (2000, 6000)}, {7: (4500, 4500), 8: (2000, 7500)}, {8: (2000, 7500)}],
    ids=["untrue", "true", "true of other months"],
)
def test_a_run_lists_an_old_ministrys_repeat_only_as_the_successors_correction_read_with_it_leaves_it(
    tmp_path: Path, again: dict[int, tuple[int, int]]
) -> None:
    """MRZSP's August (valid, counted) repeats MRZBSP's June; MRZBSP's June sent again with an error (a task without
    status), its figure as before, and MRZSP's correction of August, read by one run, MRZBSP's first: the check of
    MRZBSP's file finds the August of before repeating its June. The run's counted_once lists that warning only as
    MRZSP's correction leaves it (no longer repeating June: not at all; still: with MRZSP's newest figure), as the
    Issues sheet does. Worked out here from the figures typed."""
    office = _SplitOffice(tmp_path)
    first = {7: (4000, 4000), 8: (2000, 7000)}
    try:
        office.send("MRZBSP", OLD_MONTHS, 3)
        office.send("MRZSP", first, 10)
        office.run(now=lambda: dt.datetime(2018, 9, 11, 10, tzinfo=dt.UTC))
        office.send("MRZBSP", {6: OLD_MONTHS[6]}, 12, prefix="B-", invalid=(6,))
        office.send("MRZSP", again, 16, prefix="C-")
        after = office.run(now=lambda: dt.datetime(2018, 9, 17, 10, tzinfo=dt.UTC))
    finally:
        office.ledger.close()
    newest = {**first, **again}
    months, amount = _repeat_in(OLD_MONTHS, newest)
    stays = bool(months)
    figure = f"MRZSP's figure ({newest[max(newest)][1]:,}.00) also holds what MRZBSP spent from"
    listed = [c for c in after.counted_once if c.file == "B-MRZBSP-2018-06.xlsx"]
    assert [(c.institution, c.period, c.months, c.amount) for c in listed] == (
        [("MRZBSP", "2018-06", [f"2018-{m:02d}" for m in months], Decimal(amount))] if stays else []
    ), after.counted_once
    assert all(figure in c.message for c in listed), listed
    said = _repeat_rows(after.master).get(("MRZBSP", "2018-06"))
    assert (said is not None) == stays and (said is None or figure in said), said


# MRZBSP's May and June as first sent, its June corrected, and MRZSP's July and August (month: (spent this period,
# year to date)): August, sent with an error, repeats June once June is corrected.
ERRORS_OLD, ERRORS_CORRECTED = {5: (500, 9000), 6: (800, 9800)}, {6: (1000, 10000)}
ERRORS_NEW = {7: (4000, 4000), 8: (2000, 7000)}


def _a_correction_read_after_a_version_with_errors(office: _SplitOffice) -> tuple[Any, Any]:
    """The summaries of two runs: one on 11 September of MRZBSP's first May and June and MRZSP's July and August
    (August with an error), one on 13 September of MRZBSP's June corrected."""
    office.send("MRZBSP", ERRORS_OLD, 3)
    office.send("MRZSP", ERRORS_NEW, 10, invalid=(8,))
    before = office.run(now=lambda: dt.datetime(2018, 9, 11, 10, tzinfo=dt.UTC))
    office.send("MRZBSP", ERRORS_CORRECTED, 12, prefix="B-")
    return before, office.run(now=lambda: dt.datetime(2018, 9, 13, 10, tzinfo=dt.UTC))


def test_a_run_tells_of_the_repeat_an_old_ministrys_correction_makes_for_a_successors_version_with_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """MRZSP's August has an error; its figure repeats nothing of MRZBSP's when it is read. MRZBSP's correction of its
    June, read by the next run, makes it repeat June: the Issues sheet and the mail said it, the run's summary not
    (`counted_once` lists what the master cuts, and it counts no figure of a version with errors). The summary lists
    it apart (`repeats_in_errors`), and `sync run` prints it, saying the master does not count that version; a later
    run that reads no report of MRZBSP's does not list it again; worked out here from the figures typed."""
    from apmon.cli.sync import show_run

    office = _SplitOffice(tmp_path)
    old, corrected, new = ERRORS_OLD, ERRORS_CORRECTED, ERRORS_NEW
    months, amount = _repeat_in(old | corrected, new)
    assert (_repeat_in(old, new), months) == (([], 0), [6])
    try:
        before, after = _a_correction_read_after_a_version_with_errors(office)
        office.send("MRZSP", {7: (4000, 4000)}, 14, prefix="D-")  # its July sent again: MRZBSP's June not read
        again = office.run(now=lambda: dt.datetime(2018, 9, 15, 10, tzinfo=dt.UTC))
    finally:
        office.ledger.close()
    assert before.repeats_in_errors == [] and after.counted_once == [], after.counted_once
    assert again.repeats_in_errors == [], again.repeats_in_errors  # told once, by the run that read the correction
    assert [(c.file, c.institution, c.period, c.successor, c.predecessor, c.months, c.amount)
            for c in after.repeats_in_errors] == [
        ("MRZSP-2018-08.xlsx", "MRZSP", "2018-08", "MRZSP", "MRZBSP", [f"2018-{m:02d}" for m in months], amount)
    ], after.repeats_in_errors  # fmt: skip
    assert "repeats_in_errors" in after.model_dump(mode="json")
    capsys.readouterr()
    show_run(after, "en")
    printed = " ".join(capsys.readouterr().out.split())
    assert f"MRZSP-2018-08.xlsx, Budget {after.repeats_in_errors[0].cell}:" in printed, printed
    assert "not counted on the master until it is corrected" in printed, printed


def test_a_repeat_in_a_version_with_errors_is_not_listed_again_by_a_run_that_reads_an_old_ministrys_version_with_errors(
    tmp_path: Path,
) -> None:
    """MRZBSP's correction of its June makes MRZSP's August (with an error) repeat June: the run that reads it lists
    it in `repeats_in_errors`. A later run that read MRZBSP's May sent again with an error listed it again, though
    nothing the repeat is judged against changed (the master counts no figure of a version with errors). Listed once;
    worked out here from the figures typed."""
    office = _SplitOffice(tmp_path)
    old, corrected, new = ERRORS_OLD, ERRORS_CORRECTED, ERRORS_NEW
    months, _ = _repeat_in(old | corrected, new)
    assert months == [6]
    try:
        _, after = _a_correction_read_after_a_version_with_errors(office)
        office.send("MRZBSP", {5: (500, 9000)}, 14, prefix="E-", invalid=(5,))
        again = office.run(now=lambda: dt.datetime(2018, 9, 15, 10, tzinfo=dt.UTC))
    finally:
        office.ledger.close()
    assert [c.months for c in after.repeats_in_errors] == [[f"2018-{m:02d}" for m in months]], after
    assert [(v.file, v.valid) for v in again.versions] == [("E-MRZBSP-2018-05.xlsx", False)], again.versions
    assert again.repeats_in_errors == [], again.repeats_in_errors


def test_a_repeat_in_a_version_with_errors_is_not_listed_again_by_an_old_ministrys_correction_that_leaves_it(
    tmp_path: Path,
) -> None:
    """MRZBSP's correction of its June makes MRZSP's August (with an error) repeat June: the run that reads it lists
    it in `repeats_in_errors`. A later run that read MRZBSP's May sent again, valid and as it was, listed it again
    (docs/sync.md said so: "even if that version left it as it was"), though the repeat is the same: the months, the
    amount and MRZBSP's figure. Listed only when the valid version makes it new or changes it; worked out here from
    the figures typed."""
    office = _SplitOffice(tmp_path)
    old, corrected, new = {5: (500, 9000), 6: (800, 9800)}, {6: (1000, 10000)}, {7: (4000, 4000), 8: (2000, 7000)}
    months, amount = _repeat_in(old | corrected, new)
    assert months == [6] and _repeat_in(old | corrected | {5: (500, 9000)}, new) == (months, amount)
    try:
        office.send("MRZBSP", old, 3)
        office.send("MRZSP", new, 10, invalid=(8,))
        office.run(now=lambda: dt.datetime(2018, 9, 11, 10, tzinfo=dt.UTC))
        office.send("MRZBSP", corrected, 12, prefix="B-")
        after = office.run(now=lambda: dt.datetime(2018, 9, 13, 10, tzinfo=dt.UTC))
        office.send("MRZBSP", {5: (500, 9000)}, 14, prefix="E-")
        again = office.run(now=lambda: dt.datetime(2018, 9, 15, 10, tzinfo=dt.UTC))
        office.send("MRZBSP", {5: (500, 9000), 6: (800, 9800)}, 16, prefix="F-")  # June as first sent: no repeat
        office.run(now=lambda: dt.datetime(2018, 9, 17, 10, tzinfo=dt.UTC))
        office.send("MRZBSP", {6: (1000, 10000)}, 18, prefix="G-")  # corrected again: the repeat is new again
        anew = office.run(now=lambda: dt.datetime(2018, 9, 19, 10, tzinfo=dt.UTC))
    finally:
        office.ledger.close()
    said = [f"2018-{m:02d}" for m in months]
    assert [(c.months, c.amount) for c in after.repeats_in_errors] == [(said, amount)], after.repeats_in_errors
    assert [(v.file, v.valid) for v in again.versions] == [("E-MRZBSP-2018-05.xlsx", True)], again.versions
    assert again.repeats_in_errors == [], again.repeats_in_errors
    assert [(c.months, c.amount) for c in anew.repeats_in_errors] == [(said, amount)], anew.repeats_in_errors


@pytest.mark.parametrize("saved", [14, 2], ids=["newest", "older-than-the-one-it-repeats"])
def test_a_repeat_in_a_version_with_errors_is_not_listed_again_by_an_old_ministrys_copy_saved_before(
    tmp_path: Path, saved: int
) -> None:
    """As above, MRZBSP's May sent again, valid and as it was, after the correction of June made MRZSP's August (with
    an error) repeat June; here its copy was saved on September 2, before the May first sent (restored from a backup,
    its file time kept): the ledger takes the May saved later for its newest, so no version this run read is one of
    the newest, and the run listed the repeat again, judged against nothing as it stood before the run. Worked out
    here from the figures typed."""
    office = _SplitOffice(tmp_path)
    old, corrected, new = {5: (500, 9000), 6: (800, 9800)}, {6: (1000, 10000)}, {7: (4000, 4000), 8: (2000, 7000)}
    months, amount = _repeat_in(old | corrected, new)
    assert months == [6]
    try:
        office.send("MRZBSP", old, 3)
        office.send("MRZSP", new, 10, invalid=(8,))
        office.run(now=lambda: dt.datetime(2018, 9, 11, 10, tzinfo=dt.UTC))
        office.send("MRZBSP", corrected, 12, prefix="B-")
        after = office.run(now=lambda: dt.datetime(2018, 9, 13, 10, tzinfo=dt.UTC))
        office.send("MRZBSP", {5: (500, 9000)}, saved, prefix="E-")
        again = office.run(now=lambda: dt.datetime(2018, 9, 15, 10, tzinfo=dt.UTC))
    finally:
        office.ledger.close()
    said = [f"2018-{m:02d}" for m in months]
    assert [(c.months, c.amount) for c in after.repeats_in_errors] == [(said, amount)], after.repeats_in_errors
    assert [(v.file, v.valid) for v in again.versions] == [("E-MRZBSP-2018-05.xlsx", True)], again.versions
    assert again.repeats_in_errors == [], again.repeats_in_errors


def test_a_repeat_changed_by_the_successors_correction_read_beside_the_old_ministrys_is_listed(tmp_path: Path) -> None:
    """MRZBSP's June corrected makes MRZSP's August (with an error) repeat June, listed. A later run reads MRZBSP's May
    sent again as it was and MRZSP's July corrected (3.000, not 4.000): August's figure is now over its months by
    2.000, MRZBSP's May and June, a repeat changed. Listed again, as judged before the run against MRZSP's months
    as they were then too, not only MRZBSP's; worked out here from the figures typed."""
    office = _SplitOffice(tmp_path)
    old, corrected = {5: (1000, 9000), 6: (800, 9800)}, {6: (1000, 10000)}
    new, july = {7: (4000, 4000), 8: (2000, 7000)}, {7: (3000, 3000)}
    assert _repeat_in(old, new) == ([], 0)
    first, changed = _repeat_in(old | corrected, new), _repeat_in(old | corrected, new | july)
    assert first[0] == [6] and changed[0] == [5, 6], (first, changed)
    try:
        office.send("MRZBSP", old, 3)
        office.send("MRZSP", new, 10, invalid=(8,))
        office.run(now=lambda: dt.datetime(2018, 9, 11, 10, tzinfo=dt.UTC))
        office.send("MRZBSP", corrected, 12, prefix="B-")
        after = office.run(now=lambda: dt.datetime(2018, 9, 13, 10, tzinfo=dt.UTC))
        office.send("MRZBSP", {5: old[5]}, 14, prefix="E-")
        office.send("MRZSP", july, 14, prefix="C-")
        again = office.run(now=lambda: dt.datetime(2018, 9, 15, 10, tzinfo=dt.UTC))
    finally:
        office.ledger.close()

    def said(months: list[int], amount: int) -> tuple[list[str], int]:
        return [f"2018-{m:02d}" for m in months], amount

    assert [(c.months, c.amount) for c in after.repeats_in_errors] == [said(*first)], after.repeats_in_errors
    assert sorted(v.file for v in again.versions) == ["C-MRZSP-2018-07.xlsx", "E-MRZBSP-2018-05.xlsx"], again.versions
    assert [(c.months, c.amount) for c in again.repeats_in_errors] == [said(*changed)], again.repeats_in_errors


def test_a_repeat_a_master_for_a_past_day_had_not_counted_is_listed_when_it_counts(tmp_path: Path) -> None:
    """The master is made for 20 September 2018 (`[sync] as_of`): it counts only what was submitted by that day's end.
    MRZBSP's June corrected, saved on September 25, is not counted: MRZSP's August (with an error) repeats nothing on
    the master, and the run lists no repeat. The same correction saved on September 19 and read later does count, and
    makes the repeat: the run that reads it lists it, as the repeat is judged before the run against what that
    master counted (the correction of the 25th left out), not against every version the ledger held. Worked out here
    from the figures typed."""
    office = _SplitOffice(tmp_path)
    old, corrected, new = {5: (500, 9000), 6: (700, 9700)}, {6: (1000, 10000)}, {7: (4000, 4000), 8: (2000, 7000)}
    months, amount = _repeat_in(old | corrected, new)
    assert months == [6] and _repeat_in(old, new) == ([], 0)
    try:
        office.send("MRZBSP", old, 3)
        office.send("MRZSP", new, 10, invalid=(8,))
        office.run(now=lambda: dt.datetime(2018, 9, 11, 10, tzinfo=dt.UTC))
        office.send("MRZBSP", corrected, 25, prefix="B-")
        late = office.run(now=lambda: dt.datetime(2018, 9, 26, 10, tzinfo=dt.UTC))
        office.send("MRZBSP", corrected, 19, prefix="C-")
        counted = office.run(now=lambda: dt.datetime(2018, 9, 27, 10, tzinfo=dt.UTC))
    finally:
        office.ledger.close()
    assert [(v.file, v.valid) for v in late.versions] == [("B-MRZBSP-2018-06.xlsx", True)], late.versions
    assert late.repeats_in_errors == [], late.repeats_in_errors
    assert [(v.file, v.valid) for v in counted.versions] == [("C-MRZBSP-2018-06.xlsx", True)], counted.versions
    said = [f"2018-{m:02d}" for m in months]
    assert [(c.months, c.amount) for c in counted.repeats_in_errors] == [(said, amount)], counted.repeats_in_errors


def test_a_repeat_in_a_version_with_errors_is_not_listed_again_by_a_run_that_reads_an_old_ministrys_other_year(
    tmp_path: Path,
) -> None:
    """As above, but the later run reads MRZBSP's valid December 2017 (a report of another year, sent late): the
    repeat of MRZSP's August 2018 is judged against MRZBSP's newest of 2018 only, which it leaves as it was, so it
    is not listed again; worked out here from the figures typed."""
    from tests.reports import complete_monthly, filled_report

    office = _SplitOffice(tmp_path)
    office.settings = office.settings.model_copy(update={"first_period": "2017-12"})
    old, corrected, new = ERRORS_OLD, ERRORS_CORRECTED, ERRORS_NEW
    months, _ = _repeat_in(old | corrected, new)
    assert months == [6]
    try:
        _, after = _a_correction_read_after_a_version_with_errors(office)
        _, layout = filled_report(office.plan, office.registry, tmp_path, "MRZBSP", "2017-12", {}, name="blank.xlsx")
        edits = {key: value for key, value in complete_monthly(layout).items() if key[0] != "budget"}
        made = filled_report(office.plan, office.registry, office.folder, "MRZBSP", "2017-12", edits,
                             name="MRZBSP-2017-12.xlsx")[0]  # fmt: skip
        saved = dt.datetime(2018, 9, 14, 10, tzinfo=dt.UTC).timestamp()
        os.utime(made, (saved, saved))
        again = office.run(now=lambda: dt.datetime(2018, 9, 15, 10, tzinfo=dt.UTC))
    finally:
        office.ledger.close()
    assert [c.months for c in after.repeats_in_errors] == [[f"2018-{m:02d}" for m in months]], after
    assert [(v.file, v.period, v.valid) for v in again.versions] == [("MRZBSP-2017-12.xlsx", "2017-12", True)], again
    assert again.repeats_in_errors == [], again.repeats_in_errors


def test_an_old_ministrys_correction_that_makes_a_successors_version_with_errors_repeat_is_warned_of(
    tmp_path: Path, split_mail: _SplitMail
) -> None:
    """MRZSP's August has an error (a task without status); its figure repeats nothing of MRZBSP's when it is read
    (over its months by 1.000, MRZBSP's June 800). MRZBSP then corrects its June to 1.000: August's figure now holds
    June again, and no one was told: the version with errors kept no warning to check again, and the correction is
    checked against the versions that count. The Issues sheet and the mail telling MRZSP what to correct (through a
    real SMTP server on loopback) say it, from the version's stored report; worked out here from the figures typed."""
    office = _SplitOffice(tmp_path)
    old, corrected, new = ERRORS_OLD, ERRORS_CORRECTED, ERRORS_NEW
    assert _repeat_in(old, new) == ([], 0)
    months, amount = _repeat_in(old | corrected, new)
    assert months == [6]
    own = sum(this for this, _ in new.values())
    figure = f"MRZSP's figure ({new[8][1]:,}.00) also holds what MRZBSP spent from June 2018 ({amount:,}.00)"
    try:
        office.send("MRZBSP", old, 3)
        office.send("MRZSP", new, 10, invalid=(8,))
        before = _repeat_rows(office.run(now=lambda: dt.datetime(2018, 9, 11, 10, tzinfo=dt.UTC)).master)
        office.send("MRZBSP", corrected, 12, prefix="B-")
        after = _repeat_rows(office.run(now=lambda: dt.datetime(2018, 9, 13, 10, tzinfo=dt.UTC)).master)
        sent = split_mail.remind(office, "MRZSP")
    finally:
        office.ledger.close()
    assert before == {}, before
    assert set(after) == {("MRZSP", "2018-08")} and figure in after[("MRZSP", "2018-08")], after
    assert f"({own:,}.00, if the monthly figures are right)" in after[("MRZSP", "2018-08")]
    assert [(m.institution, m.period, m.outcome) for m in sent.mails if m.kind == "problems"] == [
        ("MRZSP", "2018-08", "sent")
    ], sent.model_dump_json()[:3000]
    [message] = [m for m in split_mail.inbox.messages if "Corrections" in str(m["Subject"])]
    body = " ".join(message.get_content().split())
    assert "Task" in body and figure in body, body
