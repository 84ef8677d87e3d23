"""Personal data typed where Excel shows it outside the cells, comments, sheet names and the usual property parts: a
defined name, a header or footer, a data validation's messages or list, a hyperlink, and document properties kept
in parts that the package's relationships name. None of them was searched: a victim's JMBG there was accepted, kept
in the ledger with the file, and never purged. Each case is a real report (the project's template builder, filled),
edited as Excel saves it, read from its bytes and checked as the sync and `apmon validate` check it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
import pytest

from apmon.schemas.calendar import Period
from apmon.schemas.institutions import InstitutionRegistry
from apmon.schemas.messages import RULES
from apmon.schemas.plan import Plan
from apmon.schemas.text import LANGS
from apmon.sync.ledger.store import PERSONAL_DATA_CODES
from apmon.templates.layout import NoTasksError, report_layout
from apmon.templates.parse import parse_grid
from apmon.templates.read_xlsx import read_xlsx
from apmon.templates.validation import validate_file
from apmon.templates.xlsx import write_xlsx
from tests import workbook_places as places
from tests.reports import complete_monthly, filled_report

JMBG = "0101990710008"  # a real date of birth and the right control digit
MASKED = "01•••••••••08"
NAME, NAME_MASKED = "žrtva Marija Petrović", "M••••• P•••••••"
EMAIL, EMAIL_MASKED = "marija.petrovic@gmail.com", "m•••@g•••.com"
TASKS = "Tasks"  # the English template's sheet of tasks, its second sheet
TASKS_PART = "xl/worksheets/sheet2.xml"


@pytest.fixture
def report(plan: Plan, registry: InstitutionRegistry, tmp_path: Path) -> Path:
    """MZ's complete report for March 2018, as the template builder writes it and an officer fills it in."""
    _, layout = filled_report(plan, registry, tmp_path, "MZ", "2018-03", {})
    path, _ = filled_report(plan, registry, tmp_path, "MZ", "2018-03", complete_monthly(layout))
    assert openpyxl.load_workbook(path).sheetnames[1] == TASKS
    return path


def _found(path: Path, plan: Plan, registry: InstitutionRegistry) -> dict[str, list[tuple[str, str, str, str]]]:
    """Each language's (code, sheet, cell, value) of every issue, after checking that the file was refused and that
    no message, value or field repeats what was typed."""
    found = {}
    for lang in LANGS:
        result = validate_file(path, plan, registry, lang)
        assert not result.valid
        for issue in result.issues:
            shown = f"{issue.message} {issue.sheet} {issue.cell} {issue.value} {issue.params}"
            for typed in (JMBG, JMBG[1:], "Petrović", EMAIL, "123 4567"):
                assert typed not in shown, shown
        found[lang] = [(i.code, i.sheet, i.cell, i.value or "") for i in result.issues]
        found[f"{lang} messages"] = [(i.message, "", "", "") for i in result.issues]
    return found


def _messages(found: dict[str, list[tuple[str, str, str, str]]], lang: str) -> str:
    return " | ".join(message for message, *_ in found[f"{lang} messages"])


# --- defined names -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "value", "comment", "scope", "expected"),
    [
        ("Klijent", f'"{JMBG}"', None, None, ("", MASKED, "Klijent")),  # Refers to: ="0101990710008"
        ("Broj", str(int(JMBG)), None, None, ("", MASKED, "Broj")),  # =0101990710008, a number: its first 0 lost
        ("Lista", f'"{NAME}"', None, TASKS, (TASKS, NAME_MASKED, "Lista")),  # scoped to the sheet
        ("Beleska", "'Tasks'!$A$1", f"JMBG {JMBG}", None, ("", MASKED, "Beleska")),  # its comment
        (f"JMBG_{JMBG}", "'Tasks'!$A$1", None, None, ("", MASKED, f"JMBG_{MASKED}")),  # the name itself
    ],
    ids=["a text constant", "a number constant", "scoped to a sheet", "its comment", "its name"],
)
def test_personal_data_in_a_defined_name_is_refused_and_never_echoed(
    report: Path,
    plan: Plan,
    registry: InstitutionRegistry,
    name: str,
    value: str,
    comment: str | None,
    scope: str | None,
    expected: tuple[str, str, str],
) -> None:
    places.defined_name(report, name, value, comment=comment, sheet=scope)
    found = _found(report, plan, registry)
    sheet, masked, shown_name = expected
    assert found["en"] == [("personal-data-defined-name", sheet, "", masked)]
    assert f"The defined name '{shown_name}' (Formulas > Name Manager)" in _messages(found, "en")
    assert f"Definisano ime „{shown_name}“ (Formule > Upravljač imenima)" in _messages(found, "sr-Latn")
    assert f"Дефинисано име „{shown_name}“" in _messages(found, "sr-Cyrl")


