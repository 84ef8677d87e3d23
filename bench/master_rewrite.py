"""Benchmark: rewriting an existing master that holds a sheet of the Coordinator's own.

A master with only apmon's sheets is written anew without being read; one with an own sheet must be read, so
the own sheet is kept, and the managed sheets about to be replaced are then read as empty sheets (issue 19 point 3).
On ~200 demo reports (--files), after a first sync and a note sheet added by hand, side by side round by round:
- apmon: a sync in this process with nothing new to parse and the master's language switched, so every managed
  sheet is written again into the master with its own sheet;
- baseline: the same master read whole by openpyxl and saved (what a rewrite that parses every sheet pays at least).
Prints min, median and max of each and the ratio of the medians.

    .venv/bin/pip install -e '.[bench]' && .venv/bin/python bench/master_rewrite.py [--files 200] [--rounds 5]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from functools import partial
from pathlib import Path

import openpyxl

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from apmon.schemas.text import Lang  # noqa: E402
from apmon.templates.plan_file import load_plan, load_registry  # noqa: E402
from bench.consolidate_month import _timed, apmon_sync, write_reports  # noqa: E402


def read_whole_and_save(master: Path, target: Path) -> None:
    openpyxl.load_workbook(master, rich_text=True).save(target)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--workers", type=int, default=0, help="apmon's parsing processes (0: one per core).")
    args = parser.parse_args()
    registry = load_registry()
    plan = load_plan(None, registry)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        files, last = write_reports(plan, registry, work / "reports", args.files)
        data = work / "data"
        apmon_sync(plan, registry, work / "reports", data, last, args.workers, "en")
        master = data / "master.xlsx"
        wb = openpyxl.load_workbook(master)
        notes = wb.create_sheet("Beleške")
        notes["A1"] = "Beleške koordinatora"
        notes["B2"] = "=SUM(1,2)"
        wb.save(master)
        size = master.stat().st_size
        apmon: list[float] = []
        whole: list[float] = []
        for n in range(args.rounds):
            lang: Lang = "sr-Latn" if n % 2 == 0 else "en"
            rewrite = partial(apmon_sync, plan, registry, work / "reports", data, last, args.workers, lang)
            seconds, summary = _timed(rewrite)
            assert "Beleške" in openpyxl.load_workbook(master, read_only=True).sheetnames, summary
            apmon.append(seconds)
            whole.append(_timed(lambda: read_whole_and_save(master, work / "copy.xlsx"))[0])
    print(f"{len(files)} report files; master {size / 1e6:.1f} MB with one own sheet; {args.rounds} rounds, seconds")
    for name, times in (("apmon sync, master rewritten", apmon), ("openpyxl: read whole + save", whole)):
        print(f"{name:32} median {statistics.median(times):.3f} (min {min(times):.3f}, max {max(times):.3f})")
    print(f"ratio (read whole + save / apmon): {statistics.median(whole) / statistics.median(apmon):.1f}x")


if __name__ == "__main__":
    main()
