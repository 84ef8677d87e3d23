"""Review of files moved inside the reports folder: the audit trail keeps the name each version arrived under, and a
copy and its original moved together each keep their own history. Real report files built with the project's
template builder, a real SQLite ledger read with sqlite3 alone, real runs, the real command line."""

from __future__ import annotations

import json
import shutil
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from apmon.cli.app import app
from apmon.schemas.calendar import WorkingCalendar
from apmon.sync.run import run_sync
from apmon.sync.sources import Candidate, FolderSource
from tests.test_folder_moved import KILLED_AFTER_THE_TAKE_OVER, arrivals_in
from tests.test_moved_inside import moved_lines, moves_said, tidy
from tests.test_two_files import (
    AS_OF,
    CORRECTED,
    CORRECTION,
    FIRST,
    SENT,
    Folder,
    folder_fixture,
    spent_in_file,
    spent_in_master,
)

folder = folder_fixture


def names_in_ledger(folder: Folder, table: str) -> list[str]:
    """The file names the ledger's `table` (versions or arrivals) holds, read with sqlite3 alone."""
    with sqlite3.connect(folder.tmp / "ledger.sqlite") as db:
        return sorted(row[0] for row in db.execute(f"SELECT file_name FROM {table}"))


def test_a_version_keeps_the_name_it_arrived_under_after_the_file_moved_inside(folder: Folder) -> None:
    march = folder.folder / "2018-03"
    march.mkdir()
    folder.report(FIRST, 2500, "Obuka odložena.", SENT).rename(march / FIRST)
    folder.report(CORRECTION, 4500, "Obuka održana.", CORRECTED).rename(march / CORRECTION)
    folder.sync()
    received = sorted([f"2018-03/{FIRST}", f"2018-03/{CORRECTION}"])
    assert names_in_ledger(folder, "arrivals") == received

    tidy(folder, "2018-03", "2018/2018-03", keep_times=True)
    summary = folder.sync()

    assert moves_said([("2018-03", "2018/2018-03", 2)]) in summary.done
    # What arrived, and under which name, stays as it arrived.
    assert names_in_ledger(folder, "arrivals") == received
    assert names_in_ledger(folder, "versions") == received
    shown = CliRunner().invoke(app, ["ledger", "versions", "--config", str(folder.config()), "--json"])
    assert shown.exit_code == 0, shown.output
    assert sorted(a["file_name"] for v in json.loads(shown.stdout) for a in v["arrivals"]) == received
    # The two files of one report are named where they are now, for the officer to find them.
    (duplicate,) = summary.duplicates
    assert sorted(f.file for f in duplicate.files) == sorted(f"2018/2018-03/{n}" for n in (FIRST, CORRECTION))


def test_a_copy_and_its_original_moved_together_keep_their_own_histories(folder: Folder) -> None:
    """The original in 2018-03/, a copy of the same bytes and name kept in 00 kopije/; both folders moved into arhiva/
    (the copy is listed first there)."""
    march, copies = folder.folder / "2018-03", folder.folder / "00 kopije"
    march.mkdir()
    folder.report(FIRST, 2500, "Obuka odložena.", SENT).rename(march / FIRST)
    folder.sync()
    copies.mkdir()
    shutil.copy2(march / FIRST, copies / FIRST)
    folder.sync()
    first_seen = dict(folder_items(folder))

    tidy(folder, "2018-03", "arhiva/2018-03", keep_times=True)
    tidy(folder, "00 kopije", "arhiva/00 kopije", keep_times=True)
    summary = folder.sync()

    assert summary.versions == [] and summary.returned == [] and summary.missing_at_source == []
    assert moved_lines(summary) == [
        moves_said([("00 kopije", "arhiva/00 kopije", 1), ("2018-03", "arhiva/2018-03", 1)])
    ]
    # Each file continues its own item: the original's first seen at the first run, the copy's at the second.
    now = dict(folder_items(folder))
    assert now[f"arhiva/2018-03/{FIRST}"] == first_seen[f"2018-03/{FIRST}"]
    assert now[f"arhiva/00 kopije/{FIRST}"] == first_seen[f"00 kopije/{FIRST}"]


def folder_items(folder: Folder) -> list[tuple[str, str]]:
    """(path, first seen) of every file the ledger knows, read with sqlite3 alone."""
    with sqlite3.connect(folder.tmp / "ledger.sqlite") as db:
        return [(key, seen) for key, seen in db.execute("SELECT key, first_seen FROM items")]


