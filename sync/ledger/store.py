"""The Ledger: open and migrate the database; items seen at a source, the versions fetched from them and every
arrival of a version; which versions are accepted and latest (chosen by `selection`); the personal-data purge.
Runs, tokens and the sync lock are its other parts (`runs`, `tokens`, `lock`)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import secrets
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import (
    Column,
    ColumnElement,
    Connection,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Subquery,
    Table,
    and_,
    bindparam,
    func,
    inspect,
    make_url,
    or_,
    select,
    text,
)
from sqlalchemy.exc import ArgumentError, DBAPIError, IntegrityError, NoSuchModuleError
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement

from apmon.schemas.calendar import BELGRADE, submit_stamp, time_basis
from apmon.schemas.personal_data import mask_all, mask_file_name
from apmon.schemas.said import Phrase, os_reason
from apmon.sync.ledger.database import (
    Database,
    driver_reason,
    first_line,
    make_engine,
    shown_url,
    sqlite_file,
    sqlite_read_only,
)
from apmon.sync.ledger.evaluation import Evaluations
from apmon.sync.ledger.issued import IssuedReports
from apmon.sync.ledger.lock import SyncLock, hold_submit_lock
from apmon.sync.ledger.mails import Mails
from apmon.sync.ledger.people import People
from apmon.sync.ledger.runs import INTERRUPTED, Runs
from apmon.sync.ledger.schema import (
    ADDIN_SOURCE,
    Arrival,
    ArrivalRow,
    ItemRow,
    ItemState,
    LedgerError,
    MovedInside,
    PurgedError,
    ReportTiming,
    SetAside,
    SharedFile,
    SharedReport,
    VersionRow,
    arrivals_table,
    check_sha256,
    items_table,
    metadata,
    runs_table,
    tokens_table,
    versions_table,
)
from apmon.sync.ledger.selection import (
    OLDEST,
    Head,
    Stamps,
    accepted_heads,
    contested,
    honoured_stamp,
    latest_heads,
    report_timing,
    shared,
)
from apmon.sync.ledger.task_statuses import TaskStatuses
from apmon.sync.ledger.tokens import Tokens
from apmon.templates.plan_file import create_owner_only

MIGRATIONS = Path(__file__).parent.parent / "migrations"  # sync/migrations, beside this package
ALEMBIC_VERSION_TABLE = "alembic_version"  # Alembic's default: the migrations configure no other
HEAD_REVISION = "0018"  # the newest migration's revision: a new migration moves it (a test checks)
PERSONAL_DATA_CODE = "personal-data"  # the issue code of a version refused for personal data
# in a cell, in a cell's comment, in a document property, in a sheet's name, in what else Excel shows outside the
# cells (a defined name, a header or footer, a data validation, a hyperlink, a table, a shape, a chart, a SmartArt
# graphic, a form control, a slicer, a timeline, a connection or Power Query's query, an embedded document) or keeps a
# copy of (a chart's, a PivotTable's, a link's to another workbook), or in the file's name; and a picture, object,
# query or data model apmon cannot read, which may hold it
PERSONAL_DATA_CODES = (
    PERSONAL_DATA_CODE,
    "personal-data-comment",
    "personal-data-property",
    "personal-data-sheet-name",
    "personal-data-defined-name",
    "personal-data-header-footer",
    "personal-data-validation",
    "personal-data-hyperlink",
    "personal-data-table",
    "personal-data-drawing",
    "personal-data-chart",
    "personal-data-pivot-cache",
    "personal-data-external-link",
    "personal-data-smartart",
    "personal-data-form-control",
    "personal-data-slicer",
    "personal-data-connection",
    "personal-data-timeline",
    "personal-data-embedded",
    "personal-data-unreadable-picture",  # what apmon cannot read, kept as personal data is (a scanned identity card)
    "personal-data-unreadable-object",
    "personal-data-unreadable-query",
    "personal-data-unreadable-data-model",
    "file-name-personal-data",
    "folder-name-personal-data",
    "sheet-title-personal-data",
)

# The refusals of a report for being another Action Plan's than the one monitored (the issue's value: the plan in its
# `_apmon` sheet): a run monitoring that plan judges it again (`refused_for_plan`).
PLAN_REFUSAL_CODES = ("report-of-earlier-plan", "plan-mismatch")


def judged_under(content_hash: str, plan_id: str) -> str:
    """The hash a version judged again under Action Plan `plan_id` is kept by: the same bytes, another reading,
    told apart from the refusal (kept as it was) as `in_wrong_place` tells a report in the wrong place apart."""
    return hashlib.sha256(f"judged under plan {plan_id}: {content_hash}".encode()).hexdigest()


T = TypeVar("T")

# The start of the stored report, which holds its Submit stamp (`submitted_at`, a field before any list): a report's
# whole text need not be read for it.
_REPORT_HEAD = func.substr(versions_table.c.report, 1, 2000).label("report_head")
_STAMP = re.compile(r'"submitted_at"\s*:\s*"([^"\\]*)"')
# Every column but the bytes: listings never load file contents.
_VERSION_COLUMNS = [*(c for c in versions_table.c if c.name != "raw"), _REPORT_HEAD]
# ... and without the report either, for who reads the reports apart (`report_json`).
_HEAD_COLUMNS = [c for c in _VERSION_COLUMNS if c.name != "report"]


# A version that counts anywhere as a submission: not set aside as no institution's (`Ledger.set_aside`), as a
# copy of the master or a blank template an earlier run recorded. The ledger keeps it, for `apmon ledger versions`.
_COUNTED = func.coalesce(versions_table.c.set_aside, "") == ""


def _at_head(conn: Connection) -> bool:
    """Whether the schema is at HEAD_REVISION, read from Alembic's version table itself: loading Alembic to ask it
    costs a tenth of a second at every start of a command, and the schema is almost always up to date."""
    if not inspect(conn).has_table(ALEMBIC_VERSION_TABLE):
        return False
    return list(conn.execute(text(f"SELECT version_num FROM {ALEMBIC_VERSION_TABLE}")).scalars()) == [HEAD_REVISION]


def _upgrade(conn: Connection) -> str | None:
    """Alembic's `upgrade head` on `conn`, in the transaction the caller holds; the revision it upgraded from
    (None: a database with no apmon tables yet)."""
    from alembic import command
    from alembic.config import Config as AlembicConfig

    before = None
    if inspect(conn).has_table(ALEMBIC_VERSION_TABLE):
        before = conn.execute(text(f"SELECT version_num FROM {ALEMBIC_VERSION_TABLE}")).scalar()

    config = AlembicConfig()
    config.set_main_option("script_location", str(MIGRATIONS).replace("%", "%%"))  # ConfigParser syntax
    config.attributes["connection"] = conn
    command.upgrade(config, "head")
    return before


def _with_documents(sources: Iterable[str]) -> list[str]:
    """`sources` and the sources of their documents (`<source> documents`): a folder's documents are that folder's,
    so a folder read now holds none that another folder's file, or document, can be moved from."""
    return [name for source in sources for name in (source, f"{source} documents")]


def _elsewhere(source: str, not_from: Iterable[str]) -> ColumnElement[bool]:
    """An item of another source of the same kind as `source` ("folder:" or "google:"), none of `not_from` nor of
    their documents: where a moved folder's file can come from."""
    i = items_table.c
    kind = source.split(":", 1)[0] + ":"
    return and_(i.source.startswith(kind, autoescape=True), i.source.not_in(_with_documents(not_from)))


