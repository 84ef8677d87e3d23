"""Who is asked for which report (issue 15 point 13): the duties follow the plan (seed 10.1, 10.2).

The bodies that lead or partner tasks owe the full monthly and annual report; the Working Group members without
tasks a short monthly report; the five civil society representatives their observations per activity; the
Council, the Coordinator and the Working Group as a body receive reports and are never asked.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml

from apmon.schemas.calendar import Period
from apmon.schemas.institutions import InstitutionRegistry
from apmon.schemas.plan import Plan
from apmon.sync.consolidate import Submission, consolidate
from apmon.sync.findings import ConsolidationSettings
from apmon.sync.ledger import Ledger
from apmon.sync.reminders import plan_mails, required
from apmon.templates.validation import validate_file
from tests.reports import filled_report
from tests.test_sync import Office, row_of

DATA = Path(__file__).parents[1] / "templates" / "data"
RECEIVERS = {"SAVET", "NK", "RG"}  # the Council, the Coordinator, the Working Group as a body
COVER = {("cover", "preparer", "value"): "Ana Jovanović", ("cover", "date", "value"): "05.04.2018"}


def expected_duties() -> dict[str, str]:
    """The duties worked out here from the plan and registry files themselves."""
    plan = yaml.safe_load((DATA / "plan-2017-2018.yaml").read_text(encoding="utf-8"))
    registry = yaml.safe_load((DATA / "institutions.yaml").read_text(encoding="utf-8"))["institutions"]
    with_tasks = {
        code
        for objective in plan["objectives"]
        for activity in objective["activities"]
        for task in activity["tasks"]
        for code in [*task.get("lead", []), *task.get("partners", [])]
    }
    duties = {}
    for inst in registry:
        code = inst["code"]
        if not inst.get("reports", True):
            continue
        if code in with_tasks:
            duties[code] = "tasks"
        elif inst.get("civil_society_representative"):
            duties[code] = "observer"
        elif inst.get("working_group_member"):
            duties[code] = "member"
    return duties


def test_the_duties_are_those_the_plan_file_gives(plan: Plan, registry: InstitutionRegistry) -> None:
    from apmon.templates.layout import reporting_duties  # here: the other tests run (and fail) without it

    expected = expected_duties()
    assert reporting_duties(plan, registry) == expected
    assert {c for c, d in expected.items() if d == "member"} == {"MTTT", "MOS", "BIA", "KIRS", "SIPRU", "CZZTLJ", "CKS"}
    assert {c for c, d in expected.items() if d == "observer"} == {f"OCD{n}" for n in range(1, 6)}
    assert RECEIVERS.isdisjoint(expected) and {"SAVET", "NK", "RG"} <= {
        code for t in plan.tasks() for code in t.lead
    }  # the plan names them leads: still not asked


def test_who_is_chased_each_month_and_each_year(plan: Plan, registry: InstitutionRegistry) -> None:
    expected = expected_duties()
    assert set(required(plan, registry, Period.parse("2018-03"))) == set(expected)
    assert set(required(plan, registry, Period.parse("2018"))) == {c for c, d in expected.items() if d == "tasks"}


def test_reminders_go_to_every_duty_and_never_to_the_receivers(plan: Plan, registry: InstitutionRegistry) -> None:
    from apmon.schemas.calendar import WorkingCalendar
    from apmon.sync.reminders import Contact

    codes = registry.codes
    contacts = {code: Contact(to=[f"{code.lower()}@example.rs"]) for code in codes}
    found = plan_mails(
        plan=plan,
        registry=registry,
        calendar=WorkingCalendar(),
        contacts=contacts,
        accepted=[],
        latest=[],
        sent=[],
        today=dt.date(2018, 4, 9),
        now=dt.datetime(2018, 4, 9, 8, tzinfo=dt.UTC),
        period=Period.parse("2018-03"),
    )
    assert {m.institution for m in found.mails} == set(expected_duties())


def _master(plan: Plan, registry: InstitutionRegistry, accepted: list[Submission]) -> dict[str, Any]:
    settings = ConsolidationSettings(
        first=Period.parse("2018-03"), last=Period.parse("2018-03"), as_of=dt.date(2019, 3, 1), lang="en"
    )
    return {t.sheet: t for t in consolidate(plan, registry, accepted, accepted, settings)}


def test_the_master_lists_every_duty_and_never_the_receivers(plan: Plan, registry: InstitutionRegistry) -> None:
    tables = _master(plan, registry, [])
    submissions = tables["Submissions"]
    rows = {row[0]: row for row in submissions.rows}
    assert set(rows) == set(expected_duties())
    duty = [c.key for c in submissions.columns].index("duty")
    assert rows["MOS"][duty] == "WG member: short monthly" and rows["OCD3"][duty] == "civil society: observations"
    assert rows["MZ"][duty] == "tasks: monthly and annual"
    # The short reports are monthly: no annual report is owed, so none is missing.
    assert rows["MOS"][1:3] == ["missing", "not required"] and rows["MZ"][1:3] == ["missing", "missing"]
    assert {row[1] for row in tables["Overview"].rows}.isdisjoint({registry.get(c).display("en") for c in RECEIVERS})


def _submission(path: Path, plan: Plan, registry: InstitutionRegistry) -> Submission:
    checked = validate_file(path, plan, registry)
    assert checked.valid, [(i.code, i.cell) for i in checked.issues]
    return Submission(
        file=path.name,
        received_at=dt.datetime(2018, 4, 5, 9, tzinfo=dt.UTC),
        readable=True,
        valid=True,
        institution=checked.institution,
        period=checked.period,
        kind=checked.kind,
        due=dt.date(2018, 4, 6),
        on_time=True,
        report=checked.report,
    )


def test_a_member_report_round_trips_into_the_master(plan: Plan, registry: InstitutionRegistry, tmp_path: Path) -> None:
    edits = {
        **COVER,
        ("member", "activities", "text"): "Two staff trainings on the indicators of trafficking.",
        ("member", "problems", "text"): "No funds for the summer camps.",
        ("member", "proposals", "text"): "Make the Ministry a partner in task 2.1.2.",
    }
    path, layout = filled_report(plan, registry, tmp_path, "MOS", "2018-03", edits, lang="sr-Cyrl")
    assert [s.role for s in layout.sheets] == ["cover", "member", "instructions"]
    submission = _submission(path, plan, registry)
    assert submission.report is not None and submission.report.duty == "member"
    assert submission.report.narrative["proposals"] == "Make the Ministry a partner in task 2.1.2."
    tables = _master(plan, registry, [submission])
    mos = next(row for row in tables["Submissions"].rows if row[0] == "MOS")
    assert mos[1] == "on time"
    problems = [row for row in tables["Problems and risks"].rows if row[1] == "MOS"]
    assert problems == [
        ["2018-03", "MOS", "", "WG member report", "No funds for the summer camps.",
         "Make the Ministry a partner in task 2.1.2.", ""],
    ]  # fmt: skip


def test_civil_society_observations_round_trip_into_the_master(
    plan: Plan, registry: InstitutionRegistry, tmp_path: Path
) -> None:
    edits = {
        **COVER,
        ("observations", "2.1", "observation"): "The trainings leave out work with children.",
        ("observations", "2.1", "proposal"): "Add a module on child victims.",
        ("observations", "4.2", "observation"): "No public figures.",
    }
    path, layout = filled_report(plan, registry, tmp_path, "OCD2", "2018-03", edits)
    assert [r.key for r in layout.sheet("observations").rows] == [a.id for a in plan.activities()]
    submission = _submission(path, plan, registry)
    assert submission.report is not None and submission.report.duty == "observer"
    rows = [row for row in _master(plan, registry, [submission])["Problems and risks"].rows if row[1] == "OCD2"]
    assert [row[2:6] for row in rows] == [
        ["2.1", "civil society observations", "The trainings leave out work with children.",
         "Add a module on child victims."],
        ["4.2", "civil society observations", "No public figures.", ""],
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("code", "role", "code_expected", "column"),
    [("CKS", "member", "member-report-empty", "text"), ("OCD5", "observations", "observations-empty", "observation")],
)
def test_an_empty_short_report_is_an_error_at_its_first_cell(
    plan: Plan, registry: InstitutionRegistry, tmp_path: Path, code: str, role: str, code_expected: str, column: str
) -> None:
    path, layout = filled_report(plan, registry, tmp_path, code, "2018-03", COVER)
    checked = validate_file(path, plan, registry)
    first = layout.sheet(role).rows[0].key  # type: ignore[arg-type]
    assert [(i.code, i.sheet, i.cell) for i in checked.issues] == [
        (code_expected, *layout.cell_of(role, first, column))  # type: ignore[arg-type]
    ]
    assert not checked.valid


def test_victims_personal_data_is_caught_in_the_short_reports(
    plan: Plan, registry: InstitutionRegistry, tmp_path: Path
) -> None:
    edits = {**COVER, ("member", "problems", "text"): "Žrtva JMBG 1505953710011 nije smeštena."}
    path, layout = filled_report(plan, registry, tmp_path, "BIA", "2018-03", edits)
    checked = validate_file(path, plan, registry)
    assert [(i.code, i.sheet, i.cell) for i in checked.issues] == [
        ("personal-data", *layout.cell_of("member", "problems", "text"))
    ]


def test_the_sync_puts_the_short_reports_into_the_master(
    plan: Plan, registry: InstitutionRegistry, tmp_path: Path
) -> None:
    ledger = Ledger.open(f"sqlite:///{tmp_path / 'ledger.sqlite'}")
    try:
        office = Office(tmp_path, plan, registry, ledger)
        filled_report(
            plan,
            registry,
            office.folder,
            "KIRS",
            "2018-03",
            {**COVER, ("member", "problems", "text"): "Centres full."},
            name="KIRS_2018-03.xlsx",
        )
        filled_report(
            plan,
            registry,
            office.folder,
            "OCD1",
            "2018-03",
            {**COVER, ("observations", "1.1", "observation"): "Local teams meet rarely."},
            name="OCD1_2018-03.xlsx",
        )
        summary = office.sync()
        assert not summary.errors
        book = office.master()
        submissions = book["Submissions"]
        assert {r[0] for r in submissions.iter_rows(min_row=4, values_only=True) if r[0]}.isdisjoint(RECEIVERS)
        assert row_of(submissions, "KIRS")[1].startswith("late")  # the file was saved today, long after its month
        problems = book["Problems and risks"]
        assert row_of(problems, "KIRS", column=2)[3:5] == ["WG member report", "Centres full."]
        observed = ["1.1", "civil society observations", "Local teams meet rarely."]
        assert row_of(problems, "OCD1", column=2)[2:5] == observed
    finally:
        ledger.close()


def test_the_ministers_brief_counts_the_short_reports_and_gives_a_members_problem(
    plan: Plan, registry: InstitutionRegistry, tmp_path: Path
) -> None:
    from apmon.schemas.calendar import DeadlinePolicy
    from apmon.sync.report_content import Basis, minister_brief

    edits = {**COVER, ("member", "problems", "text"): "No interpreters.", ("member", "proposals", "text"): "Hire two."}
    path, _ = filled_report(plan, registry, tmp_path, "SIPRU", "2018-03", edits)
    accepted = [_submission(path, plan, registry)]
    cut_off = dt.datetime(2018, 4, 20, tzinfo=dt.UTC)
    brief = minister_brief(
        plan,
        registry,
        accepted,
        accepted,
        Period.parse("2018-03"),
        Basis(run_id=1, run_finished_at=cut_off, cut_off=cut_off),
        DeadlinePolicy(),
    )
    assert {r.institution for r in brief.reporting} == set(expected_duties())
    assert next(r.state for r in brief.reporting if r.institution == "SIPRU") == "on-time"
    assert [(p.institution, p.text, p.measures) for p in brief.problems] == [("SIPRU", "No interpreters.", "Hire two.")]
