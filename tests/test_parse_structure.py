"""The parser reads filled templates through their layout and turns every structural change and bad
cell into a located issue, never an exception."""

import io
import re
import sys
import zipfile
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.styles import Alignment
from openpyxl.worksheet.worksheet import Worksheet

from apmon.schemas.calendar import Period
from apmon.schemas.institutions import InstitutionRegistry
from apmon.schemas.plan import Plan
from apmon.templates.layout import report_layout
from apmon.templates.parse import ParseResult, parse_grid
from apmon.templates.read_xlsx import read_xlsx, read_xlsx_bytes
from apmon.templates.sniff import PartTooLargeError, read_member, read_member_counted, sniff_bytes
from apmon.templates.xlsx import write_xlsx
from tests.libreoffice import needs_libreoffice, resave_xlsx


@pytest.fixture(scope="module")
def template(plan: Plan, registry: InstitutionRegistry, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("tpl") / "MZ_2018-03_en.xlsx"
    write_xlsx(report_layout(plan, registry, "MZ", Period.parse("2018-03"), "en"), path)
    return path


def edited(template: Path, tmp_path: Path, edit: Callable[[openpyxl.Workbook], None]) -> Path:
    wb = openpyxl.load_workbook(template)
    edit(wb)
    path = tmp_path / "edited.xlsx"
    wb.save(path)
    return path


def parse(path: Path, plan: Plan, registry: InstitutionRegistry, **expected: str) -> ParseResult:
    grid = read_xlsx(path)
    assert read_xlsx_bytes(path.read_bytes(), str(path)) == grid  # the sync reads fetched bytes, error cells too
    return parse_grid(grid, plan, registry, **expected)


def codes(result: ParseResult) -> list[tuple[str, str, str]]:
    return [(i.code, i.sheet, i.cell) for i in result.issues]


def test_filled_values_are_read_with_their_cells(
    template: Path, tmp_path: Path, plan: Plan, registry: InstitutionRegistry
) -> None:
    def fill(wb: openpyxl.Workbook) -> None:
        wb["Tasks"]["E4"] = "u toku"  # a Serbian label in an English template is still understood
        wb["Tasks"]["F4"] = "  Training held in Niš.  "
        wb["Budget"]["H4"] = "79.300"
        wb["Budget"]["I4"] = 124400
        wb["Cover"]["B10"] = "Jelena Petrović"

    result = parse(edited(template, tmp_path, fill), plan, registry)
    assert result.issues == []
    report = result.report
    assert report is not None and not report.is_empty()
    task = report.tasks[0]
    assert (task.status, task.progress, task.cell("status")) == ("in-progress", "Training held in Niš.", "E4")
    line = report.budget[0]
    assert (line.spent_period, line.spent_year) == (Decimal("79300.00"), Decimal("124400.00"))
    assert line.cell("spent_period") == "H4"
    assert report.cover is not None and report.cover.preparer == "Jelena Petrović"


def rows_swapped(wb: openpyxl.Workbook) -> None:
    ws: Worksheet = wb["Tasks"]
    first = [c.value for c in ws[4]]
    second = [c.value for c in ws[5]]
    for i, (a, b) in enumerate(zip(first, second, strict=True), 1):
        ws.cell(4, i, b)
        ws.cell(5, i, a)


FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (lambda wb: wb["Tasks"].__setitem__("D4", "Another text"), ("locked-cell-changed", "Tasks", "D4")),
        (lambda wb: wb["Tasks"].__setitem__("E3", "State"), ("locked-cell-changed", "Tasks", "E3")),
        (lambda wb: wb["Budget"].__setitem__("E4", 1), ("locked-cell-changed", "Budget", "E4")),
        (lambda wb: wb["Tasks"].delete_rows(5), ("row-deleted", "Tasks", "A5")),
        (rows_swapped, ("row-moved", "Tasks", "A4")),
        (lambda wb: wb["Tasks"].__setitem__("A6", "2.1.2"), ("row-duplicated", "Tasks", "A6")),
        (lambda wb: wb["Tasks"].__setitem__("A7", "9.9.9"), ("row-inserted", "Tasks", "A7")),
        (lambda wb: wb.remove(wb["Budget"]), ("sheet-missing", "Budget", "")),
        (lambda wb: setattr(wb["Budget"], "title", "Money"), ("sheet-renamed", "Money", "")),
        (lambda wb: wb["Tasks"].__setitem__("E4", "done"), ("choice-not-in-list", "Tasks", "E4")),
        (lambda wb: wb["Budget"].__setitem__("H4", "1,234"), ("amount-ambiguous", "Budget", "H4")),
        (lambda wb: wb["Budget"].__setitem__("H4", "#DIV/0!"), ("excel-error", "Budget", "H4")),
        (lambda wb: wb["Budget"].__setitem__("I4", "a lot"), ("amount-not-a-number", "Budget", "I4")),
        (lambda wb: wb["Indicators"].__setitem__("H5", "12,5"), ("count-not-whole", "Indicators", "H5")),
        (lambda wb: wb["Cover"].__setitem__("B12", "31.02.2018"), ("date-invalid", "Cover", "B12")),
        (lambda wb: wb["Cover"].__setitem__("B12", "04/05/2018"), ("date-ambiguous", "Cover", "B12")),
        (lambda wb: wb["_apmon"].__setitem__("B7", "0" * 32), ("template-outdated", "_apmon", "B7")),
        # a code the registry lacks is the registry's doing (tests/test_institution_not_in_registry); no code at all
        (lambda wb: wb["_apmon"].__setitem__("B3", "XYZ"), ("institution-not-in-registry", "_apmon", "B3")),
        (lambda wb: wb["_apmon"].__setitem__("B3", "mz?"), ("metadata-invalid", "_apmon", "B3")),
        (lambda wb: wb["_apmon"].__setitem__("B4", "2018-13"), ("metadata-invalid", "_apmon", "B4")),
        # Digits of another script, which Python reads as 2018-03: the report was stored as a period of its own
        (
            lambda wb: wb["_apmon"].__setitem__("B4", wb["_apmon"]["B4"].value.translate(FULL_WIDTH)),
            ("metadata-invalid", "_apmon", "B4"),
        ),
        (lambda wb: wb["_apmon"].__setitem__("B2", "ap-2019-2020"), ("plan-mismatch", "_apmon", "B2")),
        (lambda wb: wb["_apmon"].__setitem__("B1", "9"), ("unknown-template-version", "_apmon", "B1")),
        (lambda wb: wb.remove(wb["_apmon"]), ("not-an-apmon-template", "", "")),
    ],
    ids=lambda v: v[0] if isinstance(v, tuple) else "",
)
def test_each_change_is_one_located_issue(
    template: Path, tmp_path: Path, plan: Plan, registry: InstitutionRegistry, edit: Callable, expected: tuple
) -> None:
    result = parse(edited(template, tmp_path, edit), plan, registry)
    assert expected in codes(result)
    # A moved row is read by its key: a warning (test_templates_as_officer); every other change an error
    assert all(i.severity == ("warning" if i.code == "row-moved" else "error") for i in result.issues)