def _count_moved(conn: Connection, run_id: int, old: str, new: str, source: str | None = None) -> None:
    """One more file of `new` that continues one of `old`, counted in run `run_id`'s `moved` (`MovedFolder`s; with
    `source`, a `MovedInside` of that folder)."""
    r = runs_table.c
    moved = json.loads(conn.execute(select(r.moved).where(r.id == run_id)).scalar() or "[]")
    which = {"old": old, "new": new} | ({"source": source} if source is not None else {})
    same = next((m for m in moved if {k: v for k, v in m.items() if k != "files"} == which), None)
    if same is None:
        moved.append(which | {"files": 1})
    else:
        same["files"] += 1
    conn.execute(runs_table.update().where(r.id == run_id).values(moved=json.dumps(moved, ensure_ascii=False)))


def _same_tail(path: str, other: str) -> int:
    """How many of their last parts (folders, file name) two paths share: a file moved keeps its name and the
    subfolders under the one that moved."""
    alike = 0
    for part, other_part in zip(reversed(path.split("/")), reversed(other.split("/")), strict=False):
        if part != other_part:
            break
        alike += 1
    return alike


def _downgrade(conn: Connection, revision: str) -> None:
    """Alembic's `downgrade revision` on `conn`, once `revision` is known to be older than the schema."""
    from alembic import command
    from alembic.config import Config as AlembicConfig
    from alembic.script import ScriptDirectory

    config = AlembicConfig()
    config.set_main_option("script_location", str(MIGRATIONS).replace("%", "%%"))
    config.attributes["connection"] = conn
    current = conn.execute(text(f"SELECT version_num FROM {ALEMBIC_VERSION_TABLE}")).scalar_one()
    newest_first = [script.revision for script in ScriptDirectory.from_config(config).walk_revisions()]
    if revision not in newest_first or newest_first.index(revision) <= newest_first.index(current):
        raise LedgerError("ledger_error.downgrade", revision=repr(revision), current=current)
    command.downgrade(config, revision)


# Alembic's version table as Alembic creates it (`alembic stamp`), for a ledger made at the newest revision.
_VERSION_TABLE = Table(
    ALEMBIC_VERSION_TABLE,
    MetaData(),
    Column("version_num", String(32), nullable=False),
    PrimaryKeyConstraint("version_num", name=f"{ALEMBIC_VERSION_TABLE}_pkc"),
)


def _create_at_head(conn: Connection) -> None:
    """A new SQLite ledger made at once as the migrations would leave it (a test compares the two) and stamped at
    HEAD_REVISION, as Alembic's documentation advises for a new database: loading Alembic and running every
    migration would cost some tenths of a second of a first sync."""
    metadata.create_all(conn)
    _VERSION_TABLE.create(conn)
    conn.execute(_VERSION_TABLE.insert().values(version_num=HEAD_REVISION))


def make_owner_only(database: Path) -> None:
    """A new SQLite ledger's file made as `create_owner_only` makes one. A file there already is left as it is; one
    that cannot be made is SQLite's to say, as before."""
    with suppress(OSError):
        create_owner_only(database)


def _name_whole(partial: Path, path: Path) -> None:
    """`partial` given the name `path`, never over a file that came there meanwhile (FileExistsError): a second name
    (a hard link), or, on a file system without them (FAT, some shares), a rename once `path` is not there."""
    try:
        os.link(partial, path)
    except FileExistsError:
        raise
    except OSError:
        if path.exists():
            raise FileExistsError(path) from None
        os.replace(partial, path)


def _alembic_command_error() -> type[Exception]:
    """Alembic's error for a revision it does not know; looked up only once an error is raised."""
    from alembic.util import CommandError

    return CommandError


