"""A configuration without `last_period`, worked out for a day months after the plan's end: the master, the
Overview and `apmon sync status` stop at the plan's last month, and no month after it is owed by anyone (a
Coordinator expects nothing owed once the plan is over unless `last_period` says otherwise). A real run: the
demo's report files (the project's own demo code) in a folder, a real SQLite ledger, the real command. The
expected counts come from the files the demo wrote and the plan file's end date, never from the code under test."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from apmon.cli.app import app
from apmon.schemas.calendar import Period, WorkingCalendar
from apmon.sync.config import load_config
from apmon.sync.demo_data import DemoSubmission
from apmon.sync.reports import brief_due
from apmon.sync.service import open_ledger
from apmon.templates.plan_file import load_plan, load_registry
from tests.owed_months import assert_overview_owes, month_span, owed, plan_day, sheet_under, synced_demo

runner = CliRunner()
FIRST = "2018-11"  # the plan's last two months
AS_OF = dt.date(2019, 6, 30)  # half a year after the plan's end


def _plan_end() -> str:
    return f"{plan_day('end'):%Y-%m}"


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[DemoSubmission]]:
    sync = f'first_period = "{FIRST}"\nas_of = {AS_OF.isoformat()}\nmaster_lang = "en"\n'
    return synced_demo(tmp_path_factory.mktemp("after"), 5, FIRST, _plan_end(), sync)


def _expected(written: list[DemoSubmission], code: str) -> dict[str, int]:
    """The monthly reports `code` owed, counted from the demo's files: each month from the master's first month to
    the plan file's end."""
    return owed(written, code, month_span(FIRST, _plan_end()))  # an annual report's period is a year: no month


def test_the_master_shows_no_month_after_the_plan(world: tuple[Path, list[DemoSubmission]]) -> None:
    folder, _ = world
    header, rows, _ = sheet_under(folder / "master.xlsx", "Submissions", "Institution")
    shown = [str(h) for h in header if h and str(h)[:4].isdigit() and len(str(h)) == 7]
    assert shown == month_span(FIRST, _plan_end())
    assert len(rows) > 20


def test_the_overview_owes_no_month_after_the_plan(world: tuple[Path, list[DemoSubmission]]) -> None:
    folder, written = world
    assert_overview_owes(folder / "master.xlsx", written, month_span(FIRST, _plan_end()))


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
    assert result.exit_code == 2, result.output  # a month after the plan is typed wrong: a usage error
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
