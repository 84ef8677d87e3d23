"""Look at a report file before it is decompressed or parsed: is it a readable .xlsx/.xlsm?

`sniff_workbook` answers with None, or with a `FileProblem` whose code says what the file is
instead (an old .xls, a password-protected workbook, a CSV, a PDF, a zip bomb...) so that a
ministry officer can be told in plain words why the file cannot be read and what to do.

Every check is bounded: the size comes from stat before anything is read, at most a few
kilobytes are read to recognise a format, zip limits come from the central directory (never
by decompressing a member), and the Compound File directory is walked sector by sector.

The declared sizes of a zip can lie. So no member is ever inflated past the size the central
directory declares for it (`read_member`): one that holds more is a zip bomb. This module reads
only a few small members that way; templates.read_xlsx reads every member that way before
python-calamine is given the file, each within a part's limits (MAX_PART_BYTES, MAX_PART_TAGS); a part declared
larger than MAX_PART_BYTES is refused here already, by the same check (check_declared_size). And no file is read
past the size limit (`read_at_most`).
"""

from __future__ import annotations

import codecs
import errno
import io
import itertools
import math
import os
import re
import stat
import struct
import unicodedata
import zipfile
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO, Literal, NamedTuple

from pydantic import BaseModel, ConfigDict

from apmon.schemas.a1 import column_number
from apmon.schemas.institutions import CODE_PATTERN
from apmon.schemas.messages import file_problem_fields, variant
from apmon.schemas.personal_data import mask_file_name
from apmon.schemas.said import NotRegularFileError, os_reason_code
from apmon.schemas.text import Lang, fill

ProblemCode = Literal[
    "file-missing",
    "file-empty",
    "file-blank",
    "file-too-large",
    "file-old-xls",
    "file-password-protected",
    "file-ods",
    "file-csv",
    "file-text",
    "file-html",
    "file-pdf",
    "file-not-spreadsheet",
    "file-xlsb",
    "file-corrupt",
    "file-zip-bomb",
    "file-sheet-too-large",
    "file-part-too-large",
    "file-merged-too-large",
    "file-not-readable",
    "google-sheet-too-large",
    "google-sheets-too-large",
]


class FileProblem(BaseModel):
    """Why a file cannot be read as a workbook. `params` fill the message's {placeholders};
    every problem carries `name` (the file's name), most carry more."""

    model_config = ConfigDict(frozen=True)

    code: ProblemCode
    params: dict[str, str] = {}

    def message(self, lang: Lang) -> str:
        """The message in `lang`, filled in; a missing parameter shows as '?'."""
        return fill(variant(self.code, lang), file_problem_fields(self.params, lang))


MB = 2**20
MAX_FILE_BYTES = 20 * MB  # a report is at most a few MB; pictures are what make one larger
MAX_UNZIPPED_BYTES = 200 * MB
RATIO_MIN_MEMBER_BYTES = 10 * MB  # the compression ratio limit applies to members unpacking to more than this
MAX_ZIP_MEMBERS = 20_000  # an Excel report has tens of parts; zipfile keeps an object per member in memory
MAX_CENTRAL_DIRECTORY_BYTES = 4 * MB  # zipfile reads the whole central directory into memory
# What one part of a workbook may hold inflated, and how many tags ("<") one part and a whole workbook may hold: each
# tag read costs processor time, and a crafted sheet of 200 MB of empty elements (in a 5 MB file, within the limits
# above) cost some 30 s to read. The largest part of an honest report is some 27-35 MB (the template with the most
# text cells, each holding 32,767 characters as openpyxl writes them: docs/security.md) with a few thousand tags; a
# sheet of a million cells, the most templates.read_xlsx reads, has some 4 million tags.
MAX_PART_BYTES = 64 * MB
MAX_PART_TAGS = 5_000_000
MAX_WORKBOOK_TAGS = 10_000_000
INFLATE_BLOCK = MB  # a part is inflated, and its tags counted, a block at a time
# A range of merged cells larger than this is why a workbook refused for its size is so large: Excel writes every cell
# of a merged range with its format, so cells merged over whole columns make millions of entries (a report merges a
# few cells of a title). Looked for only in a workbook refused for its size, inflating at most _MERGES_SCANNED bytes
# of its sheets and keeping none of them (they come after the cells, at a sheet's end).
HUGE_MERGE_CELLS = 100_000
_MERGES_SCANNED = 512 * MB
# What the patterns look through, which try every "<" (some 20 ms a MB of a crafted sheet's short elements): a sheet's
# start for its used range, and what follows its cells (`</sheetData>`, found by a plain search) for its merged ranges.
_MERGES_LOOKED = 32 * MB
_CELLS_END = b"</sheetData>"
# Only a sheet that packs as XML does is looked into: Excel's cells pack some 10 to 30 times; a zip bomb's part packs
# hundreds of times or more, and stays refused from the central directory alone, nothing of it inflated.
_MERGES_RATIO = 100
_MERGE_CELL = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([A-Za-z]{1,3})([0-9]{1,7}):([A-Za-z]{1,3})([0-9]{1,7})"')
_DIMENSION = re.compile(rb'<(?:\w+:)?dimension\s+ref="([A-Za-z]{1,3})([0-9]{1,7})(?::([A-Za-z]{1,3})([0-9]{1,7}))?"')
_HEAD_BYTES = 4096  # what is read to recognise a format and to tell CSV from text
_CFB_SCAN_BYTES = 4 * MB  # the fallback byte search of a Compound File that could not be walked
_CFB_MAX_DIRECTORY_SECTORS = 1024