class Ledger(Runs, Tokens, Mails, People, IssuedReports, Evaluations, TaskStatuses, SyncLock, Database):
    """The ledger of one database; its runs, tokens and sync lock come from the parts it is made of."""

    upgraded_from: str | None = None  # the revision `open` found an older apmon's ledger at, before upgrading it

    @classmethod
    def open(cls, url: str) -> Ledger:
        """Connect to `url` (sqlite:///path/ledger.sqlite or postgresql+psycopg://...) and migrate to the latest
        schema. Raises LedgerError naming the URL (password masked) when that fails."""
        shown = shown_url(url)
        try:
            parsed = make_url(url)
        except (ArgumentError, ValueError) as exc:  # ValueError: a port that is no number
            raise LedgerError("ledger_error.not_a_url", url=repr(shown)) from exc
        if (database := sqlite_file(parsed)) is not None:
            folder = database.parent
            try:
                folder.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                reason = Phrase("os.in_the_way") if folder.is_file() else os_reason(exc)
                raise LedgerError("ledger_error.folder", folder=folder, url=shown, reason=reason) from exc
            if not sqlite_read_only(parsed):  # read-only: SQLite opens only a file there, made by no one here
                make_owner_only(database)
        try:
            engine = make_engine(parsed)
        except (NoSuchModuleError, ImportError) as exc:
            raise LedgerError("ledger_error.no_driver", url=shown, driver=repr(parsed.drivername)) from exc
        ledger = cls(engine, url)
        try:
            ledger.upgraded_from = ledger.migrate()
        except _alembic_command_error() as exc:  # the database is at a revision this code does not know
            engine.dispose()
            raise LedgerError("ledger_error.newer", url=shown, reason=first_line(exc), ours=HEAD_REVISION) from exc
        except DBAPIError as exc:  # connection failures are LedgerErrors already; this is e.g. no CREATE right
            engine.dispose()
            reason = driver_reason(exc.orig or exc)
            if isinstance(reason, Phrase) and reason.key in ("db.not_a_database", "db.damaged"):
                raise LedgerError("ledger_error.unreadable_file", url=shown, reason=reason) from exc
            raise LedgerError("ledger_error.tables", url=shown, reason=reason) from exc
        except BaseException:
            engine.dispose()
            raise
        return ledger

    @classmethod
    def made(cls, url: str) -> bool:
        """Whether the server database at `url` holds a ledger already (apmon's tables), asked without making one as
        `open` would: a question that finds none leaves none (a SQLite file's caller asks whether the file exists).
        A URL `open` cannot use is `open`'s to say: True. A server that does not answer: LedgerError."""
        try:
            ledger = cls(make_engine(url), url)
        except (ArgumentError, ValueError, NoSuchModuleError, ImportError):
            return True
        try:
            with ledger._tx() as conn:
                return inspect(conn).has_table(ALEMBIC_VERSION_TABLE)
        finally:
            ledger.close()

    def migrate(self) -> str | None:
        """Upgrade the schema to the newest revision (Alembic `upgrade head`); a no-op when already there. A new
        SQLite ledger is made at the newest revision at once (`_create_at_head`). Returns the revision an older
        apmon's ledger was upgraded from, for the Coordinator to be told; None when nothing older was there."""
        with self._tx() as conn:
            if _at_head(conn):
                return None  # the usual case, told without loading Alembic or the migration scripts
        if self.engine.dialect.name != "sqlite":
            with self._tx() as conn:  # PostgreSQL: DDL is transactional, the migration is one transaction
                return _upgrade(conn)
        # Python's sqlite3 commits each CREATE TABLE on its own (it begins transactions only before INSERT,
        # UPDATE and DELETE): a run killed half-way through the migration left a ledger that no later run could
        # open. Here sqlite3 begins nothing and the migration runs in one transaction of its own, DDL and all;
        # IMMEDIATE: a second process opening the same fresh ledger waits for it, then finds it migrated.
        with self._tx_autocommit() as conn:
            conn.exec_driver_sql("BEGIN IMMEDIATE")
            before = None
            try:
                if not inspect(conn).get_table_names():
                    _create_at_head(conn)
                elif not _at_head(conn):  # another process may have migrated it while this one waited
                    before = _upgrade(conn)
            except BaseException:
                conn.exec_driver_sql("ROLLBACK")
                raise
            conn.exec_driver_sql("COMMIT")
        return before

    def downgrade(self, revision: str) -> None:
        """Take the schema back to `revision` (Alembic `downgrade`), so that an older apmon, which knows no later
        revision, can open the ledger again: under the sync lock, in one transaction. What the later revisions
        added is dropped with them. LedgerError when `revision` is unknown or not older than the schema."""
        with self.lock():
            if self.engine.dialect.name != "sqlite":
                with self._tx() as conn:
                    _downgrade(conn, revision)
                return
            with self._tx_autocommit() as conn:  # as in migrate: sqlite3 would commit each DDL statement alone
                conn.exec_driver_sql("BEGIN IMMEDIATE")
                try:
                    _downgrade(conn, revision)
                except BaseException:
                    conn.exec_driver_sql("ROLLBACK")
                    raise
                conn.exec_driver_sql("COMMIT")

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
            check_sha256(content_hash, "content_hash")
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

    def contents_elsewhere(self, source: str, not_from: Iterable[str]) -> set[str]:
        """The contents held by items of another source of the same kind as `source`, none of `not_from` (nor of their
        documents, `_with_documents`): the only contents `take_over` can find an item for. Read once a source, so a
        run whose folder did not move asks nothing more for each new file."""
        i = items_table.c
        query = select(i.content_hash).distinct().where(_elsewhere(source, not_from), i.content_hash.is_not(None))
        with self._tx() as conn:
            return {content for (content,) in conn.execute(query)}

    def keys_elsewhere(self, source: str, not_from: Iterable[str]) -> set[str]:
        """The keys of items of another source of the same kind as `source`, none of `not_from`: the only keys
        `take_over_file` can find an item for (read once a source, as `contents_elsewhere`)."""
        i = items_table.c
        query = select(i.key).where(_elsewhere(source, not_from), i.content_hash.is_not(None))
        with self._tx() as conn:
            return set(conn.scalars(query))

    def take_over_file(
        self,
        source: str,
        key: str,
        *,
        modified: dt.datetime,
        not_from: Iterable[str],
        seen_at: dt.datetime,
        run_id: int | None = None,
    ) -> str | None:
        """`take_over` for a source whose keys are the files' own ids (a Drive file keeps its id when it moves to
        another folder): the item of another source of the same kind, none of `not_from`, with the same key and
        modification time, so the file is known as unchanged without reading it. The one seen last when several
        (the folder moved more than once). Returns the source it came from, or None when there is none. `run_id`:
        the run taking it over, which counts it among the files it found moved (`runs.moved`), in the same
        transaction."""
        i = items_table.c
        same = (
            select(i.id, i.source, i.modified)
            .where(_elsewhere(source, not_from), i.key == key, i.content_hash.is_not(None))
            .order_by(i.last_seen.desc(), i.id.desc())
        )
        with self._tx() as conn:
            found = next((row for row in conn.execute(same) if row.modified == modified), None)
            if found is None:
                return None
            conn.execute(
                items_table.update()
                .where(i.id == found.id)
                .values(source=source, last_seen=seen_at, missing_since=None)
            )
            if run_id is not None:
                _count_moved(conn, run_id, str(found.source), source)
        return str(found.source)

    def take_over(
        self,
        source: str,
        key: str,
        *,
        size: int | None,
        modified: dt.datetime | None,
        content_hashes: Iterable[str],
        not_from: Iterable[str],
        seen_at: dt.datetime,
        place_of: Callable[[str], str | None] = lambda key: None,
        run_id: int | None = None,
    ) -> str | None:
        """The item that `key` of `source` continues, when the reports folder moved: an item of another source of the
        same kind ("folder:" or "google:"), none of `not_from` (the sources this run reads), whose content is one of
        `content_hashes`; the one with the same key first, then the one seen last (the folder moved more than once:
        its latest place, whose arrival is the newest). It becomes `key` of `source` with its arrivals, so the
        file is not received again and its report keeps its first arrival. Only an item of the same place
        (`place_of` a key: the institution whose folder holds it) is taken over: a copy in another institution's
        folder is that institution's file, not the moved one. Returns the source it came from, or None when there
        is none. `run_id`: the run taking a report file over, which counts it among the files it found moved
        (`runs.moved`) in the same transaction: a run cut short after it still tells of the move."""
        i = items_table.c
        others = select(i.id, i.source, i.key).where(
            _elsewhere(source, not_from), i.content_hash.in_(list(content_hashes))
        )
        with self._tx() as conn:
            newest_first = others.order_by((i.key == key).desc(), i.last_seen.desc(), i.id.desc())
            place = place_of(key)
            found = next((row for row in conn.execute(newest_first) if place_of(row.key) == place), None)
            if found is None:
                return None
            conn.execute(
                items_table.update()
                .where(i.id == found.id)
                .values(source=source, key=key, size=size, modified=modified, last_seen=seen_at, missing_since=None)
            )
            if run_id is not None:
                _count_moved(conn, run_id, str(found.source), source)
        return str(found.source)

    def left_paths(self, source: str, present: set[str]) -> dict[str, str]:
        """The items of `source` the last run found that are not at their path now (`present`: the keys this scan
        found), by key, with their content: where a file moved or renamed inside the folder can come from."""
        i = items_table.c
        query = select(i.key, i.content_hash).where(
            i.source == source, i.missing_since.is_(None), i.content_hash.is_not(None)
        )
        with self._tx() as conn:
            return {key: content for key, content in conn.execute(query) if key not in present}

    def take_over_inside(
        self,
        source: str,
        key: str,
        *,
        size: int | None,
        modified: dt.datetime | None,
        content_hashes: Iterable[str],
        left: Collection[str],
        seen_at: dt.datetime,
        place_of: Callable[[str], str | None] = lambda key: None,
        run_id: int | None = None,
    ) -> str | None:
        """The item that `key` of `source` continues when a file or subfolder moved or was renamed inside the folder
        (`2018-06/` became `2018/2018-06/`): an item of the same source the last run found, not at its path now
        (one of `left`, `left_paths` but those in a subfolder that could not be listed: they may still be there),
        whose content is one of `content_hashes`, of the same place (`place_of`, as `take_over`);
        the one whose path ends most like `key` first (a copy with the same name in another subfolder moved too must
        keep its own history). It becomes `key` with its arrivals, so the file is not received again and is not said
        to be gone; its versions and arrivals keep the name they arrived under (the audit trail). Returns the key it
        had, or None when there is none. `run_id`: the run taking it over, which counts the move (`runs.moved`, a
        `MovedInside`) in the same transaction, as `take_over` does."""
        i = items_table.c
        query = select(i.id, i.key, i.last_seen).where(
            i.source == source, i.missing_since.is_(None), i.content_hash.in_(list(content_hashes))
        )
        with self._tx() as conn:
            place = place_of(key)
            # Only the rows of `left`: every copy of one report shares its content, and reading them all for each
            # file made a folder of 1,200 copies moved take a minute, 10,000 some hours.
            rows = [row for chunk in _chunks(sorted(left)) for row in conn.execute(query.where(i.key.in_(chunk)))]
            rows.sort(key=lambda row: (row.last_seen, row.id), reverse=True)  # the one seen last first
            gone = [row for row in rows if place_of(row.key) == place]
            # max keeps the first of equals: the one seen last
            found = max(gone, key=lambda row: _same_tail(row.key, key), default=None)
            if found is None:
                return None
            conn.execute(
                items_table.update()
                .where(i.id == found.id)
                .values(key=key, size=size, modified=modified, last_seen=seen_at, missing_since=None)
            )
            if run_id is not None:
                _count_moved(conn, run_id, *MovedInside.paths(found.key, key), source=source)
        return str(found.key)

    def holds_versions(self) -> bool:
        """Whether any version has been recorded."""
        with self._tx() as conn:
            return conn.execute(select(versions_table.c.id).limit(1)).first() is not None

    def items(self, source: str | None = None) -> list[ItemRow]:
        query = select(items_table).order_by(items_table.c.source, items_table.c.key)
        if source is not None:
            query = query.where(items_table.c.source == source)
        with self._tx() as conn:
            return [ItemRow.model_validate(dict(row)) for row in conn.execute(query).mappings()]

    def shared_reports(self) -> list[SharedReport]:
        """The reports that more than one item holds as its current content, among the items the last finished run
        found at its sources (a file deleted since, or one of a source no longer read, is left out; so is the add-in's
        one item per report): each with its items, oldest first, and which one counts and why (`selection.shared`)."""
        i, v, r = items_table.c, versions_table.c, runs_table.c
        with self._tx() as conn:
            # The last run that went to its end: one going on (the add-in's Consolidate reads the ledger while another
            # runs) has not yet seen what is there, and one cut short saw only part of it.
            finished = r.finished_at.is_not(None) & ~r.errors.contains(INTERRUPTED, autoescape=True)
            since = conn.execute(select(r.started_at).where(finished).order_by(r.id.desc()).limit(1)).scalar()
            if since is None:
                return []
            present = (
                select(i.id.label("item_id"), i.source, i.key, v.institution, v.period)
                .join_from(items_table, versions_table, v.content_hash == i.content_hash)
                .where(
                    i.missing_since.is_(None),
                    i.source != ADDIN_SOURCE,
                    i.last_seen >= since,
                    v.institution.is_not(None),
                    v.period.is_not(None),
                    _COUNTED,
                )
            )
            by_report: dict[tuple[str, str], dict[int, tuple[str, str]]] = {}
            for item_id, source, key, institution, period in conn.execute(present).all():
                by_report.setdefault((institution, period), {})[item_id] = (source, key)
            # The heads and stamps of every report more than one of them holds, each in one statement: a folder
            # copied whole duplicates thousands of reports, and a statement per report made thousands.
            held = present.subquery()
            duplicated = (
                select(held.c.institution, held.c.period)
                .group_by(held.c.institution, held.c.period)
                .having(func.count(held.c.item_id.distinct()) > 1)
                .subquery()
            )
            heads_by_report: dict[tuple[str, str], list[Head]] = {}
            for head in _read_heads(conn, of_reports=duplicated):
                heads_by_report.setdefault((head.institution or "", head.period or ""), []).append(head)
            stamps = _read_stamps(conn, of_reports=duplicated)
            found: list[SharedReport] = []
            for (institution, period), items in sorted(by_report.items()):
                if len(items) < 2:
                    continue
                heads = heads_by_report.get((institution, period), [])
                for report in shared(heads, stamps, set(items)):
                    counted = report.counted
                    files = [
                        SharedFile(
                            source=items[h.item_id][0],
                            key=items[h.item_id][1],
                            file_name=h.file_name,
                            version_id=h.id,
                            valid=h.valid,
                            saved=h.source_modified,
                            stamp=honoured_stamp(h, stamps),  # one that decides nothing is not shown
                            counts=counted is not None and (counted.item_id, counted.id) == (h.item_id, h.id),
                        )
                        for h in report.current
                    ]
                    found.append(
                        SharedReport(
                            institution=institution,
                            period=period,
                            files=files,
                            by_stamp=report.by_stamp,
                            counted_file=counted.file_name if counted else None,
                            counted_received=counted.received_at if counted else None,
                        )
                    )
        return found

    def missing_items(self) -> set[int]:
        """The ids of the items missing at their source since a scan (what `items()` shows with `missing_since`),
        read alone: consolidation marks their versions "file deleted"."""
        i = items_table.c
        with self._tx() as conn:
            return set(conn.execute(select(i.id).where(i.missing_since.is_not(None))).scalars())

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
        _check_arrivals(arrivals)
        if not arrivals:
            return []
        try:
            with self._tx() as conn:
                return _record(conn, arrivals)
        except IntegrityError:
            # Another writer inserted the same item or content meanwhile: now the retry finds theirs.
            with self._tx() as conn:
                return _record(conn, arrivals)

    @contextmanager
    def submit_turn(self, institution: str, period: str) -> Iterator[SubmitTurn]:
        """One add-in Submit of `institution`'s report for `period`, in one transaction that every other Submit of
        the same report waits for: the version accepted when its turn came, and recording its arrival. So of the
        same content submitted at once, the first is recorded and the others find it accepted.

        SQLite: BEGIN IMMEDIATE, the database's one writer (the others wait up to the busy timeout). PostgreSQL: a
        transaction advisory lock of this institution (all its periods: its Submits share a daily allowance), which
        the commit releases once its arrival is there to be read."""
        if self.engine.dialect.name == "postgresql":
            with self._tx() as conn:
                hold_submit_lock(conn, institution)
                yield SubmitTurn(conn, institution, period)
            return
        with self._tx_autocommit() as conn:  # sqlite3 begins nothing itself: BEGIN IMMEDIATE is ours
            conn.exec_driver_sql("BEGIN IMMEDIATE")
            try:
                yield SubmitTurn(conn, institution, period)
            except BaseException:
                conn.exec_driver_sql("ROLLBACK")
                raise
            conn.exec_driver_sql("COMMIT")

    def _version_rows(self, *where: Any, reports: bool = True) -> list[VersionRow]:
        with self._tx() as conn:
            return _read_versions(conn, *where, reports=reports)

    def _versions_by_id(self, ids: Iterable[int], *, reports: bool = True) -> list[VersionRow]:
        wanted = sorted(set(ids))
        found: list[VersionRow] = []
        for chunk in _chunks(wanted):
            found += self._version_rows(versions_table.c.id.in_(chunk), reports=reports)
        return found

    def report_json(self, ids: Sequence[int]) -> Iterator[tuple[int, str | None]]:
        """(version id, its report as stored) for each of `ids`, in order, read a chunk at a time: for who reads
        the reports of `current(reports=False)` one by one."""
        v = versions_table.c
        for chunk in _chunks(ids):
            with self._tx() as conn:
                found = dict(conn.execute(select(v.id, v.report).where(v.id.in_(sorted(set(chunk))))).all())
            for version_id in chunk:
                yield version_id, found[version_id]

    def _heads(self, institution: str | None = None, period: str | None = None) -> tuple[list[Head], Stamps]:
        with self._tx() as conn:
            heads = _read_heads(conn, institution, period)
            return heads, _read_stamps(conn, contested(heads))

    def _as_arrived(self, heads: Iterable[Head], *, reports: bool = True) -> list[VersionRow]:
        """The versions of `heads`, in order, each with the item and name of that arrival."""
        chosen = list(heads)
        rows = {row.id: row for row in self._versions_by_id((h.id for h in chosen), reports=reports)}
        return [_arrived(rows[h.id], h) for h in chosen]

    def accepted(self, institution: str | None = None, period: str | None = None) -> list[VersionRow]:
        """The newest valid version of every (institution, period), optionally of one institution and/or period,
        by institution and period: a newer invalid one never replaces it (`selection.accepted_heads`). What the
        master, the add-in's Submit and history rules, and the reports all take as a report's accepted one."""
        with self._tx() as conn:
            return _accepted(conn, institution, period)

    def reports_sent_after(self, moment: dt.datetime) -> list[tuple[str, str]]:
        """The reports (institution, period) with a version submitted at or after `moment`, in order: a master
        worked out for a day before it (`current(sent_before=...)`) leaves those versions out."""
        v, a = versions_table.c, arrivals_table.c
        submitted = func.coalesce(v.source_modified, a.received_at)
        query = (
            select(v.institution, v.period)
            .join_from(arrivals_table, versions_table)
            .where(submitted >= moment, v.institution.is_not(None), v.period.is_not(None), _COUNTED)
            .distinct()
        )
        with self._tx() as conn:
            return sorted((institution, period) for institution, period in conn.execute(query).all())

    def current(
        self, *, reports: bool = True, as_of: dt.datetime | None = None, sent_before: dt.datetime | None = None
    ) -> tuple[list[VersionRow], list[VersionRow]]:
        """(accepted, latest) from one read; the accepted version is usually the latest too. Without `reports`,
        the rows' `report_json` is None (`report_json()` reads them apart).

        accepted: as `accepted()`, each with its report's `timing`. latest: the newest version of every
        (institution, period), valid or not, then every unreadable version (no institution or period) that is the
        latest content of its item; what Submissions and Issues show (one that is the accepted version has its
        timing too). Each row carries the item and file name it last arrived under. A file's latest content is its
        current one whatever its modified time (a file restored from a backup); between files, the newest by
        source time wins. With `as_of`, as they were then: only arrivals at or before it count (a report made again
        from the versions known at its cut-off). With `sent_before`, only versions submitted before it (by their
        submission time: a master worked out for a past day, whose ledger may have read them later)."""
        heads, stamps = self._heads()
        if as_of is not None:
            heads = [h for h in heads if h.received_at <= as_of]
        if sent_before is not None:
            heads = [h for h in heads if (h.submitted or h.received_at) < sent_before]
        accepted, latest = accepted_heads(heads, stamps), latest_heads(heads, stamps)
        rows = self._as_arrived([*accepted, *latest], reports=reports)
        with self._tx() as conn:
            rows = _timed(conn, heads, accepted, rows)
        return rows[: len(accepted)], rows[len(accepted) :]

    def versions(
        self, institution: str | None = None, period: str | None = None, *, reports: bool = True
    ) -> list[VersionRow]:
        """Every stored version (optionally of one institution and/or period), oldest first. Without `reports`,
        the rows' `report_json` is None: for who only lists them."""
        where = []
        if institution is not None:
            where.append(versions_table.c.institution == institution)
        if period is not None:
            where.append(versions_table.c.period == period)
        return sorted(self._version_rows(*where, reports=reports), key=_version_order)

    def submitted_seconds(self, institution: str) -> set[tuple[str, dt.datetime]]:
        """(period, submission time to the second) of every valid version of `institution`: what the Submit stamps
        in its report files are checked against (a stamp counts only as the Submit that recorded it)."""
        v = versions_table.c
        query = select(v.period, v.source_modified).where(
            v.institution == institution, v.valid, v.period.is_not(None), v.source_modified.is_not(None)
        )
        with self._tx() as conn:
            return {(period, moment.replace(microsecond=0)) for period, moment in conn.execute(query).all()}

    def refused_bytes(self, source: str, since: dt.datetime) -> list[tuple[str, int]]:
        """(item key, bytes kept) of every refused version first stored from an item of `source` at or after
        `since` whose bytes the ledger holds: what an allowance of refused content per folder and day counts."""
        v, i = versions_table.c, items_table.c
        query = (
            select(i.key, func.length(v.raw))
            .join_from(versions_table, items_table, v.item_id == i.id)
            .where(i.source == source, ~v.valid, v.received_at >= since, v.raw_purged_at.is_(None))
        )
        with self._tx() as conn:
            return [(key, size) for key, size in conn.execute(query).all() if size]

    def submitted_sizes(self, since: dt.datetime, institution: str | None = None) -> Sized:
        """(institution, when, size) of every version the add-in's Submits stored at or after `since` (optionally of
        one institution): what an allowance of Submit content per institution and day counts."""
        with self._tx() as conn:
            return _submitted_sizes(conn, since, institution)

    def refused_for_plan(self, plan_id: str) -> list[tuple[VersionRow, ItemRow]]:
        """The refused versions made for Action Plan `plan_id` (refused by a run monitoring another plan:
        `PLAN_REFUSAL_CODES`) that are still the content of the item they came from, present at its source, with
        that item; their bytes kept. Oldest first."""
        v, i = versions_table.c, items_table.c
        query = (
            select(*_HEAD_COLUMNS, *(c.label(f"of_item_{c.name}") for c in items_table.c))
            .join_from(versions_table, items_table, v.item_id == i.id)
            .where(
                ~v.valid,
                v.raw_purged_at.is_(None),
                func.length(v.raw) > 0,
                i.content_hash == v.content_hash,
                i.missing_since.is_(None),
                or_(*(v.issues.like(f'%"{code}"%') for code in PLAN_REFUSAL_CODES)),
            )
        )
        found = []
        with self._tx() as conn:
            for row in conn.execute(query.order_by(v.id)).mappings():
                data = dict(row)
                item = ItemRow.model_validate({c.name: data.pop(f"of_item_{c.name}") for c in items_table.c})
                version = _version_row(data | {"report": None})
                if any(x.get("code") in PLAN_REFUSAL_CODES and x.get("value") == plan_id for x in version.issues):
                    found.append((version, item))
        return found

    def not_looked_at(self, *, after: int = 0, limit: int = 500) -> list[VersionRow]:
        """The versions an earlier apmon stored that may be no institution's submission (`set_aside` NULL: those
        with errors, a copy of the master or a blank template among them), oldest first: looked at once
        (`set_aside`); `raw(id)` reads the bytes of those that need them. At most `limit` of them, from the id
        after `after`: an older ledger may hold years of them, each read with its report."""
        v = versions_table.c
        query = select(*_VERSION_COLUMNS).where(v.set_aside.is_(None), v.id > after).order_by(v.id).limit(limit)
        with self._tx() as conn:
            return [_version_row(row) for row in conn.execute(query).mappings()]

    def set_aside(
        self, decided: Mapping[int, SetAside | None], run_id: int | None = None, notices: Sequence[str] = ()
    ) -> None:
        """Record what each version looked at is: no institution's submission (`SetAside`: kept, counted nowhere),
        or a version that counts as before (None); with run `run_id`'s `notices` saying so, in the same transaction
        (a run killed before it ends leaves them to the next: RunRow.notices)."""
        if not decided:
            return
        update = versions_table.update().where(versions_table.c.id == bindparam("b_id"))
        with self._tx() as conn:  # one statement for them all (executemany): a first run may decide thousands
            conn.execute(
                update.values(set_aside=bindparam("b_why")),
                [{"b_id": version_id, "b_why": why or ""} for version_id, why in decided.items()],
            )
            if run_id is not None and notices:  # after those it took over from a run cut short (close_interrupted_runs)
                run = runs_table.c.id == run_id
                held = json.loads(conn.execute(select(runs_table.c.notices).where(run)).scalar_one_or_none() or "[]")
                said = json.dumps([*held, *notices], ensure_ascii=False)
                conn.execute(runs_table.update().where(run).values(notices=said))

    def holds_content(self, content_hash: str, *, counted: bool = False, report: bool = False) -> bool:
        """Whether a version of this content is stored already (another arrival of it stores no bytes); `counted`:
        one that counts as a submission (not set aside); `report`: one read as an institution's report (valid or
        not), not a file refused as none (no apmon template)."""
        v = versions_table.c
        where = [*([_COUNTED] if counted else []), *([v.institution.isnot(None)] if report else [])]
        query = select(v.id).where(v.content_hash == content_hash, *where)
        with self._tx() as conn:
            return conn.execute(query).first() is not None

    def raw(self, version_id: int) -> bytes:
        """The bytes of a version. KeyError when there is no such version; PurgedError when they were purged."""
        v = versions_table.c
        with self._tx() as conn:
            row = conn.execute(select(v.raw, v.raw_purged_at, v.issues).where(v.id == version_id)).first()
        if row is None:
            raise KeyError(f"no version {version_id} in the ledger")
        if row.raw_purged_at is not None:
            purged = row.raw_purged_at.astimezone(BELGRADE).date()  # the day as the Coordinator's calendar has it
            personal = _held_personal_data(json.loads(row.issues))
            why = "ledger_error.purged" if personal else "ledger_error.purged_refused"
            raise PurgedError(why, version=version_id, date=purged)
        return bytes(row.raw)

    def arrivals(self, version_ids: Iterable[int]) -> list[ArrivalRow]:
        """Every arrival of these versions, oldest first, with the token that submitted it (never its secret)."""
        a, t, i = arrivals_table.c, tokens_table.c, items_table.c
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
                    a.source_modified,
                    i.source,
                )
                .select_from(
                    arrivals_table.outerjoin(tokens_table, a.token_id == t.id).join(items_table, a.item_id == i.id)
                )
                .where(a.version_id.in_(chunk))
            )
            with self._tx() as conn:
                found += [ArrivalRow.model_validate(dict(row)) for row in conn.execute(query).mappings()]
        return sorted(found, key=lambda row: (row.received_at, row.id))

    def purge_personal_data(
        self, arrived_before: dt.datetime, at: dt.datetime, *, refused_before: dt.datetime | None = None
    ) -> list[int]:
        """Purge the bytes and the parsed report of every version refused for personal data whose last arrival
        was before `arrived_before`; mask what its issues quote and the file names it came under, and the key of
        every file no longer at its source whose name holds personal data (`_mask_gone_keys`). The row stays,
        with `raw_purged_at` = `at`, so the ledger still says that such a report came in, when, from which file and
        what was wrong. With `refused_before` (`refused_days`), the bytes of every other refused version whose last
        arrival was before it too: its row, issues and parsed report stay (`_purge_refused`).
        An arrival stamped over a day after `at` came in under a clock that ran ahead: waiting for its time would
        keep the data as long as the clock was wrong, so it is purged at once. Returns the ids purged, oldest first."""
        v = versions_table.c
        query = select(v.id, v.issues).where(
            v.raw_purged_at.is_(None),
            or_(*(v.issues.like(f'%"{code}"%') for code in PERSONAL_DATA_CODES)),
            _last_arrival_before(arrived_before, at),
        )
        purged: list[int] = []
        with self._tx() as conn:
            for version_id, issues_json in conn.execute(query.order_by(v.id)).all():
                issues = json.loads(issues_json)
                if not _held_personal_data(issues):
                    continue  # the code appeared only inside some quoted text
                _purge_personal(conn, version_id, issues, at)
                purged.append(version_id)
            # A copy judged again under the report's own plan holds the same bytes: its clock is the refusal's,
            # counted from the report's first arrival, not from the day it was judged again.
            purged += _purge_judged_copies(conn, at)
            if refused_before is not None:
                purged += _purge_refused(conn, refused_before, at)
            masked = _mask_gone_keys(conn)
        self._reclaim(purged or masked)
        return sorted(purged)

    def _reclaim(self, purged: list[int]) -> None:
        """The disk space of purged bytes made free for the ledger's next writes."""
        if purged and self.engine.dialect.name == "sqlite":
            with self._tx() as conn:  # the log still holds the pages as they were before: empty it
                conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        elif purged and self.engine.dialect.name == "postgresql":
            # An UPDATE leaves the old row (and its TOASTed bytes) on disk as a dead tuple until a vacuum, which
            # autovacuum starts only once a fifth of the table is dead: never, for a few purged rows of a long ledger.
            with self._tx_autocommit() as conn:
                conn.exec_driver_sql("VACUUM versions")  # a user who does not own the table gets a warning only

    def backup(self, path: Path) -> None:
        """A copy of a SQLite ledger as one whole file at `path` (which must not exist yet), consistent even while
        a run or the add-in writes: SQLite's `VACUUM INTO`. A copy of the ledger file alone may hold none of the
        latest reports, which sit in its write-ahead log (`-wal`) while any process keeps the ledger open. Purged
        content is not copied either (no free pages). A PostgreSQL ledger is backed up with the server's pg_dump."""
        if self.engine.dialect.name != "sqlite":
            raise LedgerError("ledger_error.backup_server", url=self.shown_url)
        if path.exists():
            raise LedgerError("ledger_error.backup_exists", path=path)
        # Copied under a hidden name beside it and named the backup once whole: a copy cut short (a full disk, the
        # command killed) would look like a backup and hold its name. Made empty first (VACUUM INTO takes an empty
        # file), for its owner alone.
        partial = path.with_name(f".{path.name}.{secrets.token_hex(4)}.partial")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            create_owner_only(partial)
        except OSError as exc:
            raise LedgerError("ledger_error.backup_folder", path=path, reason=os_reason(exc)) from exc
        try:
            with self._tx_autocommit() as conn:
                conn.exec_driver_sql("VACUUM INTO ?", (str(partial),))
            _name_whole(partial, path)
        except FileExistsError as exc:  # made there meanwhile
            raise LedgerError("ledger_error.backup_exists", path=path) from exc
        except (LedgerError, OSError) as exc:
            cause = exc.__cause__ if isinstance(exc, LedgerError) else exc
            failed = cause.orig if isinstance(cause, DBAPIError) and cause.orig is not None else cause or exc
            raise LedgerError("ledger_error.backup_failed", path=path, reason=driver_reason(failed)) from exc
        finally:
            for left in (partial, partial.with_name(f"{partial.name}-journal")):
                with suppress(OSError):
                    left.unlink(missing_ok=True)


