"""A run's cost follows what changed: the stored reports are decoded once per run, and the history rules read
only the history of the institutions whose reports came in (issue 14, point 9)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from schemas.institutions import InstitutionRegistry
from schemas.plan import Plan
from schemas.report import Report
from sync.ledger import Ledger
from tests.reports import filled_report
from tests.test_ledger import postgres_admin_url, url  # noqa: F401  (ledger backends: SQLite and PostgreSQL)
from tests.test_sync import Office


@pytest.fixture
def office(url: str, tmp_path: Path, plan: Plan, registry: InstitutionRegistry) -> Iterator[Office]:  # noqa: F811
    ledger = Ledger.open(url)
    yield Office(tmp_path, plan, registry, ledger)
    ledger.close()


def _count_decoding(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The institution of every report decoded from its JSON from now on (the real decoding still runs)."""
    decode = Report.model_validate_json
    decoded: list[str] = []

    def counting(cls: type[Report], *args: Any, **kwargs: Any) -> Report:
        report = decode(*args, **kwargs)
        decoded.append(report.institution)
        return report

    monkeypatch.setattr(Report, "model_validate_json", classmethod(counting))
    return decoded


def test_a_run_decodes_each_stored_report_once_and_only_the_history_it_checks(
    office: Office, monkeypatch: pytest.MonkeyPatch
) -> None:
    office.submit("MZ", "2018-03")
    office.submit("MUP", "2018-03")
    office.submit("MUP", "2018-04")
    assert len(office.sync().versions) == 3
    decoded = _count_decoding(monkeypatch)

    office.submit("MZ", "2018-04")
    summary = office.sync()
    assert [(v.institution, v.valid) for v in summary.versions] == [("MZ", True)]
    # The three stored reports, each once: consolidation takes MZ's March from the history rules' reading.
    assert sorted(decoded) == ["MUP", "MUP", "MZ"]


def test_the_history_rules_still_see_the_earlier_report_of_the_institution(
    office: Office, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, layout = filled_report(office.plan, office.registry, office.tmp, "MZ", "2018-03", {}, name="blank.xlsx")
    line = layout.sheet("budget").rows[0].key
    office.submit("MZ", "2018-03", {("budget", line, "spent_year"): 9000})
    office.submit("MUP", "2018-03")
    office.sync()
    office.submit("MZ", "2018-04")  # spends 3,000 so far this year, after March said 9,000
    summary = office.sync()
    issues = [i["code"] for row in office.ledger.versions("MZ", "2018-04") for i in row.issues]
    assert "cumulative-spending-decreased" in issues and not summary.versions[0].valid


def test_a_report_checked_earlier_in_the_run_is_the_history_of_the_next(office: Office) -> None:
    _, layout = filled_report(office.plan, office.registry, office.tmp, "MZ", "2018-03", {}, name="blank.xlsx")
    line = layout.sheet("budget").rows[0].key
    office.submit("MZ", "2018-03", {("budget", line, "spent_year"): 9000})
    office.submit("MZ", "2018-04")
    office.sync()
    april = [i["code"] for row in office.ledger.versions("MZ", "2018-04") for i in row.issues]
    assert "cumulative-spending-decreased" in april
