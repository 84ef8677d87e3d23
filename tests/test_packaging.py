"""The installed package: the rooms go in as apmon.<room> (no generic top-level names such as `sync` in
site-packages), with every file of theirs that the repository tracks, data files included."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
ROOMS = ("schemas", "templates", "sync", "addin", "cli")


def tracked(*paths: str) -> list[str]:
    return subprocess.run(["git", "ls-files", *paths], cwd=ROOT, capture_output=True, text=True).stdout.split()


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> zipfile.ZipFile:
    """The wheel built from a clean copy of the tracked files: what an install's build leaves behind in the
    repository (egg-info listing every file) would hide a data file the configuration leaves out."""
    if not tracked("pyproject.toml"):
        pytest.skip("not a git checkout")
    source, out = tmp_path_factory.mktemp("source"), tmp_path_factory.mktemp("wheel")
    for path in tracked():
        (source / path).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / path, source / path)
    done = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(out), str(source)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    if done.returncode != 0 and "No module named" in done.stderr:
        pytest.skip(f"cannot build a wheel here: {done.stderr.strip().splitlines()[-1]}")
    assert done.returncode == 0, done.stderr
    (built,) = out.glob("apmon-*.whl")
    return zipfile.ZipFile(built)


def test_the_wheel_installs_only_under_apmon(wheel: zipfile.ZipFile) -> None:
    tops = {name.split("/")[0] for name in wheel.namelist()}
    assert {top for top in tops if not top.endswith(".dist-info")} == {"apmon"}


def test_the_wheel_holds_every_tracked_file_of_the_rooms(wheel: zipfile.ZipFile) -> None:
    assert {f"apmon/{path}" for path in tracked(*ROOMS)} - set(wheel.namelist()) == set()
    entry = wheel.read(next(n for n in wheel.namelist() if n.endswith("entry_points.txt"))).decode()
    assert "apmon = apmon.cli.app:run" in entry
