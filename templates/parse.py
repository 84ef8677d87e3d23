"""Grid -> Report: read a filled template through the layout it was built from.

The layout is rebuilt from the workbook's metadata and the plan, so the
parser expects exactly what the builder wrote. Bad cell content becomes
issues, never exceptions; rows are found by their keys (task id, budget
line, indicator), so a moved or inserted row loses nothing.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Callable, Iterator
from typing import Any, NamedTuple

from pydantic import BaseModel, ConfigDict

from apmon.schemas import values
from apmon.schemas.a1 import cell_position, column_letter
from apmon.schemas.calendar import Period, WorkingCalendar
from apmon.schemas.grid import VALUES_SEPARATOR, Grid
from apmon.schemas.institutions import CODE_PATTERN, InstitutionRegistry
from apmon.schemas.issues import Issue
from apmon.schemas.messages import MAX_ISSUES, all_variants, issue
from apmon.schemas.personal_data import (
    PersonalDataHit,
    file_name_hits,
    find_personal_data,
    mask_all,
    mask_file_name,
)
from apmon.schemas.plan import Plan
from apmon.schemas.report import (
    ActivityEntry,
    BudgetEntry,
    Cover,
    IndicatorEntry,
    ObservationEntry,
    ProblemEntry,
    Report,
    TaskEntry,
)
from apmon.schemas.rules import PERSONAL_DATA_KIND, free_texts
from apmon.schemas.text import LANGS
from apmon.templates.layout import (
    ASSESSMENTS,
    FIRST_DATA_ROW,
    HEADER_ROW,
    META_SHEET,
    READ_VERSIONS,
    TASK_STATUSES,
    NoTasksError,
    Row,
    SheetLayout,
    TemplateMeta,
    WorkbookLayout,
    cell_text,
    hint_row,
    institution_budget_lines,
    report_layout,
)

# first column holds the row's key
KEYED_SHEETS = ("tasks", "activities", "budget", "indicators", "problems", "observations")


# The cover's cells that say whose report for which period the template is: typed over, most likely to reuse a
# filled file for another month; putting the old value back would count that month's data as this period's report.
MADE_FOR = frozenset({"institution", "code", "period"})


class ParseResult(BaseModel):
    model_config = ConfigDict(frozen=True)

    report: Report | None  # None when the workbook cannot be read as a report at all
    issues: list[Issue]


class Meta(NamedTuple):
    """The workbook's hidden metadata: `values` None when it has no metadata sheet; `problem` set when the sheet
    is ambiguous, and then nothing in it decides anything (not even whose report it is)."""

    values: dict[str, str] | None
    problem: Issue | None = None

    def get(self, key: str) -> str | None:
        return None if self.values is None or self.problem is not None else self.values.get(key)


def read_meta(grid: Grid) -> Meta:
    """The one reading of the metadata sheet: the parser, the add-in and its server all decide whose workbook
    it is from this. Ambiguity is refused rather than resolved one way or another: a key written twice (even
    in another case), a key with spaces around it, or more than one sheet named like the metadata sheet."""
    like_meta = [name for name in grid.sheets if name.strip().casefold() == META_SHEET]
    if like_meta and like_meta != [META_SHEET]:
        named = ", ".join(f"'{name}'" for name in like_meta)
        return Meta({}, issue("metadata-ambiguous", like_meta[0], "", named, what=f"sheets {named}"))
    rows = grid.sheets.get(META_SHEET)
    if rows is None:
        return Meta(None)
    meta: dict[str, str] = {}
    seen: set[str] = set()
    for r, row in enumerate(rows, 1):
        raw = row[0] if row else None
        key = values.text(raw)
        if not key:
            continue
        if raw != key or key.casefold() in seen:  # spaces around it (text() trims them), or a key again
            return Meta({}, issue("metadata-ambiguous", META_SHEET, f"A{r}", str(raw), what=f"row {r}: '{raw}'"))
        seen.add(key.casefold())
        meta[key] = values.text(row[1]) or "" if len(row) > 1 else ""
    return Meta(meta)


def workbook_institution(grid: Grid) -> str | None:
    """Whose report the workbook is, by its metadata; None when it has none or it is ambiguous."""
    return read_meta(grid).get("institution") or None


def parse_grid(
    grid: Grid,
    plan: Plan,
    registry: InstitutionRegistry,
    *,
    expected_institution: str | None = None,
    expected_period: str | None = None,
    calendar: WorkingCalendar | None = None,
) -> ParseResult:
    parsed = _parse_grid(grid, plan, registry, expected_institution, expected_period, calendar)
    if parsed.report is not None:
        return parsed
    # Not read as a report, the file is kept all the same: personal data in it is refused (and so purged) too.
    return ParseResult(report=None, issues=[*parsed.issues, *_stray_personal_data(grid, None, None)])


def _parse_grid(
    grid: Grid,
    plan: Plan,
    registry: InstitutionRegistry,
    expected_institution: str | None,
    expected_period: str | None,
    calendar: WorkingCalendar | None,
) -> ParseResult:
    found_meta = read_meta(grid)
    if found_meta.problem is not None:
        return ParseResult(report=None, issues=[found_meta.problem])
    meta = found_meta.values
    if meta is None or "template_version" not in meta:
        return ParseResult(report=None, issues=[issue("not-an-apmon-template")])
    if meta["template_version"] not in READ_VERSIONS:
        return ParseResult(
            report=None, issues=[issue("unknown-template-version", META_SHEET, "B1", meta["template_version"])]
        )
    problems = _check_meta(meta, plan, registry)
    if problems:
        return ParseResult(report=None, issues=problems)
    period = Period.parse(meta["period"])
    lang = meta["lang"]
    try:
        version = meta["template_version"]
        layout = report_layout(plan, registry, meta["institution"], period, lang, calendar, version)  # type: ignore[arg-type]
    except NoTasksError:
        return ParseResult(
            report=None, issues=[issue("metadata-invalid", META_SHEET, "B3", meta["institution"], field="institution")]
        )

    found: list[Issue] = []
    if expected_institution and expected_institution != meta["institution"]:
        found.append(issue("wrong-institution", META_SHEET, "B3", meta["institution"], expected=expected_institution))
    if expected_period and expected_period != meta["period"]:
        found.append(issue("wrong-period", META_SHEET, "B4", meta["period"], expected=expected_period))
    compare_locked = meta.get("fingerprint") == layout.meta.fingerprint
    if not compare_locked:
        found.append(issue("template-outdated", META_SHEET, "B7"))

    reader = _Reader(grid, layout, compare_locked, found)
    report = Report(
        source=grid.source,
        plan_id=meta["plan_id"],
        institution=meta["institution"],
        period=meta["period"],
        kind=layout.meta.kind,
        lang=layout.meta.lang,
        template_version=meta["template_version"],
        duty="member" if layout.has("member") else "observer" if layout.has("observations") else "tasks",
        submitted_at=meta.get("submitted_at", ""),
        cover=reader.cover(),
        tasks=reader.tasks() if layout.has("tasks") else [],
        activities=reader.activities() if layout.has("activities") else [],
        budget=reader.budget(plan.on(period.last_day), period.year) if layout.has("budget") else [],
        indicators=reader.indicators() if layout.has("indicators") else [],
        problems=reader.problems() if layout.has("problems") else [],
        observations=reader.observations() if layout.has("observations") else [],
        narrative=reader.narrative("member" if layout.has("member") else "narrative")
        if layout.has("narrative") or layout.has("member")
        else {},
        narrative_cells=reader.narrative_cells,
        sheet_names={s.role: s.name for s in layout.sheets},
    )
    reader.instructions()
    found += _merged_inputs(grid, reader.inputs)
    found += [
        issue("number-shown-otherwise", sheet, cell, code)
        for sheet, cell, code in grid.shown_otherwise
        if cell in reader.inputs.get(sheet, ())
    ][:MAX_ISSUES]
    found += [
        issue("value-in-hidden-cell", sheet, cell, values.as_shown(grid.value(sheet, *position)))
        for sheet, cell in grid.hidden
        if cell in reader.inputs.get(sheet, ()) and (position := cell_position(cell)) is not None
    ][:MAX_ISSUES]
    found += _copied_sheets(grid, layout)
    found += _stray_personal_data(grid, layout, report)
    return ParseResult(report=report, issues=found)


def _merged_inputs(grid: Grid, inputs: dict[str, set[str]]) -> list[Issue]:
    """An input cell inside merged cells, on a row below their first: a spreadsheet keeps only the first cell's value,
    so it reads empty while the officer sees the merged value over it (the status of two tasks merged into one cell).
    One issue at each such cell, naming the merged range; where the cell still holds a value of its own, that value
    is read and the message says so (advice "value-hidden"). Cells merged along one row are one wide cell of that row:
    the others read empty, and nothing shows in them either (progress widened over the columns of problems and
    measures). At most MAX_ISSUES."""
    found: list[Issue] = []
    by_row: dict[str, dict[int, list[tuple[int, str]]]] = {}
    merged = {sheet for sheet, _ in grid.merged}  # most files have none: their input cells need no positions
    for sheet, cells in inputs.items():
        for cell in cells if sheet in merged else ():
            if (position := cell_position(cell)) is not None:
                by_row.setdefault(sheet, {}).setdefault(position[0], []).append((position[1], cell))
    for sheet, span in grid.merged:
        first, _, last = span.partition(":")
        corners = cell_position(first), cell_position(last)
        rows = by_row.get(sheet)
        if rows is None or corners[0] is None or corners[1] is None:
            continue
        (top, left), (bottom, right) = corners[0], corners[1]
        for r in sorted(r for r in rows if top < r <= bottom):
            for column, cell in sorted(rows[r]):
                if left <= column <= right:
                    advice = {"advice": "value-hidden"} if grid.value(sheet, r, column) not in (None, "") else {}
                    found.append(issue("cells-merged", sheet, cell, span, first=first, **advice))
                    if len(found) >= MAX_ISSUES:
                        return found
    return found


def _stray_personal_data(grid: Grid, layout: WorkbookLayout | None, report: Report | None) -> list[Issue]:
    """Personal data in a cell that no rule reads: a sheet of the officer's own, a cell beside a table, a plan's text
    edited (not compared: a text import changes them), the metadata sheet, any cell of a file that is no report; in a
    sheet's name; in a cell's comment; in the document's properties; and in what else Excel shows outside the cells
    or keeps a copy of (defined names, headers and footers, data validations, hyperlinks, tables, shapes and text
    boxes, charts, PivotTables' caches, links to other workbooks). The ledger keeps the file, so it is refused (and
    purged) as personal data in a text cell is. The texts the template writes, and the free texts the rules look
    at, are passed over. At most MAX_ISSUES issues from the cells."""
    read = {(sheet, cell): text for sheet, cell, text in free_texts(report)} if report else {}
    passed = {"", *read.values()} | ({hint_row(s, layout.meta.lang) for s in layout.sheets} if layout else set())
    by_name = {sheet.name: sheet for sheet in layout.sheets} if layout else {}
    found = _personal_data_in_sheet_names(grid, {META_SHEET, *by_name})
    for name, rows in grid.sheets.items():
        if name == META_SHEET:
            template = _meta_sheet_texts(rows, layout)
        else:
            template = by_name[name].texts if name in by_name else frozenset()
        # Each value once (a sheet repeats few): a set is made of them faster than the cells are walked; then one
        # walk finds the cells of those that hold personal data.
        hits_of = {}
        for value in set(itertools.chain.from_iterable(rows)) - template - passed:
            text = _as_text(value)
            if text and (hits := find_personal_data(text)):
                hits_of[value] = hits
        for r, row in enumerate(rows, 1) if hits_of else ():
            for c, value in enumerate(row, 1):
                if value in hits_of and (name, cell := f"{column_letter(c)}{r}") not in read:
                    kinds = [(h.masked, PERSONAL_DATA_KIND[h.kind]) for h in hits_of[value]]
                    found += [issue("personal-data", name, cell, masked, kind=kind) for masked, kind in kinds]
                    if len(found) >= MAX_ISSUES:
                        return found
    # A comment is kept with the file too. (Excel writes a threaded comment's text twice: in it, and in a note.)
    seen = set()
    for sheet, cell, text in grid.comments:
        for hit in find_personal_data(text):
            if (sheet, cell, hit.masked) not in seen:
                seen.add((sheet, cell, hit.masked))
                kind = PERSONAL_DATA_KIND[hit.kind]
                found.append(issue("personal-data-comment", sheet, cell, hit.masked, kind=kind))
    return found + _personal_data_in_texts(grid)


def _personal_data_in_sheet_names(grid: Grid, template: set[str]) -> list[Issue]:
    """Personal data in a sheet's name, which is kept with the file as a cell is; the names the template gives its
    sheets are passed over. A name is searched as a file's name is (words joined by underscores are words) and named
    masked, here and in every other issue (guard_quoted_values)."""
    return [
        issue("personal-data-sheet-name", mask_file_name(name), "", hit.masked, kind=PERSONAL_DATA_KIND[hit.kind])
        for name in grid.sheets
        if name not in template
        for hit in file_name_hits(name)
    ]


# What the template writes on the metadata sheet, and is no one's data: its keys and their values, the dropdowns'
# longer lists of options, and a fingerprint (hex) and times (ISO 8601: when the template was built, when it was
# submitted) known by their shape (an outdated template's fingerprint is not the plan's now). Anything else there is
# searched as any cell is.
_FINGERPRINT = re.compile(r"[0-9a-f]{32}")
_TIMESTAMP = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}(?:[T ][0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]{1,6})?)?(?:Z|[+-][0-9]{2}:[0-9]{2})?)?"
)


def _meta_sheet_texts(rows: list[list[Any]], layout: WorkbookLayout | None) -> frozenset[str]:
    """The texts on the metadata sheet that the template wrote there."""
    keys = TemplateMeta.model_fields.keys()
    meta = {str(value) for value in layout.meta.model_dump().values()} if layout else set()
    lists = [sheet.texts for sheet in layout.sheets] if layout else []

    def written(text: str) -> bool:
        if text in keys or text in meta or any(text in texts for texts in lists):
            return True
        return bool(_FINGERPRINT.fullmatch(text) or _TIMESTAMP.fullmatch(text))

    return frozenset(v for v in set(itertools.chain.from_iterable(rows)) if type(v) is str and written(v))


# The properties a person types (Excel's File > Info > Properties), by their elements in docProps/core.xml and
# app.xml: the catalogue's label for each. The others a program writes and are not searched: the dates, the
# application and its version, and the author and the last to save, which Excel fills in with the Office user (a
# Microsoft 365 user is the work e-mail address) again at every save, so the officer could not remove them. The
# custom ones are searched, named by their names.
_PROPERTY_LABELS = {
    "title": "property.title",
    "subject": "property.subject",
    "keywords": "property.tags",
    "description": "property.comments",
    "category": "property.categories",
    "contentStatus": "property.status",
    "Company": "property.company",
    "Manager": "property.manager",
    "HyperlinkBase": "property.hyperlink_base",
}
_WHOLE_NUMBER = re.compile(r"[0-9]+(?:\.0*)?")


def _property_texts(grid: Grid) -> Iterator[tuple[str, str, str, str, str]]:
    """The document's properties a person types, as texts of the place "property" (where: the property as the
    message names it: a label's key, or a custom property's name, masked: anyone's words): a custom property's name
    is searched too. The author and the last to save, which Excel fills in, are not."""
    for part, name, text in grid.properties:
        if part == "custom":
            shown = mask_all(name)
            yield from (("property", "", shown, "value", text), ("property", "", shown, "value", name))
        elif name in _PROPERTY_LABELS:
            yield ("property", "", _PROPERTY_LABELS[name], "value", text)


# Where Excel shows a text outside the cells or keeps a copy of cells (Grid.texts), and the document's properties:
# the issue of each place, and the label of each part that the message names (a header or a footer; a data
# validation's input message, error alert, list or formula; the part of a table, a shape or a chart).
_PLACE_CODES = {
    "property": "personal-data-property",
    "defined-name": "personal-data-defined-name",
    "header-footer": "personal-data-header-footer",
    "validation": "personal-data-validation",
    "hyperlink": "personal-data-hyperlink",
    "table": "personal-data-table",
    "drawing": "personal-data-drawing",
    "chart": "personal-data-chart",
    "pivot-cache": "personal-data-pivot-cache",
    "external-link": "personal-data-external-link",
    "smartart": "personal-data-smartart",
    "form-control": "personal-data-form-control",
    "slicer": "personal-data-slicer",
    "connection": "personal-data-connection",
    "query": "personal-data-connection",  # Power Query's: listed with the connections (Data > Queries & Connections)
    "timeline": "personal-data-timeline",
    "embedded": "personal-data-embedded",
}
# The places of an object, named by the object's name and its sheet
_OBJECTS = frozenset(
    {"table", "drawing", "chart", "pivot-cache", "external-link", "smartart", "form-control", "slicer", "connection"}
    | {"query", "timeline", "embedded", "picture", "object"}
)
# What apmon cannot read (Grid.texts with no text): a picture, an embedded object, or what an embedded document
# embeds in turn (its part "object"), the data model, and Power Query's queries that cannot be decoded (their part
# "unreadable-query"). Refused, unread: see docs/security.md.
_UNREADABLE_CODES = {
    "picture": "personal-data-unreadable-picture",
    "object": "personal-data-unreadable-object",
    "data-model": "personal-data-unreadable-data-model",
    "unreadable-query": "personal-data-unreadable-query",
}
_PART_LABELS = {
    "oddHeader": "place.header",
    "oddFooter": "place.footer",
    "evenHeader": "place.even_header",
    "evenFooter": "place.even_footer",
    "firstHeader": "place.first_header",
    "firstFooter": "place.first_footer",
    "promptTitle": "place.input_message",
    "prompt": "place.input_message",
    "errorTitle": "place.error_alert",
    "error": "place.error_alert",
    "list": "place.list",
    "formula": "place.formula",
    "name": "place.name",
    "comment": "place.comment",
    "column": "place.column",
    "filter": "place.filter",
    "text": "place.text",
    "alt-text": "place.alt_text",
    "link": "place.link",
    "title": "place.chart_text",
    "data": "place.data_copy",
    "query": "place.query",
    "code": "place.power_query",
    "settings": "place.power_query_settings",
}
# A reference to a sheet in a formula ('Budžet'!$A$1, Tasks!A1): the sheet's name, quoted or not, of no more than
# Excel's 31 characters (so that a run of quotes is not tried from each of them to its end); and a formula that is
# one such reference to cells, rows or columns (as the template's names and Excel's print titles are).
_SHEET_REFERENCE = re.compile(r"'((?:[^']|''){1,31})'!|(?<![\w.'])([^\W\d][\w.]{0,30})!")
_CELLS = r"\$?[A-Z]{0,3}\$?[0-9]{0,7}"
_CELLS_REFERENCE = re.compile(rf"(?:'((?:[^']|'')+)'|([^\W\d][\w.]*))!{_CELLS}(?::{_CELLS})?")


def _personal_data_in_texts(grid: Grid) -> list[Issue]:
    """Personal data in the document's properties and in what Excel shows outside the cells or keeps a copy of,
    searched as a cell is: a defined name (its name as a sheet's name is, its formula and its comment), a header or
    footer, a data validation's messages, list typed out and custom formula, a hyperlink's address, place, text and
    tip; a table's, a shape's or a text box's name (as a sheet's name is) and texts, a chart's titles, and the copies
    of cells a chart, a PivotTable and a link to another workbook keep. A reference to one of the workbook's sheets
    is passed over: the sheet's name is searched as such. At most MAX_ISSUES issues; each names where Excel shows it,
    the data masked."""
    found: list[Issue] = []
    seen: set[tuple[str, ...]] = set()
    for place, sheet, where, part, text in itertools.chain(_property_texts(grid), grid.texts):
        if (code := _UNREADABLE_CODES.get(place) or _UNREADABLE_CODES.get(part)) is not None:
            if (code, sheet, where) not in seen:
                seen.add((code, sheet, where))
                if part == "cell":  # a picture placed in a cell: no name, no Selection Pane; deleted from its cell
                    found.append(issue(code, sheet, where, None, name="", advice="in-cell"))
                else:
                    how = f"remove.picture_{part or 'sheet'}" if place == "picture" else ""  # where it is says how
                    found.append(issue(code, sheet, "", None, name=mask_file_name(where), how=how))
            if len(found) >= MAX_ISSUES:  # a crafted file's thousands of pictures
                break
            continue
        if part == "name":
            hits = _hits(file_name_hits, text)
        elif (cells := _CELLS_REFERENCE.fullmatch(text)) and _own_sheet(cells, grid) == "!":
            continue
        else:
            if place == "defined-name" or part in ("location", "formula"):
                text = _SHEET_REFERENCE.sub(lambda m: _own_sheet(m, grid), text)
            hits = _hits(find_personal_data, text)
            if digits := _whole_numbers(text):  # =0101990710006: its 0 lost
                hits = [*hits, *find_personal_data(digits)]
        if not hits:
            continue
        label = _PART_LABELS.get(part, "")
        code, cell, named = _PLACE_CODES[place], _cell(place, where), _named(place, where, label)
        for hit in hits:
            if (place, sheet, where, label, hit.masked) not in seen:
                seen.add((place, sheet, where, label, hit.masked))
                found.append(issue(code, sheet, cell, hit.masked, kind=PERSONAL_DATA_KIND[hit.kind], **named))
        if len(found) >= MAX_ISSUES:
            break
    return found


def _named(place: str, where: str, label: str) -> dict[str, str]:
    """What the message of a place names besides its sheet and cell: a property, or a defined name or an object by
    its name, masked; the part of a header or footer, a data validation or an object, by its label's key."""
    if place == "property":
        return {"property": where}
    if place == "defined-name":
        return {"name": mask_file_name(where)}
    if place in _OBJECTS:
        return {"name": mask_file_name(where), "part": label}
    return {"part": label} if label else {}


