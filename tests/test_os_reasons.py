"""Why the operating system refused to read or write a file is said in the reader's language, not in its English
("Permission denied", "File exists") inside a Serbian sentence."""

from __future__ import annotations

import errno
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
from xlsxwriter.exceptions import FileCreateError

from apmon.schemas.messages import stored_message
from apmon.schemas.said import os_reason
from apmon.schemas.text import LANGS
from apmon.sync.ledger import Ledger, LedgerError
from apmon.sync.run import _describe
from apmon.sync.writers import MasterWriteError, _save_atomically
from apmon.templates.plan_file import DataFileError, load_plan, load_registry
from apmon.templates.validation import validate_file

_CYRILLIC = re.compile(r"[\u0400-\u04ff]")


@pytest.mark.parametrize(
    ("error", "latin", "english"),
    [
        (PermissionError(errno.EACCES, "Permission denied"), "nemate pravo pristupa", "permission denied"),
        (FileNotFoundError(errno.ENOENT, "No such file"), "datoteka ili fascikla ne postoji", "no such file or folder"),
        (
            IsADirectoryError(errno.EISDIR, "Is a directory"),
            "to je fascikla, a ne datoteka",
            "it is a folder, not a file",
        ),
        (OSError(errno.ENOSPC, "No space left on device"), "na disku nema dovoljno mesta", "the disk is full"),
        (OSError(errno.EROFS, "Read-only file system"), "disk je samo za čitanje", "the disk is read-only"),
    ],
)
def test_the_systems_reason_is_said_in_each_language(error: OSError, latin: str, english: str) -> None:
    reason = os_reason(error)
    assert not isinstance(reason, str)
    assert (reason.said("sr-Latn"), reason.said("en")) == (latin, english)
    assert _CYRILLIC.search(reason.said("sr-Cyrl"))


def test_a_file_another_program_holds_open_on_windows_is_not_told_as_a_missing_permission() -> None:
    error = PermissionError(errno.EACCES, "The process cannot access the file")
    error.winerror = 32  # type: ignore[attr-defined]  # what Windows sets for a sharing violation (Excel has it open)
    reason = os_reason(error)
    assert not isinstance(reason, str)
    assert reason.said("sr-Latn").startswith("datoteku drži otvorenu drugi program (na primer Excel)")


def test_a_reason_the_catalogue_lacks_stays_the_systems_own() -> None:
    assert os_reason(OSError(errno.EPIPE, "Broken pipe")) == "Broken pipe"


def test_a_ledger_whose_folder_is_a_file_says_so_in_serbian(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the ledger's folder should be")
    with pytest.raises(LedgerError) as caught:
        Ledger.open(f"sqlite:///{blocker / 'ledger.sqlite'}")
    assert "na tom mestu je datoteka istog imena" in caught.value.said("sr-Latn")
    assert "a file of that name is in the way" in caught.value.said("en")


def test_a_plan_that_is_a_folder_is_told_in_serbian(tmp_path: Path) -> None:
    with pytest.raises(DataFileError) as caught:
        load_plan(tmp_path, load_registry())
    assert caught.value.said("sr-Latn").endswith("ne može da se pročita: to je fascikla, a ne datoteka")


def test_a_source_folder_the_system_refuses_is_told_in_each_language() -> None:
    error = PermissionError(errno.EACCES, "Permission denied")
    assert "nemate pravo pristupa" in _describe(error, "sr-Latn")
    assert "Permission denied" not in "".join(_describe(error, lang) for lang in LANGS if lang != "en")


def test_a_master_xlsxwriter_cannot_create_is_told_without_failing_on_its_wrapper(tmp_path: Path) -> None:
    """XlsxWriter wraps the OSError of creating the file in a FileCreateError, which has no strerror."""

    def save(_: Path) -> None:
        raise FileCreateError(PermissionError(errno.EACCES, "Permission denied"))

    master = tmp_path / "master.xlsx"
    with pytest.raises(MasterWriteError) as caught:
        _save_atomically(save, master, expected=None, backups=0, now=datetime.now(UTC))
    assert "nemate pravo pristupa" in caught.value.said("sr-Latn")
    assert not master.exists() and list(tmp_path.iterdir()) == []  # the temporary file is gone too


def test_a_report_that_is_a_folder_is_told_in_the_readers_words(tmp_path: Path) -> None:
    folder = tmp_path / "izvestaj.xlsx"
    folder.mkdir()
    (shown,) = validate_file(folder, load_plan(None, load_registry()), load_registry(), "sr-Latn").issues
    assert shown.code == "file-not-readable" and "(to je fascikla, a ne datoteka)" in shown.message


def test_a_stored_file_problem_is_said_again_in_the_readers_words_and_an_older_one_in_the_systems() -> None:
    stored = {"code": "file-not-readable", "params": {"name": "a.xlsx", "reason": "Permission denied", "os": "denied"}}
    assert "(nemate pravo pristupa)" in stored_message(stored, "sr-Latn")
    assert "(permission denied)" in stored_message(stored, "en")
    older = {"code": "file-not-readable", "params": {"name": "a.xlsx", "reason": "Permission denied"}}
    assert "(Permission denied)" in stored_message(older, "sr-Latn")
