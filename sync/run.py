"""One sync run: sources -> ledger -> consolidation -> master workbook(s).

Every bad input is recorded and reported, never fatal to the others: a
failing source is skipped with a message, an unreadable file is kept as an
unreadable version (one over the size limit without its bytes, which are never
read), an invalid report is kept but never replaces the last valid one. The
master is rebuilt from the ledger, so a run that crashed between the ledger
and the master is completed by the next one.
"""

from __future__ import annotations

import datetime as dt
import gc
import hashlib
import json
import logging
import math
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, NamedTuple, TypeVar

from pydantic import BaseModel, ConfigDict, Field

from apmon.schemas.calendar import (
    BELGRADE,
    Period,
    Timeliness,
    WorkingCalendar,
    belgrade_day_start,
    holidays_unknown,
    month_before,
    period_order,
    submission_time,
    submit_stamp,
    time_basis,
)
from apmon.schemas.dates import said_if_month
from apmon.schemas.institutions import InstitutionRegistry
from apmon.schemas.issues import institution_not_in_registry
from apmon.schemas.messages import stored_message, text_of
from apmon.schemas.messages_labels import LABELS
from apmon.schemas.personal_data import forget_names_searched
from apmon.schemas.plan import Plan, derived
from apmon.schemas.report import Report, nothing_typed
from apmon.schemas.rules import (
    check_history,
    check_on_day,
    file_name_personal_data,
    folder_name_personal_data,
    guard_quoted_values,
    sharing_institutions,
    sheet_title_personal_data,
    stored_money,
)
from apmon.schemas.said import Megabytes, SaidError, os_reason, say
from apmon.schemas.tables import ISSUED_REPORT_MARK, REGISTER_SHEET, Table, master_mark_of
from apmon.schemas.text import LANGS, Lang
from apmon.sync.config import Config, SyncSettings
from apmon.sync.findings import (
    ConsolidationSettings,
    CopiedTimes,
    DuplicateBasis,
    DuplicateFile,
    DuplicateReport,
    copied_file_times,
)
from apmon.sync.holiday_cache import load_holidays, save_holidays
from apmon.sync.ledger import (
    Arrival,
    ItemRow,
    Ledger,
    LedgerBusy,
    MovedFolder,
    MovedInside,
    PurgedError,
    RawKind,
    SetAside,
    SharedReport,
    Trigger,
    VersionData,
    VersionRow,
    judged_under,
    shown_start,
)
from apmon.sync.leftovers import remove_temporary_files
from apmon.sync.parsing import (
    CHANGED,
    CRASHED_AGAIN,
    GONE,
    NOT_READ,
    READ_ALONE,
    READING_MARKER,
    FileVersion,
    ParsedReport,
    ParseJob,
    ParseOutcome,
    Parser,
    ReadingMarker,
)
from apmon.sync.sources import (
    Candidate,
    Fetched,
    FileChangingError,
    FolderSource,
    GoogleDriveSource,
    Source,
    SourceError,
    folder_institution,
    institution_folders,
)
from apmon.templates.google_settings import GoogleConfigError
from apmon.templates.plan_file import write_whole
from apmon.templates.sniff import MB, FileTooLargeError, named_report, read_file, shown_file_name

# The workbook and Google libraries are loaded when a master is written or Google is configured: a run that finds
# nothing changed in a folder needs neither, and start-up is most of such a run.
if TYPE_CHECKING:
    import gspread

    from apmon.sync.consolidate import Repeats, Submission, YearDigest
    from apmon.sync.evaluation import Typed
    from apmon.sync.writers import Writer
    from apmon.templates.validation import IssueView, Validation

log = logging.getLogger("apmon.sync")

Progress = Callable[[str, int, int], None]  # (what, done, total)
RECORD_BATCH = 32  # versions recorded per ledger transaction
SET_ASIDE_BATCH = 200  # stored versions looked at per read: each with its report, an older ledger holds years of them
CLOCK_TOLERANCE = dt.timedelta(minutes=10)  # a file's time ahead of the sync's by more is said to be wrong


class NewVersion(BaseModel):
    model_config = ConfigDict(frozen=True)

    source: str
    file: str
    institution: str | None
    institution_unknown: str | None = None  # of a file refused as institution-not-in-registry: the code it names
    period: str | None
    readable: bool
    valid: bool
    on_time: bool | None
    days_late: int | None
    errors: int
    warnings: int
    first_problem: str | None  # the first error's message in the master's language, for the summary
    first_problem_at: str = ""  # its sheet and cell ("Naslovna B6"), if it has them
    same_as: str | None = None  # of a copy: the file its content came from in this same run


class RegistryChanged(LedgerBusy):
    """The registry of institutions changed while the run waited for the ledger's lock (an `apmon institution` edit
    held it): the run read it before, and would judge the reports with a registry that is no longer in force."""

    def __init__(self, file: str) -> None:
        super().__init__("ledger_error.registry_changed", file=file)


class CountedOnce(BaseModel):
    """A successor's figure on a split line that also held the old ministry's last months, which the old ministry gave
    itself: the master counts them once, in the old ministry's part (spent-year-repeats-predecessor, advice "part")."""

    model_config = ConfigDict(frozen=True)

    file: str
    institution: str | None  # whose report the warning is on: the successor's, or the old ministry's if it came later
    period: str | None  # that report's period, YYYY-MM
    sheet: str
    cell: str
    line: str  # the budget line, "2.1.2/8"
    successor: str
    predecessor: str
    months: list[str]  # the old ministry's months the successor's figure also held, YYYY-MM
    amount: Decimal  # what the old ministry gave as spent in them: cut from the successor's figure
    message: str  # "<file>, <sheet> <cell>: <the warning>", in the run's language
    # the warning as stored, to check it again against the newest versions (consolidate.Repeats); not in --json
    found: dict[str, Any] = Field(default_factory=dict, exclude=True, repr=False)


class RunSummary(BaseModel):
    run_id: int
    files_seen: int = 0
    files_changed: int = 0
    versions: list[NewVersion] = Field(default_factory=list)
    returned: list[NewVersion] = Field(
        default_factory=list,
        description="Files whose content is an earlier version's (restored, or edited back): it is the newest again.",
    )
    missing_at_source: list[str] = Field(
        default_factory=list, description="Files gone from a source since the last run."
    )
    sources_not_listed: list[str] = Field(
        default_factory=list,
        description="Sources whose files could not be listed (a folder gone, Drive not answering): what they hold now "
        "is not known, so no reminder, late notice or brief goes out from this run.",
    )
    not_read: list[tuple[str, str]] = Field(
        default_factory=list,
        description="(institution, period) of the files still there but not read (Google not answering, a file being "
        "written or that could not be read) whose report is known before a read: not shown or mailed as not sent.",
    )
    unreadable: list[tuple[str, str]] = Field(
        default_factory=list,
        description="Of `not_read`, those whose file the source could not read for a reason of the file's own (its "
        "permissions, a disk error) at this run and the one before, not Google silent nor a file being written: "
        "shown as not read, but holding back no reminder nor brief, as the file may stay so for good, and anyone may "
        "have named it.",
    )
    duplicates: list[DuplicateReport] = Field(
        default_factory=list,
        description="Reports that more than one file present at the sources holds: every file, and which counts.",
    )
    errors: list[str] = Field(default_factory=list)
    counted_once: list[CountedOnce] = Field(
        default_factory=list,
        description="A successor of a split whose figure on a line also holds the old ministry's months, which the "
        "old ministry gave itself (spent-year-repeats-predecessor): the facts, and the file and the warning in the "
        "run's language (`message`).",
    )
    repeats_in_errors: list[CountedOnce] = Field(
        default_factory=list,
        description="A split's successor's version with errors whose figure on a line, which repeated nothing when it "
        "was read, repeats the old ministry's last months as judged against the old ministry's valid version of that "
        "year read by this run (consolidate.Repeats.made; a run that reads none lists none, nor one whose version "
        "leaves the repeat as it was before the run), as `counted_once` says a "
        "repeat: on the Issues sheet and in the mail to its officer, not in `counted_once`, as the master counts no "
        "figure of a version with errors (nothing is cut) until it is corrected.",
    )
    warnings: list[str] = Field(
        default_factory=list,
        description="What the run left alone and why (not an error: the exit code stays 0), among them the copies "
        "of the master and the reports apmon issued that it found among the reports and did not read.",
    )
    notices: list[str] = Field(
        default_factory=list,
        description="What this run repaired of an earlier one that was cut short (its lock, its temporary files, "
        "a file it died reading), and, once, the copies of the master and blank templates an older apmon recorded "
        "as reports that it set aside.",
    )
    holidays_unknown: list[str] = Field(
        default_factory=list,
        description="A warning for each year whose Serbian holidays are not known, in which the master counts "
        "working days (its months' and years' due dates, how late a report is): only weekends were days off.",
    )
    done: list[str] = Field(
        default_factory=list,
        description="What the run did besides reading the reports: the Coordinator's decisions it recorded from the "
        "Evaluation sheet, a brief it issued, the e-mail it held back for `as_of`.",
    )
    moved: list[MovedFolder] = Field(
        default_factory=list,
        description="The reports folders found moved: the files of each that continue the ledger's files of the old.",
    )
    moved_inside: list[MovedInside] = Field(
        default_factory=list,
        description="Subfolders (or files) moved or renamed inside a reports folder: the same files, at a new path.",
    )
    purged: list[int] = Field(
        default_factory=list,
        description="Refused versions whose content this run purged: refused for personal data, kept past "
        "`personal_data_days`, or any other, kept past `refused_days`.",
    )
    mail: list[str] = Field(default_factory=list, description="E-mails sent or tried after the run (sync.remind).")
    master: str | None = None
    master_open: str | None = Field(
        default=None,
        description="The name of the master file left alone: Excel or LibreOffice has it open (its lock file).",
    )
    master_warning: str | None = None
    google_master: str | None = None
    copied_times: CopiedTimes | None = Field(
        default=None,
        description="Many files of several periods late by one and the same file time, long after their deadlines: "
        "a folder copied without its times (code file-times-copied).",
    )
    late_by_file_time: list[tuple[str, dt.datetime, int]] = Field(
        default_factory=list, exclude=True, description="(period, file time, working days late) of this run's files."
    )
    seconds: dict[str, float] = Field(
        default_factory=dict, description="Time taken by each part of the run: sources, consolidation, master."
    )

    def held_back(self) -> list[tuple[str, str]]:
        """Of `not_read`, the reports a reminder, a late notice and the Minister's brief wait for (not `unreadable`)."""
        lasting = set(self.unreadable)
        return [report for report in self.not_read if report not in lasting]

    @property
    def failed(self) -> bool:
        """Something the Coordinator must look at: a source or the master could not be handled."""
        return bool(self.errors)


class UnusableSource:
    """A source that cannot even start (a Google key file that is missing or broken): each run says why in one
    line, and the other sources go on."""

    def __init__(self, source_id: str, problem: SaidError) -> None:
        self.id = source_id
        self.problem = problem

    def scan(self) -> list[Candidate]:
        raise SourceError("source.unusable", problem=self.problem)

    def fetch(self, candidate: Candidate) -> Fetched:
        raise SourceError("source.unusable", problem=self.problem)


class GoneFolder:
    """The default reports folder, no longer there though the ledger holds files from it (moved away or deleted):
    each run says so in one line, and nothing of it is marked missing."""

    def __init__(self, source_id: str, folder: Path, files: int) -> None:
        self.id = source_id
        self.problem = SourceError("source.default_folder_gone", folder=folder, count=files)

    def scan(self) -> list[Candidate]:
        raise self.problem

    def fetch(self, candidate: Candidate) -> Fetched:
        raise self.problem


class ConfiguredSources(NamedTuple):
    """What `configured_sources` gives a run."""

    sources: list[Source]
    google_client: gspread.Client | None
    google_problem: GoogleConfigError | None  # why Google is configured but there is no client: the master says it


def configured_sources(config: Config, ledger: Ledger, folder_source: FolderSource | None = None) -> ConfiguredSources:
    """The sources `config` names (the reports folder, and the Drive folder when set) and the Google client
    they and the Google master use. Google configured with an unusable key gives no client but the key's problem,
    and, for the Drive folder, a source that reports it, so the reports folder and master.xlsx still go on.
    `folder_source`: the reports folder's source made already (sync.head_start)."""
    sync = config.sync
    folder = sync.reports_folder()
    reports: Source = folder_source or FolderSource(
        folder, recursive=sync.recursive, leave_out=config.written_by_apmon()
    )
    if sync.folder is None and not folder.is_dir():
        # Made on a first run, for the reports to come; once the ledger holds files from it, a folder gone was moved
        # or deleted: an empty one made in its place would have every report taken as deleted. A configured folder
        # is never made.
        if known := len(ledger.item_states(reports.id)):
            reports = GoneFolder(reports.id, folder, known)
        else:
            folder.mkdir(parents=True, exist_ok=True)
    sources: list[Source] = [reports]
    client = None
    if sync.google_folder or sync.google_master:
        from apmon.templates.google_api import make_client

        google = config.google
        try:
            client = make_client(
                google.credentials, google.endpoints, google.retry, timeout=google.timeout, quota=google.quota
            )
        except GoogleConfigError as exc:
            if sync.google_folder:
                sources.append(UnusableSource(f"google:{sync.google_folder}", exc))
            return ConfiguredSources(sources, None, exc)
        if sync.google_folder:
            master = [sync.google_master] if sync.google_master else []  # kept in that folder: no report
            sources.append(GoogleDriveSource(client, sync.google_folder, leave_out=master))
    return ConfiguredSources(sources, client, None)


def still_configured(settings: SyncSettings) -> Callable[[str], bool]:
    """Whether a source a run read (its id) is one `configured_sources` makes now. The reports folder always is: its
    path is not compared, as another process may resolve it otherwise (a mapped drive); a Drive folder is while
    `google_folder` names it."""
    drive = f"google:{settings.google_folder}" if settings.google_folder else None
    return lambda source: not source.startswith("google:") or source == drive


