"""Templates tried as a ministry officer fills them, and as an attacker: plan texts that a spreadsheet cannot hold,
what Excel and LibreOffice make of typed text, sheets copied or columns inserted."""

import datetime as dt
import re
import zipfile
from decimal import Decimal
from pathlib import Path
from xml.etree import ElementTree

import openpyxl

from apmon.schemas.calendar import Period
from apmon.schemas.institutions import InstitutionRegistry
from apmon.schemas.messages import message
from apmon.schemas.plan import Plan
from apmon.templates.layout import report_layout
from apmon.templates.parse import parse_grid
from apmon.templates.plan_file import load_plan
from apmon.templates.read_xlsx import grid_from_openpyxl, read_xlsx
from apmon.templates.validation import validate_file
from apmon.templates.xlsx import write_xlsx
from tests.conftest import MINIMAL_PLAN
from tests.libreoffice import needs_libreoffice, needs_typing, resave_xlsx, type_into
from tests.reports import complete_monthly, filled_report


def test_a_plan_text_with_control_characters_or_too_long_still_makes_a_template(
    registry: InstitutionRegistry, tmp_path: Path
) -> None:
    """A vertical tab (a line break pasted from Word) or a bell in a plan text cannot be stored in xlsx (the build
    stopped with a traceback), and a text longer than a cell holds makes Excel call the file damaged."""
    long_text = "Analyse the work\\vof local\\a teams " + "x" * 40_000
    plan_file = tmp_path / "plan.yaml"
    plan_file.write_text(
        MINIMAL_PLAN.replace("text: Analyse the work of local teams", f'text: "{long_text}"'), encoding="utf-8"
    )
    plan = load_plan(plan_file, registry)
    assert "\v" in plan.tasks()[0].text.en
    path = tmp_path / "MUP.xlsx"
    write_xlsx(report_layout(plan, registry, "MUP", Period.parse("2017-03"), "en"), path)
    tasks = openpyxl.load_workbook(path)["Tasks"]
    shown = tasks["B4"].value
    assert tasks.row_dimensions[4].height == 409  # the tallest row Excel has, not 14,040 points for 40,000 letters
    assert shown.startswith("Analyse the work\nof local teams x") and len(shown) == 32_767  # the most a cell holds
    result = parse_grid(read_xlsx(path), plan, registry, expected_institution="MUP", expected_period="2017-03")
    assert result.issues == []


@needs_typing
def test_what_an_officer_types_in_a_serbian_office_is_read_as_typed(
    plan: Plan, registry: InstitutionRegistry, tmp_path: Path
) -> None:
    """Where the decimal separator is a comma, a spreadsheet reads "2.1.2" and "1.10" as dates (2 January 2002,
    1 October): a task chosen on the Problems sheet was refused, and an amount of 1.10 became 46,296 (a date's
    serial number) without a word. The template's input cells are text, so what is typed is what is read."""
    layout = report_layout(plan, registry, "MZ", Period.parse("2018-03"), "sr-Latn")
    path = tmp_path / "MZ.xlsx"
    write_xlsx(layout, path)
    task, line = layout.sheet("tasks").rows[0].key, layout.sheet("budget").rows[0].key
    counted = [
        row.key for row in layout.sheet("indicators").rows if "total" in layout.sheet("indicators").input_keys(row)
    ]
    typed = {
        ("problems", "1", "task"): task,
        ("problems", "1", "description"): "Nedostaje prevodilac",
        ("tasks", task, "progress"): "01.02.2018",
        ("tasks", task, "problems"): "=1+1",
        ("budget", line, "spent_period"): "1.10",
        ("budget", line, "spent_year"): "1,5",
        ("indicators", counted[0], "total"): "1.10",
        ("indicators", counted[1], "total"): "12",
    }
    cells = {where: layout.cell_of(*where) for where in typed}  # type: ignore[arg-type]
    filled = type_into(path, tmp_path, [(*cells[where], text) for where, text in typed.items()])
    result = parse_grid(read_xlsx(filled), plan, registry, expected_institution="MZ", expected_period="2018-03")
    assert [(i.code, i.sheet, i.cell) for i in result.issues] == [
        ("count-not-whole", *cells[("indicators", counted[0], "total")])
    ]
    report = result.report
    assert report is not None
    assert [(p.task_id, p.description) for p in report.problems] == [(task, "Nedostaje prevodilac")]
    assert (report.tasks[0].progress, report.tasks[0].problems) == ("01.02.2018", "=1+1")
    assert (report.budget[0].spent_period, report.budget[0].spent_year) == (Decimal("1.10"), Decimal("1.50"))
    assert report.indicators[[i.indicator_id for i in report.indicators].index(counted[1])].total == 12


