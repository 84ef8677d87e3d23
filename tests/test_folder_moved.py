"""The reports folder moves (a shared drive mapped again, Z: becoming Y:, or the files copied to a new server) and the
Coordinator changes `folder`: the same reports are no new arrivals. The report that counted still counts, nothing is
received again, each report keeps its first submission time, and the run says in one line what it did. Real report
files built with the project's template builder, a real SQLite ledger, real runs; the master's figures are recomputed
from the file that counts, read with openpyxl alone."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import shutil
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from gspread.urls import DRIVE_FILES_API_V3_URL
from typer.testing import CliRunner

from apmon.cli.app import app
from apmon.schemas.calendar import BELGRADE
from apmon.schemas.messages import text_of
from apmon.sync.run import RunSummary
from apmon.sync.sources import FolderSource, GoogleDriveSource
from apmon.templates.google_api import RetryPolicy, make_client
from apmon.templates.gsheet import TEMPLATE_MARK, create_google_template
from apmon.templates.layout import sheet_names
from tests.fake_google import FakeGoogle, fake_google_fixture, service_account_file
from tests.test_two_files import (
    CORRECTED,
    CORRECTION,
    FIRST,
    LANG,
    SENT,
    Folder,
    folder_fixture,
    set_time,
    spent_in_file,
    spent_in_master,
)

fake_google = fake_google_fixture

# The moment IT copied the files to the new place, with a tool that does not keep the files' times.
MOVED = dt.datetime.now(dt.UTC).replace(microsecond=0) - dt.timedelta(hours=1)


folder = folder_fixture


def arrivals_in(ledger_path: Path) -> int:
    """Every arrival the ledger holds, counted with sqlite3 alone."""
    with sqlite3.connect(ledger_path) as db:
        return int(db.execute("SELECT count(*) FROM arrivals").fetchone()[0])


def move(folder: Folder, keep_times: bool) -> Path:
    """The reports folder copied to a new place and the old one gone (the drive no longer mapped as before); the
    configuration names the new one."""
    new = folder.tmp / "novi server" / "izvestaji"
    shutil.copytree(folder.folder, new, copy_function=shutil.copy2 if keep_times else shutil.copyfile)
    shutil.rmtree(folder.folder)
    if not keep_times:
        for path in new.rglob("*.xlsx"):
            set_time(path, MOVED)  # every file saved at one moment, as a copy that does not keep times leaves them
    folder.folder = new
    folder.settings = folder.settings.model_copy(update={"folder": new})
    return new


def moved_line(folder: Folder, old: Path, new: Path, count: int) -> str:
    old_id, new_id = FolderSource(old).id, FolderSource(new).id
    return text_of("sync.moved", LANG, count=count, old=old_id, new=new_id)


@pytest.mark.parametrize("keep_times", [False, True])
def test_a_moved_folder_changes_nothing_the_coordinator_signs(folder: Folder, keep_times: bool) -> None:
    first = folder.report(FIRST, 2500, "Obuka odložena.", SENT)
    correction = folder.report(CORRECTION, 4500, "Obuka održana sa zakašnjenjem.", CORRECTED)
    assert folder.layout is not None
    folder.sync()
    ledger_path = folder.tmp / "ledger.sqlite"
    arrivals_before = arrivals_in(ledger_path)
    assert arrivals_before == 2
    old = folder.folder

    new = move(folder, keep_times)
    summary: RunSummary = folder.sync()

    # Nothing received again, nothing new, and one line says what happened.
    assert summary.versions == [] and summary.returned == []
    assert arrivals_in(ledger_path) == arrivals_before
    assert moved_line(folder, old, new, 2) in summary.done
    # The correction still counts: its figures, recomputed from the file, not the first report's.
    moved_correction = new / correction.relative_to(old)
    assert spent_in_master(folder.master()) == spent_in_file(moved_correction, folder.layout) == 9000
    assert spent_in_file(new / first.relative_to(old), folder.layout) == 5000
    (duplicate,) = summary.duplicates
    assert [(f.file, f.counts) for f in duplicate.files] == [(FIRST, False), (CORRECTION, True)]
    # Submitted when the correction was first saved, as before the move, and on time (by the 5th working day of
    # April 2018: 6 April is Good Friday, so 10 April).
    (accepted,) = folder.ledger.accepted("MZ", "2018-03")
    assert accepted.timing is not None
    assert accepted.timing.submitted_at == CORRECTED.astimezone(dt.UTC)
    assert accepted.timing.on_time and CORRECTED.astimezone(BELGRADE).date() <= dt.date(2018, 4, 10)

    # The next run finds nothing to do.
    again = folder.sync()
    assert again.versions == [] and again.returned == [] and moved_line(folder, old, new, 2) not in again.done
    assert arrivals_in(ledger_path) == arrivals_before


def test_spreadsheets_moved_to_another_drive_folder_are_not_received_again(
    folder: Folder, fake_google: FakeGoogle, tmp_path: Path
) -> None:
    """The same rule for the Drive folder: its id changes in the configuration when the reports' spreadsheets move
    to another Drive folder (a Shared Drive): the same spreadsheets, read there, are no new arrivals."""
    old_drive, new_drive = fake_google.add_folder("Izveštaji"), fake_google.add_folder("Izveštaji (deljeni disk)")
    client = make_client(service_account_file(tmp_path), fake_google.endpoints, RetryPolicy(), sleep=lambda _: None)
    folder.report(FIRST, 2500, "Obuka odložena.", SENT).unlink()  # only the layout: the report is the spreadsheet
    assert folder.layout is not None
    sheet = create_google_template(client, folder.layout, old_drive)
    sheet.worksheet("Zadaci").update([["u toku", "Održana obuka."]] * 3, "E4:F6")
    upload = {"name": "MZ mart.pdf", "mimeType": "application/pdf", "parents": [old_drive]}  # named, never read
    client.http_client.request("post", DRIVE_FILES_API_V3_URL, params={"supportsAllDrives": True}, json=upload)
    first = folder.sync(GoogleDriveSource(client, old_drive))
    assert len(first.versions) == 1 and first.versions[0].valid
    assert [w for w in first.warnings if "MZ mart.pdf" in w]
    ledger_path = folder.tmp / "ledger.sqlite"
    arrivals_before = arrivals_in(ledger_path)

    for moved in (sheet.id, *(f for f, held in fake_google.files.items() if held["name"] == upload["name"])):
        fake_google.files[moved]["parents"] = [new_drive]  # moved in Drive: same files, same ids
    summary = folder.sync(GoogleDriveSource(client, new_drive))
    assert not [w for w in summary.warnings if "MZ mart.pdf" in w]  # the same document: not named again

    assert summary.versions == [] and summary.returned == []
    assert arrivals_in(ledger_path) == arrivals_before
    said = text_of("sync.moved", LANG, count=1, old=f"google:{old_drive}", new=f"google:{new_drive}")
    assert said in summary.done
    (accepted,) = folder.ledger.accepted("MZ", "2018-03")
    assert accepted.item_id == folder.ledger.get_item(f"google:{new_drive}", sheet.id).id  # type: ignore[union-attr]


def test_a_file_held_in_two_earlier_folders_continues_the_one_read_last(folder: Folder) -> None:
    """A ledger that already read the reports in two places (a copy read beside the folder, or a move recorded by an
    apmon before this rule): the moved file continues the item whose arrival is the newest, so the correction still
    counts and is shown as counting."""
    folder.report(FIRST, 2500, "Obuka odložena.", SENT)
    correction = folder.report(CORRECTION, 4500, "Obuka održana sa zakašnjenjem.", CORRECTED)
    assert folder.layout is not None
    beside = folder.tmp / "kopija"
    shutil.copytree(folder.folder, beside)  # times kept
    folder.sync(FolderSource(beside))  # both read: the copy's files arrive again, after the folder's
    old = folder.folder

    move(folder, keep_times=False)
    summary = folder.sync()

    assert summary.versions == [] and summary.returned == []
    (duplicate,) = summary.duplicates
    assert [(f.file, f.counts) for f in duplicate.files] == [(FIRST, False), (CORRECTION, True)]
    moved_correction = folder.folder / correction.relative_to(old)
    assert spent_in_master(folder.master()) == spent_in_file(moved_correction, folder.layout) == 9000


def test_a_copy_in_another_institutions_folder_takes_over_no_history(folder: Folder) -> None:
    """In the new place a copy of MZ's report lies in MUP's folder (MUP's officer put it there): it is MUP's file,
    refused as a report for another institution, as it would be in any run. It does not take over the history of MZ's
    file, which the move brings too and which is not received again."""
    report = folder.report(FIRST, 2500, "Obuka odložena.", SENT)
    folder.sync()
    arrivals_before = arrivals_in(folder.tmp / "ledger.sqlite")

    new = move(folder, keep_times=True)
    (new / "MUP").mkdir()
    shutil.copy2(new / report.name, new / "MUP" / report.name)  # "MUP/..." is read before "MZ mart ..."
    summary = folder.sync()

    assert summary.returned == []  # MZ's own file kept its history
    assert [(v.file, v.institution, v.valid) for v in summary.versions] == [(f"MUP/{FIRST}", "MUP", False)]
    assert arrivals_in(folder.tmp / "ledger.sqlite") == arrivals_before + 1


def test_only_contents_of_folders_no_longer_read_are_looked_for(folder: Folder) -> None:
    """A run asks the ledger once a source which contents a moved file can have: those of the folders of the same
    kind it no longer reads; a run whose folder did not move finds none, and asks nothing more for each new file."""
    report = folder.report(FIRST, 2500, "Obuka odložena.", SENT)
    folder.sync()
    held = hashlib.sha256(report.read_bytes()).hexdigest()
    here, there = FolderSource(folder.folder).id, FolderSource(folder.tmp / "novi").id

    assert folder.ledger.contents_elsewhere(here, {here}) == set()
    assert folder.ledger.contents_elsewhere(there, {there}) == {held}
    assert folder.ledger.contents_elsewhere(there, {there, here}) == set()
    assert folder.ledger.contents_elsewhere("google:folder-id", {"google:folder-id"}) == set()  # another kind


def sheets_reads(fake: FakeGoogle) -> int:
    """The Sheets API requests the fake received (each a read against the quota of 60 a minute)."""
    return len(fake.calls(path_regex=r"^/v4/spreadsheets"))


def test_200_spreadsheets_moved_in_drive_are_recognised_by_their_ids_without_a_read(
    folder: Folder, fake_google: FakeGoogle, tmp_path: Path
) -> None:
    """A Drive folder move keeps each spreadsheet's id and `modifiedTime`: the ledger knows them by id, so the run in
    the new folder reads none of them (a read of each was 400 reads, nearly 7 minutes of the read quota)."""
    old_drive, new_drive = fake_google.add_folder("Izveštaji"), fake_google.add_folder("Izveštaji (deljeni disk)")
    titles = [f"apmon MZ{i} 2018-03 (sr-Latn)" for i in range(200)]  # as apmon names a template
    ids = [
        fake_google.add_spreadsheet(
            title,
            {name: [["x", i]] for name in sheet_names("monthly", "sr-Latn")},
            parents=[old_drive],
            app_properties={TEMPLATE_MARK: title},
        )
        for i, title in enumerate(titles)
    ]
    client = make_client(service_account_file(tmp_path), fake_google.endpoints, RetryPolicy(), sleep=lambda _: None)
    first = folder.sync(GoogleDriveSource(client, old_drive))
    assert first.files_changed == 200
    arrivals_before = arrivals_in(folder.tmp / "ledger.sqlite")
    assert arrivals_before == 200

    for spreadsheet in ids:
        fake_google.files[spreadsheet]["parents"] = [new_drive]
    reads_before = sheets_reads(fake_google)
    summary = folder.sync(GoogleDriveSource(client, new_drive))

    assert sheets_reads(fake_google) - reads_before == 0
    assert summary.versions == [] and summary.returned == [] and summary.files_changed == 0
    assert arrivals_in(folder.tmp / "ledger.sqlite") == arrivals_before
    said = text_of("sync.moved", LANG, count=200, old=f"google:{old_drive}", new=f"google:{new_drive}")
    assert said in summary.done
    with sqlite3.connect(folder.tmp / "ledger.sqlite") as db:
        where = dict(db.execute("SELECT key, source FROM items WHERE source LIKE 'google:%'").fetchall())
    assert where == dict.fromkeys(ids, f"google:{new_drive}")


def test_a_copy_of_a_spreadsheet_in_the_new_drive_folder_is_still_known_by_its_content(
    folder: Folder, fake_google: FakeGoogle, tmp_path: Path
) -> None:
    """A spreadsheet copied (Drive's "Make a copy": a new id) rather than moved is not known by its id: read, its
    content shows it is the same file as before, not a new arrival."""
    old_drive, new_drive = fake_google.add_folder("Izveštaji"), fake_google.add_folder("Novi")
    title = "apmon MZ 2018-03 (sr-Latn)"
    sheets = {name: [["x", 1]] for name in sheet_names("monthly", "sr-Latn")}
    first = fake_google.add_spreadsheet(title, sheets, parents=[old_drive], app_properties={TEMPLATE_MARK: title})
    client = make_client(service_account_file(tmp_path), fake_google.endpoints, RetryPolicy(), sleep=lambda _: None)
    folder.sync(GoogleDriveSource(client, old_drive))
    arrivals_before = arrivals_in(folder.tmp / "ledger.sqlite")

    del fake_google.files[first]  # the original gone, a copy of it in the new folder
    copy = fake_google.add_spreadsheet(title, sheets, parents=[new_drive], app_properties={TEMPLATE_MARK: title})
    summary = folder.sync(GoogleDriveSource(client, new_drive))

    assert summary.versions == [] and summary.returned == []
    assert arrivals_in(folder.tmp / "ledger.sqlite") == arrivals_before
    said = text_of("sync.moved", LANG, count=1, old=f"google:{old_drive}", new=f"google:{new_drive}")
    assert said in summary.done
    assert folder.ledger.get_item(f"google:{new_drive}", copy) is not None


def squeezed(text: str) -> str:
    """A text without its white space: the terminal breaks a long line (and a long path) where it likes."""
    return "".join(text.split())


@pytest.mark.parametrize("lang", ["sr-Latn", "sr-Cyrl", "en"])
def test_sync_status_says_the_last_run_found_the_folder_moved(folder: Folder, lang: str) -> None:
    """The scheduled job ran at night in the new folder; the Coordinator reads `apmon sync status` in the morning
    and learns that the run took the folder's files as the ones the ledger had from the old folder."""
    folder.report(FIRST, 2500, "Obuka odložena.", SENT)
    folder.report(CORRECTION, 4500, "Obuka održana sa zakašnjenjem.", CORRECTED)
    folder.sync()
    old = folder.folder
    new = move(folder, keep_times=True)
    folder.sync()
    config = folder.config(lang)
    files = len(list(new.rglob("*.xlsx")))  # every report file came along
    assert files == 2

    as_json = json.loads(CliRunner().invoke(app, ["sync", "status", "--config", str(config), "--json"]).stdout)
    shown = CliRunner().invoke(app, ["sync", "status", "--config", str(config)])

    old_id, new_id = FolderSource(old).id, FolderSource(new).id
    assert as_json["last_run"]["moved"] == [{"old": old_id, "new": new_id, "files": files}]
    assert shown.exit_code == 0, shown.output
    said = text_of("sync.status.moved", lang, run=as_json["last_run"]["id"], old=old_id, new=new_id, count=files)
    assert squeezed(said) in squeezed(shown.stdout)

    folder.sync()  # the next run moves nothing: the status no longer says it
    again = CliRunner().invoke(app, ["sync", "status", "--config", str(config)])
    assert squeezed(old_id) not in squeezed(again.stdout)
    again_json = json.loads(CliRunner().invoke(app, ["sync", "status", "--config", str(config), "--json"]).stdout)
    assert again_json["last_run"]["moved"] == []


# A real run of the moved folder, killed (kill -9, a power cut) once it has taken over the first file and before the
# second: its progress is reported as each file is reached, after the files before it are done.
KILLED_AFTER_THE_TAKE_OVER = """
import os, signal, sys
from pathlib import Path
from apmon.schemas.calendar import WorkingCalendar
from apmon.sync.config import SyncSettings
from apmon.sync.ledger import Ledger, sqlite_url
from apmon.sync.run import run_sync
from apmon.sync.sources import FolderSource
from apmon.templates.plan_file import load_plan, load_registry
from tests.test_two_files import AS_OF

data, folder = Path(sys.argv[1]), Path(sys.argv[2])


def progress(what, done, total):
    if done == 2:
        os.kill(os.getpid(), signal.SIGKILL)


registry = load_registry()
run_sync(
    plan=load_plan(None, registry),
    registry=registry,
    ledger=Ledger.open(sqlite_url(data / "ledger.sqlite")),
    sources=[FolderSource(folder)],
    settings=SyncSettings(data_dir=data, folder=folder, first_period="2018-03", last_period="2018-04"),
    calendar=WorkingCalendar(),
    as_of=AS_OF,
    progress=progress,
)
"""


def test_a_run_killed_after_it_took_over_a_moved_folders_files_still_tells_of_the_move(folder: Folder) -> None:
    """The scheduled run at night took over the moved folder's first file, then died. The Coordinator still learns of
    the move from `apmon sync status`: straight after (the killed run is the last one), and after the next run,
    which takes over the rest, for every file that came along."""
    folder.report(FIRST, 2500, "Obuka odložena.", SENT)
    folder.report(CORRECTION, 4500, "Obuka održana sa zakašnjenjem.", CORRECTED)
    folder.sync()
    old = folder.folder
    new = move(folder, keep_times=True)
    killed = subprocess.run(
        [sys.executable, "-c", KILLED_AFTER_THE_TAKE_OVER, str(folder.tmp), str(new)],
        cwd=Path(__file__).resolve().parent.parent,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    with sqlite3.connect(folder.tmp / "ledger.sqlite") as db:  # the check has teeth: one file taken over, one not
        sources = [source for (source,) in db.execute("SELECT source FROM items")]
    old_id, new_id = FolderSource(old).id, FolderSource(new).id
    assert sorted(sources) == sorted([new_id, old_id]), sources
    config = folder.config()

    status = json.loads(CliRunner().invoke(app, ["sync", "status", "--config", str(config), "--json"]).stdout)
    assert status["last_run"]["finished_at"] is None  # the killed run
    assert status["last_run"]["moved"] == [{"old": old_id, "new": new_id, "files": 1}]
    shown = CliRunner().invoke(app, ["sync", "status", "--config", str(config)])
    said = text_of("sync.status.moved", LANG, run=status["last_run"]["id"], old=old_id, new=new_id, count=1)
    assert squeezed(said) in squeezed(shown.stdout), shown.stdout

    summary = folder.sync()  # the next run repairs the killed one and takes over the other file
    files = len(list(new.rglob("*.xlsx")))  # every report file came along
    assert files == 2 and summary.versions == [] and arrivals_in(folder.tmp / "ledger.sqlite") == 2
    assert moved_line(folder, old, new, files) in summary.done  # the run says it too, for every file
    status = json.loads(CliRunner().invoke(app, ["sync", "status", "--config", str(config), "--json"]).stdout)
    assert status["last_run"]["id"] == summary.run_id
    assert status["last_run"]["moved"] == [{"old": old_id, "new": new_id, "files": files}]


DOCUMENT_NAMES = ("MZ/propratni dopis.docx", "sken izveštaja.pdf")  # a cover letter, a scan: named, never read


def documents_line(source: Path, names: list[str]) -> str:
    return text_of("sync.documents", LANG, source=FolderSource(source).id, count=len(names), names=", ".join(names))


@pytest.mark.parametrize("keep_times", [False, True])
def test_documents_of_a_moved_folder_are_not_named_again(folder: Folder, keep_times: bool) -> None:
    """The documents named once in the old folder are the same documents in the new one (known by their content,
    whatever time the copy gave them): not named again. One added in the new place, or changed on the way, is."""
    folder.report(FIRST, 2500, "Obuka odložena.", SENT)
    for name in DOCUMENT_NAMES:
        (folder.folder / name).parent.mkdir(exist_ok=True)
        (folder.folder / name).write_bytes(f"%PDF-1.4 {name}".encode())
    first = folder.sync()
    assert documents_line(folder.folder, sorted(DOCUMENT_NAMES, key=lambda n: n.split("/"))) in first.warnings

    new = move(folder, keep_times)
    for name in DOCUMENT_NAMES:
        set_time(new / name, MOVED)
    (new / "novi dopis.pdf").write_bytes(b"%PDF-1.4 novi")  # added after the move
    (new / "sken izveštaja.pdf").write_bytes(b"%PDF-1.4 skenirano ponovo")  # scanned again on the way
    summary = folder.sync()

    documents = [w for w in summary.warnings if FolderSource(new).id in w and ".pdf" in w]
    # Of the new folder's documents, only the one the old folder did not hold (compared by their bytes here).
    old_contents = {f"%PDF-1.4 {name}".encode() for name in DOCUMENT_NAMES}
    not_before = sorted(p.name for p in new.rglob("*.pdf") if p.read_bytes() not in old_contents)
    assert not_before == ["novi dopis.pdf", "sken izveštaja.pdf"]
    assert documents == [documents_line(new, not_before)]
    assert folder.sync().warnings == []  # and none again at the next run


@pytest.mark.parametrize("keep_times", [False, True])
def test_a_copy_made_in_the_new_folder_leaves_the_moved_file_its_history(folder: Folder, keep_times: bool) -> None:
    """A copy of a moved report made in the new place ("Kopija MZ mart 2018.xlsx", read before "MZ mart 2018.xlsx")
    must not take the moved file's history: the file with the same path continues it (were the copy deleted, the
    report would be marked "file deleted"), and the run names the copy, not the moved file, as received again."""
    folder.report(FIRST, 2500, "Obuka odložena.", SENT)
    folder.report(CORRECTION, 4500, "Obuka održana sa zakašnjenjem.", CORRECTED)
    assert folder.layout is not None
    folder.sync()
    old = folder.folder
    item_of_first = folder.ledger.get_item(FolderSource(old).id, FIRST)
    assert item_of_first is not None

    new = move(folder, keep_times)
    copy = new / f"Kopija {FIRST}"
    shutil.copy2(new / FIRST, copy)  # the copy keeps the file's time, as Explorer's copy does
    summary: RunSummary = folder.sync()

    moved_first = folder.ledger.get_item(FolderSource(new).id, FIRST)
    assert moved_first is not None and moved_first.id == item_of_first.id  # its history, not the copy's
    assert FIRST not in [v.file for v in summary.returned]  # not received again
    # The copy is the file received again (a copy counts as the newest, as in any run), named as itself.
    assert [v.file for v in summary.returned] == [copy.name]


def test_a_copy_listed_before_the_moved_spreadsheet_leaves_it_its_history(
    folder: Folder, fake_google: FakeGoogle, tmp_path: Path
) -> None:
    """Drive lists files in no promised order: a copy ("Make a copy", a new id) listed before the spreadsheet moved
    with the folder must not take the moved one's history; the moved one is still known by its id, unread."""
    old_drive, new_drive = fake_google.add_folder("Izveštaji"), fake_google.add_folder("Novi")
    title = "apmon MZ 2018-03 (sr-Latn)"
    sheets = {name: [["x", 1]] for name in sheet_names("monthly", "sr-Latn")}
    moved = fake_google.add_spreadsheet(title, sheets, parents=[old_drive], app_properties={TEMPLATE_MARK: title})
    client = make_client(service_account_file(tmp_path), fake_google.endpoints, RetryPolicy(), sleep=lambda _: None)
    folder.sync(GoogleDriveSource(client, old_drive))
    item_before = folder.ledger.get_item(f"google:{old_drive}", moved)
    assert item_before is not None

    copy = fake_google.add_spreadsheet(title, sheets, parents=[new_drive], app_properties={TEMPLATE_MARK: title})
    held = fake_google.files.pop(moved)  # listed after the copy
    fake_google.files[moved] = held | {"parents": [new_drive]}
    summary = folder.sync(GoogleDriveSource(client, new_drive))

    item_after = folder.ledger.get_item(f"google:{new_drive}", moved)
    assert item_after is not None and item_after.id == item_before.id
    assert [v.file for v in summary.returned] == [title]  # the copy (its name is the template's), received again
    assert folder.ledger.get_item(f"google:{new_drive}", copy) is not None


def test_a_folder_that_did_not_move_finds_nothing_elsewhere_with_its_own_documents(folder: Folder) -> None:
    """The documents a folder holds (kept with a hash since documents of a moved folder are known by it) belong to
    that folder: a run whose folder did not move still finds no content and no file elsewhere."""
    folder.report(FIRST, 2500, "Obuka odložena.", SENT)
    (folder.folder / "propratni dopis.pdf").write_bytes(b"%PDF-1.4 dopis")
    folder.sync()
    here = FolderSource(folder.folder).id

    assert folder.ledger.contents_elsewhere(here, {here}) == set()
    assert folder.ledger.keys_elsewhere(here, {here}) == set()
