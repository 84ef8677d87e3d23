"""The demo: synthetic reports of every institution from September 2017 to December 2018, and the annual reports
for 2017 and 2018 (those sent by the demo's day), synced into a fresh ledger and consolidated into the
Coordinator's master workbook, in one folder."""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from apmon.schemas.calendar import WorkingCalendar
from apmon.schemas.messages import text_of
from apmon.schemas.said import SaidError
from apmon.schemas.text import Lang
from apmon.sync.config import Config, SyncSettings
from apmon.sync.demo_data import DemoSubmission, write_demo_reports
from apmon.sync.run import Progress, RunSummary
from apmon.sync.service import sync_once
from apmon.templates.layout import reporting_institutions
from apmon.templates.plan_file import load_plan, load_registry

DEMO_FIRST, DEMO_LAST = "2017-09", "2018-12"
DEMO_MONTHS = 16
DEMO_AS_OF = dt.date(2019, 1, 31)  # the month after the last report's deadline
# EUR -> RSD, approximate annual averages, for the demo's converted totals (set your own in apmon.toml).
DEMO_EUR_TO_RSD = {2017: Decimal("121.34"), 2018: Decimal("118.27")}
DEMO_MARK = "# apmon demo configuration"  # the first line of the demo's apmon.toml: the folder is the demo's own
DEFAULT_DIR = "apmon-demo"  # `apmon demo` without --dir
DEMO_CONFIG = """# apmon demo configuration: `apmon sync status --config apmon-demo/apmon.toml`
[sync]
data_dir = "."
first_period = "2017-09"
last_period = "2018-12"
as_of = 2019-01-31  # the demo's reports end in December 2018: the master is worked out for this day
eur_to_rsd = { 2017 = 121.34, 2018 = 118.27 }
master_lang = "{lang}"
"""


class NotADemoFolder(SaidError):
    """The demo was pointed at a folder with someone's own data (a real data folder): nothing is touched."""


def check_demo_folder(directory: Path) -> None:
    """Only a new, empty or earlier demo folder is rebuilt: the demo deletes the ledger it finds and writes its
    configuration and reports over what is there (NotADemoFolder otherwise)."""
    if not directory.is_dir() or not any(directory.iterdir()):
        return
    config = directory / "apmon.toml"
    try:
        with config.open(encoding="utf-8") as handle:
            if handle.readline().startswith(DEMO_MARK):
                return
    except (OSError, UnicodeDecodeError):
        pass
    found = sorted(p.name for p in directory.iterdir())
    shown = ", ".join(found[:5]) + (", ..." if len(found) > 5 else "")
    raise NotADemoFolder("demo.not_demo_folder", folder=directory, found=shown, free=_free_sibling(directory))


def _free_sibling(directory: Path) -> str:
    """A folder the demo would take (new or empty), to name in the refusal instead of the folder refused: one
    beside it (`apmon-demo-2`, `-3`...), or `apmon-demo` for `.` and `..`; quoted when it has a space, as a shell
    needs it."""
    base = directory if directory.name not in ("", "..") else Path(DEFAULT_DIR)
    first = [base] if base != directory else []
    candidates = itertools.chain(first, (base.with_name(f"{base.name}-{n}") for n in itertools.count(2)))
    free = next(f for f in candidates if not f.exists() or (f.is_dir() and not any(f.iterdir())))
    return f'"{free}"' if " " in str(free) else str(free)


class Demo(BaseModel):
    model_config = ConfigDict(frozen=True)

    reports: Path  # the folder of report files
    config: Path  # the demo's apmon.toml
    written: list[DemoSubmission]
    summary: RunSummary


def build_demo(directory: Path, seed: int, progress: Progress | None = None, lang: Lang = "sr-Latn") -> Demo:
    """Write the reports (same seed, same reports) and sync them into a fresh ledger (LedgerBusy when another run
    holds it; NotADemoFolder, touching nothing, when `directory` holds other data)."""
    check_demo_folder(directory)
    # The demo's mark first: a demo cut short (Ctrl+C while it writes the reports) leaves a folder it may rebuild.
    config = directory / "apmon.toml"
    directory.mkdir(parents=True, exist_ok=True)
    config.write_text(DEMO_CONFIG.replace("{lang}", lang), encoding="utf-8")
    registry = load_registry()
    plan = load_plan(None, registry)
    reports = directory / "reports"
    for stale in (directory / "ledger.sqlite", directory / "ledger.sqlite-wal", directory / "ledger.sqlite-shm"):
        stale.unlink(missing_ok=True)  # a fresh ledger every time; the demo folder holds only demo data
    written: list[DemoSubmission] = []
    writing = text_of("demo.progress.writing", lang)
    total = len(reporting_institutions(plan, registry)) * DEMO_MONTHS

    def count(sub: DemoSubmission) -> None:
        written.append(sub)
        if progress:
            progress(writing, min(len(written), total), total)

    write_demo_reports(plan, registry, reports, seed=seed, calendar=WorkingCalendar(), on_file=count, until=DEMO_AS_OF)
    if progress:
        progress(writing, total, total)  # a few institution-months have no report
    settings = Config(
        sync=SyncSettings(
            data_dir=directory,
            folder=reports,
            first_period=DEMO_FIRST,
            last_period=DEMO_LAST,
            as_of=DEMO_AS_OF,
            eur_to_rsd=DEMO_EUR_TO_RSD,
            master_lang=lang,
        )
    )
    summary = sync_once(settings, "demo", progress=progress)
    return Demo(reports=reports, config=config, written=written, summary=summary)
