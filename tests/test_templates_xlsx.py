"""Excel templates: built from the layout, with dropdowns, protection, names; read back as empty reports."""

import datetime as dt
import gc
import re
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from apmon.schemas import plan as plan_module
from apmon.schemas.calendar import Period
from apmon.schemas.institutions import InstitutionRegistry
from apmon.schemas.messages import text_of
from apmon.schemas.plan import Plan
from apmon.schemas.text import Lang
from apmon.templates.build import layouts, write_xlsx_templates
from apmon.templates.layout import (
    TEMPLATE_VERSION,
    NoTasksError,
    WorkbookLayout,
    report_layout,
    reporting_duties,
    reporting_institutions,
)
from apmon.templates.parse import parse_grid
from apmon.templates.plan_file import load_plan
from apmon.templates.read_xlsx import grid_from_openpyxl, read_xlsx
from apmon.templates.xlsx import write_xlsx
from tests.libreoffice import needs_libreoffice, resave_xlsx
from tests.reports import filled_report

LANGS = ("sr-Latn", "sr-Cyrl", "en")


def build(plan: Plan, registry: InstitutionRegistry, code: str, period: str, lang: str, tmp_path: Path) -> Path:
    path = tmp_path / f"{code}_{period}_{lang}.xlsx"
    write_xlsx(report_layout(plan, registry, code, Period.parse(period), lang), path)  # type: ignore[arg-type]
    return path


def test_every_institution_with_a_duty_gets_a_template(
    plan: Plan, registry: InstitutionRegistry, tmp_path: Path
) -> None:
    codes = reporting_institutions(plan, registry)
    duties = reporting_duties(plan, registry)
    assert {"MUP", "MZ", "MRZBSP", "PA", "RJT", "BIA", "OCD1"} <= set(codes)
    results = write_xlsx_templates(layouts(plan, registry, codes, Period.parse("2018-03"), "sr-Latn"), tmp_path)
    assert [r.institution for r in results] == codes
    for result in results:
        report = parse_grid(read_xlsx(Path(result.target)), plan, registry)
        assert report.issues == [], result.institution
        assert report.report is not None and report.report.institution == result.institution
        assert report.report.duty == duties[result.institution]
        assert len(report.report.tasks) == result.tasks
        assert (result.tasks > 0) == (report.report.duty == "tasks")


@pytest.mark.parametrize(
    ("code", "period", "why"),
    [
        ("MPRIV", "2018-03", r"^The Ministry of Economy \(MPRIV\): no monthly report is owed .*no task as lead or"),
        ("SAVET", "2018-03", r"\(SAVET\): no monthly report is owed"),  # it leads tasks, but receives the reports
        ("BIA", "2018", r"\(BIA\): no annual report is owed .*member's short monthly report"),
    ],
)
def test_institution_without_a_duty_gets_a_clear_message(
    plan: Plan, registry: InstitutionRegistry, code: str, period: str, why: str
) -> None:
    with pytest.raises(NoTasksError, match=why):
        report_layout(plan, registry, code, Period.parse(period), "en")


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("period", ["2018-03", "2018"])
def test_round_trip_is_an_empty_report_without_issues(
    plan: Plan, registry: InstitutionRegistry, tmp_path: Path, lang: str, period: str
) -> None:
    path = build(plan, registry, "MRZBSP", period, lang, tmp_path)
    for grid in (read_xlsx(path), grid_from_openpyxl(openpyxl.load_workbook(path), str(path))):
        result = parse_grid(grid, plan, registry, expected_institution="MRZBSP", expected_period=period)
        assert result.issues == []
        report = result.report
        assert report is not None
        assert (report.institution, report.period, report.kind, report.lang) == (
            "MRZBSP",
            period,
            "annual" if len(period) == 4 else "monthly",
            lang,
        )
        assert report.is_empty()
        assert [t.task_id for t in report.tasks][:3] == ["1.2.4", "1.2.7", "2.1.2"]


