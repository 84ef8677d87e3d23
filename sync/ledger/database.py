"""Connecting to the ledger's database: engines (SQLite or PostgreSQL) and the transaction every part of the
ledger works in, which turns a database failing under us into a LedgerError that says what to do."""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from sqlalchemy import Connection, Engine, create_engine, event, make_url
from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError, OperationalError, StatementError

from apmon.schemas.said import Phrase, phrase_of
from apmon.sync.ledger.schema import LedgerError
from apmon.templates.plan_file import open_to_others

SQLITE_BUSY_TIMEOUT_MS = 30_000
POSTGRES_CONNECT_TIMEOUT_S = 10


def sqlite_url(path: Path | str) -> str:
    return f"sqlite:///{Path(path)}"


# The password as SQLAlchemy's URL parser reads it (`name://user:password@`; the user name may hold an `@`), up to the
# last `@`: a password typed with an `@` of its own is read up to its first, and the rest shown as the host. Not
# anchored at the driver's name: a URL SQLAlchemy cannot read (`postgresql-psycopg://`) is named in the message too.
_PASSWORD = re.compile(r"(://[^:/]*:).*@")
# A query's `key=value`: libpq takes a password there too (`?password=`, `?sslpassword=`, the key maybe URL-encoded).
_QUERY_PAIR = re.compile(r"([?&])([^=&#]*)=([^&#]*)")
_PASSWORD_KEYS = frozenset({"password", "sslpassword"})


def shown_url(url: str) -> str:
    """A ledger URL as the person typed it, its password hidden: SQLAlchemy's own rendering escapes a path's letters
    and drive (`%C5%BE` for `ž`, `C%3A`), which no one recognises as the folder they typed, and shows a password
    given in the query."""
    return _QUERY_PAIR.sub(_query_pair_shown, _PASSWORD.sub(r"\1***@", url, count=1))


def _query_pair_shown(pair: re.Match[str]) -> str:
    mark, key, _ = pair.groups()
    return f"{mark}{key}=***" if unquote(key).strip().lower() in _PASSWORD_KEYS else pair[0]


# The values SQLAlchemy takes as true for `uri` (its pysqlite dialect reads the option as a bool, case ignored).
_TRUE = frozenset({"true", "yes", "on", "y", "t", "1"})
_SLASH_DRIVE = re.compile(r"/[A-Za-z]:")


def sqlite_file(url: str | URL, *, windows: bool = os.name == "nt") -> Path | None:
    """The file a SQLite ledger URL names, as SQLite opens it; None for another database or one in memory. In
    SQLAlchemy's URI form (`sqlite:///file:data/ledger.sqlite?mode=ro&uri=true`) the database is a `file:` URI,
    which SQLite reads as the path after `file:` (its `//` authority and %-escapes taken off), not as a folder; on
    Windows it takes the `/` before a drive letter off too (`file:///D:/apmon/ledger.sqlite`)."""
    parsed = make_url(url)
    database = parsed.database
    if parsed.get_backend_name() != "sqlite" or database in (None, "", ":memory:"):
        return None
    if _uri_form(parsed) and database.startswith("file:"):
        found = urlsplit(database)
        if parsed.query.get("mode") == "memory" or found.path in ("", ":memory:"):
            return None
        path = unquote(found.path)
        return Path(path[1:] if windows and _SLASH_DRIVE.match(path) else path)
    return Path(database)


def sqlite_read_only(url: str | URL) -> bool:
    """A SQLite ledger opened read-only: `mode=ro` in SQLAlchemy's URI form. Without `uri=true` SQLAlchemy ignores
    `mode` (warning) and SQLite makes and writes the file as any other."""
    parsed = make_url(url)
    return parsed.get_backend_name() == "sqlite" and _uri_form(parsed) and parsed.query.get("mode") == "ro"


def _uri_form(parsed: URL) -> bool:
    return str(parsed.query.get("uri", "")).strip().lower() in _TRUE


