"""A budget line two leads both report spending on (MUP on an older template, which listed the payer-less TAIEX
line 4.2.2/2 of a task it co-leads; MRZBSP, its first lead and owner, on the current one): the master's Budget
sheet and Overview, the Minister's brief, the Council report and the annual evaluation count all of it, and say
plainly on the line and under the total which institutions reported it and how much may be one expense counted
twice.

A real run: templates built by the project's builder and filled like a person would, a real SQLite ledger, the
real commands. Every expected figure is worked out here from the report files (read with openpyxl) and the plan
file (read with yaml), never by the code under test."""

from __future__ import annotations

import datetime as dt
import json
import os
from collections import defaultdict
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import yaml
from typer.testing import CliRunner

from apmon.cli.app import app
from apmon.schemas.calendar import BELGRADE, Period
from apmon.schemas.institutions import InstitutionRegistry
from apmon.schemas.messages import text_of
from apmon.schemas.plan import Plan
from apmon.sync.consolidate import YearDigest, consolidate_years
from apmon.sync.findings import ConsolidationSettings
from apmon.templates.plan_file import DEFAULT_PLAN
from tests.reports import complete_monthly, filled_report

runner = CliRunner()
PERIOD = "2018-03"
SENT = dt.datetime(2018, 4, 5, 10, 0, tzinfo=BELGRADE)  # on time: before the 5th working day of April
SHARED = "4.2.2/2"  # TAIEX, 4.500 EUR, 2018; task 4.2.2 led by MRZBSP and MUP, no payer: MRZBSP's money
SPENT = {"MUP": 1200, "MRZBSP": 3000}  # what each typed as spent this year on it
WARNING = "FFEB9C"  # the master's warning colour


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory, plan: Plan, registry: InstitutionRegistry) -> Path:
    folder = tmp_path_factory.mktemp("shared")
    reports = folder / "reports"
    reports.mkdir()
    for code, version in (("MUP", "2"), ("MRZBSP", None)):
        old = {"template_version": version} if version else {}
        _, layout = filled_report(plan, registry, folder, code, PERIOD, {}, name="blank.xlsx", **old)
        edits = {**complete_monthly(layout), ("budget", SHARED, "spent_year"): SPENT[code]}
        report = filled_report(plan, registry, reports, code, PERIOD, edits, name=f"{code}_{PERIOD}.xlsx", **old)[0]
        os.utime(report, (SENT.timestamp(), SENT.timestamp()))  # sent before the master's day (`as_of`)
    (folder / "apmon.toml").write_text(
        '[sync]\ndata_dir = "."\nfirst_period = "2018-03"\nlast_period = "2018-03"\nas_of = 2018-05-20\n'
        'master_lang = "en"\n',
        encoding="utf-8",
    )
    result = runner.invoke(app, ["sync", "run", "--config", str(folder / "apmon.toml")])
    assert result.exit_code == 0, result.output
    return folder


# --- the expected figures, from the files and the plan file ------------------------------------------------------


def _amount(value: Any) -> Decimal:
    """A spent cell as typed: a number, or Serbian text ("3.000,00")."""
    if isinstance(value, str):
        return Decimal(value.replace(".", "").replace(",", "."))
    return Decimal(str(value or 0))


def _spent_in_files(folder: Path) -> dict[str, dict[str, tuple[str, Decimal]]]:
    """line -> institution -> (currency, spent this year), from each report file's budget sheet."""
    found: dict[str, dict[str, tuple[str, Decimal]]] = defaultdict(dict)
    for path in sorted((folder / "reports").glob("*.xlsx")):
        sheet = openpyxl.load_workbook(path, read_only=True)["Budget"]
        rows = list(sheet.iter_rows(values_only=True))
        header = list(rows[2])
        at = {key: header.index(text_of(f"col.{key}", "en")) for key in ("line", "currency", "spent_year")}
        for row in rows[3:]:
            if row[at["line"]] and _amount(row[at["spent_year"]]):
                found[row[at["line"]]][path.stem.split("_")[0]] = (row[at["currency"]], _amount(row[at["spent_year"]]))
    return found


