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
from apmon.templates.layout import WorkbookLayout, report_layout
from apmon.templates.validation import validate_file
from tests.reports import Edits, complete_monthly, filled_report

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


def layout_of(plan: Plan, registry: InstitutionRegistry, code: str, period: str) -> WorkbookLayout:
    """The template `filled_report` builds (English), to know its rows before filling them."""
    return report_layout(plan, registry, code, Period.parse(period), "en")


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


# --- 2. the budget of every year a Council span touches ------------------------------------------------------


def plan_money(year: int) -> tuple[dict[tuple[str, str], Decimal], dict[str, tuple[str, int | None, str]]]:
    """From the plan YAML: the money planned for `year` by (owner, currency), each line once in its owner's row
    (the payer the plan names, else the task's first lead); a section 11 figure of an institution and year with no
    state-budget RSD task line is planned at the institution's level. And every task line: id -> (owner, year,
    currency)."""
    lines: dict[str, tuple[str, int | None, str]] = {}
    planned: dict[tuple[str, str], Decimal] = defaultdict(Decimal)
    with_lines = set()
    for o in PLAN_YAML["objectives"]:
        for a in o["activities"]:
            for t in a["tasks"]:
                for n, line in enumerate(t.get("budget", []), 1):
                    if line["source"] in ("no-cost", "cost-unknown") or line.get("amount") is None:
                        continue
                    owner = line.get("payer") or t["lead"][0]
                    lines[f"{t['id']}/{n}"] = (owner, line.get("year"), line["currency"])
                    if line["source"] == "state-budget" and line["currency"] == "RSD":
                        with_lines.add((owner, line.get("year")))
                    if line.get("year") == year:
                        planned[(owner, line["currency"])] += Decimal(str(line["amount"]))
    for total in PLAN_YAML["financial_effects"]["action_plan"]["totals"]:
        code, y, amount = total["institution"], total["year"], Decimal(str(total["amount"]))
        if amount > 0 and (code, y) not in with_lines:
            lines[f"11/{code}/{y}"] = (code, y, total.get("currency", "RSD"))
            if y == year:
                planned[(code, total.get("currency", "RSD"))] += amount
    return dict(planned), lines


def test_a_council_span_over_two_years_gives_the_budget_of_each(
    plan: Plan, registry: InstitutionRegistry, tmp_path: Path
) -> None:
    """A span of December 2017 to January 2018 gave the budget of 2018 alone: the Council never saw what 2017's
    plan had spent at its close. Each year now has its own table (planned, spent, per institution), each plan
    line counted once, in its year's; a line with no year in neither."""
    months = {"MUP": ["2017-11", "2017-12", "2018-01"], "MPRAVDE": ["2017-12"]}  # MPRAVDE: no report of 2018
    typed: dict[tuple[str, str], dict[str, int]] = {}  # (institution, month) -> line -> spent in the year so far
    reports = {}
    for code, periods in months.items():
        for m, period in enumerate(periods):
            layout = layout_of(plan, registry, code, period)
            edits = complete_monthly(layout)
            typed[(code, period)] = {}
            for n, row in enumerate(layout.sheet("budget").rows):
                so_far = 10 * (n + 1) + m  # small: within every line's plan
                typed[(code, period)][row.key] = so_far
                edits[("budget", row.key, "spent_year")] = so_far
                edits[("budget", row.key, "spent_period")] = so_far if period.endswith("-01") else 1
            reports[(code, period)] = edits
    config = ledger_of(plan, registry, tmp_path, reports, "2017-11", "2018-01")
    expected: dict[int, dict[tuple[str, str], tuple[Decimal, Decimal | None]]] = {}
    for year in (2017, 2018):
        planned, lines = plan_money(year)
        spent: dict[tuple[str, str], Decimal] = defaultdict(Decimal)
        for code in months:
            of_year = [p for p in months[code] if p.startswith(str(year))]
            if not of_year:
                continue
            for line_id, amount in typed[(code, of_year[-1])].items():  # the year's newest report
                owner, line_year, currency = lines[line_id]
                if line_year == year:  # a line with no year belongs to no year's total
                    spent[(owner, currency)] += amount
        expected[year] = {key: (amount, spent.get(key)) for key, amount in planned.items()}
        expected[year] |= {key: (Decimal(0), amount) for key, amount in spent.items() if key not in planned}
    assert expected[2017][("MUP", "RSD")][1] and expected[2018][("MUP", "RSD")][1]
    assert expected[2017][("MPRAVDE", "RSD")][1] and expected[2018][("MPRAVDE", "RSD")] == (Decimal(186600), None)
    headings = {
        "sr-Latn": "Budžet {year}: utrošeno do sada",
        "sr-Cyrl": "Буџет {year}: утрошено до сада",
        "en": "Budget {year}: executed to date",
    }
    ledger = Ledger.open(config.sync.ledger_url())
    try:
        for lang in LANGS:
            first, last = Period.parse("2017-12"), Period.parse("2018-01")
            issued = make_council_report(
                config, plan, registry, ledger, last, first=first, lang=lang, out=tmp_path / lang, record=False
            )
            pdf, xlsx = issued.files
            book = load_workbook(xlsx, read_only=True)
            text = pdf_text(pdf)
            for year, rows in expected.items():
                heading = headings[lang].format(year=year)
                sheet = next((s for s in book.worksheets if str(s["A1"].value).startswith(heading)), None)
                assert sheet is not None, (lang, year)
                assert sheet.title.endswith(f" {year}")  # two years: a sheet each, named with its year
                got = {(r[0], r[1]): (r[2], r[3]) for r in sheet.iter_rows(min_row=4, values_only=True)
                       if r[0] in registry.codes}  # fmt: skip
                assert got == rows, (lang, year)
                # On paper: the year's own section, each institution's row with what it planned and spent.
                start = text.index(heading)
                section = text[start : text.find(headings[lang].format(year=year + 1), start + 1)]
                for (code, currency), (planned_amount, spent_amount) in rows.items():
                    pattern = rf"\b{code}\s+{currency}\s+{re.escape(written(planned_amount, lang))}"
                    if spent_amount is not None:
                        pattern += rf"\s+{re.escape(written(spent_amount, lang))}"
                    assert re.search(pattern, section), (lang, year, code, currency)
    finally:
        ledger.close()
