"""Refused files cannot fill the ledger's disk: the bytes of refused versions an institution's folder brings count
against an allowance per folder and day (`refused_mb_per_day`); beyond it a refused version is recorded without
its bytes, and a valid report is always kept whole.

Found by an attack on the shared folder: three files of 5 MB of random bytes named `.xlsx`, dropped into MUP's
folder before every run and deleted after it, grew the ledger by 15 MB a run for good. Real files, a real SQLite
ledger, real runs; every expected figure is counted from the files dropped, read back with sqlite3.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
import os
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from apmon.cli.app import app
from apmon.schemas.calendar import BELGRADE, WorkingCalendar
from apmon.schemas.institutions import InstitutionRegistry
from apmon.schemas.messages import text_of
from apmon.schemas.plan import Plan
from apmon.sync.config import SyncSettings
from apmon.sync.ledger import Ledger, PurgedError, sqlite_url
from apmon.sync.run import RunSummary, run_sync
from apmon.sync.sources import FolderSource
from tests.reports import complete_monthly, filled_report, made_on

LANG = "sr-Latn"
JUNK_BYTES = 5_000_000  # one dropped file: 5 MB of random bytes
JUNK_PER_RUN = 3
RUNS = {10: 4, 11: 2}  # day of April 2018 -> runs that day
MB = 2**20


def belgrade(day: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2018, 4, day, 10, minute, tzinfo=BELGRADE)


def ledger_bytes(path: Path) -> int:
    """The SQLite ledger's size on disk, its write-ahead log with it."""
    return sum(p.stat().st_size for p in path.parent.glob(f"{path.name}*"))


def mup_folder_with_a_valid_report(plan: Plan, registry: InstitutionRegistry, tmp_path: Path) -> tuple[Path, Path]:
    """MUP's folder under `tmp_path`/izvestaji holding its valid March 2018 report, sent on 5 April; the folder and
    the report's file."""
    folder = tmp_path / "izvestaji" / "MUP"
    folder.mkdir(parents=True)
    _, layout = filled_report(plan, registry, tmp_path, "MUP", "2018-03", {}, "en", "blank.xlsx")
    edits = complete_monthly(layout)
    edits[("cover", "date", "value")] = made_on(layout)
    valid_path, _ = filled_report(plan, registry, folder, "MUP", "2018-03", edits, "en", "MUP 2018-03.xlsx")
    os.utime(valid_path, (belgrade(5).timestamp(), belgrade(5).timestamp()))
    return folder, valid_path


def settings_in(tmp_path: Path) -> SyncSettings:
    """The reports folder `tmp_path`/izvestaji, a SQLite ledger beside it, a master of January to March 2018."""
    return SyncSettings(
        data_dir=tmp_path,
        folder=tmp_path / "izvestaji",
        ledger=sqlite_url(tmp_path / "ledger.sqlite"),
        first_period="2018-01",
        last_period="2018-03",
        master_lang=LANG,
    )


def synced_at(settings: SyncSettings, plan: Plan, registry: InstitutionRegistry, at: dt.datetime) -> RunSummary:
    """One sync run of the reports folder at `at`, for its day, on the ledger opened for it and closed after."""
    ledger = Ledger.open(settings.ledger)
    try:
        return run_sync(
            plan=plan,
            registry=registry,
            ledger=ledger,
            sources=[FolderSource(settings.reports_folder())],
            settings=settings,
            calendar=WorkingCalendar(),
            as_of=at.date(),
            now=lambda: at,
        )
    finally:
        ledger.close()


