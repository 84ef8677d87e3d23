"""`apmon validate`: exit codes, JSON equal to the library result, messages in three languages,
unreadable files named one by one while the others are still checked."""

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from apmon.cli.app import app
from apmon.schemas.institutions import InstitutionRegistry
from apmon.schemas.messages import text_of
from apmon.schemas.plan import Plan
from apmon.templates.rule_docs import rule_catalogue_markdown
from apmon.templates.validation import validate_file
from tests.make_bad_files import make_bad_files, write_lying_zip_bomb
from tests.reports import complete_monthly, filled_report

runner = CliRunner()
ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def reports(plan: Plan, registry: InstitutionRegistry, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("reports")
    _, layout = filled_report(plan, registry, folder, "MZ", "2018-03", {}, name="empty.xlsx")
    good, _ = filled_report(plan, registry, folder, "MZ", "2018-03", complete_monthly(layout), name="good.xlsx")
    edits = {**complete_monthly(layout), ("tasks", "2.1.2", "status"): "done"}
    bad, _ = filled_report(plan, registry, folder, "MZ", "2018-03", edits, name="bad.xlsx")
    return {"good": good, "bad": bad}


def test_valid_report_exits_0(reports: dict[str, Path]) -> None:
    result = runner.invoke(app, ["validate", str(reports["good"]), "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert "no problems, ready to submit" in result.stdout


def test_errors_exit_1_and_json_equals_the_library(
    reports: dict[str, Path], plan: Plan, registry: InstitutionRegistry
) -> None:
    result = runner.invoke(app, ["validate", str(reports["good"]), str(reports["bad"]), "--json", "--lang", "sr-Cyrl"])
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    expected = validate_file(reports["bad"], plan, registry, "sr-Cyrl").model_dump(mode="json", exclude={"report"})
    assert data[1] == expected
    assert data[1]["valid"] is False and data[1]["institution"] == "MZ" and data[1]["period"] == "2018-03"
    (issue,) = data[1]["issues"]
    assert (issue["code"], issue["sheet"], issue["cell"]) == ("choice-not-in-list", "Tasks", "E4")
    assert "није на листи" in issue["message"]
    assert set(issue) >= {"code", "severity", "sheet", "cell", "message"}


@pytest.mark.parametrize(
    ("lang", "words"), [("sr-Latn", "nije na listi"), ("sr-Cyrl", "није на листи"), ("en", "is not in the list")]
)
def test_human_output_is_grouped_by_sheet_in_the_language(reports: dict[str, Path], lang: str, words: str) -> None:
    result = runner.invoke(app, ["validate", str(reports["bad"]), "--lang", lang], env={"COLUMNS": "200"})
    assert result.exit_code == 1
    counts = {"sr-Latn": "1 greška, 0 upozorenja", "sr-Cyrl": "1 грешка, 0 упозорења", "en": "1 error, 0 warnings"}
    assert counts[lang] in result.stdout and text_of("issues.message", lang) in result.stdout  # type: ignore[arg-type]
    assert words in result.stdout and "Tasks" in result.stdout and "E4" in result.stdout


def test_unreadable_files_exit_2_each_named_and_the_others_still_checked(
    reports: dict[str, Path], tmp_path: Path
) -> None:
    bad_files = make_bad_files(tmp_path)
    chosen = [
        bad_files[c]
        for c in ("file-empty", "file-old-xls", "file-password-protected", "file-csv", "file-ods", "file-corrupt")
    ]
    before = {p: p.read_bytes() for p in chosen}
    result = runner.invoke(app, ["validate", *map(str, chosen), str(reports["good"]), "--json", "--lang", "en"])
    assert result.exit_code == 2
    data = json.loads(result.stdout)
    assert [d["issues"][0]["code"] for d in data[:-1]] == [
        "file-empty", "file-old-xls", "file-password-protected", "file-csv", "file-ods", "file-corrupt"
    ]  # fmt: skip
    assert all(not d["readable"] and len(d["issues"]) == 1 and d["issues"][0]["message"] for d in data[:-1])
    assert data[-1]["valid"] is True  # the good file after the bad ones is still checked
    assert all(p.read_bytes() == content for p, content in before.items())  # nothing touched


def test_a_zip_bomb_with_lying_sizes_exits_2_as_a_zip_bomb_in_every_language(
    reports: dict[str, Path], tmp_path: Path
) -> None:
    """Its zip declares the sizes of a small workbook; a sheet part holds 32 MB more. It was 'damaged' here."""
    liar = tmp_path / "liar.xlsx"
    write_lying_zip_bomb(liar, 32 * 2**20)
    result = runner.invoke(app, ["validate", str(liar), str(reports["good"]), "--json", "--lang", "en"])
    assert result.exit_code == 2
    refused, good = json.loads(result.stdout)
    assert (refused["readable"], [i["code"] for i in refused["issues"]]) == (False, ["file-zip-bomb"])
    assert good["valid"] is True
    for lang, words in (("sr-Latn", "previše memorije"), ("sr-Cyrl", "превише меморије"), ("en", "too much memory")):
        shown = runner.invoke(app, ["validate", str(liar), "--lang", lang], env={"COLUMNS": "300"})
        assert shown.exit_code == 2 and words in " ".join(shown.stdout.split())


def test_previous_report_feeds_the_history_rules(plan: Plan, registry: InstitutionRegistry, tmp_path: Path) -> None:
    _, layout = filled_report(plan, registry, tmp_path, "MZ", "2018-03", {}, name="x.xlsx")
    line = layout.sheet("budget").rows[0].key
    march, _ = filled_report(
        plan,
        registry,
        tmp_path,
        "MZ",
        "2018-03",
        {**complete_monthly(layout), ("budget", line, "spent_year"): 9000},
        name="march.xlsx",
    )
    _, april_layout = filled_report(plan, registry, tmp_path, "MZ", "2018-04", {}, name="y.xlsx")
    april, _ = filled_report(
        plan, registry, tmp_path, "MZ", "2018-04", complete_monthly(april_layout), name="april.xlsx"
    )
    result = runner.invoke(app, ["validate", str(april), "--previous", str(march), "--json"])
    assert result.exit_code == 1
    assert [i["code"] for i in json.loads(result.stdout)[0]["issues"]] == ["cumulative-spending-decreased"]


def test_rule_catalogue_doc_is_current() -> None:
    doc = (ROOT / "docs" / "validation-rules.md").read_text(encoding="utf-8")
    assert doc == rule_catalogue_markdown() + "\n", (
        "docs/validation-rules.md is stale: run `apmon rules --markdown > docs/validation-rules.md`"
    )


def test_the_rule_list_is_in_serbian_latin_unless_another_language_is_asked_for() -> None:
    by_default = CliRunner().invoke(app, ["rules"]).stdout
    in_english = CliRunner().invoke(app, ["rules", "--lang", "en"]).stdout
    assert "Zadatak {task} nema stanje." in by_default and "Task {task} has no" not in by_default
    assert "Task {task} has no" in in_english and "nema stanje" not in in_english


def test_what_a_cell_holds_reaches_the_terminal_as_text(
    plan: Plan, registry: InstitutionRegistry, tmp_path: Path
) -> None:
    """A status cell holding terminal control sequences (in the file as OOXML's escapes, `_x001B_` for ESC, which
    every reader turns back into the character) and a right-to-left override. The problem quoting it went to the
    terminal as it was: the window's title set, the screen cleared, the cursor moved up over the lines printed so
    far (so a report's errors could be hidden), the text turned around. Each such character is now a space."""
    _, layout = filled_report(plan, registry, tmp_path, "MZ", "2018-03", {}, name="empty.xlsx")
    hostile = "_x001B_]0;PWNED_x0007__x001B_[2J_x001B_[3A_x009B_2K\u202eenod"
    edits = {**complete_monthly(layout), ("tasks", "2.1.2", "status"): hostile}
    path, _ = filled_report(plan, registry, tmp_path, "MZ", "2018-03", edits, name="hostile.xlsx")
    data = json.loads(runner.invoke(app, ["validate", str(path), "--json", "--lang", "en"]).stdout)
    (issue,) = data[0]["issues"]
    assert issue["cell"] == "E4" and "\x1b]0;PWNED" in issue["message"]  # the file really holds them
    for args in (["validate", str(path)], ["validate", str(path), "--lang", "en"]):
        shown = runner.invoke(app, args, env={"COLUMNS": "200"}).stdout
        assert "PWNED" in shown and "enod" in shown
        assert not [ch for ch in shown if ch in "\x1b\x07\x9b\u202e"]  # it was: all four


def test_json_output_escapes_what_a_terminal_would_obey(
    plan: Plan, registry: InstitutionRegistry, tmp_path: Path
) -> None:
    """`--json` wrote a cell's C1 controls (U+009B is a terminal's CSI, as ESC [ is) and direction marks raw, as
    json.dumps(ensure_ascii=False) leaves them: the same screen cleared, the text turned around. They are \\u escapes
    now, which mean the same to a JSON reader; Cyrillic stays as it is."""
    _, layout = filled_report(plan, registry, tmp_path, "MZ", "2018-03", {}, name="empty.xlsx")
    hostile = "_x009B_2J_x0085_\u202eenod\u2028\u200f\u2066Ж"
    edits = {**complete_monthly(layout), ("tasks", "2.1.2", "status"): hostile}
    path, _ = filled_report(plan, registry, tmp_path, "MZ", "2018-03", edits, name="hostile.xlsx")
    shown = runner.invoke(app, ["validate", str(path), "--json", "--lang", "sr-Cyrl"]).stdout
    unsafe = "\x7f\x85\x9b\u202e\u200f\u2066\u2028"
    assert [ch for ch in shown if ch in unsafe] == []
    assert "\\u009b2J\\u0085\\u202eenod\\u2028\\u200f\\u2066Ж" in shown  # escaped, the Cyrillic as it is
    (issue,) = json.loads(shown)[0]["issues"]
    assert "\x9b2J\x85\u202eenod\u2028\u200f\u2066Ж" in issue["message"]  # the same text to a JSON reader


def test_every_control_format_and_separator_character_is_escaped_in_json() -> None:
    import sys
    import unicodedata

    from apmon.cli.common import terminal_safe_json

    unsafe = [chr(c) for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c)) in ("Cc", "Cf", "Zl", "Zp")]
    written = terminal_safe_json({"text": "".join(unsafe) + "Ђ€"})
    assert [ch for ch in written if ch in set(unsafe) - {"\n"}] == []
    assert json.loads(written) == {"text": "".join(unsafe) + "Ђ€"}


def test_a_cover_left_empty_is_named_cell_by_cell(plan: Plan, registry: InstitutionRegistry, tmp_path: Path) -> None:
    """A report complete but for its cover (who prepared it, and when) passed without a word, so the Coordinator
    had no one to ask about its figures. Two warnings at the cells to fill; the report still counts (exit 0)."""
    _, layout = filled_report(plan, registry, tmp_path, "MZ", "2018-03", {}, name="template.xlsx")
    edits = {key: value for key, value in complete_monthly(layout).items() if key[0] != "cover"}
    path, _ = filled_report(plan, registry, tmp_path, "MZ", "2018-03", edits, name="no-cover.xlsx")
    result = runner.invoke(app, ["validate", str(path), "--json"])
    assert result.exit_code == 0, result.output
    (data,) = json.loads(result.stdout)
    assert data["valid"] is True
    assert [(i["code"], i["severity"], i["sheet"], i["cell"]) for i in data["issues"]] == [
        ("cover-preparer-missing", "warning", *layout.cell_of("cover", "preparer", "value")),
        ("cover-date-missing", "warning", *layout.cell_of("cover", "date", "value")),
    ]
    assert "ko je pripremio izveštaj" in data["issues"][0]["message"]


def test_a_file_name_is_shown_as_it_is_not_as_emoji(reports: dict[str, Path], tmp_path: Path) -> None:
    """rich turns `:x:` or `:smile:` in what it prints into emoji: a report's file name (or a cell's text quoted in a
    problem) holding such a code was shown altered, `MZ ❌.xlsx` for `MZ :x:.xlsx`."""
    named = tmp_path / "MZ 2018-03 :x: :smile:.xlsx"
    named.write_bytes(reports["good"].read_bytes())
    result = runner.invoke(app, ["validate", str(named), "--lang", "en"], env={"COLUMNS": "300"})
    assert result.exit_code == 0, result.output
    assert "MZ 2018-03 :x: :smile:.xlsx" in result.stdout
    assert "\N{CROSS MARK}" not in result.stdout
