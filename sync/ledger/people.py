"""What the ledger holds of one person: every row and field where a name, e-mail address or phone number occurs, for
the data protection officer answering a data subject's request (`apmon ledger person`, docs/security.md)."""

from __future__ import annotations

import datetime as dt
import html
import io
import json
import re
import unicodedata
import zipfile
from collections.abc import Callable, Iterator
from typing import Any

from pydantic import BaseModel, ConfigDict
from sqlalchemy import select

from apmon.schemas.personal_data import find_personal_data
from apmon.schemas.text import Lang, cyrillic_to_latin
from apmon.sync.ledger.database import Database
from apmon.sync.ledger.schema import (
    arrivals_table,
    evaluation_comments_table,
    evaluation_overrides_table,
    issued_reports_table,
    items_table,
    mails_table,
    runs_table,
    task_statuses_table,
    tokens_table,
    versions_table,
)
from apmon.templates.sniff import (
    MAX_PART_BYTES,
    ZIP_ERRORS,
    FileProblem,
    PartTooLargeError,
    ZipBombError,
    library_said,
    read_member,
    shown_file_name,
    sniff_bytes,
)

# Versions read at a time: each brings its stored file, some tens of kB.
_CHUNK = 100


class PersonPlace(BaseModel):
    """One place the text was found: the table, the row's id, the field, when the row was written and, where the row
    belongs to one, the institution."""

    model_config = ConfigDict(frozen=True)

    table: str
    id: int
    field: str
    at: dt.datetime | None
    institution: str | None = None


class NotSearched(BaseModel):
    """A version whose stored file was not searched, and why: the problem apmon's reader finds with it (`code` and
    `params` as a FileProblem's: a file refused as unreadable when it came in, or one damaged or hostile in a ledger
    older than the checks)."""

    model_config = ConfigDict(frozen=True)

    id: int
    code: str
    params: dict[str, str]

    def message(self, lang: Lang) -> str:
        return FileProblem.model_validate({"code": self.code, "params": self.params}).message(lang)


class PersonFound(BaseModel):
    model_config = ConfigDict(frozen=True)

    text: str
    places: list[PersonPlace]
    not_searched: list[NotSearched]


def folded(text: str) -> str:
    """`text` as it is compared: Latin script, lower case, without diacritics and with single spaces, so that
    `Илић`, `Ilić`, `ILIC` and `Ilic` are one name (officers write their names all these ways); `đ` and the `dj`
    written for it where a keyboard lacks it are one letter too (`Ђорђевић`, `Đorđević`, `Djordjevic`, `Dordevic`)."""
    latin = _NOT_ASCII.sub(lambda run: _unaccented(run[0]), text).casefold().replace("dj", "d")
    return " ".join(latin.split())


# Only what lies outside ASCII needs transliterating and its accents taken off, and it is done a run at a time: a
# character at a time over the whole text took most of `apmon ledger person`'s time (a stored file is some 50 kB of
# XML, mostly ASCII markup).
_NOT_ASCII = re.compile(r"[^\x00-\x7f]+")


def _unaccented(run: str) -> str:
    latin = cyrillic_to_latin(run).casefold().replace("đ", "d")
    return "".join(ch for ch in unicodedata.normalize("NFKD", latin) if not unicodedata.combining(ch))


# What may stand between a phone number's digits, and before them: "+381 (0)64 123-45-67", "(011) 334/5678"
_PHONE_GAP = r"[ ./()\-]{0,3}"
_PHONE_HEAD = r"(?<![0-9])(?:(?:\+|00)381[ ./()\-]{0,3}(?:0[ ./()\-]{0,2})?|\(?0)"


def sought(text: str) -> re.Pattern[str]:
    """What a folded text is searched for: `text` folded, or a phone number however it is written (with the country
    code or the leading 0, its digits grouped by spaces, dots, dashes or slashes), by its national number."""
    asked = text.strip()
    hits = find_personal_data(asked)
    if len(hits) == 1 and hits[0].kind == "phone" and (hits[0].start, hits[0].end) == (0, len(asked)):
        digits = re.sub(r"[^0-9]", "", asked.replace("(0)", ""))
        national = next(digits[len(head) :] for head in ("00381", "381", "0", "") if digits.startswith(head))
        return re.compile(_PHONE_HEAD + _PHONE_GAP.join(national) + "(?![0-9])")
    return re.compile(re.escape(folded(text)))


def _strings(value: Any) -> Iterator[str]:
    """Every string of a JSON value, keys too."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield str(key)
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _json_holds(stored: str | None, needle: re.Pattern[str]) -> bool:
    if not stored:
        return False
    return any(needle.search(folded(text)) for text in _strings(json.loads(stored)))


def _text_holds(stored: str, needle: re.Pattern[str]) -> bool:
    """A column's text, read as the JSON it may hold (which writes `ć` as `\\u0107`), else as it is."""
    if stored[:1] in ("[", "{"):
        try:
            return _json_holds(stored, needle)
        except json.JSONDecodeError:
            pass
    return needle.search(folded(stored)) is not None


