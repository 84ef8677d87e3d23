"""Add-in Submits cannot fill the ledger's disk: the content a Submit stores counts against an allowance per
institution and Belgrade day (`submitted_mb_per_day`); once a day's Submits of an institution have stored that
much, its further Submits that day are refused with 429 and store nothing. Validate is not limited by it.

Found by an attack with one institution's token: five valid Submits with a 3 MB notes sheet, one cell changed each
time, grew the ledger by 16 MB, and a body of 10 MB is allowed. The real app, a real SQLite ledger; every expected
figure is counted from the ledger's file with sqlite3 and from the bodies sent, never by the code under test.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import logging
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from apmon.addin.server import create_app
from apmon.schemas.calendar import BELGRADE, WorkingCalendar
from apmon.schemas.institutions import InstitutionRegistry
from apmon.schemas.plan import Plan
from apmon.sync.config import Config, SyncSettings
from apmon.sync.ledger import Ledger, sqlite_url
from apmon.sync.run import run_sync
from tests.test_addin import OFFICE_JS, PERIOD, TOKENS, URL, add_tokens, client_payload, reports_in_each_language

MB = 2**20
ALLOWANCE_MB = 1
NOTE_ROWS, NOTE_CHARS = 20, 20_000  # the officer's own notes sheet: 400 kB of text, more than any report holds
SUBMITS = 8  # 3.2 MB of notes in all: over three days' allowance if nothing bounded it
SUBMIT, VALIDATE = URL.format("submit"), URL.format("validate")
DAY = dt.datetime(2018, 4, 3, 10, 0, tzinfo=BELGRADE)  # March's report is due on 6 April


class Clock:
    def __init__(self) -> None:
        self.now = DAY.astimezone(dt.UTC)

    def __call__(self) -> dt.datetime:
        return self.now


@pytest.fixture
def ledger_file(tmp_path: Path) -> Path:
    return tmp_path / "ledger.sqlite"


@pytest.fixture
def ledger(ledger_file: Path) -> Iterator[Ledger]:
    opened = Ledger.open(sqlite_url(ledger_file))
    add_tokens(opened, DAY)
    yield opened
    opened.close()


@pytest.fixture
def settings(tmp_path: Path, ledger_file: Path) -> SyncSettings:
    return SyncSettings(
        data_dir=tmp_path,
        folder=tmp_path / "izvestaji",
        ledger=sqlite_url(ledger_file),
        first_period="2018-01",
        last_period=PERIOD,
        submitted_mb_per_day=ALLOWANCE_MB,
    )


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def client(
    settings: SyncSettings, ledger: Ledger, plan: Plan, registry: InstitutionRegistry, clock: Clock
) -> TestClient:
    app = create_app(Config(sync=settings), ledger, clock=clock, plan=plan, registry=registry)
    return TestClient(app, raise_server_exceptions=False)


@pytest.fixture(scope="module")
def reports(plan: Plan, registry: InstitutionRegistry, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return reports_in_each_language(plan, registry, tmp_path_factory.mktemp("reports"))


PROGRESS = "Work continued as planned; two meetings held."  # complete_monthly's progress of every task


def with_notes(payload: dict[str, Any], n: int) -> dict[str, Any]:
    """The report with a large sheet of the officer's own notes, and one cell of the report changed (`n`): the
    first task's progress. (A change in the notes alone is no new report: Submit finds it unchanged.)"""
    sent = copy.deepcopy(payload)
    row, c = next((row, c) for s in sent["sheets"] for row in s["values"] for c, v in enumerate(row) if v == PROGRESS)
    row[c] = f"{PROGRESS} ({n})"
    rows: list[list[Any]] = [[chr(65 + r % 26) * NOTE_CHARS] for r in range(NOTE_ROWS)]
    sent["sheets"].append({"name": "Beleške", "values": rows, "pictures": [], "tables": [], "merged": []})
    return sent


def post(client: TestClient, url: str, payload: dict[str, Any], lang: str = "en") -> Any:
    headers = {"Authorization": f"Bearer {TOKENS['MZ']}", "Content-Type": "application/json", "Accept-Language": lang}
    return client.post(url, content=json.dumps(payload).encode(), headers=headers)


def stored(ledger_file: Path) -> list[tuple[str, int, str]]:
    """(institution, bytes stored, received_at) of every version, oldest first, read with sqlite3 (text as UTF-8)."""
    db = sqlite3.connect(ledger_file)
    try:
        return db.execute(
            "SELECT institution, length(raw) + length(CAST(coalesce(report, '') AS BLOB)) "
            "+ length(CAST(issues AS BLOB)), received_at FROM versions ORDER BY id"
        ).fetchall()
    finally:
        db.close()


