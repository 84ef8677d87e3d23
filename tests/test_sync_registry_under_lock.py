"""A sync run that waits for the ledger's lock while `apmon institution remove` holds it read the registry before the
removal: it recorded the removed body's report as a good one. The run now checks the registry once it holds the lock,
and reads again what changed. With the real lock, the real removal command and a run in a second thread."""

from __future__ import annotations

import sys
import threading
from pathlib import Path

import pytest
from typer.testing import CliRunner

from apmon.cli.app import app
from apmon.sync.config import load_config
from apmon.sync.ledger import Ledger
from apmon.sync.run import RunSummary
from apmon.sync.service import sync_once
from apmon.templates.plan_file import load_plan, load_registry
from tests.reports import filled_report
from tests.test_institution_cli import KITE

runner = CliRunner()


@pytest.fixture
def office(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """apmon.toml (a run waits for the lock), KITE added, its July 2018 report in the reports folder, and a ledger
    that has seen no run yet."""
    (tmp_path / "apmon.toml").write_text(
        '[sync]\ndata_dir = "data"\nfolder = "reports"\nfirst_period = "2018-07"\nlast_period = "2018-07"\n'
        "wait_for_lock = true\n",
        encoding="utf-8",
    )
    (tmp_path / "reports").mkdir()
    monkeypatch.chdir(tmp_path)
    assert runner.invoke(app, KITE).exit_code == 0
    registry = load_registry(tmp_path / "institutions.yaml")
    edits = {
        ("cover", "preparer", "value"): "Ana Jovanović",
        ("cover", "date", "value"): "02.08.2018",
        ("member", "proposals", "text"): "Zajednička obuka sa policijom.",
    }
    filled_report(load_plan(None, registry), registry, tmp_path / "reports", "KITE", "2018-07", edits, name="kite.xlsx")
    Ledger.open(f"sqlite:///{tmp_path / 'data' / 'ledger.sqlite'}").close()
    return tmp_path


def test_a_run_waiting_for_the_lock_a_removal_holds_does_not_record_the_removed_bodys_report(office: Path) -> None:
    ledger_opened = threading.Event()  # the run read the plan and the registry before it opens the ledger
    summaries: list[RunSummary | BaseException] = []

    def run() -> None:
        try:
            summaries.append(sync_once(load_config(office / "apmon.toml"), "cli"))
        except BaseException as exc:  # said in the main thread
            summaries.append(exc)

    runner_thread = threading.Thread(target=run)

    def hook(event: str, args: tuple[object, ...]) -> None:
        if event == "sqlite3.connect" and threading.get_ident() == runner_thread.ident:
            ledger_opened.set()
        elif event == "open" and str(args[0]).endswith("ledger.sqlite.lock") and runner_thread.ident is None:
            # The removal holds the lock (this process's hold is taken before the file is opened): the run starts
            # now, reads the registry with KITE and then waits for the lock, which the removal's write releases.
            runner_thread.start()
            assert ledger_opened.wait(60)

    sys.addaudithook(hook)  # cannot be removed: inert once the run has started
    removed = runner.invoke(app, ["institution", "remove", "KITE"])
    runner_thread.join(120)

    assert removed.exit_code == 0, removed.output
    assert "KITE" not in load_registry(office / "institutions.yaml")
    (summary,) = summaries
    assert isinstance(summary, RunSummary), summary
    ((institution, unknown, valid),) = [(v.institution, v.institution_unknown, v.valid) for v in summary.versions]
    assert (institution, unknown, valid) == (None, "KITE", False)  # refused as a body the registry lacks
    ledger = Ledger.open(f"sqlite:///{office / 'data' / 'ledger.sqlite'}")
    try:
        assert ledger.versions("KITE") == []
    finally:
        ledger.close()


def test_a_run_whose_registry_changed_before_it_held_the_lock_records_nothing_and_says_which_file(
    tmp_path: Path,
) -> None:
    """What a run that found the registry changed three times over ends with (sync_once starts again before): nothing
    recorded, not even a run, and an error of a busy ledger (exit 3) naming the registry."""
    from apmon.schemas.calendar import WorkingCalendar
    from apmon.schemas.messages import text_of
    from apmon.sync.config import SyncSettings
    from apmon.sync.ledger import LedgerBusy
    from apmon.sync.run import RegistryChanged, run_sync
    from apmon.templates.plan_file import DEFAULT_INSTITUTIONS
    from apmon.templates.registry_file import read_text, removed, render

    registry = load_registry()
    shipped = read_text(DEFAULT_INSTITUTIONS.read_text(encoding="utf-8"))
    (tmp_path / "institutions.yaml").write_text(render(shipped, removed(shipped.entries, "MTTT")), encoding="utf-8")
    now = load_registry(tmp_path / "institutions.yaml")
    assert "MTTT" in registry and "MTTT" not in now
    ledger = Ledger.open(f"sqlite:///{tmp_path / 'ledger.sqlite'}")
    try:
        with pytest.raises(RegistryChanged) as changed:
            run_sync(
                plan=load_plan(None, registry),
                registry=registry,
                ledger=ledger,
                sources=[],
                settings=SyncSettings(data_dir=tmp_path),
                calendar=WorkingCalendar(),
                registry_now=lambda: (now, "institutions.yaml"),
            )
        assert ledger.last_run() is None
    finally:
        ledger.close()
    assert isinstance(changed.value, LedgerBusy)
    for lang in ("sr-Latn", "en"):
        said = changed.value.said(lang)
        assert said == text_of("ledger_error.registry_changed", lang, file="institutions.yaml")
        assert "institutions.yaml" in said and "apmon institution" in said
