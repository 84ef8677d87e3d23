"""Benchmark: what reading and searching a report's document properties for personal data adds to reading it.

Side by side in one run, over ~200 demo reports held in memory: each report read and parsed as the sync does
(`read_report_bytes`, then `parse_grid`), as it is (its docProps/core.xml and app.xml as openpyxl saves them: title,
author, tags, dates, application) and with those parts holding no property (their root element alone, so that the
same parts are still inflated and passed on). Both sides are packed again the same way. Rounds alternate the order
of the sides; medians are compared.

    .venv/bin/python bench/document_properties.py [--files 200] [--rounds 25]
"""

from __future__ import annotations

import argparse
import gc
import io
import statistics
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from apmon.schemas.grid import Grid  # noqa: E402
from apmon.templates.parse import parse_grid  # noqa: E402
from apmon.templates.plan_file import load_plan, load_registry  # noqa: E402
from apmon.templates.validation import read_report_bytes  # noqa: E402
from bench.consolidate_month import write_reports  # noqa: E402

EMPTY = {
    "docProps/core.xml": b'<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/'
    b'core-properties"/>',
    "docProps/app.xml": b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
    b'extended-properties"/>',
}


def packed(data: bytes, keep_properties: bool) -> bytes:
    """The workbook's parts packed again (deflated), its document properties kept or emptied."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as archive, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as repacked:
        for info in archive.infolist():
            content = archive.read(info)
            repacked.writestr(info.filename, content if keep_properties else EMPTY.get(info.filename, content))
    return out.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=25)
    args = parser.parse_args()
    registry = load_registry()
    plan = load_plan(None, registry)
    with tempfile.TemporaryDirectory() as tmp:
        files, _ = write_reports(plan, registry, Path(tmp), args.files)
        raw = [(path.read_bytes(), path.name) for path in files]
    sides = {"with properties": True, "without properties": False}
    reports = {side: [(packed(data, keep), name) for data, name in raw] for side, keep in sides.items()}

    def read_and_parse(side: str) -> Callable[[], None]:
        def work() -> None:
            for data, name in reports[side]:
                grid = read_report_bytes(data, name)
                assert isinstance(grid, Grid) and bool(grid.properties) == sides[side]
                parse_grid(grid, plan, registry)

        return work

    times: dict[str, list[float]] = {side: [] for side in sides}
    for side in sides:
        read_and_parse(side)()  # warm-up, and every report checked to be read as the side says
    for n in range(args.rounds):
        for side in sides if n % 2 == 0 else reversed(sides):
            gc.collect()
            start = time.perf_counter()
            read_and_parse(side)()
            times[side].append(time.perf_counter() - start)
    count = len(raw)
    print(f"{count} demo reports, read and parsed; {args.rounds} rounds, per report")
    for name, pick in (("median", statistics.median), ("fastest", min)):
        per = {side: pick(ts) / count for side, ts in times.items()}
        added = per["with properties"] - per["without properties"]
        ratio = per["with properties"] / per["without properties"]
        shown = ", ".join(f"{side} {per[side] * 1000:.3f} ms" for side in sides)
        print(f"{name:8} {shown}: the properties add {added * 1e6:+.0f} µs, ratio {ratio:.3f}")


if __name__ == "__main__":
    main()
