"""The temporary files a master write leaves when it is cut short (killed, power lost).

Apart from sync.writers so that every run can clear them without loading the workbook and Google libraries.
"""

from __future__ import annotations

import glob
from contextlib import suppress
from pathlib import Path

TEMPORARY_SUFFIX = ".apmon-tmp"  # a master being saved: `.<name>.<random>.apmon-tmp` beside it


def remove_temporary_files(path: Path) -> list[Path]:
    """Remove the temporary files that saving `path` leaves when it is cut short (killed, power lost): the ones
    `_save_atomically` makes beside it. Call it only where no other write of `path` can be going on."""
    removed = []
    for leftover in sorted(path.parent.glob(f".{glob.escape(path.name)}.*{TEMPORARY_SUFFIX}")):
        with suppress(OSError):
            leftover.unlink()
            removed.append(leftover)
    return removed
