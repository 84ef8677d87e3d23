"""An auditor's check of the annual budget table's total row (annual and published report, xlsx and PDF): the
total's difference to section 11 is the sum of the rows' differences above it, and where a section 11 figure has
no task line (MKI in 2017, MKI and PA in 2018: counted whole as a difference) the total row says so, naming
them, and gives Planned minus Section 11 as well, so both checks an auditor makes come out right.

Every figure is worked out here from the shipped plan YAML alone, never by the code that makes the reports."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from collections import defaultdict
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import yaml

from apmon.schemas.institutions import InstitutionRegistry
from apmon.schemas.plan import Plan
from apmon.sync.report_content import Basis, annual_evaluation_of
from apmon.sync.report_writer import write_annual_evaluation, write_public_report

AT = dt.datetime(2019, 3, 1, tzinfo=dt.UTC)
BASIS = Basis(run_id=1, run_finished_at=AT, cut_off=AT)
PLAN_YAML = yaml.safe_load((Path(__file__).parent.parent / "templates" / "data" / "plan-2017-2018.yaml").read_text())


def from_yaml(year: int) -> dict[str, Any]:
    """The year's RSD figures as the plan file gives them: all planned, section 11 by institution, the task lines'
    state-budget money by owner (the payer, else the first lead)."""
    planned, tasks = Decimal(0), defaultdict(Decimal)
    for objective in PLAN_YAML["objectives"]:
        for activity in objective["activities"]:
            for task in activity["tasks"]:
                for line in task.get("budget", []):
                    if line["source"] in ("no-cost", "cost-unknown") or line.get("amount") is None:
                        continue
                    if line.get("year") == year and line.get("currency") == "RSD":
                        planned += Decimal(line["amount"])
                        if line["source"] == "state-budget":
                            tasks[line.get("payer") or task["lead"][0]] += Decimal(line["amount"])
    section_11 = {
        t["institution"]: Decimal(t["amount"])
        for t in PLAN_YAML["financial_effects"]["action_plan"]["totals"]
        if t["year"] == year
    }
    untasked = {code: amount for code, amount in section_11.items() if amount > 0 and not tasks.get(code)}
    return {
        "planned": planned + sum(untasked.values()),  # a figure with no task line is planned at the institution
        "section_11": sum(section_11.values()),
        "rows_difference": sum(tasks.get(code, Decimal(0)) - amount for code, amount in section_11.items()),
        "untasked": untasked,
    }


def total_row(path: Path, year: int) -> tuple[list[Any], list[list[Any]]]:
    """The Budget sheet's total row of the year in RSD (its whole plan), and the rows above it."""
    rows = [
        list(r) for r in openpyxl.load_workbook(path, read_only=True)["Budget"].iter_rows(min_row=4, values_only=True)
    ]
    institutions = [r for r in rows if r[2] == str(year) and r[3] == "RSD" and r[1]]
    total = next(r for r in rows if r[0] == "Total planned" and r[2] == str(year) and r[3] == "RSD")
    return total, institutions


def en(amount: Decimal) -> str:
    return f"{amount:,.2f}"


@pytest.mark.parametrize("year", [2017, 2018])
def test_the_budget_total_says_what_its_difference_to_section_11_is(
    plan: Plan, registry: InstitutionRegistry, tmp_path: Path, year: int
) -> None:
    expected = from_yaml(year)
    assert expected["untasked"]  # the plan's figures with no task line: what the auditor found
    evaluation = annual_evaluation_of(plan, registry, [], year, BASIS)
    annual = write_annual_evaluation(evaluation, plan, registry, "en", tmp_path / "annual", AT)[0]
    public = write_public_report(evaluation, plan, registry, "en", tmp_path / "public", AT)[0]
    for xlsx in (annual[1], public[1]):
        total, rows = total_row(xlsx, year)
        assert (total[4], total[7]) == (expected["planned"], expected["section_11"])
        assert total[8] == expected["rows_difference"] == sum(r[8] for r in rows if r[8] is not None)  # it foots
        note = total[9]
        assert note and "sum of the rows' differences" in note.lower()
        for code, amount in expected["untasked"].items():
            assert f"{code} {en(amount)}" in note
        assert en(expected["planned"] - expected["section_11"]) in note  # Planned minus Section 11, said
    if year == 2017 and shutil.which("pdftotext"):
        printed = subprocess.run(["pdftotext", str(annual[0]), "-"], capture_output=True, text=True, check=True)
        assert en(expected["planned"] - expected["section_11"]) in printed.stdout
