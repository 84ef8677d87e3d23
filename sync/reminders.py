"""Who gets which e-mail, and its text: reminders before a deadline, the late notice after it, the problems of a
bad file and the receipt of a good one. Pure: facts in (the plan, the registry, what the ledger holds, what was
sent before, today), planned mails out. `sync.mail` sends them and records each in the ledger.

The texts are in the one catalogue (schemas.messages_mail), in Serbian Latin and English; Serbian Cyrillic is
derived by transliteration.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from apmon.schemas.calendar import BELGRADE, Period, WorkingCalendar
from apmon.schemas.dates import day_said
from apmon.schemas.institutions import Institution, InstitutionRegistry
from apmon.schemas.issues import Issue
from apmon.schemas.messages import RULES, message, plural_form, text_of, whole_number
from apmon.schemas.messages import counted as plural_count
from apmon.schemas.personal_data import mask_all
from apmon.schemas.plan import Plan
from apmon.schemas.rules import month_named
from apmon.schemas.text import Lang
from apmon.sync.contacts import Contact
from apmon.sync.report_format import month as month_of_year
from apmon.templates.layout import reporting_institutions
from apmon.templates.sniff import shown_file_name

MailKind = Literal["reminder", "late", "problems", "receipt"]
MAIL_KINDS: tuple[MailKind, ...] = ("reminder", "late", "problems", "receipt")


@dataclass(frozen=True)
class Mail:
    """One planned e-mail. `version_id`: the report version it is about (problems, receipt), else None."""

    institution: str
    period: str
    kind: MailKind
    version_id: int | None
    to: tuple[str, ...]
    cc: tuple[str, ...]
    lang: Lang
    subject: str
    body: str
    # A late notice's or reminder's: the file named for the period that holds another's report, and that period
    wrong_file: tuple[str, str] | None = None

    @property
    def key(self) -> tuple[str, str, str, int | None]:
        return (self.institution, self.period, self.kind, self.version_id)


@dataclass(frozen=True)
class Latest:
    """The newest version of an institution's report for a period, as the ledger holds it."""

    version_id: int
    institution: str
    period: str
    file_name: str
    received_at: dt.datetime  # when the ledger got it (UTC)
    submitted_at: dt.datetime | None  # when it was submitted (UTC; calendar.submission_time)
    valid: bool
    due: dt.date | None
    # The report's on time or late when this is the version that counts (any valid version by the deadline: a
    # correction sent later keeps it on time), else this version's own.
    on_time: bool | None
    days_late: int | None
    issues: list[dict[str, Any]]
    # This is a correction sent after the deadline: the report is on time or late by an earlier valid version,
    # submitted then.
    decided_at: dt.datetime | None = None


@dataclass(frozen=True)
class Rules:
    """When mail goes out: reminders `remind_days` working days before a deadline; the late notice from the
    working day after it, for up to `late_days` working days (a missed run still sends it, an old period never);
    problems and receipts for versions received and submitted in the last `feedback_days` days."""

    remind_days: int = 3
    late_days: int = 5
    feedback_days: int = 7


@dataclass
class MailPlan:
    """What `plan_mails` decided: the mails, and the institutions that should get one but have no contact."""

    mails: list[Mail] = field(default_factory=list)
    no_contact: list[tuple[str, str, MailKind]] = field(default_factory=list)


def periods_in_play(today: dt.date, calendar: WorkingCalendar, rules: Rules) -> list[tuple[Period, MailKind]]:
    """The periods whose reminder or late notice is due on `today`, with which: a monthly period's due date is
    in the next month, so only the last two months and the last year can be near their deadline."""
    month = Period(year=today.year, month=today.month)
    candidates = [_months_back(month, 1), _months_back(month, 2), Period(year=today.year - 1)]
    found: list[tuple[Period, MailKind]] = []
    for period in candidates:
        due = calendar.due_date(period).due
        if today <= due and calendar.working_days_between(today, due) <= rules.remind_days:
            found.append((period, "reminder"))
        elif today > due and calendar.working_days_between(due, today) <= rules.late_days:
            found.append((period, "late"))
    return found


def required(
    plan: Plan, registry: InstitutionRegistry, period: Period, shown: tuple[Period, Period] | None = None
) -> list[str]:
    """The institutions that owe a report for `period` (templates.layout.reporting_duties: the annual report is
    the task holders'), as the master asks for it: `shown` is the first and last month the master shows (default:
    the plan's), a year is asked for when the master shows a month of it, and nothing before the plan's start."""
    first, last = shown or (_month_of(plan.start), _month_of(plan.end))
    if period.month is None:
        asked = first.year <= period.year <= last.year
    else:
        asked = first.first_day <= period.first_day <= last.first_day
    if not asked or period.last_day < plan.start:
        return []
    return reporting_institutions(plan, registry, period.kind, period)


def _month_of(day: dt.date) -> Period:
    return Period(year=day.year, month=day.month)


