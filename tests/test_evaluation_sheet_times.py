"""The master's Evaluation sheet says what the annual evaluation says of time (the last note's leftovers, December
2026): that the evaluation is provisional before the year's annual reports are due, with the due date and who has
not sent one (after it, who sent no valid one); that a decision is older than a report of its activity's leads; and
a decision recorded with `apmon evaluation set` while a sync run is under way, later than a decision the same run
reads from the master, stands, though the run records the master's after it.

Real runs (`run_sync`, the reports folder, a SQLite ledger, the xlsx master; the Google master on the fake Google);
who owes an annual report is worked out from the plan and registry files (`tests.test_duties`), the due date by
hand from the calendar (15 February 2019 is Statehood Day, a Friday: the next working day is Monday the 18th)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from apmon.schemas.messages import text_of
from apmon.schemas.plan import Plan
from apmon.schemas.text import Lang
from apmon.sync.evaluation import add_comment, set_assessment
from apmon.templates.google_api import RetryPolicy, make_client
from tests.fake_google import FakeGoogle, fake_google_fixture, service_account_file
from tests.test_duties import expected_duties
from tests.test_evaluation_decided_during_run import YEAR, led_by, row_of, sheet_of
from tests.test_evaluation_decided_during_run import office as office_fixture
from tests.test_sync import Office

fake_google = fake_google_fixture
office = office_fixture  # a SQLite ledger in the test's folder
DUE = {"sr-Latn": "18.02.2019.", "sr-Cyrl": "18.02.2019.", "en": "18 Feb 2019"}
PROVISIONAL = {"sr-Latn": "privremena", "sr-Cyrl": "привремена", "en": "provisional"}


def owed() -> list[str]:
    """Who owes an annual report: the institutions with tasks in the plan file."""
    return sorted(code for code, duty in expected_duties().items() if duty == "tasks")


@pytest.mark.parametrize("lang", ["sr-Latn", "sr-Cyrl", "en"])
def test_before_the_deadline_the_sheet_says_it_is_provisional_and_who_has_not_sent(office: Office, lang: Lang) -> None:
    office.settings = office.settings.model_copy(update={"master_lang": lang})
    office.submit("MZ", "2018-03")
    office.submit("MZ", "2018")  # MZ's annual report is in; nobody else's
    assert office.sync().errors == []
    above = str(sheet_of(office, lang)[1][0])  # A2, above the table
    assert DUE[lang] in above and PROVISIONAL[lang] in above, above
    missing = [code for code in owed() if code != "MZ"]
    assert ", ".join(missing) in above, above
    assert "MZ," not in above and not above.endswith("MZ")
    # the instruction to type in the yellow cells still says so
    assert above.endswith(text_of("evaluation.subtitle", lang)), above


def test_after_the_deadline_the_sheet_names_who_sent_none_and_nothing_once_all_are_in(office: Office) -> None:
    after = dt.date(2019, 2, 19)
    office.submit("MZ", "2018-03")
    office.submit("MZ", "2018")
    assert office.sync(as_of=after).errors == []
    above = str(sheet_of(office, "en")[1][0])
    assert "provisional" not in above, above
    missing = [code for code in owed() if code != "MZ"]
    assert f"No valid annual report for {YEAR} from: {', '.join(missing)}." in above, above

    for code in missing:
        office.submit(code, "2018")
    assert office.sync(as_of=after).errors == []
    assert sheet_of(office, "en")[1][0] == text_of("evaluation.subtitle", "en")  # nothing more to say


def test_a_decision_older_than_a_leads_report_is_flagged_on_the_sheet(office: Office, plan: Plan) -> None:
    office.submit("MZ", "2018-03")
    assert office.sync().errors == []
    activity = led_by(plan, "MZ")
    other = next(
        a.id for a in plan.activities() if a.id != activity and "MZ" not in {c for t in a.tasks for c in t.lead}
    )
    for decided in (activity, other):
        set_assessment(
            plan, office.ledger, activity=decided, year=YEAR, assessment="completed", reason="Done.",
            author="M. Marković", at=dt.datetime.now(dt.UTC), lang="en",
        )  # fmt: skip
    office.submit("MZ", "2018-04")  # came after the decisions
    add_comment(
        plan, office.ledger, activity=activity, year=YEAR, author="ASTRA", text="Agreed.", at=dt.datetime.now(dt.UTC),
        lang="en",
    )  # fmt: skip
    assert office.sync().errors == []

    ws = office.master()["Evaluation"]
    rows = [list(r) for r in ws.iter_rows(values_only=True)]
    decided = row_of(rows, activity)[8]
    assert row_of(rows, activity)[9] == "ASTRA: Agreed."
    assert "M. Marković" in decided and "A report of a lead came in after this decision: MZ (April 2018)" in decided
    assert "after this decision" not in row_of(rows, other)[8]
    above = str(rows[1][0])
    assert f"Reports of its leads came in after the Coordinator's decision on {activity} ({YEAR}). Review that" in above
    [number] = [i for i, r in enumerate(rows, 1) if (r[0], r[2]) == (YEAR, activity)]
    assert ws.cell(number, 9).fill.fgColor.rgb.endswith("FFEB9C")  # the warning's colour, as the other sheets'
    # Said whole, beside a comment (the next cell filled): on a line of its own, in a cell that wraps (it was cut
    # off at the column's edge, after the time: "..., 1 Jun 2018 10:00 A report of ...").
    who, flag = decided.split("\n")
    assert who.startswith("M. Marković, ") and flag.startswith("A report of a lead came in after this decision")
    assert ws.cell(number, 9).alignment.wrap_text, "the Decided by cell does not wrap"

    # Reviewed: a decision recorded after the report clears the flag.
    set_assessment(
        plan, office.ledger, activity=activity, year=YEAR, assessment="completed", reason="Reviewed after April.",
        author="M. Marković", at=dt.datetime.now(dt.UTC), lang="en",
    )  # fmt: skip
    assert office.sync().errors == []
    rows = [list(r) for r in office.master()["Evaluation"].iter_rows(values_only=True)]
    assert "after this decision" not in row_of(rows, activity)[8]
    assert "Review that" not in str(rows[1][0])


def test_the_google_masters_evaluation_sheet_says_it_too(
    office: Office, plan: Plan, fake_google: FakeGoogle, tmp_path: Path
) -> None:
    client = make_client(
        service_account_file(tmp_path), fake_google.endpoints, RetryPolicy(max_attempts=2), sleep=lambda _: None
    )
    master = fake_google.add_spreadsheet("Master", {})
    office.settings = office.settings.model_copy(update={"google_master": master})
    office.submit("MZ", "2018-03")
    assert office.sync(google_client=client).errors == []
    activity = led_by(plan, "MZ")
    set_assessment(
        plan, office.ledger, activity=activity, year=YEAR, assessment="completed", reason="Done.",
        author="M. Marković", at=dt.datetime.now(dt.UTC), lang="en",
    )  # fmt: skip
    office.submit("MZ", "2018-04")
    assert office.sync(google_client=client).errors == []

    rows = client.open_by_key(master).worksheet("Evaluation").get_all_values()
    assert DUE["en"] in rows[1][0] and "provisional" in rows[1][0] and ", ".join(owed()) in rows[1][0]
    [row] = [r for r in rows[3:] if (r[0], r[2]) == (str(YEAR), activity)]
    assert "A report of a lead came in after this decision: MZ (April 2018)" in row[8], row


def test_the_line_above_says_the_year_of_each_decision_to_review(office: Office, plan: Plan) -> None:
    """The sheet shows each activity once a year: the line above names the year of the decision to review, as its
    row does (it said "the decision on 1.1" where the sheet has a 1.1 of 2017 and one of 2018)."""
    office.settings = office.settings.model_copy(update={"first_period": "2017-12", "last_period": "2018-03"})
    office.submit("MZ", "2017-12")
    office.submit("MZ", "2018-03")
    assert office.sync().errors == []
    activity = led_by(plan, "MZ")
    for year in (2017, 2018):
        set_assessment(
            plan, office.ledger, activity=activity, year=year, assessment="completed", reason="Done.",
            author="M. Marković", at=dt.datetime.now(dt.UTC), lang="en",
        )  # fmt: skip
    office.submit("MZ", "2017")  # MZ's annual report for 2017, after both decisions: the 2017 one is to review
    assert office.sync().errors == []

    rows = sheet_of(office, "en")
    flagged = {r[0]: "after this decision" in str(r[8]) for r in rows[3:] if r[2] == activity}
    assert flagged == {2017: True, 2018: False}
    above = str(rows[1][0])
    assert f"the Coordinator's decision on {activity} (2017). Review that decision." in above, above
    assert f"{activity} (2018)" not in above, above
