"""The mail side tried as an officer, the Coordinator and an attacker would: due dates against an independent count,
what a mail client makes of the messages, and a real SMTP server on loopback (aiosmtpd) that refuses a recipient,
dies mid-run or takes a password in clear text. Fixtures and the expected side come from tests.test_remind."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import signal
import socket
import subprocess
import sys
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any

import holidays
import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP as SMTPServer
from aiosmtpd.smtp import AuthResult, Envelope, Session

from apmon.schemas.calendar import Period, WorkingCalendar
from apmon.schemas.institutions import InstitutionRegistry
from apmon.schemas.plan import Plan
from apmon.sync.config import load_config
from apmon.sync.ledger import Arrival, Ledger, VersionData
from apmon.sync.mail import MailConfigError
from tests import test_ledger, test_remind
from tests.test_remind import (
    CONTACTS,
    MARCH,
    MARCH_DUE,
    PASSWORD,
    USER,
    Inbox,
    Server,
    _free_port,
    addresses,
    at,
    owing_institutions,
    run,
    synced_first,
    write_config,
)

# The fixtures of test_remind: a real SMTP server, its certificate, the SMTP user, a ledger on SQLite and PostgreSQL.
certificate, server, smtp_env, ledger = (
    test_remind.certificate,
    test_remind.server,
    test_remind.smtp_env,
    test_remind.ledger,
)
url, postgres_admin_url = test_ledger.url, test_ledger.postgres_admin_url

# -- due dates against an independent count ------------------------------------------------------------------


def _fifth_working_day(year: int, month: int, off: set[dt.date]) -> dt.date:
    day, count = dt.date(year, month, 1), 0
    while True:
        if day.weekday() < 5 and day not in off:
            count += 1
            if count == 5:
                return day
        day += dt.timedelta(days=1)


def test_every_due_date_2017_2023_matches_an_independent_count() -> None:
    """84 monthly due dates and 7 annual ones (15 February is Statehood Day itself, so every one moves)."""
    off = set(holidays.country_holidays("RS", years=range(2017, 2025), observed=True))
    calendar = WorkingCalendar()
    monthly = {
        (year, month): _fifth_working_day(year + month // 12, month % 12 + 1, off)
        for year in range(2017, 2024)
        for month in range(1, 13)
    }
    assert len(monthly) == 84
    assert {key: calendar.due_date(Period(year=key[0], month=key[1])).due for key in monthly} == monthly
    assert monthly[(2018, 3)] == MARCH_DUE  # Good Friday 6 and Easter Monday 9 April 2018 skipped
    assert monthly[(2021, 4)] == dt.date(2021, 5, 11)  # 1-4 May 2021: Labour Day, Easter, Labour Day moved
    annual = {}
    for year in range(2017, 2024):
        day = dt.date(year + 1, 2, 15)
        while day.weekday() >= 5 or day in off:
            day += dt.timedelta(days=1)
        annual[year] = day
    assert {year: calendar.due_date(Period(year=year)).due for year in annual} == annual
    assert annual[2019] == dt.date(2020, 2, 18)  # 15 Feb 2020 a Saturday, the 16th a Sunday: Monday 17th is off too


# -- what a mail client reads --------------------------------------------------------------------------------


@pytest.mark.usefixtures("smtp_env")
def test_each_language_decodes_as_written_and_a_name_cannot_add_a_header(
    server: Server, ledger: Ledger, plan: Plan, registry: InstitutionRegistry, tmp_path: Path, certificate: Any
) -> None:
    """A registry name (and its genitive, which the Serbian reminder says) carrying a newline and "Bcc:" stays text
    in the body; subject and body decode to exactly what was planned in Serbian Latin, Cyrillic and English; the raw
    message is 7-bit (any relay passes it)."""
    data = registry.model_dump(by_alias=True)
    for inst in data["institutions"]:
        if inst["code"] == "MUP":
            inst["name"] = {lang: "MUP\r\nBcc: spy@evil.example\r\n" for lang in ("sr-Latn", "sr-Cyrl", "en")}
            inst["genitive"] = {lang: "MUP\r\nBcc: spy@evil.example\r\n" for lang in ("sr-Latn", "sr-Cyrl")}  # said too
    hostile = InstitutionRegistry.model_validate(data)
    config = load_config(write_config(tmp_path, server.port, certificate[0]))
    today = dt.date(2018, 4, 3)
    result = run(config, plan, hostile, ledger, today)
    raw = {frozenset(rcpt): msg for rcpt, msg in server.inbox.take()}
    assert set(raw) == {addresses(code) for code in ("MUP", "MRZBSP", "MPRAVDE", "MPNTR")}  # nobody else
    planned = {m.institution: m for m in result.mails}
    for code, msg in ((code, raw[addresses(code)]) for code in planned):
        mail = planned[code]
        assert msg["Subject"] == mail.subject
        assert msg.get_content().replace("\r\n", "\n") == mail.body.replace("\r\n", "\n") + "\n"
        assert msg["Content-Language"] == mail.lang and msg.get_content_charset() == "utf-8"
        assert msg["From"] == "koordinator@mup.gov.rs" and msg["Auto-Submitted"] == "auto-generated"
        assert parsedate_to_datetime(msg["Date"]) == at(today, 8)
        assert msg["Message-ID"].endswith("@mup.gov.rs>")
        assert "Bcc" not in msg and msg.as_bytes().isascii()
    assert "Bcc: spy@evil.example" in planned["MUP"].body
    assert {planned[c].lang for c in planned} == {"sr-Latn", "sr-Cyrl", "en"}
    assert "mesečni izveštaj" in planned["MUP"].subject and "месечни извештај" in planned["MRZBSP"].subject
    assert len({m["Message-ID"] for m in raw.values()}) == len(raw)


# -- recipients ----------------------------------------------------------------------------------------------


class PickyInbox(Inbox):
    """Refuses `nema.*` recipients for good (550) and `puno.*` for now (452); keeps envelope recipients as a list."""

    def __init__(self) -> None:
        super().__init__()
        self.envelopes: list[list[str]] = []
        self.logins = 0

    async def handle_RCPT(
        self, server: SMTPServer, session: Session, envelope: Envelope, address: str, options: list[str]
    ) -> str:
        if address.startswith("nema."):
            return "550 5.1.1 No such user"
        if address.startswith("puno."):
            return "452 4.2.2 Mailbox full"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: SMTPServer, session: Session, envelope: Envelope) -> str:
        self.envelopes.append(list(envelope.rcpt_tos))
        return await super().handle_DATA(server, session, envelope)


@pytest.fixture
def picky(server: Server) -> PickyInbox:
    return server.serving(PickyInbox())


@pytest.mark.usefixtures("smtp_env")
def test_a_recipient_the_server_refuses_is_said_and_the_others_get_the_mail_once(
    server: Server,
    picky: PickyInbox,
    url: str,
    ledger: Ledger,
    plan: Plan,
    registry: InstitutionRegistry,
    tmp_path: Path,
    certificate: Any,
) -> None:
    contacts = {
        "MUP": (["mup.trafficking@mup.gov.rs", "nema.nikog@mup.gov.rs"], ["puno.sanduce@mup.gov.rs"], "en"),
        "MPNTR": CONTACTS["MPNTR"],
    }
    config = load_config(write_config(tmp_path, server.port, certificate[0], contacts=contacts))
    today = dt.date(2018, 4, 4)
    first = run(config, plan, registry, ledger, today)
    assert picky.envelopes and sorted(picky.envelopes) == [["izvestaji@mpn.gov.rs"], ["mup.trafficking@mup.gov.rs"]]
    mup = next(m for m in first.mails if m.institution == "MUP")
    assert first.failed and mup.outcome == "sent"
    assert "nema.nikog@mup.gov.rs (550" in (mup.error or "") and "puno.sanduce@mup.gov.rs (452" in (mup.error or "")
    assert [line for line in first.lines("en") if "nema.nikog@mup.gov.rs" in line and "MUP" in line]
    assert [(m.institution, m.outcome, m.error is not None) for m in ledger.mails() if m.institution == "MUP"] == [
        ("MUP", "sent", True)
    ]
    assert run(config, plan, registry, ledger, today).mails == []  # never twice to those that got it
    assert len(picky.envelopes) == 2
    # `apmon ledger mails` says the refusal too: its table said only "sent", the addresses to correct in --json alone
    from typer.testing import CliRunner

    from apmon.cli.app import app

    listed = CliRunner().invoke(
        app,
        ["ledger", "mails", "--institution", "MUP", "--lang", "en", "--config",
         str(write_config(tmp_path, server.port, certificate[0], contacts=contacts, ledger=url))],
    )  # fmt: skip
    assert listed.exit_code == 0, listed.output
    said = "".join(listed.output.split())
    assert "nema.nikog@mup.gov.rs(550" in said and "puno.sanduce@mup.gov.rs(452" in said, listed.output


@pytest.mark.usefixtures("smtp_env")
def test_an_address_given_twice_gets_one_copy(
    server: Server,
    picky: PickyInbox,
    ledger: Ledger,
    plan: Plan,
    registry: InstitutionRegistry,
    tmp_path: Path,
    certificate: Any,
) -> None:
    contacts = {"MUP": (["mup@mup.gov.rs", "kabinet@mup.gov.rs"], ["MUP@mup.gov.rs", "kabinet@mup.gov.rs"], None)}
    config = load_config(write_config(tmp_path, server.port, certificate[0], contacts=contacts))
    run(config, plan, registry, ledger, dt.date(2018, 4, 4))
    assert picky.envelopes == [["mup@mup.gov.rs", "kabinet@mup.gov.rs"]]
    ((_, msg),) = server.inbox.take()
    assert msg["To"] == "mup@mup.gov.rs, kabinet@mup.gov.rs" and "Cc" not in msg


# -- personal data -------------------------------------------------------------------------------------------

JMBG = "0101990710008"  # a date (1 January 1990) and a right checksum: what schemas.personal_data finds


@pytest.mark.usefixtures("smtp_env")
@pytest.mark.parametrize("file_name", [f"Izvestaj {JMBG}.xlsx", f"MUP_2018-03_{JMBG}.xlsx"])
def test_the_problems_mail_never_quotes_personal_data(
    server: Server,
    ledger: Ledger,
    plan: Plan,
    registry: InstitutionRegistry,
    tmp_path: Path,
    certificate: Any,
    file_name: str,
) -> None:
    """A JMBG typed into a dropdown cell (quoted by the choice-not-in-list problem) and one in the file name (its
    words apart, or joined by underscores as file names are): the mail, which also goes to the copies, says where
    the problem is, without the number."""
    config = load_config(write_config(tmp_path, server.port, certificate[0], contacts={"MUP": CONTACTS["MUP"]}))
    received = at(dt.date(2018, 4, 4), 7)
    problems = [
        {"code": "choice-not-in-list", "severity": "error", "sheet": "Tasks", "cell": "E4",
         "value": f"mozda {JMBG}", "params": {"choices": "in progress, completed"}},
    ]  # fmt: skip
    content = f"MUP {JMBG}".encode()
    version = VersionData(
        content_hash=hashlib.sha256(content).hexdigest(), raw=content, raw_kind="xlsx",
        file_name=file_name, received_at=received, source_modified=received, readable=True,
        valid=False, institution="MUP", period=MARCH, kind="monthly", due=MARCH_DUE, on_time=True, days_late=0,
        issues=json.dumps(problems), report=None,
    )  # fmt: skip
    ledger.record([Arrival("folder:/reports", version.file_name, len(content), received, version)])
    result = run(config, plan, registry, ledger, dt.date(2018, 4, 4))
    assert {m.kind for m in result.mails} == {"reminder", "problems"}
    mail = next(msg for _, msg in server.inbox.take() if "E4" in msg.get_content())
    body = mail.get_content()
    assert "Tasks" in body and "E4" in body and ".xlsx" in body
    assert JMBG not in body and JMBG not in body.replace(" ", "")


# -- a run that stops mid-sending ----------------------------------------------------------------------------

_RUN = """
import datetime as dt, sys
from pathlib import Path
from apmon.schemas.calendar import BELGRADE
from apmon.sync.config import load_config
from apmon.sync.remind import remind
from apmon.sync.service import open_ledger, plan_and_registry
config = load_config(Path(sys.argv[1]))
plan, registry = plan_and_registry(config)
today = dt.date.fromisoformat(sys.argv[2])
now = dt.datetime(today.year, today.month, today.day, 8, tzinfo=BELGRADE)
remind(config, plan, registry, open_ledger(config), today=today, now=lambda: now)
"""


class KillingInbox(Inbox):
    """Takes the second message, then kills the sending process before it can hear the server's 250."""

    def __init__(self) -> None:
        super().__init__()
        self.victim: subprocess.Popen[bytes] | None = None

    async def handle_DATA(self, server: SMTPServer, session: Session, envelope: Envelope) -> str:
        answer = await super().handle_DATA(server, session, envelope)
        if len(self.received) == 2 and self.victim is not None:
            os.kill(self.victim.pid, signal.SIGKILL)
            self.victim.wait()
            self.victim = None  # killed once: the next run's mails are answered as any server does
        return answer


