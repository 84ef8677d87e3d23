"""The Serbian holidays a sync looked up, kept in the data folder from one run to the next, for the years apmon does
not ship (schemas.shipped_holidays, made here by `python -m apmon.sync.holiday_cache`).

Loading the holidays package costs a run that looks up dates about a twentieth of a second. A run whose years are
all in the cache does not load it. The cache names the package's version, so a newer package, which may know
better, is asked again. The cache only saves time: one missing, damaged or of another version is left aside, and
one that cannot be written is only logged.
"""

from __future__ import annotations

import datetime as dt
import importlib.metadata
import json
import logging
from pathlib import Path

from apmon.schemas.calendar import HolidayTable, add_known_holidays, known_holidays
from apmon.templates.plan_file import write_whole
from apmon.templates.sniff import FileTooLargeError, read_file

HOLIDAY_CACHE = "holidays-cache.json"  # in the data folder
MAX_CACHE_BYTES = 256 * 1024  # a year's holidays take well under a kilobyte

log = logging.getLogger("apmon.sync")


def load_holidays(data_dir: Path) -> set[int]:
    """Give this process the holidays kept in `data_dir` (schemas.calendar.add_known_holidays); the years given."""
    path = data_dir / HOLIDAY_CACHE
    try:
        # Only the regular file a sync writes, within its size: a link may lead to a device that never ends.
        content = read_file(path, MAX_CACHE_BYTES, follow_links=False).data
        # Asked only of a cache that is there: the package's metadata takes some milliseconds to find and read.
        source = _source()
        if source is None:
            return set()
        kept = json.loads(content)
        if kept["source"] != source:
            return set()
        table: HolidayTable = {
            int(year): {dt.date.fromisoformat(day): str(name) for day, name in days.items()}
            for year, days in kept["years"].items()
        }
    except (FileNotFoundError, FileTooLargeError):
        return set()
    except (OSError, ValueError, TypeError, KeyError, AttributeError, RecursionError) as exc:  # Recursion: too deep
        log.warning("the holidays cache %s is damaged (%r): the holidays package is asked again", path, exc)
        return set()
    add_known_holidays(table)
    return set(table)


def save_holidays(data_dir: Path, given: set[int]) -> None:
    """Keep this process's holidays in `data_dir` when it worked out years besides the `given` ones."""
    table = known_holidays()
    if set(table) <= given:
        return
    source = _source()
    if source is None:
        return
    years = {str(year): {day.isoformat(): name for day, name in sorted(days.items())} for year, days in table.items()}
    text = json.dumps({"source": source, "years": dict(sorted(years.items()))}, ensure_ascii=False, indent=1)
    path = data_dir / HOLIDAY_CACHE
    try:
        write_whole(path, text)
    except OSError as exc:
        log.warning("the holidays cache %s could not be written (%s): the next run asks the package again", path, exc)


def _source() -> str | None:
    """What the holidays come from, as the cache names it: the package's version and how it is asked."""
    try:
        return f"holidays {importlib.metadata.version('holidays')}; RS; observed"
    except importlib.metadata.PackageNotFoundError:
        return None


SHIPPED_YEARS = range(2017, 2031)  # the Strategy's years and the next ones: its deadlines and those of later plans
SHIPPED_MODULE = Path(__file__).resolve().parents[1] / "schemas" / "shipped_holidays.py"


def shipped_module_text(years: range = SHIPPED_YEARS) -> str:
    """schemas/shipped_holidays.py as the installed holidays package makes it: the Serbian holidays of `years`."""
    import holidays

    found = holidays.country_holidays("RS", observed=True, years=years)
    by_year: dict[int, list[tuple[str, str]]] = {year: [] for year in years}
    for day, name in sorted(found.items()):
        by_year[day.year].append((day.isoformat(), str(name)))
    lines = [
        '"""The Serbian public holidays (observed days included) of the Strategy\'s years and the next ones, as the',
        "holidays package gives them: shipped, so that a calendar asks the package (which loads every country it",
        "knows) only for other years.",
        "",
        "Made by `python -m apmon.sync.holiday_cache`; tests/test_holiday_cache.py checks it against the installed",
        'package, so a correction there (a past year\'s, a new law\'s) shows up as a failing test."""',
        "",
        "SHIPPED_HOLIDAYS: dict[int, dict[str, str]] = {",
    ]
    for year, days in by_year.items():
        lines.append(f"    {year}: {{")
        lines += [f"        {json.dumps(day)}: {json.dumps(name, ensure_ascii=False)}," for day, name in days]
        lines.append("    },")
    lines.append("}")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    SHIPPED_MODULE.write_text(shipped_module_text(), encoding="utf-8")
