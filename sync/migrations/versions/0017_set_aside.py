"""A version apmon set aside as no institution's submission, kept for audit (`versions.set_aside`): a copy of the
master ("master-copy": a copy saved by hand beside the reports, or a backup read from a shared folder) or a blank
template ("blank-template"), which runs before apmon told them apart recorded as reports. "" for a version looked
at and counted; NULL for one an earlier apmon stored, looked at once by the next sync run (`sync.set_aside`).

Revision ID: 0017
Revises: 0016
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0017"
down_revision: str | None = "0016"
branch_labels = None
depends_on = None

# The table as this step finds and leaves it, not as the code's schema describes it later.
versions = sa.table("versions", sa.column("valid", sa.Boolean), sa.column("set_aside", sa.String(20)))


def upgrade() -> None:
    op.add_column("versions", sa.Column("set_aside", sa.String(20), server_default=""))
    # A valid version is a report someone filled: neither a copy of the master nor a blank template (which have
    # errors). Only the others are left to be looked at.
    op.get_bind().execute(versions.update().where(sa.not_(versions.c.valid)).values(set_aside=None))
    # Each run asks for the versions not looked at yet: from the index, not by reading every stored file's row
    op.create_index("ix_versions_set_aside", "versions", ["set_aside"])


def downgrade() -> None:
    op.drop_index("ix_versions_set_aside", table_name="versions")
    op.drop_column("versions", "set_aside")  # as 0003 drops raw_purged_at: the table others refer to is not copied
