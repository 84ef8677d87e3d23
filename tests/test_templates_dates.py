"""The locked dates of a report template (the Cover's due date, the Tasks sheet's deadlines) are said as the
template's reader writes dates: 10 Apr 2018 in English (a reader of English may take 10.04.2018 for 4 October),
10.04.2018. in Serbian. Template version 7 made it so; templates of version 6 and before, already handed out with
10.04.2018 in every language, are still read as they were."""

from __future__ import annotations

import csv
import datetime as dt
import re
import subprocess
import zipfile
from pathlib import Path

import openpyxl
from openpyxl.worksheet.worksheet import Worksheet

from apmon.schemas.calendar import Period
from apmon.schemas.institutions import InstitutionRegistry
from apmon.schemas.messages import text_of
from apmon.schemas.plan import Plan
from apmon.schemas.text import Lang
from apmon.templates.gsheet import create_google_template
from apmon.templates.layout import TEMPLATE_VERSION, report_layout
from apmon.templates.parse import parse_grid
from apmon.templates.read_xlsx import read_xlsx
from apmon.templates.xlsx import write_xlsx
from tests.fake_google import FakeGoogle, fake_google_fixture
from tests.libreoffice import needs_libreoffice
from tests.test_templates_google import client_for

fake_google = fake_google_fixture

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
# Due dates worked out by hand from the Serbian calendar: the 5th working day of April 2018 (Orthodox Good Friday,
# 6 April, and Easter Monday, 9 April, are holidays), and 15 February 2019, Statehood Day, moved past the
# holidays and the weekend to Monday 18 February.
DUE = {"2018-03": dt.date(2018, 4, 10), "2018": dt.date(2019, 2, 18)}
# Serbian: the year is an ordinal number and ends with a full stop; the words before the date of each deadline kind.
WORDS: dict[str, dict[str, str]] = {
    "sr-Latn": {"due": "do", "continuous": "kontinuirano do"},
    "sr-Cyrl": {"due": "до", "continuous": "континуирано до"},
    "en": {"due": "by", "continuous": "continuously until"},
}
NUMERIC_DATE = re.compile(r"\b\d{1,2}\.\d{1,2}\.\d{4}")


def _written(day: dt.date, lang: str) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}" if lang == "en" else f"{day:%d.%m.%Y}."


def _build(
    plan: Plan, registry: InstitutionRegistry, period: str, lang: Lang, tmp: Path, version: str, code: str = "MUP"
) -> Path:
    path = tmp / f"{code}_{period}_{lang}_v{version}.xlsx"
    write_xlsx(report_layout(plan, registry, code, Period.parse(period), lang, template_version=version), path)
    return path


def _cover_due(cover: Worksheet, lang: Lang) -> object:
    (due,) = [row[1] for row in cover.iter_rows(values_only=True) if row[0] == text_of("cover.due", lang)]
    return due


def _deadlines(tasks: Worksheet, lang: Lang) -> dict[str, object]:
    """Task id -> its Deadline cell, found by the column's header."""
    header = [cell.value for cell in tasks[3]]
    column = header.index(text_of("col.deadline", lang))
    return {str(row[0].value): row[column] for row in tasks.iter_rows(min_row=4) if row[0].value}


def _expected_deadline(plan: Plan, task: str, lang: str) -> str:
    deadline = plan.activity_of(task).deadline
    return f"{WORDS[lang][deadline.kind]} {_written(deadline.end, lang)}"


def test_a_template_says_its_locked_dates_in_its_language(
    plan: Plan, registry: InstitutionRegistry, tmp_path: Path
) -> None:
    """Read with openpyxl as text cells: what Excel and LibreOffice show is the text itself, no number format."""
    langs: tuple[Lang, ...] = ("en", "sr-Latn", "sr-Cyrl")
    for lang in langs:
        for period in DUE:
            book = openpyxl.load_workbook(_build(plan, registry, period, lang, tmp_path, TEMPLATE_VERSION))
            cover, tasks = book[text_of("sheet.cover", lang)], book[text_of("sheet.tasks", lang)]
            assert _cover_due(cover, lang) == _written(DUE[period], lang), (lang, period)
            deadlines = _deadlines(tasks, lang)
            assert {k for k in deadlines} == {t.id for t in plan.tasks() if "MUP" in t.lead or "MUP" in t.partners}
            kinds = {plan.activity_of(task).deadline.kind for task in deadlines}
            assert kinds == {"due", "continuous"}  # both forms are seen
            for task, cell in deadlines.items():
                assert (cell.value, cell.data_type) == (_expected_deadline(plan, task, lang), "s"), (lang, task)
            if lang == "en":  # no date anywhere in the Serbian form
                shown = [
                    cell.value
                    for ws in book.worksheets
                    if ws.sheet_state == "visible"
                    for row in ws.iter_rows()
                    for cell in row
                    if isinstance(cell.value, str) and NUMERIC_DATE.search(cell.value)
                ]
                assert shown == [], period
        # the short reports' covers: a Working Group member's, a civil society representative's
        for code in ("MOS", "OCD4"):
            book = openpyxl.load_workbook(_build(plan, registry, "2018-03", lang, tmp_path, TEMPLATE_VERSION, code))
            assert _cover_due(book[text_of("sheet.cover", lang)], lang) == _written(DUE["2018-03"], lang), code


