"""The Action Plan as data: objectives -> activities -> tasks, with their
responsible institutions, indicators, deadlines, budget lines and risks, and
the Financial Effects totals of the Strategy (section 11).

Later Action Plans have the same shape, so nothing here is specific to
2017-2018: a plan is a data file validated by these models.
"""

from __future__ import annotations

import datetime as dt
import weakref
from collections.abc import Callable, Hashable, Iterator
from decimal import Decimal
from typing import Any, Literal, NamedTuple, TypeVar

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, model_validator

from apmon.schemas.institutions import CODE_PATTERN, InstitutionRegistry
from apmon.schemas.said import SaidValueError
from apmon.schemas.text import Lang, Text

Currency = Literal["RSD", "EUR"]
BudgetSource = Literal["state-budget", "taiex", "donor-project", "no-cost", "cost-unknown"]
BreakdownGroup = Literal["women", "men", "girls", "boys"]
Measure = Literal["flow", "stock"]
InstitutionCode = str
DeadlineState = Literal["overdue", "open-at-end"]

BUDGET_SOURCES: tuple[BudgetSource, ...] = ("state-budget", "taiex", "donor-project", "no-cost", "cost-unknown")
BREAKDOWN_GROUPS: tuple[BreakdownGroup, ...] = ("women", "men", "girls", "boys")
TextKind = Literal[
    "plan", "strategy", "financial", "objective", "activity", "task", "indicator", "risk", "resources", "budget",
    "donor", "budget-note",
]  # fmt: skip

_STRICT = ConfigDict(extra="forbid", frozen=True)
_DOUBTFUL = Field(
    default=None,
    description="What is doubtful in the source text for this element (garbled, repeated, cut off).",
)


class BudgetLine(BaseModel):
    """One resource line of a task: who pays, from what source, how much, for which year."""

    model_config = _STRICT

    source: BudgetSource
    payer: InstitutionCode | None = Field(default=None, pattern=CODE_PATTERN)
    amount: Decimal | None = Field(default=None, ge=0, max_digits=15, decimal_places=2)
    currency: Currency | None = None
    year: int | None = Field(default=None, ge=2000, le=2100)
    # Texts a reader sees (a template's Budget sheet, the Council's report): English and Serbian as the plan's other
    # texts; a plain string, as older plan files write them, is the English alone.
    donor: Text | None = Field(default=None, description="Donor or funding project, e.g. TAIEX, US DoL project.")
    notes: list[Text] = Field(default_factory=list, description='Conditions such as "application needed".')
    as_written: Text = Field(description="The resource text as the source document has it (en), and in Serbian.")
    doubtful: str | None = _DOUBTFUL

    @model_validator(mode="after")
    def _consistent(self) -> BudgetLine:
        if self.source in ("no-cost", "cost-unknown") and self.amount is not None:
            raise SaidValueError("invalid.line_no_amount", source=self.source)
        if self.amount is not None and self.currency is None:
            raise SaidValueError("invalid.amount_currency")
        if self.source == "state-budget" and self.payer is None:
            raise SaidValueError("invalid.state_budget_payer")
        return self


class Indicator(BaseModel):
    model_config = _STRICT

    id: str = Field(pattern=r"^[1-9][0-9]*\.[1-9][0-9]*\.i[1-9][0-9]*$", description="e.g. 1.2.i3")
    text: Text
    counts: bool = Field(description="The indicator is a number of something (reported as a whole number).")
    measure: Measure | None = Field(
        default=None,
        description="A counting indicator's kind: flow (counted in the period: the year's figure is the sum of its "
        "months) or stock (a level at a date: the year's figure is the latest value). None for a text indicator.",
    )
    breakdown: list[BreakdownGroup] = Field(
        default_factory=list,
        description="Groups the count is broken down by (women / men / girls / boys); empty for none.",
    )
    doubtful: str | None = _DOUBTFUL

    @model_validator(mode="after")
    def _breakdown_only_on_counts(self) -> Indicator:
        if self.breakdown and not self.counts:
            raise SaidValueError("invalid.breakdown_needs_counts")
        if self.counts and self.measure is None:
            raise SaidValueError("invalid.counts_need_measure")
        if self.measure is not None and not self.counts:
            raise SaidValueError("invalid.measure_needs_counts")
        if len(set(self.breakdown)) != len(self.breakdown):
            raise SaidValueError("invalid.breakdown_twice")
        return self


