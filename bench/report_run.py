"""Benchmark: the Minister's brief and the Council report (PDF and xlsx each) for the demo ledger, beside a sync
of the same ledger.

Side by side in one run, on the demo (every institution, September 2017 to December 2018, synced once):
- sync: `run_sync` of the demo's reports into a fresh SQLite ledger (read, validate, store, write the master);
- brief: `make_minister_brief` for December 2018 (the ledger read at a cut-off, content, charts, PDF, xlsx);
- council: `make_council_report` for November-December 2018.

Prints each median and the reports' time as a ratio of the sync's. Target (issue 16): a report under 10 s.

    .venv/bin/python bench/report_run.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from apmon.schemas.calendar import Period, WorkingCalendar  # noqa: E402
from apmon.schemas.institutions import InstitutionRegistry  # noqa: E402
from apmon.schemas.plan import Plan  # noqa: E402
from apmon.sync.config import Config, SyncSettings  # noqa: E402
from apmon.sync.demo import DEMO_AS_OF, DEMO_EUR_TO_RSD, DEMO_FIRST, DEMO_LAST  # noqa: E402
from apmon.sync.demo_data import write_demo_reports  # noqa: E402
from apmon.sync.ledger import Ledger, sqlite_url  # noqa: E402
from apmon.sync.reports import make_council_report, make_minister_brief  # noqa: E402
from apmon.sync.run import run_sync  # noqa: E402
from apmon.sync.sources import FolderSource  # noqa: E402
from apmon.templates.plan_file import load_plan, load_registry  # noqa: E402


def timed(work: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def pages(pdf: Path) -> str:
    if not shutil.which("pdfinfo"):
        return "?"
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    return next((line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")), "?")


def demo_config(folder: Path, n: int) -> Config:
    """The configuration of the `n`th sync of the demo's reports in `folder`: a fresh data folder and ledger each."""
    return Config(
        sync=SyncSettings(
            data_dir=folder / f"run{n}",
            folder=folder / "reports",
            ledger=sqlite_url(folder / f"run{n}" / "ledger.sqlite"),
            first_period=DEMO_FIRST,
            last_period=DEMO_LAST,
            eur_to_rsd=DEMO_EUR_TO_RSD,
        )
    )


def demo_sync(plan: Plan, registry: InstitutionRegistry, folder: Path, n: int) -> None:
    """The `n`th sync of the demo's reports into a fresh ledger (read, validate, store, write the master)."""
    settings = demo_config(folder, n)
    ledger = Ledger.open(settings.sync.ledger_url())
    try:
        run_sync(
            plan=plan,
            registry=registry,
            ledger=ledger,
            sources=[FolderSource(folder / "reports")],
            settings=settings.sync,
            calendar=WorkingCalendar(),
            as_of=DEMO_AS_OF,
        )
    finally:
        ledger.close()


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
        try:
            made: dict[str, list[Path]] = {}

            def brief() -> None:
                made["brief"] = make_minister_brief(
                    settings, plan, registry, ledger, Period.parse("2018-12"), lang="sr-Latn", out=out, record=False
                ).files

            def council() -> None:
                made["council"] = make_council_report(
                    settings,
                    plan,
                    registry,
                    ledger,
                    Period.parse("2018-12"),
                    first=Period.parse("2018-11"),
                    lang="sr-Latn",
                    out=out,
                    as_of=dt.datetime.now(dt.UTC),
                ).files

            brief_s = timed(brief, args.repeat)
            council_s = timed(council, args.repeat)
        finally:
            ledger.close()
        print(f"demo ledger: {files} report files, {DEMO_FIRST}..{DEMO_LAST}; medians of {args.repeat} runs")
        print(f"sync of the demo (fresh ledger, master written): {sync_s:6.2f} s")
        print(f"Minister's brief 2018-12 (PDF {pages(made['brief'][0])} pages + xlsx): {brief_s:6.2f} s")
        print(f"Council report 2018-11..12 (PDF {pages(made['council'][0])} pages + xlsx): {council_s:6.2f} s")
        print(f"ratio brief / sync: {brief_s / sync_s:.2f}; council / sync: {council_s / sync_s:.2f}")
        print(f"target under 10 s: {'met' if max(brief_s, council_s) < 10 else 'NOT met'}")


if __name__ == "__main__":
    main()
