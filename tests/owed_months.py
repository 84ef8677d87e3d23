"""A master made by a real `apmon sync run` from the demo's report files, and what its months owe counted from those
files alone (never from the code under test): shared by the tests of a master starting before the plan's first month
(test_owed_before_the_plan) and running on after its last (test_owed_after_the_plan)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import openpyxl
import yaml
from typer.testing import CliRunner

from apmon.cli.app import app
from apmon.schemas.calendar import WorkingCalendar
from apmon.sync.demo_data import DemoSubmission, write_demo_reports
from apmon.templates.plan_file import DEFAULT_PLAN, load_plan, load_registry

STATES = ("on_time", "late", "invalid", "missing")


def month_span(first: str, last: str) -> list[str]:
    """Every month from `first` to `last` ("YYYY-MM"), both in."""
    year, month, found = int(first[:4]), int(first[5:]), []
    while f"{year}-{month:02d}" <= last:
        found.append(f"{year}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return found


def synced_demo(folder: Path, seed: int, first: str, last: str, sync: str) -> tuple[Path, list[DemoSubmission]]:
    """The demo's monthly reports of `first` to `last` written into `folder`/reports, then `apmon sync run` with the
    `[sync]` lines `sync` (the master in `folder`); `folder` and the files written."""
    registry = load_registry()
    written = write_demo_reports(
        load_plan(None, registry), registry, folder / "reports", seed=seed, first=first, last=last,
        calendar=WorkingCalendar(),
    )  # fmt: skip
    config = folder / "apmon.toml"
    config.write_text(f'[sync]\ndata_dir = "."\n{sync}', encoding="utf-8")
    result = CliRunner().invoke(app, ["sync", "run", "--config", str(config)])
    assert result.exit_code == 0, result.output
    return folder, written


def sheet_under(master: Path, sheet: str, header: str) -> tuple[list[Any], list[dict[str, Any]], list[str]]:
    """A master sheet's header row (found by its first cell's text), the rows under it by header, and the notes
    below them."""
    rows = list(openpyxl.load_workbook(master, read_only=True)[sheet].iter_rows(values_only=True))
    at = next(i for i, row in enumerate(rows) if row[0] == header)
    data, notes = [], []
    for row in rows[at + 1 :]:
        if row[0] is not None and row[1] is not None:
            data.append(dict(zip(rows[at], row, strict=False)))
        elif row[0] is not None:
            notes.append(str(row[0]))
    return list(rows[at]), data, notes


def owed(written: list[DemoSubmission], code: str, owed_months: list[str]) -> dict[str, int]:
    """The monthly reports `code` owed in `owed_months`, counted from the demo's files: each month by the newest valid
    file of the month (on time or late), else an invalid one, else none."""
    counts = dict.fromkeys(STATES, 0)
    for month in owed_months:
        files = [w for w in written if w.institution == code and w.period == month]
        valid = [w for w in files if not w.invalid]
        state = ("late" if valid[-1].late else "on_time") if valid else "invalid" if files else "missing"
        counts[state] += 1
    return counts


def assert_overview_owes(master: Path, written: list[DemoSubmission], owed_months: list[str]) -> None:
    """The master's Overview counts each institution's monthly reports of `owed_months` as the files say, and its
    note the reports received of those due."""
    _, overview, notes = sheet_under(master, "Overview", "Code")
    assert len(overview) > 20  # every institution that reports
    columns = dict(
        zip(STATES, ("Monthly: on time", "Monthly: late", "Monthly: invalid", "Monthly: missing"), strict=True)
    )
    got = {row["Code"]: {state: row[column] for state, column in columns.items()} for row in overview}
    expected = {code: owed(written, code, owed_months) for code in got}
    assert got == expected
    reported = sum(e["on_time"] + e["late"] for e in expected.values())
    due = sum(sum(e.values()) for e in expected.values())
    assert f"Monthly reports received: {reported} of {due} due" in "\n".join(notes)


def plan_day(key: str) -> dt.date:
    """The plan file's own `start` or `end`, as it says it."""
    day: dt.date = yaml.safe_load(DEFAULT_PLAN.read_text(encoding="utf-8"))[key]
    return day
