"""What the Coordinator records holds no personal data: a task status's note, an assessment's reason and a comment
stay in the ledger for good (nothing there is ever changed or deleted) and are shown in the master and the reports.
Found December 2026 (the data protection officer's trial): `apmon task status 1.1.3 ... --note "žrtva Marija
Petrović, JMBG 1505953710011"` was recorded, and the next sync wrote the name and the JMBG into the master's Status
sheet, where no purge reaches them. Now such a text is refused as a report's cell is (`personal-data`), masked in
the refusal, and nothing is recorded: checked in the ledger with sqlite3 alone."""

from __future__ import annotations

import datetime as dt
import sqlite3
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from apmon.cli.app import app
from apmon.schemas.institutions import InstitutionRegistry
from apmon.schemas.plan import Plan
from apmon.sync.evaluation import ASSESSMENT_COLUMN, FIRST_DATA_ROW, REASON_COLUMN, record_typed
from apmon.sync.ledger import Ledger
from tests.test_evaluation import YEAR, demo_ledger, rows, synced, type_in

runner = CliRunner()
VICTIM = "Slučaj: žrtva Marija Petrović, JMBG 1505953710011"


def _rows(ledger_file: Path, table: str) -> list[tuple[object, ...]]:
    if not ledger_file.exists():  # a command refused before it opened the ledger made none
        return []
    with sqlite3.connect(ledger_file) as db:
        return db.execute(f"SELECT * FROM {table}").fetchall()  # the test's own table names


@pytest.mark.parametrize(
    ("command", "table"),
    [
        (["task", "status", "1.1.3", "u toku", "--period", "2018-03", "--note", VICTIM], "task_statuses"),
        (
            ["evaluation", "set", "1.1", "--assessment", "completed", "--year", "2018", "--reason", VICTIM],
            "evaluation_overrides",
        ),
        (["evaluation", "comment", "1.1", "--text", VICTIM, "--year", "2018", "--by", "OCD1"], "evaluation_comments"),
    ],
)
@pytest.mark.parametrize("lang", ["sr-Latn", "sr-Cyrl", "en"])
def test_a_coordinator_text_with_personal_data_is_refused_and_not_recorded(
    tmp_path: Path, command: list[str], table: str, lang: str
) -> None:
    config = tmp_path / "apmon.toml"
    config.write_text(f'[sync]\ndata_dir = "{tmp_path.as_posix()}"\n', encoding="utf-8")
    result = runner.invoke(app, [*command, "--config", str(config), "--lang", lang])
    assert result.exit_code != 0, result.output
    assert "1505953710011" not in result.output and "Petrović" not in result.output  # masked in the refusal
    assert "15•••••••••11" in result.output
    assert _rows(tmp_path / "ledger.sqlite", table) == []
    # the same without the victim is recorded (the refusal is the personal data's, not the command's)
    clean = [part.replace(VICTIM, "Sastanak održan 15.03.2018.") for part in command]
    assert runner.invoke(app, [*clean, "--config", str(config)]).exit_code == 0
    assert len(_rows(tmp_path / "ledger.sqlite", table)) == 1


def test_a_reason_typed_on_the_master_with_personal_data_is_not_recorded(tmp_path: Path, plan: Plan) -> None:
    ledger = Ledger.open(f"sqlite:///{tmp_path / 'ledger.sqlite'}")
    activity = plan.activities()[0].id
    row: list[object] = [""] * 11
    row[0], row[2], row[ASSESSMENT_COLUMN], row[REASON_COLUMN] = 2018, activity, "realizovana", VICTIM
    cells = [[], [], [], row]
    assert len(cells) == FIRST_DATA_ROW
    typed = record_typed(plan, ledger, cells, "sr-Latn", dt.datetime(2019, 1, 31, tzinfo=dt.UTC))
    assert _rows(tmp_path / "ledger.sqlite", "evaluation_overrides") == []
    [line] = typed.lines
    assert "15•••••••••11" in line and "1505953710011" not in line and "H4" in line
    assert (2018, activity) in typed.refused


# Found by the rv-d review: a victim word followed by two capitalised words of a place, a convention or a body of the
# Strategy was taken for a victim's name, and the Coordinator could not record the decision at all.
ORDINARY_REASONS = [
    "Žrtve Zapadnog Balkana nisu obuhvaćene izveštajem MUP-a za 2018.",
    "Жртве Западног Балкана нису обухваћене извештајем МУП-а за 2018.",
    "Usklađeno sa standardima za žrtve Istanbulske Konvencije, čl. 388 KZ",
    "Podrška žrtvi Nacionalnog Mehanizma za upućivanje nije obezbeđena u 2018.",
    "Not completed: the victim Identification Procedures were not adopted by 31.12.2018.",
    "The victim Support Services in Novi Sad were funded by a donor (20.000 EUR).",
    "Pomoć za žrtve Zapadnih Zemalja Balkana nije planirana.",
]


