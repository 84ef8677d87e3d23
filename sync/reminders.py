"""Who gets which e-mail, and its text: reminders before a deadline, the late notice after it, the problems of a
bad file and the receipt of a good one. Pure: facts in (the plan, the registry, what the ledger holds, what was
sent before, today), planned mails out. `sync.mail` sends them and records each in the ledger.

Texts are written once in Serbian Latin and English; Serbian Cyrillic is derived by transliteration.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from apmon.schemas.calendar import BELGRADE, Period, WorkingCalendar
from apmon.schemas.institutions import InstitutionRegistry
from apmon.schemas.issues import Issue
from apmon.schemas.messages import RULES, message
from apmon.schemas.plan import Plan
from apmon.schemas.text import Lang, latin_to_cyrillic, latin_to_cyrillic_template
from apmon.templates.layout import reporting_institutions

MailKind = Literal["reminder", "late", "problems", "receipt"]
MAIL_KINDS: tuple[MailKind, ...] = ("reminder", "late", "problems", "receipt")

# One address: a local part, @, a domain with a dot; no spaces, commas or angle brackets (one address per entry).
_ADDRESS = re.compile(
    r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9-]+)+$"
)


def check_address(value: str) -> str:
    value = value.strip()
    if not _ADDRESS.match(value):
        raise ValueError(f"{value!r} is not an e-mail address; write one address like ime.prezime@mup.gov.rs")
    return value


class Contact(BaseModel):
    """Where an institution's mail goes: `to` (at least one), `cc`, and the language it is written in."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    to: list[str] = Field(min_length=1, description="Addresses the mail is sent to.")
    cc: list[str] = Field(default_factory=list, description="Addresses that get a copy.")
    lang: Lang = Field(default="sr-Latn", description="sr-Latn, sr-Cyrl or en.")

    @field_validator("to", "cc")
    @classmethod
    def _addresses(cls, values: list[str]) -> list[str]:
        return [check_address(v) for v in values]


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
    submitted_at: dt.datetime | None  # the file's own time (UTC), which decides on time or late
    valid: bool
    due: dt.date | None
    on_time: bool | None
    days_late: int | None
    issues: list[dict[str, Any]]


@dataclass(frozen=True)
class Rules:
    """When mail goes out: reminders `remind_days` working days before a deadline; the late notice from the
    working day after it, for up to `late_days` working days (a missed run still sends it, an old period never);
    problems and receipts for versions received in the last `feedback_days` days."""

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


def required(plan: Plan, registry: InstitutionRegistry, period: Period) -> list[str]:
    """The institutions that owe a report for `period`: those with a task in the plan that send reports, for a
    period within the plan's years."""
    if period.last_day < plan.start or period.first_day > plan.end:
        return []
    return [code for code in reporting_institutions(plan, registry) if registry.get(code).reports]


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
) -> MailPlan:
    """Every mail due on `today` that was not sent before (`sent`: keys of mails sent, failures not counted).

    `accepted`: (institution, period) of every valid report. `period`: only that period, and its reminder or
    late notice whatever the day (before or after its deadline). `default_lang` replaces sr-Latn for contacts
    that name no language."""
    have = set(accepted)
    done = set(sent)
    result = MailPlan()

    def add(code: str, per: str, kind: MailKind, version: int | None, text: tuple[str, str]) -> None:
        if (code, per, kind, version) in done:
            return
        contact = contacts.get(code)
        if contact is None:
            result.no_contact.append((code, per, kind))
            return
        subject, body = text
        result.mails.append(
            Mail(code, per, kind, version, tuple(contact.to), tuple(contact.cc), lang_of(contact), subject, body)
        )

    def lang_of(contact: Contact) -> Lang:
        return default_lang if default_lang and "lang" not in contact.model_fields_set else contact.lang

    if period is None:
        chasing = periods_in_play(today, calendar, rules)
    else:
        chasing = [(period, "reminder" if today <= calendar.due_date(period).due else "late")]
    for per, kind in chasing:
        due = calendar.due_date(per).due
        for code in required(plan, registry, per):
            if (code, str(per)) in have:
                continue
            lang = lang_of(contacts[code]) if code in contacts else "sr-Latn"
            name = registry.get(code).display(lang)
            if kind == "reminder":
                text = reminder_text(lang, name, per, due, calendar.working_days_between(today, due))
            else:
                text = late_text(lang, name, per, due)
            add(code, str(per), kind, None, text)

    since = now - dt.timedelta(days=rules.feedback_days)
    for version in latest:
        if version.received_at < since or version.institution not in registry:
            continue
        if period is not None and version.period != str(period):
            continue
        lang = lang_of(contacts[version.institution]) if version.institution in contacts else "sr-Latn"
        name = registry.get(version.institution).display(lang)
        if version.valid:
            add(version.institution, version.period, "receipt", version.version_id, receipt_text(lang, name, version))
        else:
            add(version.institution, version.period, "problems", version.version_id, problems_text(lang, name, version))
    return result


