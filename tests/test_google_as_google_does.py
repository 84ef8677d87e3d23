"""The Google path as an institution officer and the Coordinator meet it, against the fake Google on loopback with
real gspread and google-auth, where Google behaves in ways the earlier tests did not model: what a failure says,
in whose language; the limit on a cell's text; how typed numbers and dates read back."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import gspread
import openpyxl
import pytest

from apmon.schemas import values
from apmon.schemas.calendar import Period
from apmon.schemas.institutions import InstitutionRegistry
from apmon.schemas.messages import message, text_of
from apmon.schemas.plan import Plan
from apmon.sync.ledger import Ledger
from apmon.sync.sources import GoogleDriveSource, SourceError
from apmon.sync.writers import REGISTER_SHEET, MasterWriteError, write_master_google
from apmon.templates import gsheet
from apmon.templates.google_api import RetryPolicy, make_client
from apmon.templates.gsheet import TEMPLATE_MARK, TEXT_FORMAT, create_google_template, read_google_grid
from apmon.templates.layout import WorkbookLayout, report_layout
from apmon.templates.parse import ParseResult, parse_grid
from apmon.templates.validation import validate_file
from tests.fake_google import MAX_CELL_CHARACTERS, FakeGoogle, fake_google_fixture, service_account_file
from tests.reports import Edits, complete_monthly, filled_report
from tests.test_sync import Office
from tests.test_writers import STATUS, _tables

fake_google = fake_google_fixture

NO_WAIT = RetryPolicy(max_attempts=2)


def _client(fake: FakeGoogle, tmp_path: Path, **kwargs: Any) -> gspread.Client:
    return make_client(service_account_file(tmp_path), fake.endpoints, NO_WAIT, sleep=lambda _: None, **kwargs)


@pytest.mark.parametrize("lang", ["sr-Latn", "sr-Cyrl", "en"])
def test_a_master_google_refused_is_said_wholly_in_the_coordinators_language(
    fake_google: FakeGoogle, tmp_path: Path, lang: Any
) -> None:
    client = _client(fake_google, tmp_path)
    master = fake_google.add_spreadsheet("Master", {"Beleške": [["moje"]]})
    fake_google.fail_next(r":batchUpdate$", 503, count=2)  # every attempt: Google's side is down
    with pytest.raises(MasterWriteError) as caught:
        write_master_google(client, master, _tables())
    said = caught.value.said(lang)
    assert text_of("google.meaning.google", lang) in said  # what it means, in the reader's language
    assert ("Google answered" in said) == (lang == "en")


@pytest.mark.parametrize(
    ("status", "meaning"),
    [(500, "google.meaning.google"), (429, "google.meaning.quota"), (404, "google.meaning.not_found")],
)
def test_a_drive_folder_not_listed_says_what_it_means(
    fake_google: FakeGoogle, tmp_path: Path, status: int, meaning: str
) -> None:
    """A Drive 500 or quota answer is not a folder id to check or a folder to share; a 404 is."""
    client = _client(fake_google, tmp_path)
    folder = fake_google.add_folder("Izveštaji")
    fake_google.fail_next(r"/drive/v3/files$", status, count=2, method="GET")
    with pytest.raises(SourceError) as caught:
        GoogleDriveSource(client, folder).scan()
    said = caught.value.said("sr-Latn")
    assert folder in said and text_of(meaning, "sr-Latn") in said
    assert ("podeljena sa servisnim nalogom" in said) == (status == 404)  # sharing is the advice for a 404 only


def test_the_fake_refuses_a_cell_text_over_googles_limit(fake_google: FakeGoogle, tmp_path: Path) -> None:
    worksheet = _client(fake_google, tmp_path).open_by_key(fake_google.add_spreadsheet("S", {"A": [[""]]})).sheet1
    worksheet.update([["x" * MAX_CELL_CHARACTERS]], "A1")
    with pytest.raises(gspread.exceptions.APIError) as caught:
        worksheet.update([["ok", "x" * (MAX_CELL_CHARACTERS + 1)]], "A1:B1")
    assert caught.value.code == 400 and "50000 characters" in str(caught.value)
    assert fake_google.spreadsheets[worksheet.spreadsheet_id].sheet("A").value("B1") is None  # nothing written


def test_a_long_progress_text_does_not_stop_the_master_google(fake_google: FakeGoogle, tmp_path: Path) -> None:
    """Every institution's progress on a task is joined into one cell: three of 20,000 characters are over Google's
    50,000, which refused the whole values write and left the master's sheets empty, run after run."""
    client = _client(fake_google, tmp_path)
    master = fake_google.add_spreadsheet("Master", {"Beleške": [["moje"]]})
    tables = _tables()
    joined = "; ".join(f"{code}: " + "napredak " * 2_200 for code in ("MUP", "MZ", "MP"))
    emoji = "🙂" * 30_000  # 30,000 characters, 60,000 UTF-16 units
    rows = [list(row) for row in tables[0].rows]
    rows[0][-1], rows[1][-1] = joined, emoji
    tables[0] = tables[0].model_copy(update={"rows": rows})
    write_master_google(client, master, tables)
    sheet = fake_google.spreadsheets[master].sheet(STATUS)
    column = gspread.utils.rowcol_to_a1(4, len(tables[0].columns))[:-1]
    written = str(sheet.value(f"{column}4"))
    assert len(written) <= MAX_CELL_CHARACTERS and written.endswith("…") and joined.startswith(written[:-1])
    assert len(str(sheet.value(f"{column}5")).encode("utf-16-le")) <= 2 * MAX_CELL_CHARACTERS
    assert sheet.value("A4") == tables[0].rows[0][0]  # the rest of the table is there


