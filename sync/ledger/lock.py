"""The sync lock, so two sync runs never overlap: a lock file beside a SQLite ledger, a session advisory lock
on PostgreSQL. Either dies with a crashed holder; a forked parse worker never holds it."""

from __future__ import annotations

import datetime as dt
import errno
import hashlib
import json
import os
import re
import socket
import sys
import threading
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, text
from sqlalchemy.exc import DBAPIError, OperationalError

from apmon.schemas.said import Phrase, os_reason
from apmon.sync.ledger.database import Database, sqlite_file
from apmon.sync.ledger.schema import LedgerBusy, LedgerError
from apmon.templates.plan_file import keep_to_owner

# Fixed key of the PostgreSQL advisory lock ("apmon" in ASCII); the migration lock uses the next one.
ADVISORY_LOCK_KEY = 0x61706D6F6E
MIGRATION_LOCK_KEY = ADVISORY_LOCK_KEY + 1
# The add-in's Submits (`Ledger.submit_turn`): advisory locks of two keys, this one and the institution's, a space of
# their own beside the one-key locks above ("apmo" in ASCII).
SUBMIT_LOCK_CLASS = 0x61706D6F

_POLL_S = 0.2
_WINDOWS_LOCK_OFFSET = 4096  # the locked byte sits past the holder note, which others must still read


class SyncLock(Database):
    @contextmanager
    def lock(self, wait: bool = False, timeout: float = 600) -> Iterator[dict[str, Any] | None]:
        """Hold the ledger's sync lock for the block, so two sync runs never overlap.

        SQLite: an OS lock on `<db>.lock` beside the database, which also records the holder's pid and start.
        PostgreSQL: a session advisory lock on a dedicated connection. Either dies with a crashed holder, and
        a parse worker never holds it. Yields the note of a holder that died holding the lock file (pid, host,
        start), so the run that takes it over can say so; else None.
        Busy: raise LedgerBusy at once, or with `wait` after up to `timeout` seconds.
        """
        if self.engine.dialect.name == "postgresql":
            with self._postgres_lock(wait, timeout):
                yield None
            return
        database = sqlite_file(self.engine.url)
        if database is None:
            yield None  # an in-memory database is private to this process: there is nobody to exclude
            return
        with _file_lock(database.with_name(f"{database.name}.lock"), wait, timeout, self.shown_url) as died:
            yield died
            # What the run wrote goes from the write-ahead log into the ledger file itself: a process that keeps the
            # ledger open (the add-in server) keeps the log, and a copy of the file alone would miss the run.
            self._checkpoint()

    def _checkpoint(self) -> None:
        try:
            with self.engine.connect() as conn:
                conn.exec_driver_sql("PRAGMA wal_checkpoint(PASSIVE)")  # never waits for a reader
        except DBAPIError:
            pass  # only a copy of the file alone is behind; the ledger itself is whole

    @contextmanager
    def _postgres_lock(self, wait: bool, timeout: float) -> Iterator[None]:
        try:
            conn = self.engine.connect().execution_options(isolation_level="AUTOCOMMIT")
        except OperationalError as exc:
            raise self._failure(exc) from exc
        got = lost = False
        try:
            if wait:
                try:
                    conn.execute(text(f"SET lock_timeout = {max(1, int(timeout * 1000))}"))
                    conn.execute(text("SELECT pg_advisory_lock(:key)"), {"key": ADVISORY_LOCK_KEY})
                    got = True
                except OperationalError as exc:
                    if getattr(exc.orig, "sqlstate", None) != "55P03":  # lock_not_available: the timeout expired
                        raise self._failure(exc) from exc
                    got = False
            else:
                got = bool(conn.execute(text("SELECT pg_try_advisory_lock(:key)"), {"key": ADVISORY_LOCK_KEY}).scalar())
            if not got:
                raise _busy(self._postgres_holder(conn), waited=timeout if wait else None)
            # Others read the holder from pg_stat_activity (application_name is cut at 63 bytes: host last).
            note = f"apmon-sync pid={os.getpid()} at={_now_text()} host={socket.gethostname()}"
            conn.execute(text("SELECT set_config('application_name', :note, false)"), {"note": note[:63]})
            self._lock_session = (conn, threading.get_ident())
            try:
                yield
            finally:
                lost = self._lock_session is not None and self._lock_session[0] is None
                self._lock_session = None
        finally:
            if got and not lost:  # a lost session holds nothing, and its connection cannot be used again
                # Unlocked at once: the server ends a closed session a moment later, and a run starting
                # meanwhile would find the lock still held.
                with suppress(DBAPIError):  # else the end of the session releases it
                    conn.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": ADVISORY_LOCK_KEY})
            # The session ends with the connection, and the advisory lock with it, even if unlocking fails.
            conn.invalidate()
            conn.close()

    def _postgres_holder(self, conn: Connection) -> dict[str, Any]:
        query = text(
            "SELECT a.pid, a.application_name, a.backend_start FROM pg_locks l "
            "JOIN pg_stat_activity a ON a.pid = l.pid "
            "WHERE l.locktype = 'advisory' AND l.granted AND l.classid = :hi AND l.objid = :lo AND l.objsubid = 1"
        )
        row = conn.execute(query, {"hi": ADVISORY_LOCK_KEY >> 32, "lo": ADVISORY_LOCK_KEY & 0xFFFFFFFF}).first()
        if row is None:
            return {}
        note = dict(re.findall(r"(\w+)=(\S+)", row.application_name or ""))
        if "pid" in note:
            return {"pid": note["pid"], "started_at": note.get("at"), "host": note.get("host")}
        started = row.backend_start.astimezone(dt.UTC).isoformat(timespec="seconds") if row.backend_start else None
        return {"pid": f"{row.pid} (server session)", "started_at": started}