def test_an_english_version_6_template_handed_out_is_read_as_it_was(
    plan: Plan, registry: InstitutionRegistry, tmp_path: Path
) -> None:
    """An English template built by version 6 (as main built it before version 7) says 10.04.2018; it keeps its
    fingerprint and validates, neither outdated nor tampered with."""
    old = report_layout(plan, registry, "MUP", Period.parse("2018-03"), "en", template_version="6")
    assert old.meta.fingerprint == "400a6ce0890d630368742b6b846e44e6"  # as version 6 computed it before version 7
    path = tmp_path / "v6.xlsx"
    write_xlsx(old, path)
    book = openpyxl.load_workbook(path)
    assert _cover_due(book["Cover"], "en") == "10.04.2018"
    for task, cell in _deadlines(book["Tasks"], "en").items():
        deadline = plan.activity_of(task).deadline
        assert cell.value == f"{WORDS['en'][deadline.kind]} {deadline.end:%d.%m.%Y}"
    result = parse_grid(read_xlsx(path), plan, registry, expected_institution="MUP", expected_period="2018-03")
    assert result.issues == []
    assert result.report is not None and result.report.template_version == "6"


def test_a_version_6_template_with_the_new_dates_is_outdated(
    plan: Plan, registry: InstitutionRegistry, tmp_path: Path
) -> None:
    """Version 6 is compared with its own layout: a file that says version 6 but has version 7's dates is refused."""
    new = report_layout(plan, registry, "MUP", Period.parse("2018-03"), "en")
    path = tmp_path / "mixed.xlsx"
    write_xlsx(new.model_copy(update={"meta": new.meta.model_copy(update={"template_version": "6"})}), path)
    result = parse_grid(read_xlsx(path), plan, registry)
    assert [i.code for i in result.issues] == ["template-outdated"]


def test_a_serbian_template_changes_only_its_dates_which_gain_their_full_stop(
    plan: Plan, registry: InstitutionRegistry, tmp_path: Path
) -> None:
    """Version 6 wrote 10.04.2018 in Serbian too; version 7 writes 10.04.2018., as every other Serbian text of apmon
    does. Every other cell is as it was, and so is the file byte for byte (styles, widths, heights) but for those
    texts, its creation time and the hidden sheet's version and fingerprint."""
    for lang in ("sr-Latn", "sr-Cyrl"):
        for period in DUE:
            paths = [_build(plan, registry, period, lang, tmp_path, v) for v in ("6", "7")]
            old, new = (
                {
                    (ws.title, cell.coordinate): cell.value
                    for ws in openpyxl.load_workbook(path).worksheets
                    if ws.title != "_apmon"
                    for row in ws.iter_rows()
                    for cell in row
                }
                for path in paths
            )
            assert old.keys() == new.keys()
            changed = {where: (old[where], new[where]) for where in old if old[where] != new[where]}
            assert len(changed) > 1
            for (sheet, _), (before, after) in changed.items():
                assert sheet in (text_of("sheet.cover", lang), text_of("sheet.tasks", lang))
                assert NUMERIC_DATE.search(before) and after == before + ".", (before, after)

            old_parts, new_parts = ({n: z.read(n) for n in z.namelist()} for z in map(zipfile.ZipFile, paths))
            assert old_parts.keys() == new_parts.keys()
            for name, part in new_parts.items():
                if name == "docProps/core.xml" or b"template_version" in part:
                    continue
                for before, after in {(b, a) for b, a in changed.values()}:
                    # as openpyxl writes a text: a letter beyond ASCII as a character reference (&#1076;)
                    written = [f">{text}<".encode("ascii", "xmlcharrefreplace") for text in (after, before)]
                    part = part.replace(*written)
                assert part == old_parts[name], name


def test_an_english_google_template_says_its_dates_in_english(
    fake_google: FakeGoogle, tmp_path: Path, plan: Plan, registry: InstitutionRegistry
) -> None:
    folder = fake_google.add_folder("Reports 2018")
    layout = report_layout(plan, registry, "MUP", Period.parse("2018"), "en")
    spreadsheet = create_google_template(client_for(fake_google, tmp_path), layout, folder, share_with=[])
    book = fake_google.spreadsheets[spreadsheet.id]
    cover = book.sheet("Cover").values
    assert [row[1] for row in cover if row and row[0] == text_of("cover.due", "en")] == ["18 Feb 2019"]
    tasks = book.sheet("Tasks").values
    column = tasks[2].index(text_of("col.deadline", "en"))
    shown = {str(row[0]): row[column] for row in tasks[3:] if row and row[0]}
    assert shown and shown == {task: _expected_deadline(plan, task, "en") for task in shown}


@needs_libreoffice
def test_libreoffice_shows_an_english_templates_dates_in_english(
    plan: Plan, registry: InstitutionRegistry, tmp_path: Path
) -> None:
    """What the officer sees, not only the stored value: every sheet saved by LibreOffice as the cells are shown."""
    path = _build(plan, registry, "2018-03", "en", tmp_path, TEMPLATE_VERSION)
    subprocess.run(
        [
            "soffice", "--headless", "--norestore", f"-env:UserInstallation=file://{tmp_path}/lo-profile",
            # comma, quote, UTF-8, from row 1; cells as shown; each sheet to its own file
            "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1",
            "--outdir", str(tmp_path / "shown"), str(path),
        ],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip

    def shown(sheet: str) -> list[list[str]]:
        with (tmp_path / "shown" / f"{path.stem}-{sheet}.csv").open(encoding="utf-8", newline="") as f:
            return list(csv.reader(f))

    assert [row[1] for row in shown("Cover") if row[0] == text_of("cover.due", "en")] == ["10 Apr 2018"]
    tasks = shown("Tasks")
    column = tasks[2].index(text_of("col.deadline", "en"))
    deadlines = {row[0]: row[column] for row in tasks[3:] if row and row[0]}
    assert deadlines and deadlines == {task: _expected_deadline(plan, task, "en") for task in deadlines}