def sources_never_synced(ledger: Ledger, settings: SyncSettings) -> list[str]:
    """The sources configured now that no run has synced yet, so who has sent a report there is not known: every one
    before the first `apmon sync run` of a new installation, or a Drive folder just added to apmon.toml. The reports
    folder is one whatever its path, as in `still_configured` (a folder moved is read by the next run as the same)."""
    synced = ledger.sources_synced()
    never = [] if any(source.startswith("folder:") for source in synced) else [f"folder:{settings.reports_folder()}"]
    drive = f"google:{settings.google_folder}" if settings.google_folder else None
    return never + ([drive] if drive and drive not in synced else [])


def reports_not_read(ledger: Ledger, settings: SyncSettings) -> set[tuple[str, str]]:
    """(institution, period) of the reports whose files the last sync run saw but could not read, of the sources
    configured now: what `sync status`, Consolidate, the briefs and `apmon remind` show as "not read". A source taken
    out of apmon.toml is read by no run again, so it holds nothing back: its reports are missing or read as usual."""
    return ledger.reports_not_read(still_configured(settings))


def reports_held(ledger: Ledger, settings: SyncSettings) -> set[tuple[str, str]]:
    """Of `reports_not_read`, those a reminder, a late notice and the Minister's brief wait for: not a file the
    source could not read for a reason of its own (`RunSummary.unreadable`), which may stay so for good."""
    return ledger.reports_not_read(still_configured(settings), held_only=True)


def run_sync(
    *,
    plan: Plan,
    registry: InstitutionRegistry,
    ledger: Ledger,
    sources: list[Source],
    settings: SyncSettings,
    calendar: WorkingCalendar,
    trigger: Trigger = "cli",
    now: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.UTC),
    as_of: dt.date | None = None,
    google_client: gspread.Client | None = None,
    google_problem: GoogleConfigError | None = None,
    progress: Progress | None = None,
    parser: Parser | None = None,
    coordinator: str | None = None,
    registry_now: Callable[[], tuple[InstitutionRegistry, str]] | None = None,
) -> RunSummary:
    """Run once under the ledger's lock (LedgerBusy when another run holds it). `google_problem`: why there is no
    `google_client` (`configured_sources`), said where the Google master is not written. `parser`: one started ahead
    (sync.head_start), of the same plan, registry and calendar. `coordinator`: `[reports] coordinator`, the name
    the decisions typed on the master are recorded under. `registry_now`: the registry as its file is now, and the
    file, asked once the lock is held: RegistryChanged when it is no longer `registry`."""
    # Before the parse workers fork, so that they have them too (a head start loaded them before its worker forked:
    # loaded again, they are the years save_holidays need not write back).
    cached_holidays = load_holidays(settings.data_dir)
    parser = parser or Parser(plan, registry, calendar, settings.workers)
    with ledger.lock(wait=settings.wait_for_lock) as died, _garbage_collector_paused(), _nothing_read_kept(), parser:
        # The registry was read before the lock: an `apmon institution` edit that held it may have changed it since
        # (a body removed, whose report this run would record as good). Nothing is written yet.
        if registry_now is not None and (now_in_force := registry_now())[0] != registry:
            raise RegistryChanged(now_in_force[1])
        previous = ledger.last_run()
        began = now()
        summary = RunSummary(run_id=ledger.start_run(trigger, began))
        summary.notices, summary.moved, summary.moved_inside = _repair_interrupted(
            ledger, settings, summary.run_id, died, now()
        )
        set_aside = _set_aside_own_files(ledger, settings.master_lang, summary.run_id)
        summary.notices += set_aside
        if summary.moved or summary.moved_inside:  # kept with this run too: `sync status` tells of the move whichever
            ledger.note_moved(summary.run_id, summary.moved, summary.moved_inside)  # run is the last
        history = _History(ledger, plan)
        fresh: dict[int, Report] = {}  # new versions' reports by id: consolidation need not read them back
        started = time.perf_counter()
        not_read: dict[str, list[tuple[str, str]] | None] = {}  # by source: kept for `apmon remind` and the briefs
        unreadable: dict[str, list[tuple[str, str]]] = {}
        with parser.marking(settings.data_dir / READING_MARKER, summary.run_id) as marker:
            for source in sources:
                before, before_unreadable = len(summary.not_read), len(summary.unreadable)
                listed = _sync_source(
                    source,
                    ledger,
                    calendar,
                    history,
                    summary,
                    now,
                    progress,
                    parser,
                    fresh,
                    settings.master_lang,
                    settings.refused_mb_per_day,
                    {s.id for s in sources},
                )
                if not listed:
                    summary.sources_not_listed.append(source.id)
                not_read[source.id] = summary.not_read[before:] if listed else None
                unreadable[source.id] = summary.unreadable[before_unreadable:]
            ledger.note_not_read(summary.run_id, not_read, unreadable)
            summary.copied_times = copied_file_times(summary.late_by_file_time)
            for m in summary.moved:
                summary.done.append(text_of("sync.moved", settings.master_lang, count=m.files, old=m.old, new=m.new))
            for inside in dict.fromkeys(m.source for m in summary.moved_inside):  # one line for each reports folder
                moves = [m for m in summary.moved_inside if m.source == inside]
                summary.done.append(
                    text_of("sync.moved_inside", settings.master_lang, moves=moves_said(moves, settings.master_lang))
                )
            # Since the day of the run before: a day's Submits refused after that run are told at this one.
            since = belgrade_day_start(previous.started_at if previous else now())
            summary.warnings += submits_spent_said(
                ledger, since, settings.submitted_mb_per_day, settings.master_lang, now()
            )
            judged = _judge_again(
                ledger, plan, calendar, history, summary, now, parser, fresh, sources, settings.master_lang
            )
            parser.finish()  # the workers exit while the run goes on
        if judged:
            summary.done.append(_judged_again_said(judged, plan, settings.master_lang))
        summary.notices += _left_by_a_crash(marker, settings.master_lang)
        summary.versions = _as_reports_stand(ledger, summary.versions)
        summary.seconds["sources"] = time.perf_counter() - started
        ledger.finish_run(
            summary.run_id,
            now(),
            files_seen=summary.files_seen,
            files_changed=summary.files_changed,
            versions_added=len(summary.versions),
            errors=summary.errors,
            moved=summary.moved,
            moved_inside=summary.moved_inside,
        )
        recorded_errors = len(summary.errors)
        summary.purged = purge_personal_data(ledger, settings, now())
        summary.duplicates = duplicate_reports(ledger)  # after the purge: its file names as the master shows them
        today = as_of or now().astimezone(BELGRADE).date()
        consolidation = consolidation_settings(settings, calendar, today, plan, summary.not_read)
        # The years the master counts working days in: where its months and years are due, from the month after its
        # first (December's report is due in January) to the February after its last year (the annual reports'); and
        # those this run's calendar counted in (how late a report came). The reminders' periods are among them.
        first, last = consolidation.first, consolidation.last
        due_years = range(first.year + 1 if first.month == 12 else first.year, last.year + 2)
        given = calendar.policy.extra_non_working_days
        counted = set(due_years) | calendar.counted
        summary.holidays_unknown = holidays_unknown(counted, settings.master_lang, given=given)
        # Typed on the master written before this run: made before it began, so before the versions it read (a
        # correction read now, the Coordinator had not seen: the decision is flagged for review).
        typed, file_unread, google_unread = _evaluation_typed(
            plan, ledger, settings, consolidation, google_client, began, coordinator
        )
        summary.done += typed.lines
        summary.errors += [said for said in (file_unread, google_unread) if said]
        basis = master_basis(plan, registry, consolidation, settings, coordinator_mark(ledger), summary.duplicates)
        # A purge masks the file names the master lists: it is written again, not left showing them.
        # A file moved inside the folder: the master's duplicates name it at its new path.
        changed = (
            summary.versions
            or summary.returned
            or summary.missing_at_source
            or summary.purged
            or summary.moved_inside
            or set_aside  # versions set aside: the master no longer counts them
        )
        master_exists = settings.master_path().exists()
        written_there = master_files_there(settings, ledger)
        # A first master from sources that could not be read would say that no institution sent anything.
        unread = bool(summary.errors) and not master_exists and not ledger.holds_versions()
        # No source listed (the folder gone, the network drive not there): the files of the last run that saw them
        # are not known to be there now, and the master would lose the reports several files hold. It is left as is.
        unread = unread or (bool(sources) and len(summary.sources_not_listed) == len(sources))
        due = changed or ledger.master_stale() or ledger.master_basis() != basis or not written_there
        cut_off = master_cut_off(settings.as_of)
        if due and not unread:
            known = {**history.decoded, **fresh}  # each stored report is decoded once per run
            _write_masters(
                plan,
                registry,
                ledger,
                settings,
                consolidation,
                basis,
                summary,
                now,
                google_client,
                known,
                google_problem=google_problem,
                file_held=file_unread is not None,
                google_held=google_unread is not None,
                sent_before=cut_off,
                refused=typed.refused,
                began=began,
            )
        if cut_off and (left_out := ledger.reports_sent_after(cut_off)):
            day = settings.as_of
            example = " ".join(left_out[0])
            said = text_of("sync.as_of_left_out", settings.master_lang, day=day, count=len(left_out), example=example)
            summary.done.append(said)
        if len(summary.errors) > recorded_errors:  # met after the run was recorded: `sync status` shows them too
            ledger.note_run_errors(summary.run_id, summary.errors)
        save_holidays(settings.data_dir, cached_holidays)
        # The run's reports go before the collector resumes: its first pass then finds little left to look at.
        del fresh, history
        return summary


def _as_reports_stand(ledger: Ledger, versions: list[NewVersion]) -> list[NewVersion]:
    """The new versions, each valid one sent after its deadline with its report's on time or late instead
    (`ledger.selection.report_timing`): a correction of a report sent on time is on time, one of a late report
    late by its first valid version. Only those can differ: a valid version sent by the deadline is on time."""
    stood = []
    for version in versions:
        if version.valid and version.on_time is False and version.institution and version.period:
            counted = next(iter(ledger.accepted(version.institution, version.period)), None)
            if counted is not None and counted.timing is not None:
                timing = counted.timing
                version = version.model_copy(update={"on_time": timing.on_time, "days_late": timing.days_late})
        stood.append(version)
    return stood


def _evaluation_typed(
    plan: Plan,
    ledger: Ledger,
    settings: SyncSettings,
    consolidation: ConsolidationSettings,
    google_client: gspread.Client | None,
    now: dt.datetime,
    coordinator: str | None,
) -> tuple[Typed, str | None, str | None]:
    """The decisions the Coordinator typed on the Evaluation sheet of the master file, then of the master Google
    spreadsheet, recorded before the sheets are written again: a line for each recorded or refused, the refused
    ones as typed (the file's first); and why the file's sheet, then the Google one, could not be read (None when
    it was, or none is configured or usable): that master is not written then."""
    from apmon.sync.evaluation import SheetUnreadableError, Typed, read_back
    from apmon.templates.sheet_extent import SheetTooLargeError

    lang = consolidation.lang
    file_unread = None
    try:
        typed = read_back(plan, ledger, settings.master_path(), lang, now, coordinator)
    except SheetTooLargeError as exc:  # a value typed far out on it: what is typed there is kept until it is read
        typed, file_unread = Typed([], {}), text_of("evaluation.sheet_too_large", lang, sheet=exc.sheet, cell=exc.cell)
    except SheetUnreadableError as exc:  # a damaged part, read as empty, would lose what is typed there
        file = settings.master_path()
        said = text_of("evaluation.sheet_unreadable", lang, sheet=exc.sheet, file=file, reason=exc.reason)
        typed, file_unread = Typed([], {}), said
    typed, google_unread = _google_typed(typed, plan, ledger, settings, google_client, lang, now, coordinator)
    return typed, file_unread, google_unread


def _google_typed(
    typed: Typed,
    plan: Plan,
    ledger: Ledger,
    settings: SyncSettings,
    google_client: gspread.Client | None,
    lang: Lang,
    now: dt.datetime,
    coordinator: str | None,
) -> tuple[Typed, str | None]:
    """`typed` (the file's) and what was typed on the master Google spreadsheet; why it could not be read."""
    from apmon.sync.evaluation import Typed, read_back_google

    if not settings.google_master or google_client is None:
        return typed, None  # without a usable key the write fails too, and says why
    from apmon.templates.google_api import GOOGLE_ERRORS, describe
    from apmon.templates.gsheet import SheetsTooLargeError, drive_file_state

    master = settings.google_master
    try:
        # A master deleted, or moved to the trash (where it would be written unseen, then deleted): said every run,
        # with what to do, and not written; what was typed on a trashed one is still recorded.
        state = drive_file_state(google_client, master)
    except GOOGLE_ERRORS as exc:  # Drive's own answer (5xx, the quota): no sheet of the master was asked for
        return typed, text_of("write.google", lang, spreadsheet=master, reason=describe(exc, lang))
    if state == "gone":
        return typed, text_of("write.google_master_gone", lang, spreadsheet=master, setting="[sync] google_master")
    try:
        google = read_back_google(plan, ledger, google_client, master, lang, now, coordinator)
    except GOOGLE_ERRORS as exc:
        sheet = text_of("evaluation.sheet", lang)
        unread = text_of("write.google_unread", lang, spreadsheet=master, sheet=sheet, reason=describe(exc, lang))
        return typed, unread
    except SheetsTooLargeError as exc:  # a table pasted on it: what is typed there is kept until it is read
        size = {key: exc.params[key] for key in ("sheet", "rows", "columns", "limit")}
        return typed, text_of("evaluation.google_sheet_too_large", lang, spreadsheet=master, **size)
    both = Typed(typed.lines + google.lines, google.refused | typed.refused)
    if state == "trashed":
        return both, text_of("write.google_master_trashed", lang, spreadsheet=master, setting="[sync] google_master")
    return both, None


