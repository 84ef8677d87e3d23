"""The plan's texts as a workbook a translator or the Coordinator corrects in Excel: one row per text (id, kind,
English, Serbian, official wording), and reading it back, all or nothing, into the plan texts file of the data
folder (templates.plan_file.plan_texts_file)."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet.worksheet import Worksheet
from pydantic import BaseModel, ConfigDict

from apmon.schemas.plan import Plan, TextKind
from apmon.schemas.text import LANGS, Lang, latin_to_cyrillic, latin_to_cyrillic_template
from apmon.templates.plan_file import TextCorrection, TextCorrections, load_corrections, save_corrections
from apmon.templates.sniff import FileProblem, sniff_workbook

# Column headers and the sheet's name: (Serbian Latin, English); Cyrillic derived.
_HEADERS: tuple[tuple[str, str], ...] = (
    ("Id", "Id"),
    ("Vrsta", "Kind"),
    ("Engleski (izvorni tekst)", "English (source text)"),
    ("Srpski (prevod, latinica)", "Serbian (translation, Latin script)"),
    ("Zvanični tekst (latinica)", "Official wording (Latin script)"),
)
_SHEET = ("Tekstovi plana", "Plan texts")
_KINDS: dict[TextKind, tuple[str, str]] = {
    "plan": ("naziv plana", "plan title"),
    "strategy": ("naziv strategije", "strategy title"),
    "financial": ("finansijski efekti", "financial effects"),
    "objective": ("cilj", "objective"),
    "activity": ("aktivnost", "activity"),
    "task": ("zadatak", "task"),
    "indicator": ("indikator", "indicator"),
    "risk": ("rizik", "risk"),
    "resources": ("resursi", "resources"),
    "budget": ("stavka budžeta", "budget line"),
    "donor": ("donator / projekat", "donor / project"),
    "budget-note": ("napomena uz stavku budžeta", "budget line note"),
}
ID, KIND, EN, SR, OFFICIAL = "A", "B", "C", "D", "E"
_WIDTHS = {ID: 12, KIND: 16, EN: 60, SR: 60, OFFICIAL: 60}
_GREY = PatternFill("solid", fgColor="D9D9D9")
_CYRILLIC = re.compile(r"[\u0400-\u04FF]")

# code -> (Serbian Latin, English). Serbian Cyrillic is derived by transliteration; commands go in {placeholders}.
MESSAGES: dict[str, tuple[str, str]] = {
    "texts-exported": (
        "Tekstovi plana {plan} izvezeni su u „{file}“ (redova: {count}). Ispravite kolone „Srpski“ i "
        "„Zvanični tekst“, pa ih uvezite komandom {command}.",
        "The texts of the plan {plan} are exported to '{file}' ({count} rows). Correct the columns 'Serbian' and "
        "'Official wording', then import them with {command}.",
    ),
    "texts-imported": (
        "Uvezeno iz „{file}“: izmenjenih tekstova {changed}, zvaničnih tekstova ukupno {official}. Ispravke su "
        "sačuvane u „{saved}“ i ostaju i posle nadogradnje programa.",
        "Imported from '{file}': {changed} text(s) changed, {official} official wording(s) in all. The corrections "
        "are kept in '{saved}' and outlive an upgrade of the program.",
    ),
    "texts-refused": (
        "Greška: radna sveska „{file}“ nije uvezena, ništa nije izmenjeno (problema: {count}). Ispravite ih i "
        "uvezite je ponovo:",
        "Error: the workbook '{file}' is not imported, nothing is changed ({count} problem(s)). Correct them and "
        "import it again:",
    ),
    "texts-not-export": (
        "List „{sheet}“, ćelija {cell}: ovde je zaglavlje „{expected}“, a piše „{found}“. Ovo nije radna sveska "
        "tekstova plana: izvezite je komandom {command} i ispravite tu datoteku.",
        "Sheet '{sheet}', cell {cell}: the header here is '{expected}', not '{found}'. This is not a plan texts "
        "workbook: export one with {command} and correct that file.",
    ),
    "texts-id-missing": (
        "List „{sheet}“, ćelija {cell}: red {row} ima tekst, ali nema id. Vratite id iz izvezene radne sveske ili "
        "obrišite red.",
        "Sheet '{sheet}', cell {cell}: row {row} has text but no id. Put back the id of the exported workbook or "
        "delete the row.",
    ),
    "texts-id-number": (
        "List „{sheet}“, ćelija {cell}: id je broj ({found}), a ne tekst, pa je Excel mogao da ga izmeni (1.10 u "
        "1.1). Upišite id kao tekst, sa apostrofom ispred, onako kako je u izvezenoj radnoj svesci.",
        "Sheet '{sheet}', cell {cell}: the id is a number ({found}), not text, so Excel may have changed it (1.10 "
        "into 1.1). Type the id as text, with an apostrophe before it, as the exported workbook has it.",
    ),
    "texts-other-plan": (
        "List „{sheet}“: radna sveska sadrži tekstove plana {found}, a prati se plan {plan}. Izvezite tekstove plana "
        "{plan} komandom {command} i u nju prenesite svoje ispravke.",
        "Sheet '{sheet}': the workbook holds the texts of plan {found}, but plan {plan} is being monitored. Export "
        "the texts of plan {plan} with {command} and copy your corrections into it.",
    ),
    "texts-id-unknown": (
        "List „{sheet}“, ćelija {cell}: plan {plan} nema tekst sa id „{id}“. Vratite id iz izvezene radne sveske.",
        "Sheet '{sheet}', cell {cell}: the plan {plan} has no text with the id '{id}'. Put back the id of the "
        "exported workbook.",
    ),
    "texts-id-changed": (
        "List „{sheet}“, ćelija {cell}: id „{id}“ ne odgovara engleskom tekstu u ćeliji {en_cell}; id je izmenjen "
        "ili je tekst premešten. Vratite id i engleski tekst iz izvezene radne sveske.",
        "Sheet '{sheet}', cell {cell}: the id '{id}' does not match the English text in cell {en_cell}; the id was "
        "changed or the text moved. Put back the id and the English of the exported workbook.",
    ),
    "texts-id-twice": (
        "List „{sheet}“, ćelija {cell}: id „{id}“ već postoji u redu {first}. Ostavite jedan red za svaki tekst.",
        "Sheet '{sheet}', cell {cell}: the id '{id}' is already in row {first}. Keep one row per text.",
    ),
    "texts-sr-empty": (
        "List „{sheet}“, ćelija {cell}: srpski tekst za „{id}“ je prazan. Upišite prevod latinicom.",
        "Sheet '{sheet}', cell {cell}: the Serbian text of '{id}' is empty. Write the translation in Latin script.",
    ),
    "texts-cyrillic": (
        "List „{sheet}“, ćelija {cell}: tekst za „{id}“ je napisan ćirilicom. Upišite ga latinicom; ćirilički "
        "oblik se dobija presloviljavanjem.",
        "Sheet '{sheet}', cell {cell}: the text of '{id}' is written in Cyrillic. Write it in Latin script; the "
        "Cyrillic form is derived from it.",
    ),
}

EXPORT_COMMAND = "apmon plan texts export"
_KEYWORD = "apmon-plan-texts"  # the export's keywords: this word and the plan id
IMPORT_COMMAND = "apmon plan texts import"


def say(code: str, lang: Lang, **params: Any) -> str:
    sr_latn, en = MESSAGES[code]
    text = {"en": en, "sr-Latn": sr_latn, "sr-Cyrl": latin_to_cyrillic_template(sr_latn)}[lang]
    return text.format(**params)


def _in(pair: tuple[str, str], lang: Lang) -> str:
    return {"sr-Latn": pair[0], "sr-Cyrl": latin_to_cyrillic(pair[0]), "en": pair[1]}[lang]


class TextsProblem(BaseModel):
    """Why a plan texts workbook is refused: a message code, where (sheet, cell) and the message's fields."""

    model_config = ConfigDict(frozen=True)

    code: str
    sheet: str = ""
    cell: str = ""
    params: dict[str, str] = {}

    def message(self, lang: Lang) -> str:
        return say(self.code, lang, sheet=self.sheet, cell=self.cell, **self.params)


