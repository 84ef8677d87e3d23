"""The daily allowance of Submit content (`submitted_mb_per_day`) is counted per institution, so two Submits of one
institution's reports for different periods at the same moment must take turns: the second reads what the first
stored. A real ledger of each backend (SQLite and PostgreSQL) and two real threads."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import threading
import time

from apmon.sync.ledger import ADDIN_SOURCE, Ledger
from apmon.templates.sniff import MB
from tests.test_ledger import T0, arrival, ledger, postgres_admin_url, url  # noqa: F401  (ledger backends)

FEBRUARY, MARCH = b"PK February report " * 100, b"PK March report " * 100


def test_submits_of_two_periods_at_once_see_each_others_bytes(ledger: Ledger) -> None:  # noqa: F811
    seen: list[int] = []
    entering = threading.Event()

    def second_submit() -> None:
        entering.set()
        with ledger.submit_turn("MUP", "2018-03") as turn:
            seen.append(turn.submitted_bytes(T0))
            turn.record(arrival("MUP/2018-03", MARCH, received=2, period="2018-03", source=ADDIN_SOURCE))

    with ledger.submit_turn("MUP", "2018-02") as turn:
        turn.record(arrival("MUP/2018-02", FEBRUARY, received=1, period="2018-02", source=ADDIN_SOURCE))
        first_bytes = turn.submitted_bytes(T0)
        other = threading.Thread(target=second_submit)
        other.start()
        entering.wait()
        time.sleep(0.5)  # let the second Submit reach its turn while this one is still open
    other.join()

    assert first_bytes >= len(FEBRUARY)  # the raw bytes, its report and issues
    # Independently: what the ledger holds of February's Submit, once both are done.
    stored = [size for _, _, size in ledger.submitted_sizes(T0, "MUP")]
    assert len(stored) == 2
    assert seen == [first_bytes], "the second Submit did not wait for the first: the allowance can be overrun"


def test_submitted_bytes_count_cyrillic_text_in_utf8(ledger: Ledger) -> None:  # noqa: F811
    """The report's and issues' text are stored as UTF-8: a Cyrillic letter takes two bytes, and the allowance counts
    what is stored (SQL's length() of a text counts letters)."""
    progress = "рад је настављен по плану " * 40
    report = json.dumps({"institution": "MUP", "period": "2018-03", "progress": progress}, ensure_ascii=False)
    issues = json.dumps([{"code": "text-too-long", "value": progress}], ensure_ascii=False)
    sent = arrival("MUP/2018-03", b"PK report", received=1, source=ADDIN_SOURCE)
    sent = dataclasses.replace(sent, version=dataclasses.replace(sent.version, report=report, issues=issues))
    with ledger.submit_turn("MUP", "2018-03") as turn:
        turn.record(sent)
        in_turn = turn.submitted_bytes(T0)
    expected = len(b"PK report") + len(report.encode("utf-8")) + len(issues.encode("utf-8"))
    assert expected > len(b"PK report") + len(report) + len(issues)  # the text is Cyrillic
    assert in_turn == expected
    assert [size for _, _, size in ledger.submitted_sizes(T0, "MUP")] == [expected]


def test_the_spent_allowance_is_said_once_on_each_ledger_backend(ledger: Ledger) -> None:  # noqa: F811
    """The sync names an institution's day whose Submits stored the allowance once, kept in the ledger: on
    PostgreSQL as on SQLite (the byte count and the items it keeps of what it named)."""
    from apmon.sync.run import submits_spent_said

    content = b"PK " + b"x" * MB  # more than an allowance of 1 MB, counted here from what was sent
    with ledger.submit_turn("MUP", "2018-03") as turn:
        turn.record(arrival("MUP/2018-03", content, received=1, source=ADDIN_SOURCE))
    assert len(content) >= MB
    first = submits_spent_said(ledger, T0, 1, "en", T0 + dt.timedelta(hours=2))
    again = submits_spent_said(ledger, T0, 1, "en", T0 + dt.timedelta(hours=3))
    assert len(first) == 1 and "MUP" in first[0], first
    assert again == []
