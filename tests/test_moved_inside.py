"""A subfolder moved or renamed inside the reports folder (an officer or IT tidies it: `2018-03/` becomes
`2018/2018-03/`, `MZ/` becomes `Ministarstvo zdravlja/`): the files are the same reports, not new arrivals. Nothing is
received again or said missing, the report that counted still counts, each keeps its first submission time, and the
run says in one line what moved where. Real report files built with the project's template builder, a real SQLite
ledger, real runs; the master's figures are recomputed from the file that counts, read with openpyxl alone."""

from __future__ import annotations

import datetime as dt
import json
import shutil

import pytest
from typer.testing import CliRunner

from apmon.cli.app import app
from apmon.schemas.messages import text_of
from apmon.sync import run as run_module
from apmon.sync.run import RunSummary
from apmon.sync.sources import FolderSource, folder_institution
from tests.test_folder_moved import MOVED, arrivals_in, squeezed
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

folder = folder_fixture


def tidy(folder: Folder, old: str, new: str, keep_times: bool) -> None:
    """The subfolder `old` of the reports folder becomes `new` (moved, or copied there and the old one deleted with a
    tool that does not keep the files' times)."""
    target = folder.folder / new
    target.parent.mkdir(parents=True, exist_ok=True)
    if keep_times:
        (folder.folder / old).rename(target)
        return
    shutil.copytree(folder.folder / old, target, copy_function=shutil.copyfile)
    shutil.rmtree(folder.folder / old)
    for path in target.rglob("*.xlsx"):
        set_time(path, MOVED)


def moves_said(moves: list[tuple[str, str, int]], lang: str = LANG) -> str:
    shown = "; ".join(text_of("sync.moved_inside.one", lang, old=o, new=n, count=c) for o, n, c in moves)
    return text_of("sync.moved_inside", lang, moves=shown)


def moved_lines(summary: RunSummary, lang: str = LANG) -> list[str]:
    """The run's lines that say what moved inside the reports folder."""
    start = text_of("sync.moved_inside", lang, moves="\x00").split("\x00")[0]
    return [line for line in summary.done if line.startswith(start)]


@pytest.mark.parametrize("keep_times", [True, False])
@pytest.mark.parametrize(("old", "new"), [("2018-03", "2018/2018-03"), ("MZ", "Ministarstvo zdravlja")])
def test_a_subfolder_moved_inside_changes_nothing_the_coordinator_signs(
    folder: Folder, old: str, new: str, keep_times: bool
) -> None:
    first = folder.report(FIRST, 2500, "Obuka odložena.", SENT)
    correction = folder.report(CORRECTION, 4500, "Obuka održana sa zakašnjenjem.", CORRECTED)
    (folder.folder / old).mkdir()
    for path in (first, correction):
        path.rename(folder.folder / old / path.name)  # a rename keeps the file's time
    assert folder.layout is not None
    folder.sync()
    ledger_path = folder.tmp / "ledger.sqlite"
    arrivals_before = arrivals_in(ledger_path)
    assert arrivals_before == 2

    tidy(folder, old, new, keep_times)
    summary: RunSummary = folder.sync()

    # Nothing received again, nothing missing, and one line says what moved where.
    assert summary.versions == [] and summary.returned == [] and summary.missing_at_source == []
    assert arrivals_in(ledger_path) == arrivals_before
    assert moves_said([(old, new, 2)]) in summary.done
    # The correction still counts: its figures, recomputed from the file, not the first report's.
    assert spent_in_master(folder.master()) == spent_in_file(folder.folder / new / CORRECTION, folder.layout) == 9000
    assert spent_in_file(folder.folder / new / FIRST, folder.layout) == 5000
    (duplicate,) = summary.duplicates
    assert [(f.file, f.counts) for f in duplicate.files] == [(f"{new}/{FIRST}", False), (f"{new}/{CORRECTION}", True)]
    # Submitted when the correction was first saved, as before the move, and on time.
    (accepted,) = folder.ledger.accepted("MZ", "2018-03")
    assert accepted.timing is not None and accepted.timing.on_time
    assert accepted.timing.submitted_at == CORRECTED.astimezone(dt.UTC)
    # The ledger knows each file at its new path only.
    assert sorted(item.key for item in folder.ledger.items()) == [f"{new}/{CORRECTION}", f"{new}/{FIRST}"]

    again = folder.sync()
    assert again.versions == [] and again.returned == [] and again.missing_at_source == []
    assert moved_lines(again) == []
    assert arrivals_in(ledger_path) == arrivals_before


