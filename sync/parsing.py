"""Reading and parsing fetched reports: the costly part of a sync, spread over worker processes.

Each file is read, parsed and checked by the rules that need nothing but the report, on its own
(bytes or a Google grid in, a ParsedReport or an unreadable-file Validation out), so files can be
parsed in any process and in parallel. Results come back in the order the files went in: the rules
that compare a report with the institution's earlier ones then run in the sync process, in that
order, as without workers. A worker can also be started before the sync process has its jobs, to
parse the folder's new files ahead (sync.head_start): a job is answered from that only when it is
the same file as the sync process read it.

A worker that dies (a crash of a native reader such as python-calamine, the out-of-memory killer) takes its unanswered
files with it. They are parsed again each in a process of its own, never in the sync process: one of them may be what
killed the worker, and would kill the sync process, and the whole run, the same way. A file whose own process dies
while parsing it is unreadable (file-crashed-reader); the run goes on with the others. A process of its own that dies
before it starts on the file says nothing of the file: it is tried once more, and if that one does not start on it
either, the file is unreadable too (file-crashed-reader, reader: not-started) rather than parsed in the sync process.
From then on the sync process parses no file itself: the worker may have died on a file it read ahead, not yet asked
for, and the folder may hold more such files. The other workers parse them; once none is left, a new worker is started
in their place (up to one per worker and SPARE_WORKERS more in a run), and after that a process for each file.

A file the sync process parses itself (every file of a run of few, and some beside the workers) would end the run if it
crashed the reader, and every run after it. So while it parses one, a marker in the data folder names it
(ReadingMarker): the next run parses a file named there, unchanged since, in a process of its own, never here. A run
that cannot get to such a file (its source down or no longer configured) keeps it in the marker for a later run.
"""

from __future__ import annotations

import enum
import json
import logging
import multiprocessing
import os
import queue
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from itertools import chain, islice
from multiprocessing import connection
from multiprocessing.connection import Connection
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, TypeAlias, TypeVar

try:
    import fcntl
except ImportError:  # Windows: its pipes are sized otherwise
    fcntl = None  # type: ignore[assignment]

from apmon.schemas.calendar import WorkingCalendar
from apmon.schemas.grid import Grid
from apmon.schemas.institutions import InstitutionRegistry
from apmon.schemas.issues import Issue
from apmon.schemas.plan import Plan
from apmon.schemas.report import Report
from apmon.schemas.rules import folder_name_personal_data
from apmon.schemas.tables import REGISTER_SHEET, master_mark_of
from apmon.templates.plan_file import create_owner_only, keep_to_owner
from apmon.templates.sniff import FileProblem

# The reading, parsing and checking code (templates.validation and what it loads) is loaded by the first file to
# parse (load_reading_code), not with this module: a run that finds nothing changed parses none.
if TYPE_CHECKING:
    from apmon.sync.sources import Fetched
    from apmon.templates.validation import Validation

MIN_FILES_FOR_WORKERS = 16  # fewer changed files than this: starting workers would cost more than it saves
# A spawned worker (Windows, or beside threads) imports apmon afresh, about a second or two: worth it only for many.
MIN_FILES_FOR_SPAWNED_WORKERS = 200
MAX_AUTO_WORKERS = 4  # parsing processes when one per core: the sync process and up to three workers
FILES_PER_TASK = 4  # files a worker takes at once: each hand-over between processes costs about as much as a parse
# Tasks handed to each worker before it answers: enough that it never waits for the next one, few enough that the
# sync process finds tasks left to parse itself whenever it would wait for an answer.
TASKS_PER_WORKER = 2
# What the sync process holds at most (tasks handed out, answered or parsed by itself, not yet taken in order).
TASKS_AHEAD = 24
BYTES_AHEAD = 64 * 2**20
# A task pipe that holds the tasks handed to a worker ahead (Linux's default holds 64 KiB, four small reports): a
# send into a full pipe waits for the worker's receiving thread, which gets its turn only when the thread
# parsing lets go of the interpreter, so the sync process would wait on each hand-over instead of parsing.
TASK_PIPE_BYTES = 2**20  # what Linux lets any user set (fs.pipe-max-size)
# What a worker parses ahead at most (Parser.read_ahead): it reads ahead while the sync process starts, a fraction of a
# second, but goes on while that process waits for another run's lock.
READ_AHEAD_FILES = 256
READ_AHEAD_BYTES = 64 * 2**20
PARENT_CHECK_SECONDS = 0.5  # how soon a worker notices that the sync process is gone
STOP_SECONDS = 10  # how long a worker told to stop may take to finish its task before it is killed
SPARE_WORKERS = 2  # workers started in place of dead ones beyond one per worker; then a process per file
READER_CRASHED = "file-crashed-reader"  # a file that killed its worker, and then the process that parsed it alone
NOT_STARTED = {"reader": "not-started"}  # READER_CRASHED's mark when no process of its own could start on the file
ALONE_TRIES = 2  # processes of its own a file is given to when one ends before it starts on the file

