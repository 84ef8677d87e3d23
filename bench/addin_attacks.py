"""What the add-in server does with hostile requests: a bounded battery sent over HTTP on loopback.

Each kind of attack gets a fresh server (`apmon serve`'s app under uvicorn on 127.0.0.1, a fresh ledger), so
the failed-attempt limit of one kind does not colour the next. The requests are real xlwings payloads (the
Office.js client's, from a filled template) changed as an attacker or a broken client would change them.
Prints one row per kind: requests sent, the answers by status, and whether what must hold held. The table in
docs/security.md is this script's output.

    .venv/bin/python bench/addin_attacks.py
"""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
import json
import socket
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import httpx  # noqa: E402
import uvicorn  # noqa: E402

from apmon.addin.server import create_app  # noqa: E402  (sets the xlwings licence key before xlwings is imported)
from apmon.schemas.institutions import InstitutionRegistry  # noqa: E402
from apmon.schemas.plan import Plan  # noqa: E402
from apmon.sync.config import Config, SyncSettings  # noqa: E402
from apmon.sync.ledger import Ledger  # noqa: E402
from apmon.templates.layout import META_SHEET  # noqa: E402
from apmon.templates.plan_file import load_plan, load_registry  # noqa: E402
from bench.addin_roundtrip import filled_payload  # noqa: E402

NOW = dt.datetime(2018, 4, 3, 9, 30, tzinfo=dt.UTC)
TOKENS = {"MZ": "tok-mz-attack", "MUP": "tok-mup-attack", "COORDINATOR": "tok-coordinator-attack"}
JMBG = "0101990710008"  # a valid one: real date of birth, right control digit


def url(name: str) -> str:
    return f"/xlwings/custom-scripts-call/{name}"


def bearer(holder: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {TOKENS[holder]}"}


@contextmanager
def served(plan: Plan, registry: InstitutionRegistry) -> Iterator[tuple[httpx.Client, Ledger]]:
    """A fresh ledger with the three tokens and the add-in server on a free loopback port."""
    with tempfile.TemporaryDirectory() as tmp:
        ledger = Ledger.open(f"sqlite:///{Path(tmp) / 'ledger.sqlite'}")
        for holder, token in TOKENS.items():
            role = "coordinator" if holder == "COORDINATOR" else "institution"
            ledger.add_token(holder, role, hashlib.sha256(token.encode()).hexdigest(), holder, NOW)
        config = Config(sync=SyncSettings(data_dir=Path(tmp), first_period="2018-01", last_period="2018-03"))
        app = create_app(config, ledger, clock=lambda: NOW, plan=plan, registry=registry)
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="critical"))
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        deadline = time.monotonic() + 10
        while not server.started and time.monotonic() < deadline:
            time.sleep(0.02)
        try:
            with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60) as client:
                yield client, ledger
        finally:
            server.should_exit = True
            thread.join(10)
            ledger.close()


def tampered(payload: dict[str, Any], how: str) -> dict[str, Any]:
    """MZ's payload whose metadata a reader taking the first `institution` row would read as MUP's."""
    changed = copy.deepcopy(payload)
    meta = next(s for s in changed["sheets"] if s["name"] == META_SHEET)
    r = next(i for i, row in enumerate(meta["values"]) if row[0] == "institution")
    if how == "key with a trailing space":
        meta["values"][r][0] = "institution "
        meta["values"].insert(r, ["institution", "MUP"])
    elif how == "second institution row":
        meta["values"].insert(r, ["institution", "MUP"])
    elif how == "second metadata sheet":
        decoy = [[row[0], "MUP" if row[0] == "institution" else row[1]] for row in meta["values"]]
        changed["sheets"].insert(0, {**meta, "values": decoy})
    return changed


def with_text(payload: dict[str, Any], sheet_index: int, row: int, column: int, text: str) -> dict[str, Any]:
    changed = copy.deepcopy(payload)
    values = changed["sheets"][sheet_index]["values"]
    values[row][column] = text
    return changed


Row = tuple[str, int, Counter[int], bool, str]


def attack(name: str, sent: list[httpx.Response], held: bool, note: str) -> Row:
    return (name, len(sent), Counter(r.status_code for r in sent), held, note)


