"""The months an institution reports for (`reports_from`, `reports_until` in the registry): a body created, or that
joined, during the plan owes nothing before it existed; a ministry split in two owes nothing after its last month,
and what it sent until then stays counted. The master, the reminders, the templates built with --all and the annual
evaluation's list of who owes the annual report all ask the same."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from apmon.cli.app import app
from apmon.schemas.calendar import DeadlinePolicy, Period, WorkingCalendar
from apmon.schemas.institutions import InstitutionRegistry
from apmon.schemas.messages import text_of
from apmon.schemas.plan import Plan
from apmon.schemas.tables import Table
from apmon.schemas.text import latin_to_cyrillic
from apmon.sync.consolidate import Submission, consolidate
from apmon.sync.findings import ConsolidationSettings
from apmon.sync.ledger import Ledger
from apmon.sync.reminders import Contact, plan_mails, required
from apmon.sync.report_content import Basis, annual_evaluation_of, council_report, minister_brief
from apmon.templates.layout import reporting_institutions
from apmon.templates.plan_file import DataFileError, load_registry
from tests.pure_data import PLAN, REGISTRY, indicator, report
from tests.test_duties import expected_duties
from tests.test_evaluation_decided_during_run import sheet_of
from tests.test_sync import Office

# MKI joins from July 2018; MZ is abolished (split) after June 2018. The others report for the whole plan.
WINDOWS = {"MKI": {"reports_from": "2018-07"}, "MZ": {"reports_until": "2018-06"}}
MONTHS = ["2018-05", "2018-06", "2018-07", "2018-08"]


def _data(registry: InstitutionRegistry, windows: dict[str, dict[str, Any]]) -> dict[str, Any]:
    data = registry.model_dump(by_alias=True, exclude_defaults=True)
    for inst in data["institutions"]:
        inst.update(windows.get(inst["code"], {}))
    return data


@pytest.fixture
def windowed(registry: InstitutionRegistry) -> InstitutionRegistry:
    return InstitutionRegistry.model_validate(_data(registry, WINDOWS))


def _by_code(table: Table, *keys: str) -> dict[str, list[Any]]:
    return {row[0]: [row[table.column_index(k)] for k in keys] for row in table.rows}


def test_the_master_asks_each_institution_only_for_its_months(plan: Plan, windowed: InstitutionRegistry) -> None:
    """No report at all came, May to August 2018, all due by 20 September: MKI owes July and August, MZ May and
    June, MUP all four (counted by hand from the windows above)."""
    settings = ConsolidationSettings(first=Period.parse(MONTHS[0]), last=Period.parse(MONTHS[-1]),
                                     as_of=dt.date(2018, 9, 20))  # fmt: skip
    tables = {t.sheet: t for t in consolidate(plan, windowed, [], [], settings)}
    overview = _by_code(tables["Overview"], "missing")
    assert (overview["MKI"], overview["MZ"], overview["MUP"]) == ([2], [2], [4])
    submissions = _by_code(tables["Submissions"], *MONTHS)
    not_owed, missing = text_of("master.submissions.not_owed", "en"), text_of("master.submissions.missing", "en")
    assert submissions["MKI"] == [not_owed, not_owed, missing, missing]
    assert submissions["MZ"] == [missing, missing, not_owed, not_owed]
    assert submissions["MUP"] == [missing] * 4


def test_reminders_templates_and_the_annual_report_ask_the_same(plan: Plan, windowed: InstitutionRegistry) -> None:
    june, july = required(plan, windowed, Period.parse("2018-06")), required(plan, windowed, Period.parse("2018-07"))
    assert ("MKI" in june, "MZ" in june, "MKI" in july, "MZ" in july) == (False, True, True, False)
    assert "MUP" in june and "MUP" in july
    for_2018 = reporting_institutions(plan, windowed, "annual", Period.parse("2018"))
    for_2017 = reporting_institutions(plan, windowed, "annual", Period.parse("2017"))
    assert ("MZ" in for_2018, "MKI" in for_2018, "MZ" in for_2017, "MKI" in for_2017) == (False, True, True, False)
    # without a period, every institution with a duty, as before
    assert {"MKI", "MZ"} <= set(reporting_institutions(plan, windowed, "monthly"))


def refused(data: dict[str, Any], tmp_path: Path) -> tuple[str, str]:
    """The registry file `data` written and loaded, refused: the message in English, and the file's lines."""
    path = tmp_path / "institutions.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    with pytest.raises(DataFileError) as refusal:
        load_registry(path)
    return str(refusal.value), path.read_text(encoding="utf-8")


