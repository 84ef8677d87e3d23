"""A change that reached Google whose answer was lost (a timeout, a reset connection) must not be made twice by
the retry: against the fake Google on loopback with real gspread and google-auth. The fake carries the request
out, as Google does, then closes the connection without the answer (`FakeGoogle.lose_answer_next`)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import gspread
import pytest

from apmon.schemas.calendar import Period
from apmon.schemas.institutions import InstitutionRegistry
from apmon.schemas.plan import Plan
from apmon.sync.writers import write_master_google
from apmon.templates.build import write_google_templates
from apmon.templates.google_api import RetryPolicy, make_client
from apmon.templates.gsheet import CREATE_MARK, TEMPLATE_MARK, create_google_template, spreadsheet_title
from apmon.templates.layout import WorkbookLayout, report_layout
from tests.fake_google import FakeGoogle, fake_google_fixture, service_account_file
from tests.test_writers import STATUS, _tables

fake_google = fake_google_fixture

CREATE = r"^/drive/v3/files$"  # files.create (POST); files.list is a GET on the same path
STRUCTURE = r"^/v4/spreadsheets/[^/]+:batchUpdate$"  # spreadsheets.batchUpdate, not values:batchUpdate


def _client(fake: FakeGoogle, tmp_path: Path, attempts: int = 3, **kwargs: Any) -> gspread.Client:
    retry = RetryPolicy(max_attempts=attempts)
    return make_client(service_account_file(tmp_path), fake.endpoints, retry, sleep=lambda _: None, **kwargs)


def _layout(plan: Plan, registry: InstitutionRegistry, code: str = "MZ") -> WorkbookLayout:
    return report_layout(plan, registry, code, Period.parse("2018-03"), "sr-Latn")


def _in_folder(fake: FakeGoogle, folder: str) -> list[dict[str, Any]]:
    return [f for f in fake.files.values() if folder in f["parents"] and not f["trashed"]]


@pytest.mark.parametrize("hang", [0.0, 0.6], ids=["reset", "timeout"])
def test_a_template_create_whose_answer_is_lost_makes_one_spreadsheet(
    fake_google: FakeGoogle, tmp_path: Path, plan: Plan, registry: InstitutionRegistry, hang: float
) -> None:
    client = _client(fake_google, tmp_path, timeout=0.3)
    folder = fake_google.add_folder("Izveštaji")
    layout = _layout(plan, registry)
    fake_google.lose_answer_next(CREATE, method="POST", hang=hang)  # Google makes the spreadsheet; no answer comes
    spreadsheet = create_google_template(client, layout, folder)
    (only,) = _in_folder(fake_google, folder)
    assert only["id"] == spreadsheet.id and only["name"] == spreadsheet_title(layout)
    assert only["appProperties"][TEMPLATE_MARK]
    assert len(fake_google.calls("POST", CREATE)) == 1  # found, not made again


def test_a_template_create_lost_at_every_attempt_still_makes_one(
    fake_google: FakeGoogle, tmp_path: Path, plan: Plan, registry: InstitutionRegistry
) -> None:
    client = _client(fake_google, tmp_path, attempts=2)
    folder = fake_google.add_folder("Izveštaji")
    built = [_layout(plan, registry, code) for code in ("PA", "MZ")]
    fake_google.lose_answer_next(CREATE, count=4, method="POST")
    results, failures = write_google_templates(client, built, folder, {})
    assert failures == [] and [r.institution for r in results] == ["PA", "MZ"]
    assert sorted(f["name"] for f in _in_folder(fake_google, folder)) == sorted(spreadsheet_title(b) for b in built)


def test_a_template_structure_write_whose_answer_is_lost_is_not_sent_again(
    fake_google: FakeGoogle, tmp_path: Path, plan: Plan, registry: InstitutionRegistry
) -> None:
    client = _client(fake_google, tmp_path)
    folder = fake_google.add_folder("Izveštaji")
    layout = _layout(plan, registry)
    # Google applies the batch; sent again it would add the sheets twice, which Google refuses (a 400).
    fake_google.lose_answer_next(STRUCTURE)
    spreadsheet = create_google_template(client, layout, folder)
    (only,) = _in_folder(fake_google, folder)
    assert only["id"] == spreadsheet.id and only["appProperties"][TEMPLATE_MARK]
    titles = [s.title for s in fake_google.spreadsheets[spreadsheet.id].sheets]
    assert titles == [*(s.name for s in layout.sheets), "_apmon"]


def test_an_unmarked_duplicate_left_by_an_earlier_build_is_trashed_when_the_template_is_reused(
    fake_google: FakeGoogle, tmp_path: Path, plan: Plan, registry: InstitutionRegistry
) -> None:
    client = _client(fake_google, tmp_path)
    folder = fake_google.add_folder("Izveštaji")
    layout = _layout(plan, registry)
    first = create_google_template(client, layout, folder)
    # What an earlier apmon left half-built: a spreadsheet of the same title with its create's mark, unfinished.
    leftover = fake_google.add_spreadsheet(
        spreadsheet_title(layout), parents=[folder], app_properties={CREATE_MARK: "0" * 32}
    )
    again = create_google_template(client, layout, folder)
    assert again.id == first.id
    assert [f["id"] for f in _in_folder(fake_google, folder)] == [first.id]
    assert fake_google.files[leftover]["trashed"] is True


@pytest.mark.parametrize("built_before", [False, True])
def test_a_spreadsheet_of_the_templates_title_apmon_did_not_make_is_left_alone_and_named(
    fake_google: FakeGoogle, tmp_path: Path, plan: Plan, registry: InstitutionRegistry, built_before: bool
) -> None:
    """An officer downloads the template, fills it in Excel and uploads it back converted (Drive keeps the title):
    a build run again (to share with one more account, as docs/sync.md advises) moved that filled report to the
    trash without a word. A spreadsheet without apmon's create mark is no half-built template: it is kept, and said."""
    client = _client(fake_google, tmp_path)
    folder = fake_google.add_folder("Izveštaji")
    layout = _layout(plan, registry)
    first = create_google_template(client, layout, folder) if built_before else None
    filled = fake_google.add_spreadsheet(
        spreadsheet_title(layout),
        {"Naslovna": [["Izveštaj"], ["Ministarstvo zdravlja", "popunjeno"]]},
        parents=[folder],
    )
    results, failures = write_google_templates(client, [layout], folder, {"MZ": ["druga@example.org"]})
    assert fake_google.files[filled]["trashed"] is False
    assert fake_google.spreadsheets[filled].sheet("Naslovna").value("B2") == "popunjeno"
    (template,) = [f for f in _in_folder(fake_google, folder) if f["id"] != filled]
    assert template["appProperties"][TEMPLATE_MARK]
    assert first is None or template["id"] == first.id
    assert [r.target for r in results] == [f"https://docs.google.com/spreadsheets/d/{template['id']}"]
    (failure,) = failures
    assert failure.key == "template.other_file_kept"
    said = {lang: failure.said(lang) for lang in ("sr-Latn", "sr-Cyrl", "en")}
    assert all(filled in text and template["id"] in text and "MZ" in text for text in said.values())
    assert re.search("[а-шђјљњћџ]{4}", said["sr-Cyrl"]) and len(set(said.values())) == 3


