"""The Coordinator's records of the status of the tasks led only by bodies that receive reports (the Council, the
National Coordinator, the Working Group as a body), as of a month; append-only.

Revision ID: 0009
Revises: 0008
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision: str | None = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "task_statuses",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("task", sa.String(20), nullable=False),
        sa.Column("period", sa.String(7), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("note", sa.Text, nullable=False),
        sa.Column("author", sa.String(200), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_task_statuses_task", "task_statuses", ["task"])


def downgrade() -> None:
    op.drop_index("ix_task_statuses_task", table_name="task_statuses")
    op.drop_table("task_statuses")