class SubmitTurn:
    """A Submit's turn (`Ledger.submit_turn`): the accepted version as read in it, and recording in it."""

    def __init__(self, conn: Connection, institution: str, period: str) -> None:
        self._conn, self._institution, self._period = conn, institution, period
        self.accepted: VersionRow | None = next(iter(_accepted(conn, institution, period)), None)

    def record(self, arrival: Arrival) -> tuple[int, bool]:
        """As `Ledger.record` of this one arrival, committed with the turn."""
        _check_arrivals([arrival])
        [recorded] = _record(self._conn, [arrival])
        return recorded

    def submitted_bytes(self, since: dt.datetime) -> int:
        """What the add-in's Submits of this institution stored at or after `since`, read in this turn."""
        return sum(size for _, _, size in _submitted_sizes(self._conn, since, self._institution))

    def accepted_now(self) -> VersionRow | None:
        """The accepted version as it is now, in this turn (after `record`), with its report's timing."""
        return next(iter(_accepted(self._conn, self._institution, self._period)), None)


Sized = list[tuple[str, dt.datetime, int]]  # (institution, when stored, bytes) of the add-in's Submits


class Utf8Bytes(FunctionElement[int]):
    """The length of a text column in bytes, as the ledger stores it (UTF-8): SQL's length() counts characters, and
    a Cyrillic letter is one character but two bytes."""

    type = Integer()
    name = "utf8_bytes"
    inherit_cache = True


