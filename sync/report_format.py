"""How the Coordinator's reports (and the e-mails, for a month) write numbers, shares, dates and months, the
Serbian and the English way; the words are in the one catalogue (schemas.messages_reports). Pure: no I/O."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

from apmon.schemas.calendar import Period
from apmon.schemas.dates import day_said, moment_said
from apmon.schemas.messages import counted, grouped, text_of
from apmon.schemas.text import Lang

if TYPE_CHECKING:
    from apmon.sync.report_content import ActivityEvaluation, AnnualEvaluation, CouncilGap

REASON_TASKS = 3  # the tasks not completed a reasoning names; the rest are counted


def number(value: Decimal | int | None, lang: Lang, decimals: int = 0) -> str:
    """1.234.567,89 in Serbian, 1,234,567.89 in English; an empty string for no value."""
    if value is None:
        return ""
    quantum = Decimal(1).scaleb(-decimals)
    rounded = Decimal(value).quantize(quantum, rounding=ROUND_HALF_UP)
    return grouped(rounded, lang, decimals)


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


def annual_late_said(evaluation: AnnualEvaluation, lang: Lang) -> list[str]:
    """Who sent the year's annual report late (working days, as the master's Submissions sheet counts them) and how
    many on time; nothing when none was late."""
    late = [
        text_of("report.annual.late_one", lang, institution=code, days=counted(days, "working_day", lang))
        for code, days in evaluation.annual_late
    ]
    on_time = len(evaluation.annual_reports) - len(late)
    return [text_of("report.annual.late", lang, late=", ".join(late), on_time=on_time)] if late else []


def annual_missing_said(evaluation: AnnualEvaluation, missing: list[str], lang: Lang) -> list[str]:
    """Who has no annual report in (`missing`, of those who owe one): still to come while the deadline has not
    passed (the evaluation is provisional, `annual_due`), else none that counts; nothing once all are in after it.
    The annual evaluation's summary and the master's Evaluation sheet alike."""
    if evaluation.annual_due is not None:
        due = date(evaluation.annual_due, lang)
        return [
            text_of("report.annual.not_yet_due", lang, year=evaluation.year, due=due, missing=", ".join(missing) or "-")
        ]
    return [text_of("report.annual.missing", lang, year=evaluation.year, missing=", ".join(missing))] if missing else []


def since_decision_said(a: ActivityEvaluation, lang: Lang) -> str:
    """The leads' reports that came after the standing decision (`since_decision`), to review it; "" when none."""
    if not a.since_decision:
        return ""
    # a month in words (novembar 2017.), a year as it is
    reports = [f"{code} ({month(p, lang) if len(p) > 4 else p})" for code, p in a.since_decision]
    key = "report.annual.since_decision_one" if len(reports) == 1 else "report.annual.since_decision"  # one as one
    return text_of(key, lang, reports=", ".join(reports))


def to_review_said(evaluation: AnnualEvaluation, lang: Lang) -> list[str]:
    """The activities whose standing decision is older than a report of their leads (`since_decision`)."""
    return review_said([a.activity for a in evaluation.activities if a.since_decision], lang)


def review_said(activities: list[str], lang: Lang) -> list[str]:
    """The activities (as named: "1.2", or "1.2 (2017)" where several years show) whose decisions to review."""
    key = "report.annual.review_one" if len(activities) == 1 else "report.annual.review"  # one said as one
    return [text_of(key, lang, activities=", ".join(activities))] if activities else []