def test_a_copy_of_a_templates_sheet_is_named_not_ignored(
    plan: Plan, registry: InstitutionRegistry, tmp_path: Path
) -> None:
    """An officer who copies the Tasks sheet (Excel names the copy "Zadaci (2)") and fills in the copy was told only
    that the tasks have no status: the copy was never mentioned. A copy is named, with the sheet it copies; a sheet of
    the officer's own and the add-in's Issues sheet are not."""
    layout = report_layout(plan, registry, "MZ", Period.parse("2018-03"), "sr-Latn")
    path = tmp_path / "MZ.xlsx"
    write_xlsx(layout, path)
    book = openpyxl.load_workbook(path)
    copy = book.copy_worksheet(book["Zadaci"])
    copy.title = "Zadaci (2)"
    copy["E4"] = "u toku"
    book.create_sheet("Greške")["A1"] = "List"  # what the add-in's Validate writes
    book.create_sheet("Moje beleške").append(["Pozvati MUP", "", "", "utorak"])
    book.create_sheet("Sheet1")
    book.save(path)
    result = parse_grid(read_xlsx(path), plan, registry, expected_institution="MZ", expected_period="2018-03")
    assert [(i.code, i.severity, i.sheet, i.value, i.params) for i in result.issues] == [
        ("sheet-copied", "warning", "Zadaci (2)", "Zadaci (2)", {"expected": "Zadaci"})
    ]


def test_a_column_inserted_into_a_table_is_one_located_issue_and_the_rest_is_read(
    plan: Plan, registry: InstitutionRegistry, tmp_path: Path
) -> None:
    """A column inserted after unprotecting the sheet shifted every column after it: each shifted header was a
    changed locked cell and each input was read from its neighbour's column (progress missing where it was typed).
    The columns are found by their headers: one issue at the inserted column, and the entries read where they are."""
    layout = report_layout(plan, registry, "MZ", Period.parse("2018-03"), "sr-Latn")
    path = tmp_path / "MZ.xlsx"
    write_xlsx(layout, path)
    book = openpyxl.load_workbook(path)
    tasks = book["Zadaci"]
    tasks.insert_cols(6)  # before F, Progress
    tasks["F3"] = "Moja napomena"
    tasks["E4"], tasks["G4"] = "u toku", "Održana dva sastanka."
    book.save(path)
    result = parse_grid(read_xlsx(path), plan, registry, expected_institution="MZ", expected_period="2018-03")
    assert [(i.code, i.sheet, i.cell, i.value) for i in result.issues] == [
        ("column-inserted", "Zadaci", "F3", "Moja napomena")
    ]
    assert result.report is not None
    first = result.report.tasks[0]
    assert (first.status, first.progress, first.cell("progress")) == ("in-progress", "Održana dva sastanka.", "G4")


def _plan_with_tasks(count: int) -> str:
    """MINIMAL_PLAN with `count` tasks of MUP in its one activity (1.1.1, 1.1.2...)."""
    start = MINIMAL_PLAN.index('          - id: "1.1.1"')
    end = MINIMAL_PLAN.index("        indicators:")
    task = MINIMAL_PLAN[start:end]
    tasks = [task] + [
        task.replace('"1.1.1"', f'"1.1.{n}"').split("            budget:")[0] for n in range(2, count + 1)
    ]
    return MINIMAL_PLAN[:start] + "".join(tasks) + MINIMAL_PLAN[end:]