def test_a_defined_name_that_points_at_a_sheet_named_after_a_victim_is_refused_once_for_the_sheets_name(
    report: Path, plan: Plan, registry: InstitutionRegistry
) -> None:
    """Excel writes the sheet's name into every name that refers to it: the name is the sheet's, refused as such."""
    book = openpyxl.load_workbook(report)
    book.create_sheet(f"JMBG {JMBG}")
    book.save(report)
    places.defined_name(report, "Ovde", f"'JMBG {JMBG}'!$A$1:$B$2")
    assert _found(report, plan, registry)["en"] == [("personal-data-sheet-name", f"JMBG {MASKED}", "", MASKED)]


# --- headers and footers -----------------------------------------------------------------------------------------

EVEN_HEADER = ("zaglavlje parnih stranica", "заглавље парних страница")
FIRST_FOOTER = ("podnožje prve stranice", "подножје прве странице")


@pytest.mark.parametrize(
    ("part", "section", "text", "font", "size", "value", "label"),
    [
        ("oddHeader", "center", f"JMBG {JMBG}", "Arial,Bold", 12, MASKED, ("header", "zaglavlje", "заглавље")),
        ("oddFooter", "right", NAME, "", 0, NAME_MASKED, ("footer", "podnožje", "подножје")),
        ("evenHeader", "left", "tel. 064 123 4567", "", 0, "••• ••• ••67", ("even page header", *EVEN_HEADER)),
        ("firstFooter", "center", EMAIL, "-,Italic", 8, EMAIL_MASKED, ("first page footer", *FIRST_FOOTER)),
    ],
)
def test_personal_data_in_a_header_or_footer_is_refused_and_never_echoed(
    report: Path,
    plan: Plan,
    registry: InstitutionRegistry,
    part: str,
    section: str,
    text: str,
    font: str,
    size: int,
    value: str,
    label: tuple[str, str, str],
) -> None:
    places.header_footer(report, TASKS, part, section, text, font=font, size=size)
    found = _found(report, plan, registry)
    assert found["en"] == [("personal-data-header-footer", TASKS, "", value)]
    english, latin, cyrillic = label
    assert f"The {english} of sheet '{TASKS}' holds personal data" in _messages(found, "en")
    assert f"Na listu „{TASKS}“ {latin} sadrži lični podatak" in _messages(found, "sr-Latn")
    assert f"На листу „{TASKS}“ {cyrillic} садржи" in _messages(found, "sr-Cyrl")
    assert "Уметање > Заглавље и подножје" in _messages(found, "sr-Cyrl")


def test_a_header_in_a_sheet_written_with_prefixes_is_searched(
    report: Path, plan: Plan, registry: InstitutionRegistry
) -> None:
    places.header_footer(report, TASKS, "oddHeader", "left", f"JMBG {JMBG}")
    places.prefixed(report, TASKS_PART)
    assert _found(report, plan, registry)["en"] == [("personal-data-header-footer", TASKS, "", MASKED)]


def test_a_header_of_a_chartsheet_is_searched(report: Path, plan: Plan, registry: InstitutionRegistry) -> None:
    """A sheet that holds a chart alone has no cells, and a header and footer as any sheet has."""
    from openpyxl.chart import BarChart, Reference

    book = openpyxl.load_workbook(report)
    chart = BarChart()
    chart.add_data(Reference(book[TASKS], min_col=1, min_row=4, max_row=5))
    sheet = book.create_chartsheet("Grafikon")
    sheet.add_chart(chart)
    sheet.headerFooter.oddFooter.right.text = f"JMBG {JMBG}"
    book.save(report)
    assert _found(report, plan, registry)["en"] == [("personal-data-header-footer", "Grafikon", "", MASKED)]


@pytest.mark.parametrize("comment", ["<!-- <hyperlinks> -->", "<!-- <hyperlinks/> -->", "<!-- </headerFooter> -->"])
def test_a_header_is_found_whatever_a_comment_after_the_cells_mentions(
    report: Path, plan: Plan, registry: InstitutionRegistry, comment: str
) -> None:
    """Only what follows the first mention after the cells is read: a mention in a comment, where the XML cannot be
    cut, has the whole sheet read; never less of it."""
    import zipfile

    from tests.make_bad_files import replace_part

    places.header_footer(report, TASKS, "oddHeader", "left", f"JMBG {JMBG}")
    with zipfile.ZipFile(report) as book:
        xml = book.read(TASKS_PART)
    replace_part(report, TASKS_PART, xml.replace(b"</sheetData>", b"</sheetData>" + comment.encode()))
    assert _found(report, plan, registry)["en"] == [("personal-data-header-footer", TASKS, "", MASKED)]


