"""Dates in what a person reads: "5 Apr 2018" in English (05.04.2018 is 4 May to an English reader), "05.04.2018."
in Serbian, Latin and Cyrillic alike. A message keeps its dates as ISO and says them in the reader's language, so
the same stored issue reads right in every language. The expected dates are written out here by hand."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest

from apmon.schemas.calendar import BELGRADE
from apmon.schemas.institutions import InstitutionRegistry
from apmon.schemas.messages import stored_message, text_of
from apmon.schemas.plan import Plan
from apmon.schemas.text import Lang
from apmon.templates.validation import validate_file
from tests.reports import complete_monthly, filled_report

NUMERIC_DATE = re.compile(r"\b\d{1,2}\.\s?\d{1,2}\.\s?\d{4}")  # 05.04.2018, 5. 4. 2018


def cover_dated(plan: Plan, registry: InstitutionRegistry, tmp_path: Path, lang: str, typed: str) -> Path:
    """MUP's March 2018 report, complete, its cover dated `typed`."""
    _, layout = filled_report(plan, registry, tmp_path, "MUP", "2018-03", {}, lang, "blank.xlsx")  # type: ignore[arg-type]
    edits: dict[tuple[str, str, str], Any] = complete_monthly(layout)
    edits[("cover", "date", "value")] = typed
    path, _ = filled_report(plan, registry, tmp_path, "MUP", "2018-03", edits, lang, f"MUP_{lang}.xlsx")  # type: ignore[arg-type]
    return path


def test_an_english_validation_message_says_its_dates_as_english_writes_them(
    plan: Plan, registry: InstitutionRegistry, tmp_path: Path
) -> None:
    """A report dated 4 May 2018 (typed 04.05.2018, as the cell asks), checked on 10 April 2018: the English
    message said "The report date (04.05.2018) is after the day ... (10.04.2018)", which reads as 5 April and
    4 October. The message keeps the days as ISO and says them in each language."""
    path = cover_dated(plan, registry, tmp_path, "en", "04.05.2018")
    checked = validate_file(path, plan, registry, "en", checked_on=dt.date(2018, 4, 10))
    [found] = [i for i in checked.issues if i.code == "report-date-in-future"]
    assert "(4 May 2018)" in found.message and "(10 Apr 2018)" in found.message, found.message
    said, advice = found.message.split("Type")
    assert not NUMERIC_DATE.search(said), found.message
    assert "05.02.2018 for 5 February 2018" in advice  # how to type a date in the cell, day first, explained
    assert found.value == "2018-05-04" and found.params["day"] == "2018-04-10"  # as the ledger keeps them

    stored = {
        "code": found.code,
        "sheet": found.sheet,
        "cell": found.cell,
        "value": found.value,
        "params": found.params,
    }
    assert "(04.05.2018.)" in stored_message(stored, "sr-Latn") and "(10.04.2018.)" in stored_message(stored, "sr-Latn")
    assert "(04.05.2018.)" in stored_message(stored, "sr-Cyrl") and "(4 May 2018)" in stored_message(stored, "en")


def test_a_serbian_date_ending_a_sentence_has_one_full_stop(
    plan: Plan, registry: InstitutionRegistry, tmp_path: Path
) -> None:
    """Serbian ends the year of a date with a full stop, which also ends a sentence: "od 31.03.2018.", never
    "od 31.03.2018..". period-not-over names the period's last day at a sentence's end."""
    path = cover_dated(plan, registry, tmp_path, "sr-Latn", "15.03.2018")
    checked = validate_file(path, plan, registry, "sr-Latn", checked_on=dt.date(2018, 3, 15))
    [shown] = [i.message for i in checked.issues if i.code == "period-not-over"]
    assert "do 31.03.2018., a proveren je, odnosno primljen 15.03.2018. Ako" in shown, shown
    assert ".." not in shown


@pytest.mark.parametrize(
    ("lang", "day", "moment"),
    [
        ("en", "5 Apr 2018", "5 Apr 2018 14:05"),
        ("sr-Latn", "05.04.2018.", "05.04.2018. 14:05"),
        ("sr-Cyrl", "05.04.2018.", "05.04.2018. 14:05"),
    ],
)
def test_a_date_and_a_time_said_in_each_language(lang: str, day: str, moment: str) -> None:
    """A date or a datetime given to a message is said in its language; a time on the Belgrade clock (12:05 UTC
    in April is 14:05 in Belgrade)."""
    at = dt.datetime(2018, 4, 5, 12, 5, tzinfo=dt.UTC)
    assert text_of("alert.submitted", lang, which="X", date=dt.date(2018, 4, 5), time="14:05").count(day) == 1  # type: ignore[arg-type]
    assert moment in text_of("sync.status.last_run", lang, run=1, when=at, versions=0, master="")  # type: ignore[arg-type]
    assert at.astimezone(BELGRADE).hour == 14


PERIOD_QUOTED = [  # a rule's message, and the fields of the issue that hold a month
    ("period-not-over", {"value": "2018-04", "end": "2018-04-30", "day": "2018-04-06"}),
    ("wrong-period", {"value": "2018-04", "expected": "2018-03"}),
    ("report-date-before-period-end", {"value": "2018-04-02", "period": "2018-04", "end": "2018-04-30"}),
    ("file-name-period", {"named": "2018-03", "period": "2018-04"}),
    ("period-outside-plan", {"value": "2018-04", "plan": "ap-2019-2020", "first": "2019-01", "last": "2020-12"}),
    ("report-of-earlier-plan", {"value": "ap-2017-2018", "expected": "ap-2019-2020", "period": "2018-04",
                                "start": "2019-01"}),
]  # fmt: skip


@pytest.mark.parametrize(("code", "fields"), PERIOD_QUOTED, ids=[c for c, _ in PERIOD_QUOTED])
@pytest.mark.parametrize(
    ("lang", "april"), [("sr-Latn", "april 2018."), ("sr-Cyrl", "април 2018."), ("en", "April 2018")]
)
def test_a_month_in_a_rules_message_is_said_as_the_reader_names_it(
    code: str, fields: dict[str, str], lang: Lang, april: str
) -> None:
    """An officer reads "april 2018.", never "2018-04"; the issue keeps the period as ISO (--json, the ledger)."""
    from apmon.schemas.messages import issue, message

    params = {key: value for key, value in fields.items() if key != "value"}
    found = issue(code, "Naslovna", "C3", fields.get("value"), **params)
    said = message(found, lang)
    assert april in said, said
    assert not re.search(r"\b\d{4}-\d{2}\b", said), said
    assert "2018-04" in (found.value or "") + str(found.params)


@pytest.mark.parametrize(
    ("lang", "said"),
    [("sr-Latn", "(05.03.0018.)"), ("sr-Cyrl", "(05.03.0018.)"), ("en", "(5 Mar 0018)")],
)
def test_a_cover_dated_in_year_18_is_quoted_with_its_four_digit_year(
    plan: Plan, registry: InstitutionRegistry, tmp_path: Path, lang: str, said: str
) -> None:
    """A cover dated 05.03.0018 (a year typed short where the cell is text) was refused as report-date-impossible
    quoting "(05.03.18.)", which the officer reads as 5 March 2018, next to "more than ten years before March 2018":
    the year was written with as many digits as it has."""
    path = cover_dated(plan, registry, tmp_path, lang, "05.03.0018")
    result = validate_file(path, plan, registry, lang, checked_on=dt.date(2018, 4, 10))  # type: ignore[arg-type]
    [found] = [i for i in result.issues if i.code == "report-date-impossible"]
    assert said in found.message, found.message
