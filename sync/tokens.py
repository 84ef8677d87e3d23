"""The add-in's access tokens: how one is made, and how it is stored (its hash, never the token)."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from apmon.schemas.personal_data import TOKEN_PREFIX
from apmon.sync.ledger import Ledger, Role, TokenRow

__all__ = ["TOKEN_PREFIX", "issue_token", "token_hash"]


def token_hash(token: str) -> str:
    """How a token is stored: its sha256, hex."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def issue_token(ledger: Ledger, holder: str, role: Role, label: str, now: dt.datetime) -> tuple[TokenRow, str]:
    """A new random token for `holder`; the ledger keeps its hash, the caller shows the token once."""
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    return ledger.add_token(holder, role, token_hash(token), label, now), token
