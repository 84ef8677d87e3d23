"""The reports folder as people and programs really leave it, and as an attacker would: real files, links, pipes
and names in a real folder, through real sync runs into the ledger."""

import datetime as dt
import hashlib
import json
import os
import signal
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from typer.testing import CliRunner

from apmon.cli.app import app
from apmon.schemas.calendar import Period
from apmon.schemas.institutions import InstitutionRegistry
from apmon.schemas.messages import text_of
from apmon.schemas.plan import Plan
from apmon.sync.ledger import Arrival, Ledger, VersionData
from apmon.sync.sources import FolderSource
from apmon.templates.validation import validate_file
from tests.reports import complete_monthly, filled_report
from tests.test_ledger import postgres_admin_url, url  # noqa: F401  (ledger backends: SQLite and PostgreSQL)
from tests.test_sync import CAL, Office, belgrade

runner = CliRunner()

MAR = "2018-03"


@pytest.fixture
def office(url: str, tmp_path: Path, plan: Plan, registry: InstitutionRegistry) -> Iterator[Office]:  # noqa: F811
    ledger = Ledger.open(url)
    yield Office(tmp_path, plan, registry, ledger)
    ledger.close()


def _names(summary_lines: list[str], key: str) -> list[str]:
    """The lines of a run's warnings said with the catalogue's `key` (told by its English words before {names})."""
    start = text_of(key, "en", source="", count=0, names="").split(":")[1]
    return [line for line in summary_lines if start in line]


def test_a_file_name_that_is_not_utf8_is_read_and_stored(office: Office) -> None:
    # A share that passes on the bytes of names written in an old Windows code page (cp1250: š is 0x9a).
    path = office.submit("MZ", MAR)
    os.rename(path, os.path.join(os.fsencode(office.folder), "Izve\x9ataj MZ.xlsx".encode("latin-1")))
    office.submit("RJT", MAR)
    summary = office.sync()  # it was: UnicodeEncodeError, and no file of the run recorded
    assert sorted((v.file, v.institution, v.valid) for v in summary.versions) == [
        ("Izve\\x9ataj MZ.xlsx", "MZ", True),
        ("RJT_2018-03.xlsx", "RJT", True),
    ]
    again = office.sync()
    assert (again.files_changed, again.missing_at_source) == (0, [])  # known by the same key: not read again


def test_a_link_or_a_pipe_in_the_folder_is_not_read_and_is_named(office: Office) -> None:
    secret = office.tmp / "secret.txt"
    secret.write_text("password: hunter2\n")
    office.submit("MZ", MAR)
    (office.folder / "MUP_2018-03.xlsx").symlink_to(secret)
    (office.folder / "zero.xlsx").symlink_to("/dev/zero")
    os.mkfifo(office.folder / "pipe.xlsx")
    (office.folder / "elsewhere").symlink_to(office.tmp, target_is_directory=True)
    summary = office.sync()
    assert [(v.file, v.valid) for v in summary.versions] == [("MZ_2018-03.xlsx", True)]  # it was: the secret too
    assert all(b"hunter2" not in office.ledger.raw(v.id) for v in office.ledger.versions())
    (line,) = _names(summary.warnings, "sync.not_files")
    assert line.endswith(
        ": 4: MUP_2018-03.xlsx, elsewhere, pipe.xlsx, zero.xlsx; copy the report itself into the folder"
    )
    assert summary.errors == []


def test_a_link_put_in_a_files_place_after_the_scan_is_not_followed(office: Office) -> None:
    secret = office.tmp / "secret.txt"
    secret.write_text("password: hunter2\n")
    path = office.submit("MZ", MAR)
    source = FolderSource(office.folder)
    (candidate,) = source.scan()
    path.unlink()
    path.symlink_to(secret)
    with pytest.raises(OSError):  # it was: the secret's bytes
        source.fetch(candidate)


@pytest.mark.parametrize("swapped_in", ["pipe", "link"])
def test_a_pipe_or_a_link_put_in_a_files_place_during_the_run_is_said_in_serbian(
    office: Office, swapped_in: str
) -> None:
    path = office.submit("MZ", MAR)
    office.settings = office.settings.model_copy(update={"master_lang": "sr-Latn"})

    def swap(what: str, done: int, total: int) -> None:  # called before each file is read: after the scan
        path.unlink()
        if swapped_in == "pipe":
            os.mkfifo(path)
        else:
            path.symlink_to("/dev/zero")

    summary = office.sync(progress=swap)
    (line,) = summary.errors
    reason = text_of("os.not_regular" if swapped_in == "pipe" else "os.link", "sr-Latn")
    assert "MZ_2018-03.xlsx" in line and reason in line  # it was: the system's English words
    assert summary.versions == []


def test_a_folder_that_cannot_be_looked_into_is_said_and_what_it_held_is_not_taken_as_deleted(office: Office) -> None:
    deep = office.folder.joinpath(*["izvestaji " + "d" * 240] * 11)
    deep.mkdir(parents=True)
    office.submit("MZ", MAR).rename(deep / "MZ.xlsx")
    office.submit("RJT", MAR)
    assert len(office.sync().versions) == 2
    # The same folder by a longer path (links to "." in it): the deepest folders' paths are now over the system's
    # limit, as a path over 260 characters is on a Windows that does not allow long paths.
    (office.tmp / ("L" * 250)).symlink_to(".", target_is_directory=True)
    longer = office.tmp.joinpath(*["L" * 250] * 6, "reports")
    source = FolderSource(longer)
    assert source.id == FolderSource(office.folder).id
    summary = office.sync([source])
    (line,) = summary.errors  # it was: no word, and MZ's report taken as deleted
    assert "izvestaji ddd" in line and len(line) < 400
    assert text_of("os.name_too_long", "en") in line
    assert summary.missing_at_source == []
    summary = office.sync()
    assert summary.errors == summary.missing_at_source == [] and summary.files_seen == 2


def test_a_folder_nested_deeper_than_pythons_recursion_stops_no_run(office: Office) -> None:
    # One institution's folder holding folders within folders (a script, or a copy of a folder into itself), deeper
    # than the interpreter's recursion limit: os.walk recursed once a level, and its RecursionError stopped the whole
    # run, every institution's report unrecorded. The deepest report is still under the system's limit on a path.
    levels = [office.folder / "MUP"]
    levels[0].mkdir()
    for _ in range(sys.getrecursionlimit() + 50):
        levels.append(levels[-1] / "a")
        levels[-1].mkdir()  # one level at a time: os.makedirs recurses too
    try:
        office.submit("MUP", MAR).rename(levels[-1] / "MUP.xlsx")
        office.submit("MZ", MAR)
        summary = office.sync()
        assert sorted((v.institution, v.valid) for v in summary.versions) == [("MUP", True), ("MZ", True)]
        assert summary.errors == []
    finally:  # from the bottom up: pytest's own clean-up (shutil.rmtree) recurses as os.walk did
        for level in reversed(levels):
            for child in level.iterdir():
                if not child.is_dir():
                    child.unlink()
            level.rmdir()


def put(office: Office, code: str, period: str, where: str) -> Path:
    """An institution's report submitted into a subfolder of the reports folder, as `where` says."""
    path = office.submit(code, period, name=Path(where).name)
    (office.folder / where).parent.mkdir(parents=True, exist_ok=True)
    return path.rename(office.folder / where)


