"""The one layout specification of a report workbook.

`report_layout()` turns the plan, an institution, a period, a kind and a
language into a `WorkbookLayout`: every sheet, column, locked value, input
cell and dropdown. The xlsx and Google Sheets builders render it; the parser
rebuilds it from the workbook's metadata and reads the workbook through it,
so building and parsing cannot drift apart. Pure: no I/O.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
from collections.abc import Iterable
from decimal import Decimal
from functools import cached_property
from typing import Any, Literal, NamedTuple

from pydantic import BaseModel, ConfigDict, Field, field_validator

from apmon.schemas.a1 import column_letter
from apmon.schemas.calendar import Period, ReportKind, WorkingCalendar
from apmon.schemas.dates import day_said
from apmon.schemas.institutions import InstitutionRegistry
from apmon.schemas.messages import INSTRUCTION_KEYS, LABELS, said_if_month, text_of
from apmon.schemas.paper import MIN_SHRUNK_WIDTH, fit_widths
from apmon.schemas.plan import BREAKDOWN_GROUPS, AccountLine, Plan, Task, derived
from apmon.schemas.said import Phrase, SaidError
from apmon.schemas.text import Lang, Text, cell_safe, slash_words_latin

TEMPLATE_VERSION = "8"
# The versions whose templates are still read, each compared with a layout built as that version built it.
# 8: the Problems sheet's task dropdown asks for the task the problem is about; 7 and before prompted "Choose the
# task's task from the list." (the status prompt with its word replaced).
# 7: the locked dates (the Cover's due date, the Tasks sheet's deadlines) said as the template's reader writes dates
# (schemas.dates: 10 Apr 2018 in English, 10.04.2018. in Serbian); 6 and before wrote 10.04.2018 in every language.
# 6: the instructions say not to merge cells (two tasks' merged cells are read as one); the annual report's ask for
# the amounts spent in the year, the one amount its Budget sheet has, where 5 and before asked for the amounts spent
# in the period and since the start of the year, as the monthly's do.
# 5: the Budget sheet's donor (TAIEX, a donor's project) in the template's language, shown for reading as the plan's
# other texts are; 4 and before showed it in English, compared.
# 4: the plan's texts (the plan's title, task, activity and indicator texts) in the template's language, as shown
# for reading only: neither compared nor in the fingerprint, so an official wording put in later (`apmon plan texts
# import`) leaves the templates already handed out valid. 3 and before showed them in English, compared.
# 3: the Budget sheet lists the lines the institution owns (each plan line in one template: a payer-less line
# of a task with two leads is the first lead's) and a line at the institution's level for a section 11 figure
# with no task line; a line with no year shows the plan period. 2 and 1 listed a payer-less line for every lead.
# 2: a word with one slash between letters is transliterated ("Извештај припремио/ла" on the Cyrillic cover);
# 1 had kept it Latin ("Извештај pripremio/la").
READ_VERSIONS = ("1", "2", "3", "4", "5", "6", "7", "8")
_ENGLISH_TEXTS = ("1", "2", "3")
_BEFORE_6 = ("1", "2", "3", "4", "5")  # instructions as before version 6 (see TEMPLATE_VERSION)
_ENGLISH_DONORS = ("1", "2", "3", "4")
_NUMERIC_DATES = ("1", "2", "3", "4", "5", "6")  # dates as 10.04.2018 in every language (see TEMPLATE_VERSION)
_BEFORE_8 = ("1", "2", "3", "4", "5", "6", "7")  # the Problems sheet's task prompt as before version 8
META_SHEET = "_apmon"  # hidden; language-neutral so it is found whatever the template's language
TITLE_ROW = 1
HINT_ROW = 2
HEADER_ROW = 3
# A bold header letter in widths of the digit "0" that a column's width counts: Cyrillic ш, м, ж are the widest.
HEADER_LETTER = 1.2
FIRST_DATA_ROW = 4
PROBLEM_ROWS = 30  # free rows on the Problems sheet

TASK_STATUSES = ("not-started", "in-progress", "delayed", "completed")
ASSESSMENTS = ("completed", "partially-completed", "not-completed")  # seed 10.3

SheetRole = Literal[
    "cover", "tasks", "activities", "budget", "indicators", "problems", "narrative", "member", "observations",
    "instructions",
]  # fmt: skip
# What an institution owes the Coordinator (reporting_duties): "tasks", the full monthly and annual report of
# the tasks it leads or partners; "member", a Working Group member without tasks: a short monthly report on its
# area (seed 10.2); "observer", a civil society representative: monthly observations per activity (seed 10.1).
ReportingDuty = Literal["tasks", "member", "observer"]
DUTIES: tuple[ReportingDuty, ...] = ("tasks", "member", "observer")
MEMBER_PARTS = ("activities", "problems", "proposals")  # the rows of the member's short report
ValueKind = Literal["text", "choice", "amount", "count", "date"]


class NoTasksError(SaidError, ValueError):
    """The institution owes no report of the period's kind under the plan, so it has no template."""


