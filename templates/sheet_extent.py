"""How far a sheet's filled part reaches, told from its XML before python-calamine reads it: calamine makes every cell
from A1 to the farthest filled one, so one value typed at XFD1048576 in a file of a few KB asks it for 512 GB, and
the process ends (SIGABRT). The reports' reader (templates.read_xlsx) measures every sheet so; `sheet_rows` reads one
sheet of a workbook so (the master's Evaluation sheet, the final report's texts) without loading that reader."""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from contextlib import suppress
from typing import TYPE_CHECKING, Any
from xml.parsers import expat

from apmon.schemas.a1 import column_letter, column_number
from apmon.templates.sniff import MAX_PART_BYTES, MAX_PART_TAGS, check_declared_size, library_said, read_member

if TYPE_CHECKING:  # python-calamine is loaded when a workbook is read, not with this module
    import python_calamine

# The cells calamine makes of a sheet at most: it makes every cell from A1 to the farthest filled one, so one cell
# typed far away (Excel's last is XFD1048576) in a file of a few KB asked for hundreds of GB. A report's sheets have
# a few thousand cells; a million take some 80 MB. And of a whole workbook (many sheets, each under the limit).
MAX_SHEET_CELLS = 1_000_000
MAX_WORKBOOK_CELLS = 2_000_000
# A sheet whose every cell tag is written as Excel, openpyxl, XlsxWriter and LibreOffice write them (unprefixed, its
# reference r="A1" first, then only a style, a type or a value's metadata: calamine places each cell by that
# reference, whatever its row says) and holds no reference of row 1000 or more or of column AA or further, holds at
# most 999 x 26 cells: it is not looked at further. Each of these searches starts with a fixed text, which keeps
# them fast.
_UNUSUAL_CELL = re.compile(rb'<c(?! r="[A-Za-z]{1,3}[0-9]{1,7}"(?: (?:s|t|cm|vm|ph)="[^"<>&]{0,40}")*/?>)[\s>/]')
_PREFIXED_CELL = re.compile(rb":c[\s>/]")
_FAR_REFERENCE = re.compile(rb' r="(?:[A-Za-z]*[0-9]{4}|[A-Za-z]{2})')
PLAIN_SHEET_CELLS = 999 * 26
_REFERENCE = re.compile(r"([A-Za-z]+)([0-9]+)")


def plain(content: bytes) -> bool:
    """Whether a sheet's XML is one that holds at most PLAIN_SHEET_CELLS cells, by the searches above."""
    return not any(p.search(content) for p in (_UNUSUAL_CELL, _PREFIXED_CELL, _FAR_REFERENCE))


def sheet_cells(content: bytes) -> tuple[int, int]:
    """(rows, columns) of the cells calamine would make of a sheet's XML: from A1 to its farthest cell with
    something in it. Read with an XML parser, tags by the name after any prefix (as calamine reads them), a cell
    without a reference at the next position, a row without one on the next row; a cell with nothing in it (only
    its format) is not counted, as calamine skips it. XML that is not well-formed makes the file unreadable
    (ExpatError): what the parser cannot read is not counted on. Stops once past MAX_SHEET_CELLS."""
    rows = columns = row = column = depth = 0  # depth: how deep in a cell's element the parser is
    filled = False

    def start(name: str, attributes: dict[str, str]) -> None:
        nonlocal row, column, depth, filled
        if depth:
            depth += 1
            filled = True  # a value, an inline string or a formula
            return
        local, reference = name.rpartition(":")[2], attributes.get("r", "").strip()
        if local == "row":
            row, column = (int(reference) if reference.isdigit() else row + 1), 0
        elif local == "c":
            if found := _REFERENCE.fullmatch(reference):
                row, column = int(found[2]), column_number(found[1].upper())
            else:
                column += 1
            depth, filled = 1, False

    def end(name: str) -> None:
        nonlocal rows, columns, depth
        if depth > 1:
            depth -= 1
        elif depth == 1 and name.rpartition(":")[2] == "c":
            depth = 0
            if filled:
                rows, columns = max(rows, row), max(columns, column)
                if rows * columns > MAX_SHEET_CELLS:
                    raise _Enough

    parser = expat.ParserCreate()
    parser.StartElementHandler, parser.EndElementHandler = start, end
    with suppress(_Enough):
        parser.Parse(content, True)
    return rows, columns


