"""What a run set aside of what an older apmon stored, said as its notice (`runs.notices`, JSON list of lines in the
run's language), recorded with its decisions: a run killed before it ends leaves it to the next run to say
(`sync.run._repair_interrupted`). NULL: a run that had none to say, or one before it was kept.

Revision ID: 0018
Revises: 0017
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0018"
down_revision: str | None = "0017"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("runs", sa.Column("notices", sa.Text, nullable=True))


def downgrade() -> None:
    op.drop_column("runs", "notices")