def test_moved_rows_are_still_read_by_their_key(
    template: Path, tmp_path: Path, plan: Plan, registry: InstitutionRegistry
) -> None:
    def swap_and_fill(wb: openpyxl.Workbook) -> None:
        rows_swapped(wb)
        wb["Tasks"]["E4"] = "completed"  # now the row of the second task

    result = parse(edited(template, tmp_path, swap_and_fill), plan, registry)
    assert result.report is not None
    second = result.report.tasks[1]
    assert (second.status, second.cell("status")) == ("completed", "E4")
    assert [c for c, *_ in codes(result)] == ["row-moved"]


def test_expected_institution_and_period(template: Path, plan: Plan, registry: InstitutionRegistry) -> None:
    result = parse(template, plan, registry, expected_institution="MUP", expected_period="2018-04")
    assert [c for c, *_ in codes(result)] == ["wrong-institution", "wrong-period"]
    assert result.report is not None  # still read, so nothing is lost


@pytest.mark.parametrize("compression", [zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED])
def test_error_cells_are_found_however_the_sheets_are_packed(
    template: Path, tmp_path: Path, compression: int, plan: Plan, registry: InstitutionRegistry
) -> None:
    """Error cells are looked up in the sheet XML; a workbook in memory has its members read straight from its
    bytes, whether they are stored or deflated."""
    path = edited(template, tmp_path, lambda wb: wb["Budget"].__setitem__("H4", "#DIV/0!"))
    repacked = io.BytesIO()
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(repacked, "w", compression) as target:
        for info in source.infolist():
            target.writestr(info.filename, source.read(info))
    grid = read_xlsx_bytes(repacked.getvalue(), "repacked.xlsx")
    assert grid.value("Budget", 4, 8) == "#DIV/0!"
    assert ("excel-error", "Budget", "H4") in codes(parse_grid(grid, plan, registry))


@pytest.mark.skipif(sys.platform == "win32", reason="zipfile says Windows made the zip there")
def test_the_parts_given_calamine_are_packed_as_zipfile_packs_them(template: Path) -> None:
    """calamine is given the checked parts packed again, stored: the zip is written as zipfile's writestr of a
    ZipInfo writes it, byte for byte, a name past ASCII (UTF-8, flagged) and an empty part among them."""
    from apmon.templates.read_xlsx import _packed

    with zipfile.ZipFile(template) as book:
        parts = [(info.filename, book.read(info)) for info in book.infolist()]
    parts += [("xl/media/Šabac ćirilica.xml", "<a>ш</a>".encode()), ("docProps/empty.xml", b"")]
    by_zipfile = io.BytesIO()
    with zipfile.ZipFile(by_zipfile, "w", zipfile.ZIP_STORED) as archive:
        for name, content in parts:
            archive.writestr(zipfile.ZipInfo(name), content)
    assert _packed(parts) == by_zipfile.getvalue()


@pytest.mark.skipif(sys.platform == "win32", reason="zipfile says Windows made the zip there")
@pytest.mark.parametrize(
    "sizes",
    [
        [9_523],  # 1.05 times it is within the limit: zipfile writes it as any other
        [9_524],  # 1.05 times it is past the limit: zipfile writes its sizes in zip64
        [3_297] * 3,  # the directory starts at the limit
        [3_298] * 3,  # the directory starts past the limit (each part's header and name count): a zip64 end
    ],
)
def test_the_parts_given_calamine_are_packed_as_zipfile_packs_them_where_zip64_is_needed(
    monkeypatch: pytest.MonkeyPatch, sizes: list[int]
) -> None:
    """Where zipfile would write zip64 (a part past the limit divided by 1.05, an offset past the limit), the parts
    are packed as zipfile packs them too: the limit of 2 GiB is made 10,000 bytes here, in zipfile and in the
    reader, to reach it (the limits on a workbook refuse such a file long before)."""
    from apmon.templates import read_xlsx as reader

    monkeypatch.setattr(zipfile, "ZIP64_LIMIT", 10_000)
    monkeypatch.setattr(reader, "_ZIP64_LIMIT", 10_000)
    parts = [(f"p{i}.xml", bytes([65 + i]) * size) for i, size in enumerate(sizes)]
    by_zipfile = io.BytesIO()
    with zipfile.ZipFile(by_zipfile, "w", zipfile.ZIP_STORED) as archive:
        for name, content in parts:
            archive.writestr(zipfile.ZipInfo(name), content)
    assert reader._packed(parts) == by_zipfile.getvalue()


@pytest.mark.skipif(sys.platform == "win32", reason="zipfile says Windows made the zip there")
@pytest.mark.parametrize("count", [0xFFFF, 0x10000])
def test_the_parts_given_calamine_are_packed_as_zipfile_packs_them_whatever_their_number(count: int) -> None:
    """65,535 parts are listed in the zip's end record as any number; one more, zipfile lists in a zip64 end."""
    from apmon.templates.read_xlsx import _packed

    parts = [(f"xl/media/p{i}.xml", b"") for i in range(count)]
    by_zipfile = io.BytesIO()
    with zipfile.ZipFile(by_zipfile, "w", zipfile.ZIP_STORED) as archive:
        for name, content in parts:
            archive.writestr(zipfile.ZipInfo(name), content)
    assert _packed(parts) == by_zipfile.getvalue()


