"""LibreOffice, for tests that have another spreadsheet program open a workbook and save it again."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

needs_libreoffice = pytest.mark.skipif(
    shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed; .ci/run installs it"
)


def resave_xlsx(path: Path, work: Path) -> Path:
    """The workbook at `path` opened and saved again as xlsx by LibreOffice, into work/resaved/."""
    out = work / "resaved"
    subprocess.run(
        [
            "soffice", "--headless", "--norestore", f"-env:UserInstallation=file://{work}/lo-profile",
            "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", str(out), str(path),
        ],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    return out / path.name
