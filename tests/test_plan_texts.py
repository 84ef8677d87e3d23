"""The plan's texts in Serbian (issue 17): every text translated, Latin script only (Cyrillic derived), the official
wording first; `apmon plan texts export / import` round-trips through a real workbook and refuses, all or nothing,
a workbook with a problem, naming the sheet and cell."""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from apmon.cli.app import app
from apmon.schemas.plan import Plan
from apmon.schemas.text import Text, latin_to_cyrillic
from apmon.templates.plan_file import DEFAULT_PLAN, DataFileError, load_plan, plan_texts_file
from apmon.templates.plan_texts import TextsRefused, export_texts, read_texts
from tests.test_admin_runs import ROOT

runner = CliRunner()
LATIN = re.compile(r"[A-Za-zČĆŠŽĐčćšžđ]")
CYRILLIC = re.compile(r"[\u0400-\u04FF]")
# What a Serbian Cyrillic text keeps in Latin script: names of foreign bodies and programmes, addresses.
KEPT_LATIN = re.compile(r"\b(TAIEX|OSCE|IOM|UNODC|ICMPD|EU|EUR|RSD)\b|\S+@\S+|https?://\S+|www\.\S+")


def test_every_plan_text_has_a_serbian_translation(plan: Plan) -> None:
    texts = plan.texts()
    kinds = Counter(t.kind for t in texts)
    assert kinds == {
        "objective": 5,
        "activity": 15,
        "task": 64,
        "indicator": 96,
        "risk": 31,
        "resources": 1,
        "plan": 1,
        "strategy": 1,
        "financial": 2,
        "budget": 76,
        "donor": 18,
        "budget-note": 13,
    }
    assert len({t.id for t in texts}) == len(texts)
    for entry in texts:
        assert entry.text.sr.strip(), f"{entry.id} has no Serbian"
        if KEPT_LATIN.sub("", entry.text.en).strip(" 0123456789."):  # not a name and an amount alone ("TAIEX")
            assert entry.text.sr != entry.text.en, f"{entry.id}: the Serbian is the English"
        assert entry.text.sr_official is None, f"{entry.id}: the shipped plan has no official wording yet"
        assert plan.text(entry.id, "en") == entry.text.en
        assert plan.text(entry.id, "sr-Latn") == entry.text.sr


def test_no_cyrillic_is_stored_in_the_plan_file() -> None:
    assert not CYRILLIC.search(DEFAULT_PLAN.read_text(encoding="utf-8"))


def test_the_cyrillic_form_of_every_text_has_no_latin_letters_but_names_and_addresses(plan: Plan) -> None:
    for entry in plan.texts():
        cyrillic = plan.text(entry.id, "sr-Cyrl")
        left = KEPT_LATIN.sub("", cyrillic)
        assert CYRILLIC.search(cyrillic) or not left.strip(" 0123456789.,"), entry.id  # a name alone: "TAIEX"
        assert not LATIN.search(left), f"{entry.id}: {cyrillic}"


def test_words_joined_by_a_slash_are_transliterated_and_addresses_are_not() -> None:
    assert latin_to_cyrillic("deca koja žive i/ili rade na ulici") == "деца која живе и/или раде на улици"
    assert latin_to_cyrillic("položaj deteta žrtve/oštećenog") == "положај детета жртве/оштећеног"
    kept = "TAIEX, OSCE i IOM: www.mup.gov.rs, https://mup.gov.rs/a/b, info@centarzztlj.rs, docs/sync.md"
    assert (
        latin_to_cyrillic(kept)
        == "TAIEX, OSCE и IOM: www.mup.gov.rs, https://mup.gov.rs/a/b, info@centarzztlj.rs, docs/sync.md"
    )


def test_the_official_wording_comes_first_and_cyrillic_is_derived() -> None:
    text = Text(en="Lack of funds", sr="Nedostatak sredstava", sr_official="Nedostatak finansijskih sredstava")
    assert text.in_lang("sr-Latn") == "Nedostatak finansijskih sredstava"
    assert text.in_lang("sr-Cyrl") == "Недостатак финансијских средстава"
    assert text.in_lang("en") == "Lack of funds"
    assert Text(en="Lack of funds").in_lang("sr-Cyrl") == "Lack of funds"  # not translated yet: the English


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [("sr", "Недостатак средстава", "Latin script"), ("sr_official", "  ", "is empty")],
)
def test_a_plan_file_with_cyrillic_or_an_empty_official_wording_is_refused_and_located(
    tmp_path: Path, field: str, value: str, expected: str
) -> None:
    source = DEFAULT_PLAN.read_text(encoding="utf-8")
    line = "              sr: Zajedničke preventivne aktivnosti\n"
    assert source.count(line) == 1
    changed = (
        f"{line}              {field}: '{value}'\n"
        if field == "sr_official"
        else line.replace("Zajedničke preventivne aktivnosti", value)
    )
    bad = tmp_path / "plan.yaml"
    bad.write_text(source.replace(line, changed), encoding="utf-8")
    with pytest.raises(DataFileError) as caught:
        load_plan(bad)
    [error] = caught.value.errors
    assert error.path == f"objectives[0].activities[0].tasks[1].text.{field}"
    assert error.line is not None and f"{field}: " in bad.read_text(encoding="utf-8").split("\n")[error.line - 1]
    assert expected in error.message


