"""The bodies that take part in the Strategy: who leads, who partners, who pays."""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, model_validator

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
    reports: bool = Field(
        default=True,
        description="False for the bodies that receive reports (Council, Coordinator, the Working Group as a body); "
        "what the others owe follows from the plan (templates.layout.reporting_duties).",
    )

    def display(self, lang: Lang) -> str:
        """The name as a cell or a heading shows it."""
        return {"sr-Latn": self.name.sr_latn, "sr-Cyrl": self.name.sr_cyrl, "en": self.name.en}[lang]

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

    def __contains__(self, code: object) -> bool:
        return code in self._by_code

    def get(self, code: str) -> Institution:
        return self._by_code[code]

    @property
    def codes(self) -> list[str]:
        return [i.code for i in self.institutions]
