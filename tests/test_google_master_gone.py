"""The master Google spreadsheet moved to Drive's trash, or deleted for good (found December 2026). Trashed, it was
written into every run, silently: nobody sees a spreadsheet in the trash, and Drive deletes it for good after 30
days. Deleted, every run said "its sheet Evaluation could not be read (404 ...). The next run reads it and writes the
spreadsheet again", which no run ever could. Now both refuse the master's write with one located error, every run,
saying what to do (restore it, or make a new one and name it in apmon.toml); the xlsx master is written as ever, and
the Coordinator's decisions typed before are kept in the ledger, so a new Google master gets them. Real gspread and
google-auth against the fake Google on loopback, a real SQLite ledger."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from gspread.urls import DRIVE_FILES_API_V3_URL

from apmon.schemas.institutions import InstitutionRegistry
from apmon.schemas.messages import text_of
from apmon.schemas.plan import Plan
from apmon.sync.ledger import Ledger
from tests.fake_google import FakeGoogle, fake_google_fixture
from tests.test_google_evaluation import YEAR, _client, _master_synced, _row_of, _type_in
from tests.test_sync import Office

fake_google = fake_google_fixture


@pytest.fixture
def office(tmp_path: Path, plan: Plan, registry: InstitutionRegistry) -> Iterator[Office]:
    ledger = Ledger.open(f"sqlite:///{tmp_path / 'ledger.sqlite'}")
    yield Office(tmp_path, plan, registry, ledger)
    ledger.close()


@pytest.mark.parametrize("how", ["trashed", "deleted"])
def test_a_google_master_trashed_or_deleted_is_said_every_run_with_what_to_do(
    office: Office, fake_google: FakeGoogle, tmp_path: Path, plan: Plan, how: str
) -> None:
    client = _client(fake_google, tmp_path)
    master = _master_synced(office, fake_google, client)
    activity = plan.activities()[1].id
    _type_in(client, master, activity, "completed", "Adopted in March")
    office.sync(google_client=client)  # the decision recorded
    url = f"{DRIVE_FILES_API_V3_URL}/{master}"
    if how == "trashed":
        client.http_client.request("patch", url, json={"trashed": True}, params={"supportsAllDrives": True})
    else:
        client.http_client.request("delete", url, params={"supportsAllDrives": True})
    office.submit("PA", "2018-03")  # something new: the masters are due to be written
    written = fake_google.spreadsheets[master].to_json() if how == "trashed" else None

    for _ in range(2):  # not "the next run writes it": every run says so until it is dealt with
        summary = office.sync(google_client=client)
        [error] = summary.errors
        assert master in error and "apmon.toml" in error and "google_master" in error and "\n" not in error
        # Deleted for good, a spreadsheet is in no trash: not sent to look for it there (found in review).
        assert ("trash" in error) if how == "trashed" else ("not found" in error and "restore" not in error.lower())
        assert "next run" not in error
        assert summary.failed and summary.google_master is None and summary.master  # the xlsx master written
    if written is not None:  # nothing written into the trash
        assert fake_google.spreadsheets[master].to_json() == written
    # What the Coordinator decided before is kept: a new master gets it.
    assert [(o.activity, o.assessment) for o in office.ledger.overrides(YEAR)] == [(activity, "completed")]
    new = fake_google.add_spreadsheet("Master 2", {})
    office.settings = office.settings.model_copy(update={"google_master": new})
    summary = office.sync(google_client=client)
    assert summary.errors == [] and summary.google_master == new
    assert _row_of(client, new, activity)[1][6] == "completed"


@pytest.mark.parametrize("status", [503, 429])
def test_a_google_master_drive_does_not_answer_for_is_not_said_gone(
    office: Office, fake_google: FakeGoogle, tmp_path: Path, status: int
) -> None:
    """Drive failing on Google's side (a 5xx, the quota) when asked for the master: the master is not said gone nor
    in the trash, nor written (what was typed on it is not known), and the line gives Drive's answer, not a sheet
    of the master that was never asked for (found in review, December 2026: "its sheet Evaluation could not be
    read"). The next run, Drive answering, writes it."""
    client = _client(fake_google, tmp_path)
    master = _master_synced(office, fake_google, client)
    office.submit("PA", "2018-03")  # something new: the masters are due to be written
    fake_google.fail_next(rf"/drive/v3/files/{master}$", status, count=2, method="GET")  # every attempt of a run

    summary = office.sync(google_client=client)

    [error] = summary.errors
    assert summary.google_master is None and summary.master
    assert master in error and str(status) in error
    assert "trash" not in error and "not found" not in error and "google_master" not in error
    evaluation = text_of("evaluation.sheet", "en")
    assert evaluation not in error, error
    again = office.sync(google_client=client)
    assert again.errors == [] and again.google_master == master