# --------------------------------------------------------------------------- the workbook


def config_in(tmp_path: Path) -> Path:
    config = tmp_path / "apmon.toml"
    config.write_text('[sync]\ndata_dir = "data"\n', encoding="utf-8")
    return config


def row_of(ws: Any, text_id: str) -> int:
    return next(r for r in range(2, ws.max_row + 1) if ws[f"A{r}"].value == text_id)


def edit(path: Path, change: Any) -> None:
    wb = load_workbook(path)
    change(wb.worksheets[0])
    wb.save(path)


def test_export_edit_in_excel_import_round_trips_and_the_official_wording_is_shown(tmp_path: Path) -> None:
    config, book = config_in(tmp_path), tmp_path / "texts.xlsx"
    assert runner.invoke(app, ["plan", "texts", "export", str(book), "--config", str(config)]).exit_code == 0
    ws = load_workbook(book).worksheets[0]
    assert ws.max_row == 324
    assert ws.protection.sheet and ws["C5"].protection.locked and not ws["D5"].protection.locked
    assert not ws["E5"].protection.locked

    def correct(ws: Any) -> None:
        row = row_of(ws, "1.1.1")
        ws[f"D{row}"] = "Analizirati rad lokalnih timova"
        ws[f"E{row}"] = "Analiza rada formiranih lokalnih timova za borbu protiv trgovine ljudima i/ili preporuke"
        ws[f"D{row_of(ws, '2.2.r1')}"] = "Nedostatak finansijskih sredstava"
        ws[f"E{row_of(ws, '1.1.2/2')}"] = "Budžet Ministarstva unutrašnjih poslova: preventivne kampanje"

    edit(book, correct)
    result = runner.invoke(app, ["plan", "texts", "import", str(book), "--config", str(config)])
    assert result.exit_code == 0, result.output
    saved = plan_texts_file(tmp_path / "data", "ap-2017-2018")
    assert saved.exists() and "Uvezeno" in result.stdout  # Serbian Latin by default

    plan = load_plan(texts_dir=tmp_path / "data")
    official = "Analiza rada formiranih lokalnih timova za borbu protiv trgovine ljudima i/ili preporuke"
    assert plan.text("1.1.1", "sr-Latn") == official
    assert plan.text("1.1.1", "sr-Cyrl") == latin_to_cyrillic(official)
    assert "и/или" in plan.text("1.1.1", "sr-Cyrl")
    assert plan.text("2.2.r1", "sr-Latn") == "Nedostatak finansijskih sredstava"
    line = plan.tasks()[1].budget[1]  # 1.1.2/2: a budget line's text is corrected as the plan's other texts
    assert line.as_written.in_lang("sr-Latn") == "Budžet Ministarstva unutrašnjih poslova: preventivne kampanje"
    assert plan.text("1.1.1", "en") == load_plan().text("1.1.1", "en")
    assert plan.text("1.1.2", "sr-Latn") == load_plan().text("1.1.2", "sr-Latn")
    assert load_plan().text("1.1.1", "sr-Latn") != official  # the shipped plan file is not written
    # Only what differs from the shipped plan is kept, so a later apmon's better translation shows elsewhere.
    saved_ids = set(re.findall(r"^  '?([\w./]+)'?:$", saved.read_text(encoding="utf-8"), re.M))
    assert saved_ids == {"1.1.1", "2.2.r1", "1.1.2/2"}

    again = tmp_path / "again.xlsx"
    assert runner.invoke(app, ["plan", "texts", "export", str(again), "--config", str(config)]).exit_code == 0
    ws = load_workbook(again).worksheets[0]
    assert ws[f"E{row_of(ws, '1.1.1')}"].value == official
    assert ws[f"D{row_of(ws, '1.1.1')}"].value == "Analizirati rad lokalnih timova"


def duplicate(ws: Any) -> None:
    source = row_of(ws, "1.1.2")
    ws.append([ws.cell(source, c).value for c in range(1, 6)])


