"""templates.google_api against the loopback fake: real gspread, real google-auth, no internet."""

from __future__ import annotations

import base64
import io
import json
import os
import random
from datetime import UTC, datetime, timedelta
from pathlib import Path

import gspread
import pytest
import requests
from gspread.exceptions import APIError, SpreadsheetNotFound
from gspread.utils import ValueInputOption, ValueRenderOption

from apmon.templates.google_api import (
    CREDENTIALS_ENV,
    FALLBACK_CREDENTIALS_ENV,
    GOOGLE_TOKEN_URI,
    SCOPES,
    GoogleConfigError,
    RetryPolicy,
    batch_get_values,
    describe,
    load_credentials,
    make_client,
)
from tests.fake_google import (
    ROOT_FOLDER_ID,
    SERVICE_ACCOUNT_EMAIL,
    SPREADSHEET_MIME,
    FakeGoogle,
    fake_google_fixture,  # noqa: F401 - registers the fake_google fixture
    service_account_file,
)
from tests.test_fake_google_vs_cassettes import CASSETTES

MONTHLY = "Месечни извештај"  # a Cyrillic sheet title with a space: always quoted in A1 ranges


def _client(fake: FakeGoogle, tmp_path: Path, **kwargs: object) -> gspread.Client:
    return make_client(service_account_file(tmp_path), fake.endpoints, **kwargs)  # type: ignore[arg-type]


def _jwt_claims(assertion: str) -> dict[str, object]:
    payload = assertion.split(".")[1]
    return dict(json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4))))


# --------------------------------------------------------------------------- credentials and tokens


def test_make_client_does_no_io_then_fetches_one_token_and_sends_it(fake_google: FakeGoogle, tmp_path: Path) -> None:
    client = _client(fake_google, tmp_path)
    assert fake_google.requests == []  # building the client talks to nobody

    spreadsheet_id = fake_google.add_spreadsheet("Seed", {MONTHLY: [["Статус"]]})
    client.open_by_key(spreadsheet_id).worksheet(MONTHLY).get_all_values()

    token_calls = fake_google.calls("POST", r"^/token$")
    assert len(token_calls) == 1
    form = token_calls[0].body
    assert form["grant_type"] == "urn:ietf:params:oauth:grant-type:jwt-bearer"
    claims = _jwt_claims(form["assertion"])
    assert claims["iss"] == SERVICE_ACCOUNT_EMAIL
    # Not the fake's URL: google-auth always names Google's token endpoint as the audience.
    assert claims["aud"] == GOOGLE_TOKEN_URI
    assert set(str(claims["scope"]).split()) == set(SCOPES)

    (issued,) = fake_google.tokens
    api_headers = [
        h for r, h in zip(fake_google.requests, fake_google.request_headers, strict=True) if r.path != "/token"
    ]
    assert len(api_headers) == 3  # metadata on open, metadata again in worksheet(), one values read
    assert all(h["authorization"] == f"Bearer {issued}" for h in api_headers)


def test_an_expired_token_is_refreshed_transparently(fake_google: FakeGoogle, tmp_path: Path) -> None:
    client = _client(fake_google, tmp_path)
    spreadsheet_id = fake_google.add_spreadsheet("Seed")
    client.open_by_key(spreadsheet_id)
    fake_google.expire_tokens()  # Google revoked it: the next call gets 401, google-auth refreshes and retries

    assert client.open_by_key(spreadsheet_id).title == "Seed"
    assert len(fake_google.calls("POST", r"^/token$")) == 2


def test_calls_without_a_valid_token_get_googles_401(fake_google: FakeGoogle) -> None:
    url = f"{fake_google.base_url}/v4/spreadsheets/{fake_google.add_spreadsheet('Seed')}"
    with requests.Session() as session:
        session.trust_env = False
        missing = session.get(url, timeout=5)
        wrong = session.get(url, headers={"Authorization": "Bearer ya29.not-issued"}, timeout=5)
    assert missing.status_code == 401
    assert missing.json()["error"]["status"] == "UNAUTHENTICATED"
    assert missing.json()["error"]["message"].startswith("Request is missing required authentication credential")
    assert wrong.status_code == 401
    assert wrong.json()["error"]["message"].startswith("Request had invalid authentication credentials")


