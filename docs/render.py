"""Render built templates to PNG pictures for the docs: xlsx -> PDF (LibreOffice headless) -> PNG (pdftoppm).

    .venv/bin/python docs/render.py

Needs the Debian packages libreoffice-calc-nogui and poppler-utils.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from schemas.calendar import Period  # noqa: E402
from templates.build import layouts, write_xlsx_templates  # noqa: E402
from templates.plan_file import load_plan, load_registry  # noqa: E402

# (institution, period, language, page of the PDF, picture name): each sheet starts a page.
PICTURES = [
    ("MUP", "2018-03", "sr-Latn", 2, "template-monthly-tasks.png"),
    ("MZ", "2018-03", "sr-Cyrl", 4, "template-monthly-indicators-cyrillic.png"),
    ("MRZBSP", "2018", "en", 4, "template-annual-activities.png"),
]


def to_pdf(xlsx: Path, out_dir: Path, profile: Path) -> Path:
    subprocess.run(
        ["soffice", "--headless", "--norestore", f"-env:UserInstallation=file://{profile}",
         "--convert-to", "pdf", "--outdir", str(out_dir), str(xlsx)],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    return out_dir / (xlsx.stem + ".pdf")


def to_png(pdf: Path, page: int, target: Path) -> None:
    stem = target.with_suffix("")
    subprocess.run(
        ["pdftoppm", "-png", "-r", "80", "-f", str(page), "-l", str(page), "-singlefile", str(pdf), str(stem)],
        check=True, timeout=120,
    )


def main() -> None:
    for tool in ("soffice", "pdftoppm"):
        if shutil.which(tool) is None:
            sys.exit(f"Error: {tool} is not installed (apt-get install libreoffice-calc-nogui poppler-utils)")
    registry = load_registry()
    plan = load_plan(None, registry)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for code, period, lang, page, name in PICTURES:
            built = layouts(plan, registry, [code], Period.parse(period), lang)  # type: ignore[arg-type]
            (result,) = write_xlsx_templates(built, work)
            to_png(to_pdf(Path(result.target), work, work / "profile"), page, ROOT / "docs" / name)
            print(f"docs/{name}")


if __name__ == "__main__":
    main()
