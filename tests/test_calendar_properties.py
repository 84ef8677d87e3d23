"""Property tests of CORRECTNESS for periods, month arithmetic and report deadlines (schemas.calendar), against
oracles written here: months as the plain number year * 12 + month - 1, and working days as the holidays package
gives Serbia's public holidays (observed days included), asked directly, with Orthodox Easter from dateutil.

Seed 10.2: a monthly report is due by the 5th working day of the next month, the annual report by 15 February for
the previous year; a deadline on a non-working day moves to the next working day.
"""

from __future__ import annotations

import datetime as dt
from functools import cache

import holidays
import pytest
from dateutil.easter import EASTER_ORTHODOX, EASTER_WESTERN, easter
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from apmon.schemas.calendar import (
    ANNUAL_RANK,
    DeadlinePolicy,
    Period,
    PeriodError,
    WorkingCalendar,
    month_before,
    period_order,
)
from apmon.sync.consolidate import _months
from apmon.sync.reminders import _months_back
from apmon.sync.report_content import _month_after

BOUNDED = settings(
    max_examples=200, deadline=None, derandomize=True, database=None, suppress_health_check=[HealthCheck.too_slow]
)

FIRST, LAST = 2000 * 12, 2100 * 12 + 11  # the months a Period can be, as year * 12 + month - 1
HOLIDAY_YEARS = (2007, 2099)  # Serbia's calendar in the holidays package starts in 2007; a due date may be in 2100


def index(period: Period) -> int:
    assert period.month is not None
    return period.year * 12 + period.month - 1


