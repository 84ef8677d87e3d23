"""A ledger URL in SQLAlchemy's URI form (`sqlite:///file:PATH?mode=ro&uri=true`): the file is PATH, as SQLite opens
it, not a path whose first folder is named `file:`. The ledger is made there, its folder made first, the run's lock
beside it, and the configuration names that file; a read-only one says so. Real SQLite files, read back with
sqlite3 itself."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from apmon.schemas.messages import text_of
from apmon.sync.config import Config
from apmon.sync.ledger import Ledger, LedgerError


def _names(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*")}


@pytest.mark.parametrize(
    "form", ["file:{path}?uri=true", "file://{path}?uri=true", "file:{path}?cache=shared&uri=true"]
)
def test_a_ledger_in_the_uri_form_is_the_file_sqlite_opens(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, form: str
) -> None:
    monkeypatch.chdir(tmp_path)
    path = (tmp_path / "data" / "ledger.sqlite").as_posix()
    url = "sqlite:///" + form.format(path=path)

    ledger = Ledger.open(url)
    try:
        with ledger.lock():
            assert (tmp_path / "data" / "ledger.sqlite.lock").is_file()
    finally:
        ledger.engine.dispose()

    tables = sqlite3.connect(tmp_path / "data" / "ledger.sqlite").execute("SELECT name FROM sqlite_master").fetchall()
    assert ("alembic_version",) in tables  # the ledger is that file
    assert not [n for n in _names(tmp_path) if "file:" in n], _names(tmp_path)  # no folder or file named `file:...`
    config = Config.model_validate({"sync": {"data_dir": str(tmp_path / "other"), "ledger": url}})
    assert config.sync.ledger_file() == tmp_path / "data" / "ledger.sqlite"


def test_a_relative_path_in_the_uri_form_is_taken_from_the_working_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)

    Ledger.open("sqlite:///file:data/ledger.sqlite?uri=true").engine.dispose()

    assert (tmp_path / "data" / "ledger.sqlite").is_file()
    assert not (tmp_path / "file:data").exists()


def test_a_read_only_ledger_in_the_uri_form_is_said_read_only_and_nothing_is_made(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    readonly = tmp_path / "x.db"
    sqlite3.connect(readonly).execute("CREATE TABLE other (x)").connection.commit()  # a database, not yet a ledger
    before = _names(tmp_path)

    with pytest.raises(LedgerError) as caught:
        Ledger.open("sqlite:///file:x.db?mode=ro&uri=true")

    for lang in ("sr-Latn", "sr-Cyrl", "en"):
        assert text_of("db.read_only", lang) in caught.value.said(lang)  # type: ignore[arg-type]
    assert _names(tmp_path) == before  # no `file:x.db` made beside it
