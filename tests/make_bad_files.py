"""Bad report files, one or more per `templates.sniff` problem code, built from code.

    python tests/make_bad_files.py OUTDIR

writes them into OUTDIR; `make_bad_files(folder)` does the same and says which file is which.
Nothing big is ever held in memory or written out: the zip bomb is streamed through zipfile,
and the too-large file is sparse (its size is a hole, not data).
"""

from __future__ import annotations

import io
import os
import re
import struct
import sys
import zipfile
import zlib
from pathlib import Path

import openpyxl

MB = 2**20


def make_bad_files(
    folder: Path, *, bomb_bytes: int = 12 * MB, large_bytes: int = 21 * MB, lying_bytes: int = 64 * MB
) -> dict[str, Path]:
    """Every case of `make_cases` in `folder` (created if needed); returns one file per problem code.

    The bomb unpacks to `bomb_bytes` of zeros (over 10 MB at a ratio near 1000: a bomb under the
    default limits; tests may pass less along with a small max_unzipped_bytes). The too-large file
    is a sparse file of `large_bytes` (over the default 20 MB limit). "file-missing" names a path
    that does not exist; "file-not-readable" is a folder named like a workbook (a file without read
    permission would not do: root reads it anyway).
    """
    chosen: dict[str, Path] = {}
    for code, path in make_cases(
        folder, bomb_bytes=bomb_bytes, large_bytes=large_bytes, lying_bytes=lying_bytes
    ).values():
        if code:
            chosen.setdefault(code, path)
    return chosen


