"""What a ministry officer or the National Coordinator meets in a setup of their own, found by using apmon from the
README on: each test is one thing that went wrong for them."""

from __future__ import annotations

import errno
import os
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from apmon.schemas.tables import Table, TableColumn
from apmon.sync.writers import MasterWriteError, write_master_xlsx

NOW = datetime(2018, 4, 11, 7, 0, 0)


def _tables(version: int) -> list[Table]:
    return [Table(sheet="Status", title=f"v{version}", columns=[TableColumn(key="n", header="N")], rows=[[version]])]


def test_runs_while_the_master_is_open_in_excel_keep_the_older_backups(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each run while the Coordinator had the master open failed to replace it, yet copied it into backups/ and
    rotated out a real backup: three such runs left three copies of the same master and none of the older ones."""
    master = tmp_path / "master.xlsx"
    for version in range(4):
        write_master_xlsx(_tables(version), master, backups=3, now=NOW + timedelta(hours=version))
    kept = {p.name: p.read_bytes() for p in (tmp_path / "backups").iterdir()}
    assert len(kept) == 3

    replace = os.replace

    def excel_holds(source: str | os.PathLike[str], target: str | os.PathLike[str]) -> None:
        # What Windows answers while Excel has the file open (a sharing violation, told as permission denied).
        if Path(target) == master:
            raise PermissionError(errno.EACCES, "The process cannot access the file", str(target))
        replace(source, target)

    monkeypatch.setattr(os, "replace", excel_holds)
    before = master.read_bytes()
    for run in range(3):
        with pytest.raises(MasterWriteError) as caught:
            write_master_xlsx(_tables(10 + run), master, backups=3, now=NOW + timedelta(days=1, hours=run))
        assert caught.value.key == "write.replace"
    assert master.read_bytes() == before
    assert {p.name: p.read_bytes() for p in (tmp_path / "backups").iterdir()} == kept

    monkeypatch.setattr(os, "replace", replace)  # Excel closed: the next run writes and rotates as before
    write_master_xlsx(_tables(20), master, backups=3, now=NOW + timedelta(days=2))
    names = sorted(p.name for p in (tmp_path / "backups").iterdir())
    assert len(names) == 3 and names[-1] == "master.backup-20180413-070000.xlsx"
