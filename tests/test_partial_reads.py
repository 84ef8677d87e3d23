"""What the Coordinator is told while part of the reports could not be read (Google stopped answering, the Drive
folder could not be listed) or are left out of a master for a past day (`as_of`): `ledger versions` counts what
that master counts, and no brief or reminder goes out on a partial read.

Real report files made with the project's own template builder, a real sync into a real SQLite ledger, the
master read with openpyxl and the ledger with sqlite3."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import sqlite3
from pathlib import Path
from zoneinfo import ZoneInfo

import openpyxl
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from apmon.addin.server import create_app
from apmon.cli.app import app
from apmon.schemas.institutions import InstitutionRegistry
from apmon.schemas.messages import text_of
from apmon.schemas.plan import Plan
from apmon.sync.config import load_config
from apmon.sync.ledger import COORDINATOR
from apmon.sync.service import open_ledger
from tests.google_outage import (  # noqa: F401  (fixtures: the fake Google, a real SMTP server on loopback)
    MID_RUN,
    GoogleRun,
    certificate,
    fake_google,
    google_run,
    server,
    smtp_env,
)
from tests.test_addin import NOW, VBA, add_tokens, empty_workbook, sheet_rows
from tests.test_addin import run as run_call
from tests.test_remind import MARCH, owing_institutions
from tests.test_sync import Office, row_of

runner = CliRunner()
REMINDER_DAY = dt.date(2018, 4, 3)  # 3 working days before the March deadline: reminders go
AFTER_DEADLINE = dt.date(2018, 4, 11)  # the day after the March reports' deadline: the brief for March is due
BELGRADE = ZoneInfo("Europe/Belgrade")


def test_ledger_versions_counts_what_a_master_for_a_past_day_counts(
    tmp_path: Path, plan: Plan, registry: InstitutionRegistry
) -> None:
    """`[sync] as_of` set: the master counts only the versions submitted by the end of that day. A correction
    submitted after it is not the master's version, and `ledger versions` must not say that it counts."""
    folder = tmp_path / "reports"
    config = tmp_path / "apmon.toml"
    config.write_text(
        f'[sync]\ndata_dir = "{(tmp_path / "data").as_posix()}"\nfolder = "{folder.as_posix()}"\n'
        'first_period = "2018-03"\nlast_period = "2018-04"\nmaster_lang = "en"\nas_of = 2018-04-20\n',
        encoding="utf-8",
    )
    settings = load_config(config)
    ledger = open_ledger(settings)
    office = Office(tmp_path, plan, registry, ledger)
    office.settings = settings.sync
    try:
        office.submit("MZ", "2018-03")  # on the deadline, 10 Apr 2018
        office.sync()
        corrected = office.submit("MZ", "2018-03", {("tasks", "2.1.2", "problems"): "Ispravka poslata u maju."})
        stamp = dt.datetime(2018, 5, 3, 10, 0, tzinfo=BELGRADE).timestamp()  # after the master's day
        os.utime(corrected, (stamp, stamp))
        late = office.submit("MUP", "2018-03")  # MUP's only report, submitted after the master's day too
        os.utime(late, (stamp, stamp))
        office.sync()
        submissions = row_of(office.master()["Submissions"], "MZ")
        assert "version" not in " ".join(str(c) for c in row_of(office.master()["Submissions"], "MUP"))
    finally:
        ledger.close()

    with sqlite3.connect(tmp_path / "data" / "ledger.sqlite") as db:
        stored = db.execute(
            "SELECT id, source_modified FROM versions WHERE institution = 'MZ' AND period = '2018-03' "
            "AND valid = 1 ORDER BY id"
        ).fetchall()
    assert len(stored) == 2
    cut_off = dt.datetime(2018, 4, 21, tzinfo=BELGRADE)  # the end of as_of in Belgrade
    in_time = [vid for vid, at in stored if dt.datetime.fromisoformat(at).replace(tzinfo=dt.UTC) < cut_off]
    master_version = max(in_time)
    assert any(f"version {master_version}" in str(cell) for cell in submissions)  # the master's choice

    listed = runner.invoke(app, ["ledger", "versions", "-i", "MZ", "-p", "2018-03", "--json", "--config", str(config)])
    assert listed.exit_code == 0, listed.output
    rows = {r["version"]: r for r in json.loads(listed.stdout)}
    assert [vid for vid, r in rows.items() if r["counts"]] == [master_version]
    assert {r["counted_version"] for r in rows.values()} == {master_version}
    mup = runner.invoke(app, ["ledger", "versions", "-i", "MUP", "--json", "--config", str(config)])
    (only,) = json.loads(mup.stdout)
    assert only["valid"] and not only["counts"] and only["counted_version"] is None
    assert only["counts_why"] == "submitted-after-master-day"
    screen = runner.invoke(app, ["ledger", "versions", "-i", "MUP", "--lang", "en", "--config", str(config)])
    assert "None" not in screen.stdout and "after the master" in " ".join(screen.stdout.split()), screen.stdout


