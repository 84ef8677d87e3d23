"""`apmon serve`'s own log, as the ministry's IT reads it: a real `apmon serve` process on a loopback port behind
`--trust-proxy 127.0.0.1` (the test plays nginx and writes X-Forwarded-For), its standard error read back."""

from __future__ import annotations

import datetime as dt
import logging
import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx2 as httpx
import pytest

from apmon.sync.ledger import Ledger
from apmon.sync.tokens import issue_token

URL = "/xlwings/custom-scripts-call/{}"
STARTED_WITHIN = 120  # seconds: the server loads the plan and xlwings on a shared machine
# Every line of apmon's loggers: time with its offset, level, logger, the caller as the server sees it, the message.
APMON_LINE = re.compile(
    r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d{4} (?P<level>INFO|WARNING|ERROR) (?P<logger>apmon[.\w]*) "
    r"\[(?P<caller>[^\]]+)\] (?P<message>.*)$"
)


@dataclass
class Served:
    client: httpx.Client
    port: int
    token: str
    log: Path

    def lines(self) -> list[str]:
        return self.log.read_text(encoding="utf-8", errors="replace").splitlines()

    def wait_for(self, text: str) -> None:
        deadline = time.monotonic() + 30
        while not any(text in line for line in self.lines()):
            assert time.monotonic() < deadline, f"{text!r} not logged:\n" + "\n".join(self.lines())
            time.sleep(0.05)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def serving(
    folder: Path, settings: str = "", args: tuple[str, ...] = (), environ: dict[str, str] | None = None
) -> Iterator[Served]:
    """A real `apmon serve` process on a free loopback port, with a ledger in `folder` holding one token of MZ
    (`settings`: more lines of [sync]; `args`, `environ`: more of the command's options and environment), once it
    answers /health; stopped after."""
    data = folder / "data"
    data.mkdir()
    config = folder / "apmon.toml"
    config.write_text(f'[sync]\ndata_dir = "{data.as_posix()}"\n{settings}', encoding="utf-8")
    ledger = Ledger.open(f"sqlite:///{(data / 'ledger.sqlite').as_posix()}")
    _, token = issue_token(ledger, "MZ", "institution", "MZ", dt.datetime.now(dt.UTC))
    ledger.close()
    port = free_port()
    command = ["serve", "--port", str(port), *args, "--config", str(config)]
    code = f"import sys\nsys.argv = ['apmon', *{command!r}]\nfrom apmon.cli.app import main\nmain()\n"
    log = folder / "stderr.log"
    environ = {k: v for k, v in os.environ.items() if k != "APMON_LANG"} | (environ or {})
    with log.open("wb") as stderr:
        server = subprocess.Popen(
            [sys.executable, "-c", code], stdout=subprocess.DEVNULL, stderr=stderr, env=environ, cwd=folder
        )
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60) as client:
            deadline = time.monotonic() + STARTED_WITHIN
            while True:
                assert server.poll() is None, log.read_text(encoding="utf-8", errors="replace")
                try:
                    if client.get("/health").status_code == 200:
                        break
                except httpx.TransportError:
                    assert time.monotonic() < deadline, "apmon serve did not start"
                    time.sleep(0.1)
            yield Served(client, port, token, log)
    finally:
        server.terminate()
        server.wait(timeout=30)


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    with serving(tmp_path_factory.mktemp("serve"), args=("--trust-proxy", "127.0.0.1")) as server:
        yield server


def test_refused_token_checks_and_the_block_are_logged_with_time_level_and_the_callers_address(
    served: Served,
) -> None:
    """`apmon serve` configured no logging for apmon.addin: 15 refused tokens gave no line at all (INFO was
    dropped), and the block went through Python's last-resort handler, without time, level or logger."""
    nat = {"X-Forwarded-For": "10.9.9.9"}  # a ministry's NAT, as nginx names it
    codes = [
        served.client.post(URL.format("validate"), headers={**nat, "Authorization": f"Bearer apmon_guess{i:02d}x"})
        for i in range(15)
    ]
    assert [c.status_code for c in codes] == [401] * 10 + [429] * 5
    served.wait_for("refused (429")
    ours = [match for line in served.lines() if (match := APMON_LINE.match(line))]
    from_nat = [match for match in ours if match["caller"] == "10.9.9.9"]
    refused = [match for match in from_nat if match["message"].startswith("refused")]
    assert len(refused) == 15 and {match["level"] for match in refused} == {"INFO"}
    assert all(match["logger"] == "apmon.addin" for match in from_nat)
    blocks = [match for match in from_nat if match["level"] == "WARNING"]
    assert blocks and all("10 failed authentications" in match["message"] for match in blocks)
    # uvicorn's access lines name the caller too, not only the proxy (the TCP peer)
    access = [line for line in served.lines() if '"POST /xlwings/custom-scripts-call/validate' in line]
    assert len(access) == 15 and all("[10.9.9.9]" in line for line in access)
    log = "\n".join(served.lines())
    assert "apmon_guess" not in log and served.token not in log  # never a token


