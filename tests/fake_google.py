"""An offline, in-memory fake of Google Sheets v4, Drive v3 and the OAuth 2.0 token endpoint.

Real gspread and google-auth talk to it unchanged: `FakeGoogle().endpoints` is a
`templates.google_api.GoogleEndpoints` whose sheets, drive and token URLs all point at
a `ThreadingHTTPServer` bound to 127.0.0.1 on a free port, so `make_client(...,
endpoints=fake.endpoints)` exercises the same HTTP requests the production code
sends to Google. Nothing here reaches the internet.

What it answers (shapes checked against recorded Google traffic in
`tests/test_fake_google_vs_cassettes.py`):

- POST /token: the service-account JWT-bearer grant. Every other request needs
  `Authorization: Bearer <issued token>` with a Sheets or Drive scope.
- Sheets: create, get (metadata only, with no more than its `fields` mask names:
  each sheet's `gridProperties` among its properties, as Google lists them;
  a mask naming `sheets.data`, the cells, is refused as includeGridData is),
  batchUpdate with the request kinds in BATCH_UPDATE_KINDS (those
  apmon sends and the recorded traffic holds; all-or-nothing like Google),
  values get / batchGet / update / batchUpdate / clear.
- Drive: files create / list (q, fields, orderBy, paging) / get / update (PATCH)
  / delete, permissions create (a user) / list. Every write to a
  spreadsheet moves its Drive `modifiedTime` (strictly increasing).

Modelled like Google: the per-minute quotas (`FakeGoogle(quota_per_minute=60)`:
Sheets read and write requests of one user in any 60 s of the fake's clock,
then 429 with Google's RESOURCE_EXHAUSTED body); the spreadsheet's locale
when USER_ENTERED input is parsed (grouping and decimal separators, d.m.yyyy
or m/d/yyyy dates as serial numbers, d.m or m/d in the current year, a year of
one or two digits in 19xx/20xx) unless the cell's number format is TEXT (plain
text: what is typed is stored as typed, "=1+1" too); a document keeps at least one visible
sheet; a repeatCell field mask names at least one field, and its wrapStrategy and alignments are values of
Google's enums (`FakeSheet.format_at` gives the one in force at a cell, as the masks set it); mergeCells takes one
of Google's merge types, never across the edge of the frozen rows or columns nor partly over another merge, and
keeps only the top left cell's value of each range it merges (listed in the sheet's "merges" of a get); a
cell's text holds at most 50,000 characters (`MAX_CELL_CHARACTERS`: a longer one is a 400 for the whole request).
Faults: `fail_next` (an error status), `drop_next` (the connection closes without an answer,
after an optional hang), `lose_answer_next` (Google does what was asked, a spreadsheet is made, then the
connection closes without the answer, as a timeout or a reset after the request reached Google),
`revoke_key` (the token endpoint answers invalid_grant, as for a deleted key).

Values are shown as Google shows them: FORMATTED_VALUE by each cell's number format (a repeatCell's, else
the one typing a date or a grouped number gave it; a date typed into a cell set to a number's format makes it a
date cell) in the spreadsheet's locale (79.300,00 in sr_RS), dates as serial numbers when UNFORMATTED (as text
with dateTimeRenderOption FORMATTED_STRING).

Deliberate simplifications: formulas are computed only when they are arithmetic on numbers (=4/2 is 2, as
recorded); any other is returned as its text; percentages are not parsed; formats other than number formats
are recorded, not rendered; everyone can see every file.

Tests use the `fake_google` fixture (import it from this module) or the
`FakeGoogle()` context manager, inspect `.requests` to count API calls, inject
quota and server errors with `.fail_next(...)`, and read or seed state directly
through `.spreadsheets[id]` and `.files[id]`.
"""

from __future__ import annotations

import ast
import base64
import contextlib
import copy
import json
import operator
import random
import re
import secrets
import socket
import string
import threading
import time
import traceback
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, NamedTuple
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from openpyxl.utils import column_index_from_string, get_column_letter

from apmon.templates.google_api import GoogleEndpoints

CellValue = str | int | float | bool


class Formula(str):
    """A cell's formula, typed (USER_ENTERED) into a cell that is not plain text; its text is what FORMULA renders."""

    __slots__ = ()


Json = dict[str, Any]

SPREADSHEET_MIME = "application/vnd.google-apps.spreadsheet"
FOLDER_MIME = "application/vnd.google-apps.folder"
# Files created without parents land in the account's "My Drive"; queries may call it 'root'.
ROOT_FOLDER_ID = "0AFakeRootFolderUk9PVA"
SERVICE_ACCOUNT_EMAIL = "apmon-sync@apmon-test.iam.gserviceaccount.com"
GOOGLE_TOKEN_AUDIENCE = "https://oauth2.googleapis.com/token"

MISSING_CREDENTIAL = (
    "Request is missing required authentication credential. Expected OAuth 2 access token, login cookie "
    "or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project."
)
INVALID_CREDENTIAL = (
    "Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie "
    "or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project."
)

# The batchUpdate request kinds modelled: what templates/gsheet.py and sync/writers.py send, and what the
# recorded gspread traffic (tests/test_fake_google_vs_cassettes.py) holds. Any other kind is refused.
BATCH_UPDATE_KINDS = (
    "addSheet", "deleteSheet", "updateSheetProperties", "updateSpreadsheetProperties", "updateCells",
    "setDataValidation", "addProtectedRange", "addNamedRange", "repeatCell", "updateDimensionProperties",
    "setBasicFilter", "addChart", "mergeCells",
)  # fmt: skip

# The enums of a CellFormat that apmon sets, as Google's API defines them (CellFormat.WrapStrategy, ...): a value
# outside them is a 400 for the whole batch.
CELL_FORMAT_ENUMS = {
    "wrapStrategy": ("WrapStrategy", ("WRAP_STRATEGY_UNSPECIFIED", "OVERFLOW_CELL", "LEGACY_WRAP", "CLIP", "WRAP")),
    "verticalAlignment": ("VerticalAlign", ("VERTICAL_ALIGN_UNSPECIFIED", "TOP", "MIDDLE", "BOTTOM")),
    "horizontalAlignment": ("HorizontalAlign", ("HORIZONTAL_ALIGN_UNSPECIFIED", "LEFT", "CENTER", "RIGHT")),
}
MERGE_TYPES = ("MERGE_ALL", "MERGE_COLUMNS", "MERGE_ROWS")

# Google's spreadsheet-level defaults, copied from the recorded responses so metadata has the same keys.
DEFAULT_FORMAT: Json = {
    "backgroundColor": {"red": 1, "green": 1, "blue": 1},
    "padding": {"top": 2, "right": 3, "bottom": 2, "left": 3},
    "verticalAlignment": "BOTTOM",
    "wrapStrategy": "OVERFLOW_CELL",
    "textFormat": {
        "foregroundColor": {},
        "fontFamily": "arial,sans,sans-serif",
        "fontSize": 10,
        "bold": False,
        "italic": False,
        "strikethrough": False,
        "underline": False,
        "foregroundColorStyle": {"rgbColor": {}},
    },
    "backgroundColorStyle": {"rgbColor": {"red": 1, "green": 1, "blue": 1}},
}
SPREADSHEET_THEME: Json = {
    "primaryFontFamily": "Arial",
    "themeColors": [
        {"colorType": "TEXT", "color": {"rgbColor": {}}},
        {"colorType": "BACKGROUND", "color": {"rgbColor": {"red": 1, "green": 1, "blue": 1}}},
        {"colorType": "ACCENT1", "color": {"rgbColor": {"red": 0.25882354, "green": 0.52156866, "blue": 0.95686275}}},
        {"colorType": "ACCENT2", "color": {"rgbColor": {"red": 0.91764706, "green": 0.2627451, "blue": 0.20784314}}},
        {"colorType": "ACCENT3", "color": {"rgbColor": {"red": 0.9843137, "green": 0.7372549, "blue": 0.015686275}}},
        {"colorType": "ACCENT4", "color": {"rgbColor": {"red": 0.20392157, "green": 0.65882355, "blue": 0.3254902}}},
        {"colorType": "ACCENT5", "color": {"rgbColor": {"red": 1, "green": 0.42745098, "blue": 0.003921569}}},
        {"colorType": "ACCENT6", "color": {"rgbColor": {"red": 0.27450982, "green": 0.7411765, "blue": 0.7764706}}},
        {"colorType": "LINK", "color": {"rgbColor": {"red": 0.06666667, "green": 0.33333334, "blue": 0.8}}},
    ],
}

_STATUS_NAMES = {
    400: "INVALID_ARGUMENT",
    401: "UNAUTHENTICATED",
    403: "PERMISSION_DENIED",
    404: "NOT_FOUND",
    409: "ALREADY_EXISTS",
    429: "RESOURCE_EXHAUSTED",
    500: "INTERNAL",
    501: "UNIMPLEMENTED",
    503: "UNAVAILABLE",
}


