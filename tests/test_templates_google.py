"""Google Sheets templates through real gspread + google-auth against the loopback fake:
the requests sent, the spreadsheet they leave behind, and the round trip back to an empty report."""

import json
from pathlib import Path
from typing import Any

import gspread
import openpyxl
import pytest
from typer.testing import CliRunner

from apmon.cli.app import app
from apmon.schemas.calendar import Period
from apmon.schemas.institutions import InstitutionRegistry
from apmon.schemas.messages import text_of
from apmon.schemas.plan import Plan
from apmon.templates.google_api import RetryPolicy, make_client
from apmon.templates.gsheet import create_google_template, read_google_grid, sheet_names_from_title, spreadsheet_title
from apmon.templates.layout import META_SHEET, report_layout
from apmon.templates.parse import parse_grid
from tests.fake_google import FakeGoogle, fake_google_fixture, service_account_file

fake_google = fake_google_fixture


def client_for(fake: FakeGoogle, tmp_path: Path):  # type: ignore[no-untyped-def]
    return make_client(
        service_account_file(tmp_path), fake.endpoints, RetryPolicy(max_attempts=3), sleep=lambda _: None
    )


@pytest.mark.parametrize(("period", "lang"), [("2018-03", "sr-Cyrl"), ("2018", "en")])
def test_template_as_google_sheet(
    fake_google: FakeGoogle, tmp_path: Path, plan: Plan, registry: InstitutionRegistry, period: str, lang: str
) -> None:
    folder = fake_google.add_folder("Izveštaji 2018")
    layout = report_layout(plan, registry, "MUP", Period.parse(period), lang)  # type: ignore[arg-type]
    client = client_for(fake_google, tmp_path)
    before = len(fake_google.requests)
    spreadsheet = create_google_template(client, layout, folder, share_with=["mup.izvestaji@example.org"])

    sent = [(r.method, r.path) for r in fake_google.requests[before:] if not r.path.endswith("/token")]
    kinds = [path.rsplit("/", 1)[-1].split(":")[-1] for _, path in sent]
    # Look for one already made, create, open, shape, fill, mark as finished, share.
    assert kinds == ["files", "files", spreadsheet.id, "batchUpdate", "batchUpdate", spreadsheet.id, "permissions"]
    assert fake_google.files[spreadsheet.id]["appProperties"] == {"apmonTemplate": spreadsheet.title}
    assert fake_google.files[spreadsheet.id]["parents"] == [folder]

    book = fake_google.spreadsheets[spreadsheet.id]
    assert [s.title for s in book.sheets] == [s.name for s in layout.sheets] + ["_apmon"]
    tasks = book.sheet(layout.sheet("tasks").name)
    status_rule = tasks.validation_at("E4")
    assert status_rule is not None and status_rule["condition"]["type"] == "ONE_OF_LIST"
    assert [v["userEnteredValue"] for v in status_rule["condition"]["values"]] == list(
        layout.sheet("tasks").choices("status")
    )
    # Input cells are plain text, as the xlsx template's are "@"; dropdowns keep their rule, amounts and counts
    # have no number rule (it would refuse the text) and their prompt as a note; the plan's amounts are numbers.
    task, line = layout.sheet("tasks").rows[0].key, layout.sheet("budget").rows[0].key
    indicators = layout.sheet("indicators")
    counted = next(row.key for row in indicators.rows if "total" in indicators.input_keys(row))
    where = {
        ("tasks", task, "status"): None,
        ("tasks", task, "progress"): None,
        ("budget", line, "spent_year"): text_of("prompt.amount", lang),  # type: ignore[arg-type]
        ("indicators", counted, "total"): text_of("prompt.count", lang),  # type: ignore[arg-type]
    }
    for (role, key, column), note in where.items():
        sheet, a1 = layout.cell_of(role, key, column)  # type: ignore[arg-type]
        row, col = gspread.utils.a1_to_rowcol(a1)
        assert book.sheet(sheet).number_format(row - 1, col - 1) == {"type": "TEXT"}, (sheet, a1)
        assert book.sheet(sheet).note_at(a1) == note
        if note is not None:
            assert book.sheet(sheet).validation_at(a1) is None
    sheet, a1 = layout.cell_of("budget", line, "planned")
    row, col = gspread.utils.a1_to_rowcol(a1)
    assert book.sheet(sheet).number_format(row - 1, col - 1) == {"type": "NUMBER", "pattern": "#,##0.00"}
    (protected,) = tasks.protected_ranges
    assert protected["warningOnly"] is False and protected["unprotectedRanges"]
    assert tasks.properties["gridProperties"]["frozenRowCount"] == 3
    names = {n["name"] for n in book.named_ranges}
    assert {"apmon_tasks_status", "apmon_budget_spent_year", "apmon_cover_preparer"} <= names
    meta = book.sheet("_apmon")
    assert meta.properties.get("hidden") is True and meta.value("B3") == "MUP"
    # Submit writes its time here: plain text, so that no client takes the time it writes for a date.
    assert meta.value("A9") == "submitted_at" and meta.number_format(8, 1) == {"type": "TEXT"}
    assert [
        p["emailAddress"] for p in fake_google.files[spreadsheet.id]["permissions"] if p.get("role") == "writer"
    ] == ["mup.izvestaji@example.org"]

    before = len(fake_google.requests)
    grid = read_google_grid(client, spreadsheet.id)
    assert len([r for r in fake_google.requests[before:] if not r.path.endswith("/token")]) == 2
    result = parse_grid(grid, plan, registry, expected_institution="MUP", expected_period=period)
    assert result.issues == []
    assert result.report is not None and result.report.is_empty()
    assert (result.report.institution, result.report.period, result.report.lang) == ("MUP", period, lang)


