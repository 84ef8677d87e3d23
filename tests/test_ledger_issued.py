"""`apmon ledger issued`: every report apmon issued, for an auditor or a new Coordinator. The listing is checked
against the ledger's table read here with sqlite3, after real `apmon report` runs; dates and month names are said
here from the stored values, not by the code under test."""

from __future__ import annotations

import datetime as dt
import io
import json
import sqlite3
from itertools import takewhile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from apmon.cli.app import app
from apmon.schemas.calendar import BELGRADE
from apmon.schemas.institutions import InstitutionRegistry
from apmon.schemas.plan import Plan
from apmon.sync.demo_data import write_demo_reports

SUCCESSOR = "Marko Marković"
KIND_WORDS = {
    "sr-Latn": {"council": "izveštaj Savetu", "minister": "informacija ministru"},
    "en": {"council": "report to the Council", "minister": "brief to the Minister"},
}
MONTHS = {
    "sr-Latn": {"2017-12": "decembar 2017.", "2018-01": "januar 2018."},
    "en": {"2017-12": "December 2017", "2018-01": "January 2018"},
}
NOT_RECORDED = {"sr-Latn": "nije zabeleženo", "en": "not recorded"}


def run(*args: str) -> str:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.fixture
def config(plan: Plan, registry: InstitutionRegistry, tmp_path: Path) -> Path:
    """A ledger with a Council report issued before apmon recorded who issued it (the ledger taken back to 0012
    and upgraded again, as an older apmon left it), then two briefs under the configured Coordinator."""
    write_demo_reports(plan, registry, tmp_path / "reports", first="2017-12", last="2018-01")
    path = tmp_path / "apmon.toml"
    path.write_text(
        f'[sync]\ndata_dir = "{tmp_path.as_posix()}"\nfirst_period = "2017-12"\nlast_period = "2018-01"\n'
        "as_of = 2018-03-20\n",
        encoding="utf-8",
    )
    c = ("--config", str(path))
    run("sync", "run", *c)
    run("report", "council", "--to", "2018-01", *c)
    run("ledger", "downgrade", "0012", *c)  # drops issued_by: the next command upgrades, the name unknown
    path.write_text(path.read_text(encoding="utf-8") + f'[reports]\ncoordinator = "{SUCCESSOR}"\n', "utf-8")
    run("report", "minister", "--period", "2017-12", *c)
    run("report", "minister", "--period", "2018-01", "--lang", "en", *c)
    return path


def stored(config: Path) -> list[dict[str, object]]:
    with sqlite3.connect(config.parent / "ledger.sqlite") as db:
        db.row_factory = sqlite3.Row
        rows = db.execute("SELECT * FROM issued_reports ORDER BY id").fetchall()
    return [dict(row) for row in rows]


def belgrade(text: object) -> dt.datetime:
    """A time as SQLite keeps it (naive UTC text), on the Coordinator's clock."""
    return dt.datetime.fromisoformat(str(text)).replace(tzinfo=dt.UTC).astimezone(BELGRADE)


def moment(at: dt.datetime, lang: str) -> str:
    return f"{at.day} {at:%b %Y %H:%M}" if lang == "en" else f"{at:%d.%m.%Y. %H:%M}"


def cells(shown: str, report_id: object) -> str:
    """The text of a report's row in the table: its first line, which starts with its number, and the lines after it
    whose number cell is blank."""
    lines = [line for line in shown.splitlines() if line.startswith("│")]
    start = next(i for i, line in enumerate(lines) if line.split("│")[1].strip() == str(report_id))
    rest = takewhile(lambda line: not line.split("│")[1].strip(), lines[start + 1 :])
    return " ".join(" ".join([lines[start], *rest]).replace("│", " ").split())


