"""Reporting periods, the Serbian working-day calendar and report due dates.

Seed 10.2: a monthly report is due by the fifth working day of the next
month; the annual report by 15 February for the previous year. A due date
that falls on a non-working day moves to the next working day, as Serbian
administrative procedure provides.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, Any, Literal, NamedTuple
from zoneinfo import ZoneInfo

from pydantic import BaseModel, ConfigDict, Field, model_validator

from apmon.schemas.shipped_holidays import SHIPPED_HOLIDAYS

if TYPE_CHECKING:
    from collections.abc import Iterable

    import holidays

    from apmon.schemas.text import Lang

ReportKind = Literal["monthly", "annual"]

# Reports are due by Belgrade dates; submission times are compared in Belgrade time.
BELGRADE = ZoneInfo("Europe/Belgrade")

FIRST_YEAR, LAST_YEAR = 2000, 2100  # the years a period can be in
_PERIOD = re.compile(r"^(?P<year>\d{4})(?:-(?P<month>\d{2}))?$")


class PeriodError(ValueError):
    """A period string that is not YYYY-MM or YYYY. The message is English; `key` and `fields` say it in the
    catalogue (schemas.messages_cli) for a reader of another language."""

    def __init__(self, message: str, key: str, **fields: Any) -> None:
        super().__init__(message)
        self.key = key
        self.fields = fields


class Period(BaseModel):
    """A reporting period: a month (monthly report) or a year (annual report)."""

    model_config = ConfigDict(frozen=True)

    year: int = Field(ge=FIRST_YEAR, le=LAST_YEAR)
    month: int | None = Field(default=None, ge=1, le=12)

    @classmethod
    def parse(cls, text: str) -> Period:
        match = _PERIOD.match(text.strip())
        if not match:
            raise PeriodError(
                f"{text!r} is not a period: write a month as YYYY-MM (2018-03) or a year as YYYY (2018)",
                "period.invalid",
                value=text,
            )
        month = int(match["month"]) if match["month"] else None
        year = int(match["year"])
        if not FIRST_YEAR <= year <= LAST_YEAR:  # else pydantic refuses it, in words no CLI says
            raise PeriodError(
                f"{text!r} is not a period apmon keeps: years are {FIRST_YEAR} to {LAST_YEAR}",
                "period.year_out_of_range",
                value=text,
                first=FIRST_YEAR,
                last=LAST_YEAR,
            )
        if month is not None and not 1 <= month <= 12:
            raise PeriodError(
                f"{text!r} has no month {month}: months are 01 to 12", "period.no_month", value=text, month=month
            )
        return cls(year=year, month=month)

    @property
    def kind(self) -> ReportKind:
        return "annual" if self.month is None else "monthly"

    @property
    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month or 1, 1)

    @property
    def last_day(self) -> dt.date:
        if self.month is None:
            return dt.date(self.year, 12, 31)
        following = dt.date(self.year + self.month // 12, self.month % 12 + 1, 1)
        return following - dt.timedelta(days=1)

    def __str__(self) -> str:
        return f"{self.year}" if self.month is None else f"{self.year}-{self.month:02d}"


def month_before(month: Period) -> Period:
    """The month before `month` (a month, not a year)."""
    assert month.month is not None
    return Period(year=month.year - 1, month=12) if month.month == 1 else Period(year=month.year, month=month.month - 1)


ANNUAL_RANK = 13  # after December: the annual report is the year's closing word


def period_order(period: str | None) -> tuple[int, int]:
    """The one order of reports in time: (year, month), the annual report of a year as month 13, after every
    monthly report of that year (design, "Counting rules"). As text "2018" < "2018-01" would put it first.
    A missing or malformed period sorts first."""
    text = (period or "").strip()
    if not text[:4].isdigit():
        return (0, 0)
    month = text[5:7]
    return (int(text[:4]), int(month) if month.isdigit() else ANNUAL_RANK)


class DeadlinePolicy(BaseModel):
    """When reports are due. Defaults are those of the Strategy (seed 10.2)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    monthly_working_day: int = Field(
        default=5, ge=1, le=20, description="Monthly reports are due on this working day of the next month."
    )
    annual_due_month: int = Field(default=2, ge=1, le=12)
    annual_due_day: int = Field(default=15, ge=1, le=31)
    extra_non_working_days: tuple[dt.date, ...] = Field(
        default=(), description="Days the Government declares non-working on top of public holidays."
    )

    @model_validator(mode="after")
    def _annual_date_exists(self) -> DeadlinePolicy:
        try:
            dt.date(2001, self.annual_due_month, self.annual_due_day)  # a non-leap year: 29 Feb is refused
        except ValueError as exc:
            from apmon.schemas.said import SaidValueError

            raise SaidValueError(
                "invalid.annual_due_date", day=self.annual_due_day, month=self.annual_due_month
            ) from exc
        return self


