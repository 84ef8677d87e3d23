"""A report is on time when a valid version of it came by its deadline: a correction sent after the deadline keeps
it on time (its content counts, and Submissions says a correction came); a report whose only versions by the
deadline had errors is late, by its first valid version's working days, as is one corrected after it came late.

Real report files built with the project's template builder, their times set as an officer's computer saves them,
a real SQLite ledger, real runs; the expected states, working days late and counts are worked out here from the
files' times and the deadlines, which come from the rule (the 5th working day of the next month) and the shipped
holidays table, never from the code under test."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from typer.testing import CliRunner

from apmon.cli.app import app
from apmon.schemas.calendar import BELGRADE, Period, WorkingCalendar
from apmon.schemas.institutions import InstitutionRegistry
from apmon.schemas.messages import text_of
from apmon.schemas.plan import Plan
from apmon.schemas.shipped_holidays import SHIPPED_HOLIDAYS
from apmon.sync.config import Config, SyncSettings, load_config
from apmon.sync.ledger import Ledger, sqlite_url
from apmon.sync.reports import make_council_report, make_minister_brief
from apmon.sync.run import RunSummary, run_sync
from apmon.sync.service import sync_once
from apmon.sync.sources import FolderSource
from apmon.templates.layout import WorkbookLayout
from tests.reports import complete_monthly, filled_report
from tests.test_remind import Server, certificate, server, smtp_env, write_config  # noqa: F401  (a real SMTP server)

LANG = "sr-Latn"  # the master's language by default
MARCH, APRIL = "2018-03", "2018-04"
AS_OF = dt.date(2018, 6, 1)  # every deadline passed


def belgrade(month: int, day: int, hour: int = 10, minute: int = 0) -> dt.datetime:
    return dt.datetime(2018, month, day, hour, minute, tzinfo=BELGRADE)


# What each institution sent, in the order it was sent: (institution, period, when, valid). A file sent again has
# the same name: the correction replaces it in the folder, as an officer saves over it.
SENT: list[tuple[str, str, dt.datetime, bool]] = [
    ("MUP", MARCH, belgrade(4, 4), False),  # errors, by the deadline
    ("MZ", MARCH, belgrade(4, 5), True),  # on time ...
    ("MRZBSP", MARCH, belgrade(4, 12), True),  # late ...
    # -- a run
    ("MZ", MARCH, belgrade(4, 13, 11, 30), True),  # ... corrected after the deadline
    ("MUP", MARCH, belgrade(4, 16), True),  # the first valid one, late
    ("MRZBSP", MARCH, belgrade(4, 20), True),  # ... corrected later still
    # -- a run
    ("MZ", APRIL, belgrade(5, 8), True),
    ("MRZBSP", APRIL, belgrade(5, 9), True),  # on time ...
    # -- a run
    ("MRZBSP", APRIL, belgrade(5, 10, 9, 15), True),  # ... corrected the day after the deadline
    ("MUP", APRIL, belgrade(5, 15), True),
    # -- a run
]
RUNS = [3, 6, 8, 10]  # a run after each of these many files
CODES = ("MUP", "MZ", "MRZBSP")


# -- the expected side, from the rule and the shipped holidays ----------------------------------------------------


def working(day: dt.date) -> bool:
    return day.weekday() < 5 and day.isoformat() not in SHIPPED_HOLIDAYS.get(day.year, {})


def deadline(period: str) -> dt.date:
    """The 5th working day of the month after `period`."""
    year, month = int(period[:4]), int(period[5:])
    day, found = dt.date(year + month // 12, month % 12 + 1, 1), 0
    while True:
        found += working(day)
        if found == 5:
            return day
        day += dt.timedelta(days=1)


def days_late(period: str, sent: dt.datetime) -> int:
    """Working days after the deadline up to the day it was sent; one sent on a day off counts as the next
    working day's, so at least one."""
    day, count = deadline(period), 0
    while day < sent.date():
        day += dt.timedelta(days=1)
        count += working(day)
    return max(1, count)


