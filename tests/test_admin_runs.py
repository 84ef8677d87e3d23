"""What the ministry's IT administrator meets running `apmon sync run` for the Coordinator over the years: each
test runs the real command in a process of its own, on a real reports folder and SQLite ledger."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from apmon.schemas.institutions import InstitutionRegistry
from apmon.schemas.plan import Plan
from tests.reports import add_own_chart, complete_monthly, filled_report

ROOT = Path(__file__).resolve().parent.parent


def apmon(*args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "apmon.cli.app", *args]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=180)


def office(tmp_path: Path, plan: Plan, registry: InstitutionRegistry) -> Path:
    """A data folder with two filled reports and its apmon.toml; the configuration's path."""
    reports = tmp_path / "reports"
    reports.mkdir()
    for code in ("MZ", "MUP"):
        _, layout = filled_report(plan, registry, tmp_path, code, "2018-03", {}, name="blank.xlsx")
        filled_report(plan, registry, reports, code, "2018-03", complete_monthly(layout), name=f"{code}_2018-03.xlsx")
    config = tmp_path / "apmon.toml"
    config.write_text(
        '[sync]\ndata_dir = "."\nfirst_period = "2018-03"\nlast_period = "2018-03"\n',
        encoding="utf-8",
    )
    return config


def cells(master: Path) -> set[object]:
    """Every value of every sheet of the master."""
    book = openpyxl.load_workbook(master, read_only=True)
    return {value for sheet in book for row in sheet.iter_rows(values_only=True) for value in row}


def correct_mz_march(tmp_path: Path, plan: Plan, registry: InstitutionRegistry) -> None:
    """MZ's March report replaced by a correction whose task 2.1.2 says "Obuka odložena." (new in the master)."""
    _, layout = filled_report(plan, registry, tmp_path, "MZ", "2018-03", {}, name="blank.xlsx")
    (tmp_path / "reports" / "MZ_2018-03.xlsx").unlink()
    corrected = complete_monthly(layout) | {("tasks", "2.1.2", "problems"): "Obuka odložena."}
    filled_report(plan, registry, tmp_path / "reports", "MZ", "2018-03", corrected, name="MZ_2018-03.xlsx")


def _master_with_chart_and_new_figures(tmp_path: Path, plan: Plan, registry: InstitutionRegistry) -> Path:
    """The office's master with the Coordinator's chart, a correction since: written to master.apmon.xlsx."""
    config = office(tmp_path, plan, registry)
    assert apmon("sync", "run", "--config", str(config)).returncode == 0
    master = tmp_path / "master.xlsx"
    add_own_chart(master)
    correct_mz_march(tmp_path, plan, registry)
    assert apmon("sync", "run", "--config", str(config)).returncode == 0
    assert (tmp_path / "master.apmon.xlsx").exists()
    assert not any("Obuka odložena." in str(value) for value in cells(master))
    return config


@pytest.mark.parametrize("lock_name", ["~$master.xlsx", ".~lock.master.xlsx#"])
def test_a_master_open_in_excel_on_the_share_is_not_replaced_under_it(
    tmp_path: Path, plan: Plan, registry: InstitutionRegistry, lock_name: str
) -> None:
    """The master on a file server, open in the Coordinator's Excel (or LibreOffice): the server lets the run
    replace the file, Excel keeps the old one open, and the Coordinator's next save puts the old figures back while
    the ledger says the master is up to date. Now the run leaves it alone, says why and what to do (exit 1), and the
    run after Excel closed writes it."""
    config = office(tmp_path, plan, registry)
    first = apmon("sync", "run", "--config", str(config))
    assert first.returncode == 0, first.stderr
    master = tmp_path / "master.xlsx"
    before = master.read_bytes()

    # A new report arrives while the Coordinator has the master open.
    _, layout = filled_report(plan, registry, tmp_path, "MZ", "2018-02", {}, name="blank.xlsx")
    (tmp_path / "reports" / "MZ_2018-03.xlsx").unlink()
    filled_report(
        plan,
        registry,
        tmp_path / "reports",
        "MZ",
        "2018-03",
        complete_monthly(layout) | {("tasks", "2.1.2", "problems"): "Obuka odložena."},
        name="MZ_2018-03.xlsx",
    )
    lock = tmp_path / lock_name
    lock.write_bytes(b"\x0bKoordinator" + b" " * 42)  # Excel's owner file (LibreOffice's is a line of text)
    open_run = apmon("sync", "run", "--config", str(config), "--json")
    assert open_run.returncode == 1, open_run.stdout + open_run.stderr
    assert master.read_bytes() == before
    assert lock_name in open_run.stderr + open_run.stdout
    assert not (tmp_path / "backups").exists()  # no copy of an unchanged master rotates a real backup out

    lock.unlink()  # Excel closed
    closed = apmon("sync", "run", "--config", str(config))
    assert closed.returncode == 0, closed.stderr
    assert any("Obuka odložena." in str(value) for value in cells(master))  # the report that came while it was open


