"""A decision recorded with `apmon evaluation set` while a sync run is under way (the last note's leftovers,
December 2026): it is later than the decision the same run reads from the master's Evaluation sheet (dated at the
run's start, as it was typed before the run began), but the run recorded the master's after it, with a higher
number, and the master's stood everywhere though it was the older. The later decision, by the time it was taken,
now stands: in the ledger's listing, on the Evaluation sheet and in the annual evaluation.

A real run (`run_sync`, the reports folder, a SQLite ledger, the xlsx master) and the real command; the command runs
through the one seam a run has before it reads the master: its sources, listed first."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from apmon.cli.app import app
from apmon.schemas.institutions import InstitutionRegistry
from apmon.schemas.messages import author_said, text_of
from apmon.schemas.plan import Plan
from apmon.schemas.text import Lang
from apmon.sync.evaluation import ASSESSMENT_COLUMN, DECISION_COLUMN, FIRST_DATA_ROW, REASON_COLUMN, record_typed
from apmon.sync.ledger import Ledger
from apmon.sync.report_format import moment
from apmon.sync.sources import Candidate, FolderSource
from tests.test_sync import Office

runner = CliRunner()
YEAR = 2018  # the office's months, 2018-03 and 2018-04, make the sheet's rows of 2018


@pytest.fixture
def office(tmp_path: Path, plan: Plan, registry: InstitutionRegistry) -> Iterator[Office]:
    ledger = Ledger.open(f"sqlite:///{tmp_path / 'ledger.sqlite'}")
    yield Office(tmp_path, plan, registry, ledger)
    ledger.close()


def sheet_of(office: Office, lang: Lang) -> list[list[Any]]:
    ws = office.master()[text_of("evaluation.sheet", lang)]
    return [list(row) for row in ws.iter_rows(values_only=True)]


def row_of(rows: list[list[Any]], activity: str) -> list[Any]:
    [row] = [r for r in rows[3:] if (r[0], r[2]) == (YEAR, activity)]
    return row


def led_by(plan: Plan, code: str) -> str:
    return next(a.id for a in plan.activities() if any(code in t.lead for t in a.tasks))


class DecidedMeanwhile(FolderSource):
    """The reports folder, and the Coordinator recording a decision with `apmon evaluation set` while the run lists
    it: after the run began, before it reads the master's Evaluation sheet."""

    def __init__(self, folder: Path, decide: Callable[[], None]) -> None:
        super().__init__(folder)
        self.decide = decide

    def scan(self) -> list[Candidate]:
        self.decide()
        return super().scan()