@needs_libreoffice
def test_a_long_list_of_tasks_is_a_dropdown_excel_accepts(registry: InstitutionRegistry, tmp_path: Path) -> None:
    """Excel takes at most 255 characters of options written out in a validation rule, and calls a file with more
    damaged: 45 tasks on the Problems sheet's dropdown are 310. The options of a longer list are cells."""
    plan_file = tmp_path / "plan.yaml"
    plan_file.write_text(_plan_with_tasks(45), encoding="utf-8")
    plan = load_plan(plan_file, registry)
    path = tmp_path / "MUP.xlsx"
    write_xlsx(report_layout(plan, registry, "MUP", Period.parse("2017-03"), "en"), path)
    for book in (openpyxl.load_workbook(path), openpyxl.load_workbook(resave_xlsx(path, tmp_path))):
        rules = [dv for ws in book.worksheets for dv in ws.data_validations.dataValidation if dv.type == "list"]
        assert rules and all(len(dv.formula1) <= 255 for dv in rules)
        (tasks,) = book["Problems"].data_validations.dataValidation
        sheet, cells = tasks.formula1.split("!")
        options = [c.value for row in book[sheet.strip("'")][cells.replace("$", "")] for c in row]
        assert options == [t.id for t in plan.tasks()]
    result = parse_grid(read_xlsx(path), plan, registry, expected_institution="MUP", expected_period="2017-03")
    assert result.issues == []


# The worksheet's children in the order ECMA-376 (Part 1, CT_Worksheet) sets; Excel calls a file whose parts break
# it damaged.
_WORKSHEET_ORDER = [
    "sheetPr",
    "dimension",
    "sheetViews",
    "sheetFormatPr",
    "cols",
    "sheetData",
    "sheetCalcPr",
    "sheetProtection",
    "protectedRanges",
    "scenarios",
    "autoFilter",
    "sortState",
    "dataConsolidate",
    "customSheetViews",
    "mergeCells",
    "phoneticPr",
    "conditionalFormatting",
    "dataValidations",
    "hyperlinks",
    "printOptions",
    "pageMargins",
    "pageSetup",
    "headerFooter",
    "rowBreaks",
    "colBreaks",
    "customProperties",
    "cellWatches",
    "ignoredErrors",
    "smartTags",
    "drawing",
    "legacyDrawing",
    "legacyDrawingHF",
    "drawingHF",
    "picture",
    "oleObjects",
    "controls",
    "webPublishItems",
    "tableParts",
    "extLst",
]


def test_numbers_typed_into_the_text_cells_carry_no_green_error_mark(
    plan: Plan, registry: InstitutionRegistry, tmp_path: Path
) -> None:
    """The input cells are text (above), so Excel marked every amount an officer typed with a green triangle, "Number
    Stored as Text", and offered "Convert to Number": a report that looks wrong to whoever fills it. The template
    tells Excel to ignore that check in its text cells, as Excel's own "Ignore Error" does, and in no other cell."""
    path = tmp_path / "MZ.xlsx"
    write_xlsx(report_layout(plan, registry, "MZ", Period.parse("2018-03"), "sr-Latn"), path)
    book = openpyxl.load_workbook(path)
    main = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    with zipfile.ZipFile(path) as archive:
        sheet_parts = _sheet_parts(archive)
        checked = 0
        for title, part in sheet_parts.items():
            root = ElementTree.fromstring(archive.read(part))
            children = [child.tag.removeprefix(main) for child in root]
            assert children == sorted(children, key=_WORKSHEET_ORDER.index), (title, children)
            text_cells = {
                cell.coordinate for row in book[title].iter_rows() for cell in row if cell.number_format == "@"
            }
            ignored = root.findall(f"{main}ignoredErrors/{main}ignoredError")
            if not text_cells:
                assert ignored == [], title
                continue
            assert [error.get("numberStoredAsText") for error in ignored] == ["1"], title
            assert _cells_of(ignored[0].get("sqref", "")) == text_cells, title
            checked += 1
    assert checked >= 4  # the cover, tasks, indicators, budget and problems sheets at least have text inputs
    result = parse_grid(read_xlsx(path), plan, registry, expected_institution="MZ", expected_period="2018-03")
    assert result.issues == []


