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
import os
import re
import shutil
import subprocess
import sys
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


def council_with_problem(tmp_path: Path, lang: Lang, typed: str) -> tuple[str, Path]:
    """A Council report of March whose one problem is `typed`: its PDF's words (as pdftotext reads them) and its
    xlsx."""
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext (poppler-utils) is not installed")
    mup = report("MUP", "2018-03", tasks=[task("1.1.1", 5, status="in-progress", problems=typed)])
    at = dt.datetime(2018, 5, 10, 8, tzinfo=dt.UTC)
    submission = Submission(file=mup.source, received_at=at, readable=True, valid=True, institution="MUP",
                            period="2018-03", kind="monthly", on_time=True, days_late=0, report=mup)  # fmt: skip
    march = Period.parse("2018-03")
    made = council_report(PLAN, REGISTRY, [submission], [submission], march, march, BASIS, DeadlinePolicy())
    (pdf, xlsx), _ = write_council_report(made, PLAN, REGISTRY, lang, tmp_path, at)
    printed = subprocess.run(["pdftotext", "-nodiag", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return " ".join(printed.replace("\u200b", "").split()), xlsx


def note_in(words: str, key: str, lang: Lang) -> re.Match[str] | None:
    """The note `key` of the catalogue as printed in `words`, its fields as groups; None when it is not there."""
    groups = {"shown": "[0-9.,]+", "length": "[0-9.,]+", "kept": "[0-9.,]+", "file": "\\S+", "sheet": ".+?"}
    groups["count"] = "[0-9.,]+"
    groups["cell"] = "[A-Z]+[0-9]+"
    pattern = re.escape(text_of(key, lang, **{name: f"<{name}>" for name in groups}))
    for name, group in groups.items():
        pattern = pattern.replace(re.escape(f"<{name}>"), f"(?P<{name}>{group})", 1)
    return re.search(pattern, words)


def figure(said: str) -> int:
    return int(said.replace(".", "").replace(",", ""))


@pytest.mark.parametrize("lang", ["sr-Latn", "sr-Cyrl", "en"])
def test_a_text_cut_on_the_council_pdf_says_so_and_where_it_is_whole(tmp_path: Path, lang: Lang) -> None:
    """Found December 2026: a problem longer than PAPER_TEXT_CHARS ended on the signed PDF in "…" alone, with no word
    that the text went on, nor where. The PDF now says how much of it is printed and the xlsx file, sheet and cell
    that hold it whole; that cell, read with openpyxl, holds the text as typed."""
    typed = ("Obuka policijskih službenika je odložena. " * 200).strip()  # 8,399 characters, in words
    words, xlsx = council_with_problem(tmp_path, lang, typed)

    note = note_in(words, "report.cut", lang)
    assert note is not None, words[-3000:]
    # pdftotext joins a word broken at a hyphen at a line's end, and drops the hyphen: the name is compared without.
    assert note["file"].replace("-", "") == xlsx.name.replace("-", "")
    assert figure(note["length"]) == len(typed)
    whole = openpyxl.load_workbook(xlsx)[note["sheet"]][note["cell"]].value
    assert whole == typed
    shown = figure(note["shown"])
    assert shown < len(typed) and " ".join(typed[: shown - 40].split()) in words


@pytest.mark.parametrize("lang", ["sr-Latn", "sr-Cyrl", "en"])
def test_a_text_longer_than_an_excel_cell_is_not_said_whole_in_the_xlsx(tmp_path: Path, lang: Lang) -> None:
    """Found in review, December 2026: a Google Sheet's cell holds up to 50,000 characters, an Excel cell 32,767, so
    the xlsx beside the PDF holds such a text cut, yet the PDF said the whole text was in its cell. It now says how
    much that cell holds (its first characters, as many as an Excel cell takes), and that the whole text is in the
    institution's report."""
    typed = ("Obuka policijskih službenika je odložena. " * 1000).strip()  # 41,999 characters
    assert len(typed) > EXCEL_CELL
    words, xlsx = council_with_problem(tmp_path, lang, typed)

    assert note_in(words, "report.cut", lang) is None  # it said the cell held the text whole
    note = note_in(words, "report.cut_beyond_cell", lang)
    assert note is not None, words[-3000:]
    assert note["file"].replace("-", "") == xlsx.name.replace("-", "")
    assert figure(note["length"]) == len(typed)
    kept = figure(note["kept"])
    held = openpyxl.load_workbook(xlsx)[note["sheet"]][note["cell"]].value
    assert len(held) <= EXCEL_CELL and held.startswith(typed[:kept]) and kept < len(typed)
    assert held[kept:] in ("", "…")  # the cell holds those characters, and at most the mark that it is cut


@pytest.mark.parametrize("lang", ["sr-Latn", "sr-Cyrl", "en"])
def test_a_text_with_characters_the_pdfs_font_lacks_says_so_and_where_it_is_whole(tmp_path: Path, lang: Lang) -> None:
    """Found December 2026: a problem typed with characters the reports' font (DejaVu Sans) has no glyph for, Chinese
    or a flag, was printed on the signed PDF as empty boxes on this machine (another machine's fonts may draw them),
    with no word that anything was missing. The PDF now says how many it cannot show and the xlsx cell holding them."""
    from fontTools.ttLib import TTFont

    from apmon.sync.report_writer import FONT

    typed = "Partner iz Šangaja (上海) 🇷🇸 dostavio je izveštaj."
    drawn = TTFont(str(FONT)).getBestCmap()
    lacking = [ch for ch in typed if ord(ch) not in drawn and not ch.isspace()]
    assert len(lacking) == 4, lacking  # 上, 海 and the flag's two regional letters: the check has teeth
    words, xlsx = council_with_problem(tmp_path, lang, typed)
    note = note_in(words, "report.unprintable", lang)
    assert note is not None, words
    assert figure(note["count"]) == len(lacking) - 1 and note["file"] == xlsx.name  # the flag is one, as seen
    assert openpyxl.load_workbook(xlsx)[note["sheet"]][note["cell"]].value == typed


def test_the_characters_the_pdf_cannot_show_are_counted_in_what_it_prints(
    plan: Plan, registry: InstitutionRegistry
) -> None:
    """Found in review: a text cut on paper had the characters its font lacks counted in the part not printed too, so
    the PDF said it could not show characters it never printed (a text whose only such ones were past the cut had the
    note, with nothing missing on paper)."""
    from fontTools.ttLib import TTFont

    from apmon.sync.report_writer import FONT

    drawn = TTFont(str(FONT)).getBestCmap()
    w = _Words(plan, registry, "en")
    head, tail = "上海\n\t" + "x" * PAPER_TEXT_CHARS, " 东京北京"  # a line break, a tab: drawn as nothing, no glyph
    sections = [_problems(w, head + tail), _problems(w, "Partner. " + head[4:] + tail)]
    shown, shown_without = (printed["table"]["rows"][1][4] for printed in _printed(sections, "en", None, "c.xlsx"))
    body = shown[: shown.index(" [")]  # the text as printed, before the notes
    note = note_in(shown, "report.unprintable", "en")
    assert note is not None, shown
    assert figure(note["count"]) == sum(1 for ch in body if ord(ch) not in drawn and not ch.isspace()) == 2
    assert note_in(shown_without, "report.unprintable", "en") is None, shown_without


# Each what a reader sees as one character (a grapheme cluster), though several code points: a flag (two regional
# letters; two flags side by side are two), an emoji with a skin tone, a family joined by ZWJ, a Thai letter with its
# vowel mark, a keycap, a subdivision's flag (tag characters); and two Chinese characters, one each
SEEN_AS_ONE = [
    "\U0001f1f7\U0001f1f8",
    "\U0001f1eb\U0001f1f7",
    "\U0001f44d\U0001f3fd",
    "\U0001f468\u200d\U0001f469\u200d\U0001f467",
    "\u0e01\u0e34",
    "1\ufe0f\u20e3",
    "\U0001f3f4\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f",
    "上",
    "海",
]


def test_the_characters_the_font_lacks_are_counted_as_a_reader_sees_them(
    plan: Plan, registry: InstitutionRegistry
) -> None:
    """A flag (two regional-indicator letters) was counted as two characters the font lacks, a family emoji as five:
    the note's figure is what a reader of the PDF sees as characters."""
    from fontTools.ttLib import TTFont

    from apmon.sync.report_writer import FONT

    drawn = TTFont(str(FONT)).getBestCmap()
    lacking = [seen for seen in SEEN_AS_ONE if any(ord(ch) not in drawn for ch in seen if ch != "\u200d")]
    assert lacking == SEEN_AS_ONE  # every one has a code point the font lacks: the check has teeth
    w = _Words(plan, registry, "en")
    [printed] = _printed([_problems(w, "Partner: " + "".join(SEEN_AS_ONE) + ".")], "en", None, "c.xlsx")
    note = note_in(printed["table"]["rows"][1][4], "report.unprintable", "en")
    assert note is not None and figure(note["count"]) == len(lacking), printed["table"]["rows"][1][4]


def _font_for(path: Path, characters: str) -> None:
    """A TrueType font at `path`, family "Fallback Han", with a glyph (a square) for each of `characters`."""
    from fontTools.fontBuilder import FontBuilder
    from fontTools.pens.ttGlyphPen import TTGlyphPen

    pen = TTGlyphPen(None)
    for x, y in ((100, 0), (100, 700), (900, 700), (900, 0)):
        (pen.lineTo if x != 100 or y != 0 else pen.moveTo)((x, y))
    pen.closePath()
    names = [".notdef", *(f"uni{ord(ch):04X}" for ch in characters)]
    font = FontBuilder(1000, isTTF=True)
    font.setupGlyphOrder(names)
    font.setupCharacterMap({ord(ch): f"uni{ord(ch):04X}" for ch in characters})
    font.setupGlyf(dict.fromkeys(names, pen.glyph()))
    font.setupHorizontalMetrics(dict.fromkeys(names, (1000, 100)))
    font.setupHorizontalHeader(ascent=880, descent=-120)
    font.setupNameTable({"familyName": "Fallback Han", "styleName": "Regular"})
    font.setupOS2(sTypoAscender=880, usWinAscent=880, usWinDescent=120)
    font.setupPost()
    path.parent.mkdir(parents=True, exist_ok=True)
    font.save(str(path))


@pytest.mark.parametrize("lang", ["sr-Latn", "sr-Cyrl", "en"])
def test_the_note_on_characters_the_font_lacks_holds_where_another_font_draws_them(tmp_path: Path, lang: Lang) -> None:
    """Found in review: on a computer with a font for them (Windows has Chinese ones), WeasyPrint draws the characters
    the reports' font lacks in that font, and the note said the PDF could not show them, on the page that showed them.
    The note says what holds on every computer: the reports' font lacks them, and where they print as empty boxes."""
    if not shutil.which("pdffonts"):
        pytest.skip("pdffonts (poppler-utils) is not installed")
    _font_for(tmp_path / "fonts" / "FallbackHan.ttf", "上海")
    conf = tmp_path / "fonts.conf"
    conf.write_text(
        '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
        '<include ignore_missing="yes">/etc/fonts/fonts.conf</include>'
        f"<dir>{tmp_path / 'fonts'}</dir><cachedir>{tmp_path / 'cache'}</cachedir></fontconfig>",
        encoding="utf-8",
    )
    made = tmp_path / "made"
    made.mkdir()
    code = (  # in a process of its own: fontconfig reads its configuration once
        "import sys; from pathlib import Path; from tests.test_report_long_texts import council_with_problem; "
        f"print(council_with_problem(Path(sys.argv[1]), {lang!r}, 'Partner iz Šangaja (上海).')[0])"
    )
    root = Path(__file__).resolve().parents[1]
    env = {**os.environ, "FONTCONFIG_FILE": str(conf)}
    done = subprocess.run(
        [sys.executable, "-c", code, str(made)], capture_output=True, text=True, env=env, cwd=root, check=True
    )
    [pdf] = made.glob("*.pdf")
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, env=env, check=True).stdout
    assert "Fallback-Han" in fonts, fonts  # the two characters are drawn, in the other font
    note = note_in(done.stdout, "report.unprintable", lang)
    assert note is not None and figure(note["count"]) == 2, done.stdout
    said = text_of("report.unprintable", lang, count="2", file="f", sheet="s", cell="A1")
    assert not re.search(r"cannot show|ne može da prikaže|не може да прикаже", said), said


@pytest.mark.parametrize("lang", ["sr-Latn", "sr-Cyrl", "en"])
def test_a_brief_says_the_text_with_characters_the_font_lacks_is_whole_in_the_institutions_report(
    plan: Plan, registry: InstitutionRegistry, lang: Lang
) -> None:
    """A brief (its texts cut to fit two pages) has no xlsx beside it: its note names the institution's report, and
    counts what it prints of the text."""
    w = _Words(plan, registry, lang)
    (printed,) = _printed([_problems(w, "Partner iz Šangaja (上海). " + "x" * 300 + " 东京")], lang, 100)
    shown = printed["table"]["rows"][1][4]
    note = re.search(re.escape(text_of("report.unprintable_here", lang, count="<n>")).replace("<n>", "([0-9]+)"), shown)
    assert note is not None and int(note[1]) == 2, shown
    assert note_in(shown, "report.unprintable", lang) is None, shown