@pytest.mark.parametrize(
    ("code", "role", "key", "column", "duty"),
    [("MOS", "member", "problems", "text", "member"), ("OCD4", "observations", "3.1", "observation", "observer")],
)
def test_the_short_reports_as_google_sheets(
    fake_google: FakeGoogle,
    tmp_path: Path,
    plan: Plan,
    registry: InstitutionRegistry,
    code: str,
    role: str,
    key: str,
    column: str,
    duty: str,
) -> None:
    """Issue 15 point 13: a Working Group member's short report and a civil society representative's observations
    are built, titled and read back like the full template."""
    layout = report_layout(plan, registry, code, Period.parse("2018-03"), "sr-Cyrl")
    client = client_for(fake_google, tmp_path)
    spreadsheet = create_google_template(client, layout, fake_google.add_folder("f"))
    names = [s.name for s in layout.sheets] + [META_SHEET]
    assert [s.title for s in fake_google.spreadsheets[spreadsheet.id].sheets] == names
    assert sheet_names_from_title(spreadsheet.title) == names  # the sync reads it in one call by these names
    sheet, cell = layout.cell_of(role, key, column)  # type: ignore[arg-type]
    spreadsheet.worksheet(sheet).update([["Nema sredstava."]], cell)
    result = parse_grid(read_google_grid(client, spreadsheet.id, names), plan, registry, expected_institution=code)
    assert result.issues == []
    assert result.report is not None and result.report.duty == duty
    if duty == "member":
        assert result.report.narrative[key] == "Nema sredstava."
    else:
        assert next(o for o in result.report.observations if o.activity_id == key).observation == "Nema sredstava."


def test_filled_google_values_parse_like_the_file(
    fake_google: FakeGoogle, tmp_path: Path, plan: Plan, registry: InstitutionRegistry
) -> None:
    layout = report_layout(plan, registry, "MZ", Period.parse("2018-03"), "en")
    client = client_for(fake_google, tmp_path)
    spreadsheet = create_google_template(client, layout, fake_google.add_folder("f"))
    sheet = spreadsheet.worksheet("Budget")
    # What Google's FORMATTED_VALUE gives back for typed amounts in a Serbian-locale and an English-locale sheet.
    sheet.update([["79.300,00", "124,400.00"]], "H4:I4", value_input_option="RAW")
    spreadsheet.worksheet("Tasks").update([["in progress", "Training held."]], "E4:F4")
    result = parse_grid(read_google_grid(client, spreadsheet.id), plan, registry)
    assert result.issues == []
    assert result.report is not None
    line = result.report.budget[0]
    assert (str(line.spent_period), str(line.spent_year)) == ("79300.00", "124400.00")
    assert (result.report.tasks[0].status, result.report.tasks[0].progress) == ("in-progress", "Training held.")


