"""A ledger URL in SQLAlchemy's URI form (`sqlite:///file:PATH?mode=ro&uri=true`): the file is PATH, as SQLite opens
it, not a path whose first folder is named `file:`. The ledger is made there, its folder made first, the run's lock
beside it, and the configuration names that file; a read-only one says so. Real SQLite files, read back with
sqlite3 itself."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import warnings
from pathlib import Path

import pytest

from apmon.schemas.messages import text_of
from apmon.sync.config import Config
from apmon.sync.ledger import Ledger, LedgerError
from apmon.sync.ledger.database import sqlite_file


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

    assert caught.value.key == "ledger_error.read_only_url"  # the URL's mode=ro said, in every language
    for lang in ("sr-Latn", "sr-Cyrl", "en"):
        assert "`mode=ro`" in caught.value.said(lang)  # type: ignore[arg-type]
    assert _names(tmp_path) == before  # no `file:x.db` made beside it


@pytest.mark.parametrize("uri", ["True", "yes", "on", "1"])
def test_the_uri_form_is_read_whichever_way_sqlalchemy_takes_uri_as_true(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, uri: str
) -> None:
    """SQLAlchemy takes `uri=True`, `yes`, `on` as true (and SQLite then opens data/ledger.sqlite): so does apmon."""
    monkeypatch.chdir(tmp_path)

    Ledger.open(f"sqlite:///file:data/ledger.sqlite?uri={uri}").engine.dispose()

    tables = sqlite3.connect(tmp_path / "data" / "ledger.sqlite").execute("SELECT name FROM sqlite_master").fetchall()
    assert ("alembic_version",) in tables
    assert not [n for n in _names(tmp_path) if "file:" in n], _names(tmp_path)


@pytest.mark.parametrize(
    ("url", "windows", "path"),
    [
        ("sqlite:///file:///D:/apmon/ledger.sqlite?uri=true", True, "D:/apmon/ledger.sqlite"),  # SQLite's own example
        ("sqlite:///file:D:/apmon/ledger.sqlite?mode=ro&uri=true", True, "D:/apmon/ledger.sqlite"),
        ("sqlite:///file:///D:/apmon/ledger.sqlite?uri=true", False, "/D:/apmon/ledger.sqlite"),  # a folder elsewhere
        ("sqlite:///file:///srv/apmon/ledger.sqlite?uri=true", True, "/srv/apmon/ledger.sqlite"),
    ],
)
def test_a_windows_drive_after_file_slash_slash_slash_is_the_drive_as_sqlite_reads_it_on_windows(
    url: str, windows: bool, path: str
) -> None:
    """SQLite on Windows takes the `/` before a drive letter off (`file:///D:/apmon/...`, its documentation's form):
    left on, the folder would be `\\D:\\apmon`, which Windows cannot make."""
    assert sqlite_file(url, windows=windows) == Path(path)


@pytest.mark.skipif(os.name == "nt", reason="POSIX file modes")
def test_mode_ro_without_the_uri_form_still_makes_the_ledger_the_owners_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without `uri=true` SQLAlchemy ignores `mode=ro` (it warns) and SQLite makes the ledger: the file holds
    personal data, so it is made readable by its owner alone, as every ledger is."""
    monkeypatch.chdir(tmp_path)
    url = "sqlite:///data/ledger.sqlite?mode=ro"
    before = os.umask(0o022)  # as a login shell or a systemd service has it
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # SQLAlchemy's "Query string argument(s) ... are not accepted"
            Ledger.open(url).engine.dispose()
    finally:
        os.umask(before)

    made = sqlite_file(url)
    assert made is not None and made.is_file()
    assert oct(made.stat().st_mode & 0o777) == "0o600"


@pytest.mark.parametrize("dry_run", [False, True])
def test_a_read_only_ledger_is_not_replaced_by_a_restore(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, dry_run: bool
) -> None:
    """`mode=ro` says the ledger is not to be written: a restore, which replaces the file, is refused as every
    command that writes it is, saying to restore through a URL without it; the ledger is left as it was."""
    from apmon.sync.ledger.restore import restore

    monkeypatch.chdir(tmp_path)
    Ledger.open("sqlite:///data/ledger.sqlite").engine.dispose()
    backup = tmp_path / "backup.sqlite"
    backup.write_bytes((tmp_path / "data" / "ledger.sqlite").read_bytes())
    sqlite3.connect(tmp_path / "data" / "ledger.sqlite").execute("CREATE TABLE kept (x)").connection.commit()
    before = {n: (tmp_path / n).read_bytes() for n in _names(tmp_path) if (tmp_path / n).is_file()}
    url = "sqlite:///file:data/ledger.sqlite?mode=ro&uri=true"

    with pytest.raises(LedgerError) as caught:
        restore(url, backup, dt.datetime(2026, 12, 7, 12, tzinfo=dt.UTC), dry_run)

    assert caught.value.key == "ledger_error.restore_read_only"
    for lang in ("sr-Latn", "sr-Cyrl", "en"):
        assert "mode=ro" in caught.value.said(lang)  # type: ignore[arg-type]
    assert {n: (tmp_path / n).read_bytes() for n in _names(tmp_path) if (tmp_path / n).is_file()} == before


@pytest.mark.parametrize("lang", ["sr-Latn", "sr-Cyrl", "en"])
def test_a_command_that_writes_a_ledger_opened_read_only_says_to_take_mode_ro_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str
) -> None:
    """The ledger's folder is there and writable: the advice to check it was wrong; the URL's `mode=ro` is why."""
    from typer.testing import CliRunner

    from apmon.cli.app import app

    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("APMON_LANG", raising=False)
    Ledger.open("sqlite:///data/ledger.sqlite").engine.dispose()
    before = (tmp_path / "data" / "ledger.sqlite").read_bytes()
    url = "sqlite:///file:data/ledger.sqlite?mode=ro&uri=true"
    (tmp_path / "apmon.toml").write_text(f'[sync]\ndata_dir = "data"\nledger = "{url}"\n', encoding="utf-8")

    result = CliRunner().invoke(app, ["task", "status", "1.1.3", "completed", "--period", "2018-03", "--lang", lang])

    assert result.exit_code == 1, result.output
    # as typed in apmon.toml, not as SQLAlchemy writes the URL back (`file%3Adata`: tests/test_ledger_url_shown.py)
    said = text_of("ledger_error.read_only_url", lang, url=url)  # type: ignore[arg-type]
    assert said in " ".join(result.stderr.split()), result.stderr
    assert (tmp_path / "data" / "ledger.sqlite").read_bytes() == before
