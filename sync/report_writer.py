"""The Coordinator's reports on paper and in a workbook (the Minister's brief, the Council report, the annual
evaluation and its published form): the content (`sync.report_content`, codes and numbers)
turned into Tables in the reader's language, then into a PDF (Jinja2 HTML rendered by WeasyPrint, charts drawn
by matplotlib as SVG) and an xlsx with the same tables (the master's XlsxWriter writer).

The PDF is A4 with the issuing body, date and period on top, page numbers, and tables whose header row is
repeated when they break across pages. Its font is DejaVu Sans, which matplotlib ships: embedded, with
Serbian Cyrillic and Latin glyphs, the same on every machine.
"""

from __future__ import annotations

import base64
import datetime as dt
import functools
import io
import math
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import jinja2
import matplotlib
from fontTools.ttLib import TTFont
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter
from openpyxl.utils import get_column_letter
from weasyprint import HTML

from apmon.schemas.calendar import BELGRADE, Period
from apmon.schemas.institutions import InstitutionRegistry
from apmon.schemas.messages import author_said, counted, text_of, whole_number
from apmon.schemas.plan import Plan
from apmon.schemas.tables import ColumnKind, Highlight, Table, TableColumn
from apmon.schemas.text import EXCEL_MAX_TEXT, Lang, without_direction_controls
from apmon.sync.consolidate import (
    STATUS_COLOURS,
    STATUS_ORDER,
    SharedLine,
    SplitLine,
    shared_words,
    split_line_said,
    successors_said,
    took_over_said,
    with_took_over,
)
from apmon.sync.report_content import (
    FINAL_KINDS,
    ActivityEvaluation,
    AnnualEvaluation,
    Basis,
    BudgetRow,
    BudgetTotal,
    CouncilReport,
    FinalText,
    MinisterBrief,
    ObjectiveStatus,
    ProblemLine,
    ResourceLine,
    TaskLine,
    YearBudgetRow,
    belgrade_day,
    budget_totals,
)
from apmon.sync.report_format import (
    annual_late_said,
    annual_missing_said,
    date,
    gap_words,
    moment,
    month,
    number,
    points,
    reasoning,
    share,
    since_decision_said,
    to_review_said,
)
from apmon.sync.writers import FIRST_DATA_ROW, XlsxMaster
from apmon.templates.layout import ASSESSMENTS, reporting_institutions

TEMPLATES = Path(__file__).parent / "report_templates"
FONT = Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf"
FONT_BOLD = Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans-Bold.ttf"
BRIEF_MAX_PAGES = 2
BRIEF_ROWS = (8, 5, 3)  # rows of each list the brief prints, tried in turn until it fits two pages
TEXT_CHARS = (110, 80, 60)  # a task's or problem's text is cut to this many characters in the brief
# A typed text on paper (the xlsx beside the PDF keeps it whole): at most this many characters, and a run without a
# space broken every PAPER_RUN_CHARS by an invisible break (U+200B). Left to WeasyPrint, breaking a long run took
# the square of its length (a 32,767-character cell: over ten minutes).
PAPER_TEXT_CHARS = 2_000
PAPER_RUN_CHARS = 30


@dataclass
class Section:
    """A heading, lines of text, and a table (printed with at most `limit` rows; the xlsx holds them all)."""

    title: str
    table: Table | None = None
    lines: list[str] = field(default_factory=list)
    limit: int | None = None
    warning: str = ""


class ReportFiles(list[Path]):
    """The files written: the PDF, then the xlsx."""


# --- words for codes --------------------------------------------------------------------------------------


class _Words:
    def __init__(self, plan: Plan, registry: InstitutionRegistry, lang: Lang) -> None:
        self.plan, self.registry, self.lang = plan, registry, lang
        self._tasks = {t.id: t for t in plan.tasks()}
        self._activities = {a.id: a for a in plan.activities()}
        self._objectives = {o.id: o for o in plan.objectives}
        self._indicators = {i.id: i for i in plan.indicators()}

    def __call__(self, key: str, **fields: object) -> str:
        """The catalogue's text "report.<key>"."""
        return text_of(f"report.{key}", self.lang, **fields)

    def status(self, code: str | None) -> str:
        return text_of(f"status.{code}", self.lang) if code and code != "none" else self("status.none")

    def task(self, task_id: str) -> str:
        task = self._tasks.get(task_id)
        return task.text.in_lang(self.lang) if task else ""

    def indicator(self, indicator_id: str) -> str:
        indicator = self._indicators.get(indicator_id)
        return indicator.text.in_lang(self.lang) if indicator else ""

    def activity(self, activity_id: str) -> str:
        return self._activities[activity_id].title.in_lang(self.lang)

    def objective(self, objective_id: str) -> str:
        return self._objectives[objective_id].title.in_lang(self.lang)

    def took_over(self, code: str, also: str = "") -> str:
        """A successor of a split as a row names it: "MRZSP (od jula 2018. umesto MRZBSP)"; any other code as it is.
        `also`: more said of it, in the same bracket ("MRZSP (od jula 2018. umesto MRZBSP; planirano ...)")."""
        said = "; ".join(words for words in (took_over_said(self.plan, code, self.lang), also) if words)
        return f"{code} ({said})" if said else code

    def institution(self, code: str) -> str:
        """The name as it is now, and as it was where it was renamed during the plan."""
        if code not in self.registry.codes:
            return code
        return self.registry.get(code).display_then_and_now(self.plan.start, self.plan.end, self.lang)

    def source(self, code: str) -> str:
        return text_of(f"source.{code}", self.lang) if code != "?" else code

    def assessment(self, code: str) -> str:
        return text_of(f"assessment.{code}", self.lang)


def _col(w: _Words, key: str, kind: ColumnKind = "text", width: int = 12) -> TableColumn:
    """A column headed by the catalogue's "report.col.<key>"."""
    return TableColumn(key=key, header=w(f"col.{key}"), kind=kind, width=width)


# --- shared tables ----------------------------------------------------------------------------------------


def _task_table(w: _Words, sheet: str, title: str, lines: Sequence[TaskLine]) -> Table:
    return Table(
        sheet=w(sheet),
        title=title,
        columns=[
            _col(w, "task", width=8),
            _col(w, "text", width=70),
            _col(w, "lead", width=14),
            _col(w, "deadline", "date", 11),
            _col(w, "status", width=14),
        ],
        rows=[[t.task, w.task(t.task), ", ".join(t.lead), t.deadline, w.status(t.status)] for t in lines],
        # the Lead column names each lead by its code alone: whom a successor took over from is said under it
        notes=_successors_note(w, {code for t in lines for code in t.lead}),
    )


def _problem_table(w: _Words, title: str, lines: Sequence[ProblemLine]) -> Table:
    return Table(
        sheet=w("sheet.problems"),
        title=title,
        columns=[
            _col(w, "period", width=9),
            _col(w, "institution", width=11),
            _col(w, "task", width=8),
            _col(w, "kind", width=9),
            _col(w, "text", width=60),
            _col(w, "measures", width=50),
        ],
        rows=[[p.period, p.institution, p.task, w(f"kind.{p.kind}"), p.text, p.measures] for p in lines],
        notes=_successors_note(w, {p.institution for p in lines}),  # the codes alone: a successor said under it
    )


