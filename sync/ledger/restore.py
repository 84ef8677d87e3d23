"""Putting a backup of a SQLite ledger back in place (`apmon ledger restore`): the backup checked to be a ledger this
apmon knows, the ledger it replaces kept beside it, and the backup written into the ledger file itself under an
exclusive lock, so that no process is left with the replaced file and no `-wal` of it is applied to the restored one
(which would silently mix two ledgers)."""

from __future__ import annotations

import datetime as dt
import os
import secrets
import shutil
import signal
import sqlite3
import threading
from collections.abc import Callable
from contextlib import ExitStack, closing, suppress
from dataclasses import dataclass
from pathlib import Path
from types import FrameType

from sqlalchemy import make_url
from sqlalchemy.exc import ArgumentError

from apmon.schemas.said import os_reason
from apmon.sync.ledger.database import driver_reason, make_engine, shown_url, sqlite_file, sqlite_read_only
from apmon.sync.ledger.lock import SyncLock
from apmon.sync.ledger.schema import LedgerBusy, LedgerError, versions_table
from apmon.sync.ledger.store import ALEMBIC_VERSION_TABLE, HEAD_REVISION, MIGRATIONS
from apmon.templates.plan_file import create_owner_only, fsync_folder

# How long a process holding the ledger open (the add-in server between two requests) may keep it from us before
# the restore is refused: a request's transaction lasts well under this.
OPEN_ELSEWHERE_WAIT_S = 2.0


@dataclass(frozen=True)
class Restored:
    """What `restore` did, or with `dry_run` would do."""

    ledger: Path
    backup: Path
    revision: str  # the backup's schema revision (an older one is upgraded by the next command that opens it)
    versions: int  # report versions the backup holds
    kept: Path | None  # where the replaced ledger is kept; None when there was no ledger to replace
    dry_run: bool


class CtrlCHeld:
    """Ctrl+C held from the moment the backup goes into the ledger (`hold`) until the caller has said the outcome
    (the end of its `with`), each one counted in `pressed` for the caller to say that the restore was finished all
    the same. SQLite's backup cannot be stopped part way, and a KeyboardInterrupt raised as it returns, or a moment
    after (the copy of the backup removed, the lock released), read as "stopped, nothing changed" of a restored
    ledger. A process started with Ctrl+C ignored (in the background) keeps ignoring it; only the main thread
    receives signals."""

    def __init__(self) -> None:
        self.pressed = 0
        self._previous: Callable[[int, FrameType | None], object] | int | None = None
        self._held = False

    def __enter__(self) -> CtrlCHeld:
        return self

    def hold(self) -> None:
        if self._held or threading.current_thread() is not threading.main_thread():
            return
        self._previous, self._held = signal.getsignal(signal.SIGINT), True
        if self._previous is not signal.SIG_IGN:
            signal.signal(signal.SIGINT, self._noted)

    def let_go(self) -> None:
        if self._held:
            signal.signal(signal.SIGINT, self._previous)
            self._held = False

    def _noted(self, number: int, frame: FrameType | None) -> None:
        self.pressed += 1

    def __exit__(self, *_: object) -> None:
        self.let_go()


