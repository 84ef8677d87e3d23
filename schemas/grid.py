"""What every spreadsheet backend is reduced to on the way in."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict

CellValue = Any  # str, int, float, bool, date, datetime, None: whatever the backend gives
# What joins the values of one text of Grid.texts that holds many (a copy of cells): NUL, which no XML text can hold,
# and which no search for personal data reaches across.
VALUES_SEPARATOR = "\x00"


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
    # (place, sheet, where, part, text) of each other text a person types that Excel shows outside the cells, or
    # that a workbook keeps a copy of, where the file has them (an xlsx file's workbook, sheets, and their objects):
    # place "defined-name" (sheet: the one it belongs to, or "" for the workbook; where: its name; part: name, value
    # or comment), "header-footer" (part: oddHeader, evenFooter...), "validation" (where: its cells; part:
    # promptTitle, prompt, errorTitle, error, list for a list typed out, or formula for a custom one's),
    # "hyperlink" (where: its cell; part: target, location, display or tooltip); and, where: the object's name,
    # "table" (part: name, comment, column for its columns' names and total row's labels, formula, filter),
    # "drawing" (a shape, text box or picture; part: name, alt-text, text or link), "chart" (part: title for its
    # titles and labels, data for its copy of cells), "pivot-cache" (where: its PivotTable's name; part: data), and
    # "external-link" (where: the linked workbook's file name; part: name for its address, data for its copy of
    # that workbook's cells); "smartart" (part: text), "form-control" (a form control's or old text box's; part: text,
    # list or alt-text), "slicer" (where: the slicer's or its cache's name; part: name, title, column or data),
    # "connection" (where: the connection's or query table's name; part: name, comment, query or column), "timeline"
    # (where: the timeline's or its cache's name; part: name, title or column), "query" (Power Query's; where: the
    # query's name; part: code, or unreadable-query, text "", for queries that cannot be decoded), "embedded"
    # (an embedded document; part: text, or object, text "", for a picture or object inside it) and, with no text,
    # "picture", "object" and "data-model" (what apmon cannot read; where: its name, or its part's file name; a
    # picture's part: "header" for a page header's or footer's, "background" for a sheet's background, "" on the
    # sheet, "cell" for one placed in a cell, where: that cell). A text of many values (names, columns, a copy of
    # cells) has them joined by VALUES_SEPARATOR, in texts of some 32,767 characters.
    texts: list[tuple[str, str, str, str, str]] = []
    # (sheet, A1 range such as "E4:E5") of each range of merged cells, where the backend says (an xlsx file; the
    # Office.js client): a merged range keeps only its first cell's value, the others read empty
    merged: list[tuple[str, str]] = []
    # (sheet, A1 cell, number format) of each cell whose number format shows another number than the cell holds (an
    # xlsx file's: in thousands "#,##0,", a percentage, a text or nothing instead of the number ";;;")
    shown_otherwise: list[tuple[str, str, str]] = []
    # (sheet, A1 cell) of each cell with a value in a hidden row or column (an xlsx file's), which no one sees
    hidden: list[tuple[str, str]] = []
    # (sheet, A1 cell) of each cell holding a text whose format sets its reading order right to left (an xlsx file's:
    # Format Cells > Alignment > Text direction), where Excel shows groups of digits last group first
    right_to_left: list[tuple[str, str]] = []
    # (sheet, A1 cell, number format) of each cell holding a number in a format that shows a time of day and no date
    # (an xlsx file's: 12:00 typed), which the reader gives as a time, quoted as its format shows it; elsewhere a time
    # read from a date's cell is a number typed there
    times: list[tuple[str, str, str]] = []
    # Whether a text cell keeps the apostrophe typed before its text (Google Sheets' plain-text cells, read through
    # the Sheets API or the Apps Script client): Excel keeps none, so there one that opens a text is part of it
    apostrophe_kept: bool = False
    # Whether `source` is a Google Sheet's title (the Apps Script client's book name): one name, "/" and all, not a
    # path; personal data anywhere in it refuses the report for its title (`sheet-title-personal-data`)
    titled: bool = False

    def value(self, sheet: str, row: int, column: int) -> CellValue:
        """The value at 1-based `row`, `column`, or None where the sheet has nothing."""
        rows = self.sheets.get(sheet, [])
        if row - 1 >= len(rows):
            return None
        cells = rows[row - 1]
        return cells[column - 1] if column - 1 < len(cells) else None

    def height(self, sheet: str) -> int:
        return len(self.sheets.get(sheet, []))
