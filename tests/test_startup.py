"""Start-up: a command imports only what it uses. Each case runs the real `apmon` app in a fresh interpreter and
lists the modules it loaded: `validate` needs no database, Google, numpy, chart, PDF or web-server code."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import typer.core
import typer.main

from apmon.cli.app import COMMANDS, GROUPS, app_for
from apmon.schemas.calendar import WorkingCalendar
from apmon.schemas.institutions import InstitutionRegistry
from apmon.schemas.plan import Plan
from apmon.sync.demo_data import write_demo_reports
from apmon.sync.parsing import MIN_FILES_FOR_WORKERS
from tests.reports import complete_monthly, filled_report

ROOT = Path(__file__).resolve().parents[1]
# What the light commands must not load (each costs from tens to hundreds of milliseconds at every start).
HEAVY = {
    "sqlalchemy",
    "alembic",
    "gspread",
    "google",
    "requests",
    "numpy",
    "openpyxl",
    "xlsxwriter",
    "matplotlib",
    "weasyprint",
    "jinja2",
    "fastapi",
    "uvicorn",
    "xlwings",
    "croniter",
}


def loaded_by(args: list[str]) -> tuple[int, set[str]]:
    """The exit code of `apmon <args>` run in a fresh interpreter, and the modules it loaded (full names)."""
    code = (
        "import sys\n"
        "from apmon.cli.app import app\n"
        "try:\n"
        f"    app({args!r})\n"
        "except SystemExit as exit:\n"
        "    code = exit.code\n"
        "print('\\n'.join(sorted(sys.modules)), file=sys.stderr)\n"
        "sys.exit(code)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    return done.returncode, set(done.stderr.split())


def top_level(modules: set[str]) -> set[str]:
    return {m.split(".")[0] for m in modules}


@pytest.fixture(scope="module")
def report(plan: Plan, registry: InstitutionRegistry, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("startup")
    _, layout = filled_report(plan, registry, folder, "MZ", "2018-03", {}, name="empty.xlsx")
    good, _ = filled_report(plan, registry, folder, "MZ", "2018-03", complete_monthly(layout), name="good.xlsx")
    return good


def test_validate_loads_no_heavy_library(report: Path) -> None:
    code, modules = loaded_by(["validate", str(report), "--lang", "en"])
    assert code == 0
    assert "apmon.templates.validation" in modules  # the probe did validate
    assert top_level(modules) & HEAVY == set()


@pytest.mark.parametrize(
    "args", [["validate", "--help"], ["rules"], ["deadline", "2018-03"], ["sync", "--help"], ["evaluation", "--help"]]
)
def test_light_commands_load_no_heavy_library(args: list[str]) -> None:
    code, modules = loaded_by(args)
    assert code == 0
    assert top_level(modules) & HEAVY == set()


def test_help_loads_none_of_the_library() -> None:
    code, modules = loaded_by(["--help"])
    assert code == 0
    assert {m for m in modules if m.startswith(("apmon.sync", "apmon.templates", "apmon.addin"))} == set()
    assert top_level(modules) & (HEAVY | {"yaml", "holidays"}) == set()


@pytest.fixture
def sync_config(report: Path, tmp_path: Path) -> Path:
    """A configuration syncing a folder that holds one report, into a data folder not made yet."""
    reports = tmp_path / "reports"
    reports.mkdir()
    (reports / report.name).write_bytes(report.read_bytes())
    config = tmp_path / "apmon.toml"
    config.write_text(
        f'[sync]\ndata_dir = "{(tmp_path / "data").as_posix()}"\nfolder = "{reports.as_posix()}"\n'
        'first_period = "2018-01"\nlast_period = "2018-03"\n',
        encoding="utf-8",
    )
    return config


def test_a_first_sync_run_writes_the_master_without_openpyxl_or_google(sync_config: Path) -> None:
    """A first master is written with XlsxWriter alone: openpyxl (which reads a master kept) and the Google
    libraries (a Google master) cost some tenths of a second at start and are not loaded."""
    code, modules = loaded_by(["sync", "run", "--config", str(sync_config)])
    assert code == 0
    assert (sync_config.parent / "data" / "master.xlsx").exists()
    assert "xlsxwriter" in top_level(modules)  # the probe did write the master
    assert top_level(modules) & {"openpyxl", "numpy", "gspread", "google", "requests"} == set()


def test_a_sync_run_with_nothing_changed_loads_no_workbook_google_or_alembic(sync_config: Path) -> None:
    """A folder-only run that finds nothing new writes no master and migrates nothing: no workbook, chart, Google,
    mail, cron or Alembic code."""
    code, modules = loaded_by(["sync", "run", "--config", str(sync_config)])  # from cold: the report and the master
    assert code == 0
    assert "openpyxl" in top_level(modules) or "xlsxwriter" in top_level(modules)  # the master was written
    code, modules = loaded_by(["sync", "run", "--config", str(sync_config)])  # nothing changed
    assert code == 0
    assert "apmon.sync.run" in modules  # the probe did run a sync
    light = HEAVY - {"sqlalchemy"}  # the ledger is read (its schema up to date: no Alembic)
    assert top_level(modules) & (light | {"holidays"}) == set()  # no date is looked up in the calendar either
    # Nor the code of what such a run does not do: make the annual evaluation (the master's Evaluation sheet is read
    # back, not made), plan e-mails (the configuration checks its contacts' addresses alone), show a table.
    assert modules & NOT_WHEN_NOTHING_CHANGED == set()


def test_a_run_with_nothing_changed_says_a_standing_duplicate_without_loading_consolidation(sync_config: Path) -> None:
    """A report left in two files is said again by every run, one that finds nothing changed too: its words are not
    consolidation's, which such a run does not load."""
    reports = sync_config.parent / "reports"
    (reports / "copy.xlsx").write_bytes(next(reports.iterdir()).read_bytes())
    code, _ = loaded_by(["sync", "run", "--config", str(sync_config)])
    assert code == 0
    code, modules = loaded_by(["sync", "run", "--config", str(sync_config)])  # nothing changed; the copy is still there
    assert code == 0
    assert modules & NOT_WHEN_NOTHING_CHANGED == set()
    args = ["sync", "run", "--json", "--config", str(sync_config)]
    said = subprocess.run(
        [sys.executable, "-c", f"from apmon.cli.app import app; app({args!r})"],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    found = json.loads(said.stdout)
    assert found["files_changed"] == 0 and len(found["duplicates"]) == 1  # such a run did say the copy


# Loaded by a run that writes the master or sends mail, by a command that shows a table, or (rich's emoji codes, no
# more: cli.common) to print anything; each costs a nothing-changed run some milliseconds for nothing. Consolidation
# (with `sync status`'s grid of the reports) is loaded to make a master: what a run finds of the files and the
# master's settings are in sync.findings.
NOT_WHEN_NOTHING_CHANGED = {
    "apmon.sync.report_content",
    "apmon.sync.reminders",
    "rich.table",
    "rich._emoji_codes",
    "apmon.sync.consolidate",
    "apmon.sync.status",
}


# What a run that parses no file does not load: the plan's and the registry's YAML (the data folder keeps what they
# held), the reports' reader, parser and validation (sync.parsing loads them for the first file to parse).
NOT_WHEN_NOTHING_PARSED = {
    "yaml",
    "apmon.templates.yaml_text",
    "apmon.templates.read_xlsx",
    "apmon.templates.parse",
    "apmon.templates.validation",
}

# `apmon sync run`, then which of the personal-data detector's patterns were compiled (schemas.personal_data._RE).
PATTERNS_SPY = """
import sys
from apmon.cli.app import app
from apmon.schemas import personal_data
try:
    app(sys.argv[1:])
except SystemExit as exit:
    code = exit.code
print("compiled", *sorted(name for name in vars(personal_data._RE) if name != "_sources"), file=sys.stderr)
print("\\n".join(sorted(sys.modules)), file=sys.stderr)
sys.exit(code)
"""


def test_a_sync_run_with_nothing_changed_parses_no_data_file_and_compiles_no_pattern(sync_config: Path) -> None:
    """The plan and the registry come from the data folder, where the run before kept what they held (the first run
    has no data folder yet when it reads them), and no report is parsed: no YAML, no report reader, parser or
    validation is loaded, and none of the personal-data detector's patterns is compiled (some 20 ms)."""
    runs = []
    for _ in range(3):  # from cold; the plan kept in the data folder; nothing changed
        done = subprocess.run(
            [sys.executable, "-c", PATTERNS_SPY, "sync", "run", "--config", str(sync_config)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 0, done.stderr
        lines = done.stderr.splitlines()
        compiled = next(line.split()[1:] for line in lines if line.startswith("compiled"))
        runs.append((compiled, set(lines)))
    (first, loaded_first), _, (compiled, modules) = runs
    assert "NUMBER" in first and "apmon.templates.validation" in loaded_first  # the probe did see a report checked
    assert (sync_config.parent / "data" / "plan-cache.json").is_file()
    assert "apmon.sync.run" in modules  # the probe did run a sync
    assert modules & NOT_WHEN_NOTHING_PARSED == set()
    assert compiled == []


def test_a_first_run_keeps_the_plan_and_registry_for_the_next(sync_config: Path) -> None:
    """A first run reads the plan and the registry before its data folder is there: it makes the folder first and
    keeps what they held in it, so that the run after it (nothing changed) parses neither (no YAML loaded)."""
    data = sync_config.parent / "data"
    code, modules = loaded_by(["sync", "run", "--config", str(sync_config)])  # from cold: no data folder yet
    assert code == 0
    assert "yaml" in top_level(modules)  # the probe did parse the files
    assert (data / "plan-cache.json").is_file()
    assert (data / "institutions-cache.json").is_file()
    code, modules = loaded_by(["sync", "run", "--config", str(sync_config)])  # nothing changed
    assert code == 0
    assert "apmon.sync.run" in modules  # the probe did run a sync
    assert modules & NOT_WHEN_NOTHING_PARSED == set()


def test_a_master_of_managed_sheets_only_is_written_again_without_openpyxl(sync_config: Path) -> None:
    """A run that brings a new report writes the master again. A master holding nothing of the Coordinator's (the
    usual one) is looked into as a package and written anew with XlsxWriter: openpyxl, with numpy under it, is
    loaded only to keep a master's own sheets."""
    code, _ = loaded_by(["sync", "run", "--config", str(sync_config)])
    assert code == 0
    master = sync_config.parent / "data" / "master.xlsx"
    first = master.read_bytes()
    reports = sync_config.parent / "reports"
    (reports / "copy.xlsx").write_bytes((reports / "good.xlsx").read_bytes())  # the same report again, another file
    code, modules = loaded_by(["sync", "run", "--config", str(sync_config)])
    assert code == 0
    assert master.read_bytes() != first  # the probe did write the master again
    assert "xlsxwriter" in top_level(modules)
    assert top_level(modules) & {"openpyxl", "numpy"} == set()


def test_a_sync_run_of_the_shipped_years_does_not_load_the_holidays_package(sync_config: Path) -> None:
    """The holidays of the Strategy's years and the next ones are shipped (schemas.shipped_holidays): a first sync
    in a new data folder loads no holidays package (it imports every country it knows)."""
    code, modules = loaded_by(["sync", "run", "--config", str(sync_config)])
    assert code == 0
    assert "apmon.sync.consolidate" in modules  # the probe did look up dates: the master was worked out
    assert "holidays" not in top_level(modules)


def test_a_later_years_holidays_are_asked_once_and_kept(sync_config: Path) -> None:
    """A year past the shipped ones is asked of the holidays package and kept in the data folder; a later run that
    brings a report (and so looks up dates) takes it from there."""
    later = sync_config.read_text(encoding="utf-8").replace('"2018-01"', '"2041-01"').replace('"2018-03"', '"2041-03"')
    sync_config.write_text(later + "as_of = 2041-04-15\n", encoding="utf-8")
    code, modules = loaded_by(["sync", "run", "--config", str(sync_config)])
    assert code == 0
    assert "holidays" in top_level(modules)
    assert (sync_config.parent / "data" / "holidays-cache.json").is_file()
    reports = sync_config.parent / "reports"
    (reports / "copy.xlsx").write_bytes(next(reports.glob("*.xlsx")).read_bytes())
    code, modules = loaded_by(["sync", "run", "--config", str(sync_config)])
    assert code == 0
    assert "apmon.sync.consolidate" in modules
    assert "holidays" not in top_level(modules)


# `apmon sync run` with parse_fetched spied on: each call in a worker process says which heavy libraries that
# process had (a forked worker has what its parent had loaded when it forked).
WORKER_SPY = """
import os, sys
from apmon.sync import parsing
parse, main, heavy = parsing.parse_fetched, os.getpid(), set(sys.argv[1].split(","))
def spied(job, *args):
    if os.getpid() != main:
        had = sorted({name.split(".")[0] for name in sys.modules} & heavy)
        print("worker", job.name, ",".join(had) or "-", file=sys.stderr, flush=True)
    return parse(job, *args)
parsing.parse_fetched = spied
from apmon.cli.app import app
app(sys.argv[2:])
"""


@pytest.mark.skipif(sys.platform == "win32", reason="a worker is forked, and Windows can only spawn")
def test_a_sync_run_starts_parsing_before_it_loads_the_ledgers_and_the_masters_code(
    plan: Plan, registry: InstitutionRegistry, sync_config: Path
) -> None:
    """Loading the ledger's and the master's libraries takes a command a good part of its start: a first run's
    worker is started before them and parses the folder's files meanwhile (sync.head_start)."""
    reports = sync_config.parent / "reports"
    write_demo_reports(plan, registry, reports, first="2018-01", last="2018-01", calendar=WorkingCalendar())
    files = len(list(reports.rglob("*.xlsx")))
    assert files >= MIN_FILES_FOR_WORKERS
    done = subprocess.run(
        [sys.executable, "-c", WORKER_SPY, ",".join(HEAVY), "sync", "run", "--json", "--config", str(sync_config)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    had = [line.rsplit(" ", 1)[1] for line in done.stderr.splitlines() if line.startswith("worker ")]
    assert len(had) >= MIN_FILES_FOR_WORKERS // 2  # the worker parsed a good part of them
    assert set(had) == {"-"}
    assert len(json.loads(done.stdout)["versions"]) == files  # and the run recorded every file


# `apmon sync run`, then which of the master's modules the sync process had loaded once its last report was parsed.
READ_SPY = """
import sys
from apmon.sync import run
read, wanted = run._sync_source, sys.argv[1].split(",")
def spied(*args):
    try:
        return read(*args)
    finally:
        print("read", ",".join(name for name in wanted if name in sys.modules) or "-", file=sys.stderr, flush=True)
run._sync_source = spied
from apmon.cli.app import app
app(sys.argv[2:])
"""
MASTER_CODE = ["apmon.sync.writers", "xlsxwriter", "apmon.sync.evaluation", "apmon.sync.report_content"]


@pytest.mark.skipif(sys.platform == "win32", reason="a worker is forked, and Windows can only spawn")
@pytest.mark.skipif(len(os.sched_getaffinity(0)) < 2, reason="one core: no worker parses ahead")
def test_a_first_run_loads_the_masters_code_while_its_reports_are_parsed(
    plan: Plan, registry: InstitutionRegistry, sync_config: Path
) -> None:
    """Once the last report is parsed one core works alone: a run whose worker parses files ahead (a master is due)
    has loaded the code that writes the master by then, while the worker parsed; a run with nothing new has not."""
    reports = sync_config.parent / "reports"
    write_demo_reports(plan, registry, reports, first="2018-01", last="2018-01", calendar=WorkingCalendar())
    args = [sys.executable, "-c", READ_SPY, ",".join(MASTER_CODE), "sync", "run", "--config", str(sync_config)]
    first = subprocess.run(args, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert first.returncode == 0, first.stderr
    assert [line for line in first.stderr.splitlines() if line.startswith("read ")] == ["read " + ",".join(MASTER_CODE)]
    again = subprocess.run(args, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert again.returncode == 0, again.stderr
    assert [line for line in again.stderr.splitlines() if line.startswith("read ")] == ["read -"]


@pytest.mark.parametrize(
    ("args", "groups"),
    [
        (["sync", "run", "--config", "x.toml"], {"sync"}),
        (["ledger", "--help"], {"ledger"}),
        (["validate", "report.xlsx"], set()),
        (["--help"], set(GROUPS)),
        (["synk", "run"], set(GROUPS)),  # a mistyped name: the whole app suggests the nearest
        ([], set(GROUPS)),
    ],
)
def test_a_command_line_builds_the_group_it_names_alone(args: list[str], groups: set[str]) -> None:
    """Typer builds every command of an app at each start: a command line that names a group gets an app with that
    group alone beside the top-level commands."""
    built = typer.main.get_command(app_for(args))
    assert isinstance(built, typer.core.TyperGroup)
    assert list(built.commands) == [*COMMANDS, *(name for name in GROUPS if name in groups)]


def test_validate_loads_no_holidays_package_for_a_report_of_the_shipped_years(sync_config: Path, report: Path) -> None:
    """The holidays package takes some hundredths of a second to load: `apmon validate` of a report of the
    Strategy's years takes its deadline's holidays from the shipped table, with a configuration or without."""
    for args in (["validate", str(report), "--config", str(sync_config)], ["validate", str(report)]):
        code, modules = loaded_by(args)
        assert code == 0
        assert "apmon.templates.validation" in modules  # the probe did validate
        assert "holidays" not in top_level(modules)


# `apmon sync run` with every file the interpreter opens listed on stderr (an audit hook: the real opens, nothing
# replaced).
OPENS_SPY = """
import os, sys
def hook(event, args):
    if event in ("open", "sqlite3.connect") and isinstance(args[0], (str, bytes, os.PathLike)):
        print("open", os.fsdecode(args[0]), file=sys.stderr)
sys.addaudithook(hook)
from apmon.cli.app import app
app(sys.argv[1:])
"""


def test_a_sync_run_with_no_holidays_cache_reads_no_package_metadata(sync_config: Path) -> None:
    """The holidays cache names the holidays package's version, which is looked up in the package's metadata (some
    milliseconds, three times a run): a run with no cache to read (its years are the shipped ones) and none to write
    looks up none."""
    for _ in range(2):  # from cold, then with nothing changed
        done = subprocess.run(
            [sys.executable, "-c", OPENS_SPY, "sync", "run", "--config", str(sync_config)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 0, done.stderr
        opened = [line.split(" ", 1)[1] for line in done.stderr.splitlines() if line.startswith("open ")]
        assert any(name.endswith("ledger.sqlite") for name in opened)  # the probe did see the run's opens
        assert not (sync_config.parent / "data" / "holidays-cache.json").exists()
        holidays_metadata = [name for name in opened if "holidays-" in name and name.endswith("METADATA")]
        assert holidays_metadata == []