class SkippedDay(BaseModel):
    model_config = ConfigDict(frozen=True)

    date: dt.date
    reason: str  # "Saturday", "Sunday", a holiday's name, or "declared non-working day"


class DueDate(BaseModel):
    """A report's due date, with the reasoning a person can check."""

    model_config = ConfigDict(frozen=True)

    period: str
    kind: ReportKind
    due: dt.date
    rule: str = Field(description="The rule applied, in words.")
    nominal: dt.date | None = Field(
        default=None, description="For the annual report: the fixed date before any roll-forward."
    )
    skipped: list[SkippedDay] = Field(
        default_factory=list, description="Non-working days passed over on the way to the due date."
    )


class Timeliness(BaseModel):
    """Whether a report came in by its due date, and how many working days late if not."""

    model_config = ConfigDict(frozen=True)

    due: dt.date
    on_time: bool
    days_late: int


HolidayTable = dict[int, dict[dt.date, str]]  # year -> the Serbian public holidays of that year, name by day

# The holidays package's answers, kept for the process: every calendar asks for the same years. The package is
# loaded only for a year not here (some hundredths of a second), and a sync fills this from its cache first
# (add_known_holidays), so a run whose years are cached loads it not at all.
_SERBIAN_HOLIDAYS: HolidayTable = {}
_SHIPPED: HolidayTable = {}  # the shipped years asked for, as dates


def serbian_holidays(year: int) -> dict[dt.date, str]:
    """The Serbian public holidays of `year` (observed days included), name by day, as the holidays package says:
    for the years apmon ships (schemas.shipped_holidays) from its table, for another from the package."""
    if year in _SHIPPED:  # asked once a day by every day-by-day walk: made into dates once
        return _SHIPPED[year]
    if year not in _SERBIAN_HOLIDAYS:
        shipped = SHIPPED_HOLIDAYS.get(year)
        if shipped is not None:
            return _SHIPPED.setdefault(year, {dt.date.fromisoformat(day): name for day, name in shipped.items()})
        import holidays

        found = holidays.country_holidays("RS", observed=True, years=year)
        _SERBIAN_HOLIDAYS[year] = {day: str(name) for day, name in found.items()}
    return _SERBIAN_HOLIDAYS[year]


def holidays_unknown(
    years: Iterable[int], lang: Lang, option: str | None = None, given: Iterable[dt.date] = ()
) -> list[str]:
    """The warning, one a year, that Serbia's holidays of `years` (those a command counts working days in) are not
    known (the holidays package knows 2007 to 2100): only weekends and the extra days were days off. `option`: the
    command's own option to give them with, beside the setting. A year with a day of `given` (the extra non-working
    days) was checked, as the warning asks: not said again. Every command that counts working days says it so."""
    from apmon.schemas.messages import text_of

    key = "deadline.holidays_unknown" if option else "deadline.holidays_unknown_setting"
    checked = {day.year for day in given}
    unknown = [year for year in sorted(set(years) - checked) if not serbian_holidays(year)]
    return [text_of(key, lang, year=year, option=option or "") for year in unknown]


def known_holidays() -> HolidayTable:
    """Every year's holidays worked out or added in this process."""
    return {year: dict(days) for year, days in _SERBIAN_HOLIDAYS.items()}


def add_known_holidays(table: HolidayTable) -> None:
    """Holidays the holidays package gave before (a sync's cache of them), taken as its answers for their years."""
    for year, days in table.items():
        _SERBIAN_HOLIDAYS.setdefault(year, dict(days))