@pytest.mark.parametrize(
    "form",
    [
        {"grant_type": "urn:ietf:params:oauth:grant-type:jwt-bearer", "assertion": "not-a-jwt"},
        {"grant_type": "urn:ietf:params:oauth:grant-type:jwt-bearer", "assertion": "e30.e30.c2ln"},  # {} claims
        {"grant_type": "client_credentials"},
    ],
)
def test_the_token_endpoint_rejects_bad_grants(fake_google: FakeGoogle, form: dict[str, str]) -> None:
    answer = requests.post(fake_google.token_uri, data=form, timeout=5)
    assert answer.status_code == 400
    assert answer.json()["error"] == "invalid_grant"
    assert answer.json()["error_description"]
    assert fake_google.tokens == {}


def test_no_credentials_configured(monkeypatch: pytest.MonkeyPatch, fake_google: FakeGoogle) -> None:
    monkeypatch.delenv(CREDENTIALS_ENV, raising=False)
    monkeypatch.delenv(FALLBACK_CREDENTIALS_ENV, raising=False)
    with pytest.raises(GoogleConfigError, match=CREDENTIALS_ENV) as caught:
        make_client(None, fake_google.endpoints)
    assert "service-account key" in str(caught.value)
    assert fake_google.requests == []


def test_credentials_come_from_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv(CREDENTIALS_ENV, raising=False)
    monkeypatch.setenv(FALLBACK_CREDENTIALS_ENV, str(service_account_file(tmp_path)))
    assert load_credentials().service_account_email == SERVICE_ACCOUNT_EMAIL


@pytest.mark.skipif(os.name == "nt", reason="POSIX file modes")
def test_a_key_file_every_account_can_read_is_refused_with_what_to_do(fake_google: FakeGoogle, tmp_path: Path) -> None:
    """A service-account key downloaded from the Google console has a new file's mode (0644): every account of the
    server could read the private key that opens every institution's spreadsheets, and apmon used it saying nothing.
    It is refused now, as PostgreSQL's client refuses its password file, naming the file and chmod 600, before any
    request; the service's group may read it (0640)."""
    path = service_account_file(tmp_path)
    path.chmod(0o644)
    with pytest.raises(GoogleConfigError) as caught:
        make_client(path, fake_google.endpoints)
    for lang in ("sr-Latn", "en"):
        assert str(path) in caught.value.said(lang) and f"chmod 600 {path}" in caught.value.said(lang)
    assert fake_google.requests == []
    path.chmod(0o640)
    assert load_credentials(path).service_account_email == SERVICE_ACCOUNT_EMAIL


@pytest.mark.skipif(os.name == "nt", reason="POSIX file modes")
def test_a_key_file_others_may_change_but_not_read_is_refused_for_what_is_true(
    fake_google: FakeGoogle, tmp_path: Path
) -> None:
    """A key others may write (0602, 0622) but not read was refused saying "every account can read" it, which is not
    so: they can change it, and put a key of their own in it. A file others may only execute (0601) is used."""
    path = service_account_file(tmp_path)
    for mode in (0o602, 0o622):
        path.chmod(mode)
        with pytest.raises(GoogleConfigError) as caught:
            make_client(path, fake_google.endpoints)
        assert "mogu da menjaju svi nalozi" in caught.value.said("sr-Latn") and "čitaju" not in caught.value.said(
            "sr-Latn"
        )
        assert "can change" in caught.value.said("en") and "can read" not in caught.value.said("en")
        assert "менјају" not in caught.value.said("sr-Cyrl") and "мењају" in caught.value.said("sr-Cyrl")
    path.chmod(0o601)
    assert load_credentials(path).service_account_email == SERVICE_ACCOUNT_EMAIL
    assert fake_google.requests == []


def test_missing_credentials_file(tmp_path: Path) -> None:
    path = tmp_path / "nowhere" / "key.json"
    with pytest.raises(GoogleConfigError, match="does not exist") as caught:
        load_credentials(path)
    assert str(path) in str(caught.value)
    assert isinstance(caught.value.__cause__, FileNotFoundError)


def test_credentials_file_that_is_not_json(tmp_path: Path) -> None:
    path = tmp_path / "key.json"
    path.write_text("-----BEGIN PRIVATE KEY-----\n", encoding="utf-8")
    with pytest.raises(GoogleConfigError, match="not valid JSON") as caught:
        load_credentials(path)
    assert str(path) in str(caught.value)
    assert isinstance(caught.value.__cause__, json.JSONDecodeError)


