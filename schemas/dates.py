"""The one way apmon says a date, or a date with its time, in a text a person reads (a message, a mail, a report,
a command's line, a master's text cell). Cells that hold real dates keep their number formats; this is for words.

- English: 5 Apr 2018, 5 Apr 2018 14:05. A reader of English takes 05.04.2018 for 4 May.
- Serbian (Latin and Cyrillic): 05.04.2018., 05.04.2018. 14:05. The year of a date is an ordinal number and ends
  with a full stop, as the orthography writes it; the day and month keep two digits, so dates line up in the
  columns of the commands' tables. It is the form the Coordinator's reports already wrote.

A stored message (an issue) keeps its dates as ISO (2018-04-05) in its fields, so that the same issue says its
date in any language; `schemas.messages` says them when the language is known (`text_of` says a date or datetime
field, `message` the ISO fields of messages.DATE_FIELDS).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from apmon.schemas.calendar import BELGRADE
from apmon.schemas.text import Lang

_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_ISO_MONTH = re.compile(r"\d{4}-\d{2}")
_ISO_WALL_TIME = re.compile(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}(:\d{2})?")  # a cell's date and time, no zone


def _month_abbreviation(month: int) -> str:
    from apmon.schemas.messages import text_of  # the catalogue uses this module

    return text_of(f"month.{month}", "en")[:3]


def day_said(day: dt.date, lang: Lang) -> str:
    """05.04.2018. in Serbian, 5 Apr 2018 in English."""
    if isinstance(day, dt.datetime):
        day = day.date()
    # The year with four digits (not strftime's %Y, which writes year 18 as "18": read as 2018 beside it)
    if lang == "en":
        return f"{day.day} {_month_abbreviation(day.month)} {day.year:04}"
    return f"{day.day:02}.{day.month:02}.{day.year:04}."


def day_month_said(day: dt.date, lang: Lang) -> str:
    """A day of a year the reader knows already: 05.04. in Serbian, 5 Apr in English."""
    return f"{day.day} {_month_abbreviation(day.month)}" if lang == "en" else f"{day:%d.%m.}"


def moment_said(at: dt.datetime, lang: Lang) -> str:
    """A point in time on the Coordinator's clock (Belgrade; a time without a zone is taken as Belgrade's):
    05.04.2018. 14:05 in Serbian, 5 Apr 2018 14:05 in English."""
    local = at.astimezone(BELGRADE) if at.tzinfo is not None else at
    return f"{day_said(local.date(), lang)} {local:%H:%M}"


def said_if_date(value: Any, lang: Lang) -> Any:
    """A date or a time (an object, or a day as ISO text, 2018-04-05, or a cell's date and time, 2018-04-05 13:30:00)
    said in `lang`; anything else as it is."""
    if isinstance(value, dt.datetime):
        return moment_said(value, lang)
    if isinstance(value, dt.date):
        return day_said(value, lang)
    if isinstance(value, str) and _ISO_DAY.fullmatch(value):
        try:
            return day_said(dt.date.fromisoformat(value), lang)
        except ValueError:
            return value  # 2018-02-30: not a day, shown as it came
    if isinstance(value, str) and _ISO_WALL_TIME.fullmatch(value):
        try:
            return moment_said(dt.datetime.fromisoformat(value), lang)  # no zone: the time the cell shows
        except ValueError:
            return value
    return value


def said_if_month(value: Any, lang: Lang, *, genitive: bool = False) -> Any:
    """A month as ISO text (2018-04) as the reader names it, as the reports and mails do: april 2018. / април 2018.
    / April 2018; `genitive` after a preposition that takes it (od, do, iz, tokom, posle, pre): "od aprila 2018.",
    English unchanged. Anything else (a year, 2018, reads the same in every language) as it is."""
    if isinstance(value, str) and _ISO_MONTH.fullmatch(value) and 1 <= int(value[5:]) <= 12:
        return month_said(int(value[:4]), int(value[5:]), lang, genitive=genitive)
    return value


def month_said(year: int, month: int, lang: Lang, *, genitive: bool = False) -> str:
    """mart 2018. / март 2018. / March 2018; `genitive`: marta 2018. / марта 2018. / March 2018."""
    from apmon.schemas.messages import text_of  # the catalogue uses this module

    name = text_of(f"month.genitive.{month}" if genitive else f"month.{month}", lang)
    return text_of("month.of_year", lang, month=name, year=year)