def test_quota_answers_are_retried_a_bounded_number_of_times(
    fake_google: FakeGoogle, tmp_path: Path, plan: Plan, registry: InstitutionRegistry
) -> None:
    layout = report_layout(plan, registry, "MZ", Period.parse("2018-03"), "en")
    client = client_for(fake_google, tmp_path)
    fake_google.fail_next(r":batchUpdate$", 429, count=2)
    spreadsheet = create_google_template(client, layout, fake_google.add_folder("f"))
    assert fake_google.pending_failures() == 0
    assert fake_google.spreadsheets[spreadsheet.id].sheets[0].title == "Cover"


def test_cli_builds_google_templates_and_reports_failures(fake_google: FakeGoogle, tmp_path: Path) -> None:
    config = tmp_path / "apmon.toml"
    endpoints = fake_google.endpoints
    config.write_text(
        f'[google]\ncredentials = "{service_account_file(tmp_path)}"\nfolder = "{fake_google.add_folder("t")}"\n'
        f'accounts = {{ MZ = ["mz@example.org"] }}\n'
        f"retry = {{ max_attempts = 1 }}\n"
        f'endpoints = {{ sheets = "{endpoints.sheets}", drive = "{endpoints.drive}", '
        f'token_uri = "{endpoints.token_uri}" }}\n',
        encoding="utf-8",
    )
    fake_google.fail_next(r"/drive/v3/files$", 500, count=1, method="POST")
    result = CliRunner().invoke(
        app,
        [
            "template",
            "build",
            "-i",
            "PA",
            "-i",
            "MZ",
            "--period",
            "2018-03",
            "--google",
            "--config",
            str(config),
            "--json",
        ],
    )
    assert result.exit_code == 1, result.output
    data = json.loads(result.stdout)
    assert [t["institution"] for t in data["templates"]] == ["MZ"]  # PA failed, MZ still built
    assert data["templates"][0]["target"].startswith("https://docs.google.com/spreadsheets/d/")
    assert data["failures"][0].startswith("PA: the Google Sheet was not made (Google answered 500")


def test_missing_credentials_is_one_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("APMON_GOOGLE_CREDENTIALS", raising=False)
    monkeypatch.delenv("GOOGLE_APPLICATION_CREDENTIALS", raising=False)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(
        app, ["template", "build", "-i", "MZ", "--period", "2018-03", "--google", "--folder", "x"]
    )
    assert result.exit_code == 1
    assert result.stderr.startswith("Greška: ") and "servisnog naloga" in result.stderr
    assert result.stderr.count("\n") == 1


@pytest.mark.parametrize("lang", ["sr-Latn", "sr-Cyrl", "en"])
@pytest.mark.parametrize("period", ["2018-03", "2018"])
def test_the_title_apmon_gives_tells_the_sheets(
    plan: Plan, registry: InstitutionRegistry, period: str, lang: str
) -> None:
    layout = report_layout(plan, registry, "MUP", Period.parse(period), lang)  # type: ignore[arg-type]
    assert sheet_names_from_title(spreadsheet_title(layout)) == [s.name for s in layout.sheets] + [META_SHEET]
    assert sheet_names_from_title(f"{spreadsheet_title(layout)} (copy)") is None  # renamed: names unknown