def test_a_decision_recorded_during_a_run_stands_over_an_older_one_the_run_reads_from_the_master(
    office: Office, plan: Plan, tmp_path: Path
) -> None:
    config = tmp_path / "apmon.toml"
    config.write_text(
        f'[sync]\ndata_dir = "{tmp_path.as_posix()}"\nfolder = "{office.folder.as_posix()}"\n'
        'first_period = "2018-03"\nlast_period = "2018-04"\nmaster_lang = "en"\nas_of = 2018-06-01\n',
        encoding="utf-8",
    )
    started = dt.datetime.now(dt.UTC)
    office.submit("MZ", "2018-03")
    assert office.sync(now=lambda: started - dt.timedelta(hours=2)).errors == []
    activity = led_by(plan, "MZ")
    # The Coordinator types a decision on the master, then saves it.
    book = office.master()
    ws = book["Evaluation"]
    [number] = [r for r in range(4, ws.max_row + 1) if (ws.cell(r, 1).value, ws.cell(r, 3).value) == (YEAR, activity)]
    ws.cell(number, 7).value, ws.cell(number, 8).value = "completed", "Typed on the master."
    book.save(office.settings.master_path())

    def decide() -> None:  # an hour after the run began (its clock is held), so later by the time it was taken
        args = ["evaluation", "set", activity, "--year", str(YEAR), "--assessment", "not-completed"]
        args += ["--reason", "Recorded with the command.", "--by", "M. Marković", "--config", str(config)]
        result = runner.invoke(app, args)
        assert result.exit_code == 0, result.output

    summary = office.sync(
        sources=[DecidedMeanwhile(office.folder, decide)], now=lambda: started - dt.timedelta(hours=1)
    )
    assert summary.errors == []
    listed = [(o.assessment, o.reason) for o in office.ledger.overrides(YEAR) if o.activity == activity]
    # both kept, the later one last (it stands); the run recorded the master's after it, with a higher number
    assert listed == [("completed", "Typed on the master."), ("not-completed", "Recorded with the command.")]
    ids = {o.reason: o.id for o in office.ledger.overrides(YEAR)}
    assert ids["Recorded with the command."] < ids["Typed on the master."]
    # The run says so: the master's decision recorded, but not standing, and which one stands (it said "Recorded
    # from the sheet Evaluation: ... completed." as of any decision that stands; found by the last note)
    [said] = [line for line in summary.done if f"activity {activity} ({YEAR})" in line]
    plain = text_of("evaluation.sheet_recorded", "en", sheet="Evaluation", activity=activity, year=YEAR,
                    assessment="completed")  # fmt: skip
    assert said != plain, said
    assert said.startswith(plain.removesuffix(".")), said  # recorded: the ledger keeps both
    later = ids["Recorded with the command."]
    assert f"no. {later}" in said and "not completed" in said and "M. Marković" in said, said

    row = row_of(sheet_of(office, "en"), activity)
    assert (row[6], row[7], row[10]) == (
        "not completed",
        "Recorded with the command.",
        ids["Recorded with the command."],
    )

    out = tmp_path / "out"
    args = ["report", "annual", "--year", str(YEAR), "--draft", "--out", str(out), "--lang", "en"]
    result = runner.invoke(app, [*args, "--config", str(config)])
    assert result.exit_code == 0, result.output
    found = {
        r[0]: r
        for r in load_workbook(out / f"annual-{YEAR}-en.xlsx")["Activity assessment"].iter_rows(values_only=True)
    }
    assert found[activity][4] == "not completed", found[activity]
    assert str(found[activity][5]).startswith("Recorded with the command."), found[activity]

    # The next run reads the sheet as it wrote it: nothing new recorded, the command's decision still stands.
    assert office.sync(now=lambda: started).errors == []
    assert [o.reason for o in office.ledger.overrides(YEAR) if o.activity == activity][-1] == (
        "Recorded with the command."
    )
    assert len(office.ledger.overrides(YEAR)) == 2


def _typed_sheet(activity: str, assessment: str, reason: str, shown: int) -> list[list[object]]:
    """The Evaluation sheet as read: its header rows, and one row typed over the decision no. `shown`."""
    row: list[object] = [""] * (DECISION_COLUMN + 1)
    row[0], row[2], row[ASSESSMENT_COLUMN], row[REASON_COLUMN], row[DECISION_COLUMN] = (
        YEAR,
        activity,
        assessment,
        reason,
        shown,
    )
    return [[] for _ in range(FIRST_DATA_ROW - 1)] + [row]


DAY = dt.datetime(2019, 1, 31, 9, tzinfo=dt.UTC)  # when the run below began


def _shown(ledger: Ledger, plan: Plan) -> tuple[str, int]:
    """The first activity and the number of the decision its row on the sheet was written with, the day before."""
    activity = plan.activities()[0].id
    shown = ledger.record_override(activity=activity, year=YEAR, assessment="partially-completed", reason="First.",
                                   author="OCD1", at=DAY - dt.timedelta(days=1))  # fmt: skip
    return activity, shown


