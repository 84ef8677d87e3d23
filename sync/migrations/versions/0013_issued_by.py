"""Who issued each Coordinator's report (the brief to the Minister, the report to the Council, ...), so that a
Coordinator taking over sees under whose name the last ones went out.

Revision ID: 0013
Revises: 0012
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision: str | None = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Reports issued before it are left without: who issued them was never recorded, and is not guessed.
    op.add_column("issued_reports", sa.Column("issued_by", sa.Text, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("issued_reports") as batch:  # SQLite drops a column by copying the table
        batch.drop_column("issued_by")