@pytest.mark.parametrize(
    ("content", "hint"),
    [
        ({"installed": {"client_id": "x.apps.googleusercontent.com"}}, "OAuth client"),
        ({"type": "authorized_user", "refresh_token": "1//x"}, "OAuth client or user credential"),
        ({"type": "external_account"}, "'external_account'"),
        (["service_account"], "not a service-account key object"),
    ],
)
def test_credentials_file_that_is_not_a_service_account_key(tmp_path: Path, content: object, hint: str) -> None:
    path = tmp_path / "key.json"
    path.write_text(json.dumps(content), encoding="utf-8")
    with pytest.raises(GoogleConfigError, match="service-account key") as caught:
        load_credentials(path)
    assert hint in str(caught.value)


# --------------------------------------------------------------------------- spreadsheets through gspread


def test_create_a_spreadsheet_in_a_folder(fake_google: FakeGoogle, tmp_path: Path) -> None:
    client = _client(fake_google, tmp_path)
    folder = fake_google.add_folder("Извештаји 2018")
    elsewhere = fake_google.add_spreadsheet("Другде")

    spreadsheet = client.create("Месечни извештај — МУП", folder_id=folder)

    resource = fake_google.files[spreadsheet.id]
    assert resource["parents"] == [folder]
    assert resource["mimeType"] == SPREADSHEET_MIME
    assert [ws.title for ws in spreadsheet.worksheets()] == ["Sheet1"]
    listed = client.list_spreadsheet_files(folder_id=folder)
    assert [f["id"] for f in listed] == [spreadsheet.id]
    assert fake_google.files[elsewhere]["parents"] == [ROOT_FOLDER_ID]
    with pytest.raises(APIError) as caught:
        client.create("Lost", folder_id="no-such-folder")
    assert caught.value.code == 404


def test_values_round_trip_with_cyrillic_sheet_titles(fake_google: FakeGoogle, tmp_path: Path) -> None:
    client = _client(fake_google, tmp_path)
    spreadsheet = client.create("Извештај")
    monthly = spreadsheet.add_worksheet(MONTHLY, rows=30, cols=10)
    quoted = spreadsheet.add_worksheet("Ђорђе's лист", rows=5, cols=3)  # an apostrophe: '' inside quotes

    answer = monthly.update(
        [["Задатак", "Статус", "Износ"], ["1.1.1", "завршено", "102000"], ["1.1.2", "", "0.5"]],
        "A1",
        value_input_option=ValueInputOption.user_entered,
    )
    assert answer["updatedRange"] == f"'{MONTHLY}'!A1:C3"
    quoted.update([["102000"]], "B2", value_input_option=ValueInputOption.raw)

    assert monthly.get_all_values()[:3] == [
        ["Задатак", "Статус", "Износ"],
        ["1.1.1", "завршено", "102000"],
        ["1.1.2", "", "0.5"],
    ]
    assert monthly.get("C2:C3", value_render_option=ValueRenderOption.unformatted) == [[102000], [0.5]]
    assert quoted.get("B2", value_render_option=ValueRenderOption.unformatted) == [["102000"]]  # RAW keeps the text
    stored = fake_google.spreadsheets[spreadsheet.id]
    assert stored.sheet(MONTHLY).values == [
        ["Задатак", "Статус", "Износ"],
        ["1.1.1", "завршено", 102000],
        ["1.1.2", "", 0.5],
    ]
    assert stored.sheet("Ђорђе's лист").value("B2") == "102000"