def _sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Each worksheet's title -> its part, from the workbook and its relationships."""
    rel = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
    main = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    targets = {
        r.get("Id"): r.get("Target", "").lstrip("/").removeprefix("xl/")
        for r in ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    }
    workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    return {s.get("name", ""): "xl/" + targets[s.get(rel)] for s in workbook.iter(f"{main}sheet")}


def _cells_of(sqref: str) -> set[str]:
    cells = set()
    for ref in sqref.split():
        first, _, last = ref.partition(":")
        min_col, min_row, max_col, max_row = openpyxl.utils.cell.range_boundaries(f"{first}:{last or first}")
        for row in range(min_row, max_row + 1):
            for col in range(min_col, max_col + 1):
                cells.add(f"{openpyxl.utils.get_column_letter(col)}{row}")
    return cells


def test_status_cells_merged_across_two_tasks_are_named_not_read_as_a_missing_status(
    plan: Plan, registry: InstitutionRegistry, tmp_path: Path
) -> None:
    """An officer merges the status cells of two tasks (E4:E5) to give both one status. Excel keeps only the first
    cell's value, so the second task reads empty and Validate said only that it has no status, while the officer
    sees one on the screen. The merge is named at the cell it empties, with what to do; the first task is read."""
    layout = report_layout(plan, registry, "MUP", Period.parse("2018-03"), "sr-Latn")
    first, second = (row.key for row in layout.sheet("tasks").rows[:2])
    path, _ = filled_report(plan, registry, tmp_path, "MUP", "2018-03", complete_monthly(layout), lang="sr-Latn")
    sheet, first_cell = layout.cell_of("tasks", first, "status")
    _, second_cell = layout.cell_of("tasks", second, "status")
    book = openpyxl.load_workbook(path)
    book[sheet].merge_cells(f"{first_cell}:{second_cell}")  # openpyxl, as Excel, keeps the first cell's value only
    # Along one row, merged cells are one wide cell: the first task's progress widened over its problems and measures
    progress, measures = (layout.cell_of("tasks", first, column)[1] for column in ("progress", "measures"))
    book[sheet].merge_cells(f"{progress}:{measures}")
    book.save(path)
    grid = read_xlsx(path)
    assert grid.sheets[sheet][int(second_cell[1:]) - 1][4] in ("", None)  # what the file holds: the second is empty
    assert sorted(grid_from_openpyxl(openpyxl.load_workbook(path), str(path)).merged) == sorted(grid.merged)
    validation = validate_file(path, plan, registry, checked_on=dt.date(2018, 4, 3))
    assert [(i.code, i.severity, i.sheet, i.cell, i.value) for i in validation.issues] == [
        ("cells-merged", "error", sheet, second_cell, f"{first_cell}:{second_cell}")
    ]
    assert "Razdvojite" in validation.issues[0].message and first_cell in validation.issues[0].message
    assert validation.report is not None and validation.report.tasks[0].status == "in-progress"


