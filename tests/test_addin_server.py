"""The add-in server's edges, through the real FastAPI app: the Authorization header, failed-attempt limits,
pathological JSON, payload limits and the language of every error answer."""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from apmon.addin import functions
from apmon.addin.server import REPORT_LIMITS, FailureLimiter, create_app
from apmon.schemas.calendar import Period
from apmon.schemas.institutions import InstitutionRegistry
from apmon.schemas.messages import SERVER_ERRORS, text_of
from apmon.schemas.plan import Plan
from apmon.schemas.text import latin_to_cyrillic_template
from apmon.sync.config import Config, SyncSettings
from apmon.sync.ledger import COORDINATOR, Ledger, LedgerError
from apmon.sync.tokens import issue_token, token_hash
from apmon.templates.layout import META_SHEET, report_layout
from tests.reports import complete_monthly, filled_report
from tests.test_addin import GOOGLE, NOW, OFFICE_JS, PERIOD, TOKENS, URL, VBA, client_payload

VALIDATE = URL.format("validate")


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = NOW

    def __call__(self) -> dt.datetime:
        return self.now


@pytest.fixture
def ledger(tmp_path: Path) -> Iterator[Ledger]:
    opened = Ledger.open(f"sqlite:///{tmp_path / 'ledger.sqlite'}")
    for holder, token in TOKENS.items():
        opened.add_token(
            holder, "coordinator" if holder == COORDINATOR else "institution", token_hash(token), holder, NOW
        )
    yield opened
    opened.close()


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def make(tmp_path: Path, ledger: Ledger, plan: Plan, registry: InstitutionRegistry, clock: Clock) -> Any:
    config = Config(sync=SyncSettings(data_dir=tmp_path, first_period="2018-01", last_period=PERIOD))

    def made(**options: Any) -> TestClient:
        app = create_app(config, ledger, clock=clock, plan=plan, registry=registry, **options)
        return TestClient(app, raise_server_exceptions=False)

    return made


@pytest.fixture
def client(make: Any) -> TestClient:
    return make()  # type: ignore[no-any-return]


