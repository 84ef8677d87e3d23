"""Two files in the reports folder holding one institution's report for one month (the report and a correction saved
under another name): after a run, apmon names every file, which one counts and why, and what to do; in the run's
summary, in `apmon sync status` and on the master's Issues sheet. Real report files built with the project's template
builder, a real SQLite ledger, real runs; the master's figures are recomputed from the file that counts, read with
openpyxl alone."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from gspread.urls import DRIVE_FILES_API_V3_URL
from typer.testing import CliRunner

from apmon.cli.app import app
from apmon.schemas.calendar import BELGRADE, WorkingCalendar
from apmon.schemas.institutions import InstitutionRegistry
from apmon.schemas.messages import text_of
from apmon.schemas.plan import Plan
from apmon.schemas.text import LANGS, Lang
from apmon.sync.config import SyncSettings
from apmon.sync.demo_data import CORRECTION_SUFFIX
from apmon.sync.ledger import Ledger, sqlite_url
from apmon.sync.run import RunSummary, run_sync
from apmon.sync.sources import FolderSource, GoogleDriveSource, Source
from apmon.templates.google_api import RetryPolicy, make_client
from apmon.templates.gsheet import create_google_template
from apmon.templates.layout import FIRST_DATA_ROW, META_SHEET, WorkbookLayout
from tests.fake_google import FakeGoogle, fake_google_fixture, service_account_file
from tests.reports import complete_monthly, filled_report

fake_google = fake_google_fixture

LANG = "sr-Latn"  # the master's language by default
AS_OF = dt.date(2018, 6, 1)
FIRST = "MZ mart 2018.xlsx"
CORRECTION = f"MZ mart 2018{CORRECTION_SUFFIX}.xlsx"  # as the demo names a report sent again
SENT = dt.datetime(2018, 4, 5, 10, 0, tzinfo=BELGRADE)  # the first report
CORRECTED = dt.datetime(2018, 4, 6, 11, 30, tzinfo=BELGRADE)  # the correction, a day later
SAVED_AGAIN = dt.datetime(2018, 4, 9, 9, 15, tzinfo=BELGRADE)  # the first file opened and saved once more

# The end of every warning: what to do.
WHAT_TO_DO = (
    "Zadržite samo jednu datoteku po izveštaju: ostale obrišite ili premestite iz foldera sa izveštajima "
    "(preimenovana datoteka koja ostane u folderu i dalje se čita). Ako se računa pogrešna, uklonite baš nju."
)
BY_FILE_TIME = (
    "Nema svaka datoteka oznaku Dostavi, pa odlučuje vreme kada je datoteka sačuvana: datoteka koja je ponovo "
    "sačuvana ili kopirana računa se čak i kada je njen izveštaj stariji."
)


class Folder:
    """The reports folder, the ledger beside it and the master they make."""

    def __init__(self, tmp: Path, plan: Plan, registry: InstitutionRegistry) -> None:
        self.tmp, self.plan, self.registry = tmp, plan, registry
        self.folder = tmp / "izvestaji"
        self.folder.mkdir()
        self.ledger = Ledger.open(sqlite_url(tmp / "ledger.sqlite"))
        self.settings = SyncSettings(data_dir=tmp, folder=self.folder, first_period="2018-03", last_period="2018-04")
        self.layout: WorkbookLayout | None = None

    def report(self, name: str, spent: int, problem: str, saved: dt.datetime, stamp: dt.datetime | None = None) -> Path:
        """MZ's March report as an officer fills it: every budget line's spending of the year `spent`, and `problem`
        on task 2.1.2; saved at `saved`, and carrying the add-in's Submit `stamp` when given."""
        _, layout = filled_report(self.plan, self.registry, self.tmp, "MZ", "2018-03", {}, LANG, "blank.xlsx")
        self.layout = layout
        edits = complete_monthly(layout) | {("tasks", "2.1.2", "problems"): problem}
        edits |= {("budget", row.key, "spent_year"): spent for row in layout.sheet("budget").rows}
        path, _ = filled_report(self.plan, self.registry, self.folder, "MZ", "2018-03", edits, LANG, name)
        if stamp is not None:  # as the add-in's Submit writes it: `_apmon` submitted_at
            book = openpyxl.load_workbook(path)
            meta = book[META_SHEET]
            row = next(r for r in range(1, meta.max_row + 2) if meta.cell(r, 1).value in ("submitted_at", None))
            meta.cell(row, 1, "submitted_at")
            meta.cell(row, 2, f"{stamp.astimezone(dt.UTC):%Y-%m-%d %H:%M:%S}+00:00")
            book.save(path)
        set_time(path, saved)
        return path

    def sync(self, *more: Source) -> RunSummary:
        return run_sync(
            plan=self.plan,
            registry=self.registry,
            ledger=self.ledger,
            sources=[FolderSource(self.folder), *more],
            settings=self.settings,
            calendar=WorkingCalendar(),
            as_of=AS_OF,
        )

    def config(self, lang: Lang = LANG) -> Path:
        path = self.tmp / "apmon.toml"
        path.write_text(
            f'[sync]\ndata_dir = "{self.tmp.as_posix()}"\nfolder = "{self.folder.as_posix()}"\n'
            f'ledger = "{sqlite_url(self.tmp / "ledger.sqlite")}"\nmaster_lang = "{lang}"\n'
            f'first_period = "2018-03"\nlast_period = "2018-04"\nas_of = {AS_OF.isoformat()}\n',
            encoding="utf-8",
        )
        return path

    def master(self) -> openpyxl.Workbook:
        return openpyxl.load_workbook(self.settings.master_path())


