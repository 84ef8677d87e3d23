"""Benchmark: `apmon sync run` from cold on report files with their times, and on the same files with every time set
to now (a reports folder copied without its file times, as `cp -r` leaves it: each report years late).

CPU of the command (user+sys of the child process, not wall clock: the machine may be busy), the folders (and,
with --before, the two apmons) taking turns round by round; medians and ratios. Target: copied / timely about 1.

    .venv/bin/python bench/copied_times.py [--files 200] [--rounds 7] [--before ../before/.venv/bin/apmon]
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from apmon.templates.plan_file import load_plan, load_registry  # noqa: E402
from bench.consolidate_month import write_reports  # noqa: E402
from bench.whole_commands import APMON, ENV, write_config  # noqa: E402

FOLDERS = ("timely", "copied")


def cpu_of(args: list[str]) -> float:
    """CPU seconds (user+sys) the command took; it must succeed."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run(args, cwd=ROOT, env=ENV, capture_output=True, text=True, timeout=600)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(args[:4])} ... failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
    return after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--before", help="Another apmon to time in the same rounds (an earlier version's).")
    args = parser.parse_args()
    sides = {"this": APMON, **({"before": args.before} if args.before else {})}
    registry = load_registry()
    plan = load_plan(None, registry)
    cpu: dict[tuple[str, str], list[float]] = {(side, folder): [] for side in sides for folder in FOLDERS}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        _, last = write_reports(plan, registry, work / "timely", args.files)
        shutil.copytree(work / "timely", work / "copied")  # copytree keeps the times: set them as cp -r leaves them
        now = time.time()
        for file in (work / "copied").rglob("*.xlsx"):
            os.utime(file, (now, now))
        for n in range(args.rounds):
            order = list(cpu)
            for side, folder in order if n % 2 == 0 else order[::-1]:
                data = work / f"{side}-{folder}-{n}"  # a fresh data folder: from cold
                config = write_config(work / f"{side}-{folder}-{n}.toml", work / folder, data, last, 0, "en")
                cpu[side, folder].append(cpu_of([sides[side], "sync", "run", "--config", str(config)]))
    median = {key: statistics.median(values) for key, values in cpu.items()}
    print(f"{args.files} report files, apmon sync run from cold, CPU medians of {args.rounds} rounds (min-max)")
    for (side, folder), values in cpu.items():
        print(f"  {side:6} {folder:6} {median[side, folder]:6.2f} s ({min(values):.2f}-{max(values):.2f})")
    for side in sides:
        print(f"{side}: copied / timely {median[side, 'copied'] / median[side, 'timely']:.2f} (target about 1)")
    if args.before:
        for folder in FOLDERS:
            print(f"{folder}: this / before {median['this', folder] / median['before', folder]:.2f}")


if __name__ == "__main__":
    main()
