"""xlsx file -> Grid. python-calamine reads (fast, Rust); openpyxl is the second reader,
used where a workbook is already open in openpyxl."""

from __future__ import annotations

import base64
import datetime as dt
import functools
import html
import io
import json
import posixpath
import re
import struct
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from contextlib import suppress
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, NamedTuple
from urllib.parse import unquote
from xml.etree import ElementTree
from xml.parsers import expat

import python_calamine

from apmon.schemas.a1 import column_letter, column_number
from apmon.schemas.grid import VALUES_SEPARATOR, Grid
from apmon.schemas.personal_data import forget_names_searched
from apmon.templates.sheet_extent import (
    CALAMINE_DAYS,
    MAX_SHEET_CELLS,
    MAX_WORKBOOK_CELLS,
    PLAIN_SHEET_CELLS,
    SheetTooLargeError,
    may_hold_too_far,
    past_calamine,
    plain,
    sheet_cells,
)
from apmon.templates.sniff import (
    MAX_PART_BYTES,
    MAX_PART_TAGS,
    MAX_UNZIPPED_BYTES,
    MAX_WORKBOOK_TAGS,
    FileTooLargeError,
    PartTooLargeError,
    ZipBombError,
    library_said,
    merged_too_large,
    read_at_most,
    read_member,
    read_member_counted,
    shown_text,
    too_large,
    unreadable_reason,
)

if TYPE_CHECKING:  # openpyxl (and numpy with it) is loaded only by the callers that have a book open
    from openpyxl.workbook.workbook import Workbook


class UnreadableFileError(Exception):
    """A file that cannot be read as a workbook at all. `reason` says what it is and what to do; `code` is the
    templates.sniff problem code that tells a person (file-corrupt, file-zip-bomb...), `params` fill its message."""

    def __init__(
        self, file: str, reason: str, code: str = "file-corrupt", params: dict[str, str] | None = None
    ) -> None:
        self.file = file
        self.reason = reason
        self.code = code
        self.params = params or {}
        super().__init__(f"{file}: {reason}")


def read_xlsx(path: Path) -> Grid:
    """A workbook file, read as its bytes are (read_xlsx_bytes): at most the size limit of them."""
    try:
        data = read_at_most(path)
    except FileTooLargeError as exc:
        problem = too_large(path.name, exc.size, exc.limit)
        raise UnreadableFileError(str(path), "too large", problem.code, problem.params) from exc
    except OSError as exc:
        params = {"name": path.name, **unreadable_reason(exc)}
        raise UnreadableFileError(
            str(path), f"cannot be read ({params['reason']})", "file-not-readable", params
        ) from exc
    return _read(data, str(path))


def read_xlsx_bytes(data: bytes, source: str) -> Grid:
    """A workbook's bytes already in memory, read without a temporary file; `source` names it in messages."""
    return _read(data, source)


def _read(data: bytes, source: str) -> Grid:
    # Every member is inflated (no further than its declared size) before python-calamine sees the bytes:
    # calamine reads the zip itself and promises no bound on what it inflates.
    try:
        inspected = _inspect(data)
        errors, comments, properties, texts, parts, shown_otherwise, hidden, right_to_left, negative, _ = inspected
    except ZipBombError as exc:
        if exc.member == "(all)" and (huge := _merged_too_large(data, source)):  # not a member inflating too far
            raise huge from exc
        params = {"member": exc.member, "declared": str(exc.declared)}
        raise UnreadableFileError(source, str(exc), "file-zip-bomb", params) from exc
    except SheetTooLargeError as exc:
        params = {"sheet": exc.sheet, "cell": exc.cell}
        raise UnreadableFileError(source, str(exc), "file-sheet-too-large", params) from exc
    except PartTooLargeError as exc:
        if huge := _merged_too_large(data, source):
            raise huge from exc
        params = {"part": exc.member, "limit": f"{MAX_PART_BYTES // 2**20}"}
        raise UnreadableFileError(source, str(exc), "file-part-too-large", params) from exc
    except _ZIP_ERRORS as exc:
        raise UnreadableFileError(source, f"cannot be read as an Excel workbook ({library_said(exc)})") from exc
    # calamine is given the parts just checked, packed again: a zip that two readers take apart differently
    # (Python's and calamine's disagreed on which central directory a crafted one has) cannot show it others. And
    # only as an xlsx workbook: calamine reads what it finds (an OpenDocument spreadsheet's content.xml, an xlsb's
    # binary workbook), whose sheets the checks above never looked at.
    if "xl/workbook.xml" not in {name for name, _ in parts}:
        raise UnreadableFileError(source, "cannot be read as an Excel workbook (no xl/workbook.xml)")
    xlsx_parts = [(name, content) for name, content in parts if name not in _NOT_XLSX_PARTS]
    try:
        book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(_packed(xlsx_parts)))
        read = {name: book.get_sheet_by_name(name) for name in book.sheet_names}
        sheets = {name: sheet.to_python(skip_empty_area=False) for name, sheet in read.items()}
        merged = [(name, _range_a1(*span)) for name, sheet in read.items() for span in sheet.merged_cell_ranges or ()]
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as exc:  # calamine raises several error types, and a panic of its own (no Exception)
        raise UnreadableFileError(source, f"cannot be read as an Excel workbook ({library_said(exc)})") from exc
    for name, cells in errors.items():
        rows = sheets.get(name)
        if rows is None:
            continue
        for (r, c), code in cells.items():
            rows.extend([] for _ in range(r + 1 - len(rows)))  # a formula without a result may lie past calamine's
            rows[r].extend("" for _ in range(c + 1 - len(rows[r])))
            rows[r][c] = code
    for name, numbers in negative.items():
        held = sheets.get(name)
        for (r, c), number in numbers.items():
            # A negative number in a date's format (Excel shows #####): calamine reads a time of day (-5 as 00:00),
            # which no one typed; the number is read, as a date's cell refuses it. One past its bound it was given
            # as 0 (_within_calamine), in any format.
            if held is None or r >= len(held) or c >= len(held[r]) or (r, c) in errors.get(name, {}):
                continue  # a cell read otherwise (its formula as typed, an error) keeps that reading
            if isinstance(held[r][c], _CALAMINE_TIMES) or number < -CALAMINE_DAYS:
                held[r][c] = number
    trimmed = {name: _trim(rows) for name, rows in sheets.items()}
    return Grid(
        source=source,
        sheets=trimmed,
        comments=comments,
        properties=properties,
        texts=texts,
        merged=merged,
        shown_otherwise=shown_otherwise,
        hidden=hidden,
        right_to_left=right_to_left,
        times=inspected.times,
    )


def _merged_too_large(data: bytes, source: str) -> UnreadableFileError | None:
    """Why a workbook refused for its size is that large, when cells merged over a huge area are (sniff's
    merged_too_large: the sheet and the range to unmerge)."""
    f = io.BytesIO(data)
    with suppress(*_ZIP_ERRORS), zipfile.ZipFile(f) as archive:
        if found := merged_too_large(archive, f, source, part_shown):
            return UnreadableFileError(source, "cells merged over a huge area", found.code, found.params)
    return None


def _range_a1(first: tuple[int, int], last: tuple[int, int]) -> str:
    """A merged range as calamine gives it, 0-based (row, column) of its corners, in A1 form ("E4:E5")."""
    return f"{column_letter(first[1] + 1)}{first[0] + 1}:{column_letter(last[1] + 1)}{last[0] + 1}"


_NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
_CELL_REF = re.compile(r"([A-Z]+)(\d+)")
# ElementTree.ParseError: the sheet XML of an error cell that is not well-formed (an undefined entity, a DTD).
# How an XML part in UTF-16 starts: a byte order mark, or its first "<" with a zero byte. calamine reads such a sheet
# as empty, and the byte searches below read none of it, while Excel shows it all: such a file is refused (but for
# Power Query's part, which Excel writes so, read in UTF-8: _mashup_in_utf8).
_UTF16 = (b"\xff\xfe", b"\xfe\xff", b"<\x00", b"\x00<")
_ZIP_ERRORS = (
    zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError, ValueError, struct.error, KeyError,
    ElementTree.ParseError, expat.ExpatError,
)  # fmt: skip

_REFERENCE = re.compile(r"([A-Za-z]+)([0-9]+)")


class _Inspected(NamedTuple):
    """What a workbook's parts hold that calamine does not read, and the parts themselves, inflated and checked."""

    # error cells (#REF!...) and formulas whose result is not held (_formulas_not_held) by sheet and 0-based (row, col)
    errors: dict[str, dict[tuple[int, int], str]]
    comments: list[tuple[str, str, str]]  # (sheet, cell, text)
    properties: list[tuple[str, str, str]]  # (part, name, text)
    texts: list[tuple[str, str, str, str, str]]  # (place, sheet, where, part, text): Grid.texts
    parts: list[tuple[str, bytes]]  # (name, content), in the zip's order
    shown_otherwise: list[tuple[str, str, str]]  # Grid.shown_otherwise
    hidden: list[tuple[str, str]]  # Grid.hidden
    right_to_left: list[tuple[str, str]]  # Grid.right_to_left
    negative: dict[str, dict[tuple[int, int], float]]  # negative numbers, by sheet and 0-based (row, col)
    times: list[tuple[str, str, str]]  # Grid.times


def _inspect(data: bytes) -> _Inspected:
    """Every part of the workbook inflated and checked: no more than the zip declares (ZipBombError), sound
    (zipfile.BadZipFile), and no sheet reaching too far to be read (SheetTooLargeError); on the way, the error cells
    (#REF!, #DIV/0!...), the cells' comments, the document's properties and the other texts Excel shows outside the
    cells (defined names, headers and footers, data validations, hyperlinks; tables, shapes, text boxes, pictures and
    charts) or keeps a copy of (a chart's, a PivotTable's, a link to another workbook's), which calamine does not read.

    python-calamine reads error cells as empty strings (python-calamine issue #105), which would
    hide them from validation, so error cells are looked up in the sheet XML. Most files have
    none, and a byte search skips them without parsing.
    """
    found: dict[str, dict[tuple[int, int], str]] = {}
    f = io.BytesIO(data)
    with zipfile.ZipFile(f) as archive:
        members = archive.infolist()
        declared = sum(info.file_size for info in members)
        if declared > MAX_UNZIPPED_BYTES:
            raise ZipBombError("(all)", declared)
        with_errors, with_formulas, with_comments, marked, objects, parts = {}, {}, {}, {}, {}, []
        with_cells, with_hidden, with_negative = {}, {}, {}
        workbook_cells = 0
        tags_left = MAX_WORKBOOK_TAGS
        for info in members:
            try:
                limit = min(MAX_PART_TAGS, tags_left)
                content, tags = read_member_counted(f, info, max_bytes=MAX_PART_BYTES, max_tags=limit)
            except PartTooLargeError as exc:
                exc.member = part_shown(archive, f, info.filename)
                raise
            tags_left -= tags
            if content[:2] in _UTF16 and info.filename.lower().endswith((".xml", ".rels")):
                content = _mashup_in_utf8(info.filename, content)
            parts.append((info.filename, content))
            sheet = info.filename.startswith("xl/worksheets/sheet") and info.filename.endswith(".xml")
            if sheet and b't="e"' in content:
                with_errors[info.filename] = content
            if _COMMENTS_PART.search(info.filename):
                with_comments[info.filename] = content
            sheet_data = content.find(b"sheetData")
            if sheet_data >= 0:
                with_cells[info.filename] = content
            if sheet_data >= 0 and _hides(content):
                with_hidden[info.filename] = content
            if sheet_data >= 0 and may_hold_too_far(content, sheet_data):
                with_negative[info.filename] = content
            if sheet_data >= 0 and _has_formula(content, sheet_data):
                with_formulas[info.filename] = content
            if (shown := _shown_part(content, sheet_data)) is not None:
                marked[info.filename] = shown
            if (kind := _object_kind(content) or _binary_kind(content)) is not None:
                objects[info.filename] = kind
            # Any part with sheet data, wherever the workbook puts its sheets and whatever prefix it gives them.
            if sheet_data >= 0:
                extent = None if plain(content) else sheet_cells(content)
                spanned = PLAIN_SHEET_CELLS if extent is None else extent[0] * extent[1]
                workbook_cells += spanned
                if spanned > MAX_SHEET_CELLS or workbook_cells > MAX_WORKBOOK_CELLS:
                    sheet_name = sheet_titles(_workbook_parts(archive, f)).get(info.filename, info.filename)
                    rows, columns = extent or sheet_cells(content)  # a plain sheet's, only for the message
                    raise SheetTooLargeError(shown_text(sheet_name), f"{column_letter(max(columns, 1))}{max(rows, 1)}")
    package = _Package(dict(parts), MAX_UNZIPPED_BYTES - declared)
    # The workbook's part, read where something needs its sheets (a file without any of these, the most, is not)
    styles = package.parts.get(_styles_part(package), b"")
    formats, right_to_left_formats, time_formats = _style_formats(styles)
    needed = any(
        (
            marked,
            objects,
            with_errors,
            with_formulas,
            with_hidden,
            with_negative,
            with_comments,
            formats,
            right_to_left_formats,
            time_formats,
        )
    )
    workbook = _workbook(package) if needed else _Workbook([], [], {})
    sheet_of = workbook.sheet_of()
    comments = _comments(package, sheet_of, with_comments) if with_comments else []
    properties = _properties(_property_parts(package))
    in_cells = _cell_pictures(workbook, package) if objects else {}
    texts = _shown_texts(workbook, sheet_of, package, marked) + _object_texts(workbook, package, objects, in_cells)
    # A picture's cell holds #VALUE! only for programs that cannot show the picture: no error the officer made
    pictured = {place for places in in_cells.values() for place in places}
    recalculated = _RECALCULATED.search(package.parts.get("xl/workbook.xml", b"")) is not None
    shown_otherwise: list[tuple[str, str, str]] = []
    hidden: list[tuple[str, str]] = []
    right_to_left: list[tuple[str, str]] = []
    times: list[tuple[str, str, str]] = []
    negative: dict[str, dict[tuple[int, int], float]] = {}
    too_far: dict[str, list[tuple[int, int]]] = {}  # by the sheet's member
    # Every sheet where a format may show another number than its cell holds, may read right to left or shows a
    # time of day (a rare file: the template has none of them)
    looked_at = (
        with_cells
        if formats or right_to_left_formats or time_formats
        else {**with_errors, **with_formulas, **with_hidden, **with_negative}
    )
    for member, content in looked_at.items():
        name = sheet_of.get(member, member)
        passed = {cell for sheet_name, cell in pictured if sheet_name == name}
        read = _cells_read_otherwise(content, recalculated, passed, formats, right_to_left_formats, time_formats)
        found[name] = read.values
        shown_otherwise += [(name, f"{column_letter(c + 1)}{r + 1}", code) for (r, c), code in read.shown.items()]
        hidden += [(name, f"{column_letter(c + 1)}{r + 1}") for r, c in read.hidden]
        right_to_left += [(name, f"{column_letter(c + 1)}{r + 1}") for r, c in read.right_to_left]
        times += [(name, f"{column_letter(c + 1)}{r + 1}", code) for (r, c), code in read.times.items()]
        if read.negative:
            negative[name] = read.negative
        if read.too_far:
            too_far[member] = read.too_far
    if too_far:
        parts = [
            (part, _within_calamine(content, too_far[part]) if part in too_far else content) for part, content in parts
        ]
    return _Inspected(
        found, comments, properties, texts, parts, shown_otherwise, hidden, right_to_left, negative, times
    )


