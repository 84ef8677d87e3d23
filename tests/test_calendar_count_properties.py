"""Property test of working_days_between (counted by arithmetic since 89109d7) against the count a person makes,
day by day, from the holidays package itself: ranges across years and past the shipped years, ends before starts,
one-day ranges, declared non-working days on weekends, on holidays and given twice, and years given by the data
folder's holidays cache rather than by the package."""

from __future__ import annotations

import datetime as dt
import json
from functools import cache
from pathlib import Path

import holidays
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from apmon.schemas import calendar as calendar_module
from apmon.schemas.calendar import DeadlinePolicy, WorkingCalendar
from apmon.sync.holiday_cache import HOLIDAY_CACHE, _source, load_holidays

BOUNDED = settings(
    max_examples=300, deadline=None, derandomize=True, database=None, suppress_health_check=[HealthCheck.too_slow]
)
D = dt.date


@cache
def public(year: int) -> frozenset[dt.date]:
    return frozenset(holidays.country_holidays("RS", observed=True, years=year))


def day_by_day(start: dt.date, end: dt.date, declared: frozenset[dt.date]) -> int:
    days = (start + dt.timedelta(days=n) for n in range(1, (end - start).days + 1))
    return sum(1 for d in days if d.weekday() < 5 and d not in public(d.year) and d not in declared)


days = st.dates(min_value=D(2000, 1, 1), max_value=D(2101, 12, 31))


@BOUNDED
@given(days, st.integers(min_value=-400, max_value=40_000), st.lists(days, max_size=6))
@example(D(2019, 4, 25), 10, [])  # Orthodox Easter (28 April) and Labour Day (1-2 May) together
@example(D(2021, 4, 29), 8, [])  # Easter Sunday 2 May on Labour Day's second day: its observed day after Easter Monday
@example(D(2018, 11, 9), 4, [D(2018, 11, 11), D(2018, 11, 12)])  # declared on Armistice Day and on its observed Monday
@example(D(2018, 2, 14), 0, [])  # a range that ends where it starts
@example(D(2018, 2, 14), -5, [])  # a range that ends before it starts
@example(D(2018, 2, 16), 1, [D(2018, 2, 17)])  # one day, a declared Saturday
@example(D(2017, 10, 6), 3349, [D(2025, 3, 3), D(2025, 3, 3), D(2025, 3, 1)])  # duplicated, and on a Saturday
@example(D(2030, 12, 20), 30, [])  # from the last shipped year into the package's
def test_working_days_between_is_the_count_day_by_day(start: dt.date, span: int, declared: list[dt.date]) -> None:
    end = start + dt.timedelta(days=span)
    calendar = WorkingCalendar(DeadlinePolicy(extra_non_working_days=tuple(declared)))
    assert calendar.working_days_between(start, end) == day_by_day(start, end, frozenset(declared))


def test_years_from_the_holidays_cache_count_as_the_package_counts(tmp_path: Path) -> None:
    # A data folder's cache gives years past the shipped ones: the arithmetic over them is the package's count.
    years = range(2040, 2046)
    kept = {
        str(y): {d.isoformat(): str(n) for d, n in sorted(holidays.country_holidays("RS", years=y).items())}
        for y in years
    }
    (tmp_path / HOLIDAY_CACHE).write_text(json.dumps({"source": _source(), "years": kept}), encoding="utf-8")
    saved = dict(calendar_module._SERBIAN_HOLIDAYS)
    try:
        for year in years:
            calendar_module._SERBIAN_HOLIDAYS.pop(year, None)
        assert load_holidays(tmp_path) == set(years)
        start, end = D(2039, 12, 28), D(2045, 12, 31)
        assert WorkingCalendar().working_days_between(start, end) == day_by_day(start, end, frozenset())
    finally:
        calendar_module._SERBIAN_HOLIDAYS.clear()
        calendar_module._SERBIAN_HOLIDAYS.update(saved)
