"""xlsx file -> Grid. python-calamine reads (fast, Rust); openpyxl is the second reader,
used where a workbook is already open in openpyxl."""

from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib
from pathlib import Path
from typing import Any, BinaryIO
from xml.etree import ElementTree

import python_calamine
from openpyxl.workbook.workbook import Workbook

from schemas.grid import Grid


class UnreadableFileError(Exception):
    """A file that cannot be read as a workbook at all. `reason` says what it is and what to do."""

    def __init__(self, file: str, reason: str) -> None:
        self.file = file
        self.reason = reason
        super().__init__(f"{file}: {reason}")


def read_xlsx(path: Path) -> Grid:
    return _read(path, str(path))


def read_xlsx_bytes(data: bytes, source: str) -> Grid:
    """A workbook's bytes already in memory, read without a temporary file; `source` names it in messages."""
    return _read(io.BytesIO(data), source)


def _read(file: Path | BinaryIO, source: str) -> Grid:
    try:
        if isinstance(file, Path):
            book = python_calamine.CalamineWorkbook.from_path(str(file))
        else:
            book = python_calamine.CalamineWorkbook.from_filelike(file)
        sheets = {name: book.get_sheet_by_name(name).to_python(skip_empty_area=False) for name in book.sheet_names}
        errors = _error_cells(file)
    except Exception as exc:  # calamine raises several error types; each means the same to a person
        raise UnreadableFileError(source, f"cannot be read as an Excel workbook ({exc})") from exc
    for name, cells in errors.items():
        rows = sheets.get(name)
        for (r, c), code in cells.items():
            if rows is not None and r < len(rows) and c < len(rows[r]):
                rows[r][c] = code
    return Grid(source=source, sheets={name: _trim(rows) for name, rows in sheets.items()})


_NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_CELL_REF = re.compile(r"([A-Z]+)(\d+)")


def _error_cells(file: Path | BinaryIO) -> dict[str, dict[tuple[int, int], str]]:
    """Error cells (#REF!, #DIV/0!...) by sheet and 0-based (row, col).

    python-calamine reads error cells as empty strings (python-calamine issue #105), which would
    hide them from validation, so error cells are looked up in the sheet XML. Most files have
    none, and a byte search skips them without parsing.
    """
    found: dict[str, dict[tuple[int, int], str]] = {}
    data = file.getvalue() if isinstance(file, io.BytesIO) else None
    with zipfile.ZipFile(file) as archive:
        sheets = [
            info
            for info in archive.infolist()
            if info.filename.startswith("xl/worksheets/sheet") and info.filename.endswith(".xml")
        ]
        with_errors = [info.filename for info in sheets if b't="e"' in _member(archive, info, data)]
        if not with_errors:
            return found
        names = _sheet_names_by_file(archive)
        for member in with_errors:
            cells: dict[tuple[int, int], str] = {}
            for cell in ElementTree.fromstring(archive.read(member)).iterfind(".//m:c[@t='e']", _NS):
                value = cell.find("m:v", _NS)
                match = _CELL_REF.fullmatch(cell.get("r", ""))
                if match and value is not None and value.text:
                    cells[(int(match[2]) - 1, _column_number(match[1]) - 1)] = value.text
            found[names.get(member, member)] = cells
    return found


def _member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, data: bytes | None) -> bytes:
    """A member's content. From a workbook in memory, a deflated member is inflated straight from its bytes:
    zipfile's reader costs several times more per member, and every sheet of every report is scanned."""
    start = info.header_offset
    plain = data is not None and not info.flag_bits & 0x1 and data[start : start + 4] == b"PK\x03\x04"
    if plain and info.compress_type in (zipfile.ZIP_DEFLATED, zipfile.ZIP_STORED):
        assert data is not None
        name_length, extra_length = struct.unpack_from("<HH", data, start + 26)  # the local header's own lengths
        begin = start + 30 + name_length + extra_length
        content = data[begin : begin + info.compress_size]
        if info.compress_type == zipfile.ZIP_STORED:
            return content
        try:
            return zlib.decompress(content, -zlib.MAX_WBITS)
        except zlib.error:
            pass  # zipfile's reader says what is wrong
    return archive.read(info)


def _sheet_names_by_file(archive: zipfile.ZipFile) -> dict[str, str]:
    workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    targets = {r.get("Id"): r.get("Target", "") for r in rels}
    names = {}
    for sheet in workbook.iterfind(".//m:sheet", _NS):
        target = targets.get(sheet.get(_REL), "").lstrip("/")
        names[target if target.startswith("xl/") else f"xl/{target}"] = sheet.get("name", "")
    return names


def _column_number(letters: str) -> int:
    number = 0
    for ch in letters:
        number = number * 26 + ord(ch) - 64
    return number


def grid_from_openpyxl(book: Workbook, source: str) -> Grid:
    sheets = {ws.title: _trim([list(row) for row in ws.iter_rows(values_only=True)]) for ws in book.worksheets}
    return Grid(source=source, sheets=sheets)


def _trim(rows: list[list[Any]]) -> list[list[Any]]:
    """Drop trailing empty rows, as every backend reports a different used range."""
    end = len(rows)
    while end and all(v is None or v == "" for v in rows[end - 1]):
        end -= 1
    return rows[:end]
