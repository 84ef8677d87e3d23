"""Benchmark: what one report costs to read and parse as the sync does (`read_report_bytes`, then `parse_grid`),
per file, over ~200 demo reports held in memory: the figure that searching more of a workbook for personal data
(defined names, headers and footers, data validations, hyperlinks; tables, drawings, charts, PivotTables' caches,
links to other workbooks) must keep small.

Side by side in one run: this checkout and another one (`--other`, e.g. a worktree of main), each in a process of
its own, importing apmon from its own tree; rounds alternate the order of the sides; medians are compared. The
same report files are read by both. `--without-places`: the reports with those places taken out of their XML (no
defined names, headers and footers or data validations), to see what a file without them pays.

    .venv/bin/python bench/workbook_texts.py --other ../main [--files 200] [--rounds 10] [--without-places] [--cpu]

`--cpu`: the process's processor time instead of the wall clock, which a machine shared with other work disturbs less.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ROOMS = ("schemas", "templates", "sync", "addin", "cli")
PLACES = re.compile(rb"<(definedNames|headerFooter|dataValidations)[\s>].*?</\1>", re.S)


def without_places(path: Path) -> None:
    """The report at `path` written again without its defined names, headers and footers and data validations."""
    with zipfile.ZipFile(path) as book:
        parts = [(info.filename, PLACES.sub(b"", book.read(info))) for info in book.infolist()]
    assert not any(PLACES.search(content) for _, content in parts)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for name, content in parts:
            out.writestr(name, content)


def measure(reports: Path, repeat: int, clock: Callable[[], float] = time.perf_counter) -> list[float]:
    """Seconds per report of `repeat` passes over every report in `reports`, read and parsed by the apmon imported."""
    from apmon.schemas.grid import Grid
    from apmon.templates.parse import parse_grid
    from apmon.templates.plan_file import load_plan, load_registry
    from apmon.templates.validation import read_report_bytes

    registry = load_registry()
    plan = load_plan(None, registry)
    files = [(path.read_bytes(), path.name) for path in sorted(reports.rglob("*.xlsx"))]

    def once() -> None:
        for data, name in files:
            grid = read_report_bytes(data, name)
            assert isinstance(grid, Grid)
            parse_grid(grid, plan, registry)

    once()  # warm-up
    times = []
    for _ in range(repeat):
        gc.collect()
        start = clock()
        once()
        times.append((clock() - start) / len(files))
    return times


def apmon_of(tree: Path, into: Path) -> Path:
    """A folder that, first on the path, makes `import apmon` import the rooms of `tree`."""
    package = into / "apmon"
    package.mkdir(parents=True)
    (package / "__init__.py").touch()
    for room in ROOMS:
        (package / room).symlink_to(tree.resolve() / room, target_is_directory=True)
    return into


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--other", type=Path, help="another checkout of apmon to compare with")
    parser.add_argument("--files", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--without-places", action="store_true", help="the reports without those places")
    parser.add_argument("--cpu", action="store_true", help="processor time instead of the wall clock")
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)  # a side's process: the reports' folder
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.measure, 3, time.process_time if args.cpu else time.perf_counter)))
        return
    sys.path.insert(0, str(ROOT))
    from apmon.templates.plan_file import load_plan, load_registry
    from bench.consolidate_month import write_reports

    with tempfile.TemporaryDirectory() as tmp:
        registry = load_registry()
        files, _ = write_reports(load_plan(None, registry), registry, Path(tmp) / "reports", args.files)
        for path in files if args.without_places else ():
            without_places(path)
        sides = {"this checkout": ROOT}
        if args.other:
            sides[f"{args.other}"] = args.other
        paths = {name: str(apmon_of(tree, Path(tmp) / f"side{n}")) for n, (name, tree) in enumerate(sides.items())}
        times: dict[str, list[float]] = {name: [] for name in sides}
        for n in range(args.rounds):
            for name in sides if n % 2 == 0 else reversed(list(sides)):
                env = {**os.environ, "PYTHONPATH": paths[name]}
                command = [sys.executable, __file__, "--measure", str(Path(tmp) / "reports"), *(["--cpu"] * args.cpu)]
                out = subprocess.run(command, env=env, check=True, capture_output=True, text=True).stdout
                times[name] += json.loads(out)
    shown = " without defined names, headers, footers and data validations" if args.without_places else ""
    clock = "processor time" if args.cpu else "wall clock"
    print(f"{len(files)} demo reports{shown}, each read and parsed; {args.rounds} rounds, per report, {clock}")
    for label, pick in (("median", statistics.median), ("fastest", min)):
        per = {name: pick(ts) for name, ts in times.items()}
        shown = ", ".join(f"{name} {seconds * 1000:.3f} ms" for name, seconds in per.items())
        if args.other:
            mine, other = per["this checkout"], per[f"{args.other}"]
            shown += f": {(mine - other) * 1e6:+.0f} µs a report, ratio {mine / other:.3f}"
        print(f"{label:8} {shown}")


if __name__ == "__main__":
    main()
