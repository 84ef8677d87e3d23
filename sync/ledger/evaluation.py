"""The annual evaluation in the ledger: the Coordinator's decisions on each activity's assessment and the comments
beside it. Append-only: a decision is changed by a newer one (the latest taken stands), never edited or deleted."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, field_validator
from sqlalchemy import Table, func, select

from apmon.schemas.messages import author_stored
from apmon.sync.ledger.database import Database
from apmon.sync.ledger.schema import evaluation_comments_table, evaluation_overrides_table
from apmon.templates.layout import ASSESSMENTS as ASSESSMENT_CODES  # seed 10.3


class OverrideRow(BaseModel):
    """The Coordinator's decision on an activity's assessment for a year."""

    model_config = ConfigDict(frozen=True)

    id: int
    activity: str
    year: int
    assessment: str
    reason: str
    author: str  # a name, or MASTER_AUTHOR (with the Coordinator's name) for a decision typed on the master
    at: dt.datetime

    @field_validator("author")
    @classmethod
    def _master_as_marker(cls, author: str) -> str:
        return author_stored(author)  # the master's words stored by an older apmon, in the master's language


class CommentRow(BaseModel):
    """A Working Group member's or a civil society representative's comment on an activity for a year."""

    model_config = ConfigDict(frozen=True)

    id: int
    activity: str
    year: int
    author: str
    text: str
    at: dt.datetime


class Evaluations(Database):
    def record_override(
        self, *, activity: str, year: int, assessment: str, reason: str, author: str, at: dt.datetime
    ) -> int:
        if assessment not in ASSESSMENT_CODES:
            raise ValueError(f"assessment {assessment!r}: expected one of {', '.join(ASSESSMENT_CODES)}")
        values = {"assessment": assessment, "reason": reason, "author": author}
        return self._append(evaluation_overrides_table, activity, year, at, values)

    def record_comment(self, *, activity: str, year: int, author: str, text: str, at: dt.datetime) -> int:
        return self._append(evaluation_comments_table, activity, year, at, {"author": author, "text": text})

    def overrides(self, year: int, as_of: dt.datetime | None = None) -> list[OverrideRow]:
        """Every decision for `year` recorded by `as_of` (default: all), oldest first (by when it was taken): the
        last one stands."""
        return [OverrideRow.model_validate(row) for row in self._rows(evaluation_overrides_table, year, as_of)]

    def comments(self, year: int, as_of: dt.datetime | None = None) -> list[CommentRow]:
        """Every comment for `year` recorded by `as_of` (default: all), oldest first."""
        return [CommentRow.model_validate(row) for row in self._rows(evaluation_comments_table, year, as_of)]

    def evaluation_mark(self) -> str:
        """Changes whenever a decision or a comment is recorded: the master's Evaluation sheet is written again."""
        with self._tx() as conn:
            last = [conn.execute(select(func.max(t.c.id))).scalar() for t in (_OVERRIDES, _COMMENTS)]
        return f"{last[0] or 0}/{last[1] or 0}"

    def _append(self, table: Table, activity: str, year: int, at: dt.datetime, values: dict[str, str]) -> int:
        with self._tx() as conn:
            result = conn.execute(table.insert().values(activity=activity, year=year, at=at, **values))
            key = result.inserted_primary_key
            assert key is not None
            return int(key[0])

    def _rows(self, table: Table, year: int, as_of: dt.datetime | None) -> list[dict[str, object]]:
        query = select(table).where(table.c.year == year)
        if as_of is not None:
            query = query.where(table.c.at <= as_of)
        with self._tx() as conn:
            # By when each was taken, then as recorded: a decision typed on the master is dated at the start of the
            # run that reads it, and one recorded meanwhile with `apmon evaluation set` is later, though numbered
            # before it; the later one stands.
            return [dict(row) for row in conn.execute(query.order_by(table.c.at, table.c.id)).mappings()]


_OVERRIDES, _COMMENTS = evaluation_overrides_table, evaluation_comments_table
