"""`apmon institution`: the Coordinator's IT person follows a Government reshuffle without editing YAML. Each test runs
the real command against real files and reads what it wrote with yaml itself; the template builds and checks after
it behave as docs/sync.md says ("The Government reorganises")."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import time
import tomllib
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import sqlalchemy
import yaml
from typer.testing import CliRunner

from apmon.cli.app import app
from apmon.schemas.institutions import InstitutionRegistry
from apmon.schemas.messages import text_of, variant
from apmon.schemas.plan import Plan
from apmon.schemas.text import Lang
from apmon.templates.plan_file import DEFAULT_INSTITUTIONS, DataFileError
from apmon.templates.registry_file import (
    EditRefused,
    checked_write,
    read_text,
    render,
    succession_checked,
    with_comments,
)
from tests.reports import complete_monthly, filled_report
from tests.test_ledger import postgres_admin_url, url  # noqa: F401  (ledger backends: SQLite and PostgreSQL)

runner = CliRunner()
ROOT = Path(__file__).resolve().parents[1]

OLD = {
    "sr-Latn": "Ministarstvo kulture i informisanja",
    "sr-Cyrl": "Министарство културе и информисања",
    "en": "Ministry of Culture and Information",
}
NEW = {
    "sr-Latn": "Ministarstvo kulture i medija",
    "sr-Cyrl": "Министарство културе и медија",  # typed here, not derived: what the command derives is checked
    "en": "Ministry of Culture and Media",
}
KINDS = "council, coordinator, working-group, ministry, authority, civil-society, local"  # schemas.institutions
MUP = {
    "sr-Latn": "Ministarstvo unutrašnjih poslova",
    "sr-Cyrl": "Министарство унутрашњих послова",
    "en": "Ministry of the Interior",
}
RENAME_MKI = [
    "institution",
    "rename",
    "MKI",
    "--since",
    "2018-07-01",
    "--name",
    NEW["sr-Latn"],
    "--name-en",
    NEW["en"],
    "--genitive",
    "Ministarstva kulture i medija",
]
KITE = [
    "institution",
    "add",
    "KITE",
    "--from",
    "2018-07",
    "--kind",
    "authority",
    "--name",
    "Kancelarija za informacione tehnologije i elektronsku upravu",
    "--name-en",
    "Office for IT and eGovernment",
    "--working-group-member",
]


def apmon(*args: str) -> Any:
    return runner.invoke(app, list(args))


def typed_in(office: Path, code: str) -> None:
    """The templates `apmon template build` wrote into office/reports, each with its preparer typed: sent so by its
    officer, a report with errors (a template no one filled is no report)."""
    from apmon.schemas.calendar import Period
    from apmon.templates.layout import report_layout
    from apmon.templates.plan_file import load_plan_and_registry

    plan, registry = load_plan_and_registry(None, office / "institutions.yaml", None)
    for path in sorted((office / "reports").glob(f"{code}_*.xlsx")):
        _, period, lang = path.stem.split("_")
        layout = report_layout(plan, registry, code, Period.parse(period), lang)  # type: ignore[arg-type]
        sheet, cell = layout.cell_of("cover", "preparer", "value")
        book = openpyxl.load_workbook(path)
        book[sheet][cell] = "Jelena Petrović"
        book.save(path)


def _shipped() -> list[dict[str, Any]]:
    return yaml.safe_load(DEFAULT_INSTITUTIONS.read_text(encoding="utf-8"))["institutions"]


def _written(folder: Path) -> list[dict[str, Any]]:
    return yaml.safe_load((folder / "institutions.yaml").read_text(encoding="utf-8"))["institutions"]


def _entry(entries: list[dict[str, Any]], code: str) -> dict[str, Any]:
    return next(e for e in entries if e["code"] == code)


def _codes(report: Path, *options: str) -> set[str]:
    """The codes of the problems `apmon validate` finds in `report`."""
    checked = yaml.safe_load(apmon("validate", str(report), "--json", *options).output)
    return {issue["code"] for file in checked for issue in file["issues"]}


def _cover_name(path: Path) -> str:
    return str(openpyxl.load_workbook(path)[text_of("sheet.cover", "sr-Latn")]["B4"].value)


@pytest.fixture
def office(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The Coordinator's folder: an apmon.toml of settings and tables of its own, the shipped registry configured."""
    (tmp_path / "apmon.toml").write_text('# our settings\n[sync]\nmaster_lang = "sr-Latn"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_a_rename_of_the_shipped_registry_makes_the_copy_names_it_and_keeps_the_old_name(office: Path) -> None:
    june = office / "handed-out"
    assert apmon("template", "build", "--period", "2018-06", "-i", "MKI", "--out", str(june)).exit_code == 0

    result = apmon(*RENAME_MKI)

    assert result.exit_code == 0, result.output
    settings = tomllib.loads((office / "apmon.toml").read_text(encoding="utf-8"))
    assert settings["institutions"] == "institutions.yaml" and settings["sync"] == {"master_lang": "sr-Latn"}
    assert (office / "apmon.toml").read_text(encoding="utf-8").startswith("# our settings\n")
    assert "institutions.yaml" in result.output and "apmon.toml" in result.output  # the copy is said
    written, shipped = _written(office), _shipped()
    mki = _entry(written, "MKI")
    assert mki["name"] == NEW  # the Cyrillic derived from the Latin is the name as typed in Cyrillic
    assert mki["genitive"] == {"sr-Latn": "Ministarstva kulture i medija", "sr-Cyrl": "Министарства културе и медија"}
    assert mki["former_names"] == [{"until": dt.date(2018, 6, 30), "name": OLD}]
    assert [e for e in written if e["code"] != "MKI"] == [e for e in shipped if e["code"] != "MKI"]
    assert [e["code"] for e in written] == [e["code"] for e in shipped]
    shipped_top = DEFAULT_INSTITUTIONS.read_text(encoding="utf-8").split("institutions:")[0]
    assert (office / "institutions.yaml").read_text(encoding="utf-8").startswith(shipped_top)  # its comments kept

    # docs/sync.md: July's template carries the new name; June's, handed out before, still validates.
    assert apmon("template", "build", "--period", "2018-07", "-i", "MKI", "--out", "t").exit_code == 0
    assert _cover_name(office / "t" / "MKI_2018-07_sr-Latn.xlsx") == NEW["sr-Latn"]
    handed_out = june / "MKI_2018-06_sr-Latn.xlsx"
    assert _cover_name(handed_out) == OLD["sr-Latn"]
    # an empty template has problems of its own (no status typed): the renaming adds none
    assert _codes(handed_out) == _codes(handed_out, "--institutions", str(DEFAULT_INSTITUTIONS))
    assert "template-outdated" not in _codes(handed_out)
    assert apmon("plan", "check").exit_code == 0


def test_a_dry_run_shows_the_change_and_writes_nothing(office: Path) -> None:
    before = sorted(p.name for p in office.iterdir())
    config = (office / "apmon.toml").read_bytes()

    result = apmon(*RENAME_MKI, "--dry-run")

    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in office.iterdir()) == before and (office / "apmon.toml").read_bytes() == config
    assert f"-    sr-Latn: {OLD['sr-Latn']}" in result.output
    assert f"+    sr-Latn: {NEW['sr-Latn']}" in result.output
    assert "+    - until: 2018-06-30" in result.output
    assert '+institutions = "institutions.yaml"' in result.output


def test_an_edit_of_the_configured_copy_keeps_the_previous_file_as_a_backup(office: Path) -> None:
    assert apmon(*RENAME_MKI).exit_code == 0
    before = (office / "institutions.yaml").read_bytes()

    result = apmon("institution", "end", "MRZBSP", "--until", "2018-06")

    assert result.exit_code == 0, result.output
    backups = list(office.glob("institutions.yaml.*.bak"))
    assert len(backups) == 1 and backups[0].read_bytes() == before
    assert _entry(_written(office), "MRZBSP")["reports_until"] == "2018-06"
    assert _entry(_written(office), "MKI")["name"] == NEW  # the first edit stays
    # the plan still names it in its tasks: each is said, so that the IT person moves them in the plan file
    tasks = _tasks_naming("MRZBSP")
    assert tasks and all(task in result.output for task in tasks)
    # docs/sync.md: it is asked for nothing after its last month
    assert apmon("template", "build", "--period", "2018-07", "--all", "--out", "july").exit_code == 0
    assert apmon("template", "build", "--period", "2018-06", "--all", "--out", "june").exit_code == 0
    assert not (office / "july" / "MRZBSP_2018-07_sr-Latn.xlsx").exists()
    assert (office / "june" / "MRZBSP_2018-06_sr-Latn.xlsx").exists()


def _tasks_naming(code: str) -> list[str]:
    """The tasks of the shipped plan file that name `code`, read from the file itself."""
    plan = yaml.safe_load((DEFAULT_INSTITUTIONS.parent / "plan-2017-2018.yaml").read_text(encoding="utf-8"))
    return [
        str(task["id"])
        for objective in plan["objectives"]
        for activity in objective["activities"]
        for task in activity["tasks"]
        if code in task.get("lead", []) + task.get("partners", [])
        or any(line.get("payer") == code for line in task.get("budget", []))
    ]


def test_a_new_partner_owes_templates_from_its_first_month(office: Path) -> None:
    result = apmon(*KITE)

    assert result.exit_code == 0, result.output
    kite = _entry(_written(office), "KITE")
    assert kite["reports_from"] == "2018-07" and kite["kind"] == "authority" and kite["working_group_member"] is True
    assert kite["name"]["sr-Cyrl"] == "Канцеларија за информационе технологије и електронску управу"
    assert "genitive" not in kite and "short" not in kite
    assert apmon("template", "build", "--period", "2018-06", "--all", "--out", "june").exit_code == 0
    assert apmon("template", "build", "--period", "2018-07", "--all", "--out", "july").exit_code == 0
    assert not (office / "june" / "KITE_2018-06_sr-Latn.xlsx").exists()
    assert (office / "july" / "KITE_2018-07_sr-Latn.xlsx").exists()
    listed = apmon("institution", "list", "--json")
    assert next(i for i in yaml.safe_load(listed.output) if i["code"] == "KITE")["reports_from"] == "2018-07"


