"""Issue 17, point 3: what `apmon template`, `apmon report` and `apmon sync` print, and the errors of apmon's own
library below the commands (configuration and plan files, the ledger, the Google key, templates, reports, sources,
mail), are Serbian Latin by default, Cyrillic and English one option away (--lang, else [sync] master_lang). The
wording is the point here; each error still says where (file, line, field) and what to do."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from apmon.cli.app import app
from apmon.cli.common import err, out
from apmon.sync.ledger import Ledger
from tests.conftest import MINIMAL_PLAN

runner = CliRunner()


@pytest.fixture(autouse=True)
def wide(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A wide console (sentences on one line), in a folder without an apmon.toml."""
    monkeypatch.setattr(out, "width", 200)
    monkeypatch.setattr(err, "width", 200)
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("APMON_GOOGLE_CREDENTIALS", raising=False)
    monkeypatch.delenv("GOOGLE_APPLICATION_CREDENTIALS", raising=False)


def one_line(text: str) -> str:
    return " ".join(text.split())


def config(folder: Path, text: str = "") -> Path:
    path = folder / "apmon.toml"
    path.write_text(f'[sync]\ndata_dir = "data"\n{text}', encoding="utf-8")
    return path


# --------------------------------------------------------------------------- apmon template build


def test_template_build_speaks_serbian_latin_by_default_cyrillic_and_english_on_request(tmp_path: Path) -> None:
    args = ["template", "build", "-i", "MZ", "--period", "2018-03"]
    serbian = runner.invoke(app, [*args, "--out", str(tmp_path / "lat")])
    assert serbian.exit_code == 0, serbian.output
    shown = one_line(serbian.stdout)
    assert "Obrasci (mesečni) za mart 2018. (sr-Latn): 1, u" in shown and "Budžetske stavke" in shown
    assert "Templates (" not in shown and "Budget lines" not in shown
    assert (tmp_path / "lat" / "MZ_2018-03_sr-Latn.xlsx").exists()

    cyrillic = runner.invoke(app, [*args, "--lang", "sr-Cyrl", "--out", str(tmp_path / "cyr")])
    assert "Обрасци (месечни) за март 2018. (sr-Cyrl): 1, у" in one_line(cyrillic.stdout)
    assert (tmp_path / "cyr" / "MZ_2018-03_sr-Cyrl.xlsx").exists()  # the templates follow --lang too

    english = runner.invoke(app, [*args, "--lang", "en", "--out", str(tmp_path / "en")])
    assert "Templates (monthly) for March 2018 (en): 1, in" in one_line(english.stdout)
    assert "Budget lines" in english.stdout


def test_template_build_messages_follow_the_master_language_and_templates_stay_serbian(tmp_path: Path) -> None:
    settings = config(tmp_path, 'master_lang = "sr-Cyrl"\n')
    result = runner.invoke(
        app, ["template", "build", "-i", "MZ", "--period", "2018-03", "--out", "t", "--config", str(settings)]
    )
    assert "Обрасци (месечни) за март 2018. (sr-Latn): 1, у" in one_line(result.stdout)
    assert (tmp_path / "t" / "MZ_2018-03_sr-Latn.xlsx").exists()


@pytest.mark.parametrize(
    ("args", "code", "serbian", "english"),
    [
        (
            ["-i", "MZ", "--all"],
            2,
            "navedite institucije sa --institution OZNAKA ili koristite --all (ne oba)",
            "not both",
        ),
        (["-i", "XX"], 2, "nepoznate oznake institucija: XX; poznate oznake: ", "unknown institution codes: XX"),
        (
            ["-i", "MPRIV"],
            1,
            "Ministarstvo privrede (MPRIV): po planu ap-2017-2018 nema obaveze mesečnog izveštaja (nijedan zadatak, "
            "ni kao nosilac ni kao partner); nema o čemu da se izveštava",
            "Ministry of Economy (MPRIV): no monthly report is owed under plan ap-2017-2018",
        ),
        (
            ["-i", "MZ", "--google"],
            2,
            "za --google je potrebna fascikla na Drive-u: navedite --folder ID ili podesite `[google] folder`",
            "--google needs the Drive folder",
        ),
        (
            ["-i", "MZ", "--google", "--folder", "x", "--credentials", "missing-key.json"],
            1,
            "datoteka Google servisnog naloga „missing-key.json“ ne postoji. Proverite putanju (ili "
            "APMON_GOOGLE_CREDENTIALS)",
            "Google service-account file 'missing-key.json' does not exist. Check the path",
        ),
    ],
)
def test_template_build_errors_are_said_in_the_users_language(
    args: list[str], code: int, serbian: str, english: str
) -> None:
    build = ["template", "build", "--period", "2018-03", *args]
    result = runner.invoke(app, build)
    assert result.exit_code == code
    assert one_line(result.stderr).startswith("Greška: " + serbian)
    assert english not in result.stderr
    cyrillic = runner.invoke(app, [*build, "--lang", "sr-Cyrl"])
    assert one_line(cyrillic.stderr).startswith("Грешка: ")
    in_english = runner.invoke(app, [*build, "--lang", "en"])
    assert in_english.exit_code == code
    assert one_line(in_english.stderr).startswith("Error: ") and english in one_line(in_english.stderr)


