"""A master left alone for the Coordinator's chart (its managed sheets in master.apmon.xlsx) and saved by her since:
told by the master file's size and modification time as the ledger kept them at the write, not by a time set on
master.apmon.xlsx. Runs in this process (a share's behaviour is put in with monkeypatch), on a real reports folder,
SQLite ledger and master workbook; the office and its reports are tests/test_admin_runs.py's."""

from __future__ import annotations

import datetime as dt
import errno
import os
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from apmon.schemas.calendar import BELGRADE
from apmon.schemas.institutions import InstitutionRegistry
from apmon.schemas.plan import Plan
from apmon.sync.config import load_config
from apmon.sync.service import sync_once
from apmon.sync.status import sync_status
from apmon.sync.writers import XlsxMaster
from tests.reports import add_own_chart, complete_monthly, filled_report
from tests.test_admin_runs import cells, office

NEW_FIGURE = "Obuka odložena."


def run(config: Path) -> None:
    summary = sync_once(load_config(config), "cli")
    assert not summary.failed, summary.errors


def up_to_date(config: Path) -> bool:
    # Belgrade's day, as `apmon sync status` and the run take it: the machine's own differs from it an hour a day
    return not sync_status(load_config(config), dt.datetime.now(BELGRADE).date()).master_stale


def take_chart_out(master: Path) -> None:
    book = openpyxl.load_workbook(master)
    del book["Grafikon"]  # openpyxl keeps no chart it read either
    book.save(master)


def correct_a_report(tmp_path: Path, plan: Plan, registry: InstitutionRegistry) -> None:
    _, layout = filled_report(plan, registry, tmp_path, "MZ", "2018-03", {}, name="blank.xlsx")
    (tmp_path / "reports" / "MZ_2018-03.xlsx").unlink()
    corrected = complete_monthly(layout) | {("tasks", "2.1.2", "problems"): NEW_FIGURE}
    filled_report(plan, registry, tmp_path / "reports", "MZ", "2018-03", corrected, name="MZ_2018-03.xlsx")


def holds_new_figure(workbook: Path) -> bool:
    return any(NEW_FIGURE in str(value) for value in cells(workbook))


def test_a_share_that_refuses_to_set_a_files_time_gets_master_apmon_xlsx_written_once_not_at_every_run(
    tmp_path: Path, plan: Plan, registry: InstitutionRegistry, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The reports folder and master on an SMB or NFS share that refuses os.utime (PermissionError): the sibling
    never took the master's time, so every later run, nothing new, wrote master.apmon.xlsx again and `sync status`
    said the master needed a refresh."""

    def refused(*args: Any, **kwargs: Any) -> None:
        raise PermissionError(errno.EPERM, "Operation not permitted", str(args[0]))

    monkeypatch.setattr(os, "utime", refused)
    config = office(tmp_path, plan, registry)
    master, sibling = tmp_path / "master.xlsx", tmp_path / "master.apmon.xlsx"
    run(config)
    add_own_chart(master)
    correct_a_report(tmp_path, plan, registry)
    run(config)
    assert holds_new_figure(sibling) and not holds_new_figure(master)
    written, written_at = sibling.read_bytes(), sibling.stat().st_mtime_ns

    assert up_to_date(config)
    run(config)  # nothing new
    assert sibling.read_bytes() == written and sibling.stat().st_mtime_ns == written_at
    assert up_to_date(config)


def test_a_save_by_the_coordinator_while_the_sibling_is_written_is_seen_by_the_next_run(
    tmp_path: Path, plan: Plan, registry: InstitutionRegistry, monkeypatch: pytest.MonkeyPatch
) -> None:
    """She takes her chart out and saves the master while the run writes master.apmon.xlsx (after apmon read the
    master and found the chart, before the run recorded its write). Before, master.apmon.xlsx then took the time of
    her save, and the master, holding old figures, was taken as up to date until the next report came in."""
    config = office(tmp_path, plan, registry)
    master, sibling = tmp_path / "master.xlsx", tmp_path / "master.apmon.xlsx"
    run(config)
    add_own_chart(master)
    correct_a_report(tmp_path, plan, registry)
    write = XlsxMaster.write

    def saved_meanwhile(self: XlsxMaster, *args: Any, **kwargs: Any) -> Any:
        written = write(self, *args, **kwargs)
        take_chart_out(master)
        return written

    monkeypatch.setattr(XlsxMaster, "write", saved_meanwhile)
    run(config)
    monkeypatch.undo()
    assert holds_new_figure(sibling) and not holds_new_figure(master)  # the save came after the read: it has teeth

    assert not up_to_date(config)
    run(config)  # nothing new: the master, its chart out, is written itself
    assert holds_new_figure(master)
    assert up_to_date(config)
    written_at = master.stat().st_mtime_ns
    run(config)
    assert master.stat().st_mtime_ns == written_at  # once, not at every run


def test_a_master_saved_with_the_same_time_but_another_size_is_seen_as_saved(
    tmp_path: Path, plan: Plan, registry: InstitutionRegistry
) -> None:
    """A copy put back with the very time the master had (a copy tool that keeps times, a clock set back) is told
    by its size: its chart taken out, it is written."""
    config = office(tmp_path, plan, registry)
    master = tmp_path / "master.xlsx"
    run(config)
    add_own_chart(master)
    correct_a_report(tmp_path, plan, registry)
    run(config)
    kept = master.stat()
    take_chart_out(master)
    assert master.stat().st_size != kept.st_size
    os.utime(master, ns=(kept.st_atime_ns, kept.st_mtime_ns))

    assert not up_to_date(config)
    run(config)
    assert holds_new_figure(master)