REFUSED = [
    ("texts-id-unknown", "A{r}", lambda ws, r: ws.__setitem__(f"A{r}", "1.1.9")),
    ("texts-id-changed", "A{r}", lambda ws, r: ws.__setitem__(f"A{r}", "1.1.3")),
    ("texts-id-number", "A{r}", lambda ws, r: ws.__setitem__(f"A{r}", 1.1)),
    ("texts-id-missing", "A{r}", lambda ws, r: ws.__setitem__(f"A{r}", None)),
    ("texts-sr-empty", "D{r}", lambda ws, r: ws.__setitem__(f"D{r}", "  ")),
    ("texts-cyrillic", "E{r}", lambda ws, r: ws.__setitem__(f"E{r}", "Заједничке превентивне активности")),
    ("texts-id-twice", "A325", lambda ws, r: duplicate(ws)),
    ("texts-not-export", "C1", lambda ws, r: ws.__setitem__("C1", "English")),
]


@pytest.mark.parametrize(("code", "cell", "change"), REFUSED, ids=[c for c, _, _ in REFUSED])
def test_a_workbook_with_a_problem_is_refused_at_its_cell_and_nothing_changes(
    tmp_path: Path, code: str, cell: str, change: Any
) -> None:
    config, book = config_in(tmp_path), tmp_path / "texts.xlsx"
    assert runner.invoke(app, ["plan", "texts", "export", str(book), "--config", str(config)]).exit_code == 0

    def good_and_bad(ws: Any) -> None:  # a good correction on another row is not imported either
        ws[f"D{row_of(ws, '1.1.1')}"] = "Analizirati rad lokalnih timova"
        change(ws, row_of(ws, "1.1.2"))

    where = cell.format(r=row_of(load_workbook(book).worksheets[0], "1.1.2"))
    edit(book, good_and_bad)
    with pytest.raises(TextsRefused) as caught:
        read_texts(book, load_plan())
    assert [(p.code, p.sheet, p.cell) for p in caught.value.problems] == [(code, "Tekstovi plana", where)]

    result = runner.invoke(app, ["plan", "texts", "import", str(book), "--config", str(config), "--lang", "en"])
    assert result.exit_code == 1
    assert f"cell {where}" in result.stderr and "nothing is changed" in result.stderr
    assert not (tmp_path / "data").exists()
    assert load_plan(texts_dir=tmp_path / "data").text("1.1.1", "sr-Latn") == load_plan().text("1.1.1", "sr-Latn")


def test_a_refused_import_keeps_the_earlier_corrections_byte_for_byte(tmp_path: Path) -> None:
    config, book = config_in(tmp_path), tmp_path / "texts.xlsx"
    runner.invoke(app, ["plan", "texts", "export", str(book), "--config", str(config)])
    edit(book, lambda ws: ws.__setitem__(f"E{row_of(ws, '1.1.1')}", "Zvanični tekst zadatka"))
    assert runner.invoke(app, ["plan", "texts", "import", str(book), "--config", str(config)]).exit_code == 0
    saved = plan_texts_file(tmp_path / "data", "ap-2017-2018")
    before = saved.read_bytes()
    edit(book, lambda ws: ws.__setitem__(f"D{row_of(ws, '1.1.2')}", ""))
    result = runner.invoke(app, ["plan", "texts", "import", str(book), "--config", str(config), "--lang", "sr-Cyrl"])
    assert result.exit_code == 1
    assert "ћелија D" in result.stderr  # the messages in Cyrillic when asked
    assert saved.read_bytes() == before
    assert load_plan(texts_dir=tmp_path / "data").text("1.1.1", "sr-Latn") == "Zvanični tekst zadatka"


def test_a_file_that_is_not_a_workbook_is_refused(tmp_path: Path) -> None:
    book = tmp_path / "texts.xlsx"
    book.write_text("id;text\n1.1.1;x\n", encoding="utf-8")
    with pytest.raises(TextsRefused) as caught:
        read_texts(book, load_plan())
    assert caught.value.unreadable is not None and caught.value.unreadable.code.startswith("file-")


def test_ids_stay_text_through_excel(tmp_path: Path, plan: Plan) -> None:
    """An id such as 1.10 is written as a text cell, typed-over cells stay text (format @), and read back as 1.10."""
    data = plan.model_dump()
    activities = data["objectives"][0]["activities"]
    template = activities[0]
    for n in range(len(activities) + 1, 11):  # activities 1.4 ... 1.10, copies of 1.1
        activity_id = f"1.{n}"
        copy = {**template, "id": activity_id}
        copy["tasks"] = [{**t, "id": f"{activity_id}.{i}"} for i, t in enumerate(template["tasks"], start=1)]
        copy["indicators"] = [{**t, "id": f"{activity_id}.i{i}"} for i, t in enumerate(template["indicators"], 1)]
        activities.append(copy)
    ten = Plan.model_validate(data)
    book = tmp_path / "texts.xlsx"
    export_texts(ten, book)
    ws = load_workbook(book).worksheets[0]
    row = row_of(ws, "1.10")
    assert ws[f"A{row}"].data_type == "s" and ws[f"A{row}"].number_format == "@"
    assert {ws[f"{c}{row}"].number_format for c in "ABCDE"} == {"@"}
    assert "1.10" in read_texts(book, ten) and "1.10.1" in read_texts(book, ten)