@compiles(Utf8Bytes)
def _octet_length(element: Utf8Bytes, compiler: SQLCompiler, **kw: Any) -> str:
    return f"octet_length({compiler.process(element.clauses, **kw)})"  # PostgreSQL


@compiles(Utf8Bytes, "sqlite")
def _blob_length(element: Utf8Bytes, compiler: SQLCompiler, **kw: Any) -> str:
    # octet_length() came with SQLite 3.43; a text cast to a blob is its bytes in the database's encoding, UTF-8
    return f"length(CAST({compiler.process(element.clauses, **kw)} AS BLOB))"


def _submitted_sizes(conn: Connection, since: dt.datetime, institution: str | None) -> Sized:
    """A Submit's stored content is its version: the workbook's sheets (raw), its parsed report and its issues, in
    bytes. A version is stored once, by the arrival that first brought it (`received_at`): content sent again adds
    none."""
    v, i = versions_table.c, items_table.c
    size: ColumnElement[int] = func.length(v.raw) + func.coalesce(Utf8Bytes(v.report), 0) + Utf8Bytes(v.issues)
    query = (
        select(v.institution, v.received_at, size)
        .join_from(versions_table, items_table, v.item_id == i.id)
        .where(i.source == ADDIN_SOURCE, v.received_at >= since, v.institution.is_not(None))
    )
    if institution is not None:
        query = query.where(v.institution == institution)
    return [(row[0], row[1], int(row[2] or 0)) for row in conn.execute(query).all()]