class Deadline(BaseModel):
    model_config = _STRICT

    as_written: str = Field(min_length=1, description='As the plan writes it: "Second quarter of 2018".')
    kind: Literal["continuous", "due"] = Field(
        description="continuous: carried out continuously until 'end'; due: to be completed by 'end'."
    )
    end: dt.date
    doubtful: str | None = _DOUBTFUL

    def state(self, status: str | None, on: dt.date) -> DeadlineState | None:
        """What the deadline says on day `on` of a task with `status` (None: not reported), once `end` is past:
        "overdue" when a dated deadline passed and the task is not completed; "open-at-end" when a continuous
        task's period ended with the task not completed (carried on to the end, not late). The one rule the
        master, the validation and the reports use."""
        if on <= self.end or status == "completed":
            return None
        return "overdue" if self.kind == "due" else "open-at-end"


class Task(BaseModel):
    model_config = _STRICT

    id: str = Field(pattern=r"^[1-9][0-9]*\.[1-9][0-9]*\.[1-9][0-9]*$", description="e.g. 1.2.3")
    text: Text
    lead: list[InstitutionCode] = Field(min_length=1, description="Responsible institution(s).")
    partners: list[InstitutionCode] = Field(default_factory=list, description="Partners named in the plan.")
    and_partners: bool = Field(default=False, description='The plan adds a generic "and partners".')
    responsible_as_written: str = Field(min_length=1)
    budget: list[BudgetLine] = Field(default_factory=list)
    doubtful: str | None = _DOUBTFUL

    @model_validator(mode="after")
    def _lead_is_not_partner(self) -> Task:
        both = set(self.lead) & set(self.partners)
        if both:
            raise SaidValueError("invalid.lead_and_partner", codes=", ".join(sorted(both)))
        return self


class Activity(BaseModel):
    model_config = _STRICT

    id: str = Field(pattern=r"^[1-9][0-9]*\.[1-9][0-9]*$", description="e.g. 1.2")
    title: Text
    deadline: Deadline
    tasks: list[Task] = Field(min_length=1)
    indicators: list[Indicator] = Field(default_factory=list)
    risks: list[Text] = Field(default_factory=list)
    resources_note: Text | None = Field(default=None, description="A note the plan gives on resources as a whole.")
    doubtful: str | None = _DOUBTFUL


class Objective(BaseModel):
    model_config = _STRICT

    id: str = Field(pattern=r"^[1-9][0-9]*$")
    title: Text
    activities: list[Activity] = Field(min_length=1)


class FinancialTotal(BaseModel):
    model_config = _STRICT

    institution: InstitutionCode = Field(pattern=CODE_PATTERN)
    year: int = Field(ge=2000, le=2100)
    amount: Decimal = Field(ge=0, max_digits=15, decimal_places=2)
    currency: Currency = "RSD"
    doubtful: str | None = _DOUBTFUL


class FinancialPart(BaseModel):
    model_config = _STRICT

    title: Text
    first_year: int
    last_year: int
    totals: list[FinancialTotal]
    without_expenditures: list[InstitutionCode] = Field(
        default_factory=list, description="Authorities the section lists as currently without expenditures."
    )

    @model_validator(mode="after")
    def _years_in_range(self) -> FinancialPart:
        for total in self.totals:
            if not self.first_year <= total.year <= self.last_year:
                raise SaidValueError(
                    "invalid.year_outside",
                    institution=total.institution,
                    year=total.year,
                    first=self.first_year,
                    last=self.last_year,
                )
        return self


class FinancialEffects(BaseModel):
    model_config = _STRICT

    strategy: FinancialPart = Field(description="Section 11, Part 1: the Strategy.")
    action_plan: FinancialPart = Field(description="Section 11, Part 2: the Action Plan.")