@pytest.mark.parametrize("lang", ["sr-Latn", "sr-Cyrl", "en"])
def test_the_move_is_said_in_one_line_in_the_masters_language(folder: Folder, lang: str) -> None:
    folder.settings = folder.settings.model_copy(update={"master_lang": lang})
    march = folder.folder / "2018-03"
    march.mkdir()
    folder.report(FIRST, 2500, "Obuka odložena.", SENT).rename(march / FIRST)
    folder.report(CORRECTION, 4500, "Obuka održana.", CORRECTED).rename(march / CORRECTION)
    folder.sync()

    tidy(folder, "2018-03", "2018/mart", keep_times=True)
    summary = folder.sync()

    assert moved_lines(summary, lang) == [moves_said([("2018-03", "2018/mart", 2)], lang)]
    assert summary.missing_at_source == []


def test_a_copy_beside_the_moved_file_leaves_it_its_history(folder: Folder) -> None:
    first = folder.report(FIRST, 2500, "Obuka odložena.", SENT)
    (folder.folder / "2018-03").mkdir()
    first.rename(folder.folder / "2018-03" / FIRST)
    folder.sync()

    tidy(folder, "2018-03", "2018/2018-03", keep_times=True)
    # The copy's name sorts before the moved file's, so it is listed first.
    shutil.copy2(folder.folder / "2018" / "2018-03" / FIRST, folder.folder / "2018" / "2018-03" / f"A {FIRST}")
    summary = folder.sync()

    assert summary.versions == [] and summary.missing_at_source == []
    (copy,) = summary.returned  # the copy is received as any copy is
    assert copy.file == f"2018/2018-03/A {FIRST}"
    assert moves_said([("2018-03", "2018/2018-03", 1)]) in summary.done


def test_a_file_moved_into_another_institutions_folder_continues_nothing(folder: Folder) -> None:
    first = folder.report(FIRST, 2500, "Obuka odložena.", SENT)
    (folder.folder / "MZ").mkdir()
    first.rename(folder.folder / "MZ" / FIRST)
    folder.sync()

    tidy(folder, "MZ", "MUP", keep_times=True)
    summary = folder.sync()

    # MZ's report in MUP's folder is MUP's file: refused there as in any run, and MZ's file is gone.
    assert moved_lines(summary) == []
    assert summary.missing_at_source


@pytest.mark.parametrize("lang", ["sr-Latn", "sr-Cyrl", "en"])
def test_sync_status_says_the_last_run_found_files_moved_inside(folder: Folder, lang: str) -> None:
    """The scheduled job ran at night after IT tidied the folder; the Coordinator reads it in the morning."""
    march = folder.folder / "2018-03"
    march.mkdir()
    folder.report(FIRST, 2500, "Obuka odložena.", SENT).rename(march / FIRST)
    folder.sync()
    tidy(folder, "2018-03", "2018/2018-03", keep_times=True)
    folder.sync()
    config = folder.config(lang)

    as_json = json.loads(CliRunner().invoke(app, ["sync", "status", "--config", str(config), "--json"]).stdout)
    shown = CliRunner().invoke(app, ["sync", "status", "--config", str(config)])

    source = as_json["last_run"]["moved_inside"][0]["source"]
    assert as_json["last_run"]["moved_inside"] == [
        {"source": source, "old": "2018-03", "new": "2018/2018-03", "files": 1}
    ]
    assert as_json["last_run"]["moved"] == []  # the reports folder itself did not move
    assert shown.exit_code == 0, shown.output
    one = text_of("sync.moved_inside.one", lang, old="2018-03", new="2018/2018-03", count=1)
    said = text_of("sync.status.moved_inside", lang, run=as_json["last_run"]["id"], moves=one)
    assert squeezed(said) in squeezed(shown.stdout)

    folder.sync()  # the next run moves nothing: the status no longer says it
    again = json.loads(CliRunner().invoke(app, ["sync", "status", "--config", str(config), "--json"]).stdout)
    assert again["last_run"]["moved_inside"] == []


