"""The Coordinator's record of the status of a task that no institution reports on: one led only by bodies that
receive reports instead of sending them (the Council, the National Coordinator, the Working Group as a body;
`reports: false`), checked against the plan and kept in the ledger, append-only. Consolidation and the reports
count it as of its month (`sync.consolidate.standing_statuses`)."""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from apmon.schemas import values
from apmon.schemas.calendar import Period, PeriodError
from apmon.schemas.institutions import InstitutionRegistry
from apmon.schemas.messages import is_marker_name, text_of
from apmon.schemas.paper import month_words
from apmon.schemas.plan import Plan, Task
from apmon.schemas.rules import personal_data_hint, personal_data_typed
from apmon.schemas.text import Lang
from apmon.sync.evaluation import Recorded
from apmon.sync.ledger import Ledger
from apmon.sync.report_format import moment
from apmon.templates.layout import TASK_STATUSES, reporting_duties
from apmon.templates.parse import STATUS_OPTIONS


class TaskStatusError(Exception):
    """A status that cannot be recorded; the message (in the user's language) says what to do."""


class TaskStatusUsageError(TaskStatusError):
    """One refused for what was typed, not for what is recorded: a task the plan does not have, an unknown status, a
    period that is not a month of the plan (the command's usage error, exit 2)."""


def recordable_tasks(plan: Plan, registry: InstitutionRegistry) -> list[Task]:
    """The tasks none of whose leads is asked for reports: the Coordinator records their status."""
    asked = reporting_duties(plan, registry)
    return [t for t in plan.tasks() if not any(code in asked for code in t.lead)]


def status_code(given: str) -> str | None:
    """The status `given` as a code, or as the words of the templates' dropdown in any language and script, with or
    without diacritics, as a report's cell is read; None if not one."""
    found = values.choice(given, STATUS_OPTIONS | {code.replace("-", " "): code for code in TASK_STATUSES})
    return found.value if found.problem is None else None


def _month(plan: Plan, given: str, lang: Lang) -> str:
    """`given` as a month of the plan (YYYY-MM); refused otherwise."""
    first, last = f"{plan.start:%Y-%m}", f"{plan.end:%Y-%m}"
    try:
        month = Period.parse(given.strip())
    except PeriodError:
        month = None
    shown = str(month) if month is not None else ""
    if month is None or month.month is None or not first <= shown <= last:
        raise TaskStatusUsageError(
            text_of("task_status.period", lang, period=given, option="--period", plan=plan.id, first=first, last=last)
        )
    return shown


class StatusTyped(NamedTuple):
    """A task's status as it is recorded: the plan's task, the status's code, the month, the note and author tidied."""

    task: Task
    status: str
    month: str
    note: str
    author: str


def status_typed(
    plan: Plan,
    registry: InstitutionRegistry,
    *,
    task: str,
    status: str,
    period: str,
    note: str,
    author: str,
    lang: Lang,
) -> StatusTyped:
    """The status typed, checked against the plan alone (the command checks it before it opens the ledger: a refusal
    makes none); refused (TaskStatusError) for a task the plan does not have, a task with a lead that reports (its
    reports give the status), an unknown status, a period that is not a month of the plan, a marker's name as the
    author or personal data in the note."""
    may = recordable_tasks(plan, registry)
    listed = ", ".join(t.id for t in may)
    found = next((t for t in plan.tasks() if t.id == task.strip()), None)
    if found is None:
        example = may[0].id if may else plan.tasks()[0].id
        raise TaskStatusUsageError(
            text_of("task_status.unknown_task", lang, task=task, plan=plan.id, example=example, tasks=listed)
        )
    if found not in may:
        asked = reporting_duties(plan, registry)
        reporters = ", ".join(code for code in found.lead if code in asked)
        raise TaskStatusError(
            text_of("task_status.reported_by", lang, task=found.id, reporters=reporters, tasks=listed)
        )
    code = status_code(status)
    if code is None:
        choices = ", ".join(f"{text_of(f'status.{c}', lang)} ({c})" for c in TASK_STATUSES)
        raise TaskStatusUsageError(text_of("task_status.unknown_status", lang, given=status, choices=choices))
    month = _month(plan, period, lang)
    if is_marker_name(author):  # readers would read it as the sync or the master
        raise TaskStatusError(text_of("evaluation.sync_name", lang, name=author.strip()))
    note, author = " ".join(note.split()), author.strip()
    if found_data := personal_data_typed(note, lang):
        what = text_of("coordinator_text.note", lang)
        refusal = text_of("coordinator_text.personal_data", lang, what=what, found=found_data)
        raise TaskStatusError(refusal + personal_data_hint(note, lang))
    return StatusTyped(found, code, month, note, author)


def record_task_status(
    plan: Plan,
    registry: InstitutionRegistry,
    ledger: Ledger,
    *,
    task: str,
    status: str,
    period: str,
    note: str,
    author: str,
    at: dt.datetime,
    lang: Lang,
) -> Recorded:
    """Record `task`'s status and progress note as of `period` (a month of the plan); refused (TaskStatusError,
    nothing recorded) as `status_typed` says."""
    found, code, month, note, author = status_typed(
        plan, registry, task=task, status=status, period=period, note=note, author=author, lang=lang
    )
    latest = [r for r in ledger.task_status_records() if (r.task, r.period) == (found.id, month)][-1:]
    again = bool(latest) and (latest[0].status, latest[0].note, latest[0].author) == (code, note, author)
    # the record standing for that month, given again (a command run twice): nothing new to keep
    key = (
        latest[0].id
        if again
        else ledger.record_task_status(task=found.id, period=month, status=code, note=note, author=author, at=at)
    )
    return Recorded(
        id=key,
        message=text_of(
            "task_status.already_recorded" if again else "task_status.recorded",
            lang,
            task=found.id,
            leads=", ".join(found.lead),
            period=month_words(month, lang, genitive=True),  # "stanje od marta 2018."
            status=text_of(f"status.{code}", lang),
            note=note or "-",
            author=author,
            at=moment(latest[0].at if again else at, lang),
        ),
        new=not again,
    )
