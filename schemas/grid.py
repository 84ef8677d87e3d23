"""What every spreadsheet backend is reduced to on the way in."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict

CellValue = Any  # str, int, float, bool, date, datetime, None: whatever the backend gives


class Grid(BaseModel):
    """Sheet name -> rows of cell values, row 0 = spreadsheet row 1, column 0 = column A.

    `source` names where it came from (a file, a spreadsheet id), for messages.
    """

    model_config = ConfigDict(frozen=True)

    source: str
    sheets: dict[str, list[list[CellValue]]]
    # (sheet, A1 cell, text) of each cell's comment, where the file has them (an xlsx file's comments parts)
    comments: list[tuple[str, str, str]] = []
    # (part, name, text) of each document property, where the file has them (an xlsx file's docProps): part "core"
    # or "app" with the element's name (title, creator, Company...), or "custom" with the name its author gave it
    properties: list[tuple[str, str, str]] = []
    # (place, sheet, where, part, text) of each other text a person types that Excel shows outside the cells, where
    # the file has them (an xlsx file's workbook and sheets): place "defined-name" (sheet: the one it belongs to, or
    # "" for the workbook; where: its name; part: name, value or comment), "header-footer" (part: oddHeader,
    # evenFooter...), "validation" (where: its cells; part: promptTitle, prompt, errorTitle, error, or list for a
    # list typed out), "hyperlink" (where: its cell; part: target, location, display or tooltip)
    texts: list[tuple[str, str, str, str, str]] = []

    def value(self, sheet: str, row: int, column: int) -> CellValue:
        """The value at 1-based `row`, `column`, or None where the sheet has nothing."""
        rows = self.sheets.get(sheet, [])
        if row - 1 >= len(rows):
            return None
        cells = rows[row - 1]
        return cells[column - 1] if column - 1 < len(cells) else None

    def height(self, sheet: str) -> int:
        return len(self.sheets.get(sheet, []))