class _Enough(Exception):
    """Far enough: the sheet is too large whatever follows."""


class SheetTooLargeError(ValueError):
    """A sheet whose filled part reaches so far (to `cell`, the corner Excel's Ctrl+End goes to) that reading it
    would take more than MAX_SHEET_CELLS cells."""

    def __init__(self, sheet: str, cell: str) -> None:
        self.sheet, self.cell = sheet, cell
        super().__init__(f"{sheet}: its filled part reaches {cell}, too large to read")


class CalamineError(ValueError):
    """What python-calamine raised reading a workbook: one of its errors, or a panic of its own (pyo3's
    PanicException, which no `except Exception` catches), or `said`: a number it would panic on, found before
    (_beyond_calamine). `sheet`: the sheet whose cells it was reading; None when it could not open the workbook."""

    def __init__(self, said: BaseException | str, sheet: str | None = None) -> None:
        self.sheet = sheet
        super().__init__(said if isinstance(said, str) else library_said(said))


# Days before 1900 past which calamine's conversion of a date's number panics (chrono's bound is some 1.067e11 days
# in milliseconds: -1e20 and -2e11 panicked, -1e11 is read), printing the panic on descriptor 2 past Python: no
# date is that far. Such a number is found first and calamine never sees it (read_xlsx reads it as typed).
CALAMINE_DAYS = 1e11
# A negative number held in a cell (a value's text starting with "-"), unprefixed or prefixed (<x:v>): a search
# that starts with a fixed text, which keeps it fast; a text that only looks like one costs a reading of the cells
_NEGATIVE_VALUE = re.compile(rb"v>\s*-")
# A value's tag with a space or attributes after its name (<v >, <x:v xmlns:x="...">), which Excel never writes and
# calamine reads: its number is not one _NEGATIVE_VALUE finds, so the sheet's cells are read. The tag's name alone is
# searched (from each "v" to the next ">", a text of "v v v..." took the square of its length)
_SPACED_VALUE_TAG = re.compile(rb"v\s(?<=[<:]v\s)")


def may_hold_too_far(content: bytes, start: int = 0) -> bool:
    """Whether a sheet's XML (from `start`) may hold a negative number, one too far for calamine among them."""
    return bool(_NEGATIVE_VALUE.search(content, start) or _SPACED_VALUE_TAG.search(content, start))


def past_calamine(value: str) -> bool:
    """Whether a cell's number is below -CALAMINE_DAYS. In ASCII only: float() reads other digits too
    (Arabic-Indic), which calamine refuses as Excel does."""
    if not value.isascii() or not value.lstrip().startswith("-"):
        return False  # most values: no float() to read
    try:
        return float(value) < -CALAMINE_DAYS
    except ValueError:
        return False


def _beyond_calamine(content: bytes) -> tuple[str, str] | None:
    """(cell, number) of the first number of a sheet's XML too far below zero for calamine (past_calamine), in any
    format (a date's panics, and the formats are not read here), or None. Read with an XML parser, as calamine
    reads it: a number's cell (no type, or t="n"), its value element's text."""
    if not may_hold_too_far(content):
        return None
    found: list[tuple[str, str]] = []
    cell: dict[str, str] = {}
    text: list[str] | None = None  # the value element's text being read

    def start(name: str, attributes: dict[str, str]) -> None:
        nonlocal cell, text
        local = name.rpartition(":")[2]
        if local == "c":
            cell = attributes
        elif local == "v":
            text = []

    def data(chunk: str) -> None:
        if text is not None:
            text.append(chunk)

    def end(name: str) -> None:
        nonlocal text
        if text is not None and name.rpartition(":")[2] == "v":
            if cell.get("t", "n") == "n" and past_calamine(value := "".join(text)):
                found.append((cell.get("r", "").strip(), value.strip()))
                raise _Enough
            text = None

    parser = expat.ParserCreate()
    parser.StartElementHandler, parser.CharacterDataHandler, parser.EndElementHandler = start, data, end
    with suppress(_Enough):
        parser.Parse(content, True)
    return found[0] if found else None