# How messages name a part of a zip: (the archive, its file, the part's name in the zip) -> the name shown.
PartName = Callable[[zipfile.ZipFile, BinaryIO, str], str]

_ZIP_SIGNATURES = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
_CFB_SIGNATURE = bytes.fromhex("D0CF11E0A1B11AE1")
_ENCRYPTION_STREAMS = ("EncryptionInfo", "EncryptedPackage")


def sniff_workbook(
    path: Path,
    *,
    max_file_bytes: int = MAX_FILE_BYTES,
    max_unzipped_bytes: int = MAX_UNZIPPED_BYTES,
    max_ratio: int = 200,
    part_name: PartName | None = None,
) -> FileProblem | None:
    """None when `path` looks like a readable .xlsx/.xlsm, else what is wrong with it. `part_name` names a part in
    messages (templates.read_xlsx.part_shown: a sheet by its name); without it a part is named as the zip names it."""
    name = _printable(path.name, 80)
    try:
        info = path.stat()
    except (FileNotFoundError, NotADirectoryError):
        return _problem("file-missing", name)
    except OSError as exc:
        return _problem("file-not-readable", name, **unreadable_reason(exc))
    if stat.S_ISDIR(info.st_mode):
        return _problem("file-not-readable", name, reason=os.strerror(errno.EISDIR), os="is_folder")
    if not stat.S_ISREG(info.st_mode):  # a pipe or a device could block or never end
        return _problem("file-not-readable", name, reason="not a regular file", os="not_regular")
    size = info.st_size
    if size == 0:
        return _problem("file-empty", name)
    if size > max_file_bytes:
        return too_large(name, size, max_file_bytes)
    try:
        with path.open("rb") as f:
            return _sniff_stream(f, size, name, max_unzipped_bytes, max_ratio, part_name)
    except OSError as exc:
        return _problem("file-not-readable", name, **unreadable_reason(exc))


def sniff_bytes(
    data: bytes,
    name: str,
    *,
    max_file_bytes: int = MAX_FILE_BYTES,
    max_unzipped_bytes: int = MAX_UNZIPPED_BYTES,
    max_ratio: int = 200,
    part_name: PartName | None = None,
) -> FileProblem | None:
    """As sniff_workbook, for a file's bytes already in memory (a version fetched from a source)."""
    name = shown_file_name(name)
    if len(data) > max_file_bytes:
        return too_large(name, len(data), max_file_bytes)
    return _sniff_stream(io.BytesIO(data), len(data), name, max_unzipped_bytes, max_ratio, part_name)


def _sniff_stream(
    f: BinaryIO, size: int, name: str, max_unzipped: int, max_ratio: int, part_name: PartName | None = None
) -> FileProblem | None:
    head = f.read(_HEAD_BYTES)
    if not head:
        return _problem("file-empty", name)
    if head.startswith(_ZIP_SIGNATURES):
        return _sniff_zip(f, size, name, max_unzipped, max_ratio, part_name)
    if head.startswith(_CFB_SIGNATURE):
        return _sniff_cfb(f, size, name)
    return _sniff_other(head, truncated=size > len(head), name=name)


def too_large(name: str, size: int, limit: int) -> FileProblem:
    """A file of `size` bytes refused for being over `limit` bytes; `bytes`: its exact size, for the record."""
    return _problem(
        "file-too-large", shown_file_name(name), size=str(math.ceil(size / MB)), limit=_mb(limit), bytes=str(size)
    )


