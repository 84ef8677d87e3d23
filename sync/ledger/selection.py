"""Which version counts: the one definition of "accepted" and "latest" that the sync, the add-in and the
reports all use. Pure functions over `Head`s (the few columns of every arrival of a version); the store
reads the heads and turns the chosen ones back into rows.

For one (institution, period): each item's (file's, Google Sheet's, add-in key's) latest arrival is its
current content, however old its modified time (a file restored from a backup); between items, the newest
by the add-in's Submit stamp wins when every one of them carries one, else the newest by source time (a file
saved again or copied after a correction is newer by its time, not by its stamp). Accepted considers valid
versions only, so a newer invalid version never replaces the last valid one; latest considers all.

Whether a report came on time is the report's, not its newest version's (`report_timing`): on time when any valid
version of it was submitted by the deadline, so a correction sent later does not make it late; else late by its
first valid version.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Set
from typing import Any, NamedTuple, TypeVar

from apmon.schemas.calendar import period_order

OLDEST = dt.datetime.min.replace(tzinfo=dt.UTC)  # an unknown source time counts as oldest


class Head(NamedTuple):
    """The columns that decide which version is newest."""

    id: int  # the version's
    item_id: int  # where it arrived
    file_name: str  # the name it arrived under
    institution: str | None
    period: str | None
    source_modified: dt.datetime | None
    received_at: dt.datetime
    arrival_id: int
    valid: bool
    # The version's own timing, as recorded (`calendar.submission_time`, `WorkingCalendar.timeliness`): `submitted`
    # is the version's submission time, not this arrival's source time.
    on_time: bool | None = None
    days_late: int | None = None
    submitted: dt.datetime | None = None

    @property
    def report_key(self) -> tuple[str, str] | None:
        if self.institution is None or self.period is None:
            return None
        return (self.institution, self.period)

    def report_order(self) -> tuple[str, tuple[int, int]]:
        """By institution, then by period in time (an annual report after the months of its year)."""
        return (self.institution or "", period_order(self.period))

    def order(self) -> tuple[dt.datetime, dt.datetime, int]:
        # An unknown source time (no mtime, no Drive modifiedTime) counts as oldest.
        return (self.source_modified or OLDEST, self.received_at, self.arrival_id)


K = TypeVar("K")
# How far the add-in server's clock, which writes the stamps, may be ahead of the sync's, which times arrivals.
CLOCKS_APART = dt.timedelta(minutes=5)
Stamps = Mapping[int, dt.datetime]  # the add-in's Submit stamp of a version, by its id, for those that carry one


def accepted_heads(heads: list[Head], stamps: Stamps | None = None) -> list[Head]:
    """The accepted version of every (institution, period): its newest valid version, by report. `stamps`: those
    of the versions of `contested`, at least."""
    newest = newest_by_report(heads, valid_only=True, stamps=stamps)
    return sorted(newest.values(), key=Head.report_order)


def latest_heads(heads: list[Head], stamps: Stamps | None = None) -> list[Head]:
    """The newest version of every (institution, period), valid or not, by report; then every unreadable
    version (no institution or period) that is the latest content of its item, oldest first."""
    orphans: dict[int, Head] = {}  # by version: the same unreadable file under two names shows once
    for head in _item_latest(heads, valid_only=False, by_report=False).values():
        if head.report_key is None:
            _keep_newest(orphans, head.id, head)
    reports = sorted(newest_by_report(heads, valid_only=False, stamps=stamps).values(), key=Head.report_order)
    return [*reports, *sorted(orphans.values(), key=Head.order)]


def newest_by_report(
    heads: Iterable[Head], *, valid_only: bool, stamps: Stamps | None = None
) -> dict[tuple[str, str], Head]:
    """Per (institution, period): each item's latest arrival of it (its current content, however old the
    file's modified time), then the newest of those (`newest_of_items`)."""
    by_report: dict[tuple[str, str], list[Head]] = {}
    for head in _item_latest(heads, valid_only).values():
        assert head.report_key is not None
        by_report.setdefault(head.report_key, []).append(head)
    return {key: newest_of_items(items, stamps or {})[0] for key, items in by_report.items()}


def newest_of_items(current: list[Head], stamps: Stamps) -> tuple[Head, bool]:
    """The newest of several items' current versions of one report, and whether the Submit stamps decided: they do
    when every one carries a stamp (the source time breaks a tie: one Submit saved in two places), else the source
    time does. A stamp is written only by Submit, so a file saved again or copied keeps it; its time moves on. A
    stamp later than the file's arrival was not written by Submit (typed, or copied from elsewhere): it is none."""
    by_stamp = len(current) > 1 and all(honoured_stamp(h, stamps) for h in current)
    if by_stamp:
        return max(current, key=lambda h: (stamps[h.id], h.order())), True
    return max(current, key=Head.order), False


