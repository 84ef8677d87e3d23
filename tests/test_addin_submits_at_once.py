"""Submits of the same report that reach the server at the same moment, through the real server and a real ledger
of each backend: exactly one is recorded, and every other caller is told that it was already submitted."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from apmon.addin.server import create_app
from apmon.schemas.calendar import Period
from apmon.schemas.institutions import InstitutionRegistry
from apmon.schemas.messages import text_of
from apmon.schemas.plan import Plan
from apmon.sync.config import Config, SyncSettings
from apmon.sync.ledger import Ledger
from apmon.sync.tokens import token_hash
from apmon.templates.layout import report_layout
from tests.reports import complete_monthly, filled_report
from tests.test_addin import GOOGLE, MARCH, NOW, PERIOD, TOKENS, URL, bearer, client_payload
from tests.test_ledger import postgres_admin_url, url  # noqa: F401  (ledger backends: SQLite and PostgreSQL)

AT_ONCE = 20


@pytest.fixture
def ledger(url: str) -> Iterator[Ledger]:  # noqa: F811
    opened = Ledger.open(url)
    opened.add_token("MZ", "institution", token_hash(TOKENS["MZ"]), "MZ", NOW)
    yield opened
    opened.close()


def test_identical_submits_at_once_record_one_arrival(
    ledger: Ledger, plan: Plan, registry: InstitutionRegistry, tmp_path: Path
) -> None:
    layout = report_layout(plan, registry, "MZ", Period.parse(PERIOD), "en")
    path, _ = filled_report(plan, registry, tmp_path, "MZ", PERIOD, complete_monthly(layout), lang="en")
    payload = client_payload(path, GOOGLE)
    config = Config(sync=SyncSettings(data_dir=tmp_path, first_period="2018-01", last_period=PERIOD))
    client = TestClient(create_app(config, ledger, clock=lambda: NOW, plan=plan, registry=registry))
    start = threading.Barrier(AT_ONCE)

    def submit(_: int) -> str:
        start.wait()
        response = client.post(URL.format("submit"), json=payload, headers=bearer("MZ"))
        assert response.status_code == 200, response.text
        (alert,) = [a["args"][0] for a in response.json()["actions"] if a["func"] == "alert"]
        return str(alert)

    with ThreadPoolExecutor(AT_ONCE) as pool:
        alerts = list(pool.map(submit, range(AT_ONCE)))

    submitted = "The monthly report for March 2018 was submitted on 3 Apr 2018 at 11:30."
    unchanged = text_of("alert.unchanged", "en", which=MARCH, date="3 Apr 2018", time="11:30", status="on time")
    assert (alerts.count(submitted), alerts.count(unchanged)) == (1, AT_ONCE - 1)
    (version,) = ledger.versions("MZ")
    assert len(ledger.arrivals([version.id])) == 1
