"""Benchmark: where a cold `apmon sync run` spends its time as a command, phase by phase, and the bound two cores
put on it.

Runs the real command in a fresh process (the CLI's own entry point) on ~200 demo report files, with a finder that
marks, as each of apmon's modules named below is loaded, the wall clock and this process's CPU at the start and end
of a few of its functions. From the marks of each run:
- before the parse worker starts: one core busy (the interpreter, the CLI, the configuration, the plan);
- from then to the last report parsed: both cores busy (this process loads the rest, then parses beside the worker);
- after it: one core busy again (consolidation, the ledger's records, the master).
The whole command's wall and CPU time (its children included) come from outside. The bound: the two serial parts
plus half of the rest of the CPU time, what two cores could do at best with today's work. Medians of the rounds.

    .venv/bin/pip install -e '.[bench]' && .venv/bin/python bench/command_phases.py [--files 200] [--rounds 5]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.whole_commands import ENV  # noqa: E402

# The marks a run makes: (module, function) whose start and end are marked
MARKED = {
    "apmon.sync.head_start": ("load_holidays",),  # the last step before the parse worker starts
    "apmon.sync.run": ("_sync_source", "run_sync"),  # the reports read; the whole run
}

# The program the timed process runs: it installs the finder, then apmon's CLI as `apmon` would. It writes its marks
# as JSON to the file named by its first argument.
CHILD = r"""
import functools, importlib.abc, importlib.machinery, json, sys, time
out, wanted = sys.argv[1], json.loads(sys.argv[2])
start, marks = time.perf_counter(), []
def mark(what):
    marks.append((what, time.perf_counter() - start, time.process_time()))
def marked(function, name):
    @functools.wraps(function)
    def run(*args, **kwargs):
        mark("> " + name)
        try:
            return function(*args, **kwargs)
        finally:
            mark("< " + name)
    return run
class Finder(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        if name not in wanted:
            return None
        spec = importlib.machinery.PathFinder.find_spec(name, path)
        load = spec.loader.exec_module
        def exec_module(module):
            load(module)
            for function in wanted[name]:
                setattr(module, function, marked(getattr(module, function), function))
        spec.loader.exec_module = exec_module
        return spec
sys.meta_path.insert(0, Finder())
sys.argv = ["apmon", *sys.argv[3:]]
from apmon.cli.app import run
try:
    run()
except SystemExit:
    pass
mark("end")
with open(out, "w") as f:
    json.dump(marks, f)
"""


def one_run(config: Path, data: Path) -> dict[str, float]:
    """The phases of one cold run (a fresh data folder), in seconds."""
    marks_file = data.with_suffix(".json")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-c", CHILD, str(marks_file), json.dumps(MARKED), "sync", "run", "--config", str(config)],
        cwd=ROOT,
        env=ENV,
        check=True,
        capture_output=True,
    )
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    at = {what: seconds for what, seconds, _ in json.loads(marks_file.read_text())}
    # The interpreter's start, before the first mark, and its exit after the last belong to the serial parts: split
    # evenly between them, as only their sum counts in the bound
    outside = wall - at["end"]
    before_worker = at["< load_holidays"] + outside / 2
    after_reports = at["end"] - at["< _sync_source"] + outside / 2
    serial = before_worker + after_reports
    return {
        "before the worker (1 core)": before_worker,
        "reports parsed (2 cores)": at["< _sync_source"] - at["< load_holidays"],
        "after the reports (1 core)": after_reports,
        "whole command, wall": wall,
        "whole command, CPU": cpu,
        "bound on 2 cores": serial + (cpu - serial) / 2,
    }


def main() -> None:
    from apmon.templates.plan_file import load_plan, load_registry
    from bench.consolidate_month import write_reports
    from bench.whole_commands import write_config

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    plan, registry = load_plan(), load_registry()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        reports = work / "reports"
        reports.mkdir()
        _, last = write_reports(plan, registry, reports, args.files)
        runs = []
        for n in range(args.rounds):
            config = write_config(work / f"apmon-{n}.toml", reports, work / f"data-{n}", last, 0, "en")
            runs.append(one_run(config, work / f"data-{n}"))
            print(f"round {n + 1} of {args.rounds} done", file=sys.stderr)
    print(f"{args.files} report files, {len(os.sched_getaffinity(0))} CPU cores, {args.rounds} rounds; seconds, median")
    for phase in runs[0]:
        print(f"  {phase:30} {statistics.median(run[phase] for run in runs):6.3f}")


if __name__ == "__main__":
    main()