class ApiError(Exception):
    """An error answer in Google's JSON shape: {"error": {"code", "message", "status", "errors"?}}."""

    def __init__(
        self,
        code: int,
        message: str,
        *,
        status: str | None = None,
        errors: list[Json] | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.status = status or _STATUS_NAMES.get(code, HTTPStatus(code).phrase.upper().replace(" ", "_"))
        self.errors = errors
        self.headers = dict(headers or {})

    def body(self) -> Json:
        error: Json = {"code": self.code, "message": self.message, "status": self.status}
        if self.errors is not None:
            error["errors"] = self.errors
        return {"error": error}


def _bad(message: str) -> ApiError:
    return ApiError(400, message)


def _drive_error(code: int, message: str, reason: str, location: str | None = None) -> ApiError:
    """Drive v3 errors also carry the legacy `errors` list (domain/reason/location)."""
    item: Json = {"message": message, "domain": "global", "reason": reason}
    if location:
        item.update(location=location, locationType="parameter")
    return ApiError(code, message, errors=[item])


def _drive_not_found(file_id: str) -> ApiError:
    return _drive_error(404, f"File not found: {file_id}.", "notFound", "fileId")


# --------------------------------------------------------------------------- A1 notation

_PLAIN_TITLE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_CELL_LIKE = re.compile(r"[A-Za-z]{1,3}\d+|[Rr]\d*[Cc]\d*")
_REF = re.compile(
    r"\$?(?P<c0>[A-Za-z]{1,3})?\$?(?P<r0>[0-9]+)?(?::\$?(?P<c1>[A-Za-z]{1,3})?\$?(?P<r1>[0-9]+)?)?",
)


def col_letters(index: int) -> str:
    """0-based column index -> letters (0 -> A, 26 -> AA)."""
    return get_column_letter(index + 1)


def col_index(letters: str) -> int:
    """Letters -> 0-based column index."""
    return column_index_from_string(letters.upper()) - 1


def quote_title(title: str) -> str:
    """The sheet title as Google writes it in A1 ranges: bare when it is a plain identifier
    that cannot be read as a cell, else in single quotes with '' for '. Recorded: Sheet1,
    'D3', '🌵 name'; Cyrillic titles come back quoted ('Лист2'!A1)."""
    if _PLAIN_TITLE.fullmatch(title) and not _CELL_LIKE.fullmatch(title):
        return title
    return "'" + title.replace("'", "''") + "'"


def a1_label(r0: int, c0: int, r1: int, c1: int) -> str:
    """Half-open 0-based bounds -> 'A1:B2' (or 'A1' for one cell)."""
    start = f"{col_letters(c0)}{r0 + 1}"
    if r1 - r0 == 1 and c1 - c0 == 1:
        return start
    return f"{start}:{col_letters(c1 - 1)}{r1}"


def _rfc3339(moment: datetime) -> str:
    moment = moment.astimezone(UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def _parse_time(text: str) -> datetime:
    moment = datetime.fromisoformat(text)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


# --------------------------------------------------------------------------- state


@dataclass
class FakeSheet:
    """One worksheet. `cells` is sparse: (row, column) 0-based -> value; empty cells are absent."""

    properties: Json
    cells: dict[tuple[int, int], CellValue] = field(default_factory=dict)
    # setDataValidation requests in order, each {"range": GridRange, "rule": BooleanRule}.
    data_validations: list[Json] = field(default_factory=list)
    protected_ranges: list[Json] = field(default_factory=list)
    # Formatting requests as received, in order: {"repeatCell": {...}}, {"updateDimensionProperties": {...}}
    formats: list[Json] = field(default_factory=list)
    basic_filter: Json | None = None
    # Embedded charts anchored on this sheet, as Google lists them: {"chartId", "spec", "position"}.
    charts: list[Json] = field(default_factory=list)
    # Merged ranges (GridRange), as Google lists them in the sheet's "merges".
    merges: list[Json] = field(default_factory=list)
    # The number format Google gives a cell when what is typed into it (USER_ENTERED) reads as a date or as a
    # grouped number: {"type": "DATE", "pattern": "d.m.yyyy"}. A format set by repeatCell takes precedence, except
    # over a date typed after it into a number's format (`typed_dates`).
    typed_formats: dict[tuple[int, int], Json] = field(default_factory=dict)
    # Cells where a date was typed over a number format set before (#,##0.00): Google makes them date cells, in the
    # date's format, as the number format had been Automatic. Each with how many `formats` there were then.
    typed_dates: dict[tuple[int, int], int] = field(default_factory=dict)

    def number_format(self, row: int, col: int) -> Json | None:
        """The number format in force at a cell: the last repeatCell that set one over it, else the typed one; a date
        typed later over a number's format is a date cell."""
        for index, (grid, number_format) in reversed(list(enumerate(self.set_number_formats()))):
            if _grid_contains(grid, row, col):
                if self.typed_dates.get((row, col), -1) > index:
                    return self.typed_formats[(row, col)]
                return number_format
        return self.typed_formats.get((row, col))

    def set_number_formats(self) -> list[tuple[Json, Json]]:
        """(range, numberFormat) of each repeatCell that set a number format, in order."""
        found = []
        for entry in self.formats:
            repeat = entry.get("repeatCell") or {}
            number_format = ((repeat.get("cell") or {}).get("userEnteredFormat") or {}).get("numberFormat")
            if number_format and "numberFormat" in str(repeat.get("fields", "")):
                found.append((dict(repeat.get("range") or {}), dict(number_format)))
        return found

    @property
    def title(self) -> str:
        return str(self.properties["title"])

    @property
    def sheet_id(self) -> int:
        return int(self.properties["sheetId"])

    @property
    def row_count(self) -> int:
        return int(self.properties["gridProperties"]["rowCount"])

    @property
    def column_count(self) -> int:
        return int(self.properties["gridProperties"]["columnCount"])

    @property
    def values(self) -> list[list[CellValue]]:
        """Stored values as rows from A1, "" for empty cells, trailing empties trimmed."""
        return _collect(self.cells, 0, 0, self.row_count, self.column_count, lambda v: v, columns=False)

    def value(self, a1: str) -> CellValue | None:
        """The stored value of one cell ('B3'), None when empty."""
        match = re.fullmatch(r"([A-Za-z]{1,3})([0-9]+)", a1)
        if not match:
            raise ValueError(f"not a cell reference: {a1!r}")
        return self.cells.get((int(match[2]) - 1, col_index(match[1])))

    def validation_at(self, a1: str) -> Json | None:
        """The data-validation rule in force at one cell (last matching setDataValidation)."""
        match = re.fullmatch(r"([A-Za-z]{1,3})([0-9]+)", a1)
        if not match:
            raise ValueError(f"not a cell reference: {a1!r}")
        row, col = int(match[2]) - 1, col_index(match[1])
        for entry in reversed(self.data_validations):
            if _grid_contains(entry["range"], row, col):
                rule = entry.get("rule")
                return rule if isinstance(rule, dict) else None
        return None

    def format_at(self, a1: str, name: str) -> Any:
        """The userEnteredFormat field `name` (wrapStrategy, verticalAlignment...) in force at one cell: set by the last
        repeatCell over it whose field mask names it (a mask that names it clears it when the cell leaves it out);
        None when none did (Google's default)."""
        match = re.fullmatch(r"([A-Za-z]{1,3})([0-9]+)", a1)
        if not match:
            raise ValueError(f"not a cell reference: {a1!r}")
        row, col = int(match[2]) - 1, col_index(match[1])
        for entry in reversed(self.formats):
            repeat = entry.get("repeatCell") or {}
            if _mask_names(str(repeat.get("fields", "")), name) and _grid_contains(repeat.get("range") or {}, row, col):
                return ((repeat.get("cell") or {}).get("userEnteredFormat") or {}).get(name)
        return None

    def merge_at(self, a1: str) -> Json | None:
        """The merged range that holds one cell, or None."""
        match = re.fullmatch(r"([A-Za-z]{1,3})([0-9]+)", a1)
        if not match:
            raise ValueError(f"not a cell reference: {a1!r}")
        row, col = int(match[2]) - 1, col_index(match[1])
        return next((m for m in self.merges if _grid_contains(m, row, col)), None)

    def note_at(self, a1: str) -> str | None:
        """The note on one cell: the last repeatCell that set one over it."""
        match = re.fullmatch(r"([A-Za-z]{1,3})([0-9]+)", a1)
        if not match:
            raise ValueError(f"not a cell reference: {a1!r}")
        row, col = int(match[2]) - 1, col_index(match[1])
        for entry in reversed(self.formats):
            repeat = entry.get("repeatCell") or {}
            if "note" in str(repeat.get("fields", "")) and _grid_contains(repeat.get("range") or {}, row, col):
                return str((repeat.get("cell") or {}).get("note", ""))
        return None

    def to_json(self) -> Json:
        out: Json = {"properties": copy.deepcopy(self.properties)}
        if self.protected_ranges:
            out["protectedRanges"] = copy.deepcopy(self.protected_ranges)
        if self.basic_filter is not None:
            out["basicFilter"] = copy.deepcopy(self.basic_filter)
        if self.charts:
            out["charts"] = copy.deepcopy(self.charts)
        if self.merges:
            out["merges"] = copy.deepcopy(self.merges)
        return out


@dataclass
class FakeSpreadsheet:
    spreadsheet_id: str
    properties: Json
    sheets: list[FakeSheet] = field(default_factory=list)
    named_ranges: list[Json] = field(default_factory=list)

    @property
    def title(self) -> str:
        return str(self.properties["title"])

    def sheet(self, title: str) -> FakeSheet:
        for sheet in self.sheets:
            if sheet.title == title:
                return sheet
        raise KeyError(f"no sheet titled {title!r} in {self.title!r}; have {[s.title for s in self.sheets]}")

    def sheet_by_id(self, sheet_id: int) -> FakeSheet | None:
        return next((s for s in self.sheets if s.sheet_id == sheet_id), None)

    def to_json(self) -> Json:
        out: Json = {
            "spreadsheetId": self.spreadsheet_id,
            "properties": copy.deepcopy(self.properties),
            "sheets": [s.to_json() for s in sorted(self.sheets, key=lambda s: s.properties["index"])],
        }
        if self.named_ranges:
            out["namedRanges"] = copy.deepcopy(self.named_ranges)
        out["spreadsheetUrl"] = f"https://docs.google.com/spreadsheets/d/{self.spreadsheet_id}/edit"
        return out


class Recorded(NamedTuple):
    """One request as received: decoded path, query as parse_qs gives it (name -> list of values),
    and the JSON body (or the form fields of a token request; None without a body)."""

    method: str
    path: str
    query: dict[str, list[str]]
    body: Any


@dataclass
class _Token:
    email: str
    scopes: frozenset[str]
    expires_at: datetime


@dataclass
class _Drop:
    pattern: re.Pattern[str]
    remaining: int
    hang: float
    method: str | None = None
    done: bool = False  # the request is carried out first, then its answer is lost


@dataclass
class _Failure:
    pattern: re.Pattern[str]
    status: int
    remaining: int
    retry_after: float | None
    method: str | None
    message: str | None
    reason: str = "userRateLimitExceeded"  # of a 403: Drive's per-user limit, or its plain rateLimitExceeded
    answered: int = 0  # matching requests still answered as usual before the failures begin


@dataclass(frozen=True)
class _Span:
    """A resolved range: half-open 0-based bounds on one sheet. `anchor` is True for a single
    cell written as such ('A1'): a write may spill right and down from it, as on Google."""

    sheet: FakeSheet
    r0: int
    c0: int
    r1: int
    c1: int
    anchor: bool = False

    @property
    def label(self) -> str:
        return f"{quote_title(self.sheet.title)}!{a1_label(self.r0, self.c0, self.r1, self.c1)}"


def _collect(
    cells: Mapping[tuple[int, int], CellValue],
    r0: int,
    c0: int,
    r1: int,
    c1: int,
    render: Callable[[CellValue], Any],
    *,
    columns: bool,
) -> list[list[Any]]:
    """Rendered values inside the bounds, trailing empty cells and lines dropped like Google."""
    lines: dict[int, dict[int, Any]] = {}
    for (row, col), value in cells.items():
        if r0 <= row < r1 and c0 <= col < c1:
            major, minor = (col - c0, row - r0) if columns else (row - r0, col - c0)
            lines.setdefault(major, {})[minor] = render(value)
    if not lines:
        return []
    out: list[list[Any]] = []
    for major in range(max(lines) + 1):
        line = lines.get(major, {})
        out.append([line.get(minor, "") for minor in range(max(line) + 1)] if line else [])
    return out


def _mask_names(fields: str, name: str) -> bool:
    """Whether a repeatCell's field mask names the userEnteredFormat field `name`: "userEnteredFormat.wrapStrategy",
    "userEnteredFormat(textFormat,wrapStrategy)", the whole "userEnteredFormat", or "*"."""
    mask = fields.replace(" ", "")
    if re.search(r"(^|,)(\*|userEnteredFormat)(,|$)", mask):
        return True
    return re.search(rf"userEnteredFormat(\.{name}\b|\([^)]*\b{name}\b)", mask) is not None


def _snake(name: str) -> str:
    """A field's name as Google's error messages write it: wrapStrategy -> wrap_strategy."""
    return re.sub(r"(?<!^)([A-Z])", r"_\1", name).lower()


def _grid_contains(grid: Mapping[str, Any], row: int, col: int) -> bool:
    return int(grid.get("startRowIndex", 0)) <= row < int(grid.get("endRowIndex", 1 << 30)) and int(
        grid.get("startColumnIndex", 0)
    ) <= col < int(grid.get("endColumnIndex", 1 << 30))


# --------------------------------------------------------------------------- cell values


def _number_out(value: int | float) -> int | float:
    # Google's JSON writes integral doubles without a fraction (1, not 1.0).
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return int(value)
    return value


def _formatted(value: CellValue) -> str:
    """FORMATTED_VALUE under the default (automatic) number format."""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return f"{value:.15g}"
    return value


def _unformatted(value: CellValue) -> CellValue:
    if isinstance(value, bool | str):
        return value
    return _number_out(value)


def _localised(number: str, locale: str) -> str:
    """A number written with ',' grouping and '.' decimals, in the locale's separators."""
    group, decimal, _ = _separators(locale)
    return number.replace(",", "\0").replace(".", decimal).replace("\0", group)


def _date_text(serial: float, pattern: str) -> str:
    """A date serial number shown by a date pattern (d, dd, m, mm, yy, yyyy; anything else as written)."""
    day = _DAY_ZERO + timedelta(days=int(serial))
    parts = {"yyyy": f"{day.year}", "yy": f"{day.year % 100:02d}", "dd": f"{day.day:02d}", "d": str(day.day)}
    parts |= {"mm": f"{day.month:02d}", "m": str(day.month)}
    return "".join(parts.get(token, token) for token in re.findall(r"yyyy|yy|dd|d|mm|m|.", pattern))


def _shown(value: int | float, number_format: Json | None, locale: str) -> str:
    """FORMATTED_VALUE of a number: by its number format (dates, grouping and decimals, percentages) in the
    spreadsheet's locale; under the automatic format as Google writes a number, with the locale's decimal mark."""
    kind = str((number_format or {}).get("type", ""))
    pattern = str((number_format or {}).get("pattern", ""))
    if kind in ("DATE", "DATE_TIME") and pattern:
        return _date_text(value, pattern)
    if kind in ("NUMBER", "CURRENCY", "PERCENT") and pattern:
        number = value * 100 if kind == "PERCENT" else value
        decimals = len(re.sub(r"[^0#]", "", pattern.split(".", 1)[1])) if "." in pattern else 0
        grouped = "," in pattern.split(".", 1)[0]
        text = f"{abs(number):{',' if grouped else ''}.{decimals}f}"
        return (
            ("-" if number < 0 and float(text.replace(",", "")) else "")
            + _localised(text, locale)
            + ("%" if kind == "PERCENT" else "")
        )
    return _localised(_formatted(value), locale)


_ARITHMETIC = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.Div: operator.truediv}


def _computed(formula: Formula, locale: str) -> CellValue:
    """What Google computes for an arithmetic formula on numbers (=4/2 -> 2; the locale's decimal mark); any other
    formula stays its text, as the fake computes nothing else."""
    _, decimal, _ = _separators(locale)
    body = formula[1:]
    if not re.fullmatch(r"[0-9\s+\-*/()" + re.escape(decimal) + "]+", body):
        return str(formula)

    def value(node: ast.expr) -> float:
        if isinstance(node, ast.Constant) and isinstance(node.value, int | float):
            return node.value
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub | ast.UAdd):
            return -value(node.operand) if isinstance(node.op, ast.USub) else value(node.operand)
        if isinstance(node, ast.BinOp) and type(node.op) in _ARITHMETIC:
            return float(_ARITHMETIC[type(node.op)](value(node.left), value(node.right)))
        raise ValueError(ast.dump(node))

    try:
        result = value(ast.parse(body.replace(decimal, "."), mode="eval").body)
    except ZeroDivisionError:
        return "#DIV/0!"
    except (SyntaxError, ValueError):
        return str(formula)
    return _number_out(result)


_RENDERERS: dict[str, Callable[[CellValue], Any]] = {
    "FORMATTED_VALUE": _formatted,
    "UNFORMATTED_VALUE": _unformatted,
    "FORMULA": _unformatted,  # formulas are stored as their text, so FORMULA equals UNFORMATTED here
}
_FLOAT = re.compile(r"[+-]?(?:[0-9]+\.[0-9]*|\.[0-9]+|[0-9]+)(?:[eE][+-]?[0-9]+)?")


_DAY_ZERO = datetime(1899, 12, 30)  # serial number 0 of Sheets dates