@pytest.mark.parametrize("lang", ["sr-Latn", "sr-Cyrl", "en"])
@pytest.mark.parametrize(
    ("args", "key", "fields"),
    [
        (
            ["institution", "add", "MUP", *KITE[3:]],
            "institution.code_taken",
            {
                "code": "MUP",
                "name": {
                    "sr-Latn": "Ministarstvo unutrašnjih poslova",
                    "sr-Cyrl": "Министарство унутрашњих послова",
                    "en": "Ministry of the Interior",
                },
            },
        ),
        (
            [*RENAME_MKI[:4], "2019-01-01", *RENAME_MKI[5:]],
            "institution.day_outside_plan",
            {
                "option": "--since",
                "day": dt.date(2019, 1, 1),
                "first": dt.date(2017, 1, 1),
                "last": dt.date(2018, 12, 31),
            },
        ),
        (
            [*KITE[:4], "2016-12", *KITE[5:]],
            "institution.month_outside_plan",
            {"option": "--from", "month": "2016-12", "first": "2017-01", "last": "2018-12"},
        ),
        # kite is KITE (a code is taken in either case, as `template build -i` takes it); k-ite is no code in any
        (["institution", "add", "k-ite", *KITE[3:]], "institution.bad_code", {"code": "k-ite"}),
        (
            ["institution", "end", "MOS", "--until", "2019-02"],
            "institution.month_outside_plan",
            {"option": "--until", "month": "2019-02", "first": "2017-01", "last": "2018-12"},
        ),
    ],
)
def test_an_edit_that_would_make_the_registry_wrong_is_refused_in_the_readers_language(
    office: Path, lang: Lang, args: list[str], key: str, fields: dict[str, Any]
) -> None:
    before = sorted(p.name for p in office.iterdir())

    result = apmon(*args, "--lang", lang)

    # a code taken refuses the edit (1); the others refuse a value typed, a usage error (2)
    assert result.exit_code == (1 if key == "institution.code_taken" else 2), result.output
    assert text_of(key, lang, **{k: v[lang] if isinstance(v, dict) else v for k, v in fields.items()}) in result.output
    assert sorted(p.name for p in office.iterdir()) == before  # no copy made, apmon.toml as it was


def test_a_refusal_found_by_the_check_is_located_and_leaves_the_file(office: Path) -> None:
    """A second renaming dated before the first would put former_names out of order: the check of `apmon plan check`
    refuses it, at the file's line, and the file stays as it was (no backup made)."""
    assert apmon(*RENAME_MKI).exit_code == 0
    before = (office / "institutions.yaml").read_bytes()

    result = apmon(*RENAME_MKI[:4], "2018-03-01", "--name", "Ministarstvo kulture", "--name-en", "Ministry of Culture")

    assert result.exit_code == 1
    line = before.decode().splitlines().index("- code: MKI") + 1
    assert f"institutions.yaml:{line}" in result.output
    assert text_of("invalid.former_names_order", "sr-Latn", code="MKI") in result.output
    assert (office / "institutions.yaml").read_bytes() == before and not list(office.glob("*.bak"))


def test_a_code_the_plan_names_cannot_vanish(tmp_path: Path) -> None:
    """The write's check is the plan's: a registry that lost a code the plan names is refused, the file unchanged."""
    path = tmp_path / "institutions.yaml"
    text = DEFAULT_INSTITUTIONS.read_text(encoding="utf-8")
    path.write_text(text, encoding="utf-8")
    data = yaml.safe_load(text)
    data["institutions"] = [e for e in data["institutions"] if e["code"] != "MRZBSP"]

    with pytest.raises(DataFileError) as refused:
        checked_write(path, yaml.safe_dump(data, allow_unicode=True), None, tmp_path, was=path.read_bytes())

    assert {e.key for e in refused.value.errors} == {"datafile.unknown_institution"}
    assert {e.found for e in refused.value.errors} == {"'MRZBSP'"}
    assert path.read_text(encoding="utf-8") == text and sorted(p.name for p in tmp_path.iterdir()) == [path.name]


def test_a_comment_at_the_end_of_a_line_the_edit_leaves_is_kept(office: Path) -> None:
    """It was lost and named (the file written anew from its data): it is put back at the end of the same line."""
    text = DEFAULT_INSTITUTIONS.read_text(encoding="utf-8").replace("- code: MOS\n", "- code: MOS  # since 2016\n")
    (office / "mine.yaml").write_text(text, encoding="utf-8")

    result = apmon("institution", "end", "MOS", "--until", "2018-06", "--institutions", "mine.yaml", "--lang", "en")

    assert result.exit_code == 0, result.output
    assert "comments" not in result.output
    written = (office / "mine.yaml").read_text(encoding="utf-8")
    assert "\n- code: MOS  # since 2016\n  kind: ministry\n" in written
    assert written.replace("  reports_until: 2018-06\n", "", 1) == text  # the one change, every comment where it was
    assert (
        _entry(yaml.safe_load((office / "mine.yaml").read_text(encoding="utf-8"))["institutions"], "MOS")[
            "reports_until"
        ]
        == "2018-06"
    )
    assert not tomllib.loads((office / "apmon.toml").read_text(encoding="utf-8")).get("institutions")


def test_on_a_terminal_the_values_are_asked_for_and_the_cyrillic_offered(tmp_path: Path) -> None:
    """The IT person types `apmon institution rename MKI` and answers: the Cyrillic is offered as the Latin
    transliterated, Enter takes it; Enter leaves out the short form."""
    answers = {
        "YYYY-MM-DD": "2018-07-01",
        text_of("institution.ask.name_latn", "en"): NEW["sr-Latn"],
        text_of("institution.ask.name_cyrl", "en"): "",
        text_of("institution.ask.name_en", "en"): NEW["en"],
        text_of("institution.ask.genitive_latn", "en"): "Ministarstva kulture i medija",
        text_of("institution.ask.genitive_cyrl", "en"): "",
        text_of("institution.ask.short_latn", "en"): "",
    }
    seen = _answer_on_a_terminal(["institution", "rename", "MKI", "--lang", "en"], list(answers.items()), tmp_path)

    assert NEW["sr-Cyrl"] in seen  # offered
    mki = _entry(_written(tmp_path), "MKI")
    assert mki["name"] == NEW and mki["former_names"] == [{"until": dt.date(2018, 6, 30), "name": OLD}]
    assert mki["genitive"]["sr-Cyrl"] == "Министарства културе и медија" and "short" not in mki


def _answer_on_a_terminal(
    args: list[str], answers: list[tuple[str, str | Callable[[], str]]], folder: Path, exit_code: int = 0
) -> str:
    """Run `apmon <args>` with a pseudo-terminal as its input and output, answering each prompt in turn (the
    prompts come in the order of `answers`, (a part of the prompt, the answer, or what gives it when the prompt is
    shown)); what the terminal showed."""
    pty = pytest.importorskip("pty")  # POSIX terminals; Windows has none of these
    select = pytest.importorskip("select")
    main, secondary = pty.openpty()
    code = f"import sys\nsys.argv = ['apmon', *{args!r}]\nfrom apmon.cli.app import main\nmain()\n"
    environ = {k: v for k, v in os.environ.items() if k != "APMON_LANG"} | {"COLUMNS": "200"}
    process = subprocess.Popen(
        [sys.executable, "-c", code], cwd=folder, stdin=secondary, stdout=secondary, stderr=secondary, env=environ
    )
    os.close(secondary)
    shown, pending = "", list(answers)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        ready, _, _ = select.select([main], [], [], 0.5)
        if ready:
            try:
                chunk = os.read(main, 4096)
            except OSError:  # the command ended and closed the terminal
                break
            if not chunk:
                break
            shown += chunk.decode("utf-8", "replace")
        if pending and pending[0][0] in shown.rsplit("\n", 1)[-1]:
            answer = pending.pop(0)[1]
            os.write(main, ((answer if isinstance(answer, str) else answer()) + "\n").encode())
        if process.poll() is not None and not ready:
            break
    process.wait(timeout=10)
    os.close(main)
    assert process.returncode == exit_code and not pending, shown
    return shown


@pytest.mark.parametrize(
    ("args", "option"),
    [
        (["institution", "rename", "MKI"], "--since"),
        (["institution", "rename", "MKI", "--since", "2018-07-01"], "--name"),
        ([*KITE[:3], "--kind", "authority"], "--from"),
        (["institution", "end", "MOS"], "--until"),
    ],
)
def test_in_a_script_a_value_not_given_is_named_and_nothing_written(office: Path, args: list[str], option: str) -> None:
    before = sorted(p.name for p in office.iterdir())

    result = apmon(*args, "--lang", "en")

    assert result.exit_code == 2  # a usage error, as click's for a missing argument
    assert text_of("institution.missing", "en", option=option) in result.output
    assert sorted(p.name for p in office.iterdir()) == before


def test_a_configuration_naming_the_shipped_registry_is_not_given_a_second_name(office: Path) -> None:
    """apmon.toml names the installed registry itself: that file is not edited (an upgrade replaces it), and a second
    `institutions` line would break the configuration: the command says what to do by hand, and writes nothing."""
    config = f"institutions = {str(DEFAULT_INSTITUTIONS)!r}\n[sync]\nmaster_lang = 'en'\n"
    (office / "apmon.toml").write_text(config, encoding="utf-8")
    shipped = DEFAULT_INSTITUTIONS.read_bytes()

    result = apmon(*RENAME_MKI)

    assert result.exit_code == 1
    assert 'institutions = "institutions.yaml"' in result.output
    assert (office / "apmon.toml").read_text(
        encoding="utf-8"
    ) == config and DEFAULT_INSTITUTIONS.read_bytes() == shipped
    assert not (office / "institutions.yaml").exists()


def test_a_registry_saved_with_a_byte_order_mark_keeps_its_top_comments(office: Path) -> None:
    """Notepad saves UTF-8 with a byte order mark: the comments at the top are still the top's, and kept."""
    text = DEFAULT_INSTITUTIONS.read_text(encoding="utf-8")
    (office / "mine.yaml").write_text("\ufeff" + text, encoding="utf-8")

    result = apmon("institution", "end", "MOS", "--until", "2018-06", "--institutions", "mine.yaml")

    assert result.exit_code == 0, result.output
    assert (office / "mine.yaml").read_text(encoding="utf-8").startswith(text.split("institutions:")[0])
    assert variant("institution.comments_lost", "sr-Latn").split("{")[0] not in result.output  # none lost


