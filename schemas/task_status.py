"""The Coordinator's record of a task's status, for the tasks no institution reports on: those led only by bodies
that receive reports instead of sending them (the Council, the National Coordinator, the Working Group as a body;
`reports: false` in the registry). It stands in for a lead's report on the task, as of a month."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict


class CoordinatorStatus(BaseModel):
    """One record, as the ledger keeps it (append-only): the task's status and a short progress note as of
    `period` (YYYY-MM), who recorded it and when."""

    model_config = ConfigDict(frozen=True)

    id: int
    task: str
    period: str
    status: str  # a task status code (templates.layout.TASK_STATUSES)
    note: str
    author: str
    at: dt.datetime