def set_time(path: Path, moment: dt.datetime) -> None:
    os.utime(path, (moment.timestamp(), moment.timestamp()))


def saved_again(path: Path, moment: dt.datetime) -> None:
    """The file opened and saved again without a change to the report, as Excel saves it: its bytes change."""
    book = openpyxl.load_workbook(path)
    book.properties.lastModifiedBy = "Excel"
    book.save(path)
    set_time(path, moment)


@pytest.fixture(name="folder")
def folder_fixture(tmp_path: Path, plan: Plan, registry: InstitutionRegistry) -> Iterator[Folder]:
    """The `folder` fixture: a Folder whose ledger is closed after the test. A test module imports it with
    `folder = folder_fixture` (as `fake_google`): a test's `folder` parameter then shadows no import (ruff F811)."""
    made = Folder(tmp_path, plan, registry)
    yield made
    made.ledger.close()


# -- what the files say, read with openpyxl alone ------------------------------------------------------------------


def spent_in_file(path: Path, layout: WorkbookLayout) -> float:
    """The year's spending of every budget line of a report file, added up."""
    sheet = layout.sheet("budget")
    column = [c.key for c in sheet.columns].index("spent_year") + 1
    ws = openpyxl.load_workbook(path, data_only=True)[sheet.name]
    return sum(float(ws.cell(FIRST_DATA_ROW + i, column).value or 0) for i in range(len(sheet.rows)))


def problem_in_file(path: Path, layout: WorkbookLayout) -> str:
    sheet_name, cell = layout.cell_of("tasks", "2.1.2", "problems")
    return str(openpyxl.load_workbook(path)[sheet_name][cell].value)


def sheet(book: openpyxl.Workbook, role: str) -> Any:
    return book[text_of(f"master.sheet.{role}", LANG)]


def spent_in_master(book: openpyxl.Workbook) -> float:
    ws = sheet(book, "budget")
    column = [c.value for c in ws[3]].index(text_of("master.budget.spent", LANG))
    return sum(float(row[column] or 0) for row in ws.iter_rows(min_row=4, values_only=True) if row[0])


def problems_in_master(book: openpyxl.Workbook) -> list[str]:
    ws = sheet(book, "problems")
    column = [c.value for c in ws[3]].index(text_of("master.problems.problem", LANG))
    return [row[column] for row in ws.iter_rows(min_row=4, values_only=True) if row[column]]


def duplicate_rows(book: openpyxl.Workbook) -> list[tuple[Any, ...]]:
    """(institution, period, file, severity, message) of the Issues sheet's rows about a report in several files."""
    ws = sheet(book, "issues")
    return [
        (r[0], r[1], r[2], r[3], r[7]) for r in ws.iter_rows(min_row=4, values_only=True) if r[4] == "duplicate-report"
    ]


