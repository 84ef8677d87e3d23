"""`apmon serve` follows the registry and the plan as their files are now: an institution added with `apmon
institution` (which copies the shipped registry beside apmon.toml and names it there) is served from the next call,
without a restart; a registry edited into one that cannot be used leaves the one read before in force, and says why."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from apmon.addin.server import create_app
from apmon.cli.app import app
from apmon.sync.config import load_config
from apmon.sync.ledger import Ledger
from apmon.sync.tokens import token_hash
from apmon.templates.plan_file import load_plan, load_registry
from tests.reports import filled_report
from tests.test_addin import OFFICE_JS, URL, client_payload
from tests.test_institution_cli import KITE

AUGUST = dt.datetime(2018, 8, 3, 9, 30, tzinfo=dt.UTC)  # KITE reports from July 2018 (tests.test_institution_cli)
HEADERS = {"Authorization": "Bearer tok-kite"}


@pytest.fixture
def office(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The Coordinator's folder: an apmon.toml with the shipped registry, the ledger in a data folder."""
    (tmp_path / "apmon.toml").write_text(
        '[sync]\ndata_dir = "data"\nfirst_period = "2018-01"\nlast_period = "2018-07"\n', encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def ledger(office: Path) -> Iterator[Ledger]:
    (office / "data").mkdir()
    opened = Ledger.open(f"sqlite:///{office / 'data' / 'ledger.sqlite'}")
    opened.add_token("KITE", "institution", token_hash("tok-kite"), "KITE", AUGUST)
    yield opened
    opened.close()


def served(office: Path, ledger: Ledger) -> TestClient:
    """The server as `apmon serve` makes it: the configuration read from apmon.toml, which it names."""
    config_file = office / "apmon.toml"
    return TestClient(create_app(load_config(config_file), ledger, clock=lambda: AUGUST, config_file=config_file))


def kite_report(office: Path) -> Path:
    """KITE's short report (a Working Group member without tasks) for July 2018, filled in."""
    registry = load_registry(office / "institutions.yaml")
    edits = {
        ("cover", "preparer", "value"): "Ana Jovanović",
        ("cover", "date", "value"): "02.08.2018",
        ("member", "proposals", "text"): "A joint training with the police.",
    }
    path, _ = filled_report(load_plan(None, registry), registry, office, "KITE", "2018-07", edits, name="kite.xlsx")
    return path


def test_an_institution_added_after_the_server_started_submits_without_a_restart(office: Path, ledger: Ledger) -> None:
    client = served(office, ledger)
    added = CliRunner().invoke(app, KITE)
    assert added.exit_code == 0, added.output
    assert "institutions.yaml" in (office / "apmon.toml").read_text(encoding="utf-8")  # the copy named there

    response = client.post(URL.format("submit"), json=client_payload(kite_report(office), OFFICE_JS),
                           headers=HEADERS)  # fmt: skip

    assert response.status_code == 200, response.text
    (version,) = ledger.versions("KITE")
    assert version.valid


def test_a_registry_edited_into_one_that_cannot_be_used_leaves_the_last_good_one_in_force(
    office: Path, ledger: Ledger, caplog: pytest.LogCaptureFixture
) -> None:
    assert CliRunner().invoke(app, KITE).exit_code == 0
    client = served(office, ledger)
    registry = office / "institutions.yaml"
    report = kite_report(office)
    registry.write_text(registry.read_text(encoding="utf-8") + "  - code: [\n", encoding="utf-8")

    with caplog.at_level(logging.WARNING, logger="apmon.addin"):
        response = client.post(URL.format("submit"), json=client_payload(report, OFFICE_JS), headers=HEADERS)

    assert response.status_code == 200, response.text
    assert ledger.versions("KITE")[0].valid
    (warning,) = [r.getMessage() for r in caplog.records if "stay in force" in r.getMessage()]
    assert f"{registry}:" in warning  # the file and the line that cannot be used
