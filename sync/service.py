"""What the commands do with a configuration: load the plan, open the ledger, run the sync once, tell where
things stand. The command line only parses options and shows the results; errors are the library's own
(DataFileError, LedgerError, LedgerBusy, GoogleConfigError)."""

from __future__ import annotations

import datetime as dt
import itertools
import sys
from collections.abc import Iterator
from contextlib import nullcontext
from pathlib import Path

from apmon.schemas.calendar import BELGRADE
from apmon.schemas.institutions import InstitutionRegistry
from apmon.schemas.messages import text_of
from apmon.schemas.plan import Plan
from apmon.schemas.said import SaidError
from apmon.schemas.text import Lang
from apmon.sync.config import Config, load_config
from apmon.sync.head_start import HeadStart, head_start
from apmon.sync.ledger import (
    HEAD_REVISION,
    ArrivalRow,
    Ledger,
    LedgerError,
    Trigger,
    VersionRow,
)
from apmon.sync.run import (
    Progress,
    RegistryChanged,
    RunSummary,
    configured_sources,
    master_cut_off,
    run_sync,
)
from apmon.templates.plan_file import DEFAULT_INSTITUTIONS, DataFileError, load_plan_and_registry, load_registry


def plan_and_registry(
    settings: Config, plan: Path | None = None, institutions: Path | None = None
) -> tuple[Plan, InstitutionRegistry]:
    """The plan and registry the options name, else the configured ones, else the shipped ones."""
    data_dir = settings.sync.data_dir
    return load_plan_and_registry(plan or settings.plan, institutions or settings.institutions, data_dir, data_dir)


def open_ledger(settings: Config, lang: Lang | None = None) -> Ledger:
    """The configured ledger; a SQLite file's folder is created first. An upgrade is said in `lang`, the command's
    language (by default the configuration's master_lang)."""
    if (path := settings.sync.ledger_file()) is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
    ledger = Ledger.open(settings.sync.ledger_url())
    if (told := upgrade_said(ledger, lang or settings.sync.master_lang)) is not None:
        print(told, file=sys.stderr)
    return ledger


def upgrade_said(ledger: Ledger, lang: Lang) -> str | None:
    """The one line saying that opening `ledger` upgraded an older apmon's ledger (said once, by the first command
    after an upgrade of apmon: the Coordinator knows how to go back); None when it was at the newest revision."""
    if ledger.upgraded_from is None:
        return None
    return text_of("ledger.upgraded", lang, url=ledger.shown_url, old=ledger.upgraded_from, new=HEAD_REVISION)


RUN_STARTS = 3  # a run starts again while the registry changed as it waited for the lock; then it says so


def sync_once(
    settings: Config,
    trigger: Trigger,
    progress: Progress | None = None,
    as_of: dt.date | None = None,
    started: HeadStart | None = None,
) -> RunSummary:
    """One sync run of the configured sources (LedgerBusy when another run holds the ledger). The plan is loaded
    before the ledger is opened: a broken plan leaves the ledger untouched. `started`: the run's head start, made
    before this module was loaded (a command's run), else made here. A run whose registry changed while it waited
    for the lock starts again with apmon.toml and the files as they are then (RegistryChanged after RUN_STARTS)."""
    for start in range(1, RUN_STARTS + 1):
        try:
            return _sync_once(settings, trigger, progress, as_of, started)
        except RegistryChanged:
            if start == RUN_STARTS:
                raise
            settings, started = configured_now(settings), None
    raise AssertionError("unreachable")


def configured_now(settings: Config) -> Config:
    """The configuration as its file is now (the first `apmon institution` edit names a registry copy in it, and
    makes the file where there was none); the same `settings` when code made them, not load_config."""
    file = Path(settings.file)
    return load_config(file) if settings.loaded and file.is_file() else settings


def registry_now(settings: Config) -> tuple[InstitutionRegistry, str]:
    """The registry as apmon.toml names it now, read as its file is now, and that file."""
    institutions = configured_now(settings).institutions
    return load_registry(institutions), str(institutions or DEFAULT_INSTITUTIONS)


def _sync_once(
    settings: Config, trigger: Trigger, progress: Progress | None, as_of: dt.date | None, started: HeadStart | None
) -> RunSummary:
    with nullcontext(started) if started is not None else head_start(settings) as start:
        # The configuration's as_of is the day the master is worked out for (the demo's, a past month's master
        # made again): e-mails and the brief go out only for today, or for a day a caller (a test) names.
        master_day = as_of or settings.sync.as_of
        ledger = open_ledger(settings)
        try:
            sources, client, google_problem = configured_sources(settings, ledger, start.folder)
            summary = run_sync(
                plan=start.plan,
                registry=start.registry,
                ledger=ledger,
                sources=sources,
                settings=settings.sync,
                calendar=start.calendar,
                trigger=trigger,
                as_of=master_day,
                google_client=client,
                google_problem=google_problem,
                progress=progress,
                parser=start.parser,
                coordinator=settings.reports.coordinator,
                registry_now=lambda: registry_now(settings),
            )
            if as_of is None and settings.sync.as_of is not None:
                if settings.mail.sends_after_sync or settings.reports.minister_after_deadline:
                    said = text_of("sync.as_of_no_mail", settings.sync.master_lang, day=settings.sync.as_of)
                    summary.done.append(said)
            else:
                recorded = len(summary.errors)
                after_sync(settings, start.plan, start.registry, ledger, summary, master_day)
                if len(summary.errors) > recorded:  # the e-mail or the brief failed: `sync status` shows it too
                    ledger.note_run_errors(summary.run_id, summary.errors)
            return summary
        finally:
            ledger.close()