def _plan_lines() -> dict[str, dict[str, Any]]:
    """line id -> its owner (the payer, else the task's first lead), source and year, from the plan file."""
    data = yaml.safe_load(DEFAULT_PLAN.read_text(encoding="utf-8"))
    lines = {}
    for task in (t for o in data["objectives"] for a in o["activities"] for t in a["tasks"]):
        for n, line in enumerate(task.get("budget", []), 1):
            owner = line.get("payer") or task["lead"][0]
            lines[f"{task['id']}/{n}"] = {"owner": owner, "source": line["source"], "year": line.get("year")}
    return lines


def _en(amount: Decimal) -> str:
    return f"{amount:,.2f}"


def _expected_shared(folder: Path) -> dict[str, dict[str, Decimal]]:
    """line -> institution -> spent, for each line more than one institution reported spending on."""
    return {
        line: {code: amount for code, (_, amount) in by.items()}
        for line, by in _spent_in_files(folder).items()
        if len(by) > 1
    }


def _sheet(path: Path, sheet: str, header: str) -> tuple[list[dict[str, Any]], str]:
    rows = list(openpyxl.load_workbook(path, read_only=True)[sheet].iter_rows(values_only=True))
    at = next(i for i, row in enumerate(rows) if row[0] == header)
    data = [dict(zip(rows[at], r, strict=False)) for r in rows[at + 1 :] if r[0] is not None and r[1] is not None]
    notes = " ".join(str(r[0]) for r in rows[at + 1 :] if r[0] is not None and r[1] is None)
    return data, notes


# --- the tests ----------------------------------------------------------------------------------------------------


def test_the_budget_sheet_marks_the_line_and_its_total_counts_each_reported_amount(office: Path) -> None:
    spent, plan_lines, shared = _spent_in_files(office), _plan_lines(), _expected_shared(office)
    assert shared[SHARED] == {code: Decimal(amount) for code, amount in SPENT.items()}  # as the files were filled
    budget, notes = _sheet(office / "master.xlsx", "Budget", "Institution")
    header = "Lines reported by more than one institution"
    marked = {(r["Institution"], r["Year"], r["Currency"]): r for r in budget if r[header]}
    expected_rows = {(plan_lines[line]["owner"], str(plan_lines[line]["year"]), "EUR") for line in shared}
    assert set(marked) == expected_rows
    for line, by in shared.items():
        meta = plan_lines[line]
        row = marked[(meta["owner"], str(meta["year"]), "EUR")]
        # All of it counted in the owner's row: every line of the row's owner, year, source and currency, from
        # every file that reported spending on it (no reported money lost).
        same_row = [
            amount
            for other, others in spent.items()
            if plan_lines.get(other, {}).get("owner") == meta["owner"]
            and plan_lines[other]["year"] == meta["year"]
            and plan_lines[other]["source"] == meta["source"]
            for currency, amount in others.values()
            if currency == "EUR"
        ]
        assert Decimal(str(row["Spent"])) == sum(same_row, Decimal(0))
        twice = sum(by.values()) - max(by.values())
        owner_first = sorted(by, key=lambda code: (code != meta["owner"], code))
        given = ", ".join(f"{code} {_en(by[code])} EUR" for code in owner_first)
        assert row[header] == f"{line}: {given}; up to {_en(twice)} EUR may be counted twice"
    twice_total = sum(sum(by.values()) - max(by.values()) for by in shared.values())
    assert f"up to {_en(twice_total)} EUR is counted twice" in notes
    # The row's spent and its note are coloured as a warning; a row without a shared line is not.
    sheet = openpyxl.load_workbook(office / "master.xlsx")["Budget"]
    header_row = next(r for r in sheet.iter_rows() if r[0].value == "Institution")
    at = {c.value: c.column - 1 for c in header_row}
    for row in sheet.iter_rows(min_row=header_row[0].row + 1):
        if row[1].value is None:
            break
        colours = {row[at[k]].fill.fgColor.rgb[-6:] for k in ("Spent", header)}
        assert (colours == {WARNING}) == bool(row[at[header]].value), [c.value for c in row]


