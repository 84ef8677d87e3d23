"""The Coordinator's folder the command-line tests start in: an apmon.toml with a data folder of its own (not made
yet), the shipped registry configured, no APMON_LANG. A test module registers the `office` fixture with
`office = office_fixture` (as `fake_google`: a test's `office` parameter then shadows no import, ruff F811)."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(name="office")
def office_fixture(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The Coordinator's folder: an apmon.toml with a data folder of its own, the shipped registry configured."""
    monkeypatch.delenv("APMON_LANG", raising=False)
    monkeypatch.chdir(tmp_path)
    toml = f'[sync]\nmaster_lang = "sr-Latn"\ndata_dir = "{(tmp_path / "data").as_posix()}"\n'
    (tmp_path / "apmon.toml").write_text(toml, encoding="utf-8")
    return tmp_path