def expected(code: str, period: str, by: dt.date = AS_OF) -> tuple[str, int, dt.datetime | None]:
    """(state, working days late, when the correction that counts was sent, if it came after the deadline and the
    state is decided by an earlier version) of what `code` had sent for `period` by the end of `by`."""
    sent = [(when, valid) for c, p, when, valid in SENT if (c, p) == (code, period) and when.date() <= by]
    good = [when for when, valid in sent if valid]
    if not good:
        return ("invalid" if sent else "missing", 0, None)
    due, first, newest = deadline(period), good[0], good[-1]
    late = newest.date() > due and newest != first
    if first.date() <= due:
        return ("on-time", 0, newest if late else None)
    return ("late", days_late(period, first), newest if late else None)


def test_the_deadlines_worked_out_here_are_the_known_ones() -> None:
    """Good Friday and Easter Monday (6 and 9 April 2018), Labour Day (1 and 2 May 2018) are days off."""
    assert (deadline(MARCH), deadline(APRIL)) == (dt.date(2018, 4, 10), dt.date(2018, 5, 9))
    assert days_late(MARCH, belgrade(4, 16)) == 4 and days_late(MARCH, belgrade(4, 14)) == 3  # a Saturday


# -- the office: a folder, a ledger, runs --------------------------------------------------------------------------


class Office:
    def __init__(self, tmp: Path, plan: Plan, registry: InstitutionRegistry) -> None:
        self.tmp, self.plan, self.registry = tmp, plan, registry
        self.folder = tmp / "izvestaji"
        self.folder.mkdir()
        self.url = sqlite_url(tmp / "ledger.sqlite")
        self.settings = SyncSettings(
            data_dir=tmp, folder=self.folder, ledger=self.url, first_period=MARCH, last_period=APRIL
        )
        self.layouts: dict[tuple[str, str], WorkbookLayout] = {}
        self.problems: dict[tuple[str, str, dt.datetime], str] = {}  # what each version says on its first task

    def send(self, code: str, period: str, when: dt.datetime, valid: bool) -> Path:
        _, layout = filled_report(self.plan, self.registry, self.tmp, code, period, {}, LANG, "blank.xlsx")
        self.layouts[(code, period)] = layout
        task = layout.sheet("tasks").rows[0].key
        problem = f"Problem {code} {period} poslat {when:%d.%m. %H:%M}."
        self.problems[(code, period, when)] = problem
        edits = complete_monthly(layout) | {("tasks", task, "problems"): problem}
        if not valid:
            edits[("tasks", task, "status")] = None  # an error: the status left empty
        path, _ = filled_report(
            self.plan, self.registry, self.folder, code, period, edits, LANG, f"{code} {period}.xlsx"
        )
        os.utime(path, (when.timestamp(), when.timestamp()))
        return path

    def sync(self, as_of: dt.date = AS_OF, data_dir: Path | None = None) -> RunSummary:
        ledger = Ledger.open(self.url)
        # A master made again for a past day is configured so ([sync] as_of), in a folder of its own.
        again = {"data_dir": data_dir, "as_of": as_of}
        settings = self.settings if data_dir is None else self.settings.model_copy(update=again)
        try:
            return run_sync(
                plan=self.plan,
                registry=self.registry,
                ledger=ledger,
                sources=[FolderSource(self.folder)],
                settings=settings,
                calendar=WorkingCalendar(),
                as_of=as_of,
            )
        finally:
            ledger.close()

    def config_file(self, as_of: dt.date = AS_OF) -> Path:
        path = self.tmp / f"apmon-{as_of}.toml"
        path.write_text(
            f'[sync]\ndata_dir = "{self.tmp.as_posix()}"\nfolder = "{self.folder.as_posix()}"\n'
            f'ledger = "{self.url}"\nfirst_period = "{MARCH}"\nlast_period = "{APRIL}"\n'
            f"as_of = {as_of.isoformat()}\n",
            encoding="utf-8",
        )
        return path


@pytest.fixture(scope="module")
def office(plan: Plan, registry: InstitutionRegistry, tmp_path_factory: pytest.TempPathFactory) -> Office:
    made = Office(tmp_path_factory.mktemp("on-time"), plan, registry)
    summaries = []
    for n, (code, period, when, valid) in enumerate(SENT, 1):
        made.send(code, period, when, valid)
        if n in RUNS:
            summaries.append(made.sync())
    made.summaries = summaries  # type: ignore[attr-defined]
    return made


# -- the master, read with openpyxl -------------------------------------------------------------------------------