def test_refused_files_keep_their_bytes_up_to_a_daily_allowance_and_a_valid_report_is_kept_whole(
    plan: Plan, registry: InstitutionRegistry, tmp_path: Path
) -> None:
    folder, valid_path = mup_folder_with_a_valid_report(plan, registry, tmp_path)
    valid_bytes = valid_path.read_bytes()

    settings = settings_in(tmp_path)
    allowance = settings.refused_mb_per_day * MB
    ledger_file = tmp_path / "ledger.sqlite"
    dropped: dict[str, tuple[str, int, dt.date]] = {}  # content hash -> (file name, size, day dropped)
    summaries: list[RunSummary] = []
    sizes: list[int] = []
    junk: list[Path] = []
    for day, runs in RUNS.items():
        for run in range(runs):
            for old in junk:  # deleted from the share after the run that read them
                old.unlink()
            junk = []
            for n in range(JUNK_PER_RUN):
                path = folder / f"MUP 2018-03 ({day}-{run}-{n}).xlsx"
                data = os.urandom(JUNK_BYTES)
                path.write_bytes(data)
                os.utime(path, (belgrade(day, run).timestamp(), belgrade(day, run).timestamp()))
                dropped[hashlib.sha256(data).hexdigest()] = (f"MUP/{path.name}", len(data), dt.date(2018, 4, day))
                junk.append(path)
            summaries.append(synced_at(settings, plan, registry, belgrade(day, run)))
            sizes.append(ledger_bytes(ledger_file))

    dropped_total = sum(size for _, size, _ in dropped.values())
    print(f"\nledger size after each run (bytes): {sizes}; dropped: {dropped_total}")
    db = sqlite3.connect(ledger_file)
    rows = db.execute(
        "SELECT content_hash, file_name, valid, length(raw), raw, issues, received_at FROM versions"
    ).fetchall()
    db.close()
    by_hash = {row[0]: row for row in rows}

    # The valid report: recorded once, valid, its bytes kept whole.
    valid = by_hash[hashlib.sha256(valid_bytes).hexdigest()]
    assert valid[2] == 1 and bytes(valid[4]) == valid_bytes

    # Every dropped file is recorded (hash, name), refused, with why.
    refused = [row for row in rows if row[2] == 0]
    assert {row[0] for row in refused} == set(dropped)
    for content_hash, name, _, kept, _, issues_json, _ in refused:
        codes = [issue["code"] for issue in json.loads(issues_json)]
        assert name == dropped[content_hash][0]
        assert codes[0] != "file-not-kept"  # why it was refused comes first
        if kept:
            assert "file-not-kept" not in codes
        else:  # its size and why its bytes were not kept, in its record
            [note] = [issue for issue in json.loads(issues_json) if issue["code"] == "file-not-kept"]
            assert int(note["params"]["bytes"]) == dropped[content_hash][1] and note["params"]["folder"] == "MUP"

    # Each day's refused bytes within the allowance, and as many files kept as fit in it.
    fit = allowance // JUNK_BYTES
    for day, runs in RUNS.items():
        that_day = [row for row in refused if dropped[row[0]][2] == dt.date(2018, 4, day)]
        assert len(that_day) == runs * JUNK_PER_RUN
        kept = [row[3] for row in that_day if row[3]]
        assert sum(kept) <= allowance and len(kept) == min(fit, len(that_day))

    # The run says so once for the folder, with how much it did not keep.
    files_by_run: list[int] = []
    kept_so_far = 0
    for runs in RUNS.values():
        kept_so_far = 0
        for _ in range(runs):
            keeps = max(0, min(JUNK_PER_RUN, fit - kept_so_far))
            kept_so_far += keeps
            files_by_run.append(JUNK_PER_RUN - keeps)
    for summary, not_kept in zip(summaries, files_by_run, strict=True):
        said = [line for line in summary.warnings if "MUP" in line]
        if not_kept:
            mb = str(math.ceil(not_kept * JUNK_BYTES / MB))
            assert said == [
                text_of(
                    "sync.not_kept",
                    LANG,
                    source=summary_source(settings),
                    folder="MUP",
                    count=not_kept,
                    size=mb,
                    limit=settings.refused_mb_per_day,
                )
            ]
        else:
            assert said == []

    # `apmon ledger versions` says which were recorded without their content.
    config = tmp_path / "apmon.toml"
    config.write_text(f'[sync]\nledger = "{settings.ledger}"\n', encoding="utf-8")
    shown = CliRunner().invoke(app, ["ledger", "versions", "--all", "--config", str(config), "--lang", "en"])
    not_kept_rows = [row for row in refused if not row[3]]
    assert shown.exit_code == 0 and shown.output.count("content not kept") == len(not_kept_rows) > 0

    # The ledger on disk: bounded by the allowance of each day and the valid report, not by what was dropped.
    assert sizes[-1] < len(RUNS) * allowance + 2 * MB < dropped_total


def summary_source(settings: SyncSettings) -> str:
    return FolderSource(settings.reports_folder()).id


def test_a_refused_files_content_is_purged_after_refused_days_and_its_record_stays(
    plan: Plan, registry: InstitutionRegistry, tmp_path: Path
) -> None:
    folder, valid_path = mup_folder_with_a_valid_report(plan, registry, tmp_path)
    junk = folder / "MUP 2018-03 (copy).xlsx"
    junk_bytes = os.urandom(JUNK_BYTES)
    junk.write_bytes(junk_bytes)
    os.utime(junk, (belgrade(10).timestamp(), belgrade(10).timestamp()))
    settings = settings_in(tmp_path)
    first = belgrade(10)
    kept_until = first + dt.timedelta(days=settings.refused_days)

    def run(at: dt.datetime) -> tuple[RunSummary, dict[str, tuple[int, int, str | None, str]]]:
        summary = synced_at(settings, plan, registry, at)
        db = sqlite3.connect(tmp_path / "ledger.sqlite")
        rows = db.execute("SELECT content_hash, valid, length(raw), raw_purged_at, issues FROM versions").fetchall()
        db.close()
        return summary, {row[0]: row[1:] for row in rows}

    junk_hash, valid_hash = hashlib.sha256(junk_bytes).hexdigest(), hashlib.sha256(valid_path.read_bytes()).hexdigest()
    _, rows = run(first)
    assert rows[junk_hash][:3] == (0, JUNK_BYTES, None)  # refused, kept whole within the day's allowance
    why = json.loads(rows[junk_hash][3])
    assert why and why[0]["severity"] == "error"
    junk.unlink()
    _, rows = run(kept_until - dt.timedelta(hours=1))
    assert rows[junk_hash][:3] == (0, JUNK_BYTES, None)  # still within the retention
    summary, rows = run(kept_until + dt.timedelta(hours=1))
    refused, purged_at, issues = rows[junk_hash][:2], rows[junk_hash][2], json.loads(rows[junk_hash][3])
    assert refused == (0, 0) and purged_at is not None  # its bytes gone, and when
    assert issues == why  # its record says what was wrong, as before
    assert rows[valid_hash][:3] == (1, len(valid_path.read_bytes()), None)  # a valid report is never purged
    assert len(summary.purged) == 1
    ledger = Ledger.open(settings.ledger)
    try:
        with pytest.raises(PurgedError) as purged:
            ledger.raw(summary.purged[0])
    finally:
        ledger.close()
    assert purged.value.key == "ledger_error.purged_refused"  # why, in the reader's words: not personal data