def _share(spent: Decimal | None, planned: Decimal) -> Decimal | None:
    """spent / planned unrounded: the page rounds it once (38.447 % is 38,4 %; rounded to 0.3845 first, 38,5 %)."""
    return spent / planned if planned and spent is not None else None


def _executed(w: _Words, row: BudgetRow | YearBudgetRow, year: int) -> Decimal | str | None:
    """A row's share spent, or the word for its gap: no report of the year, or its spending left blank."""
    if row.spent is not None:
        return _share(row.spent, row.planned)
    if not row.planned:  # nothing planned in the row (a split ministry's figure, planned in its successors' rows)
        return None
    return w("budget.no_report", year=year) if not row.reported else w("budget.not_given")


def _total_lines(
    w: _Words, total: BudgetTotal, label: str, named: Callable[[str], str] = str
) -> list[tuple[str, Decimal, Decimal | None, Any]]:
    """A currency's total as (label, planned, spent, share): one line when every row gave its spending; else the
    total of those that did, its share counted on their plan, and the whole plan apart, naming who gave none (their
    plan is not 0% spent: its spending is unknown), each as the table's rows name it (`named`)."""
    if not total.missing:
        return [(label, total.planned, total.spent, total.share)]
    who = ", ".join(named(code) for code, _ in total.missing)
    whole = (w("col.total_planned"), total.planned, None, w("budget.not_counted", who=who))
    if total.none_given:
        return [whole]  # no one's spending is known: a total of what is known would read 0.00 of 0.00
    return [(w("col.total_known"), total.planned_given, total.spent, total.share), whole]


def _budget_table(
    w: _Words,
    year: int,
    rows: Sequence[BudgetRow],
    shared: Sequence[SharedLine] = (),
    split: Sequence[SplitLine] = (),
    sheet: str = "",
) -> Table:
    """The rows of each currency, then their total: RSD and EUR apart, never added up; under it, the lines more
    than one institution reported spending on, whose total may hold one expense twice, and those whose spending a
    split ministry and its successor each gave their months of. `sheet`: the xlsx sheet's name, when not the
    catalogue's "Budget"."""
    shown: list[list[Any]] = []
    for total in budget_totals(rows):
        shown += [[w.took_over(r.institution), r.currency, r.planned, r.spent, _executed(w, r, year)]
                  for r in rows if r.currency == total.currency]  # fmt: skip
        shown += [
            [label, total.currency, *figures] for label, *figures in _total_lines(w, total, w("col.total"), w.took_over)
        ]
    return Table(
        sheet=sheet or w("sheet.budget"),
        title=w("budget", year=year),
        columns=[
            _col(w, "institution", width=max([11, *(len(w.took_over(r.institution)) for r in rows)])),
            _col(w, "currency", width=8),
            _col(w, "planned", "money", 16),
            _col(w, "spent", "money", 16),
            _col(w, "share", "percent", 10),
        ],
        rows=shown,
        notes=_spending_notes(w, shared, split),
    )


def _successors_note(w: _Words, codes: Iterable[str]) -> list[str]:
    """Under a table that names institutions by their codes alone: whom each successor of a split among them took
    over from, and when ("MRZSP (od jula 2018. umesto MRZBSP)"); none when none is one."""
    successors = successors_said(w.plan, sorted(codes), w.lang)
    return [w("successors_note", successors=successors)] if successors else []


def _spending_notes(w: _Words, shared: Sequence[SharedLine], split: Sequence[SplitLine]) -> list[str]:
    return ([_shared_sentence(w, shared)] if shared else []) + ([_split_sentence(w, split)] if split else [])


def _split_sentence(w: _Words, split: Sequence[SplitLine]) -> str:
    """Whose months the sum of a split line holds, in the words of the master's Budget sheet (`split_line_said`)."""
    return w("summary.budget.split", lines="; ".join(split_line_said(line, w.lang) for line in split))


def _shared_sentence(w: _Words, shared: Sequence[SharedLine]) -> str:
    named, twice = shared_words(shared, w.lang)
    key = "summary.budget.shared_one" if len({s.line for s in shared}) == 1 else "summary.budget.shared"
    return w(key, lines=named, amounts=twice)


def _budget_summary(
    w: _Words,
    year: int,
    rows: Sequence[BudgetRow],
    period_money: dict[str, Decimal],
    shared: Sequence[SharedLine],
    split: Sequence[SplitLine] = (),
) -> list[str]:
    """The year's spending against its plan, a sentence per currency, the lines more than one institution reported
    spending on (all of it counted: what may be one expense counted twice is said), the lines a split ministry and
    its successor each gave their months of (whose months the sum holds), and the lines of the whole plan period
    that no year's total holds."""
    lang, lines = w.lang, []
    totals = budget_totals(rows) or [BudgetTotal(currency="RSD", planned=0, spent=0, planned_given=0, missing=[])]
    for total in totals:
        said = {"spent": number(total.spent, lang, 2), "currency": total.currency, "share": share(total.share, lang)}
        if total.missing:
            missing = ", ".join(
                w.took_over(
                    code, w("summary.budget.missing", planned=number(planned, lang, 2), currency=total.currency)
                )
                for code, planned in total.missing
            )
            if total.none_given:
                amount = w("summary.budget.none_given", currency=total.currency, missing=missing)
            else:
                amount = w(
                    "summary.budget.partial", planned=number(total.planned_given, lang, 2), missing=missing, **said
                )
        else:
            amount = w("summary.budget.amount", planned=number(total.planned, lang, 2), **said)
        lines.append(w("summary.budget", year=year, amount=amount))
    lines += _spending_notes(w, shared, split)
    if period_money:
        amounts = ", ".join(f"{number(amount, lang, 2)} {cur}" for cur, amount in sorted(period_money.items()))
        lines.append(w("summary.budget.period", period=w.plan.period_label(), amounts=amounts))
    return lines


def _objectives_table(w: _Words, objectives: Sequence[ObjectiveStatus]) -> Table:
    return Table(
        sheet=w("sheet.objectives"),
        title=w("chart.status"),
        columns=[_col(w, "objective", width=8)]
        + [TableColumn(key=s, header=w.status(s), kind="int", width=12) for s in (*STATUS_ORDER, "none")],
        rows=[[o.objective, *(o.counts[s] for s in (*STATUS_ORDER, "none"))] for o in objectives],
    )


# --- charts -----------------------------------------------------------------------------------------------


def _svg(fig: Figure) -> str:
    buffer = io.StringIO()
    with matplotlib.rc_context({"svg.hashsalt": "apmon", "svg.fonttype": "path"}):
        fig.savefig(buffer, format="svg", metadata={"Date": None}, bbox_inches="tight")
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue().encode()).decode()


def status_chart(w: _Words, objectives: Sequence[ObjectiveStatus], size: tuple[float, float]) -> str:
    fig = Figure(figsize=size)
    ax = fig.subplots()
    names = [o.objective for o in objectives]
    bottom = [0] * len(objectives)
    for status in (*STATUS_ORDER, "none"):
        values = [o.counts[status] for o in objectives]
        ax.bar(names, values, bottom=bottom, label=w.status(status), color=f"#{STATUS_COLOURS[status]}")
        bottom = [b + v for b, v in zip(bottom, values, strict=True)]
    ax.set_title(w("chart.status"), fontsize=9)
    ax.set_xlabel(w("col.objective"), fontsize=8)
    ax.tick_params(labelsize=7)
    ax.legend(fontsize=6, loc="upper left", bbox_to_anchor=(1, 1), frameon=False)
    ax.spines[["top", "right"]].set_visible(False)
    return _svg(fig)


