"""The ledger against both backends: SQLite in tmp_path and PostgreSQL.

PostgreSQL comes from $APMON_TEST_POSTGRES_URL (a superuser or a role that may create databases), else a
throwaway server is started from the Debian binaries (/usr/lib/postgresql/*/bin), else those tests skip.
Every test gets a fresh database.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import glob
import hashlib
import json
import os
import re
import shlex
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config as AlembicConfig
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, create_engine, event, inspect, make_url, select, text

from apmon.schemas.calendar import BELGRADE
from apmon.schemas.messages import text_of
from apmon.schemas.text import Lang
from apmon.sync.ledger import (
    HEAD_REVISION,
    MIGRATIONS,
    Arrival,
    ItemRow,
    Ledger,
    LedgerBusy,
    LedgerError,
    MovedFolder,
    PurgedError,
    VersionData,
    VersionRow,
    issued_reports_table,
    items_table,
    metadata,
    runs_table,
    sqlite_url,
    versions_table,
)
from apmon.sync.reports import basis

ROOT = Path(__file__).resolve().parent.parent
POSTGRES_ENV = "APMON_TEST_POSTGRES_URL"
NO_POSTGRES = "PostgreSQL not available: install postgresql or set APMON_TEST_POSTGRES_URL"
T0 = dt.datetime(2018, 4, 2, 8, 0, tzinfo=dt.UTC)
SOURCE = "folder:/srv/reports"


def at(minutes: int) -> dt.datetime:
    return T0 + dt.timedelta(minutes=minutes)


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# -- backends --------------------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _as_postgres(cmd: list[str]) -> list[str]:
    """initdb refuses to run as root: run the server's commands as the postgres user then."""
    if os.geteuid() != 0:
        return cmd
    if shutil.which("runuser"):
        return ["runuser", "-u", "postgres", "--", *cmd]
    return ["su", "postgres", "-c", shlex.join(cmd)]


@pytest.fixture(scope="session")
def postgres_admin_url() -> Iterator[str]:
    if os.environ.get(POSTGRES_ENV):
        yield os.environ[POSTGRES_ENV]
        return
    with private_postgres() as admin_url:
        yield admin_url


@contextmanager
def private_postgres(password: str | None = None) -> Iterator[str]:
    """A throwaway PostgreSQL server of this test session's own (its admin URL, which never holds the password),
    stopped and removed after. With `password`, the server asks for it (scram-sha-256), else it trusts anyone."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: float(Path(p).parts[-3]))
    if not found or not Path(found[-1]).with_name("pg_ctl").exists():
        pytest.skip(NO_POSTGRES)
    bin_dir = Path(found[-1]).parent
    # Not pytest's tmp_path: its parents are private to root, and the server runs as postgres.
    base = Path(tempfile.mkdtemp(prefix="apmon-pg-"))
    if os.geteuid() == 0:
        shutil.chown(base, "postgres", "postgres")
    data, log, port = base / "data", base / "log", _free_port()
    pg_ctl = [str(bin_dir / "pg_ctl"), "-D", str(data)]
    auth = ["-A", "trust"]
    if password is not None:
        (base / "pwfile").write_text(password)
        if os.geteuid() == 0:
            shutil.chown(base / "pwfile", "postgres", "postgres")
        auth = ["-A", "scram-sha-256", f"--pwfile={base / 'pwfile'}"]
    try:
        subprocess.run(
            _as_postgres([str(bin_dir / "initdb"), "-D", str(data), "-U", "postgres", *auth, "--no-sync"]),
            check=True,
            capture_output=True,
        )
        options = f"-c listen_addresses=127.0.0.1 -p {port} -k {base} -c fsync=off"
        subprocess.run(
            _as_postgres([*pg_ctl, "-l", str(log), "-w", "-o", options, "start"]), check=True, capture_output=True
        )
    except subprocess.CalledProcessError as exc:
        shown = log.read_text(errors="replace") if log.exists() else ""
        shutil.rmtree(base, ignore_errors=True)
        pytest.fail(f"could not start a throwaway PostgreSQL: {exc.stderr!r} {shown}")
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run(_as_postgres([*pg_ctl, "-m", "immediate", "stop"]), capture_output=True)
        shutil.rmtree(base, ignore_errors=True)


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A URL of an empty database of each backend."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'ledger.sqlite'}"
        return
    admin_url = request.getfixturevalue("postgres_admin_url")
    name = f"apmon_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT", pool_pre_ping=True)  # a test may restart the server
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        yield make_url(admin_url).set(database=name).render_as_string(hide_password=False)
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        admin.dispose()


@pytest.fixture
def ledger(url: str) -> Iterator[Ledger]:
    opened = Ledger.open(url)
    yield opened
    opened.close()


def arrival(
    key: str,
    content: bytes,
    *,
    received: int,
    modified: int | None = None,
    valid: bool = True,
    readable: bool = True,
    institution: str = "MUP",
    period: str = "2018-03",
    source: str = SOURCE,
) -> Arrival:
    modified_at = at(modified if modified is not None else received)
    problems = [] if valid else [{"code": "missing-status", "severity": "error", "sheet": "Tasks", "cell": "E7"}]
    version = VersionData(
        content_hash=sha(content),
        raw=content,
        raw_kind="xlsx",
        file_name=key,
        received_at=at(received),
        source_modified=modified_at,
        readable=readable,
        valid=valid and readable,
        institution=institution if readable else None,
        period=period if readable else None,
        kind=("annual" if len(period) == 4 else "monthly") if readable else None,
        due=dt.date(2018, 4, 6) if readable else None,
        on_time=True if readable else None,
        days_late=0 if readable else None,
        issues=json.dumps(problems),
        report=json.dumps({"institution": institution, "period": period}) if readable else None,
    )
    return Arrival(source, key, len(content), modified_at, version)


def add(ledger: Ledger, item: ItemRow, content: bytes, **options: Any) -> tuple[VersionRow, bool]:
    [(version_id, added)] = ledger.record([arrival(item.key, content, source=item.source, **options)])
    return version_row(ledger, version_id), added


def version_row(ledger: Ledger, version_id: int) -> VersionRow:
    return next(v for v in ledger.versions() if v.id == version_id)


def touch(ledger: Ledger, key: str, content: bytes, seen: int, source: str = SOURCE) -> ItemRow:
    return ledger.touch_item(
        source, key, size=len(content), modified=at(seen), content_hash=sha(content), seen_at=at(seen)
    )


# -- schema ----------------------------------------------------------------------------------------------


def test_migration_creates_the_tables_and_is_idempotent(url: str) -> None:
    ledger = Ledger.open(url)
    try:
        ledger.migrate()
        ledger.migrate()
        assert {"items", "versions", "runs", "tokens", "alembic_version"} <= set(
            inspect(ledger.engine).get_table_names()
        )
        with ledger.engine.connect() as conn:
            assert conn.execute(text("SELECT version_num FROM alembic_version")).scalars().all() == [HEAD_REVISION]
            # The migration builds exactly what the code's table definitions describe.
            assert compare_metadata(MigrationContext.configure(conn), metadata) == []
            if conn.dialect.name == "sqlite":
                assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
                assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
                assert conn.execute(text("PRAGMA busy_timeout")).scalar() == 30_000
    finally:
        ledger.close()
    reopened = Ledger.open(url)  # an existing, current database opens as is
    reopened.close()


KILLED_WHILE_CREATING_THE_LEDGER = """
import os, signal, sys
from sqlalchemy import Engine, event
from apmon.sync.ledger import Ledger

created = []


@event.listens_for(Engine, "after_cursor_execute")  # every engine: the one the ledger makes too
def after(conn, cursor, statement, *_):
    if statement.lstrip().upper().startswith("CREATE TABLE"):
        created.append(statement)
        if len(created) == 2:  # killed (kill -9, a power cut) once the migration has created two tables
            os.kill(os.getpid(), signal.SIGKILL)


