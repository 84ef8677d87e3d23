"""A report whose file a run could not read for a reason of its own is kept marked so in `runs.not_read`, as a third
field ([code, period, "unreadable"]). No table changes: the revision is there so that an apmon that knows only
two fields refuses such a ledger as newer than itself (`ledger_error.newer`), rather than stop half-way reading it.

Revision ID: 0016
Revises: 0015
"""

from __future__ import annotations

import json

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision: str | None = "0015"
branch_labels = None
depends_on = None

# The table as this step finds and leaves it, not as the code's schema describes it later.
runs = sa.table("runs", sa.column("id", sa.Integer), sa.column("not_read", sa.Text))


def upgrade() -> None:
    """Nothing to change: the mark is new, and a ledger before it holds none."""


def downgrade() -> None:
    conn = op.get_bind()
    # Each run's list as 0015 reads it, two fields a report: the mark dropped.
    for run_id, kept in conn.execute(sa.select(runs.c.id, runs.c.not_read).where(runs.c.not_read.is_not(None))).all():
        listed = json.loads(kept)
        unmarked = {
            source: None if reports is None else [report[:2] for report in reports]
            for source, reports in listed.items()
        }
        if unmarked != listed:
            conn.execute(
                runs.update().where(runs.c.id == run_id).values(not_read=json.dumps(unmarked, ensure_ascii=False))
            )