class _CellsRead(NamedTuple):
    """What _cells_read_otherwise finds in a sheet, by 0-based (row, column)."""

    values: dict[tuple[int, int], str]  # what is read instead of calamine's value
    shown: dict[tuple[int, int], str]  # the number format that shows another number than the cell holds
    hidden: list[tuple[int, int]]  # the cells with a value in a hidden row or column
    right_to_left: list[tuple[int, int]]  # the cells holding a text whose format reads right to left
    negative: dict[tuple[int, int], float]  # the cells holding a negative number, with it
    too_far: list[tuple[int, int]]  # (start, end) in the sheet's bytes of each negative number past CALAMINE_DAYS
    times: dict[tuple[int, int], str]  # the cells holding a number in a format that shows a time (_time_formats): it


# A row or column hidden, or made 0 high or wide (in a sheet's XML: rows and columns are all that Excel hides so).
# Each search starts with a fixed text, which keeps it fast; the attribute's name is checked whole after it.
_HIDDEN = tuple(
    re.compile(pattern)
    for pattern in (
        rb"""hidden\s*=\s*["'](?:1|true)["']""",
        rb"""ht\s*=\s*["']0*(?:\.0*)?["']""",  # not fitToHeight="0"
        rb"""width\s*=\s*["']0*(?:\.0*)?["']""",
    )
)


def _hides(content: bytes) -> bool:
    """Whether a sheet's XML may hide a row or a column (_HIDDEN)."""
    return any(
        content[at - 1 : at].isspace() for hides in _HIDDEN for at in (m.start() for m in hides.finditer(content))
    )


# Excel's built-in number formats that show another number than a cell holds: percentages (ECMA-376 18.8.30).
_BUILT_IN_FORMATS = {9: "0%", 10: "0.00%"}
_QUOTED = re.compile(r'"[^"]*"?|\\.|[_*].')  # a text in quotes, a character escaped, a space as wide as one, a fill
_BRACKETS = re.compile(r"\[[^\]]*\]?")  # a colour, a locale or currency ([$-241A]), an elapsed time or a condition
_CONDITION = re.compile(r"\[\s*[<>=]")
_DIGITS = re.compile(r"[0#?]")
_SCALED = re.compile(r"[0#?],+(?![0#?,])")  # "#,##0," shows thousands; "#,##0" only groups them
_DATE = re.compile(r"(?i)[dmyhs]|am/pm|a/p")


def _style_formats(styles: bytes) -> tuple[dict[int, str], set[int], dict[int, str]]:
    """_misleading_formats, _right_to_left_formats and _time_formats of a styles part (read only). A template's
    styles part is the same in every report made of it, so a small one is read once and kept."""
    if len(styles) > _LONGEST_SHOWN_KEPT:  # a crafted file's: not kept, it would hold memory
        return _misleading_formats(styles), _right_to_left_formats(styles), _time_formats(styles)
    return _small_style_formats(styles)


@functools.lru_cache(maxsize=64)
def _small_style_formats(styles: bytes) -> tuple[dict[int, str], set[int], dict[int, str]]:
    return _misleading_formats(styles), _right_to_left_formats(styles), _time_formats(styles)


def _styles_part(package: _Package) -> str:
    """The workbook's styles part, as its relationships name it."""
    styles = [t for kind, t in package.relationships("xl/workbook.xml").values() if kind.endswith("/styles")]
    return styles[0] if styles else "xl/styles.xml"


_FORMAT_CODE = re.compile(rb"""formatCode\s*=\s*(["'])(.*?)\1""", re.DOTALL)
_PERCENT_ID = re.compile(rb"""numFmtId\s*=\s*["'](?:9|10)["']""")


def _misleading_formats(styles: bytes) -> dict[int, str]:
    """Cell format (index of cellXfs) -> its number format, of the formats that may show a number other than the
    cell holds (_shows_otherwise for some value): in a workbook's styles part. Read as a stream (_elements), where a
    byte search finds such a format at all (a template's styles have a date's format only)."""
    typed = (html.unescape(code.decode("utf-8", "replace")) for _, code in _FORMAT_CODE.findall(styles))
    if not _PERCENT_ID.search(styles) and not any(_may_mislead(code) for code in typed):
        return {}
    return {i: code for i, code in _cell_formats(styles, _BUILT_IN_FORMATS).items() if _may_mislead(code)}


def _cell_formats(styles: bytes, built_in: dict[int, str]) -> dict[int, str]:
    """Cell format (index of cellXfs) -> its number format's code, where the styles part or `built_in` gives it."""
    codes = dict(built_in)
    found: dict[int, str] = {}
    formats: list[int] = []  # the number format of each cell format read since the last list of them ended
    for tag, attributes, _ in _elements(styles, frozenset({"numFmt", "xf", "cellXfs", "cellStyleXfs"})):
        if tag == "numFmt" and attributes.get("numFmtId", "").isdigit():
            codes[int(attributes["numFmtId"])] = attributes.get("formatCode", "")
        elif tag == "xf":
            number = attributes.get("numFmtId", "0")
            formats.append(int(number) if number.isdigit() else 0)
        elif tag == "cellXfs":
            found = {i: codes[n] for i, n in enumerate(formats) if n in codes}
        if tag in ("cellXfs", "cellStyleXfs"):
            formats = []
    return found


# Excel's built-in number formats that show a time of day and no date (ECMA-376 18.8.30)
_BUILT_IN_TIMES = {
    18: "h:mm AM/PM",
    19: "h:mm:ss AM/PM",
    20: "h:mm",
    21: "h:mm:ss",
    45: "mm:ss",
    46: "[h]:mm:ss",
    47: "mm:ss.0",
}
_TIME_ID = re.compile(rb"""numFmtId\s*=\s*["'](?:18|19|20|21|45|46|47)["']""")
_ELAPSED = re.compile(r"(?i)\[(h+|m+|s+)\]")  # [h]:mm: hours past 24, a time still


def _time_formats(styles: bytes) -> dict[int, str]:
    """Cell format (index of cellXfs) -> its number format, of the formats that show a time of day and no date
    (12:00, 12:00:00 PM, [h]:mm): a number below 1 there is a time the officer sees, as calamine reads it, quoted as
    its format shows it; in a date's format it is a number, quoted as typed (templates.parse). Read as a stream
    (_elements), where a byte search finds such a format at all (a template's styles have a date's format only)."""
    typed = (html.unescape(code.decode("utf-8", "replace")) for _, code in _FORMAT_CODE.findall(styles))
    if not _TIME_ID.search(styles) and not any(_shows_a_time(code) for code in typed):
        return {}
    return {i: code for i, code in _cell_formats(styles, _BUILT_IN_TIMES).items() if _shows_a_time(code)}


def _shows_a_time(code: str) -> bool:
    """Whether number format `code` shows a number as a time of day and no date: hours or seconds (elapsed ones
    too: [h]), no day and no year (an "m" beside them is minutes)."""
    section = _BRACKETS.sub("", _ELAPSED.sub(r"\1", _sections(code)[0])).replace("\x00", "").lower()
    return bool(re.search("[hs]", section)) and not re.search("[dy]", section)


_READING_ORDER = re.compile(rb"""readingOrder\s*=\s*["']\s*2""")


def _right_to_left_formats(styles: bytes) -> set[int]:
    """The cell formats (indexes of cellXfs) whose alignment sets the reading order right to left (readingOrder 2:
    Format Cells > Alignment > Text direction: Right-to-Left), their own or, where a format has no alignment of its
    own, its cell style's. Read as a stream (_elements), where a byte search finds such an alignment at all."""
    if not _READING_ORDER.search(styles):
        return set()
    orders: list[tuple[str | None, str]] = []  # (own reading order or None, cell style) of each format read
    style_orders: list[str | None] = []
    cell_formats: list[tuple[str | None, str]] = []
    order: str | None = None  # the alignment of the format being read (an alignment ends before its format)
    for tag, attributes, _ in _elements(styles, frozenset({"alignment", "xf", "dxf", "cellXfs", "cellStyleXfs"})):
        if tag == "alignment":
            order = attributes.get("readingOrder", "0").strip()
        elif tag == "xf":
            orders.append((order, attributes.get("xfId", "0").strip()))
            order = None
        elif tag == "dxf":  # a conditional format's alignment, which Excel does not apply
            order = None
        elif tag == "cellStyleXfs":
            style_orders, orders = [own for own, _ in orders], []
        else:
            cell_formats, orders = orders, []
    found = set()
    for index, (own, style) in enumerate(cell_formats):
        inherited = style_orders[int(style)] if style.isdigit() and int(style) < len(style_orders) else None
        if (own if own is not None else inherited) == "2":
            found.add(index)
    return found


def _sections(code: str) -> list[str]:
    return _QUOTED.sub("\x00", code).split(";")  # a text shown stays a character: "" is no section left empty


def _may_mislead(code: str) -> bool:
    return any(_shows_otherwise(code, value) for value in (1.0, -1.0, 0.0, None))


def _shows_otherwise(code: str, value: float | None) -> bool:
    """Whether number format `code` shows `value` (None: a text) as another number or text than it is: a condition
    chooses what is shown ([>100]"100"), or the section it falls into shows a percentage, thousands ("#,##0,") or
    no digit of it (";;;", a text in quotes); a text, where a fourth section shows no "@". A date's format (calamine
    reads such a cell as a date: number-is-a-date) and General show the number."""
    if _CONDITION.search(code):
        return True
    sections = _sections(code)
    if value is None:
        return len(sections) > 3 and "@" not in sections[3]
    if value == 0 and len(sections) > 2:  # a zero shown as a dash or nothing, as accounting formats show it
        return False
    section = _BRACKETS.sub("", sections[1 if value < 0 and len(sections) > 1 else 0])
    if section.strip().lower() == "general" or "@" in section:  # "@": a number in a text's format shows as typed
        return False
    if _DATE.search(section.replace("\x00", "")) and not _DIGITS.search(section):
        return False
    return "%" in section or bool(_SCALED.search(section)) or not _DIGITS.search(section)