Ledger.open(sys.argv[1])
"""


def test_a_ledger_whose_creation_was_killed_opens_whole_on_the_next_run(url: str) -> None:
    done = subprocess.run(
        [sys.executable, "-c", KILLED_WHILE_CREATING_THE_LEDGER, url],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == -signal.SIGKILL, done.stderr
    ledger = Ledger.open(url)  # before: "table items already exists", on every run until deleted by hand
    try:
        with ledger.engine.connect() as conn:
            assert conn.execute(text("SELECT version_num FROM alembic_version")).scalars().all() == [HEAD_REVISION]
            assert compare_metadata(MigrationContext.configure(conn), metadata) == []
    finally:
        ledger.close()


def _schema(engine: Any) -> dict[str, Any]:
    """Every table's columns, keys, indexes and constraints as the database describes them, and Alembic's revision."""
    found: dict[str, Any] = {}
    described = inspect(engine)
    for table in sorted(described.get_table_names()):
        found[table] = [
            [(c["name"], str(c["type"]), c["nullable"], c.get("default")) for c in described.get_columns(table)],
            described.get_pk_constraint(table),
            sorted(map(str, described.get_foreign_keys(table))),
            sorted(map(str, described.get_indexes(table))),
            sorted(map(str, described.get_unique_constraints(table))),
            sorted(map(str, described.get_check_constraints(table))),
        ]
    with engine.connect() as conn:
        found["revision"] = conn.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
    return found


def migrations(conn: Connection | None = None) -> AlembicConfig:
    """Alembic's configuration of the ledger's migrations; with `conn`, they run on it, in its transaction."""
    config = AlembicConfig()
    config.set_main_option("script_location", str(MIGRATIONS))
    if conn is not None:
        config.attributes["connection"] = conn
    return config


def test_a_new_sqlite_ledger_has_the_schema_the_migrations_make(tmp_path: Path) -> None:
    """A new SQLite ledger is made from the table definitions at once and stamped; the migrations (which upgrade
    older ledgers and make PostgreSQL ones) must make the very same schema."""
    migrated = create_engine(sqlite_url(tmp_path / "migrated.sqlite"))
    with migrated.begin() as conn:
        command.upgrade(migrations(conn), "head")
        assert compare_metadata(MigrationContext.configure(conn), metadata) == []
    new = Ledger.open(sqlite_url(tmp_path / "new.sqlite"))
    try:
        assert _schema(new.engine) == _schema(migrated)
        assert _schema(migrated)["revision"] == [HEAD_REVISION]
    finally:
        new.close()
        migrated.dispose()


def test_a_new_sqlite_ledger_is_made_without_loading_alembic(tmp_path: Path) -> None:
    """Alembic's import and every migration cost some tenths of a second of a first `apmon sync run`."""
    code = (
        "import sys\n"
        "from apmon.sync.ledger import Ledger\n"
        "Ledger.open(sys.argv[1]).close()\n"
        "print('alembic' in sys.modules)\n"
    )
    url = sqlite_url(tmp_path / "ledger.sqlite")
    done = subprocess.run([sys.executable, "-c", code, url], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["False"]
    assert (tmp_path / "ledger.sqlite").exists()


def test_the_head_revision_the_ledger_knows_is_the_newest_migration() -> None:
    assert ScriptDirectory.from_config(migrations()).get_current_head() == HEAD_REVISION


def test_a_ledger_of_the_first_schema_is_upgraded_and_keeps_which_version_is_newest(url: str) -> None:
    engine = create_engine(url)
    with engine.begin() as conn:
        command.upgrade(migrations(conn), "0001")
        item = conn.execute(
            items_table.insert().values(source=SOURCE, key="a.xlsx", first_seen=at(0), last_seen=at(0))
        ).inserted_primary_key[0]
        for n, content in enumerate((b"v1", b"v2")):
            columns = arrival("a.xlsx", content, received=10 * n).version.columns()
            conn.execute(versions_table.insert().values(item_id=item, **columns))
    engine.dispose()

    ledger = Ledger.open(url)
    try:
        first, second = ledger.versions()
        assert [v.id for v in ledger.current()[1]] == [second.id]
        [(again, added)] = ledger.record([arrival("a.xlsx", b"v1", received=30)])  # the first file restored
        assert (again, added) == (first.id, False)
        assert [v.id for v in ledger.current()[1]] == [first.id]
    finally:
        ledger.close()


def test_reports_issued_before_their_texts_were_kept_are_upgraded_and_the_step_undone(url: str) -> None:
    """0007 adds where a final report keeps the texts it printed; the reports issued before read back without."""
    engine = create_engine(url)
    issued = {
        "kind": "final", "first_period": "2017", "last_period": "2018", "issued_at": T0, "cut_off": T0,
        "run_id": None, "lang": "sr-Latn", "files": '["final-2017-2018-sr-Latn.pdf"]',
    }  # fmt: skip
    with engine.begin() as conn:
        config = migrations(conn)
        command.upgrade(config, "0006")
        conn.execute(issued_reports_table.insert().values(**issued))  # without the texts column: 0006's
        command.upgrade(config, "head")
    ledger = Ledger.open(url)
    try:
        [before] = ledger.issued("final")
        assert (before.files, before.texts) == (["final-2017-2018-sr-Latn.pdf"], None)
        texts = [{"kind": "conclusion", "text": "Saradnja je ojačana."}]
        ledger.record_issued(
            kind="final", first_period="2017", last_period="2018", issued_at=T0, cut_off=T0, run_id=None,
            lang="sr-Latn", files=["b.pdf"], texts=texts,
        )  # fmt: skip
        assert [r.texts for r in ledger.issued("final")] == [None, texts]
    finally:
        ledger.close()
    with engine.begin() as conn:
        command.downgrade(migrations(conn), "0006")
        assert "texts" not in {c["name"] for c in inspect(conn).get_columns("issued_reports")}
        assert conn.execute(text("SELECT count(*) FROM issued_reports")).scalar() == 2
    engine.dispose()


def test_reports_issued_before_their_issuer_was_kept_are_upgraded_and_the_step_undone(url: str) -> None:
    """0013 adds who issued a report; the reports issued before read back with no one named, never a guess."""
    engine = create_engine(url)
    issued = {
        "kind": "council", "first_period": "2017-12", "last_period": "2018-01", "issued_at": T0, "cut_off": T0,
        "run_id": None, "lang": "sr-Latn", "files": '["council.pdf"]', "texts": None,
    }  # fmt: skip
    with engine.begin() as conn:
        config = migrations(conn)
        command.upgrade(config, "0012")
        conn.execute(issued_reports_table.insert().values(**issued))  # without the issued_by column: 0012's
        command.upgrade(config, "head")
    ledger = Ledger.open(url)
    try:
        ledger.record_issued(
            kind="council", first_period="2018-02", last_period="2018-03", issued_at=T0, cut_off=T0, run_id=None,
            lang="sr-Latn", files=["b.pdf"], issued_by="Marko Marković",
        )  # fmt: skip
        assert [r.issued_by for r in ledger.issued("council")] == [None, "Marko Marković"]
    finally:
        ledger.close()
    with engine.begin() as conn:
        command.downgrade(migrations(conn), "0012")
        assert "issued_by" not in {c["name"] for c in inspect(conn).get_columns("issued_reports")}
        assert conn.execute(text("SELECT count(*) FROM issued_reports")).scalar() == 2
    engine.dispose()


def test_a_master_written_before_arrivals_were_counted_is_written_again_and_the_step_undone(url: str) -> None:
    """0008 keeps how many arrivals the master was made from; a master written before is not known to hold every
    arrival, so the first run after the upgrade writes it again."""
    engine = create_engine(url)
    written = {
        "started_at": T0, "finished_at": T0, "trigger": "cli", "files_seen": 1, "files_changed": 1,
        "versions_added": 1, "errors": "[]", "master_written_at": T0,
    }  # fmt: skip
    with engine.begin() as conn:
        command.upgrade(migrations(conn), "0007")
        conn.execute(runs_table.insert().values(**written))  # without the master_arrivals column: 0007's
    ledger = Ledger.open(url)
    try:
        assert ledger.runs()[0].master_arrivals is None and ledger.master_stale()
        run = ledger.start_run("cli", at(1))
        ledger.master_written(run, at(2), arrivals=ledger.arrival_count())
        assert not ledger.master_stale()
    finally:
        ledger.close()
    with engine.begin() as conn:
        command.downgrade(migrations(conn), "0007")
        assert "master_arrivals" not in {c["name"] for c in inspect(conn).get_columns("runs")}
        assert conn.execute(text("SELECT count(*) FROM runs")).scalar() == 2
    engine.dispose()


def test_a_ledger_before_the_coordinators_task_statuses_is_upgraded_and_the_step_undone(url: str) -> None:
    """0009 adds where the Coordinator records the status of a task led only by bodies that receive reports."""
    engine = create_engine(url)
    with engine.begin() as conn:
        command.upgrade(migrations(conn), "0008")
        assert not inspect(conn).has_table("task_statuses")
    ledger = Ledger.open(url)  # upgraded to the head
    try:
        ledger.record_task_status(task="1.1.3", period="2018-03", status="completed", note="", author="NK", at=T0)
        assert [r.status for r in ledger.task_status_records()] == ["completed"]
    finally:
        ledger.close()
    with engine.begin() as conn:
        command.downgrade(migrations(conn), "0008")
        assert not inspect(conn).has_table("task_statuses")
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar_one() == "0008"
    engine.dispose()


def test_versions_before_set_aside_was_kept_are_looked_at_once_and_the_step_undone(url: str) -> None:
    """0017 keeps why a version is no institution's submission (a blank template, a copy of the master an older run
    recorded): the versions with errors an older apmon stored are left to be looked at (a valid one is a report
    someone filled); one set aside counts nowhere and is still listed; the step undone, it counts as before."""
    ledger = Ledger.open(url)
    try:
        ledger.record([arrival("a.xlsx", b"v1", received=0), arrival("b.xlsx", b"v2", received=1, valid=False)])
        assert ledger.not_looked_at() == []  # a run of this apmon looks at what it records as it comes
        ledger.downgrade("0016")
    finally:
        ledger.close()
    ledger = Ledger.open(url)  # upgraded again, as from an older apmon
    try:
        refused = [v.id for v in ledger.versions() if not v.valid]
        assert [v.id for v in ledger.not_looked_at()] == refused
        assert [v.id for v in ledger.current()[1]] == refused  # the invalid one is the newest, shown
        ledger.set_aside({refused[0]: "blank-template"})
        assert ledger.not_looked_at() == []
        assert [v.id for v in ledger.current()[1]] != refused and len(ledger.versions()) == 2
        assert [v.set_aside for v in ledger.versions() if not v.valid] == ["blank-template"]
    finally:
        ledger.close()
    engine = create_engine(url)
    with engine.begin() as conn:
        command.downgrade(migrations(conn), "0016")
        assert "set_aside" not in {c["name"] for c in inspect(conn).get_columns("versions")}
        assert conn.execute(text("SELECT count(*) FROM versions")).scalar_one() == 2
    engine.dispose()


def test_runs_before_the_master_file_was_kept_are_upgraded_and_the_step_undone(url: str) -> None:
    """0012 keeps the file each master write went to; a write recorded before reads back as the master's own (None),
    the next write names its file, and the last write's is the one asked for."""
    engine = create_engine(url)
    written = {
        "started_at": T0, "finished_at": T0, "trigger": "cli", "files_seen": 1, "files_changed": 1,
        "versions_added": 1, "errors": "[]", "master_written_at": T0, "master_arrivals": 0,
    }  # fmt: skip
    with engine.begin() as conn:
        command.upgrade(migrations(conn), "0011")
        conn.execute(runs_table.insert().values(**written))  # without the master_file column: 0011's
    ledger = Ledger.open(url)
    try:
        assert [r.master_file for r in ledger.runs()] == [None] and ledger.master_file() is None
        run = ledger.start_run("cli", at(1))
        ledger.master_written(run, at(2), arrivals=0, file="master.apmon.xlsx")
        assert ledger.master_file() == "master.apmon.xlsx"
        assert [r.master_file for r in ledger.runs()] == [None, "master.apmon.xlsx"]
    finally:
        ledger.close()
    with engine.begin() as conn:
        command.downgrade(migrations(conn), "0011")
        assert "master_file" not in {c["name"] for c in inspect(conn).get_columns("runs")}
        assert conn.execute(text("SELECT count(*) FROM runs")).scalar() == 2
    engine.dispose()


def test_runs_before_the_masters_stat_was_kept_are_upgraded_and_the_step_undone(url: str) -> None:
    """0014 keeps the master file's (mtime_ns, size) as each master write left it; a write recorded before reads
    back without (its master, left alone for a chart, is written once more), the next write keeps it."""
    engine = create_engine(url)
    config = AlembicConfig()
    config.set_main_option("script_location", str(MIGRATIONS))
    written = {
        "started_at": T0, "finished_at": T0, "trigger": "cli", "files_seen": 1, "files_changed": 1,
        "versions_added": 1, "errors": "[]", "master_written_at": T0, "master_arrivals": 0,
        "master_file": "master.apmon.xlsx",
    }  # fmt: skip
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0013")
        conn.execute(runs_table.insert().values(**written))  # without the master_size column: 0013's
    ledger = Ledger.open(url)
    try:
        assert ledger.master_left() == ("master.apmon.xlsx", None)
        run = ledger.start_run("cli", at(1))
        a_2026_time = 1_780_000_000_123_456_789  # ns: past 2**32 and 2**53, as every file time now is
        ledger.master_written(run, at(2), arrivals=0, file="master.apmon.xlsx", master_stat=(a_2026_time, 48_211))
        assert ledger.master_left() == ("master.apmon.xlsx", (a_2026_time, 48_211))
        assert [(r.master_mtime_ns, r.master_size) for r in ledger.runs()] == [(None, None), (a_2026_time, 48_211)]
    finally:
        ledger.close()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "0013")
        assert not {"master_size", "master_mtime_ns"} & {c["name"] for c in inspect(conn).get_columns("runs")}
        assert conn.execute(text("SELECT count(*) FROM runs")).scalar() == 2
    engine.dispose()


def _with_a_run_at(url: str, revision: str) -> Engine:
    """The database at `url` upgraded to `revision` only, with a finished run recorded in it then (its columns)."""
    engine = create_engine(url)
    finished = {
        "started_at": T0, "finished_at": T0, "trigger": "cli", "files_seen": 1, "files_changed": 1,
        "versions_added": 1, "errors": "[]",
    }  # fmt: skip
    with engine.begin() as conn:
        command.upgrade(migrations(conn), revision)
        conn.execute(runs_table.insert().values(**finished))
    return engine


def test_runs_before_moved_folders_were_kept_are_upgraded_and_the_step_undone(url: str) -> None:
    """0010 keeps the reports folders a run found moved; a run recorded before reads back as having found none."""
    engine = _with_a_run_at(url, "0009")  # without the moved column: 0009's
    ledger = Ledger.open(url)
    try:
        moved = MovedFolder(old="folder:Z:/izvestaji", new="folder:Y:/izvestaji", files=3)
        run = ledger.start_run("cli", at(1))
        ledger.finish_run(run, at(2), files_seen=3, files_changed=0, versions_added=0, errors=[], moved=[moved])
        assert [r.moved for r in ledger.runs()] == [[], [moved]]
    finally:
        ledger.close()
    with engine.begin() as conn:
        command.downgrade(migrations(conn), "0009")
        assert "moved" not in {c["name"] for c in inspect(conn).get_columns("runs")}
        assert conn.execute(text("SELECT count(*) FROM runs")).scalar() == 2
    engine.dispose()


def test_runs_before_their_notices_were_kept_are_upgraded_and_the_step_undone(url: str) -> None:
    """0018 keeps what a run set aside of an older apmon's versions, said (`runs.notices`), with its decisions: a run
    recorded before reads back as having none; one cut short after the decisions gives them to the run that closes
    it, and they go on to the next if that run is cut short too; the step undone, the runs stay."""
    engine = _with_a_run_at(url, "0017")  # without the notices column: 0017's
    ledger = Ledger.open(url)
    try:
        ledger.record([arrival("a.xlsx", b"v1", received=0, valid=False)])
        [version] = ledger.versions()
        killed = ledger.start_run("cli", at(1))
        said = "Prazni obrasci koje su ranije sinhronizacije zabeležile: 1: MUP_2018-03.xlsx (verzije: 1)"
        ledger.set_aside({version.id: "blank-template"}, killed, [said])
        assert [r.notices for r in ledger.runs()] == [[], [said]]
        closing = ledger.start_run("cli", at(2))
        assert [r.notices for r in ledger.close_interrupted_runs(closing, at(3))] == [[said]]
        assert ledger.close_interrupted_runs(closing, at(4)) == []  # closed once: said once
        # the run that took them over killed too before it ended: they go on to the next
        after = ledger.start_run("cli", at(5))
        ledger.set_aside({version.id: "blank-template"}, closing, ["more"])  # its own, said after them
        assert [r.notices for r in ledger.close_interrupted_runs(after, at(6))] == [[said, "more"]]
    finally:
        ledger.close()
    with engine.begin() as conn:
        command.downgrade(migrations(conn), "0017")
        assert "notices" not in {c["name"] for c in inspect(conn).get_columns("runs")}
        assert conn.execute(text("SELECT count(*) FROM runs")).scalar() == 4
        assert conn.execute(text("SELECT set_aside FROM versions")).scalar_one() == "blank-template"
    engine.dispose()


