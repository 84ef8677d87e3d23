"""One value typed far out on a sheet apmon reads one sheet of with python-calamine (the master's Evaluation sheet at
every sync, the final report's texts): calamine makes every cell from A1 to the farthest filled one, and a value in
XFD1048576 asked it for 512 GB, which ended the process (Rust's "memory allocation failed", SIGABRT, exit 134): every
scheduled sync stopped there, and `apmon report public --final` with it. Found December 2026 (the trial of the annual
cycle). The sheet is now measured first, as a report's sheets are (templates.read_xlsx); what it says is located.

Each read runs in a process of its own, its memory bounded (a test of the failure must not take the machine's)."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from apmon.schemas.institutions import InstitutionRegistry
from apmon.schemas.plan import Plan
from tests.test_admin_runs import ROOT, apmon, correct_mz_march, office

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="an address-space limit (RLIMIT_AS)")

FAR = "XFD1048576"  # the last cell of a sheet: Ctrl+End after a value typed there


def synced_master(tmp_path: Path, plan: Plan, registry: InstitutionRegistry) -> tuple[Path, Path]:
    """An office (tests.test_admin_runs) synced once: its configuration and the master the sync wrote."""
    config = office(tmp_path, plan, registry)
    assert apmon("sync", "run", "--config", str(config)).returncode == 0
    return config, tmp_path / "master.xlsx"


def texts_book(path: Path) -> tuple[openpyxl.Workbook, Any]:
    """The final report's texts file at `path` (one recommendation on its sheet Zaključci), saved: the book and the
    sheet, to add a bad cell to and save again."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Zaključci"
    sheet.append(["Vrsta", "Tekst"])
    sheet.append(["preporuka", "Ojačati lokalne timove."])
    book.save(path)
    return book, sheet


def _bounded_memory() -> None:
    import resource

    limit = 3 * 2**30  # far more than apmon takes, far less than the 512 GB calamine asked for
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def _run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *command], cwd=ROOT, capture_output=True, text=True, timeout=300, preexec_fn=_bounded_memory
    )


def test_a_value_far_out_on_the_masters_evaluation_sheet_does_not_stop_the_sync(
    tmp_path: Path, plan: Plan, registry: InstitutionRegistry
) -> None:
    config, master = synced_master(tmp_path, plan, registry)
    book = openpyxl.load_workbook(master)
    book["Evaluacija"][FAR] = "x"
    book.save(master)

    done = _run("-m", "apmon.cli.app", "sync", "run", "--config", str(config))
    assert done.returncode == 1, done.stderr[-2000:]  # said as an error: the master is not refreshed until then
    said = " ".join((done.stdout + done.stderr).split())
    assert f"List Evaluacija zbirne radne sveske proteže se do ćelije {FAR}, daleko izvan tabele" in said
    assert "Traceback" not in said
    book = openpyxl.load_workbook(master)
    del book["Evaluacija"][FAR]  # as the message says
    book.save(master)
    done = _run("-m", "apmon.cli.app", "sync", "run", "--config", str(config))
    assert done.returncode == 0 and FAR not in done.stdout + done.stderr


READ_TEXTS = """
import sys
import zipfile
from pathlib import Path
from apmon.sync.final_texts import TextsError, read_texts
try:
    read_texts(Path(sys.argv[1]), sys.argv[2])
except TextsError as refused:
    print(refused.said(sys.argv[2]))
"""


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("sr-Latn", f"list Zaključci: popunjeni deo lista proteže se do ćelije {FAR}"),
        ("sr-Cyrl", f"лист Zaključci: попуњени део листа протеже се до ћелије {FAR}"),
        ("en", f"sheet Zaključci: the filled part of the sheet reaches cell {FAR}"),
    ],
)
def test_a_value_far_out_on_the_final_reports_texts_is_refused_at_its_cell(
    tmp_path: Path, lang: str, expected: str
) -> None:
    texts = tmp_path / "tekstovi.xlsx"
    book, sheet = texts_book(texts)
    sheet[FAR] = "x"
    book.save(texts)

    done = _run("-c", READ_TEXTS, str(texts), lang)
    assert done.returncode == 0, done.stderr[-2000:]
    assert expected in " ".join(done.stdout.split())
    del sheet[FAR]
    book.save(texts)  # the same file without it is read
    assert _run("-c", READ_TEXTS, str(texts), lang).stdout == ""


