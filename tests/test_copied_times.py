"""A reports folder copied without its file times (cp -r onto a fresh ledger): every report is late by the minute of
the copy, years after its deadline. The run and `apmon sync status` say so in ONE warning (code file-times-copied)
with what to do, in the reader's language; days late are written with the language's thousands separator."""

from __future__ import annotations

import datetime as dt
import os

import holidays
import pytest

from apmon.cli.sync import copied_times_said, show_run
from apmon.schemas.calendar import BELGRADE
from apmon.schemas.messages import text_of
from apmon.schemas.text import Lang
from apmon.sync.config import Config
from apmon.sync.findings import COPIED_TIMES_CODE, copied_file_times
from apmon.sync.status import sync_status
from tests.test_ledger import postgres_admin_url, url  # noqa: F401  (ledger backends: SQLite and PostgreSQL)
from tests.test_sync import AS_OF, Office, office  # noqa: F401

COPIED = dt.datetime(2024, 9, 2, 11, 47, 31, tzinfo=BELGRADE)  # the minute the folder was copied
PERIODS = ("2018-02", "2018-03", "2018-04")


def _working_days_after(due: dt.date, end: dt.date) -> int:
    """Counted by hand, day by day, from the holidays package (not apmon's calendar)."""
    public = holidays.country_holidays("RS", observed=True, years=range(due.year, end.year + 1))
    days = (due + dt.timedelta(days=n) for n in range(1, (end - due).days + 1))
    return sum(1 for day in days if day.weekday() < 5 and day not in public)


def _fifth_working_day(year: int, month: int) -> dt.date:
    public = holidays.country_holidays("RS", observed=True, years=year)
    day, found = dt.date(year, month, 1), 0
    while True:
        found += day.weekday() < 5 and day not in public
        if found == 5:
            return day
        day += dt.timedelta(days=1)


def _copied_folder(into: Office) -> None:
    for n, (code, period) in enumerate((code, period) for code in ("MUP", "MZ") for period in PERIODS):
        path = into.submit(code, period)
        os.utime(path, (COPIED.timestamp() + n,) * 2)  # a second apart, as cp -r leaves them: one minute


def test_a_folder_copied_without_its_times_is_said_once_in_the_run_and_in_sync_status(
    office: Office,  # noqa: F811
    url: str,  # noqa: F811
    capsys: pytest.CaptureFixture[str],
) -> None:
    _copied_folder(office)
    summary = office.sync()
    found = summary.copied_times
    assert found is not None and found.code == COPIED_TIMES_CODE == "file-times-copied"
    # April 2018's report is the least late: due on May's fifth working day, by hand from the holidays package
    fewest = _working_days_after(_fifth_working_day(2018, 5), COPIED.date())
    assert (found.files, found.periods, found.fewest_days_late) == (6, 3, fewest)
    assert found.minute == COPIED.replace(second=0)
    show_run(summary, "en")
    said = capsys.readouterr().out
    assert said.count("file-times-copied") == 1, said
    status = sync_status(Config(sync=office.settings.model_copy(update={"ledger": url})), AS_OF)
    assert status.copied_times == found


def test_timely_files_and_one_late_file_give_no_such_warning(office: Office, url: str) -> None:  # noqa: F811
    for code in ("MUP", "MZ"):
        for period in PERIODS:
            office.submit(code, period)
    late = office.submit("MUP", "2018-01")
    os.utime(late, (COPIED.timestamp(),) * 2)  # one report sent years late is a late report, not a copy
    summary = office.sync()
    assert summary.copied_times is None
    assert sync_status(Config(sync=office.settings.model_copy(update={"ledger": url})), AS_OF).copied_times is None


def _late(period: str, minute: int, days: int) -> tuple[str, dt.datetime, int]:
    return (period, dt.datetime(2024, 9, 2, 11, minute, 5, tzinfo=BELGRADE), days)


def test_many_files_of_several_periods_in_one_minute_long_late_are_a_copy() -> None:
    five = [_late(p, 47, 1500) for p in ("2018-01", "2018-02", "2018-03", "2018-03", "2017")]
    found = copied_file_times(five)
    assert found is not None and (found.files, found.periods, found.fewest_days_late) == (5, 4, 1500)
    assert copied_file_times(five[:4]) is None  # four files are not many
    assert copied_file_times([_late("2018-03", 47, 1500)] * 5) is None  # one period: one report saved five times
    assert copied_file_times([*five[:4], _late("2018-04", 48, 1500)]) is None  # another minute
    assert copied_file_times([*five[:4], _late("2018-04", 47, 59)]) is None  # under three months late: not so long