def main() -> None:
    registry = load_registry()
    plan = load_plan(None, registry)
    rows: list[Row] = []
    with tempfile.TemporaryDirectory() as tmp:
        payload = filled_payload(plan, registry, Path(tmp), "MZ")

    def run(name: str, note: str, send: Callable[[httpx.Client, Ledger], tuple[list[httpx.Response], bool]]) -> None:
        with served(plan, registry) as (client, ledger):
            sent, held = send(client, ledger)
        rows.append(attack(name, sent, held, note))

    headers = [
        {}, {"Authorization": ""}, {"Authorization": "Bearer"},
        {"Authorization": TOKENS["MZ"]}, {"Authorization": f"Basic {TOKENS['MZ']}"},
        {"Authorization": f"Bearer {TOKENS['MZ']} extra"}, {"Authorization": f"Bearer\t{TOKENS['MZ']}"},
        {"Authorization": f"Bearer {TOKENS['MZ']}, Bearer {TOKENS['MZ']}"}, {"Authorization": "Bearer " + "a" * 10240},
    ]  # fmt: skip

    def malformed_headers(client: httpx.Client, ledger: Ledger) -> tuple[list[httpx.Response], bool]:
        sent = [client.post(url("validate"), json=payload, headers=h) for h in headers]
        sent.append(client.post(url("validate"), json=payload, headers={"Authorization": f"bearer {TOKENS['MZ']}"}))
        return sent, [r.status_code for r in sent] == [401] * len(headers) + [200]

    run("malformed Authorization headers", "401 each; `bearer` in any case is accepted (RFC 9110)", malformed_headers)

    def guessing(client: httpx.Client, ledger: Ledger) -> tuple[list[httpx.Response], bool]:
        sent = [client.post(url("validate"), json={}, headers={"Authorization": f"Bearer guess{i}"}) for i in range(40)]
        blocked = sent[-1]
        sent.append(client.post(url("validate"), json=payload, headers=bearer("MZ")))  # an office behind that address
        codes = [r.status_code for r in sent]
        return sent, codes == [401] * 10 + [429] * 30 + [200] and "retry-after" in blocked.headers

    run("guessing tokens from one address", "after 10 failures: 429 with Retry-After; a valid token: 200", guessing)

    def claiming(client: httpx.Client, ledger: Ledger) -> tuple[list[httpx.Response], bool]:
        sent = []
        for name in ("validate", "submit"):
            sent.append(client.post(url(name), json=payload, headers=bearer("MUP")))
            for how in ("key with a trailing space", "second institution row", "second metadata sheet"):
                sent.append(client.post(url(name), json=tampered(payload, how), headers=bearer("MUP")))
        return sent, all(r.status_code in (400, 403) for r in sent) and ledger.versions() == []

    run("another institution's report", "403, or 400 for ambiguous metadata; nothing recorded", claiming)

    def names(client: httpx.Client, ledger: Ledger) -> tuple[list[httpx.Response], bool]:
        tried = ["history_of", "validate_caller", "submit_caller", "_run", "book_grid", "VALIDATE", "..%2Fvalidate"]
        sent = [client.post(url(n), json=payload, headers=bearer("MZ")) for n in tried]
        return sent, all(r.status_code == 404 for r in sent)

    run("calling functions by name", "404: only validate, submit and consolidate exist", names)

    def json_bombs(client: httpx.Client, ledger: Ledger) -> tuple[list[httpx.Response], bool]:
        bodies = [b"[" * 100_000 + b"]" * 100_000, b'{"a":' * 100_000 + b"1" + b"}" * 100_000, b"9" * 5000,
                  b"\xff\xfe", b'{"client": "Office.js"', b"[]", b"null"]  # fmt: skip
        hdr = {**bearer("MZ"), "Content-Type": "application/json"}
        sent = [client.post(url("validate"), content=body, headers=hdr) for body in bodies]
        return sent, all(r.status_code == 400 and "error" in r.json() for r in sent)

    run("pathological JSON", "JSON 400, never a plain-text 500", json_bombs)

    def floods(client: httpx.Client, ledger: Ledger) -> tuple[list[httpx.Response], bool]:
        rows_flood = copy.deepcopy(payload)
        rows_flood["sheets"][1]["values"] += [["junk"] * 5 for _ in range(150_000)]
        sheets_flood = copy.deepcopy(payload)
        sheets_flood["sheets"] += [{"name": f"S{i}", "values": [["x"]]} for i in range(60)]
        wide = copy.deepcopy(payload)
        wide["sheets"][1]["values"][0] = ["x"] * 150
        big = {"padding": "x" * 11 * 2**20}
        sent = [
            client.post(url("validate"), json=p, headers=bearer("MZ")) for p in (rows_flood, sheets_flood, wide, big)
        ]
        return sent, all(r.status_code == 413 for r in sent)

    run("floods (rows, sheets, columns, bytes)", "413 before any workbook is built", floods)

    def personal(client: httpx.Client, ledger: Ledger) -> tuple[list[httpx.Response], bool]:
        spellings = [JMBG, "0101990 710008", "0101990-710008", "010199 0710008", "01.01.990.710008"]
        sent = []
        for spelling in spellings:
            # Cover B10 is "Prepared by": a JMBG there was not looked for before.
            cover = with_text(payload, 0, 9, 1, f"Marko, JMBG {spelling}")
            sent.append(client.post(url("submit"), json=cover, headers=bearer("MZ")))
        refused = all("personal" in json.dumps(r.json()).lower() or "JMBG" in json.dumps(r.json()) for r in sent)
        leaked = any(JMBG in json.dumps(r.json()) for r in sent)
        return sent, refused and not leaked and ledger.versions() == []

    run("a JMBG in the cover, five spellings", "submit refused, masked in the answer, nothing stored", personal)

    def concurrent(client: httpx.Client, ledger: Ledger) -> tuple[list[httpx.Response], bool]:
        def submit(i: int) -> httpx.Response:
            changed = with_text(payload, 0, 9, 1, f"Preparer {i}")  # distinct content: distinct versions
            return client.post(url("submit"), json=changed, headers=bearer("MZ"))

        with ThreadPoolExecutor(20) as pool:
            sent = list(pool.map(submit, range(20)))
        return sent, all(r.status_code == 200 for r in sent) and len(ledger.versions()) == 20

    run("20 submissions at once", "all answered and recorded", concurrent)

    width = max(len(r[0]) for r in rows)
    answers = [", ".join(f"{n}x {code}" for code, n in sorted(r[2].items())) for r in rows]
    shown_width = max(len(shown) for shown in answers)
    print(f"{'attack':{width}}  requests  {'answers':{shown_width}}  held")
    for (name, count, _, held, note), shown in zip(rows, answers, strict=True):
        print(f"{name:{width}}  {count:8}  {shown:{shown_width}}  {'yes' if held else 'NO'}: {note}")
    print(f"{sum(r[1] for r in rows)} requests; every expectation held: {all(r[3] for r in rows)}")


if __name__ == "__main__":
    main()