def after_sync(
    settings: Config,
    plan: Plan,
    registry: InstitutionRegistry,
    ledger: Ledger,
    summary: RunSummary,
    as_of: dt.date | None,
) -> None:
    """The steps at the end of a run, as configured: the e-mails due today (into the summary), and the Minister's
    brief once its month's deadline has passed ([reports]). A step that fails is one error of the run (the sync
    itself is done): contacts or mail settings that cannot be used, a brief that cannot be written."""
    now = dt.datetime.now(dt.UTC)
    today = as_of or now.astimezone(BELGRADE).date()
    lang = settings.sync.master_lang  # the summary's language
    # The mail and report code is loaded only when configured: a run without them starts faster.
    waits = summary.sources_not_listed  # who has sent what is not known: no one is told of a report not sent
    if waits and (settings.mail.sends_after_sync or settings.reports.minister_after_deadline):
        summary.errors.append(text_of("sync.reminders_wait", lang, sources=", ".join(waits)))
    if settings.mail.sends_after_sync:
        from apmon.sync.mail import MailConfigError
        from apmon.sync.remind import remind

        try:
            summary.mail = remind(
                settings,
                plan,
                registry,
                ledger,
                today=today,
                now=lambda: now,
                not_read=summary.held_back(),
                reminders_wait=bool(waits),
            ).lines(lang)
        except (DataFileError, MailConfigError, LedgerError) as exc:
            summary.errors.append(text_of("sync.no_mail", lang, reason=_said(exc, lang)))
    if settings.reports.minister_after_deadline and not waits:
        from apmon.schemas.dates import said_if_month
        from apmon.sync.reports import ReportError, brief_after_sync, brief_waiting

        try:
            issued = brief_after_sync(settings, plan, registry, ledger, today, not_read=summary.held_back())
        except (OSError, LedgerError, ReportError) as exc:
            summary.errors.append(text_of("sync.brief_not_issued", lang, reason=_said(exc, lang)))
            return
        if issued is not None:
            month = said_if_month(issued.first, lang)  # "za januar 2018.", was "za 2018-01"
            summary.done.append(text_of("sync.brief_issued", lang, month=month, file=issued.files[0]))
        elif waiting := brief_waiting(settings, plan, ledger, today, summary.held_back()):
            month, held = waiting  # said at every run it waits (Google silent, a file being written)
            said = said_if_month(str(month), lang)
            key = "sync.brief_waits_one" if len(held) == 1 else "sync.brief_waits"  # one report said as one
            summary.warnings.append(text_of(key, lang, month=said, institutions=", ".join(held)))


def _said(error: Exception, lang: Lang) -> str:
    """An error of the library in `lang` (a data file's problems on one line); another library's in its words."""
    if isinstance(error, DataFileError):
        return "; ".join(e.said(lang) for e in error.errors)
    return error.said(lang) if isinstance(error, SaidError) else str(error)


def versions_with_arrivals(
    ledger: Ledger, institution: str | None = None, period: str | None = None
) -> list[tuple[VersionRow, list[ArrivalRow]]]:
    """The stored versions (of one institution or period when given), each with every time it came in."""
    versions = ledger.versions(institution=institution, period=period, reports=False)  # listed, not read
    by_version: dict[int, list[ArrivalRow]] = {v.id: [] for v in versions}
    for arrival in ledger.arrivals(v.id for v in versions):
        by_version[arrival.version_id].append(arrival)
    return [(v, by_version[v.id]) for v in versions]


def counted_versions(ledger: Ledger, as_of: dt.date | None = None) -> dict[tuple[str, str], VersionRow]:
    """The version whose content counts for the master, by (institution, period), with its report's timing: the
    same choice the master's Submissions cell names ("verzija 264"). `as_of`: the master's day (`[sync] as_of`):
    a version submitted after it does not count there, so not here either."""
    accepted, _ = ledger.current(reports=False, sent_before=master_cut_off(as_of))
    return {(v.institution or "", v.period or ""): v for v in accepted}


def schedule(expression: str, start: dt.datetime) -> Iterator[dt.datetime]:
    """The times a cron expression names after `start`, on this machine's clock as systemd and Task Scheduler
    read it (ValueError when it is not a cron expression). The times are counted on the wall clock and each is
    given its own offset: `start`'s fixed offset would move every run by an hour after a change to or from
    summer time."""
    from croniter import CroniterBadDateError, croniter

    # Five fields, or a word (@daily): croniter reads a sixth field as seconds ("* * * * * *": a sync every second)
    if len(expression.split()) not in (1, 5) or not croniter.is_valid(expression):
        raise ValueError(f"{expression!r} is not a cron expression (minute hour day month weekday), e.g. '0 7 * * 1-5'")
    times = _wall_times(expression, start)
    try:
        first = next(times)
    except CroniterBadDateError as exc:  # 30 February, 31 April: croniter takes it, then finds no time
        raise CronNeverError(f"{expression!r} names no day there is") from exc
    return itertools.chain([first], times)


class CronNeverError(ValueError):
    """A cron expression that names no time there is (a day no month has: 30 February)."""


def _wall_times(expression: str, start: dt.datetime) -> Iterator[dt.datetime]:
    """Each wall time as a moment, always later than the one before. A wall time the clock skips in March (02:30)
    is the moment it would have been by the winter offset (03:30 summer time): read as 01:30 it came before the
    02:00 that went before it, and a schedule every half hour ran three times at once. Twice in the repeated
    hour of October is once (the first)."""
    from croniter import croniter

    times, last = croniter(expression, start.astimezone().replace(tzinfo=None)), start
    while True:
        wall = times.get_next(dt.datetime)
        moment = wall.astimezone()
        if moment.replace(tzinfo=None) != wall:  # the clock skips it
            moment = wall.replace(fold=1).astimezone()
        if moment > last:
            last = moment
            yield moment