def sheet(book: openpyxl.Workbook, role: str) -> Any:
    return book[text_of(f"master.sheet.{role}", LANG)]


def rows_by_code(ws: Any) -> dict[str, dict[str, Any]]:
    header = [c.value for c in ws[3]]
    return {row[0]: dict(zip(header, row, strict=False)) for row in ws.iter_rows(min_row=4, values_only=True) if row[0]}


def cell_words(state: str, days: int, corrected: dt.datetime | None, decided_by: dt.datetime) -> str:
    """What a Submissions cell says: the state, the correction's date, when the version it is decided by was sent
    (from the file's time)."""
    note = f" (ispravljen {corrected:%d.%m.})" if corrected else ""
    said = "na vreme" if state == "on-time" else f"sa zakašnjenjem ({days})"
    return f"{said}{note} ({decided_by:%d.%m.%Y. %H:%M}, vreme datoteke)"


def unversioned(cell: str) -> str:
    """A Submissions cell without the ledger version it names (checked on its own: the version test below)."""
    return re.sub(r", verzija \d+\)", ")", cell)


def decided_by(code: str, period: str) -> dt.datetime:
    """The version a report's on time or late is decided by: its first valid one by the deadline, else its first."""
    good = [when for c, p, when, valid in SENT if (c, p) == (code, period) and valid]
    return next((w for w in good if w.date() <= deadline(period)), good[0])


def test_a_correction_after_the_deadline_keeps_an_on_time_report_on_time_with_its_content(office: Office) -> None:
    book = openpyxl.load_workbook(office.settings.master_path())
    cells = rows_by_code(sheet(book, "submissions"))
    state, days, corrected = expected("MZ", MARCH)
    assert (state, corrected) == ("on-time", belgrade(4, 13, 11, 30))
    assert unversioned(cells["MZ"][MARCH]) == cell_words(state, days, corrected, belgrade(4, 5))
    assert unversioned(cells["MZ"][MARCH]) == "na vreme (ispravljen 13.04.) (05.04.2018. 10:00, vreme datoteke)"
    # The content is the correction's, not the first version's.
    problems = [str(v) for row in sheet(book, "problems").iter_rows(min_row=4, values_only=True) for v in row if v]
    assert office.problems[("MZ", MARCH, belgrade(4, 13, 11, 30))] in problems
    assert office.problems[("MZ", MARCH, belgrade(4, 5))] not in problems
    # The run that brought the correction listed it as on time, as the report stands.
    (listed,) = [v for v in office.summaries[1].versions if (v.institution, v.period) == ("MZ", MARCH)]
    assert (listed.on_time, listed.days_late) == (True, 0)


def test_a_submissions_cell_names_the_ledger_version_whose_content_counts(office: Office) -> None:
    """An auditor traces a figure to its version: MZ saved its March correction over the first file, so the file name
    cannot tell the two versions apart, and the cell named neither (found by an audit of the demo). The version is
    found here by the bytes of the file now in the folder, read from the ledger's own table."""
    import sqlite3

    path = office.folder / f"MZ {MARCH}.xlsx"
    with sqlite3.connect(office.tmp / "ledger.sqlite") as db:
        ids = [i for (i,) in db.execute("SELECT id FROM versions WHERE institution = 'MZ' AND period = ?", (MARCH,))]
        (counted,) = [i for (i,) in db.execute("SELECT id FROM versions WHERE raw = ?", (path.read_bytes(),))]
    assert len(ids) == 2 and counted == max(ids)  # the first version and its correction, saved over it
    cells = rows_by_code(sheet(openpyxl.load_workbook(office.settings.master_path()), "submissions"))
    assert cells["MZ"][MARCH] == f"na vreme (ispravljen 13.04.) (05.04.2018. 10:00, vreme datoteke, verzija {counted})"


def test_a_report_with_errors_by_the_deadline_is_late_by_its_first_valid_version(office: Office) -> None:
    cells = rows_by_code(sheet(openpyxl.load_workbook(office.settings.master_path()), "submissions"))
    state, days, corrected = expected("MUP", MARCH)
    assert (state, days, corrected) == ("late", 4, None)
    assert unversioned(cells["MUP"][MARCH]) == cell_words(state, days, None, belgrade(4, 16))