def restore(
    url: str,
    backup: Path,
    now: dt.datetime,
    dry_run: bool = False,
    wait_s: float = 0,
    waiting: Callable[[LedgerBusy], object] = lambda busy: None,
    ctrl_c: CtrlCHeld | None = None,
) -> Restored:
    """Put the SQLite ledger at `url` back to `backup` (a file `apmon ledger backup` made). Under the sync lock: while a
    run holds it, `waiting` is told and the lock waited for up to `wait_s` seconds (LedgerBusy after; Ctrl+C stops the
    wait, with nothing changed). The current ledger is first saved whole (with its -wal content) as
    `<ledger>.replaced-<UTC time>`, 0600. LedgerError for a PostgreSQL ledger, a backup that is not a ledger this
    apmon knows, a ledger another process holds open; then nothing has changed. Ctrl+C is held by `ctrl_c` from the
    moment the backup goes into the ledger (the caller ends its hold once the outcome is said); without it, until
    the return."""
    shown = shown_url(url)
    try:
        parsed = make_url(url)
    except (ArgumentError, ValueError) as exc:  # as Ledger.open says it (ValueError: a port that is no number)
        raise LedgerError("ledger_error.not_a_url", url=repr(shown)) from exc
    if parsed.get_backend_name() != "sqlite":
        raise LedgerError("ledger_error.restore_server", url=shown)
    if (ledger := sqlite_file(parsed)) is None:
        raise LedgerError("ledger_error.restore_no_file", url=shown)
    if sqlite_read_only(parsed):  # the configuration says the ledger is not to be written: nor replaced
        raise LedgerError("ledger_error.restore_read_only", url=shown)
    if not backup.is_file():
        raise LedgerError("ledger_error.restore_missing", path=backup)
    kept = ledger.with_name(f"{ledger.name}.replaced-{now.astimezone(dt.UTC):%Y%m%d-%H%M%S}")
    revision, versions = checked_backup(backup, backup)  # a file refused leaves no trace, not even the lock file
    if dry_run:
        return Restored(ledger, backup, revision, versions, kept if ledger.exists() else None, dry_run=True)
    ledger.parent.mkdir(parents=True, exist_ok=True)
    lock = SyncLock(make_engine(url), url)
    try:
        with ExitStack() as held:
            if ctrl_c is None:
                ctrl_c = held.enter_context(CtrlCHeld())
            try:
                held.enter_context(lock.lock())
            except LedgerBusy as busy:
                if wait_s <= 0:
                    raise
                waiting(busy)  # as `apmon sync run` waits for another run (wait_for_lock), within a bound
                held.enter_context(lock.lock(wait=True, timeout=wait_s))
            return _restore_locked(ledger, backup, kept, shown, ctrl_c)
    finally:
        lock.close()


def _restore_locked(ledger: Path, backup: Path, kept: Path, shown: str, ctrl_c: CtrlCHeld) -> Restored:
    # The backup copied beside the ledger under a hidden name first, and that copy checked: what is checked is what
    # goes in place.
    copy = ledger.with_name(f".{ledger.name}.{secrets.token_hex(4)}.restoring")
    # What a restore killed part way left (each as large as a ledger): no other restore runs under the lock.
    _remove(*ledger.parent.glob(f".{ledger.name}.*.restoring"), *ledger.parent.glob(f".{ledger.name}.*.keeping*"))
    try:
        try:
            create_owner_only(copy)
            shutil.copyfile(backup, copy)
        except OSError as exc:
            raise LedgerError("ledger_error.restore_failed", path=ledger, reason=os_reason(exc)) from exc
        revision, versions = checked_backup(copy, backup)
        if not ledger.exists():
            ctrl_c.hold()  # the ledger is made at once, whole
            with suppress(FileExistsError):  # else a command made a new ledger meanwhile: it is replaced as any
                _first_ledger(copy, ledger)
                return Restored(ledger, backup, revision, versions, None, dry_run=False)
            ctrl_c.let_go()  # and Ctrl+C stops that until its write-in
        saved = _restore_into(ledger, copy, kept, shown, ctrl_c)
        return Restored(ledger, backup, revision, versions, saved, dry_run=False)
    finally:
        copy.unlink(missing_ok=True)


def _first_ledger(copy: Path, ledger: Path) -> None:
    """Where there is no ledger, the checked copy given its name, never over one a command makes meanwhile."""
    try:
        try:
            os.link(copy, ledger)
        except FileExistsError:
            raise
        except OSError:  # a file system without hard links (FAT, some shares): a rename while there is none
            if ledger.exists():
                raise FileExistsError(ledger) from None
            os.replace(copy, ledger)
    except FileExistsError:
        raise
    except OSError as exc:
        raise LedgerError("ledger_error.restore_failed", path=ledger, reason=os_reason(exc)) from exc


