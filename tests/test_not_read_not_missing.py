"""A report whose file is there but could not be read this run (Google stopped answering mid-run, a file being
written, a file that could not be read) is not a report not sent: the master does not show it as missing and no
reminder goes to its institution for it. Real Google spreadsheets on the fake Google on loopback with real gspread,
a real SMTP server on loopback, a real SQLite ledger and the real scheduled run; who is owed a reminder is worked out
here from the plan file and the spreadsheets the ledger holds."""

from __future__ import annotations

import datetime as dt

from apmon.templates.sniff import named_report
from tests.google_outage import (  # noqa: F401  (fixtures: the fake Google, a real SMTP server on loopback)
    MID_RUN,
    GoogleRun,
    certificate,
    fake_google,
    google_run,
    server,
    smtp_env,
)
from tests.test_remind import by_recipients, owing_institutions

REMINDER_DAY = dt.date(2018, 4, 3)  # 3 working days before the March reports' deadline, 10 April


def test_no_reminder_for_a_spreadsheet_google_did_not_answer_for(google_run: GoogleRun) -> None:  # noqa: F811
    sent_none = sorted(owing_institutions() - set(MID_RUN))[0]  # owes March, has no spreadsheet: reminded
    contacts = {code: ([f"{code.lower()}@example.rs"], [], "en") for code in [*MID_RUN, sent_none]}
    google_run.configure(contacts)
    read_before = 3
    google_run.sheets_stop_answering_after(read_before)

    summary = google_run.run(as_of=REMINDER_DAY)

    seen = google_run.seen()
    not_read = set(MID_RUN) - seen.read
    assert len(seen.read) == read_before and not_read & owing_institutions(), summary.errors  # the check has teeth
    assert seen.reminded == {(sent_none, "reminder")}, (seen.reminded, not_read)
    inbox = by_recipients(google_run.server.inbox.take())
    reminders = {rcpt for rcpt, msg in inbox.items() if "Reminder" in str(msg["Subject"])}
    assert reminders == {frozenset(contacts[sent_none][0])}, {r: m["Subject"] for r, m in inbox.items()}


def test_the_name_apmon_gives_a_template_file_tells_its_report() -> None:
    assert named_report("MZ_2018-03_sr-Latn.xlsx") == ("MZ", "2018-03")
    assert named_report("OCD4_2018_en.xlsx") == ("OCD4", "2018")
    assert named_report("MZ mart.xlsx") is None and named_report("MZ_2018-03_sr-Latn (1).xlsx") is None
