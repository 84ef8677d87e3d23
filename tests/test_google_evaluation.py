"""The Evaluation sheet of the master Google spreadsheet: what the Coordinator types in its yellow cells is recorded
as his decision by the next sync, as from the xlsx master, and never written over unread. Real gspread and
google-auth against the fake Google on loopback."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import gspread
import pytest

from apmon.schemas.institutions import InstitutionRegistry
from apmon.schemas.plan import Plan
from apmon.schemas.tables import REGISTER_SHEET
from apmon.sync.ledger import Ledger
from apmon.templates.google_api import RetryPolicy, make_client
from tests.fake_google import FakeGoogle, fake_google_fixture, service_account_file
from tests.test_sync import Office

fake_google = fake_google_fixture

YEAR = 2018  # the office's periods, 2018-03 and 2018-04, make the sheet's rows of 2018
SHEET = "Evaluation"  # the office's master is in English


@pytest.fixture
def office(tmp_path: Path, plan: Plan, registry: InstitutionRegistry) -> Iterator[Office]:
    ledger = Ledger.open(f"sqlite:///{tmp_path / 'ledger.sqlite'}")
    yield Office(tmp_path, plan, registry, ledger)
    ledger.close()


def _client(fake: FakeGoogle, tmp_path: Path) -> gspread.Client:
    return make_client(
        service_account_file(tmp_path), fake.endpoints, RetryPolicy(max_attempts=2), sleep=lambda _: None
    )


def _row_of(client: gspread.Client, master: str, activity: str) -> tuple[int, list[str]]:
    """The sheet row of the activity's year-2018 line, and its cells as the Coordinator sees them."""
    rows = client.open_by_key(master).worksheet(SHEET).get_all_values()
    for number, row in enumerate(rows, 1):
        if row[0] == str(YEAR) and row[2] == activity:
            return number, row
    raise KeyError(activity)


def _type_in(client: gspread.Client, master: str, activity: str, assessment: str, reason: str) -> int:
    """Type an assessment and a reason in the yellow cells, as in the browser (parsed as typed text is)."""
    row, _ = _row_of(client, master, activity)
    sheet = client.open_by_key(master).worksheet(SHEET)
    sheet.update(
        [[assessment, reason]], f"G{row}:H{row}", value_input_option=gspread.utils.ValueInputOption.user_entered
    )
    return row


def _master_synced(office: Office, fake: FakeGoogle, client: gspread.Client) -> str:
    master = fake.add_spreadsheet("Master", {"Beleške": [["moje"]]})
    office.settings = office.settings.model_copy(update={"google_master": master})
    office.submit("MZ", "2018-03")
    first = office.sync(google_client=client)
    assert first.errors == [] and first.google_master == master
    return master


def test_a_decision_typed_in_the_google_master_is_recorded_and_shown_again(
    office: Office, fake_google: FakeGoogle, tmp_path: Path, plan: Plan
) -> None:
    client = _client(fake_google, tmp_path)
    master = _master_synced(office, fake_google, client)
    activity = plan.activities()[1].id
    _type_in(client, master, activity, "partially completed", "The law is in parliament")

    summary = office.sync(google_client=client)  # nothing new at the source: the decision alone
    assert summary.errors == []
    assert [n for n in summary.done if SHEET in n and activity in n and "partially completed" in n]
    assert [(o.activity, o.year, o.assessment, o.reason) for o in office.ledger.overrides(YEAR)] == [
        (activity, YEAR, "partially-completed", "The law is in parliament")
    ]
    # Both masters are written again with the decision: the Google one shows it as recorded, with its number.
    assert summary.google_master == master
    _, row = _row_of(client, master, activity)
    assert row[6:8] == ["partially completed", "The law is in parliament"]
    assert row[8].startswith("Coordinator (master workbook)")
    assert row[10] == str(office.ledger.overrides(YEAR)[0].id)
    assert office.sync(google_client=client).done == []  # read again: the same decision, nothing recorded