def _has_formula(content: bytes, sheet_data: int) -> bool:
    """Whether a sheet's cells (after where `sheet_data` is first mentioned) may hold a formula: an f element,
    unprefixed or prefixed (<x:f>). A search that starts with a fixed text, which keeps it fast; a text that only
    looks like one costs a reading of the cells (_cells_read_otherwise), which finds none."""
    return bool(_UNPREFIXED_FORMULA.search(content, sheet_data) or _PREFIXED_FORMULA.search(content, sheet_data))


_UNPREFIXED_FORMULA = re.compile(rb"<f[\s>/]")
# What calamine reads a negative number in a date's format as
_CALAMINE_TIMES = (dt.time,)
_PREFIXED_FORMULA = re.compile(rb":f[\s>/]")


# The workbook asking Excel to calculate every formula again on opening (calcPr's fullCalcOnLoad, which openpyxl and
# XlsxWriter write, the latter with 0 as every result).
_RECALCULATED = re.compile(rb"""\sfullCalcOnLoad\s*=\s*["'](?:1|true)["']""")


def _cells_read_otherwise(
    content: bytes,
    recalculated: bool,
    pictures: set[str],
    formats: dict[int, str],
    right_to_left: set[int],
    time_formats: dict[int, str],
) -> _CellsRead:
    """The cells of a sheet's XML that calamine does not read as Excel shows them, by 0-based (row, column), each with
    what is read instead: an error cell's error (#REF!: calamine reads an empty text), unless it stands for a picture
    placed in it (`pictures`: their references); and a formula whose result is not what Excel shows, as the formula
    typed ("=500*2"), which a number's cell refuses (formula-not-calculated): one saved without its result (by a
    script; calamine reads a blank), or any formula of a workbook that Excel calculates again on opening
    (`recalculated`), whose results in the file may be other than what Excel then shows. Read as a stream (a
    crafted sheet of millions of elements must not become a tree of them in memory); cells are placed as calamine
    places them (_sheet_cells): by their reference, else at the next position. And the cells whose number format
    shows another number or text than they hold (`formats`: _misleading_formats), each with its format; and those
    with a value in a row or column that is hidden (or 0 high or wide), which no one sees and which is read; and
    those holding a text whose format (`right_to_left`: _right_to_left_formats) reads right to left; and those holding
    a number whose format (`time_formats`: _time_formats) shows a time of day."""
    found: dict[tuple[int, int], str] = {}
    shown: dict[tuple[int, int], str] = {}
    hidden: list[tuple[int, int]] = []
    reversed_texts: list[tuple[int, int]] = []
    negative: dict[tuple[int, int], float] = {}
    too_far: list[tuple[int, int]] = []
    timed: dict[tuple[int, int], str] = {}
    value_starts = 0  # where the v element being read starts in `content` (its "<")
    in_hidden_rows: list[tuple[int, int]] = []  # not hidden if a filter hid them: its button shows that it did
    hidden_columns: list[tuple[int, int]] = []  # (first, last) of each run of hidden columns
    row_hidden = filtered = False
    shared: dict[str, str] = {}  # a shared formula's text, by its index (the cells after its first have none)
    row = column = 0
    cell: dict[str, str] = {}  # the cell being read: its attributes, its formula's (f.*), what f and v hold
    inside: list[str] = []  # the text of the f or v element being read

    def start(name: str, attributes: dict[str, str]) -> None:
        nonlocal row, column, cell, inside, row_hidden, filtered, value_starts
        local = name.rpartition(":")[2]
        filtered = filtered or local == "autoFilter"
        if local == "row":
            reference = attributes.get("r", "").strip()
            row, column = (int(reference) if reference.isdigit() else row + 1), 0
            row_hidden = _is_hidden(attributes, "ht")
        elif local == "col" and _is_hidden(attributes, "width"):
            first, last = attributes.get("min", ""), attributes.get("max", "")
            if first.isdigit() and last.isdigit():
                hidden_columns.append((int(first), int(last)))
        elif local == "c":
            if found_reference := _REFERENCE.fullmatch(attributes.get("r", "").strip()):
                row, column = int(found_reference[2]), column_number(found_reference[1].upper())
            else:
                column += 1
            cell = dict(attributes)
        elif local in ("f", "v", "is") and cell:
            cell.update({f"{local}.{key}": value for key, value in attributes.items()}, **{local: ""})
            inside = []
            if local == "v":
                value_starts = parser.CurrentByteIndex

    def text(data: str) -> None:
        inside.append(data)

    def end(name: str) -> None:
        nonlocal cell, inside
        local = name.rpartition(":")[2]
        if local in ("f", "v") and cell:
            cell[local] = "".join(inside).strip() if local == "f" else "".join(inside)
            too_far_here = local == "v" and cell.get("t", "n") == "n" and past_calamine(cell["v"])
            if too_far_here and (tag := _START_TAG.match(content, value_starts)):  # a ">" may be in its attributes
                too_far.append((tag.end(), parser.CurrentByteIndex))
        elif local == "c" and cell:
            if row > 0 and column > 0 and (read := _read_otherwise(cell, recalculated, pictures, shared)):
                found[(row - 1, column - 1)] = read
            code = formats.get(int(cell["s"])) if formats and cell.get("s", "").isdigit() else None
            if row > 0 and column > 0 and code is not None and _held_shown_otherwise(cell, code):
                shown[(row - 1, column - 1)] = code
            style = cell.get("s", "0")  # a cell without a style has the workbook's first format
            text_held = cell.get("t") in ("s", "inlineStr", "str") and (cell.get("v") or "is" in cell)
            if text_held and style.isdigit() and int(style) in right_to_left and row > 0 and column > 0:
                reversed_texts.append((row - 1, column - 1))
            number_held = cell.get("t", "n") == "n" and cell.get("v", "").strip()
            if number_held and style.isdigit() and int(style) in time_formats and row > 0 and column > 0:
                timed[(row - 1, column - 1)] = time_formats[int(style)]
            if cell.get("t", "n") == "n" and cell.get("v", "").strip().startswith("-") and row > 0 and column > 0:
                with suppress(ValueError):
                    negative[(row - 1, column - 1)] = float(cell["v"])
            if (cell.get("v") or "is" in cell) and row > 0 and column > 0:
                if any(first <= column <= last for first, last in hidden_columns):
                    hidden.append((row - 1, column - 1))
                elif row_hidden:
                    in_hidden_rows.append((row - 1, column - 1))
            cell = {}
        inside = []

    parser = expat.ParserCreate()
    parser.buffer_text = True  # a text in one piece, not one piece a line: a cell of a million line breaks
    parser.StartElementHandler, parser.EndElementHandler, parser.CharacterDataHandler = start, end, text
    parser.Parse(content, True)
    shown_hidden = hidden + ([] if filtered else in_hidden_rows)
    return _CellsRead(found, shown, shown_hidden, reversed_texts, negative, too_far, timed)


# An element's start tag, its attributes' values quoted (where a ">" may stand), as expat has just read it
_START_TAG = re.compile(rb"""<[^\s/>]+(?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*\s*>""")


def _within_calamine(content: bytes, spans: list[tuple[int, int]]) -> bytes:
    """A sheet's XML with each number at `spans` (_CellsRead.too_far) made 0, for calamine only: in a date's format
    calamine converts it to a time and panics past its bound; the number itself is read back into the grid (_read)."""
    pieces, at = [], 0
    for start, end in spans:
        pieces += [content[at:start], b"0"]
        at = end
    return b"".join([*pieces, content[at:]])


def _is_hidden(attributes: dict[str, str], size: str) -> bool:
    """Whether a row's or column's attributes hide it, or make it 0 high or wide (`size`: ht or width)."""
    if attributes.get("hidden", "").strip() in ("1", "true"):
        return True
    try:
        return float(attributes.get(size, "")) == 0
    except ValueError:
        return False


def _held_shown_otherwise(cell: dict[str, str], code: str) -> bool:
    """Whether number format `code` shows a cell's value (its attributes, v as read) as another than it holds."""
    if cell.get("t") in ("s", "inlineStr", "str"):
        return _shows_otherwise(code, None)
    try:
        return cell.get("t", "n") == "n" and _shows_otherwise(code, float(cell.get("v", "")))
    except ValueError:  # no value, or none of a number
        return False


def _read_otherwise(cell: dict[str, str], recalculated: bool, pictures: set[str], shared: dict[str, str]) -> str:
    """What _cells_read_otherwise reads in one cell (its attributes, f and v as read there), "" where calamine's
    reading stands."""
    if "f" in cell:
        if cell["f"] and cell.get("f.t") == "shared":
            shared[cell.get("f.si", "")] = cell["f"]
        held = bool(cell.get("v")) or ("v" in cell and cell.get("t") == "str")  # ="" holds an empty text
        if recalculated or not held:
            return f"={cell['f'] or shared.get(cell.get('f.si', ''), '')}"
    if cell.get("t") == "e" and cell.get("v") and cell.get("r", "") not in pictures:
        return cell["v"]
    return ""


_NOT_XLSX_PARTS = frozenset({"mimetype", "content.xml", "xl/workbook.bin"})

# Power Query's queries, the one part Excel writes in UTF-16: a custom XML part whose root is DataMashup
_CUSTOM_XML_PART = re.compile(r"(?i)customXml/item[0-9]*\.xml")
_DECLARED_ENCODING = re.compile(r"""^(\s*<\?xml\s[^<>]*?encoding\s*=\s*["'])[^"']*""")


def _mashup_in_utf8(name: str, content: bytes) -> bytes:
    """A custom XML part in UTF-16 that holds Power Query's queries (a DataMashup, as Excel writes it), in UTF-8 so
    that the byte searches read it as they read every part; any other part in UTF-16 is refused (ValueError)."""
    if _CUSTOM_XML_PART.fullmatch(name):
        marked = content[:2] in (b"\xff\xfe", b"\xfe\xff")  # else "<" and a zero byte: little-endian
        encoding = "utf-16" if marked else "utf-16-le" if content[:1] == b"<" else "utf-16-be"
        with suppress(UnicodeDecodeError):
            utf8 = _DECLARED_ENCODING.sub(r"\1utf-8", content.decode(encoding).lstrip("\ufeff"), count=1).encode()
            if _object_kind(utf8) == "query":
                return utf8
    raise ValueError(f"{name} is in UTF-16, which no spreadsheet program writes")


# A stored zip's local header, central directory header and end record (APPNOTE 4.3.7, 4.3.12, 4.3.16)
_LOCAL_HEADER = struct.Struct("<4s5H3L2H")
_CENTRAL_HEADER = struct.Struct("<4s6H3L5H2L")
_END_RECORD = struct.Struct("<4s4H2LH")
_DOS_1980 = (0, 33)  # time, date: 1 January 1980, zipfile's ZipInfo default
_MADE_BY_UNIX, _EXTRACT_VERSION, _OWNER_READ_WRITE = 0x314, 20, 0o600 << 16
_ZIP64_LIMIT = (1 << 31) - 1  # zipfile's: a size or offset past it is written as zip64


def _packed(parts: list[tuple[str, bytes]]) -> bytes:
    """A zip of `parts` as they are (stored, not compressed again: calamine then inflates nothing). Written here
    byte for byte as zipfile writes it (writestr of a ZipInfo on Unix), without its work per member; zipfile
    where it writes zip64 (more than 65,535 parts, a part or an offset near 2 GiB, which the limits refuse before)."""
    lengths = [len(content) for _, content in parts]
    if len(parts) > 0xFFFF or sum(lengths) > _ZIP64_LIMIT or max(lengths, default=0) * 1.05 > _ZIP64_LIMIT:
        return _packed_by_zipfile(parts)  # zipfile writes a part's sizes in zip64 past the limit divided by 1.05
    chunks: list[bytes] = []
    directory: list[bytes] = []
    at = 0
    for name, content in parts:
        try:
            raw, flags = name.encode("ascii"), 0
        except UnicodeEncodeError:
            raw, flags = name.encode("utf-8"), 0x800  # the name in UTF-8, as the flag says
        crc, size = zlib.crc32(content), len(content)
        sizes = (*_DOS_1980, crc, size, size, len(raw))
        local = _LOCAL_HEADER.pack(b"PK\x03\x04", _EXTRACT_VERSION, flags, 0, *sizes, 0)
        central = _CENTRAL_HEADER.pack(
            b"PK\x01\x02", _MADE_BY_UNIX, _EXTRACT_VERSION, flags, 0, *sizes, 0, 0, 0, 0, _OWNER_READ_WRITE, at
        )
        directory += (central, raw)
        chunks += (local, raw, content)
        at += len(local) + len(raw) + size
    listed = b"".join(directory)
    if at > _ZIP64_LIMIT or len(listed) > _ZIP64_LIMIT:  # the parts' headers and names took the directory past it
        return _packed_by_zipfile(parts)
    end = _END_RECORD.pack(b"PK\x05\x06", 0, 0, len(parts), len(parts), len(listed), at, 0)
    return b"".join(chunks) + listed + end


