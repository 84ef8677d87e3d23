"""The master file's size and modification time as each master write left it, so that a save by someone else since
is told by the file's own stat, whatever the share allows (some refuse to set a file's time) and whenever it came.

Revision ID: 0014
Revises: 0013
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision: str | None = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Runs before it are left without: a master they left alone for its chart is written once more by the next run.
    op.add_column("runs", sa.Column("master_size", sa.BigInteger, nullable=True))
    op.add_column("runs", sa.Column("master_mtime_ns", sa.BigInteger, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("runs") as batch:  # SQLite drops a column by copying the table
        batch.drop_column("master_mtime_ns")
        batch.drop_column("master_size")
