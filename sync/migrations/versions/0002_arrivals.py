"""Arrivals: every time a version came in, so content that comes back (a restored file) is newest again;
and the basis a master was written from, so a change of date, settings or language writes it again.

Each existing version gets the one arrival it had.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision: str | None = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "arrivals",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "version_id",
            sa.Integer,
            sa.ForeignKey("versions.id", name="fk_arrivals_version_id_versions"),
            nullable=False,
        ),
        sa.Column("item_id", sa.Integer, sa.ForeignKey("items.id", name="fk_arrivals_item_id_items"), nullable=False),
        sa.Column("file_name", sa.Text, nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("source_modified", sa.DateTime(timezone=True)),
    )
    op.create_index("ix_arrivals_version_id", "arrivals", ["version_id"])
    op.add_column("runs", sa.Column("master_basis", sa.String(64)))
    op.execute(
        "INSERT INTO arrivals (version_id, item_id, file_name, received_at, source_modified) "
        "SELECT id, item_id, file_name, received_at, source_modified FROM versions ORDER BY id"
    )


def downgrade() -> None:
    op.drop_column("runs", "master_basis")
    op.drop_index("ix_arrivals_version_id", table_name="arrivals")
    op.drop_table("arrivals")
