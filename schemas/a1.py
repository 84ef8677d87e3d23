"""A1 references and row runs, for the pure modules that may not import openpyxl or gspread (the others use
openpyxl.utils / gspread.utils, which do the same)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import cache

_CELL = re.compile(r"([A-Z]{1,3})([1-9][0-9]{0,6})")
MAX_ROW, MAX_COLUMN = 1_048_576, 16_384  # Excel's last cell, XFD1048576


@cache  # called for every cell of every layout: a few hundred columns at most
def column_letter(index: int) -> str:
    """1 -> A, 27 -> AA."""
    if index < 1:  # no column: "" would make a cell of its row alone, and a negative number would never end
        raise ValueError(f"column {index}: columns are numbered from 1")
    letters = ""
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def column_number(letters: str) -> int:
    """A -> 1, AA -> 27."""
    number = 0
    for ch in letters:
        number = number * 26 + ord(ch) - 64
    return number


def cell_position(cell: str) -> tuple[int, int] | None:
    """'E12' -> (12, 5): row and column, from 1; None when `cell` is not one cell's A1 reference within Excel's grid."""
    match = _CELL.fullmatch(cell)
    if match is None:
        return None
    row, column = int(match[2]), column_number(match[1])
    return (row, column) if row <= MAX_ROW and column <= MAX_COLUMN else None


def quote_sheet(name: str) -> str:
    """A sheet name as the prefix of an A1 reference: always in single quotes, an inner quote doubled, which
    both Excel and Google Sheets read for every name."""
    return "'" + name.replace("'", "''") + "'"


def runs(numbers: Iterable[int]) -> Iterator[tuple[int, int]]:
    """Runs of consecutive numbers, first and last: [4, 5, 6, 9, 5] -> (4, 6), (9, 9)."""
    ordered = sorted(set(numbers))
    if not ordered:
        return
    start = previous = ordered[0]
    for n in ordered[1:]:
        if n != previous + 1:
            yield start, previous
            start = n
        previous = n
    yield start, previous