def test_the_overview_says_the_years_spending_may_count_one_expense_twice(office: Path) -> None:
    spent, plan_lines, shared = _spent_in_files(office), _plan_lines(), _expected_shared(office)
    overview, notes = _sheet(office / "master.xlsx", "Overview", "Code")
    owner = plan_lines[SHARED]["owner"]
    row = next(r for r in overview if r["Code"] == owner)
    of_owner = [
        amount
        for line, by in spent.items()
        if plan_lines.get(line, {}).get("owner") == owner and plan_lines[line]["year"] == 2018
        for currency, amount in by.values()
        if currency == "EUR"
    ]
    assert Decimal(str(row["Spent 2018, EUR"])) == sum(of_owner, Decimal(0))
    twice = sum(sum(by.values()) - max(by.values()) for by in shared.values())
    assert f"{SHARED} (MRZBSP {_en(Decimal(3000))} EUR, MUP {_en(Decimal(1200))} EUR)" in notes
    assert f"up to {_en(twice)} EUR is counted twice" in notes


@pytest.mark.parametrize(
    "command",
    [["minister", "--period", PERIOD], ["council", "--from", PERIOD, "--to", PERIOD], ["annual", "--year", "2018"]],
)
def test_the_brief_the_council_and_the_annual_report_say_it_under_the_budget(office: Path, command: list[str]) -> None:
    shared = _expected_shared(office)
    args = ["report", *command, "--config", str(office / "apmon.toml"), "--lang", "en", "--draft", "--json"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    xlsx = next(Path(p) for p in json.loads(result.output)["files"] if p.endswith(".xlsx"))
    book = openpyxl.load_workbook(xlsx, read_only=True)
    twice = sum(sum(by.values()) - max(by.values()) for by in shared.values())
    # one line, said as one (was "on lines 4.2.2/2")
    said = f"More than one institution reported spending on line {SHARED} (MRZBSP {_en(Decimal(3000))} EUR, MUP"
    # Under the budget table (the total), and in the brief's summary too.
    sheets = {"minister": ("Budget", "Summary"), "council": ("Budget",), "annual": ("Summary",)}[command[0]]
    for sheet in sheets:
        text = " ".join(str(v) for row in book[sheet].iter_rows(values_only=True) for v in row if v)
        assert said in text and f"up to {_en(twice)} EUR is counted twice" in text, sheet


# --- the parts, from the digests: a line of the whole plan period, a zero --------------------------------------


@pytest.mark.parametrize(
    ("mup_spent", "shared"),
    [("400", "5.3.6/1: MRZBSP 1,000.00 EUR, MUP 400.00 EUR; up to 400.00 EUR may be counted twice"), ("0", "")],
)
def test_a_period_lines_spending_by_two_in_two_years_is_marked_and_a_zero_is_no_spending(
    plan: Plan, registry: InstitutionRegistry, mup_spent: str, shared: str
) -> None:
    """5.3.6/1 (TAIEX 4.500 EUR, no year: the plan period's; MRZBSP's) given 1.000 by MRZBSP in 2017 and, in 2018,
    400 by MUP: one expense may be in the period row twice, as the rule flags it (any year of the period). A 0 is
    no spending. The Overview's 2018 total holds no period line, so it says nothing of it."""
    settings = ConsolidationSettings(
        first=Period.parse("2018-03"), last=Period.parse("2018-03"), as_of=dt.date(2018, 5, 20), lang="en"
    )

    def year(code: str, y: int, budget: list[list[str]]) -> YearDigest:
        return YearDigest(code, y, [], [], {}, {}, {}, ["monthly", f"{y}-03", budget, {}], [])

    years = [year("MRZBSP", 2017, [["5.3.6/1", "EUR", "1000"]]), year("MUP", 2018, [["5.3.6/1", "EUR", mup_spent]])]
    order = [("MRZBSP", "2017-03"), ("MUP", "2018-03")]
    overview, *_, budget = consolidate_years(plan, registry, [], [], years, order, settings)[:6]
    row = next(r for r in budget.rows if r[:4] == ["MRZBSP", "2017-2018", "TAIEX", "EUR"])
    assert row[budget.column_index("spent")] == 1000 + Decimal(mup_spent)  # all of it counted
    assert row[budget.column_index("shared")] == shared
    assert any("counted twice" in note for note in budget.notes) == bool(shared)
    assert not any("counted twice" in note for note in overview.notes)


def test_the_overview_names_only_its_years_shared_lines_and_the_budget_every_year(
    plan: Plan, registry: InstitutionRegistry
) -> None:
    """4.2.2/1 (2017) and 4.2.2/2 (2018), MRZBSP's, each given by MRZBSP and MUP in its year: the Overview of 2018
    names the 2018 line only, the Budget sheet both."""
    settings = ConsolidationSettings(
        first=Period.parse("2018-03"), last=Period.parse("2018-03"), as_of=dt.date(2018, 5, 20), lang="en"
    )

    def year(code: str, y: int, line: str) -> YearDigest:
        return YearDigest(code, y, [], [], {}, {}, {}, ["monthly", f"{y}-03", [[line, "EUR", "100"]], {}], [])

    years = [year(code, y, line) for code in ("MRZBSP", "MUP") for y, line in ((2017, "4.2.2/1"), (2018, "4.2.2/2"))]
    order = [(d.institution, f"{d.year}-03") for d in years]
    overview, *_, budget = consolidate_years(plan, registry, [], [], years, order, settings)[:6]
    [overview_note] = [note for note in overview.notes if "counted twice" in note]
    [budget_note] = [note for note in budget.notes if "counted twice" in note]
    assert "4.2.2/2" in overview_note and "4.2.2/1" not in overview_note
    assert "4.2.2/1" in budget_note and "4.2.2/2" in budget_note


@pytest.mark.parametrize(
    ("lang", "lines", "said"),
    [
        ("en", ("4.2.2/2",), "On line 4.2.2/2 (MRZBSP"),
        ("en", ("4.2.2/1", "4.2.2/2"), "On lines 4.2.2/1 (MRZBSP"),
        ("sr-Latn", ("4.2.2/2",), "Na stavci 4.2.2/2 (MRZBSP"),
        ("sr-Latn", ("4.2.2/1", "4.2.2/2"), "Na stavkama 4.2.2/1 (MRZBSP"),
        ("sr-Cyrl", ("4.2.2/2",), "На ставци 4.2.2/2 (MRZBSP"),
    ],
)
def test_the_budget_note_says_one_shared_line_as_one(
    plan: Plan, registry: InstitutionRegistry, lang: str, lines: tuple[str, ...], said: str
) -> None:
    """Was "Na stavkama 4.2.2/2 utrošak je prijavilo više institucija" of one line: the noun agrees with how many
    lines the note names."""
    settings = ConsolidationSettings(
        first=Period.parse("2018-03"), last=Period.parse("2018-03"), as_of=dt.date(2018, 5, 20), lang=lang
    )
    years = [
        YearDigest(
            code,
            int(line[-1]) + 2016,
            [],
            [],
            {},
            {},
            {},
            ["monthly", f"{int(line[-1]) + 2016}-03", [[line, "EUR", "100"]], {}],
            [],
        )
        for code in ("MRZBSP", "MUP")
        for line in lines
    ]
    order = [(d.institution, f"{d.year}-03") for d in years]
    *_, budget = consolidate_years(plan, registry, [], [], years, order, settings)[:6]
    [note] = [note for note in budget.notes if "4.2.2/" in note]
    assert said in note, note