def test_the_fake_shows_numbers_and_dates_as_a_serbian_sheet_does(fake_google: FakeGoogle, tmp_path: Path) -> None:
    """FORMATTED_VALUE follows each cell's number format and the spreadsheet's locale (Google's documented
    behaviour; no recording in sr_RS exists): what apmon reads from an officer's sheet."""
    client = _client(fake_google, tmp_path)
    spreadsheet = client.open_by_key(fake_google.add_spreadsheet("S", {"A": [[""]]}))
    spreadsheet.batch_update(
        {
            "requests": [
                {"updateSpreadsheetProperties": {"properties": {"locale": "sr_RS"}, "fields": "locale"}},
                {
                    "repeatCell": {
                        "range": {"sheetId": spreadsheet.sheet1.id, "startColumnIndex": 0, "endColumnIndex": 1},
                        "cell": {"userEnteredFormat": {"numberFormat": {"type": "NUMBER", "pattern": "#,##0.00"}}},
                        "fields": "userEnteredFormat.numberFormat",
                    }
                },
            ]
        }
    )
    typed = [["79.300", "1,5", "4.5.2018", "1.234", "2018-05-04", "tekst"], ["-1234,5", 0.125]]
    spreadsheet.sheet1.update(typed, "A1:F2", value_input_option="USER_ENTERED")
    shown = spreadsheet.sheet1.get("A1:F2")
    assert shown == [["79.300,00", "1,5", "4.5.2018", "1.234", "2018-05-04", "tekst"], ["-1.234,50", "0,125"]]
    unformatted = spreadsheet.sheet1.get("A1:F1", value_render_option="UNFORMATTED_VALUE")
    assert unformatted == [[79300, 1.5, 43224, 1234, 43224, "tekst"]]  # dates as serial numbers


def test_the_fake_keeps_what_is_typed_into_a_plain_text_cell(fake_google: FakeGoogle, tmp_path: Path) -> None:
    """Typed (USER_ENTERED) into a cell formatted as plain text, a value is stored as typed (Google's TEXT number
    format); beside it, in the automatic format, the sr_RS spreadsheet reads numbers, dates (1.10 is the 1st of
    October this year, 2.1.2 the 2nd of January 2002) and formulas."""
    client = _client(fake_google, tmp_path)
    spreadsheet = client.open_by_key(fake_google.add_spreadsheet("S", {"A": [[""]]}))
    column_a = {"sheetId": spreadsheet.sheet1.id, "startColumnIndex": 0, "endColumnIndex": 1}
    spreadsheet.batch_update(
        {
            "requests": [
                {"updateSpreadsheetProperties": {"properties": {"locale": "sr_RS"}, "fields": "locale"}},
                {
                    "repeatCell": {
                        "range": column_a,
                        "cell": {"userEnteredFormat": {"numberFormat": {"type": "TEXT"}}},
                        "fields": "userEnteredFormat.numberFormat",
                    }
                },
            ]
        }
    )
    typed = ["1.10", "2.1.2", "01.02.2018", "=1+1", "1.234,50", "12", "=2,5*2"]
    spreadsheet.sheet1.update([[t, t] for t in typed], f"A1:B{len(typed)}", value_input_option="USER_ENTERED")
    stored = spreadsheet.sheet1.get(f"A1:B{len(typed)}", value_render_option="UNFORMATTED_VALUE")
    this_year = dt.datetime.now(dt.UTC).year
    first_of_october = (dt.date(this_year, 10, 1) - dt.date(1899, 12, 30)).days
    assert [row[0] for row in stored] == typed
    assert [row[1] for row in stored] == [first_of_october, 37258, 43132, 2, 1234.5, 12, 5]
    assert spreadsheet.sheet1.get("B4", value_render_option="FORMULA") == [["=1+1"]]


def _type_in(spreadsheet: gspread.Spreadsheet, layout: WorkbookLayout, edits: Edits) -> None:
    """Type `edits` into the template as an officer does in the browser (USER_ENTERED), in one request."""
    data = []
    for (role, key, column), value in edits.items():
        sheet, cell = layout.cell_of(role, key, column)  # type: ignore[arg-type]
        data.append({"range": gspread.utils.absolute_range_name(sheet, cell), "values": [[value]]})
    spreadsheet.values_batch_update({"valueInputOption": "USER_ENTERED", "data": data})


def _typed_and_read(
    client: gspread.Client,
    spreadsheet: gspread.Spreadsheet,
    layout: WorkbookLayout,
    edits: Edits,
    plan: Plan,
    registry: InstitutionRegistry,
) -> ParseResult:
    """Type `edits` into the template as an officer does (_type_in), then read it as the sync does."""
    _type_in(spreadsheet, layout, edits)
    return parse_grid(read_google_grid(client, spreadsheet.id), plan, registry)