@pytest.mark.usefixtures("smtp_env")
def test_a_run_killed_mid_sending_sends_no_mail_twice_and_says_which_is_unconfirmed(
    server: Server, plan: Plan, registry: InstitutionRegistry, tmp_path: Path, certificate: Any
) -> None:
    inbox = server.serving(KillingInbox())
    ledger_url = f"sqlite:///{(tmp_path / 'ledger.db').as_posix()}"
    path = synced_first(write_config(tmp_path, server.port, certificate[0], ledger=ledger_url))
    today = dt.date(2018, 4, 4)
    owing = owing_institutions() & set(CONTACTS)
    assert len(owing) >= 3  # one sent, one killed, the rest left

    root = Path(__file__).resolve().parent.parent
    inbox.victim = subprocess.Popen([sys.executable, "-c", _RUN, str(path), today.isoformat()], cwd=root)
    assert inbox.victim.wait(timeout=60) == -signal.SIGKILL
    first = inbox.take()
    assert len(first) == 2
    # The killed run's second mail reached the server, unconfirmed: the ledger never sends it again, so the
    # Coordinator's status counts it among those sent, not as neither sent nor to be sent; but it says that one of
    # them the server never confirmed, to be checked with the institution, not as plainly sent.
    assert mails_counted(path) == (len(first), 1, 0)
    said = status_said(path)
    assert f"{len(first)} sent" in said and "Of those sent, 1 got no answer from the mail server" in said, said

    config = load_config(path)
    ledger = Ledger.open(ledger_url)
    try:
        second = run(config, plan, registry, ledger, today)
    finally:
        ledger.close()
    got = [frozenset(rcpt) for rcpt, _ in [*first, *inbox.take()]]
    assert sorted(got, key=sorted) == sorted((addresses(code) for code in owing), key=sorted)  # each once
    killed = frozenset(first[1][0])
    assert [frozenset(u.to) for u in second.unconfirmed] == [killed]
    assert [line for line in second.lines("en") if line.startswith("Unconfirmed")]
    assert mails_counted(path) == (len(got), 1, 0)


