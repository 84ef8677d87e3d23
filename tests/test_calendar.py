import datetime as dt

import pytest

from apmon.schemas.calendar import DeadlinePolicy, Period, PeriodError, WorkingCalendar

D = dt.date


@pytest.mark.parametrize(
    ("period", "due", "why"),
    [
        ("2018-01", D(2018, 2, 7), "across a month end, weekend skipped"),
        ("2017-12", D(2018, 1, 9), "across New Year: 1-2 Jan off, Orthodox Christmas on a Sunday"),
        ("2018-12", D(2019, 1, 10), "New Year and Orthodox Christmas (Monday 7 Jan) both skipped"),
        ("2018-03", D(2018, 4, 10), "Orthodox Easter: Good Friday 6 Apr and Easter Monday 9 Apr"),
        ("2018-04", D(2018, 5, 9), "Labour Day 1-2 May"),
        ("2019-04", D(2019, 5, 9), "Labour Day 1-2 May 2019 (Wed-Thu)"),
        ("2018-10", D(2018, 11, 7), "ordinary month"),
        ("2019-01", D(2019, 2, 7), "February: Statehood Day falls later than the 5th working day"),
    ],
)
def test_monthly_report_due_on_fifth_working_day_of_next_month(period: str, due: dt.date, why: str) -> None:
    result = WorkingCalendar().due_date(Period.parse(period))
    assert result.kind == "monthly"
    assert result.due == due, why


@pytest.mark.parametrize(
    ("year", "due"),
    [
        (2017, D(2018, 2, 19)),  # 15-16 Feb Statehood Day (Thu-Fri), then a weekend
        (2018, D(2019, 2, 18)),  # 15 Fri and 16 Sat Statehood Day, 17 Sunday
        (2019, D(2020, 2, 18)),  # 15-16 on a weekend, observed on Monday 17
    ],
)
def test_annual_report_due_15_february_rolled_forward_past_statehood_day(year: int, due: dt.date) -> None:
    result = WorkingCalendar().due_date(Period.parse(str(year)))
    assert result.kind == "annual"
    assert result.nominal == D(year + 1, 2, 15)
    assert result.due == due
    assert result.skipped[0].date == D(year + 1, 2, 15)
    assert "Statehood" in result.skipped[0].reason


def test_due_date_on_a_working_day_is_not_moved() -> None:
    policy = DeadlinePolicy(annual_due_month=3, annual_due_day=1)
    result = WorkingCalendar(policy).due_date(Period.parse("2018"))
    assert result.due == D(2019, 3, 1)  # a Friday
    assert result.skipped == []


def test_skipped_days_say_why() -> None:
    result = WorkingCalendar().due_date(Period.parse("2017-12"))
    reasons = {s.date: s.reason for s in result.skipped}
    assert "New Year" in reasons[D(2018, 1, 1)]
    assert "Christmas" in reasons[D(2018, 1, 7)]
    assert reasons[D(2018, 1, 6)] == "Saturday"


def test_declared_non_working_day_moves_the_deadline() -> None:
    policy = DeadlinePolicy(extra_non_working_days=(D(2018, 2, 5),))
    result = WorkingCalendar(policy).due_date(Period.parse("2018-01"))
    assert result.due == D(2018, 2, 8)
    assert any(s.reason == "declared non-working day" for s in result.skipped)


def test_number_of_working_days_is_configurable() -> None:
    assert WorkingCalendar(DeadlinePolicy(monthly_working_day=3)).due_date(Period.parse("2018-01")).due == D(2018, 2, 5)


def test_observed_holiday_is_not_a_working_day() -> None:
    calendar = WorkingCalendar()
    assert not calendar.is_working_day(D(2018, 11, 12))  # Armistice Day on Sunday, observed Monday
    assert calendar.is_working_day(D(2018, 11, 13))


def test_working_days_between_counts_late_days() -> None:
    calendar = WorkingCalendar()
    assert calendar.working_days_between(D(2018, 2, 7), D(2018, 2, 7)) == 0
    assert calendar.working_days_between(D(2018, 2, 14), D(2018, 2, 19)) == 1  # 15-16 holiday, weekend


def test_a_report_in_on_the_weekend_after_a_friday_deadline_is_a_working_day_late() -> None:
    # November 2018 was due on Friday 7 December; one sent on the Saturday is read on Monday, as one sent then.
    calendar = WorkingCalendar()
    november = Period.parse("2018-11")
    assert calendar.due_date(november).due == D(2018, 12, 7)
    late = [calendar.timeliness(november, D(2018, 12, day)) for day in (8, 9, 10, 11)]
    assert [(t.on_time, t.days_late) for t in late] == [(False, 1), (False, 1), (False, 1), (False, 2)]
    assert calendar.timeliness(november, D(2018, 12, 7)).days_late == 0