class CellRule(BaseModel):
    """A data-validation rule on input cells (Excel data validation, Google setDataValidation)."""

    model_config = ConfigDict(frozen=True)

    kind: Literal["list", "decimal", "whole", "date"]
    choices: tuple[str, ...] = ()
    prompt: str
    error: str


class Column(BaseModel):
    model_config = ConfigDict(frozen=True)

    key: str
    header: str
    width: int = Field(description="In characters.")
    input: bool = False
    kind: ValueKind = "text"
    rule: CellRule | None = None
    wrap: bool = False

    @property
    def shown_width(self) -> int:
        """The width the column is written with: `width`, or more where the header's longest word would not fit
        (a spreadsheet breaks such a word mid-way, "Godin a"). Not part of the pinned layout."""
        longest = max((len(word) for word in self.header.split()), default=0)
        return max(self.width, math.ceil(longest * HEADER_LETTER) + 1)


def header_lines(header: str, width: int) -> int:
    """The lines a header wraps to in a column `width` wide, word by word as a spreadsheet wraps it."""
    room = width - 1  # about one character of margins
    lines, used = 1, 0.0
    for word in header.split():
        need = len(word) * HEADER_LETTER
        if used and used + HEADER_LETTER + need > room:
            lines, used = lines + 1, need
        else:
            used += (HEADER_LETTER if used else 0) + need
    return lines


class Row(BaseModel):
    model_config = ConfigDict(frozen=True)

    key: str = Field(description="What the row stands for: a task id, a budget line id, a cover field...")
    values: dict[str, Any] = Field(default_factory=dict, description="Locked values by column key.")
    inputs: tuple[str, ...] | None = Field(
        default=None, description="Input columns of this row, where they differ from the sheet's input columns."
    )
    shown: tuple[str, ...] = Field(
        default=(), description="Locked columns holding a plan text shown for reading: never compared."
    )

    @field_validator("values")
    @classmethod
    def _cells_hold_them(cls, values: dict[str, Any]) -> dict[str, Any]:
        """Texts as a cell holds them (a plan text may carry a control character or be too long for a cell), so the
        builders write and the parser compares the same texts."""
        return {key: cell_safe(v) if isinstance(v, str) else v for key, v in values.items()}


class RowCells(NamedTuple):
    """A layout row's input columns and locked cells, worked out once per sheet."""

    inputs: tuple[tuple[str, int, str], ...]  # (column key, 1-based column, its letter)
    locked: tuple[tuple[int, Any, str, ValueKind], ...]  # (1-based column, value, value as text, kind)
    home: int  # the sheet row where the template puts the row
    at_home: dict[str, str]  # input column key -> its A1 cell in the home row (shared: read only)


class SheetLayout(BaseModel):
    model_config = ConfigDict(frozen=True)

    role: SheetRole
    name: str
    title: str
    columns: list[Column]
    rows: list[Row]
    # What this sheet says under its title after the general hint (a successor's Budget sheet in the year of its
    # split: only its own months). Shown, never compared: not part of the pinned layout, nor of the fingerprint.
    hint: str = Field(default="", exclude=True)

    def column_index(self, key: str) -> int:
        """0-based index of column `key`."""
        return next(i for i, c in enumerate(self.columns) if c.key == key)

    def choices(self, key: str) -> tuple[str, ...]:
        """The dropdown options of column `key` (empty when it has none)."""
        rule = self.columns[self.column_index(key)].rule
        return rule.choices if rule else ()

    def input_keys(self, row: Row) -> tuple[str, ...]:
        if row.inputs is not None:
            return row.inputs
        return tuple(c.key for c in self.columns if c.input)

    def cell(self, row_index: int, key: str) -> str:
        """A1 reference of data row `row_index` (0-based), column `key`."""
        return f"{column_letter(self.column_index(key) + 1)}{FIRST_DATA_ROW + row_index}"

    @cached_property
    def texts(self) -> frozenset[str]:
        """Every text the template itself writes on the sheet (title, headers, locked values, dropdown labels)."""
        found = {self.title, self.hint, *(c.header for c in self.columns)}
        found |= {label for c in self.columns if c.rule for label in c.rule.choices}
        found |= {v for row in self.rows for v in row.values.values() if isinstance(v, str)}
        return frozenset(found)

    @cached_property
    def row_cells(self) -> dict[str, RowCells]:
        """RowCells by row key: what the parser reads and compares in every row of every report."""
        found = {}
        columns = [(c.key, ci, column_letter(ci), c.kind) for ci, c in enumerate(self.columns, 1)]
        split: dict[tuple[str, ...], tuple[list[Any], list[Any]]] = {}  # by input keys: most rows share one
        for home, row in enumerate(self.rows, FIRST_DATA_ROW):
            keys = self.input_keys(row)
            if keys not in split:
                split[keys] = ([c for c in columns if c[0] in keys], [c for c in columns if c[0] not in keys])
            inputs, locked = split[keys]
            values, shown = row.values, row.shown
            found[row.key] = RowCells(
                inputs=tuple((key, ci, letter) for key, ci, letter, _ in inputs),
                locked=tuple(
                    (ci, values.get(key), cell_text(values.get(key)), kind)
                    for key, ci, _, kind in locked
                    if key not in shown
                ),
                home=home,
                at_home={key: f"{letter}{home}" for key, _, letter, _ in inputs},
            )
        return found