def month_at(number: int) -> Period:
    return Period(year=number // 12, month=number % 12 + 1)


months = st.integers(min_value=FIRST, max_value=LAST)


# --- periods -------------------------------------------------------------------------------------------------


@BOUNDED
@given(st.integers(min_value=2000, max_value=2100), st.none() | st.integers(min_value=1, max_value=12))
def test_a_period_reads_back_from_its_text(year: int, month: int | None) -> None:
    text = f"{year:04d}" if month is None else f"{year:04d}-{month:02d}"
    period = Period.parse(text)
    assert (period.year, period.month, str(period)) == (year, month, text)
    assert Period.parse(f" {period} ") == period


@BOUNDED
@given(st.text(alphabet="0123456789- ", max_size=9))
@example("1999")  # a year the Period model refuses: was a pydantic ValidationError, which the CLI printed whole
@example("2101-01")
@example("0000-01")
def test_a_text_is_a_period_or_refused_with_a_period_error(text: str) -> None:
    try:
        period = Period.parse(text)
    except PeriodError as exc:
        assert exc.key.startswith("period.")
        return
    assert str(period) == text.strip()


@pytest.mark.parametrize("text", ["1999", "1999-12", "2101", "0000-01"])
def test_a_year_outside_the_periods_apmon_keeps_is_refused_saying_which(text: str) -> None:
    with pytest.raises(PeriodError) as refused:
        Period.parse(text)
    assert refused.value.key == "period.year_out_of_range"
    assert refused.value.fields == {"value": text, "first": 2000, "last": 2100}


@BOUNDED
@given(months)
def test_a_months_first_and_last_day(number: int) -> None:
    period = month_at(number)
    following = month_at(number + 1) if number < LAST else None
    assert period.first_day == dt.date(period.year, period.month or 0, 1)
    if following is not None:
        assert period.last_day == following.first_day - dt.timedelta(days=1)
    assert period.last_day.month == period.month and (period.last_day + dt.timedelta(days=1)).day == 1


@BOUNDED
@given(months.filter(lambda n: n > FIRST))
def test_month_before_is_the_month_one_less(number: int) -> None:
    assert index(month_before(month_at(number))) == number - 1


@BOUNDED
@given(months.filter(lambda n: n < LAST))
def test_month_after_is_the_month_one_more(number: int) -> None:
    assert index(_month_after(month_at(number))) == number + 1


@BOUNDED
@given(months, st.integers(min_value=0, max_value=36))
def test_months_back_is_the_month_n_less(number: int, n: int) -> None:
    if number - n >= FIRST:
        assert index(_months_back(month_at(number), n)) == number - n


@BOUNDED
@given(months, st.integers(min_value=-3, max_value=40))
def test_the_months_from_first_to_last(first: int, span: int) -> None:
    last = max(FIRST, min(first + span, LAST))  # span < 0: no months
    assert [index(p) for p in _months(month_at(first), month_at(last))] == list(range(first, last + 1))


@BOUNDED
@given(months, months, st.booleans(), st.booleans())
def test_reports_order_by_month_and_an_annual_report_after_its_year(a: int, b: int, a_year: bool, b_year: bool) -> None:
    """Annual reports as month 13 of their year, after its December and before the next January."""

    def rank(number: int, annual: bool) -> tuple[int, int]:
        return (number // 12, ANNUAL_RANK) if annual else (number // 12, number % 12 + 1)

    def text(number: int, annual: bool) -> str:
        return f"{number // 12}" if annual else f"{number // 12}-{number % 12 + 1:02d}"

    assert (period_order(text(a, a_year)) < period_order(text(b, b_year))) == (rank(a, a_year) < rank(b, b_year))


# --- working days and deadlines -------------------------------------------------------------------------------


@cache
def public_holidays(year: int) -> frozenset[dt.date]:
    return frozenset(holidays.country_holidays("RS", years=year))


def working(day: dt.date, declared: frozenset[dt.date] = frozenset()) -> bool:
    return day.weekday() < 5 and day not in public_holidays(day.year) and day not in declared


def first_working_on_or_after(day: dt.date, declared: frozenset[dt.date] = frozenset()) -> dt.date:
    while not working(day, declared):
        day += dt.timedelta(days=1)
    return day


def nth_working_day(year: int, month: int, n: int, declared: frozenset[dt.date] = frozenset()) -> dt.date:
    day, found = dt.date(year, month, 1), 0
    while True:
        if working(day, declared):
            found += 1
            if found == n:
                return day
        day += dt.timedelta(days=1)


def monthly_due(period: Period, n: int = 5, declared: frozenset[dt.date] = frozenset()) -> dt.date:
    following = index(period) + 1
    return nth_working_day(following // 12, following % 12 + 1, n, declared)


holiday_months = st.integers(min_value=HOLIDAY_YEARS[0] * 12, max_value=HOLIDAY_YEARS[1] * 12 + 11)
holiday_days = st.dates(min_value=dt.date(HOLIDAY_YEARS[0], 1, 1), max_value=dt.date(HOLIDAY_YEARS[1], 12, 31))


@BOUNDED
@given(holiday_days)
def test_a_working_day_is_a_weekday_that_is_no_public_holiday(day: dt.date) -> None:
    assert WorkingCalendar().is_working_day(day) == working(day), day


@BOUNDED
@given(holiday_months)
def test_the_monthly_report_is_due_on_the_fifth_working_day_of_the_next_month(number: int) -> None:
    period = month_at(number)
    due = WorkingCalendar().due_date(period)
    assert due.due == monthly_due(period), period
    following = dt.date(due.due.year, due.due.month, 1)
    passed = [following + dt.timedelta(days=i) for i in range((due.due - following).days)]
    assert [s.date for s in due.skipped] == [d for d in passed if not working(d)]


@BOUNDED
@given(
    holiday_months,
    st.integers(min_value=1, max_value=20),
    st.lists(st.integers(min_value=0, max_value=40), max_size=4),
)
def test_the_monthly_deadline_counts_the_working_days_the_policy_sets(
    number: int, n: int, declared_offsets: list[int]
) -> None:
    period = month_at(number)
    start = period.last_day + dt.timedelta(days=1)
    declared = frozenset(start + dt.timedelta(days=k) for k in declared_offsets)
    policy = DeadlinePolicy(monthly_working_day=n, extra_non_working_days=tuple(sorted(declared)))
    assert WorkingCalendar(policy).due_date(period).due == monthly_due(period, n, declared), period


@BOUNDED
@given(st.integers(min_value=HOLIDAY_YEARS[0] - 1, max_value=HOLIDAY_YEARS[1] - 1))
def test_the_annual_report_is_due_15_february_or_the_next_working_day(year: int) -> None:
    """15 February is Statehood Day, and the 16th too: the deadline always moves, at least to the 17th."""
    due = WorkingCalendar().due_date(Period(year=year))
    nominal = dt.date(year + 1, 2, 15)
    assert due.nominal == nominal
    assert due.due == first_working_on_or_after(nominal) >= dt.date(year + 1, 2, 17)
    assert [s.date for s in due.skipped] == [nominal + dt.timedelta(days=i) for i in range((due.due - nominal).days)]


@BOUNDED
@given(
    st.integers(min_value=HOLIDAY_YEARS[0] - 1, max_value=HOLIDAY_YEARS[1] - 1),
    st.integers(min_value=1, max_value=12),
    st.integers(min_value=1, max_value=28),
)
def test_an_annual_date_the_policy_sets_moves_to_the_next_working_day(year: int, month: int, day: int) -> None:
    policy = DeadlinePolicy(annual_due_month=month, annual_due_day=day)
    nominal = dt.date(year + 1, month, day)
    assert WorkingCalendar(policy).due_date(Period(year=year)).due == first_working_on_or_after(nominal)


@BOUNDED
@given(holiday_months, st.integers(min_value=-10, max_value=60))
def test_a_report_is_late_by_the_working_days_after_its_due_date(number: int, offset: int) -> None:
    period = month_at(number)
    due = monthly_due(period)
    submitted = due + dt.timedelta(days=offset)
    late = sum(working(due + dt.timedelta(days=i)) for i in range(1, offset + 1))
    timeliness = WorkingCalendar().timeliness(period, submitted)
    assert (timeliness.due, timeliness.on_time) == (due, offset <= 0)
    assert timeliness.days_late == (0 if offset <= 0 else max(1, late))


@BOUNDED
@given(st.integers(min_value=HOLIDAY_YEARS[0], max_value=HOLIDAY_YEARS[1]))
def test_orthodox_easter_and_christmas_are_days_off_and_catholic_easter_is_not(year: int) -> None:
    """Easter is the Orthodox one (Julian reckoning, from dateutil here), Good Friday to Easter Monday; Orthodox
    Christmas is 7 January. Catholic Easter Monday is a day off only for believers, so a working day for reports
    unless it is an Orthodox holiday too."""
    calendar = WorkingCalendar()
    sunday = easter(year, EASTER_ORTHODOX)
    for days in (-2, -1, 0, 1):
        assert not calendar.is_working_day(sunday + dt.timedelta(days=days))
    assert not calendar.is_working_day(dt.date(year, 1, 7))
    catholic_monday = easter(year, EASTER_WESTERN) + dt.timedelta(days=1)
    if abs((catholic_monday - sunday).days) > 2 and catholic_monday not in (dt.date(year, 5, 1), dt.date(year, 5, 2)):
        assert calendar.is_working_day(catholic_monday) == (catholic_monday not in public_holidays(year))


@BOUNDED
@given(st.integers(min_value=HOLIDAY_YEARS[0], max_value=HOLIDAY_YEARS[1]))
def test_a_state_holiday_on_a_sunday_moves_to_the_next_working_day(year: int) -> None:
    """By law a New Year's, Statehood or Labour Day holiday on a Sunday gives the next working day off (the next
    after its second day, or after Easter Monday when Labour Day meets Easter), and Armistice Day on a Sunday the
    Monday: the working days of apmon follow."""
    calendar = WorkingCalendar()
    orthodox = {easter(year, EASTER_ORTHODOX) + dt.timedelta(days=d) for d in (-2, -1, 0, 1)}
    for first, length in ((dt.date(year, 1, 1), 2), (dt.date(year, 2, 15), 2), (dt.date(year, 5, 1), 2)):
        days = [first + dt.timedelta(days=i) for i in range(length)]
        if any(d.weekday() == 6 for d in days):
            after = days[-1] + dt.timedelta(days=1)
            while after.weekday() >= 5 or after in orthodox:
                after += dt.timedelta(days=1)
            assert not calendar.is_working_day(after), (year, first)
    armistice = dt.date(year, 11, 11)
    if armistice.weekday() == 6:
        assert not calendar.is_working_day(armistice + dt.timedelta(days=1))


@BOUNDED
@given(st.integers(min_value=HOLIDAY_YEARS[0], max_value=HOLIDAY_YEARS[1]))
def test_orthodox_christmas_on_a_sunday_gives_no_day_off_after_it(year: int) -> None:
    """The law (as the holidays package reads it) moves only state holidays on a Sunday, not religious ones:
    7 January 2018 was a Sunday and the 8th a working day."""
    christmas = dt.date(year, 1, 7)
    if christmas.weekday() == 6:
        assert WorkingCalendar().is_working_day(christmas + dt.timedelta(days=1)), year