def test_the_ministers_brief_waits_while_reports_of_its_month_are_not_read(google_run: GoogleRun) -> None:  # noqa: F811
    """The brief is issued once a month: issued while Sheets did not answer for some March spreadsheets, it would
    tell the Minister that those institutions sent nothing, for good. It waits for a run that reads them."""
    briefs = (google_run.tmp / "briefs").as_posix()
    google_run.configure({}, f'[reports]\nminister_after_deadline = true\nlang = "en"\nfolder = "{briefs}"\n')
    google_run.sheets_stop_answering_after(3)

    summary = google_run.run(as_of=AFTER_DEADLINE)

    seen = google_run.seen()
    assert len(seen.read) == 3 and set(MID_RUN) - seen.read, summary.errors  # some March spreadsheets were not read
    assert seen.briefs == [], summary.done  # the brief would have called them not sent

    # ... and the run says so, naming whose reports it waits for: a file that stays unreadable held it unsaid.
    def names(line: str, code: object) -> bool:
        return re.search(rf"\b{code}\b", line) is not None

    not_read = set(MID_RUN) - seen.read
    waits = [line for line in summary.warnings if all(names(line, code) for code in not_read)]
    assert len(waits) == 1, summary.warnings
    assert not any(names(waits[0], code) for code in seen.read), waits
    assert len(not_read) > 1 and "pročita izveštaje tog meseca institucija" in waits[0], waits  # several: plural

    google_run.fake.clear_failures()  # Sheets answers again
    summary = google_run.run(as_of=AFTER_DEADLINE)
    seen = google_run.seen()
    assert seen.read == set(MID_RUN), summary.errors
    assert seen.briefs == [MARCH], summary.done


def test_the_brief_waiting_for_one_institutions_report_says_it_as_one(google_run: GoogleRun) -> None:  # noqa: F811
    """Was "nije moglo da pročita izveštaje tog meseca institucija MSP ... prikazao bi ih": one report, said as one."""
    briefs = (google_run.tmp / "briefs").as_posix()
    google_run.configure({}, f'[reports]\nminister_after_deadline = true\nfolder = "{briefs}"\n')
    google_run.sheets_stop_answering_after(len(MID_RUN) - 1)

    summary = google_run.run(as_of=AFTER_DEADLINE)

    [not_read] = set(MID_RUN) - google_run.seen().read
    waits = [line for line in summary.warnings if re.search(rf"\b{not_read}\b", line)]
    assert waits == [
        "Izveštaj za ministra za mart 2018. čeka: poslednje pokretanje nije moglo da pročita izveštaj tog meseca "
        f"institucije {not_read}, a izveštaj se izdaje jednom i prikazao bi ga kao nedostavljen; izdaje se posle "
        "pokretanja koje ga pročita"
    ], summary.warnings


def valid_in_ledger(google_run: GoogleRun) -> set[str]:  # noqa: F811
    """The institutions of which the ledger's file holds a valid version, read with sqlite3 itself."""
    with sqlite3.connect(google_run.tmp / "data" / "ledger.sqlite") as db:
        return {code for (code,) in db.execute("SELECT DISTINCT institution FROM versions WHERE valid = 1")}