def test_error_cells_and_comments_are_found_whatever_case_the_workbooks_relationships_are_named_in(
    template: Path, tmp_path: Path, plan: Plan, registry: InstitutionRegistry
) -> None:
    """A package's part names are the same whatever their case (Excel reads xl/_rels/Workbook.xml.rels as well): the
    sheets of the error cells and comments were looked up through the part of that exact name alone, so such a
    workbook with an error cell was refused as damaged, and a comment named no sheet."""
    from openpyxl.comments import Comment

    def fill(wb: openpyxl.Workbook) -> None:
        wb["Budget"]["H4"] = "#DIV/0!"
        wb["Budget"]["H4"].comment = Comment("Proveriti iznos", "MZ")

    path = edited(template, tmp_path, fill)
    with zipfile.ZipFile(path) as book:
        parts = {info.filename: book.read(info) for info in book.infolist()}
    parts["xl/_rels/Workbook.xml.rels"] = parts.pop("xl/_rels/workbook.xml.rels")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for name, content in parts.items():
            out.writestr(name, content)
    grid = read_xlsx(path)
    assert grid.value("Budget", 4, 8) == "#DIV/0!"
    assert grid.comments == [("Budget", "H4", "Proveriti iznos")]
    assert ("excel-error", "Budget", "H4") in codes(parse_grid(grid, plan, registry))


@pytest.mark.parametrize("compression", [zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED])
def test_members_in_memory_are_read_without_zipfiles_reader(compression: int) -> None:
    packed = io.BytesIO()
    with zipfile.ZipFile(packed, "w", compression) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b'<c r="A1" t="e"><v>#REF!</v></c>' * 50)
        archive.writestr("xl/worksheets/sheet2.xml", "Niš, Čačak".encode())

    class NoReader(zipfile.ZipFile):
        def read(self, name: Any, pwd: bytes | None = None) -> bytes:
            raise AssertionError("zipfile's reader was used")

    data = packed.getvalue()
    with zipfile.ZipFile(io.BytesIO(data)) as plain, NoReader(io.BytesIO(data)) as fast:
        for info in fast.infolist():
            assert read_member(io.BytesIO(data), info) == plain.read(info.filename)


@pytest.mark.parametrize("compression", [zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED])
def test_a_members_tags_are_counted_as_it_is_read(compression: int) -> None:
    """The workbook's tags are counted as each part is inflated (read_member_counted), not again after: the count
    is the part's "<" characters, over several blocks of inflating, and one past the limit is refused."""
    sheet = b'<c r="A1" t="e"><v>#REF!</v></c>' * 80_000  # some 2.5 MB: three blocks of inflating
    packed = io.BytesIO()
    with zipfile.ZipFile(packed, "w", compression) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", sheet)
    data = packed.getvalue()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        (info,) = archive.infolist()
    tags = sheet.count(b"<")
    assert read_member_counted(io.BytesIO(data), info, max_tags=tags) == (sheet, tags)
    with pytest.raises(PartTooLargeError):
        read_member_counted(io.BytesIO(data), info, max_tags=tags - 1)


def test_the_document_properties_are_read_as_excel_saves_them(template: Path, tmp_path: Path) -> None:
    """The properties of File > Info > Properties: the core ones, the extended ones Excel writes (openpyxl writes
    none of its own: docProps/app.xml is rewritten here as Excel saves it) and the custom ones. The lists of the
    sheets' names in the extended properties are no property anyone types."""
    from openpyxl.packaging.custom import StringProperty

    from tests.make_bad_files import replace_part

    def describe(wb: openpyxl.Workbook) -> None:
        wb.properties.title = "Izveštaj za mart"
        wb.properties.creator = "Marko Marković"
        wb.custom_doc_props.append(StringProperty(name="Odeljenje", value="Sektor za analitiku"))

    path = edited(template, tmp_path, describe)
    vector = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
    replace_part(
        path,
        "docProps/app.xml",
        b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
        b'xmlns:vt="' + vector.encode() + b'"><Application>Microsoft Excel</Application>'
        b'<TitlesOfParts><vt:vector size="1" baseType="lpstr"><vt:lpstr>Cover</vt:lpstr></vt:vector></TitlesOfParts>'
        b"<Company>Ministarstvo zdravlja</Company><Manager> </Manager></Properties>",
    )
    properties = read_xlsx(path).properties
    assert {
        ("core", "title", "Izveštaj za mart"),
        ("core", "creator", "Marko Marković"),
        ("app", "Application", "Microsoft Excel"),
        ("app", "Company", "Ministarstvo zdravlja"),
        ("custom", "Odeljenje", "Sektor za analitiku"),
    } <= set(properties)
    assert not any(name in ("TitlesOfParts", "Manager") for _, name, _ in properties)
    assert read_xlsx_bytes(path.read_bytes(), str(path)).properties == properties


