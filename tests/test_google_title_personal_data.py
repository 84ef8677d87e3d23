"""A Google Sheet's title is one name, not a path: Drive lets it hold "/". Found December 2026: a spreadsheet titled
"žrtva <JMBG>/MZ mart" was refused as it must be, but told as a file lying in a folder named with personal data
(`folder-name-personal-data`: "rename the folder ... or move the file to another"), which no Google user can do. Now
it is refused for its title, and the message says to rename the spreadsheet. A real run against the fake Google
server, real gspread; the ledger is a real SQLite database."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from apmon.schemas.calendar import Period
from apmon.schemas.issues import Issue
from apmon.schemas.messages import message
from apmon.sync.sources import GoogleDriveSource
from apmon.templates.google_api import RetryPolicy, make_client
from apmon.templates.gsheet import create_google_template
from apmon.templates.layout import report_layout
from tests.fake_google import FakeGoogle, fake_google_fixture, service_account_file
from tests.reports import complete_monthly
from tests.test_two_files import FIRST, SENT, Folder, folder_fixture

fake_google = fake_google_fixture
folder = folder_fixture

JMBG = "0101990710008"  # valid: a real date of birth (1 January 1990) and the right control digit


@pytest.mark.parametrize("title", [f"žrtva {JMBG}/MZ mart 2018", f"MZ mart 2018/žrtva {JMBG}", f"MZ {JMBG} mart"])
def test_a_google_sheet_titled_with_personal_data_is_refused_for_its_title(
    folder: Folder, fake_google: FakeGoogle, tmp_path: Path, title: str
) -> None:
    drive = fake_google.add_folder("Izveštaji")
    client = make_client(service_account_file(tmp_path), fake_google.endpoints, RetryPolicy(), sleep=lambda _: None)
    folder.report(FIRST, 2500, "Obuka odložena.", SENT)
    (folder.folder / FIRST).unlink()  # only its layout is wanted: the report comes from Google
    assert folder.layout is not None
    sheet = create_google_template(client, folder.layout, drive)
    sheet.update_title(title)

    (version,) = folder.sync(GoogleDriveSource(client, drive)).versions

    assert not version.valid
    (stored,) = folder.ledger.versions()
    codes = {(i["code"], i["value"]) for i in stored.issues}
    assert ("sheet-title-personal-data", "01•••••••••08") in codes
    assert not {"folder-name-personal-data", "file-name-personal-data"} & {code for code, _ in codes}
    assert JMBG not in json.dumps(stored.issues)
    found = Issue.model_validate(next(i for i in stored.issues if i["code"] == "sheet-title-personal-data"))
    said = {lang: message(found, lang) for lang in ("sr-Latn", "sr-Cyrl", "en")}
    assert "Google" in said["en"] and "title" in said["en"] and "folder" not in said["en"]
    assert "naziv google tabele" in said["sr-Latn"].casefold() and "fascikl" not in said["sr-Latn"]
    assert "назив google табеле" in said["sr-Cyrl"].casefold() and "фасцикл" not in said["sr-Cyrl"]


def test_a_google_sheet_refused_for_its_title_counts_once_renamed_as_told(
    folder: Folder, fake_google: FakeGoogle, tmp_path: Path
) -> None:
    """The refusal says: rename the spreadsheet. Found in review, December 2026: renamed as told, it was never read
    again, the report refused for good. A Drive file keeps its id when renamed, and its values are the same bytes, so
    the renamed spreadsheet was taken for the refused version saved again. Now it is read and judged again."""
    drive = fake_google.add_folder("Izveštaji")
    client = make_client(service_account_file(tmp_path), fake_google.endpoints, RetryPolicy(), sleep=lambda _: None)
    layout = report_layout(folder.plan, folder.registry, "MZ", Period.parse("2018-03"), "sr-Latn")
    sheet = create_google_template(client, layout, drive)
    for (role, key, column), value in complete_monthly(layout).items():
        name, cell = layout.cell_of(role, key, column)
        sheet.worksheet(name).update([[value]], cell, raw=False)
    sheet.update_title(f"MZ mart 2018 žrtva {JMBG}")
    google = GoogleDriveSource(client, drive)
    (refused,) = folder.sync(google).versions
    assert not refused.valid

    sheet.update_title("MZ mart 2018")
    summary = folder.sync(google)

    (version,) = summary.versions  # before: none, the renamed spreadsheet taken for the refused version saved again
    assert version.valid and version.first_problem is None, version
    assert sorted(v.valid for v in folder.ledger.versions("MZ")) == [False, True]
    assert folder.sync(google).versions == []  # the next run: nothing new
