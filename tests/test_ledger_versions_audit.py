"""An auditor traces a figure of the master to the version it came from: `apmon ledger versions` says, for each
version of a report, when it was submitted and when it arrived (in the reader's date form), how it came (a file
in the folder, an add-in Submit), valid or refused and why, and which one counts for the master and why; the
version it names as counting is the one the master's Submissions cell names ("version 3").

Reports built with the project's own template builder go through a real sync into a real SQLite ledger; what
the command says is checked against that ledger read with sqlite3 alone."""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
from pathlib import Path
from zoneinfo import ZoneInfo

from typer.testing import CliRunner

from apmon.addin import functions
from apmon.addin.functions import xw
from apmon.cli.app import app
from apmon.cli.common import out
from apmon.schemas.institutions import InstitutionRegistry
from apmon.schemas.plan import Plan
from apmon.sync.config import load_config
from apmon.sync.service import open_ledger
from tests.reports import complete_monthly, filled_report
from tests.test_addin import VBA, client_payload
from tests.test_sync import Office, row_of

runner = CliRunner()
BELGRADE = ZoneInfo("Europe/Belgrade")
SUBMITTED = dt.datetime(2018, 4, 11, 7, 15, tzinfo=dt.UTC)


def from_sqlite(path: Path) -> tuple[dict[int, dict[str, object]], list[dict[str, object]]]:
    """MZ 2018-03's versions and arrivals, as the ledger file holds them."""
    with sqlite3.connect(path) as db:
        db.row_factory = sqlite3.Row
        versions = {
            row["id"]: dict(row)
            for row in db.execute(
                "SELECT id, valid, source_modified, issues FROM versions "
                "WHERE institution = 'MZ' AND period = '2018-03'"
            )
        }
        arrivals = [
            dict(row)
            for row in db.execute(
                "SELECT a.version_id, a.received_at, a.source_modified, i.source FROM arrivals a "
                "JOIN items i ON i.id = a.item_id ORDER BY a.id"
            )
        ]
    return versions, arrivals


def utc(text: object) -> dt.datetime:
    return dt.datetime.fromisoformat(str(text)).replace(tzinfo=dt.UTC)


def english_moment(at: dt.datetime) -> str:
    local = at.astimezone(BELGRADE)
    return f"{local.day} {local:%b %Y %H:%M}"


def test_ledger_versions_says_when_how_and_which_version_counts(
    tmp_path: Path, plan: Plan, registry: InstitutionRegistry, monkeypatch: object
) -> None:
    config = tmp_path / "apmon.toml"
    config.write_text(f'[sync]\ndata_dir = "{(tmp_path / "data").as_posix()}"\n', encoding="utf-8")
    ledger = open_ledger(load_config(config))
    office = Office(tmp_path, plan, registry, ledger)
    try:
        office.submit("MZ", "2018-03", {("tasks", "2.1.2", "status"): "done"})  # refused: done needs more
        office.sync()
        office.submit("MZ", "2018-03")  # corrected, saved over it
        office.sync()
        office.submit("MZ", "2018-03", {("tasks", "2.1.2", "problems"): "Ispravka: obuka pomerena."})  # a correction
        office.sync()
        # and a correction sent with the add-in's Submit the day after the deadline (10 Apr 2018)
        _, layout = filled_report(plan, registry, tmp_path, "MZ", "2018-03", {}, name="blank.xlsx")
        edits = {**complete_monthly(layout), ("tasks", "2.1.2", "problems"): "Druga ispravka, poslata iz dodatka."}
        sent, _ = filled_report(plan, registry, tmp_path, "MZ", "2018-03", edits, name="MZ_mart.xlsx")
        book = xw.Book(json=client_payload(sent, VBA))
        assert functions.submit(book, plan, registry, ledger=ledger, now=SUBMITTED).recorded
        office.sync()
        submissions = row_of(office.master()["Submissions"], "MZ")
    finally:
        ledger.close()

    versions, arrivals = from_sqlite(tmp_path / "data" / "ledger.sqlite")
    assert [bool(v["valid"]) for v in versions.values()] == [False, True, True, True]
    counting = max(k for k, v in versions.items() if v["valid"])  # the newest valid one (docs/sync.md)
    assert [a["source"] for a in arrivals if a["version_id"] == counting] == ["addin"]
    assert any(f"version {counting}" in str(cell) for cell in submissions)  # as the master names it

    listed = runner.invoke(app, ["ledger", "versions", "-i", "MZ", "-p", "2018-03", "--json", "--config", str(config)])
    assert listed.exit_code == 0, listed.output
    rows = {r["version"]: r for r in json.loads(listed.stdout)}
    assert set(rows) == set(versions)
    for version_id, stored in versions.items():
        row = rows[version_id]
        assert row["valid"] == bool(stored["valid"])
        assert utc(row["submitted_at"]) == utc(stored["source_modified"])
        assert row["counts"] == (version_id == counting) and row["counted_version"] == counting
        assert row["counts_why"] == (
            "newest-valid" if version_id == counting else "newer-valid" if stored["valid"] else "invalid"
        )
        mine = [a for a in arrivals if a["version_id"] == version_id]
        assert [utc(a["received_at"]) for a in row["arrivals"]] == [utc(a["received_at"]) for a in mine]
        assert [utc(a["source_modified"]) for a in row["arrivals"]] == [utc(a["source_modified"]) for a in mine]
        assert [a["came_by"] for a in row["arrivals"]] == ["submit" if a["source"] == "addin" else "file" for a in mine]
    refused = next(k for k, v in versions.items() if not v["valid"])
    assert rows[refused]["errors"] == sum(
        i["severity"] == "error" for i in json.loads(str(versions[refused]["issues"]))
    )

    monkeypatch.setattr(out, "width", 400)  # type: ignore[attr-defined]  # the table unfolded: one line a row
    said = {
        lang: runner.invoke(
            app, ["ledger", "versions", "-i", "MZ", "-p", "2018-03", "--lang", lang, "--config", str(config)]
        ).stdout
        for lang in ("sr-Latn", "sr-Cyrl", "en")
    }
    lines = {lang: [line for line in text.splitlines() if "MZ" in line or "МЗ" in line] for lang, text in said.items()}
    english = {int(line.split("│")[1]): line for line in lines["en"]}
    assert set(english) == set(versions)
    for version_id, stored in versions.items():
        line = english[version_id]
        assert english_moment(utc(stored["source_modified"])) in line  # submitted, in the reader's form
        assert ("add-in Submit" if version_id == counting else "file in the folder") in line
        if version_id == counting:  # a correction after the deadline: the report stays on time (docs/sync.md)
            assert "counts: the newest valid version; report on time" in line
        elif stored["valid"]:
            assert f"does not count: version {counting} counts" in line
        else:  # one error said as one (it said "it has errors" of one)
            errors = sum(i["severity"] == "error" for i in json.loads(str(stored["issues"])))
            assert f"does not count: it has {'an error' if errors == 1 else 'errors'}" in line and "invalid: " in line
    assert sum("važi: najnovija verzija bez grešaka" in line for line in lines["sr-Latn"]) == 1
    assert sum("важи: најновија верзија без грешака" in line for line in lines["sr-Cyrl"]) == 1
    assert sum("datoteka u folderu" in line for line in lines["sr-Latn"]) == 3
    assert sum("dugme Dostavi u dodatku" in line for line in lines["sr-Latn"]) == 1


