"""The head start of a sync run (sync.head_start): which files a run's worker reads ahead before the ledger's
modules are loaded. A first run reads every file ahead; a later one only the files saved since the ledger was last
written; a run whose ledger is on a server, or that finds little new, starts no worker ahead."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

import pytest

from apmon.schemas.calendar import WorkingCalendar
from apmon.schemas.institutions import InstitutionRegistry
from apmon.schemas.plan import Plan
from apmon.sync import sources
from apmon.sync.config import Config, SyncSettings
from apmon.sync.demo_data import write_demo_reports
from apmon.sync.head_start import folder_files, head_start, last_written
from apmon.sync.parsing import MIN_FILES_FOR_WORKERS
from apmon.sync.service import sync_once
from apmon.sync.sources import FolderSource

AS_OF = dt.date(2018, 5, 1)


@pytest.fixture
def config(plan: Plan, registry: InstitutionRegistry, tmp_path: Path) -> Config:
    reports = tmp_path / "reports"
    write_demo_reports(plan, registry, reports, first="2018-01", last="2018-02", calendar=WorkingCalendar())
    settings = SyncSettings(data_dir=tmp_path / "data", folder=reports, first_period="2018-01", last_period="2018-02")
    return Config(sync=settings)


def files(folder: Path) -> list[str]:
    """The folder's reports as a run names them, in the order it takes them."""
    return sorted((f.relative_to(folder).as_posix() for f in folder.rglob("*.xlsx")), key=lambda name: name.split("/"))


def set_modified(path: Path, when: float) -> None:
    os.utime(path, (when, when))


def test_a_first_run_reads_every_file_ahead(config: Config) -> None:
    reports = config.sync.reports_folder()
    assert len(files(reports)) >= MIN_FILES_FOR_WORKERS
    with head_start(config) as started:
        assert len(started.parser.worker_pids()) == 1
    assert not (config.sync.data_dir / "ledger.sqlite").exists()  # the head start does not make the ledger
    ahead = folder_files(FolderSource(reports), started.registry, last_written(config.sync.data_dir / "ledger.sqlite"))
    assert [name for name, _ in ahead] == files(reports)


def test_a_later_run_reads_ahead_only_the_files_saved_since_the_ledger_was_last_written(config: Config) -> None:
    reports = config.sync.reports_folder()
    assert not sync_once(config, "cli", as_of=AS_OF).failed
    ledger = config.sync.data_dir / "ledger.sqlite"
    written = ledger.stat().st_mtime
    with head_start(config) as started:  # nothing saved since: no worker
        assert started.parser.worker_pids() == []
    names = files(reports)
    saved_since = names[: MIN_FILES_FOR_WORKERS + 1]
    for name in names:
        set_modified(reports / name, written + 60 if name in saved_since else written - 60)
    assert [
        name for name, _ in folder_files(FolderSource(reports), started.registry, last_written(ledger))
    ] == saved_since
    with head_start(config) as started:
        assert len(started.parser.worker_pids()) == 1


def test_the_ledgers_write_ahead_log_counts_as_a_write(tmp_path: Path) -> None:
    ledger = tmp_path / "ledger.sqlite"
    assert last_written(ledger) is None
    ledger.write_bytes(b"")
    set_modified(ledger, 1_000_000_000)
    assert last_written(ledger) == dt.datetime.fromtimestamp(1_000_000_000, dt.UTC)
    wal = tmp_path / "ledger.sqlite-wal"
    wal.write_bytes(b"")
    set_modified(wal, 1_000_000_100)
    assert last_written(ledger) == dt.datetime.fromtimestamp(1_000_000_100, dt.UTC)


def test_a_ledger_on_a_server_has_nothing_read_ahead(config: Config) -> None:
    """Which files are new to a ledger on a server cannot be told before its modules load (the head start does not
    connect): such a run reads nothing ahead."""
    on_server = config.model_copy(
        update={"sync": config.sync.model_copy(update={"ledger": "postgresql://apmon@localhost/apmon"})}
    )
    with head_start(on_server) as started:
        assert started.parser.worker_pids() == []


def test_a_folder_that_cannot_be_listed_is_left_to_the_run(config: Config, tmp_path: Path) -> None:
    missing = config.model_copy(update={"sync": config.sync.model_copy(update={"folder": tmp_path / "nowhere"})})
    with head_start(missing) as started:
        assert started.parser.worker_pids() == []
    summary = sync_once(missing, "cli", as_of=AS_OF)
    assert summary.failed
    assert any("nowhere" in error for error in summary.errors)


def test_a_run_lists_the_reports_folder_once(config: Config, monkeypatch: pytest.MonkeyPatch) -> None:
    """The head start's listing of the folder is the run's: a folder of many thousand reports is not listed twice."""
    listed: list[str] = []
    walk = sources._walk

    def counted(top: Path, *args: Any) -> Any:
        listed.append(str(top))
        return walk(top, *args)

    monkeypatch.setattr(sources, "_walk", counted)
    summary = sync_once(config, "cli", as_of=AS_OF)
    assert not summary.failed and summary.files_seen == len(files(config.sync.reports_folder()))
    assert listed == [str(config.sync.reports_folder())]
