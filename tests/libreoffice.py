"""LibreOffice, for tests that have another spreadsheet program open a workbook and save it again."""

from __future__ import annotations

import json
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


def _has_uno() -> bool:
    python = shutil.which("python3", path="/usr/bin")
    return python is not None and subprocess.run([python, "-c", "import uno"], capture_output=True).returncode == 0


needs_typing = pytest.mark.skipif(
    shutil.which("soffice") is None or not _has_uno(),
    reason="LibreOffice with its Python bridge (python3-uno) is not installed; .ci/run installs them",
)

# Run by the system Python, which has LibreOffice's bridge: opens the workbook, puts each text into its cell as a
# person does (the input line: what is typed is read as a number, date or formula in the office's locale), saves.
_TYPE_SCRIPT = r"""
import json, os, subprocess, sys, time
import uno
from com.sun.star.beans import PropertyValue

def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p

source, target, profile, locale, typed = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], json.loads(sys.argv[5])
pipe = "apmon-typing-%d" % os.getpid()
office = subprocess.Popen(["soffice", "--headless", "--invisible", "--norestore", "-env:UserInstallation=" + profile,
                           "--accept=pipe,name=%s;urp;" % pipe], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
try:
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    for _ in range(300):
        try:
            context = resolver.resolve("uno:pipe,name=%s;urp;StarOffice.ComponentContext" % pipe)
            break
        except Exception:
            time.sleep(0.1)
    manager = context.ServiceManager
    settings = manager.createInstanceWithContext("com.sun.star.configuration.ConfigurationProvider", context)
    l10n = settings.createInstanceWithArguments(
        "com.sun.star.configuration.ConfigurationUpdateAccess", (prop("nodepath", "/org.openoffice.Setup/L10N"),))
    l10n.setPropertyValue("ooSetupSystemLocale", locale)
    l10n.commitChanges()
    desktop = manager.createInstanceWithContext("com.sun.star.frame.Desktop", context)
    doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(source), "_blank", 0, (prop("Hidden", True),))
    for sheet_name, cell, text in typed:
        # FormulaLocal takes a cell's content as the input line does: in the office's locale, by the cell's format.
        doc.Sheets.getByName(sheet_name).getCellRangeByName(cell).FormulaLocal = text
    doc.storeToURL(uno.systemPathToFileUrl(target), (prop("FilterName", "Calc MS Excel 2007 XML"),))
    doc.close(True)
    try:
        desktop.terminate()
    except Exception:
        pass  # the office closes the connection as it quits
finally:
    try:
        office.wait(timeout=60)
    except subprocess.TimeoutExpired:
        office.kill()
"""


def type_into(path: Path, work: Path, typed: list[tuple[str, str, str]], locale: str = "sr-Latn-RS") -> Path:
    """The workbook at `path` with each (sheet, cell, text) typed in by LibreOffice in `locale`, saved as xlsx into
    work/typed/ (Excel reads typed text the same way: "1.10" is a date where the decimal separator is a comma)."""
    out = work / "typed" / path.name
    out.parent.mkdir(parents=True, exist_ok=True)
    arguments = [str(path.resolve()), str(out.resolve()), (work / "lo-typing").resolve().as_uri(), locale]
    subprocess.run(
        ["/usr/bin/python3", "-c", _TYPE_SCRIPT, *arguments, json.dumps(typed)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    return out