def test_a_report_in_another_institutions_folder_is_refused(office: Office) -> None:
    put(office, "MZ", MAR, "MUP/MZ_2018-03.xlsx")  # MUP's officer reports for MZ
    put(office, "MZ", "2018-04", "mz/april.xlsx")  # a folder named by the code, in any case
    put(office, "RJT", MAR, "Arhiva/RJT.xlsx")  # a folder that names no institution
    put(office, "MUP", MAR, "Министарство здравља/2018/MUP.xlsx")  # a folder named by the name, in any script
    summary = office.sync()
    assert sorted((v.file, v.institution, v.valid) for v in summary.versions) == [
        ("Arhiva/RJT.xlsx", "RJT", True),
        ("MUP/MZ_2018-03.xlsx", "MUP", False),  # the folder's institution sent it
        ("mz/april.xlsx", "MZ", True),
        ("Министарство здравља/2018/MUP.xlsx", "MZ", False),
    ]
    issues = {v.file_name: v.issues for v in office.ledger.versions()}
    wrong = [(i["code"], i["sheet"], i["cell"], i["value"], i["params"]) for i in issues["MUP/MZ_2018-03.xlsx"]]
    assert wrong == [("wrong-institution", "_apmon", "B3", "MZ", {"expected": "MUP"})]
    assert [i["params"] for i in issues["Министарство здравља/2018/MUP.xlsx"]] == [{"expected": "MZ"}]
    assert office.ledger.accepted("MZ", MAR) == []


def _preparer(version_id: int, office: Office) -> str:
    """Who prepared a stored version, as its report says."""
    (report,) = [r for i, r in office.ledger.report_json([version_id]) if r]
    return str(json.loads(report)["cover"]["preparer"])


def test_a_report_another_institution_puts_in_its_folder_is_its_own_refused_version(office: Office) -> None:
    """MUP's officer drops a report of MZ (built from the public template) into MUP's folder. It was recorded as
    MZ's report with errors: MZ was shown as having sent one (✗ where it had sent nothing) and was mailed to correct
    it. Now it is MUP's refused version, and MZ has none."""
    put(office, "MZ", MAR, "MUP/MZ_2018-03.xlsx")
    (version,) = office.sync().versions
    assert (version.institution, version.period, version.valid) == ("MUP", MAR, False)
    assert office.ledger.versions("MZ") == []
    (stored,) = office.ledger.versions("MUP", MAR)
    assert [(i["code"], i["value"], i["params"]) for i in stored.issues] == [
        ("wrong-institution", "MZ", {"expected": "MUP"})
    ]


def test_a_copy_of_another_institutions_earlier_version_in_a_folder_does_not_bring_it_back(office: Office) -> None:
    """MZ sent its report, then a correction. A copy of the first one put in MUP's folder is the same content as
    MZ's first version: it was recorded as that version arriving again, which made it MZ's newest, so the master
    showed MZ's superseded figures. Now it is a refused version of MUP's, and MZ's correction still counts."""
    first = put(office, "MZ", MAR, "MZ/mart.xlsx")
    first_bytes = first.read_bytes()
    office.sync()
    corrected = office.submit("MZ", MAR, {("cover", "preparer", "value"): "Ana Jovanović"}, name="mart.xlsx")
    later = first.stat().st_mtime + 3600
    os.utime(corrected.replace(first), (later, later))  # the correction saved over the first
    office.sync()
    (correction,) = office.ledger.accepted("MZ", MAR)
    assert _preparer(correction.id, office) == "Ana Jovanović"
    copy = office.folder / "MUP" / "kopija.xlsx"
    copy.parent.mkdir()
    copy.write_bytes(first_bytes)
    summary = office.sync()
    assert summary.returned == []  # it was: "the same as a version received before", MZ's first, the newest again
    assert [(v.file, v.institution, v.valid) for v in summary.versions] == [("MUP/kopija.xlsx", "MUP", False)]
    (accepted,) = office.ledger.accepted("MZ", MAR)
    assert accepted.id == correction.id and _preparer(accepted.id, office) == "Ana Jovanović"
    os.utime(copy, (later + 60, later + 60))
    again = office.sync()  # saved again as it was: nothing new, nothing said
    assert (again.versions, again.returned) == ([], [])


def test_a_report_first_put_in_the_wrong_folder_counts_when_its_institution_sends_it(office: Office) -> None:
    """A partner's officer saved MZ's report (sent to him to read) into MUP's folder before MZ sent it. The same
    bytes in MZ's folder were taken for that refused version arriving again: MZ's report was refused as
    `wrong-institution` in its own folder."""
    wrong = put(office, "MZ", MAR, "MUP/MZ_2018-03.xlsx")
    office.sync()
    (office.folder / "MZ").mkdir()
    (office.folder / "MZ" / "mart.xlsx").write_bytes(wrong.read_bytes())
    summary = office.sync()
    assert [(v.file, v.institution, v.valid) for v in summary.versions] == [("MZ/mart.xlsx", "MZ", True)]
    assert len(office.ledger.accepted("MZ", MAR)) == 1


def test_a_file_time_in_the_future_counts_as_received(office: Office) -> None:
    due = CAL.due_date(Period.parse(MAR)).due
    wrong_clock = office.submit("MZ", MAR, name="MZ mart.xlsx")
    os.utime(wrong_clock, (dt.datetime(2100, 1, 1).timestamp(),) * 2)
    first = office.sync(now=lambda: belgrade(due))
    (version,) = office.ledger.versions("MZ", MAR)
    assert (version.on_time, version.days_late) == (True, 0)  # it was: late by 20,000 working days
    assert version.source_modified == belgrade(due)
    (line,) = first.warnings
    assert "MZ mart.xlsx" in line and "1 Jan 2100" in line  # an English line: 01.01. may be read month first
    # A correction sent later, from a computer whose clock is right, is the newest: the wrong clock wins no more.
    corrected = office.submit("MZ", MAR, {("cover", "preparer", "value"): "Ana Jovanović"}, name="MZ mart 2.xlsx")
    later = belgrade(due, 15).timestamp()
    os.utime(corrected, (later, later))
    office.sync(now=lambda: belgrade(due, 16))
    (accepted,) = office.ledger.accepted("MZ", MAR)
    assert accepted.file_name == "MZ mart 2.xlsx"


