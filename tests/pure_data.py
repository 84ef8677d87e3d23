"""A small plan, registry and reports built in Python for the pure tier: no workbook, no file.

The plan (2018): objective 1 with
  activity 1.1 (continuous to 31.12.2018): task 1.1.1 led by MUP with MZ as partner, 100.000 RSD paid by MUP;
                                           task 1.1.2 led by MUP and MZ, 50.000 RSD paid by MZ and a
                                           2.000 EUR donor line with no payer; indicator 1.1.i1 (women, men);
                                           indicator 1.1.i2 (a text, not a count)
  activity 1.2 (due 31.03.2018): task 1.2.1 led by MZ.
Section 11 of the plan: MUP 100.000 RSD and MZ 60.000 RSD for 2018. OTHER takes part in no task.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from apmon.schemas.institutions import Institution, InstitutionName, InstitutionRegistry
from apmon.schemas.plan import Plan
from apmon.schemas.report import BudgetEntry, Cover, IndicatorEntry, ProblemEntry, Report, TaskEntry

TASKS, BUDGET, INDICATORS, COVER = "Tasks", "Budget", "Indicators", "Cover"


def _line(source: str, amount: int, currency: str, payer: str | None = None) -> dict[str, Any]:
    return {"source": source, "payer": payer, "amount": amount, "currency": currency, "year": 2018, "as_written": "x"}


def _task(task_id: str, lead: list[str], partners: list[str] = [], budget: list[Any] = []) -> dict[str, Any]:  # noqa: B006
    return {"id": task_id, "text": f"Task {task_id}", "lead": lead, "partners": partners,
            "responsible_as_written": ", ".join(lead), "budget": budget}  # fmt: skip


PLAN = Plan.model_validate(
    {
        "id": "ap-pure",
        "title": "Pure plan",
        "strategy": "Pure strategy",
        "start": dt.date(2018, 1, 1),
        "end": dt.date(2018, 12, 31),
        "objectives": [
            {
                "id": "1",
                "title": "Objective one",
                "activities": [
                    {
                        "id": "1.1",
                        "title": "Activity 1.1",
                        "deadline": {"as_written": "2018", "kind": "continuous", "end": dt.date(2018, 12, 31)},
                        "tasks": [
                            _task("1.1.1", ["MUP"], ["MZ"], [_line("state-budget", 100000, "RSD", "MUP")]),
                            _task(
                                "1.1.2",
                                ["MUP", "MZ"],
                                budget=[_line("state-budget", 50000, "RSD", "MZ"), _line("donor-project", 2000, "EUR")],
                            ),
                        ],
                        "indicators": [
                            {
                                "id": "1.1.i1",
                                "text": "Participants",
                                "counts": True,
                                "measure": "flow",
                                "breakdown": ["women", "men"],
                            },
                            {"id": "1.1.i2", "text": "What changed", "counts": False},
                        ],
                    },
                    {
                        "id": "1.2",
                        "title": "Activity 1.2",
                        "deadline": {"as_written": "Q1 2018", "kind": "due", "end": dt.date(2018, 3, 31)},
                        "tasks": [_task("1.2.1", ["MZ"])],
                    },
                ],
            }
        ],
        "financial_effects": {
            "strategy": {"title": "Part 1", "first_year": 2018, "last_year": 2018, "totals": []},
            "action_plan": {
                "title": "Part 2",
                "first_year": 2018,
                "last_year": 2018,
                "totals": [
                    {"institution": "MUP", "year": 2018, "amount": 100000},
                    {"institution": "MZ", "year": 2018, "amount": 60000},
                ],
            },
        },
    }
)


def _institution(code: str) -> Institution:
    name = InstitutionName.model_validate({"sr-Latn": code, "sr-Cyrl": code, "en": f"Institution {code}"})
    return Institution(code=code, kind="ministry", name=name)


REGISTRY = InstitutionRegistry(institutions=[_institution("MUP"), _institution("MZ"), _institution("OTHER")])


def task(task_id: str, row: int, role: str = "lead", **fields: Any) -> TaskEntry:
    """A task row: status in E, progress F, problems G, measures H, risks I, assessment J, its note K."""
    columns = dict(zip(("status", "progress", "problems", "measures", "risks", "assessment", "assessment_note"),
                       "EFGHIJK", strict=True))  # fmt: skip
    cells = {name: f"{column}{row}" for name, column in columns.items()}
    return TaskEntry(sheet=TASKS, row=row, cells=cells, task_id=task_id, role=role, **fields)


def budget(line_id: str, row: int, planned: int | None, currency: str = "RSD", **fields: Any) -> BudgetEntry:
    """A budget row: spent in the period in F, spent this year in G, note in H; amounts in whole units."""
    cells = {"spent_period": f"F{row}", "spent_year": f"G{row}", "note": f"H{row}"}
    amounts = {k: Decimal(v) if isinstance(v, int) else v for k, v in fields.items()}
    return BudgetEntry(
        sheet=BUDGET, row=row, cells=cells, line_id=line_id, task_id=line_id.split("/")[0], currency=currency,
        planned=None if planned is None else Decimal(planned), **amounts,
    )  # fmt: skip


def indicator(indicator_id: str, row: int, **fields: Any) -> IndicatorEntry:
    """An indicator row: women D, men E, total H, value I, note J (this indicator has no girls/boys cells)."""
    cells = {"women": f"D{row}", "men": f"E{row}", "total": f"H{row}", "value": f"I{row}", "note": f"J{row}"}
    return IndicatorEntry(sheet=INDICATORS, row=row, cells=cells, indicator_id=indicator_id, **fields)


def problem(no: int, task_id: str, description: str) -> ProblemEntry:
    return ProblemEntry(sheet="Problems", row=4 + no, cells={"description": f"C{4 + no}"}, no=no, task_id=task_id,
                        description=description)  # fmt: skip


def cover(**fields: Any) -> Cover:
    cells = {"period": "C3", "preparer": "C4", "contact": "C5", "date": "C6", "state": "C7"}
    return Cover(sheet=COVER, row=4, cells=cells, **fields)


def report(institution: str, period: str, **parts: Any) -> Report:
    kind = "annual" if len(period) == 4 else "monthly"
    return Report(source=f"{institution}-{period}.xlsx", plan_id=PLAN.id, institution=institution, period=period,
                  kind=kind, lang="en", template_version="1", **parts)  # fmt: skip
