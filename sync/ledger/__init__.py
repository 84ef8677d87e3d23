"""The ledger: every item seen at a source, every distinct version fetched, every sync run, add-in tokens.

SQLAlchemy Core over SQLite (the default, one file) or PostgreSQL. The schema is created and upgraded by
Alembic (`sync/migrations`); `Ledger.open` runs the migrations, so a fresh file needs no separate step.
Nothing is ever deleted: a file that disappears at its source is only flagged (`missing_since`). The one
exception is personal data: the content of a version refused for it is purged after a while
(`purge_personal_data`), and the record that it came in stays.

All datetimes are timezone-aware UTC in and out. Keep a SQLite ledger on a local disk: WAL mode is not safe
on a network share (the institutions' shared folder is a source, not a place for the ledger).

Rooms: `schema` (tables, row models, errors), `database` (engines, transactions), `store` (the Ledger: items,
versions, arrivals), `selection` (which version is accepted or latest: pure), `runs`, `tokens`, `lock`,
`evaluation` and `task_statuses` (the Coordinator's decisions and records, append-only).
Everything public is importable from `sync.ledger` itself.
"""

from apmon.sync.ledger.database import POSTGRES_CONNECT_TIMEOUT_S, SQLITE_BUSY_TIMEOUT_MS, make_engine, sqlite_url
from apmon.sync.ledger.evaluation import ASSESSMENT_CODES, CommentRow, OverrideRow
from apmon.sync.ledger.issued import ISSUED_KINDS, IssuedKind, IssuedReportRow
from apmon.sync.ledger.lock import ADVISORY_LOCK_KEY, MIGRATION_LOCK_KEY, SUBMIT_LOCK_CLASS, shown_start
from apmon.sync.ledger.mails import MailRow
from apmon.sync.ledger.people import PersonFound, PersonPlace, folded
from apmon.sync.ledger.runs import INTERRUPTED
from apmon.sync.ledger.schema import (
    ADDIN_SOURCE,
    COORDINATOR,
    Arrival,
    ArrivalRow,
    ItemRow,
    ItemState,
    LedgerBusy,
    LedgerError,
    MovedFolder,
    MovedInside,
    PurgedError,
    RawKind,
    ReportTiming,
    Role,
    RunRow,
    SetAside,
    SharedFile,
    SharedReport,
    TokenRow,
    Trigger,
    UTCDateTime,
    VersionData,
    VersionRow,
    arrivals_table,
    evaluation_comments_table,
    evaluation_overrides_table,
    issued_reports_table,
    items_table,
    mails_table,
    metadata,
    runs_table,
    task_statuses_table,
    tokens_table,
    versions_table,
)
from apmon.sync.ledger.selection import Head, Timing, accepted_heads, latest_heads, report_timing
from apmon.sync.ledger.store import HEAD_REVISION, MIGRATIONS, PERSONAL_DATA_CODE, Ledger, SubmitTurn, judged_under

__all__ = [
    "ADDIN_SOURCE",
    "ADVISORY_LOCK_KEY",
    "ASSESSMENT_CODES",
    "COORDINATOR",
    "HEAD_REVISION",
    "INTERRUPTED",
    "ISSUED_KINDS",
    "MIGRATIONS",
    "MIGRATION_LOCK_KEY",
    "PERSONAL_DATA_CODE",
    "POSTGRES_CONNECT_TIMEOUT_S",
    "SQLITE_BUSY_TIMEOUT_MS",
    "SUBMIT_LOCK_CLASS",
    "Arrival",
    "ArrivalRow",
    "CommentRow",
    "Head",
    "IssuedKind",
    "IssuedReportRow",
    "ItemRow",
    "ItemState",
    "Ledger",
    "LedgerBusy",
    "LedgerError",
    "MailRow",
    "MovedFolder",
    "MovedInside",
    "OverrideRow",
    "PersonFound",
    "PersonPlace",
    "PurgedError",
    "RawKind",
    "ReportTiming",
    "Role",
    "RunRow",
    "SetAside",
    "SharedFile",
    "SharedReport",
    "SubmitTurn",
    "Timing",
    "TokenRow",
    "Trigger",
    "UTCDateTime",
    "VersionData",
    "VersionRow",
    "accepted_heads",
    "arrivals_table",
    "evaluation_comments_table",
    "evaluation_overrides_table",
    "folded",
    "issued_reports_table",
    "items_table",
    "judged_under",
    "latest_heads",
    "mails_table",
    "make_engine",
    "metadata",
    "report_timing",
    "runs_table",
    "shown_start",
    "sqlite_url",
    "task_statuses_table",
    "tokens_table",
    "versions_table",
]
