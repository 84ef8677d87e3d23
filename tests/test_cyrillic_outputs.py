"""What a Coordinator working in Serbian Cyrillic reads beyond the message catalogue (whose texts
tests/test_catalogue_language.py checks one by one): every cell, sheet name and page header of the master workbook
and of the Minister's brief and the Council report as written, and the text of their PDFs. No word mixes the two
scripts, and the master's and the reports' own words (sheet names, titles, notes, headers) are Cyrillic but for names
and codes. What the officers typed (in Latin, in the demo's Latin reports) is shown as typed, and not checked."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
import yaml
from openpyxl import load_workbook

from apmon.schemas.calendar import Period, WorkingCalendar
from apmon.schemas.institutions import InstitutionRegistry
from apmon.schemas.plan import Plan
from apmon.sync.config import Config, SyncSettings
from apmon.sync.demo_data import write_demo_reports
from apmon.sync.ledger import Ledger
from apmon.sync.reports import make_council_report, make_minister_brief
from apmon.sync.run import run_sync
from apmon.sync.sources import FolderSource
from tests.test_catalogue_language import CELLS, FOREIGN, KEPT_NAMES, _words_mixing_scripts
from tests.test_reports import pdf_text

FIRST, LAST = "2018-01", "2018-02"
REGISTRY = Path(__file__).resolve().parent.parent / "templates" / "data" / "institutions.yaml"
_LATIN = re.compile(r"[A-Za-zČĆŠŽĐčćšžđ]")


@pytest.fixture(scope="module")
def cyrillic_outputs(plan: Plan, registry: InstitutionRegistry, tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """A Cyrillic master, brief and Council report from the demo's reports of two months."""
    folder = tmp_path_factory.mktemp("cyrillic")
    write_demo_reports(plan, registry, folder / "reports", first=FIRST, last=LAST)
    settings = SyncSettings(
        data_dir=folder,
        folder=folder / "reports",
        ledger=f"sqlite:///{folder / 'ledger.sqlite'}",
        first_period=FIRST,
        last_period=LAST,
        master_lang="sr-Cyrl",
    )
    config = Config(sync=settings)
    ledger = Ledger.open(settings.ledger_url())
    try:
        run_sync(
            plan=plan,
            registry=registry,
            ledger=ledger,
            sources=[FolderSource(settings.reports_folder())],
            settings=settings,
            calendar=WorkingCalendar(),
            as_of=dt.date(2018, 3, 31),
        )
        month = Period.parse(LAST)
        brief = make_minister_brief(config, plan, registry, ledger, month, lang="sr-Cyrl", out=folder, record=False)
        council = make_council_report(
            config, plan, registry, ledger, month, first=Period.parse(FIRST), lang="sr-Cyrl", out=folder, record=False
        )
    finally:
        ledger.close()
    return [settings.master_path(), *brief.files, *council.files]


def _texts_of_workbook(path: Path) -> dict[str, str]:
    """Every text of a workbook as a reader sees it, by where it is: sheet names, cells, page headers and footers."""
    book = load_workbook(path)
    texts = {}
    for sheet in book.worksheets:
        if sheet.sheet_state != "visible":
            continue
        texts[f"{path.name}: sheet name {sheet.title}"] = sheet.title
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str):
                    texts[f"{path.name}: {sheet.title}!{cell.coordinate}"] = cell.value
        for part in ("oddHeader", "oddFooter"):
            # the codes of a page header (&L, &P) are not words: the texts between them are
            found = getattr(sheet, part)
            shown = " ".join(p.text or "" for p in (found.left, found.center, found.right))
            texts[f"{path.name}: {sheet.title} {part}"] = re.sub(r"&[A-Z]", " ", shown)
    return texts


def test_no_word_of_the_cyrillic_master_or_reports_mixes_the_two_scripts(cyrillic_outputs: list[Path]) -> None:
    texts: dict[str, str] = {}
    for path in cyrillic_outputs:
        texts |= {f"{path.name}": pdf_text(path)} if path.suffix == ".pdf" else _texts_of_workbook(path)
    assert len(texts) > 1000  # every cell of the master and the reports was read
    mixed = {where: words for where, text in texts.items() if (words := _words_mixing_scripts(text))}
    assert not mixed, mixed


def _own_words_in_latin(text: str, allowed: set[str]) -> list[str]:
    latin = []
    for word in text.split():
        core = word.strip(".,;:!?()[]„“”\"'…–·")
        if not _LATIN.search(core) or core in allowed:
            continue
        if KEPT_NAMES.fullmatch(core) or FOREIGN.search(word) or CELLS.fullmatch(core):
            continue
        latin.append(word)
    return latin


