"""How `apmon sync run` prints what a run did besides reading reports: not as a repair."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import openpyxl
import pytest

from apmon.cli.sync import show_run
from apmon.schemas.calendar import BELGRADE, WorkingCalendar
from apmon.schemas.institutions import InstitutionRegistry
from apmon.schemas.messages import text_of
from apmon.schemas.plan import Plan
from apmon.schemas.text import Lang
from apmon.sync.config import SyncSettings
from apmon.sync.ledger import Ledger, sqlite_url
from apmon.sync.run import RunSummary, run_sync
from apmon.sync.sources import FolderSource
from tests.reports import Edits, complete_monthly, filled_report

# A report filled in part (its preparer), no status typed: a template no one filled is no report (sync.run).
ONLY_PREPARER: Edits = {("cover", "preparer", "value"): "Jelena Petrović"}


def test_what_a_run_did_is_not_called_a_repair(capsys: pytest.CaptureFixture[str]) -> None:
    brief = "Izveštaj za ministra za januar 2018. je izdat: izvestaji/minister-2018-01.pdf"
    interrupted = "Pokretanje 4 nije završeno: zabeleženo je kao prekinuto."
    show_run(RunSummary(run_id=5, done=[brief], notices=[interrupted]), "sr-Latn")
    lines = capsys.readouterr().out.splitlines()
    assert brief in lines  # a sentence of its own
    assert f"Popravljeno: {interrupted}" in lines  # a repair is still called one
    assert not any("Popravljeno" in line and "ministra" in line for line in lines)


def test_a_master_worked_out_for_a_past_day_says_which_reports_it_leaves_out(
    tmp_path: Path, plan: Plan, registry: InstitutionRegistry
) -> None:
    """`[sync] as_of` makes the master as of that day, so a report sent after it is not in it: the run says so,
    rather than leave the Coordinator (or someone trying the demo) to wonder where it went."""
    folder = tmp_path / "reports"
    folder.mkdir()
    sent_in_time = dt.datetime(2018, 4, 5, 10, 0, tzinfo=BELGRADE).timestamp()
    for code, period, sent in (("MUP", "2018-03", sent_in_time), ("MZ", "2018-03", None)):
        _, layout = filled_report(plan, registry, tmp_path, code, period, {}, name="blank.xlsx")
        path, _ = filled_report(plan, registry, folder, code, period, complete_monthly(layout), name=f"{code}.xlsx")
        if sent is not None:
            os.utime(path, (sent, sent))
    (tmp_path / "blank.xlsx").unlink()
    settings = SyncSettings(
        data_dir=tmp_path, folder=folder, first_period="2018-03", last_period="2018-03", as_of=dt.date(2018, 5, 20)
    )
    ledger = Ledger.open(sqlite_url(tmp_path / "ledger.sqlite"))
    try:
        summary = run_sync(
            plan=plan, registry=registry, ledger=ledger, sources=[FolderSource(folder)], settings=settings,
            calendar=WorkingCalendar(), as_of=settings.as_of,
        )  # fmt: skip
    finally:
        ledger.close()
    assert len(summary.versions) == 2
    assert [line for line in summary.done if "as_of" in line] == [
        "Zbirna radna sveska je urađena za 20.05.2018. (podešavanje `as_of`): verzije poslate posle tog dana nisu u "
        "njoj (izveštaja: 1, npr. MZ 2018-03). Bez `as_of` u `[sync]` računa se sve, za današnji dan."
    ]


def _run_folder(tmp_path: Path, plan: Plan, registry: InstitutionRegistry, settings: SyncSettings) -> RunSummary:
    ledger = Ledger.open(sqlite_url(tmp_path / "ledger.sqlite"))
    try:
        return run_sync(
            plan=plan, registry=registry, ledger=ledger, sources=[FolderSource(settings.reports_folder())],
            settings=settings, calendar=WorkingCalendar(), as_of=settings.as_of,
        )  # fmt: skip
    finally:
        ledger.close()


@pytest.mark.parametrize(("lang", "on_time"), [("sr-Latn", "na vreme"), ("sr-Cyrl", "на време"), ("en", "on time")])
def test_an_invalid_version_is_not_called_on_time(
    tmp_path: Path,
    plan: Plan,
    registry: InstitutionRegistry,
    capsys: pytest.CaptureFixture[str],
    lang: Lang,
    on_time: str,
) -> None:
    """A report with errors does not count, so it is on time for nothing: the run's table showed "na vreme" beside
    "neispravan"."""
    folder = tmp_path / "reports"
    folder.mkdir()
    path, _ = filled_report(plan, registry, folder, "MUP", "2018-03", ONLY_PREPARER, name="MUP-blank.xlsx")
    sent = dt.datetime(2018, 4, 3, 10, 0, tzinfo=BELGRADE).timestamp()  # well before the deadline
    os.utime(path, (sent, sent))
    settings = SyncSettings(data_dir=tmp_path, folder=folder, first_period="2018-03", last_period="2018-03")
    summary = _run_folder(tmp_path, plan, registry, settings)
    [version] = summary.versions
    assert not version.valid
    assert (version.on_time, version.days_late) == (None, None)  # the JSON says no timing either
    show_run(summary, lang)
    # the table's row (the line under the table says its first error)
    [row] = [line for line in capsys.readouterr().out.splitlines() if "MUP-blank" in line and line[:1] in "│|"]
    assert on_time not in row
    assert row.rstrip(" │|").endswith("—"), row


@pytest.mark.parametrize(
    ("lang", "before", "this_run"),
    [
        ("sr-Latn", "ranije primljena", "primljena u ovom pokretanju"),
        ("sr-Cyrl", "раније примљена", "примљена у овом покретању"),
        ("en", "received before", "received in this run"),
    ],
)
def test_a_copy_that_came_in_the_same_run_is_not_called_received_before(
    tmp_path: Path,
    plan: Plan,
    registry: InstitutionRegistry,
    capsys: pytest.CaptureFixture[str],
    lang: Lang,
    before: str,
    this_run: str,
) -> None:
    """On a first run nothing was received before: a copy of a report beside it in the folder was called "the same
    as a version received before"."""
    folder = tmp_path / "reports"
    folder.mkdir()
    _, layout = filled_report(plan, registry, tmp_path, "MZ", "2018-03", {}, name="blank.xlsx")
    path, _ = filled_report(plan, registry, folder, "MZ", "2018-03", complete_monthly(layout), name="MZ mart.xlsx")
    shutil.copyfile(path, folder / "MZ mart - kopija.xlsx")
    settings = SyncSettings(data_dir=tmp_path, folder=folder, first_period="2018-03", last_period="2018-03")
    summary = _run_folder(tmp_path, plan, registry, settings)
    [stored], [copy] = summary.versions, summary.returned
    assert {stored.file, copy.file} == {"MZ mart.xlsx", "MZ mart - kopija.xlsx"}
    assert copy.same_as == stored.file
    show_run(summary, lang)
    said = " ".join(capsys.readouterr().out.split())
    assert before not in said
    assert this_run in said and stored.file in said and copy.file in said