def _repair_interrupted(
    ledger: Ledger, settings: SyncSettings, run_id: int, died: dict[str, Any] | None, now: dt.datetime
) -> tuple[list[str], list[MovedFolder], list[MovedInside]]:
    """What is left of runs cut short (killed, crashed): their runs are closed as interrupted and the temporary
    files of a master write they left are removed; a line for each, to say so, and the notices they recorded and
    never said (what they set aside of an older apmon's versions). And the folders (and subfolders
    inside one) they found moved (`runs.moved`, counted as each file was taken over): this run tells of them, as
    their files are no longer new here."""
    notices, lang = [], settings.master_lang
    moved: list[MovedFolder] = []
    moved_inside: list[MovedInside] = []
    if died:
        holder = f"pid {died.get('pid', '?')}" + (f", {died['host']}" if died.get("host") else "")
        started = shown_start(died.get("started_at", "?"))
        notices.append(text_of("sync.notice.lock", lang, holder=holder, started=started))
    for run in ledger.close_interrupted_runs(run_id, now):
        notices.append(text_of("sync.notice.interrupted", lang, run=run.id, started=run.started_at))
        notices += run.notices  # what it set aside, recorded but never said
        for folder in run.moved:
            moved = _with_moved(moved, folder)
        for inside in run.moved_inside:
            moved_inside = _with_moved(moved_inside, inside)
    for leftover in remove_temporary_files(settings.master_path()):
        notices.append(text_of("sync.notice.leftover", lang, file=leftover.name))
    return notices, moved, moved_inside


Moved = TypeVar("Moved", MovedFolder, MovedInside)


def _earliest_of_a_size_first(candidates: list[Candidate], ahead: set[str]) -> list[Candidate]:
    """`candidates` in their order, but the files of one size (all that can hold the same bytes) in the places they
    take, each in the order of its time: of a copy and its original, the one sent first is read first, so the version
    their bytes make has its time and days late, whatever their names (the other is a copy of it, received again).
    Those `ahead` (read first, above) stay ahead of the others; Google spreadsheets (no size) keep their order."""
    ordered = list(candidates)
    places: defaultdict[tuple[bool, int], list[int]] = defaultdict(list)
    for n, candidate in enumerate(candidates):
        if candidate.size is not None:
            places[(candidate.key in ahead, candidate.size)].append(n)
    for taken in places.values():
        by_time = sorted((candidates[n] for n in taken), key=lambda c: c.modified)
        for n, candidate in zip(taken, by_time, strict=True):
            ordered[n] = candidate
    return ordered


def _with_moved(moved: list[Moved], more: Moved) -> list[Moved]:
    """`moved` with `more` files of a folder found moved: added to the same move's count, or a move of its own."""
    merged: list[Moved] = []
    for m in moved:
        same = m.model_copy(update={"files": more.files}) == more  # the same move, whatever its count
        merged.append(m.model_copy(update={"files": m.files + more.files}) if same else m)
    if merged == moved:  # no count grew: a move of its own
        merged.append(more)
    return merged


_LEFT_NOTICES = {
    CRASHED_AGAIN: "sync.notice.crashed_again",
    NOT_READ: "sync.notice.crashed_not_started",
    READ_ALONE: "sync.notice.crashed_read",
    CHANGED: "sync.notice.crashed_changed",
    GONE: "sync.notice.crashed_gone",
}


def _left_by_a_crash(marker: ReadingMarker, lang: Lang) -> list[str]:
    """A line for each file a run was reading itself when it died, saying what this run did with it; a file this run
    could not get to either, kept for a later run, is said once (not again by the runs that keep it after)."""
    lines = []
    for left in marker.left:
        met = marker.met.get(left.version)
        if met is None and left.waiting:
            continue
        key = _LEFT_NOTICES.get(met or "", "sync.notice.crashed_waiting")
        file = shown_file_name(left.version.path, None)
        lines.append(text_of(key, lang, run=left.run or "?", file=file, source=left.version.source))
    return lines


def purge_personal_data(ledger: Ledger, settings: SyncSettings, now: dt.datetime, *, refused: bool = True) -> list[int]:
    """Purge the content of the versions refused for personal data that arrived more than the configured number
    of days ago (`personal_data_days`) and, with `refused`, the bytes of the other refused versions that arrived
    more than `refused_days` ago; the ids purged, each logged (never with what was purged)."""
    refused_before = now - dt.timedelta(days=settings.refused_days) if refused else None
    purged = ledger.purge_personal_data(
        now - dt.timedelta(days=settings.personal_data_days), now, refused_before=refused_before
    )
    if purged:
        log.info(
            "purged the content of %d refused version(s) (for personal data: received over %d days ago; the others "
            "over %d days ago): ids %s",
            len(purged),
            settings.personal_data_days,
            settings.refused_days,
            ", ".join(map(str, purged)),
        )
    return purged


def coordinator_mark(ledger: Ledger) -> str:
    """Changes whenever the Coordinator records a decision, a comment or a task's status: the master shows them."""
    return f"{ledger.evaluation_mark()}/{ledger.task_status_mark()}"


# What the master shows of the same data, as this apmon makes it: raised by a change that shows it otherwise (a new
# line, column or sheet), so that the first run after an upgrade writes the master again, though nothing new came.
MASTER_EDITION = 2


def master_basis(
    plan: Plan,
    registry: InstitutionRegistry,
    consolidation: ConsolidationSettings,
    settings: SyncSettings,
    evaluation: str = "",
    duplicates: list[DuplicateReport] | None = None,
) -> str:
    """What the master is written from besides the ledger's versions: the plan and institutions, today's date, the
    periods, rates and language, the Google master, the Coordinator's decisions, comments and task statuses
    (`evaluation`: `coordinator_mark`), and the reports several files hold (`duplicate_reports`: a file deleted
    or seen again changes them), and the edition of apmon's master (MASTER_EDITION). A day later, or with other
    settings, the same ledger makes another."""
    plan_json = derived(plan, "json", plan.model_dump_json)  # the plan is large and never changes
    parts = [f"edition {MASTER_EDITION}", plan_json, registry.model_dump_json(), consolidation.model_dump_json()]
    parts += [settings.google_master or "", evaluation, *(d.model_dump_json() for d in duplicates or [])]
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()


@contextmanager
def _nothing_read_kept() -> Iterator[None]:
    """What reading keeps within a run to be asked again (a file name's personal data hits, a sheet's data
    validations, a workbook's number formats, relationships and defined names) is let go after it: a service runs
    for months in one process, and any of them may hold what a person typed."""
    try:
        yield
    finally:
        forget_names_searched()
        # The workbook reader's, when a file was read: a run that read none has not loaded it (sync.parsing).
        if (reader := sys.modules.get("apmon.templates.read_xlsx")) is not None:
            reader.forget_what_was_read()


@contextmanager
def _garbage_collector_paused() -> Iterator[None]:
    """No cyclic garbage collection during the run, and what exists before it (modules, the plan, caches) set
    aside from the collector.

    A run makes many short-lived objects, which reference counting frees; the collector's frequent passes over
    them would cost several percent of the run. Worker processes forked meanwhile inherit this, and the frozen
    objects keep them from touching (and so copying) the parent's memory, as the gc module's documentation
    advises before a fork. What cycles a run leaves are collected after it.
    """
    enabled = gc.isenabled()
    gc.freeze()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
        gc.unfreeze()


class _History:
    """The accepted reports of each institution, for the history rules; an institution's are read from the
    ledger when first needed, so a run that brings a few reports reads a few institutions' history, not all of
    it. A valid report checked in this run takes the place of the one before it. `decoded`: every stored
    report decoded meanwhile, by version id, for consolidation to take instead of decoding it again."""

    def __init__(self, ledger: Ledger, plan: Plan | None = None) -> None:
        self.ledger, self.plan = ledger, plan
        self.by_institution: dict[str, dict[str, Report]] = {}
        self.decoded: dict[int, Report] = {}

    def of(self, institution: str | None) -> list[Report]:
        if institution is None:
            return []
        if institution not in self.by_institution:
            # Read before any report of this institution is recorded in this run: each is checked (and so
            # asks for its institution's history) before it is recorded.
            reports = self.by_institution[institution] = {}
            for row in self.ledger.accepted(institution=institution):
                if row.report_json and row.period:
                    report = Report.model_validate_json(row.report_json)
                    self.decoded[row.id] = reports[row.period] = report
        return list(self.by_institution[institution].values())

    def add(self, report: Report) -> None:
        if report.institution in self.by_institution:
            self.by_institution[report.institution][report.period] = report