def ledger_bytes(path: Path) -> int:
    """The SQLite ledger's size on disk, its write-ahead log with it."""
    return sum(p.stat().st_size for p in path.parent.glob(f"{path.name}*"))


def test_a_days_submits_store_at_most_the_allowance_then_429_and_validate_still_works(
    client: TestClient, clock: Clock, reports: dict[str, Path], ledger_file: Path
) -> None:
    payload = client_payload(reports["en"], OFFICE_JS)
    before = ledger_bytes(ledger_file)
    answers = [post(client, SUBMIT, with_notes(payload, n)).status_code for n in range(SUBMITS)]
    versions = stored(ledger_file)
    sizes = [size for _, size, _ in versions]
    sent_notes = SUBMITS * NOTE_ROWS * NOTE_CHARS
    print(f"\nanswers {answers}; stored per version {sizes}; ledger grew {ledger_bytes(ledger_file) - before} bytes")

    # Without a bound all eight were stored (3.2 MB of notes). Now the Submits are stored while the day's stored
    # content is under the allowance: the one that reaches it is the last; every later one is a 429.
    allowance = ALLOWANCE_MB * MB
    kept = len(versions)
    assert answers == [200] * kept + [429] * (SUBMITS - kept)
    assert 0 < kept < SUBMITS
    assert sum(sizes[:-1]) < allowance <= sum(sizes)
    assert sum(sizes) <= allowance + max(sizes)
    assert ledger_bytes(ledger_file) - before < allowance + max(sizes) + 512 * 1024 < sent_notes

    # Validate stores nothing and is not limited; the same content as the accepted version is no new Submit.
    assert post(client, VALIDATE, with_notes(payload, 99)).status_code == 200
    assert post(client, SUBMIT, with_notes(payload, kept - 1)).status_code == 200
    assert len(stored(ledger_file)) == kept

    # The next Belgrade day (just after midnight there, still the evening before in UTC), Submits are stored again.
    clock.now = dt.datetime(2018, 4, 4, 0, 1, tzinfo=BELGRADE).astimezone(dt.UTC)
    assert post(client, SUBMIT, with_notes(payload, 100)).status_code == 200
    assert len(stored(ledger_file)) == kept + 1


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("sr-Latn", ("nije dostavljen", "ništa nije sačuvano", "04.04.2018", "1 MB", "Nacionalnog koordinatora")),
        ("sr-Cyrl", ("није достављен", "ништа није сачувано", "04.04.2018", "1 MB", "Националног координатора")),
        ("en", ("not submitted", "nothing was stored", "4 Apr 2018", "1 MB", "National Coordinator")),
    ],
)
def test_the_429_says_nothing_was_stored_when_to_submit_again_and_whom_to_call(
    client: TestClient, reports: dict[str, Path], lang: str, words: tuple[str, ...], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, logger="apmon.addin")
    payload = client_payload(reports[lang], OFFICE_JS)
    answer = None
    for n in range(SUBMITS):
        answer = post(client, SUBMIT, with_notes(payload, n), lang)
        if answer.status_code != 200:
            break
    assert answer is not None and answer.status_code == 429, answer.text[:300] if answer else ""
    assert set(answer.json()) == {"error"}
    text = answer.json()["error"]
    for word in words:
        assert word.casefold() in text.casefold(), (word, text)
    # Retry-After: the seconds until midnight in Belgrade, counted here from the test's clock
    midnight = dt.datetime(2018, 4, 4, tzinfo=BELGRADE)
    assert int(answer.headers["Retry-After"]) == int((midnight - DAY).total_seconds())
    assert answer.headers["X-Apmon-Refused"] == "submits-spent"  # apmon.js tells it from a 429 of wrong tokens
    # the server's log says it too, for whoever watches it
    assert any("MZ: Submit refused (429)" in r.getMessage() for r in caplog.records if r.levelno == logging.WARNING)


def test_the_coordinators_sync_run_says_which_institution_spent_its_allowance(
    client: TestClient,
    reports: dict[str, Path],
    ledger: Ledger,
    ledger_file: Path,
    settings: SyncSettings,
    plan: Plan,
    registry: InstitutionRegistry,
) -> None:
    payload = client_payload(reports["sr-Latn"], OFFICE_JS)
    answers = [post(client, SUBMIT, with_notes(payload, n), "sr-Latn").status_code for n in range(SUBMITS)]
    assert 429 in answers
    used = sum(size for institution, size, _ in stored(ledger_file) if institution == "MZ")
    summary = run_sync(
        plan=plan,
        registry=registry,
        ledger=ledger,
        sources=[],
        settings=settings,
        calendar=WorkingCalendar(),
        now=lambda: DAY.replace(hour=15),
    )
    said = [line for line in summary.warnings if "submitted_mb_per_day" in line]
    assert len(said) == 1, summary.warnings
    assert "MZ" in said[0] and "03.04.2018" in said[0] and f"{ALLOWANCE_MB} MB" in said[0]
    assert f"{used / MB:.1f}".replace(".", ",") in said[0]
    # and what the Coordinator does about it: more room for honest Submits, or the token revoked
    assert "apmon.toml" in said[0] and "apmon token revoke --institution MZ" in said[0], said[0]


