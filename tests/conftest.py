"""Shared test data."""

# A small valid plan: tests derive malformed plans from it one change at a time.
MINIMAL_PLAN = """\
id: ap-test
title: Test plan
strategy: Test strategy
start: 2017-01-01
end: 2018-12-31
objectives:
  - id: "1"
    title: Partnership
    activities:
      - id: "1.1"
        title: Local partnership
        deadline:
          as_written: Continuously through the end of 2018
          kind: continuous
          end: 2018-12-31
        tasks:
          - id: "1.1.1"
            text: Analyse the work of local teams
            lead: [MUP]
            partners: [JLS]
            and_partners: true
            responsible_as_written: Ministry of the Interior, local self-governments and partners
            budget:
              - source: state-budget
                payer: MUP
                amount: 102000
                currency: RSD
                year: 2017
                as_written: Budget – Ministry of the Interior 102.000 RSD for 2017
        indicators:
          - id: "1.1.i1"
            text: Number of participants in joint actions
            counts: true
            measure: flow
            breakdown: [women, men, girls, boys]
        risks: [Low priority in work planning]
financial_effects:
  strategy:
    title: Part 1
    first_year: 2017
    last_year: 2019
    totals:
      - {institution: MUP, year: 2017, amount: 102000}
  action_plan:
    title: Part 2
    first_year: 2017
    last_year: 2018
    totals:
      - {institution: MUP, year: 2017, amount: 102000}
"""


import pytest  # noqa: E402

from apmon.schemas.institutions import InstitutionRegistry  # noqa: E402
from apmon.schemas.plan import Plan  # noqa: E402
from apmon.templates.plan_file import load_plan, load_registry  # noqa: E402


@pytest.fixture(scope="session")
def registry() -> InstitutionRegistry:
    return load_registry()


@pytest.fixture(scope="session")
def plan(registry: InstitutionRegistry) -> Plan:
    return load_plan(None, registry)