class TemplateMeta(BaseModel):
    """What the hidden metadata sheet records about a workbook."""

    model_config = ConfigDict(frozen=True)

    template_version: str = TEMPLATE_VERSION
    plan_id: str
    institution: str
    period: str
    kind: ReportKind
    lang: Lang
    fingerprint: str = ""
    created: str = ""
    submitted_at: str = ""


class WorkbookLayout(BaseModel):
    model_config = ConfigDict(frozen=True)

    meta: TemplateMeta
    sheets: list[SheetLayout]

    def sheet(self, role: SheetRole) -> SheetLayout:
        return next(s for s in self.sheets if s.role == role)

    def has(self, role: SheetRole) -> bool:
        return any(s.role == role for s in self.sheets)

    def cell_of(self, role: SheetRole, key: str, column: str) -> tuple[str, str]:
        """(sheet name, A1 cell) of input or value `column` in the row `key` of sheet `role`."""
        sheet = self.sheet(role)
        index = next(i for i, row in enumerate(sheet.rows) if row.key == key)
        return sheet.name, sheet.cell(index, column)


def hint_row(sheet: SheetLayout, lang: Lang) -> str:
    """The text of a sheet's hint row (HINT_ROW) as the builders write it: the sheet's own hint, else the general one.
    One line that the screen shows whole: a longer one ran off screen, and Google refuses to merge A2 (a frozen
    column) with the columns beside it to wrap it; every other sheet shows the general hint."""
    if sheet.role == "instructions":
        return ""
    return sheet.hint or text_of("hint.inputs", lang)


def institution_tasks(plan: Plan, institution: str) -> list[tuple[Task, Literal["lead", "partner"]]]:
    """The tasks an institution reports on: those it leads or is a named partner in, in plan order."""
    found: list[tuple[Task, Literal["lead", "partner"]]] = []
    for task in plan.tasks():
        if institution in task.lead:
            found.append((task, "lead"))
        elif institution in task.partners:
            found.append((task, "partner"))
    return found


def reporting_duties(plan: Plan, registry: InstitutionRegistry) -> dict[str, ReportingDuty]:
    """What each institution owes the Coordinator under `plan`, in registry order; the others owe nothing.

    The one answer to "who is asked", for templates, reminders, the master and the reports. The bodies that
    receive reports (the Council, the Coordinator, the Working Group as a body: `reports` false) are never
    asked, even where the plan names them lead of a task. An institution that leads or partners a task owes the
    full report; a Working Group member without one the short member report; a civil society representative
    without one its observations."""

    def find() -> dict[str, ReportingDuty]:
        duties: dict[str, ReportingDuty] = {}
        for inst in registry.institutions:
            if not inst.reports:
                continue
            # a ministry split in two held its tasks until its last month: the plan as it stood then (Plan.on)
            last = Period.parse(inst.reports_until).last_day if inst.reports_until else plan.end
            if institution_tasks(plan.on(last), inst.code):
                duties[inst.code] = "tasks"
            elif inst.civil_society_representative:
                duties[inst.code] = "observer"
            elif inst.working_group_member:
                duties[inst.code] = "member"
        return duties

    flags = tuple(
        (i.code, i.reports, i.working_group_member, i.civil_society_representative, i.reports_until)
        for i in registry.institutions
    )
    return dict(derived(plan, ("duties", flags), find))


def owes(duty: ReportingDuty | None, kind: ReportKind) -> bool:
    """Whether a duty includes reports of `kind`: the annual report (seed 10.2) is the task holders'."""
    return duty == "tasks" or (duty is not None and kind == "monthly")


