"""A long text an officer types, printed in the Coordinator's PDF reports (the Council's, the annual evaluation, the
final report print typed problems and measures whole). A cell holds up to 32,767 characters. Printed as it was, a
run of characters without a space made WeasyPrint's line breaking take the square of the run's length: 1,000
characters took 1.7 s to lay out, 4,000 took 31 s, one cell of 30,000 over ten minutes (found December 2026), so one
officer's cell held up the Council report and the scheduled job that makes it. On paper a text now has at most
PAPER_TEXT_CHARS characters (the xlsx beside it keeps it whole) and a run of characters breaks every
PAPER_RUN_CHARS at an invisible break (U+200B), not by the layout engine."""

from __future__ import annotations

import datetime as dt
import gc
import re
import shutil
import subprocess
import time
from pathlib import Path

import openpyxl
import pytest

from apmon.schemas.calendar import DeadlinePolicy, Period
from apmon.schemas.institutions import InstitutionRegistry
from apmon.schemas.messages import Lang, text_of
from apmon.schemas.plan import Plan
from apmon.sync.consolidate import Submission
from apmon.sync.report_content import Basis, ProblemLine, council_report
from apmon.sync.report_writer import (
    PAPER_RUN_CHARS,
    PAPER_TEXT_CHARS,
    Section,
    _pdf,
    _printed,
    _problem_table,
    _Words,
    write_council_report,
)
from tests.pure_data import PLAN, REGISTRY, report, task

EXCEL_CELL = 32_767
NOW = dt.datetime(2018, 5, 10, 8, tzinfo=dt.UTC)
BASIS = Basis(run_id=1, run_finished_at=NOW, cut_off=NOW)
# What an officer may paste: a path or link, a line of underscores, words glued by characters that forbid a break
# or break nothing (a no-break space, a word joiner), or that break invisibly (a zero-width space)
UNITS = ["x", "\\\\server\\share\\", "_", "riječ\u00a0", "abc\u2060", "x" * 30 + "\u200b"]


def _problems(w: _Words, text: str, measures: str = "") -> Section:
    lines = [
        ProblemLine(period="2018-04", institution="MZ", task="2.1.2", kind="problem", text="Prvi problem."),
        ProblemLine(period="2018-04", institution="MUP", task="1.1.1", kind="problem", text=text, measures=measures),
        ProblemLine(period="2018-04", institution="MUP", task="1.1.2", kind="risk", text="Treći problem."),
    ]
    return Section("Problemi", _problem_table(w, "Problemi", lines))


def _runs(text: str) -> list[str]:
    """The runs of characters a line may not break within: those between spaces, tabs, line breaks and U+200B."""
    return [run for run in re.split(r"[ \t\n\u200b]+", text) if run]