def _months_back(month: Period, n: int) -> Period:
    index = month.year * 12 + (month.month or 1) - 1 - n
    return Period(year=index // 12, month=index % 12 + 1)


# -- texts ---------------------------------------------------------------------------------------------------

_MONTHS_SR = [
    "januar",
    "februar",
    "mart",
    "april",
    "maj",
    "jun",
    "jul",
    "avgust",
    "septembar",
    "oktobar",
    "novembar",
    "decembar",
]
_MONTHS_EN = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]

# (sr-Latn, en) of every text; sr-Cyrl is the Latin one transliterated.
_TEXTS: dict[str, tuple[str, str]] = {
    "monthly": ("mesečni izveštaj", "monthly report"),
    "annual": ("godišnji izveštaj", "annual report"),
    "reminder.subject": ("Podsetnik: {report} za {period}, rok {due}", "Reminder: {report} for {period}, due {due}"),
    "reminder.body": (
        "Poštovani,\n\nrok za {report} za {period} je {due} ({left}), a za {institution} još nismo primili "
        "ispravan izveštaj.\nPopunite obrazac, proverite ga dugmetom Proveri i pošaljite ga.\n"
        "Ako ste ga već poslali, zanemarite ovu poruku.",
        "Dear colleagues,\n\nthe {report} for {period} is due on {due} ({left}), and we have not yet received a "
        "valid one from {institution}.\nFill in the template, check it with Validate and send it.\n"
        "If you have already sent it, please ignore this message.",
    ),
    "left.today": ("rok ističe danas", "the deadline is today"),
    "left.one": ("ostao je još {n} radni dan", "{n} working day left"),
    "left.few": ("ostala su još {n} radna dana", "{n} working days left"),
    "left.many": ("ostalo je još {n} radnih dana", "{n} working days left"),
    "late_by.one": ("stigao je {n} radni dan posle roka", "it came {n} working day late"),
    "late_by.few": ("stigao je {n} radna dana posle roka", "it came {n} working days late"),
    "late_by.many": ("stigao je {n} radnih dana posle roka", "it came {n} working days late"),
    "late.subject": ("Kašnjenje: {report} za {period} (rok je bio {due})", "Late: {report} for {period} (due {due})"),
    "late.body": (
        "Poštovani,\n\nrok za {report} za {period} bio je {due}, a za {institution} još nismo primili ispravan "
        "izveštaj.\nPošaljite ga što pre. Ako ste ga poslali, proverite da li je bez grešaka.",
        "Dear colleagues,\n\nthe {report} for {period} was due on {due}, and we have not yet received a valid one "
        "from {institution}.\nPlease send it as soon as you can. If you have sent it, check that it has no errors.",
    ),
    "problems.subject": (
        "Potrebna ispravka: {report} za {period} (problema: {count})",
        "Corrections needed: {report} for {period} ({count} problem(s))",
    ),
    "problems.body": (
        "Poštovani,\n\n{report} za {period} ({institution}, datoteka {file}, primljena {received}) ima greške "
        "i nije prihvaćen.\nIspravite sledeće, proverite ga dugmetom Proveri i pošaljite ponovo:\n\n{problems}",
        "Dear colleagues,\n\nthe {report} for {period} ({institution}, file {file}, received {received}) has errors "
        "and was not accepted.\nFix the following, check it with Validate and send it again:\n\n{problems}",
    ),
    "problem.line": ("- list {sheet}, ćelija {cell}: {message}", "- sheet {sheet}, cell {cell}: {message}"),
    "problem.file": ("- {message}", "- {message}"),
    "error": ("greška", "error"),
    "warning": ("upozorenje", "warning"),
    "receipt.subject": ("Primljeno: {report} za {period}", "Received: {report} for {period}"),
    "receipt.body": (
        "Poštovani,\n\nprimili smo ispravan {report} za {period} ({institution}, datoteka {file}), "
        "{received} u {time}.\nRok je bio {due}, a {timing}.\nHvala.",
        "Dear colleagues,\n\nwe have received a valid {report} for {period} ({institution}, file {file}) "
        "on {received} at {time}.\nIt was due on {due}, and {timing}.\nThank you.",
    ),
    "on_time": ("stigao je na vreme", "it came on time"),
    "signature": (
        "\n\n--\nPoruku je poslao sistem apmon u ime Nacionalnog koordinatora za borbu protiv trgovine ljudima.",
        "\n\n--\nSent by apmon on behalf of the National Coordinator for the Fight against Human Trafficking.",
    ),
}


