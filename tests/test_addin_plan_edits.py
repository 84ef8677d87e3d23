"""`apmon serve` follows the registry and the plan as their files are now: an institution added with `apmon
institution` (which copies the shipped registry beside apmon.toml and names it there) is served from the next call,
without a restart; a registry edited into one that cannot be used leaves the one read before in force, and says why."""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import shutil
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from apmon.addin.server import create_app
from apmon.cli.app import app
from apmon.schemas.messages import text_of
from apmon.schemas.text import LANGS
from apmon.sync.config import load_config
from apmon.sync.ledger import COORDINATOR, Ledger
from apmon.sync.tokens import token_hash
from apmon.templates.plan_file import DEFAULT_INSTITUTIONS, DEFAULT_PLAN, load_plan, load_registry
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


def _warnings(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if "stay in force" in r.getMessage()]


@pytest.mark.parametrize("how", ["deleted", "not TOML", "a folder in its place"])
def test_an_apmon_toml_that_cannot_be_read_while_serving_leaves_the_files_read_before_in_force(
    office: Path, ledger: Ledger, caplog: pytest.LogCaptureFixture, how: str
) -> None:
    """A folder in its place (or a file the server may not read) raised an OSError load_config did not say: the call
    was a 500, and every command line a traceback."""
    assert CliRunner().invoke(app, KITE).exit_code == 0
    client = served(office, ledger)
    report = kite_report(office)
    config = office / "apmon.toml"
    config.unlink()
    if how == "not TOML":
        config.write_text("[sync\n", encoding="utf-8")
    elif how == "a folder in its place":
        config.mkdir()

    with caplog.at_level(logging.WARNING, logger="apmon.addin"):
        response = client.post(URL.format("submit"), json=client_payload(report, OFFICE_JS), headers=HEADERS)

    assert response.status_code == 200, response.text
    assert ledger.versions("KITE")[0].valid  # the registry named by the apmon.toml read before, with KITE
    (warning,) = _warnings(caplog)
    assert str(config) in warning
    if how != "deleted":  # a command line is one Error line naming the file, not a traceback
        listed = CliRunner().invoke(app, ["institution", "list"])
        assert listed.exit_code == 1 and isinstance(listed.exception, SystemExit), listed.output
        assert "apmon.toml" in listed.output


def test_a_plan_and_registry_replaced_together_while_the_server_reads_them_are_read_as_of_one_moment(
    office: Path, ledger: Ledger, caplog: pytest.LogCaptureFixture
) -> None:
    """The Coordinator adds KITE to the registry and names it in the plan; the server had read the registry just
    before, and read the plan just after: a plan naming a code its registry lacked, which it said "cannot be used"."""
    shutil.copy(DEFAULT_PLAN, office / "plan.yaml")
    config = office / "apmon.toml"
    config.write_text('plan = "plan.yaml"\n' + config.read_text(encoding="utf-8"), encoding="utf-8")
    assert CliRunner().invoke(app, KITE).exit_code == 0  # the registry copy with KITE, named in apmon.toml
    with_kite = (office / "institutions.yaml").read_text(encoding="utf-8")
    plan_text = (office / "plan.yaml").read_text(encoding="utf-8")
    naming_kite = plan_text.replace("            partners: [NK]\n", "            partners: [NK, KITE]\n", 1)
    assert naming_kite != plan_text
    shutil.copy(DEFAULT_INSTITUTIONS, office / "institutions.yaml")  # the registry as served: no KITE yet
    registry = load_registry(office / "institutions.yaml")
    client = served(office, ledger)
    # KITE's report of the plan and registry as they will be
    (office / "next").mkdir()
    (office / "next" / "institutions.yaml").write_text(with_kite, encoding="utf-8")
    (office / "next" / "plan.yaml").write_text(naming_kite, encoding="utf-8")
    registry = load_registry(office / "next" / "institutions.yaml")
    plan = load_plan(office / "next" / "plan.yaml", registry)
    edits = {("cover", "preparer", "value"): "Ana Jovanović", ("cover", "date", "value"): "02.08.2018"}
    layout_report, _ = filled_report(plan, registry, office, "KITE", "2018-07", edits, name="kite.xlsx")
    payload = client_payload(layout_report, OFFICE_JS)
    replaced = threading.Event()

    def between_the_two_reads(event: str, args: tuple[object, ...]) -> None:
        """When the server opens the plan, after the registry: both replaced, as `apmon institution` writes."""
        if event == "open" and not replaced.is_set() and str(args[0]) == str(office / "plan.yaml"):
            replaced.set()
            for name in ("institutions.yaml", "plan.yaml"):
                os.replace(office / "next" / name, office / name)

    sys.addaudithook(between_the_two_reads)  # cannot be removed: inert once it has replaced the files
    os.utime(office / "institutions.yaml", (0, 0))  # an edit before: the next call reads the files again
    os.utime(office / "plan.yaml", (0, 0))  # old: its stamp is taken without opening it (no digest of a new file)
    with caplog.at_level(logging.WARNING, logger="apmon.addin"):
        response = client.post(URL.format("validate"), json=payload, headers=HEADERS)

    assert replaced.is_set() and response.status_code == 200, response.text
    assert _warnings(caplog) == []  # nothing was wrong with the files
    issues = [a for a in response.json()["actions"] if a["func"] == "setValues"]
    assert "institution-not-in-registry" not in json.dumps(issues)  # judged with the registry and plan of now