def one_line(text: str) -> str:
    return " ".join(text.split())


def at(moment: dt.datetime) -> str:
    return f"{moment:%d.%m.%Y. %H:%M}"


def test_two_files_of_one_report_name_both_and_the_master_counts_the_newer(folder: Folder) -> None:
    first = folder.report(FIRST, 2500, "Obuka odložena.", SENT)
    correction = folder.report(CORRECTION, 4500, "Obuka održana sa zakašnjenjem.", CORRECTED)
    assert folder.layout is not None
    expected = (
        f"Izveštaj institucije MZ za mart 2018. nalazi se u više datoteka (2): {FIRST} (sačuvana {at(SENT)}); "
        f"{CORRECTION} (sačuvana {at(CORRECTED)}). Računa se {CORRECTION}: od datoteka bez grešaka ona je poslednja "
        f"sačuvana ({at(CORRECTED)}). {BY_FILE_TIME} {WHAT_TO_DO}"
    )

    # A real run, as the Coordinator starts it: what it prints.
    apmon = Path(sys.executable).parent / "apmon"
    ran = subprocess.run(
        [str(apmon), "sync", "run", "--config", str(folder.config())],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "COLUMNS": "250"},
    )
    assert ran.returncode == 0, ran.stderr
    assert f"Upozorenje: {expected}" in one_line(ran.stdout)

    # Where the Coordinator looks next: `apmon sync status`, in words and as JSON.
    status = CliRunner().invoke(app, ["sync", "status", "--config", str(folder.config())], env={"COLUMNS": "250"})
    assert status.exit_code == 0, status.output
    assert expected in one_line(status.stdout)
    shown = CliRunner().invoke(app, ["sync", "status", "--config", str(folder.config()), "--json"])
    (duplicate,) = json.loads(shown.stdout)["duplicates"]
    assert [(f["file"], f["counts"]) for f in duplicate["files"]] == [(FIRST, False), (CORRECTION, True)]
    assert duplicate["basis"] == "file-time"

    # The master: each file a warning on the Issues sheet, saying the whole of it.
    book = folder.master()
    severity = text_of("master.issues.warning", LANG)
    assert sorted(duplicate_rows(book)) == [  # the sheet is sorted by report, then file
        ("MZ", "2018-03", CORRECTION, severity, expected),
        ("MZ", "2018-03", FIRST, severity, expected),
    ]
    # ... and its figures come from the correction alone, not from both, not from the first.
    assert spent_in_master(book) == spent_in_file(correction, folder.layout) == 9000
    assert spent_in_file(first, folder.layout) == 5000
    assert problem_in_file(correction, folder.layout) in problems_in_master(book)
    assert problem_in_file(first, folder.layout) not in problems_in_master(book)


@pytest.mark.parametrize("lang", LANGS)
def test_the_statuss_json_says_a_duplicate_in_the_masters_language_as_its_words_do(folder: Folder, lang: Lang) -> None:
    """`sync status --json` gave a duplicate's `message` in English whatever the language; the run's `--json` and
    the status's own lines say it in the master's (docs/sync.md: "in the run's language")."""
    folder.report(FIRST, 2500, "Obuka odložena.", SENT)
    folder.report(CORRECTION, 4500, "Obuka održana sa zakašnjenjem.", CORRECTED)
    folder.sync()
    config = folder.config(lang)

    status = CliRunner().invoke(app, ["sync", "status", "--config", str(config)], env={"COLUMNS": "2000"})
    shown = CliRunner().invoke(app, ["sync", "status", "--config", str(config), "--json"])

    assert status.exit_code == shown.exit_code == 0, status.output + shown.output
    (duplicate,) = json.loads(shown.stdout)["duplicates"]
    heading = text_of("sync.status.duplicates", lang)
    listed = status.stdout.split(heading, 1)[1].splitlines()[1]  # the line under the heading: "  - Izveštaj ..."
    assert listed.strip() == f"- {duplicate['message']}"
    assert {"sr-Latn": "Izveštaj institucije MZ", "sr-Cyrl": "Извештај институције MZ", "en": "MZ"}[lang] in listed
    assert FIRST in listed and CORRECTION in listed