def _separators(locale: str) -> tuple[str, str, str]:
    """(grouping, decimal, date order) of the locales apmon meets: Serbian 1.234,5 d.m.yyyy; en_US (the
    service account's default) 1,234.5 m/d/yyyy."""
    if locale.split("_")[0] == "sr":
        return ".", ",", "dmy"
    return ",", ".", "mdy"


def _user_entered(value: CellValue, locale: str = "en_US") -> CellValue:
    """What typing `value` into a cell of a spreadsheet in `locale` stores (no percentages)."""
    return _typed(value, locale)[0]


def _is_text_format(number_format: Json | None) -> bool:
    return str((number_format or {}).get("type")) == "TEXT"


def _is_date_format(number_format: Json | None) -> bool:
    return str((number_format or {}).get("type")) in ("DATE", "TIME", "DATE_TIME")


def _is_number_format(number_format: Json | None) -> bool:
    """A format set for numbers (#,##0.00, a currency's, a percentage's): not Automatic, text or a date's."""
    return str((number_format or {}).get("type")) in ("NUMBER", "CURRENCY", "PERCENT", "SCIENTIFIC")


def _typed(
    value: CellValue, locale: str = "en_US", year: int | None = None, plain_text: bool = False
) -> tuple[CellValue, Json | None]:
    """What typing `value` stores, and the number format Google gives the cell for it: a date's (in the form it
    was typed: the locale's d.m.yyyy or m/d/yyyy, or ISO yyyy-mm-dd in any locale), a grouped number's. A date
    typed without its year is in `year` (this year). In a cell formatted as plain text (`plain_text`) what is
    typed is kept as typed: no number, date or formula."""
    if not isinstance(value, str) or plain_text:
        return value, None
    if value.startswith("'"):
        return value[1:], None  # a leading apostrophe forces text and is not part of the value
    if value.startswith("="):
        return Formula(value), None
    text = value.strip()
    group, decimal, order = _separators(locale)
    g, d = re.escape(group), re.escape(decimal)
    number = re.fullmatch(rf"([+-]?)(\d{{1,3}}(?:{g}\d{{3}})+|\d+)(?:{d}(\d+))?", text)
    if number:
        whole = number[2].replace(group, "")
        shown = None
        if group in number[2]:
            shown = {"type": "NUMBER", "pattern": "#,##0" + ("." + "0" * len(number[3]) if number[3] else "")}
        if number[3] is None:
            return int(number[1] + whole), shown
        return float(f"{number[1]}{whole}.{number[3]}"), shown
    if _FLOAT.fullmatch(text) and decimal == ".":
        return float(text), None
    separator = r"\." if order == "dmy" else "/"
    # 1.10 is the 1st of October this year in sr_RS, 2.1.2 the 2nd of January 2002 (as a spreadsheet reads them)
    date = re.fullmatch(rf"(\d{{1,2}}){separator}(\d{{1,2}})(?:{separator}(\d{{4}}|\d{{1,2}}))?\.?", text)
    iso = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text)
    if date or iso:
        if iso:
            year, month, day, pattern = int(iso[1]), int(iso[2]), int(iso[3]), "yyyy-mm-dd"
        else:
            assert date is not None
            first, second, written = int(date[1]), int(date[2]), date[3]
            day, month = (first, second) if order == "dmy" else (second, first)
            pattern = "d.m.yyyy" if order == "dmy" else "m/d/yyyy"
            if written is None:
                year = year or datetime.now(UTC).year
            else:
                year = int(written) + (0 if len(written) == 4 else 2000 if int(written) < 30 else 1900)
        try:
            return (datetime(year, month, day) - _DAY_ZERO).days, {"type": "DATE", "pattern": pattern}
        except ValueError:
            return value, None
    if text.upper() in ("TRUE", "FALSE"):
        return text.upper() == "TRUE", None
    return value, None


# --------------------------------------------------------------------------- Drive fields and queries


def _parse_fields(spec: str) -> Json:
    """Drive's partial-response syntax -> tree: 'kind,files(id,name)' -> {kind: None, files: {id:None, name:None}}."""

    def parse(pos: int) -> tuple[Json, int]:
        tree: Json = {}
        name = ""

        def flush() -> None:
            if parts := [p for p in name.strip().split("/") if p]:
                _select(tree, parts, None)

        while pos < len(spec):
            ch = spec[pos]
            if ch == ",":
                flush()
                name = ""
                pos += 1
            elif ch == "(":
                sub, pos = parse(pos + 1)
                _select(tree, [p for p in name.strip().split("/") if p], sub)  # "sheets/properties(title)"
                name = ""
                pos += 1  # past ')'
            elif ch == ")":
                flush()
                return tree, pos
            else:
                name += ch
                pos += 1
        flush()
        return tree, pos

    return parse(0)[0]


def _select(tree: Json, path: list[str], sub: Json | None) -> None:
    """Put in a mask's tree the field at `path` (["sheets", "properties"]): `sub`, its parts named, or None, the whole
    field. Joined with what the mask named of it elsewhere, as Google joins them: "sheets.properties.title,
    sheets(merges)" asks both; a field named whole anywhere is given whole."""
    node = tree
    for part in path[:-1]:
        if (child := node.setdefault(part, {})) is None:
            return  # the whole parent is already selected
        node = child
    last = path[-1]
    if sub is None or node.get(last, {}) is None:
        node[last] = None
        return
    for key, value in sub.items():
        _select(node.setdefault(last, {}), [key], value)


def _project(value: Any, tree: Json | None) -> Any:
    if tree is None or "*" in tree:
        return copy.deepcopy(value)
    if isinstance(value, list):
        return [_project(item, tree) for item in value]
    if isinstance(value, dict):
        return {key: _project(value[key], sub) for key, sub in tree.items() if key in value}
    return copy.deepcopy(value)


_QUOTED = r"""'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*\""""
_Q_IN_PARENTS = re.compile(rf"(?P<v>{_QUOTED})\s+in\s+parents")
_Q_PARENTS_IN = re.compile(rf"parents\s+in\s+(?P<v>{_QUOTED})")  # the form gspread sends
_Q_FIELD = re.compile(
    rf"(?P<f>mimeType|name|modifiedTime|createdTime)\s*(?P<op>!=|<=|>=|=|<|>|contains)\s*(?P<v>{_QUOTED})"
)
_Q_TRASHED = re.compile(r"trashed\s*(?P<op>!=|=)\s*(?P<v>true|false)")
_Q_PROPERTY = re.compile(
    rf"(?P<f>appProperties|properties)\s+has\s*\{{\s*key\s*=\s*(?P<k>{_QUOTED})\s+and\s+value\s*=\s*(?P<v>{_QUOTED})\s*\}}"
)


def _unquote_q(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text[1:-1])


def _split_and(q: str) -> list[str]:
    """Split a Drive query on ' and ' outside quoted strings and braces (`appProperties has { ... and ... }`)."""
    parts: list[str] = []
    buf = ""
    quote: str | None = None
    braces = 0
    i = 0
    while i < len(q):
        ch = q[i]
        if quote:
            buf += ch
            if ch == "\\" and i + 1 < len(q):
                buf += q[i + 1]
                i += 1
            elif ch == quote:
                quote = None
        elif ch in "'\"":
            quote = ch
            buf += ch
        elif ch in "{}":
            braces += 1 if ch == "{" else -1
            buf += ch
        elif braces:
            buf += ch
        else:
            match = re.match(r"\s+and\s+", q[i:], re.IGNORECASE)
            if match:
                parts.append(buf.strip())
                buf = ""
                i += match.end()
                continue
            buf += ch
        i += 1
    parts.append(buf.strip())
    return parts


_TIME_COMPARISONS: dict[str, Callable[[datetime, datetime], bool]] = {
    "=": lambda a, b: a == b,
    "!=": lambda a, b: a != b,
    "<": lambda a, b: a < b,
    "<=": lambda a, b: a <= b,
    ">": lambda a, b: a > b,
    ">=": lambda a, b: a >= b,
}


def _in_folder(folder: str) -> Callable[[Json], bool]:
    return lambda f: folder in f.get("parents", [])


def _time_test(name: str, compare: Callable[[datetime, datetime], bool], moment: datetime) -> Callable[[Json], bool]:
    return lambda f: compare(_parse_time(str(f[name])), moment)


def _text_test(name: str, op: str, wanted: str) -> Callable[[Json], bool]:
    if op == "=":
        return lambda f: f.get(name) == wanted
    if op == "!=":
        return lambda f: f.get(name) != wanted
    return lambda f: wanted.casefold() in str(f.get(name, "")).casefold()  # contains


def _property_test(kind: str, key: str, value: str) -> Callable[[Json], bool]:
    return lambda f: (f.get(kind) or {}).get(key) == value


def _trashed_test(flag: bool, equal: bool) -> Callable[[Json], bool]:
    return lambda f: (bool(f.get("trashed")) == flag) == equal


def _compile_query(q: str) -> Callable[[Json], bool]:
    """The subset of Drive's query language apmon and gspread use, joined by 'and'."""
    invalid = _drive_error(400, "Invalid Value", "invalid", "q")
    tests: list[Callable[[Json], bool]] = []
    for clause in _split_and(q):
        if m := _Q_IN_PARENTS.fullmatch(clause) or _Q_PARENTS_IN.fullmatch(clause):
            folder = _unquote_q(m["v"])
            tests.append(_in_folder(ROOT_FOLDER_ID if folder == "root" else folder))
        elif m := _Q_FIELD.fullmatch(clause):
            name, op, wanted = m["f"], m["op"], _unquote_q(m["v"])
            if name.endswith("Time"):
                if op not in _TIME_COMPARISONS:
                    raise invalid
                try:
                    moment = _parse_time(wanted)
                except ValueError:
                    raise invalid from None
                tests.append(_time_test(name, _TIME_COMPARISONS[op], moment))
            elif op in ("=", "!=") or (op == "contains" and name == "name"):
                tests.append(_text_test(name, op, wanted))
            else:
                raise invalid
        elif m := _Q_TRASHED.fullmatch(clause):
            tests.append(_trashed_test(m["v"] == "true", m["op"] == "="))
        elif m := _Q_PROPERTY.fullmatch(clause):
            tests.append(_property_test(m["f"], _unquote_q(m["k"]), _unquote_q(m["v"])))
        else:
            raise invalid
    return lambda f: all(test(f) for test in tests)