def _sync_source(
    source: Source,
    ledger: Ledger,
    calendar: WorkingCalendar,
    history: _History,
    summary: RunSummary,
    now: Callable[[], dt.datetime],
    progress: Progress | None,
    parser: Parser,
    fresh: dict[int, Report],
    lang: Lang,
    refused_mb_per_day: int,
    read_sources: set[str],
) -> bool:
    """Take in what changed at `source`; whether its files could be listed."""
    reading = text_of("sync.progress.reading", lang, source=source.id)
    try:
        candidates = source.scan()
    except _and_google_errors(SourceError, OSError) as exc:
        summary.errors.append(f"{source.id}: {_describe(exc, lang)}")
        return False
    ignored = getattr(source, "ignored", [])
    if ignored:
        summary.warnings.append(text_of("sync.ignored", lang, **_files(source, ignored, lang)))
    not_files = getattr(source, "not_files", [])
    if not_files:
        summary.warnings.append(text_of("sync.not_files", lang, **_files(source, not_files, lang)))
    _name_documents(source, ledger, summary, now, lang, read_sources)
    known = ledger.item_states(source.id)
    elsewhere = ledger.contents_elsewhere(source.id, read_sources)  # what a moved folder's file can be
    listed = {c.key for c in candidates}
    # The files the last run found that are not at their path now: what a file moved inside the folder can be. Not
    # those under a subfolder that could not be listed: they may still be there.
    unlisted_now: list[tuple[str, OSError]] = getattr(source, "unlisted", [])
    left = {
        key: content
        for key, content in (ledger.left_paths(source.id, listed) if isinstance(source, FolderSource) else {}).items()
        if not _under(key, unlisted_now)
    }
    left_contents = set(left.values())
    left_named: defaultdict[str, dict[str, None]] = defaultdict(dict)  # file name: the keys left of that name
    for key in left:
        left_named[key.rsplit("/", 1)[-1]][key] = None
    held_elsewhere = ledger.keys_elsewhere(source.id, read_sources) if elsewhere else set()
    # A Drive file keeps its id in another folder: one known there by id and time is taken over without a read.
    ids_elsewhere = held_elsewhere if getattr(source, "keys_are_ids", False) else set()
    # The file with the path (or Drive id) a moved file had continues it: read first, so that a copy of it made in the
    # new place ("Kopija ...", read before it) cannot take its history and leave it to be received again.
    # So too a file moved inside the folder, by its name, before a copy of it with another name.
    ahead = {
        c.key
        for c in candidates
        if c.key not in known and (c.key in held_elsewhere or c.key.rsplit("/", 1)[-1] in left_named)
    }
    candidates = _earliest_of_a_size_first(sorted(candidates, key=lambda c: c.key not in ahead), ahead)
    unchanged: list[str] = []
    unread: set[str] = set()  # files still there but not read (being written, could not be read): read at a later run
    unreadable: set[str] = set()  # of them, those the source could not read for a reason of the file's own
    not_asked: list[str] = []  # files the source gave up asking for (Google down): one line for all of them
    changing: list[str] = []  # files being written as they were read: read at a later run
    master_copies: list[str] = []  # copies of the master (its mark), never read as reports
    issued_reports: list[str] = []  # the xlsx of reports apmon issued (their mark), never read as reports either
    blank_templates: list[str] = []  # templates whose input cells hold nothing: no one's report
    emptied: list[str] = []  # files that held a report, emptied again: the report still counts
    # A report in an institution's own folder (or spreadsheet) must be that institution's.
    folders = institution_folders(parser.registry) if isinstance(source, FolderSource) else {}
    room = RefusedRoom(ledger, source, folders, refused_mb_per_day)
    gave_up: list[SaidError] = []  # why (Google failed for several in a row)
    moved: defaultdict[str, int] = defaultdict(int)  # files taken over from the folder they were in before, by it
    moved_inside: list[tuple[str, str]] = []  # (path before, path now) of files moved inside the folder

    def seen_with_no_version(candidate: Candidate, content_hash: str | None) -> None:
        """The file recorded as seen as it is now, with no new version (saved again, a blank template)."""
        ledger.touch_item(
            source.id,
            candidate.key,
            size=candidate.size,
            modified=candidate.modified,
            content_hash=content_hash,
            seen_at=now(),
        )

    def inside(candidate: Candidate, same: set[str], among: Collection[str] | None = None) -> str | None:
        """The path a file had before it moved or was renamed inside the folder, taken over; None if none. `among`:
        the left paths it may have had (None: any)."""

        def take_over(paths: Collection[str]) -> str | None:
            return ledger.take_over_inside(
                source.id,
                candidate.key,
                size=candidate.size,
                modified=candidate.modified,
                content_hashes=same - {""},
                left=paths,
                seen_at=now(),
                place_of=lambda key: folder_institution(key, folders),
                run_id=summary.run_id,
            )

        # A file that kept its name (its subfolder moved) is looked for among those of its name first: among every
        # file left, each of a folder of copies of one report moved would look at all the others.
        name = candidate.key.rsplit("/", 1)[-1]
        pool = left if among is None else among
        before = take_over([k for k in left_named.get(name, {}) if k in pool and left[k] in same]) or take_over(pool)
        if before is not None:
            left.pop(before, None)
            left_named[before.rsplit("/", 1)[-1]].pop(before, None)
        return before

    def emptied_before(candidate: Candidate, blank: Report) -> str | None:
        """The path a blank template's file had when a run saw it emptied (the template saved over a counted report of
        the same institution and period), left since (moved inside the folder), taken over; None if none. Its content
        was recorded as the report's (seen_with_no_version), not the blank's: `inside` cannot match it by the blank's
        bytes. Only a file last seen as this one is (its size and time: a move keeps them): a report deleted and a new
        blank template elsewhere are not one file moved, nor is a report emptied and moved before a run saw it so."""
        stored = {v.content_hash for v in ledger.versions(blank.institution, blank.period, reports=False)}
        # the paths, not their contents: another file left of the same content (a copy) was not last seen so
        held = {
            key: content
            for key, content in left.items()
            if content in stored
            and (was := known.get(key)) is not None
            and (was.size, was.modified) == (candidate.size, candidate.modified)
            and ledger.holds_content(content, counted=True, report=True)
        }
        return inside(candidate, set(held.values()), among=held) if held else None

    def changed() -> Iterator[tuple[tuple[Candidate, Fetched], ParseJob]]:
        """Fetch what changed since the last run; new content goes on to be parsed."""
        for done, candidate in enumerate(candidates, 1):
            summary.files_seen += 1
            if progress:
                progress(reading, done, len(candidates))
            item = known.get(candidate.key)
            if item and item.content_hash and item.size == candidate.size and item.modified == candidate.modified:
                unchanged.append(candidate.key)  # not even read
                continue
            if (
                item is None
                and candidate.key in ids_elsewhere
                and (
                    moved_from := ledger.take_over_file(
                        source.id,
                        candidate.key,
                        modified=candidate.modified,
                        not_from=read_sources,
                        seen_at=now(),
                        run_id=summary.run_id,
                    )
                )
            ):
                moved[moved_from] += 1
                unchanged.append(candidate.key)
                continue
            try:
                fetched = source.fetch(candidate)
            except FileChangingError:
                changing.append(candidate.name)
                unchanged.append(candidate.key)  # still there: not missing; not recorded, so read again next run
                unread.add(candidate.key)
                continue
            except _and_google_errors(OSError) as exc:
                if isinstance(exc, SaidError) and exc.key == "google.gave_up":
                    gave_up.append(exc)
                    not_asked.append(candidate.name)
                    unchanged.append(candidate.key)
                    unread.add(candidate.key)
                    continue
                reason = _describe(exc, lang)
                summary.errors.append(
                    text_of(
                        "sync.unfetched",
                        lang,
                        source=source.id,
                        file=shown_file_name(candidate.name, None),
                        reason=reason,
                    )
                )
                unchanged.append(candidate.key)  # still there: not missing
                unread.add(candidate.key)
                if isinstance(source, FolderSource):  # the file's own failing, not Google's answer (passing)
                    unreadable.add(candidate.key)
                continue
            institution = candidate.owner or folder_institution(candidate.key, folders)
            same = {fetched.content_hash, in_wrong_place(fetched.content_hash, institution) if institution else ""}
            named_so = refused_for_its_name(fetched.content_hash)  # what these bytes are if refused for the name
            # A file refused for its name continues its history only while it is still so named: a Google
            # spreadsheet keeps its key when its title is changed as told, and was touched as unchanged for good.
            so_named = same | {named_so} if _name_holds_personal_data(candidate, fetched) else same
            if (
                item is None
                and not same.isdisjoint(elsewhere)
                and (
                    moved_from := ledger.take_over(
                        source.id,
                        candidate.key,
                        size=candidate.size,
                        modified=candidate.modified,
                        content_hashes=(same | {named_so}) - {""},
                        not_from=read_sources,
                        seen_at=now(),
                        place_of=lambda key: folder_institution(key, folders),
                        run_id=summary.run_id,
                    )
                )
            ):
                # The folder moved (a drive mapped again, a new server): the same file, not a new arrival.
                moved[moved_from] += 1
                unchanged.append(candidate.key)
                continue
            if item is None and not so_named.isdisjoint(left_contents) and (path_before := inside(candidate, so_named)):
                # Moved or renamed inside the folder (a subfolder tidied): the same file at a new path.
                moved_inside.append((path_before, candidate.key))
                unchanged.append(candidate.key)
                continue
            summary.files_changed += 1
            if item is not None and item.content_hash in so_named:  # saved again, same content (as kept)
                seen_with_no_version(candidate, item.content_hash)
                continue
            version = FileVersion(source.id, candidate.key, fetched.content_hash)
            yield (candidate, fetched), ParseJob.of(candidate.name, fetched, institution, version)

    waiting: list[tuple[Arrival, Validation]] = []

    def earliest(report: Report) -> dt.datetime | None:
        """The earliest submission time the ledger (or this run, not yet stored) has for the same report content."""
        same, key = _content(report), (report.institution, report.period)
        stored = ledger.versions(*key)
        times = [r.source_modified for r in stored if r.report_json and _content(r.report_json) == same]
        # Only this report's own (its content names its institution and period): not every waiting report dumped.
        pending = [(a, r.report) for a, r in waiting if r.report and (r.institution, r.period) == key]
        times += [a.version.source_modified for a, other in pending if _content(other) == same]
        return min((t for t in times if t is not None), default=None)

    def had_earlier(report: Report, at: dt.datetime) -> None:
        """This run's waiting versions of the same report content, read before it and late by a time later than `at`
        that no Submit stamp gave (a copy saved again under a name read first), given `at`, as `earliest` gives the
        versions read after: copying or saving a file again does not change when its content was sent. Before, the
        copy's version kept its own time and days late, and the master said the report was corrected that day."""
        key, same = (report.institution, report.period), None
        for n, (arrival, other) in enumerate(waiting):
            data = arrival.version
            if not (data.on_time is False and data.source_modified and at < data.source_modified):
                continue
            if other.report is None or (other.institution, other.period) != key:
                continue
            if time_basis(data.source_modified, other.report.submitted_at, arrival.modified) == "stamp":
                continue  # the time its Submit wrote stands
            same = same or _content(report)  # a report's content is compared only where it can matter
            if _content(other.report) != same:
                continue
            timing = calendar.timeliness(Period.parse(report.period), at.astimezone(BELGRADE).date())
            kept = (data.period, data.source_modified, data.days_late)
            if kept in summary.late_by_file_time:  # late by its file's time no longer
                summary.late_by_file_time.remove(kept)
            retimed = replace(data, source_modified=at, on_time=timing.on_time, days_late=timing.days_late)
            waiting[n] = (replace(arrival, version=retimed), other)

    submitted: dict[str, tuple[dt.datetime, set[tuple[str, dt.datetime]]]] = {}  # institution: (read at, seconds)

    def stamp_recorded(report: Report) -> bool:
        """Whether the ledger (or this run, not yet stored) has a valid version of this report submitted at the time
        of its Submit stamp, to the second: the one the Submit that wrote the stamp recorded, or, for a Submit of
        unchanged content, the version whose time it wrote. A stamp typed into `_apmon` has none."""
        stamp = submit_stamp(report.submitted_at)
        if stamp is None:
            return False
        pending = (
            a.version.source_modified
            for a, r in waiting
            if r.valid and (r.institution, r.period) == (report.institution, report.period)
        )
        if any(t is not None and t.replace(microsecond=0) == stamp for t in pending):
            return True
        # Read once per institution and run: a Submit records its version before it writes the stamp, so a stamp
        # well before the read is in it if a Submit recorded it at all (this run's versions are added as stored).
        # One from CLOCK_TOLERANCE before the read or later (a Submit during the run, or a clock ahead) is asked again.
        read_at, seconds = submitted.get(report.institution, (None, set()))
        if read_at is None or stamp > read_at - CLOCK_TOLERANCE:
            read_at, seconds = now(), ledger.submitted_seconds(report.institution)
            submitted[report.institution] = (read_at, seconds)
        return (report.period, stamp) in seconds

    stored_here: dict[int, str] = {}  # version id: the file it was first stored from in this run

    def store() -> None:
        """Record the waiting versions in one transaction; a crash before it means they are fetched again."""
        recorded = ledger.record([arrival for arrival, _ in waiting])
        for (arrival, result), (version_id, added) in zip(waiting, recorded, strict=True):
            new = _new_version(source.id, arrival.version, result, lang)
            if added:
                summary.counted_once += repeats_said(new.file, result, lang)
                moment = arrival.version.source_modified  # as stored: what a read of the ledger would give
                if result.valid and result.institution in submitted and result.period and moment:
                    submitted[result.institution][1].add((result.period, moment.replace(microsecond=0)))
                summary.versions.append(new)
                stored_here[version_id] = new.file
                if result.report:
                    fresh[version_id] = result.report
            else:  # a copy of a version received before, or of one received in this run
                summary.returned.append(new.model_copy(update={"same_as": stored_here.get(version_id)}))
        waiting.clear()

    for (candidate, fetched), parsed in parser.map(changed(), expected=len(candidates)):
        if isinstance(parsed, ParsedReport) and parsed.master_mark:
            # saved by hand beside the reports, or a report apmon issued written there (--out): no report, read again
            issued = parsed.master_mark.startswith(ISSUED_REPORT_MARK)
            (issued_reports if issued else master_copies).append(candidate.name)
            continue
        # A template no one filled (nothing_typed: nothing found in its cells) is no report: its file kept with no
        # version (as a folder's documents), so that it is not read again until it changes (a Google Sheet: its
        # modifiedTime), and its month stays "not sent". In a folder it is named once, and again when it changes; a
        # Google template is where its officer fills it in: not named.
        # One whose name holds personal data is refused for it, as before: a kept item would keep the name for good.
        if _blank_template(parsed):
            # A report emptied again keeps the content it held (the file's history; not a version set aside, an
            # older run's record of this blank template), and still counts: said so, in a folder or on Drive. Seen
            # as it is now, so that it is not read again.
            before = known.get(candidate.key)
            if before is None and isinstance(parsed, ParsedReport) and parsed.report is not None:
                # emptied and moved (or renamed) inside the folder: the same file at a new path, still the emptied one
                path_before = emptied_before(candidate, parsed.report)
                if path_before is not None:
                    moved_inside.append((path_before, candidate.key))
                    before = known.get(path_before)
            held_content = before.content_hash if before and before.content_hash else None
            if held_content is None or not ledger.holds_content(held_content, counted=True):
                held_content = fetched.content_hash
            # a file refused unread, the template saved over it, held no report: a blank template as any
            if held_content != fetched.content_hash and ledger.holds_content(held_content, counted=True, report=True):
                emptied.append(candidate.name)
            elif isinstance(source, FolderSource):
                blank_templates.append(candidate.name)
            seen_with_no_version(candidate, held_content)
            continue
        received_at = now()
        sender = candidate.owner or folder_institution(candidate.key, folders)
        result = _checked(candidate, parsed, history, received_at.astimezone(BELGRADE).date(), sender)
        if result.valid and result.report:
            history.add(result.report)
        report_json = parsed.report_json if isinstance(parsed, ParsedReport) and result.report else None
        if sender and isinstance(parsed, ParsedReport) and parsed.report and result.report is None:
            # Kept apart from the same bytes sent where they belong (a version is known by its content): as an
            # arrival of that version it would make it the newest again, or make the rightful file refused.
            fetched = fetched.model_copy(update={"content_hash": in_wrong_place(fetched.content_hash, sender)})
        if any(issue.code in NAME_REFUSALS for issue in result.issues):
            # Refused for its file's or folder's name: the same bytes renamed as told are read and judged on their own
            # (as that refused version, they stayed refused for good; moved inside the folder, they were not read).
            fetched = fetched.model_copy(update={"content_hash": refused_for_its_name(fetched.content_hash)})
        if not result.valid and not room.keeps(candidate, fetched, received_at):
            result = result.model_copy(update={"issues": [*result.issues, room.not_kept(candidate, fetched)]})
            fetched = fetched.model_copy(update={"raw": b""})
        version = _version(candidate, fetched, result, report_json, calendar, received_at, earliest, stamp_recorded)
        if result.report and version.source_modified:
            had_earlier(result.report, version.source_modified)
        late_by_its_time = version.on_time is False and version.source_modified == min(candidate.modified, received_at)
        if late_by_its_time and version.period and version.source_modified and version.days_late:
            summary.late_by_file_time.append((version.period, version.source_modified, version.days_late))
        if candidate.modified > received_at + CLOCK_TOLERANCE:
            file = shown_file_name(candidate.key, None)
            summary.warnings.append(
                text_of("sync.future_time", lang, source=source.id, file=file, time=candidate.modified)
            )
        waiting.append((Arrival(source.id, candidate.key, candidate.size, candidate.modified, version), result))
        if len(waiting) >= RECORD_BATCH:
            store()
    store()
    summary.warnings += room.said(lang)
    for old, count in moved.items():
        summary.moved = _with_moved(summary.moved, MovedFolder(old=old, new=source.id, files=count))
    for (old, new), count in _moved_folders(moved_inside):  # said once every source is read, with a killed run's
        more = MovedInside(source=source.id, old=old, new=new, files=count)
        summary.moved_inside = _with_moved(summary.moved_inside, more)
    if blank_templates:
        summary.warnings.append(text_of("sync.blank_templates", lang, **_files(source, blank_templates, lang)))
    if emptied:
        summary.warnings.append(text_of("sync.emptied", lang, **_files(source, emptied, lang)))
    if master_copies:
        summary.warnings.append(text_of("sync.master_copies", lang, **_files(source, master_copies, lang)))
    if issued_reports:
        summary.warnings.append(text_of("sync.issued_reports", lang, **_files(source, issued_reports, lang)))
    if changing:
        summary.warnings.append(text_of("sync.changing", lang, **_files(source, changing, lang)))
    if gave_up:
        why = gave_up[-1].fields  # how many failed in a row, and Google's answer to the check whether Sheets answers
        fields = {**_files(source, not_asked, lang), "failed": why["count"], "reason": why["reason"]}
        summary.errors.append(say("sync.not_asked", lang, fields))
    ledger.seen(source.id, unchanged, now())
    held: list[tuple[str, str]] = []
    lasting: dict[tuple[str, str], str] = {}
    not_read_before = ledger.reports_not_read(lambda other: other == source.id) if unreadable else set()
    for candidate in (c for c in candidates if c.key in unread):
        # What it holds is known before a read from a Google template's mark, or from the name apmon gave the file.
        institution = candidate.owner or folder_institution(candidate.key, folders)
        named = named_report(candidate.key.rsplit("/", 1)[-1])
        report = (institution, candidate.period) if candidate.period and institution else None
        if report is None and named and institution in (None, named[0]):
            report = named
        if report is None:
            continue
        summary.not_read.append(report)
        if candidate.key in unreadable and report in not_read_before:
            lasting[report] = candidate.name
        else:
            held.append(report)
    # A file the source could not read (its permissions, a disk error) at two runs in a row stays so until someone
    # acts, and its name may be anyone's doing: its report shows as not read, but holds back no reminder nor brief;
    # said so, with whose. Once, it may be Excel saving it or the share failing for a moment: held back.
    for (institution, period), name in lasting.items():
        if (institution, period) not in held:
            summary.unreadable.append((institution, period))
            if ledger.accepted(institution, period):  # its report is in: nothing is shown or held for the file
                continue
            whose = {"institution": institution, "period": said_if_month(period, lang)}
            file = shown_file_name(name, None)
            summary.errors.append(text_of("sync.unreadable_named", lang, source=source.id, file=file, **whose))
    checked_at = now()
    present = {c.key for c in candidates}
    unlisted: list[tuple[str, OSError]] = getattr(source, "unlisted", [])
    if unlisted:
        shown = [shown_file_name(key, limit=120) for key, _ in unlisted]
        fields = {**_files(source, shown, lang), "reason": os_reason(unlisted[0][1])}
        summary.errors.append(say("sync.unlisted", lang, fields))
        # What was there is not known: not taken as deleted.
        present |= {key for key in known if _under(key, unlisted)}
    if parser.marker:  # a file a run died on is done with, unless it could not be read or lies where nothing was seen
        parser.marker.read_source(source.id, lambda key: key in unread or _under(key, unlisted))
    for missing in ledger.mark_missing(source.id, present, checked_at):
        # gone since the last run; a blank template kept with no version (moved out as told), or one an older run
        # recorded, set aside since, was no one's report; nor was a copy of the master
        if missing.missing_since == checked_at and ledger.holds_content(missing.content_hash or "", counted=True):
            summary.missing_at_source.append(f"{source.id}: {shown_file_name(missing.key, None)}")
    return True


