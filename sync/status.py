"""What `apmon sync status` shows of the ledger: the last run, whether the master needs writing again, the grid of
the monthly reports, and what a Coordinator taking over needs to know. Kept apart from the service, whose run with
nothing changed loads no consolidation (tests/test_startup.py).
"""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict

from apmon.schemas.calendar import WorkingCalendar
from apmon.schemas.plan import Plan
from apmon.sync.config import Config
from apmon.sync.consolidate import Submission, SubmissionGrid, submission_grid
from apmon.sync.findings import CopiedTimes, DuplicateReport, copied_file_times
from apmon.sync.ledger import IssuedKind, IssuedReportRow, Ledger, RunRow
from apmon.sync.run import (
    consolidation_settings,
    coordinator_mark,
    current_submissions,
    master_basis,
    master_cut_off,
    master_files_there,
    reports_not_read,
)
from apmon.sync.service import open_ledger, plan_and_registry


class CouncilDue(BaseModel):
    """When the Council was last informed (the last Council report issued, its span) and by when it must be next
    (seed 10.2: at least every 60 days; with no report yet, from the start of monitoring)."""

    model_config = ConfigDict(frozen=True)

    issued: dt.date | None
    first: str = ""
    last: str = ""
    started: dt.date  # the start of monitoring, counted from when no report was issued
    due: dt.date
    today: dt.date  # the day the status is of (`[sync] as_of`, else today)
    by: str | None = None  # who issued the last one; None: not recorded (issued before apmon recorded it)


class LastBrief(BaseModel):
    """The monthly brief to the Minister of the latest month one was issued for: its month and the day."""

    model_config = ConfigDict(frozen=True)

    month: str
    issued: dt.date
    by: str | None = None  # who issued it; None: not recorded (issued before apmon recorded it)


class CoordinatorRecords(BaseModel):
    """What the Coordinators recorded in the ledger, for whoever takes over: decisions, comments, e-mails."""

    model_config = ConfigDict(frozen=True)

    task_statuses: int
    assessments: int
    comments: int
    authors: list[str]  # the names decisions were recorded under (`--by`), in the order first used
    last_at: dt.datetime | None
    mails_sent: int
    mails_unconfirmed: int = 0  # of those sent, left unconfirmed by a run stopped while sending: never sent again
    mails_failed: int
    last_mail_at: dt.datetime | None


class SyncStatus(BaseModel):
    """What the ledger holds: the last run, whether the master needs writing again, the monthly reports, and what a
    Coordinator taking over needs to know: the Council's next report, the decisions and e-mails recorded."""

    model_config = ConfigDict(frozen=True)

    last_run: RunRow | None
    master_stale: bool
    submissions: SubmissionGrid
    ledger: str = ""  # the ledger looked at (its password masked), to name when it is empty
    duplicates: list[DuplicateReport] = []  # the reports several files hold, as the last run found the files
    council: CouncilDue | None = None
    minister: LastBrief | None = None  # None: none issued yet
    records: CoordinatorRecords | None = None
    # The files in the sources that are no institution's report of a period (saved as .xls, not a report at all):
    # the grid has no cell for them, so the report they were meant to be shows as missing.
    not_reports: list[Submission] = []
    # The reports late by one file time long after their deadlines: a folder copied without its times.
    copied_times: CopiedTimes | None = None


