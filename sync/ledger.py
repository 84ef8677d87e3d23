"""The ledger: every item seen at a source, every distinct version fetched, every sync run, add-in tokens.

SQLAlchemy Core over SQLite (the default, one file) or PostgreSQL. The schema is created and upgraded by
Alembic (`sync/migrations`); `Ledger.open` runs the migrations, so a fresh file needs no separate step.
Nothing is ever deleted: a file that disappears at its source is only flagged (`missing_since`). The one
exception is personal data: the content of a version refused for it is purged after a while
(`purge_personal_data`), and the record that it came in stays.

All datetimes are timezone-aware UTC in and out. Keep a SQLite ledger on a local disk: WAL mode is not safe
on a network share (the institutions' shared folder is a source, not a place for the ledger).
"""

from __future__ import annotations

import datetime as dt
import errno
import json
import os
import re
import socket
import sys
import threading
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any, Literal, NamedTuple, TypeVar

from alembic import command
from alembic.config import Config as AlembicConfig
from alembic.runtime.migration import MigrationContext
from alembic.util import CommandError
from pydantic import BaseModel, ConfigDict
from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Connection,
    Date,
    DateTime,
    Dialect,
    Engine,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    RowMapping,
    String,
    Table,
    Text,
    TypeDecorator,
    UniqueConstraint,
    bindparam,
    create_engine,
    event,
    exists,
    func,
    make_url,
    or_,
    select,
    text,
)
from sqlalchemy.engine import URL
from sqlalchemy.exc import (
    ArgumentError,
    DBAPIError,
    IntegrityError,
    NoSuchModuleError,
    OperationalError,
    StatementError,
)

from schemas.calendar import ReportKind
from schemas.personal_data import mask_all

MIGRATIONS = Path(__file__).parent / "migrations"
HEAD_REVISION = "0003"  # the newest migration's revision: a new migration moves it (a test checks)
INTERRUPTED = "interrupted: the run stopped before it finished (killed, crashed or shut down)"
PERSONAL_DATA_CODE = "personal-data"  # the issue code of a version refused for personal data

Trigger = Literal["cli", "schedule", "addin", "demo"]
RawKind = Literal["xlsx", "google-values"]
Role = Literal["institution", "coordinator"]
COORDINATOR = "COORDINATOR"

# Fixed key of the PostgreSQL advisory lock ("apmon" in ASCII); the migration lock uses the next one.
ADVISORY_LOCK_KEY = 0x61706D6F6E
MIGRATION_LOCK_KEY = ADVISORY_LOCK_KEY + 1

SQLITE_BUSY_TIMEOUT_MS = 30_000
POSTGRES_CONNECT_TIMEOUT_S = 10
_POLL_S = 0.2
_WINDOWS_LOCK_OFFSET = 4096  # the locked byte sits past the holder note, which others must still read
_SHA256 = re.compile(r"^[0-9a-f]{64}$")
_OLDEST = dt.datetime.min.replace(tzinfo=dt.UTC)


class LedgerError(Exception):
    """The ledger database cannot be opened or used; the message says what to do."""


class PurgedError(LedgerError):
    """The content of a version was purged (personal data); its record remains."""


class LedgerBusy(LedgerError):
    """Another sync run holds the ledger lock."""