def _check_arrivals(arrivals: Sequence[Arrival]) -> None:
    for arrival in arrivals:
        check_sha256(arrival.version.content_hash, "content_hash")
        if arrival.version.raw_kind not in ("xlsx", "google-values"):
            raise ValueError(f"raw_kind {arrival.version.raw_kind!r}: expected 'xlsx' or 'google-values'")


def _read_heads(
    conn: Connection, institution: str | None = None, period: str | None = None, *, of_reports: Subquery | None = None
) -> list[Head]:
    """The few columns that decide which version is newest, for every arrival of every version (optionally of one
    institution and/or period, or of the reports (institution, period) `of_reports` lists: the choice is made per
    institution and period, so it stays exact)."""
    v, a = versions_table.c, arrivals_table.c
    query = (
        select(
            v.id,
            a.item_id,
            a.file_name,
            v.institution,
            v.period,
            a.source_modified,
            a.received_at,
            a.id,
            v.valid,
            v.on_time,
            v.days_late,
            v.source_modified,
        )
        .join_from(arrivals_table, versions_table)
        .where(_COUNTED)
    )
    if institution is not None:
        query = query.where(v.institution == institution)
    if period is not None:
        query = query.where(v.period == period)
    if of_reports is not None:
        query = query.join(of_reports, _of_report(of_reports))
    return [Head(*row) for row in conn.execute(query).all()]


