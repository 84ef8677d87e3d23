"""Benchmark: one Validate call flooded with junk rows, as a hostile or broken client could send it.

The Office.js payload of MRZBSP's March 2018 report with 150,000 junk rows appended to its Tasks sheet (about
5 MB, under the 10 MB body limit), posted once in process with FastAPI's TestClient. Prints the status, the
time of the call and how much larger the process is afterwards (resident memory, after garbage collection).
Before the payload limits the server built the Book and validated every row: 10.2 s and +415 MB for one call
(a 45 MB answer). Now it refuses the payload (413) before building anything: 0.25 s, +2 MB. The largest junk an
accepted report may carry (1,960 rows of 50 cells, within 2,000 rows and 100,000 cells) costs 0.14 s and +7 MB.

    .venv/bin/python bench/addin_flood.py [--rows N]
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import json
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from fastapi.testclient import TestClient  # noqa: E402

from apmon.addin.server import create_app  # noqa: E402  (sets the xlwings licence key before xlwings is imported)
from apmon.sync.config import Config, SyncSettings  # noqa: E402
from apmon.sync.ledger import Ledger  # noqa: E402
from apmon.templates.plan_file import load_plan, load_registry  # noqa: E402
from bench.addin_roundtrip import NOW, TOKEN, URL, filled_payload  # noqa: E402


def rss_mb() -> float:
    """The resident memory of this process now, in MB (Linux)."""
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * resource.getpagesize() / 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--rows", type=int, default=150_000)
    parser.add_argument("--width", type=int, default=0, help="cells per junk row (default: the sheet's width)")
    args = parser.parse_args()
    registry = load_registry()
    plan = load_plan(None, registry)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        payload = filled_payload(plan, registry, folder)
        tasks = payload["sheets"][1]
        width = args.width or len(tasks["values"][0])
        tasks["values"] += [[f"junk {i}"] + ["x"] * (width - 1) for i in range(args.rows)]
        body = json.dumps(payload).encode()
        del payload, tasks
        ledger = Ledger.open(f"sqlite:///{folder / 'ledger.sqlite'}")
        ledger.add_token("MRZBSP", "institution", hashlib.sha256(TOKEN.encode()).hexdigest(), "bench", NOW)
        headers = {"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"}
        with TestClient(create_app(Config(sync=SyncSettings(data_dir=folder)), ledger, clock=lambda: NOW)) as client:
            assert client.get("/health").status_code == 200
            gc.collect()
            before = rss_mb()
            start = time.perf_counter()
            answer = client.post(URL, content=body, headers=headers)
            took = time.perf_counter() - start
            status, answer_kb = answer.status_code, len(answer.content) / 1024
            del answer
            gc.collect()
            after = rss_mb()
        ledger.close()
    print(
        f"{args.rows} junk rows of {width} cells, body {len(body) / 1e6:.1f} MB: "
        f"HTTP {status}, answer {answer_kb:.0f} KB"
    )
    print(f"one call: {took:.2f} s; process {after - before:+.0f} MB afterwards ({before:.0f} -> {after:.0f} MB)")


if __name__ == "__main__":
    main()