def hold_submit_lock(conn: Connection, institution: str) -> None:
    """PostgreSQL: wait for the lock of `institution`'s Submits, held until `conn`'s transaction ends
    (`Ledger.submit_turn`). One lock for all its reports, not one a period: the day's allowance of Submit content
    (`submitted_mb_per_day`) is the institution's, so a Submit must read what another period's Submit stored."""
    key = int.from_bytes(hashlib.sha256(institution.encode()).digest()[:4], "big", signed=True)
    conn.execute(text("SELECT pg_advisory_xact_lock(:kind, :key)"), {"kind": SUBMIT_LOCK_CLASS, "key": key})


def _now_text() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def shown_start(started_at: object) -> dt.datetime | str:
    """When a lock's holder started (stored in UTC, as ISO text), as a message says a time (schemas.dates: in
    Belgrade, in the reader's words); what cannot be read as a time is shown as it is."""
    try:
        moment = dt.datetime.fromisoformat(str(started_at))
    except ValueError:
        return str(started_at)
    return moment if moment.tzinfo else str(started_at)


def _busy(holder: Mapping[str, Any], waited: float | None) -> LedgerBusy:
    """Another run holds the lock: when it started, its process and machine, as far as known."""
    who = [Phrase("ledger_error.started", when=shown_start(holder["started_at"]))] if holder.get("started_at") else []
    if holder.get("pid"):
        on = {"host": holder["host"]} if holder.get("host") else {}
        who.append(Phrase("ledger_error.process_on" if on else "ledger_error.process", pid=holder["pid"], **on))
    if not who:
        who.append(Phrase("ledger_error.unknown_holder"))
    if waited is None:
        return LedgerBusy("ledger_error.busy", who=who)
    return LedgerBusy("ledger_error.busy_waited", who=who, seconds=f"{waited:g}")


# -- the lock file (SQLite) -----------------------------------------------------------------------------------


# Lock files this process holds, with their holder notes. The OS lock is a POSIX record lock (lockf), which
# belongs to the process: a forked parse worker does not inherit it (a worker outliving a killed sync would
# otherwise block every later run), and it does not exclude this process from itself, which this map does.
_HELD: dict[str, dict[str, Any]] = {}
_HELD_GUARD = threading.Lock()


@contextmanager
def _file_lock(path: Path, wait: bool, timeout: float, shown_url: str) -> Iterator[dict[str, Any] | None]:
    """Hold the lock file; yields the note of a holder that died holding it (its run was cut short), else None."""
    key = os.path.realpath(path)
    deadline = time.monotonic() + timeout
    note = {"pid": os.getpid(), "host": socket.gethostname(), "started_at": _now_text()}
    while True:
        with _HELD_GUARD:
            holder = _HELD.setdefault(key, note)
        if holder is note:
            break
        if not wait or time.monotonic() >= deadline:
            raise _busy(holder, waited=timeout if wait else None)
        time.sleep(_POLL_S)
    try:
        with _os_lock(path, wait, deadline, timeout, shown_url) as fd:
            died = _read_note(fd)  # a released lock leaves no note: one left here is a holder's that died
            try:
                os.ftruncate(fd, 0)
                os.lseek(fd, 0, os.SEEK_SET)
                os.write(fd, json.dumps(note).encode())
            except OSError as exc:  # a full disk, a data folder gone read-only
                raise LedgerError("ledger_error.lock_file", path=path, url=shown_url, reason=os_reason(exc)) from exc
            try:
                yield died or None
            finally:
                os.ftruncate(fd, 0)  # no stale holder note once released
    finally:
        with _HELD_GUARD:
            del _HELD[key]


@contextmanager
def _os_lock(path: Path, wait: bool, deadline: float, timeout: float, shown_url: str) -> Iterator[int]:
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)  # owner-only, as the ledger beside it
    except OSError as exc:
        raise LedgerError("ledger_error.lock_file", path=path, url=shown_url, reason=os_reason(exc)) from exc
    keep_to_owner(fd)  # one an earlier apmon made under the umask
    try:
        while not _try_lock(fd):
            if not wait or time.monotonic() >= deadline:
                raise _busy(_read_note(fd), waited=timeout if wait else None)
            time.sleep(_POLL_S)
        try:
            yield fd
        finally:
            _unlock(fd)
    finally:
        os.close(fd)  # closing drops the OS lock too, as does the death of the process


def _read_note(fd: int) -> dict[str, Any]:
    """The holder note in the lock file, read through our own descriptor: opening the file again and closing
    it would drop this process's POSIX lock on it."""
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        note = json.loads(os.read(fd, _WINDOWS_LOCK_OFFSET).rstrip(b"\0") or b"{}")
    except (OSError, ValueError):
        return {}  # the holder has not written its note yet
    return note if isinstance(note, dict) else {}


if sys.platform == "win32":
    import msvcrt

    def _try_lock(fd: int) -> bool:
        os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)  # a record lock: not inherited by forked children
        except OSError as exc:
            if exc.errno in (errno.EACCES, errno.EAGAIN):
                return False
            raise
        return True

    def _unlock(fd: int) -> None:
        fcntl.lockf(fd, fcntl.LOCK_UN)
