"""A report of an institution the Coordinator's registry does not hold (taken out with `apmon institution remove` or by
hand after its template was built, or not added yet where it is checked) is refused as such: its own error at the
hidden sheet's institution cell, naming the institution and what to do, never as a template the officer changed.
Through `apmon validate`, the sync (`apmon sync run`'s output and the master's Issues sheet) and the add-in's Validate
and Submit (the xlwings clients' payloads). The template is built and filled while KITE is in the registry, with the
real commands, and KITE is then removed with the real command."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from apmon.addin.server import create_app
from apmon.cli.app import app
from apmon.schemas.messages import text_of
from apmon.schemas.text import LANGS, Lang
from apmon.sync.config import load_config
from apmon.sync.ledger import Ledger
from apmon.sync.tokens import token_hash
from apmon.templates.layout import META_SHEET
from apmon.templates.plan_file import load_plan, load_registry
from tests.reports import filled_report
from tests.test_addin import CLIENTS, URL, apply_actions, client_payload, sheet_rows
from tests.test_institution_cli import KITE

CODE = "institution-not-in-registry"
AUGUST = dt.datetime(2018, 8, 3, 9, 30, tzinfo=dt.UTC)  # KITE reports from July 2018
runner = CliRunner()


@pytest.fixture
def office(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The Coordinator's folder: apmon.toml, a reports folder, and KITE's July 2018 report in it, filled in from the
    template built while KITE was in the registry; KITE then removed from the registry."""
    (tmp_path / "apmon.toml").write_text(
        '[sync]\ndata_dir = "data"\nfolder = "reports"\nfirst_period = "2018-07"\nlast_period = "2018-07"\n',
        encoding="utf-8",
    )
    (tmp_path / "data").mkdir()
    (tmp_path / "reports").mkdir()
    monkeypatch.chdir(tmp_path)
    added = runner.invoke(app, KITE)
    assert added.exit_code == 0, added.output
    registry = load_registry(tmp_path / "institutions.yaml")
    edits = {
        ("cover", "preparer", "value"): "Ana Jovanović",
        ("cover", "date", "value"): "02.08.2018",
        ("member", "proposals", "text"): "Zajednička obuka sa policijom.",
    }
    filled_report(
        load_plan(None, registry), registry, tmp_path / "reports", "KITE", "2018-07", edits, "sr-Latn", "kite.xlsx"
    )
    removed = runner.invoke(app, ["institution", "remove", "KITE"])
    assert removed.exit_code == 0, removed.output
    assert "KITE" not in load_registry(tmp_path / "institutions.yaml")
    return tmp_path


def _said(lang: Lang) -> str:
    return text_of(CODE, lang, value="KITE")


@pytest.mark.parametrize("lang", LANGS)
def test_apmon_validate_says_the_institution_is_not_in_the_registry_at_the_hidden_sheets_cell(
    office: Path, lang: Lang
) -> None:
    result = runner.invoke(app, ["validate", "reports/kite.xlsx", "--json", "--lang", lang])

    assert result.exit_code == 1, result.output
    ((found,),) = [file["issues"] for file in json.loads(result.stdout)]
    assert (found["code"], found["severity"], found["sheet"], found["cell"]) == (CODE, "error", META_SHEET, "B3")
    assert found["value"] == "KITE" and found["message"] == _said(lang)
    # What the officer and the Coordinator are to do: the Coordinator's commands, named in every language
    assert "KITE" in found["message"] and "`apmon institution add`" in found["message"]
    assert "`apmon institution list`" in found["message"]


def test_the_message_says_whom_to_ask_and_not_that_the_file_was_changed() -> None:
    latin, english = _said("sr-Latn"), _said("en")
    assert "registru institucija" in latin and "Nacionalnom koordinatoru" in latin and "izmenjen" not in latin
    assert "registry of institutions" in english and "National Coordinator" in english and "changed" not in english
    assert "регистру институција" in _said("sr-Cyrl") and "`apmon institution add`" in _said("sr-Cyrl")


def test_a_template_built_with_a_registry_the_checking_one_lacks_is_told_the_same(office: Path) -> None:
    """Not yet added: built with a copy of the registry holding KITE, checked with the shipped one."""
    backup = next(office.glob("institutions.yaml.*.bak"))  # the registry as it was before the removal: with KITE
    shutil.copy(backup, office / "with-kite.yaml")
    assert "KITE" in load_registry(office / "with-kite.yaml")

    result = runner.invoke(app, ["validate", "reports/kite.xlsx", "--json", "--institutions", "with-kite.yaml"])
    assert result.exit_code == 0, result.output  # with KITE in the registry, the same file is a good report

    without = office / "apmon.toml"
    without.write_text(without.read_text(encoding="utf-8").replace('institutions = "institutions.yaml"\n', ""))
    result = runner.invoke(app, ["validate", "reports/kite.xlsx", "--json"])
    assert result.exit_code == 1, result.output
    assert [(i["code"], i["cell"]) for f in json.loads(result.stdout) for i in f["issues"]] == [(CODE, "B3")]


