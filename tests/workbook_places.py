"""Text typed into the places of a workbook that Excel shows outside its cells: a defined name, a sheet's header or
footer, a data validation's messages, list and formula, a hyperlink, document properties kept in parts of other
names, a table, a shape, text box or chart (XlsxWriter's, moved onto the report's sheet), and the copies of data a
PivotTable's cache and a link to another workbook keep. Each writes a real workbook (openpyxl, XlsxWriter, or its
parts written as Excel writes them where neither writes such a thing) and says where Excel shows what was typed."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape, quoteattr

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


def validation_typed(path: Path, sheet: str, cells: str, kind: str, formula1: str) -> None:
    """A data validation of the type `kind` (Data > Data Validation > Allow: custom, whole, date...) on `cells`, its
    formula as Excel keeps it (no "=")."""
    book = openpyxl.load_workbook(path)
    rule = DataValidation(type=kind, formula1=formula1)  # type: ignore[arg-type]
    rule.add(cells)
    book[sheet].add_data_validation(rule)
    book.save(path)


def table(path: Path, sheet: str, ref: str, name: str, columns: list[str], **more: str) -> None:
    """A table made in Insert > Table on `ref`, named `name` (Table Design > Table Name), with its header row turned
    off (Table Design > Header Row), as Excel then keeps it: the columns' names in the table's part alone, no cell
    showing them. `more`: its comment (Name Manager), a column's formula or total row label (the last column's)."""
    from openpyxl.worksheet.table import Table, TableColumn, TableFormula

    book = openpyxl.load_workbook(path)
    made = [TableColumn(id=n, name=column) for n, column in enumerate(columns, 1)]
    if "formula" in more:
        made[-1].calculatedColumnFormula = TableFormula(attr_text=more["formula"])
    if "total" in more:
        made[-1].totalsRowLabel = more["total"]
    book[sheet].add_table(
        Table(id=1, displayName=name, ref=ref, comment=more.get("comment"), headerRowCount=0, tableColumns=made)
    )
    book.save(path)


def drawn(path: Path, sheet_part: str, draw: Callable[[Any, Any], None]) -> None:
    """What `draw(workbook, worksheet)` puts on a sheet of a workbook that XlsxWriter writes (text boxes, shapes,
    pictures and charts in its drawing; tables), moved onto the report's sheet `sheet_part`: the parts copied as
    XlsxWriter wrote them, and the sheet's relationships, the elements that name them and the content types added,
    as Excel keeps them. The cells XlsxWriter wrote are not moved: a chart keeps its copy of them, as it does after
    they are cleared in a program that does not redraw it."""
    import io

    import xlsxwriter

    written = io.BytesIO()
    donor = xlsxwriter.Workbook(written, {"in_memory": True})
    draw(donor, donor.add_worksheet("Podaci"))
    donor.close()
    with zipfile.ZipFile(written) as book:
        given = {info.filename: book.read(info) for info in book.infolist()}
    with zipfile.ZipFile(path) as book:
        parts = {info.filename: book.read(info) for info in book.infolist()}
    moved = [name for name in given if name.startswith(("xl/drawings/", "xl/charts/", "xl/tables/", "xl/media/"))]
    assert not set(moved) & set(parts), "the report has parts of these names already"
    parts.update((name, given[name]) for name in moved)
    relationships = re.findall(r"<Relationship [^>]*/>", given["xl/worksheets/_rels/sheet1.xml.rels"].decode())
    relationships = [r.replace('Id="rId', 'Id="drawnId') for r in relationships]
    folder, _, file = sheet_part.rpartition("/")
    rels = f"{folder}/_rels/{file}.rels"
    kept = parts.get(rels, f'<Relationships xmlns="{RELS}"></Relationships>'.encode()).decode()
    parts[rels] = kept.replace("</Relationships>", "".join(relationships) + "</Relationships>").encode()
    sheet = parts[sheet_part].decode()
    named = ""
    if drawing := re.search(r'Id="(drawnId\d+)"[^>]*/drawing"', "".join(relationships)):
        named += f'<drawing r:id="{drawing[1]}"/>'
    tables = re.findall(r'Id="(drawnId\d+)"[^>]*/table"', "".join(relationships))
    if tables:
        named += f'<tableParts count="{len(tables)}">' + "".join(f'<tablePart r:id="{t}"/>' for t in tables)
        named += "</tableParts>"
    if "xmlns:r=" not in sheet[: sheet.find(">")]:
        sheet = sheet.replace("<worksheet ", f'<worksheet xmlns:r="{R}" ', 1)
    parts[sheet_part] = sheet.replace("</worksheet>", named + "</worksheet>").encode()
    types = parts["[Content_Types].xml"].decode()
    added = [o for o in re.findall(r"<Override [^>]*/>", given["[Content_Types].xml"].decode()) if _names(o, moved)]
    added += [d for d in re.findall(r"<Default [^>]*/>", given["[Content_Types].xml"].decode()) if d not in types]
    parts["[Content_Types].xml"] = types.replace("</Types>", "".join(added) + "</Types>").encode()
    _write(path, parts)


def pivot_table(path: Path, sheet_part: str, source: str, fields: dict[str, list[str | float]]) -> None:
    """A PivotTable placed on the sheet `sheet_part`, made from the cells `source` ('Sheet'!A1:B9) holding `fields`
    (column -> values), as Excel keeps it: its cache's definition (each field's distinct values, sharedItems) and
    records (every row of the source: a copy of its cells) beside the PivotTable's own part, the workbook naming
    the cache (pivotCaches), the sheet the PivotTable. The source's cells need not hold the values any longer."""
    sheet, _, ref = source.rpartition("!")
    columns = list(fields)
    rows = len(next(iter(fields.values())))

    def value(v: str | float) -> str:
        return f'<n v="{_number(v)}"/>' if isinstance(v, float) else f"<s v={quoteattr(v)}/>"

    cache_fields = "".join(
        f"<cacheField name={quoteattr(c)} numFmtId='0'><sharedItems count='{len(set(fields[c]))}'>"
        + "".join(value(v) for v in dict.fromkeys(fields[c]))
        + "</sharedItems></cacheField>"
        for c in columns
    )
    definition = (
        f'<pivotCacheDefinition xmlns="{MAIN}" xmlns:r="{R}" r:id="rId1" refreshOnLoad="1" recordCount="{rows}">'
        f"<cacheSource type='worksheet'><worksheetSource ref={quoteattr(ref)} sheet={quoteattr(sheet.strip(chr(39)))}/>"
        f"</cacheSource><cacheFields count='{len(columns)}'>{cache_fields}</cacheFields></pivotCacheDefinition>"
    )
    records = f'<pivotCacheRecords xmlns="{MAIN}" count="{rows}">' + "".join(
        "<r>" + "".join(value(fields[c][n]) for c in columns) + "</r>" for n in range(rows)
    )
    records += "</pivotCacheRecords>"
    pivot = (
        f'<pivotTableDefinition xmlns="{MAIN}" name="PivotTable1" cacheId="7" dataCaption="Values">'
        f'<location ref="K20:L25" firstHeaderRow="1" firstDataRow="1" firstDataCol="1"/>'
        f'<pivotFields count="{len(columns)}">' + "<pivotField showAll='0'/>" * len(columns) + "</pivotFields>"
        "</pivotTableDefinition>"
    )
    with zipfile.ZipFile(path) as book:
        parts = {info.filename: book.read(info) for info in book.infolist()}
    cache_type, records_type, pivot_type = (
        f"{OFFICE_RELS}/{t}" for t in ("pivotCacheDefinition", "pivotCacheRecords", "pivotTable")
    )
    parts["xl/pivotCache/pivotCacheDefinition1.xml"] = definition.encode()
    parts["xl/pivotCache/pivotCacheRecords1.xml"] = records.encode()
    parts["xl/pivotTables/pivotTable1.xml"] = pivot.encode()
    parts["xl/pivotCache/_rels/pivotCacheDefinition1.xml.rels"] = _rels(
        ("rId1", records_type, "pivotCacheRecords1.xml")
    )
    parts["xl/pivotTables/_rels/pivotTable1.xml.rels"] = _rels(
        ("rId1", cache_type, "../pivotCache/pivotCacheDefinition1.xml")
    )
    _add_relationship(parts, sheet_part, "pivotId1", pivot_type, "../pivotTables/pivotTable1.xml")
    _add_relationship(parts, "xl/workbook.xml", "pivotId1", cache_type, "pivotCache/pivotCacheDefinition1.xml")
    workbook = parts["xl/workbook.xml"].decode()
    caches = f'<pivotCaches><pivotCache xmlns:r="{R}" cacheId="7" r:id="pivotId1"/></pivotCaches>'
    after = "<calcPr" if "<calcPr" in workbook else "</workbook>"  # where Excel writes the caches: after calcPr
    at = workbook.index(">", workbook.index(after)) + 1 if after == "<calcPr" else workbook.index(after)
    parts["xl/workbook.xml"] = (workbook[:at] + caches + workbook[at:]).encode()
    _content_types(
        parts,
        {
            "/xl/pivotCache/pivotCacheDefinition1.xml": f"{SHEET_TYPES}.pivotCacheDefinition+xml",
            "/xl/pivotCache/pivotCacheRecords1.xml": f"{SHEET_TYPES}.pivotCacheRecords+xml",
            "/xl/pivotTables/pivotTable1.xml": f"{SHEET_TYPES}.pivotTable+xml",
        },
    )
    _write(path, parts)


