"""The ledger's tables (SQLAlchemy Core) and the rows it hands out (pydantic models and dataclasses).

Alembic migrations (`sync/migrations`) create and upgrade these tables; a new column needs a new migration.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, fields
from typing import Any, Literal, NamedTuple

from pydantic import BaseModel, ConfigDict, field_validator
from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    Dialect,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    TypeDecorator,
    UniqueConstraint,
)

from apmon.schemas.calendar import ReportKind, TimeBasis
from apmon.schemas.personal_data import mask_file_name, mask_tokens
from apmon.schemas.said import SaidError

Trigger = Literal["cli", "schedule", "addin", "demo"]
RawKind = Literal["xlsx", "google-values"]
SetAside = Literal["master-copy", "blank-template"]
Role = Literal["institution", "coordinator"]
COORDINATOR = "COORDINATOR"
ADDIN_SOURCE = "addin"  # the source of the add-in's Submits: one item per report ("<institution>/<period>")

_SHA256 = re.compile(r"^[0-9a-f]{64}$")


class LedgerError(SaidError):
    """The ledger database cannot be opened or used; the message says what to do (`said(lang)`; str() English)."""


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
    # Why the version is no institution's submission though an earlier run recorded it as one (SetAside), kept for
    # audit and counted nowhere; "" looked at and counted; NULL stored before apmon looked (sync.set_aside).
    # A new version is looked at as it comes (what is no report never becomes one): "".
    Column("set_aside", String(20), server_default=""),
    UniqueConstraint("content_hash", name="uq_versions_content_hash"),
    Index("ix_versions_institution_period", "institution", "period"),
    Index("ix_versions_item_id", "item_id"),
    # Each run asks for the versions not looked at yet (NULL): read from the index, not from every stored file
    Index("ix_versions_set_aside", "set_aside"),
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
    # How many arrivals the ledger held when the master was read to be written: arrivals are never deleted, so more
    # now means one came in since, even during the write, whatever its id or clock (`Runs.master_stale`).
    Column("master_arrivals", Integer),
    # The reports folders the run found moved (`MovedFolder`s, JSON), for `apmon sync status` to tell the next morning;
    # and the subfolders moved inside one (`MovedInside`s, the entries with a "source"), kept in the same list.
    Column("moved", Text),
    # The file the master was written to, by name, beside the configured master: the master, or `<stem>.apmon.xlsx`
    # when the master holds a chart of the Coordinator's and is left alone. The up-to-date check looks for that file,
    # so a run with nothing new writes neither (None: written by an apmon before it kept the name, the master).
    Column("master_file", Text),
    # The master file's size and modification time (ns) as that write left it: as written, or as read when it was
    # left alone for its chart. A master whose stat differs now was saved since, by whoever and whatever clock.
    Column("master_size", BigInteger),
    Column("master_mtime_ns", BigInteger),
    # What the run could not read, as JSON by source: the (institution, period) of the reports whose files are there
    # but were not read (Google not answering, a file being written or that could not be read), or null for a source
    # it could not list at all. `apmon remind`, `sync status` and the briefs treat them as the last run that kept a
    # list did, not as reports not sent; a report made again `--as-of` a moment, as the last run finished by then did.
    # NULL: a run that kept none (cut short before it had read its sources; before 0015, all but the last run).
    Column("not_read", Text),
    # The notice of what the run set aside of what an older apmon stored (a JSON list of lines in its language),
    # recorded with its decisions: a run cut short before it ends leaves it to the next run to say. NULL: none.
    Column("notices", Text),
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


class ReportTiming(BaseModel):
    """Whether a report came on time, as its versions known decide it (`selection.report_timing`): the report's, where
    a version's `on_time` is only that version's."""

    model_config = ConfigDict(frozen=True)

    on_time: bool
    days_late: int
    submitted_at: dt.datetime | None  # when the version it is decided by was submitted
    submitted_from: TimeBasis | None  # and where that time came from (`calendar.time_basis`)
    corrected_at: dt.datetime | None = None  # when the version that counts was submitted: a correction sent late


class VersionRow(BaseModel):
    """A stored version without its bytes (`Ledger.raw(id)` reads them)."""

    model_config = ConfigDict(frozen=True)

    id: int
    item_id: int
    content_hash: str
    raw_kind: RawKind
    file_name: str
    received_at: dt.datetime
    source_modified: dt.datetime | None  # when it was submitted (calendar.submission_time): its own `on_time`
    readable: bool
    valid: bool
    institution: str | None
    period: str | None
    kind: ReportKind | None
    due: dt.date | None
    on_time: bool | None  # this version's, by its own submission time; the report's is `timing`
    days_late: int | None
    issues: list[dict[str, Any]]
    report_json: str | None  # the parsed report as stored: decoded by whoever needs it (Report.model_validate_json)
    raw_purged_at: dt.datetime | None = None  # its bytes and report were purged then (personal data)
    set_aside: SetAside | None = None  # no institution's submission, though recorded as one by an earlier run
    stamp: str | None = None  # the report's Submit stamp as stored (`_apmon` submitted_at), when it has one
    # The source time of the arrival it is shown from (`source_modified` is this version's submission time).
    arrived_modified: dt.datetime | None = None
    # The report's on time or late, on the version that counts (accepted, and latest when the same): by any of its
    # valid versions, not by this one's own `on_time`.
    timing: ReportTiming | None = None

    @property
    def counted_on_time(self) -> bool | None:
        """On time as the report counts it: its `timing` where this version carries it, else this version's own."""
        return self.timing.on_time if self.timing else self.on_time

    @property
    def counted_days_late(self) -> int | None:
        """Days late as the report counts them (`counted_on_time`)."""
        return self.timing.days_late if self.timing else self.days_late