class FileTooLargeError(Exception):
    """A file found to hold more than the limit before or while it was read: `size` is at least what it holds."""

    def __init__(self, size: int, limit: int) -> None:
        self.size, self.limit = size, limit
        super().__init__(f"{size} bytes, over the limit of {limit}")


def read_at_most(path: Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """The file's bytes, never more than `limit` + 1 of them read: FileTooLargeError when its size (stat) is over
    the limit before reading, or when it grew past it while being read. OSError as opening or reading raise it,
    and for anything but a regular file (a pipe swapped in would block, a device never ends)."""
    return read_file(path, limit).data


class FileRead(NamedTuple):
    data: bytes
    before: os.stat_result  # the open file's state before it was read
    after: os.stat_result  # and after: another size or time means it was being written meanwhile


def read_file(path: Path, limit: int = MAX_FILE_BYTES, *, follow_links: bool = True) -> FileRead:
    """As read_at_most, with the file's state before and after the read. Without `follow_links`, a link in the
    file's place is not followed (OSError): it may lead anywhere, out of a folder that is read or to a device."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    descriptor = os.open(path, flags if follow_links else flags | getattr(os, "O_NOFOLLOW", 0))
    with os.fdopen(descriptor, "rb") as f:
        before = os.fstat(f.fileno())
        if not stat.S_ISREG(before.st_mode):
            raise NotRegularFileError(f"{path.name}: not a regular file")
        if before.st_size > limit:
            raise FileTooLargeError(before.st_size, limit)
        data = f.read(limit + 1)
        after = os.fstat(f.fileno())
        if len(data) > limit:
            raise FileTooLargeError(max(after.st_size, len(data)), limit)
    return FileRead(data, before, after)


def _problem(code: ProblemCode, name: str, **params: str) -> FileProblem:
    return FileProblem(code=code, params={"name": name, **params})


def unreadable_reason(exc: OSError) -> dict[str, str]:
    """The fields of file-not-readable: the system's words (`reason`) and, where the catalogue says it in the
    reader's words, its code (`os`)."""
    code = os_reason_code(exc)
    return {"reason": _printable(exc.strerror or str(exc), 120) or type(exc).__name__} | ({"os": code} if code else {})


def _mb(n: int) -> str:
    """A size limit in MB: whole where it is whole, else with up to two decimals."""
    return f"{round(n / MB, 2):g}"


# --- zip: xlsx, xlsm, and other zips -----------------------------------------------


# What zipfile and zlib raise on a damaged zip (OSError too: zipfile seeks to offsets a damaged directory gives).
ZIP_ERRORS = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    zlib.error,
    EOFError,
    ValueError,
    NotImplementedError,
    RuntimeError,
    struct.error,
    OSError,
)


def _sniff_zip(
    f: BinaryIO, size: int, name: str, max_unzipped: int, max_ratio: int, part_name: PartName | None
) -> FileProblem | None:
    directory = _central_directory(f, size)
    if directory is not None:
        members, directory_bytes = directory
        if members > MAX_ZIP_MEMBERS or directory_bytes > MAX_CENTRAL_DIRECTORY_BYTES:
            return _problem("file-zip-bomb", name, members=str(members))
    try:
        with zipfile.ZipFile(f) as archive:
            return _sniff_archive(archive, f, name, max_unzipped, max_ratio, part_name)
    except ZipBombError as exc:
        return _problem("file-zip-bomb", name, member=exc.member, declared=str(exc.declared))
    except PartTooLargeError as exc:
        return _problem("file-part-too-large", name, part=exc.member, limit=_mb(MAX_PART_BYTES))
    except ZIP_ERRORS as exc:  # OSError too: zipfile seeks to offsets that a damaged directory gives
        return _problem("file-corrupt", name, detail=_printable(str(exc), 120) or type(exc).__name__)