def reporting_institutions(
    plan: Plan, registry: InstitutionRegistry, kind: ReportKind | None = None, period: Period | None = None
) -> list[str]:
    """The institutions that owe reports (of `kind`, or of any kind; for `period`, by the months each reports
    for: `Institution.reports_for`), in registry order."""
    return [
        code
        for code, duty in reporting_duties(plan, registry).items()
        if (kind is None or owes(duty, kind)) and (period is None or registry.get(code).reports_for(period.last_day))
    ]


def institution_budget_lines(
    plan: Plan, institution: str, year: int, template_version: str = TEMPLATE_VERSION
) -> list[AccountLine]:
    """The budget lines an institution accounts for in `year`, as its templates of `template_version` list them.

    From version 3, the lines it owns (`Plan.account_lines`: each plan amount in one template); before, its own
    state-budget lines and the donor and TAIEX lines of every task it leads where the plan names no payer. Lines
    with no year are reported in every year. The line id is stable across periods.
    """

    def find() -> list[AccountLine]:
        if template_version not in ("1", "2"):
            return [a for a in plan.account_lines() if a.owner == institution and a.line.year in (None, year)]
        found = []
        for task in plan.tasks():
            for n, line in enumerate(task.budget, 1):
                if line.source in ("no-cost", "cost-unknown"):
                    continue
                own = line.payer == institution or (line.payer is None and institution in task.lead)
                if own and line.year in (None, year):
                    found.append(AccountLine(f"{task.id}/{n}", task.id, institution, line))
        return found

    old = template_version in ("1", "2")  # every later version lists the same lines
    return list(derived(plan, ("budget lines", institution, year, old), find))  # read for every report parsed


def report_layout(
    plan: Plan,
    registry: InstitutionRegistry,
    institution: str,
    period: Period,
    lang: Lang,
    calendar: WorkingCalendar | None = None,
    template_version: str = TEMPLATE_VERSION,
) -> WorkbookLayout:
    """The layout of `institution`'s report for `period` (monthly for YYYY-MM, annual for YYYY), as templates
    of `template_version` (one of READ_VERSIONS) have it."""
    with slash_words_latin(template_version == "1"):
        return _report_layout(plan, registry, institution, period, lang, calendar, template_version)


def _report_layout(
    plan: Plan,
    registry: InstitutionRegistry,
    institution: str,
    period: Period,
    lang: Lang,
    calendar: WorkingCalendar | None,
    version: str,
) -> WorkbookLayout:
    inst = registry.get(institution)
    kind = period.kind
    duty = reporting_duties(plan, registry).get(institution)
    plan = plan.on(period.last_day)  # before a split its predecessor's tasks and lines, as its templates had them
    if not owes(duty, kind):
        owed = Phrase(f"template.owed.{duty}") if duty else Phrase("template.owed.none")
        if not inst.reports:  # the Council, the Coordinator, the Working Group: never asked (reporting_duties)
            owed = Phrase("template.owed.receiver")
        fields = {"name": inst.name.in_sentence(first=True), "institution": institution, "plan": plan.id, "owed": owed}
        raise NoTasksError(f"template.no_tasks.{kind}", **fields)
    assert duty is not None  # owes() is false without a duty
    due = (calendar or WorkingCalendar()).due_date(period).due
    cover = on_paper(
        _cover(
            inst.name_on(period.last_day).said(lang),
            institution,
            period,
            kind,
            due,
            _texts(plan, lang, version),
            lang,
            duty,
            version,
        )
    )
    # Only the cover depends on the month: the other sheets (and their share of the fingerprint) are
    # built once per institution, year and language, which keeps a sync of many reports fast.
    parts = [(cover, _locked_json(cover))]
    parts += [
        _sheet(plan, role, institution, kind, period.year, lang, version, duty) for role in sheet_roles(kind, duty)[1:]
    ]
    meta = TemplateMeta(
        template_version=version, plan_id=plan.id, institution=institution, period=str(period), kind=kind, lang=lang
    )
    return WorkbookLayout(
        meta=meta.model_copy(update={"fingerprint": _hash(part for _, part in parts)}),
        sheets=[sheet for sheet, _ in parts],
    )


def sheet_roles(kind: ReportKind, duty: ReportingDuty = "tasks") -> list[SheetRole]:
    """The report's sheets in order (the metadata sheet apart)."""
    if duty == "member":
        return ["cover", "member", "instructions"]
    if duty == "observer":
        return ["cover", "observations", "instructions"]
    roles: list[SheetRole] = ["cover", "tasks", "activities", "budget", "indicators", "problems", "narrative"]
    if kind == "monthly":
        roles = [r for r in roles if r not in ("activities", "narrative")]
    return [*roles, "instructions"]


def sheet_names(kind: ReportKind, lang: Lang, duty: ReportingDuty = "tasks") -> list[str]:
    """The names of a template's sheets as built, the metadata sheet included."""
    return [*(text_of(f"sheet.{role}", lang) for role in sheet_roles(kind, duty)), META_SHEET]


