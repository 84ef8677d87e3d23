"""One valid token cannot keep the add-in server busy: each token may call Validate and Submit
`addin_calls_per_minute` times within any minute; past it a 429 with Retry-After, before the body is read.
Another token is not affected, and the window moves on. The real app, a real SQLite ledger, real client payloads;
the expected waits are counted here from the test's clock."""

from __future__ import annotations

import datetime as dt
import json
import logging
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from apmon.addin.server import CALL_WINDOW, FailureLimiter, create_app
from apmon.schemas.calendar import BELGRADE
from apmon.schemas.institutions import InstitutionRegistry
from apmon.schemas.plan import Plan
from apmon.sync.config import Config, SyncSettings
from apmon.sync.ledger import COORDINATOR, Ledger, sqlite_url
from apmon.sync.tokens import token_hash
from tests.test_addin import OFFICE_JS, PERIOD, TOKENS, URL, add_tokens, client_payload, reports_in_each_language

CALLS_PER_MINUTE = 3  # few, so that the test makes few calls; the default is 30
SECOND_MZ_TOKEN = "tok-mz-second"  # another officer of the same institution
SUBMIT, VALIDATE = URL.format("submit"), URL.format("validate")
START = dt.datetime(2018, 4, 3, 10, 0, tzinfo=BELGRADE).astimezone(dt.UTC)


class Clock:
    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> dt.datetime:
        return self.now

    def at(self, seconds: int) -> None:
        self.now = START + dt.timedelta(seconds=seconds)


@pytest.fixture
def ledger_file(tmp_path: Path) -> Path:
    return tmp_path / "ledger.sqlite"


@pytest.fixture
def ledger(ledger_file: Path) -> Iterator[Ledger]:
    opened = Ledger.open(sqlite_url(ledger_file))
    add_tokens(opened, START)
    opened.add_token("MZ", "institution", token_hash(SECOND_MZ_TOKEN), "MZ second", START)
    yield opened
    opened.close()


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def client(
    tmp_path: Path, ledger_file: Path, ledger: Ledger, plan: Plan, registry: InstitutionRegistry, clock: Clock
) -> TestClient:
    settings = SyncSettings(
        data_dir=tmp_path,
        folder=tmp_path / "izvestaji",
        ledger=sqlite_url(ledger_file),
        first_period="2018-01",
        last_period=PERIOD,
        addin_calls_per_minute=CALLS_PER_MINUTE,
    )
    app = create_app(Config(sync=settings), ledger, clock=clock, plan=plan, registry=registry)
    return TestClient(app, raise_server_exceptions=False)


