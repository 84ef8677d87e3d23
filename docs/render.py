"""Render built templates, the demo's master workbook and the demo's Coordinator reports to PNG pictures for the
docs: xlsx -> PDF (LibreOffice headless) -> PNG (pdftoppm); the reports are PDFs already.

    .venv/bin/python docs/render.py

Needs the Debian packages libreoffice-calc-nogui and poppler-utils, and fonts-crosextra-carlito (Calibri's metrics:
without it LibreOffice lays the sheets out in a wider font and prints them smaller than Excel does).
Each picture is one printed A4 page at RESOLUTION dots per inch.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from apmon.schemas.calendar import Period  # noqa: E402
from apmon.templates.build import layouts, write_xlsx_templates  # noqa: E402
from apmon.templates.plan_file import load_plan, load_registry  # noqa: E402

# (institution, period, language, text only that sheet prints, picture name): one printed page of each.
PICTURES = [
    ("MUP", "2018-03", "sr-Latn", "Zadaci: stanje i napredak", "template-monthly-tasks.png"),
    ("MUP", "2018-03", "sr-Cyrl", "Задаци: стање и напредак", "template-monthly-tasks-cyrillic.png"),
    ("MZ", "2018-03", "sr-Cyrl", "Показатељи активности", "template-monthly-indicators-cyrillic.png"),
    ("MUP", "2018-03", "sr-Latn", "Budžet: planirano i utrošeno", "template-monthly-budget.png"),
    ("MRZBSP", "2018", "en", "Activities: annual assessment", "template-annual-activities.png"),
]
RESOLUTION = "70"  # dots per inch: an A4 page is about 820 x 580 pixels


# The locale LibreOffice formats numbers in, as the reader's Excel would: 1.234,50 in Serbian, either script.
LOCALES = {"sr-Latn": "sr_RS.UTF-8@latin", "sr-Cyrl": "sr_RS.UTF-8@latin", "en": "en_GB.UTF-8"}


def to_pdf(xlsx: Path, out_dir: Path, profile: Path, lang: str) -> Path:
    locale = {"LC_ALL": LOCALES[lang], "LANG": LOCALES[lang]}
    subprocess.run(
        [
            "soffice",
            "--headless",
            "--norestore",
            f"-env:UserInstallation=file://{profile}",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out_dir),
            str(xlsx),
        ],
        check=True,
        capture_output=True,
        timeout=300,
        env={**os.environ, **locale},
    )
    return out_dir / (xlsx.stem + ".pdf")


def to_png(pdf: Path, page: int, target: Path) -> None:
    stem = target.with_suffix("")
    subprocess.run(
        ["pdftoppm", "-png", "-r", RESOLUTION, "-f", str(page), "-l", str(page), "-singlefile", str(pdf), str(stem)],
        check=True,
        timeout=120,
    )


# Master sheets to picture: (text only that sheet prints, picture name).
MASTER_PICTURES = [
    ("Praćenje Akcionog plana: pregled", "master-overview.png"),
    ("Svaki zadatak se broji jednom", "master-objectives.png"),  # the Overview's chart has the sheet's title too
    ("Stanje aktivnosti i zadataka", "master-status.png"),
    ("Budžet: planirano i utrošeno po", "master-budget.png"),
    ("Pokazatelji po institucijama", "master-indicators.png"),
    ("Prijavljeni problemi, korektivne", "master-problems.png"),
]


def page_with(pdf: Path, title: str) -> int:
    """The first page of the PDF whose text contains `title`."""
    pages = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    count = int(next(line.split()[-1] for line in pages.splitlines() if line.startswith("Pages:")))
    for page in range(1, count + 1):
        text = subprocess.run(
            ["pdftotext", "-f", str(page), "-l", str(page), str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout
        if title in text:
            return page
    raise SystemExit(f"Error: no page of {pdf} shows {title!r}")


# Coordinator reports to picture, made from the demo as drafts: (the `apmon report` words, page, picture name). The
# final report is left out: it needs the Coordinator's conclusions, which the demo does not write.
REPORT_PICTURES = [
    (["minister", "--period", "2018-12"], 1, "report-minister.png"),
    (["council", "--to", "2018-12", "--lang", "sr-Cyrl"], 2, "report-council-cyrillic.png"),
    (["annual", "--year", "2017"], 2, "report-annual.png"),
]


def apmon(*words: str) -> None:
    subprocess.run([sys.executable, "-m", "apmon.cli.app", *words], check=True, cwd=ROOT, capture_output=True)


def render_master(demo: Path, work: Path) -> None:
    pdf = to_pdf(demo / "master.xlsx", work, work / "profile", "sr-Latn")  # the demo's master: Serbian (Latin)
    for title, name in MASTER_PICTURES:
        to_png(pdf, page_with(pdf, title), ROOT / "docs" / name)
        print(f"docs/{name}")


def render_reports(demo: Path, work: Path) -> None:
    for words, page, name in REPORT_PICTURES:
        out = work / name
        apmon("report", *words, "--draft", "--out", str(out), "--config", str(demo / "apmon.toml"))
        (pdf,) = out.glob("*.pdf")
        to_png(pdf, page, ROOT / "docs" / name)
        print(f"docs/{name}")


def main() -> None:
    for tool in ("soffice", "pdftoppm"):
        if shutil.which(tool) is None:
            sys.exit(f"Error: {tool} is not installed (apt-get install libreoffice-calc-nogui poppler-utils)")
    registry = load_registry()
    plan = load_plan(None, registry)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for code, period, lang, title, name in PICTURES:
            built = layouts(plan, registry, [code], Period.parse(period), lang)  # type: ignore[arg-type]
            (result,) = write_xlsx_templates(built, work)
            pdf = to_pdf(Path(result.target), work, work / "profile", lang)
            to_png(pdf, page_with(pdf, title), ROOT / "docs" / name)
            print(f"docs/{name}")
        demo = work / "demo"
        apmon("demo", "--dir", str(demo))
        render_master(demo, work)
        render_reports(demo, work)


if __name__ == "__main__":
    main()
