"""A command line typed wrong exits 2, as click does for a missing argument: an option missing, or given a value it
does not take (a day that is not a date, a kind or an assessment not in the list, a year outside the plan); 1 is
left for a refusal of what the command would do. Each runs the real command against real files; the message names
the option and what it takes, in every language."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from apmon.cli.app import app
from apmon.schemas.messages import text_of
from apmon.schemas.text import LANGS, Lang
from tests.coordinator_folder import office_fixture

runner = CliRunner()
office = office_fixture  # the Coordinator's folder, its own data folder (tests.coordinator_folder)

NAMES = ["--name", "Kancelarija za IT", "--name-en", "Office for IT", "--genitive", "Kancelarije za IT"]
KINDS = "council, coordinator, working-group, ministry, authority, civil-society, local"  # schemas.institutions


def _said_as_a_usage_error(
    args: list[str], said: tuple[str, dict[str, object]], lang: Lang, lists: tuple[str, ...]
) -> str:
    """The command run in `lang`: exit 2, and its stderr (returned on one line) holds the message `said` (its key and
    the fields typed) up to the first of the `lists` the command builds in the reader's words."""
    result = runner.invoke(app, [*args, "--lang", lang])

    assert result.exit_code == 2, result.output
    key, fields = said
    line = " ".join(result.stderr.split())
    assert text_of(key, lang, **{**dict.fromkeys(lists, "\x00"), **fields}).split("\x00")[0] in line, line
    return line


CASES = [
    (
        ["institution", "rename", "MKI", "--since", "1.7.2018", "--name", "X", "--name-en", "X"],
        ("institution.bad_day", {"option": "--since", "value": "1.7.2018"}),
    ),
    (
        ["institution", "rename", "MKI", "--name", "X", "--name-en", "X"],
        ("institution.missing", {"option": "--since"}),
    ),
    (
        ["institution", "add", "KIT", "--from", "2018-07", "--kind", "agency", *NAMES],
        ("institution.bad_kind", {"option": "--kind", "value": "agency", "kinds": KINDS}),
    ),
    (
        ["institution", "add", "KIT", "--from", "2018-7", "--kind", "authority", *NAMES],
        ("institution.bad_month", {"option": "--from", "value": "2018-7"}),
    ),
    (["institution", "add", "KIT", "--kind", "authority", *NAMES], ("institution.missing", {"option": "--from"})),
    (
        ["institution", "end", "MKI", "--until", "2018-13"],
        ("institution.bad_month", {"option": "--until", "value": "2018-13"}),
    ),
    (["institution", "end", "MKI"], ("institution.missing", {"option": "--until"})),
    (
        ["evaluation", "set", "2.1", "--year", "2018", "--assessment", "done", "--reason", "R"],
        ("evaluation.unknown_assessment", {"given": "done"}),
    ),
    (
        ["evaluation", "set", "2.1", "--year", "2016", "--assessment", "completed", "--reason", "R"],
        ("evaluation.unknown_year", {"year": 2016, "plan": "ap-2017-2018", "first": 2017, "last": 2018}),
    ),
    (
        ["evaluation", "comment", "2.1", "--year", "2019", "--text", "T", "--by", "ASTRA"],
        ("evaluation.unknown_year", {"year": 2019, "plan": "ap-2017-2018", "first": 2017, "last": 2018}),
    ),
]


@pytest.mark.parametrize(("args", "said"), CASES)
@pytest.mark.parametrize("lang", LANGS)
def test_an_option_missing_or_given_a_value_it_does_not_take_is_a_usage_error(
    office: Path, args: list[str], said: tuple[str, dict[str, object]], lang: Lang
) -> None:
    # the whole message, up to the list of what is taken where the command builds that list in the reader's words
    line = _said_as_a_usage_error(args, said, lang, ("choices",))

    key, fields = said
    option = fields.get("option") or ("--assessment" if "assessment" in key else "--year")
    assert f"`{option}`" in line  # the option is named
    assert not (office / "institutions.yaml").exists()  # no registry copy written


@pytest.mark.parametrize("lang", LANGS)
def test_an_unknown_assessment_lists_the_ones_taken_in_the_readers_words(office: Path, lang: Lang) -> None:
    args = ["evaluation", "set", "2.1", "--year", "2018", "--assessment", "done", "--reason", "R", "--lang", lang]

    result = runner.invoke(app, args)

    assert result.exit_code == 2, result.output
    words = {
        "sr-Latn": ("realizovana", "delimično realizovana", "nije realizovana"),
        "sr-Cyrl": ("реализована", "делимично реализована", "није реализована"),
        "en": ("completed", "partially completed", "not completed"),
    }[lang]
    assert all(w in result.stderr for w in words), result.stderr