# --------------------------------------------------------------------------- the server


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    fake: FakeGoogle

    def __init__(self, fake: FakeGoogle) -> None:
        self.fake = fake
        self.connections: set[socket.socket] = set()
        self.connections_lock = threading.Lock()
        super().__init__(("127.0.0.1", 0), _Handler)

    def process_request(self, request: Any, client_address: Any) -> None:
        # Remember open connections: stopping the fake closes them, so no handler thread outlives it.
        with self.connections_lock:
            self.connections.add(request)
        super().process_request(request, client_address)

    def shutdown_request(self, request: Any) -> None:
        with self.connections_lock:
            self.connections.discard(request)
        super().shutdown_request(request)

    def close_connections(self) -> None:
        with self.connections_lock:
            open_now = list(self.connections)
            self.connections.clear()
        for conn in open_now:
            with contextlib.suppress(OSError):
                conn.shutdown(socket.SHUT_RDWR)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as requests expects; every answer has a Content-Length
    timeout = 10  # an idle keep-alive connection closes after this many seconds
    server: _Server

    def setup(self) -> None:
        super().setup()
        # Headers and body go out in two writes; without NODELAY, Nagle plus delayed ACK adds ~40 ms per call.
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def _dispatch(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        path = unquote(urlsplit(self.path).path)
        hang = self.server.fake._take_drop(self.command, path, done=False)
        if hang is not None:
            self._hang_up(hang)
            return
        headers = {name.lower(): value for name, value in self.headers.items()}
        status, extra, payload = self.server.fake._handle(self.command, self.path, headers, raw)
        hang = self.server.fake._take_drop(self.command, path, done=True)
        if hang is not None:  # done, but the answer never arrives
            self._hang_up(hang)
            return
        self.send_response(status)
        for name, value in extra.items():
            self.send_header(name, value)
        if status == 204:
            self.end_headers()
            return
        body = json.dumps(payload, ensure_ascii=False, indent=2).encode("utf-8")
        self.send_header("Content-Type", "application/json; charset=UTF-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _hang_up(self, hang: float) -> None:
        time.sleep(hang)
        self.close_connection = True
        with contextlib.suppress(OSError):
            self.connection.shutdown(socket.SHUT_RDWR)

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = _dispatch

    def log_message(self, format: str, *args: Any) -> None:
        pass  # keep pytest output clean; `FakeGoogle.requests` is the log


class FakeGoogle:
    """The fake Google APIs. Use as a context manager; all state is public and in memory.

    - `base_url`, `endpoints`: where it listens (give `endpoints` to `make_client`).
    - `requests`: every request received, as `Recorded(method, path, query, body)`;
      `request_headers` is the parallel list of their headers (lower-case names).
    - `spreadsheets[id]`: `FakeSpreadsheet`; `files[id]`: Drive metadata dict (name, mimeType,
      parents, createdTime, modifiedTime, trashed, permissions, ...).
    - `fail_next(path_regex, status, ...)`: the next matching requests fail with that status.
    - `read_only`: ids of spreadsheets shared with the service account as a viewer: reads work, writes 403.
    - `no_google_account`: addresses with no Google account: sharing with one without the invitation e-mail is
      refused as Google refuses it (400 `invalidSharingRequest`).
    - `server_errors`: tracebacks of bugs inside the fake (each also answered with a 500).
    """

    def __init__(
        self,
        *,
        seed: int | None = 0,
        clock: Callable[[], datetime] | None = None,
        quota_per_minute: int | None = None,
    ) -> None:
        self.quota_per_minute = quota_per_minute  # None: no quota (most tests send a handful of requests)
        self._quota_log: dict[tuple[str, str], list[float]] = {}
        self._drops: list[_Drop] = []
        self.key_revoked = False
        self.read_only: set[str] = set()  # spreadsheets shared with the service account as a viewer only
        self.no_google_account: set[str] = set()  # e-mail addresses that are no Google account
        self.quota_refusals = 0
        self._rng = random.Random(seed)
        self._clock = clock or (lambda: datetime.now(UTC))
        self._last_stamp: datetime | None = None
        self._lock = threading.RLock()
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None
        self.requests: list[Recorded] = []
        self.request_headers: list[dict[str, str]] = []
        self.spreadsheets: dict[str, FakeSpreadsheet] = {}
        self.files: dict[str, Json] = {}
        self.tokens: dict[str, _Token] = {}
        self.server_errors: list[str] = []
        self._failures: list[_Failure] = []

    # ----------------------------------------------------------------- lifecycle

    def start(self) -> FakeGoogle:
        if self._server is not None:
            return self
        self._server = _Server(self)
        # A short poll interval keeps stop() quick (serve_forever checks for shutdown this often).
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.02}, name="fake-google", daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is None:
            return
        self._server.shutdown()
        self._server.close_connections()
        self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
        self._server = None
        self._thread = None

    def __enter__(self) -> FakeGoogle:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def base_url(self) -> str:
        if self._server is None:
            raise RuntimeError("FakeGoogle is not running; use it as a context manager")
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    @property
    def token_uri(self) -> str:
        return self.base_url + "/token"

    @property
    def endpoints(self) -> GoogleEndpoints:
        return GoogleEndpoints(sheets=self.base_url, drive=self.base_url, token_uri=self.token_uri)

    # ----------------------------------------------------------------- test controls

    def fail_next(
        self,
        path_regex: str,
        status: int,
        count: int = 1,
        retry_after: float | None = None,
        *,
        method: str | None = None,
        message: str | None = None,
        reason: str = "userRateLimitExceeded",
        after: int = 0,
    ) -> None:
        """The next `count` requests whose decoded path matches `path_regex` (re.search; and
        `method`, when given) are answered with `status` in Google's error shape, with a
        Retry-After header when `retry_after` is given. 403 comes as Drive's rate-limit error of that `reason`
        (Drive's documented ones: userRateLimitExceeded, rateLimitExceeded).
        An injected failure is answered before the token check and is recorded in `requests`. With `after`, the
        first `after` matching requests are answered as usual before the failures begin: Google stops answering in
        the middle of a run."""
        if count < 1:
            raise ValueError("count must be at least 1")
        with self._lock:
            self._failures.append(
                _Failure(
                    re.compile(path_regex),
                    status,
                    count,
                    retry_after,
                    method.upper() if method else None,
                    message,
                    reason,
                    after,
                )
            )

    def drop_next(self, path_regex: str, count: int = 1, *, hang: float = 0.0, method: str | None = None) -> None:
        """The next `count` requests whose decoded path matches (and `method`, when given) close their connection
        without an answer, after `hang` seconds (longer than the client's timeout: a hanging request). Google never
        saw them: nothing is done."""
        with self._lock:
            self._drops.append(_Drop(re.compile(path_regex), count, hang, method.upper() if method else None))

    def lose_answer_next(
        self, path_regex: str, count: int = 1, *, hang: float = 0.0, method: str | None = None
    ) -> None:
        """The next `count` requests whose decoded path matches (and `method`, when given) are carried out as Google
        does them (a file is created, a batch applied), then the connection closes without the answer, after `hang`
        seconds: a timeout or a reset after the request reached Google. Recorded as the request, then "LOST"."""
        with self._lock:
            self._drops.append(_Drop(re.compile(path_regex), count, hang, method.upper() if method else None, True))

    def revoke_key(self) -> None:
        """The service account's key is deleted: the token endpoint answers invalid_grant from now on."""
        with self._lock:
            self.key_revoked = True
            self.tokens.clear()

    def _take_drop(self, method: str, path: str, *, done: bool) -> float | None:
        with self._lock:
            for drop in self._drops:
                if drop.remaining <= 0 or drop.done != done or drop.method not in (None, method):
                    continue
                if drop.pattern.search(path):
                    drop.remaining -= 1
                    self.requests.append(Recorded("LOST" if done else "DROP", path, {}, None))
                    return drop.hang
        return None

    def _over_quota(self, method: str, path: str, token: _Token) -> ApiError | None:
        """Sheets read / write requests of one user beyond the quota in the last 60 s of the fake's clock."""
        if self.quota_per_minute is None or not path.startswith("/v4/spreadsheets"):
            return None
        kind = "Read" if method == "GET" else "Write"
        now = self._clock().timestamp()
        sent = [t for t in self._quota_log.get((token.email, kind), []) if t > now - 60]
        if len(sent) >= self.quota_per_minute:
            self._quota_log[(token.email, kind)] = sent
            self.quota_refusals += 1
            return ApiError(
                429,
                f"Quota exceeded for quota metric '{kind} requests' and limit '{kind} requests per minute per user' "
                "of service 'sheets.googleapis.com' for consumer 'project_number:000000000000'.",
            )
        self._quota_log[(token.email, kind)] = [*sent, now]
        return None

    def clear_failures(self) -> None:
        """Forget the failures still queued by `fail_next`: Google answers again."""
        with self._lock:
            self._failures.clear()

    def pending_failures(self) -> int:
        with self._lock:
            return sum(f.remaining for f in self._failures)

    def calls(self, method: str | None = None, path_regex: str | None = None) -> list[Recorded]:
        """Recorded requests filtered by method and a re.search on the decoded path."""
        with self._lock:
            return [
                r
                for r in self.requests
                if (method is None or r.method == method.upper())
                and (path_regex is None or re.search(path_regex, r.path))
            ]

    def issue_token(self, scopes: Iterable[str] | None = None, email: str = SERVICE_ACCOUNT_EMAIL) -> str:
        """A valid access token without the JWT dance (for raw `requests` calls in tests)."""
        scope_set = frozenset(
            scopes or ("https://www.googleapis.com/auth/spreadsheets", "https://www.googleapis.com/auth/drive")
        )
        token = "ya29.fake-" + secrets.token_urlsafe(24)
        with self._lock:
            self.tokens[token] = _Token(email, scope_set, self._clock() + timedelta(seconds=3599))
        return token

    def expire_tokens(self) -> None:
        """Invalidate every issued token: the next API call gets 401 and google-auth must refresh."""
        with self._lock:
            self.tokens.clear()

    def add_folder(self, name: str, parents: Sequence[str] | None = None) -> str:
        with self._lock:
            return str(self._new_file(name, FOLDER_MIME, list(parents or [ROOT_FOLDER_ID]), self._new_id(33))["id"])

    def add_spreadsheet(
        self,
        title: str,
        sheets: Mapping[str, Sequence[Sequence[CellValue | None]]] | None = None,
        *,
        parents: Sequence[str] | None = None,
        modified_time: datetime | None = None,
        rows: int = 1000,
        cols: int = 26,
        app_properties: Mapping[str, str] | None = None,
    ) -> str:
        """Seed a spreadsheet (as if an institution had made it): sheet title -> rows of values
        stored as given (RAW), with Drive appProperties when given. Returns its id."""
        with self._lock:
            book = self._new_spreadsheet(title, list(parents or [ROOT_FOLDER_ID]), first_sheet=not sheets)
            for title_, rows_ in (sheets or {}).items():
                height = max(rows, len(rows_))
                width = max([cols, *(len(r) for r in rows_)])
                sheet = self._add_sheet(
                    book, {"title": title_, "gridProperties": {"rowCount": height, "columnCount": width}}
                )
                for r, row in enumerate(rows_):
                    for c, value in enumerate(row):
                        if value is not None and value != "":
                            sheet.cells[(r, c)] = value
            if modified_time is not None:
                self.files[book.spreadsheet_id]["modifiedTime"] = _rfc3339(modified_time)
            if app_properties:
                self.files[book.spreadsheet_id]["appProperties"] = dict(app_properties)
            return book.spreadsheet_id

    # ----------------------------------------------------------------- plumbing

    def _now(self) -> datetime:
        # Strictly increasing, so "modifiedTime > previous" always sees a later write.
        now = self._clock().astimezone(UTC)
        moment = now.replace(microsecond=now.microsecond // 1000 * 1000)  # Drive keeps milliseconds
        if self._last_stamp is not None and moment <= self._last_stamp:
            moment = self._last_stamp + timedelta(milliseconds=1)
        self._last_stamp = moment
        return moment

    def _new_id(self, length: int = 44) -> str:
        alphabet = string.ascii_letters + string.digits + "-_"
        return "1" + "".join(self._rng.choice(alphabet) for _ in range(length - 1))

    def _new_sheet_id(self, book: FakeSpreadsheet) -> int:
        while True:
            candidate = self._rng.randrange(1, 2**31 - 1)
            if book.sheet_by_id(candidate) is None:
                return candidate

    def _touch(self, file_id: str) -> None:
        if file_id in self.files:
            self.files[file_id]["modifiedTime"] = _rfc3339(self._now())

    def _handle(
        self, method: str, target: str, headers: Mapping[str, str], raw: bytes
    ) -> tuple[int, dict[str, str], Any]:
        parts = urlsplit(target)
        raw_path = parts.path
        path = unquote(raw_path)
        query = parse_qs(parts.query, keep_blank_values=True)
        body: Any = None
        bad_json: str | None = None
        if raw:
            text = raw.decode("utf-8", errors="replace")
            if "application/x-www-form-urlencoded" in headers.get("content-type", ""):
                body = {k: v[-1] for k, v in parse_qs(text, keep_blank_values=True).items()}
            else:
                try:
                    body = json.loads(text)
                except json.JSONDecodeError as exc:
                    bad_json = f"Invalid JSON payload received. {exc.msg} at line {exc.lineno}, column {exc.colno}."
        with self._lock:
            self.requests.append(Recorded(method, path, query, body))
            self.request_headers.append(dict(headers))
            try:
                failure = self._take_failure(method, path)
                if failure is not None:
                    return failure.code, failure.headers, failure.body()
                if raw_path == "/token":
                    return self._token(method, body)
                token = self._authenticate(headers)
                over = self._over_quota(method, path, token)
                if over is not None:
                    return over.code, over.headers, over.body()
                if bad_json is not None:
                    raise _bad(bad_json)
                status, payload = self._route(method, raw_path, query, body, token)
                return status, {}, payload
            except ApiError as exc:
                return exc.code, exc.headers, exc.body()
            except Exception:
                self.server_errors.append(traceback.format_exc())
                error = ApiError(500, "Internal error encountered.")
                return 500, {}, error.body()

    def _take_failure(self, method: str, path: str) -> ApiError | None:
        for failure in self._failures:
            if failure.remaining <= 0 or (failure.method and failure.method != method):
                continue
            if not failure.pattern.search(path):
                continue
            if failure.answered > 0:
                failure.answered -= 1
                return None
            failure.remaining -= 1
            headers: dict[str, str] = {}
            if failure.retry_after is not None:
                value = failure.retry_after
                headers["Retry-After"] = str(int(value)) if float(value).is_integer() else str(value)
            if failure.status == 429:
                message = failure.message or (
                    "Quota exceeded for quota metric 'Read requests' and limit 'Read requests per minute per user' "
                    "of service 'sheets.googleapis.com' for consumer 'project_number:000000000000'."
                )
                return ApiError(429, message, headers=headers)
            if failure.status == 403:
                per_user = failure.reason == "userRateLimitExceeded"
                message = failure.message or ("User rate limit exceeded." if per_user else "Rate Limit Exceeded")
                item = {"message": message, "domain": "usageLimits", "reason": failure.reason}
                return ApiError(403, message, errors=[item], headers=headers)
            defaults = {500: "Internal error encountered.", 503: "The service is currently unavailable."}
            message = failure.message or defaults.get(failure.status, HTTPStatus(failure.status).phrase)
            return ApiError(failure.status, message, headers=headers)
        return None

    # ----------------------------------------------------------------- OAuth 2.0

    def _token(self, method: str, body: Any) -> tuple[int, dict[str, str], Any]:
        def invalid(description: str) -> tuple[int, dict[str, str], Any]:
            return 400, {}, {"error": "invalid_grant", "error_description": description}

        if method != "POST" or not isinstance(body, dict):
            return invalid("The token endpoint takes a form-encoded POST.")
        if self.key_revoked:
            return invalid("Invalid JWT Signature.")
        if body.get("grant_type") != "urn:ietf:params:oauth:grant-type:jwt-bearer":
            return invalid(f"Unsupported grant_type {body.get('grant_type')!r}; expected the JWT bearer grant.")
        parts = str(body.get("assertion", "")).split(".")
        if len(parts) != 3 or not all(parts):
            return invalid("Invalid JWT: the assertion is not header.payload.signature.")
        try:
            header = json.loads(base64.urlsafe_b64decode(parts[0] + "=" * (-len(parts[0]) % 4)))
            claims = json.loads(base64.urlsafe_b64decode(parts[1] + "=" * (-len(parts[1]) % 4)))
        except (ValueError, UnicodeDecodeError):
            return invalid("Invalid JWT: header or payload is not base64url JSON.")
        if not isinstance(header, dict) or header.get("alg") != "RS256":
            return invalid("Invalid JWT: the header must name alg RS256.")
        missing = [key for key in ("iss", "scope", "aud", "exp") if not isinstance(claims, dict) or key not in claims]
        if missing:
            return invalid(f"Invalid JWT: the claim set lacks {', '.join(missing)}.")
        # google-auth always sets aud to Google's token URL, whatever token_uri it posts to; Google checks it.
        if claims["aud"] not in (GOOGLE_TOKEN_AUDIENCE, self.token_uri):
            return invalid(f"Invalid JWT: aud must be {GOOGLE_TOKEN_AUDIENCE}, got {claims['aud']!r}.")
        if float(claims["exp"]) < self._clock().timestamp():
            return invalid("Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe.")
        token = self.issue_token(str(claims["scope"]).split(), str(claims["iss"]))
        return 200, {}, {"access_token": token, "expires_in": 3599, "token_type": "Bearer"}

    def _authenticate(self, headers: Mapping[str, str]) -> _Token:
        auth = headers.get("authorization", "")
        if not auth.startswith("Bearer "):
            raise ApiError(
                401, MISSING_CREDENTIAL, headers={"WWW-Authenticate": 'Bearer realm="https://accounts.google.com/"'}
            )
        token = self.tokens.get(auth[len("Bearer ") :].strip())
        if token is None or token.expires_at <= self._clock():
            raise ApiError(
                401,
                INVALID_CREDENTIAL,
                headers={"WWW-Authenticate": 'Bearer realm="https://accounts.google.com/", error="invalid_token"'},
            )
        return token

    @staticmethod
    def _require_scope(token: _Token, api: str) -> None:
        wanted = ("auth/spreadsheets", "auth/drive") if api == "sheets" else ("auth/drive",)
        if not any(w in scope for scope in token.scopes for w in wanted):
            raise ApiError(403, "Request had insufficient authentication scopes.")

    # ----------------------------------------------------------------- routing

    def _route(
        self, method: str, raw_path: str, query: dict[str, list[str]], body: Any, token: _Token
    ) -> tuple[int, Any]:
        segments = raw_path.split("/")
        if segments[1:3] == ["v4", "spreadsheets"]:
            self._require_scope(token, "sheets")
            target = unquote(segments[3]).partition(":")[0] if len(segments) > 3 else ""
            if method != "GET" and target in self.read_only:  # what Google answers a viewer who writes
                raise ApiError(403, "The caller does not have permission")
            result = self._sheets_route(method, segments[3:], query, body, token)
        elif segments[1:4] == ["drive", "v3", "files"]:
            self._require_scope(token, "drive")
            result = self._drive_route(method, segments[4:], query, body, token)
        else:
            result = None
        if result is None:
            raise ApiError(404, f"fake_google has no route for {method} {unquote(raw_path)}")
        return result

    def _sheets_route(
        self, method: str, rest: list[str], query: dict[str, list[str]], body: Any, token: _Token
    ) -> tuple[int, Any] | None:
        if not rest or rest == [""]:
            return (200, self._sheets_create(body or {}, token)) if method == "POST" else None
        first = unquote(rest[0])
        spreadsheet_id, _, action = first.partition(":")
        book = self._book(spreadsheet_id)
        if len(rest) == 1:
            if method == "GET" and not action:
                if _one(query, "includeGridData", "false").lower() == "true":
                    raise ApiError(400, "fake_google does not model includeGridData=true (apmon never asks for it).")
                answer = book.to_json()
                if (fields := _one(query, "fields", None)) is not None:
                    # Only what the mask names, as Google answers: a field asked for by no one is not there to be
                    # read. Sheets writes a path with "." ("sheets.properties.title"), Drive with "/".
                    mask = _parse_fields(fields.replace(".", "/"))
                    if "data" in (mask.get("sheets") or {}):  # Google gives the cells then, whatever includeGridData
                        raise ApiError(400, "fake_google does not model a fields mask naming sheets.data (cells).")
                    answer = _project(answer, mask)
                return 200, answer
            if method == "POST" and action == "batchUpdate":
                return 200, self._batch_update(book, body or {})
            return None
        if len(rest) == 2:
            kind = rest[1]
            if method == "GET" and kind == "values:batchGet":
                return 200, self._values_batch_get(book, query)
            if method == "POST" and kind == "values:batchUpdate":
                return 200, self._values_batch_update(book, body or {})
            return None
        if rest[1] != "values":
            return None
        raw_range = "/".join(rest[2:])
        suffix = ""
        if raw_range.endswith(":clear"):
            raw_range, suffix = raw_range.removesuffix(":clear"), ":clear"
        range_text = unquote(raw_range)
        if method == "GET" and not suffix:
            return 200, self._values_get(book, range_text, query)
        if method == "PUT" and not suffix:
            return 200, self._values_update(book, range_text, query, body or {})
        if method == "POST" and suffix == ":clear":
            return 200, self._values_clear(book, range_text)
        return None

    def _book(self, spreadsheet_id: str) -> FakeSpreadsheet:
        book = self.spreadsheets.get(spreadsheet_id)
        if book is None:
            raise ApiError(404, "Requested entity was not found.")
        return book

    # ----------------------------------------------------------------- spreadsheets

    def _new_file(
        self, name: str, mime: str, parents: list[str], file_id: str, owner: str = SERVICE_ACCOUNT_EMAIL
    ) -> Json:
        for parent in parents:
            if parent != ROOT_FOLDER_ID and self.files.get(parent, {}).get("mimeType") != FOLDER_MIME:
                raise _drive_not_found(parent)
        stamp = _rfc3339(self._now())
        if mime == SPREADSHEET_MIME:
            link = f"https://docs.google.com/spreadsheets/d/{file_id}/edit?usp=drivesdk"
        elif mime == FOLDER_MIME:
            link = f"https://drive.google.com/drive/folders/{file_id}"
        else:
            link = f"https://drive.google.com/file/d/{file_id}/view?usp=drivesdk"
        resource: Json = {
            "kind": "drive#file",
            "id": file_id,
            "name": name,
            "mimeType": mime,
            "parents": list(parents),
            "createdTime": stamp,
            "modifiedTime": stamp,
            "trashed": False,
            "webViewLink": link,
            "permissions": [
                {
                    "kind": "drive#permission",
                    "id": self._permission_id(),
                    "type": "user",
                    "role": "owner",
                    "emailAddress": owner,
                }
            ],
        }
        self.files[file_id] = resource
        return resource

    def _permission_id(self) -> str:
        return "".join(self._rng.choice(string.digits) for _ in range(20))

    def _new_spreadsheet(
        self,
        title: str,
        parents: list[str],
        *,
        first_sheet: bool = True,
        properties: Json | None = None,
        owner: str = SERVICE_ACCOUNT_EMAIL,
    ) -> FakeSpreadsheet:
        spreadsheet_id = self._new_id()
        self._new_file(title, SPREADSHEET_MIME, parents, spreadsheet_id, owner)
        props: Json = {
            "title": title,
            "locale": "en_US",
            "autoRecalc": "ON_CHANGE",
            "timeZone": "Etc/GMT",
            "defaultFormat": copy.deepcopy(DEFAULT_FORMAT),
            "spreadsheetTheme": copy.deepcopy(SPREADSHEET_THEME),
        }
        for key, value in (properties or {}).items():
            if key in ("title", "locale", "autoRecalc", "timeZone"):
                props[key] = value
        book = FakeSpreadsheet(spreadsheet_id, props)
        if first_sheet:
            self._add_sheet(book, {"sheetId": 0, "title": "Sheet1"})
        self.spreadsheets[spreadsheet_id] = book
        return book

    def _add_sheet(self, book: FakeSpreadsheet, requested: Json, where: str = "addSheet") -> FakeSheet:
        props = copy.deepcopy(requested)
        title = props.get("title")
        if not title:
            n = len(book.sheets) + 1
            while any(s.title.casefold() == f"sheet{n}" for s in book.sheets):
                n += 1
            title = f"Sheet{n}"
        if any(s.title.casefold() == str(title).casefold() for s in book.sheets):
            raise _bad(f'Invalid {where}: A sheet with the name "{title}" already exists. Please enter another name.')
        sheet_id = props.get("sheetId")
        if sheet_id is None:
            # The first sheet of a new spreadsheet is sheetId 0, as on Google; later ones get random ids.
            sheet_id = 0 if not book.sheets else self._new_sheet_id(book)
        elif book.sheet_by_id(int(sheet_id)) is not None:
            raise _bad(f"Invalid {where}: A sheet with the id {sheet_id} already exists.")
        grid = dict(props.get("gridProperties") or {})
        grid.setdefault("rowCount", 1000)
        grid.setdefault("columnCount", 26)
        if int(grid["rowCount"]) < 1 or int(grid["columnCount"]) < 1:
            raise _bad(f"Invalid {where}: a sheet needs at least one row and one column.")
        index = min(max(int(props.get("index", len(book.sheets))), 0), len(book.sheets))
        ordered: Json = {
            "sheetId": int(sheet_id),
            "title": str(title),
            "index": index,
            "sheetType": props.get("sheetType", "GRID"),
            "gridProperties": {
                "rowCount": int(grid.pop("rowCount")),
                "columnCount": int(grid.pop("columnCount")),
                **grid,
            },
        }
        for key, value in props.items():
            if key not in ordered:
                ordered[key] = value
        _prune_defaults(ordered)
        sheet = FakeSheet(ordered)
        ordered_sheets = sorted(book.sheets, key=lambda s: s.properties["index"])
        ordered_sheets.insert(index, sheet)
        book.sheets = ordered_sheets
        _reindex(book)
        return sheet

    def _sheets_create(self, body: Json, token: _Token) -> Json:
        props = dict(body.get("properties") or {})
        title = props.get("title") or "Untitled spreadsheet"
        sheets = body.get("sheets") or []
        book = self._new_spreadsheet(
            title, [ROOT_FOLDER_ID], first_sheet=not sheets, properties=props, owner=token.email
        )
        for i, sheet in enumerate(sheets):
            requested = dict((sheet or {}).get("properties") or {})
            if i == 0:
                requested.setdefault("sheetId", 0)
            self._add_sheet(book, requested, f"sheets[{i}]")
        return book.to_json()

    # ----------------------------------------------------------------- values

    def _span(self, book: FakeSpreadsheet, text: str) -> _Span:
        """Resolve an A1 range (sheet-qualified or not, named range, open ends) to bounds."""
        unparsable = _bad(f"Unable to parse range: {text}")
        title, ref = _split_range(text)
        if title is None:
            assert ref is not None
            visible = [
                s for s in sorted(book.sheets, key=lambda s: s.properties["index"]) if not s.properties.get("hidden")
            ]
            bounds = _parse_ref(ref)
            if bounds is not None and visible:
                return self._bounded(visible[0], bounds, text)
            named = next((n for n in book.named_ranges if n.get("name") == ref), None)
            if named is not None:
                return self._grid_span(book, named.get("range", {}), "namedRange")
            sheet = next((s for s in book.sheets if s.title == ref), None)
            if sheet is None:
                raise unparsable
            return _Span(sheet, 0, 0, sheet.row_count, sheet.column_count)
        sheet = next((s for s in book.sheets if s.title == title), None)
        if sheet is None:
            raise unparsable
        if ref is None:
            return _Span(sheet, 0, 0, sheet.row_count, sheet.column_count)
        bounds = _parse_ref(ref)
        if bounds is None:
            raise unparsable
        return self._bounded(sheet, bounds, text)

    @staticmethod
    def _bounded(
        sheet: FakeSheet, bounds: tuple[int | None, int | None, int | None, int | None, bool], text: str
    ) -> _Span:
        r0, c0, r1, c1, anchor = bounds
        rows, cols = sheet.row_count, sheet.column_count
        span = _Span(sheet, r0 or 0, c0 or 0, rows if r1 is None else r1, cols if c1 is None else c1, anchor)
        if span.r0 >= rows or span.c0 >= cols or span.r1 > rows or span.c1 > cols:
            _exceeds(sheet, span.r0, span.c0, max(span.r1, span.r0 + 1), max(span.c1, span.c0 + 1))
        return span

    def _grid_span(self, book: FakeSpreadsheet, grid: Mapping[str, Any], where: str) -> _Span:
        sheet = self._sheet(book, grid.get("sheetId", 0), where)
        r0 = int(grid.get("startRowIndex", 0))
        c0 = int(grid.get("startColumnIndex", 0))
        r1 = int(grid.get("endRowIndex", sheet.row_count))
        c1 = int(grid.get("endColumnIndex", sheet.column_count))
        if r1 > sheet.row_count or c1 > sheet.column_count or r0 >= r1 or c0 >= c1:
            _exceeds(sheet, r0, c0, max(r1, r0 + 1), max(c1, c0 + 1))
        return _Span(sheet, r0, c0, r1, c1)

    @staticmethod
    def _sheet(book: FakeSpreadsheet, sheet_id: Any, where: str) -> FakeSheet:
        try:
            sheet = book.sheet_by_id(int(sheet_id))
        except (TypeError, ValueError):
            sheet = None
        if sheet is None:
            raise _bad(f"Invalid {where}: No grid with id: {sheet_id}")
        return sheet

    @staticmethod
    def _value_range(book: FakeSpreadsheet, span: _Span, query: Mapping[str, list[str]]) -> Json:
        """A ValueRange as Google renders it: FORMATTED_VALUE by each cell's number format in the spreadsheet's
        locale; UNFORMATTED_VALUE with dates as serial numbers, or as their formatted text when
        dateTimeRenderOption is FORMATTED_STRING."""
        render, major = _render_options(query)
        dates_as_text = _one(query, "dateTimeRenderOption", "SERIAL_NUMBER") == "FORMATTED_STRING"
        locale = str(book.properties.get("locale", "en_US"))
        sheet = span.sheet
        rendered: dict[tuple[int, int], Any] = {}
        for (row, col), value in sheet.cells.items():
            if not (span.r0 <= row < span.r1 and span.c0 <= col < span.c1):
                continue
            if isinstance(value, Formula) and render != "FORMULA":
                value = _computed(value, locale)
            if isinstance(value, bool | str) or render == "FORMULA":
                rendered[(row, col)] = _RENDERERS[render](value)
                continue
            number_format = sheet.number_format(row, col)
            is_date = str((number_format or {}).get("type")) in ("DATE", "DATE_TIME")
            if render == "FORMATTED_VALUE" or (is_date and dates_as_text):
                rendered[(row, col)] = _shown(value, number_format, locale)
            else:
                rendered[(row, col)] = _number_out(value)
        out: Json = {"range": span.label, "majorDimension": major}
        rows = _collect(rendered, span.r0, span.c0, span.r1, span.c1, lambda v: v, columns=major == "COLUMNS")
        if rows:
            out["values"] = rows
        return out

    def _values_get(self, book: FakeSpreadsheet, text: str, query: dict[str, list[str]]) -> Json:
        return self._value_range(book, self._span(book, text), query)

    def _values_batch_get(self, book: FakeSpreadsheet, query: dict[str, list[str]]) -> Json:
        _render_options(query)  # a bad option is refused even without ranges
        out: Json = {"spreadsheetId": book.spreadsheet_id}
        ranges = query.get("ranges", [])
        if ranges:
            out["valueRanges"] = [self._value_range(book, self._span(book, text), query) for text in ranges]
        return out

    def _write(self, book: FakeSpreadsheet, span: _Span, values: Any, option: str, major: Any) -> Json:
        """Write a 2-D list into the span; returns Google's UpdateValuesResponse."""
        if values is None:
            values = []
        if not isinstance(values, list) or not all(isinstance(row, list) for row in values):
            raise _bad(
                "Invalid value at 'data.values' (type.googleapis.com/google.protobuf.ListValue): not a list of lists"
            )
        if major == "COLUMNS":
            height = max((len(col) for col in values), default=0)
            values = [[col[r] if r < len(col) else None for col in values] for r in range(height)]
        elif major not in (None, "ROWS", "DIMENSION_UNSPECIFIED"):
            raise _bad(
                "Invalid value at 'data.major_dimension' "
                f'(type.googleapis.com/google.apps.sheets.v4.Dimension), "{major}"'
            )
        for r, row in enumerate(values):
            for c, value in enumerate(row):
                if value is not None and not isinstance(value, str | int | float | bool):
                    raise _bad(f"Invalid values[{r}][{c}]: {json.dumps(value, ensure_ascii=False)}")
                _check_cell_text(value)
        out: Json = {"spreadsheetId": book.spreadsheet_id}
        height = len(values)
        width = max((len(row) for row in values), default=0)
        if height == 0 or width == 0:
            out["updatedRange"] = span.label
            return out
        sheet = span.sheet
        if not span.anchor:
            within = f"[{span.label}]"
            if height > span.r1 - span.r0:
                raise _bad(f"Requested writing within range {within}, but tried writing to row [{span.r0 + height}]")
            if width > span.c1 - span.c0:
                column = col_letters(span.c0 + width - 1)
                raise _bad(f"Requested writing within range {within}, but tried writing to column [{column}]")
        if span.r0 + height > sheet.row_count or span.c0 + width > sheet.column_count:
            _exceeds(sheet, span.r0, span.c0, span.r0 + height, span.c0 + width)
        locale = str(book.properties.get("locale", "en_US"))
        this_year = self._clock().year
        cells = 0
        for r, row in enumerate(values):
            for c, value in enumerate(row):
                if value is None:
                    continue  # null means "leave this cell as it is"
                cells += 1
                key = (span.r0 + r, span.c0 + c)
                stored, typed_format = (value, None)
                if option == "USER_ENTERED":
                    plain_text = _is_text_format(sheet.number_format(*key))
                    stored, typed_format = _typed(value, locale, this_year, plain_text)
                if typed_format is not None:
                    sheet.typed_formats[key] = typed_format
                    if _is_date_format(typed_format) and _is_number_format(sheet.number_format(*key)):
                        sheet.typed_dates[key] = len(sheet.set_number_formats())
                if stored == "":
                    sheet.cells.pop(key, None)
                else:
                    sheet.cells[key] = stored
        written = _Span(sheet, span.r0, span.c0, span.r0 + height, span.c0 + width)
        out.update(updatedRange=written.label, updatedRows=height, updatedColumns=width, updatedCells=cells)
        return out

    def _values_update(self, book: FakeSpreadsheet, text: str, query: dict[str, list[str]], body: Json) -> Json:
        option = _input_option(_one(query, "valueInputOption", None))
        span = self._span(book, text)
        out = self._write(book, span, body.get("values"), option, body.get("majorDimension"))
        self._touch(book.spreadsheet_id)
        return out

    def _values_batch_update(self, book: FakeSpreadsheet, body: Json) -> Json:
        option = _input_option(body.get("valueInputOption"))
        data = body.get("data") or []
        snapshot = copy.deepcopy(book)
        responses: list[Json] = []
        try:
            for item in data:
                span = self._span(book, str(item.get("range", "")))
                responses.append(self._write(book, span, item.get("values"), option, item.get("majorDimension")))
        except ApiError:
            _restore(book, snapshot)  # all or nothing, like Google
            raise
        out: Json = {"spreadsheetId": book.spreadsheet_id}
        done = [r for r in responses if "updatedRows" in r]
        if done:
            rows: set[tuple[str, int]] = set()
            cols: set[tuple[str, int]] = set()
            sheets: set[str] = set()
            for response in done:
                span = self._span(book, response["updatedRange"])
                sheets.add(span.sheet.title)
                rows.update((span.sheet.title, r) for r in range(span.r0, span.r1))
                cols.update((span.sheet.title, c) for c in range(span.c0, span.c1))
            out.update(
                totalUpdatedRows=len(rows),
                totalUpdatedColumns=len(cols),
                totalUpdatedCells=sum(r["updatedCells"] for r in done),
                totalUpdatedSheets=len(sheets),
            )
        if responses:
            out["responses"] = responses
        self._touch(book.spreadsheet_id)
        return out

    def _values_clear(self, book: FakeSpreadsheet, text: str) -> Json:
        span = self._span(book, text)
        _clear(span)
        self._touch(book.spreadsheet_id)
        return {"spreadsheetId": book.spreadsheet_id, "clearedRange": span.label}

    # ----------------------------------------------------------------- spreadsheets.batchUpdate

    def _batch_update(self, book: FakeSpreadsheet, body: Json) -> Json:
        requests = body.get("requests")
        if not isinstance(requests, list):
            raise _bad("Invalid JSON payload received. 'requests' must be a list of Request objects.")
        work = copy.deepcopy(book)
        replies: list[Json] = []
        for i, request in enumerate(requests):
            if not isinstance(request, dict) or not request:
                raise _bad(f"Invalid requests[{i}]: No request set.")
            if len(request) > 1:
                raise _bad(
                    f"Invalid JSON payload received. Oneof field 'kind' is already set. "
                    f"Cannot set '{list(request)[1]}' at 'requests[{i}]'"
                )
            kind, args = next(iter(request.items()))
            handler = getattr(self, f"_batch_{kind}", None) if kind in BATCH_UPDATE_KINDS else None
            if handler is None:  # an unknown kind, or a real one apmon does not send (so the fake does not model it)
                raise _bad(
                    f"Invalid JSON payload received. Unknown name \"{kind}\" at 'requests[{i}]': Cannot find field."
                    f" (fake_google models only the request kinds apmon sends: {', '.join(BATCH_UPDATE_KINDS)})"
                )
            # gspread sends null for unset optional fields; Google reads null as absent.
            replies.append(handler(work, _drop_nulls(args) if isinstance(args, dict) else {}, f"requests[{i}].{kind}"))
        _restore(book, work)  # every request succeeded: commit (all or nothing, like Google)
        self.files[book.spreadsheet_id]["name"] = book.title
        self._touch(book.spreadsheet_id)
        out: Json = {"spreadsheetId": book.spreadsheet_id, "replies": replies}
        if body.get("includeSpreadsheetInResponse"):
            out["updatedSpreadsheet"] = book.to_json()
        return out

    def _batch_addSheet(self, book: FakeSpreadsheet, args: Json, where: str) -> Json:
        sheet = self._add_sheet(book, dict(args.get("properties") or {}), where)
        return {"addSheet": {"properties": copy.deepcopy(sheet.properties)}}

    def _batch_deleteSheet(self, book: FakeSpreadsheet, args: Json, where: str) -> Json:
        sheet = self._sheet(book, args.get("sheetId"), where)
        if len(book.sheets) == 1:
            raise _bad(f"Invalid {where}: You can't remove all the sheets in a document.")
        if all(s.properties.get("hidden") for s in book.sheets if s is not sheet):
            raise _bad(f"Invalid {where}: You can't remove all the visible sheets in a document.")
        book.sheets.remove(sheet)
        book.named_ranges = [
            n for n in book.named_ranges if int(n.get("range", {}).get("sheetId", 0)) != sheet.sheet_id
        ]
        _reindex(book)
        return {}

    def _batch_updateSheetProperties(self, book: FakeSpreadsheet, args: Json, where: str) -> Json:
        given = dict(args.get("properties") or {})
        sheet = self._sheet(book, given.get("sheetId", 0), where)
        before = copy.deepcopy(sheet.properties)
        _apply_mask(sheet.properties, given, args.get("fields"), where, keep=("sheetId",))
        new_title = str(sheet.properties.get("title") or "")
        if not new_title:
            raise _bad(f"Invalid {where}: a sheet title cannot be empty.")
        if new_title != before["title"] and any(
            s is not sheet and s.title.casefold() == new_title.casefold() for s in book.sheets
        ):
            raise _bad(
                f'Invalid {where}: A sheet with the name "{new_title}" already exists. Please enter another name.'
            )
        if all(s.properties.get("hidden") for s in book.sheets):
            raise _bad(f"Invalid {where}: You can't hide all the sheets in a document.")
        grid = sheet.properties.setdefault("gridProperties", {})
        grid.setdefault("rowCount", before["gridProperties"]["rowCount"])
        grid.setdefault("columnCount", before["gridProperties"]["columnCount"])
        if int(grid["rowCount"]) < 1 or int(grid["columnCount"]) < 1:
            raise _bad(f"Invalid {where}: a sheet needs at least one row and one column.")
        # Shrinking the grid drops what falls outside it.
        sheet.cells = {(r, c): v for (r, c), v in sheet.cells.items() if r < sheet.row_count and c < sheet.column_count}
        if sheet.properties.get("index", before["index"]) != before["index"]:
            ordered = sorted((s for s in book.sheets if s is not sheet), key=lambda s: s.properties["index"])
            ordered.insert(min(int(sheet.properties["index"]), len(ordered)), sheet)
            book.sheets = ordered
        sheet.properties.setdefault("index", before["index"])
        _reindex(book)
        _prune_defaults(sheet.properties)
        return {}

    def _batch_updateSpreadsheetProperties(self, book: FakeSpreadsheet, args: Json, where: str) -> Json:
        _apply_mask(book.properties, dict(args.get("properties") or {}), args.get("fields"), where, keep=())
        if not book.properties.get("title"):
            raise _bad(f"Invalid {where}: the spreadsheet title cannot be empty.")
        return {}

    def _batch_setDataValidation(self, book: FakeSpreadsheet, args: Json, where: str) -> Json:
        grid = dict(args.get("range") or {})
        grid.setdefault("sheetId", 0)
        span = self._grid_span(book, grid, where)
        rule = args.get("rule")
        if not isinstance(rule, dict) or not isinstance(rule.get("condition"), dict):
            raise _bad(f"Invalid {where}: the rule needs a condition.")
        span.sheet.data_validations.append({"range": grid, "rule": copy.deepcopy(rule)})
        return {}

    def _batch_addProtectedRange(self, book: FakeSpreadsheet, args: Json, where: str) -> Json:
        protected = copy.deepcopy(args.get("protectedRange") or {})
        if "range" not in protected:  # apmon protects ranges, never named ranges
            raise _bad(f"Invalid {where}: a protected range needs a range.")
        protected["range"].setdefault("sheetId", 0)
        sheet = self._grid_span(book, protected["range"], where).sheet
        existing = {p["protectedRangeId"] for s in book.sheets for p in s.protected_ranges}
        protected_id = protected.get("protectedRangeId") or self._rng.randrange(10**8, 2**31 - 1)
        if protected_id in existing:
            raise _bad(f"Invalid {where}: A protected range with the id {protected_id} already exists.")
        protected = {"protectedRangeId": protected_id, **protected, "requestingUserCanEdit": True}
        sheet.protected_ranges.append(protected)
        return {"addProtectedRange": {"protectedRange": copy.deepcopy(protected)}}

    def _record_format(self, book: FakeSpreadsheet, kind: str, args: Json, grid: Any, where: str) -> Json:
        """Formatting is recorded on the sheet it targets (after checking the sheet exists)."""
        grid = dict(grid or {})
        sheet = self._sheet(book, grid.get("sheetId", 0), where)
        sheet.formats.append({kind: copy.deepcopy(args)})
        return {}

    def _batch_repeatCell(self, book: FakeSpreadsheet, args: Json, where: str) -> Json:
        # "userEnteredFormat()" names no field, like an empty mask (Google: at least one field).
        if not args.get("fields") or "()" in str(args["fields"]).replace(" ", ""):
            raise _bad(f"Invalid {where}: At least one field must be specified in 'fields'.")
        self._grid_span(book, {"sheetId": 0, **(args.get("range") or {})}, where)
        fmt = (args.get("cell") or {}).get("userEnteredFormat") or {}
        for name, (enum, allowed) in CELL_FORMAT_ENUMS.items():
            if name in fmt and fmt[name] not in allowed:
                index, _, kind = where.partition(".")
                raise _bad(
                    f"Invalid value at '{index}.{_snake(kind)}.cell.user_entered_format.{_snake(name)}' "
                    f'(type.googleapis.com/google.apps.sheets.v4.CellFormat.{enum}), "{fmt[name]}"'
                )
        return self._record_format(book, "repeatCell", args, args.get("range"), where)

    def _batch_mergeCells(self, book: FakeSpreadsheet, args: Json, where: str) -> Json:
        """Google checks the merge type, that the range is in the grid, that it does not cross the frozen rows' or
        columns' edge, and that it does not partly overlap a merge already there."""
        merge_type = args.get("mergeType", "MERGE_ALL")
        if merge_type not in MERGE_TYPES:
            index, _, kind = where.partition(".")
            raise _bad(
                f"Invalid value at '{index}.{_snake(kind)}.merge_type' "
                f'(type.googleapis.com/google.apps.sheets.v4.MergeCellsRequest.MergeType), "{merge_type}"'
            )
        grid = {"sheetId": 0, **(args.get("range") or {})}
        span = self._grid_span(book, grid, where)
        frozen = span.sheet.properties.get("gridProperties") or {}
        for count, first, end, what in (
            (int(frozen.get("frozenRowCount", 0)), span.r0, span.r1, "rows"),
            (int(frozen.get("frozenColumnCount", 0)), span.c0, span.c1, "columns"),
        ):
            if first < count < end:
                raise _bad(f"Invalid {where}: You can't merge frozen and non-frozen {what}.")
        for merged in span.sheet.merges:
            if max(span.r0, merged["startRowIndex"]) < min(span.r1, merged["endRowIndex"]) and max(
                span.c0, merged["startColumnIndex"]
            ) < min(span.c1, merged["endColumnIndex"]):
                raise _bad(f"Invalid {where}: You can't merge cells that are already merged in part.")
        # MERGE_COLUMNS merges each column of the range on its own, MERGE_ROWS each row; a merged range keeps only
        # its top left cell's value (Google's "only the top-leftmost value" of merging cells that hold values).
        if merge_type == "MERGE_COLUMNS":
            parts = [(span.r0, c, span.r1, c + 1) for c in range(span.c0, span.c1)]
        elif merge_type == "MERGE_ROWS":
            parts = [(r, span.c0, r + 1, span.c1) for r in range(span.r0, span.r1)]
        else:
            parts = [(span.r0, span.c0, span.r1, span.c1)]
        for r0, c0, r1, c1 in parts:
            if (r1 - r0) * (c1 - c0) < 2:
                continue  # one cell: nothing to merge
            span.sheet.merges.append(
                {
                    "sheetId": span.sheet.sheet_id,
                    "startRowIndex": r0,
                    "endRowIndex": r1,
                    "startColumnIndex": c0,
                    "endColumnIndex": c1,
                }
            )
            for key in [k for k in span.sheet.cells if r0 <= k[0] < r1 and c0 <= k[1] < c1 and k != (r0, c0)]:
                del span.sheet.cells[key]
        return {}

    def _batch_updateCells(self, book: FakeSpreadsheet, args: Json, where: str) -> Json:
        """Values only (`fields` userEnteredValue), from a start cell: what apmon sends for the master's register."""
        if "userEnteredValue" not in str(args.get("fields") or ""):
            raise _bad(f"Invalid {where}: At least one field must be specified in 'fields'.")
        start = dict(args.get("start") or {})
        sheet = self._sheet(book, start.get("sheetId", 0), where)
        r0, c0 = int(start.get("rowIndex", 0)), int(start.get("columnIndex", 0))
        rows = [list((row or {}).get("values") or []) for row in args.get("rows") or []]
        width = max((len(row) for row in rows), default=0)
        if r0 + len(rows) > sheet.row_count or c0 + width > sheet.column_count:
            _exceeds(sheet, r0, c0, r0 + len(rows), c0 + width)
        for r, row in enumerate(rows):
            for c, cell in enumerate(row):
                entered = dict((cell or {}).get("userEnteredValue") or {})
                value = next(iter(entered.values()), None)
                _check_cell_text(value)
                if value is None:
                    sheet.cells.pop((r0 + r, c0 + c), None)
                else:
                    sheet.cells[(r0 + r, c0 + c)] = value
        return {}

    def _batch_updateDimensionProperties(self, book: FakeSpreadsheet, args: Json, where: str) -> Json:
        if not args.get("fields"):
            raise _bad(f"Invalid {where}: At least one field must be specified in 'fields'.")
        return self._record_format(book, "updateDimensionProperties", args, args.get("range"), where)

    def _batch_setBasicFilter(self, book: FakeSpreadsheet, args: Json, where: str) -> Json:
        basic = copy.deepcopy(args.get("filter") or {})
        basic.setdefault("range", {}).setdefault("sheetId", 0)
        sheet = self._grid_span(book, basic["range"], where).sheet
        sheet.basic_filter = basic
        return {}

    def _batch_addChart(self, book: FakeSpreadsheet, args: Json, where: str) -> Json:
        """An embedded chart over an overlay anchor; source ranges must lie on existing sheets, in the grid."""
        chart = copy.deepcopy(args.get("chart") or {})
        spec = chart.get("spec")
        if not isinstance(spec, dict) or not spec:
            raise _bad(f"Invalid {where}: the chart needs a spec.")
        anchor = ((chart.get("position") or {}).get("overlayPosition") or {}).get("anchorCell")
        if not isinstance(anchor, dict):
            raise _bad(f"Invalid {where}: only charts with position.overlayPosition.anchorCell are faked.")
        sheet = self._sheet(book, anchor.get("sheetId", 0), where)
        row, col = int(anchor.get("rowIndex", 0)), int(anchor.get("columnIndex", 0))
        if not (0 <= row < sheet.row_count and 0 <= col < sheet.column_count):
            _exceeds(sheet, row, col, row + 1, col + 1)
        basic = spec.get("basicChart") or {}
        sources = [
            grid
            for item in [*basic.get("domains", []), *basic.get("series", [])]
            for grid in ((item.get("domain") or item.get("series") or {}).get("sourceRange") or {}).get("sources", [])
        ]
        for grid in sources:
            self._grid_span(book, {"sheetId": 0, **grid}, where)
        taken = {c["chartId"] for s in book.sheets for c in s.charts}
        chart_id = chart.get("chartId") or self._rng.randrange(10**8, 2**31 - 1)
        if chart_id in taken:
            raise _bad(f"Invalid {where}: An object with the id {chart_id} already exists.")
        chart = {"chartId": chart_id, **{k: v for k, v in chart.items() if k != "chartId"}}
        sheet.charts.append(chart)
        return {"addChart": {"chart": copy.deepcopy(chart)}}

    def _batch_addNamedRange(self, book: FakeSpreadsheet, args: Json, where: str) -> Json:
        named = copy.deepcopy(args.get("namedRange") or {})
        name = str(named.get("name") or "")
        if not re.fullmatch(r"[A-Za-z_\\][A-Za-z0-9_.]*", name) or _CELL_LIKE.fullmatch(name):
            raise _bad(f'Invalid {where}: The range name "{name}" is invalid.')
        if any(str(n.get("name", "")).casefold() == name.casefold() for n in book.named_ranges):
            raise _bad(f'Invalid {where}: A named range with the name "{name}" already exists.')
        named.setdefault("range", {}).setdefault("sheetId", 0)
        self._grid_span(book, named["range"], where)
        named_id = named.get("namedRangeId") or "".join(
            self._rng.choice(string.ascii_lowercase + string.digits) for _ in range(12)
        )
        named = {"namedRangeId": named_id, **{k: v for k, v in named.items() if k != "namedRangeId"}}
        book.named_ranges.append(named)
        return {"addNamedRange": {"namedRange": copy.deepcopy(named)}}

    # ----------------------------------------------------------------- Drive

    def _drive_route(
        self, method: str, rest: list[str], query: dict[str, list[str]], body: Any, token: _Token
    ) -> tuple[int, Any] | None:
        fields = _one(query, "fields", None)
        if not rest or rest == [""]:
            if method == "GET":
                return 200, self._drive_list(query)
            if method == "POST":
                return 200, _file_view(self._drive_create(body or {}, token), fields)
            return None
        file_id = unquote(rest[0])
        if len(rest) == 1:
            if method == "GET":
                return 200, _file_view(self._file(file_id), fields)
            if method == "DELETE":
                self._drive_delete(file_id)
                return 204, None
            if method == "PATCH":
                return 200, _file_view(self._drive_update(file_id, query, body or {}), fields)
            return None
        if rest[1] != "permissions":
            return None
        resource = self._file(file_id)
        permissions: list[Json] = resource["permissions"]
        if len(rest) == 2 and method == "POST":
            notify = str(_one(query, "sendNotificationEmail", "true")).lower() != "false"
            return 200, _permission_view(self._permission_create(resource, body or {}, notify), fields)
        if len(rest) == 2 and method == "GET":
            listing = {"kind": "drive#permissionList", "permissions": copy.deepcopy(permissions)}
            return 200, listing if fields else {
                "kind": listing["kind"],
                "permissions": [_permission_view(p, None) for p in permissions],
            }
        return None

    def _file(self, file_id: str) -> Json:
        resource = self.files.get(file_id)
        if resource is None:
            raise _drive_not_found(file_id)
        return resource

    def _drive_create(self, body: Json, token: _Token) -> Json:
        mime = str(body.get("mimeType") or "application/octet-stream")
        parents = list(body.get("parents") or [ROOT_FOLDER_ID])
        if mime == SPREADSHEET_MIME:
            name = str(body.get("name") or "Untitled spreadsheet")
            resource = self.files[self._new_spreadsheet(name, parents, owner=token.email).spreadsheet_id]
        else:
            name = str(body.get("name") or "Untitled")
            resource = self._new_file(name, mime, parents, self._new_id(33), token.email)
        for kind in ("appProperties", "properties"):  # set with the file, as Google does
            if body.get(kind):
                resource[kind] = {str(k): str(v) for k, v in body[kind].items() if v is not None}
        return resource

    def _drive_list(self, query: dict[str, list[str]]) -> Json:
        q = _one(query, "q", "")
        matches: Callable[[Json], bool] = _compile_query(q) if q.strip() else (lambda f: True)
        found = [f for f in self.files.values() if matches(f)]
        for part in reversed([p.strip() for p in _one(query, "orderBy", "").split(",") if p.strip()]):
            name, _, direction = part.partition(" ")
            if name not in ("name", "modifiedTime", "createdTime"):
                raise _drive_error(400, "Invalid Value", "invalid", "orderBy")
            found.sort(key=_sort_key(name), reverse=direction.strip().lower() == "desc")
        try:
            size = int(_one(query, "pageSize", "100"))
            offset = int(_one(query, "pageToken", "page-0").removeprefix("page-"))
        except ValueError:
            raise _drive_error(400, "Invalid Value", "invalid", "pageToken") from None
        if not 1 <= size <= 1000:
            raise _drive_error(
                400, f"Invalid value '{size}'. Values must be within the range: [1, 1000]", "invalid", "pageSize"
            )
        page = found[offset : offset + size]
        listing: Json = {"kind": "drive#fileList", "incompleteSearch": False}
        if offset + size < len(found):
            listing["nextPageToken"] = f"page-{offset + size}"
        fields = _one(query, "fields", None)
        if fields:
            listing["files"] = copy.deepcopy(page)
            projected: Json = _project(listing, _parse_fields(fields))
            return projected
        listing["files"] = [_file_view(f, None) for f in page]
        return listing

    def _drive_delete(self, file_id: str) -> None:
        resource = self._file(file_id)
        if resource["mimeType"] == FOLDER_MIME:
            for child in [f["id"] for f in self.files.values() if file_id in f.get("parents", [])]:
                if child in self.files:
                    self._drive_delete(child)
        self.files.pop(file_id, None)
        self.spreadsheets.pop(file_id, None)

    def _drive_update(self, file_id: str, query: dict[str, list[str]], body: Json) -> Json:
        resource = self._file(file_id)
        add = [p for p in _one(query, "addParents", "").split(",") if p]
        remove = [p for p in _one(query, "removeParents", "").split(",") if p]
        for parent in add:
            if parent != ROOT_FOLDER_ID and self.files.get(parent, {}).get("mimeType") != FOLDER_MIME:
                raise _drive_not_found(parent)
        resource["parents"] = [p for p in resource["parents"] if p not in remove] + [
            p for p in add if p not in resource["parents"]
        ]
        for key in ("name", "trashed", "description", "starred"):
            if key in body:
                resource[key] = body[key]
        for key, value in (body.get("appProperties") or {}).items():  # merged key by key; null removes one
            if value is None:
                resource.setdefault("appProperties", {}).pop(key, None)
            else:
                resource.setdefault("appProperties", {})[key] = str(value)
        if "name" in body and file_id in self.spreadsheets:
            self.spreadsheets[file_id].properties["title"] = body["name"]
        self._touch(file_id)
        return resource

    def _permission_create(self, resource: Json, body: Json, notify: bool = True) -> Json:
        kind, role = body.get("type"), body.get("role")
        if kind != "user":  # apmon shares with people only
            raise _drive_error(400, "fake_google models user permissions only.", "required", "permission.type")
        if role not in ("owner", "organizer", "fileOrganizer", "writer", "commenter", "reader"):
            raise _drive_error(400, "The permission role field is required.", "required", "permission.role")
        email = body.get("emailAddress")
        if not email or "@" not in str(email):
            raise _drive_error(
                400,
                "The permission emailAddress field is required for user and group permissions.",
                "required",
                "permission.emailAddress",
            )
        if str(email).lower() in {a.lower() for a in self.no_google_account} and not notify:
            # Google's words (the Drive API answers so when the "Notify people" e-mail is turned off)
            raise _drive_error(
                400,
                f'Bad Request. User message: "You are trying to invite {email}. Since there is no Google account '
                'associated with this email address, you must check the "Notify people" box to invite this '
                'recipient."',
                "invalidSharingRequest",
            )
        existing = next((p for p in resource["permissions"] if p.get("emailAddress") == email), None)
        if existing is not None:
            existing["role"] = role  # sharing again with the same person changes the role
            return dict(existing)
        permission: Json = {"kind": "drive#permission", "type": kind, "role": role, "emailAddress": str(email)}
        permission["id"] = self._permission_id()
        resource["permissions"].append(permission)
        return permission


# --------------------------------------------------------------------------- module helpers


def _one(query: Mapping[str, list[str]], name: str, default: Any) -> Any:
    values = query.get(name)
    return values[-1] if values else default


def _check_render(render: str) -> str:
    if render not in _RENDERERS:
        raise _bad(
            "Invalid value at 'value_render_option' "
            f'(type.googleapis.com/google.apps.sheets.v4.ValueRenderOption), "{render}"'
        )
    return render


def _render_options(query: Mapping[str, list[str]]) -> tuple[str, str]:
    render = _check_render(_one(query, "valueRenderOption", "FORMATTED_VALUE"))
    dates = _one(query, "dateTimeRenderOption", "SERIAL_NUMBER")
    if dates not in ("SERIAL_NUMBER", "FORMATTED_STRING"):
        raise _bad(
            "Invalid value at 'date_time_render_option' "
            f'(type.googleapis.com/google.apps.sheets.v4.DateTimeRenderOption), "{dates}"'
        )
    major = _one(query, "majorDimension", "ROWS")
    if major not in ("ROWS", "COLUMNS"):
        raise _bad(
            f"Invalid value at 'major_dimension' (type.googleapis.com/google.apps.sheets.v4.Dimension), \"{major}\""
        )
    return render, major


def _input_option(option: Any) -> str:
    if option in (None, "", "INPUT_VALUE_OPTION_UNSPECIFIED"):
        raise _bad("'valueInputOption' is required but not specified")
    if option not in ("RAW", "USER_ENTERED"):
        raise _bad(
            "Invalid value at 'value_input_option' "
            f'(type.googleapis.com/google.apps.sheets.v4.ValueInputOption), "{option}"'
        )
    return str(option)


def _split_range(text: str) -> tuple[str | None, str | None]:
    """'Sheet'!A1 -> (title, ref); 'Sheet' -> (title, None); A1 -> (None, 'A1')."""
    if text.startswith("'"):
        title = ""
        i = 1
        while i < len(text):
            if text[i] == "'":
                if text[i + 1 : i + 2] == "'":
                    title += "'"
                    i += 2
                    continue
                break
            title += text[i]
            i += 1
        else:
            raise _bad(f"Unable to parse range: {text}")
        rest = text[i + 1 :]
        if rest == "":
            return title, None
        if rest.startswith("!") and len(rest) > 1:
            return title, rest[1:]
        raise _bad(f"Unable to parse range: {text}")
    if "!" in text:
        title, ref = text.rsplit("!", 1)
        if not title or not ref:
            raise _bad(f"Unable to parse range: {text}")
        return title, ref
    if not text:
        raise _bad("Unable to parse range: ")
    return None, text


def _parse_ref(ref: str) -> tuple[int | None, int | None, int | None, int | None, bool] | None:
    """'A1:B2' -> (r0, c0, r1, c1, anchor) half-open; None ends are open. None if not A1."""
    match = _REF.fullmatch(ref)
    if not match or not (match["c0"] or match["r0"]):
        return None
    c0 = col_index(match["c0"]) if match["c0"] else None
    r0 = int(match["r0"]) - 1 if match["r0"] else None
    if ":" not in ref:
        if c0 is None or r0 is None:
            return None  # 'B' or '7' alone is not a range
        return r0, c0, r0 + 1, c0 + 1, True
    if not (match["c1"] or match["r1"]):
        return None
    c1 = col_index(match["c1"]) + 1 if match["c1"] else None
    r1 = int(match["r1"]) if match["r1"] else None
    if (r0 is not None and r0 < 0) or (r1 is not None and r1 < 1):
        return None
    if (c0 is None and c1 is not None) or (r0 is None and r1 is not None and c0 is not None):
        return None  # mixed forms such as '3:B' or 'A:B3'
    if r0 is not None and r1 is not None and r1 <= r0:
        r0, r1 = r1 - 1, r0 + 1
    if c0 is not None and c1 is not None and c1 <= c0:
        c0, c1 = c1 - 1, c0 + 1
    return r0, c0, r1, c1, False


MAX_CELL_CHARACTERS = 50_000  # Google's limit on one cell's text, whatever the input option


def _check_cell_text(value: Any) -> None:
    """Google refuses the whole request when one cell's text is over the limit (counted here in code points)."""
    if isinstance(value, str) and len(value) > MAX_CELL_CHARACTERS:
        raise _bad(f"Your input contains more than the maximum of {MAX_CELL_CHARACTERS} characters in a single cell.")


def _exceeds(sheet: FakeSheet, r0: int, c0: int, r1: int, c1: int) -> None:
    label = "'" + sheet.title.replace("'", "''") + "'!" + a1_label(r0, c0, r1, c1)
    raise _bad(f"Range ({label}) exceeds grid limits. Max rows: {sheet.row_count}, max columns: {sheet.column_count}")


def _drop_nulls(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _drop_nulls(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_drop_nulls(v) for v in value]
    return value


def _clear(span: _Span) -> None:
    for key in [k for k in span.sheet.cells if span.r0 <= k[0] < span.r1 and span.c0 <= k[1] < span.c1]:
        del span.sheet.cells[key]


def _reindex(book: FakeSpreadsheet) -> None:
    for index, sheet in enumerate(sorted(book.sheets, key=lambda s: s.properties["index"])):
        sheet.properties["index"] = index
    book.sheets.sort(key=lambda s: s.properties["index"])


def _restore(book: FakeSpreadsheet, source: FakeSpreadsheet) -> None:
    """Make `book` equal to `source` while keeping the FakeSheet objects tests may hold."""
    originals = {sheet.sheet_id: sheet for sheet in book.sheets}
    sheets: list[FakeSheet] = []
    for sheet in source.sheets:
        original = originals.get(sheet.sheet_id)
        if original is not None:
            original.__dict__.update(copy.deepcopy(sheet.__dict__))
            sheets.append(original)
        else:
            sheets.append(copy.deepcopy(sheet))
    book.properties = copy.deepcopy(source.properties)
    book.named_ranges = copy.deepcopy(source.named_ranges)
    book.sheets = sheets


# Google leaves false / zero fields out of its answers.
_ALWAYS_SHOWN = frozenset({"sheetId", "index", "rowCount", "columnCount", "title"})


def _prune_defaults(props: Json) -> None:
    for key in list(props):
        value = props[key]
        if isinstance(value, dict):
            _prune_defaults(value)
            if not value and key not in ("gridProperties",):
                del props[key]
        elif key not in _ALWAYS_SHOWN and (value is False or (value == 0 and not isinstance(value, bool))):
            del props[key]


def _apply_mask(target: Json, source: Json, fields: Any, where: str, keep: Sequence[str]) -> None:
    """Google's field-mask update: each listed path is copied from `source`, or cleared when
    `source` lacks it. '*' replaces everything but the `keep` keys."""
    if not fields or not isinstance(fields, str):
        raise _bad(f"Invalid {where}: At least one field must be specified in 'fields'.")
    if fields.strip() == "*":
        kept = {k: target[k] for k in keep if k in target}
        target.clear()
        target.update(copy.deepcopy(source))
        target.update(kept)
        return
    for path in fields.split(","):
        parts = [p for p in re.split(r"[./]", path.strip()) if p]
        if not parts:
            continue
        src: Any = source
        dst = target
        for part in parts[:-1]:
            src = src.get(part) if isinstance(src, dict) else None
            nxt = dst.get(part)
            if not isinstance(nxt, dict):
                nxt = {}
                dst[part] = nxt
            dst = nxt
        last = parts[-1]
        if isinstance(src, dict) and last in src:
            dst[last] = copy.deepcopy(src[last])
        elif last not in ("rowCount", "columnCount", "title", "index", "sheetId"):
            dst.pop(last, None)


_DEFAULT_FILE_FIELDS: Json = {"kind": None, "id": None, "name": None, "mimeType": None}


def _file_view(resource: Json, fields: str | None) -> Json:
    view: Json = _project(resource, _parse_fields(fields) if fields else _DEFAULT_FILE_FIELDS)
    return view


def _permission_view(permission: Json, fields: str | None) -> Json:
    default: Json = {"kind": None, "id": None, "type": None, "role": None}
    view: Json = _project(permission, _parse_fields(fields) if fields else default)
    return view


def _sort_key(name: str) -> Callable[[Json], str]:
    return lambda f: str(f.get(name, ""))


# --------------------------------------------------------------------------- test helpers


def service_account_file(tmp_path: Path, email: str = SERVICE_ACCOUNT_EMAIL) -> Path:
    """A throwaway service-account key file with a fresh RSA key, as the Cloud console writes it."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode("ascii")
    info = {
        "type": "service_account",
        "project_id": "apmon-test",
        "private_key_id": secrets.token_hex(20),
        "private_key": pem,
        "client_email": email,
        "client_id": "".join(secrets.choice(string.digits) for _ in range(21)),
        "auth_uri": "https://accounts.google.com/o/oauth2/auth",
        "token_uri": "https://oauth2.googleapis.com/token",
        "auth_provider_x509_cert_url": "https://www.googleapis.com/oauth2/v1/certs",
        "client_x509_cert_url": "https://www.googleapis.com/robot/v1/metadata/x509/" + email.replace("@", "%40"),
        "universe_domain": "googleapis.com",
    }
    path = tmp_path / "service-account.json"
    path.write_text(json.dumps(info, indent=2), encoding="utf-8")
    path.chmod(0o600)  # a private key: readable by the account that runs apmon alone, as docs/sync.md asks
    return path


_ENV_TO_CLEAR = (
    "HTTP_PROXY",
    "HTTPS_PROXY",
    "ALL_PROXY",
    "http_proxy",
    "https_proxy",
    "all_proxy",
    # google-auth features that would call real Google endpoints besides the token URI
    "GOOGLE_SDK_EXPERIMENTAL_PYTHON_REGIONAL_ACCESS_BOUNDARY_LOOKUP_ENABLED",
    "GOOGLE_AUTH_TRUST_BOUNDARY_ENABLED",
    "GOOGLE_API_USE_CLIENT_CERTIFICATE",
)


@pytest.fixture(name="fake_google")
def fake_google_fixture(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeGoogle]:
    """The `fake_google` fixture: a running FakeGoogle; no proxy or google-auth side lookup can
    take requests off the loopback. Fails the test if the fake itself hit a bug."""
    for name in _ENV_TO_CLEAR:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")
    with FakeGoogle() as fake:
        yield fake
        assert not fake.server_errors, "the fake itself failed:\n" + "\n".join(fake.server_errors)


# Importing either name into a test module registers the `fake_google` fixture there.
# `fake_google_fixture` avoids a test parameter shadowing the imported name (ruff F811).
fake_google = fake_google_fixture