def test_a_database_from_a_newer_apmon_is_refused(url: str) -> None:
    Ledger.open(url).close()
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    engine.dispose()
    with pytest.raises(LedgerError, match=r"upgraded by a newer apmon.*upgrade apmon") as caught:
        Ledger.open(url)
    # ... and the way back, for an IT administrator who returns to this apmon
    assert f"apmon ledger downgrade {HEAD_REVISION}" in caught.value.said("sr-Latn")


def test_apmon_ledger_downgrade_takes_the_tables_back_and_keeps_the_reports(url: str, tmp_path: Path) -> None:
    """Going back to an older apmon: the newer one takes the tables back to the revision the older one names (in
    one transaction, under the sync lock); the reports stay, and the newer apmon upgrades them again."""
    from typer.testing import CliRunner

    from apmon.cli.app import app

    ledger = Ledger.open(url)
    ledger.record([arrival("a.xlsx", b"v1", received=0), arrival("b.xlsx", b"v2", received=1, institution="MZ")])
    newest = [v.id for v in ledger.current()[1]]
    ledger.close()
    config = tmp_path / "apmon.toml"
    config.write_text(f'[sync]\ndata_dir = "{tmp_path.as_posix()}"\nledger = "{url}"\n')

    def downgrade(revision: str) -> Any:
        return CliRunner().invoke(app, ["ledger", "downgrade", revision, "--config", str(config), "--lang", "en"])

    for wrong in (HEAD_REVISION, "9999"):
        refused = downgrade(wrong)
        assert refused.exit_code == 1 and "no earlier revision" in refused.output, refused.output
    done = downgrade("0001")
    assert done.exit_code == 0, done.output
    engine = create_engine(url)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar_one() == "0001"
        assert conn.execute(text("SELECT count(*) FROM versions")).scalar_one() == 2
        assert not inspect(conn).has_table("arrivals")
    engine.dispose()
    again = Ledger.open(url)  # this apmon upgrades it again, the reports in it
    try:
        assert [v.id for v in again.current()[1]] == newest
    finally:
        again.close()


def test_there_is_no_way_to_delete_but_the_personal_data_purge() -> None:
    found = [name for name in dir(Ledger) if name.startswith(("delete", "remove", "drop", "purge"))]
    assert found == ["purge_personal_data"]


def test_datetimes_are_utc_aware_in_and_out(ledger: Ledger) -> None:
    belgrade = dt.timezone(dt.timedelta(hours=2))
    seen = dt.datetime(2018, 4, 2, 10, 30, 15, 123456, tzinfo=belgrade)
    item = ledger.touch_item(SOURCE, "a.xlsx", size=None, modified=None, content_hash=None, seen_at=seen)
    assert item.first_seen == seen
    assert item.first_seen.utcoffset() == dt.timedelta(0)
    assert item.first_seen.hour == 8
    with pytest.raises(ValueError, match="naive"):
        ledger.touch_item(
            SOURCE, "b.xlsx", size=None, modified=None, content_hash=None, seen_at=dt.datetime(2018, 1, 1)
        )


# -- versions --------------------------------------------------------------------------------------------


def test_a_submits_turn_reads_the_accepted_version_and_records_all_or_nothing(ledger: Ledger) -> None:
    """`submit_turn` (the add-in's Submit): what is accepted when the turn comes, and its arrival recorded with the
    turn; a turn that fails records nothing. Submits at once are in tests/test_addin_submits_at_once.py."""
    with ledger.submit_turn("MUP", "2018-03") as turn:
        assert turn.accepted is None
        first, added = turn.record(arrival("MUP/2018-03", b"first", received=0, source="addin"))
    assert added
    with pytest.raises(RuntimeError), ledger.submit_turn("MUP", "2018-03") as turn:
        assert turn.accepted is not None and turn.accepted.id == first
        turn.record(arrival("MUP/2018-03", b"second", received=1, source="addin"))
        raise RuntimeError("the request failed before its answer")
    assert [v.id for v in ledger.versions("MUP")] == [first] and len(ledger.arrivals([first])) == 1
    with ledger.submit_turn("MZ", "2018-03") as turn:  # another institution's report: its own accepted version
        assert turn.accepted is None


def test_identical_content_is_stored_once_even_from_two_items(ledger: Ledger) -> None:
    content = b"PK the same workbook"
    first = touch(ledger, "MUP/2018-03.xlsx", content, 0)
    copy = touch(ledger, "copies/MUP-2018-03.xlsx", content, 1)
    stored, added = add(ledger, first, content, received=0)
    again, added_again = add(ledger, copy, content, received=1)
    assert added and not added_again
    assert again == stored
    assert again.item_id == first.id
    assert len(ledger.versions()) == 1
    assert ledger.raw(stored.id) == content
    assert stored.report_json is not None and json.loads(stored.report_json) == {
        "institution": "MUP",
        "period": "2018-03",
    }
    with pytest.raises(KeyError):
        ledger.raw(stored.id + 100)


def test_a_batch_is_one_transaction_that_stores_each_content_once(ledger: Ledger) -> None:
    old, _ = add(ledger, touch(ledger, "old.xlsx", b"old", 0), b"old", received=0)
    batch = [
        arrival("a.xlsx", b"A", received=10),
        arrival("copy-of-a.xlsx", b"A", received=11),  # the same content twice in one batch
        arrival("old-again.xlsx", b"old", received=12),  # content the ledger already holds
        arrival("c.xlsx", b"C", received=13),
    ]
    result = ledger.record(batch)
    a, c = (version_row(ledger, version_id) for version_id, _ in (result[0], result[3]))
    assert result == [(a.id, True), (a.id, False), (old.id, False), (c.id, True)]
    assert (ledger.raw(a.id), ledger.raw(c.id)) == (b"A", b"C")
    items = {item.key: item for item in ledger.items(SOURCE)}
    assert a.item_id == items["a.xlsx"].id
    assert {key: item.content_hash for key, item in items.items()} == {
        "old.xlsx": sha(b"old"),
        "a.xlsx": sha(b"A"),
        "copy-of-a.xlsx": sha(b"A"),
        "old-again.xlsx": sha(b"old"),
        "c.xlsx": sha(b"C"),
    }
    assert items["c.xlsx"].last_seen == at(13)

    # One arrival that cannot be stored (a naive time) stops the batch before anything of it is written.
    good = arrival("d.xlsx", b"D", received=20)
    bad = arrival("e.xlsx", b"E", received=21)
    bad = replace(bad, version=replace(bad.version, source_modified=dt.datetime(2018, 4, 2)))
    with pytest.raises(ValueError, match="naive"):
        ledger.record([good, bad])
    assert ledger.get_item(SOURCE, "d.xlsx") is None
    assert len(ledger.versions()) == 3
    assert ledger.record([]) == []


def test_a_newer_valid_version_supersedes(ledger: Ledger) -> None:
    item = touch(ledger, "MUP/2018-03.xlsx", b"v1", 0)
    v1, _ = add(ledger, item, b"v1", received=0)
    v2, _ = add(ledger, item, b"v2", received=10)
    assert [v.id for v in ledger.accepted()] == [v2.id]
    assert [v.id for v in ledger.current()[1]] == [v2.id]
    assert [v.id for v in ledger.versions("MUP", "2018-03")] == [v1.id, v2.id]


def test_between_files_newest_is_by_source_time_then_arrival(ledger: Ledger) -> None:
    item = touch(ledger, "MUP/2018-03.xlsx", b"new", 60)
    newer, _ = add(ledger, item, b"new", received=60, modified=50)
    other = touch(ledger, "old/MUP-march.xlsx", b"old", 70)
    older, _ = add(ledger, other, b"old", received=70, modified=5)  # an older file fetched later
    assert [v.id for v in ledger.accepted()] == [newer.id]
    assert [v.id for v in ledger.versions()] == [older.id, newer.id]


def test_a_file_time_after_its_arrival_is_a_wrong_clock_and_wins_nothing(ledger: Ledger) -> None:
    item = touch(ledger, "MUP/2018-03.xlsx", b"wrong clock", 0)
    add(ledger, item, b"wrong clock", received=0, modified=10**6)  # saved on a computer whose clock is years ahead
    other = touch(ledger, "MUP/2018-03 ispravka.xlsx", b"corrected", 10)
    corrected, _ = add(ledger, other, b"corrected", received=10, modified=5)
    assert [v.id for v in ledger.accepted()] == [corrected.id]


def test_a_files_current_content_counts_whatever_its_modified_time(ledger: Ledger) -> None:
    item = touch(ledger, "MUP/2018-03.xlsx", b"new", 0)
    add(ledger, item, b"new", received=0, modified=50)
    older, _ = add(ledger, item, b"old", received=10, modified=5)  # an older file copied back over it
    assert [v.id for v in ledger.accepted()] == [older.id]
    assert [(v.id, v.file_name) for v in ledger.current()[1]] == [(older.id, "MUP/2018-03.xlsx")]


def test_content_that_comes_back_is_the_newest_again(ledger: Ledger) -> None:
    item = touch(ledger, "MUP/2018-03.xlsx", b"v1", 0)
    v1, _ = add(ledger, item, b"v1", received=0)
    v2, _ = add(ledger, item, b"v2", received=10)
    again, added = add(ledger, item, b"v1", received=20)  # the first file restored
    assert (again.id, added) == (v1.id, False)
    assert [v.id for v in ledger.current()[1]] == [v1.id]
    assert [v.id for v in ledger.accepted()] == [v1.id]
    assert [v.id for v in ledger.versions("MUP", "2018-03")] == [v1.id, v2.id]  # still stored once each

    bad, _ = add(ledger, item, b"v3", received=30, valid=False)
    add(ledger, item, b"v3", received=40, valid=False)  # an invalid version that comes back stays invalid
    assert [v.id for v in ledger.current()[1]] == [bad.id]
    assert [v.id for v in ledger.accepted()] == [v1.id]


def test_the_same_unreadable_file_under_two_names_shows_once(ledger: Ledger) -> None:
    add(ledger, touch(ledger, "scan.pdf", b"%PDF", 0), b"%PDF", received=0, readable=False)
    add(ledger, touch(ledger, "copy of scan.pdf", b"%PDF", 1), b"%PDF", received=1, readable=False)
    (shown,) = ledger.current()[1]
    assert shown.file_name == "copy of scan.pdf"  # under the name it last came in


def test_a_newer_invalid_version_is_kept_but_never_replaces_the_last_valid(ledger: Ledger) -> None:
    item = touch(ledger, "MUP/2018-03.xlsx", b"good", 0)
    good, _ = add(ledger, item, b"good", received=0)
    bad, added = add(ledger, item, b"bad", received=10, valid=False)
    assert added
    assert [v.id for v in ledger.current()[1]] == [bad.id]
    assert ledger.current()[1][0].issues[0]["code"] == "missing-status"
    assert [v.id for v in ledger.accepted()] == [good.id]
    assert len(ledger.versions("MUP")) == 2


def test_reports_are_kept_apart_by_institution_and_period(ledger: Ledger) -> None:
    mup = touch(ledger, "MUP/2018-03.xlsx", b"a", 0)
    mup_annual = touch(ledger, "MUP/2017.xlsx", b"b", 0)
    mrz = touch(ledger, "MRZ/2018-03.xlsx", b"c", 0)
    add(ledger, mup, b"a", received=0)
    add(ledger, mup_annual, b"b", received=1, period="2017")
    add(ledger, mrz, b"c", received=2, institution="MRZ", valid=False)
    latest = [(v.institution, v.period) for v in ledger.current()[1]]
    assert latest == [("MRZ", "2018-03"), ("MUP", "2017"), ("MUP", "2018-03")]
    assert [(v.institution, v.period) for v in ledger.accepted()] == [("MUP", "2017"), ("MUP", "2018-03")]
    assert [v.period for v in ledger.versions(period="2018-03")] == ["2018-03", "2018-03"]


