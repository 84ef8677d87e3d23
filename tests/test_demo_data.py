"""The demo's synthetic reports: checked by the project's own validator, reproducible, consistent over months."""

from __future__ import annotations

import datetime as dt
import os
import re
from collections import Counter
from decimal import Decimal
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from apmon.schemas.calendar import Period, WorkingCalendar
from apmon.schemas.institutions import InstitutionRegistry
from apmon.schemas.plan import Plan
from apmon.schemas.report import Report
from apmon.sync.demo_data import CORRECTION_SUFFIX, DemoSubmission, _Books, demo_periods, write_demo_reports
from apmon.templates import read_xlsx
from apmon.templates.layout import report_layout, reporting_institutions
from apmon.templates.validation import Validation, validate_file
from apmon.templates.xlsx import build_workbook

FIRST, LAST = "2018-01", "2018-03"
BELGRADE = ZoneInfo("Europe/Belgrade")


class Demo:
    def __init__(self, folder: Path, submissions: list[DemoSubmission], checked: dict[Path, Validation]) -> None:
        self.folder = folder
        self.submissions = submissions
        self.checked = checked

    def report(self, submission: DemoSubmission) -> Report:
        report = self.checked[submission.path].report
        assert report is not None, submission.path
        return report


def generate(plan: Plan, registry: InstitutionRegistry, folder: Path, seed: int = 2018) -> Demo:
    seen: list[DemoSubmission] = []
    submissions = write_demo_reports(plan, registry, folder, seed=seed, first=FIRST, last=LAST, on_file=seen.append)
    assert seen == submissions
    return Demo(folder, submissions, {s.path: validate_file(s.path, plan, registry) for s in submissions})


@pytest.fixture(scope="module")
def demo(plan: Plan, registry: InstitutionRegistry, tmp_path_factory: pytest.TempPathFactory) -> Demo:
    return generate(plan, registry, tmp_path_factory.mktemp("demo"))


def error_codes(result: Validation) -> list[str]:
    return sorted(i.code for i in result.issues if i.severity == "error")


def test_files_land_in_month_folders_named_like_templates(
    demo: Demo, plan: Plan, registry: InstitutionRegistry
) -> None:
    files = sorted(p.relative_to(demo.folder) for p in demo.folder.rglob("*.xlsx"))
    assert files == sorted(s.path.relative_to(demo.folder) for s in demo.submissions)
    for s in demo.submissions:
        assert s.path.parent.name == s.period
        lang = demo.report(s).lang
        expected = f"{s.institution}_{s.period}_{lang}" + (CORRECTION_SUFFIX if s.resubmission else "") + ".xlsx"
        assert s.path.name == expected
    langs = Counter(demo.report(s).lang for s in demo.submissions if s.period == LAST)
    assert langs["sr-Latn"] > langs["sr-Cyrl"] >= 1 and langs["en"] >= 1


def test_the_mix_of_missing_invalid_and_resubmitted(demo: Demo, plan: Plan, registry: InstitutionRegistry) -> None:
    expected = len(reporting_institutions(plan, registry)) * len(demo_periods(FIRST, LAST))
    sent = {(s.institution, s.period) for s in demo.submissions}
    assert 0 < expected - len(sent) <= max(2, round(0.05 * expected))  # a few missing
    assert sum(s.resubmission for s in demo.submissions) == 1
    assert {s.mistake for s in demo.submissions if s.invalid} == {
        "missing-status",
        "breakdown-mismatch",
        "personal-data",
        "amount-ambiguous",
    }
    assert all(s.invalid == (s.mistake is not None) for s in demo.submissions)


def test_valid_reports_have_no_errors_and_invalid_ones_exactly_their_mistake(demo: Demo) -> None:
    for s in demo.submissions:
        result = demo.checked[s.path]
        assert result.readable and result.report is not None, s.path.name
        assert result.institution == s.institution and result.period == s.period
        if s.invalid:
            assert error_codes(result) == [s.mistake], s.path.name
            assert not result.valid
        else:
            assert error_codes(result) == [], (s.path.name, [(i.code, i.cell, i.value) for i in result.issues])
            assert result.valid


