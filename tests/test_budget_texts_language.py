"""The plan's budget texts (a resource line as the plan writes it, its donor, its notes) reach Serbian readers in the
template's Budget sheet (Excel and Google) and in the Council report (xlsx and PDF): each of them must show no
English plan text, only the reader's language. The English words looked for are taken from the plan file itself,
so an English text added later without its Serbian is found too. A plan file written before these texts had a
Serbian one (plain strings) still loads and shows its English, as it did."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import yaml

from apmon.schemas.calendar import DeadlinePolicy, Period
from apmon.schemas.institutions import InstitutionRegistry
from apmon.schemas.plan import Plan
from apmon.schemas.text import KEEP_LATIN, LANGS, Lang
from apmon.sync.report_content import Basis, council_report
from apmon.sync.report_writer import write_council_report
from apmon.templates.gsheet import create_google_template, read_google_grid
from apmon.templates.layout import (
    META_SHEET,
    READ_VERSIONS,
    institution_budget_lines,
    report_layout,
    reporting_institutions,
)
from apmon.templates.plan_file import DEFAULT_PLAN, load_plan
from apmon.templates.xlsx import write_xlsx
from tests.fake_google import FakeGoogle, fake_google_fixture
from tests.test_reports import pdf_text
from tests.test_templates_google import client_for

fake_google = fake_google_fixture
SERBIAN: tuple[Lang, ...] = ("sr-Latn", "sr-Cyrl")
AT = dt.datetime(2019, 1, 31, tzinfo=dt.UTC)
_WORD = re.compile(r"[A-Za-z][A-Za-z']+")


def _english_and_serbian(node: Any, english: list[str], serbian: list[str], budget: bool = False) -> None:
    """Every English and Serbian text of the plan file: a text's `en` and `sr`, and a budget line's plain strings
    (`as_written`, `donor`, `notes`: English when the file gives no Serbian)."""
    if isinstance(node, dict):
        if "en" in node:
            english.append(node["en"])
            serbian.extend(v for k, v in node.items() if k in ("sr", "sr_official"))
            return
        for key, value in node.items():
            if budget and key in ("as_written", "donor", "notes"):
                values = value if isinstance(value, list) else [value]
                english.extend(v for v in values if isinstance(v, str))
            if key not in ("responsible_as_written", "doubtful", "deadline"):  # never shown to a reader
                _english_and_serbian(value, english, serbian, budget or key == "budget")
    elif isinstance(node, list):
        for item in node:
            _english_and_serbian(item, english, serbian, budget)


def _english_words() -> set[str]:
    """Words of the plan's English texts that no Serbian text of it has and that are not names kept in Latin."""
    english: list[str] = ["Section 11, Part 2"]  # a section 11 figure's line as the Council report quotes it
    serbian: list[str] = []
    _english_and_serbian(yaml.safe_load(DEFAULT_PLAN.read_text(encoding="utf-8")), english, serbian)
    words = {w.lower() for text in english for w in _WORD.findall(text) if len(w) >= 4}
    in_serbian = {w.lower() for text in serbian for w in _WORD.findall(text)}
    return words - in_serbian - KEEP_LATIN


ENGLISH_WORDS = _english_words()


def _english_left(texts: list[str]) -> dict[str, str]:
    """English plan words found in `texts`, each with a text it is in."""
    return {w.lower(): t for t in texts for w in _WORD.findall(t) if w.lower() in ENGLISH_WORDS}


def _serbian_budget_texts(plan: Plan, lang: Lang) -> set[str]:
    return {t.text.in_lang(lang) for t in plan.texts() if t.kind in ("budget", "donor")}


def _xlsx_texts(path: Path) -> list[str]:
    book = openpyxl.load_workbook(path)
    return [
        cell.value
        for ws in book.worksheets
        if ws.title != META_SHEET  # hidden, with the template's metadata (kind: annual, ...), not shown
        for row in ws.iter_rows()
        for cell in row
        if isinstance(cell.value, str)
    ]


def _with_budget(plan: Plan, registry: InstitutionRegistry, year: int) -> list[str]:
    codes = reporting_institutions(plan, registry, "annual")
    return [code for code in codes if institution_budget_lines(plan, code, year)]


def test_the_words_looked_for_are_the_plans_english() -> None:
    assert {"budget", "ministry", "campaigns", "euros", "department", "application", "section"} <= ENGLISH_WORDS
    assert not {"taiex", "rsd", "budžet"} & ENGLISH_WORDS


@pytest.mark.parametrize("lang", SERBIAN)
def test_a_serbian_templates_budget_sheet_has_no_english_plan_text(
    plan: Plan, registry: InstitutionRegistry, tmp_path: Path, lang: Lang
) -> None:
    shown: list[str] = []
    donors: list[Any] = []
    for year in (2017, 2018):
        for code in _with_budget(plan, registry, year):
            path = tmp_path / f"{code}_{year}_{lang}.xlsx"
            write_xlsx(report_layout(plan, registry, code, Period.parse(str(year)), lang), path)
            shown += _xlsx_texts(path)
            donors += [a.line.donor for a in institution_budget_lines(plan, code, year) if a.line.donor]
    assert _english_left(shown) == {}
    # TAIEX and the US DoL project (the forums' organisers pay for a line of no cost, in no template)
    assert len({d.en for d in donors}) == 2 and {d.in_lang(lang) for d in donors} <= set(shown)


