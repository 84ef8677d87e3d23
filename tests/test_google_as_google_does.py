"""The Google path as an institution officer and the Coordinator meet it, against the fake Google on loopback with
real gspread and google-auth, where Google behaves in ways the earlier tests did not model: what a failure says,
in whose language; the limit on a cell's text; how typed numbers and dates read back."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import gspread
import pytest

from apmon.schemas.messages import text_of
from apmon.sync.sources import GoogleDriveSource, SourceError
from apmon.sync.writers import MasterWriteError, write_master_google
from apmon.templates.google_api import RetryPolicy, make_client
from tests.fake_google import MAX_CELL_CHARACTERS, FakeGoogle, fake_google_fixture, service_account_file
from tests.test_writers import STATUS, _tables

fake_google = fake_google_fixture

NO_WAIT = RetryPolicy(max_attempts=2)


def _client(fake: FakeGoogle, tmp_path: Path, **kwargs: Any) -> gspread.Client:
    return make_client(service_account_file(tmp_path), fake.endpoints, NO_WAIT, sleep=lambda _: None, **kwargs)


@pytest.mark.parametrize("lang", ["sr-Latn", "sr-Cyrl", "en"])
def test_a_master_google_refused_is_said_wholly_in_the_coordinators_language(
    fake_google: FakeGoogle, tmp_path: Path, lang: Any
) -> None:
    client = _client(fake_google, tmp_path)
    master = fake_google.add_spreadsheet("Master", {"Beleške": [["moje"]]})
    fake_google.fail_next(r":batchUpdate$", 503, count=2)  # every attempt: Google's side is down
    with pytest.raises(MasterWriteError) as caught:
        write_master_google(client, master, _tables())
    said = caught.value.said(lang)
    assert text_of("google.meaning.google", lang) in said  # what it means, in the reader's language
    assert ("Google answered" in said) == (lang == "en")


@pytest.mark.parametrize(
    ("status", "meaning"),
    [(500, "google.meaning.google"), (429, "google.meaning.quota"), (404, "google.meaning.not_found")],
)
def test_a_drive_folder_not_listed_says_what_it_means(
    fake_google: FakeGoogle, tmp_path: Path, status: int, meaning: str
) -> None:
    """A Drive 500 or quota answer is not a folder id to check or a folder to share; a 404 is."""
    client = _client(fake_google, tmp_path)
    folder = fake_google.add_folder("Izveštaji")
    fake_google.fail_next(r"/drive/v3/files$", status, count=2, method="GET")
    with pytest.raises(SourceError) as caught:
        GoogleDriveSource(client, folder).scan()
    said = caught.value.said("sr-Latn")
    assert folder in said and text_of(meaning, "sr-Latn") in said
    assert ("podeljena sa servisnim nalogom" in said) == (status == 404)  # sharing is the advice for a 404 only


def test_the_fake_refuses_a_cell_text_over_googles_limit(fake_google: FakeGoogle, tmp_path: Path) -> None:
    worksheet = _client(fake_google, tmp_path).open_by_key(fake_google.add_spreadsheet("S", {"A": [[""]]})).sheet1
    worksheet.update([["x" * MAX_CELL_CHARACTERS]], "A1")
    with pytest.raises(gspread.exceptions.APIError) as caught:
        worksheet.update([["ok", "x" * (MAX_CELL_CHARACTERS + 1)]], "A1:B1")
    assert caught.value.code == 400 and "50000 characters" in str(caught.value)
    assert fake_google.spreadsheets[worksheet.spreadsheet_id].sheet("A").value("B1") is None  # nothing written


def test_a_long_progress_text_does_not_stop_the_master_google(fake_google: FakeGoogle, tmp_path: Path) -> None:
    """Every institution's progress on a task is joined into one cell: three of 20,000 characters are over Google's
    50,000, which refused the whole values write and left the master's sheets empty, run after run."""
    client = _client(fake_google, tmp_path)
    master = fake_google.add_spreadsheet("Master", {"Beleške": [["moje"]]})
    tables = _tables()
    joined = "; ".join(f"{code}: " + "napredak " * 2_200 for code in ("MUP", "MZ", "MP"))
    emoji = "🙂" * 30_000  # 30,000 characters, 60,000 UTF-16 units
    rows = [list(row) for row in tables[0].rows]
    rows[0][-1], rows[1][-1] = joined, emoji
    tables[0] = tables[0].model_copy(update={"rows": rows})
    write_master_google(client, master, tables)
    sheet = fake_google.spreadsheets[master].sheet(STATUS)
    column = gspread.utils.rowcol_to_a1(4, len(tables[0].columns))[:-1]
    written = str(sheet.value(f"{column}4"))
    assert len(written) <= MAX_CELL_CHARACTERS and written.endswith("…") and joined.startswith(written[:-1])
    assert len(str(sheet.value(f"{column}5")).encode("utf-16-le")) <= 2 * MAX_CELL_CHARACTERS
    assert sheet.value("A4") == tables[0].rows[0][0]  # the rest of the table is there
