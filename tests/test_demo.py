"""`apmon demo`, the README's first command: it says what it built in Serbian, and the demo's master is up to date
for the demo's day, so `apmon sync status` right after it (the next step it names) does not ask for a refresh."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import yaml
from typer.testing import CliRunner

from apmon.cli.app import app
from apmon.schemas.institutions import InstitutionRegistry
from apmon.schemas.messages import text_of
from apmon.schemas.plan import Plan
from apmon.sync.ledger.store import PERSONAL_DATA_CODES
from apmon.templates.plan_file import DEFAULT_PLAN
from apmon.templates.validation import validate_file

runner = CliRunner()


def no_blank_line(stderr: str) -> bool:
    """stderr holds only what the user must read: a progress bar on a file or a pipe (a cron job's log, the
    Task Scheduler's) is never seen drawing, and the end of one left an empty line there."""
    return all(line.strip() for line in stderr.splitlines())


def test_the_demo_says_what_it_built_and_its_master_is_up_to_date(tmp_path: Path) -> None:
    folder = tmp_path / "apmon-demo"
    built = runner.invoke(app, ["demo", "--dir", str(folder)])
    assert built.exit_code == 0, built.output
    assert no_blank_line(built.stderr)
    files = sorted((folder / "reports").rglob("*.xlsx"))
    said = " ".join(built.output.split())  # rich wraps long lines
    # Serbian (Latin) by default, counted from the folder
    assert f"Primer: napisano datoteka izveštaja: {len(files)}" in said
    assert re.search(rf"Evidencija: zabeleženo verzija: {len(files)} ", said)
    assert (folder / "master.xlsx").exists() and "Zbirna radna sveska" in said
    sheets = openpyxl.load_workbook(folder / "master.xlsx", read_only=True).sheetnames
    assert text_of("master.sheet.status", "sr-Latn") in sheets

    config = folder / "apmon.toml"
    for _ in range(2):  # right after the demo, and after a run that finds nothing new
        status = runner.invoke(app, ["sync", "status", "--config", str(config)])
        assert status.exit_code == 0, status.output
        shown = " ".join(status.output.split())
        assert text_of("sync.status.fresh", "sr-Latn") in shown
        assert text_of("sync.status.stale", "sr-Latn") not in shown
        again = runner.invoke(app, ["sync", "run", "--config", str(config)])
        assert again.exit_code == 0, again.output
        assert no_blank_line(again.stderr)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("demo") / "apmon-demo"
    built = runner.invoke(app, ["demo", "--dir", str(folder)])
    assert built.exit_code == 0, built.output
    return folder


def _sheet(folder: Path, role: str) -> Any:
    return openpyxl.load_workbook(folder / "master.xlsx")[text_of(f"master.sheet.{role}", "sr-Latn")]


def test_the_budget_sheets_years_fit_their_column(demo: Path) -> None:
    """A line with no year is the plan period's: its row's year is "2017-2018" (the plan file's first and last
    years), which the column, 7 characters wide, cut to "2017-201" on screen and on paper."""
    plan = yaml.safe_load(DEFAULT_PLAN.read_text(encoding="utf-8"))
    period = f"{plan['start'].year}-{plan['end'].year}"
    sheet = _sheet(demo, "budget")
    header = next(r for r in range(1, 10) if sheet.cell(r, 2).value == text_of("master.col.year", "sr-Latn"))
    years = [sheet.cell(r, 2).value for r in range(header + 1, sheet.max_row + 1) if sheet.cell(r, 1).value]
    assert period in years
    stored = {c: d.width for d in sheet.column_dimensions.values() for c in range(d.min, d.max + 1)}
    # Excel's stored width holds 5 pixels of padding (7 a character): what it shows is a character less or so.
    shown = (stored[2] * 7 - 5) / 7
    assert all(len(str(year)) + 1 <= round(shown, 2) for year in years if year), (shown, years)


def test_the_overviews_tasks_led_and_completed_are_explained_and_agree_with_the_status_sheet(demo: Path) -> None:
    """The Overview's "Tasks led" counts each task for every lead the plan file names, and "Completed" those of
    them the Status sheet shows completed (every lead that reports said so): MUP reported four of its tasks
    completed, two of them led with an institution that had not, and the Overview shows 2. A note says so."""
    plan = yaml.safe_load(DEFAULT_PLAN.read_text(encoding="utf-8"))
    leads = {t["id"]: t["lead"] for o in plan["objectives"] for a in o["activities"] for t in a["tasks"]}
    status = _sheet(demo, "status")
    shown_status = {status.cell(r, 2).value: status.cell(r, 5).value for r in range(4, status.max_row + 1)}
    overview = _sheet(demo, "overview")
    header = [c.value for c in overview[3]]
    tasks, done = (header.index(text_of(f"master.overview.{k}", "sr-Latn")) for k in ("tasks", "completed"))
    rows = [r for r in overview.iter_rows(min_row=4, values_only=True) if r[0] and r[1]]
    assert len(rows) > 20
    for row in rows:
        led = [task for task, codes in leads.items() if row[0] in codes]
        assert row[tasks] == len(led), row[0]
        assert row[done] == sum(shown_status[task] == "završen" for task in led), row[0]
    notes = " ".join(str(r[0]) for r in overview.iter_rows(min_row=len(rows) + 4, values_only=True) if r[0])
    assert f"„{header[tasks]}“ i „{header[done]}“" in notes


def test_a_task_no_one_reported_on_is_named_alike_on_the_master_and_in_the_brief(demo: Path) -> None:
    """Task 1.2.2 is led by the Working Group alone (the plan file), which never reports, and its deadline passed:
    the master's Status sheet said "nije izveštavano", the brief's overdue table "nije izvešteno"."""
    plan = yaml.safe_load(DEFAULT_PLAN.read_text(encoding="utf-8"))
    [task] = [t for o in plan["objectives"] for a in o["activities"] for t in a["tasks"] if t["id"] == "1.2.2"]
    assert task["lead"] == ["RG"]
    status = _sheet(demo, "status")
    [on_master] = [status.cell(r, 5).value for r in range(4, status.max_row + 1) if status.cell(r, 2).value == "1.2.2"]
    made = runner.invoke(
        app, ["report", "minister", "--period", "2018-12", "--config", str(demo / "apmon.toml"), "--draft", "--json"]
    )
    assert made.exit_code == 0, made.output
    xlsx = next(Path(p) for p in json.loads(made.stdout)["files"] if p.endswith(".xlsx"))
    brief = openpyxl.load_workbook(xlsx)
    [in_brief] = [r[4] for ws in brief.worksheets for r in ws.iter_rows(values_only=True) if r and r[0] == "1.2.2"]
    assert on_master == in_brief
    objectives = _sheet(demo, "objectives")
    assert in_brief.capitalize() in [c.value for c in objectives[3]]


def test_the_council_reports_xlsx_says_its_change_in_points_and_shows_the_plan_period_whole(demo: Path) -> None:
    """The Council report's xlsx: the progress table's change ("+42,9") said no unit (the PDF says percentage
    points above the table); the resources tables' year column, 7 characters wide, cut "2017-2018" (a line with no
    year, e.g. the cost-unknown lines of tasks 2.1.4 and 3.1.3 in the plan file)."""
    plan = yaml.safe_load(DEFAULT_PLAN.read_text(encoding="utf-8"))
    period = f"{plan['start'].year}-{plan['end'].year}"
    unknown = [t["id"] for o in plan["objectives"] for a in o["activities"] for t in a["tasks"]
               if any(b["source"] == "cost-unknown" for b in t.get("budget", []))]  # fmt: skip
    assert unknown
    made = runner.invoke(
        app, ["report", "council", "--to", "2018-12", "--config", str(demo / "apmon.toml"), "--draft", "--json"]
    )
    assert made.exit_code == 0, made.output
    book = openpyxl.load_workbook(next(Path(p) for p in json.loads(made.stdout)["files"] if p.endswith(".xlsx")))
    progress = book["Napredak"]
    changes = [r[5] for r in progress.iter_rows(min_row=4, values_only=True) if r[0] and r[2] is not None]
    assert any(str(c).startswith("+") for c in changes)
    assert "procentni poeni" in " ".join(str(r[0]) for r in progress.iter_rows(values_only=True) if r[0])
    sheet = book["Trošak nakon analize"]
    rows = [r for r in sheet.iter_rows(min_row=4, values_only=True) if r[0]]
    assert sorted(r[0] for r in rows) == sorted(unknown) and {r[3] for r in rows} == {period}
    stored = {c: d.width for d in sheet.column_dimensions.values() for c in range(d.min, d.max + 1)}
    assert len(period) + 1 <= round((stored[4] * 7 - 5) / 7, 2)


def _series_colours(xlsx: Path) -> list[list[str | None]]:
    """Each chart's series fill colours (RRGGBB, None when the series has none), in the order they are drawn."""
    import zipfile
    from xml.etree import ElementTree

    c = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
    a = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
    found = []
    with zipfile.ZipFile(xlsx) as archive:
        for name in sorted(n for n in archive.namelist() if n.startswith("xl/charts/chart")):
            root = ElementTree.fromstring(archive.read(name))
            found.append(
                [
                    (fill.get("val") if (fill := ser.find(f"{c}spPr/{a}solidFill/{a}srgbClr")) is not None else None)
                    for ser in root.iter(f"{c}ser")
                ]
            )
    return found


def test_the_status_charts_colour_completed_green_and_delayed_orange(demo: Path) -> None:
    """The master's charts of tasks by status took the spreadsheet's default colours: completed blue, in progress
    red, delayed green. The series are coloured by what they mean, as the brief's chart and the sheets' marks."""
    order = [text_of(f"status.{k}", "sr-Latn").capitalize() for k in ("completed", "in-progress", "delayed")]
    objectives = _sheet(demo, "objectives")
    header = [c.value for c in objectives[3]]
    assert all(word in header for word in order)
    charts = [colours for colours in _series_colours(demo / "master.xlsx") if len(colours) == 5]  # four statuses, none
    assert len(charts) == 2  # on the Overview and on the Objectives sheet
    for colours in charts:
        assert all(colours), colours
        rgb = [tuple(int(colour[i : i + 2], 16) for i in (0, 2, 4)) for colour in colours if colour]
        completed, in_progress, delayed, not_started, none = rgb
        assert completed[1] > max(completed[0], completed[2])  # green
        assert in_progress[2] > max(in_progress[0], in_progress[1])  # blue
        assert delayed[0] > delayed[1] > delayed[2]  # orange
        assert max(not_started) - min(not_started) < 30 and max(none) - min(none) < 30  # greys
        assert sum(none) > sum(not_started)  # not reported lighter than not started


def _task_lines_and_section_11() -> tuple[dict[tuple[str, int], Decimal], dict[tuple[str, int], Decimal]]:
    """From the plan file: the state budget RSD of the task lines by (payer, else the task's first lead; year), and
    section 11 (Part 2) by institution and year."""
    plan = yaml.safe_load(DEFAULT_PLAN.read_text(encoding="utf-8"))
    lines: dict[tuple[str, int], Decimal] = {}
    for task in (t for o in plan["objectives"] for a in o["activities"] for t in a["tasks"]):
        for line in task.get("budget", []):
            if line["source"] == "state-budget" and line.get("currency") == "RSD" and line.get("amount") is not None:
                key = (line.get("payer") or task["lead"][0], line["year"])
                lines[key] = lines.get(key, Decimal(0)) + Decimal(str(line["amount"]))
    section = {
        (t["institution"], t["year"]): Decimal(str(t["amount"]))
        for t in plan["financial_effects"]["action_plan"]["totals"]
    }
    return lines, section


def test_the_difference_to_section_11_is_the_task_lines_against_it(demo: Path) -> None:
    """ "Razlika znači da se stavke zadataka u planu i odeljak 11 ne slažu", the Budget sheet says: MKI has no task
    line in the plan file, only 1.234.000 RSD a year in section 11 (`apmon plan check`: -1.234.000, "no lines"),
    yet its row showed a difference of 0 (the section 11 figure, planned at the institution's level, set against
    itself); PA's 2018 the same. The master and the annual evaluation set the task lines against section 11."""
    lines, section = _task_lines_and_section_11()
    assert ("MKI", 2017) not in lines and section[("MKI", 2017)] > 0
    sheet = _sheet(demo, "budget")
    rows = [r for r in sheet.iter_rows(min_row=4, values_only=True) if r[0] and r[1] and r[9] is not None]
    assert {(r[0], int(r[1])) for r in rows} == {
        k for k, v in section.items() if k[1] in (2017, 2018) and (k in lines or v)
    }
    for r in rows:
        key = (r[0], int(r[1]))
        assert Decimal(str(r[9])) == section[key], r
        assert Decimal(str(r[10])) == lines.get(key, Decimal(0)) - section[key], r
    made = runner.invoke(
        app, ["report", "annual", "--year", "2018", "--config", str(demo / "apmon.toml"), "--draft", "--json"]
    )
    assert made.exit_code == 0, made.output
    book = openpyxl.load_workbook(next(Path(p) for p in json.loads(made.stdout)["files"] if p.endswith(".xlsx")))
    budget = [r for r in book["Budžet"].iter_rows(min_row=4, values_only=True) if r[0] and r[7] is not None]
    by_row = {r[0]: r for r in budget if r[2] == "2018"}
    for (code, year), amount in section.items():
        if year == 2018 and code in by_row:
            assert Decimal(str(by_row[code][8])) == lines.get((code, 2018), Decimal(0)) - amount, code
    [total] = [r for r in budget if str(r[0]).startswith("Ukupno")]
    expected = sum((lines.get((c, 2018), Decimal(0)) - a for (c, y), a in section.items() if y == 2018), Decimal(0))
    assert Decimal(str(total[8])) == expected


def test_the_demos_reports_are_judged_as_the_readme_says_the_personal_data_ones_for_their_jmbg_only(
    demo: Path, plan: Plan, registry: InstitutionRegistry
) -> None:
    """`apmon validate` of the demo's reports: the counts the README shows (each report read and checked here, not
    the ledger's summary), and personal data found only in the reports the demo writes a JMBG into, so a change to
    the personal-data detector that refuses an honest text of the demo's (a town, a body's contact, a date) or
    misses the JMBG fails here."""
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    said = re.search(r"Evidencija: zabeleženo verzija: (\d+) \(ispravnih: (\d+), neispravnih: (\d+)\)", readme)
    assert said is not None
    files = sorted((demo / "reports").rglob("*.xlsx"))
    results = {path: validate_file(path, plan, registry) for path in files}
    valid = sum(result.valid for result in results.values())
    assert (len(files), valid, len(files) - valid) == tuple(int(n) for n in said.groups()) == (424, 410, 14)
    # every personal datum found is one of the three JMBGs the demo writes (sync/demo_data.py), each in one cell
    found = [(p.name, i.code, i.params) for p, r in results.items() for i in r.issues if i.code in PERSONAL_DATA_CODES]
    assert [(code, params) for _, code, params in found] == [("personal-data", {"kind": "JMBG"})] * 3, found
