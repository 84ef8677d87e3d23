"""Issue 17, point 3: what the commands print is Serbian Latin by default, Cyrillic and English one option away
(--lang, else the configuration's [sync] master_lang). The wording is the point here; the figures printed are
checked against values worked out in the test, not by the code under test."""

from __future__ import annotations

import datetime as dt
import json
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import typer.main
import yaml
from typer.testing import CliRunner

from apmon.cli.app import app
from apmon.cli.common import out
from apmon.schemas.calendar import BELGRADE
from apmon.schemas.institutions import InstitutionRegistry
from apmon.schemas.messages import RULES, text_of
from apmon.schemas.plan import Plan
from apmon.sync.config import load_config
from apmon.sync.ledger import Arrival, VersionData
from apmon.sync.service import open_ledger
from tests.conftest import MINIMAL_PLAN
from tests.reports import complete_monthly, filled_report
from tests.test_remind import record

runner = CliRunner()

# Serbian public holidays (Law on State and Other Holidays), as days off; a Sunday holiday is taken on the Monday.
HOLIDAYS = {
    dt.date(2018, 1, 1), dt.date(2018, 1, 2),  # Nova godina
    dt.date(2018, 1, 7),  # Božić
    dt.date(2018, 2, 15), dt.date(2018, 2, 16),  # Dan državnosti
    dt.date(2018, 4, 6), dt.date(2018, 4, 7), dt.date(2018, 4, 8), dt.date(2018, 4, 9),  # Vaskrs (Orthodox Easter)
    dt.date(2018, 5, 1), dt.date(2018, 5, 2),  # Praznik rada
    dt.date(2018, 11, 11), dt.date(2018, 11, 12),  # Dan primirja (a Sunday: Monday off)
    dt.date(2019, 1, 1), dt.date(2019, 1, 2), dt.date(2019, 1, 7),
    dt.date(2019, 2, 15), dt.date(2019, 2, 16),
}  # fmt: skip


@pytest.fixture(autouse=True)
def wide(monkeypatch: pytest.MonkeyPatch) -> None:
    """A wide console: tables unfolded and sentences on one line, as a person's terminal shows them."""
    monkeypatch.setattr(out, "width", 160)


def working(day: dt.date) -> bool:
    return day.weekday() < 5 and day not in HOLIDAYS


def fifth_working_day(year: int, month: int) -> dt.date:
    day, count = dt.date(year, month, 1), 0
    while True:
        count += working(day)
        if count == 5:
            return day
        day += dt.timedelta(days=1)


def config_file(tmp_path: Path, master_lang: str | None = None, extra: str = "") -> Path:
    path = tmp_path / f"apmon-{master_lang or 'default'}.toml"  # one data folder, one file per language
    lang = f'master_lang = "{master_lang}"\n' if master_lang else ""
    path.write_text(f'[sync]\ndata_dir = "{(tmp_path / "data").as_posix()}"\n{lang}{extra}', encoding="utf-8")
    return path


# --- apmon deadline ---------------------------------------------------------------------------------------------


def test_deadline_speaks_serbian_latin_by_default_cyrillic_and_english_on_request() -> None:
    due = fifth_working_day(2018, 4)  # March's report: the 5th working day of April (Easter falls in it)
    assert due == dt.date(2018, 4, 10)
    latin = runner.invoke(app, ["deadline", "2018-03"])
    assert latin.exit_code == 0, latin.output
    assert latin.stdout.splitlines()[0] == f"Rok za mesečni izveštaj za mart 2018. je utorak, {due:%d.%m.%Y}."
    assert "  pravilo: 5. radni dan narednog meseca (april 2018.)" in latin.stdout
    assert "  petak, 06.04.2018. nije radni dan: Veliki petak" in latin.stdout
    assert "  nedelja, 01.04.2018. nije radni dan: nedelja" in latin.stdout
    assert (
        "due" not in latin.stdout and "is not a working day" not in latin.stdout and "Good Friday" not in latin.stdout
    )
    # every day passed over is one the test's own calendar calls a day off, and none is missing
    skipped = re.findall(r"(\d\d)\.(\d\d)\.(\d{4})\. nije radni dan", latin.stdout)
    passed = [dt.date(int(y), int(m), int(d)) for d, m, y in skipped]
    between = [dt.date(2018, 4, 1) + dt.timedelta(days=i) for i in range((due - dt.date(2018, 4, 1)).days)]
    assert passed == [d for d in between if not working(d)]

    cyrillic = runner.invoke(app, ["deadline", "2018-03", "--lang", "sr-Cyrl"])
    assert cyrillic.stdout.splitlines()[0] == f"Рок за месечни извештај за март 2018. је уторак, {due:%d.%m.%Y}."
    assert "  петак, 06.04.2018. није радни дан: Велики петак" in cyrillic.stdout

    english = runner.invoke(app, ["deadline", "2018-03", "--lang", "en"])
    assert english.stdout.splitlines()[0] == f"Monthly report for March 2018: due Tuesday 10 Apr 2018 ({due})"
    assert "  2018-04-06 Fri is not a working day: Good Friday" in english.stdout


