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
from apmon.addin.server import MERGED_HEADER, REPORT_LIMITS, FailureLimiter, create_app
from apmon.schemas.institutions import InstitutionRegistry
from apmon.schemas.messages import SERVER_ERRORS, text_of
from apmon.schemas.plan import Plan
from apmon.schemas.text import latin_to_cyrillic_template
from apmon.sync.config import Config, SyncSettings
from apmon.sync.ledger import COORDINATOR, Ledger, LedgerError
from apmon.sync.tokens import issue_token
from apmon.templates.layout import META_SHEET
from tests.test_addin import (
    GOOGLE,
    NOW,
    OFFICE_JS,
    PERIOD,
    TOKENS,
    URL,
    VBA,
    add_tokens,
    client_payload,
    reports_in_each_language,
)

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
    add_tokens(opened, NOW)
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
    return reports_in_each_language(plan, registry, tmp_path_factory.mktemp("reports"))


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
    blocked = attempt(client, "guess-more-secret")  # once blocked, another unknown token from that address waits
    assert blocked.status_code == 429
    assert blocked.headers["Retry-After"] == "200"  # the first failure (100 s ago) leaves the 5-minute window
    assert "4 minutes" in blocked.json()["error"]  # 200 s, said in whole minutes
    clock.now += dt.timedelta(seconds=199)
    assert attempt(client, "guess-more-secret").status_code == 429
    clock.now += dt.timedelta(seconds=1)
    assert attempt(client, "guess-more-secret").status_code == 401  # checked again, and wrong
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
    assert attempt(client, "wrong10", "10.0.2.2").status_code == 429
    assert attempt(client, "wrong10", "10.0.3.3").status_code == 401  # others are not affected


def test_forwarded_for_is_believed_only_from_a_trusted_proxy(make: Any) -> None:
    direct = make()
    for i in range(10):  # a different X-Forwarded-For each time does not escape the address count
        assert attempt(direct, f"x{i}", f"192.0.2.{i}").status_code == 401
    assert attempt(direct, "x10", "192.0.2.99").status_code == 429
    proxied = make(trusted_proxies=["testclient", "10.9.9.9"])
    for i in range(10):  # a client's own X-Forwarded-For entries before the proxies' ones are ignored
        assert attempt(proxied, f"x{i}", f"1.1.1.{i}, 198.51.100.7, 10.9.9.9").status_code == 401
    assert attempt(proxied, "x10", "198.51.100.7").status_code == 429
    assert attempt(proxied, "x10", "198.51.100.8").status_code == 401


def test_a_valid_token_is_not_refused_by_its_addresss_block(make: Any, payload: dict[str, Any]) -> None:
    """Everyone behind a ministry's NAT, and every Google Sheets institution (Apps Script calls from Google's
    addresses), shares an address: ten wrong tokens from it blocked every call from it, valid tokens included, and
    two guesses a minute kept it so. A known token is accepted from a blocked address; unknown ones still wait."""
    client = make(trusted_proxies=["testclient"])  # the TestClient's peer plays nginx (--trust-proxy 127.0.0.1)
    for i in range(10):
        assert attempt(client, f"apmon_guess{i:02d}xxxxxxxxxxxxxxxx", "10.9.9.9").status_code == 401
    assert attempt(client, "apmon_guess10xxxxxxxxxxxxxxxx", "10.9.9.9").status_code == 429
    headers = {"Authorization": f"Bearer {GOOD}", "X-Forwarded-For": "10.9.9.9", "Content-Type": "application/json"}
    answered = client.post(VALIDATE, content=body(payload), headers=headers)
    assert answered.status_code == 200, answered.text[:300]
    assert "actions" in answered.json()
    assert attempt(client, "apmon_guess11xxxxxxxxxxxxxxxx", "10.9.9.9").status_code == 429  # still blocked