def test_the_cyrillic_masters_and_reports_own_words_are_cyrillic(
    cyrillic_outputs: list[Path], plan: Plan, registry: InstitutionRegistry
) -> None:
    """Sheet names, each sheet's title, note and column headers (its first three rows), and page headers: apmon's own
    words. Institution codes and the plan's id stay as they are."""
    allowed = {i.code for i in registry.institutions} | {plan.id}
    latin = {}
    for path in cyrillic_outputs:
        if path.suffix != ".xlsx":
            continue
        for where, text in _texts_of_workbook(path).items():
            own = "sheet name" in where or "Header" in where or "Footer" in where or re.search(r"![A-Z]+[1-3]$", where)
            if own and (words := _own_words_in_latin(text, allowed)):
                latin[where] = words
    assert not latin, latin


# A bold header letter takes up to 1.2 widths of the digit "0" a column's width counts (Cyrillic ш, м, ж, њ are the
# widest: "закашњењем" is 89 pixels in bold Calibri 11, 12.7 digits). A word wider than its column is broken mid-way.
BOLD_LETTER = 1.2


def test_no_header_word_of_the_cyrillic_master_or_reports_is_wider_than_its_column(
    cyrillic_outputs: list[Path],
) -> None:
    cut = {}
    for path in cyrillic_outputs:
        if path.suffix != ".xlsx":
            continue
        for sheet in load_workbook(path).worksheets:
            if sheet.sheet_state != "visible":
                continue
            stored_widths = {
                column: found.width
                for found in sheet.column_dimensions.values()
                for column in range(found.min or 0, (found.max or 0) + 1)
                if found.width
            }  # a run of columns of one width is stored once
            for cell in sheet[3]:
                if not isinstance(cell.value, str):
                    continue
                stored = stored_widths.get(cell.column, 8.43)
                shown = (stored * 7 - 5) / 7  # the file stores Excel's 5 pixels of padding too
                longest = max(cell.value.split(), key=len)
                if len(longest) * BOLD_LETTER > shown:
                    cut[f"{path.name}: {sheet.title}!{cell.coordinate}"] = (longest, round(shown, 1))
    assert not cut, "\n".join(f"{where}: {word!r} in {width}" for where, (word, width) in cut.items())


def test_a_cyrillic_templates_days_end_with_their_full_stop(tmp_path: Path) -> None:
    """The cover's due day and the tasks' deadlines were written 10.04.2018 and „до 30.06.2018“, where every other
    Serbian text writes a day 10.04.2018. (and Validate asks the officer for that form)."""
    from typer.testing import CliRunner

    from apmon.cli.app import app

    made = CliRunner().invoke(
        app, ["template", "build", "-i", "MUP", "--period", "2018-03", "--lang", "sr-Cyrl", "--out", str(tmp_path)]
    )
    assert made.exit_code == 0, made.output
    book = load_workbook(tmp_path / "MUP_2018-03_sr-Cyrl.xlsx")
    cover = {row[0]: row[1] for row in book["Насловна"].iter_rows(min_row=4, values_only=True)}
    assert cover["Рок за достављање"] == "10.04.2018."  # March's report: the 5th working day of April (Easter)
    deadlines = [row[3] for row in book["Задаци"].iter_rows(min_row=4, values_only=True) if row[0]]
    assert "до 30.06.2018." in deadlines and "континуирано до 31.12.2018." in deadlines, deadlines
    assert not [d for d in deadlines if re.search(r"\d{2}\.\d{2}\.\d{4}(?!\.)", d)], deadlines


def test_the_overviews_note_names_its_months_as_its_page_header_does(cyrillic_outputs: list[Path]) -> None:
    """It said „извештаји од 2018-01 до 2018-02“, where the page header above says the months in words."""
    overview = load_workbook(cyrillic_outputs[0]).worksheets[0]
    note = str(overview["A2"].value)
    assert "јануар 2018. – фебруар 2018." in overview.oddHeader.right.text
    assert "јануар 2018. – фебруар 2018." in note, note
    assert not re.search(r"\d{4}-\d{2}\b", note.split(";", 1)[1]), note  # after the plan's id (ap-2017-2018)


def test_no_institutions_name_stands_after_a_word_in_the_cyrillic_master_or_reports(
    cyrillic_outputs: list[Path],
) -> None:
    """A full name as the registry writes it is in the nominative: it fills its cell or line, or comes after a label,
    a bracket or a separator ("Институција: ...", "· Национални координатор ..."), never straight after a word whose
    case it would have to take ("извештај институције Министарство ...", "од Министарство ..."). The names are read
    from the registry file here."""
    registry = yaml.safe_load(REGISTRY.read_text(encoding="utf-8"))["institutions"]
    names = re.compile("|".join(re.escape(i["name"]["sr-Cyrl"]) for i in registry))
    texts: dict[str, str] = {}
    for path in cyrillic_outputs:
        texts |= {f"{path.name}": pdf_text(path)} if path.suffix == ".pdf" else _texts_of_workbook(path)
    found = [(where, text[: m.start()]) for where, text in texts.items() for m in names.finditer(text)]
    assert len(found) > 30  # the master's Submissions and Budget name every institution that reports
    after_a_word = [(where, before[-40:]) for where, before in found if re.search(r"\w \Z", before)]
    assert after_a_word == []
