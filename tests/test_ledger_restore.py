"""`apmon ledger restore BACKUP`: through the real command on real SQLite files; what the ledger holds is counted
with sqlite3 alone, never with the code under test."""

from __future__ import annotations

import hashlib
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from contextlib import closing, suppress
from pathlib import Path

import pytest
from typer.testing import CliRunner

from apmon.cli.app import app
from apmon.sync.ledger import Ledger, sqlite_url
from tests.test_ledger import arrival


def versions_in(path: Path) -> int:
    """The report versions a ledger file holds, counted with sqlite3 alone (with its -wal, as SQLite reads it)."""
    with closing(sqlite3.connect(path)) as db:  # closed: no -wal or -shm left beside it
        return int(db.execute("SELECT count(*) FROM versions").fetchone()[0])


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def edited_copy(backup: Path, copy: Path, *statements: str) -> Path:
    """`copy`: the backup's bytes, then `statements` run on it (a backup damaged or edited by hand)."""
    copy.write_bytes(backup.read_bytes())
    with closing(sqlite3.connect(copy)) as db:
        for statement in statements:
            db.execute(statement)
        db.commit()
    return copy


@pytest.fixture
def site(tmp_path: Path) -> tuple[Path, Path, Path]:
    """A ledger of 5 versions, a backup of it made by `apmon ledger backup` when it held 3, and the configuration."""
    ledger_path = tmp_path / "data" / "ledger.sqlite"
    config = tmp_path / "apmon.toml"
    config.write_text(f'[sync]\ndata_dir = "{(tmp_path / "data").as_posix()}"\n')
    ledger = Ledger.open(sqlite_url(ledger_path))
    try:
        ledger.record([arrival(f"{n}.xlsx", f"report {n}".encode(), received=n) for n in range(3)])
        backup = tmp_path / "backups" / "ledger-backup.sqlite"
        made = CliRunner().invoke(app, ["ledger", "backup", str(backup), "--config", str(config)])
        assert made.exit_code == 0, made.output
        ledger.record([arrival(f"{n}.xlsx", f"report {n}".encode(), received=n) for n in range(3, 5)])
    finally:
        ledger.close()
    return ledger_path, backup, config


def restore(config: Path, backup: Path, *extra: str) -> tuple[int, str]:
    done = CliRunner().invoke(app, ["ledger", "restore", str(backup), "--config", str(config), *extra])
    return done.exit_code, done.output


def test_a_restore_brings_back_exactly_the_backups_versions_and_keeps_the_replaced_ledger(
    site: tuple[Path, Path, Path],
) -> None:
    ledger_path, backup, config = site
    assert versions_in(ledger_path) == 5 and versions_in(backup) == 3

    code, output = restore(config, backup)

    assert code == 0, output
    assert versions_in(ledger_path) == 3
    [kept] = ledger_path.parent.glob("ledger.sqlite.replaced-*")
    assert versions_in(kept) == 5  # the replaced ledger, whole
    assert kept.stat().st_mode & 0o777 == 0o600 and ledger_path.stat().st_mode & 0o777 == 0o600
    assert str(kept.name) in output.replace("\n", "") and "apmon sync run" in output
    assert not list(ledger_path.parent.glob(".ledger.sqlite.*"))  # no hidden copy left
    ledger = Ledger.open(sqlite_url(ledger_path))  # the next command opens it as a ledger
    try:
        assert sorted(v.file_name for v in ledger.versions()) == ["0.xlsx", "1.xlsx", "2.xlsx"]
    finally:
        ledger.close()


def test_a_stale_wal_of_the_replaced_ledger_is_not_applied(site: tuple[Path, Path, Path], tmp_path: Path) -> None:
    """A process killed while it had the ledger open leaves a -wal holding its last commits: copied in by hand,
    the backup opened with them applied. Restored, the ledger holds the backup's versions alone; the -wal's
    content is in the kept ledger."""
    ledger_path, backup, config = site
    # A process that wrote into the -wal and died without a checkpoint (killed: SQLite's close never ran).
    writer = textwrap.dedent(f"""
        import os, sqlite3
        db = sqlite3.connect({str(ledger_path)!r})
        db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA wal_autocheckpoint = 0")
        db.execute("UPDATE versions SET file_name = 'from-the-wal.xlsx'")
        db.commit()
        os._exit(0)
    """)
    subprocess.run([sys.executable, "-c", writer], check=True)
    wal = Path(f"{ledger_path}-wal")
    assert wal.exists() and wal.stat().st_size > 0

    code, output = restore(config, backup)

    assert code == 0, output
    with closing(sqlite3.connect(ledger_path)) as db:
        names = sorted(row[0] for row in db.execute("SELECT file_name FROM versions"))
    assert names == ["0.xlsx", "1.xlsx", "2.xlsx"]
    [kept] = ledger_path.parent.glob("ledger.sqlite.replaced-*")
    with closing(sqlite3.connect(kept)) as db:
        assert {row[0] for row in db.execute("SELECT file_name FROM versions")} == {"from-the-wal.xlsx"}


