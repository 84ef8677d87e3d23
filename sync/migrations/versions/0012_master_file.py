"""The file each master write went to: the master, or `<stem>.apmon.xlsx` beside it when the master holds a chart of
the Coordinator's, so that a run with nothing new leaves that file alone as it leaves the master.

Revision ID: 0012
Revises: 0011
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision: str | None = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Runs before it are left without: their writes count as written to the master itself.
    op.add_column("runs", sa.Column("master_file", sa.Text, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("runs") as batch:  # SQLite drops a column by copying the table
        batch.drop_column("master_file")
