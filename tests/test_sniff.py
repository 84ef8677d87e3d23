"""The quick look at a report file before it is parsed: each bad file gets its own problem code and message."""

import contextlib
import io
import json
import os
import random
import re
import stat
import struct
import subprocess
import sys
import tracemalloc
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any, get_args

import openpyxl
import pytest

from apmon.schemas.a1 import cell_position
from apmon.schemas.calendar import Period
from apmon.schemas.institutions import InstitutionRegistry
from apmon.schemas.messages import FILE_PROBLEMS
from apmon.schemas.plan import Plan
from apmon.templates import sniff
from apmon.templates.layout import NoTasksError, report_layout
from apmon.templates.read_xlsx import UnreadableFileError, part_shown, read_xlsx, read_xlsx_bytes
from apmon.templates.sniff import (
    FileProblem,
    FileTooLargeError,
    ProblemCode,
    read_at_most,
    sniff_bytes,
    sniff_workbook,
)
from apmon.templates.validation import Validation, read_report_bytes, read_report_file
from apmon.templates.xlsx import write_xlsx as write_template
from tests.make_bad_files import (
    MB,
    make_bad_files,
    make_cases,
    write_cfb,
    write_lying_zip_bomb,
    write_merged_over,
    write_sheet_of_elements,
    write_sparse,
    write_xlsx,
    write_zip_bomb,
)

# A Google spreadsheet's problems are found from its metadata, never from a file (tests/test_google_sheet_too_large.py)
GOOGLE_CODES = {"google-sheet-too-large", "google-sheets-too-large"}
CODES = [code for code in get_args(ProblemCode) if code not in GOOGLE_CODES]
ROOT = Path(__file__).resolve().parents[1]


def sniffed(path: Path, **limits: int) -> str:
    """The code for a file on disk, checked to be the one its bytes in memory get too."""
    problem = sniff_workbook(path, **limits)
    if path.is_file() and os.access(path, os.R_OK):
        assert sniff_bytes(path.read_bytes(), path.name, **limits) == problem
    return problem.code if problem else ""


@pytest.mark.parametrize("code", CODES)
def test_each_bad_file_gets_its_code(code: str, tmp_path: Path) -> None:
    path = make_bad_files(tmp_path)[code]
    assert found_code(path) == code
    if code not in ("file-sheet-too-large", "file-part-too-large"):  # seen only when its parts are inflated
        assert sniffed(path) == code


def found_code(path: Path) -> str:
    """From the quick checks, or (a zip whose declared sizes lie, a sheet too large) from the full read after them."""
    found = read_report_file(path, "en")
    return sniffed(path) or (found.issues[0].code if isinstance(found, Validation) else "")


def test_every_case_gets_its_code(tmp_path: Path) -> None:
    cases = make_cases(tmp_path)
    assert {label: found_code(path) for label, (_, path) in cases.items()} == {
        label: code for label, (code, _) in cases.items()
    }


def test_make_bad_files_covers_every_code_and_each_code_has_messages(tmp_path: Path) -> None:
    # file-crashed-reader is found by how reading went (sync.parsing), never by looking at a file; file-not-kept by
    # the sync's allowance of refused content (tests/test_refused_bytes_bounded.py)
    found_elsewhere = {"file-crashed-reader", "file-not-kept", *GOOGLE_CODES}
    assert set(make_bad_files(tmp_path)) == set(CODES) == set(FILE_PROBLEMS) - found_elsewhere


def test_real_workbooks_pass(plan: Plan, registry: InstitutionRegistry, tmp_path: Path) -> None:
    plain = tmp_path / "plain.xlsx"
    write_xlsx(plain)
    template = tmp_path / "MUP_2018-03.xlsx"
    write_template(report_layout(plan, registry, "MUP", Period.parse("2018-03"), "sr-Latn"), template)
    renamed = tmp_path / "izveštaj.xls"
    renamed.write_bytes(plain.read_bytes())
    assert [sniff_workbook(p) for p in (plain, template, renamed)] == [None, None, None]


def test_package_with_its_workbook_elsewhere_passes(tmp_path: Path) -> None:
    """openpyxl finds the workbook through _rels/.rels, so an unusual part name is still readable."""
    path = tmp_path / "other-name.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(
            "_rels/.rels",
            '<Relationships><Relationship Id="rId1" Target="/xl/book.xml" Type="http://schemas.openxmlformats.org/'
            'officeDocument/2006/relationships/officeDocument"/></Relationships>',
        )
        archive.writestr("xl/book.xml", "<workbook/>")
    assert sniff_workbook(path) is None


