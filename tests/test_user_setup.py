"""What a ministry officer or the National Coordinator meets in a setup of their own, found by using apmon from the
README on: each test is one thing that went wrong for them."""

from __future__ import annotations

import datetime as dt
import errno
import json
import os
import re
import socket
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import openpyxl
import pytest
import sqlalchemy
from openpyxl import Workbook
from typer.testing import CliRunner

from apmon.cli.app import app
from apmon.cli.common import out
from apmon.schemas.said import Phrase
from apmon.schemas.tables import Table, TableColumn
from apmon.schemas.text import LANGS
from apmon.sync.config import load_config
from apmon.sync.demo import DEMO_CONFIG, NotADemoFolder, build_demo, check_demo_folder
from apmon.sync.ledger.database import driver_reason
from apmon.sync.service import open_ledger, schedule
from apmon.sync.writers import MasterWriteError, write_master_xlsx
from apmon.templates import xlsx as xlsx_module
from apmon.templates.layout import WorkbookLayout
from tests.test_remind import record, synced_first

NOW = datetime(2018, 4, 11, 7, 0, 0)
runner = CliRunner()


def _tables(version: int) -> list[Table]:
    return [Table(sheet="Status", title=f"v{version}", columns=[TableColumn(key="n", header="N")], rows=[[version]])]


