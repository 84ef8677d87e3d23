"""The line above the master's Evaluation table (A2: the evaluation is provisional, who has not sent, the decisions to
review, where to type) is read whole on a 1366-pixel-wide screen, in Excel and in Google Sheets, in the three
languages (the last note's leftovers, December 2026): it was one cell that ran on to the right, 388 characters on the
demo, its end about the yellow cells off screen. It is now wrapped over the columns the screen shows, merged, and
its row is as tall as its lines.

Real runs (`run_sync`, the reports folder, a SQLite ledger, the xlsx master read back with openpyxl; the Google
master on the fake Google). The screen's room is worked out here: 1366 pixels less what Excel (row numbers, scroll
bar, window frame) or Google Sheets (row numbers, side panel, scroll bar) take, about 160 (1200 left); a column of
width w is w * 7 pixels in Excel's stored width (it holds the padding); a character of the italic default font is at
most 7 pixels on average, a line 15 points in Excel and 21 pixels in Google."""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from apmon.schemas.messages import text_of
from apmon.schemas.plan import Plan
from apmon.schemas.text import Lang
from apmon.sync.evaluation import set_assessment
from apmon.templates.google_api import RetryPolicy, make_client
from tests.fake_google import FakeGoogle, fake_google_fixture, service_account_file
from tests.test_evaluation_decided_during_run import YEAR, led_by
from tests.test_evaluation_decided_during_run import office as office_fixture
from tests.test_sync import Office
from tests.test_writers import _column_pixels, _row_pixels

fake_google = fake_google_fixture
office = office_fixture
SCREEN_ROOM = 1366 - 166  # pixels of grid a 1366-pixel-wide screen shows, in Excel and in Google Sheets
CHARACTER = 7  # pixels, at most, of a character of the default font on average


def long_line_above(office: Office, plan: Plan, **sync: Any) -> None:
    """Before the annual reports are due (provisional, 13 of 14 not sent), and a decision to review."""
    office.submit("MZ", "2018-03")
    assert office.sync(**sync).errors == []
    set_assessment(
        plan, office.ledger, activity=led_by(plan, "MZ"), year=YEAR, assessment="completed", reason="Done.",
        author="M. Marković", at=dt.datetime.now(dt.UTC), lang="en",
    )  # fmt: skip
    office.submit("MZ", "2018-04")  # after the decision: to review
    assert office.sync(**sync).errors == []


@pytest.mark.parametrize("lang", ["sr-Latn", "sr-Cyrl", "en"])
def test_the_line_above_the_evaluation_table_wraps_within_the_screen_in_excel(
    office: Office, plan: Plan, lang: Lang
) -> None:
    office.settings = office.settings.model_copy(update={"master_lang": lang})
    long_line_above(office, plan)
    assert_wrapped_within_the_screen(office.master()[text_of("evaluation.sheet", lang)], lang)


def assert_wrapped_within_the_screen(sheet: Any, lang: Lang) -> None:
    """The xlsx master's line above (A2) whole, merged over row 2 alone as wide as the screen, and as tall as its
    lines."""
    above = str(sheet["A2"].value)
    assert above.endswith(text_of("evaluation.subtitle", lang)) and len(above) > 250, above  # the whole of it
    assert sheet["A2"].alignment.wrap_text and sheet["A2"].alignment.vertical == "top"
    [span] = [m for m in sheet.merged_cells.ranges if m.min_row <= 2]
    assert (span.min_row, span.max_row, span.min_col) == (2, 2, 1)  # row 2 alone: the title and the header stay
    stored = {c: d.width for d in sheet.column_dimensions.values() for c in range(d.min, d.max + 1)}
    pixels = [round(stored[c] * 7) for c in range(1, len(stored) + 1)]
    assert sum(pixels[: span.max_col]) <= SCREEN_ROOM  # all of it on screen
    assert sum(pixels[: span.max_col + 1]) > SCREEN_ROOM or span.max_col == len(pixels)  # as wide as the screen
    lines = math.ceil(len(above) * CHARACTER / sum(pixels[: span.max_col]))
    assert lines > 1 and sheet.row_dimensions[2].height >= 15 * lines  # tall enough for its lines
    assert sheet.row_dimensions[2].height <= 15 * (lines + 2)  # and not a screenful of empty lines


def test_the_line_above_the_evaluation_table_wraps_within_the_screen_in_google_sheets(
    office: Office, plan: Plan, fake_google: FakeGoogle, tmp_path: Path
) -> None:
    client = make_client(
        service_account_file(tmp_path), fake_google.endpoints, RetryPolicy(max_attempts=2), sleep=lambda _: None
    )
    master = fake_google.add_spreadsheet("Master", {})
    office.settings = office.settings.model_copy(update={"google_master": master, "master_lang": "sr-Cyrl"})
    long_line_above(office, plan, google_client=client)
    sheet = fake_google.spreadsheets[master].sheet(text_of("evaluation.sheet", "sr-Cyrl"))
    above = str(sheet.cells[(1, 0)])
    assert above.endswith(text_of("evaluation.subtitle", "sr-Cyrl")) and len(above) > 250, above
    assert sheet.format_at("A2", "wrapStrategy") == "WRAP"
    merged = sheet.merge_at("A2")
    assert merged is not None and (merged["startRowIndex"], merged["endRowIndex"], merged["startColumnIndex"]) == (
        1,
        2,
        0,
    )
    pixels = [_column_pixels(sheet, c) for c in range(merged["endColumnIndex"] + 1)]
    assert sum(pixels[:-1]) <= SCREEN_ROOM < sum(pixels)
    lines = math.ceil(len(above) * CHARACTER / sum(pixels[:-1]))
    height = _row_pixels(sheet, 2)
    assert height is not None and lines > 1 and height >= 21 * lines, (height, lines)


def test_the_line_above_wraps_in_a_master_whose_own_sheets_are_kept(office: Office, plan: Plan) -> None:
    """A master the Coordinator added a sheet of their own to is written by another writer (openpyxl into the kept
    file, not a new one): its line above wraps the same, and nothing else moved (found by the rv-f review: the tests
    above write new masters only, and that writer's merge could go unnoticed)."""
    office.submit("MZ", "2018-03")
    assert office.sync().errors == []
    path = office.settings.master_path()
    book = openpyxl.load_workbook(path)
    book.create_sheet("Beleške")["A1"] = "Sastanak sa MZ 12. aprila."
    book.save(path)
    long_line_above(office, plan)
    book = office.master()
    assert book["Beleške"]["A1"].value == "Sastanak sa MZ 12. aprila."  # the premise: the own sheet was kept
    sheet = book[text_of("evaluation.sheet", "en")]
    assert_wrapped_within_the_screen(sheet, "en")
    # the table where the Coordinator types is where it was: its header in row 3, a row of each activity after it
    assert [m for m in sheet.merged_cells.ranges if m.min_row > 2 and m.min_row <= 3 + len(plan.activities())] == []
    assert sheet["C3"].value and sheet["C4"].value == plan.activities()[0].id