def _blank_template(parsed: ParseOutcome) -> bool:
    """Whether a parsed file is a template no one filled in (`nothing_typed`), no one's report. One whose name holds
    personal data is not: it is refused for its name (a kept item would keep the name for good)."""
    if not isinstance(parsed, ParsedReport) or parsed.report is None:
        return False
    if any(i.code in NAME_REFUSALS for i in parsed.issues):
        return False
    return nothing_typed(parsed.report, (i.model_dump() for i in parsed.issues))


def _set_aside_own_files(ledger: Ledger, lang: Lang, run_id: int | None = None) -> list[str]:
    """The versions an earlier apmon stored that are no institution's submission, looked at once by their stored
    content and set aside (kept for audit, counted nowhere): a copy of the master (its mark: saved by hand beside
    the reports, or a backup read from a shared folder), recorded as a refused file, and a blank template (no input
    cell filled: `nothing_typed`), recorded as its institution's invalid report, which the master showed
    "invalid" instead of missing and about whose errors `apmon remind` wrote to the institution. What this run did,
    one line for each kind, naming every file of that content; [] when there was nothing to look at (every run
    after the first). Looked at a batch at a time (SET_ASIDE_BATCH), what each is recorded at the end, all in one
    transaction: a run cut short records none, and the next says all it sets aside (one per batch left some unsaid).
    The lines are recorded with them (run `run_id`'s notices): a run killed after that and before it ends has them
    said by the next (`_repair_interrupted`); its summary alone lost them."""
    decided: dict[int, SetAside | None] = {}
    after = 0
    while rows := ledger.not_looked_at(after=after, limit=SET_ASIDE_BATCH):
        decided.update((row.id, _own_file(ledger, row)) for row in rows)
        after = rows[-1].id
    if not decided:
        return []
    found: dict[SetAside, list[int]] = {"master-copy": [], "blank-template": []}
    for version_id, decision in decided.items():
        if decision is not None:
            found[decision].append(version_id)
    lines = []
    said: tuple[tuple[SetAside, str], ...] = (
        ("master-copy", "sync.set_aside.master_copies"),
        ("blank-template", "sync.set_aside.blank"),
    )
    for why, key in said:
        if ids := found[why]:
            # every file an arrival of these versions came as (copies of one content are one version)
            names = list(dict.fromkeys(a.file_name for a in ledger.arrivals(ids)))
            versions = _first_few([str(v) for v in ids[:5]], len(ids), lang)
            lines.append(text_of(key, lang, count=len(names), names=_first_names(names, lang), versions=versions))
    ledger.set_aside(decided, run_id, lines)
    return lines


def _own_file(ledger: Ledger, row: VersionRow) -> SetAside | None:
    """What a stored version is, if it is no institution's submission: told by its content as stored (its report,
    or for a refused workbook with no report, its bytes' register sheet), as a run now tells such a file."""
    if any(issue.get("code") in NAME_REFUSALS for issue in row.issues):
        return None  # refused for its name, as a run refuses a blank template so named: kept as it was
    if row.report_json is not None:
        try:
            return "blank-template" if nothing_typed(Report.model_validate_json(row.report_json), row.issues) else None
        except ValueError:  # a report this apmon cannot decode: counted as it was
            return None
    if row.raw_kind != "xlsx" or not any(i.get("code") == "not-an-apmon-template" for i in row.issues):
        return None
    from apmon.templates.validation import Validation, read_report_bytes

    try:
        grid = read_report_bytes(ledger.raw(row.id), row.file_name, "en")
    except PurgedError:
        return None
    if isinstance(grid, Validation):
        return None
    return "master-copy" if master_mark_of(grid.sheets.get(REGISTER_SHEET, [])) else None


def _judge_again(
    ledger: Ledger,
    plan: Plan,
    calendar: WorkingCalendar,
    history: _History,
    summary: RunSummary,
    now: Callable[[], dt.datetime],
    parser: Parser,
    fresh: dict[int, Report],
    sources: list[Source],
    lang: Lang,
) -> list[NewVersion]:
    """The reports made for this run's plan that a run monitoring another plan refused for that alone (a late 2018
    report sent once the next plan is monitored), judged again from their stored bytes, once: recorded as versions of
    their own beside the refusal, which stays in the history. Such a report is on time or late by the time it was
    submitted then, and checked by the rules of the day it arrived, not of this run. Only workbook files are: a Google
    sheet's stored values are not the workbook it was read from (the Coordinator saves it as a workbook file)."""
    folders = institution_folders(parser.registry)
    folder_sources = {s.id for s in sources if isinstance(s, FolderSource)}
    jobs: list[tuple[tuple[VersionRow, ItemRow, str | None, bytes, str], ParseJob]] = []
    for refused, item in ledger.refused_for_plan(plan.id):
        judged_hash = judged_under(refused.content_hash, plan.id)
        if refused.raw_kind != "xlsx" or ledger.holds_content(judged_hash):
            continue  # judged under this plan already: read once
        # A report in an institution's folder must be that institution's, as when it came.
        sender = folder_institution(item.key, folders) if item.source in folder_sources else None
        raw = ledger.raw(refused.id)
        version = FileVersion(item.source, item.key, judged_hash)
        job = ParseJob(refused.file_name, raw, expected_institution=sender, version=version)
        jobs.append(((refused, item, sender, raw, judged_hash), job))
    judged: list[NewVersion] = []
    blank: dict[str, list[str]] = defaultdict(list)  # by source: blank templates, set aside as they are recorded
    for (refused, item, sender, raw, judged_hash), parsed in parser.map(iter(jobs), expected=len(jobs)):
        submitted = refused.source_modified or refused.received_at  # as the refusal recorded it, not this run
        no_report = _blank_template(parsed)
        if no_report:
            blank[item.source].append(refused.file_name)
        candidate = Candidate(key=item.key, name=refused.file_name, size=item.size, modified=submitted)
        result = _checked(candidate, parsed, history, refused.received_at.astimezone(BELGRADE).date(), sender)
        period = Period.parse(result.period) if result.period else None
        timing = calendar.timeliness(period, submitted.astimezone(BELGRADE).date()) if period else None
        report_json = parsed.report_json if isinstance(parsed, ParsedReport) and result.report else None
        data = version_data(
            result,
            report_json,
            content_hash=judged_hash,
            raw=raw,
            raw_kind="xlsx",
            file_name=refused.file_name,
            received_at=now(),
            source_modified=submitted,
            timing=timing,
        )
        if no_report:  # recorded under this plan, so that it is read once, but set aside: counted nowhere
            data = replace(data, set_aside="blank-template")
            # and so is the other plan's refusal of it, no report of this plan to record (first: a run cut short
            # before the record below judges it again)
            ledger.set_aside({refused.id: "blank-template"})
        arrival = Arrival(item.source, item.key, item.size, item.modified, data, item_hash=refused.content_hash)
        [(version_id, _)] = ledger.record([arrival])
        if data.set_aside:
            continue
        if result.report:
            fresh[version_id] = result.report
            if result.valid:
                history.add(result.report)
        new = _new_version(item.source, data, result, lang)
        summary.versions.append(new)
        judged.append(new)
    for source_id, names in blank.items():
        fields = {"source": source_id, "count": len(names), "names": _first_names(names, lang)}
        summary.warnings.append(text_of("sync.blank_templates", lang, **fields))
    return judged


def _judged_again_said(judged: list[NewVersion], plan: Plan, lang: Lang) -> str:
    """One line for the reports judged again under `plan`: how many, how many valid, the first of them."""
    first = judged[0]
    example = f"{first.institution or ''} {first.period or ''} ({first.file})".strip()
    valid = sum(v.valid for v in judged)
    return text_of("sync.judged_again", lang, plan=plan.id, count=len(judged), valid=valid, example=example)


class RefusedRoom:
    """The allowance of refused files' content the ledger keeps a day (`refused_mb_per_day`), per place of a source:
    an institution's folder (the rest of the reports folder is one place), or a Google spreadsheet. One person who
    may write into one folder cannot fill the ledger's disk with files that are refused anyway, and a bad file
    still never stops the others: beyond the allowance its version is recorded without its bytes. Valid versions
    never count and are always kept whole."""

    def __init__(self, ledger: Ledger, source: Source, folders: dict[str, str], mb_per_day: int) -> None:
        self.ledger, self.source, self.folders = ledger, source, folders
        self.allowance, self.mb_per_day = mb_per_day * MB, mb_per_day
        self.used: dict[dt.date, dict[str, int]] = {}  # a day's bytes kept by place, read from the ledger once
        self.refused: dict[str, tuple[str, int, int]] = {}  # place -> (folder shown, files not kept, their bytes)

    def place(self, key: str) -> str:
        if isinstance(self.source, FolderSource):
            return folder_institution(key, self.folders) or ""
        return key

    def keeps(self, candidate: Candidate, fetched: Fetched, received_at: dt.datetime) -> bool:
        """Whether a refused version's bytes are kept: they fit in the day's allowance of its place (counted as kept
        when they do), or the ledger stores them already."""
        if not fetched.raw:
            return True  # nothing to keep (a file over the size limit is never read)
        day = received_at.astimezone(BELGRADE).date()
        if day not in self.used:
            since = dt.datetime.combine(day, dt.time(), BELGRADE)
            used: dict[str, int] = defaultdict(int)
            for key, size in self.ledger.refused_bytes(self.source.id, since):
                used[self.place(key)] += size
            self.used[day] = used
        used, place = self.used[day], self.place(candidate.key)
        if used[place] + len(fetched.raw) <= self.allowance:
            used[place] += len(fetched.raw)
            return True
        return self.ledger.holds_content(fetched.content_hash)  # stored already: this arrival adds no bytes

    def not_kept(self, candidate: Candidate, fetched: Fetched) -> IssueView:
        """The note a version recorded without its bytes carries: its size and why (counted for the run's line)."""
        from apmon.templates.validation import IssueView

        place = self.place(candidate.key)
        first, inside, _ = candidate.key.partition("/")
        if not isinstance(self.source, FolderSource):
            folder = shown_file_name(candidate.name, None)
        else:
            folder = shown_file_name(first, None) if place and inside else self.source.id
        shown, count, size = self.refused.get(place, (folder, 0, 0))
        self.refused[place] = (shown, count + 1, size + len(fetched.raw))
        params = {
            "name": shown_file_name(candidate.name, None),
            "size": str(math.ceil(len(fetched.raw) / MB)),
            "bytes": str(len(fetched.raw)),
            "folder": shown,
            "limit": str(self.mb_per_day),
        }
        message = text_of("file-not-kept", "en", **params)
        return IssueView(
            code="file-not-kept", severity="warning", sheet="", cell="", value=None, message=message, params=params
        )

    def said(self, lang: Lang) -> list[str]:
        """One line for each place whose refused files were not all kept: the folder, how many, how much."""
        return [
            text_of(
                "sync.not_kept",
                lang,
                source=self.source.id,
                folder=folder,
                count=count,
                size=str(math.ceil(size / MB)),
                limit=self.mb_per_day,
            )
            for folder, count, size in self.refused.values()
        ]


SPENT_SAID = "add-in submits spent"  # the ledger's items of what submits_spent_said named: institution and day