def test_the_annual_deadline_and_its_rule_in_each_language(tmp_path: Path) -> None:
    due = dt.date(2019, 2, 15)
    while not working(due):
        due += dt.timedelta(days=1)
    assert due == dt.date(2019, 2, 18)
    latin = runner.invoke(app, ["deadline", "2018"])
    assert latin.stdout.splitlines()[:2] == [
        f"Rok za godišnji izveštaj za 2018. godinu je ponedeljak, {due:%d.%m.%Y}.",
        "  pravilo: 15.02.2019. za 2018. godinu, pomereno na sledeći radni dan",
    ]
    assert "nije radni dan: Dan državnosti Srbije" in latin.stdout
    # a day the Government declares off, named as such; the language from the configuration
    config = config_file(tmp_path, "sr-Cyrl", "[deadlines]\nextra_non_working_days = [2019-02-18]\n")
    cyrillic = runner.invoke(app, ["deadline", "2018", "--config", str(config)])
    assert cyrillic.stdout.splitlines()[0] == "Рок за годишњи извештај за 2018. годину је уторак, 19.02.2019."
    assert "  понедељак, 18.02.2019. није радни дан: нерадни дан по одлуци Владе" in cyrillic.stdout
    english = runner.invoke(app, ["deadline", "2018", "--config", str(config), "--lang", "en"])
    assert "  rule: 15 February 2019 for the year 2018, moved to the next working day" in english.stdout
    assert "  2019-02-18 Mon is not a working day: declared non-working day" in english.stdout


@pytest.mark.parametrize(
    ("args", "latin", "english"),
    [
        (["deadline", "2018-13"], "Greška: „2018-13“ nema mesec 13: meseci su od 01 do 12", "Error: '2018-13' has no"),
        (["deadline", "3.2018"], "Greška: „3.2018“ nije period", "Error: '3.2018' is not a period"),
        (["deadline", "2018", "--kind", "weekly"], "Greška: --kind je monthly ili annual; „weekly“", "Error: --kind"),
        (["deadline", "2018-03", "--kind", "annual"], "Greška: period godišnjeg izveštaja je godina", "Error: the"),
        (["deadline", "2018-03", "--non-working", "5.2.2018"], "Greška: --non-working „5.2.2018“ nije", "Error: --non"),
    ],
)
def test_the_common_errors_are_serbian_by_default(args: list[str], latin: str, english: str) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 2 and result.stderr.startswith(latin), result.stderr
    assert runner.invoke(app, [*args, "--lang", "en"]).stderr.startswith(english)
    assert runner.invoke(app, [*args, "--lang", "sr-Cyrl"]).stderr.startswith("Грешка: ")


def test_an_unknown_language_is_refused_in_serbian() -> None:
    result = runner.invoke(app, ["deadline", "2018", "--lang", "de"])
    assert result.exit_code == 2
    assert result.stderr.startswith("Greška: --lang je jedno od: sr-Latn, sr-Cyrl, en; „de“ nije")


# --- apmon plan check -------------------------------------------------------------------------------------------


