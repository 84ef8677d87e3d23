"""The annual evaluation (issue 16 point 3): the Coordinator's decisions on the assessment of each activity and
the comments of the Working Group members and civil society representatives, both append-only.

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision: str | None = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "evaluation_overrides",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("activity", sa.String(20), nullable=False),
        sa.Column("year", sa.Integer, nullable=False),
        sa.Column("assessment", sa.String(30), nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("author", sa.String(200), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_evaluation_overrides_year", "evaluation_overrides", ["year"])
    op.create_table(
        "evaluation_comments",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("activity", sa.String(20), nullable=False),
        sa.Column("year", sa.Integer, nullable=False),
        sa.Column("author", sa.String(200), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_evaluation_comments_year", "evaluation_comments", ["year"])


def downgrade() -> None:
    op.drop_index("ix_evaluation_comments_year", table_name="evaluation_comments")
    op.drop_table("evaluation_comments")
    op.drop_index("ix_evaluation_overrides_year", table_name="evaluation_overrides")
    op.drop_table("evaluation_overrides")