@pytest.mark.parametrize("unit", UNITS)
def test_a_long_typed_text_is_printed_short_and_in_runs_that_break(
    plan: Plan, registry: InstitutionRegistry, unit: str
) -> None:
    w = _Words(plan, registry, "sr-Latn")
    typed = (unit * (EXCEL_CELL // len(unit) + 1))[:EXCEL_CELL]
    (printed,) = _printed([_problems(w, typed, measures=typed)], "sr-Latn", None)
    row = printed["table"]["rows"][1]
    for shown in (row[4], row[5]):  # the problem and the measures
        assert len(shown) <= PAPER_TEXT_CHARS + PAPER_TEXT_CHARS // PAPER_RUN_CHARS + 1
        assert shown.endswith("…")
        assert max(map(len, _runs(shown))) <= PAPER_RUN_CHARS
        assert shown.replace("\u200b", "")[:-1] == typed.replace("\u200b", "")[: len(shown.replace("\u200b", "")) - 1]
    assert printed["table"]["rows"][0][4] == "Prvi problem."  # a short text is printed as typed


def test_a_text_within_the_bounds_is_printed_whole() -> None:
    link = "https://www.mz.gov.rs/dokumenti/izvestaj-o-radu-2018.pdf"
    w_text = f"Vidi {link} za detalje."
    from apmon.sync.report_writer import _cell

    shown = _cell(w_text, "text", "sr-Latn", None)
    assert shown.replace("\u200b", "") == w_text  # nothing lost but the invisible breaks
    assert max(map(len, _runs(shown))) <= PAPER_RUN_CHARS


def _seconds(plan: Plan, registry: InstitutionRegistry, text: str) -> float:
    """The shortest of two layouts of the problems table holding `text` (the machine is shared)."""
    w = _Words(plan, registry, "sr-Latn")
    times = []
    gc.disable()
    try:
        for _ in range(2):
            start = time.process_time()
            _pdf(w, "Izveštaj Savetu", "2018-04", BASIS, NOW, [_problems(w, text)], [], title_page=False)
            times.append(time.process_time() - start)
    finally:
        gc.enable()
    return min(times)


def test_laying_out_a_long_run_does_not_take_the_square_of_its_length(
    plan: Plan, registry: InstitutionRegistry
) -> None:
    """No wall-clock limit: how the time grows when the run is four times as long (16x when quadratic, as before;
    31 s against 1.7 s on this machine). The longer one is cut on paper, so it may take no longer than the shorter."""
    short, long = _seconds(plan, registry, "x" * 1000), _seconds(plan, registry, "x" * 4000)
    baseline = _seconds(plan, registry, "x")
    assert (long - baseline) < 4 * max(short - baseline, 0.05), (baseline, short, long)


def test_the_pdf_shows_every_row_and_the_start_of_the_long_text(
    plan: Plan, registry: InstitutionRegistry, tmp_path: Path
) -> None:
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext (poppler-utils) is not installed")
    w = _Words(plan, registry, "sr-Latn")
    typed = "PROBLEM" + "x" * (EXCEL_CELL - 7)
    pdf, _ = _pdf(w, "Izveštaj Savetu", "2018-04", BASIS, NOW, [_problems(w, typed)], [], title_page=False)
    path = tmp_path / "council.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert "Prvi problem." in text and "Treći problem." in text and "PROBLEMxxx" in text


@pytest.mark.parametrize("lang", ["sr-Latn", "sr-Cyrl", "en"])
def test_a_text_cut_on_the_council_pdf_says_so_and_where_it_is_whole(tmp_path: Path, lang: Lang) -> None:
    """Found December 2026: a problem longer than PAPER_TEXT_CHARS ended on the signed PDF in "…" alone, with no word
    that the text went on, nor where. The PDF now says how much of it is printed and the xlsx file, sheet and cell
    that hold it whole; that cell, read with openpyxl, holds the text as typed."""
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext (poppler-utils) is not installed")
    typed = ("Obuka policijskih službenika je odložena. " * 200).strip()  # 8,399 characters, in words
    mup = report("MUP", "2018-03", tasks=[task("1.1.1", 5, status="in-progress", problems=typed)])
    at = dt.datetime(2018, 5, 10, 8, tzinfo=dt.UTC)
    submission = Submission(file=mup.source, received_at=at, readable=True, valid=True, institution="MUP",
                            period="2018-03", kind="monthly", on_time=True, days_late=0, report=mup)  # fmt: skip
    march = Period.parse("2018-03")
    made = council_report(PLAN, REGISTRY, [submission], [submission], march, march, BASIS, DeadlinePolicy())
    (pdf, xlsx), _ = write_council_report(made, PLAN, REGISTRY, lang, tmp_path, at)
    printed = subprocess.run(["pdftotext", "-nodiag", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    words = " ".join(printed.replace("\u200b", "").split())

    groups = {"shown": "[0-9.,]+", "length": "[0-9.,]+", "file": "\\S+", "sheet": ".+?", "cell": "[A-Z]+[0-9]+"}
    pattern = re.escape(text_of("report.cut", lang, **{name: f"<{name}>" for name in groups}))
    for name, group in groups.items():
        pattern = pattern.replace(re.escape(f"<{name}>"), f"(?P<{name}>{group})")
    note = re.search(pattern, words)
    assert note is not None, words[-3000:]
    # pdftotext joins a word broken at a hyphen at a line's end, and drops the hyphen: the name is compared without.
    assert note["file"].replace("-", "") == xlsx.name.replace("-", "")
    assert int(note["length"].replace(".", "").replace(",", "")) == len(typed)
    whole = openpyxl.load_workbook(xlsx)[note["sheet"]][note["cell"]].value
    assert whole == typed
    shown = int(note["shown"].replace(".", "").replace(",", ""))
    assert shown < len(typed) and " ".join(typed[: shown - 40].split()) in words
