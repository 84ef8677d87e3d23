"""A ledger URL is shown where a person reads it (an Error line, a warning, `apmon ledger ...`) as the person typed it
in apmon.toml: a folder's space and letters such as ž as they are, not escaped as SQLAlchemy renders a URL (`%C5%BE`,
`C%3A`); its password hidden all the same, wherever SQLAlchemy reads a password. Real commands, real SQLite files, a
real PostgreSQL driver refused by a port nothing listens on."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
from typer.testing import CliRunner

from apmon.cli.app import app
from apmon.sync.ledger import Ledger, LedgerError

runner = CliRunner()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_the_warning_of_a_command_names_the_ledger_as_typed_in_the_configuration(tmp_path: Path) -> None:
    url = f"sqlite:///{(tmp_path / 'Evidencija Žikić' / 'ledger.sqlite').as_posix()}"
    config = tmp_path / "apmon.toml"
    config.write_text(f'[sync]\ndata_dir = "{tmp_path.as_posix()}"\nledger = "{url}"\n', encoding="utf-8")
    args = ["evaluation", "comment", "2.1", "--year", "2018", "--text", "T", "--by", "ASTRA", "--lang", "en"]

    result = runner.invoke(app, [*args, "--config", str(config)], env={"COLUMNS": "2000"})

    assert result.exit_code == 0, result.output
    assert f"Warning: the ledger {url} holds no report" in result.stderr, result.stderr  # record_cli.empty_ledger
    assert "%" not in result.stderr


def test_an_opened_ledger_is_shown_as_typed(tmp_path: Path) -> None:
    url = f"sqlite:///{(tmp_path / 'mart ž' / 'ledger.sqlite').as_posix()}"
    ledger = Ledger.open(url)
    try:
        assert ledger.shown_url == url
    finally:
        ledger.close()


def test_a_ledger_folder_that_cannot_be_made_is_named_as_typed(tmp_path: Path) -> None:
    (tmp_path / "Evidencija ž").write_text("a file where the folder would be", encoding="utf-8")
    url = f"sqlite:///{(tmp_path / 'Evidencija ž' / 'ledger.sqlite').as_posix()}"

    with pytest.raises(LedgerError) as caught:
        Ledger.open(url)

    assert url in str(caught.value)


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("postgresql+psycopg://apmon:s3cret-pw@127.0.0.1:{port}/evidencija ž", "postgresql+psycopg://apmon:***@"),
        # SQLAlchemy reads `ana@mup` as the user name and `s3cret-pw` as the password: hidden as well
        ("postgresql+psycopg://ana@mup:s3cret-pw@127.0.0.1:{port}/evidencija", "postgresql+psycopg://ana@mup:***@"),
    ],
)
def test_a_server_ledger_is_named_as_typed_with_its_password_hidden(typed: str, shown: str) -> None:
    port = _free_port()  # nothing listens there
    url = typed.format(port=port)

    with pytest.raises(LedgerError) as caught:
        Ledger.open(url)

    message = str(caught.value)
    assert "s3cret-pw" not in message
    assert url.replace("s3cret-pw", "***") in message, message
    assert shown in message
