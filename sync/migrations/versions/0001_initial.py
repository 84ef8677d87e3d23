"""The ledger's first schema: items, versions, runs, tokens.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision: str | None = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "items",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("key", sa.Text, nullable=False),
        sa.Column("size", sa.BigInteger),
        sa.Column("modified", sa.DateTime(timezone=True)),
        sa.Column("content_hash", sa.String(64)),
        sa.Column("first_seen", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_seen", sa.DateTime(timezone=True), nullable=False),
        sa.Column("missing_since", sa.DateTime(timezone=True)),
        sa.UniqueConstraint("source", "key", name="uq_items_source_key"),
    )
    op.create_table(
        "versions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("item_id", sa.Integer, sa.ForeignKey("items.id", name="fk_versions_item_id_items"), nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("raw", sa.LargeBinary, nullable=False),
        sa.Column("raw_kind", sa.String(20), nullable=False),
        sa.Column("file_name", sa.Text, nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("source_modified", sa.DateTime(timezone=True)),
        sa.Column("readable", sa.Boolean, nullable=False),
        sa.Column("valid", sa.Boolean, nullable=False),
        sa.Column("institution", sa.String(40)),
        sa.Column("period", sa.String(10)),
        sa.Column("kind", sa.String(20)),
        sa.Column("due", sa.Date),
        sa.Column("on_time", sa.Boolean),
        sa.Column("days_late", sa.Integer),
        sa.Column("issues", sa.Text, nullable=False),
        sa.Column("report", sa.Text),
        sa.UniqueConstraint("content_hash", name="uq_versions_content_hash"),
    )
    op.create_index("ix_versions_institution_period", "versions", ["institution", "period"])
    op.create_index("ix_versions_item_id", "versions", ["item_id"])
    op.create_table(
        "runs",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True)),
        sa.Column("trigger", sa.String(20), nullable=False),
        sa.Column("files_seen", sa.Integer, nullable=False),
        sa.Column("files_changed", sa.Integer, nullable=False),
        sa.Column("versions_added", sa.Integer, nullable=False),
        sa.Column("errors", sa.Text, nullable=False),
        sa.Column("master_written_at", sa.DateTime(timezone=True)),
    )
    op.create_table(
        "tokens",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("institution", sa.String(40), nullable=False),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("token_hash", sa.String(64), nullable=False),
        sa.Column("label", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True)),
        sa.UniqueConstraint("token_hash", name="uq_tokens_token_hash"),
    )


def downgrade() -> None:
    # Only for developers resetting a scratch database: a sync never drops anything.
    for table in ("tokens", "runs", "versions", "items"):
        op.drop_table(table)