def _cell(place: str, where: str) -> str:
    """The cells of a data validation, the cell of a hyperlink; the other places have none of their own."""
    return where if place in ("validation", "hyperlink") else ""


def _whole_numbers(text: str) -> str:
    """The digits of each whole number among the values of `text` (one, or many joined by VALUES_SEPARATOR) that
    may be a JMBG kept as a number, joined as they are ("" where none is): as a cell's (_as_text)."""
    numbers = [_as_text(float(v)) for v in text.split(VALUES_SEPARATOR) if len(v) < 40 and _WHOLE_NUMBER.fullmatch(v)]
    return VALUES_SEPARATOR.join(n for n in numbers if n)


# The texts found to hold no personal data, by how they were searched, kept for the reports that follow: every
# template has the same names, input messages and error alerts, and each institution's the same header, in every
# report. Only texts that hold none are kept, no more than so many, and none longer than Excel lets one be typed
# (a crafted file's long texts would hold memory in the add-in server for as long as it runs).
_HOLD_NOTHING: set[tuple[Callable[[str], list[PersonalDataHit]], str]] = set()
_HOLD_NOTHING_KEPT = 10_000
_HOLD_NOTHING_LONGEST = 1_000  # characters; a header, an input message or an error alert has at most 255


def _hits(search: Callable[[str], list[PersonalDataHit]], text: str) -> list[PersonalDataHit]:
    """search(text), unless the text is known to hold nothing."""
    if (search, text) in _HOLD_NOTHING:
        return []
    hits = search(text)
    if not hits and len(text) <= _HOLD_NOTHING_LONGEST and len(_HOLD_NOTHING) < _HOLD_NOTHING_KEPT:
        _HOLD_NOTHING.add((search, text))
    return hits