def test_batch_get_values_reads_many_ranges_in_one_request(fake_google: FakeGoogle, tmp_path: Path) -> None:
    client = _client(fake_google, tmp_path)
    spreadsheet_id = fake_google.add_spreadsheet(
        "МУП",
        {
            MONTHLY: [["Задатак", "Статус"], ["1.1.1", "завршено"], [], ["Напомена", "", "", "рок"]],
            "Буџет": [["Износ"], [102000], [0.5]],
        },
    )
    client.open_by_key(spreadsheet_id)  # the token is fetched by now
    before = len(fake_google.requests)

    ranges = [f"'{MONTHLY}'!A1:B2", f"'{MONTHLY}'!A4:J", f"'{MONTHLY}'!E1:F2", "'Буџет'", f"'{MONTHLY}'!A1:B2"]
    values = batch_get_values(client, spreadsheet_id, ranges)

    new = fake_google.requests[before:]
    assert [(r.method, r.path.rsplit("/", 1)[-1]) for r in new] == [("GET", "values:batchGet")]
    assert new[0].query["ranges"] == ranges[:4]  # the duplicate is asked once
    assert values == {
        f"'{MONTHLY}'!A1:B2": [["Задатак", "Статус"], ["1.1.1", "завршено"]],
        f"'{MONTHLY}'!A4:J": [["Напомена", "", "", "рок"]],
        f"'{MONTHLY}'!E1:F2": [],
        "'Буџет'": [["Износ"], ["102000"], ["0.5"]],
    }


def test_share_stores_a_permission(fake_google: FakeGoogle, tmp_path: Path) -> None:
    client = _client(fake_google, tmp_path)
    spreadsheet = client.create("Извештај")

    spreadsheet.share("koordinator@mup.gov.rs", perm_type="user", role="writer", notify=False)

    permissions = fake_google.files[spreadsheet.id]["permissions"]
    assert {"type": "user", "role": "writer", "emailAddress": "koordinator@mup.gov.rs"}.items() <= permissions[
        -1
    ].items()
    assert [p["role"] for p in spreadsheet.list_permissions()] == ["owner", "writer"]
    (share_call,) = fake_google.calls("POST", r"/permissions$")
    assert share_call.query["sendNotificationEmail"] == ["False"]


def test_writes_move_the_drive_modified_time(fake_google: FakeGoogle, tmp_path: Path) -> None:
    client = _client(fake_google, tmp_path)
    spreadsheet = client.create("Извештај")
    stamps = [spreadsheet.get_lastUpdateTime()]
    spreadsheet.sheet1.update([["a"]], "A1")
    stamps.append(spreadsheet.get_lastUpdateTime())
    spreadsheet.update_title("Нови наслов")
    stamps.append(spreadsheet.get_lastUpdateTime())
    spreadsheet.sheet1.get_all_values()  # a read changes nothing
    stamps.append(spreadsheet.get_lastUpdateTime())

    assert stamps[0] < stamps[1] < stamps[2] == stamps[3]
    assert fake_google.files[spreadsheet.id]["name"] == "Нови наслов"
    listed = client.list_spreadsheet_files()
    assert [f["name"] for f in listed] == ["Нови наслов"]


def test_unknown_spreadsheet_is_not_found(fake_google: FakeGoogle, tmp_path: Path) -> None:
    client = _client(fake_google, tmp_path)
    with pytest.raises(SpreadsheetNotFound):
        client.open_by_key("1NoSuchSpreadsheet")


# --------------------------------------------------------------------------- bounded retry


@pytest.mark.parametrize("status", [429, 500, 503])
def test_retry_gives_up_after_max_attempts(fake_google: FakeGoogle, tmp_path: Path, status: int) -> None:
    policy = RetryPolicy(max_attempts=4, base_delay=0.5, max_delay=1.5)
    delays: list[float] = []
    client = _client(fake_google, tmp_path, retry=policy, sleep=delays.append, rng=random.Random(7))
    spreadsheet_id = fake_google.add_spreadsheet("МУП", {MONTHLY: [["x"]]})
    fake_google.fail_next(r"values:batchGet$", status, count=10)

    with pytest.raises(APIError) as caught:
        batch_get_values(client, spreadsheet_id, [f"'{MONTHLY}'!A1"])

    assert caught.value.code == status
    assert len(delays) == policy.max_attempts - 1
    for attempt, delay in enumerate(delays, start=1):
        assert 0 <= delay <= policy.backoff_ceiling(attempt)
    assert len(fake_google.calls("GET", r"values:batchGet$")) == policy.max_attempts
    assert fake_google.pending_failures() == 10 - policy.max_attempts


def test_retry_recovers_when_google_does(fake_google: FakeGoogle, tmp_path: Path) -> None:
    delays: list[float] = []
    client = _client(fake_google, tmp_path, sleep=delays.append, rng=random.Random(1))
    spreadsheet_id = fake_google.add_spreadsheet("МУП", {MONTHLY: [["завршено"]]})
    fake_google.fail_next(r"values:batchGet$", 503, count=2)

    assert batch_get_values(client, spreadsheet_id, [f"'{MONTHLY}'!A1"]) == {f"'{MONTHLY}'!A1": [["завршено"]]}
    assert len(delays) == 2