def submits_spent_said(ledger: Ledger, since: dt.datetime, mb_per_day: int, lang: Lang, now: dt.datetime) -> list[str]:
    """One line for each institution and Belgrade day from `since` on whose add-in Submits stored the day's allowance
    (`submitted_mb_per_day`): from then on that day the add-in server refused its Submits with 429 (RefusedRoom's
    counterpart for Submits, which are refused before anything of them is stored).

    Each institution and day is named once (runs may come every few minutes, and a line said at each is soon read
    no more): as the documents of a folder (`_name_documents`), the ledger keeps what was named as items of a source
    of their own, with no version."""
    used: dict[tuple[str, dt.date], int] = defaultdict(int)
    for institution, received_at, size in ledger.submitted_sizes(since):
        used[institution, received_at.astimezone(BELGRADE).date()] += size
    named = ledger.item_states(SPENT_SAID)
    lines = []
    for (institution, day), size in sorted(used.items(), key=lambda found: (found[0][1], found[0][0])):
        key = f"{institution} {day.isoformat()}"
        if size < mb_per_day * MB or key in named:
            continue
        lines.append(
            text_of(
                "sync.submits_spent",
                lang,
                institution=institution,
                date=day,
                used=Megabytes(size).said(lang),
                limit=f"{mb_per_day} MB",
            )
        )
        ledger.touch_item(SPENT_SAID, key, size=size, modified=None, content_hash=None, seen_at=now)
    return lines


def _moved_folders(paths: list[tuple[str, str]]) -> list[tuple[tuple[str, str], int]]:
    """What moved where, from each moved file's (path before, path now): its folder before and now, or, for a file
    renamed, both paths; with how many files moved so, sorted."""
    moves: defaultdict[tuple[str, str], int] = defaultdict(int)
    for before, now in paths:
        moves[MovedInside.paths(before, now)] += 1
    return sorted(moves.items())


def moves_said(moves: list[MovedInside], lang: Lang) -> str:
    """Every move inside a reports folder, for one line: `2018-06 → 2018/2018-06 (27 files); ...`."""
    top = text_of("sync.moved_inside.top", lang)
    return "; ".join(
        text_of("sync.moved_inside.one", lang, old=m.old or top, new=m.new or top, count=m.files) for m in moves
    )


def _under(key: str, folders: list[tuple[str, OSError]]) -> bool:
    """Whether `key` lies in one of the folders a scan could not look into (or is one)."""
    return any(key == folder or key.startswith(f"{folder}/") for folder, _ in folders)


def in_wrong_place(content_hash: str, institution: str) -> str:
    """The hash a report refused for lying in `institution`'s place (its folder, a spreadsheet built for it) is kept
    by, told apart from the same content elsewhere (as a file refused for its size is kept by a hash of its own)."""
    return hashlib.sha256(f"in the place of {institution}: {content_hash}".encode()).hexdigest()


def _name_holds_personal_data(candidate: Candidate, fetched: Fetched) -> bool:
    """Whether a file's name still holds personal data, as its refusal judged it: a Google Sheet's title whole (Drive
    lets it hold "/"), a file's name and the folders of its path."""
    if fetched.grid is not None:
        return bool(sheet_title_personal_data(candidate.name))
    return bool(folder_name_personal_data(candidate.key) + file_name_personal_data(candidate.key))


NAME_REFUSALS = frozenset({"file-name-personal-data", "folder-name-personal-data", "sheet-title-personal-data"})


def refused_for_its_name(content_hash: str) -> str:
    """The content hash of a version refused for personal data in its file's or folder's name (`NAME_REFUSALS`): kept
    apart from the same bytes under another name, which are another version."""
    return hashlib.sha256(f"refused for its name: {content_hash}".encode()).hexdigest()


def _name_documents(
    source: Source,
    ledger: Ledger,
    summary: RunSummary,
    now: Callable[[], dt.datetime],
    lang: Lang,
    read_sources: set[str],
) -> None:
    """The documents and scans in a folder (`FolderSource.documents`), each named once, and again when it changes:
    named at every run, the line would soon be read no more. The ledger keeps what it named as the items of a source
    of their own, with no version, and with what each holds (`document_hash`): one the ledger named in a folder no
    longer read is the same document moved with its folder, and one named in this folder at a path it has left is the
    same document moved or renamed inside it: neither is named again. Its key is a hash of its path, so such a move is
    not told either (`runs.moved` would show hashes)."""
    documents: list[Candidate] = getattr(source, "documents", [])
    if not documents:
        return
    named_as = f"{source.id} documents"
    named = ledger.item_states(named_as)
    # Kept by a hash of its path: a scan's name may name a person, and the ledger keeps its items for years.
    keys = {d.key: hashlib.sha256(d.key.encode()).hexdigest() for d in documents}
    new = [
        d
        for d in documents
        if (state := named.get(keys[d.key])) is None or (state.size, state.modified) != (d.size, d.modified)
    ]
    if not new:
        return
    hash_of: Callable[[Candidate], str | None] = getattr(source, "document_hash", lambda _: None)
    contents = {d.key: hash_of(d) for d in new}
    # A document moved or renamed inside the folder: one named before, no longer at its path, with the same content.
    left = ledger.left_paths(named_as, set(keys.values()))
    new = [
        d
        for d in new
        if not (
            named.get(keys[d.key]) is None
            and contents[d.key] in left.values()
            and ledger.take_over_inside(
                named_as,
                keys[d.key],
                size=d.size,
                modified=d.modified,
                content_hashes={contents[d.key] or ""},
                left=left,
                seen_at=now(),
            )
        )
    ]
    elsewhere = ledger.contents_elsewhere(named_as, read_sources)  # what a moved folder's documents can be
    new = [
        d
        for d in new
        if not (
            named.get(keys[d.key]) is None
            and contents[d.key] in elsewhere
            and ledger.take_over(
                named_as,
                keys[d.key],
                size=d.size,
                modified=d.modified,
                content_hashes={contents[d.key] or ""},
                not_from=read_sources,
                seen_at=now(),
            )
        )
    ]
    if not new:
        return
    said = getattr(source, "documents_said", "sync.documents")  # a folder's advice is the Excel template's
    summary.warnings.append(text_of(said, lang, **_files(source, [d.name for d in new], lang)))
    for document in new:
        ledger.touch_item(
            named_as,
            keys[document.key],
            size=document.size,
            modified=document.modified,
            content_hash=contents[document.key],
            seen_at=now(),
        )


def _files(source: Source, names: list[str], lang: Lang) -> dict[str, Any]:
    """The fields of one line about many files of a source: which source, how many, the first five names."""
    return {"source": source.id, "count": len(names), "names": _first_names(names, lang)}


def _first_names(names: list[str], lang: Lang) -> str:
    """The first five of many file names, for one line (harmless, personal data in them masked), and how many more."""
    return _first_few([shown_file_name(name, None) for name in names[:5]], len(names), lang)


def _first_few(shown: list[str], count: int, lang: Lang) -> str:
    """The first few of `count` things, and how many more, for one line."""
    joined = ", ".join(shown)
    return text_of("sync.names_more", lang, names=joined, more=count - len(shown)) if count > len(shown) else joined


def _checked(
    candidate: Candidate, parsed: ParseOutcome, history: _History, arrived: dt.date, sender: str | None = None
) -> Validation:
    """The parse result with the history rules applied too, against what was accepted before, and the rules of the
    day the version `arrived` (not the day the master is worked out for): checked again later by that day, it gets
    the same answer.

    Another institution's report in the place of `sender` (its folder, a spreadsheet built for it; the parser said
    `wrong-institution`) is `sender`'s refused version, not the other's: whoever put it there sent it. So the other
    institution is not shown as having sent a report with errors, nor mailed about it, and its earlier reports are
    not compared with it (nor quoted to `sender`)."""
    from apmon.templates.validation import Validation, validation

    if isinstance(parsed, Validation):
        return parsed  # not readable at all
    issues = parsed.issues
    if parsed.report and sender and parsed.report.institution != sender:
        refused = validation(candidate.name, None, issues, "en")
        return refused.model_copy(
            update={"institution": sender, "period": parsed.report.period, "kind": parsed.report.kind}
        )
    if parsed.report:
        report = parsed.report
        reports = history.of(report.institution)
        if history.plan is not None:  # a line's spending is compared with the other institutions sharing it
            reports += [r for code in sorted(sharing_institutions(report, history.plan)) for r in history.of(code)]
        # as templates.validation.check_parsed: what these rules quote is guarded as every rule's is
        issues = [
            *issues,
            *guard_quoted_values([*check_on_day(report, arrived), *check_history(report, reports, history.plan)]),
        ]
    return validation(candidate.name, parsed.report, issues, "en")


def _version(
    candidate: Candidate,
    fetched: Fetched,
    result: Validation,
    report_json: str | None,
    calendar: WorkingCalendar,
    received_at: dt.datetime,
    earliest: Callable[[Report], dt.datetime | None],
    stamp_recorded: Callable[[Report], bool],
) -> VersionData:
    report, period = result.report, Period.parse(result.period) if result.period else None
    # A file cannot have been sent after it was received: a time ahead of that is a wrong clock (the computer that
    # saved it, or the share's), and would make it late by years and the newest of its reports for good.
    file_time = min(candidate.modified, received_at)
    # The hidden sheet is no proof (anyone can type a stamp there): a stamp counts only as the Submit it records.
    stamp = report.submitted_at if report and stamp_recorded(report) else None
    when = submission_time(stamp, file_time)
    timing = calendar.timeliness(period, when.at.astimezone(BELGRADE).date()) if period else None
    if report and period and timing and not timing.on_time and when.basis == "file":
        # Late by the file's own time: the same content may have come before (the file copied, or saved again).
        when = submission_time(None, file_time, earliest(report))
        timing = calendar.timeliness(period, when.at.astimezone(BELGRADE).date())
    return version_data(
        result,
        report_json,
        content_hash=fetched.content_hash,
        raw=fetched.raw,
        raw_kind=fetched.raw_kind,  # type: ignore[arg-type]
        file_name=candidate.name,
        received_at=received_at,
        source_modified=when.at,
        timing=timing,
    )


def _content(report: Report | str) -> dict[str, Any]:
    """A report's content, as compared for sameness: without the file it came from and what Submit writes (its
    stamp, and the cover's state)."""
    if isinstance(report, str):
        report = Report.model_validate_json(report)
    return report.model_dump(exclude={"source": True, "submitted_at": True, "cover": {"state"}})


def same_report(one: Report | str, other: Report | str) -> bool:
    """Whether two reports (or their stored JSON) hold the same content, however each came (a file's bytes and a
    workbook's cells hash differently)."""
    return _content(one) == _content(other)


def version_data(
    result: Validation,
    report_json: str | None,
    *,
    content_hash: str,
    raw: bytes,
    raw_kind: RawKind,
    file_name: str,
    received_at: dt.datetime,
    source_modified: dt.datetime | None,
    timing: Timeliness | None,
) -> VersionData:
    """What the ledger stores of a checked version; `report_json`: its report as stored (the add-in's carries
    its submission time)."""
    return VersionData(
        content_hash=content_hash,
        raw=raw,
        raw_kind=raw_kind,
        file_name=file_name,
        received_at=received_at,
        source_modified=source_modified,
        readable=result.readable,
        valid=result.valid,
        institution=result.institution,
        period=result.period,
        kind=result.kind,
        due=timing.due if timing else None,
        on_time=timing.on_time if timing else None,
        days_late=timing.days_late if timing else None,
        issues=json.dumps([i.model_dump(mode="json") for i in result.issues], ensure_ascii=False),
        report=report_json,
    )


def repeats_said(file: str, result: Validation, lang: Lang) -> list[CountedOnce]:
    """A version's warnings that a successor's figure repeats the old ministry's last months (a split's line, counted
    once on the master: advice "part"), each with its message "<file>, <sheet> <cell>: <warning>"; none for any other
    (a figure equal to or containing the old ministry's is added whole on the master, said as maybe counted twice)."""
    found = [
        i for i in result.issues if i.code == "spent-year-repeats-predecessor" and i.params.get("advice") == "part"
    ]
    return [_counted_once(file, result.institution, result.period, i.model_dump(mode="json"), lang) for i in found]


def _counted_once(
    file: str, institution: str | None, period: str | None, found: Mapping[str, Any], lang: Lang
) -> CountedOnce:
    """A stored spent-year-repeats-predecessor warning (advice "part") of `file`'s version, as counted_once says it."""
    params = found.get("params") or {}
    return CountedOnce(
        file=file,
        institution=institution,
        period=period,
        sheet=str(found.get("sheet") or ""),
        cell=str(found.get("cell") or ""),
        line=str(params["line"]),
        successor=str(params["successor"]),
        predecessor=str(params["predecessor"]),
        months=_months_of_year(str(params["since"]), str(params["until"])),
        amount=stored_money(str(params["repeated"])),
        message=f"{file}, {found.get('sheet')} {found.get('cell')}: {stored_message(found, lang)}",
        found=dict(found),
    )


def _repeats_made(
    plan: Plan,
    ledger: Ledger,
    repeats: Repeats,
    latest: list[Submission],
    summary: RunSummary,
    lang: Lang,
    began: dt.datetime,
    sent_before: dt.datetime | None = None,
) -> list[CountedOnce]:
    """The repeats an old ministry's version read by this run makes a successor's version with errors bear out
    (Repeats.made, as the Issues sheet says them), as `counted_once` says a repeat of its last months. Only a valid
    version of the successor's version's year can change what it is judged against (the old ministry's newest of that
    year, as the master counts them): one with errors, or of another year, leaves the repeat as a run already said.
    Nor is a repeat said again that those versions bore out before this run, as it is (the months, the amount, the
    old ministry's figure): a correction that leaves it unchanged; a version with errors read by this run has had
    none said yet. `began`: this run's start, every version it read arrived after it (not all of them are the newest
    of their period: a copy saved before the one the ledger holds)."""
    from apmon.sync.consolidate import repeat_checked_again

    read = {(v.institution, v.period[:4]) for v in summary.versions if v.valid and v.period}
    checked: list[Submission] = []
    for s in latest:
        took = plan.succession(str(s.institution))  # (the old ministry, ...) of a successor, else None
        if (
            took is not None
            and (took[0], str(s.period)[:4]) in read
            and repeat_checked_again(plan, s.institution, s.period, s.valid)
        ):
            checked.append(s)
    if not checked:
        return []
    this_run = {(v.file, v.institution, v.period) for v in summary.versions}
    before = _repeats_before(plan, ledger, repeats, checked, began, sent_before)
    said = []
    for s in _with_reports_checked_again(plan, ledger, checked):
        made = repeats.made(s.institution, s.period, s.report, s.issues)
        if (s.file, s.institution, s.period) not in this_run:
            was = [f.get("params") for f in before.made(s.institution, s.period, s.report, s.issues)]
            made = [f for f in made if f.get("params") not in was]
        said += [
            _counted_once(s.file, s.institution, s.period, found, lang)
            for found in made
            if (found.get("params") or {}).get("advice") == "part"
        ]
    return said