def honoured_stamp(head: Head, stamps: Stamps) -> dt.datetime | None:
    """The Submit stamp of `head`'s version, unless it is later than the file's arrival (then it is none)."""
    stamp = stamps.get(head.id)
    return stamp if stamp is not None and stamp <= head.received_at + CLOCKS_APART else None


def contested(heads: Iterable[Head]) -> set[int]:
    """The versions of every (institution, period) that arrived at more than one item: the only ones whose Submit
    stamps can decide which is newest (`newest_of_items`), so the only ones whose stamps need to be read."""
    items: dict[tuple[str, str], set[int]] = {}
    for head in heads:
        if head.report_key is not None:
            items.setdefault(head.report_key, set()).add(head.item_id)
    return {h.id for h in heads if h.report_key is not None and len(items[h.report_key]) > 1}


class Timing(NamedTuple):
    """Whether a report came on time, and by which version."""

    on_time: bool
    days_late: int
    # The version it is decided by: the one that counts when that came on time, else the first valid one by the
    # deadline, else the first valid one.
    decided: Head
    corrected: Head | None  # the version that counts, when it came after the deadline and is not `decided`


def report_timing(heads: Iterable[Head], counted: Head) -> Timing | None:
    """The one decision of on time or late for one report (`heads`: every arrival of its versions known, `counted`:
    the accepted one among them). On time when a valid version was submitted by the deadline, whatever came after
    it: a correction sent after the deadline keeps the content's place, not the report's time. Else late by the
    working days of its first valid version, not of a later correction. A version with errors never counts. None
    when no valid version has a timing (an unknown period)."""
    valid = [h for h in heads if h.valid and h.on_time is not None]
    if not valid:
        return None
    on_time = [h for h in valid if h.on_time]

    def first_sent(head: Head) -> tuple[dt.datetime, bool, dt.datetime, int]:
        # The one that counts first among those sent at the same time (a file saved again keeps the time its
        # content was first had), so that its time is shown as it counts.
        return (head.submitted or OLDEST, head.id != counted.id, head.received_at, head.arrival_id)

    decided = counted if counted.on_time else min(on_time or valid, key=first_sent)
    corrected = counted if counted.id != decided.id and counted.on_time is False else None
    return Timing(bool(on_time), 0 if on_time else decided.days_late or 0, decided, corrected)


class Shared(NamedTuple):
    """Several items present at their sources whose current content is a report of one institution and period."""

    current: list[Head]  # each item's latest arrival, oldest first
    counted: Head | None  # the accepted version, as it arrived (none: no valid version)
    by_stamp: bool  # whether the Submit stamps decided which valid version counts


def shared(heads: list[Head], stamps: Stamps, present: Set[int]) -> list[Shared]:
    """The reports of `heads` that more than one of the items `present` hold as their current content (each item's
    latest arrival of any report), with the version that counts and whether the stamps decided it."""
    current: dict[tuple[str, str], list[Head]] = {}
    for head in _item_latest(heads, valid_only=False, by_report=False).values():
        if head.item_id in present and head.report_key is not None:
            current.setdefault(head.report_key, []).append(head)
    found = []
    for key, items in current.items():
        if len(items) < 2:
            continue
        valid = list(_item_latest((h for h in heads if h.report_key == key), valid_only=True).values())
        counted, by_stamp = newest_of_items(valid, stamps) if valid else (None, False)
        found.append(Shared(sorted(items, key=Head.order), counted, by_stamp))
    return sorted(found, key=lambda s: s.current[0].report_order())


def _item_latest(heads: Iterable[Head], valid_only: bool, *, by_report: bool = True) -> dict[tuple[int, Any], Head]:
    """Each item's latest arrival (of each report when `by_report`, else of anything, unreadable content too)."""
    latest: dict[tuple[int, Any], Head] = {}
    for head in heads:
        if (by_report and head.report_key is None) or (valid_only and not head.valid):
            continue
        where = (head.item_id, head.report_key if by_report else None)
        if where not in latest or head.arrival_id > latest[where].arrival_id:
            latest[where] = head
    return latest


def _keep_newest(newest: dict[K, Head], key: K, head: Head) -> None:
    current = newest.get(key)
    if current is None or head.order() > current.order():
        newest[key] = head