# --- data validations --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "value", "label"),
    [
        ({"prompt": f"Upišite JMBG, npr. {JMBG}"}, MASKED, ("input message", "ulazna poruka", "улазна порука")),
        ({"promptTitle": NAME}, NAME_MASKED, ("input message", "ulazna poruka", "улазна порука")),
        ({"error": f"Pozovite {EMAIL}"}, EMAIL_MASKED, ("error alert", "upozorenje o grešci", "упозорење о грешци")),
        ({"errorTitle": f"JMBG {JMBG}"}, MASKED, ("error alert", "upozorenje o grešci", "упозорење о грешци")),
        ({"formula1": f'"da,ne,{JMBG}"'}, MASKED, ("list of values", "lista vrednosti", "листа вредности")),
    ],
    ids=["input message", "input message's title", "error message", "error message's title", "a list typed out"],
)
def test_personal_data_in_a_data_validation_is_refused_and_never_echoed(
    report: Path, plan: Plan, registry: InstitutionRegistry, typed: dict[str, str], value: str, label: tuple[str, ...]
) -> None:
    places.validation(report, TASKS, "K5:K9 M5", **typed)
    found = _found(report, plan, registry)
    assert found["en"] == [("personal-data-validation", TASKS, "K5:K9 M5", value)]
    english, latin, cyrillic = label
    assert f"The data validation of cells K5:K9 M5 on sheet '{TASKS}' ({english})" in _messages(found, "en")
    assert f"ćelije K5:K9 M5 na listu „{TASKS}“ ({latin})" in _messages(found, "sr-Latn")
    assert f"({cyrillic})" in _messages(found, "sr-Cyrl")


def test_a_data_validation_excel_keeps_in_the_sheets_extensions_is_searched(
    report: Path, plan: Plan, registry: InstitutionRegistry
) -> None:
    """A list from another sheet: Excel 2010 and later save its rule in the sheet's extLst, its cells in xm:sqref."""
    places.validation_of_another_sheet(report, TASKS_PART, "K5:K9", f"Kontakt žrtve: 064 123 4567, {JMBG}")
    found = _found(report, plan, registry)
    assert [(code, sheet, cell) for code, sheet, cell, _ in found["en"]] == [
        ("personal-data-validation", TASKS, "K5:K9"),
        ("personal-data-validation", TASKS, "K5:K9"),
    ]


# --- hyperlinks --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("link", "value"),
    [
        ({"target": f"mailto:{EMAIL}"}, EMAIL_MASKED),
        ({"target": "mailto:marija.petrovic%40gmail.com"}, EMAIL_MASKED),  # as a browser writes it
        ({"target": "https://example.org/", "tooltip": f"JMBG {JMBG}"}, MASKED),
        ({"location": f"'JMBG {JMBG}'!A1"}, MASKED),  # a place in this document that is no sheet of it
        ({"target": "https://example.org/", "display": NAME}, NAME_MASKED),
    ],
    ids=["an e-mail address", "an address written with %40", "its ScreenTip", "a place in the document", "display"],
)
def test_personal_data_in_a_hyperlink_is_refused_and_never_echoed(
    report: Path, plan: Plan, registry: InstitutionRegistry, link: dict[str, str], value: str
) -> None:
    places.hyperlink(report, TASKS, "K7", "kontakt", **link)
    found = _found(report, plan, registry)
    assert found["en"] == [("personal-data-hyperlink", TASKS, "K7", value)]
    assert f"The hyperlink in cell K7 on sheet '{TASKS}' holds personal data" in _messages(found, "en")
    assert f"Hiperveza u ćeliji K7 na listu „{TASKS}“" in _messages(found, "sr-Latn")
    assert f"Хипервеза у ћелији K7 на листу „{TASKS}“" in _messages(found, "sr-Cyrl")


# --- document properties in parts of other names -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("where", "moves", "label"),
    [
        ("title", {"docProps/core.xml": "meta/opis.xml"}, "Title"),
        ("company", {"docProps/app.xml": "xl/podaci/App.xml"}, "Company"),
        ("custom", {"docProps/custom.xml": "svojstva.xml"}, "Klijent"),
    ],
)
def test_document_properties_are_found_where_the_package_says_they_are(
    report: Path, plan: Plan, registry: InstitutionRegistry, where: str, moves: dict[str, str], label: str
) -> None:
    """Excel shows the properties of whichever parts _rels/.rels names: not only docProps/core.xml and app.xml."""
    from tests.test_rules import _with_properties

    _with_properties(report, where, f"Marija, JMBG {JMBG}")
    places.properties_moved(report, moves)
    found = _found(report, plan, registry)
    assert found["en"] == [("personal-data-property", "", "", MASKED)]
    assert f"'{label}'" in _messages(found, "en")


# --- what the template writes there ------------------------------------------------------------------------------


