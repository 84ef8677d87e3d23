"""`apmon sync schedule` as the Coordinator's IT runs it: for months, as a service, on a machine in Belgrade. Time is
a clock handed in (summer time changes, sleep, clocks set), the runs are real syncs on a real ledger."""

from __future__ import annotations

import contextlib
import datetime as dt
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from apmon.cli.app import app
from apmon.sync import scheduler
from apmon.sync.ledger import Ledger
from apmon.sync.service import schedule
from tests.test_ledger import _free_port, postgres_admin_url, url  # noqa: F401  (ledger backends)
from tests.test_user_setup import belgrade_clock  # noqa: F401  (the fixture)

ROOT = Path(__file__).resolve().parent.parent
runner = CliRunner()
needs_tzset = pytest.mark.skipif(not hasattr(time, "tzset"), reason="the time zone is set through TZ on POSIX only")


class FakeClock:
    """The machine's wall clock, moved by sleeping; `on_sleep` does what happens meanwhile (an admin edits the
    configuration, the machine is suspended)."""

    def __init__(self, start: dt.datetime, on_sleep: Callable[[FakeClock], None] = lambda _: None) -> None:
        self.at, self.on_sleep, self.sleeps = start.astimezone(), on_sleep, 0

    def now(self) -> dt.datetime:
        return self.at

    def sleep(self, seconds: float) -> None:
        self.sleeps += 1
        self.at += dt.timedelta(seconds=seconds)
        self.on_sleep(self)


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Callable[..., FakeClock]:
    def install(start: dt.datetime, on_sleep: Callable[[FakeClock], None] = lambda _: None) -> FakeClock:
        made = FakeClock(start, on_sleep)
        monkeypatch.setattr(scheduler, "WallClock", lambda: made)
        return made

    return install


def write_config(path: Path, ledger: str | None = None, extra: str = "") -> Path:
    line = f'ledger = "{ledger}"\n' if ledger else ""
    path.write_text(f'[sync]\ndata_dir = "data"\nfirst_period = "2018-03"\nlast_period = "2018-03"\n{line}{extra}')
    return path


def run_times(ledger_url: str) -> list[str]:
    ledger = Ledger.open(ledger_url)
    try:
        return [r.trigger for r in ledger.runs()]
    finally:
        ledger.close()


@needs_tzset
@pytest.mark.usefixtures("belgrade_clock")
@pytest.mark.parametrize(
    ("cron", "first"),
    [
        ("0 7 * * 1-5", "2018-03-26 07:00"),  # the default: Saturday 24 March, so Monday
        ("0\t7\t*\t*\tmon-fri", "2018-03-26 07:00"),  # fields parted by tabs, weekdays by name
        ("@daily", "2018-03-25 00:00"),  # a word, one field
        ("0 7 29 2 *", "2020-02-29 07:00"),  # a day only leap years have: it runs, four years on
    ],
)
def test_the_cron_forms_cron_reads_are_not_refused(cron: str, first: str) -> None:
    """The refusals of a sixth field and of a day there is not (30 February) must not take these with them."""
    assert f"{next(schedule(cron, dt.datetime(2018, 3, 24, 12, 0).astimezone())):%Y-%m-%d %H:%M}" == first


@needs_tzset
@pytest.mark.usefixtures("belgrade_clock")
def test_half_hourly_runs_keep_their_order_on_the_night_summer_time_begins() -> None:
    """On 25 March 02:00 and 02:30 do not exist: they were read as 01:00 and 01:30 winter time, so after the run at
    01:30 came 01:00 (already past: at once) and 01:30 again, three runs in a row."""
    times = schedule("*/30 * * * *", dt.datetime(2018, 3, 25, 1, 10).astimezone())
    runs = [next(times) for _ in range(4)]
    assert [f"{t:%H:%M%z}" for t in runs] == ["01:30+0100", "03:00+0200", "03:30+0200", "04:00+0200"]
    nightly = schedule("30 2 * * *", dt.datetime(2018, 3, 24, 12, 0).astimezone())
    first, second = next(nightly), next(nightly)
    assert (first.date(), second.date()) == (dt.date(2018, 3, 25), dt.date(2018, 3, 26))
    assert first > dt.datetime(2018, 3, 25, 1, 0, tzinfo=dt.UTC)  # not before the wall clock ever showed 02:30
    autumn = schedule("30 2 * * *", dt.datetime(2018, 10, 27, 12, 0).astimezone())  # 02:30 happens twice: once
    assert [f"{next(autumn):%d %H:%M%z}" for _ in range(2)] == ["28 02:30+0200", "29 02:30+0100"]