def test_a_late_report_corrected_later_is_late_by_its_first_valid_version(office: Office) -> None:
    cells = rows_by_code(sheet(openpyxl.load_workbook(office.settings.master_path()), "submissions"))
    state, days, corrected = expected("MRZBSP", MARCH)
    assert (state, days, corrected) == ("late", 2, belgrade(4, 20))  # not 8, the correction's
    assert unversioned(cells["MRZBSP"][MARCH]) == cell_words(state, days, corrected, belgrade(4, 12))
    assert unversioned(cells["MRZBSP"][APRIL]) == cell_words(*expected("MRZBSP", APRIL), belgrade(5, 9))
    assert expected("MRZBSP", APRIL)[0] == "on-time"


def test_the_overview_and_the_council_report_count_as_the_files_say(office: Office, tmp_path: Path) -> None:
    states = {(c, p): expected(c, p) for c in CODES for p in (MARCH, APRIL)}
    overview = rows_by_code(sheet(openpyxl.load_workbook(office.settings.master_path()), "overview"))
    on_time, late = (text_of(f"master.overview.{k}", LANG) for k in ("on_time", "late"))
    invalid, missing = (text_of(f"master.overview.{k}", LANG) for k in ("invalid", "missing"))
    for code in CODES:
        mine = [states[(code, p)][0] for p in (MARCH, APRIL)]
        row = overview[code]
        assert [row[on_time], row[late], row[invalid], row[missing]] == [
            mine.count(s) for s in ("on-time", "late", "invalid", "missing")
        ], code
    # Nobody else sent anything: the sheet's on time and late are those of the three.
    all_states = [s for s, _, _ in states.values()]
    assert sum(int(r[on_time] or 0) for r in overview.values()) == all_states.count("on-time") == 3
    assert sum(int(r[late] or 0) for r in overview.values()) == all_states.count("late") == 3

    config = Config(sync=office.settings)
    ledger = Ledger.open(office.url)
    try:
        council = make_council_report(
            config, office.plan, office.registry, ledger, Period.parse(APRIL), first=Period.parse(MARCH),
            lang="en", out=tmp_path / "council", record=False,
        )  # fmt: skip
        brief = make_minister_brief(
            config, office.plan, office.registry, ledger, Period.parse(MARCH), lang="en", out=tmp_path / "brief",
            record=False,
        )  # fmt: skip
    finally:
        ledger.close()
    discipline = openpyxl.load_workbook(council.files[1], read_only=True)["Reporting discipline"]
    rows = {r[0]: r for r in discipline.iter_rows(min_row=4, values_only=True) if r[0]}
    late_reports = [(c, p) for (c, p), (s, _, _) in states.items() if s == "late"]
    assert sum(int(r[2] or 0) for r in rows.values()) == len(late_reports) == 3  # late
    assert sum(int(r[3] or 0) for r in rows.values()) == sum(states[k][1] for k in late_reports) == 4 + 2 + 4
    assert sum(int(r[1] or 0) for r in rows.values()) == all_states.count("on-time")
    for code in CODES:
        assert (rows[code][1], rows[code][2], rows[code][3]) == (
            sum(states[(code, p)][0] == "on-time" for p in (MARCH, APRIL)),
            sum(states[(code, p)][0] == "late" for p in (MARCH, APRIL)),
            sum(states[(code, p)][1] for p in (MARCH, APRIL)),
        ), code
    # The Minister's brief for March: each institution's state and working days late.
    reporting = openpyxl.load_workbook(brief.files[1], read_only=True)["Reporting"]
    said = {r[0]: (r[2], r[3]) for r in reporting.iter_rows(min_row=4, values_only=True) if r[0] in CODES}
    assert {code: days for code, (_, days) in said.items()} == {
        code: states[(code, MARCH)][1] if states[(code, MARCH)][0] == "late" else None for code in CODES
    }
    assert said["MZ"][0] == "on time"