def _axis_numbers(ax: Axes, lang: Lang) -> FuncFormatter:
    """Tick labels in the reader's way (0,2 in Serbian: matplotlib writes 0.2), with the decimals the step needs."""
    ticks = ax.get_yticks()
    step = Decimal(f"{float(ticks[1] - ticks[0]):.9f}").normalize() if len(ticks) > 1 else Decimal(1)
    decimals = max(0, -int(step.as_tuple().exponent))
    return FuncFormatter(lambda value, _: number(Decimal(f"{float(value):.9f}"), lang, decimals))


def budget_chart(w: _Words, year: int, rows: Sequence[BudgetRow], size: tuple[float, float]) -> str:
    """Planned and spent in RSD by institution (EUR is not drawn on the same axis); a gap in spending has no bar."""
    rows = [r for r in rows if r.currency == "RSD"]
    spent = [math.nan if r.spent is None else float(r.spent) / 1e6 for r in rows]
    fig = Figure(figsize=size)
    ax = fig.subplots()
    xs = list(range(len(rows)))
    ax.bar([x - 0.2 for x in xs], [float(r.planned) / 1e6 for r in rows], 0.4, label=w("col.planned"), color="#729fcf")
    ax.bar([x + 0.2 for x in xs], spent, 0.4, label=w("col.spent"), color="#204a87")
    ax.set_xticks(xs, [r.institution for r in rows], rotation=60, ha="right", fontsize=6)
    ax.set_title(w("chart.budget", year=year), fontsize=9)
    ax.set_ylabel(w("chart.million"), fontsize=7)
    ax.tick_params(axis="y", labelsize=7)
    ax.set_ylim(bottom=0)  # money: nothing below zero, even with nothing planned
    ax.yaxis.set_major_formatter(_axis_numbers(ax, w.lang))
    ax.legend(fontsize=6, frameon=False)
    ax.spines[["top", "right"]].set_visible(False)
    return _svg(fig)


# --- rendering --------------------------------------------------------------------------------------------


ONE_LINE = {"period", "at"}  # text columns printed like dates, on one line: "jun 2018.", "05.12.2026. 02:18"
MONTH_CODE = re.compile(r"\d{4}-\d{2}")  # a report's month as the ledger keys it, 2018-06


def _month_shown(period: str, lang: Lang) -> str:
    """A report's month as the reader writes it, jun 2018. (not 2018-06); a year stays as it is."""
    return month(period, lang) if MONTH_CODE.fullmatch(period) else period


def _cell(value: Any, kind: ColumnKind, lang: Lang, cut: int | None, key: str = "") -> str:
    if value is None:
        return ""
    if key == "period" and isinstance(value, str):
        return _month_shown(value, lang)  # on paper; the xlsx keeps the code, which sorts
    if isinstance(value, str) and kind in ("int", "money", "percent"):
        return value  # a word where a figure is missing
    if kind == "int":
        return number(value, lang)
    if kind == "money":
        return number(value, lang, 2)
    if kind == "percent":
        return share(Decimal(value), lang)
    if kind == "date" and isinstance(value, dt.date):
        return date(value, lang)
    return _on_paper(str(value), min(cut or PAPER_TEXT_CHARS, PAPER_TEXT_CHARS))


_UNBROKEN_RUN = re.compile(rf"[^ \t\n\u200b]{{{PAPER_RUN_CHARS}}}(?=[^ \t\n\u200b])")


def _cell_class(value: Any, kind: str) -> str:
    return "words" if isinstance(value, str) and kind in ("int", "money", "percent") else kind


def _on_paper(text: str, cut: int) -> str:
    """`text` cut to `cut` characters, a run of characters without a space broken every PAPER_RUN_CHARS by U+200B (a
    path or link breaks rather than run off the page)."""
    if len(text) > cut:
        text = text[: cut - 1].rstrip() + "…"
    return _UNBROKEN_RUN.sub("\\g<0>\u200b", text)


def _environment() -> jinja2.Environment:
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        finalize=_printable,  # every text printed, as the xlsx writers write it
    )
    return environment


def _printable(value: Any) -> Any:
    return without_direction_controls(value) if type(value) is str else value  # Markup is the template's own


def _render_pdf(template: str, context: dict[str, Any]) -> tuple[bytes, int]:
    html = _environment().get_template(template).render(font=FONT.as_uri(), font_bold=FONT_BOLD.as_uri(), **context)
    document = HTML(string=html, base_url=str(TEMPLATES)).render()
    return document.write_pdf() or b"", len(document.pages)


def _cut_note(value: Any, kind: ColumnKind, lang: Lang, whole_in: str, sheet: str, cell: str) -> str:
    """For a typed text cut to PAPER_TEXT_CHARS on paper: what a Coordinator who signs the PDF must know, that it is
    cut, how much is printed, and the cell of the xlsx beside it (`whole_in`) that holds it whole; else ""."""
    if not whole_in or not isinstance(value, str) or kind in ("int", "money", "percent"):
        return ""
    if len(value) <= PAPER_TEXT_CHARS:
        return ""
    fields = {"shown": number(PAPER_TEXT_CHARS - 1, lang), "length": number(len(value), lang)}
    if len(value) > EXCEL_MAX_TEXT:  # the xlsx cell holds it cut too (cell_safe): not said to hold it whole
        fields["kept"] = number(EXCEL_MAX_TEXT - 1, lang)
        return " " + text_of("report.cut_beyond_cell", lang, **fields, file=whole_in, sheet=sheet, cell=cell)
    return " " + text_of("report.cut", lang, **fields, file=whole_in, sheet=sheet, cell=cell)


@functools.cache
def _drawn() -> frozenset[int]:
    """The characters the reports' font has a glyph for (its character map)."""
    with TTFont(str(FONT), lazy=True) as font:
        return frozenset(font.getBestCmap())


# Characters that are drawn as nothing (a control, a format character, a space or line break): none is lacking
_UNDRAWN = frozenset({"Cc", "Cf", "Zs", "Zl", "Zp"})


def _unprintable_note(
    value: Any, shown: str, kind: ColumnKind, lang: Lang, whole_in: str, sheet: str, cell: str
) -> str:
    """For a typed text holding characters the reports' font has no glyph for (Chinese, a flag) in what is printed of
    it (`shown`: a text is cut on paper): how many, and the cell of the xlsx beside the PDF that holds them
    (`whole_in`; a brief has none); else "". WeasyPrint draws them in another font where the machine has one, else as
    empty boxes: what the Coordinator signs must say so."""
    if not isinstance(value, str) or kind in ("int", "money", "percent") or shown.isascii():
        return ""
    drawn = _drawn()
    if all(ord(ch) in drawn or unicodedata.category(ch) in _UNDRAWN for ch in shown):
        return ""  # most texts: no character to count
    lacking = sum(
        1
        for seen in _seen_characters(shown)
        if any(ord(ch) not in drawn and unicodedata.category(ch) not in _UNDRAWN for ch in seen)
    )
    if not whole_in:
        return " " + text_of("report.unprintable_here", lang, count=number(lacking, lang))
    return " " + text_of("report.unprintable", lang, count=number(lacking, lang), file=whole_in, sheet=sheet, cell=cell)


