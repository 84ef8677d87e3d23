"""An upgrade of apmon over a Coordinator's year of data: what the older apmon left (its master workbook, its
configuration) still means the same, or the Coordinator is told what changed and what to do. The ledger's own
upgrade is in tests/test_ledger.py (test_a_ledger_of_an_older_apmon_is_upgraded_by_the_first_command_which_says_so).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from apmon.templates.google_api import RetryPolicy, make_client
from tests.fake_google import FakeGoogle, fake_google_fixture, service_account_file
from tests.test_ledger import postgres_admin_url, url  # noqa: F401  (ledger backends: SQLite and PostgreSQL)
from tests.test_sync import Office, office, row_of, states  # noqa: F401  (the office fixture and its helpers)

fake_google = fake_google_fixture


def test_a_master_written_in_english_before_serbian_became_the_default_says_its_sheets_were_renamed(
    office: Office,  # noqa: F811
) -> None:
    """apmon before 4 December 2026 wrote the master in English when `master_lang` was not set; this apmon writes
    it in Serbian (Latin). The Coordinator's own sheet (a formula naming 'Overview') is kept, and the run says
    which sheets are gone and how to keep their English names."""
    office.submit("MZ", "2018-03")
    office.settings = office.settings.model_copy(update={"master_lang": "en"})  # what an old apmon.toml meant
    office.sync()
    book = office.master()
    assert book.sheetnames[0] == "Overview"
    own = book.create_sheet("Moje beleške")
    own["A1"], own["B2"] = "Sastanak sa MZ", "=Overview!B5"
    book.save(office.settings.master_path())

    office.settings = office.settings.model_copy(update={"master_lang": "sr-Latn"})  # the same file, read today
    summary = office.sync()
    told = [line for line in summary.done if "Overview" in line]
    assert len(told) == 1, summary.done
    assert 'master_lang = "en"' in told[0] and "Moje beleške" not in told[0], told[0]
    book = office.master()
    assert book.sheetnames[0] == "Pregled" and "Overview" not in book.sheetnames
    assert (book["Moje beleške"]["A1"].value, book["Moje beleške"]["B2"].value) == ("Sastanak sa MZ", "=Overview!B5")
    assert states(row_of(book["Dostavljanje"], "MZ"))[1] == "na vreme"

    again = office.sync(as_of=dt.date(2018, 6, 2))  # the next day: the master is written again
    assert again.master
    assert not [line for line in again.done if "Overview" in line], again.done


def test_a_master_of_managed_sheets_only_written_in_english_before_is_told_too(office: Office) -> None:  # noqa: F811
    """A master without sheets of the Coordinator's is written anew; the change of its language is said all the same:
    the configuration that meant English means Serbian now."""
    office.submit("MZ", "2018-03")
    office.settings = office.settings.model_copy(update={"master_lang": "en"})
    office.sync()
    office.settings = office.settings.model_copy(update={"master_lang": "sr-Latn"})
    summary = office.sync()
    told = [line for line in summary.done if "„Overview“" in line]
    assert len(told) == 1 and 'master_lang = "en"' in told[0], summary.done
    assert office.master().sheetnames[0] == "Pregled"


def test_a_google_master_written_in_english_before_says_its_sheets_were_renamed_too(
    office: Office,  # noqa: F811
    fake_google: FakeGoogle,
    tmp_path: Path,
) -> None:
    """The master Google spreadsheet of an old apmon.toml without `master_lang` had English sheet names too: the
    first run of this apmon names the Google master's English sheets that are gone and the setting that keeps them,
    as it does for the xlsx master; the Coordinator's own sheet stays."""
    client = make_client(service_account_file(tmp_path), fake_google.endpoints, RetryPolicy(max_attempts=2))
    master = fake_google.add_spreadsheet("Master", {"Moje beleške": [["=Overview!B5"]]})
    office.submit("MZ", "2018-03")
    office.settings = office.settings.model_copy(update={"master_lang": "en", "google_master": master})
    assert office.sync(google_client=client).google_master == master
    before = [sheet.title for sheet in client.open_by_key(master).worksheets()]
    assert "Overview" in before

    office.settings = office.settings.model_copy(update={"master_lang": "sr-Latn"})
    summary = office.sync(google_client=client)
    assert summary.errors == [] and summary.google_master == master
    told = [line for line in summary.done if master in line]
    assert len(told) == 1 and "„Overview“" in told[0] and 'master_lang = "en"' in told[0], summary.done
    # every English managed sheet of the first write, gone now, is named; no Serbian one, nor the own sheet
    after = [sheet.title for sheet in client.open_by_key(master).worksheets()]
    gone = [title for title in before if title not in after]
    assert gone and "Moje beleške" in after and all(f"„{title}“" in told[0] for title in gone)
    assert "Pregled" in after and "„Pregled“" not in told[0] and "Moje beleške" not in told[0]

    again = office.sync(google_client=client, as_of=dt.date(2018, 6, 2))
    assert again.google_master == master and not [line for line in again.done if master in line], again.done
