"""A month said after a preposition that takes the genitive (od, do, iz, tokom, posle, pre...) is in the genitive in
Serbian, Latin and Cyrillic: "stanje od marta 2018.", "Koordinator, od marta 2018.", never "od mart 2018."; English
is unchanged. Real records in a real SQLite ledger, the master's Status sheet as consolidation makes it, and every
rule's message that says a month. The expected words are typed here, not taken from the code under test."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from apmon.schemas.calendar import Period
from apmon.schemas.institutions import InstitutionRegistry
from apmon.schemas.issues import Issue
from apmon.schemas.messages import MONTH_FIELDS, RULES, message, text_of, variant
from apmon.schemas.plan import Plan
from apmon.sync.findings import ConsolidationSettings
from apmon.sync.ledger import Ledger, sqlite_url
from apmon.sync.run import consolidated
from apmon.sync.task_status import record_task_status

GENITIVE = {
    "sr-Latn": ["januara", "februara", "marta", "aprila", "maja", "juna", "jula", "avgusta", "septembra", "oktobra",
                "novembra", "decembra"],
    "sr-Cyrl": ["јануара", "фебруара", "марта", "априла", "маја", "јуна", "јула", "августа", "септембра", "октобра",
                "новембра", "децембра"],
}  # fmt: skip
NOMINATIVE = {
    "sr-Latn": ["januar", "februar", "mart", "april", "maj", "jun", "jul", "avgust", "septembar", "oktobar",
                "novembar", "decembar"],
    "sr-Cyrl": ["јануар", "фебруар", "март", "април", "мај", "јун", "јул", "август", "септембар", "октобар",
                "новембар", "децембар"],
    "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"],
}  # fmt: skip
AT = dt.datetime(2018, 4, 2, 9, 0, tzinfo=dt.UTC)
# The prepositions of Serbian that take the genitive, in both scripts.
GENITIVE_PREPOSITIONS = r"od|do|iz|tokom|posle|pre|nakon|početkom|krajem|sredinom|од|до|из|током|после|пре|након"


def expected(month: int, year: int, lang: str) -> str:
    """A month after a genitive preposition: "marta 2018." in Serbian, "March 2018" in English."""
    if lang == "en":
        return f"{NOMINATIVE['en'][month - 1]} {year}"
    return f"{GENITIVE[lang][month - 1]} {year}."


def master_sheet(role: str, lang: str) -> str:
    return text_of(f"master.sheet.{role}", lang)


@pytest.fixture
def ledger(tmp_path: Path) -> Ledger:
    opened = Ledger.open(sqlite_url(tmp_path / "ledger.sqlite"))
    yield opened
    opened.close()


@pytest.mark.parametrize("lang", ["sr-Latn", "sr-Cyrl", "en"])
@pytest.mark.parametrize("month", range(1, 13))
def test_the_recorded_status_says_its_month_in_the_genitive(
    plan: Plan, registry: InstitutionRegistry, ledger: Ledger, lang: str, month: int
) -> None:
    period = f"2018-{month:02d}"
    recorded = record_task_status(plan, registry, ledger, task="1.1.3", status="completed", period=period,
                                  note="Sastanak održan.", author="NK", at=AT, lang=lang)  # fmt: skip
    as_of = {"sr-Latn": "stanje od", "sr-Cyrl": "стање од", "en": "status as of"}[lang]
    assert f"{as_of} {expected(month, 2018, lang)}:" in recorded.message

    settings = ConsolidationSettings(
        first=Period.parse("2018-01"), last=Period.parse("2018-12"), as_of=dt.date(2019, 1, 31), lang=lang
    )
    status = next(t for t in consolidated(plan, registry, ledger, settings) if t.sheet == master_sheet("status", lang))
    row = next(r for r in status.rows if r[1] == "1.1.3")
    coordinator = {"sr-Latn": "Koordinator, od", "sr-Cyrl": "Координатор, од", "en": "Coordinator, as of"}[lang]
    assert row[5] == f"{coordinator} {expected(month, 2018, lang)}"


def genitive_month_fields() -> list[tuple[str, str]]:
    """(rule, field) of every rule's message that says a month after a genitive preposition, in Serbian."""
    found = []
    for code, fields in MONTH_FIELDS.items():
        text = variant(code, "sr-Latn")
        found += [(code, f) for f in fields if re.search(rf"\b({GENITIVE_PREPOSITIONS}) \{{{f}\}}", text)]
    return found


def test_the_rules_that_say_a_month_after_a_genitive_preposition_are_found() -> None:
    assert genitive_month_fields() == [
        ("period-outside-plan", "first"),
        ("period-outside-plan", "last"),
        ("report-of-earlier-plan", "start"),
        ("spent-year-repeats-predecessor", "first"),
    ]


@pytest.mark.parametrize("lang", ["sr-Latn", "sr-Cyrl", "en"])
@pytest.mark.parametrize(("code", "field"), genitive_month_fields())
def test_a_rules_month_after_a_genitive_preposition_is_in_the_genitive(code: str, field: str, lang: str) -> None:
    params = {"plan": "ap-2017-2018", "expected": "ap-2019-2020", "period": "2018-03", "first": "2017-09"}
    params |= {"last": "2018-12", "start": "2019-01"}
    said = message(Issue(code=code, severity=RULES[code].severity, value="2016-05", params=params), lang)
    year, month = int(params[field][:4]), int(params[field][5:])
    assert expected(month, year, lang) in said, said
    if lang != "en":  # the nominative never follows the preposition
        nominative = f"{NOMINATIVE[lang][month - 1]} {year}."
        assert not re.search(rf"\b({GENITIVE_PREPOSITIONS}) {nominative}", said), said
