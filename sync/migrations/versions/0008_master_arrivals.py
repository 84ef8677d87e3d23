"""How many arrivals the master was read from, so that one recorded while the master is written makes it stale.

Revision ID: 0008
Revises: 0007
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision: str | None = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Masters written before are left without a count: the next run writes the master again, once.
    op.add_column("runs", sa.Column("master_arrivals", sa.Integer, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("runs") as batch:  # SQLite drops a column by copying the table
        batch.drop_column("master_arrivals")