def _repeats_before(
    plan: Plan,
    ledger: Ledger,
    repeats: Repeats,
    checked: list[Submission],
    since: dt.datetime,
    sent_before: dt.datetime | None,
) -> Repeats:
    """`repeats` as the versions that had arrived before `since` (this run's start) bore them out: the newest figures
    of the year of each successor's version in `checked` and of its old ministry, read again from the ledger as it
    stood then (only those institutions' reports of that year, a few)."""
    from apmon.sync.consolidate import Repeats, newest_budgets

    keys: set[tuple[str, int]] = set()
    for s in checked:
        took = plan.succession(str(s.institution))
        keys |= {(str(s.institution), int(str(s.period)[:4])), (took[0], int(str(s.period)[:4]))} if took else set()
    accepted, _ = ledger.current(reports=False, as_of=since - dt.timedelta(microseconds=1), sent_before=sent_before)
    wanted = [r.id for r in sorted(accepted, key=lambda r: period_order(r.period))
              if r.institution and r.period and (r.institution, int(r.period[:4])) in keys]  # fmt: skip
    reports = [Report.model_validate_json(text) for _, text in ledger.report_json(wanted) if text]
    then = {key: budget for key, budget in newest_budgets(plan, reports).items() if key in keys}
    return Repeats(plan, {key: budget for key, budget in repeats.newest.items() if key not in keys} | then)


def _months_of_year(first: str, last: str) -> list[str]:
    """The months from `first` to `last` (YYYY-MM, of one year), each YYYY-MM."""
    return [f"{first[:4]}-{m:02d}" for m in range(int(first[5:]), int(last[5:]) + 1)]


def _new_version(source: str, version: VersionData, result: Validation, lang: Lang) -> NewVersion:
    first_error = next((i for i in result.issues if i.severity == "error"), None)
    return NewVersion(
        source=source,
        file=shown_file_name(version.file_name, None),  # shown; the ledger keeps it as it came until the purge
        institution=version.institution,
        institution_unknown=institution_not_in_registry(i.model_dump() for i in result.issues),
        period=version.period,
        readable=version.readable,
        valid=version.valid,
        # A version with errors does not count, so it is on time or late for nothing (the ledger keeps its own).
        on_time=version.on_time if version.valid else None,
        days_late=version.days_late if version.valid else None,
        errors=result.errors(),
        warnings=result.warnings(),
        # Said in the run's language (the master's), as the master's Issues sheet says it: the parser speaks the file's.
        first_problem=stored_message(first_error.model_dump(), lang) if first_error else None,
        first_problem_at=f"{first_error.sheet} {first_error.cell}".strip() if first_error else "",
    )


def submissions(
    ledger: Ledger,
    known: Mapping[int, Report] | None = None,
    as_of: dt.datetime | None = None,
    sent_before: dt.datetime | None = None,
) -> tuple[list[Submission], list[Submission]]:
    """(accepted, latest) as consolidation takes them. `known`: reports already in memory by version id (those
    checked in this run), taken as they are instead of being read back from the ledger. `as_of`: from the
    versions that had arrived by then only. `sent_before`: only those submitted before it (`master_cut_off`)."""
    known = known or {}
    accepted_rows, latest_rows = ledger.current(as_of=as_of, sent_before=sent_before)
    convert = _converter(ledger)
    # The accepted version is usually the latest too: decode each stored report once. The rows are let go as
    # they are converted, so their report JSON and the decoded reports are not all held at once.
    accepted_ids, latest_ids = [r.id for r in accepted_rows], [r.id for r in latest_rows]
    rows = _first_of_each(accepted_rows, latest_rows)
    del accepted_rows, latest_rows

    def decoded(row: VersionRow) -> Report | None:
        return known.get(row.id) or (Report.model_validate_json(row.report_json) if row.report_json else None)

    converted = {version_id: convert(rows.pop(version_id), decoded) for version_id in list(rows)}
    return [converted[i] for i in accepted_ids], [converted[i] for i in latest_ids]


class StoredReport(NamedTuple):
    """An accepted version whose report consolidation reads."""

    version_id: int
    content_hash: str
    institution: str
    period: str


class Current(NamedTuple):
    """The ledger's accepted and latest versions as consolidation takes them, without their reports."""

    accepted: list[Submission]  # `report` is None: consolidation reads the reports apart, one by one
    latest: list[Submission]
    reports: list[StoredReport]  # the accepted versions in the order consolidation takes their reports
    duplicates: list[DuplicateReport]  # the reports several files hold (`duplicate_reports`)


def duplicate_reports(ledger: Ledger) -> list[DuplicateReport]:
    """The reports that more than one file found by the last run holds (`Ledger.shared_reports`), each with its
    files as shown and why the one that counts does."""
    return [_duplicate(shared) for shared in ledger.shared_reports()]


def _duplicate(shared: SharedReport) -> DuplicateReport:
    files = [
        DuplicateFile(
            # a spreadsheet's title need not be unique in its Drive folder: its id tells it apart; a file is named
            # where it is now (moved inside the folder, its versions keep the name they arrived under)
            file=shown_file_name(f.file_name, None) + f" (Google Sheets {f.key})"
            if f.source.startswith("google:")
            else shown_file_name(f.key, None),
            saved=f.saved,
            stamp=f.stamp,
            valid=f.valid,
            counts=f.counts,
        )
        for f in shared.files
    ]
    basis: DuplicateBasis
    if shared.counted_file is None:
        basis = "none"
    elif not any(f.counts for f in files):
        basis = "elsewhere"
    elif all(f.counts or not f.valid for f in files):
        basis = "only-valid"
    else:
        basis = "stamp" if shared.by_stamp else "file-time"
    shown = shown_file_name(shared.counted_file, None) if basis == "elsewhere" and shared.counted_file else None
    return DuplicateReport(
        institution=shared.institution,
        period=shared.period,
        files=files,
        basis=basis,
        counted_file=shown,
        counted_received=shared.counted_received if shown else None,
    )


def master_cut_off(day: dt.date | None) -> dt.datetime | None:
    """For a master made again for a past `day` (`[sync] as_of`, the demo's too): the end of that day in Belgrade,
    before which a version must have been submitted to count in it, for its content and its on time or late alike.
    None (today's master, or a day a caller names for the deadlines and mail only): every version."""
    if day is None:
        return None
    return dt.datetime.combine(day + dt.timedelta(days=1), dt.time(), BELGRADE)


def current_submissions(
    ledger: Ledger, sent_before: dt.datetime | None = None, duplicates: list[DuplicateReport] | None = None
) -> Current:
    """(accepted, latest) as in `submissions`, but with no report read or decoded: what the submissions grid
    needs, and what `consolidated` reads the reports beside; and the reports several files hold (`duplicates`,
    when the run has found them already). `sent_before`: only the versions submitted before it (`master_cut_off`)."""
    accepted_rows, latest_rows = ledger.current(reports=False, sent_before=sent_before)
    convert = _converter(ledger)
    rows = _first_of_each(accepted_rows, latest_rows)
    converted = {version_id: convert(row, lambda _: None) for version_id, row in rows.items()}
    # As `consolidate` orders the reports: by period, and within a period as accepted (sorted is stable).
    in_order = sorted(accepted_rows, key=lambda r: period_order(r.period))
    return Current(
        accepted=[converted[r.id] for r in accepted_rows],
        latest=[converted[r.id] for r in latest_rows],
        reports=[StoredReport(r.id, r.content_hash, r.institution or "", r.period or "") for r in in_order],
        duplicates=duplicate_reports(ledger) if duplicates is None else duplicates,
    )


DIGEST_CACHE = "consolidation-cache.json"  # in the data folder: the digests of the last run, see `consolidated`
# 2: the annual reports' assessments and narrative; 3: a problem typed twice, once; 4: the Working Group members'
# problems and proposals and the civil society observations; 5: the partners' progress too; 6: a budget line left
# blank keeps the year's last spending given; 7: the annual reports' indicators; 8: the monthly reports' spending in
# the period, by line and month (a split's successor gives its own months)
_DIGEST_CACHE_FORMAT = 8
_DIGEST_CACHE_MAX_BYTES = 256 * MB  # some kilobytes per institution and year: far more than ten years of 200


def consolidated(
    plan: Plan,
    registry: InstitutionRegistry,
    ledger: Ledger,
    settings: ConsolidationSettings,
    known: Mapping[int, Report] | None = None,
    current: Current | None = None,
    cache: Path | None = None,
    also: Callable[[list[YearDigest], list[tuple[str, str]], list[Submission]], list[Table]] | None = None,
) -> list[Table]:
    """The ledger's accepted and latest versions consolidated, the same as `consolidate(submissions(...))`, with
    the reports read from the ledger and decoded one by one as consolidation takes them (oldest period first),
    so a long history is never held in memory all at once. `known` as in `submissions`; `current`: the ledger's
    `current_submissions`, when the caller has read them already.

    `cache`: a file that keeps each institution's and year's digest (`digest_years`) with the versions it was
    made from. Only the years whose accepted versions differ from the ones kept are read and digested again, so
    a run that brings one report reads the reports of one institution's year, not the whole history. A missing
    or unreadable file only means that every year is read.

    `also`: more sheets made from the same digests, order and accepted versions (the Evaluation sheet), put after the
    others."""
    known = known or {}
    current = current or current_submissions(ledger)
    kept = _read_digests(cache) if cache else {}
    try:
        return _consolidated(plan, registry, ledger, settings, known, current, cache, kept, also)
    except (TypeError, ValueError, KeyError, IndexError) as exc:
        if not kept:
            raise
        # Kept digests of the right versions that are not digests (a file damaged or edited by hand).
        log.warning("the consolidation cache %s is damaged (%r): every year is read again", cache, exc)
        return _consolidated(plan, registry, ledger, settings, known, current, cache, {}, also)


def _consolidated(
    plan: Plan,
    registry: InstitutionRegistry,
    ledger: Ledger,
    settings: ConsolidationSettings,
    known: Mapping[int, Report],
    current: Current,
    cache: Path | None,
    kept: dict[str, list[Any]],
    also: Callable[[list[YearDigest], list[tuple[str, str]], list[Submission]], list[Table]] | None = None,
) -> list[Table]:
    from apmon.sync.consolidate import YearDigest, consolidate_years, digest_years

    by_year: dict[tuple[str, int], list[StoredReport]] = defaultdict(list)
    for stored in current.reports:
        by_year[(stored.institution, int(stored.period[:4]))].append(stored)
    digests: list[YearDigest] = []
    entries: dict[str, list[Any]] = {}
    for (institution, year), reports in by_year.items():
        name, versions = f"{institution}/{year}", [[r.version_id, r.content_hash] for r in reports]
        entry = kept.get(name)
        if isinstance(entry, list) and len(entry) == 2 and entry[0] == versions:
            entries[name] = entry
            if entry[1] is not None:
                digests.append(YearDigest(*entry[1]))
        else:
            entries[name] = [versions, None]
    stale = {name for name, (_, digest) in entries.items() if digest is None}
    wanted = [r for r in current.reports if f"{r.institution}/{r.period[:4]}" in stale]
    for digest in digest_years(_read_reports(ledger, wanted, known)):
        entry = entries.get(f"{digest.institution}/{digest.year}")
        if entry is not None:
            entry[1] = digest
        digests.append(digest)
    order = [(r.institution, r.period) for r in current.reports]
    recorded = ledger.task_status_records()
    latest = _with_reports_checked_again(plan, ledger, current.latest)
    tables = consolidate_years(
        plan, registry, current.accepted, latest, digests, order, settings, recorded, current.duplicates
    )
    if also is not None:  # printed with the same header as the others
        tables += [
            t if t.page else t.model_copy(update={"page": tables[0].page})
            for t in also(digests, order, current.accepted)
        ]
    if cache and (stale or len(kept) != len(entries)):
        _write_digests(cache, entries)  # once the digests kept were taken without fault
    return tables


def _with_reports_checked_again(plan: Plan, ledger: Ledger, latest: list[Submission]) -> list[Submission]:
    """`latest` with the stored report of each version whose figures the Issues sheet checks again for a repeat
    (consolidate.repeat_checked_again: a split's successor's with errors), read only for those."""
    from apmon.sync.consolidate import repeat_checked_again

    wanted = [s.version for s in latest if s.version is not None and s.report is None
              and repeat_checked_again(plan, s.institution, s.period, s.valid)]  # fmt: skip
    read = {i: Report.model_validate_json(text) for i, text in ledger.report_json(wanted) if text}
    return [s.model_copy(update={"report": read[s.version]}) if s.version in read else s for s in latest]


def _read_reports(ledger: Ledger, wanted: list[StoredReport], known: Mapping[int, Report]) -> Iterator[Report]:
    """The reports of `wanted`, in order, each decoded as it is taken (or taken from `known`)."""
    stored = ledger.report_json([r.version_id for r in wanted if r.version_id not in known])
    for version_id in (r.version_id for r in wanted):
        if version_id in known:
            yield known[version_id]
            continue
        _, report_json = next(stored)
        if report_json:
            yield Report.model_validate_json(report_json)