def test_a_word_that_is_not_an_assessment_is_located_in_the_google_master(
    office: Office, fake_google: FakeGoogle, tmp_path: Path, plan: Plan
) -> None:
    client = _client(fake_google, tmp_path)
    master = _master_synced(office, fake_google, client)
    activity = plan.activities()[0].id
    row = _type_in(client, master, activity, "done", "The law is adopted")
    summary = office.sync(google_client=client)
    assert [n for n in summary.done if f"cell G{row}" in n and '"done"' in n and activity in n]
    assert office.ledger.overrides(YEAR) == []


def test_a_google_master_that_cannot_be_read_back_is_not_written_over(
    office: Office, fake_google: FakeGoogle, tmp_path: Path, plan: Plan
) -> None:
    client = _client(fake_google, tmp_path)
    master = _master_synced(office, fake_google, client)
    activity = plan.activities()[1].id
    _type_in(client, master, activity, "completed", "Adopted in March")
    office.submit("PA", "2018-03")  # something new, so the masters are due to be written
    fake_google.fail_next(r"/values/", 503, count=2, method="GET")  # every attempt to read the sheet back

    summary = office.sync(google_client=client)
    [error] = summary.errors
    assert master in error and SHEET in error and "\n" not in error
    assert summary.master and summary.google_master is None  # the xlsx master is written, the Google one held
    _, row = _row_of(client, master, activity)
    assert row[6:8] == ["completed", "Adopted in March"]  # what the Coordinator typed is still there
    assert office.ledger.overrides(YEAR) == []

    again = office.sync(google_client=client)  # Google answers again: recorded, then written
    assert again.errors == [] and again.google_master == master
    assert [(o.activity, o.assessment) for o in office.ledger.overrides(YEAR)] == [(activity, "completed")]
    assert office.sync(google_client=client).google_master is None  # and then up to date


def test_the_same_decision_typed_in_both_masters_is_recorded_once(
    office: Office, fake_google: FakeGoogle, tmp_path: Path, plan: Plan
) -> None:
    from openpyxl import load_workbook

    client = _client(fake_google, tmp_path)
    master = _master_synced(office, fake_google, client)
    activity = plan.activities()[1].id
    row = _type_in(client, master, activity, "completed", "Adopted in March")
    xlsx = office.settings.master_path()
    book = load_workbook(xlsx)
    book[SHEET].cell(row, 7).value, book[SHEET].cell(row, 8).value = "completed", "Adopted in March"
    book.save(xlsx)
    office.sync(google_client=client)
    assert [(o.activity, o.assessment, o.reason) for o in office.ledger.overrides(YEAR)] == [
        (activity, "completed", "Adopted in March")
    ]


def test_an_assessment_without_a_reason_is_asked_for_its_reason(
    office: Office, fake_google: FakeGoogle, tmp_path: Path, plan: Plan
) -> None:
    """Google leaves out the empty cells at a row's end: the row of an activity with no decision yet ends with the
    assessment typed, and the missing reason must still be asked for."""
    client = _client(fake_google, tmp_path)
    master = _master_synced(office, fake_google, client)
    activity = plan.activities()[2].id
    row = _type_in(client, master, activity, "completed", "")
    summary = office.sync(google_client=client)
    assert [n for n in summary.done if f"cell H{row}" in n and "reason" in n and activity in n]
    assert office.ledger.overrides(YEAR) == []


@pytest.mark.parametrize(
    ("lang", "words"), [("sr-Latn", "Google je odgovorio 503"), ("sr-Cyrl", "Google је одговорио 503")]
)
def test_a_google_master_that_cannot_be_written_is_told_in_the_masters_language(
    office: Office, fake_google: FakeGoogle, tmp_path: Path, lang: str, words: str
) -> None:
    client = _client(fake_google, tmp_path)
    master = fake_google.add_spreadsheet("Master", {"Beleške": [["moje"]]})
    office.settings = office.settings.model_copy(update={"google_master": master, "master_lang": lang})
    office.submit("MZ", "2018-03")
    fake_google.fail_next(r"values:batchUpdate", 503, count=2)
    [error] = office.sync(google_client=client).errors
    assert words in error and master in error
    assert "answered" not in error and "try again" not in error and ".." not in error


