"""The scripts a user would write instead of apmon, as functions and as a command of their own (it imports pandas
only, so that timed as a command it pays its own start-up, not apmon's):

- `baseline`: every sheet of every report read with `pandas.read_excel` and the consolidated sheets written into
  one master with `to_excel`; engine "openpyxl" (pandas' default) or "calamine" (pandas' Rust reader);
- `unzip_all`: every part of every file inflated and nothing else: the floor any xlsx reader stands on.

    python -m bench.pandas_baseline --engine calamine MASTER FILE...
    python -m bench.pandas_baseline --unzip FILE...
"""

from __future__ import annotations

import argparse
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd


def baseline(files: list[Path], master: Path, engine: str = "openpyxl") -> None:
    import pandas as pd  # here: the unzip floor, timed as a command, pays no pandas import

    frames: dict[str, list[pd.DataFrame]] = {}
    for path in files:
        for sheet, frame in pd.read_excel(path, sheet_name=None, header=2, engine=engine).items():
            frame.insert(0, "file", path.name)
            frames.setdefault(sheet, []).append(frame)
    with pd.ExcelWriter(master, engine="openpyxl") as writer:
        for sheet, parts in frames.items():
            pd.concat(parts, ignore_index=True).to_excel(writer, sheet_name=sheet[:31], index=False)


def unzip_all(files: list[Path]) -> int:
    """The bytes of every part of every file, inflated."""
    total = 0
    for path in files:
        with zipfile.ZipFile(path) as archive:
            for info in archive.infolist():
                total += len(archive.read(info))
    return total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engine", default="openpyxl", choices=["openpyxl", "calamine"])
    parser.add_argument("--unzip", action="store_true", help="Only inflate the files (the floor).")
    parser.add_argument("paths", nargs="+", type=Path, help="MASTER FILE... (without --unzip), else FILE...")
    args = parser.parse_args()
    if args.unzip:
        unzip_all(args.paths)
    else:
        baseline(args.paths[1:], args.paths[0], args.engine)


if __name__ == "__main__":
    main()
