"""How the Coordinator's reports (and the e-mails, for a month) write numbers, shares, dates and months, the
Serbian and the English way; the words are in the one catalogue (schemas.messages_reports). Pure: no I/O."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

from apmon.schemas.calendar import Period
from apmon.schemas.dates import day_said, moment_said
from apmon.schemas.messages import counted, text_of
from apmon.schemas.text import Lang

if TYPE_CHECKING:
    from apmon.sync.report_content import ActivityEvaluation, CouncilGap

REASON_TASKS = 3  # the tasks not completed a reasoning names; the rest are counted


def number(value: Decimal | int | None, lang: Lang, decimals: int = 0) -> str:
    """1.234.567,89 in Serbian, 1,234,567.89 in English; an empty string for no value."""
    if value is None:
        return ""
    quantum = Decimal(1).scaleb(-decimals)
    rounded = Decimal(value).quantize(quantum, rounding=ROUND_HALF_UP)
    shown = f"{rounded:,.{decimals}f}"
    return shown if lang == "en" else shown.replace(",", " ").replace(".", ",").replace(" ", ".")


def share(value: Decimal | None, lang: Lang) -> str:
    """A fraction as a percentage: 45,3 % (Serbian), 45.3% (English)."""
    if value is None:
        return "–"
    shown = number(value * 100, lang, 1)
    return f"{shown}%" if lang == "en" else f"{shown} %"


def points(value: Decimal, lang: Lang) -> str:
    """A change of a share in percentage points, signed."""
    shown = number(abs(value) * 100, lang, 1)
    sign = "+" if value > 0 else ("−" if value < 0 else "±")
    return f"{sign}{shown}"


# The reports' names for the one way apmon says a date and a time (schemas.dates): 31.01.2018. / 31 Jan 2018
date = day_said
moment = moment_said


def gap_words(gap: CouncilGap, lang: Lang) -> dict[str, str]:
    """The days since the previous Council report, as both warnings of it say them (the report's, the command's)."""
    return {"previous": date(gap.previous, lang), "this": date(gap.this, lang), "days": counted(gap.days, "day", lang)}


def month(period: str, lang: Lang) -> str:
    """januar 2018. / јануар 2018. / January 2018."""
    p = Period.parse(period)
    assert p.month is not None
    return text_of("month.of_year", lang, month=text_of(f"month.{p.month}", lang), year=p.year)


def reasoning(a: ActivityEvaluation, lang: Lang) -> str:
    """An activity's proposed assessment explained in one sentence: "3 of 4 tasks completed; task 2.1.3 not
    started" (the annual evaluation and the master's Evaluation sheet)."""

    def status(code: str) -> str:
        return text_of(f"status.{code}", lang) if code != "none" else text_of("report.status.none", lang)

    parts = [text_of("report.reason.tasks", lang, completed=a.completed, total=a.tasks)]
    parts += [text_of("report.reason.task", lang, task=task, status=status(s)) for task, s in a.open[:REASON_TASKS]]
    if len(a.open) > REASON_TASKS:
        parts.append(
            text_of("report.reason.more", lang, more=counted(len(a.open) - REASON_TASKS, "more_not_completed", lang))
        )
    by_assessment: dict[str, list[str]] = {}
    for code, said in a.self_assessed.items():
        by_assessment.setdefault(said, []).append(code)
    if by_assessment:
        said = ", ".join(
            f"{text_of(f'assessment.{s}', lang)} ({', '.join(codes)})" for s, codes in by_assessment.items()
        )
        parts.append(text_of("report.reason.self", lang, said=said))
    if a.indicators:
        parts.append(text_of("report.reason.indicators", lang, reported=a.indicators_reported, total=a.indicators))
    return "; ".join(parts)
