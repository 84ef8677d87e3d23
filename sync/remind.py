"""The remind step (`apmon remind`, and the end of a sync run): read what the ledger holds, plan the mails
(`sync.reminders`), send them (`sync.mail`) and record each in the ledger, sent or failed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection
from dataclasses import replace
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from apmon.schemas.calendar import Period, WorkingCalendar, period_order
from apmon.schemas.institutions import InstitutionRegistry
from apmon.schemas.messages import text_of
from apmon.schemas.plan import Plan
from apmon.schemas.report import Report
from apmon.schemas.text import Lang
from apmon.sync.config import Config
from apmon.sync.consolidate import CHECKED_AGAIN, digest_years, repeat_checked_again, repeats_held
from apmon.sync.ledger import Ledger, VersionRow
from apmon.sync.mail import MailConfigError, PartlySent, Sender, SendFailed, SmtpSender, message
from apmon.sync.reminders import Latest, Mail, MailKind, Rules, plan_mails
from apmon.sync.run import consolidation_settings, reports_held, sources_never_synced, still_configured
from apmon.templates.plan_file import DataFileError, located

LOCK_WAIT_S = 300  # a sync run holding the ledger is waited for this long


class MailOutcome(BaseModel):
    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)

    institution: str
    period: str
    kind: MailKind
    version_id: int | None
    to: list[str]
    cc: list[str]
    lang: Lang
    subject: str
    body: str
    outcome: Literal["sent", "failed", "dry-run"]
    wrong_file: tuple[str, str] | None = None  # Mail.wrong_file: said in the sync's line too
    error: str | None = None  # in English, as the ledger keeps it
    failure: SendFailed | None = Field(default=None, exclude=True)  # the same, to be said in the reader's language

    def error_in(self, lang: Lang) -> str | None:
        return self.failure.said(lang) if self.failure is not None else self.error


class NoContact(BaseModel):
    """A mail that was due to an institution without a [contacts] entry."""

    model_config = ConfigDict(frozen=True)

    institution: str
    period: str
    kind: MailKind

    def said(self, lang: Lang) -> str:
        from apmon.schemas.messages import text_of

        kind = text_of(f"remind.kind.{self.kind}", lang)
        return text_of(
            "remind.no_contact", lang, entry=f"{self.institution} ({kind} {self.period})", section="[contacts]"
        )


class Unconfirmed(BaseModel):
    """A mail an earlier run began to send and stopped before the server answered (the ledger's "sending"): the
    server may have taken it, so it is not sent again; someone should ask the institution."""

    model_config = ConfigDict(frozen=True)

    institution: str
    period: str
    kind: MailKind
    to: list[str]
    at: dt.datetime

    def said(self, lang: Lang) -> str:
        from apmon.schemas.messages import text_of

        kind = text_of(f"remind.kind.{self.kind}", lang)
        return text_of(
            "remind.unconfirmed",
            lang,
            entry=f"{self.institution} ({kind} {self.period})",
            to=", ".join(self.to),
            date=self.at,
        )


class RemindResult(BaseModel):
    today: dt.date
    mails: list[MailOutcome] = Field(default_factory=list)
    no_contact: list[NoContact] = Field(
        default_factory=list, description="Institutions a mail was due to but that have no [contacts] entry."
    )
    unconfirmed: list[Unconfirmed] = Field(
        default_factory=list,
        description="Mails of the last days whose sending a stopped run left unanswered: not sent again.",
    )
    not_read: list[tuple[str, str]] = Field(
        default_factory=list,
        description="(institution, period) of the reminders and late notices held back: the last sync saw the "
        "report's file but could not read it, so the report may well be in.",
    )
    waiting_for: list[str] = Field(
        default_factory=list,
        description="The sources the last sync could not list: no reminder or late notice goes until a run lists them.",
    )
    never_synced: list[str] = Field(
        default_factory=list,
        description="The sources configured that no sync has read yet: no reminder or late notice goes until one does.",
    )
    synced_before: bool = Field(
        default=False,
        description="With never_synced: the ledger holds sync runs, that kept no list of what they read (an earlier "
        "apmon's) or read other sources (another apmon.toml).",
    )

    @property
    def failed(self) -> bool:
        """Some mail was not sent, or not to every recipient."""
        return any(m.error for m in self.mails)

    def lines(self, lang: Lang = "en") -> list[str]:
        """One line per mail, for the sync run's summary, in `lang` (the master's language)."""
        from apmon.schemas.calendar import Period
        from apmon.schemas.dates import said_if_month
        from apmon.schemas.messages import text_of
        from apmon.sync.reminders import wrong_file_text

        shown = []
        for m in self.mails:
            period = said_if_month(m.period, lang)  # "mart 2018.", was "2018-03"; a year as it is
            fields = {"kind": text_of(f"remind.kind.{m.kind}", lang), "institution": m.institution, "period": period}
            to = ", ".join(m.to + m.cc)
            if m.error:
                line = text_of("sync.mail_failed", lang, **fields, to=to, error=m.error_in(lang))
            else:
                line = text_of("sync.mail_sent", lang, **fields, to=to)
            if m.wrong_file:
                line = wrong_file_text(m.wrong_file, Period.parse(m.period), lang, "sync.mail_wrong_file", line=line)
            shown.append(line)
        shown += [entry.said(lang) for entry in self.no_contact]
        shown += [entry.said(lang) for entry in self.unconfirmed]
        return shown


def check_contacts(config: Config, registry: InstitutionRegistry) -> None:
    """Every [contacts] code names an institution of the registry (DataFileError naming the file and key)."""
    unknown = [code for code in config.contacts if code not in registry]
    if unknown:
        raise DataFileError(
            [
                located(
                    config.file,
                    "config.unknown_contact",
                    path=f"contacts.{code}",
                    code=repr(code),
                    examples=", ".join([c for c in registry.codes if registry.get(c).reports][:3]),
                )
                for code in unknown
            ]
        )


def remind(
    config: Config,
    plan: Plan,
    registry: InstitutionRegistry,
    ledger: Ledger,
    *,
    today: dt.date,
    now: Callable[[], dt.datetime],
    period: Period | None = None,
    dry_run: bool = False,
    default_lang: Lang | None = None,
    sender: Sender | None = None,
    not_read: Collection[tuple[str, str]] = (),
    reminders_wait: bool = False,
) -> RemindResult:
    """Plan the mails due on `today` and send each (unless `dry_run`), recording it in the ledger. Raises
    DataFileError for bad contacts and MailConfigError when mail cannot be sent: then nothing is sent.
    `not_read`: (institution, period) of reports whose file the sync before could not read (Google not answering):
    no reminder or late notice for them, the report may well be in. `reminders_wait`: a source of the sync before
    could not be listed: no reminder or late notice at all (asked for again by a run that lists it)."""
    check_contacts(config, registry)
    if dry_run:
        return _plan(config, plan, registry, ledger, today, now(), period, default_lang, not_read, reminders_wait)
    if not config.mail.sender:
        raise MailConfigError("mail_error.no_sender")
    using = sender or SmtpSender(config.mail)
    try:
        with ledger.lock(wait=True, timeout=LOCK_WAIT_S):  # two remind steps at once would both send
            planned = _plan(
                config, plan, registry, ledger, today, now(), period, default_lang, not_read, reminders_wait
            )
            sent = [_send(mail, using, ledger, config.mail.sender, now()) for mail in planned.mails]
    finally:
        if sender is None:
            using.close()
    return planned.model_copy(update={"mails": sent})


def _plan(
    config: Config,
    plan: Plan,
    registry: InstitutionRegistry,
    ledger: Ledger,
    today: dt.date,
    now: dt.datetime,
    period: Period | None,
    default_lang: Lang | None,
    not_read: Collection[tuple[str, str]] = (),
    reminders_wait: bool = False,
) -> RemindResult:
    # What the last sync could not read is kept in the ledger: a reminders job run apart from the sync knows it too.
    # Only of the sources configured now: one taken out of apmon.toml since is read by no run, so none waits for it.
    not_read = {*not_read, *reports_held(ledger, config.sync)}
    waiting_for = ledger.sources_not_listed(still_configured(config.sync))
    # Before any run has read a source the ledger knows nothing of it: every institution would be told it is late.
    never_synced = sources_never_synced(ledger, config.sync)
    reminders_wait = reminders_wait or bool(waiting_for) or bool(never_synced)
    accepted, latest = ledger.current(reports=False, as_of=now)  # what had come in by then (a day previewed)
    feedback_since = now - dt.timedelta(days=config.mail.feedback_days)
    standing = _issues_standing(plan, ledger, accepted, [r for r in latest if r.received_at >= feedback_since])
    newest = [
        Latest(
            version_id=row.id,
            institution=row.institution,
            period=row.period,
            file_name=row.file_name,
            received_at=row.received_at,
            submitted_at=row.source_modified,
            valid=row.valid,
            due=row.due,
            on_time=row.counted_on_time,
            days_late=row.counted_days_late,
            issues=standing(row),
            decided_at=row.timing.submitted_at if row.timing and row.timing.corrected_at else None,
        )
        for row in latest
        if row.institution and row.period
    ]
    m = config.mail
    calendar = WorkingCalendar(config.deadlines)

    def shown(period: Period) -> tuple[Period, Period]:
        """The months of the master worked out on the period's deadline day: it owes what the master asks for,
        a `last_period` before or after the plan's end included (`sync.run.last_owed`)."""
        master = consolidation_settings(config.sync, calendar, calendar.due_date(period).due, plan)
        return master.first, master.last

    decided = plan_mails(
        plan=plan,
        registry=registry,
        calendar=calendar,
        contacts=config.contacts,
        accepted=[(r.institution, r.period) for r in accepted if r.institution and r.period],
        latest=newest,
        sent=ledger.mails_sent(),
        today=today,
        now=now,
        rules=Rules(remind_days=m.remind_days, late_days=m.late_days, feedback_days=m.feedback_days),
        period=period,
        default_lang=default_lang,
        shown=shown,
    )
    since = now - dt.timedelta(days=m.feedback_days)
    unconfirmed = [
        Unconfirmed(institution=row.institution, period=row.period, kind=row.kind, to=row.to + row.cc, at=row.sent_at)
        for row in ledger.mails()
        if row.outcome == "sending" and row.sent_at >= since
    ]

    # A report whose file is there but was not read is not known to be missing: asked for again once it is read.
    def held_back(kind: str, institution: str, period: str) -> bool:
        return kind in ("reminder", "late") and (reminders_wait or (institution, period) in not_read)

    asks = [(x.institution, x.period) for x in decided.mails if x.kind in ("reminder", "late")]
    asks += [(code, per) for code, per, kind in decided.no_contact if kind in ("reminder", "late")]
    held = [] if reminders_wait else sorted({ask for ask in asks if ask in not_read})
    mails = [x for x in decided.mails if not held_back(x.kind, x.institution, x.period)]
    no_contact = [
        NoContact(institution=code, period=per, kind=kind)
        for code, per, kind in decided.no_contact
        if not held_back(kind, code, per)  # no mail is due: no contact is missing for it
    ]
    if m.contact:  # whom to call, in each mail's language
        mails = [replace(x, body=x.body + text_of("mail.contact", x.lang, contact=m.contact)) for x in mails]
    return RemindResult(
        today=today,
        mails=[_outcome(mail, "dry-run") for mail in mails],
        no_contact=no_contact,
        unconfirmed=unconfirmed,
        not_read=held,
        waiting_for=waiting_for if asks else [],
        never_synced=never_synced if asks else [],
        synced_before=bool(never_synced and asks) and ledger.last_run() is not None,
    )