def test_labels_follow_the_language(plan: Plan, registry: InstitutionRegistry, tmp_path: Path) -> None:
    names = {
        lang: openpyxl.load_workbook(build(plan, registry, "MZ", "2018-03", lang, tmp_path)).sheetnames
        for lang in LANGS
    }
    assert names["sr-Latn"][:3] == ["Naslovna", "Zadaci", "Budžet"]
    assert names["sr-Cyrl"][:3] == ["Насловна", "Задаци", "Буџет"]
    assert names["en"][:3] == ["Cover", "Tasks", "Budget"]
    ws = openpyxl.load_workbook(tmp_path / "MZ_2018-03_sr-Cyrl.xlsx")["Задаци"]
    assert ws["E3"].value == "Стање"
    assert ws["C4"].value == "носилац"


def test_dropdowns_validation_protection_names_and_print_setup(
    plan: Plan, registry: InstitutionRegistry, tmp_path: Path
) -> None:
    wb = openpyxl.load_workbook(build(plan, registry, "MUP", "2018", "sr-Latn", tmp_path))
    tasks = wb["Zadaci"]
    lists = {dv.formula1: str(dv.sqref) for dv in tasks.data_validations.dataValidation if dv.type == "list"}
    assert lists['"nije započet,u toku,kasni,završen"'].startswith("E4:E")
    assert any("realizovana" in f and "delimično realizovana" in f for f in lists)
    # Amounts and counts are typed into text cells (read by the parser in Serbian or English form): a prompt, no
    # number rule, which would refuse the text.
    for ws, cell in ((wb["Budžet"], "H4"), (wb["Pokazatelji"], "H11")):
        (dv,) = [dv for dv in ws.data_validations.dataValidation if cell in dv.sqref]
        assert dv.type is None and dv.prompt and ws[cell].number_format == "@"
    assert tasks["E4"].number_format == "@" and tasks["D4"].number_format == "General"

    for ws in wb.worksheets:
        assert ws.protection.sheet, ws.title
    assert tasks["A4"].protection.locked and tasks["B4"].protection.locked
    assert not tasks["E4"].protection.locked and not tasks["F4"].protection.locked
    assert tasks.freeze_panes == "B4"
    assert tasks.page_setup.orientation == "landscape" and int(tasks.page_setup.paperSize) == int(tasks.PAPERSIZE_A4)
    assert tasks.print_title_rows == "$1:$3"
    assert tasks["B4"].alignment.wrap_text
    assert wb["_apmon"].sheet_state == "hidden"
    assert wb["_apmon"]["A9"].value == "submitted_at" and not wb["_apmon"]["B9"].protection.locked
    assert wb["_apmon"]["B9"].number_format == "@"  # Submit writes its time as text, which no client converts
    assert wb["_apmon"]["B3"].protection.locked

    names = set(wb.defined_names.keys())
    assert {"apmon_tasks_status", "apmon_tasks_progress", "apmon_budget_spent_year", "apmon_cover_preparer"} <= names
    assert wb.defined_names["apmon_tasks_status"].attr_text.startswith("'Zadaci'!$E$4:$E$")


def test_indicator_breakdown_cells_are_open_only_where_the_indicator_has_them(
    plan: Plan, registry: InstitutionRegistry, tmp_path: Path
) -> None:
    wb = openpyxl.load_workbook(build(plan, registry, "MPNTR", "2018-03", "en", tmp_path))
    ws = wb["Indicators"]
    rows = {ws.cell(r, 1).value: r for r in range(4, ws.max_row + 1)}
    boys_girls = next(i for i in plan.indicators() if "boys and girls" in i.text.en and i.id in rows)
    r = rows[boys_girls.id]
    open_cols = {ws.cell(3, c).value for c in range(4, 11) if not ws.cell(r, c).protection.locked}
    assert {"Girls", "Boys", "Total"} <= open_cols
    text_only = next(i for i in plan.indicators() if not i.counts and i.id in rows)
    r = rows[text_only.id]
    open_cols = {ws.cell(3, c).value for c in range(4, 13) if not ws.cell(r, c).protection.locked}
    assert open_cols == {"Value / description (for indicators that are not counts)", "Note"}