def sync_status(settings: Config, today: dt.date) -> SyncStatus:
    plan, registry = plan_and_registry(settings)
    ledger = open_ledger(settings)
    today = settings.sync.as_of or today
    try:
        # The reports the last run could not read, as its master shows them (and so as its basis holds them).
        consolidation = consolidation_settings(
            settings.sync, WorkingCalendar(settings.deadlines), today, plan, reports_not_read(ledger, settings.sync)
        )
        # the grid needs no report: none is read; as of a configured day, what was submitted by then
        current = current_submissions(ledger, master_cut_off(settings.sync.as_of))
        basis = master_basis(plan, registry, consolidation, settings.sync, coordinator_mark(ledger), current.duplicates)
        last = ledger.last_run()
        # new reports, or a new day or settings, or a master file deleted: the next run writes it
        stale = ledger.master_stale() or ledger.master_basis() != basis or not master_files_there(settings.sync, ledger)
        council = council_due(settings, plan, ledger, today)
        brief = last_issued(settings, ledger, "minister", latest_month=True)
        records = coordinator_records(plan, ledger)
    finally:
        ledger.close()
    grid = submission_grid(plan, registry, current.accepted, current.latest, consolidation)
    return SyncStatus(
        last_run=last,
        master_stale=stale,
        submissions=grid,
        ledger=ledger.shown_url,
        duplicates=current.duplicates,
        council=council,
        minister=LastBrief(month=brief[1].last_period, issued=brief[0], by=brief[1].issued_by) if brief else None,
        records=records,
        not_reports=[s for s in current.latest if None in (s.institution, s.period) and not s.deleted_at_source],
        copied_times=copied_file_times(
            (s.period, s.submitted_at, s.days_late)
            for s in current.accepted
            if s.on_time is False and s.submitted_from == "file" and s.period and s.submitted_at and s.days_late
        ),
    )


def last_issued(
    settings: Config, ledger: Ledger, kind: IssuedKind, *, latest_month: bool = False
) -> tuple[dt.date, IssuedReportRow] | None:
    """The last report of `kind` issued and its day, as `apmon report council` counts it: the day it was issued (one
    issued for a configured day, `[sync] as_of`, the day of its cut-off, and none after that day). `latest_month`:
    the last one of the latest month it covers instead (a brief for an earlier month made again later is not the
    Minister's latest news)."""
    from apmon.sync.report_content import belgrade_day

    as_of = settings.sync.as_of
    issued = [(belgrade_day(r.cut_off if as_of else r.issued_at), r) for r in ledger.issued(kind)]
    issued = [(day, r) for day, r in issued if as_of is None or day <= as_of]
    if latest_month:
        return max(issued, key=lambda found: (found[1].last_period, found[0], found[1].id), default=None)
    return max(issued, key=lambda found: (found[0], found[1].id), default=None)


def council_due(settings: Config, plan: Plan, ledger: Ledger, today: dt.date) -> CouncilDue:
    """The last Council report issued and the day the next is due: 60 days after it, or after the start of
    monitoring when none was issued (seed 10.2)."""
    from apmon.sync.report_content import COUNCIL_MAX_DAYS
    from apmon.sync.reports import monitoring_start

    started = monitoring_start(settings, plan)
    limit = dt.timedelta(days=COUNCIL_MAX_DAYS)
    found = last_issued(settings, ledger, "council")
    if found is None:
        return CouncilDue(issued=None, started=started, due=started + limit, today=today)
    day, row = found
    return CouncilDue(
        issued=day,
        first=row.first_period,
        last=row.last_period,
        started=started,
        due=day + limit,
        today=today,
        by=row.issued_by,
    )


def coordinator_records(plan: Plan, ledger: Ledger) -> CoordinatorRecords:
    statuses = ledger.task_status_records()
    years = range(plan.start.year, plan.end.year + 1)
    overrides = [row for year in years for row in ledger.overrides(year)]
    comments = [row for year in years for row in ledger.comments(year)]
    # (author, when) of each record; a comment's author is its commenter, not whoever decides
    decided = sorted([(row.at, row.author) for row in statuses] + [(row.at, row.author) for row in overrides])
    moments = [at for at, _ in decided] + [row.at for row in comments]
    sent, unconfirmed, not_sent, last_mail = ledger.mail_totals()
    return CoordinatorRecords(
        task_statuses=len(statuses),
        assessments=len(overrides),
        comments=len(comments),
        authors=list(dict.fromkeys(author for _, author in decided)),
        last_at=max(moments, default=None),
        mails_sent=sent,
        mails_unconfirmed=unconfirmed,
        mails_failed=not_sent,  # refused and not sent since
        last_mail_at=last_mail,
    )