def test_a_corrections_file_naming_a_text_the_plan_lacks_is_located(tmp_path: Path) -> None:
    saved = plan_texts_file(tmp_path, "ap-2017-2018")
    saved.write_text("texts:\n  '1.1.1':\n    sr: Dobro\n  '9.9.9':\n    sr: Nepoznato\n", encoding="utf-8")
    with pytest.raises(DataFileError) as caught:
        load_plan(texts_dir=tmp_path)
    [error] = caught.value.errors
    assert (error.file, error.line, error.path) == (str(saved), 4, "texts.9.9.9")


FAR_ROW_READ = """
import sys
from pathlib import Path
from apmon.templates.plan_file import load_plan
from apmon.templates.plan_texts import TextsRefused, read_texts
try:
    read_texts(Path(sys.argv[1]), load_plan())
except TextsRefused as refused:
    print(*[problem.cell for problem in refused.problems])
# MB at most: this process's own peak (getrusage's ru_maxrss keeps a parent's across fork and exec: a full run's
# pytest of 1.3 GB failed this test)
print(next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM:")) // 1024,
      file=sys.stderr)
"""


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="a process's peak memory is read from /proc")
def test_a_value_typed_in_the_last_row_is_located_without_a_cell_for_every_row(tmp_path: Path) -> None:
    """A translator's stray value in row 1,048,576 (a 27 kB workbook) had the import make every cell of four columns
    down to it: 22 s and 1.1 GB, and under a memory limit it ran for more than ten minutes. Only the rows the sheet
    holds are looked at now; the stray value is still refused at its cell."""
    book = tmp_path / "texts.xlsx"
    export_texts(load_plan(), book)
    edit(book, lambda ws: ws.__setitem__("A1048576", "x"))
    done = subprocess.run(
        [sys.executable, "-c", FAR_ROW_READ, str(book)], capture_output=True, text=True, timeout=300, cwd=ROOT
    )
    assert done.stdout.split() == ["A1048576"], done.stderr[-2000:]
    assert int(done.stderr.split()[-1]) < 400  # MB: a few tens of MB of workbook, not a cell for every row


def test_a_correction_below_the_size_the_sheet_declares_is_read(tmp_path: Path) -> None:
    """A sheet's XML declares its size (<dimension ref="A1:E324"/>), which a program that edits the file may leave as
    it was: the read-only read stopped there, and a correction typed below it was dropped with nothing said. Every row
    the sheet holds is read, as before."""
    book = tmp_path / "texts.xlsx"
    rows = export_texts(load_plan(), book)
    last = rows + 1
    edit(book, lambda ws: ws.__setitem__(f"D{last}", "Ispravljen poslednji tekst"))
    declared = tmp_path / "declared.xlsx"
    with zipfile.ZipFile(book) as source, zipfile.ZipFile(declared, "w") as target:
        for item in source.infolist():
            content = source.read(item)
            if item.filename.startswith("xl/worksheets/"):
                content = re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:E2"', content)
            target.writestr(item, content)
    with zipfile.ZipFile(declared) as written:
        assert b'<dimension ref="A1:E2"' in written.read("xl/worksheets/sheet1.xml")
    [last_id] = [t.id for t in load_plan().texts()][-1:]
    assert read_texts(declared, load_plan())[last_id].sr == "Ispravljen poslednji tekst"


@pytest.mark.parametrize("damage", ["sheet-cut", "styles-cut"])
def test_a_damaged_texts_workbook_is_refused_as_corrupt_not_a_traceback(tmp_path: Path, damage: str) -> None:
    """`apmon plan texts import` on a workbook whose sheet or styles part is cut in the middle (openpyxl's XML
    parsers raise ParseError, lxml's XMLSyntaxError: no error the reader caught) ended with a traceback. Found
    December 2026 (a trial)."""
    plan = load_plan()
    book = tmp_path / "texts.xlsx"
    export_texts(plan, book)
    member = "xl/worksheets/sheet1.xml" if damage == "sheet-cut" else "xl/styles.xml"
    with zipfile.ZipFile(book) as archive:
        parts = [(info, archive.read(info)) for info in archive.infolist()]
    with zipfile.ZipFile(book, "w", zipfile.ZIP_DEFLATED) as archive:
        for info, content in parts:
            archive.writestr(info, content[: len(content) // 2] if info.filename == member else content)
    with pytest.raises(TextsRefused) as caught:
        read_texts(book, plan)
    assert caught.value.unreadable is not None and caught.value.unreadable.code == "file-corrupt"