def test_zip_with_content_types_but_no_workbook_is_corrupt(tmp_path: Path) -> None:
    path = tmp_path / "no-workbook.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/styles.xml", "<styleSheet/>")
    assert sniffed(path) == "file-corrupt"


@pytest.mark.parametrize("with_rels", [True, False])
def test_an_excel_binary_workbook_is_named_as_such_not_corrupt(tmp_path: Path, with_rels: bool) -> None:
    """Saved as "Excel Binary Workbook (.xlsb)", a report was called damaged or incomplete: the officer was told to
    save it again, which Excel does as .xlsb again. It is named, with the type to choose."""
    path = tmp_path / "binary-workbook.xlsb"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        if with_rels:  # as Excel writes it; without, as a package whose relationships were lost
            archive.writestr(
                "_rels/.rels",
                '<Relationships><Relationship Id="rId1" Target="xl/workbook.bin" Type="http://schemas.openxmlformats'
                '.org/officeDocument/2006/relationships/officeDocument"/></Relationships>',
            )
        archive.writestr("xl/workbook.bin", b"\x83\x01\x00")
    assert sniffed(path) == "file-xlsb"


# --- messages -------------------------------------------------------------------------

_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


@pytest.mark.parametrize("code", list(FILE_PROBLEMS))
def test_each_code_has_both_messages_with_the_same_placeholders(code: str) -> None:
    sr_latn, en = FILE_PROBLEMS[code]
    assert sr_latn.strip() and en.strip() and sr_latn != en
    assert set(_PLACEHOLDER.findall(sr_latn)) == set(_PLACEHOLDER.findall(en))
    assert not re.search(r"\b(the|file|save|password|open|send)\b", sr_latn, re.IGNORECASE)  # no English in Serbian
    assert re.search(r"[čćšžđ]", sr_latn)  # written with the Serbian letters


def test_every_message_formats_with_the_params_of_its_problem(tmp_path: Path) -> None:
    """Strict str.format: every placeholder is among the params (the validator formats this way)."""
    for _, (code, path) in make_cases(tmp_path).items():
        problem = sniff_workbook(path)
        if problem is None:
            continue
        assert problem.code == code
        sr_latn, en = FILE_PROBLEMS[code]
        for text in (sr_latn.format(**problem.params), en.format(**problem.params)):
            assert "{" not in text and "}" not in text
        for lang in ("sr-Latn", "sr-Cyrl", "en"):
            assert problem.message(lang) == problem.message(lang).strip() != ""


def test_message_fills_in_and_transliterates() -> None:
    problem = FileProblem(code="file-too-large", params={"name": "x.xlsx", "size": "31", "limit": "20"})
    assert "(31 MB; at most 20 MB is allowed)" in problem.message("en")
    assert "(31 MB, a dozvoljeno je najviše 20 MB)" in problem.message("sr-Latn")
    assert "дозвољено је највише 20 МБ" in problem.message("sr-Cyrl")
    assert "'?'" in FileProblem(code="file-text").message("en")  # a missing parameter shows as '?'


def test_problem_is_frozen() -> None:
    problem = FileProblem(code="file-empty", params={"name": "a.xlsx"})
    with pytest.raises(ValueError):
        problem.code = "file-csv"  # type: ignore[misc]


# --- hostile files: nothing big is read or decompressed -------------------------------