def _packed_by_zipfile(parts: list[tuple[str, bytes]]) -> bytes:
    packed = io.BytesIO()
    with zipfile.ZipFile(packed, "w", zipfile.ZIP_STORED) as archive:
        for name, content in parts:
            archive.writestr(zipfile.ZipInfo(name), content)
    return packed.getvalue()


# A cell's comment: Excel's notes (xl/comments1.xml) and threaded comments (xl/threadedComments/...).
_COMMENTS_PART = re.compile(r"(?i)^xl/(?:.*/)?(?:threaded)?comments?\d*\.xml$")
_COMMENT_TAGS = ("comment", "threadedComment")


def _comments(package: _Package, sheets: dict[str, str], parts: dict[str, bytes]) -> list[tuple[str, str, str]]:
    """(sheet, cell, text) of every comment in `parts`, its sheet found through the sheets' relationships (`sheets`:
    part -> sheet's name; the comments part's name where none names it)."""
    sheet_of = {target: name for member, name in sheets.items() for _, target in package.relationships(member).values()}
    found = []
    for member, content in parts.items():  # parsed as XML: a damaged part makes the file corrupt, as Excel has it
        for element in ElementTree.fromstring(content).iter():
            cell = element.get("ref", "")
            if element.tag.rpartition("}")[2] in _COMMENT_TAGS and _CELL_REF.fullmatch(cell.upper()):
                text = "".join(element.itertext()).strip()
                if text:
                    found.append((sheet_of.get(member, member), cell.upper(), text))
    return found


# The document's properties (Excel's File > Info > Properties): the core ones (title, author, tags...), the
# extended ones (company, manager, hyperlink base...) and the custom ones. Excel shows those of the parts the
# package's relationships (_rels/.rels) name by these types, whatever their names; the parts where Excel and
# LibreOffice save them are read as well, named or not.
_PROPERTIES_PART = re.compile(r"(?i)docProps/(core|app|custom)\.xml")
_PROPERTIES_TYPES = {"core-properties": "core", "extended-properties": "app", "custom-properties": "custom"}
_TARGET = re.compile(rb"""\sTarget\s*=\s*["']([^"']*)""")
_USUAL_TARGETS = frozenset(
    f"{root}{part}".encode()
    for root in ("", "/")
    for part in ("xl/workbook.xml", "docProps/core.xml", "docProps/app.xml", "docProps/custom.xml")
)


def _property_parts(package: _Package) -> list[tuple[str, bytes]]:
    """(core, app or custom; content) of every properties part of `package`."""
    parts = package.parts
    kinds = {name: found[1].lower() for name in parts if (found := _PROPERTIES_PART.fullmatch(name))}
    rels = parts.get(package.name("_rels/.rels"), b"")
    if not set(_TARGET.findall(rels)) <= _USUAL_TARGETS:  # the properties elsewhere than where they usually are
        for kind_of, target in _relationships(rels, "").values():
            kind, name = _PROPERTIES_TYPES.get(kind_of.rpartition("/")[2]), package.name(target)
            if kind and name:
                kinds[name] = kind
    return [(kind, parts[name]) for name, kind in kinds.items()]


def _properties(parts: list[tuple[str, bytes]]) -> list[tuple[str, str, str]]:
    """(part, name, text) of the document properties in `parts` ((part, content), part "core", "app" or "custom"):
    every custom one, by its name; a core or extended one by its element's name, where it has a text. An element
    with elements inside it (the extended properties' lists of the sheets' names) is no property anyone types."""
    found = []
    for part, content in parts:  # parsed as XML: a damaged part makes the file corrupt, as a comment's does
        for element in ElementTree.fromstring(content):
            if part == "custom":
                found.append((part, element.get("name", ""), "".join(element.itertext()).strip()))
            elif len(element) == 0 and element.text and element.text.strip():
                found.append((part, element.tag.rpartition("}")[2], element.text.strip()))
    return found


# What else Excel shows that a person typed, outside the cells: a sheet's headers and footers, its data validations
# (their input and error messages, a list typed out) and hyperlinks, and the workbook's defined names. A byte search
# passes by the parts without them; a report template has all but hyperlinks.
_SHEET_MARKS = (b"headerFooter", b"dataValidation", b"hyperlink", b"definedName")
_CELLESS_ROOTS = (b"workbook", b"chartsheet", b"dialogsheet")  # parts with such texts and no cells
_HEADERS_FOOTERS = frozenset({"oddHeader", "oddFooter", "evenHeader", "evenFooter", "firstHeader", "firstFooter"})
_SHEET_ELEMENTS = _HEADERS_FOOTERS | {"dataValidation", "sqref", "formula1", "hyperlink"}
# A comment, CDATA, a DTD or an instruction after the declaration: a tag may stand in one, and what Excel reads may
# stand hidden in one from the byte search (an entity). Excel writes none; a part holding one is read whole.
_HIDING = (b"<!", b"<?")
_UTF8_BOM = b"\xef\xbb\xbf"
# (no "<" in a tag, not even in an attribute's value: each try stops at the next tag). A prefix is an XML name: any
# letter, so any byte of a character past ASCII in UTF-8 (ш:sheetData); ASCII alone, a crafted prefix hid the end.
_NAME = rb"[A-Za-z_\x80-\xff][\w.\x80-\xff-]*"
_NAME_PREFIX = rb"(?:" + _NAME + rb":)?"
_CELLS_END = re.compile(
    rb"</" + _NAME_PREFIX + rb"sheetData\s*>"
    rb"|<" + _NAME_PREFIX + rb"sheetData(?:\s(?:[^<>\"']|\"[^<\"]*\"|'[^<']*')*)?/>"
)
_VALIDATION_TEXTS = ("promptTitle", "prompt", "errorTitle", "error")
_HYPERLINK_TEXTS = ("location", "display", "tooltip")


def _shown_part(content: bytes, opened: int) -> bytes | None:
    """The XML of a part to read for what else Excel shows (None: nothing there), by a byte search that most parts
    pass quickly. A worksheet's cells hold none of it, and Excel writes it after them: a worksheet's XML from the
    first of it after the cells to the end, as a document of its own (the part's XML declaration kept), small. The
    whole part where some stands before the cells, and for the workbook's part, a chartsheet and a dialog sheet (no
    cells). A part in UTF-16, which the search cannot read, is refused before. `opened`: where "sheetData" is first
    mentioned."""
    if opened < 0:  # its root's name looked for anywhere: a comment or blank lines may stand before it
        shown = any(root in content for root in _CELLESS_ROOTS) and _first_mark(content) >= 0
        return content if shown else None
    bom = len(_UTF8_BOM) if content.startswith(_UTF8_BOM) else 0
    declared = content.find(b"?>") + 2 if content.startswith(b"<?xml", bom) else 0
    if _first_mark(content, 0, opened) >= 0 or any(content.find(s, declared) >= 0 for s in _HIDING):
        return content
    # With none of them, every "<" is a tag's: the cells end at the first sheetData element's end after the first
    # mention (an end tag, or an empty element: <sheetData/>), which is where they end or earlier (more is read).
    after = _cells_end(content, max(content.rfind(b"<", 0, opened), 0))
    if after < 0:
        after = opened
    if (first := _first_mark(content, after)) < 0:
        return None
    start, end = content.rfind(b"<", 0, first), content.rfind(b"</")
    if not 0 <= start < end:
        return content
    declaration = content[: content.find(b"?>") + 2] if content.startswith(b"<?xml") else b""
    return declaration + b"<r>" + content[start:end] + b"</r>"


def _cells_end(content: bytes, start: int) -> int:
    """Where the first match of _CELLS_END from `start` ends (-1: none). A match is a "<" and, with no "<" between,
    the name sheetData: so the name is found by a byte search and the expression tried from the "<" before it (tried
    at every byte, it took most of the time spent on a sheet's cells). The first "<" that matches starts the first
    match: one that started before it would hold it. Each stretch is looked at once: a crafted part repeats the name."""
    before = start
    at = content.find(b"sheetData", start)
    while at >= 0:
        # the "<" before this mention; none since the last mention: the same "<" as for that one, tried already
        tag = content.rfind(b"<", before, at)
        if tag >= 0 and (found := _CELLS_END.match(content, tag)) is not None:
            return found.end()
        before, at = at, content.find(b"sheetData", at + 1)
    return -1


def _first_mark(content: bytes, start: int = 0, end: int | None = None) -> int:
    """Where the first of _SHEET_MARKS stands in content[start:end] (-1: none). One byte search per mark: a regular
    expression of them all tried each at every byte, several times slower on a sheet's cells."""
    return min((at for mark in _SHEET_MARKS if (at := content.find(mark, start, end)) >= 0), default=-1)


def _shown_texts(
    workbook: _Workbook, sheet_of: dict[str, str], package: _Package, marked: dict[str, bytes]
) -> list[tuple[str, str, str, str, str]]:
    """(place, sheet, where, part, text) of every text Excel shows outside the cells (Grid.texts): the defined names
    of the workbook, and what the sheets among `marked` hold (part -> what _shown_part found to read of it;
    `sheet_of`: the workbook's sheets, part -> name)."""
    found = []
    for attributes, text in workbook.names:
        scope = attributes.get("localSheetId", "")
        owner = workbook.sheets[int(scope)][0] if scope.isdigit() and int(scope) < len(workbook.sheets) else ""
        name = attributes.get("name", "")
        typed = {"name": name, "value": text, "comment": attributes.get("comment", "")}
        found += [("defined-name", owner, name, part, value) for part, value in typed.items() if value.strip()]
    for member, shown in marked.items():
        if (sheet := sheet_of.get(member)) is not None:
            try:
                elements = _shown_elements(shown)
            except expat.ExpatError:  # the part cut where it should not be (in a comment, say): read whole
                elements = list(_elements(package.parts[member], _SHEET_ELEMENTS))
            found += _sheet_texts(sheet, elements, package.relationships(member))
    return found


def _shown_elements(shown: bytes) -> list[tuple[str, dict[str, str], str]]:
    """_elements of what _shown_part found to read of a sheet. The template writes the same data validations and
    headers in every report of an institution and language, so a small one is read once and kept (read only)."""
    if len(shown) > _LONGEST_SHOWN_KEPT:  # a crafted file's: not kept, it would hold memory
        return list(_elements(shown, _SHEET_ELEMENTS))
    return list(_small_shown_elements(shown))


_LONGEST_SHOWN_KEPT = 2**14  # bytes; a template's sheet has about 1 KiB of it, at most a few


@functools.lru_cache(maxsize=256)
def _small_shown_elements(shown: bytes) -> tuple[tuple[str, dict[str, str], str], ...]:
    return tuple(_elements(shown, _SHEET_ELEMENTS))


def forget_what_was_read() -> None:
    """Let go of what reading keeps to be asked again (sheets' data validations and headers, styles' number formats,
    relationships' targets, workbooks' sheets and defined names, files' names searched for personal data): called
    after a run, as any of them may hold what a person typed."""
    _small_shown_elements.cache_clear()
    _small_style_formats.cache_clear()
    _small_relationships.cache_clear()
    _small_workbook_elements.cache_clear()
    forget_names_searched()


