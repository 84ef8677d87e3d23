"""The start of a sync run, before the modules of the ledger and the master are loaded: the plan is read and a
parse worker is started that parses the reports folder's files ahead while this process loads the rest.

Loading those modules takes a command a good part of its start; the worker meanwhile parses the files a first run
or a month's reports would have it parse anyway. This module imports none of them
(tests/test_startup.py checks it).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from apmon.schemas.calendar import WorkingCalendar
from apmon.schemas.institutions import InstitutionRegistry
from apmon.schemas.plan import Plan
from apmon.sync.config import Config
from apmon.sync.holiday_cache import load_holidays
from apmon.sync.parsing import AheadFile, ParseJob, Parser
from apmon.sync.sources import (
    Candidate,
    FileChangingError,
    FolderSource,
    SourceError,
    folder_institution,
    institution_folders,
)
from apmon.templates.plan_file import load_plan_and_registry


@dataclass(frozen=True)
class HeadStart:
    """What a run needs that was had before the ledger's and the master's modules were loaded."""

    plan: Plan
    registry: InstitutionRegistry
    calendar: WorkingCalendar
    parser: Parser
    folder: FolderSource  # the reports folder, scanned already when its files were read ahead
    parsing_ahead: bool = False  # a worker is parsing files saved since the ledger was last written: a master is due


@contextmanager
def head_start(settings: Config) -> Iterator[HeadStart]:
    """The configured plan and registry (DataFileError when they cannot be used), the calendar, and a parser whose
    worker is parsing the reports folder ahead; the worker has ended when the block does."""
    data_dir = settings.sync.data_dir
    # A first run reads the plan and the registry before anything made its data folder: made first, so that what they
    # held is kept there and the next run need not parse them. One that cannot be made is the ledger's to say.
    with suppress(OSError):
        data_dir.mkdir(parents=True, exist_ok=True)
    plan, registry = load_plan_and_registry(settings.plan, settings.institutions, data_dir, cache_dir=data_dir)
    load_holidays(settings.sync.data_dir)  # before the worker forks: it has them too
    calendar = WorkingCalendar(settings.deadlines)
    sync = settings.sync
    folder = FolderSource(sync.reports_folder(), recursive=sync.recursive, leave_out=settings.written_by_apmon())
    with Parser(plan, registry, calendar, sync.workers) as parser:
        # A ledger on a server cannot tell which files are new before its modules load: nothing is read ahead.
        if (ledger := sync.ledger_file()) is not None:
            parser.read_ahead(folder_files(folder, registry, last_written(ledger)))
        yield HeadStart(plan, registry, calendar, parser, folder, parsing_ahead=bool(parser.worker_pids()))


def last_written(ledger: Path) -> dt.datetime | None:
    """When a SQLite ledger was last written (each run writes it), None when it is not made yet: a file saved since
    is most likely new to it."""
    times = []
    for path in (ledger, ledger.with_name(f"{ledger.name}-wal")):
        with suppress(FileNotFoundError):
            times.append(path.stat().st_mtime)
    return dt.datetime.fromtimestamp(max(times), dt.UTC) if times else None


def folder_files(
    source: FolderSource, registry: InstitutionRegistry, since: dt.datetime | None = None
) -> list[AheadFile]:
    """The spreadsheets of the reports folder (those modified after `since`), as the run will find and read them
    (its scan is this one); none when it cannot be listed (the run lists it again, and says why)."""
    try:
        candidates = source.scan_ahead()
    except (SourceError, OSError):
        return []
    folders = institution_folders(registry)
    return [(c.name, partial(_read, source, c, folders)) for c in candidates if since is None or c.modified > since]


def _read(source: FolderSource, candidate: Candidate, folders: dict[str, str]) -> ParseJob | None:
    try:
        fetched = source.fetch(candidate)
    except (OSError, FileChangingError):
        return None
    return ParseJob.of(candidate.name, fetched, folder_institution(candidate.key, folders))