@dataclass(frozen=True)
class VersionData:
    """One fetched version as `Ledger.record` stores it; `issues` and `report` are JSON text."""

    content_hash: str
    raw: bytes
    raw_kind: RawKind
    file_name: str
    received_at: dt.datetime
    source_modified: dt.datetime | None  # when it was submitted, which decides on time (calendar.submission_time)
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
    set_aside: SetAside | None = None  # recorded as no institution's submission (kept for audit, counted nowhere)

    def columns(self) -> dict[str, Any]:
        """The columns of every schema since the first (`set_aside` apart: `Ledger.record` writes it)."""
        return {f.name: getattr(self, f.name) for f in fields(self) if f.name != "set_aside"}


@dataclass(frozen=True)
class Arrival:
    """A version fetched from the item `key` of `source`, with the item's size and modified time as seen."""

    source: str
    key: str
    size: int | None
    modified: dt.datetime | None
    version: VersionData
    token_id: int | None = None  # the add-in token that submitted it
    # The hash of what the item holds, when the version's is not it: a version judged again under another plan
    # (`sync.ledger.store.judged_under`) is that plan's reading of the bytes the item still holds.
    item_hash: str | None = None


class SharedFile(BaseModel):
    """One of several items present at their sources that hold a report of the same institution and period."""

    model_config = ConfigDict(frozen=True)

    source: str
    key: str  # the path in the folder, or the spreadsheet's id
    file_name: str  # the name its content last arrived under
    version_id: int
    valid: bool
    saved: dt.datetime | None  # the source's time of that arrival (the file's mtime, Drive's modifiedTime)
    stamp: dt.datetime | None  # the add-in's Submit stamp it carries
    counts: bool  # its content is the accepted version


class SharedReport(BaseModel):
    """A report of one institution and period held by more than one item present at a source the sync reads."""

    model_config = ConfigDict(frozen=True)

    institution: str
    period: str
    files: list[SharedFile]  # oldest first
    by_stamp: bool  # the Submit stamps decided which counts (every file carries one), not the files' times
    counted_file: str | None  # the name the accepted version last arrived under (none: no valid version)
    counted_received: dt.datetime | None


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
    source_modified: dt.datetime | None = None  # the file's time, or the add-in's Submit time, as it came
    source: str = ""  # where it came from: the add-in's Submit (ADDIN_SOURCE), a Drive folder ("google:..."), a folder

    @field_validator("token_label")
    @classmethod
    def _masked(cls, label: str | None) -> str | None:
        return mask_tokens(label) if label else label  # as TokenRow's


class MovedFolder(BaseModel):
    """A reports folder a run found moved: `files` of `new` are the files the ledger had from `old`."""

    model_config = ConfigDict(frozen=True)

    old: str
    new: str
    files: int


class MovedInside(BaseModel):
    """Files of a reports folder (`source`) a run found moved or renamed inside it: `old` became `new` (a subfolder,
    or a file's path when the file itself was renamed; "" is the folder itself), the same files the ledger had."""

    model_config = ConfigDict(frozen=True)

    source: str
    old: str
    new: str
    files: int

    @staticmethod
    def paths(before: str, now: str) -> tuple[str, str]:
        """What moved where, for one file at `before` now at `now`: its folder before and now, or, for a file
        renamed, both paths. Masked as a file's name is wherever it is shown: a name holding personal data (refused
        for it, then renamed as told) was said in full by the run's line and `sync status`, and kept with the run."""
        (old, _, old_name), (new, _, new_name) = before.rpartition("/"), now.rpartition("/")
        moved = (old, new) if old_name == new_name else (before, now)
        return mask_file_name(moved[0]), mask_file_name(moved[1])


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
    master_arrivals: int | None = None
    master_file: str | None = None
    master_size: int | None = None
    master_mtime_ns: int | None = None
    moved: list[MovedFolder] = []
    moved_inside: list[MovedInside] = []
    notices: list[str] = []  # what it set aside of an older apmon's versions, said (`Ledger.set_aside`)