def _sheet_texts(
    sheet: str, elements: list[tuple[str, dict[str, str], str]], links: dict[str, tuple[str, str]]
) -> list[tuple[str, str, str, str, str]]:
    """Grid.texts of one sheet from its _elements: its headers and footers, data validations and hyperlinks (`links`:
    its relationships, where a hyperlink's address is)."""
    found = []
    inside: dict[str, str] = {}  # a data validation's sqref and formula1 elements, which end before it does
    for tag, attributes, text in elements:
        if tag in _HEADERS_FOOTERS and text and (shown := _header_text(text)):
            found.append(("header-footer", sheet, "", tag, shown))
        elif tag in ("sqref", "formula1"):
            inside[tag] = text
        elif tag == "dataValidation":
            cells = " ".join((attributes.get("sqref") or inside.get("sqref", "")).split())
            typed = {part: attributes.get(part, "") for part in _VALIDATION_TEXTS}
            formula = inside.get("formula1", "").strip()
            if attributes.get("type") == "list" and formula.startswith('"'):  # "a,b,c": a list typed out
                typed["list"] = "\n".join(formula.strip('"').replace('""', '"').split(","))
            elif attributes.get("type") == "custom":  # Allow: Custom, a formula as typed
                typed["formula"] = formula
            found += [("validation", sheet, cells, part, value) for part, value in typed.items() if value.strip()]
            inside = {}
        elif tag == "hyperlink":
            typed = {part: attributes.get(part, "") for part in _HYPERLINK_TEXTS}
            typed["target"] = unquote(links.get(_relationship_id(attributes), ("", ""))[1])
            cell = attributes.get("ref", "")
            found += [("hyperlink", sheet, cell, part, value) for part, value in typed.items() if value.strip()]
    return found


def _elements(content: bytes, tags: frozenset[str]) -> Iterator[tuple[str, dict[str, str], str]]:
    """(tag, attributes, text) of every element of the XML `content` whose tag, less any prefix, is one of `tags`,
    in the order they end (an element's own ones first); its text is the text inside it but not inside another of
    them (so each character is kept once, however deep a crafted part nests them). Read with expat, a block at a time,
    the elements found handed on after each (no tree is built, as ElementTree would: the parts are read for every
    file; and a part that keeps a million values is never held as a million elements)."""
    found: list[tuple[str, dict[str, str], str]] = []
    opened: list[tuple[str, dict[str, str], int]] = []  # (tag, attributes, where its text starts) of each one open
    text: list[str] = []  # the text inside those open, but not inside one that ended

    def start(name: str, attributes: dict[str, str]) -> None:
        if (tag := name.rpartition(":")[2] if ":" in name else name) in tags:
            if not opened:
                text.clear()  # what stands outside all of them is no one's text
            opened.append((tag, attributes, len(text)))

    def end(name: str) -> None:  # well-formed XML: the last element opened of these is the one that ends
        if (name.rpartition(":")[2] if ":" in name else name) in tags:
            tag, attributes, at = opened.pop()
            found.append((tag, attributes, "".join(text[at:])))
            del text[at:]

    parser = expat.ParserCreate()
    parser.buffer_text = True
    parser.StartElementHandler, parser.EndElementHandler, parser.CharacterDataHandler = start, end, text.append
    for at in range(0, len(content), _BLOCK):
        parser.Parse(content[at : at + _BLOCK], False)
        yield from found
        found.clear()
    parser.Parse(b"", True)
    yield from found


_BLOCK = 1 << 16  # bytes of a part given to expat at a time


def _relationships(rels: bytes, folder: str) -> dict[str, tuple[str, str]]:
    """Id -> (type, target) of a relationships part: an internal target as the name of the part it names
    (`folder`: where the part whose relationships they are lies), an external one (an address) as it is written.
    The same in every report of a template, so a small one is read once and kept (read only)."""
    if len(rels) > _LONGEST_SHOWN_KEPT:  # a crafted file's: not kept, it would hold memory
        return _parse_relationships(rels, folder)
    return _small_relationships(rels, folder)


@functools.lru_cache(maxsize=64)
def _small_relationships(rels: bytes, folder: str) -> dict[str, tuple[str, str]]:
    return _parse_relationships(rels, folder)


def _parse_relationships(rels: bytes, folder: str) -> dict[str, tuple[str, str]]:
    found = {}
    for _, attributes, _ in _elements(rels, frozenset({"Relationship"})):
        target = attributes.get("Target", "")
        if attributes.get("TargetMode") != "External":
            target = posixpath.normpath(posixpath.join("/" + folder, target)).lstrip("/")
        found[attributes.get("Id", "")] = (attributes.get("Type", ""), target)
    return found


def _relationship_id(attributes: dict[str, str]) -> str:
    """The r:id of an element, whatever its prefix."""
    return next((value for name, value in attributes.items() if name.endswith(":id")), "")


# Excel's header and footer codes: && is one &; &L, &C and &R start the left, centre and right sections; &P, &N, &D,
# &T, &A, &F, &Z and &G insert a field (the page, the date, the sheet's name, a picture...); the others style what
# follows: &"font,style", &12 (a size, and the space Excel writes after it), &K and a colour, &B, &I, &U...
_HEADER_CODE = re.compile(
    r'&(?:(&)|([LCR])|([PNDTAFZG])|"[^"]*"|K(?:[0-9A-Fa-f]{6}|[0-9]{2}[+-][0-9]{3})|[0-9]{1,3} ?|[BIUESXYOH])'
)


def _header_text(code: str) -> str:
    """A header's or footer's text as Excel shows it: each section on a line of its own, a field a space."""
    return _HEADER_CODE.sub(lambda m: "&" if m[1] else "\n" if m[2] else " " if m[3] else "", code).strip()


class _Package:
    """A workbook's parts by name, found as Excel finds them: whatever the case of their names."""

    def __init__(self, parts: dict[str, bytes], room: int = MAX_UNZIPPED_BYTES) -> None:
        self.parts = parts
        self.room = room  # bytes still to be inflated at most: embedded packages take from it
        self._names = {name.lower(): name for name in parts}
        self._relationships: dict[str, dict[str, tuple[str, str]]] = {}  # read once: the workbook's are asked twice

    def name(self, name: str) -> str:
        """The name of the part of this name as the zip spells it ("" where there is none)."""
        return self._names.get(name.lower(), "")

    def relationships(self, member: str) -> dict[str, tuple[str, str]]:
        """Id -> (type, target) of the part `member`'s relationships: an internal target as the name of the part it
        names, as the zip spells it; an external one (an address) as it is written."""
        if member not in self._relationships:
            self._relationships[member] = self._read_relationships(member)
        return self._relationships[member]

    def _read_relationships(self, member: str) -> dict[str, tuple[str, str]]:
        folder, _, file = member.rpartition("/")
        rels = self.parts.get(self.name(f"{folder}/_rels/{file}.rels"))
        if rels is None:
            return {}
        return {
            rid: (kind, self.name(target) or target) for rid, (kind, target) in _relationships(rels, folder).items()
        }


class _Workbook(NamedTuple):
    """What the workbook's part says: its sheets, its defined names, and the other parts it relates to."""

    sheets: list[tuple[str, str]]  # (name, part): each sheet in the workbook's order ("" where no part holds it)
    names: list[tuple[dict[str, str], str]]  # each defined name: (its attributes, what it refers to)
    links: dict[str, tuple[str, str]]  # its relationships: id -> (type, part or address)

    def sheet_of(self) -> dict[str, str]:
        """Each sheet's part -> the sheet's name."""
        return {part: name for name, part in self.sheets if part}


_WORKBOOK_ELEMENTS = frozenset({"sheet", "definedName"})


def sheet_titles(parts: dict[str, bytes]) -> dict[str, str]:
    """Each sheet's part -> the sheet's name, as Excel finds them from the workbook and its relationships."""
    return _workbook(_Package(parts)).sheet_of()


def _workbook(package: _Package) -> _Workbook:
    """The workbook's sheets, each with the part its relationships name for it, and its defined names: the one
    reading of them for the error cells, the comments, the texts and the objects of every sheet."""
    content = package.parts.get("xl/workbook.xml")
    if content is None:
        return _Workbook([], [], {})  # _read refuses the file
    links = package.relationships("xl/workbook.xml")
    sheets, names = [], []
    for tag, attributes, text in _workbook_elements(content):
        if tag == "sheet":
            sheets.append((attributes.get("name", ""), links.get(_relationship_id(attributes), ("", ""))[1]))
        else:
            names.append((attributes, text))
    return _Workbook(sheets, names, links)


def _workbook_elements(content: bytes) -> Iterable[tuple[str, dict[str, str], str]]:
    """_elements of the workbook's part (read only): the same in the reports of an institution and language, so a
    small one is read once and kept."""
    if len(content) > _LONGEST_SHOWN_KEPT:  # a crafted file's: not kept, it would hold memory
        return _elements(content, _WORKBOOK_ELEMENTS)
    return _small_workbook_elements(content)


@functools.lru_cache(maxsize=256)
def _small_workbook_elements(content: bytes) -> tuple[tuple[str, dict[str, str], str], ...]:
    return tuple(_elements(content, _WORKBOOK_ELEMENTS))


def part_shown(archive: zipfile.ZipFile, f: BinaryIO, part: str) -> str:
    """A part as messages name it: by its sheet's name where it is a sheet, else as the zip names it."""
    name = part
    with suppress(PartTooLargeError, *_ZIP_ERRORS):  # the workbook's own part may be the one too large, or damaged
        name = sheet_titles(_workbook_parts(archive, f)).get(part, part)
    return shown_text(name)


def _workbook_parts(archive: zipfile.ZipFile, f: BinaryIO) -> dict[str, bytes]:
    """The workbook's part and its relationships, read from the zip before the other parts are (within a part's
    limits: PartTooLargeError)."""
    return {
        info.filename: read_member(f, info, max_bytes=MAX_PART_BYTES, max_tags=MAX_PART_TAGS)
        for info in archive.infolist()
        if info.filename == "xl/workbook.xml" or info.filename.lower() == "xl/_rels/workbook.xml.rels"
    }


# The parts that show what a person typed, or keep a copy of cells, besides the sheets, known by their root element
# whatever they are called: a table; a drawing (a sheet's shapes, text boxes, pictures and charts, or a chart's own
# shapes); a chart; a PivotTable (read for its name) and its cache; a link to another workbook; a SmartArt graphic's
# data (ECMA-376 21.4.2.8 dataModel) and its drawing as last laid out (Office's dsp:drawing); a form control's
# properties (MS-XLSX 2.4.34 formControlPr) and a legacy VML drawing (root <xml>: form controls' and old text boxes'
# texts); slicers and their caches (MS-XLSX slicers, slicerCacheDefinition); data connections and query tables
# (ECMA-376 connections, queryTable); timelines and their caches (MS-XLSX x15 timelines, timelineCacheDefinition);
# Power Query's queries (a custom XML part's DataMashup, MS-QDEFF); a picture drawn in SVG.
_OBJECT_ROOTS = {
    b"table": "table",
    b"wsDr": "drawing",
    b"userShapes": "drawing",
    b"chartSpace": "chart",
    b"pivotTableDefinition": "pivot-table",
    b"pivotCacheDefinition": "pivot-cache",
    b"pivotCacheRecords": "pivot-cache",
    b"externalLink": "external-link",
    b"dataModel": "smartart",
    b"drawing": "smartart",
    b"formControlPr": "form-control",
    b"xml": "form-control",
    b"slicers": "slicer",
    b"slicerCacheDefinition": "slicer",
    b"connections": "connection",
    b"queryTable": "connection",
    b"timelines": "timeline",
    b"timelineCacheDefinition": "timeline",
    b"DataMashup": "query",
    b"svg": "picture",
}
# A part's root element after a byte order mark, the XML declaration and blank space; one after a comment, a DTD or an
# instruction is found by expat. Its name and prefix in any letters: <ш:document> was taken for no XML and passed by.
_ROOT = re.compile(rb"(?:\xef\xbb\xbf)?\s*(?:<\?xml\s[^<>]*\?>\s*)?<" + _NAME_PREFIX + rb"(" + _NAME + rb")")
_MARKUP = re.compile(rb"(?:\xef\xbb\xbf)?\s*<[!?]")
# What no XML reader reads, known by how its bytes start: a picture (PNG, JPEG, GIF, BMP, TIFF, WebP, EMF, WMF, and
# gzip: a compressed EMF or WMF, as old files keep them), a package embedded in the workbook (a zip: an Office
# document, read as _embedded), and any other embedded object (an OLE compound file: a binary Word document, a PDF
# wrapped as an object, an ActiveX control's state).
_PICTURES = (
    b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF87a", b"GIF89a", b"BM", b"II*\x00", b"MM\x00*",
    b"\xd7\xcd\xc6\x9a", b"\x01\x00\x09\x00", b"\x02\x00\x09\x00", b"\x1f\x8b",
)  # fmt: skip
_COMPOUND_FILE = bytes.fromhex("D0CF11E0A1B11AE1")
# The data model (Power Pivot's, xl/model/item.data): an Analysis Services backup, which starts with this signature
# in UTF-16 (after a byte order mark), or with the words of one compressed (XPress9)
_DATA_MODEL = tuple(
    mark + text.encode("utf-16-le")
    for mark in (b"\xff\xfe", b"")
    for text in ("STREAM_STORAGE_SIGNATURE_", "This backup was created using")
)


