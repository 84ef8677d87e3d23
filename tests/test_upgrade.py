"""An upgrade of apmon over a Coordinator's year of data: what the older apmon left (its master workbook, its
configuration) still means the same, or the Coordinator is told what changed and what to do. The ledger's own
upgrade is in tests/test_ledger.py (test_a_ledger_of_an_older_apmon_is_upgraded_by_the_first_command_which_says_so).
"""

from __future__ import annotations

import datetime as dt

from tests.test_ledger import postgres_admin_url, url  # noqa: F401  (ledger backends: SQLite and PostgreSQL)
from tests.test_sync import Office, office, row_of, states  # noqa: F401  (the office fixture and its helpers)


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