def test_what_every_shipped_template_writes_in_these_places_is_never_taken_for_personal_data(
    plan: Plan, registry: InstitutionRegistry, tmp_path: Path
) -> None:
    """Every institution's template, monthly and annual, in every language: its defined names, headers and footers
    (the institution's name, the period, the page), data validations (input messages, error alerts, lists of
    choices) are searched and hold nothing personal."""
    path = tmp_path / "template.xlsx"
    built = 0
    for institution in registry.institutions:
        for period in ("2018-03", "2018"):
            for lang in LANGS:
                try:
                    layout = report_layout(plan, registry, institution.code, Period.parse(period), lang)
                except NoTasksError:
                    continue
                write_xlsx(layout, path)
                grid = read_xlsx(path)
                assert {place for place, *_ in grid.texts} == {"defined-name", "header-footer", "validation"}
                issues = parse_grid(grid, plan, registry).issues
                assert [i for i in issues if "personal-data" in i.code] == [], (institution.code, period, lang)
                built += 1
    assert built > 100


def test_every_code_of_personal_data_is_purged() -> None:
    """A report refused for personal data is purged after the retention by its issues' codes: a code the purge does
    not know would be kept for good."""
    assert {code for code in RULES if "personal-data" in code} == set(PERSONAL_DATA_CODES)


@pytest.mark.parametrize("before", [b"<!--" + b" " * 1100 + b"-->", b"\n" * 1100])
def test_a_header_of_a_chartsheet_is_searched_whatever_stands_before_its_root(
    report: Path, plan: Plan, registry: InstitutionRegistry, before: bytes
) -> None:
    """A comment or blank lines before a chartsheet's root element (XML allows both, and Excel reads the part) push
    its name past where the byte search looked: its header was never read."""
    import zipfile

    from openpyxl.chart import BarChart, Reference

    from tests.make_bad_files import replace_part

    book = openpyxl.load_workbook(report)
    chart = BarChart()
    chart.add_data(Reference(book[TASKS], min_col=1, min_row=4, max_row=5))
    sheet = book.create_chartsheet("Grafikon")
    sheet.add_chart(chart)
    sheet.headerFooter.oddFooter.right.text = f"JMBG {JMBG}"
    book.save(report)
    with zipfile.ZipFile(report) as saved:
        part = next(n for n in saved.namelist() if n.startswith("xl/chartsheets/sheet"))
        xml = saved.read(part)
    root = xml.find(b"?>") + 2 if xml.startswith(b"<?xml") else 0
    replace_part(report, part, xml[:root] + before + xml[root:])
    assert _found(report, plan, registry)["en"] == [("personal-data-header-footer", "Grafikon", "", MASKED)]


@pytest.mark.parametrize(
    "after", [b"<!-- </sheetData -->", b"<?note </sheetData?>", b"<!-- </x:sheetData> -->"], ids=["comment", "pi", "x"]
)
def test_a_header_is_found_whatever_a_comment_after_it_mentions(
    report: Path, plan: Plan, registry: InstitutionRegistry, after: bytes
) -> None:
    """The cells' end was taken to be the last mention of them that looks like a closing tag with no comment after
    it: one in a comment or a processing instruction after the header hid the header."""
    import zipfile

    from tests.make_bad_files import replace_part

    places.header_footer(report, TASKS, "oddHeader", "left", f"JMBG {JMBG}")
    with zipfile.ZipFile(report) as book:
        xml = book.read(TASKS_PART)
    replace_part(report, TASKS_PART, xml.replace(b"</worksheet>", after + b"</worksheet>"))
    assert _found(report, plan, registry)["en"] == [("personal-data-header-footer", TASKS, "", MASKED)]


@pytest.mark.parametrize("prefix", ["x", "ш", "xé"], ids=["latin", "cyrillic", "accented"])
def test_a_header_is_found_whatever_letters_the_cells_prefix_is_written_in(
    report: Path, plan: Plan, registry: InstitutionRegistry, prefix: str
) -> None:
    """An XML name, and so a namespace prefix, may hold any letter (ш:sheetData): the cells' end looked for with
    ASCII prefixes alone was not found at their end tag but at a sheetData element the crafted file put in an
    extension after the header, which Excel shows and the search then passed by."""
    import zipfile

    from tests.make_bad_files import replace_part

    places.header_footer(report, TASKS, "oddHeader", "left", f"JMBG {JMBG}")
    with zipfile.ZipFile(report) as book:
        xml = book.read(TASKS_PART).decode()
    xml = xml.replace("<sheetData>", f'<{prefix}:sheetData xmlns:{prefix}="{places.MAIN}">')
    xml = xml.replace("</sheetData>", f"</{prefix}:sheetData>")
    ext = '<extLst><ext uri="{5C3B2A1D-0000-4000-8000-000000000001}" xmlns:q="urn:q"><q:sheetData/></ext></extLst>'
    replace_part(report, TASKS_PART, xml.replace("</worksheet>", ext + "</worksheet>").encode())
    assert _found(report, plan, registry)["en"] == [("personal-data-header-footer", TASKS, "", MASKED)]