def test_unreadable_versions_show_while_newest_of_their_item(ledger: Ledger) -> None:
    broken = touch(ledger, "MUP/broken.xlsx", b"garbage", 0)
    fixed_later = touch(ledger, "MRZ/2018-03.xlsx", b"garbage 2", 0)
    unreadable, _ = add(ledger, broken, b"garbage", received=0, readable=False)
    add(ledger, fixed_later, b"garbage 2", received=1, readable=False)
    fixed, _ = add(ledger, fixed_later, b"fixed", received=5, institution="MRZ")
    assert unreadable.institution is None and unreadable.kind is None and not unreadable.valid
    assert [v.id for v in ledger.current()[1]] == [fixed.id, unreadable.id]
    assert [v.id for v in ledger.accepted()] == [fixed.id]


def _of_plan(key: str, content: bytes, plan_id: str, code: str = "report-of-earlier-plan") -> Arrival:
    """A file refused for being Action Plan `plan_id`'s, not the monitored plan's (its `_apmon` B2 names it)."""
    refused = arrival(key, content, received=0, valid=False)
    issues = json.dumps([{"code": code, "severity": "error", "sheet": "_apmon", "cell": "B2", "value": plan_id}])
    return replace(refused, version=replace(refused.version, institution=None, period=None, issues=issues))


def test_a_version_refused_for_another_plan_is_found_by_that_plan_while_its_file_holds_it(ledger: Ledger) -> None:
    ledger.record(
        [
            _of_plan("late.xlsx", b"late", "ap-2017-2018"),
            _of_plan("next.xlsx", b"next", "ap-2019-2020", code="plan-mismatch"),
            _of_plan("replaced.xlsx", b"old", "ap-2017-2018"),
            _of_plan("gone.xlsx", b"gone", "ap-2017-2018"),
        ]
    )
    add(ledger, ledger.get_item(SOURCE, "replaced.xlsx"), b"new", received=5)  # type: ignore[arg-type]
    ledger.mark_missing(SOURCE, {"late.xlsx", "next.xlsx", "replaced.xlsx"}, at(10))
    found = ledger.refused_for_plan("ap-2017-2018")
    assert [(version.content_hash, item.key) for version, item in found] == [(sha(b"late"), "late.xlsx")]
    assert [item.key for _, item in ledger.refused_for_plan("ap-2019-2020")] == ["next.xlsx"]
    assert ledger.refused_for_plan("ap-2021-2022") == []
    # Its new reading is a version of its own; the file still holds (and is known by) the bytes refused.
    again = arrival("late.xlsx", b"late, judged again", received=20, period="2018")
    ledger.record([replace(again, item_hash=sha(b"late"))])
    assert ledger.get_item(SOURCE, "late.xlsx").content_hash == sha(b"late")  # type: ignore[union-attr]
    assert [v.valid for v in ledger.versions() if v.file_name == "late.xlsx"] == [False, True]


# -- items -----------------------------------------------------------------------------------------------


def test_mark_missing_flags_the_item_keeps_versions_and_a_reappearing_item_clears_the_flag(ledger: Ledger) -> None:
    a = touch(ledger, "a.xlsx", b"a", 0)
    b = touch(ledger, "b.xlsx", b"b", 0)
    touch(ledger, "other.xlsx", b"o", 0, source="google:FOLDER")
    add(ledger, a, b"a", received=0)
    vb, _ = add(ledger, b, b"b", received=0, institution="MRZ")
    assert ledger.get_item(SOURCE, "b.xlsx") == b and b.missing_since is None

    gone = ledger.mark_missing(SOURCE, {"a.xlsx"}, at(60))
    assert [(i.key, i.missing_since) for i in gone] == [("b.xlsx", at(60))]
    still_gone = ledger.mark_missing(SOURCE, {"a.xlsx"}, at(120))
    assert [(i.key, i.missing_since) for i in still_gone] == [("b.xlsx", at(60))]  # the first miss stays
    assert ledger.get_item("google:FOLDER", "other.xlsx").missing_since is None  # type: ignore[union-attr]
    assert ledger.missing_items() == {b.id}
    assert ledger.raw(vb.id) == b"b"
    assert vb.id in [v.id for v in ledger.accepted()]

    back = touch(ledger, "b.xlsx", b"b", 180)
    assert back.missing_since is None and ledger.missing_items() == set()
    assert back.first_seen == at(0) and back.last_seen == at(180)
    assert back.id == b.id
    assert [i.key for i in ledger.items(SOURCE)] == ["a.xlsx", "b.xlsx"]
    assert len(ledger.items()) == 3
    assert ledger.get_item(SOURCE, "nothing.xlsx") is None


# -- runs ------------------------------------------------------------------------------------------------


def test_each_file_taken_over_from_a_moved_folder_is_counted_with_its_run_at_once(ledger: Ledger) -> None:
    """In the take-over's own transaction, before the run finishes: a run killed after it still tells of the move."""
    run = ledger.start_run("schedule", at(0))
    moved_to, drive_before, drive_now = "folder:/srv/novi", "google:stari", "google:novi"
    for key in ("MZ/a.xlsx", "MUP/b.xlsx"):
        touch(ledger, key, key.encode(), 0)
        taken = ledger.take_over(
            moved_to, key, size=1, modified=at(1), content_hashes={sha(key.encode())}, not_from=[moved_to],
            seen_at=at(1), run_id=run,
        )  # fmt: skip
        assert taken == SOURCE
    touch(ledger, "sheet-id-1", b"sheet", 0, source=drive_before)
    assert ledger.take_over_file(
        drive_now, "sheet-id-1", modified=at(0), not_from=[drive_now], seen_at=at(1), run_id=run
    )
    (cut,) = ledger.runs()
    assert cut.finished_at is None
    assert cut.moved == [
        MovedFolder(old=SOURCE, new=moved_to, files=2),
        MovedFolder(old=drive_before, new=drive_now, files=1),
    ]


def test_what_the_last_run_could_not_read_is_kept_until_a_run_reads_it(ledger: Ledger) -> None:
    """`apmon remind` and the briefs, run apart from the sync, learn from the ledger which reports the last run saw
    but could not read, and which sources it could not list; the next run replaces both."""
    first = ledger.start_run("schedule", at(0))
    reports = {"folder:/izvestaji": [("MZ", "2018-03"), ("MZ", "2018-03"), ("MUP", "2018")], "google:f1": None}
    ledger.note_not_read(first, reports)
    assert ledger.reports_not_read() == {("MZ", "2018-03"), ("MUP", "2018")}
    assert ledger.sources_not_listed() == ["google:f1"]

    second = ledger.start_run("schedule", at(10))  # MZ read, MUP's file gone, Drive listed again
    ledger.note_not_read(second, {"folder:/izvestaji": [], "google:f1": [("MFIN", "2018-03")]})
    assert ledger.reports_not_read() == {("MFIN", "2018-03")} and ledger.sources_not_listed() == []

    third = ledger.start_run("schedule", at(20))  # Drive no longer configured: none of it is waited for
    ledger.note_not_read(third, {"folder:/izvestaji": []})
    assert ledger.reports_not_read() == set() and ledger.sources_not_listed() == []


def test_what_each_run_could_not_read_is_kept_for_a_report_made_again_as_of_its_time(ledger: Ledger) -> None:
    """A brief made again `--as-of` a moment asks what the last run by then could not read, not the latest run:
    before, only the latest list was kept, and the reports not read then showed as missing."""
    first = ledger.start_run("schedule", at(0))
    ledger.note_not_read(first, {SOURCE: [("MZ", "2018-03")], "google:f1": None})
    ledger.finish_run(first, at(1), files_seen=1, files_changed=0, versions_added=0, errors=[])
    second = ledger.start_run("schedule", at(10))  # everything read
    ledger.note_not_read(second, {SOURCE: [], "google:f1": []})
    ledger.finish_run(second, at(11), files_seen=1, files_changed=1, versions_added=1, errors=[])
    ledger.start_run("schedule", at(20))  # cut short before it had read its sources: it keeps no list

    assert ledger.reports_not_read() == set() and ledger.sources_not_listed() == []  # the latest list: the second's
    assert ledger.reports_not_read(by=at(5)) == {("MZ", "2018-03")}
    assert ledger.reports_not_read(by=at(1)) == {("MZ", "2018-03")}  # a run finished at the cut-off is by it
    assert ledger.reports_not_read(by=at(25)) == set()
    assert ledger.reports_not_read(by=at(-1)) == set()  # no run by then
    assert ledger.reports_not_read(lambda source: source != SOURCE, by=at(5)) == set()


def test_a_report_made_again_as_of_a_runs_start_or_while_it_ran_takes_the_list_known_then(ledger: Ledger) -> None:
    """The ledger as it stood at the cut-off: a run's list is there once the run has read its sources (it is kept
    as the run finishes). As of the very moment a run started, or while it ran, the run before's list was the one
    in the ledger, and a brief issued then showed MZ's unread file as "file not read"; made again, it took the
    later run's list, which the cut-off could not know, and MZ showed as missing."""
    before = ledger.start_run("schedule", at(0))
    ledger.note_not_read(before, {SOURCE: [("MZ", "2018-03")]})
    ledger.finish_run(before, at(2), files_seen=1, files_changed=0, versions_added=0, errors=[])
    later = ledger.start_run("schedule", at(10))
    ledger.note_not_read(later, {SOURCE: [("MUP", "2018-03")]})  # MZ's file gone meanwhile, MUP's not read
    ledger.finish_run(later, at(14), files_seen=1, files_changed=0, versions_added=0, errors=[])

    assert ledger.reports_not_read(by=at(10)) == {("MZ", "2018-03")}  # exactly at the later run's start
    assert ledger.reports_not_read(by=at(13)) == {("MZ", "2018-03")}  # while it ran
    assert ledger.reports_not_read(by=at(14)) == {("MUP", "2018-03")}  # once it finished
    assert ledger.reports_not_read() == {("MUP", "2018-03")}


def test_a_reports_basis_is_the_last_run_finished_by_its_cut_off_not_one_started_by_it(ledger: Ledger) -> None:
    """A report made as of a run's very start, or while it ran, named that run as the one it was made from ("the
    last sync run before the cut-off no. 2", finished after the cut-off): a run whose results it cannot have had.
    The run finished by then is the ledger as it stood, as the not-read list of an --as-of report already takes."""
    before = ledger.start_run("schedule", at(0))
    ledger.finish_run(before, at(2), files_seen=1, files_changed=1, versions_added=1, errors=[])
    later = ledger.start_run("schedule", at(10))
    ledger.finish_run(later, at(14), files_seen=1, files_changed=0, versions_added=0, errors=[])

    def made_from(cut_off: dt.datetime) -> tuple[int | None, dt.datetime | None]:
        found = basis(ledger, cut_off, reproduced=True)
        return found.run_id, found.run_finished_at

    assert made_from(at(1)) == (None, None)  # the first run still running: no run finished yet
    assert made_from(at(2)) == (before, at(2))  # finished at the cut-off: by it
    assert made_from(at(10)) == (before, at(2))  # exactly at the later run's start
    assert made_from(at(13)) == (before, at(2))  # while it ran
    assert made_from(at(14)) == (later, at(14))
    # a configured day's report: of that day, with the ledger's records as they stand when it is made
    assert basis(ledger, at(1), reproduced=False, runs_by=at(13)).run_id == before


def test_the_last_runs_not_read_list_is_moved_into_its_run_and_the_step_undone(url: str) -> None:
    """0015 keeps what each run could not read with the run; the `not_read` table held the last run's list, which
    its run keeps (the runs before it keep none), and undone, the table holds it again."""
    engine = create_engine(url)
    config = AlembicConfig()
    config.set_main_option("script_location", str(MIGRATIONS))
    run = {"trigger": "schedule", "files_seen": 3, "files_changed": 0, "versions_added": 0}
    listed = [(SOURCE, "MZ", "2018-03"), (SOURCE, "MUP", "2018"), ("google:f1", None, None)]
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0014")
        conn.execute(runs_table.insert().values(started_at=at(0), finished_at=at(1), errors="[]", **run))
        conn.execute(runs_table.insert().values(started_at=at(10), finished_at=at(11), errors="[]", **run))
        for source, code, period in listed:  # 0014's table: the second run's list
            insert = "INSERT INTO not_read (run_id, source, institution, period) VALUES (2, :s, :c, :p)"
            conn.execute(text(insert), {"s": source, "c": code, "p": period})
        command.upgrade(config, "head")
    ledger = Ledger.open(url)
    try:
        assert ledger.reports_not_read() == {("MZ", "2018-03"), ("MUP", "2018")}
        assert ledger.sources_not_listed() == ["google:f1"]
        assert ledger.reports_not_read(by=at(5)) == set()  # the first run's list was never kept
    finally:
        ledger.close()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "0014")
        assert "not_read" not in {c["name"] for c in inspect(conn).get_columns("runs")}
        found = conn.execute(text("SELECT run_id, source, institution, period FROM not_read")).all()
        assert sorted(found, key=str) == sorted([(2, *row) for row in listed], key=str)
        assert conn.execute(text("SELECT count(*) FROM runs")).scalar() == 2
    engine.dispose()