def test_relative_paths_of_apmon_toml_stay_the_files_beside_it_when_the_servers_folder_changes(
    office: Path, ledger: Ledger, caplog: pytest.LogCaptureFixture
) -> None:
    """`apmon serve` run where apmon.toml is, without --config: the registry copy it names ("institutions.yaml") was
    looked for in whatever folder the server was in at each call, no longer the one beside apmon.toml."""
    shutil.copy(DEFAULT_INSTITUTIONS, office / "institutions.yaml")
    config = office / "apmon.toml"
    config.write_text('institutions = "institutions.yaml"\n' + config.read_text(encoding="utf-8"), encoding="utf-8")
    relative = Path("apmon.toml")
    client = TestClient(
        create_app(load_config(relative), ledger, clock=lambda: AUGUST, config_file=relative.absolute())
    )
    (office / "elsewhere").mkdir()
    os.chdir(office / "elsewhere")  # the office fixture's monkeypatch puts the folder back
    added = CliRunner().invoke(app, [*KITE, "--config", str(config)])  # the registry copy edited, apmon.toml not
    assert added.exit_code == 0, added.output

    with caplog.at_level(logging.WARNING, logger="apmon.addin"):
        response = client.post(URL.format("submit"), json=client_payload(kite_report(office), OFFICE_JS),
                               headers=HEADERS)  # fmt: skip

    assert response.status_code == 200, response.text
    assert ledger.versions("KITE")[0].valid and _warnings(caplog) == []


def test_the_first_call_after_the_start_reads_no_plan_file_again(office: Path, ledger: Ledger) -> None:
    """With a plan texts file in the data folder, the start took its stamp as of no such file (the plan's id unknown
    yet), so the first call read the registry, the plan and its texts again."""
    assert CliRunner().invoke(app, KITE).exit_code == 0
    (office / "data" / f"plan-texts-{load_plan().id}.yaml").write_text("texts: {}\n", encoding="utf-8")
    # Written a while ago: a file as new as a tick of the file system's clock is opened for its digest (tested below).
    hour_ago = time.time_ns() - 3600 * 1_000_000_000
    for written in (office / "institutions.yaml", office / "apmon.toml", *(office / "data").glob("*.yaml")):
        os.utime(written, ns=(hour_ago, hour_ago))
    client = served(office, ledger)
    payload = client_payload(kite_report(office), OFFICE_JS)
    opened: list[str] = []
    noting = threading.Event()

    def note(event: str, args: tuple[object, ...]) -> None:
        if noting.is_set() and event == "open" and str(args[0]).endswith(".yaml"):
            opened.append(str(args[0]))

    sys.addaudithook(note)  # cannot be removed: it notes only while `noting` is set
    noting.set()
    response = client.post(URL.format("validate"), json=payload, headers=HEADERS)
    noting.clear()

    assert response.status_code == 200, response.text
    assert opened == []


def _rewritten_within_a_tick(path: Path, old: str, new: str) -> None:
    """`path` rewritten in place, `old` by `new` of the same length, with its modification time as it was: what a
    write within one tick of the file system's clock leaves (the same size, inode and time)."""
    assert len(old) == len(new)
    before = path.stat()
    text = path.read_text(encoding="utf-8")
    assert old in text
    with path.open("r+", encoding="utf-8") as same_file:  # in place: the same inode
        same_file.write(text.replace(old, new))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = path.stat()
    assert (after.st_size, after.st_ino, after.st_mtime_ns) == (before.st_size, before.st_ino, before.st_mtime_ns)


@pytest.mark.parametrize("age_s", [0, 3600])  # just written (within a tick of the check), and an hour before
def test_a_registry_rewritten_in_place_with_the_same_size_and_time_is_seen_at_the_next_call(
    office: Path, ledger: Ledger, age_s: int
) -> None:
    """KITE taken out by a same-length code, the file's size, inode and time as they were: the server went on taking
    KITE's reports until the registry's next change."""
    assert CliRunner().invoke(app, KITE).exit_code == 0
    registry = office / "institutions.yaml"
    old = time.time_ns() - age_s * 1_000_000_000
    os.utime(registry, ns=(old, old))
    client = served(office, ledger)
    payload = client_payload(kite_report(office), OFFICE_JS)
    first = client.post(URL.format("validate"), json=payload, headers=HEADERS)
    assert first.status_code == 200 and not _not_in_registry(first.json())

    _rewritten_within_a_tick(registry, "code: KITE\n", "code: KITX\n")
    assert "KITE" not in load_registry(registry)  # what the server is to judge with now

    response = client.post(URL.format("validate"), json=payload, headers=HEADERS)

    assert response.status_code == 200, response.text
    assert _not_in_registry(response.json())