def test_a_caller_that_goes_away_mid_upload_is_logged_as_such_without_a_traceback(served: Served) -> None:
    """Starlette's ClientDisconnect was handled as an unexpected error: "validate failed" and a traceback."""
    head = (
        "POST /xlwings/custom-scripts-call/validate HTTP/1.1\r\n"
        f"Host: 127.0.0.1:{served.port}\r\n"
        f"Authorization: Bearer {served.token}\r\n"
        "X-Forwarded-For: 10.7.7.7\r\n"
        "Content-Type: application/json\r\n"
        "Content-Length: 100000\r\n\r\n"
    )
    with socket.create_connection(("127.0.0.1", served.port)) as connection:  # a tenth of the body, then gone
        connection.sendall(head.encode() + b'{"client": "Office.js", "sheets": [' + b" " * 10_000)
    served.wait_for("went away")
    lines = [line for line in served.lines() if "[10.7.7.7]" in line]
    gone = [match for line in lines if (match := APMON_LINE.match(line)) and "went away" in match["message"]]
    assert len(gone) == 1 and gone[0]["level"] in ("INFO", "WARNING")
    log = "\n".join(served.lines())
    assert "Traceback" not in log and "validate failed" not in log and "ClientDisconnect" not in log


def test_a_token_in_the_address_is_not_written_into_the_access_log(served: Served) -> None:
    """A token put in the address (a client set up with `?token=...`, a token pasted after the path, `_` sent as
    %5F) was written whole into uvicorn's access line: the server's log, which the ministry's IT reads and keeps,
    held a working token. The line stays, the token shown as `apmon_***`."""
    token, escaped = served.token, served.token.replace("_", "%5F", 1)
    served.client.get(f"/health?token={token}")
    served.client.post(f"{URL.format('validate')}?access_token={escaped}&x=1")
    served.client.get(f"/xlwings/{token}")
    served.wait_for("/xlwings/apmon_")
    log = "\n".join(served.lines())
    secret = token[len("apmon_") :]
    assert secret not in log
    assert "GET /health?token=apmon_***" in log and "access_token=apmon_***&x=1" in log


@pytest.mark.parametrize(
    ("line", "written"),
    [
        ("GET /h?t=apmon_9M7zNBrfJAqLDKXJmqRStDVEmuJSov3on5UFM7z4H-E HTTP/1.1", "GET /h?t=apmon_*** HTTP/1.1"),
        ("GET /x?t=apmon%5F9M7zNBrfJAqLDKXJmqRStDVEmuJSov3on5UFM7z4H-E&y=1", "GET /x?t=apmon_***&y=1"),
        # no token: a data folder's name and the hidden sheet's stay as written
        ("data_dir /srv/apmon_izvestaji_ministarstva", "data_dir /srv/apmon_izvestaji_ministarstva"),
        ("sheet _apmon_master", "sheet _apmon_master"),
        # in capitals and small letters, shorter than a token or longer and not random
        ("data_dir /srv/apmon_Izvestaji_Ministarstva", "data_dir /srv/apmon_Izvestaji_Ministarstva"),
        # exactly a token's length in capitals and small letters: taken for one, as in a report's cell (a password
        # kept in a log is worse than a name hidden)
        ("file apmon_Izvestaj_Ministarstva_Zdravlja_za_Mart_2018.xlsx", "file apmon_***.xlsx"),
        ("file apmon_MesecniIzvestajMUP_2018_03_SluzbaZaBorbu_v3_konacno", None),
        # a token encoded twice, or each of its characters encoded, in either case of hex digit
        ("GET /x?t=apmon%255F9M7zNBrfJAqLDKXJmqRStDVEmuJSov3on5UFM7z4H%252DE&y=1", "GET /x?t=apmon_***&y=1"),
        ("t=apmon_%39%4d7zNBrfJAqLDKXJmqRStDVEmuJSov3on5UFM7z4H%2de end", "t=apmon_*** end"),
    ],
)
def test_the_log_writes_a_token_as_apmon_stars_and_leaves_other_names(line: str, written: str | None) -> None:
    """`written` None: the line stays as it is."""
    from apmon.addin.server import HideTokens

    record = logging.LogRecord("uvicorn.access", logging.INFO, __file__, 1, "%s - %s", ("127.0.0.1", line), None)
    assert HideTokens().filter(record) and record.getMessage() == f"127.0.0.1 - {written or line}"