def test_a_refusal_of_what_the_command_would_do_stays_exit_1(office: Path) -> None:
    """An institution the registry has, ended already: the command line is right, the edit is refused."""
    assert runner.invoke(app, ["institution", "end", "MKI", "--until", "2018-10"]).exit_code == 0

    again = runner.invoke(app, ["institution", "add", "MKI", "--from", "2018-07", "--kind", "ministry", *NAMES])

    assert again.exit_code == 1, again.output


PLAN = {"plan": "ap-2017-2018", "first": 2017, "last": 2018}


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (
            ["task", "status", "9.9.9", "completed", "--period", "2018-03"],
            ("task_status.unknown_task", {"task": "9.9.9", "plan": "ap-2017-2018"}),
        ),
        (
            ["task", "status", "1.1.3", "done", "--period", "2018-03"],
            ("task_status.unknown_status", {"given": "done"}),
        ),
        (
            ["task", "status", "1.1.3", "completed", "--period", "2019-01"],
            ("task_status.period", {"period": "2019-01", "option": "--period", "plan": "ap-2017-2018"}),
        ),
        (["report", "annual", "--year", "2016", "--draft"], ("report_error.year", {"year": 2016, **PLAN})),
        (["report", "public", "--year", "2019", "--draft"], ("report_error.year", {"year": 2019, **PLAN})),
        (["ledger", "mails", "--institution", "ZZZ"], ("token.unknown_institution", {"code": "ZZZ"})),
        (
            ["report", "minister", "--period", "2019-03", "--draft"],
            ("report_error.after_last", {"plan": "ap-2017-2018", "last_in": "\x00"}),
        ),
        (
            ["report", "council", "--from", "2016-11", "--to", "2017-01", "--draft"],
            ("report_error.before_first", {"first_in": "\x00"}),
        ),
    ],
)
@pytest.mark.parametrize("lang", LANGS)
def test_a_task_a_month_a_year_or_an_institution_the_plan_lacks_is_a_usage_error(
    office: Path, args: list[str], said: tuple[str, dict[str, object]], lang: Lang
) -> None:
    # the message up to the first list the command builds (of tasks, statuses, codes), with the fields typed
    _said_as_a_usage_error(args, said, lang, ("example", "tasks", "choices", "codes", "first"))


def test_a_task_a_reporting_lead_gives_the_status_of_stays_refused_with_exit_1(office: Path) -> None:
    """1.1.1 is led by the Council and JLS, which reports: the command line is right, the record is refused."""
    result = runner.invoke(app, ["task", "status", "1.1.1", "completed", "--period", "2018-03", "--lang", "en"])

    assert result.exit_code == 1, result.output
    assert text_of("task_status.reported_by", "en", task="1.1.1", reporters="\x00").split("\x00")[0] in " ".join(
        result.stderr.split()
    )


def test_the_mails_of_an_institution_typed_in_lower_case_are_listed(office: Path) -> None:
    result = runner.invoke(app, ["ledger", "mails", "--institution", " mz ", "--lang", "en"])

    assert result.exit_code == 0, result.output
    assert text_of("ledger.mails.none", "en") in result.stdout


@pytest.mark.parametrize(
    "args",
    [
        ["institution", "rename", "ZZZ", "--since", "2018-07-01", "--name", "X", "--name-en", "X"],
        ["institution", "end", "ZZZ", "--until", "2018-10"],
        ["institution", "remove", "ZZZ"],
    ],
)
def test_a_code_no_institution_has_exits_2_as_the_commands_help_says(office: Path, args: list[str]) -> None:
    result = runner.invoke(app, [*args, "--lang", "en"])

    assert result.exit_code == 2, result.output
    shown = runner.invoke(app, [*args[:2], "--help"], env={"APMON_LANG": "en", "COLUMNS": "200"})
    assert "2 when" in " ".join(shown.output.split()), shown.output  # the help says the code the command gives


