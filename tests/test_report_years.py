"""The figures of the Minister's brief and the Council report on a real ledger synced from real report files (made
with the template builder, filled like a person would): a stock indicator's first level of 0, and the budget of
every year a Council span touches. Every figure is worked out here from the plan YAML and what this test typed in
the files, never by the code that makes the reports."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from collections import defaultdict
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml
from openpyxl import load_workbook

from apmon.schemas.calendar import Period, WorkingCalendar
from apmon.schemas.institutions import InstitutionRegistry
from apmon.schemas.plan import Plan
from apmon.schemas.text import Lang
from apmon.sync.config import Config, SyncSettings
from apmon.sync.ledger import Ledger
from apmon.sync.reports import make_council_report, make_minister_brief
from apmon.sync.run import run_sync
from apmon.sync.sources import FolderSource
from apmon.templates.validation import validate_file
from tests.reports import Edits, complete_monthly, filled_report, made_on

PLAN_YAML = yaml.safe_load((Path(__file__).parent.parent / "templates" / "data" / "plan-2017-2018.yaml").read_text())
LANGS: tuple[Lang, ...] = ("sr-Latn", "sr-Cyrl", "en")
NO_POPPLER = "poppler-utils (pdftotext) not installed: apt-get install poppler-utils"


def pdf_text(path: Path) -> str:
    if not shutil.which("pdftotext"):
        pytest.skip(NO_POPPLER)
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


def written(amount: Decimal | int, lang: Lang) -> str:
    """An amount with two decimals as the reader writes it: 1.234,50 in Serbian, 1,234.50 in English."""
    shown = f"{Decimal(amount):,.2f}"
    return shown if lang == "en" else shown.replace(",", " ").replace(".", ",").replace(" ", ".")


def ledger_of(
    plan: Plan,
    registry: InstitutionRegistry,
    folder: Path,
    reports: dict[tuple[str, str], Edits],
    first: str,
    last: str,
) -> Config:
    """The reports (institution, month) -> edits written as real files, each checked valid, synced into a new
    SQLite ledger; the configuration of it."""
    files = folder / "reports"
    files.mkdir(parents=True)
    for (code, period), edits in reports.items():
        path, _ = filled_report(plan, registry, files, code, period, edits, name=f"{code}_{period}.xlsx")
        assert validate_file(path, plan, registry).report is not None, (code, period)
    config = Config(
        sync=SyncSettings(
            data_dir=folder, folder=files, ledger=f"sqlite:///{folder / 'ledger.sqlite'}", first_period=first,
            last_period=last,
        )
    )  # fmt: skip
    ledger = Ledger.open(config.sync.ledger_url())
    try:
        run_sync(plan=plan, registry=registry, ledger=ledger, sources=[FolderSource(files)], settings=config.sync,
                 calendar=WorkingCalendar(), as_of=dt.date(2018, 12, 31))  # fmt: skip
    finally:
        ledger.close()
    return config


def layout_of(plan: Plan, registry: InstitutionRegistry, code: str, period: str) -> Any:
    from apmon.templates.layout import report_layout

    return report_layout(plan, registry, code, Period.parse(period), "en")


def cover(layout: Any) -> Edits:
    return {("cover", "preparer", "value"): "Jelena Petrović", ("cover", "date", "value"): made_on(layout)}


# --- 1. a stock indicator's first level of 0 ------------------------------------------------------------------


def test_the_brief_shows_a_stock_reported_for_the_first_time_at_0(
    plan: Plan, registry: InstitutionRegistry, tmp_path: Path
) -> None:
    """1.3.i4 ("Number of representatives") is a stock. MSP leaves it empty in May 2018 and gives 0 (0 women, 0
    men) in June: a level of 0, its first. The brief for June left it out, as if MSP had given nothing."""
    stock = "1.3.i4"
    measure = {i["id"]: i.get("measure") for o in PLAN_YAML["objectives"] for a in o["activities"]
               for i in a.get("indicators", [])}  # fmt: skip
    assert measure[stock] == "stock"
    typed = {"2018-05": None, "2018-06": {"women": 0, "men": 0, "total": 0}}
    reports = {}
    for period, values in typed.items():
        layout = layout_of(plan, registry, "MSP", period)
        assert stock in [r.key for r in layout.sheet("indicators").rows]
        edits = {k: v for k, v in complete_monthly(layout).items() if k[0] != "indicators"}  # no other figure
        edits |= {("indicators", stock, column): v for column, v in (values or {}).items()}
        reports[("MSP", period)] = edits
    config = ledger_of(plan, registry, tmp_path, reports, "2018-05", "2018-06")
    # What the brief must say: June's level as typed, and the year's figure of a stock, its latest level.
    levels = [v["total"] for v in typed.values() if v is not None]
    expected = (stock, "MSP", typed["2018-06"]["total"], levels[-1])  # type: ignore[index]
    assert expected == (stock, "MSP", 0, 0)
    ledger = Ledger.open(config.sync.ledger_url())
    try:
        for lang in LANGS:
            issued = make_minister_brief(config, plan, registry, ledger, Period.parse("2018-06"), lang=lang,
                                         out=tmp_path / lang, record=False)  # fmt: skip
            pdf, xlsx = issued.files
            sheet = load_workbook(xlsx, read_only=True).worksheets[7]  # the brief's indicators
            rows = [r for r in sheet.iter_rows(min_row=4, values_only=True) if r[0] == stock]
            assert [(r[0], r[2], r[3], r[8]) for r in rows] == [expected], lang
            assert [r[4:6] for r in rows] == [(0, 0)], lang  # the breakdown as typed
            line = next((x for x in pdf_text(pdf).splitlines() if stock in x), "")
            assert re.search(r"\bMSP\s+0\s+0\s+0\s+0\b", line), (lang, line)
    finally:
        ledger.close()
