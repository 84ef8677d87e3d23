"""The Coordinator's texts for the final report of the Strategy period (seed 10.4): conclusions, recommendations,
lessons learnt and best practices, entered on a sheet "Zaključci" (Закључци, Conclusions) of the master workbook
or of another xlsx given with `--texts`: one row per item, the kind in column A (a word of any of the three
languages, or the code) and the text in column B; row 1 may be a header (its column A is not a kind). Anything
wrong (personal data in a text too) is named with its file, sheet and cell (`TextsError`), and nothing is made.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any, cast

from apmon.schemas import values
from apmon.schemas.messages import all_variants, text_of
from apmon.schemas.rules import personal_data_typed
from apmon.schemas.said import SaidError
from apmon.schemas.text import Lang
from apmon.sync.report_content import FINAL_KINDS, FinalKind, FinalText


class TextsError(SaidError):
    """The texts cannot be read; the message says where and what to do (its fields in the language asked for)."""


def kind_code(given: str) -> FinalKind | None:
    """The kind `given` as a code, from the code or the words of any language ("naučena lekcija", "Conclusions"),
    read as a report's dropdown is: also typed without diacritics ("naucena lekcija") or partly in the other script."""
    words: dict[str, str] = {}
    for code in FINAL_KINDS:
        keys = (f"report.kind.{code}", f"report.final.{code}")  # "preporuka", or the heading "Preporuke Koordinatora"
        words |= {w.lower(): code for w in {code, *(w for key in keys for w in all_variants(key))}}
    return cast(FinalKind | None, values.choice(given, words).value)


def kinds_list(lang: Lang) -> str:
    return ", ".join(text_of(f"report.kind.{code}", lang) for code in FINAL_KINDS)


def read_texts(path: Path, lang: Lang) -> list[FinalText]:
    """The texts on the Conclusions sheet of the xlsx at `path` (a file with a single sheet: that sheet)."""
    from apmon.templates.sheet_extent import SheetTooLargeError, open_workbook, sheet_rows

    sheet = text_of("report.sheet.final", lang)
    if not path.is_file():
        raise TextsError("report.texts.no_file", file=path, sheet=sheet)
    try:
        data = path.read_bytes()
        book = open_workbook(data)
    except Exception as exc:  # calamine raises its own errors for a file that is not a workbook, sheet_extent its
        raise TextsError("report.texts.unreadable", file=path, error=exc) from exc
    names = {n.lower(): "final" for n in all_variants("report.sheet.final")}
    found = [n for n in book.sheet_names if values.choice(n, names).value]  # "Zakljucci", typed without diacritics
    if not found and len(book.sheet_names) == 1:
        found = list(book.sheet_names)
    if not found:
        raise TextsError("report.texts.no_sheet", file=path, sheet=sheet, kinds=kinds_list(lang))
    name = found[0]
    try:
        cells = sheet_rows(data, name) or []
    except SheetTooLargeError as exc:
        raise TextsError("report.texts.sheet_too_large", file=path, sheet=name, cell=exc.cell) from exc
    except Exception as exc:
        raise TextsError("report.texts.unreadable", file=path, error=exc) from exc
    return texts_of(cells, str(path), name, lang)


def texts_of(cells: Sequence[Sequence[Any]], file: str, sheet: str, lang: Lang) -> list[FinalText]:
    """The items of a Conclusions sheet's rows (`cells`, from A1), in the order entered; TextsError at the first
    unknown kind, empty text, or when there is none."""
    found = []
    for row_number, row in enumerate(cells, start=1):
        given = _text(row[0] if row else None)
        text = _text(row[1] if len(row) > 1 else None)
        if not given and not text:
            continue  # an empty row
        if row_number == 1 and kind_code(given) is None:
            continue  # the header
        code = kind_code(given)
        if code is None:
            raise TextsError(
                "report.texts.unknown_kind",
                file=file,
                sheet=sheet,
                cell=f"A{row_number}",
                given=given,
                kinds=kinds_list(lang),
            )
        if not text:
            said = text_of(f"report.kind.{code}", lang)
            raise TextsError("report.texts.empty", file=file, sheet=sheet, cell=f"B{row_number}", kind=said)
        if personal := personal_data_typed(text, lang):  # the report is published, and the ledger keeps its texts
            raise TextsError(
                "report.texts.personal_data", file=file, sheet=sheet, cell=f"B{row_number}", found=personal
            )
        found.append(FinalText(kind=code, text=text))
    if not found:
        raise TextsError("report.texts.none", file=file, sheet=sheet, kinds=kinds_list(lang))
    return found


def _text(value: object) -> str:
    """A cell as text, its spaces as written but trimmed; paragraphs inside a cell kept."""
    return str(value).strip() if value not in (None, "") else ""
