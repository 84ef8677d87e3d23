"""The installed `apmon` command (cli.app.run) ends without the interpreter's teardown, and loses nothing by it: the
same output and exit code as main(), logging's buffered records written, the exit handlers run."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from apmon.cli.app import YOUNG_OBJECTS_PER_COLLECTION

ROOT = Path(__file__).resolve().parents[1]

# Logging's records held in a buffer until logging is shut down, and an exit handler of the command's own, registered
# while the command runs. Run with -v, the interpreter says what its teardown does ("# cleanup[2] removing sys").
PROBE = """
import atexit, logging, logging.handlers, sys

held = logging.handlers.MemoryHandler(capacity=100, target=logging.FileHandler(sys.argv.pop(1), encoding="utf-8"))
logging.getLogger("apmon.probe").addHandler(held)
logging.getLogger("apmon.probe").warning("a record held until the end")
sys.argv = ["apmon", *sys.argv[1:]]
from apmon.cli import app
original = app.main

def main():
    atexit.register(lambda: sys.stderr.write("exit handler ran\\n"))
    original()

app.main = main
app.{entry}()
"""


def apmon(entry: str, args: list[str], log: Path) -> tuple[subprocess.CompletedProcess[str], str, bool]:
    """`apmon <args>` through cli.app's `entry` in a fresh interpreter: what it did, its stderr without the
    interpreter's own lines, and whether the interpreter took itself apart at the end."""
    code = PROBE.format(entry=entry)
    done = subprocess.run(
        [sys.executable, "-v", "-c", code, str(log), *args], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    lines = done.stderr.splitlines(keepends=True)
    said = "".join(line for line in lines if not line.startswith(("# ", "import ")))
    return done, said, any(line.startswith("# cleanup[") for line in lines)


@pytest.mark.parametrize(
    ("args", "exit_code"),
    [
        (["deadline", "2018-03", "--lang", "en"], 0),
        (["rules", "--lang", "en"], 0),  # a long output, through a pipe
        (["deadline", "2018-03", "--bogus"], 2),
        (["sync", "run", "--config", "missing.toml"], 1),
    ],
)
def test_the_command_ends_without_teardown_and_loses_nothing(args: list[str], exit_code: int, tmp_path: Path) -> None:
    usual, usual_said, usual_torn_down = apmon("main", args, tmp_path / "usual.log")
    quick, quick_said, quick_torn_down = apmon("run", args, tmp_path / "quick.log")
    assert usual_torn_down  # the probe sees a teardown
    assert not quick_torn_down
    assert quick.returncode == usual.returncode == exit_code
    assert quick.stdout == usual.stdout
    assert quick.stdout.strip() != "" or exit_code != 0
    assert quick_said == usual_said
    assert "exit handler ran" in quick_said
    assert "a record held until the end" in (tmp_path / "quick.log").read_text(encoding="utf-8")


def test_an_exit_with_a_message_ends_the_usual_way(tmp_path: Path) -> None:
    """sys.exit("...") prints its message and exits 1: left to the interpreter, teardown included."""
    code = PROBE.format(entry="run").replace("original()", "sys.exit('stopped')")
    done = subprocess.run(
        [sys.executable, "-v", "-c", code, str(tmp_path / "log"), "--help"], cwd=ROOT, capture_output=True, text=True
    )
    assert done.returncode == 1
    assert "\nstopped\n" in done.stderr and "# cleanup[" in done.stderr


def test_the_command_collects_cyclic_garbage_less_often(tmp_path: Path) -> None:
    """Starting a command makes long-lived objects and hardly any garbage: the installed command raises the
    collector's threshold for new objects (main() in a process of its caller's leaves it as it is)."""
    code = PROBE.format(entry="run").replace("original()", "print(*__import__('gc').get_threshold()); original()")
    done = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "log"), "--help"], cwd=ROOT, capture_output=True, text=True
    )
    assert done.returncode == 0
    assert done.stdout.splitlines()[0].split()[0] == str(YOUNG_OBJECTS_PER_COLLECTION)
    usual = subprocess.run(
        [sys.executable, "-c", code.replace("app.run()", "app.main()"), str(tmp_path / "log"), "--help"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    default = subprocess.run([sys.executable, "-c", "import gc; print(gc.get_threshold()[0])"], capture_output=True)
    assert usual.stdout.splitlines()[0].split()[0] == default.stdout.decode().strip()
