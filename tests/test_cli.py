"""The apmon command line: help texts, exit codes, JSON equal to the library result."""

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import typer.main
from typer.testing import CliRunner

from apmon.cli.app import app
from apmon.schemas.calendar import Period, WorkingCalendar
from apmon.schemas.institutions import InstitutionRegistry
from tests.conftest import MINIMAL_PLAN

runner = CliRunner()


def all_commands() -> list[tuple[str, Any]]:
    found = []

    def walk(cmd: Any, path: str) -> None:
        found.append((path, cmd))
        for name, sub in getattr(cmd, "commands", {}).items():
            walk(sub, f"{path} {name}")

    walk(typer.main.get_command(app), "apmon")
    return found


@pytest.mark.parametrize(("path", "command"), all_commands(), ids=lambda v: v if isinstance(v, str) else "")
def test_every_command_and_option_has_help(path: str, command: Any) -> None:
    assert (command.help or "").strip(), f"`{path}` has no help text"
    for param in command.params:
        if param.param_type_name == "option":
            assert (param.help or "").strip(), f"`{path}` option {param.opts} has no help text"
    result = runner.invoke(app, [*path.split()[1:], "--help"])
    assert result.exit_code == 0, result.output


def test_plan_check_json_is_the_library_summary(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(MINIMAL_PLAN, encoding="utf-8")
    result = runner.invoke(app, ["plan", "check", "--plan", str(plan), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["valid"] is True
    assert data["summary"]["tasks"] == 1
    (row,) = data["summary"]["reconciliation"]
    assert row == {
        "institution": "MUP",
        "year": 2017,
        "task_lines": 1,
        "lines_of": [],  # a split ministry's row: its successors, whose lines count toward its figure
        "task_total": "102000",
        "section_11": "102000",
        "difference": "0",
        "status": "matches",
    }


def test_plan_check_reports_located_errors_and_exits_1(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(MINIMAL_PLAN.replace("lead: [MUP]", "lead: [NOPE]"), encoding="utf-8")
    result = runner.invoke(app, ["plan", "check", "--plan", str(plan), "--lang", "en"])
    assert result.exit_code == 1
    assert "is not a valid plan (problems: 1)" in result.stderr
    assert f"{plan}:19 at objectives[0].activities[0].tasks[0].lead[0]: unknown institution code" in result.stderr

    as_json = runner.invoke(app, ["plan", "check", "--plan", str(plan), "--json"])
    assert as_json.exit_code == 1
    (error,) = json.loads(as_json.stdout)["errors"]
    assert error["line"] == 19 and error["path"] == "objectives[0].activities[0].tasks[0].lead[0]"


def test_deadline_json_equals_library_result() -> None:
    result = runner.invoke(app, ["deadline", "2018", "--json"])
    assert result.exit_code == 0
    expected = WorkingCalendar().due_date(Period.parse("2018")).model_dump(mode="json")
    assert json.loads(result.stdout) == expected


def test_deadline_human_output_explains_the_roll_forward() -> None:
    result = runner.invoke(app, ["deadline", "2017-12", "--lang", "en"])
    assert result.exit_code == 0
    assert "due Tuesday 9 Jan 2018 (2018-01-09)" in result.stdout
    assert "2018-01-07 Sun is not a working day: Orthodox Christmas Day" in result.stdout


def test_deadline_options_and_config_file(tmp_path: Path) -> None:
    config = tmp_path / "apmon.toml"
    config.write_text("[deadlines]\nextra_non_working_days = [2018-02-05]\n", encoding="utf-8")
    result = runner.invoke(app, ["deadline", "2018-01", "--config", str(config), "--json"])
    assert json.loads(result.stdout)["due"] == "2018-02-08"
    result = runner.invoke(app, ["deadline", "2018-01", "--working-day", "3", "--json"])
    assert json.loads(result.stdout)["due"] == "2018-02-05"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["deadline", "2018-13"], "months are 01 to 12"),
        (["deadline", "2018-03", "--kind", "annual"], "the period of an annual report is a year"),
        (["deadline", "2018", "--kind", "weekly"], "--kind is monthly or annual"),
        (["deadline", "2018-03", "--non-working", "5.2.2018"], "is not a date; write YYYY-MM-DD"),
    ],
)
def test_deadline_bad_input_is_one_error_line(args: list[str], message: str) -> None:
    result = runner.invoke(app, [*args, "--lang", "en"])
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: ")
    assert message in result.stderr


def test_bad_config_file_is_located(tmp_path: Path) -> None:
    config = tmp_path / "apmon.toml"
    config.write_text("[deadlines]\nmonthly_working_day = 0\n", encoding="utf-8")
    result = runner.invoke(app, ["deadline", "2018-01", "--config", str(config), "--lang", "en"])
    assert result.exit_code == 1
    assert f"Error: {config} at deadlines.monthly_working_day:" in result.stderr


def test_installed_console_script_runs() -> None:
    exe = shutil.which("apmon") or str(Path(sys.executable).parent / "apmon")
    done = subprocess.run([exe, "deadline", "2018-04", "--json"], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["due"] == "2018-05-09"


@pytest.mark.parametrize(
    ("periods", "setting", "words"),
    [
        ('first_period = "2017-13"', "sync.first_period", "nema mesec 13: meseci su od 01 do 12"),
        ('last_period = "2018"', "sync.last_period", "ovde se upisuje mesec, YYYY-MM"),
        ('first_period = "mart 2018"', "sync.first_period", "„mart 2018“ nije period"),
        ('first_period = "2018-05"\nlast_period = "2018-01"', "sync.last_period", "2018-01, je pre prvog, 2018-05"),
    ],
)
def test_the_months_a_configuration_shows_are_checked_where_they_are_written(
    tmp_path: Path, periods: str, setting: str, words: str
) -> None:
    """A mistyped month in [sync] is one located error when the configuration is read, in every command: a sync
    used to stop with a traceback (2017-13), or to run and write a master of no months (a year, the months
    reversed)."""
    config = tmp_path / "apmon.toml"
    config.write_text(f"[sync]\ndata_dir = 'data'\n{periods}\n", encoding="utf-8")
    for command in (["sync", "run"], ["sync", "status"], ["deadline", "2018-01"]):
        result = runner.invoke(app, [*command, "--config", str(config)])
        assert result.exit_code == 1, (command, result.output)
        assert f"Greška: {config}, polje {setting}:" in result.stderr
        assert words in result.stderr
        assert "Traceback" not in result.output
    assert not (tmp_path / "data" / "master.xlsx").exists()


@pytest.mark.parametrize("lang", ["sr-Latn", "sr-Cyrl", "en"])
def test_plan_check_locates_a_task_budget_line_of_a_year_outside_the_plan(tmp_path: Path, lang: str) -> None:
    """A task's budget line of 2031 in a plan of 2017-2018 was named ("1.1.1/1 (2031)") but not located: the
    Coordinator had to search the plan file for it. Each is now given as file:line (path), as the plan's errors are."""
    plan = tmp_path / "plan.yaml"
    plan.write_text(
        MINIMAL_PLAN.replace("year: 2017\n                as_written", "year: 2031\n                as_written")
    )
    year_line = MINIMAL_PLAN.splitlines().index("                year: 2017") + 1  # counted here, not by apmon
    result = runner.invoke(app, ["plan", "check", "--plan", str(plan), "--lang", lang])
    assert result.exit_code == 0, result.output
    said = " ".join(result.stdout.split())
    assert f"{plan}:{year_line} (objectives[0].activities[0].tasks[0].budget[0].year)" in said, said
    as_json = runner.invoke(app, ["plan", "check", "--plan", str(plan), "--json"])
    summary = json.loads(as_json.stdout)["summary"]
    assert summary["lines_outside_years"] == ["1.1.1/1 (2031)"]
    assert json.loads(as_json.stdout)["outside_years_at"] == [
        f"{plan}:{year_line} (objectives[0].activities[0].tasks[0].budget[0].year)"
    ]


@pytest.mark.parametrize(
    ("lang", "warned"),
    [
        ("sr-Latn", "Upozorenje: državni praznici Srbije za 2002. godinu nisu poznati"),
        ("sr-Cyrl", "Упозорење: државни празници Србије за 2002. годину нису познати"),
        ("en", "Warning: Serbia's public holidays of 2002 are not known"),
    ],
)
def test_deadline_in_a_year_of_no_known_holidays_says_so(lang: str, warned: str) -> None:
    """The holidays package knows Serbia's holidays from 2007 to 2100: December 2001's deadline was said as Monday
    7 January 2002 with no word that New Year (1-2 January) and Orthodox Christmas (7 January) had not been counted
    (the 5th working day was 10 January). A period apmon takes whose due date is in such a year says so, and how to
    give the holidays; a year the package knows says nothing of it."""
    result = runner.invoke(app, ["deadline", "2001-12", "--lang", lang])
    assert result.exit_code == 0
    said = " ".join(result.stderr.split())  # a warning, as apmon's others, on stderr
    assert warned in said and "--non-working" in said, said
    for period in ("2018-12", "2099", "2000-06"):  # 2100's February; 2000's July is known neither
        said = " ".join(runner.invoke(app, ["deadline", period, "--lang", lang]).stderr.split())
        assert (warned.split(":")[0] + ":" in said) == (period == "2000-06"), (period, said)


@pytest.mark.parametrize("lang", ["sr-Latn", "sr-Cyrl", "en"])
def test_the_unknown_holidays_warning_goes_to_stderr_and_with_json_too(lang: str) -> None:
    """The warning that a year's holidays are not known went to stdout among the due date's lines, where apmon's
    other warnings go to stderr, and `--json` (what a script reads) said nothing of it: a script took 7 January 2002
    as December 2001's deadline with no word. It goes to stderr, with --json too, and the JSON stays JSON."""
    warned = {"sr-Latn": "Upozorenje: ", "sr-Cyrl": "Упозорење: ", "en": "Warning: "}[lang]
    for extra in ((), ("--json",)):
        result = runner.invoke(app, ["deadline", "2001-12", "--lang", lang, *extra])
        assert result.exit_code == 0, result.output
        assert warned not in result.stdout and "2002" in " ".join(result.stderr.split()), result.stdout
        assert " ".join(result.stderr.split()).startswith(warned), result.stderr
    assert json.loads(runner.invoke(app, ["deadline", "2001-12", "--json"]).stdout)["due"] == "2002-01-07"
    assert runner.invoke(app, ["deadline", "2018-12", "--json"]).stderr == ""


@pytest.mark.parametrize(
    ("lang", "warned"),
    [
        ("sr-Latn", "Upozorenje: državni praznici Srbije za 2006. godinu nisu poznati"),
        ("sr-Cyrl", "Упозорење: државни празници Србије за 2006. годину нису познати"),
        ("en", "Warning: Serbia's public holidays of 2006 are not known"),
    ],
)
def test_a_template_due_in_a_year_of_no_known_holidays_says_so_as_the_deadline_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str, warned: str
) -> None:
    """Only `apmon deadline` said that a year's holidays are not known: `template build` printed December 2005's due
    date on the cover (in January 2006, whose New Year and Christmas it did not count) with no word. It says so as
    the deadline does, on stderr, with where to give the holidays; a known year says nothing of it."""
    from apmon.templates.plan_file import DEFAULT_PLAN

    plan = tmp_path / "plan.yaml"
    plan.write_text(DEFAULT_PLAN.read_text("utf-8").replace("start: 2017-01-01", "start: 2005-01-01"), "utf-8")
    monkeypatch.chdir(tmp_path)  # no apmon.toml there: the defaults
    for period, year_warned in (("2005-12", True), ("2018-03", False)):
        args = ["template", "build", "-i", "MUP", "--period", period, "--plan", str(plan), "--lang", lang]
        result = runner.invoke(app, [*args, "--out", str(tmp_path / period)])
        assert result.exit_code == 0, result.output
        said = " ".join(result.stderr.split())
        assert (warned in said and "extra_non_working_days" in said) == year_warned, said
        assert warned.split(":")[0] not in result.stdout


def test_a_sync_whose_master_counts_working_days_in_a_year_of_no_known_holidays_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Only `apmon deadline` said that a year's holidays are not known: a sync of a plan begun in 2005 counted its
    months' due dates and how late each report was with no word that 2005's and 2006's holidays were not days off.
    The run says so for each such year, as the deadline does; 2007 on, known, says nothing."""
    from apmon.templates.plan_file import DEFAULT_PLAN

    plan = tmp_path / "plan.yaml"
    plan.write_text(DEFAULT_PLAN.read_text("utf-8").replace("start: 2017-01-01", "start: 2005-01-01"), "utf-8")
    (tmp_path / "data" / "reports").mkdir(parents=True)
    lines = ['plan = "plan.yaml"', "[sync]", 'data_dir = "data"', 'first_period = "2005-09"']
    lines += ['last_period = "2006-12"', "as_of = 2007-01-20", 'master_lang = "en"']
    (tmp_path / "apmon.toml").write_text("\n".join(lines) + "\n", "utf-8")
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["sync", "run", "--config", "apmon.toml"])
    assert result.exit_code == 0, result.output
    said = " ".join(result.output.split())
    warned = [year for year in (2005, 2006, 2007) if f"Warning: Serbia's public holidays of {year} are not" in said]
    assert warned == [2005, 2006], said
    as_json = runner.invoke(app, ["sync", "run", "--config", "apmon.toml", "--json"])
    assert len(json.loads(as_json.stdout)["holidays_unknown"]) == 2, as_json.stdout


@pytest.mark.parametrize("extra", [(), ("--json",)])
def test_reminders_counted_in_a_year_of_no_known_holidays_say_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, extra: tuple[str, ...]
) -> None:
    """`apmon remind` for February 2006 (due in March 2006, whose holidays are not known) decided its reminders by
    working days that counted no holiday, with no word; it says so on stderr as the deadline does, --json or not."""
    from apmon.templates.plan_file import DEFAULT_PLAN

    plan = tmp_path / "plan.yaml"
    plan.write_text(DEFAULT_PLAN.read_text("utf-8").replace("start: 2017-01-01", "start: 2005-01-01"), "utf-8")
    lines = ['plan = "plan.yaml"', "[sync]", 'data_dir = "data"', 'first_period = "2005-09"', 'master_lang = "en"']
    (tmp_path / "apmon.toml").write_text("\n".join(lines) + "\n", "utf-8")
    monkeypatch.chdir(tmp_path)
    args = ["remind", "--config", "apmon.toml", "--dry-run", "--today", "2006-03-07", "--period", "2006-02"]
    result = runner.invoke(app, [*args, "--lang", "en", *extra])
    assert result.exit_code == 0, result.output
    said = " ".join(result.stderr.split())
    assert "Warning: Serbia's public holidays of 2006 are not known" in said, said
    assert "Warning: Serbia's public holidays" not in result.stdout


def test_a_year_whose_days_off_the_coordinator_gave_is_not_warned_of_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The warning asks for a year's holidays in `[deadlines] extra_non_working_days`: given there (2006's), every
    sync run, template build and deadline still said that 2006's holidays were not known, so that a scheduled sync
    warned for good of what was done. A year with a day given is taken as checked; one without (2005) is still said."""
    from apmon.templates.plan_file import DEFAULT_PLAN

    plan = tmp_path / "plan.yaml"
    plan.write_text(DEFAULT_PLAN.read_text("utf-8").replace("start: 2017-01-01", "start: 2005-01-01"), "utf-8")
    (tmp_path / "data" / "reports").mkdir(parents=True)
    lines = ['plan = "plan.yaml"', "[deadlines]", "extra_non_working_days = [2006-01-02, 2006-01-06, 2006-01-07]"]
    lines += ["[sync]", 'data_dir = "data"', 'first_period = "2005-09"', 'last_period = "2006-12"']
    lines += ["as_of = 2007-01-20", 'master_lang = "en"']
    (tmp_path / "apmon.toml").write_text("\n".join(lines) + "\n", "utf-8")
    monkeypatch.chdir(tmp_path)
    as_json = runner.invoke(app, ["sync", "run", "--config", "apmon.toml", "--json"])
    warned = json.loads(as_json.stdout)["holidays_unknown"]
    assert [year for year in (2005, 2006) if any(f"holidays of {year} " in w for w in warned)] == [2005], warned
    build = ["template", "build", "-i", "MUP", "--period", "2005-12", "--lang", "en", "--out", str(tmp_path / "t")]
    assert "holidays of 2006" not in runner.invoke(app, build).stderr
    deadline = runner.invoke(app, ["deadline", "2005-12", "--config", "apmon.toml", "--lang", "en"])
    assert deadline.exit_code == 0 and "holidays of 2006" not in deadline.stderr, deadline.output


def test_a_sync_says_so_of_the_year_after_its_last_where_its_last_periods_are_due(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """December 2100's report and the year 2100's are due in 2101, whose holidays are not known: the master counts
    their due dates and lateness there, and the run says so of 2101 as well, not of 2100, which is known."""
    from apmon.templates.plan_file import DEFAULT_PLAN

    shifted = re.sub(r"\b2017-(?=\d\d-\d\d)", "2099-", DEFAULT_PLAN.read_text("utf-8"))  # the plan's dates, 82 years on
    (tmp_path / "plan.yaml").write_text(re.sub(r"\b2018-(?=\d\d-\d\d)", "2100-", shifted), "utf-8")
    (tmp_path / "data" / "reports").mkdir(parents=True)
    lines = ['plan = "plan.yaml"', "[sync]", 'data_dir = "data"', 'first_period = "2100-09"']
    lines += ['last_period = "2100-12"', "as_of = 2100-12-20", 'master_lang = "en"']
    (tmp_path / "apmon.toml").write_text("\n".join(lines) + "\n", "utf-8")
    monkeypatch.chdir(tmp_path)
    as_json = runner.invoke(app, ["sync", "run", "--config", "apmon.toml", "--json"])
    warned = json.loads(as_json.stdout)["holidays_unknown"]
    assert [year for year in (2100, 2101) if any(f"holidays of {year} " in w for w in warned)] == [2101], warned


def test_a_sync_names_only_the_years_it_counts_working_days_in(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The run warned of each year from its first month's to the year after its last: one whose first month is
    December 2004 counts no day of 2004 (December's report is due in January 2005, the year 2004's in February
    2005), yet 2004 was named. It names the years it counts in: 2005 and 2006, not 2004, nor 2007 (known)."""
    from apmon.templates.plan_file import DEFAULT_PLAN

    plan = tmp_path / "plan.yaml"
    plan.write_text(DEFAULT_PLAN.read_text("utf-8").replace("start: 2017-01-01", "start: 2004-01-01"), "utf-8")
    (tmp_path / "data" / "reports").mkdir(parents=True)
    lines = ['plan = "plan.yaml"', "[sync]", 'data_dir = "data"', 'first_period = "2004-12"']
    lines += ['last_period = "2006-12"', "as_of = 2007-01-20", 'master_lang = "en"']
    (tmp_path / "apmon.toml").write_text("\n".join(lines) + "\n", "utf-8")
    monkeypatch.chdir(tmp_path)
    as_json = runner.invoke(app, ["sync", "run", "--config", "apmon.toml", "--json"])
    warned = json.loads(as_json.stdout)["holidays_unknown"]
    named = [year for year in range(2003, 2008) if any(f"holidays of {year} " in w for w in warned)]
    assert named == [2005, 2006], warned


@pytest.mark.parametrize(("period", "year_warned"), [("2005-12", 2006), ("2005-06", 2005), ("2018-03", None)])
def test_validate_says_so_of_a_report_due_in_a_year_of_no_known_holidays(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, period: str, year_warned: int | None
) -> None:
    """`apmon validate` works out each report's due date (the cover's, checked against the file) and said nothing
    when its year's holidays are not known, where `template build` of the same report warned. It says so as the
    others do, on stderr; a report due in a known year says nothing of it."""
    from apmon.templates.plan_file import DEFAULT_PLAN

    plan = tmp_path / "plan.yaml"
    plan.write_text(DEFAULT_PLAN.read_text("utf-8").replace("start: 2017-01-01", "start: 2005-01-01"), "utf-8")
    monkeypatch.chdir(tmp_path)  # no apmon.toml there: the defaults
    args = ["template", "build", "-i", "MUP", "--period", period, "--plan", str(plan), "--lang", "en"]
    assert runner.invoke(app, [*args, "--out", str(tmp_path / "built")]).exit_code == 0
    [report] = (tmp_path / "built").glob("*.xlsx")
    result = runner.invoke(app, ["validate", str(report), "--plan", str(plan), "--lang", "en"])
    assert result.exit_code in (0, 1), result.output
    said = " ".join(result.stderr.split())
    warned = [year for year in (2005, 2006, 2018) if f"Warning: Serbia's public holidays of {year} are not" in said]
    assert warned == ([year_warned] if year_warned else []), said


@pytest.mark.parametrize(
    ("args", "year_warned"),
    [
        (["minister", "--period", "2005-11"], 2005),  # due in December 2005
        (["minister", "--period", "2005-12"], 2006),  # due in January 2006
        (["annual", "--year", "2005"], 2006),  # the annual reports of 2005 are due in February 2006
        (["public", "--year", "2005"], 2006),
    ],
)
def test_a_report_that_counts_days_in_a_year_of_no_known_holidays_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], year_warned: int
) -> None:
    """The PDF reports work out a due date (the brief's month's, the annual reports' 15 February moved to a working
    day) and said nothing when that year's holidays are not known, where a sync of the same months warned. They
    say so as the others do, on stderr, with --json too."""
    from apmon.templates.plan_file import DEFAULT_PLAN

    plan = tmp_path / "plan.yaml"
    plan.write_text(DEFAULT_PLAN.read_text("utf-8").replace("start: 2017-01-01", "start: 2005-01-01"), "utf-8")
    lines = ['plan = "plan.yaml"', "[sync]", 'data_dir = "data"', 'first_period = "2005-09"', 'master_lang = "en"']
    (tmp_path / "apmon.toml").write_text("\n".join(lines) + "\n", "utf-8")
    monkeypatch.chdir(tmp_path)
    for extra in ((), ("--json",)):
        command = ["report", *args, "--draft", "--as-of", "2006-03-01T12:00", "--lang", "en", "--config", "apmon.toml"]
        result = runner.invoke(app, [*command, *extra])
        assert result.exit_code == 0, result.output
        said = " ".join(result.stderr.split())
        warned = [y for y in (2005, 2006, 2007) if f"Warning: Serbia's public holidays of {y} are not known" in said]
        assert warned == [year_warned], said


def test_a_sync_names_the_year_a_late_report_came_in_when_it_counts_working_days_there(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, registry: InstitutionRegistry
) -> None:
    """How late a report came is counted in working days up to its arrival: June 2004's report, due in July 2004,
    arriving in March 2006 counts days of 2006, whose holidays are not known, past the years the master's months
    are due in (2004 and 2005). The run names 2006 as well."""
    import datetime as dt
    import os

    from apmon.templates.layout import report_layout
    from apmon.templates.plan_file import DEFAULT_PLAN, load_plan
    from tests.reports import complete_monthly, filled_report

    plan_path = tmp_path / "plan.yaml"
    plan_path.write_text(DEFAULT_PLAN.read_text("utf-8").replace("start: 2017-01-01", "start: 2004-01-01"), "utf-8")
    plan = load_plan(plan_path, registry)
    reports = tmp_path / "data" / "reports"
    reports.mkdir(parents=True)
    layout = report_layout(plan, registry, "MZ", Period.parse("2004-06"), "en")
    made, _ = filled_report(plan, registry, reports, "MZ", "2004-06", complete_monthly(layout), name="MZ_2004-06.xlsx")
    arrived = dt.datetime(2006, 3, 1, 10, tzinfo=dt.UTC).timestamp()
    os.utime(made, (arrived, arrived))
    lines = ['plan = "plan.yaml"', "[sync]", 'data_dir = "data"', 'first_period = "2004-06"']
    lines += ['last_period = "2004-06"', "as_of = 2006-03-10", 'master_lang = "en"']
    (tmp_path / "apmon.toml").write_text("\n".join(lines) + "\n", "utf-8")
    monkeypatch.chdir(tmp_path)
    as_json = runner.invoke(app, ["sync", "run", "--config", "apmon.toml", "--json"])
    done = json.loads(as_json.stdout)
    assert [(v["period"], v["on_time"]) for v in done["versions"]] == [("2004-06", False)], as_json.stdout[-3000:]
    named = [year for year in range(2003, 2008) if any(f"holidays of {year} " in w for w in done["holidays_unknown"])]
    assert named == [2004, 2005, 2006], done["holidays_unknown"]