def test_after_a_rename_the_sync_counts_the_report_sent_late_under_the_old_name_and_names_both(
    office: Path, plan: Plan, registry: InstitutionRegistry
) -> None:
    """docs/sync.md end to end: June's report, made on the template handed out before the renaming and sent late,
    is counted after `apmon institution rename`; the master's Overview names the ministry as it is now and as it
    was."""
    reports = office / "reports"
    reports.mkdir()
    _, layout = filled_report(plan, registry, office, "MKI", "2018-06", {}, lang="sr-Latn", name="blank.xlsx")
    sent, _ = filled_report(plan, registry, reports, "MKI", "2018-06", complete_monthly(layout), "sr-Latn", "M.xlsx")
    late = dt.datetime(2018, 7, 20, 10, tzinfo=dt.UTC).timestamp()  # after the renaming and the deadline
    os.utime(sent, (late, late))
    settings = (
        '[sync]\nmaster_lang = "sr-Latn"\nfolder = "reports"\nfirst_period = "2018-06"\nlast_period = "2018-07"\n'
    )
    (office / "apmon.toml").write_text(settings + "as_of = 2018-08-20\n", encoding="utf-8")

    assert apmon(*RENAME_MKI).exit_code == 0
    synced = apmon("sync", "run")

    assert synced.exit_code == 0, synced.output
    status = yaml.safe_load(apmon("sync", "status", "--json").output)
    # counted, late: due on the 5th working day of July 2018, Friday the 6th; sent 10 working days after it
    assert status["institutions"]["MKI"]["2018-06"] == "late (10)", status["institutions"]["MKI"]
    master = openpyxl.load_workbook(office / "apmon-data" / "master.xlsx")
    overview = master[text_of("master.sheet.overview", "sr-Latn")]
    names = {row[0]: row[1] for row in overview.iter_rows(values_only=True)}
    assert names["MKI"] == f"{NEW['sr-Latn']} (do 30.06.2018.: {OLD['sr-Latn']})"


@pytest.mark.parametrize("dry_run", [[], ["--dry-run"]])
def test_a_value_the_registry_refuses_is_refused_where_it_would_be_with_or_without_dry_run(
    office: Path, dry_run: list[str]
) -> None:
    """An English name left empty: the check of the written text finds it, at its line and field, dry run or not."""
    before = sorted(p.name for p in office.iterdir())

    result = apmon(*KITE[:-2], "", "--working-group-member", *dry_run, "--lang", "en")

    assert result.exit_code == 1
    assert f"institutions[{len(_shipped())}].name.en" in result.output
    rendered_line = next(line for line in result.output.splitlines() if "].name.en" in line)
    assert rendered_line.strip().startswith("institutions.yaml:")  # the file the change was for, with its line
    assert sorted(p.name for p in office.iterdir()) == before


def test_on_a_terminal_a_wrong_answer_is_said_and_asked_again(tmp_path: Path) -> None:
    """A month typed wrong, and a kind apmon has not: each is said, in the reader's language, and asked again."""
    first_month, kind = text_of("institution.ask.from", "sr-Latn"), text_of("institution.ask.kind", "sr-Latn")
    kinds = kind.split("{")[0]
    answers = [
        (first_month, "2018-13"),
        (first_month, "2018-07"),
        (text_of("institution.ask.succeeds_any", "sr-Latn"), "ne"),
        (kinds, "agency"),
        (kinds, "authority"),
        (text_of("institution.ask.name_latn", "sr-Latn"), "Kancelarija za informacione tehnologije"),
        (text_of("institution.ask.name_cyrl", "sr-Latn"), ""),
        (text_of("institution.ask.name_en", "sr-Latn"), "Office for IT"),
        (text_of("institution.ask.short_latn", "sr-Latn"), ""),
        (text_of("institution.ask.genitive_latn", "sr-Latn").split(",")[0], ""),
        (text_of("institution.ask.working_group", "sr-Latn"), "možda"),
        (text_of("institution.ask.working_group", "sr-Latn"), "da"),
    ]
    seen = _answer_on_a_terminal(["institution", "add", "KITE"], answers, tmp_path)

    assert text_of("institution.bad_month", "sr-Latn", option="--from", value="2018-13") in seen
    assert text_of("institution.bad_kind", "sr-Latn", option="--kind", value="agency", kinds=KINDS) in seen
    assert text_of("institution.yes_or_no", "sr-Latn", yes="da", no="ne") in seen
    kite = _entry(_written(tmp_path), "KITE")
    assert (kite["reports_from"], kite["kind"], kite["working_group_member"]) == ("2018-07", "authority", True)
    assert kite["name"]["sr-Cyrl"] == "Канцеларија за информационе технологије"


def test_the_copy_goes_beside_the_configuration_named_with_config(office: Path) -> None:
    """Run from another folder with --config: the copy is made beside that apmon.toml and named in it relative to it,
    as apmon.toml's paths are read; a template built with that configuration carries the new name."""
    (office / "etc").mkdir()
    config = office / "etc" / "apmon.toml"
    config.write_text("[sync]\nmaster_lang = 'en'\n", encoding="utf-8")

    result = apmon(*RENAME_MKI, "--config", str(config))

    assert result.exit_code == 0, result.output
    assert tomllib.loads(config.read_text(encoding="utf-8"))["institutions"] == "institutions.yaml"
    assert _entry(_written(office / "etc"), "MKI")["name"] == NEW and not (office / "institutions.yaml").exists()
    built = apmon("template", "build", "--period", "2018-07", "-i", "MKI", "--out", "t", "--config", str(config))
    assert built.exit_code == 0, built.output
    assert _cover_name(office / "t" / "MKI_2018-07_sr-Latn.xlsx") == NEW["sr-Latn"]


def test_the_shipped_registry_written_anew_is_the_same_text() -> None:
    """The file an edit writes is laid out as the shipped registry is, to the byte: a person reading the change
    (`--dry-run`, or a diff with the backup) sees only what changed."""
    text = DEFAULT_INSTITUTIONS.read_text(encoding="utf-8")
    registry = read_text(text)

    assert render(registry, registry.entries) == text and registry.comment_lines == []


def test_a_registry_with_comments_of_every_kind_written_anew_unchanged_is_the_same_text() -> None:
    """At a line's end (a quoted '#' is no comment), inside an entry, apart by a blank line, after the last entry:
    each is put back where it was, none is said lost."""
    text = DEFAULT_INSTITUTIONS.read_text(encoding="utf-8")
    text = text.replace("- code: MUP\n", "- code: MUP  # the police\n")
    text = text.replace("- code: MZ\n", "# apart from MZ by a blank line\n\n- code: MZ\n")
    text = text.replace("  kind: ministry\n", "  # the kind decides the template\n  kind: ministry  # #1\n", 1)
    text += "\n# the end of the list\n"
    registry = read_text(text)
    assert len(registry.comment_lines) == 5

    assert with_comments(registry, render(registry, registry.entries)) == (text, [])


def test_edits_in_the_same_second_keep_each_previous_file(office: Path) -> None:
    """A script that adds one body and ends another, one command after the other: each previous file is kept."""
    assert apmon(*RENAME_MKI).exit_code == 0
    first = (office / "institutions.yaml").read_bytes()
    assert apmon(*KITE).exit_code == 0
    second = (office / "institutions.yaml").read_bytes()
    assert apmon("institution", "end", "MOS", "--until", "2018-06").exit_code == 0

    assert sorted(p.read_bytes() for p in office.glob("institutions.yaml.*.bak")) == sorted([first, second])


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
def test_an_edit_keeps_the_modes_of_the_files_it_writes(office: Path) -> None:
    """The sync service may run as another user than the IT person: it must still read apmon.toml and the registry
    after an edit. A file that was there keeps its mode; the copy made beside apmon.toml gets the mode any new file
    gets (the umask's), as a copy made by hand would."""
    config = office / "apmon.toml"
    config.chmod(0o644)
    umask = os.umask(0o022)
    try:
        assert apmon(*RENAME_MKI).exit_code == 0
        assert (config.stat().st_mode & 0o777, (office / "institutions.yaml").stat().st_mode & 0o777) == (0o644, 0o644)
        (office / "institutions.yaml").chmod(0o640)

        assert apmon("institution", "end", "MOS", "--until", "2018-06").exit_code == 0
    finally:
        os.umask(umask)

    assert (office / "institutions.yaml").stat().st_mode & 0o777 == 0o640
    assert _entry(_written(office), "MOS")["reports_until"] == "2018-06"


def test_a_configuration_with_windows_line_ends_keeps_them(office: Path) -> None:
    """apmon.toml written on Windows (CRLF) and copied to the server: the line the first edit adds ends as the
    others do, and no other line changes (a diff shows one line added)."""
    config = b'# our settings\r\n[sync]\r\nmaster_lang = "sr-Latn"\r\n'
    (office / "apmon.toml").write_bytes(config)

    assert apmon(*RENAME_MKI).exit_code == 0

    written = (office / "apmon.toml").read_bytes()
    assert written.replace(b'institutions = "institutions.yaml"\r\n\r\n', b"") == config
    assert tomllib.loads(written.decode("utf-8"))["institutions"] == "institutions.yaml"


def test_a_dry_run_says_what_the_write_would_say_of_the_comments_and_the_plan(office: Path) -> None:
    """What the IT person learns from the write (the comments it drops: here the one at the end of the line the edit
    changes; the tasks the plan still names the body in) the dry run says too: it is the moment to decide."""
    shipped = DEFAULT_INSTITUTIONS.read_text(encoding="utf-8")
    mrzbsp = shipped[shipped.index("- code: MRZBSP\n") :]
    last = mrzbsp[: mrzbsp.index("  reports: true\n")]
    text = shipped.replace(last, last + "  reports_until: 2018-12  # the Government's act\n", 1)
    (office / "mine.yaml").write_text(text, encoding="utf-8")
    line = text.splitlines().index("  reports_until: 2018-12  # the Government's act") + 1
    end_mos = ["institution", "end", "MRZBSP", "--until", "2018-06", "--institutions", "mine.yaml", "--lang", "en"]

    result = apmon(*end_mos, "--dry-run")

    assert result.exit_code == 0, result.output
    assert (office / "mine.yaml").read_text(encoding="utf-8") == text
    assert text_of("institution.comments_would_be_lost", "en", file="mine.yaml", lines=str(line)) in result.output
    tasks = _tasks_naming("MRZBSP")
    assert tasks and text_of("institution.still_in_plan", "en", code="MRZBSP", tasks=", ".join(tasks)) in result.output