READING_MARKER = "reading-now.jsonl"  # in the data folder: the file the sync process is parsing itself (ReadingMarker)

T = TypeVar("T")

log = logging.getLogger("apmon.sync")


class FileVersion(NamedTuple):
    """One version of a file as the ledger knows it: its source, its path there and the hash of its content."""

    source: str
    path: str
    content_hash: str


@dataclass(frozen=True)
class ParseJob:
    """One fetched version: a file's bytes, or the grid a Google source already read."""

    name: str
    raw: bytes
    grid: Grid | None = None
    size: int = 0  # bytes it holds in memory, where raw does not say (a grid: its values as JSON)
    refused: FileProblem | None = None  # a file refused before it was read (too large): raw is empty
    expected_institution: str | None = None  # the institution whose folder it lies in: its report must be theirs
    # Which file this is, for ReadingMarker (None: no marker names it); a job read ahead is the same job without it.
    version: FileVersion | None = field(default=None, compare=False)

    @classmethod
    def of(
        cls, name: str, fetched: Fetched, expected_institution: str | None, version: FileVersion | None = None
    ) -> ParseJob:
        # A Google grid is parsed as it was read; its stored bytes need not travel to a worker too.
        raw = fetched.raw if fetched.grid is None else b""
        return cls(name, raw, fetched.grid, len(fetched.raw), fetched.refused, expected_institution, version)


# A file a worker may parse before it is asked to (Parser.read_ahead): its name, and how to read it as the sync would
# (None when it cannot be read now: the sync reads it again and says why).
AheadFile = tuple[str, Callable[[], ParseJob | None]]


@dataclass(frozen=True)
class ParsedReport:
    """A readable workbook parsed: its report (None when it is not an apmon report) and the issues of the
    parser and of the rules that need no earlier report."""

    report: Report | None
    report_json: str | None  # the report as the ledger stores it
    issues: list[Issue]
    master_mark: str | None = None  # of a copy of the master (no report): its register's mark

    def __reduce__(self) -> tuple[object, tuple[str | None, list[Issue], str | None]]:
        # From a worker the report travels as its JSON: one string pickles and loads several times faster
        # than the thousands of objects of a report model.
        return _from_json, (self.report_json, self.issues, self.master_mark)


def _from_json(report_json: str | None, issues: list[Issue], master_mark: str | None = None) -> ParsedReport:
    report = None if report_json is None else Report.model_validate_json(report_json)
    return ParsedReport(report, report_json, issues, master_mark)


ParseOutcome: TypeAlias = "ParsedReport | Validation"  # a Validation only when the file cannot be read at all


class _Died(enum.Enum):
    """A task's answer when its worker died before giving it, or every worker had died when it was handed out and no
    more may be started in their place: its files are parsed each in a process of its own (None: the worker failed
    with an error, parsed here)."""

    DIED = "died"


Answer: TypeAlias = "list[ParseOutcome] | _Died | None"


class _NotStarted(enum.Enum):
    """What a process of a file's own gives when it could not be made or ended before it started on the file."""

    NOT_STARTED = "not-started"


_NOT_STARTED = _NotStarted.NOT_STARTED


class LeftFile(NamedTuple):
    """A file a run was parsing in its sync process when it died, as the marker it left says."""

    version: FileVersion
    run: int | None  # the run's id
    waiting: bool = False  # kept by a later run that could not get to it (and said so)


# What became of a left file in the run after: parsed alone and crashed it again, no process of its own could start
# on it (recorded unread), parsed alone without a crash, changed since (parsed as usual), or not there as it was in a
# source the run read (removed, or replaced by content the ledger knows). Not in this dictionary: not got to (its
# source not read, or the file not read just now): kept in the marker for a later run.
Met = dict[FileVersion, str]
CRASHED_AGAIN, NOT_READ, READ_ALONE, CHANGED, GONE = "crashed-again", "not-read", "read-alone", "changed", "gone"