def test_a_token_start_blocked_by_guesses_keeps_out_guesses_not_its_holder(make: Any, ledger: Ledger) -> None:
    """Someone who has the first 8 characters of a token (seen over a shoulder) guesses the rest from many
    addresses: after ten, guesses with that start are refused from everywhere, the holder's token is not."""
    _, token = issue_token(ledger, "MUP", "institution", "MUP", NOW)
    client = make(trusted_proxies=["testclient"])
    start = token[: len("apmon_") + 8]
    for i in range(10):
        assert attempt(client, f"{start}guess{i}", f"10.8.0.{i}").status_code == 401
    assert attempt(client, f"{start}guess10", "10.8.1.1").status_code == 429  # a fresh address, the same start
    assert attempt(client, token, "10.8.1.1").status_code == 404  # authenticated (the script does not exist)


@pytest.mark.parametrize(
    ("lang", "minutes", "advice"),
    [
        ("sr-Latn", "5 minuta", "Nacionalnog koordinatora"),
        ("sr-Cyrl", "5 минута", "Националног координатора"),
        ("en", "5 minutes", "National Coordinator"),
    ],
)
def test_the_429_says_minutes_and_that_the_token_was_wrong(make: Any, lang: str, minutes: str, advice: str) -> None:
    client = make()
    for i in range(10):
        attempt(client, f"wrong{i}")
    refused = client.post(URL.format("validate"), headers={"Authorization": "Bearer wrong10", "Accept-Language": lang})
    assert refused.status_code == 429 and refused.headers["Retry-After"] == "300"
    text = refused.json()["error"]
    assert minutes in text and advice in text
    assert "300" not in text  # minutes, not seconds


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


@pytest.mark.parametrize("path", [URL.format("validate") + "/", "/health/", "/addin"])
def test_a_path_with_a_slash_more_or_less_is_a_json_404_not_a_redirect_to_the_host_header(
    client: TestClient, path: str
) -> None:
    """Starlette redirected such paths to a URL built from the Host header: `Host: evil.example` sent the
    caller to http://evil.example/..."""
    headers = {"Host": "evil.example", "Authorization": f"Bearer {GOOD}", "Accept-Language": "en"}
    method = "GET" if path.startswith(("/health", "/addin")) else "POST"
    response = client.request(method, path, headers=headers, follow_redirects=False)
    assert response.status_code == 404
    assert "location" not in response.headers
    assert response.json() == {"error": text_of("not-found", "en")}


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


@pytest.mark.parametrize(("merged", "status"), [(["E4:E5"], 200), ("E4:E5", 400), ([["E4", "E5"]], 400)])
def test_merged_ranges_are_a_list_of_ranges(
    client: TestClient, payload: dict[str, Any], merged: Any, status: int
) -> None:
    """apmon.js sends each sheet's merged ranges; anything else there is refused, naming the sheet."""
    sent = json.loads(json.dumps(payload))
    sent["sheets"][1]["merged"] = merged
    response = client.post(VALIDATE, content=body(sent), headers={"Authorization": f"Bearer {GOOD}"})
    assert response.status_code == status, response.text[:300]
    if status == 400:
        assert sent["sheets"][1]["name"] in response.json()["error"] and "E4:E5" in response.json()["error"]


@pytest.mark.parametrize(
    ("header", "status"),
    [("1!E4:E5", 200), ("1!E4:E5,1!F4:G4", 200), ("", 200), ("E4:E5", 400), ("9!E4:E5", 400), ("1!E4:E5;DROP", 400)],
)
def test_merged_ranges_in_the_header_of_apps_script_and_vba(
    client: TestClient, payload: dict[str, Any], header: str, status: int
) -> None:
    """apmon.gs and apmon.bas cannot add to xlwings' payload: they send each sheet's merged ranges in a header,
    "<sheet position>!<range>" joined by commas. Anything else there is refused, quoting what came."""
    headers = {"Authorization": f"Bearer {GOOD}", MERGED_HEADER: header}
    response = client.post(VALIDATE, content=body(payload), headers=headers)
    assert response.status_code == status, response.text[:300]
    if status == 400:
        assert MERGED_HEADER in response.json()["error"] and header.split(",")[0] in response.json()["error"]


