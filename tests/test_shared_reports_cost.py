"""`Ledger.shared_reports` (the reports two files hold) reads the ledger in a fixed number of statements, however many
reports a folder moved or copied duplicates: counted with a listener on the ledger's own engine, on SQLite and
PostgreSQL. The files that count are worked out here from the arrivals the test made, not by the ledger's choice."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Any

from sqlalchemy import event

from apmon.sync.ledger import Arrival, Ledger, VersionData
from tests.test_ledger import postgres_admin_url, url  # noqa: F401  (ledger backends: SQLite and PostgreSQL)

T0 = dt.datetime(2018, 4, 2, 8, 0, tzinfo=dt.UTC)
SOURCE = "folder:/srv/reports"


def at(minutes: int) -> dt.datetime:
    return T0 + dt.timedelta(minutes=minutes)


def _arrival(key: str, institution: str, content: bytes, saved: int, stamp: int | None) -> Arrival:
    """One file of `institution`'s March report, saved (and received) at minute `saved`, carrying the add-in's Submit
    stamp of minute `stamp` when given (at the start of the stored report, as Submit writes it)."""
    report: dict[str, Any] = {"institution": institution, "period": "2018-03"}
    if stamp is not None:
        report = {"submitted_at": at(stamp).isoformat(), **report}
    version = VersionData(
        content_hash=hashlib.sha256(content).hexdigest(),
        raw=content,
        raw_kind="xlsx",
        file_name=key,
        received_at=at(saved),
        source_modified=at(saved),
        readable=True,
        valid=True,
        institution=institution,
        period="2018-03",
        kind="monthly",
        due=dt.date(2018, 4, 6),
        on_time=True,
        days_late=0,
        issues="[]",
        report=json.dumps(report),
    )
    return Arrival(SOURCE, key, len(content), at(saved), version)


def duplicated(count: int, start: int) -> tuple[list[Arrival], dict[str, tuple[list[str], str]]]:
    """`count` reports each held by two files, found from minute `start` on, and for each institution its files
    oldest first and the one that counts. Even ones: the folder copied (the same bytes, the copy saved later, no
    stamps: the newer file counts). Odd ones: a correction saved under another name, then the first file saved
    again after it (both stamped by Submit: the correction's newer stamp counts, though its file is older)."""
    arrivals: list[Arrival] = []
    expected: dict[str, tuple[list[str], str]] = {}
    for n in range(count):
        code = f"I{n:04d}"
        first = f"{code}/mart.xlsx"
        if n % 2 == 0:
            copy = f"kopija/{code}/mart.xlsx"
            arrivals += [
                _arrival(first, code, code.encode(), start, None),
                _arrival(copy, code, code.encode(), start + 10, None),
            ]
            expected[code] = ([first, copy], copy)
        else:
            correction = f"{code}/mart ispravka.xlsx"
            arrivals += [
                _arrival(correction, code, f"{code} ispravka".encode(), start + 10, 9),
                _arrival(first, code, code.encode(), start + 20, 1),
            ]
            expected[code] = ([correction, first], correction)
    return arrivals, expected


def _statements_of_shared_reports(ledger: Ledger, count: int, start: int) -> int:
    """A run that finds `count` duplicated reports (from minute `start` on); checks what `shared_reports` says of
    each against the files made, and returns how many statements it executed."""
    arrivals, expected = duplicated(count, start)
    run = ledger.start_run("cli", at(start - 1))
    ledger.record(arrivals)
    ledger.finish_run(run, at(start + 30), files_seen=len(arrivals), files_changed=0, versions_added=0, errors=[])

    statements: list[str] = []

    def executed(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        statements.append(statement)

    event.listen(ledger.engine, "before_cursor_execute", executed)
    try:
        found = ledger.shared_reports()
    finally:
        event.remove(ledger.engine, "before_cursor_execute", executed)

    assert sorted(report.institution for report in found) == sorted(expected)
    for report in found:
        files, counts = expected[report.institution]
        assert report.period == "2018-03"
        assert [f.key for f in report.files] == files
        assert [f.key for f in report.files if f.counts] == [counts]
        assert report.by_stamp == (int(report.institution[1:]) % 2 == 1)
    return len(statements)


def test_shared_reports_reads_the_same_few_statements_for_5_duplicated_reports_as_for_500(url: str) -> None:  # noqa: F811
    ledger = Ledger.open(url)
    try:
        five = _statements_of_shared_reports(ledger, 5, start=10)
        # The next run finds the five again and 495 more.
        five_hundred = _statements_of_shared_reports(ledger, 500, start=100)
    finally:
        ledger.close()
    assert five == five_hundred
    assert five_hundred <= 4  # the last run, the items it found, the duplicated reports' heads and their stamps