def test_personal_data_slip_is_a_jmbg_and_appears_nowhere_else(demo: Demo) -> None:
    for s in demo.submissions:
        hits = [i for i in demo.checked[s.path].issues if i.code == "personal-data"]
        if s.mistake == "personal-data":
            assert [i.params["kind"] for i in hits] == ["JMBG"]
        else:
            assert hits == []


def test_the_resubmission_corrects_the_first_version_two_working_days_later(demo: Demo) -> None:
    (second,) = [s for s in demo.submissions if s.resubmission]
    (first,) = [s for s in demo.submissions if (s.institution, s.period) == (second.institution, second.period)
                and not s.resubmission]  # fmt: skip
    assert first.invalid and not second.invalid
    assert second.path.name == first.path.name.removesuffix(".xlsx") + " (ispravka).xlsx"
    assert first.path.exists() and second.path.exists()
    assert os.stat(first.path).st_mtime < os.stat(second.path).st_mtime
    days = WorkingCalendar().working_days_between(_local(first.submitted_at).date(), _local(second.submitted_at).date())
    assert days == 2
    assert demo.checked[second.path].valid


def test_submission_times_are_office_hours_around_the_due_date(demo: Demo) -> None:
    calendar = WorkingCalendar()
    late = 0
    for s in demo.submissions:
        mtime = dt.datetime.fromtimestamp(os.stat(s.path).st_mtime, dt.UTC)
        assert mtime == s.submitted_at and s.submitted_at.utcoffset() == dt.timedelta(0)
        local = _local(mtime)
        assert calendar.is_working_day(local.date()) and 8 <= local.hour < 16
        assert s.due == calendar.due_date(Period.parse(s.period)).due
        if s.late:
            late += 1
            assert local.date() > s.due
        else:
            assert local.date() <= s.due
        report = demo.report(s)
        assert report.cover is not None and report.cover.date == local.date()
        assert report.submitted_at == s.submitted_at.isoformat(timespec="seconds")
    assert 0 < late < len(demo.submissions) / 3


def test_same_seed_same_reports_other_seed_other_reports(
    demo: Demo, plan: Plan, registry: InstitutionRegistry, tmp_path: Path
) -> None:
    again = generate(plan, registry, tmp_path / "again")
    assert [_key(s) for s in again.submissions] == [_key(s) for s in demo.submissions]
    for a, b in zip(demo.submissions, again.submissions, strict=True):
        assert again.report(b).model_dump(exclude={"source"}) == demo.report(a).model_dump(exclude={"source"})
    other = write_demo_reports(plan, registry, tmp_path / "other", seed=7, first=LAST, last=LAST)
    same_month = {(s.institution, s.path.name): s for s in demo.submissions if s.period == LAST}
    differs = 0
    for s in other:
        mine = same_month.get((s.institution, s.path.name))
        if mine is not None:
            theirs = validate_file(s.path, plan, registry).report
            assert theirs is not None
            differs += theirs.model_dump(exclude={"source"}) != demo.report(mine).model_dump(exclude={"source"})
    assert differs > 0


def test_spending_accumulates_within_the_year(demo: Demo) -> None:
    reports = sorted((demo.report(s) for s in demo.submissions if not s.invalid), key=lambda r: r.period)
    so_far: dict[tuple[str, int, str], Decimal] = {}
    lines = 0
    for report in reports:
        for line in report.budget:
            if line.spent_year is None:
                continue
            lines += 1
            assert line.spent_period is None or 0 <= line.spent_period <= line.spent_year
            key = (report.institution, Period.parse(report.period).year, line.line_id)
            if key in so_far:
                assert line.spent_year >= so_far[key], (key, report.period)
            so_far[key] = line.spent_year
    assert lines > 0
    january = [line for r in reports if r.period == FIRST for line in r.budget if line.spent_year is not None]
    assert all(line.spent_year == (line.spent_period or 0) for line in january)  # the year starts again


def test_indicator_breakdowns_add_up_and_counts_are_whole(demo: Demo) -> None:
    broken_down = 0
    for s in demo.submissions:
        if s.mistake == "breakdown-mismatch":
            continue
        for ind in demo.report(s).indicators:
            groups = [getattr(ind, g) for g in ("women", "men", "girls", "boys") if g in ind.cells]
            if groups and ind.total is not None:
                broken_down += 1
                assert sum(g or 0 for g in groups) == ind.total, (s.path.name, ind.indicator_id)
            assert ind.total is None or ind.total >= 0
    assert broken_down > 0