class TokenRow(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: int
    institution: str
    role: Role
    token_hash: str
    label: str
    created_at: dt.datetime
    revoked_at: dt.datetime | None

    # A token pasted into a label (an older apmon's `token issue` kept it) is never read back: everything that shows
    # a label (token list and revoke, ledger versions) reads it here.
    @field_validator("label")
    @classmethod
    def _masked(cls, label: str) -> str:
        return mask_tokens(label)


def check_sha256(value: str, name: str) -> None:
    if not _SHA256.match(value):
        raise ValueError(f"{name} must be a lowercase sha256 hex digest, got {value[:12]!r}...")


# Every e-mail apmon sent or tried to send (reminders, late notices, problems, receipts): a mail sent is never
# sent again for the same institution, period, kind (and version); one that failed is tried again.
mails_table = Table(
    "mails",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("institution", String(40), nullable=False),
    Column("period", String(10), nullable=False),
    Column("kind", String(20), nullable=False),
    Column("version_id", Integer, ForeignKey("versions.id", name="fk_mails_version_id_versions")),
    Column("recipients", Text, nullable=False),  # JSON {"to": [...], "cc": [...]}
    Column("subject", Text, nullable=False),
    Column("sent_at", UTCDateTime, nullable=False),  # when it was sent or tried
    Column("outcome", String(10), nullable=False),  # "sending" (until the server answers), "sent" or "failed"
    Column("error", Text),
    Index("ix_mails_institution_period", "institution", "period"),
)


# Every Coordinator's report issued (the Minister's brief, the Council report): the next Council report starts
# after the last one, and a report can be made again from the versions known at its cut-off.
issued_reports_table = Table(
    "issued_reports",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("kind", String(20), nullable=False),  # "minister", "council", "annual", "public" or "final"
    Column("first_period", String(10), nullable=False),
    Column("last_period", String(10), nullable=False),
    Column("issued_at", UTCDateTime, nullable=False),
    Column("cut_off", UTCDateTime, nullable=False),  # versions that arrived later were not counted
    Column("run_id", Integer),  # the last sync run finished by the cut-off
    Column("lang", String(10), nullable=False),
    Column("files", Text, nullable=False),  # JSON list of the files written
    Column("texts", Text),  # a final report's: JSON list of the Coordinator's texts it printed ({kind, text})
    Column("issued_by", Text),  # the Coordinator's name ([reports] coordinator, else the user name); NULL before 0013
    Index("ix_issued_reports_kind", "kind"),
)


# The annual evaluation (seed 10.3): the Coordinator's decisions on an activity's assessment, append-only (the
# latest one stands, every earlier one is kept), and the comments of the Working Group members and the civil
# society representatives beside each activity.
evaluation_overrides_table = Table(
    "evaluation_overrides",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("activity", String(20), nullable=False),
    Column("year", Integer, nullable=False),
    Column("assessment", String(30), nullable=False),  # completed / partially-completed / not-completed
    Column("reason", Text, nullable=False),
    Column("author", String(200), nullable=False),
    Column("at", UTCDateTime, nullable=False),
    Index("ix_evaluation_overrides_year", "year"),
)
evaluation_comments_table = Table(
    "evaluation_comments",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("activity", String(20), nullable=False),
    Column("year", Integer, nullable=False),
    Column("author", String(200), nullable=False),  # the institution or person, as given
    Column("text", Text, nullable=False),
    Column("at", UTCDateTime, nullable=False),
    Index("ix_evaluation_comments_year", "year"),
)


# The Coordinator's record of the status of a task that only bodies receiving reports lead (the Council, the
# Coordinator, the Working Group as a body), as of a month: append-only, as the evaluation's decisions are. For
# each task the record of the newest month stands, and of one month the last recorded (sync.consolidate).
task_statuses_table = Table(
    "task_statuses",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("task", String(20), nullable=False),
    Column("period", String(7), nullable=False),  # YYYY-MM: the month as of which the status holds
    Column("status", String(20), nullable=False),  # not-started / in-progress / delayed / completed
    Column("note", Text, nullable=False),  # the progress, as given; may be empty
    Column("author", String(200), nullable=False),
    Column("at", UTCDateTime, nullable=False),
    Index("ix_task_statuses_task", "task"),
)
