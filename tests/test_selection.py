"""The one definition of "accepted" and "latest" (sync.ledger.selection): pure, on heads, without a database;
and the ledger's `accepted` of one institution or period choosing exactly as over the whole ledger."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from apmon.sync.ledger import Head, Ledger, accepted_heads, latest_heads, sqlite_url
from tests.test_ledger import arrival

T0 = dt.datetime(2018, 4, 2, 8, 0, tzinfo=dt.UTC)


def head(version: int, arrival_id: int, *, item: int = 1, valid: bool = True, modified: int | None = None) -> Head:
    """Version `version` arriving at item `item` as arrival `arrival_id` (minutes after T0, unless `modified`)."""
    at = T0 + dt.timedelta(minutes=arrival_id)
    source_time = at if modified is None else T0 + dt.timedelta(minutes=modified)
    return Head(version, item, f"item{item}.xlsx", "MUP", "2018-03", source_time, at, arrival_id, valid)


def test_the_newest_arrival_decides_not_when_the_content_was_first_seen() -> None:
    heads = [head(1, 1), head(2, 2), head(1, 3)]  # A, B, then A again
    assert [h.id for h in accepted_heads(heads)] == [1]
    assert [h.id for h in latest_heads(heads)] == [1]


def test_a_newer_invalid_version_never_replaces_the_last_valid_one() -> None:
    heads = [head(1, 1), head(2, 2, valid=False)]
    assert [h.id for h in accepted_heads(heads)] == [1]
    assert [h.id for h in latest_heads(heads)] == [2]


def test_a_files_current_content_counts_whatever_its_time_and_between_files_the_newest_wins() -> None:
    restored = [head(1, 1, modified=50), head(2, 2, modified=5)]  # an older file copied back over the newer
    assert [h.id for h in accepted_heads(restored)] == [2]
    other_file = [*restored, head(3, 3, item=2, modified=40)]
    assert [h.id for h in accepted_heads(other_file)] == [3]


def test_accepted_of_one_institution_or_period_is_the_whole_ledgers_choice(tmp_path: Path) -> None:
    ledger = Ledger.open(sqlite_url(tmp_path / "ledger.sqlite"))
    try:
        ledger.record(
            [
                arrival("MUP/03-a.xlsx", b"a", received=0),
                arrival("MUP/03-b.xlsx", b"b", received=10),
                arrival("MUP/03-a.xlsx", b"a2", received=20, valid=False),
                arrival("MUP/02.xlsx", b"c", received=5, period="2018-02"),
                arrival("MZ/03.xlsx", b"d", received=15, institution="MZ"),
            ]
        )
        everything = ledger.accepted()
        assert [(v.institution, v.period) for v in everything] == [
            ("MUP", "2018-02"),
            ("MUP", "2018-03"),
            ("MZ", "2018-03"),
        ]
        assert ledger.accepted("MUP") == everything[:2]
        assert ledger.accepted("MUP", "2018-03") == [everything[1]]
        assert ledger.accepted(period="2018-03") == everything[1:]
        assert everything[1].file_name == "MUP/03-b.xlsx"
    finally:
        ledger.close()