def test_a_run_killed_after_it_took_over_files_moved_inside_still_tells_of_the_move(folder: Folder) -> None:
    """The scheduled run at night took over the first file of a subfolder IT moved, then died (kill -9). The
    Coordinator still learns of the move from `apmon sync status`: straight after, and after the next run, which
    takes over the other file, for both."""
    march = folder.folder / "2018-03"
    march.mkdir()
    folder.report(FIRST, 2500, "Obuka odložena.", SENT).rename(march / FIRST)
    folder.report(CORRECTION, 4500, "Obuka održana.", CORRECTED).rename(march / CORRECTION)
    folder.sync()
    tidy(folder, "2018-03", "2018/2018-03", keep_times=True)
    killed = subprocess.run(
        [sys.executable, "-c", KILLED_AFTER_THE_TAKE_OVER, str(folder.tmp), str(folder.folder)],
        cwd=Path(__file__).resolve().parent.parent,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    paths = sorted(key for key, _ in folder_items(folder))  # the check has teeth: one file taken over, one not
    assert sorted(path.split("/")[0] for path in paths) == ["2018", "2018-03"], paths
    config = folder.config()

    status = json.loads(CliRunner().invoke(app, ["sync", "status", "--config", str(config), "--json"]).stdout)
    assert status["last_run"]["finished_at"] is None  # the killed run
    source = FolderSource(folder.folder).id
    assert status["last_run"]["moved_inside"] == [
        {"source": source, "old": "2018-03", "new": "2018/2018-03", "files": 1}
    ]

    summary = folder.sync()  # the next run repairs the killed one and takes over the other file
    assert summary.versions == [] and summary.returned == [] and summary.missing_at_source == []
    assert moved_lines(summary) == [moves_said([("2018-03", "2018/2018-03", 2)])]
    status = json.loads(CliRunner().invoke(app, ["sync", "status", "--config", str(config), "--json"]).stdout)
    assert status["last_run"]["id"] == summary.run_id
    assert status["last_run"]["moved_inside"] == [
        {"source": source, "old": "2018-03", "new": "2018/2018-03", "files": 2}
    ]


def test_a_file_moved_and_changed_in_one_go_is_a_new_version_not_a_move(folder: Folder) -> None:
    """The officer moves the March report into 2018/ and corrects it before the next run: the new content is
    received once and counts; the old path is gone; no history is joined to it."""
    march = folder.folder / "2018-03"
    march.mkdir()
    folder.report(FIRST, 2500, "Obuka odložena.", SENT).rename(march / FIRST)
    folder.sync()
    (march / FIRST).unlink()
    moved = folder.folder / "2018" / "2018-03" / FIRST
    moved.parent.mkdir(parents=True)
    folder.report(FIRST, 4500, "Obuka održana.", CORRECTED).rename(moved)

    summary = folder.sync()

    assert moved_lines(summary) == [] and summary.returned == []
    assert [v.file for v in summary.versions] == [f"2018/2018-03/{FIRST}"]
    assert [line.rsplit(": ", 1)[-1] for line in summary.missing_at_source] == [f"2018-03/{FIRST}"]
    assert arrivals_in(folder.tmp / "ledger.sqlite") == 2
    assert folder.layout is not None
    assert spent_in_master(folder.master()) == spent_in_file(moved, folder.layout) != 0


class UnreadableSubfolder(FolderSource):
    """The reports folder with one subfolder that cannot be listed this time (its rights changed, a network share
    dropped): the scan gives what the real one gives for it, the subfolder among `unlisted` and none of its files.
    The tests run as root, whom no folder's rights stop, so a real refusal cannot be made here."""

    def __init__(self, folder: Path, unreadable: str) -> None:
        super().__init__(folder)
        self.unreadable = unreadable

    def scan(self) -> list[Candidate]:
        found = super().scan()
        self.unlisted.append((self.unreadable, PermissionError(13, "Permission denied", self.unreadable)))
        return [c for c in found if not c.key.startswith(f"{self.unreadable}/")]


def test_a_file_in_a_subfolder_that_could_not_be_listed_is_not_taken_for_a_moved_copy(folder: Folder) -> None:
    """A copy of the report in kopije/ is renamed to arhiva/ while 2018-03/, which holds the report, cannot be
    listed: the copy continues the copy, and the report keeps its history for when 2018-03/ can be read again."""
    copies, march = folder.folder / "kopije", folder.folder / "2018-03"
    copies.mkdir()
    folder.report(FIRST, 2500, "Obuka odložena.", SENT).rename(copies / FIRST)
    folder.sync()
    march.mkdir()
    shutil.copy2(copies / FIRST, march / FIRST)
    folder.sync()
    folder.sync()  # both seen last at the same moment

    tidy(folder, "kopije", "arhiva", keep_times=True)
    source = UnreadableSubfolder(folder.folder, "2018-03")
    summary = run_sync(plan=folder.plan, registry=folder.registry, ledger=folder.ledger, sources=[source],
                       settings=folder.settings, calendar=WorkingCalendar(), as_of=AS_OF)  # fmt: skip

    assert summary.versions == [] and summary.returned == [] and summary.missing_at_source == []
    assert moved_lines(summary) == [moves_said([("kopije", "arhiva", 1)])]
    again = folder.sync()  # 2018-03/ can be read again: its report is the file the ledger knew
    assert again.versions == [] and again.returned == [] and again.missing_at_source == []
    assert sorted(key for key, _ in folder_items(folder)) == [f"2018-03/{FIRST}", f"arhiva/{FIRST}"]
