"""A master whose first month comes before the plan's start: the months before it are owed by no one, on the
Overview and the Indicators sheet as on the Submissions sheet and in `apmon sync status`. A real run: the demo's
report files (the project's own demo code) in a folder, a real SQLite ledger, the real command. The expected
counts come from the files the demo wrote and the plan file's start date, never from the code under test."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from apmon.cli.app import app
from apmon.schemas.calendar import Period
from apmon.sync.consolidate import Submission, consolidate
from apmon.sync.demo_data import DemoSubmission
from apmon.sync.findings import ConsolidationSettings
from tests.owed_months import assert_overview_owes, month_span, owed, plan_day, sheet_under, synced_demo
from tests.pure_data import PLAN, REGISTRY, indicator, report

runner = CliRunner()
FIRST, REPORTS_FROM, LAST = "2016-11", "2017-01", "2017-03"  # the master starts two months before the plan
AS_OF = dt.date(2017, 5, 2)  # every deadline of the months shown has passed


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[DemoSubmission]]:
    sync = f'first_period = "{FIRST}"\nlast_period = "{LAST}"\nas_of = {AS_OF.isoformat()}\nmaster_lang = "en"\n'
    return synced_demo(tmp_path_factory.mktemp("owed"), 7, REPORTS_FROM, LAST, sync)


def _owed_months() -> list[str]:
    """The months of the master from the later of its first month and the plan file's start."""
    return [m for m in month_span(FIRST, LAST) if m >= f"{plan_day('start'):%Y-%m}"]


def _expected(written: list[DemoSubmission], code: str) -> dict[str, int]:
    return owed(written, code, _owed_months())


def test_the_overview_counts_no_month_before_the_plan_as_owed(world: tuple[Path, list[DemoSubmission]]) -> None:
    """No report of a month before the plan is in this world (the sync refuses one as period-outside-plan), so the
    Overview is wrong here only with both places that leave such months out broken. Each alone is caught elsewhere:
    Submissions' cell by the tests below, the Overview's due months by test_next_plan's
    test_the_overview_counts_none_of_the_old_plans_reports_shown_on_submissions (the old plan's reports accepted)."""
    folder, written = world
    assert_overview_owes(folder / "master.xlsx", written, _owed_months())


def test_the_overview_and_the_submissions_sheet_agree_month_by_month(
    world: tuple[Path, list[DemoSubmission]],
) -> None:
    folder, _ = world
    _, overview, _ = sheet_under(folder / "master.xlsx", "Overview", "Code")
    _, submissions, _ = sheet_under(folder / "master.xlsx", "Submissions", "Institution")
    for row in submissions:
        words = [
            re.sub(r" \(.*", "", str(row[m] or "")) for m in month_span(FIRST, LAST)
        ]  # the state without its time or days late
        assert words[:2] == ["not required", "not required"], row["Institution"]
        shown = next(r for r in overview if r["Code"] == row["Institution"])
        assert shown["Monthly: missing"] == words.count("missing")
        assert shown["Monthly: invalid"] == words.count("invalid")
        assert shown["Monthly: on time"] + shown["Monthly: late"] == words.count("on time") + words.count("late")


def test_sync_status_owes_no_month_before_the_plan(world: tuple[Path, list[DemoSubmission]]) -> None:
    folder, written = world
    result = runner.invoke(app, ["sync", "status", "--config", str(folder / "apmon.toml"), "--json"])
    assert result.exit_code == 0, result.output
    shown = json.loads(result.output)
    for code, months in shown["institutions"].items():
        assert months[FIRST] == months["2016-12"] == "not required", code
        assert list(months.values()).count("missing") == _expected(written, code)["missing"], code


