"""The Serbian holidays of past years shipped with apmon, the holidays package's own answers; for other years, a
sync keeps the package's answers in its data folder, asked again when the package changes, and a cache that is
damaged or too large is left aside."""

from __future__ import annotations

import datetime as dt
import json
import logging
import subprocess
import sys
from pathlib import Path

import holidays
import pytest

from apmon.schemas import calendar
from apmon.schemas.calendar import WorkingCalendar, serbian_holidays
from apmon.schemas.institutions import InstitutionRegistry
from apmon.schemas.plan import Plan
from apmon.schemas.shipped_holidays import SHIPPED_HOLIDAYS
from apmon.sync.holiday_cache import (
    HOLIDAY_CACHE,
    MAX_CACHE_BYTES,
    SHIPPED_MODULE,
    SHIPPED_YEARS,
    load_holidays,
    save_holidays,
    shipped_module_text,
)
from apmon.sync.ledger import Ledger, sqlite_url
from tests.test_sync import Office

A_WEDNESDAY = dt.date(2018, 3, 7)


@pytest.fixture(autouse=True)
def no_holidays_known(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test starts with a process that has worked out no year yet and, unless it ships them itself, no
    shipped years: what the data folder's cache is for is the years that are not shipped."""
    monkeypatch.setattr(calendar, "_SERBIAN_HOLIDAYS", {})
    monkeypatch.setattr(calendar, "_SHIPPED", {})
    monkeypatch.setattr(calendar, "SHIPPED_HOLIDAYS", {})


@pytest.fixture
def shipped(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(calendar, "SHIPPED_HOLIDAYS", SHIPPED_HOLIDAYS)


def package_says(year: int) -> dict[str, str]:
    """The holidays package asked directly, as the calendar asked it before it kept the answers."""
    found = holidays.country_holidays("RS", observed=True)
    days = (dt.date(year, 1, 1) + dt.timedelta(days=n) for n in range(366))
    return {day.isoformat(): str(found[day]) for day in days if day.year == year and day in found}


def test_the_calendar_gives_the_holidays_packages_answers() -> None:
    for year in range(2016, 2027):
        assert {day.isoformat(): name for day, name in serbian_holidays(year).items()} == package_says(year)


def test_the_shipped_holidays_are_the_packages_answers() -> None:
    """A correction of a past year in a newer holidays package fails here: make the table again with
    `python -m apmon.sync.holiday_cache`."""
    assert set(SHIPPED_HOLIDAYS) == set(SHIPPED_YEARS)
    for year in SHIPPED_YEARS:
        assert SHIPPED_HOLIDAYS[year] == package_says(year), year
    assert SHIPPED_MODULE.read_text(encoding="utf-8") == shipped_module_text()


def test_the_calendar_gives_the_shipped_years_as_the_package_does(shipped: None) -> None:
    for year in range(2016, 2032):
        assert {day.isoformat(): name for day, name in serbian_holidays(year).items()} == package_says(year)


def test_the_strategys_years_load_no_holidays_package() -> None:
    """Loading the holidays package (it imports every country it knows) cost a first sync, `apmon validate` and
    `apmon deadline` some hundredths of a second for the years apmon ships."""
    code = (
        "import sys\n"
        "from apmon.schemas.calendar import Period, WorkingCalendar\n"
        "calendar = WorkingCalendar()\n"
        "for year in range(2017, 2030):\n"
        "    calendar.due_date(Period.parse(str(year)))\n"
        "    for month in range(1, 12):\n"
        "        calendar.due_date(Period(year=year, month=month))\n"
        "print('holidays' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


def test_a_sync_keeps_the_holidays_it_looked_up(tmp_path: Path, plan: Plan, registry: InstitutionRegistry) -> None:
    ledger = Ledger.open(sqlite_url(tmp_path / "ledger.sqlite"))
    office = Office(tmp_path, plan, registry, ledger)
    office.submit("MZ", "2018-03")
    office.sync()
    ledger.close()
    kept = json.loads((office.settings.data_dir / HOLIDAY_CACHE).read_text(encoding="utf-8"))
    assert kept["source"] == f"holidays {holidays.__version__}; RS; observed"
    assert 2018 in map(int, kept["years"])
    for year, days in kept["years"].items():
        assert days == package_says(int(year))


def _cache(folder: Path, source: str, years: dict[str, dict[str, str]]) -> None:
    (folder / HOLIDAY_CACHE).write_text(json.dumps({"source": source, "years": years}), encoding="utf-8")


def test_kept_holidays_are_taken_for_their_years(tmp_path: Path) -> None:
    source = f"holidays {holidays.__version__}; RS; observed"
    _cache(tmp_path, source, {"2018": {A_WEDNESDAY.isoformat(): "A day declared for the test"}})
    assert load_holidays(tmp_path) == {2018}
    assert WorkingCalendar().non_working_reason(A_WEDNESDAY) == "A day declared for the test"
    assert WorkingCalendar().is_working_day(dt.date(2019, 3, 6))  # another year: asked of the package


@pytest.mark.parametrize(
    "content",
    [
        {"source": "holidays 0.1; RS; observed", "years": {"2018": {"2018-03-07": "Old"}}},
        "{not json",
        {"source": "SOURCE"},
        {"source": "SOURCE", "years": {"2018": {"7.3.2018": "Not a date as kept"}}},
        {"source": "SOURCE", "years": ["2018"]},
        "[" * 20_000,
    ],
    ids=["another version", "damaged", "no years", "not a date", "not a mapping", "too deep for json"],
)
def test_a_cache_of_another_version_or_damaged_is_left_aside(
    tmp_path: Path, content: dict[str, object] | str, caplog: pytest.LogCaptureFixture
) -> None:
    text = content if isinstance(content, str) else json.dumps(content)
    text = text.replace("SOURCE", f"holidays {holidays.__version__}; RS; observed")
    (tmp_path / HOLIDAY_CACHE).write_text(text, encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="apmon.sync"):
        assert load_holidays(tmp_path) == set()
    assert WorkingCalendar().is_working_day(A_WEDNESDAY)
    save_holidays(tmp_path, set())  # the package's answers take its place
    assert json.loads((tmp_path / HOLIDAY_CACHE).read_text(encoding="utf-8"))["years"]["2018"] == package_says(2018)


def test_a_cache_too_large_is_not_read(tmp_path: Path) -> None:
    source = f"holidays {holidays.__version__}; RS; observed"
    padding = {f"{year}": {A_WEDNESDAY.isoformat(): "x" * 1000} for year in range(1000, 1400)}
    _cache(tmp_path, source, padding)
    assert (tmp_path / HOLIDAY_CACHE).stat().st_size > MAX_CACHE_BYTES
    assert load_holidays(tmp_path) == set()


@pytest.mark.skipif(sys.platform == "win32", reason="a symbolic link needs a privilege on Windows")
def test_a_link_in_the_caches_place_is_not_followed(tmp_path: Path) -> None:
    """A link may lead anywhere: to a device that never ends (its size 0 passed the size check), a pipe that blocks,
    another's file. Only the regular file the sync writes is read."""
    source = f"holidays {holidays.__version__}; RS; observed"
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    _cache(elsewhere, source, {"2018": {A_WEDNESDAY.isoformat(): "A day declared for the test"}})
    (tmp_path / HOLIDAY_CACHE).symlink_to(elsewhere / HOLIDAY_CACHE)
    assert load_holidays(tmp_path) == set()
    assert WorkingCalendar().is_working_day(A_WEDNESDAY)


def test_nothing_is_written_when_no_year_was_worked_out(tmp_path: Path) -> None:
    save_holidays(tmp_path, set())
    assert not (tmp_path / HOLIDAY_CACHE).exists()
    serbian_holidays(2018)
    save_holidays(tmp_path, {2018})  # the cache had it already
    assert not (tmp_path / HOLIDAY_CACHE).exists()


def test_a_cache_that_cannot_be_written_is_only_logged(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    serbian_holidays(2018)
    blocked = tmp_path / "file"
    blocked.write_text("a file where the data folder should be", encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="apmon.sync"):
        save_holidays(blocked, set())
    assert "could not be written" in caplog.text