def test_retry_honours_a_numeric_retry_after(fake_google: FakeGoogle, tmp_path: Path) -> None:
    delays: list[float] = []
    client = _client(fake_google, tmp_path, sleep=delays.append)
    spreadsheet_id = fake_google.add_spreadsheet("МУП", {MONTHLY: [["x"]]})
    fake_google.fail_next(r"values:batchGet$", 429, retry_after=7)

    batch_get_values(client, spreadsheet_id, [f"'{MONTHLY}'!A1"])
    assert delays == [7.0]


def test_a_bad_request_is_not_retried(fake_google: FakeGoogle, tmp_path: Path) -> None:
    delays: list[float] = []
    client = _client(fake_google, tmp_path, sleep=delays.append)
    spreadsheet_id = fake_google.add_spreadsheet("МУП", {MONTHLY: [["x"]]})

    with pytest.raises(APIError) as caught:
        batch_get_values(client, spreadsheet_id, ["'Нема таквог листа'!A1"])

    assert caught.value.code == 400
    assert caught.value.error["message"] == "Unable to parse range: 'Нема таквог листа'!A1"
    assert delays == []
    assert len(fake_google.calls("GET", r"values:batchGet$")) == 1


# --------------------------------------------------------------------------- the fake's own contract


def test_batch_update_applies_template_requests_and_answers_like_google(
    fake_google: FakeGoogle, tmp_path: Path
) -> None:
    client = _client(fake_google, tmp_path)
    spreadsheet = client.create("Образац")
    sheet_id = spreadsheet.sheet1.id
    cells = {"sheetId": sheet_id, "startRowIndex": 1, "endRowIndex": 20, "startColumnIndex": 2, "endColumnIndex": 3}
    status_list = {"type": "ONE_OF_LIST", "values": [{"userEnteredValue": "завршено"}, {"userEnteredValue": "у току"}]}
    reply = spreadsheet.batch_update(
        {
            "requests": [
                {"updateSheetProperties": {"properties": {"sheetId": sheet_id, "title": MONTHLY}, "fields": "title"}},
                {"setDataValidation": {"range": cells, "rule": {"condition": status_list, "strict": True}}},
                {"addProtectedRange": {"protectedRange": {"range": {"sheetId": sheet_id}, "warningOnly": False}}},
                {"addNamedRange": {"namedRange": {"name": "Status", "range": cells}}},
                {"repeatCell": {"range": cells, "cell": {"userEnteredFormat": {}}, "fields": "userEnteredFormat"}},
                {
                    "updateSheetProperties": {
                        "properties": {"sheetId": sheet_id, "gridProperties": {"frozenRowCount": 1}},
                        "fields": "gridProperties.frozenRowCount",
                    }
                },
            ]
        }
    )
    replies = reply["replies"]
    assert [list(r) for r in replies] == [[], [], ["addProtectedRange"], ["addNamedRange"], [], []]
    assert isinstance(replies[2]["addProtectedRange"]["protectedRange"]["protectedRangeId"], int)
    assert replies[3]["addNamedRange"]["namedRange"]["namedRangeId"]

    stored = fake_google.spreadsheets[spreadsheet.id].sheet(MONTHLY)
    assert stored.validation_at("C5") == {"condition": status_list, "strict": True}
    assert stored.validation_at("B5") is None
    assert stored.properties["gridProperties"]["frozenRowCount"] == 1
    assert [list(f) for f in stored.formats] == [["repeatCell"]]
    metadata = spreadsheet.fetch_sheet_metadata()
    assert metadata["namedRanges"][0]["name"] == "Status"
    assert metadata["sheets"][0]["protectedRanges"][0]["range"] == {"sheetId": sheet_id}


