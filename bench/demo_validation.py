"""Benchmark: the processor time of validating the demo's reports, and of the personal-data detector alone on every
text they hold.

The detector runs on every text cell of every report; this measures what it costs there. Build the demo once
(`apmon demo --dir DIR`), then run this with the interpreter of each checkout to compare, in turns:

    .venv/bin/python bench/demo_validation.py DIR [--rounds N] [--against OTHER/schemas/personal_data.py]

It prints one JSON line: how many reports are valid and not (the demo's 424: 410 and 14), the median and least
processor seconds of validating them all (read, parse, every rule), and of the detector alone on their texts. With
--against, the detector of another checkout is loaded beside this one and the two are timed in turns on the same
texts in the same process (the machine's drift falls on both), with the ratio of their medians.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from apmon.schemas.grid import Grid
from apmon.schemas.personal_data import find_personal_data
from apmon.templates.plan_file import load_plan, load_registry
from apmon.templates.validation import read_report_file, validate_file


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("demo", type=Path, help="a folder `apmon demo --dir` built")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--against", type=Path, help="another checkout's schemas/personal_data.py")
    args = parser.parse_args()
    registry = load_registry()
    plan = load_plan(None, registry)
    files = sorted((args.demo / "reports").rglob("*.xlsx"))
    texts = []
    for path in files:
        grid = read_report_file(path)
        for rows in grid.sheets.values() if isinstance(grid, Grid) else ():
            texts += [value for row in rows for value in row if isinstance(value, str)]
    valid = sum(validate_file(path, plan, registry).valid for path in files)  # also the warm-up
    whole, detector = [], []
    for _ in range(args.rounds):
        start = time.process_time()
        for path in files:
            validate_file(path, plan, registry)
        whole.append(time.process_time() - start)
        start = time.process_time()
        for text in texts:
            find_personal_data(text)
        detector.append(time.process_time() - start)
    other: dict[str, float] = {}
    if args.against:
        other = _detector_against(args.against, texts, args.rounds)
    print(
        json.dumps(
            other
            | {
                "reports": len(files),
                "valid": valid,
                "not_valid": len(files) - valid,
                "texts": len(texts),
                "validate_median_s": round(statistics.median(whole), 4),
                "validate_least_s": round(min(whole), 4),
                "detector_median_s": round(statistics.median(detector), 4),
                "detector_least_s": round(min(detector), 4),
            }
        )
    )


def _detector_against(path: Path, texts: list[str], rounds: int) -> dict[str, float]:
    spec = importlib.util.spec_from_file_location("other_personal_data", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # pydantic resolves the module's annotations through it
    spec.loader.exec_module(module)
    ours: list[float] = []
    theirs: list[float] = []
    for _ in range(rounds):
        for find, times in ((find_personal_data, ours), (module.find_personal_data, theirs)):
            times.append(_cpu(find, texts))
    mine, other = statistics.median(ours), statistics.median(theirs)
    return {
        "detector_in_turns_this_s": round(mine, 4),
        "detector_in_turns_other_s": round(other, 4),
        "detector_this_over_other": round(mine / other, 3),
    }


def _cpu(find: Callable[[str], object], texts: list[str]) -> float:
    start = time.process_time()
    for text in texts:
        find(text)
    return time.process_time() - start


if __name__ == "__main__":
    main()
