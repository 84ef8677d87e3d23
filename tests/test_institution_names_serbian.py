"""Serbian e-mails never put an institution's name, as the registry writes it (nominative), straight after a
preposition: "za Interresorna radna grupa" is wrong Serbian (za asks for "Interresornu radnu grupu"), and the
registry has no other case of a name. The reminder and the late notice go to every institution that owes the
March 2018 report, in Latin and Cyrillic, through a real SMTP server on loopback (aiosmtpd); the names are read
from the registry file here, not from the code under test."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from apmon.schemas.institutions import InstitutionRegistry
from apmon.schemas.plan import Plan
from apmon.sync.config import load_config
from apmon.sync.ledger import Ledger, sqlite_url
from tests.test_remind import Server, certificate, owing_institutions, run, server, smtp_env, write_config

__all__ = ["certificate", "server", "smtp_env"]  # the real SMTP server's fixtures, from the reminder tests

DATA = Path(__file__).resolve().parent.parent / "templates" / "data"
NAMES = {i["code"]: i["name"] for i in yaml.safe_load((DATA / "institutions.yaml").read_text("utf-8"))["institutions"]}
PREPOSITIONS = ("za", "od", "iz", "kod", "за", "од", "из", "код")  # Latin, then Cyrillic


def after_a_preposition(text: str, lang: str) -> list[str]:
    """Each registry name in `text` that comes right after a preposition."""
    return [
        f"{word} {name[lang]}"
        for name in NAMES.values()
        for word in PREPOSITIONS
        if re.search(rf"(?<!\w){re.escape(word)} {re.escape(name[lang])}", text, re.IGNORECASE)
    ]


@pytest.mark.usefixtures("smtp_env")
@pytest.mark.parametrize("lang", ["sr-Latn", "sr-Cyrl"])
def test_serbian_reminders_and_late_notices_put_no_name_after_a_preposition(
    server: Server, plan: Plan, registry: InstitutionRegistry, tmp_path: Path, certificate: Any, lang: str
) -> None:
    contacts = {code: ([f"{code.lower()}@example.org"], [], lang) for code in NAMES}
    config = load_config(write_config(tmp_path, server.port, certificate[0], contacts=contacts))
    ledger = Ledger.open(sqlite_url(tmp_path / "ledger.sqlite"))
    try:
        run(config, plan, registry, ledger, dt.date(2018, 4, 5))  # before the 10 April deadline: reminders
        run(config, plan, registry, ledger, dt.date(2018, 4, 11))  # the working day after it: late notices
    finally:
        ledger.close()
    bodies = [msg.get_content().replace("\r\n", "\n") for _, msg in server.inbox.take()]
    assert len(bodies) >= 2 * len(owing_institutions())  # every task holder, and the short reports' senders
    assert any(NAMES["IRG"][lang] in body for body in bodies)  # a name of several words, feminine
    assert [found for body in bodies for found in after_a_preposition(body, lang)] == []
