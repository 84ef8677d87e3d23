"""The one definition of "accepted" and "latest" (sync.ledger.selection): pure, on heads, without a database;
and the ledger's `accepted` of one institution or period choosing exactly as over the whole ledger."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from apmon.sync.ledger import ADDIN_SOURCE, Head, Ledger, accepted_heads, latest_heads, report_timing, sqlite_url
from tests.test_ledger import arrival, at

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


def test_between_files_the_submit_stamp_decides_when_every_one_carries_one() -> None:
    """The first file (stamped at minute 10) saved again at minute 50, after the correction (stamped at minute 20)."""
    heads = [head(1, 11, modified=10), head(2, 21, item=2, modified=20), head(3, 51, modified=50)]  # each after it
    stamped = {1: T0 + dt.timedelta(minutes=10), 2: T0 + dt.timedelta(minutes=20), 3: T0 + dt.timedelta(minutes=10)}
    assert [h.id for h in accepted_heads(heads, stamped)] == [2]
    assert [h.id for h in latest_heads(heads, stamped)] == [2]
    # Without a stamp on the file saved again, the files' times decide: it counts.
    assert [h.id for h in accepted_heads(heads, {k: v for k, v in stamped.items() if k != 3})] == [3]
    assert [h.id for h in accepted_heads(heads)] == [3]
    # One Submit saved in two places: the same stamp, and the file's time breaks the tie.
    assert [h.id for h in accepted_heads(heads, {1: stamped[1], 2: stamped[1], 3: stamped[1]})] == [3]


def test_shared_reports_are_those_of_items_the_last_run_found(tmp_path: Path) -> None:
    """Not the add-in's one item per report, not a file deleted, not a folder the sync no longer reads."""
    ledger = Ledger.open(sqlite_url(tmp_path / "ledger.sqlite"))
    try:
        old_folder = "folder:/srv/moved-away"
        ledger.record([arrival("MUP/03.xlsx", b"old", received=0, source=old_folder)])
        run = ledger.start_run("cli", at(5))
        ledger.record(
            [
                arrival("MUP/03.xlsx", b"a", received=10),
                arrival("MUP/03 (ispravka).xlsx", b"b", received=20),
                arrival("MUP/2018-03", b"c", received=30, source=ADDIN_SOURCE),
                arrival("MZ/03.xlsx", b"d", received=10, institution="MZ"),
                arrival("MZ/03 kopija.xlsx", b"e", received=20, institution="MZ"),
            ]
        )
        assert ledger.shared_reports() == []  # no run has finished: none is known to be there
        ledger.finish_run(run, at(35), files_seen=5, files_changed=5, versions_added=5, errors=[])
        (shared,) = [s for s in ledger.shared_reports() if s.institution == "MUP"]
        assert [(f.key, f.counts) for f in shared.files] == [("MUP/03.xlsx", False), ("MUP/03 (ispravka).xlsx", False)]
        assert shared.counted_file == "MUP/2018-03"  # the add-in's Submit is the newest, though no file of the folder
        assert [s.institution for s in ledger.shared_reports()] == ["MUP", "MZ"]
        ledger.mark_missing("folder:/srv/reports", {"MUP/03.xlsx", "MUP/03 (ispravka).xlsx"}, at(40))
        assert [s.institution for s in ledger.shared_reports()] == ["MUP"]
        # A run going on (the add-in's Consolidate reads the ledger as it is while another runs): it has seen nothing
        # yet, and what the last run found is still what is known to be there.
        ledger.start_run("cli", at(45))  # killed before it saw anything: cut short, it says nothing of what is there
        empty = ledger.start_run("cli", at(50))
        assert [run.id for run in ledger.close_interrupted_runs(empty, at(50))] == [empty - 1]
        assert [s.institution for s in ledger.shared_reports()] == ["MUP"]
        ledger.finish_run(empty, at(51), files_seen=0, files_changed=0, versions_added=0, errors=[])
        assert ledger.shared_reports() == []  # a run that read nothing: what it did not see is not known to be there
    finally:
        ledger.close()


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


def timed(version: int, arrival_id: int, *, valid: bool = True, days: int = 0, sent: int | None = None) -> Head:
    """`head`, with the version's own timing: on time when `days` is 0, else that many working days late; sent
    (its submission time) at minute `sent`, else when it arrived."""
    at = T0 + dt.timedelta(minutes=arrival_id if sent is None else sent)
    return head(version, arrival_id, valid=valid)._replace(on_time=days == 0, days_late=days, submitted=at)


def test_a_report_is_on_time_by_any_valid_version_by_the_deadline_and_late_by_its_first_valid_one() -> None:
    """The one decision of on time or late (report_timing), on every case the Coordinator named."""
    on_time, corrected_late = timed(1, 1), timed(2, 2, days=3)
    found = report_timing([on_time, corrected_late], corrected_late)
    assert found is not None and (found.on_time, found.days_late) == (True, 0)
    assert (found.decided.id, found.corrected) == (1, corrected_late)  # the cell says a correction came
    # Errors by the deadline never count: late by the first valid version's days.
    invalid, valid_late = timed(1, 1, valid=False), timed(2, 2, days=4)
    found = report_timing([invalid, valid_late], valid_late)
    assert found is not None and (found.on_time, found.days_late, found.corrected) == (False, 4, None)
    # Late, corrected later still: the first valid version's days, not the correction's.
    first_late, later = timed(1, 1, days=2), timed(2, 2, days=8)
    found = report_timing([first_late, later], later)
    assert found is not None and (found.on_time, found.days_late, found.decided.id) == (False, 2, 1)
    # A correction before the deadline is on time by itself: no note.
    found = report_timing([timed(1, 1), timed(2, 2)], timed(2, 2))
    assert found is not None and (found.decided.id, found.corrected) == (2, None)
    # The same content saved again keeps the time it was first had: the version that counts is shown.
    found = report_timing([timed(1, 1, days=2), timed(2, 5, days=2, sent=1)], timed(2, 5, days=2, sent=1))
    assert found is not None and (found.decided.id, found.corrected, found.days_late) == (2, None, 2)
    # Only errors: nothing to decide by.
    assert report_timing([invalid], invalid) is None


def test_a_submit_stamp_later_than_its_file_arrived_decides_nothing() -> None:
    """Submit writes its stamp before the file can reach a folder, so a stamp later than the file's arrival is not
    one (typed into the hidden sheet, copied from a template made later): it made that file count over every
    correction Submitted after it, until its time came."""
    heads = [head(1, 11, modified=10), head(2, 21, item=2, modified=20)]
    stamped = {1: T0 + dt.timedelta(days=1000), 2: T0 + dt.timedelta(minutes=20)}
    assert [h.id for h in accepted_heads(heads, {**stamped, 1: T0 + dt.timedelta(minutes=10)})] == [2]
    assert [h.id for h in accepted_heads(heads, stamped)] == [2]
    assert [h.id for h in latest_heads(heads, stamped)] == [2]
