"""The annual evaluation made before the year's annual reports are due (found trying the year's end on the demo,
December 2026: on its day, 31 January 2019, `apmon report annual --year 2018` said "5 of 14 institutions sent their
annual report" and proposed every activity's assessment, issued as the year's evaluation, with no word that the
others had until 18 February 2019 to send theirs). Now the command warns and the report's summary says the
evaluation is provisional, with the due date and who has not sent a report yet; once the deadline has passed, the
summary names who sent no valid annual report. Who owes one is worked out from the plan and registry files
(`tests.test_duties.expected_duties`), who sent one from the files the demo wrote, never by the report code."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from apmon.cli.app import app
from apmon.schemas.institutions import InstitutionRegistry
from apmon.schemas.plan import Plan
from apmon.sync.demo_data import DemoSubmission, write_demo_reports
from tests.test_duties import expected_duties
from tests.test_reports import pdf_text

runner = CliRunner()
# 15 February 2019 is a Friday and Statehood Day (15-16 February): the next working day is Monday 18 February.
DUE_2018 = "18 Feb 2019"


@pytest.fixture(scope="module")
def demo(plan: Plan, registry: InstitutionRegistry, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list]:
    folder = tmp_path_factory.mktemp("yearend")
    written = write_demo_reports(
        plan, registry, folder / "reports", first="2018-11", last="2018-12", until=dt.date(2019, 1, 31)
    )
    config = configured(folder, "2019-01-31")
    result = runner.invoke(app, ["sync", "run", "--config", str(config)])
    assert result.exit_code == 0, result.output
    return folder, written


def configured(folder: Path, day: str) -> Path:
    path = folder / f"apmon-{day}.toml"
    path.write_text(
        f'[sync]\ndata_dir = "{folder.as_posix()}"\nfolder = "{(folder / "reports").as_posix()}"\n'
        f'first_period = "2018-11"\nlast_period = "2018-12"\nas_of = {day}\n',
        encoding="utf-8",
    )
    return path


def not_sent(written: list[DemoSubmission]) -> list[str]:
    """Who owes an annual report (an institution with tasks) and has no valid one for 2018 among the files."""
    sent = {s.institution for s in written if s.period == "2018" and not s.invalid}
    owed = sorted(code for code, duty in expected_duties().items() if duty == "tasks")
    assert sent and set(owed) - sent, "the demo has some annual reports of 2018 in by 31 January 2019, not all"
    return [code for code in owed if code not in sent]


def summary(xlsx: Path) -> str:
    sheet = load_workbook(xlsx).worksheets[0]
    return " ".join(" ".join(str(c) for c in row if c) for row in sheet.iter_rows(values_only=True))


def test_an_annual_evaluation_before_the_deadline_is_said_provisional(demo: tuple[Path, list]) -> None:
    folder, written = demo
    out = folder / "out"
    args = ["report", "annual", "--year", "2018", "--draft", "--out", str(out), "--lang", "en"]
    result = runner.invoke(app, [*args, "--config", str(configured(folder, "2019-01-31"))])
    assert result.exit_code == 0, result.output
    missing = not_sent(written)
    warned = " ".join(result.stderr.split())
    assert f"Warning: the annual reports for 2018 are due by {DUE_2018}, which has not passed" in warned, warned
    assert "provisional" in warned and f"{len(missing)} of" in warned, warned
    said = summary(out / "annual-2018-en.xlsx")
    assert f"The annual reports for 2018 are due by {DUE_2018}" in said and "provisional" in said, said
    assert f"Not yet sent by: {', '.join(missing)}." in said, said
    assert f"Not yet sent by: {', '.join(missing)}." in " ".join(pdf_text(out / "annual-2018-en.pdf").split())


def test_after_the_deadline_the_summary_names_who_sent_no_annual_report(demo: tuple[Path, list]) -> None:
    folder, written = demo
    out = folder / "out-after"
    args = ["report", "annual", "--year", "2018", "--draft", "--out", str(out), "--lang", "en"]
    result = runner.invoke(app, [*args, "--config", str(configured(folder, "2019-02-19"))])
    assert result.exit_code == 0, result.output
    assert "provisional" not in result.stderr
    said = summary(out / "annual-2018-en.xlsx")
    assert "provisional" not in said
    assert f"No valid annual report for 2018 from: {', '.join(not_sent(written))}." in said, said


def test_on_the_due_day_the_deadline_has_not_passed(demo: tuple[Path, list]) -> None:
    folder, _ = demo
    args = ["report", "annual", "--year", "2018", "--draft", "--out", str(folder / "out-due"), "--lang", "sr-Latn"]
    result = runner.invoke(app, [*args, "--config", str(configured(folder, "2019-02-18"))])
    assert result.exit_code == 0, result.output
    assert "Upozorenje: rok za godišnje izveštaje za 2018. godinu je 18.02.2019." in " ".join(result.stderr.split())


def test_the_published_report_before_the_deadline_is_warned_of_too(demo: tuple[Path, list]) -> None:
    folder, written = demo
    args = ["report", "public", "--year", "2018", "--draft", "--out", str(folder / "out-public"), "--lang", "en"]
    result = runner.invoke(app, [*args, "--config", str(configured(folder, "2019-01-31"))])
    assert result.exit_code == 0, result.output
    warned = " ".join(result.stderr.split())
    assert f"the annual reports for 2018 are due by {DUE_2018}, which has not passed" in warned, warned
    assert f"yet: {len(not_sent(written))} of {len(expected_duties_with_tasks())}." in warned, warned
    said = summary(folder / "out-public" / "public-2018-en.xlsx")
    assert f"annual reports for 2018 are due by {DUE_2018}, which has not passed: this report is provisional" in said
    assert not any(code in said for code in not_sent(written))  # who has not sent is internal


def expected_duties_with_tasks() -> list[str]:
    return [code for code, duty in expected_duties().items() if duty == "tasks"]