def test_task_statuses_move_forward(demo: Demo) -> None:
    """Once completed, a task stays completed; every delayed task says why and what is done about it."""
    done: set[tuple[str, str]] = set()
    statuses: Counter[str | None] = Counter()
    for s in sorted((s for s in demo.submissions if not s.invalid), key=lambda s: s.period):
        for task in demo.report(s).tasks:
            statuses[task.status] += 1
            key = (s.institution, task.task_id)
            if key in done and task.status is not None:
                assert task.status == "completed", key
            if task.status == "completed":
                done.add(key)
            if task.status == "delayed":
                assert task.problems and task.measures
    assert statuses["in-progress"] > statuses["delayed"] > 0 and statuses["completed"] > 0


def test_a_reused_workbook_equals_a_fresh_build(plan: Plan, registry: InstitutionRegistry) -> None:
    """The generator re-aims one built workbook at the next month; it must hold what a fresh build holds."""
    books = _Books()
    march = report_layout(plan, registry, "MUP", Period.parse("2018-03"), "sr-Cyrl")
    april = report_layout(plan, registry, "MUP", Period.parse("2018-04"), "sr-Cyrl")
    first = books.workbook(march)
    reused, fresh = books.workbook(april), build_workbook(april)
    assert reused is first
    for ws in fresh.worksheets:
        other = reused[ws.title]
        assert [[c.value for c in row] for row in other.iter_rows()] == [
            [c.value for c in row] for row in ws.iter_rows()
        ]
        heights = {r: d.height for r, d in ws.row_dimensions.items()}
        assert {r: d.height for r, d in other.row_dimensions.items()} == heights
    assert reused.properties.keywords == fresh.properties.keywords


def _local(moment: dt.datetime) -> dt.datetime:
    return moment.astimezone(BELGRADE)


def _key(s: DemoSubmission) -> tuple[object, ...]:
    return (s.institution, s.period, s.path.name, s.submitted_at, s.due, s.late, s.invalid, s.mistake, s.resubmission)


def test_annual_reports_follow_each_year_that_ends_in_the_range(
    plan: Plan, registry: InstitutionRegistry, tmp_path: Path
) -> None:
    """Issue 15, point 4: the demo had no annual report. Each year whose December is in the range gets one per
    institution, due 15 February rolled to the next working day; a few late, one with an activity left
    unassessed; none sent after `until`."""
    calendar = WorkingCalendar()
    written = write_demo_reports(plan, registry, tmp_path, first="2017-11", last="2017-12")
    annual = [s for s in written if s.period == "2017"]
    assert sorted(s.institution for s in annual) == sorted(reporting_institutions(plan, registry, "annual"))
    due = calendar.due_date(Period.parse("2017")).due
    assert due == dt.date(2018, 2, 19)  # 15 February 2018 is Statehood Day (15-16), then a weekend
    for s in annual:
        local = _local(dt.datetime.fromtimestamp(os.stat(s.path).st_mtime, dt.UTC)).date()
        assert s.due == due and s.late == (local > due) and s.path.parent.name == "2017"
        result = validate_file(s.path, plan, registry)
        assert result.period == "2017" and result.report is not None and result.report.kind == "annual"
        assert error_codes(result) == (["missing-assessment"] if s.invalid else []), s.path.name
    assert 1 <= sum(s.late for s in annual) <= len(annual) // 3
    assert [s.mistake for s in annual if s.invalid] == ["missing-assessment"]
    until = dt.date(2018, 2, 1)
    early = write_demo_reports(plan, registry, tmp_path / "early", first="2017-11", last="2017-12", until=until)
    sent = [s for s in early if s.period == "2017"]
    assert all(_local(s.submitted_at).date() <= until for s in sent)
    assert {s.path.name for s in sent} == {s.path.name for s in annual if _local(s.submitted_at).date() <= until}


def test_the_demo_sends_the_short_reports_too(demo: Demo, plan: Plan, registry: InstitutionRegistry) -> None:
    """Issue 15 point 13: the Working Group members without tasks and the civil society representatives report."""
    sent = Counter(demo.report(s).duty for s in demo.submissions)
    assert sent["member"] > 0 and sent["observer"] > 0
    for s in demo.submissions:
        report = demo.report(s)
        if report.duty != "tasks":
            assert demo.checked[s.path].valid, s.path
            assert any(report.narrative.values()) or any(o.observation for o in report.observations)
    # The annual reports are the task holders' alone.
    assert {s.institution for s in demo.submissions if s.period == "2017"} <= set(
        reporting_institutions(plan, registry, "annual")
    )


