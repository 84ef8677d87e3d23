"""The bodies that take part in the Strategy: who leads, who partners, who pays."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, field_validator, model_validator

from apmon.schemas.messages import text_of
from apmon.schemas.said import SaidValueError
from apmon.schemas.text import Lang

InstitutionKind = Literal[
    "council",  # the Council for the Fight against Human Trafficking
    "coordinator",  # the National Coordinator
    "working-group",  # the Working Group and inter-agency working groups
    "ministry",
    "authority",  # other state bodies: prosecution, offices, agencies, centres
    "civil-society",
    "local",  # local self-governments and their anti-trafficking teams
]

CODE_PATTERN = r"^[A-Z][A-Z0-9]{1,11}$"
MONTH_PATTERN = r"^[0-9]{4}-(0[1-9]|1[0-2])$"
_ABBREVIATION = re.compile(r"[A-ZČĆŠĐŽ][A-ZČĆŠĐŽ0-9]+")  # MUP, SIPRU, ASTRA: said as names, without an article


def in_text(name: str, lang: Lang, *, first: bool = False) -> str:
    """An institution's name as a sentence puts it: the one rule for every message that names one. English puts
    "the" before the name of a body ("from the Ministry of Justice", "The Council: ...", `first`: at the start of
    the sentence), as the Strategy writes them, but not before a code, an abbreviation or a one-word name (MUP,
    SIPRU, ASTRA, Atina), said as names are. Serbian has no articles: the name as it is, in the nominative, so only
    where a sentence asks for that case (a sentence that asks for the genitive: `Institution.in_genitive`). A
    message that starts with the name sets it apart (before a colon), so that no verb has to agree with a plural
    name."""
    words = name.split()
    if lang == "en" and len(words) > 1 and not _ABBREVIATION.fullmatch(words[0]) and words[0].lower() != "the":
        name = f"the {name}"
    return name[:1].upper() + name[1:] if first else name  # a sentence starts with a capital, whatever the name


class InstitutionName(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True, frozen=True)

    sr_latn: str = Field(alias="sr-Latn", min_length=1)
    sr_cyrl: str = Field(alias="sr-Cyrl", min_length=1)
    en: str = Field(min_length=1)

    def said(self, lang: Lang) -> str:
        """The name in `lang` (a message names the institution in the reader's language)."""
        return {"sr-Latn": self.sr_latn, "sr-Cyrl": self.sr_cyrl, "en": self.en}[lang]

    def in_sentence(self, *, first: bool = False) -> NameInSentence:
        """The name as a message's sentence puts it, in the message's language (`in_text`)."""
        return NameInSentence(self, first)


class SerbianName(BaseModel):
    """A name's form in one case, in both Serbian scripts (English has no cases)."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True, frozen=True)

    sr_latn: str = Field(alias="sr-Latn", min_length=1)
    sr_cyrl: str = Field(alias="sr-Cyrl", min_length=1)


class NameInSentence:
    """An institution's name in a message's field, said as a sentence puts it (`in_text`)."""

    def __init__(self, name: InstitutionName, first: bool) -> None:
        self.name, self.first = name, first

    def said(self, lang: Lang) -> str:
        return in_text(self.name.said(lang), lang, first=self.first)


class FormerName(BaseModel):
    """A name an institution bore before the Government renamed it (same code, same duties)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    until: dt.date = Field(description="The last day the institution bore this name.")
    name: InstitutionName


def succeeds_named(given: object) -> list[str]:
    """The codes a `succeeds` (or `--succeeds`) names: a list's, or those typed together in one text ("MZ, MRZBSP");
    none of any other value, which the field refuses as no text."""
    if isinstance(given, list | tuple):
        return [str(c) for c in given if str(c).strip()]
    return [c for c in re.split(r"[\s,;/+&]+", given) if c] if isinstance(given, str) else []


class Institution(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    code: str = Field(pattern=CODE_PATTERN, description="Short stable ASCII code, e.g. MUP.")
    kind: InstitutionKind
    name: InstitutionName
    short: InstitutionName | None = Field(
        default=None, description="Short form for narrow cells, where the full name is long."
    )
    genitive: SerbianName | None = Field(
        default=None,
        description='The full name in the genitive ("Ministarstva pravde"), for a Serbian sentence that asks for '
        "that case; without it such a text names the institution after a label, where the nominative is right.",
    )
    working_group_member: bool = Field(
        default=False, description="Listed as a Working Group member in section 10.1 of the Strategy."
    )
    civil_society_representative: bool = Field(
        default=False,
        description="One of the five representatives of civil society organisations who take part in monitoring "
        "on an equal footing (section 10.1 of the Strategy).",
    )
    former_names: list[FormerName] = Field(
        default_factory=list,
        description="The names it bore before a renaming, oldest first, each with its last day: a template of a "
        "period that ended by then carries that name, and the master and the reports name it as it is now and was.",
    )
    reports_from: str | None = Field(
        default=None,
        pattern=MONTH_PATTERN,
        description="The first month (YYYY-MM) it owes reports for: a body created, or that joined, during the plan "
        "(a successor of a ministry split in two). None: from the plan's start.",
    )
    reports_until: str | None = Field(
        default=None,
        pattern=MONTH_PATTERN,
        description="The last month (YYYY-MM) it owes reports for: a body abolished or split in two during the plan; "
        "what it sent until then stays counted. None: to the plan's end.",
    )
    succeeds: str | None = Field(
        default=None,
        pattern=CODE_PATTERN,
        description="The code of the institution it took over from (a ministry split in two): from its `reports_from` "
        "on it holds the tasks and money the plan file gives it, and before that month its predecessor held them "
        "(InstitutionRegistry.stood_for).",
    )
    reports: bool = Field(
        default=True,
        description="False for the bodies that receive reports (Council, Coordinator, the Working Group as a body); "
        "what the others owe follows from the plan (templates.layout.reporting_duties).",
    )

    @model_validator(mode="before")
    @classmethod
    def _succeeds_one(cls, data: object) -> object:
        # A merger (one body taking over two) cannot be said: the plan file names who holds each task now, and
        # `succeeds` gives who held it before; with two old bodies that is unknown, and guessing gives wrong figures.
        codes = succeeds_named(data.get("succeeds") if isinstance(data, dict) else None)
        if len(codes) > 1:
            code = data.get("code") if isinstance(data, dict) else None
            raise SaidValueError(
                "invalid.succeeds_merger", code=str(code), predecessors=", ".join(codes), entry_field="succeeds"
            )
        return data

    @field_validator("reports_from", "reports_until", mode="before")
    @classmethod
    def _a_month(cls, value: object) -> object:
        # said as a month, not as a pattern; a day typed (YAML reads 2018-07-01 as a date) is refused the same way
        if value is not None and not (isinstance(value, str) and re.fullmatch(MONTH_PATTERN, value)):
            raise SaidValueError("invalid.month", found=repr(str(value)))
        return value

    @model_validator(mode="after")
    def _former_names_in_order(self) -> Institution:
        days = [former.until for former in self.former_names]
        if days != sorted(set(days)):
            raise SaidValueError("invalid.former_names_order", code=self.code)
        return self

    @model_validator(mode="after")
    def _succeeds_from_a_month(self) -> Institution:
        if self.succeeds is not None and self.reports_from is None:
            raise SaidValueError("invalid.succeeds_needs_from", code=self.code, predecessor=self.succeeds)
        return self

    @model_validator(mode="after")
    def _reports_from_before_until(self) -> Institution:
        if self.reports_from and self.reports_until and self.reports_from > self.reports_until:
            raise SaidValueError(
                "invalid.reports_window", code=self.code, first=self.reports_from, last=self.reports_until
            )
        return self

    def reports_for(self, last_day: dt.date) -> bool:
        """Whether it owes the report of the period ending on `last_day` (a month, or a year: its December), by its
        `reports_from` and `reports_until`."""
        month = f"{last_day:%Y-%m}"
        return (self.reports_from or month) <= month <= (self.reports_until or month)

    def display(self, lang: Lang) -> str:
        """The name as a cell or a heading shows it."""
        return {"sr-Latn": self.name.sr_latn, "sr-Cyrl": self.name.sr_cyrl, "en": self.name.en}[lang]

    def name_on(self, day: dt.date) -> InstitutionName:
        """The name the institution bore on `day` (a template carries the name of its period's last day)."""
        return next((former.name for former in self.former_names if day <= former.until), self.name)

    def display_then_and_now(self, first: dt.date, last: dt.date, lang: Lang) -> str:
        """The name as it is now, followed by each name it bore on some of the days `first` to `last`, the latest
        first, with its last day: what the master and the reports, which look back over the plan, show."""
        said, since = self.display(lang), [dt.date.min] + [f.until + dt.timedelta(days=1) for f in self.former_names]
        for former, borne_from in reversed(list(zip(self.former_names, since, strict=False))):
            if borne_from <= last and first <= former.until:
                said = text_of(
                    "institution.formerly", lang, name=said, until=former.until, former=former.name.said(lang)
                )
        return said

    def in_text(self, lang: Lang) -> str:
        """The name as a sentence puts it, after a preposition ("from the Ministry of Justice"): `in_text`."""
        return in_text(self.display(lang), lang)

    def in_genitive(self, lang: Lang) -> str | None:
        """The name where a sentence asks for the genitive ("od vas (Ministarstva pravde)"): English has no cases,
        so the name as a sentence puts it ("from the Ministry of Justice"); Serbian the genitive the registry gives,
        None when it gives none (the text then names the institution another way, as `display` writes it)."""
        if lang == "en":
            return self.in_text(lang)
        if self.genitive is None:
            return None
        return self.genitive.sr_latn if lang == "sr-Latn" else self.genitive.sr_cyrl


class InstitutionRegistry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    institutions: list[Institution]
    # Looked up for every report, task and budget line: by code, not by a scan of the list.
    _by_code: dict[str, Institution] = PrivateAttr(default_factory=dict)

    @model_validator(mode="after")
    def _codes_are_unique(self) -> InstitutionRegistry:
        for inst in self.institutions:
            if inst.code in self._by_code:
                raise SaidValueError("invalid.code_twice", code=repr(inst.code))
            self._by_code[inst.code] = inst
        return self

    @model_validator(mode="after")
    def _predecessors_ended_before(self) -> InstitutionRegistry:
        # A predecessor ends before its successor begins, so a chain of successions always goes back in time.
        for inst in self.institutions:
            if inst.succeeds is None:
                continue
            before = self._by_code.get(inst.succeeds)
            fields = {"code": inst.code, "predecessor": inst.succeeds, "first": inst.reports_from}
            fields["entry_field"] = "succeeds"  # where the file's loader locates the refusal
            if before is None:
                raise SaidValueError("invalid.succeeds_unknown", **fields)
            if before.reports_until is None or not before.reports_until < str(inst.reports_from):
                raise SaidValueError("invalid.succeeds_window", **fields, last=before.reports_until or "-")
        return self

    def stood_for(self, code: str, day: dt.date) -> str:
        """The institution that held `code`'s tasks and money on `day`: the one rule of a split. A successor
        (`succeeds`) holds them from its first month; before it, its predecessor did (and before that one's first
        month, the predecessor's own)."""
        month, inst = f"{day:%Y-%m}", self._by_code.get(code)
        while inst is not None and inst.succeeds is not None and month < str(inst.reports_from):
            code, inst = inst.succeeds, self._by_code.get(inst.succeeds)
        return code

    def predecessors(self, code: str) -> list[str]:
        """Those `code` took over from, nearest first."""
        found, inst = [], self._by_code.get(code)
        while inst is not None and inst.succeeds is not None:
            found.append(inst.succeeds)
            inst = self._by_code.get(inst.succeeds)
        return found

    @property
    def successions(self) -> tuple[tuple[str, str, str], ...]:
        """(successor, predecessor, first month) of every split: what a plan needs of the registry (Plan.under)."""
        return tuple((i.code, i.succeeds, str(i.reports_from)) for i in self.institutions if i.succeeds is not None)

    def __contains__(self, code: object) -> bool:
        return code in self._by_code

    def get(self, code: str) -> Institution:
        return self._by_code[code]

    @property
    def codes(self) -> list[str]:
        return [i.code for i in self.institutions]

    def names(self) -> Iterator[str]:
        """Every institution's name, short name and genitive in each language and script, and the names it bore."""
        for i in self.institutions:
            for name in (i.name, i.short, *(former.name for former in i.former_names)):
                if name is not None:
                    yield from (name.sr_latn, name.sr_cyrl, name.en)
            if i.genitive is not None:
                yield from (i.genitive.sr_latn, i.genitive.sr_cyrl)
