"""Google faults a real deployment meets (issue 13, points 6-11), each against the fake Google on loopback
with real gspread and google-auth: a master write cut half-way, the per-minute quota, a revoked key, dropped
and hanging connections, the spreadsheet's locale, half-built and duplicate templates, trashed files."""

from __future__ import annotations

import datetime as dt
import json
import os
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import gspread
import pytest
from gspread.urls import DRIVE_FILES_API_V3_URL
from typer.testing import CliRunner

from apmon.cli.app import app
from apmon.schemas.calendar import Period
from apmon.schemas.institutions import InstitutionRegistry
from apmon.schemas.messages import text_of
from apmon.schemas.plan import Plan
from apmon.sync.ledger import Ledger
from apmon.sync.sources import FolderSource, GoogleDriveSource
from apmon.sync.writers import REGISTER_SHEET, MasterWriteError, write_master_google
from apmon.templates.build import write_google_templates
from apmon.templates.google_api import QuotaSettings, RetryPolicy, batch_get_values, make_client
from apmon.templates.gsheet import TEMPLATE_MARK, create_google_template, spreadsheet_title, structure_requests
from apmon.templates.layout import report_layout, sheet_names
from tests.fake_google import FakeGoogle, fake_google_fixture, service_account_file
from tests.reports import complete_monthly, filled_report
from tests.test_ledger import postgres_admin_url, url  # noqa: F401  (ledger backends: SQLite and PostgreSQL)
from tests.test_sync import Office
from tests.test_writers import STATUS, _tables

fake_google = fake_google_fixture

NO_WAIT = RetryPolicy(max_attempts=2)


@pytest.fixture
def office(url: str, tmp_path: Path, plan: Plan, registry: InstitutionRegistry) -> Iterator[Office]:  # noqa: F811
    ledger = Ledger.open(url)
    yield Office(tmp_path, plan, registry, ledger)
    ledger.close()


def _client(fake: FakeGoogle, tmp_path: Path, retry: RetryPolicy = NO_WAIT, **kwargs: Any) -> gspread.Client:
    return make_client(service_account_file(tmp_path), fake.endpoints, retry, sleep=lambda _: None, **kwargs)


def _one_line(messages: list[str]) -> str:
    (message,) = messages
    assert "\n" not in message and "Traceback" not in message
    return message


def _google_master_and_mz(
    office: Office, fake_google: FakeGoogle, tmp_path: Path, own: dict[str, list[list[str]]] | None = None
) -> tuple[gspread.Client, str]:
    """The office's sync set to write a Google master too, one holding a sheet of the Coordinator's own (`own`, by
    default Beleške), and MZ's March report submitted; the Google client and the master's key."""
    client = _client(fake_google, tmp_path)
    master = fake_google.add_spreadsheet("Master", own if own is not None else {"Beleške": [["moje"]]})
    office.settings = office.settings.model_copy(update={"google_master": master})
    office.submit("MZ", "2018-03")
    return client, master


# --------------------------------------------------------------------------- 6: a half-written master


def test_a_master_write_cut_after_its_structure_is_replaced_by_the_next(
    fake_google: FakeGoogle, tmp_path: Path
) -> None:
    client = _client(fake_google, tmp_path)
    master = fake_google.add_spreadsheet("Master", {"Beleške": [["moje"]]})
    fake_google.fail_next(r"values:batchUpdate", 503, count=2)  # every attempt of the values write
    with pytest.raises(MasterWriteError):
        write_master_google(client, master, _tables())
    book = fake_google.spreadsheets[master]
    assert book.sheet(STATUS).value("A1") is None  # the half-written state: sheets made, still empty

    write_master_google(client, master, _tables(2))  # no clash with apmon's own sheets: they are replaced
    assert [s.title for s in book.sheets].count(STATUS) == 1
    assert book.sheet(STATUS).value("A1") == "Извештаји институција, верзија 2"
    assert book.sheet("Beleške").value("A1") == "moje"


def test_a_failed_google_master_is_written_again_by_the_next_run(
    office: Office, fake_google: FakeGoogle, tmp_path: Path
) -> None:
    client, master = _google_master_and_mz(office, fake_google, tmp_path)
    fake_google.fail_next(r"values:batchUpdate", 503, count=2)
    first = office.sync(google_client=client)
    assert first.failed and first.google_master is None and first.master  # the xlsx master was written
    _one_line(first.errors)

    again = office.sync(google_client=client)  # the same day, nothing new at the source
    assert again.versions == [] and again.errors == []
    assert again.google_master == master
    submissions = fake_google.spreadsheets[master].sheet("Submissions")
    assert submissions.value("A1")  # the tables hold their values now
    assert office.sync(google_client=client).google_master is None  # and then it is up to date