def line_of(text: str, start: str) -> int:
    """The number of the first line of `text` that starts with `start` (spaces before it aside)."""
    return next(n for n, line in enumerate(text.splitlines(), 1) if line.lstrip().startswith(start))


@pytest.mark.parametrize(
    ("window", "field", "where"),
    [
        (
            {"reports_from": "2018-07", "reports_until": "2018-06"},
            "institutions[11]: institution MKI reports from",
            "- code: MKI",
        ),
        ({"reports_from": "2018-7"}, "institutions[11].reports_from: a month is expected", "reports_from:"),
        ({"reports_until": "jun 2018"}, "institutions[11].reports_until: a month is expected", "reports_until:"),
        # a day typed where a month is: YAML reads it as a date, which was "text is expected"
        (
            {"reports_from": dt.date(2018, 7, 1)},
            "reports_from: a month is expected, as YYYY-MM, such as 2018-07 (found '2018-07-01')",
            "reports_from:",
        ),
    ],
)
def test_a_wrong_window_is_refused_where_it_is(
    registry: InstitutionRegistry, tmp_path: Path, window: dict[str, Any], field: str, where: str
) -> None:
    data = _data(registry, {"MKI": window})
    assert data["institutions"][11]["code"] == "MKI"
    said, lines = refused(data, tmp_path)
    assert field in said and f"institutions.yaml:{line_of(lines, where)} " in said, said


def test_a_report_that_came_outside_its_months_is_shown_but_not_counted(
    plan: Plan, windowed: InstitutionRegistry
) -> None:
    """MZ, abolished after June 2018, still sent a report for July: Submissions shows it, but the Overview counts
    May and June only (both missing), as it counts no month before the plan's start where a report came."""
    july = report("MZ", "2018-07")
    came = Submission(file=july.source, received_at=dt.datetime(2018, 8, 2, tzinfo=dt.UTC), readable=True,
                      valid=True, institution="MZ", period="2018-07", kind="monthly", on_time=True, days_late=0,
                      report=july)  # fmt: skip
    settings = ConsolidationSettings(first=Period.parse(MONTHS[0]), last=Period.parse(MONTHS[-1]),
                                     as_of=dt.date(2018, 9, 20))  # fmt: skip
    tables = {t.sheet: t for t in consolidate(plan, windowed, [came], [came], settings)}
    assert _by_code(tables["Overview"], "on_time", "missing")["MZ"] == [0, 2]
    shown = _by_code(tables["Submissions"], "2018-07")["MZ"][0]
    assert shown.startswith(text_of("master.submissions.on_time", "en").split()[0]), shown


def test_the_council_reports_discipline_counts_the_same_months(plan: Plan, windowed: InstitutionRegistry) -> None:
    """The Council report's reporting discipline, May to August 2018: MZ's July report (after its last month) is
    not counted on time; MZ missed May and June, MKI July and August."""
    july = report("MZ", "2018-07")
    came = Submission(file=july.source, received_at=dt.datetime(2018, 8, 2, tzinfo=dt.UTC), readable=True,
                      valid=True, institution="MZ", period="2018-07", kind="monthly", on_time=True, days_late=0,
                      report=july)  # fmt: skip
    at = dt.datetime(2018, 9, 20, tzinfo=dt.UTC)
    basis = Basis(run_id=1, run_finished_at=at, cut_off=at)
    council = council_report(plan, windowed, [came], [came], Period.parse(MONTHS[0]), Period.parse(MONTHS[-1]),
                             basis, DeadlinePolicy())  # fmt: skip
    counted = {d.institution: (d.on_time, d.missing) for d in council.discipline}
    assert (counted["MZ"], counted["MKI"], counted["MUP"]) == ((0, 2), (0, 2), (0, 4))