def test_the_indicators_sheet_marks_no_month_before_the_plan_as_missing() -> None:
    """A plan that starts in April 2018: MUP's April report gives an indicator, and the months before April, on the
    same row of the year, are owed by no one (empty, not marked missing), as Submissions shows them."""
    plan = PLAN.model_copy(update={"start": dt.date(2018, 4, 1)})
    april = report("MUP", "2018-04", indicators=[indicator("1.1.i1", 5, total=3)])
    accepted = [
        Submission(file=april.source, received_at=dt.datetime(2018, 5, 4, tzinfo=dt.UTC), readable=True, valid=True,
                   institution="MUP", period="2018-04", kind="monthly", on_time=True, days_late=0, report=april)
    ]  # fmt: skip
    settings = ConsolidationSettings(
        first=Period.parse("2018-01"), last=Period.parse("2018-05"), as_of=dt.date(2018, 7, 1), lang="en"
    )
    tables = {t.sheet: t for t in consolidate(plan, REGISTRY, accepted, accepted, settings)}
    indicators = tables["Indicators"]
    row = next(i for i, r in enumerate(indicators.rows) if r[:4:3] == ["1.1.i1", "MUP"])
    missing = sorted(h.column for h in indicators.highlights if h.row == row and h.mark == "missing")
    assert missing == ["m05"]  # May is owed and did not come; January to March are before the plan
    submissions = tables["Submissions"]
    mup = next(r for r in submissions.rows if r[0] == "MUP")
    assert mup[1:4] == ["not required"] * 3


def test_the_council_report_owes_no_month_before_the_plan(world: tuple[Path, list[DemoSubmission]]) -> None:
    """The first Council report (no --from: the configuration's first month, 2016-11) starts with the plan, and
    its reporting discipline counts what the files say."""
    folder, written = world
    args = ["report", "council", "--to", LAST, "--config", str(folder / "apmon.toml"), "--lang", "en", "--draft"]
    result = runner.invoke(app, [*args, "--json"])
    assert result.exit_code == 0, result.output
    issued = json.loads(result.output)
    assert issued["first"] == REPORTS_FROM
    xlsx = next(Path(p) for p in issued["files"] if p.endswith(".xlsx"))
    rows = list(
        openpyxl.load_workbook(xlsx, read_only=True)["Reporting discipline"].iter_rows(min_row=4, values_only=True)
    )
    got = {r[0]: {"on_time": r[1], "late": r[2], "invalid": r[4], "missing": r[5]} for r in rows if r[0]}
    assert got == {code: _expected(written, code) for code in got}
    assert len(got) > 20


def test_a_report_of_a_month_before_the_plan_is_not_counted_as_owed_on_the_overview() -> None:
    """A plan that starts in April 2018, on a master from January: MUP's February report (the earlier plan's) is
    shown on Submissions, but this plan owed it no more than the January and March that did not come. Counting it
    made the Overview's "received of due" count a month before the plan only when a report came."""
    plan = PLAN.model_copy(update={"start": dt.date(2018, 4, 1)})

    def sent(period: str, received: dt.datetime) -> Submission:
        made = report("MUP", period, indicators=[indicator("1.1.i1", 5, total=3)])
        return Submission(file=made.source, received_at=received, readable=True, valid=True, institution="MUP",
                          period=period, kind="monthly", on_time=True, days_late=0, report=made)  # fmt: skip

    accepted = [
        sent("2018-02", dt.datetime(2018, 3, 5, tzinfo=dt.UTC)),
        sent("2018-04", dt.datetime(2018, 5, 4, tzinfo=dt.UTC)),
    ]
    settings = ConsolidationSettings(
        first=Period.parse("2018-01"), last=Period.parse("2018-05"), as_of=dt.date(2018, 7, 1), lang="en"
    )
    tables = {t.sheet: t for t in consolidate(plan, REGISTRY, accepted, accepted, settings)}
    overview = tables["Overview"]
    keys = [c.key for c in overview.columns]
    mup = dict(zip(keys, next(r for r in overview.rows if r[0] == "MUP"), strict=True))
    # April came on time, May did not: the two months of the plan whose deadline has passed.
    assert (mup["on_time"], mup["late"], mup["invalid"], mup["missing"]) == (1, 0, 0, 1)
