"""`apmon serve` is one process, whatever the environment says: the per-token window of calls a minute
(`addin_calls_per_minute`) is kept in that process's memory (docs/addin.md says why), so one window counts every call.

uvicorn reads WEB_CONCURRENCY (set by many hosting setups) as its number of worker processes, and with more than one
it refuses an app object: `apmon serve` printed uvicorn's English warning and exited. A real `apmon serve` process
on a loopback port, a real SQLite ledger."""

from __future__ import annotations

from pathlib import Path

from tests.test_addin_server_log import URL, serving

CALLS_PER_MINUTE = 3


def test_serve_is_one_process_and_counts_every_call_of_a_token_even_with_web_concurrency_set(tmp_path: Path) -> None:
    settings = f"addin_calls_per_minute = {CALLS_PER_MINUTE}\n"
    with serving(tmp_path, settings, environ={"WEB_CONCURRENCY": "2"}) as server:
        headers = {"Authorization": f"Bearer {server.token}", "Content-Type": "application/json"}
        # Counted before the body is read: a body that is no JSON is a 400 after it was counted.
        answers = [server.client.post(URL.format("validate"), content=b"{", headers=headers) for _ in range(5)]
    assert [a.status_code for a in answers] == [400] * CALLS_PER_MINUTE + [429] * 2, [a.text for a in answers]
    assert answers[-1].headers["X-Apmon-Refused"] == "too-many-calls"
