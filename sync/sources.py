"""Where reports come from, behind one small protocol: list what is there, fetch one thing.

A folder of xlsx files (a shared network folder, or a OneDrive / SharePoint
folder synced to disk) and a Google Drive folder of Google Sheets. Reports
are recognised by their metadata sheet, not their names.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import unicodedata
from collections.abc import Callable, Collection, Iterator
from pathlib import Path
from stat import S_ISREG
from typing import TYPE_CHECKING, Any, Protocol

from pydantic import BaseModel, ConfigDict

from apmon.schemas.grid import Grid
from apmon.schemas.institutions import InstitutionRegistry
from apmon.schemas.said import SaidError
from apmon.templates.google_settings import GoogleUnavailable
from apmon.templates.sniff import (
    MAX_FILE_BYTES,
    FileProblem,
    FileTooLargeError,
    read_file,
    shown_file_name,
    too_large,
)

if TYPE_CHECKING:  # the Google libraries are loaded by the Google source's methods: a folder-only run needs none
    import gspread

# What an officer's Save As can make of a report: Excel's and LibreOffice's workbook and template types. A type apmon
# cannot read (.xlsb) is read to say so at the file; left out, the report was missing without a word.
SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods", ".csv", ".xlsb", ".xltx", ".xltm", ".xlt", ".ots")
GOOGLE_SHEET_MIME = "application/vnd.google-apps.spreadsheet"
GOOGLE_FOLDER_MIME = "application/vnd.google-apps.folder"


class Candidate(BaseModel):
    """One file or spreadsheet a scan found."""

    model_config = ConfigDict(frozen=True)

    key: str  # path relative to the folder, or the spreadsheet id
    name: str  # what a person calls it: the file name or the spreadsheet title
    size: int | None
    modified: dt.datetime  # UTC: the file's mtime or Drive's modifiedTime (the submission time)
    # The institution whose report it must hold: the one apmon built the spreadsheet for (a file in an institution's
    # folder is told by its path: `folder_institution`).
    owner: str | None = None
    period: str | None = None  # the period it was built for, known before it is read (a Google template's mark)


class Fetched(BaseModel):
    model_config = ConfigDict(frozen=True)

    raw: bytes
    raw_kind: str  # "xlsx" (file bytes) or "google-values" (JSON of the sheets' values)
    content_hash: str
    grid: Grid | None = None  # already read (Google); files are read by the validator
    refused: FileProblem | None = None  # why its bytes were not read nor kept (raw is then b""): a file too large


class SourceError(SaidError):
    """A source that cannot be listed at all (folder missing, Google unreachable): one clear sentence (`said(lang)`;
    str() English)."""


class Source(Protocol):
    @property
    def id(self) -> str: ...

    def scan(self) -> list[Candidate]: ...

    def fetch(self, candidate: Candidate) -> Fetched: ...


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _head_hash(path: Path, size: int, limit: int) -> str:
    """sha256 of a refused file's size and first `limit` bytes, read a megabyte at a time."""
    digest = hashlib.sha256(f"refused, too large: {size} bytes\n".encode())
    with path.open("rb") as f:
        left = limit
        while left > 0 and (chunk := f.read(min(left, 2**20))):
            digest.update(chunk)
            left -= len(chunk)
    return digest.hexdigest()


# What an institution may put in the reports folder in place of its report: a scan, a Word file, a cover letter.
# None is read; each is named once in the run's summary (`FolderSource.documents`), so no one thinks it was.
DOCUMENT_SUFFIXES = (".pdf", ".doc", ".docx", ".odt", ".rtf", ".jpg", ".jpeg", ".png", ".tif", ".tiff")


def is_document_name(name: str) -> bool:
    return name.rstrip(" .").lower().endswith(DOCUMENT_SUFFIXES)


def is_office_temporary(name: str) -> bool:
    """Office lock files (~$Book.xlsx), LibreOffice locks (.~lock.Book.xlsx#), temporary and hidden files."""
    return name.startswith(("~$", ".~lock", ".")) or name.endswith((".tmp", "#")) or name.startswith("~")


# The recycle bins and system folders that Windows and network storage (Samba, Synology, QNAP) keep in a shared folder:
# a report deleted into one is deleted, not sent again.
SYSTEM_FOLDERS = frozenset(
    ("$recycle.bin", "recycler", "system volume information", "#recycle", "@recycle", "@eadir", "#snapshot")
)