def brief_and_council_of_march(args: list[str]) -> tuple[dict[str, str], dict[str, tuple[int, int]]]:
    """The brief for March and the Council report over March, made in English with `args`: the state each institution
    of MID_RUN has in the brief, and its count of reports missing and not read in the Council report."""
    brief = runner.invoke(app, ["report", "minister", "--period", MARCH, *args])
    assert brief.exit_code == 0, brief.output
    xlsx = next(Path(f) for f in json.loads(brief.stdout)["files"] if f.endswith(".xlsx"))
    sheet = openpyxl.load_workbook(xlsx, read_only=True)[text_of("report.sheet.reporting", "en")]
    states = {r[0]: r[2] for r in sheet.iter_rows(min_row=4, values_only=True) if r[0] in MID_RUN}

    council = runner.invoke(app, ["report", "council", "--from", MARCH, "--to", MARCH, *args])
    assert council.exit_code == 0, council.output
    xlsx = next(Path(f) for f in json.loads(council.stdout)["files"] if f.endswith(".xlsx"))
    sheet = openpyxl.load_workbook(xlsx, read_only=True)[text_of("report.sheet.discipline", "en")]
    header, *rows = [r for r in sheet.iter_rows(min_row=3, values_only=True) if r[0]]
    assert header[5:7] == ("Missing", "Not read"), header
    return states, {r[0]: (r[5], r[6]) for r in rows if r[0] in MID_RUN}


def assert_brief_and_council_say_not_read(args: list[str], read: set[str], not_read: set[str]) -> None:
    """The brief and the Council report of March (`brief_and_council_of_march`) call the reports of `not_read` "file
    not read" (the Council's counts: none missing, one not read), those of `read` neither."""
    states, counts = brief_and_council_of_march(args)
    assert {code: states[code] for code in not_read} == dict.fromkeys(not_read, "file not read"), states
    assert all(states[code] not in ("missing", "file not read") for code in read), states
    assert {code: counts[code] for code in not_read} == dict.fromkeys(not_read, (0, 1)), counts
    assert all(counts[code] == (0, 0) for code in read), counts


def test_a_brief_and_a_council_report_made_after_a_partial_read_show_the_reports_not_read_not_missing(
    google_run: GoogleRun,  # noqa: F811
) -> None:
    """`apmon report minister` and `apmon report council`, made after a sync that could not read some March
    spreadsheets, call those reports "file not read", as the master does: not missing, which the Minister and the
    Council would take for reports not sent."""
    path = google_run.config
    google_run.sheets_stop_answering_after(3)

    summary = google_run.run(as_of=AFTER_DEADLINE)

    read = valid_in_ledger(google_run)
    not_read = set(MID_RUN) - read
    assert len(read) == 3 and not_read, summary.errors  # the check has teeth
    # `apmon sync status` shows them as the master does, and the master written from the same reports as current.
    status = json.loads(runner.invoke(app, ["sync", "status", "--config", str(path), "--json"]).stdout)
    not_read_said = text_of("master.submissions.not_read", "en")
    assert {code: status["institutions"][code][MARCH] for code in not_read} == dict.fromkeys(not_read, not_read_said)
    out = google_run.tmp / "out"
    args = ["--lang", "en", "--out", str(out), "--config", str(path), "--json"]
    assert_brief_and_council_say_not_read(args, read, not_read)


def test_a_brief_and_a_council_report_made_again_as_of_a_partial_read_show_what_was_not_read_then(
    google_run: GoogleRun,  # noqa: F811
) -> None:
    """A sync could not read some March spreadsheets; a later one read them all. The brief and the Council report
    made again `--as-of` a moment between the two show those reports as that moment's last run did, "file not read",
    not missing (before, only the latest run's list was kept, and it had nothing left unread)."""
    path = google_run.config
    google_run.sheets_stop_answering_after(3)
    google_run.run(as_of=AFTER_DEADLINE)
    read = valid_in_ledger(google_run)
    not_read = set(MID_RUN) - read
    assert len(read) == 3 and not_read  # the check has teeth
    between = dt.datetime.now(dt.UTC)
    google_run.fake.clear_failures()
    summary = google_run.run(as_of=AFTER_DEADLINE)
    assert google_run.seen().read == set(MID_RUN), summary.errors  # the latest run has nothing left unread

    out = google_run.tmp / "out"
    args = ["--lang", "en", "--out", str(out), "--config", str(path), "--json", "--as-of", between.isoformat()]
    assert_brief_and_council_say_not_read(args, read, not_read)