def test_the_sync_says_so_in_its_output_and_on_the_masters_issues_sheet(office: Path) -> None:
    result = runner.invoke(app, ["sync", "run"], env={"COLUMNS": "400"})

    assert result.exit_code == 0, result.output
    said = " ".join(result.stdout.split())
    assert f"kite.xlsx, {META_SHEET} B3: {_said('sr-Latn')}" in said
    sheet = openpyxl.load_workbook(office / "data" / "master.xlsx")[text_of("master.sheet.issues", "sr-Latn")]
    rows = [row for row in sheet.iter_rows(min_row=4, values_only=True) if row[2] == "kite.xlsx"]
    assert [row[3:] for row in rows] == [(text_of("issues.error", "sr-Latn"), CODE, META_SHEET, "B3", _said("sr-Latn"))]


@pytest.fixture
def ledger(office: Path) -> Iterator[Ledger]:
    """The ledger with KITE's add-in token, still there from before KITE was taken out by hand."""
    opened = Ledger.open(f"sqlite:///{office / 'data' / 'ledger.sqlite'}")
    opened.add_token("KITE", "institution", token_hash("tok-kite"), "KITE", AUGUST)
    yield opened
    opened.close()


@pytest.mark.parametrize("client_name", CLIENTS)
@pytest.mark.parametrize("button", ["validate", "submit"])
def test_the_add_ins_buttons_say_so_in_the_alert_and_on_the_issues_sheet_and_store_nothing(
    office: Path, ledger: Ledger, button: str, client_name: str
) -> None:
    config_file = office / "apmon.toml"
    client = TestClient(create_app(load_config(config_file), ledger, clock=lambda: AUGUST, config_file=config_file))
    path = office / "reports" / "kite.xlsx"

    response = client.post(
        URL.format(button), json=client_payload(path, client_name), headers={"Authorization": "Bearer tok-kite"}
    )

    assert response.status_code == 200, response.text
    wb = openpyxl.load_workbook(path)
    alerts = apply_actions(wb, response.json()["actions"])
    said = _said("sr-Latn")
    assert alerts == [said if button == "validate" else text_of("alert.refused_not_report", "sr-Latn", why=said)]
    listed = sheet_rows(wb, text_of("issues.sheet", "sr-Latn"))[1:]
    assert listed == [[text_of("issues.error", "sr-Latn"), META_SHEET, "B3", said]]
    assert ledger.versions() == [] and ledger.items() == []


def _code_in_the_file(office: Path) -> str:
    """What the file's hidden sheet names as its institution, read from the file itself."""
    return str(openpyxl.load_workbook(office / "reports" / "kite.xlsx")[META_SHEET]["B3"].value)


@pytest.mark.parametrize("lang", LANGS)
def test_the_runs_table_the_ledgers_versions_and_the_status_name_the_code_as_not_in_the_registry(
    office: Path, lang: Lang
) -> None:
    """Not "?": the code the file's `_apmon` sheet gives, said as unknown to the registry, and what to do."""
    code = _code_in_the_file(office)
    assert code == "KITE"
    (office / "apmon.toml").write_text(
        (office / "apmon.toml").read_text(encoding="utf-8").replace("[sync]\n", f'[sync]\nmaster_lang = "{lang}"\n'),
        encoding="utf-8",
    )
    unknown = text_of("sync.institution_unknown", lang, code=code)
    assert code in unknown and unknown != code
    wide = {"COLUMNS": "400"}

    ran = runner.invoke(app, ["sync", "run"], env=wide)
    assert ran.exit_code == 0, ran.output
    (row,) = [line for line in ran.stdout.splitlines() if "kite.xlsx" in line and "│" in line]
    assert row.split("│")[1].strip() == unknown
    ran_json = json.loads(runner.invoke(app, ["sync", "run", "--json"], env=wide).stdout)
    assert ran_json["versions"] == []  # the same file again: nothing new
    versions = runner.invoke(app, ["ledger", "versions", "--lang", lang], env=wide)
    (row,) = [line for line in versions.stdout.splitlines() if "kite.xlsx" in line]
    assert row.split("│")[2].strip() == unknown

    status = runner.invoke(app, ["sync", "status"], env=wide)
    assert status.exit_code == 0, status.output
    said = " ".join(status.stdout.split())  # a console narrower than COLUMNS (another test's) wraps the line
    assert f"- kite.xlsx, {unknown}: {_said(lang)}" in said  # what to do: the message
    listed = json.loads(runner.invoke(app, ["sync", "status", "--json"], env=wide).stdout)["not_reports"]
    assert [(f["file"], f["institution"], f["code"]) for f in listed] == [("kite.xlsx", code, CODE)]


def test_the_runs_json_names_the_code_the_registry_lacks(office: Path) -> None:
    ran = runner.invoke(app, ["sync", "run", "--json"])
    assert ran.exit_code == 0, ran.output
    versions = json.loads(ran.stdout)["versions"]
    ((institution, unknown),) = [(v["institution"], v["institution_unknown"]) for v in versions]
    assert (institution, unknown) == (None, _code_in_the_file(office))