def _restore_into(ledger: Path, copy: Path, kept: Path, shown: str, ctrl_c: CtrlCHeld) -> Path:
    """The ledger saved whole at `kept`, then the checked `copy` written into the ledger file itself with SQLite's
    backup (one transaction: whole or not at all), while an exclusive lock shows that no other process (`apmon serve`)
    has it open; that lock is held until the restore is done. The ledger keeps its file: a process that opens it
    meanwhile waits for the lock and then reads the restored ledger. Replacing the file instead (os.replace) left a
    moment after the lock in which a process could open the old file and go on writing into it, unseen. Ctrl+C is
    held (`ctrl_c`) from the write-in on; before it, it stops the restore, the ledger as it was."""
    current = sqlite3.connect(ledger, timeout=OPEN_ELSEWHERE_WAIT_S, isolation_level=None)
    try:
        try:
            # In exclusive locking mode the lock taken stays held after COMMIT, so what follows runs under it; an
            # idle connection of another process to a WAL ledger keeps a shared lock, and this waits, then fails.
            current.execute("PRAGMA locking_mode = EXCLUSIVE")
            current.execute("BEGIN EXCLUSIVE")
            current.execute("COMMIT")
        except sqlite3.OperationalError as exc:
            if "locked" in str(exc) or "busy" in str(exc):
                raise LedgerError("ledger_error.restore_open", url=shown) from exc
            raise LedgerError("ledger_error.restore_failed", path=ledger, reason=driver_reason(exc)) from exc
        except sqlite3.DatabaseError:  # "file is not a database": the damaged ledger being restored, kept as it is
            current.close()
            return _replace_damaged(ledger, copy, kept, ctrl_c)
        # The kept copy made under a hidden name and given its own once whole: one cut short (killed, a full disk)
        # never holds the name of the replaced ledger.
        keeping = ledger.with_name(f".{ledger.name}.{secrets.token_hex(4)}.keeping")
        try:
            create_owner_only(keeping)
            with closing(sqlite3.connect(keeping)) as target:
                current.backup(target)
            os.replace(keeping, kept)
            fsync_folder(ledger.parent)  # SQLite synced its content; its name too, before the ledger is touched
            ctrl_c.hold()
            with closing(sqlite3.connect(f"{copy.resolve().as_uri()}?mode=ro&immutable=1", uri=True)) as source:
                if _page_size(source) != _page_size(current):
                    # SQLite copies no page of another size into a file in WAL mode (SQLITE_READONLY): the ledger
                    # goes out of it for this copy (its -wal moved in first), under the rollback journal, which is
                    # as whole; the next command opens it in WAL mode again.
                    current.execute("PRAGMA journal_mode = DELETE")
                source.backup(current)
        except (OSError, sqlite3.Error) as exc:
            _remove(keeping, kept)
            raise LedgerError("ledger_error.restore_failed", path=ledger, reason=_reason(exc)) from exc
        except BaseException:  # Ctrl+C before the backup is written in: the ledger as it was
            _remove(keeping, kept)
            raise
    finally:
        current.close()  # the last connection: SQLite moves the -wal into the file and removes it
    return kept


def _page_size(db: sqlite3.Connection) -> int:
    return int(db.execute("PRAGMA page_size").fetchone()[0])


def _remove(*paths: Path) -> None:
    for path in paths:
        with suppress(OSError):
            path.unlink(missing_ok=True)


def _replace_damaged(ledger: Path, copy: Path, kept: Path, ctrl_c: CtrlCHeld) -> Path:
    """A ledger SQLite cannot read, copied byte for byte to `kept` (0600) and replaced by the checked copy: no
    process can be using it. Its -wal and -shm go first: SQLite would apply them to the restored ledger. The copy is
    made under a hidden name and given its own once whole, as `_restore_into` makes it."""
    keeping = ledger.with_name(f".{ledger.name}.{secrets.token_hex(4)}.keeping")
    try:
        create_owner_only(keeping)
        shutil.copyfile(ledger, keeping)
        os.replace(keeping, kept)
    except OSError as exc:
        _remove(keeping)
        raise LedgerError("ledger_error.restore_failed", path=ledger, reason=os_reason(exc)) from exc
    except BaseException:  # Ctrl+C: the ledger as it was, and no copy of it cut short left beside it
        _remove(keeping)
        raise
    ctrl_c.hold()  # from here the damaged ledger is being replaced
    try:
        for left in (Path(f"{ledger}-wal"), Path(f"{ledger}-shm")):
            left.unlink(missing_ok=True)
        os.replace(copy, ledger)
    except OSError as exc:
        raise LedgerError("ledger_error.restore_failed", path=ledger, reason=os_reason(exc)) from exc
    return kept


