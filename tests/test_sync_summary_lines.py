"""How `apmon sync run` prints what a run did besides reading reports: not as a repair."""

from __future__ import annotations

import pytest

from apmon.cli.sync import show_run
from apmon.sync.run import RunSummary


def test_what_a_run_did_is_not_called_a_repair(capsys: pytest.CaptureFixture[str]) -> None:
    brief = "Izveštaj za ministra za 2018-01 je izdat: izvestaji/minister-2018-01.pdf"
    interrupted = "Pokretanje 4 nije završeno: zabeleženo je kao prekinuto."
    show_run(RunSummary(run_id=5, done=[brief], notices=[interrupted]), "sr-Latn")
    lines = capsys.readouterr().out.splitlines()
    assert brief in lines  # a sentence of its own
    assert f"Popravljeno: {interrupted}" in lines  # a repair is still called one
    assert not any("Popravljeno" in line and "ministra" in line for line in lines)