FULL_DISK_WRITE = """
import gc, random, resource, sys
from datetime import datetime
from pathlib import Path
from apmon.schemas.tables import Table, TableColumn
from apmon.sync.writers import MasterWriteError, write_master_xlsx

def tables(rows):
    texts = random.Random(rows)  # text that does not compress: where the save fails varies with the rows
    columns = [TableColumn(key="n", header="N"), TableColumn(key="t", header="T")]
    rows = [[n, texts.randbytes(24).hex()] for n in range(rows)]
    return [Table(sheet="Status", title="Status", columns=columns, rows=rows)]

master = Path(sys.argv[1])
write_master_xlsx(tables(10), master, now=datetime(2018, 4, 11, 7))
resource.setrlimit(resource.RLIMIT_FSIZE, (64_000, 64_000))  # the disk fills up: no file may grow past 64 kB
for rows in range(1000, 2000, 50):
    try:
        write_master_xlsx(tables(rows), master, backups=0, now=datetime(2018, 4, 12, 7))
    except MasterWriteError as exc:
        print(exc.key)
    gc.collect()  # as `apmon sync run` does after a run
"""


def test_a_master_write_that_fills_the_disk_says_one_line_and_no_traceback(tmp_path: Path) -> None:
    """The disk filled up while the master was saved: the run said so in its `Greška:` line, but Python printed a
    traceback in English after it ("Exception ignored in: ZipFile.__del__ ... No space left on device"): the zip
    library's file, left open by the failed save, tried to finish itself on the full disk when it was collected."""
    master = tmp_path / "master.xlsx"
    done = subprocess.run(
        [sys.executable, "-c", FULL_DISK_WRITE, str(master)], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert set(done.stdout.split()) == {"write.save"}, done.stdout + done.stderr
    assert done.stderr == ""
    assert sorted(p.name for p in tmp_path.iterdir()) == ["master.xlsx"]  # no temporary file left
    assert openpyxl.load_workbook(master)["Status"].max_row > 1000  # the last one that fitted, whole


def test_a_scheduled_run_whose_output_goes_to_a_log_file_in_a_windows_code_page_runs_and_logs_in_utf8(
    tmp_path: Path, plan: Plan, registry: InstitutionRegistry
) -> None:
    """Windows' Task Scheduler runs `apmon.exe sync run ... >> sync.log`: a redirected Python writes in the ANSI code
    page (cp1250 in a Serbian Latin locale, cp1252 on an English server), which has no Cyrillic (cp1252 not even č
    or ć). With the master in Cyrillic the run did its work, then died printing its summary (UnicodeEncodeError,
    exit 1), every time, leaving a traceback for a log. Now output that goes to a file is written in UTF-8. Here the
    machine's own encoding is the C locale's ASCII (narrower still), with no PYTHONIOENCODING: one that is set is
    the administrator's choice and kept (the tests below)."""
    config = office(tmp_path, plan, registry)
    config.write_text(config.read_text(encoding="utf-8") + 'master_lang = "sr-Cyrl"\n', encoding="utf-8")
    log = tmp_path / "sync.log"
    env = {**os.environ, "LC_ALL": "C", "PYTHONCOERCECLOCALE": "0", "PYTHONUTF8": "0"}
    env.pop("PYTHONIOENCODING", None)
    with log.open("wb") as handle:
        command = [sys.executable, "-m", "apmon.cli.app", "sync", "run", "--config", str(config)]
        done = subprocess.run(command, cwd=ROOT, stdout=handle, stderr=handle, env=env, timeout=180)
    text = log.read_bytes().decode("utf-8")
    assert done.returncode == 0, text
    assert "Traceback" not in text and "Покретање 1" in text


APMON = Path(sys.executable).parent / "apmon"  # the installed command, as the Task Scheduler starts it


def apmon_to_a_pipe(encoding: str | None) -> subprocess.CompletedProcess[bytes]:
    """`apmon deadline 2018-04 --lang sr-Cyrl` (Cyrillic text) with its output to a pipe, on a machine whose own
    encoding is not UTF-8 (the C locale, left as it is: ASCII, which has neither Cyrillic nor č), PYTHONIOENCODING
    set or not."""
    env = {**os.environ, "LC_ALL": "C", "PYTHONCOERCECLOCALE": "0", "PYTHONUTF8": "0"}
    env.pop("PYTHONIOENCODING", None)
    if encoding is not None:
        env["PYTHONIOENCODING"] = encoding
    return subprocess.run(
        [str(APMON), "deadline", "2018-04", "--lang", "sr-Cyrl"], capture_output=True, env=env, timeout=60
    )


def test_output_to_a_pipe_is_utf8_when_the_administrator_sets_no_encoding() -> None:
    done = apmon_to_a_pipe(None)
    assert done.returncode == 0, done.stderr
    assert "Рок за месечни извештај за април 2018. је среда, 09.05.2018." in done.stdout.decode("utf-8")


@pytest.mark.parametrize("setting", ["cp1251", "cp1251:strict", "CP1251"])
def test_output_to_a_pipe_is_in_the_encoding_the_administrator_set(setting: str) -> None:
    """An administrator who sets PYTHONIOENCODING (a log read by a tool that expects cp1251) gets that encoding:
    apmon used to write UTF-8 over it."""
    utf8 = apmon_to_a_pipe(None).stdout.decode("utf-8")
    done = apmon_to_a_pipe(setting)
    assert done.returncode == 0, done.stderr
    assert done.stdout != utf8.encode("utf-8")
    assert done.stdout.decode("cp1251") == utf8


def test_an_encoding_without_cyrillic_with_replace_gives_question_marks_not_a_crash() -> None:
    utf8 = apmon_to_a_pipe(None).stdout.decode("utf-8")
    done = apmon_to_a_pipe("cp1250:replace")
    assert done.returncode == 0, done.stderr
    assert done.stdout == utf8.encode("cp1250", errors="replace")
    assert b"?" in done.stdout


def test_only_an_error_handler_set_keeps_utf8() -> None:
    """PYTHONIOENCODING=":replace" names no encoding: the output stays UTF-8 (and whole: UTF-8 has every letter)."""
    done = apmon_to_a_pipe(":replace")
    assert done.returncode == 0, done.stderr
    assert done.stdout == apmon_to_a_pipe(None).stdout


def test_a_master_with_the_coordinators_chart_gets_its_sibling_written_once_not_every_run(
    tmp_path: Path, plan: Plan, registry: InstitutionRegistry
) -> None:
    """The Coordinator adds a chart of her own to master.xlsx: apmon never replaces it and writes the managed sheets
    to master.apmon.xlsx. That write is the master's: a later run with nothing new leaves master.apmon.xlsx alone
    (before, every scheduled run wrote it again, and logged an error each time she had it open in Excel)."""
    config = office(tmp_path, plan, registry)
    first = apmon("sync", "run", "--config", str(config))
    assert first.returncode == 0, first.stderr
    master = tmp_path / "master.xlsx"
    add_own_chart(master)
    with_chart = master.read_bytes()

    # A corrected report: the run writes the managed sheets beside the master.
    correct_mz_march(tmp_path, plan, registry)
    changed = apmon("sync", "run", "--config", str(config))
    assert changed.returncode == 0, changed.stderr
    sibling = tmp_path / "master.apmon.xlsx"
    assert master.read_bytes() == with_chart
    assert any("Obuka odložena." in str(value) for value in cells(sibling))
    written, written_at = sibling.read_bytes(), sibling.stat().st_mtime_ns

    # Nothing new, the Coordinator reading master.apmon.xlsx in Excel: the run leaves both files alone, no error.
    lock = tmp_path / "~$master.apmon.xlsx"
    lock.write_bytes(b"\x0bKoordinator" + b" " * 42)
    quiet = apmon("sync", "run", "--config", str(config))
    assert quiet.returncode == 0, quiet.stdout + quiet.stderr
    assert "Greška" not in quiet.stdout + quiet.stderr and lock.name not in quiet.stdout + quiet.stderr
    assert sibling.read_bytes() == written and sibling.stat().st_mtime_ns == written_at
    assert master.read_bytes() == with_chart
    status = apmon("sync", "status", "--config", str(config))
    assert status.returncode == 0, status.stderr
    assert "je ažurna" in status.stdout  # the master: the Coordinator is not told to run again

    # The file the master was last written to is gone: the next run writes it again, though no report changed.
    lock.unlink()
    sibling.unlink()
    gone = apmon("sync", "status", "--config", str(config))
    assert gone.returncode == 0, gone.stderr
    said = " ".join(gone.stdout.split())
    assert "zbirna radna sveska treba da se osveži" in said and "je ažurna" not in said, said
    again = apmon("sync", "run", "--config", str(config))
    assert again.returncode == 0, again.stderr
    assert any("Obuka odložena." in str(value) for value in cells(sibling))
    assert master.read_bytes() == with_chart


def test_a_deleted_master_is_said_to_be_written_by_the_next_run_not_up_to_date(
    tmp_path: Path, plan: Plan, registry: InstitutionRegistry
) -> None:
    """The master deleted (by mistake, or to start it afresh): the next run writes it again, so `sync status` must
    not call it up to date."""
    config = office(tmp_path, plan, registry)
    assert apmon("sync", "run", "--config", str(config)).returncode == 0
    master = tmp_path / "master.xlsx"
    assert "zbirna radna sveska je ažurna" in " ".join(apmon("sync", "status", "--config", str(config)).stdout.split())

    master.unlink()
    gone = apmon("sync", "status", "--config", str(config))
    assert gone.returncode == 0, gone.stderr
    said = " ".join(gone.stdout.split())
    assert "zbirna radna sveska treba da se osveži" in said and "je ažurna" not in said, said
    assert not master.exists()  # the status only says so
    assert apmon("sync", "run", "--config", str(config)).returncode == 0
    assert master.exists()
    assert "zbirna radna sveska je ažurna" in " ".join(apmon("sync", "status", "--config", str(config)).stdout.split())


def test_a_master_renamed_in_apmon_toml_gets_its_own_sibling_not_one_of_the_old_name(
    tmp_path: Path, plan: Plan, registry: InstitutionRegistry
) -> None:
    """The master with the Coordinator's chart, its managed sheets in master.apmon.xlsx; she renames it zbirna.xlsx
    and says so in apmon.toml. The ledger's last write went to "master.apmon.xlsx", a file of the old name, which is
    still there: the next run must write zbirna.apmon.xlsx, not take the old name's file for the master's."""
    config = _master_with_chart_and_new_figures(tmp_path, plan, registry)
    master = tmp_path / "master.xlsx"
    master.rename(tmp_path / "zbirna.xlsx")
    config.write_text(config.read_text(encoding="utf-8") + 'master = "zbirna.xlsx"\n', encoding="utf-8")
    status = apmon("sync", "status", "--config", str(config))
    assert status.returncode == 0, status.stderr
    assert "zbirna radna sveska treba da se osveži" in " ".join(status.stdout.split()), status.stdout
    renamed = apmon("sync", "run", "--config", str(config))
    assert renamed.returncode == 0, renamed.stdout + renamed.stderr
    sibling = tmp_path / "zbirna.apmon.xlsx"
    assert sibling.exists(), renamed.stdout
    assert any("Obuka odložena." in str(value) for value in cells(sibling))
    assert "zbirna radna sveska je ažurna" in " ".join(apmon("sync", "status", "--config", str(config)).stdout.split())


def test_the_chart_taken_out_of_the_master_gets_the_master_written_by_the_next_run(
    tmp_path: Path, plan: Plan, registry: InstitutionRegistry
) -> None:
    """While the master held her chart, its managed sheets went to master.apmon.xlsx and master.xlsx kept old
    figures. She takes the chart out and saves: the next run, nothing new, must write master.xlsx (and the status
    must not call it up to date while it shows the old figures)."""
    config = _master_with_chart_and_new_figures(tmp_path, plan, registry)
    master = tmp_path / "master.xlsx"
    book = openpyxl.load_workbook(master)
    del book["Grafikon"]  # her chart taken out (openpyxl keeps no chart it read either)
    book.save(master)
    status = apmon("sync", "status", "--config", str(config))
    assert status.returncode == 0, status.stderr
    assert "zbirna radna sveska treba da se osveži" in " ".join(status.stdout.split()), status.stdout
    again = apmon("sync", "run", "--config", str(config))
    assert again.returncode == 0, again.stdout + again.stderr
    assert any("Obuka odložena." in str(value) for value in cells(master)), again.stdout
    assert "zbirna radna sveska je ažurna" in " ".join(apmon("sync", "status", "--config", str(config)).stdout.split())
    written_at = master.stat().st_mtime_ns
    assert apmon("sync", "run", "--config", str(config)).returncode == 0
    assert master.stat().st_mtime_ns == written_at  # written once, not at every run


def test_a_master_copied_back_with_an_older_time_and_its_chart_taken_out_is_written(
    tmp_path: Path, plan: Plan, registry: InstitutionRegistry
) -> None:
    """She takes the chart out on her laptop, where she saved the master before this morning's run, and copies it
    back to the share: a copy keeps its time, older than master.apmon.xlsx. The master was looked at as saved
    before the sibling was written, so never written: master.xlsx kept the old figures while status said up to
    date."""
    config = _master_with_chart_and_new_figures(tmp_path, plan, registry)
    master, sibling = tmp_path / "master.xlsx", tmp_path / "master.apmon.xlsx"
    book = openpyxl.load_workbook(master)
    del book["Grafikon"]
    book.save(master)
    hour_before = sibling.stat().st_mtime_ns - 3600 * 10**9
    os.utime(master, ns=(hour_before, hour_before))
    assert "zbirna radna sveska treba da se osveži" in " ".join(
        apmon("sync", "status", "--config", str(config)).stdout.split()
    )
    again = apmon("sync", "run", "--config", str(config))
    assert again.returncode == 0, again.stdout + again.stderr
    assert any("Obuka odložena." in str(value) for value in cells(master)), again.stdout


def test_a_master_saved_by_a_clock_ahead_is_not_written_at_every_run(
    tmp_path: Path, plan: Plan, registry: InstitutionRegistry
) -> None:
    """The master with her chart saved on a computer whose clock is a day ahead (or touched so by backup
    software): its time stays after master.apmon.xlsx's, and every run wrote master.apmon.xlsx again with nothing
    new, while status said a refresh was needed."""
    config = _master_with_chart_and_new_figures(tmp_path, plan, registry)
    master, sibling = tmp_path / "master.xlsx", tmp_path / "master.apmon.xlsx"
    day_ahead = master.stat().st_mtime_ns + 86400 * 10**9
    os.utime(master, ns=(day_ahead, day_ahead))
    assert apmon("sync", "run", "--config", str(config)).returncode == 0  # written once: it may be another master
    written_at = sibling.stat().st_mtime_ns
    assert "zbirna radna sveska je ažurna" in " ".join(apmon("sync", "status", "--config", str(config)).stdout.split())
    assert apmon("sync", "run", "--config", str(config)).returncode == 0
    assert sibling.stat().st_mtime_ns == written_at
    assert any("Obuka odložena." in str(value) for value in cells(sibling))


@pytest.mark.skipif(os.name == "nt", reason="POSIX file modes; Windows gives the folder's ACL")
def test_the_ledger_and_its_backup_are_readable_by_the_account_that_runs_apmon_alone(
    tmp_path: Path, plan: Plan, registry: InstitutionRegistry
) -> None:
    """A first run made ledger.sqlite, its -wal and -shm, and `apmon ledger backup` its copy, readable by every
    account of the server (0644 under the usual umask 022), though they hold the officers' names and, for
    `personal_data_days`, the reports refused for a victim's personal data."""
    config = office(tmp_path, plan, registry)
    before = os.umask(0o022)  # as a login shell or a systemd service has it
    try:
        assert apmon("sync", "run", "--config", str(config)).returncode == 0
        backup = tmp_path / "kopije" / "ledger-2026-12-06.sqlite"
        made = apmon("ledger", "backup", str(backup), "--config", str(config))
    finally:
        os.umask(before)
    assert made.returncode == 0, made.stderr
    ledger_files = [tmp_path / "ledger.sqlite", backup]
    ledger_files += [p for p in (tmp_path / "ledger.sqlite-wal", tmp_path / "ledger.sqlite-shm") if p.exists()]
    modes = {path.name: oct(path.stat().st_mode & 0o777) for path in ledger_files}
    assert modes == {path.name: "0o600" for path in ledger_files}


@pytest.mark.skipif(os.name == "nt", reason="POSIX file modes; Windows gives the folder's ACL")
def test_the_services_own_files_that_hold_personal_data_are_the_owners_alone_and_the_master_is_the_umasks(
    tmp_path: Path, plan: Plan, registry: InstitutionRegistry
) -> None:
    """The consolidation cache (the reports' texts as typed), the plan and registry caches (the contacts' names and
    addresses) and the lock file were made with the umask's mode (0644 under 022): every account of the server could
    read them. They are owner-only now, as the ledger is; one an earlier apmon made is made so when next written. The
    master and its backups stay the umask's: the Coordinator's staff read them (docs/security.md)."""
    config = office(tmp_path, plan, registry)
    shipped = ROOT / "templates" / "data"
    for name in ("plan-2017-2018.yaml", "institutions.yaml"):
        (tmp_path / name).write_bytes((shipped / name).read_bytes())
    config.write_text(
        'plan = "plan-2017-2018.yaml"\ninstitutions = "institutions.yaml"\n' + config.read_text(encoding="utf-8"),
        encoding="utf-8",
    )
    (tmp_path / "consolidation-cache.json").write_text("{}", encoding="utf-8")  # an earlier apmon's, 0644
    (tmp_path / "consolidation-cache.json").chmod(0o644)
    before = os.umask(0o022)
    try:
        done = apmon("sync", "run", "--config", str(config))
    finally:
        os.umask(before)
    assert done.returncode == 0, done.stdout + done.stderr
    private = ["consolidation-cache.json", "plan-cache.json", "institutions-cache.json", "ledger.sqlite.lock"]
    modes = {name: oct((tmp_path / name).stat().st_mode & 0o777) for name in [*private, "master.xlsx"]}
    assert modes == {**{name: "0o600" for name in private}, "master.xlsx": "0o644"}


@pytest.mark.skipif(os.name == "nt", reason="a file size limit (RLIMIT_FSIZE) stands for a full disk")
def test_a_backup_that_fills_the_disk_leaves_no_half_copy_and_names_the_backup(
    tmp_path: Path, plan: Plan, registry: InstitutionRegistry
) -> None:
    """`apmon ledger backup` onto a disk that filled up left a file of the backup's name holding its first part (and
    a `-journal` beside it), which looks like a backup and makes the next try refuse the name; its message said the
    ledger could not be used and to check the ledger's folder, though the ledger was whole and the backup's disk
    full."""
    import resource

    config = office(tmp_path, plan, registry)
    assert apmon("sync", "run", "--config", str(config)).returncode == 0
    backup = tmp_path / "kopije" / "ledger.sqlite"
    backup.parent.mkdir()
    limit = 64 * 1024
    assert (tmp_path / "ledger.sqlite").stat().st_size > 2 * limit  # the test has teeth: the copy cannot fit

    def full_disk() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    command = [sys.executable, "-m", "apmon.cli.app", "ledger", "backup", str(backup), "--config", str(config)]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=180, preexec_fn=full_disk)
    assert done.returncode == 1, done.stdout + done.stderr
    said = " ".join(done.stderr.split())
    assert said.startswith(f"Greška: rezervna kopija {backup} nije napravljena") and "Traceback" not in said, said
    assert sorted(p.name for p in backup.parent.iterdir()) == []  # nothing that looks like a backup
    assert apmon("ledger", "backup", str(backup), "--config", str(config)).returncode == 0  # the name is free


