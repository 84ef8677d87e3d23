"""A report whose file is there but could not be read this run (Google stopped answering mid-run, a file being
written, a file that could not be read) is not a report not sent: the master does not show it as missing and no
reminder goes to its institution for it. Real Google spreadsheets on the fake Google on loopback with real gspread,
a real SMTP server on loopback, a real SQLite ledger and the real scheduled run; who is owed a reminder is worked out
here from the plan file and the spreadsheets the ledger holds."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from apmon.cli.app import app
from apmon.schemas.institutions import InstitutionRegistry
from apmon.schemas.plan import Plan
from apmon.sync.config import load_config
from apmon.sync.ledger import Ledger
from apmon.sync.service import sync_once
from apmon.templates.google_api import RetryPolicy, make_client
from apmon.templates.sniff import named_report
from tests.fake_google import FakeGoogle, fake_google_fixture, service_account_file
from tests.test_google_as_google_does import MID_RUN, _filled_google_reports
from tests.test_remind import (  # noqa: F401  (fixtures: a real SMTP server on loopback)
    MARCH,
    Server,
    by_recipients,
    certificate,
    owing_institutions,
    server,
    smtp_env,
    write_config,
)

fake_google = fake_google_fixture
REMINDER_DAY = dt.date(2018, 4, 3)  # 3 working days before the March reports' deadline, 10 April


def _google_config(path: Path, key: Path, fake_google: FakeGoogle, folder: str) -> None:
    """The configuration at `path`, reading the Drive folder `folder` of the fake Google, Google asked only once."""
    endpoints = fake_google.endpoints
    text = path.read_text(encoding="utf-8").replace("[sync]\n", f'[sync]\ngoogle_folder = "{folder}"\n', 1)
    text += (
        f"\n[google]\ncredentials = {json.dumps(key.as_posix())}\n"
        f"[google.endpoints]\nsheets = {json.dumps(endpoints.sheets)}\ndrive = {json.dumps(endpoints.drive)}\n"
        f"token_uri = {json.dumps(endpoints.token_uri)}\n[google.retry]\nmax_attempts = 1\n"
    )
    path.write_text(text, encoding="utf-8")


@pytest.mark.usefixtures("smtp_env")
def test_no_reminder_for_a_spreadsheet_google_did_not_answer_for(
    server: Server,  # noqa: F811
    certificate: Any,  # noqa: F811
    fake_google: FakeGoogle,
    plan: Plan,
    registry: InstitutionRegistry,
    tmp_path: Path,
) -> None:
    key = service_account_file(tmp_path)
    client = make_client(key, fake_google.endpoints, RetryPolicy(max_attempts=1), sleep=lambda _: None)
    folder = _filled_google_reports(fake_google, client, plan, registry)
    sent_none = sorted(owing_institutions() - set(MID_RUN))[0]  # owes March, has no spreadsheet: reminded
    contacts = {code: ([f"{code.lower()}@example.rs"], [], "en") for code in [*MID_RUN, sent_none]}
    path = write_config(tmp_path, server.port, certificate[0], contacts=contacts, months=(MARCH, MARCH))
    endpoints = fake_google.endpoints
    text = path.read_text(encoding="utf-8").replace("[sync]\n", f'[sync]\ngoogle_folder = "{folder}"\n', 1)
    text += (
        f"\n[google]\ncredentials = {json.dumps(key.as_posix())}\n"
        f"[google.endpoints]\nsheets = {json.dumps(endpoints.sheets)}\ndrive = {json.dumps(endpoints.drive)}\n"
        f"token_uri = {json.dumps(endpoints.token_uri)}\n[google.retry]\nmax_attempts = 1\n"
    )
    path.write_text(text, encoding="utf-8")
    read_before = 3  # then Sheets stops answering: two reads each (its sheets, then its values)
    fake_google.fail_next(r"/v4/spreadsheets/", 503, count=10_000, method="GET", after=2 * read_before)

    summary = sync_once(load_config(path), "schedule", as_of=REMINDER_DAY)

    ledger = Ledger.open(f"sqlite:///{(tmp_path / 'data' / 'ledger.sqlite').as_posix()}")
    try:
        read = {v.institution for v in ledger.versions()}
        reminded = {(m.institution, m.kind) for m in ledger.mails() if m.kind in ("reminder", "late")}
    finally:
        ledger.close()
    not_read = set(MID_RUN) - read
    assert len(read) == read_before and not_read & owing_institutions(), summary.errors  # the check has teeth
    assert reminded == {(sent_none, "reminder")}, (reminded, not_read)
    inbox = by_recipients(server.inbox.take())
    reminders = {rcpt for rcpt, msg in inbox.items() if "Reminder" in str(msg["Subject"])}
    assert reminders == {frozenset(contacts[sent_none][0])}, {r: m["Subject"] for r, m in inbox.items()}


def test_the_name_apmon_gives_a_template_file_tells_its_report() -> None:
    assert named_report("MZ_2018-03_sr-Latn.xlsx") == ("MZ", "2018-03")
    assert named_report("OCD4_2018_en.xlsx") == ("OCD4", "2018")
    assert named_report("MZ mart.xlsx") is None and named_report("MZ_2018-03_sr-Latn (1).xlsx") is None


@pytest.mark.usefixtures("smtp_env")
def test_apmon_remind_after_the_sync_mails_no_one_whose_report_it_could_not_read(
    server: Server,  # noqa: F811
    certificate: Any,  # noqa: F811
    fake_google: FakeGoogle,
    plan: Plan,
    registry: InstitutionRegistry,
    tmp_path: Path,
) -> None:
    """The reminders job (`apmon remind`, run apart from the sync) knows what the last sync could not read: no late
    notice goes for those reports, which may well be in. The next run that reads the files clears that; a file
    gone by then is asked for as any report not sent."""
    key = service_account_file(tmp_path)
    client = make_client(key, fake_google.endpoints, RetryPolicy(max_attempts=1), sleep=lambda _: None)
    folder = _filled_google_reports(fake_google, client, plan, registry)
    sent_none = sorted(owing_institutions() - set(MID_RUN))[0]  # owes March, has no spreadsheet: told it is late
    contacts = {code: ([f"{code.lower()}@example.rs"], [], "en") for code in [*MID_RUN, sent_none]}
    path = write_config(
        tmp_path, server.port, certificate[0], contacts=contacts, months=(MARCH, MARCH), mail=("after_sync = false",)
    )
    _google_config(path, key, fake_google, folder)
    fake_google.fail_next(r"/v4/spreadsheets/", 503, count=10_000, method="GET", after=2 * 3)  # 3 read, then none
    ledger_path = tmp_path / "data" / "ledger.sqlite"

    summary = sync_once(load_config(path), "schedule", as_of=REMINDER_DAY)

    with sqlite3.connect(ledger_path) as db:
        read = {code for (code,) in db.execute("SELECT DISTINCT institution FROM versions WHERE valid = 1")}
    not_read = (set(MID_RUN) - read) & owing_institutions()
    assert len(read) == 3 and not_read, summary.errors  # some owed March reports were not read: the check has teeth
    assert server.inbox.take() == []  # the sync itself mails no one here

    # One of them has no address in the configuration: no mail is due to it, so none is missing either.
    no_address = sorted(not_read)[-1]
    addresses = {code: contact for code, contact in contacts.items() if code != no_address}
    write_config(
        tmp_path, server.port, certificate[0], contacts=addresses, months=(MARCH, MARCH), mail=("after_sync = false",)
    )
    _google_config(path, key, fake_google, folder)

    # The late notices of March (`--period`: whatever the day), as the scheduled reminders job sends them.
    late = CliRunner().invoke(app, ["remind", "--config", str(path), "--period", MARCH, "--lang", "en"])
    assert late.exit_code == 0, late.output
    told = {rcpt for rcpt, msg in by_recipients(server.inbox.take()).items() if "Late" in str(msg["Subject"])}
    assert told == {frozenset(contacts[sent_none][0])}, (told, not_read, late.output)
    shown = " ".join(late.output.split())
    assert all(f"to {code} for March 2018" in shown for code in not_read), shown  # each one held back is named
    assert "No contact: " in shown and f"No contact: {no_address} " not in shown, shown

    # Google answers again; meanwhile one institution deleted its spreadsheet.
    gone = sorted(not_read)[0]
    spreadsheets = client.list_spreadsheet_files(folder_id=folder)
    (deleted,) = [s["id"] for s in spreadsheets if s["name"].split()[1] == gone]  # "apmon MZ 2018-03 (sr-Latn)"
    client.del_spreadsheet(deleted)
    fake_google.clear_failures()
    summary = sync_once(load_config(path), "schedule", as_of=REMINDER_DAY)

    with sqlite3.connect(ledger_path) as db:
        read = {code for (code,) in db.execute("SELECT DISTINCT institution FROM versions WHERE valid = 1")}
    assert read == set(MID_RUN) - {gone}, summary.errors
    late = CliRunner().invoke(app, ["remind", "--config", str(path), "--period", MARCH, "--lang", "en"])
    assert late.exit_code == 0, late.output
    told = {rcpt for rcpt, msg in by_recipients(server.inbox.take()).items() if "Late" in str(msg["Subject"])}
    assert told == {frozenset(contacts[gone][0])}, (told, late.output)  # sent_none was told once already