def test_the_first_file_saved_again_after_the_correction_counts_and_the_warning_says_so(folder: Folder) -> None:
    """Found in review: the older file saved again (or copied) after the correction silently counted."""
    first = folder.report(FIRST, 2500, "Obuka odložena.", SENT)
    correction = folder.report(CORRECTION, 4500, "Obuka održana sa zakašnjenjem.", CORRECTED)
    assert folder.layout is not None
    folder.sync()
    saved_again(first, SAVED_AGAIN)

    summary = folder.sync()

    (duplicate,) = summary.duplicates
    assert [(f.file, f.counts) for f in duplicate.files] == [(CORRECTION, False), (FIRST, True)]
    expected = (
        f"Izveštaj institucije MZ za mart 2018. nalazi se u više datoteka (2): "
        f"{CORRECTION} (sačuvana {at(CORRECTED)}); {FIRST} (sačuvana {at(SAVED_AGAIN)}). "
        f"Računa se {FIRST}: od datoteka bez grešaka ona je poslednja sačuvana ({at(SAVED_AGAIN)}). "
        f"{BY_FILE_TIME} {WHAT_TO_DO}"
    )
    book = folder.master()
    assert [row[4] for row in duplicate_rows(book)] == [expected, expected]
    assert spent_in_master(book) == spent_in_file(first, folder.layout) == 5000
    assert spent_in_file(correction, folder.layout) == 9000
    assert problem_in_file(first, folder.layout) in problems_in_master(book)

    # A copy of it made later counts the same way, and is named as the third file.
    copy = first.with_name("MZ mart 2018 - Copy.xlsx")
    shutil.copyfile(first, copy)
    set_time(copy, SAVED_AGAIN + dt.timedelta(hours=1))
    (duplicate,) = folder.sync().duplicates
    assert [(f.file, f.counts) for f in duplicate.files] == [(CORRECTION, False), (FIRST, False), (copy.name, True)]
    assert duplicate.basis == "file-time"


def test_with_every_file_submitted_through_the_add_in_the_newest_submit_counts(folder: Folder) -> None:
    """Each file carries the add-in's Submit stamp: the first one saved again later still does not count."""
    first = folder.report(FIRST, 2500, "Obuka odložena.", SENT, stamp=SENT)
    correction = folder.report(CORRECTION, 4500, "Obuka održana sa zakašnjenjem.", CORRECTED, stamp=CORRECTED)
    assert folder.layout is not None
    folder.sync()
    saved_again(first, SAVED_AGAIN)

    summary = folder.sync()

    (duplicate,) = summary.duplicates
    assert [(f.file, f.counts) for f in duplicate.files] == [(CORRECTION, True), (FIRST, False)]
    expected = (
        f"Izveštaj institucije MZ za mart 2018. nalazi se u više datoteka (2): {CORRECTION} (sačuvana {at(CORRECTED)}, "
        f"oznaka Dostavi {at(CORRECTED)}); {FIRST} (sačuvana {at(SAVED_AGAIN)}, oznaka Dostavi {at(SENT)}). "
        f"Računa se {CORRECTION}: od datoteka bez grešaka ona ima najnoviju oznaku Dostavi ({at(CORRECTED)}). Kada je "
        f"svaka datoteka ima, odlučuje oznaka Dostavi, a ne vreme kada je datoteka sačuvana. {WHAT_TO_DO}"
    )
    book = folder.master()
    assert [row[4] for row in duplicate_rows(book)] == [expected, expected]
    assert spent_in_master(book) == spent_in_file(correction, folder.layout) == 9000
    assert problem_in_file(first, folder.layout) not in problems_in_master(book)


def test_a_file_only_touched_changes_nothing(folder: Folder) -> None:
    """Its modified time moved, its bytes did not: the ledger has nothing new from it, and the warning stays."""
    first = folder.report(FIRST, 2500, "Obuka odložena.", SENT)
    folder.report(CORRECTION, 4500, "Obuka održana sa zakašnjenjem.", CORRECTED)
    before = folder.sync().duplicates
    set_time(first, SAVED_AGAIN)
    after = folder.sync()
    assert not after.versions and after.duplicates == before
    assert [f.file for f in after.duplicates[0].files if f.counts] == [CORRECTION]