@pytest.mark.parametrize("reason", ORDINARY_REASONS)
def test_an_ordinary_reason_naming_a_place_a_convention_or_a_body_is_recorded(tmp_path: Path, reason: str) -> None:
    config = tmp_path / "apmon.toml"
    config.write_text(f'[sync]\ndata_dir = "{tmp_path.as_posix()}"\n', encoding="utf-8")
    command = ["evaluation", "set", "1.1", "--assessment", "partially-completed", "--year", "2018", "--reason", reason]
    result = runner.invoke(app, [*command, "--config", str(config)])
    assert result.exit_code == 0, result.output
    [row] = _rows(tmp_path / "ledger.sqlite", "evaluation_overrides")
    assert reason in row


@pytest.mark.parametrize(
    "text",
    [
        "Slučaj: žrtva Marija Petrović",
        "Случај: жртва Марија Петровић",
        "victim Marija Petrović",
        # Many victims are foreigners: a first name that begins as a word of a body does ("Court", "Unit") is a name
        "Slučaj: žrtva Courtney Smith",
        "victim Unity Jones",
        "žrtva Ulrih Miler",  # a German first name as Serbian writes it ends as an adjective of a plural may: -ih
    ],
)
def test_a_victims_name_is_still_refused(tmp_path: Path, text: str) -> None:
    config = tmp_path / "apmon.toml"
    config.write_text(f'[sync]\ndata_dir = "{tmp_path.as_posix()}"\n', encoding="utf-8")
    command = ["evaluation", "set", "1.1", "--assessment", "partially-completed", "--year", "2018", "--reason", text]
    assert runner.invoke(app, [*command, "--config", str(config)]).exit_code != 0
    assert _rows(tmp_path / "ledger.sqlite", "evaluation_overrides") == []


def test_a_reason_refused_on_the_master_is_written_back_masked_and_stays_refused(
    plan: Plan, registry: InstitutionRegistry, tmp_path: Path
) -> None:
    """Found by the rv-d review: the reason refused for a victim's name and JMBG was written back into the master's
    Evaluation sheet as typed, so every write of the master (and every copy it leaves in backups/) carried the JMBG
    on, where no purge reaches. Now the sheet shows it masked, marked, for the Coordinator to retype; the masked text
    read back is no reason either (it would record bullets in the annual report); the decision beside it counts."""
    demo = demo_ledger(plan, registry, tmp_path, f"sqlite:///{tmp_path / 'ledger.sqlite'}")
    master = demo.config.sync.master_path()
    first, second = plan.activities()[1].id, plan.activities()[2].id
    row = type_in(master, second, "realizovana", VICTIM)
    type_in(master, first, "realizovana", "Zakon je usvojen")
    notices = synced(plan, registry, demo)
    assert [n for n in notices if f"H{row}" in n and "15•••••••••11" in n]
    with zipfile.ZipFile(master) as written:  # the master apmon wrote, every part of it
        assert not any(b"1505953710011" in written.read(n) or "Petrović".encode() in written.read(n)
                       for n in written.namelist())  # fmt: skip
    [kept] = [r for r in rows(master, "Evaluacija") if r[0] == YEAR and r[2] == second]
    assert (kept[6], kept[7]) == ("realizovana", "Slučaj: žrtva M••••• P•••••••, JMBG 15•••••••••11")
    sheet = load_workbook(master)["Evaluacija"]
    assert sheet.cell(row, 8).fill.fgColor.rgb != sheet.cell(row + 1, 8).fill.fgColor.rgb  # marked, not as input
    [recorded] = [r for r in rows(master, "Evaluacija") if r[0] == YEAR and r[2] == first]
    assert (recorded[6], recorded[7]) == ("realizovana", "Zakon je usvojen")
    # read back as it was written, still refused and nothing recorded; retyped without the data, recorded
    assert [n for n in synced(plan, registry, demo) if f"H{row}" in n]
    assert [(r[1], r[2]) for r in _rows(tmp_path / "ledger.sqlite", "evaluation_overrides")] == [(first, YEAR)]
    type_in(master, second, "realizovana", "Sporazum potpisan 12.12.2017.")
    synced(plan, registry, demo)
    overrides = _rows(tmp_path / "ledger.sqlite", "evaluation_overrides")
    assert [(r[1], r[2]) for r in overrides] == [(first, YEAR), (second, YEAR)]
