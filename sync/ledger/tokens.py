"""Add-in tokens in the ledger: only their sha256 is stored, never the token itself."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from apmon.sync.ledger.database import Database
from apmon.sync.ledger.schema import Role, TokenRow, check_sha256, tokens_table

TOKEN_IDS = (-(2**31), 2**31 - 1)  # the numbers tokens.id holds: an Integer column, a 4-byte integer in PostgreSQL


class Tokens(Database):
    def add_token(self, institution: str, role: Role, token_hash: str, label: str, created_at: dt.datetime) -> TokenRow:
        """Store a token's sha256 (never the token itself)."""
        check_sha256(token_hash, "token_hash")
        if role not in ("institution", "coordinator"):
            raise ValueError(f"role {role!r}: expected 'institution' or 'coordinator'")
        with self._tx() as conn:
            conn.execute(
                tokens_table.insert().values(
                    institution=institution, role=role, token_hash=token_hash, label=label, created_at=created_at
                )
            )
            row = conn.execute(select(tokens_table).where(tokens_table.c.token_hash == token_hash)).mappings().one()
        return TokenRow.model_validate(dict(row))

    def find_token(self, token_hash: str) -> TokenRow | None:
        """The token with this hash unless it was revoked."""
        t = tokens_table.c
        with self._tx() as conn:
            row = (
                conn.execute(select(tokens_table).where(t.token_hash == token_hash, t.revoked_at.is_(None)))
                .mappings()
                .first()
            )
        return TokenRow.model_validate(dict(row)) if row else None

    def revoke_tokens(self, institution: str, at: dt.datetime) -> int:
        """Revoke every live token of `institution`; returns how many."""
        t = tokens_table.c
        with self._tx() as conn:
            result = conn.execute(
                tokens_table.update().where(t.institution == institution, t.revoked_at.is_(None)).values(revoked_at=at)
            )
            return int(result.rowcount)

    def revoke_token(self, token_id: int, at: dt.datetime) -> tuple[TokenRow, bool] | None:
        """Revoke the one token `token_id` (as `apmon token list` numbers it): the token, and whether this call
        revoked it (False: it was revoked before); None when there is no such token."""
        if not TOKEN_IDS[0] <= token_id <= TOKEN_IDS[1]:  # the database would refuse the number, not find nothing
            return None
        t = tokens_table.c
        with self._tx() as conn:
            result = conn.execute(
                tokens_table.update().where(t.id == token_id, t.revoked_at.is_(None)).values(revoked_at=at)
            )
            row = conn.execute(select(tokens_table).where(t.id == token_id)).mappings().first()
        return (TokenRow.model_validate(dict(row)), result.rowcount == 1) if row else None

    def tokens(self) -> list[TokenRow]:
        with self._tx() as conn:
            rows = conn.execute(select(tokens_table).order_by(tokens_table.c.id)).mappings()
            return [TokenRow.model_validate(dict(row)) for row in rows]