def plan_mails(
    *,
    plan: Plan,
    registry: InstitutionRegistry,
    calendar: WorkingCalendar,
    contacts: Mapping[str, Contact],
    accepted: Iterable[tuple[str, str]],
    latest: Iterable[Latest],
    sent: Iterable[tuple[str, str, str, int | None]],
    today: dt.date,
    now: dt.datetime,
    rules: Rules = Rules(),
    period: Period | None = None,
    default_lang: Lang | None = None,
    shown: Callable[[Period], tuple[Period, Period]] | None = None,
) -> MailPlan:
    """Every mail due on `today` that was not sent before (`sent`: keys of mails sent, failures not counted).

    `accepted`: (institution, period) of every valid report. `period`: only that period, and its reminder or
    late notice whatever the day (before or after its deadline). `default_lang` replaces sr-Latn for contacts
    that name no language. `shown(period)`: the first and last month of the master that asks for `period` (the
    remind step's: the configuration's, `sync.run.consolidation_settings`); default the plan's months."""
    have = set(accepted)
    done = set(sent)
    result = MailPlan()
    latest = list(latest)

    def add(
        code: str,
        per: str,
        kind: MailKind,
        version: int | None,
        text: tuple[str, str],
        wrong_file: tuple[str, str] | None = None,
    ) -> None:
        if (code, per, kind, version) in done:
            return
        contact = contacts.get(code)
        if contact is None:
            result.no_contact.append((code, per, kind))
            return
        subject, body = text
        result.mails.append(
            Mail(
                code, per, kind, version, tuple(contact.to), tuple(contact.cc), lang_of(contact), subject, body,
                wrong_file,
            )
        )  # fmt: skip

    def lang_of(contact: Contact) -> Lang:
        return default_lang if default_lang and "lang" not in contact.model_fields_set else contact.lang

    if period is None:
        chasing = periods_in_play(today, calendar, rules)
    else:
        chasing = [(period, "reminder" if today <= calendar.due_date(period).due else "late")]
    for per, kind in chasing:
        due = calendar.due_date(per).due
        for code in required(plan, registry, per, shown(per) if shown else None):
            if (code, str(per)) in have:
                continue
            lang = lang_of(contacts[code]) if code in contacts else "sr-Latn"
            institution = registry.get(code)
            wrong = wrong_file(latest, code, per)
            if kind == "reminder":
                text = reminder_text(lang, institution, per, due, calendar.working_days_between(today, due), wrong)
            else:
                text = late_text(lang, institution, per, due, wrong)
            add(code, str(per), kind, None, text, wrong)

    since = now - dt.timedelta(days=rules.feedback_days)
    sent_since = today - dt.timedelta(days=rules.feedback_days)
    for version in latest:
        if version.received_at < since or version.institution not in registry:
            continue
        # Sent long before the ledger took it in (a new installation's folder of past months' reports): nobody is
        # told weeks later, one mail for each.
        if version.submitted_at is not None and _belgrade(version.submitted_at).date() < sent_since:
            continue
        if period is not None and version.period != str(period):
            continue
        lang = lang_of(contacts[version.institution]) if version.institution in contacts else "sr-Latn"
        name = registry.get(version.institution).in_text(lang)
        if version.valid:
            add(version.institution, version.period, "receipt", version.version_id, receipt_text(lang, name, version))
        else:
            add(version.institution, version.period, "problems", version.version_id, problems_text(lang, name, version))
    return result


def wrong_file(latest: Iterable[Latest], institution: str, period: Period) -> tuple[str, str] | None:
    """The newest file of `institution` whose name names `period` but whose report is another period's (as read
    from its cover, not its name), as (the file's name as shown, the period it holds): the officer filled in the
    wrong month's template or saved the report under the wrong month's name, and believes `period` was sent."""
    found = [
        v
        for v in latest
        if v.institution == institution and v.period != str(period) and month_named(v.file_name) == str(period)
    ]
    if not found:
        return None
    newest = max(found, key=lambda v: v.received_at)
    return shown_file_name(newest.file_name, None), newest.period


def wrong_file_text(
    wrong: tuple[str, str], period: Period, lang: Lang, key: str = "mail.wrong_file", **fields: str
) -> str:
    """What a late notice, a reminder or the sync's line adds about the file found: its name, the period it holds."""
    file, held = wrong
    return text_of(
        key, lang, file=file, held=period_words(Period.parse(held), lang), period=period_words(period, lang), **fields
    )