def _sniff_archive(
    archive: zipfile.ZipFile, f: BinaryIO, name: str, max_unzipped: int, max_ratio: int, part_name: PartName | None
) -> FileProblem | None:
    members = archive.infolist()
    # Zip bomb checks: sizes as the central directory declares them; nothing is decompressed.
    total = sum(member.file_size for member in members)
    if total > max_unzipped:
        size = {"size": str(math.ceil(total / MB)), "limit": _mb(max_unzipped)}
        return merged_too_large(archive, f, name, part_name) or _problem("file-zip-bomb", name, **size)
    for member in members:
        if member.file_size > RATIO_MIN_MEMBER_BYTES and member.file_size > max_ratio * max(member.compress_size, 1):
            ratio = member.file_size // max(member.compress_size, 1)
            bomb = _problem("file-zip-bomb", name, member=_printable(member.filename, 80), ratio=str(ratio))
            return merged_too_large(archive, f, name, part_name) or bomb
    for member in members:
        try:
            check_declared_size(member)
        except PartTooLargeError as exc:
            if merged := merged_too_large(archive, f, name, part_name):
                return merged
            exc.member = part_name(archive, f, member.filename) if part_name else _printable(member.filename, 80)
            raise
    names = {member.filename for member in members}
    mimetype = _small_member(archive, f, "mimetype", 200).strip()
    if not mimetype and "META-INF/manifest.xml" in names:  # ODF allows leaving the mimetype member out
        manifest = _small_member(archive, f, "META-INF/manifest.xml", 256 * 1024)
        if b"application/vnd.oasis.opendocument.spreadsheet" in manifest:
            mimetype = b"application/vnd.oasis.opendocument.spreadsheet"
    if mimetype.startswith(b"application/vnd.oasis.opendocument.spreadsheet"):
        return _problem("file-ods", name)
    if mimetype.startswith(b"application/vnd.oasis.opendocument."):
        kind = {b"text": "ODT", b"presentation": "ODP", b"graphics": "ODG"}.get(mimetype.split(b".")[-1], "ODF")
        return _problem("file-not-spreadsheet", name, kind=kind)
    if "word/document.xml" in names:
        return _problem("file-not-spreadsheet", name, kind="DOCX")
    if "ppt/presentation.xml" in names:
        return _problem("file-not-spreadsheet", name, kind="PPTX")
    if any(member.flag_bits & 0x1 for member in members):  # zip encryption (Excel itself encrypts into a CFB)
        return _problem("file-password-protected", name)
    if "[Content_Types].xml" not in names:
        return _problem("file-corrupt", name, detail="no [Content_Types].xml")
    workbook = "xl/workbook.xml" if "xl/workbook.xml" in names else _office_document(archive, f)
    if workbook.endswith(".bin") or (workbook not in names and "xl/workbook.bin" in names):
        return _problem("file-xlsb", name)  # Excel Binary Workbook: whole, but not what apmon reads
    if workbook not in names or not workbook.endswith(".xml"):
        return _problem("file-corrupt", name, detail=f"no workbook part ({_printable(workbook, 80) or '-'})")
    return None


def _small_member(archive: zipfile.ZipFile, f: BinaryIO, member: str, limit: int) -> bytes:
    """A member that the central directory says is at most `limit` bytes (packed and unpacked), else b''."""
    try:
        info = archive.getinfo(member)
    except KeyError:
        return b""
    if info.file_size > limit or info.compress_size > limit:
        return b""
    return read_member(f, info)


class ZipBombError(ValueError):
    """A zip member that inflates to more than the size its zip declares for it."""

    def __init__(self, member: str, declared: int) -> None:
        self.member, self.declared = _printable(member, 80), declared  # shown: as the zip names it, made harmless
        super().__init__(f"{self.member} holds more than the {declared} bytes its zip declares")


class PartTooLargeError(ValueError):
    """A zip member larger than a part may be (`max_bytes`), or holding more tags than it may (`max_tags`), found
    after `inflated` bytes of it were inflated."""

    def __init__(self, member: str, inflated: int) -> None:
        self.member, self.inflated = member, inflated
        super().__init__(f"{member}: more than a part of a workbook may hold (found after {inflated} bytes)")


def check_declared_size(info: zipfile.ZipInfo, max_bytes: int = MAX_PART_BYTES) -> None:
    """PartTooLargeError for a member whose zip declares it larger than a part may be: the one check of a part's
    declared size, made by the quick checks (sniff_workbook) and by every read of a part (read_member)."""
    if info.file_size > max_bytes:
        raise PartTooLargeError(info.filename, 0)


def read_member(
    f: BinaryIO, info: zipfile.ZipInfo, *, max_bytes: int | None = None, max_tags: int | None = None
) -> bytes:
    """A member's content, from the zip file `f`, inflated no further than the size the central directory declares
    for it (plus one byte, to tell that it holds more): ZipBombError when it does, zipfile.BadZipFile when it is
    damaged (its checksum or size do not match, its data is cut short, it is encrypted or packed in a way Excel
    never uses). Only stored and deflated members: the other methods zipfile knows cannot be bounded this way.
    PartTooLargeError for a member that declares more than `max_bytes` (before any of it is inflated), or holds more
    than `max_tags` tags ("<"), counted a block at a time as it is inflated."""
    return _read_member(f, info, max_bytes, max_tags)[0]


