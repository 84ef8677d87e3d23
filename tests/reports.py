"""Build real templates with the project's builders and fill them like a person would (openpyxl)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.chart import BarChart, Reference

from apmon.schemas.calendar import Period
from apmon.schemas.institutions import InstitutionRegistry
from apmon.schemas.plan import Plan
from apmon.schemas.text import Lang
from apmon.templates.layout import TEMPLATE_VERSION, WorkbookLayout, report_layout
from apmon.templates.xlsx import write_xlsx

# (sheet role, row key, column key) -> value
Edits = dict[tuple[str, str, str], Any]


def cell_of(layout: WorkbookLayout, role: str, key: str, column: str) -> tuple[str, str]:
    """(sheet name, A1 cell) of a field in the layout."""
    return layout.cell_of(role, key, column)  # type: ignore[arg-type]


def filled_report(
    plan: Plan,
    registry: InstitutionRegistry,
    folder: Path,
    institution: str,
    period: str,
    edits: Edits,
    lang: Lang = "en",
    name: str = "report.xlsx",
    template_version: str = TEMPLATE_VERSION,
) -> tuple[Path, WorkbookLayout]:
    layout = report_layout(plan, registry, institution, Period.parse(period), lang, template_version=template_version)
    path = folder / name
    write_xlsx(layout, path)
    book = openpyxl.load_workbook(path)
    for (role, key, column), value in edits.items():
        sheet, cell = cell_of(layout, role, key, column)
        book[sheet][cell] = value
    book.save(path)
    return path, layout


def made_on(layout: WorkbookLayout) -> str:
    """The cover's date of a complete report: the day after its period ends (a report is made once it is over)."""
    return f"{Period.parse(layout.meta.period).last_day + dt.timedelta(days=1):%d.%m.%Y}"


def complete_monthly(layout: WorkbookLayout) -> Edits:
    """A fully and correctly filled monthly report: every lead task in progress with progress text,
    spending within plan, counts with matching breakdowns."""
    edits: Edits = {("cover", "preparer", "value"): "Jelena Petrović", ("cover", "date", "value"): made_on(layout)}
    for row in layout.sheet("tasks").rows:
        edits[("tasks", row.key, "status")] = "in progress"
        edits[("tasks", row.key, "progress")] = "Work continued as planned; two meetings held."
    for row in layout.sheet("budget").rows:
        if not row.values.get("currency"):  # a line of no amount and no currency has no spending to count
            continue
        edits[("budget", row.key, "spent_period")] = 1000
        edits[("budget", row.key, "spent_year")] = "3.000,00"
    indicators = layout.sheet("indicators")
    for row in indicators.rows:
        inputs = indicators.input_keys(row)
        if "total" in inputs:
            groups = [g for g in ("women", "men", "girls", "boys") if g in inputs]
            for g in groups:
                edits[("indicators", row.key, g)] = 2
            edits[("indicators", row.key, "total")] = 2 * len(groups) if groups else 7
        else:
            edits[("indicators", row.key, "value")] = "Prepared and published."
    return edits


def complete_annual(layout: WorkbookLayout, status: str = "completed", assessment: str = "completed") -> Edits:
    """A fully and correctly filled annual report: every task with `status` and `assessment` (and a problem when
    it is not completed), every activity assessed with a comment, spending of the year, the narrative."""
    edits: Edits = {("cover", "preparer", "value"): "Jelena Petrović", ("cover", "date", "value"): made_on(layout)}
    for row in layout.sheet("tasks").rows:
        edits[("tasks", row.key, "status")] = status
        edits[("tasks", row.key, "progress")] = "The year's work done as planned."
        edits[("tasks", row.key, "assessment")] = assessment
        if assessment == "not completed" or status == "delayed":
            edits[("tasks", row.key, "problems")] = "Funds were not secured."
    for row in layout.sheet("activities").rows:
        edits[("activities", row.key, "assessment")] = assessment
        edits[("activities", row.key, "assessment_note")] = f"Activity {row.key}: trainings held in four cities."
    for row in layout.sheet("budget").rows:
        if row.values.get("currency"):  # a line of no amount and no currency has no spending to count
            edits[("budget", row.key, "spent_year")] = 5000
    for row in layout.sheet("narrative").rows:
        edits[("narrative", row.key, "text")] = f"The year's {row.key}, in a few words."
    return edits


# a Submissions cell's time, as the Serbian (05.04.2018 09:21) or the English master (5 Apr 2018 09:21) writes it
_SUBMISSION_TIME = re.compile(r" \((?:\d\d\.\d\d\.\d{4}\.|\d{1,2} [A-Z][a-z]{2} \d{4}) \d\d:\d\d, [^)]*\)")


def add_own_chart(master: Path, sheet: str = "Grafikon") -> None:
    """The Coordinator adds a sheet of her own with a chart to the master and saves it (openpyxl would drop the
    chart on a write, so apmon must never write over that file)."""
    book = openpyxl.load_workbook(master)
    own = book.create_sheet(sheet)
    own.append(["a", 1])
    own.append(["b", 2])
    chart = BarChart()
    chart.add_data(Reference(own, min_col=2, min_row=1, max_row=2))
    own.add_chart(chart, "D2")
    book.save(master)


def states(cells: list[Any]) -> list[Any]:
    """Submissions cells without the submission time each shows: the state words alone."""
    return [_SUBMISSION_TIME.sub("", c) if isinstance(c, str) else c for c in cells]