def test_the_xlsx_master_open_in_excel_leaves_the_google_master_written(
    office: Office, fake_google: FakeGoogle, tmp_path: Path
) -> None:
    """The Coordinator keeps the master xlsx open in Excel (its lock file beside it) all day: the run leaves that
    file alone, but the master Google spreadsheet, which Excel does not hold, is still written with the new report;
    the xlsx master is written by the first run after Excel closed."""
    client, master = _google_master_and_mz(office, fake_google, tmp_path)
    assert office.sync(google_client=client).google_master == master
    xlsx = office.settings.master_path()
    before = xlsx.read_bytes()

    lock = xlsx.with_name(f"~${xlsx.name}")
    lock.write_bytes(b"\x0bKoordinator" + b" " * 42)
    office.submit("MUP", "2018-03")
    held = office.sync(google_client=client)
    assert lock.name in _one_line(held.errors) and held.master_open == xlsx.name
    assert xlsx.read_bytes() == before
    assert held.google_master == master
    submissions = fake_google.spreadsheets[master].sheet("Submissions")
    institutions = {submissions.value(f"A{row}") for row in range(1, 60)}
    assert "MUP" in institutions  # the report that came while the xlsx was open

    lock.unlink()  # Excel closed
    closed = office.sync(google_client=client)
    assert closed.errors == [] and closed.master == str(xlsx)


# --------------------------------------------------------------------------- 7: pacing under the quota


class FakeClock:
    """Simulated time shared by the fake Google (its quota window) and the client (pacing and retries)."""

    def __init__(self) -> None:
        self.seconds = 0.0

    def now(self) -> dt.datetime:
        return dt.datetime(2026, 3, 2, 8, 0, tzinfo=dt.UTC) + dt.timedelta(seconds=self.seconds)

    def monotonic(self) -> float:
        return self.seconds

    def sleep(self, seconds: float) -> None:
        self.seconds += max(seconds, 0.0)


def test_a_sync_of_200_spreadsheets_is_paced_to_the_read_quota(office: Office, tmp_path: Path) -> None:
    clock = FakeClock()
    with FakeGoogle(clock=clock.now, quota_per_minute=60) as fake:
        folder = fake.add_folder("Izveštaji")
        for i in range(200):
            title = f"apmon MZ{i} 2018-03 (sr-Latn)"  # as apmon names a template: its sheets are read in one go
            sheets = {name: [["x", i]] for name in sheet_names("monthly", "sr-Latn")}
            fake.add_spreadsheet(title, sheets, parents=[folder], app_properties={TEMPLATE_MARK: title})
        master = fake.add_spreadsheet("Master", {"Beleške": [["moje"]]})
        client = make_client(
            service_account_file(tmp_path),
            fake.endpoints,
            RetryPolicy(),
            sleep=clock.sleep,
            clock=clock.monotonic,
            quota=QuotaSettings(reads_per_minute=60, writes_per_minute=60),
        )
        office.settings = office.settings.model_copy(update={"google_master": master})
        summary = office.sync(sources=[GoogleDriveSource(client, folder)], google_client=client)
    assert fake.quota_refusals == 0 and summary.errors == []
    assert summary.files_changed == 200 and summary.google_master == master
    # 402 reads at 60 a minute (each spreadsheet's metadata, for its merged ranges, and its values): 6 to 7 minutes
    assert 360 <= clock.seconds <= 420, clock.seconds


def test_a_hanging_request_is_retried_like_a_5xx(fake_google: FakeGoogle, tmp_path: Path) -> None:
    sheet = fake_google.add_spreadsheet("Izveštaj", {"List": [["a", 1]]})
    client = _client(fake_google, tmp_path, RetryPolicy(max_attempts=3), timeout=0.3)
    fake_google.drop_next(r"values:batchGet", hang=1.0)  # no answer within the timeout
    fake_google.drop_next(r"values:batchGet")  # then a dropped connection
    assert batch_get_values(client, sheet, ["List"]) == {"List": [["a", "1"]]}
    assert [r.method for r in fake_google.calls(path_regex="values:batchGet")] == ["DROP", "DROP", "GET"]