@pytest.mark.parametrize("kind", ["garbage", "truncated", "not-a-ledger", "another-alembic", "missing"])
def test_a_corrupt_or_foreign_file_is_refused_and_nothing_changes(
    site: tuple[Path, Path, Path], tmp_path: Path, kind: str
) -> None:
    ledger_path, backup, config = site
    bad = tmp_path / f"{kind}.sqlite"
    if kind == "garbage":
        bad.write_bytes(b"not a database at all\n" * 200)
    elif kind == "truncated":  # a copy cut short: the header promises pages that are not there
        bad.write_bytes(backup.read_bytes()[: 4096 * 3])
    elif kind == "not-a-ledger":
        with closing(sqlite3.connect(bad)) as db:
            db.execute("CREATE TABLE cities (name TEXT)")
            db.commit()
    elif kind == "another-alembic":  # another program's database with Alembic's table, of a revision apmon never had
        with closing(sqlite3.connect(bad)) as db:
            db.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)")
            db.execute("INSERT INTO alembic_version VALUES ('1f2e3d4c5b6a')")
            db.execute("CREATE TABLE cities (name TEXT)")
            db.commit()
    before = digest(ledger_path)
    folder_before = sorted(p.name for p in ledger_path.parent.iterdir())

    code, output = restore(config, bad)

    assert code == 1, output
    assert "Error" in output or "Greška" in output
    assert str(bad.name) in output.replace("\n", "")
    expected = {
        "garbage": "nije ispravna baza SQLite",
        "truncated": "nije ispravna baza SQLite",
        "not-a-ledger": "nije evidencija apmon-a",
        "another-alembic": "nije evidencija apmon-a",
        "missing": "ne postoji",
    }[kind]
    assert expected in " ".join(output.split())
    assert digest(ledger_path) == before and versions_in(ledger_path) == 5
    assert sorted(p.name for p in ledger_path.parent.iterdir()) == folder_before


def test_a_backup_of_a_newer_schema_revision_is_refused(site: tuple[Path, Path, Path], tmp_path: Path) -> None:
    ledger_path, backup, config = site
    newer = edited_copy(backup, tmp_path / "newer.sqlite", "UPDATE alembic_version SET version_num = '9999'")
    before = digest(ledger_path)

    code, output = restore(config, newer)

    assert code == 1, output
    said = " ".join(output.split())
    assert "novija verzija apmon-a" in said and "9999" in said
    assert digest(ledger_path) == before and not list(ledger_path.parent.glob("ledger.sqlite.replaced-*"))


