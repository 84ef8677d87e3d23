"""Alembic environment of the ledger.

`Ledger.migrate()` and `Ledger.downgrade()` (`apmon ledger downgrade`) hand in their open connection
(config.attributes["connection"]), so no alembic.ini is needed. The alembic CLI works too, given a config file
of your own that sets `script_location` to this folder, with `-x url=...` or sqlalchemy.url in that file.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection, text

from apmon.sync.ledger import MIGRATION_LOCK_KEY, make_engine, metadata


def run(connection: Connection) -> None:
    context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
    with context.begin_transaction():
        if connection.dialect.name == "postgresql":
            # Two processes opening a fresh database at once: the second waits, then finds the schema in place.
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK_KEY})
        context.run_migrations()


connection = context.config.attributes.get("connection")
if connection is not None:
    run(connection)
else:
    url = context.get_x_argument(as_dictionary=True).get("url") or context.config.get_main_option("sqlalchemy.url")
    if not url:
        raise SystemExit("no database: pass -x url=sqlite:///path/ledger.sqlite or set sqlalchemy.url")
    engine = make_engine(url)
    try:
        with engine.begin() as conn:
            run(conn)
    finally:
        engine.dispose()
