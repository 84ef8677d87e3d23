"""Check: a cold sync of the demo's report files gives the same ledger records and master as before a change.

Writes ~200 demo report files (bench.consolidate_month's write_reports), syncs them from cold in this process with
one worker, and keeps what a change to reading and judging reports must not alter: each version's record in the
ledger (readable, valid, institution, period, kind, due, on time, days late, issues, the report's JSON) by file name,
and every cell value of the master workbook. `--save` writes them to a JSON file; `--compare` reads one so written
and says where the new run differs. Run before a change with --save, after it with --compare.

    .venv/bin/python bench/same_results.py --save /tmp/before.json [--files 200]
    .venv/bin/python bench/same_results.py --compare /tmp/before.json
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
import tempfile
from pathlib import Path
from typing import Any

import openpyxl

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from apmon.templates.plan_file import load_plan, load_registry  # noqa: E402
from bench.consolidate_month import apmon_sync, write_reports  # noqa: E402

RECORD = "file_name, readable, valid, institution, period, kind, due, on_time, days_late, issues, report"
# The master's hidden sheet of when each sheet was written (and its bytes' hash): not what the master holds.
WRITTEN_AT_SHEET = "_apmon_master"


def results(files: int) -> dict[str, Any]:
    """The ledger's records and the master's cell values of a cold sync of `files` demo report files."""
    registry = load_registry()
    plan = load_plan(None, registry)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        _, last = write_reports(plan, registry, work / "reports", files)
        apmon_sync(plan, registry, work / "reports", work / "data", last, workers=1)
        with sqlite3.connect(work / "data" / "ledger.sqlite") as db:
            names = RECORD.split(", ")
            rows = db.execute(f"SELECT {RECORD} FROM versions ORDER BY file_name").fetchall()
        records = {row[0]: dict(zip(names[1:], row[1:], strict=True)) for row in rows}
        book = openpyxl.load_workbook(work / "data" / "master.xlsx", read_only=True)
        master = {
            sheet.title: [[_plain(value) for value in row] for row in sheet.iter_rows(values_only=True)]
            for sheet in book.worksheets
            if sheet.title != WRITTEN_AT_SHEET
        }
        book.close()
    return {"records": records, "master": master}


def _plain(value: Any) -> Any:
    """A cell's value as JSON keeps it (a date or time as its ISO text)."""
    return value.isoformat() if hasattr(value, "isoformat") else value


def differences(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    """Where `after` differs from `before`: each record's field and each master cell, named."""
    found = []
    for name in sorted(before["records"].keys() | after["records"].keys()):
        old, new = before["records"].get(name), after["records"].get(name)
        if old is None or new is None:
            found.append(f"record {name}: {'new' if old is None else 'gone'}")
            continue
        found += [
            f"record {name}: {field} {old[field]!r} -> {new[field]!r}" for field in old if old[field] != new[field]
        ]
    for sheet in sorted(before["master"].keys() | after["master"].keys()):
        old_rows, new_rows = before["master"].get(sheet, []), after["master"].get(sheet, [])
        if len(old_rows) != len(new_rows):
            found.append(f"master {sheet}: {len(old_rows)} rows -> {len(new_rows)}")
        for r, (old_row, new_row) in enumerate(zip(old_rows, new_rows, strict=False), start=1):
            if old_row != new_row:
                found.append(f"master {sheet} row {r}: {old_row!r} -> {new_row!r}")
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=200)
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--save", type=Path, help="Write the results to this JSON file.")
    mode.add_argument("--compare", type=Path, help="Compare the results with those saved in this JSON file.")
    args = parser.parse_args()
    now = results(args.files)
    if args.save:
        args.save.write_text(json.dumps(now, ensure_ascii=False, sort_keys=True), encoding="utf-8")
        records = now["records"]
        print(
            f"saved: {len(records)} records ({sum(not r['valid'] for r in records.values())} invalid), "
            f"{sum(len(rows) for rows in now['master'].values())} master rows, in {args.save}"
        )
        return
    before = json.loads(args.compare.read_text(encoding="utf-8"))
    found = differences(before, json.loads(json.dumps(now, ensure_ascii=False)))
    for line in found[:50]:
        print(line)
    print(f"{len(found)} differences" if found else f"same: {len(now['records'])} records and the master")
    sys.exit(1 if found else 0)


if __name__ == "__main__":
    main()