def _not_spreadsheet_lines(summary: RunSummary) -> list[str]:
    return [line for line in summary.warnings if ".pdf" in line or ".docx" in line]


def test_a_document_in_the_reports_folder_is_named_once_not_silently_skipped(
    tmp_path: Path, plan: Plan, registry: InstitutionRegistry, capsys: pytest.CaptureFixture[str]
) -> None:
    """A scanned report or a cover letter sent as a PDF or Word file was skipped without a word: the officer thought
    the report was in. Said once per file, and again only when the file changes; the reports are read as ever."""
    folder = tmp_path / "reports"
    (folder / "MUP").mkdir(parents=True)
    _, layout = filled_report(plan, registry, tmp_path, "MZ", "2018-03", {}, name="blank.xlsx")
    filled_report(plan, registry, folder, "MZ", "2018-03", complete_monthly(layout), name="MZ mart.xlsx")
    scan = folder / "MUP" / "izvestaj-mart.pdf"
    scan.write_bytes(b"%PDF-1.4 a scanned report")
    (folder / "MUP" / "propratno pismo.docx").write_bytes(b"PK a cover letter")
    settings = SyncSettings(data_dir=tmp_path, folder=folder, first_period="2018-03", last_period="2018-03")

    first = _run_folder(tmp_path, plan, registry, settings)
    assert [v.file for v in first.versions] == ["MZ mart.xlsx"]  # the report is read as ever
    [said] = _not_spreadsheet_lines(first)
    assert "MUP/izvestaj-mart.pdf" in said and "MUP/propratno pismo.docx" in said and "Excel" in said
    show_run(first, "sr-Latn")
    shown = " ".join(capsys.readouterr().out.split())
    assert "MUP/izvestaj-mart.pdf" in shown

    assert _not_spreadsheet_lines(_run_folder(tmp_path, plan, registry, settings)) == []  # told already
    # A scan's name may name a person: the ledger keeps no document's name, only what tells it was named
    ledger_bytes = b"".join(p.read_bytes() for p in tmp_path.rglob("*") if p.is_file() and p.suffix != ".xlsx")
    assert b"izvestaj-mart" not in ledger_bytes and b"propratno" not in ledger_bytes

    scan.write_bytes(b"%PDF-1.4 the scanned report, scanned again")
    later = scan.stat().st_mtime + 60
    os.utime(scan, (later, later))
    [again] = _not_spreadsheet_lines(_run_folder(tmp_path, plan, registry, settings))
    assert "MUP/izvestaj-mart.pdf" in again and "propratno" not in again


