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


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        # a password given as a query parameter, as libpq takes it (the key URL-encoded too, as SQLAlchemy reads it)
        ("postgresql+psycopg://apmon@127.0.0.1:{port}/evid?password=s3cret-pw", "/evid?password=***"),
        ("postgresql+psycopg://127.0.0.1:{port}/evid?user=apmon&PASSWORD=s3cret-pw", "&PASSWORD=***"),
        ("postgresql+psycopg://apmon@127.0.0.1:{port}/evid?pass%77ord=s3cret-pw", "?pass%77ord=***"),
        # the key's password hidden, the key's file named as typed: it is no secret, and the person looks for it
        (
            "postgresql+psycopg://apmon@127.0.0.1:{port}/evid?sslkey=/home/ana/k.pem&sslpassword=s3cret-pw",
            "?sslkey=/home/ana/k.pem&sslpassword=***",
        ),
        # a password typed with an `@` of its own: SQLAlchemy reads it up to the first, the rest as the host's name
        ("postgresql+psycopg://apmon:s3cret@pw-2@127.0.0.1:{port}/evid", "postgresql+psycopg://apmon:***@127.0.0.1:"),
        # URLs SQLAlchemy cannot read at all are named in the not-a-URL message: their password hidden too
        ("postgresql-psycopg://apmon:s3cret-pw@127.0.0.1:{port}/evid", "'postgresql-psycopg://apmon:***@127.0.0.1:"),
        (" postgresql+psycopg://apmon:s3cret-pw@127.0.0.1:{port}/evid", "' postgresql+psycopg://apmon:***@127.0.0.1:"),
        # a port that is no number: SQLAlchemy's ValueError was a traceback
        (
            "postgresql+psycopg://apmon:s3cret-pw@127.0.0.1:54x32/evid",
            "'postgresql+psycopg://apmon:***@127.0.0.1:54x32/evid'",
        ),
    ],
)
def test_a_password_is_hidden_in_every_form_a_ledger_url_gives_it(typed: str, shown: str) -> None:
    """Found in review: a password given as `?password=` or `?sslpassword=`, one typed with an `@` of its own (its
    end was shown as the host's name) and the password of a URL SQLAlchemy cannot read were shown in the message."""
    url = typed.format(port=_free_port())  # nothing listens there

    with pytest.raises(LedgerError) as caught:
        Ledger.open(url)

    message = " ".join(caught.value.said("en").split())
    assert "s3cret" not in message and "pw-2" not in message, message
    assert shown in message, message


def test_a_restore_to_a_ledger_url_that_is_not_one_says_so_with_its_password_hidden(tmp_path: Path) -> None:
    """Found in review: `apmon ledger restore` to a ledger URL SQLAlchemy cannot read ended in a traceback, where
    `apmon ledger versions` says it is not a database URL."""
    backup = tmp_path / "kopija.sqlite"
    backup.write_bytes(b"")
    config = tmp_path / "apmon.toml"
    url = "postgresql-psycopg://apmon:s3cret-pw@127.0.0.1/evidencija"
    config.write_text(f'[sync]\ndata_dir = "{tmp_path.as_posix()}"\nledger = "{url}"\n', encoding="utf-8")

    result = runner.invoke(app, ["ledger", "restore", str(backup), "--config", str(config), "--lang", "en"])

    assert result.exit_code == 1, result.output
    said = " ".join(result.stderr.split())
    assert said.startswith("Error: 'postgresql-psycopg://apmon:***@127.0.0.1/evidencija' is not a database URL"), said
    assert "s3cret" not in result.output