def test_batch_update_is_all_or_nothing(fake_google: FakeGoogle, tmp_path: Path) -> None:
    client = _client(fake_google, tmp_path)
    spreadsheet = client.create("Образац")
    with pytest.raises(APIError) as caught:
        spreadsheet.batch_update(
            {"requests": [{"addSheet": {"properties": {"title": "Нови"}}}, {"deleteSheet": {"sheetId": 4242}}]}
        )
    assert caught.value.code == 400
    assert caught.value.error["message"] == "Invalid requests[1].deleteSheet: No grid with id: 4242"
    assert [s.title for s in fake_google.spreadsheets[spreadsheet.id].sheets] == ["Sheet1"]

    with pytest.raises(APIError) as caught:
        spreadsheet.batch_update({"requests": [{"frobnicate": {}}]})
    assert caught.value.error["status"] == "INVALID_ARGUMENT"
    assert "Unknown name \"frobnicate\" at 'requests[0]'" in caught.value.error["message"]

    # A real kind that apmon does not send is not modelled: refused, and the spreadsheet is left as it was.
    with pytest.raises(APIError) as caught:
        spreadsheet.batch_update({"requests": [{"unmergeCells": {"range": {"sheetId": 0}}}]})
    assert caught.value.code == 400 and "unmergeCells" in caught.value.error["message"]


def test_ranges_open_ends_and_grid_limits(fake_google: FakeGoogle, tmp_path: Path) -> None:
    client = _client(fake_google, tmp_path)
    spreadsheet_id = fake_google.add_spreadsheet("МУП", {MONTHLY: [["a"]] * 6}, rows=8, cols=4)
    spreadsheet = client.open_by_key(spreadsheet_id)

    assert spreadsheet.values_get(f"'{MONTHLY}'!A4:D")["range"] == f"'{MONTHLY}'!A4:D8"
    assert spreadsheet.values_get(f"'{MONTHLY}'")["range"] == f"'{MONTHLY}'!A1:D8"
    assert spreadsheet.values_get(f"'{MONTHLY}'!B:B")["range"] == f"'{MONTHLY}'!B1:B8"
    assert spreadsheet.values_get("A1")["range"] == f"'{MONTHLY}'!A1"  # no sheet: the first visible one
    with pytest.raises(APIError, match=r"exceeds grid limits\. Max rows: 8, max columns: 4"):
        spreadsheet.values_get(f"'{MONTHLY}'!A1:E2")
    with pytest.raises(APIError, match=r"tried writing to row \[3\]"):
        spreadsheet.values_update(f"'{MONTHLY}'!A1:B2", {"valueInputOption": "RAW"}, {"values": [["x"]] * 3})


def test_drive_listing_filters_by_folder_and_time_and_pages(fake_google: FakeGoogle, tmp_path: Path) -> None:
    client = _client(fake_google, tmp_path)
    folder = fake_google.add_folder("Институције")
    start = datetime(2018, 3, 1, tzinfo=UTC)
    ids = [
        fake_google.add_spreadsheet(f"Извештај {n}", parents=[folder], modified_time=start + timedelta(days=n))
        for n in range(5)
    ]
    fake_google.add_spreadsheet("Ван фасцикле", modified_time=start + timedelta(days=9))
    q = (
        f"'{folder}' in parents and mimeType='{SPREADSHEET_MIME}' and trashed=false"
        " and modifiedTime > '2018-03-02T12:00:00.000Z'"
    )
    url = f"{fake_google.base_url}/drive/v3/files"
    found: list[str] = []
    params: dict[str, str | int] = {
        "q": q,
        "pageSize": 2,
        "fields": "nextPageToken,files(id,name,modifiedTime)",
        "orderBy": "modifiedTime",
    }
    headers = {"Authorization": f"Bearer {fake_google.issue_token()}"}
    for _ in range(10):  # bounded paging
        page = requests.get(url, params=params, headers=headers, timeout=5).json()
        found += [f["id"] for f in page["files"]]
        if "nextPageToken" not in page:
            break
        params["pageToken"] = page["nextPageToken"]
    assert found == ids[2:]
    bad = requests.get(url, params={"q": "owners has 'x'"}, headers=headers, timeout=5)
    assert bad.status_code == 400
    assert bad.json()["error"]["errors"][0]["location"] == "q"
    assert client.list_spreadsheet_files(title="Ван фасцикле")[0]["name"] == "Ван фасцикле"


