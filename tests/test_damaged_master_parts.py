"""A damaged part of a workbook apmon reads with python-calamine outside the reports' reader: the master's Evaluation
sheet (read at every sync), its hidden register (read to tell apmon's sheets from the Coordinator's, and by the
add-in for the master's mark), the final report's texts. calamine raises a panic of its own (pyo3's PanicException,
no Exception) on a date-formatted cell holding -1e20: it ended the run with a traceback. And an Evaluation sheet
whose part alone is damaged was read as empty: the master was written over, and the decisions the Coordinator had
typed there were lost. Found December 2026 (a trial)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import threading
import zipfile
from pathlib import Path

import openpyxl
import pytest

from apmon.schemas.institutions import InstitutionRegistry
from apmon.schemas.plan import Plan
from tests.test_admin_runs import ROOT, apmon, correct_mz_march, office
from tests.test_far_cell import synced_master, texts_book

PANIC = -1e20  # a date-formatted number calamine's date conversion panics on ("TimeDelta::milliseconds out of bounds")


def _panicking(path: Path, sheet: str) -> None:
    """The workbook at `path` with a date-formatted cell holding PANIC on `sheet`, far below its table."""
    book = openpyxl.load_workbook(path)
    book[sheet]["A500"] = PANIC
    book[sheet]["A500"].number_format = "dd.mm.yyyy"
    book.save(path)


def _sheet_part(path: Path, sheet: str) -> str:
    """The zip member holding the sheet named `sheet` (from the workbook part and its relationships)."""
    with zipfile.ZipFile(path) as archive:
        workbook = archive.read("xl/workbook.xml").decode()
        rels = archive.read("xl/_rels/workbook.xml.rels").decode()
    (rid,) = re.findall(rf'<sheet [^>]*name="{sheet}"[^>]*r:id="([^"]+)"', workbook)
    (target,) = re.findall(rf'<Relationship [^>]*Id="{rid}"[^>]*Target="([^"]+)"', rels) or re.findall(
        rf'<Relationship [^>]*Target="([^"]+)"[^>]*Id="{rid}"', rels
    )
    return target.lstrip("/") if target.startswith("/") else f"xl/{target}"


def _damage_part(path: Path, member: str) -> None:
    """The workbook at `path` with its part `member` cut in the middle of its XML, every other part as it was."""
    with zipfile.ZipFile(path) as archive:
        parts = [(info, archive.read(info)) for info in archive.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for info, content in parts:
            archive.writestr(info, content[: len(content) // 2] if info.filename == member else content)


def _said(done: subprocess.CompletedProcess[str]) -> str:
    return " ".join((done.stdout + done.stderr).split())


def _decided(tmp_path: Path, plan: Plan, registry: InstitutionRegistry) -> tuple[Path, Path, int, str]:
    """An office whose master has a decision typed on its Evaluation sheet, not yet recorded, and a correction
    since (the master is due to be written): (config, master, the decision's row, its activity)."""
    config, master = synced_master(tmp_path, plan, registry)
    book = openpyxl.load_workbook(master)
    sheet = book["Evaluacija"]
    activity = plan.activities()[1].id
    row = next(r for r in range(4, sheet.max_row + 1) if sheet.cell(r, 3).value == activity)
    sheet.cell(row, 7).value, sheet.cell(row, 8).value = "realizovana", "Zakon je usvojen"
    book.save(master)
    correct_mz_march(tmp_path, plan, registry)
    return config, master, row, activity


def test_a_panic_of_calamine_on_the_evaluation_sheet_holds_the_master_and_says_where(
    tmp_path: Path, plan: Plan, registry: InstitutionRegistry
) -> None:
    config, master, row, activity = _decided(tmp_path, plan, registry)
    _panicking(master, "Evaluacija")
    for _ in range(2):  # said at every run until the sheet is corrected
        done = apmon("sync", "run", "--config", str(config))
        said = _said(done)
        assert "Traceback" not in said and "PanicException" not in said, said[-3000:]
        assert done.returncode == 1, said
        assert f"List Evaluacija zbirne radne sveske „{master}“ ne može da se pročita" in said, said
        kept = openpyxl.load_workbook(master)["Evaluacija"]
        assert (kept.cell(row, 7).value, kept.cell(row, 8).value) == ("realizovana", "Zakon je usvojen")
    kept["A500"] = None  # the damaged cell cleared, as the message asks
    kept.parent.save(master)
    done = apmon("sync", "run", "--config", str(config))
    assert done.returncode == 0, _said(done)
    assert f"Sa lista Evaluacija zabeležena je odluka: aktivnost {activity} (2018): realizovana." in _said(done)


def test_a_damaged_evaluation_sheet_part_holds_the_master_file_as_it_is(
    tmp_path: Path, plan: Plan, registry: InstitutionRegistry
) -> None:
    config, master, _row, _activity = _decided(tmp_path, plan, registry)
    _damage_part(master, _sheet_part(master, "Evaluacija"))
    before = master.read_bytes()
    for _ in range(2):
        done = apmon("sync", "run", "--config", str(config))
        said = _said(done)
        assert done.returncode == 1, said
        assert f"List Evaluacija zbirne radne sveske „{master}“ ne može da se pročita" in said, said
        assert master.read_bytes() == before  # left as it is: Excel may still open it and keep the decision


def test_a_panic_of_calamine_on_the_register_is_a_located_error(
    tmp_path: Path, plan: Plan, registry: InstitutionRegistry
) -> None:
    config, master = synced_master(tmp_path, plan, registry)
    _panicking(master, "_apmon_master")
    correct_mz_march(tmp_path, plan, registry)
    done = apmon("sync", "run", "--config", str(config))
    said = _said(done)
    assert "Traceback" not in said and "PanicException" not in said, said[-3000:]
    assert done.returncode == 1 and f"„{master}“" in said, said


MARK = """
import sys
import threading
from pathlib import Path
from apmon.sync.writers import read_master_mark
print(read_master_mark(Path(sys.argv[1])))
"""


def test_the_mark_of_a_master_whose_register_panics_calamine_is_none(
    tmp_path: Path, plan: Plan, registry: InstitutionRegistry
) -> None:
    _config, master = synced_master(tmp_path, plan, registry)
    _panicking(master, "_apmon_master")
    done = subprocess.run([sys.executable, "-c", MARK, str(master)], cwd=ROOT, capture_output=True, text=True)
    assert (done.returncode, done.stdout.strip()) == (0, "None"), done.stderr[-2000:]


READ_TEXTS = """
import sys
import threading
from pathlib import Path
from apmon.sync.final_texts import TextsError, read_texts
try:
    read_texts(Path(sys.argv[1]), sys.argv[2])
except TextsError as refused:
    print(refused.said(sys.argv[2]))
"""


@pytest.mark.parametrize("lang", ["sr-Latn", "sr-Cyrl", "en"])
def test_a_panic_of_calamine_on_the_final_reports_texts_names_the_file(tmp_path: Path, lang: str) -> None:
    texts = tmp_path / "tekstovi.xlsx"
    texts_book(texts)
    _panicking(texts, "Zaključci")
    done = subprocess.run(
        [sys.executable, "-c", READ_TEXTS, str(texts), lang], cwd=ROOT, capture_output=True, text=True
    )
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr[-2000:]
    assert str(texts) in done.stdout, done.stdout


@pytest.mark.parametrize(
    ("lang", "advice"),
    [
        ("sr-Latn", "skriveni list _apmon_master, po kome apmon zna koji su listovi njegovi, ne može da se pročita"),
        ("sr-Cyrl", "скривени лист _apmon_master, по коме apmon зна који су листови његови, не може да се прочита"),
        ("en", "hidden sheet _apmon_master, by which apmon knows which sheets are its own, cannot be read"),
    ],
)
def test_a_register_calamine_cannot_read_says_which_sheet_and_what_to_do(
    tmp_path: Path, plan: Plan, registry: InstitutionRegistry, lang: str, advice: str
) -> None:
    """A master whose hidden register makes calamine panic was said only as "cannot be read as an Excel workbook
    (CalamineError)", with the advice given for a file that is no workbook (restore it, or move it away): the
    Coordinator could not know that one cell of a hidden sheet was the cause, nor clear it."""
    config = office(tmp_path, plan, registry)
    config.write_text(config.read_text(encoding="utf-8") + f'master_lang = "{lang}"\n', encoding="utf-8")
    assert apmon("sync", "run", "--config", str(config)).returncode == 0
    master = tmp_path / "master.xlsx"
    _panicking(master, "_apmon_master")
    before = master.read_bytes()
    correct_mz_march(tmp_path, plan, registry)
    done = apmon("sync", "run", "--config", str(config))
    said = _said(done)
    assert done.returncode == 1 and advice in said and "#####" in said, said[-3000:]
    assert "CalamineError" not in said and master.read_bytes() == before, said[-3000:]


@pytest.mark.parametrize("sheet", ["Evaluacija", "_apmon_master"])
def test_a_panic_of_calamine_on_a_masters_sheet_prints_only_apmons_message(
    tmp_path: Path, plan: Plan, registry: InstitutionRegistry, sheet: str
) -> None:
    """Rust's panic hook printed the panic ("thread '<unnamed>' panicked at .../chrono/src/lib.rs", and a backtrace
    where RUST_BACKTRACE is set) on the terminal before apmon's located message: found December 2026 (a trial)."""
    config, master, _row, _activity = _decided(tmp_path, plan, registry)
    _panicking(master, sheet)
    done = apmon("sync", "run", "--config", str(config))
    assert done.returncode == 1 and f"„{master}“" in _said(done), _said(done)[-3000:]
    assert "panicked" not in done.stderr and "backtrace" not in done.stderr, done.stderr[-3000:]


def test_what_another_thread_prints_while_a_sheet_calamine_cannot_read_is_read_is_kept(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    """Taking descriptor 2 aside while calamine read a sheet (to hide its panic) took every other thread's output
    with it (apmon serve's log, a warning): kept only in the debug log when the read failed, lost from the terminal.
    The sheet is refused before calamine sees it, and descriptor 2 is left alone."""
    from apmon.templates.sheet_extent import CalamineError, sheet_rows

    book = openpyxl.Workbook()
    book.active.title = "S"
    book["S"]["C7"] = PANIC
    book["S"]["C7"].number_format = "dd.mm.yyyy"
    path = tmp_path / "book.xlsx"
    book.save(path)
    data = path.read_bytes()
    lines = [f"line {i}\n" for i in range(300)]
    done = threading.Event()

    def print_lines() -> None:
        for line in lines:
            os.write(2, line.encode())
        done.set()

    printer = threading.Thread(target=print_lines)
    printer.start()
    reads = 0
    while not done.is_set() or reads < 20:
        with pytest.raises(CalamineError) as refused:
            sheet_rows(data, "S")
        reads += 1
    printer.join()
    printed = capfd.readouterr().err
    assert printed == "".join(lines), printed[-3000:]
    assert refused.value.sheet == "S" and "C7" in str(refused.value), str(refused.value)