# --------------------------------------------------------------------------- 8: errors outside the API


def test_a_revoked_key_stops_neither_the_reports_folder_nor_the_xlsx_master(
    office: Office, fake_google: FakeGoogle, tmp_path: Path
) -> None:
    client = _client(fake_google, tmp_path)
    folder = fake_google.add_folder("Izveštaji")
    office.submit("MZ", "2018-03")
    fake_google.revoke_key()
    summary = office.sync(sources=[GoogleDriveSource(client, folder), FolderSource(office.folder)])
    assert [v.institution for v in summary.versions] == ["MZ"] and summary.master
    assert summary.failed and "key" in _one_line(summary.errors)


def test_the_token_endpoint_down_is_one_line(office: Office, fake_google: FakeGoogle, tmp_path: Path) -> None:
    client = _client(fake_google, tmp_path)
    folder = fake_google.add_folder("Izveštaji")
    fake_google.drop_next(r"^/token$", count=2)
    summary = office.sync(sources=[GoogleDriveSource(client, folder), FolderSource(office.folder)])
    assert summary.failed and "could not be reached" in _one_line(summary.errors)


def test_a_dropped_connection_during_the_master_write_is_one_line_and_repaired(
    office: Office, fake_google: FakeGoogle, tmp_path: Path
) -> None:
    client, master = _google_master_and_mz(office, fake_google, tmp_path)
    fake_google.drop_next(r":batchUpdate$", count=2)
    first = office.sync(google_client=client)
    assert first.failed and first.master and master in _one_line(first.errors)
    assert office.sync(google_client=client).google_master == master


def test_a_sheet_name_clash_in_the_google_master_is_one_line(
    office: Office, fake_google: FakeGoogle, tmp_path: Path
) -> None:
    """The Coordinator's own sheet has a table's name: apmon says so and asks nothing of the master. Google itself
    refuses a second sheet of a name, so without apmon's own check the sheet was kept too, but the run said Google's
    400 and had sent the master a write."""
    client, master = _google_master_and_mz(office, fake_google, tmp_path, own={"Submissions": [["mine"]]})
    summary = office.sync(google_client=client)
    assert summary.failed and summary.master
    assert _one_line(summary.errors) == text_of(
        "write.google_own_sheet", "en", spreadsheet=master, sheet="Submissions"
    )  # the office's master speaks English
    assert fake_google.calls("POST", path_regex=master) == []  # nothing asked of the master
    assert fake_google.spreadsheets[master].sheet("Submissions").value("A1") == "mine"


def test_a_dropped_connection_during_template_build_stops_no_other_institution(
    fake_google: FakeGoogle, tmp_path: Path, plan: Plan, registry: InstitutionRegistry
) -> None:
    client = _client(fake_google, tmp_path)
    folder = fake_google.add_folder("Izveštaji")
    built = [report_layout(plan, registry, code, Period.parse("2018-03"), "sr-Latn") for code in ("PA", "MZ")]
    fake_google.drop_next(r":batchUpdate$", count=2)  # PA's structure write, every attempt
    results, failures = write_google_templates(client, built, folder, {})
    assert [r.institution for r in results] == ["MZ"]
    assert _one_line([str(f) for f in failures]).startswith("PA: ")
    left = [f for f in fake_google.files.values() if folder in f["parents"] and not f["trashed"]]
    assert [f["name"] for f in left] == [spreadsheet_title(built[1])]  # PA's half-built sheet is in the trash


# --------------------------------------------------------------------------- 9: locale


