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
from tests.reports import complete_monthly, filled_report


def test_a_report_with_an_empty_cover_counts_and_the_coordinator_sees_whom_it_lacks(
    plan: Plan, registry: InstitutionRegistry, tmp_path: Path
) -> None:
    folder = tmp_path / "izvestaji"
    folder.mkdir()
    _, layout = filled_report(plan, registry, tmp_path, "MUP", "2018-03", {}, "sr-Latn", "blank.xlsx")
    edits = {key: value for key, value in complete_monthly(layout).items() if key[0] != "cover"}
    filled_report(plan, registry, folder, "MUP", "2018-03", edits, "sr-Latn", "MUP mart.xlsx")
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
    issues = openpyxl.load_workbook(settings.master_path())[text_of("master.sheet.issues", "sr-Latn")]
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
