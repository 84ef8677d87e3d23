"""The dependency rules of the rooms (pyproject.toml [tool.importlinter]): lower rooms never import higher ones,
pure modules import no I/O library. Runs the real `lint-imports` on the tree, and on copies with one bad import."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CONFIG = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]
ROOMS: list[str] = CONFIG["root_packages"]
PURE, IO_LIBRARIES = next(
    (c["source_modules"], c["forbidden_modules"]) for c in CONFIG["contracts"] if c["type"] == "forbidden"
)


def lint_imports(tree: Path) -> subprocess.CompletedProcess[str]:
    """`lint-imports` on the rooms found first on the path in `tree` (the repository, or a copy of it in
    tree/apmon/<room>)."""
    return subprocess.run(
        [str(Path(sys.executable).parent / "lint-imports"), "--no-cache", "--config", str(tree / "pyproject.toml")],
        cwd=tree,
        env={**os.environ, "PYTHONPATH": str(tree)},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_tree_keeps_every_contract() -> None:
    done = lint_imports(ROOT)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 broken" in done.stdout


@pytest.mark.parametrize(
    ("module", "line", "broken"),
    [
        ("sync/consolidate.py", "import openpyxl", "Pure modules import no I/O library"),
        ("schemas/text.py", "import gspread", "Pure modules import no I/O library"),
        ("templates/layout.py", "from apmon.templates import read_xlsx", "Pure modules import no I/O library"),
        ("templates/gsheet.py", "import apmon.sync.run", "Rooms: a lower room never imports a higher one"),
        ("sync/run.py", "import apmon.addin.functions", "Rooms: a lower room never imports a higher one"),
    ],
)
def test_one_bad_import_breaks_a_contract(tmp_path: Path, module: str, line: str, broken: str) -> None:
    for room in ROOMS:  # apmon.<room> is the folder <room> of the repository
        folder = room.removeprefix("apmon.")
        shutil.copytree(ROOT / folder, tmp_path / "apmon" / folder, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    target = tmp_path / "apmon" / module
    target.write_text(target.read_text(encoding="utf-8") + f"\n{line}  # injected by the test\n", encoding="utf-8")
    done = lint_imports(tmp_path)
    assert done.returncode == 1, done.stdout + done.stderr
    assert f"{broken} BROKEN" in done.stdout
    assert "apmon." + module.removesuffix(".py").replace("/", ".") in done.stdout.split("Broken contracts")[1]


def test_importing_a_pure_module_loads_no_io_library() -> None:
    """What the contract means at run time, package __init__ files included."""
    pure = [m for m in PURE if m != "apmon.schemas"] + [
        f"apmon.schemas.{p.stem}" for p in sorted((ROOT / "schemas").glob("*.py")) if p.stem != "__init__"
    ]
    code = (
        "import importlib, sys\n"
        f"for name in {pure!r}: importlib.import_module(name)\n"
        "print(' '.join(sorted({m.split('.')[0] for m in sys.modules})))"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    loaded = set(done.stdout.split())
    assert loaded & set(IO_LIBRARIES) == set()
    assert "pydantic" in loaded  # the probe did import the modules