def test_a_header_of_a_sheet_with_no_cells_is_found_whatever_a_comment_after_it_mentions(
    report: Path, plan: Plan, registry: InstitutionRegistry
) -> None:
    """A sheet with no cells has them in one empty element (<sheetData/>): the next mention of them, in a comment
    after the header, was taken for where they end."""
    import zipfile

    from tests.make_bad_files import replace_part

    book = openpyxl.load_workbook(report)
    book.create_sheet("Moje").oddHeader.left.text = f"JMBG {JMBG}"
    book.save(report)
    part = f"xl/worksheets/sheet{len(book.sheetnames)}.xml"
    with zipfile.ZipFile(report) as saved:
        xml = saved.read(part)
    xml = xml.replace(b"<sheetData></sheetData>", b"<sheetData/>")  # as Excel saves a sheet with no cells
    replace_part(report, part, xml.replace(b"</worksheet>", b"<!-- sheetData --></worksheet>"))
    assert _found(report, plan, registry)["en"] == [("personal-data-header-footer", "Moje", "", MASKED)]


def test_a_header_is_found_whatever_case_the_workbooks_relationships_are_named_in(
    report: Path, plan: Plan, registry: InstitutionRegistry
) -> None:
    """A package's part names are the same whatever their case (Excel reads xl/_rels/Workbook.xml.rels as well):
    the sheets' headers were looked for only through the part of that exact name, and so never found."""
    import zipfile

    places.header_footer(report, TASKS, "oddHeader", "left", f"JMBG {JMBG}")
    with zipfile.ZipFile(report) as book:
        parts = {info.filename: book.read(info) for info in book.infolist()}
    parts["xl/_rels/Workbook.xml.rels"] = parts.pop("xl/_rels/workbook.xml.rels")
    with zipfile.ZipFile(report, "w", zipfile.ZIP_DEFLATED) as out:
        for name, content in parts.items():
            out.writestr(name, content)
    assert _found(report, plan, registry)["en"] == [("personal-data-header-footer", TASKS, "", MASKED)]


def test_document_properties_are_found_whatever_case_the_packages_relationships_are_named_in(
    report: Path, plan: Plan, registry: InstitutionRegistry
) -> None:
    """_RELS/.RELS is _rels/.rels to Excel: the properties it names elsewhere were looked for only through the part
    of that exact name."""
    import zipfile

    from tests.test_rules import _with_properties

    _with_properties(report, "title", f"Marija, JMBG {JMBG}")
    places.properties_moved(report, {"docProps/core.xml": "meta/opis.xml"})
    with zipfile.ZipFile(report) as book:
        parts = {info.filename: book.read(info) for info in book.infolist()}
    parts["_RELS/.RELS"] = parts.pop("_rels/.rels")
    with zipfile.ZipFile(report, "w", zipfile.ZIP_DEFLATED) as out:
        for name, content in parts.items():
            out.writestr(name, content)
    assert _found(report, plan, registry)["en"] == [("personal-data-property", "", "", MASKED)]


def test_a_long_text_that_holds_nothing_is_not_kept_for_the_reports_that_follow(
    report: Path, plan: Plan, registry: InstitutionRegistry
) -> None:
    """The texts found to hold nothing are kept so that the next report's same texts are not searched again; a long
    one (Excel keeps an input message to 255 characters, a crafted file as many as it likes) would hold memory in
    the add-in server for as long as it runs."""
    from apmon.templates import parse

    long_prompt = "Upišite iznos. " * 20_000
    places.validation(report, TASKS, "B4", prompt=long_prompt)
    grid = read_xlsx(report)
    assert any(text == long_prompt for *_, text in grid.texts)
    parse_grid(grid, plan, registry)
    assert not any(text == long_prompt for _, text in parse._HOLD_NOTHING)


@pytest.mark.parametrize("bom", [b"\xff\xfe", b""], ids=["with a byte order mark", "without"])
def test_a_sheet_saved_in_utf16_is_refused_not_read_as_empty(
    report: Path, plan: Plan, registry: InstitutionRegistry, bom: bytes
) -> None:
    """XML may be in UTF-16 (Excel reads it); calamine read such a sheet as empty, so a JMBG in the cells of a sheet
    of the officer's own passed every check. Excel, LibreOffice and Google Sheets write UTF-8: such a file is
    refused as damaged, the officer told to save it again."""
    import zipfile

    from tests.make_bad_files import replace_part

    book = openpyxl.load_workbook(report)
    book.create_sheet("Moje")["A1"] = f"JMBG {JMBG}"
    book.save(report)
    part = f"xl/worksheets/sheet{len(book.sheetnames)}.xml"
    with zipfile.ZipFile(report) as saved:
        xml = saved.read(part).decode()
    replace_part(report, part, bom + ('<?xml version="1.0" encoding="UTF-16"?>' + xml).encode("utf-16-le"))
    assert [code for code, *_ in _found(report, plan, registry)["en"]] == ["file-corrupt"]


