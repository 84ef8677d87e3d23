"""A report whose cover was left empty, as the Coordinator sees it after a sync: counted, with the two warnings on the
master's Issues sheet at the cover's cells (the officer saw them at Validate)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl

from apmon.schemas.calendar import WorkingCalendar
from apmon.schemas.institutions import InstitutionRegistry
from apmon.schemas.messages import text_of
from apmon.schemas.plan import Plan
from apmon.sync.config import SyncSettings
from apmon.sync.ledger import Ledger, sqlite_url
from apmon.sync.run import run_sync
from apmon.sync.sources import FolderSource
from apmon.templates.layout import WorkbookLayout
from tests.reports import Edits, complete_monthly, filled_report


def synced(plan: Plan, registry: InstitutionRegistry, tmp_path: Path, edits: Edits) -> tuple[Path, WorkbookLayout]:
    """MUP's March 2018 report, its complete cells changed by `edits` (None: left empty), collected from the folder by
    a sync: (the master, the layout). The version counts."""
    folder = tmp_path / "izvestaji"
    folder.mkdir()
    _, layout = filled_report(plan, registry, tmp_path, "MUP", "2018-03", {}, "sr-Latn", "blank.xlsx")
    filled = {key: value for key, value in {**complete_monthly(layout), **edits}.items() if value is not None}
    filled_report(plan, registry, folder, "MUP", "2018-03", filled, "sr-Latn", "MUP mart.xlsx")
    settings = SyncSettings(
        data_dir=tmp_path, folder=folder, ledger=sqlite_url(tmp_path / "l.sqlite"), first_period="2018-03",
        last_period="2018-03",
    )  # fmt: skip
    ledger = Ledger.open(settings.ledger)
    try:
        run_sync(
            plan=plan, registry=registry, ledger=ledger, sources=[FolderSource(folder)], settings=settings,
            calendar=WorkingCalendar(), as_of=dt.date(2018, 4, 10),
        )  # fmt: skip
        (version,) = ledger.versions("MUP")
        assert version.valid
    finally:
        ledger.close()
    return settings.master_path(), layout


def test_a_report_with_an_empty_cover_counts_and_the_coordinator_sees_whom_it_lacks(
    plan: Plan, registry: InstitutionRegistry, tmp_path: Path
) -> None:
    master, layout = synced(
        plan, registry, tmp_path, {("cover", "preparer", "value"): None, ("cover", "date", "value"): None}
    )
    issues = openpyxl.load_workbook(master)[text_of("master.sheet.issues", "sr-Latn")]
    warning = text_of("issues.warning", "sr-Latn")
    cells = {key: layout.cell_of("cover", key, "value")[1] for key in ("preparer", "date")}
    found = {
        code: row
        for row in issues.iter_rows(values_only=True)
        for code in ("cover-preparer-missing", "cover-date-missing")
        if code in row
    }
    assert set(found) == {"cover-preparer-missing", "cover-date-missing"}
    for code, key in (("cover-preparer-missing", "preparer"), ("cover-date-missing", "date")):
        assert "MUP" in found[code] and warning in found[code] and cells[key] in found[code], found[code]


def test_a_line_break_pasted_from_word_stays_a_line_break_in_the_master(
    plan: Plan, registry: InstitutionRegistry, tmp_path: Path
) -> None:
    """Word's line break (Shift+Enter) pasted into a cell is a vertical tab, which an xlsx cell stores as _x000B_ and
    cannot hold when written again: the master dropped it and joined the lines' words ("održanadrugi"). It is a line
    break there."""
    task = "1.2.1"
    progress = "Obuka održana\u000bdrugi deo u aprilu"  # as calamine reads the cell typed "Obuka održana_x000B_..."
    master, _ = synced(plan, registry, tmp_path, {("tasks", task, "progress"): progress.replace("\u000b", "_x000B_")})
    shown = [
        value
        for row in openpyxl.load_workbook(master)[text_of("master.sheet.status", "sr-Latn")].iter_rows(values_only=True)
        for value in row
        if isinstance(value, str) and "Obuka održana" in value
    ]
    assert shown and all("Obuka održana\ndrugi deo u aprilu" in value for value in shown), shown
