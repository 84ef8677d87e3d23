"""Which version counts: the one definition of "accepted" and "latest" that the sync, the add-in and the
reports all use. Pure functions over `Head`s (the few columns of every arrival of a version); the store
reads the heads and turns the chosen ones back into rows.

For one (institution, period): each item's (file's, Google Sheet's, add-in key's) latest arrival is its
current content, however old its modified time (a file restored from a backup); between items, the newest
by source time wins. Accepted considers valid versions only, so a newer invalid version never replaces the
last valid one; latest considers all.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import NamedTuple, TypeVar

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


def accepted_heads(heads: list[Head]) -> list[Head]:
    """The accepted version of every (institution, period): its newest valid version, by report."""
    newest = newest_by_report(heads, valid_only=True)
    return sorted(newest.values(), key=Head.report_order)


def latest_heads(heads: list[Head]) -> list[Head]:
    """The newest version of every (institution, period), valid or not, by report; then every unreadable
    version (no institution or period) that is the latest content of its item, oldest first."""
    latest_of_item: dict[int, Head] = {}
    for head in heads:
        if head.item_id not in latest_of_item or head.arrival_id > latest_of_item[head.item_id].arrival_id:
            latest_of_item[head.item_id] = head
    orphans: dict[int, Head] = {}  # by version: the same unreadable file under two names shows once
    for head in latest_of_item.values():
        if head.report_key is None:
            _keep_newest(orphans, head.id, head)
    reports = sorted(newest_by_report(heads, valid_only=False).values(), key=Head.report_order)
    return [*reports, *sorted(orphans.values(), key=Head.order)]


def newest_by_report(heads: Iterable[Head], *, valid_only: bool) -> dict[tuple[str, str], Head]:
    """Per (institution, period): each item's latest arrival of it (its current content, however old the
    file's modified time), then the newest of those by source time."""
    latest: dict[tuple[int, tuple[str, str]], Head] = {}
    for head in heads:
        if head.report_key is None or (valid_only and not head.valid):
            continue
        where = (head.item_id, head.report_key)
        if where not in latest or head.arrival_id > latest[where].arrival_id:
            latest[where] = head
    newest: dict[tuple[str, str], Head] = {}
    for head in latest.values():
        assert head.report_key is not None
        _keep_newest(newest, head.report_key, head)
    return newest


def _keep_newest(newest: dict[K, Head], key: K, head: Head) -> None:
    current = newest.get(key)
    if current is None or head.order() > current.order():
        newest[key] = head
