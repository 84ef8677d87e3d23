"""The scheduled run of the tests of a Google outage (tests/test_not_read_not_missing.py, tests/test_partial_reads.py):
the March 2018 report of each MID_RUN institution filled in a Google Sheet in a Drive folder on the fake Google on
loopback, read with real gspread by the real scheduled run (`sync_once`, as `apmon sync schedule` runs it) into a real
SQLite ledger, mail through the real SMTP server on loopback (tests.test_remind). A test module that uses the
`google_run` fixture imports it with the fixtures it needs:

    from tests.google_outage import GoogleRun, certificate, fake_google, google_run, server, smtp_env  # noqa: F401
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any, NamedTuple

import pytest

from apmon.schemas.institutions import InstitutionRegistry
from apmon.schemas.plan import Plan
from apmon.sync.config import load_config
from apmon.sync.ledger import Ledger
from apmon.sync.service import sync_once
from apmon.templates.google_api import RetryPolicy, make_client
from tests.fake_google import FakeGoogle, fake_google_fixture, service_account_file
from tests.test_google_as_google_does import MID_RUN, _filled_google_reports
from tests.test_remind import MARCH, Server, certificate, server, smtp_env, write_config

fake_google = fake_google_fixture
__all__ = ["MID_RUN", "GoogleRun", "certificate", "fake_google", "google_run", "server", "smtp_env"]


class Seen(NamedTuple):
    """What the ledger holds after a run."""

    versions: int  # how many versions were recorded
    read: set[str | None]  # their institutions
    reminded: set[tuple[str, str]]  # (institution, "reminder" or "late") of the mails recorded
    briefs: list[str]  # the months of the Minister's briefs issued


class GoogleRun:
    """The MID_RUN reports on the fake Google, and the configuration of a scheduled run that reads them."""

    def __init__(
        self, fake: FakeGoogle, server: Server, ca_file: Path, plan: Plan, registry: InstitutionRegistry, tmp: Path
    ) -> None:
        self.fake, self.server, self.ca_file, self.tmp = fake, server, ca_file, tmp
        self.key = service_account_file(tmp)
        self.client = make_client(self.key, fake.endpoints, RetryPolicy(max_attempts=1), sleep=lambda _: None)
        self.folder = _filled_google_reports(fake, self.client, plan, registry)
        self.config = self.configure({})

    def configure(self, contacts: dict[str, Any], more: str = "", mail: tuple[str, ...] = ()) -> Path:
        """The run's apmon.toml for March 2018: the Drive folder, the fake Google (one attempt per request), the
        SMTP server, `contacts` and `mail` settings (tests.test_remind.write_config) and `more` TOML tables."""
        path = write_config(
            self.tmp, self.server.port, self.ca_file, contacts=contacts, months=(MARCH, MARCH), mail=mail
        )
        endpoints = self.fake.endpoints
        text = path.read_text(encoding="utf-8").replace("[sync]\n", f'[sync]\ngoogle_folder = "{self.folder}"\n', 1)
        text += (
            f"\n[google]\ncredentials = {json.dumps(self.key.as_posix())}\n"
            f"[google.endpoints]\nsheets = {json.dumps(endpoints.sheets)}\ndrive = {json.dumps(endpoints.drive)}\n"
            f"token_uri = {json.dumps(endpoints.token_uri)}\n[google.retry]\nmax_attempts = 1\n" + more
        )
        path.write_text(text, encoding="utf-8")
        self.config = path
        return path

    def sheets_stop_answering_after(self, spreadsheets: int) -> None:
        """Sheets reads the first `spreadsheets` (two reads each: its sheets, then its values), then answers no more."""
        self.fake.fail_next(r"/v4/spreadsheets/", 503, count=10_000, method="GET", after=2 * spreadsheets)

    def drive_stops_answering(self) -> None:
        """Drive does not answer when the run lists the folder."""
        self.fake.fail_next(r"/drive/v3/files", 503, count=10_000, method="GET")

    def run(self, as_of: dt.date) -> Any:
        """The scheduled run on the day `as_of`; its summary."""
        return sync_once(load_config(self.config), "schedule", as_of=as_of)

    def seen(self) -> Seen:
        ledger = Ledger.open(f"sqlite:///{(self.tmp / 'data' / 'ledger.sqlite').as_posix()}")
        try:
            versions = ledger.versions()
            return Seen(
                versions=len(versions),
                read={v.institution for v in versions},
                reminded={(m.institution, m.kind) for m in ledger.mails() if m.kind in ("reminder", "late")},
                briefs=[r.last_period for r in ledger.issued("minister")],
            )
        finally:
            ledger.close()


@pytest.fixture
def google_run(
    smtp_env: None,
    server: Server,
    certificate: tuple[Path, Path],
    fake_google: FakeGoogle,
    plan: Plan,
    registry: InstitutionRegistry,
    tmp_path: Path,
) -> GoogleRun:
    return GoogleRun(fake_google, server, certificate[0], plan, registry, tmp_path)