@pytest.fixture(scope="module")
def report(plan: Plan, registry: InstitutionRegistry, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """MZ's clean March 2018 report in each language."""
    folder = tmp_path_factory.mktemp("reports")
    made = {}
    for lang in ("sr-Latn", "sr-Cyrl", "en"):
        layout = report_layout(plan, registry, "MZ", Period.parse(PERIOD), lang)  # type: ignore[arg-type]
        made[lang], _ = filled_report(
            plan, registry, folder, "MZ", PERIOD, complete_monthly(layout), lang=lang, name=f"MZ_{lang}.xlsx"
        )
    return made


@pytest.fixture(scope="module")
def payload(report: dict[str, Path]) -> dict[str, Any]:
    return client_payload(report["en"], OFFICE_JS)


def body(payload: dict[str, Any]) -> bytes:
    return json.dumps(payload).encode()


# --------------------------------------------------------------------------- the Authorization header

GOOD = TOKENS["MZ"]  # "tok-mz": a b64token

HEADERS: list[tuple[str, list[tuple[Any, Any]], int]] = [
    ("missing", [], 401),
    ("empty", [("Authorization", "")], 401),
    ("only spaces", [("Authorization", "   ")], 401),
    ("scheme only", [("Authorization", "Bearer")], 401),
    ("scheme and a space", [("Authorization", "Bearer ")], 401),
    ("token only", [("Authorization", GOOD)], 401),
    ("canonical", [("Authorization", f"Bearer {GOOD}")], 200),
    ("lower-case scheme", [("Authorization", f"bearer {GOOD}")], 200),
    ("upper-case scheme", [("Authorization", f"BEARER {GOOD}")], 200),
    ("mixed-case scheme", [("Authorization", f"bEaReR {GOOD}")], 200),
    ("two spaces (1*SP)", [("Authorization", f"Bearer  {GOOD}")], 200),
    ("surrounding whitespace (OWS)", [("Authorization", f" \tBearer {GOOD} ")], 200),
    ("tab separator", [("Authorization", f"Bearer\t{GOOD}")], 401),
    ("space and tab", [("Authorization", f"Bearer \t{GOOD}")], 401),
    ("no separator", [("Authorization", f"Bearer{GOOD}")], 401),
    ("another scheme", [("Authorization", "Basic dG9rLW16")], 401),
    ("another scheme, our token", [("Authorization", f"Token {GOOD}")], 401),
    ("extra word", [("Authorization", f"Bearer {GOOD} extra")], 401),
    ("comma-joined list", [("Authorization", f"Bearer {GOOD}, Bearer {GOOD}")], 401),
    ("two fields", [("Authorization", f"Bearer {GOOD}"), ("Authorization", f"Bearer {GOOD}")], 401),
    ("two fields, one good", [("Authorization", "Bearer nope"), ("Authorization", f"Bearer {GOOD}")], 401),
    ("quoted token", [("Authorization", f'Bearer "{GOOD}"')], 401),
    ("non-ASCII token", [(b"Authorization", "Bearer tok-mž".encode())], 401),
    ("non-ASCII scheme", [(b"Authorization", f"Beárer {GOOD}".encode())], 401),
    ("10 KB token", [("Authorization", "Bearer " + "a" * 10_240)], 401),
    ("unknown token", [("Authorization", "Bearer tok-nobody")], 401),
    ("token with padding", [("Authorization", "Bearer tok-mz==")], 401),  # well-formed, but not a known token
]


@pytest.mark.parametrize(("why", "headers", "status"), HEADERS, ids=[h[0] for h in HEADERS])
def test_the_authorization_header_table(
    client: TestClient, payload: dict[str, Any], why: str, headers: list[tuple[Any, Any]], status: int
) -> None:
    response = client.post(VALIDATE, content=body(payload), headers=[("Content-Type", "application/json"), *headers])
    assert response.status_code == status, why
    if status == 401:
        assert response.headers["WWW-Authenticate"] == "Bearer"
        assert set(response.json()) == {"error"}
    else:
        assert "actions" in response.json()


# --------------------------------------------------------------------------- failed attempts


def attempt(client: TestClient, token: str, address: str | None = None) -> Any:
    headers = {"Authorization": f"Bearer {token}", "Accept-Language": "en"}
    if address:
        headers["X-Forwarded-For"] = address
    return client.post(URL.format("nothing"), content=b"{}", headers=headers)


def test_failures_with_a_tokens_first_characters_do_not_lock_its_holder_out(make: Any, ledger: Ledger) -> None:
    """Every token starts with apmon_: counted by its first 8 characters, a token start had two random characters
    (4,096 of them), so ten guesses with another institution's first two characters locked that institution out
    from everywhere. What counts is the first 8 characters after apmon_, which only the holder knows."""
    _, token = issue_token(ledger, "MUP", "institution", "MUP", NOW)
    client = make(trusted_proxies=["testclient"])
    start = token[:8]  # apmon_ and two characters
    for i in range(10):
        assert attempt(client, f"{start}guess{i}", f"10.9.0.{i}").status_code == 401
    assert attempt(client, token, "10.9.1.1").status_code == 404  # authenticated (the script does not exist)


def test_repeated_bad_tokens_are_refused_with_429_and_retry_after(
    make: Any, clock: Clock, caplog: pytest.LogCaptureFixture
) -> None:
    client = make()
    caplog.set_level(logging.INFO, logger="apmon.addin")
    for i in range(10):
        assert attempt(client, f"guess-{i:04d}-secret").status_code == 401
        clock.now += dt.timedelta(seconds=10)
    blocked = attempt(client, TOKENS["MZ"])  # once blocked, even a good token from that address waits
    assert blocked.status_code == 429
    assert blocked.headers["Retry-After"] == "200"  # the first failure (100 s ago) leaves the 5-minute window
    assert "200" in blocked.json()["error"]
    clock.now += dt.timedelta(seconds=199)
    assert attempt(client, TOKENS["MZ"]).status_code == 429
    clock.now += dt.timedelta(seconds=1)
    assert attempt(client, TOKENS["MZ"]).status_code == 404  # authenticated; the script does not exist
    logged = caplog.text
    assert "429" in logged and "address testclient" in logged
    assert "guess-" not in logged and TOKENS["MZ"] not in logged and "secret" not in logged


def test_failures_count_per_address_and_per_token_prefix(make: Any) -> None:
    client = make(trusted_proxies=["testclient"])  # the TestClient's peer plays the reverse proxy
    for i in range(10):  # ten addresses, one guess each, all with the same first 8 characters after apmon_
        assert attempt(client, f"apmon_abcdefgh{i}", f"10.0.0.{i}").status_code == 401
    assert attempt(client, "apmon_abcdefghZZZ", "10.0.1.1").status_code == 429  # the prefix is blocked
    assert attempt(client, TOKENS["MZ"], "10.0.1.1").status_code == 404  # another prefix from there is not
    for i in range(9):
        assert attempt(client, f"wrong{i}", "10.0.2.2").status_code == 401
    assert attempt(client, TOKENS["MZ"], "10.0.2.2").status_code == 404  # a success resets nothing ...
    assert attempt(client, "wrong9", "10.0.2.2").status_code == 401  # ... the tenth failure
    assert attempt(client, TOKENS["MZ"], "10.0.2.2").status_code == 429
    assert attempt(client, TOKENS["MZ"], "10.0.3.3").status_code == 404  # others are not affected


def test_forwarded_for_is_believed_only_from_a_trusted_proxy(make: Any) -> None:
    direct = make()
    for i in range(10):  # a different X-Forwarded-For each time does not escape the address count
        assert attempt(direct, f"x{i}", f"192.0.2.{i}").status_code == 401
    assert attempt(direct, TOKENS["MZ"], "192.0.2.99").status_code == 429
    proxied = make(trusted_proxies=["testclient", "10.9.9.9"])
    for i in range(10):  # a client's own X-Forwarded-For entries before the proxies' ones are ignored
        assert attempt(proxied, f"x{i}", f"1.1.1.{i}, 198.51.100.7, 10.9.9.9").status_code == 401
    assert attempt(proxied, TOKENS["MZ"], "198.51.100.7").status_code == 429
    assert attempt(proxied, TOKENS["MZ"], "198.51.100.8").status_code == 404


def test_the_failure_tracker_stays_bounded_under_a_flood() -> None:
    now = [NOW]
    limiter = FailureLimiter(10, dt.timedelta(minutes=5), lambda: now[0], max_keys=1_000)
    for i in range(50_000):
        limiter.fail([f"address 10.{i // 65536}.{i // 256 % 256}.{i % 256}", f"token prefix {i:012x}"])
    assert len(limiter) == 1_000
    for _ in range(20):
        limiter.fail(["address one"])
    assert limiter.wait(["address one"]) == 300
    assert len(limiter._failures["address one"]) == 10  # at most `limit` times per key


# --------------------------------------------------------------------------- pathological JSON and failures


@pytest.mark.parametrize(
    "content",
    [
        b"[" * 100_000 + b"]" * 100_000,
        b'{"a": ' * 100_000 + b"1" + b"}" * 100_000,
        b'{"client": "VBA", "n": ' + b"7" * 5_000 + b"}",
        b"\xff\xfe not utf-8",
        b'{"client": "VBA"',
    ],
    ids=["deep list", "deep object", "5000 digits", "not UTF-8", "cut short"],
)
def test_pathological_json_is_the_documented_json_400(client: TestClient, content: bytes) -> None:
    response = client.post(VALIDATE, content=content, headers={"Authorization": f"Bearer {GOOD}"})
    assert response.status_code == 400
    assert response.headers["content-type"] == "application/json"
    assert set(response.json()) == {"error"}


def test_an_unexpected_failure_anywhere_answers_json(
    client: TestClient, ledger: Ledger, payload: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: Any, **kwargs: Any) -> Any:
        raise KeyError("boom")

    headers = {"Authorization": f"Bearer {GOOD}", "Content-Type": "application/json"}
    monkeypatch.setattr(functions, "book_grid", broken)  # inside a script
    inside = client.post(VALIDATE, content=body(payload), headers=headers)
    monkeypatch.setattr(ledger, "find_token", broken)  # while authenticating, before any script
    before = client.post(VALIDATE, content=body(payload), headers=headers)
    for response in (inside, before):
        assert response.status_code == 500
        assert response.headers["content-type"] == "application/json"
        assert "KeyError" in response.json()["error"]
    for path, status in (("/nothing", 404), ("/health", 405)):  # the framework's own refusals too
        other = client.request("PUT" if status == 405 else "GET", path)
        assert other.status_code == status and set(other.json()) == {"error"}


def test_a_ledger_that_cannot_be_used_is_a_503_in_the_callers_language(
    client: TestClient, ledger: Ledger, monkeypatch: pytest.MonkeyPatch
) -> None:
    def unavailable(*args: Any, **kwargs: Any) -> Any:
        raise LedgerError(
            "ledger_error.unusable_file", url="sqlite:////srv/apmon/ledger.sqlite", reason="database is locked"
        )

    monkeypatch.setattr(ledger, "find_token", unavailable)
    headers = {"Authorization": f"Bearer {GOOD}", "Accept-Language": "sr-Cyrl"}
    response = client.post(VALIDATE, content=b"{}", headers=headers)
    assert response.status_code == 503
    assert response.json() == {"error": text_of("ledger-unavailable", "sr-Cyrl")}  # no server path shown


# --------------------------------------------------------------------------- payload limits


def flooded(payload: dict[str, Any], sheet: int, rows: int, width: int) -> dict[str, Any]:
    copy = json.loads(json.dumps(payload))
    copy["sheets"][sheet]["values"] += [["x"] * width for _ in range(rows)]
    return copy


@pytest.mark.parametrize(
    ("rows", "width", "status", "limit"),
    [
        (REPORT_LIMITS.rows - 40, 9, 200, None),  # the report's own 30-odd rows, plus junk, just under the limit
        (150_000, 9, 413, REPORT_LIMITS.rows),  # the flood seen: 150,000 junk rows
        (REPORT_LIMITS.rows, 9, 413, REPORT_LIMITS.rows),
        (5, REPORT_LIMITS.columns + 1, 413, REPORT_LIMITS.columns),
        (REPORT_LIMITS.rows - 40, 60, 413, REPORT_LIMITS.cells),  # each sheet within its limits, the cells not
    ],
)
def test_a_report_over_the_limits_is_refused_before_any_book(
    client: TestClient,
    payload: dict[str, Any],
    monkeypatch: pytest.MonkeyPatch,
    rows: int,
    width: int,
    status: int,
    limit: int | None,
) -> None:
    built: list[int] = []
    original = functions.xw.Book

    def counting_book(*args: Any, **kwargs: Any) -> Any:
        built.append(1)
        return original(*args, **kwargs)

    monkeypatch.setattr(functions.xw, "Book", counting_book)
    response = client.post(
        VALIDATE, content=body(flooded(payload, 1, rows, width)), headers={"Authorization": f"Bearer {GOOD}"}
    )
    assert response.status_code == status, response.text[:300]
    assert len(built) == (1 if status == 200 else 0)
    if limit is not None:
        assert set(response.json()) == {"error"} and str(limit) in response.json()["error"]


def test_a_refusal_names_a_sheet_masked(client: TestClient, payload: dict[str, Any]) -> None:
    """The answer names the sheet over a limit; a victim's JMBG in its name was shown as it is."""
    named = flooded(payload, 1, REPORT_LIMITS.rows, 9)
    named["sheets"][1]["name"] = "Marija P. 1505953710011"
    response = client.post(VALIDATE, content=body(named), headers={"Authorization": f"Bearer {GOOD}"})
    assert response.status_code == 413
    assert "Marija P. 15•••••••••11" in response.json()["error"] and "1505953710011" not in response.text


def test_the_master_may_be_larger_than_a_report(client: TestClient, payload: dict[str, Any]) -> None:
    master = flooded(payload, 1, 10_000, 11)  # a master's Indicators sheet after years of reports
    headers = {"Authorization": f"Bearer {TOKENS[COORDINATOR]}"}
    assert client.post(VALIDATE, content=body(master), headers=headers).status_code == 413
    # Consolidate takes it (the Book is built, so the limits passed); the answer is the Coordinator's work.
    assert client.post(URL.format("consolidate"), content=body(master), headers=headers).status_code != 413


# --------------------------------------------------------------------------- the language of error answers


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        (None, "sr-Latn"),
        ("en", "en"),
        ("en-GB,en;q=0.9", "en"),
        ("sr-Cyrl-RS", "sr-Cyrl"),
        ("sr", "sr-Latn"),
        ("sr-Latn-RS,sr;q=0.9,en;q=0.8", "sr-Latn"),
        ("de-DE,en;q=0.5,sr-Cyrl;q=0.7", "sr-Cyrl"),
        ("de, fr", "sr-Latn"),
    ],
)
def test_errors_before_the_payload_follow_accept_language(
    client: TestClient, accept: str | None, expected: str
) -> None:
    headers = {"Accept-Language": accept} if accept else {}
    response = client.post(VALIDATE, content=b"{}", headers=headers)
    assert response.status_code == 401
    texts = {
        "sr-Latn": "Nema tokena",
        "sr-Cyrl": latin_to_cyrillic_template("Nema tokena"),
        "en": "No token",
    }
    assert response.json()["error"].startswith(texts[expected])


