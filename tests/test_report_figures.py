"""The figures of the Coordinator's reports (the Minister's brief, the Council report, the annual evaluation) on
the shipped plan, each worked out here from the plan YAML and the amounts typed in the reports below, never by
the code that makes the reports."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from apmon.schemas.calendar import DeadlinePolicy, Period
from apmon.schemas.institutions import InstitutionRegistry
from apmon.schemas.plan import Plan
from apmon.schemas.report import Report
from apmon.sync.consolidate import Submission
from apmon.sync.report_content import Basis, minister_brief
from tests.pure_data import indicator, report

AT = dt.datetime(2019, 1, 31, tzinfo=dt.UTC)
BASIS = Basis(run_id=1, run_finished_at=AT, cut_off=AT)
PLAN_YAML = yaml.safe_load((Path(__file__).parent.parent / "templates" / "data" / "plan-2017-2018.yaml").read_text())


def measures() -> dict[str, str]:
    """Each counting indicator's measure (flow / stock), as the plan file writes it."""
    return {
        i["id"]: i["measure"]
        for o in PLAN_YAML["objectives"]
        for a in o["activities"]
        for i in a.get("indicators", [])
        if i.get("counts")
    }


def sub(r: Report) -> Submission:
    return Submission(file=r.source, received_at=AT, readable=True, valid=True, institution=r.institution,
                      period=r.period, kind=r.kind, on_time=True, days_late=0, report=r)  # fmt: skip


def test_the_briefs_year_to_date_adds_up_a_flow_and_takes_a_stocks_latest_level(
    plan: Plan, registry: InstitutionRegistry
) -> None:
    """1.3.i4 ("Number of representatives") is a stock: 16 in January, 34 in May, 25 in June is a level of 25 in
    June, not 75 (the demo's brief for June 2018 said 75 for MSP)."""
    kinds = measures()
    stock, flow = "1.3.i4", "1.3.i3"
    assert (kinds[stock], kinds[flow]) == ("stock", "flow")
    typed: dict[str, dict[str, Any]] = {"2018-01": {stock: 16, flow: 16}, "2018-05": {stock: 34, flow: 34},
                                        "2018-06": {stock: 25, flow: 25}}  # fmt: skip
    reports = [
        report("MSP", period, indicators=[indicator(i, 5 + n, total=v) for n, (i, v) in enumerate(values.items())])
        for period, values in typed.items()
    ]
    accepted = [sub(r) for r in reports]
    brief = minister_brief(plan, registry, accepted, accepted, Period.parse("2018-06"), BASIS, DeadlinePolicy())
    expected: dict[str, int] = defaultdict(int)
    for values in typed.values():  # oldest month first
        for ind, v in values.items():
            expected[ind] = v if kinds[ind] == "stock" else expected[ind] + v
    got = {line.indicator: line.year_to_date for line in brief.indicators if line.institution == "MSP"}
    assert got == dict(expected) == {stock: 25, flow: 75}
