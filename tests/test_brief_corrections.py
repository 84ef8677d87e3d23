"""The Minister's brief lists the reports for earlier months that came in since the previous brief. A correction of a
report an earlier brief already counted is not one of them: it is named on a line of its own, as a correction, when
what it reports differs; a report sent again unchanged is named nowhere. A real SQLite ledger, real report files
built with the project's template builder, real sync runs and briefs; what each line should name is worked out here
from the files the test sent and when, never by the brief's code."""

from __future__ import annotations

import re
from pathlib import Path
from typing import NamedTuple

from apmon.schemas.calendar import Period
from apmon.schemas.institutions import InstitutionRegistry
from apmon.schemas.plan import Plan
from apmon.sync.config import Config
from apmon.sync.ledger import Ledger, sqlite_url
from apmon.sync.reports import make_minister_brief
from apmon.templates.layout import report_layout, reporting_institutions
from tests.reports import Edits
from tests.test_reports import pdf_text
from tests.test_sync import Office

MARCH, APRIL = Period.parse("2018-03"), Period.parse("2018-04")
ARRIVED = "Reports for earlier months received since: "
CORRECTED = "Reports corrected since (already counted in an earlier brief): "
LISTED = re.compile(r"((?:[A-ZČĆŠĐŽ]+ \(\w+ \d{4}\)(?:, )?)+)")


class Sent(NamedTuple):
    institution: str
    period: str
    figures: tuple[tuple[tuple[str, str, str], object], ...]  # what the file reports beyond the complete report
    after_brief: bool  # sent after the March brief was issued


def listed(text: str, label: str) -> list[str]:
    """The items the brief's line `label` names ("MZ (March 2018)"), or none when it has no such line."""
    joined = " ".join(text.split())
    if label not in joined:
        return []
    found = LISTED.match(joined.split(label, 1)[1])
    assert found is not None, joined
    return found[1].rstrip(", ").split(", ")


def test_a_correction_of_a_report_the_previous_brief_counted_is_not_listed_as_newly_arrived(
    plan: Plan, registry: InstitutionRegistry, tmp_path: Path
) -> None:
    ledger = Ledger.open(sqlite_url(tmp_path / "ledger.sqlite"))
    office = Office(tmp_path, plan, registry, ledger)
    config = Config(sync=office.settings)
    leads = [
        code
        for code in reporting_institutions(plan, registry)
        if any(s.role == "budget" and s.rows for s in report_layout(plan, registry, code, MARCH, "en").sheets)
    ]
    corrects, comes_late, sends_again = leads[:3]
    sent: list[Sent] = []

    def send(code: str, edits: Edits, *, after_brief: bool) -> None:
        office.submit(code, str(MARCH), edits, late_days=3 if after_brief else 0)
        sent.append(Sent(code, str(MARCH), tuple(sorted(edits.items())), after_brief))

    try:
        send(corrects, {}, after_brief=False)
        send(sends_again, {}, after_brief=False)
        office.sync()
        march = make_minister_brief(config, plan, registry, ledger, MARCH, lang="en", out=tmp_path / "march")
        layout = report_layout(plan, registry, corrects, MARCH, "en")
        task, line = layout.sheet("tasks").rows[0].key, layout.sheet("budget").rows[0].key
        send(corrects, {("tasks", task, "status"): "completed", ("budget", line, "spent_year"): 4500}, after_brief=True)
        send(comes_late, {}, after_brief=True)
        send(sends_again, {}, after_brief=True)  # the same report, saved again
        assert len(office.sync().versions) == 3  # each file is a new version in the ledger
        april = make_minister_brief(config, plan, registry, ledger, APRIL, lang="en", out=tmp_path / "april")
    finally:
        ledger.close()
    assert march.recorded and april.recorded

    # Worked out from what was sent: a report with no file before the March brief arrived since; one with a file
    # before and a file after that reports something else was corrected; one sent again as it was, neither.
    arrived, corrected = [], []
    for code in leads:
        before = [s.figures for s in sent if s.institution == code and not s.after_brief]
        after = [s.figures for s in sent if s.institution == code and s.after_brief]
        if after and not before:
            arrived.append(f"{code} (March 2018)")
        elif after and after[-1] != before[-1]:
            corrected.append(f"{code} (March 2018)")
    assert arrived == [f"{comes_late} (March 2018)"] and corrected == [f"{corrects} (March 2018)"]  # as meant

    text = pdf_text(april.files[0])
    assert listed(text, ARRIVED) == arrived  # before: the correction and the report sent again were listed too
    assert listed(text, CORRECTED) == corrected
    assert sends_again not in " ".join(text.split()).split("What changed since the previous brief", 1)[1]