def read_member_counted(
    f: BinaryIO, info: zipfile.ZipInfo, *, max_bytes: int | None = None, max_tags: int
) -> tuple[bytes, int]:
    """As read_member, with the tags ("<") the member holds: counted as it is inflated, not again after."""
    return _read_member(f, info, max_bytes, max_tags)


def _read_member(f: BinaryIO, info: zipfile.ZipInfo, max_bytes: int | None, max_tags: int | None) -> tuple[bytes, int]:
    """read_member's content, and its tags where `max_tags` is given (else 0: not counted)."""
    if max_bytes is not None:
        check_declared_size(info, max_bytes)
    f.seek(info.header_offset)
    header = f.read(30)
    if len(header) < 30 or header[:4] != b"PK\x03\x04":
        raise zipfile.BadZipFile(f"{info.filename}: no local header where the directory says")
    if info.flag_bits & 0x1:
        raise zipfile.BadZipFile(f"{info.filename}: encrypted")
    name_length, extra_length = struct.unpack_from("<HH", header, 26)  # the local header's own lengths
    f.seek(info.header_offset + 30 + name_length + extra_length)
    packed = f.read(info.compress_size)
    tags = 0
    if info.compress_type == zipfile.ZIP_STORED:
        content = packed
        if max_tags is not None and (tags := content.count(b"<")) > max_tags:
            raise PartTooLargeError(info.filename, 0)
    elif info.compress_type == zipfile.ZIP_DEFLATED:
        content, tags = _inflate(info, packed, max_tags)
    else:
        raise zipfile.BadZipFile(f"{info.filename}: compression method {info.compress_type}")
    if len(content) != info.file_size or zlib.crc32(content) != info.CRC:
        raise zipfile.BadZipFile(f"{info.filename}: its size or checksum is not the one declared")
    return content, tags


def _inflate(info: zipfile.ZipInfo, packed: bytes, max_tags: int | None) -> tuple[bytes, int]:
    """A deflated member's content, inflated a block at a time: no further than its declared size plus one byte
    (ZipBombError), its tags counted in each block (PartTooLargeError past `max_tags`; not counted without it)."""
    inflater = zlib.decompressobj(-zlib.MAX_WBITS)
    blocks: list[bytes] = []
    held = tags = 0
    pending = packed
    while not inflater.eof:
        block = inflater.decompress(pending, min(INFLATE_BLOCK, info.file_size + 1 - held))
        if not block and len(inflater.unconsumed_tail) == len(pending):
            raise zipfile.BadZipFile(f"{info.filename}: its compressed data is cut short")
        pending = inflater.unconsumed_tail
        held += len(block)
        if held > info.file_size:
            raise ZipBombError(info.filename, info.file_size)
        if max_tags is not None:
            tags += block.count(b"<")
            if tags > max_tags:
                raise PartTooLargeError(info.filename, held)
        blocks.append(block)
    return b"".join(blocks), tags