def test_a_file_being_written_as_the_run_reads_it_is_read_at_the_next_run(office: Office) -> None:
    path = office.submit("MZ", MAR)
    whole = path.read_bytes()

    def half_copied(what: str, done: int, total: int) -> None:  # called before each file is read
        path.write_bytes(whole[: len(whole) // 2])  # the copy is under way

    summary = office.sync(progress=half_copied)
    assert summary.versions == [] and summary.errors == []  # it was: an unreadable version, file-corrupt
    assert _names(summary.warnings, "sync.changing") != []
    path.write_bytes(whole)  # the copy is done
    summary = office.sync()
    assert [(v.file, v.valid) for v in summary.versions] == [("MZ_2018-03.xlsx", True)]
    assert summary.warnings == []


def test_names_with_spaces_or_dots_at_the_end_are_read(office: Office) -> None:
    # Windows drops them; a share written from a Mac or Linux keeps them.
    office.submit("MZ", MAR).rename(office.folder / "MZ mart.xlsx ")
    office.submit("RJT", MAR).rename(office.folder / "RJT mart.xlsx.")
    summary = office.sync()  # it was: both left out without a word
    assert sorted((v.file, v.valid) for v in summary.versions) == [("MZ mart.xlsx ", True), ("RJT mart.xlsx.", True)]


def binary_workbook(path: Path) -> Path:
    """A workbook as Excel saves it as "Excel Binary Workbook (.xlsb)": its parts are .bin records, not XML."""
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(
            "_rels/.rels",
            '<Relationships><Relationship Id="rId1" Target="xl/workbook.bin" Type="http://schemas.openxmlformats.org/'
            'officeDocument/2006/relationships/officeDocument"/></Relationships>',
        )
        archive.writestr("xl/workbook.bin", b"\x83\x01\x00")
    return path


def test_a_report_saved_as_another_excel_type_is_read_not_passed_over(office: Office) -> None:
    """Saved as an Excel template (.xltx) or an Excel Binary Workbook (.xlsb), a report was left out of the run and of
    Validate without a word: the institution showed as missing and was reminded, though it had sent its report."""
    office.submit("MZ", MAR).rename(office.folder / "MZ mart.xltx")
    binary_workbook(office.folder / "RJT mart.xlsb")
    summary = office.sync()
    assert sorted((v.file, v.readable, v.valid) for v in summary.versions) == [
        ("MZ mart.xltx", True, True),
        ("RJT mart.xlsb", False, False),
    ]
    result = CliRunner().invoke(app, ["validate", str(office.folder), "--json", "--lang", "en"])
    assert sorted(Path(r["file"]).name for r in json.loads(result.stdout)) == ["MZ mart.xltx", "RJT mart.xlsb"]


def test_what_programs_leave_in_the_folder_is_passed_over_and_copies_are_one_version(office: Office) -> None:
    path = office.submit("MZ", MAR)
    data = path.read_bytes()
    (office.folder / "~$MZ_2018-03.xlsx").write_bytes(b"\x00" * 165)  # Excel's owner file
    (office.folder / ".~lock.MZ_2018-03.xlsx#").write_text("Jelena,DESKTOP-ABC,...")  # LibreOffice's lock
    (office.folder / "MZ_2018-03.xlsx.tmp").write_bytes(data[:100])  # a partial upload
    (office.folder / "._MZ_2018-03.xlsx").write_bytes(b"\x00\x05\x16\x07")  # a Mac's AppleDouble file
    for name in ("desktop.ini", "Thumbs.db", ".DS_Store"):
        (office.folder / name).write_bytes(b"\x00")
    sent = path.stat().st_mtime
    for later, copy in enumerate(("MZ_2018-03-DESKTOP-ABC.xlsx", "Kopija MZ_2018-03.xlsx"), start=1):
        (office.folder / copy).write_bytes(data)  # OneDrive's conflict copy, a copy made by hand
        os.utime(office.folder / copy, (sent + 60 * later, sent + 60 * later))  # made after the report was sent
    summary = office.sync()
    # The report, read first as it was sent first (whatever the names), is the version; the copies are that version.
    assert summary.files_seen == 3 and [v.file for v in summary.versions] == ["MZ_2018-03.xlsx"]
    assert len(office.ledger.versions("MZ", MAR)) == 1 and summary.warnings == summary.errors == []


def test_a_report_deleted_into_a_recycle_bin_of_the_share_is_deleted(office: Office) -> None:
    path = office.submit("MZ", MAR)
    office.sync()
    for bin_ in ("#recycle", "$RECYCLE.BIN", "@eaDir"):  # Synology's and Windows' bins, Synology's file notes
        (office.folder / bin_).mkdir()
        (office.folder / bin_ / path.name).write_bytes(path.read_bytes())
    path.unlink()
    summary = office.sync()
    assert summary.returned == [] and summary.missing_at_source == [f"{FolderSource(office.folder).id}: {path.name}"]


def test_validate_reads_a_folder_as_the_sync_does(office: Office) -> None:
    path = office.submit("MZ", MAR)
    secret = office.tmp / "secret.txt"
    secret.write_text("password: hunter2\n")
    (office.folder / "MUP.xlsx").symlink_to(secret)
    (office.folder / "#recycle").mkdir()
    (office.folder / "#recycle" / "old.xlsx").write_bytes(b"deleted")
    path.rename(office.folder / "MZ mart.xlsx ")
    result = CliRunner().invoke(app, ["validate", str(office.folder), "--json", "--lang", "en"])
    assert [(Path(r["file"]).name, r["valid"]) for r in json.loads(result.stdout)] == [("MZ mart.xlsx ", True)]


def test_files_of_the_same_name_in_two_institutions_folders_are_told_apart(office: Office) -> None:
    put(office, "MZ", MAR, "MZ/mart.xlsx")
    put(office, "MUP", MAR, "MUP/mart.xlsx")
    deep = "MUP/" + "/".join(["Izveštaji za Koordinatora"] * 4) + "/prazan.xlsx"
    (office.folder / deep).parent.mkdir(parents=True)
    (office.folder / deep).write_bytes(b"")
    summary = office.sync()  # it was: "mart.xlsx" twice, and "prazan.xlsx" with no folder
    assert sorted(v.file for v in summary.versions) == sorted(["MZ/mart.xlsx", "MUP/mart.xlsx", deep])
    book = office.master()
    (issue,) = [row for row in book["Issues"].iter_rows(min_row=4, values_only=True) if row[4] == "file-empty"]
    assert issue[2] == deep
    message = str(issue[-1])
    assert (
        message.startswith("The file 'MUP/Izve") and "…" in message and "Koordinatora/prazan.xlsx' is empty" in message
    )


def test_a_reports_folder_holding_the_master_reads_none_of_what_apmon_writes_there(tmp_path: Path) -> None:
    """data_dir and folder one folder ("." both): every run read its own master, the master's backups and the
    Coordinator's reports as report files (each "not an apmon report template"), and kept each new backup, every
    institution's figures, in the ledger."""
    config = tmp_path / "apmon.toml"
    config.write_text('[sync]\ndata_dir = "."\nfolder = "."\n', encoding="utf-8")
    ran = runner.invoke(app, ["sync", "run", "--config", str(config)])
    assert ran.exit_code == 0, ran.output
    (tmp_path / "backups").mkdir()  # as a run that changed the master leaves its copy before
    (tmp_path / "backups" / "master.backup-20180410-070000.xlsx").write_bytes((tmp_path / "master.xlsx").read_bytes())
    (tmp_path / "master.apmon.xlsx").write_bytes((tmp_path / "master.xlsx").read_bytes())  # the master open in Excel
    made = runner.invoke(app, ["report", "minister", "--period", "2018-03", "--draft", "--config", str(config)])
    assert made.exit_code == 0, made.output
    ran = runner.invoke(app, ["sync", "run", "--config", str(config)])
    assert ran.exit_code == 0, ran.output
    assert (tmp_path / "master.xlsx").is_file()
    assert any((tmp_path / "coordinator-reports").glob("*.xlsx"))
    ledger = Ledger.open(f"sqlite:///{(tmp_path / 'ledger.sqlite').as_posix()}")
    try:
        assert ledger.item_states(f"folder:{tmp_path.resolve()}") == {}
    finally:
        ledger.close()


def test_a_report_written_with_out_into_the_reports_folder_is_said_to_be_an_issued_report(tmp_path: Path) -> None:
    """`apmon report minister --out` naming a folder inside the reports folder: the next run named its xlsx among
    "copies of the master workbook" (it carries a master's register and mark), which it is not. It is not read
    either, and said to be a report apmon issued, in a line of its own."""
    config = tmp_path / "apmon.toml"
    config.write_text('[sync]\ndata_dir = "."\nfolder = "."\nmaster_lang = "en"\n', encoding="utf-8")
    ran = runner.invoke(app, ["sync", "run", "--config", str(config)])
    assert ran.exit_code == 0, ran.output
    out = ["--out", str(tmp_path / "brifovi"), "--draft", "--config", str(config)]
    made = runner.invoke(app, ["report", "minister", "--period", "2018-03", *out])
    assert made.exit_code == 0, made.output
    (written,) = [f"brifovi/{p.name}" for p in (tmp_path / "brifovi").glob("*.xlsx")]
    ran = runner.invoke(app, ["sync", "run", "--json", "--config", str(config)])
    summary = json.loads(ran.stdout)
    assert ran.exit_code == 0 and summary["versions"] == [], ran.output
    said = text_of("sync.issued_reports", "en", source=f"folder:{tmp_path.resolve()}", count=1, names=written)
    assert [line for line in summary["warnings"] if written in line] == [said], summary
    assert not [line for line in summary["notices"] if written in line], summary


def test_the_briefs_and_a_master_in_a_subfolder_are_not_read_and_the_reports_beside_them_are(
    tmp_path: Path, plan: Plan, registry: InstitutionRegistry
) -> None:
    """The reports folder holds data_dir as a subfolder, the master is named otherwise and [reports] folder names
    the scheduled briefs' folder: `apmon report minister` still writes coordinator-reports/ beside the master, which
    the run read as a report file ("not an apmon report template") at every run. An institution's own folder named
    like apmon's ("backups", at the top) is that institution's, and read."""
    folder = tmp_path / "Izveštaji"  # the reports folder, with apmon.toml; the blank templates beside it
    folder.mkdir()
    config = folder / "apmon.toml"
    config.write_text(
        '[sync]\ndata_dir = "apmon-data"\nfolder = "."\nmaster = "apmon-data/Zbirni izveštaj.xlsx"\n'
        'first_period = "2018-03"\nlast_period = "2018-03"\n[reports]\nfolder = "apmon-data/brifovi"\n',
        encoding="utf-8",
    )
    (folder / "MUP").mkdir()
    (folder / "backups").mkdir()
    sent = {"MZ_2018-03.xlsx": "MZ", "MUP/mart.xlsx": "MUP", "backups/RJT mart.xlsx": "RJT"}
    for name, code in sent.items():
        _, layout = filled_report(plan, registry, tmp_path, code, MAR, {}, name="blank.xlsx")
        filled_report(plan, registry, folder, code, MAR, complete_monthly(layout), name=name)
    ran = runner.invoke(app, ["sync", "run", "--config", str(config)])
    assert ran.exit_code == 0, ran.output
    made = runner.invoke(app, ["report", "minister", "--period", MAR, "--draft", "--config", str(config)])
    assert made.exit_code == 0, made.output
    _, layout = filled_report(plan, registry, tmp_path, "MZ", MAR, {}, name="blank.xlsx")
    edits = complete_monthly(layout) | {("cover", "preparer", "value"): "Milan Jovanović"}
    filled_report(plan, registry, folder, "MZ", MAR, edits, name="MZ_2018-03.xlsx")  # sent again: a new master
    ran = runner.invoke(app, ["sync", "run", "--config", str(config)])
    assert ran.exit_code == 0, ran.output
    data = folder / "apmon-data"
    assert (data / "Zbirni izveštaj.xlsx").is_file() and any((data / "backups").glob("Zbirni izveštaj.backup-*"))
    assert any((data / "coordinator-reports").glob("*.xlsx"))
    ledger = Ledger.open(f"sqlite:///{(data / 'ledger.sqlite').as_posix()}")
    try:
        assert sorted(ledger.item_states(f"folder:{folder.resolve()}")) == sorted(sent)
    finally:
        ledger.close()


def test_a_copy_of_the_master_saved_in_the_reports_folder_is_not_read_and_said_so_at_each_run(
    tmp_path: Path, plan: Plan, registry: InstitutionRegistry
) -> None:
    """A copy of the master the Coordinator saved by hand in his working folder ("master - kopija.xlsx") was read as
    a report: refused as no apmon report template, an error line at every run, every institution's figures kept in
    the ledger as a refused report. It is told by the master's mark, not its name, and named once in each run's
    notices."""
    folder = tmp_path / "Izveštaji"  # the Coordinator's working folder
    folder.mkdir()
    config = folder / "apmon.toml"
    config.write_text(
        '[sync]\ndata_dir = "."\nfolder = "."\nfirst_period = "2018-03"\nlast_period = "2018-03"\n', encoding="utf-8"
    )
    _, layout = filled_report(plan, registry, tmp_path, "MZ", MAR, {}, name="blank.xlsx")
    filled_report(plan, registry, folder, "MZ", MAR, complete_monthly(layout), name="MZ_2018-03.xlsx")
    ran = runner.invoke(app, ["sync", "run", "--config", str(config)])
    assert ran.exit_code == 0, ran.output
    copies = ["master - kopija.xlsx", "Zbirni 2018-03.xlsx"]
    for copy in copies:
        (folder / copy).write_bytes((folder / "master.xlsx").read_bytes())
    for _ in range(2):  # each run says it again, and reads none of them
        ran = runner.invoke(app, ["sync", "run", "--json", "--config", str(config)])
        assert ran.exit_code == 0, ran.output
        summary = json.loads(ran.output)
        assert summary["errors"] == [] and summary["versions"] == []  # no refused version of them
        said = [line for line in summary["warnings"] if any(copy in line for copy in copies)]
        assert len(said) == 1 and all(copy in said[0] for copy in copies), summary["warnings"]
        assert not [line for line in summary["notices"] if any(copy in line for copy in copies)], summary
    ledger = Ledger.open(f"sqlite:///{(folder / 'ledger.sqlite').as_posix()}")
    try:
        assert sorted(ledger.item_states(f"folder:{folder.resolve()}")) == ["MZ_2018-03.xlsx"]
    finally:
        ledger.close()


def _march_folder(tmp_path: Path, more: str = "") -> tuple[Path, Path]:
    """The reports folder `Izveštaji` that is the data folder too, and its apmon.toml: March 2018 alone, the master in
    English, `more` TOML after [sync]."""
    folder = tmp_path / "Izveštaji"
    folder.mkdir()
    config = folder / "apmon.toml"
    config.write_text(
        '[sync]\ndata_dir = "."\nfolder = "."\nfirst_period = "2018-03"\nlast_period = "2018-03"\nmaster_lang = "en"\n'
        + more,
        encoding="utf-8",
    )
    return folder, config


def test_blank_templates_built_into_the_reports_folder_are_no_reports_and_a_partly_filled_one_is(
    tmp_path: Path, plan: Plan, registry: InstitutionRegistry
) -> None:
    """`apmon template build` run in the Coordinator's working folder leaves its blank templates in the reports
    folder (apmon-templates/): each was recorded as its institution's report, invalid, so the master showed MUP's
    March "invalid" instead of missing. A template whose input cells hold nothing is named in a warning, once,
    and recorded as no version; a report an officer filled only in part (one task's status) is a report."""
    folder, config = _march_folder(tmp_path)
    built = runner.invoke(
        app, ["template", "build", "--period", MAR, "-i", "MUP", "-i", "MZ", "--out", str(folder / "apmon-templates")]
    )
    assert built.exit_code == 0, built.output
    blanks = sorted(f"apmon-templates/{p.name}" for p in (folder / "apmon-templates").glob("*.xlsx"))
    assert len(blanks) == 2
    _, layout = filled_report(plan, registry, tmp_path, "MZ", MAR, {}, name="blank.xlsx")
    first_task = layout.sheet("tasks").rows[0].key
    filled_report(plan, registry, folder, "MZ", MAR, {("tasks", first_task, "status"): "in progress"}, name="MZ.xlsx")
    ran = runner.invoke(app, ["sync", "run", "--json", "--config", str(config)])
    assert ran.exit_code == 0, ran.output
    summary = json.loads(ran.output)
    assert [v["file"] for v in summary["versions"]] == ["MZ.xlsx"]
    said = [line for line in summary["warnings"] if any(blank in line for blank in blanks)]
    assert len(said) == 1 and all(blank in said[0] for blank in blanks), summary["warnings"]
    ran = runner.invoke(app, ["sync", "run", "--json", "--config", str(config)])
    summary = json.loads(ran.output)  # named once, as a document is: unchanged, they are not read again
    assert ran.exit_code == 0 and summary["files_changed"] == 0 and summary["warnings"] == [], ran.output
    (folder / "apmon-templates").rename(tmp_path / "apmon-templates")  # moved out of the reports folder, as told
    ran = runner.invoke(app, ["sync", "run", "--json", "--config", str(config)])
    assert ran.exit_code == 0 and json.loads(ran.output)["missing_at_source"] == [], ran.output  # no report gone
    # The master's overview, against the files: MUP sent nothing filled (missing), MZ one invalid report.
    overview = openpyxl.load_workbook(folder / "master.xlsx", read_only=True).worksheets[0]
    rows = [list(r) for r in overview.iter_rows(values_only=True)]
    header = next(r for r in rows if "Institution" in r)
    by_code = {r[0]: dict(zip(header, r, strict=False)) for r in rows if r[0] in ("MUP", "MZ")}
    sent = {"MUP": 0, "MZ": 1}  # filled files in the folder outside the templates' folder
    for code, files in sent.items():
        missing = [v for k, v in by_code[code].items() if k and "Monthly" in k and "missing" in k]
        invalid = [v for k, v in by_code[code].items() if k and "Monthly" in k and "invalid" in k]
        assert missing == [1 - files] and invalid == [files], by_code[code]


def _as_an_older_run_stored(folder: Path, key: str, plan: Plan, registry: InstitutionRegistry) -> Arrival:
    """The arrival a run before apmon told its own files apart recorded for the file `key` of the reports folder:
    read and checked as any report (a blank template its institution's invalid report, a copy of the master a
    refused file), on 3 April 2018, before March's deadline."""
    path, at = folder / key, dt.datetime(2018, 4, 3, 8, tzinfo=dt.UTC)
    os.utime(path, (at.timestamp(), at.timestamp()))  # the file as that run saw it
    read = validate_file(path, plan, registry, "en")
    content = path.read_bytes()
    issues = [i.model_dump(mode="json") for i in read.issues]  # as a run stores them
    version = VersionData(
        content_hash=hashlib.sha256(content).hexdigest(),
        raw=content,
        raw_kind="xlsx",
        file_name=key,
        received_at=at,
        source_modified=at,
        readable=read.readable,
        valid=read.valid,
        institution=read.institution,
        period=read.period,
        kind=read.kind,
        due=dt.date(2018, 4, 10) if read.period else None,
        on_time=True if read.period else None,
        days_late=0 if read.period else None,
        issues=json.dumps(issues),
        report=read.report.model_dump_json() if read.report else None,
    )
    return Arrival(f"folder:{folder.resolve()}", key, len(content), at, version)


def test_blank_templates_and_master_copies_an_older_run_recorded_are_set_aside_once_and_kept(
    tmp_path: Path, plan: Plan, registry: InstitutionRegistry
) -> None:
    """A ledger an older apmon kept holds as versions a blank template (its institution's invalid report: the
    master showed MUP's March "invalid" instead of missing, `sync status` a ✗, and `apmon remind` wrote to MUP about
    the errors of a file it never sent), a copy of the master and a master backup read from a shared folder (refused
    files `sync status` listed as unplaced at every run). The first run of this apmon looks at each once, by its
    stored content, and sets it aside: said once, kept in the ledger, counted nowhere."""
    folder, config = _march_folder(
        tmp_path,
        '[mail]\nhost = "localhost"\nfrom = "apmon@example.org"\n'
        '[contacts.MUP]\nto = ["mup@example.org"]\n[contacts.MZ]\nto = ["mz@example.org"]\n',
    )
    built = runner.invoke(
        app, ["template", "build", "--period", MAR, "-i", "MUP", "-i", "MZ", "--out", str(folder / "apmon-templates")]
    )
    assert built.exit_code == 0, built.output
    _, layout = filled_report(plan, registry, tmp_path, "MZ", MAR, {}, name="blank.xlsx")
    filled_report(plan, registry, folder, "MZ", MAR, complete_monthly(layout), name="MZ_2018-03.xlsx")
    ran = runner.invoke(app, ["sync", "run", "--config", str(config)])
    assert ran.exit_code == 0, ran.output
    (folder / "shared").mkdir()
    # seven files of one content: the notice names a few and says how many more
    copies = ["master - kopija.xlsx", "shared/master.backup-20180410-070000.xlsx"]
    copies += [f"Zbirni ({n}).xlsx" for n in range(2, 7)]
    for copy in copies:
        (folder / copy).write_bytes((folder / "master.xlsx").read_bytes())
    blanks = sorted(f"apmon-templates/{p.name}" for p in (folder / "apmon-templates").glob("*.xlsx"))
    ledger = Ledger.open(f"sqlite:///{(folder / 'ledger.sqlite').as_posix()}")
    try:
        ledger.record([_as_an_older_run_stored(folder, key, plan, registry) for key in [*blanks, *copies]])
        ledger.downgrade("0016")  # as the older apmon left it
    finally:
        ledger.close()

    ran = runner.invoke(app, ["sync", "run", "--json", "--config", str(config)])
    assert ran.exit_code == 0, ran.output
    summary = json.loads(ran.stdout)  # the upgrade is said on stderr
    assert summary["files_changed"] == 0, summary  # nothing read again: told from what the ledger holds
    notices = summary["notices"]
    said_blank = [line for line in notices if all(blank in line for blank in blanks)]
    said_copies = [line for line in notices if copies[0] in line]  # stored once: the others are its copies
    assert len(said_blank) == 1 and len(said_copies) == 1, notices
    # each file of that content named (before, the first only), five of them, and how many more
    assert all(copy in said_copies[0] for copy in copies[:5]), said_copies
    assert not any(copy in said_copies[0] for copy in copies[5:]) and "7: " in said_copies[0], said_copies
    assert text_of("sync.names_more", "en", names="", more=2).strip() in said_copies[0], said_copies
    again = runner.invoke(app, ["sync", "run", "--json", "--config", str(config)])
    assert again.exit_code == 0 and json.loads(again.output)["notices"] == [], again.output  # said once

    # The master's overview, against the files: MUP filled nothing (missing), MZ one valid report.
    overview = openpyxl.load_workbook(folder / "master.xlsx", read_only=True).worksheets[0]
    rows = [list(r) for r in overview.iter_rows(values_only=True)]
    header = next(r for r in rows if "Institution" in r)
    by_code = {r[0]: dict(zip(header, r, strict=False)) for r in rows if r[0] in ("MUP", "MZ")}
    filled = {"MUP": 0, "MZ": 1}  # the files in the folder any input cell of which holds a value
    for code, files in filled.items():
        missing = [v for k, v in by_code[code].items() if k and "Monthly" in k and "missing" in k]
        invalid = [v for k, v in by_code[code].items() if k and "Monthly" in k and "invalid" in k]
        assert missing == [1 - files] and invalid == [0], by_code[code]
    # No file left unplaced, no month invalid
    status = runner.invoke(app, ["sync", "status", "--json", "--config", str(config)])
    assert status.exit_code == 0, status.output
    assert all(copy not in status.output for copy in copies) and "not an apmon report template" not in status.output
    assert json.loads(status.output)["duplicates"] == []  # MZ's blank template set aside holds no report of MZ's
    # Kept for audit, each said set aside, none counted
    listed = runner.invoke(app, ["ledger", "versions", "--json", "--config", str(config)])
    assert listed.exit_code == 0, listed.output
    versions = json.loads(listed.output)
    kept = {arrival["file_name"]: (v["set_aside"], v["counts"]) for v in versions for arrival in v["arrivals"]}
    assert kept == {
        "MZ_2018-03.xlsx": (None, True),
        **{blank: ("blank-template", False) for blank in blanks},
        **{copy: ("master-copy", False) for copy in copies},
    }, versions
    # Reminders: no mail about the errors of a blank template; MUP, which sent nothing filled, is reminded
    remind = ["remind", "--dry-run", "--today", "2018-04-04", "--period", MAR, "--json", "--config", str(config)]
    mails = runner.invoke(app, remind)
    assert mails.exit_code == 0, mails.output
    planned = sorted((m["kind"], m["institution"]) for m in json.loads(mails.output)["mails"])
    # (MZ's report, read by a run of today, is not known by that day: reminded too)
    assert planned == [("reminder", "MUP"), ("reminder", "MZ")], planned  # before, a "problems" mail to each too
    # A blank template set aside, saved again still blank (other bytes): named once, then not read at every run
    resaved = openpyxl.load_workbook(folder / blanks[0])
    resaved.save(folder / blanks[0])
    for files_changed in (1, 0):
        ran = runner.invoke(app, ["sync", "run", "--json", "--config", str(config)])
        assert ran.exit_code == 0 and json.loads(ran.stdout)["files_changed"] == files_changed, ran.output
    # Moved out of the reports folder, as the line said: no report gone from the source
    for moved in [*blanks, *copies]:
        (folder / moved).unlink()
    ran = runner.invoke(app, ["sync", "run", "--json", "--config", str(config)])
    assert ran.exit_code == 0 and json.loads(ran.stdout)["missing_at_source"] == [], ran.output
    # A master worked out for a day before the blank templates were recorded names what it leaves out: MZ's report
    # only, recorded by a run of today (a version set aside is no report sent after that day)
    config.write_text(config.read_text(encoding="utf-8").replace("[mail]", 'as_of = "2018-04-02"\n[mail]'))
    ran = runner.invoke(app, ["sync", "run", "--json", "--config", str(config)])
    assert ran.exit_code == 0, ran.output
    left_out = [line for line in json.loads(ran.stdout)["done"] if "e.g." in line]
    assert len(left_out) == 1 and "(reports: 1, e.g. MZ 2018-03)" in left_out[0], ran.stdout


def test_a_report_whose_officer_typed_only_what_cannot_be_read_is_a_report_not_a_blank_template(
    tmp_path: Path, plan: Plan, registry: InstitutionRegistry
) -> None:
    """A template is blank when its input cells hold nothing. An officer who typed only values that cannot be read (a
    status not in the list, a date in words, an amount in words) sent a report: its fields are None, as a blank
    template's, but it is its institution's invalid report, with the errors that say what to fix. Before, an older
    run's record of it was set aside as a blank template (the master showed the month missing, reminders kept quiet
    about its errors) and a run now took such a file for a blank template (no version, named as a template)."""
    folder, config = _march_folder(tmp_path)
    _, layout = filled_report(plan, registry, tmp_path, "MUP", MAR, {}, name="blank.xlsx")
    first_task = layout.sheet("tasks").rows[0].key
    typed = {
        "MUP_2018-03.xlsx": {("tasks", first_task, "status"): "u tokuu", ("cover", "date", "value"): "sutra"},
        "MZ_2018-03.xlsx": {("cover", "date", "value"): "peti april"},
    }
    filled_report(plan, registry, folder, "MUP", MAR, typed["MUP_2018-03.xlsx"], name="MUP_2018-03.xlsx")
    ledger = Ledger.open(f"sqlite:///{(folder / 'ledger.sqlite').as_posix()}")
    try:  # the MUP report, as an older apmon recorded it: its invalid report
        ledger.record([_as_an_older_run_stored(folder, "MUP_2018-03.xlsx", plan, registry)])
        ledger.downgrade("0016")
    finally:
        ledger.close()
    filled_report(plan, registry, folder, "MZ", MAR, typed["MZ_2018-03.xlsx"], name="MZ_2018-03.xlsx")
    ran = runner.invoke(app, ["sync", "run", "--json", "--config", str(config)])
    assert ran.exit_code == 0, ran.output
    summary = json.loads(ran.stdout)
    assert summary["notices"] == [] and summary["warnings"] == [], summary  # nothing set aside, no blank template
    assert [(v["file"], v["valid"]) for v in summary["versions"]] == [("MZ_2018-03.xlsx", False)], summary

    # Each file holds what its officer typed (read with openpyxl): each is its institution's invalid report
    for name, edits in typed.items():
        book = openpyxl.load_workbook(folder / name, read_only=True)
        assert all(
            book[s][c].value == value
            for (role, key, column), value in edits.items()
            for s, c in [layout.cell_of(role, key, column)]
        )  # type: ignore[arg-type]
    sent = {"MUP": 1, "MZ": 1}
    overview = openpyxl.load_workbook(folder / "master.xlsx", read_only=True).worksheets[0]
    rows = [list(r) for r in overview.iter_rows(values_only=True)]
    header = next(r for r in rows if "Institution" in r)
    by_code = {r[0]: dict(zip(header, r, strict=False)) for r in rows if r[0] in sent}
    for code, files in sent.items():
        missing = [v for k, v in by_code[code].items() if k and "Monthly" in k and "missing" in k]
        invalid = [v for k, v in by_code[code].items() if k and "Monthly" in k and "invalid" in k]
        assert missing == [1 - files] and invalid == [files], by_code[code]
    listed = runner.invoke(app, ["ledger", "versions", "--json", "--config", str(config)])
    assert listed.exit_code == 0, listed.output
    assert sorted((v["institution"], v["set_aside"], v["counts_why"]) for v in json.loads(listed.output)) == [
        ("MUP", None, "invalid"),
        ("MZ", None, "invalid"),
    ]


def _an_older_ledger_of_many(tmp_path: Path, plan: Plan, registry: InstitutionRegistry) -> tuple[Path, int, int]:
    """The configuration of a folder whose ledger an older apmon kept for years: (config, blank, filled), `blank`
    versions of MUP's blank template and `filled` of MZ's report with errors, each its own content, the files gone."""
    from apmon.sync.run import SET_ASIDE_BATCH

    folder, config = _march_folder(tmp_path)
    filled_report(plan, registry, folder, "MUP", MAR, {}, name="MUP_blank.xlsx")
    _, layout = filled_report(plan, registry, tmp_path, "MZ", MAR, {}, name="blank.xlsx")
    first_task = layout.sheet("tasks").rows[0].key
    filled_report(plan, registry, folder, "MZ", MAR, {("tasks", first_task, "status"): "in progress"}, name="MZ.xlsx")
    stored = [_as_an_older_run_stored(folder, key, plan, registry) for key in ("MUP_blank.xlsx", "MZ.xlsx")]
    (folder / "MUP_blank.xlsx").unlink()  # gone since: the versions alone are looked at, as the ledger holds them
    (folder / "MZ.xlsx").unlink()

    def older(arrival: Arrival, n: int) -> Arrival:
        """The n-th of many stored versions like `arrival` (each its own content: one a month over years)."""
        content = arrival.version.raw + n.to_bytes(4, "big")
        key = f"{n}/{arrival.key}"
        version = replace(arrival.version, content_hash=hashlib.sha256(content).hexdigest(), raw=content, file_name=key)
        return replace(arrival, key=key, version=version)

    blank, filled = 2 * SET_ASIDE_BATCH + 3, 5
    many = [older(stored[0], n) for n in range(blank)] + [older(stored[1], blank + n) for n in range(filled)]
    ledger = Ledger.open(f"sqlite:///{(folder / 'ledger.sqlite').as_posix()}")
    try:
        ledger.record(many)
        ledger.downgrade("0016")  # as the older apmon left it
    finally:
        ledger.close()
    return config, blank, filled


def _set_aside_in(config: Path) -> list[tuple[str | None, str | None]]:
    """(institution, why set aside) of every version the ledger beside `config` holds."""
    ledger = Ledger.open(f"sqlite:///{(config.parent / 'ledger.sqlite').as_posix()}")
    try:
        return sorted(((v.institution, v.set_aside) for v in ledger.versions()), key=str)
    finally:
        ledger.close()


def test_the_versions_an_older_run_recorded_are_looked_at_in_batches_of_bounded_size(
    tmp_path: Path, plan: Plan, registry: InstitutionRegistry, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A ledger an older apmon kept for years holds thousands of invalid versions; the first run of this apmon looks
    at each once. It read them all at once, their reports included, needing memory in proportion: now a batch of
    bounded size at a time (counted from the reads the run makes), with the same result: every blank template set
    aside, each report with errors counted as before, each version looked at once."""
    from apmon.sync.run import SET_ASIDE_BATCH

    config, blank, filled = _an_older_ledger_of_many(tmp_path, plan, registry)
    batches: list[int] = []
    looked_at = Ledger.not_looked_at

    def counted(self: Ledger, *args: Any, **kwargs: Any) -> list[Any]:
        rows = looked_at(self, *args, **kwargs)
        batches.append(len(rows))
        return rows

    monkeypatch.setattr(Ledger, "not_looked_at", counted)
    ran = runner.invoke(app, ["sync", "run", "--json", "--config", str(config)])
    assert ran.exit_code == 0, ran.output
    assert sum(batches) == blank + filled and max(batches) <= SET_ASIDE_BATCH and len(batches) >= 3, batches
    notices = json.loads(ran.stdout)["notices"]
    said = [line for line in notices if f"{blank}: " in line]  # every blank template set aside, counted
    assert len(said) == 1 and said[0].count(f"and {blank - 5} more") == 2, notices  # its files and its versions
    assert _set_aside_in(config) == sorted([("MUP", "blank-template")] * blank + [("MZ", None)] * filled, key=str)
    batches.clear()
    again = runner.invoke(app, ["sync", "run", "--json", "--config", str(config)])
    assert again.exit_code == 0 and json.loads(again.stdout)["notices"] == [], again.output


# The first run after the upgrade killed (kill -9, a power cut) once it has looked at its first batch.
KILLED_BETWEEN_BATCHES = """
import os, signal, sys
from apmon.cli.app import app
from apmon.sync.ledger import Ledger

looked_at = Ledger.not_looked_at
calls = []


def killed_at_the_second(self, *args, **kwargs):
    calls.append(1)
    if len(calls) == 2:
        os.kill(os.getpid(), signal.SIGKILL)
    return looked_at(self, *args, **kwargs)


Ledger.not_looked_at = killed_at_the_second
app(["sync", "run", "--config", sys.argv[1]])
"""


def test_a_first_run_killed_between_batches_loses_no_notice_and_sets_nothing_aside_twice(
    tmp_path: Path, plan: Plan, registry: InstitutionRegistry
) -> None:
    """The first run after the upgrade is killed once it has looked at a batch of the older versions. The next run
    says every blank template set aside, once, in its one notice (before, those of the killed run's batch were set
    aside and never said: the next run named only the rest); each version is set aside once."""
    config, blank, filled = _an_older_ledger_of_many(tmp_path, plan, registry)
    command = [sys.executable, "-c", KILLED_BETWEEN_BATCHES, str(config)]
    killed = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    ran = runner.invoke(app, ["sync", "run", "--json", "--config", str(config)])
    assert ran.exit_code == 0, ran.output
    notices = json.loads(ran.stdout)["notices"]
    said = [line for line in notices if "Blank templates that earlier runs recorded" in line]
    assert len(said) == 1 and f": {blank}: " in said[0] and f"and {blank - 5} more" in said[0], notices
    assert _set_aside_in(config) == sorted([("MUP", "blank-template")] * blank + [("MZ", None)] * filled, key=str)
    again = runner.invoke(app, ["sync", "run", "--json", "--config", str(config)])
    assert again.exit_code == 0 and json.loads(again.stdout)["notices"] == [], again.output


# The first run after the upgrade killed (kill -9, a power cut) once it has recorded what it set aside.
KILLED_AFTER_SETTING_ASIDE = """
import os, signal, sys
from apmon.cli.app import app
from apmon.sync.ledger import Ledger

set_aside = Ledger.set_aside


def killed_once_recorded(self, *args, **kwargs):
    set_aside(self, *args, **kwargs)
    os.kill(os.getpid(), signal.SIGKILL)


Ledger.set_aside = killed_once_recorded
app(["sync", "run", "--config", sys.argv[1]])
"""


def test_a_first_run_killed_once_it_set_aside_the_older_versions_leaves_its_notice_to_the_next(
    tmp_path: Path, plan: Plan, registry: InstitutionRegistry
) -> None:
    """The first run after migration 0017 is killed once it has recorded what it set aside, before it ends: its
    notice (the blank templates set aside) lived in its summary only, and was lost; the next run found nothing left
    to look at and said nothing. The next run says it, once, as the killed run would have; each version is set
    aside once."""
    config, blank, filled = _an_older_ledger_of_many(tmp_path, plan, registry)
    command = [sys.executable, "-c", KILLED_AFTER_SETTING_ASIDE, str(config)]
    killed = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    assert _set_aside_in(config) == sorted([("MUP", "blank-template")] * blank + [("MZ", None)] * filled, key=str)
    ran = runner.invoke(app, ["sync", "run", "--json", "--config", str(config)])
    assert ran.exit_code == 0, ran.output
    notices = json.loads(ran.stdout)["notices"]
    said = [line for line in notices if "Blank templates that earlier runs recorded" in line]
    assert len(said) == 1 and f": {blank}: " in said[0] and f"and {blank - 5} more" in said[0], notices
    assert _set_aside_in(config) == sorted([("MUP", "blank-template")] * blank + [("MZ", None)] * filled, key=str)
    again = runner.invoke(app, ["sync", "run", "--json", "--config", str(config)])
    assert again.exit_code == 0 and not [n for n in json.loads(again.stdout)["notices"] if "Blank" in n], again.output


def _mz_march_recorded(tmp_path: Path, plan: Plan, registry: InstitutionRegistry) -> tuple[Path, Path, str]:
    """A reports folder that is the data folder too, MZ's complete March report in it (MZ.xlsx) recorded by a run,
    and MZ's blank March template at tmp_path/blank.xlsx: the folder, its apmon.toml, and the master's March cell of
    MZ (counted)."""
    folder, config = _march_folder(tmp_path)
    _, layout = filled_report(plan, registry, tmp_path, "MZ", MAR, {}, name="blank.xlsx")
    filled_report(plan, registry, folder, "MZ", MAR, complete_monthly(layout), name="MZ.xlsx")
    ran = runner.invoke(app, ["sync", "run", "--json", "--config", str(config)])
    assert ran.exit_code == 0 and [v["file"] for v in json.loads(ran.stdout)["versions"]] == ["MZ.xlsx"], ran.output
    counted = _march_of(config, "MZ")
    assert counted != "missing", counted
    return folder, config, counted


def test_a_report_emptied_again_is_named_once_as_a_blank_template_not_read_at_every_run(
    tmp_path: Path, plan: Plan, registry: InstitutionRegistry
) -> None:
    """An officer fills in her report, a run records it, then she empties it again (the template saved over it).
    It was read, and named as a blank template, at every run: the report it held kept its file from being recorded
    as seen. Now it is named once, its report still counted (emptying a file takes back no report sent), and the
    line says so: not the blank templates' advice, whose "fill in and send" the status contradicts."""
    folder, config, counted = _mz_march_recorded(tmp_path, plan, registry)
    (folder / "MZ.xlsx").write_bytes((tmp_path / "blank.xlsx").read_bytes())
    said = text_of("sync.emptied", "en", source=f"folder:{folder.resolve()}", count=1, names="MZ.xlsx")
    for changed in (1, 0, 0):
        ran = runner.invoke(app, ["sync", "run", "--json", "--config", str(config)])
        summary = json.loads(ran.stdout)
        assert ran.exit_code == 0 and summary["files_changed"] == changed and summary["versions"] == [], ran.output
        assert [line for line in summary["warnings"] if "MZ.xlsx" in line] == [said] * changed, summary["warnings"]
    assert _march_of(config, "MZ") == counted
    # A blank template beside it, never filled, is still named as one
    (folder / "MUP.xlsx").write_bytes((tmp_path / "blank.xlsx").read_bytes())
    ran = runner.invoke(app, ["sync", "run", "--json", "--config", str(config)])
    blank = text_of("sync.blank_templates", "en", source=f"folder:{folder.resolve()}", count=1, names="MUP.xlsx")
    assert json.loads(ran.stdout)["warnings"] == [blank], ran.output


@pytest.mark.parametrize("when", ["after the run that said it emptied", "before any run read it emptied"])
def test_a_report_emptied_and_moved_inside_the_folder_is_still_said_to_be_the_emptied_report(
    tmp_path: Path, plan: Plan, registry: InstitutionRegistry, when: str
) -> None:
    """MZ's report, recorded, then emptied (the blank template saved over it), a run said so, and the file moved
    inside the folder (renamed, MZ.xlsx to MZ-mart.xlsx): the file at its new path was named as a new blank template
    ("fill it in and send it"), though the report it held still counts. It is said to be the emptied report, at its
    new path, once. Emptied and moved before a run saw it emptied, it cannot be told from a report deleted and a new
    blank template put in the folder: named as a blank template, and MZ.xlsx as missing at the source."""
    folder, config, counted = _mz_march_recorded(tmp_path, plan, registry)
    (folder / "MZ.xlsx").write_bytes((tmp_path / "blank.xlsx").read_bytes())
    if when == "after the run that said it emptied":
        assert runner.invoke(app, ["sync", "run", "--json", "--config", str(config)]).exit_code == 0
    (folder / "MZ.xlsx").rename(folder / "MZ-mart.xlsx")
    source = f"folder:{folder.resolve()}"
    seen_emptied = when == "after the run that said it emptied"
    said = text_of("sync.emptied" if seen_emptied else "sync.blank_templates", "en", source=source, count=1,
                   names="MZ-mart.xlsx")  # fmt: skip
    for changed in (1, 0):
        ran = runner.invoke(app, ["sync", "run", "--json", "--config", str(config)])
        summary = json.loads(ran.stdout)
        assert ran.exit_code == 0 and summary["versions"] == [], ran.output
        assert summary["warnings"] == [said] * changed, summary["warnings"]
        gone = [] if seen_emptied else [f"{source}: MZ.xlsx"]
        assert summary["missing_at_source"] == gone * changed, ran.output
        assert [(m["old"], m["new"]) for m in summary["moved_inside"]] == [("MZ.xlsx", "MZ-mart.xlsx")] * (
            changed and seen_emptied
        )
    assert _march_of(config, "MZ") == (counted if seen_emptied else f"{counted} (file deleted)")  # still counted


def test_a_report_emptied_and_moved_continues_its_own_file_not_a_copy_of_the_same_content_left_too(
    tmp_path: Path, plan: Plan, registry: InstitutionRegistry
) -> None:
    """MZ's report MZ.xlsx and a copy of it, kopija/MZ-mart.xlsx (same content, another time), recorded; MZ.xlsx
    emptied (a run said so), then the copy deleted and MZ.xlsx renamed MZ-mart.xlsx. The blank file was taken to
    continue the copy, of its name and content, though only MZ.xlsx was last seen with its size and time: the move
    was said as "kopija/MZ-mart.xlsx moved to MZ-mart.xlsx" and MZ.xlsx as missing at the source. It continues
    MZ.xlsx, the copy is the one missing."""
    folder, config = _march_folder(tmp_path)
    (folder / "kopija").mkdir()
    _, layout = filled_report(plan, registry, tmp_path, "MZ", MAR, {}, name="blank.xlsx")
    filled_report(plan, registry, folder, "MZ", MAR, complete_monthly(layout), name="MZ.xlsx")
    copy = folder / "kopija" / "MZ-mart.xlsx"
    copy.write_bytes((folder / "MZ.xlsx").read_bytes())
    os.utime(copy, (1_500_000_000, 1_500_000_000))
    assert runner.invoke(app, ["sync", "run", "--json", "--config", str(config)]).exit_code == 0
    counted = _march_of(config, "MZ")
    assert counted != "missing", counted
    (folder / "MZ.xlsx").write_bytes((tmp_path / "blank.xlsx").read_bytes())
    assert runner.invoke(app, ["sync", "run", "--json", "--config", str(config)]).exit_code == 0
    copy.unlink()
    (folder / "MZ.xlsx").rename(folder / "MZ-mart.xlsx")
    ran = runner.invoke(app, ["sync", "run", "--json", "--config", str(config)])
    summary = json.loads(ran.stdout)
    source = f"folder:{folder.resolve()}"
    said = text_of("sync.emptied", "en", source=source, count=1, names="MZ-mart.xlsx")
    assert ran.exit_code == 0 and summary["versions"] == [] and summary["warnings"] == [said], ran.output
    assert [(m["old"], m["new"]) for m in summary["moved_inside"]] == [("MZ.xlsx", "MZ-mart.xlsx")], ran.output
    assert summary["missing_at_source"] == [f"{source}: kopija/MZ-mart.xlsx"], ran.output
    assert _march_of(config, "MZ") == counted


def test_a_report_deleted_and_a_new_blank_template_elsewhere_are_not_said_to_be_the_emptied_report_moved(
    tmp_path: Path, plan: Plan, registry: InstitutionRegistry
) -> None:
    """MZ's report, recorded, then its file deleted, and a new blank template of MZ's March put in the folder (a
    fresh download, under another name). Nothing ties the two: the new file was taken to be the report emptied and
    moved ("MZ.xlsx moved to 2018-03/MZ-novi.xlsx", "still counts"), and the report's file was not said to be missing
    at the source. The new file is named as a blank template, the deleted report as missing, no move is claimed; the
    report still counts (a file deleted takes back no report)."""
    folder, config, counted = _mz_march_recorded(tmp_path, plan, registry)
    (folder / "2018-03").mkdir()
    (folder / "MZ.xlsx").unlink()
    (folder / "2018-03" / "MZ-novi.xlsx").write_bytes((tmp_path / "blank.xlsx").read_bytes())
    ran = runner.invoke(app, ["sync", "run", "--json", "--config", str(config)])
    summary = json.loads(ran.stdout)
    source = f"folder:{folder.resolve()}"
    blank = text_of("sync.blank_templates", "en", source=source, count=1, names="2018-03/MZ-novi.xlsx")
    assert ran.exit_code == 0 and summary["warnings"] == [blank], ran.output
    assert summary["missing_at_source"] == [f"{source}: MZ.xlsx"] and summary["moved_inside"] == [], ran.output
    assert _march_of(config, "MZ") == f"{counted} (file deleted)"  # still counted


def test_a_refused_file_with_the_blank_template_saved_over_it_is_a_blank_template_not_an_emptied_report(
    tmp_path: Path, plan: Plan, registry: InstitutionRegistry
) -> None:
    """MZ's officer first sent a workbook of her own (refused: no apmon template), then saved the blank template over
    it. No report was ever received from that file: the line naming it is the blank templates' advice (fill it in and
    send it), not that a report it held still counts."""
    folder, config = _march_folder(tmp_path)
    book = openpyxl.Workbook()
    book.active["A1"] = "Izveštaj MZ za mart"
    book.save(folder / "MZ.xlsx")
    ran = runner.invoke(app, ["sync", "run", "--json", "--config", str(config)])
    assert ran.exit_code == 0 and [v["valid"] for v in json.loads(ran.stdout)["versions"]] == [False], ran.output
    filled_report(plan, registry, tmp_path, "MZ", MAR, {}, name="blank.xlsx")
    (folder / "MZ.xlsx").write_bytes((tmp_path / "blank.xlsx").read_bytes())
    ran = runner.invoke(app, ["sync", "run", "--json", "--config", str(config)])
    blank = text_of("sync.blank_templates", "en", source=f"folder:{folder.resolve()}", count=1, names="MZ.xlsx")
    assert ran.exit_code == 0 and json.loads(ran.stdout)["warnings"] == [blank], ran.output


def _march_of(config: Path, institution: str) -> str:
    """The state of `institution`'s March report as `sync status --json` shows it."""
    status = runner.invoke(app, ["sync", "status", "--json", "--config", str(config)])
    assert status.exit_code == 0, status.output
    return str(json.loads(status.stdout)["institutions"][institution][MAR])