PLAN_YAML = Path(__file__).parent.parent / "templates" / "data" / "plan-2017-2018.yaml"


def test_spending_on_a_line_of_the_whole_plan_period_stays_within_its_plan(
    plan: Plan, registry: InstitutionRegistry, tmp_path: Path
) -> None:
    """A line planned once for 2017-2018 (no year: the TAIEX missions) is spent over both years: what the institutions
    report on it in 2017 and in 2018, added up, stays within its plan, as it does on the lines of one year. (Each year
    once spent 55-95 % of the whole, and the two years 144-153 %: every such line over plan, warned in every report.)
    The plan's lines from its YAML; the spending from each institution's newest valid report of each year."""
    import yaml

    data = yaml.safe_load(PLAN_YAML.read_text(encoding="utf-8"))
    period_lines = {
        f"{task['id']}/{n}": Decimal(str(line["amount"]))
        for objective in data["objectives"]
        for activity in objective["activities"]
        for task in activity["tasks"]
        for n, line in enumerate(task.get("budget", []), start=1)
        if line.get("year") is None and line.get("amount") is not None
    }
    assert len(period_lines) >= 5
    submissions = write_demo_reports(plan, registry, tmp_path, first="2017-09", last="2018-12")
    newest: dict[tuple[str, int], DemoSubmission] = {}
    for s in submissions:  # in order of period; an annual report after its year's months
        if not s.invalid:
            newest[(s.institution, int(s.period[:4]))] = s
    spent: dict[str, Decimal] = Counter()
    for s in newest.values():
        report = validate_file(s.path, plan, registry).report
        assert report is not None, s.path
        for line in report.budget:
            if line.line_id in period_lines and line.spent_year is not None:
                spent[line.line_id] += line.spent_year
    assert spent, "no spending on the plan period's lines"
    over = {line: (total, period_lines[line]) for line, total in spent.items() if total > period_lines[line]}
    assert not over, over


SERBIAN_MONTH_YEAR = re.compile(
    r"\b(januar|februar|mart|april|maj|jun|jul|avgust|septemb|oktob|novemb|decemb|јануар|фебруар|март|април|мај|јун|"
    r"јул|август|септемб|октоб|новемб|децемб)\w*\s+\d{4}(?!\.)"
)


def test_a_serbian_month_in_the_demos_texts_has_the_years_full_stop(demo: Demo) -> None:
    """Was "Obuka pomerena za jul 2018; učesnici obavešteni." (shown in the brief): a year after a month is an ordinal
    number and takes its full stop in Serbian ("za jul 2018.; ..."), as every text apmon writes says it; and a
    sentence that ends with it has one full stop, not two."""
    texts = []
    for s in demo.submissions:
        report = demo.checked[s.path].report
        if report is None or report.lang == "en":
            continue
        for task in report.tasks:
            texts += [task.progress or "", task.problems or "", task.measures or ""]
        texts += [p.measures or "" for p in report.problems]
    months = [t for t in texts if re.search(r"\b(u|za|kraj|у|за|крај) \S+ \d{4}", t)]
    assert len(months) > 10  # the texts that name a month are there to check
    assert [t for t in months if SERBIAN_MONTH_YEAR.search(t) or ".." in t] == []


def test_the_readers_pass_over_every_cell_runs_on_none_of_the_demos_reports(
    demo: Demo, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The pass over a sheet's every cell (read_xlsx._cells_read_otherwise) is for rare files (a formula, a negative
    number, a misleading or a time's format): an ordinary report, as the demo's are, costs no more than calamine's
    reading."""
    calls: list[bytes] = []
    real = read_xlsx._cells_read_otherwise

    def counted(content: bytes, *rest: Any) -> Any:
        calls.append(content)
        return real(content, *rest)

    monkeypatch.setattr(read_xlsx, "_cells_read_otherwise", counted)
    for submission in demo.submissions:
        read_xlsx.read_xlsx(submission.path)
    assert demo.submissions and not calls, len(calls)