def _own_sheet(reference: re.Match[str], grid: Grid) -> str:
    """A sheet's reference left out (its "!" kept) where the sheet is one of the workbook's."""
    name = reference[1].replace("''", "'") if reference[1] else reference[2]
    return "!" if name in grid.sheets else reference[0]


def _as_text(value: Any) -> str | None:
    """A cell's value as text to search for personal data: text as it is; a whole number of 9 digits or more as
    its digits (a JMBG typed into a cell is stored as a number, and one of a day 01-09 has lost its first 0)."""
    if type(value) is str:
        return value
    whole = isinstance(value, int | float) and not isinstance(value, bool) and abs(value) < 1e15 and value == int(value)
    digits = str(abs(int(value))) if whole else ""
    if len(digits) < 9:
        return None
    return digits.zfill(13) if len(digits) == 12 else digits


def _header_row(rows: list[list[Any]]) -> list[str]:
    return [cell_text(v if v is not None else "") for v in rows[HEADER_ROW - 1]] if len(rows) >= HEADER_ROW else []


def _like_template_sheets(grid: Grid, layout: WorkbookLayout) -> Iterator[tuple[str, SheetLayout]]:
    """(name, template sheet) for each sheet not named as one of the template's whose header row starts with that
    template sheet's headers, the template's sheets in their order (the Cover and the Narrative have the same)."""
    names = {sheet.name for sheet in layout.sheets}
    heads = [(sheet, [cell_text(c.header) for c in sheet.columns]) for sheet in layout.sheets]
    for name, rows in grid.sheets.items():
        if name not in names:
            row = _header_row(rows)
            yield from ((name, sheet) for sheet, head in heads if row[: len(head)] == head)