class UTCDateTime(TypeDecorator[dt.datetime]):
    """Aware UTC datetimes in and out: timestamptz on PostgreSQL, naive UTC text on SQLite (which has no zones)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value}: pass a timezone-aware datetime (UTC)")
        value = value.astimezone(dt.UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


metadata = MetaData()

items_table = Table(
    "items",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("source", Text, nullable=False),
    Column("key", Text, nullable=False),
    Column("size", BigInteger),
    Column("modified", UTCDateTime),
    Column("content_hash", String(64)),
    Column("first_seen", UTCDateTime, nullable=False),
    Column("last_seen", UTCDateTime, nullable=False),
    Column("missing_since", UTCDateTime),
    UniqueConstraint("source", "key", name="uq_items_source_key"),
)

versions_table = Table(
    "versions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("item_id", Integer, ForeignKey("items.id", name="fk_versions_item_id_items"), nullable=False),
    Column("content_hash", String(64), nullable=False),
    Column("raw", LargeBinary, nullable=False),  # empty once purged (raw_purged_at): see purge_personal_data
    Column("raw_kind", String(20), nullable=False),
    Column("file_name", Text, nullable=False),
    Column("received_at", UTCDateTime, nullable=False),
    Column("source_modified", UTCDateTime),
    Column("readable", Boolean, nullable=False),
    Column("valid", Boolean, nullable=False),
    Column("institution", String(40)),
    Column("period", String(10)),
    Column("kind", String(20)),
    Column("due", Date),
    Column("on_time", Boolean),
    Column("days_late", Integer),
    Column("issues", Text, nullable=False),
    Column("report", Text),
    Column("raw_purged_at", UTCDateTime),
    UniqueConstraint("content_hash", name="uq_versions_content_hash"),
    Index("ix_versions_institution_period", "institution", "period"),
    Index("ix_versions_item_id", "item_id"),
)

# Every time a version came in, including content the ledger already held (a file restored, a Google Sheet
# edited back): which version is newest is decided by its latest arrival.
arrivals_table = Table(
    "arrivals",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("version_id", Integer, ForeignKey("versions.id", name="fk_arrivals_version_id_versions"), nullable=False),
    Column("item_id", Integer, ForeignKey("items.id", name="fk_arrivals_item_id_items"), nullable=False),
    Column("file_name", Text, nullable=False),  # the name it came under (a file renamed or copied keeps its content)
    Column("received_at", UTCDateTime, nullable=False),
    Column("source_modified", UTCDateTime),
    # The add-in token that submitted it (its id, never the secret); empty for what the sync fetched.
    Column("token_id", Integer, ForeignKey("tokens.id", name="fk_arrivals_token_id_tokens")),
    Index("ix_arrivals_version_id", "version_id"),
)

runs_table = Table(
    "runs",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("started_at", UTCDateTime, nullable=False),
    Column("finished_at", UTCDateTime),
    Column("trigger", String(20), nullable=False),
    Column("files_seen", Integer, nullable=False),
    Column("files_changed", Integer, nullable=False),
    Column("versions_added", Integer, nullable=False),
    Column("errors", Text, nullable=False),
    Column("master_written_at", UTCDateTime),
    # What the master was written from (a hash of the consolidation's settings, its date and language among
    # them, and the plan): when it no longer matches, the master is written again though no report changed.
    Column("master_basis", String(64)),
)

tokens_table = Table(
    "tokens",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("institution", String(40), nullable=False),
    Column("role", String(20), nullable=False),
    Column("token_hash", String(64), nullable=False),
    Column("label", Text, nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("revoked_at", UTCDateTime),
    UniqueConstraint("token_hash", name="uq_tokens_token_hash"),
)


class ItemRow(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: int
    source: str
    key: str
    size: int | None
    modified: dt.datetime | None
    content_hash: str | None
    first_seen: dt.datetime
    last_seen: dt.datetime
    missing_since: dt.datetime | None


class ItemState(NamedTuple):
    """What tells whether an item changed since it was last fetched."""

    size: int | None
    modified: dt.datetime | None
    content_hash: str | None


class VersionRow(BaseModel):
    """A stored version without its bytes (`Ledger.raw(id)` reads them)."""

    model_config = ConfigDict(frozen=True)

    id: int
    item_id: int
    content_hash: str
    raw_kind: RawKind
    file_name: str
    received_at: dt.datetime
    source_modified: dt.datetime | None
    readable: bool
    valid: bool
    institution: str | None
    period: str | None
    kind: ReportKind | None
    due: dt.date | None
    on_time: bool | None
    days_late: int | None
    issues: list[dict[str, Any]]
    report_json: str | None  # the parsed report as stored: decoded by whoever needs it (Report.model_validate_json)
    raw_purged_at: dt.datetime | None = None  # its bytes and report were purged then (personal data)


@dataclass(frozen=True)
class VersionData:
    """One fetched version as `Ledger.record` stores it; `issues` and `report` are JSON text."""

    content_hash: str
    raw: bytes
    raw_kind: RawKind
    file_name: str
    received_at: dt.datetime
    source_modified: dt.datetime | None
    readable: bool
    valid: bool
    institution: str | None
    period: str | None
    kind: ReportKind | None
    due: dt.date | None
    on_time: bool | None
    days_late: int | None
    issues: str
    report: str | None

    def columns(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


@dataclass(frozen=True)
class Arrival:
    """A version fetched from the item `key` of `source`, with the item's size and modified time as seen."""

    source: str
    key: str
    size: int | None
    modified: dt.datetime | None
    version: VersionData
    token_id: int | None = None  # the add-in token that submitted it


class ArrivalRow(BaseModel):
    """One time a version came in: when, under which name, and through which add-in token, if any."""

    model_config = ConfigDict(frozen=True)

    id: int
    version_id: int
    file_name: str
    received_at: dt.datetime
    token_id: int | None
    token_label: str | None
    token_institution: str | None


