"""Parsing in worker processes: the same results as in the sync process, in order, and nothing lost when a
worker dies; a sync with workers records what a sync without them does."""

from __future__ import annotations

import datetime as dt
import faulthandler
import hashlib
import io
import json
import multiprocessing
import os
import resource
import shutil
import signal
import subprocess
import sys
import threading
import time
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from apmon.cli.common import live_progress
from apmon.schemas.calendar import WorkingCalendar
from apmon.schemas.institutions import InstitutionRegistry
from apmon.schemas.messages import text_of
from apmon.schemas.plan import Plan
from apmon.sync import parsing
from apmon.sync.config import SyncSettings
from apmon.sync.demo_data import write_demo_reports
from apmon.sync.ledger import Ledger, LedgerBusy, sqlite_url
from apmon.sync.parsing import (
    CRASHED_AGAIN,
    FILES_PER_TASK,
    MIN_FILES_FOR_WORKERS,
    READ_AHEAD_FILES,
    READ_ALONE,
    READING_MARKER,
    SPARE_WORKERS,
    TASKS_PER_WORKER,
    AheadFile,
    FileVersion,
    LeftFile,
    ParsedReport,
    ParseJob,
    ParseOutcome,
    Parser,
    _start_method,
    _Workers,
    parse_fetched,
)
from apmon.sync.run import RunSummary, run_sync
from apmon.sync.sources import Candidate, FolderSource, Source
from apmon.templates.read_xlsx import forget_what_was_read
from apmon.templates.validation import Validation

CAL = WorkingCalendar()