@pytest.mark.parametrize("lang", ["sr-Latn", "en"])
def test_every_report_issued_is_listed_as_the_ledger_recorded_it(config: Path, lang: str) -> None:
    rows = stored(config)
    assert [r["kind"] for r in rows] == ["council", "minister", "minister"]
    assert [r["issued_by"] for r in rows] == [None, SUCCESSOR, SUCCESSOR]  # the Council report's name was lost
    shown = run("ledger", "issued", "--config", str(config), "--lang", lang)
    for row in rows:
        text = cells(shown, row["id"])
        assert KIND_WORDS[lang][str(row["kind"])] in text, text
        for month in dict.fromkeys((row["first_period"], row["last_period"])):
            assert MONTHS[lang][str(month)] in text, text
        assert moment(belgrade(row["issued_at"]), lang) in text, text
        assert str(row["issued_by"] or NOT_RECORDED[lang]) in text, text
        cut_off = belgrade(row["cut_off"])
        assert cut_off.date() == dt.date(2018, 3, 20)  # the configured day: reports counted to its end
        assert moment(cut_off, lang) in text, text
        files = json.loads(str(row["files"]))
        assert len(files) == 2  # the PDF and the xlsx
        for file in files:
            assert Path(file).exists()
            assert f"{row['id']}: {file}" in shown, shown  # whole, to be copied: under the table


def test_json_gives_the_ledgers_rows_and_kind_picks_one_kind(config: Path) -> None:
    rows = stored(config)
    listed = json.loads(run("ledger", "issued", "--json", "--config", str(config)))
    assert [(r["id"], r["kind"], r["first_period"], r["last_period"], r["issued_by"], r["files"]) for r in listed] == [
        (r["id"], r["kind"], r["first_period"], r["last_period"], r["issued_by"], json.loads(str(r["files"])))
        for r in rows
    ]
    for got, row in zip(listed, rows, strict=True):
        assert dt.datetime.fromisoformat(got["issued_at"]) == belgrade(row["issued_at"])
        assert dt.datetime.fromisoformat(got["cut_off"]) == belgrade(row["cut_off"])
        assert got["lang"] == row["lang"]
    councils = json.loads(run("ledger", "issued", "--kind", "council", "--json", "--config", str(config)))
    assert [r["id"] for r in councils] == [r["id"] for r in rows if r["kind"] == "council"]
    shown = run("ledger", "issued", "--kind", "minister", "--config", str(config))
    assert "Savetu" not in shown and "informacija ministru" in shown, shown
    assert "nema nijednog" in run("ledger", "issued", "--kind", "annual", "--config", str(config))


def test_a_kind_that_is_none_is_said_with_the_kinds_there_are(config: Path) -> None:
    result = CliRunner().invoke(app, ["ledger", "issued", "--kind", "brief", "--config", str(config), "--lang", "en"])
    assert result.exit_code == 2
    assert "--kind is one of minister, council, annual, public, final, not 'brief'" in result.stderr, result.stderr


def test_cyrillic(config: Path) -> None:
    shown = run("ledger", "issued", "--config", str(config), "--lang", "sr-Cyrl")
    assert "извештај Савету" in shown and "није забележено" in shown and "децембар 2017." in shown, shown