def checked_backup(path: Path, shown: Path) -> tuple[str, int]:
    """The schema revision and number of report versions of the ledger file at `path` (named `shown` in messages),
    read without writing to it; LedgerError when it is not a whole ledger of a revision this apmon knows."""
    uri = f"{path.resolve().as_uri()}?mode=ro&immutable=1"  # immutable: no -wal or -shm read or made beside it
    try:
        with closing(sqlite3.connect(uri, uri=True)) as conn:
            checked = [row[0] for row in conn.execute("PRAGMA quick_check")]
            if checked != ["ok"]:
                raise LedgerError("ledger_error.restore_damaged", path=shown, reason="; ".join(map(str, checked[:3])))
            tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if ALEMBIC_VERSION_TABLE not in tables:
                raise LedgerError("ledger_error.restore_not_ledger", path=shown)
            revision = str(conn.execute(f"SELECT version_num FROM {ALEMBIC_VERSION_TABLE}").fetchone()[0])
            # another program's Alembic database has no versions table and a revision apmon never had; a ledger
            # that lost it is said to lack it, below
            if versions_table.name not in tables and revision not in known_revisions():
                raise LedgerError("ledger_error.restore_not_ledger", path=shown)
            # apmon's schema has none: a trigger would run on the ledger's writes (deleting or changing records)
            code = [row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type IN ('trigger', 'view')")]
            if code:
                raise LedgerError("ledger_error.restore_code", path=shown, names=", ".join(sorted(code)))
            versions = 0
            if versions_table.name in tables:
                versions = int(conn.execute(f"SELECT count(*) FROM {versions_table.name}").fetchone()[0])
    except sqlite3.DatabaseError as exc:  # "file is not a database", "database disk image is malformed"
        raise LedgerError("ledger_error.restore_damaged", path=shown, reason=driver_reason(exc)) from exc
    except TypeError as exc:  # an alembic_version table with no row
        raise LedgerError("ledger_error.restore_not_ledger", path=shown) from exc
    if revision not in known_revisions():
        raise LedgerError("ledger_error.restore_newer", path=shown, revision=revision, ours=HEAD_REVISION)
    if missing := sorted(tables_at(revision) - tables):  # restored, every command after it would fail
        raise LedgerError("ledger_error.restore_incomplete", path=shown, revision=revision, tables=", ".join(missing))
    return revision, versions


def tables_at(revision: str) -> set[str]:
    """The tables a ledger of schema `revision` has: this apmon's migrations up to it, run on an empty SQLite
    database in memory."""
    from alembic import command
    from alembic.config import Config as AlembicConfig
    from sqlalchemy import create_engine, inspect

    engine = create_engine("sqlite://")
    try:
        with engine.begin() as conn:
            config = AlembicConfig()
            config.set_main_option("script_location", str(MIGRATIONS).replace("%", "%%"))  # ConfigParser syntax
            config.attributes["connection"] = conn
            command.upgrade(config, revision)
            return set(inspect(conn).get_table_names())
    finally:
        engine.dispose()


def known_revisions() -> list[str]:
    """Every schema revision this apmon's migrations know, oldest first."""
    from alembic.config import Config as AlembicConfig
    from alembic.script import ScriptDirectory

    config = AlembicConfig()
    config.set_main_option("script_location", str(MIGRATIONS).replace("%", "%%"))
    return [script.revision for script in reversed(list(ScriptDirectory.from_config(config).walk_revisions()))]


def _reason(exc: BaseException) -> object:
    return os_reason(exc) if isinstance(exc, OSError) else driver_reason(exc)