def make_cases(
    folder: Path, *, bomb_bytes: int = 12 * MB, large_bytes: int = 21 * MB, lying_bytes: int = 64 * MB
) -> dict[str, tuple[str, Path]]:
    """Every case, bad or not, in `folder`: label -> (expected problem code, "" when readable; path).

    The lying zip bombs are real workbooks with a sheet part holding `lying_bytes` more than its zip headers say.

    The first case of each code is the one `make_bad_files` picks.
    """
    folder.mkdir(parents=True, exist_ok=True)
    cases: dict[str, tuple[str, Path]] = {}

    def case(label: str, code: str, name: str) -> Path:
        path = folder / name
        cases[label] = (code, path)
        return path

    # readable: a real workbook, whatever it is called
    write_xlsx(case("xlsx", "", "real.xlsx"))
    write_xlsx(case("xlsx-renamed", "", "real-renamed.xls"))

    case("missing", "file-missing", "missing.xlsx").unlink(missing_ok=True)
    case("empty", "file-empty", "empty.xlsx").write_bytes(b"")
    write_sparse(case("too-large", "file-too-large", "too-large.xlsx"), large_bytes)
    write_cfb(case("old-xls", "file-old-xls", "old-format.xls"), {"Workbook": _biff8_workbook()})
    case("excel-2003-xml", "file-old-xls", "xml-2003.xls").write_bytes(
        b'<?xml version="1.0"?>\n<?mso-application progid="Excel.Sheet"?>\n'
        b'<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet ss:Name="1"/></Workbook>\n'
    )
    write_cfb(case("password", "file-password-protected", "with-password.xlsx"), _encrypted_package_streams())
    write_ods(case("ods", "file-ods", "libreoffice.ods"))
    case("csv", "file-csv", "izvestaj-csv.xlsx").write_bytes(
        "Šifra;Aktivnost;Status;Napomena\n"
        "1.1.1;Analiza rada lokalnih timova;realizovano;—\n"
        "1.1.2;Obuka za žene i devojčice;u toku;čeka se odluka\n".encode()
    )
    case("csv-utf16-tabs", "file-csv", "unicode-text.xlsx").write_bytes(
        "\ufeffАктивност\tСтатус\n1.1.1\tреализовано\n1.1.2\tу току\n".encode("utf-16-le")
    )
    case("csv-cp1251", "file-csv", "cyrillic-1251.csv").write_bytes(
        "Активност,Статус\nАнализа,реализовано\nОбука,у току\n".encode("cp1251")
    )
    case("text", "file-text", "notes.xlsx").write_bytes(
        "Poštovani,\n\nu prilogu vam šaljemo izveštaj za mart.\n\nSrdačan pozdrav\n".encode("cp1250")
    )
    case("text-utf8", "file-text", "readme.xlsx").write_bytes("Извештај ће бити послат накнадно.\n".encode())
    # Nothing but a byte-order mark or blank lines (an export that wrote no row): told "plain text ('')" before
    case("blank-bom", "file-blank", "export.csv").write_bytes(b"\xef\xbb\xbf")
    case("blank-lines", "file-blank", "report.xlsx").write_bytes(b"  \r\n\r\n\t\r\n")
    # ... or non-breaking spaces (0xA0 in Windows-1250; U+00A0, U+3000 after a BOM): no character to show
    case("blank-nbsp", "file-blank", "mart.xlsx").write_bytes(b"\xa0\xa0\r\n\xa0\r\n")
    case("blank-nbsp-utf8", "file-blank", "april.xlsx").write_bytes("\ufeff\u00a0\r\n\u3000\n".encode())
    case("html", "file-html", "export-from-system.xls").write_bytes(
        b'<table border="1"><tr><th>Aktivnost</th><th>Status</th></tr>'
        b"<tr><td>1.1.1</td><td>realizovano</td></tr></table>\n"
    )
    case("html-doctype", "file-html", "report.xls").write_bytes(
        b"\xef\xbb\xbf<!DOCTYPE html>\n<html><body><table><tr><td>1</td></tr></table></body></html>"
    )
    case("pdf", "file-pdf", "scan.xlsx").write_bytes(
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"
    )
    case("png", "file-not-spreadsheet", "photo.xlsx").write_bytes(
        b"\x89PNG\r\n\x1a\n" + struct.pack(">L", 13) + b"IHDR" + struct.pack(">LLBBBBB", 1, 1, 8, 6, 0, 0, 0)
    )
    case("jpeg", "file-not-spreadsheet", "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(64))
    case("random-bytes", "file-not-spreadsheet", "random.xlsx").write_bytes(bytes(range(256)) * 8)
    with zipfile.ZipFile(case("docx", "file-not-spreadsheet", "letter.xlsx"), "w") as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        archive.writestr("word/document.xml", '<?xml version="1.0"?><w:document/>')
    with zipfile.ZipFile(case("pptx", "file-not-spreadsheet", "slides.xlsx"), "w") as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        archive.writestr("ppt/presentation.xml", '<?xml version="1.0"?><p:presentation/>')
    write_cfb(case("doc", "file-not-spreadsheet", "letter.doc"), {"WordDocument": bytes(4096)})
    with zipfile.ZipFile(case("xlsb", "file-xlsb", "binary.xlsb"), "w") as archive:  # Excel Binary Workbook
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        archive.writestr("xl/workbook.bin", b"\x83\x01\x00")
    write_truncated_xlsx(case("truncated-xlsx", "file-corrupt", "truncated.xlsx"))
    with zipfile.ZipFile(case("zip-without-workbook", "file-corrupt", "no-workbook.xlsx"), "w") as archive:
        archive.writestr("docProps/app.xml", '<?xml version="1.0"?><Properties/>')
        archive.writestr("docs/notes.txt", "izveštaj")
    write_zip_bomb(case("zip-bomb", "file-zip-bomb", "bomb.xlsx"), bomb_bytes)
    write_lying_zip_bomb(case("zip-bomb-lying-size", "file-zip-bomb", "bomb-lying-size.xlsx"), lying_bytes)
    sheet = "xl/worksheets/sheet1.xml"
    write_lying_zip_bomb(case("zip-bomb-lying-sheet", "file-zip-bomb", "bomb-lying-sheet.xlsx"), lying_bytes, sheet)
    # One filled cell far away: calamine makes a cell of every cell up to it, so at XFD1048576 (Excel's last) it
    # asked for 512 GB and the process aborted; at Z1048576 it took 1.1 GB and seconds, for a file of 20 KB.
    far_cell = b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>'
    write_with_rows(case("far-cell", "file-sheet-too-large", "far-cell.xlsx"), far_cell)
    far_column = b'<row r="1048576"><c t="inlineStr" r = \'z1048576\'><is><t>x</t></is></c></row>'  # as calamine reads
    write_with_rows(case("far-cell-lowercase", "file-sheet-too-large", "far-cell-lowercase.xlsx"), far_column)
    far_row = b'<row r="1048576"><c t="inlineStr"><is><t>x</t></is></c><c t="n"><v>1</v></c></row>'  # its cells: A, B
    write_with_rows(case("far-row", "file-sheet-too-large", "far-row.xlsx"), far_row)
    formatted = b'<row r="1048576" ht="30" customHeight="1"/><row r="1048575"><c r="XFD1048575" s="0"/></row>'
    write_with_rows(case("far-formatting-only", "", "far-formatting-only.xlsx"), formatted)  # nothing to read there
    # What the first check missed (a review): a cell tag with a namespace prefix (calamine reads tags by their local
    # name); a reference hidden in another attribute's value before the real one; cells and rows without a
    # reference, which calamine places one after another; and many sheets, each under the limit.
    main = b"http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    prefixed = b'<x:row r="1048576"><x:c r="XFD1048576" t="n"><x:v>1</x:v></x:c></x:row>'
    write_with_rows(case("far-cell-prefixed", "file-sheet-too-large", "far-cell-prefixed.xlsx"), prefixed, main)
    hidden = b"""<row r="300"><c foo=' r="A1"' r="XFD300" t="n"><v>1</v></c></row>"""
    write_with_rows(case("far-cell-hidden-reference", "file-sheet-too-large", "far-cell-hidden.xlsx"), hidden)
    twice = b"""<row r="300"><c r="A300" foo=">" r = 'XFD1048576' t="n"><v>1</v></c></row>"""  # calamine: the last
    write_with_rows(case("far-cell-second-reference", "file-corrupt", "far-cell-twice.xlsx"), twice)
    wide = b"<row>" + b"<c><v>1</v></c>" * 2000 + b"</row>" + b"<row><c><v>1</v></c></row>" * 600
    write_with_rows(case("cells-without-references", "file-sheet-too-large", "no-references.xlsx"), wide)
    write_many_wide_sheets(case("many-wide-sheets", "file-sheet-too-large", "many-wide-sheets.xlsx"), 4)
    # Millions of empty elements in a sheet of 24 MB (within the zip-bomb limits): more than any report has, and
    # seconds of processor time to read
    write_sheet_of_elements(case("sheet-of-elements", "file-part-too-large", "sheet-of-elements.xlsx"), 24 * MB)
    # Cells merged over a huge area, each written with its format as Excel writes a merged range: a sheet part over
    # the limit of 64 MB, refused for it with advice that did not fit (to delete what does not belong in the report)
    write_merged_over(case("merged-huge", "file-merged-too-large", "merged-huge.xlsx"), "A1000:Z130000")
    # And what a second try found: a prefix of any characters (calamine takes the name after the first ":"), a "<"
    # in a quoted value (calamine's reader takes it), a prefixed row that places the cells without a reference.
    # An XML parser finds each of these not well-formed (as it does a reference given twice): the file is corrupt.
    odd_prefix = b'<row r="300"><c r="A300"><v>1</v></c><a+b:c r="CV60000"><v>1</v></a+b:c></row>'
    write_with_rows(case("far-cell-odd-prefix", "file-corrupt", "far-cell-odd-prefix.xlsx"), odd_prefix)
    less_than = b"""<row r="300"><c r="A300"><v>1</v></c><c r="CV60000" q='a<b'><v>1</v></c></row>"""
    write_with_rows(case("less-than-in-a-value", "file-corrupt", "less-than-in-a-value.xlsx"), less_than)
    odd_row = b'<row r="300"><c r="CV300"><v>1</v></c></row><a+b:row r="60000"><c><v>1</v></c></a+b:row>'
    write_with_rows(case("far-row-odd-prefix", "file-corrupt", "far-row-odd-prefix.xlsx"), odd_row)
    # Two zips in one file, which Python's zipfile and calamine's zip reader took apart differently (a third
    # review): calamine read a sheet with a cell at XFD1048576 that the check never saw. It is read as checked.
    write_two_directories(case("zip-two-directories", "", "two-directories.xlsx"))
    # An error cell makes its sheet parsed as XML: an undefined entity there stopped every run with a traceback.
    bad_entity = (
        b'<row r="300"><c r="A300" t="e"><v>#REF!</v></c><c r="B300" t="inlineStr"><is><t>&x;</t></is></c></row>'
    )
    write_with_rows(case("error-cell-bad-xml", "file-corrupt", "error-cell-bad-xml.xlsx"), bad_entity)
    # The document's properties are parsed as XML as the comments are: an undefined entity makes the file corrupt,
    # and a victim's JMBG typed into the title is found there (a readable file, refused as holding personal data).
    core = case("properties-bad-xml", "file-corrupt", "properties-bad-xml.xlsx")
    write_xlsx(core)
    replace_part(core, "docProps/core.xml", _core_properties(b"<dc:title>&x;</dc:title>"))
    titled = case("jmbg-in-properties", "", "jmbg-in-properties.xlsx")
    write_xlsx(titled)
    replace_part(titled, "docProps/core.xml", _core_properties(b"<dc:title>Marija P., JMBG 0101990710008</dc:title>"))
    # A sheet's name, and the cells of a sheet named as the template's hidden one, are kept with the file as any cell
    # is: a victim's JMBG there is found (readable files, refused as holding personal data).
    write_with_sheet(case("jmbg-in-sheet-name", "", "jmbg-in-sheet-name.xlsx"), "Marija P. 0101990710008", [])
    note = [["beleska", "Marija P., JMBG 0101990710008"]]
    write_with_sheet(case("jmbg-in-metadata-sheet", "", "jmbg-in-metadata-sheet.xlsx"), "_apmon", note)
    case("folder", "file-not-readable", "folder.xlsx").mkdir(exist_ok=True)
    return cases


def _core_properties(inner: bytes) -> bytes:
    """A docProps/core.xml holding `inner` (elements of the cp: and dc: namespaces)."""
    return (
        b'<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        b'xmlns:dc="http://purl.org/dc/elements/1.1/">' + inner + b"</cp:coreProperties>"
    )


def replace_part(path: Path, name: str, content: bytes) -> None:
    """The workbook at `path` written again with its part `name` holding `content` (added when it has none), as a
    hand-made file or another program's has it."""
    with zipfile.ZipFile(path) as real:
        parts = {info.filename: real.read(info) for info in real.infolist()}
    parts[name] = content
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for part, data in parts.items():
            out.writestr(part, data)


def write_many_wide_sheets(path: Path, count: int) -> None:
    """A workbook of `count` sheets, each with one cell at ZZ999 (701,298 cells from A1): each under the limit of a
    sheet, together over the limit of a workbook."""
    book = openpyxl.Workbook()
    for n in range(count):
        sheet = book.active if n == 0 else book.create_sheet()
        assert sheet is not None
        sheet.title = f"List {n + 1}"
        sheet["ZZ999"] = "x"
    book.save(path)


def write_two_directories(path: Path) -> None:
    """A workbook with a cell at XFD1048576 whose end record is cut off, a ZIP64 end record pointing at its central
    directory and stretching to a locator, then a harmless workbook whose last entry's comment is that locator and
    whose end record's counts are 0xFFFF. Python's zipfile finds the harmless workbook's directory; the Rust zip
    reader follows the ZIP64 records to the other."""

    def zipped(sheet: bytes, comment: bytes = b"") -> bytes:
        buffer, out = io.BytesIO(), io.BytesIO()
        write_xlsx(buffer)
        with zipfile.ZipFile(buffer) as real, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as packed:
            infos = real.infolist()
            for n, info in enumerate(infos):
                content = sheet if info.filename == "xl/worksheets/sheet1.xml" else real.read(info)
                entry = zipfile.ZipInfo(info.filename, info.date_time)
                entry.compress_type = zipfile.ZIP_DEFLATED
                entry.comment = comment if n == len(infos) - 1 else b""
                packed.writestr(entry, content)
        return out.getvalue()

    buffer = io.BytesIO()
    write_xlsx(buffer)
    sheet = zipfile.ZipFile(buffer).read("xl/worksheets/sheet1.xml")
    far = b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData>'
    hostile = zipped(sheet.replace(b"</sheetData>", far))
    end = hostile.rfind(b"PK\x05\x06")
    _, _, _, _, entries, size, offset, _ = struct.unpack("<4sHHHHIIH", hostile[end : end + 22])
    head = hostile[:end]  # its entries and its central directory, without its end record
    harmless = bytearray(zipped(sheet, bytes(20)))
    record = harmless.rfind(b"PK\x05\x06")
    locator_at = len(head) + 56 + record - 20  # where the locator will be, after the ZIP64 end record
    zip64_end = struct.pack("<4sQHHIIQQQQ", b"PK\x06\x06", locator_at - len(head) - 12, 45, 45, 0, 0, entries,
                            entries, size, offset)  # fmt: skip
    harmless[record - 20 : record] = struct.pack("<4sIQI", b"PK\x06\x07", 0, len(head), 1)
    harmless[record + 8 : record + 12] = struct.pack("<HH", 0xFFFF, 0xFFFF)
    path.write_bytes(head + zip64_end + bytes(harmless))


def write_with_rows(path: Path, rows: bytes, prefixed: bytes = b"") -> None:
    """A small real workbook with `rows` (sheet XML) added at the end of its sheet's data, as a hand-made file has;
    with `prefixed` (a namespace), its sheet data written with the prefix x: for that namespace."""
    buffer = io.BytesIO()
    write_xlsx(buffer)
    with zipfile.ZipFile(buffer) as real, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in real.infolist():
            content = real.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                content = content.replace(b"</sheetData>", rows + b"</sheetData>")
                if prefixed:
                    content = content.replace(b"<sheetData>", b'<x:sheetData xmlns:x="' + prefixed + b'">')
                    content = content.replace(b"</sheetData>", b"</x:sheetData>")
            out.writestr(info.filename, content)


def write_xlsx(path: Path | io.BytesIO) -> None:
    """A small real workbook."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Izveštaj"
    sheet.append(["Aktivnost", "Status", "Napomena"])
    for row in range(1, 200):
        sheet.append([f"1.1.{row}", "realizovano" if row % 2 else "u toku", f"Napomena broj {row} — čćžšđ"])
    book.save(path)


def write_with_sheet(path: Path, name: str, rows: list[list[str]]) -> None:
    """A small real workbook with one more sheet, named `name`, holding `rows`."""
    write_xlsx(path)
    book = openpyxl.load_workbook(path)
    sheet = book.create_sheet(name)
    for row in rows:
        sheet.append(row)
    book.save(path)


def write_truncated_xlsx(path: Path) -> None:
    """A real workbook cut in half, as an interrupted upload leaves it."""
    write_xlsx(path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def write_sparse(path: Path, size: int) -> None:
    """A file of `size` bytes that takes no disk space where the file system supports holes."""
    with path.open("wb") as f:
        f.truncate(size)


def write_zip_bomb(path: Path, unzipped_bytes: int) -> None:
    """A zip whose one member unpacks to `unzipped_bytes` of zeros, streamed 1 MB at a time."""
    chunk = bytes(min(MB, unzipped_bytes))
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        archive.writestr("xl/workbook.xml", '<?xml version="1.0"?><workbook/>')
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as member:
            left = unzipped_bytes
            while left > 0:
                member.write(chunk[: min(left, len(chunk))])
                left -= len(chunk)


def write_lying_zip_bomb(path: Path, padding_bytes: int, member: str = "xl/worksheets/sheet2.xml") -> None:
    """A real workbook with a sheet part padded with `padding_bytes` of spaces (before its closing tag, where
    XML allows them), while both zip headers still declare the part's own small size: only inflating it shows
    what it holds. Its checksum is the true one. `member` is the part padded: by default a sheet part that the
    workbook does not list (Excel's reader, like calamine, never opens it); xl/worksheets/sheet1.xml is the
    workbook's own sheet. Streamed: nothing big is held in memory."""
    buffer = io.BytesIO()
    write_xlsx(buffer)
    with zipfile.ZipFile(buffer) as real:
        parts = {info.filename: real.read(info) for info in real.infolist()}
    parts.setdefault(member, b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>')
    directory = b""
    with path.open("wb") as out:
        for name, content in parts.items():
            declared, crc, packer = len(content), 0, zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
            chunks = [content]
            if name == member:
                at = content.rindex(b"</worksheet>") if b"</worksheet>" in content else len(content) - 2
                spaces = b" " * MB
                whole, rest = divmod(padding_bytes, MB)
                chunks = [content[:at], *[spaces] * whole, spaces[:rest], content[at:]]
            offset, packed = out.tell(), bytearray()
            for chunk in chunks:
                crc = zlib.crc32(chunk, crc)
                packed += packer.compress(chunk)
            packed += packer.flush()
            encoded = name.encode()
            header = (20, 0, 8, 0, 0x21, crc, len(packed), declared, len(encoded), 0)  # deflated, 1 Jan 1980
            out.write(struct.pack("<4s5H3L2H", b"PK\x03\x04", *header) + encoded + packed)
            directory += struct.pack("<4sH5H3L5H2L", b"PK\x01\x02", 20, *header, 0, 0, 0, 0, offset) + encoded
        start = out.tell()
        out.write(directory)
        out.write(struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, len(parts), len(parts), len(directory), start, 0))


def write_ods(path: Path) -> None:
    """A minimal OpenDocument spreadsheet: the mimetype member first and stored, then content and manifest."""
    mimetype = "application/vnd.oasis.opendocument.spreadsheet"
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        "<office:body><office:spreadsheet>"
        '<table:table table:name="Izveštaj"><table:table-row>'
        '<table:table-cell office:value-type="string"><text:p>Aktivnost</text:p></table:table-cell>'
        '<table:table-cell office:value-type="string"><text:p>realizovano</text:p></table:table-cell>'
        "</table:table-row></table:table>"
        "</office:spreadsheet></office:body></office:document-content>\n"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
        'manifest:version="1.2">'
        f'<manifest:file-entry manifest:full-path="/" manifest:version="1.2" manifest:media-type="{mimetype}"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>\n"
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), mimetype, compress_type=zipfile.ZIP_STORED)
        archive.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
        archive.writestr("META-INF/manifest.xml", manifest, compress_type=zipfile.ZIP_DEFLATED)


