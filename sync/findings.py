"""What a run finds about the files it reads and the settings of the master it would write: kept apart from
`consolidate`, which a run that finds nothing changed does not load (tests/test_startup.py)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from apmon.schemas.calendar import BELGRADE, DeadlinePolicy, Period
from apmon.schemas.dates import moment_said
from apmon.schemas.messages import text_of
from apmon.schemas.paper import month_words
from apmon.schemas.text import Lang

COPIED_TIMES_CODE: Literal["file-times-copied"] = "file-times-copied"
# A folder copied without its file times (cp -r onto a fresh ledger) makes every report late by its copy's minute.
# Taken for one when this many files of this many periods share a minute, each this many working days late.
COPIED_MIN_FILES, COPIED_MIN_PERIODS, COPIED_MIN_DAYS_LATE = 5, 3, 60


class CopiedTimes(BaseModel):
    """Files of different periods whose times are one minute long after their deadlines: their times are most
    likely the day they were copied, not the day they were sent (`copied_file_times`)."""

    model_config = ConfigDict(frozen=True)

    code: Literal["file-times-copied"] = COPIED_TIMES_CODE
    minute: dt.datetime  # the shared minute, Belgrade time
    files: int
    periods: int
    fewest_days_late: int


def copied_file_times(late: Iterable[tuple[str, dt.datetime, int]]) -> CopiedTimes | None:
    """The largest group of reports late by their file's own time (period, that time, working days late) whose times
    fall in one minute, when it holds many files of several periods, each long late; else None."""
    by_minute: dict[dt.datetime, list[tuple[str, int]]] = defaultdict(list)
    for period, at, days_late in late:
        if days_late >= COPIED_MIN_DAYS_LATE:
            by_minute[at.astimezone(BELGRADE).replace(second=0, microsecond=0)].append((period, days_late))
    if not by_minute:
        return None
    minute, found = max(by_minute.items(), key=lambda item: (len(item[1]), item[0]))
    periods = len({period for period, _ in found})
    if len(found) < COPIED_MIN_FILES or periods < COPIED_MIN_PERIODS:
        return None
    return CopiedTimes(minute=minute, files=len(found), periods=periods, fewest_days_late=min(d for _, d in found))


DuplicateBasis = Literal["stamp", "file-time", "only-valid", "elsewhere", "none"]
DUPLICATE_CODE = "duplicate-report"  # the Issues sheet's code for a report held by several files


class DuplicateFile(BaseModel):
    """One of several files that hold the same report."""

    model_config = ConfigDict(frozen=True)

    file: str  # as shown: the path in the reports folder, or a Google spreadsheet's title and id
    saved: dt.datetime | None  # the file's time as the ledger recorded it
    stamp: dt.datetime | None  # the add-in's Submit stamp it carries
    valid: bool
    counts: bool  # its report is the one the master counts


class DuplicateReport(BaseModel):
    """A report of one institution and period that several files present at the sources hold, and why the one that
    counts does: `stamp` its Submit stamp is the newest (every file carries one); `file-time` it was saved last;
    `only-valid` the others have errors; `elsewhere` the version that counts is in none of them now (a file
    deleted since, the add-in's Submit, an earlier content); `none` no valid version."""

    model_config = ConfigDict(frozen=True)

    institution: str
    period: str
    files: list[DuplicateFile]  # oldest first
    basis: DuplicateBasis
    counted_file: str | None = None  # the file the version that counts came from, when none of `files` holds it
    counted_received: dt.datetime | None = None


def duplicate_text(report: DuplicateReport, lang: Lang) -> str:
    """What the Coordinator reads of a report held by several files: every file, which counts and why, what to do."""

    def t(key: str, **fields: object) -> str:  # the master's words, as its Issues sheet says them too
        return text_of(f"master.{key}", lang, **{k: str(v) for k, v in fields.items()})

    def when(moment: dt.datetime | None) -> str:
        return moment_said(moment, lang) if moment else "?"

    files = []
    for f in report.files:
        stamp = t("duplicate.stamp", time=when(f.stamp)) if f.stamp else ""
        errors = "" if f.valid else t("duplicate.errors")
        files.append(t("duplicate.file", file=f.file, saved=when(f.saved), stamp=stamp, errors=errors))
    counted = next((f for f in report.files if f.counts), None)
    if counted is not None:
        time = when(counted.stamp if report.basis == "stamp" else counted.saved)
        why = t(f"duplicate.why.{report.basis}", file=counted.file, time=time)
    else:
        why = t(f"duplicate.why.{report.basis}", file=report.counted_file or "?", time=when(report.counted_received))
    return t(
        "duplicate.message",
        institution=report.institution,
        period=month_words(report.period, lang),
        count=len(report.files),
        files="; ".join(files),
        why=why,
    )


class ConsolidationSettings(BaseModel):
    model_config = ConfigDict(frozen=True)

    first: Period
    last: Period
    as_of: dt.date
    eur_to_rsd: dict[int, Decimal] = Field(default_factory=dict, description="Exchange rate per year.")
    deadlines: DeadlinePolicy = DeadlinePolicy()
    lang: Lang = Field(default="en", description="Language of the master's sheets, headers and notes.")
    not_read: tuple[tuple[str, str], ...] = Field(
        default=(),
        description="(institution, period) of reports whose file the run could not read (Google not answering): "
        "shown as not read, never as not sent.",
    )