class WorkingCalendar:
    """Monday to Friday minus Serbian public holidays (observed days included)
    and any extra non-working days the policy declares."""

    def __init__(self, policy: DeadlinePolicy | None = None) -> None:
        self.policy = policy or DeadlinePolicy()
        self._due_dates: dict[Period, DueDate] = {}  # a sync asks for the same few periods many times
        self._named: dict[str, holidays.HolidayBase] = {}  # holiday names by language, for reason_in
        self.counted: set[int] = set()  # the years whose holidays it looked at: those it counted working days in

    def holidays_unknown(self, lang: Lang, option: str | None = None) -> list[str]:
        """The module's holidays_unknown of the years this calendar counted working days in."""
        return holidays_unknown(self.counted, lang, option, self.policy.extra_non_working_days)

    def non_working_reason(self, day: dt.date) -> str | None:
        """Why `day` is not a working day, or None when it is one."""
        self.counted.add(day.year)
        if day in self.policy.extra_non_working_days:
            return "declared non-working day"
        name = serbian_holidays(day.year).get(day)
        if name:
            return name
        if day.weekday() >= 5:
            return day.strftime("%A")
        return None

    def reason_in(self, day: dt.date, lang: Lang) -> str | None:
        """non_working_reason in `lang`, for a person to read: the holiday's name as the holidays package gives it
        in Serbian (Cyrillic; transliterated for Latin) or English."""
        from apmon.schemas.messages import text_of
        from apmon.schemas.text import cyrillic_to_latin

        if day in self.policy.extra_non_working_days:
            return text_of("calendar.declared", lang)
        name = self._holidays_in("en_US" if lang == "en" else "sr").get(day)
        if name:
            return cyrillic_to_latin(str(name)) if lang == "sr-Latn" else str(name)
        if day.weekday() >= 5:
            return text_of(f"weekday.{day.weekday()}", lang)
        return None

    def _holidays_in(self, language: str) -> holidays.HolidayBase:
        if language not in self._named:
            import holidays

            self._named[language] = holidays.country_holidays("RS", observed=True, language=language)
        return self._named[language]

    def rule_in(self, period: Period, lang: Lang) -> str:
        """The rule of the period's due date (DueDate.rule) in `lang`."""
        from apmon.schemas.messages import text_of

        def month_of(year: int, month: int) -> str:
            return text_of("month.of_year", lang, month=text_of(f"month.{month}", lang), year=year)

        if period.month is not None:
            year, month = (period.year + 1, 1) if period.month == 12 else (period.year, period.month + 1)
            n = self.policy.monthly_working_day
            return text_of("calendar.rule.monthly", lang, n=n, month=month_of(year, month))
        due = self.due_date(period)
        nominal = due.nominal or due.due
        shown = f"{nominal:%d} {month_of(nominal.year, nominal.month)}" if lang == "en" else f"{nominal:%d.%m.%Y}."
        rule = text_of("calendar.rule.annual", lang, date=shown, year=period.year)
        return rule + text_of("calendar.rule.moved", lang) if due.skipped else rule

    def is_working_day(self, day: dt.date) -> bool:
        return self.non_working_reason(day) is None

    def roll_forward(self, day: dt.date) -> tuple[dt.date, list[SkippedDay]]:
        """`day` itself when it is a working day, else the next working day."""
        skipped: list[SkippedDay] = []
        while (reason := self.non_working_reason(day)) is not None:
            skipped.append(SkippedDay(date=day, reason=reason))
            day += dt.timedelta(days=1)
        return day, skipped

    def nth_working_day(self, year: int, month: int, n: int) -> tuple[dt.date, list[SkippedDay]]:
        day = dt.date(year, month, 1)
        skipped: list[SkippedDay] = []
        for _ in range(n):
            day, passed = self.roll_forward(day)
            skipped += passed
            day += dt.timedelta(days=1)
        return day - dt.timedelta(days=1), skipped

    def working_days_between(self, start: dt.date, end: dt.date) -> int:
        """Working days after `start` up to and including `end` (0 when end <= start)."""
        if end <= start:
            return 0
        # The weekdays counted by arithmetic, less the holidays and declared days among them: a file whose time is
        # years after its deadline (a folder copied without its times) costs what a timely one does, not a day each.
        off = {day for day in self.policy.extra_non_working_days if start < day <= end}
        self.counted.update(range((start + dt.timedelta(days=1)).year, end.year + 1))
        for year in range(start.year, end.year + 1):
            off.update(day for day in serbian_holidays(year) if day.year == year and start < day <= end)
        return _weekdays_through(end) - _weekdays_through(start) - sum(1 for day in off if day.weekday() < 5)

    def due_date(self, period: Period) -> DueDate:
        if period not in self._due_dates:
            self._due_dates[period] = self._due_date(period)
        return self._due_dates[period]

    def _due_date(self, period: Period) -> DueDate:
        if period.month is not None:
            year, month = (period.year + 1, 1) if period.month == 12 else (period.year, period.month + 1)
            due, skipped = self.nth_working_day(year, month, self.policy.monthly_working_day)
            rule = f"working day {self.policy.monthly_working_day} of {dt.date(year, month, 1):%B %Y}"
            return DueDate(period=str(period), kind="monthly", due=due, rule=rule, skipped=skipped)
        nominal = dt.date(period.year + 1, self.policy.annual_due_month, self.policy.annual_due_day)
        due, skipped = self.roll_forward(nominal)
        rule = f"{nominal:%d %B %Y} for the year {period.year}"
        if skipped:
            rule += ", moved to the next working day"
        return DueDate(period=str(period), kind="annual", due=due, rule=rule, nominal=nominal, skipped=skipped)

    def timeliness(self, period: Period, submitted: dt.date) -> Timeliness:
        """`submitted` is the local (Belgrade) date the report came in. A late one is late by the working days that
        passed after its due date until it came in, and by at least one: one that came in on the days off right after
        its due date is a working day late (sent on Saturday 24 February after Monday the 19th: 4, the 20th-23rd)."""
        due = self.due_date(period).due
        on_time = submitted <= due
        days_late = 0 if on_time else max(1, self.working_days_between(due, submitted))
        return Timeliness(due=due, on_time=on_time, days_late=days_late)