class Plan(BaseModel):
    model_config = _STRICT

    id: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", description="e.g. ap-2017-2018")
    title: Text
    strategy: Text
    adopted: dt.date | None = None
    start: dt.date
    end: dt.date
    objectives: list[Objective] = Field(min_length=1)
    financial_effects: FinancialEffects
    # The registry whose splits (`succeeds`) the plan file's codes follow: set by `under`, and kept by the plan as it
    # stood on a day (`on`: the splits of before that day still hold); None for a plan loaded without a registry.
    _registry: InstitutionRegistry | None = PrivateAttr(default=None)
    _copied_from: Plan | None = PrivateAttr(default=None)  # kept alive with its copy, so its key in _UNDER holds

    @model_validator(mode="after")
    def _ids_are_hierarchical_and_unique(self) -> Plan:
        if self.end < self.start:
            raise SaidValueError("invalid.end_before_start")
        seen: set[str] = set()
        for objective in self.objectives:
            _unique(objective.id, seen)
            for activity in objective.activities:
                _child_of(activity.id, objective.id)
                _unique(activity.id, seen)
                for task in activity.tasks:
                    _child_of(task.id, activity.id)
                    _unique(task.id, seen)
                for indicator in activity.indicators:
                    _child_of(indicator.id, activity.id)
                    _unique(indicator.id, seen)
        return self

    # Navigation helpers used by templates, validation and consolidation.
    def activities(self) -> list[Activity]:
        return [a for o in self.objectives for a in o.activities]

    def tasks(self) -> list[Task]:
        return [t for a in self.activities() for t in a.tasks]

    def indicators(self) -> list[Indicator]:
        return [i for a in self.activities() for i in a.indicators]

    def budget_lines(self) -> list[tuple[Task, BudgetLine]]:
        return [(t, line) for t in self.tasks() for line in t.budget]

    def account_lines(self) -> list[AccountLine]:
        """Every plan amount once, with the one institution that accounts for it (the rules: `_account_lines`)."""
        return derived(self, "account lines", lambda: _account_lines(self))

    def under(self, registry: InstitutionRegistry) -> Plan:
        """The plan whose codes follow the registry's splits (InstitutionRegistry.stood_for): the plan file names
        the successors, and `on` gives the plan as it stood before them. Self when the registry has no split."""
        if not registry.successions:
            return self
        key = (id(self), registry.successions)
        plan = _UNDER.get(key)
        if plan is None:
            plan = self.model_copy()
            plan._registry, plan._copied_from = registry, self
            _UNDER[key] = plan
        return plan

    def stood_for(self, code: str, day: dt.date) -> str:
        """The institution that held `code`'s tasks and money on `day` (InstitutionRegistry.stood_for)."""
        return code if self._registry is None else self._registry.stood_for(code, day)

    def on(self, day: dt.date) -> Plan:
        """The plan as it stood on `day`: a successor's tasks and budget lines (lead, partners, payer) held by its
        predecessor before the successor's first month, as the plan file had them before the split. Self where no
        code stood for another that day."""
        if self._registry is None:
            return self
        held = {code: self.stood_for(code, day) for code, _, _ in self._registry.successions}
        held = {code: holder for code, holder in held.items() if holder != code}
        if not held:
            return self
        return derived(self, ("on", tuple(sorted(held.items()))), lambda: _held_by(self, held))

    def task(self, task_id: str) -> Task:
        """The task `task_id` (KeyError for one the plan does not have)."""
        return derived(self, "task by id", lambda: {t.id: t for t in self.tasks()})[task_id]

    def leads_when_due(self, task_id: str, day: dt.date) -> list[str]:
        """The task's leads as a list over the whole plan names them: those that held it when it was due (its
        activity's deadline), or, for a task not yet due on `day` (the day the list speaks of), those that hold it
        that day (`on`). A task due before a split is the old ministry's, one due after it the successor's."""
        return self.on(min(self.activity_of(task_id).deadline.end, day)).task(task_id).lead

    def predecessors(self, code: str) -> list[str]:
        """The institutions `code` took over from, nearest first (InstitutionRegistry.predecessors)."""
        return [] if self._registry is None else self._registry.predecessors(code)

    def succession(self, code: str) -> tuple[str, str] | None:
        """(the institution `code` took over from, its own first month YYYY-MM) for a successor of a split; None for
        any other institution."""
        successions = () if self._registry is None else self._registry.successions
        return next(((before, first) for after, before, first in successions if after == code), None)

    def section_11_holder(self, code: str, year: int) -> str:
        """Whose section 11 (Part 2) figure of `year` the task lines `code` owns count toward: its own, else that
        of the nearest institution it took over from that has one. A split ministry's figure is its successors'
        combined, one amount counted once."""
        figures = derived(self, "section 11 figures", lambda: {(t.institution, t.year) for t in _totals(self)})
        if (code, year) in figures:
            return code
        return next((p for p in self.predecessors(code) if (p, year) in figures), code)

    def month_span(self) -> tuple[str, str]:
        """The plan's first and last month, YYYY-MM, as messages name them."""
        first, last = (f"{d.year}-{d.month:02d}" for d in (self.start, self.end))
        return first, last

    def period_label(self) -> str:
        """The plan period as the Budget names it for a line with no year: "2017-2018"."""
        return f"{self.start.year}-{self.end.year}"

    def activity_of(self, task_id: str) -> Activity:
        # Looked up for every task of every report checked: a table made once.
        activities = derived(self, "activity by task", lambda: {t.id: a for a in self.activities() for t in a.tasks})
        return activities[task_id]

    def texts(self) -> list[PlanText]:
        """Every text of the plan, in the plan's order, each with an id of its own: an objective, activity, task or
        indicator by its id; a risk as <activity>.r<n>; a note on resources as <activity>.resources; a budget line
        as the plan writes it by its line id <task>/<n>, its donor as <task>/<n>.donor, its notes <task>/<n>.note<k>."""
        return derived(self, "texts", lambda: list(_texts(self)))

    def text(self, text_id: str, lang: Lang) -> str:
        """The text `text_id` (see `texts`) in `lang`: the official Serbian wording when put in, else apmon's
        translation; Cyrillic derived from the Latin. KeyError for an id the plan has no text for."""
        by_id = derived(self, "text by id", lambda: {t.id: t.text for t in self.texts()})
        return by_id[text_id].in_lang(lang)

    def institutions_involved(self) -> set[str]:
        codes: set[str] = set()
        for task in self.tasks():
            codes.update(task.lead, task.partners)
            codes.update(line.payer for line in task.budget if line.payer)
        return codes