def test_templates_read_typed_numbers_and_dates_as_in_serbia(
    fake_google: FakeGoogle, tmp_path: Path, plan: Plan, registry: InstitutionRegistry
) -> None:
    client = _client(fake_google, tmp_path)
    layout = report_layout(plan, registry, "MZ", Period.parse("2018-03"), "sr-Latn")
    spreadsheet = create_google_template(client, layout, fake_google.add_folder("f"))
    book = fake_google.spreadsheets[spreadsheet.id]
    assert (book.properties["locale"], book.properties["timeZone"]) == ("sr_RS", "Europe/Belgrade")
    budget = spreadsheet.worksheet(layout.sheet("budget").name)
    budget.update([["79.300", "1.234,50"]], "H4:I4", value_input_option="USER_ENTERED")
    # Amounts are plain text, kept as typed (the parser reads them as in Serbia); the Cover's date is a date.
    assert budget.get("H4:I4", value_render_option="UNFORMATTED_VALUE") == [["79.300", "1.234,50"]]

    cover = layout.sheet("cover")
    row = 4 + next(i for i, r in enumerate(cover.rows) if r.key == "date")
    column = next(i for i, c in enumerate(cover.columns) if c.key in cover.input_keys(cover.rows[row - 4])) + 1
    a1 = gspread.utils.rowcol_to_a1(row, column)
    spreadsheet.worksheet(cover.name).update([["4.5.2018"]], a1, value_input_option="USER_ENTERED")
    serial = spreadsheet.worksheet(cover.name).get(a1, value_render_option="UNFORMATTED_VALUE")[0][0]
    assert dt.date(1899, 12, 30) + dt.timedelta(days=serial) == dt.date(2018, 5, 4)
    # No date rule, which would refuse "5. aprila 2018. godine" as typed; the prompt, as the xlsx Cover's, is its note
    assert book.sheet(cover.name).validation_at(a1) is None
    assert book.sheet(cover.name).note_at(a1) == text_of("prompt.date", "sr-Latn")


# --------------------------------------------------------------------------- 10: duplicates and orphans


def test_building_a_template_twice_makes_one_spreadsheet(
    fake_google: FakeGoogle, tmp_path: Path, plan: Plan, registry: InstitutionRegistry
) -> None:
    client = _client(fake_google, tmp_path)
    folder = fake_google.add_folder("f")
    layout = report_layout(plan, registry, "MZ", Period.parse("2018-03"), "sr-Latn")
    first = create_google_template(client, layout, folder)
    again = create_google_template(client, layout, folder)
    assert again.id == first.id
    assert [f["id"] for f in fake_google.files.values() if folder in f["parents"]] == [first.id]


def test_a_half_built_template_is_trashed_and_the_sync_leaves_unmarked_files_alone(
    office: Office, fake_google: FakeGoogle, tmp_path: Path
) -> None:
    client = _client(fake_google, tmp_path)
    folder = fake_google.add_folder("Izveštaji")
    layout = report_layout(office.plan, office.registry, "MZ", Period.parse("2018-03"), "sr-Latn")
    fake_google.fail_next(r"values:batchUpdate", 400)
    with pytest.raises(gspread.exceptions.APIError):
        create_google_template(client, layout, folder)
    (orphan,) = [f for f in fake_google.files.values() if f["name"] == spreadsheet_title(layout)]
    assert orphan["trashed"] is True
    fake_google.add_spreadsheet("Beleške koordinatora", {"List": [["x"]]}, parents=[folder])
    summary = office.sync(sources=[GoogleDriveSource(client, folder)])
    assert summary.versions == [] and summary.errors == [] and not summary.failed
    assert "Beleške koordinatora" in _one_line(summary.warnings)


# --------------------------------------------------------------------------- 11: trash, masks, visible sheets


def test_a_trashed_template_is_not_read(office: Office, fake_google: FakeGoogle, tmp_path: Path) -> None:
    client = _client(fake_google, tmp_path)
    folder = fake_google.add_folder("Izveštaji")
    layout = report_layout(office.plan, office.registry, "MZ", Period.parse("2018-03"), "sr-Latn")
    spreadsheet = create_google_template(client, layout, folder)
    client.http_client.request(
        "patch", f"{gspread.urls.DRIVE_FILES_API_V3_URL}/{spreadsheet.id}", json={"trashed": True}
    )
    assert GoogleDriveSource(client, folder).scan() == []


def test_every_format_request_names_a_field(plan: Plan, registry: InstitutionRegistry) -> None:
    for period, lang in (("2018-03", "sr-Latn"), ("2018", "en")):
        layout = report_layout(plan, registry, "MZ", Period.parse(period), lang)  # type: ignore[arg-type]
        masks = [r["repeatCell"]["fields"] for r in structure_requests(layout) if "repeatCell" in r]
        assert masks and all(not mask.endswith("()") for mask in masks), masks


def test_the_coordinators_last_own_sheet_deleted_the_master_is_still_written(
    fake_google: FakeGoogle, tmp_path: Path
) -> None:
    client = _client(fake_google, tmp_path)
    master = fake_google.add_spreadsheet("Master", {"Beleške": [["moje"]]})
    write_master_google(client, master, _tables())
    book = fake_google.spreadsheets[master]
    book.sheets.remove(book.sheet("Beleške"))  # the Coordinator deletes his own sheet in the browser
    write_master_google(client, master, _tables(2))
    assert book.sheet(STATUS).value("A1") == "Извештаји институција, верзија 2"
    assert [s.title for s in book.sheets if s.properties.get("hidden")] == [REGISTER_SHEET]


