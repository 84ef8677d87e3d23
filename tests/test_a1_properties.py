"""Property tests of CORRECTNESS for the pure A1 helpers (schemas.a1), against an oracle written here: a column
number as a bijective base-26 numeral (A = 1 ... Z = 26, AA = 27), and a cell as Excel's grid bounds it (A1 to
XFD1048576, a row without leading zeros)."""

from __future__ import annotations

import string

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from apmon.schemas.a1 import MAX_COLUMN, MAX_ROW, cell_position, column_letter, column_number

BOUNDED = settings(max_examples=200, deadline=None, derandomize=True, database=None)


def letters_of(number: int) -> str:
    """The oracle: every column's letters, listed in order (A..Z, AA..ZZ, AAA..XFD) and counted to `number`."""
    width, first = 1, 1
    while number >= first + 26**width:
        first += 26**width
        width += 1
    offset, letters = number - first, ""
    for _ in range(width):
        offset, digit = divmod(offset, 26)
        letters = string.ascii_uppercase[digit] + letters
    return letters


def test_every_column_round_trips() -> None:
    """All 16384 columns of Excel's grid, each letters to number and back, in order and with no letters twice."""
    seen = [column_letter(n) for n in range(1, MAX_COLUMN + 1)]
    assert seen == [letters_of(n) for n in range(1, MAX_COLUMN + 1)]
    assert [column_number(letters) for letters in seen] == list(range(1, MAX_COLUMN + 1))
    assert seen[-1] == "XFD"


@pytest.mark.parametrize("number", [0, -1, -27])
def test_a_column_number_below_one_is_refused(number: int) -> None:
    """There is no column 0: it was read as no letters, so a cell of row 5 became "5"; a negative one looped
    forever."""
    with pytest.raises(ValueError):
        column_letter(number)


def oracle_position(cell: str) -> tuple[int, int] | None:
    head = len(cell) - len(cell.lstrip(string.ascii_uppercase))
    letters, digits = cell[:head], cell[head:]
    if not 1 <= len(letters) <= 3 or not digits or not all(ch in string.digits for ch in digits):
        return None
    if digits[0] == "0" or len(digits) > 7:
        return None
    column = sum((string.ascii_uppercase.index(ch) + 1) * 26**i for i, ch in enumerate(reversed(letters)))
    row = int(digits)
    return (row, column) if row <= MAX_ROW and column <= MAX_COLUMN else None


@BOUNDED
@given(st.integers(min_value=1, max_value=MAX_ROW), st.integers(min_value=1, max_value=MAX_COLUMN))
def test_a_cell_round_trips(row: int, column: int) -> None:
    cell = f"{column_letter(column)}{row}"
    assert cell == f"{letters_of(column)}{row}"
    assert cell_position(cell) == (row, column)


@BOUNDED
@given(st.text(alphabet="ABXYZFDabz0123456789$:! \n", max_size=12))
@example("XFD1048576")
@example("XFE1")
@example("A1048577")
@example("A01")
@example("A1\n")
def test_a_text_is_a_cell_only_within_excels_grid(text: str) -> None:
    assert cell_position(text) == oracle_position(text), text