def _seen_characters(text: str) -> list[str]:
    """`text` in the characters a reader sees (Unicode's grapheme clusters, UAX #29, as far as typed texts need): a
    letter with its combining marks (and variation selectors), an emoji with its skin tone, its tags (a subdivision's
    flag) or the emoji joined to it (ZWJ), a flag's two regional-indicator letters. The standard library has no
    grapheme segmentation; conjoining Hangul jamo (Korean is typed as syllables) stay one each."""
    seen: list[str] = []
    for ch in text:
        code = ord(ch)
        joined = bool(seen) and (
            seen[-1][-1] == _ZWJ
            or ch == _ZWJ
            or unicodedata.category(ch) in ("Mn", "Mc", "Me")
            or _SKIN_TONES[0] <= code <= _SKIN_TONES[1]
            or _TAGS[0] <= code <= _TAGS[1]
            or (_is_regional(ch) and len(seen[-1]) == 1 and _is_regional(seen[-1]))  # a flag is two of them
        )
        if joined:
            seen[-1] += ch
        else:
            seen.append(ch)
    return seen


_ZWJ = "\u200d"
_SKIN_TONES = (0x1F3FB, 0x1F3FF)  # the emoji modifiers
_TAGS = (0xE0020, 0xE007F)  # a subdivision flag's letters and its end
_REGIONAL = (0x1F1E6, 0x1F1FF)  # the regional-indicator letters, two of which make a flag


def _is_regional(ch: str) -> bool:
    return _REGIONAL[0] <= ord(ch) <= _REGIONAL[1]


def _with_notes(value: Any, shown: str, kind: ColumnKind, lang: Lang, whole_in: str, sheet: str, cell: str) -> str:
    """A cell's value as printed (`shown`), with what the Coordinator must know of it: that it is cut, that the font
    lacks characters of it."""
    cut = _cut_note(value, kind, lang, whole_in, sheet, cell)
    return shown + cut + _unprintable_note(value, shown, kind, lang, whole_in, sheet, cell)


def _printed(sections: Sequence[Section], lang: Lang, cut: int | None, whole_in: str = "") -> list[dict[str, Any]]:
    """Sections as the template takes them: every cell already in words. `whole_in`: the xlsx written beside the PDF,
    named where a text cut on paper is whole (not for a brief: `cut` shortens its texts to fit two pages)."""
    shown = []
    for s in sections:
        table = None
        if s.table is not None:
            rows = s.table.rows if s.limit is None else s.table.rows[: s.limit]
            kinds = [c.kind for c in s.table.columns]
            keys = [c.key for c in s.table.columns]
            printed = ["date" if c in ONE_LINE else k for k, c in zip(kinds, keys, strict=True)]
            sheet, noted = s.table.sheet, whole_in if cut is None else ""

            def at(i: int, j: int) -> str:  # the xlsx cell of row i, column j (as XlsxMaster writes a table)
                return f"{get_column_letter(j + 1)}{FIRST_DATA_ROW + i}"

            table = {
                "headers": [c.header for c in s.table.columns],
                "kinds": printed,
                "rows": [
                    [
                        _with_notes(v, _cell(v, k, lang, cut, c), k, lang, noted, sheet, at(i, j))
                        for j, (v, k, c) in enumerate(zip(r, kinds, keys, strict=True))
                    ]
                    for i, r in enumerate(rows)
                ],
                # A word in a figure's column wraps like text: kept on one line it pushed the columns after it
                # off the page (the budget table's notes on section 11).
                "classes": [[_cell_class(v, k) for v, k in zip(r, printed, strict=True)] for r in rows],
                "more": len(s.table.rows) - len(rows),
            }
        shown.append({"title": s.title, "lines": s.lines, "table": table, "warning": s.warning})
    return shown


def _basis_line(w: _Words, basis: Basis) -> str:
    finished = moment(basis.run_finished_at, w.lang) if basis.run_finished_at else w("basis.no_run")
    if basis.by_submission:  # the run read them after the day: "before the cut-off" and "arrived later" were untrue
        day = date(basis.cut_off.astimezone(BELGRADE).date(), w.lang)
        return w("basis.day", run=basis.run_id or w("basis.no_run"), finished=finished, day=day)
    return w("basis", run=basis.run_id or w("basis.no_run"), finished=finished, cut_off=moment(basis.cut_off, w.lang))


def _write(
    out: Path,
    stem: str,
    render: Callable[[int], tuple[bytes, int]],
    attempts: int,
    max_pages: int | None,
    tables: list[Table],
    now: dt.datetime,
    lang: Lang,
) -> tuple[ReportFiles, int]:
    """Render (each attempt shorter than the one before) until it fits `max_pages`; write the PDF and the xlsx (its
    register says `lang`, as a master's does)."""
    out.mkdir(parents=True, exist_ok=True)
    for attempt in range(attempts):
        pdf, pages = render(attempt)
        if max_pages is None or pages <= max_pages:
            break
    pdf_path, xlsx_path = out / f"{stem}.pdf", out / f"{stem}.xlsx"
    pdf_path.write_bytes(pdf)
    XlsxMaster(xlsx_path, backups=0, lang=lang, issued=True).write(tables, now)
    return ReportFiles([pdf_path, xlsx_path]), pages


def _pdf(
    w: _Words,
    title: str,
    period: str,
    basis: Basis,
    issued: dt.datetime,
    sections: Sequence[Section],
    charts: list[str],
    cut: int | None = None,
    title_page: bool = True,
    whole_in: str = "",
) -> tuple[bytes, int]:
    """A report's PDF and its pages: the header, the sections (their texts cut to `cut` characters, or on paper to
    PAPER_TEXT_CHARS, saying so and the cell of `whole_in`, the xlsx beside it, that holds them whole) and the
    charts."""
    context = _header(w, w.plan, title, period, basis, issued) | {
        "sections": _printed(sections, w.lang, cut, whole_in),
        "charts": charts,
        "more": w("more", n="{n}"),
        "nothing": w("none"),
        "title_page": title_page,
    }
    return _render_pdf("report.html.j2", context)


def _header(w: _Words, plan: Plan, title: str, period: str, basis: Basis, issued: dt.datetime) -> dict[str, Any]:
    return {
        "lang": "sr" if w.lang != "en" else "en",
        "ministry": w("ministry"),
        "issuer": w("issuer"),
        "title": title,
        "subtitle": w("plan", plan=plan.id),
        "period_label": w("period"),
        "period": period,
        "issued_label": w("issued"),
        "issued": date(belgrade_day(issued), w.lang),
        "basis": _basis_line(w, basis),
        "reproduced": w("reproduced") if basis.reproduced else "",
        "page": w("page"),
        "of": w("of"),
    }


def _summary_table(w: _Words, lines: list[tuple[str, str]]) -> Table:
    return Table(
        sheet=w("sheet.summary"),
        title=lines[0][1],
        columns=[TableColumn(key="what", header="", width=30), TableColumn(key="value", header="", width=100)],
        rows=[list(line) for line in lines],
    )