def test_a_broken_key_file_stops_neither_the_reports_folder_nor_master_xlsx(
    tmp_path: Path, plan: Plan, registry: InstitutionRegistry
) -> None:
    reports = tmp_path / "reports"
    reports.mkdir()
    _, layout = filled_report(plan, registry, tmp_path, "MZ", "2018-03", {}, name="blank.xlsx")
    filled_report(plan, registry, reports, "MZ", "2018-03", complete_monthly(layout), name="mz.xlsx")
    (tmp_path / "key.json").write_text("{not json", encoding="utf-8")
    config = tmp_path / "apmon.toml"
    config.write_text(
        '[sync]\ndata_dir = "data"\nfolder = "reports"\nfirst_period = "2018-03"\nlast_period = "2018-03"\n'
        'google_folder = "drive-folder"\ngoogle_master = "master-sheet"\n[google]\ncredentials = "key.json"\n',
        encoding="utf-8",
    )
    result = CliRunner().invoke(app, ["sync", "run", "--config", str(config), "--json"])
    assert result.exit_code == 1, result.output
    data = json.loads(result.stdout)
    assert [v["institution"] for v in data["versions"]] == ["MZ"]
    assert (tmp_path / "data" / "master.xlsx").exists()
    source, master = data["errors"]
    assert source.startswith("google:drive-folder: ") and "key.json" in source and "master-sheet" in master


@pytest.mark.skipif(os.name == "nt", reason="POSIX file modes")
def test_a_google_master_whose_key_is_refused_says_why_and_what_to_do(tmp_path: Path) -> None:
    """An installation with a master Google Sheet and no Drive folder, upgraded to an apmon that refuses a key every
    account can read (0644, what a download gets): every run said only that the key "cannot be used (see [google]
    credentials)", in a file the administrator had not changed, and never why: not the file, not chmod 600."""
    (tmp_path / "reports").mkdir()
    key = service_account_file(tmp_path)
    key.chmod(0o644)
    for lang, said in (("sr-Latn", "mogu da čitaju svi nalozi"), ("en", "every account of this computer can read")):
        config = tmp_path / "apmon.toml"
        config.write_text(
            f'[sync]\ndata_dir = "data-{lang}"\nfolder = "reports"\nfirst_period = "2018-03"\nlast_period = "2018-03"\n'
            f'master_lang = "{lang}"\ngoogle_master = "master-sheet"\n[google]\ncredentials = {json.dumps(str(key))}\n',
            encoding="utf-8",
        )
        result = CliRunner().invoke(app, ["sync", "run", "--config", str(config), "--json"])
        assert result.exit_code == 1, result.output
        [error] = json.loads(result.stdout)["errors"]
        assert "master-sheet" in error and said in error and f"chmod 600 {key}" in error, error
        assert (tmp_path / f"data-{lang}" / "master.xlsx").exists()  # the master file still goes on


def test_a_master_left_half_written_by_an_earlier_apmon_is_repaired(fake_google: FakeGoogle, tmp_path: Path) -> None:
    # An earlier apmon filled the register last: a cut write left it empty beside empty sheets of its own.
    master = fake_google.add_spreadsheet("Master", {"Beleške": [["moje"]], STATUS: [], REGISTER_SHEET: []})
    book = fake_google.spreadsheets[master]
    for title in (STATUS, REGISTER_SHEET):
        book.sheet(title).properties["sheetId"] = zlib.crc32(title.encode("utf-8")) % 2_000_000_000 + 1
    write_master_google(_client(fake_google, tmp_path), master, _tables())
    assert book.sheet(STATUS).value("A1") == "Извештаји институција, верзија 1"
    assert book.sheet("Beleške").value("A1") == "moje"