def test_plan_text_is_written_as_text_never_as_a_formula(
    plan: Plan, registry: InstitutionRegistry, tmp_path: Path
) -> None:
    task = plan.tasks()[0]
    tampered = plan.model_copy(
        update={"objectives": [plan.objectives[0].model_copy(update={"title": plan.objectives[0].title})]}
    )
    layout = report_layout(tampered, registry, "JLS", Period.parse("2018-03"), "en")
    tasks = layout.sheet("tasks")
    rows = [r.model_copy(update={"values": {**r.values, "task_text": '=HYPERLINK("x")'}}) for r in tasks.rows]
    layout = layout.model_copy(
        update={"sheets": [s.model_copy(update={"rows": rows}) if s.role == "tasks" else s for s in layout.sheets]}
    )
    path = tmp_path / "f.xlsx"
    write_xlsx(layout, path)
    cell = openpyxl.load_workbook(path)["Tasks"]["B4"]
    assert cell.data_type == "s" and cell.value == '=HYPERLINK("x")'
    assert task.id == "1.1.1"


@needs_libreoffice
@pytest.mark.parametrize("period", ["2018-03", "2018"])
def test_round_trip_after_libreoffice_resave(
    plan: Plan, registry: InstitutionRegistry, tmp_path: Path, period: str
) -> None:
    source = build(plan, registry, "MUP", period, "sr-Cyrl", tmp_path)
    resaved = resave_xlsx(source, tmp_path)
    assert resaved.read_bytes() != source.read_bytes()
    result = parse_grid(read_xlsx(resaved), plan, registry)
    assert result.issues == []
    assert result.report is not None and result.report.is_empty() and result.report.institution == "MUP"
    wb = openpyxl.load_workbook(resaved)
    assert "apmon_tasks_status" in wb.defined_names
    assert wb["_apmon"].sheet_state == "hidden"


def test_sheets_built_from_a_plan_go_with_the_plan(registry: InstitutionRegistry) -> None:
    """Layouts are built once per plan object (a sync parses many reports) and forgotten with it (a scheduler
    loads the plan afresh each run), and a changed plan object gets its own layouts."""
    plan = load_plan(None, registry).model_copy()  # its own object: load_plan hands other holders the same one
    first = report_layout(plan, registry, "MUP", Period.parse("2018-03"), "en")
    assert report_layout(plan, registry, "MUP", Period.parse("2018-04"), "en").sheets[1] is first.sheets[1]
    changed = plan.model_copy(update={"id": "ap-2019"})
    assert report_layout(changed, registry, "MUP", Period.parse("2018-03"), "en").meta.plan_id == "ap-2019"
    assert id(plan) in plan_module._DERIVED
    key = id(plan)
    del plan, first
    gc.collect()
    assert key not in plan_module._DERIVED


# Template version 2 transliterates a word with one slash ("pripremio/la") on the Cyrillic cover, a locked cell:
# the Cyrillic templates of version 1 already handed out must still be read as they are.
OLD_LABEL, NEW_LABEL = "Извештај pripremio/la", "Извештај припремио/ла"


def _preparer_label(path: Path) -> tuple[str, str]:
    """The cover's "Prepared by" label and the template version, as the file has them."""
    book = openpyxl.load_workbook(path)
    cover = book[book.sheetnames[0]]
    labels = [c.value for row in cover.iter_rows() for c in row if isinstance(c.value, str) and "/" in c.value]
    meta = {row[0]: row[1] for row in book["_apmon"].iter_rows(values_only=True)}
    return labels[0], str(meta["template_version"])


def test_a_cyrillic_template_of_version_1_still_validates(
    plan: Plan, registry: InstitutionRegistry, tmp_path: Path
) -> None:
    old = report_layout(plan, registry, "MZ", Period.parse("2018-03"), "sr-Cyrl", template_version="1")
    # The fingerprint of MZ's Cyrillic March 2018 template as version 1 builds it from the shipped plan (its
    # indicator kinds and breakdowns set, issue 15), with the label as it was before the fix.
    assert old.meta.fingerprint == "ad20ddef5b3e29f7a59eb8ea19e231eb"
    path = tmp_path / "old.xlsx"
    write_xlsx(old, path)
    assert _preparer_label(path) == (OLD_LABEL, "1")
    result = parse_grid(read_xlsx(path), plan, registry, expected_institution="MZ", expected_period="2018-03")
    assert result.issues == []  # neither template-outdated nor locked-cell-changed
    assert result.report is not None and result.report.template_version == "1"