@pytest.fixture(scope="module")
def annual_template(plan: Plan, registry: InstitutionRegistry, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("tpl") / "MZ_2018_en.xlsx"
    write_xlsx(report_layout(plan, registry, "MZ", Period.parse("2018"), "en"), path)
    return path


def copied(name: str, title: str) -> Callable[[openpyxl.Workbook], None]:
    def edit(wb: openpyxl.Workbook) -> None:
        wb.copy_worksheet(wb[name]).title = title

    return edit


def renamed(name: str, *titles: str) -> Callable[[openpyxl.Workbook], None]:
    """`name` renamed to the first title, and copied under the others."""

    def edit(wb: openpyxl.Workbook) -> None:
        for title in titles[1:]:
            wb.copy_worksheet(wb[name]).title = title
        wb[name].title = titles[0]

    return edit


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        # The Narrative has the Cover's headers: renamed, it is named as the Narrative renamed ...
        (renamed("Narrative", "Report 2018"), [("sheet-renamed", "Report 2018", {"expected": "Narrative"})]),
        # ... and a copy of it as a copy of the first sheet with those headers.
        (copied("Narrative", "Narrative (2)"), [("sheet-copied", "Narrative (2)", {"expected": "Cover"})]),
        (copied("Tasks", "Tasks (2)"), [("sheet-copied", "Tasks (2)", {"expected": "Tasks"})]),
        # Two sheets with its headers: which one it is now cannot be said.
        (renamed("Tasks", "Tasks 1", "Tasks 2"), [("sheet-missing", "Tasks", {"expected": "Tasks"})]),
    ],
    ids=["renamed", "copied-same-headers", "copied", "renamed-twice"],
)
def test_a_sheet_renamed_or_copied_is_named_by_the_template_sheet_it_has_the_headers_of(
    annual_template: Path,
    tmp_path: Path,
    plan: Plan,
    registry: InstitutionRegistry,
    edit: Callable[[openpyxl.Workbook], None],
    expected: list[tuple[str, str, dict[str, str]]],
) -> None:
    result = parse(edited(annual_template, tmp_path, edit), plan, registry)
    found = [(i.code, i.sheet, i.params) for i in result.issues if i.code.startswith("sheet-")]
    assert found == expected


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("5. aprila 2018. godine", "2018-04-05"),
        ("5. IV 2018.", "2018-04-05"),
        ("5. avg. 2018. god.", "2018-08-05"),
        ("5. септ. 2018.", "2018-09-05"),
    ],
)
def test_a_report_date_written_in_words_is_read_from_the_cover(
    template: Path, tmp_path: Path, plan: Plan, registry: InstitutionRegistry, typed: str, read: str
) -> None:
    result = parse(edited(template, tmp_path, lambda wb: wb["Cover"].__setitem__("B12", typed)), plan, registry)
    assert result.issues == []
    assert result.report is not None and result.report.cover is not None
    assert str(result.report.cover.date) == read
    assert result.report.cover.cell("date") == "B12"


@pytest.mark.parametrize("typed", ["5. ju. 2018.", "5. aug. 2018."])
def test_a_short_month_name_that_is_ambiguous_or_unknown_is_refused_at_its_cell(
    template: Path, tmp_path: Path, plan: Plan, registry: InstitutionRegistry, typed: str
) -> None:
    """A short name that is June or July ("ju.") or no Serbian one ("aug.") is not guessed."""
    result = parse(edited(template, tmp_path, lambda wb: wb["Cover"].__setitem__("B12", typed)), plan, registry)
    assert [(i.code, i.sheet, i.cell, i.value) for i in result.issues] == [("date-invalid", "Cover", "B12", typed)]


def _with_cached_values(path: Path, cached: dict[str, bytes], recalculate_on_opening: bool) -> Path:
    """The file with each formula's cached value (openpyxl writes none: <v></v>) as `cached` gives it, by its
    formula's text; and the workbook's calcPr asking Excel to calculate every formula again on opening
    (fullCalcOnLoad, as openpyxl and XlsxWriter write it), or not (as Excel saves a calculated workbook)."""
    with zipfile.ZipFile(path) as book:
        parts = {info.filename: book.read(info) for info in book.infolist()}
    for name, content in parts.items():
        for formula, value in cached.items():
            held = b"<f>" + formula + b"</f><v>"
            content = content.replace(held + b"</v>", held + value + b"</v>")
        if name == "xl/workbook.xml" and not recalculate_on_opening:
            content = content.replace(b' fullCalcOnLoad="1"', b"")
        parts[name] = content
    out = path.with_name("cached.xlsx")
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return out


def _formulas(wb: openpyxl.Workbook) -> None:
    wb["Budget"]["H4"] = "=500*2"  # Excel shows 1000
    wb["Indicators"]["H5"] = "=SUM(1,2)"  # Excel shows 3


def test_a_formula_whose_result_the_file_does_not_hold_is_no_blank_cell(
    template: Path, tmp_path: Path, plan: Plan, registry: InstitutionRegistry
) -> None:
    """A report filled by a script (openpyxl) holds its formulas without their results: Excel calculates and shows
    1000 and 3, but they were read as blank cells, with no issue, and the master showed a gap where the officer saw a
    number. Now each is the formula as typed, an error at its cell."""
    result = parse(edited(template, tmp_path, _formulas), plan, registry)
    assert ("formula-not-calculated", "Budget", "H4") in codes(result)
    assert ("formula-not-calculated", "Indicators", "H5") in codes(result)
    assert {i.value for i in result.issues if i.code == "formula-not-calculated"} == {"=500*2", "=SUM(1,2)"}


def test_a_formula_excel_calculates_again_on_opening_is_not_read_by_its_stale_result(
    template: Path, tmp_path: Path, plan: Plan, registry: InstitutionRegistry
) -> None:
    """A workbook that asks Excel to calculate every formula again on opening (fullCalcOnLoad, as XlsxWriter writes
    it with 0 as every formula's result) shows the officer what its formulas give, not the results it holds: with
    999 and 7 held, the officer saw 1000 and 3 while the master counted 999 and 7, without any issue."""
    path = _with_cached_values(
        edited(template, tmp_path, _formulas), {b"500*2": b"999", b"SUM(1,2)": b"7"}, recalculate_on_opening=True
    )
    result = parse(path, plan, registry)
    assert ("formula-not-calculated", "Budget", "H4") in codes(result)
    assert ("formula-not-calculated", "Indicators", "H5") in codes(result)
    assert result.report is not None
    assert Decimal("999") not in [line.spent_period for line in result.report.budget]


def test_a_formula_with_its_result_as_excel_saves_it_is_read_by_that_result(
    template: Path, tmp_path: Path, plan: Plan, registry: InstitutionRegistry
) -> None:
    """A formula pasted with its cell from another workbook, saved by Excel: its result is what the officer saw,
    and is read as before."""
    path = _with_cached_values(
        edited(template, tmp_path, _formulas), {b"500*2": b"1000", b"SUM(1,2)": b"3"}, recalculate_on_opening=False
    )
    result = parse(path, plan, registry)
    assert not [i for i in result.issues if i.code == "formula-not-calculated"]
    assert result.report is not None
    assert Decimal("1000.00") in [line.spent_period for line in result.report.budget]
    assert 3 in [indicator.total for indicator in result.report.indicators]