def _renamed_as(grid: Grid, layout: WorkbookLayout, sheet: SheetLayout) -> str | None:
    """The name a missing template sheet has now: the one sheet that is none of the template's and has its headers
    (a sheet renamed, "Zadaci mart 2018"); None when there is none, or more than one."""
    like = _like_template_sheets(grid, layout)
    found = [name for name, of in like if of.name == sheet.name and name != META_SHEET]
    return found[0] if len(found) == 1 else None


def _copied_sheets(grid: Grid, layout: WorkbookLayout) -> list[Issue]:
    """A copy of a template's sheet (its headers, another name: "Zadaci (2)"), which an officer may fill in instead
    of the sheet itself: it is not read. Where a sheet of the template is missing, its sheet-missing issue says it
    all (a sheet renamed is one change); a sheet of the officer's own is no concern of the report."""
    if not {sheet.name for sheet in layout.sheets} <= grid.sheets.keys():
        return []
    copied: dict[str, str] = {}  # a copy of the Cover's headers is named the Cover's, the first with them
    for name, like in _like_template_sheets(grid, layout):
        copied.setdefault(name, like.name)
    return [issue("sheet-copied", name, "", name, expected=of) for name, of in copied.items()]


def _check_meta(meta: dict[str, str], plan: Plan, registry: InstitutionRegistry) -> list[Issue]:
    cells = {"plan_id": "B2", "institution": "B3", "period": "B4", "kind": "B5", "lang": "B6"}
    for field, cell in cells.items():
        if not meta.get(field):
            return [issue("metadata-invalid", META_SHEET, cell, "", field=field)]
    if meta["plan_id"] != plan.id:
        if (before := _before_plan(meta["period"], plan)) is not None:  # a late report of the plan before this one
            return [issue("report-of-earlier-plan", META_SHEET, "B2", meta["plan_id"], expected=plan.id, **before)]
        return [issue("plan-mismatch", META_SHEET, "B2", meta["plan_id"], expected=plan.id)]
    if meta["institution"] not in registry:
        # A code the registry lacks is the registry's doing (the institution removed, or not added yet), not the
        # officer's: said so, with whom to ask. What cannot be a code at all was typed into the hidden sheet.
        if re.fullmatch(CODE_PATTERN, meta["institution"]):
            return [issue("institution-not-in-registry", META_SHEET, "B3", meta["institution"])]
        return [issue("metadata-invalid", META_SHEET, "B3", meta["institution"], field="institution")]
    try:
        period = Period.parse(meta["period"])
    except ValueError:  # a PeriodError, or a year the Period model refuses (9999-12 typed into `_apmon`)
        return [issue("metadata-invalid", META_SHEET, "B4", meta["period"], field="period")]
    if str(period) != meta["period"]:  # digits of another script ("２０１８-03"): a period of its own in the ledger
        return [issue("metadata-invalid", META_SHEET, "B4", meta["period"], field="period")]
    if meta["kind"] != period.kind:
        return [issue("metadata-invalid", META_SHEET, "B5", meta["kind"], field="kind")]
    # A month before the plan is the earlier plan's. One after it is not refused: until the next plan is in force,
    # the institutions go on reporting on this one's tasks (its deadlines passed, its statuses still news).
    if period.last_day < plan.start:
        first, last = plan.month_span()
        return [issue("period-outside-plan", META_SHEET, "B4", str(period), plan=plan.id, first=first, last=last)]
    if meta["lang"] not in LANGS:
        return [issue("metadata-invalid", META_SHEET, "B6", meta["lang"], field="lang")]
    return []