def test_a_file_saved_over_with_an_older_copy_says_the_earlier_version_counts_and_why(
    tmp_path: Path, plan: Plan, registry: InstitutionRegistry, monkeypatch: object
) -> None:
    """An officer saved an older copy of the report over the corrected file: its content is an earlier version's
    again, and that version counts. The command named the right version but said it counted as "the newest valid
    version" (and the correction's row: "version 1 counts, the newest valid one"), which it is not."""
    config = tmp_path / "apmon.toml"
    config.write_text(f'[sync]\ndata_dir = "{(tmp_path / "data").as_posix()}"\n', encoding="utf-8")
    ledger = open_ledger(load_config(config))
    office = Office(tmp_path, plan, registry, ledger)
    try:
        first = office.submit("MZ", "2018-03")
        office.sync()
        older_copy = first.read_bytes()
        office.submit("MZ", "2018-03", {("tasks", "2.1.2", "problems"): "Ispravka: obuka pomerena."})
        office.sync()
        first.write_bytes(older_copy)  # the older copy saved over the file, a minute later
        later = first.stat().st_mtime + 120
        os.utime(first, (later, later))
        office.sync()
    finally:
        ledger.close()

    versions, arrivals = from_sqlite(tmp_path / "data" / "ledger.sqlite")
    assert [bool(v["valid"]) for v in versions.values()] == [True, True]
    earlier, correction = sorted(versions)
    # the file's content now: the version of the last arrival
    assert [a["version_id"] for a in arrivals] == [earlier, correction, earlier]

    listed = runner.invoke(app, ["ledger", "versions", "-i", "MZ", "-p", "2018-03", "--json", "--config", str(config)])
    assert listed.exit_code == 0, listed.output
    rows = {r["version"]: r for r in json.loads(listed.stdout)}
    assert rows[earlier]["counts"] and rows[earlier]["counts_why"] == "restored"
    assert not rows[correction]["counts"] and rows[correction]["counts_why"] == "earlier-restored"
    assert rows[earlier]["counted_version"] == rows[correction]["counted_version"] == earlier

    monkeypatch.setattr(out, "width", 400)  # type: ignore[attr-defined]  # the table unfolded: one line a row
    expected = {
        "en": (
            "counts: the file now holds this earlier version's content again; report on time",
            f"does not count: version {earlier} counts, the file now holds that earlier version's content again",
        ),
        "sr-Latn": (
            "važi: datoteka sada ponovo sadrži ovu raniju verziju; izveštaj na vreme",
            f"ne važi: važi verzija {earlier}, datoteka sada ponovo sadrži tu raniju verziju",
        ),
        "sr-Cyrl": (
            "важи: датотека сада поново садржи ову ранију верзију; извештај на време",
            f"не важи: важи верзија {earlier}, датотека сада поново садржи ту ранију верзију",
        ),
    }
    for lang, (counts, replaced) in expected.items():
        text = runner.invoke(
            app, ["ledger", "versions", "-i", "MZ", "-p", "2018-03", "--lang", lang, "--config", str(config)]
        ).stdout
        lines = {int(line.split("│")[1]): line for line in text.splitlines() if "MZ" in line or "МЗ" in line}
        assert counts in lines[earlier], lines[earlier]
        assert replaced in lines[correction], lines[correction]
        assert "newest" not in text and "najnovij" not in text and "најновиј" not in text