# --- a data validation's custom formula ----------------------------------------------------------------------------


def test_personal_data_in_a_custom_data_validations_formula_is_refused_and_never_echoed(
    report: Path, plan: Plan, registry: InstitutionRegistry
) -> None:
    """Data > Data Validation > Allow: Custom keeps the formula as typed: a text in it is kept with the file."""
    places.validation_typed(report, TASKS, "K5:K9", "custom", f'K5<>"{JMBG}"')
    found = _found(report, plan, registry)
    assert found["en"] == [("personal-data-validation", TASKS, "K5:K9", MASKED)]
    assert f"The data validation of cells K5:K9 on sheet '{TASKS}' (formula)" in _messages(found, "en")
    assert f"ćelije K5:K9 na listu „{TASKS}“ (formula)" in _messages(found, "sr-Latn")
    assert "(формула)" in _messages(found, "sr-Cyrl")


# --- tables ------------------------------------------------------------------------------------------------------

TABLE_CELLS = "K20:L22"  # beside the Tasks sheet's table, where no cell of the template is
# The labels of the parts the messages name, in Serbian Latin and Cyrillic
COLUMN = ("zaglavlje ili zbirni red kolone", "заглавље или збирни ред колоне")
ALT = ("alternativni tekst", "алтернативни текст")
TITLE = ("naslov ili oznaka", "наслов или ознака")
COPY = ("kopija podataka", "копија података")


@pytest.mark.parametrize(
    ("name", "more", "value", "shown", "label"),
    [
        (f"JMBG_{JMBG}", {}, MASKED, f"JMBG_{MASKED}", ("name", "naziv", "назив")),
        ("Klijenti", {"comment": f"Klijent, JMBG {JMBG}"}, MASKED, "Klijenti", ("comment", "komentar", "коментар")),
        ("Klijenti", {"columns": f"Broj,{NAME}"}, NAME_MASKED, "Klijenti", ("column header or total row", *COLUMN)),
        ("Klijenti", {"total": f"Pozvati {EMAIL}"}, EMAIL_MASKED, "Klijenti", ("column header or total row", *COLUMN)),
        ("Klijenti", {"formula": f'IF([@Iznos]>0,"{JMBG}","")'}, MASKED, "Klijenti", ("formula", "formula", "формула")),
    ],
    ids=["its name", "its comment", "a column's name", "a total row's label", "a column's formula"],
)
def test_personal_data_in_a_table_is_refused_and_never_echoed(
    report: Path,
    plan: Plan,
    registry: InstitutionRegistry,
    name: str,
    more: dict[str, str],
    value: str,
    shown: str,
    label: tuple[str, str, str],
) -> None:
    """A table's name, comment, columns' names (kept in the table's part alone once its header row is turned off),
    total row's label and column's formula were not searched."""
    columns = more.pop("columns", "Broj,Iznos").split(",")
    places.table(report, TASKS, TABLE_CELLS, name, columns, **more)
    found = _found(report, plan, registry)
    assert found["en"] == [("personal-data-table", TASKS, "", value)]
    english, latin, cyrillic = label
    assert f"The table '{shown}' on sheet '{TASKS}' ({english}) holds personal data" in _messages(found, "en")
    assert f"Tabela „{shown}“ na listu „{TASKS}“ ({latin}) sadrži lični podatak" in _messages(found, "sr-Latn")
    assert f"Табела „{shown}“ на листу „{TASKS}“ ({cyrillic})" in _messages(found, "sr-Cyrl")


# --- shapes, text boxes and charts -------------------------------------------------------------------------------


def _text_box(text: str, **options: str) -> Any:
    return lambda book, sheet: sheet.insert_textbox("B2", text, options)


@pytest.mark.parametrize(
    ("draw", "value", "label"),
    [
        (_text_box(f"Kontakt:\nJMBG {JMBG}"), MASKED, ("text", "tekst", "текст")),
        (_text_box("Kontakt žrtve:\nMarija Petrović"), NAME_MASKED, ("text", "tekst", "текст")),  # two lines
        (_text_box("Napomena", description=f"Fotografija: {NAME}"), NAME_MASKED, ("alternative text", *ALT)),
        (_text_box("kontakt", url=f"mailto:{EMAIL}"), EMAIL_MASKED, ("hyperlink", "hiperveza", "хипервеза")),
    ],
    ids=["its text", "its text, a name on two lines", "its alternative text", "its hyperlink"],
)
def test_personal_data_in_a_text_box_is_refused_and_never_echoed(
    report: Path, plan: Plan, registry: InstitutionRegistry, draw: Any, value: str, label: tuple[str, str, str]
) -> None:
    """A text box's or shape's text, its alternative text (the description a screen reader reads) and its hyperlink
    (Insert > Link on the shape) are kept in the sheet's drawing, which was not searched."""
    places.drawn(report, TASKS_PART, draw)
    found = _found(report, plan, registry)
    assert found["en"] == [("personal-data-drawing", TASKS, "", value)]
    english, latin, cyrillic = label
    shown = "The shape or picture 'TextBox 1' on sheet 'Tasks'"
    assert f"{shown} ({english}) holds personal data" in _messages(found, "en")
    assert f"Oblik ili slika „TextBox 1“ na listu „{TASKS}“ ({latin}) sadrži" in _messages(found, "sr-Latn")
    assert f"({cyrillic})" in _messages(found, "sr-Cyrl")