def test_the_ministers_brief_counts_only_those_asked_for_the_month(plan: Plan, windowed: InstitutionRegistry) -> None:
    """The brief for July 2018: MKI (from July) is asked, MZ (until June) is not, and the report MZ still sent for
    July is not counted among those that came; who is asked is worked out from the plan and registry files
    (`tests.test_duties`), every institution with a duty owing a monthly report."""
    july = report("MZ", "2018-07")
    came = Submission(file=july.source, received_at=dt.datetime(2018, 8, 2, tzinfo=dt.UTC), readable=True,
                      valid=True, institution="MZ", period="2018-07", kind="monthly", on_time=True, days_late=0,
                      report=july)  # fmt: skip
    at = dt.datetime(2018, 9, 20, tzinfo=dt.UTC)
    brief = minister_brief(plan, windowed, [came], [came], Period.parse("2018-07"),
                           Basis(run_id=1, run_finished_at=at, cut_off=at), DeadlinePolicy())  # fmt: skip
    asked = sorted(set(expected_duties()) - {"MZ"})
    assert sorted(r.institution for r in brief.reporting) == asked
    assert (brief.count("on-time"), brief.count("missing"), brief.count("not-owed")) == (0, len(asked), 0)


def test_the_masters_evaluation_sheet_names_only_those_who_owe_the_years_annual_report(
    tmp_path: Path, plan: Plan, registry: InstitutionRegistry
) -> None:
    """MUP's last month is June 2018: it owes no annual report for 2018, so the master's Evaluation sheet does not
    name it among those whose annual report for 2018 has not come, as the annual evaluation does not."""
    windowed = InstitutionRegistry.model_validate(_data(registry, {"MUP": {"reports_until": "2018-06"}}))
    ledger = Ledger.open(f"sqlite:///{tmp_path / 'ledger.sqlite'}")
    try:
        office = Office(tmp_path, plan, windowed, ledger)
        office.submit("MZ", "2018-03")
        assert office.sync().errors == []
        above = str(sheet_of(office, "en")[1][0])
    finally:
        ledger.close()
    tasks = sorted(code for code, duty in expected_duties().items() if duty == "tasks")
    assert "MUP" in tasks and "MZ" in tasks
    not_yet = [code for code in tasks if code != "MUP"]  # MZ sent its March report only
    said = above.split("Not yet sent by: ")[1].split(".")[0].split(", ")
    assert sorted(said) == sorted(not_yet), above


def test_an_annual_report_of_a_year_it_does_not_report_for_is_shown_but_not_counted(
    plan: Plan, windowed: InstitutionRegistry
) -> None:
    """MZ, abolished after June 2018, still sent an annual report for 2018: the annual evaluation shows its
    challenges but does not count it among the year's annual reports received (it owes none: "received 18 of 17")."""
    annual = report("MZ", "2018", narrative={"challenges": "Podela ministarstva."})
    came = Submission(file=annual.source, received_at=dt.datetime(2019, 2, 1, tzinfo=dt.UTC), readable=True,
                      valid=True, institution="MZ", period="2018", kind="annual", on_time=True, days_late=0,
                      report=annual)  # fmt: skip
    at = dt.datetime(2019, 2, 20, tzinfo=dt.UTC)
    evaluation = annual_evaluation_of(plan, windowed, [came], 2018, Basis(run_id=1, run_finished_at=at, cut_off=at))
    assert evaluation.annual_reports == []
    assert [(c.institution, c.text) for c in evaluation.challenges] == [("MZ", "Podela ministarstva.")]
    # the year it reported for whole counts it
    earlier = annual.model_copy(update={"period": "2017", "source": "MZ-2017.xlsx"})
    came = came.model_copy(update={"period": "2017", "report": earlier, "file": earlier.source})
    evaluation = annual_evaluation_of(plan, windowed, [came], 2017, Basis(run_id=1, run_finished_at=at, cut_off=at))
    assert evaluation.annual_reports == ["MZ"]


