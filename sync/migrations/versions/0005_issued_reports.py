"""The Coordinator's reports issued: the Minister's monthly brief and the Council report (issue 16).

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision: str | None = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "issued_reports",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("first_period", sa.String(10), nullable=False),
        sa.Column("last_period", sa.String(10), nullable=False),
        sa.Column("issued_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("cut_off", sa.DateTime(timezone=True), nullable=False),
        sa.Column("run_id", sa.Integer),
        sa.Column("lang", sa.String(10), nullable=False),
        sa.Column("files", sa.Text, nullable=False),
    )
    op.create_index("ix_issued_reports_kind", "issued_reports", ["kind"])


def downgrade() -> None:
    op.drop_index("ix_issued_reports_kind", table_name="issued_reports")
    op.drop_table("issued_reports")
