"""Text typed into the places of a workbook that Excel shows outside its cells: a defined name, a sheet's header or
footer, a data validation's messages and list, a hyperlink, and document properties kept in parts of other names.
Each writes a real workbook (openpyxl, or its parts rewritten as Excel writes them where openpyxl writes no such
thing) and says where Excel shows what was typed."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from xml.sax.saxutils import quoteattr

import openpyxl
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.hyperlink import Hyperlink

from tests.make_bad_files import replace_part

X14 = "http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"
XM = "http://schemas.microsoft.com/office/excel/2006/main"
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def defined_name(path: Path, name: str, value: str, *, comment: str | None = None, sheet: str | None = None) -> None:
    """A name made in Formulas > Name Manager: `value` as Excel keeps what Refers to says (a text constant in
    quotes, a number, a reference), scoped to the workbook or to `sheet`."""
    book = openpyxl.load_workbook(path)
    made = DefinedName(name, attr_text=value, comment=comment)
    if sheet is None:
        book.defined_names[name] = made
    else:
        book[sheet].defined_names[name] = made
    book.save(path)


def header_footer(path: Path, sheet: str, part: str, section: str, text: str, *, font: str = "", size: int = 0) -> None:
    """`text` typed into a section (left, center, right) of a sheet's header or footer (`part`: oddHeader,
    oddFooter, evenHeader, firstFooter...) in Insert > Header & Footer, with a font and size chosen for it."""
    book = openpyxl.load_workbook(path)
    ws = book[sheet]
    typed = getattr(getattr(ws, part), section)
    typed.text = text
    typed.font = font or None
    typed.size = size or None
    ws.HeaderFooter.differentOddEven = part.startswith("even") or None
    ws.HeaderFooter.differentFirst = part.startswith("first") or None
    book.save(path)


def validation(path: Path, sheet: str, cells: str, **typed: str) -> None:
    """A data validation made in Data > Data Validation on `cells`: promptTitle and prompt (its input message),
    errorTitle and error (its error alert), formula1 (a list typed out: '"a,b,c"')."""
    book = openpyxl.load_workbook(path)
    rule = DataValidation(type="list" if "formula1" in typed else None, **typed)  # type: ignore[arg-type]
    for cell_range in cells.split():
        rule.add(cell_range)
    book[sheet].add_data_validation(rule)
    book.save(path)


def validation_of_another_sheet(path: Path, sheet_part: str, cells: str, prompt: str) -> None:
    """A data validation whose list is on another sheet, as Excel 2010 and later save it: in the sheet's extLst, its
    cells in an element of their own (xm:sqref), not in an attribute."""
    with zipfile.ZipFile(path) as book:
        xml = book.read(sheet_part).decode()
    ext = (
        f'<extLst><ext uri="{{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}}" xmlns:x14="{X14}">'
        f'<x14:dataValidations count="1" xmlns:xm="{XM}">'
        f'<x14:dataValidation type="list" allowBlank="1" showInputMessage="1" showErrorMessage="1" '
        f"prompt={quoteattr(prompt)}><x14:formula1><xm:f>_apmon!$D$1:$D$5</xm:f></x14:formula1>"
        f"<xm:sqref>{cells}</xm:sqref></x14:dataValidation></x14:dataValidations></ext></extLst>"
    )
    replace_part(path, sheet_part, xml.replace("</worksheet>", ext + "</worksheet>").encode())


def hyperlink(path: Path, sheet: str, cell: str, shown: str, **link: str) -> None:
    """A hyperlink inserted on `cell` (Insert > Link), the cell showing `shown`: `target` (an address: a web page,
    mailto:...), `location` (a place in this document), `tooltip` (its ScreenTip), `display`."""
    book = openpyxl.load_workbook(path)
    ws = book[sheet]
    ws[cell] = shown
    ws[cell].hyperlink = Hyperlink(ref=cell, **link)
    book.save(path)


def prefixed(path: Path, sheet_part: str) -> None:
    """The sheet's XML with every element prefixed (x:worksheet, x:headerFooter...), as programs built on the Open
    XML SDK write it."""
    with zipfile.ZipFile(path) as book:
        xml = book.read(sheet_part).decode()
    xml = re.sub(r"<(/?)(?![?!])(?![A-Za-z0-9]+:)", r"<\1x:", xml)
    xml = xml.replace(f'<x:worksheet xmlns="{MAIN}"', f'<x:worksheet xmlns:x="{MAIN}"')
    replace_part(path, sheet_part, xml.encode())


def properties_moved(path: Path, moves: dict[str, str]) -> None:
    """The workbook with its document properties' parts under other names (docProps/core.xml -> `moves[...]`), the
    package's relationships and content types naming them there: Excel reads them where _rels/.rels points."""
    with zipfile.ZipFile(path) as book:
        parts = {info.filename: book.read(info) for info in book.infolist()}
    for old, new in moves.items():
        parts[new] = parts.pop(old)
        for index in ("_rels/.rels", "[Content_Types].xml"):
            parts[index] = parts[index].replace(f'"/{old}"'.encode(), f'"/{new}"'.encode())
            parts[index] = parts[index].replace(f'"{old}"'.encode(), f'"{new}"'.encode())
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for name, content in parts.items():
            out.writestr(name, content)
