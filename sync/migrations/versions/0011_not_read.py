"""The reports the last run of each source could not read, and the sources it could not list, so that a separate
`apmon remind` or brief treats them as the sync did ("not read", no reminder), not as reports not sent.

Revision ID: 0011
Revises: 0010
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision: str | None = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Empty: runs before it kept no such list; the next run fills it.
    op.create_table(
        "not_read",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("run_id", sa.Integer, nullable=False),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("institution", sa.String(40), nullable=True),
        sa.Column("period", sa.String(10), nullable=True),
    )


def downgrade() -> None:
    op.drop_table("not_read")
