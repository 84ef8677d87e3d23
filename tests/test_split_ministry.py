"""A ministry split in two during the plan: its budget lines move, with its tasks, to the successor that takes each
over (the plan file's `payer`), and what it spent on them before the split stays counted, in the master and in the
Coordinator's reports alike."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml

from apmon.schemas.calendar import DeadlinePolicy, Period
from apmon.schemas.institutions import InstitutionRegistry
from apmon.schemas.plan import Plan
from apmon.schemas.report import Report
from apmon.sync.consolidate import Submission
from apmon.sync.report_content import Basis, council_report
from tests.pure_data import budget, report
from tests.test_reporting_window import _data

PLAN_FILE = Path(__file__).parents[1] / "templates/data/plan-2017-2018.yaml"
AT = dt.datetime(2019, 1, 31, tzinfo=dt.UTC)
BASIS = Basis(run_id=1, run_finished_at=AT, cut_off=AT)


def _submission(r: Report) -> Submission:
    return Submission(file=r.source, received_at=AT, readable=True, valid=True, institution=r.institution,
                      period=r.period, kind=r.kind, on_time=True, days_late=0, report=r)  # fmt: skip


def test_a_line_moved_to_a_successor_is_executed_by_what_its_predecessor_spent(registry: InstitutionRegistry) -> None:
    """MRZBSP split after June 2018: its line 5.3.2/1 (150.000 RSD, 2017) moves to its successor MPSP with the task.
    MRZBSP's annual report for 2017 gave 121.600 spent on it. The master's Budget sheet counts that for MPSP (a
    line's spending is its owner's whoever reported it); the Council report listed the line as not executed, "no
    report for 2017" (MPSP sent none), beside the master showing it spent."""
    data = yaml.safe_load(PLAN_FILE.read_text(encoding="utf-8"))
    task = next(t for o in data["objectives"] for a in o["activities"] for t in a["tasks"] if t["id"] == "5.3.2")
    assert task["lead"] == ["MRZBSP"] and task["budget"][0]["payer"] == "MRZBSP"
    assert (task["budget"][0]["amount"], task["budget"][0]["year"]) == (150000, 2017)
    task["lead"], task["budget"][0]["payer"] = ["MPSP"], "MPSP"
    plan = Plan.model_validate(data)
    windows = _data(registry, {"MRZBSP": {"reports_until": "2018-06"}})
    successor = {"code": "MPSP", "kind": "ministry", "reports_from": "2018-07"}
    successor["name"] = {"sr-Latn": "Ministarstvo za porodicu", "sr-Cyrl": "Министарство за породицу", "en": "Family"}
    split = InstitutionRegistry.model_validate(windows | {"institutions": [*windows["institutions"], successor]})
    spent = report("MRZBSP", "2017", budget=[budget("5.3.2/1", 5, 150000, spent_year=121600)])
    accepted = [_submission(spent)]
    june = Period.parse("2018-06")
    council = council_report(plan, split, accepted, accepted, june, june, BASIS, DeadlinePolicy())
    listed = {(r.task, r.year) for r in council.not_executed}
    assert (("5.3.2", 2017) in listed, ("5.3.2", 2018) in listed) == (False, True)  # 2018's line: nothing spent yet