class TextsRefused(Exception):
    """The workbook cannot be imported (not a workbook at all, or rows with problems); nothing was changed."""

    def __init__(self, problems: list[TextsProblem], unreadable: FileProblem | None = None) -> None:
        self.problems = problems
        self.unreadable = unreadable
        super().__init__(unreadable.code if unreadable else "; ".join(p.code for p in problems))

    def messages(self, lang: Lang) -> list[str]:
        return [self.unreadable.message(lang)] if self.unreadable else [p.message(lang) for p in self.problems]


class Imported(BaseModel):
    model_config = ConfigDict(frozen=True)

    changed: int
    official: int
    saved: Path


def export_texts(plan: Plan, path: Path, lang: Lang = "sr-Latn") -> int:
    """Write the workbook of the plan's texts (as the plan shows them, corrections included); the number of rows."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = _in(_SHEET, lang)
    for column, header in zip((ID, KIND, EN, SR, OFFICIAL), _HEADERS, strict=True):
        cell = ws[f"{column}1"]
        cell.value = _in(header, lang)
        cell.font = Font(bold=True)
        cell.fill = _GREY
        ws.column_dimensions[column].width = _WIDTHS[column]
    texts = plan.texts()
    for row, entry in enumerate(texts, start=2):
        values = {
            ID: entry.id,
            KIND: _in(_KINDS[entry.kind], lang),
            EN: entry.text.en,
            SR: entry.text.sr,
            OFFICIAL: entry.text.sr_official or "",
        }
        for column, value in values.items():
            cell = ws[f"{column}{row}"]
            cell.value = value  # always a string: an id such as 1.10 stays 1.10
            cell.number_format = "@"  # and what is typed into the cell stays text too
            cell.alignment = Alignment(wrap_text=column in (EN, SR, OFFICIAL), vertical="top")
            if column in (SR, OFFICIAL):
                cell.protection = Protection(locked=False)
            else:
                cell.fill = _GREY
    ws.freeze_panes = "C2"
    # Locked, without a password: the grey cells are not to be typed into by mistake, yet nothing is hidden.
    ws.protection.sheet = True
    ws.protection.formatColumns = False
    ws.protection.formatRows = False
    wb.properties.keywords = f"{_KEYWORD} {plan.id}"  # whose texts these are: an import into another plan is refused
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return len(texts)


def read_texts(path: Path, plan: Plan) -> dict[str, TextCorrection]:
    """The Serbian texts of the workbook by id, every row checked; TextsRefused with every problem found."""
    problem = sniff_workbook(path)
    if problem is not None:
        raise TextsRefused([], problem)
    try:
        # read-only: the rows are read as the sheet holds them, a row it skips (down to a stray value in row
        # 1,048,576) given as one shared empty row; an ordinary workbook makes a cell of every one (1 GB)
        wb = load_workbook(path, read_only=True, data_only=True)
    except (*_DAMAGED, InvalidFileException, OSError, KeyError) as exc:
        raise TextsRefused([], FileProblem(code="file-corrupt", params={"name": path.name})) from exc
    try:
        return _read_rows(wb, plan)
    except _DAMAGED as exc:  # read-only: a sheet's XML is parsed as its rows are read
        raise TextsRefused([], FileProblem(code="file-corrupt", params={"name": path.name})) from exc
    finally:
        wb.close()


# What openpyxl's readers raise on a damaged part: a part cut short or not XML (ElementTree's ParseError and lxml's
# XMLSyntaxError are SyntaxErrors), a value no cell may hold, a part missing from the zip
_DAMAGED = (SyntaxError, ValueError, zipfile.BadZipFile)


def _read_rows(wb: Workbook, plan: Plan) -> dict[str, TextCorrection]:
    ws = wb.worksheets[0]
    ws.reset_dimensions()  # every row the sheet holds: the size its XML declares may be stale (an edit left it)
    problems = _header_problems(ws)
    if problems:
        raise TextsRefused(problems)
    exported_from = _exported_from(wb)
    if exported_from not in (None, plan.id):  # one reason, not a problem on every text the plans word differently
        other = {"found": str(exported_from), "plan": plan.id, "command": EXPORT_COMMAND}
        raise TextsRefused([TextsProblem(code="texts-other-plan", sheet=ws.title, params=other)])
    by_id = {t.id: t for t in plan.texts()}
    read: dict[str, TextCorrection] = {}
    first_row: dict[str, int] = {}
    columns = [ID, KIND, EN, SR, OFFICIAL]
    for row, found in enumerate(ws.iter_rows(min_row=2, max_col=len(columns)), start=2):
        cells = dict(zip(columns, found, strict=True))
        if all(_text(cell) == "" for cell in cells.values()):
            continue  # an empty row
        at = {"sheet": ws.title}
        raw_id = cells[ID].value
        if raw_id is None or _text(cells[ID]) == "":
            problems.append(TextsProblem(code="texts-id-missing", cell=f"{ID}{row}", params={"row": str(row)}, **at))
            continue
        if not isinstance(raw_id, str):
            found = {"found": str(raw_id)}
            problems.append(TextsProblem(code="texts-id-number", cell=f"{ID}{row}", params=found, **at))
            continue
        text_id = raw_id.strip()
        if text_id not in by_id:
            params = {"id": text_id, "plan": plan.id}
            problems.append(TextsProblem(code="texts-id-unknown", cell=f"{ID}{row}", params=params, **at))
            continue
        if text_id in first_row:
            params = {"id": text_id, "first": str(first_row[text_id])}
            problems.append(TextsProblem(code="texts-id-twice", cell=f"{ID}{row}", params=params, **at))
            continue
        if _text(cells[EN]) != by_id[text_id].text.en:
            params = {"id": text_id, "en_cell": f"{EN}{row}"}
            problems.append(TextsProblem(code="texts-id-changed", cell=f"{ID}{row}", params=params, **at))
            continue
        first_row[text_id] = row
        serbian, official = _text(cells[SR]), _text(cells[OFFICIAL])
        if not serbian:
            problems.append(TextsProblem(code="texts-sr-empty", cell=f"{SR}{row}", params={"id": text_id}, **at))
        for column, value in ((SR, serbian), (OFFICIAL, official)):
            if _CYRILLIC.search(value):
                problems.append(
                    TextsProblem(code="texts-cyrillic", cell=f"{column}{row}", params={"id": text_id}, **at)
                )
        if serbian and not _CYRILLIC.search(serbian + official):
            read[text_id] = TextCorrection(sr=serbian, sr_official=official or None)
    if problems:
        raise TextsRefused(problems)
    return read


def import_texts(path: Path, base: Plan, corrections_file: Path) -> Imported:
    """Read the workbook into the corrections file, all or nothing. `base` is the plan as its file has it (without
    corrections): a text equal to it needs no correction, so a later apmon's better translation shows through."""
    kept = load_corrections(base, corrections_file).texts
    read = read_texts(path, base)
    shipped = {t.id: (t.text.sr, t.text.sr_official) for t in base.texts()}
    current = {i: (kept[i].sr, kept[i].sr_official) if i in kept else pair for i, pair in shipped.items()}
    new = {**current, **{i: (c.sr, c.sr_official) for i, c in read.items()}}
    corrections = {
        i: TextCorrection(sr=sr, sr_official=official)
        for i, (sr, official) in new.items()
        if (sr, official) != shipped[i]
    }
    save_corrections(corrections_file, TextCorrections(texts=corrections))
    return Imported(
        changed=sum(1 for i in read if new[i] != current[i]),
        official=sum(1 for _, official in new.values() if official),
        saved=corrections_file,
    )


def _exported_from(wb: Workbook) -> str | None:
    """The id of the plan whose texts an export wrote (None: a workbook of an apmon that did not record it)."""
    words = (wb.properties.keywords or "").split()
    return words[1] if len(words) == 2 and words[0] == _KEYWORD else None


def _header_problems(ws: Worksheet) -> list[TextsProblem]:
    """The header row must be one an export wrote, in any of the languages."""
    for column, header in zip((ID, KIND, EN, SR, OFFICIAL), _HEADERS, strict=True):
        found = _text(ws[f"{column}1"])
        if found not in {_in(header, lang) for lang in LANGS}:
            params = {"expected": header[0], "found": found, "command": EXPORT_COMMAND}
            return [TextsProblem(code="texts-not-export", sheet=ws.title, cell=f"{column}1", params=params)]
    return []


def _text(cell: Cell | Any) -> str:
    """A text cell's value, trimmed; a number typed into a text column read as Excel shows it."""
    value = cell.value
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()