@pytest.mark.parametrize("lang", ["sr-Latn", "sr-Cyrl", "en"])
@pytest.mark.parametrize("client_name", [OFFICE_JS, GOOGLE, VBA])
def test_errors_after_the_payload_follow_the_workbook_language(
    client: TestClient, report: dict[str, Path], lang: str, client_name: str
) -> None:
    sent = client_payload(report[lang], client_name)
    assert any(s["name"] == META_SHEET for s in sent["sheets"])
    too_wide = flooded(sent, 1, 1, REPORT_LIMITS.columns + 1)
    wrong_version = {**sent, "version": "0.33.1"}
    headers = {"Authorization": f"Bearer {GOOD}", "Accept-Language": "de"}
    words = {"sr-Latn": ("kolona", "verzije"), "sr-Cyrl": ("колона", "верзије"), "en": ("columns", "version")}
    for sent_payload, word in ((too_wide, words[lang][0]), (wrong_version, words[lang][1])):
        response = client.post(VALIDATE, content=body(sent_payload), headers=headers)
        assert response.status_code in (400, 413)
        assert word in response.json()["error"]


def test_every_error_text_exists_in_both_written_languages() -> None:
    for key, (latin, english) in SERVER_ERRORS.items():
        assert latin and english and latin != english, key
        fields = {name: "X" for name in re.findall(r"\{(\w+)\}", english)}
        assert set(re.findall(r"\{(\w+)\}", latin)) == set(fields), key
        assert text_of(key, "sr-Cyrl", **fields) == latin_to_cyrillic_template(latin).format(**fields)
