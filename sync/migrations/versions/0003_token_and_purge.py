"""Which token brought each arrival, and personal data purged from refused versions.

- arrivals.token_id: the add-in token (its id, never the secret) that submitted this arrival; empty for
  files and spreadsheets fetched by the sync.
- versions.raw_purged_at: when the bytes (left empty) and the parsed report of a version refused for personal
  data were purged; they are kept only as long as needed to show the problem. (The versions table is not
  rebuilt: SQLite could not drop it under the arrivals that refer to it.)

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision: str | None = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("arrivals") as batch:
        batch.add_column(
            sa.Column("token_id", sa.Integer, sa.ForeignKey("tokens.id", name="fk_arrivals_token_id_tokens"))
        )
    op.add_column("versions", sa.Column("raw_purged_at", sa.DateTime(timezone=True)))


def downgrade() -> None:
    op.drop_column("versions", "raw_purged_at")
    with op.batch_alter_table("arrivals") as batch:
        batch.drop_column("token_id")
