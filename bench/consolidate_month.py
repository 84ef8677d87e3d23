"""Benchmark: consolidating ~200 institution reports from cold, and a second run with nothing changed.

Side by side in one run:
- apmon: `run_sync` on a fresh SQLite ledger (read, validate, store every version, consolidate, write the
  master with charts), then again with nothing changed (must parse no file);
- baseline: a pandas script doing the same reads and writes: `read_excel(sheet_name=None)` on every file,
  then `to_excel` of the consolidated sheets into a master workbook.

Targets: apmon cold >= 10x faster than the baseline; the second run < 5% of the first.

    .venv/bin/pip install -e '.[bench]' && .venv/bin/python bench/consolidate_month.py [--files 200]
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import pandas as pd  # noqa: E402

from schemas.calendar import WorkingCalendar  # noqa: E402
from sync.config import SyncSettings  # noqa: E402
from sync.demo_data import write_demo_reports  # noqa: E402
from sync.ledger import Ledger, sqlite_url  # noqa: E402
from sync.run import run_sync  # noqa: E402
from sync.sources import FolderSource  # noqa: E402
from templates.plan_file import load_plan, load_registry  # noqa: E402


def baseline(files: list[Path], master: Path) -> None:
    frames: dict[str, list[pd.DataFrame]] = {}
    for path in files:
        for sheet, frame in pd.read_excel(path, sheet_name=None, header=2, engine="openpyxl").items():
            frame.insert(0, "file", path.name)
            frames.setdefault(sheet, []).append(frame)
    with pd.ExcelWriter(master, engine="openpyxl") as writer:
        for sheet, parts in frames.items():
            pd.concat(parts, ignore_index=True).to_excel(writer, sheet_name=sheet[:31], index=False)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=200)
    args = parser.parse_args()
    registry = load_registry()
    plan = load_plan(None, registry)
    calendar = WorkingCalendar()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        reports = work / "reports"
        # 17 institutions a month: enough months for the requested number of report files.
        months = -(-args.files // 16)
        last = dt.date(2017, 9, 1) + dt.timedelta(days=31 * (months - 1))
        write_demo_reports(plan, registry, reports, first="2017-09", last=f"{last:%Y-%m}", calendar=calendar)
        files = sorted(reports.rglob("*.xlsx"))[: args.files]
        for extra in sorted(reports.rglob("*.xlsx"))[args.files :]:
            extra.unlink()
        settings = SyncSettings(data_dir=work, folder=reports, first_period="2017-09", last_period=f"{last:%Y-%m}")

        def ours() -> tuple[float, int]:
            ledger = Ledger.open(sqlite_url(work / "ledger.sqlite"))
            start = time.perf_counter()
            summary = run_sync(
                plan=plan,
                registry=registry,
                ledger=ledger,
                sources=[FolderSource(reports)],
                settings=settings,
                calendar=calendar,
                as_of=dt.date(2019, 1, 31),
            )
            took = time.perf_counter() - start
            ledger.close()
            return took, summary.files_changed

        cold, parsed_cold = ours()
        warm, parsed_warm = ours()
        start = time.perf_counter()
        baseline(files, work / "pandas-master.xlsx")
        pandas_time = time.perf_counter() - start

    print(f"{len(files)} report files")
    print(f"apmon sync, cold (read, validate, ledger, consolidate, master): {cold:7.2f} s ({parsed_cold} files parsed)")
    print(f"apmon sync, second run, nothing changed:                        {warm:7.2f} s ({parsed_warm} files parsed)")
    print(f"baseline pandas read_excel + to_excel:                          {pandas_time:7.2f} s")
    print(f"ratio baseline / apmon cold: {pandas_time / cold:.1f}x (target >= 10x)")
    print(f"second run / first run: {100 * warm / cold:.1f}% (target < 5%)")


if __name__ == "__main__":
    main()