@pytest.fixture(scope="module")
def payloads(plan: Plan, registry: InstitutionRegistry, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The Office.js payload of MZ's clean March 2018 report in each language."""
    reports = reports_in_each_language(plan, registry, tmp_path_factory.mktemp("reports"))
    return {lang: client_payload(path, OFFICE_JS) for lang, path in reports.items()}


def post(client: TestClient, url: str, payload: dict[str, Any], token: str = TOKENS["MZ"], lang: str = "") -> Any:
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    if lang:
        headers["Accept-Language"] = lang
    return client.post(url, content=json.dumps(payload).encode(), headers=headers)


def versions(ledger_file: Path) -> int:
    db = sqlite3.connect(ledger_file)
    try:
        return int(db.execute("SELECT count(*) FROM versions").fetchone()[0])
    finally:
        db.close()


def test_a_token_past_its_calls_a_minute_gets_429_until_its_oldest_call_is_a_minute_old(
    client: TestClient, clock: Clock, payloads: dict[str, Any], ledger_file: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, logger="apmon.addin")
    payload = payloads["en"]
    sent_at = [0, 10, 20]  # seconds after START: as many calls as a minute allows
    for second in sent_at:
        clock.at(second)
        assert post(client, VALIDATE, payload).status_code == 200
    clock.at(30)
    refused = post(client, SUBMIT, payload)
    assert refused.status_code == 429, refused.text[:300]
    assert set(refused.json()) == {"error"}
    assert int(refused.headers["Retry-After"]) == sent_at[0] + 60 - 30  # until the oldest call is a minute old
    assert refused.headers["X-Apmon-Refused"] == "too-many-calls"  # apmon.js tells it from wrong tokens' 429
    assert versions(ledger_file) == 0  # the refused Submit stored nothing
    assert any("too many calls" in r.getMessage() for r in caplog.records if r.levelno == logging.WARNING)
    assert not any(TOKENS["MZ"] in r.getMessage() for r in caplog.records)  # the log never shows a token

    # Another token is not affected, of the same institution too; the Coordinator's neither.
    assert post(client, VALIDATE, payload, SECOND_MZ_TOKEN).status_code == 200
    assert post(client, VALIDATE, payload, TOKENS[COORDINATOR]).status_code == 200

    # Still refused just before the oldest call leaves the window; then one place is free, and taken.
    clock.at(59)
    assert post(client, VALIDATE, payload).status_code == 429
    clock.at(60)
    assert post(client, SUBMIT, payload).status_code == 200
    assert versions(ledger_file) == 1
    refused = post(client, VALIDATE, payload)
    assert refused.status_code == 429 and int(refused.headers["Retry-After"]) == sent_at[1] + 60 - 60
    # A minute after the last call, the whole allowance is back.
    clock.at(120)
    assert [post(client, VALIDATE, payload).status_code for _ in range(CALLS_PER_MINUTE)] == [200] * CALLS_PER_MINUTE


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("sr-Latn", ("Ništa nije urađeno", "3 u minuti", "Sačekajte 60 sekundi", "Nacionalnom koordinatoru")),
        ("sr-Cyrl", ("Ништа није урађено", "3 у минути", "Сачекајте 60 секунди", "Националном координатору")),
        ("en", ("Nothing was done", "3 a minute", "Wait 60 seconds", "National Coordinator")),
    ],
)
def test_the_429_says_what_happened_and_when_to_try_again_in_the_callers_language(
    client: TestClient, payloads: dict[str, Any], lang: str, words: tuple[str, ...]
) -> None:
    """Refused before its body is read, the call is answered in the Accept-Language's language (Office.js sends
    Office's); without one, in Serbian Latin."""
    for _ in range(CALLS_PER_MINUTE):
        assert post(client, VALIDATE, payloads[lang]).status_code == 200
    refused = post(client, VALIDATE, payloads[lang], lang=lang)
    assert refused.status_code == 429
    if lang == "sr-Latn":
        assert post(client, VALIDATE, payloads[lang]).json() == refused.json()  # no Accept-Language: Serbian Latin
    text = refused.json()["error"]
    for word in words:
        assert word in text, (word, text)


def test_the_calls_a_minute_default_to_what_a_person_clicking_never_reaches() -> None:
    assert SyncSettings().addin_calls_per_minute == 30


def test_a_limit_lowered_within_the_minute_says_the_wait_until_a_call_gets_through() -> None:
    """apmon.toml's addin_calls_per_minute lowered while serving (5 to 2) after a token's 5 calls: Retry-After said
    the wait until its oldest call left the minute, and the call then made was refused again. It is the wait until
    fewer than 2 of its calls are within the minute. A raised limit lets the next call through at once."""
    clock = Clock()
    calls = FailureLimiter(5, CALL_WINDOW, clock)
    for second in (0, 10, 20, 30, 40):
        clock.at(second)
        assert calls.take("token 1", 5) == 0

    clock.at(45)
    wait = calls.take("token 1", 2)

    assert wait == 30 + 60 - 45  # the call at 30 s leaves the minute at 90 s: the ones at 40 and 45 s stay
    clock.at(45 + wait - 1)
    assert calls.take("token 1", 2) == 1
    clock.at(45 + wait)
    assert calls.take("token 1", 2) == 0
    assert calls.take("token 2", 1) == 0 and calls.take("token 2", 1) == 60 and calls.take("token 2", 2) == 0  # raised