CYRILLIC = "рад је настављен по плану, одржана су два састанка са партнерима и школама; "  # 2 bytes a letter in UTF-8


def in_cyrillic(payload: dict[str, Any], n: int) -> dict[str, Any]:
    """The report with every task's progress a long Cyrillic text (under the rules' 2,000 characters, so the report
    stays clean), different for each `n`: text the ledger stores twice, in the sheets and in the parsed report."""
    sent = copy.deepcopy(payload)
    text = f"{n}: " + CYRILLIC * 25
    for sheet in sent["sheets"]:
        for row in sheet["values"]:
            row[:] = [text if v == PROGRESS else v for v in row]
    return sent


def stored_utf8(ledger_file: Path) -> list[int]:
    """The bytes each version takes in the ledger, oldest first: its sheets, its report and its issues as UTF-8,
    counted here in Python from what sqlite3 reads."""
    db = sqlite3.connect(ledger_file)
    try:
        rows = db.execute("SELECT raw, coalesce(report, ''), issues FROM versions ORDER BY id").fetchall()
    finally:
        db.close()
    return [len(raw) + len(report.encode("utf-8")) + len(issues.encode("utf-8")) for raw, report, issues in rows]


def test_cyrillic_submits_are_counted_in_the_bytes_the_ledger_stores(
    client: TestClient, clock: Clock, reports: dict[str, Path], ledger_file: Path
) -> None:
    """The allowance was counted in characters for the report's and issues' text: a Cyrillic letter is one character
    and two bytes, so Cyrillic Submits stored well over the allowance before the first 429."""
    payload = client_payload(reports["sr-Cyrl"], OFFICE_JS)
    answers = []
    for n in range(60):
        clock.now += dt.timedelta(seconds=3)  # an officer's pace: under addin_calls_per_minute
        answers.append(post(client, SUBMIT, in_cyrillic(payload, n), "sr-Cyrl").status_code)
        if answers[-1] != 200:
            break
    sizes = stored_utf8(ledger_file)
    allowance = ALLOWANCE_MB * MB
    print(f"\nanswers {answers}; bytes per version {sizes}")
    assert answers[-1] == 429 and answers[:-1] == [200] * len(sizes)
    # Every Submit stored was let in while the day's bytes were under the allowance; the one refused was not.
    assert sum(sizes[:-1]) < allowance <= sum(sizes)


def test_the_spent_allowance_is_said_once_a_day_not_at_every_run(
    client: TestClient,
    clock: Clock,
    reports: dict[str, Path],
    ledger: Ledger,
    settings: SyncSettings,
    plan: Plan,
    registry: InstitutionRegistry,
) -> None:
    """Runs may come every few minutes: the line about the spent allowance was repeated at every run of the day (and
    of the next, which looks back to the day of the run before). Now once per institution and Belgrade day."""
    payload = client_payload(reports["sr-Latn"], OFFICE_JS)

    def spend(first: int) -> None:
        answers = [post(client, SUBMIT, with_notes(payload, first + n), "sr-Latn").status_code for n in range(SUBMITS)]
        assert 429 in answers

    def said_at(moment: dt.datetime) -> list[str]:
        summary = run_sync(
            plan=plan,
            registry=registry,
            ledger=ledger,
            sources=[],
            settings=settings,
            calendar=WorkingCalendar(),
            now=lambda: moment,
        )
        return [line for line in summary.warnings if "submitted_mb_per_day" in line]

    spend(0)
    first = said_at(DAY.replace(hour=15))
    assert len(first) == 1 and "03.04.2018" in first[0], first
    assert said_at(DAY.replace(hour=15, minute=5)) == []  # the next run of the day
    assert said_at(DAY.replace(hour=23, minute=55)) == []
    next_day = DAY + dt.timedelta(days=1)
    assert said_at(next_day.replace(hour=8)) == []  # it looks back to the day of the run before: said already
    clock.now = next_day.astimezone(dt.UTC)
    spend(100)
    again = said_at(next_day.replace(hour=15))
    assert len(again) == 1 and "04.04.2018" in again[0], again
    assert said_at(next_day.replace(hour=15, minute=5)) == []