def text(key: str, lang: Lang, **fields: object) -> str:
    """The text `key` in `lang` with its fields filled in (fields are already in `lang`)."""
    sr_latn, en = _TEXTS[key]
    template = en if lang == "en" else sr_latn if lang == "sr-Latn" else latin_to_cyrillic_template(sr_latn)
    return template.format(**fields)


def serbian_date(day: dt.date) -> str:
    """A date the Serbian way: 7. 3. 2018. (English texts write it the same, unambiguous for both)."""
    return f"{day.day}. {day.month}. {day.year}."


def period_words(period: Period, lang: Lang) -> str:
    """March 2018 / mart 2018. / 2017. godinu (as in "za 2017. godinu")."""
    if lang == "en":
        return str(period.year) if period.month is None else f"{_MONTHS_EN[period.month - 1]} {period.year}"
    words = f"{period.year}. godinu" if period.month is None else f"{_MONTHS_SR[period.month - 1]} {period.year}."
    return latin_to_cyrillic(words) if lang == "sr-Cyrl" else words


def counted(key: str, n: int, lang: Lang) -> str:
    """The text `key`.one/.few/.many for `n`, by the Serbian plural: 1, 21 dan; 2-4, 22-24 dana; 5-20 dana."""
    if lang == "en":
        form = "one" if n == 1 else "many"
    elif n % 10 == 1 and n % 100 != 11:
        form = "one"
    elif n % 10 in (2, 3, 4) and n % 100 not in (12, 13, 14):
        form = "few"
    else:
        form = "many"
    return text(f"{key}.{form}", lang, n=n)


def days_left(n: int, lang: Lang) -> str:
    return text("left.today", lang) if n <= 0 else counted("left", n, lang)


def _common(lang: Lang, period: Period, due: dt.date | None) -> dict[str, object]:
    return {
        "report": text(period.kind, lang),
        "period": period_words(period, lang),
        "due": serbian_date(due) if due else "?",
    }


def _signed(subject: str, body: str, lang: Lang) -> tuple[str, str]:
    return subject, body + text("signature", lang)


def reminder_text(lang: Lang, institution: str, period: Period, due: dt.date, left: int) -> tuple[str, str]:
    fields = {**_common(lang, period, due), "institution": institution, "left": days_left(left, lang)}
    return _signed(text("reminder.subject", lang, **fields), text("reminder.body", lang, **fields), lang)


def late_text(lang: Lang, institution: str, period: Period, due: dt.date) -> tuple[str, str]:
    fields = {**_common(lang, period, due), "institution": institution}
    return _signed(text("late.subject", lang, **fields), text("late.body", lang, **fields), lang)


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
        words = f"{text('warning', lang)}: {words}"
    if found.get("sheet") or found.get("cell"):
        return text("problem.line", lang, sheet=found.get("sheet") or "?", cell=found.get("cell") or "?", message=words)
    return text("problem.file", lang, message=words)


def _belgrade(moment: dt.datetime) -> dt.datetime:
    return moment.astimezone(BELGRADE)


def problems_text(lang: Lang, institution: str, version: Latest) -> tuple[str, str]:
    period = Period.parse(version.period)
    errors = [i for i in version.issues if i.get("severity") != "warning"]
    warnings = [i for i in version.issues if i.get("severity") == "warning"]
    lines = "\n".join(issue_line(i, lang) for i in [*errors, *warnings])
    when = _belgrade(version.submitted_at or version.received_at)
    fields = {
        **_common(lang, period, None),
        "institution": institution,
        "file": version.file_name,
        "received": serbian_date(when.date()),
        "count": len(errors),
        "problems": lines,
    }
    return _signed(text("problems.subject", lang, **fields), text("problems.body", lang, **fields), lang)


def receipt_text(lang: Lang, institution: str, version: Latest) -> tuple[str, str]:
    period = Period.parse(version.period)
    when = _belgrade(version.submitted_at or version.received_at)
    late = version.on_time is False
    timing = counted("late_by", version.days_late or 0, lang) if late else text("on_time", lang)
    fields = {
        **_common(lang, period, version.due),
        "institution": institution,
        "file": version.file_name,
        "received": serbian_date(when.date()),
        "time": f"{when:%H:%M}",
        "timing": timing,
    }
    return _signed(text("receipt.subject", lang, **fields), text("receipt.body", lang, **fields), lang)