def _as_handed_out(requests: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A template's requests as they were before its input cells were plain text: amounts in the plan's number
    format, everything else in Google's automatic one."""
    kept = []
    for request in requests:
        repeat = request.get("repeatCell") or {}
        fmt = (repeat.get("cell") or {}).get("userEnteredFormat") or {}
        if fmt.get("numberFormat") == TEXT_FORMAT:
            del fmt["numberFormat"]
            if not fmt:  # it set nothing else (as Google refuses a request with no fields)
                continue
            repeat["fields"] = "userEnteredFormat(" + ",".join(fmt) + ")"
        kept.append(request)
    return kept


@pytest.mark.parametrize("handed_out", [False, True], ids=["today", "handed-out-before-text-cells"])
def test_an_officers_typed_serbian_numbers_and_dates_read_as_meant(
    fake_google: FakeGoogle,
    tmp_path: Path,
    plan: Plan,
    registry: InstitutionRegistry,
    monkeypatch: pytest.MonkeyPatch,
    handed_out: bool,
) -> None:
    """An officer types into the Google template as in Serbia (79.300, 1.234,50, 5.4.2018); the sync reads what
    Google shows (FORMATTED_VALUE, in the sheet's number formats and the sr_RS locale) and gets what was meant:
    in today's template, where what is typed stays text, and in one handed out before, where Google made numbers."""
    if handed_out:
        built = gsheet.structure_requests
        monkeypatch.setattr(gsheet, "structure_requests", lambda layout: _as_handed_out(built(layout)))
    client = _client(fake_google, tmp_path)
    layout = report_layout(plan, registry, "MZ", Period.parse("2018-03"), "sr-Latn")
    spreadsheet = create_google_template(client, layout, fake_google.add_folder("f"))
    edits = complete_monthly(layout)
    edits[("cover", "date", "value")] = "5.4.2018"
    budget = layout.sheet("budget").rows
    for row in budget:
        edits[("budget", row.key, "spent_period")] = "79.300"
        edits[("budget", row.key, "spent_year")] = "1.234,50"  # under what is planned? not asserted here
    result = _typed_and_read(client, spreadsheet, layout, edits, plan, registry)
    sheet, cell = layout.cell_of("budget", budget[0].key, "spent_year")
    stored = fake_google.spreadsheets[spreadsheet.id].sheet(sheet).value(cell)
    assert stored == (1234.5 if handed_out else "1.234,50")
    assert result.report is not None
    assert result.report.cover.date == dt.date(2018, 4, 5)
    spent = {(str(line.spent_period), str(line.spent_year)) for line in result.report.budget if line.spent_period}
    assert spent == {("79300.00", "1234.50")}
    assert not [i for i in result.issues if i.sheet in (layout.sheet("cover").name, layout.sheet("budget").name)]


@pytest.fixture
def office(tmp_path: Path, plan: Plan, registry: InstitutionRegistry) -> Iterator[Office]:
    ledger = Ledger.open(f"sqlite:///{tmp_path / 'ledger.db'}")
    yield Office(tmp_path, plan, registry, ledger)
    ledger.close()


def _marked_spreadsheets(fake: FakeGoogle, folder: str, count: int) -> list[str]:
    titles = [f"apmon MZ {2017 + i // 12}-{i % 12 + 1:02d} (sr-Latn)" for i in range(count)]
    for title in titles:
        fake.add_spreadsheet(title, {"List": [[title]]}, parents=[folder], app_properties={TEMPLATE_MARK: title})
    return titles


def test_a_sheets_outage_is_not_retried_for_every_spreadsheet(
    office: Office, fake_google: FakeGoogle, tmp_path: Path
) -> None:
    """Drive lists the folder, but Sheets answers 503 to everything: after three spreadsheets in a row failed, the
    rest are not tried (each is named as not read, not missing); with Google back, the next run reads them all."""
    folder = fake_google.add_folder("Izveštaji")
    titles = _marked_spreadsheets(fake_google, folder, 20)
    client = _client(fake_google, tmp_path)
    fake_google.fail_next(r"/v4/spreadsheets/", 503, count=10_000)
    summary = office.sync(sources=[GoogleDriveSource(client, folder)])
    sheets_requests = len(fake_google.calls("GET", r"/v4/spreadsheets/"))
    # three spreadsheets, then one question whether Sheets answers at all, each with its retries (was 20 x 2)
    assert sheets_requests == (GoogleDriveSource.GIVE_UP_AFTER + 1) * NO_WAIT.max_attempts
    # The three tried are named each; the rest in one line, with how many and why, not a line for every one.
    *tried, rest = summary.errors
    assert len(tried) == GoogleDriveSource.GIVE_UP_AFTER and "\n" not in rest
    left = len(titles) - GoogleDriveSource.GIVE_UP_AFTER
    assert f"so {left} more were not asked for" in rest and text_of("google.meaning.google", "en") in rest
    fake_google.clear_failures()  # Google is back
    again = office.sync(sources=[GoogleDriveSource(client, folder)])
    assert again.errors == [] and len(again.versions) == len(titles)


MID_RUN = ["MZ", "MUP", "MPRAVDE", "MRZBSP", "MFIN", "MKI", "MSP", "MPNTR"]  # a March report of each, on Google


def _filled_google_reports(fake: FakeGoogle, client: gspread.Client, plan: Plan, registry: InstitutionRegistry) -> str:
    """A Drive folder holding each MID_RUN institution's Google Sheet for March 2018, filled in completely."""
    folder = fake.add_folder("Izveštaji")
    for code in MID_RUN:
        layout = report_layout(plan, registry, code, Period.parse("2018-03"), "sr-Latn")
        spreadsheet = create_google_template(client, layout, folder)
        data = []
        for (role, key, column), value in complete_monthly(layout).items():
            sheet, cell = layout.cell_of(role, key, column)  # type: ignore[arg-type]
            data.append({"range": gspread.utils.absolute_range_name(sheet, cell), "values": [[value]]})
        spreadsheet.values_batch_update({"valueInputOption": "USER_ENTERED", "data": data})
    return folder


def test_an_outage_that_begins_in_the_middle_of_a_run_keeps_what_was_read(
    office: Office, fake_google: FakeGoogle, tmp_path: Path, plan: Plan, registry: InstitutionRegistry
) -> None:
    """The first spreadsheets read fine, then Sheets stops answering: what was read is recorded and counts, the rest
    wait for the next run (one line says how many and why), none is marked missing, and the next run, Google back,
    reads only the spreadsheets left."""
    client = _client(fake_google, tmp_path)
    folder = _filled_google_reports(fake_google, client, plan, registry)
    read_before = 3  # spreadsheets read before the outage: two reads each (its sheets, then its values)
    fake_google.fail_next(r"/v4/spreadsheets/", 503, count=10_000, method="GET", after=2 * read_before)
    summary = office.sync(sources=[GoogleDriveSource(client, folder)])
    recorded = office.ledger.versions()
    kept = {v.institution for v in recorded}
    assert len(recorded) == read_before and all(v.valid for v in recorded), summary.errors
    assert {v.institution for v in summary.versions} == kept and all(v.valid for v in summary.versions)
    *tried, rest = summary.errors  # the three that failed, each named; the rest in one line
    assert len(tried) == GoogleDriveSource.GIVE_UP_AFTER and "\n" not in rest, summary.errors
    left = len(MID_RUN) - read_before - GoogleDriveSource.GIVE_UP_AFTER
    assert f"so {left} more were not asked for" in rest, rest
    # What was read counts: on the master's Submissions sheet as received; the others were sent (their spreadsheets
    # are there) but not read: never shown as missing, which would have them reminded of a report they sent
    march = {row[0]: row[1] for row in office.master()["Submissions"].iter_rows(min_row=4, values_only=True)}
    received = {code for code in MID_RUN if str(march[code]).startswith(("on time", "late"))}
    assert received == kept, march
    assert {code: march[code] for code in set(MID_RUN) - kept} == dict.fromkeys(
        set(MID_RUN) - kept, "file not read this run"
    ), march

    fake_google.clear_failures()  # Google is back
    asked_before = len(fake_google.requests)
    again = office.sync(sources=[GoogleDriveSource(client, folder)])
    assert again.errors == [], again.errors
    assert {v.institution for v in again.versions} == set(MID_RUN) - kept  # only what was left
    read_again = {
        c.path.split("/")[3].split(":")[0] for c in fake_google.requests[asked_before:] if "/v4/spreadsheets/" in c.path
    }
    assert len(read_again) == len(MID_RUN) - read_before, read_again
    assert sorted(v.institution or "" for v in office.ledger.versions()) == sorted(MID_RUN)  # none read twice


def test_the_line_of_the_spreadsheets_not_asked_for_gives_the_answer_that_showed_sheets_down(
    office: Office, fake_google: FakeGoogle, tmp_path: Path
) -> None:
    """What stops the rest of the folder is the check whether Sheets answers at all: the line of the spreadsheets not
    asked for gave the last spreadsheet's error (a 500 for that file), not the check's own answer (here the quota),
    which is what to act on. Each spreadsheet tried keeps its own error in its own line."""
    folder = fake_google.add_folder("Izveštaji")
    titles = _marked_spreadsheets(fake_google, folder, 8)
    client = _client(fake_google, tmp_path)
    listed = GoogleDriveSource(client, folder).scan()
    for candidate in listed:
        fake_google.fail_next(rf"/v4/spreadsheets/{candidate.key}\b", 500, count=10_000, message="one file")
    fake_google.fail_next(rf"/v4/spreadsheets/{folder}\b", 429, count=10_000, message="quota asked")
    summary = office.sync(sources=[GoogleDriveSource(client, folder)])
    *tried, rest = summary.errors
    assert len(tried) == GoogleDriveSource.GIVE_UP_AFTER and all("one file" in line for line in tried), tried
    assert f"so {len(titles) - len(tried)} more were not asked for" in rest, rest
    assert "quota asked" in rest and text_of("google.meaning.quota", "en") in rest, rest
    assert "one file" not in rest and text_of("google.meaning.google", "en") not in rest, rest


def test_one_broken_spreadsheet_does_not_stop_the_others(
    office: Office, fake_google: FakeGoogle, tmp_path: Path
) -> None:
    folder = fake_google.add_folder("Izveštaji")
    _marked_spreadsheets(fake_google, folder, 8)
    client = _client(fake_google, tmp_path)
    listed = GoogleDriveSource(client, folder).scan()
    broken = listed[::2]  # every other one in the order they are read fails: never three in a row
    for candidate in broken:
        fake_google.fail_next(rf"/v4/spreadsheets/{candidate.key}", 500, count=10)
    summary = office.sync(sources=[GoogleDriveSource(client, folder)])
    assert len(summary.errors) == len(broken) and len(summary.versions) == len(listed) - len(broken)


@pytest.mark.parametrize("first", [0, 2], ids=["first-read", "after-good-ones"])
@pytest.mark.parametrize("status", [500, 503, 404, 400])
def test_three_broken_spreadsheets_in_a_row_do_not_stop_the_good_ones_after_them(
    office: Office, fake_google: FakeGoogle, tmp_path: Path, status: int, first: int
) -> None:
    """Three spreadsheets that always fail, listed next to each other, looked like a Sheets outage: the rest of the
    folder was not asked for, at every run, though Sheets answered for every other spreadsheet. A 5xx for one file
    (a spreadsheet Google cannot open) as well as a 4xx (gone, not shared, a sheet it cannot read)."""
    folder = fake_google.add_folder("Izveštaji")
    _marked_spreadsheets(fake_google, folder, 8)
    client = _client(fake_google, tmp_path)
    listed = GoogleDriveSource(client, folder).scan()
    broken = listed[first : first + GoogleDriveSource.GIVE_UP_AFTER]  # before any has answered, or after some
    for candidate in broken:
        fake_google.fail_next(rf"/v4/spreadsheets/{candidate.key}", status, count=10_000)
    summary = office.sync(sources=[GoogleDriveSource(client, folder)])
    read = {version.file for version in summary.versions}
    assert read == {c.name for c in listed if c not in broken}, summary.errors  # every good one after them too
    assert len(summary.errors) == len(broken) and all(c.name in " ".join(summary.errors) for c in broken)
    assert not any("not asked for" in line for line in summary.errors)


def test_more_broken_spreadsheets_than_give_up_after_at_the_head_of_the_folder_do_not_stop_the_good_ones(
    office: Office, fake_google: FakeGoogle, tmp_path: Path
) -> None:
    """With no spreadsheet read yet in the run, Sheets was asked whether it answers about the next spreadsheet: a
    fourth broken one, listed before the good ones, failed that question too, so the whole folder was given up as a
    Sheets outage, at every run. Sheets is now asked about something no broken spreadsheet can fail."""
    folder = fake_google.add_folder("Izveštaji")
    _marked_spreadsheets(fake_google, folder, 8)
    client = _client(fake_google, tmp_path)
    listed = GoogleDriveSource(client, folder).scan()
    broken = listed[: GoogleDriveSource.GIVE_UP_AFTER + 1]
    for candidate in broken:
        fake_google.fail_next(rf"/v4/spreadsheets/{candidate.key}", 500, count=10_000)
    summary = office.sync(sources=[GoogleDriveSource(client, folder)])
    read = {version.file for version in summary.versions}
    assert read == {c.name for c in listed if c not in broken}, summary.errors
    assert len(summary.errors) == len(broken) and not any("not asked for" in line for line in summary.errors)


def test_a_master_shared_only_for_viewing_tells_the_coordinator_to_make_it_editable(
    fake_google: FakeGoogle, tmp_path: Path
) -> None:
    """The Coordinator shared the master with the service account as a viewer: Google lets it read and answers its
    writes 403 "The caller does not have permission", as for a file not shared at all. "Share it" alone reads as
    done already; the message says as what."""
    client = _client(fake_google, tmp_path)
    master = fake_google.add_spreadsheet("Master", {"Beleške": [["moje"]]})
    fake_google.read_only.add(master)
    with pytest.raises(MasterWriteError) as caught:
        write_master_google(client, master, _tables())
    assert [s.title for s in fake_google.spreadsheets[master].sheets] == ["Beleške"]  # nothing written
    assert "403" in str(caught.value) and "Editor" in caught.value.said("sr-Latn")
    assert "as an editor" in caught.value.said("en")


def test_the_coordinators_own_sheets_hidden_the_master_is_still_written(
    fake_google: FakeGoogle, tmp_path: Path
) -> None:
    """The Coordinator hides his own sheet: deleting the old managed sheets would leave none visible, which Google
    refuses for the whole batch ("You can't remove all the visible sheets"), and the master was never refreshed
    again."""
    client = _client(fake_google, tmp_path)
    master = fake_google.add_spreadsheet("Master", {"Beleške": [["moje"]]})
    write_master_google(client, master, _tables())
    book = fake_google.spreadsheets[master]
    own = {"sheetId": book.sheet("Beleške").sheet_id, "hidden": True}
    client.open_by_key(master).batch_update(
        {"requests": [{"updateSheetProperties": {"properties": own, "fields": "hidden"}}]}
    )
    write_master_google(client, master, _tables(2))
    assert book.sheet(STATUS).value("A1") == "Извештаји институција, верзија 2"
    assert book.sheet("Beleške").value("A1") == "moje" and book.sheet("Beleške").properties["hidden"]
    assert not [s.title for s in book.sheets if s.title.startswith("_apmon_old")]


def test_the_register_deleted_by_the_coordinator_the_master_is_still_written(
    fake_google: FakeGoogle, tmp_path: Path
) -> None:
    """The Coordinator unhid and deleted apmon's register sheet: apmon's sheets were then taken for his own, every
    write stopped with "rename your sheet", and a renamed one stayed as a stale copy. They carry apmon's ids."""
    client = _client(fake_google, tmp_path)
    master = fake_google.add_spreadsheet("Master", {"Beleške": [["moje"]]})
    write_master_google(client, master, _tables())
    book = fake_google.spreadsheets[master]
    client.open_by_key(master).del_worksheet_by_id(book.sheet(REGISTER_SHEET).sheet_id)
    write_master_google(client, master, _tables(2))
    assert [s.title for s in book.sheets].count(STATUS) == 1
    assert book.sheet(STATUS).value("A1") == "Извештаји институција, верзија 2"
    assert book.sheet("Beleške").value("A1") == "moje"
    assert book.sheet(REGISTER_SHEET).properties["hidden"]


def test_counts_typed_with_english_grouping_in_an_english_locale_sheet_read_as_meant(
    fake_google: FakeGoogle, tmp_path: Path, plan: Plan, registry: InstitutionRegistry
) -> None:
    """An officer of the English template sets the sheet's locale to English (File > Settings) and types 1,200
    people: Google keeps 1200 and shows "1,200", which apmon read as 1.2 and refused as not a whole number."""
    client = _client(fake_google, tmp_path)
    layout = report_layout(plan, registry, "MZ", Period.parse("2018-03"), "en")
    spreadsheet = create_google_template(client, layout, fake_google.add_folder("f"))
    spreadsheet.batch_update(
        {"requests": [{"updateSpreadsheetProperties": {"properties": {"locale": "en_US"}, "fields": "locale"}}]}
    )
    edits = complete_monthly(layout)
    edits[("cover", "date", "value")] = "2018-04-05"
    indicators = layout.sheet("indicators")
    typed: dict[str, int] = {}
    for row in indicators.rows:
        inputs = indicators.input_keys(row)
        if "total" in inputs:
            groups = [g for g in ("women", "men", "girls", "boys") if g in inputs]
            for g in groups:
                edits[("indicators", row.key, g)] = "1,200"
            typed[row.key] = 1200 * len(groups) if groups else 7000
            edits[("indicators", row.key, "total")] = f"{typed[row.key]:,}"
    assert typed
    result = _typed_and_read(client, spreadsheet, layout, edits, plan, registry)
    assert [i.code for i in result.issues if i.sheet == indicators.name] == []
    assert result.report is not None
    assert sorted(e.total for e in result.report.indicators if e.total) == sorted(typed.values())


@pytest.mark.parametrize(
    ("written", "value", "problem"),
    [("1,200", 1200, None), ("12,345,678", 12345678, None), ("1.200", 1200, None), ("12,5", None, "count-not-whole")],
)
def test_a_count_reads_thousands_grouped_either_way(written: str, value: int | None, problem: str | None) -> None:
    reading = values.count(written)
    assert (reading.value, reading.problem) == (value, problem)


# What an officer types into the Serbian template, and where: (case, typed). In sr_RS Google reads "1.10" and "2.1.2"
# as dates, "01.02.2018" as a date, "=1+1" as a formula (2), "1.234,50" and "12" as numbers.
TYPED_AS_IN_SERBIA = [
    ("amount", "1.10"),
    ("task", "2.1.2"),
    ("progress", "01.02.2018"),
    ("text", "=1+1"),
    ("amount", "1.234,50"),
    ("count", "12"),
]


@pytest.mark.parametrize(("case", "typed"), TYPED_AS_IN_SERBIA)
def test_what_an_officer_types_in_a_serbian_google_template_is_read_as_typed(
    fake_google: FakeGoogle, tmp_path: Path, plan: Plan, registry: InstitutionRegistry, case: str, typed: str
) -> None:
    """The input cells are plain text (as the xlsx template's are "@"), so what is typed in the browser is kept as
    typed and read as the parser reads the same text from an Excel text cell: an amount typed 1.10 no longer
    becomes a date's serial number, the task 2.1.2 no longer a date refused, "=1+1" stays the officer's text."""
    client = _client(fake_google, tmp_path)
    layout = report_layout(plan, registry, "MZ", Period.parse("2018-03"), "sr-Latn")
    spreadsheet = create_google_template(client, layout, fake_google.add_folder("f"))
    task = layout.sheet("tasks").rows[0].key
    indicators = layout.sheet("indicators")
    counted = next(row.key for row in indicators.rows if "total" in indicators.input_keys(row))
    where: dict[str, tuple[str, str, str]] = {
        "amount": ("budget", layout.sheet("budget").rows[0].key, "spent_period"),
        "task": ("problems", "1", "task"),
        "progress": ("tasks", task, "progress"),
        "text": ("tasks", task, "problems"),
        "count": ("indicators", counted, "total"),
    }
    task_typed = typed if case == "task" else task
    edits: Edits = {where[case]: typed, ("problems", "1", "task"): task_typed}
    edits[("problems", "1", "description")] = "Nedostaje prevodilac"
    result = _typed_and_read(client, spreadsheet, layout, edits, plan, registry)

    sheet, cell = layout.cell_of(*where[case])  # type: ignore[arg-type]
    stored = spreadsheet.values_batch_get(
        [gspread.utils.absolute_range_name(sheet, cell)], params={"valueRenderOption": "UNFORMATTED_VALUE"}
    )
    assert stored["valueRanges"][0]["values"] == [[typed]]  # kept as typed: no number, date or formula
    row, col = gspread.utils.a1_to_rowcol(cell)
    assert read_google_grid(client, spreadsheet.id).sheets[sheet][row - 1][col - 1] == typed  # as the sync reads
    assert [(i.code, i.sheet, i.cell) for i in result.issues if (i.sheet, i.cell) == (sheet, cell)] == []
    report = result.report
    assert report is not None
    read = {
        "amount": lambda: report.budget[0].spent_period,
        "task": lambda: report.problems[0].task_id,
        "progress": lambda: report.tasks[0].progress,
        "text": lambda: report.tasks[0].problems,
        "count": lambda: next(i.total for i in report.indicators if i.indicator_id == counted),
    }
    # As the parser reads the same text from an Excel text cell (tests/test_templates_as_officer.py)
    expected = {"amount": values.amount(typed).value, "count": values.count(typed).value}.get(case, typed)
    assert read[case]() == expected and expected is not None


@pytest.mark.parametrize(
    ("typed", "problem"),
    [
        ("3000,345", "amount-number-ambiguous"),  # 3.000.345 or 3000,345: shown 3.000,34
        ("3000,3456", "amount-number-too-many-decimals"),
        ("3000,34", None),
        ("79.300", None),
    ],
)
def test_an_amount_typed_into_a_template_handed_out_before_text_cells_is_read_as_typed(
    fake_google: FakeGoogle,
    tmp_path: Path,
    plan: Plan,
    registry: InstitutionRegistry,
    monkeypatch: pytest.MonkeyPatch,
    typed: str,
    problem: str | None,
) -> None:
    """In a template an older apmon handed out, an amount cell is a number in the plan's format #,##0.00: Google keeps
    the 3000,345 typed as the number 3000.345 and shows it 3.000,34. Read from what Google shows, it was 3000,34
    without a word; read as the sync reads it now, in the same one request per spreadsheet, it is refused as the
    same number stored in an xlsx file is, at its cell."""
    built = gsheet.structure_requests
    monkeypatch.setattr(gsheet, "structure_requests", lambda layout: _as_handed_out(built(layout)))
    client = _client(fake_google, tmp_path)
    folder = fake_google.add_folder("Izveštaji")
    layout = report_layout(plan, registry, "MZ", Period.parse("2018-03"), "sr-Latn")
    spreadsheet = create_google_template(client, layout, folder)
    edits = complete_monthly(layout)
    edits[("cover", "date", "value")] = "5.4.2018"
    line = layout.sheet("budget").rows[0].key
    edits[("budget", line, "spent_year")] = typed
    _type_in(spreadsheet, layout, edits)
    sheet, cell = layout.cell_of("budget", line, "spent_year")
    meant = Decimal(typed.replace(".", "").replace(",", "."))  # as typed in Serbia
    assert Decimal(str(fake_google.spreadsheets[spreadsheet.id].sheet(sheet).value(cell))) == meant  # a number

    source = GoogleDriveSource(client, folder)
    [candidate] = source.scan()
    before = len(fake_google.requests)
    fetched = source.fetch(candidate)
    sheets_reads = [r for r in fake_google.requests[before:] if r.path.startswith("/v4/spreadsheets")]
    assert len(sheets_reads) == 2  # its metadata (sheets, merged ranges) and its values: numbers as held add none

    assert fetched.grid is not None
    result = parse_grid(fetched.grid, plan, registry)
    amount_issues = [(i.code, i.sheet, i.cell) for i in result.issues if i.code.startswith("amount")]
    if problem is not None:
        assert amount_issues == [(problem, sheet, cell)]
        return
    assert amount_issues == []
    assert result.report is not None
    assert result.report.budget[0].spent_year == meant
    assert result.report.cover.date == dt.date(2018, 4, 5)


@pytest.mark.parametrize(
    ("option", "value"), [("valueRenderOption", "UNFORMATTED"), ("dateTimeRenderOption", "FORMATTED_VALUE")]
)
def test_the_fake_refuses_a_render_option_google_does_not_know(
    fake_google: FakeGoogle, tmp_path: Path, option: str, value: str
) -> None:
    """Google answers 400 to a value or date render option outside its enums (ValueRenderOption,
    DateTimeRenderOption), even with dates left to their default; the fake answered the dates' own as if it knew."""
    client = _client(fake_google, tmp_path)
    spreadsheet = client.open_by_key(fake_google.add_spreadsheet("S", {"A": [["1"]]}))
    with pytest.raises(gspread.exceptions.APIError) as refused:
        spreadsheet.values_batch_get(["A"], params={option: value})
    assert refused.value.code == 400 and f'"{value}"' in str(refused.value)


def test_an_amount_google_took_for_a_date_is_refused_at_its_cell_not_counted_as_its_serial_number(
    office: Office, fake_google: FakeGoogle, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A template of version 3, handed out before input cells were plain text: its amount cells keep the plan's
    number format. "15.3" typed there in the Serbian sheet is the 15th of March to Google, held as its serial number
    (46096 in 2026); the sync took that for the amount spent, and the master counted 46.096 RSD without a word. Read
    as Google shows the date, it is refused at its cell with the Excel path's code, and the Cover's date, a date
    cell the sync wants, still reads as the day typed."""
    built = gsheet.structure_requests
    monkeypatch.setattr(gsheet, "structure_requests", lambda layout: _as_handed_out(built(layout)))
    client = _client(fake_google, tmp_path)
    folder = fake_google.add_folder("Izveštaji")
    layout = report_layout(office.plan, office.registry, "MZ", Period.parse("2018-03"), "sr-Latn", template_version="3")
    spreadsheet = create_google_template(client, layout, folder)
    edits = complete_monthly(layout)
    edits[("cover", "date", "value")] = "5.4.2018"
    line = layout.sheet("budget").rows[0].key
    edits[("budget", line, "spent_period")] = "15.3"
    edits[("budget", line, "spent_year")] = "50.000"  # more than the serial: no other check refuses the month
    _type_in(spreadsheet, layout, edits)
    budget, cell = layout.cell_of("budget", line, "spent_period")
    serial = (dt.date(dt.datetime.now(dt.UTC).year, 3, 15) - dt.date(1899, 12, 30)).days
    assert fake_google.spreadsheets[spreadsheet.id].sheet(budget).value(cell) == serial  # Google took it for a date

    summary = office.sync(sources=[GoogleDriveSource(client, folder)])
    (version,) = summary.versions
    assert (version.institution, version.valid) == ("MZ", False)
    (stored,) = office.ledger.versions("MZ")
    dates = [(i["code"], i["sheet"], i["cell"]) for i in stored.issues if i["code"] == "number-is-a-date"]
    assert dates == [("number-is-a-date", budget, cell)]  # as a date in an xlsx amount cell is said
    assert [i for i in stored.issues if i["sheet"] == layout.sheet("cover").name] == []  # the Cover's date read
    master = office.master()
    figures = {c.value for row in master["Budget"].iter_rows() for c in row if isinstance(c.value, int | float)}
    assert serial not in figures and float(serial) not in figures
    said = [[str(c.value) for c in row] for row in master["Issues"].iter_rows()]
    assert [row for row in said if budget in row and cell in row]  # the master's Issues name the sheet and cell

    read = parse_grid(read_google_grid(client, spreadsheet.id), office.plan, office.registry)
    assert read.report is not None and read.report.cover.date == dt.date(2018, 4, 5)


def test_status_cells_merged_in_a_google_report_are_named_as_in_an_excel_report(
    office: Office, fake_google: FakeGoogle, tmp_path: Path
) -> None:
    """An officer merges the status cells of two tasks (E4:E5) in the Google template to give both one status, and
    widens the first task's progress over its problems and measures. Google keeps the first cell's value only, so
    the second task read empty and the run said only that it has no status, while the officer sees one; the Excel
    path names the merge at the cell it empties. The Google sync reads the merges in its metadata read and says
    the same as for the same merges in an xlsx file: the same issues, the same message."""
    client = _client(fake_google, tmp_path)
    folder = fake_google.add_folder("Izveštaji")
    layout = report_layout(office.plan, office.registry, "MUP", Period.parse("2018-03"), "sr-Latn")
    spreadsheet = create_google_template(client, layout, folder)
    edits = complete_monthly(layout)
    _type_in(spreadsheet, layout, edits)
    first, second = (row.key for row in layout.sheet("tasks").rows[:2])
    tasks, first_cell = layout.cell_of("tasks", first, "status")
    _, second_cell = layout.cell_of("tasks", second, "status")
    progress, measures = (layout.cell_of("tasks", first, column)[1] for column in ("progress", "measures"))
    sheet_id = spreadsheet.worksheet(tasks).id
    merges = [gspread.utils.a1_range_to_grid_range(f"{a}:{b}", sheet_id) for a, b in
              ((first_cell, second_cell), (progress, measures))]  # fmt: skip
    spreadsheet.batch_update({"requests": [{"mergeCells": {"range": m, "mergeType": "MERGE_ALL"}} for m in merges]})
    assert fake_google.spreadsheets[spreadsheet.id].sheet(tasks).value(second_cell) is None  # Google emptied it

    before = len(fake_google.requests)
    summary = office.sync(sources=[GoogleDriveSource(client, folder)])
    (version,) = summary.versions
    assert (version.institution, version.valid) == ("MUP", False)
    (stored,) = office.ledger.versions("MUP")
    google = [(i["code"], i["severity"], i["sheet"], i["cell"], i["value"]) for i in stored.issues]

    path, _ = filled_report(office.plan, office.registry, tmp_path, "MUP", "2018-03", edits, lang="sr-Latn")
    book = openpyxl.load_workbook(path)
    book[tasks].merge_cells(f"{first_cell}:{second_cell}")
    book[tasks].merge_cells(f"{progress}:{measures}")
    book.save(path)
    excel = validate_file(path, office.plan, office.registry, checked_on=dt.date(2018, 4, 3)).issues
    assert google == [(i.code, i.severity, i.sheet, i.cell, i.value) for i in excel]
    assert google == [("cells-merged", "error", tasks, second_cell, f"{first_cell}:{second_cell}")]
    assert stored.issues[0]["message"] == message(excel[0], "en")  # the ledger keeps the English words
    assert "Google Sheets: Format > Merge cells > Unmerge" in stored.issues[0]["message"]  # where it is undone there
    reads = [r.path.rsplit("/", 1)[-1] for r in fake_google.requests[before:] if r.path.startswith("/v4/")]
    assert reads == [spreadsheet.id, "values:batchGet"]  # its metadata (titles and merges), then its values


def test_a_merge_listed_without_its_indexes_of_zero_is_read_from_the_first_row_and_column(
    fake_google: FakeGoogle, tmp_path: Path
) -> None:
    """Google's JSON may leave out a field whose value is 0 (a merge from A1 without startRowIndex and
    startColumnIndex): such a merge starts in the first row and column, and only the merges of the sheets read."""
    client = _client(fake_google, tmp_path)
    spreadsheet = fake_google.add_spreadsheet("S", {"A": [["x", "", "y"]], "B": [["z"]]})
    book = fake_google.spreadsheets[spreadsheet]
    book.sheet("A").merges += [
        {"endRowIndex": 2, "endColumnIndex": 2},
        {"startColumnIndex": 2, "endRowIndex": 1, "endColumnIndex": 4},
    ]
    book.sheet("B").merges.append({"endRowIndex": 3, "endColumnIndex": 1})
    assert read_google_grid(client, spreadsheet, ["A"]).merged == [("A", "A1:B2"), ("A", "C1:D1")]
    assert read_google_grid(client, spreadsheet).merged == [("A", "A1:B2"), ("A", "C1:D1"), ("B", "A1:A3")]


def test_a_leading_apostrophe_typed_into_a_text_cell_does_not_reach_the_master(
    fake_google: FakeGoogle, tmp_path: Path, plan: Plan, registry: InstitutionRegistry
) -> None:
    """Officers type an apostrophe before what Excel would take for a number or a date ("'10% урађено", out of the
    habit Excel taught them: there it says "text" and is no part of the value). In the Google template's plain-text
    cells Google keeps it, and the master showed the progress "'10% урађено" and the preparer "'Јелена Петровић";
    amounts, counts and choices were already read without it. A text is now read as Excel reads it, one apostrophe
    fewer; two typed ("''90-их") keep one, as in Excel."""
    client = _client(fake_google, tmp_path)
    layout = report_layout(plan, registry, "MZ", Period.parse("2018-03"), "sr-Cyrl")
    spreadsheet = create_google_template(client, layout, fake_google.add_folder("f"))
    task = layout.sheet("tasks").rows[0].key
    edits: Edits = {
        ("cover", "preparer", "value"): "'Јелена Петровић",
        ("tasks", task, "progress"): "'10% урађено",
        ("tasks", task, "problems"): "''90-их",
    }
    result = _typed_and_read(client, spreadsheet, layout, edits, plan, registry)
    sheet, cell = layout.cell_of("tasks", task, "progress")
    stored = fake_google.spreadsheets[spreadsheet.id].sheet(sheet).value(cell)
    assert stored == "'10% урађено"  # as Google keeps it in a plain-text cell
    assert result.report is not None
    assert result.report.cover.preparer == "Јелена Петровић"
    assert (result.report.tasks[0].progress, result.report.tasks[0].problems) == ("10% урађено", "'90-их")


def test_the_google_master_in_the_reports_drive_folder_is_not_named_as_left_alone(
    office: Office, fake_google: FakeGoogle, tmp_path: Path
) -> None:
    """The master Google Sheet kept in the institutions' Drive folder (where the templates are): every run named
    the Coordinator's own master among the "spreadsheets without apmon's mark left alone". Through the sources
    apmon.toml makes; another spreadsheet without the mark is still named."""
    from apmon.sync.config import Config, GoogleSettings
    from apmon.sync.run import configured_sources

    folder = fake_google.add_folder("Izveštaji")
    master = fake_google.add_spreadsheet("Zbirna radna sveska", {}, parents=[folder])
    fake_google.add_spreadsheet("Beleške", {"List": [["moje"]]}, parents=[folder])
    _marked_spreadsheets(fake_google, folder, 1)
    office.settings = office.settings.model_copy(update={"google_folder": folder, "google_master": master})
    google = GoogleSettings(credentials=service_account_file(tmp_path), endpoints=fake_google.endpoints, retry=NO_WAIT)
    configured = configured_sources(Config(sync=office.settings, google=google), office.ledger)
    summary = office.sync(sources=configured.sources, google_client=configured.google_client)
    assert summary.google_master == master and len(summary.versions) == 1
    left_alone = [line for line in summary.warnings if "spreadsheets without apmon's mark" in line]
    assert [line.rsplit(": ", 2)[1:] for line in left_alone] == [["1", "Beleške"]], left_alone