@pytest.mark.parametrize("deleted", [FIRST, CORRECTION])
def test_a_file_deleted_from_the_folder_is_no_longer_a_duplicate(folder: Folder, deleted: str) -> None:
    folder.report(FIRST, 2500, "Obuka odložena.", SENT)
    correction = folder.report(CORRECTION, 4500, "Obuka održana sa zakašnjenjem.", CORRECTED)
    assert folder.layout is not None
    assert folder.sync().duplicates
    (folder.folder / deleted).unlink()

    summary = folder.sync()

    assert summary.duplicates == [] and summary.missing_at_source
    book = folder.master()
    assert duplicate_rows(book) == []
    # The ledger keeps what it had: the correction still counts, deleted or not.
    assert folder.ledger.accepted("MZ", "2018-03")[0].file_name == CORRECTION
    assert spent_in_master(book) == 9000
    submissions = sheet(book, "submissions")
    (mz,) = [row for row in submissions.iter_rows(min_row=4, values_only=True) if row[0] == "MZ"]
    assert (text_of("master.submissions.deleted", LANG) in mz[1]) == (deleted == CORRECTION)
    status = CliRunner().invoke(app, ["sync", "status", "--config", str(folder.config())], env={"COLUMNS": "250"})
    assert text_of("sync.status.duplicates", LANG) not in status.stdout
    del correction


def test_a_google_sheet_and_a_file_of_one_report_and_the_sheet_trashed(
    folder: Folder, fake_google: FakeGoogle, tmp_path: Path
) -> None:
    """The same rule across the reports folder and the Drive folder: a spreadsheet is named by its title and id; one
    moved to the trash is no longer listed, so no longer a duplicate."""
    drive = fake_google.add_folder("Izveštaji")
    client = make_client(service_account_file(tmp_path), fake_google.endpoints, RetryPolicy(), sleep=lambda _: None)
    folder.report(FIRST, 2500, "Obuka odložena.", SENT)
    assert folder.layout is not None
    sheet = create_google_template(client, folder.layout, drive)
    sheet.worksheet("Zadaci").update([["u toku", "Održana obuka."]] * 3, "E4:F6")
    google = GoogleDriveSource(client, drive)

    (duplicate,) = folder.sync(google).duplicates

    shown = f"{sheet.title} (Google Sheets {sheet.id})"
    # Drive's modifiedTime is today's, the file's April 2018: the spreadsheet was saved last.
    assert [(f.file, f.counts) for f in duplicate.files] == [(FIRST, False), (shown, True)]
    assert duplicate.basis == "file-time"
    assert any(row[2] == shown for row in duplicate_rows(folder.master()))

    client.http_client.request(
        "patch", f"{DRIVE_FILES_API_V3_URL}/{sheet.id}", json={"trashed": True}, params={"supportsAllDrives": True}
    )
    summary = folder.sync(GoogleDriveSource(client, drive))
    assert summary.duplicates == [] and summary.missing_at_source
    assert duplicate_rows(folder.master()) == []


def test_a_stamp_later_than_its_arrival_is_not_shown_as_deciding(folder: Folder) -> None:
    """A stamp typed into `_apmon` (here for 2040) decides nothing, so the warning neither shows it nor says that the
    stamps decided: the files' times do, as when a file carries none."""
    folder.report(FIRST, 2500, "Obuka odložena.", SENT, stamp=dt.datetime(2040, 1, 1, tzinfo=BELGRADE))
    folder.report(CORRECTION, 4500, "Obuka održana sa zakašnjenjem.", CORRECTED, stamp=CORRECTED)

    (duplicate,) = folder.sync().duplicates

    assert [(f.file, f.counts, f.stamp) for f in duplicate.files] == [
        (FIRST, False, None),
        (CORRECTION, True, CORRECTED),
    ]
    assert duplicate.basis == "file-time"
    said = {row[4] for row in duplicate_rows(folder.master())}
    assert len(said) == 1 and BY_FILE_TIME in said.pop()
    assert not any("2040" in str(row) for row in duplicate_rows(folder.master()))
