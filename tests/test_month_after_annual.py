"""A monthly report corrected after its year's annual report (MUP's December 2017 sent again with more spent to date
than the annual report gives for the year): the annual closes the year and counts, so the month's higher figure is
warned at its cells on the master's Issues sheet, and the warning goes once the annual report is corrected to it.

A real run: templates built by the project's builder and filled like a person would, a real SQLite ledger, the real
command. The expected Budget figures are worked out here from the report files (read with openpyxl)."""

from __future__ import annotations

import datetime as dt
import os
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from apmon.cli.app import app
from apmon.schemas.calendar import BELGRADE
from apmon.schemas.institutions import InstitutionRegistry
from apmon.schemas.messages import stored_message
from apmon.schemas.plan import Plan
from apmon.schemas.rules import check_history
from tests.reports import cell_of, complete_annual, complete_monthly, filled_report
from tests.test_succession import _SplitMail, _SplitOffice, split_mail  # noqa: F401 (a fixture)

runner = CliRunner()
CODE = "month-spending-above-annual"


def _sent(path: Path, when: dt.datetime) -> None:
    os.utime(path, (when.timestamp(), when.timestamp()))


def _report(plan: Plan, registry: InstitutionRegistry, folder: Path, period: str, spent: int, name: str) -> Path:
    _, layout = filled_report(plan, registry, folder, "MUP", period, {}, name="blank.xlsx")
    (folder / "blank.xlsx").unlink()  # not a report: only its layout is wanted
    edits = complete_annual(layout) if len(period) == 4 else complete_monthly(layout)
    for row in layout.sheet("budget").rows:
        if row.values.get("currency"):
            edits.pop(("budget", row.key, "spent_period"), None)
            edits[("budget", row.key, "spent_year")] = spent
    return filled_report(plan, registry, folder, "MUP", period, edits, name=name)[0]


def _sync(folder: Path) -> None:
    result = runner.invoke(app, ["sync", "run", "--config", str(folder / "apmon.toml")])
    assert result.exit_code == 0, result.output


def _sheet(folder: Path, name: str) -> list[tuple[object, ...]]:
    return list(openpyxl.load_workbook(folder / "master.xlsx", read_only=True)[name].iter_rows(values_only=True))


def _mup_2017_spent(folder: Path, year: str = "2017") -> object:
    return next(r[5] for r in _sheet(folder, "Budget") if r and r[:4] == ("MUP", year, "state budget", "RSD"))


def _file_spent(path: Path) -> Decimal:
    """The spent-this-year column of a report file's Budget sheet, added up (read with openpyxl)."""
    rows = list(openpyxl.load_workbook(path, read_only=True)["Budget"].iter_rows(values_only=True))
    header = next(i for i, r in enumerate(rows) if r and r[0] == "Line")
    column = rows[header].index("Spent this year to date")
    return sum((Decimal(str(r[column])) for r in rows[header + 1 :] if r and r[5] == "RSD" and r[column]), Decimal(0))


def test_a_month_corrected_above_its_annual_report_is_warned_until_the_annual_is_corrected(
    plan: Plan, registry: InstitutionRegistry, tmp_path: Path
) -> None:
    reports = tmp_path / "reports"
    reports.mkdir()
    (tmp_path / "apmon.toml").write_text(
        '[sync]\ndata_dir = "."\nfirst_period = "2017-12"\nlast_period = "2017-12"\nas_of = 2018-03-31\n'
        'master_lang = "en"\n',
        encoding="utf-8",
    )
    _sent(
        _report(plan, registry, reports, "2017-12", 3000, "MUP_2017-12.xlsx"), dt.datetime(2018, 1, 5, tzinfo=BELGRADE)
    )
    annual = _report(plan, registry, reports, "2017", 5000, "MUP_2017.xlsx")
    _sent(annual, dt.datetime(2018, 2, 1, tzinfo=BELGRADE))
    _sync(tmp_path)
    # December sent again after the annual report, with more spent to date on every line
    later = _report(plan, registry, reports, "2017-12", 6000, "MUP_2017-12_v2.xlsx")
    _sent(later, dt.datetime(2018, 2, 20, tzinfo=BELGRADE))
    _sync(tmp_path)

    _, layout = filled_report(plan, registry, tmp_path, "MUP", "2017-12", {}, name="blank.xlsx")
    lines = [r.key for r in layout.sheet("budget").rows if r.values.get("currency")]
    warned = {(r[2], r[5], r[6]) for r in _sheet(tmp_path, "Issues") if r and r[4] == CODE}
    assert warned == {("MUP_2017-12_v2.xlsx", *cell_of(layout, "budget", line, "spent_year")) for line in lines}
    assert _mup_2017_spent(tmp_path) == _file_spent(annual) == 5000 * len(lines)  # the annual counts

    # the annual report corrected to December's figures: the warning no longer holds, and the master counts them
    corrected = _report(plan, registry, reports, "2017", 6000, "MUP_2017_corrected.xlsx")
    _sent(corrected, dt.datetime(2018, 3, 1, tzinfo=BELGRADE))
    _sync(tmp_path)
    assert not [r for r in _sheet(tmp_path, "Issues") if r and r[4] == CODE]
    assert _mup_2017_spent(tmp_path) == _file_spent(corrected) == 6000 * len(lines)


