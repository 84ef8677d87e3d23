"""The Coordinator's commands take what is typed as the others do: an institution's code in either case (as
`template build -i` does), a usage error with exit 2, a day that does not exist said not to exist (its form is right),
a kind of institution in the reader's words, and a bad code refused before anything else is said. Each runs the real
command against real files; the registry written is read back with yaml itself."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from apmon.cli.app import app
from apmon.schemas.messages import text_of
from apmon.schemas.text import LANGS, Lang, latin_to_cyrillic
from tests.coordinator_folder import office_fixture

runner = CliRunner()
office = office_fixture  # the Coordinator's folder, its own data folder (tests.coordinator_folder)


def _entry(office: Path, code: str) -> dict[str, object]:
    entries = yaml.safe_load((office / "institutions.yaml").read_text(encoding="utf-8"))["institutions"]
    return next(e for e in entries if e["code"] == code)


NEW_NAMES = ["--name-en", "Ministry of Culture and Media", "--genitive", "Ministarstva kulture i medija"]
NEW_BODY = ["--from", "2018-07", "--kind", "authority", "--name", "Kancelarija za IT", "--name-en", "Office for IT"]


@pytest.mark.parametrize("typed", ["mki", " Mki "])
def test_a_rename_and_an_end_take_the_code_in_lower_case_as_template_build_does(office: Path, typed: str) -> None:
    assert runner.invoke(app, ["template", "build", "--period", "2018-06", "-i", typed, "--out", "t"]).exit_code == 0

    renamed = runner.invoke(
        app,
        [
            "institution",
            "rename",
            typed,
            "--since",
            "2018-07-01",
            "--name",
            "Ministarstvo kulture i medija",
            *NEW_NAMES,
        ],
    )

    assert renamed.exit_code == 0, renamed.output
    assert _entry(office, "MKI")["name"]["en"] == "Ministry of Culture and Media"  # type: ignore[index]
    ended = runner.invoke(app, ["institution", "end", typed, "--until", "2018-10"])
    assert ended.exit_code == 0, ended.output
    assert _entry(office, "MKI")["reports_until"] == "2018-10"


def test_a_new_body_typed_in_lower_case_is_added_under_its_code_and_removed_by_it(office: Path) -> None:
    added = runner.invoke(
        app,
        ["institution", "add", "kite", *NEW_BODY, "--not-working-group-member"],
    )

    assert added.exit_code == 0, added.output
    assert _entry(office, "KITE")["reports_from"] == "2018-07"
    removed = runner.invoke(app, ["institution", "remove", "kite"])
    assert removed.exit_code == 0, removed.output
    codes = [
        e["code"] for e in yaml.safe_load((office / "institutions.yaml").read_text(encoding="utf-8"))["institutions"]
    ]
    assert "KITE" not in codes


@pytest.mark.parametrize("lang", LANGS)
def test_a_bad_code_is_refused_before_any_cyrillic_is_said_derived(office: Path, lang: Lang) -> None:
    result = runner.invoke(
        app,
        ["institution", "add", "K-1", *NEW_BODY, "--short", "KIT", "--genitive", "Kancelarije za IT", "--lang", lang],
    )

    assert result.exit_code == 2, result.output  # a usage error
    [line] = result.stderr.strip().splitlines()  # the refusal, and nothing else
    assert text_of("institution.bad_code", lang, code="K-1") in line
    assert not (office / "institutions.yaml").exists()


@pytest.mark.parametrize("lang", LANGS)
def test_the_list_says_each_kind_in_the_readers_words(office: Path, lang: Lang) -> None:
    listed = runner.invoke(app, ["institution", "list", "--lang", lang])

    assert listed.exit_code == 0, listed.output
    # the shipped registry's kinds, said independently of the command: the words of the Serbian state's bodies
    words = {"ministry": "ministarstvo", "council": "savet", "civil-society": "organizacija civilnog društva"}
    rows = {line.split("│")[1].strip(): line for line in listed.stdout.splitlines() if line.count("│") > 3}
    for code, kind in (("MUP", "ministry"), ("SAVET", "council"), ("OCD1", "civil-society")):
        said = {"sr-Latn": words[kind], "sr-Cyrl": latin_to_cyrillic(words[kind]), "en": kind}[lang]
        cells = [c.strip() for c in rows[code].split("│")]
        assert cells[2] == said, rows[code]


NO_SUCH_DAY = "2018-02-30"


@pytest.mark.parametrize(
    ("args", "exit_code"),
    [
        (["institution", "rename", "MKI", "--since", NO_SUCH_DAY, "--name", "X", "--name-en", "X"], 2),
        (["remind", "--dry-run", "--today", NO_SUCH_DAY], 2),
        (["report", "minister", "--period", "2018-01", "--as-of", NO_SUCH_DAY], 2),
        (["deadline", "2018-01", "--non-working", NO_SUCH_DAY], 2),
    ],
)
@pytest.mark.parametrize("lang", LANGS)
def test_a_day_in_the_right_form_that_does_not_exist_is_said_not_to_exist(
    office: Path, args: list[str], exit_code: int, lang: Lang
) -> None:
    result = runner.invoke(app, [*args, "--lang", lang])

    assert result.exit_code == exit_code, result.output
    option = next(a for a in args if a in ("--since", "--today", "--as-of", "--non-working"))
    expected = text_of("cli.no_such_day", lang, option=option, value=NO_SUCH_DAY, month="2018-02", day=30)
    assert expected in " ".join(result.stderr.split()), result.stderr


@pytest.mark.parametrize("lang", LANGS)
def test_an_empty_comment_or_reason_is_a_usage_error_as_a_missing_author(office: Path, lang: Lang) -> None:
    comment = ["evaluation", "comment", "2.1", "--year", "2017", "--by", "ASTRA", "--text", " ", "--lang", lang]
    decision = ["evaluation", "set", "2.1", "--year", "2017", "--assessment", "completed", "--reason", ""]
    no_author = runner.invoke(app, ["evaluation", "comment", "2.1", "--year", "2017", "--text", "T", "--lang", lang])

    for args in (comment, [*decision, "--lang", lang]):
        result = runner.invoke(app, args)
        assert result.exit_code == no_author.exit_code == 2, result.output
    assert not (office / "data" / "ledger.sqlite").exists()  # nothing recorded, no ledger made for it


FAMILY = ["--name", "Ministarstvo za porodicu", "--name-en", "Ministry for the Family", "--working-group-member"]


def test_a_successor_typed_in_lower_case_succeeds_the_body_by_its_code(office: Path) -> None:
    ended = runner.invoke(app, ["institution", "end", "mrzbsp", "--until", "2018-06"])
    assert ended.exit_code == 0, ended.output

    added = runner.invoke(
        app,
        ["institution", "add", "mpsp", "--from", "2018-07", "--kind", "ministry", "--succeeds", "mrzbsp", *FAMILY],
    )

    assert added.exit_code == 0, added.output
    assert _entry(office, "MPSP")["succeeds"] == "MRZBSP"
    assert _entry(office, "MRZBSP")["reports_until"] == "2018-06"