# --- the Minister's brief ---------------------------------------------------------------------------------


def write_minister_brief(
    brief: MinisterBrief,
    plan: Plan,
    registry: InstitutionRegistry,
    lang: Lang,
    out: Path,
    issued: dt.datetime,
) -> tuple[ReportFiles, int]:
    """The brief as `out/<stem>.pdf` (two A4 pages at most) and `.xlsx`; returns the files and the PDF's pages."""
    w = _Words(plan, registry, lang)
    who = brief.reporting
    due = [r for r in who if r.state != "not-due"]
    reported = brief.count("on-time") + brief.count("late")
    summary = [
        w(
            "summary.reported",
            month=month(brief.period, lang),
            reported=reported,
            due=len(due) or len(who),
            on_time=brief.count("on-time"),
            late=brief.count("late"),
            invalid=counted(brief.count("invalid"), "invalid_report", lang),
            missing=counted(brief.count("missing"), "missing_report", lang),
            due_date=date(brief.due, lang),
        ),
        w(
            "summary.tasks",
            completed_month=len(brief.completed),
            completed=brief.tasks_completed,
            total=brief.tasks_total,
            overdue=len(brief.overdue),
            delayed=len(brief.delayed),
        ),
        *_budget_summary(w, brief.budget_year, brief.budget, brief.period_money, brief.shared, brief.split),
    ]
    reporting = Table(
        sheet=w("sheet.reporting"),
        title=w("reporting"),
        columns=[
            _col(w, "institution", width=11),
            _col(w, "text", width=50),
            _col(w, "state", width=30),
            _col(w, "days_late", "int", 12),
        ],
        rows=[
            [
                r.institution,
                with_took_over(w.institution(r.institution), plan, r.institution, lang),
                _state(w, r.state, r.days_late, r.newer_invalid),
                r.days_late,
            ]
            for r in who
        ],
    )
    by_state: dict[str, list[str]] = {}
    for r in who:
        # a successor of a split: whom it took over from, and when, in one bracket with its days late
        shown = late_listed(w, r.institution, r.days_late) if r.state == "late" else w.took_over(r.institution)
        by_state.setdefault(f"state.{r.state}", []).append(shown)
    if newer_invalid := [w.took_over(r.institution) for r in who if r.newer_invalid]:
        by_state["state.newer_invalid_list"] = newer_invalid
    reporting_lines = [
        f"{w('state.late_list') if key == 'state.late' else w(key)}: {', '.join(codes)}"
        for key, codes in by_state.items()
    ]
    lacking: dict[str, list[str]] = {}
    for i in brief.indicators:
        if i.months_missing:
            lacking[i.institution] = i.months_missing
    named = ", ".join(
        w.took_over(code, ", ".join(month(p, lang) for p in months)) for code, months in sorted(lacking.items())
    )
    lacking_lines = [w("indicators.lacking", named=named)] if lacking else []
    indicators = Table(
        sheet=w("sheet.indicators"),
        title=w("indicators"),
        columns=[
            _col(w, "indicator", width=10),
            _col(w, "text", width=60),  # what is counted: the Minister does not know 1.3.i1 by heart
            _col(w, "institution", width=11),
            _col(w, "total", "int", 9),
            _col(w, "women", "int", 8),
            _col(w, "men", "int", 9),
            _col(w, "girls", "int", 10),
            _col(w, "boys", "int", 8),
            _col(w, "year_to_date", "int", 12),
            _col(w, "value", width=40),
        ],
        rows=[
            [
                i.indicator,
                w.indicator(i.indicator),
                i.institution,
                i.total,
                i.women,
                i.men,
                i.girls,
                i.boys,
                i.year_to_date,
                i.value,
            ]
            for i in brief.indicators
        ],
        # A flow's year to date that lacks a month: marked, and the months named (the PDF says it above the table).
        highlights=[
            Highlight(row=n, column="year_to_date", mark="missing")
            for n, i in enumerate(brief.indicators)
            if i.months_missing
        ],
        # the Institution column names each by its code alone: whom a successor took over from is said under it
        notes=lacking_lines + _successors_note(w, {i.institution for i in brief.indicators}),
    )
    changes_lines = (
        [w("changes.since", cut_off=moment(brief.previous_cut_off, lang))]
        if brief.previous_cut_off
        else [w("changes.none")]
    )
    if brief.arrived:
        arrived = ", ".join(f"{a.institution} ({_month_shown(a.period, lang)})" for a in brief.arrived)
        changes_lines.append(f"{w('changes.arrived')}: {arrived}")
    if brief.corrected:
        corrected = ", ".join(f"{c.institution} ({_month_shown(c.period, lang)})" for c in brief.corrected)
        changes_lines.append(f"{w('changes.corrected')}: {corrected}")
    changes = Table(
        sheet=w("sheet.changes"),
        title=w("changes"),
        columns=[
            _col(w, "measure", width=36),
            _col(w, "previous", "int", 16),
            _col(w, "now", "int", 16),
            _col(w, "change", "int", 14),
        ],
        rows=[[w(f"measure.{c.measure}"), c.previous, c.now, c.now - c.previous] for c in brief.changes],
    )
    tables = [
        _summary_table(
            w,
            [(w("minister.title"), month(brief.period, lang)), ("", _basis_line(w, brief.basis))]
            + [("", line) for line in summary],
        ),
        reporting,
        _task_table(w, "sheet.completed", w("tasks_completed"), brief.completed),
        _task_table(w, "sheet.overdue", w("tasks_overdue"), brief.overdue),
        _task_table(w, "sheet.delayed", w("tasks_delayed"), brief.delayed),
        _problem_table(w, w("problems"), brief.problems),
        _budget_table(w, brief.budget_year, brief.budget, brief.shared, brief.split),
        indicators,
        changes,
        _objectives_table(w, brief.objectives),
    ]
    charts = [
        status_chart(w, brief.objectives, (3.6, 2.3)),
        budget_chart(w, brief.budget_year, brief.budget, (3.6, 2.3)),
    ]

    def render(attempt: int) -> tuple[bytes, int]:
        rows = BRIEF_ROWS[attempt]
        sections = [
            Section(w("summary"), lines=summary),
            Section(w("reporting"), lines=reporting_lines),
            Section(w("tasks_completed"), tables[2], lines=tables[2].notes, limit=rows),
            Section(w("tasks_overdue"), tables[3], lines=tables[3].notes, limit=rows),
            Section(w("tasks_delayed"), tables[4], lines=tables[4].notes, limit=rows),
            Section(w("problems"), tables[5], lines=tables[5].notes, limit=rows),
            Section(w("budget", year=brief.budget_year), tables[6]),
            Section(w("indicators"), tables[7], lines=tables[7].notes, limit=rows),
            Section(w("changes"), tables[8] if brief.changes else None, lines=changes_lines),
        ]
        title, period = w("minister.title"), month(brief.period, lang)
        return _pdf(w, title, period, brief.basis, issued, sections, charts, TEXT_CHARS[attempt], title_page=False)

    stem = f"minister-{brief.period}-{lang}"
    return _write(out, stem, render, len(BRIEF_ROWS), BRIEF_MAX_PAGES, tables, issued, lang)


