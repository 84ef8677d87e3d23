"""The Coordinator's reports issued: each brief, Council report, annual evaluation, published annual report and
final report, its span, cut-off and files."""

from __future__ import annotations

import datetime as dt
import json
from typing import Literal

from pydantic import BaseModel, ConfigDict, field_validator
from sqlalchemy import select

from apmon.schemas.messages import issuer_stored
from apmon.sync.ledger.database import Database
from apmon.sync.ledger.schema import issued_reports_table

IssuedKind = Literal["minister", "council", "annual", "public", "final"]
ISSUED_KINDS: tuple[IssuedKind, ...] = ("minister", "council", "annual", "public", "final")


class IssuedReportRow(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: int
    kind: IssuedKind
    first_period: str
    last_period: str
    issued_at: dt.datetime
    cut_off: dt.datetime
    run_id: int | None
    lang: str
    files: list[str]
    texts: list[dict[str, str]] | None = None  # a final report's: the Coordinator's texts it printed (kind, text)
    issued_by: str | None = None  # None: issued before apmon recorded who issued it; SYNC_ISSUER: the sync

    @field_validator("issued_by")
    @classmethod
    def _sync_as_marker(cls, by: str | None) -> str | None:
        return issuer_stored(by)  # the sync's words stored by an older apmon, in the master's language


class IssuedReports(Database):
    def record_issued(
        self,
        *,
        kind: IssuedKind,
        first_period: str,
        last_period: str,
        issued_at: dt.datetime,
        cut_off: dt.datetime,
        run_id: int | None,
        lang: str,
        files: list[str],
        texts: list[dict[str, str]] | None = None,
        issued_by: str | None = None,
    ) -> int:
        if kind not in ISSUED_KINDS:
            raise ValueError(f"kind {kind!r}: expected one of {', '.join(ISSUED_KINDS)}")
        with self._tx() as conn:
            result = conn.execute(
                issued_reports_table.insert().values(
                    kind=kind,
                    first_period=first_period,
                    last_period=last_period,
                    issued_at=issued_at,
                    cut_off=cut_off,
                    run_id=run_id,
                    lang=lang,
                    files=json.dumps(files, ensure_ascii=False),
                    texts=None if texts is None else json.dumps(texts, ensure_ascii=False),
                    issued_by=issued_by,
                )
            )
            key = result.inserted_primary_key
            assert key is not None
            return int(key[0])

    def issued(self, kind: IssuedKind | None = None) -> list[IssuedReportRow]:
        """Every report of `kind` issued (of every kind when None), oldest first."""
        r = issued_reports_table.c
        query = select(issued_reports_table).order_by(r.id)
        with self._tx() as conn:
            rows = conn.execute(query if kind is None else query.where(r.kind == kind)).mappings().all()
        return [
            IssuedReportRow.model_validate(
                {**row, "files": json.loads(row["files"]), "texts": row["texts"] and json.loads(row["texts"])}
            )
            for row in rows
        ]