def test_a_master_write_whose_structure_answer_is_lost_is_written_whole(
    fake_google: FakeGoogle, tmp_path: Path
) -> None:
    client = _client(fake_google, tmp_path)
    master = fake_google.add_spreadsheet("Master", {"Beleške": [["moje"]]})
    write_master_google(client, master, _tables())
    fake_google.lose_answer_next(STRUCTURE)  # the next write's structure: applied, answer lost
    write_master_google(client, master, _tables(2))
    book = fake_google.spreadsheets[master]
    assert [s.title for s in book.sheets].count(STATUS) == 1
    assert book.sheet(STATUS).value("A1") == "Извештаји институција, верзија 2"
    assert book.sheet("Beleške").value("A1") == "moje"
    assert len(fake_google.calls("POST", STRUCTURE)) == 2  # one per write: the lost one was not sent again


def test_an_unfinished_duplicate_that_cannot_be_trashed_is_named_to_the_user_in_every_language(
    fake_google: FakeGoogle, tmp_path: Path, plan: Plan, registry: InstitutionRegistry
) -> None:
    client = _client(fake_google, tmp_path, attempts=2)
    folder = fake_google.add_folder("Izveštaji")
    layout = _layout(plan, registry)
    first = create_google_template(client, layout, folder)
    leftover = fake_google.add_spreadsheet(
        spreadsheet_title(layout), parents=[folder], app_properties={CREATE_MARK: "0" * 32}
    )
    fake_google.fail_next(rf"^/drive/v3/files/{leftover}$", 500, count=2, method="PATCH")  # the trash fails
    results, failures = write_google_templates(client, [layout], folder, {})
    assert [r.target for r in results] == [first.url]
    (failure,) = failures
    assert failure.key == "template.duplicate_left"
    said = {lang: failure.said(lang) for lang in ("sr-Latn", "sr-Cyrl", "en")}
    assert all(leftover in text and first.id in text and "MZ" in text for text in said.values())
    assert re.search("[а-шђјљњћџ]{4}", said["sr-Cyrl"]) and len(set(said.values())) == 3
    assert fake_google.files[leftover]["trashed"] is False


def test_a_template_made_but_not_opened_is_trashed(
    fake_google: FakeGoogle, tmp_path: Path, plan: Plan, registry: InstitutionRegistry
) -> None:
    client = _client(fake_google, tmp_path, attempts=2)
    folder = fake_google.add_folder("Izveštaji")
    fake_google.fail_next(r"^/v4/spreadsheets/[^/:]+$", 503, count=2, method="GET")  # the read after the create
    with pytest.raises(gspread.exceptions.APIError):
        create_google_template(client, _layout(plan, registry), folder)
    (made,) = [f for f in fake_google.files.values() if folder in f["parents"]]
    assert made["trashed"] is True
