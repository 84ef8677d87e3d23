"""Benchmark: a run's cost on a long history — a cold run, and a run that brings one new report.

A synthetic ledger of N years x 12 months x M institutions (default 6 x 12 x 200 = 14,400 accepted reports):
the shipped plan's reporting institutions each get clones (same tasks, same roles) up to M, and one real demo
report per base institution, parsed once, is stored again under every clone code and month directly through
`Ledger.record` (with its real file bytes, as a real ledger keeps them). The history lives under a source the
runs do not scan, so nothing of it is ever missing at a source.

Each case runs in a fresh process (wall time and peak memory, `resource.getrusage`):
- cold: the whole history, no master yet (consolidation + master from scratch);
- one new report: a real demo file for a base institution's month (a corrected report) appears in the
  reports folder; the run parses it, checks it against its history, consolidates (reading again only that
  institution's year: the other years' digests are those the cold run kept in the data folder) and writes
  the master again.

The master's size (rows x columns of each sheet) is printed too: writing it is most of what is left.

Goal for the second: under 3 s and under 500 MB.

    .venv/bin/python bench/history_run.py [--years 6] [--institutions 200] [--small]
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from openpyxl import load_workbook

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from apmon.schemas.calendar import BELGRADE, Period, WorkingCalendar  # noqa: E402
from apmon.schemas.institutions import InstitutionRegistry  # noqa: E402
from apmon.schemas.plan import Plan  # noqa: E402
from apmon.sync.config import SyncSettings  # noqa: E402
from apmon.sync.demo_data import write_demo_reports  # noqa: E402
from apmon.sync.ledger import Arrival, Ledger, VersionData, sqlite_url  # noqa: E402
from apmon.sync.run import RunSummary, run_sync  # noqa: E402
from apmon.sync.sources import FolderSource  # noqa: E402
from apmon.templates.layout import reporting_duties  # noqa: E402
from apmon.templates.plan_file import load_plan, load_registry  # noqa: E402

FIRST_YEAR = 2017
SEED_PERIOD = "2018-05"  # the month whose demo reports are copied over the whole history
NEW_PERIOD = "2018-06"  # the month of the one new report (it replaces that month's stored one)
HISTORY_SOURCE = "history:bench"
BATCH = 500


def extended(
    plan: Plan, registry: InstitutionRegistry, institutions: int, bases: list[str]
) -> tuple[Plan, InstitutionRegistry, dict[str, str]]:
    """The plan and registry with clones of `bases` up to `institutions` reporting institutions: each clone
    has its base's tasks in the same roles. Returns also each institution's base (its own code for a base)."""
    base_of = {code: code for code in bases}
    for n in range(max(0, institutions - len(bases))):
        base_of[f"X{n:03d}{bases[n % len(bases)]}"[:12]] = bases[n % len(bases)]
    clones = {c: b for c, b in base_of.items() if c != b}
    data = plan.model_dump(mode="json")
    for objective in data["objectives"]:
        for activity in objective["activities"]:
            for task in activity["tasks"]:
                task["lead"] += [c for c, b in clones.items() if b in task["lead"]]
                task["partners"] += [c for c, b in clones.items() if b in task["partners"]]
    reg = registry.model_dump(mode="json")
    by_code = {i["code"]: i for i in reg["institutions"]}
    for clone, base in clones.items():
        reg["institutions"].append({**by_code[base], "code": clone})
    return Plan.model_validate(data), InstitutionRegistry.model_validate(reg), base_of


def months(years: int) -> list[str]:
    return [f"{FIRST_YEAR + y}-{m:02d}" for y in range(years) for m in range(1, 13)]


def settings_for(work: Path, years: int) -> SyncSettings:
    return SyncSettings(
        data_dir=work / "data",
        folder=work / "reports",
        first_period=f"{FIRST_YEAR}-01",
        last_period=months(years)[-1],
        workers=1,
    )


def build(work: Path, years: int, institutions: int) -> None:
    """The plan, registry, ledger and the one new report file, in `work`."""
    started = time.perf_counter()
    registry = load_registry()
    plan = load_plan(None, registry)
    calendar = WorkingCalendar()
    demo = work / "demo"
    written = write_demo_reports(plan, registry, demo, first=SEED_PERIOD, last=NEW_PERIOD, calendar=calendar)
    # Parse the seed month through a real run: the stored reports are what the sync makes of real files.
    seed_folder = demo / SEED_PERIOD
    seed = Ledger.open(sqlite_url(work / "seed.sqlite"))
    try:
        run_sync(
            plan=plan,
            registry=registry,
            ledger=seed,
            sources=[FolderSource(seed_folder)],
            settings=SyncSettings(data_dir=work / "seed", folder=seed_folder, workers=1),
            calendar=calendar,
            as_of=dt.date(2018, 7, 31),
        )
        bases = {row.institution: row for row in seed.accepted() if row.report_json and row.institution}
        raws = {code: seed.raw(row.id) for code, row in bases.items()}
    finally:
        seed.close()
    plan, registry, base_of = extended(
        plan,
        registry,
        institutions,
        [c for c, d in reporting_duties(plan, registry).items() if d == "tasks" and c in bases],
    )  # the task holders: each clone gets its base's tasks
    (work / "plan.json").write_text(plan.model_dump_json())
    (work / "registry.json").write_text(registry.model_dump_json())
    # The new report: one base institution's file of the next month, in the folder the runs scan.
    new = next(s for s in written if s.period == NEW_PERIOD and not s.invalid and s.institution in bases)
    (work / "reports").mkdir()
    shutil.copy2(new.path, work / "reports" / new.path.name)
    (work / "new.txt").write_text(new.path.name)

    ledger = Ledger.open(sqlite_url(work / "data" / "ledger.sqlite"))
    received = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
    count = 0
    try:
        batch: list[Arrival] = []
        for code, base in base_of.items():
            template = json.loads(bases[base].report_json or "{}")
            raw = raws[base]
            for n, period in enumerate(months(years)):
                report = json.dumps({**template, "institution": code, "period": period}, ensure_ascii=False)
                due = calendar.due_date(Period.parse(period)).due
                late = (hash((code, period)) % 10) == 0
                submitted = due + dt.timedelta(days=3 if late else -2)
                timing = calendar.timeliness(Period.parse(period), submitted)
                modified = dt.datetime.combine(submitted, dt.time(10), BELGRADE).astimezone(dt.UTC)
                name = f"{code}_{period}.xlsx"
                version = VersionData(
                    content_hash=hashlib.sha256(report.encode()).hexdigest(),
                    raw=raw,
                    raw_kind="xlsx",
                    file_name=name,
                    received_at=received + dt.timedelta(seconds=n),
                    source_modified=modified,
                    readable=True,
                    valid=True,
                    institution=code,
                    period=period,
                    kind="monthly",
                    due=timing.due,
                    on_time=timing.on_time,
                    days_late=timing.days_late,
                    issues=json.dumps(bases[base].issues, ensure_ascii=False),
                    report=report,
                )
                batch.append(Arrival(HISTORY_SOURCE, f"{period}/{name}", len(raw), modified, version))
                if len(batch) >= BATCH:
                    count += len(ledger.record(batch))
                    batch.clear()
        count += len(ledger.record(batch))
    finally:
        ledger.close()
    print(
        f"built {count} reports ({years} years x 12 months x {len(base_of)} institutions) "
        f"in {time.perf_counter() - started:.1f} s",
        flush=True,
    )


def case(work: Path, years: int) -> dict[str, Any]:
    """One run on the ledger in `work`, in this process: wall time, peak memory and the run's parts."""
    registry = InstitutionRegistry.model_validate_json((work / "registry.json").read_text())
    plan = Plan.model_validate_json((work / "plan.json").read_text())
    settings = settings_for(work, years)
    ledger = Ledger.open(sqlite_url(work / "data" / "ledger.sqlite"))
    started = time.perf_counter()
    try:
        summary: RunSummary = run_sync(
            plan=plan,
            registry=registry,
            ledger=ledger,
            sources=[FolderSource(settings.reports_folder())],
            settings=settings,
            calendar=WorkingCalendar(),
            as_of=dt.date(FIRST_YEAR + years, 2, 1),
        )
    finally:
        ledger.close()
    seconds = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux
    master = load_workbook(settings.master_path(), read_only=True)  # after the measures: reads the dimensions only
    sheets = [(ws.title, ws.max_row, ws.max_column) for ws in master.worksheets if ws.sheet_state == "visible"]
    master.close()
    return {
        "seconds": seconds,
        "peak_mb": peak_mb,
        "parts": summary.seconds,
        "versions": [(v.institution, v.period, v.valid) for v in summary.versions],
        "errors": summary.errors,
        "master": summary.master,
        "sheets": sheets,
    }


