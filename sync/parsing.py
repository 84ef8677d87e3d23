"""Reading and parsing fetched reports: the costly part of a sync, spread over worker processes.

Each file is read, parsed and checked by the rules that need nothing but the report, on its own
(bytes or a Google grid in, a ParsedReport or an unreadable-file Validation out), so files can be
parsed in any process and in parallel. Results come back in the order the files went in: the rules
that compare a report with the institution's earlier ones then run in the sync process, in that
order, as without workers.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from itertools import chain, islice
from typing import TypeVar

from schemas.calendar import WorkingCalendar
from schemas.grid import Grid
from schemas.institutions import InstitutionRegistry
from schemas.issues import Issue
from schemas.plan import Plan
from schemas.report import Report
from templates.parse import parse_grid
from templates.sniff import FileProblem
from templates.validation import Validation, check_parsed_alone, read_report_bytes, unreadable

MIN_FILES_FOR_WORKERS = 16  # fewer changed files than this: starting workers would cost more than it saves
# A spawned worker (Windows, or beside threads) imports apmon afresh, about a second or two: worth it only for many.
MIN_FILES_FOR_SPAWNED_WORKERS = 200
MAX_AUTO_WORKERS = 4
FILES_PER_TASK = 4  # files a worker takes at once: each hand-over between processes costs about as much as a parse
# Work handed out ahead keeps workers busy while the sync process stores results; bounded in tasks and bytes.
TASKS_AHEAD_PER_WORKER = 6
BYTES_AHEAD = 64 * 2**20
PARENT_CHECK_SECONDS = 0.5  # how soon a worker notices that the sync process is gone

T = TypeVar("T")


@dataclass(frozen=True)
class ParseJob:
    """One fetched version: a file's bytes, or the grid a Google source already read."""

    name: str
    raw: bytes
    grid: Grid | None = None
    size: int = 0  # bytes it holds in memory, where raw does not say (a grid: its values as JSON)
    refused: FileProblem | None = None  # a file refused before it was read (too large): raw is empty


@dataclass(frozen=True)
class ParsedReport:
    """A readable workbook parsed: its report (None when it is not an apmon report) and the issues of the
    parser and of the rules that need no earlier report."""

    report: Report | None
    report_json: str | None  # the report as the ledger stores it
    issues: list[Issue]

    def __reduce__(self) -> tuple[object, tuple[str | None, list[Issue]]]:
        # From a worker the report travels as its JSON: one string pickles and loads several times faster
        # than the thousands of objects of a report model.
        return _from_json, (self.report_json, self.issues)


def _from_json(report_json: str | None, issues: list[Issue]) -> ParsedReport:
    report = None if report_json is None else Report.model_validate_json(report_json)
    return ParsedReport(report, report_json, issues)


ParseOutcome = ParsedReport | Validation  # a Validation only when the file cannot be read at all


def parse_fetched(job: ParseJob, plan: Plan, registry: InstitutionRegistry, calendar: WorkingCalendar) -> ParseOutcome:
    if job.refused is not None:
        return unreadable(job.name, job.refused.code, job.refused.params, "en")
    # The stored bytes are what is parsed, not the file as it may be by now.
    grid = job.grid or read_report_bytes(job.raw, job.name, "en")
    if isinstance(grid, Validation):
        return grid
    parsed = parse_grid(grid, plan, registry, calendar=calendar)
    report_json = parsed.report.model_dump_json() if parsed.report else None
    return ParsedReport(parsed.report, report_json, check_parsed_alone(parsed, plan))


def worker_count(setting: int) -> int:
    """`setting` when set (1: no workers), else one per CPU core available, at most MAX_AUTO_WORKERS."""
    if setting > 0:
        return setting
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return min(cores, MAX_AUTO_WORKERS)