def test_a_run_that_kept_an_unreadable_file_is_undone_to_0014(url: str) -> None:
    """Found in review, December 2026: a run keeps a file that could not be read for a reason of its own as a third
    field, [code, period, "unreadable"]; undoing 0015 (`apmon ledger downgrade 0014`) read two and stopped with
    "too many values to unpack". The table 0014 reads holds the report, as it held every report not read."""
    ledger = Ledger.open(url)
    try:
        run = ledger.start_run("schedule", at(0))
        ledger.note_not_read(
            run, {SOURCE: [("MZ", "2018-03"), ("MUP", "2018-03")]}, unreadable={SOURCE: [("MUP", "2018-03")]}
        )
        ledger.finish_run(run, at(1), files_seen=2, files_changed=0, versions_added=0, errors=[])
        assert ledger.reports_not_read(held_only=True) == {("MZ", "2018-03")}
        ledger.downgrade("0014")
    finally:
        ledger.close()
    engine = create_engine(url)
    with engine.connect() as conn:
        found = conn.execute(text("SELECT run_id, source, institution, period FROM not_read")).all()
    engine.dispose()
    assert sorted(found) == [(run, SOURCE, "MUP", "2018-03"), (run, SOURCE, "MZ", "2018-03")]


def test_undone_to_0015_the_runs_lists_hold_two_fields_a_report_as_0015_reads_them(url: str) -> None:
    """Found in review, December 2026: the mark of a file that could not be read came without a revision, so an apmon
    at 0015 took such a ledger for its own and stopped half-way reading a run's list. 0016 is that revision: such an
    apmon refuses the ledger as newer; undone, every run's list holds what 0015 knows, [code, period]."""
    ledger = Ledger.open(url)
    try:
        marked = ledger.start_run("schedule", at(0))
        reports = [("MZ", "2018-03"), ("MUP", "2018-03")]
        ledger.note_not_read(
            marked, {SOURCE: reports, "folder:/drugi": None}, unreadable={SOURCE: [("MUP", "2018-03")]}
        )
        ledger.finish_run(marked, at(1), files_seen=2, files_changed=0, versions_added=0, errors=[])
        ledger.downgrade("0015")
    finally:
        ledger.close()
    engine = create_engine(url)
    with engine.connect() as conn:
        (kept,) = conn.execute(text("SELECT not_read FROM runs WHERE id = :id"), {"id": marked}).scalars()
        (revision,) = conn.execute(text("SELECT version_num FROM alembic_version")).scalars()
    engine.dispose()
    assert revision == "0015"
    assert json.loads(kept) == {SOURCE: [["MUP", "2018-03"], ["MZ", "2018-03"]], "folder:/drugi": None}


def test_a_file_not_read_whose_name_names_no_institution_code_does_not_stop_the_run(ledger: Ledger) -> None:
    """An unreadable file named as apmon names templates, but with a long name where the code goes (an officer's
    own name for it): its "institution" is longer than any institution code can be. PostgreSQL refused the row
    (varchar(40)) and the whole run failed after reading every source; such a report is no institution's."""
    run = ledger.start_run("schedule", at(0))
    long_name = "Ministarstvo-za-rad-zaposljavanje-boracka-i-socijalna-pitanja"
    assert len(long_name) > 40
    ledger.note_not_read(run, {"folder:/izvestaji": [(long_name, "2018-03"), ("MZ", "2018-03")]})
    assert ledger.reports_not_read() == {("MZ", "2018-03")}


def test_runs_and_master_stale(ledger: Ledger) -> None:
    assert ledger.last_run() is None
    assert not ledger.master_stale()

    run1 = ledger.start_run("cli", at(0))
    item = touch(ledger, "MUP/2018-03.xlsx", b"v1", 1)
    add(ledger, item, b"v1", received=1)
    ledger.finish_run(run1, at(2), files_seen=1, files_changed=1, versions_added=1, errors=["Google: quota"])
    assert ledger.master_stale()  # crashed before the master was written
    ledger.master_written(run1, at(3), arrivals=ledger.arrival_count())
    assert not ledger.master_stale()
    last = ledger.last_run()
    assert last is not None
    assert (last.id, last.trigger, last.versions_added, last.errors) == (run1, "cli", 1, ["Google: quota"])
    assert (last.started_at, last.finished_at, last.master_written_at) == (at(0), at(2), at(3))

    run2 = ledger.start_run("schedule", at(10))
    ledger.finish_run(run2, at(11), files_seen=1, files_changed=0, versions_added=0, errors=[])
    assert not ledger.master_stale()  # nothing new: the master written by run 1 is current

    ledger.start_run("schedule", at(20))
    add(ledger, item, b"v2", received=21)  # the process dies here: no finish_run, no master
    assert ledger.master_stale()
    run4 = ledger.start_run("schedule", at(30))
    ledger.finish_run(run4, at(31), files_seen=1, files_changed=0, versions_added=0, errors=[])
    ledger.master_written(run4, at(32), arrivals=ledger.arrival_count())
    assert not ledger.master_stale()  # the next run repaired it

    # A run that added versions but never wrote the master is stale even if clocks disagree.
    run5 = ledger.start_run("addin", at(40))
    add(ledger, item, b"v3", received=25)
    ledger.finish_run(run5, at(41), files_seen=1, files_changed=1, versions_added=1, errors=[])
    assert ledger.master_stale()
    ledger.master_written(run5, at(42), arrivals=ledger.arrival_count())
    assert not ledger.master_stale()

    assert ledger.master_basis() is None
    run6 = ledger.start_run("cli", at(50))
    ledger.master_written(run6, at(51), "a" * 64, arrivals=ledger.arrival_count())
    ledger.start_run("cli", at(60))  # a run that wrote no master keeps the last basis
    assert ledger.master_basis() == "a" * 64

    assert [r.trigger for r in ledger.runs()] == ["cli", "schedule", "schedule", "schedule", "addin", "cli", "cli"]
    with pytest.raises(ValueError):
        ledger.start_run("cron", at(70))  # type: ignore[arg-type]
    with pytest.raises(KeyError):
        ledger.master_written(999, at(50), arrivals=ledger.arrival_count())


def test_a_master_written_while_the_clock_ran_ahead_hides_no_later_submit(ledger: Ledger) -> None:
    """A machine whose clock ran a year ahead wrote the master; the clock was put right and the master written
    again. A report that the add-in's Submit records afterwards (no run of its own) makes the master stale, so the
    next run writes it, and the status does not say the master is up to date."""
    a_year = 365 * 24 * 60
    ahead = ledger.start_run("schedule", at(a_year))
    ledger.finish_run(ahead, at(a_year), files_seen=0, files_changed=0, versions_added=0, errors=[])
    ledger.master_written(ahead, at(a_year + 1), arrivals=ledger.arrival_count())
    right = ledger.start_run("schedule", at(10))
    ledger.finish_run(right, at(10), files_seen=0, files_changed=0, versions_added=0, errors=[])
    ledger.master_written(right, at(11), arrivals=ledger.arrival_count())
    assert not ledger.master_stale()

    ledger.record([arrival("MUP-2018-03.xlsx", b"submitted from Excel", received=20)])
    assert ledger.master_stale()


def test_an_arrival_recorded_while_the_master_is_written_makes_it_stale(ledger: Ledger) -> None:
    """The master is made from the ledger as it was when its arrivals were counted: one recorded after that (an
    add-in's Submit while the master was written), whatever its time, makes it stale."""
    run = ledger.start_run("schedule", at(0))
    ledger.record([arrival("MZ-2018-03.xlsx", b"in the master", received=0)])
    ledger.finish_run(run, at(1), files_seen=1, files_changed=1, versions_added=1, errors=[])
    read = ledger.arrival_count()
    ledger.record([arrival("MUP-2018-03.xlsx", b"submitted meanwhile", received=1)])  # before the write is stamped
    ledger.master_written(run, at(2), arrivals=read)
    assert ledger.master_stale()
    again = ledger.start_run("schedule", at(10))
    ledger.master_written(again, at(11), arrivals=ledger.arrival_count())
    assert not ledger.master_stale()
    assert ledger.runs()[-1].master_arrivals == 2


# -- tokens ----------------------------------------------------------------------------------------------


def test_tokens_add_find_revoke(ledger: Ledger) -> None:
    mup1, mup2, coord = sha(b"t1"), sha(b"t2"), sha(b"t3")
    added = ledger.add_token("MUP", "institution", mup1, "MUP laptop", at(0))
    ledger.add_token("MUP", "institution", mup2, "MUP office", at(1))
    ledger.add_token("COORDINATOR", "coordinator", coord, "Coordinator", at(2))
    assert added.token_hash == mup1 and added.revoked_at is None and added.created_at == at(0)
    found = ledger.find_token(mup1)
    assert found is not None and (found.institution, found.role, found.label) == ("MUP", "institution", "MUP laptop")
    assert ledger.find_token(sha(b"unknown")) is None

    assert ledger.revoke_tokens("MUP", at(10)) == 2
    assert ledger.revoke_tokens("MUP", at(11)) == 0
    assert ledger.find_token(mup1) is None and ledger.find_token(mup2) is None
    assert ledger.find_token(coord) is not None
    assert [t.revoked_at for t in ledger.tokens()] == [at(10), at(10), None]
    with pytest.raises(ValueError, match="sha256"):
        ledger.add_token("MUP", "institution", "the-plain-token", "oops", at(12))


@pytest.mark.parametrize("token_id", [2**31, -(2**31) - 1, 2**63, 10**20])
def test_a_token_number_no_column_can_hold_is_no_such_token(ledger: Ledger, token_id: int) -> None:
    """`apmon token revoke --id 99999999999999999999` stopped with a traceback (SQLite: OverflowError, Python int
    too large to convert to SQLite INTEGER; PostgreSQL, whose id is an integer: out of range from 2**31): no token has
    such a number."""
    ledger.add_token("MUP", "institution", sha(b"t1"), "MUP laptop", at(0))
    assert ledger.revoke_token(token_id, at(1)) is None
    assert [t.revoked_at for t in ledger.tokens()] == [None]


def test_each_arrival_records_the_token_that_submitted_it_never_the_secret(ledger: Ledger) -> None:
    secret = "a-secret-token-value"
    token = ledger.add_token("MUP", "institution", sha(secret.encode()), "MUP laptop", at(0))
    sent = arrival("addin/MUP/2018-03", b"report", received=5)
    [(version_id, _)] = ledger.record([dataclasses.replace(sent, token_id=token.id)])
    # The same content fetched again by the sync: a second arrival, with no token.
    ledger.record([arrival("MUP_2018-03.xlsx", b"report", received=9)])

    arrivals = ledger.arrivals([version_id])
    assert [(a.token_id, a.token_label, a.token_institution) for a in arrivals] == [
        (token.id, "MUP laptop", "MUP"),
        (None, None, None),
    ]
    assert [a.received_at for a in arrivals] == [at(5), at(9)]
    with ledger.engine.connect() as conn:
        dumped = " ".join(
            str(row) for table in ("arrivals", "tokens") for row in conn.execute(text(f"SELECT * FROM {table}"))
        )
    assert secret not in dumped


JMBG = "0101990710008"  # a valid one: date of birth and control digit


def refused_for_personal_data(key: str, content: bytes, received: int) -> Arrival:
    problems = [
        {"code": "personal-data", "severity": "error", "sheet": "Tasks", "cell": "F4", "value": "01•••••••••06"},
        {"code": "amount-not-a-number", "severity": "error", "sheet": "Budget", "cell": "H5", "value": f"JMBG {JMBG}"},
    ]
    sent = arrival(key, content, received=received, valid=False)
    version = dataclasses.replace(
        sent.version, issues=json.dumps(problems), report=json.dumps({"progress": f"child {JMBG}"})
    )
    return dataclasses.replace(sent, version=version)