def external_link(path: Path, address: str, sheet: str, cells: dict[str, str | float]) -> None:
    """A link to the workbook at `address` (a formula such as ='[Zrtve.xlsx]Sheet1'!A1, Data > Edit Links), as
    Excel keeps it: the address in the link's relationships and a copy of the cells of its `sheet` that the workbook
    refers to (its sheetDataSet), shown by no cell once the formulas that referred to them are gone."""
    rows: dict[str, list[str]] = {}
    for cell, v in cells.items():
        kind = ' t="n"' if isinstance(v, float) else ' t="str"'
        rows.setdefault(cell.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ"), []).append(
            f'<cell r="{cell}"{kind}><v>{escape(_number(v) if isinstance(v, float) else v)}</v></cell>'
        )
    data = "".join(f'<row r="{r}">{"".join(cs)}</row>' for r, cs in rows.items())
    link = (
        f'<externalLink xmlns="{MAIN}"><externalBook xmlns:r="{R}" r:id="rId1"><sheetNames>'
        f'<sheetName val={quoteattr(sheet)}/></sheetNames><sheetDataSet><sheetData sheetId="0">{data}</sheetData>'
        "</sheetDataSet></externalBook></externalLink>"
    )
    with zipfile.ZipFile(path) as book:
        parts = {info.filename: book.read(info) for info in book.infolist()}
    parts["xl/externalLinks/externalLink1.xml"] = link.encode()
    parts["xl/externalLinks/_rels/externalLink1.xml.rels"] = _rels(
        ("rId1", f"{OFFICE_RELS}/externalLinkPath", escape(address), "External")
    )
    _add_relationship(
        parts, "xl/workbook.xml", "linkId1", f"{OFFICE_RELS}/externalLink", "externalLinks/externalLink1.xml"
    )
    workbook = parts["xl/workbook.xml"].decode()
    references = f'<externalReferences><externalReference xmlns:r="{R}" r:id="linkId1"/></externalReferences>'
    parts["xl/workbook.xml"] = workbook.replace("</sheets>", "</sheets>" + references, 1).encode()
    _content_types(parts, {"/xl/externalLinks/externalLink1.xml": f"{SHEET_TYPES}.externalLink+xml"})
    _write(path, parts)


RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
OFFICE_RELS = R
SHEET_TYPES = "application/vnd.openxmlformats-officedocument.spreadsheetml"


def _rels(*relationships: tuple[str, ...]) -> bytes:
    """A relationships part of (id, type, target[, "External"]) each."""
    made = "".join(
        f'<Relationship Id="{r[0]}" Type="{r[1]}" Target="{r[2]}"' + (' TargetMode="External"/>' if r[3:] else "/>")
        for r in relationships
    )
    declaration = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    return f'{declaration}<Relationships xmlns="{RELS}">{made}</Relationships>'.encode()


def _add_relationship(parts: dict[str, bytes], member: str, rid: str, kind: str, target: str) -> None:
    folder, _, file = member.rpartition("/")
    rels = f"{folder}/_rels/{file}.rels"
    kept = parts.get(rels, _rels()).decode()
    added = f'<Relationship Id="{rid}" Type="{kind}" Target="{target}"/>'
    parts[rels] = kept.replace("</Relationships>", added + "</Relationships>").encode()


def _content_types(parts: dict[str, bytes], overrides: dict[str, str]) -> None:
    types = parts["[Content_Types].xml"].decode()
    added = "".join(f'<Override PartName="{name}" ContentType="{kind}"/>' for name, kind in overrides.items())
    parts["[Content_Types].xml"] = types.replace("</Types>", added + "</Types>").encode()


def _number(value: float) -> str:
    """A number as Excel writes it in XML: a whole one without a decimal point."""
    return str(int(value)) if value.is_integer() else repr(value)


def _names(override: str, moved: list[str]) -> bool:
    return any(f'PartName="/{name}"' in override for name in moved)


def _write(path: Path, parts: dict[str, bytes]) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for name, content in parts.items():
            out.writestr(name, content)