def test_an_account_with_no_google_account_is_said_and_the_template_is_made_and_shared_with_the_rest(
    fake_google: FakeGoogle, tmp_path: Path
) -> None:
    """The Coordinator put an officer's office address, which is no Google account, into `[google] accounts`.
    Google refuses to share with it without an invitation e-mail (400 invalidSharingRequest): the build said
    "the Google Sheet was not made ... run the build again" of a template it had made and marked, and never shared
    it with the institution's next, right account; the build run again failed the same way. Now the template is
    made, shared with every account Google takes, and the one it refused is named with what to do."""
    folder = fake_google.add_folder("t")
    endpoints = fake_google.endpoints
    config = tmp_path / "apmon.toml"
    config.write_text(
        f'[google]\ncredentials = "{service_account_file(tmp_path)}"\nfolder = "{folder}"\n'
        'accounts = { MZ = ["jelena@mz.gov.rs", "mz.izvestaji@gmail.com"] }\n'
        f'endpoints = {{ sheets = "{endpoints.sheets}", drive = "{endpoints.drive}", '
        f'token_uri = "{endpoints.token_uri}" }}\n',
        encoding="utf-8",
    )
    fake_google.no_google_account.add("jelena@mz.gov.rs")
    build = ["template", "build", "-i", "MZ", "--period", "2018-03", "--google", "--config", str(config)]
    for _ in range(2):  # run again, as the line says: the same template, still not shared with the address
        result = CliRunner().invoke(app, [*build, "--lang", "sr-Cyrl"])
        assert result.exit_code == 1, result.output
        (spreadsheet,) = [f for f in fake_google.files.values() if not f.get("trashed") and f["parents"] == [folder]]
        shared = [p["emailAddress"] for p in spreadsheet["permissions"] if p.get("type") == "user"]
        assert "mz.izvestaji@gmail.com" in shared and "jelena@mz.gov.rs" not in shared
        (line,) = [line for line in result.stderr.splitlines() if line]
        assert line.startswith(text_of("cli.error", "sr-Cyrl", message="MZ:"))
        assert "jelena@mz.gov.rs" in line and text_of("google.meaning.no_google_account", "sr-Cyrl") in line
        assert spreadsheet["id"] in line  # the template, to share by hand once the right address is known
    listed = CliRunner().invoke(app, [*build, "--json"])
    data = json.loads(listed.stdout)
    assert [t["institution"] for t in data["templates"]] == ["MZ"]
    assert data["failures"] == [
        f"MZ: the Google Sheet {data['templates'][0]['target']} is made but not shared with jelena@mz.gov.rs "
        "(Google answered 400 (the address is no Google account; ask the institution for the address of its Google "
        'account, put it into [google] accounts and run the build again): Bad Request. User message: "You are '
        "trying to invite jelena@mz.gov.rs. Since there is no Google account associated with this email address, "
        'you must check the "Notify people" box to invite this recipient.")'
    ]


@pytest.mark.parametrize("lang", ["sr-Cyrl", "sr-Latn", "en"])
def test_the_locked_ranges_are_described_in_the_templates_language(
    fake_google: FakeGoogle, tmp_path: Path, plan: Plan, registry: InstitutionRegistry, lang: str
) -> None:
    """Data > Protected sheets and ranges lists each locked range by its description: a Cyrillic officer read
    "apmon: Задаци (locked cells come from the Action Plan)" on every sheet, the one English text of the template."""
    layout = report_layout(plan, registry, "MUP", Period.parse("2018-03"), lang)  # type: ignore[arg-type]
    spreadsheet = create_google_template(client_for(fake_google, tmp_path), layout, fake_google.add_folder("f"))
    book = fake_google.spreadsheets[spreadsheet.id]
    described = {s.title: [p["description"] for p in s.protected_ranges] for s in book.sheets}
    said = {sheet.name: [f"apmon: {sheet.name} ({text_of('protect.plan', lang)})"] for sheet in layout.sheets}  # type: ignore[arg-type]
    assert described == {**said, META_SHEET: [f"apmon: {META_SHEET} ({text_of('protect.meta', lang)})"]}  # type: ignore[arg-type]