class RunRow(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: int
    started_at: dt.datetime
    finished_at: dt.datetime | None
    trigger: Trigger
    files_seen: int
    files_changed: int
    versions_added: int
    errors: list[str]
    master_written_at: dt.datetime | None
    master_basis: str | None = None


class TokenRow(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: int
    institution: str
    role: Role
    token_hash: str
    label: str
    created_at: dt.datetime
    revoked_at: dt.datetime | None


# Every column but the bytes: listings never load file contents.
_VERSION_COLUMNS = [c for c in versions_table.c if c.name != "raw"]


def sqlite_url(path: Path | str) -> str:
    return f"sqlite:///{Path(path)}"


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
    return create_engine(parsed, connect_args=connect_args, pool_pre_ping=True)


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


class Ledger:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    @classmethod
    def open(cls, url: str) -> Ledger:
        """Connect to `url` (sqlite:///path/ledger.sqlite or postgresql+psycopg://...) and migrate to the latest
        schema. Raises LedgerError naming the URL (password masked) when that fails."""
        try:
            parsed = make_url(url)
        except ArgumentError as exc:
            shown = _mask_password(url)
            raise LedgerError(
                f"{shown!r} is not a database URL; write sqlite:///path/to/ledger.sqlite "
                "or postgresql+psycopg://user:password@host:5432/database"
            ) from exc
        shown = parsed.render_as_string(hide_password=True)
        if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
            folder = Path(str(parsed.database)).parent
            try:
                folder.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                reason = "a file of that name is in the way" if folder.is_file() else exc.strerror or str(exc)
                raise LedgerError(
                    f"cannot create the folder {folder} for the ledger {shown}: {reason}; "
                    "choose a folder you can write to, or set another ledger URL"
                ) from exc
        try:
            engine = make_engine(parsed)
        except (NoSuchModuleError, ImportError) as exc:
            raise LedgerError(
                f"cannot use the ledger {shown}: no database driver for {parsed.drivername!r}; "
                "use sqlite:///... or postgresql+psycopg://... (pip install 'apmon[postgres]')"
            ) from exc
        ledger = cls(engine)
        try:
            ledger.migrate()
        except CommandError as exc:  # the database is at a revision this code does not know
            engine.dispose()
            raise LedgerError(
                f"the ledger {shown} was upgraded by a newer apmon ({_first_line(exc)}); "
                "upgrade apmon on this machine to use it"
            ) from exc
        except DBAPIError as exc:  # connection failures are LedgerErrors already; this is e.g. no CREATE right
            engine.dispose()
            raise LedgerError(
                f"cannot create or upgrade the tables of the ledger {shown}: {_first_line(exc.orig or exc)}; "
                "check that this database user may create tables there"
            ) from exc
        except BaseException:
            engine.dispose()
            raise
        return ledger

    def close(self) -> None:
        self.engine.dispose()

    @property
    def shown_url(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)

    def migrate(self) -> None:
        """Upgrade the schema to the newest revision (Alembic `upgrade head`); a no-op when already there."""
        with self._tx() as conn:
            if MigrationContext.configure(conn).get_current_revision() == HEAD_REVISION:
                return  # the usual case, told without loading the migration scripts (a few ms each run)
        config = AlembicConfig()
        config.set_main_option("script_location", str(MIGRATIONS).replace("%", "%%"))  # ConfigParser syntax
        with self._tx() as conn:
            config.attributes["connection"] = conn
            command.upgrade(config, "head")

    @contextmanager
    def _tx(self) -> Iterator[Connection]:
        """One transaction; a database that fails under us (gone, locked, full) becomes a LedgerError."""
        try:
            with self.engine.begin() as conn:
                yield conn
        except OperationalError as exc:
            raise LedgerError(self._failure_message(exc)) from exc
        except StatementError as exc:
            if isinstance(exc.orig, ValueError) and not isinstance(exc, DBAPIError):
                raise ValueError(str(exc.orig)) from exc  # our own check of a value (a naive datetime)
            raise

    def _failure_message(self, exc: OperationalError) -> str:
        reason = _first_line(exc.orig if exc.orig is not None else exc)
        password = self.engine.url.password
        if password:
            reason = reason.replace(str(password), "***")
        if self.engine.dialect.name == "sqlite":
            return (
                f"cannot use the ledger {self.shown_url}: {reason}; "
                "check that its folder exists and you can write to it, or set another ledger URL"
            )
        return (
            f"cannot use the ledger {self.shown_url}: {reason}; "
            "check that the database server is running and that host, port, database, user and password are right"
        )

    # -- items -------------------------------------------------------------------------------------------

    def get_item(self, source: str, key: str) -> ItemRow | None:
        with self._tx() as conn:
            row = conn.execute(select(items_table).where(_item_is(source, key))).mappings().first()
        return ItemRow.model_validate(dict(row)) if row else None

    def touch_item(
        self,
        source: str,
        key: str,
        *,
        size: int | None,
        modified: dt.datetime | None,
        content_hash: str | None,
        seen_at: dt.datetime,
    ) -> ItemRow:
        """Record that `key` was seen at `source` now (insert or update); a reappearing item is no longer missing."""
        if content_hash is not None:
            _check_sha256(content_hash, "content_hash")
        values = {
            "size": size,
            "modified": modified,
            "content_hash": content_hash,
            "last_seen": seen_at,
            "missing_since": None,
        }
        try:
            with self._tx() as conn:
                _upsert_item(conn, source, key, seen_at, values)
        except IntegrityError:
            # Another writer inserted the same item between our update and insert: now the update finds it.
            with self._tx() as conn:
                _upsert_item(conn, source, key, seen_at, values)
        item = self.get_item(source, key)
        assert item is not None
        return item

    def seen(self, source: str, keys: Iterable[str], seen_at: dt.datetime) -> None:
        """Record in one statement that unchanged items were seen again (last_seen; no longer missing)."""
        wanted = list(keys)
        if not wanted:
            return
        i = items_table.c
        with self._tx() as conn:
            for chunk in _chunks(wanted):
                conn.execute(
                    items_table.update()
                    .where(i.source == source, i.key.in_(chunk))
                    .values(last_seen=seen_at, missing_since=None)
                )

    def mark_missing(self, source: str, present_keys: set[str], seen_at: dt.datetime) -> list[ItemRow]:
        """Flag the items of `source` a scan no longer found (missing_since = seen_at unless already set).

        Returns every item of `source` not in `present_keys`, newly flagged (missing_since == seen_at) or not.
        """
        missing: list[ItemRow] = []
        i = items_table.c
        with self._tx() as conn:
            # Keys first: usually every item is still there, and whole rows are read only for those that are not.
            gone = [key for (key,) in conn.execute(select(i.key).where(i.source == source)) if key not in present_keys]
            for chunk in _chunks(gone):
                for row in conn.execute(select(items_table).where(i.source == source, i.key.in_(chunk))).mappings():
                    item = ItemRow.model_validate(dict(row))
                    if item.missing_since is None:
                        conn.execute(items_table.update().where(i.id == item.id).values(missing_since=seen_at))
                        item = item.model_copy(update={"missing_since": seen_at})
                    missing.append(item)
        return sorted(missing, key=lambda item: item.key)

    def items(self, source: str | None = None) -> list[ItemRow]:
        query = select(items_table).order_by(items_table.c.source, items_table.c.key)
        if source is not None:
            query = query.where(items_table.c.source == source)
        with self._tx() as conn:
            return [ItemRow.model_validate(dict(row)) for row in conn.execute(query).mappings()]

    def item_states(self, source: str) -> dict[str, ItemState]:
        """Each item of `source` by key, with only what a run compares with a scan: read on every run, so lighter
        than `items`."""
        i = items_table.c
        query = select(i.key, i.size, i.modified, i.content_hash).where(i.source == source)
        with self._tx() as conn:
            return {
                key: ItemState(size, modified, content_hash)
                for key, size, modified, content_hash in conn.execute(query)
            }

    # -- versions ----------------------------------------------------------------------------------------

    def record(self, arrivals: Sequence[Arrival]) -> list[tuple[int, bool]]:
        """In one transaction, for each arrival: its item was seen with this content, whose version is stored
        unless the same content already is (from any item, or an earlier arrival), and the arrival itself is
        recorded. Returns (version id, whether this arrival added it) for each, in order.

        A crash before the commit records none of them, so the next run fetches those files again.
        """
        for arrival in arrivals:
            _check_sha256(arrival.version.content_hash, "content_hash")
            if arrival.version.raw_kind not in ("xlsx", "google-values"):
                raise ValueError(f"raw_kind {arrival.version.raw_kind!r}: expected 'xlsx' or 'google-values'")
        if not arrivals:
            return []
        try:
            with self._tx() as conn:
                return _record(conn, arrivals)
        except IntegrityError:
            # Another writer inserted the same item or content meanwhile: now the retry finds theirs.
            with self._tx() as conn:
                return _record(conn, arrivals)

    def _version_rows(self, *where: Any) -> list[VersionRow]:
        with self._tx() as conn:
            rows = conn.execute(select(*_VERSION_COLUMNS).where(*where)).mappings().all()
        return [_version_row(row) for row in rows]

    def _versions_by_id(self, ids: Iterable[int]) -> list[VersionRow]:
        wanted = sorted(set(ids))
        found: list[VersionRow] = []
        for chunk in _chunks(wanted):
            found += self._version_rows(versions_table.c.id.in_(chunk))
        return found

    def _heads(self) -> list[_Head]:
        """The few columns that decide which version is newest, for every arrival of every version."""
        v, a = versions_table.c, arrivals_table.c
        query = select(
            v.id, a.item_id, a.file_name, v.institution, v.period, a.source_modified, a.received_at, a.id, v.valid
        ).join_from(arrivals_table, versions_table)
        with self._tx() as conn:
            return [_Head(*row) for row in conn.execute(query).all()]

    def _as_arrived(self, heads: Iterable[_Head]) -> list[VersionRow]:
        """The versions of `heads`, in order, each with the item and name of that arrival."""
        chosen = list(heads)
        rows = {row.id: row for row in self._versions_by_id(h.id for h in chosen)}
        return [_arrived(rows[h.id], h) for h in chosen]

    def accepted(self) -> list[VersionRow]:
        """The newest valid version of every (institution, period): a newer invalid one never replaces it."""
        return self._as_arrived(_accepted_heads(self._heads()))

    def current(self) -> tuple[list[VersionRow], list[VersionRow]]:
        """(accepted, latest) from one read; the accepted version is usually the latest too.

        accepted: as `accepted()`. latest: the newest version of every (institution, period), valid or not,
        then every unreadable version (no institution or period) that is the latest content of its item; what
        Submissions and Issues show. Each row carries the item and file name it last arrived under. A file's
        latest content is its current one whatever its modified time (a file restored from a backup); between
        files, the newest by source time wins."""
        heads = self._heads()
        accepted, latest = _accepted_heads(heads), _latest_heads(heads)
        rows = self._as_arrived([*accepted, *latest])
        return rows[: len(accepted)], rows[len(accepted) :]

    def versions(self, institution: str | None = None, period: str | None = None) -> list[VersionRow]:
        """Every stored version (optionally of one institution and/or period), oldest first."""
        where = []
        if institution is not None:
            where.append(versions_table.c.institution == institution)
        if period is not None:
            where.append(versions_table.c.period == period)
        return sorted(self._version_rows(*where), key=_version_order)

    def raw(self, version_id: int) -> bytes:
        """The bytes of a version. KeyError when there is no such version; PurgedError when they were purged."""
        v = versions_table.c
        with self._tx() as conn:
            row = conn.execute(select(v.raw, v.raw_purged_at).where(v.id == version_id)).first()
        if row is None:
            raise KeyError(f"no version {version_id} in the ledger")
        if row.raw_purged_at is not None:
            raise PurgedError(
                f"the content of version {version_id} was purged on {row.raw_purged_at:%d.%m.%Y} "
                "because it held personal data; its record and masked issues remain"
            )
        return bytes(row.raw)

    def arrivals(self, version_ids: Iterable[int]) -> list[ArrivalRow]:
        """Every arrival of these versions, oldest first, with the token that submitted it (never its secret)."""
        a, t = arrivals_table.c, tokens_table.c
        found: list[ArrivalRow] = []
        for chunk in _chunks(sorted(set(version_ids))):
            query = (
                select(
                    a.id,
                    a.version_id,
                    a.file_name,
                    a.received_at,
                    a.token_id,
                    t.label.label("token_label"),
                    t.institution.label("token_institution"),
                )
                .select_from(arrivals_table.outerjoin(tokens_table, a.token_id == t.id))
                .where(a.version_id.in_(chunk))
            )
            with self._tx() as conn:
                found += [ArrivalRow.model_validate(dict(row)) for row in conn.execute(query).mappings()]
        return sorted(found, key=lambda row: (row.received_at, row.id))

    def purge_personal_data(self, arrived_before: dt.datetime, at: dt.datetime) -> list[int]:
        """Purge the bytes and the parsed report of every version refused for personal data whose last arrival
        was before `arrived_before`; mask what its issues quote. The row stays, with `raw_purged_at` = `at`,
        so the ledger still says that such a report came in, when, from which file and what was wrong.
        Returns the ids purged, oldest first."""
        v, a = versions_table.c, arrivals_table.c
        last_arrival = (
            select(func.max(a.received_at)).where(a.version_id == v.id).correlate(versions_table).scalar_subquery()
        )
        query = select(v.id, v.issues).where(
            v.raw_purged_at.is_(None), v.issues.like(f'%"{PERSONAL_DATA_CODE}"%'), last_arrival < arrived_before
        )
        purged: list[int] = []
        with self._tx() as conn:
            for version_id, issues_json in conn.execute(query.order_by(v.id)).all():
                issues = json.loads(issues_json)
                if not any(found.get("code") == PERSONAL_DATA_CODE for found in issues):
                    continue  # the code appeared only inside some quoted text
                conn.execute(
                    versions_table.update()
                    .where(v.id == version_id)
                    .values(raw=b"", report=None, raw_purged_at=at, issues=json.dumps(_masked(issues)))
                )
                purged.append(version_id)
        if purged and self.engine.dialect.name == "sqlite":
            with self._tx() as conn:  # the log still holds the pages as they were before: empty it
                conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        return purged

    # -- runs --------------------------------------------------------------------------------------------

    def start_run(self, trigger: Trigger, started_at: dt.datetime) -> int:
        if trigger not in ("cli", "schedule", "addin", "demo"):
            raise ValueError(f"trigger {trigger!r}: expected cli, schedule, addin or demo")
        with self._tx() as conn:
            result = conn.execute(
                runs_table.insert().values(
                    started_at=started_at, trigger=trigger, files_seen=0, files_changed=0, versions_added=0, errors="[]"
                )
            )
            key = result.inserted_primary_key
            assert key is not None
            return int(key[0])

    def finish_run(
        self,
        run_id: int,
        finished_at: dt.datetime,
        *,
        files_seen: int,
        files_changed: int,
        versions_added: int,
        errors: Sequence[str],
    ) -> None:
        self._update_run(
            run_id,
            finished_at=finished_at,
            files_seen=files_seen,
            files_changed=files_changed,
            versions_added=versions_added,
            errors=json.dumps(list(errors), ensure_ascii=False),
        )

    def close_interrupted_runs(self, current: int, at: dt.datetime) -> list[RunRow]:
        """Runs other than `current` that never finished (killed, crashed, the machine went down), marked as
        interrupted at `at` and returned as they were. Call it holding the lock: no other run is going on."""
        r = runs_table.c
        with self._tx() as conn:
            rows = conn.execute(select(runs_table).where(r.finished_at.is_(None), r.id != current)).mappings().all()
            cut = [_run_row(row) for row in rows]
            for run in cut:
                errors = [*run.errors, INTERRUPTED]
                conn.execute(
                    runs_table.update().where(r.id == run.id).values(finished_at=at, errors=json.dumps(errors))
                )
        return cut

    def master_written(self, run_id: int, at: dt.datetime, basis: str | None = None) -> None:
        self._update_run(run_id, master_written_at=at, master_basis=basis)

    def master_basis(self) -> str | None:
        """The basis recorded by the last master write (None when there was none or it recorded none)."""
        r = runs_table.c
        query = select(r.master_basis).where(r.master_written_at.is_not(None)).order_by(r.id.desc()).limit(1)
        with self._tx() as conn:
            return conn.execute(query).scalar()

    def _update_run(self, run_id: int, **values: Any) -> None:
        with self._tx() as conn:
            if conn.execute(runs_table.update().where(runs_table.c.id == run_id).values(**values)).rowcount == 0:
                raise KeyError(f"no run {run_id} in the ledger")

    def last_run(self) -> RunRow | None:
        with self._tx() as conn:
            row = conn.execute(select(runs_table).order_by(runs_table.c.id.desc()).limit(1)).mappings().first()
        return _run_row(row) if row else None

    def runs(self) -> list[RunRow]:
        with self._tx() as conn:
            return [_run_row(row) for row in conn.execute(select(runs_table).order_by(runs_table.c.id)).mappings()]

    def master_stale(self) -> bool:
        """True when the master misses something the ledger holds: a version that arrived after the last master
        write (or any arrival when the master was never written), or a run that added versions and was not
        followed by any master write. So a crash between the ledger write and the master write is repaired
        by the next run, whichever run that is."""
        r, a = runs_table.c, arrivals_table.c
        last_write = select(func.max(r.master_written_at)).scalar_subquery()
        arrived_since = exists().where(or_(last_write.is_(None), a.received_at > last_write))
        last_adding = select(func.max(r.id)).where(r.versions_added > 0).scalar_subquery()
        last_written = select(func.max(r.id)).where(r.master_written_at.is_not(None)).scalar_subquery()
        with self._tx() as conn:  # one query: a run with nothing new asks it every time
            arrived, adding, written = conn.execute(select(arrived_since, last_adding, last_written)).one()
        return bool(arrived) or (adding is not None and (written is None or adding > written))

    # -- tokens ------------------------------------------------------------------------------------------

    def add_token(self, institution: str, role: Role, token_hash: str, label: str, created_at: dt.datetime) -> TokenRow:
        """Store a token's sha256 (never the token itself)."""
        _check_sha256(token_hash, "token_hash")
        if role not in ("institution", "coordinator"):
            raise ValueError(f"role {role!r}: expected 'institution' or 'coordinator'")
        with self._tx() as conn:
            conn.execute(
                tokens_table.insert().values(
                    institution=institution, role=role, token_hash=token_hash, label=label, created_at=created_at
                )
            )
            row = conn.execute(select(tokens_table).where(tokens_table.c.token_hash == token_hash)).mappings().one()
        return TokenRow.model_validate(dict(row))

    def find_token(self, token_hash: str) -> TokenRow | None:
        """The token with this hash unless it was revoked."""
        t = tokens_table.c
        with self._tx() as conn:
            row = (
                conn.execute(select(tokens_table).where(t.token_hash == token_hash, t.revoked_at.is_(None)))
                .mappings()
                .first()
            )
        return TokenRow.model_validate(dict(row)) if row else None

    def revoke_tokens(self, institution: str, at: dt.datetime) -> int:
        """Revoke every live token of `institution`; returns how many."""
        t = tokens_table.c
        with self._tx() as conn:
            result = conn.execute(
                tokens_table.update().where(t.institution == institution, t.revoked_at.is_(None)).values(revoked_at=at)
            )
            return int(result.rowcount)

    def tokens(self) -> list[TokenRow]:
        with self._tx() as conn:
            rows = conn.execute(select(tokens_table).order_by(tokens_table.c.id)).mappings()
            return [TokenRow.model_validate(dict(row)) for row in rows]

    # -- the sync lock -----------------------------------------------------------------------------------

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
        database = self.engine.url.database
        if self.engine.dialect.name != "sqlite" or database in (None, "", ":memory:"):
            yield None  # an in-memory database is private to this process: there is nobody to exclude
            return
        with _file_lock(Path(f"{database}.lock"), wait, timeout, self.shown_url) as died:
            yield died

    @contextmanager
    def _postgres_lock(self, wait: bool, timeout: float) -> Iterator[None]:
        try:
            conn = self.engine.connect().execution_options(isolation_level="AUTOCOMMIT")
        except OperationalError as exc:
            raise LedgerError(self._failure_message(exc)) from exc
        got = False
        try:
            if wait:
                try:
                    conn.execute(text(f"SET lock_timeout = {max(1, int(timeout * 1000))}"))
                    conn.execute(text("SELECT pg_advisory_lock(:key)"), {"key": ADVISORY_LOCK_KEY})
                    got = True
                except OperationalError as exc:
                    if getattr(exc.orig, "sqlstate", None) != "55P03":  # lock_not_available: the timeout expired
                        raise LedgerError(self._failure_message(exc)) from exc
                    got = False
            else:
                got = bool(conn.execute(text("SELECT pg_try_advisory_lock(:key)"), {"key": ADVISORY_LOCK_KEY}).scalar())
            if not got:
                raise LedgerBusy(_busy_message(self._postgres_holder(conn), waited=timeout if wait else None))
            # Others read the holder from pg_stat_activity (application_name is cut at 63 bytes: host last).
            note = f"apmon-sync pid={os.getpid()} at={_now_text()} host={socket.gethostname()}"
            conn.execute(text("SELECT set_config('application_name', :note, false)"), {"note": note[:63]})
            yield
        finally:
            if got:
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


class _Head(NamedTuple):
    """The columns that decide which version is newest."""

    id: int  # the version's
    item_id: int  # where it arrived
    file_name: str  # the name it arrived under
    institution: str | None
    period: str | None
    source_modified: dt.datetime | None
    received_at: dt.datetime
    arrival_id: int
    valid: bool

    @property
    def report_key(self) -> tuple[str, str] | None:
        if self.institution is None or self.period is None:
            return None
        return (self.institution, self.period)

    def order(self) -> tuple[dt.datetime, dt.datetime, int]:
        # An unknown source time (no mtime, no Drive modifiedTime) counts as oldest.
        return (self.source_modified or _OLDEST, self.received_at, self.arrival_id)


K = TypeVar("K")
T = TypeVar("T")


def _accepted_heads(heads: list[_Head]) -> list[_Head]:
    newest = _newest_by_report(heads, valid_only=True)
    return sorted(newest.values(), key=lambda h: h.report_key or ("", ""))


def _latest_heads(heads: list[_Head]) -> list[_Head]:
    latest_of_item: dict[int, _Head] = {}
    for head in heads:
        if head.item_id not in latest_of_item or head.arrival_id > latest_of_item[head.item_id].arrival_id:
            latest_of_item[head.item_id] = head
    orphans: dict[int, _Head] = {}  # by version: the same unreadable file under two names shows once
    for head in latest_of_item.values():
        if head.report_key is None:
            _keep_newest(orphans, head.id, head)
    reports = sorted(_newest_by_report(heads, valid_only=False).values(), key=lambda h: h.report_key or ("", ""))
    return [*reports, *sorted(orphans.values(), key=_Head.order)]


def _newest_by_report(heads: Iterable[_Head], *, valid_only: bool) -> dict[tuple[str, str], _Head]:
    """Per (institution, period): each item's latest arrival of it (its current content, however old the
    file's modified time), then the newest of those by source time."""
    latest: dict[tuple[int, tuple[str, str]], _Head] = {}
    for head in heads:
        if head.report_key is None or (valid_only and not head.valid):
            continue
        where = (head.item_id, head.report_key)
        if where not in latest or head.arrival_id > latest[where].arrival_id:
            latest[where] = head
    newest: dict[tuple[str, str], _Head] = {}
    for head in latest.values():
        assert head.report_key is not None
        _keep_newest(newest, head.report_key, head)
    return newest


def _keep_newest(newest: dict[K, _Head], key: K, head: _Head) -> None:
    current = newest.get(key)
    if current is None or head.order() > current.order():
        newest[key] = head


def _arrived(row: VersionRow, head: _Head) -> VersionRow:
    """The version as it arrived at `head`: with that item and file name (usually those it was stored with)."""
    if (row.item_id, row.file_name) == (head.item_id, head.file_name):
        return row
    return row.model_copy(update={"item_id": head.item_id, "file_name": head.file_name})


def _masked(value: Any) -> Any:
    """`value` (decoded issues JSON) with every text masked as messages show it."""
    if isinstance(value, str):
        return mask_all(value)
    if isinstance(value, list):
        return [_masked(v) for v in value]
    if isinstance(value, dict):
        return {k: _masked(v) for k, v in value.items()}
    return value


def _version_order(row: VersionRow) -> tuple[dt.datetime, dt.datetime, int]:
    return (row.source_modified or _OLDEST, row.received_at, row.id)


def _version_row(row: RowMapping) -> VersionRow:
    data = dict(row)
    data["issues"] = json.loads(data["issues"])
    data["report_json"] = data.pop("report")
    return VersionRow.model_validate(data)


def _run_row(row: RowMapping) -> RunRow:
    data = dict(row)
    data["errors"] = json.loads(data["errors"])
    return RunRow.model_validate(data)


def _item_is(source: str, key: str) -> Any:
    return (items_table.c.source == source) & (items_table.c.key == key)


# Built once: statements whose values come as parameters are compiled once and cached, not rebuilt per file.
# (No UPDATE ... RETURNING: SQLite before 3.35, still found on servers, does not have it.)
_UPDATE_ITEM = items_table.update().where(
    items_table.c.source == bindparam("b_source"), items_table.c.key == bindparam("b_key")
)
_UPDATE_ITEM_BY_ID = items_table.update().where(items_table.c.id == bindparam("b_id"))
_INSERT_ITEM = items_table.insert()
_INSERT_VERSION = versions_table.insert()
_INSERT_ARRIVAL = arrivals_table.insert()


def _record(conn: Connection, arrivals: Sequence[Arrival]) -> list[tuple[int, bool]]:
    """Items and versions of many arrivals in a few statements (executemany), not a few per arrival."""
    v = versions_table.c
    latest = {(a.source, a.key): a for a in arrivals}  # an item arriving twice ends as its last arrival says
    item_ids = _item_ids(conn, latest)
    known = [a for where, a in latest.items() if where in item_ids]
    if known:
        conn.execute(_UPDATE_ITEM_BY_ID, [{"b_id": item_ids[(a.source, a.key)], **_item_values(a)} for a in known])
    new = [a for where, a in latest.items() if where not in item_ids]
    if new:  # another writer inserting one of them meanwhile fails the batch, which is retried
        conn.execute(
            _INSERT_ITEM,
            [{"source": a.source, "key": a.key, "first_seen": a.version.received_at, **_item_values(a)} for a in new],
        )
        item_ids.update(_item_ids(conn, [(a.source, a.key) for a in new]))

    hashes = list(dict.fromkeys(a.version.content_hash for a in arrivals))
    stored: dict[str, int] = {}
    for chunk in _chunks(hashes):
        stored.update(
            (h, id_) for id_, h in conn.execute(select(v.id, v.content_hash).where(v.content_hash.in_(chunk)))
        )
    adding: dict[str, Arrival] = {}
    for a in arrivals:
        if a.version.content_hash not in stored:
            adding.setdefault(a.version.content_hash, a)
    if adding:
        conn.execute(
            _INSERT_VERSION,
            [{"item_id": item_ids[(a.source, a.key)], **a.version.columns()} for a in adding.values()],
        )
        for chunk in _chunks(list(adding)):
            stored.update(
                (h, id_) for id_, h in conn.execute(select(v.id, v.content_hash).where(v.content_hash.in_(chunk)))
            )
    conn.execute(
        _INSERT_ARRIVAL,
        [
            {
                "version_id": stored[a.version.content_hash],
                "item_id": item_ids[(a.source, a.key)],
                "file_name": a.version.file_name,
                "received_at": a.version.received_at,
                "source_modified": a.version.source_modified,
                "token_id": a.token_id,
            }
            for a in arrivals
        ],
    )
    return [(stored[a.version.content_hash], adding.get(a.version.content_hash) is a) for a in arrivals]


def _item_ids(conn: Connection, wanted: Iterable[tuple[str, str]]) -> dict[tuple[str, str], int]:
    """The ids of the stored items among (source, key) pairs."""
    keys_by_source: dict[str, list[str]] = {}
    for source, key in wanted:
        keys_by_source.setdefault(source, []).append(key)
    found: dict[tuple[str, str], int] = {}
    i = items_table.c
    for source, keys in keys_by_source.items():
        for chunk in _chunks(keys):
            for item_id, key in conn.execute(select(i.id, i.key).where(i.source == source, i.key.in_(chunk))):
                found[(source, key)] = item_id
    return found


def _item_values(arrival: Arrival) -> dict[str, Any]:
    return {
        "size": arrival.size,
        "modified": arrival.modified,
        "content_hash": arrival.version.content_hash,
        "last_seen": arrival.version.received_at,
        "missing_since": None,
    }


def _chunks(values: Sequence[T], size: int = 500) -> Iterator[Sequence[T]]:
    """Bounded IN lists: far below SQLite's limit on bound parameters."""
    for start in range(0, len(values), size):
        yield values[start : start + size]


def _upsert_item(conn: Connection, source: str, key: str, seen_at: dt.datetime, values: dict[str, Any]) -> None:
    """Update the item, or insert it when there is none."""
    if conn.execute(_UPDATE_ITEM, {"b_source": source, "b_key": key, **values}).rowcount == 0:
        conn.execute(_INSERT_ITEM, {"source": source, "key": key, "first_seen": seen_at, **values})


def _check_sha256(value: str, name: str) -> None:
    if not _SHA256.match(value):
        raise ValueError(f"{name} must be a lowercase sha256 hex digest, got {value[:12]!r}...")


def _mask_password(url: str) -> str:
    return re.sub(r"(://[^:/@]*:)[^@]*@", r"\1***@", url)


def _first_line(exc: BaseException) -> str:
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    return lines[0].rstrip(".") if lines else type(exc).__name__


def _now_text() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def _busy_message(holder: Mapping[str, Any], waited: float | None) -> str:
    details = []
    if holder.get("started_at"):
        details.append(f"started at {holder['started_at']}")
    if holder.get("pid"):
        details.append(f"pid {holder['pid']}" + (f" on {holder['host']}" if holder.get("host") else ""))
    who = f" ({', '.join(details)})" if details else ""
    still = f" still in progress after waiting {waited:g} s" if waited is not None else " in progress"
    return f"another sync run is{still}{who} — wait for it to finish or run again later"


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
            raise LedgerBusy(_busy_message(holder, waited=timeout if wait else None))
        time.sleep(_POLL_S)
    try:
        with _os_lock(path, wait, deadline, timeout, shown_url) as fd:
            died = _read_note(fd)  # a released lock leaves no note: one left here is a holder's that died
            os.ftruncate(fd, 0)
            os.lseek(fd, 0, os.SEEK_SET)
            os.write(fd, json.dumps(note).encode())
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
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise LedgerError(
            f"cannot create the lock file {path} of the ledger {shown_url}: {exc.strerror or exc}; "
            "check that you can write to the ledger's folder"
        ) from exc
    try:
        while not _try_lock(fd):
            if not wait or time.monotonic() >= deadline:
                raise LedgerBusy(_busy_message(_read_note(fd), waited=timeout if wait else None))
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
