"""Benchmark: consolidating ~200 institution reports from cold, and a second run with nothing changed.

Side by side in one run:
- apmon: `run_sync` on a fresh SQLite ledger (read, validate, store every version, consolidate, write the
  master with charts), then again with nothing changed (must parse no file);
- baseline: a pandas script doing the same reads and writes: `read_excel(sheet_name=None)` on every file,
  then `to_excel` of the consolidated sheets into a master workbook.

Targets: apmon cold >= 8x faster than the baseline (public library APIs only); the second run < 5% of the first.

    .venv/bin/pip install -e '.[bench]' && .venv/bin/python bench/consolidate_month.py [--files 200] [--repeat 3]
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TypeVar

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from apmon.schemas.calendar import WorkingCalendar  # noqa: E402
from apmon.schemas.institutions import InstitutionRegistry  # noqa: E402
from apmon.schemas.plan import Plan  # noqa: E402
from apmon.schemas.text import Lang  # noqa: E402
from apmon.sync.config import SyncSettings  # noqa: E402
from apmon.sync.demo_data import write_demo_reports  # noqa: E402
from apmon.sync.ledger import Ledger, sqlite_url  # noqa: E402
from apmon.sync.run import RunSummary, run_sync  # noqa: E402
from apmon.sync.sources import FolderSource  # noqa: E402
from apmon.templates.plan_file import load_plan, load_registry  # noqa: E402
from bench.pandas_baseline import baseline  # noqa: E402

T = TypeVar("T")


FIRST = "2017-09"
AS_OF = dt.date(2019, 1, 31)


def write_reports(plan: Plan, registry: InstitutionRegistry, reports: Path, count: int) -> tuple[list[Path], str]:
    """`count` demo report files in `reports`, and the last month they cover."""
    # 17 institutions a month: enough months for the requested number of report files.
    months = -(-count // 16)
    last = f"{dt.date(2017, 9, 1) + dt.timedelta(days=31 * (months - 1)):%Y-%m}"
    write_demo_reports(plan, registry, reports, first=FIRST, last=last, calendar=WorkingCalendar())
    files = sorted(reports.rglob("*.xlsx"))[:count]
    for extra in sorted(reports.rglob("*.xlsx"))[count:]:
        extra.unlink()
    return files, last


def apmon_sync(
    plan: Plan,
    registry: InstitutionRegistry,
    reports: Path,
    data: Path,
    last: str,
    workers: int = 0,
    master_lang: Lang = "en",
) -> RunSummary:
    """One `run_sync` of the folder `reports` into the ledger and master in `data`, in this process."""
    settings = SyncSettings(
        data_dir=data, folder=reports, first_period=FIRST, last_period=last, workers=workers, master_lang=master_lang
    )
    ledger = Ledger.open(sqlite_url(data / "ledger.sqlite"))
    try:
        return run_sync(
            plan=plan,
            registry=registry,
            ledger=ledger,
            sources=[FolderSource(reports)],
            settings=settings,
            calendar=WorkingCalendar(),
            as_of=AS_OF,
        )
    finally:
        ledger.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=3, help="Runs of each side; medians are compared.")
    parser.add_argument("--workers", type=int, default=0, help="apmon's parsing processes (0: one per core).")
    args = parser.parse_args()
    registry = load_registry()
    plan = load_plan(None, registry)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        reports = work / "reports"
        files, last = write_reports(plan, registry, reports, args.files)

        def ours(data: Path) -> RunSummary:
            return apmon_sync(plan, registry, reports, data, last, args.workers)

        cold: list[tuple[float, RunSummary]] = []
        warm: list[tuple[float, RunSummary]] = []
        pandas_times: list[float] = []
        # The sides take turns, so a machine that slows down or speeds up meanwhile affects both alike.
        for n in range(args.repeat):
            data = work / f"run-{n}"  # a fresh ledger and no master: from cold
            cold.append(_timed(partial(ours, data)))
            warm.append(_timed(partial(ours, data)))
            pandas_times.append(_timed(lambda: baseline(files, work / "pandas-master.xlsx"))[0])

    cold_median = statistics.median(t for t, _ in cold)
    warm_median = statistics.median(t for t, _ in warm)
    pandas_median = statistics.median(pandas_times)
    typical = min(cold, key=lambda run: abs(run[0] - cold_median))[1]
    print(f"{len(files)} report files, {os.cpu_count()} CPU cores, medians of {args.repeat} runs (min-max)")
    print(f"apmon sync, cold (read, validate, ledger, consolidate, master): {_spread([t for t, _ in cold])}")
    for _, run in cold:
        print("  " + ", ".join(f"{what} {seconds:.2f} s" for what, seconds in run.seconds.items()))
    print(f"apmon sync, second run, nothing changed:                        {_spread([t for t, _ in warm])}")
    print(f"baseline pandas read_excel + to_excel:                          {_spread(pandas_times)}")
    print(f"files parsed: cold {typical.files_changed}, second run {max(s.files_changed for _, s in warm)}")
    print(f"ratio baseline / apmon cold: {pandas_median / cold_median:.1f}x (target >= 8x)")
    print(f"second run / first run: {100 * warm_median / cold_median:.1f}% (target < 5%)")


def _timed(work: Callable[[], T]) -> tuple[float, T]:
    gc.collect()  # each run starts as in a fresh process, without the garbage of the one before
    start = time.perf_counter()
    result = work()
    return time.perf_counter() - start, result


def _spread(times: list[float]) -> str:
    return f"{statistics.median(times):7.2f} s ({min(times):.2f}-{max(times):.2f})"


if __name__ == "__main__":
    main()