def _not_in_registry(answer: dict[str, object]) -> bool:
    """Whether the add-in's answer says KITE is not in the registry (its message, in any of the languages)."""
    said = json.dumps(answer, ensure_ascii=False)
    return any(text_of("institution-not-in-registry", lang, value="KITE") in said for lang in LANGS)


def _config_with(office: Path, line: str) -> None:
    config = office / "apmon.toml"
    config.write_text(config.read_text(encoding="utf-8").replace("[sync]\n", f"[sync]\n{line}\n"), encoding="utf-8")


def test_addin_calls_per_minute_changed_while_serving_counts_from_the_next_call(office: Path, ledger: Ledger) -> None:
    assert CliRunner().invoke(app, KITE).exit_code == 0
    client = served(office, ledger)
    payload = client_payload(kite_report(office), OFFICE_JS)
    assert client.post(URL.format("validate"), json=payload, headers=HEADERS).status_code == 200  # 1 of 30

    _config_with(office, "addin_calls_per_minute = 2")

    assert client.post(URL.format("validate"), json=payload, headers=HEADERS).status_code == 200  # 2 of 2
    refused = client.post(URL.format("validate"), json=payload, headers=HEADERS)
    assert refused.status_code == 429 and refused.headers["X-Apmon-Refused"] == "too-many-calls"
    assert "2" in refused.json()["error"]


def test_a_data_dir_changed_while_serving_keeps_the_ledger_of_the_start_and_says_to_restart(
    office: Path, ledger: Ledger, caplog: pytest.LogCaptureFixture
) -> None:
    assert CliRunner().invoke(app, KITE).exit_code == 0
    client = served(office, ledger)
    config = office / "apmon.toml"
    config.write_text(config.read_text(encoding="utf-8").replace('data_dir = "data"', 'data_dir = "other"'))

    with caplog.at_level(logging.WARNING, logger="apmon.addin"):
        response = client.post(URL.format("submit"), json=client_payload(kite_report(office), OFFICE_JS),
                               headers=HEADERS)  # fmt: skip

    assert response.status_code == 200, response.text
    assert ledger.versions("KITE")[0].valid  # recorded in the ledger the server opened, the tokens' ledger
    assert not (office / "other").exists()
    (warning,) = [r.getMessage() for r in caplog.records if "restarted" in r.getMessage()]
    assert "data_dir" in warning


def test_a_consolidate_whose_registry_changed_before_its_sync_held_the_lock_records_no_removed_bodys_report(
    office: Path, ledger: Ledger
) -> None:
    """Consolidate's sync took the registry at the call's start; an `apmon institution remove KITE` that wrote the
    registry and let the ledger go before the sync took it (here: the file rewritten just as the sync takes the
    lock) left KITE's report recorded as a good one, as a sync run's was (tests/test_sync_registry_under_lock.py).
    The sync checks the registry once it holds the lock, and says the ledger is busy: nothing of KITE recorded."""
    from apmon.templates.registry_file import read_text, removed, render
    from tests.test_addin import empty_workbook

    assert CliRunner().invoke(app, KITE).exit_code == 0
    ledger.add_token(COORDINATOR, "coordinator", token_hash("tok-nk"), COORDINATOR, AUGUST)
    folder = load_config(office / "apmon.toml").sync.reports_folder()
    folder.mkdir(parents=True, exist_ok=True)
    shutil.move(kite_report(office), folder / "kite.xlsx")
    registry_file = office / "institutions.yaml"
    with_kite = read_text(registry_file.read_text(encoding="utf-8"))
    without_kite = render(with_kite, removed(with_kite.entries, "KITE"))
    client = served(office, ledger)
    armed = threading.Event()

    def remove_kite(event: str, args: tuple[object, ...]) -> None:
        if armed.is_set() and event == "open" and str(args[0]).endswith("ledger.sqlite.lock"):
            armed.clear()
            registry_file.write_text(without_kite, encoding="utf-8")

    sys.addaudithook(remove_kite)  # cannot be removed: inert once it has written
    payload = client_payload(empty_workbook(office / "open.xlsx"), OFFICE_JS)
    armed.set()
    response = client.post(URL.format("consolidate"), json=payload, headers={"Authorization": "Bearer tok-nk"})
    armed.clear()

    assert response.status_code == 200, response.text
    assert "KITE" not in load_registry(registry_file)
    assert ledger.versions("KITE") == []
    alerts = [a["args"][0] for a in response.json()["actions"] if a["func"] == "alert"]
    assert any(text_of("consolidate.sync_busy", "sr-Latn") in alert for alert in alerts), alerts