def _tasks_of(plan: Plan, institution: str) -> list[tuple[Task, Literal["lead", "partner"]]]:
    return list(derived(plan, ("tasks", institution), lambda: institution_tasks(plan, institution)))


def _sheet(
    plan: Plan,
    role: SheetRole,
    institution: str,
    kind: ReportKind,
    year: int,
    lang: Lang,
    version: str,
    duty: ReportingDuty = "tasks",
) -> tuple[SheetLayout, str]:
    """One sheet other than the cover, with its locked cells as JSON."""

    def build() -> tuple[SheetLayout, str]:
        tasks = _tasks_of(plan, institution)
        texts = _texts(plan, lang, version)
        sheet = {
            "tasks": lambda: _tasks(plan, tasks, kind, texts, lang, version),
            "activities": lambda: _activities(plan, tasks, texts, lang),
            "budget": lambda: _budget(plan, institution, year, kind, lang, version),
            "indicators": lambda: _indicators(plan, tasks, texts, lang),
            "problems": lambda: _problems(tasks, lang, version),
            "narrative": lambda: _narrative(lang),
            "member": lambda: _member(lang),
            "observations": lambda: _observations(plan, texts, lang),
            "instructions": lambda: _instructions(lang, duty, kind, version),
        }[role]()
        sheet = on_paper(sheet)
        return sheet, _locked_json(sheet)

    key = ("sheet", role, institution, kind, year if role == "budget" else 0, lang, version, duty)
    return derived(plan, key, build)


def on_paper(sheet: SheetLayout) -> SheetLayout:
    """`sheet` with its wrapped columns narrowed as far as it takes to print one A4 page wide at about 8 pt or more
    (schemas.paper.fit_widths): a narrower column wraps its text on more lines instead of shrinking the print."""
    widths = fit_widths(
        [c.width for c in sheet.columns], [MIN_SHRUNK_WIDTH if c.wrap else c.width for c in sheet.columns]
    )
    if widths == [c.width for c in sheet.columns]:
        return sheet
    columns = [c.model_copy(update={"width": w}) for c, w in zip(sheet.columns, widths, strict=True)]
    return sheet.model_copy(update={"columns": columns})


def _hash(parts: Iterable[str]) -> str:
    """The fingerprint: a hash of every sheet's locked values and headers as one JSON list (the sheets'
    `_locked_json` parts, in order), so a changed, moved or deleted locked cell changes it."""
    cells = "[" + ", ".join(part for part in parts if part) + "]"
    return hashlib.sha256(cells.encode("utf-8")).hexdigest()[:32]


def _locked_json(sheet: SheetLayout) -> str:
    """The sheet's locked cells as the items of a JSON list (without the brackets)."""
    return json.dumps(locked_cells(sheet), ensure_ascii=False)[1:-1]


def locked_cells(sheet: SheetLayout) -> list[tuple[str, str, str]]:
    """(sheet role, A1 cell, value as text) of every header and locked data cell of a sheet, in a fixed order."""
    cells: list[tuple[str, str, str]] = [
        (sheet.role, f"{column_letter(ci)}{HEADER_ROW}", c.header) for ci, c in enumerate(sheet.columns, 1)
    ]
    for ri, row in enumerate(sheet.rows):
        for ci, _, text, _ in sheet.row_cells[row.key].locked:
            cells.append((sheet.role, f"{column_letter(ci)}{FIRST_DATA_ROW + ri}", text))
    return cells


def cell_text(value: Any) -> str:
    """Canonical text of a locked value, the same whichever backend read it back."""
    if isinstance(value, str):  # the most common, first
        return value.strip()
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float | Decimal):
        # 79300.5 (a float read back) and Decimal("79300.50") (the plan) are the same number.
        return format(Decimal(str(value)).normalize(), "f")
    return str(value).strip()


# --- sheets -------------------------------------------------------------------


def _choice(prefix: str, keys: tuple[str, ...], lang: Lang, prompt: str) -> CellRule:
    return CellRule(
        kind="list",
        choices=tuple(text_of(f"{prefix}.{k}", lang) for k in keys),
        prompt=text_of(prompt, lang),
        error=text_of("error.list", lang),
    )


def _amount(lang: Lang) -> CellRule:
    return CellRule(kind="decimal", prompt=text_of("prompt.amount", lang), error=text_of("error.amount", lang))


def _count(lang: Lang) -> CellRule:
    return CellRule(kind="whole", prompt=text_of("prompt.count", lang), error=text_of("error.count", lang))


