"""A report corrected after the Coordinator decided on an activity (found trying the year's end on the demo, December
2026): the Coordinator agreed with the proposal for 2.3 in 2017 ("completed", both tasks completed), then MRZBSP's
corrected annual report came in with a task of 2.3 under way; the proposal became "partially completed", the old
decision still stood, and the report said the Coordinator's decision had changed the proposed assessment, with
nothing telling him that the data under his decision changed after he made it. Now the decision's cell on the
annual evaluation names the leads' reports that came in after the decision, and the summary names the activities
whose decision to review. The ledger is a real SQLite file and the correction a real report file written by the
demo, changed with openpyxl as an officer's Excel would save it."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from openpyxl import load_workbook
from typer.testing import CliRunner

from apmon.cli.app import app
from apmon.schemas.institutions import InstitutionRegistry
from apmon.schemas.plan import Plan
from apmon.sync.demo_data import write_demo_reports

runner = CliRunner()


def rows(xlsx: Path, sheet: str) -> list[tuple[object, ...]]:
    return [r for r in load_workbook(xlsx)[sheet].iter_rows(values_only=True) if any(c is not None for c in r)]


def test_a_decision_made_before_a_leads_correction_is_flagged(
    plan: Plan, registry: InstitutionRegistry, tmp_path: Path
) -> None:
    reports = tmp_path / "reports"
    written = write_demo_reports(plan, registry, reports, first="2017-11", last="2017-12", until=dt.date(2018, 3, 31))
    config = tmp_path / "apmon.toml"
    config.write_text(
        f'[sync]\ndata_dir = "{tmp_path.as_posix()}"\nfolder = "{reports.as_posix()}"\n'
        'first_period = "2017-11"\nlast_period = "2017-12"\nas_of = 2018-03-31\n',
        encoding="utf-8",
    )

    def run(*args: str) -> str:
        result = runner.invoke(app, [*args, "--config", str(config)])
        assert result.exit_code == 0, result.output
        return result.output

    run("sync", "run")
    # Two decisions of 2017, on activities whose leads both sent their annual report: 2.3 (MRZBSP) and 1.1 (JLS).
    leads = {a.id: {code for t in a.tasks for code in t.lead} for a in plan.activities()}
    annual = {s.institution: s for s in written if s.period == "2017" and not s.invalid}
    assert "MRZBSP" in annual and "JLS" in annual and "MRZBSP" in leads["2.3"] and "JLS" in leads["1.1"]
    decide = ["evaluation", "set", "--year", "2017", "--by", "M. Marković", "--lang", "en"]
    run(*decide[:2], "2.3", *decide[2:], "--assessment", "completed", "--reason", "Both tasks completed.")
    run(*decide[:2], "1.1", *decide[2:], "--assessment", "partially completed", "--reason", "Under way.")
    # MRZBSP corrects its annual report of 2017 (sent on 12 March 2018, before the configured day): a task of 2.3 is
    # under way after all.
    book = load_workbook(annual["MRZBSP"].path)
    for row in book.worksheets[1].iter_rows(min_row=4):
        if row[0].value == "2.3.2":
            row[4].value = "u toku"
    corrected = annual["MRZBSP"].path.with_name(annual["MRZBSP"].path.stem + " (ispravka).xlsx")
    book.save(corrected)
    annual["MRZBSP"].path.unlink()
    sent = dt.datetime(2018, 3, 12, 10, tzinfo=dt.UTC).timestamp()
    os.utime(corrected, (sent, sent))
    run("sync", "run")

    out = tmp_path / "out"
    run("report", "annual", "--year", "2017", "--draft", "--out", str(out), "--lang", "en")
    xlsx = out / "annual-2017-en.xlsx"
    found = {r[0]: r for r in rows(xlsx, "Activity assessment")}
    assert (found["2.3"][2], found["2.3"][4]) == ("partially completed", "completed")  # proposal, decision standing
    # one report said as one (found in review, rv2: was "Reports of the leads came in")
    assert "A report of a lead came in after this decision: MRZBSP (2017); review it." in str(found["2.3"][5]), found[
        "2.3"
    ]
    assert "after this decision" not in str(found["1.1"][5]), found["1.1"]  # nothing of JLS came since
    summary = " ".join(str(c) for r in rows(xlsx, "Summary") for c in r if c)
    assert "Reports of its leads came in after the Coordinator's decision on 2.3. Review that decision." in summary
    run("report", "annual", "--year", "2017", "--draft", "--out", str(out), "--lang", "sr-Latn")
    latin = load_workbook(out / "annual-2017-sr-Latn.xlsx")
    said = " ".join(str(c) for r in latin.worksheets[0].iter_rows(values_only=True) for c in r if c)
    assert "o aktivnosti 2.3 stigli su izveštaji njenih nosilaca; proverite tu odluku." in said, said
    every = " ".join(str(c) for ws in latin.worksheets for r in ws.iter_rows(values_only=True) for c in r if c)
    assert "Posle ove odluke stigao je izveštaj nosioca: MRZBSP (2017); proverite je." in every

    # A monthly report of the year corrected since counts too, its month said in words.
    [december] = [s for s in written if (s.institution, s.period) == ("JLS", "2017-12") and not s.invalid]
    book = load_workbook(december.path)
    for row in book.worksheets[1].iter_rows(min_row=4):
        if row[0].value == "1.1.2":
            row[5].value = "Одржан састанак локалног тима."  # the progress of the month, in the file's Cyrillic
    book.save(december.path)
    sent = dt.datetime(2018, 1, 8, 10, tzinfo=dt.UTC).timestamp()
    os.utime(december.path, (sent, sent))
    run("sync", "run")
    run("report", "annual", "--year", "2017", "--draft", "--out", str(out), "--lang", "en")
    found = {r[0]: r for r in rows(xlsx, "Activity assessment")}
    assert "came in after this decision: JLS (December 2017); review it." in str(found["1.1"][5]), found["1.1"]
    summary = " ".join(str(c) for r in rows(xlsx, "Summary") for c in r if c)
    assert "Reports of their leads came in after the Coordinator's decisions on: 1.1, 2.3. Review those" in summary

    # Reviewed: a decision recorded since clears it.
    reason = "Reviewed after MRZBSP's correction: completed in January."
    run(*decide[:2], "2.3", *decide[2:], "--assessment", "completed", "--reason", reason)
    run("report", "annual", "--year", "2017", "--draft", "--out", str(out), "--lang", "en")
    found = {r[0]: r for r in rows(xlsx, "Activity assessment")}
    assert str(found["2.3"][5]).startswith(reason) and "after this decision" not in str(found["2.3"][5])
    summary = " ".join(str(c) for r in rows(xlsx, "Summary") for c in r if c)
    assert "Reports of its leads came in after the Coordinator's decision on 1.1. Review that decision." in summary


def test_a_decision_typed_on_the_master_before_a_correction_read_in_the_same_run_is_flagged(
    plan: Plan, registry: InstitutionRegistry, tmp_path: Path
) -> None:
    """Found in review (rv2): the Coordinator types a decision on the master's Evaluation sheet; the next sync run
    reads a lead's correction first and the sheet after, and recorded the decision at the moment it read the sheet,
    later than the correction: the decision, made on the master written before the correction came, was not
    flagged. A decision typed on the master was made before the run that reads it began."""
    reports = tmp_path / "reports"
    written = write_demo_reports(plan, registry, reports, first="2017-11", last="2017-12", until=dt.date(2018, 3, 31))
    config = tmp_path / "apmon.toml"
    config.write_text(
        f'[sync]\ndata_dir = "{tmp_path.as_posix()}"\nfolder = "{reports.as_posix()}"\n'
        f'master = "{(tmp_path / "master.xlsx").as_posix()}"\n'
        'first_period = "2017-11"\nlast_period = "2017-12"\nas_of = 2018-03-31\n',
        encoding="utf-8",
    )

    def run(*args: str) -> None:
        result = runner.invoke(app, [*args, "--config", str(config)])
        assert result.exit_code == 0, result.output

    run("sync", "run")
    master = load_workbook(tmp_path / "master.xlsx")
    sheet = master["Evaluacija"]
    [row] = [
        r for r in range(4, sheet.max_row + 1) if (sheet.cell(r, 1).value, sheet.cell(r, 3).value) == (2017, "2.3")
    ]
    sheet.cell(row, 7).value, sheet.cell(row, 8).value = "realizovana", "Oba zadatka završena."
    master.save(tmp_path / "master.xlsx")
    # Meanwhile MRZBSP corrects its annual report of 2017: a task of 2.3 is under way after all.
    [annual] = [s for s in written if (s.institution, s.period) == ("MRZBSP", "2017") and not s.invalid]
    book = load_workbook(annual.path)
    for cells in book.worksheets[1].iter_rows(min_row=4):
        if cells[0].value == "2.3.2":
            cells[4].value = "u toku"
    book.save(annual.path)
    sent = dt.datetime(2018, 3, 12, 10, tzinfo=dt.UTC).timestamp()
    os.utime(annual.path, (sent, sent))
    run("sync", "run")  # reads the correction, then the decision typed before it came

    out = tmp_path / "out"
    run("report", "annual", "--year", "2017", "--draft", "--out", str(out), "--lang", "en")
    found = {r[0]: r for r in rows(out / "annual-2017-en.xlsx", "Activity assessment")}
    assert found["2.3"][4] == "completed", found["2.3"]  # the typed decision stands
    assert "A report of a lead came in after this decision: MRZBSP (2017); review it." in str(found["2.3"][5])


def test_a_report_arriving_the_same_moment_as_the_decision_is_flagged() -> None:
    """Found in review (rv2): a version received at the very moment of the decision (one clock reading for a run, a
    decision typed on the master recorded at the start of the run that read the version) could have been unseen by
    the Coordinator; only a later decision proves it was reviewed, so the tie is flagged."""
    from apmon.sync.report_content import ActivityEvaluation, Decision, _since_decision

    moment = dt.datetime(2018, 3, 12, 10, tzinfo=dt.UTC)
    decision = Decision(assessment="completed", reason="Both tasks completed.", author="M. Marković", at=moment)
    activity = ActivityEvaluation(
        objective="2", activity="2.3", lead=["MRZBSP"], tasks=2, completed=2, open=[], self_assessed={},
        indicators=0, indicators_reported=0, proposed="completed", decisions=[decision],
    )  # fmt: skip
    arrived = {("MRZBSP", "2017"): moment, ("MRZBSP", "2017-12"): moment - dt.timedelta(seconds=1)}
    assert _since_decision(activity, arrived, 2017).since_decision == [("MRZBSP", "2017")]
