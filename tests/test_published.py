"""The published annual report and the final report of the Strategy period (issue 16 point 4): the same year's
content as the annual evaluation, shaped for publication. Its figures are recomputed here from the demo's report
files (read by the template parser) and the plan YAML; that it shows nothing of who reported late is checked
against the lateness the internal reports show for the same ledger."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from apmon.cli.app import app
from apmon.schemas.calendar import Period
from apmon.schemas.institutions import InstitutionRegistry
from apmon.schemas.plan import Plan
from apmon.sync.ledger import Ledger
from apmon.sync.reports import make_council_report, make_public_report
from apmon.templates.layout import reporting_institutions
from tests.test_evaluation import (
    YEAR,
    assert_defined_as_in_10_3,
    config_file,
    expected_assessments,
    rows,
    year_reports,
)
from tests.test_reports import CYRILLIC, DemoLedger, demo_ledger, expected_reporting, pdf_text, planned_rsd, serbian

TEXTS = [
    ("Zaključak", "Saradnja institucija je ojačana kroz zajedničke obuke."),
    ("preporuka", "Obezbediti stalni budžet za skloništa za žrtve."),
    ("naučena lekcija", "Rokovi zavise od usvajanja propisa."),
    ("best practice", "Mobilni timovi u lokalnim zajednicama."),
    ("Preporuka", "Uvesti godišnji pregled pokazatelja."),
]


@pytest.fixture(scope="module")
def demo(plan: Plan, registry: InstitutionRegistry, tmp_path_factory: pytest.TempPathFactory) -> DemoLedger:
    folder = tmp_path_factory.mktemp("published-demo")
    return demo_ledger(plan, registry, folder, f"sqlite:///{folder / 'ledger.sqlite'}")


def public(demo: DemoLedger, plan: Plan, registry: InstitutionRegistry, out: Path, lang: str = "sr-Latn", **kw: object):  # type: ignore[no-untyped-def]
    ledger = Ledger.open(demo.config.sync.ledger_url())
    try:
        return make_public_report(demo.config, plan, registry, ledger, kw.pop("year", YEAR), lang=lang, out=out, **kw)  # type: ignore[arg-type]
    finally:
        ledger.close()


def texts_file(path: Path, items: list[tuple[str, str]], sheet: str = "Zaključci") -> Path:
    book = openpyxl.Workbook()
    ws = book.active
    assert ws is not None
    ws.title = sheet
    ws.append(["Vrsta", "Tekst"])
    for item in items:
        ws.append(list(item))
    book.save(path)
    return path


def flat(pdf: Path) -> str:
    return " ".join(pdf_text(pdf).split())


def test_the_published_report_gives_the_years_figures(
    demo: DemoLedger, plan: Plan, registry: InstitutionRegistry, tmp_path: Path
) -> None:
    issued = public(demo, plan, registry, tmp_path, record=False)
    pdf, xlsx = issued.files
    assert pdf.name == f"public-{YEAR}-sr-Latn.pdf"
    text = flat(pdf)
    assert "Godišnji izveštaj" in text and "Nacionalni koordinator za borbu protiv trgovine ljudima" in text
    # Activities by assessment, by the stated rule, from the files and the plan YAML.
    expected = expected_assessments(demo, plan, registry)
    counts = {s: list(expected.values()).count(s) for s in ("completed", "partially-completed", "not-completed")}
    assert (
        f"Aktivnosti ({len(expected)}): realizovano {counts['completed']}, delimično realizovano "
        f"{counts['partially-completed']}, nije realizovano {counts['not-completed']}." in text
    )
    words = {
        "realizovana": "completed",
        "delimično realizovana": "partially-completed",
        "nije realizovana": "not-completed",
    }
    assert {r[0]: words[str(r[5])] for r in rows(xlsx, "Ocena aktivnosti")} == expected
    # Tasks completed by the year's end: every lead's newest report of the years up to YEAR says completed.
    status: dict[tuple[str, str], str] = {}
    for report in year_reports(demo, plan, registry):
        for entry in report.tasks:
            if entry.role == "lead" and entry.status:
                status[(entry.task_id, report.institution)] = entry.status
    done = sum(all(status.get((t.id, c)) == "completed" for c in t.lead) for t in plan.tasks())
    assert f"Zadataka završeno do kraja godine: {done} od {len(plan.tasks())}" in text
    # Budget executed against planned: planned from the plan YAML, spent from the year's annual reports.
    planned = sum(planned_rsd(YEAR).values(), Decimal(0))
    spent = sum(
        (
            b.spent_year or 0
            for r in year_reports(demo, plan, registry)
            if r.period == str(YEAR)
            for b in r.budget
            if b.currency == "RSD"
        ),
        Decimal(0),
    )
    assert spent > 0 and f"Budžet {YEAR}: utrošeno {serbian(spent)} od planiranih {serbian(planned)} RSD" in text
    # The ledger run and the cut-off it was made from.
    assert f"poslednja sinhronizacija pre preseka br. {issued.basis.run_id} (" in text and "presek podataka" in text
    assert issued.pages > 1 and f"Strana {issued.pages} od {issued.pages}" in pdf_text(pdf)


def test_the_published_report_shows_no_internal_chasing(
    demo: DemoLedger, plan: Plan, registry: InstitutionRegistry, tmp_path: Path
) -> None:
    """No institution's lateness, no reporting discipline, no reminders, no decisions or comments: what the
    internal Council report for the same ledger does show."""
    ledger = Ledger.open(demo.config.sync.ledger_url())
    try:
        council = make_council_report(
            demo.config, plan, registry, ledger, Period.parse("2017-12"), first=Period.parse("2017-12"),
            lang="sr-Latn", out=tmp_path / "council", record=False,
        )  # fmt: skip
    finally:
        ledger.close()
    internal = flat(council.files[0])
    published = public(demo, plan, registry, tmp_path / "public", record=False)
    text = flat(published.files[0])
    lateness = ["Disciplina izveštavanja", "Rad. dana zakašnjenja", "Sa zakašnjenjem"]
    assert all(words in internal for words in lateness)
    assert not [words for words in lateness if words in text]
    # "kasni 3 rad. dana", "sa zakašnjenjem" (not "kasnije" of the data line, nor "efikasno")
    assert not re.search(r"(?i)\bkasni\b|zakašnj|rad\. dana", text)
    for words in ("podset", "token", "Odluke Koordinatora", "Komentari", "Ko je izvestio"):
        assert words.casefold() not in text.casefold(), words
    # The institutions late in December 2017, as the brief names them ("MUP (3)"): none of them.
    expected = expected_reporting(demo, reporting_institutions(plan, registry), "2017-12")
    late = [f"{code} ({days})" for code, (state, days) in expected.items() if state == "late"]
    assert late and not [shown for shown in late if shown in text]
    sheets = openpyxl.load_workbook(published.files[1], read_only=True).sheetnames
    assert [s for s in sheets if not s.startswith("_")] == [
        "Sažetak", "Stepen sprovođenja", "Ocena aktivnosti", "Budžet", "Problemi i izazovi", "Korektivne mere"
    ]  # fmt: skip


def test_a_cyrillic_published_report_is_in_cyrillic(
    demo: DemoLedger, plan: Plan, registry: InstitutionRegistry, tmp_path: Path
) -> None:
    text = pdf_text(public(demo, plan, registry, tmp_path, "sr-Cyrl", record=False).files[0])
    assert len(CYRILLIC.findall(text)) > 1000
    assert "Годишњи извештај" in text and "Степен спровођења активности" in text


def test_the_final_report_adds_the_coordinators_texts(demo: DemoLedger, tmp_path: Path) -> None:
    source = texts_file(tmp_path / "zakljucci.xlsx", TEXTS)
    args = ["report", "public", "--year", "2018", "--final", "--texts", str(source), "--draft"]
    result = CliRunner().invoke(app, [*args, "--out", str(tmp_path), "--config", str(config_file(demo, tmp_path))])
    assert result.exit_code == 0, result.output
    pdf = tmp_path / "final-2017-2018-sr-Latn.pdf"
    text = flat(pdf)
    assert "Završni izveštaj" in text and "2018. godina, kraj perioda Strategije 2017–2018" in text
    for heading in ("Zaključci", "Preporuke Koordinatora", "Naučene lekcije", "Primeri dobre prakse"):
        assert heading in text
    for _, said in TEXTS:
        assert said in text
    # Numbered by kind, in the order entered.
    assert "1. Obezbediti stalni budžet za skloništa za žrtve. 2. Uvesti godišnji pregled pokazatelja." in text
    listed = rows(tmp_path / "final-2017-2018-sr-Latn.xlsx", "Zaključci")
    assert [(r[0], r[1]) for r in listed] == [
        ("Zaključci", TEXTS[0][1]),
        ("Preporuke Koordinatora", TEXTS[1][1]),
        ("Naučene lekcije", TEXTS[2][1]),
        ("Primeri dobre prakse", TEXTS[3][1]),
        ("Preporuke Koordinatora", TEXTS[4][1]),
    ]


def test_the_final_report_reads_the_masters_conclusions_sheet(
    plan: Plan, registry: InstitutionRegistry, tmp_path: Path
) -> None:
    demo = demo_ledger(plan, registry, tmp_path, f"sqlite:///{tmp_path / 'ledger.sqlite'}")
    master = demo.config.sync.master_path()
    book = openpyxl.load_workbook(master)
    sheet = book.create_sheet("Zaključci")
    for item in [("Vrsta", "Tekst"), *TEXTS[:2]]:
        sheet.append(list(item))
    book.save(master)
    issued = public(demo, plan, registry, tmp_path / "out", year=2018, final=True)
    text = flat(issued.files[0])
    assert TEXTS[0][1] in text and TEXTS[1][1] in text
    ledger = Ledger.open(demo.config.sync.ledger_url())
    try:
        [row] = ledger.issued("final")
    finally:
        ledger.close()
    assert (row.first_period, row.last_period, row.run_id) == ("2017", "2018", issued.basis.run_id)


@pytest.mark.parametrize(
    ("items", "cell"),
    [
        ([TEXTS[0], ("pouka", "Nešto."), TEXTS[1]], "A3"),  # an unknown kind
        ([TEXTS[0], TEXTS[1], ("preporuka", "   ")], "B4"),  # an empty text
    ],
)
def test_a_wrong_texts_file_is_refused_with_its_cell(
    demo: DemoLedger, tmp_path: Path, items: list[tuple[str, str]], cell: str
) -> None:
    source = texts_file(tmp_path / "texts.xlsx", items)
    args = ["report", "public", "--year", "2018", "--final", "--texts", str(source), "--draft"]
    result = CliRunner().invoke(
        app, [*args, "--out", str(tmp_path / "out"), "--config", str(config_file(demo, tmp_path))]
    )
    assert result.exit_code == 1
    assert f"{source}, list Zaključci, ćelija {cell}:" in result.stderr
    assert not (tmp_path / "out").exists()


def test_final_is_refused_for_a_year_that_is_not_the_plans_last(demo: DemoLedger, tmp_path: Path) -> None:
    args = ["report", "public", "--year", str(YEAR), "--final", "--draft", "--lang", "en"]
    result = CliRunner().invoke(
        app, [*args, "--out", str(tmp_path / "out"), "--config", str(config_file(demo, tmp_path))]
    )
    assert result.exit_code == 1 and "last year of the Strategy, 2018, not for 2017" in result.stderr
    assert not (tmp_path / "out").exists()


def test_as_of_reproduces_the_published_report_before_a_later_decision(
    plan: Plan, registry: InstitutionRegistry, tmp_path: Path
) -> None:
    demo = demo_ledger(plan, registry, tmp_path, f"sqlite:///{tmp_path / 'ledger.sqlite'}")
    first = public(demo, plan, registry, tmp_path / "a")
    listed = rows(first.files[1], "Ocena aktivnosti")
    activity = next(r[0] for r in listed if r[5] != "realizovana")
    ledger = Ledger.open(demo.config.sync.ledger_url())
    try:
        ledger.record_override(
            activity=str(activity), year=YEAR, assessment="completed", reason="later", author="C",
            at=dt.datetime.now(dt.UTC),
        )  # fmt: skip
    finally:
        ledger.close()
    now = public(demo, plan, registry, tmp_path / "b", record=False)
    again = public(demo, plan, registry, tmp_path / "c", as_of=first.basis.cut_off)
    assert [r[5] for r in rows(now.files[1], "Ocena aktivnosti") if r[0] == activity] == ["realizovana"]
    assert rows(again.files[1], "Ocena aktivnosti") == listed
    assert first.recorded and not again.recorded


def test_as_of_reproduces_the_final_reports_texts_after_the_conclusions_sheet_changed(
    plan: Plan, registry: InstitutionRegistry, tmp_path: Path
) -> None:
    """The texts a final report printed are kept with it: made again as of its cut-off, it prints them, not what
    the master's Conclusions sheet holds by then."""
    demo = demo_ledger(plan, registry, tmp_path, f"sqlite:///{tmp_path / 'ledger.sqlite'}")
    master = demo.config.sync.master_path()

    def conclusions(items: list[tuple[str, str]]) -> None:
        book = openpyxl.load_workbook(master)
        if "Zaključci" in book.sheetnames:
            del book["Zaključci"]
        sheet = book.create_sheet("Zaključci")
        for item in [("Vrsta", "Tekst"), *items]:
            sheet.append(list(item))
        book.save(master)

    conclusions(TEXTS[:2])
    first = public(demo, plan, registry, tmp_path / "a", year=2018, final=True)
    printed = rows(first.files[1], "Zaključci")
    assert [r[1] for r in printed] == [TEXTS[0][1], TEXTS[1][1]]
    conclusions(TEXTS[2:])  # the Coordinator works on the texts after issuing the report
    again = public(demo, plan, registry, tmp_path / "b", year=2018, final=True, as_of=first.basis.cut_off)
    assert rows(again.files[1], "Zaključci") == printed
    assert TEXTS[0][1] in flat(again.files[0]) and TEXTS[2][1] not in flat(again.files[0])
    now = public(demo, plan, registry, tmp_path / "c", year=2018, final=True, record=False)
    assert [r[1] for r in rows(now.files[1], "Zaključci")] == [t for _, t in TEXTS[2:]]
    # --texts still names other texts, as of any time
    source = texts_file(tmp_path / "other.xlsx", TEXTS[4:])
    named = public(demo, plan, registry, tmp_path / "d", year=2018, final=True, texts=source, as_of=first.basis.cut_off)
    assert [r[1] for r in rows(named.files[1], "Zaključci")] == [TEXTS[4][1]]
    assert first.recorded and not again.recorded and not named.recorded


