"""The validation rules: a parsed report (and the previous accepted one) -> issues.

Pure functions over the report model; the parser has already turned bad
cell content into issues. Each rule's code, severity and messages live in
the catalogue (`schemas.messages`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Mapping, Sequence
from decimal import Decimal
from typing import Any, NamedTuple

from apmon.schemas.calendar import Period, period_order
from apmon.schemas.issues import Issue
from apmon.schemas.messages import grouped, issue, text_of
from apmon.schemas.personal_data import PersonalDataHit, file_name_hits, find_personal_data, mask_all, mask_file_name
from apmon.schemas.plan import Plan, derived
from apmon.schemas.report import BudgetEntry, Entry, Report
from apmon.schemas.text import Lang

TEXT_LIMIT = 2000  # characters; a longer cell is a document, not a report entry
STATUSES_NEEDING_PROGRESS = ("in-progress", "delayed", "completed")
# What the message calls each kind: the same word in every language, or a label (`personal.*`) in the reader's.
PERSONAL_DATA_KIND = {
    "jmbg": "JMBG",
    "email": "e-mail",
    "phone": "personal.phone",
    "document": "personal.document",
    "birth-date": "personal.birth_date",
    "name": "personal.name",
    "token": "personal.token",
}
CONTACT_KINDS = frozenset({"email", "phone"})  # the cover's contact is the preparer's office e-mail or phone


def personal_data_typed(text: str, lang: Lang) -> str | None:
    """The personal data in a text the Coordinator records (a task's note, a decision's reason, a comment), each
    piece said as the `personal-data` rule says it ("JMBG: 15•••••••••11"); None when there is none. Such texts
    stay in the ledger for good and are shown in the master and the reports (found December 2026: a note naming a
    victim was recorded and shown in the master's Status sheet)."""
    said = []
    for hit in find_personal_data(text):
        key = PERSONAL_DATA_KIND[hit.kind]
        said.append(f"{text_of(key, lang) if key.startswith('personal.') else key}: {hit.masked}")
    return "; ".join(said) or None


# What to write instead, for the kinds an ordinary text of the Coordinator's may hold by mistake: an institution's
# own number, a date after "dob" (Serbian for age).
PERSONAL_DATA_HINT = {"phone": "coordinator_text.hint.phone", "birth-date": "coordinator_text.hint.birth_date"}


def personal_data_hint(text: str, lang: Lang) -> str:
    """What to write instead of the personal data in `text` where it may be an ordinary text's (PERSONAL_DATA_HINT),
    each after a space, to follow the refusal; "" when there is nothing to suggest."""
    kinds = {hit.kind for hit in find_personal_data(text)}
    return "".join(f" {text_of(key, lang)}" for kind, key in PERSONAL_DATA_HINT.items() if kind in kinds)


def check_alone(report: Report, plan: Plan, flagged: frozenset[tuple[str, str]] = frozenset()) -> list[Issue]:
    """The rules that need nothing but the report (and the plan): a sync runs them where it parses.
    `flagged` holds the (sheet, cell) pairs the parser already reported, so a bad value is not reported
    again as a missing one."""
    period = Period.parse(report.period)
    return [
        *_tasks(report, plan, period, flagged),
        *_assessments(report, flagged),
        *_done_under_not_done(report, plan),
        *_unfinished_problems(report),
        *_budget(report, flagged),
        *_indicators(report, flagged),
        *_said_something(report),
        *_texts(report),
        *_cover_filled(report, flagged),
    ]


# A report's date more years than this before its period's year cannot be right (a cover copied from an earlier
# report is dated a month or a year before): the message of report-date-impossible says it in words
YEARS_BEFORE = 10


def check_on_day(report: Report, day: dt.date) -> list[Issue]:
    """The rules that need the day the report is checked: for a version a sync collected, the (Belgrade) day it
    arrived, so that checking it again later gives the same answer; for Validate, Submit and `apmon validate`,
    today in Belgrade. A report cannot be dated after it exists: such a date is a mistyped year, or the day and
    month swapped. Nor can it report on a period that is not over: accepted, it would be the newest report of its
    year and its figures would stand for the months really reported on. While the period runs (a report filled in
    as the month goes) its date is before the period's end by rights: it is warned of only once the period is over."""
    found = []
    cover = report.cover
    period = Period.parse(report.period)
    # Dated years before its period (year 1, 1900: Excel's day 0): no copied cover, a date that cannot be right
    impossible = cover is not None and cover.date is not None and cover.date.year < period.first_day.year - YEARS_BEFORE
    if impossible and cover is not None and cover.date is not None:
        where = (cover.sheet, cover.cell("date"))
        found.append(issue("report-date-impossible", *where, _d(cover.date), period=report.period))
    if day < period.last_day:
        sheet, cell = (cover.sheet, cover.cell("period")) if cover is not None else ("", "")
        found.append(issue("period-not-over", sheet, cell, report.period, end=_d(period.last_day), day=_d(day)))
    elif not impossible:
        found += _dated_before_period_end(report, period)
    if cover is not None and cover.date is not None and cover.date > day:
        found.append(issue("report-date-in-future", cover.sheet, cover.cell("date"), _d(cover.date), day=_d(day)))
    return found


def check_history(report: Report, history: Sequence[Report], plan: Plan | None = None) -> list[Issue]:
    """The rules that compare the report with the institution's earlier accepted reports (the ledger's, or
    files named on the command line) of the same year. `plan`: its stock indicators are not held to a sum, and
    with it the report's spending is compared with the other institutions' in `history` (`sharing_institutions`
    names whose reports that needs)."""
    period = Period.parse(report.period)
    same_year = [
        r
        for r in history
        if r.institution == report.institution
        and Period.parse(r.period).year == period.year
        and r.period != report.period
    ]
    earlier = [r for r in same_year if r.kind == report.kind and period_order(r.period) < period_order(report.period)]
    months = [r for r in same_year if r.kind == "monthly"] if report.kind == "annual" else []
    later = (
        [r for r in same_year if period_order(r.period) > period_order(report.period)]
        if report.kind == "monthly"
        else []
    )
    stocks = derived(plan, "stock indicators", lambda: _stocks(plan)) if plan else frozenset()
    return [
        *_spending_against_previous(report, earlier),
        *_year_spending_against_months(report, months),
        *_month_spending_against_later(report, later),
        *_indicators_against_months(report, months, stocks),
        *(_shared_lines(report, history, plan) if plan else []),
    ]


def sharing_institutions(report: Report, plan: Plan) -> set[str]:
    """The other institutions whose templates (of any version) may list a line the report spent on: a line's
    payer, or for a payer-less line its task's leads (versions 1-2 gave it to every lead)."""
    holders = derived(plan, "holders by line", lambda: _holders_by_line(plan))
    codes = {code for line in report.budget if line.spent_year for code in holders.get(line.line_id, ())}
    return codes - {report.institution}


def line_sharers(institution: str, plan: Plan) -> set[str]:
    """The other institutions whose templates (of any version) may list a line that `institution`'s may: those whose
    reports sharing_institutions may name, for any report of `institution`."""
    holders = derived(plan, "holders by line", lambda: _holders_by_line(plan))
    return {code for held in holders.values() if institution in held for code in held} - {institution}


def _holders_by_line(plan: Plan) -> dict[str, frozenset[str]]:
    leads = {t.id: t.lead for t in plan.tasks()}
    holders = {
        a.line_id: [a.line.payer] if a.line.payer else leads.get(a.task_id, [a.owner]) for a in plan.account_lines()
    }
    # a ministry split in two listed its successors' lines in its own templates
    return {
        line: frozenset([*codes, *(p for c in codes for p in plan.predecessors(c))]) for line, codes in holders.items()
    }


class LineFigure(NamedTuple):
    """An institution's newest figure of a year on a plan line ("spent this year to date"), as the counting takes it."""

    institution: str
    year: int
    spent: Decimal
    through: int  # the last month it covers: its report's month, 12 for an annual report
    months: Mapping[int, Decimal | None]  # its monthly reports' "spent this period" on the line, by month


class SplitPair(NamedTuple):
    """A ministry split in two and one of its successors, both with figures on a line (`split_pairs`)."""

    predecessor: str
    successor: str
    first: str  # the successor's first month, YYYY-MM
    before: LineFigure | None  # the predecessor's figure of the split's year (its months until the split)
    after: LineFigure | None  # the successor's figure of the split's year (its own months, from `first`)
    own: Decimal | None  # what the successor gave as spent in each of its months, added up (None: a month not given)
    # "equal", "contains" (`repeats_predecessor`), "part" (`repeated_months`); None: two parts of the year, added up
    repeats: str | None
    repeated: tuple[str, Decimal] | None = None  # "part": the first month repeated (YYYY-MM) and what they spent


def repeats_predecessor(spent: Decimal, predecessor: Decimal, own: Decimal | None) -> str | None:
    """Whether a successor's year-to-date figure on a line in the split's year evidently repeats the old ministry's
    (`predecessor`: its newest figure of the year, for its months) instead of holding only the successor's months,
    from its first: "equal", the same figure; "contains", at least the old ministry's and what the successor gave for
    each of its own months (`own`, None when one of them gave nothing) together. None otherwise: a figure that is
    its months' sum, or any other, is its own (the successor may well spend more in its months than the old ministry
    in its)."""
    if predecessor <= 0 or spent == own:
        return None
    if spent == predecessor:
        return "equal"
    return "contains" if own is not None and spent >= predecessor + own else None


def repeated_months(
    after: LineFigure, before: LineFigure, own: Decimal | None, first: str
) -> tuple[str, Decimal] | None:
    """Whether a successor's figure of the split's year holds, besides its own months (`own`), what the old ministry
    spent in its last months, which the old ministry's figure gives too: its figure over its own months by exactly
    what the old ministry's monthly reports gave as spent from some month to its last (not all of its year: that is
    `repeats_predecessor`). (that first month YYYY-MM, the amount repeated); None otherwise."""
    if own is None or after.spent <= own:
        return None
    over, repeated = after.spent - own, Decimal(0)
    for month in range(int(repeated_until(before, first)[5:]), 0, -1):
        given = before.months.get(month)
        if given is None:
            return None
        repeated += given
        if repeated == over:
            return (f"{before.year}-{month:02d}", repeated) if repeated < before.spent else None
        if repeated > over:
            return None
    return None


def repeated_until(before: LineFigure, first: str) -> str:
    """The last month (YYYY-MM) of the old ministry's that a successor's figure can repeat: its figure's last, before
    the successor's first."""
    return f"{before.year}-{min(before.through, int(first[5:]) - 1):02d}"


def split_pairs(plan: Plan, figures: Sequence[LineFigure]) -> list[SplitPair]:
    """The successors among a line's `figures` (each institution's newest of a year) whose predecessor gave a figure
    too: the expected pair of a split, each giving its own months, unless the successor's figure of the split's year
    repeats the old ministry's (`repeats_predecessor`). A figure of the old ministry after the split's year, or of
    the successor before it, is no part of a pair."""
    codes = {f.institution for f in figures}
    found = []
    for successor in sorted(codes):
        took = plan.succession(successor)
        if took is None or took[0] not in codes:
            continue
        predecessor, first = took
        year = int(first[:4])
        late = [f for f in figures if f.institution == predecessor and f.year > year]
        if late or [f for f in figures if f.institution == successor and f.year < year]:
            continue
        before = next((f for f in figures if (f.institution, f.year) == (predecessor, year)), None)
        after = next((f for f in figures if (f.institution, f.year) == (successor, year)), None)
        own, repeats, repeated = None, None, None
        if before is not None and after is not None:
            own = months_spent(after.months, int(first[5:]), after.through)
            repeats = repeats_predecessor(after.spent, before.spent, own)
            repeated = None if repeats else repeated_months(after, before, own, first)
            repeats = "part" if repeated else repeats
        found.append(SplitPair(predecessor, successor, first, before, after, own, repeats, repeated))
    return found


def repeat_params(line: str, pair: SplitPair) -> dict[str, str]:
    """The facts a spent-year-repeats-predecessor warning keeps of a pair whose successor's figure repeats (`line`:
    the budget line): its message's, and what a later check against newer versions takes (sync.consolidate.Repeats)."""
    if not pair.repeats or pair.before is None or pair.after is None:
        return {}
    facts = {
        "line": line, "predecessor": pair.predecessor, "successor": pair.successor, "first": pair.first,
        "successor_figure": _money(pair.after.spent), "predecessor_figure": _money(pair.before.spent),
        "own": "-" if pair.own is None else _money(pair.own), "advice": pair.repeats,
    }  # fmt: skip
    if pair.repeated:
        since, amount = pair.repeated
        facts |= {"since": since, "until": repeated_until(pair.before, pair.first), "repeated": _money(amount)}
    return facts


def repeat_issue(line: BudgetEntry, pair: SplitPair) -> Issue:
    """The spent-year-repeats-predecessor warning at a report's figure on `line` of a pair whose successor's figure
    repeats (a report's check, and sync.consolidate.Repeats.made of a version checked again)."""
    spent = None if line.spent_year is None else _money(line.spent_year)
    return issue("spent-year-repeats-predecessor", line.sheet, line.cell("spent_year"), spent,
                 **repeat_params(line.line_id, pair))  # fmt: skip


def months_spent(given: Mapping[int, Decimal | None], first: int, last: int) -> Decimal | None:
    """The "spent this period" figures of months `first` to `last` added up; None when one of them gave none."""
    months = [given.get(month) for month in range(first, last + 1)]
    return None if any(m is None for m in months) else sum((m for m in months if m is not None), Decimal(0))


def _line_figure(reports: Sequence[Report], newest: Report, line_id: str, spent: Decimal) -> LineFigure:
    """`newest`'s figure on the line, with the spending its institution's monthly reports of the year gave by month."""
    year = Period.parse(newest.period).year
    months = {
        int(r.period[5:7]): e.spent_period
        for r in sorted(reports, key=lambda r: period_order(r.period))  # a version sent again: the last stands
        if (r.institution, r.kind) == (newest.institution, "monthly") and Period.parse(r.period).year == year
        for e in r.budget
        if e.line_id == line_id
    }
    through = 12 if newest.kind == "annual" else int(newest.period[5:7])
    return LineFigure(newest.institution, year, spent, through, months)


def _shared_lines(report: Report, history: Sequence[Report], plan: Plan) -> Iterator[Issue]:
    """Each plan line is one institution's money (Plan.account_lines), counted once. Spending on a line that
    another institution also reports spent is flagged (the same year; for a line with no year, any year of the
    plan period), and so is spending that with the others' passes the line's planned amount."""
    accounts = derived(plan, "account lines by id", lambda: {a.line_id: a for a in plan.account_lines()})
    year = Period.parse(report.period).year
    newest: dict[tuple[str, int], Report] = {(report.institution, year): report}
    for other in history:
        key = (other.institution, Period.parse(other.period).year)
        if key[0] == report.institution and key[1] == year:
            continue  # this report stands for its institution's year
        current = newest.get(key)
        if current is None or period_order(other.period) > period_order(current.period):
            newest[key] = other
    for line in report.budget:
        account = accounts.get(line.line_id)
        if account is None or not line.spent_year:
            continue
        given = [
            (code, y, r, entry.spent_year)
            for (code, y), r in newest.items()
            if account.line.year is None or y == year
            for entry in r.budget
            if entry.line_id == line.line_id and entry.spent_year
        ]
        others = {code for code, _, _, _ in given} - {report.institution}
        where = (line.sheet, line.cell("spent_year"), _money(line.spent_year))
        if others and (plan.succession(report.institution) or any(plan.succession(code) for code in others)):
            # a split's pair gives two parts of the year, each its own months: no spending twice, unless repeated
            reports = [
                report,
                *(r for r in history if r.period != report.period or r.institution != report.institution),
            ]
            figures = [_line_figure(reports, r, line.line_id, spent) for _, _, r, spent in given]
            for pair in split_pairs(plan, figures):
                if report.institution in (pair.predecessor, pair.successor):
                    others -= {pair.predecessor, pair.successor}
                    if pair.repeats and pair.before and pair.after:
                        yield repeat_issue(line, pair)
        if others:
            yield issue(
                "budget-line-spent-twice",
                *where,
                line=line.line_id,
                owner=account.owner,
                others=", ".join(sorted(others)),
            )
        total = sum((amount for _, _, _, amount in given if amount is not None), Decimal(0))
        planned = account.line.amount
        if planned is not None and total > planned and total != line.spent_year:
            yield issue(
                "budget-line-over-plan-total", *where, line=line.line_id, total=_money(total), planned=_money(planned)
            )


def _stocks(plan: Plan) -> frozenset[str]:
    return frozenset(i.id for i in plan.indicators() if i.measure == "stock")


def _tasks(report: Report, plan: Plan, period: Period, flagged: frozenset[tuple[str, str]]) -> Iterator[Issue]:
    start = plan.adopted or plan.start
    problem_tasks = {p.task_id for p in report.problems if p.task_id and p.description}
    for task in report.tasks:
        activity = plan.activity_of(task.task_id)
        where = (task.sheet,)
        if task.status is None and task.role == "lead" and (task.sheet, task.cell("status")) not in flagged:
            yield issue("missing-status", *where, task.cell("status"), None, task=task.task_id)
        progress_flagged = (task.sheet, task.cell("progress")) in flagged  # an Excel error there, told already
        if task.status in STATUSES_NEEDING_PROGRESS and not task.progress and not progress_flagged:
            yield issue("missing-progress", *where, task.cell("progress"), None, task=task.task_id, status=task.status)
        needs_problem = task.status == "delayed" or task.assessment == "not-completed"
        if needs_problem and not task.problems and task.task_id not in problem_tasks:
            yield issue("missing-problem", *where, task.cell("problems"), None, task=task.task_id)
        if task.status == "completed" and period.last_day < start:
            yield issue("completed-before-start", *where, task.cell("status"), None, task=task.task_id, start=_d(start))
        deadline = activity.deadline
        done = task.status == "completed" or task.assessment == "completed"
        passed = deadline.state("completed" if done else task.status, period.first_day)
        # the reason given where the warning asks for it: the officer has done what was asked, and the master's Status
        # sheet still shows the task late (worked out from the plan's deadline, not from this warning)
        explained = bool(task.problems) or task.task_id in problem_tasks
        if passed == "overdue" and task.status is not None and not explained:
            yield issue("task-overdue", *where, task.cell("status"), None, task=task.task_id, deadline=_d(deadline.end))


def _dated_before_period_end(report: Report, period: Period) -> Iterator[Issue]:
    """A report is made once its period is over (on its last day at the earliest): dated before, it most likely
    has the cover of an earlier report, copied and not updated."""
    cover = report.cover
    if cover is not None and cover.date is not None and cover.date < period.last_day:
        yield issue(
            "report-date-before-period-end",
            cover.sheet,
            cover.cell("date"),
            _d(cover.date),
            period=report.period,
            end=_d(period.last_day),
        )


def _cover_filled(report: Report, flagged: frozenset[tuple[str, str]]) -> Iterator[Issue]:
    """Who prepared the report and when: the Coordinator asks that person about the figures (the name belongs in the
    cover by design; the contact is optional). Warnings: the figures still count without them. The institution and
    the period are locked cells, compared with the template's."""
    cover = report.cover
    if cover is None:
        return
    if not (cover.preparer or "").strip() and (cover.sheet, cover.cell("preparer")) not in flagged:
        yield issue("cover-preparer-missing", cover.sheet, cover.cell("preparer"))
    if cover.date is None and (cover.sheet, cover.cell("date")) not in flagged:
        yield issue("cover-date-missing", cover.sheet, cover.cell("date"))


def _assessments(report: Report, flagged: frozenset[tuple[str, str]]) -> Iterator[Issue]:
    if report.kind != "annual":
        return
    for task in report.tasks:
        if task.role == "lead" and task.assessment is None and (task.sheet, task.cell("assessment")) not in flagged:
            yield issue("missing-assessment", task.sheet, task.cell("assessment"), None, what="task", id=task.task_id)
    for activity in report.activities:
        if activity.assessment is None and (activity.sheet, activity.cell("assessment")) not in flagged:
            yield issue(
                "missing-assessment",
                activity.sheet,
                activity.cell("assessment"),
                None,
                what="activity",
                id=activity.activity_id,
            )


def _done_under_not_done(report: Report, plan: Plan) -> Iterator[Issue]:
    """An activity assessed not completed while the report marks every one of its tasks completed: by the report's own
    words a contradiction, most likely a slip, said at the activity's assessment (a warning). One task done of several
    says nothing: an activity whose other tasks are not done, or are other institutions' and unknown here, may well
    be not completed (Strategy 10.3: "the activity was not executed")."""
    done = {t.task_id for t in report.tasks if "completed" in (t.status, t.assessment)}
    activities = {a.id: a for a in plan.activities()}
    for activity in report.activities:
        tasks = [t.id for t in activities[activity.activity_id].tasks] if activity.activity_id in activities else []
        if activity.assessment == "not-completed" and tasks and all(t in done for t in tasks):
            yield issue(
                "task-completed-activity-not-completed", activity.sheet, activity.cell("assessment"), None,
                task=", ".join(tasks), activity=activity.activity_id,
            )  # fmt: skip


def _unfinished_problems(report: Report) -> Iterator[Issue]:
    """A Problems row with a task chosen and nothing typed beside it: left unfinished, it says nothing (a warning:
    the rest of the report counts; the master leaves the row out)."""
    for problem in report.problems:
        if problem.task_id and not problem.description and not problem.measures:
            yield issue(
                "problem-row-unfinished", problem.sheet, problem.cell("description"), None, task=problem.task_id
            )


def _said_something(report: Report) -> Iterator[Issue]:
    """The short reports have no required cell, so an empty one is caught as a whole (at its first input); an annual
    report says what the year achieved (its problems and challenges may be none)."""
    if report.duty == "member" and not any(report.narrative.values()):
        first = next(iter(report.narrative_cells.values()), "")
        yield issue("member-report-empty", report.sheet_names.get("member", ""), first)
    annual = report.kind == "annual" and report.duty == "tasks" and "results" in report.narrative
    if annual and not (report.narrative["results"] or "").strip():  # the Coordinator's Annual sheet shows them
        sheet = report.sheet_names.get("narrative", "")
        yield issue("narrative-results-missing", sheet, report.narrative_cells.get("results", ""))
    if report.duty == "observer" and not any(o.observation or o.proposal for o in report.observations):
        first_row = report.observations[0] if report.observations else None
        sheet = report.sheet_names.get("observations", "")
        yield issue("observations-empty", sheet, first_row.cell("observation") if first_row else "")


def _budget(report: Report, flagged: frozenset[tuple[str, str]]) -> Iterator[Issue]:
    for line in report.budget:
        for field in ("spent_period", "spent_year"):
            amount: Decimal | None = getattr(line, field)
            if amount is not None and amount < 0:
                yield issue("amount-negative", line.sheet, line.cell(field), _money(amount))
            written = line.currency_written.get(field)
            if written and line.currency and written != line.currency:
                yield issue(
                    "currency-mismatch",
                    line.sheet,
                    line.cell(field),
                    written,
                    line=line.line_id,
                    expected=line.currency,
                )
        if line.spent_period is not None and line.spent_year is not None and line.spent_period > line.spent_year:
            yield issue(
                "spent-period-over-year",
                line.sheet,
                line.cell("spent_period"),
                _money(line.spent_period),
                line=line.line_id,
                year_total=_money(line.spent_year),
            )
        # The master counts the year to date alone: a month's spending without it would be lost.
        year_flagged = (line.sheet, line.cell("spent_year")) in flagged
        if line.spent_period and line.spent_year is None and not year_flagged:
            yield issue(
                "spent-year-missing",
                line.sheet,
                line.cell("spent_year"),
                _money(line.spent_period),
                line=line.line_id,
            )
        # No total can hold money of no currency (a donor's, a no-cost or a cost-unknown line): named, not dropped.
        unpriced = next((f for f in ("spent_year", "spent_period") if getattr(line, f)), None)
        if unpriced and not line.currency:
            yield issue(
                "spent-on-line-without-currency",
                line.sheet,
                line.cell(unpriced),
                _money(getattr(line, unpriced)),
                line=line.line_id,
            )
        if line.spent_year is not None and line.planned is not None and line.spent_year > line.planned:
            yield issue(
                "spent-over-planned",
                line.sheet,
                line.cell("spent_year"),
                _money(line.spent_year),
                line=line.line_id,
                planned=_money(line.planned),
            )


def _spending_against_previous(report: Report, earlier: list[Report]) -> Iterator[Issue]:
    """Spending so far this year cannot be less than the last figure an earlier report of the year gave for the line:
    a report that left it blank keeps that figure on the master (`_last_given`), so it is no lower figure to compare
    with."""
    before = _last_given(earlier)
    for line in report.budget:
        said = before.get(line.line_id)
        if not line.currency:  # no total counts it (spent-on-line-without-currency): moved to the note, not refused
            continue
        if line.spent_year is not None and said is not None and line.spent_year < said[0]:
            yield issue(
                "cumulative-spending-decreased",
                line.sheet,
                line.cell("spent_year"),
                _money(line.spent_year),
                line=line.line_id,
                previous=_money(said[0]),
                month=said[1],
            )


def _last_given(reports: list[Report]) -> dict[str, tuple[Decimal, str]]:
    """line -> (spent this year to date, the period that said it): the newest figure given, a blank keeping the last."""
    to_date: dict[str, tuple[Decimal, str]] = {}
    for earlier in sorted(reports, key=lambda r: period_order(r.period)):
        for line in earlier.budget:
            if line.spent_year is not None:
                to_date[line.line_id] = (line.spent_year, earlier.period)
    return to_date


def _month_spending_against_later(report: Report, later: list[Report]) -> Iterator[Issue]:
    """A month corrected (or sent late) after later reports of its year, giving more spent to date on a line than the
    figure the master counts (the last a later report gave: the annual report's, which closes the year, or a later
    month's) would be left out without a word. Warned, not refused: either may be the right figure. The other order
    is refused (cumulative-spending-decreased, annual-spending-below-months)."""
    counted = _last_given(later)
    kinds = {r.period: r.kind for r in later}
    for line in report.budget:
        said = counted.get(line.line_id)
        if not line.currency or line.spent_year is None or said is None or line.spent_year <= said[0]:
            continue  # no currency: as in _spending_against_previous
        where = (line.sheet, line.cell("spent_year"), _money(line.spent_year))
        if kinds[said[1]] == "annual":
            yield issue("month-spending-above-annual", *where, line=line.line_id, annual=_money(said[0]), year=said[1])
        else:
            yield issue("spending-above-later-month", *where, line=line.line_id, later=_money(said[0]), month=said[1])


def _year_spending_against_months(report: Report, months: list[Report]) -> Iterator[Issue]:
    """The year's spending on a line cannot be lower than the spending to date that the newest monthly report of the
    year giving it already said (the months' own figures only grow: cumulative-spending-decreased)."""
    to_date = _last_given(months)
    for line in report.budget:
        said = to_date.get(line.line_id)
        if not line.currency:  # as in _spending_against_previous
            continue
        if line.spent_year is not None and said is not None and line.spent_year < said[0]:
            yield issue(
                "annual-spending-below-months",
                line.sheet,
                line.cell("spent_year"),
                _money(line.spent_year),
                line=line.line_id,
                months=_money(said[0]),
                month=said[1],
            )


def _indicators(report: Report, flagged: frozenset[tuple[str, str]]) -> Iterator[Issue]:
    for ind in report.indicators:
        parts = [getattr(ind, g) for g in ("women", "men", "girls", "boys") if g in ind.cells]
        given = [p for p in parts if p is not None]
        if not given:
            continue
        total = sum(given)
        if ind.total is None and (ind.sheet, ind.cell("total")) not in flagged:
            yield issue("total-missing", ind.sheet, ind.cell("total"), None, indicator=ind.indicator_id, sum=total)
        elif ind.total is not None and len(given) == len(parts) and total != ind.total:
            yield issue(
                "breakdown-mismatch", ind.sheet, ind.cell("total"), ind.total, indicator=ind.indicator_id, sum=total
            )


def _indicators_against_months(report: Report, months: list[Report], stocks: frozenset[str]) -> Iterator[Issue]:
    """A year's total cannot be lower than what the monthly reports of that year already counted; a stock's
    (a level at a date: the year's figure is the latest level) can."""
    if not months:
        return
    counted: dict[str, int] = {}
    for month in months:
        for ind in month.indicators:
            if ind.total is not None and ind.indicator_id not in stocks:
                counted[ind.indicator_id] = counted.get(ind.indicator_id, 0) + ind.total
    for ind in report.indicators:
        so_far = counted.get(ind.indicator_id)
        if ind.total is not None and so_far is not None and ind.total < so_far:
            yield issue(
                "indicator-decreased",
                ind.sheet,
                ind.cell("total"),
                ind.total,
                indicator=ind.indicator_id,
                months=so_far,
            )


def _texts(report: Report) -> Iterator[Issue]:
    hits_of: dict[str, list[PersonalDataHit]] = {}  # each text searched once: a report repeats some in many cells
    for sheet, cell, text in free_texts(report):
        cover = report.cover
        is_contact = cover is not None and (sheet, cell) == (cover.sheet, cover.cell("contact"))
        is_preparer = cover is not None and (sheet, cell) == (cover.sheet, cover.cell("preparer"))
        if (hits := hits_of.get(text)) is None:
            hits = hits_of[text] = find_personal_data(text)
        for hit in hits:
            if is_contact and hit.kind in CONTACT_KINDS:
                continue
            kind = PERSONAL_DATA_KIND[hit.kind]
            if cover is not None and is_preparer and hit.kind in CONTACT_KINDS:  # typed with the name: say where
                contact = cover.cell("contact")
                yield issue(
                    "personal-data", sheet, cell, hit.masked, kind=kind, advice="move-to-contact", contact=contact
                )
            else:
                yield issue("personal-data", sheet, cell, hit.masked, kind=kind)
        if len(text) > TEXT_LIMIT:
            yield issue("text-too-long", sheet, cell, None, length=len(text), limit=TEXT_LIMIT)


def file_name_personal_data(source: str) -> list[Issue]:
    """A `file-name-personal-data` issue for each piece of personal data in the name of the file `source` names."""
    name = source.replace("\\", "/").rpartition("/")[2]
    hits = file_name_hits(name)
    return [issue("file-name-personal-data", value=h.masked, kind=PERSONAL_DATA_KIND[h.kind]) for h in hits]


def folder_name_personal_data(path: str) -> list[Issue]:
    """A `folder-name-personal-data` issue for each piece of personal data in the names of the folders of `path`, a
    file's path inside the reports folder (the sync keeps and shows it whole, not only the file's name)."""
    folders = path.replace("\\", "/").split("/")[:-1]
    hits = [hit for folder in folders for hit in file_name_hits(folder)]
    return [issue("folder-name-personal-data", value=h.masked, kind=PERSONAL_DATA_KIND[h.kind]) for h in hits]


def sheet_title_personal_data(title: str) -> list[Issue]:
    """A `sheet-title-personal-data` issue for each piece of personal data in a Google Sheet's title: one name, not
    a path (Drive lets a title hold "/"), and no folder an officer could rename."""
    return [
        issue("sheet-title-personal-data", value=h.masked, kind=PERSONAL_DATA_KIND[h.kind])
        for h in file_name_hits(title)
    ]


# A month in a file's name, as templates are named (MUP_2018-03_sr-Latn.xlsx) or near it (MUP_2018_03).
# Not a day's date (MZ_2018-04-05.xlsx: the day it was sent, early the next month).
_NAMED_MONTH = re.compile(r"(?<![0-9])(20[0-9]{2})[-_. ](0[1-9]|1[0-2])(?![0-9]|[-_. ][0-9]{1,2}(?![0-9]))")


def month_named(source: str) -> str | None:
    """The one month (2018-03) the name of the file `source` names, if it names exactly one."""
    name = source.replace("\\", "/").rpartition("/")[2]
    named = {f"{year}-{month}" for year, month in _NAMED_MONTH.findall(name)}
    return named.pop() if len(named) == 1 else None


def file_name_period(source: str, report: Report) -> list[Issue]:
    """A `file-name-period` warning when the name of the file `source` names one month, and the monthly report in
    it is for another: filled in on the wrong month's template, it takes that month's place."""
    named = month_named(source)
    if report.kind != "monthly" or named is None or report.period == named:
        return []
    return [issue("file-name-period", named=named, period=report.period)]


def guard_quoted_values(issues: Sequence[Issue]) -> list[Issue]:
    """The issues with every quoted value and every sheet's name masked, plus a `personal-data` issue for each cell
    whose quoted value holds personal data that no text rule looked at (a JMBG pasted into a dropdown or a date
    cell): such a report is then refused for personal data, so the purge reaches it, and no message repeats the
    digits. A sheet's name quoted (`sheet-copied`) is masked as its name is: it is refused as that name
    (`personal-data-sheet-name`), not as a cell."""
    issues = [_sheet_masked(found) for found in issues]
    seen = {(i.sheet, i.cell) for i in issues if i.code == "personal-data"}
    guarded: list[Issue] = []
    for found in issues:
        hits = find_personal_data(found.value) if found.value and found.code != "personal-data" else []
        if not hits:
            guarded.append(found)
            continue
        guarded.append(found.model_copy(update={"value": mask_all(found.value or "")}))
        if (found.sheet, found.cell) not in seen:
            seen.add((found.sheet, found.cell))
            guarded += [
                issue("personal-data", found.sheet, found.cell, hit.masked, kind=PERSONAL_DATA_KIND[hit.kind])
                for hit in hits
            ]
    return guarded


def _sheet_masked(found: Issue) -> Issue:
    """The issue with its sheet's name masked, and its value too where the value is that name."""
    if not found.sheet or not file_name_hits(found.sheet):
        return found
    shown = mask_file_name(found.sheet)
    value = shown if found.value == found.sheet else found.value
    return found.model_copy(update={"sheet": shown, "value": value})


def free_texts(report: Report) -> Iterator[tuple[str, str, str]]:
    """(sheet, cell, text) of every free-text input, the cover's included."""
    fields = {
        "tasks": ("progress", "problems", "measures", "risks", "assessment_note"),
        "activities": ("assessment_note",),
        "budget": ("note",),
        "indicators": ("value", "note"),
        "problems": ("description", "measures"),
        "observations": ("observation", "proposal"),
    }
    entries_of: list[tuple[list[Entry], tuple[str, ...]]] = [(getattr(report, a), names) for a, names in fields.items()]
    if report.cover is not None:
        entries_of.append(([report.cover], ("preparer", "contact", "state")))
    for entries, names in entries_of:
        for entry in entries:
            for name in names:
                text = getattr(entry, name, None)
                if text:
                    yield entry.sheet, entry.cell(name), text
    sheet = report.sheet_names.get("member" if report.duty == "member" else "narrative", "")
    for key, text in report.narrative.items():
        if text:
            yield sheet, report.narrative_cells.get(key, ""), text


def _money(amount: Decimal) -> str:
    return grouped(amount, "sr-Latn", 2)


def above_counted_now(
    found: Mapping[str, Any], kind: str, period: str, counted: Decimal | None
) -> Mapping[str, Any] | None:
    """A stored month-spending-above-annual or spending-above-later-month warning (`_month_spending_against_later`)
    against the figure the master counts on its line now (`counted`, of the newest report of the year: its `kind`
    and `period`): None when the month's figure is no longer above it; else the warning as it stands now, of the
    annual report when one came since, said with the figure counted (kept as stored while that is the same)."""
    params, value = found.get("params") or {}, found.get("value")
    if counted is None or value is None or stored_money(str(value)) <= counted:
        return None
    line, figure = params.get("line"), _money(counted)
    if kind == "annual":
        code, now = "month-spending-above-annual", {"line": line, "annual": figure, "year": period}
    else:
        code, now = "spending-above-later-month", {"line": line, "later": figure, "month": period}
    if code == found.get("code") and figure in (params.get("annual"), params.get("later")):
        return found
    return {**found, "code": code, "params": now}


def stored_money(said: str) -> Decimal:
    """An amount as a rule's message keeps it (`_money`: 1.000,00) as a number again, for a program that reads it."""
    return Decimal(said.replace(".", "").replace(",", "."))


def _d(day: dt.date) -> str:
    """A day as a message keeps it: ISO, said in the reader's language when the message is (messages.DATE_FIELDS)."""
    return day.isoformat()