def make_engine(url: str | URL) -> Engine:
    """An engine for `url`; SQLite gets WAL, foreign keys and a busy timeout on every connection."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        engine = create_engine(parsed)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    connect_args: dict[str, Any] = {}
    if parsed.get_backend_name() == "postgresql" and "connect_timeout" not in parsed.query:
        connect_args["connect_timeout"] = POSTGRES_CONNECT_TIMEOUT_S  # an unreachable host fails fast
    # pre_ping: the scheduler keeps the engine for days; a server restart must not break the next run.
    engine = create_engine(parsed, connect_args=connect_args, pool_pre_ping=True)
    if parsed.get_backend_name() == "postgresql":
        event.listen(engine, "do_connect", _unsafe_password_file_unread)
    return engine


def _unsafe_password_file_unread(_dialect: Any, _record: Any, _args: Any, params: dict[str, Any]) -> None:
    """A password file libpq would refuse for its mode is not given to it to read: libpq would print an English
    warning of its own to stderr (cron's mail, the server's log) before apmon's located message (db.password_file_*).
    It is pointed instead at a path under that file, which cannot exist (ENOTDIR): libpq finds no file and is silent.
    Looked at every connection: a file put right (`chmod 600`) is read by the next one."""
    if params.get("password") or os.environ.get("PGPASSWORD"):
        return  # libpq reads no password file then
    if (unsafe := password_file_ignored(params.get("passfile"))) is not None:
        params["passfile"] = str(unsafe[0] / "not-read")


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA journal_mode = WAL")
        # In WAL mode NORMAL never corrupts the database; a power cut may lose only the last commits,
        # which the next run fetches again. FULL would fsync every one of a run's hundreds of commits.
        cursor.execute("PRAGMA synchronous = NORMAL")
        # What is purged (personal data) is overwritten on disk, not only unlinked into free pages.
        cursor.execute("PRAGMA secure_delete = ON")
    finally:
        cursor.close()


class Database:
    """An engine and its transactions: the base the ledger's parts (store, runs, tokens, lock) share."""

    def __init__(self, engine: Engine, url: str) -> None:
        self.engine = engine
        self.shown_url = shown_url(url)  # as typed, for the messages that name the ledger
        # PostgreSQL: the session holding the sync lock (None once it was lost) and the thread that took it.
        self._lock_session: tuple[Connection | None, int] | None = None

    def close(self) -> None:
        self.engine.dispose()

    @contextmanager
    def _tx(self) -> Iterator[Connection]:
        """One transaction; a database that fails under us (gone, locked, full) becomes a LedgerError."""
        self._check_lock_session()
        try:
            with self.engine.begin() as conn:
                yield conn
        except OperationalError as exc:
            raise self._failure(exc) from exc
        except StatementError as exc:
            if isinstance(exc.orig, ValueError) and not isinstance(exc, DBAPIError):
                raise ValueError(str(exc.orig)) from exc  # our own check of a value (a naive datetime)
            raise

    @contextmanager
    def _tx_autocommit(self) -> Iterator[Connection]:
        """A connection on which the driver begins no transaction: the caller says BEGIN and COMMIT."""
        self._check_lock_session()
        try:
            with self.engine.connect() as conn:
                yield conn.execution_options(isolation_level="AUTOCOMMIT")
        except OperationalError as exc:
            raise self._failure(exc) from exc

    def _check_lock_session(self) -> None:
        """In the run holding the PostgreSQL sync lock: that its session still lives. A server restarted during the
        run ends the session and the lock with it, while the pool reconnects the run's other work unseen: the run
        must stop, or a second run would start beside it."""
        held = self._lock_session
        if held is None or held[1] != threading.get_ident():
            return
        lost = LedgerError("ledger_error.lock_lost", url=self.shown_url)
        if held[0] is None:
            raise lost  # told once already: a reconnected session would not hold the lock
        try:
            held[0].exec_driver_sql("SELECT 1")
        except DBAPIError as exc:
            self._lock_session = (None, held[1])
            raise lost from exc

    def _failure(self, exc: OperationalError) -> LedgerError:
        password = self.engine.url.password
        reason = driver_reason(exc.orig if exc.orig is not None else exc, str(password) if password else None)
        server = "server" if self.engine.dialect.name != "sqlite" else "file"
        if isinstance(reason, Phrase) and reason.key == "db.full":  # what to do is free space, not check the address
            return LedgerError(f"ledger_error.full_{server}", url=self.shown_url)
        if isinstance(reason, Phrase) and reason.key == "db.read_only" and sqlite_read_only(self.engine.url):
            return LedgerError("ledger_error.read_only_url", url=self.shown_url)  # the URL says so, not the folder
        if (
            isinstance(reason, Phrase)
            and reason.key == "db.no_password"
            and (ignored := password_file_ignored(self.engine.url.query.get("passfile")))
        ):
            key = {"read": "db.password_file_open", "change": "db.password_file_writable"}.get(ignored[1])
            reason = Phrase(key or "db.password_file_rights", file=ignored[0])
        return LedgerError(f"ledger_error.unusable_{server}", url=self.shown_url, reason=reason)