def test_the_published_report_defines_the_degrees_as_the_strategy_does(
    demo: DemoLedger, plan: Plan, registry: InstitutionRegistry, tmp_path: Path
) -> None:
    """Published (seed 10.4), the assessment is the Coordinator's (10.3), whose latest decision may differ from
    apmon's proposal: the report gives the Strategy's meaning of each degree, not apmon's rule for proposing one
    ("completed when every task is") as if it were the definition."""
    text = flat(public(demo, plan, registry, tmp_path, "en", record=False).files[0])
    assert_defined_as_in_10_3(text)
    assert "completed when every task is" not in text


def test_the_conclusions_typed_without_diacritics_are_read(tmp_path: Path) -> None:
    """A Coordinator on an English keyboard names the master's sheet "Zakljucci" and writes "naucena lekcija": the
    status of a task typed so is read, and these were refused as a missing sheet and an unknown kind."""
    from apmon.sync.final_texts import read_texts

    path = texts_file(tmp_path / "master.xlsx", [("zakljucak", "Prvi."), ("naucena lekcija", "Drugi.")], "Zakljucci")
    book = openpyxl.load_workbook(path)
    book.create_sheet("Pregled", 0)  # a master's other sheets: the sheet is found by its name
    book.save(path)
    read = read_texts(path, "sr-Latn")
    assert [(t.kind, t.text) for t in read] == [("conclusion", "Prvi."), ("lesson", "Drugi.")]