def test_no_reminder_while_the_drive_folder_cannot_be_listed(google_run: GoogleRun) -> None:  # noqa: F811
    """Drive does not answer when the run lists the folder: whose spreadsheet is filled in there is not known, so
    no institution is told it has not sent its report (docs/reminders.md); the local folder is read as usual."""
    google_run.configure({code: ([f"{code.lower()}@example.rs"], [], "en") for code in MID_RUN})
    google_run.drive_stops_answering()

    summary = google_run.run(as_of=REMINDER_DAY)

    seen = google_run.seen()
    assert seen.versions == 0  # nothing of Drive was read: the check has teeth
    assert seen.reminded == set(), summary.errors
    assert google_run.server.inbox.take() == []
    assert any("podsetnici" in line for line in summary.errors), summary.errors  # the run says why

    # The reminders job run apart from the sync (`apmon remind`) waits as well, and says why.
    late = runner.invoke(app, ["remind", "--config", str(google_run.config), "--period", MARCH, "--lang", "en"])
    assert late.exit_code == 0, late.output
    assert google_run.server.inbox.take() == [], late.output
    assert "Reminders and late notices wait: the last sync run could not list" in " ".join(late.output.split())


def test_apmon_remind_waits_for_no_source_taken_out_of_the_configuration(google_run: GoogleRun) -> None:  # noqa: F811
    """Drive did not answer at the last run, so reminders wait for it; the administrator then takes the Drive folder
    out of apmon.toml. `apmon remind` run before the next sync goes by the configuration: it no longer waits for a
    source the sync will not read (docs/reminders.md), and the late notices of March go."""
    contacts = {code: ([f"{code.lower()}@example.rs"], [], "en") for code in MID_RUN}
    path = google_run.configure(contacts, mail=("after_sync = false",))
    google_run.drive_stops_answering()
    google_run.run(as_of=REMINDER_DAY)
    waiting = runner.invoke(app, ["remind", "--config", str(path), "--period", MARCH, "--lang", "en", "--dry-run"])
    assert "Reminders and late notices wait" in " ".join(waiting.output.split()), waiting.output  # it has teeth

    text = path.read_text(encoding="utf-8")
    assert f'google_folder = "{google_run.folder}"\n' in text
    path.write_text(text.replace(f'google_folder = "{google_run.folder}"\n', ""), encoding="utf-8")
    late = runner.invoke(app, ["remind", "--config", str(path), "--period", MARCH, "--lang", "en"])

    assert late.exit_code == 0, late.output
    assert "wait" not in " ".join(late.output.split()), late.output
    told = {frozenset(rcpt) for rcpt, _ in google_run.server.inbox.take()}
    # No March report is in the ledger: every institution with an address that owes one is told it is late.
    owing = owing_institutions() & set(MID_RUN)
    assert owing and told == {frozenset(contacts[code][0]) for code in owing}, late.output