def _weekdays_through(day: dt.date) -> int:
    """Mondays to Fridays from 1 January of the year 1 (a Monday) through `day`."""
    weeks, rest = divmod(day.toordinal(), 7)
    return 5 * weeks + min(rest, 5)


# Which time decides whether a report came on time: the add-in's Submit stamp in the workbook; else, when the ledger
# had the same content earlier (a copy, a re-save), that earlier time; else the file's own time.
TimeBasis = Literal["stamp", "ledger", "file"]


class SubmissionTime(NamedTuple):
    at: dt.datetime
    basis: TimeBasis


def belgrade_day_start(moment: dt.datetime) -> dt.datetime:
    """Midnight in Belgrade that begins `moment`'s day there."""
    return dt.datetime.combine(moment.astimezone(BELGRADE).date(), dt.time(), BELGRADE)


def submit_stamp(text: str | None) -> dt.datetime | None:
    """The time the add-in's Submit wrote into the workbook (`_apmon` submitted_at, ISO 8601 with its offset); None
    for none, or for text that is not such a time."""
    try:
        stamp = dt.datetime.fromisoformat((text or "").strip())
    except ValueError:
        return None
    return stamp.astimezone(dt.UTC) if stamp.tzinfo is not None else None


def submission_time(stamp: str | None, file_time: dt.datetime, earliest: dt.datetime | None = None) -> SubmissionTime:
    """When a report was submitted, the time its on-time status is decided by: its Submit stamp when it carries one;
    otherwise `earliest`, the earliest time the ledger has for the same content, when that is before the file's
    own time (copying or saving a file again changes its time, not when it was sent); otherwise the file's time."""
    stamped = submit_stamp(stamp)
    if stamped is not None:
        return SubmissionTime(stamped, "stamp")
    if earliest is not None and earliest < file_time:
        return SubmissionTime(earliest, "ledger")
    return SubmissionTime(file_time, "file")


def time_basis(used: dt.datetime | None, stamp: str | None, file_time: dt.datetime | None) -> TimeBasis | None:
    """Which time `submission_time` chose, told from the time it gave (`used`), the stamp the report carries and the
    time of the file it is shown from (a copy's own time is later than the time its content was first had)."""
    if used is None:
        return None
    if submit_stamp(stamp) == used:
        return "stamp"
    return "ledger" if file_time is not None and used < file_time else "file"