def test_annual_due_date_must_exist_every_year() -> None:
    with pytest.raises(ValueError, match="does not exist"):
        DeadlinePolicy(annual_due_month=2, annual_due_day=29)


@pytest.mark.parametrize("text", ["2018-13", "18-03", "2018/03", "March 2018", "", "2018-3"])
def test_bad_period_is_refused_with_the_expected_form(text: str) -> None:
    with pytest.raises(PeriodError, match=r"YYYY-MM|months are 01 to 12"):
        Period.parse(text)


def test_period_bounds() -> None:
    assert Period.parse("2018-02").last_day == D(2018, 2, 28)
    assert Period.parse("2018-12").last_day == D(2018, 12, 31)
    assert Period.parse("2018").first_day == D(2018, 1, 1)
    assert str(Period.parse("2018-03")) == "2018-03"


@pytest.mark.parametrize("period", ["2017-12", "2018-03", "2018-10", "2017", "2018", "2020"])
def test_the_rule_in_english_is_the_due_dates_rule_and_serbian_has_its_own(period: str) -> None:
    calendar = WorkingCalendar()
    parsed = Period.parse(period)
    assert calendar.rule_in(parsed, "en") == calendar.due_date(parsed).rule
    assert calendar.rule_in(parsed, "sr-Latn") != calendar.rule_in(parsed, "en")
    for day in calendar.due_date(parsed).skipped:  # every day passed over has its reason in every language
        assert all(calendar.reason_in(day.date, lang) for lang in ("sr-Latn", "sr-Cyrl", "en"))
        assert calendar.reason_in(day.date, "en") == day.reason


class _CountingCalendar(WorkingCalendar):
    """The real calendar, counting the days it is asked about: every working-day question goes through
    non_working_reason."""

    def __init__(self, policy: DeadlinePolicy | None = None) -> None:
        super().__init__(policy)
        self.days_asked = 0

    def non_working_reason(self, day: dt.date) -> str | None:
        self.days_asked += 1
        return super().non_working_reason(day)


def test_lateness_years_after_the_deadline_costs_what_a_timely_one_does() -> None:
    # A reports folder copied without its file times (cp -r to a new share): every file's time is "now", years
    # after its period. Its working days late were counted by asking about each day since the due date (about 3,300
    # days for September 2017 in December 2026, each once per report), which made a sync of 200 such files 3-4 times
    # slower than one of the same files with their times.
    calendar = _CountingCalendar()
    september = Period.parse("2017-09")
    calendar.due_date(september)  # worked out once per calendar; what remains is the lateness itself
    calendar.days_asked = 0
    timing = calendar.timeliness(september, D(2026, 12, 7))
    assert not timing.on_time and timing.days_late > 2000
    assert calendar.days_asked <= 31  # at most a month's days, not one per day since the deadline


def _working_days_day_by_day(start: dt.date, end: dt.date, declared: tuple[dt.date, ...] = ()) -> int:
    """The count as a person makes it, from the holidays package itself: every day after `start` through `end` that
    is a weekday, not a Serbian public holiday (observed days included) and not declared non-working."""
    import holidays

    public = holidays.country_holidays("RS", observed=True, years=range(start.year, end.year + 1))
    days = (start + dt.timedelta(days=n) for n in range(1, (end - start).days + 1))
    return sum(1 for day in days if day.weekday() < 5 and day not in public and day not in declared)


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (D(2018, 2, 7), D(2018, 2, 7)),  # the same day
        (D(2018, 2, 19), D(2018, 2, 14)),  # end before start
        (D(2018, 2, 14), D(2018, 2, 19)),  # over Statehood Day and a weekend
        (D(2018, 2, 17), D(2018, 2, 18)),  # a weekend only
        (D(2017, 12, 29), D(2018, 1, 9)),  # New Year and Orthodox Christmas, across the year's end
        (D(2018, 11, 9), D(2018, 11, 12)),  # Armistice Day on Sunday, observed Monday
        (D(2017, 10, 6), D(2026, 12, 7)),  # September 2017's deadline to a copied file's time
        (D(2018, 2, 16), D(2034, 5, 3)),  # past the shipped years: the package's own
        (D(2019, 4, 26), D(2019, 5, 2)),  # Orthodox Easter and Labour Day together
    ],
)
@pytest.mark.parametrize("declared", [(), (D(2018, 2, 20), D(2018, 2, 15), D(2018, 2, 17), D(2025, 3, 3))])
def test_working_days_between_equals_the_day_by_day_count(
    start: dt.date, end: dt.date, declared: tuple[dt.date, ...]
) -> None:
    calendar = WorkingCalendar(DeadlinePolicy(extra_non_working_days=declared))
    assert calendar.working_days_between(start, end) == _working_days_day_by_day(start, end, declared)
