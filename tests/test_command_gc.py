"""The installed `apmon` command (cli.app.run): main() with the cyclic garbage collector's threshold raised."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from apmon.cli.app import YOUNG_OBJECTS_PER_COLLECTION

ROOT = Path(__file__).resolve().parents[1]

# The command line as the installed command gets it, with the collector's threshold printed as main() begins.
PROBE = """
import gc, sys
sys.argv = ["apmon", *sys.argv[1:]]
from apmon.cli import app
original = app.main

def main():
    print(*gc.get_threshold())
    original()

app.main = main
app.{entry}()
"""


def test_the_command_collects_cyclic_garbage_less_often() -> None:
    """Starting a command makes long-lived objects and hardly any garbage: the installed command raises the
    collector's threshold for new objects (main() in a process of its caller's leaves it as it is)."""
    code = PROBE.format(entry="run")
    done = subprocess.run([sys.executable, "-c", code, "--help"], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0
    assert done.stdout.splitlines()[0].split()[0] == str(YOUNG_OBJECTS_PER_COLLECTION)
    usual = subprocess.run(
        [sys.executable, "-c", code.replace("app.run()", "app.main()"), "--help"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    default = subprocess.run([sys.executable, "-c", "import gc; print(gc.get_threshold()[0])"], capture_output=True)
    assert usual.stdout.splitlines()[0].split()[0] == default.stdout.decode().strip()