@pytest.fixture(scope="module")
def reports(plan: Plan, registry: InstitutionRegistry, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("reports")
    write_demo_reports(plan, registry, folder, first="2018-01", last="2018-03", calendar=CAL)
    (folder / "2018-02" / "not-a-workbook.xlsx").write_bytes(b"this is not a zip")
    return folder


def jobs(folder: Path) -> list[tuple[str, ParseJob]]:
    files = sorted(folder.rglob("*.xlsx"))
    return [(f.relative_to(folder).as_posix(), ParseJob(name=f.name, raw=f.read_bytes())) for f in files]


def parse_all(plan: Plan, registry: InstitutionRegistry, todo: list[tuple[str, ParseJob]], workers: int) -> list:
    with Parser(plan, registry, CAL, workers) as parser:
        results = list(parser.map(todo, expected=len(todo)))
        started = parser.pool is not None
    return [(started, tag, result) for tag, result in results]


def test_workers_give_the_same_results_in_the_same_order(
    reports: Path, plan: Plan, registry: InstitutionRegistry
) -> None:
    todo = jobs(reports)
    assert len(todo) > 2 * MIN_FILES_FOR_WORKERS
    here = parse_all(plan, registry, todo, workers=1)
    there = parse_all(plan, registry, todo, workers=2)
    assert {started for started, _, _ in here} == {False}
    assert {started for started, _, _ in there} == {True}
    assert [tag for _, tag, _ in there] == [tag for tag, _ in todo]
    assert [r for _, _, r in there] == [r for _, _, r in here]
    kinds = {type(r) for _, _, r in here}
    assert kinds == {ParsedReport, Validation}  # reports, and the file that is not a workbook at all
    unreadable = [r for _, _, r in here if isinstance(r, Validation)]
    assert [(r.file, r.issues[0].code) for r in unreadable] == [("not-a-workbook.xlsx", "file-text")]


def test_the_sync_process_parses_beside_its_worker_instead_of_waiting(
    reports: Path, plan: Plan, registry: InstitutionRegistry, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With two parsing processes, one worker is started and the sync process parses tasks itself whenever the
    worker's answer is not in yet: both do part of the work, and the results come in order as without a worker."""
    todo = jobs(reports)
    expected = [r for _, _, r in parse_all(plan, registry, todo, workers=1)]
    parsed_here: list[str] = []  # filled in this process only: a worker's copy of the list is its own

    def counted(job: ParseJob, *args: object) -> ParseOutcome:
        parsed_here.append(job.name)
        return parse_fetched(job, *args)  # type: ignore[arg-type]

    monkeypatch.setattr("apmon.sync.parsing.parse_fetched", counted)
    with Parser(plan, registry, CAL, 2) as parser:
        results = parser.map(todo, expected=len(todo))
        got = [next(results)]
        assert len(parser.worker_pids()) == 1
        got += list(results)
    assert [tag for tag, _ in got] == [tag for tag, _ in todo]
    assert [r for _, r in got] == expected
    assert 0 < len(parsed_here) < len(todo)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="pipe sizes are set on Linux")
def test_a_worker_can_be_handed_its_tasks_ahead_without_the_sync_process_waiting(
    reports: Path, plan: Plan, registry: InstitutionRegistry
) -> None:
    """The tasks handed to a worker ahead fit in its task pipe: a send into a full pipe would wait until the worker's
    receiving thread gets the interpreter from the thread that parses, while the sync process could parse."""
    import fcntl

    todo = jobs(reports)
    ahead = TASKS_PER_WORKER * FILES_PER_TASK * max(len(job.raw) for _, job in todo)
    with Parser(plan, registry, CAL, 2) as parser:
        results = parser.map(todo, expected=len(todo))
        next(results)
        assert parser.pool is not None
        for worker in parser.pool.workers:
            assert fcntl.fcntl(worker.tasks.fileno(), fcntl.F_GETPIPE_SZ) >= ahead
        assert len(list(results)) == len(todo) - 1


class ParseLog:
    """parse_fetched as each process calls it, logged to a file: a forked worker inherits the logging, and its lines
    come back through the file. Each line: the process id and the job's name."""

    def __init__(self, path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        self.path = path
        path.touch()

        def logged(job: ParseJob, *args: object) -> ParseOutcome:
            with path.open("a", encoding="utf-8") as log:
                log.write(f"{os.getpid()} {job.name}\n")
            return parse_fetched(job, *args)  # type: ignore[arg-type]

        monkeypatch.setattr("apmon.sync.parsing.parse_fetched", logged)

    def lines(self) -> list[tuple[int, str]]:
        return [(int(pid), name) for pid, name in (line.split(" ", 1) for line in self.path.read_text().splitlines())]

    def wait_for(self, count: int) -> list[tuple[int, str]]:
        deadline = time.monotonic() + 60
        while len(lines := self.lines()) < count:
            assert time.monotonic() < deadline, f"{len(lines)} of {count} files parsed"
            time.sleep(0.01)
        return lines


def read_as(todo: list[tuple[str, ParseJob]]) -> list[AheadFile]:
    """What Parser.read_ahead is given for `todo`: each job's name and a reader that gives the job."""
    return [(job.name, lambda job=job: job) for _, job in todo]  # type: ignore[misc]


def test_a_worker_parses_ahead_from_the_last_file_and_answers_with_what_it_parsed(
    reports: Path, plan: Plan, registry: InstitutionRegistry, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Read ahead while the sync process gets ready (a command loading its modules), every file is parsed once:
    the worker starts from the last file (the newest month) and, asked for the files it has parsed, answers
    with them instead of parsing them again."""
    todo = jobs(reports)
    assert len(todo) <= READ_AHEAD_FILES
    expected = [r for _, _, r in parse_all(plan, registry, todo, workers=1)]
    log = ParseLog(tmp_path / "parsed.log", monkeypatch)
    with Parser(plan, registry, CAL, 2) as parser:
        parser.read_ahead(read_as(todo))
        ahead = log.wait_for(len(todo))  # the sync process still getting ready: nothing asked for yet
        [worker] = parser.worker_pids()
        got = list(parser.map(todo, expected=len(todo)))
    assert [tag for tag, _ in got] == [tag for tag, _ in todo]
    assert [r for _, r in got] == expected
    assert ahead == [(worker, job.name) for _, job in reversed(todo)]
    assert [pid for pid, _ in log.lines()[len(todo) :]] == [os.getpid()] * (len(log.lines()) - len(todo))


def test_a_worker_reads_ahead_only_up_to_the_files_it_has_been_asked_for(
    reports: Path, plan: Plan, registry: InstitutionRegistry, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Asked at once, the worker reads ahead from the last file while it answers from the first: it stops where they
    meet, and no file is parsed twice by it (the sync process parses some itself, and may meet a few it did)."""
    todo = jobs(reports)
    expected = [r for _, _, r in parse_all(plan, registry, todo, workers=1)]
    log = ParseLog(tmp_path / "parsed.log", monkeypatch)
    with Parser(plan, registry, CAL, 2) as parser:
        parser.read_ahead(read_as(todo))
        [worker] = parser.worker_pids()
        got = [r for _, r in parser.map(todo, expected=len(todo))]
    assert got == expected
    by_worker = [name for pid, name in log.lines() if pid == worker]
    assert len(by_worker) == len(set(by_worker))
    # How many files the sync process parses itself where the two meet depends on how the machine schedules the
    # two processes: a few tasks on a busy one. A worker that did not stop there would parse dozens twice.
    assert len(log.lines()) < len(todo) + 4 * FILES_PER_TASK


def test_a_file_that_changed_after_it_was_read_ahead_is_parsed_as_the_sync_read_it(
    reports: Path, plan: Plan, registry: InstitutionRegistry, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """What the worker read ahead serves only a job of the same bytes (and institution folder): a file saved again
    between the worker's read and the sync's is parsed as the sync read it, which is what the ledger keeps."""
    todo = jobs(reports)
    expected = [r for _, _, r in parse_all(plan, registry, todo, workers=1)]
    before = [(job.name, lambda job=job: replace(job, raw=b"an earlier save")) for _, job in todo]
    log = ParseLog(tmp_path / "parsed.log", monkeypatch)
    with Parser(plan, registry, CAL, 2) as parser:
        parser.read_ahead(before)  # type: ignore[arg-type]
        log.wait_for(len(todo))
        got = [r for _, r in parser.map(todo, expected=len(todo))]
    assert got == expected
    assert not any(isinstance(r, Validation) and r.issues[0].code == "file-text" for r in got[-FILES_PER_TASK:])
    assert len(log.lines()) == 2 * len(todo)  # each file parsed ahead, and again as the sync read it


def test_a_worker_reads_ahead_within_its_limits_and_only_what_it_can_read(
    reports: Path, plan: Plan, registry: InstitutionRegistry, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A sync waiting for another run's lock does not have its worker parse a whole folder into memory ahead; a file
    the worker cannot read (gone, being written) is left to the sync, which reads it and says what is wrong."""
    todo = jobs(reports)
    expected = [r for _, _, r in parse_all(plan, registry, todo, workers=1)]
    monkeypatch.setattr("apmon.sync.parsing.READ_AHEAD_FILES", 5)  # the worker forks with it

    def unreadable_last() -> ParseJob:
        raise OSError("gone")

    files = [*read_as(todo)[:-1], (todo[-1][1].name, unreadable_last)]
    log = ParseLog(tmp_path / "parsed.log", monkeypatch)
    with Parser(plan, registry, CAL, 2) as parser:
        parser.read_ahead(files)
        log.wait_for(5)
        time.sleep(0.5)
        assert [name for _, name in log.lines()] == [job.name for _, job in todo[-6:-1]][::-1]
        got = [r for _, r in parser.map(todo, expected=len(todo))]
    assert got == expected


def test_a_few_files_are_not_read_ahead(plan: Plan, registry: InstitutionRegistry, reports: Path) -> None:
    few = jobs(reports)[: MIN_FILES_FOR_WORKERS - 1]
    with Parser(plan, registry, CAL, 2) as parser:
        parser.read_ahead(read_as(few))
        assert parser.pool is None
        assert [r for _, r in parser.map(few, expected=len(few))] == [
            r for _, _, r in parse_all(plan, registry, few, workers=1)
        ]


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def test_a_few_files_start_no_worker(reports: Path, plan: Plan, registry: InstitutionRegistry) -> None:
    few = jobs(reports)[: MIN_FILES_FOR_WORKERS - 1]
    results = parse_all(plan, registry, few, workers=2)
    assert {started for started, _, _ in results} == {False}
    assert len(results) == len(few)


def test_workers_told_to_finish_have_exited_when_the_parser_closes(
    reports: Path, plan: Plan, registry: InstitutionRegistry
) -> None:
    todo = jobs(reports)
    with Parser(plan, registry, CAL, 3) as parser:  # two workers beside this process
        assert len(list(parser.map(todo, expected=len(todo)))) == len(todo)
        workers = parser.worker_pids()
        assert len(workers) == 2
        parser.finish()  # returns at once; the run goes on while they exit
        parser.finish()  # a second call changes nothing
        assert parser.pool is None
        # More files after all: parsed still (here, as the stopping workers' thread rules out forking new ones).
        again = list(parser.map(todo, expected=len(todo)))
        assert [tag for tag, _ in again] == [tag for tag, _ in todo]
    assert not any(_alive(pid) for pid in workers)
    assert parser.pool is None and threading.active_count() == 1  # nothing left that would stop the next fork
    with Parser(plan, registry, CAL, 2) as idle:
        idle.finish()  # no workers were started: nothing to stop


@pytest.mark.skipif(sys.platform == "win32", reason="kills a worker with SIGKILL")
def test_a_worker_that_dies_loses_no_file(reports: Path, plan: Plan, registry: InstitutionRegistry) -> None:
    todo = jobs(reports)
    expected = [r for _, _, r in parse_all(plan, registry, todo, workers=1)]
    got: list[ParseOutcome] = []
    with Parser(plan, registry, CAL, 3) as parser:  # two workers beside this process
        results = parser.map(todo, expected=len(todo))
        got.append(next(results)[1])
        assert len(parser.worker_pids()) == 2
        for pid in parser.worker_pids():
            os.kill(pid, signal.SIGKILL)
        got += [result for _, result in results]
    assert got == expected


def crash_in_workers_on(name: str | set[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """parse_fetched as a native reader's crash on the file `name` (or on each of the files `name`) would make it
    (python-calamine aborting, a segfault): the process reading that file dies at once. Set before the workers fork, so
    that they inherit it; this process is spared, as it runs the tests (CRASHING_RUN shows what happens to a sync
    process that is not)."""
    test_process = os.getpid()
    names = {name} if isinstance(name, str) else name

    def crashing(job: ParseJob, *args: object) -> ParseOutcome:
        if job.name in names and os.getpid() != test_process:
            faulthandler.disable()  # pytest's would print the dying worker's stack
            os.abort()
        return parse_fetched(job, *args)  # type: ignore[arg-type]

    monkeypatch.setattr("apmon.sync.parsing.parse_fetched", crashing)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="the crash is set up in forked workers")
def test_a_file_that_kills_its_worker_is_unreadable_and_the_others_are_parsed_as_usual(
    reports: Path, plan: Plan, registry: InstitutionRegistry, monkeypatch: pytest.MonkeyPatch
) -> None:
    todo = jobs(reports)
    # In the first task: the first tasks all go to the worker before the sync process parses any itself.
    crashing = todo[1][1].name
    expected = [r for _, _, r in parse_all(plan, registry, todo, workers=1)]
    crash_in_workers_on(crashing, monkeypatch)
    with Parser(plan, registry, CAL, 2) as parser:  # one worker beside this process
        got = list(parser.map(todo, expected=len(todo)))
    assert [tag for tag, _ in got] == [tag for tag, _ in todo]
    crashed = got[1][1]
    assert isinstance(crashed, Validation) and not crashed.readable
    assert (crashed.file, [i.code for i in crashed.issues]) == (crashing, ["file-crashed-reader"])
    assert [r for i, (_, r) in enumerate(got) if i != 1] == [r for i, r in enumerate(expected) if i != 1]


@pytest.mark.skipif(not hasattr(os, "fork"), reason="the crash is set up in forked workers")
def test_a_file_that_kills_the_worker_reading_ahead_is_parsed_in_no_sync_process(
    reports: Path, plan: Plan, registry: InstitutionRegistry, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The worker reading ahead starts from the last file: that one kills it before it has been asked for anything.
    The sync process parses no file itself after a death: a new worker takes the files, dies on the last one too, and
    that file is then found out in a process of its own; before, the sync process parsed them all itself, and a real
    crash would have ended the run."""
    todo = jobs(reports)
    crashing = todo[-1][1].name
    expected = [r for _, _, r in parse_all(plan, registry, todo, workers=1)]
    crash_in_workers_on(crashing, monkeypatch)
    with Parser(plan, registry, CAL, 2) as parser:  # one worker beside this process
        parser.read_ahead(read_as(todo))
        assert parser.pool is not None
        parser.pool.workers[0].process.join(60)  # it died on the file
        got = [r for _, r in parser.map(todo, expected=len(todo))]
    crashed = got.pop()
    assert isinstance(crashed, Validation) and [i.code for i in crashed.issues] == ["file-crashed-reader"]
    assert got == expected[:-1]


def test_a_file_parsed_alone_beside_threads_is_parsed_in_a_spawned_process(
    reports: Path, plan: Plan, registry: InstitutionRegistry, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Beside threads (the add-in server) the process of its own is spawned: the job and the plan travel to it."""
    todo = jobs(reports)
    picked = [job for _, job in todo[:1]] + [job for _, job in todo if job.name == "not-a-workbook.xlsx"]
    parser = Parser(plan, registry, CAL, 2)
    expected = [parser._here(job) for job in picked]

    def not_here(*_: object) -> ParseOutcome:
        raise AssertionError("parsed in this process")

    monkeypatch.setattr("apmon.sync.parsing.parse_fetched", not_here)  # a spawned process imports its own
    release = threading.Event()
    other = threading.Thread(target=release.wait)
    other.start()
    try:
        assert _start_method().get_start_method() == "spawn"
        assert [parser._alone(job) for job in picked] == expected
    finally:
        release.set()
        other.join()


def count_started(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """The processes this process forks from now on, in order: (the process's name, the file it parses alone or "")."""
    started: list[tuple[str, str]] = []
    context = multiprocessing.get_context("fork")

    class Counted(context.Process):  # type: ignore[misc,name-defined]
        def start(self) -> None:
            job = self._args[0] if self.name == "apmon-parse-alone" else None  # type: ignore[attr-defined]
            started.append((self.name, job.name if isinstance(job, ParseJob) else ""))
            super().start()

    monkeypatch.setattr(type(context), "Process", Counted)
    return started


@pytest.mark.skipif(not hasattr(os, "fork"), reason="the crash is set up in forked workers")
def test_a_file_that_kills_the_only_worker_leaves_the_other_files_to_a_new_worker(
    reports: Path, plan: Plan, registry: InstitutionRegistry, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With two parsing processes there is one worker. An early file kills it: only the files it held unanswered are
    parsed each in a process of its own; the rest go to one new worker, not to a process each (before: every later
    file of the run, one new process per file, about 15 ms each forked and 0.2 s spawned)."""
    todo = jobs(reports)
    crashing = todo[1][1].name  # in the first task: the worker dies holding the first TASKS_PER_WORKER tasks
    expected = [r for _, _, r in parse_all(plan, registry, todo, workers=1)]
    crash_in_workers_on(crashing, monkeypatch)
    started = count_started(monkeypatch)
    with Parser(plan, registry, CAL, 2) as parser:
        got = [r for _, r in parser.map(todo, expected=len(todo))]
    crashed = got[1]
    assert isinstance(crashed, Validation) and [i.code for i in crashed.issues] == ["file-crashed-reader"]
    assert got[:1] + got[2:] == expected[:1] + expected[2:]
    workers = [name for name, _ in started if name == "apmon-parse"]
    alone = [file for name, file in started if name == "apmon-parse-alone"]
    assert len(workers) == 2  # the first worker and the one that took its place
    held = {job.name for _, job in todo[: FILES_PER_TASK * TASKS_PER_WORKER]}  # what the dead worker held at most
    assert crashing in alone and set(alone) <= held and len(alone) == len(set(alone))
    assert len(started) == len(workers) + len(alone)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="the crash is set up in forked workers")
def test_files_that_keep_killing_workers_start_a_bounded_number_of_them(
    reports: Path, plan: Plan, registry: InstitutionRegistry, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The last file kills the worker reading ahead, and one file in every two tasks kills whatever worker takes it:
    after 1 + SPARE_WORKERS new workers the rest of the files are parsed each in a process of its own, so a folder of
    such files cannot make the run start workers for ever. (The first death comes before the run asks for any file:
    the sync process parses none of them itself.)"""
    todo = jobs(reports)
    crashing = {job.name for _, job in todo[1 :: FILES_PER_TASK * TASKS_PER_WORKER]} | {todo[-1][1].name}
    assert len(crashing) > 3 + SPARE_WORKERS
    expected = [r for _, _, r in parse_all(plan, registry, todo, workers=1)]
    crash_in_workers_on(crashing, monkeypatch)
    started = count_started(monkeypatch)
    with Parser(plan, registry, CAL, 2) as parser:
        parser.read_ahead(read_as(todo))
        assert parser.pool is not None
        parser.pool.workers[0].process.join(60)  # it died on the last file
        got = [r for _, r in parser.map(todo, expected=len(todo))]
    for (_, job), result, plain in zip(todo, got, expected, strict=True):
        if job.name in crashing:
            assert isinstance(result, Validation) and [i.code for i in result.issues] == ["file-crashed-reader"]
        else:
            assert result == plain
    assert [name for name, _ in started].count("apmon-parse") == 1 + 1 + SPARE_WORKERS


@pytest.mark.skipif(not hasattr(os, "fork"), reason="the first worker is forked, then killed")
def test_a_new_worker_is_spawned_when_a_thread_has_started_since_the_first_forked(
    reports: Path, plan: Plan, registry: InstitutionRegistry
) -> None:
    """A worker taking a dead one's place is started as _start_method says at that moment: spawned beside threads."""
    todo = jobs(reports)[:FILES_PER_TASK]
    expected = [r for _, _, r in parse_all(plan, registry, todo, workers=1)]
    pool = _Workers(_start_method(), 1, (plan, registry, CAL), ())
    release = threading.Event()
    other = threading.Thread(target=release.wait)
    try:
        first = pool.workers[0].process
        assert first.pid is not None and isinstance(first, multiprocessing.get_context("fork").Process)
        os.kill(first.pid, signal.SIGKILL)
        first.join()
        other.start()
        task = pool.submit([job for _, job in todo])
        assert pool.result(task) == expected
        assert len(pool.workers) == 2
        assert isinstance(pool.workers[1].process, multiprocessing.get_context("spawn").Process)
    finally:
        release.set()
        if other.is_alive():
            other.join()
        pool.stop()
        pool.join()


@pytest.mark.skipif(not hasattr(os, "fork"), reason="the process is made to fail in a fork")
def test_a_file_whose_own_process_dies_before_starting_on_it_is_tried_once_more(
    reports: Path, plan: Plan, registry: InstitutionRegistry, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A process that ends before it starts on the file (the out-of-memory killer, a broken environment) blames no
    file: the file is parsed in another process of its own, never in this one."""
    job = jobs(reports)[0][1]
    parser = Parser(plan, registry, CAL, 2)
    expected = parser._here(job)
    parse_alone, failed_once = parsing._parse_alone, tmp_path / "failed-once"

    def first_dies(*args: Any) -> None:
        if not failed_once.exists():
            failed_once.touch()
            os._exit(1)
        parse_alone(*args)

    monkeypatch.setattr("apmon.sync.parsing._parse_alone", first_dies)
    not_here(monkeypatch)
    started = count_started(monkeypatch)
    assert parser._alone(job) == expected
    assert started == [("apmon-parse-alone", job.name)] * 2


@pytest.mark.skipif(not hasattr(os, "fork"), reason="the process is made to fail in a fork")
@pytest.mark.parametrize("how", ["exits", "cannot-start"])
def test_a_file_whose_own_process_twice_fails_to_start_on_it_is_unreadable_and_not_parsed_here(
    reports: Path, plan: Plan, registry: InstitutionRegistry, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    """Parsed here, the file could end the run (docs/sync.md: never in the sync process): twice no process of its own
    started on it, so it is recorded as unreadable, as a file that kills its reader is, and the run goes on."""
    job = jobs(reports)[0][1]
    parser = Parser(plan, registry, CAL, 2)
    started = count_started(monkeypatch)
    if how == "exits":
        monkeypatch.setattr("apmon.sync.parsing._parse_alone", lambda *_: os._exit(1))
    else:  # fork fails (no memory, the process limit reached)

        def no_fork(*_: object) -> None:
            raise OSError(11, "Resource temporarily unavailable")

        monkeypatch.setattr(multiprocessing.get_context("fork").Process, "_Popen", no_fork)
    not_here(monkeypatch)
    outcome = parser._alone(job)
    assert isinstance(outcome, Validation) and not outcome.readable
    assert (outcome.file, [i.code for i in outcome.issues]) == (job.name, ["file-crashed-reader"])
    assert outcome.issues[0].params == {"name": job.name, "reader": "not-started"}
    assert started == [("apmon-parse-alone", job.name)] * 2


def not_here(monkeypatch: pytest.MonkeyPatch) -> None:
    """Parsing a file in this process (the sync process) fails the test; a process forked from it parses as usual."""
    test_process, parse = os.getpid(), parsing.parse_fetched

    def parsed(job: ParseJob, *args: Any) -> ParseOutcome:
        assert os.getpid() != test_process, "parsed in the sync process"
        return parse(job, *args)

    monkeypatch.setattr("apmon.sync.parsing.parse_fetched", parsed)


KILLED_HALF_WAY_THROUGH_AN_ANSWER = """
import os, signal, sys, time
from pathlib import Path
from apmon.schemas.calendar import WorkingCalendar
from apmon.sync import parsing
from apmon.sync.parsing import ParseJob, Parser
from apmon.templates.plan_file import load_plan, load_registry

registry = load_registry()
plan = load_plan(None, registry)
parsing.TASKS_PER_WORKER = 6  # more answers than a pipe holds, so that a worker stops in the middle of one
files = sorted(Path(sys.argv[1]).rglob("*.xlsx"))
todo = [(f.name, ParseJob(name=f.name, raw=f.read_bytes())) for f in files]
calendar = WorkingCalendar()


def stuck_writing(pid):  # the kernel's word for where the process waits
    return "pipe_write" in Path(f"/proc/{pid}/wchan").read_text()


with Parser(plan, registry, calendar, 1) as here:
    expected = [result for _, result in here.map(todo, expected=len(todo))]
with Parser(plan, registry, calendar, 3) as parser:  # two workers beside this process
    results = parser.map(todo, expected=len(todo))
    got = [next(results)[1]]
    # This process holds the results back: each worker fills its pipe and stops half-way through an answer.
    deadline = time.monotonic() + 60
    while not all(stuck_writing(pid) for pid in parser.worker_pids()):
        assert time.monotonic() < deadline, "the workers' pipes never filled"
        time.sleep(0.05)
    for pid in parser.worker_pids():
        os.kill(pid, signal.SIGKILL)
    got += [result for _, result in results]
print(len(got), got == expected)
"""


@pytest.mark.skipif(not Path("/proc/self/wchan").is_file(), reason="tells a process blocked on a pipe by /proc")
def test_a_worker_killed_half_way_through_an_answer_stops_nothing(reports: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-c", KILLED_HALF_WAY_THROUGH_AN_ANSWER, str(reports)],
        cwd=Path(__file__).resolve().parent.parent,
        capture_output=True,
        text=True,
        timeout=120,  # before the fix, the sync process waited forever for the rest of the answer
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == [str(len(jobs(reports))), "True"]


def test_a_sync_with_workers_records_what_a_sync_without_them_does(
    reports: Path, plan: Plan, registry: InstitutionRegistry, tmp_path: Path
) -> None:
    recorded = {}
    for workers in (1, 2):
        data = tmp_path / f"workers-{workers}"
        settings = SyncSettings(
            data_dir=data, folder=reports, first_period="2018-01", last_period="2018-03", workers=workers
        )
        ledger = Ledger.open(sqlite_url(data / "ledger.sqlite"))
        try:
            summary = run_sync(
                plan=plan,
                registry=registry,
                ledger=ledger,
                sources=[FolderSource(reports)],
                settings=settings,
                calendar=CAL,
                as_of=dt.date(2018, 5, 1),
            )
            assert not summary.failed
            recorded[workers] = (
                [v.model_dump(exclude={"source"}) for v in summary.versions],
                [
                    (v.file_name, v.valid, v.institution, v.period, v.on_time, v.issues, v.report_json)
                    for v in ledger.versions()
                ],
            )
        finally:
            ledger.close()
    assert recorded[1] == recorded[2]
    versions, rows = recorded[2]
    assert len(rows) == len(versions) == len(jobs(reports))
    assert any(not valid for _, valid, *_ in rows)  # the demo's invalid reports are among them


CRASHING_RUN = """
import datetime as dt, os, sys
from pathlib import Path
from apmon.schemas.calendar import WorkingCalendar
from apmon.sync import parsing
from apmon.sync.config import SyncSettings
from apmon.sync.ledger import Ledger, sqlite_url
from apmon.sync.run import run_sync
from apmon.sync.sources import Candidate, FolderSource, Source
from apmon.templates.plan_file import load_plan, load_registry

folder, data, crashing = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
parse = parsing.parse_fetched


def crashes_on_one_file(job, *args):  # as a native reader's crash would: whatever process reads the file dies
    if job.name == crashing:
        os.abort()
    return parse(job, *args)


parsing.parse_fetched = crashes_on_one_file  # before the workers fork: they inherit it
registry = load_registry()
plan = load_plan(None, registry)
settings = SyncSettings(data_dir=data, folder=folder, first_period="2018-01", last_period="2018-03", workers=2)
ledger = Ledger.open(sqlite_url(data / "ledger.sqlite"))
summary = run_sync(
    plan=plan,
    registry=registry,
    ledger=ledger,
    sources=[FolderSource(folder)],
    settings=settings,
    calendar=WorkingCalendar(),
    as_of=dt.date(2018, 5, 1),
)
ledger.close()
print(summary.failed, len(summary.versions))
"""


def recorded(data: Path) -> dict[str, tuple[object, ...]]:
    """What a sync recorded in the ledger of `data`: each file's version, by the file's name."""
    ledger = Ledger.open(sqlite_url(data / "ledger.sqlite"))
    try:
        return {
            v.file_name: (v.valid, v.institution, v.period, v.on_time, v.issues, v.report_json)
            for v in ledger.versions()
        }
    finally:
        ledger.close()


@pytest.mark.skipif(not hasattr(os, "fork"), reason="the crash is set up in forked workers")
def test_a_file_that_kills_whatever_reads_it_ends_no_sync_run(
    reports: Path, plan: Plan, registry: InstitutionRegistry, tmp_path: Path
) -> None:
    """A file that kills the process reading it (here in every process, the sync process too) is recorded as
    unreadable; every other file is recorded as by a run without it. Before, the sync process parsed the files of
    the worker that died itself, met the file and died with it: the run was lost."""
    candidates = FolderSource(reports).scan()
    crashing = candidates[1].name  # in the first task, which goes to the worker
    run = subprocess.run(
        [sys.executable, "-c", CRASHING_RUN, str(reports), str(tmp_path / "crashing"), crashing],
        cwd=Path(__file__).resolve().parent.parent,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    assert run.stdout.split() == ["False", str(len(candidates))]
    without = tmp_path / "without"
    without.mkdir()
    for candidate in candidates:
        if candidate.name != crashing:
            (without / candidate.key).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(reports / candidate.key, without / candidate.key)  # its time too: it says when it came
    settings = SyncSettings(
        data_dir=tmp_path / "plain", folder=without, first_period="2018-01", last_period="2018-03", workers=1
    )
    ledger = Ledger.open(sqlite_url(tmp_path / "plain" / "ledger.sqlite"))
    try:
        run_sync(
            plan=plan,
            registry=registry,
            ledger=ledger,
            sources=[FolderSource(without)],
            settings=settings,
            calendar=CAL,
            as_of=dt.date(2018, 5, 1),
        )
    finally:
        ledger.close()
    versions = recorded(tmp_path / "crashing")
    valid, institution, period, _, issues, report_json = versions.pop(crashing)
    assert (valid, institution, period, report_json) == (False, None, None, None)
    assert [issue["code"] for issue in issues] == ["file-crashed-reader"]  # type: ignore[attr-defined]
    assert versions == recorded(tmp_path / "plain")


@pytest.mark.skipif(sys.platform == "win32", reason="Windows can only spawn")
def test_workers_fork_unless_another_thread_runs() -> None:
    assert _start_method().get_start_method() == "fork"
    release = threading.Event()
    other = threading.Thread(target=release.wait)
    other.start()
    try:
        assert _start_method().get_start_method() == "spawn"
    finally:
        release.set()
        other.join()


def test_the_sync_progress_bar_starts_no_thread(monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    from rich.console import Console

    from apmon.cli import common

    # a bar is drawn on a terminal only (none on a file or a pipe: test_demo's no_blank_line)
    monkeypatch.setattr(common, "err", Console(file=io.StringIO(), force_terminal=True))
    before = threading.active_count()
    with live_progress(quiet=False) as update:
        assert update is not None
        update("Reading", 1, 2)
        assert threading.active_count() == before


# --------------------------------------------------------------------------- a file that ends the sync process itself

CRASHING_COMMAND = """
import os, sys
from apmon.sync import parsing

crashing = sys.argv[1]
parse = parsing.parse_fetched


def crashes_on_one_file(job, *args):  # as a native reader's crash would: whatever process reads the file dies
    if job.name == crashing:
        os.abort()
    return parse(job, *args)


parsing.parse_fetched = crashes_on_one_file  # before any worker forks: they inherit it
from apmon.cli.app import run

sys.argv = ["apmon", *sys.argv[2:]]
run()
"""


def apmon_sync_run(config: Path, crashing: str | None) -> subprocess.CompletedProcess[str]:
    """`apmon sync run --json` in a process of its own; `crashing`: a file name whose reading kills any process."""
    if crashing is None:
        args = [sys.executable, "-m", "apmon.cli.app", "sync", "run", "--config", str(config), "--json"]
    else:
        args = [sys.executable, "-c", CRASHING_COMMAND, crashing, "sync", "run", "--config", str(config), "--json"]
    return subprocess.run(args, cwd=Path(__file__).resolve().parent.parent, capture_output=True, text=True, timeout=180)


def few_reports(reports: Path, into: Path, count: int = 6) -> list[str]:
    """`count` of the reports copied into the folder `into`, fewer than the run starts workers for: the sync process
    parses each itself. Their names, in the order the run reads them."""
    assert count < MIN_FILES_FOR_WORKERS
    picked = FolderSource(reports).scan()[:count]
    for candidate in picked:
        (into / candidate.key).parent.mkdir(parents=True, exist_ok=True)
        (into / candidate.key).write_bytes((reports / candidate.key).read_bytes())
    return [candidate.name for candidate in picked]


def sync_config(tmp_path: Path, folder: Path, data: Path, workers: int = 0) -> Path:
    config = tmp_path / f"{data.name}.toml"
    config.write_text(
        f'[sync]\ndata_dir = "{data.as_posix()}"\nfolder = "{folder.as_posix()}"\nfirst_period = "2018-01"\n'
        f'last_period = "2018-03"\nas_of = 2018-05-01\nmaster_lang = "en"\nworkers = {workers}\n',
        encoding="utf-8",
    )
    return config


def sync_into(
    plan: Plan,
    registry: InstitutionRegistry,
    folder: Path,
    data: Path,
    workers: int = 1,
    sources: list[Source] | None = None,
) -> RunSummary:
    """A run of the folder `folder` (or of `sources`) into the data folder `data`, in this process."""
    settings = SyncSettings(
        data_dir=data, folder=folder, first_period="2018-01", last_period="2018-03", workers=workers
    )
    ledger = Ledger.open(sqlite_url(data / "ledger.sqlite"))
    try:
        return run_sync(
            plan=plan,
            registry=registry,
            ledger=ledger,
            sources=[FolderSource(folder)] if sources is None else sources,
            settings=settings,
            calendar=CAL,
            as_of=dt.date(2018, 5, 1),
        )
    finally:
        ledger.close()


def plain_sync(plan: Plan, registry: InstitutionRegistry, reports: Path, data: Path, leave_out: str = "") -> None:
    """A run, in this process, of a copy of the folder `reports` without the file `leave_out` (its path in the folder),
    into `data`."""
    without = data.parent / f"{data.name}-reports"
    for path in reports.rglob("*.xlsx"):
        if path.relative_to(reports).as_posix() != leave_out:
            (without / path.relative_to(reports)).parent.mkdir(parents=True, exist_ok=True)
            (without / path.relative_to(reports)).write_bytes(path.read_bytes())
    sync_into(plan, registry, without, data)


def dies_on(crashing: str, work: Callable[[], object]) -> None:
    """`work` done in a forked process in which reading the file `crashing` aborts the process, as a native reader's
    crash would: the process must die of it."""

    def crashing_work() -> None:
        faulthandler.disable()  # pytest's would print the dying process's stack
        parse = parsing.parse_fetched

        def crashes(job: ParseJob, *args: Any) -> ParseOutcome:
            if job.name == crashing:
                os.abort()
            return parse(job, *args)

        parsing.parse_fetched = crashes  # type: ignore[assignment]
        work()

    process = multiprocessing.get_context("fork").Process(target=crashing_work)
    process.start()
    process.join(120)
    assert process.exitcode == -signal.SIGABRT


@pytest.mark.skipif(sys.platform == "win32", reason="the file aborts the process reading it")
def test_a_run_after_one_that_died_on_a_file_it_read_itself_records_it_as_crashed_and_goes_on(
    reports: Path, plan: Plan, registry: InstitutionRegistry, tmp_path: Path
) -> None:
    """A run of few files parses each in the sync process itself: one that kills its reader ends the run. Before, it
    ended every run after it too, the same way, until someone removed the file. Now the next run knows the file from
    the marker the dead run left, parses it in a process of its own, where it crashes again, records it as unreadable
    (file-crashed-reader), records the others as usual and says so; the run after that has nothing to say."""
    folder, data = tmp_path / "reports", tmp_path / "data"
    names = few_reports(reports, folder)
    crashing = names[2]
    config = sync_config(tmp_path, folder, data)

    died = apmon_sync_run(config, crashing)
    assert died.returncode == -signal.SIGABRT, died.stderr[-2000:]
    after = apmon_sync_run(config, crashing)  # the file still kills whatever reads it
    assert after.returncode == 0, after.stderr[-2000:]
    summary = json.loads(after.stdout)
    assert sorted(v["file"] for v in summary["versions"]) == sorted(names)
    [notice] = [line for line in summary["notices"] if crashing in line]
    source = f"folder:{folder.resolve()}"
    assert notice == text_of("sync.notice.crashed_again", "en", run=1, file=crashing, source=source)

    plain_sync(plan, registry, folder, tmp_path / "plain", leave_out=crashing)
    versions = recorded(data)
    valid, institution, period, _, issues, report_json = versions.pop(crashing)
    assert (valid, institution, period, report_json) == (False, None, None, None)
    assert [issue["code"] for issue in issues] == ["file-crashed-reader"]  # type: ignore[attr-defined]
    assert versions == recorded(tmp_path / "plain")

    again = apmon_sync_run(config, crashing)
    assert again.returncode == 0, again.stderr[-2000:]
    assert json.loads(again.stdout)["notices"] == []
    assert not (data / READING_MARKER).exists()


@pytest.mark.skipif(not hasattr(os, "fork"), reason="the run that dies is forked")
@pytest.mark.parametrize("since", ["unchanged", "changed", "removed"])
def test_the_file_a_run_died_on_is_read_alone_only_as_it_was_and_the_run_says_what_it_did(
    reports: Path,
    plan: Plan,
    registry: InstitutionRegistry,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    since: str,
) -> None:
    """The run after one that died on a file: the same content, which no longer crashes (the crash was the machine's:
    out of memory), is read in a process of its own and recorded as usual; content changed since is read here as any
    file; a file gone is not looked for. Each time one line says what was done."""
    folder, data = tmp_path / "reports", tmp_path / "data"
    crashing = few_reports(reports, folder)[1]
    dies_on(crashing, lambda: sync_into(plan, registry, folder, data))
    assert (data / READING_MARKER).exists()
    if since == "changed":
        (folder / crashing).write_bytes(b"this is not a zip")
    elif since == "removed":
        (folder / crashing).unlink()
    started = count_started(monkeypatch)
    summary = sync_into(plan, registry, folder, data)
    key = {"unchanged": "sync.notice.crashed_read", "changed": "sync.notice.crashed_changed"}.get(since)
    said = text_of(
        key or "sync.notice.crashed_gone", "sr-Latn", run=1, file=crashing, source=f"folder:{folder.resolve()}"
    )
    assert [line for line in summary.notices if crashing in line] == [said]
    assert started == ([("apmon-parse-alone", crashing)] if since == "unchanged" else [])
    assert not (data / READING_MARKER).exists()
    plain_sync(plan, registry, folder, tmp_path / "plain")
    assert recorded(data) == recorded(tmp_path / "plain")


@pytest.mark.skipif(not hasattr(os, "fork") or os.name == "nt", reason="the run that dies is forked; POSIX modes")
@pytest.mark.parametrize("left_by_an_earlier_apmon", [False, True])
def test_the_marker_naming_the_file_read_is_the_owners_alone(
    reports: Path, plan: Plan, registry: InstitutionRegistry, tmp_path: Path, left_by_an_earlier_apmon: bool
) -> None:
    """The marker names the file being read, and a file's name may be a person's: it was made with the umask's mode
    (0644 under the usual 022), readable by every account of the server, as was the lock file beside the ledger.
    Both are owner-only now, as the ledger is, and so is the marker a run that could not get to a file leaves; the
    two an earlier apmon left with 0644 are made so by the next run."""
    folder, data = tmp_path / "reports", tmp_path / "data"
    crashing = few_reports(reports, folder)[1]
    if left_by_an_earlier_apmon:
        data.mkdir()
        for name in (READING_MARKER, "ledger.sqlite.lock"):
            (data / name).write_bytes(b"")
            (data / name).chmod(0o644)
    before = os.umask(0o022)
    try:
        dies_on(crashing, lambda: sync_into(plan, registry, folder, data))
    finally:
        os.umask(before)
    modes = {name: oct((data / name).stat().st_mode & 0o777) for name in (READING_MARKER, "ledger.sqlite.lock")}
    assert modes == {READING_MARKER: "0o600", "ledger.sqlite.lock": "0o600"}
    assert crashing in (data / READING_MARKER).read_text(encoding="utf-8")


def versioned(todo: list[tuple[str, ParseJob]]) -> list[tuple[str, ParseJob]]:
    """The jobs as a run makes them: each names its file's version (its source, path and content's hash)."""
    return [
        (tag, replace(job, version=FileVersion("folder:test", tag, hashlib.sha256(job.raw).hexdigest())))
        for tag, job in todo
    ]


def dies_parsing_here(
    plan: Plan, registry: InstitutionRegistry, marker: Path, run: int, todo: list[tuple[str, ParseJob]], crashing: str
) -> None:
    """A run's parsing, in a forked process, with `marker`, of `todo` in the sync process alone: it dies on the file
    `crashing`."""

    def parse_here() -> None:
        with Parser(plan, registry, CAL, 1) as parser, parser.marking(marker, run):
            list(parser.map(todo, expected=len(todo)))

    dies_on(crashing, parse_here)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="the crash is set up in forked processes")
def test_a_file_a_run_died_on_goes_to_no_worker_and_not_to_the_sync_process_but_to_a_process_of_its_own(
    reports: Path, plan: Plan, registry: InstitutionRegistry, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Beside its workers the sync process parses files itself rather than wait: a run of many files may die there
    too. The next run parses that file in a process of its own, where it crashes again: no worker dies of it (which
    would stop the sync process from parsing beside them for the rest of the run), and the others come as usual."""
    todo = versioned(jobs(reports))
    crashing = todo[5][1]
    marker = tmp_path / READING_MARKER
    dies_parsing_here(plan, registry, marker, 1, todo, crashing.name)
    expected = [r for _, _, r in parse_all(plan, registry, todo, workers=1)]
    crash_in_workers_on(crashing.name, monkeypatch)
    started = count_started(monkeypatch)
    with Parser(plan, registry, CAL, 2) as parser, parser.marking(marker, 2) as reading:
        got = [r for _, r in parser.map(todo, expected=len(todo))]
        assert parser.pool is not None and not parser.pool.a_worker_died
    crashed = got.pop(5)
    assert isinstance(crashed, Validation) and [i.code for i in crashed.issues] == ["file-crashed-reader"]
    assert got == expected[:5] + expected[6:]
    assert started == [("apmon-parse", ""), ("apmon-parse-alone", crashing.name)]
    assert reading.left == [LeftFile(crashing.version, 1)] and reading.met == {crashing.version: CRASHED_AGAIN}
    assert not marker.exists()


@pytest.mark.skipif(not hasattr(os, "fork"), reason="the crash is set up in forked processes")
def test_the_files_of_two_runs_that_died_one_after_the_other_are_both_parsed_alone(
    reports: Path, plan: Plan, registry: InstitutionRegistry, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A run that finds a dead run's marker and dies too, on another file, before it met the first: its marker names
    both files, and the next run parses each in a process of its own."""
    todo = versioned(jobs(reports)[:8])
    first, second = todo[6][1], todo[2][1]
    marker = tmp_path / READING_MARKER
    dies_parsing_here(plan, registry, marker, 1, todo[6:], first.name)  # the second file not there yet
    dies_parsing_here(plan, registry, marker, 2, todo, second.name)
    expected = [r for _, _, r in parse_all(plan, registry, todo, workers=1)]
    started = count_started(monkeypatch)
    with Parser(plan, registry, CAL, 1) as parser, parser.marking(marker, 3) as reading:
        got = [r for _, r in parser.map(todo, expected=len(todo))]
    assert got == expected
    assert started == [("apmon-parse-alone", second.name), ("apmon-parse-alone", first.name)]
    assert reading.left == [LeftFile(first.version, 1), LeftFile(second.version, 2)]
    assert reading.met == {first.version: READ_ALONE, second.version: READ_ALONE}


def test_a_marker_of_a_run_that_holds_the_lock_is_not_read_by_another(
    reports: Path, plan: Plan, registry: InstitutionRegistry, tmp_path: Path
) -> None:
    """Only a run holding the ledger's lock keeps a marker, and a run reads one only once it holds the lock: the marker
    of a run still parsing is never taken for that of a run that died."""
    folder, data = tmp_path / "reports", tmp_path / "data"
    name = few_reports(reports, folder, count=1)[0]
    sync_into(plan, registry, folder, data)
    (folder / name).write_bytes(b"this is not a zip")  # a file changed since: the next run parses it
    ledger = Ledger.open(sqlite_url(data / "ledger.sqlite"))
    try:
        with ledger.lock(), Parser(plan, registry, CAL, 1) as parser, parser.marking(data / READING_MARKER, 9) as mark:
            mark.reading(FileVersion(f"folder:{folder.resolve()}", name, "a hash"))
            while_parsing = (data / READING_MARKER).read_bytes()
            with pytest.raises(LedgerBusy):
                sync_into(plan, registry, folder, data)
            assert (data / READING_MARKER).read_bytes() == while_parsing
            mark.done()
    finally:
        ledger.close()
    assert not (data / READING_MARKER).exists()
    summary = sync_into(plan, registry, folder, data)
    assert summary.notices == [] and [v.file for v in summary.versions] == [name]


@pytest.fixture
def no_more_processes(tmp_path: Path) -> Iterator[Callable[[], None]]:
    """A preexec_fn for subprocess: the process it runs may start no process or thread of its own (its forks fail
    with EAGAIN), as at the limit on processes: a user's (`ulimit -u`, systemd's LimitNPROC) or a service's (systemd's
    TasksMax, a cgroup's pids.max). The kernel spares root the first, so a root test uses the second: a cgroup of its
    own for the process, removed after."""
    if os.getuid() != 0:
        yield lambda: resource.setrlimit(resource.RLIMIT_NPROC, (0, 0))
        return
    group = next(
        (root / f"apmon-test-{tmp_path.name}" for root in PIDS_CGROUPS if os.access(root / "cgroup.procs", os.W_OK)),
        None,
    )
    if group is None:
        pytest.skip("run as root without a pids cgroup to limit the process in")
    group.mkdir()
    try:
        try:
            (group / "pids.max").write_text("1")
        except OSError:  # the pids controller is not enabled below this root
            pytest.skip("run as root where the pids controller cannot limit a cgroup")
        yield lambda: (group / "cgroup.procs").write_text(str(os.getpid()))
    finally:
        group.rmdir()  # empty: its one process has ended


PIDS_CGROUPS = [Path("/sys/fs/cgroup/pids"), Path("/sys/fs/cgroup")]  # cgroup v1's pids hierarchy, cgroup v2's root


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the limit on processes is set as Linux does")
def test_a_run_that_cannot_start_a_process_for_the_file_a_run_died_on_says_so(
    reports: Path,
    plan: Plan,
    registry: InstitutionRegistry,
    tmp_path: Path,
    no_more_processes: Callable[[], None],
) -> None:
    """The run after one that died on a file it read itself, at the limit on processes: it cannot start the file's
    own process, twice, so the file is recorded unread (file-crashed-reader, reader: not-started) and the others as
    usual. Before, the Coordinator was told that the file's process had ended too, as if the file had crashed it
    again."""
    folder, data = tmp_path / "reports", tmp_path / "data"
    names = few_reports(reports, folder)
    crashing = names[2]
    config = sync_config(tmp_path, folder, data)
    died = apmon_sync_run(config, crashing)
    assert died.returncode == -signal.SIGABRT, died.stderr[-2000:]

    args = [sys.executable, "-m", "apmon.cli.app", "sync", "run", "--config", str(config), "--json"]
    after = subprocess.run(
        args,
        cwd=Path(__file__).resolve().parent.parent,
        capture_output=True,
        text=True,
        timeout=180,
        preexec_fn=no_more_processes,
    )
    assert after.returncode == 0, after.stderr[-2000:]
    summary = json.loads(after.stdout)
    [notice] = [line for line in summary["notices"] if crashing in line]
    source = f"folder:{folder.resolve()}"
    assert notice == text_of("sync.notice.crashed_not_started", "en", run=1, file=crashing, source=source)
    versions = recorded(data)
    valid, institution, period, _, issues, report_json = versions.pop(crashing)
    assert (valid, institution, period, report_json) == (False, None, None, None)
    assert [(issue["code"], issue["params"]) for issue in issues] == [  # type: ignore[attr-defined]
        ("file-crashed-reader", {"name": crashing, "reader": "not-started"})
    ]
    plain_sync(plan, registry, folder, tmp_path / "plain", leave_out=crashing)
    assert versions == recorded(tmp_path / "plain")
    assert not (data / READING_MARKER).exists()


class ChangedAfterScan(FolderSource):
    """A folder in which the file `name` is saved again with the same content (`how`: "saved-again") or removed
    ("removed") after the run has listed it and before it reads it."""

    def __init__(self, folder: Path, name: str, how: str) -> None:
        super().__init__(folder)
        self.name, self.how = name, how

    def scan(self) -> list[Candidate]:
        found = super().scan()
        path = self.folder / self.name
        if self.how == "saved-again":
            modified = path.stat().st_mtime_ns + 10**9
            os.utime(path, ns=(modified, modified))
        else:
            path.unlink()
        return found


@pytest.mark.skipif(not hasattr(os, "fork"), reason="the run that dies is forked")
@pytest.mark.parametrize("how", ["saved-again", "removed"])
def test_the_file_a_run_died_on_that_changes_before_the_next_run_reads_it_stays_noted(
    reports: Path,
    plan: Plan,
    registry: InstitutionRegistry,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    how: str,
) -> None:
    """The run after one that died on a file, in which the file changes after the run lists it and before it reads it:
    no process of its own starts on it, and the run says that it could not read it (before: that it did not find it
    as it was, and the marker forgot it). The next run reads a file saved again with the same content in a process of
    its own; one removed is gone."""
    folder, data = tmp_path / "reports", tmp_path / "data"
    crashing = few_reports(reports, folder)[1]
    dies_on(crashing, lambda: sync_into(plan, registry, folder, data))
    source = f"folder:{folder.resolve()}"
    started = count_started(monkeypatch)
    summary = sync_into(plan, registry, folder, data, sources=[ChangedAfterScan(folder, crashing, how)])
    said = text_of("sync.notice.crashed_waiting", "sr-Latn", run=1, file=crashing, source=source)
    assert [line for line in summary.notices if crashing in line] == [said]
    assert started == []
    assert (data / READING_MARKER).exists()

    summary = sync_into(plan, registry, folder, data)
    key = "sync.notice.crashed_read" if how == "saved-again" else "sync.notice.crashed_gone"
    said = text_of(key, "sr-Latn", run=1, file=crashing, source=source)
    assert [line for line in summary.notices if crashing in line] == [said]
    assert started == ([("apmon-parse-alone", crashing)] if how == "saved-again" else [])
    assert not (data / READING_MARKER).exists()
    plain_sync(plan, registry, folder, tmp_path / "plain")
    assert recorded(data) == recorded(tmp_path / "plain")


@pytest.mark.skipif(not hasattr(os, "fork"), reason="the run that dies is forked")
@pytest.mark.parametrize("why", ["folder-unavailable", "not-configured"])
def test_the_file_a_run_died_on_stays_noted_until_a_run_reads_its_source(
    reports: Path,
    plan: Plan,
    registry: InstitutionRegistry,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    why: str,
) -> None:
    """Runs that do not read the source of the file a run died on (its folder is unavailable, a share that is down;
    or the source is no longer in the configuration) keep the file in the marker: the first says so, the others say
    nothing more. The run that reads the source again parses the file in a process of its own. Before, the first run
    forgot the file, and the run that read the source again parsed it in the sync process, which could die of it
    once more."""
    folder, data = tmp_path / "reports", tmp_path / "data"
    crashing = few_reports(reports, folder)[1]
    dies_on(crashing, lambda: sync_into(plan, registry, folder, data))
    source = f"folder:{folder.resolve()}"
    other = tmp_path / "other"
    other.mkdir()
    away = tmp_path / "away"
    if why == "folder-unavailable":
        folder.rename(away)
        sources: list[Source] = [FolderSource(folder)]
    else:
        sources = [FolderSource(other)]

    first = sync_into(plan, registry, folder, data, sources=sources)
    said = text_of("sync.notice.crashed_waiting", "sr-Latn", run=1, file=crashing, source=source)
    assert [line for line in first.notices if crashing in line] == [said]
    second = sync_into(plan, registry, folder, data, sources=sources)
    assert [line for line in second.notices if crashing in line] == []
    assert (data / READING_MARKER).exists()

    if why == "folder-unavailable":
        away.rename(folder)
    started = count_started(monkeypatch)
    back = sync_into(plan, registry, folder, data)
    said = text_of("sync.notice.crashed_read", "sr-Latn", run=1, file=crashing, source=source)
    assert [line for line in back.notices if crashing in line] == [said]
    assert started == [("apmon-parse-alone", crashing)]
    assert not (data / READING_MARKER).exists()
    plain_sync(plan, registry, folder, tmp_path / "plain")
    assert recorded(data) == recorded(tmp_path / "plain")


def test_workers_read_a_report_whose_styles_differ_by_a_byte_from_the_one_read_before_it_as_it_is(
    reports: Path, plan: Plan, registry: InstitutionRegistry
) -> None:
    """Each process keeps the styles it read in a run (read_xlsx): every report beside a copy of it whose styles say
    0.00% for the template's input cells (two bytes changed, the same length), parsed in turn by workers and by the
    sync process, each judged by its own styles, as when it is parsed alone: the copies' amounts shown as
    percentages (number-shown-otherwise), the reports' not."""
    todo = []
    for tag, job in jobs(reports)[: 2 * MIN_FILES_FOR_WORKERS]:
        todo.append((tag, job))
        with zipfile.ZipFile(io.BytesIO(job.raw)) as book:
            parts = {info.filename: book.read(info) for info in book.infolist()}
        if b'numFmtId="49"' not in parts.get("xl/styles.xml", b""):
            continue  # not a workbook
        parts["xl/styles.xml"] = parts["xl/styles.xml"].replace(b'numFmtId="49"', b'numFmtId="10"')
        crafted = io.BytesIO()
        with zipfile.ZipFile(crafted, "w", zipfile.ZIP_DEFLATED) as out:
            for name, content in parts.items():
                out.writestr(name, content)
        todo.append((f"{tag} (crafted)", ParseJob(name=f"crafted_{job.name}", raw=crafted.getvalue())))
    crafted_tags = {tag for tag, _ in todo if tag.endswith("(crafted)")}
    assert len(crafted_tags) >= MIN_FILES_FOR_WORKERS
    there = parse_all(plan, registry, todo, workers=2)
    assert {started for started, _, _ in there} == {True}
    alone = []
    for tag, job in todo:  # each parsed by itself, nothing kept from the one before
        forget_what_was_read()
        alone += parse_all(plan, registry, [(tag, job)], workers=1)
    assert [(tag, result) for _, tag, result in there] == [(tag, result) for _, tag, result in alone]
    shown = {
        tag
        for _, tag, result in there
        if isinstance(result, ParsedReport) and any(i.code == "number-shown-otherwise" for i in result.issues)
    }
    assert shown and shown <= crafted_tags  # the copies with an amount, each at its own