def test_a_token_in_x_forwarded_for_or_sent_encoded_twice_is_hidden_and_an_honest_folder_stays(served: Served) -> None:
    """What tr7's filter let through or hid wrongly: the caller's address comes from X-Forwarded-For (a process on
    the proxy's machine, or a proxy that passes the header on, writes what it likes there) and was written whole
    in the brackets; a token whose `_` was percent-encoded twice (%255F: an address put into another one's query)
    stayed whole; a folder named in capitals and small letters (apmon_Izvestaji_Ministarstva_Zdravlja) was written
    apmon_***, though no token is 16 letters long."""
    token = served.token
    served.client.get("/health?seen=1", headers={"X-Forwarded-For": token})
    served.client.get("/health?t=" + token.replace("_", "%255F", 1) + "&seen=2")
    served.client.get("/health?dir=/srv/apmon_Izvestaji_Ministarstva_Zdravlja&seen=3")
    served.wait_for("seen=3")
    log = "\n".join(served.lines())
    assert token[len("apmon_") :] not in log
    assert "[apmon_***]" in log and "/health?t=apmon_***&seen=2" in log
    assert "/health?dir=/srv/apmon_Izvestaji_Ministarstva_Zdravlja&seen=3" in log


def test_a_token_in_a_logged_exceptions_text_is_hidden(capsys: pytest.CaptureFixture[str]) -> None:
    """A failure logged with its traceback (`log.exception`, uvicorn's "Exception in ASGI application") wrote the
    exception's text as it was: one that quotes a value it was given (a cell, a header) kept a token whole. Through
    the handler `apmon serve` configures (its filters and line), to standard error."""
    token = "apmon_9M7zNBrfJAqLDKXJmqRStDVEmuJSov3on5UFM7z4H-E"
    handler = serves_handler()
    logger = logging.getLogger("apmon.test_tokens")
    logger.addHandler(handler)
    try:
        try:
            float(f"Bearer {token}")
        except ValueError:
            logger.exception("validate failed")
    finally:
        logger.removeHandler(handler)
    err = capsys.readouterr().err
    assert "validate failed" in err and "could not convert string to float: 'Bearer apmon_***'" in err
    assert token[len("apmon_") :] not in err


def test_a_line_that_cannot_be_formatted_is_a_logging_error_not_the_callers_failure(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A log call whose arguments do not fit its message ("%d" given a text) is a logging error: the handler says
    so on standard error and the program goes on. HideTokens formatted the message first and raised the TypeError
    into the code that logged: in a request, its call failed with a 500."""
    handler = serves_handler()
    logger = logging.getLogger("apmon.test_logging_error")
    logger.addHandler(handler)
    logger.propagate = False  # as serve's loggers (pytest's own handler raises a logging error)
    try:
        logger.warning("%d calls", "many")
        logger.warning("then %s", "apmon_9M7zNBrfJAqLDKXJmqRStDVEmuJSov3on5UFM7z4H-E")
    finally:
        logger.removeHandler(handler)
        logger.propagate = True
    err = capsys.readouterr().err
    assert "--- Logging error ---" in err and "then apmon_***" in err


def serves_handler() -> logging.Handler:
    """A handler as `apmon serve` configures its log (cli.serve.log_config): its filters in its order, its line, to
    standard error."""
    from apmon.cli.serve import log_config

    config = log_config()
    handler = logging.StreamHandler(sys.stderr)
    for name in config["handlers"]["stderr"]["filters"]:
        handler.addFilter(config["filters"][name]["()"]())
    handler.setFormatter(logging.Formatter(config["formatters"]["line"]["format"]))
    return handler