def _read_stamps(
    conn: Connection, ids: Iterable[int] = (), *, of_reports: Subquery | None = None
) -> dict[int, dt.datetime]:
    """The Submit stamps of the versions `ids` (or of every version of the reports `of_reports` lists, in one
    statement) that carry one, read from the start of their stored reports."""
    v = versions_table.c
    query = select(v.id, _REPORT_HEAD)
    if of_reports is not None:
        selections = [query.join(of_reports, _of_report(of_reports))]
    else:
        selections = [query.where(v.id.in_(chunk)) for chunk in _chunks(sorted(ids))]
    stamps: dict[int, dt.datetime] = {}
    for selection in selections:
        for version_id, head in conn.execute(selection).all():
            found = _STAMP.search(head or "")
            if found and (stamp := submit_stamp(found[1])) is not None:
                stamps[version_id] = stamp
    return stamps


def _of_report(reports: Subquery) -> Any:
    """A version is of one of the reports (institution, period) that `reports` lists."""
    v = versions_table.c
    return (v.institution == reports.c.institution) & (v.period == reports.c.period)


def _read_versions(conn: Connection, *where: Any, reports: bool = True) -> list[VersionRow]:
    rows = conn.execute(select(*(_VERSION_COLUMNS if reports else _HEAD_COLUMNS)).where(*where)).mappings()
    return [_version_row(row) for row in rows]


def _accepted(conn: Connection, institution: str | None, period: str | None) -> list[VersionRow]:
    """`Ledger.accepted`, read on `conn`."""
    heads = _read_heads(conn, institution, period)
    chosen = accepted_heads(heads, _read_stamps(conn, contested(heads)))
    ids = sorted({h.id for h in chosen})
    rows = {row.id: row for chunk in _chunks(ids) for row in _read_versions(conn, versions_table.c.id.in_(chunk))}
    return _timed(conn, heads, chosen, [_arrived(rows[h.id], h) for h in chosen])


