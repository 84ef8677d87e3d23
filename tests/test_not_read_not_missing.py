"""A report whose file is there but could not be read this run (Google stopped answering mid-run, a file being
written, a file that could not be read) is not a report not sent: the master does not show it as missing and no
reminder goes to its institution for it. Real Google spreadsheets on the fake Google on loopback with real gspread,
a real SMTP server on loopback, a real SQLite ledger and the real scheduled run; who is owed a reminder is worked out
here from the plan file and the spreadsheets the ledger holds."""

from __future__ import annotations

import datetime as dt
import sqlite3

from typer.testing import CliRunner

from apmon.cli.app import app
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
from tests.test_remind import MARCH, by_recipients, owing_institutions

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
    # Where the code goes, a name no institution code can be (an officer's own): no report is told by it, and the
    # ledger need not keep it (PostgreSQL refused one over 40 characters, and the run failed: test_ledger.py).
    assert named_report("Ministarstvo-za-rad-zaposljavanje-boracka-i-socijalna-pitanja_2018-03_sr-Latn.xlsx") is None


def test_apmon_remind_after_the_sync_mails_no_one_whose_report_it_could_not_read(google_run: GoogleRun) -> None:  # noqa: F811
    """The reminders job (`apmon remind`, run apart from the sync) knows what the last sync could not read: no late
    notice goes for those reports, which may well be in. The next run that reads the files clears that; a file
    gone by then is asked for as any report not sent."""
    sent_none = sorted(owing_institutions() - set(MID_RUN))[0]  # owes March, has no spreadsheet: told it is late
    contacts = {code: ([f"{code.lower()}@example.rs"], [], "en") for code in [*MID_RUN, sent_none]}
    no_mail_after_sync = ("after_sync = false",)
    path = google_run.configure(contacts, mail=no_mail_after_sync)
    google_run.sheets_stop_answering_after(3)
    ledger_path = google_run.tmp / "data" / "ledger.sqlite"
    inbox = google_run.server.inbox

    summary = google_run.run(as_of=REMINDER_DAY)

    with sqlite3.connect(ledger_path) as db:
        read = {code for (code,) in db.execute("SELECT DISTINCT institution FROM versions WHERE valid = 1")}
    not_read = (set(MID_RUN) - read) & owing_institutions()
    assert len(read) == 3 and not_read, summary.errors  # some owed March reports were not read: the check has teeth
    assert inbox.take() == []  # the sync itself mails no one here

    # One of them has no address in the configuration: no mail is due to it, so none is missing either.
    no_address = sorted(not_read)[-1]
    google_run.configure({code: c for code, c in contacts.items() if code != no_address}, mail=no_mail_after_sync)

    # The late notices of March (`--period`: whatever the day), as the scheduled reminders job sends them.
    late = CliRunner().invoke(app, ["remind", "--config", str(path), "--period", MARCH, "--lang", "en"])
    assert late.exit_code == 0, late.output
    told = {rcpt for rcpt, msg in by_recipients(inbox.take()).items() if "Late" in str(msg["Subject"])}
    assert told == {frozenset(contacts[sent_none][0])}, (told, not_read, late.output)
    shown = " ".join(late.output.split())
    assert all(f"to {code} for March 2018" in shown for code in not_read), shown  # each one held back is named
    assert "No contact: " in shown and f"No contact: {no_address} " not in shown, shown

    # Google answers again; meanwhile one institution deleted its spreadsheet.
    gone = sorted(not_read)[0]
    spreadsheets = google_run.client.list_spreadsheet_files(folder_id=google_run.folder)
    (deleted,) = [s["id"] for s in spreadsheets if s["name"].split()[1] == gone]  # "apmon MZ 2018-03 (sr-Latn)"
    google_run.client.del_spreadsheet(deleted)
    google_run.fake.clear_failures()
    summary = google_run.run(as_of=REMINDER_DAY)

    with sqlite3.connect(ledger_path) as db:
        read = {code for (code,) in db.execute("SELECT DISTINCT institution FROM versions WHERE valid = 1")}
    assert read == set(MID_RUN) - {gone}, summary.errors
    late = CliRunner().invoke(app, ["remind", "--config", str(path), "--period", MARCH, "--lang", "en"])
    assert late.exit_code == 0, late.output
    told = {rcpt for rcpt, msg in by_recipients(inbox.take()).items() if "Late" in str(msg["Subject"])}
    assert told == {frozenset(contacts[gone][0])}, (told, late.output)  # sent_none was told once already