def test_a_value_far_out_on_the_masters_hidden_register_does_not_abort_the_sync(
    tmp_path: Path, plan: Plan, registry: InstitutionRegistry
) -> None:
    """The register (the hidden sheet `_apmon_master`, which apmon reads to know its own sheets): the master cannot
    be told apart from the Coordinator's sheets, so it is not written, and the run says so and how to fix it."""
    config, master = synced_master(tmp_path, plan, registry)
    book = openpyxl.load_workbook(master)
    book["_apmon_master"][FAR] = "x"
    book.save(master)
    correct_mz_march(tmp_path, plan, registry)  # something new: the master is written again

    done = _run("-m", "apmon.cli.app", "sync", "run", "--config", str(config))
    assert done.returncode == 1, done.stderr[-2000:]  # the master could not be written
    said = " ".join((done.stdout + done.stderr).split())
    # located, with what to do: the register is hidden, and "(SheetTooLargeError)" told the Coordinator nothing
    assert f"Zbirna radna sveska „{master}“ nije osvežena: njen skriveni list _apmon_master" in said, said
    assert f"proteže se do ćelije {FAR}" in said and "SheetTooLargeError" not in said, said
    assert "Traceback" not in said
    book = openpyxl.load_workbook(master)
    del book["_apmon_master"][FAR]  # as the message says
    book.save(master)
    done = _run("-m", "apmon.cli.app", "sync", "run", "--config", str(config))
    assert done.returncode == 0 and FAR not in done.stdout + done.stderr, done.stdout + done.stderr


def test_a_decision_typed_beside_a_value_far_out_is_not_written_over(
    tmp_path: Path, plan: Plan, registry: InstitutionRegistry
) -> None:
    """The Evaluation sheet not read, the master written again (a correction arrived) lost the decision typed on it,
    and the next run said nothing of it: the master file is now left as it is, as the Google master is when its
    sheet cannot be read, until the sheet is corrected; then the decision is recorded."""
    config, master = synced_master(tmp_path, plan, registry)
    book = openpyxl.load_workbook(master)
    sheet = book["Evaluacija"]
    activity = plan.activities()[1].id
    row = next(r for r in range(4, sheet.max_row + 1) if sheet.cell(r, 3).value == activity)
    sheet.cell(row, 7).value, sheet.cell(row, 8).value = "realizovana", "Zakon je usvojen"
    sheet[FAR] = "x"
    book.save(master)
    correct_mz_march(tmp_path, plan, registry)  # something new: the master is due to be written

    for _ in range(2):  # said at every run until the sheet is corrected
        done = _run("-m", "apmon.cli.app", "sync", "run", "--config", str(config))
        said = " ".join((done.stdout + done.stderr).split())
        assert done.returncode == 1, said
        assert f"List Evaluacija zbirne radne sveske proteže se do ćelije {FAR}" in said
        kept = openpyxl.load_workbook(master)["Evaluacija"]
        assert (kept.cell(row, 7).value, kept.cell(row, 8).value) == ("realizovana", "Zakon je usvojen")
    del kept[FAR]  # as the message says
    kept.parent.save(master)
    done = _run("-m", "apmon.cli.app", "sync", "run", "--config", str(config))
    said = " ".join((done.stdout + done.stderr).split())
    assert done.returncode == 0 and FAR not in said, said
    assert f"Sa lista Evaluacija zabeležena je odluka: aktivnost {activity} (2018): realizovana." in said, said


MARK = """
import sys
import zipfile
from pathlib import Path
from apmon.sync.writers import read_master_mark
print(read_master_mark(Path(sys.argv[1])))
"""


