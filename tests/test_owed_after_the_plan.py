"""A configuration without `last_period`, worked out for a day months after the plan's end: the master, the
Overview and `apmon sync status` stop at the plan's last month, and no month after it is owed by anyone (a
Coordinator expects nothing owed once the plan is over unless `last_period` says otherwise). A real run: the
demo's report files (the project's own demo code) in a folder, a real SQLite ledger, the real command. The
expected counts come from the files the demo wrote and the plan file's end date, never from the code under test."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import yaml
from typer.testing import CliRunner

from apmon.cli.app import app
from apmon.schemas.calendar import Period, WorkingCalendar
from apmon.sync.config import load_config
from apmon.sync.demo_data import DemoSubmission, write_demo_reports
from apmon.sync.reports import brief_due
from apmon.sync.service import open_ledger
from apmon.templates.plan_file import DEFAULT_PLAN, load_plan, load_registry

runner = CliRunner()
FIRST = "2018-11"  # the plan's last two months
AS_OF = dt.date(2019, 6, 30)  # half a year after the plan's end


def _plan_end() -> str:
    end: dt.date = yaml.safe_load(DEFAULT_PLAN.read_text(encoding="utf-8"))["end"]
    return f"{end:%Y-%m}"


def _months(first: str, last: str) -> list[str]:
    year, month, found = int(first[:4]), int(first[5:]), []
    while f"{year}-{month:02d}" <= last:
        found.append(f"{year}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return found


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[DemoSubmission]]:
    folder = tmp_path_factory.mktemp("after")
    registry = load_registry()
    plan = load_plan(None, registry)
    written = write_demo_reports(
        plan, registry, folder / "reports", seed=5, first=FIRST, last=_plan_end(), calendar=WorkingCalendar()
    )
    config = folder / "apmon.toml"
    config.write_text(
        f'[sync]\ndata_dir = "."\nfirst_period = "{FIRST}"\nas_of = {AS_OF.isoformat()}\nmaster_lang = "en"\n',
        encoding="utf-8",
    )
    result = runner.invoke(app, ["sync", "run", "--config", str(config)])
    assert result.exit_code == 0, result.output
    return folder, written


def _monthly(written: list[DemoSubmission]) -> list[DemoSubmission]:
    return [w for w in written if len(w.period) == 7]


def _expected(written: list[DemoSubmission], code: str) -> dict[str, int]:
    """The monthly reports `code` owed, counted from the demo's files: each month from the master's first month to
    the plan file's end, by the newest valid file of the month, else an invalid one, else none."""
    counts = dict.fromkeys(("on_time", "late", "invalid", "missing"), 0)
    for month in _months(FIRST, _plan_end()):
        files = [w for w in _monthly(written) if w.institution == code and w.period == month]
        valid = [w for w in files if not w.invalid]
        state = ("late" if valid[-1].late else "on_time") if valid else "invalid" if files else "missing"
        counts[state] += 1
    return counts


def _sheet(master: Path, sheet: str, header: str) -> tuple[list[Any], list[dict[str, Any]], list[str]]:
    rows = list(openpyxl.load_workbook(master, read_only=True)[sheet].iter_rows(values_only=True))
    at = next(i for i, row in enumerate(rows) if row[0] == header)
    data, notes = [], []
    for row in rows[at + 1 :]:
        if row[0] is not None and row[1] is not None:
            data.append(dict(zip(rows[at], row, strict=False)))
        elif row[0] is not None:
            notes.append(str(row[0]))
    return list(rows[at]), data, notes


def test_the_master_shows_no_month_after_the_plan(world: tuple[Path, list[DemoSubmission]]) -> None:
    folder, _ = world
    header, rows, _ = _sheet(folder / "master.xlsx", "Submissions", "Institution")
    months = [str(h) for h in header if h and str(h)[:4].isdigit() and len(str(h)) == 7]
    assert months == _months(FIRST, _plan_end())
    assert len(rows) > 20