def status_said(config: Path) -> str:
    """What `apmon sync status` says, in English, of the Coordinator's records (the ledger holds no sync run here:
    the command itself would only say so)."""
    from apmon.cli.sync import _handover_lines
    from apmon.sync.status import sync_status

    return " ".join(_handover_lines(sync_status(load_config(config), dt.date(2018, 4, 4)), "en"))


def mails_counted(config: Path) -> tuple[int, int, int]:
    """The e-mails `apmon sync status` says were sent, of them left unconfirmed, and still not sent."""
    from typer.testing import CliRunner

    from apmon.cli.app import app

    result = CliRunner().invoke(app, ["sync", "status", "--json", "--config", str(config)])
    assert result.exit_code == 0, result.output
    records = json.loads(result.stdout)["records"]
    return records["mails_sent"], records.get("mails_unconfirmed"), records["mails_failed"]


# -- credentials ---------------------------------------------------------------------------------------------


def _outside_address() -> str | None:
    """An address of this machine that is not loopback, or None."""
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            probe.connect(("192.0.2.1", 9))  # no packet is sent: this only picks the outgoing interface
            address = str(probe.getsockname()[0])
    except OSError:
        return None
    return None if address.startswith("127.") else address


@pytest.mark.usefixtures("smtp_env")
def test_no_password_is_sent_in_clear_text_to_a_server_off_this_machine(
    ledger: Ledger, plan: Plan, registry: InstitutionRegistry, tmp_path: Path, certificate: Any
) -> None:
    host = _outside_address()
    if host is None:
        pytest.skip("this machine has no address besides loopback")
    inbox = PickyInbox()

    def authenticate(server: SMTPServer, session: Session, envelope: Envelope, mechanism: str, data: Any) -> AuthResult:
        inbox.logins += 1
        return AuthResult(success=True)

    port = _free_port()
    controller = Controller(inbox, hostname=host, port=port, authenticator=authenticate, auth_require_tls=False)
    controller.start()
    try:
        path = write_config(tmp_path, port, certificate[0], contacts={"MUP": CONTACTS["MUP"]})
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace('"127.0.0.1"', f'"{host}"').replace('"starttls"', '"none"'), encoding="utf-8")
        with pytest.raises(MailConfigError) as refused:
            run(load_config(path), plan, registry, ledger, dt.date(2018, 4, 4))
        assert "security" in str(refused.value) and host in str(refused.value)
        assert inbox.logins == 0 and inbox.received == [] and ledger.mails() == []
    finally:
        controller.stop()