def late_listed(w: _Words, code: str, days: int | None) -> str:
    """A late report in the brief's list: its institution (a successor with whom it took over from) and its working
    days late, in one bracket, the number as the reader writes it."""
    return w.took_over(code, whole_number(days or 0, w.lang))


def _state(w: _Words, state: str, days: int | None, newer_invalid: bool) -> str:
    said = w("state.late", days=counted(days or 0, "working_day", w.lang)) if state == "late" else w(f"state.{state}")
    return w("state.newer_invalid", state=said) if newer_invalid else said


# --- the Council report -----------------------------------------------------------------------------------


def write_council_report(
    report: CouncilReport,
    plan: Plan,
    registry: InstitutionRegistry,
    lang: Lang,
    out: Path,
    issued: dt.datetime,
) -> tuple[ReportFiles, int]:
    w = _Words(plan, registry, lang)
    days = counted(report.days, "day", lang)
    span = w("council.span", first=month(report.first, lang), last=month(report.last, lang), days=days)
    head = [f"{w('period')}: {span}"]
    if report.previous:
        head.append(
            w(
                "council.previous",
                first=month(report.previous.first, lang),
                last=month(report.previous.last, lang),
                issued=date(belgrade_day(report.previous.issued_at), lang),  # as the gap counts it
            )
        )
    elif report.gap.from_start:
        head.append(w("council.first", start=date(report.gap.previous, lang)))
    else:  # one issued before whose months do not end earlier (of other months, the same day): not the first
        head.append(w("council.informed", issued=date(report.gap.previous, lang)))
    if report.replaces is not None:  # made again the same day: the Council is handed this one, not both
        head.append(w("council.replaces", issued=date(report.replaces, lang)))
    gap_key = "council.gap_from_start" if report.gap.from_start else "council.gap"
    warning = w(gap_key, **gap_words(report.gap, lang)) if report.exceeds else ""
    progress = Table(
        sheet=w("sheet.progress"),
        title=w("progress"),
        columns=[
            _col(w, "activity", width=9),
            _col(w, "text", width=70),
            _col(w, "tasks", "int", 9),
            _col(w, "completed", "int", 10),
            _col(w, "share_completed", "percent", 10),  # of tasks: "executed" is the budget's word
            _col(w, "change", width=10),
        ],
        rows=[
            [
                p.activity or p.objective,
                w.activity(p.activity) if p.activity else f"{w.objective(p.objective)} ({w('col.objective_total')})",
                p.tasks,
                p.completed,
                p.share,
                points(p.change, lang),
            ]
            for p in report.progress
        ],
        notes=[w("progress.note")],  # the xlsx's; the PDF says it above the table
    )
    # a successor's row says whose tasks and months it took over: "MRZSP (od jula 2018. umesto MRZBSP)", on one line
    named = {d.institution: w.took_over(d.institution) for d in report.discipline}
    discipline = Table(
        sheet=w("sheet.discipline"),
        title=w("discipline"),
        columns=[
            _col(w, "institution", width=max([11, *map(len, named.values())])),
            _col(w, "on_time", "int", 9),
            _col(w, "late", "int", 14),
            _col(w, "days_late", "int", 14),
            _col(w, "invalid", "int", 11),
            _col(w, "missing", "int", 11),
            _col(w, "not_read", "int", 11),
        ],
        rows=[
            [named[d.institution], d.on_time, d.late, d.days_late, d.invalid, d.missing, d.not_read]
            for d in report.discipline
        ],
    )

    period = plan.period_label()  # a line with no year is planned once for the plan period

    def spent(r: ResourceLine) -> Decimal | str:
        """0 where the institution said so; where it did not, the gap in words, as the budget tables give it."""
        if r.spending == "none-spent":
            return Decimal(0)
        if r.spending == "no-report":
            return w("budget.no_report", year=r.year or period)
        return w("budget.not_given")

    def resources(sheet: str, title: str, lines: Sequence[ResourceLine], with_spent: bool = False) -> Table:
        return Table(
            sheet=w(sheet),
            title=title,
            columns=[
                _col(w, "task", width=8),
                _col(w, "institution", width=14),
                _col(w, "source", width=18),
                _col(w, "year", width=10),  # a line with no year: "2017-2018"
                _col(w, "amount", "money", 16),
                _col(w, "currency", width=8),
                *([_col(w, "spent", "money", 16)] if with_spent else []),
                _col(w, "as_written", width=60 - 16 * with_spent),
            ],
            rows=[
                [
                    r.task,
                    r.institution,
                    w.source(r.source),
                    str(r.year or period),
                    r.amount,
                    r.currency or "",
                    *([spent(r)] if with_spent else []),
                    r.as_written.in_lang(w.lang),
                ]
                for r in lines
            ],
            notes=_successors_note(w, {r.institution for r in lines}),  # the codes alone: a successor said under it
        )

    tables = [
        _summary_table(
            w,
            [(w("council.title"), span), ("", _basis_line(w, report.basis))]
            + [("", line) for line in head[1:] + ([warning] if warning else [])],
        ),
        progress,
        _objectives_table(w, report.objectives),
        _problem_table(w, w("council.problems"), report.problems),
        _task_table(w, "sheet.overdue", w("council.overdue"), report.overdue),
        resources("sheet.not_executed", w("resources.not_executed"), report.not_executed, with_spent=True),
        resources("sheet.cost_unknown", w("resources.unknown"), report.cost_unknown),
        discipline,
        # A sheet per year the span touches: "Budget" for one; for two (December 2017 to January 2018) each named
        # with its year.
        *(
            _budget_table(
                w, b.year, b.rows, b.shared, b.split, f"{w('sheet.budget')} {b.year}" if len(report.budgets) > 1 else ""
            )
            for b in report.budgets
        ),
    ]
    budget_sections = [
        Section(w("budget", year=b.year), table,
                lines=_budget_summary(w, b.year, b.rows, report.period_money if b is report.budgets[-1] else {},
                                      b.shared, b.split))  # the plan period's lines named once, under the last year
        for b, table in zip(report.budgets, tables[8:], strict=True)
    ]  # fmt: skip
    sections = [
        Section(w("summary"), lines=head, warning=warning),
        Section(w("progress"), tables[1], lines=[w("progress.note")]),
        Section(w("decisions") + ": " + w("council.problems").lower(), tables[3], lines=tables[3].notes),
        Section(w("decisions") + ": " + w("council.overdue").lower(), tables[4], lines=tables[4].notes),
        Section(w("resources") + ": " + w("resources.not_executed").lower(), tables[5], lines=tables[5].notes),
        Section(w("resources") + ": " + w("resources.unknown").lower(), tables[6], lines=tables[6].notes),
        Section(w("discipline"), tables[7]),
        *budget_sections,
    ]
    charts = [
        status_chart(w, report.objectives, (3.6, 2.4)),
        *(budget_chart(w, b.year, b.rows, (3.6, 2.4)) for b in report.budgets),
    ]

    def render(_: int) -> tuple[bytes, int]:
        return _pdf(w, w("council.title"), span, report.basis, issued, sections, charts, whole_in=f"{stem}.xlsx")

    stem = f"council-{report.first}-{report.last}-{lang}"
    return _write(out, stem, render, 1, None, tables, issued, lang)