def is_spreadsheet_name(name: str) -> bool:
    """Named as a spreadsheet, also with the spaces or dots at the end that Windows drops but a share from a Mac or
    Linux keeps ("Izveštaj.xlsx ")."""
    return name.rstrip(" .").lower().endswith(SPREADSHEET_SUFFIXES)


def _storable(relative: str) -> str:
    """A path as it can be stored and shown: bytes of a name that are not UTF-8 (a name written in an old Windows
    code page, on a share that passes its bytes on) as \\x escapes, instead of characters no database or message
    can hold."""
    return os.fsencode(relative).decode("utf-8", "backslashreplace")


class FileChangingError(Exception):
    """A file that changed between the scan and its read, or while it was read: being written (copied in, saved,
    synced down). It is read at a later run, once it stays as it is."""


class FolderSource:
    def __init__(
        self,
        folder: Path,
        recursive: bool = True,
        max_file_bytes: int = MAX_FILE_BYTES,
        leave_out: Collection[Path] = (),
    ) -> None:
        """`leave_out`: files and folders never listed, where they are inside `folder` (what apmon writes beside the
        master: config.Config.written_by_apmon)."""
        self.folder = folder
        self.recursive = recursive
        self.max_file_bytes = max_file_bytes
        # Worked out once: resolving a path asks the file system about each of its parts.
        resolved = folder.resolve()
        self.id = f"folder:{resolved}"
        self._left_out = {
            path.resolve().relative_to(resolved).as_posix()
            for path in leave_out
            if path.resolve().is_relative_to(resolved)
        }
        self.not_files: list[str] = []  # what the last scan left unread: links and other things that are no file
        self.documents: list[Candidate] = []  # documents and scans the last scan found: no report is read from them
        # What the last scan could not look into (a folder without the right to list it, a path too long for the
        # system), with why: what was known there is not taken as deleted.
        self.unlisted: list[tuple[str, OSError]] = []
        self._paths: dict[str, str] = {}  # the real path of each key that is not the path itself (_storable)
        self._scanned_ahead: list[Candidate] | None = None

    def scan_ahead(self) -> list[Candidate]:
        """Scan now, before the run (sync.head_start): the next scan() gives this one instead of listing a large
        folder a second time a moment later."""
        self._scanned_ahead = self.scan()
        return self._scanned_ahead

    def scan(self) -> list[Candidate]:
        if self._scanned_ahead is not None:
            found, self._scanned_ahead = self._scanned_ahead, None
            return found
        if not self.folder.is_dir():
            raise SourceError("source.no_folder", folder=self.folder)
        found, self.not_files, self._paths, self.unlisted, self.documents = [], [], {}, [], []

        def unlisted(exc: OSError) -> None:
            if not isinstance(exc, FileNotFoundError):  # not gone since its folder was listed: it cannot be read
                self.unlisted.append((_storable(self._relative(exc.filename)), exc))

        # No linked folder is entered: a link may lead out of the folder, or into it again.
        for root, folders, names in _walk(self.folder, unlisted):
            within = Path(root).relative_to(self.folder).as_posix()
            at = "" if within == "." else f"{within}/"
            folders[:] = [
                f
                for f in folders
                if self.recursive
                and not is_office_temporary(f)
                and f.casefold() not in SYSTEM_FOLDERS
                and at + f not in self._left_out
            ]
            linked = [f for f in folders if _is_link(os.path.join(root, f))]
            self.not_files += [_storable(at + f) for f in linked]
            folders[:] = [f for f in folders if f not in linked]  # the walk would enter a Windows junction
            for name in names:
                if is_office_temporary(name) or not (is_spreadsheet_name(name) or is_document_name(name)):
                    continue
                key = at + name
                if key in self._left_out:
                    continue
                try:
                    info = os.lstat(os.path.join(root, name))
                except OSError as exc:
                    exc.filename = os.path.join(root, name)
                    unlisted(exc)
                    continue
                if not S_ISREG(info.st_mode):  # a link (to a file anywhere, or a device), a pipe
                    self.not_files.append(_storable(key))
                    continue
                stored = _storable(key)
                if stored != key:
                    self._paths[stored] = key
                size, modified = _state(info)  # as fetch compares them
                # The name is the path in the folder: "MUP/mart.xlsx" and "MZ/mart.xlsx" are two files.
                candidate = Candidate(key=stored, name=stored, size=size, modified=modified)
                (found if is_spreadsheet_name(name) else self.documents).append(candidate)
        self.not_files.sort()
        self.documents.sort(key=lambda c: c.key.split("/"))
        self.unlisted.sort(key=lambda unread: unread[0])
        return sorted(found, key=lambda c: c.key.split("/"))  # as paths sort: folder by folder

    def path_of(self, candidate: Candidate) -> Path:
        """Where a file the scan found is."""
        return self.folder / self._paths.get(candidate.key, candidate.key)

    def _relative(self, path: str | bytes) -> str:
        try:
            return Path(os.fsdecode(path)).relative_to(self.folder).as_posix()
        except ValueError:
            return os.fsdecode(path)

    def fetch(self, candidate: Candidate) -> Fetched:
        """The file's bytes; for a file over the size limit (by its size, or found growing past it while read),
        none: it is refused, and identified by its size and the hash of its first `max_file_bytes` bytes, so that
        the same file is recorded once. OSError when it cannot be read (gone, locked, a link or not a regular file
        now); FileChangingError when it is not as the scan found it, or changed while it was read."""
        path = self.path_of(candidate)
        try:
            read = read_file(path, self.max_file_bytes, follow_links=False)
        except FileTooLargeError as exc:
            refused = too_large(candidate.name, exc.size, exc.limit)
            return Fetched(
                raw=b"", raw_kind="xlsx", content_hash=_head_hash(path, exc.size, exc.limit), refused=refused
            )
        scanned = (candidate.size, candidate.modified)
        if _state(read.before) != scanned or _state(read.after) != scanned:
            raise FileChangingError(candidate.name)
        return Fetched(raw=read.data, raw_kind="xlsx", content_hash=sha256(read.data))

    def document_hash(self, candidate: Candidate) -> str | None:
        """What a document of `documents` holds, never a report's hash: the same document in another folder (the
        folder moved) has the same one. None when it cannot be read now (it is named as any new document)."""
        path = self.path_of(candidate)
        try:
            read = read_file(path, self.max_file_bytes, follow_links=False)
        except FileTooLargeError as exc:
            try:  # its head: the file can be gone or locked by now
                return sha256(f"document {_head_hash(path, exc.size, exc.limit)}".encode())
            except OSError:
                return None
        except OSError:
            return None
        return sha256(b"document\n" + read.data)