class _PlanTexts(NamedTuple):
    """The plan's texts as a template of some version and language shows them."""

    plan: Plan
    lang: Lang
    english: bool  # versions 1-3: the English, compared as locked cells

    def of(self, text: Text) -> str:
        return text.en if self.english else text.in_lang(self.lang)

    def keys(self, *columns: str) -> tuple[str, ...]:
        """`columns` as a row's shown columns: none for a version that compares its texts."""
        return () if self.english else columns


def _texts(plan: Plan, lang: Lang, version: str) -> _PlanTexts:
    return _PlanTexts(plan, lang, version in _ENGLISH_TEXTS)


def _date_text(day: dt.date, lang: Lang, version: str) -> str:
    """A locked date as templates of `version` write it."""
    return day.strftime("%d.%m.%Y") if version in _NUMERIC_DATES else day_said(day, lang)


def _deadline_text(plan: Plan, task: Task, lang: Lang, version: str) -> str:
    deadline = plan.activity_of(task.id).deadline
    return text_of(f"deadline.{deadline.kind}", lang, date=_date_text(deadline.end, lang, version))


def _cover(
    name: str,
    code: str,
    period: Period,
    kind: ReportKind,
    due: dt.date,
    texts: _PlanTexts,
    lang: Lang,
    duty: ReportingDuty,
    version: str,
) -> SheetLayout:
    kind_text = text_of(f"kind.{kind}", lang) if duty == "tasks" else text_of(f"kind.{duty}", lang)
    fields: list[tuple[str, Any, bool]] = [
        ("institution", name, False),
        ("code", code, False),
        ("period", str(period), False),
        ("kind", kind_text, False),
        ("due", _date_text(due, lang, version), False),
        ("plan", texts.of(texts.plan.title), False),
        ("preparer", None, True),
        ("contact", None, True),
        ("date", None, True),
        ("state", text_of("state.draft", lang), True),  # written by Submit, so never compared as locked
    ]
    return SheetLayout(
        role="cover",
        name=text_of("sheet.cover", lang),
        title=text_of(f"title.{kind}" if duty == "tasks" else f"title.{duty}", lang),
        columns=[
            Column(key="field", header=text_of("col.item", lang), width=34),
            Column(key="value", header=text_of("col.text", lang), width=70, input=True, wrap=True),
        ],
        rows=[
            Row(
                key=key,
                values={"field": text_of(f"cover.{key}", lang)} | ({} if value is None else {"value": value}),
                inputs=("value",) if is_input else (),
                shown=texts.keys("value") if key == "plan" else (),
            )
            for key, value, is_input in fields
        ],
    )


def _tasks(
    plan: Plan,
    tasks: list[tuple[Task, Literal["lead", "partner"]]],
    kind: ReportKind,
    texts: _PlanTexts,
    lang: Lang,
    version: str,
) -> SheetLayout:
    columns = [
        Column(key="task", header=text_of("col.task", lang), width=10),
        Column(key="task_text", header=text_of("col.task_text", lang), width=48, wrap=True),
        Column(key="role", header=text_of("col.role", lang), width=10),
        Column(key="deadline", header=text_of("col.deadline", lang), width=18, wrap=True),
        Column(
            key="status",
            header=text_of("col.status", lang),
            width=14,
            input=True,
            kind="choice",
            rule=_choice("status", TASK_STATUSES, lang, "prompt.status"),
        ),
        Column(key="progress", header=text_of("col.progress", lang), width=40, input=True, wrap=True),
        Column(key="problems", header=text_of("col.problems", lang), width=32, input=True, wrap=True),
        Column(key="measures", header=text_of("col.measures", lang), width=32, input=True, wrap=True),
        Column(key="risks", header=text_of("col.risks", lang), width=28, input=True, wrap=True),
    ]
    if kind == "annual":
        columns += [
            Column(
                key="assessment",
                header=text_of("col.assessment", lang),
                width=18,
                input=True,
                kind="choice",
                rule=_choice("assessment", ASSESSMENTS, lang, "prompt.assessment"),
            ),
            Column(key="assessment_note", header=text_of("col.assessment_note", lang), width=32, input=True, wrap=True),
        ]
    rows = [
        Row(
            key=task.id,
            values={
                "task": task.id,
                "task_text": texts.of(task.text),
                "role": text_of(f"role.{role}", lang),
                "deadline": _deadline_text(plan, task, lang, version),
            },
            shown=texts.keys("task_text"),
        )
        for task, role in tasks
    ]
    return SheetLayout(
        role="tasks", name=text_of("sheet.tasks", lang), title=text_of("title.tasks", lang), columns=columns, rows=rows
    )


