"""Benchmark: a Validate round trip through the add-in server, for the largest filled monthly report.

Target: under 150 ms. The request is the Office.js client's payload of MRZBSP's March 2018 report (27 tasks,
70 indicators), posted in process with FastAPI's TestClient: JSON in, token check, history from the ledger,
the xlwings Book, validation, the colour and Issues sheet actions, JSON out. Side by side with a baseline
that pays only the same round trip and the Book (`xw.Book(json=payload)` answering `book.json()` with no
work), and the ratio. A third line shows the add-in function alone, without HTTP.

    .venv/bin/python bench/addin_roundtrip.py [--repeat N]
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import statistics
import sys
import tempfile
from pathlib import Path
from typing import Any

import openpyxl

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from fastapi import FastAPI, Request  # noqa: E402
from fastapi.testclient import TestClient  # noqa: E402

from apmon.addin import functions  # noqa: E402  (sets the xlwings licence key before xlwings is imported)
from apmon.addin.functions import xw  # noqa: E402
from apmon.addin.server import create_app  # noqa: E402
from apmon.schemas.institutions import InstitutionRegistry  # noqa: E402
from apmon.schemas.plan import Plan  # noqa: E402
from apmon.sync.config import Config, SyncSettings  # noqa: E402
from apmon.sync.ledger import Ledger  # noqa: E402
from apmon.templates.plan_file import load_plan, load_registry  # noqa: E402
from bench.timing import timed  # noqa: E402
from tests.reports import complete_monthly, filled_report  # noqa: E402

URL = "/xlwings/custom-scripts-call/validate"
TOKEN = "bench-token"
NOW = dt.datetime(2018, 4, 3, 9, 30, tzinfo=dt.UTC)
TARGET_S = 0.150


def office_js_payload(path: Path) -> dict[str, Any]:
    """What xlwings' Office.js client sends: every sheet from A1 to its used range, empty cells as ""."""
    wb = openpyxl.load_workbook(path)
    sheets = []
    for ws in wb.worksheets:
        values = [
            ["" if v is None else v for v in row]
            for row in ws.iter_rows(max_row=ws.max_row, max_col=ws.max_column, values_only=True)
        ]
        sheets.append({"name": ws.title, "values": values, "pictures": [], "tables": []})
    book = {"name": path.name, "active_sheet_index": 0, "selection": "A1"}
    return {"client": "Office.js", "version": xw.__version__, "book": book, "names": [], "sheets": sheets}


def filled_payload(
    plan: Plan, registry: InstitutionRegistry, folder: Path, code: str = "MRZBSP", period: str = "2018-03"
) -> dict[str, Any]:
    """The Office.js payload of `code`'s report for `period`, every input filled in, made in `folder`."""
    _, layout = filled_report(plan, registry, folder, code, period, {})
    path, _ = filled_report(plan, registry, folder, code, period, complete_monthly(layout))
    return office_js_payload(path)


def baseline_app() -> FastAPI:
    app = FastAPI()

    @app.post(URL)
    async def call(request: Request) -> Any:
        book = xw.Book(json=await request.json())
        try:
            return book.json()
        finally:
            book.close()

    return app


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    registry = load_registry()
    plan = load_plan(None, registry)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        _, layout = filled_report(plan, registry, folder, "MRZBSP", "2018-03", {})
        path, _ = filled_report(plan, registry, folder, "MRZBSP", "2018-03", complete_monthly(layout))
        payload = office_js_payload(path)
        ledger = Ledger.open(f"sqlite:///{folder / 'ledger.sqlite'}")
        ledger.add_token("MRZBSP", "institution", hashlib.sha256(TOKEN.encode()).hexdigest(), "bench", NOW)
        config = Config(sync=SyncSettings(data_dir=folder))
        headers = {"Authorization": f"Bearer {TOKEN}"}
        with (
            TestClient(create_app(config, ledger, clock=lambda: NOW)) as ours_client,
            TestClient(baseline_app()) as base_client,
        ):
            answer = ours_client.post(URL, json=payload, headers=headers)
            assert answer.status_code == 200, answer.text
            actions = answer.json()["actions"]

            def ours() -> None:
                assert ours_client.post(URL, json=payload, headers=headers).status_code == 200

            def baseline() -> None:
                assert base_client.post(URL, json=payload, headers=headers).status_code == 200

            def function_only() -> None:
                book = xw.Book(json=payload)
                functions.validate(book, plan, registry)
                book.close()

            ours_times = timed(ours, args.repeat)
            base_times = timed(baseline, args.repeat)
            function_times = timed(function_only, args.repeat)
        ledger.close()
    med_ours, med_base = statistics.median(ours_times), statistics.median(base_times)
    p90 = sorted(ours_times)[max(int(0.9 * len(ours_times)) - 1, 0)]
    size = len(answer.request.content)
    tasks, indicators = len(layout.sheet("tasks").rows), len(layout.sheet("indicators").rows)
    print(
        f"report: MRZBSP 2018-03 ({tasks} tasks, {indicators} indicators), Office.js payload {size / 1024:.0f} KB, "
        f"{len(actions)} actions answered; {args.repeat} runs each"
    )
    print(f"apmon validate round trip (server, in process): median {med_ours * 1000:6.1f} ms (p90 {p90 * 1000:.1f} ms)")
    print(f"baseline: same round trip, Book only, no work:   median {med_base * 1000:6.1f} ms")
    print(f"add-in function alone (Book + validate):        median {statistics.median(function_times) * 1000:6.1f} ms")
    verdict = "met" if med_ours < TARGET_S else "NOT met"
    print(f"ratio apmon / baseline: {med_ours / med_base:.1f}x; target < {TARGET_S * 1000:.0f} ms: {verdict}")


if __name__ == "__main__":
    main()