@pytest.mark.parametrize("lang", SERBIAN)
def test_a_serbian_google_templates_budget_sheet_has_no_english_plan_text(
    fake_google: FakeGoogle, plan: Plan, registry: InstitutionRegistry, tmp_path: Path, lang: Lang
) -> None:
    client = client_for(fake_google, tmp_path)
    folder = fake_google.add_folder("Izveštaji 2018")
    donors = {line.payer or task.lead[0] for task, line in plan.budget_lines() if line.donor}
    shown: list[str] = []
    for code in sorted(donors & set(_with_budget(plan, registry, 2018))):
        layout = report_layout(plan, registry, code, Period.parse("2018"), lang)
        spreadsheet = create_google_template(client, layout, folder)
        grid = read_google_grid(client, spreadsheet.id)
        sheets = [rows for name, rows in grid.sheets.items() if name != META_SHEET]
        shown += [v for rows in sheets for row in rows for v in row if isinstance(v, str)]
    assert _english_left(shown) == {}
    assert any(line.donor.in_lang(lang) in shown for _, line in plan.budget_lines() if line.donor)


@pytest.mark.parametrize("lang", SERBIAN)
def test_a_serbian_council_report_quotes_the_plans_resource_lines_in_serbian(
    plan: Plan, registry: InstitutionRegistry, tmp_path: Path, lang: Lang
) -> None:
    """With no report in, every planned line is not executed: the report quotes every line with an amount, the
    lines of unknown cost, and the section 11 figures with no task line."""
    first, last = Period.parse("2018-01"), Period.parse("2018-12")
    basis = Basis(run_id=1, run_finished_at=AT, cut_off=AT)
    report = council_report(plan, registry, [], [], first, last, basis, DeadlinePolicy())
    files, _ = write_council_report(report, plan, registry, lang, tmp_path, AT)
    pdf, xlsx = files
    shown = _xlsx_texts(xlsx)
    assert _english_left(shown) == {}
    assert _english_left([pdf_text(pdf)]) == {}
    assert any(r.as_written.en.startswith("Section 11") for r in report.not_executed) and report.cost_unknown
    quoted = {r.as_written.in_lang(lang) for r in [*report.not_executed, *report.cost_unknown]}
    assert quoted <= set(shown) and len(quoted & _serbian_budget_texts(plan, lang)) > 20


def _as_before(data: Any) -> Any:
    """The plan file's data as it was before its budget texts had a Serbian: plain English strings."""
    if isinstance(data, dict):
        found = {k: _as_before(v) for k, v in data.items()}
        if "as_written" in found and "source" in found:
            for key in ("as_written", "donor"):
                if isinstance(found.get(key), dict):
                    found[key] = found[key]["en"]
            found["notes"] = [n["en"] if isinstance(n, dict) else n for n in found.get("notes", [])]
        return found
    return [_as_before(v) for v in data] if isinstance(data, list) else data


def test_a_plan_file_without_the_serbian_of_its_budget_texts_loads_and_shows_their_english(
    plan: Plan, registry: InstitutionRegistry, tmp_path: Path
) -> None:
    old = tmp_path / "plan-before.yaml"
    old.write_text(yaml.safe_dump(_as_before(yaml.safe_load(DEFAULT_PLAN.read_text(encoding="utf-8")))), "utf-8")
    assert "sr: Budžet" not in old.read_text(encoding="utf-8")
    before = load_plan(old, registry)
    for (_, line), (_, new_line) in zip(before.budget_lines(), plan.budget_lines(), strict=True):
        assert line.as_written.en == new_line.as_written.en
        for lang in LANGS:
            assert line.as_written.in_lang(lang) == line.as_written.en
            assert line.donor is None or line.donor.in_lang(lang) == line.donor.en
    # The templates of every version read come out as from the plan file of now, but for the donors of version 5 on
    # (shown, not compared): in English.
    english = {line.donor.en for _, line in plan.budget_lines() if line.donor}
    for code in ("MRZBSP", "MPNTR"):  # with TAIEX and donor project lines
        for version in READ_VERSIONS:
            for lang in LANGS:
                old_layout = report_layout(before, registry, code, Period.parse("2018"), lang, template_version=version)
                new_layout = report_layout(plan, registry, code, Period.parse("2018"), lang, template_version=version)
                if version not in ("1", "2", "3", "4") and lang != "en":
                    assert old_layout.meta == new_layout.meta
                    donors = {row.values["donor"] for row in old_layout.sheet("budget").rows}
                    assert donors - {""} and donors - {""} <= english
                else:
                    assert old_layout == new_layout, (code, version, lang)