def test_personal_data_is_purged_after_the_retention_and_the_record_stays(ledger: Ledger) -> None:
    old = refused_for_personal_data("old.xlsx", f"old {JMBG}".encode(), received=0)
    recent = refused_for_personal_data("recent.xlsx", f"recent {JMBG}".encode(), received=100)
    [(old_id, _), (recent_id, _)] = ledger.record([old, recent])
    [(other_id, _)] = ledger.record([arrival("other.xlsx", b"an ordinary invalid report", received=0, valid=False)])

    assert ledger.purge_personal_data(arrived_before=at(50), at=at(200)) == [old_id]
    assert ledger.purge_personal_data(arrived_before=at(50), at=at(300)) == []  # done once

    purged = version_row(ledger, old_id)
    assert purged.raw_purged_at == at(200) and purged.report_json is None and not purged.valid
    assert (purged.file_name, purged.institution, purged.period) == ("old.xlsx", "MUP", "2018-03")
    assert [i["code"] for i in purged.issues] == ["personal-data", "amount-not-a-number"]
    assert JMBG not in json.dumps(purged.issues)
    with pytest.raises(PurgedError, match="purged on"):
        ledger.raw(old_id)
    with ledger.engine.connect() as conn:
        stored = conn.execute(select(versions_table).where(versions_table.c.id == old_id)).mappings().one()
    assert JMBG.encode() not in bytes(stored["raw"]) and JMBG not in str(dict(stored))

    assert ledger.raw(recent_id) == f"recent {JMBG}".encode()  # still within the retention
    assert ledger.raw(other_id) == b"an ordinary invalid report"  # no personal data: kept
    # The same content arriving again counts from its last arrival.
    ledger.record([refused_for_personal_data("again.xlsx", f"recent {JMBG}".encode(), received=400)])
    assert ledger.purge_personal_data(arrived_before=at(300), at=at(500)) == []
    assert ledger.purge_personal_data(arrived_before=at(401), at=at(500)) == [recent_id]


def test_refused_content_is_purged_after_its_own_retention_by_the_same_purge(ledger: Ledger) -> None:
    """`refused_before` (`refused_days`): the bytes of any refused version, its report, issues and row kept; a valid
    version is never purged, nor one with no bytes; one refused for personal data is left to the personal purge.
    `refused_bytes` counts what a day's refused versions keep (the allowance per folder and day)."""
    old = arrival("MUP/old.xlsx", b"an old refused report", received=0, valid=False)
    valid = arrival("MUP/valid.xlsx", b"a valid report", received=0, period="2018-02")
    empty = arrival("MUP/big.xlsx", b"", received=0, valid=False, readable=False)
    empty = dataclasses.replace(empty, version=dataclasses.replace(empty.version, content_hash=sha(b"big")))
    personal = refused_for_personal_data("MUP/jmbg.xlsx", f"x {JMBG}".encode(), received=0)
    recent = arrival("MUP/recent.xlsx", b"a recent refused report", received=100, valid=False)
    [(old_id, _), (valid_id, _), _, (personal_id, _), (recent_id, _)] = ledger.record(
        [old, valid, empty, personal, recent]
    )
    assert sorted(ledger.refused_bytes(SOURCE, at(0))) == [
        ("MUP/jmbg.xlsx", len(f"x {JMBG}")),
        ("MUP/old.xlsx", len(b"an old refused report")),
        ("MUP/recent.xlsx", len(b"a recent refused report")),
    ]
    assert ledger.refused_bytes(SOURCE, at(50)) == [("MUP/recent.xlsx", len(b"a recent refused report"))]

    assert ledger.purge_personal_data(at(-1000), at(200), refused_before=at(50)) == [old_id]
    purged = version_row(ledger, old_id)
    assert purged.raw_purged_at == at(200) and purged.issues == json.loads(old.version.issues)
    assert purged.report_json == old.version.report  # no personal data in it: kept with the record
    with pytest.raises(PurgedError) as why:
        ledger.raw(old_id)
    assert why.value.key == "ledger_error.purged_refused"
    assert ledger.raw(valid_id) == b"a valid report" and ledger.raw(recent_id) == b"a recent refused report"
    assert ledger.raw(personal_id) == f"x {JMBG}".encode()  # its own retention, not passed yet
    assert ledger.purge_personal_data(at(50), at(300), refused_before=at(50)) == [personal_id]
    with pytest.raises(PurgedError) as why:
        ledger.raw(personal_id)
    assert why.value.key == "ledger_error.purged"
    assert ledger.refused_bytes(SOURCE, at(0)) == [("MUP/recent.xlsx", len(b"a recent refused report"))]


def test_personal_data_that_came_in_under_a_clock_running_ahead_is_purged_at_once(ledger: Ledger) -> None:
    """A machine whose clock ran a year ahead stamped the arrival; counted from that stamp, the data would stay a
    year past its time. Within the retention and up to a day ahead (clocks differ a little) it waits as usual."""
    a_year = 365 * 24 * 60
    [(ahead, _)] = ledger.record([refused_for_personal_data("ahead.xlsx", f"ahead {JMBG}".encode(), received=a_year)])
    [(soon, _)] = ledger.record([refused_for_personal_data("soon.xlsx", f"soon {JMBG}".encode(), received=600)])
    assert ledger.purge_personal_data(arrived_before=at(-30 * 24 * 60), at=at(0)) == [ahead]
    assert ledger.raw(soon) == f"soon {JMBG}".encode()


# -- the lock --------------------------------------------------------------------------------------------

HOLDER = """
import sys
from apmon.sync.ledger import Ledger

ledger = Ledger.open(sys.argv[1])
with ledger.lock():
    print("locked", flush=True)
    sys.stdin.readline()
print("released", flush=True)
"""


@pytest.fixture
def holder(url: str, ledger: Ledger) -> Iterator[subprocess.Popen[str]]:
    """Another process holding the ledger's lock until a line arrives on its stdin."""
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLDER, url],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    line = proc.stdout.readline()
    if line != "locked\n":
        proc.kill()
        pytest.fail(f"the lock holder did not start: {proc.communicate()[1]}")
    yield proc
    proc.kill()
    proc.communicate()


def test_lock_is_busy_while_another_process_holds_it(ledger: Ledger, holder: subprocess.Popen[str]) -> None:
    with pytest.raises(LedgerBusy) as caught, ledger.lock():
        pass
    message = str(caught.value)
    assert message.startswith("another sync run is in progress (started at ")
    # when, as the Coordinator reads a time: in Belgrade, not the UTC text the lock keeps
    started = re.search(r"started at (\d+ \w{3} \d{4} \d\d:\d\d),", message)  # said in English: 5 Dec 2026 14:34
    assert started, message
    shown = dt.datetime.strptime(started[1], "%d %b %Y %H:%M").replace(tzinfo=BELGRADE)
    assert abs(shown - dt.datetime.now(BELGRADE)) < dt.timedelta(minutes=5)
    assert f"pid {holder.pid}" in message
    assert "wait for it to finish or run again later" in message


def test_lock_waits_until_the_holder_releases(ledger: Ledger, holder: subprocess.Popen[str]) -> None:
    assert holder.stdin is not None and holder.stdout is not None
    stdin = holder.stdin

    def release() -> None:
        stdin.write("\n")
        stdin.flush()

    threading.Timer(0.5, release).start()
    with ledger.lock(wait=True, timeout=60):
        assert holder.stdout.readline() == "released\n"  # we got in only after the holder let go


def test_lock_wait_is_bounded_by_the_timeout(ledger: Ledger, holder: subprocess.Popen[str]) -> None:
    expected = rf"still in progress after waiting 0.5 s .*pid {holder.pid}"
    with pytest.raises(LedgerBusy, match=expected), ledger.lock(wait=True, timeout=0.5):
        pass


def test_a_crashed_holder_does_not_block(ledger: Ledger, holder: subprocess.Popen[str]) -> None:
    holder.kill()
    holder.wait()
    with ledger.lock(wait=True, timeout=30):
        pass
    with ledger.lock():  # released after use, too
        pass


def test_two_locks_in_one_process_exclude_each_other(ledger: Ledger) -> None:
    with ledger.lock(), pytest.raises(LedgerBusy, match=f"pid {os.getpid()}"), ledger.lock():
        pass
    with ledger.lock():
        pass


def _restart_postgres(ledger: Ledger) -> None:
    """Restart the throwaway server under the ledger (as an administrator or an update would)."""
    with ledger.engine.connect() as conn:
        data = Path(conn.execute(text("SHOW data_directory")).scalar_one())
    pg_ctl = Path(sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), key=lambda p: float(Path(p).parts[-3]))[-1])
    log = data.parent / "restart.log"  # the server must not keep this process's pipes open
    command = [str(pg_ctl), "-D", str(data), "-l", str(log), "-w", "-m", "fast", "restart"]
    subprocess.run(_as_postgres(command), check=True, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, timeout=60)


def test_a_postgres_restart_during_a_run_stops_it_before_a_second_run_can_overlap() -> None:
    """The restart ends the session holding the advisory lock; the pool reconnects the run's other work unseen, so
    the run went on without the lock while a second one took it. Now the run stops at its next step and says so,
    what it recorded stays, and the lock is free for the next run. On a server of its own: restarting it disturbs
    no other test, nor the server CI starts."""
    with private_postgres() as url:
        _run_through_a_restart(url)


def _run_through_a_restart(url: str) -> None:
    run, other = Ledger.open(url), Ledger.open(url)
    try:
        with run.lock():
            run.record([arrival("before.xlsx", b"before the restart", received=0)])
            _restart_postgres(run)
            with pytest.raises(LedgerError) as caught:
                run.record([arrival("after.xlsx", b"after the restart", received=1)])
            assert caught.value.key == "ledger_error.lock_lost"
            assert "pokrenite ga ponovo" in caught.value.said("sr-Latn") and "run it again" in str(caught.value)
            with pytest.raises(LedgerError):  # and at every later step of that run
                run.versions()
        with other.lock():
            assert [v.file_name for v in other.versions()] == ["before.xlsx"]
        assert len(run.versions()) == 1  # out of the lock the ledger works as before

        # A restart that cuts a statement short is said in the reader's language too.
        with pytest.raises(LedgerError) as cut, run._tx() as conn:
            pid = conn.execute(text("SELECT pg_backend_pid()")).scalar_one()
            with other.engine.connect() as admin:  # what a fast shutdown does to every session
                admin.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
            conn.execute(text("SELECT 1"))
        assert "server baze podataka je zaustavljen ili ponovo pokrenut" in cut.value.said("sr-Latn")
    finally:
        run.close()
        other.close()


def test_a_released_lock_is_free_at_once_for_the_next_run(url: str) -> None:
    """Runs that follow each other closely (a scheduler, the add-in) never find the lock of the one before."""
    first, second = Ledger.open(url), Ledger.open(url)
    try:
        for _ in range(30):
            with first.lock():
                pass
            with second.lock():
                pass
    finally:
        first.close()
        second.close()


# -- errors opening the database -------------------------------------------------------------------------