@pytest.mark.skipif(os.name == "nt", reason="SIGKILL")
def test_a_backup_killed_half_way_leaves_nothing_that_looks_like_a_backup(
    tmp_path: Path, plan: Plan, registry: InstitutionRegistry
) -> None:
    """`apmon ledger backup` killed while it copies (a cron job's `timeout`, the server shut down) left a file of the
    backup's name holding a part of the ledger, or nothing: it looks like a backup, and the next try refused its
    name. The copy is made under a hidden name beside it and takes the backup's name only once whole."""
    config = office(tmp_path, plan, registry)
    assert apmon("sync", "run", "--config", str(config)).returncode == 0
    backup = tmp_path / "kopije" / "ledger-2026-12-06.sqlite"
    # The process kills itself (SIGKILL: no handler, no cleanup) once SQLite has begun the copy.
    killed_mid_copy = f"""
import os, signal, sys
from pathlib import Path
from sqlalchemy import event
from apmon.sync.ledger import Ledger

ledger = Ledger.open({f"sqlite:///{tmp_path / 'ledger.sqlite'}"!r})

@event.listens_for(ledger.engine, "before_cursor_execute")
def kill_when_copying(conn, cursor, statement, parameters, context, executemany):
    if statement.startswith("VACUUM INTO"):
        conn.connection.dbapi_connection.set_progress_handler(lambda: os.kill(os.getpid(), signal.SIGKILL), 50)

ledger.backup(Path({str(backup)!r}))
"""
    done = subprocess.run([sys.executable, "-c", killed_mid_copy], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == -9, done.stderr  # killed during the copy, not finished
    assert [p.name for p in backup.parent.iterdir() if not p.name.startswith(".")] == []
    made = apmon("ledger", "backup", str(backup), "--config", str(config))
    assert made.returncode == 0, made.stderr
    assert backup.stat().st_size > 0 and oct(backup.stat().st_mode & 0o777) == "0o600"


def test_output_to_a_log_file_has_each_message_on_one_line(tmp_path: Path) -> None:
    """cron or systemd writing `apmon sync run >> sync.log 2>&1`: rich wrapped every message at 80 columns (a console
    that is no terminal), so one run's error spanned four lines of the log and `grep` found only a piece of it. Each
    message is one line there now; a table keeps its own width."""
    folder = tmp_path / ("a-reports-folder-with-a-name-long-enough-to-pass-eighty-columns-alone" * 2) / "reports"
    config = tmp_path / "apmon.toml"
    config.write_text(f'[sync]\nfolder = "{folder.as_posix()}"\ndata_dir = "."\nmaster_lang = "en"\n', encoding="utf-8")
    log = tmp_path / "sync.log"
    with log.open("wb") as handle:
        for command in (["sync", "run"], ["sync", "status"]):
            subprocess.run(
                [sys.executable, "-m", "apmon.cli.app", *command, "--config", str(config)],
                cwd=ROOT, stdout=handle, stderr=handle, timeout=180,
            )  # fmt: skip
    lines = log.read_text(encoding="utf-8").splitlines()
    # the missing folder, said by the run (stderr) and again by `sync status` (stdout) under the last run's errors
    whole = [line for line in lines if "does not exist" in line and line.endswith("check the path")]
    assert len(whole) == 2 and all(str(folder) in line for line in whole), "\n".join(lines)
    council = [line for line in lines if "Council" in line]
    assert council and all("YYYY-MM" in line for line in council[:1]), "\n".join(lines)  # a status line, whole
    assert any(line.startswith("┏") and len(line) < 120 for line in lines)  # the table as it was drawn


def test_a_terminal_still_wraps_a_long_message_to_its_window() -> None:
    from apmon.cli.common import _Console

    console = _Console(force_terminal=True, width=40, record=True, file=open(os.devnull, "w"))  # noqa: SIM115
    console.print("word " * 30, markup=False)
    assert len(console.export_text().splitlines()) > 1