@pytest.mark.parametrize("cell", [b'<c r="Z1" t="e"><v>#REF!</v></c>', b'<c r="Z1"><f>1+1</f><v>2</v></c>'])
def test_a_sheet_of_millions_of_elements_with_an_error_or_a_formula_is_read_in_little_memory(
    template: Path, cell: bytes
) -> None:
    """An error cell (#REF!) or a formula made the whole sheet's XML a tree of elements in memory, some 23 bytes for
    each byte of the sheet: a report of 5 MB whose sheet inflated to 200 MB of empty elements (within the zip-bomb
    limits) took some 4.5 GB to read. The sheet is now read as a stream."""
    import random
    import tracemalloc

    filler = b"".join(b"<x/>" * 60 + b'<y a="%d"/>' % random.getrandbits(32) for _ in range(5_000))
    with zipfile.ZipFile(template) as book:
        parts = {info.filename: book.read(info) for info in book.infolist()}
    sheet = parts["xl/worksheets/sheet3.xml"]
    head, _, rest = sheet.partition(b"<sheetData>")
    parts["xl/worksheets/sheet3.xml"] = (
        head
        + b'<sheetData><row r="1">'
        + cell
        + b"</row>"
        + rest.replace(b"</sheetData>", b"</sheetData><extLst>" + filler + b"</extLst>", 1)
    )
    packed = io.BytesIO()
    with zipfile.ZipFile(packed, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    data, size = packed.getvalue(), len(parts["xl/worksheets/sheet3.xml"])
    tracemalloc.start()
    try:
        grid = read_xlsx_bytes(data, "many.xlsx")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert grid.value("Budget", 1, 26) in ("#REF!", "=1+1")  # read as before: the file asks to calculate again
    assert peak < 6 * size, f"{peak / size:.1f} bytes of memory for each byte of the sheet"


def test_a_cell_of_millions_of_line_breaks_is_read_in_little_memory(template: Path) -> None:
    """A formula's result of 8 MB of line breaks (within the zip-bomb limits: a member under 10 MB may pack at any
    ratio): the XML parser gave each line break to the reader on its own, some 8 million pieces kept in a list, 10
    bytes of memory for each byte of the sheet and seconds of processor time for a larger one. Now a text comes in
    one piece."""
    import tracemalloc

    with zipfile.ZipFile(template) as book:
        parts = {info.filename: book.read(info) for info in book.infolist()}
    head, _, rest = parts["xl/worksheets/sheet3.xml"].partition(b"<sheetData>")
    breaks = b"\n" * (8 * 2**20)
    parts["xl/worksheets/sheet3.xml"] = (
        head + b'<sheetData><row r="1"><c r="Z1"><f>1+1</f><v>' + breaks + b"2</v></c></row>" + rest
    )
    packed = io.BytesIO()
    with zipfile.ZipFile(packed, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    data, size = packed.getvalue(), len(parts["xl/worksheets/sheet3.xml"])
    assert sniff_bytes(data, "breaks.xlsx") is None  # within the zip-bomb limits
    tracemalloc.start()
    try:
        grid = read_xlsx_bytes(data, "breaks.xlsx")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert grid.value("Budget", 1, 26) == "=1+1"  # read as before: the file asks to calculate again
    assert peak < 6 * size, f"{peak / size:.1f} bytes of memory for each byte of the sheet"


@pytest.mark.parametrize(
    ("cell", "value", "number_format"),
    [
        ("H4", 1500000, "#,##0,"),  # Excel shows 1.500: thousands, as an accounting sheet pasted from shows them
        ("H4", 1500000, ';;;"0"'),  # shows 0
        ("H4", 1500000, ";;;"),  # shows nothing
        ("H4", 1500000, '[>100]"100";0'),  # shows 100
        ("H4", "2.000.000", ';;;"0"'),  # a text typed, as the template's cells keep it: shows 0
        ("I4", 0.35, "0%"),  # shows 35%
    ],
)
def test_a_number_format_that_shows_another_number_than_the_cell_holds_is_an_error_at_its_cell(
    template: Path,
    tmp_path: Path,
    plan: Plan,
    registry: InstitutionRegistry,
    cell: str,
    value: Any,
    number_format: str,
) -> None:
    """The officer, and whoever checks the report before it is sent, saw 1.500, 0, nothing or 100 where the cell held
    1500000 (a cell pasted with its format from an accounting sheet, or a format set by hand): the master counted
    1500000 without any issue. Now the cell is an error that names its format."""

    def fill(wb: openpyxl.Workbook) -> None:
        wb["Budget"][cell] = value
        wb["Budget"][cell].number_format = number_format

    result = parse(edited(template, tmp_path, fill), plan, registry)
    shown = [(i.code, i.sheet, i.cell, i.value) for i in result.issues if i.code == "number-shown-otherwise"]
    assert shown == [("number-shown-otherwise", "Budget", cell, number_format)]


@pytest.mark.parametrize(
    "number_format",
    ["#,##0", '#,##0.00 "din."', '#,##0;-#,##0;"-"', "[Red]#,##0.00", "0.00E+00", "@", "General"],
)
def test_a_number_format_that_shows_the_number_the_cell_holds_is_read_without_an_issue(
    template: Path, tmp_path: Path, plan: Plan, registry: InstitutionRegistry, number_format: str
) -> None:
    def fill(wb: openpyxl.Workbook) -> None:
        wb["Budget"]["H4"] = 1500000
        wb["Budget"]["H4"].number_format = number_format

    result = parse(edited(template, tmp_path, fill), plan, registry)
    assert not [i for i in result.issues if i.code == "number-shown-otherwise"]
    assert result.report is not None
    assert Decimal("1500000.00") in [line.spent_period for line in result.report.budget]


def test_a_number_format_is_looked_at_in_input_cells_only(
    template: Path, tmp_path: Path, plan: Plan, registry: InstitutionRegistry
) -> None:
    """A label or a sheet of the officer's own may show its numbers as it likes: no rule reads them."""

    def fill(wb: openpyxl.Workbook) -> None:
        own = wb.create_sheet("Beleške")
        own["A1"] = 1500000
        own["A1"].number_format = "#,##0,"

    result = parse(edited(template, tmp_path, fill), plan, registry)
    assert not [i for i in result.issues if i.code == "number-shown-otherwise"]


@pytest.mark.parametrize(
    ("part", "template_has", "crafted_has"),
    [
        ("xl/styles.xml", b'numFmtId="49" fontId="0" fillId="4"', b'numFmtId="10" fontId="0" fillId="4"'),  # 0.00%
        ("xl/workbook.xml", b'r:id="rId3"/><sheet', b'r:id="rId4"/><sheet'),  # Budget read from the next sheet
        ("xl/workbook.xml", b"'Budget'!$H$4:$H$5", b"'Budget'!$H$4:$H$6"),  # a defined name another
        ("xl/_rels/workbook.xml.rels", b"sheet3.xml", b"sheet4.xml"),  # the sheet's part another
    ],
)
def test_a_report_is_not_read_as_the_report_read_before_it_whose_small_parts_differ_by_a_byte(
    template: Path, tmp_path: Path, part: str, template_has: bytes, crafted_has: bytes
) -> None:
    """A template's styles, workbook and relationships parts are read once per run and kept: a report read after
    the template's whose part differs from it in a byte or two, at the same length (a number format, a sheet's place,
    a defined name, a relationship's target), is read as it is when nothing was kept, never as the report before."""
    from apmon.templates.read_xlsx import forget_what_was_read

    def fill(wb: openpyxl.Workbook) -> None:
        wb["Budget"]["H4"] = 0.35

    path = edited(template, tmp_path, fill)
    with zipfile.ZipFile(path) as book:
        parts = {info.filename: book.read(info) for info in book.infolist()}
    assert template_has in parts[part]
    crafted_part = parts[part].replace(template_has, crafted_has)
    assert len(crafted_part) == len(parts[part])
    crafted = io.BytesIO()
    with zipfile.ZipFile(crafted, "w", zipfile.ZIP_DEFLATED) as out:
        for name, content in parts.items():
            out.writestr(name, crafted_part if name == part else content)
    forget_what_was_read()
    alone = read_xlsx_bytes(crafted.getvalue(), "crafted.xlsx")
    forget_what_was_read()
    read_xlsx_bytes(path.read_bytes(), path.name)
    after = read_xlsx_bytes(crafted.getvalue(), "crafted.xlsx")
    forget_what_was_read()
    assert after == alone != read_xlsx_bytes(path.read_bytes(), path.name)
    if part == "xl/styles.xml":  # 0.35 is shown as 35.00%
        assert after.shown_otherwise == [("Budget", "H4", "0.00%")]


def test_a_styles_workbook_or_relationships_part_larger_than_a_templates_is_read_and_not_kept(template: Path) -> None:
    """A template's styles, workbook and relationships parts are small and read once per run; a crafted report's
    larger ones (here each padded past 16 KiB with spaces after its root, which XML allows) are read as the small
    ones are, and not kept until the run ends: a run of many such files would hold them all in memory."""
    from apmon.templates import read_xlsx as reader

    with zipfile.ZipFile(template) as book:
        parts = {info.filename: book.read(info) for info in book.infolist()}
    padded = io.BytesIO()
    with zipfile.ZipFile(padded, "w", zipfile.ZIP_DEFLATED) as out:
        for name, content in parts.items():
            large = name in ("xl/styles.xml", "xl/workbook.xml") or name.endswith(".rels")
            out.writestr(name, content + b" " * 20_000 if large else content)
    reader.forget_what_was_read()
    grid = read_xlsx_bytes(padded.getvalue(), template.name)
    kept = (reader._small_style_formats, reader._small_relationships, reader._small_workbook_elements)
    assert [cache.cache_info().currsize for cache in kept] == [0, 0, 0]
    assert grid == read_xlsx_bytes(template.read_bytes(), template.name)
    reader.forget_what_was_read()


def test_a_number_format_is_found_in_styles_kept_under_another_name(
    template: Path, tmp_path: Path, plan: Plan, registry: InstitutionRegistry
) -> None:
    """Excel finds the styles through the workbook's relationships, whatever the part is called."""

    def fill(wb: openpyxl.Workbook) -> None:
        wb["Budget"]["H4"] = 1500000
        wb["Budget"]["H4"].number_format = "#,##0,"

    path = edited(template, tmp_path, fill)
    with zipfile.ZipFile(path) as book:
        parts = {info.filename: book.read(info) for info in book.infolist()}
    parts["xl/looks.xml"] = parts.pop("xl/styles.xml")
    parts["xl/_rels/workbook.xml.rels"] = parts["xl/_rels/workbook.xml.rels"].replace(b"styles.xml", b"looks.xml")
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(b"/xl/styles.xml", b"/xl/looks.xml")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for name, content in parts.items():
            out.writestr(name, content)
    assert ("number-shown-otherwise", "Budget", "H4") in codes(parse(path, plan, registry))


@pytest.mark.parametrize(("sheet", "cell"), [("Budget", "H4"), ("Indicators", "H5")])
def test_a_number_typed_in_groups_in_a_cell_set_to_read_right_to_left_is_an_error_at_its_cell(
    template: Path, tmp_path: Path, plan: Plan, registry: InstitutionRegistry, sheet: str, cell: str
) -> None:
    """A cell whose text direction is set right to left (Format Cells > Alignment > Text direction) shows the groups
    of a number typed with spaces last group first: Excel shows "100 000 900" as 900 000 100, with no invisible
    character in the cell for number-direction-controls to find. The master counted 100000900 without any issue.
    Now the cell is an error, and its number is not read."""

    def fill(wb: openpyxl.Workbook) -> None:
        wb[sheet][cell] = "100 000 900"
        wb[sheet][cell].alignment = Alignment(readingOrder=2)

    result = parse(edited(template, tmp_path, fill), plan, registry)
    assert (("number-right-to-left", sheet, cell)) in codes(result)
    assert result.report is not None
    read = [line.spent_period for line in result.report.budget] + [i.total for i in result.report.indicators]
    assert 100000900 not in read


@pytest.mark.parametrize(
    ("value", "reading_order"),
    [
        ("79.300", 2),  # one group of digits shows as typed, right to left too
        (100000900, 2),  # a number, not a text: shown by its format, one run of digits
        ("100 000 900", 1),  # left to right
        ("100 000 900", 0),  # as its first letter says (context): none, so as typed
    ],
)
def test_a_number_that_shows_as_typed_in_a_cell_set_to_read_right_to_left_is_read(
    template: Path, tmp_path: Path, plan: Plan, registry: InstitutionRegistry, value: Any, reading_order: int
) -> None:
    def fill(wb: openpyxl.Workbook) -> None:
        wb["Budget"]["H4"] = value
        wb["Budget"]["H4"].alignment = Alignment(readingOrder=reading_order)

    result = parse(edited(template, tmp_path, fill), plan, registry)
    assert not [i for i in result.issues if i.code in ("number-right-to-left", "number-direction-controls")]
    assert result.report is not None
    expected = Decimal(str(value).replace(" ", "").replace(".", ""))  # typed with spaces or Serbian thousands
    assert expected in [line.spent_period for line in result.report.budget]


@pytest.mark.parametrize("separator", ["\u00a0", "\u202f"], ids=["no-break-space", "narrow-no-break-space"])
def test_a_number_in_groups_joined_by_no_break_spaces_reads_as_typed_right_to_left_too(
    template: Path, tmp_path: Path, plan: Plan, registry: InstitutionRegistry, separator: str
) -> None:
    """A no-break space (pasted with a number from Word or a web page) between two groups of
    digits joins them into one number in the Unicode bidirectional algorithm (a single common separator, rule W4):
    "100 000 900" so typed shows as typed in a right-to-left cell, as fribidi shows it. It was refused as
    number-right-to-left, as if its groups showed last first."""
    typed = separator.join(["100", "000", "900"])

    def fill(wb: openpyxl.Workbook) -> None:
        wb["Budget"]["H4"] = typed
        wb["Budget"]["H4"].alignment = Alignment(readingOrder=2)

    result = parse(edited(template, tmp_path, fill), plan, registry)
    assert not [i for i in result.issues if i.code == "number-right-to-left"]
    assert result.report is not None
    assert Decimal(typed.replace(separator, "")) in [line.spent_period for line in result.report.budget]


def test_a_text_cell_set_to_read_right_to_left_is_read_as_typed(
    template: Path, tmp_path: Path, plan: Plan, registry: InstitutionRegistry
) -> None:
    """Only numbers are read from their digits: a note or a progress text may read right to left."""

    def fill(wb: openpyxl.Workbook) -> None:
        wb["Tasks"]["F4"] = "Plaćeno 100 000 900 dinara"
        wb["Tasks"]["F4"].alignment = Alignment(readingOrder=2)

    result = parse(edited(template, tmp_path, fill), plan, registry)
    assert not [i for i in result.issues if i.code == "number-right-to-left"]
    assert result.report is not None
    assert "Plaćeno 100 000 900 dinara" in [task.progress for task in result.report.tasks]


@needs_libreoffice
def test_a_number_in_a_cell_set_to_read_right_to_left_stays_an_error_after_libreoffice_saves_it(
    template: Path, tmp_path: Path, plan: Plan, registry: InstitutionRegistry
) -> None:
    """LibreOffice shows the digits as typed in such a cell (a report checked there looks right) and keeps the
    setting when it saves: Excel then shows 900 000 100. The file it saved is refused as the one it opened."""

    def fill(wb: openpyxl.Workbook) -> None:
        wb["Budget"]["H4"] = "100 000 900"
        wb["Budget"]["H4"].alignment = Alignment(readingOrder=2)

    resaved = resave_xlsx(edited(template, tmp_path, fill), tmp_path)
    assert ("number-right-to-left", "Budget", "H4") in codes(parse(resaved, plan, registry))


def test_a_cell_reads_right_to_left_by_its_cell_style_where_its_format_has_no_alignment_of_its_own(
    template: Path, tmp_path: Path, plan: Plan, registry: InstitutionRegistry
) -> None:
    """A cell format without an alignment takes its cell style's (Home > Cell Styles), as Excel shows it."""

    def fill(wb: openpyxl.Workbook) -> None:
        wb["Budget"]["H4"] = "100 000 900"
        wb["Budget"]["H4"].alignment = Alignment(readingOrder=2)

    path = edited(template, tmp_path, fill)
    with zipfile.ZipFile(path) as book:
        parts = {info.filename: book.read(info) for info in book.infolist()}
    styles = parts["xl/styles.xml"].decode()
    own = re.search(r'<alignment readingOrder="2"\s*/>', styles)
    assert own is not None and styles.count('readingOrder="2"') == 1
    styles = styles[: own.start()] + styles[own.end() :]  # the cell's format keeps no alignment of its own ...
    styles = re.sub(r"<cellStyleXfs[^>]*>.*?</cellStyleXfs>", "", styles, flags=re.DOTALL)  # ... and gets a style
    styles = styles.replace(
        "<cellXfs",
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0">'
        '<alignment readingOrder="2"/></xf></cellStyleXfs><cellXfs',
    )
    parts["xl/styles.xml"] = styles.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for name, content in parts.items():
            out.writestr(name, content)
    assert ("number-right-to-left", "Budget", "H4") in codes(parse(path, plan, registry))


@pytest.mark.parametrize(
    "hide",
    [
        lambda ws: setattr(ws.row_dimensions[4], "hidden", True),
        lambda ws: setattr(ws.row_dimensions[4], "height", 0.25),  # 0.25: written as 0 below (openpyxl omits a 0)
        lambda ws: setattr(ws.column_dimensions["H"], "hidden", True),
        lambda ws: setattr(ws.column_dimensions["H"], "width", 0.25),
    ],
    ids=["row hidden", "row 0 high", "column hidden", "column 0 wide"],
)
def test_a_value_in_a_hidden_row_or_column_is_a_warning_at_its_cell(
    template: Path, tmp_path: Path, plan: Plan, registry: InstitutionRegistry, hide: Callable[[Worksheet], None]
) -> None:
    """Last month's spending left in a row hidden instead of cleared: no one who opened the report saw it, and the
    master counted it without any issue."""

    def fill(wb: openpyxl.Workbook) -> None:
        wb["Budget"]["H4"] = "1.500.000"
        hide(wb["Budget"])

    path = edited(template, tmp_path, fill)
    with zipfile.ZipFile(path) as book:
        parts = {info.filename: book.read(info) for info in book.infolist()}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for name, content in parts.items():
            out.writestr(name, content.replace(b'ht="0.25"', b'ht="0"').replace(b'width="0.25"', b'width="0"'))
    result = parse(path, plan, registry)
    hidden = [(i.code, i.severity, i.sheet, i.cell, i.value) for i in result.issues if i.code == "value-in-hidden-cell"]
    assert hidden == [("value-in-hidden-cell", "warning", "Budget", "H4", "1.500.000")]


def test_a_hidden_row_without_values_and_a_hidden_column_of_no_input_are_no_issue(
    template: Path, tmp_path: Path, plan: Plan, registry: InstitutionRegistry
) -> None:
    """A row hidden with nothing typed in it, or a column of the plan's texts hidden to see the inputs better, hides
    nothing that is read."""

    def fill(wb: openpyxl.Workbook) -> None:
        wb["Budget"]["H5"] = "1.000"
        wb["Budget"].row_dimensions[4].hidden = True
        wb["Budget"].column_dimensions["C"].hidden = True

    result = parse(edited(template, tmp_path, fill), plan, registry)
    assert not [i for i in result.issues if i.code == "value-in-hidden-cell"]


def test_rows_a_filter_hid_are_no_hidden_values(
    template: Path, tmp_path: Path, plan: Plan, registry: InstitutionRegistry
) -> None:
    """A report saved with a filter on (the officer's tasks in progress only): the filter's button and the blue row
    numbers show that rows are left out, and clearing the filter shows them."""

    def fill(wb: openpyxl.Workbook) -> None:
        wb["Budget"]["H4"] = "1.500.000"
        wb["Budget"].auto_filter.ref = "A3:J6"
        wb["Budget"].row_dimensions[4].hidden = True

    result = parse(edited(template, tmp_path, fill), plan, registry)
    assert not [i for i in result.issues if i.code == "value-in-hidden-cell"]


def test_something_typed_in_a_locked_cell_that_stays_empty_is_named_as_such(
    template: Path, tmp_path: Path, plan: Plan, registry: InstitutionRegistry
) -> None:
    """An officer types a breakdown by sex into an indicator that asks only for its total (the breakdown cells are
    locked and empty): the message quoted an empty original, „“, and asked to put it back. It says the cell stays
    empty, quotes what was typed and says to delete it."""
    from apmon.schemas.messages import message

    sheet = openpyxl.load_workbook(template)["Indicators"]
    cell = next(
        c
        for row in sheet.iter_rows(min_row=4, min_col=4, max_col=4)
        for c in row
        if c.protection.locked and not c.value
    )
    result = parse(
        edited(template, tmp_path, lambda wb: wb["Indicators"].__setitem__(cell.coordinate, "3")), plan, registry
    )
    [found] = [i for i in result.issues if i.cell == cell.coordinate]
    assert (found.code, found.sheet, found.value) == ("locked-cell-changed", "Indicators", "3")
    for lang in ("sr-Latn", "sr-Cyrl", "en"):
        said = message(found, lang)
        assert "„“" not in said and "''" not in said, said
        assert cell.coordinate in said and "3" in said and "Delete" in said, said


@pytest.mark.parametrize(("cell", "typed"), [("B6", "2018-04"), ("B5", "MUP")])
def test_a_template_made_over_for_another_period_or_institution_is_not_told_to_put_the_old_value_back(
    template: Path, tmp_path: Path, plan: Plan, registry: InstitutionRegistry, cell: str, typed: str
) -> None:
    """An officer reuses March's filled file for April and types 2018-04 over the cover's period: "put the original
    value back" made it a valid March report with April's figures, which replaced the real March report. The message
    says to put it back only if the report is for that period, and otherwise to ask for the right template."""
    from apmon.schemas.messages import message

    result = parse(edited(template, tmp_path, lambda wb: wb["Cover"].__setitem__(cell, typed)), plan, registry)
    [found] = [i for i in result.issues if i.cell == cell]
    assert (found.code, found.sheet, found.value, found.params.get("advice")) == (
        "locked-cell-changed",
        "Cover",
        typed,
        "made-for",
    )
    said = message(found, "en")
    assert "Put the original value back" not in said and typed in said and "template" in said, said


def test_a_date_quoted_from_a_cell_is_said_in_the_readers_form(
    template: Path, tmp_path: Path, plan: Plan, registry: InstitutionRegistry
) -> None:
    """A date in a hidden task's status cell: both messages that quote the cell (the value hidden, the value not in
    the list) say the date as every other date the reader reads is said (schemas/dates.py), not 01.10.2018 in every
    language (an English reader takes that for 10 January)."""
    import datetime as dt

    from apmon.schemas.messages import message

    def fill(wb: openpyxl.Workbook) -> None:
        wb["Tasks"]["E4"] = dt.datetime(2018, 10, 1)
        wb["Tasks"].row_dimensions[4].hidden = True

    result = parse(edited(template, tmp_path, fill), plan, registry)
    quoted = [i for i in result.issues if i.cell == "E4" and i.code in ("value-in-hidden-cell", "choice-not-in-list")]
    assert sorted(i.code for i in quoted) == ["choice-not-in-list", "value-in-hidden-cell"]
    for found in quoted:
        assert "1 Oct 2018" in message(found, "en")
        assert "01.10.2018." in message(found, "sr-Latn")
        assert "01.10.2018." in message(found, "sr-Cyrl")
