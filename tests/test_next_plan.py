"""The switch to the Action Plan 2019-2020 as the Coordinator's office makes it: the demo's 2017-2018 ledger and
reports folder kept, `plan` and `institutions` in apmon.toml pointed at the new files, the real commands run.
Expected figures are worked out here from the plan files, never by the code under test."""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Iterable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

import holidays
import openpyxl
import pytest
import yaml
from typer.testing import CliRunner

from apmon.cli.app import app
from apmon.schemas.calendar import BELGRADE, Period, WorkingCalendar
from apmon.sync.config import load_config
from apmon.sync.demo import build_demo
from apmon.sync.head_start import HeadStart
from apmon.sync.ledger import Ledger, VersionRow
from apmon.sync.parsing import ParseJob, ParseOutcome, Parser
from apmon.sync.run import RunSummary
from apmon.sync.service import sync_once
from apmon.sync.sources import FolderSource
from apmon.templates.layout import report_layout
from apmon.templates.plan_file import load_plan, load_plan_and_registry, load_registry
from tests.next_plan import NEW_INSTITUTION, NEW_TASK, REMOVED_TASK, write_next_plan
from tests.reports import complete_annual, complete_monthly, filled_report

runner = CliRunner()
T = TypeVar("T")


def _config(folder: Path, plan: str | None, last_period: str, as_of: dt.date) -> Path:
    lines = [f'plan = "{plan}"', 'institutions = "institutions-2019.yaml"'] if plan else []
    lines += [
        "[sync]",
        'data_dir = "data"',
        'first_period = "2018-09"',
        f'last_period = "{last_period}"',
        f"as_of = {as_of.isoformat()}",
        'master_lang = "en"',
    ]
    path = folder / ("apmon-next.toml" if plan else "apmon-old.toml")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def switched(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo's 2017-2018 world (real reports, real SQLite ledger), then the configuration switched to the new
    plan and one sync run made with it."""
    folder = tmp_path_factory.mktemp("next")
    build_demo(folder / "data", seed=1)
    write_next_plan(folder)
    _config(folder, None, "2018-12", dt.date(2019, 1, 31))
    config = _config(folder, "plan-2019-2020.yaml", "2019-02", dt.date(2019, 3, 10))
    # The new institution's first report, on the new plan's template: its money is the new plan's.
    registry = load_registry(folder / "institutions-2019.yaml")
    plan = load_plan(folder / "plan-2019-2020.yaml", registry)
    month = folder / "data" / "reports" / "2019-01"
    month.mkdir()
    _, layout = filled_report(plan, registry, month, NEW_INSTITUTION, "2019-01", {}, name="MDULS_2019-01.xlsx")
    report, _ = filled_report(
        plan, registry, month, NEW_INSTITUTION, "2019-01", complete_monthly(layout), name="MDULS_2019-01.xlsx"
    )
    sent = dt.datetime(2019, 2, 6, 10, 0, tzinfo=BELGRADE).timestamp()  # on time, before the master's day (as_of)
    os.utime(report, (sent, sent))
    result = runner.invoke(app, ["sync", "run", "--config", str(config)])
    assert result.exit_code == 0, result.output
    return folder


def _rows(master: Path, sheet: str, header: str) -> list[dict[str, Any]]:
    book = openpyxl.load_workbook(master, read_only=True)
    rows = list(book[sheet].iter_rows(values_only=True))
    at = next(i for i, row in enumerate(rows) if row[0] == header)
    return [dict(zip(rows[at], row, strict=False)) for row in rows[at + 1 :] if row[0] and row[1] is not None]


def _planned_by_currency(plan_file: Path) -> dict[str, Decimal]:
    """Every amount of the plan file once: its task lines with money, plus each section 11 Part 2 figure of an
    institution and year that has no state-budget RSD task line (the design's counting rules)."""
    data = yaml.safe_load(plan_file.read_text(encoding="utf-8"))
    total: dict[str, Decimal] = {}
    with_lines = set()
    for task in (t for o in data["objectives"] for a in o["activities"] for t in a["tasks"]):
        for line in task.get("budget", []):
            if line.get("amount") is not None and line.get("currency"):
                total[line["currency"]] = total.get(line["currency"], Decimal(0)) + Decimal(str(line["amount"]))
                if line["source"] == "state-budget" and line["currency"] == "RSD":
                    with_lines.add((line.get("payer") or task["lead"][0], line.get("year")))
    for figure in data["financial_effects"]["action_plan"]["totals"]:
        amount = Decimal(str(figure["amount"]))
        if amount > 0 and (figure["institution"], figure["year"]) not in with_lines:
            total["RSD"] = total.get("RSD", Decimal(0)) + amount
    return total


def test_old_plans_money_and_statuses_stay_out_of_the_new_plans_master(switched: Path) -> None:
    budget = _rows(switched / "data" / "master.xlsx", "Budget", "Institution")
    # Only the new plan's years, and only what was reported on its template spent: MDULS's one 2019 line, 3.000.
    assert {row["Year"] for row in budget} <= {"2019", "2020", "2019-2020"}
    spent = [(row["Institution"], row["Year"], row["Spent"]) for row in budget if row["Spent"] is not None]
    assert spent == [(NEW_INSTITUTION, "2019", 3000)]
    planned: dict[str, Decimal] = {}
    for row in budget:
        planned[row["Currency"]] = planned.get(row["Currency"], Decimal(0)) + Decimal(str(row["Planned"]))
    assert planned == _planned_by_currency(switched / "plan-2019-2020.yaml")
    status = _rows(switched / "data" / "master.xlsx", "Status", "Level")
    tasks = {row["Id"]: row for row in status if row["Level"] == "task"}
    assert NEW_TASK in tasks and REMOVED_TASK not in tasks
    # A task carried over with its id starts the new plan unreported: 2018's "completed" is not its status.
    assert {i: row["Status"] for i, row in tasks.items() if row["Status"] != "not reported"} == {
        NEW_TASK: "in progress"
    }
    assert [i for i, row in tasks.items() if row["Latest progress"]] == [NEW_TASK]


def test_an_institution_new_to_the_plan_owes_nothing_before_it(switched: Path) -> None:
    submissions = _rows(switched / "data" / "master.xlsx", "Submissions", "Institution")
    row = next(r for r in submissions if r["Institution"] == NEW_INSTITUTION)
    months = {k: v for k, v in row.items() if isinstance(k, str) and k[:4] in ("2018", "2019") and len(k) == 7}
    assert {k for k, v in months.items() if v == "missing"} == {"2019-02"}, months  # 2019-01 came in


def test_the_overview_counts_for_an_institution_new_to_the_plan_only_the_months_it_owes(switched: Path) -> None:
    """The master shows 2018-09 to 2019-02; MDULS owes the new plan's months only (the plan file's start), and the
    one file it sent (in the reports folder) is one of them: one report in, one missing, as Submissions says."""
    start = yaml.safe_load((switched / "plan-2019-2020.yaml").read_text(encoding="utf-8"))["start"]
    owed = [m for m in ("2018-09", "2018-10", "2018-11", "2018-12", "2019-01", "2019-02") if m >= f"{start:%Y-%m}"]
    sent = {p.parent.name for p in (switched / "data" / "reports").rglob(f"{NEW_INSTITUTION}_*.xlsx")}
    overview = _rows(switched / "data" / "master.xlsx", "Overview", "Code")
    row = next(r for r in overview if r["Code"] == NEW_INSTITUTION)
    counts = [row[f"Monthly: {k}"] for k in ("on time", "late", "invalid", "missing")]
    assert sum(counts[:2]) == len(sent) == 1
    assert counts[2:] == [0, len(owed) - len(sent)]


def test_the_overview_counts_none_of_the_old_plans_reports_shown_on_submissions(switched: Path) -> None:
    """The master shows 2018-09 to 2019-02 under the new plan: the old plan's reports of 2018 came and are shown on
    Submissions, but the new plan owes only its own months (the plan file's start). Every institution's Overview
    counts only those, as its files in the reports folder say: a file of the month came, else it is missing (the
    master's day, 10 March 2019, is past both months' deadlines). Counting the 2018 reports raised every rate."""
    start = yaml.safe_load((switched / "plan-2019-2020.yaml").read_text(encoding="utf-8"))["start"]
    owed = [m for m in ("2018-09", "2018-10", "2018-11", "2018-12", "2019-01", "2019-02") if m >= f"{start:%Y-%m}"]
    reports = switched / "data" / "reports"
    submissions = _rows(switched / "data" / "master.xlsx", "Submissions", "Institution")
    assert any(str(row["2018-12"]).startswith(("on time", "late")) for row in submissions)  # the premise: shown
    overview = _rows(switched / "data" / "master.xlsx", "Overview", "Code")
    assert len(overview) > 20
    for row in overview:
        sent = {month for month in owed if any((reports / month).glob(f"{row['Code']}_*.xlsx"))}
        counts = [row[f"Monthly: {k}"] for k in ("on time", "late", "invalid", "missing")]
        assert (sum(counts[:2]), counts[2], counts[3]) == (len(sent), 0, len(owed) - len(sent)), row["Code"]


def test_a_plans_template_is_not_built_for_a_month_before_it(tmp_path: Path) -> None:
    plan_file, registry_file = write_next_plan(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    files = ["--plan", str(plan_file), "--institutions", str(registry_file)]
    result = runner.invoke(app, ["template", "build", "--all", "--period", "2018-06", *files, "--out", str(out)])
    assert result.exit_code == 2, result.output
    assert "ap-2019-2020" in result.output and "jun 2018." in result.output  # the month in words
    assert list(out.iterdir()) == []


def test_the_old_plan_is_reported_on_after_its_end_until_the_next_is_in_force(tmp_path: Path) -> None:
    """Until the next plan is adopted, the institutions go on reporting on the old plan's tasks: its templates are
    built for a month after it, and such a report is valid (a report of a month before a plan is not)."""
    result = runner.invoke(
        app, ["template", "build", "--institution", "MUP", "--period", "2019-01", "--out", str(tmp_path)]
    )
    assert result.exit_code == 0, result.output
    registry = load_registry()
    plan = load_plan(None, registry)
    path, layout = filled_report(plan, registry, tmp_path, "MUP", "2019-01", {}, name="MUP_2019-01.xlsx")
    filled_report(plan, registry, tmp_path, "MUP", "2019-01", complete_monthly(layout), name="MUP_2019-01.xlsx")
    result = runner.invoke(app, ["validate", str(path), "--json"])
    assert result.exit_code == 0, result.output


def test_a_report_of_a_month_before_its_plan_gets_a_located_error(tmp_path: Path) -> None:
    plan_file, registry_file = write_next_plan(tmp_path)
    registry = load_registry(registry_file)
    plan = load_plan(plan_file, registry)
    path, layout = filled_report(plan, registry, tmp_path, "MUP", "2018-06", {}, name="MUP_2018-06.xlsx")
    filled_report(plan, registry, tmp_path, "MUP", "2018-06", complete_monthly(layout), name="MUP_2018-06.xlsx")
    files = ["--plan", str(plan_file), "--institutions", str(registry_file)]
    result = runner.invoke(app, ["validate", str(path), *files, "--json"])
    assert result.exit_code == 1, result.output
    assert '"code": "period-outside-plan"' in result.output and '"cell": "B4"' in result.output


def test_the_2018_annual_evaluation_is_made_after_the_switch_with_the_old_plans_configuration(switched: Path) -> None:
    """The 2018 annual evaluation after the switch: made with the old plan's configuration on the same ledger."""
    out = switched / "annual"
    result = runner.invoke(
        app, ["report", "annual", "--year", "2018", "--config", str(switched / "apmon-old.toml"), "--out", str(out)]
    )
    assert result.exit_code == 0, result.output


def test_texts_exported_from_the_old_plan_are_refused_by_the_new_one_for_that_reason(switched: Path) -> None:
    exported = switched / "texts-old.xlsx"
    old, new = str(switched / "apmon-old.toml"), str(switched / "apmon-next.toml")
    assert runner.invoke(app, ["plan", "texts", "export", str(exported), "--config", old]).exit_code == 0
    result = runner.invoke(app, ["plan", "texts", "import", str(exported), "--config", new, "--lang", "en"])
    assert result.exit_code == 1, result.output
    problems = [line for line in result.output.splitlines() if line.startswith("  ")]
    assert len(problems) == 1 and "ap-2017-2018" in problems[0] and "ap-2019-2020" in problems[0], result.output
    assert not (switched / "data" / "plan-texts-ap-2019-2020.yaml").exists()
    # The export of the new plan itself still goes in.
    exported = switched / "texts-new.xlsx"
    assert runner.invoke(app, ["plan", "texts", "export", str(exported), "--config", new]).exit_code == 0
    assert runner.invoke(app, ["plan", "texts", "import", str(exported), "--config", new]).exit_code == 0


def test_a_late_2018_report_under_the_new_plan_is_told_apart_from_a_wrong_template(switched: Path) -> None:
    """IRG's 2018 annual report, made from the old plan's template, sent in February 2019: the new plan cannot count
    it, and the message must not send IRG to the new plan's template (which has no 2018)."""
    registry = load_registry()
    plan = load_plan(None, registry)
    folder = switched / "late"
    folder.mkdir()
    path, _ = filled_report(plan, registry, folder, "IRG", "2018", {}, name="IRG_2018.xlsx")
    result = runner.invoke(app, ["validate", str(path), "--config", str(switched / "apmon-next.toml"), "--json"])
    assert result.exit_code == 1, result.output
    assert '"code": "report-of-earlier-plan"' in result.output and '"cell": "B2"' in result.output


def test_the_new_plans_first_council_report_starts_with_the_plan(switched: Path) -> None:
    """The master shows September 2018 on (first_period), but the first report to the Council under the new plan
    covers its own months, not the old plan's last ones."""
    out = switched / "council"
    config = str(switched / "apmon-next.toml")
    result = runner.invoke(app, ["report", "council", "--to", "2019-02", "--config", config, "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == [
        "council-2019-01-2019-02-en.pdf",
        "council-2019-01-2019-02-en.xlsx",
    ]


class _CountingParser(Parser):
    """The run's real parser, noting the name of every file a run hands it to parse."""

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.parsed: list[str] = []

    def map(self, jobs: Iterable[tuple[T, ParseJob]], expected: int) -> Iterator[tuple[T, ParseOutcome]]:
        def noted() -> Iterator[tuple[T, ParseJob]]:
            for tag, job in jobs:
                self.parsed.append(job.name)
                yield tag, job

        return super().map(noted(), expected)


def _sync(config: Path) -> list[str]:
    """The files one `apmon sync run` of `config` parsed."""
    return _sync_run(config)[0]


def _sync_run(config: Path) -> tuple[list[str], RunSummary]:
    """One `apmon sync run` of `config` (sync_once, as the command): the files it parsed, and what it said."""
    settings = load_config(config)
    plan, registry = load_plan_and_registry(settings.plan, settings.institutions, settings.sync.data_dir)
    calendar = WorkingCalendar(settings.deadlines)
    folder = FolderSource(settings.sync.reports_folder(), recursive=settings.sync.recursive)
    with _CountingParser(plan, registry, calendar, 1) as parser:
        summary = sync_once(settings, "cli", started=HeadStart(plan, registry, calendar, parser, folder))
    assert not summary.errors, summary.errors
    return parser.parsed, summary


def _annual_2018(config: Path) -> dict[str, str]:
    result = runner.invoke(app, ["sync", "status", "--config", str(config), "--json"])
    return {code: years["2018"] for code, years in json.loads(result.output)["annual"].items()}


def _late_2018_world(folder: Path) -> tuple[Path, Path, list[str], list[Path]]:
    """The demo's ledger and folder, the next plan, the old and the new configuration, and a 2018 annual report of
    each of the first three institutions that owe one and have not sent it, on the old plan's template, sent on
    20.02.2019 (after the deadline): the first filled in whole, the second filled in but for its first task's status
    (an error of its own), the third left as downloaded (a blank template, no one's report)."""
    build_demo(folder / "data", seed=1)
    write_next_plan(folder)
    old = _config(folder, None, "2018-12", dt.date(2019, 2, 20))
    new = _config(folder, "plan-2019-2020.yaml", "2019-02", dt.date(2019, 2, 20))
    registry = load_registry()
    plan = load_plan(None, registry)
    late = [code for code, state in _annual_2018(old).items() if state == "missing"][:3]
    reports = folder / "data" / "reports" / "2018"
    files = []
    for code, filled in zip(late, ("whole", "an error", "blank"), strict=True):
        name = f"{code}_2018_late.xlsx"
        path, layout = filled_report(plan, registry, reports, code, "2018", {}, name=name)
        if filled != "blank":
            edits = complete_annual(layout)
            # Above any figure its monthly reports gave as spent to date: the annual report is the year's last word.
            edits.update({("budget", row.key, "spent_year"): 10_000_000 for row in layout.sheet("budget").rows})
            if filled == "an error":
                del edits[("tasks", layout.sheet("tasks").rows[0].key, "status")]
            filled_report(plan, registry, reports, code, "2018", edits, name=name)
        sent = dt.datetime(2019, 2, 20, 10, 0, tzinfo=BELGRADE).timestamp()
        os.utime(path, (sent, sent))
        files.append(path)
    return old, new, late, files


def _working_days_late(deadline: dt.date, sent: dt.date) -> int:
    """Working days from a deadline (moved to the next working day when it falls on a holiday or weekend) to the day
    sent, by the Serbian public holidays (the holidays package)."""
    public = holidays.country_holidays("RS", years=deadline.year)

    def working(day: dt.date) -> bool:
        return day.weekday() < 5 and day not in public

    while not working(deadline):
        deadline += dt.timedelta(days=1)
    return sum(working(deadline + dt.timedelta(days=n)) for n in range(1, (sent - deadline).days + 1))


def _history(folder: Path, file: Path) -> list[VersionRow]:
    ledger = Ledger.open(f"sqlite:///{folder / 'data' / 'ledger.sqlite'}")
    return [v for v in ledger.versions() if v.file_name.endswith(file.name)]


def _names(parsed: list[str]) -> list[str]:
    return sorted(Path(name).name for name in parsed)


def test_a_late_2018_report_refused_under_the_new_plan_is_accepted_once_its_plan_is_monitored(tmp_path: Path) -> None:
    """A late 2018 annual report refused by the new plan's sync counts once a sync under the old plan's configuration
    runs on the same ledger: late by the day it was sent, the refusal kept, and read no more by either plan's runs."""
    old, new, (late, _, _), files = _late_2018_world(tmp_path)
    assert _names(_sync(new)) == sorted(f.name for f in files)
    assert _annual_2018(old)[late] == "missing"
    parsed, summary = _sync_run(old)
    assert _names(parsed) == sorted(f.name for f in files)  # judged again, under the plan they were made for
    assert [line for line in summary.done if "ap-2017-2018" in line and "1 valid" in line]
    days = _working_days_late(dt.date(2019, 2, 15), dt.date(2019, 2, 20))  # the annual report is due by 15 February
    assert _annual_2018(old)[late] == f"late ({days})"
    annual = [row for row in _rows(tmp_path / "data" / "master.xlsx", "Annual", "Year") if row["Institution"] == late]
    assert annual and {(row["Year"], row["Annual report"]) for row in annual} == {("2018", f"late ({days})")}
    history = _history(tmp_path, files[0])
    assert [v.valid for v in history] == [False, True]
    assert [i["code"] for i in history[0].issues] == ["report-of-earlier-plan"]  # the refusal, kept as it was
    assert (history[1].institution, history[1].period, history[1].days_late) == (late, "2018", days)
    # Read once: neither plan's runs parse it again, and the new plan's does not take it back.
    assert _sync(old) == []
    assert _sync(new) == []
    saved = dt.datetime(2019, 3, 1, 9, 0, tzinfo=BELGRADE).timestamp()
    os.utime(files[0], (saved, saved))  # saved again, the same content
    assert _sync(new) == []
    assert _sync(old) == []
    assert _annual_2018(old)[late] == f"late ({days})"
    assert len(_history(tmp_path, files[0])) == 2


def test_a_late_2018_report_invalid_under_its_own_plan_too_is_refused_for_its_errors_once(tmp_path: Path) -> None:
    """Judged again under its own plan, a report with errors there is refused for them, at their cells, as any
    report; once: the 2018 report then shows as sent with errors, not missing, and no run reads it again."""
    old, new, (_, invalid, _), files = _late_2018_world(tmp_path)
    _sync(new)
    _sync(old)
    assert _annual_2018(old)[invalid] == "invalid"
    first, again = _history(tmp_path, files[1])
    assert [i["code"] for i in first.issues] == ["report-of-earlier-plan"]
    assert not again.valid and (again.institution, again.period) == (invalid, "2018")
    errors = [i for i in again.issues if i["severity"] == "error"]
    assert errors and "report-of-earlier-plan" not in {i["code"] for i in errors}
    assert {(i["sheet"], i["cell"]) for i in errors} == {_status_cell(old, invalid)}  # its one error, no more
    assert all(i["sheet"] and i["cell"] for i in errors), errors
    assert _sync(old) == []
    assert _sync(new) == []
    assert _annual_2018(old)[invalid] == "invalid"


def _status_cell(config: Path, institution: str) -> tuple[str, str]:
    """(sheet, cell) of the first task's status on `institution`'s 2018 annual report of the old plan."""
    settings = load_config(config)
    plan, registry = load_plan_and_registry(settings.plan, settings.institutions, settings.sync.data_dir)
    layout = report_layout(plan, registry, institution, Period.parse("2018"), "en")
    return layout.cell_of("tasks", layout.sheet("tasks").rows[0].key, "status")


def test_a_late_2018_blank_template_judged_under_its_own_plan_is_set_aside_as_no_report(tmp_path: Path) -> None:
    """A 2018 template left as downloaded, refused by the new plan's run and judged again under its own: a blank
    template like any other, no one's report. Kept for audit, it counts nowhere: the 2018 report stays missing on
    `sync status` and the master (not invalid), the run names the file in a warning, and no run reads it again."""
    old, new, (_, _, blank), files = _late_2018_world(tmp_path)
    _sync(new)
    parsed, summary = _sync_run(old)
    assert files[2].name in _names(parsed)
    assert _annual_2018(old)[blank] == "missing"
    annual = [row for row in _rows(tmp_path / "data" / "master.xlsx", "Annual", "Year") if row["Institution"] == blank]
    assert {row["Annual report"] for row in annual if row["Year"] == "2018"} <= {"missing"}
    assert not [line for line in summary.done if files[2].name in line]  # not among the reports judged again
    assert [line for line in summary.warnings if files[2].name in line]  # named as a blank template
    first, *again = _history(tmp_path, files[2])
    assert [i["code"] for i in first.issues] == ["report-of-earlier-plan"]
    assert [v.set_aside for v in again] == ["blank-template"]  # kept for audit, set aside
    # nor is its refusal under the new plan a report of the old one to record: neither plan's status names it
    for config in (old, new):
        status = runner.invoke(app, ["sync", "status", "--json", "--config", str(config)])
        named = [n["file"] for n in json.loads(status.output)["not_reports"]]
        assert status.exit_code == 0 and not [f for f in named if f.endswith(files[2].name)], named
    assert first.set_aside == "blank-template"
    assert _sync(old) == []
    assert _sync(new) == []
    assert _annual_2018(old)[blank] == "missing"
