"""A Google spreadsheet's title is its file name: one that names a victim is refused as a file's name is, masked
wherever apmon shows it, and the same values renamed as told are judged again and count. Tried in the data
protection officer's trial (December 2026), with the real gspread client against the fake Google server; checked
in the ledger with sqlite3 alone."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import gspread

from apmon.schemas.calendar import Period
from apmon.schemas.institutions import InstitutionRegistry
from apmon.schemas.plan import Plan
from apmon.sync.ledger import Ledger
from apmon.sync.run import purge_personal_data
from apmon.sync.sources import GoogleDriveSource
from apmon.templates.google_api import RetryPolicy, make_client
from apmon.templates.gsheet import create_google_template
from apmon.templates.layout import report_layout
from tests.fake_google import FakeGoogle, fake_google_fixture, service_account_file
from tests.reports import complete_monthly
from tests.test_sync import Office

fake_google = fake_google_fixture
JMBG, NAME = "1505953710011", "Nikolić"  # not the preparer of complete_monthly (Jelena Petrović)


def _mz_report(
    tmp_path: Path, plan: Plan, registry: InstitutionRegistry, fake_google: FakeGoogle, title: str
) -> tuple[gspread.Spreadsheet, GoogleDriveSource]:
    """MZ's March 2018 report, filled in, as a Google spreadsheet titled `title` in a Drive folder, and that folder
    as a source."""
    folder = fake_google.add_folder("Izveštaji")
    client = make_client(service_account_file(tmp_path), fake_google.endpoints, RetryPolicy(), sleep=lambda _: None)
    layout = report_layout(plan, registry, "MZ", Period.parse("2018-03"), "sr-Latn")
    sheet = create_google_template(client, layout, folder)
    for (role, key, column), value in complete_monthly(layout).items():
        name, cell = layout.cell_of(role, key, column)
        sheet.worksheet(name).update([[value]], cell, raw=False)
    sheet.update_title(title)
    return sheet, GoogleDriveSource(client, folder)


def test_a_spreadsheet_titled_with_a_victims_name_is_refused_masked_and_counts_once_renamed(
    tmp_path: Path, plan: Plan, registry: InstitutionRegistry, fake_google: FakeGoogle
) -> None:
    ledger_file = tmp_path / "ledger.sqlite"
    ledger = Ledger.open(f"sqlite:///{ledger_file}")
    office = Office(tmp_path, plan, registry, ledger)
    sheet, google = _mz_report(tmp_path, plan, registry, fake_google, f"MZ 2018-03 žrtva Marija {NAME} {JMBG}")

    (refused,) = office.sync(sources=[google]).versions
    assert not refused.valid
    assert JMBG not in str(refused.model_dump()) and NAME not in str(refused.model_dump())
    with sqlite3.connect(ledger_file) as db:
        codes = {code for (issues,) in db.execute("SELECT issues FROM versions") for code in [issues]}
    assert any("sheet-title-personal-data" in c for c in codes)

    sheet.update_title("MZ 2018-03")  # renamed as told
    (renamed,) = office.sync(sources=[google]).versions  # before: read, then passed over as unchanged
    assert renamed.valid and (renamed.institution, renamed.period) == ("MZ", "2018-03")

    purge_personal_data(ledger, office.settings.model_copy(update={"personal_data_days": 0}),
                        dt.datetime.now(dt.UTC) + dt.timedelta(seconds=1), refused=False)  # fmt: skip
    ledger.close()
    with sqlite3.connect(ledger_file) as db:
        dump = "\n".join(db.iterdump())
    assert JMBG not in dump and NAME not in dump


def test_a_title_with_a_slash_is_one_name_refused_once_and_counted_once_renamed(
    tmp_path: Path, plan: Plan, registry: InstitutionRegistry, fake_google: FakeGoogle
) -> None:
    """Drive lets a title hold "/": the data before it is in the title as much as after it. Left so named, the
    spreadsheet stays refused and records nothing more; renamed as told, it counts."""
    office = Office(tmp_path, plan, registry, Ledger.open(f"sqlite:///{tmp_path / 'ledger.sqlite'}"))
    sheet, google = _mz_report(tmp_path, plan, registry, fake_google, f"žrtva Marija {NAME} {JMBG}/MZ 2018-03")

    (refused,) = office.sync(sources=[google]).versions
    assert not refused.valid
    assert office.sync(sources=[google]).versions == []  # still so named: nothing new
    assert office.sync(sources=[google]).versions == []
    sheet.update_title("MZ 2018-03")
    (renamed,) = office.sync(sources=[google]).versions
    assert renamed.valid and (renamed.institution, renamed.period) == ("MZ", "2018-03")
    office.ledger.close()
