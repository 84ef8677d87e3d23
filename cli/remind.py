"""`apmon remind`: e-mail reminders before a deadline, late notices, problems and receipts."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Annotated

import typer

from apmon.cli import common
from apmon.cli.common import ConfigOption, JsonOption, fail, out, said

if TYPE_CHECKING:
    from apmon.schemas.calendar import DeadlinePolicy, Period
    from apmon.schemas.text import Lang
    from apmon.sync.remind import RemindResult


def remind_command(
    period: Annotated[
        str | None,
        typer.Option(
            "--period",
            help="Only this period (YYYY-MM or YYYY): its reminder before the deadline, its late notice after it, "
            "whatever the day. Default: the periods whose deadline is near or just passed.",
        ),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Print what would be sent and to whom; send and record nothing.")
    ] = False,
    lang: Annotated[
        str | None,
        typer.Option(
            "--lang",
            help="Language for the contacts that name none, and of what is printed: sr-Latn, sr-Cyrl or en. "
            "Default: the configuration's [sync] master_lang for what is printed, sr-Latn for the mails.",
        ),
    ] = None,
    today: Annotated[
        str | None,
        typer.Option("--today", help="With --dry-run: pretend today is this date (YYYY-MM-DD), to preview."),
    ] = None,
    config: ConfigOption = None,
    as_json: JsonOption = False,
) -> None:
    """Send the e-mails due today to the institutions in [contacts]: reminders before the deadline to those
    that have not sent a valid report, a late notice the working day after it, the problems of a file with
    errors, a receipt for a valid one. Each is recorded in the ledger and never sent twice; a failed one is
    sent on the next run. Configuration: docs/reminders.md.

    Exit 0 when every mail went out, 1 when some failed (they are tried again) or mail cannot be sent.
    """
    from apmon.schemas.calendar import BELGRADE
    from apmon.sync.ledger import LedgerError
    from apmon.sync.mail import MailConfigError
    from apmon.sync.remind import remind
    from apmon.templates.plan_file import DataFileError

    settings, printed = common.config_and_lang(config, lang)
    language = common.lang(lang) if lang else None  # the mails' language for the contacts that name none
    chosen = common.period(period, None, printed) if period else None
    if today is not None and not dry_run:
        raise fail(said("remind.today_needs_dry_run", printed, today="--today", dry_run="--dry-run"), 2, printed)
    try:
        day = dt.date.fromisoformat(today) if today else dt.datetime.now(BELGRADE).date()
    except ValueError as exc:
        raise fail(common.not_a_day("--today", today or "", printed), 2, printed) from exc
    if today:
        common.kept_day(day, "--today", today, printed)
    # A past day is previewed as it was: what had come in by its end, not what came in since.
    end_of_day = dt.datetime.combine(day + dt.timedelta(days=1), dt.time(), BELGRADE).astimezone(dt.UTC)
    moment = min(dt.datetime.now(dt.UTC), end_of_day)
    with common.plan_and_ledger(settings, printed) as (plan, registry, ledger):
        try:
            result = remind(
                settings,
                plan,
                registry,
                ledger,
                today=day,
                now=lambda: moment if dry_run else dt.datetime.now(dt.UTC),
                period=chosen,
                dry_run=dry_run,
                default_lang=language,
            )
        except DataFileError as exc:
            unusable = said("remind.contacts_unusable", printed)
            raise fail(unusable + "\n" + exc.said(printed, "  "), lang=printed) from exc
        except (MailConfigError, LedgerError) as exc:
            raise fail(said("remind.nothing_sent", printed, reason=exc.said(printed)), lang=printed) from exc
    if as_json:
        common.print_json(result)
    else:
        _show(result, dry_run, printed, chosen)
    given = settings.deadlines.extra_non_working_days
    common.warn(common.holidays_unknown(_years_counted(result, settings.deadlines, chosen), printed, given=given))
    raise typer.Exit(1 if result.failed else 0)


def _years_counted(result: RemindResult, deadlines: DeadlinePolicy, chosen: Period | None) -> set[int]:
    """The years whose working days the reminders were decided by: the day's, and the due dates' of the periods
    asked about or mailed."""
    from apmon.schemas.calendar import Period, WorkingCalendar

    periods = {m.period for m in result.mails} | {n.period for n in result.no_contact}
    periods |= {str(chosen)} if chosen else set()
    calendar = WorkingCalendar(deadlines)
    return {result.today.year} | {calendar.due_date(Period.parse(p)).due.year for p in periods}


def _show(result: RemindResult, dry_run: bool, lang: Lang, period: Period | None) -> None:
    from rich.markup import escape
    from rich.table import Table

    from apmon.schemas.calendar import Period
    from apmon.sync.reminders import period_words

    if not result.mails and period is not None:  # the Coordinator asked about a period: the answer names it
        out.print(said("remind.none_for_period", lang, period=period_words(period, lang)), highlight=False)
    elif not result.mails:
        out.print(said("remind.none", lang, date=result.today), highlight=False)
    table = Table(show_header=True, header_style="bold")
    for col in ("kind", "institution", "period", "to", "cc", "outcome"):
        table.add_column(said(f"remind.col.{col}", lang), overflow="fold")
    for m in result.mails:
        if dry_run:
            outcome = said("remind.would_send", lang)
        elif m.outcome == "sent" and not m.error:
            outcome = f"[green]{said('remind.sent', lang)}[/green]"
        else:
            outcome = f"[red]{escape(m.error_in(lang) or '')}[/red]"
        kind = said(f"remind.kind.{m.kind}", lang)
        table.add_row(kind, m.institution, m.period, ", ".join(m.to), ", ".join(m.cc), outcome)
    if result.mails:
        common.print_table(table, lang)
    if dry_run:
        for m in result.mails:
            head = said("remind.mail", lang, to=", ".join(m.to), cc=", ".join(m.cc), subject=m.subject)
            out.print(f"\n{head}\n\n{m.body}", markup=False, soft_wrap=True)
    if result.waiting_for:
        out.print(said("remind.waiting", lang, sources=", ".join(result.waiting_for)), markup=False, highlight=False)
    if result.never_synced:
        key = "remind.not_synced_by_last_run" if result.synced_before else "remind.never_synced"
        never = said(key, lang, sources=", ".join(result.never_synced))
        out.print(never, markup=False, highlight=False)
    for code, held in result.not_read:
        words = period_words(Period.parse(held), lang)
        out.print(said("remind.not_read", lang, institution=code, period=words), markup=False, highlight=False)
    for said_line in [entry.said(lang) for entry in result.no_contact] + [u.said(lang) for u in result.unconfirmed]:
        out.print(said_line, markup=False, highlight=False)