def test_sheets_create_makes_a_drive_file_and_answers_the_whole_spreadsheet(
    fake_google: FakeGoogle, tmp_path: Path
) -> None:
    client = _client(fake_google, tmp_path)
    body = {
        "properties": {"title": "Мастер", "locale": "sr_RS", "timeZone": "Europe/Belgrade"},
        "sheets": [{"properties": {"title": "Преглед"}}, {"properties": {"title": "Буџет", "hidden": True}}],
    }
    created = client.http_client.request("post", "https://sheets.googleapis.com/v4/spreadsheets", json=body).json()

    assert created["properties"]["title"] == "Мастер"
    assert created["properties"]["locale"] == "sr_RS"
    assert [s["properties"]["title"] for s in created["sheets"]] == ["Преглед", "Буџет"]
    assert created["sheets"][0]["properties"]["sheetId"] == 0
    assert created["sheets"][1]["properties"]["hidden"] is True
    assert created["spreadsheetUrl"].endswith(f"/d/{created['spreadsheetId']}/edit")
    assert fake_google.files[created["spreadsheetId"]]["name"] == "Мастер"
    spreadsheet = client.open_by_key(created["spreadsheetId"])
    assert [ws.title for ws in spreadsheet.worksheets(exclude_hidden=True)] == ["Преглед"]


def test_clear_and_formulas(fake_google: FakeGoogle, tmp_path: Path) -> None:
    client = _client(fake_google, tmp_path)
    spreadsheet = client.create("Извештај")
    sheet = spreadsheet.sheet1
    sheet.update(
        [["Задатак", "Износ"], ["1.1.1", "100"], ["Укупно", "=SUM(B2:B2)"]],
        "A1",
        value_input_option=ValueInputOption.user_entered,
    )
    # A formula is kept as its text: the fake never computes.
    assert sheet.get_all_values() == [["Задатак", "Износ"], ["1.1.1", "100"], ["Укупно", "=SUM(B2:B2)"]]
    assert sheet.clear()["clearedRange"] == "Sheet1!A1:Z1000"
    assert "values" not in spreadsheet.values_get("Sheet1")  # Google leaves the key out for an empty range
    assert fake_google.spreadsheets[spreadsheet.id].sheet("Sheet1").cells == {}


# --------------------------------------------------------------------------- what Google's answers mean


@pytest.mark.parametrize(
    ("status", "meaning"),
    [
        (403, "dostignuto je ograničenje broja zahteva"),  # Drive's 403 for a rate limit (its reason says so)
        (429, "dostignuto je ograničenje broja zahteva"),
        (404, "tabela ili fascikla nije pronađena"),
        (500, "greška je na strani servisa Google"),
        (503, "greška je na strani servisa Google"),
    ],
)
def test_a_google_failure_says_what_it_means_and_what_to_do(
    fake_google: FakeGoogle, tmp_path: Path, status: int, meaning: str
) -> None:
    client = _client(fake_google, tmp_path, retry=RetryPolicy(max_attempts=1))
    worksheet = client.open_by_key(fake_google.add_spreadsheet("Seed", {MONTHLY: [["a"]]})).worksheet(MONTHLY)
    fake_google.fail_next(r"/values/", status)
    with pytest.raises(APIError) as caught:
        worksheet.get_all_values()
    said = describe(caught.value, "sr-Latn")
    # Google's own words end it, without their full stop: a message it is part of goes on after it.
    assert said.startswith(f"Google je odgovorio {status} ({meaning}")
    assert said.endswith(f": {caught.value.error['message'].rstrip('.')}") and not said.endswith(".")


@pytest.mark.skipif(not CASSETTES.is_dir(), reason=f"no recorded Google traffic at {CASSETTES}")
def test_google_refusing_a_file_not_shared_is_told_to_share_it() -> None:
    """The answer recorded from Google for a spreadsheet the account may not open (a 403 with no rate-limit
    reason): the reader is told to share it with the service account."""
    cassette = json.loads((CASSETTES / "ClientTest.test_access_private_spreadsheet.json").read_text())
    recorded = next(i["response"] for i in cassette["interactions"] if i["response"]["status"]["code"] == 403)
    answer = requests.Response()
    answer.status_code = 403
    answer.raw = io.BytesIO(recorded["body"]["string"].encode())
    said = describe(APIError(answer), "sr-Latn")
    assert said == (
        "Google je odgovorio 403 (servisni nalog nema pristup; podelite tabelu ili fasciklu sa adresom servisnog "
        "naloga (`client_email` iz ključa), sa pravom uređivanja (`Editor`)): The caller does not have permission"
    )