def test_status_cells_merged_over_a_hidden_value_say_the_value_is_read(
    plan: Plan, registry: InstitutionRegistry, tmp_path: Path
) -> None:
    """The same merge (E4:E5), but the second cell still holds its own status, as Excel writes it after Format
    Painter over filled cells and LibreOffice with "keep contents of hidden cells": the file keeps <c r="E5"> with a
    value under <mergeCell ref="E4:E5"/>. The value is read, so the message may not say the cell reads empty; it
    says the cell's own value is read though the first cell's value shows over it. In all three languages."""
    layout = report_layout(plan, registry, "MUP", Period.parse("2018-03"), "sr-Latn")
    first, second = (row.key for row in layout.sheet("tasks").rows[:2])
    path, _ = filled_report(plan, registry, tmp_path, "MUP", "2018-03", complete_monthly(layout), lang="sr-Latn")
    sheet, first_cell = layout.cell_of("tasks", first, "status")
    _, second_cell = layout.cell_of("tasks", second, "status")
    book = openpyxl.load_workbook(path)
    hidden = book[sheet][second_cell].value
    book[sheet][first_cell].value = "Završen" if hidden != "Završen" else "U toku"
    book[sheet].merge_cells(f"{first_cell}:{second_cell}")  # openpyxl empties the second cell: it is put back below
    book.save(path)
    with zipfile.ZipFile(path) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    member = _sheet_parts(zipfile.ZipFile(path))[sheet]
    xml = parts[member].decode()
    emptied = re.search(rf'<c r="{second_cell}"[^>]*?(?:/>|>.*?</c>)', xml)
    assert emptied is not None and f'<mergeCell ref="{first_cell}:{second_cell}"/>' in xml
    style = re.search(r' s="\d+"', emptied[0])
    kept = f'<c r="{second_cell}"{style[0] if style else ""} t="inlineStr"><is><t>{hidden}</t></is></c>'
    parts[member] = xml.replace(emptied[0], kept).encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    assert openpyxl.load_workbook(path)[sheet].merged_cells.ranges  # still a merge, as Excel sees it
    validation = validate_file(path, plan, registry, checked_on=dt.date(2018, 4, 3))
    assert [(i.code, i.sheet, i.cell, i.value) for i in validation.issues] == [
        ("cells-merged", sheet, second_cell, f"{first_cell}:{second_cell}")
    ]
    found = validation.issues[0]
    assert validation.report is not None and validation.report.tasks[1].status != validation.report.tasks[0].status
    for lang, empty, read in (
        ("sr-Latn", "prazn", "čita"),
        ("sr-Cyrl", "празн", "чита"),
        ("en", "empty", "is read"),
    ):
        text = message(found, lang)
        assert empty not in text and read in text and first_cell in text and second_cell in text, (lang, text)


def test_rows_sorted_a_to_z_lose_nothing_and_do_not_block_the_report(
    plan: Plan, registry: InstitutionRegistry, tmp_path: Path
) -> None:
    """An officer sorts the Indicators sheet A to Z on its first column, as Excel sorts text: 5.2.i10 comes before
    5.2.i2, so sorting again cannot give back the template's order. Each moved row was an error ("put the rows back
    in their original order"), and the report could not be submitted, though every row is read by its id. One
    warning for the sheet says so; the values are read where they are now."""
    layout = report_layout(plan, registry, "MUP", Period.parse("2018-03"), "sr-Latn")
    path, _ = filled_report(plan, registry, tmp_path, "MUP", "2018-03", complete_monthly(layout), lang="sr-Latn")
    book = openpyxl.load_workbook(path)
    sheet = book[layout.sheet("indicators").name]
    rows = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=4, max_row=sheet.max_row)]
    rows = sorted((row for row in rows if row[0]), key=lambda row: str(row[0]))
    for r, row in enumerate(rows, 4):
        for c, value in enumerate(row, 1):
            sheet.cell(r, c).value = value
    book.save(path)
    validation = validate_file(path, plan, registry, checked_on=dt.date(2018, 4, 3))
    assert validation.valid
    assert [(i.code, i.severity, i.sheet) for i in validation.issues] == [
        ("row-moved", "warning", layout.sheet("indicators").name)
    ]
    assert validation.report is not None
    read = {i.indicator_id: (i.total, i.value) for i in validation.report.indicators}
    typed = {row[0]: (int(row[7]) if row[7] else None, row[8]) for row in rows}  # H: total, I: value, as typed
    assert read == typed


def test_a_row_inserted_or_deleted_says_how_to_keep_what_was_typed(
    plan: Plan, registry: InstitutionRegistry, tmp_path: Path
) -> None:
    """An officer inserts a row under a task to go on with its progress, and deletes an indicator's row. The
    inserted row was "not part of the template. Delete it; write problems on the Problems sheet": deleting it loses
    the text, which was no problem at all. The deleted row was to be "put back", with no word of how on a protected
    sheet. The inserted row's text is to be moved into the row it belongs to; the deleted row copied back from the
    blank template."""
    layout = report_layout(plan, registry, "MUP", Period.parse("2018-03"), "sr-Latn")
    path, _ = filled_report(plan, registry, tmp_path, "MUP", "2018-03", complete_monthly(layout), lang="sr-Latn")
    book = openpyxl.load_workbook(path)
    tasks, indicators = book[layout.sheet("tasks").name], book[layout.sheet("indicators").name]
    tasks.insert_rows(5)
    tasks["F5"] = "Nastavak: održana i treća obuka u Nišu."
    indicators.delete_rows(6)
    book.save(path)
    validation = validate_file(path, plan, registry, checked_on=dt.date(2018, 4, 3))
    inserted, deleted = validation.issues
    assert (inserted.code, inserted.sheet, inserted.cell) == ("row-inserted", tasks.title, "A5")
    assert "ne čita" in inserted.message and "Prenesite" in inserted.message and "Problemi" not in inserted.message
    assert (deleted.code, deleted.sheet, deleted.cell) == ("row-deleted", indicators.title, "A6")
    assert "praznog obrasca" in deleted.message