def test_an_edit_made_meanwhile_is_not_written_over(tmp_path: Path) -> None:
    """The IT person answers a rename's questions on a terminal while a script ends another body in the same
    registry: the rename, made from the file as it was before, would put that file back and lose the script's edit.
    It is refused (run it again), and the script's edit stays."""
    (tmp_path / "institutions.yaml").write_bytes(DEFAULT_INSTITUTIONS.read_bytes())
    (tmp_path / "apmon.toml").write_text('institutions = "institutions.yaml"\n', encoding="utf-8")

    def a_script_ends_mos() -> str:
        ended = apmon("institution", "end", "MOS", "--until", "2018-06", "--config", str(tmp_path / "apmon.toml"))
        assert ended.exit_code == 0, ended.output
        return "2018-07-01"

    answers: list[tuple[str, str | Callable[[], str]]] = [
        ("YYYY-MM-DD", a_script_ends_mos),
        (text_of("institution.ask.name_latn", "en"), NEW["sr-Latn"]),
        (text_of("institution.ask.name_cyrl", "en"), ""),
        (text_of("institution.ask.name_en", "en"), NEW["en"]),
        (text_of("institution.ask.genitive_latn", "en"), ""),
        (text_of("institution.ask.short_latn", "en"), ""),
    ]
    seen = _answer_on_a_terminal(["institution", "rename", "MKI", "--lang", "en"], answers, tmp_path, exit_code=1)

    assert text_of("institution.changed_meanwhile", "en", file="institutions.yaml") in " ".join(seen.split())
    written = _written(tmp_path)
    assert _entry(written, "MOS")["reports_until"] == "2018-06" and _entry(written, "MKI")["name"] == OLD


def test_a_registry_with_windows_line_ends_keeps_them(office: Path) -> None:
    """A registry saved on Windows (CRLF) and edited on the server: the file written anew ends its lines as before,
    its top comments are the same lines, and only the change differs (a diff with the backup shows one line)."""
    crlf = DEFAULT_INSTITUTIONS.read_bytes().replace(b"\n", b"\r\n")
    (office / "mine.yaml").write_bytes(crlf)

    result = apmon("institution", "end", "MOS", "--until", "2018-06", "--institutions", "mine.yaml")

    assert result.exit_code == 0, result.output
    written = (office / "mine.yaml").read_bytes()
    assert written.count(b"\n") == written.count(b"\r\n") == crlf.count(b"\n") + 1
    assert _entry(yaml.safe_load(written)["institutions"], "MOS")["reports_until"] == "2018-06"


def test_a_rename_in_a_script_says_the_genitive_it_removes(office: Path) -> None:
    """A rename without --genitive removes the old genitive (it would name the ministry as it was): the Serbian
    reminders then name it after a label. A script's author is told, with the option that gives the new one."""
    rename_mup = ["institution", "rename", "MUP", "--since", "2018-07-01", "--name", "Ministarstvo policije"]
    old_genitive = _entry(_shipped(), "MUP")["genitive"]["sr-Latn"]

    result = apmon(*rename_mup, "--name-en", "Ministry of Police", "--lang", "en")

    assert result.exit_code == 0, result.output
    assert "genitive" not in _entry(_written(office), "MUP")
    said_removed = text_of("institution.form_removed", "en", code="MUP", form=old_genitive, option="--genitive")
    assert said_removed in " ".join(result.output.split())


def test_the_shipped_registry_named_beside_a_configured_copy_is_refused_as_such(office: Path) -> None:
    """apmon.toml names its copy, and --institutions names the installed registry: that one is not edited, and the
    refusal names the copy apmon.toml names (it does not say the configuration names none)."""
    assert apmon(*RENAME_MKI).exit_code == 0
    before = (office / "institutions.yaml").read_bytes()

    result = apmon("institution", "end", "MOS", "--until", "2018-06", "--institutions", str(DEFAULT_INSTITUTIONS))

    assert result.exit_code == 1
    refused = text_of(
        "institution.shipped_not_edited",
        "sr-Latn",
        config="apmon.toml",
        file="institutions.yaml",
        option="--institutions",
    )
    assert refused in " ".join(result.output.split())
    assert (office / "institutions.yaml").read_bytes() == before


def test_the_line_added_to_the_configuration_leaves_a_tables_comment_above_it(office: Path) -> None:
    """apmon.toml with top-level settings, an inline table and a comment that introduces [sync]: the line goes
    among the top-level settings, and the comment stays right above its table (not above the new line)."""
    config = (
        '# our settings\ncontacts = { MUP = { to = ["mup@example.rs"] } }\n\n'
        '# where the reports are\n[sync]\nmaster_lang = "sr-Latn"  # Latin\n'
    )
    (office / "apmon.toml").write_text(config, encoding="utf-8")

    assert apmon(*RENAME_MKI).exit_code == 0

    written = (office / "apmon.toml").read_text(encoding="utf-8")
    assert "# where the reports are\n[sync]\n" in written
    assert written.replace('institutions = "institutions.yaml"\n\n', "") == config
    settings = tomllib.loads(written)
    assert settings["institutions"] == "institutions.yaml" and settings["contacts"] == {
        "MUP": {"to": ["mup@example.rs"]}
    }


# A ministry split in two, as docs/sync.md's "A ministry split in two" does it: three commands and the plan file.
MRZSP = {
    "sr-Latn": "Ministarstvo za rad, zapošljavanje i socijalna pitanja",
    "sr-Cyrl": "Министарство за рад, запошљавање и социјална питања",
    "en": "Ministry of Labour and Social Affairs",
}
MPSP = {
    "sr-Latn": "Ministarstvo za porodicu i socijalnu politiku",
    "sr-Cyrl": "Министарство за породицу и социјалну политику",
    "en": "Ministry of Family and Social Policy",
}


def _add_successor(code: str, name: dict[str, str], *more: str) -> list[str]:
    return [
        *("institution", "add", code, "--from", "2018-07", "--succeeds", "MRZBSP", "--kind", "ministry"),
        *("--name", name["sr-Latn"], "--name-en", name["en"], "--working-group-member", *more),
    ]


def _state_budget_rsd(plan: dict[str, Any], payers: set[str], year: int) -> Decimal:
    """The plan file's state-budget RSD lines of `year` paid by one of `payers` (the lead's when no payer)."""
    return sum(
        (
            Decimal(line["amount"])
            for objective in plan["objectives"]
            for activity in objective["activities"]
            for task in activity["tasks"]
            for line in task.get("budget", [])
            if line["source"] == "state-budget" and line.get("year") == year and line.get("currency") == "RSD"
            and (line.get("payer") or task["lead"][0]) in payers
        ),
        Decimal(0),
    )  # fmt: skip


@pytest.mark.parametrize("succeeds", [["MZ", "MRZBSP"], ["MZ,MRZBSP"]], ids=["option-twice", "codes-together"])
def test_a_merger_of_two_bodies_is_refused_not_recorded_as_one_succession(office: Path, succeeds: list[str]) -> None:
    """MZ and MRZBSP ended, MZSP added to succeed both (a merger). `--succeeds` given twice kept the last code only:
    MZSP was written as MRZBSP's successor alone, and MZ's tasks moved to MZSP would count as MRZBSP's before the
    merger. The registry cannot say a merger: the command is refused, naming both, and writes nothing."""
    for code in ("MZ", "MRZBSP"):
        assert apmon("institution", "end", code, "--until", "2018-06").exit_code == 0
    before = (office / "institutions.yaml").read_text(encoding="utf-8")
    merged = {"sr-Latn": "Ministarstvo zdravlja i socijalne politike", "en": "Ministry of Health and Social Policy"}
    given = [a for code in succeeds for a in ("--succeeds", code)]
    names = ("--name", merged["sr-Latn"], "--name-en", merged["en"])
    done = apmon("institution", "add", "MZSP", "--from", "2018-07", *given, "--kind", "ministry", *names,
                 "--working-group-member", "--lang", "en")  # fmt: skip
    assert done.exit_code == 1, done.output
    said = " ".join(done.output.split())
    assert "MZ, MRZBSP" in said and "apmon institution rename" in said, said
    assert (office / "institutions.yaml").read_text(encoding="utf-8") == before


def test_an_ended_body_whose_tasks_another_takes_over_is_told_what_counts_its_money_once(office: Path) -> None:
    """PA abolished, its tasks to go to MUP (a body that does not succeed it), as `institution end` told: "move them
    to the institution that takes them over". Done, the plan was refused (PA's section 11 money would count twice)
    with advice for a merger that does not fit: "let the merged ministry send a report". The `end` says the tasks go
    to a successor, and that a body that does not succeed it cannot take them over; the refusal says what to do,
    in each language."""
    from apmon.templates.plan_file import DataFileError, load_plan, load_registry

    ended = apmon("institution", "end", "PA", "--until", "2018-06", "--lang", "en")
    assert ended.exit_code == 0, ended.output
    said = " ".join(ended.output.split())
    assert "--succeeds PA" in said and "does not succeed it" in said, said
    plan = yaml.safe_load((DEFAULT_INSTITUTIONS.parent / "plan-2017-2018.yaml").read_text(encoding="utf-8"))
    for task in (t for o in plan["objectives"] for a in o["activities"] for t in a["tasks"]):
        for role in ("lead", "partners"):
            task[role] = list(dict.fromkeys("MUP" if c == "PA" else c for c in task.get(role, [])))
        for line in task.get("budget", []):
            line["payer"] = "MUP" if line.get("payer") == "PA" else line.get("payer")
    (office / "plan.yaml").write_text(yaml.safe_dump(plan, allow_unicode=True, sort_keys=False), encoding="utf-8")
    checked = apmon("plan", "check", "--plan", str(office / "plan.yaml"), "--lang", "en")
    assert checked.exit_code == 1 and "PA" in checked.output, checked.output
    with pytest.raises(DataFileError) as refused:
        load_plan(office / "plan.yaml", load_registry(office / "institutions.yaml"))
    [error] = refused.value.errors
    for lang in ("sr-Latn", "sr-Cyrl", "en"):
        assert "PA" in error.said(lang) and "MUP" not in error.said(lang) and "{" not in error.said(lang)
    assert "let the body that took them over send a report for it too" in " ".join(error.said("en").split())