def _activities(
    plan: Plan, tasks: list[tuple[Task, Literal["lead", "partner"]]], texts: _PlanTexts, lang: Lang
) -> SheetLayout:
    led = {t.id for t, role in tasks if role == "lead"}
    activities = [a for a in plan.activities() if any(t.id in led for t in a.tasks)]
    return SheetLayout(
        role="activities",
        name=text_of("sheet.activities", lang),
        title=text_of("title.activities", lang),
        columns=[
            Column(key="activity", header=text_of("col.activity", lang), width=9),
            Column(key="activity_text", header=text_of("col.activity_text", lang), width=50, wrap=True),
            Column(
                key="assessment",
                header=text_of("col.assessment", lang),
                width=20,
                input=True,
                kind="choice",
                rule=_choice("assessment", ASSESSMENTS, lang, "prompt.assessment"),
            ),
            Column(key="assessment_note", header=text_of("col.assessment_note", lang), width=50, input=True, wrap=True),
        ],
        rows=[
            Row(
                key=a.id,
                values={"activity": a.id, "activity_text": texts.of(a.title)},
                shown=texts.keys("activity_text"),
            )
            for a in activities
        ],
    )


def _budget(plan: Plan, institution: str, year: int, kind: ReportKind, lang: Lang, version: str) -> SheetLayout:
    columns = [
        Column(key="line", header=text_of("col.line", lang), width=9),
        Column(key="task", header=text_of("col.task", lang), width=10),
        Column(key="source", header=text_of("col.source", lang), width=20, wrap=True),
        Column(key="donor", header=text_of("col.donor", lang), width=24, wrap=True),
        Column(key="planned", header=text_of("col.planned", lang), width=14, kind="amount"),
        Column(key="currency", header=text_of("col.currency", lang), width=9),
        Column(key="year", header=text_of("col.year", lang), width=8),
    ]
    if kind == "monthly":
        columns.append(
            Column(
                key="spent_period",
                header=text_of("col.spent_period", lang),
                width=16,
                input=True,
                kind="amount",
                rule=_amount(lang),
            )
        )
    columns += [
        Column(
            key="spent_year",
            header=text_of("col.spent_year", lang),
            width=16,
            input=True,
            kind="amount",
            rule=_amount(lang),
        ),
        Column(key="note", header=text_of("col.note", lang), width=36, input=True, wrap=True),
    ]
    # From version 3 a line with no year says it is the plan period's (planned once for the whole period).
    no_year = "" if version in ("1", "2") else plan.period_label()
    english_donor = version in _ENGLISH_DONORS
    rows = [
        Row(
            key=line_id,
            values={
                "line": line_id,
                "task": task_id,
                "source": text_of(f"source.{line.source}", lang),
                "donor": "" if line.donor is None else line.donor.en if english_donor else line.donor.in_lang(lang),
                "planned": line.amount,
                "currency": line.currency or "",
                "year": line.year or no_year,
            },
            shown=() if english_donor else ("donor",),
        )
        for line_id, task_id, _, line in institution_budget_lines(plan, institution, year, version)
    ]
    # A successor in the year of its split gives only its own months: the old ministry gave those before.
    took = plan.succession(institution)
    own = took is not None and int(took[1][:4]) == year and took[1] > f"{year}-01"  # January: no months before
    hint = ""
    if took is not None and own:
        first = said_if_month(took[1], lang, genitive=True)  # "od jula 2018."
        hint = text_of("hint.budget_successor", lang, predecessor=took[0], first=first, year=year)
    return SheetLayout(
        role="budget",
        name=text_of("sheet.budget", lang),
        title=text_of("title.budget", lang),
        columns=columns,
        rows=rows,
        hint=hint,
    )


def _indicators(
    plan: Plan, tasks: list[tuple[Task, Literal["lead", "partner"]]], texts: _PlanTexts, lang: Lang
) -> SheetLayout:
    task_ids = {t.id for t, _ in tasks}
    columns = [
        Column(key="indicator", header=text_of("col.indicator", lang), width=12),
        Column(key="activity", header=text_of("col.activity", lang), width=11),
        Column(key="indicator_text", header=text_of("col.indicator_text", lang), width=48, wrap=True),
        *[
            Column(key=g, header=text_of(f"col.{g}", lang), width=12, input=True, kind="count", rule=_count(lang))
            for g in BREAKDOWN_GROUPS
        ],
        Column(key="total", header=text_of("col.total", lang), width=10, input=True, kind="count", rule=_count(lang)),
        Column(key="value", header=text_of("col.value", lang), width=30, input=True, wrap=True),
        Column(key="note", header=text_of("col.note", lang), width=30, input=True, wrap=True),
    ]
    rows = []
    for activity in plan.activities():
        if not any(t.id in task_ids for t in activity.tasks):
            continue
        for indicator in activity.indicators:
            inputs = (*indicator.breakdown, "total", "note") if indicator.counts else ("value", "note")
            rows.append(
                Row(
                    key=indicator.id,
                    values={
                        "indicator": indicator.id,
                        "activity": activity.id,
                        "indicator_text": texts.of(indicator.text),
                    },
                    inputs=inputs,
                    shown=texts.keys("indicator_text"),
                )
            )
    return SheetLayout(
        role="indicators",
        name=text_of("sheet.indicators", lang),
        title=text_of("title.indicators", lang),
        columns=columns,
        rows=rows,
    )