@pytest.mark.parametrize("lang", LANGS)
def test_a_mails_period_typed_wrong_is_a_usage_error_as_the_versions_one_is(office: Path, lang: Lang) -> None:
    """`ledger mails --period 2018-3` said "no such mail", as if none was sent in March 2018."""
    mails = runner.invoke(app, ["ledger", "mails", "--period", "2018-3", "--lang", lang])
    versions = runner.invoke(app, ["ledger", "versions", "--period", "2018-3", "--lang", lang])

    assert mails.exit_code == 2, mails.output
    assert text_of("ledger.mails.none", lang) not in mails.stdout
    assert mails.stderr == versions.stderr != ""  # the same words, naming the month typed


SET_2018 = ["evaluation", "set", "2.1", "--year", "2018"]
COMMENT_2018 = ["evaluation", "comment", "2.1", "--year", "2018"]


@pytest.mark.parametrize(
    ("args", "code"),
    [
        ([*SET_2018, "--assessment", "done", "--reason", "R"], 2),
        (["evaluation", "set", "2.1", "--year", "2016", "--assessment", "completed", "--reason", "R"], 2),
        (["evaluation", "set", "9.9", "--year", "2018", "--assessment", "completed", "--reason", "R"], 2),
        (["evaluation", "comment", "2.1", "--year", "2019", "--text", "T", "--by", "ASTRA"], 2),
        ([*SET_2018, "--assessment", "completed", "--reason", "R", "--by", "apmon:sync"], 1),
        ([*SET_2018, "--assessment", "completed", "--reason", "Žrtva Marija Petrović, JMBG 1505953710011"], 1),
        ([*COMMENT_2018, "--text", "Žrtva Marija Petrović, JMBG 1505953710011", "--by", "ASTRA"], 1),
        ([*COMMENT_2018, "--text", "T", "--by", "apmon:master"], 1),
    ],
)
def test_an_evaluation_command_refused_makes_no_ledger(office: Path, args: list[str], code: int) -> None:
    """A value typed wrong or an edit refused left an empty ledger in a data folder that had none: the next command
    then took it for the Coordinator's (and said it holds no report). Refused first, nothing is made."""
    result = runner.invoke(app, [*args, "--lang", "en"])

    assert result.exit_code == code, result.output
    assert result.stderr.startswith("Error:"), result.stderr
    assert not (office / "data").exists(), sorted(p.name for p in (office / "data").iterdir())


TASK_1_1_3 = ["task", "status", "1.1.3", "completed", "--period", "2018-03"]


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["task", "status", "9.9.9", "completed", "--period", "2018-03"], 2),
        (["task", "status", "1.1.1", "completed", "--period", "2018-03"], 1),  # its lead JLS reports
        (["task", "status", "1.1.3", "done", "--period", "2018-03"], 2),
        (["task", "status", "1.1.3", "completed", "--period", "2019-01"], 2),
        ([*TASK_1_1_3, "--by", "apmon:sync"], 1),
        ([*TASK_1_1_3, "--note", "Žrtva Marija Petrović, JMBG 1505953710011"], 1),
    ],
)
def test_a_task_status_refused_makes_no_ledger(office: Path, args: list[str], code: int) -> None:
    """Found in review: `task status` opened the ledger before it checked what was typed, as evaluation set and
    comment did: a refusal left an empty ledger in a data folder that had none. Refused first, nothing is made."""
    result = runner.invoke(app, [*args, "--lang", "en"])

    assert result.exit_code == code, result.output
    assert result.stderr.startswith("Error:"), result.stderr
    assert not (office / "data").exists(), sorted(p.name for p in (office / "data").iterdir())


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["report", "minister", "--period", "2030-01"], 2),
        (["report", "minister", "--period", "2016-12"], 2),
        (["report", "council", "--to", "2030-01"], 2),
        (["report", "council", "--from", "2016-12", "--to", "2018-03"], 2),
        (["report", "annual", "--year", "2030"], 2),
        (["report", "public", "--year", "2016"], 2),
        (["report", "public", "--year", "2017", "--final"], 1),  # the final report is of the plan's last year
        (["report", "public", "--year", "2018", "--texts", "Zaključci.xlsx"], 1),  # --texts without --final
    ],
)
def test_a_report_refused_for_what_was_typed_makes_no_ledger(office: Path, args: list[str], code: int) -> None:
    """Found in review, next to evaluation set and task status: a report asked for a month or a year the plan does not
    monitor opened the ledger first, so the refusal left an empty ledger in a data folder that had none."""
    result = runner.invoke(app, [*args, "--lang", "en"])

    assert result.exit_code == code, result.output
    assert result.stderr.startswith("Error:"), result.stderr
    assert not (office / "data").exists(), sorted(p.name for p in (office / "data").iterdir())