def test_sync_status_and_a_master_as_of_a_day_count_only_what_was_sent_by_then(office: Office) -> None:
    """As of 9 May the April correction of MRZBSP (10 May) was not yet sent: on time, without a correction."""
    day = dt.date(2018, 5, 9)
    shown = CliRunner().invoke(app, ["sync", "status", "--config", str(office.config_file(day)), "--json"])
    assert shown.exit_code == 0, shown.output
    words = json.loads(shown.stdout)["institutions"]
    assert expected("MRZBSP", APRIL, day) == ("on-time", 0, None)
    assert words["MRZBSP"][APRIL] == "on time"
    assert words["MZ"][MARCH] == "on time (corrected 13 Apr)"
    assert words["MRZBSP"][MARCH] == "late (2) (corrected 20 Apr)"
    # As of 12 April: MUP had sent only its version with errors, MRZBSP its first (late) one.
    day = dt.date(2018, 4, 12)
    assert (expected("MUP", MARCH, day)[0], expected("MRZBSP", MARCH, day)) == ("invalid", ("late", 2, None))
    master = office.tmp / "as-of-12-april"
    office.sync(as_of=day, data_dir=master)
    cells = rows_by_code(sheet(openpyxl.load_workbook(master / "master.xlsx"), "submissions"))
    assert cells["MUP"][MARCH] == text_of("master.submissions.invalid", LANG)
    assert unversioned(cells["MRZBSP"][MARCH]) == cell_words("late", 2, None, belgrade(4, 12))
    assert unversioned(cells["MZ"][MARCH]) == cell_words("on-time", 0, None, belgrade(4, 5))


# -- the e-mails ---------------------------------------------------------------------------------------------------


@pytest.mark.usefixtures("smtp_env")
def test_a_correction_after_the_deadline_brings_no_late_notice_and_its_receipt_says_on_time(
    server: Server,  # noqa: F811
    plan: Plan,
    registry: InstitutionRegistry,
    tmp_path: Path,
    certificate: Any,  # noqa: F811
) -> None:
    contacts = {"MUP": (["mup.trafficking@mup.gov.rs"], [], "sr-Latn"), "MZ": (["izvestaji@zdravlje.gov.rs"], [], "en")}
    config = load_config(write_config(tmp_path, server.port, certificate[0], contacts=contacts))
    folder = config.sync.reports_folder()

    def send(code: str, when: dt.datetime, problem: str) -> None:
        _, layout = filled_report(plan, registry, tmp_path, code, MARCH, {}, LANG, "blank.xlsx")
        edits = complete_monthly(layout) | {("tasks", layout.sheet("tasks").rows[0].key, "problems"): problem}
        path, _ = filled_report(plan, registry, folder, code, MARCH, edits, LANG, f"{code}.xlsx")
        os.utime(path, (when.timestamp(), when.timestamp()))

    send("MUP", belgrade(4, 5), "Obuka odložena.")
    first = sync_once(config, "schedule", as_of=dt.date(2018, 4, 11))  # the working day after the deadline
    taken = server.inbox.take()
    subjects = {(sorted(to)[0], m["Subject"]) for to, m in taken}
    assert ("izvestaji@zdravlje.gov.rs", "Late: monthly report for March 2018 (due 10 Apr 2018)") in subjects
    assert not [s for to, s in subjects if to.endswith("mup.gov.rs") and s.startswith("Kašnjenje")], first.mail

    send("MUP", belgrade(4, 13, 11, 30), "Obuka održana 12. aprila.")  # corrected after the deadline
    send("MZ", belgrade(4, 13, 12), "Bez problema.")  # MZ's first report, late
    sync_once(config, "schedule", as_of=dt.date(2018, 4, 13))
    mails = {sorted(to)[0]: m for to, m in server.inbox.take()}
    assert set(mails) == {"mup.trafficking@mup.gov.rs", "izvestaji@zdravlje.gov.rs"}  # two receipts, no notice
    receipt = " ".join(mails["mup.trafficking@mup.gov.rs"].get_content().split())
    assert mails["mup.trafficking@mup.gov.rs"]["Subject"] == "Primljeno: mesečni izveštaj za mart 2018."
    assert "posle roka" not in receipt
    assert (
        "izveštaj se računa kao dostavljen na vreme, jer je njegova ispravna verzija stigla do roka (05.04.2018.)"
        in receipt
    )
    # A report whose first valid version came late is told so, by its working days.
    late = " ".join(mails["izvestaji@zdravlje.gov.rs"].get_content().split())
    assert f"it came {days_late(MARCH, belgrade(4, 13))} working days late" in late