def merged_too_large(
    archive: zipfile.ZipFile, f: BinaryIO, name: str, part_name: PartName | None = None
) -> FileProblem | None:
    """file-merged-too-large for a workbook refused for its size that holds a range of cells merged over more than
    HUGE_MERGE_CELLS cells: the largest such range and its sheet, which the officer can unmerge (deleting empty rows
    and columns, the advice for a workbook too large, would not help). None when it holds none, or when its sheets
    cannot be read so far (damaged, inflating past their declared size: refused as they are). Only a sheet whose
    used range (its `dimension`, at its start: Excel's counts the merged cells' formats) is that large is read to
    its end, where the merged ranges are: a crafted sheet of other entries is not inflated past its first block."""
    budget, looked, largest = _MERGES_SCANNED, _MERGES_LOOKED, (HUGE_MERGE_CELLS, "", "")
    for info in archive.infolist():
        if budget <= 0 or looked <= 0:
            break
        if not (info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml")):
            continue
        if info.file_size > _MERGES_RATIO * max(info.compress_size, 1):
            continue
        try:
            blocks = _inflated(f, info, budget)
            first = next(blocks, b"")
            budget -= len(first)
            looked -= min(len(first), _HEAD_BYTES)
            used = _DIMENSION.search(first, 0, _HEAD_BYTES)  # Excel writes it at a sheet's start
            if used is None or _area(*used.groups()) <= HUGE_MERGE_CELLS:
                continue
            carried, after_cells = b"", False
            for block in itertools.chain((first,), blocks):  # a block at a time: none of them kept
                budget -= len(block) if block is not first else 0
                text = carried + block
                if not after_cells:  # the cells: passed by a plain search, not looked through
                    at = text.find(_CELLS_END)
                    after_cells, carried = at >= 0, text[at:] if at >= 0 else text[-len(_CELLS_END) :]
                    if not after_cells:
                        continue
                    text = carried
                for found in _MERGE_CELL.finditer(text, 0, looked):
                    if (area := _area(*found.groups())) > largest[0]:
                        corners = [part.decode("ascii").upper() for part in found.groups()]
                        largest = (area, info.filename, "{}{}:{}{}".format(*corners))
                looked -= len(text)
                if looked <= 0:
                    break
                carried = text[-100:]  # a tag cut at the block's end is whole in the next
        except (zipfile.BadZipFile, ZipBombError, zlib.error, struct.error, OSError):
            return None
    if not largest[1]:
        return None
    sheet = part_name(archive, f, largest[1]) if part_name else _printable(largest[1], 80)
    return _problem("file-merged-too-large", name, sheet=sheet, range=largest[2])


def _area(left: bytes, top: bytes, right: bytes | None, bottom: bytes | None) -> int:
    """The cells of a range given by its corners' letters and numbers (one cell: no second corner)."""
    right, bottom = right or left, bottom or top
    columns = column_number(right.decode("ascii").upper()) - column_number(left.decode("ascii").upper()) + 1
    return max(columns, 0) * max(int(bottom) - int(top) + 1, 0)


def _inflated(f: BinaryIO, info: zipfile.ZipInfo, budget: int) -> Iterator[bytes]:
    """A member's content a block at a time, as it is inflated: at most `budget` bytes of it, no further than its
    declared size (ZipBombError); nothing kept."""
    f.seek(info.header_offset)
    header = f.read(30)
    if len(header) < 30 or header[:4] != b"PK\x03\x04" or info.flag_bits & 0x1:
        raise zipfile.BadZipFile(info.filename)
    name_length, extra_length = struct.unpack_from("<HH", header, 26)
    f.seek(info.header_offset + 30 + name_length + extra_length)
    packed = f.read(info.compress_size)
    if info.compress_type == zipfile.ZIP_STORED:
        for at in range(0, min(len(packed), budget), INFLATE_BLOCK):
            yield packed[at : at + INFLATE_BLOCK]
        return
    if info.compress_type != zipfile.ZIP_DEFLATED:
        raise zipfile.BadZipFile(info.filename)
    inflater, pending, held = zlib.decompressobj(-zlib.MAX_WBITS), packed, 0
    while not inflater.eof and held < budget:
        block = inflater.decompress(pending, min(INFLATE_BLOCK, info.file_size + 1 - held))
        if not block and len(inflater.unconsumed_tail) == len(pending):
            raise zipfile.BadZipFile(info.filename)
        pending, held = inflater.unconsumed_tail, held + len(block)
        if held > info.file_size:
            raise ZipBombError(info.filename, info.file_size)
        yield block


def _office_document(archive: zipfile.ZipFile, f: BinaryIO) -> str:
    """The main part named by _rels/.rels, for packages that do not use the usual xl/workbook.xml."""
    rels = _small_member(archive, f, "_rels/.rels", 256 * 1024).decode("utf-8", "replace")
    for relationship in rels.split("<Relationship ")[1:]:
        if "/officeDocument" not in relationship:
            continue
        start = relationship.find('Target="')
        if start >= 0:
            target = relationship[start + 8 : relationship.find('"', start + 8)]
            return target.lstrip("/")
    return ""


def _central_directory(f: BinaryIO, size: int) -> tuple[int, int] | None:
    """(member count, central directory bytes) from the end of central directory record, before
    zipfile loads the directory into memory; None when there is no such record (zipfile will say)."""
    tail_length = min(size, 22 + 65535)
    f.seek(size - tail_length)
    tail = f.read(tail_length)
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or len(tail) - at < 22:
        return None
    members, directory_bytes = struct.unpack("<HL", tail[at + 10 : at + 16])
    if members == 0xFFFF or directory_bytes == 0xFFFFFFFF:  # zip64: the real values are in the zip64 record
        locator = tail[at - 20 : at] if at >= 20 else b""
        if locator[:4] == b"PK\x06\x07":
            (offset,) = struct.unpack("<Q", locator[8:16])
            if offset < size:
                f.seek(offset)
                record = f.read(56)
                if record[:4] == b"PK\x06\x06" and len(record) == 56:
                    members, directory_bytes = struct.unpack("<QQ", record[32:48])
    return members, directory_bytes


# --- Compound File Binary: .xls, or an encrypted .xlsx ------------------------------


def _sniff_cfb(f: BinaryIO, size: int, name: str) -> FileProblem:
    streams = _cfb_names(f, size)
    if streams is None:  # a directory that cannot be walked: search its bytes instead
        f.seek(0)
        data = f.read(_CFB_SCAN_BYTES)
        found = any(stream.encode("utf-16-le") in data for stream in _ENCRYPTION_STREAMS)
        return _problem("file-password-protected", name) if found else _problem("file-old-xls", name)
    if streams & set(_ENCRYPTION_STREAMS):
        return _problem("file-password-protected", name)
    if "WordDocument" in streams:
        return _problem("file-not-spreadsheet", name, kind="DOC")
    if "PowerPoint Document" in streams:
        return _problem("file-not-spreadsheet", name, kind="PPT")
    return _problem("file-old-xls", name)


_MAX_REGULAR_SECTOR = 0xFFFFFFFA
_END_OF_CHAIN = 0xFFFFFFFE


def _cfb_names(f: BinaryIO, size: int) -> set[str] | None:
    """The names of the storages and streams in a Compound File's directory, read sector by
    sector along the FAT chain; None if the header or the chain is not sound."""
    try:
        f.seek(0)
        header = f.read(512)
        if len(header) < 512:
            return None
        (shift,) = struct.unpack("<H", header[30:32])
        if shift not in (9, 12):
            return None
        sector_size = 1 << shift
        per_sector = sector_size // 4
        first_directory, _, _, _, _, first_difat, difat_count = struct.unpack("<7L", header[48:76])
        difat = list(struct.unpack("<109L", header[76:512]))
        difat_chain = {"next": first_difat, "left": difat_count}
        fat_cache: dict[int, bytes] = {}

        def sector(number: int) -> bytes:
            if number > _MAX_REGULAR_SECTOR:
                raise ValueError(f"sector {number:#x} is not a regular sector")
            f.seek((number + 1) * sector_size)
            data = f.read(sector_size)
            if not data:
                raise ValueError(f"sector {number} is past the end of the file")
            return data.ljust(sector_size, b"\x00")  # some writers cut the last sector short

        def next_sector(number: int) -> int:
            index = number // per_sector
            while index >= len(difat):  # FAT sectors past the first 109 are listed in a chain of DIFAT sectors
                if difat_chain["left"] <= 0 or difat_chain["next"] > _MAX_REGULAR_SECTOR:
                    raise ValueError("FAT sector missing")
                entries = struct.unpack(f"<{per_sector}L", sector(difat_chain["next"]))
                difat.extend(entries[:-1])
                difat_chain["next"], difat_chain["left"] = entries[-1], difat_chain["left"] - 1
            location = difat[index]
            if location not in fat_cache:
                fat_cache[location] = sector(location)
            at = (number % per_sector) * 4
            return int.from_bytes(fat_cache[location][at : at + 4], "little")

        names: set[str] = set()
        seen: set[int] = set()
        current = first_directory
        while current != _END_OF_CHAIN:
            if current in seen or len(seen) >= _CFB_MAX_DIRECTORY_SECTORS:
                return None
            seen.add(current)
            data = sector(current)
            for at in range(0, sector_size, 128):
                entry = data[at : at + 128]
                (length,) = struct.unpack("<H", entry[64:66])
                if entry[66] in (1, 2, 5) and 2 <= length <= 64:  # storage, stream, root
                    names.add(entry[: length - 2].decode("utf-16-le", "replace"))
            current = next_sector(current)
        return names or None
    except (ValueError, struct.error):
        return None


# --- everything else: text, HTML, PDF, pictures ---------------------------------------

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"GIF87a", "GIF"),
    (b"GIF89a", "GIF"),
    (b"II*\x00", "TIFF"),
    (b"MM\x00*", "TIFF"),
    (b"Rar!\x1a\x07", "RAR"),
    (b"7z\xbc\xaf\x27\x1c", "7Z"),
    (b"\x1f\x8b", "GZIP"),
    (b"{\\rtf", "RTF"),
    (b"MZ", "EXE"),
    (b"\x7fELF", "ELF"),
)