def run_case(work: Path, years: int) -> dict[str, Any]:
    out = subprocess.run(
        [sys.executable, __file__, "--case", str(work), "--years", str(years)],
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--years", type=int, default=6)
    parser.add_argument("--institutions", type=int, default=200)
    parser.add_argument("--small", action="store_true", help="A quick check: 1 year x 40 institutions.")
    parser.add_argument("--keep", type=Path, help="Build in (and keep) this folder instead of a temporary one.")
    parser.add_argument("--case", type=Path, help=argparse.SUPPRESS)  # one timed run, in a child process
    args = parser.parse_args()
    if args.small:
        args.years, args.institutions = 1, 40
    if args.case:
        print(json.dumps(case(args.case, args.years)))
        return
    with tempfile.TemporaryDirectory() as tmp:
        work = args.keep or Path(tmp)
        if not (work / "built.sqlite").exists():  # a kept folder is built once, then measured again
            work.mkdir(parents=True, exist_ok=True)
            build(work, args.years, args.institutions)
            shutil.copy(work / "data" / "ledger.sqlite", work / "built.sqlite")
        shutil.rmtree(work / "data")
        (work / "data").mkdir()
        shutil.copy(work / "built.sqlite", work / "data" / "ledger.sqlite")
        new = work / "reports" / (work / "new.txt").read_text()
        new.rename(new.with_suffix(".hold"))  # the cold run has no new report
        cold = run_case(work, args.years)
        new.with_suffix(".hold").rename(new)
        os.utime(new)  # a file that just arrived
        one = run_case(work, args.years)
    print(f"{os.cpu_count()} CPU cores; each case in a fresh process")
    print(f"{'':28}{'cold':>12}{'one new report':>18}{'ratio':>10}")
    print(f"{'wall time (s)':28}{cold['seconds']:12.2f}{one['seconds']:18.2f}{one['seconds'] / cold['seconds']:10.2f}")
    print(
        f"{'peak memory (MB)':28}{cold['peak_mb']:12.0f}{one['peak_mb']:18.0f}{one['peak_mb'] / cold['peak_mb']:10.2f}"
    )
    for what in sorted(set(cold["parts"]) | set(one["parts"])):
        print(f"  {what:26}{cold['parts'].get(what, 0):12.2f}{one['parts'].get(what, 0):18.2f}")
    print(
        f"new versions (institution, period, valid): cold {cold['versions']}, one new report {one['versions']}; "
        f"errors: {cold['errors'] + one['errors'] or 'none'}"
    )
    sizes = ", ".join(f"{title} {rows:,}x{columns}" for title, rows, columns in one["sheets"])
    print(f"master sheets (rows x columns): {sizes}")
    ok = one["seconds"] < 3 and one["peak_mb"] < 500
    print(f"goal for one new report (< 3 s, < 500 MB): {'met' if ok else 'NOT met'}")


if __name__ == "__main__":
    main()