def _binary_kind(content: bytes) -> str | None:
    """The kind of a part by how its bytes start: "picture", "embedded" (a zip), "object" (a compound file) or
    "data-model"."""
    if content.startswith(_PICTURES) or (content[:4] == b"RIFF" and content[8:12] == b"WEBP"):
        return "picture"
    if content[:4] == b"\x01\x00\x00\x00" and content[40:44] == b" EMF":
        return "picture"
    if content.startswith(b"PK\x03\x04"):
        return "embedded"
    if content.startswith(_DATA_MODEL):
        return "data-model"
    return "object" if content.startswith(_COMPOUND_FILE) else None


# The relationships to a picture or compound file that holds no one's data: the picture of the first sheet Excel saves
# as the file's thumbnail (of cells, which are searched), and an .xlsm's macros (its VBA project). Such a part is not
# read for them; it is where another relationship leads to it (a sheet's drawing showing the "thumbnail").
_NOT_COUNTED = ("/metadata/thumbnail", "/vbaProject")


def _uncounted_parts(package: _Package, workbook: _Workbook) -> set[str]:
    """The parts the package's or the workbook's relationships name by a type of _NOT_COUNTED."""
    package_links = _relationships(package.parts.get(package.name("_rels/.rels"), b""), "")
    links = [*package_links.values(), *workbook.links.values()]
    return {package.name(target) for kind, target in links if kind.endswith(_NOT_COUNTED)}


def _object_kind(content: bytes) -> str | None:
    """Which of _OBJECT_ROOTS a part is, if any."""
    if (root := _ROOT.match(content)) is not None:
        return _OBJECT_ROOTS.get(root[1])
    return _OBJECT_ROOTS.get(_first_element(content)) if _MARKUP.match(content) else None


class _Root(Exception):
    def __init__(self, name: bytes) -> None:
        self.name = name


def _first_element(content: bytes) -> bytes:
    """The name, less any prefix, of the first element of the XML `content` (b"" where it is not XML)."""

    def start(name: str, attributes: dict[str, str]) -> None:
        raise _Root(name.rpartition(":")[2].encode())

    parser = expat.ParserCreate()
    parser.StartElementHandler = start
    try:
        parser.Parse(content, True)
    except _Root as root:
        return root.name
    except expat.ExpatError:
        pass
    return b""


class _Read(NamedTuple):
    """What an object's part holds: (where, part, text) of each text (where "": the name it is known by, from what
    leads to it), and the names of what its relationships lead to (a chart: its frame's; a cache: its PivotTable's)."""

    texts: list[tuple[str, str, str]]
    names: dict[str, str]


def _object_texts(
    workbook: _Workbook, package: _Package, objects: dict[str, str], in_cells: dict[str, list[tuple[str, str]]]
) -> list[tuple[str, str, str, str, str]]:
    """Grid.texts of the objects' parts (`objects`: part -> kind, one of _OBJECT_ROOTS'), each read once: a table's,
    a drawing's (shapes, text boxes, pictures), a chart's, a PivotTable's cache's, a link's to another workbook, a
    SmartArt graphic's, a form control's, a slicer's, a connection's and an embedded document's; a picture or an
    object apmon cannot read, named and with no text; a picture placed in cells (`in_cells`) by each of them.
    Each is named by the sheet and the name the relationships that lead to it from a sheet give (a chart: its frame's
    in the drawing that places it; a cache: its PivotTable's); one that no sheet leads to (the workbook's links, a
    cache no PivotTable uses, a part nothing names) by no sheet and by its part's name."""
    if not objects:
        return []
    found = []
    seen: set[str] = set()
    # Depth first from each sheet, then from the workbook and the objects left: every part is read once, from the
    # first that leads to it.
    uncounted = _uncounted_parts(package, workbook)
    sheet_parts = {part for _, part in workbook.sheets if part}
    # (part, sheet, name, the kind of the part that leads to it: what a picture is part of)
    starts = [(part, name, "", "") for name, part in workbook.sheets if part]
    starts += [(part, "", posixpath.basename(part), "") for kind, part in workbook.links.values() if _counted(kind)]
    starts += [(part, "", posixpath.basename(part), "") for part in objects if part not in uncounted]
    stack = starts[::-1]
    while stack:
        member, sheet, name, via = stack.pop()
        if member in seen or member not in package.parts:
            continue
        seen.add(member)
        links = package.relationships(member)
        names: dict[str, str] = {}
        if kind := objects.get(member):
            content = package.parts[member]
            if kind in _PACKAGES:
                texts, names = _PACKAGES[kind](package, content)
            else:
                texts, names = _READERS[kind](content, links)
            named = name or (posixpath.basename(member) if kind in _NAMED_BY_PART else "")
            if kind == "picture" and member in in_cells:  # placed in cells: named by them, deleted there
                found += [(kind, cell_sheet, cell, "cell", "") for cell_sheet, cell in in_cells[member]]
                texts = []
            elif kind == "picture":  # where it is says how to delete it
                texts = [(where, _PICTURE_PLACES.get(via, ""), text) for where, _, text in texts]
            found += [(kind, sheet, where or named, part, text) for where, part, text in texts]
        backgrounds = set(_BACKGROUND.findall(package.parts[member])) if member in sheet_parts else set()
        stack += [
            (target, sheet, names.get(rid, name), "background" if rid.encode() in backgrounds else kind or "")
            for rid, (relationship, target) in links.items()
            if _counted(relationship)
        ]
    return found


# A picture placed in a cell (Excel 365's Place in Cell, IMAGE) is no drawing's: the cell holds #VALUE! and a vm
# attribute, the chain below leads from it to the picture (MS-XLSX rich data). Each part by its relationship's type.
_RICH_DATA_TYPES = ("/sheetMetadata", "/rdRichValue", "/rdRichValueStructure", "/richValueRel")
_LOCAL_IMAGE = "_rvRel:LocalImageIdentifier"  # the key whose value is the index of the picture's rel


def _index(text: str | None) -> int | None:
    """A count or index an attribute or value holds (None where it holds none: a crafted file's)."""
    return int(text) if text is not None and text.isdigit() and len(text) < 10 else None


def _cell_pictures(workbook: _Workbook, package: _Package) -> dict[str, list[tuple[str, str]]]:
    """Each picture placed in a cell -> (sheet, cell) of the cells that show it: a cell's vm (from 1) names a
    valueMetadata block, whose rc (t: a metadata type from 1, XLRICHVALUE; v: its futureMetadata block) names a rich
    value (rvb i); the rich value's structure says which of its values is _LOCAL_IMAGE, the index of a rel in
    richValueRel.xml, whose r:id leads to the picture."""
    parts = {}
    for kind, target in workbook.links.values():
        for ending in _RICH_DATA_TYPES:
            if kind.endswith(ending) and target in package.parts:
                parts[ending] = target
    if len(parts) < len(_RICH_DATA_TYPES):
        return {}
    rich_value_of = _rich_values_by_vm(package.parts[parts["/sheetMetadata"]])
    structures = [
        [attributes.get("n", "") for _, attributes, _ in keys]
        for _, keys in _blocks_with(package.parts[parts["/rdRichValueStructure"]], "s", "k")
    ]
    values = [
        (_index(block_attributes.get("s")), [text for _, _, text in items])
        for block_attributes, items in _blocks_with(package.parts[parts["/rdRichValue"]], "rv", "v")
    ]
    rels_part = parts["/richValueRel"]
    links = package.relationships(rels_part)
    rels = [
        links.get(_relationship_id(attributes), ("", ""))[1]
        for _, attributes, _ in _elements(package.parts[rels_part], frozenset({"rel"}))
    ]
    found: dict[str, list[tuple[str, str]]] = {}
    for sheet, part in workbook.sheets:
        content = package.parts.get(part, b"")
        if b"vm=" not in content:
            continue
        for _, attributes, _ in _elements(content, frozenset({"c"})):
            vm = _index(attributes.get("vm"))
            value = rich_value_of[vm - 1] if vm and vm <= len(rich_value_of) else None
            if value is None or value >= len(values):
                continue
            structure, items = values[value]
            keys = structures[structure] if structure is not None and structure < len(structures) else []
            at = keys.index(_LOCAL_IMAGE) if _LOCAL_IMAGE in keys else -1
            rel = _index(items[at]) if 0 <= at < len(items) else None
            if rel is not None and rel < len(rels) and rels[rel]:
                found.setdefault(rels[rel], []).append((sheet, attributes.get("r", "")))
    return found


def _rich_values_by_vm(metadata: bytes) -> list[int | None]:
    """xl/metadata.xml's valueMetadata blocks, in order (a cell's vm - 1): the rich value each names, if any."""
    types: list[str] = []
    future: dict[str, list[int | None]] = {}
    values: list[tuple[int | None, int | None]] = []
    rich_value: int | None = None
    reference: tuple[int | None, int | None] = (None, None)
    blocks: list[tuple[int | None, tuple[int | None, int | None]]] = []
    tags = frozenset({"metadataType", "rvb", "rc", "bk", "futureMetadata", "valueMetadata"})
    for tag, attributes, _ in _elements(metadata, tags):
        if tag == "metadataType":
            types.append(attributes.get("name", ""))
        elif tag == "rvb":
            rich_value = _index(attributes.get("i"))
        elif tag == "rc":
            reference = (_index(attributes.get("t")), _index(attributes.get("v")))
        elif tag == "bk":
            blocks.append((rich_value, reference))
            rich_value, reference = None, (None, None)
        elif tag == "futureMetadata":
            future[attributes.get("name", "")] = [rich for rich, _ in blocks]
            blocks = []
        else:  # valueMetadata
            values = [ref for _, ref in blocks]
            blocks = []
    rich_values = future.get("XLRICHVALUE", [])
    found: list[int | None] = []
    for kind, index in values:
        named = types[kind - 1] if kind and kind <= len(types) else ""
        rich = named == "XLRICHVALUE" and index is not None and index < len(rich_values)
        found.append(rich_values[index] if rich and index is not None else None)
    return found


_Element = tuple[str, dict[str, str], str]  # (tag, attributes, text), as _elements gives it


def _blocks_with(content: bytes, block: str, item: str) -> list[tuple[dict[str, str], list[_Element]]]:
    """Each `block` element's attributes with the `item` elements inside it, in order."""
    found: list[tuple[dict[str, str], list[_Element]]] = []
    items: list[_Element] = []
    for tag, attributes, text in _elements(content, frozenset({block, item})):
        if tag == block:
            found.append((attributes, items))
            items = []
        else:
            items.append((tag, attributes, text))
    return found


# A sheet's background picture (Page Layout > Background): its <picture r:id="..."/>
_BACKGROUND = re.compile(rb"<(?:[\w.-]+:)?picture\s[^<>]*?\bid=[\"']([^\"']+)[\"']")
# Where a picture is, by the part that leads to it: a sheet's background, or a legacy VML drawing (what a page's
# header or footer shows; a sheet's own pictures are in its DrawingML drawing, "" here)
_PICTURE_PLACES = {"background": "background", "form-control": "header"}


def _counted(relationship: str) -> bool:
    """False for a relationship to the file's thumbnail or an .xlsm's macros (_NOT_COUNTED)."""
    return not relationship.endswith(_NOT_COUNTED)


class _Values:
    """Values of one kind that a part holds, joined by VALUES_SEPARATOR into texts of about _JOINED characters: a
    part that keeps a hundred thousand values (a cache) is searched in a few long texts, not in as many short ones,
    each a tuple in memory and a search of its own."""

    def __init__(self) -> None:
        self.texts: list[str] = []
        self._values: list[str] = []
        self._length = 0

    def add(self, value: str) -> None:
        if value and not value.isspace():
            self._values.append(value)
            self._length += len(value) + 1
            if self._length >= _JOINED:
                self._join()

    def joined(self) -> list[str]:
        self._join()
        return self.texts

    def _join(self) -> None:
        if self._values:
            self.texts.append(VALUES_SEPARATOR.join(self._values))
            self._values, self._length = [], 0


_JOINED = 32_767  # characters, as many as an Excel cell holds: the searches are timed on such texts


def _named(where: str, typed: dict[str, _Values]) -> list[tuple[str, str, str]]:
    return [(where, part, text) for part, values in typed.items() for text in values.joined()]


_TABLE_ELEMENTS = frozenset(
    {"table", "tableColumn", "calculatedColumnFormula", "totalsRowFormula", "filter", "customFilter"}
)