def _totals(plan: Plan) -> list[FinancialTotal]:
    return plan.financial_effects.action_plan.totals


def _held_by(plan: Plan, held: dict[str, str]) -> Plan:
    """The plan with each code of `held` replaced by the institution that held its tasks and lines."""
    data = plan.model_dump()
    for objective in data["objectives"]:
        for activity in objective["activities"]:
            for task in activity["tasks"]:
                task["lead"] = list(dict.fromkeys(held.get(code, code) for code in task["lead"]))
                partners = dict.fromkeys(held.get(code, code) for code in task["partners"])
                task["partners"] = [code for code in partners if code not in task["lead"]]
                for line in task["budget"]:
                    line["payer"] = line["payer"] and held.get(line["payer"], line["payer"])
    then = Plan.model_validate(data)
    # the splits that had happened by then still hold: a figure of an earlier split's predecessor is set against its
    # successors' lines (section_11_holder), not counted again at its level
    then._registry = plan._registry
    return then


class AccountLine(NamedTuple):
    """A plan amount and who accounts for it. `line_id`: `task/n` (the task's n-th resource line) or, for a
    section 11 figure with no task line, `11/<institution>/<year>`; `task_id` is "" for the latter."""

    line_id: str
    task_id: str
    owner: str
    line: BudgetLine


def _account_lines(plan: Plan) -> list[AccountLine]:
    """The counting rules (design, "Counting rules"): each line counts once. Its owner is the payer the plan
    names, else the task's first lead (a TAIEX line of a task with two leads is the first lead's money; to give
    it to another, name it as 'payer' in the plan file), as it stood in the line's year (`Plan.stood_for`: a
    line of a year before a split is the predecessor's). A line with no year belongs to the plan period. A
    section 11 (Part 2) figure of an institution and year with no state-budget task line counted toward it
    (`Plan.section_11_holder`) becomes a line at the institution's level, so the money can be reported; a zero
    figure needs none."""
    found = []
    for task in plan.tasks():
        for n, line in enumerate(task.budget, 1):
            if line.source not in ("no-cost", "cost-unknown"):
                year_end = dt.date(line.year, 12, 31) if line.year else plan.end
                owner = plan.stood_for(line.payer or task.lead[0], year_end)
                found.append(AccountLine(f"{task.id}/{n}", task.id, owner, line))
    with_lines = {
        (plan.section_11_holder(a.owner, a.line.year), a.line.year)
        for a in found
        if a.line.source == "state-budget" and a.line.currency == "RSD" and a.line.year is not None
    }
    for total in plan.financial_effects.action_plan.totals:
        if total.amount > 0 and (total.institution, total.year) not in with_lines:
            line = BudgetLine(
                source="state-budget",
                payer=total.institution,
                amount=total.amount,
                currency=total.currency,
                year=total.year,
                as_written=Text(
                    en=f"Section 11, Part 2: {total.institution} {total.year}",
                    sr=f"Odeljak 11, deo 2: {total.institution} {total.year}",
                ),
            )
            found.append(AccountLine(f"11/{total.institution}/{total.year}", "", total.institution, line))
    return found