def _timed(conn: Connection, heads: list[Head], accepted: list[Head], rows: list[VersionRow]) -> list[VersionRow]:
    """`rows` with their report's timing (`selection.report_timing` over `heads`) on each that is the accepted version
    of its report (`accepted`)."""
    by_report: dict[tuple[str, str], list[Head]] = {}
    for head in heads:
        if head.report_key is not None:
            by_report.setdefault(head.report_key, []).append(head)
    counted = {h.report_key: h for h in accepted if h.report_key is not None}
    decided = {key: found for key, h in counted.items() if (found := report_timing(by_report[key], h)) is not None}
    # The version it is decided by, when not the one that counts, is read for its Submit stamp (`time_basis`).
    apart = sorted({found.decided.id for key, found in decided.items() if found.decided.id != counted[key].id})
    others = {
        row.id: row
        for chunk in _chunks(apart)
        for row in _read_versions(conn, versions_table.c.id.in_(chunk), reports=False)
    }
    timings: dict[int, ReportTiming] = {}  # by the accepted version's id
    for row in rows:
        key = (row.institution or "", row.period or "")
        found = decided.get(key)
        if found is None or row.id != counted[key].id or row.id in timings:
            continue
        if found.decided.id == row.id:  # its time shown as the accepted row shows it (from the arrival it counts from)
            basis = time_basis(row.source_modified, row.stamp, row.arrived_modified)
            at = row.source_modified
        else:
            first = others[found.decided.id]
            basis = time_basis(first.source_modified, first.stamp, found.decided.source_modified)
            at = first.source_modified
        timings[row.id] = ReportTiming(
            on_time=found.on_time,
            days_late=found.days_late,
            submitted_at=at,
            submitted_from=basis,
            corrected_at=found.corrected.submitted if found.corrected else None,
        )
    return [row.model_copy(update={"timing": timings[row.id]}) if row.id in timings else row for row in rows]


def _arrived(row: VersionRow, head: Head) -> VersionRow:
    """The version as it arrived at `head`: with that item, file name and source time (usually those it was stored
    with)."""
    return row.model_copy(
        update={"item_id": head.item_id, "file_name": head.file_name, "arrived_modified": head.source_modified}
    )


def _last_arrival_before(moment: dt.datetime, at: dt.datetime) -> Any:
    """A version's last arrival was before `moment`, or over a day after `at`: it came in under a clock that ran
    ahead, and waiting for its time would keep its content as long as the clock was wrong."""
    a = arrivals_table.c
    last_arrival = (
        select(func.max(a.received_at))
        .where(a.version_id == versions_table.c.id)
        .correlate(versions_table)
        .scalar_subquery()
    )
    return or_(last_arrival < moment, last_arrival > at + dt.timedelta(days=1))


def _purge_refused(conn: Connection, arrived_before: dt.datetime, at: dt.datetime) -> list[int]:
    """The bytes of the refused versions not refused for personal data (the purge masks those) whose last arrival
    was before `arrived_before`: emptied, with `raw_purged_at` = `at`. Returns their ids."""
    v = versions_table.c
    query = select(v.id, v.issues).where(
        v.raw_purged_at.is_(None), ~v.valid, func.length(v.raw) > 0, _last_arrival_before(arrived_before, at)
    )
    purged = []
    for version_id, issues_json in conn.execute(query.order_by(v.id)).all():
        if not _held_personal_data(json.loads(issues_json)):
            conn.execute(versions_table.update().where(v.id == version_id).values(raw=b"", raw_purged_at=at))
            purged.append(version_id)
    return purged


def _purge_personal(conn: Connection, version_id: int, issues: list[dict[str, Any]], at: dt.datetime) -> None:
    """A version refused for personal data emptied of its bytes and parsed report, its quoted values and file names
    masked; its row stays, with `raw_purged_at` = `at`."""
    v = versions_table.c
    conn.execute(
        versions_table.update()
        .where(v.id == version_id)
        .values(raw=b"", report=None, raw_purged_at=at, issues=json.dumps(_masked(issues)))
    )
    _mask_file_names(conn, version_id)


def _purge_judged_copies(conn: Connection, at: dt.datetime) -> list[int]:
    """The copies a run under a report's own plan judged again (`judged_under`) from a version refused for being
    another plan's (`PLAN_REFUSAL_CODES`) and for personal data, once that version is purged: purged as personal data
    too (also those of a refusal purged before copies were looked for). Returns their ids."""
    v = versions_table.c
    refusals = select(v.content_hash, v.issues).where(
        v.raw_purged_at.is_not(None),
        or_(*(v.issues.like(f'%"{code}"%') for code in PLAN_REFUSAL_CODES)),
        or_(*(v.issues.like(f'%"{code}"%') for code in PERSONAL_DATA_CODES)),
    )
    copies = set()
    for content_hash, issues_json in conn.execute(refusals).all():
        issues = json.loads(issues_json)
        if _held_personal_data(issues):
            plans = {str(x.get("value")) for x in issues if x.get("code") in PLAN_REFUSAL_CODES}
            copies |= {judged_under(content_hash, plan) for plan in plans}
    purged = []
    for chunk in _chunks(sorted(copies)):
        query = select(v.id, v.issues).where(v.content_hash.in_(chunk), v.raw_purged_at.is_(None))
        for version_id, issues_json in conn.execute(query.order_by(v.id)).all():
            _purge_personal(conn, version_id, json.loads(issues_json), at)
            purged.append(version_id)
    return purged


def _held_personal_data(issues: list[dict[str, Any]]) -> bool:
    return any(found.get("code") in PERSONAL_DATA_CODES for found in issues)


def _mask_gone_keys(conn: Connection) -> list[int]:
    """The keys (paths) of the items no longer at their source whose name holds personal data, masked: the sync needs
    a file's key only while the file is there. Such a key stayed in full for good once the file was deleted (found
    December 2026). Returns the ids of the items masked."""
    i = items_table.c
    gone = conn.execute(select(i.id, i.source, i.key).where(i.missing_since.is_not(None))).all()
    taken = {(source, key) for _, source, key in conn.execute(select(i.id, i.source, i.key)).all()}
    masked = []
    for item_id, source, key in gone:
        shown = mask_file_name(key)
        if shown == key:
            continue
        if (source, shown) in taken:  # two names masked alike (another JMBG with the same first and last digits)
            shown = f"{shown} ({item_id})"
        conn.execute(items_table.update().where(i.id == item_id).values(key=shown))
        taken.add((source, shown))
        masked.append(item_id)
    return masked


def _mask_file_names(conn: Connection, version_id: int) -> None:
    """The names a purged version came under, with their personal data masked (the file's name held it)."""
    for table in (versions_table, arrivals_table):
        key = table.c.id if table is versions_table else table.c.version_id
        for row_id, name in conn.execute(select(table.c.id, table.c.file_name).where(key == version_id)).all():
            if (masked := mask_file_name(name)) != name:
                conn.execute(table.update().where(table.c.id == row_id).values(file_name=masked))


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
    return (row.source_modified or OLDEST, row.received_at, row.id)


def _version_row(row: Mapping[Any, Any]) -> VersionRow:
    data = dict(row)
    data["issues"] = json.loads(data["issues"])
    data["report_json"] = data.pop("report", None)
    data["set_aside"] = data.get("set_aside") or None  # "" looked at and counted, NULL not looked at: neither
    stamp = _STAMP.search(data.pop("report_head") or "")
    data["stamp"] = stamp[1] if stamp else None
    return VersionRow.model_validate(data)


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
            [
                {"item_id": item_ids[(a.source, a.key)], **a.version.columns(), "set_aside": a.version.set_aside or ""}
                for a in adding.values()
            ],
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
                # the source's own time (the version's is its submission time), never after it was received: a
                # time ahead is a wrong clock, and would make this arrival the newest for good
                "source_modified": a.modified and min(a.modified, a.version.received_at),
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
        "content_hash": arrival.item_hash or arrival.version.content_hash,
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