def _table(content: bytes, links: dict[str, tuple[str, str]]) -> _Read:
    """A table's names (the one Excel shows, Table Design > Table Name, and the one it was made with), its comment
    (Name Manager), its columns' names (kept here whether or not its header row shows them in cells) and total row's
    labels, its columns' formulas and the values its filter keeps."""
    typed = {part: _Values() for part in ("name", "comment", "column", "formula", "filter")}
    shown = ""
    for tag, attributes, text in _elements(content, _TABLE_ELEMENTS):
        if tag == "table":
            shown = attributes.get("displayName") or attributes.get("name", "")
            for name in dict.fromkeys((attributes.get("displayName", ""), attributes.get("name", ""))):
                typed["name"].add(name)
            typed["comment"].add(attributes.get("comment", ""))
        elif tag == "tableColumn":
            typed["column"].add(attributes.get("name", ""))
            typed["column"].add(attributes.get("totalsRowLabel", ""))
        elif tag in ("calculatedColumnFormula", "totalsRowFormula"):
            typed["formula"].add(text)
        else:  # a filter's value
            typed["filter"].add(attributes.get("val", ""))
    return _Read(_named(shown, typed), {})


class _Paragraphs:
    """Rich text as a person reads it (DrawingML's paragraphs, p, of runs, t): a paragraph a line."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.runs: list[str] = []

    def took(self, tag: str, text: str) -> bool:
        """Take a run's text or a paragraph's end; False for any other element."""
        if tag == "t":
            self.runs.append(text)
        elif tag == "p":
            self.lines.append("".join(self.runs))
            self.runs = []
        else:
            return False
        return True

    def text(self) -> str:
        """What was taken since the last call (runs after the last paragraph's end as well), then forgotten."""
        text = "\n".join([*self.lines, *self.runs]).strip()
        self.lines, self.runs = [], []
        return text


# Where a drawing places an object (a shape, text box, picture, chart or a group of them), on a sheet or a chart
_ANCHORS = frozenset({"twoCellAnchor", "oneCellAnchor", "absoluteAnchor", "relSizeAnchor", "absSizeAnchor"})
# An object's elements that name the parts it shows: a chart, a picture (blip), a SmartArt graphic's parts (relIds)
_SHOWN = frozenset({"chart", "blip", "relIds"})
_DRAWING_ELEMENTS = _ANCHORS | _SHOWN | {"cNvPr", "p", "t", "hlinkClick", "hlinkHover"}


def _drawing(content: bytes, links: dict[str, tuple[str, str]]) -> _Read:
    """What each object a drawing places holds, named by its name (as the Selection Pane shows it): its names, its
    alternative text (descr, title), its text (a paragraph a line) and its hyperlinks' addresses; and the name of
    each object's frame, which names the chart, picture or SmartArt graphic it shows."""
    found: list[tuple[str, str, str]] = []
    frames: dict[str, str] = {}
    names, shown, paragraphs = [], [], _Paragraphs()
    typed = {part: _Values() for part in ("name", "alt-text", "text", "link")}
    for tag, attributes, text in _elements(content, _DRAWING_ELEMENTS):
        if paragraphs.took(tag, text):
            continue
        if tag == "cNvPr":
            names.append(attributes.get("name", ""))
            typed["name"].add(names[-1])
            typed["alt-text"].add(attributes.get("descr", ""))
            typed["alt-text"].add(attributes.get("title", ""))
        elif tag in ("hlinkClick", "hlinkHover"):
            typed["link"].add(unquote(links.get(_relationship_id(attributes), ("", ""))[1]))
        elif tag in _SHOWN:  # its relationships' ids (r:id, r:embed, r:link, r:dm...)
            shown += [value for value in attributes.values() if value in links]
        else:  # an anchor: the object it places ends
            typed["text"].add(paragraphs.text())
            found += _named(names[0] if names else "", typed)
            frames.update(dict.fromkeys(shown, names[0] if names else ""))
            names, shown = [], []
            typed = {part: _Values() for part in typed}
    typed["text"].add(paragraphs.text())  # outside any anchor: no object Excel shows, still kept
    return _Read(found + _named(names[0] if names else "", typed), frames)


_CHART_ELEMENTS = frozenset({"rich", "p", "t", "v"})


def _chart(content: bytes, links: dict[str, tuple[str, str]]) -> _Read:
    """A chart's titles and labels as typed (rich text: a paragraph a line), and the copy it keeps of the cells it
    shows (their values, or the values typed in their place)."""
    typed = {part: _Values() for part in ("title", "data")}
    paragraphs = _Paragraphs()
    for tag, _, text in _elements(content, _CHART_ELEMENTS):
        if paragraphs.took(tag, text):
            continue
        if tag == "rich":
            typed["title"].add(paragraphs.text())
        else:
            typed["data"].add(text)
    typed["title"].add(paragraphs.text())
    return _Read(_named("", typed), {})


# A SmartArt graphic's text: each point of its data (pt, ECMA-376 21.4.3.5, its text body in rich text) and each shape
# of its drawing as last laid out (sp), a paragraph a line.
_SMARTART_ELEMENTS = frozenset({"pt", "sp", "p", "t"})


def _smartart(content: bytes, links: dict[str, tuple[str, str]]) -> _Read:
    typed = {"text": _Values()}
    paragraphs = _Paragraphs()
    for tag, _, text in _elements(content, _SMARTART_ELEMENTS):
        if not paragraphs.took(tag, text):  # a point or a shape ends
            typed["text"].add(paragraphs.text())
    typed["text"].add(paragraphs.text())
    return _Read(_named("", typed), {})


# A form control's list typed into it (formControlPr's itemLst), and what a legacy VML drawing shows: the text of each
# form control (a button's, a label's, a group box's) and old-style text box (textbox), and a shape's alternative text.
_FORM_ELEMENTS = frozenset({"item", "textbox", "shape"})
_HTML_BREAK = re.compile(rb"(?i)<br\s*>")


def _form_control(content: bytes, links: dict[str, tuple[str, str]]) -> _Read:
    typed = {part: _Values() for part in ("list", "text", "alt-text")}
    # Excel writes a line break in a VML text as HTML does, <br> unclosed: not XML until closed
    try:
        elements = list(_elements(_HTML_BREAK.sub(b"<br/>", content), _FORM_ELEMENTS))
    except expat.ExpatError:  # VML is HTML's kin (an entity such as &nbsp;): its text boxes read as HTML
        typed["text"] = _html_text_boxes(content)
        elements = []
    for tag, attributes, text in elements:
        if tag == "item":
            typed["list"].add(attributes.get("val", ""))
        elif tag == "textbox":
            typed["text"].add(text.strip())
        else:
            typed["alt-text"].add(attributes.get("alt", ""))
    return _Read(_named("", typed), {})


def _html_text_boxes(content: bytes) -> _Values:
    """The text of each v:textbox of a VML drawing that is not XML, read as HTML: tags dropped, a <br> a line,
    entities read (split, not searched across, so a box never closed costs no more than the part's length)."""
    found = _Values()
    for box in content.split(b"<v:textbox")[1:]:
        inside = box.partition(b"</v:textbox>")[0].partition(b">")[2]
        text = re.sub(rb"<[^<>]*>", b"", _HTML_BREAK.sub(b"\n", inside)).decode("utf-8", "replace")
        found.add(html.unescape(text).strip())
    return found


# A slicer's name and caption (slicers), and its cache's (slicerCacheDefinition): its name, the field it filters and,
# for a cube's data, the items it keeps (level, i: each item's name and caption).
_SLICER_ATTRIBUTES: dict[str, tuple[tuple[str, str], ...]] = {
    "slicer": (("name", "name"), ("caption", "title")),
    "slicerCacheDefinition": (("name", "name"), ("sourceName", "column")),
    "level": (("uniqueName", "data"), ("sourceCaption", "data")),
    "i": (("n", "data"), ("c", "data")),
}
# A data connection's (connections) name, description, where it reads from and what it asks there (a connection
# string, a command, an address, a file, a parameter's prompt and value); a query table's name and columns' names.
_CONNECTION_ATTRIBUTES: dict[str, tuple[tuple[str, str], ...]] = {
    "connection": (("name", "name"), ("description", "comment"), ("odcFile", "query"), ("sourceFile", "query")),
    "dbPr": (("connection", "query"), ("command", "query"), ("serverCommand", "query")),
    "webPr": (("url", "query"), ("post", "query"), ("editPage", "query")),
    "textPr": (("sourceFile", "query"),),
    "parameter": (("name", "query"), ("prompt", "query"), ("string", "query")),
    "queryTable": (("name", "name"),),
    "queryTableField": (("name", "column"),),
    "deletedField": (("name", "column"),),
}
# A timeline's name and caption (timelines), and its cache's (timelineCacheDefinition): its name and the date field it
# filters.
_TIMELINE_ATTRIBUTES: dict[str, tuple[tuple[str, str], ...]] = {
    "timeline": (("name", "name"), ("caption", "title")),
    "timelineCacheDefinition": (("name", "name"), ("sourceName", "column")),
}
# The elements that end an object of these parts, which its name names (their other elements end before it)
_NAMED_OBJECTS = frozenset(
    {"slicer", "slicerCacheDefinition", "connection", "queryTable", "timeline", "timelineCacheDefinition"}
)


def _attribute_texts(content: bytes, attributes_of: dict[str, tuple[tuple[str, str], ...]]) -> _Read:
    """The texts kept in attributes (`attributes_of`: element -> (attribute, part) of each), each object's named by
    its name."""
    found: list[tuple[str, str, str]] = []
    typed: dict[str, _Values] = {}
    for tag, attributes, _ in _elements(content, frozenset(attributes_of)):
        for attribute, part in attributes_of[tag]:
            typed.setdefault(part, _Values()).add(unquote(attributes.get(attribute, "")))
        if tag in _NAMED_OBJECTS:
            found += _named(attributes.get("name", ""), typed)
            typed = {}
    return _Read(found + _named("", typed), {})


def _slicer(content: bytes, links: dict[str, tuple[str, str]]) -> _Read:
    return _attribute_texts(content, _SLICER_ATTRIBUTES)


def _connection(content: bytes, links: dict[str, tuple[str, str]]) -> _Read:
    return _attribute_texts(content, _CONNECTION_ATTRIBUTES)


def _timeline(content: bytes, links: dict[str, tuple[str, str]]) -> _Read:
    return _attribute_texts(content, _TIMELINE_ATTRIBUTES)


def _unreadable(content: bytes, links: dict[str, tuple[str, str]]) -> _Read:
    """A picture or an object apmon cannot read: named, with no text."""
    return _Read([("", "", "")], {})


# What is named, where nothing leads to it by a name, by its part's file name (image1.png, Izjava.docx)
_NAMED_BY_PART = frozenset({"picture", "object", "embedded"})
# A document embedded in the workbook (Insert > Object: a Word document, a presentation, a workbook) is a package of
# its own: its XML's texts are searched, a paragraph (p), a shared string (si), a cell's value (v) or inline string
# (is) a value; its properties (the author Office fills in) are not. What it embeds in turn (a picture, an object)
# cannot be read.
_DOCUMENT_BREAKS = frozenset({"p", "si", "v", "is"})
_DOCUMENT_PROPERTIES = frozenset({b"coreProperties", b"Properties"})


def _embedded(package: _Package, content: bytes) -> _Read:
    """The texts of an embedded package, inflated no further than the room the workbook's own parts leave
    (ZipBombError); one that cannot be read as a zip of XML parts is an object apmon cannot read (part "object")."""
    values, unreadable = _Values(), False
    try:
        for _, part in _inner_parts(package, content, "(embedded)"):
            if _binary_kind(part) is not None:
                unreadable = True
            elif _ROOT.match(part) or _MARKUP.match(part):
                _document_texts(part, values)
    except ZipBombError:
        raise
    except _ZIP_ERRORS:
        unreadable = True
    texts = [("", "text", text) for text in values.joined()]
    return _Read(texts + ([("", "object", "")] if unreadable else []), {})


def _inner_parts(package: _Package, content: bytes, label: str) -> Iterator[tuple[str, bytes]]:
    """(name, content) of each member of a zip kept inside the workbook, inflated no further than the room the
    workbook's own parts leave (ZipBombError, named `label`)."""
    f = io.BytesIO(content)
    with zipfile.ZipFile(f) as archive:
        members = archive.infolist()
        declared = sum(info.file_size for info in members)
        if declared > package.room:
            raise ZipBombError(label, declared)
        package.room -= declared
        for info in members:
            yield info.filename, read_member(f, info)


# Power Query's queries (MS-QDEFF 2.2): the DataMashup element's text is the base64 of a binary stream, its version
# (0) and the length of its package parts (4 bytes each, little-endian), then those parts: a zip whose Formulas/
# Section1.m holds the M code of every query, each after "shared" and its name (#"a name" where it has spaces).
_MASHUP_HEAD = struct.Struct("<II")
_SHARED = re.compile(r'(?m)^[ \t]*shared\s+(?:#"((?:[^"\n]|""){1,500})"|([^\s=]+))\s*=')
# A text M keeps escaped: a quote doubled, a line break or any character as #(lf), #(cr,lf), #(tab), #(00E9)
_M_ESCAPE = re.compile(r"#\(([^()]{1,60})\)")
_M_CHARACTERS = {"cr": "\r", "lf": "\n", "tab": "\t", "#": "#"}
# A binary typed into the code (Binary.FromText, in base64 or hex; #binary, in base64): Enter Data's table is JSON,
# deflated, in base64
_BINARY_TEXT = re.compile(r'(?:Binary\.FromText|#binary)\(\s*"([^"]*)"(?:\s*,\s*BinaryEncoding\.(\w+))?')


def _queries(package: _Package, content: bytes) -> _Read:
    """The M code of each Power Query query, named by the query's name, its escapes read, and the texts of each binary
    typed into it (Enter Data's rows), inflated within the room the workbook's parts leave; the package's XML parts'
    texts, named by no query. A DataMashup that cannot be decoded, or holds what cannot be read, cannot be read at all:
    ("", "unreadable-query", "")."""
    typed = {"code": _Values()}
    found: list[tuple[str, str, str]] = []
    try:
        encoded = "".join(text for _, _, text in _elements(content, frozenset({"DataMashup"})))
        stream = base64.b64decode("".join(encoded.split()), validate=True)
        version, length = _MASHUP_HEAD.unpack_from(stream)
        if version != 0 or length > len(stream) - _MASHUP_HEAD.size:
            raise ValueError("not a Data Mashup binary stream")
        parts = _MASHUP_HEAD.size + length
        for name, part in _inner_parts(package, stream[_MASHUP_HEAD.size : parts], "(query)"):
            if name.lower().endswith(".m"):
                found += _m_code(package, part.decode("utf-8-sig"))
            else:
                _package_texts(name, part, typed["code"])
        if parts < len(stream):  # its permissions, then its metadata
            found += _mashup_metadata(package, stream, parts)
    except ZipBombError:
        raise
    except _ZIP_ERRORS:  # binascii.Error and UnicodeDecodeError are ValueErrors
        return _Read([("", "unreadable-query", "")], {})
    return _Read(found + _named("", typed), {})


def _package_texts(name: str, part: bytes, values: _Values) -> None:
    """The texts of an XML part of Power Query's package, added to `values`; ValueError for any other part."""
    if not (_ROOT.match(part) or _MARKUP.match(part)):
        raise ValueError(f"{name} cannot be read")
    _document_texts(part, values)


_LENGTH = struct.Struct("<I")
_METADATA_ELEMENTS = frozenset({"Item", "ItemPath", "Entry"})


def _mashup_metadata(package: _Package, stream: bytes, at: int) -> list[tuple[str, str, str]]:
    """(query's name, "settings", text) of what a Data Mashup's metadata keeps of each query, after its permissions:
    the value of each of its entries (its group, the columns it last loaded...; a text's type letter "s" dropped), named
    by its item's path (Section1/name); and the texts of its content's XML parts (a zip). ValueError where the stream
    is cut short."""
    permissions = _LENGTH.unpack_from(stream, at)[0]
    at += _LENGTH.size + permissions
    length = _LENGTH.unpack_from(stream, at)[0]
    metadata = stream[at + _LENGTH.size : at + _LENGTH.size + length]
    _, xml_length = _MASHUP_HEAD.unpack_from(metadata)
    xml = metadata[_MASHUP_HEAD.size : _MASHUP_HEAD.size + xml_length]
    content_length = _LENGTH.unpack_from(metadata, _MASHUP_HEAD.size + xml_length)[0]
    content = metadata[_MASHUP_HEAD.size + xml_length + _LENGTH.size :][:content_length]
    if len(metadata) != length or len(xml) != xml_length or len(content) != content_length:
        raise ValueError("the Data Mashup's metadata is cut short")
    found: list[tuple[str, str, str]] = []
    typed, name = {"settings": _Values()}, ""
    for tag, attributes, text in _elements(xml, _METADATA_ELEMENTS):
        if tag == "ItemPath":
            name = unquote(text.partition("/")[2])
        elif tag == "Entry":
            value = attributes.get("Value", "")
            typed["settings"].add(value[1:] if value.startswith("s") else value)
        else:  # an item ends
            found += _named(name, typed)
            typed, name = {"settings": _Values()}, ""
    if content:
        for part_name, part in _inner_parts(package, content, "(query)"):
            _package_texts(part_name, part, typed["settings"])
    return found + _named("", typed)


def _m_code(package: _Package, code: str) -> list[tuple[str, str, str]]:
    """(query's name, "code", text) of each query of a section's M code: its code as written, escapes read, and the
    texts of the binaries typed into it. A query's code starts after the ";" that ends the one before (or the section's
    name), so that its description ([ Description = "..." ] before "shared") is its own."""
    queries: list[tuple[int, str]] = []  # where each query's code starts, and its name
    previous = 0
    for declared in _SHARED.finditer(code):  # a ";" looked for since the declaration before: the code read once
        end = code.rfind(";", previous, declared.start())
        name = declared[1].replace('""', '"') if declared[1] is not None else declared[2]
        queries.append((end + 1 if end >= 0 else declared.start(), name))
        previous = declared.start()
    found = [("", "code", _m_text(code[: queries[0][0] if queries else len(code)]))]  # the section's name
    for n, (start, name) in enumerate(queries):
        text = code[start : queries[n + 1][0] if n + 1 < len(queries) else len(code)]
        typed = _Values()
        typed.add(_m_text(text))
        for binary in _BINARY_TEXT.finditer(text):
            for value in _binary_texts(package, binary[1], binary[2] == "Hex"):
                typed.add(value)
        found += _named(name, {"code": typed})
    return [(where, part, text) for where, part, text in found if text.strip()]


def _m_text(code: str) -> str:
    """M code with its texts' escapes read: a quote doubled as one, #(lf) as a line break, #(00E9) as é."""

    def character(escape: re.Match[str]) -> str:
        read = []
        for item in escape[1].split(","):
            item = item.strip()
            if item.lower() in _M_CHARACTERS:
                read.append(_M_CHARACTERS[item.lower()])
            elif len(item) in (4, 8) and all(c in "0123456789abcdefABCDEF" for c in item) and int(item, 16) < 0x110000:
                read.append(chr(int(item, 16)))
            else:
                return escape[0]
        return "".join(read)

    return _M_ESCAPE.sub(character, code.replace('""', '"'))


def _binary_texts(package: _Package, encoded: str, hex_digits: bool) -> list[str]:
    """The texts a binary typed into M code holds: base64 (or hex digits), inflated where it is deflated (Enter Data's
    rows, JSON: each text and number of it), within the room the workbook's parts leave. ValueError where it is no
    text."""
    digits = "".join(encoded.split())
    raw = bytes.fromhex(digits) if hex_digits else base64.b64decode(digits, validate=True)
    inflater = zlib.decompressobj(-zlib.MAX_WBITS)
    try:
        inflated = inflater.decompress(raw, package.room + 1)
    except zlib.error:
        inflated = b""
    if len(inflated) > package.room:
        raise ZipBombError("(query)", len(inflated))
    if inflater.eof and not inflater.unused_data:
        package.room -= len(inflated)
        raw = inflated
    text = raw.decode("utf-8-sig")
    try:
        return list(_json_values(json.loads(text)))
    except (ValueError, RecursionError):
        return [text]


def _json_values(value: Any) -> Iterator[str]:
    """Every text and number of a JSON value, a list's and an object's (its keys too) in order."""
    stack = [value]
    while stack:
        value = stack.pop()
        if isinstance(value, list):
            stack += value[::-1]
        elif isinstance(value, dict):
            for key, item in reversed(value.items()):
                stack += [item, key]
        elif value is not None and not isinstance(value, bool):
            yield str(value)


def _document_texts(content: bytes, values: _Values) -> None:
    """Every text of an XML part of an embedded document added to `values`, a value per _DOCUMENT_BREAKS element;
    and every external address its relationships name (a hyperlink's, mailto: too)."""
    text: list[str] = []
    skipped = False

    def start(name: str, attributes: dict[str, str]) -> None:
        nonlocal skipped
        local = name.rpartition(":")[2]
        skipped = skipped or local.encode() in _DOCUMENT_PROPERTIES
        if local == "Relationship" and attributes.get("TargetMode") == "External":
            values.add(unquote(attributes.get("Target", "")))

    def end(name: str) -> None:
        if name.rpartition(":")[2] in _DOCUMENT_BREAKS:
            values.add("" if skipped else "".join(text).strip())
            text.clear()

    parser = expat.ParserCreate()
    parser.buffer_text = True
    parser.StartElementHandler, parser.EndElementHandler, parser.CharacterDataHandler = start, end, text.append
    parser.Parse(content, True)
    if not skipped:
        values.add("".join(text).strip())


# A PivotTable's cache keeps its source's cells: each field's values (sharedItems) and every row (a record), a value
# by its type (s, n, d, e; x points at a field's value); and its fields' names and formulas, and where the source is.
_CACHE_ATTRIBUTES = {
    "s": ("v",),
    "n": ("v",),
    "d": ("v",),
    "e": ("v",),
    "cacheField": ("name", "caption", "formula"),
    "worksheetSource": ("sheet", "name"),
}


def _pivot_cache(content: bytes, links: dict[str, tuple[str, str]]) -> _Read:
    data = _Values()
    for tag, attributes, _ in _elements(content, frozenset(_CACHE_ATTRIBUTES)):
        for name in _CACHE_ATTRIBUTES[tag]:
            data.add(attributes.get(name, ""))
    return _Read(_named("", {"data": data}), {})


def _pivot_table(content: bytes, links: dict[str, tuple[str, str]]) -> _Read:
    """A PivotTable's name, which names its cache."""
    names = [attributes.get("name", "") for _, attributes, _ in _elements(content, frozenset({"pivotTableDefinition"}))]
    return _Read([], dict.fromkeys(links, names[-1] if names else ""))


_LINK_ATTRIBUTES = {"sheetName": ("val",), "definedName": ("name", "refersTo")}


def _external_link(content: bytes, links: dict[str, tuple[str, str]]) -> _Read:
    """A link to another workbook: its address, named by the workbook's file name, and the copy it keeps of that
    workbook (its sheets' names, its names, and the cells the formulas referred to)."""
    typed = {part: _Values() for part in ("name", "data")}
    address = ""
    for tag, attributes, text in _elements(content, frozenset({"externalBook", "v", *_LINK_ATTRIBUTES})):
        if tag == "v":
            typed["data"].add(text)
        elif tag == "externalBook":
            address = unquote(links.get(_relationship_id(attributes), ("", ""))[1])
            typed["name"].add(address)
        else:
            for name in _LINK_ATTRIBUTES[tag]:
                typed["data"].add(attributes.get(name, ""))
    return _Read(_named(address.replace("\\", "/").rpartition("/")[2], typed), {})


_READERS = {
    "table": _table,
    "drawing": _drawing,
    "chart": _chart,
    "pivot-table": _pivot_table,
    "pivot-cache": _pivot_cache,
    "external-link": _external_link,
    "smartart": _smartart,
    "form-control": _form_control,
    "slicer": _slicer,
    "connection": _connection,
    "timeline": _timeline,
    "picture": _unreadable,
    "object": _unreadable,
    "data-model": _unreadable,
}
# The parts that are packages of their own, inflated within the room the workbook's parts leave
_PACKAGES = {"embedded": _embedded, "query": _queries}


def grid_from_openpyxl(book: Workbook, source: str) -> Grid:
    sheets = {ws.title: _trim([list(row) for row in ws.iter_rows(values_only=True)]) for ws in book.worksheets}
    # A book opened read-only has no merged ranges to give
    merged = [(ws.title, str(span)) for ws in book.worksheets for span in getattr(ws, "merged_cells", ())]
    return Grid(source=source, sheets=sheets, merged=merged)


def _trim(rows: list[list[Any]]) -> list[list[Any]]:
    """Drop trailing empty rows, as every backend reports a different used range."""
    end = len(rows)
    while end and all(v is None or v == "" for v in rows[end - 1]):
        end -= 1
    return rows[:end]
