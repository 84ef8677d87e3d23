"""The Coordinator's records of the status of the tasks led only by bodies that receive reports. Append-only: a
status is changed by a newer record, never edited or deleted."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select

from apmon.schemas.task_status import CoordinatorStatus
from apmon.sync.ledger.database import Database
from apmon.sync.ledger.schema import task_statuses_table
from apmon.templates.layout import TASK_STATUSES


class TaskStatuses(Database):
    def record_task_status(
        self, *, task: str, period: str, status: str, note: str, author: str, at: dt.datetime
    ) -> int:
        if status not in TASK_STATUSES:
            raise ValueError(f"status {status!r}: expected one of {', '.join(TASK_STATUSES)}")
        values = {"task": task, "period": period, "status": status, "note": note, "author": author, "at": at}
        with self._tx() as conn:
            key = conn.execute(task_statuses_table.insert().values(**values)).inserted_primary_key
            assert key is not None
            return int(key[0])

    def task_status_records(self, as_of: dt.datetime | None = None) -> list[CoordinatorStatus]:
        """Every record made by `as_of` (default: all), oldest first."""
        query = select(task_statuses_table)
        if as_of is not None:
            query = query.where(task_statuses_table.c.at <= as_of)
        with self._tx() as conn:
            rows = conn.execute(query.order_by(task_statuses_table.c.id)).mappings()
            return [CoordinatorStatus.model_validate(dict(row)) for row in rows]

    def task_status_mark(self) -> int:
        """Changes whenever a status is recorded: the master is written again."""
        with self._tx() as conn:
            return int(conn.execute(select(func.max(task_statuses_table.c.id))).scalar() or 0)