def test_the_table_fits_an_80_column_terminal(config: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from rich.console import Console

    from apmon.cli import common

    screen, said = io.StringIO(), io.StringIO()
    monkeypatch.setattr(common, "out", Console(file=screen, force_terminal=True, width=80, color_system=None))
    monkeypatch.setattr(common, "err", Console(file=said, force_terminal=True, width=200))
    run("ledger", "issued", "--config", str(config))
    assert said.getvalue() == "", said.getvalue()  # not "wider than the window"
    table = [line for line in screen.getvalue().splitlines() if line.startswith(("┃", "│", "┏", "└"))]
    assert table and all(len(line) <= 80 for line in table), screen.getvalue()


def test_a_name_with_brackets_is_shown_as_typed(config: Path) -> None:
    """A name is text, not the terminal library's markup: "[i]" in it is shown, not taken as italics."""
    from apmon.sync.ledger import Ledger

    ledger = Ledger.open(f"sqlite:///{(config.parent / 'ledger.sqlite').as_posix()}")
    try:
        at = dt.datetime(2018, 3, 21, 9, tzinfo=BELGRADE)
        ledger.record_issued(kind="minister", first_period="2018-01", last_period="2018-01", issued_at=at, cut_off=at,
                             run_id=None, lang="sr-Latn", files=[], issued_by="[i]Ana Anić")  # fmt: skip
    finally:
        ledger.close()
    shown = run("ledger", "issued", "--config", str(config))
    assert "[i]Ana Anić" in shown, shown
    assert "  4: nije zabeleženo" in shown, shown  # no file recorded with it


SYNC_WORDS = {
    "sr-Latn": "sinhronizacija (bez nadzora)",
    "sr-Cyrl": "синхронизација (без надзора)",
    "en": "the sync (unattended)",
}


def test_the_brief_the_sync_issued_is_said_in_the_readers_language(
    plan: Plan, registry: InstitutionRegistry, tmp_path: Path
) -> None:
    """The sync's own brief (no `[reports] coordinator`) was recorded as "sinhronizacija (bez nadzora)", words in
    the master's language, so `ledger issued --lang en` showed them in Serbian. The ledger now keeps a marker said in
    each reader's words, and the words an older apmon stored, in any language, read as it."""
    from apmon.sync.config import load_config
    from apmon.sync.ledger import Ledger
    from apmon.sync.reports import brief_after_sync

    write_demo_reports(plan, registry, tmp_path / "reports", first="2017-12", last="2018-01")
    path = tmp_path / "apmon.toml"
    path.write_text(
        f'[sync]\ndata_dir = "{tmp_path.as_posix()}"\nfirst_period = "2017-12"\nlast_period = "2018-01"\n'
        "as_of = 2018-03-20\n[reports]\nminister_after_deadline = true\n",
        encoding="utf-8",
    )
    run("sync", "run", "--config", str(path))  # the master in Serbian Latin, the default
    settings = load_config(path)
    ledger = Ledger.open(settings.sync.ledger_url())
    try:  # the scheduled run's step, on a day January's brief is due (a run from the command line: today's)
        brief = brief_after_sync(settings, plan, registry, ledger, dt.date(2018, 3, 20))
        assert brief is not None and brief.recorded
        [issued] = stored(path)
        assert issued["kind"] == "minister" and issued["issued_by"] == "apmon:sync"  # no language in the ledger
        # as an older apmon recorded the sync's brief: in the master's language, whichever it was
        at = dt.datetime(2018, 3, 19, 9, tzinfo=BELGRADE)
        for words in SYNC_WORDS.values():
            ledger.record_issued(kind="minister", first_period="2018-01", last_period="2018-01", issued_at=at,
                                 cut_off=at, run_id=None, lang="sr-Latn", files=[], issued_by=words)  # fmt: skip
    finally:
        ledger.close()
    rows = stored(path)
    assert [r["issued_by"] for r in rows] == ["apmon:sync", *SYNC_WORDS.values()]  # kept as stored: no migration
    for lang, words in SYNC_WORDS.items():
        shown = run("ledger", "issued", "--config", str(path), "--lang", lang)
        for row in rows:
            text = cells(shown, row["id"])
            assert words in text, text
            assert not [other for other in SYNC_WORDS.values() if other != words and other in text], text
    listed = json.loads(run("ledger", "issued", "--json", "--config", str(path)))
    assert [r["issued_by"] for r in listed] == ["apmon:sync"] * 4  # one value for programs, whatever was stored
    # `sync status` speaks the master's language: the last brief's issuer too
    path.write_text(path.read_text(encoding="utf-8").replace("[reports]", 'master_lang = "en"\n[reports]'), "utf-8")
    status = " ".join(run("sync", "status", "--config", str(path)).split())
    assert "The brief to the Minister was issued under the name: the sync (unattended)." in status, status