def test_the_add_in_asks_the_mark_of_a_master_whose_register_reaches_far_without_aborting(
    tmp_path: Path, plan: Plan, registry: InstitutionRegistry
) -> None:
    """read_master_mark (the add-in's check that the book open is the master file) read the register with
    python-calamine unmeasured too: the add-in's server ended (SIGABRT); the master has no mark it can tell then."""
    _config, master = synced_master(tmp_path, plan, registry)
    marked = _run("-c", MARK, str(master))
    assert marked.returncode == 0 and len(marked.stdout.strip()) == 16, marked.stderr[-2000:]
    book = openpyxl.load_workbook(master)
    book["_apmon_master"][FAR] = "x"
    book.save(master)
    done = _run("-c", MARK, str(master))
    assert (done.returncode, done.stdout.strip()) == (0, "None"), done.stderr[-2000:]


def _with_shared_strings_of(path: Path, text_bytes: int) -> None:
    """The workbook at `path` given a shared-strings part holding one text of `text_bytes` (honestly declared, a few
    MB packed), streamed 1 MB at a time: python-calamine reads that part whole as it opens the workbook."""
    with zipfile.ZipFile(path) as source:
        parts = {info.filename: source.read(info) for info in source.infolist()}
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
        with archive.open("xl/sharedStrings.xml", "w", force_zip64=True) as member:
            member.write(b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>')
            chunk = b"a" * 2**20
            for _ in range(text_bytes // len(chunk)):
                member.write(chunk)
            member.write(b"</t></si></sst>")


@pytest.mark.parametrize("lang", ["sr-Latn", "en"])
def test_a_final_reports_texts_file_whose_shared_strings_inflate_to_gigabytes_is_refused(
    tmp_path: Path, lang: str
) -> None:
    """A texts workbook of 3 MB whose shared strings inflate to 2.5 GB: python-calamine read them whole as it opened
    the workbook, before any sheet was measured, and the process aborted (SIGABRT). The parts it reads are held to
    the size a report's part may have (templates.sniff.MAX_PART_BYTES), by what the zip declares, before it opens
    the workbook: the file is refused as unreadable, named, and no report is made."""
    texts = tmp_path / "tekstovi.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Zaključci"
    sheet.append(["preporuka", "Ojačati lokalne timove."])
    book.save(texts)
    assert _run("-c", READ_TEXTS, str(texts), lang).stdout == ""  # read as it is
    _with_shared_strings_of(texts, 2500 * 2**20)
    assert texts.stat().st_size < 20 * 2**20

    done = _run("-c", READ_TEXTS, str(texts), lang)
    assert done.returncode == 0, done.stderr[-2000:]
    expected = {"sr-Latn": f"Datoteka {texts} ne može da se pročita kao xlsx", "en": f"The file {texts} cannot be read"}
    assert expected[lang] in " ".join(done.stdout.split()), done.stdout


ROWS_OF = """
import sys
from pathlib import Path
from apmon.templates.sheet_extent import SheetTooLargeError, sheet_rows
try:
    print(len(sheet_rows(Path(sys.argv[1]).read_bytes(), sys.argv[2]) or []))
except SheetTooLargeError as exc:
    print(exc.cell)
"""


def test_a_sheet_whose_name_the_workbook_lists_twice_is_measured_where_calamine_reads_it(tmp_path: Path) -> None:
    """A workbook part listing two sheets by one name (Excel makes none; a crafted file): calamine reads the first,
    the measure looked at the last, so a value far out on the first was read unmeasured (python-calamine panicked,
    or the process aborted)."""
    path = tmp_path / "twice.xlsx"
    book = openpyxl.Workbook()
    far = book.active
    assert far is not None
    far.title = "Zaključci"
    far[FAR] = "x"
    book.create_sheet("Drugi").append(["a"])
    book.save(path)
    with zipfile.ZipFile(path) as source:
        parts = {info.filename: source.read(info) for info in source.infolist()}
    parts["xl/workbook.xml"] = parts["xl/workbook.xml"].replace(b'name="Drugi"', 'name="Zaključci"'.encode())
    with zipfile.ZipFile(path, "w") as target:
        for name, content in parts.items():
            target.writestr(name, content)

    done = _run("-c", ROWS_OF, str(path), "Zaključci")
    assert (done.returncode, done.stdout.strip()) == (0, FAR), done.stderr[-2000:]