class ReadingMarker:
    """The marker a run keeps in its data folder (READING_MARKER) of the file the sync process is parsing itself:
    written before it starts on the file, cut off when it is done with it, whatever the outcome. A run that dies while
    parsing (a crash of a native reader, the out-of-memory killer) leaves it behind for the next run.

    Only a run holding the ledger's lock (ledger.lock) keeps one, and it is read when a run has just taken the lock:
    a marker found then is that of a run that died, as a run alive would hold the lock, or names the files a run that
    ended could not get to (`waiting`: its source not read), kept for a later one. One line of JSON per file: first
    those the marker found named (`left`), kept until this run ends so that they are not forgotten if it dies too,
    then the file being parsed. Each line is whole before its parse starts, so a crash cannot cut it; one cut
    otherwise (a power cut: the file is not synced to disk, a crash of a process keeps what it wrote) is not JSON and
    is passed over. Written through one descriptor kept open: a seek, a write and a truncation per file.
    """

    def __init__(self, path: Path, run: int) -> None:
        self.path, self.run = path, run
        self.left, self._found = _left_files(path)
        self.met: Met = {}
        self._left_by_path = {(f.version.source, f.version.path): f.version for f in self.left}
        self._kept = b"".join(_marker_line(*f) for f in self.left)
        self._fd: int | None = None
        self._unwritable = False

    def suspect(self, job: ParseJob) -> bool:
        """Whether a run died while parsing the very version of the file `job` holds (not one changed since)."""
        if not self._left_by_path or job.version is None:
            return False
        left = self._left_by_path.get((job.version.source, job.version.path))
        if left is not None and left != job.version:
            self.met[left] = CHANGED
        return left == job.version

    def parsed_alone(self, job: ParseJob, outcome: ParseOutcome) -> None:
        from apmon.templates.validation import Validation

        crashed = [i for i in outcome.issues if i.code == READER_CRASHED] if isinstance(outcome, Validation) else []
        if job.version is not None:
            not_started = any(i.params.get("reader") == NOT_STARTED["reader"] for i in crashed)
            self.met[job.version] = NOT_READ if not_started else CRASHED_AGAIN if crashed else READ_ALONE

    def read_source(self, source: str, unread: Callable[[str], bool]) -> None:
        """The run has listed `source` and read what changed there, but for the paths `unread` names (being written,
        could not be read): a file left there that it has not met is not there as it was (removed, or its content
        is one the ledger knows)."""
        for left in self.left:
            version = left.version
            if version.source == source and version not in self.met and not unread(version.path):
                self.met[version] = GONE

    def waiting(self) -> list[LeftFile]:
        """The left files this run has not got to: they stay in the marker when it ends."""
        return [left for left in self.left if left.version not in self.met]

    def reading(self, version: FileVersion) -> None:
        """Name `version` as the file this process parses now."""
        try:
            if self._fd is None:
                if self._unwritable:
                    return
                self.path.parent.mkdir(parents=True, exist_ok=True)
                flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0)  # Windows: no \r\n
                # owner-only as the ledger (create_owner_only): it names the file read, whose name may be a person's
                self._fd = os.open(self.path, flags, 0o600)
                keep_to_owner(self._fd)  # one left by an earlier apmon's run
                if self._kept:
                    os.write(self._fd, self._kept)
            os.lseek(self._fd, len(self._kept), os.SEEK_SET)
            os.write(self._fd, _marker_line(version, self.run))
        except OSError as exc:  # a data folder that cannot be written: the run goes on without a marker
            self._give_up(exc)

    def done(self) -> None:
        """The file named last is parsed (or failed with an error)."""
        if self._fd is not None:
            try:
                os.ftruncate(self._fd, len(self._kept))
            except OSError as exc:
                self._give_up(exc)

    def close(self) -> None:
        """The run parses no more: the marker is left naming only the left files this run has not got to (none: it is
        removed)."""
        if self._fd is None and not self._found and not self._unwritable:
            return  # nothing was written or found: nothing to remove
        waiting = b"".join(_marker_line(left.version, left.run, waiting=True) for left in self.waiting())
        try:
            if waiting:  # written whole beside the marker, then put in its place: a crash leaves the old or the new
                self._closed()
                new = self.path.with_name(f"{self.path.name}.new")
                new.unlink(missing_ok=True)  # one a run killed here left
                create_owner_only(new)
                new.write_bytes(waiting)
                os.replace(new, self.path)
            else:
                self._emptied()
                self.path.unlink(missing_ok=True)
        except OSError as exc:
            log.warning("the marker %s could not be written or removed (%s)", self.path, exc)

    def _give_up(self, exc: OSError) -> None:
        log.warning("the marker %s could not be written (%s): this run parses without it", self.path, exc)
        self._emptied()
        self._unwritable = True

    def _emptied(self) -> None:
        """The marker's file cut to nothing, should it stay, and closed."""
        if self._fd is not None:
            with suppress(OSError):
                os.ftruncate(self._fd, 0)
        self._closed()

    def _closed(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None


def _marker_line(version: FileVersion, run: int | None, waiting: bool = False) -> bytes:
    fields: dict[str, object] = {**version._asdict(), "run": run}
    if waiting:
        fields["waiting"] = True
    return json.dumps(fields, ensure_ascii=False).encode("utf-8") + b"\n"


def _left_files(path: Path) -> tuple[list[LeftFile], bool]:
    """The files a marker left at `path` names, each once, in order, and whether there is a marker at all (one that
    names none: a run killed while it parsed no file itself)."""
    try:
        lines = path.read_bytes().splitlines()
    except FileNotFoundError:
        return [], False
    except OSError as exc:
        log.warning("the marker %s could not be read (%s): a file it names is parsed as usual", path, exc)
        return [], True
    left: dict[FileVersion, LeftFile] = {}
    for line in lines:
        try:
            fields: Any = json.loads(line)
            version = FileVersion(*(fields[name] for name in FileVersion._fields))
            run, waiting = fields.get("run"), fields.get("waiting") is True
        except (ValueError, TypeError, KeyError, AttributeError):
            continue  # cut short
        if all(isinstance(part, str) for part in version):
            left[version] = LeftFile(version, run if isinstance(run, int) else None, waiting)
    return list(left.values()), True


def load_reading_code() -> None:
    """Load the code that reads, parses and checks a report, and compile the detector's patterns: in this process
    before workers fork, so that each has them from the start rather than loading and compiling them again."""
    import apmon.templates.validation  # noqa: F401  (and the parser and the rules under it)
    from apmon.schemas.personal_data import compile_patterns

    compile_patterns()  # the detector's, each compiled when first used otherwise


def parse_fetched(job: ParseJob, plan: Plan, registry: InstitutionRegistry, calendar: WorkingCalendar) -> ParseOutcome:
    from apmon.schemas.personal_data import bodies_in_force
    from apmon.templates.parse import parse_grid
    from apmon.templates.validation import Validation, check_parsed_alone, read_report_bytes, unreadable

    # a spawned worker (Windows, beside a server's threads) has loaded no registry: the words of the bodies of the
    # registry in force pass the personal-data search as they do in the sync process
    bodies_in_force(registry.names(), registry.codes)
    if job.refused is not None:
        return unreadable(job.name, job.refused.code, job.refused.params, "en")
    # The stored bytes are what is parsed, not the file as it may be by now.
    grid = job.grid or read_report_bytes(job.raw, job.name, "en")
    if isinstance(grid, Validation):
        return grid
    parsed = parse_grid(grid, plan, registry, expected_institution=job.expected_institution, calendar=calendar)
    if parsed.report is None and (mark := master_mark_of(grid.sheets.get(REGISTER_SHEET, []))):
        return ParsedReport(None, None, [], mark)  # a copy of the master saved by hand: not a report to check
    report_json = parsed.report.model_dump_json() if parsed.report else None
    # The sync keeps the file's path inside the folder, its subfolders' names too: searched as the file's name is.
    # A Google Sheet (its grid read already) is named by its title, "/" and all: no folder's name.
    titled = job.grid is not None
    issues = check_parsed_alone(parsed, plan, source=job.name, titled=titled)
    issues += [] if titled else folder_name_personal_data(job.name)
    return ParsedReport(parsed.report, report_json, issues)


def worker_count(setting: int) -> int:
    """The processes that parse, the sync process among them: `setting` when set (1: the sync process alone), else
    one per CPU core available, at most MAX_AUTO_WORKERS."""
    if setting > 0:
        return setting
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return min(cores, MAX_AUTO_WORKERS)


class Parser:
    """Parses jobs in order: once there are enough of them, in `workers` - 1 worker processes and in this process
    whenever it would wait for their answers; else in this process alone.

    Use as a context manager; the workers start with the first large batch (or with read_ahead) and have stopped
    on exit.
    """

    def __init__(self, plan: Plan, registry: InstitutionRegistry, calendar: WorkingCalendar, workers: int) -> None:
        self.plan, self.registry, self.calendar = plan, registry, calendar
        self.workers = worker_count(workers)
        self.pool: _Workers | None = None
        self.stopping: list[_Workers] = []  # pools told to stop, exiting while the caller goes on
        self.marker: ReadingMarker | None = None

    def __enter__(self) -> Parser:
        return self

    def read_ahead(self, files: Sequence[AheadFile]) -> None:
        """Start the workers now, the first of them parsing `files` (in the order their jobs will come) from the
        last one back while this process gets on with loading: a job equal to one it parsed ahead is answered
        at once. It parses ahead only until it reaches the files it has been asked for; the last files come
        first, as they are the newest when the folder is sorted by month. Only where workers fork (they inherit
        `files`' readers) and when workers would pay anyway."""
        context = _start_method()
        if self.workers > 1 and len(files) >= MIN_FILES_FOR_WORKERS and context.get_start_method() == "fork":
            self._start(context, files)

    def finish(self) -> None:
        """No more jobs for now: the workers are told to stop and exit while the caller goes on."""
        if self.pool is None:
            return
        pool, self.pool = self.pool, None  # a later map() starts workers anew
        pool.stop()
        self.stopping.append(pool)

    def __exit__(self, *_: object) -> None:
        self.finish()
        for pool in self.stopping:
            pool.join()
        self.stopping.clear()

    @contextmanager
    def marking(self, path: Path, run: int) -> Iterator[ReadingMarker]:
        """For the block: each file this process parses itself is named in a marker at `path` (ReadingMarker), and a
        file that a marker left there by a run that died names is parsed in a process of its own, as the file of a
        worker that died is. Only under the ledger's lock, which keeps the marker of a run alive from being read."""
        self.marker = marker = ReadingMarker(path, run)
        try:
            yield marker
        finally:
            self.marker = None
            marker.close()

    def worker_pids(self) -> list[int]:
        """The process ids of the running workers (none when parsing happens in this process)."""
        return [] if self.pool is None else self.pool.pids()

    def map(self, jobs: Iterable[tuple[T, ParseJob]], expected: int) -> Iterator[tuple[T, ParseOutcome]]:
        """(tag, result) for each (tag, job), in order. Jobs are drawn lazily, a bounded number ahead.
        `expected`: how many jobs there may be at most (the files a scan found), to judge whether workers pay."""
        jobs = iter(jobs)
        first = list(islice(jobs, MIN_FILES_FOR_WORKERS))
        context = _start_method()
        enough = MIN_FILES_FOR_WORKERS if context.get_start_method() == "fork" else MIN_FILES_FOR_SPAWNED_WORKERS
        if self.workers > 1 and len(first) == MIN_FILES_FOR_WORKERS and expected >= enough and self.pool is None:
            self._start(context)
        pool = self.pool  # workers started ahead are used whatever the number of jobs: they may hold them parsed
        if pool is None:
            for tag, job in chain(first, jobs):
                yield tag, self._here_unless_suspect(job)
            return
        ahead: deque[tuple[int, list[tuple[T, ParseJob]]]] = deque()  # (task id, its jobs), in the jobs' order
        suspect = self.marker.suspect if self.marker and self.marker.left else None
        tasks = _batches(chain(first, jobs), FILES_PER_TASK, apart=suspect)

        def room() -> bool:
            return len(ahead) < TASKS_AHEAD and _bytes(ahead) <= BYTES_AHEAD

        def hand_out(task: list[tuple[T, ParseJob]]) -> int:
            if suspect and suspect(task[0][1]):  # a task of its own: parsed in a process of its own, not a worker
                return pool.answer([self._here_unless_suspect(task[0][1])])
            return pool.submit([job for _, job in task])

        while True:
            while pool.in_flight() < pool.size * TASKS_PER_WORKER and room() and (task := next(tasks, None)):
                ahead.append((hand_out(task), task))
            if not ahead:
                return
            # Rather than wait for the workers' answer, this process parses the next task itself (unless a file has
            # killed a worker: it could kill this process too).
            if not pool.answered(ahead[0][0]) and not pool.a_worker_died and room() and (task := next(tasks, None)):
                ahead.append((pool.answer([self._here_unless_suspect(job) for _, job in task]), task))
                continue
            yield from self._next(pool, ahead)

    def _start(self, context: multiprocessing.context.BaseContext, ahead: Sequence[AheadFile] = ()) -> None:
        self.calendar.is_working_day(self.plan.start)  # loads the holiday tables once, before workers fork
        load_reading_code()  # and the reading code
        self.pool = _Workers(context, self.workers - 1, (self.plan, self.registry, self.calendar), ahead)

    def _next(self, pool: _Workers, ahead: deque[tuple[int, list[tuple[T, ParseJob]]]]) -> list[tuple[T, ParseOutcome]]:
        task_id, task = ahead.popleft()
        results = pool.result(task_id)
        if results is _Died.DIED:  # one of its files may kill whatever parses it
            return [(tag, self._alone(job)) for tag, job in task]
        if results is None:  # its worker failed with an error: parsed here, where the error shows as without workers
            return [(tag, self._here(job)) for tag, job in task]
        return [(tag, parsed) for (tag, _), parsed in zip(task, results, strict=True)]

    def _here(self, job: ParseJob) -> ParseOutcome:
        marker = self.marker
        if marker is None or job.version is None:
            return parse_fetched(job, self.plan, self.registry, self.calendar)
        marker.reading(job.version)  # should this process die parsing it, the next run knows the file
        try:
            return parse_fetched(job, self.plan, self.registry, self.calendar)
        finally:
            marker.done()

    def _here_unless_suspect(self, job: ParseJob) -> ParseOutcome:
        """The job parsed here, unless a run died parsing that very file: then in a process of its own."""
        if self.marker is None or not self.marker.suspect(job):
            return self._here(job)
        outcome = self._alone(job)
        self.marker.parsed_alone(job, outcome)
        return outcome

    def _alone(self, job: ParseJob) -> ParseOutcome:
        """The file of a worker that died, parsed in a process of its own, which holds nothing else: if that process
        dies too once it has started on the file, the file is what kills its reader. One that ends before it starts
        on the file says nothing of the file: another is tried; the file is never parsed in this process, where it
        could end the run, unless a process of its own parsed it and failed with an error (shown here as without
        workers)."""
        for _ in range(ALONE_TRIES):
            outcome = _parse_in_own_process(job, (self.plan, self.registry, self.calendar))
            if outcome is not _NOT_STARTED:
                return self._here(job) if outcome is None else outcome
        from apmon.templates.validation import unreadable

        return unreadable(job.name, READER_CRASHED, {"name": job.name, **NOT_STARTED}, "en")


@dataclass
class _Worker:
    process: multiprocessing.process.BaseProcess
    tasks: Connection  # this process writes the worker's tasks here
    results: Connection  # and reads its answers here: a pipe of its own, so a worker killed half-way through
    # an answer breaks only its own pipe (a pipe shared by all workers stays locked and half-written)
    in_flight: set[int] = field(default_factory=set)


class _Workers:
    """Worker processes, each with its own pair of pipes. Tasks go to the least busy worker; answers are
    kept by task until asked for. A worker that dies gives _Died.DIED for each task it held. A task handed out once
    every worker has died starts a new worker in their place, as long as fewer than `count` + SPARE_WORKERS have been
    started so; after that it gives _Died.DIED too. A task whose worker failed with an error gives None."""

    def __init__(
        self, context: multiprocessing.context.BaseContext, count: int, state: _WorkerState, ahead: Sequence[AheadFile]
    ) -> None:
        self.workers: list[_Worker] = []  # the dead among them, closed
        self.size = count  # the workers it keeps: tasks in flight are counted against it
        self.state = state
        self.replacements_left = count + SPARE_WORKERS
        self.answers: dict[int, Answer] = {}
        self.next_id = 0
        self.a_worker_died = False
        for _ in range(count):
            self._add(context, ahead=() if self.workers else ahead)  # the first worker reads ahead

    def _add(self, context: multiprocessing.context.BaseContext, ahead: Sequence[AheadFile] = ()) -> _Worker:
        task_reader, task_writer = context.Pipe(duplex=False)
        _widen(task_writer)
        result_reader, result_writer = context.Pipe(duplex=False)
        # A forked worker inherits this process's ends of the other workers' pipes: it closes them, or another
        # worker would never see its pipes closed. (A spawned one inherits nothing.)
        forked = context.get_start_method() == "fork"
        others = [end for w in self.workers for end in (w.tasks, w.results) if not end.closed] if forked else []
        process = context.Process(  # type: ignore[attr-defined]
            target=_work,
            args=(task_reader, result_writer, self.state, os.getpid(), others, ahead),
            name="apmon-parse",
            daemon=True,
        )
        try:
            process.start()
        except OSError:  # no process could be made: none of its pipes is kept
            task_writer.close()
            result_reader.close()
            raise
        finally:
            # The worker's ends are closed here at once: only then does its death read as end of file.
            task_reader.close()
            result_writer.close()
        worker = _Worker(process, task_writer, result_reader)
        self.workers.append(worker)
        return worker

    def _replace(self) -> _Worker | None:
        """A new worker in place of the dead ones (forked or spawned as _start_method says now), or None when the run
        has started as many as it may, or none can start: each file is then parsed in a process of its own."""
        if self.replacements_left <= 0:
            return None
        self.replacements_left -= 1
        try:
            return self._add(_start_method())
        except OSError:  # no process could be made (out of memory, the limit on processes)
            self.replacements_left = 0
            return None

    def pids(self) -> list[int]:
        return [w.process.pid for w in self.workers if w.process.pid is not None and w.process.is_alive()]

    def in_flight(self) -> int:
        """Tasks handed to the workers and not answered yet."""
        return sum(len(w.in_flight) for w in self.workers)

    def answer(self, results: list[ParseOutcome]) -> int:
        """A task parsed by the sync process itself, kept as answered beside the workers' tasks."""
        task_id, self.next_id = self.next_id, self.next_id + 1
        self.answers[task_id] = results
        return task_id

    def submit(self, jobs: list[ParseJob]) -> int:
        task_id, self.next_id = self.next_id, self.next_id + 1
        while True:
            living = [w for w in self.workers if not w.tasks.closed]
            if not living and (replacement := self._replace()) is not None:
                living = [replacement]
            if not living:
                break
            worker = min(living, key=lambda w: len(w.in_flight))
            try:
                worker.tasks.send((task_id, jobs))
            except OSError:  # it has died: another takes the task
                self._lost(worker)
                continue
            worker.in_flight.add(task_id)
            return task_id
        self.answers[task_id] = _Died.DIED
        return task_id

    def answered(self, task_id: int) -> bool:
        """Whether the task's answer is in (or no worker can give it any more), taking in what has come meanwhile
        without waiting."""
        self._take_answers(timeout=0)
        return task_id in self.answers or not any(w.in_flight for w in self.workers)

    def result(self, task_id: int) -> Answer:
        while task_id not in self.answers:
            if not any(w.in_flight for w in self.workers):  # no worker holds it (cannot happen): parse it here
                self.answers[task_id] = None
                break
            self._take_answers(timeout=None)
        return self.answers.pop(task_id)

    def _take_answers(self, timeout: float | None) -> None:
        busy = {w.results: w for w in self.workers if w.in_flight}
        for ready in connection.wait(list(busy), timeout) if busy else []:
            worker = busy[ready]  # type: ignore[index]
            try:
                done, answer = worker.results.recv()
            except (EOFError, OSError):  # died, perhaps half-way through an answer
                self._lost(worker)
                continue
            worker.in_flight.discard(done)
            self.answers[done] = answer

    def _lost(self, worker: _Worker) -> None:
        self.a_worker_died = True
        for task_id in worker.in_flight:
            self.answers[task_id] = _Died.DIED
        worker.in_flight.clear()
        worker.tasks.close()
        worker.results.close()

    def stop(self) -> None:
        """Tell every worker to stop once its tasks are done; returns at once."""
        self.replacements_left = 0  # and start no more
        for worker in self.workers:
            if not worker.tasks.closed:
                with suppress(OSError):
                    worker.tasks.send(None)
                worker.tasks.close()
            if not worker.results.closed:
                worker.results.close()

    def join(self) -> None:
        for worker in self.workers:
            worker.process.join(STOP_SECONDS)
            if worker.process.is_alive():  # stuck: it holds nothing that needs a clean end
                worker.process.kill()
                worker.process.join()


def _widen(end: Connection) -> None:
    """Let the pipe of `end` hold TASK_PIPE_BYTES where the system allows it (Linux); elsewhere it stays as it is."""
    set_size = getattr(fcntl, "F_SETPIPE_SZ", None) if fcntl else None
    if set_size is not None:
        with suppress(OSError):  # a lower limit set by the administrator: the default size still works
            fcntl.fcntl(end.fileno(), set_size, TASK_PIPE_BYTES)


def _batches(
    items: Iterable[tuple[T, ParseJob]], size: int, apart: Callable[[ParseJob], bool] | None = None
) -> Iterator[list[tuple[T, ParseJob]]]:
    """The items in batches of `size`, in order; a job `apart` says so of comes in a batch of its own."""
    items = iter(items)
    if apart is None:
        while batch := list(islice(items, size)):
            yield batch
        return
    batch = []
    for item in items:
        if apart(item[1]):
            if batch:
                yield batch
            yield [item]
            batch = []
            continue
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _bytes(ahead: Iterable[tuple[int, list[tuple[T, ParseJob]]]]) -> int:
    return sum(job.size or len(job.raw) for _, task in ahead for _, job in task)


def _start_method() -> multiprocessing.context.BaseContext:
    if "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1:
        return multiprocessing.get_context("fork")  # cheapest: workers inherit the loaded modules
    return multiprocessing.get_context("spawn")  # safe beside threads (a server), and Windows' only method


_WorkerState = tuple[Plan, InstitutionRegistry, WorkingCalendar]


def _work(
    tasks: Connection,
    results: Connection,
    state: _WorkerState,
    parent: int,
    others: list[Connection],
    ahead: Sequence[AheadFile],
) -> None:
    """A worker's life: parse each task it is sent and answer, until told to stop or its parent is gone; while no
    task waits, parse `ahead`."""
    for end in others:
        end.close()
    threading.Thread(target=_exit_with_parent, args=(parent,), name="apmon-parent-watch", daemon=True).start()
    # Tasks are taken off the pipe as they come, so the sync process never waits to hand one over while
    # this worker waits to hand back an answer.
    queued: queue.SimpleQueue[tuple[int, list[ParseJob]] | None] = queue.SimpleQueue()
    threading.Thread(target=_receive, args=(tasks, queued), name="apmon-tasks", daemon=True).start()
    parsed_ahead = _ReadAhead(ahead, state)
    while True:
        try:
            task = queued.get(block=parsed_ahead.done)
        except queue.Empty:
            parsed_ahead.step()
            continue
        if task is None:
            return
        task_id, jobs = task
        parsed_ahead.asked(jobs)
        try:
            answer: list[ParseOutcome] | None = [
                ready if (ready := parsed_ahead.take(job)) is not None else parse_fetched(job, *state) for job in jobs
            ]
        except Exception:  # parsed again in the sync process, where the error shows as it would without workers
            answer = None
        try:
            results.send((task_id, answer))
        except OSError:  # the sync process stopped listening
            return


class _ReadAhead:
    """The files a worker parses before it is asked for them, from the last back to the furthest one asked for
    (the sync process asks in order from the first, and parses some itself), within READ_AHEAD_FILES and
    READ_AHEAD_BYTES."""

    def __init__(self, files: Sequence[AheadFile], state: _WorkerState) -> None:
        self.files, self.state = files, state
        self.position = {name: i for i, (name, _) in enumerate(files)}
        self.next = len(files) - 1
        self.front = -1  # the furthest file asked for
        self.parsed: dict[str, tuple[ParseJob, ParseOutcome]] = {}
        self.kept_bytes = 0

    @property
    def done(self) -> bool:
        return self.next <= self.front or len(self.parsed) >= READ_AHEAD_FILES or self.kept_bytes >= READ_AHEAD_BYTES

    def step(self) -> None:
        """Read and parse the next file back; one that fails is left to be read and parsed when asked for."""
        name, read = self.files[self.next]
        self.next -= 1
        with suppress(Exception):
            job = read()
            if job is not None:
                self.parsed[name] = (job, parse_fetched(job, *self.state))
                self.kept_bytes += job.size

    def asked(self, jobs: list[ParseJob]) -> None:
        self.front = max([self.front, *(self.position.get(job.name, -1) for job in jobs)])

    def take(self, job: ParseJob) -> ParseOutcome | None:
        """The file parsed ahead when it was read as the job has it (not changed since), else None. (Asked for a
        file it parsed, the worker has met the files asked for: it reads no more ahead, whatever it still holds.)"""
        ahead = self.parsed.pop(job.name, None)
        return ahead[1] if ahead is not None and ahead[0] == job else None


def _parse_in_own_process(job: ParseJob, state: _WorkerState) -> ParseOutcome | _NotStarted | None:
    """`job` parsed in a new process (forked or spawned as _start_method says): its outcome, READER_CRASHED when the
    process died once it had started on the file, None when parsing failed with an error there, _NOT_STARTED when
    the process could not be started or ended before it started on the file."""
    from apmon.templates.validation import unreadable  # the reading code, loaded before the process forks

    context = _start_method()
    answers, answer = context.Pipe(duplex=False)
    process = context.Process(  # type: ignore[attr-defined]
        target=_parse_alone, args=(job, state, answer, os.getpid()), name="apmon-parse-alone", daemon=True
    )
    try:
        process.start()
    except OSError:  # no process could be made (out of memory, the limit on processes)
        answers.close()
        answer.close()
        return _NOT_STARTED
    answer.close()  # only the process holds it now: its death reads as end of file
    outcome: ParseOutcome | _NotStarted | None
    try:
        answers.recv()  # it has started on the file
    except EOFError:  # it ended before that, which says nothing of the file
        outcome = _NOT_STARTED
    else:
        try:
            outcome = answers.recv()
        except EOFError:  # it died on the file
            outcome = unreadable(job.name, READER_CRASHED, {"name": job.name}, "en")
    finally:
        answers.close()
        process.join()
    return outcome


def _parse_alone(job: ParseJob, state: _WorkerState, answer: Connection, parent: int) -> None:
    """Parse one file in a process of its own (Parser._alone) and answer: first that it has started on the file, then
    the outcome (None when parsing failed with an error)."""
    threading.Thread(target=_exit_with_parent, args=(parent,), name="apmon-parent-watch", daemon=True).start()
    answer.send(True)  # started
    try:
        outcome: ParseOutcome | None = parse_fetched(job, *state)
    except Exception:
        outcome = None
    answer.send(outcome)


def _receive(tasks: Connection, queued: queue.SimpleQueue[tuple[int, list[ParseJob]] | None]) -> None:
    while True:
        try:
            task = tasks.recv()
        except (EOFError, OSError):
            task = None
        queued.put(task)
        if task is None:
            return


def _exit_with_parent(parent: int) -> None:
    """End the worker once the sync process is gone (kill -9, the out-of-memory killer): a worker waits for
    work from it forever otherwise."""
    while os.getppid() == parent:
        time.sleep(PARENT_CHECK_SECONDS)
    os._exit(1)