def test_a_refused_merged_range_keeps_its_latin_letters_in_cyrillic(
    client: TestClient, report: dict[str, Path]
) -> None:
    """A cell's address is a name, not a word: in Cyrillic the example stays E4:E5, not Е4:Е5 (Cyrillic Е)."""
    cyrillic = client_payload(report["sr-Cyrl"], OFFICE_JS)
    sent = json.loads(json.dumps(cyrillic))
    sent["sheets"][1]["merged"] = "E4:E5"
    headers = {"Authorization": f"Bearer {GOOD}"}
    for content, extra in ((body(sent), {}), (body(cyrillic), {MERGED_HEADER: "E4:E5"})):
        error = client.post(VALIDATE, content=content, headers=headers | extra).json()["error"]
        assert "Лист" in error or "Заглавље" in error, error
        assert "Е4" not in error and "E4:E5" in error, error


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


# --------------------------------------------------------------------------- what an officer reads


def refused_text(response: Any, status: int) -> str:
    assert response.status_code == status, response.text[:300]
    assert set(response.json()) == {"error"}
    return str(response.json()["error"])


@pytest.mark.parametrize(
    ("lang", "sizes", "advice"),
    [
        ("sr-Latn", ("1,5 MB", "1 MB"), "redove"),
        ("sr-Cyrl", ("1,5 MB", "1 MB"), "редове"),
        ("en", ("1.5 MB", "1 MB"), "rows"),
    ],
)
def test_a_workbook_too_large_is_said_in_megabytes_with_what_to_do(
    make: Any, lang: str, sizes: tuple[str, str], advice: str
) -> None:
    client = make(max_body_bytes=1024 * 1024)
    headers = {"Authorization": f"Bearer {GOOD}", "Accept-Language": lang}
    declared = refused_text(client.post(VALIDATE, content=b" " * (1536 * 1024), headers=headers), 413)
    streamed = refused_text(  # no Content-Length: refused once the bytes read pass the limit
        client.post(VALIDATE, content=iter([b" " * (1536 * 1024)]), headers=headers), 413
    )
    for text in (declared, streamed):
        assert sizes[1] in text and advice in text
        assert "1048576" not in text and "1572864" not in text  # no raw byte counts
    assert sizes[0] in declared


def test_a_workbook_naming_no_institution_is_said_so(client: TestClient, report: dict[str, Path]) -> None:
    """An empty institution in `_apmon` was said as "izveštaj institucije ;" (403)."""
    sent = client_payload(report["sr-Latn"], OFFICE_JS)
    meta = next(sheet for sheet in sent["sheets"] if sheet["name"] == META_SHEET)
    row = next(row for row in meta["values"] if row[0] == "institution")
    row[1] = ""
    headers = {"Authorization": f"Bearer {GOOD}", "Content-Type": "application/json"}
    text = refused_text(client.post(VALIDATE, content=body(sent), headers=headers), 400)
    assert "institucije ;" not in text and "institucije {" not in text
    assert "nije upisana institucija" in text and "nov obrazac" in text


@pytest.mark.parametrize(
    ("content", "key"),
    [
        (b'{"client": "VBA"', "not-json"),
        (b'{"client": "VBA", "n": ' + b"7" * 5_000 + b"}", "json-number-too-long"),
        (b'{"client": "\xff"}', "not-utf8"),
    ],
    ids=["cut short", "5000 digits", "not UTF-8"],
)
@pytest.mark.parametrize("lang", ["sr-Latn", "sr-Cyrl", "en"])
def test_a_body_that_cannot_be_read_is_said_plainly(client: TestClient, content: bytes, key: str, lang: str) -> None:
    """`not-json` quoted Python's English exception ("...use sys.set_int_max_str_digits()...")."""
    headers = {"Authorization": f"Bearer {GOOD}", "Accept-Language": lang}
    text = refused_text(client.post(VALIDATE, content=content, headers=headers), 400)
    assert text == text_of(key, lang)
    for python in ("sys.", "Expecting", "codec", "line 1", "digits)"):
        assert python not in text