# --- the annual evaluation --------------------------------------------------------------------------------


def annual_tables(evaluation: AnnualEvaluation, w: _Words) -> list[Table]:
    """The evaluation's tables, for the PDF and the xlsx alike (the summary sheet aside)."""
    lang, year = w.lang, evaluation.year
    degree = Table(
        sheet=w("sheet.degree"),
        title=w("annual.degree"),
        columns=[
            _col(w, "objective", width=8),
            _col(w, "text", width=50),
            _col(w, "activities", "int", 10),
            *(TableColumn(key=s, header=w.assessment(s), kind="int", width=12) for s in ASSESSMENTS),
            _col(w, "tasks", "int", 9),
            _col(w, "tasks_completed", "int", 10),
            _col(w, "share_completed", "percent", 10),
        ],
        rows=[
            [
                o.objective,
                w.objective(o.objective),
                sum(o.activities.values()),
                *(o.activities[s] for s in ASSESSMENTS),
                o.tasks,
                o.completed,
                o.share,
            ]
            for o in evaluation.objectives
        ],
    )

    def decision(a: ActivityEvaluation) -> str:
        if not a.decisions:
            return ""
        d = a.decisions[-1]
        said = f"{d.reason} ({author_said(d.author, lang)}, {moment(d.at, lang)})"
        return f"{said} {since_decision_said(a, lang)}".rstrip()

    activities = Table(
        sheet=w("sheet.activities"),
        title=w("annual.activities"),
        columns=[
            _col(w, "activity", width=9),
            _col(w, "text", width=44),
            _col(w, "proposed", width=16),
            _col(w, "reasoning", width=50),
            _col(w, "assessment", width=16),
            _col(w, "decision", width=40),
        ],
        rows=[
            [
                a.activity,
                w.activity(a.activity),
                w.assessment(a.proposed),
                reasoning(a, lang),
                w.assessment(a.assessment),
                decision(a),
            ]
            for a in evaluation.activities
        ],
    )
    decisions = Table(
        sheet=w("sheet.decisions"),
        title=w("annual.decisions"),
        columns=[
            _col(w, "activity", width=9),
            _col(w, "assessment", width=18),
            _col(w, "reason", width=60),
            _col(w, "author", width=24),
            _col(w, "at", width=18),
        ],
        rows=[
            [a.activity, w.assessment(d.assessment), d.reason, author_said(d.author, lang), moment(d.at, lang)]
            for a in evaluation.activities
            for d in a.decisions
        ],
    )
    comments = Table(
        sheet=w("sheet.comments"),
        title=w("annual.comments"),
        columns=[
            _col(w, "activity", width=9),
            _col(w, "author", width=30),
            _col(w, "comment", width=80),
            _col(w, "at", width=18),
        ],
        rows=[[a.activity, c.author, c.text, moment(c.at, lang)] for a in evaluation.activities for c in a.comments],
    )
    budget = Table(
        sheet=w("sheet.budget"),
        title=w("annual.budget", year=year),
        columns=[
            _col(w, "institution", width=11),
            _col(w, "source", width=18),
            _col(w, "year", width=9),
            _col(w, "currency", width=8),
            _col(w, "planned", "money", 16),
            _col(w, "spent", "money", 16),
            _col(w, "share", "percent", 10),
            _col(w, "section_11", "money", 16),
            _col(w, "difference_11", "money", 16),
            _col(w, "note_11", width=22),
        ],
        rows=[
            [
                r.institution,
                w.source(r.source),
                r.period or str(year),
                r.currency,
                r.planned,
                r.spent,
                _executed(w, r, year),
                r.section_11,
                r.difference_11,
                w("annual.no_task_lines")
                if r.without_task_lines
                else w("annual.successors_lines", codes=", ".join(r.successors))
                if r.successors
                else None,
            ]
            for r in evaluation.budget
        ]
        + _annual_totals(w, evaluation),
        # ten columns: a successor's row keeps its code, whom it took over from is said once under the table
        notes=_successors_note(w, {r.institution for r in evaluation.budget}),
    )
    challenges = Table(
        sheet=w("sheet.challenges"),
        title=w("annual.challenges"),
        columns=[_col(w, "institution", width=11), _col(w, "part", width=24), _col(w, "text", width=90)],
        rows=[[c.institution, text_of(f"narrative.{c.part}", lang), c.text] for c in evaluation.challenges],
        notes=_successors_note(w, {c.institution for c in evaluation.challenges}),  # the codes alone: said under it
    )
    measures = Table(
        sheet=w("sheet.measures"),
        title=w("annual.measures"),
        columns=[
            _col(w, "period", width=9),
            _col(w, "institution", width=11),
            _col(w, "task", width=8),
            _col(w, "problem", width=50),
            _col(w, "measures", width=50),
        ],
        rows=[[m.period, m.institution, m.task, m.problem, m.measures] for m in evaluation.measures],
        notes=_successors_note(w, {m.institution for m in evaluation.measures}),  # the codes alone: said under it
    )
    return [degree, activities, decisions, comments, budget, challenges, measures]


def _period_money(evaluation: AnnualEvaluation) -> dict[str, Decimal]:
    """By currency, the plan of the lines of the whole plan period (their rows of the budget table)."""
    found: dict[str, Decimal] = {}
    for r in evaluation.budget:
        if r.period:
            found[r.currency] = found.get(r.currency, Decimal(0)) + r.planned
    return found


def _annual_totals(w: _Words, evaluation: AnnualEvaluation) -> list[list[Any]]:
    """A total for each currency of the year's lines, then of the plan period's lines (a period line is not the
    year's plan); the section 11 totals beside the whole plan of the year in RSD."""
    year = str(evaluation.year)
    groups: dict[tuple[str, str], list[YearBudgetRow]] = {}
    for r in evaluation.budget:
        groups.setdefault((r.period or year, r.currency), []).append(r)
    found = []
    for period, currency in sorted(groups, key=lambda g: (g[0] != year, g[1] != "RSD", g)):
        mine = groups[(period, currency)]
        (total,) = budget_totals(mine)
        by_year = (period, currency) == (year, "RSD")
        lines = _total_lines(w, total, w("annual.total", currency=currency))
        for n, (label, planned, spent, executed) in enumerate(lines):
            whole = n == len(lines) - 1  # the last line holds the whole plan: the section 11 totals are set beside it
            total_11 = sum((r.section_11 or Decimal(0) for r in mine), Decimal(0)) if whole and by_year else None
            # The column footed: the rows' differences added up, each the task lines against section 11.
            differences = [r.difference_11 for r in mine if r.difference_11 is not None]
            difference = None if total_11 is None else sum(differences, Decimal(0))
            note = None if total_11 is None else _total_11_note(w, mine, planned - total_11)
            found.append([label, "", period, currency, planned, spent, executed, total_11, difference, note])
    return found


def _total_11_note(w: _Words, rows: Sequence[YearBudgetRow], planned_minus_11: Decimal) -> str:
    """What the total's difference to section 11 is: the sum of the rows' differences. A section 11 figure with
    no task line counts whole in it, so the note names those figures and gives Planned minus Section 11 too: an
    auditor checking the total against either finds it right."""
    untasked = [r for r in rows if r.without_task_lines and r.section_11 is not None]
    if not untasked:
        return w("annual.total_11")
    figures = ", ".join(f"{r.institution} {number(r.section_11, w.lang, 2)}" for r in untasked if r.section_11)
    return w("annual.total_11_untasked", figures=figures, difference=number(planned_minus_11, w.lang, 2))