def test_runs_while_the_master_is_open_in_excel_keep_the_older_backups(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each run while the Coordinator had the master open failed to replace it, yet copied it into backups/ and
    rotated out a real backup: three such runs left three copies of the same master and none of the older ones."""
    master = tmp_path / "master.xlsx"
    for version in range(4):
        write_master_xlsx(_tables(version), master, backups=3, now=NOW + timedelta(hours=version))
    kept = {p.name: p.read_bytes() for p in (tmp_path / "backups").iterdir()}
    assert len(kept) == 3

    replace = os.replace

    def excel_holds(source: str | os.PathLike[str], target: str | os.PathLike[str]) -> None:
        # What Windows answers while Excel has the file open (a sharing violation, told as permission denied).
        if Path(target) == master:
            raise PermissionError(errno.EACCES, "The process cannot access the file", str(target))
        replace(source, target)

    monkeypatch.setattr(os, "replace", excel_holds)
    before = master.read_bytes()
    for run in range(3):
        with pytest.raises(MasterWriteError) as caught:
            write_master_xlsx(_tables(10 + run), master, backups=3, now=NOW + timedelta(days=1, hours=run))
        assert caught.value.key == "write.replace"
    assert master.read_bytes() == before
    assert {p.name: p.read_bytes() for p in (tmp_path / "backups").iterdir()} == kept

    monkeypatch.setattr(os, "replace", replace)  # Excel closed: the next run writes and rotates as before
    write_master_xlsx(_tables(20), master, backups=3, now=NOW + timedelta(days=2))
    names = sorted(p.name for p in (tmp_path / "backups").iterdir())
    assert len(names) == 3 and names[-1] == "master.backup-20180413-070000.xlsx"


def test_the_demo_pointed_at_a_real_data_folder_touches_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`apmon demo --dir apmon-data` (the default data folder of a real setup) deleted its ledger, poured 424
    synthetic reports into its reports folder and replaced the master; `--dir .` wrote over the own apmon.toml."""
    (tmp_path / "izvestaji").mkdir()
    own = '[sync]\nfolder = "izvestaji"\n'
    monkeypatch.chdir(tmp_path)  # the person's own folder, with the apmon.toml they wrote
    (tmp_path / "apmon.toml").write_text(own, encoding="utf-8")
    first = runner.invoke(app, ["sync", "run"])
    assert first.exit_code == 0, first.output
    data = tmp_path / "apmon-data"
    ledger = (data / "ledger.sqlite").read_bytes()
    for folder in ("apmon-data", "."):
        refused = runner.invoke(app, ["demo", "--dir", folder, "--lang", "en"])
        assert refused.exit_code == 1, refused.output
        assert "not the demo's" in " ".join(refused.output.split())
    assert (data / "ledger.sqlite").read_bytes() == ledger
    assert (tmp_path / "apmon.toml").read_text(encoding="utf-8") == own
    assert not (data / "reports").exists() and not (tmp_path / "reports").exists()


def test_a_new_an_empty_or_an_earlier_demo_folder_is_the_demos_to_rebuild(tmp_path: Path) -> None:
    check_demo_folder(tmp_path / "new")
    check_demo_folder(tmp_path)
    (tmp_path / "apmon.toml").write_text(DEMO_CONFIG.replace("{lang}", "en"), encoding="utf-8")
    (tmp_path / "ledger.sqlite").write_bytes(b"")
    check_demo_folder(tmp_path)
    (tmp_path / "apmon.toml").write_text("[sync]\n", encoding="utf-8")
    with pytest.raises(NotADemoFolder):
        check_demo_folder(tmp_path)


def test_a_folder_that_is_not_the_demos_is_refused_with_a_folder_that_would_do(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`apmon demo` in a folder where apmon-demo holds someone's own files said "Name a new or empty folder: `apmon
    demo --dir apmon-demo`": the very folder it refused. It names a sibling that is new or empty."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "apmon-demo").mkdir()
    (tmp_path / "apmon-demo" / "mine.txt").write_text("x", encoding="utf-8")
    (tmp_path / "apmon-demo-2").mkdir()
    (tmp_path / "apmon-demo-2" / "theirs.txt").write_text("y", encoding="utf-8")
    refused = runner.invoke(app, ["demo", "--lang", "en"])
    assert refused.exit_code == 1, refused.output
    said = " ".join(refused.stderr.split())
    assert said.endswith("Name a new or empty folder: `apmon demo --dir apmon-demo-3`"), said
    (tmp_path / "apmon-demo-3").mkdir()  # empty: the demo would take it
    refused = runner.invoke(app, ["demo", "--lang", "en"])
    assert " ".join(refused.stderr.split()).endswith("`apmon demo --dir apmon-demo-3`"), refused.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["apmon-demo", "apmon-demo-2", "apmon-demo-3"]


def test_an_institution_without_a_contact_is_told_in_the_readers_words(tmp_path: Path) -> None:
    """`Nema kontakta: BIA (receipt 2018-03)`: the kind of mail was left in English in the Serbian line."""
    (tmp_path / "izvestaji").mkdir()
    config = tmp_path / "apmon.toml"
    config.write_text(
        f'[sync]\ndata_dir = "{(tmp_path / "data").as_posix()}"\nfolder = "{(tmp_path / "izvestaji").as_posix()}"\n'
        '\n[mail]\nhost = "127.0.0.1"\nsecurity = "none"\nfrom = "nacionalni.koordinator@mup.gov.rs"\n'
        '\n[contacts.MUP]\nto = ["trgovina.ljudima@mup.gov.rs"]\n',
        encoding="utf-8",
    )
    synced_first(config)
    args = ["remind", "--config", str(config), "--dry-run", "--today", "2018-04-03", "--period", "2018-03"]
    for lang, kind in (("sr-Latn", "podsetnik"), ("sr-Cyrl", "подсетник"), ("en", "reminder")):
        shown = runner.invoke(app, [*args, "--lang", lang])
        assert shown.exit_code == 0, shown.output
        lines = [line for line in shown.stdout.splitlines() if "MPRAVDE (" in line]
        assert lines and all(f"MPRAVDE ({kind} 2018-03)" in line for line in lines), lines


def _port_nobody_listens_on() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_a_mail_server_that_is_down_is_told_in_the_readers_words(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`apmon remind` in Serbian showed 'cannot connect to the SMTP server 127.0.0.1: [Errno 111] Connection
    refused' for each mail, and so did every sync run's `E-pošta: ...` line."""
    monkeypatch.setattr(out, "width", 300)  # the table unfolded
    port = _port_nobody_listens_on()
    (tmp_path / "izvestaji").mkdir()
    config = tmp_path / "apmon.toml"
    config.write_text(
        f'[sync]\ndata_dir = "{(tmp_path / "data").as_posix()}"\nfolder = "{(tmp_path / "izvestaji").as_posix()}"\n'
        f'\n[mail]\nhost = "127.0.0.1"\nport = {port}\nsecurity = "none"\nfrom = "nacionalni.koordinator@mup.gov.rs"\n'
        '\n[contacts.MUP]\nto = ["trgovina.ljudima@mup.gov.rs"]\n',
        encoding="utf-8",
    )
    synced_first(config)
    for lang in LANGS:
        shown = runner.invoke(app, ["remind", "--config", str(config), "--period", "2018-03", "--lang", lang])
        assert shown.exit_code == 1, shown.output  # not sent: tried again on the next run
        (row,) = [line for line in shown.stdout.splitlines() if "trgovina.ljudima@mup.gov.rs" in line]
        assert f"127.0.0.1:{port}" in row and "Errno" not in row
        assert ("Connection refused" in row or "cannot connect" in row) == (lang == "en"), row


def test_ledger_versions_with_a_mistyped_filter_says_so_not_that_the_ledger_is_empty(tmp_path: Path) -> None:
    """`apmon ledger versions -p 2018-13`, `-i XYZ` or `-i mup` answered "no versions in the ledger yet" (exit 0)
    about a ledger that held the reports asked for."""
    config = tmp_path / "apmon.toml"
    config.write_text(f'[sync]\ndata_dir = "{(tmp_path / "data").as_posix()}"\n', encoding="utf-8")
    ledger = open_ledger(load_config(config))
    try:
        record(ledger, "MUP", "2018-03", valid=True, received=dt.datetime(2018, 4, 5, 9, tzinfo=dt.UTC))
    finally:
        ledger.close()
    args = ["ledger", "versions", "--config", str(config), "--json"]
    assert runner.invoke(app, [*args, "-p", "2018-13"]).exit_code == 2
    assert runner.invoke(app, [*args, "-i", "XYZ"]).exit_code == 2
    found = runner.invoke(app, [*args, "-i", "mup", "-p", "2018-03"])
    assert found.exit_code == 0, found.output
    assert [(v["institution"], v["period"]) for v in json.loads(found.stdout)] == [("MUP", "2018-03")]
    none = runner.invoke(app, ["ledger", "versions", "--config", str(config), "-i", "MUP", "-p", "2018-04"])
    assert none.exit_code == 0 and "MUP, april 2018." in none.stdout  # the month said in words, as in sentences


@pytest.fixture
def belgrade_clock(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """This machine's clock set to Serbia's time, summer time included."""
    monkeypatch.setenv("TZ", "Europe/Belgrade")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.mark.skipif(not hasattr(time, "tzset"), reason="the clock's time zone is set through TZ on POSIX only")
@pytest.mark.usefixtures("belgrade_clock")
def test_scheduled_runs_stay_at_seven_after_the_change_to_summer_time() -> None:
    """`apmon sync schedule` started in winter kept the winter offset: from the last Sunday of March every
    "0 7 * * 1-5" run came at 08:00."""
    started = datetime(2018, 3, 23, 8, 0).astimezone()  # Friday, winter time
    times = schedule("0 7 * * 1-5", started)
    runs = [next(times) for _ in range(2)]
    assert [run.astimezone(UTC) for run in runs] == [
        datetime(2018, 3, 26, 5, 0, tzinfo=UTC),  # 07:00 summer time (+02:00)
        datetime(2018, 3, 27, 5, 0, tzinfo=UTC),
    ]
    autumn = schedule("30 13 * * *", datetime(2018, 10, 27, 14, 0).astimezone())
    assert next(autumn).astimezone(UTC) == datetime(2018, 10, 28, 12, 30, tzinfo=UTC)  # 13:30 winter time (+01:00)


def test_a_ledger_on_a_full_disk_is_told_in_the_readers_words(tmp_path: Path) -> None:
    """A sync whose data folder was full said 'evidencija ... ne može da se koristi: database or disk is full'."""
    engine = sqlalchemy.create_engine(f"sqlite:///{tmp_path / 'ledger.sqlite'}")

    @sqlalchemy.event.listens_for(engine, "connect")
    def small_disk(connection: Any, _: Any) -> None:
        connection.execute("PRAGMA max_page_count = 8")  # SQLite's own way of running out of room

    with pytest.raises(sqlalchemy.exc.OperationalError) as caught, engine.begin() as db:
        db.execute(sqlalchemy.text("CREATE TABLE versions (raw BLOB)"))
        for _ in range(20):
            db.execute(sqlalchemy.text("INSERT INTO versions VALUES (zeroblob(4096))"))
    engine.dispose()
    reason = driver_reason(caught.value)
    assert isinstance(reason, Phrase) and reason.key == "db.full"  # with what to do: free space on it


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="/dev/full, a file every write to fails, is Linux's")
def test_a_sync_that_cannot_write_its_lock_note_stops_with_one_line_not_a_traceback(tmp_path: Path) -> None:
    """On a full data folder the second run stopped with a Python traceback (OSError: [Errno 28] No space left on
    device) from writing who holds the lock. /dev/full refuses every write as a full disk does."""
    data = tmp_path / "data"
    data.mkdir()
    (data / "ledger.sqlite.lock").symlink_to("/dev/full")
    (tmp_path / "izvestaji").mkdir()
    config = tmp_path / "apmon.toml"
    config.write_text(
        f'[sync]\ndata_dir = "{data.as_posix()}"\nfolder = "{(tmp_path / "izvestaji").as_posix()}"\n', encoding="utf-8"
    )
    result = runner.invoke(app, ["sync", "run", "--config", str(config)])
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit), result.exception
    assert result.stderr.startswith("Greška: ") and "ledger.sqlite.lock" in result.stderr


def test_exporting_the_plan_texts_again_keeps_a_workbook_with_corrections_not_yet_imported(tmp_path: Path) -> None:
    """`apmon plan texts export tekstovi.xlsx` run a second time wrote over the workbook a translator had been
    correcting, without a word."""
    config = tmp_path / "apmon.toml"
    config.write_text(f'[sync]\ndata_dir = "{(tmp_path / "data").as_posix()}"\n', encoding="utf-8")
    book = tmp_path / "tekstovi.xlsx"
    args = ["plan", "texts", "export", str(book), "--config", str(config)]
    assert runner.invoke(app, args).exit_code == 0
    wb = openpyxl.load_workbook(book)
    wb.worksheets[0]["D5"] = "Ispravka prevodioca"
    wb.save(book)
    corrected = book.read_bytes()
    again = runner.invoke(app, args)
    assert again.exit_code == 1 and "--overwrite" in again.stderr
    assert book.read_bytes() == corrected
    replaced = runner.invoke(app, [*args, "--overwrite"])
    assert replaced.exit_code == 0 and book.read_bytes() != corrected


def test_building_templates_again_keeps_a_filled_report_of_the_same_name(tmp_path: Path) -> None:
    """`apmon template build` into a folder where an institution's filled report had come back under the template's
    own name (the shared folder, say) wrote a blank template over it."""
    out_dir = tmp_path / "izvestaji"
    args = ["template", "build", "-i", "MUP", "-i", "MZ", "--period", "2018-03", "--out", str(out_dir)]
    assert runner.invoke(app, args).exit_code == 0
    assert runner.invoke(app, args).exit_code == 0  # templates as apmon left them are built again
    filled = out_dir / "MUP_2018-03_sr-Latn.xlsx"
    time.sleep(2.1)  # the times are kept to the second, and apmon's own may be a second apart
    wb = openpyxl.load_workbook(filled)
    wb.worksheets[0]["B3"] = "Popunio: Odeljenje za suzbijanje trgovine ljudima"
    wb.save(filled)
    kept = filled.read_bytes()
    again = runner.invoke(app, args)
    assert again.exit_code == 1 and str(filled) in " ".join(again.stderr.split())
    assert filled.read_bytes() == kept
    assert runner.invoke(app, [*args, "--overwrite"]).exit_code == 0 and filled.read_bytes() != kept


def test_templates_built_slowly_are_built_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """On a busy machine a template took more than a second between openpyxl making the book (its created time)
    and saving it (its modified time): the next `apmon template build` took apmon's own template for a filled
    report and refused to write it again."""
    build = xlsx_module.build_workbook

    def slow(layout: WorkbookLayout) -> Workbook:
        book = build(layout)
        time.sleep(1.1)  # as a loaded machine takes
        return book

    monkeypatch.setattr(xlsx_module, "build_workbook", slow)
    args = ["template", "build", "-i", "MUP", "--period", "2018-03", "--out", str(tmp_path)]
    assert runner.invoke(app, args).exit_code == 0
    again = runner.invoke(app, args)
    assert again.exit_code == 0, again.stderr


def test_the_server_on_a_port_in_use_or_out_of_range_says_so_before_saying_it_runs(tmp_path: Path) -> None:
    """`apmon serve` said "apmon server dodatka radi na ..." and then uvicorn's English "[Errno 98] error while
    attempting to bind ... address already in use" (exit 3); `--port 80000` ended in a traceback."""
    config = tmp_path / "apmon.toml"
    config.write_text(f'[sync]\ndata_dir = "{(tmp_path / "data").as_posix()}"\n', encoding="utf-8")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        busy = runner.invoke(app, ["serve", "--port", str(port), "--config", str(config)])
    assert busy.exit_code == 1, busy.output
    assert busy.stderr.startswith("Greška: ") and f"127.0.0.1:{port}" in busy.stderr and "--port" in busy.stderr
    assert "radi na" not in busy.stdout
    out_of_range = runner.invoke(app, ["serve", "--port", "80000", "--config", str(config)])
    assert out_of_range.exit_code == 2 and isinstance(out_of_range.exception, SystemExit)
    assert out_of_range.stderr.startswith("Greška: --port ")


def test_the_demo_in_a_place_it_cannot_write_says_where_and_why(tmp_path: Path) -> None:
    """`apmon demo --dir izvestaj.xlsx` (a file, not a folder) ended in a traceback (NotADirectoryError)."""
    taken = tmp_path / "izvestaj.xlsx"
    taken.write_bytes(b"not a folder")
    result = runner.invoke(app, ["demo", "--dir", str(taken)])
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit), result.exception
    assert result.stderr.startswith("Greška: ") and str(taken) in result.stderr and "--dir" in result.stderr
    assert taken.read_bytes() == b"not a folder"


@pytest.mark.parametrize(
    "command",
    [["template", "build", "-i", "MUP", "--period", "2018-03"], ["report", "minister", "--period", "2018-03"]],
    ids=["template-build", "report-minister"],
)
def test_out_naming_a_file_says_where_and_why_not_a_traceback(tmp_path: Path, command: list[str]) -> None:
    """`--out` naming a file (or a folder without write access) ended in a traceback (FileExistsError)."""
    config = tmp_path / "apmon.toml"
    config.write_text(f'[sync]\ndata_dir = "{(tmp_path / "data").as_posix()}"\n', encoding="utf-8")
    taken = tmp_path / "izvestaji.xlsx"
    taken.write_bytes(b"a file")
    result = runner.invoke(app, [*command, "--out", str(taken), "--config", str(config)])
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit), result.exception
    assert result.stderr.startswith("Greška: ") and str(taken) in result.stderr and "--out" in result.stderr


def test_an_empty_ledger_is_named_so_a_forgotten_config_shows(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`apmon sync status` run without --config, away from the real apmon.toml, said "the ledger is empty, run
    `apmon sync run`" about a ledger it made there and then, without naming it."""
    monkeypatch.chdir(tmp_path)
    shown = runner.invoke(app, ["sync", "status"])
    assert shown.exit_code == 0, shown.output
    said = "".join(shown.stdout.split())
    assert "apmon-data/ledger.sqlite" in said and "--config" in said


def test_a_report_from_an_empty_ledger_warns_so_a_forgotten_config_shows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`apmon report minister --period 2018-12` right after `apmon demo`, without --config as the README showed it,
    wrote a brief of no data from a ledger it made there and then (apmon-data/), recorded it as issued, and said
    nothing but "pokretanje evidencije -"."""
    monkeypatch.chdir(tmp_path)
    made = runner.invoke(app, ["report", "minister", "--period", "2018-12"])
    assert made.exit_code == 0, made.output
    warned = "".join(made.stderr.split())
    assert warned.startswith("Upozorenje:") and "apmon-data/ledger.sqlite" in warned and "--config" in warned
    english = runner.invoke(app, ["report", "annual", "--year", "2017", "--lang", "en"])
    assert english.exit_code == 0, english.output
    assert " ".join(english.stderr.split()).startswith("Warning: the ledger ")


@pytest.mark.parametrize(
    "command",
    [
        ["task", "status", "1.1.3", "završen", "--period", "2018-03"],
        ["evaluation", "set", "1.2", "--year", "2017", "--assessment", "nije realizovana", "--reason", "Nije počela."],
        ["evaluation", "comment", "1.2", "--year", "2017", "--by", "ASTRA", "--text", "Slažemo se."],
    ],
    ids=["task-status", "evaluation-set", "evaluation-comment"],
)
def test_a_record_into_an_empty_ledger_warns_so_a_forgotten_config_shows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: list[str]
) -> None:
    """The Coordinator's record (a task's status, a decision, a comment) made without --config, as the README showed
    `apmon task status`, went into a ledger made there and then (apmon-data/), unseen by the master and the reports."""
    monkeypatch.chdir(tmp_path)
    done = runner.invoke(app, command)
    assert done.exit_code == 0, done.output
    warned = "".join(done.stderr.split())
    assert warned.startswith("Upozorenje:") and "apmon-data/ledger.sqlite" in warned and "--config" in warned


def test_validate_given_a_folder_names_each_file_by_its_path_in_the_folder(tmp_path: Path) -> None:
    """`apmon validate izvestaji/` named each file by its name alone: the institutions' folders that docs/sync.md
    advises (MUP/mart.xlsx, MZ/mart.xlsx) gave two lines "mart.xlsx", and the Coordinator could not tell whose."""
    built = runner.invoke(
        app, ["template", "build", "-i", "MUP", "-i", "MZ", "--period", "2018-03", "--out", str(tmp_path)]
    )
    assert built.exit_code == 0, built.output
    folder = tmp_path / "izvestaji"
    for code in ("MUP", "MZ"):
        (folder / code).mkdir(parents=True)
        (tmp_path / f"{code}_2018-03_sr-Latn.xlsx").rename(folder / code / "mart.xlsx")
    checked = runner.invoke(app, ["validate", str(folder)])
    assert checked.exit_code == 1, checked.output  # blank templates: readable, with errors
    named = [line.split()[1] for line in checked.stdout.splitlines() if line.startswith(("✓ ", "✗ "))]
    assert named == ["MUP/mart.xlsx", "MZ/mart.xlsx"]
    one = runner.invoke(app, ["validate", str(folder / "MZ" / "mart.xlsx")])  # a file given: its name, as before
    assert one.stdout.startswith("✗ mart.xlsx MZ 2018-03"), one.stdout


def test_validate_given_a_folder_checks_the_reports_in_it(tmp_path: Path) -> None:
    """`apmon validate izvestaji/` said the folder "cannot be opened or read (it is a folder, not a file); send it
    again" instead of checking the reports in it, as the sync reads a folder."""
    folder = tmp_path / "izvestaji"
    built = runner.invoke(
        app, ["template", "build", "-i", "MUP", "-i", "MZ", "--period", "2018-03", "--out", str(folder)]
    )
    assert built.exit_code == 0, built.output
    (folder / "~$MUP_2018-03_sr-Latn.xlsx").write_bytes(b"Excel's lock file")  # left alone, as by the sync
    checked = runner.invoke(app, ["validate", str(folder), "--json"])
    assert checked.exit_code == 1, checked.output  # blank templates: readable, with errors
    results = json.loads(checked.stdout)
    assert [(r["institution"], r["readable"]) for r in results] == [("MUP", True), ("MZ", True)]
    empty = tmp_path / "prazna"
    empty.mkdir()
    assert runner.invoke(app, ["validate", str(empty)]).exit_code == 2


def test_a_demo_cut_short_while_writing_its_reports_can_be_built_again(tmp_path: Path) -> None:
    """Ctrl+C while the demo wrote its reports left reports/ without the demo's apmon.toml, and the next `apmon demo`
    took the folder for someone's own data."""
    folder = tmp_path / "apmon-demo"

    def ctrl_c(*_: object) -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        build_demo(folder, 2018, ctrl_c)
    assert (folder / "reports").exists()
    check_demo_folder(folder)  # its own: built again, not refused


def test_a_count_below_its_least_is_refused_in_the_readers_words(tmp_path: Path) -> None:
    """`--older-than-days -5` got the command-line library's English ("Invalid value ... greater than or equal to
    0"); `apmon sync schedule --max-runs 0` ran nothing, said nothing and exited 0."""
    config = tmp_path / "apmon.toml"
    config.write_text(f'[sync]\ndata_dir = "{(tmp_path / "data").as_posix()}"\n', encoding="utf-8")
    for args in (["ledger", "purge-personal-data", "--older-than-days", "-5"], ["sync", "schedule", "--max-runs", "0"]):
        refused = runner.invoke(app, [*args, "--config", str(config)])
        assert refused.exit_code == 2, refused.output
        assert refused.stderr.startswith(f"Greška: {args[-2]} ") and "Invalid value" not in refused.stderr


@pytest.mark.parametrize("days", ["3651", "99999999999999999999"])
def test_a_purge_further_back_than_the_setting_allows_is_refused_in_the_readers_words(
    tmp_path: Path, days: str
) -> None:
    """`--older-than-days 99999999999999999999` stopped with a traceback (OverflowError), and any count over
    personal_data_days' own bound of 3650 was taken, which apmon.toml refuses: the option now has the setting's
    bounds."""
    config = tmp_path / "apmon.toml"
    config.write_text(f'[sync]\ndata_dir = "{(tmp_path / "data").as_posix()}"\n', encoding="utf-8")
    args = ["ledger", "purge-personal-data", "--older-than-days", days, "--config", str(config)]
    refused = runner.invoke(app, args)
    assert refused.exit_code == 2, refused.output
    assert " ".join(refused.stderr.split()) == f"Greška: --older-than-days je ceo broj od 0 do 3650; „{days}“ nije"
    english = runner.invoke(app, [*args, "--lang", "en"])
    assert (
        " ".join(english.stderr.split()) == f"Error: --older-than-days is a whole number from 0 to 3650, not '{days}'"
    )


def test_a_cyrillic_run_and_status_write_no_latin_unit_nor_utc(tmp_path: Path) -> None:
    """With master_lang = "sr-Cyrl": "Трајало је 0,1 с (извори 0,0 s, ...)" with a Latin s for each part, and
    "00:53 УТЦ", the time zone's name transliterated. Now the time is Belgrade's, with no zone to name."""
    (tmp_path / "izvestaji").mkdir()
    config = tmp_path / "apmon.toml"
    config.write_text(
        f'[sync]\ndata_dir = "{(tmp_path / "data").as_posix()}"\nfolder = "{(tmp_path / "izvestaji").as_posix()}"\n'
        'master_lang = "sr-Cyrl"\n',
        encoding="utf-8",
    )
    ran = runner.invoke(app, ["sync", "run", "--config", str(config)])
    assert ran.exit_code == 0, ran.output
    said = " ".join(ran.stdout.split())
    took = said[said.index("Трајало") :]  # the run's last line: the time each part took
    assert re.search(r"[A-Za-z]", took) is None, took
    status = runner.invoke(app, ["sync", "status", "--config", str(config)])
    assert status.exit_code == 0 and "UTC" not in status.stdout and "УТЦ" not in status.stdout
    # The run's time in Belgrade, as the brief gives it (UTC, said as such, until the Coordinator's times were one).
    shown = re.search(r"\d\d\.\d\d\.\d{4}\. \d\d:\d\d", status.stdout)
    assert shown is not None, status.stdout
    at = dt.datetime.strptime(shown[0], "%d.%m.%Y. %H:%M").replace(tzinfo=ZoneInfo("Europe/Belgrade"))
    assert abs(dt.datetime.now(dt.UTC) - at) < dt.timedelta(minutes=5)