# --------------------------------------------------------------------------- the configuration and the plan file


def test_a_missing_configuration_file_is_said_in_the_users_language(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.toml"
    args = ["ledger", "versions", "--config", str(missing)]
    result = runner.invoke(app, args)
    assert result.exit_code == 1
    assert one_line(result.stderr) == f"Greška: {missing}: datoteka s podešavanjima nije pronađena; proverite putanju"
    cyrillic = runner.invoke(app, [*args, "--lang", "sr-Cyrl"])
    assert one_line(cyrillic.stderr) == f"Грешка: {missing}: датотека с подешавањима није пронађена; проверите путању"
    english = runner.invoke(app, [*args, "--lang", "en"])
    assert one_line(english.stderr) == f"Error: {missing}: configuration file not found; check the path"


def test_a_wrong_setting_names_the_file_and_field_and_says_what_is_wrong_in_serbian(tmp_path: Path) -> None:
    settings = config(tmp_path, 'backups = "many"\n')
    result = runner.invoke(app, ["template", "build", "-i", "MZ", "--period", "2018-03", "--config", str(settings)])
    assert result.exit_code == 1
    shown = one_line(result.stderr)
    assert shown.startswith(f"Greška: {settings}, polje sync.backups: neispravno podešavanje (")
    assert "(očekuje se ceo broj, na primer 5); ispravite ga u datoteci s podešavanjima (nađeno: 'many')" in shown
    english = runner.invoke(app, ["report", "annual", "--year", "2018", "--lang", "en", "--config", str(settings)])
    assert one_line(english.stderr).startswith(f"Error: {settings} at sync.backups: a whole number is expected")
    assert "(found 'many')" in english.stderr

    broken = tmp_path / "broken.toml"
    broken.write_text("[sync\n", encoding="utf-8")
    result = runner.invoke(app, ["report", "annual", "--year", "2018", "--config", str(broken)])
    assert one_line(result.stderr).startswith(f"Greška: {broken}:1: nije ispravan TOML (naziv sekcije nije zatvoren")
    assert "not valid TOML" not in result.stderr


def test_a_broken_plan_file_is_located_in_the_users_language(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(MINIMAL_PLAN.replace("lead: [MUP]", "lead: [NOPE]"), encoding="utf-8")
    where = f"{plan}:19, polje objectives[0].activities[0].tasks[0].lead[0]"
    args = ["template", "build", "--all", "--period", "2018-03", "--plan", str(plan)]
    result = runner.invoke(app, args)
    assert result.exit_code == 1
    shown = result.stderr
    assert shown.startswith("Greška: plan ne može da se koristi:")
    assert f"{where}: nepoznata oznaka institucije; upišite jednu od oznaka iz spiska institucija (" in shown
    assert "(nađeno: 'NOPE')" in shown and "unknown institution code" not in shown
    cyrillic = runner.invoke(app, [*args, "--lang", "sr-Cyrl"]).stderr
    assert f"{plan}:19, поље objectives[0].activities[0].tasks[0].lead[0]: непозната ознака институције" in cyrillic

    plan.write_text("id: [unclosed\n", encoding="utf-8")
    result = runner.invoke(app, ["plan", "check", "--plan", str(plan)])
    assert f"{plan}:2: nije ispravan YAML: " in result.stderr and "ispravite taj red datoteke" in result.stderr


def test_a_key_written_twice_in_the_plan_is_said_in_the_users_language(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(MINIMAL_PLAN.replace("start: 2017-01-01\n", "start: 2017-01-01\nstart: 2017-02-01\n"), "utf-8")
    result = runner.invoke(app, ["plan", "check", "--plan", str(plan)])
    assert result.exit_code == 1
    assert f"{plan}:5: ključ 'start' je napisan dva puta (prvi put u redu 4); zadržite jedan" in result.stderr
    assert "written twice" not in result.stderr
    english = runner.invoke(app, ["plan", "check", "--plan", str(plan), "--lang", "en"])
    assert f"{plan}:5: the key 'start' is written twice (first on line 4); keep one" in english.stderr


# --------------------------------------------------------------------------- apmon report


def test_report_messages_and_errors_are_serbian_by_default(tmp_path: Path) -> None:
    settings = str(config(tmp_path))
    bad = runner.invoke(app, ["report", "minister", "--period", "2018-03", "--as-of", "soon", "--config", settings])
    assert bad.exit_code == 2
    assert one_line(bad.stderr) == "Greška: --as-of „soon“ nije datum i vreme; upišite ga kao YYYY-MM-DDTHH:MM"
    bad = runner.invoke(app, ["report", "annual", "--year", "2030", "--draft", "--config", settings])
    assert one_line(bad.stderr) == "Greška: godina 2030 nije u planu ap-2017-2018 (2017-2018); navedite godinu plana"
    bad = runner.invoke(app, ["report", "annual", "--year", "2030", "--lang", "sr-Cyrl", "--config", settings])
    assert one_line(bad.stderr).startswith("Грешка: година 2030 није у плану ap-2017-2018")

    made = runner.invoke(app, ["report", "minister", "--period", "2018-03", "--draft", "--config", settings])
    assert made.exit_code == 0, made.output
    shown = one_line(made.stdout)
    assert shown.startswith("Napisano: ") and "Written" not in shown
    assert "Podaci: pokretanje evidencije -, presek podataka " in shown and "nije zabeležen kao izdat" in shown
    english = runner.invoke(
        app, ["report", "minister", "--period", "2018-03", "--draft", "--lang", "en", "--config", settings]
    )
    assert one_line(english.stdout).startswith("Written: ") and "not recorded as issued" in english.stdout


@pytest.mark.parametrize(
    ("args", "option", "value"),
    [
        (["report", "minister", "--period", "2018-03", "--draft", "--as-of"], "--as-of", "0001-01-01T00:00"),
        (["report", "council", "--to", "2018-03", "--draft", "--as-of"], "--as-of", "9999-12-31T23:59"),
        (["remind", "--dry-run", "--today"], "--today", "9999-12-31"),
        (["remind", "--dry-run", "--today"], "--today", "0001-01-01"),
    ],
)
def test_a_day_outside_the_years_apmon_keeps_is_one_error_line(
    tmp_path: Path, args: list[str], option: str, value: str
) -> None:
    """A well-formed day in year 1 or 9999 passed the parse and then stopped the command with a traceback
    (OverflowError from a day's arithmetic, pydantic's ValidationError in English): it is said as a period in
    such a year is, in the reader's language."""
    settings = str(config(tmp_path))
    bad = runner.invoke(app, [*args, value, "--config", settings])
    assert bad.exit_code == 2, bad.output
    assert one_line(bad.stderr) == f"Greška: {option} „{value}“ nije dan koji apmon vodi: godine su od 2000 do 2100"
    english = runner.invoke(app, [*args, value, "--lang", "en", "--config", settings])
    assert one_line(english.stderr) == f"Error: {option} '{value}' is not a day apmon keeps: years are 2000 to 2100"


# --------------------------------------------------------------------------- apmon sync and the ledger


def test_the_ledger_that_cannot_be_opened_is_said_in_the_users_language(tmp_path: Path) -> None:
    settings = config(tmp_path, 'ledger = "nonsense"\n')
    result = runner.invoke(app, ["ledger", "versions", "--config", str(settings)])
    assert result.exit_code == 1
    assert one_line(result.stderr).startswith("Greška: 'nonsense' nije adresa baze podataka; upišite sqlite:///")
    english = runner.invoke(app, ["ledger", "versions", "--lang", "en", "--config", str(settings)])
    assert one_line(english.stderr).startswith("Error: 'nonsense' is not a database URL; write sqlite:///")
    synced = runner.invoke(app, ["sync", "run", "--config", str(settings)])
    assert one_line(synced.stderr).startswith("Greška: 'nonsense' nije adresa baze podataka")


def test_a_sync_while_another_holds_the_ledger_is_said_in_the_master_language(tmp_path: Path) -> None:
    settings = config(tmp_path, 'master_lang = "sr-Cyrl"\n')
    ledger = Ledger.open(f"sqlite:///{(tmp_path / 'data' / 'ledger.sqlite').as_posix()}")
    try:
        with ledger.lock():
            result = runner.invoke(app, ["sync", "run", "--json", "--config", str(settings)])
    finally:
        ledger.close()
    assert result.exit_code == 3
    assert one_line(result.stderr).startswith("Грешка: друга синхронизација је у току (започета ")
    assert "сачекајте да се заврши или покрените поново касније" in result.stderr


def test_the_sync_summary_says_a_missing_folder_and_mail_settings_in_the_master_language(tmp_path: Path) -> None:
    settings = config(tmp_path, 'folder = "nowhere"\n[mail]\nafter_sync = true\n')
    result = runner.invoke(app, ["sync", "run", "--config", str(settings)])
    assert result.exit_code == 1
    shown = one_line(result.stderr)
    folder = tmp_path / "nowhere"
    assert f"Greška: folder:{folder}: fascikla izveštaja {folder} ne postoji ili nije fascikla; proverite" in shown
    assert "Greška: e-pošta nije poslata: nema adrese pošiljaoca: upišite `from` u tabelu `[mail]`" in shown
    assert "does not exist" not in shown and "no e-mail sent" not in shown

    settings.write_text(settings.read_text(encoding="utf-8").replace("[mail]", 'master_lang = "en"\n[mail]'))
    english = one_line(runner.invoke(app, ["sync", "run", "--config", str(settings)]).stderr)
    assert "does not exist or is not a folder" in english and "Error: no e-mail sent: no From address" in english


def test_a_sync_that_finds_no_report_file_names_the_folder_it_looked_in(tmp_path: Path) -> None:
    """A Coordinator who runs the sync without the configuration (or with a folder typed wrong) read "0 files
    seen" of a folder the sync had just made itself, with no word of where it looked."""
    settings = config(tmp_path)
    folder = tmp_path / "data" / "reports"
    result = runner.invoke(app, ["sync", "run", "--config", str(settings)])
    assert result.exit_code == 0, result.output
    shown = one_line(result.stdout)
    assert f"Upozorenje: u fascikli {folder} nema nijedne datoteke izveštaja" in shown and "--config" in shown
    english = config(tmp_path, 'master_lang = "en"\n')
    shown = one_line(runner.invoke(app, ["sync", "run", "--config", str(english)]).stdout)
    assert f"Warning: the folder {folder} holds no report file" in shown


def test_a_wrong_schedule_is_said_in_the_master_language(tmp_path: Path) -> None:
    settings = config(tmp_path)
    result = runner.invoke(app, ["sync", "schedule", "--cron", "often", "--config", str(settings)])
    assert result.exit_code == 2
    assert one_line(result.stderr) == (
        "Greška: „often“ nije cron izraz (minut sat dan mesec dan_u_nedelji); na primer „0 7 * * 1-5“"
    )


@pytest.mark.parametrize("day", ["2017-02-29", "2018-04-31"])
def test_a_day_no_calendar_has_in_the_plan_is_located_not_a_traceback(tmp_path: Path, day: str) -> None:
    """A date that does not exist (29 February of a year that is not a leap year, 31 April) ended `apmon plan check`
    in PyYAML's traceback (ValueError: day is out of range for month): it is one located line, in the reader's
    language, naming the date."""
    plan = tmp_path / "plan.yaml"
    plan.write_text(MINIMAL_PLAN.replace("start: 2017-01-01\n", f"start: {day}\n"), "utf-8")
    result = runner.invoke(app, ["plan", "check", "--plan", str(plan)])
    assert result.exit_code == 1
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert f"{plan}:4: datum {day} ne postoji u kalendaru" in result.stderr
    english = runner.invoke(app, ["plan", "check", "--plan", str(plan), "--lang", "en"])
    assert f"{plan}:4: the date {day} is not in the calendar" in english.stderr
    cyrillic = runner.invoke(app, ["plan", "check", "--plan", str(plan), "--lang", "sr-Cyrl"])
    assert f"{plan}:4: датум {day} не постоји у календару" in cyrillic.stderr


def test_an_institution_code_given_with_spaces_or_twice_is_built_once(tmp_path: Path) -> None:
    """`-i " MUP "` (pasted with its spaces) was refused as an unknown code though `-i mup` is taken, and `-i MUP -i
    MUP` built the same template twice and listed it twice."""
    out = tmp_path / "t"
    args = ["template", "build", "--period", "2018-03", "-i", " mup ", "-i", "MUP", "--out", str(out), "--lang", "en"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ["MUP_2018-03_en.xlsx"]
    assert result.stdout.count("MUP_2018-03_en.xlsx") == 1


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("sr-Latn", "Stavke budžeta zadataka sa godinom izvan godina plana (2017–2018), koje se ne računaju"),
        ("sr-Cyrl", "Ставке буџета задатака са годином изван година плана (2017–2018), које се не рачунају"),
        ("en", "Task budget lines whose year is outside the plan's years (2017–2018), counted in no year"),
    ],
)
def test_plan_check_names_a_budget_line_of_a_year_outside_the_plan(tmp_path: Path, lang: str, said: str) -> None:
    """A line's year mistyped (2031 in a plan of 2017-2018) was checked as valid with nothing said: no template,
    year or total counts such a line, so its money was left out of every figure unseen."""
    plan = tmp_path / "plan.yaml"
    plan.write_text(MINIMAL_PLAN.replace("year: 2017", "year: 2031", 1), "utf-8")
    assert "year: 2031" in plan.read_text("utf-8")
    result = runner.invoke(app, ["plan", "check", "--plan", str(plan), "--lang", lang])
    assert result.exit_code == 0, result.output
    shown = " ".join(result.stdout.split())
    assert said in shown and "1.1.1/1 (2031)" in shown, shown
    plan.write_text(MINIMAL_PLAN, "utf-8")
    fine = runner.invoke(app, ["plan", "check", "--plan", str(plan), "--lang", lang])
    assert fine.exit_code == 0 and said not in " ".join(fine.stdout.split())


def test_an_institution_code_pasted_with_spaces_is_that_institution_for_tokens_and_the_ledger(tmp_path: Path) -> None:
    """As for `template build -i`: `token issue -i " mz "` and `ledger versions -i " mz "` said there was no institution
    " MZ ", and `ledger mails -i " mz "` listed none of its e-mails."""
    config = tmp_path / "apmon.toml"
    config.write_text(f'[sync]\ndata_dir = "{(tmp_path / "data").as_posix()}"\n', encoding="utf-8")
    c = ["--config", str(config), "--lang", "en"]
    issued = runner.invoke(app, ["token", "issue", "-i", " mz ", *c])
    assert issued.exit_code == 0, issued.output
    ledger = Ledger.open(f"sqlite:///{tmp_path / 'data' / 'ledger.sqlite'}")
    try:
        assert [t.institution for t in ledger.tokens()] == ["MZ"]
    finally:
        ledger.close()
    listed = runner.invoke(app, ["ledger", "versions", "-i", " mz ", *c])
    assert listed.exit_code == 0, listed.output


@pytest.mark.parametrize(
    ("cron", "said"),
    [
        # 30 February: croniter takes it, then finds no time (CroniterBadDateError), which ended in a traceback
        ("0 7 30 2 *", "Greška: „0 7 30 2 *“ ne imenuje nijedan dan koji postoji"),
        ("0 0 31 4 *", "Greška: „0 0 31 4 *“ ne imenuje nijedan dan koji postoji"),
        # six fields: croniter reads the sixth as seconds, and "* * * * * *" ran the sync every second
        ("* * * * * *", "Greška: „* * * * * *“ nije cron izraz (minut sat dan mesec dan_u_nedelji)"),
        ("0 0 7 * * 1", "Greška: „0 0 7 * * 1“ nije cron izraz (minut sat dan mesec dan_u_nedelji)"),
    ],
)
def test_a_schedule_that_never_runs_or_runs_every_second_is_refused(tmp_path: Path, cron: str, said: str) -> None:
    settings = config(tmp_path)
    result = runner.invoke(app, ["sync", "schedule", "--cron", cron, "--max-runs", "1", "--config", str(settings)])
    assert result.exit_code == 2, result.output
    assert one_line(result.stderr).startswith(said), result.stderr


@pytest.mark.parametrize(
    ("lang", "title"),
    [
        ("sr-Latn", "Obrasci (godišnji) za 2018. godinu (sr-Latn): 1"),
        ("sr-Cyrl", "Обрасци (годишњи) за 2018. годину (sr-Latn): 1"),
        ("en", "Templates (annual) for 2018 (sr-Latn): 1"),
    ],
)
def test_the_annual_templates_title_says_the_year_as_a_sentence_does(tmp_path: Path, lang: str, title: str) -> None:
    """A month is said "za mart 2018.", a year was said "za 2018", with no full stop and no "godinu" (the deadline
    says "za 2018. godinu"); in English the year stays as it is."""
    args = ["template", "build", "--period", "2018", "-i", "MUP", "--out", str(tmp_path / "t")]
    result = runner.invoke(app, [*args, "--config", str(config(tmp_path, f'master_lang = "{lang}"\n'))])
    assert result.exit_code == 0, result.output
    assert title in " ".join(result.stdout.split()), result.stdout


@pytest.mark.parametrize("lang", ["sr-Latn", "sr-Cyrl", "en"])
def test_a_token_pasted_into_a_new_tokens_label_is_refused_and_not_kept(tmp_path: Path, lang: str) -> None:
    """`token issue --label "zamena za apmon_..."` (the token being replaced, or another office's, pasted where the
    label goes) kept that token in clear in the ledger's tokens table, shown by `token list` to whoever reads it:
    the ledger is to hold nothing that works as a token. Refused as a usage error, in the reader's language, and
    nothing issued."""
    cfg = config(tmp_path)
    c = ["--config", str(cfg), "--lang", lang]
    first = runner.invoke(app, ["token", "issue", "-i", "MUP", *c])
    assert first.exit_code == 0, first.output
    live = next(line for line in first.stdout.splitlines() if line.startswith("apmon_"))
    assert len(live) == 49
    pasted = runner.invoke(app, ["token", "issue", "-i", "MUP", "--label", f"zamena za {live}", *c])
    assert pasted.exit_code == 2, pasted.output
    assert live not in pasted.output and "--label" in pasted.output
    ledger = Ledger.open(f"sqlite:///{tmp_path / 'data' / 'ledger.sqlite'}")
    try:
        assert [t.label for t in ledger.tokens()] == [""]
    finally:
        ledger.close()
    listed = runner.invoke(app, ["token", "list", *c])
    assert live not in listed.output


def test_a_token_a_label_kept_before_labels_were_checked_is_not_shown_by_token_list_or_revoke(tmp_path: Path) -> None:
    """A ledger from before `token issue` refused a token in --label may keep one there: `token list` (its table
    and --json) and `token revoke` showed it whole to whoever ran them. Shown masked; the rest of the label, and
    the token's own holder and number, as they were."""
    import datetime as dt

    from apmon.sync.tokens import issue_token

    cfg = config(tmp_path)
    (tmp_path / "data").mkdir(exist_ok=True)
    ledger = Ledger.open(f"sqlite:///{tmp_path / 'data' / 'ledger.sqlite'}")
    try:
        _, pasted = issue_token(ledger, "MUP", "institution", "MUP", dt.datetime.now(dt.UTC))
        row, _ = issue_token(
            ledger, "MUP", "institution", f"Sektor za analitiku, zamena za {pasted}", dt.datetime.now(dt.UTC)
        )
    finally:
        ledger.close()
    secret = pasted[len("apmon_") :]
    c = ["--config", str(cfg), "--lang", "en"]
    listed = runner.invoke(app, ["token", "list", *c], terminal_width=400)
    as_json = runner.invoke(app, ["token", "list", "--json", *c])
    revoked = runner.invoke(app, ["token", "revoke", "--id", str(row.id), *c], terminal_width=400)
    for result in (listed, as_json, revoked):
        assert result.exit_code == 0, result.output
        assert secret not in result.output and "Sektor za analitiku, zamena za apmon_" in result.output
