"""Validate a report: file or Grid in, issues with messages out.

The one entry point the CLI, the add-in and the sync service share.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from apmon.schemas.calendar import BELGRADE, ReportKind, WorkingCalendar
from apmon.schemas.grid import Grid
from apmon.schemas.institutions import InstitutionRegistry
from apmon.schemas.issues import Issue, Severity
from apmon.schemas.messages import bounded, file_problem_fields, message, text_of
from apmon.schemas.plan import Plan
from apmon.schemas.report import Report
from apmon.schemas.rules import (
    check_alone,
    check_history,
    check_on_day,
    file_name_period,
    file_name_personal_data,
    guard_quoted_values,
    sheet_title_personal_data,
)
from apmon.schemas.text import Lang
from apmon.templates.parse import ParseResult, parse_grid
from apmon.templates.read_xlsx import UnreadableFileError, part_shown, read_xlsx_bytes
from apmon.templates.sniff import (
    FileTooLargeError,
    read_at_most,
    shown_file_name,
    sniff_bytes,
    sniff_workbook,
    too_large,
    unreadable_reason,
)


class IssueView(BaseModel):
    """An issue as shown to a person and printed by --json."""

    model_config = ConfigDict(frozen=True)

    code: str
    severity: Severity
    sheet: str
    cell: str
    value: str | None
    message: str
    params: dict[str, object]


class Validation(BaseModel):
    """The result for one workbook."""

    model_config = ConfigDict(frozen=True)

    file: str
    readable: bool
    valid: bool  # readable and without errors (warnings allowed)
    institution: str | None
    period: str | None
    kind: ReportKind | None
    issues: list[IssueView]
    report: Report | None = None

    def errors(self) -> int:
        return sum(i.severity == "error" for i in self.issues)

    def warnings(self) -> int:
        return sum(i.severity == "warning" for i in self.issues)


def check_grid(
    grid: Grid,
    plan: Plan,
    registry: InstitutionRegistry,
    *,
    history: Sequence[Report] = (),
    expected_institution: str | None = None,
    expected_period: str | None = None,
    calendar: WorkingCalendar | None = None,
    checked_on: dt.date | None = None,
) -> tuple[Report | None, list[Issue]]:
    """Parse and check: the report (None when the workbook is not a readable report) and every issue.
    `checked_on`: the day the report is checked (rules.check_on_day), today in Belgrade unless given."""
    parsed = parse_grid(
        grid,
        plan,
        registry,
        expected_institution=expected_institution,
        expected_period=expected_period,
        calendar=calendar,
    )
    day = checked_on or dt.datetime.now(BELGRADE).date()
    return parsed.report, check_parsed(parsed, plan, day, history, source=grid.source, titled=grid.titled)


def check_parsed(
    parsed: ParseResult,
    plan: Plan,
    day: dt.date,
    history: Sequence[Report] = (),
    *,
    source: str = "",
    titled: bool = False,
) -> list[Issue]:
    """The parser's issues, then for a readable report those of every rule; `day`: the day it is checked.
    `titled`: as `check_parsed_alone`'s."""
    issues = check_parsed_alone(parsed, plan, source=source, titled=titled)
    report = parsed.report
    if report is None:
        return issues
    return [*issues, *guard_quoted_values([*check_on_day(report, day), *check_history(report, history, plan)])]


def check_parsed_alone(parsed: ParseResult, plan: Plan, *, source: str = "", titled: bool = False) -> list[Issue]:
    """The parser's issues, then for a readable report those of the rules that need no earlier report; and
    personal data in the name of the file `source` names. `titled`: `source` is a Google Sheet's title, one name
    whose "/" parts no folder."""
    named = sheet_title_personal_data(source) if titled else file_name_personal_data(source)
    if parsed.report is None:
        return guard_quoted_values([*parsed.issues, *named])
    flagged = frozenset((i.sheet, i.cell) for i in parsed.issues)
    named += file_name_period(source.replace("/", " ").replace("\\", " ") if titled else source, parsed.report)
    return guard_quoted_values([*parsed.issues, *named, *check_alone(parsed.report, plan, flagged)])