def test_a_row_of_the_problems_list_deleted_loses_nothing(
    plan: Plan, registry: InstitutionRegistry, tmp_path: Path
) -> None:
    """The Problems sheet's numbered rows are places for problems. An officer deletes the row of a problem solved
    since and an empty row at the end: each was an error to be undone by copying the row back from a blank template,
    and the report could not be submitted. Nothing is lost: the problems left are read, without a word."""
    layout = report_layout(plan, registry, "MUP", Period.parse("2018-03"), "sr-Latn")
    edits = {
        **complete_monthly(layout),
        ("problems", "1", "description"): "Nedostaje prevodilac.",
        ("problems", "2", "description"): "Kasni nabavka opreme.",
    }
    path, _ = filled_report(plan, registry, tmp_path, "MUP", "2018-03", edits, lang="sr-Latn")
    book = openpyxl.load_workbook(path)
    problems = book[layout.sheet("problems").name]
    first_row = int(layout.cell_of("problems", "1", "description")[1][1:])
    problems.delete_rows(first_row)  # problem 1, solved
    problems.delete_rows(first_row + 10)  # an empty row
    book.save(path)
    validation = validate_file(path, plan, registry, checked_on=dt.date(2018, 4, 3))
    assert validation.issues == []
    assert validation.report is not None
    assert [(p.no, p.description) for p in validation.report.problems] == [(2, "Kasni nabavka opreme.")]


def test_a_row_and_a_column_an_officer_hid_to_see_better_are_read_and_the_report_is_accepted(
    plan: Plan, registry: InstitutionRegistry, tmp_path: Path
) -> None:
    """The template lets an officer hide rows and columns (its sheets' protection leaves them to format). One who hid
    a finished task's row, and the long Progress column, to see the rest better had the report refused, with an error
    at every filled cell hidden (value-in-hidden-cell). What is hidden is what the officer typed: it is read, the
    officer is told which cells are hidden, as a warning, and the report is valid."""
    layout = report_layout(plan, registry, "MZ", Period.parse("2018-03"), "en")
    edits = complete_monthly(layout)
    path, layout = filled_report(plan, registry, tmp_path, "MZ", "2018-03", edits)
    first = layout.sheet("tasks").rows[0].key
    sheet, status_cell = layout.cell_of("tasks", first, "status")
    _, progress_cell = layout.cell_of("tasks", first, "progress")
    book = openpyxl.load_workbook(path)
    ws = book[sheet]
    assert ws.protection.sheet and not ws.protection.formatRows and not ws.protection.formatColumns
    ws.row_dimensions[ws[status_cell].row].hidden = True  # as Excel writes it: <row r="4" hidden="1">
    ws.column_dimensions[ws[progress_cell].column_letter].hidden = True
    book.save(path)
    hidden_row, hidden_column = ws[status_cell].row, ws[progress_cell].column_letter
    expected = sorted(
        cell
        for (role, key, column), value in edits.items()
        if role == "tasks" and value not in (None, "")
        for _, cell in [layout.cell_of("tasks", key, column)]
        if int(cell.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")) == hidden_row or cell.rstrip("0123456789") == hidden_column
    )
    validation = validate_file(path, plan, registry, checked_on=dt.date(2018, 4, 3))
    found = [(i.code, i.severity, i.sheet, i.cell) for i in validation.issues]
    assert sorted(found) == sorted(("value-in-hidden-cell", "warning", sheet, cell) for cell in expected)
    assert len(expected) >= 3
    assert validation.valid
    assert validation.report is not None
    assert validation.report.tasks[0].progress == edits[("tasks", first, "progress")]