def test_a_run_that_fails_leaves_the_schedule_going(tmp_path: Path, clock: Callable[..., FakeClock]) -> None:
    """The PostgreSQL server restarting at 07:00 stopped `apmon sync schedule` for good (exit 1): a service
    without a restart policy made no more runs. Now the run says why, the next one goes at its time and works;
    the configuration is read again before each run."""
    config = tmp_path / "apmon.toml"
    down = f"postgresql+psycopg://postgres@127.0.0.1:{_free_port()}/postgres"  # nobody listens there
    write_config(config, down)
    ledger_url = f"sqlite:///{tmp_path / 'ledger.sqlite'}"

    def back_up(c: FakeClock) -> None:
        if c.at.minute >= 1 and c.at.hour == 7:
            write_config(config, ledger_url)  # the server is back (here: the IT moved the ledger)

    clock(dt.datetime(2018, 4, 11, 6, 59, 30), back_up)
    result = runner.invoke(app, ["sync", "schedule", "--cron", "* * * * *", "--config", str(config), "--max-runs", "2"])
    assert result.exit_code == 1, result.output  # one of the runs failed
    assert result.stderr.count("Greška:") == 1 and "127.0.0.1" in result.stderr
    assert result.stdout.count("Sledeća sinhronizacija") == 2
    assert run_times(ledger_url) == ["schedule"]


def test_a_configuration_being_edited_fails_one_run_in_the_readers_words(
    tmp_path: Path, clock: Callable[..., FakeClock]
) -> None:
    """A configuration saved half-edited (a month 13) gave the schedule a Python traceback; one saved with a TOML
    error was not seen at all until a restart, which then failed."""
    config = write_config(tmp_path / "apmon.toml")
    good = config.read_text()
    saved = {0: good.replace('"2018-03"', '"2017-13"', 1), 1: good.replace("[sync]", "[sync"), 2: good}

    def edit(c: FakeClock) -> None:
        if c.at.hour == 7 and c.at.minute in saved:
            config.write_text(saved.pop(c.at.minute))

    clock(dt.datetime(2018, 4, 11, 6, 59, 30), edit)
    result = runner.invoke(app, ["sync", "schedule", "--cron", "* * * * *", "--config", str(config), "--max-runs", "3"])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output and "PeriodError" not in result.output
    assert result.stderr.count("Greška:") == 2, result.stderr
    assert "2017-13" in result.stderr and "apmon.toml" in result.stderr
    # Both are found when the configuration is read, before a run begins: only the third run is recorded.
    assert run_times(f"sqlite:///{tmp_path / 'data' / 'ledger.sqlite'}") == ["schedule"]


def test_a_machine_asleep_over_the_weekend_makes_one_run_and_says_so(
    tmp_path: Path, clock: Callable[..., FakeClock]
) -> None:
    """time.sleep does not count time suspended: after a weekend asleep the wait went on for what was left of it
    (Monday's 07:00 run came hours late, unsaid), and the runs due meanwhile came one after another at once."""
    config = write_config(tmp_path / "apmon.toml")

    def suspend(c: FakeClock) -> None:
        if c.sleeps == 1:  # Friday 18:00: the lid closed until Monday 09:30
            c.at = dt.datetime(2018, 4, 16, 9, 30).astimezone()

    made = clock(dt.datetime(2018, 4, 13, 18, 0), suspend)  # a Friday
    result = runner.invoke(app, ["sync", "schedule", "--cron", "0 7 * * *", "--config", str(config), "--max-runs", "2"])
    assert result.exit_code == 0, result.output
    next_lines = [line for line in result.stdout.splitlines() if line.startswith("Sledeća sinhronizacija")]
    assert [line.split(": ")[1][:17] for line in next_lines] == ["14.04.2018. 07:00", "17.04.2018. 07:00"]
    assert result.stdout.count("počinje tek sada") == 1 and "14.04.2018. 07:00" in result.stdout
    assert made.now() == dt.datetime(2018, 4, 17, 7, 0).astimezone()  # the second run at its time
    assert len(run_times(f"sqlite:///{tmp_path / 'data' / 'ledger.sqlite'}")) == 2


def test_a_run_longer_than_the_gap_is_followed_by_the_next_time_not_by_a_burst(tmp_path: Path) -> None:
    """A run every 5 minutes that took 12 was followed by two runs at once, for the times it had run through."""
    made = FakeClock(dt.datetime(2018, 4, 11, 6, 58))
    runs: list[dt.datetime] = []
    said: list[str] = []

    def slow_run() -> None:
        runs.append(made.now())
        made.at += dt.timedelta(minutes=12 if len(runs) == 1 else 1)

    scheduler.run_on_schedule("*/5 * * * *", slow_run, lambda key, **_: said.append(key), max_runs=3, clock=made)
    assert [f"{r:%H:%M}" for r in runs] == ["07:00", "07:15", "07:20"]
    assert said.count("sync.overran") == 1