@pytest.mark.parametrize("lang", ["sr-Latn", "sr-Cyrl", "en"])
def test_a_decision_typed_before_a_later_one_is_said_truly_whether_the_master_is_written_or_not(
    tmp_path: Path, plan: Plan, lang: Lang
) -> None:
    """Found after rv-f: the line said "the sheet now shows it" (the standing decision) before the master was written,
    and a write that then failed left the sheet showing the typed one, which the next run recorded again, dated then:
    it stood, over the later decision the line had said stands. The sheet as it was typed, read again by a run whose
    write failed before, records nothing more."""
    ledger = Ledger.open(f"sqlite:///{tmp_path / 'ledger.sqlite'}")
    activity, shown = _shown(ledger, plan)
    later = ledger.record_override(activity=activity, year=YEAR, assessment="not-completed", reason="By command.",
                                   author="M. Marković", at=DAY + dt.timedelta(hours=1))  # fmt: skip
    sheet = _typed_sheet(activity, text_of("assessment.completed", lang), "Typed on the master.", shown)
    typed = record_typed(plan, ledger, sheet, lang, DAY)
    [said] = typed.lines
    assert f"{later}" in said and text_of("assessment.not-completed", lang) in said, said
    # The sheet is not written (the master's write failed): the next run reads it as typed, and records nothing.
    again = record_typed(plan, ledger, sheet, lang, DAY + dt.timedelta(hours=2))
    assert again.lines == []
    assert [o.reason for o in ledger.overrides(YEAR)][-1] == "By command."
    assert len(ledger.overrides(YEAR)) == 3
    ledger.close()


@pytest.mark.parametrize("lang", ["sr-Latn", "sr-Cyrl", "en"])
def test_a_decision_typed_before_a_later_one_of_the_same_assessment_asks_for_nothing(
    tmp_path: Path, plan: Plan, lang: Lang
) -> None:
    """Found after rv-f: the line asked to type the sheet's decision again though the later one that stands has its
    assessment: there is nothing to do, and the line says so."""
    ledger = Ledger.open(f"sqlite:///{tmp_path / 'ledger.sqlite'}")
    activity, shown = _shown(ledger, plan)
    later = ledger.record_override(activity=activity, year=YEAR, assessment="completed", reason="By command.",
                                   author="M. Marković", at=DAY + dt.timedelta(hours=1))  # fmt: skip
    sheet = _typed_sheet(activity, text_of("assessment.completed", lang), "Typed on the master.", shown)
    [said] = record_typed(plan, ledger, sheet, lang, DAY).lines
    [last] = [o for o in ledger.overrides(YEAR) if o.id == later]
    assert said == text_of(
        "evaluation.sheet_recorded_same",
        lang,
        sheet=text_of("evaluation.sheet", lang),
        activity=activity,
        year=YEAR,
        assessment=text_of("assessment.completed", lang),
        number=later,
        author=author_said(last.author, lang),
        at=moment(last.at, lang),
    )
    ledger.close()


def test_a_decision_typed_again_after_another_typed_since_is_recorded_while_the_sheet_is_not_written(
    tmp_path: Path, plan: Plan
) -> None:
    """Found by the rv-i review: a sheet not written since the Coordinator typed on it (the write failed, or the master
    is left alone for her chart and master.apmon.xlsx written beside it) shows the decision number it was written with
    for as long as she types. She typed "completed" (recorded), then "not completed" (recorded), then "completed"
    again, with the same reason: any decision recorded since the number shown with the same words counted as this
    one, so her last word was dropped, without a line, and "not completed" stood. What counts is the last decision
    typed on a master since: her own earlier typing of the same words is no later decision."""
    ledger = Ledger.open(f"sqlite:///{tmp_path / 'ledger.sqlite'}")
    activity, shown = _shown(ledger, plan)
    for hours, assessment in enumerate(("completed", "not completed", "completed")):
        sheet = _typed_sheet(activity, assessment, "Typed on the master.", shown)
        [said] = record_typed(plan, ledger, sheet, "en", DAY + dt.timedelta(hours=hours)).lines
        assert said == text_of("evaluation.sheet_recorded", "en", sheet="Evaluation", activity=activity, year=YEAR,
                               assessment=assessment), said  # fmt: skip
    assert [o.assessment for o in ledger.overrides(YEAR)] == [
        "partially-completed",
        "completed",
        "not-completed",
        "completed",
    ]
    # read again as it stands, unwritten: nothing more
    assert record_typed(plan, ledger, sheet, "en", DAY + dt.timedelta(hours=5)).lines == []
    assert len(ledger.overrides(YEAR)) == 4
    ledger.close()