def test_a_google_master_whose_evaluation_sheet_grew_too_large_is_not_read_nor_written_over(
    office: Office, fake_google: FakeGoogle, tmp_path: Path, plan: Plan
) -> None:
    """The Evaluation sheet is measured by its grid before its cells are read, as a report's sheets are: a table
    pasted far out on it (a million cells and more) is not read, and the master is not written over what is typed."""
    client = _client(fake_google, tmp_path)
    master = _master_synced(office, fake_google, client)
    activity = plan.activities()[1].id
    _type_in(client, master, activity, "completed", "Adopted in March")
    sheet = client.open_by_key(master).worksheet(SHEET)
    built = (sheet.row_count, sheet.col_count)
    sheet.resize(rows=1001, cols=1000)  # 1,001,000 cells, over the limit of a sheet (docs/sync.md)
    office.submit("PA", "2018-03")  # something new, so the masters are due to be written

    def read_back() -> int:  # the sync's reads of the sheet (unformatted; the browser's here are formatted)
        calls = fake_google.calls("GET", rf"/v4/spreadsheets/{master}/values/'?{SHEET}'?$")
        return sum(call.query.get("valueRenderOption") == ["UNFORMATTED_VALUE"] for call in calls)

    read = read_back()

    summary = office.sync(google_client=client)

    [error] = summary.errors
    assert master in error and SHEET in error and "1001" in error and "\n" not in error
    assert summary.master and summary.google_master is None  # the xlsx master is written, the Google one held
    assert read_back() == read  # not read
    assert office.ledger.overrides(YEAR) == []
    _, row = _row_of(client, master, activity)
    assert row[6:8] == ["completed", "Adopted in March"]  # what the Coordinator typed is still there

    sheet.resize(rows=built[0], cols=built[1])  # the pasted table deleted with its rows and columns
    again = office.sync(google_client=client)
    assert again.errors == [] and again.google_master == master
    assert read_back() == read + 1
    assert [(o.activity, o.assessment) for o in office.ledger.overrides(YEAR)] == [(activity, "completed")]


def test_a_google_master_whose_register_grew_too_large_is_not_read_and_is_written_once_it_is_deleted(
    office: Office, fake_google: FakeGoogle, tmp_path: Path
) -> None:
    """The hidden register (which sheets are apmon's) is measured by its grid before it is read, as the Evaluation
    sheet is: grown past a million cells it is not read and the master is not written; deleted, it is written
    again with the master (apmon's sheets are known by their ids without it)."""
    client = _client(fake_google, tmp_path)
    master = _master_synced(office, fake_google, client)
    register = client.open_by_key(master).worksheet(REGISTER_SHEET)
    register.resize(rows=1001, cols=1000)  # 1,001,000 cells, over the limit of a sheet (docs/sync.md)
    office.submit("PA", "2018-03")  # something new, so the masters are due to be written

    def register_read() -> int:
        return len(fake_google.calls("GET", rf"/v4/spreadsheets/{master}/values/'?{REGISTER_SHEET}"))

    read = register_read()
    summary = office.sync(google_client=client)

    [error] = summary.errors
    assert master in error and REGISTER_SHEET in error and "1001" in error and "\n" not in error
    assert summary.master and summary.google_master is None  # the xlsx master is written, the Google one not
    assert register_read() == read

    client.open_by_key(master).del_worksheet(register)  # as the message says
    office.submit("PA", "2018-04")
    again = office.sync(google_client=client)
    assert again.errors == [] and again.google_master == master
    titles = [ws.title for ws in client.open_by_key(master).worksheets()]
    assert REGISTER_SHEET in titles and "Beleške" in titles and SHEET in titles  # the Coordinator's sheet kept