def _sniff_other(head: bytes, *, truncated: bool, name: str) -> FileProblem:
    if b"%PDF-" in head[:1024]:
        return _problem("file-pdf", name)
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return _problem("file-not-spreadsheet", name, kind=kind)
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return _problem("file-not-spreadsheet", name, kind="WEBP")
    text = _decode_text(head, truncated=truncated)
    if text is None:
        kind = "BMP" if head[:2] == b"BM" else "?"
        return _problem("file-not-spreadsheet", name, kind=kind)
    start = text.lstrip("\ufeff \t\r\n").lower()
    if start.startswith("<?xml") and "urn:schemas-microsoft-com:office:spreadsheet" in start:
        return _problem("file-old-xls", name, kind="XML 2003")  # Excel 2003 XML spreadsheet, usually named .xls
    if start.startswith(("<html", "<!doctype html", "<table", "<head", "<body", "<meta", "mime-version:")) or (
        start.startswith("<") and ("<html" in start or "<table" in start)
    ):
        return _problem("file-html", name)
    lines = text.splitlines()
    if truncated and len(lines) > 1:
        lines = lines[:-1]  # cut at 4 KB
    # A line with nothing to show (spaces of any kind, a byte-order mark) is no text to quote
    lines = [line for line in lines if _printable(line, 60)]
    if not lines:
        return _problem("file-blank", name)
    excerpt = _printable(lines[0], 60)
    for separator in ("\t", ";", ","):
        if sum(separator in line for line in lines) * 2 > len(lines):
            return _problem("file-csv", name, excerpt=excerpt)
    return _problem("file-text", name, excerpt=excerpt)