@pytest.mark.parametrize("lang", ["sr-Latn", "sr-Cyrl", "en"])
def test_the_documents_left_alone_are_named_in_the_readers_language(
    tmp_path: Path, plan: Plan, registry: InstitutionRegistry, lang: Lang
) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "izvestaj.doc").write_bytes(b"an old Word file")
    settings = SyncSettings(
        data_dir=tmp_path, folder=folder, first_period="2018-03", last_period="2018-03", master_lang=lang
    )
    [said] = [line for line in _run_folder(tmp_path, plan, registry, settings).warnings if "izvestaj.doc" in line]
    expected = {"sr-Latn": "Excel obrazac", "sr-Cyrl": "Excel образац", "en": "Excel template"}[lang]
    assert expected in said, said


def test_many_copies_received_in_the_same_run_are_counted_not_listed(capsys: pytest.CaptureFixture[str]) -> None:
    from apmon.cli.sync import LISTED_ALL
    from apmon.sync.run import NewVersion

    def copy(n: int) -> NewVersion:
        return NewVersion(
            source="folder:/r", file=f"kopija-{n:02}.xlsx", institution="MZ", period="2018-03", readable=True,
            valid=True, on_time=True, days_late=0, errors=0, warnings=0, first_problem=None, same_as="MZ mart.xlsx",
        )  # fmt: skip

    show_run(RunSummary(run_id=1, returned=[copy(n) for n in range(LISTED_ALL + 5)]), "en")
    said = " ".join(capsys.readouterr().out.split())
    assert said.count("The same as MZ mart.xlsx, received in this run") == LISTED_ALL
    assert "5 more files are the same as another file received in this run" in said
    assert "received before" not in said


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("sr-Latn", "kopija.xlsx (MZ mart 2018.) je njena kopija"),
        ("sr-Cyrl", "kopija.xlsx (MZ март 2018.) је њена копија"),
        ("en", "kopija.xlsx (MZ March 2018) is a copy of it"),
    ],
)
def test_a_copy_names_its_reports_month_in_words(capsys: pytest.CaptureFixture[str], lang: Lang, said: str) -> None:
    """Was "kopija.xlsx (MZ 2018-03) je njena kopija": a month in a sentence is named as the reader names it."""
    from apmon.sync.run import NewVersion

    copy = NewVersion(
        source="folder:/r", file="kopija.xlsx", institution="MZ", period="2018-03", readable=True, valid=True,
        on_time=True, days_late=0, errors=0, warnings=0, first_problem=None, same_as="MZ mart.xlsx",
    )  # fmt: skip
    show_run(RunSummary(run_id=1, returned=[copy]), lang)
    assert said in " ".join(capsys.readouterr().out.split())


@pytest.mark.parametrize("lang", ["sr-Latn", "sr-Cyrl", "en"])
def test_the_run_says_why_a_file_was_not_taken_and_where_the_rest_is(
    tmp_path: Path, plan: Plan, registry: InstitutionRegistry, capsys: pytest.CaptureFixture[str], lang: Lang
) -> None:
    """The run's table said only "nečitljiv" beside a report saved as .xls, and "neispravan: 12 grešaka" beside one
    left unfilled: the Coordinator who runs the sync had nothing to tell the officer, nor a word on where to look.
    Each such file's first error is said, with where every error is: the master's sheet, `apmon validate`."""
    from tests.make_bad_files import write_cfb

    folder = tmp_path / "reports"
    folder.mkdir()
    write_cfb(folder / "izvestaj_MZ.xls", {"Workbook": b"\x09\x08"})  # Excel 97-2003, as "Save as" makes it
    filled_report(plan, registry, folder, "MUP", "2018-03", ONLY_PREPARER, name="MUP-blank.xlsx")
    settings = SyncSettings(
        data_dir=tmp_path, folder=folder, first_period="2018-03", last_period="2018-03", master_lang=lang
    )
    summary = _run_folder(tmp_path, plan, registry, settings)
    by_file = {v.file: v for v in summary.versions}
    old, blank = by_file["izvestaj_MZ.xls"], by_file["MUP-blank.xlsx"]
    assert not old.readable and old.first_problem and ".xls" in old.first_problem
    assert blank.readable and not blank.valid and blank.errors > 1 and blank.first_problem
    show_run(summary, lang)
    said = " ".join(capsys.readouterr().out.split())
    sheet, cell = blank.first_problem_at.rsplit(" ", 1)  # as the file names its sheet, where the officer looks
    assert sheet in openpyxl.load_workbook(folder / "MUP-blank.xlsx").sheetnames and cell[0].isalpha(), cell
    assert old.first_problem_at == ""
    assert f"izvestaj_MZ.xls: {' '.join(old.first_problem.split())}" in said  # a file's problem: no cell
    assert f"MUP-blank.xlsx, {blank.first_problem_at}: {' '.join(blank.first_problem.split())}" in said
    assert "apmon validate" in said and text_of("master.sheet.issues", lang) in said
