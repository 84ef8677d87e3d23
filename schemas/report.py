"""A report as read from a filled template: every value with the cell it came from."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from apmon.schemas.calendar import ReportKind
from apmon.schemas.text import Lang


class Entry(BaseModel):
    """One row of a report sheet. `cells` maps each input field to its A1 cell on `sheet`."""

    model_config = ConfigDict(frozen=True)

    sheet: str
    row: int = Field(description="1-based row on the sheet.")
    cells: dict[str, str] = Field(default_factory=dict)

    def cell(self, field: str) -> str:
        return self.cells.get(field, "")


class TaskEntry(Entry):
    task_id: str
    role: str  # lead / partner
    status: str | None = None  # not-started / in-progress / delayed / completed
    progress: str | None = None
    problems: str | None = None
    measures: str | None = None
    risks: str | None = None
    assessment: str | None = None  # annual: completed / partially-completed / not-completed
    assessment_note: str | None = None


class ActivityEntry(Entry):
    activity_id: str
    assessment: str | None = None
    assessment_note: str | None = None


class BudgetEntry(Entry):
    line_id: str  # task id / line number, e.g. 1.1.1/2
    task_id: str
    currency: str | None  # the plan's currency for the line
    planned: Decimal | None
    spent_period: Decimal | None = None
    spent_year: Decimal | None = None
    note: str | None = None
    currency_written: dict[str, str] = Field(
        default_factory=dict, description="A currency typed next to an amount, by field ('1.000 EUR')."
    )


class IndicatorEntry(Entry):
    indicator_id: str
    women: int | None = None
    men: int | None = None
    girls: int | None = None
    boys: int | None = None
    total: int | None = None
    value: str | None = None
    note: str | None = None


class ProblemEntry(Entry):
    no: int
    task_id: str | None = None
    description: str | None = None
    measures: str | None = None


class ObservationEntry(Entry):
    """A civil society representative's observation on one activity."""

    activity_id: str
    observation: str | None = None
    proposal: str | None = None


class Cover(Entry):
    preparer: str | None = None
    contact: str | None = None
    date: dt.date | None = None
    state: str | None = None


class Report(BaseModel):
    model_config = ConfigDict(frozen=True)

    source: str
    plan_id: str
    institution: str
    period: str
    kind: ReportKind
    lang: Lang
    template_version: str
    duty: Literal["tasks", "member", "observer"] = Field(
        default="tasks", description="Which report it is (templates.layout.ReportingDuty): full, member, observer."
    )
    submitted_at: str = ""
    cover: Cover | None = None
    tasks: list[TaskEntry] = Field(default_factory=list)
    activities: list[ActivityEntry] = Field(default_factory=list)
    budget: list[BudgetEntry] = Field(default_factory=list)
    indicators: list[IndicatorEntry] = Field(default_factory=list)
    problems: list[ProblemEntry] = Field(default_factory=list)
    observations: list[ObservationEntry] = Field(default_factory=list)
    # The annual narrative (results, problems, challenges), or a member's short report (activities, problems,
    # proposals): its sheet is sheet_names["narrative"] or sheet_names["member"].
    narrative: dict[str, str | None] = Field(default_factory=dict)
    narrative_cells: dict[str, str] = Field(default_factory=dict)
    sheet_names: dict[str, str] = Field(default_factory=dict, description="Sheet role -> sheet name in this workbook.")

    def is_empty(self) -> bool:
        """Nothing typed in yet (a freshly built template)."""
        entries: list[Entry] = [
            *self.tasks, *self.activities, *self.budget, *self.indicators, *self.problems, *self.observations
        ]  # fmt: skip
        filled = any(
            value is not None
            for entry in entries
            for name, value in entry
            if name in entry.cells and name not in ("sheet", "row", "cells")
        )
        cover_filled = self.cover is not None and any((self.cover.preparer, self.cover.contact, self.cover.date))
        return not filled and not cover_filled and not any(self.narrative.values())


def nothing_typed(report: Report, issues: Iterable[Mapping[str, Any]]) -> bool:
    """A template no one filled in (a blank template, no one's report): its report `is_empty` and no issue names a
    value found in a cell. A value that cannot be read (a status not in the list, a date or an amount in words, an
    Excel error, a locked cell typed over) leaves its field None, as in a blank template, but someone typed it: such
    a file is its institution's report, invalid, with the errors that say what to fix. `issues` as stored (dicts)."""
    return report.is_empty() and not any(issue.get("cell") and issue.get("value") not in (None, "") for issue in issues)
