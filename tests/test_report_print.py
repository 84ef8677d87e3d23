"""The Coordinator's reports as their readers see them on paper: numbers, months and dates in the reader's way,
every word in the report's language and script, nothing split or cut. Charts are checked through the words
matplotlib writes into the SVG beside each drawn text (the PDF carries them as outlines, not as text)."""

from __future__ import annotations

import base64
import re
from decimal import Decimal

import pytest

from apmon.schemas.institutions import InstitutionRegistry
from apmon.schemas.plan import Plan
from apmon.sync.report_content import BudgetRow
from apmon.sync.report_format import share
from apmon.sync.report_writer import Section, _budget_table, _printed, _Words, budget_chart

LATIN = re.compile("[A-Za-zčćđšžČĆĐŠŽ]")
BUDGET = [
    BudgetRow(institution="MUP", planned=Decimal("1234000"), spent=Decimal("494500"), share=None),
    BudgetRow(institution="MZ", planned=Decimal("211480"), spent=Decimal("39500"), share=None),
]


def chart_texts(data_uri: str) -> list[str]:
    svg = base64.b64decode(data_uri.split(",", 1)[1]).decode()
    return re.findall(r"<!-- (.*?) -->", svg)


@pytest.mark.parametrize(
    ("lang", "ticks", "unit"),
    [
        ("sr-Latn", ["0,0", "0,2", "0,4", "0,6", "0,8", "1,0", "1,2"], "mil. RSD"),
        ("sr-Cyrl", ["0,0", "0,2", "0,4", "0,6", "0,8", "1,0", "1,2"], "мил. РСД"),
        ("en", ["0.0", "0.2", "0.4", "0.6", "0.8", "1.0", "1.2"], "million RSD"),
    ],
)
def test_the_budget_charts_axis_is_in_the_readers_numbers_and_script(
    plan: Plan, registry: InstitutionRegistry, lang: str, ticks: list[str], unit: str
) -> None:
    texts = chart_texts(budget_chart(_Words(plan, registry, lang), 2018, BUDGET, (3.6, 2.3)))  # type: ignore[arg-type]
    assert [t for t in texts if re.fullmatch(r"[\d.,]+", t)] == ticks
    assert unit in texts
    if lang == "sr-Cyrl":  # nothing Latin but the institutions' codes
        assert [t for t in texts if LATIN.search(t)] == ["MUP", "MZ"]


def test_a_budget_share_is_rounded_once_so_the_total_row_agrees_with_the_summary(
    plan: Plan, registry: InstitutionRegistry
) -> None:
    # the demo's June 2018 brief: 1.202.600,00 of 3.127.940,00 is 38,447 %; its summary said 38,4 %, its table
    # 38,5 % (the share rounded to 0.3845 first); a row's share as the content gives it, rounded to 4 places
    spent, planned = Decimal("1202600"), Decimal("3127940")
    row = BudgetRow(
        institution="MUP", planned=planned, spent=spent, share=(spent / planned).quantize(Decimal("0.0001"))
    )
    for lang, shown in (("sr-Latn", "38,4 %"), ("en", "38.4%")):
        table = _printed([Section("", _budget_table(_Words(plan, registry, lang), 2018, [row]))], lang, None)[0]  # type: ignore[arg-type]
        assert [r[-1] for r in table["table"]["rows"]] == [shown, shown]
        assert share(spent / planned, lang) == shown  # the summary's