def test_a_clock_set_back_a_day_does_not_skip_a_day(tmp_path: Path) -> None:
    """Waiting for 07:00 on the 12th, the clock set back to the 10th at 09:00: the wait ran on for what was left of
    it, so the run came at 04:00 on the 11th by the new clock and the next not before the 13th, unsaid."""

    def set_back(c: FakeClock) -> None:
        if c.sleeps == 3:
            c.at = dt.datetime(2018, 4, 10, 9, 0).astimezone()

    made = FakeClock(dt.datetime(2018, 4, 11, 9, 0), set_back)
    runs: list[dt.datetime] = []
    said: list[str] = []
    scheduler.run_on_schedule("0 7 * * *", lambda: runs.append(made.now()), lambda key, **_: said.append(key), 1, made)
    assert runs == [dt.datetime(2018, 4, 11, 7, 0).astimezone()] and "sync.clock_back" in said


# Started in a process of its own with a clock one second before a minute, so that the first run starts at once.
SCHEDULE_NOW = """
import datetime as dt, sys, time
from apmon.cli.app import app
from apmon.sync import scheduler

class SoonClock(scheduler.WallClock):
    def __init__(self) -> None:
        real = dt.datetime.now().astimezone()
        self.shift = real.replace(second=59, microsecond=0) - real

    def now(self) -> dt.datetime:
        return dt.datetime.now().astimezone() + self.shift

scheduler.WallClock = SoonClock
sys.argv = ["apmon", *sys.argv[1:]]
app()
"""


def run_started(ledger_file: Path) -> bool:
    """Whether a run is recorded in the ledger (read as another process would, while the run goes on)."""
    if not ledger_file.exists():
        return False
    with contextlib.closing(sqlite3.connect(f"file:{ledger_file}?mode=ro", uri=True)) as db:
        try:
            return bool(db.execute("SELECT count(*) FROM runs").fetchone()[0])
        except sqlite3.OperationalError:  # the tables are being made
            return False


@pytest.mark.skipif(sys.platform == "win32", reason="SIGTERM is a POSIX signal")
def test_sigterm_during_a_run_ends_it_cleanly(tmp_path: Path) -> None:
    """systemd stops a service with SIGTERM, which Python does not turn into KeyboardInterrupt: the schedule died
    in the middle of a run (exit -15), leaving its temporary files and a run the next start had to repair."""
    from apmon.schemas.calendar import WorkingCalendar
    from apmon.sync.demo import DEMO_AS_OF
    from apmon.sync.demo_data import write_demo_reports
    from apmon.templates.plan_file import load_plan, load_registry

    registry = load_registry()
    plan = load_plan(None, registry)
    write_demo_reports(plan, registry, tmp_path / "reports", seed=1, calendar=WorkingCalendar(), until=DEMO_AS_OF)
    config = write_config(tmp_path / "apmon.toml", extra='folder = "reports"\n')
    script = tmp_path / "schedule_now.py"
    script.write_text(SCHEDULE_NOW)
    args = [sys.executable, str(script), "sync", "schedule", "--cron", "* * * * *", "--config", str(config)]
    process = subprocess.Popen(args, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while not run_started(tmp_path / "data" / "ledger.sqlite") and time.monotonic() < deadline:
        assert process.poll() is None, process.communicate()
        time.sleep(0.02)
    time.sleep(0.2)  # into the run: its 420 reports take a few seconds
    process.send_signal(signal.SIGTERM)
    stdout, stderr = process.communicate(timeout=60)
    assert process.returncode == 0, (process.returncode, stdout, stderr)
    assert "Zaustavljeno." in stdout and "Traceback" not in stderr
    data = tmp_path / "data"
    assert [p.name for p in data.iterdir() if p.name.startswith(".master")] == []  # no half-written master left
    after = runner.invoke(app, ["sync", "run", "--config", str(config)])
    assert after.exit_code == 0, after.output  # the lock was released
    assert "nije završeno" in after.stdout  # the cut run is recorded as interrupted


def test_a_run_stopped_by_a_fault_in_apmon_itself_says_so_and_the_schedule_goes_on(
    tmp_path: Path, clock: Callable[..., FakeClock], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A run stopped by an error no one foresaw (a fault in apmon itself: none is known, so one is made here) said
    only the exception's English name and words; it says, in the reader's language, that it was apmon's fault,
    that the next run goes at its time and whom to tell, with the technical detail for them."""
    config = write_config(tmp_path / "apmon.toml")
    clock(dt.datetime(2018, 4, 11, 6, 59, 30))

    def fault(*_: object) -> None:
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr("apmon.sync.service.sync_once", fault)
    result = runner.invoke(app, ["sync", "schedule", "--cron", "* * * * *", "--config", str(config), "--max-runs", "2"])
    assert result.exit_code == 1, result.output
    assert result.stderr.count("neočekivane greške u programu") == 2, result.stderr
    assert "ZeroDivisionError: division by zero" in result.stderr  # the detail, for whoever maintains apmon