def test_plan_check_summary_in_each_language(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(MINIMAL_PLAN, encoding="utf-8")
    written = yaml.safe_load(MINIMAL_PLAN)
    tasks = sum(len(a["tasks"]) for o in written["objectives"] for a in o["activities"])
    latin = runner.invoke(app, ["plan", "check", "--plan", str(plan)])
    assert latin.exit_code == 0, latin.output
    assert f"ap-test ({plan}) je ispravan." in latin.stdout and "is valid" not in latin.stdout
    assert re.search(rf"│ Zadaci +│ {tasks} +│", latin.stdout)
    assert "Budžetske stavke po izvoru" in latin.stdout and "odgovara" in latin.stdout
    assert "matches" not in latin.stdout and "Contents" not in latin.stdout

    config = config_file(tmp_path, "sr-Cyrl")
    cyrillic = runner.invoke(app, ["plan", "check", "--plan", str(plan), "--config", str(config)])
    assert f"ap-test ({plan}) је исправан." in cyrillic.stdout and re.search(
        rf"│ Задаци +│ {tasks} +│", cyrillic.stdout
    )
    english = runner.invoke(app, ["plan", "check", "--plan", str(plan), "--config", str(config), "--lang", "en"])
    assert "is valid." in english.stdout and re.search(rf"│ Tasks +│ {tasks} +│", english.stdout)


SHIPPED_PLAN = Path(__file__).resolve().parents[1] / "templates" / "data" / "plan-2017-2018.yaml"


@pytest.mark.parametrize("lang", ["sr-Latn", "sr-Cyrl", "en"])
def test_plan_check_names_each_budget_source_in_the_readers_words(lang: str) -> None:
    """`apmon plan check` listed the budget lines by source as the plan file's codes (state-budget, no-cost, ...),
    English in a Serbian table."""
    written = yaml.safe_load(SHIPPED_PLAN.read_text(encoding="utf-8"))
    lines: dict[str, int] = {}
    for objective in written["objectives"]:
        for activity in objective["activities"]:
            for task in activity["tasks"]:
                for line in task.get("budget", []):
                    lines[line["source"]] = lines.get(line["source"], 0) + 1
    assert len(lines) == 5  # the shipped plan has lines of every source
    checked = runner.invoke(app, ["plan", "check", "--lang", lang])
    assert checked.exit_code == 0, checked.output
    for code, count in lines.items():
        label = text_of(f"source.{code}", lang)
        assert re.search(rf"│ {re.escape(label)} +│ [A-Z-]+ +│ +{count} │", checked.stdout), (code, checked.stdout)
        if label != code.upper():  # TAIEX is TAIEX in every language
            assert f"│ {code} " not in checked.stdout


def test_a_broken_plan_is_said_in_serbian(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(MINIMAL_PLAN.replace("lead: [MUP]", "lead: [NOPE]"), encoding="utf-8")
    checked = runner.invoke(app, ["plan", "check", "--plan", str(plan)])
    assert checked.exit_code == 1
    assert checked.stderr.startswith(f"Greška: {plan} nije ispravan plan (problema: 1):")
    validated = runner.invoke(app, ["validate", str(tmp_path / "none.xlsx"), "--plan", str(plan)])
    assert validated.exit_code == 1
    assert validated.stderr.startswith("Greška: plan ne može da se koristi:\n")
    english = runner.invoke(app, ["validate", str(tmp_path / "none.xlsx"), "--plan", str(plan), "--lang", "en"])
    assert english.stderr.startswith("Error: the plan cannot be used:\n")


# --- apmon ledger -----------------------------------------------------------------------------------------------


def test_ledger_commands_in_each_language(tmp_path: Path) -> None:
    config = config_file(tmp_path)
    empty = runner.invoke(app, ["ledger", "versions", "--config", str(config)])
    assert empty.stdout.strip() == "U evidenciji još nema verzija."
    english = runner.invoke(app, ["ledger", "versions", "--config", str(config), "--lang", "en"])
    assert english.stdout.strip() == "No versions in the ledger yet."

    ledger = open_ledger(load_config(config))
    try:
        received = dt.datetime(2018, 4, 5, 9, tzinfo=dt.UTC)
        record(ledger, "MUP", "2018-03", valid=False, received=received)
        record(ledger, "MUP", "2018-03", valid=True, received=received + dt.timedelta(days=1))
    finally:
        ledger.close()
    latin = runner.invoke(app, ["ledger", "versions", "--config", str(config)])
    assert latin.exit_code == 0, latin.output
    assert "Verzija: 2, prijema: 2" in latin.stdout
    assert latin.stdout.count("neispravna") == 1 and latin.stdout.count("ispravna") == 2
    assert "valid" not in latin.stdout and "Received" not in latin.stdout
    cyrillic = runner.invoke(app, ["ledger", "versions", "--config", str(config_file(tmp_path, "sr-Cyrl"))])
    assert "Верзија: 2, пријема: 2" in cyrillic.stdout and "Примљена" in cyrillic.stdout

    purge = runner.invoke(app, ["ledger", "purge-personal-data", "--older-than-days", "7", "--config", str(config)])
    assert purge.stdout.strip().startswith("Nema šta da se obriše:") and "stariji od 7 dana" in purge.stdout
    english = runner.invoke(app, ["ledger", "purge-personal-data", "--config", str(config), "--lang", "en"])
    assert "Nothing to purge" in english.stdout and "older than 30 days" in english.stdout


def test_a_purge_and_what_it_leaves_in_serbian(tmp_path: Path, monkeypatch: Any) -> None:
    monkeypatch.setattr(out, "width", 200)  # the table unfolded
    config = config_file(tmp_path)
    ledger = open_ledger(load_config(config))
    try:
        received = dt.datetime(2018, 4, 5, 9, tzinfo=dt.UTC)
        refused = record(ledger, "MUP", "2018-03", valid=True, received=received)
        ledger.record([Arrival("folder:/reports", "MZ_2018-03.xlsx", 9, received, personal_data_version(received))])
    finally:
        ledger.close()
    purged = runner.invoke(app, ["ledger", "purge-personal-data", "--older-than-days", "0", "--config", str(config)])
    assert purged.exit_code == 0, purged.output
    assert purged.stdout.startswith(
        f"Obrisan je sadržaj verzija izveštaja odbijenih zbog ličnih podataka: 1 (id: {refused + 1});"
    )
    listed = runner.invoke(app, ["ledger", "versions", "--config", str(config)])
    # The day the ledger shows is Belgrade's: after 23:00 UTC (midnight there in winter) it is the next one
    # personal_data_version's one error, its message's first sentence
    why = (
        "neispravna: 1 greška, prva (Tasks!F4): "
        "Tekst sadrži lični podatak (broj pasoša ili lične karte: 0101990******)."
    )
    assert f"{why}, sadržaj obrisan {dt.datetime.now(BELGRADE):%d.%m.%Y}" in listed.stdout


def personal_data_version(received: dt.datetime) -> VersionData:
    """MZ's March report, refused for a JMBG in it (the issue the validation stores)."""
    problems = [
        {"code": "personal-data", "severity": "error", "sheet": "Tasks", "cell": "F4", "value": "0101990******",
         "params": {"kind": "personal.document"}},
    ]  # fmt: skip
    return VersionData(
        content_hash="0" * 64, raw=b"MZ report", raw_kind="xlsx", file_name="MZ_2018-03.xlsx", received_at=received,
        source_modified=received, readable=True, valid=False, institution="MZ", period="2018-03", kind="monthly",
        due=dt.date(2018, 4, 10), on_time=True, days_late=0, issues=json.dumps(problems), report=None,
    )  # fmt: skip


# --- apmon sync status ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("lang", "blank"), [("sr-Latn", "prazno: rok još nije prošao"), ("en", "blank: not due yet")])
def test_sync_status_says_what_a_blank_cell_means(tmp_path: Path, lang: str, blank: str) -> None:
    """The legend of `apmon sync status` named every mark but the blank of a report not due yet (the demo's A18
    column on its day, 31 January 2019), which a Coordinator could take for a gap."""
    (tmp_path / "reports").mkdir()
    # December 2018's report is due on 10 January 2019 (1, 2 and 7 January are holidays): not yet on the 5th
    assert fifth_working_day(2019, 1) == dt.date(2019, 1, 10)
    period = 'first_period = "2018-11"\nlast_period = "2018-12"\nas_of = 2019-01-05\nfolder = "reports"\n'
    config = config_file(tmp_path, lang, period)
    assert runner.invoke(app, ["sync", "run", "--config", str(config)]).exit_code == 0
    shown = runner.invoke(app, ["sync", "status", "--config", str(config)])
    assert shown.exit_code == 0, shown.output
    assert re.search(r"│MUP +│ · │   │", shown.stdout), shown.stdout  # November missing, December not due
    assert blank in " ".join(shown.stdout.split())


@pytest.mark.parametrize(
    ("lang", "annual", "late"),
    [("sr-Cyrl", "Г18", "К са закашњењем"), ("sr-Latn", "G18", "K sa zakašnjenjem"), ("en", "A18", "L late")],
)
def test_sync_status_names_its_columns_and_marks_in_the_readers_words(
    tmp_path: Path, lang: str, annual: str, late: str
) -> None:
    """The annual report's column and the late mark were English in every language (A18: Annual; L: Late), so a
    Cyrillic table held Latin letters that named nothing its reader says: Г18 (годишњи), К (касни) in Cyrillic."""
    (tmp_path / "reports").mkdir()
    period = 'first_period = "2018-11"\nlast_period = "2018-12"\nas_of = 2019-01-05\nfolder = "reports"\n'
    config = config_file(tmp_path, lang, period)
    assert runner.invoke(app, ["sync", "run", "--config", str(config)]).exit_code == 0
    shown = runner.invoke(app, ["sync", "status", "--config", str(config)]).stdout
    header = next(line for line in shown.splitlines() if line.startswith("┃"))
    assert header.split("┃")[1:-1][-1] == annual, header
    assert late in " ".join(shown.split()), shown
    if lang == "sr-Cyrl":
        assert not re.search("[A-Za-z]", header), header


@pytest.mark.parametrize(
    ("lang", "span"),
    [
        ("sr-Latn", "Izveštaji od novembra 2018. do decembra 2018. po mesecima"),
        ("sr-Cyrl", "Извештаји од новембра 2018. до децембра 2018. по месецима"),
        ("en", "Reports November 2018 to December 2018 by month"),
    ],
)
def test_sync_status_says_its_months_in_words(tmp_path: Path, lang: str, span: str) -> None:
    """The table's title said its months as "2018-11" where every other line says "novembar 2018."; after "od" and
    "do" Serbian takes the genitive."""
    (tmp_path / "reports").mkdir()
    period = 'first_period = "2018-11"\nlast_period = "2018-12"\nas_of = 2019-01-05\nfolder = "reports"\n'
    config = config_file(tmp_path, lang, period)
    assert runner.invoke(app, ["sync", "run", "--config", str(config)]).exit_code == 0
    shown = runner.invoke(app, ["sync", "status", "--config", str(config)]).stdout
    assert span in " ".join(shown.split()), shown


@pytest.mark.parametrize(
    ("lang", "span"),
    [
        ("sr-Latn", "Izveštaji za mart 2018., zatim godišnji po godinama"),
        ("sr-Cyrl", "Извештаји за март 2018., затим годишњи по годинама"),
        ("en", "Reports for March 2018, then the annual reports by year"),
    ],
)
def test_sync_status_of_one_month_is_readable(tmp_path: Path, lang: str, span: str) -> None:
    """The Coordinator's first `sync status`, one month reported: the table's title (with its legend of marks) was
    wrapped to the width of a table of three narrow columns, 18 characters, as a column of 19 lines ("Извештаји од
    марта / 2018. до марта / 2018. по месецима,"), and said the one month as a span from it to itself. The title is
    now a paragraph as wide as the other lines, and one month is said once."""
    (tmp_path / "reports").mkdir()
    period = 'first_period = "2018-03"\nlast_period = "2018-03"\nas_of = 2018-05-02\nfolder = "reports"\n'
    config = config_file(tmp_path, lang, period)
    assert runner.invoke(app, ["sync", "run", "--config", str(config)]).exit_code == 0
    shown = runner.invoke(app, ["sync", "status", "--config", str(config)]).stdout
    lines = shown.splitlines()
    table = next(i for i, line in enumerate(lines) if line.startswith("┏"))
    title = next(i for i, line in enumerate(lines) if line.startswith(span.split()[0]))
    assert " ".join(" ".join(lines[title:table]).split()).startswith(span), shown
    assert table - title <= 3, shown  # a paragraph of the console's width (80 here), not a column of the table's


# --- apmon token ------------------------------------------------------------------------------------------------


def test_token_commands_in_each_language(tmp_path: Path) -> None:
    config = str(config_file(tmp_path))
    issued = runner.invoke(app, ["token", "issue", "-i", "MZ", "--label", "kancelarija", "--config", config])
    assert issued.exit_code == 0, issued.output
    assert issued.stdout.startswith("Token 1, vlasnik: MZ (kancelarija):")
    assert "Prikazuje se samo ovaj put" in issued.stdout and "shown only this once" not in issued.stdout
    coordinator = runner.invoke(app, ["token", "issue", "--coordinator", "--config", config, "--lang", "sr-Cyrl"])
    assert coordinator.stdout.startswith("Токен 2, власник: Национални координатор:")
    listed = runner.invoke(app, ["token", "list", "--config", config])
    assert "Tokeni dodatka: 2" in listed.stdout and "koordinator" in listed.stdout and "Holder" not in listed.stdout
    revoked = runner.invoke(app, ["token", "revoke", "-i", "MZ", "--config", config, "--lang", "en"])
    assert revoked.stdout.strip() == "Revoked tokens of MZ: 1."
    again = runner.invoke(app, ["token", "revoke", "-i", "MZ", "--config", config])
    assert again.exit_code == 1 and again.stderr.strip() == "Greška: MZ nema važeći token koji bi se opozvao"
    unknown = runner.invoke(app, ["token", "issue", "-i", "XYZ", "--config", config])
    assert unknown.exit_code == 2 and unknown.stderr.startswith("Greška: nepoznata oznaka institucije „XYZ“")


def test_the_coordinators_tokens_are_named_as_the_coordinator_and_listed_by_belgrade_time(tmp_path: Path) -> None:
    """`apmon token list` named the Coordinator's token's holder COORDINATOR, and `apmon token revoke --coordinator`
    said "Opozvanih tokena institucije COORDINATOR"; the list gave UTC times unmarked, an hour or two behind the
    clock on the Coordinator's wall (`apmon ledger versions` gives Belgrade's)."""
    from zoneinfo import ZoneInfo

    config = str(config_file(tmp_path))
    before = dt.datetime.now(ZoneInfo("Europe/Belgrade"))
    issued = runner.invoke(app, ["token", "issue", "--coordinator", "--config", config])
    after = dt.datetime.now(ZoneInfo("Europe/Belgrade"))
    assert issued.exit_code == 0, issued.output
    listed = runner.invoke(app, ["token", "list", "--config", config])
    assert listed.exit_code == 0, listed.output
    [row] = [line for line in listed.stdout.splitlines() if line.startswith("│ 1 ")]
    cells = [cell.strip() for cell in row.strip("│").split("│")]
    assert cells[1] == "Nacionalni koordinator" and cells[2] == "koordinator"
    assert cells[4] in {f"{before:%d.%m.%Y. %H:%M}", f"{after:%d.%m.%Y. %H:%M}"}, (cells, before)
    assert "COORDINATOR" not in listed.stdout
    english = runner.invoke(app, ["token", "list", "--config", config, "--lang", "en"])
    assert "the National Coordinator" in english.stdout and "COORDINATOR" not in english.stdout
    [row] = [line for line in english.stdout.splitlines() if line.startswith("│ 1 ")]
    issued_en = [cell.strip() for cell in row.strip("│").split("│")][4]  # 6 Dec 2026 01:29: 06.12. reads as 12 June
    assert issued_en in {f"{m.day} {m:%b %Y %H:%M}" for m in (before, after)}, issued_en

    ledger = open_ledger(load_config(Path(config)))  # a report the Coordinator submitted with that token
    try:
        received = dt.datetime(2018, 4, 5, 9, tzinfo=dt.UTC)
        ledger.record([Arrival("addin", "MZ_2018-03.xlsx", 9, received, personal_data_version(received), token_id=1)])
    finally:
        ledger.close()
    versions = runner.invoke(app, ["ledger", "versions", "--config", config])
    assert versions.exit_code == 0, versions.output
    assert "1 Nacionalni koordinator" in versions.stdout and "COORDINATOR" not in versions.stdout
    assert "()" not in versions.stdout  # a token issued without a label
    english = runner.invoke(app, ["ledger", "versions", "--config", config, "--lang", "en"])
    assert english.exit_code == 0, english.output
    assert "5 Apr 2018 11:00" in english.stdout and "05.04.2018" not in english.stdout  # Belgrade's 11:00, summer

    revoked = runner.invoke(app, ["token", "revoke", "--coordinator", "--config", config])
    assert revoked.exit_code == 0, revoked.output
    assert revoked.stdout.strip() == "Opozvanih tokena (vlasnik: Nacionalni koordinator): 1."
    again = runner.invoke(app, ["token", "revoke", "--coordinator", "--config", config, "--lang", "en"])
    assert again.exit_code == 1
    assert again.stderr.strip() == "Error: the National Coordinator has no live token to revoke"


def test_sync_status_gives_the_last_run_by_belgrade_time(tmp_path: Path) -> None:
    """`apmon sync status` gave the last run's start in UTC ("13:54 UTC"), an hour or two behind the clock on the
    Coordinator's wall, while the reports made from that run (their "Data:" line), `apmon ledger versions` and
    `apmon token list` give Belgrade's."""
    from zoneinfo import ZoneInfo

    config = str(config_file(tmp_path, extra='first_period = "2018-11"\nlast_period = "2018-12"\n'))
    (tmp_path / "data" / "reports").mkdir(parents=True)
    ran = runner.invoke(app, ["sync", "run", "--config", config])
    assert ran.exit_code == 0, ran.output
    started = json.loads(runner.invoke(app, ["sync", "status", "--config", config, "--json"]).stdout)
    at = dt.datetime.fromisoformat(started["last_run"]["started_at"]).astimezone(ZoneInfo("Europe/Belgrade"))
    shown = runner.invoke(app, ["sync", "status", "--config", config])
    assert shown.exit_code == 0, shown.output
    line = " ".join(shown.stdout.split())
    assert line.startswith(f"Poslednje pokretanje 1: {at:%d.%m.%Y}. {at:%H:%M}, novih verzija: 0"), line
    assert "UTC" not in line
    # An English reader takes 08.01. for 1 August: English says the month's name (Coordinator's clock too)
    in_english = str(config_file(tmp_path, "en", extra='first_period = "2018-11"\nlast_period = "2018-12"\n'))
    english = runner.invoke(app, ["sync", "status", "--config", in_english])  # the same ledger, an English master
    month = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][at.month - 1]
    line = " ".join(english.stdout.split())
    assert line.startswith(f"Last run 1: {at.day} {month} {at.year} {at:%H:%M}, new versions: 0"), line


# --- apmon serve ------------------------------------------------------------------------------------------------


def test_serve_speaks_the_master_language(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import uvicorn

    def run(application: Any, **options: Any) -> None:  # the start line is the point, not the server
        pass

    monkeypatch.setattr(uvicorn, "run", run)
    started = runner.invoke(app, ["serve", "--port", "8123", "--config", str(config_file(tmp_path))])
    assert started.exit_code == 0, started.output
    assert started.stdout.startswith("apmon server dodatka radi na http://127.0.0.1:8123 (evidencija ")
    english = runner.invoke(app, ["serve", "--max-body-mb", "0", "--config", str(config_file(tmp_path, "en"))])
    assert (
        english.exit_code == 2
        and english.stderr.strip() == "Error: --max-body-mb must be a number of megabytes more than 0, such as 10"
    )
    cyrillic = runner.invoke(app, ["serve", "--max-body-mb", "0", "--config", str(config_file(tmp_path, "sr-Cyrl"))])
    assert cyrillic.stderr.strip() == "Грешка: --max-body-mb мора бити број мегабајта већи од 0, на пример 10"


@pytest.mark.parametrize("value", ["nan", "inf", "1e-12"])
def test_serve_refuses_a_body_limit_that_is_no_size_in_one_line(
    value: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """NaN and infinity pass `> 0` or fail it without a word and then broke the start with a traceback
    (ValueError, OverflowError); a limit under a byte started a server that refused every call as too large."""
    import uvicorn

    started: list[Any] = []
    monkeypatch.setattr(uvicorn, "run", lambda application, **options: started.append(application))
    refused = runner.invoke(app, ["serve", "--max-body-mb", value, "--config", str(config_file(tmp_path, "en"))])
    assert refused.exit_code == 2, refused.output
    assert refused.exception is None or isinstance(refused.exception, SystemExit)
    assert refused.stderr.strip() == "Error: --max-body-mb must be a number of megabytes more than 0, such as 10"
    assert not started


# --- apmon validate and apmon rules -----------------------------------------------------------------------------


def test_validate_says_the_kind_in_the_language_of_the_configuration(
    plan: Plan, registry: InstitutionRegistry, tmp_path: Path
) -> None:
    _, layout = filled_report(plan, registry, tmp_path, "MZ", "2018-03", {}, name="empty.xlsx")
    good, _ = filled_report(plan, registry, tmp_path, "MZ", "2018-03", complete_monthly(layout), name="good.xlsx")
    latin = runner.invoke(app, ["validate", str(good)])
    assert latin.exit_code == 0, latin.output
    assert "good.xlsx MZ 2018-03 (mesečni): nema problema" in latin.stdout and "monthly" not in latin.stdout
    cyrillic = runner.invoke(app, ["validate", str(good), "--config", str(config_file(tmp_path, "sr-Cyrl"))])
    assert "good.xlsx MZ 2018-03 (месечни): нема проблема" in cyrillic.stdout
    english = runner.invoke(app, ["validate", str(good), "--lang", "en"])
    assert "good.xlsx MZ 2018-03 (monthly): no problems" in english.stdout
    (tmp_path / "junk.xlsx").write_bytes(b"not a workbook")
    previous = runner.invoke(app, ["validate", str(good), "--previous", str(tmp_path / "junk.xlsx")])
    assert previous.exit_code == 2 and previous.stderr.startswith("Greška: `--previous` ")
    assert "ne može da se pročita kao izveštaj" in previous.stderr


def test_rules_table_in_each_language() -> None:
    latin = runner.invoke(app, ["rules"])
    assert f"Pravila provere: {len(RULES)}" in latin.stdout and "validation rules" not in latin.stdout
    assert "greška" in latin.stdout and "upozorenje" in latin.stdout
    english = runner.invoke(app, ["rules", "--lang", "en"])
    assert f"{len(RULES)} validation rules" in english.stdout


# --- one way to choose the language -----------------------------------------------------------------------------


def _lang_options(command: Any, path: tuple[str, ...] = ()) -> list[tuple[str, Any]]:
    """Every command's --lang option, as (the command typed, the option)."""
    found = [(" ".join(path), p) for p in command.params if "--lang" in getattr(p, "opts", [])]
    for name, sub in getattr(command, "commands", {}).items():
        found += _lang_options(sub, (*path, name))
    return found


def test_every_command_whose_language_falls_back_on_the_configuration_says_so_in_the_shared_words() -> None:
    """Every --lang with no default of its own is --lang, else [sync] master_lang, else sr-Latn
    (common.config_and_lang), and its help says so as the shared option does; one that sets only the language of what
    is printed is the shared option itself. `apmon report` and `apmon evaluation` had options of their own that spoke
    of 'the master's language if configured'."""
    shared = typer.main.get_command(app).commands["deadline"].params  # a command that takes the shared option
    shared_help = next(p.help for p in shared if p.name == "lang")
    options = _lang_options(typer.main.get_command(app))
    falling_back = [(typed, option) for typed, option in options if option.default is None]
    assert {typed for typed, _ in falling_back} >= {"report minister", "evaluation set", "evaluation comment"}
    for typed, option in falling_back:
        assert "the configuration's [sync] master_lang" in option.help, typed
    assert {typed: option.help for typed, option in falling_back if typed.startswith("evaluation")} == {
        "evaluation set": shared_help,
        "evaluation comment": shared_help,
    }


def test_report_and_evaluation_take_the_language_as_typed_else_from_the_configuration(tmp_path: Path) -> None:
    """What users type keeps working (docs/reports.md: `--lang sr-Latn|sr-Cyrl|en`), and without it the configuration's
    master_lang decides, as for every other command."""
    cyrillic = config_file(tmp_path, "sr-Cyrl")
    comment = ["evaluation", "comment", "1.1", "--year", "2017", "--by", "ASTRA", "--text", "Dobro.", "--config"]
    said = runner.invoke(app, [*comment, str(cyrillic)])
    assert said.exit_code == 0, said.output
    assert re.search("[\u0400-\u04ff]", said.stdout)
    english = runner.invoke(app, [*comment, str(cyrillic), "--lang", "en"])
    assert english.exit_code == 0, english.output
    assert english.stdout.isascii() and english.stdout.strip()
    refused = runner.invoke(app, ["report", "annual", "--year", "2030", "--config", str(cyrillic)])
    assert refused.exit_code == 2 and refused.stderr.startswith("Грешка: ")
    in_english = runner.invoke(app, ["report", "annual", "--year", "2030", "--config", str(cyrillic), "--lang", "en"])
    assert in_english.exit_code == 2 and in_english.stderr.startswith("Error: ")


@pytest.mark.parametrize(("lang", "thousands"), [("sr-Latn", "."), ("sr-Cyrl", "."), ("en", ",")])
def test_plan_check_writes_amounts_as_its_reader_does(lang: str, thousands: str) -> None:
    """In English the section 11 totals read 1.234.000 (a Serbian grouping an English reader takes for a decimal)."""
    written = yaml.safe_load(SHIPPED_PLAN.read_text(encoding="utf-8"))
    totals = written["financial_effects"]["action_plan"]["totals"]
    largest = max(Decimal(t["amount"]) for t in totals)  # MRZBSP, 2018: a whole amount of seven digits
    shown = f"{largest:,.0f}".replace(",", thousands)
    checked = runner.invoke(app, ["plan", "check", "--lang", lang])
    assert checked.exit_code == 0, checked.output
    assert re.search(rf"│ +{re.escape(shown)} │", checked.stdout), checked.stdout


def test_ledger_versions_says_why_an_earlier_version_was_refused(tmp_path: Path, monkeypatch: Any) -> None:
    """After a correction, `apmon ledger versions` said only "invalid" of the refused version: the Coordinator could
    not tell why without opening it. It says how many errors it had and its first error, in words (the code, a
    name for a program, only in --json) with its cell: the rule's message, its first sentence."""
    monkeypatch.setattr(out, "width", 200)  # the table unfolded
    config = config_file(tmp_path)
    problems = [
        {"code": "missing-status", "severity": "error", "sheet": "Zadaci", "cell": "E7", "params": {"task": "1.2.1"}},
        {"code": "progress-without-status", "severity": "warning", "sheet": "Zadaci", "cell": "F8", "params": {}},
        {"code": "amount-not-a-number", "severity": "error", "sheet": "Budžet", "cell": "H5", "params": {}},
        {"code": "missing-status", "severity": "error", "sheet": "Zadaci", "cell": "E9", "params": {}},
    ]
    errors = sum(p["severity"] == "error" for p in problems)
    received = dt.datetime(2018, 4, 5, 9, tzinfo=dt.UTC)
    refused = personal_data_version(received).__class__(
        **(vars(personal_data_version(received)) | {"issues": json.dumps(problems)})
    )
    ledger = open_ledger(load_config(config))
    try:
        ledger.record([Arrival("folder:/reports", "MZ_2018-03.xlsx", 9, received, refused)])
    finally:
        ledger.close()
    latin = runner.invoke(app, ["ledger", "versions", "--config", str(config)])
    assert latin.exit_code == 0, latin.output
    assert f"neispravna: {errors} greške, prva (Zadaci!E7): Zadatak 1.2.1 nema stanje." in latin.stdout
    english = runner.invoke(app, ["ledger", "versions", "--config", str(config), "--lang", "en"])
    assert f"invalid: {errors} errors, first (Zadaci!E7): Task 1.2.1 has no status." in english.stdout
    cyrillic = runner.invoke(app, ["ledger", "versions", "--config", str(config_file(tmp_path, "sr-Cyrl"))])
    assert f"неисправна: {errors} грешке, прва (Zadaci!E7): Задатак 1.2.1 нема стање." in cyrillic.stdout
    assert "missing-status" not in latin.stdout + english.stdout + cyrillic.stdout
    [row] = json.loads(runner.invoke(app, ["ledger", "versions", "--config", str(config), "--json"]).stdout)
    assert (row["errors"], row["first_error"]) == (errors, {"code": "missing-status", "sheet": "Zadaci", "cell": "E7"})


def test_the_first_error_of_a_refused_version_is_cut_at_its_first_sentence() -> None:
    """A date or a month ends with a full stop in Serbian ("april 2018., koji traje do 30.04.2018., a ..."): the
    sentence goes on after it; a sentence with no end is cut at a word."""
    from apmon.cli.ledger import FIRST_ERROR_CHARS, _first_sentence
    from apmon.schemas.messages import issue, message

    not_over = message(
        issue("period-not-over", "Naslovna", "C3", "2018-04", end="2018-04-30", day="2018-04-06"), "sr-Latn"
    )
    assert _first_sentence(not_over) == (
        "Ovo je izveštaj za period april 2018., koji traje do 30.04.2018., a proveren je, odnosno primljen 06.04.2018."
    )
    long = "reč " * 100
    cut = _first_sentence(long)
    assert cut.endswith("reč…") and len(cut) <= FIRST_ERROR_CHARS + 1


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("en", "not in it (reports: 1, e.g. MUP 2018-12)"),
        ("sr-Latn", "nisu u njoj (izveštaja: 1, npr. MUP 2018-12)"),
        ("sr-Cyrl", "нису у њој (извештаја: 1, нпр. MUP 2018-12)"),
    ],
)
def test_the_reports_sent_after_as_of_are_counted_in_words_that_fit_one(
    tmp_path: Path, plan: Plan, registry: InstitutionRegistry, lang: str, said: str
) -> None:
    """One report sent after the day `as_of` sets was "1 reports" in English."""
    (tmp_path / "reports").mkdir()
    _, layout = filled_report(plan, registry, tmp_path, "MUP", "2018-12", {}, name="blank.xlsx")
    filled_report(plan, registry, tmp_path / "reports", "MUP", "2018-12", complete_monthly(layout), name="MUP.xlsx")
    period = 'first_period = "2018-11"\nlast_period = "2018-12"\nas_of = 2019-01-05\nfolder = "reports"\n'
    result = runner.invoke(app, ["sync", "run", "--config", str(config_file(tmp_path, lang, period))])
    assert result.exit_code == 0, result.output
    assert said in " ".join(result.output.split()), result.output