def _before_plan(period_text: str, plan: Plan) -> dict[str, str] | None:
    """The fields of the message for a report of a period before `plan` starts (None for any other period)."""
    try:
        period = Period.parse(period_text)
    except ValueError:
        return None
    return {"period": str(period), "start": plan.month_span()[0]} if period.last_day < plan.start else None


def _options(prefix: str, codes: tuple[str, ...]) -> dict[str, str]:
    """Every language's label of each choice, lower-cased -> code, plus the code itself."""
    options = {code: code for code in codes}
    for code in codes:
        for text in all_variants(f"{prefix}.{code}"):
            options[" ".join(text.lower().split())] = code
    return options


STATUS_OPTIONS = _options("status", TASK_STATUSES)
ASSESSMENT_OPTIONS = _options("assessment", ASSESSMENTS)


class _Reader:
    """Reads one workbook's sheets through its layout, collecting issues as it goes."""

    def __init__(self, grid: Grid, layout: WorkbookLayout, compare_locked: bool, issues: list[Issue]) -> None:
        self.grid = grid
        self.layout = layout
        self.compare_locked = compare_locked
        self.issues = issues
        self.narrative_cells: dict[str, str] = {}
        self.columns: dict[str, dict[int, int]] = {}  # by sheet where a column was inserted: template column -> now
        self.inputs: dict[str, set[str]] = {}  # by sheet: the A1 cells of every input read
        self.right_to_left = set(grid.right_to_left)

    # --- generic machinery ---

    def _sheet(self, role: str) -> SheetLayout | None:
        sheet = self.layout.sheet(role)  # type: ignore[arg-type]
        if sheet.name not in self.grid.sheets:
            now = _renamed_as(self.grid, self.layout, sheet)
            if now is not None:  # named as it is now: "missing" sent the officer after a sheet that is not there
                self.issues.append(issue("sheet-renamed", now, "", now, expected=sheet.name))
            else:
                self.issues.append(issue("sheet-missing", sheet.name, "", None, expected=sheet.name))
            return None
        if self.compare_locked and not self._columns_found(sheet):
            for ci, column in enumerate(sheet.columns, 1):
                self._compare(sheet, HEADER_ROW, ci, column.header, "text")
        return sheet

    def _columns_found(self, sheet: SheetLayout) -> bool:
        """Whether the headers are where the template put them, or found in order with a column inserted among them
        (then noted in self.columns, and one issue at the inserted column)."""
        rows = self.grid.sheets[sheet.name]
        found = [
            cell_text(v if v is not None else "") for v in (rows[HEADER_ROW - 1] if len(rows) >= HEADER_ROW else [])
        ]
        expected = [cell_text(column.header) for column in sheet.columns]
        if found[: len(expected)] == expected:
            return True
        now: dict[int, int] = {}
        at = 0
        for ci, header in enumerate(expected, 1):
            if header not in found[at:]:
                return False  # a header changed or its column deleted: each is compared as a locked cell
            at = found.index(header, at) + 1
            now[ci] = at
        inserted = min(set(range(1, at + 1)) - set(now.values()))
        value = found[inserted - 1] or column_letter(inserted)
        self.issues.append(issue("column-inserted", sheet.name, f"{column_letter(inserted)}{HEADER_ROW}", value))
        self.columns[sheet.name] = now
        return True

    def _compare(
        self, sheet: SheetLayout, row: int, column: int, expected: Any, kind: str, advised: str | None = None
    ) -> None:
        found = self.grid.value(sheet.name, row, column)
        if kind == "amount":
            same = values.amount(found).value == values.amount(expected).value
        else:
            same = cell_text(found if found is not None else "") == cell_text(expected)
        if not same:
            was = cell_text(expected)
            # A locked cell the template left empty (a breakdown an indicator does not ask for): nothing to put back
            advice = {"advice": "stays-empty"} if was == "" else ({"advice": advised} if advised else {})
            self.issues.append(
                issue(
                    "locked-cell-changed",
                    sheet.name,
                    f"{column_letter(column)}{row}",
                    values.text(found) or "",
                    expected=was,
                    **advice,
                )
            )

    def _rows(self, sheet: SheetLayout) -> list[tuple[Row, int]]:
        """(layout row, sheet row number) for each layout row found; reports deleted, moved, duplicated and
        inserted rows. Sheets without a key column are read by position."""
        if sheet.role not in KEYED_SHEETS:
            return [(row, FIRST_DATA_ROW + i) for i, row in enumerate(sheet.rows)]
        expected = [row.key for row in sheet.rows]
        known = set(expected)
        last = max(self.grid.height(sheet.name), FIRST_DATA_ROW + len(expected) - 1)
        where: dict[str, list[int]] = {}
        key_column = self.columns.get(sheet.name, {}).get(1, 1)
        for r in range(FIRST_DATA_ROW, last + 1):
            key = cell_text(self.grid.value(sheet.name, r, key_column) or "")
            if key in known:
                where.setdefault(key, []).append(r)
            elif key or self._has_inputs(sheet, r):
                if sheet.role == "problems":  # one problem too many
                    self.issues.append(issue("problem-row-outside", sheet.name, f"A{r}", r))
                else:
                    self.issues.append(issue("row-inserted", sheet.name, f"A{r}", key or f"{r}"))
        first_rows = sorted((rows[0], key) for key, rows in where.items())
        in_place = _in_order([key for _, key in first_rows], expected)
        found: list[tuple[Row, int]] = []
        moved: list[tuple[Row, int, int]] = []  # (row, its row in the template, its row now)
        for i, row in enumerate(sheet.rows):
            rows = where.get(row.key)
            if not rows:
                if sheet.role != "problems":  # the numbered places for problems: one fewer loses nothing
                    self.issues.append(issue("row-deleted", sheet.name, f"A{FIRST_DATA_ROW + i}", None, key=row.key))
                continue
            if len(rows) > 1:
                self.issues.append(issue("row-duplicated", sheet.name, f"A{rows[1]}", row.key, key=row.key))
            if row.key not in in_place:
                moved.append((row, FIRST_DATA_ROW + i, rows[0]))
            found.append((row, rows[0]))
        if moved:  # rows are read by their keys, so nothing is lost: one warning for the sheet (a sort moves many)
            row, in_template, now = moved[0]
            self.issues.append(
                issue("row-moved", sheet.name, f"A{now}", row.key, key=row.key, expected=in_template, count=len(moved))
            )
        return found

    def _has_inputs(self, sheet: SheetLayout, r: int) -> bool:
        return any(not values.is_blank(self.grid.value(sheet.name, r, ci)) for ci in range(1, len(sheet.columns) + 1))

    def _read(self, sheet: SheetLayout, row: Row, r: int) -> tuple[dict[str, Any], dict[str, str]]:
        """Raw input values and their cells for one row; compares its locked cells."""
        rows = self.grid.sheets.get(sheet.name, [])
        found = rows[r - 1] if r <= len(rows) else []
        plan = sheet.row_cells[row.key]
        width = len(found)
        now = self.columns.get(sheet.name)
        if now is not None:  # a column inserted: each input and locked cell where its header is now
            plan = plan._replace(
                inputs=tuple((key, now[ci], column_letter(now[ci])) for key, ci, _ in plan.inputs),
                locked=tuple((now[ci], *rest) for ci, *rest in plan.locked),
                home=0,
            )
        raw = {key: found[ci - 1] if ci <= width else None for key, ci, _ in plan.inputs}
        # A row is nearly always where the template put it; the report's models copy the cells they are given.
        cells = plan.at_home if r == plan.home else {key: f"{letter}{r}" for key, _, letter in plan.inputs}
        self.inputs.setdefault(sheet.name, set()).update(cells.values())
        if self.compare_locked:
            for ci, expected, text, kind in plan.locked:
                value = found[ci - 1] if ci <= width else None
                # The usual cases, the same text or the same number read back (1.0 for 1), need no more work.
                if value == text or (value is None and not text):
                    continue
                if isinstance(value, int | float) and not isinstance(value, bool) and value == expected:
                    continue
                made_for = sheet.role == "cover" and row.key in MADE_FOR
                self._compare(sheet, r, ci, expected, kind, "made-for" if made_for else None)
        return raw, cells

    def _parsed(self, sheet: SheetLayout, cell: str, parsed: values.CellReading, raw: Any, **params: Any) -> Any:
        if parsed.problem:
            shown = values.excel_error(raw) or values.as_shown(raw)
            self.issues.append(issue(parsed.problem, sheet.name, cell, shown, **dict(parsed.params), **params))
            return None if parsed.problem != "count-negative" else parsed.value
        return parsed.value

    def _number(
        self, sheet: SheetLayout, cell: str, raw: Any, read: Callable[[Any], values.CellReading]
    ) -> values.CellReading:
        """An amount or a count (`read`: values.amount or values.count), refused where its cell reads right to left
        and shows its digits in another order than they are read."""
        if (sheet.name, cell) in self.right_to_left and values.shown_reversed_right_to_left(raw):
            return values.CellReading(problem="number-right-to-left")
        return read(raw)

    def _text(self, sheet: SheetLayout, cell: str, raw: Any) -> str | None:
        if raw is None or raw == "":  # most input cells: nothing more to look at
            return None
        if values.excel_error(raw):
            self.issues.append(issue("excel-error", sheet.name, cell, values.excel_error(raw)))
            return None
        written = values.text(raw)
        # A leading apostrophe says "text" and is no part of it: Excel drops it (one still there was typed as part of
        # the text), Google keeps it in a plain-text cell
        if written and written.startswith("'") and self.grid.apostrophe_kept:
            return written[1:].strip() or None
        return written

    def _choice(self, sheet: SheetLayout, cell: str, raw: Any, options: dict[str, str], shown: tuple[str, ...]) -> Any:
        return self._parsed(sheet, cell, values.choice(raw, options), raw, options=", ".join(shown))

    # --- sheets ---

    def cover(self) -> Cover | None:
        sheet = self._sheet("cover")
        if sheet is None:
            return None
        data: dict[str, Any] = {}
        cells: dict[str, str] = {}
        now = self.columns.get(sheet.name)
        value_column = sheet.column_index("value") + 1  # 1-based, as self.columns maps them
        for row, r in self._rows(sheet):
            raw, where = self._read(sheet, row, r)
            if row.key == "period":  # locked: where a message about the period points the officer
                cells["period"] = f"{column_letter(now[value_column] if now else value_column)}{r}"
            if "value" not in raw:
                continue
            cells[row.key] = where["value"]
            if row.key == "date":
                typed = quoted = raw["value"]
                # A number below 1 in the date's format (0, 0.5) is read as a time, which is not what the cell shows;
                # in a time's format (12:00 typed) it is, quoted as that format shows it (12:00:00, 12:00 PM)
                code = next((c for s, cell, c in self.grid.times if (s, cell) == (sheet.name, where["value"])), None)
                if isinstance(typed, dt.time) and code is None:
                    typed = quoted = values.day_fraction(typed)
                elif isinstance(typed, dt.time | dt.timedelta) and code is not None:
                    quoted = values.time_shown(typed, code)
                elif isinstance(typed, dt.date) and typed.year <= 1900 and code is not None:
                    # 1.25 in h:mm shows 6:00, not 1 January 1900 (days no report's date is near); a date typed there
                    # (Excel shows 0:00) is the date typed
                    held = typed if isinstance(typed, dt.datetime) else dt.datetime.combine(typed, dt.time())
                    typed = held.time()
                    quoted = values.time_shown(typed, code)
                data["date"] = self._parsed(
                    sheet, where["value"], values.date(typed, english=self.layout.meta.lang == "en"), quoted
                )
            else:
                data[row.key] = self._text(sheet, where["value"], raw["value"])
        return Cover(sheet=sheet.name, row=FIRST_DATA_ROW, cells=cells, **data)

    def tasks(self) -> list[TaskEntry]:
        sheet = self._sheet("tasks")
        if sheet is None:
            return []
        entries = []
        for row, r in self._rows(sheet):
            raw, cells = self._read(sheet, row, r)
            data: dict[str, Any] = {}
            for key, value in raw.items():
                if key == "status":
                    data[key] = self._choice(sheet, cells[key], value, STATUS_OPTIONS, sheet.choices("status"))
                elif key == "assessment":
                    data[key] = self._choice(sheet, cells[key], value, ASSESSMENT_OPTIONS, sheet.choices("assessment"))
                else:
                    data[key] = self._text(sheet, cells[key], value)
            role = "lead" if row.values["role"] in all_variants("role.lead") else "partner"
            entries.append(TaskEntry(sheet=sheet.name, row=r, cells=cells, task_id=row.key, role=role, **data))
        return entries

    def activities(self) -> list[ActivityEntry]:
        sheet = self._sheet("activities")
        if sheet is None:
            return []
        entries = []
        for row, r in self._rows(sheet):
            raw, cells = self._read(sheet, row, r)
            entries.append(
                ActivityEntry(
                    sheet=sheet.name,
                    row=r,
                    cells=cells,
                    activity_id=row.key,
                    assessment=self._choice(
                        sheet, cells["assessment"], raw["assessment"], ASSESSMENT_OPTIONS, sheet.choices("assessment")
                    ),
                    assessment_note=self._text(sheet, cells["assessment_note"], raw["assessment_note"]),
                )
            )
        return entries

    def budget(self, plan: Plan, year: int) -> list[BudgetEntry]:
        sheet = self._sheet("budget")
        if sheet is None:
            return []
        meta = self.layout.meta
        lines = {
            a.line_id: a.line for a in institution_budget_lines(plan, meta.institution, year, meta.template_version)
        }
        entries = []
        for row, r in self._rows(sheet):
            raw, cells = self._read(sheet, row, r)
            data: dict[str, Any] = {}
            written: dict[str, str] = {}
            for key, value in raw.items():
                if key == "note":
                    data[key] = self._text(sheet, cells[key], value)
                    continue
                parsed = self._number(sheet, cells[key], value, values.amount)
                data[key] = self._parsed(sheet, cells[key], parsed, value)
                if parsed.currency:
                    written[key] = parsed.currency
            line = lines[row.key]
            entries.append(
                BudgetEntry(
                    sheet=sheet.name,
                    row=r,
                    cells=cells,
                    line_id=row.key,
                    task_id=row.values["task"],
                    currency=line.currency,
                    planned=line.amount,
                    currency_written=written,
                    **data,
                )
            )
        return entries

    def indicators(self) -> list[IndicatorEntry]:
        sheet = self._sheet("indicators")
        if sheet is None:
            return []
        entries = []
        for row, r in self._rows(sheet):
            raw, cells = self._read(sheet, row, r)
            data: dict[str, Any] = {}
            for key, value in raw.items():
                if key in ("value", "note"):
                    data[key] = self._text(sheet, cells[key], value)
                else:
                    data[key] = self._parsed(
                        sheet, cells[key], self._number(sheet, cells[key], value, values.count), value
                    )
            entries.append(IndicatorEntry(sheet=sheet.name, row=r, cells=cells, indicator_id=row.key, **data))
        return entries

    def problems(self) -> list[ProblemEntry]:
        sheet = self._sheet("problems")
        if sheet is None:
            return []
        task_choices = sheet.choices("task")
        entries = []
        for row, r in self._rows(sheet):
            raw, cells = self._read(sheet, row, r)
            if all(values.is_blank(v) for v in raw.values()):
                continue
            task = self._choice(sheet, cells["task"], raw["task"], {t: t for t in task_choices}, task_choices)
            entries.append(
                ProblemEntry(
                    sheet=sheet.name,
                    row=r,
                    cells=cells,
                    no=int(row.key),
                    task_id=task,
                    description=self._text(sheet, cells["description"], raw["description"]),
                    measures=self._text(sheet, cells["measures"], raw["measures"]),
                )
            )
        return entries

    def observations(self) -> list[ObservationEntry]:
        sheet = self._sheet("observations")
        if sheet is None:
            return []
        entries = []
        for row, r in self._rows(sheet):
            raw, cells = self._read(sheet, row, r)
            texts = {key: self._text(sheet, cells[key], value) for key, value in raw.items()}
            entries.append(ObservationEntry(sheet=sheet.name, row=r, cells=cells, activity_id=row.key, **texts))
        return entries

    def narrative(self, role: str = "narrative") -> dict[str, str | None]:
        """The texts of the annual narrative, or of a member's short report (role "member")."""
        sheet = self._sheet(role)
        if sheet is None:
            return {}
        texts: dict[str, str | None] = {}
        for row, r in self._rows(sheet):
            raw, cells = self._read(sheet, row, r)
            texts[row.key] = self._text(sheet, cells["text"], raw["text"])
            self.narrative_cells[row.key] = cells["text"]
        return texts

    def instructions(self) -> None:
        sheet = self._sheet("instructions")
        if sheet is not None:
            for row, r in self._rows(sheet):
                self._read(sheet, row, r)


def _in_order(found: list[str], expected: list[str]) -> set[str]:
    """The keys of `found` that are in their expected relative order: a longest increasing subsequence
    of expected positions. The others are the moved ones."""
    position = {key: i for i, key in enumerate(expected)}
    seq = [position[k] for k in found]
    if all(a < b for a, b in itertools.pairwise(seq)):
        return set(found)  # the usual case: nothing moved
    tails: list[int] = []  # indices into seq
    parent = [-1] * len(seq)
    for i, p in enumerate(seq):
        lo, hi = 0, len(tails)
        while lo < hi:
            mid = (lo + hi) // 2
            if seq[tails[mid]] < p:
                lo = mid + 1
            else:
                hi = mid
        parent[i] = tails[lo - 1] if lo else -1
        if lo == len(tails):
            tails.append(i)
        else:
            tails[lo] = i
    keep: set[str] = set()
    i = tails[-1] if tails else -1
    while i >= 0:
        keep.add(found[i])
        i = parent[i]
    return keep