# What the database driver says (libpq through psycopg, SQLite), by parts of its English that stay the same from
# one version to the next -> the catalogue's phrase for it ("db."; the operating system's "os.io")
_DRIVER_REASONS: tuple[tuple[str | tuple[str, ...], str], ...] = (
    ("Connection refused", "db.refused"),
    ("password authentication failed", "db.password"),
    ("no password supplied", "db.no_password"),
    ("could not translate host name", "db.unknown_host"),
    ("Name or service not known", "db.unknown_host"),
    ("timeout expired", "db.timeout"),
    ("no pg_hba.conf entry", "db.not_allowed"),
    (('database "', "does not exist"), "db.no_database"),
    (('role "', "does not exist"), "db.no_user"),
    ("permission denied", "db.denied"),
    ("file is not a database", "db.not_a_database"),
    ("database disk image is malformed", "db.damaged"),
    ("unable to open database file", "db.cannot_open"),
    ("attempt to write a readonly database", "db.read_only"),
    ("database is locked", "db.locked"),
    ("disk I/O error", "os.io"),
    ("terminating connection due to administrator command", "db.restarted"),
    ("server closed the connection unexpectedly", "db.restarted"),
    ("the database system is shutting down", "db.restarted"),
    ("the database system is starting up", "db.restarted"),
    ("database or disk is full", "db.full"),  # SQLite's SQLITE_FULL
    ("No space left on device", "db.full"),  # PostgreSQL's disk_full (53100)
)


def driver_reason(exc: BaseException, password: str | None = None) -> Phrase | str:
    """Why the database refused, in the reader's words where the catalogue has them, else the driver's first line
    (with the password, if any, masked)."""
    reason = phrase_of(first_line(exc), _DRIVER_REASONS)
    return reason.replace(password, "***") if isinstance(reason, str) and password else reason


def password_file_ignored(in_url: str | tuple[str, ...] | None = None) -> tuple[Path, str] | None:
    """PostgreSQL's password file (`in_url`: the URL's `passfile`, else `$PGPASSFILE`, else ~/.pgpass, as libpq
    takes them) when it is there but other accounts, the group's too, may read it, change it or otherwise use it
    (libpq refuses any of these and leaves it unread, POSIX only): the file and which ("read", "change", "use"), for a
    password put there as apmon's message says is not given."""
    named = (in_url if isinstance(in_url, str) else in_url[-1] if in_url else None) or os.environ.get("PGPASSFILE")
    path = Path(named) if named else Path.home() / ".pgpass"
    try:
        others_may = open_to_others(path, others=0o077) if path.is_file() else None
    except OSError:
        return None
    return (path, others_may) if others_may else None


def first_line(exc: BaseException) -> str:
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    return lines[0].rstrip(".") if lines else type(exc).__name__
