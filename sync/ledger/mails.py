"""The e-mails in the ledger: each one sent or tried, so none is sent twice and a failed one is tried again."""

from __future__ import annotations

import datetime as dt
import json
from typing import Literal

from pydantic import BaseModel, ConfigDict
from sqlalchemy import func, select

from apmon.sync.ledger.database import Database
from apmon.sync.ledger.schema import mails_table

# "sending": written before the server is asked and replaced by "sent" or "failed" once it has answered; a row left
# "sending" is of a run that stopped in between (the server may have taken the mail): it counts as sent.
Outcome = Literal["sending", "sent", "failed"]


class MailRow(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: int
    institution: str
    period: str
    kind: str
    version_id: int | None
    to: list[str]
    cc: list[str]
    subject: str
    sent_at: dt.datetime
    outcome: Outcome
    error: str | None


class Mails(Database):
    def record_mail(
        self,
        *,
        institution: str,
        period: str,
        kind: str,
        version_id: int | None,
        to: list[str],
        cc: list[str],
        subject: str,
        at: dt.datetime,
        outcome: Outcome,
        error: str | None = None,
    ) -> int:
        """Record a mail; its row id (for `finish_mail` when `outcome` is "sending")."""
        if outcome not in ("sending", "sent", "failed"):
            raise ValueError(f"outcome {outcome!r}: expected 'sending', 'sent' or 'failed'")
        with self._tx() as conn:
            inserted = conn.execute(
                mails_table.insert().values(
                    institution=institution,
                    period=period,
                    kind=kind,
                    version_id=version_id,
                    recipients=json.dumps({"to": to, "cc": cc}, ensure_ascii=False),
                    subject=subject,
                    sent_at=at,
                    outcome=outcome,
                    error=error,
                )
            )
            key = inserted.inserted_primary_key
            assert key is not None
            return int(key[0])

    def finish_mail(self, mail_id: int, *, outcome: Outcome, error: str | None = None) -> None:
        """The server's answer to a mail recorded as "sending"."""
        with self._tx() as conn:
            conn.execute(mails_table.update().where(mails_table.c.id == mail_id).values(outcome=outcome, error=error))

    def mails(self, institution: str | None = None) -> list[MailRow]:
        """Every mail recorded (to `institution`, when given), oldest first."""
        query = select(mails_table).order_by(mails_table.c.id)
        if institution is not None:
            query = query.where(mails_table.c.institution == institution)
        with self._tx() as conn:
            rows = conn.execute(query).mappings().all()
        found = []
        for row in rows:
            data = dict(row)
            data.update(json.loads(data.pop("recipients")))
            found.append(MailRow.model_validate(data))
        return found

    def mail_totals(self) -> tuple[int, int, int, dt.datetime | None]:
        """How many mails were sent, how many of them no server confirmed, how many are still not sent (refused,
        and not sent since: `apmon remind` tries such a mail again, so a refusal followed by a sending is no longer
        one), and when the last was recorded: counted in the database, not read row by row (`apmon sync status` runs
        often). A mail whose sending a stopped run left unconfirmed counts as sent (the server may have taken it,
        and it is never sent again), and among the unconfirmed too: it may never have reached the server either."""
        m, later = mails_table.c, mails_table.alias("later").c
        sent_since = (
            select(later.id)
            .where(
                later.institution == m.institution,
                later.period == m.period,
                later.kind == m.kind,
                later.version_id.is_not_distinct_from(m.version_id),  # a mail not about a version: NULL
                later.outcome.in_(["sent", "sending"]),
            )
            .exists()
        )
        unsent = select(m.institution, m.period, m.kind, m.version_id).where(m.outcome == "failed", ~sent_since)
        with self._tx() as conn:
            sent = conn.execute(select(func.count()).where(m.outcome.in_(["sent", "sending"]))).scalar_one()
            unconfirmed = conn.execute(select(func.count()).where(m.outcome == "sending")).scalar_one()
            last = conn.execute(select(func.max(m.sent_at))).scalar()
            not_sent = len(set(conn.execute(unsent.distinct()).all()))
        return int(sent), int(unconfirmed), not_sent, last

    def mails_sent(self) -> set[tuple[str, str, str, int | None]]:
        """(institution, period, kind, version id) of every mail sent, or whose sending a stopped run left
        unanswered: those are never sent again."""
        m = mails_table.c
        query = select(m.institution, m.period, m.kind, m.version_id).where(m.outcome.in_(["sent", "sending"]))
        with self._tx() as conn:
            return {(i, p, k, v) for i, p, k, v in conn.execute(query)}