@pytest.mark.parametrize(
    ("window", "fields"),
    [
        ({"reports_from": "2018-07", "reports_until": "2018-06"}, ["reports_from", "reports_until"]),
        (  # the later renaming listed first
            {
                "former_names": [
                    {"until": "2018-06-30", "name": {"sr-Latn": "B", "sr-Cyrl": "Б", "en": "B"}},
                    {"until": "2017-12-31", "name": {"sr-Latn": "A", "sr-Cyrl": "А", "en": "A"}},
                ]
            },
            ["until"],
        ),
    ],
)
def test_the_cyrillic_message_names_the_fields_as_they_are_typed(
    registry: InstitutionRegistry, tmp_path: Path, window: dict[str, Any], fields: list[str]
) -> None:
    """The IT person types `reports_from` in the file: the Cyrillic message must not transliterate it."""
    path = tmp_path / "institutions.yaml"
    path.write_text(yaml.safe_dump(_data(registry, {"MKI": window}), allow_unicode=True, sort_keys=False), "utf-8")
    with pytest.raises(DataFileError) as refusal:
        load_registry(path)
    said = refusal.value.said("sr-Cyrl")
    assert all(field in said for field in fields), said


def test_template_build_all_builds_only_for_those_asked_for_the_period(
    registry: InstitutionRegistry, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`apmon template build --all` for June 2018 builds MZ's template and not MKI's (from July); who is asked is
    worked out from the plan and registry files (`tests.test_duties`)."""
    institutions = tmp_path / "institutions.yaml"
    institutions.write_text(yaml.safe_dump(_data(registry, WINDOWS), allow_unicode=True, sort_keys=False), "utf-8")
    out = tmp_path / "templates"
    args = ["template", "build", "--all", "--period", "2018-06", "--institutions", str(institutions), "--out", str(out)]
    monkeypatch.chdir(tmp_path)  # no apmon.toml there: the defaults
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    built = sorted(path.name.split("_")[0] for path in out.glob("*.xlsx"))
    assert built == sorted(set(expected_duties()) - {"MKI"})


def test_the_indicators_sheet_marks_missing_only_the_months_it_reports_for() -> None:
    """MUP reports for March and April 2018 only (the small plan of tests.pure_data): its April report gives an
    indicator; on that row of the year, March is missing, January, February and May are not (owed by no one)."""
    data = REGISTRY.model_dump(by_alias=True, exclude_defaults=True)
    next(i for i in data["institutions"] if i["code"] == "MUP").update(reports_from="2018-03", reports_until="2018-04")
    windowed = InstitutionRegistry.model_validate(data)
    april = report("MUP", "2018-04", indicators=[indicator("1.1.i1", 5, total=3)])
    came = Submission(file=april.source, received_at=dt.datetime(2018, 5, 4, tzinfo=dt.UTC), readable=True,
                      valid=True, institution="MUP", period="2018-04", kind="monthly", on_time=True, days_late=0,
                      report=april)  # fmt: skip
    settings = ConsolidationSettings(first=Period.parse("2018-01"), last=Period.parse("2018-05"),
                                     as_of=dt.date(2018, 7, 1), lang="en")  # fmt: skip
    indicators = {t.sheet: t for t in consolidate(PLAN, windowed, [came], [came], settings)}["Indicators"]
    row = next(i for i, r in enumerate(indicators.rows) if r[:4:3] == ["1.1.i1", "MUP"])
    assert sorted(h.column for h in indicators.highlights if h.row == row and h.mark == "missing") == ["m03"]


@pytest.mark.parametrize("lang", ["sr-Latn", "sr-Cyrl", "en"])
def test_plan_check_names_the_registry_file_the_mistake_is_in(
    registry: InstitutionRegistry, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str
) -> None:
    """The IT person edits a copy of the registry and checks it, as docs/sync.md says: the heading named the shipped
    plan as the file with the problem ("the shipped Action Plan 2017-2018 is not a valid plan"), not the registry."""
    institutions = tmp_path / "institutions.yaml"
    data = _data(registry, {"MKI": {"reports_from": "2018-7"}})
    institutions.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    monkeypatch.chdir(tmp_path)  # no apmon.toml there: the shipped plan
    result = CliRunner().invoke(app, ["plan", "check", "--institutions", "institutions.yaml", "--lang", lang])
    assert result.exit_code == 1
    heading, located = result.stderr.splitlines()[:2]
    assert "institutions.yaml" in heading and text_of("plan.shipped", lang) not in heading, heading  # type: ignore[arg-type]
    assert located.strip().startswith(f"institutions.yaml:{line_of(institutions.read_text('utf-8'), 'reports_from:')}")


def test_mail_at_the_edges_of_the_reporting_months(plan: Plan, windowed: InstitutionRegistry) -> None:
    """The reminder before MKI's first deadline (its July report, due the 5th working day of August 2018: Wednesday
    the 1st to Tuesday the 7th, counted by hand) goes to MKI and not to MZ, whose last month was June; the late
    notice for June, the working day after its deadline (Friday 6 July), goes to MZ and not to MKI."""
    assert WorkingCalendar().due_date(Period.parse("2018-07")).due == dt.date(2018, 8, 7)
    assert WorkingCalendar().due_date(Period.parse("2018-06")).due == dt.date(2018, 7, 6)
    contacts = {code: Contact(to=[f"{code.lower()}@example.rs"]) for code in windowed.codes}

    def mailed(today: dt.date) -> dict[str, set[str]]:
        now = dt.datetime.combine(today, dt.time(8), dt.UTC)
        found = plan_mails(plan=plan, registry=windowed, calendar=WorkingCalendar(), contacts=contacts, accepted=[],
                           latest=[], sent=[], today=today, now=now)  # fmt: skip
        kinds: dict[str, set[str]] = {}
        for mail in found.mails:
            kinds.setdefault(mail.institution, set()).add(f"{mail.kind} {mail.period}")
        return kinds

    before_first = mailed(dt.date(2018, 8, 6))
    assert before_first.get("MKI") == {"reminder 2018-07"} and "MZ" not in before_first
    assert before_first.get("MUP") == {"reminder 2018-07"}
    after_last = mailed(dt.date(2018, 7, 9))
    assert after_last.get("MZ") == {"late 2018-06"} and "MKI" not in after_last


@pytest.mark.parametrize("lang", ["sr-Latn", "sr-Cyrl", "en"])
def test_template_build_of_one_institution_refuses_a_period_it_does_not_report_for(
    registry: InstitutionRegistry, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str
) -> None:
    """`apmon template build -i MZ --period 2018-07` built MZ's July template, though MZ reports until June: the
    officer filled it, Validate said it was ready, and the master shows such a report without counting it. Named
    with -i, as with --all, a template is built only for a period the institution reports for; else nothing is
    built and the message names the month it reports from or until."""
    institutions = tmp_path / "institutions.yaml"
    institutions.write_text(yaml.safe_dump(_data(registry, WINDOWS), allow_unicode=True, sort_keys=False), "utf-8")
    out = tmp_path / "templates"
    monkeypatch.chdir(tmp_path)  # no apmon.toml there: the defaults

    def build(*args: str) -> Any:
        common = ["--institutions", str(institutions), "--out", str(out), "--lang", lang]
        return CliRunner().invoke(app, ["template", "build", *args, *common])

    for args, bound in (
        (("-i", "MZ", "--period", "2018-07"), {"sr-Latn": "do juna 2018.", "en": "until June 2018"}),
        (("-i", "MUP", "-i", "MZ", "--period", "2018"), {"sr-Latn": "do juna 2018.", "en": "until June 2018"}),
        (("-i", "MKI", "--period", "2018-06"), {"sr-Latn": "od jula 2018.", "en": "from July 2018"}),
    ):
        result = build(*args)
        assert result.exit_code == 2, result.output
        said = " ".join(result.output.split())
        assert args[-3] in said and (bound.get(lang) or latin_to_cyrillic(bound["sr-Latn"])) in said, said
        assert not out.exists() or not list(out.iterdir())  # MUP's annual neither: nothing is built
    assert build("-i", "MZ", "-i", "MKI", "--period", "2018-06").exit_code == 2
    assert build("-i", "MZ", "--period", "2018-06").exit_code == 0
    assert build("-i", "MKI", "--period", "2018-07").exit_code == 0
    assert sorted(p.name.split("_")[1] for p in out.iterdir()) == ["2018-06", "2018-07"]


def test_the_refusal_of_a_period_names_the_institution_as_a_sentence_does(
    registry: InstitutionRegistry, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In English the refusal began "Error: Ministry of Health (MZ) reports until June 2018", where every other
    message that starts with an institution's name says "The Ministry of Health" (NameInSentence)."""
    institutions = tmp_path / "institutions.yaml"
    institutions.write_text(yaml.safe_dump(_data(registry, WINDOWS), allow_unicode=True, sort_keys=False), "utf-8")
    monkeypatch.chdir(tmp_path)  # no apmon.toml there: the defaults
    said = {}
    for lang in ("sr-Latn", "sr-Cyrl", "en"):
        args = ["template", "build", "-i", "MZ", "--period", "2018-07", "--institutions", str(institutions)]
        result = CliRunner().invoke(app, [*args, "--out", str(tmp_path / "t"), "--lang", lang])
        assert result.exit_code == 2, result.output
        said[lang] = " ".join(result.stderr.split())
    name = registry.get("MZ").name
    assert f"The {name.en} (MZ) reports until June 2018:" in said["en"], said["en"]
    assert f"{name.sr_latn} (MZ) izveštava do juna 2018.:" in said["sr-Latn"], said["sr-Latn"]
    assert f"{name.sr_cyrl} (MZ) извештава до јуна 2018.:" in said["sr-Cyrl"], said["sr-Cyrl"]