def _chart(categories: list[Any], values: list[Any], title: str = "Broj poziva") -> Any:
    def draw(book: Any, sheet: Any) -> None:
        sheet.write_column("A1", categories)
        sheet.write_column("B1", values)
        chart = book.add_chart({"type": "column"})
        chart.add_series({"categories": "=Podaci!$A$1:$A$2", "values": "=Podaci!$B$1:$B$2", "name": "Pozivi"})
        chart.set_title({"name": title})
        sheet.insert_chart("D2", chart)

    return draw


@pytest.mark.parametrize(
    ("draw", "value", "label"),
    [
        (_chart(["januar", "februar"], [3, 5], title=NAME), NAME_MASKED, ("title or label", *TITLE)),
        (_chart(["januar", f"JMBG {JMBG}"], [3, 5]), MASKED, ("copy of the data", *COPY)),
        (_chart(["januar", "februar"], [3, int(JMBG)]), MASKED, ("copy of the data", *COPY)),  # its first 0 lost
    ],
    ids=["its title", "its copy of a text cell", "its copy of a number cell"],
)
def test_personal_data_in_a_chart_is_refused_and_never_echoed(
    report: Path, plan: Plan, registry: InstitutionRegistry, draw: Any, value: str, label: tuple[str, str, str]
) -> None:
    """A chart's titles, and the copy it keeps of the cells it shows (which stays after the cells are cleared in a
    program that does not redraw it): no cell of the report holds the data, the chart's part does."""
    places.drawn(report, TASKS_PART, draw)
    found = _found(report, plan, registry)
    assert found["en"] == [("personal-data-chart", TASKS, "", value)]
    english, latin, cyrillic = label
    assert f"The chart 'Chart 1' on sheet '{TASKS}' ({english}) holds personal data" in _messages(found, "en")
    assert f"Grafikon „Chart 1“ na listu „{TASKS}“ ({latin}) sadrži" in _messages(found, "sr-Latn")
    assert f"({cyrillic})" in _messages(found, "sr-Cyrl")


def test_a_chart_on_a_chartsheet_is_named_by_its_sheet(report: Path, plan: Plan, registry: InstitutionRegistry) -> None:
    from openpyxl.chart import BarChart, Reference

    book = openpyxl.load_workbook(report)
    chart = BarChart()
    chart.title = NAME
    chart.add_data(Reference(book[TASKS], min_col=1, min_row=4, max_row=5))
    book.create_chartsheet("Grafikon").add_chart(chart)
    book.save(report)
    assert _found(report, plan, registry)["en"] == [("personal-data-chart", "Grafikon", "", NAME_MASKED)]


def test_what_an_officer_draws_without_personal_data_is_accepted(
    report: Path, plan: Plan, registry: InstitutionRegistry
) -> None:
    """A chart of amounts and months, a text box with a note, a table of counts and a custom rule that refers to the
    report's own sheet hold no one's data: nothing is refused."""

    def draw(book: Any, sheet: Any) -> None:
        sheet.write_column("A1", ["Budžet 2018", "Utrošeno do 31.03.2018."])
        sheet.write_column("B1", [1_500_000, 1_234_567.5])
        chart = book.add_chart({"type": "column"})
        chart.add_series({"categories": "=Podaci!$A$1:$A$2", "values": "=Podaci!$B$1:$B$2", "name": "RSD"})
        chart.set_title({"name": "Budžet: planirano i utrošeno (RSD)"})
        sheet.insert_chart("D2", chart)
        sheet.insert_textbox(
            "B20", "Napomena: iznosi su u dinarima, zaključno sa 31.03.2018.", {"url": "https://mz.gov.rs/"}
        )

    places.drawn(report, TASKS_PART, draw)
    places.table(report, TASKS, TABLE_CELLS, "Obuke_2018", ["Broj obuka", "Učesnici"], formula="[@[Broj obuka]]*2")
    places.validation_typed(report, TASKS, "K5:K9", "custom", "COUNTIF('Tasks'!$K$5:$K$9,K5)<2")
    assert validate_file(report, plan, registry, "en").issues == []


