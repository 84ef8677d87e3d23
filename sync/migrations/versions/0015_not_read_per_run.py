"""What each run could not read, kept with the run (`runs.not_read`) instead of a `not_read` table that held only the
last run's: a brief or Council report made again `--as-of` an earlier moment shows the reports not read then as
that moment's last run did ("file not read"), not as missing.

Revision ID: 0015
Revises: 0014
"""

from __future__ import annotations

import json
from collections import defaultdict
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision: str | None = "0014"
branch_labels = None
depends_on = None

# The tables as this step finds and leaves them, not as the code's schema describes them later.
runs = sa.table("runs", sa.column("id", sa.Integer), sa.column("not_read", sa.Text))
not_read = sa.table(
    "not_read",
    sa.column("run_id", sa.Integer),
    sa.column("source", sa.Text),
    sa.column("institution", sa.String),
    sa.column("period", sa.String),
)


def upgrade() -> None:
    op.add_column("runs", sa.Column("not_read", sa.Text, nullable=True))
    conn = op.get_bind()
    # The table held the last run's list only (and none when that run read everything): that run keeps it. The runs
    # before it keep none, and a report made again as of their time shows their reports not read as missing, as before.
    by_run: dict[int, dict[str, Any]] = defaultdict(dict)
    for run_id, source, code, period in conn.execute(sa.select(not_read).order_by(not_read.c.run_id)):
        listed = by_run[run_id]
        if code is None:
            listed[source] = None
        elif listed.setdefault(source, []) is not None:
            listed[source].append([code, period])
    for run_id, listed in by_run.items():
        conn.execute(runs.update().where(runs.c.id == run_id).values(not_read=json.dumps(listed, ensure_ascii=False)))
    op.drop_table("not_read")


def downgrade() -> None:
    op.create_table(
        "not_read",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("run_id", sa.Integer, nullable=False),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("institution", sa.String(40), nullable=True),
        sa.Column("period", sa.String(10), nullable=True),
    )
    conn = op.get_bind()
    # The table held the last run's list: the latest run that kept one gives it.
    last = conn.execute(
        sa.select(runs.c.id, runs.c.not_read).where(runs.c.not_read.is_not(None)).order_by(runs.c.id.desc()).limit(1)
    ).first()
    if last is not None:
        rows = [
            {"run_id": last.id, "source": source, "institution": code, "period": period}
            for source, reports in json.loads(last.not_read).items()
            # A later apmon marks a file that could not be read as a third field: the table kept no such mark.
            for code, period, *_ in (reports if reports is not None else [(None, None)])
        ]
        if rows:
            conn.execute(sa.insert(not_read), rows)
    with op.batch_alter_table("runs") as batch:  # SQLite drops a column by copying the table
        batch.drop_column("not_read")