@pytest.mark.parametrize(("lang", "days"), [("sr-Latn", "2.313"), ("sr-Cyrl", "2.313"), ("en", "2,313")])
def test_the_warning_in_every_language_names_its_code_and_writes_days_with_thousands(lang: Lang, days: str) -> None:
    found = copied_file_times([_late(p, 47, 2313) for p in ("2018-01", "2018-02", "2018-03", "2018-04", "2018-05")])
    assert found is not None
    said = copied_times_said(found, lang)
    assert "file-times-copied" in said and days in said, said
    assert ("cp -p" in said) and ("robocopy" in said)


# --- days late as each reader writes numbers, wherever they are shown ---------------------------------------------

THOUSANDS = [("sr-Latn", "2.313"), ("sr-Cyrl", "2.313"), ("en", "2,313")]


@pytest.mark.parametrize(("lang", "days"), THOUSANDS)
def test_days_late_in_the_masters_cell_the_run_the_mails_and_the_brief_are_grouped_in_thousands(
    lang: Lang, days: str
) -> None:
    from apmon.schemas.messages import counted
    from apmon.sync.consolidate import SubmissionCell, submission_text
    from apmon.sync.reminders import counted as mail_counted
    from apmon.sync.report_writer import _Words, late_listed
    from apmon.templates.plan_file import load_plan, load_registry

    assert f"({days})" in submission_text(SubmissionCell(state="late", days_late=2313), lang)  # the master's cell
    assert counted(2313, "working_day", lang).startswith(f"{days} ")  # the run's table, the add-in, ledger versions
    assert days in mail_counted("late_by", 2313, lang)  # the receipt mailed to the officer
    registry = load_registry()
    words = _Words(load_plan(None, registry), registry, lang)
    assert late_listed(words, "MUP", 2313) == f"MUP ({days})"  # the Minister's brief's list of late reports
    assert counted(999, "working_day", lang).startswith("999 ")  # under a thousand: as it was


def test_a_copy_saved_again_late_in_the_same_run_as_its_timely_original_keeps_the_originals_time(
    office: Office,  # noqa: F811
) -> None:
    # The check for the same content earlier looks at this run's waiting versions of the same institution and period
    # only (89109d7): the original, read first in the run, still gives the copy its time.
    import shutil

    from apmon.schemas.calendar import Period
    from tests.test_status_and_times import saved_again
    from tests.test_sync import CAL, _working_days_after, belgrade

    original = office.submit("MZ", "2018-03")  # on its due date
    due = CAL.due_date(Period.parse("2018-03")).due
    copy = original.with_name("MZ_2018-03_kopija.xlsx")  # read after the original ("_" after ".")
    shutil.copy(original, copy)
    saved_again(copy, belgrade(_working_days_after(due, 5)))  # other bytes, the same report, a week late
    assert not office.sync().errors
    versions = office.ledger.versions("MZ", "2018-03")
    assert len(versions) == 2
    assert [(v.on_time, v.source_modified) for v in versions] == [(True, belgrade(due))] * 2


@pytest.mark.parametrize(
    "copies",
    [
        [("MZ_2018-03_kopija.xlsx", 5)],
        [("Kopija MZ_2018-03.xlsx", 5)],
        [("A kopija.xlsx", 7), ("B kopija.xlsx", 5)],  # the later first, each read before the original
    ],
)
def test_a_copy_saved_again_late_read_before_its_timely_original_takes_the_originals_time(
    office: Office,  # noqa: F811
    copies: list[tuple[str, int]],
) -> None:
    # The same report saved again a week late (other bytes, another size) under a name read before the original's:
    # its version had its own time, late by 5 days (`apmon ledger versions`), and the master said the report was
    # "corrected" that day, citing that version with the original's time. Read after it, the copy took its time.
    import shutil

    import openpyxl

    from apmon.schemas.calendar import Period
    from tests.test_status_and_times import saved_again
    from tests.test_sync import CAL, belgrade, row_of
    from tests.test_sync import _working_days_after as working_days_after

    original = office.submit("MZ", "2018-03")  # on its due date
    due = CAL.due_date(Period.parse("2018-03")).due
    for n, (name, late) in enumerate(copies):
        copy = original.with_name(name)
        shutil.copy(original, copy)
        book = openpyxl.load_workbook(copy)
        book.properties.creator = "x" * n  # each copy's bytes its own
        book.save(copy)
        saved_again(copy, belgrade(working_days_after(due, late)))
    sizes = [p.stat().st_size for p in office.folder.iterdir()]
    assert len(set(sizes)) == len(sizes) == len(copies) + 1
    summary = office.sync()
    assert not summary.errors
    assert summary.late_by_file_time == []  # nor counted among the reports late by their files' own times
    versions = office.ledger.versions("MZ", "2018-03")
    assert sorted(v.file_name for v in versions) == sorted([original.name, *(name for name, _ in copies)])
    assert [(v.on_time, v.days_late, v.source_modified) for v in versions] == [(True, 0, belgrade(due))] * len(versions)
    cell = row_of(openpyxl.load_workbook(office.settings.master_path())["Submissions"], "MZ")[1]
    assert cell.startswith("on time (") and "corrected" not in cell, cell