class Parser:
    """Parses jobs in order: in worker processes once there are enough of them, else in this process.

    Use as a context manager; the workers start with the first large batch and have stopped on exit.
    """

    def __init__(self, plan: Plan, registry: InstitutionRegistry, calendar: WorkingCalendar, workers: int) -> None:
        self.plan, self.registry, self.calendar = plan, registry, calendar
        self.workers = worker_count(workers)
        self.pool: ProcessPoolExecutor | None = None
        self.stopping: list[threading.Thread] = []  # pools told to stop, exiting while the caller goes on

    def __enter__(self) -> Parser:
        return self

    def finish(self) -> None:
        """No more jobs for now: the workers stop while the caller goes on (they take ~10 ms to exit)."""
        if self.pool is None:
            return
        pool, self.pool = self.pool, None  # a later map() starts workers anew
        stopping = threading.Thread(target=pool.shutdown, kwargs={"cancel_futures": True}, name="apmon-stop-workers")
        try:
            stopping.start()
        except RuntimeError:  # no thread to be had: stop them here
            pool.shutdown(cancel_futures=True)
            return
        self.stopping.append(stopping)

    def __exit__(self, *_: object) -> None:
        self.finish()
        for stopping in self.stopping:
            stopping.join()
        self.stopping.clear()

    def map(self, jobs: Iterable[tuple[T, ParseJob]], expected: int) -> Iterator[tuple[T, ParseOutcome]]:
        """(tag, result) for each (tag, job), in order. Jobs are drawn lazily, a bounded number ahead.
        `expected`: how many jobs there may be at most (the files a scan found), to judge whether workers pay."""
        jobs = iter(jobs)
        first = list(islice(jobs, MIN_FILES_FOR_WORKERS))
        context = _start_method()
        enough = MIN_FILES_FOR_WORKERS if context.get_start_method() == "fork" else MIN_FILES_FOR_SPAWNED_WORKERS
        if self.workers > 1 and len(first) == MIN_FILES_FOR_WORKERS and expected >= enough and self.pool is None:
            self.calendar.is_working_day(self.plan.start)  # loads the holiday tables once, before workers fork
            self.pool = ProcessPoolExecutor(
                self.workers,
                mp_context=context,
                initializer=_start_worker,
                initargs=(self.plan, self.registry, self.calendar, os.getpid()),
            )
        if self.pool is None:
            for tag, job in chain(first, jobs):
                yield tag, self._here(job)
            return
        ahead: deque[tuple[list[tuple[T, ParseJob]], Future[list[ParseOutcome]] | None]] = deque()
        pending = chain(first, jobs)
        while task := list(islice(pending, FILES_PER_TASK)):
            ahead.append((task, self._submit([job for _, job in task])))
            while len(ahead) >= self.workers * TASKS_AHEAD_PER_WORKER or _bytes(ahead) > BYTES_AHEAD:
                yield from self._next(ahead)
        while ahead:
            yield from self._next(ahead)

    def _submit(self, jobs: list[ParseJob]) -> Future[list[ParseOutcome]] | None:
        assert self.pool is not None
        try:
            return self.pool.submit(_parse_in_worker, jobs)
        except BrokenProcessPool:
            return None

    def _next(
        self, ahead: deque[tuple[list[tuple[T, ParseJob]], Future[list[ParseOutcome]] | None]]
    ) -> list[tuple[T, ParseOutcome]]:
        task, future = ahead.popleft()
        if future is not None:
            try:
                return [(tag, parsed) for (tag, _), parsed in zip(task, future.result(), strict=True)]
            except BrokenProcessPool:
                pass
        # A worker died (killed, out of memory): its files are parsed here instead.
        return [(tag, self._here(job)) for tag, job in task]

    def _here(self, job: ParseJob) -> ParseOutcome:
        return parse_fetched(job, self.plan, self.registry, self.calendar)


def _bytes(ahead: Iterable[tuple[list[tuple[T, ParseJob]], object]]) -> int:
    return sum(job.size or len(job.raw) for task, _ in ahead for _, job in task)


def _start_method() -> multiprocessing.context.BaseContext:
    if "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1:
        return multiprocessing.get_context("fork")  # cheapest: workers inherit the loaded modules
    return multiprocessing.get_context("spawn")  # safe beside threads (a server), and Windows' only method


_worker_state: tuple[Plan, InstitutionRegistry, WorkingCalendar] | None = None


def _start_worker(plan: Plan, registry: InstitutionRegistry, calendar: WorkingCalendar, parent: int) -> None:
    global _worker_state
    _worker_state = (plan, registry, calendar)
    threading.Thread(target=_exit_with_parent, args=(parent,), name="apmon-parent-watch", daemon=True).start()


def _exit_with_parent(parent: int) -> None:
    """End the worker once the sync process is gone (kill -9, the out-of-memory killer): a worker waits for
    work from it forever otherwise."""
    while os.getppid() == parent:
        time.sleep(PARENT_CHECK_SECONDS)
    os._exit(1)


def _parse_in_worker(jobs: list[ParseJob]) -> list[ParseOutcome]:
    assert _worker_state is not None, "the worker was started without its plan"
    return [parse_fetched(job, *_worker_state) for job in jobs]