def test_a_cyrillic_template_built_now_has_the_cyrillic_label(
    plan: Plan, registry: InstitutionRegistry, tmp_path: Path
) -> None:
    path = build(plan, registry, "MZ", "2018-03", "sr-Cyrl", tmp_path)
    assert _preparer_label(path) == (NEW_LABEL, TEMPLATE_VERSION)
    result = parse_grid(read_xlsx(path), plan, registry, expected_institution="MZ", expected_period="2018-03")
    assert result.issues == []
    assert result.report is not None and result.report.template_version == TEMPLATE_VERSION


def test_a_version_1_template_with_the_new_label_is_outdated(
    plan: Plan, registry: InstitutionRegistry, tmp_path: Path
) -> None:
    """The old version is compared with its own layout: a file that says version 1 but has another locked text
    is refused as before."""
    new = report_layout(plan, registry, "MZ", Period.parse("2018-03"), "sr-Cyrl")
    path = tmp_path / "mixed.xlsx"
    write_xlsx(new.model_copy(update={"meta": new.meta.model_copy(update={"template_version": "1"})}), path)
    result = parse_grid(read_xlsx(path), plan, registry)
    assert [i.code for i in result.issues] == ["template-outdated"]


def _budget_rows(layout: WorkbookLayout) -> dict[str, dict[str, object]]:
    return {row.key: row.values for row in layout.sheet("budget").rows}


def test_a_shared_line_is_in_its_first_leads_template_only(plan: Plan, registry: InstitutionRegistry) -> None:
    """Issue 15, point 5: 4.2.2 is led by MRZBSP and MUP; its payer-less TAIEX line 4.2.2/2 is MRZBSP's money, in
    MRZBSP's template and not MUP's. A line with no year (5.3.6/1) says it is the plan period's."""
    march = Period.parse("2018-03")
    mup, mrzbsp = (report_layout(plan, registry, code, march, "en") for code in ("MUP", "MRZBSP"))
    assert "4.2.2/2" in _budget_rows(mrzbsp) and "4.2.2/2" not in _budget_rows(mup)
    assert _budget_rows(mrzbsp)["5.3.6/1"]["year"] == "2017-2018"


def test_every_section_11_figure_has_a_line_in_its_institutions_template(
    plan: Plan, registry: InstitutionRegistry, tmp_path: Path
) -> None:
    """Issue 15, point 6: the Ministry of Culture and Information and the Judicial Academy have no task line for
    their section 11 money; each gets a line at the institution's level, and the spending on it is read back."""
    for code, period, line_id, planned in [
        ("MKI", "2017-10", "11/MKI/2017", Decimal("1234000")),
        ("MKI", "2018-03", "11/MKI/2018", Decimal("1234000")),
        ("PA", "2018", "11/PA/2018", Decimal("397000")),
    ]:
        layout = report_layout(plan, registry, code, Period.parse(period), "sr-Latn")
        values = _budget_rows(layout)[line_id]
        assert (values["planned"], values["currency"], values["task"]) == (planned, "RSD", "")
    assert not [k for k in _budget_rows(report_layout(plan, registry, "PA", Period.parse("2017-10"), "en"))
                if k.startswith("11/")]  # fmt: skip  # 0 RSD in 2017: nothing to account for
    path, _ = filled_report(plan, registry, tmp_path, "MKI", "2018-03", {("budget", "11/MKI/2018", "spent_year"): 5000})
    result = parse_grid(read_xlsx(path), plan, registry)
    [entry] = [e for e in result.report.budget if e.line_id == "11/MKI/2018"]  # type: ignore[union-attr]
    assert (entry.spent_year, entry.planned, entry.currency) == (Decimal("5000"), Decimal("1234000"), "RSD")
    assert [i for i in result.issues if i.sheet == entry.sheet] == []  # nothing wrong on the Budget sheet


