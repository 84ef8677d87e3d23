"""xlsx file -> Grid. python-calamine reads (fast, Rust); openpyxl is the second reader,
used where a workbook is already open in openpyxl."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import python_calamine
from openpyxl.workbook.workbook import Workbook

from schemas.grid import Grid


class UnreadableFileError(Exception):
    """A file that cannot be read as a workbook at all. `reason` says what it is and what to do."""

    def __init__(self, file: str, reason: str) -> None:
        self.file = file
        self.reason = reason
        super().__init__(f"{file}: {reason}")


def read_xlsx(path: Path) -> Grid:
    try:
        book = python_calamine.CalamineWorkbook.from_path(str(path))
        sheets = {
            name: _trim(book.get_sheet_by_name(name).to_python(skip_empty_area=False)) for name in book.sheet_names
        }
    except Exception as exc:  # calamine raises several error types; each means the same to a person
        raise UnreadableFileError(str(path), f"cannot be read as an Excel workbook ({exc})") from exc
    return Grid(source=str(path), sheets=sheets)


def grid_from_openpyxl(book: Workbook, source: str) -> Grid:
    sheets = {ws.title: _trim([list(row) for row in ws.iter_rows(values_only=True)]) for ws in book.worksheets}
    return Grid(source=source, sheets=sheets)


def _trim(rows: list[list[Any]]) -> list[list[Any]]:
    """Drop trailing empty rows, as every backend reports a different used range."""
    end = len(rows)
    while end and all(v is None or v == "" for v in rows[end - 1]):
        end -= 1
    return rows[:end]
