"""How the Coordinator's reports (and the e-mails, for a month) write numbers, shares, dates and months, the
Serbian and the English way; the words are in the one catalogue (schemas.messages_reports). Pure: no I/O."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from apmon.schemas.calendar import BELGRADE, Period
from apmon.schemas.messages import text_of
from apmon.schemas.text import Lang


def number(value: Decimal | int | None, lang: Lang, decimals: int = 0) -> str:
    """1.234.567,89 in Serbian, 1,234,567.89 in English; an empty string for no value."""
    if value is None:
        return ""
    quantum = Decimal(1).scaleb(-decimals)
    rounded = Decimal(value).quantize(quantum, rounding=ROUND_HALF_UP)
    shown = f"{rounded:,.{decimals}f}"
    return shown if lang == "en" else shown.replace(",", " ").replace(".", ",").replace(" ", ".")


def share(value: Decimal | None, lang: Lang) -> str:
    """A fraction as a percentage: 45,3 % (Serbian), 45.3% (English)."""
    if value is None:
        return "–"
    shown = number(value * 100, lang, 1)
    return f"{shown}%" if lang == "en" else f"{shown} %"


def points(value: Decimal, lang: Lang) -> str:
    """A change of a share in percentage points, signed."""
    shown = number(abs(value) * 100, lang, 1)
    sign = "+" if value > 0 else ("−" if value < 0 else "±")
    return f"{sign}{shown}"


def date(day: dt.date, lang: Lang) -> str:
    """31.01.2018. in Serbian, 31 Jan 2018 in English."""
    if lang == "en":
        return f"{day.day} {text_of(f'month.{day.month}', lang)[:3]} {day.year}"
    return f"{day:%d.%m.%Y}."


def moment(at: dt.datetime, lang: Lang) -> str:
    """A point in time in Belgrade: 31.01.2018. 14:05 (Serbian), 31 Jan 2018 14:05 (English)."""
    local = at.astimezone(BELGRADE)
    return f"{date(local.date(), lang)} {local:%H:%M}"


def month(period: str, lang: Lang) -> str:
    """januar 2018. / јануар 2018. / January 2018."""
    p = Period.parse(period)
    assert p.month is not None
    return text_of("month.of_year", lang, month=text_of(f"month.{p.month}", lang), year=p.year)