def _problems(tasks: list[tuple[Task, Literal["lead", "partner"]]], lang: Lang, version: str) -> SheetLayout:
    prompt = text_of("prompt.problem_task", lang)
    if version in _BEFORE_8:  # "Choose the task's task from the list.", as those templates were handed out
        prompt = text_of("prompt.status", lang).replace(
            text_of("col.status", lang).lower(), text_of("col.task", lang).lower()
        )
    task_choice = CellRule(
        kind="list", choices=tuple(t.id for t, _ in tasks), prompt=prompt, error=text_of("error.list", lang)
    )
    return SheetLayout(
        role="problems",
        name=text_of("sheet.problems", lang),
        title=text_of("title.problems", lang),
        columns=[
            Column(key="no", header=text_of("col.problem_no", lang), width=8),
            Column(key="task", header=text_of("col.task", lang), width=10, input=True, kind="choice", rule=task_choice),
            Column(key="description", header=text_of("col.description", lang), width=60, input=True, wrap=True),
            Column(key="measures", header=text_of("col.measures", lang), width=50, input=True, wrap=True),
        ],
        rows=[Row(key=str(n), values={"no": n}) for n in range(1, PROBLEM_ROWS + 1)],
    )


def _narrative(lang: Lang) -> SheetLayout:
    return SheetLayout(
        role="narrative",
        name=text_of("sheet.narrative", lang),
        title=text_of("title.narrative", lang),
        columns=[
            Column(key="item", header=text_of("col.item", lang), width=30),
            Column(key="text", header=text_of("col.text", lang), width=100, input=True, wrap=True),
        ],
        rows=[
            Row(key=k, values={"item": text_of(f"narrative.{k}", lang)}) for k in ("results", "problems", "challenges")
        ],
    )


def _member(lang: Lang) -> SheetLayout:
    """A Working Group member's short report: its area's activities, the problems, its proposals."""
    return SheetLayout(
        role="member",
        name=text_of("sheet.member", lang),
        title=text_of("title.member_sheet", lang),
        columns=[
            Column(key="item", header=text_of("col.item", lang), width=40, wrap=True),
            Column(key="text", header=text_of("col.text", lang), width=100, input=True, wrap=True),
        ],
        rows=[Row(key=k, values={"item": text_of(f"member.{k}", lang)}) for k in MEMBER_PARTS],
    )


def _observations(plan: Plan, texts: _PlanTexts, lang: Lang) -> SheetLayout:
    """A civil society representative's observations: one row per activity of the plan."""
    return SheetLayout(
        role="observations",
        name=text_of("sheet.observations", lang),
        title=text_of("title.observations", lang),
        columns=[
            Column(key="activity", header=text_of("col.activity", lang), width=9),
            Column(key="activity_text", header=text_of("col.activity_text", lang), width=50, wrap=True),
            Column(key="leads", header=text_of("col.leads", lang), width=18, wrap=True),
            Column(key="observation", header=text_of("col.observation", lang), width=50, input=True, wrap=True),
            Column(key="proposal", header=text_of("col.proposal", lang), width=40, input=True, wrap=True),
        ],
        rows=[
            Row(
                key=a.id,
                values={
                    "activity": a.id,
                    "activity_text": texts.of(a.title),
                    "leads": ", ".join(dict.fromkeys(code for t in a.tasks for code in t.lead)),
                },
                shown=texts.keys("activity_text"),
            )
            for a in plan.activities()
        ],
    )


def _instructions(lang: Lang, duty: ReportingDuty, kind: ReportKind, version: str) -> SheetLayout:
    keys = INSTRUCTION_KEYS if duty == "tasks" else [k for k in LABELS if k.startswith(f"instructions_{duty}.")]
    if version not in _BEFORE_6:
        newer = {"instructions.7": "instructions_6.7"}
        if kind == "annual":
            newer["instructions.3"] = "instructions_annual.3"
        keys = [newer.get(k, k) for k in keys]
    return SheetLayout(
        role="instructions",
        name=text_of("sheet.instructions", lang),
        title=text_of("title.instructions", lang),
        columns=[Column(key="text", header=text_of("col.text", lang), width=120, wrap=True)],
        rows=[Row(key=k.split(".")[1], values={"text": text_of(k, lang)}) for k in keys],
    )
