"""Benchmark: `Ledger.shared_reports` (the reports two files hold) after a whole reports folder was copied beside
itself: N reports, each held by its file and the copy (half of them a correction saved under another name, both
stamped by Submit), in a ledger that also holds H other reports no file duplicates. Prints the statements it
executes and its time (median of 3) on SQLite and on PostgreSQL (a throwaway server, as the tests start one).

    .venv/bin/python bench/shared_reports.py [--reports 1000] [--history 5000]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path
from typing import Any

from sqlalchemy import event

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from apmon.sync.ledger import Ledger, sqlite_url  # noqa: E402
from bench.timing import timed  # noqa: E402
from tests.test_ledger import private_postgres  # noqa: E402
from tests.test_shared_reports_cost import _arrival, at, duplicated  # noqa: E402


def measure(ledger: Ledger, reports: int, history: int) -> tuple[int, float]:
    """(statements, median seconds) of `shared_reports` over `reports` duplicated reports and `history` single ones."""
    arrivals, _ = duplicated(reports, start=10)
    arrivals += [_arrival(f"H{n:05d}/mart.xlsx", f"H{n:05d}", f"H{n}".encode(), 5, None) for n in range(history)]
    run = ledger.start_run("cli", at(1))
    for chunk in range(0, len(arrivals), 500):
        ledger.record(arrivals[chunk : chunk + 500])
    ledger.finish_run(run, at(60), files_seen=len(arrivals), files_changed=0, versions_added=0, errors=[])
    statements: list[str] = []

    def executed(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        statements.append(statement)

    event.listen(ledger.engine, "before_cursor_execute", executed)
    found = ledger.shared_reports()
    event.remove(ledger.engine, "before_cursor_execute", executed)
    assert len(found) == reports
    return len(statements), statistics.median(timed(ledger.shared_reports, 3))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=1000)
    parser.add_argument("--history", type=int, default=5000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp, private_postgres() as postgres:
        for backend, url in (("sqlite", sqlite_url(Path(tmp) / "ledger.sqlite")), ("postgresql", postgres)):
            ledger = Ledger.open(url)
            try:
                statements, seconds = measure(ledger, args.reports, args.history)
            finally:
                ledger.close()
            print(
                f"{backend}: {args.reports} duplicated reports, {args.history} others: "
                f"{statements} statements, {seconds:.3f} s"
            )


if __name__ == "__main__":
    main()