# --- copies of data: a PivotTable's cache, a link to another workbook ----------------------------------------------


@pytest.mark.parametrize(
    ("fields", "value"),
    [
        ({"Ime": ["Ana", NAME, "Ana"], "Broj": [1.0, 2.0, 3.0]}, NAME_MASKED),
        ({"Opis": ["a", "b", "c"], "Broj": [1.0, float(int(JMBG)), 3.0]}, MASKED),  # a number: its first 0 lost
    ],
    ids=["a text", "a number"],
)
def test_personal_data_in_a_pivottables_copy_of_its_source_is_refused_and_never_echoed(
    report: Path, plan: Plan, registry: InstitutionRegistry, fields: dict[str, list[Any]], value: str
) -> None:
    """A PivotTable keeps a copy of every row of the cells it was made from (its cache): the sheet they were on may
    be deleted, the copy stays in the file."""
    places.pivot_table(report, TASKS_PART, "'Spisak'!A1:B4", fields)
    found = _found(report, plan, registry)
    assert found["en"] == [("personal-data-pivot-cache", TASKS, "", value)]
    assert f"The PivotTable 'PivotTable1' on sheet '{TASKS}' keeps a copy" in _messages(found, "en")
    assert f"Izvedena tabela „PivotTable1“ na listu „{TASKS}“ čuva kopiju" in _messages(found, "sr-Latn")
    assert "Изведена табела „PivotTable1“" in _messages(found, "sr-Cyrl")


@pytest.mark.parametrize(
    ("address", "cells", "value", "shown"),
    [
        ("Spiskovi.xlsx", {"A1": f"JMBG {JMBG}"}, MASKED, "Spiskovi.xlsx"),
        ("file:///C:/Spiskovi/Spisak.xlsx", {"A1": "Ime", "B2": float(int(JMBG))}, MASKED, "Spisak.xlsx"),
        ("file:///C:/Spiskovi/zrtva_Marija_Petrovic.xlsx", {"A1": "5"}, NAME_MASKED, "zrtva_M•••••_P•••••••.xlsx"),
    ],
    ids=["a copy of a text cell", "a copy of a number cell", "the linked workbook's name"],
)
def test_personal_data_in_a_link_to_another_workbook_is_refused_and_never_echoed(
    report: Path, plan: Plan, registry: InstitutionRegistry, address: str, cells: dict[str, Any], value: str, shown: str
) -> None:
    """A formula that refers to another workbook makes Excel keep a copy of the cells it refers to, and the
    workbook's address: both stay in the file after the formula is deleted, until the link is broken."""
    places.external_link(report, address, "Spisak", cells)
    found = _found(report, plan, registry)
    assert found["en"] == [("personal-data-external-link", "", "", value)]
    assert f"The link to the workbook '{shown}' (Data > Edit Links) holds personal data" in _messages(found, "en")
    assert f"Veza sa radnom sveskom „{shown}“ (Podaci > Uredi veze) sadrži" in _messages(found, "sr-Latn")
    assert f"Веза са радном свеском „{shown}“" in _messages(found, "sr-Cyrl")


def test_a_large_copy_of_data_is_read_whole_in_a_few_long_texts(
    report: Path, plan: Plan, registry: InstitutionRegistry
) -> None:
    """A PivotTable's cache of 60,000 rows: its values are searched to the last one, in texts of some tens of
    thousands of characters each rather than one each (each kept in memory and searched on its own)."""
    rows = 60_000
    fields = {"Opis": [f"red {n}" for n in range(rows)], "Broj": [float(n) for n in range(rows)]}
    fields["Opis"][-1] = f"JMBG {JMBG}"
    places.pivot_table(report, TASKS_PART, "'Spisak'!A1:B60001", fields)
    grid = read_xlsx(report)
    copies = [text for place, *_, text in grid.texts if place == "pivot-cache"]
    assert sum(text.count(f"red {rows - 2}") for text in copies) == 2  # in the definition and in the records
    assert len(copies) < 100 and max(map(len, copies)) < 100_000
    issues = parse_grid(grid, plan, registry).issues
    assert [(i.code, i.value) for i in issues] == [("personal-data-pivot-cache", MASKED)]


def test_a_value_of_a_copy_names_no_other_values_number_an_institutions(
    report: Path, plan: Plan, registry: InstitutionRegistry
) -> None:
    """The values of a copy of cells are searched together, each as its own cell is: a centre named in one column
    made a victim's phone number in the next one pass for the centre's own, as it does after the centre's name in
    one cell."""
    fields = {"Ustanova": ["Centar za socijalni rad Niš"], "Telefon": ["064 123 4567"]}
    places.pivot_table(report, TASKS_PART, "'Spisak'!A1:B2", fields)
    assert _found(report, plan, registry)["en"] == [("personal-data-pivot-cache", TASKS, "", "••• ••• ••67")]