def test_a_split_is_three_commands_and_the_plan_file(office: Path) -> None:
    """MRZBSP ends with June 2018; MRZSP takes objectives 1 to 4 from July, MPSP objective 5. The registry written
    is valid, each successor's entry is what docs/sync.md writes by hand, and the split works as it says: MRZBSP's
    April template, handed out before, stays valid; each body is asked for the months it owes; plan check sets
    MRZBSP's section 11 figure of 2018 against its successors' lines combined, as the plan file adds them."""
    april = office / "handed-out"
    assert apmon("template", "build", "--period", "2018-04", "-i", "MRZBSP", "--out", str(april)).exit_code == 0

    done = [
        apmon("institution", "end", "MRZBSP", "--until", "2018-06"),
        apmon(*_add_successor("MRZSP", MRZSP)),
        apmon(*_add_successor("MPSP", MPSP, "--lang", "en")),
    ]

    assert [r.exit_code for r in done] == [0, 0, 0], [r.output for r in done]
    said_next = text_of("institution.add_next_successor", "en", code="MPSP", predecessor="MRZBSP", month="July 2018")
    assert said_next in " ".join(done[2].output.split())
    written = _written(office)
    assert [e["code"] for e in written] == [e["code"] for e in _shipped()] + ["MRZSP", "MPSP"]
    assert _entry(written, "MRZBSP") == _entry(_shipped(), "MRZBSP") | {"reports_until": "2018-06"}
    for code, name in (("MRZSP", MRZSP), ("MPSP", MPSP)):
        assert _entry(written, code) == {
            "code": code,
            "kind": "ministry",
            "name": name,
            "working_group_member": True,
            "reports_from": "2018-07",
            "succeeds": "MRZBSP",
            "reports": True,
        }
    text = (office / "institutions.yaml").read_text(encoding="utf-8")
    assert "  reports_from: 2018-07\n  succeeds: MRZBSP\n  reports: true\n" in text  # in the place FIELD_ORDER gives

    # the plan file: MRZBSP's tasks and lines moved to the successor that takes each over
    shipped_plan = yaml.safe_load((DEFAULT_INSTITUTIONS.parent / "plan-2017-2018.yaml").read_text(encoding="utf-8"))
    plan = yaml.safe_load((DEFAULT_INSTITUTIONS.parent / "plan-2017-2018.yaml").read_text(encoding="utf-8"))
    for task in (t for o in plan["objectives"] for a in o["activities"] for t in a["tasks"]):
        new = "MPSP" if str(task["id"]).startswith("5.") else "MRZSP"
        for role in ("lead", "partners"):
            task[role] = list(dict.fromkeys(new if c == "MRZBSP" else c for c in task.get(role, [])))
        for line in task.get("budget", []):
            if line.get("payer") == "MRZBSP":
                line["payer"] = new
    (office / "plan.yaml").write_text(yaml.safe_dump(plan, allow_unicode=True, sort_keys=False), encoding="utf-8")
    config = office / "apmon.toml"
    config.write_text('plan = "plan.yaml"\n' + config.read_text(encoding="utf-8"), encoding="utf-8")

    checked = apmon("plan", "check", "--json")
    assert checked.exit_code == 0, checked.output
    rows = {(r["institution"], r["year"]): r for r in json.loads(checked.output)["summary"]["reconciliation"]}
    mrzbsp_2018 = _state_budget_rsd(shipped_plan, {"MRZBSP"}, 2018)
    assert mrzbsp_2018 > 0 and _state_budget_rsd(plan, {"MRZBSP"}, 2018) == 0
    assert Decimal(rows[("MRZBSP", 2018)]["task_total"]) == _state_budget_rsd(plan, {"MRZSP", "MPSP"}, 2018)
    assert _state_budget_rsd(plan, {"MRZSP", "MPSP"}, 2018) == mrzbsp_2018
    assert sorted(rows[("MRZBSP", 2018)]["lines_of"]) == ["MPSP", "MRZSP"]
    assert Decimal(rows[("MRZBSP", 2017)]["task_total"]) == _state_budget_rsd(shipped_plan, {"MRZBSP"}, 2017)
    assert not [key for key in rows if key[0] in ("MRZSP", "MPSP")]

    handed_out = april / "MRZBSP_2018-04_sr-Latn.xlsx"
    shipped = ["--plan", str(DEFAULT_INSTITUTIONS.parent / "plan-2017-2018.yaml")]
    assert "template-outdated" not in _codes(handed_out)
    assert _codes(handed_out) == _codes(handed_out, *shipped, "--institutions", str(DEFAULT_INSTITUTIONS))
    assert apmon("template", "build", "--period", "2018-06", "--all", "--out", "june").exit_code == 0
    assert apmon("template", "build", "--period", "2018-07", "--all", "--out", "july").exit_code == 0
    june = {p.name.split("_")[0] for p in (office / "june").glob("*.xlsx")}
    july = {p.name.split("_")[0] for p in (office / "july").glob("*.xlsx")}
    assert "MRZBSP" in june and not {"MRZSP", "MPSP"} & june
    assert {"MRZSP", "MPSP"} <= july and "MRZBSP" not in july


@pytest.mark.parametrize("lang", ["sr-Latn", "sr-Cyrl", "en"])
def test_a_successor_of_a_body_not_ended_before_its_first_month_is_refused_saying_what_to_run(
    office: Path, lang: Lang
) -> None:
    """As `apmon plan check` refuses it: the old ministry must report until a month before its successor's first.
    The refusal says the command that ends it, and nothing is written."""
    before = sorted(p.name for p in office.iterdir())

    not_ended = apmon(*_add_successor("MRZSP", MRZSP), "--lang", lang)

    assert not_ended.exit_code == 1
    fields = {"code": "MRZSP", "predecessor": "MRZBSP", "first": "2018-07", "until": "2018-06"}
    assert text_of("institution.predecessor_not_ended", lang, **fields) in " ".join(not_ended.output.split())
    assert "apmon institution end MRZBSP --until 2018-06" in not_ended.output
    assert sorted(p.name for p in office.iterdir()) == before

    assert apmon("institution", "end", "MRZBSP", "--until", "2018-07").exit_code == 0
    written = (office / "institutions.yaml").read_bytes()
    ends_later = apmon(*_add_successor("MRZSP", MRZSP), "--lang", lang)

    assert ends_later.exit_code == 1
    refused = text_of("institution.predecessor_ends_later", lang, **fields, last="2018-07")
    assert refused in " ".join(ends_later.output.split())
    assert (office / "institutions.yaml").read_bytes() == written

    unknown = apmon(*[a if a != "MRZBSP" else "MRZX" for a in _add_successor("MRZSP", MRZSP)], "--lang", lang)
    assert unknown.exit_code == 2  # a code typed that no institution has: a usage error
    codes = ", ".join(e["code"] for e in _shipped())
    assert text_of("institution.unknown_code", lang, code="MRZX", codes=codes) in " ".join(unknown.output.split())
    assert (office / "institutions.yaml").read_bytes() == written


