"""The Coordinator's texts a final report printed, kept with it, so that `--as-of` makes the same report again after
the Conclusions sheet changed.

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision: str | None = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("issued_reports", sa.Column("texts", sa.Text, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("issued_reports") as batch:  # SQLite drops a column by copying the table
        batch.drop_column("texts")