def _issues_standing(
    plan: Plan, ledger: Ledger, accepted: list[VersionRow], mailed: list[VersionRow]
) -> Callable[[VersionRow], list[dict[str, Any]]]:
    """A version's stored issues as the master's Issues sheet lists them: a repeat's warning (a split's successor's
    figure, spent-year-repeats-predecessor) only while the newest versions bear it out (consolidate.Repeats), so a
    mail never asks an officer to take out months the old ministry's later correction no longer gives (nor to correct
    a later report of the year corrected since: month-spending-above-annual, spending-above-later-month); and a repeat
    such a correction made since, of a split's successor's version with errors (consolidate.Repeats.made, from its
    stored report). The accepted reports are read only when a version with errors that may be mailed about
    (`mailed`) bears such a warning or is such a successor's."""
    again = [row for row in mailed if repeat_checked_again(plan, row.institution, row.period, row.valid)]
    if not again and not any(i.get("code") in CHECKED_AGAIN for row in mailed if not row.valid for i in row.issues):
        return lambda row: row.issues
    in_order = sorted(accepted, key=lambda r: period_order(r.period))
    texts = ledger.report_json([r.id for r in in_order])
    digests = list(digest_years(Report.model_validate_json(text) for _, text in texts if text))
    repeats = repeats_held(plan, digests)
    counted = {(y.institution, y.latest[1]) for y in digests if y.latest}  # each year's figure, as the master's
    ids = {r.id for r in accepted}
    reports = {i: Report.model_validate_json(text) for i, text in ledger.report_json([r.id for r in again]) if text}

    def standing(row: VersionRow) -> list[dict[str, Any]]:
        checked = row.id in ids and (row.institution, row.period) in counted
        stand = [dict(i) for i in (repeats.standing(i, row.institution, row.period, checked) for i in row.issues) if i]
        if row.id in reports:
            stand += repeats.made(row.institution, row.period, reports[row.id], row.issues)
        return stand

    return standing