def test_on_a_terminal_the_old_ministry_is_asked_for_when_the_body_succeeds_one(tmp_path: Path) -> None:
    """Asked whether it succeeds another body, answered yes: the code is asked for (a code the registry has not is
    said and asked again), and written as `succeeds`."""
    data = yaml.safe_load(DEFAULT_INSTITUTIONS.read_text(encoding="utf-8"))
    _entry(data["institutions"], "MRZBSP")["reports_until"] = "2018-06"
    (tmp_path / "institutions.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    (tmp_path / "apmon.toml").write_text('institutions = "institutions.yaml"\n', encoding="utf-8")
    answers = [
        (text_of("institution.ask.from", "en"), "2018-07"),
        (text_of("institution.ask.succeeds_any", "en"), "yes"),
        (text_of("institution.ask.succeeds", "en"), "MRZ"),
        (text_of("institution.ask.succeeds", "en"), "MRZBSP"),
        (text_of("institution.ask.kind", "en").split("{")[0], "ministry"),
        (text_of("institution.ask.name_latn", "en"), MPSP["sr-Latn"]),
        (text_of("institution.ask.name_cyrl", "en"), ""),
        (text_of("institution.ask.name_en", "en"), MPSP["en"]),
        (text_of("institution.ask.short_latn", "en"), ""),
        (text_of("institution.ask.genitive_latn", "en").split(",")[0], ""),
        (text_of("institution.ask.working_group", "en"), "yes"),
    ]
    seen = _answer_on_a_terminal(["institution", "add", "MPSP", "--lang", "en"], answers, tmp_path)

    assert "MRZ" in seen and "MRZBSP" in seen
    mpsp = _entry(_written(tmp_path), "MPSP")
    assert (mpsp["succeeds"], mpsp["reports_from"], mpsp["name"]) == ("MRZBSP", "2018-07", MPSP)


@pytest.mark.parametrize(("first", "until"), [("2018-07", "2018-06"), ("2018-01", "2017-12"), ("2017-12", "2017-11")])
def test_the_end_said_to_run_is_the_month_before_the_successors_first(first: str, until: str) -> None:
    entries = [{"code": "MRZBSP"}]
    with pytest.raises(EditRefused) as refused:
        succession_checked(entries, "MPSP", "MRZBSP", first)
    assert (refused.value.key, refused.value.fields["until"]) == ("institution.predecessor_not_ended", until)
    assert f"apmon institution end MRZBSP --until {until}`" in refused.value.said("en")


def _split_mrzbsp(*more: list[str]) -> None:
    """MRZBSP ends with June 2018 and MPSP succeeds it from July, as docs/sync.md's split does; then `more`."""
    for args in (["institution", "end", "MRZBSP", "--until", "2018-06"], _add_successor("MPSP", MPSP), *more):
        done = apmon(*args)
        assert done.exit_code == 0, done.output


def _row(output: str, code: str) -> list[str]:
    """The cells of `code`'s row in a table `apmon ... list` printed (no terminal: printed whole, unwrapped)."""
    line = next(line for line in output.splitlines() if line.startswith(f"│ {code} "))
    return [cell.strip() for cell in line.strip("│").split("│")]


def test_the_list_shows_the_body_a_successor_succeeds_and_the_months_of_each(office: Path) -> None:
    """A Coordinator after a split reads in the table itself (not only in --json) who succeeds whom and from when:
    each row as the registry written says it."""
    _split_mrzbsp()

    listed = apmon("institution", "list", "--lang", "en")

    assert listed.exit_code == 0, listed.output
    header = next(line for line in listed.output.splitlines() if "Code" in line)
    assert [c.strip() for c in header.strip("┃").split("┃")] == [
        "Code", "Kind", "Name", "Reports from", "Reports until", "Succeeds", "Former names",
    ]  # fmt: skip
    written = {e["code"]: e for e in _written(office)}
    for code in ("MRZBSP", "MPSP", "MUP"):
        entry = written[code]
        expected = [code, entry["kind"], entry["name"]["en"]]
        expected += [entry.get("reports_from", ""), entry.get("reports_until", ""), entry.get("succeeds", ""), ""]
        assert _row(listed.output, code) == expected
    assert _row(listed.output, "MPSP")[3:6] == ["2018-07", "", "MRZBSP"]
    assert _row(listed.output, "MRZBSP")[3:6] == ["", "2018-06", ""]


@pytest.mark.parametrize("lang", ["sr-Latn", "sr-Cyrl", "en"])
@pytest.mark.parametrize("dry_run", [[], ["--dry-run"]])
def test_an_end_at_or_after_a_successors_first_month_is_refused_saying_the_month_to_give(
    office: Path, lang: Lang, dry_run: list[str]
) -> None:
    """MPSP succeeds MRZBSP from July 2018: ending MRZBSP with July or later would have the two report for the same
    month. Refused up front (not only by the registry's check), in the reader's language, with the month to give
    (June) and, as no command moves a successor's first month, where to change it by hand."""
    _split_mrzbsp([*_add_successor("MRZSP", MRZSP)[:4], "2018-09", *_add_successor("MRZSP", MRZSP)[5:]])
    before, backups = (office / "institutions.yaml").read_bytes(), sorted(office.glob("*.bak"))
    mpsp_line = before.decode().splitlines().index("- code: MPSP") + 1

    result = apmon("institution", "end", "MRZBSP", "--until", "2018-09", "--lang", lang, *dry_run)

    assert result.exit_code == 1
    fields = {"code": "MRZBSP", "until": "2018-09", "successor": "MPSP", "first": "2018-07", "before": "2018-06"}
    refused = text_of("institution.successor_starts_earlier", lang, **fields, where=f"institutions.yaml:{mpsp_line}")
    assert refused in " ".join(result.output.split())
    assert "apmon institution end MRZBSP --until 2018-06" in result.output
    assert (office / "institutions.yaml").read_bytes() == before and sorted(office.glob("*.bak")) == backups


def test_the_month_said_for_an_end_is_one_the_command_then_takes(office: Path) -> None:
    _split_mrzbsp()
    refused = apmon("institution", "end", "MRZBSP", "--until", "2018-07", "--lang", "en")
    said_command = refused.output.split("Run `")[1].split("`")[0]
    assert said_command == "apmon institution end MRZBSP --until 2018-06"

    again = apmon(*said_command.split()[1:])

    assert again.exit_code == 0, again.output
    assert _entry(_written(office), "MRZBSP")["reports_until"] == "2018-06"


def test_an_institution_added_by_mistake_is_removed_after_a_dry_run_with_a_backup(office: Path) -> None:
    assert apmon(*KITE).exit_code == 0
    with_kite = (office / "institutions.yaml").read_bytes()

    shown = apmon("institution", "remove", "KITE", "--dry-run")

    assert shown.exit_code == 0, shown.output
    assert "-- code: KITE" in shown.output and f"-    en: {KITE[-2]}" in shown.output
    assert (office / "institutions.yaml").read_bytes() == with_kite

    result = apmon("institution", "remove", "KITE", "--lang", "en")

    assert result.exit_code == 0, result.output
    assert text_of("institution.removed", "en", code="KITE", name=KITE[-2]) in result.output
    # written anew from its data, the registry is again the shipped one, to the byte
    assert (office / "institutions.yaml").read_text(encoding="utf-8") == DEFAULT_INSTITUTIONS.read_text(
        encoding="utf-8"
    )
    backups = list(office.glob("institutions.yaml.*.bak"))
    assert [b.read_bytes() for b in backups] == [with_kite]
    assert apmon("plan", "check").exit_code == 0
    assert "KITE" not in {i["code"] for i in json.loads(apmon("institution", "list", "--json").output)}


def _plan_naming_kite(office: Path) -> int:
    """A plan file beside apmon.toml (configured) that names KITE a partner of task 2.1.2; the line it does so on."""
    text = (DEFAULT_INSTITUTIONS.parent / "plan-2017-2018.yaml").read_text(encoding="utf-8")
    mup_line = "            lead: [MUP, MPRAVDE, MZ, MRZBSP]\n            partners: [NK]\n"
    assert text.count(mup_line) == 1
    text = text.replace(mup_line, mup_line.replace("[NK]", "[NK, KITE]"))
    (office / "plan.yaml").write_text(text, encoding="utf-8")
    config = office / "apmon.toml"
    config.write_text('plan = "plan.yaml"\n' + config.read_text(encoding="utf-8"), encoding="utf-8")
    return text.splitlines().index("            partners: [NK, KITE]") + 1


@pytest.mark.parametrize("lang", ["sr-Latn", "sr-Cyrl", "en"])
def test_a_removal_is_refused_saying_where_the_plan_file_or_a_successor_names_it(office: Path, lang: Lang) -> None:
    assert apmon(*KITE[:4], "2017-07", *KITE[5:]).exit_code == 0
    line = _plan_naming_kite(office)
    before = (office / "institutions.yaml").read_bytes()

    named = apmon("institution", "remove", "KITE", "--lang", lang)

    assert named.exit_code == 1
    places = f"\n  plan.yaml:{line} (objectives[1].activities[0].tasks[1].partners[1])"
    assert text_of("institution.remove_named_in_plan", lang, code="KITE", places=places) in named.output
    assert (office / "institutions.yaml").read_bytes() == before

    (office / "apmon.toml").write_text('institutions = "institutions.yaml"\n', encoding="utf-8")  # the shipped plan
    succession = [
        ["institution", "end", "KITE", "--until", "2018-06"],
        ["institution", "add", "KITE2", "--from", "2018-07", "--succeeds", "KITE", *KITE[5:]],
    ]
    assert [apmon(*args).exit_code for args in succession] == [0, 0]
    written = (office / "institutions.yaml").read_bytes()
    kite2_line = written.decode().splitlines().index("- code: KITE2") + 1

    succeeded = apmon("institution", "remove", "KITE", "--lang", lang)

    assert succeeded.exit_code == 1
    successors = f"KITE2 (institutions.yaml:{kite2_line})"
    said_refusal = text_of("institution.remove_succeeded", lang, code="KITE", successors=successors)
    assert said_refusal in " ".join(succeeded.output.split())
    assert (office / "institutions.yaml").read_bytes() == written
    assert apmon("institution", "remove", "KITE2").exit_code == 0  # the successor goes first, then the body
    assert apmon("institution", "remove", "KITE").exit_code == 0
    assert [e["code"] for e in _written(office)] == [e["code"] for e in _shipped()]


@pytest.mark.parametrize("lang", ["sr-Latn", "sr-Cyrl", "en"])
def test_a_body_whose_reports_the_ledger_holds_is_ended_not_removed(office: Path, lang: Lang) -> None:
    """KITE's July template, sent with only its preparer typed (a report with errors), is in the ledger after a
    sync: its history is kept under its code, so the removal is refused and says the `end` to run, with the last
    month it reported for."""
    (office / "apmon.toml").write_text(
        '[sync]\nfolder = "reports"\nfirst_period = "2018-07"\nlast_period = "2018-08"\nas_of = 2018-09-20\n',
        encoding="utf-8",
    )
    assert apmon(*KITE).exit_code == 0
    for month in ("2018-07", "2018-08"):
        assert apmon("template", "build", "--period", month, "-i", "KITE", "--out", "reports").exit_code == 0
    typed_in(office, "KITE")
    assert apmon("sync", "run").exit_code == 0
    before = (office / "institutions.yaml").read_bytes()

    result = apmon("institution", "remove", "KITE", "--lang", lang)

    assert result.exit_code == 1
    fields = {"ledger": "sqlite:///apmon-data/ledger.sqlite", "count": 2, "periods": "2018-07 – 2018-08"}
    refused = text_of("institution.remove_has_reports", lang, code="KITE", **fields, month="2018-08")
    assert refused in " ".join(result.output.split())
    assert (office / "institutions.yaml").read_bytes() == before
    assert apmon("institution", "end", "KITE", "--until", "2018-08").exit_code == 0  # the command said works


@pytest.mark.parametrize("lang", ["sr-Latn", "sr-Cyrl", "en"])
def test_a_body_the_ledger_records_mails_to_is_ended_not_removed(office: Path, lang: Lang) -> None:
    """KITE was reminded of its July and August reports and sent none: the mails' record (`apmon ledger mails`) is
    kept under its code, and removed it would pass to the next body given the code. Refused as for reports, saying
    the `end` to run, with the last month it was written to for."""
    from apmon.sync.ledger import Ledger, sqlite_url

    assert apmon(*KITE).exit_code == 0
    ledger = Ledger.open(sqlite_url(office / "apmon-data" / "ledger.sqlite"))
    try:
        for period, outcome in (("2018-07", "sent"), ("2018-08", "sent"), ("2018-08", "failed")):
            sent = dt.datetime(int(period[:4]), int(period[5:]) + 1, 8, 9, tzinfo=dt.UTC)
            ledger.record_mail(
                institution="KITE", period=period, kind="reminder", version_id=None, to=["it@ite.gov.rs"], cc=[],
                subject=f"Podsetnik {period}", at=sent, outcome=outcome,
            )  # fmt: skip
    finally:
        ledger.close()
    before, backups = (office / "institutions.yaml").read_bytes(), sorted(office.glob("*.bak"))

    for dry_run in ([], ["--dry-run"]):
        refused = apmon("institution", "remove", "KITE", "--lang", lang, *dry_run)

        assert refused.exit_code == 1, refused.output
        fields = {"ledger": "sqlite:///apmon-data/ledger.sqlite", "count": 3, "periods": "2018-07 – 2018-08"}
        said_refusal = text_of("institution.remove_has_mails", lang, code="KITE", **fields, month="2018-08")
        assert said_refusal in " ".join(refused.output.split())
        assert (office / "institutions.yaml").read_bytes() == before and sorted(office.glob("*.bak")) == backups
    listed = json.loads(apmon("ledger", "mails", "-i", "KITE", "--json").output)
    assert [m["institution"] for m in listed] == ["KITE"] * 3  # still its own
    assert apmon("institution", "end", "KITE", "--until", "2018-08").exit_code == 0  # the command said works


def test_a_removal_leaves_a_ledger_not_made_yet_unmade_and_refuses_a_body_with_a_contact(office: Path) -> None:
    assert apmon(*KITE).exit_code == 0
    config = office / "apmon.toml"
    config.write_text(config.read_text(encoding="utf-8") + '\n[contacts.KITE]\nto = ["it@ite.gov.rs"]\n', "utf-8")
    before = (office / "institutions.yaml").read_bytes()

    refused = apmon("institution", "remove", "KITE", "--lang", "en")

    assert refused.exit_code == 1
    line = config.read_text(encoding="utf-8").splitlines().index("[contacts.KITE]") + 1
    said_refusal = text_of("institution.remove_has_contact", "en", code="KITE", config=f"apmon.toml:{line}")
    assert said_refusal in " ".join(refused.output.split())
    assert (office / "institutions.yaml").read_bytes() == before

    config.write_text(config.read_text(encoding="utf-8").split("\n[contacts.KITE]")[0], encoding="utf-8")
    assert apmon("institution", "remove", "KITE").exit_code == 0
    assert not (office / "apmon-data").exists()  # asked about, the ledger was not made by the asking

    unknown = apmon("institution", "remove", "KITE", "--lang", "en")
    codes = ", ".join(e["code"] for e in _shipped())
    assert unknown.exit_code == 2
    assert text_of("institution.unknown_code", "en", code="KITE", codes=codes) in " ".join(unknown.output.split())


def test_on_a_terminal_a_removal_is_confirmed_first(tmp_path: Path) -> None:
    data = yaml.safe_load(DEFAULT_INSTITUTIONS.read_text(encoding="utf-8"))
    data["institutions"].append({"code": "KITE", "kind": "authority", "name": NEW, "reports_from": "2018-07"})
    (tmp_path / "institutions.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    (tmp_path / "apmon.toml").write_text('institutions = "institutions.yaml"\n', encoding="utf-8")
    before = (tmp_path / "institutions.yaml").read_bytes()
    asked = text_of("institution.ask.remove", "en", code="KITE", name=NEW["en"])

    seen = _answer_on_a_terminal(["institution", "remove", "KITE", "--lang", "en"], [(asked, "no")], tmp_path, 1)

    assert text_of("institution.not_removed", "en", code="KITE") in seen
    assert (tmp_path / "institutions.yaml").read_bytes() == before
    _answer_on_a_terminal(["institution", "remove", "KITE", "--lang", "en"], [(asked, "yes")], tmp_path)
    assert "KITE" not in {e["code"] for e in _written(tmp_path)}


def test_a_comment_directly_above_an_entry_stays_with_it_through_rename_end_and_remove(office: Path) -> None:
    """The IT person's notes survive every command: above an entry, at a line's end, inside an entry, apart from any
    entry by a blank line (those were lost, named by line). Only a comment at the end of a line the edit changed is
    lost, and named by line (the backup keeps it)."""
    shipped = DEFAULT_INSTITUTIONS.read_text(encoding="utf-8")
    above_mki = "# Renamed by the Government's act 05-123/2018.\n# Ask the Secretariat for the new genitive.\n"
    text = shipped.replace("- code: MKI\n", above_mki + "- code: MKI\n")
    text = text.replace("- code: MOS\n", "  # at the fields of the entry before\n# above MOS\n- code: MOS\n")
    text = text.replace("- code: MUP\n", "- code: MUP  # the police\n")
    text = text.replace("- code: MZ\n", "# apart from MZ by a blank line\n\n- code: MZ\n")
    mki_name = "    en: Ministry of Culture and Information\n"
    text = text.replace(mki_name, mki_name.rstrip("\n") + "  # the Strategy's words\n", 1)
    mki_member = "  working_group_member: true\n  reports: true\n\n  # at the fields"
    assert mki_member in text
    text = text.replace(mki_member, "  # a member since 2014\n" + mki_member, 1)
    (office / "mine.yaml").write_text(text, encoding="utf-8")
    lines = text.splitlines()
    lost = [lines.index("    en: Ministry of Culture and Information  # the Strategy's words") + 1]  # its line renamed
    options = ["--institutions", "mine.yaml", "--lang", "en"]

    renamed = apmon(*RENAME_MKI, *options)

    assert renamed.exit_code == 0, renamed.output
    lost_said = text_of("institution.comments_lost", "en", file="mine.yaml", lines=", ".join(map(str, lost)))
    assert lost_said in " ".join(renamed.output.split())
    written = (office / "mine.yaml").read_text(encoding="utf-8")
    assert above_mki + "- code: MKI\n  kind: ministry\n  name:\n    sr-Latn: Ministarstvo kulture i medija\n" in written
    assert "\n# above MOS\n- code: MOS\n" in written
    assert "\n- code: MUP  # the police\n" in written
    assert "\n# apart from MZ by a blank line\n\n- code: MZ\n" in written
    assert "  # a member since 2014\n  working_group_member: true\n  former_names:\n" in written  # inside MKI
    assert "  reports: true\n\n  # at the fields of the entry before\n# above MOS\n" in written
    assert "the Strategy's words" not in written
    assert _entry(yaml.safe_load(written)["institutions"], "MKI")["name"] == NEW

    assert apmon("institution", "end", "MOS", "--until", "2018-06", *options).exit_code == 0
    assert apmon(*KITE, *options).exit_code == 0
    with_kite = (office / "mine.yaml").read_text(encoding="utf-8")
    commented = with_kite.replace("- code: KITE\n", "# added by mistake\n- code: KITE\n")
    (office / "mine.yaml").write_text(commented, encoding="utf-8")
    removal = apmon("institution", "remove", "KITE", *options)

    assert removal.exit_code == 0, removal.output
    assert "comments" not in removal.output  # every comment left is one the file keeps: none is said lost
    final = (office / "mine.yaml").read_text(encoding="utf-8")
    assert above_mki + "- code: MKI\n" in final and "\n# above MOS\n- code: MOS\n" in final
    assert "- code: MUP  # the police\n" in final and "# a member since 2014\n" in final
    assert "added by mistake" not in final  # it went with its entry
    assert _entry(yaml.safe_load(final)["institutions"], "MOS")["reports_until"] == "2018-06"
    assert _entry(yaml.safe_load(final)["institutions"], "MKI")["name"] == NEW


def test_a_comment_of_a_removed_entry_does_not_move_to_the_entry_before(office: Path) -> None:
    """A body added by hand near the top, its last line commented, then removed: its last lines are the same text as
    the entry's before it, and the comment went to that other body's line, said nowhere (lines were matched across
    the whole file). It goes with its entry and is named as lost."""
    shipped = DEFAULT_INSTITUTIONS.read_text(encoding="utf-8")
    kite = (
        "- code: KITE\n  kind: authority\n  name:\n    sr-Latn: Kancelarija za IT\n    sr-Cyrl: Канцеларија за ИТ\n"
        "    en: Office for IT\n  working_group_member: false\n  reports: false  # until its first task\n\n"
    )
    text = shipped.replace("- code: NK\n", kite + "- code: NK\n", 1)
    (office / "mine.yaml").write_text(text, encoding="utf-8")
    line = text.splitlines().index("  reports: false  # until its first task") + 1

    removal = apmon("institution", "remove", "KITE", "--institutions", "mine.yaml", "--lang", "en")

    assert removal.exit_code == 0, removal.output
    written = (office / "mine.yaml").read_text(encoding="utf-8")
    assert "until its first task" not in written
    assert written == shipped
    assert text_of("institution.comments_lost", "en", file="mine.yaml", lines=str(line)) in removal.output


def test_a_hash_inside_a_quoted_value_of_many_lines_is_not_put_back_as_a_comment() -> None:
    """A '#' on a continuation line of a quoted value looks like a comment at that line's end: put back at the end of
    a line that is the same text in the new value, it ended the value there and the YAML no longer parsed. What is
    written is checked to be the data of the edit; else it is written without those comments, each named."""
    note = {"code": "KITE", "kind": "authority", "note": "prvi red\ndrugi # treci", "reports": True}
    registry = read_text(render(read_text("institutions:\n"), [note]))
    new = render(registry, [note | {"note": "prvi red\ndrugi\ntreci"}])

    written, lost = with_comments(registry, new)

    assert yaml.safe_load(written) == yaml.safe_load(new)
    assert (written, lost) == (new, registry.comment_lines)
    assert registry.comment_lines == []  # nor taken for a comment at all now: the value's text


def test_a_hash_inside_a_value_typed_over_lines_is_not_said_a_lost_comment(office: Path) -> None:
    """A name typed by hand as a block scalar (folded `>-`, literal `|-`) with "# 3" in its text: those lines were
    taken for comments, and every command that wrote the registry said them lost (their text is the value's, and
    stays in the data). Only the real comments are: one below, kept, and one at the end of the block's first line,
    said lost (the name is written anew on a line of its own), and only it."""
    shipped = DEFAULT_INSTITUTIONS.read_text(encoding="utf-8")
    typed = (
        "    sr-Latn: >-  # as the Government's act writes it\n"
        "      Ministarstvo omladine\n"
        "      i sporta (sektor # 3)\n"
        "    sr-Cyrl: Министарство омладине и спорта\n"
        "    en: |-\n"
        "      # 4 Ministry of Youth and Sports\n"
    )
    names = "    sr-Latn: Ministarstvo omladine i sporta\n    sr-Cyrl: Министарство омладине и спорта\n"
    names += "    en: Ministry of Youth and Sports\n"
    assert shipped.count(names) == 1
    text = shipped.replace(names, typed).replace("- code: MSP\n", "- code: MSP  # since 2016\n", 1)
    (office / "mine.yaml").write_text(text, encoding="utf-8")
    name = _entry(yaml.safe_load(text)["institutions"], "MOS")["name"]
    assert name["sr-Latn"] == "Ministarstvo omladine i sporta (sektor # 3)" and name["en"].startswith("# 4 Ministry")

    end_mos = ["institution", "end", "MOS", "--until", "2018-06", "--institutions", "mine.yaml", "--lang", "en"]
    shown = apmon(*end_mos, "--dry-run")
    result = apmon(*end_mos)

    assert shown.exit_code == 0 and result.exit_code == 0, shown.output + result.output
    line = str(text.splitlines().index("    sr-Latn: >-  # as the Government's act writes it") + 1)
    said = [" ".join(out.split()) for out in (shown.output, result.output)]
    assert text_of("institution.comments_would_be_lost", "en", file="mine.yaml", lines=line) in said[0]
    assert text_of("institution.comments_lost", "en", file="mine.yaml", lines=line) in said[1]
    written = (office / "mine.yaml").read_text(encoding="utf-8")
    mos = _entry(yaml.safe_load(written)["institutions"], "MOS")
    assert (mos["name"], mos["reports_until"]) == (name, "2018-06")
    assert "- code: MSP  # since 2016\n" in written
    assert not [line for line in written.splitlines() if line.strip().startswith("# 4")]  # not put back as a comment


@pytest.mark.parametrize("end", ["\n\n", "\n\n# kept for the audit\n\n\n"])
def test_a_registry_ending_in_blank_lines_is_edited_with_its_comments(office: Path, end: str) -> None:
    """A registry saved with an empty line at its end (as many editors leave it), with or without a comment among
    them: every edit failed with a traceback (IndexError), the lines with a value's '#' written over counted one
    line short of the file's own. The edit is written, the comments kept."""
    shipped = DEFAULT_INSTITUTIONS.read_text(encoding="utf-8")
    text = shipped.replace("- code: MSP\n", "- code: MSP  # since 2016\n", 1).rstrip("\n") + end
    (office / "mine.yaml").write_text(text, encoding="utf-8")

    result = apmon("institution", "end", "MOS", "--until", "2018-06", "--institutions", "mine.yaml", "--lang", "en")

    assert result.exit_code == 0 and result.exception is None, result.output
    written = (office / "mine.yaml").read_text(encoding="utf-8")
    assert _entry(yaml.safe_load(written)["institutions"], "MOS")["reports_until"] == "2018-06"
    assert "- code: MSP  # since 2016\n" in written
    assert ("# kept for the audit\n" in written) == ("# kept" in end) and "lost" not in result.output


def test_an_entry_written_elsewhere_in_the_list_keeps_its_comments_and_the_others_theirs() -> None:
    """Lines were matched over the whole list at once: of an entry now at another place and the entries it passed,
    only one side's comments could be kept, the others' said lost. Each entry's lines are matched on their own."""
    shipped = DEFAULT_INSTITUTIONS.read_text(encoding="utf-8")
    text = shipped.replace("- code: MUP\n  kind: ministry\n", "- code: MUP\n  kind: ministry  # the police\n", 1)
    text = text.replace("- code: MZ\n  kind: ministry\n", "- code: MZ\n  kind: ministry  # health\n", 1)
    registry = read_text(text)
    mup = next(e for e in registry.entries if e["code"] == "MUP")
    moved = [e for e in registry.entries if e["code"] != "MUP"] + [mup]

    written, lost = with_comments(registry, render(registry, moved))

    assert lost == []
    assert "\n- code: MUP\n  kind: ministry  # the police\n" in written
    assert "\n- code: MZ\n  kind: ministry  # health\n" in written
    assert written.index("- code: MZ\n") < written.index("- code: MUP\n")


def test_a_body_that_reported_after_the_plans_end_is_said_to_end_with_the_plans_last_month(office: Path) -> None:
    """Until the next plan is adopted, reports come for months after the plan's (docs/sync.md): the `end` said is
    one the command takes, the plan's last month (2018-12), not the report's (2019-01, outside the plan)."""
    (office / "apmon.toml").write_text(
        '[sync]\nfolder = "reports"\nfirst_period = "2019-01"\nlast_period = "2019-01"\nas_of = 2019-02-20\n',
        encoding="utf-8",
    )
    assert apmon(*KITE).exit_code == 0
    assert apmon("template", "build", "--period", "2019-01", "-i", "KITE", "--out", "reports").exit_code == 0
    typed_in(office, "KITE")
    assert apmon("sync", "run").exit_code == 0

    result = apmon("institution", "remove", "KITE", "--lang", "en")

    assert result.exit_code == 1
    said_command = " ".join(result.output.split()).split("run `")[1].split("`")[0]
    assert said_command == "apmon institution end KITE --until 2018-12"
    assert apmon(*said_command.split()[1:]).exit_code == 0


@pytest.mark.parametrize("lang", ["sr-Latn", "sr-Cyrl", "en"])
def test_a_body_holding_a_live_add_in_token_is_not_removed_until_the_token_is_revoked(office: Path, lang: Lang) -> None:
    """A token issued to KITE still opens `apmon serve` after KITE left the registry, and `apmon token revoke -i KITE`
    then refuses the unknown code: the removal is refused while a token of it is valid, saying which and the revoke
    to run; a revoked token is history (`apmon token list`) and no longer stands in the way."""
    assert apmon(*KITE).exit_code == 0
    issued = apmon("token", "issue", "-i", "KITE", "--label", "IT office")
    assert issued.exit_code == 0, issued.output
    before, backups = (office / "institutions.yaml").read_bytes(), sorted(office.glob("*.bak"))

    for dry_run in ([], ["--dry-run"]):
        refused = apmon("institution", "remove", "KITE", "--lang", lang, *dry_run)

        assert refused.exit_code == 1, refused.output
        fields = {"code": "KITE", "ledger": "sqlite:///apmon-data/ledger.sqlite", "ids": "1"}
        assert text_of("institution.remove_has_token", lang, **fields) in " ".join(refused.output.split())
        assert (office / "institutions.yaml").read_bytes() == before and sorted(office.glob("*.bak")) == backups

    said_command = " ".join(refused.output.split()).split("`apmon token revoke")[1].split("`")[0]
    assert apmon("token", *f"revoke{said_command}".split()).exit_code == 0  # the command said works
    assert apmon("institution", "remove", "KITE").exit_code == 0
    assert "KITE" not in {e["code"] for e in _written(office)}


@pytest.mark.parametrize("lang", ["sr-Latn", "sr-Cyrl", "en"])
def test_a_body_whose_templates_apmon_toml_shares_with_google_accounts_is_not_removed(office: Path, lang: Lang) -> None:
    """`[google] accounts` names whom an institution's templates are shared with: left behind a removal, it would
    share the templates of the next body given the same code with the first one's accounts. Refused, as a contact is,
    saying the line of apmon.toml that names it."""
    assert apmon(*KITE).exit_code == 0
    config = office / "apmon.toml"
    with_accounts = config.read_text(encoding="utf-8") + '\n[google.accounts]\nKITE = ["it.office@gmail.com"]\n'
    config.write_text(with_accounts, encoding="utf-8")
    before = (office / "institutions.yaml").read_bytes()

    refused = apmon("institution", "remove", "KITE", "--lang", lang)

    assert refused.exit_code == 1, refused.output
    line = with_accounts.splitlines().index('KITE = ["it.office@gmail.com"]') + 1
    said_refusal = text_of("institution.remove_has_accounts", lang, code="KITE", config=f"apmon.toml:{line}")
    assert said_refusal in " ".join(refused.output.split())
    assert (office / "institutions.yaml").read_bytes() == before
    config.write_text(with_accounts.split("\n[google.accounts]")[0], encoding="utf-8")
    assert apmon("institution", "remove", "KITE").exit_code == 0


def test_a_removal_or_its_dry_run_makes_no_ledger_on_either_backend(office: Path, url: str) -> None:  # noqa: F811
    """Asking whether the ledger holds KITE's reports or tokens opens no ledger that is not there: on a PostgreSQL
    server too, where opening one makes apmon's tables in the configured database."""
    (office / "apmon.toml").write_text(f'[sync]\nledger = "{url}"\n', encoding="utf-8")
    assert apmon(*KITE).exit_code == 0

    for dry_run in (["--dry-run"], []):
        removal = apmon("institution", "remove", "KITE", *dry_run)

        assert removal.exit_code == 0, removal.output
        assert _tables(url) == []
    assert "KITE" not in {e["code"] for e in _written(office)}


def _tables(database_url: str) -> list[str]:
    """The tables of the database at `database_url`; a SQLite file that is not there has none (not made to ask)."""
    database = sqlalchemy.make_url(database_url).database
    if database_url.startswith("sqlite") and database is not None and not Path(database).exists():
        return []
    engine = sqlalchemy.create_engine(database_url)
    try:
        with engine.connect() as conn:
            return sqlalchemy.inspect(conn).get_table_names()
    finally:
        engine.dispose()


def test_a_token_of_a_body_no_longer_in_the_registry_is_still_revoked_by_its_code(office: Path) -> None:
    """A body taken out of the registry by hand, or by an apmon before `remove` refused a live token: its token still
    opens `apmon serve`, and revoking it by the code must not be refused for the code the registry no longer knows.
    A code neither the registry nor a live token knows is still said unknown (a typo), with the known codes."""
    assert apmon(*KITE).exit_code == 0
    assert apmon("token", "issue", "-i", "KITE").exit_code == 0
    assert apmon("token", "issue", "-i", "MUP").exit_code == 0
    registry = office / "institutions.yaml"
    registry.write_text(registry.read_text(encoding="utf-8").split("\n- code: KITE")[0] + "\n", encoding="utf-8")

    revoked = apmon("token", "revoke", "-i", "KITE", "--lang", "en")

    assert revoked.exit_code == 0, revoked.output
    listed = {t["institution"]: t["revoked_at"] for t in json.loads(apmon("token", "list", "--json").output)}
    assert listed["KITE"] is not None and listed["MUP"] is None
    typo = apmon("token", "revoke", "-i", "KITEE", "--lang", "en")
    assert typo.exit_code == 2
    codes = ", ".join(e["code"] for e in _shipped())
    said_unknown = text_of("token.unknown_institution", "en", code="KITEE", codes=codes)
    assert said_unknown in " ".join(typo.output.split())


def test_a_removal_is_refused_while_a_sync_run_holds_the_ledger(office: Path) -> None:
    """A sync run under way read the registry before the removal and records KITE's report after the removal asked
    the ledger: the report would be kept under a code the registry no longer has. The removal holds the sync lock
    while it asks and writes, so it is refused while a run holds it, and nothing is written."""
    from apmon.sync.ledger import Ledger

    assert apmon(*KITE).exit_code == 0
    held = Ledger.open(f"sqlite:///{office / 'apmon-data' / 'ledger.sqlite'}")  # a run's ledger, made by the run
    before, backups = (office / "institutions.yaml").read_bytes(), sorted(office.glob("*.bak"))
    try:
        with held.lock():
            assert apmon("institution", "remove", "KITE", "--dry-run").exit_code == 0  # a dry run writes nothing
            result = apmon("institution", "remove", "KITE", "--lang", "en")
    finally:
        held.close()

    assert result.exit_code == 1, result.output
    busy = text_of("ledger_error.busy", "en", who="pid").split(" (")[0]
    assert busy in " ".join(result.output.split())
    assert (office / "institutions.yaml").read_bytes() == before and sorted(office.glob("*.bak")) == backups
    assert apmon("institution", "remove", "KITE").exit_code == 0  # the run over, the removal goes on


@pytest.mark.parametrize(
    ("toml", "named"),
    [
        ('[contacts]\nMUP = { to = ["a@mup.gov.rs"] }\n"KITE" = { to = ["b@ite.gov.rs"] }\n', ("contacts", 3)),
        ('[contacts . "KITE"]\nto = ["b@ite.gov.rs"]\n', ("contacts", 1)),
        (
            '[google]\nfolder = "x"\naccounts = { MUP = ["a@gmail.com"], KITE = ["b@gmail.com"] }\n',
            ("google.accounts", 3),
        ),
        ('[google]\naccounts.KITE = ["b@gmail.com"]\n', ("google.accounts", 2)),
        ('[contacts.KITEX]\nto = ["c@x.rs"]\n[google.accounts]\nKITE = ["b@gmail.com"]\n', ("google.accounts", 4)),
    ],
)
def test_the_line_of_apmon_toml_naming_a_code_is_found_in_each_way_toml_writes_it(toml: str, named: tuple) -> None:
    from apmon.templates.registry_file import config_line

    table, line = named
    assert tomllib.loads(toml)  # each is TOML as apmon reads it
    assert config_line(toml, table, "KITE") == line
    assert config_line(toml, "contacts" if table != "contacts" else "google.accounts", "KITE") is None
