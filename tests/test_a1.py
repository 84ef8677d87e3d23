"""The pure A1 helper (schemas.a1) agrees with the libraries the I/O modules use, so every copy says the same."""

from __future__ import annotations

import gspread.utils
import openpyxl.utils
import pytest

from apmon.schemas.a1 import cell_position, column_letter, column_number, quote_sheet, runs


@pytest.mark.parametrize("index", [1, 2, 25, 26, 27, 52, 53, 702, 703, 16384])
def test_column_letters_as_openpyxl(index: int) -> None:
    letters = openpyxl.utils.get_column_letter(index)
    assert column_letter(index) == letters
    assert column_number(letters) == openpyxl.utils.column_index_from_string(letters) == index


@pytest.mark.parametrize("cell", ["A1", "E12", "Z9", "AA100", "XFD1048576"])
def test_cell_position_as_gspread(cell: str) -> None:
    assert cell_position(cell) == gspread.utils.a1_to_rowcol(cell)


# Excel's grid ends at XFD1048576 and its rows start at 1: a reference typed into the Issues sheet outside it would
# have Validate send Office.js a range it cannot take. A trailing new line is no reference either.
NOT_CELLS = ["", "A", "12", "a1", "A1:B2", "'Tasks'!A1", "ABCD1"]
NOT_CELLS += ["A0", "A00", "A01", "XFE1", "ZZZ1", "A1048577", "A1\n"]


@pytest.mark.parametrize("cell", NOT_CELLS)
def test_not_a_cell(cell: str) -> None:
    assert cell_position(cell) is None


@pytest.mark.parametrize("name", ["Tasks", "Zadaci i mere", "O'Brien's", "'", "Задаци", "1", "a!b"])
def test_sheet_quoting_as_excel_and_google(name: str) -> None:
    """Both wrap the name in single quotes and double an inner quote."""
    assert quote_sheet(name) == openpyxl.utils.quote_sheetname(name) == gspread.utils.absolute_range_name(name)


def test_runs() -> None:
    assert list(runs([9, 4, 6, 5, 5])) == [(4, 6), (9, 9)]
    assert list(runs([])) == []
    assert list(runs([3])) == [(3, 3)]