def test_consolidate_after_a_partial_read_shows_the_reports_not_read_not_missing(
    google_run: GoogleRun,  # noqa: F811
    plan: Plan,
    registry: InstitutionRegistry,
) -> None:
    """The add-in's Consolidate (its sync runs first, Sheets still not answering) fills the open master's Submissions
    as the sync's master: a report whose spreadsheet is there but was not read is "not read", not missing."""
    google_run.sheets_stop_answering_after(3)
    google_run.run(as_of=AFTER_DEADLINE)
    config = load_config(google_run.config)
    ledger = open_ledger(config)
    try:
        add_tokens(ledger, NOW)
        after_deadline = dt.datetime.combine(AFTER_DEADLINE, dt.time(10), tzinfo=BELGRADE)
        app_ = create_app(config, ledger, clock=lambda: after_deadline, plan=plan, registry=registry)
        opened = empty_workbook(google_run.tmp / "open.xlsx")
        wb, alerts = run_call(TestClient(app_), "consolidate", opened, VBA, COORDINATOR)
        read = {v.institution for v in ledger.versions()}
    finally:
        ledger.close()
    not_read = set(MID_RUN) - read
    assert len(read) == 3 and not_read, alerts  # the check has teeth
    lang = config.sync.master_lang
    _title, _, header, *data = sheet_rows(wb, text_of("master.sheet.submissions", lang))
    march = header.index(MARCH)
    cells = {row[0]: row[march] for row in data if row[0] in MID_RUN}
    not_read_said = text_of("master.submissions.not_read", lang)
    assert {code: cells[code] for code in not_read} == dict.fromkeys(not_read, not_read_said), cells
    assert all(cells[code] != not_read_said for code in read), cells


def test_a_source_taken_out_of_the_configuration_holds_no_report_back_anywhere(
    google_run: GoogleRun,  # noqa: F811
    plan: Plan,
    registry: InstitutionRegistry,
) -> None:
    """The last sync could not read some March spreadsheets of the Drive folder; the administrator then takes the
    folder out of apmon.toml. No run reads it again, so nothing is waited for there: `sync status`, the brief and
    the Council report made now and the add-in's Consolidate (its own sync not run: another holds the ledger) show
    those reports as any report not in the ledger, missing, not "file not read" (only `apmon remind` left them out
    before: test_apmon_remind_waits_for_no_source_taken_out_of_the_configuration)."""
    path = google_run.config
    google_run.sheets_stop_answering_after(3)
    summary = google_run.run(as_of=AFTER_DEADLINE)
    read = valid_in_ledger(google_run)
    not_read = set(MID_RUN) - read
    assert len(read) == 3 and not_read, summary.errors  # the check has teeth
    status = json.loads(runner.invoke(app, ["sync", "status", "--config", str(path), "--json"]).stdout)
    not_read_said = text_of("master.submissions.not_read", "en")
    assert {status["institutions"][code][MARCH] for code in not_read} == {not_read_said}  # before: held back

    text = path.read_text(encoding="utf-8")
    assert f'google_folder = "{google_run.folder}"\n' in text
    path.write_text(text.replace(f'google_folder = "{google_run.folder}"\n', ""), encoding="utf-8")

    missing = text_of("master.submissions.missing", "en")
    status = json.loads(runner.invoke(app, ["sync", "status", "--config", str(path), "--json"]).stdout)
    assert {code: status["institutions"][code][MARCH] for code in not_read} == dict.fromkeys(not_read, missing)
    out = google_run.tmp / "out"
    args = ["--lang", "en", "--out", str(out), "--config", str(path), "--json"]
    states, counts = brief_and_council_of_march(args)
    assert {code: states[code] for code in not_read} == dict.fromkeys(not_read, "missing"), states
    assert {code: counts[code] for code in not_read} == dict.fromkeys(not_read, (1, 0)), counts

    config = load_config(path)
    ledger = open_ledger(config)
    try:
        add_tokens(ledger, NOW)
        after_deadline = dt.datetime.combine(AFTER_DEADLINE, dt.time(10), tzinfo=BELGRADE)
        app_ = create_app(config, ledger, clock=lambda: after_deadline, plan=plan, registry=registry)
        with ledger.lock():  # another sync run holds the ledger: the one the Consolidate asks for does not run
            wb, alerts = run_call(
                TestClient(app_), "consolidate", empty_workbook(google_run.tmp / "open.xlsx"), VBA, COORDINATOR
            )
    finally:
        ledger.close()
    lang = config.sync.master_lang
    assert alerts[0].startswith(text_of("consolidate.sync_busy", lang)), alerts
    _title, _, header, *data = sheet_rows(wb, text_of("master.sheet.submissions", lang))
    march = header.index(MARCH)
    cells = {row[0]: row[march] for row in data if row[0] in not_read}
    assert cells == dict.fromkeys(not_read, text_of("master.submissions.missing", lang)), cells
