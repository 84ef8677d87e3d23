"""The e-mails apmon sent or tried to send: reminders, late notices, problems and receipts (issue 18).

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision: str | None = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "mails",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("institution", sa.String(40), nullable=False),
        sa.Column("period", sa.String(10), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("version_id", sa.Integer, sa.ForeignKey("versions.id", name="fk_mails_version_id_versions")),
        sa.Column("recipients", sa.Text, nullable=False),
        sa.Column("subject", sa.Text, nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("outcome", sa.String(10), nullable=False),
        sa.Column("error", sa.Text),
    )
    op.create_index("ix_mails_institution_period", "mails", ["institution", "period"])


def downgrade() -> None:
    op.drop_index("ix_mails_institution_period", table_name="mails")
    op.drop_table("mails")