def test_a_month_corrected_above_a_later_month_is_warned_until_that_month_is_corrected(
    plan: Plan, registry: InstitutionRegistry, tmp_path: Path
) -> None:
    """MUP's February 2018 sent again after March with more spent to date than March gives: the master counts March's
    figure (the newest report of the year), so February's is warned at its cells, naming March in words, until March
    is corrected to as much or more."""
    reports = tmp_path / "reports"
    reports.mkdir()
    (tmp_path / "apmon.toml").write_text(
        '[sync]\ndata_dir = "."\nfirst_period = "2018-01"\nlast_period = "2018-03"\nas_of = 2018-05-31\n'
        'master_lang = "en"\n',
        encoding="utf-8",
    )
    for period, spent, day in (("2018-01", 500, dt.date(2018, 2, 5)), ("2018-02", 600, dt.date(2018, 3, 5))):
        _sent(_report(plan, registry, reports, period, spent, f"MUP_{period}.xlsx"), _at(day))
    march = _report(plan, registry, reports, "2018-03", 700, "MUP_2018-03.xlsx")
    _sent(march, _at(dt.date(2018, 4, 4)))
    _sync(tmp_path)
    _sent(_report(plan, registry, reports, "2018-02", 800, "MUP_2018-02_v2.xlsx"), _at(dt.date(2018, 4, 10)))
    _sync(tmp_path)

    _, layout = filled_report(plan, registry, tmp_path, "MUP", "2018-02", {}, name="blank.xlsx")
    lines = [r.key for r in layout.sheet("budget").rows if r.values.get("currency")]
    warned = {
        (r[2], r[5], r[6]): r[7] for r in _sheet(tmp_path, "Issues") if r and r[4] == "spending-above-later-month"
    }
    assert set(warned) == {("MUP_2018-02_v2.xlsx", *cell_of(layout, "budget", line, "spent_year")) for line in lines}
    assert all("March 2018 gives (700.00)" in m and "(800.00)" in m for m in warned.values()), warned
    assert _mup_2017_spent(tmp_path, "2018") == _file_spent(march) == 700 * len(lines)  # March counts

    # March corrected to February's figure: the warning no longer holds, and the master counts it
    corrected = _report(plan, registry, reports, "2018-03", 800, "MUP_2018-03_v2.xlsx")
    _sent(corrected, _at(dt.date(2018, 4, 20)))
    _sync(tmp_path)
    assert not [r for r in _sheet(tmp_path, "Issues") if r and r[4] == "spending-above-later-month"]
    assert _mup_2017_spent(tmp_path, "2018") == _file_spent(corrected) == 800 * len(lines)


def _at(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, tzinfo=BELGRADE)


def test_a_warning_on_a_month_the_master_does_not_count_is_said_with_the_newest_annual_figure() -> None:
    """December sent again with 6.000 spent to date and an error (not counted: the first December's 3.000 is),
    warned to be above the annual's 5.000; then the annual corrected to 5.500 (accepted: the counted December gives
    3.000). The warning still holds, and must quote the 5.500 the master counts now, not the 5.000 it was checked
    against; an annual corrected to 6.000 makes it untrue. The facts are worked out here from the figures given."""
    from apmon.sync.consolidate import digest_years, repeats_held
    from tests.pure_data import PLAN
    from tests.test_pure_rules import spent

    december = spent("MUP", "2018-12", 6000)
    [found] = [
        i.model_dump(mode="json") for i in check_history(december, [spent("MUP", "2018", 5000)]) if i.code == CODE
    ]
    assert (found["value"], found["params"]["annual"]) == ("6.000,00", "5.000,00")
    for annual, stands in ((5500, "5.500,00"), (6000, None), (7000, None)):
        held = repeats_held(PLAN, digest_years([spent("MUP", "2018-12", 3000), spent("MUP", "2018", annual)]))
        now = held.standing(found, "MUP", "2018-12", False)
        assert (now and now["params"]["annual"]) == stands, annual
        if now:
            assert "(5.500,00)" in stored_message(now, "sr-Latn") and "(5,500.00)" in stored_message(now, "en")


