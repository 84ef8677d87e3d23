"""What the system writes: Tables, each a managed sheet of the Coordinator's master workbook.

Writers (xlsx through openpyxl, Google Sheets through gspread, an open
workbook through xlwings) render the same Tables; consolidation produces
them from reports without any I/O.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from apmon.schemas.paper import PageTexts

ColumnKind = Literal["text", "int", "money", "percent", "date", "datetime"]
Mark = Literal["error", "warning", "ok", "missing", "late", "input"]  # input: a cell the Coordinator types in


class TableColumn(BaseModel):
    model_config = ConfigDict(frozen=True)

    key: str
    header: str
    kind: ColumnKind = "text"
    width: int = Field(default=14, description="In characters.")


class Highlight(BaseModel):
    """A cell to colour: data row (0-based) and column key."""

    model_config = ConfigDict(frozen=True)

    row: int
    column: str
    mark: Mark


class Chart(BaseModel):
    """A native chart over the table's own rows: categories from one column, one series per value column."""

    model_config = ConfigDict(frozen=True)

    title: str
    kind: Literal["bar", "column", "stacked-column"] = "column"
    categories: str  # column key
    series: list[str]  # column keys
    y_title: str = ""
    source: str | None = Field(
        default=None, description="Sheet of the table whose rows the chart draws; this table's own when None."
    )
    colours: list[str] = Field(
        default_factory=list,
        description="Each series' colour (RRGGBB), in the order of `series`, where it means something (a status); "
        "none: the spreadsheet's own.",
    )


class Table(BaseModel):
    model_config = ConfigDict(frozen=True)

    sheet: str = Field(description="Managed sheet name (at most 31 characters).", max_length=31)
    title: str
    subtitle: str = ""
    columns: list[TableColumn]
    rows: list[list[Any]] = Field(description="Values by column order: str, int, Decimal, float, date, datetime, None.")
    highlights: list[Highlight] = Field(default_factory=list)
    charts: list[Chart] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list, description="Lines printed under the table.")
    one_line: bool = Field(
        default=False, description="Rows stay one line high, wrapped texts cut: a long sheet whose texts repeat."
    )
    page: PageTexts | None = Field(default=None, description="Header and footer of the sheet's printed pages.")

    def column_index(self, key: str) -> int:
        return next(i for i, c in enumerate(self.columns) if c.key == key)


EXCEL_MAX_ROWS = 1_048_576  # Excel opens no sheet with more rows; Google Sheets allows fewer cells still
ROWS_ABOVE_DATA = 3  # title, subtitle, header (the writers lay every table out so)


def fit_rows(table: Table, note: Callable[[int, int], str], max_rows: int = EXCEL_MAX_ROWS) -> Table:
    """`table`, or its first rows with a note saying `note(shown, total)` when all of them, with the title,
    header and notes, would not fit a sheet of `max_rows` rows."""
    notes_rows = 1 + len(table.notes) + 1  # the gap before the notes, the notes, the note added here
    if ROWS_ABOVE_DATA + len(table.rows) + notes_rows - 1 <= max_rows:
        return table
    shown = max_rows - ROWS_ABOVE_DATA - notes_rows
    return table.model_copy(
        update={
            "rows": table.rows[:shown],
            "highlights": [h for h in table.highlights if h.row < shown],
            "notes": [note(shown, len(table.rows)), *table.notes],
        }
    )


REGISTER_SHEET = "_apmon_master"  # hidden: lists the managed sheets and when they were written
# The register's third column in a master file: the mark of the write that made it (sync.writers.register_rows).
MASTER_MARK = "master_mark"
# The start of the mark of an xlsx of a report apmon issued (`apmon report`): a master's register, no master.
ISSUED_REPORT_MARK = "report-"


def master_mark_of(register: Sequence[Sequence[Any]]) -> str | None:
    """The mark in a register's rows (register_rows); None when it has none (a new book Consolidate filled, the
    Google master, a master written before apmon wrote marks)."""
    if len(register) < 2 or len(register[0]) < 3 or register[0][2] != MASTER_MARK or len(register[1]) < 3:
        return None
    mark = register[1][2]
    return mark if isinstance(mark, str) and mark else None


def registered_sheets(sheet_names: list[str], listed: list[Any]) -> set[str]:
    """Managed sheets of the previous write: the register and the sheets it lists (the first cells of its rows
    below the header, `listed`) that still exist among `sheet_names`."""
    if REGISTER_SHEET not in sheet_names:
        return set()
    names = {str(name) for name in listed if name}
    return {name for name in sheet_names if name in names} | {REGISTER_SHEET}