def _months_back(month: Period, n: int) -> Period:
    index = month.year * 12 + (month.month or 1) - 1 - n
    return Period(year=index // 12, month=index % 12 + 1)


# -- texts ---------------------------------------------------------------------------------------------------


def mail_date(day: dt.date, lang: Lang) -> str:
    """A date in a mail, as every text says it (schemas.dates): 07.03.2018. / 7 Mar 2018."""
    return day_said(day, lang)


def period_words(period: Period, lang: Lang) -> str:
    """March 2018 / mart 2018. / 2017. godinu (as in "za 2017. godinu")."""
    return month_of_year(str(period), lang) if period.month else text_of("mail.year", lang, year=period.year)


def counted(key: str, n: int, lang: Lang) -> str:
    """The text "mail.<key>".one/.few/.many for `n`, in the form Serbian takes after `n` (schemas.messages)."""
    return text_of(f"mail.{key}.{plural_form(n, lang)}", lang, n=whole_number(n, lang))


def days_left(n: int, lang: Lang) -> str:
    return text_of("mail.left.today", lang) if n <= 0 else counted("left", n, lang)


def _mail_text(
    kind: MailKind,
    lang: Lang,
    period: Period,
    due: dt.date | None,
    note: str = "",
    body: str = "body",
    **fields: object,
) -> tuple[str, str]:
    """The subject and the signed body of mail `kind` about `period` (its text "mail.<kind>.<body>"), with `fields`
    filled in and `note` (a paragraph) before the signature."""
    filled = {
        "report": text_of(f"mail.{period.kind}", lang),
        "period": period_words(period, lang),
        "due": mail_date(due, lang) if due else "?",
        **fields,
    }
    said = text_of(f"mail.{kind}.{body}", lang, **filled) + note + text_of("mail.signature", lang)
    return text_of(f"mail.{kind}.subject", lang, **filled), said


def _from_whom(institution: Institution, lang: Lang) -> tuple[str, str]:
    """How a reminder or a late notice names the institution it has not heard from, as (its body's text, the name):
    "od vas (Ministarstva pravde)", in the genitive the registry gives; a registry without one has the other text,
    with the name after a label, "(institucija: Ministarstvo pravde)", where the nominative is right."""
    genitive = institution.in_genitive(lang)
    return ("body", genitive) if genitive is not None else ("body.labelled", institution.display(lang))


def reminder_text(
    lang: Lang,
    institution: Institution,
    period: Period,
    due: dt.date,
    left: int,
    wrong: tuple[str, str] | None = None,
) -> tuple[str, str]:
    note = wrong_file_text(wrong, period, lang) if wrong else ""
    body, name = _from_whom(institution, lang)
    return _mail_text("reminder", lang, period, due, note, body, institution=name, left=days_left(left, lang))


def late_text(
    lang: Lang, institution: Institution, period: Period, due: dt.date, wrong: tuple[str, str] | None = None
) -> tuple[str, str]:
    note = wrong_file_text(wrong, period, lang) if wrong else ""
    body, name = _from_whom(institution, lang)
    return _mail_text("late", lang, period, due, note, body, institution=name)


def issue_line(found: dict[str, Any], lang: Lang) -> str:
    """One stored issue as a line: where (sheet, cell) and its catalogue message in `lang` (what to do)."""
    code = str(found.get("code", ""))
    if code in RULES:
        issue = Issue(
            code=code,
            severity=found.get("severity", RULES[code].severity),
            sheet=found.get("sheet", ""),
            cell=found.get("cell", ""),
            value=found.get("value"),
            params=found.get("params") or {},
        )
        words = message(issue, lang)
    else:
        words = str(found.get("message", code))  # a file-level problem worded when it was found
    if found.get("severity") == "warning":
        words = f"{text_of('issues.warning', lang)}: {words}"
    if found.get("sheet") or found.get("cell"):
        return text_of(
            "mail.problem.line", lang, sheet=found.get("sheet") or "?", cell=found.get("cell") or "?", message=words
        )
    return text_of("mail.problem.file", lang, message=words)


def _belgrade(moment: dt.datetime) -> dt.datetime:
    return moment.astimezone(BELGRADE)


def problems_text(lang: Lang, institution: str, version: Latest) -> tuple[str, str]:
    errors = [i for i in version.issues if i.get("severity") != "warning"]
    warnings = [i for i in version.issues if i.get("severity") == "warning"]
    # A mail leaves the system and may go to copies: what a cell or the file name quotes is masked (JMBG, phone).
    lines = "\n".join(mask_all(issue_line(i, lang)) for i in [*errors, *warnings])
    when = _belgrade(version.submitted_at or version.received_at)
    return _mail_text(
        "problems",
        lang,
        Period.parse(version.period),
        None,
        institution=institution,
        file=shown_file_name(version.file_name, None),  # masked, on one line, no control character
        received=mail_date(when.date(), lang),
        errors=plural_count(len(errors), "error", lang),  # "1 error", "5 grešaka"
        has_errors=text_of("mail.has_error" if len(errors) == 1 else "mail.has_errors", lang),
        problems=lines,
    )


def receipt_text(lang: Lang, institution: str, version: Latest) -> tuple[str, str]:
    when = _belgrade(version.submitted_at or version.received_at)
    late = version.on_time is False
    if version.decided_at is not None:  # a correction: the report counts by its earlier valid version
        first = mail_date(_belgrade(version.decided_at).date(), lang)
        days = version.days_late or 0
        key = f"mail.late_first.{plural_form(days, lang)}" if late else "mail.on_time_earlier"
        timing = text_of(key, lang, n=whole_number(days, lang), first=first)
    else:
        timing = counted("late_by", version.days_late or 0, lang) if late else text_of("mail.on_time", lang)
    return _mail_text(
        "receipt",
        lang,
        Period.parse(version.period),
        version.due,
        institution=institution,
        file=shown_file_name(version.file_name, None),  # masked, on one line, no control character
        received=mail_date(when.date(), lang),
        time=f"{when:%H:%M}",
        timing=timing,
    )