def test_a_template_of_version_2_still_validates(plan: Plan, registry: InstitutionRegistry, tmp_path: Path) -> None:
    """Version 3 changed the Budget rows (issue 15, points 5-6). A version-2 template handed out before, which
    lists 4.2.2/2 for MUP too, keeps its fingerprint, validates and is read with its own rows."""
    old = report_layout(plan, registry, "MUP", Period.parse("2018-03"), "sr-Latn", template_version="2")
    assert old.meta.fingerprint == "ee861715a732e1d7baf7364867eda677"  # as version 2 computed it before the change
    assert "4.2.2/2" in _budget_rows(old)
    path = tmp_path / "v2.xlsx"
    write_xlsx(old, path)
    result = parse_grid(read_xlsx(path), plan, registry, expected_institution="MUP", expected_period="2018-03")
    assert result.issues == []
    assert result.report is not None and result.report.template_version == "2"
    assert "4.2.2/2" in [e.line_id for e in result.report.budget]
    new = report_layout(plan, registry, "MUP", Period.parse("2018-03"), "sr-Latn")
    assert new.meta.template_version == TEMPLATE_VERSION and new.meta.fingerprint != old.meta.fingerprint


# --------------------------------------------------------------------------- the plan's texts (issue 17)

# What a Cyrillic template keeps in Latin script: codes (institutions, tasks, lines, cells), names of foreign bodies
# and products, addresses, file names and currency codes.
KEPT_LATIN = re.compile(
    r"\b(TAIEX|OSCE|IOM|UNODC|ICMPD|EU|RSD|EUR|Excel|Google|apmon)\b|\S+@\S+|https?://\S+|www\.\S+"
    r"|[\w-]*\.(xlsx|pdf)\b|\b[A-Z]{1,3}\d+\b|\b\d+/[A-Z]+/\d{4}\b|\b[\d.]+\.(i|r)\d+\b|_apmon"
)
LATIN = re.compile(r"[A-Za-zČĆŠŽĐčćšžđ]")


def _cells(path: Path) -> dict[tuple[str, str], str]:
    """Every text cell of a workbook but its metadata sheet: (sheet, A1) -> text."""
    book = openpyxl.load_workbook(path)
    return {
        (ws.title, cell.coordinate): cell.value
        for ws in book.worksheets
        if ws.title != "_apmon"
        for row in ws.iter_rows()
        for cell in row
        if isinstance(cell.value, str)
    }


@pytest.mark.parametrize("lang", ["sr-Latn", "sr-Cyrl", "en"])
def test_a_template_shows_the_plan_texts_in_its_language(
    plan: Plan, registry: InstitutionRegistry, tmp_path: Path, lang: str
) -> None:
    path = build(plan, registry, "MUP", "2018", lang, tmp_path)
    shown = set(_cells(path).values())
    led = [t for t in plan.tasks() if "MUP" in t.lead or "MUP" in t.partners]
    expected = {plan.text(t.id, lang) for t in led}  # type: ignore[arg-type]
    expected |= {plan.text(plan.activity_of(t.id).id, lang) for t in led if "MUP" in t.lead}  # type: ignore[arg-type]
    expected |= {plan.title.in_lang(lang)}  # type: ignore[arg-type]
    assert expected <= shown
    if lang != "en":
        assert not {t.text.en for t in led} & shown


def test_a_cyrillic_template_has_no_latin_text_but_codes_and_names(
    plan: Plan, registry: InstitutionRegistry, tmp_path: Path
) -> None:
    mixed = {}
    codes = set(registry.codes)
    for period in ("2018-03", "2018"):
        for code in reporting_institutions(plan, registry, Period.parse(period).kind):
            path = build(plan, registry, code, period, "sr-Cyrl", tmp_path)
            for where, text in _cells(path).items():
                left = KEPT_LATIN.sub(" ", " ".join(w for w in re.split(r"[\s,]+", text) if w not in codes))
                if LATIN.search(left):
                    mixed[(code, period, *where)] = text
    assert mixed == {}


def test_a_template_of_version_3_keeps_its_english_texts_and_validates(
    plan: Plan, registry: InstitutionRegistry, tmp_path: Path
) -> None:
    old = report_layout(plan, registry, "MZ", Period.parse("2018-03"), "sr-Cyrl", template_version="3")
    assert old.meta.fingerprint == "2722cd20a9b316075be9c5494778387e"  # as version 3 computed it before version 4
    path = tmp_path / "v3.xlsx"
    write_xlsx(old, path)
    shown = set(_cells(path).values())
    assert {t.text.en for t in plan.tasks() if "MZ" in t.lead} <= shown
    result = parse_grid(read_xlsx(path), plan, registry, expected_institution="MZ", expected_period="2018-03")
    assert result.issues == []
    assert result.report is not None and result.report.template_version == "3"