def test_a_folder_of_copies_of_one_report_moved_is_taken_over_in_time_that_grows_with_it(
    folder: Folder, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every copy of one report has its content, so each file of a folder of copies moved was compared with every copy
    left: found December 2026, 1,200 copies (an officer's backup tool, or one who wants the run held up) took 8 s of
    processor time to move, four times as many would take 16 times as long, 10,000 some ten minutes at every move. The
    comparisons are counted (the place of each path looked at), not timed."""
    first = folder.report(FIRST, 2500, "Obuka odložena.", SENT)
    (folder.folder / "2018-03").mkdir()
    copies = 200
    for n in range(copies):
        shutil.copy2(first, folder.folder / "2018-03" / f"kopija {n}.xlsx")
    first.unlink()
    folder.sync()
    looked_at = []

    def counted(key: str, folders: dict[str, str]) -> str | None:
        looked_at.append(key)
        return folder_institution(key, folders)

    monkeypatch.setattr(run_module, "folder_institution", counted)
    tidy(folder, "2018-03", "2018/2018-03", keep_times=True)
    summary = folder.sync()

    assert moved_lines(summary) == [moves_said([("2018-03", "2018/2018-03", copies)])]
    assert summary.versions == [] and summary.returned == [] and summary.missing_at_source == []
    assert len(looked_at) < 10 * copies  # was 20,500: each file looked at every copy left


JMBG = "0101990710008"  # valid: a real date of birth and the right control digit


@pytest.mark.parametrize("moved", ["renamed", "subfolder"])
def test_a_name_holding_personal_data_is_masked_where_the_move_is_said(folder: Folder, moved: str) -> None:
    """A file named with a JMBG (refused for it, `file-name-personal-data`), then renamed, or its subfolder, named
    after a victim, moved into another. Found December 2026: the run's line, `sync status` (and its --json) and the
    ledger's record of the run said the old name in full, where every other place masks it, and kept it after the
    purge."""
    first = folder.report(FIRST, 2500, "Obuka odložena.", SENT)
    old = f"MZ_2018-03_{JMBG}.xlsx" if moved == "renamed" else f"žrtva Marija Petrović {JMBG}/{FIRST}"
    (folder.folder / old).parent.mkdir(parents=True, exist_ok=True)
    first.rename(folder.folder / old)
    folder.sync()
    # Still so named (renamed without taking it out, or the folder moved): the same refused file, moved.
    if moved == "renamed":
        (folder.folder / old).rename(folder.folder / f"MZ_2018-03_{JMBG}_v2.xlsx")
    else:
        (folder.folder / "arhiva").mkdir()
        (folder.folder / old).parent.rename(folder.folder / "arhiva" / (folder.folder / old).parent.name)
    summary = folder.sync()

    (line,) = moved_lines(summary)
    assert JMBG not in line and "01•••••••••08" in line
    config = folder.config()
    as_json = CliRunner().invoke(app, ["sync", "status", "--config", str(config), "--json"]).stdout
    shown = CliRunner().invoke(app, ["sync", "status", "--config", str(config)], env={"COLUMNS": "250"}).stdout
    assert "01•••••••••08" in as_json and JMBG not in as_json
    assert "01•••••••••08" in shown and JMBG not in shown


def document_lines(summary: RunSummary) -> list[str]:
    """The run's lines naming documents apmon does not read (a scan, a Word file)."""
    return [line for line in summary.warnings if ".pdf" in line or ".docx" in line]


@pytest.mark.parametrize("keep_times", [True, False])
def test_a_document_moved_or_renamed_inside_the_folder_is_not_named_again(folder: Folder, keep_times: bool) -> None:
    """A scan and a cover letter named once, then tidied (moved into a subfolder, renamed): the same documents, known
    by what they hold, so nothing new is said of them. A document added in the same run is named, and only it."""
    folder.report(FIRST, 2500, "Obuka odložena.", SENT)
    (folder.folder / "MZ").mkdir()
    scan, letter = folder.folder / "sken izveštaja.pdf", folder.folder / "MZ" / "propratni dopis.docx"
    scan.write_bytes(b"%PDF-1.4 a scanned report")
    letter.write_bytes(b"PK a cover letter")
    [named] = document_lines(folder.sync())
    assert "sken izveštaja.pdf" in named and "MZ/propratni dopis.docx" in named

    (folder.folder / "2018" / "2018-03").mkdir(parents=True)
    moved = folder.folder / "2018" / "2018-03" / scan.name
    renamed = letter.with_name("dopis uz izveštaj za mart.docx")
    if keep_times:
        scan.rename(moved)
        letter.rename(renamed)
    else:  # copied there and the old ones deleted, by a tool that gives the copies the time of the copy
        for old, new in ((scan, moved), (letter, renamed)):
            shutil.copyfile(old, new)
            old.unlink()
            set_time(new, MOVED)
    added = folder.folder / "MZ" / "novi dopis.pdf"
    added.write_bytes(b"%PDF-1.4 a new letter")
    [said] = document_lines(folder.sync())
    # Of the documents there now, only the one whose bytes the folder did not hold before.
    before = {b"%PDF-1.4 a scanned report", b"PK a cover letter"}
    now = [p for p in folder.folder.rglob("*") if p.suffix in (".pdf", ".docx")]
    new = [p.relative_to(folder.folder).as_posix() for p in now if p.read_bytes() not in before]
    assert new == ["MZ/novi dopis.pdf"]
    assert said == text_of("sync.documents", LANG, source=FolderSource(folder.folder).id, count=1, names=new[0])
    assert document_lines(folder.sync()) == []  # and nothing at the next run