def _forbid_decompressing(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("a member was opened or decompressed")

    monkeypatch.setattr(zipfile.ZipFile, "open", refuse)
    monkeypatch.setattr(zipfile.ZipFile, "read", refuse)
    monkeypatch.setattr(zlib, "decompressobj", refuse)
    monkeypatch.setattr(zlib, "decompress", refuse)


def test_zip_bomb_is_found_from_the_central_directory_alone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bomb = tmp_path / "bomb.xlsx"
    write_zip_bomb(bomb, 2 * MB - 4096)  # with its two small parts: just under 2 MB
    assert bomb.stat().st_size < 20_000  # 2 MB of zeros in a few kilobytes
    _forbid_decompressing(monkeypatch)
    problem = sniff_workbook(bomb, max_unzipped_bytes=1 * MB)
    assert problem == FileProblem(code="file-zip-bomb", params={"name": "bomb.xlsx", "size": "2", "limit": "1"})


def test_declared_sizes_are_believed_without_unpacking(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A directory that claims 3 GB for a few bytes: only reading the directory can say 'bomb'."""
    path = tmp_path / "liar.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
    data = bytearray(path.read_bytes())
    entry = data.rindex(b"PK\x01\x02")  # the last central directory entry: xl/workbook.xml
    struct.pack_into("<L", data, entry + 24, 3_000_000_000)  # its uncompressed size
    path.write_bytes(bytes(data))
    assert path.stat().st_size < 1000
    _forbid_decompressing(monkeypatch)
    problem = sniff_workbook(path)
    assert problem is not None and problem.code == "file-zip-bomb" and problem.params["size"] == "2862"


def test_high_ratio_counts_only_for_big_members(tmp_path: Path) -> None:
    small, big = tmp_path / "small.xlsx", tmp_path / "big.xlsx"
    write_zip_bomb(small, 9 * MB)  # a ratio near 1000, but under 10 MB: an empty formatted sheet can do that
    write_zip_bomb(big, 11 * MB)
    assert sniff_workbook(small) is None
    problem = sniff_workbook(big)
    assert problem is not None and problem.code == "file-zip-bomb" and int(problem.params["ratio"]) > 200


def test_too_many_members_are_refused_before_zipfile_reads_the_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "many.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        for i in range(6):
            archive.writestr(f"part{i}.xml", "")
    monkeypatch.setattr(sniff, "MAX_ZIP_MEMBERS", 5)

    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("zipfile read the central directory")

    monkeypatch.setattr(sniff.zipfile, "ZipFile", refuse)
    assert sniff_workbook(path) == FileProblem(code="file-zip-bomb", params={"name": "many.xlsx", "members": "6"})


def test_too_large_file_is_refused_from_its_size_alone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "huge.xlsx"
    write_sparse(path, 3 * MB)
    assert path.stat().st_size == 3 * MB
    assert path.stat().st_blocks * 512 < MB  # sparse: the size takes no disk

    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("the file was opened")

    monkeypatch.setattr(Path, "open", refuse)
    problem = sniff_workbook(path, max_file_bytes=1 * MB)
    params = {"name": "huge.xlsx", "size": "3", "limit": "1", "bytes": str(3 * MB)}
    assert problem == FileProblem(code="file-too-large", params=params)
    assert "(3 MB; at most 1 MB is allowed)" in problem.message("en")


def test_a_file_is_read_no_further_than_the_limit_even_when_it_grew_since_its_size_was_taken(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "growing.xlsx"
    path.write_bytes(bytes(3 * MB))
    real = os.fstat

    def small_when_opened(fd: int) -> os.stat_result:  # as it was before the rest of it was written
        found = list(real(fd))
        found[stat.ST_SIZE] = 10
        return os.stat_result(found)

    monkeypatch.setattr(sniff.os, "fstat", small_when_opened)
    with pytest.raises(FileTooLargeError) as refused:
        read_at_most(path, 1 * MB)
    assert (refused.value.size, refused.value.limit) == (1 * MB + 1, 1 * MB)


def test_a_pipe_is_not_read_as_a_file(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe.xlsx"
    os.mkfifo(pipe)
    with pytest.raises(OSError, match="not a regular file"):
        read_at_most(pipe)  # opened without waiting for a writer, then refused


@pytest.mark.parametrize("member", ["xl/worksheets/sheet2.xml", "xl/worksheets/sheet1.xml"])
def test_a_zip_whose_declared_sizes_lie_is_a_zip_bomb_on_every_read_path(member: str, tmp_path: Path) -> None:
    """A sheet part holding 8 MB more than its zip headers say: in the workbook (calamine would read it), or a part
    the workbook does not list (calamine never opens it; the error-cell scan did, and inflated it whole)."""
    path = tmp_path / "liar.xlsx"
    write_lying_zip_bomb(path, 8 * MB, member)
    assert sniff_workbook(path) is None  # the declared sizes are small: only inflating tells
    for read in (read_report_file(path, "en"), read_report_bytes(path.read_bytes(), path.name, "en")):
        assert isinstance(read, Validation) and [i.code for i in read.issues] == ["file-zip-bomb"]
        assert read.issues[0].params["member"] == member
    with pytest.raises(UnreadableFileError) as refused:
        read_xlsx(path)
    assert refused.value.code == "file-zip-bomb"


def test_reading_a_lying_zip_bomb_takes_little_memory(tmp_path: Path) -> None:
    """256 MB of padding in 0.3 MB: the file is read by `apmon validate`'s path and by the sync's, in a process of
    its own whose peak memory is measured."""
    if not Path("/proc/self/status").exists():
        pytest.skip("a process's peak memory is read from /proc")
    path = tmp_path / "liar.xlsx"
    write_lying_zip_bomb(path, 256 * MB)
    assert path.stat().st_size < MB
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from templates.validation import Validation, read_report_bytes, read_report_file\n"
        # this process's own peak, in kB (getrusage's ru_maxrss keeps a parent's across fork and exec: under a
        # full run's large pytest the difference was always 0)
        "def peak():\n"
        "    return next(int(line.split()[1]) for line in open('/proc/self/status') if line.startswith('VmHWM:'))\n"
        "path = Path(sys.argv[1])\n"
        "before = peak()\n"
        "found = [read_report_file(path, 'en'), read_report_bytes(path.read_bytes(), path.name, 'en')]\n"
        "print(before, peak(), *[f.issues[0].code if isinstance(f, Validation) else 'readable' for f in found])\n"
    )
    run = subprocess.run([sys.executable, "-c", script, str(path)], capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 0, run.stderr
    before, peak, from_file, from_bytes = run.stdout.split()
    assert int(peak) - int(before) < 32 * 1024  # kilobytes: under 32 MB more
    assert from_file == from_bytes == "file-zip-bomb"


def test_a_pipe_is_not_read(tmp_path: Path) -> None:
    """Opening a pipe with no writer would block forever."""
    pipe = tmp_path / "pipe.xlsx"
    os.mkfifo(pipe)
    problem = sniff_workbook(pipe)
    assert problem is not None and problem.code == "file-not-readable"


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files without read permission")
def test_file_without_read_permission(tmp_path: Path) -> None:
    path = tmp_path / "locked.xlsx"
    write_xlsx(path)
    path.chmod(0)
    try:
        problem = sniff_workbook(path)
    finally:
        path.chmod(stat.S_IRUSR | stat.S_IWUSR)
    assert problem is not None and problem.code == "file-not-readable" and problem.params["reason"]


def test_os_errors_are_reported_with_their_reason(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """What a file without read permission gives a user who is not root (the test above, skipped as root)."""
    path = tmp_path / "locked.xlsx"
    write_xlsx(path)

    def denied(*args: Any, **kwargs: Any) -> Any:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "open", denied)
    problem = sniff_workbook(path)
    # the system's words are kept beside the code of the catalogue's words for them
    assert problem == FileProblem(
        code="file-not-readable", params={"name": "locked.xlsx", "reason": "Permission denied", "os": "denied"}
    )
    assert problem.message("en") == FILE_PROBLEMS["file-not-readable"][1].format(name="", reason="permission denied")
    assert "(nemate pravo pristupa)" in problem.message("sr-Latn")
    assert "(немате право приступа)" in problem.message("sr-Cyrl")


# --- Compound Files ---------------------------------------------------------------------


def test_compound_file_directory_is_walked(tmp_path: Path) -> None:
    path = tmp_path / "protected.xlsx"
    write_cfb(path, {"EncryptionInfo": b"\x04\x00\x04\x00", "EncryptedPackage": bytes(8), "\x06DataSpaces": b""})
    with path.open("rb") as f:
        names = sniff._cfb_names(f, path.stat().st_size)
    assert names == {"Root Entry", "EncryptionInfo", "EncryptedPackage", "\x06DataSpaces"}


@pytest.mark.parametrize(
    ("streams", "code"),
    [
        ({"Workbook": b"\x09\x08"}, "file-old-xls"),
        ({"EncryptionInfo": b"\x04\x00\x04\x00", "EncryptedPackage": bytes(8)}, "file-password-protected"),
    ],
)
def test_compound_file_with_a_broken_directory_is_searched_for_the_encryption_streams(
    streams: dict[str, bytes], code: str, tmp_path: Path
) -> None:
    path = tmp_path / "broken.xlsx"
    write_cfb(path, streams)
    data = bytearray(path.read_bytes())
    struct.pack_into("<L", data, 48, 0x00FFFFFF)  # the first directory sector: far past the end of the file
    path.write_bytes(bytes(data))
    with path.open("rb") as f:
        assert sniff._cfb_names(f, len(data)) is None
    assert sniffed(path) == code


def test_text_excerpt_is_short_and_clean(tmp_path: Path) -> None:
    path = tmp_path / "notes.xlsx"
    path.write_bytes(("\u202eObavešte\x07nje " + "dugačak tekst " * 20 + "\nkraj\n").encode())
    problem = sniff_workbook(path)
    assert problem is not None and problem.code == "file-text"
    excerpt = problem.params["excerpt"]
    assert len(excerpt) <= 60 and excerpt.startswith("Obavešte nje dugačak") and excerpt.endswith("…")


def test_the_reader_reads_a_workbook_only_as_xlsx(tmp_path: Path) -> None:
    """calamine takes a zip for whatever it finds in it: an OpenDocument spreadsheet's content.xml, 1.4 KB,
    made it build 60,000 x 100 cells (or abort, 1,048,576 rows down) with no sheet checked. The quick checks refuse
    such a file first (file-ods); the reader itself reads nothing but an xlsx workbook's parts."""
    content = (
        b'<?xml version="1.0" encoding="UTF-8"?><office:document-content'
        b' xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
        b' xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"'
        b' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body>'
        b'<office:spreadsheet><table:table table:name="S"><table:table-row table:number-rows-repeated="59999">'
        b'<table:table-cell/></table:table-row><table:table-row><table:table-cell table:number-columns-repeated="99"/>'
        b'<table:table-cell office:value-type="float" office:value="1"><text:p>1</text:p></table:table-cell>'
        b"</table:table-row></table:table></office:spreadsheet></office:body></office:document-content>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("META-INF/manifest.xml", "<manifest/>")
        archive.writestr("content.xml", content)
    with pytest.raises(UnreadableFileError) as refused:
        read_xlsx_bytes(buffer.getvalue(), "spreadsheet.xlsx")
    assert refused.value.code == "file-corrupt"
    path = tmp_path / "spreadsheet.xlsx"
    path.write_bytes(buffer.getvalue())
    assert sniffed(path) == "file-ods"


def _template(plan: Plan, registry: InstitutionRegistry, tmp_path: Path) -> bytes:
    """MZ's monthly template, in English: its Budget sheet is xl/worksheets/sheet3.xml."""
    path = tmp_path / "MZ_2018-03_en.xlsx"
    write_template(report_layout(plan, registry, "MZ", Period.parse("2018-03"), "en"), path)
    return path.read_bytes()


def _refused(path: Path) -> UnreadableFileError:
    """How read_xlsx refuses the file at `path`, checked to be how the sync's path and `apmon validate` refuse it."""
    with pytest.raises(UnreadableFileError) as refused:
        read_xlsx(path)
    for found in (read_report_file(path, "en"), read_report_bytes(path.read_bytes(), path.name, "en")):
        assert isinstance(found, Validation) and [i.code for i in found.issues] == [refused.value.code]
    return refused.value


def test_a_sheet_of_200_mb_of_elements_in_a_5_mb_file_is_refused_before_it_is_inflated(
    plan: Plan, registry: InstitutionRegistry, tmp_path: Path
) -> None:
    """Within the zip-bomb limits (its size declared truly, packed at a ratio near 40), a sheet of 200 MB of empty
    XML elements with one #REF! was read in bounded memory but cost some 30 s of processor time, so a few such files
    held up a run. A part may hold at most MAX_PART_BYTES, twice the largest an honest report has: the size its zip
    declares refuses it, and no byte of it is inflated (read_member never inflates past the declared size)."""
    path = tmp_path / "elements.xlsx"
    budget_part = "xl/worksheets/sheet3.xml"
    write_sheet_of_elements(path, 195 * MB, _template(plan, registry, tmp_path), (budget_part,))
    assert path.stat().st_size < 6 * MB  # within the zip-bomb limits
    refused = _refused(path)
    assert (refused.code, refused.params["part"], refused.params["limit"]) == ("file-part-too-large", "Budget", "64")
    assert isinstance(refused.__cause__, sniff.PartTooLargeError) and refused.__cause__.inflated == 0
    # The quick checks refuse it too, from the same declared size, in the same words: one limit, one check.
    problem = sniff_workbook(path, part_name=part_shown)
    assert problem is not None and (problem.code, problem.params) == (
        "file-part-too-large",
        {"name": path.name, "part": "Budget", "limit": "64"},
    )
    assert sniff_bytes(path.read_bytes(), path.name, part_name=part_shown) == problem
    # without the reader's names for the sheets (sniff is used where the reader is not), as the zip names the part
    assert sniff_workbook(path) == problem.model_copy(update={"params": problem.params | {"part": budget_part}})


def test_a_sheet_of_millions_of_elements_under_the_size_limit_is_refused_after_a_few_mb_are_inflated(
    plan: Plan, registry: InstitutionRegistry, tmp_path: Path
) -> None:
    """48 MB of empty elements (some 11 million tags), under the size limit: the tags are counted as the part is
    inflated, and it is refused once past MAX_PART_TAGS, before most of it is inflated or any of it parsed."""
    path = tmp_path / "elements.xlsx"
    write_sheet_of_elements(path, 48 * MB, _template(plan, registry, tmp_path), ("xl/worksheets/sheet3.xml",))
    refused = _refused(path)
    assert (refused.code, refused.params["part"]) == ("file-part-too-large", "Budget")
    assert isinstance(refused.__cause__, sniff.PartTooLargeError)
    # The filler's tags take 4.2 bytes each: its 5 millionth ends some 21 MB in, and it is refused within a block
    assert refused.__cause__.inflated <= 4.3 * sniff.MAX_PART_TAGS + sniff.INFLATE_BLOCK < 24 * MB


def test_sheets_of_many_elements_each_under_the_limits_are_refused_together(
    plan: Plan, registry: InstitutionRegistry, tmp_path: Path
) -> None:
    """Three sheets of some 4 million tags each, each under the part's limits, are more than a workbook may hold
    (MAX_WORKBOOK_TAGS): the third is refused, named by its sheet."""
    path = tmp_path / "elements.xlsx"
    sheets = ("xl/worksheets/sheet2.xml", "xl/worksheets/sheet3.xml", "xl/worksheets/sheet4.xml")
    write_sheet_of_elements(path, 18 * MB, _template(plan, registry, tmp_path), sheets)
    refused = _refused(path)
    assert (refused.code, refused.params["part"]) == ("file-part-too-large", "Indicators")


def test_the_largest_honest_report_is_read(plan: Plan, registry: InstitutionRegistry, tmp_path: Path) -> None:
    """The template with the most text cells (an annual one, in Cyrillic), every text cell filled with the most
    Excel allows, 32,767 characters, as openpyxl saves it (each letter as a character reference, 7 bytes: &#1078;):
    a sheet part of some 27 MB, the largest an honest report has, is read, within the limits with room to spare."""
    import random

    from apmon.templates.parse import parse_grid

    def text_cells(layout: Any) -> list[tuple[str, str]]:
        return [
            (sheet.name, sheet.cell(i, key))
            for sheet in layout.sheets
            for i, row in enumerate(sheet.rows)
            for key in sheet.input_keys(row)
            if (column := sheet.columns[sheet.column_index(key)]).kind == "text" and column.rule is None
        ]

    layouts = []
    for institution in registry.institutions:
        with contextlib.suppress(NoTasksError):  # an institution with no task of the plan has no report
            layouts.append(report_layout(plan, registry, institution.code, Period.parse("2018"), "sr-Cyrl"))
    layout = max(layouts, key=lambda layout: len(text_cells(layout)))
    path = tmp_path / "largest.xlsx"
    write_template(layout, path)
    letters = "абвгдђежзијклљмнњопрстћуфхцчџшАБВГДЂЕЖЗИЈКЛЉМНЊОПРСТЋУФХЦЧЏШ"
    words = random.Random(7)
    book = openpyxl.load_workbook(path)
    typed = {}
    for sheet, cell in text_cells(layout):
        text = " ".join("".join(words.choices(letters, k=words.randint(2, 11))) for _ in range(5000))[:32767]
        book[sheet][cell] = typed[(sheet, cell)] = text
    book.save(path)
    with zipfile.ZipFile(path) as archive:
        largest = max(info.file_size for info in archive.infolist())
    assert 25 * MB < largest < sniff.MAX_PART_BYTES / 2  # the largest honest part, with room over it
    grid = read_xlsx(path)
    assert all(grid.value(sheet, *cell_position(cell)) == text for (sheet, cell), text in typed.items())
    assert parse_grid(grid, plan, registry).report is not None


def test_a_readers_message_repeating_a_huge_cell_is_cut_to_a_few_hundred_characters(tmp_path: Path) -> None:
    """calamine refuses a boolean cell whose value is not 0 or 1 by repeating the value: a cell of 2 MB of line
    breaks became a message of 2 MB, shown to the officer and kept in the ledger. What of a library's message
    reaches people is cut plainly, on one line, with an ellipsis; the whole error stays chained for a debugger."""
    book = openpyxl.Workbook()
    book.active["A1"] = 1
    saved = io.BytesIO()
    book.save(saved)
    huge = "x\n" * 1_000_000
    packed = io.BytesIO()
    with zipfile.ZipFile(saved) as source, zipfile.ZipFile(packed, "w", zipfile.ZIP_DEFLATED) as target:
        for name in source.namelist():
            content = source.read(name)
            if name == "xl/worksheets/sheet1.xml":
                boolean = f'<c r="A1" t="b"><v>{huge}</v></c>'.encode()
                content = content.replace(b'<c r="A1" t="n"><v>1</v></c>', boolean)
                assert huge.encode() in content
            target.writestr(name, content)
    with pytest.raises(UnreadableFileError) as refused:
        read_xlsx_bytes(packed.getvalue(), "report.xlsx")
    assert refused.value.code == "file-corrupt"
    assert refused.value.reason.startswith("cannot be read as an Excel workbook (") and "\n" not in refused.value.reason
    assert len(refused.value.reason) <= sniff.MAX_LIBRARY_MESSAGE + 40 and "…" in refused.value.reason
    assert huge in str(refused.value.__cause__)  # nothing lost for whoever debugs it


def test_a_report_with_cells_merged_over_a_huge_area_is_told_where_to_unmerge(tmp_path: Path) -> None:
    """An officer merged cells of a report's sheet down to row 130,000 (Excel writes each merged cell with its
    format): refused for its size, it was told to delete what does not belong in the report, or, past the zip
    limit, to delete empty rows and columns at the end of the sheets, none of which the merged cells are. It is
    told the sheet and the range to unmerge, in every language, whichever limit refused it."""
    from typer.testing import CliRunner

    from apmon.cli.app import app

    runner = CliRunner()
    built = runner.invoke(app, ["template", "build", "--period", "2018-03", "-i", "MUP", "--out", str(tmp_path)])
    assert built.exit_code == 0, built.output
    (template,) = tmp_path.glob("*.xlsx")
    titles = openpyxl.load_workbook(template, read_only=True).sheetnames  # sheetN.xml is the Nth, as openpyxl writes
    merged = tmp_path / "MUP mart.xlsx"
    write_merged_over(merged, "C500:Z130000", template.read_bytes(), sheet="xl/worksheets/sheet2.xml")
    result = runner.invoke(app, ["validate", str(merged), "--json", "--lang", "en"])
    assert result.exit_code == 2, result.output
    (refused,) = json.loads(result.stdout)
    (issue,) = refused["issues"]
    assert (issue["code"], issue["params"]["sheet"], issue["params"]["range"]) == (
        "file-merged-too-large", titles[1], "C500:Z130000"
    )  # fmt: skip
    for lang in ("sr-Latn", "sr-Cyrl", "en"):
        shown = runner.invoke(app, ["validate", str(merged), "--lang", lang], env={"COLUMNS": "400"})
        assert shown.exit_code == 2 and "C500:Z130000" in " ".join(shown.stdout.split()), shown.stdout
    with pytest.raises(UnreadableFileError) as read:  # the reader itself, as any caller has it
        read_xlsx(merged)
    assert (read.value.code, read.value.params["range"]) == ("file-merged-too-large", "C500:Z130000")
    # Past the zip's limit (here lowered, in place of 200 MB of cells): the same advice, not "empty rows"
    found = sniff_workbook(merged, max_unzipped_bytes=16 * MB, part_name=part_shown)
    assert found is not None and (found.code, found.params["range"]) == ("file-merged-too-large", "C500:Z130000")
    # A workbook too large for another reason keeps its own advice: cells merged over a small area are no reason
    small = tmp_path / "small merge.xlsx"
    write_merged_over(small, "C500:D600", template.read_bytes(), sheet="xl/worksheets/sheet2.xml")
    assert sniff_workbook(small, max_unzipped_bytes=MB // 4) == sniff_workbook(template, max_unzipped_bytes=MB // 4)


class _Counted:
    """A compiled pattern that counts the bytes it is given to look through (`pos` to `endpos`)."""

    def __init__(self, pattern: re.Pattern[bytes]) -> None:
        self.pattern, self.looked = pattern, 0

    def search(self, text: bytes, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[bytes] | None:
        self.looked += min(endpos, len(text)) - pos
        return self.pattern.search(text, pos, endpos)

    def finditer(self, text: bytes, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[re.Match[bytes]]:
        self.looked += min(endpos, len(text)) - pos
        return self.pattern.finditer(text, pos, endpos)


def test_a_crafted_workbook_refused_for_its_size_is_looked_into_for_merged_cells_within_bounds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The probe for cells merged over a huge area looks into a workbook refused for its size. A crafted one of 600
    sheets of 1 MB of short elements each, packing as XML does (some 50 times: 600 MB in a 12 MB file), half of them
    saying a huge used range, had each sheet's first block inflated outside the probe's bound (600 MB in all, past
    its 512 MB) and searched whole by its patterns, which try every '<' (some 10 s of processor time); a sheet read
    to its end was held whole (its blocks gathered in a tuple). Now all that is inflated counts, a used range is
    looked for at a sheet's start, merged ranges only after its cells, a block at a time: refused as a zip bomb."""
    rng = random.Random(1)
    body = b"".join(b"<a" * rng.randint(20, 120) + rng.choice(b"bcdefghijk").to_bytes() * 2 for _ in range(15_000))
    body = body[:MB]
    # One sheet of 48 MB whose used range is huge, read to its end (past a zip limit lowered to 16 MB)
    big = tmp_path / "big.xlsx"
    with zipfile.ZipFile(big, "w", zipfile.ZIP_DEFLATED) as z:
        cells = b'<worksheet><dimension ref="A1:Z200000"/><sheetData>' + body * 48 + b"</sheetData></worksheet>"
        z.writestr("xl/worksheets/sheet1.xml", cells)
    tracemalloc.start()
    try:
        found = sniff_workbook(big, max_unzipped_bytes=16 * MB)
        held = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert found is not None and found.code == "file-zip-bomb", found
    assert held < 16 * MB, held  # the sheet was held whole while its merged ranges were looked for
    crafted = tmp_path / "crafted.xlsx"
    with zipfile.ZipFile(crafted, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", b"<Types/>")
        for n in range(600):
            head = b'<worksheet><dimension ref="A1:Z200000"/><sheetData></sheetData>' if n % 2 else b"<worksheet>"
            z.writestr(f"xl/worksheets/sheet{n + 1}.xml", head + body[len(head) + 8 :] + b"%08d" % n)
    assert crafted.stat().st_size < sniff.MAX_FILE_BYTES
    inflated = [0]
    real_decompressobj = zlib.decompressobj

    class Inflater:  # zlib's own, counting what it gives
        def __init__(self, *args: Any) -> None:
            self.real = real_decompressobj(*args)

        def decompress(self, data: bytes, max_length: int = 0) -> bytes:
            block = self.real.decompress(data, max_length)
            inflated[0] += len(block)
            return block

        def __getattr__(self, name: str) -> Any:
            return getattr(self.real, name)

    monkeypatch.setattr(sniff.zlib, "decompressobj", Inflater)
    dimension, merge_cell = _Counted(sniff._DIMENSION), _Counted(sniff._MERGE_CELL)
    monkeypatch.setattr(sniff, "_DIMENSION", dimension)
    monkeypatch.setattr(sniff, "_MERGE_CELL", merge_cell)
    found = sniff_workbook(crafted)
    assert found is not None and found.code == "file-zip-bomb", found
    assert inflated[0] <= sniff._MERGES_SCANNED + sniff.INFLATE_BLOCK, inflated
    assert dimension.looked + merge_cell.looked <= sniff._MERGES_LOOKED, (dimension.looked, merge_cell.looked)