def test_an_older_revision_is_restored_and_upgraded_by_the_next_command(
    site: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    ledger_path, backup, config = site
    older = tmp_path / "older.sqlite"
    older.write_bytes(backup.read_bytes())
    downgraded = Ledger.open(sqlite_url(older))
    downgraded.downgrade("0015")
    downgraded.close()

    code, output = restore(config, older)

    assert code == 0, output
    with closing(sqlite3.connect(ledger_path)) as db:
        assert db.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "0015"
    assert versions_in(ledger_path) == 3


def test_dry_run_says_what_would_be_replaced_and_changes_nothing(site: tuple[Path, Path, Path]) -> None:
    ledger_path, backup, config = site
    before = digest(ledger_path)
    folder_before = sorted(p.name for p in ledger_path.parent.iterdir())

    code, output = restore(config, backup, "--dry-run")

    assert code == 0, output
    said = " ".join(output.split())
    assert "ništa nije promenjeno" in said and "ledger.sqlite.replaced-" in said and ": 3)" in said
    assert digest(ledger_path) == before
    assert sorted(p.name for p in ledger_path.parent.iterdir()) == folder_before


def test_the_messages_come_in_english_and_cyrillic(site: tuple[Path, Path, Path]) -> None:
    _, backup, config = site
    code, output = restore(config, backup, "--dry-run", "--lang", "en")
    assert code == 0 and "nothing changed" in " ".join(output.split())
    code, output = restore(config, backup, "--dry-run", "--lang", "sr-Cyrl")
    assert code == 0 and "ништа није промењено" in " ".join(output.split())


def _hold(script: str) -> subprocess.Popen[str]:
    """Another process running `script`, once it prints "ready" (then it waits for its stdin to close)."""
    held = subprocess.Popen([sys.executable, "-c", script], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert held.stdout is not None and held.stdout.readline().strip() == "ready"
    return held


def _release(held: subprocess.Popen[str]) -> None:
    assert held.stdin is not None
    held.stdin.close()
    held.wait(timeout=30)


def _run_holding_the_lock(ledger_path: Path) -> subprocess.Popen[str]:
    """A sync run's lock held by another process, as a run between two reads: the ledger not kept open."""
    return _hold(
        textwrap.dedent(f"""
            import sys
            from apmon.sync.ledger import Ledger, sqlite_url
            ledger = Ledger.open(sqlite_url({str(ledger_path)!r}))
            ledger.close()
            with ledger.lock():
                print("ready", flush=True)
                sys.stdin.read()
        """)
    )


def _apmon_restore(backup: Path, config: Path, *extra: str) -> subprocess.Popen[str]:
    """`apmon ledger restore` in a process of its own, taking Ctrl+C (SIGINT) as it does at a terminal: a shell that
    starts the test run in the background (`.ci/run &`) has SIGINT ignored for it, and Python leaves a signal ignored
    that it was started with ignored, so the restore would never see the Ctrl+C these tests send."""
    command = [sys.executable, "-m", "apmon.cli.app", "ledger", "restore", str(backup), "--config", str(config)]
    ctrl_c_as_at_a_terminal = None if sys.platform == "win32" else lambda: signal.signal(signal.SIGINT, signal.SIG_DFL)
    return subprocess.Popen(
        [*command, *extra],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=ctrl_c_as_at_a_terminal,  # only the signal's disposition, set before exec
    )


def _restore_process(config: Path, backup: Path, *extra: str) -> subprocess.Popen[str]:
    """`apmon ledger restore` in a process of its own, once it says on stderr that it waits for the run."""
    restoring = _apmon_restore(backup, config, *extra)
    assert restoring.stderr is not None
    told = restoring.stderr.readline()
    assert ("Sinhronizacija je u toku" in told or "A sync run is in progress" in told) and "Ctrl+C" in told, told
    restoring.told = told  # type: ignore[attr-defined]
    return restoring


def test_a_restore_waits_for_a_sync_run_holding_the_lock_then_restores(site: tuple[Path, Path, Path]) -> None:
    """`apmon ledger restore` refused at once while a sync run held the lock (cron starting one at 07:00 while the
    administrator restored): it waits for the run now, as `apmon sync run` waits for another, saying so once."""
    ledger_path, backup, config = site
    held = _run_holding_the_lock(ledger_path)
    try:
        restoring = _restore_process(config, backup)
        assert str(held.pid) in restoring.told  # type: ignore[attr-defined]
        assert restoring.poll() is None and versions_in(ledger_path) == 5  # waiting, nothing done yet
    finally:
        _release(held)
    out, err = restoring.communicate(timeout=60)
    assert restoring.returncode == 0, out + err
    assert versions_in(ledger_path) == 3 and "vraćena iz rezervne kopije" in out


def test_a_restore_waits_within_its_bound_then_says_the_run_is_still_going(site: tuple[Path, Path, Path]) -> None:
    ledger_path, backup, config = site
    before = digest(ledger_path)
    held = _run_holding_the_lock(ledger_path)
    try:
        code, output = restore(config, backup, "--wait", "1")
        refused_at_once = restore(config, backup, "--wait", "0")
    finally:
        _release(held)
    said = " ".join(output.split())
    assert code == 3 and "i dalje u toku posle čekanja od 1 s" in said and str(held.pid) in said, output
    assert refused_at_once[0] == 3 and "sinhronizacija je u toku" in " ".join(refused_at_once[1].split())
    assert digest(ledger_path) == before and not list(ledger_path.parent.glob("ledger.sqlite.replaced-*"))


@pytest.mark.skipif(sys.platform == "win32", reason="SIGINT to another process: Ctrl+C in its console there")
def test_ctrl_c_while_a_restore_waits_leaves_everything_as_it_was(site: tuple[Path, Path, Path]) -> None:
    ledger_path, backup, config = site
    before = digest(ledger_path)
    held = _run_holding_the_lock(ledger_path)
    folder_before = sorted(p.name for p in ledger_path.parent.iterdir())  # the run's lock file in it
    try:
        restoring = _restore_process(config, backup, "--lang", "en")
        restoring.send_signal(signal.SIGINT)
        out, err = restoring.communicate(timeout=60)
        assert restoring.returncode == 130, out + err
        assert "Stopped, nothing changed" in err and "Traceback" not in err
        assert digest(ledger_path) == before
        assert sorted(p.name for p in ledger_path.parent.iterdir()) == folder_before
    finally:
        _release(held)
    code, output = restore(config, backup)  # the run over, the lock is free: nothing was left held
    assert code == 0, output


def test_a_process_that_opened_the_ledger_as_the_restore_began_reads_the_restored_ledger(
    site: tuple[Path, Path, Path],
) -> None:
    """`apmon serve` started while a restore ran: it opened the ledger file before the restore took its lock, and
    had read nothing yet (SQLite locks at the first read). The restore then put another file in the ledger's place
    (os.replace), and the server went on with the old one, unlinked, where every Submit was lost. The restore now
    writes the backup into the ledger file itself: what opened it reads the restored ledger."""
    ledger_path, backup, config = site
    held = _hold(
        textwrap.dedent(f"""
            import sqlite3, sys
            db = sqlite3.connect({str(ledger_path)!r}, isolation_level=None)  # the file open, nothing read or locked
            print("ready", flush=True)
            sys.stdin.readline()
            db.execute("INSERT INTO items (source, key, first_seen, last_seen) VALUES ('folder:x', 'late.xlsx', "
                       "'2026-12-07 01:00:00', '2026-12-07 01:00:00')")
            print(db.execute("SELECT count(*) FROM versions").fetchone()[0], flush=True)
            db.close()
        """)
    )
    try:
        code, output = restore(config, backup)
        assert code == 0, output
        assert held.stdin is not None and held.stdout is not None
        held.stdin.write("go\n")
        held.stdin.flush()
        seen = held.stdout.readline().strip()
    finally:
        _release(held)
    assert seen == "3"  # the restored ledger, not the replaced one's 5
    with closing(sqlite3.connect(ledger_path)) as db:  # what it wrote is in the ledger, not in a file gone
        assert db.execute("SELECT count(*) FROM items WHERE key = 'late.xlsx'").fetchone()[0] == 1
    assert versions_in(ledger_path) == 3


def test_a_ledger_held_open_by_another_process_is_not_replaced(site: tuple[Path, Path, Path]) -> None:
    """The add-in server keeps the ledger open between requests: replacing the file under it would leave it writing
    to the replaced one. The restore says to stop `apmon serve` first."""
    ledger_path, backup, config = site
    held = _hold(
        textwrap.dedent(f"""
            import sys
            from apmon.sync.ledger import Ledger, sqlite_url
            ledger = Ledger.open(sqlite_url({str(ledger_path)!r}))
            ledger.versions()  # as `apmon serve` keeps it: open, idle between requests
            print("ready", flush=True)
            sys.stdin.read()
        """)
    )
    try:
        code, output = restore(config, backup)
        assert versions_in(ledger_path) == 5
    finally:
        _release(held)
    assert code == 1, output
    assert "apmon serve" in output and not list(ledger_path.parent.glob("ledger.sqlite.replaced-*"))
    assert not list(ledger_path.parent.glob(".ledger.sqlite.*"))


def test_a_postgres_ledger_is_restored_with_pg_restore(tmp_path: Path) -> None:
    config = tmp_path / "apmon.toml"
    config.write_text('[sync]\nledger = "postgresql+psycopg://apmon@127.0.0.1:1/apmon"\n')
    backup = tmp_path / "b.sqlite"
    backup.write_bytes(b"")
    code, output = restore(config, backup)
    assert code == 1 and "pg_restore" in output


def test_a_ledger_sqlite_cannot_read_is_replaced_and_kept_as_it_was(site: tuple[Path, Path, Path]) -> None:
    """The usual reason to restore: the ledger itself is damaged. It is kept byte for byte, and the backup restored."""
    ledger_path, backup, config = site
    ledger_path.write_bytes(b"overwritten by something else\n" * 300)
    damaged = digest(ledger_path)

    code, output = restore(config, backup)

    assert code == 0, output
    assert versions_in(ledger_path) == 3
    [kept] = ledger_path.parent.glob("ledger.sqlite.replaced-*")
    assert digest(kept) == damaged and kept.stat().st_mode & 0o777 == 0o600


def test_a_backup_restored_where_there_is_no_ledger_becomes_the_ledger(site: tuple[Path, Path, Path]) -> None:
    """A new machine, nothing run yet: the backup becomes the ledger, the owner's alone, and nothing is kept."""
    ledger_path, backup, config = site
    ledger_path.unlink()
    code, output = restore(config, backup)
    assert code == 0, output
    assert versions_in(ledger_path) == 3 and ledger_path.stat().st_mode & 0o777 == 0o600
    assert not list(ledger_path.parent.glob("ledger.sqlite.replaced-*"))
    assert not list(ledger_path.parent.glob(".ledger.sqlite.*"))


def test_a_backup_of_another_page_size_is_restored(site: tuple[Path, Path, Path], tmp_path: Path) -> None:
    """A backup made where SQLite's pages are another size (another machine's SQLite, a ledger rebuilt with VACUUM):
    SQLite copies no page of another size into a ledger in WAL mode, and the restore was refused with "attempt to
    write a readonly database". It is restored, and the next command opens it as a ledger."""
    ledger_path, backup, config = site
    other = tmp_path / "backups" / "other-page-size.sqlite"
    other.write_bytes(backup.read_bytes())
    with closing(sqlite3.connect(other)) as db:  # the backup's content in pages of 8 KiB
        db.execute("PRAGMA page_size = 8192")
        db.execute("VACUUM")
        assert db.execute("PRAGMA page_size").fetchone()[0] == 8192
    with closing(sqlite3.connect(ledger_path)) as db:
        assert db.execute("PRAGMA page_size").fetchone()[0] != 8192

    code, output = restore(config, other)

    assert code == 0, output
    assert versions_in(ledger_path) == 3
    [kept] = ledger_path.parent.glob("ledger.sqlite.replaced-*")
    assert versions_in(kept) == 5
    ledger = Ledger.open(sqlite_url(ledger_path))
    try:
        assert sorted(v.file_name for v in ledger.versions()) == ["0.xlsx", "1.xlsx", "2.xlsx"]
    finally:
        ledger.close()
    with closing(sqlite3.connect(ledger_path)) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def _names_in(path: Path) -> list[str]:
    with closing(sqlite3.connect(path)) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return sorted(row[0] for row in db.execute("SELECT file_name FROM versions"))


def _large_site(tmp_path: Path) -> tuple[Path, Path, Path]:
    """A ledger of 16 versions of 1.5 MB (a restore takes a moment), its backup made when it held 12, the
    configuration."""
    ledger_path = tmp_path / "data" / "ledger.sqlite"
    config = tmp_path / "apmon.toml"
    config.write_text(f'[sync]\ndata_dir = "{(tmp_path / "data").as_posix()}"\n')
    big = [arrival(f"{n}.xlsx", os.urandom(1_500_000), received=n) for n in range(16)]
    ledger = Ledger.open(sqlite_url(ledger_path))
    try:
        ledger.record(big[:12])
        backup = tmp_path / "ledger-backup.sqlite"
        ledger.backup(backup)
        ledger.record(big[12:])
    finally:
        ledger.close()
    return ledger_path, backup, config


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
@pytest.mark.parametrize(
    ("growing", "past", "page_size"),
    [
        ("kept", 1, 4096),
        ("kept", 6_000_000, 4096),
        ("-wal", 1, 4096),
        ("-wal", 6_000_000, 4096),
        ("-wal", 14_000_000, 4096),
        ("-journal", 1, 8192),
        ("-journal", 6_000_000, 8192),
        ("gone", 0, 4096),
    ],
)
def test_a_restore_killed_during_the_copy_leaves_the_old_or_the_restored_ledger_never_a_mix(
    tmp_path: Path, growing: str, past: int, page_size: int
) -> None:
    """The power cut or `kill -9` while a restore copies: the ledger is the one it was or the restored one, whole,
    never a mix (the Coordinator's whole history is in it); a kept copy under its name is the replaced ledger whole;
    the restore done again leaves nothing of the killed one, and the next run records into the ledger. Killed as the
    kept copy, the ledger's -wal (or, for a backup of another page size, its rollback journal) grows past `past`
    bytes, or once the restore's hidden copy is gone (at its end)."""
    ledger_path, backup, config = _large_site(tmp_path)
    if page_size != 4096:
        with closing(sqlite3.connect(backup)) as db:
            db.execute(f"PRAGMA page_size = {page_size}")
            db.execute("VACUUM")
    old, restored = _names_in(ledger_path), _names_in(backup)
    assert len(old) == 16 and len(restored) == 12

    command = [sys.executable, "-m", "apmon.cli.app", "ledger", "restore", str(backup), "--config", str(config)]
    restoring = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    hidden = ledger_path.parent.glob
    try:
        while restoring.poll() is None:
            if growing == "gone":
                if list(hidden(".ledger.sqlite.*.restoring")):
                    while list(hidden(".ledger.sqlite.*.restoring")):
                        pass
                    break
                continue
            file = (
                next(hidden(".ledger.sqlite.*.keeping"), None) if growing == "kept" else Path(f"{ledger_path}{growing}")
            )
            with suppress(OSError):
                if file is not None and file.stat().st_size >= past:
                    break
    finally:
        restoring.kill()
        restoring.wait(timeout=30)

    assert _names_in(ledger_path) in (old, restored)
    for kept in ledger_path.parent.glob("ledger.sqlite.replaced-*"):
        assert _names_in(kept) == old
    code, output = restore(config, backup)  # the restore done again
    assert code == 0, output
    assert _names_in(ledger_path) == restored
    assert not list(hidden(".ledger.sqlite.*")), list(hidden(".ledger.sqlite.*"))  # no copy of the killed one left
    ledger = Ledger.open(sqlite_url(ledger_path))  # as the next run opens it, and records what came in since
    try:
        ledger.record([arrival("new.xlsx", b"a report after the restore", received=20)])
    finally:
        ledger.close()
    assert _names_in(ledger_path) == sorted([*restored, "new.xlsx"])


@pytest.mark.skipif(sys.platform == "win32", reason="a file size limit (RLIMIT_FSIZE) stands for a full disk")
def test_a_disk_that_fills_during_the_restore_of_a_larger_backup_leaves_the_ledger_as_it_was(tmp_path: Path) -> None:
    """The backup is larger than the ledger (a ledger begun anew) and the disk fills during the restore: the ledger is
    the one it was, the message says the restore did not happen, no kept copy or hidden file is left to take the
    space, and the restore succeeds once there is room. (A file size limit is per file, so here the backup's copy
    beside the ledger is what does not fit; a disk that fills as the backup is written into the ledger itself, tried
    on a small tmpfs, ends the same way, "disk je pun", the ledger whole.)"""
    import resource

    ledger_path = tmp_path / "data" / "ledger.sqlite"
    config = tmp_path / "apmon.toml"
    config.write_text(f'[sync]\ndata_dir = "{(tmp_path / "data").as_posix()}"\n')
    ledger = Ledger.open(sqlite_url(ledger_path))
    try:
        ledger.record([arrival(f"{n}.xlsx", os.urandom(400_000), received=n) for n in range(12)])
        backup = tmp_path / "ledger-backup.sqlite"
        ledger.backup(backup)
    finally:
        ledger.close()
    small = tmp_path / "small.sqlite"
    ledger = Ledger.open(sqlite_url(small))  # the ledger begun anew: two versions
    try:
        ledger.record([arrival(f"new-{n}.xlsx", os.urandom(400_000), received=n) for n in range(2)])
    finally:
        ledger.close()
    ledger_path.unlink()
    small.rename(ledger_path)
    before = _names_in(ledger_path)
    limit = 2_000_000  # room for the kept copy of the ledger (under 1 MB), not for the backup (about 5 MB)
    assert ledger_path.stat().st_size < limit < backup.stat().st_size

    def full_disk() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    command = [sys.executable, "-m", "apmon.cli.app", "ledger", "restore", str(backup), "--config", str(config)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=180, preexec_fn=full_disk)

    said = " ".join(done.stderr.split())
    assert done.returncode == 1 and "nije vraćena" in said and "Traceback" not in said, said
    assert _names_in(ledger_path) == before
    assert sorted(p.name for p in ledger_path.parent.iterdir()) == ["ledger.sqlite", "ledger.sqlite.lock"]
    code, output = restore(config, backup)
    assert code == 0, output
    assert len(_names_in(ledger_path)) == 12


@pytest.mark.skipif(sys.platform == "win32", reason="SIGINT to another process: Ctrl+C in its console there")
def test_ctrl_c_while_the_backup_is_written_in_never_loses_the_kept_ledger_or_says_nothing_changed(
    tmp_path: Path,
) -> None:
    """SQLite's backup cannot be stopped part way: Ctrl+C pressed while the backup was written into the ledger took
    effect as the copy returned, whole. The restore then removed the kept copy of the replaced ledger, its only copy,
    and said "Stopped, nothing changed" (exit 130) of a ledger restored. The restore now ends, and says so; and it
    tells who pressed Ctrl+C that it came during the write-in and that the restore was finished (it said nothing)."""
    ledger_path, backup, config = _large_site(tmp_path)
    old, restored = _names_in(ledger_path), _names_in(backup)
    restoring = _apmon_restore(backup, config, "--lang", "en")
    wal = Path(f"{ledger_path}-wal")
    while restoring.poll() is None and not next(ledger_path.parent.glob("ledger.sqlite.replaced-*"), None):
        pass  # the kept copy whole: the backup is being written in
    while restoring.poll() is None:
        with suppress(OSError):
            if wal.stat().st_size > 4_000_000:
                restoring.send_signal(signal.SIGINT)
                break
    out, err = restoring.communicate(timeout=60)

    now = _names_in(ledger_path)
    kept = list(ledger_path.parent.glob("ledger.sqlite.replaced-*"))
    assert now in (old, restored)
    if now == restored:  # done: the replaced ledger kept, and said so
        assert restoring.returncode == 0 and "was restored from the backup" in out, out + err
        assert [_names_in(path) for path in kept] == [old]
        told = " ".join(err.split())
        assert "Ctrl+C was pressed once the backup was being written into the ledger" in told, out + err
        assert f"apmon ledger restore {kept[0]}" in told and "Traceback" not in told
    else:
        assert restoring.returncode == 130 and "nothing changed" in err, out + err


def _restore_with_ctrl_c_at(
    backup: Path, config: Path, call: str, local: str, part: str
) -> subprocess.CompletedProcess[str]:
    """`apmon ledger restore` (in English) in a process of its own that sends itself Ctrl+C (a real SIGINT) from
    Python's profile hook as it calls the function `call` with its argument `local` holding `part`: at that very
    moment of the restore, which a test cannot otherwise time."""
    args = ["ledger", "restore", str(backup), "--config", str(config), "--lang", "en"]
    script = textwrap.dedent(f"""
        import os, signal, sys
        from apmon.cli.app import main

        def ctrl_c_there(frame, event, arg):
            if event == "call" and frame.f_code.co_name == {call!r}:
                if {part!r} in str(frame.f_locals.get({local!r}, "")):
                    sys.setprofile(None)
                    os.kill(os.getpid(), signal.SIGINT)

        sys.argv = ["apmon", *{args!r}]
        sys.setprofile(ctrl_c_there)
        main()
    """)
    ctrl_c_as_at_a_terminal = None if sys.platform == "win32" else lambda: signal.signal(signal.SIGINT, signal.SIG_DFL)
    return subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, preexec_fn=ctrl_c_as_at_a_terminal
    )


@pytest.mark.skipif(sys.platform == "win32", reason="SIGINT to the process itself: Ctrl+C in its console there")
@pytest.mark.parametrize("was", ["a ledger", "a damaged ledger", "none"])
def test_ctrl_c_just_after_the_backup_is_written_in_says_the_ledger_was_restored(
    site: tuple[Path, Path, Path], was: str
) -> None:
    """Ctrl+C pressed a moment after the write-in, as the restore removed its copy of the backup: the ledger was
    restored (the replaced one kept, a damaged one too), or made where there was none, but the restore said
    "Stopped, nothing changed: the ledger is as it was" (exit 130). It says what it did, and that Ctrl+C came once
    that could not be stopped."""
    ledger_path, backup, config = site
    if was == "none":
        ledger_path.unlink()
    elif was == "a damaged ledger":  # the usual reason to restore
        ledger_path.write_bytes(b"overwritten by something else\n" * 300)
    replaced = ledger_path.read_bytes() if was == "a damaged ledger" else None

    done = _restore_with_ctrl_c_at(backup, config, "unlink", "self", ".restoring")

    assert versions_in(ledger_path) == 3  # restored, as sqlite3 reads it
    kept = list(ledger_path.parent.glob("ledger.sqlite.replaced-*"))
    if was == "a damaged ledger":
        assert [path.read_bytes() for path in kept] == [replaced]
    else:
        assert [versions_in(path) for path in kept] == ([5] if was == "a ledger" else [])
    out, err = " ".join(done.stdout.split()), " ".join(done.stderr.split())
    assert "nothing changed" not in err and "Traceback" not in err, out + err
    assert done.returncode == 0, out + err
    if kept:
        assert "was restored from the backup" in out and "Ctrl+C was pressed once the backup" in err, out + err
        assert f"apmon ledger restore {kept[0]}" in err, err
    else:
        assert "was made from the backup" in out and f"delete the file {ledger_path}" in err, out + err
    assert not list(ledger_path.parent.glob(".ledger.sqlite.*"))  # its copy of the backup removed all the same


@pytest.mark.skipif(sys.platform == "win32", reason="SIGINT to the process itself: Ctrl+C in its console there")
def test_ctrl_c_while_a_damaged_ledger_is_kept_leaves_no_kept_copy_cut_short(site: tuple[Path, Path, Path]) -> None:
    """Ctrl+C while the damaged ledger was copied aside: "nothing changed" was said, and true of the ledger, but an
    empty (or cut short) `ledger.sqlite.replaced-*` was left beside it under the name the restore gives the replaced
    ledger whole. Nothing is left now."""
    ledger_path, backup, config = site
    ledger_path.write_bytes(b"overwritten by something else\n" * 300)
    damaged = ledger_path.read_bytes()

    done = _restore_with_ctrl_c_at(backup, config, "copyfile", "src", str(ledger_path))  # copied aside

    err = " ".join(done.stderr.split())
    assert done.returncode == 130 and "nothing changed" in err and "Traceback" not in err, err
    assert ledger_path.read_bytes() == damaged
    assert sorted(p.name for p in ledger_path.parent.iterdir()) == ["ledger.sqlite", "ledger.sqlite.lock"]


def test_a_backup_missing_tables_of_its_revision_is_refused_and_nothing_changes(
    site: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    """A backup of a known revision whose mails and tokens tables are gone (a copy damaged, or edited by hand) was
    restored: every command after it failed ("no such table: tokens", with advice about the ledger's folder), and
    `apmon serve` let no one in. It is now refused, its missing tables named."""
    ledger_path, backup, config = site
    partial = edited_copy(backup, tmp_path / "partial.sqlite", "DROP TABLE mails", "DROP TABLE tokens")
    before = digest(ledger_path)

    code, output = restore(config, partial, "--lang", "en")

    said = " ".join(output.split())
    assert code == 1, said
    assert "partial.sqlite" in said and "mails, tokens" in said, said
    assert digest(ledger_path) == before and not list(ledger_path.parent.glob("ledger.sqlite.replaced-*"))


def test_a_backup_missing_only_its_versions_table_is_told_so_not_that_it_is_no_ledger(
    site: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    """A backup of a known revision that lost only its versions table was told it "has no ledger tables", though
    every other table of the ledger is there: it is refused as the backup missing tables it is, naming the table."""
    ledger_path, backup, config = site
    partial = edited_copy(backup, tmp_path / "partial.sqlite", "PRAGMA foreign_keys = OFF", "DROP TABLE versions")
    before = digest(ledger_path)

    code, output = restore(config, partial, "--lang", "en")

    said = " ".join(output.split())
    assert code == 1, said
    assert "partial.sqlite" in said and "lacks ledger tables: versions." in said, said
    assert digest(ledger_path) == before and not list(ledger_path.parent.glob("ledger.sqlite.replaced-*"))


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("sr-Latn", "SQL okidače ili prikaze, kojih evidencija apmon-a nema: runs_wipe_versions."),
        ("sr-Cyrl", "SQL окидаче или приказе, којих евиденција apmon-а нема: runs_wipe_versions."),
        ("en", "SQL triggers or views that apmon's ledger never has: runs_wipe_versions."),
    ],
)
def test_a_backup_holding_a_trigger_is_refused_and_nothing_changes(
    site: tuple[Path, Path, Path], tmp_path: Path, lang: str, said: str
) -> None:
    """apmon's ledger has no SQL trigger or view. A backup that carries one (here: every version deleted as a run
    starts) was restored, the trigger to run on the ledger's next write. It is refused, naming what it carries."""
    ledger_path, backup, config = site
    wipe = "CREATE TRIGGER runs_wipe_versions AFTER INSERT ON runs BEGIN DELETE FROM versions; END"
    rigged = edited_copy(backup, tmp_path / "rigged.sqlite", wipe)
    before = digest(ledger_path)

    code, output = restore(config, rigged, "--lang", lang)

    shown = " ".join(output.split())
    assert code == 1, shown
    assert "rigged.sqlite" in shown and said in shown, shown
    assert digest(ledger_path) == before and not list(ledger_path.parent.glob("ledger.sqlite.replaced-*"))


@pytest.mark.parametrize(
    ("lang", "advice"),
    [
        ("sr-Latn", "Obrišite je kada proverite vraćenu evidenciju"),
        ("sr-Cyrl", "Обришите је када проверите враћену евиденцију"),
        ("en", "Delete it once you have checked the restored ledger"),
    ],
)
def test_a_restore_says_to_delete_the_replaced_ledger_which_holds_personal_data_not_purged(
    site: tuple[Path, Path, Path], lang: str, advice: str
) -> None:
    """The replaced ledger kept beside the restored one holds the reports refused for personal data that were not
    purged yet, and no purge ever reaches it: the restore said where it was kept, not that it must not stay (the
    backup's own message says to keep a backup no longer than `personal_data_days`)."""
    _ledger_path, backup, config = site
    code, output = restore(config, backup, "--lang", lang)
    said = " ".join(output.split())
    assert code == 0, said
    assert advice in said and "personal_data_days" in said, said