def test_the_instructions_of_version_6_say_not_to_merge_cells_and_ask_the_annual_for_its_one_amount(
    plan: Plan, registry: InstitutionRegistry, tmp_path: Path
) -> None:
    """The annual report's Budget sheet has one amount to type, spent in the year; its instructions asked, as the
    monthly's do, for the amounts "spent in the period and since the start of the year"; and no instruction said not
    to merge cells, though two tasks' merged status cells are read as the first task's only. From template version
    6 they say both; an annual template of version 5, handed out before, still reads as it was."""
    for lang, spent_year, both in (
        ("sr-Latn", "utrošene u godini", "u periodu i od početka godine"),
        ("en", "spent in the year", "spent in the period and since the start of the year"),
    ):
        annual = _cells(build(plan, registry, "MUP", "2018", lang, tmp_path))
        monthly = _cells(build(plan, registry, "MUP", "2018-03", lang, tmp_path))
        annual_budget = {text for (sheet, _), text in annual.items() if sheet == text_of("sheet.budget", lang)}
        monthly_budget = {text for (sheet, _), text in monthly.items() if sheet == text_of("sheet.budget", lang)}
        assert text_of("col.spent_period", lang) in monthly_budget - annual_budget  # one amount in the annual
        assert any(spent_year in t for t in annual.values()) and not any(both in t for t in annual.values())
        assert any(both in t for t in monthly.values()) and not any(spent_year in t for t in monthly.values())
        for cells in (annual, monthly):  # two tasks' status cells merged read as the first task's only
            assert any(text_of("instructions_6.7", lang) == t for t in cells.values())

    old = report_layout(plan, registry, "MUP", Period.parse("2018"), "sr-Latn", template_version="5")
    path = tmp_path / "v5-annual.xlsx"
    write_xlsx(old, path)
    assert any("u periodu i od početka godine" in t for t in _cells(path).values())
    assert text_of("instructions.7", "sr-Latn") in _cells(path).values()
    result = parse_grid(read_xlsx(path), plan, registry, expected_institution="MUP", expected_period="2018")
    assert "template-outdated" not in [i.code for i in result.issues]
    assert result.report is not None and result.report.template_version == "5"


def test_an_official_wording_put_in_later_leaves_the_templates_handed_out_valid(
    plan: Plan, registry: InstitutionRegistry, tmp_path: Path
) -> None:
    handed_out = build(plan, registry, "MUP", "2018-03", "sr-Cyrl", tmp_path)
    task = next(t for t in plan.tasks() if "MUP" in t.lead)
    data = plan.model_dump(mode="json")
    for objective in data["objectives"]:
        for activity in objective["activities"]:
            for item in activity["tasks"]:
                if item["id"] == task.id:
                    item["text"]["sr_official"] = "Službeni tekst zadatka"
    worded = Plan.model_validate(data)

    result = parse_grid(read_xlsx(handed_out), worded, registry, expected_institution="MUP", expected_period="2018-03")
    assert result.issues == []
    assert "Службени текст задатка" in _cells(build(worded, registry, "MUP", "2018-04", "sr-Cyrl", tmp_path)).values()


# A bold header letter takes up to about 1.2 widths of the digit "0" a column's width counts in (Cyrillic ш, м, ж are
# the widest); a cell keeps about one of them as margins. A 15-point line per line of text.
BOLD_LETTER = 1.2


def _header_lines(text: str, width: float) -> int:
    """Lines `text` wraps to in a column `width` wide, word by word as a spreadsheet wraps it."""
    room = width - 1
    lines, line = 1, 0.0
    for word in text.split():
        need = len(word) * BOLD_LETTER
        if line and line + BOLD_LETTER + need > room:
            lines, line = lines + 1, need
        else:
            line += (BOLD_LETTER if line else 0) + need
    return lines