# --- a tiny Compound File Binary (OLE2) writer ---------------------------------------

_SECTOR = 512
_FREE, _END_OF_CHAIN, _FAT_SECTOR, _NO_STREAM = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF
_MINI_STREAM_CUTOFF = 4096


def write_cfb(path: Path, streams: dict[str, bytes]) -> None:
    path.write_bytes(_cfb_bytes(streams))


def _cfb_bytes(streams: dict[str, bytes]) -> bytes:
    """A version 3 Compound File (512-byte sectors) holding `streams` in the root storage.

    Layout: header, sector 0 the FAT, then the directory sectors, then each stream's sectors.
    Streams are padded to the 4096-byte mini stream cutoff, so that no mini FAT is needed.
    """
    entries = sorted(streams, key=lambda name: (len(name), name.upper()))  # the directory's sort order
    data = [streams[name].ljust(_MINI_STREAM_CUTOFF, b"\x00") for name in entries]
    directory_sectors = -(-(len(entries) + 1) // 4)  # 128-byte entries, the root entry first
    fat = [_FAT_SECTOR]
    fat += [*range(2, directory_sectors + 1), _END_OF_CHAIN]  # the directory chain: sectors 1..n
    starts = []
    for stream in data:
        start, count = len(fat), -(-len(stream) // _SECTOR)
        starts.append(start)
        fat += [*range(start + 1, start + count), _END_OF_CHAIN]
    if len(fat) > _SECTOR // 4:
        raise ValueError("this writer keeps the FAT in one sector: streams of up to about 60 KB")
    fat += [_FREE] * (_SECTOR // 4 - len(fat))

    header = b"".join(
        [
            bytes.fromhex("D0CF11E0A1B11AE1"),
            bytes(16),  # CLSID
            struct.pack("<HHHHH", 0x003E, 0x0003, 0xFFFE, 9, 6),  # versions, byte order, sector shifts
            bytes(6),
            struct.pack("<LLLLL", 0, 1, 1, 0, _MINI_STREAM_CUTOFF),  # dir sectors (v3: 0), FAT sectors, first dir
            struct.pack("<LLLL", _END_OF_CHAIN, 0, _END_OF_CHAIN, 0),  # no mini FAT, no DIFAT sectors
            struct.pack("<109L", 0, *[_FREE] * 108),  # the FAT is sector 0
        ]
    )
    left, right, colour, tree_root = _red_black_tree(len(entries))

    def entry_id(index: int) -> int:  # entry 0 is the root entry; -1 is no entry
        return _NO_STREAM if index < 0 else index + 1

    directory = [_directory_entry("Root Entry", 5, 1, _NO_STREAM, _NO_STREAM, entry_id(tree_root), _END_OF_CHAIN, 0)]
    for i, name in enumerate(entries):
        # the padded size: a stream declared smaller than the cutoff would be looked for in the mini stream
        ids = entry_id(left[i]), entry_id(right[i]), _NO_STREAM
        directory.append(_directory_entry(name, 2, colour[i], *ids, starts[i], len(data[i])))
    directory += [_directory_entry("", 0, 0, _NO_STREAM, _NO_STREAM, _NO_STREAM, 0, 0)] * (
        directory_sectors * 4 - len(directory)
    )
    body = struct.pack(f"<{_SECTOR // 4}L", *fat) + b"".join(directory)
    return header + body + b"".join(stream.ljust(-(-len(stream) // _SECTOR) * _SECTOR, b"\x00") for stream in data)


def _directory_entry(
    name: str, kind: int, colour: int, left: int, right: int, child: int, start: int, size: int
) -> bytes:
    encoded = (name + "\x00").encode("utf-16-le") if name else b""
    return (
        encoded.ljust(64, b"\x00")
        + struct.pack("<HBB", len(encoded), kind, colour)
        + struct.pack("<LLL", left, right, child)
        + bytes(16 + 4 + 16)  # CLSID, state bits, creation and modification times
        + struct.pack("<LQ", start, size)
    )


def _red_black_tree(n: int) -> tuple[list[int], list[int], list[int], int]:
    """Left child, right child, colour (0 red, 1 black) of n sorted entries, and the root (-1 for none).

    Splitting at the middle puts every leaf on the last two levels; the last level, when the
    tree is not full, is red, so every path has the same number of black entries.
    """
    left, right, depth = [-1] * n, [-1] * n, [0] * n

    def build(low: int, high: int, level: int) -> int:
        if low >= high:
            return -1
        middle = (low + high) // 2
        depth[middle] = level
        left[middle] = build(low, middle, level + 1)
        right[middle] = build(middle + 1, high, level + 1)
        return middle

    root = build(0, n, 0)
    full = (n + 1) & n == 0
    deepest = max(depth, default=0)
    colour = [0 if depth[i] == deepest and not full and deepest > 0 else 1 for i in range(n)]
    return left, right, colour, root


def _biff8_workbook() -> bytes:
    """The start and end of a BIFF8 workbook stream: a BOF record (workbook globals) and an EOF record."""
    bof = struct.pack("<HHHHHHLL", 0x0809, 16, 0x0600, 0x0005, 0x0DBB, 0x07CC, 0, 0x0006)
    eof = struct.pack("<HH", 0x000A, 0)
    return bof + eof


def _encrypted_package_streams() -> dict[str, bytes]:
    """The two streams Excel writes for a password-protected workbook (agile encryption, version 4.4)."""
    info = struct.pack("<HHL", 4, 4, 0x40) + (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
        b'<encryption xmlns="http://schemas.microsoft.com/office/2006/encryption">'
        b'<keyData saltSize="16" blockSize="16" keyBits="256" hashSize="64" cipherAlgorithm="AES" '
        b'cipherChaining="ChainingModeCBC" hashAlgorithm="SHA512" saltValue="AAAAAAAAAAAAAAAAAAAAAA=="/>'
        b"</encryption>"
    )
    package = struct.pack("<Q", 6000) + os.urandom(6000 + 16 - 6000 % 16)
    return {"EncryptionInfo": info, "EncryptedPackage": package}


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: python tests/make_bad_files.py OUTDIR", file=sys.stderr)
        return 2
    for label, (code, path) in make_cases(Path(argv[1])).items():
        print(f"{code or 'readable':24} {label:21} {path}")
    return 0


def write_merged_over(
    path: Path, cells: str, workbook: bytes | None = None, sheet: str = "xl/worksheets/sheet1.xml"
) -> None:
    """A real workbook (`workbook`'s bytes, or a small one) whose `sheet` has the range `cells` (rows below its own)
    merged, as Excel writes it: every cell of the range with the merged cell's format (s="1"), the range among the
    sheet's merged cells. Streamed."""
    from apmon.schemas.a1 import cell_position, column_letter

    first, last = (cell_position(corner) for corner in cells.split(":"))
    assert first is not None and last is not None
    if workbook is None:
        buffer = io.BytesIO()
        write_xlsx(buffer)
        workbook = buffer.getvalue()
    letters = [column_letter(c) for c in range(first[1], last[1] + 1)]  # from 1, as cell_position gives them
    merge = b'<mergeCell ref="%s"/>' % cells.encode()
    with zipfile.ZipFile(io.BytesIO(workbook)) as real, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in real.infolist():
            content = real.read(info)
            if info.filename != sheet:
                out.writestr(info.filename, content)
                continue
            head, _, tail = content.partition(b"</sheetData>")
            # Its used range reaches the merged cells, as Excel counts their formats in it
            used = re.search(rb'<dimension ref="(?:[A-Z]+\d+:)?([A-Z]+\d+)"/>', head)
            end = cell_position(used[1].decode()) if used else None
            right, bottom = max(end[1] if end else 0, last[1]), max(end[0] if end else 0, last[0])
            dimension = b'<dimension ref="A1:%s%d"/>' % (column_letter(right).encode(), bottom)
            head = re.sub(rb"<dimension [^>]*/>", dimension, head) if used else head
            if b"<mergeCells" in tail:  # beside the template's own merged cells
                tail = re.sub(
                    rb'<mergeCells count="(\d+)">', lambda m: b'<mergeCells count="%d">' % (int(m[1]) + 1) + merge, tail
                )
            else:  # after the sheet's data and what the schema puts between (none in a small workbook)
                tail = b'<mergeCells count="1">' + merge + b"</mergeCells>" + tail
            with out.open(info.filename, "w") as part:
                part.write(head)
                for row in range(first[0], last[0] + 1):
                    part.write(
                        b'<row r="%d">' % row
                        + "".join(f'<c r="{c}{row}" s="1"/>' for c in letters).encode()
                        + b"</row>"
                    )
                part.write(b"</sheetData>" + tail)


def write_sheet_of_elements(
    path: Path, size: int, workbook: bytes | None = None, sheets: tuple[str, ...] = ("xl/worksheets/sheet1.xml",)
) -> None:
    """A real workbook (`workbook`'s bytes, or a small one) each of whose `sheets` holds `size` bytes more of empty XML
    elements after its cells, where readers skip what they do not know (extLst), and an error cell (#REF!) first,
    which makes the sheet read as XML. Every 61st element holds a random number, so that the sheet packs at a ratio
    near 40, within the zip-bomb limits (200 MB in some 5 MB); its size is declared truly. Streamed."""
    import random

    if workbook is None:
        buffer = io.BytesIO()
        write_xlsx(buffer)
        workbook = buffer.getvalue()
    numbers = random.Random(size)
    piece = b"".join(b"<x/>" * 60 + b'<y a="%010d"/>' % numbers.getrandbits(32) for _ in range(4096))
    with zipfile.ZipFile(io.BytesIO(workbook)) as real, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in real.infolist():
            content = real.read(info)
            if info.filename not in sheets:
                out.writestr(info.filename, content)
                continue
            head, _, rest = content.partition(b"<sheetData>")
            data, _, tail = rest.partition(b"</sheetData>")
            with out.open(info.filename, "w") as part:
                part.write(head + b'<sheetData><row r="1"><c r="Z1" t="e"><v>#REF!</v></c></row>')
                part.write(data + b"</sheetData><extLst>")
                whole, rest_bytes = divmod(size, len(piece))
                for _ in range(whole):
                    part.write(piece)
                part.write(b"<x/>" * (rest_bytes // 4) + b"</extLst>" + tail)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
