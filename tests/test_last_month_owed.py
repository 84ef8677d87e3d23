"""The last month anyone owes a monthly report of: the configured last_period if set, else the plan's last month.
The master, the reminders and the brief (the command's and the scheduled job's) agree on it; a brief after it is
refused naming the right reason. The plan's end is read from the plan file here, not from the code under test."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from apmon.schemas.calendar import Period, WorkingCalendar
from apmon.schemas.institutions import InstitutionRegistry
from apmon.schemas.plan import Plan
from apmon.sync.config import Config, ReportSettings, SyncSettings
from apmon.sync.ledger import Ledger
from apmon.sync.remind import remind
from apmon.sync.reports import ReportError, brief_due, make_minister_brief
from apmon.sync.run import consolidation_settings
from tests.test_remind import synced

PLAN_YAML = Path(__file__).parent.parent / "templates" / "data" / "plan-2017-2018.yaml"
PLAN_END = yaml.safe_load(PLAN_YAML.read_text(encoding="utf-8"))["end"]  # 2018-12-31
PLAN_LAST = Period(year=PLAN_END.year, month=PLAN_END.month)


def next_month(month: Period, n: int = 1) -> Period:
    index = month.year * 12 + (month.month or 1) - 1 + n
    return Period(year=index // 12, month=index % 12 + 1)


@pytest.fixture
def ledger(tmp_path: Path) -> Ledger:
    opened = synced(Ledger.open(f"sqlite:///{tmp_path / 'ledger.sqlite'}"))  # as its first sync run left it
    yield opened  # type: ignore[misc]
    opened.close()


def config(tmp_path: Path, last_period: str | None) -> Config:
    return Config(
        sync=SyncSettings(data_dir=tmp_path, first_period="2018-01", last_period=last_period),
        reports=ReportSettings(days_after_deadline=1),
    )


def test_a_brief_after_an_earlier_last_period_is_refused_for_last_period(
    tmp_path: Path, plan: Plan, registry: InstitutionRegistry, ledger: Ledger
) -> None:
    settings = config(tmp_path, "2018-06")
    with pytest.raises(ReportError) as refused:
        make_minister_brief(settings, plan, registry, ledger, Period.parse("2018-09"), lang="sr-Latn", record=False)
    assert refused.value.key == "report_error.after_last_period"
    said = refused.value.said("sr-Latn")
    assert (
        "2018-06" in said and "`last_period`" in said and "za septembar 2018." in said
    )  # the month asked for, in words
    assert "`last_period`" in refused.value.said("sr-Cyrl") and "last_period" in refused.value.said("en")
    assert "plan" not in refused.value.said("en").split(":")[0]  # the reason is the setting, not the plan's end
    assert not (tmp_path / "reports").exists()


def test_a_brief_after_the_plans_end_is_refused_for_the_plans_end(
    tmp_path: Path, plan: Plan, registry: InstitutionRegistry, ledger: Ledger
) -> None:
    with pytest.raises(ReportError) as refused:
        make_minister_brief(
            config(tmp_path, None), plan, registry, ledger, next_month(PLAN_LAST), lang="en", record=False
        )
    assert refused.value.key == "report_error.after_last"
    assert str(PLAN_LAST) in refused.value.said("en")


@pytest.mark.parametrize(
    "last_period",
    [None, "2018-06", str(PLAN_LAST), "2019-03"],
    ids=["unset", "earlier-than-plan-end", "equal-to-plan-end", "later-than-plan-end"],
)
def test_master_reminders_and_brief_agree_on_the_last_month_owed(
    tmp_path: Path, plan: Plan, registry: InstitutionRegistry, ledger: Ledger, last_period: str | None
) -> None:
    owed = Period.parse(last_period) if last_period else PLAN_LAST  # the rule, from the configuration and the file
    after = next_month(owed)
    settings = config(tmp_path, last_period)
    calendar = WorkingCalendar(settings.deadlines)
    today = next_month(owed, 2).first_day + dt.timedelta(days=27)  # the month after's deadline has passed too

    master = consolidation_settings(settings.sync, calendar, today, plan)
    assert master.last == owed

    def reminded(month: Period) -> set[str]:
        result = remind(
            settings, plan, registry, ledger, today=today, now=lambda: dt.datetime.now(dt.UTC), period=month,
            dry_run=True,
        )  # fmt: skip
        return {owing.institution for owing in result.no_contact if owing.period == str(month)}

    assert reminded(owed) and not reminded(after)

    assert brief_due(settings, plan, ledger, today) == owed
    with pytest.raises(ReportError):
        make_minister_brief(settings, plan, registry, ledger, after, lang="en", record=False)