def _decode_text(head: bytes, *, truncated: bool) -> str | None:
    """The head as text, or None if it looks binary. UTF-8 and UTF-16 with BOM, else
    Windows-1250 (Serbian Latin) or Windows-1251 (Serbian Cyrillic)."""
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if head.startswith(bom):
            body, encodings = head[len(bom) :], [encoding]
            break
    else:
        if b"\x00" in head:
            return None
        high = [b for b in head if b >= 0x80]
        cyrillic = len(high) > 0 and sum(b >= 0xC0 for b in high) * 4 > len(high) * 3
        body, encodings = head, ["utf-8", "cp1251" if cyrillic else "cp1250"]
    for encoding in encodings:
        try:
            text = codecs.getincrementaldecoder(encoding)().decode(body, final=not truncated)
        except UnicodeDecodeError:
            continue
        control = sum(unicodedata.category(ch)[0] == "C" and ch not in "\t\r\n\f" for ch in text)
        return text if control * 50 <= len(text) else None
    return None


def shown_file_name(name: str, limit: int | None = 80) -> str:
    """A file's name or its path in a folder as apmon shows it: made harmless (no terminal control sequence or
    direction mark gets through) and with any personal data in it masked; a name longer than `limit`
    keeps its end, where the file's own name is."""
    # Each control character, direction mark or unusual space becomes a space; ordinary spaces stay, trailing ones
    # too: "a.xlsx " is another file than "a.xlsx".
    shown = mask_file_name("".join(ch if ch == " " or unicodedata.category(ch)[0] not in "CZ" else " " for ch in name))
    if limit is None or len(shown) <= limit:
        return shown
    return f"{shown[: limit // 3]}…{shown[-(limit - limit // 3 - 1) :]}"


# What of a library's own message (calamine's, zipfile's) reaches people and the ledger: such a message may repeat a
# cell's whole text (megabytes of it); the whole error stays chained to the one apmon raises.
MAX_LIBRARY_MESSAGE = 300


def library_said(exc: BaseException) -> str:
    """A library's message, on one line, cut plainly with an ellipsis at MAX_LIBRARY_MESSAGE characters."""
    return _printable(str(exc), MAX_LIBRARY_MESSAGE) or type(exc).__name__


def shown_text(text: str, limit: int = 80) -> str:
    """A name from inside a file (a sheet's) as apmon shows it: without control or direction-changing characters, on
    one line, at most `limit` characters."""
    return _printable(text, limit)


def _printable(text: str, limit: int) -> str:
    """`text` without control or direction-changing characters, on one line, at most `limit` characters."""
    shown = "".join(" " if unicodedata.category(ch)[0] in "CZ" else ch for ch in text)
    shown = " ".join(shown.split())
    return shown if len(shown) <= limit else shown[: limit - 1].rstrip() + "…"


# The name apmon gives a template file (templates.build.template_file_name).
# The institution's code as the registry allows it (schemas.institutions.CODE_PATTERN): any other name is no report.
_TEMPLATE_FILE_NAME = re.compile(
    rf"(?P<institution>{CODE_PATTERN.strip('^$')})_(?P<period>\d{{4}}(?:-\d{{2}})?)_(?:sr-Latn|sr-Cyrl|en)\.xlsx"
)


def named_report(file_name: str) -> tuple[str, str] | None:
    """(institution, period) that the name apmon gave a template names, before the file is read (one that could not
    be read is then not shown as a report not sent); None for any other name."""
    match = _TEMPLATE_FILE_NAME.fullmatch(file_name)
    return (match["institution"], match["period"]) if match else None