class PlanText(BaseModel):
    """One text of a plan, with its id, its kind and where it lies in the plan file (`loc`)."""

    model_config = ConfigDict(frozen=True)

    id: str
    kind: TextKind
    text: Text
    loc: tuple[str | int, ...]


def _texts(plan: Plan) -> Iterator[PlanText]:
    yield PlanText(id="plan", kind="plan", text=plan.title, loc=("title",))
    yield PlanText(id="strategy", kind="strategy", text=plan.strategy, loc=("strategy",))
    for oi, objective in enumerate(plan.objectives):
        at: tuple[str | int, ...] = ("objectives", oi)
        yield PlanText(id=objective.id, kind="objective", text=objective.title, loc=(*at, "title"))
        for ai, activity in enumerate(objective.activities):
            at = ("objectives", oi, "activities", ai)
            yield PlanText(id=activity.id, kind="activity", text=activity.title, loc=(*at, "title"))
            if activity.resources_note is not None:
                note = activity.resources_note
                yield PlanText(id=f"{activity.id}.resources", kind="resources", text=note, loc=(*at, "resources_note"))
            for ti, task in enumerate(activity.tasks):
                yield PlanText(id=task.id, kind="task", text=task.text, loc=(*at, "tasks", ti, "text"))
                yield from _budget_texts(task, (*at, "tasks", ti))
            for ii, indicator in enumerate(activity.indicators):
                loc = (*at, "indicators", ii, "text")
                yield PlanText(id=indicator.id, kind="indicator", text=indicator.text, loc=loc)
            for ri, risk in enumerate(activity.risks):
                yield PlanText(id=f"{activity.id}.r{ri + 1}", kind="risk", text=risk, loc=(*at, "risks", ri))
    for part in ("strategy", "action_plan"):
        title = getattr(plan.financial_effects, part).title
        yield PlanText(id=f"financial.{part}", kind="financial", text=title, loc=("financial_effects", part, "title"))


def _budget_texts(task: Task, at: tuple[str | int, ...]) -> Iterator[PlanText]:
    for bi, line in enumerate(task.budget):
        line_id, loc = f"{task.id}/{bi + 1}", (*at, "budget", bi)
        yield PlanText(id=line_id, kind="budget", text=line.as_written, loc=(*loc, "as_written"))
        if line.donor is not None:
            yield PlanText(id=f"{line_id}.donor", kind="donor", text=line.donor, loc=(*loc, "donor"))
        for ni, note in enumerate(line.notes):
            yield PlanText(id=f"{line_id}.note{ni + 1}", kind="budget-note", text=note, loc=(*loc, "notes", ni))


# A plan under a registry (Plan.under), by the plan it was copied from and the registry's splits: the same copy while
# it is in use, so what is derived from it is worked out once; gone with the last use.
_UNDER: weakref.WeakValueDictionary[tuple[int, Hashable], Plan] = weakref.WeakValueDictionary()

# What is worked out from a plan, by plan object: a plan is immutable once loaded, and a copy is another object
# with its own. An entry goes with its plan (a scheduler that loads the plan afresh each run keeps no old plan).
_DERIVED: dict[int, dict[Hashable, Any]] = {}
T = TypeVar("T")


def derived(plan: Plan, key: Hashable, make: Callable[[], T]) -> T:
    """What `make()` works out from the plan (a lookup table, a template layout), made once per plan and key."""
    if id(plan) not in _DERIVED:
        _DERIVED[id(plan)] = {}
        weakref.finalize(plan, _DERIVED.pop, id(plan), None)
    store = _DERIVED[id(plan)]
    if key not in store:
        store[key] = make()
    made: T = store[key]
    return made


def _unique(element_id: str, seen: set[str]) -> None:
    if element_id in seen:
        raise SaidValueError("invalid.id_twice", id=repr(element_id))
    seen.add(element_id)


def _child_of(child: str, parent: str) -> None:
    if not child.startswith(parent + "."):
        raise SaidValueError("invalid.id_not_under", child=repr(child), parent=repr(parent), prefix=f"{parent}.")