def test_unwritable_sqlite_path_is_a_ledger_error(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the ledger's folder should be")
    url = f"sqlite:///{blocker / 'ledger.sqlite'}"
    with pytest.raises(LedgerError) as caught:
        Ledger.open(url)
    message = str(caught.value)
    assert url in message
    assert "write to" in message
    assert caught.value.__cause__ is not None


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root writes into read-only folders anyway")
def test_read_only_folder_is_a_ledger_error(tmp_path: Path) -> None:
    folder = tmp_path / "read-only"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(LedgerError, match="write to"):
            Ledger.open(f"sqlite:///{folder / 'ledger.sqlite'}")
    finally:
        folder.chmod(0o700)


def test_unreachable_postgres_is_a_ledger_error_with_the_password_masked() -> None:
    port = _free_port()  # nothing listens there now
    with pytest.raises(LedgerError) as caught:
        Ledger.open(f"postgresql+psycopg://apmon:s3cret-pw@127.0.0.1:{port}/apmon")
    message = str(caught.value)
    assert "s3cret-pw" not in message
    assert f"postgresql+psycopg://apmon:***@127.0.0.1:{port}/apmon" in message
    assert "server is running" in message
    assert "\n" not in message
    assert caught.value.__cause__ is not None


def test_why_the_database_refused_is_said_in_the_readers_language(postgres_admin_url: str, tmp_path: Path) -> None:
    """The driver's reason (libpq's, SQLite's English) is told in Serbian by the catalogue, from real refusals."""
    refused = f"postgresql+psycopg://apmon:s3cret-pw@127.0.0.1:{_free_port()}/apmon"
    no_database = make_url(postgres_admin_url).set(database=f"apmon_none_{uuid.uuid4().hex[:8]}")
    not_a_database = tmp_path / "ledger.sqlite"
    not_a_database.write_bytes(b"not a database " * 100)
    cases = [
        (refused, "server baze podataka ne prihvata vezu", "the database server refuses the connection"),
        (no_database.render_as_string(hide_password=False), "baza podataka sa tim imenom ne postoji", "no database"),
        (sqlite_url(not_a_database), "datoteka nije baza podataka", "the file is not a database"),
    ]
    for url, latin, english in cases:
        with pytest.raises(LedgerError) as caught:
            Ledger.open(url)
        assert latin in caught.value.said("sr-Latn") and english in caught.value.said("en"), caught.value.said("en")
        assert "s3cret-pw" not in caught.value.said("sr-Latn") + caught.value.said("en")


def test_a_server_that_asks_for_a_password_not_given_says_where_to_give_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The trial's Coordinator left the password out of the ledger URL in apmon.toml, as the SMTP password is kept
    out of it: apmon said only that the user name or password was wrong. PostgreSQL's client library reads it from
    $PGPASSWORD or its password file, which is what the message now says."""
    monkeypatch.delenv("PGPASSWORD", raising=False)
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "no-pgpass"))  # not the account's own ~/.pgpass
    with private_postgres(password="s3cret-pw") as url:
        with pytest.raises(LedgerError) as caught:
            Ledger.open(url)
        for lang in ("sr-Latn", "en"):
            assert "PGPASSWORD" in caught.value.said(lang) and "PGPASSFILE" in caught.value.said(lang)
        assert "lozinku" in caught.value.said("sr-Latn")
        pgpass = tmp_path / "pgpass"
        pgpass.write_text(f"127.0.0.1:{make_url(url).port}:*:postgres:s3cret-pw\n")
        pgpass.chmod(0o600)
        monkeypatch.setenv("PGPASSFILE", str(pgpass))
        Ledger.open(url).close()  # as the message says: the password file is read


@pytest.mark.skipif(os.name == "nt", reason="libpq checks a password file's mode on POSIX only")
def test_a_password_file_other_accounts_can_read_is_named_with_what_to_do(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The administrator put the password in the pgpass file as the message said, but with the mode a new file gets
    (0644): libpq ignores such a file (with an English warning of its own), and apmon said again that no password was
    given and to put it in the password file."""
    monkeypatch.delenv("PGPASSWORD", raising=False)
    with private_postgres(password="s3cret-pw") as url:
        pgpass = tmp_path / "pgpass"
        pgpass.write_text(f"127.0.0.1:{make_url(url).port}:*:postgres:s3cret-pw\n")
        pgpass.chmod(0o644)
        monkeypatch.setenv("PGPASSFILE", str(pgpass))
        with pytest.raises(LedgerError) as caught:
            Ledger.open(url)
        for lang in ("sr-Latn", "en"):
            said = caught.value.said(lang)
            assert str(pgpass) in said and f"chmod 600 {pgpass}" in said and "s3cret-pw" not in said, said
        assert "drugi nalozi" in caught.value.said("sr-Latn")
        pgpass.chmod(0o600)
        Ledger.open(url).close()  # as the message says


@pytest.mark.skipif(os.name == "nt", reason="libpq checks a password file's mode on POSIX only")
def test_a_password_file_named_in_the_url_is_the_one_named_when_others_can_read_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """libpq takes the password file from the URL's `passfile` before $PGPASSFILE and ~/.pgpass. One named there with
    a new file's mode (0644) was left unread by libpq, and apmon, looking only at $PGPASSFILE and ~/.pgpass, said
    that no password was given and to put it in the password file, where it already was."""
    monkeypatch.delenv("PGPASSWORD", raising=False)
    monkeypatch.delenv("PGPASSFILE", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))  # no ~/.pgpass
    with private_postgres(password="s3cret-pw") as url:
        pgpass = tmp_path / "apmon.pgpass"
        pgpass.write_text(f"127.0.0.1:{make_url(url).port}:*:postgres:s3cret-pw\n")
        pgpass.chmod(0o644)
        named = make_url(url).update_query_dict({"passfile": str(pgpass)}).render_as_string(hide_password=False)
        with pytest.raises(LedgerError) as caught:
            Ledger.open(named)
        for lang in ("sr-Latn", "en"):
            said = caught.value.said(lang)
            assert f"chmod 600 {pgpass}" in said and "s3cret-pw" not in said, said
        pgpass.chmod(0o600)
        Ledger.open(named).close()  # as the message says


@pytest.mark.skipif(os.name == "nt", reason="libpq checks a password file's mode on POSIX only")
@pytest.mark.parametrize(
    ("mode", "latin", "english"),
    [
        (0o644, "mogu da čitaju i drugi nalozi", "other accounts can read"),
        (0o620, "mogu da menjaju i drugi nalozi", "other accounts can change"),  # the group may write, not read
        (0o602, "mogu da menjaju i drugi nalozi", "other accounts can change"),
        (0o610, "drugi nalozi imaju prava", "other accounts have rights"),
    ],
)
def test_a_password_file_libpq_refuses_is_said_once_by_apmon_as_it_is(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capfd: pytest.CaptureFixture[str],
    mode: int,
    latin: str,
    english: str,
) -> None:
    """libpq printed its own English warning ("WARNING: password file ... has group or world access") on stderr before
    apmon's located line, and apmon said "other accounts can read" of a file they could only change. Now apmon, which
    checks the mode first, keeps libpq from reading the file (no warning), and says what others can do with it."""
    monkeypatch.delenv("PGPASSWORD", raising=False)
    with private_postgres(password="s3cret-pw") as url:
        pgpass = tmp_path / "pgpass"
        pgpass.write_text(f"127.0.0.1:{make_url(url).port}:*:postgres:s3cret-pw\n")
        pgpass.chmod(mode)
        monkeypatch.setenv("PGPASSFILE", str(pgpass))
        capfd.readouterr()
        with pytest.raises(LedgerError) as caught:
            Ledger.open(url)
        assert capfd.readouterr().err == ""  # libpq's own warning went to the process's stderr (fd 2)
        assert latin in caught.value.said("sr-Latn") and english in caught.value.said("en"), caught.value.said("en")
        assert "čitaju" not in caught.value.said("sr-Latn") or mode & 0o044
        pgpass.chmod(0o600)
        Ledger.open(url).close()  # put right, it is read by the next connection