def test_a_relay_on_this_machine_may_still_be_used_without_tls() -> None:
    from apmon.sync.config import MailSettings
    from apmon.sync.mail import SmtpSender

    env = {"APMON_SMTP_USER": USER, "APMON_SMTP_PASSWORD": PASSWORD}
    for host in ("127.0.0.1", "localhost", "::1"):
        SmtpSender(MailSettings(host=host, security="none"), env=env).close()
    SmtpSender(MailSettings(host="smtp.gov.rs", security="none"), env={}).close()  # no user, no password to leak


# -- TLS settings that do not match the server ---------------------------------------------------------------


def test_tls_settings_that_do_not_match_the_server_point_to_security_not_the_certificate() -> None:
    """smtps (TLS from the first byte) against a server that starts in plain text, and starttls against one that
    offers no STARTTLS: the error says to check `security` and `port`, not `ca_file`, and says it in Serbian too."""
    from apmon.sync.config import MailSettings
    from apmon.sync.mail import SendFailed, SmtpSender, message
    from apmon.sync.reminders import Mail

    inbox = Inbox()
    port = _free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    mail = Mail("MUP", MARCH, "reminder", None, ("mup@mup.gov.rs",), (), "sr-Latn", "Podsetnik", "Telo poruke")
    try:
        for security in ("smtps", "starttls"):
            settings = MailSettings(host="127.0.0.1", port=port, security=security, timeout=5)  # type: ignore[arg-type]
            with SmtpSender(settings, env={}) as sender, pytest.raises(SendFailed) as failed:
                sender.send(message(mail, "koordinator@mup.gov.rs", at(dt.date(2018, 4, 4))))
            assert "`security`" in str(failed.value) and "ca_file" not in str(failed.value), security
            assert "`security`" in failed.value.said("sr-Latn") and "proverite" in failed.value.said("sr-Latn")
        assert inbox.take() == []
    finally:
        controller.stop()
