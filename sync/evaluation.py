"""The annual evaluation's records (seed 10.3): the Coordinator's decisions on each activity's assessment and the
comments beside it, checked against the plan and kept in the ledger, append-only; and the master's Evaluation
sheet, whose assessment and reason cells the Coordinator types in and the next sync reads back before it writes
the sheet again.

Comments are recorded with `apmon evaluation comment` (the sheet shows them, read-only): a Working Group member
or a civil society representative sends a comment, and the Coordinator records it with who gave it.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from pydantic import BaseModel, ConfigDict

from apmon.schemas import values
from apmon.schemas.a1 import column_letter
from apmon.schemas.calendar import Period
from apmon.schemas.institutions import InstitutionRegistry
from apmon.schemas.messages import MASTER_AUTHOR, author_said, author_stored, is_marker_name, text_of
from apmon.schemas.personal_data import BULLET, mask_all
from apmon.schemas.plan import Plan
from apmon.schemas.rules import personal_data_hint, personal_data_typed
from apmon.schemas.tables import Highlight, Mark, Table, TableColumn
from apmon.schemas.text import Lang
from apmon.sync.findings import ConsolidationSettings
from apmon.sync.ledger import Ledger
from apmon.sync.report_format import (
    annual_missing_said,
    moment,
    reasoning,
    review_said,
    since_decision_said,
)
from apmon.templates.layout import ASSESSMENTS, reporting_institutions

if TYPE_CHECKING:
    import gspread

    from apmon.sync.consolidate import Submission, YearDigest
    from apmon.sync.report_content import Comment, Decision

FIRST_DATA_ROW = 4  # a managed sheet's: title, subtitle, header, then the rows (sync.writers)
ASSESSMENT_COLUMN, REASON_COLUMN = 6, 7  # 0-based: the sheet's input cells
DECISION_COLUMN = 10  # the number of the decision the input cells were written with


class EvaluationError(Exception):
    """A decision or comment that cannot be recorded; the message (in the user's language) says what to do."""


class EvaluationUsageError(EvaluationError):
    """One refused for what was typed, not for what is recorded: an activity the plan does not have, a year outside
    it, an unknown assessment, an empty reason, text or author (the command's usage error, exit 2)."""


class Typed(NamedTuple):
    """What the Coordinator typed on the Evaluation sheet: a line for each decision recorded or refused, and the
    refused ones as typed, (year, activity) -> (assessment, reason): the sheet written again shows them, marked, so
    that nothing typed is lost before it is corrected; personal data in them masked, so that no write of the master
    carries it on."""

    lines: list[str]
    refused: dict[tuple[int, str], tuple[str, str]]


class Recorded(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: int
    message: str
    new: bool = True  # False: the same was recorded before (`id` is that record) and nothing was added


def _words(text: str) -> str:
    """`text` with its runs of spaces as one: the same words typed again are the same record."""
    return " ".join(text.split())


def _person(author: str, lang: Lang) -> str:
    """`author` stripped; refused when it is one of apmon's markers (or their words), which readers read as the sync
    or as the master's Evaluation sheet."""
    if is_marker_name(author):
        raise EvaluationError(text_of("evaluation.sync_name", lang, name=author.strip()))
    return author.strip()


def _masked_on_the_sheet(reason: str, lang: Lang) -> str | None:
    """The personal data in a reason typed on the sheet, or the masked pieces of one the sheet refused and shows
    masked (`M••••• P•••••••`): read back, they are no reason either, to be printed in the annual report."""
    if found := personal_data_typed(reason, lang):
        return found
    return " ".join(word for word in reason.split() if BULLET * 2 in word) or None


def _no_personal_data(text: str, what: str, lang: Lang) -> None:
    """A reason or comment stays in the ledger for good and is printed in the annual report: none with personal data."""
    if found := personal_data_typed(text, lang):
        said = text_of(what, lang)
        refusal = text_of("coordinator_text.personal_data", lang, what=said, found=found)
        raise EvaluationError(refusal + personal_data_hint(text, lang))


def assessment_code(given: str) -> str | None:
    """The assessment `given` as a code, or as the words of any language, in either script and with or without
    diacritics ("delimicno realizovana", as Serbian is often typed), as a report's dropdown cell is read; None if
    not one."""
    from apmon.templates.parse import ASSESSMENT_OPTIONS  # the report parser's, loaded when a decision was typed

    words = ASSESSMENT_OPTIONS | {code.replace("-", " "): code for code in ASSESSMENTS}
    found = values.choice(given, words)
    return found.value if found.problem is None else None


def _choices(lang: Lang) -> str:
    return ", ".join(text_of(f"assessment.{code}", lang) for code in ASSESSMENTS)


def _check(plan: Plan, activity: str, year: int, lang: Lang) -> None:
    if activity not in {a.id for a in plan.activities()}:
        if activity in {t.id for t in plan.tasks()}:  # the Coordinator assesses activities, not their tasks
            parent = plan.activity_of(activity).id
            raise EvaluationUsageError(text_of("evaluation.task_not_activity", lang, task=activity, activity=parent))
        example = plan.activities()[0].id
        raise EvaluationUsageError(
            text_of("evaluation.unknown_activity", lang, activity=activity, plan=plan.id, example=example)
        )
    if not plan.start.year <= year <= plan.end.year:
        raise EvaluationUsageError(
            text_of("evaluation.unknown_year", lang, year=year, plan=plan.id, first=plan.start.year, last=plan.end.year)
        )


class Decided(NamedTuple):
    """A decision on an assessment as it is recorded: the activity and the reason stripped, the assessment's code."""

    activity: str
    assessment: str
    reason: str
    author: str


def decision_typed(
    plan: Plan, *, activity: str, year: int, assessment: str, reason: str, author: str, lang: Lang
) -> Decided:
    """The decision typed, checked against the plan alone (a command checks it before it opens the ledger: a refusal
    makes none); refused (EvaluationError) for an activity the plan does not have, a year outside it, an unknown
    assessment, no reason, a marker's name as the author or personal data in the reason."""
    activity = activity.strip()  # " 2.1 ", pasted with its spaces, is 2.1 (as a task is: sync.task_status)
    _check(plan, activity, year, lang)
    code = assessment_code(assessment)
    if code is None:
        raise EvaluationUsageError(
            text_of("evaluation.unknown_assessment", lang, given=assessment, choices=_choices(lang))
        )
    if not reason.strip():
        raise EvaluationUsageError(text_of("evaluation.no_reason", lang))
    reason, author = reason.strip(), _person(author, lang)
    _no_personal_data(reason, "coordinator_text.reason", lang)
    return Decided(activity, code, reason, author)


def set_assessment(
    plan: Plan,
    ledger: Ledger,
    *,
    activity: str,
    year: int,
    assessment: str,
    reason: str,
    author: str,
    at: dt.datetime,
    lang: Lang,
) -> Recorded:
    """Record the Coordinator's decision on `activity`'s assessment for `year`; refused (EvaluationError, nothing
    recorded) as `decision_typed` says."""
    activity, code, reason, author = decision_typed(
        plan, activity=activity, year=year, assessment=assessment, reason=reason, author=author, lang=lang
    )
    said = text_of(f"assessment.{code}", lang)
    standing = [o for o in ledger.overrides(year) if o.activity == activity][-1:]
    if standing and (standing[0].assessment, _words(standing[0].reason), standing[0].author) == (
        code,
        _words(reason),
        author,
    ):  # the decision standing, given again (a command run twice): one decision, listed once
        return Recorded(
            id=standing[0].id,
            message=text_of(
                "evaluation.already_recorded",
                lang,
                activity=activity,
                year=year,
                assessment=said,
                reason=standing[0].reason,
                author=author,
                at=moment(standing[0].at, lang),
            ),
            new=False,
        )
    key = ledger.record_override(activity=activity, year=year, assessment=code, reason=reason, author=author, at=at)
    return Recorded(
        id=key,
        message=text_of(
            "evaluation.recorded",
            lang,
            activity=activity,
            year=year,
            assessment=said,
            reason=reason,
            author=author,
            at=moment(at, lang),
        ),
    )


def comment_typed(plan: Plan, *, activity: str, year: int, author: str, text: str, lang: Lang) -> str:
    """The activity of a comment typed, stripped; the comment checked against the plan alone (before the ledger is
    opened, as `decision_typed`); refused as a decision is, and when the text or the author is empty."""
    activity = activity.strip()
    _check(plan, activity, year, lang)
    if not text.strip():
        raise EvaluationUsageError(text_of("evaluation.no_text", lang))
    if not author.strip():
        raise EvaluationUsageError(text_of("evaluation.no_author", lang))
    _person(author, lang)
    _no_personal_data(text, "coordinator_text.comment", lang)
    return activity


def add_comment(
    plan: Plan, ledger: Ledger, *, activity: str, year: int, author: str, text: str, at: dt.datetime, lang: Lang
) -> Recorded:
    """Record a comment on `activity` for `year` by `author` (a Working Group member, a civil society
    representative); refused (EvaluationError, nothing recorded) as `comment_typed` says."""
    activity = comment_typed(plan, activity=activity, year=year, author=author, text=text, lang=lang)
    # The author's latest comment on the activity given again (a command run twice) is printed once; an older one
    # said again after another of theirs is their word changed back, and recorded.
    same = [c for c in ledger.comments(year) if (c.activity, c.author) == (activity, author.strip())][-1:]
    if same and _words(same[0].text) == _words(text):
        return Recorded(
            id=same[0].id,
            message=text_of(
                "evaluation.comment_already_recorded",
                lang,
                activity=activity,
                year=year,
                author=author.strip(),
                at=moment(same[0].at, lang),
            ),
            new=False,
        )
    key = ledger.record_comment(activity=activity, year=year, author=author.strip(), text=text.strip(), at=at)
    return Recorded(
        id=key,
        message=text_of(
            "evaluation.comment_recorded",
            lang,
            activity=activity,
            year=year,
            author=author.strip(),
            at=moment(at, lang),
        ),
    )


def records(
    ledger: Ledger, year: int, as_of: dt.datetime | None = None
) -> tuple[dict[str, list[Decision]], dict[str, list[Comment]]]:
    """The decisions and comments for `year` recorded by `as_of`, by activity, oldest first."""
    from apmon.sync.report_content import Comment, Decision

    decisions: dict[str, list[Decision]] = defaultdict(list)
    for o in ledger.overrides(year, as_of):
        decisions[o.activity].append(
            Decision(assessment=o.assessment, reason=o.reason, author=o.author, at=o.at, id=o.id)
        )
    comments: dict[str, list[Comment]] = defaultdict(list)
    for c in ledger.comments(year, as_of):
        comments[c.activity].append(Comment(author=c.author, text=c.text, at=c.at))
    return dict(decisions), dict(comments)


# --- the master's Evaluation sheet ----------------------------------------------------------------------------


def sheet_years(plan: Plan, settings: ConsolidationSettings) -> list[int]:
    """The years the master covers, within the plan's."""
    return [y for y in range(settings.first.year, settings.last.year + 1) if plan.start.year <= y <= plan.end.year]


def evaluation_sheet(
    plan: Plan,
    ledger: Ledger,
    settings: ConsolidationSettings,
    now: dt.datetime,
    registry: InstitutionRegistry,
    refused: Mapping[tuple[int, str], tuple[str, str]] | None = None,
) -> Callable[[list[YearDigest], list[tuple[str, str]], list[Submission]], list[Table]]:
    """What makes the master's Evaluation sheet from the consolidation's digests and accepted versions
    (`sync.run.consolidated`), as the annual evaluation is made: provisional before the year's annual reports are
    due (as of the master's day), and each decision older than a report of its activity's leads flagged for review.
    `registry`: who is asked for reports, whose word a task's status waits for, as on the Status sheet. `refused`:
    what the Coordinator typed and the sheet refused (`Typed.refused`), shown in the input cells as typed and marked,
    in place of the standing decision."""
    # The annual evaluation's code is loaded only to make the sheet: a sync that writes no master (nothing changed)
    # reads back what was typed (read_back) and needs none of it, nor consolidation's.
    from apmon.sync.consolidate import with_took_over
    from apmon.sync.report_content import Basis, annual_evaluation, annual_not_yet_due, with_arrivals

    refused = refused or {}

    def make(digests: list[YearDigest], order: list[tuple[str, str]], accepted: list[Submission]) -> list[Table]:
        lang = settings.lang
        basis = Basis(run_id=None, run_finished_at=None, cut_off=now)
        rows: list[list[Any]] = []
        highlights: list[Highlight] = []
        said_above: list[str] = []  # of each year: provisional, who has not sent
        to_review: list[str] = []  # the decisions to review, with their year: the sheet shows an activity a year
        titles = {a.id: a for a in plan.activities()}
        statuses = ledger.task_status_records()
        for year in sheet_years(plan, settings):
            # who owes the year's annual report: by the months each reports for, as the annual evaluation asks
            owed = sorted(reporting_institutions(plan, registry, "annual", Period(year=year)))
            decided, said = records(ledger, year)
            made = annual_evaluation(plan, registry, digests, order, year, basis, decided, said, statuses)
            due = annual_not_yet_due(settings.deadlines, year, settings.as_of)
            evaluation = with_arrivals(made, accepted).model_copy(update={"annual_due": due})
            # a successor of a split: whom it took over from, and when ("MRZSP (od jula 2018. umesto MRZBSP)")
            missing = [with_took_over(code, plan, code, lang) for code in owed if code not in evaluation.annual_reports]
            said_above += annual_missing_said(evaluation, missing, lang)
            to_review += [f"{a.activity} ({year})" for a in evaluation.activities if a.since_decision]
            for a in evaluation.activities:
                last = a.decisions[-1] if a.decisions else None
                typed = refused.get((year, a.activity))
                if typed is None:
                    shown = (text_of(f"assessment.{last.assessment}", lang), last.reason) if last else ("", "")
                    wrong = None
                else:  # the word the sheet does not know, else the reason left out
                    shown, wrong = typed, "assessment" if assessment_code(typed[0]) is None else "reason"
                for column in ("assessment", "reason"):
                    mark: Mark = "error" if column == wrong else "input"
                    highlights.append(Highlight(row=len(rows), column=column, mark=mark))
                review = since_decision_said(a, lang)  # the leads' reports that came after the decision
                if review:
                    highlights.append(Highlight(row=len(rows), column="decided", mark="warning"))
                by_whom = [f"{author_said(last.author, lang)}, {moment(last.at, lang)}", review] if last else []
                rows.append(
                    [
                        year,
                        a.objective,
                        a.activity,
                        titles[a.activity].title.in_lang(lang),
                        text_of(f"assessment.{a.proposed}", lang),
                        reasoning(a, lang),
                        *shown,
                        "\n".join(filter(None, by_whom)),  # the review on a line of its own
                        "\n".join(f"{c.author}: {c.text}" for c in a.comments),
                        last.id if last else None,
                    ]
                )
        table = Table(
            sheet=text_of("evaluation.sheet", lang),
            title=text_of("evaluation.title", lang),
            # above the table, seen first
            subtitle=" ".join([*said_above, *review_said(to_review, lang), text_of("evaluation.subtitle", lang)]),
            columns=[
                TableColumn(key="year", header=text_of("col.year", lang), width=7),
                TableColumn(key="objective", header=text_of("report.col.objective", lang), width=7),
                TableColumn(key="activity", header=text_of("report.col.activity", lang), width=9),
                TableColumn(key="text", header=text_of("report.col.text", lang), width=50),
                TableColumn(key="proposed", header=text_of("report.col.proposed", lang), width=18),
                TableColumn(key="reasoning", header=text_of("report.col.reasoning", lang), width=50),
                TableColumn(key="assessment", header=text_of("report.col.assessment", lang), width=20),
                TableColumn(key="reason", header=text_of("report.col.reason", lang), width=40),
                # wraps (WRAP_FROM): a decision to review says which reports came after it
                TableColumn(key="decided", header=text_of("evaluation.col.decided", lang), width=30),
                TableColumn(key="comments", header=text_of("evaluation.col.comments", lang), width=50),
                TableColumn(key="decision_no", header=text_of("evaluation.col.decision_no", lang), width=9),
            ],
            rows=rows,
            highlights=highlights,
            notes=[text_of("report.annual.rule", lang), text_of("report.degrees", lang)],
        )
        return [table]

    return make


def read_back(
    plan: Plan, ledger: Ledger, master: Path, lang: Lang, now: dt.datetime, coordinator: str | None = None
) -> Typed:
    """Record the decisions typed on the Evaluation sheet of the master file (`record_typed`). SheetTooLargeError
    (templates.sheet_extent) for a sheet whose filled part reaches too far to be read (a value typed far out): the
    caller must not write that master then, as for the Google one (read_back_google)."""
    cells = _sheet_of_file(master, text_of("evaluation.sheet", lang))
    return record_typed(plan, ledger, cells, lang, now, coordinator)


def read_back_google(
    plan: Plan,
    ledger: Ledger,
    client: gspread.Client,
    spreadsheet_id: str,
    lang: Lang,
    now: dt.datetime,
    coordinator: str | None = None,
) -> Typed:
    """Record the decisions typed on the Evaluation sheet of the master Google spreadsheet (`record_typed`). Google's
    errors (templates.google_api.GOOGLE_ERRORS) reach the caller, who must not write that master then: what was typed
    there would be written over unread; so does SheetsTooLargeError (templates.gsheet), before a cell is read, for a
    sheet too large to read, measured by its grid as a report's sheets are."""
    from gspread.utils import absolute_range_name

    from apmon.templates.gsheet import SheetsTooLargeError, grids_too_large

    sheet = text_of("evaluation.sheet", lang)
    http = client.http_client
    metadata = http.fetch_sheet_metadata(
        spreadsheet_id, params={"fields": "sheets.properties(title,gridProperties(rowCount,columnCount))"}
    )
    found = [s["properties"] for s in metadata.get("sheets", []) if s["properties"]["title"] == sheet]
    if not found:
        return Typed([], {})
    size = found[0].get("gridProperties", {})
    grid = [(sheet, size.get("rowCount", 0), size.get("columnCount", 0))]
    if (too_large := grids_too_large(grid)) is not None:
        raise SheetsTooLargeError(*too_large, grid)
    # Unformatted: the year and the decision's number as numbers, whatever the spreadsheet's locale shows.
    reply = http.values_get(
        spreadsheet_id, absolute_range_name(sheet), params={"valueRenderOption": "UNFORMATTED_VALUE"}
    )
    return record_typed(plan, ledger, reply.get("values", []), lang, now, coordinator)


def _typed_on_a_master(author: str) -> bool:
    """Whether a decision's author is the master's marker (MASTER_AUTHOR, alone or with a name): typed on a master."""
    stored = author_stored(author)
    return stored == MASTER_AUTHOR or stored.startswith(MASTER_AUTHOR + ":")


def master_author(coordinator: str | None) -> str:
    """Whom a decision typed on the master is recorded under: the Coordinator the configuration names
    (`[reports] coordinator`), else "the Coordinator"; either way marked as typed in the master. Not the user name:
    the sync runs unattended, under an account of its own. A marker, not words in the master's language, so each
    reader reads it in their own (schemas.messages.author_said)."""
    if coordinator and coordinator.strip():
        return f"{MASTER_AUTHOR}:{coordinator.strip()}"
    return MASTER_AUTHOR


def record_typed(
    plan: Plan,
    ledger: Ledger,
    cells: Sequence[Sequence[Any]],
    lang: Lang,
    now: dt.datetime,
    coordinator: str | None = None,
) -> Typed:
    """Record as the Coordinator's decisions the assessments and reasons typed on the master's Evaluation sheet
    (`cells`: its rows as read, from A1) that differ from the standing decision; a line for each one recorded or
    refused (nothing recorded then), and the refused ones as typed. `coordinator`: `[reports] coordinator`, the
    name they are recorded under (`master_author`)."""
    sheet = text_of("evaluation.sheet", lang)
    typed = _typed(cells)
    if not typed:
        return Typed([], {})
    # What the input cells were written with: the decision numbered beside them. A decision recorded since (with
    # `apmon evaluation set`) is not undone by the older one the sheet still shows.
    written: dict[int, tuple[str, str]] = {}
    standing: dict[tuple[str, int], tuple[str, str]] = {}
    recorded: dict[tuple[str, int], list[tuple[int, tuple[str, str]]]] = {}  # typed on a master, in the ledger's order
    for year in {y for _, y, _, _, _ in typed}:
        for o in ledger.overrides(year):
            written[o.id] = standing[(o.activity, year)] = (o.assessment, _text(o.reason))
            if _typed_on_a_master(o.author):
                recorded.setdefault((o.activity, year), []).append((o.id, written[o.id]))
    activities = {a.id for a in plan.activities()}
    lines, refused = [], {}
    for row, year, activity, (given, reason), shown in typed:
        if activity not in activities or not plan.start.year <= year <= plan.end.year or not given:
            continue
        cell = f"{column_letter(ASSESSMENT_COLUMN + 1)}{row}"
        code = assessment_code(given)
        if code is None:
            lines.append(
                text_of(
                    "evaluation.sheet_refused",
                    lang,
                    sheet=sheet,
                    cell=cell,
                    given=mask_all(given),
                    choices=_choices(lang),
                    activity=activity,
                    year=year,
                )
            )
            refused[(year, activity)] = (mask_all(given), mask_all(reason))
            continue
        as_written = shown is not None and written.get(shown) == (code, reason)
        # Recorded from the sheet since it was written, not standing (a later decision does): the master's write
        # failed, and the sheet still shows it as typed. Recorded again, dated now, it would stand over the later one.
        # The last typed on a master since, not any: typed again after another one typed since, it is her last word.
        typed_since = [said for i, said in recorded.get((activity, year), []) if i > (shown or 0)]
        since = bool(typed_since) and typed_since[-1] == (code, reason)
        if as_written or since or standing.get((activity, year)) == (code, reason):
            continue  # as the sheet was written, or already the standing decision (typed in the other master too)
        if not reason:
            cell = f"{column_letter(REASON_COLUMN + 1)}{row}"
            lines.append(
                text_of("evaluation.sheet_no_reason", lang, sheet=sheet, cell=cell, activity=activity, year=year)
            )
            refused[(year, activity)] = (mask_all(given), mask_all(reason))
            continue
        if found := _masked_on_the_sheet(reason, lang):
            cell = f"{column_letter(REASON_COLUMN + 1)}{row}"
            line = text_of("evaluation.sheet_personal_data", lang, sheet=sheet, cell=cell, activity=activity,
                           year=year, found=found)  # fmt: skip
            lines.append(line + personal_data_hint(reason, lang))
            refused[(year, activity)] = (mask_all(given), mask_all(reason))
            continue
        author = master_author(coordinator)
        key = ledger.record_override(
            activity=activity, year=year, assessment=code, reason=reason, author=author, at=now
        )
        said = text_of(f"assessment.{code}", lang)
        # Dated at the run's start, it may be older than one recorded since with `apmon evaluation set`: recorded,
        # but that one stands (by the ledger's order), and the run says so.
        last = [o for o in ledger.overrides(year) if o.activity == activity][-1]
        if last.id == key:
            lines.append(text_of("evaluation.sheet_recorded", lang, sheet=sheet, activity=activity, year=year,
                                 assessment=said))  # fmt: skip
        else:  # the later one's assessment the same: nothing to do
            same = last.assessment == code
            lines.append(
                text_of(
                    "evaluation.sheet_recorded_same" if same else "evaluation.sheet_recorded_not_standing",
                    lang,
                    sheet=sheet,
                    activity=activity,
                    year=year,
                    assessment=said,
                    number=last.id,
                    standing=text_of(f"assessment.{last.assessment}", lang),
                    author=author_said(last.author, lang),
                    at=moment(last.at, lang),
                )
            )
    return Typed(lines, refused)


def _sheet_of_file(master: Path, sheet: str) -> list[list[Any]]:
    """The sheet's rows; none when the master or the sheet is not there. python-calamine: no workbook library is
    loaded for a sync that changes nothing. SheetTooLargeError for a sheet whose filled part reaches too far,
    SheetUnreadableError for a workbook whose parts (the sheet's among them) cannot be read."""
    from apmon.templates.sheet_extent import SheetTooLargeError, sheet_rows
    from apmon.templates.sniff import library_said

    try:
        data = master.read_bytes()
        zipfile.ZipFile(io.BytesIO(data)).close()
    except (OSError, zipfile.BadZipFile):  # gone, locked, or no workbook at all: the writer leaves it and says why
        return []
    try:
        return sheet_rows(data, sheet) or []
    except SheetTooLargeError:  # not an empty sheet: what is typed there must not be written over
        raise
    except Exception as exc:  # a damaged part: read as empty, the decisions typed on the sheet would be written over
        raise SheetUnreadableError(sheet, library_said(exc)) from exc


class SheetUnreadableError(ValueError):
    """The master file's sheet `sheet` cannot be read (`reason`, the library's words): the file is left as it is."""

    def __init__(self, sheet: str, reason: str) -> None:
        self.sheet, self.reason = sheet, reason
        super().__init__(f"{sheet}: {reason}")


def _typed(cells: Sequence[Sequence[Any]]) -> list[tuple[int, int, str, tuple[str, str], int | None]]:
    """(sheet row, year, activity, (assessment, reason), the decision they were written with) of each data row."""
    found = []
    for i, given in enumerate(cells[FIRST_DATA_ROW - 1 :], start=FIRST_DATA_ROW):
        # Google leaves out a row's empty cells at its end: an assessment typed without a reason ends the row.
        row = [*given, *[""] * (DECISION_COLUMN + 1 - len(given))]
        try:
            year = int(float(str(row[0])))
        except (TypeError, ValueError, OverflowError):
            continue
        typed = (_text(row[ASSESSMENT_COLUMN]), _text(row[REASON_COLUMN]))
        found.append((i, year, str(row[2]).strip(), typed, _number(row[DECISION_COLUMN])))
    return found


def _text(value: object) -> str:
    return " ".join(str(value).split()) if value not in (None, "") else ""


def _number(value: object) -> int | None:
    try:
        return int(float(str(value)))
    except (ValueError, OverflowError):  # "inf" too
        return None
