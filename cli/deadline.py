"""`apmon deadline`: when a report is due."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Annotated

import typer

from apmon.cli import common
from apmon.cli.common import ConfigOption, JsonOption, out

if TYPE_CHECKING:
    from apmon.schemas.calendar import DeadlinePolicy


def deadline(
    period: Annotated[str, typer.Argument(help="Reporting period: YYYY-MM for a monthly report, YYYY for the annual.")],
    kind: Annotated[
        str | None,
        typer.Option("--kind", help="monthly or annual. Default: from the period's form."),
    ] = None,
    working_day: Annotated[
        int | None, typer.Option("--working-day", help="Monthly reports are due on this working day (default 5).")
    ] = None,
    non_working: Annotated[
        list[str] | None,
        typer.Option(
            "--non-working", help="An extra non-working day declared by the Government (YYYY-MM-DD); repeatable."
        ),
    ] = None,
    config: ConfigOption = None,
    as_json: JsonOption = False,
) -> None:
    """Print when a report is due: the 5th working day of the next month, or 15 February for the annual report.

    Days off are weekends and Serbian public holidays (observed days included);
    a due date on a day off moves to the next working day.
    """
    from apmon.schemas.calendar import WorkingCalendar

    parsed = common.period(period, kind)
    policy = common.config(config).deadlines
    try:
        policy = _override_policy(policy, working_day, non_working or [])
    except ValueError as exc:
        raise common.fail(str(exc), 2) from exc
    due = WorkingCalendar(policy).due_date(parsed)
    if as_json:
        common.print_json(due)
        return
    what = "Annual report for" if due.kind == "annual" else "Monthly report for"
    label = str(parsed.year) if due.kind == "annual" else f"{parsed.first_day:%B %Y}"
    out.print(f"{what} {label}: due [bold]{due.due:%A %d %B %Y}[/bold] ({due.due.isoformat()})")
    out.print(f"  rule: {due.rule}")
    for day in due.skipped:
        out.print(f"  {day.date.isoformat()} {day.date:%a} is not a working day: {day.reason}")


def _override_policy(policy: DeadlinePolicy, working_day: int | None, non_working: list[str]) -> DeadlinePolicy:
    from apmon.schemas.calendar import DeadlinePolicy

    data = policy.model_dump()
    if working_day is not None:
        data["monthly_working_day"] = working_day
    extra = list(policy.extra_non_working_days)
    for text in non_working:
        try:
            extra.append(dt.date.fromisoformat(text))
        except ValueError as exc:
            raise ValueError(f"--non-working {text!r} is not a date; write YYYY-MM-DD") from exc
    data["extra_non_working_days"] = tuple(extra)
    try:
        return DeadlinePolicy.model_validate(data)
    except Exception as exc:
        raise ValueError(f"invalid deadline setting: {exc}") from exc
