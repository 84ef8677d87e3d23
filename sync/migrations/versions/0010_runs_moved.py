"""The reports folders a run found moved, so that `apmon sync status` says so after the run.

Revision ID: 0010
Revises: 0009
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision: str | None = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Runs before it are left without: none of them is known to have found a folder moved.
    op.add_column("runs", sa.Column("moved", sa.Text, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("runs") as batch:  # SQLite drops a column by copying the table
        batch.drop_column("moved")