def test_a_warning_above_a_later_month_is_said_of_what_the_master_counts_now() -> None:
    """February corrected to 800 after March's 700 is warned against March; a March corrected to 750 keeps it, said
    with 750; an annual report that came since with 750 closes the year, so the warning is said of it (the annual's
    rule, in its words); one of 800 or more, or a March of 800, makes it untrue."""
    from apmon.sync.consolidate import digest_years, repeats_held
    from tests.pure_data import PLAN
    from tests.test_pure_rules import spent

    february = spent("MUP", "2018-02", 800)
    [found] = [i.model_dump(mode="json") for i in check_history(february, [spent("MUP", "2018-03", 700)])]
    assert (found["code"], found["params"]) == (
        "spending-above-later-month",
        {"line": "1.1.1/1", "later": "700,00", "month": "2018-03"},
    )
    cases = [
        ([spent("MUP", "2018-03", 700)], found),
        ([spent("MUP", "2018-03", 750)], {**found, "params": {**found["params"], "later": "750,00"}}),
        ([spent("MUP", "2018-03", 700), spent("MUP", "2018-04", 750)],
         {**found, "params": {**found["params"], "later": "750,00", "month": "2018-04"}}),
        ([spent("MUP", "2018-03", 700), spent("MUP", "2018", 750)],
         {**found, "code": CODE, "params": {"line": "1.1.1/1", "annual": "750,00", "year": "2018"}}),
        ([spent("MUP", "2018-03", 800)], None),
        ([spent("MUP", "2018-03", 700), spent("MUP", "2018", 800)], None),
    ]  # fmt: skip
    for later, stands in cases:
        held = repeats_held(PLAN, digest_years([spent("MUP", "2018-02", 600), *later]))
        assert held.standing(found, "MUP", "2018-02", False) == stands, later
    # an annual report giving the figure the warning quoted still closes the year: the warning is said of it
    [quoted] = [i.model_dump(mode="json") for i in check_history(february, [spent("MUP", "2018-03", 750)])]
    held = repeats_held(PLAN, digest_years([spent("MUP", "2018-03", 750), spent("MUP", "2018", 750)]))
    assert (held.standing(quoted, "MUP", "2018-02", False) or {}).get("code") == CODE
    now = repeats_held(PLAN, digest_years([spent("MUP", "2018-03", 700), spent("MUP", "2018", 750)]))
    said = stored_message(now.standing(found, "MUP", "2018-02", False) or {}, "en")
    assert "annual report for 2018" in said and "(750.00)" in said and "(800.00)" in said


@pytest.mark.parametrize("corrected", [False, True], ids=["june-as-sent", "june-corrected"])
def test_the_mail_of_a_version_with_errors_lists_a_later_months_warning_only_while_it_holds(
    tmp_path: Path,
    split_mail: _SplitMail,  # noqa: F811 (the fixture imported)
    corrected: bool,
) -> None:
    """MRZBSP's May sent again with 11.000 spent to date after June's 10.000, and an error (a task without status):
    warned to be above June's figure. June is then corrected to 12.000, which makes the warning untrue: the master's
    Issues sheet no longer lists it, but the mail that tells MRZBSP what to correct in May (sent through a real SMTP
    server on loopback) still did, as its file got it: it asked the officer to correct June, already corrected."""
    office = _SplitOffice(tmp_path)
    try:
        office.send("MRZBSP", {5: (500, 9000), 6: (1000, 10000)}, 3)
        office.run(now=lambda: dt.datetime(2018, 9, 4, 10, tzinfo=dt.UTC))
        office.send("MRZBSP", {5: (2500, 11000)}, 10, prefix="again-", invalid=(5,))
        office.run(now=lambda: dt.datetime(2018, 9, 11, 10, tzinfo=dt.UTC))
        if corrected:
            office.send("MRZBSP", {6: (1000, 12000)}, 17, prefix="again-")
            office.run(now=lambda: dt.datetime(2018, 9, 18, 10, tzinfo=dt.UTC))
        sent = split_mail.remind(office, "MRZBSP")
    finally:
        office.ledger.close()
    assert [(m.period, m.outcome) for m in sent.mails if m.kind == "problems"] == [("2018-05", "sent")]
    [mail] = [m for m in split_mail.inbox.messages if "Corrections" in str(m["Subject"])]
    body = " ".join(mail.get_content().split())
    assert "Task" in body  # the error is listed either way
    rows = list(
        openpyxl.load_workbook(office.settings.master_path(), read_only=True)["Issues"].iter_rows(values_only=True)
    )
    on_sheet = [r for r in rows if r and r[4] == "spending-above-later-month"]
    # June's figure, as typed above, is below May's 11.000 only as sent
    assert bool(on_sheet) == ("later report for June 2018 gives (10,000.00)" in body) == (not corrected), body