# Characters of a cell's value that its issue's message repeats: enough to recognise it, and the message still fits
# in a cell of the Issues sheet (Excel holds at most 32,767 characters, and a cell may hold that many).
SHOWN_VALUE = 200


def _shown(found: Issue) -> Issue:
    if found.value is None or len(found.value) <= SHOWN_VALUE:
        return found
    return found.model_copy(update={"value": found.value[:SHOWN_VALUE] + "…"})


def view(issues: list[Issue], lang: Lang) -> list[IssueView]:
    return [
        IssueView(
            code=i.code,
            severity=i.severity,
            sheet=i.sheet,
            cell=i.cell,
            value=i.value,
            message=message(_shown(i), lang),
            params=i.params,
        )
        for i in issues
    ]


def validate_grid(
    grid: Grid,
    plan: Plan,
    registry: InstitutionRegistry,
    lang: Lang = "sr-Latn",
    **options: object,
) -> Validation:
    report, issues = check_grid(grid, plan, registry, **options)  # type: ignore[arg-type]
    return validation(grid.source, report, issues, lang)


def validation(file: str, report: Report | None, issues: list[Issue], lang: Lang) -> Validation:
    """The result for a readable workbook: its report (if it is one) and issues (at most MAX_ISSUES listed)."""
    issues = bounded(issues)
    return Validation(
        file=shown_file_name(file, limit=None),  # as shown: harmless, personal data in it masked
        readable=True,
        valid=not any(i.blocks for i in issues),
        institution=report.institution if report else None,
        period=report.period if report else None,
        kind=report.kind if report else None,
        issues=view(issues, lang),
        report=report,
    )


def read_report_file(path: Path, lang: Lang = "sr-Latn") -> Grid | Validation:
    """The file's Grid, or a Validation saying in one issue why it cannot be read and what to do.

    Once the file passes the checks that need only its name and size, its bytes are read (no more than the size
    limit) and go the way a sync's fetched bytes go: `apmon validate` and `apmon sync run` judge a file alike."""
    problem = sniff_workbook(path, part_name=part_shown)
    if problem is not None:
        return unreadable(str(path), problem.code, problem.params, lang)
    try:
        data = read_at_most(path)
    except FileTooLargeError as exc:  # it grew since
        problem = too_large(path.name, exc.size, exc.limit)
        return unreadable(str(path), problem.code, problem.params, lang)
    except OSError as exc:
        return unreadable(str(path), "file-not-readable", {"name": path.name, **unreadable_reason(exc)}, lang)
    return read_report_bytes(data, str(path), lang, shown=path.name)


def read_report_bytes(data: bytes, name: str, lang: Lang = "sr-Latn", *, shown: str | None = None) -> Grid | Validation:
    """As read_report_file, for a file's bytes already in memory; `name` is the file's name, or its path in the folder
    a sync reads; `shown`: what messages call it, when not `name`."""
    problem = sniff_bytes(data, shown or name, part_name=part_shown)
    if problem is not None:
        return unreadable(name, problem.code, problem.params, lang)
    try:
        return read_xlsx_bytes(data, name)
    except UnreadableFileError as exc:  # passed the quick checks, failed the real read
        return unreadable(name, exc.code, exc.params, lang)


def validate_file(
    path: Path, plan: Plan, registry: InstitutionRegistry, lang: Lang = "sr-Latn", **options: object
) -> Validation:
    """Validate one file. A file that cannot be read at all gets one issue saying why and what to do."""
    grid = read_report_file(path, lang)
    if isinstance(grid, Validation):
        return grid
    return validate_grid(grid, plan, registry, lang, **options)


def unreadable(file: str, code: str, params: dict[str, str], lang: Lang) -> Validation:
    shown = IssueView(
        code=code,
        severity="error",
        sheet="",
        cell="",
        value=None,
        message=text_of(code, lang, **file_problem_fields(params, lang)),
        params=dict(params),
    )
    return Validation(
        file=shown_file_name(file, None),
        readable=False,
        valid=False,
        institution=None,
        period=None,
        kind=None,
        issues=[shown],
    )