def _read_digests(path: Path) -> dict[str, list[Any]]:
    """The digests kept at `path` by name ("institution/year"): [versions, digest]; none when the file is missing,
    unreadable or of another format."""
    try:
        # Only the regular file a run writes (a link may lead to a device that never ends), and JSON json can load
        kept = json.loads(read_file(path, _DIGEST_CACHE_MAX_BYTES, follow_links=False).data)
    except (OSError, FileTooLargeError, ValueError, RecursionError):
        return {}
    if not isinstance(kept, dict) or kept.get("format") != _DIGEST_CACHE_FORMAT:
        return {}
    years = kept.get("years")
    return years if isinstance(years, dict) else {}


def _write_digests(path: Path, entries: dict[str, list[Any]]) -> None:
    """Keep `entries` at `path`, replaced whole (a run cut short leaves the previous file); a cache that cannot be
    written is only logged: the next run reads every year again."""
    text = json.dumps({"format": _DIGEST_CACHE_FORMAT, "years": entries}, ensure_ascii=False, separators=(",", ":"))
    try:
        write_whole(path, text, owner_only=True)  # the reports' texts as typed (problems, comments)
    except OSError as exc:
        log.warning("the consolidation cache %s could not be written (%s): the next run reads every year", path, exc)


def _first_of_each(*lists: list[VersionRow]) -> dict[int, VersionRow]:
    """Each version's first row among `lists`: a version both accepted and latest is converted once."""
    rows: dict[int, VersionRow] = {}
    for row in (row for listed in lists for row in listed):
        rows.setdefault(row.id, row)
    return rows


def _converter(ledger: Ledger) -> Callable[[VersionRow, Callable[[VersionRow], Report | None]], Submission]:
    from apmon.sync.consolidate import Submission  # loaded by a run that consolidates, as the versions it reads

    missing = ledger.missing_items()

    def convert(row: VersionRow, report: Callable[[VersionRow], Report | None]) -> Submission:
        # The version that counts carries its report's on time or late (any valid version by the deadline); any
        # other, its own.
        timing = row.timing
        return Submission(
            file=shown_file_name(row.file_name, None),  # shown in the master and reports
            received_at=row.received_at,
            readable=row.readable,
            valid=row.valid,
            institution=row.institution,
            period=row.period,
            kind=row.kind,
            due=row.due,
            on_time=row.counted_on_time,
            days_late=row.counted_days_late,
            submitted_at=timing.submitted_at if timing else row.source_modified,
            submitted_from=timing.submitted_from
            if timing
            else time_basis(row.source_modified, row.stamp, row.arrived_modified),
            corrected_at=timing.corrected_at if timing else None,
            issues=row.issues,
            report=report(row),
            deleted_at_source=row.item_id in missing,
            version=row.id,
        )

    return convert


class LastOwed(NamedTuple):
    """The last month anyone owes a monthly report of, and what decides it: the configured `last_period`
    ("last_period") or the plan's last month ("plan")."""

    month: Period
    reason: Literal["last_period", "plan"]


def last_owed(settings: SyncSettings, plan: Plan) -> LastOwed:
    """The configured `last_period` if set (earlier or later than the plan's end: the Coordinator asked for it), else
    the plan's last month. The one rule the master, the reminders and the reports follow."""
    if settings.last_period:
        return LastOwed(Period.parse(settings.last_period), "last_period")
    return LastOwed(Period(year=plan.end.year, month=plan.end.month), "plan")


def consolidation_settings(
    settings: SyncSettings,
    calendar: WorkingCalendar,
    today: dt.date,
    plan: Plan,
    not_read: Iterable[tuple[str, str]] = (),
) -> ConsolidationSettings:
    """The master's settings as of `today`. `not_read`: (institution, period) of the reports whose file a run saw
    but could not read (this run's, or the last run's as the ledger keeps them): shown "not read", not missing."""
    first = Period.parse(settings.first_period)
    owed = last_owed(settings, plan)
    # A configured last_period is shown as set (a past month's master made again, a month still under way); the
    # plan's last month only once it is over: before, the master runs to the month before today.
    last = owed.month if owed.reason == "last_period" else _before_today(first, today, owed.month)
    return ConsolidationSettings(
        first=first,
        last=last,
        as_of=today,
        eur_to_rsd=settings.eur_to_rsd,
        deadlines=calendar.policy,
        lang=settings.master_lang,
        not_read=tuple(sorted(set(not_read))),
    )


def _before_today(first: Period, today: dt.date, plan_last: Period) -> Period:
    """The month before today, but not past the plan's last month: once the plan is over nobody owes a monthly
    report of it. A plan that ended before the first month shown leaves the month before today."""
    before = month_before(Period(year=today.year, month=today.month))
    if plan_last.first_day < before.first_day and plan_last.first_day >= first.first_day:
        return plan_last
    return before


def _and_google_errors(*errors: type[Exception]) -> tuple[type[Exception], ...]:
    """`errors` and Google's (gspread's APIError, GoogleUnavailable). An `except` clause evaluates it only once an
    error is raised: a run that fails nowhere loads no Google code."""
    from apmon.templates.google_api import GOOGLE_ERRORS

    return (*errors, *GOOGLE_ERRORS)


def _describe(error: BaseException, lang: Lang) -> str:
    """Why a source failed, in `lang`: apmon's own errors said in it, a Google failure with Google's words, the
    operating system's reason with what to check."""
    if isinstance(error, SaidError):
        return error.said(lang)
    if isinstance(error, OSError):
        return say("source.os", lang, {"reason": os_reason(error)})
    from apmon.templates.google_api import describe

    return describe(error, lang)


def load_master_code() -> None:
    """Load the code that works out and writes the master (the Evaluation sheet, XlsxWriter): for a run that will
    write one to load while its parse worker parses, rather than on one core once the last report is parsed."""
    import apmon.sync.evaluation
    import apmon.sync.report_content
    import apmon.sync.writers  # noqa: F401


def master_writers(
    settings: SyncSettings, google_client: gspread.Client | None, google_problem: GoogleConfigError | None = None
) -> list[Writer]:
    """The masters a run writes, in order: the xlsx file first, then the Google spreadsheet when configured
    (`google_problem`: why there is no client)."""
    from apmon.sync.writers import GoogleMaster, XlsxMaster

    writers: list[Writer] = [XlsxMaster(settings.master_path(), settings.backups, settings.master_lang)]
    if settings.google_master:
        writers.append(GoogleMaster(google_client, settings.google_master, settings.master_lang, google_problem))
    return writers


def _write_masters(
    plan: Plan,
    registry: InstitutionRegistry,
    ledger: Ledger,
    settings: SyncSettings,
    consolidation: ConsolidationSettings,
    basis: str,
    summary: RunSummary,
    now: Callable[[], dt.datetime],
    google_client: gspread.Client | None,
    fresh: Mapping[int, Report],
    *,
    google_problem: GoogleConfigError | None = None,
    file_held: bool = False,
    google_held: bool = False,
    sent_before: dt.datetime | None = None,
    refused: Mapping[tuple[int, str], tuple[str, str]] | None = None,
    began: dt.datetime,
) -> None:
    from apmon.sync.writers import GoogleMaster, MasterWriteError, Written, XlsxMaster

    started = time.perf_counter()
    from apmon.sync.consolidate import repeats_held
    from apmon.sync.evaluation import evaluation_sheet

    # Counted before the ledger is read: whatever arrives from here on (an add-in's Submit while the master is
    # written) leaves the master stale, so the next run writes it.
    arrivals = ledger.arrival_count()
    evaluation = evaluation_sheet(plan, ledger, consolidation, now(), registry, refused)
    held: list[Repeats] = []
    counted: set[tuple[str | None, str | None]] = set()  # (institution, period) of each year's figure the master counts

    def sheets_after(
        digests: list[YearDigest], order: list[tuple[str, str]], accepted: list[Submission]
    ) -> list[Table]:
        """The Evaluation sheet; and the repeats the master cuts, and whose figures, of the same digests."""
        held.append(repeats_held(plan, digests))
        counted.update((y.institution, y.latest[1]) for y in digests if y.latest)
        return evaluation(digests, order, accepted)

    current = current_submissions(ledger, sent_before, summary.duplicates)
    tables = consolidated(
        plan,
        registry,
        ledger,
        consolidation,
        fresh,
        current=current,
        cache=settings.data_dir / DIGEST_CACHE,
        also=sheets_after,
    )
    summary.seconds["consolidation"] = time.perf_counter() - started
    # A repeat found when a file was read, against the other body's report as it was then (read later in this run,
    # it may have changed): listed only as the newest versions bear it out, as the Issues sheet lists it. One of a
    # version the master does not hold (sent after a configured day, `as_of`) is listed as found.
    valid = {(v.file, v.institution, v.period) for v in summary.versions if v.valid}
    held_by_master = {(s.file, s.institution, s.period) for s in current.latest}
    standing = [
        (c, held[0].standing(c.found, c.institution, c.period,
                             (c.file, c.institution, c.period) in valid and (c.institution, c.period) in counted))
        if held and (c.file, c.institution, c.period) in held_by_master else (c, c.found)
        for c in summary.counted_once
    ]  # fmt: skip
    summary.counted_once = [
        c if stands is c.found else _counted_once(c.file, c.institution, c.period, stands, settings.master_lang)
        for c, stands in standing
        if stands is not None and (stands.get("params") or {}).get("advice") == "part"
    ]
    if held:
        summary.repeats_in_errors = _repeats_made(
            plan, ledger, held[0], current.latest, summary, settings.master_lang, began, sent_before
        )
    settings.master_path().parent.mkdir(parents=True, exist_ok=True)
    writers = master_writers(settings, google_client, google_problem)
    done: list[Written] = []
    for writer in writers:
        # Each master on its own: one held (its Evaluation sheet unread), open in Excel or failing is said, and
        # written by a later run (no basis is recorded unless every master was written); the others are written.
        if (google_held and writer.name == GoogleMaster.name) or (file_held and writer.name == XlsxMaster.name):
            continue  # its Evaluation sheet could not be read: written over, what was typed there would be lost
        started = time.perf_counter()
        try:
            done.append(writer.write(tables, now()))
        except MasterWriteError as exc:
            summary.errors.append(exc.said(settings.master_lang))
            if exc.key == "write.open":  # a file Excel holds, left alone: the Google master is no file of Excel's
                summary.master_open = Path(exc.fields["path"]).name  # the master, or master.apmon.xlsx
        finally:
            summary.seconds[writer.name] = time.perf_counter() - started
    for written in done:
        if written.writer == XlsxMaster.name:
            summary.master, summary.master_warning = written.target, written.warning
            if written.gone:
                summary.done.append(sheets_gone_said(written.gone, Path(written.target).name, settings.master_lang))
        elif written.writer == GoogleMaster.name:
            summary.google_master = written.target
            if written.gone:
                summary.done.append(sheets_gone_said(written.gone, written.target, settings.master_lang, google=True))
    if done and done[0].writer == XlsxMaster.name:
        # Recorded once the master file is written (not when only the Google master was, Excel holding it), with the
        # file written: the master, or `master.apmon.xlsx` beside a master with the Coordinator's chart, which the
        # next run with nothing new then leaves alone as it would the master. Without a basis unless every master
        # was written: the next run then writes them again though nothing changed, so a failed one is retried.
        # With the master file as the write left it: a master left alone for its chart and saved since is told by
        # its stat no longer being that (master_files_there).
        file = Path(done[0].target).name
        all_written = len(done) == len(writers)
        basis_kept = basis if all_written else None
        left = done[0].master_stat
        ledger.master_written(summary.run_id, now(), basis_kept, arrivals=arrivals, file=file, master_stat=left)


def master_files_there(settings: SyncSettings, ledger: Ledger) -> bool:
    """Whether the master and the file the last write went to (`master.apmon.xlsx` when the master holds a chart of
    the Coordinator's) are both there, that file being the master's configured now: one deleted, the master renamed
    in apmon.toml, or a master with a chart saved after its sibling was written, is written by the next run. Only
    looked for, never opened: a run with nothing new, and `sync status`, read no workbook."""
    last_file, left = ledger.master_left()
    master = settings.master_path()
    # A name that is neither the master's nor its sibling's is a file of the master as apmon.toml named it before:
    # the master configured now has not been written.
    sibling = master.with_name(f"{master.stem}.apmon.xlsx")
    if last_file and last_file not in {master.name, sibling.name}:
        return False
    if not master.exists() or (last_file and not master.with_name(last_file).exists()):
        return False
    # The master left alone for its chart, saved since: the Coordinator may have taken the chart out, and only a
    # write (which opens it) can tell. Saved since is its size or modification time not being what the ledger kept
    # of it at that write, whichever clock stamped it (a laptop's copy keeps its older time, a computer's clock may
    # be ahead), never compared with the sync's own clock. Kept by no write (an apmon before 0014): written once.
    if last_file != sibling.name:
        return True
    try:
        return left is not None and _stat(master) == left
    except OSError:  # deleted meanwhile: written again
        return False


def _stat(path: Path) -> tuple[int, int]:
    info = path.stat()
    return info.st_mtime_ns, info.st_size


def sheets_gone_said(gone: list[str], master: str, lang: Lang, *, google: bool = False) -> str:
    """The master's sheets of the previous write that this one did not write again, said with what to do. Sheets
    named in another language (an apmon before Serbian became the default wrote English when `master_lang` was not
    set) name the setting that keeps them. `google`: `master` is the master Google spreadsheet's id, not a file."""
    prefix = "sync.google_" if google else "sync."
    keys = [key for key in LABELS if key.startswith("master.sheet.")] + ["evaluation.sheet"]
    shown = ", ".join(f"'{title}'" if lang == "en" else f"„{title}“" for title in gone)
    for old in LANGS:
        if old != lang and set(gone) <= {text_of(key, old) for key in keys}:
            return text_of(prefix + "sheets_renamed", lang, master=master, setting=lang, gone=shown, old=old)
    return text_of(prefix + "sheets_gone", lang, master=master, gone=shown)