def _walk(top: Path, onerror: Callable[[OSError], None]) -> Iterator[tuple[str, list[str], list[str]]]:
    """os.walk(top, onerror=onerror), top-down, without recursion: os.walk of Python 3.11 calls itself once a
    level, so a folder nested deeper than the interpreter's recursion limit (one institution's, made so by a script
    or a folder copied into itself) raised RecursionError and stopped the whole run. As there, the caller may prune
    the folders it is given, and a folder that cannot be listed goes to `onerror`."""
    stack = [os.fspath(top)]
    while stack:
        root = stack.pop()
        folders: list[str] = []
        names: list[str] = []
        try:
            with os.scandir(root) as entries:
                for entry in entries:
                    try:
                        is_folder = entry.is_dir()  # as os.walk: a link to a folder is listed as a folder
                    except OSError:
                        is_folder = False
                    (folders if is_folder else names).append(entry.name)
        except OSError as exc:
            onerror(exc)
            continue
        yield root, folders, names
        stack.extend(os.path.join(root, folder) for folder in reversed(folders))  # os.walk's order


def _is_link(path: str) -> bool:
    """A link, or a Windows junction (a link to a folder that os.path.islink does not tell)."""
    isjunction = getattr(os.path, "isjunction", None)  # Python 3.12 and later
    return os.path.islink(path) or bool(isjunction and isjunction(path))


def _state(info: os.stat_result) -> tuple[int, dt.datetime]:
    """A file's size and time as a scan takes them."""
    return info.st_size, dt.datetime.fromtimestamp(info.st_mtime, dt.UTC)