def _folder_with_mz_march(fake: FakeGoogle, client: gspread.Client, plan: Plan, registry: InstitutionRegistry) -> str:
    """A Drive folder holding MZ's Google Sheet for March 2018, filled in completely: its id."""
    folder = fake.add_folder("Izveštaji")
    layout = report_layout(plan, registry, "MZ", Period.parse("2018-03"), "sr-Latn")
    spreadsheet = create_google_template(client, layout, folder)
    data = []
    for (role, key, column), value in complete_monthly(layout).items():
        sheet, cell = layout.cell_of(role, key, column)  # type: ignore[arg-type]
        data.append({"range": gspread.utils.absolute_range_name(sheet, cell), "values": [[value]]})
    spreadsheet.values_batch_update({"valueInputOption": "USER_ENTERED", "data": data})
    return folder


@pytest.mark.parametrize("reason", ["userRateLimitExceeded", "rateLimitExceeded"])
def test_drives_rate_limit_answers_are_waited_out_not_taken_as_a_failed_folder(
    office: Office, fake_google: FakeGoogle, tmp_path: Path, plan: Plan, registry: InstitutionRegistry, reason: str
) -> None:
    """Drive says "slow down" with a 403 of one of two reasons (its error guide: userRateLimitExceeded and
    rateLimitExceeded, "Rate Limit Exceeded"). Only the first was waited out: the second failed the folder's listing
    at once, and no institution's report in it was read that run."""
    client = _client(fake_google, tmp_path)
    folder = _folder_with_mz_march(fake_google, client, plan, registry)

    fake_google.fail_next(r"/drive/v3/files$", 403, method="GET", reason=reason)
    listed_before = len(fake_google.calls("GET", r"/drive/v3/files$"))
    summary = office.sync([GoogleDriveSource(client, folder)], google_client=client)
    assert summary.errors == []
    assert [(v.institution, v.period, v.valid) for v in summary.versions] == [("MZ", "2018-03", True)]
    assert len(fake_google.calls("GET", r"/drive/v3/files$")) == listed_before + 2  # the listing asked again once


XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def test_an_excel_file_uploaded_to_the_drive_folder_is_named_not_passed_over_in_silence(
    office: Office, fake_google: FakeGoogle, tmp_path: Path, plan: Plan, registry: InstitutionRegistry
) -> None:
    """An officer who works in Excel uploads the filled report into the Drive folder. The sync reads only the Google
    Sheets apmon built there, and listed only those: the upload was never named, so the institution thought it had
    reported and the Coordinator never heard of it. Now it is named, once, with what to do, as a document dropped
    into the reports folder is; the institution's Google Sheet is still read."""
    client = _client(fake_google, tmp_path)
    folder = _folder_with_mz_march(fake_google, client, plan, registry)
    upload = {"name": "MUP_2018-03_popunjen.xlsx", "mimeType": XLSX_MIME, "parents": [folder]}
    client.http_client.request("post", DRIVE_FILES_API_V3_URL, params={"supportsAllDrives": True}, json=upload)

    first = office.sync([GoogleDriveSource(client, folder)], google_client=client)
    assert [(v.institution, v.period, v.valid) for v in first.versions] == [("MZ", "2018-03", True)]
    named = [w for w in first.warnings if "MUP_2018-03_popunjen.xlsx" in w]
    assert named == [text_of("sync.drive_documents", "en", source=f"google:{folder}", count=1, names=upload["name"])]
    again = office.sync([GoogleDriveSource(client, folder)], google_client=client)
    assert not [w for w in again.warnings if "MUP_2018-03_popunjen.xlsx" in w]  # named once, not at every run


def test_a_master_file_that_cannot_be_written_leaves_the_google_master_written(
    office: Office, fake_google: FakeGoogle, tmp_path: Path
) -> None:
    """Each master on its own, as when the file is open in Excel or held for its Evaluation sheet: a master file
    that cannot be written (damaged, its register reaching too far) stopped the Google master's write too, though
    nothing of the Google master was in question; the run now writes it and says so, and the file's error."""
    client, master = _google_master_and_mz(office, fake_google, tmp_path)
    assert office.sync(google_client=client).google_master == master
    xlsx = office.settings.master_path()
    xlsx.write_bytes(b"PK\x03\x04 damaged")  # no workbook: left as it is, restored from the backups by hand
    office.submit("MUP", "2018-03")
    run = office.sync(google_client=client)
    assert str(xlsx) in _one_line(run.errors) and xlsx.read_bytes() == b"PK\x03\x04 damaged"
    assert run.google_master == master
    submissions = fake_google.spreadsheets[master].sheet("Submissions")
    assert "MUP" in {submissions.value(f"A{row}") for row in range(1, 60)}  # the report that came meanwhile
