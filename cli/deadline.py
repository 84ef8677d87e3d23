"""`apmon deadline`: when a report is due."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Annotated

import typer

from apmon.cli import common
from apmon.cli.common import ConfigOption, JsonOption, LangOption, out

if TYPE_CHECKING:
    from apmon.schemas.calendar import DeadlinePolicy
    from apmon.schemas.text import Lang


def deadline(
    period: Annotated[str, typer.Argument(help="Reporting period: YYYY-MM for a monthly report, YYYY for the annual.")],
    kind: Annotated[
        str | None,
        typer.Option("--kind", help="monthly or annual. Default: from the period's form."),
    ] = None,
    working_day: Annotated[
        int | None,
        # The bounds of DeadlinePolicy: typer says a value outside them as every other usage error, in the user's
        # language (the model's own message is English and technical).
        typer.Option("--working-day", min=1, max=20, help="Monthly reports are due on this working day (default 5)."),
    ] = None,
    non_working: Annotated[
        list[str] | None,
        typer.Option(
            "--non-working", help="An extra non-working day declared by the Government (YYYY-MM-DD); repeatable."
        ),
    ] = None,
    config: ConfigOption = None,
    lang: LangOption = None,
    as_json: JsonOption = False,
) -> None:
    """Print when a report is due: the 5th working day of the next month, or 15 February for the annual report.

    Days off are weekends and Serbian public holidays (observed days included);
    a due date on a day off moves to the next working day.
    """
    from apmon.schemas.calendar import WorkingCalendar

    settings, language = common.config_and_lang(config, lang)
    parsed = common.period(period, kind, language)
    try:
        policy = _override_policy(settings.deadlines, working_day, non_working or [], language)
    except ValueError as exc:
        raise common.fail(str(exc), 2, language) from exc
    calendar = WorkingCalendar(policy)
    due = calendar.due_date(parsed)
    given = policy.extra_non_working_days  # --non-working's days with the setting's
    unknown = common.holidays_unknown([due.due.year], language, "--non-working", given)  # a warning, so on stderr
    if as_json:
        common.warn(unknown)
        common.print_json(due)
        return
    if due.kind == "annual":
        heading = common.said("deadline.annual", language, year=parsed.year, due=_day(due.due, language, bold=True))
    else:
        month = common.said(f"month.{parsed.month}", language)
        of_year = common.said("month.of_year", language, month=month, year=parsed.year)
        heading = common.said("deadline.monthly", language, month=of_year, due=_day(due.due, language, bold=True))
    out.print(heading, highlight=False)
    out.print(common.said("deadline.rule", language, rule=calendar.rule_in(parsed, language)), highlight=False)
    for day in due.skipped:
        shown = common.said(
            "deadline.skipped", language, day=_day(day.date, language), reason=calendar.reason_in(day.date, language)
        )
        out.print(shown, highlight=False)
    common.warn(unknown)


def _day(day: dt.date, lang: Lang, bold: bool = False) -> str:
    """A day with its weekday, its date as every text says it (schemas.dates): utorak, 09.01.2018. / уторак,
    09.01.2018.; in English the due date as Tuesday 9 Jan 2018 (2018-01-09), the ISO form the command's options
    take, and a day passed over as 2018-01-07 Sun. `bold`: the due date, stressed."""
    from apmon.schemas.dates import day_said

    weekday = common.said(f"weekday.{day.weekday()}", lang)
    date = day_said(day, lang)
    if lang == "en":
        return f"[bold]{weekday} {date}[/bold] ({day.isoformat()})" if bold else f"{day.isoformat()} {weekday[:3]}"
    return f"{weekday}, [bold]{date}[/bold]" if bold else f"{weekday}, {date}"


def _override_policy(
    policy: DeadlinePolicy, working_day: int | None, non_working: list[str], lang: Lang
) -> DeadlinePolicy:
    from apmon.schemas.calendar import DeadlinePolicy

    data = policy.model_dump()
    if working_day is not None:
        data["monthly_working_day"] = working_day
    extra = list(policy.extra_non_working_days)
    for text in non_working:
        try:
            extra.append(dt.date.fromisoformat(text))
        except ValueError as exc:
            raise ValueError(common.not_a_day("--non-working", text, lang)) from exc
    data["extra_non_working_days"] = tuple(extra)
    try:
        return DeadlinePolicy.model_validate(data)
    except Exception as exc:
        raise ValueError(common.said("deadline.invalid_setting", lang, reason=exc)) from exc
