"""`apmon serve` is one process, whatever the environment says: the per-token window of calls a minute
(`addin_calls_per_minute`) is kept in that process's memory (docs/addin.md says why), so one window counts every call.

uvicorn reads WEB_CONCURRENCY (set by many hosting setups) as its number of worker processes, and with more than one
it refuses an app object: `apmon serve` printed uvicorn's English warning and exited. A real `apmon serve` process
on a loopback port, a real SQLite ledger."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import time
from pathlib import Path

import httpx

from apmon.sync.ledger import Ledger
from apmon.sync.tokens import issue_token
from tests.test_addin_server_log import STARTED_WITHIN, URL, free_port

CALLS_PER_MINUTE = 3


def test_serve_is_one_process_and_counts_every_call_of_a_token_even_with_web_concurrency_set(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    config = tmp_path / "apmon.toml"
    config.write_text(
        f'[sync]\ndata_dir = "{data.as_posix()}"\naddin_calls_per_minute = {CALLS_PER_MINUTE}\n', encoding="utf-8"
    )
    ledger = Ledger.open(f"sqlite:///{(data / 'ledger.sqlite').as_posix()}")
    _, token = issue_token(ledger, "MZ", "institution", "MZ", dt.datetime.now(dt.UTC))
    ledger.close()
    port = free_port()
    args = ["serve", "--port", str(port), "--config", str(config)]
    code = f"import sys\nsys.argv = ['apmon', *{args!r}]\nfrom apmon.cli.app import main\nmain()\n"
    log = tmp_path / "stderr.log"
    environ = {k: v for k, v in os.environ.items() if k != "APMON_LANG"} | {"WEB_CONCURRENCY": "2"}
    with log.open("wb") as stderr:
        server = subprocess.Popen(
            [sys.executable, "-c", code], stdout=subprocess.DEVNULL, stderr=stderr, env=environ, cwd=tmp_path
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
            headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
            # Counted before the body is read: a body that is no JSON is a 400 after it was counted.
            answers = [client.post(URL.format("validate"), content=b"{", headers=headers) for _ in range(5)]
        assert [a.status_code for a in answers] == [400] * CALLS_PER_MINUTE + [429] * 2, [a.text for a in answers]
        assert answers[-1].headers["X-Apmon-Refused"] == "too-many-calls"
    finally:
        server.terminate()
        server.wait(timeout=30)