def _workbook_holds(raw: bytes, file_name: str, needle: re.Pattern[str]) -> bool | FileProblem:
    """Whether any part of an xlsx file holds the text: cells, comments, sheet names and the document's
    properties, the author and last to save that Excel fills in among them. Read as apmon's reader reads a file (a
    stored file may predate its checks): the quick checks first (sniff_bytes: size, zip bomb, damage), then each
    part inflated no further than it declares and a part may hold (read_member); the problem found, if any."""
    if problem := sniff_bytes(raw, file_name):
        return problem
    name = shown_file_name(file_name)
    stream = io.BytesIO(raw)
    try:
        with zipfile.ZipFile(stream) as package:
            for member in package.infolist():
                content = read_member(stream, member, max_bytes=MAX_PART_BYTES)
                if needle.search(folded(html.unescape(content.decode("utf-8", errors="replace")))):
                    return True
    except ZipBombError as exc:
        return FileProblem(code="file-zip-bomb", params={"name": name, "member": exc.member,
                                                          "declared": str(exc.declared)})  # fmt: skip
    except PartTooLargeError as exc:
        return FileProblem(code="file-part-too-large", params={"name": name, "part": exc.member,
                                                                "limit": str(MAX_PART_BYTES // 2**20)})  # fmt: skip
    except ZIP_ERRORS as exc:
        return FileProblem(code="file-corrupt", params={"name": name, "detail": library_said(exc)})
    return False


def _stored_file_holds(raw: bytes, raw_kind: str, file_name: str, needle: re.Pattern[str]) -> bool | FileProblem:
    """An xlsx file's parts, or the cell values a Google spreadsheet gave (JSON); the problem that kept it from
    being searched, if any."""
    if raw_kind == "xlsx":
        return _workbook_holds(raw, file_name, needle)
    try:
        return _json_holds(raw.decode("utf-8"), needle)
    except ValueError as exc:  # json.JSONDecodeError and UnicodeDecodeError: a damaged record
        return FileProblem(
            code="file-corrupt", params={"name": shown_file_name(file_name), "detail": library_said(exc)}
        )


class People(Database):
    def person(self, text: str, progress: Callable[[int, int], None] | None = None) -> PersonFound:
        """Every place of the ledger that holds `text` (compared as `folded`). A version's stored file is searched
        whole where apmon's reader can read it; those it cannot are in `not_searched`, with the reason. `progress` is
        told (versions searched, versions in all) after each chunk: a ledger of 10,000 versions takes minutes."""
        if not folded(text):
            raise ValueError("an empty text is found everywhere")
        needle = sought(text)
        places: list[PersonPlace] = []
        not_searched: list[NotSearched] = []
        v = versions_table.c
        with self._tx() as conn:
            ids = list(conn.execute(select(v.id).order_by(v.id)).scalars())
        for start in range(0, len(ids), _CHUNK):
            if progress:
                progress(start, len(ids))
            chunk = ids[start : start + _CHUNK]
            query = select(
                v.id, v.institution, v.received_at, v.file_name, v.report, v.issues, v.raw, v.raw_kind
            ).where(v.id.in_(chunk))
            with self._tx() as conn:
                rows = conn.execute(query.order_by(v.id)).all()
            for row in rows:
                found = []
                if needle.search(folded(row.file_name)):
                    found.append("file_name")
                if _json_holds(row.report, needle):
                    found.append("report")
                if _json_holds(row.issues, needle):  # an issue quotes the value it is about
                    found.append("issues")
                raw = bytes(row.raw)
                held = raw and _stored_file_holds(raw, row.raw_kind, row.file_name, needle)
                if isinstance(held, FileProblem):
                    not_searched.append(NotSearched(id=row.id, code=held.code, params=held.params))
                elif held:
                    found.append("raw")
                places += [PersonPlace(table="versions", id=row.id, field=field, at=row.received_at,
                                       institution=row.institution) for field in found]  # fmt: skip
        if progress:
            progress(len(ids), len(ids))
        places += self._text_columns(needle)
        return PersonFound(text=text, places=places, not_searched=not_searched)

    def _text_columns(self, needle: re.Pattern[str]) -> list[PersonPlace]:
        """The other tables' texts: file names, token labels, mail recipients, the Coordinator's decisions and the
        names they were recorded under, the runs' notes."""
        a, i, t, m = arrivals_table.c, items_table.c, tokens_table.c, mails_table.c
        r, s = runs_table.c, task_statuses_table.c
        o, c, ir = evaluation_overrides_table.c, evaluation_comments_table.c, issued_reports_table.c
        # (table, id, when, institution, {field: column})
        sources = [
            ("arrivals", a.id, a.received_at, None, {"file_name": a.file_name}),
            ("items", i.id, i.first_seen, None, {"source": i.source, "key": i.key}),  # a folder may be a user's
            ("tokens", t.id, t.created_at, t.institution, {"label": t.label}),
            ("mails", m.id, m.sent_at, m.institution, {"recipients": m.recipients, "error": m.error}),
            ("task_statuses", s.id, s.at, None, {"author": s.author, "note": s.note}),
            ("evaluation_overrides", o.id, o.at, None, {"author": o.author, "reason": o.reason}),
            ("evaluation_comments", c.id, c.at, None, {"author": c.author, "text": c.text}),
            (
                "issued_reports",
                ir.id,
                ir.issued_at,
                None,
                {"issued_by": ir.issued_by, "texts": ir.texts, "files": ir.files},
            ),
            ("runs", r.id, r.started_at, None, {"errors": r.errors, "moved": r.moved, "not_read": r.not_read}),
        ]
        places: list[PersonPlace] = []
        with self._tx() as conn:
            for table, id_column, when, institution, fields in sources:
                columns = [id_column, when, *fields.values()]
                if institution is not None:
                    columns.append(institution)
                for row in conn.execute(select(*columns).order_by(id_column)).all():
                    for position, field in enumerate(fields, start=2):
                        value = row[position]
                        if value is not None and _text_holds(str(value), needle):
                            held_by = row[-1] if institution is not None else None
                            places.append(PersonPlace(table=table, id=row[0], field=field, at=row[1],
                                                      institution=held_by))  # fmt: skip
        return places
