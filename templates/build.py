"""Build report templates for institutions and a period: layouts in, files or sheets out."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Literal

import gspread
from gspread.urls import SPREADSHEET_DRIVE_URL
from pydantic import BaseModel

from apmon.schemas.calendar import Period, WorkingCalendar
from apmon.schemas.institutions import InstitutionRegistry
from apmon.schemas.plan import Plan
from apmon.schemas.said import SaidError
from apmon.schemas.text import Lang
from apmon.templates.google_api import GOOGLE_ERRORS, GoogleReason
from apmon.templates.gsheet import create_google_template
from apmon.templates.layout import WorkbookLayout, report_layout
from apmon.templates.xlsx import write_xlsx


class BuiltTemplate(BaseModel):
    institution: str
    period: str
    kind: Literal["monthly", "annual"]
    lang: Lang
    target: str  # a file path, or a Google spreadsheet URL
    tasks: int
    budget_lines: int
    indicators: int


class TemplateNotMade(SaidError):
    """A Google template that could not be made; the others went on."""


def template_file_name(institution: str, period: Period, lang: Lang) -> str:
    return f"{institution}_{period}_{lang}.xlsx"


def layouts(
    plan: Plan,
    registry: InstitutionRegistry,
    institutions: Iterable[str],
    period: Period,
    lang: Lang,
    calendar: WorkingCalendar | None = None,
    now: dt.datetime | None = None,
) -> list[WorkbookLayout]:
    """One layout per institution, stamped with the build time. Raises NoTasksError for an institution
    with nothing to report, before anything is written."""
    stamp = (now or dt.datetime.now(dt.UTC)).isoformat(timespec="seconds")
    built = []
    for code in institutions:
        layout = report_layout(plan, registry, code, period, lang, calendar)
        built.append(layout.model_copy(update={"meta": layout.meta.model_copy(update={"created": stamp})}))
    return built


def summary(layout: WorkbookLayout, target: str) -> BuiltTemplate:
    return BuiltTemplate(
        institution=layout.meta.institution,
        period=layout.meta.period,
        kind=layout.meta.kind,
        lang=layout.meta.lang,
        target=target,
        tasks=len(layout.sheet("tasks").rows) if layout.has("tasks") else 0,
        budget_lines=len(layout.sheet("budget").rows) if layout.has("budget") else 0,
        indicators=len(layout.sheet("indicators").rows) if layout.has("indicators") else 0,
    )


def write_xlsx_templates(
    built: list[WorkbookLayout], out_dir: Path, on_done: Callable[[BuiltTemplate], None] | None = None
) -> list[BuiltTemplate]:
    out_dir.mkdir(parents=True, exist_ok=True)
    results = []
    for layout in built:
        period = Period.parse(layout.meta.period)
        path = out_dir / template_file_name(layout.meta.institution, period, layout.meta.lang)
        write_xlsx(layout, path)
        results.append(summary(layout, str(path)))
        if on_done:
            on_done(results[-1])
    return results


def write_google_templates(
    client: gspread.Client,
    built: list[WorkbookLayout],
    folder_id: str,
    accounts: dict[str, list[str]],
    on_done: Callable[[BuiltTemplate], None] | None = None,
) -> tuple[list[BuiltTemplate], list[TemplateNotMade]]:
    """Create each template as a Google Sheet in the folder, shared with the institution's accounts.

    A failure for one institution does not stop the others; it is returned (said in a language, str() English),
    and so is an unfinished spreadsheet of a template's name that could not be trashed (an officer might fill it in),
    and one of a template's name apmon did not make, left alone (an officer's report uploaded back, perhaps).
    """
    results: list[BuiltTemplate] = []
    failures: list[TemplateNotMade] = []
    for layout in built:
        code = layout.meta.institution
        left: list[str] = []
        not_shared: list[tuple[str, Exception]] = []
        not_apmons: list[str] = []
        try:
            spreadsheet = create_google_template(
                client, layout, folder_id, accounts.get(code, []), left, not_shared, not_apmons
            )
        except GOOGLE_ERRORS as exc:  # one institution's failure (even a dropped connection) stops no other
            failures.append(TemplateNotMade("template.not_made", institution=code, reason=GoogleReason(exc)))
            continue
        failures += [
            TemplateNotMade(
                "template.duplicate_left", institution=code, url=SPREADSHEET_DRIVE_URL % i, kept=spreadsheet.url
            )
            for i in left
        ]
        failures += [
            TemplateNotMade(
                "template.other_file_kept", institution=code, url=SPREADSHEET_DRIVE_URL % i, kept=spreadsheet.url
            )
            for i in not_apmons
        ]
        failures += [
            TemplateNotMade(
                "template.not_shared", institution=code, url=spreadsheet.url, email=email, reason=GoogleReason(exc)
            )
            for email, exc in not_shared
        ]
        results.append(summary(layout, spreadsheet.url))
        if on_done:
            on_done(results[-1])
    return results, failures
