"""Who sent the year's annual report late, in the annual evaluation's summary (found trying the year's end on the demo,
December 2026: the evaluation said "13 od 14" institutions sent their annual report for 2017 and nothing of MPNTR's
and MRZBSP's coming after 19 February 2018, which the Coordinator could only find cell by cell on the master's
Submissions sheet). Expected from the files the demo wrote (their Submit time) and a count of working days made here:
the days from the due date to the day sent, Monday to Friday (no public holiday falls between 20 February and the end
of March 2018)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl import load_workbook
from typer.testing import CliRunner

from apmon.cli.app import app
from apmon.schemas.calendar import BELGRADE
from apmon.schemas.institutions import InstitutionRegistry
from apmon.schemas.plan import Plan
from apmon.sync.demo_data import write_demo_reports

runner = CliRunner()
DUE_2017 = dt.date(2018, 2, 19)  # 15 February 2018 is a Thursday and Statehood Day (15-16): Monday 19 February


def working_days_late(sent: dt.date) -> int:
    return sum((DUE_2017 + dt.timedelta(days=n)).weekday() < 5 for n in range(1, (sent - DUE_2017).days + 1))


def english(n: int) -> str:
    return "working day" if n == 1 else "working days"


def serbian(n: int) -> str:
    if n % 10 == 1 and n % 100 != 11:
        return "radni dan"
    return "radna dana" if n % 10 in (2, 3, 4) and n % 100 not in (12, 13, 14) else "radnih dana"


def test_the_summary_names_the_annual_reports_sent_late(
    plan: Plan, registry: InstitutionRegistry, tmp_path: Path
) -> None:
    reports = tmp_path / "reports"
    written = write_demo_reports(plan, registry, reports, first="2017-12", last="2017-12", until=dt.date(2018, 3, 31))
    annual = [s for s in written if s.period == "2017" and not s.invalid]
    late = {
        s.institution: working_days_late(s.submitted_at.astimezone(BELGRADE).date())
        for s in annual
        if s.submitted_at.astimezone(BELGRADE).date() > DUE_2017
    }
    assert late and len(late) < len(annual), "the demo has annual reports of 2017 on time and late"
    config = tmp_path / "apmon.toml"
    config.write_text(
        f'[sync]\ndata_dir = "{tmp_path.as_posix()}"\nfolder = "{reports.as_posix()}"\n'
        'first_period = "2017-12"\nlast_period = "2017-12"\nas_of = 2018-03-31\n',
        encoding="utf-8",
    )
    assert runner.invoke(app, ["sync", "run", "--config", str(config)]).exit_code == 0
    out = tmp_path / "out"
    args = ["report", "annual", "--year", "2017", "--draft", "--out", str(out), "--config", str(config)]
    for lang, days in (("en", english), ("sr-Latn", serbian)):
        result = runner.invoke(app, [*args, "--lang", lang])
        assert result.exit_code == 0, result.output
        sheet = load_workbook(out / f"annual-2017-{lang}.xlsx").worksheets[0]
        summary = " ".join(str(c) for row in sheet.iter_rows(values_only=True) for c in row if c)
        said = ", ".join(f"{code} ({n} {days(n)})" for code, n in sorted(late.items()))
        assert said in summary, summary
        on_time = f"{'on time' if lang == 'en' else 'na vreme'}: {len(annual) - len(late)}."
        assert ("Late: " if lang == "en" else "Sa zakašnjenjem: ") + said + "; " + on_time in summary, summary