def test_the_overview_owes_no_month_after_the_plan(world: tuple[Path, list[DemoSubmission]]) -> None:
    folder, written = world
    _, overview, notes = _sheet(folder / "master.xlsx", "Overview", "Code")
    assert len(overview) > 20
    got = {
        r["Code"]: {
            "on_time": r["Monthly: on time"],
            "late": r["Monthly: late"],
            "invalid": r["Monthly: invalid"],
            "missing": r["Monthly: missing"],
        }
        for r in overview
    }
    expected = {code: _expected(written, code) for code in got}
    assert got == expected
    reported = sum(e["on_time"] + e["late"] for e in expected.values())
    due = sum(sum(e.values()) for e in expected.values())
    assert f"Monthly reports received: {reported} of {due} due" in "\n".join(notes)


def test_sync_status_owes_no_month_after_the_plan(world: tuple[Path, list[DemoSubmission]]) -> None:
    folder, written = world
    result = runner.invoke(app, ["sync", "status", "--config", str(folder / "apmon.toml"), "--json"])
    assert result.exit_code == 0, result.output
    shown = json.loads(result.output)
    for code, months in shown["institutions"].items():
        assert not [m for m in months if len(m) == 7 and m > _plan_end()], code
        assert list(months.values()).count("missing") >= _expected(written, code)["missing"], code


def _after_the_plan() -> str:
    end = _plan_end()
    return f"{int(end[:4]) + 1}-03"  # a month well after the plan's end, its deadline passed by AS_OF


@pytest.mark.parametrize(
    "args", [["minister", "--period", _after_the_plan()], ["council", "--to", _after_the_plan()]], ids=str
)
def test_no_report_is_made_for_a_month_after_the_plan(
    world: tuple[Path, list[DemoSubmission]], args: list[str]
) -> None:
    """A brief or a Council report of a month after the plan would count every institution as missing."""
    folder, _ = world
    config = str(folder / "apmon.toml")
    result = runner.invoke(app, ["report", *args, "--config", config, "--draft", "--lang", "en", "--out", str(folder)])
    assert result.exit_code == 1, result.output
    said = " ".join(result.output.split())
    asked = f"March {_after_the_plan()[:4]}"  # the month asked for, in the reader's words
    end = dt.date.fromisoformat(f"{_plan_end()}-01")
    assert f"ends in {end:%B %Y}:" in said and f"no reports are due for {asked}" in said  # the plan's end in words
    assert f"{args[1]} {_plan_end()} or an earlier month" in said  # the month to type, as the option takes it
    assert not list(folder.glob("*.pdf"))


def test_the_scheduled_brief_stops_after_the_plan(world: tuple[Path, list[DemoSubmission]]) -> None:
    """Once the plan's last month has its brief, the scheduled job issues none for the months after it."""
    folder, _ = world
    settings = load_config(folder / "apmon.toml")
    ledger = open_ledger(settings)
    try:
        assert brief_due(settings, load_plan(None, load_registry()), ledger, dt.date(2019, 4, 20)) is None
    finally:
        ledger.close()


def test_the_plan_s_last_brief_is_issued_in_the_month_after_next(tmp_path: Path) -> None:
    """The brief waits `days_after_deadline` (up to 60) days after the deadline: for the plan's last month that
    can fall in the month after the one after it, where every other month's brief still comes; the job must not
    stop at the month after the plan (a month nobody owes) before it looks at the plan's last month."""
    config = tmp_path / "apmon.toml"
    config.write_text(
        '[sync]\ndata_dir = "."\nfirst_period = "2018-11"\n[reports]\nminister_after_deadline = true\n'
        "days_after_deadline = 25\n",
        encoding="utf-8",
    )
    settings = load_config(config)
    last = _plan_end()
    calendar = WorkingCalendar(settings.deadlines)
    today = calendar.due_date(Period.parse(last)).due + dt.timedelta(days=25)
    after = Period(year=int(last[:4]) + int(last[5:]) // 12, month=int(last[5:]) % 12 + 1)
    assert (today.year, today.month) > (after.year, after.month or 0), "the brief's day is past the month after"
    ledger = open_ledger(settings)  # a real, empty SQLite ledger: no brief issued yet
    try:
        assert str(brief_due(settings, load_plan(None, load_registry()), ledger, today)) == last
    finally:
        ledger.close()
