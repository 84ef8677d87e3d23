"""The loop of `apmon sync schedule`: wait for each time of a cron expression on the wall clock, run, say what
happened to the times (a machine asleep, a clock moved, a run longer than the gap to the next time). The run and
what is said are the caller's: this module only keeps time, with a clock that tests can hand in."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from typing import Protocol

from apmon.sync.service import schedule

# Woken this much after a time (or the clock this much behind the last reading): the machine slept, or its clock
# was set. A run that starts late is said to; within it, waking from a sleep step is simply on time.
LATE_AFTER = dt.timedelta(minutes=2)
# The wall clock is looked at this often while waiting: time.sleep counts time that may stop while the machine is
# suspended (Linux's monotonic clock), and knows nothing of a clock set forward.
STEP_SECONDS = 60.0


class Clock(Protocol):
    def now(self) -> dt.datetime: ...

    def sleep(self, seconds: float) -> None: ...


class WallClock:
    """This machine's clock, in its own time zone (the offset of each moment, summer or winter)."""

    def now(self) -> dt.datetime:
        return dt.datetime.now().astimezone()

    def sleep(self, seconds: float) -> None:
        time.sleep(seconds)


Tell = Callable[..., None]  # tell(catalogue key, **fields): the caller says it in the reader's language


def next_time(expression: str, after: dt.datetime) -> dt.datetime:
    return next(schedule(expression, after))


def run_on_schedule(
    expression: str, run: Callable[[], None], tell: Tell, max_runs: int | None = None, clock: Clock | None = None
) -> None:
    """Run `run` at each time `expression` names (ValueError at once when it is not a cron expression), until
    `max_runs` runs or the caller is stopped. Times missed while the machine slept or during a run that took
    longer than the gap are not made up one by one: one run, and a line saying so."""
    clock = clock or WallClock()
    due = next_time(expression, clock.now())
    runs = 0
    while max_runs is None or runs < max_runs:
        tell("sync.next", when=due)
        woke, set_back = _wait(due, clock)
        if set_back:  # the time waited for may now be days away: count again from the clock as it is
            tell("sync.clock_back", now=woke)
            due = next_time(expression, woke)
            continue
        if woke - due > LATE_AFTER:
            tell("sync.started_late", due=due, now=woke)
        runs += 1
        run()
        ended = clock.now()
        if ended < due - LATE_AFTER:  # set back during the run
            tell("sync.clock_back", now=ended)
            due = next_time(expression, ended)
            continue
        started = max(due, woke)
        due = next_time(expression, max(ended, due))  # never the same time twice
        skipped = next_time(expression, started)
        if skipped < due:
            tell("sync.overran", end=ended, skipped=skipped)


def _wait(due: dt.datetime, clock: Clock) -> tuple[dt.datetime, bool]:
    """Sleep until `due` on the wall clock: the time woken, and whether the clock was set back meanwhile."""
    last = clock.now()
    while (left := (due - last).total_seconds()) > 0:
        clock.sleep(min(left, STEP_SECONDS))
        now = clock.now()
        if now < last - LATE_AFTER:
            return now, True
        last = now
    return last, False