@pytest.mark.skipif(os.name == "nt", reason="libpq checks a password file's mode on POSIX only")
def test_a_password_file_libpq_refuses_beside_a_server_that_needs_none_is_not_warned_of(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    """libpq reads the password file before it connects, asked for a password or not: a server that trusts the
    account (peer or trust in pg_hba.conf) got apmon's every command a libpq warning on stderr, with nothing wrong."""
    monkeypatch.delenv("PGPASSWORD", raising=False)
    with private_postgres() as url:
        pgpass = tmp_path / "pgpass"
        pgpass.write_text("*:*:*:*:unused\n")
        pgpass.chmod(0o644)
        monkeypatch.setenv("PGPASSFILE", str(pgpass))
        capfd.readouterr()
        Ledger.open(url).close()
        assert capfd.readouterr().err == ""


@pytest.mark.parametrize("bad", ["not a url at all", "nosuchdb://user:s3cret-pw@host/db"])
def test_a_bad_url_is_a_ledger_error(bad: str) -> None:
    with pytest.raises(LedgerError) as caught:
        Ledger.open(bad)
    assert "s3cret-pw" not in str(caught.value)
    assert caught.value.__cause__ is not None


def test_a_disk_that_fills_during_a_run_is_told_with_what_to_do_and_loses_nothing(tmp_path: Path) -> None:
    """SQLite's own "database or disk is full" (SQLITE_FULL, here from a page cap): the reader is told to free space
    in their language, the batch that did not fit is not half-written, and it is recorded once there is space."""
    url = sqlite_url(tmp_path / "ledger.sqlite")
    ledger = Ledger.open(url)
    [(kept, _)] = ledger.record([arrival("kept.xlsx", b"kept", received=0)])
    pages = ledger.engine.connect().exec_driver_sql("PRAGMA page_count").scalar()
    ledger.close()

    @event.listens_for(ledger.engine, "connect")
    def fill_the_disk(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages}")

    batch = [arrival(f"{n}.xlsx", os.urandom(50_000), received=n) for n in range(1, 4)]
    with pytest.raises(LedgerError) as caught:
        ledger.record(batch)
    assert caught.value.key == "ledger_error.full_file"
    assert "free some space" in caught.value.said("en") and "oslobodite prostor" in caught.value.said("sr-Latn")
    assert "full" not in caught.value.said("sr-Latn")  # no English left in the Serbian message
    assert [v.id for v in ledger.versions()] == [kept]

    event.remove(ledger.engine, "connect", fill_the_disk)
    ledger.close()  # space freed: the next connection has none of the cap
    assert len(ledger.record(batch)) == 3 and len(ledger.versions()) == 4
    ledger.close()


def _database_files(ledger: Ledger) -> bytes:
    """What the database keeps on disk of the versions table: SQLite's file and log; PostgreSQL's files of the
    table and of its TOAST table (where long bytes go), after a checkpoint has written them out."""
    if ledger.engine.dialect.name == "sqlite":
        database = Path(str(ledger.engine.url.database))
        return b"".join(p.read_bytes() for p in (database, Path(f"{database}-wal")) if p.exists())
    with ledger.engine.connect() as conn:
        conn.execute(text("CHECKPOINT"))
        data = Path(conn.execute(text("SHOW data_directory")).scalar_one())
        files = conn.execute(
            text(
                "SELECT pg_relation_filepath(oid), pg_relation_filepath(reltoastrelid) FROM pg_class "
                "WHERE relname = 'versions'"
            )
        ).one()
    return b"".join((data / f).read_bytes() for f in files)


def test_a_purge_leaves_no_copy_in_the_database_files(ledger: Ledger) -> None:
    """Neither in SQLite's freed pages and log nor in PostgreSQL's dead rows: the purged bytes are gone from disk."""
    long = f"{JMBG} ".encode() + os.urandom(40_000)  # past PostgreSQL's TOAST threshold, and not compressible
    ledger.record([refused_for_personal_data("long.xlsx", long, received=0)])
    ledger.record([refused_for_personal_data("short.xlsx", f"short {JMBG}".encode(), received=1)])
    ledger.record([arrival(f"{n}.xlsx", f"an ordinary report {n}".encode(), received=n) for n in range(100)])
    assert JMBG.encode() in _database_files(ledger)

    assert len(ledger.purge_personal_data(arrived_before=at(50), at=at(200))) == 2
    assert JMBG.encode() not in _database_files(ledger)


# -- backups ---------------------------------------------------------------------------------------------


def test_a_backup_made_while_the_ledger_is_open_holds_every_report(tmp_path: Path) -> None:
    """While a process keeps the ledger open (the add-in server, for days), the latest reports sit in the -wal file:
    a copy of the ledger file alone held none of them, and restored, it opened as a new empty ledger. `backup` makes
    one whole file; and a run's work is in the ledger file itself once the run releases the lock."""
    url = sqlite_url(tmp_path / "ledger.sqlite")
    serving = Ledger.open(url)  # as `apmon serve` keeps it
    try:
        serving.record([arrival(f"{n}.xlsx", f"submitted {n}".encode(), received=n) for n in range(20)])
        serving.backup(tmp_path / "backups" / "ledger-backup.sqlite")
        with pytest.raises(LedgerError) as exists:
            serving.backup(tmp_path / "backups" / "ledger-backup.sqlite")
        assert exists.value.key == "ledger_error.backup_exists"

        run = Ledger.open(url)
        with run.lock():
            run.record([arrival("by-the-run.xlsx", b"fetched by a run", received=30)])
        run.close()
        shutil.copy(tmp_path / "ledger.sqlite", tmp_path / "copy-of-the-file.sqlite")
    finally:
        serving.close()

    restored = Ledger.open(sqlite_url(tmp_path / "backups" / "ledger-backup.sqlite"))
    copied = Ledger.open(sqlite_url(tmp_path / "copy-of-the-file.sqlite"))
    try:
        assert len(restored.versions()) == 20
        assert len(copied.versions()) == 21
    finally:
        restored.close()
        copied.close()


def test_a_postgres_ledger_is_backed_up_with_pg_dump(url: str) -> None:
    if not url.startswith("postgresql"):
        pytest.skip("SQLite is backed up by apmon itself")
    ledger = Ledger.open(url)
    try:
        with pytest.raises(LedgerError) as caught:
            ledger.backup(Path(tempfile.gettempdir()) / f"apmon-{uuid.uuid4().hex}.sqlite")
        assert caught.value.key == "ledger_error.backup_server" and "pg_dump" in caught.value.said("sr-Latn")
    finally:
        ledger.close()


def test_apmon_ledger_backup_from_the_command_line(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from apmon.cli.app import app

    ledger = Ledger.open(sqlite_url(tmp_path / "data" / "ledger.sqlite"))
    ledger.record([arrival("a.xlsx", b"a report", received=0)])
    config = tmp_path / "apmon.toml"
    config.write_text(f'[sync]\ndata_dir = "{(tmp_path / "data").as_posix()}"\n')
    try:
        made = CliRunner().invoke(app, ["ledger", "backup", str(tmp_path / "b.sqlite"), "--config", str(config)])
        assert made.exit_code == 0, made.output
        assert "personal_data_days" in made.output
        again = CliRunner().invoke(app, ["ledger", "backup", str(tmp_path / "b.sqlite"), "--config", str(config)])
        assert again.exit_code == 1 and "već postoji" in again.output
    finally:
        ledger.close()
    backup = Ledger.open(sqlite_url(tmp_path / "b.sqlite"))
    assert [v.file_name for v in backup.versions()] == ["a.xlsx"]
    backup.close()


def test_apmon_ledger_versions_shows_times_as_in_belgrade(tmp_path: Path) -> None:
    """The ledger keeps UTC; the listing shows the Coordinator's own clock (a report in just after midnight in
    Belgrade came in the next day, which decides whether it was on time), in summer time and in winter time."""
    from typer.testing import CliRunner

    from apmon.cli.app import app

    ledger = Ledger.open(sqlite_url(tmp_path / "data" / "ledger.sqlite"))

    def received(key: str, at_utc: dt.datetime) -> Arrival:
        sent = arrival(key, key.encode(), received=0)
        return replace(sent, version=replace(sent.version, received_at=at_utc))

    summer = received("summer.xlsx", dt.datetime(2018, 4, 5, 22, 30, tzinfo=dt.UTC))  # CEST, UTC+2
    winter = received("winter.xlsx", dt.datetime(2018, 12, 5, 23, 30, tzinfo=dt.UTC))  # CET, UTC+1
    ledger.record([summer, winter])
    ledger.close()
    config = tmp_path / "apmon.toml"
    config.write_text(f'[sync]\ndata_dir = "{(tmp_path / "data").as_posix()}"\n')
    shown = CliRunner().invoke(app, ["ledger", "versions", "--config", str(config)])
    assert shown.exit_code == 0, shown.output
    assert "06.04.2018. 00:30" in shown.output and "06.12.2018. 00:30" in shown.output


def test_apmon_ledger_versions_shows_the_newest_on_screen_and_every_one_with_all_or_as_json(tmp_path: Path) -> None:
    """A ledger of years holds thousands of versions: on screen the newest are listed, with a line saying how many
    are not and how to see them; --all lists every one, and --json always gives every one."""
    from typer.testing import CliRunner

    from apmon.cli.app import app
    from apmon.cli.ledger import LISTED_VERSIONS

    ledger = Ledger.open(sqlite_url(tmp_path / "data" / "ledger.sqlite"))
    count = LISTED_VERSIONS + 3
    ledger.record([arrival(f"r{n:03}.xlsx", f"report {n}".encode(), received=n) for n in range(count)])
    ledger.close()
    config = tmp_path / "apmon.toml"
    config.write_text(f'[sync]\ndata_dir = "{(tmp_path / "data").as_posix()}"\n')
    runner = CliRunner()

    def listed(*extra: str) -> tuple[set[int], str]:
        """The version ids listed (the first column: never folded, however narrow the terminal), and the output."""
        shown = runner.invoke(app, ["ledger", "versions", "--config", str(config), *extra])
        assert shown.exit_code == 0, shown.output
        return {int(n) for n in re.findall(r"^│\s*(\d+)\s*│", shown.output, re.MULTILINE)}, shown.output

    ids, output = listed()
    assert ids == set(range(4, count + 1))  # the oldest three are not shown
    said = " ".join(output.split())
    assert f"Verzija: {count}" in said  # the title counts every one
    assert f"Prikazane su samo najnovije verzije ({LISTED_VERSIONS} od {count})" in said and "--all" in said
    every, output = listed("--all")
    assert every == set(range(1, count + 1)) and "najnovije verzije" not in output
    as_json = runner.invoke(app, ["ledger", "versions", "--config", str(config), "--json"])
    assert len(json.loads(as_json.output)) == count
    few, output = listed("--period", "2018-03", "--institution", "MUP")  # narrowed: the same count here
    assert len(few) == LISTED_VERSIONS and "najnovije verzije" in " ".join(output.split())
    _, cyrillic = listed("--lang", "sr-Cyrl")  # the options as they are typed, in any script
    cyrillic = " ".join(cyrillic.split())
    assert "најновије верзије" in cyrillic and "--all" in cyrillic and "--institution" in cyrillic


def test_a_ledger_of_an_older_apmon_is_upgraded_by_the_first_command_which_says_so(url: str, tmp_path: Path) -> None:
    """An upgrade of apmon over a year's ledger (here at revision 0002, as apmon of November 2026 left it): the first
    command upgrades the tables by itself and says so in one line, naming the revisions; the reports stay, none
    is received again, and the next command says nothing more."""
    from typer.testing import CliRunner

    from apmon.cli.app import app

    ledger = Ledger.open(url)
    ledger.record([arrival("a.xlsx", b"v1", received=0), arrival("b.xlsx", b"v2", received=1, institution="MZ")])
    newest = [v.id for v in ledger.current()[1]]
    ledger.downgrade("0002")
    ledger.close()
    config = tmp_path / "apmon.toml"
    config.write_text(f'[sync]\ndata_dir = "{tmp_path.as_posix()}"\nledger = "{url}"\nmaster_lang = "en"\n')

    first = CliRunner().invoke(app, ["sync", "status", "--config", str(config)])
    assert first.exit_code == 0, first.output
    told = [line for line in first.output.splitlines() if "upgraded" in line]
    assert len(told) == 1 and "0002" in told[0] and HEAD_REVISION in told[0], first.output
    again = CliRunner().invoke(app, ["sync", "status", "--config", str(config)])
    assert again.exit_code == 0 and "upgraded" not in again.output, again.output
    engine = create_engine(url)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar_one() == HEAD_REVISION
        assert conn.execute(text("SELECT count(*) FROM versions")).scalar_one() == 2
        assert conn.execute(text("SELECT count(*) FROM arrivals")).scalar_one() == 2
    engine.dispose()
    upgraded = Ledger.open(url)
    try:
        assert [v.id for v in upgraded.current()[1]] == newest
    finally:
        upgraded.close()


def test_the_upgrade_line_is_in_the_language_the_command_was_asked_for(tmp_path: Path) -> None:
    """`--lang en` on a Serbian configuration: the command's every line is English, the upgrade's too."""
    from typer.testing import CliRunner

    from apmon.cli.app import app

    url = sqlite_url(tmp_path / "ledger.sqlite")
    ledger = Ledger.open(url)
    ledger.record([arrival("a.xlsx", b"v1", received=0)])
    ledger.downgrade("0002")
    ledger.close()
    config = tmp_path / "apmon.toml"
    config.write_text(f'[sync]\ndata_dir = "{tmp_path.as_posix()}"\nledger = "{url}"\nmaster_lang = "sr-Latn"\n')

    first = CliRunner().invoke(app, ["ledger", "versions", "--config", str(config), "--lang", "en"])
    assert first.exit_code == 0, first.output
    told = [line for line in first.output.splitlines() if "0002" in line]
    assert len(told) == 1 and told[0].startswith("The ledger"), first.output


def test_a_version_recorded_set_aside_counts_nowhere_and_older_ones_are_looked_at_a_batch_at_a_time(url: str) -> None:
    """A version this apmon records as no institution's submission (`VersionData.set_aside`: a late blank template
    judged again) is written so by `record` itself on either database, counts nowhere and is not left to be looked at;
    one recorded as a submission counts. The versions an older apmon left are given a batch at a time, in id order,
    each once, from the id after the last given."""
    ledger = Ledger.open(url)
    try:
        blank = arrival("blank.xlsx", b"blank", received=2, valid=False)  # the newest
        blank = replace(blank, version=replace(blank.version, set_aside="blank-template"))
        [(blank_id, _), (sent_id, _)] = ledger.record([blank, arrival("sent.xlsx", b"sent", received=1)])
        assert {v.id: v.set_aside for v in ledger.versions()} == {blank_id: "blank-template", sent_id: None}
        assert [v.id for v in ledger.current()[1]] == [sent_id]  # the blank template not the month's newest
        assert ledger.not_looked_at() == []
        older = [arrival(f"{n}.xlsx", f"old {n}".encode(), received=3 + n, valid=False) for n in range(5)]
        stored = [version_id for version_id, _ in ledger.record(older)]
        ledger.downgrade("0016")
    finally:
        ledger.close()
    ledger = Ledger.open(url)  # upgraded again: every version with errors left to be looked at
    try:
        given: list[int] = []
        while batch := ledger.not_looked_at(after=given[-1] if given else 0, limit=2):
            assert len(batch) <= 2
            given += [v.id for v in batch]
        assert given == sorted([blank_id, *stored])
    finally:
        ledger.close()


@pytest.mark.parametrize("lang", ["sr-Latn", "sr-Cyrl", "en"])
def test_a_ledger_file_sqlite_cannot_read_is_said_to_be_restored_from_a_backup(tmp_path: Path, lang: Lang) -> None:
    """The ledger's file overwritten (not a database) or cut short (a damaged database): every command that opens
    it said the tables could not be made and to check that the database user may create tables there, which no
    permission mends. It says the file is not a readable ledger and to restore it from a backup."""
    overwritten = tmp_path / "overwritten.sqlite"
    overwritten.write_bytes(b"not a database " * 100)
    whole = tmp_path / "whole.sqlite"
    Ledger.open(sqlite_url(whole)).engine.dispose()
    cut_short = tmp_path / "cut.sqlite"
    cut_short.write_bytes(whole.read_bytes()[: whole.stat().st_size // 2])
    for path in (overwritten, cut_short):
        with pytest.raises(LedgerError) as caught:
            Ledger.open(sqlite_url(path))
        said = caught.value.said(lang)
        assert "apmon ledger restore" in said and str(path) in said, said
        assert text_of("ledger_error.tables", lang, url="", reason="").split(";")[1] not in said, said


def test_a_ledger_sqlite_may_not_write_or_that_is_busy_is_not_said_to_be_restored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The restore message is for a file SQLite cannot read: one it may only read (opened read-only, as a file the
    account may not write is), or one another process holds, is not damaged, and a restore would replace a good
    ledger."""
    monkeypatch.chdir(tmp_path)
    readonly = tmp_path / "readonly.sqlite"
    sqlite3.connect(readonly).execute("CREATE TABLE other (x)").connection.commit()  # a database, not yet a ledger
    with pytest.raises(LedgerError) as caught:
        Ledger.open(f"sqlite:///file:{readonly}?mode=ro&uri=true")
    for lang in ("sr-Latn", "sr-Cyrl", "en"):
        said = caught.value.said(lang)  # type: ignore[arg-type]
        assert "`mode=ro`" in said and "apmon ledger restore" not in said, said  # read-only, as the URL says
    busy = tmp_path / "busy.sqlite"
    Ledger.open(sqlite_url(busy)).engine.dispose()
    held = sqlite3.connect(busy, isolation_level=None)
    held.execute("BEGIN EXCLUSIVE")  # another process's write under way
    try:
        Ledger.open(sqlite_url(busy)).engine.dispose()  # a ledger at its head revision: opened, nothing to write
    finally:
        held.close()


def test_a_token_a_label_kept_from_an_older_apmon_is_read_back_masked(ledger: Ledger) -> None:
    """A ledger from before `token issue` refused a token in --label may keep one there: `token list`, `token
    revoke` and `ledger versions` (the token an arrival came through) showed it whole. Read back masked, the rest of
    the label as it was."""
    pasted = "apmon_9M7zNBrfJAqLDKXJmqRStDVEmuJSov3on5UFM7z4H-E"
    token = ledger.add_token("MUP", "institution", sha(b"t1"), f"MUP laptop, zamena za {pasted}", at(0))
    sent = arrival("addin/MUP/2018-03", b"report", received=5)
    [(version_id, _)] = ledger.record([dataclasses.replace(sent, token_id=token.id)])
    revoked = ledger.revoke_token(token.id, at(6))
    labels = [t.label for t in ledger.tokens()] + [a.token_label for a in ledger.arrivals([version_id])]
    labels += [revoked[0].label if revoked else ""]
    assert labels == ["MUP laptop, zamena za apmon_•••"] * 3