def test_a_blank_google_template_is_not_sent_and_is_read_again_only_once_filled(
    fake_google: FakeGoogle, tmp_path: Path, plan: Plan, registry: InstitutionRegistry
) -> None:
    """A Google template no one has filled yet (`apmon template build --google`) was recorded by `apmon sync run` as
    its institution's invalid report: the master showed its month "invalid" instead of not sent. It is no version
    now, as a blank template in a folder; it is read once, as before (its sheets, then its values: two Sheets
    requests), not again while Drive's modifiedTime stands, and once its officer fills it in it is read as a report."""
    folder = fake_google.add_folder("Izveštaji")
    endpoints = fake_google.endpoints
    config = tmp_path / "apmon.toml"
    config.write_text(
        '[sync]\ndata_dir = "data"\nfirst_period = "2018-03"\nlast_period = "2018-03"\nmaster_lang = "en"\n'
        f'google_folder = "{folder}"\n'
        f'[google]\ncredentials = "{service_account_file(tmp_path)}"\nfolder = "{folder}"\n'
        "retry = { max_attempts = 1 }\n"
        f'endpoints = {{ sheets = "{endpoints.sheets}", drive = "{endpoints.drive}", '
        f'token_uri = "{endpoints.token_uri}" }}\n',
        encoding="utf-8",
    )
    built = CliRunner().invoke(
        app, ["template", "build", "-i", "MUP", "-i", "MZ", "--period", "2018-03", "--google", "--config", str(config)]
    )
    assert built.exit_code == 0, built.output

    def sync() -> tuple[dict[str, Any], list[str]]:
        """One `apmon sync run --json`, and the Sheets requests it made (their paths)."""
        asked = len(fake_google.requests)
        ran = CliRunner().invoke(app, ["sync", "run", "--json", "--config", str(config)])
        assert ran.exit_code == 0, ran.output
        sheets = [r.path for r in fake_google.requests[asked:] if "/v4/spreadsheets/" in r.path]
        return json.loads(ran.stdout), sheets

    first, asked = sync()
    assert first["versions"] == [] and first["warnings"] == [], first  # nothing sent yet, nothing to do about it
    assert len(asked) == 2 * 2, asked  # each of the two spreadsheets read once: its sheets, then its values
    again, asked = sync()
    assert again["files_changed"] == 0 and asked == [], asked  # not read again while no one touched them
    overview = openpyxl.load_workbook(tmp_path / "data" / "master.xlsx", read_only=True).worksheets[0]
    rows = [list(r) for r in overview.iter_rows(values_only=True)]
    header = next(r for r in rows if "Institution" in r)
    by_code = {r[0]: dict(zip(header, r, strict=False)) for r in rows if r[0] in ("MUP", "MZ")}
    for code in ("MUP", "MZ"):  # neither spreadsheet holds a value typed by its officer: both not sent
        missing = [v for k, v in by_code[code].items() if k and "Monthly" in k and "missing" in k]
        invalid = [v for k, v in by_code[code].items() if k and "Monthly" in k and "invalid" in k]
        assert (missing, invalid) == ([1], [0]), by_code[code]

    # MZ's officer fills in the first task's status: a report (with errors: the rest is empty), read once
    client = make_client(service_account_file(tmp_path), endpoints=endpoints)
    layout = report_layout(plan, registry, "MZ", Period.parse("2018-03"), "sr-Latn")
    (spreadsheet_id,) = [f["id"] for f in fake_google.files.values() if "MZ" in f["name"] and folder in f["parents"]]
    sheet, cell = layout.cell_of("tasks", layout.sheet("tasks").rows[0].key, "status")
    client.open_by_key(spreadsheet_id).values_update(
        gspread.utils.absolute_range_name(sheet, cell),
        params={"valueInputOption": "USER_ENTERED"},
        body={"values": [["u toku"]]},
    )
    filled, asked = sync()
    assert [(v["institution"], v["period"]) for v in filled["versions"]] == [("MZ", "2018-03")], filled
    assert len(asked) == 2, asked  # the one spreadsheet changed

    # Her colleague empties it again: read once more (it changed), then not again while its modifiedTime stands. It
    # was read at every run: the file's history (the version it held) kept its item from being recorded as seen.
    client.open_by_key(spreadsheet_id).values_update(
        gspread.utils.absolute_range_name(sheet, cell),
        params={"valueInputOption": "USER_ENTERED"},
        body={"values": [[""]]},
    )
    emptied, asked = sync()
    assert emptied["versions"] == [] and len(asked) == 2, (emptied, asked)
    # said once, located, the report it held still counted (emptying a sheet takes back no report)
    title = fake_google.files[spreadsheet_id]["name"]
    said = text_of("sync.emptied", "en", source=f"google:{folder}", count=1, names=title)
    assert emptied["warnings"] == [said], emptied["warnings"]
    for _ in range(2):
        again, asked = sync()
        assert again["versions"] == [] and asked == [] and again["warnings"] == [], (again, asked)
    status = CliRunner().invoke(app, ["sync", "status", "--json", "--config", str(config)])
    assert json.loads(status.stdout)["institutions"]["MZ"]["2018-03"] == "invalid", status.output