def test_a_copy_of_the_same_bytes_read_first_takes_the_time_of_its_original(
    office: Office,  # noqa: F811
) -> None:
    # A ministry's report copied into the folder again a week later (the same bytes, a later file time), the copy's
    # name sorting before its original's: the copy was read first and gave the version its own, later time.
    import json
    import shutil

    import openpyxl
    from typer.testing import CliRunner

    from apmon.cli.app import app
    from tests.test_sync import row_of, write_config

    sent = dt.datetime(2018, 4, 12, 10, tzinfo=BELGRADE)  # after March's deadline
    copied = dt.datetime(2018, 4, 20, 10, tzinfo=BELGRADE)
    original = office.submit("MZ", "2018-03", name="MZ_2018-03.xlsx")
    os.utime(original, (sent.timestamp(),) * 2)
    copy = original.with_name("Kopija MZ_2018-03.xlsx")  # "K" before "M": listed first
    shutil.copyfile(original, copy)
    os.utime(copy, (copied.timestamp(),) * 2)
    assert (
        copy.read_bytes() == original.read_bytes() and sorted(p.name for p in office.folder.iterdir())[0] == copy.name
    )

    summary = office.sync()
    assert not summary.errors
    days = _working_days_after(_fifth_working_day(2018, 4), sent.date())  # by hand: 2, not the copy's 8
    assert days != _working_days_after(_fifth_working_day(2018, 4), copied.date())
    (version,) = office.ledger.versions("MZ", "2018-03")
    assert (version.on_time, version.days_late, version.source_modified) == (False, days, sent)
    assert [(v.file, v.days_late) for v in summary.versions] == [("MZ_2018-03.xlsx", days)]  # the run, the receipt
    assert [(v.file, v.same_as) for v in summary.returned] == [(copy.name, "MZ_2018-03.xlsx")]

    config = write_config(office, "en")
    listed = CliRunner().invoke(
        app, ["ledger", "versions", "-i", "MZ", "-p", "2018-03", "--json", "--config", str(config)]
    )
    assert listed.exit_code == 0, listed.output
    (row,) = json.loads(listed.stdout)
    assert dt.datetime.fromisoformat(row["submitted_at"]) == sent
    assert (row["timing"]["on_time"], row["timing"]["days_late"]) == (False, days)
    cell = row_of(openpyxl.load_workbook(office.settings.master_path())["Submissions"], "MZ")
    # shown from the newest arrival (the copy's), by the time its content was first had: the original's
    assert f"late ({days}) (12 Apr 2018 10:00, first receipt of this content, version {version.id})" in cell
    for lang in ("sr-Latn", "sr-Cyrl"):  # the master in the Coordinator's language says the same
        office.settings = office.settings.model_copy(update={"master_lang": lang})
        office.sync()
        sheet = openpyxl.load_workbook(office.settings.master_path())[text_of("master.sheet.submissions", lang)]
        timing = text_of("master.submissions.late", lang, days=days)
        number = text_of("master.submissions.version", lang, version=version.id)
        when = text_of("master.submissions.time.ledger", lang, time="12.04.2018. 10:00", version=number)
        assert timing + when in row_of(sheet, "MZ"), row_of(sheet, "MZ")


def test_a_report_renamed_beside_a_later_copy_named_first_is_the_one_said_renamed(
    office: Office,  # noqa: F811
) -> None:
    # Received as MZ_2018-03.xlsx; then renamed "MZ mart.xlsx" (its time kept) and copied a week later as
    # "A kopija.xlsx" (the same bytes, named before it): the copy, read first, was said to be the file renamed, and
    # the renamed original a copy received again. The original keeps its history; the copy is the copy.
    import shutil

    sent = dt.datetime(2018, 4, 12, 10, tzinfo=BELGRADE)
    original = office.submit("MZ", "2018-03", name="MZ_2018-03.xlsx")
    os.utime(original, (sent.timestamp(),) * 2)
    assert not office.sync().errors
    renamed = original.rename(original.with_name("MZ mart.xlsx"))
    copy = original.with_name("A kopija.xlsx")
    shutil.copyfile(renamed, copy)
    os.utime(copy, (dt.datetime(2018, 4, 20, 10, tzinfo=BELGRADE).timestamp(),) * 2)

    summary = office.sync()

    assert [(m.old, m.new, m.files) for m in summary.moved_inside] == [("MZ_2018-03.xlsx", "MZ mart.xlsx", 1)]
    assert [v.file for v in summary.returned] == [copy.name] and summary.versions == []
    days = _working_days_after(_fifth_working_day(2018, 4), sent.date())
    (version,) = office.ledger.versions("MZ", "2018-03")
    assert (version.days_late, version.source_modified) == (days, sent)
