"""Benchmark: the annual evaluation (PDF and xlsx) for the demo ledger, beside a sync of the same ledger.

Side by side in one run, on the demo (every institution, September 2017 to December 2018, synced once):
- sync: `run_sync` of the demo's reports into a fresh SQLite ledger (read, validate, store, write the master with
  its Evaluation sheet);
- annual: `make_annual_evaluation` for 2017 (the year's annual reports are in; the ledger read at a cut-off,
  content, charts, PDF, xlsx), with a Coordinator's decision and a comment recorded.

Prints each median and the report's time as a ratio of the sync's. Target (issue 16): a report under 10 s.

    .venv/bin/python bench/annual_run.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from apmon.sync.demo import DEMO_FIRST, DEMO_LAST  # noqa: E402
from apmon.sync.demo_data import write_demo_reports  # noqa: E402
from apmon.sync.ledger import Ledger  # noqa: E402
from apmon.sync.reports import make_annual_evaluation  # noqa: E402
from apmon.templates.plan_file import load_plan, load_registry  # noqa: E402
from bench.report_run import demo_config, demo_sync, pages, timed  # noqa: E402

YEAR = 2017


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="Runs of each; medians are compared.")
    args = parser.parse_args()
    registry = load_registry()
    plan = load_plan(None, registry)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        write_demo_reports(plan, registry, folder / "reports", first=DEMO_FIRST, last=DEMO_LAST)
        files = len(list((folder / "reports").rglob("*.xlsx")))

        runs = iter(range(1000))
        sync_s = timed(lambda: demo_sync(plan, registry, folder, next(runs)), args.repeat)
        settings = demo_config(folder, 0)  # the first run's ledger
        ledger = Ledger.open(settings.sync.ledger_url())
        out = folder / "out"
        at = dt.datetime.now(dt.UTC)
        ledger.record_override(activity="2.1", year=YEAR, assessment="completed", reason="bench", author="C", at=at)
        ledger.record_comment(activity="2.1", year=YEAR, author="ASTRA", text="bench", at=at)
        try:
            made: list[Path] = []

            def annual() -> None:
                made[:] = make_annual_evaluation(
                    settings, plan, registry, ledger, YEAR, lang="sr-Latn", out=out, record=False
                ).files

            annual_s = timed(annual, args.repeat)
        finally:
            ledger.close()
        print(f"demo ledger: {files} report files, {DEMO_FIRST}..{DEMO_LAST}; medians of {args.repeat} runs")
        print(f"sync of the demo (fresh ledger, master written): {sync_s:6.2f} s")
        print(f"annual evaluation {YEAR} (PDF {pages(made[0])} pages + xlsx): {annual_s:6.2f} s")
        print(f"ratio annual / sync: {annual_s / sync_s:.2f}")
        print(f"target under 10 s: {'met' if annual_s < 10 else 'NOT met'}")


if __name__ == "__main__":
    main()
