"""Templates tried as a ministry officer fills them, and as an attacker: plan texts that a spreadsheet cannot hold,
what Excel and LibreOffice make of typed text, sheets copied or columns inserted."""

from pathlib import Path

import openpyxl

from apmon.schemas.calendar import Period
from apmon.schemas.institutions import InstitutionRegistry
from apmon.templates.layout import report_layout
from apmon.templates.parse import parse_grid
from apmon.templates.plan_file import load_plan
from apmon.templates.read_xlsx import read_xlsx
from apmon.templates.xlsx import write_xlsx
from tests.conftest import MINIMAL_PLAN


def test_a_plan_text_with_control_characters_or_too_long_still_makes_a_template(
    registry: InstitutionRegistry, tmp_path: Path
) -> None:
    """A vertical tab (a line break pasted from Word) or a bell in a plan text cannot be stored in xlsx (the build
    stopped with a traceback), and a text longer than a cell holds makes Excel call the file damaged."""
    long_text = "Analyse the work\\vof local\\a teams " + "x" * 40_000
    plan_file = tmp_path / "plan.yaml"
    plan_file.write_text(
        MINIMAL_PLAN.replace("text: Analyse the work of local teams", f'text: "{long_text}"'), encoding="utf-8"
    )
    plan = load_plan(plan_file, registry)
    assert "\v" in plan.tasks()[0].text.en
    path = tmp_path / "MUP.xlsx"
    write_xlsx(report_layout(plan, registry, "MUP", Period.parse("2017-03"), "en"), path)
    shown = openpyxl.load_workbook(path)["Tasks"]["B4"].value
    assert shown.startswith("Analyse the workof local teams x") and len(shown) == 32_767  # the most a cell holds
    result = parse_grid(read_xlsx(path), plan, registry, expected_institution="MUP", expected_period="2017-03")
    assert result.issues == []