@pytest.mark.parametrize("lang", ["sr-Latn", "sr-Cyrl", "en"])
def test_a_malformed_authorization_asks_for_the_coordinators_token(client: TestClient, lang: str) -> None:
    headers = {"Authorization": f'Bearer "{GOOD}"', "Accept-Language": lang}
    text = refused_text(client.post(VALIDATE, content=b"{}", headers=headers), 401)
    assert "apmon token" not in text  # the Coordinator's command, not the officer's
    coordinator = {"sr-Latn": "Nacionalnog koordinatora", "sr-Cyrl": "Националног координатора", "en": "Coordinator"}
    assert coordinator[lang] in text


@pytest.mark.parametrize(("lang", "button"), [("sr-Latn", "„Dostavi“"), ("sr-Cyrl", "„Достави“"), ("en", "Submit")])
def test_a_failed_script_is_named_by_its_button(
    client: TestClient, report: dict[str, Path], monkeypatch: pytest.MonkeyPatch, lang: str, button: str
) -> None:
    def broken(*args: Any, **kwargs: Any) -> Any:
        raise KeyError("boom")

    monkeypatch.setattr(functions, "book_grid", broken)
    sent = client_payload(report[lang], OFFICE_JS)
    text = refused_text(client.post(URL.format("submit"), content=body(sent), headers=bearer_of(GOOD)), 500)
    assert button in text and "KeyError" in text
    assert "submit" not in text


def bearer_of(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}


def test_a_payload_xlwings_cannot_read_is_said_without_pythons_words(
    client: TestClient, report: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    def unreadable(*args: Any, **kwargs: Any) -> Any:
        raise ValueError("invalid literal for int() with base 10: 'x'")

    monkeypatch.setattr(functions.xw, "Book", unreadable)
    sent = client_payload(report["sr-Latn"], OFFICE_JS)
    text = refused_text(client.post(VALIDATE, content=body(sent), headers=bearer_of(GOOD)), 400)
    assert "ValueError" in text and "Nacionalnom koordinatoru" in text  # a code to pass on, and to whom
    assert "invalid literal" not in text


def test_a_validate_that_counts_days_in_a_year_of_no_known_holidays_is_said_once_in_the_log(
    tmp_path: Path, ledger: Ledger, registry: InstitutionRegistry, clock: Clock, caplog: pytest.LogCaptureFixture
) -> None:
    """`apmon serve` counted December 2005's due date (in January 2006, whose holidays are not known) for the
    add-in's Validate with no word, where `apmon validate` of the same file warns on stderr. The server's log says
    so, as the commands do, once for the year: not at every call."""
    from apmon.schemas.calendar import Period
    from apmon.templates.layout import report_layout
    from apmon.templates.plan_file import DEFAULT_PLAN, load_plan
    from tests.reports import complete_monthly, filled_report

    path = tmp_path / "plan.yaml"
    path.write_text(DEFAULT_PLAN.read_text("utf-8").replace("start: 2017-01-01", "start: 2005-01-01"), "utf-8")
    plan = load_plan(path, registry)
    layout = report_layout(plan, registry, "MZ", Period.parse("2005-12"), "en")
    made, _ = filled_report(plan, registry, tmp_path, "MZ", "2005-12", complete_monthly(layout), lang="en")
    config = Config(sync=SyncSettings(data_dir=tmp_path, first_period="2005-01", last_period="2005-12"))
    client = TestClient(create_app(config, ledger, clock=clock, plan=plan, registry=registry))
    clock.now = dt.datetime(2006, 1, 3, 9, tzinfo=dt.UTC)
    caplog.set_level(logging.INFO, logger="apmon.addin")
    headers = {"Authorization": f"Bearer {TOKENS['MZ']}", "Content-Type": "application/json"}
    for _ in range(2):
        response = client.post(VALIDATE, content=body(client_payload(made, OFFICE_JS)), headers=headers)
        assert response.status_code == 200, response.text
    warned = [r.getMessage() for r in caplog.records if "holidays" in r.getMessage()]
    assert len(warned) == 1 and "2006" in warned[0] and "2005" not in warned[0], warned