def sheet_rows(data: bytes, sheet: str) -> list[list[Any]] | None:
    """The rows of the sheet named `sheet` of a workbook's bytes as python-calamine reads them (from A1, empty cells
    as ""); None when the workbook has no such sheet. SheetTooLargeError when its filled part reaches too far to be
    read (measured from its XML first), PartTooLargeError as `open_workbook`; zipfile and expat errors as they raise
    them, calamine's as CalamineError, and so a number it would panic on (_beyond_calamine), found before."""
    f = io.BytesIO(data)
    with zipfile.ZipFile(f) as archive:
        parts = _sheet_parts(archive, f)
        _check_opened_parts(archive, parts)
        for part in (part for name, part in parts if name == sheet):  # a name listed twice: each of its parts
            content = read_member(f, archive.getinfo(part), max_bytes=MAX_PART_BYTES, max_tags=MAX_PART_TAGS)
            if not plain(content) and (extent := sheet_cells(content))[0] * extent[1] > MAX_SHEET_CELLS:
                raise SheetTooLargeError(sheet, f"{column_letter(max(extent[1], 1))}{max(extent[0], 1)}")
            if far := _beyond_calamine(content):  # calamine would panic on it, printing past Python on the terminal
                raise CalamineError(": ".join(filter(None, far)), sheet)  # its cell, where the XML names it
    book = _calamine(data)
    if sheet not in book.sheet_names:
        return None
    try:
        return list(book.get_sheet_by_name(sheet).to_python(skip_empty_area=False))
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as exc:  # calamine's errors, and a panic of its own (no Exception)
        raise CalamineError(exc, sheet) from exc


def open_workbook(data: bytes) -> python_calamine.CalamineWorkbook:
    """python-calamine's workbook of an xlsx's bytes, its sheets not read yet (`sheet_rows` reads one). calamine reads
    every part but the sheets whole as it opens a workbook (the shared strings, the styles...): a part declaring more
    than a report's part may hold (MAX_PART_BYTES) is refused first (PartTooLargeError), as a 3 MB file whose shared
    strings inflated to GBs aborted the process. Its zip reader goes no further than a part declares."""
    f = io.BytesIO(data)
    with zipfile.ZipFile(f) as archive:
        _check_opened_parts(archive, _sheet_parts(archive, f))
    return _calamine(data)


def _check_opened_parts(archive: zipfile.ZipFile, sheets: list[tuple[str, str]]) -> None:
    """PartTooLargeError for a part calamine reads as it opens the workbook (any but a sheet's) declaring too much."""
    parts = {part for _, part in sheets}
    for info in archive.infolist():
        if info.filename not in parts:
            check_declared_size(info)


def _calamine(data: bytes) -> python_calamine.CalamineWorkbook:
    import python_calamine

    try:
        return python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as exc:  # calamine's errors, and a panic of its own (no Exception)
        raise CalamineError(exc) from exc


def _sheet_parts(archive: zipfile.ZipFile, f: io.BytesIO) -> list[tuple[str, str]]:
    """Each sheet's (name, the zip's member holding it), from the workbook's part and its relationships, in its order
    (a crafted one may list a name twice; calamine reads the first). A sheet whose member is not found is not
    measured: calamine finds it no more."""
    names = {info.filename.lower(): info.filename for info in archive.infolist()}

    def part(name: str) -> bytes:
        member = names.get(name.lower())
        return b"" if member is None else read_member(f, archive.getinfo(member), max_bytes=MAX_PART_BYTES)

    targets: dict[str, str] = {}
    sheets: list[tuple[str, str]] = []

    def start(tag: str, attributes: dict[str, str]) -> None:
        local = tag.rpartition(":")[2]
        if local == "Relationship" and attributes.get("TargetMode") != "External":
            target = posixpath.normpath(posixpath.join("/xl", attributes.get("Target", ""))).lstrip("/")
            targets[attributes.get("Id", "")] = target
        elif local == "sheet":
            rid = next((value for key, value in attributes.items() if key.endswith(":id")), "")
            sheets.append((attributes.get("name", ""), rid))

    for content in (part("xl/_rels/workbook.xml.rels"), part("xl/workbook.xml")):
        parser = expat.ParserCreate()
        parser.StartElementHandler = start
        parser.Parse(content, True)
    return [(name, names[targets[rid].lower()]) for name, rid in sheets if targets.get(rid, "").lower() in names]