@pytest.mark.parametrize(
    ("windows", "said"),
    [
        (  # ended mid-2018: the annual of 2017 is its last
            {"MZ": {"reports_until": "2018-06"}},
            {
                "sr-Latn": "Poslednji godišnji izveštaj duguje za 2017. godinu",
                "en": "Its last annual report is for 2017",
            },
        ),
        (  # ended with December 2017: 2017's annual is still owed
            {"MZ": {"reports_until": "2017-12"}},
            {
                "sr-Latn": "Poslednji godišnji izveštaj duguje za 2017. godinu",
                "en": "Its last annual report is for 2017",
            },
        ),
        (  # ended before the plan's first December: no annual of this plan at all
            {"MZ": {"reports_until": "2017-06"}},
            {"sr-Latn": "Ne duguje nijedan godišnji izveštaj", "en": "It owes no annual report"},
        ),
    ],
)
@pytest.mark.parametrize("lang", ["sr-Latn", "sr-Cyrl", "en"])
def test_the_refusal_of_an_annual_for_a_body_ended_mid_year_names_the_last_annual_it_owes(
    registry: InstitutionRegistry,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    windows: dict[str, dict[str, Any]],
    said: dict[str, str],
    lang: str,
) -> None:
    """`template build -i MZ --period 2018` for MZ reporting until June 2018 said "give a period up to June 2018",
    which a year cannot be: the officer had to work out that 2017's annual is the last one MZ owes."""
    institutions = tmp_path / "institutions.yaml"
    institutions.write_text(yaml.safe_dump(_data(registry, windows), allow_unicode=True, sort_keys=False), "utf-8")
    monkeypatch.chdir(tmp_path)  # no apmon.toml there: the defaults
    args = ["template", "build", "-i", "MZ", "--period", "2018", "--institutions", str(institutions)]
    result = CliRunner().invoke(app, [*args, "--out", str(tmp_path / "t"), "--lang", lang])
    assert result.exit_code == 2, result.output
    expected = said.get(lang) or latin_to_cyrillic(said["sr-Latn"])
    assert expected in " ".join(result.stderr.split()), result.stderr