@pytest.mark.parametrize("lang", LANGS)
def test_every_header_word_fits_its_column_and_the_header_row_shows_every_line(
    plan: Plan, registry: InstitutionRegistry, lang: str, tmp_path: Path
) -> None:
    duties = reporting_duties(plan, registry)
    codes = {duty: next(code for code, d in duties.items() if d == duty) for duty in ("tasks", "member", "observer")}
    cut: list[str] = []
    built = [(codes["tasks"], "2018-03"), (codes["tasks"], "2018"), (codes["member"], "2018-03")]
    for code, period in [*built, (codes["observer"], "2018-03")]:
        wb = openpyxl.load_workbook(build(plan, registry, code, period, lang, tmp_path))
        for ws in wb.worksheets:
            if ws.sheet_state != "visible":
                continue
            headers = [(cell.value, ws.column_dimensions[cell.column_letter].width) for cell in ws[3] if cell.value]
            assert headers, ws.title
            for header, width in headers:
                long_words = [w for w in header.split() if len(w) * BOLD_LETTER > width - 1]
                cut += [f"{period} {ws.title}: {word!r} in a column {width} wide" for word in long_words]
            lines = max(_header_lines(header, width) for header, width in headers)
            if ws.row_dimensions[3].height < 15 * lines:
                cut.append(f"{period} {ws.title}: header row {ws.row_dimensions[3].height} high for {lines} lines")
    assert cut == []


def test_the_cover_date_takes_a_date_written_in_words(
    plan: Plan, registry: InstitutionRegistry, tmp_path: Path
) -> None:
    """An officer types "5. aprila 2018. godine" as Serbian letters date them: the cell gives the forms it takes and
    refuses no text (a date rule would stop it at Excel's door); the parser reads it or names the cell."""
    for lang, sheet in (("sr-Latn", "Naslovna"), ("sr-Cyrl", "Насловна"), ("en", "Cover")):
        ws = openpyxl.load_workbook(build(plan, registry, "MZ", "2018-03", lang, tmp_path))[sheet]
        (dv,) = [dv for dv in ws.data_validations.dataValidation if "B12" in dv.sqref]
        assert dv.type is None, lang
        assert dv.prompt is not None and "2018" in dv.prompt and "/" not in dv.prompt, lang
    assert "5. april 2018." in text_of("prompt.date", "sr-Latn")
    assert "5. април 2018." in text_of("prompt.date", "sr-Cyrl")
    assert "5 April 2018" in text_of("prompt.date", "en")  # what the English parser reads, as it is written


@pytest.mark.parametrize(
    ("lang", "typed", "read"),
    [
        ("en", "5 April 2018", dt.date(2018, 4, 5)),
        ("en", "5 Apr 2018", dt.date(2018, 4, 5)),  # as apmon writes an English date (schemas/dates.py)
        ("en", "05 APRIL 2018", dt.date(2018, 4, 5)),
        ("en", "1 march 2018", dt.date(2018, 3, 1)),
        ("en", "30 Sep 2018", dt.date(2018, 9, 30)),
        ("en", "05.04.2018", dt.date(2018, 4, 5)),
        ("sr-Latn", "5. aprila 2018.", dt.date(2018, 4, 5)),
        ("sr-Latn", "5 Apr 2018", None),  # not a Serbian form: refused at its cell, as before
        ("sr-Cyrl", "5 April 2018", None),
    ],
)
def test_an_english_officer_types_the_report_date_as_english_dates_are_written(
    plan: Plan, registry: InstitutionRegistry, tmp_path: Path, lang: Lang, typed: str, read: dt.date | None
) -> None:
    """The English template's cover asked for a date, and "5 April 2018" or "5 Apr 2018" (the form apmon writes
    English dates in) was refused as no date: only Serbian month names were read."""
    edits = {("cover", "preparer", "value"): "Jane Doe", ("cover", "date", "value"): typed}
    path, layout = filled_report(plan, registry, tmp_path, "MZ", "2018-03", edits, lang=lang)
    result = parse_grid(read_xlsx(path), plan, registry)
    assert result.report is not None and result.report.cover is not None
    assert result.report.cover.date == read
    _, cell = layout.cell_of("cover", "date", "value")
    refused = [i for i in result.issues if i.code == "date-invalid"]
    assert [i.cell for i in refused] == ([] if read else [cell])


