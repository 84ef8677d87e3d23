"""A report made just after midnight in Belgrade is worked out for that Belgrade day, not the UTC one (still the
day before until 01:00 or 02:00): the day after a deadline every institution that sent nothing is missing, as the
master shows it, and the report says it was issued that day. A scheduled sync at 00:30 made the brief count them
as not yet due. The expected states come from the plan's reporting duties and the working-day calendar."""

from __future__ import annotations

import datetime as dt

from apmon.schemas.calendar import BELGRADE, DeadlinePolicy, Period, WorkingCalendar
from apmon.schemas.institutions import InstitutionRegistry
from apmon.schemas.plan import Plan
from apmon.sync.report_content import Basis, council_report, minister_brief
from apmon.sync.report_format import date
from apmon.sync.report_writer import _header, _Words
from apmon.templates.layout import reporting_institutions

MONTH = Period.parse("2018-03")


def _just_after_midnight_after_the_deadline() -> dt.datetime:
    """00:30 in Belgrade on the day after the month's deadline, as the ledger's clock gives it (UTC)."""
    due = WorkingCalendar(DeadlinePolicy()).due_date(MONTH).due
    moment = dt.datetime.combine(due + dt.timedelta(days=1), dt.time(0, 30), BELGRADE).astimezone(dt.UTC)
    assert moment.date() == due  # in UTC it is still the deadline day
    return moment


def test_a_brief_made_after_midnight_counts_the_missing_reports(plan: Plan, registry: InstitutionRegistry) -> None:
    basis = Basis(run_id=None, run_finished_at=None, cut_off=_just_after_midnight_after_the_deadline())
    brief = minister_brief(plan, registry, [], [], MONTH, basis, DeadlinePolicy())
    owed = reporting_institutions(plan, registry, "monthly")
    assert owed
    assert {r.institution: r.state for r in brief.reporting} == dict.fromkeys(owed, "missing")


def test_a_council_report_made_after_midnight_counts_the_missing_reports(
    plan: Plan, registry: InstitutionRegistry
) -> None:
    basis = Basis(run_id=None, run_finished_at=None, cut_off=_just_after_midnight_after_the_deadline())
    report = council_report(plan, registry, [], [], MONTH, MONTH, basis, DeadlinePolicy())
    owed = reporting_institutions(plan, registry, "monthly")
    assert {d.institution: d.missing for d in report.discipline} == dict.fromkeys(owed, 1)


def test_a_report_made_after_midnight_is_issued_that_day(plan: Plan, registry: InstitutionRegistry) -> None:
    """The date under the title: the Belgrade day (the cut-off beside it is already printed in Belgrade time)."""
    made = _just_after_midnight_after_the_deadline()
    basis = Basis(run_id=None, run_finished_at=None, cut_off=made)
    header = _header(_Words(plan, registry, "en"), plan, "Title", "Period", basis, made)
    assert header["issued"] == date(made.astimezone(BELGRADE).date(), "en")