def _outcome(mail: Mail, outcome: Literal["sent", "failed", "dry-run"], error: str | None = None) -> MailOutcome:
    return MailOutcome(
        institution=mail.institution,
        period=mail.period,
        kind=mail.kind,
        version_id=mail.version_id,
        to=list(mail.to),
        cc=list(mail.cc),
        lang=mail.lang,
        subject=mail.subject,
        body=mail.body,
        wrong_file=mail.wrong_file,
        outcome=outcome,
        error=error,
    )


def _send(planned: MailOutcome, sender: Sender, ledger: Ledger, from_: str, at: dt.datetime) -> MailOutcome:
    mail = Mail(
        planned.institution,
        planned.period,
        planned.kind,
        planned.version_id,
        tuple(planned.to),
        tuple(planned.cc),
        planned.lang,
        planned.subject,
        planned.body,
        planned.wrong_file,
    )
    # Recorded before the server is asked: a run that stops before the answer is recorded leaves "sending", and the
    # mail, which the server may have taken, is not sent a second time.
    row = ledger.record_mail(
        institution=mail.institution,
        period=mail.period,
        kind=mail.kind,
        version_id=mail.version_id,
        to=planned.to,
        cc=planned.cc,
        subject=mail.subject,
        at=at,
        outcome="sending",
    )
    outcome: Literal["sent", "failed"] = "sent"
    error: str | None = None
    failure: SendFailed | None = None
    try:
        sender.send(message(mail, from_, at))
    except PartlySent as exc:  # the others got it: sent, with the refused addresses said
        error, failure = str(exc), exc
    except SendFailed as exc:
        outcome, error, failure = "failed", str(exc), exc
    ledger.finish_mail(row, outcome=outcome, error=error)
    return planned.model_copy(update={"outcome": outcome, "error": error, "failure": failure})