def institution_folders(registry: InstitutionRegistry) -> dict[str, str]:
    """The folder names that name an institution, as `_folder_key` takes them (its code, its names and short names
    in each language, then the names it bore before a renaming: its folder was named then) -> its code."""
    folders: dict[str, str] = {}
    for institution in registry.institutions:
        folders.setdefault(_folder_key(institution.code), institution.code)
    for former in (False, True):  # a name in force wins over another institution's former one
        for institution in registry.institutions:
            names = [f.name for f in institution.former_names] if former else [institution.name, institution.short]
            for name in names:
                for said in (name.sr_latn, name.sr_cyrl, name.en) if name else ():
                    folders.setdefault(_folder_key(said), institution.code)
    return folders


def folder_institution(key: str, folders: dict[str, str]) -> str | None:
    """The institution whose folder a file of the reports folder lies in: the first folder of its path (`key`),
    when it names one (`institution_folders`). Where each institution may write only in its own folder, a report
    found there must be that institution's: no institution can report for another."""
    first, _, rest = key.partition("/")
    return folders.get(_folder_key(first)) if rest else None


def _folder_key(name: str) -> str:
    return unicodedata.normalize("NFC", name).strip(" .").casefold()


class GoogleDriveSource:
    """Google Sheets in a Drive folder: one files.list per scan, two reads per changed spreadsheet (its sheets and
    merged ranges, then one values.batchGet of its sheets: `read_google_grid`).

    Only spreadsheets that carry apmon's mark (the Drive appProperty `TEMPLATE_MARK`, set when
    `apmon template build --google` finished a template) are read: anything else in the folder (a
    half-built template, a copy, someone's notes) is left alone and named once in `ignored`. Trashed
    files are not listed. The folder may be in a Shared Drive.
    """

    documents_said = "sync.drive_documents"  # what the run says of `documents`: here a report is a Google Sheet
    keys_are_ids = True  # a file's key is its Drive id, which it keeps when moved to another folder

    # After this many spreadsheets in a row failed on Google's side (5xx, the quota, no answer) after every retry,
    # Sheets is asked once whether it answers at all (`_sheets_silence`); when it does not, the rest of the run reads
    # none: an outage of Sheets alone (Drive still listing) cost every spreadsheet its full retries, hours of requests
    # for 200 of them. When it does, those were spreadsheets Google cannot open (a 5xx for that one file, at every
    # run): counted as outage, three of them next to each other stopped the rest of the folder at every run.
    GIVE_UP_AFTER = 3

    def __init__(self, client: gspread.Client, folder_id: str, leave_out: Collection[str] = ()) -> None:
        """`leave_out`: ids of files never listed (the master Google Sheet kept in the folder: google_master)."""
        self.client = client
        self.folder_id = folder_id
        self.leave_out = frozenset(leave_out)
        self.ignored: list[str] = []  # names of the spreadsheets the last scan left alone
        # Files that are no Google Sheet (an Excel report uploaded, a PDF, a subfolder): nothing is read from them,
        # and each is named once in the run's summary, so no one thinks it was.
        self.documents: list[Candidate] = []
        self._failed_in_a_row: list[Exception] = []
        self._down: GoogleUnavailable | None = None  # why this run reads no more spreadsheets
        self._answered: str | None = None  # the last spreadsheet read: what asks Sheets whether it answers

    @property
    def id(self) -> str:
        return f"google:{self.folder_id}"

    def scan(self) -> list[Candidate]:
        from gspread.exceptions import APIError

        from apmon.templates.google_api import GoogleReason
        from apmon.templates.gsheet import built_for, built_for_period, is_marked, list_folder

        try:
            files = list_folder(self.client, self.folder_id, spreadsheets_only=False)
        except (APIError, GoogleUnavailable) as exc:
            # What Google's answer means and what to do: sharing for a 403 or 404, waiting for a quota or a 5xx.
            raise SourceError("source.drive", folder=self.folder_id, reason=GoogleReason(exc)) from exc
        self._failed_in_a_row, self._down, self._answered = [], None, None  # a new run: Google is tried again
        files = [f for f in files if f["id"] not in self.leave_out]
        sheets = [f for f in files if f.get("mimeType", GOOGLE_SHEET_MIME) == GOOGLE_SHEET_MIME]
        self.ignored = [f.get("name", f["id"]) for f in sheets if not is_marked(f)]
        self.documents = [
            Candidate(
                key=f["id"],
                name=f.get("name", f["id"]) + ("/" if f.get("mimeType") == GOOGLE_FOLDER_MIME else ""),
                size=None,
                modified=dt.datetime.fromisoformat(f["modifiedTime"].replace("Z", "+00:00")),
            )
            for f in files
            if f.get("mimeType", GOOGLE_SHEET_MIME) != GOOGLE_SHEET_MIME
        ]
        return [
            Candidate(
                key=f["id"],
                name=f.get("name", f["id"]),
                size=None,
                modified=dt.datetime.fromisoformat(f["modifiedTime"].replace("Z", "+00:00")),
                owner=built_for(f),
                period=built_for_period(f),
            )
            for f in sheets
            if is_marked(f)
        ]

    def document_hash(self, candidate: Candidate) -> str:
        """A file of `documents` is not downloaded: its Drive id and `modifiedTime`, which it keeps when it moves to
        another folder, stand for what it holds."""
        return sha256(f"drive document {candidate.key} {candidate.modified.isoformat()}".encode())

    def fetch(self, candidate: Candidate) -> Fetched:
        from gspread.exceptions import APIError

        from apmon.templates.google_api import GoogleReason, is_retryable

        if self._down is None and len(self._failed_in_a_row) >= self.GIVE_UP_AFTER:
            # Not the next spreadsheet: it may be one more broken one, listed before every good one. The folder's id
            # is no spreadsheet, and Sheets answers for it (a 4xx) whenever it answers at all.
            silence = self._sheets_silence(self._answered or self.folder_id)
            if silence is None:
                self._failed_in_a_row = []  # those spreadsheets were broken, not Sheets
            else:  # said with the check's own answer: it showed Sheets down, not the last spreadsheet's error
                count = len(self._failed_in_a_row)
                self._down = GoogleUnavailable("google.gave_up", count=count, reason=GoogleReason(silence))
        if self._down is not None:
            raise self._down
        try:
            fetched = self._fetch(candidate)
        except (APIError, GoogleUnavailable) as exc:
            if isinstance(exc, GoogleUnavailable) or is_retryable(exc):
                self._failed_in_a_row.append(exc)
            raise
        self._failed_in_a_row, self._answered = [], candidate.key
        return fetched

    def _sheets_silence(self, spreadsheet_id: str) -> Exception | None:
        """None when Sheets answers a question about `spreadsheet_id` (one that was read a moment ago in this run, else
        the Drive folder's): its id alone, the least it can be asked; else the error that stood for its answer. Any
        answer about the file (a 404 or 400 included) is an answer; a 5xx, the quota or no answer after every retry
        is not."""
        from gspread.exceptions import APIError

        from apmon.templates.google_api import is_retryable

        try:
            self.client.http_client.fetch_sheet_metadata(spreadsheet_id, params={"fields": "spreadsheetId"})
        except APIError as exc:
            return exc if is_retryable(exc) else None
        except GoogleUnavailable as exc:
            return exc
        return None

    def _fetch(self, candidate: Candidate) -> Fetched:
        from apmon.templates.gsheet import SheetsTooLargeError, read_google_grid, sheet_names_from_title

        try:
            grid = read_google_grid(self.client, candidate.key, sheet_names_from_title(candidate.name))
        except SheetsTooLargeError as exc:
            # Refused unread, as a file too large is: known by its id and its sheets' sizes, so that it is recorded
            # once, and again when they change.
            refused = FileProblem(code=exc.code, params={"name": shown_file_name(candidate.name), **exc.params})
            known_by = json.dumps([candidate.key, exc.grids], ensure_ascii=False)
            return Fetched(raw=b"", raw_kind="google-values", content_hash=sha256(known_by.encode()), refused=refused)
        grid = grid.model_copy(update={"source": f"{candidate.name} (Google Sheets {candidate.key})"})
        # The merged ranges are part of what was sent (a merge changes what is read), kept only when there are some:
        # a report without any keeps the hash it was stored with before merges were read.
        kept: Any = {"sheets": grid.sheets, "merged": grid.merged} if grid.merged else grid.sheets
        raw = json.dumps(kept, ensure_ascii=False, sort_keys=True).encode("utf-8")
        return Fetched(raw=raw, raw_kind="google-values", content_hash=sha256(raw), grid=grid)