def write_annual_evaluation(
    evaluation: AnnualEvaluation,
    plan: Plan,
    registry: InstitutionRegistry,
    lang: Lang,
    out: Path,
    issued: dt.datetime,
) -> tuple[ReportFiles, int]:
    w = _Words(plan, registry, lang)
    year = evaluation.year
    period = w("annual.year", year=year)
    chart_rows = evaluation.budget_by_institution()
    owed = sorted(reporting_institutions(plan, registry, "annual", Period(year=year)))  # who owes an annual report
    summary = [
        w(
            "annual.summary",
            total=len(evaluation.activities),
            completed=evaluation.count("completed"),
            partial=evaluation.count("partially-completed"),
            not_completed=evaluation.count("not-completed"),
            changed=counted(sum(a.assessment != a.proposed for a in evaluation.activities), "activity", lang),
        ),
        w(
            "annual.received",
            year=year,
            received=len(evaluation.annual_reports),
            total=len(owed),
        ),
        *annual_late_said(evaluation, lang),
        *annual_missing_said(evaluation, [w.took_over(c) for c in owed if c not in evaluation.annual_reports], lang),
        *to_review_said(evaluation, lang),
        *_budget_summary(w, year, chart_rows, _period_money(evaluation), evaluation.shared, evaluation.split),
    ]
    tables = annual_tables(evaluation, w)
    degree, activities, decisions, comments, budget, challenges, measures = tables
    summary_table = _summary_table(
        w, [(w("annual.title"), period), ("", _basis_line(w, evaluation.basis))] + [("", line) for line in summary]
    )
    sections = [
        Section(w("summary"), lines=summary),
        Section(w("annual.degree"), degree),
        Section(w("annual.activities"), activities, lines=[w("annual.rule"), w("degrees")]),
        Section(w("annual.decisions"), decisions),
        Section(w("annual.comments"), comments),
        Section(w("annual.budget", year=year), budget, lines=budget.notes),
        Section(w("annual.challenges"), challenges, lines=challenges.notes),
        Section(w("annual.measures"), measures, lines=measures.notes),
    ]
    charts = [
        status_chart(w, evaluation.statuses, (3.6, 2.4)),
        budget_chart(w, year, chart_rows, (3.6, 2.4)),
    ]

    def render(_: int) -> tuple[bytes, int]:
        return _pdf(w, w("annual.title"), period, evaluation.basis, issued, sections, charts, whole_in=f"{stem}.xlsx")

    stem = f"annual-{year}-{lang}"
    return _write(out, stem, render, 1, None, [summary_table, *tables], issued, lang)


# --- the published annual report and the final report (seed 10.4) -------------------------------------------------


def write_public_report(
    evaluation: AnnualEvaluation,
    plan: Plan,
    registry: InstitutionRegistry,
    lang: Lang,
    out: Path,
    issued: dt.datetime,
    texts: Sequence[FinalText] | None = None,
) -> tuple[ReportFiles, int]:
    """The year's evaluation shaped for publication: the degree of implementation of the objectives and the
    activities, the budget, the problems and challenges; nothing of who reported when, of the Coordinator's
    deliberation or of the comments. With `texts`, the final report of the Strategy period, which adds them."""
    w = _Words(plan, registry, lang)
    year, final = evaluation.year, texts is not None
    title = w("public.final_title") if final else w("public.title")
    period = (
        w("public.period_final", year=year, first=plan.start.year, last=plan.end.year)
        if final
        else w("annual.year", year=year)
    )
    chart_rows = evaluation.budget_by_institution()
    tasks = sum(o.tasks for o in evaluation.objectives)
    done = sum(o.completed for o in evaluation.objectives)
    summary = [
        w(
            "public.summary",
            total=len(evaluation.activities),
            completed=evaluation.count("completed"),
            partial=evaluation.count("partially-completed"),
            not_completed=evaluation.count("not-completed"),
            done=done,
            tasks=tasks,
            share=share(Decimal(done) / tasks if tasks else None, lang),
        ),
        # made before the annual reports are due: provisional, without naming who (internal)
        *([w("public.not_yet_due", year=year, due=date(evaluation.annual_due, lang))] if evaluation.annual_due else []),
        *_budget_summary(w, year, chart_rows, _period_money(evaluation), evaluation.shared, evaluation.split),
    ]
    degree, _, _, _, budget, challenges, measures = annual_tables(evaluation, w)
    # the Lead column names each lead by its code alone: whom a successor took over from is said once, in a note
    successors_note = _successors_note(w, {code for a in evaluation.activities for code in a.lead})
    activities = Table(
        sheet=w("sheet.activities"),
        title=w("public.activities"),
        columns=[
            _col(w, "activity", width=9),
            _col(w, "text", width=60),
            _col(w, "lead", width=16),
            _col(w, "tasks", "int", 9),
            _col(w, "tasks_completed", "int", 10),
            _col(w, "assessment", width=18),
        ],
        rows=[
            [a.activity, w.activity(a.activity), ", ".join(a.lead), a.tasks, a.completed, w.assessment(a.assessment)]
            for a in evaluation.activities
        ],
        notes=successors_note,
    )
    tables = [degree, activities, budget, challenges, measures]
    said: list[Section] = []  # the Coordinator's texts: right after the summary, before the detail
    if texts is not None:
        tables.insert(
            0,
            Table(
                sheet=w("sheet.final"),
                title=w("final.texts"),
                columns=[_col(w, "kind", width=24), _col(w, "text", width=100)],
                rows=[[w(f"final.{t.kind}"), t.text] for t in texts],
            ),
        )
        for kind in FINAL_KINDS:
            mine = [t.text for t in texts if t.kind == kind]
            if mine:
                said.append(Section(w(f"final.{kind}"), lines=[f"{i}. {t}" for i, t in enumerate(mine, 1)]))
    sections = [
        Section(w("summary"), lines=summary),
        *said,
        Section(w("annual.degree"), degree),
        Section(w("public.activities"), activities, lines=[w("public.rule"), w("degrees"), *successors_note]),
        Section(w("annual.budget", year=year), budget, lines=budget.notes),
        Section(w("annual.challenges"), challenges, lines=challenges.notes),
        Section(w("annual.measures"), measures, lines=measures.notes),
    ]
    summary_table = _summary_table(
        w, [(title, period), ("", _basis_line(w, evaluation.basis))] + [("", line) for line in summary]
    )
    charts = [
        status_chart(w, evaluation.statuses, (3.6, 2.4)),
        budget_chart(w, year, chart_rows, (3.6, 2.4)),
    ]

    def render(_: int) -> tuple[bytes, int]:
        return _pdf(w, title, period, evaluation.basis, issued, sections, charts, whole_in=f"{stem}.xlsx")

    stem = f"final-{plan.start.year}-{year}-{lang}" if final else f"public-{year}-{lang}"
    return _write(out, stem, render, 1, None, [summary_table, *tables], issued, lang)
