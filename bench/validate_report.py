"""Benchmark: validating one filled monthly report from its file.

Target: well under 50 ms per report. Runs side by side with a baseline that
only loads the same file with openpyxl (what a plain openpyxl validator would
pay before checking anything) and prints the ratio.

    .venv/bin/python bench/validate_report.py [--repeat N]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

import openpyxl

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from apmon.templates.plan_file import load_plan, load_registry  # noqa: E402
from apmon.templates.validation import validate_file  # noqa: E402
from bench.timing import timed  # noqa: E402
from tests.reports import complete_monthly, filled_report  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    registry = load_registry()
    plan = load_plan(None, registry)
    with tempfile.TemporaryDirectory() as tmp:
        # MRZBSP has the largest report: 27 tasks, 10 budget lines, 70 indicators.
        _, layout = filled_report(plan, registry, Path(tmp), "MRZBSP", "2018-03", {})
        path, _ = filled_report(plan, registry, Path(tmp), "MRZBSP", "2018-03", complete_monthly(layout))
        result = validate_file(path, plan, registry)
        assert result.valid, [i.code for i in result.issues]
        ours = timed(lambda: validate_file(path, plan, registry), args.repeat)
        baseline = timed(lambda: openpyxl.load_workbook(path), args.repeat)
    med_ours, med_base = statistics.median(ours), statistics.median(baseline)
    tasks, indicators = len(layout.sheet("tasks").rows), len(layout.sheet("indicators").rows)
    p90 = sorted(ours)[int(0.9 * len(ours)) - 1]
    print(f"report: MRZBSP 2018-03, {tasks} tasks, {indicators} indicators, {args.repeat} runs each")
    print(f"apmon validate_file (read + parse + all rules): median {med_ours * 1000:7.1f} ms (p90 {p90 * 1000:.1f} ms)")
    print(f"baseline openpyxl.load_workbook only:          median {med_base * 1000:7.1f} ms")
    verdict = "met" if med_ours < 0.050 else "NOT met"
    print(f"ratio baseline / apmon: {med_base / med_ours:.1f}x; target < 50 ms: {verdict}")


if __name__ == "__main__":
    main()