def test_an_apostrophe_that_is_part_of_an_excel_text_is_kept(
    plan: Plan, registry: InstitutionRegistry, tmp_path: Path
) -> None:
    """Excel keeps no apostrophe typed before a text: a cell that holds one had two typed ("''90-ih"), or the text
    opens with a quote ("'Sigurna kuća' otvorena"), and calamine gives it as the cell holds it. The apostrophe
    stripped for Google's plain-text cells was stripped from these too: "90-ih", "Sigurna kuća' otvorena", and a
    problem written as a lone "'" read as none."""
    layout = report_layout(plan, registry, "MZ", Period.parse("2018-03"), "sr-Latn")
    path = tmp_path / "MZ_2018-03.xlsx"
    write_xlsx(layout, path)
    tasks = layout.sheet("tasks").rows
    typed = {
        ("cover", "preparer", "value"): "'Jelena' Petrović",
        ("tasks", tasks[0].key, "progress"): "'90-ih",
        ("tasks", tasks[0].key, "problems"): "'",
    }
    book = openpyxl.load_workbook(path)
    for (role, key, column), text in typed.items():
        sheet, cell = layout.cell_of(role, key, column)  # type: ignore[arg-type]
        book[sheet][cell] = text
    book.save(path)
    report = parse_grid(read_xlsx(path), plan, registry).report
    assert report is not None
    assert report.cover.preparer == "'Jelena' Petrović"
    assert (report.tasks[0].progress, report.tasks[0].problems) == ("'90-ih", "'")


def test_the_problems_task_dropdown_asks_for_the_task_the_problem_is_about(
    plan: Plan, registry: InstitutionRegistry, tmp_path: Path
) -> None:
    """The Problems sheet's task column prompted "Choose the task's task from the list." ("Izaberite zadatak zadatka
    sa liste."): the status prompt with its word replaced. From template version 8 it says which task to choose; a
    template of version 7, handed out before, keeps its prompt and still reads as it was."""
    asked = {"sr-Latn": "zadatak na koji se problem odnosi", "sr-Cyrl": "задатак на који се проблем односи"}
    asked["en"] = "the task the problem is about"
    for lang in LANGS:
        book = openpyxl.load_workbook(build(plan, registry, "MUP", "2018-03", lang, tmp_path))
        problems = book[text_of("sheet.problems", lang)]
        (dv,) = [dv for dv in problems.data_validations.dataValidation if "B4" in dv.sqref]
        assert dv.type == "list" and asked[lang] in dv.prompt, (lang, dv.prompt)
        for doubled in ("task's task", "zadatak zadatka", "задатак задатка"):
            assert doubled not in dv.prompt
    old = report_layout(plan, registry, "MUP", Period.parse("2018-03"), "en", template_version="7")
    path = tmp_path / "v7.xlsx"
    write_xlsx(old, path)
    (dv,) = [dv for dv in openpyxl.load_workbook(path)["Problems"].data_validations.dataValidation if "B4" in dv.sqref]
    assert dv.prompt == "Choose the task's task from the list."
    result = parse_grid(read_xlsx(path), plan, registry, expected_institution="MUP", expected_period="2018-03")
    assert "template-outdated" not in [i.code for i in result.issues]
    assert result.report is not None and result.report.template_version == "7"


@pytest.mark.parametrize("code", ["SAVET", "NK", "RG"])
def test_a_body_that_receives_the_reports_is_told_so_not_that_it_has_no_task(
    plan: Plan, registry: InstitutionRegistry, code: str
) -> None:
    """`apmon template build -i NK` said the National Coordinator has "no task as lead or partner", though the plan
    names it lead of tasks (1.1.3 among them): it gets no template because it receives the reports."""
    assert any(code in t.lead for t in plan.tasks())
    for period in ("2018-03", "2018"):
        with pytest.raises(NoTasksError) as refused:
            report_layout(plan, registry, code, Period.parse(period), "en")
        for lang, receives in (("sr-Latn", "prima izveštaje"), ("sr-Cyrl", "прима извештаје"), ("en", "receives")):
            said = refused.value.said(lang)
            assert receives in said and text_of("template.owed.none", lang) not in said, said
