"""E-mail reminders and feedback (issue 18) against a real SMTP server on loopback (aiosmtpd) with STARTTLS and
AUTH, a real ledger (SQLite and PostgreSQL) and the shipped plan. Dates are fixed; every expected recipient list
is worked out here from the plan and registry files and the reports the test recorded, not by the code under
test."""

from __future__ import annotations

import datetime as dt
import hashlib
import ipaddress
import json
import os
import socket
import ssl
from collections.abc import Iterator
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any, TypeVar

import pytest
import yaml
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP as SMTPServer
from aiosmtpd.smtp import AuthResult, Envelope, LoginPassword, Session
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from typer.testing import CliRunner

from apmon.cli.app import app
from apmon.cli.common import out
from apmon.schemas.calendar import BELGRADE, Period
from apmon.schemas.institutions import InstitutionRegistry
from apmon.schemas.plan import Plan
from apmon.schemas.text import Lang
from apmon.sync.config import Config, load_config
from apmon.sync.ledger import Arrival, Ledger, VersionData
from apmon.sync.mail import MailConfigError, SmtpSender
from apmon.sync.remind import remind
from apmon.sync.reminders import Latest, counted, days_left, mail_date, period_words, problems_text, receipt_text
from apmon.sync.service import sync_once
from apmon.templates.plan_file import DataFileError
from apmon.templates.validation import validate_file
from tests.reports import cell_of, complete_monthly, filled_report
from tests.test_ledger import postgres_admin_url, url  # noqa: F401  (ledger backends: SQLite and PostgreSQL)

DATA = Path(__file__).resolve().parent.parent / "templates" / "data"
USER, PASSWORD = "apmon", "s3cret-Lozinka"
# March 2018 is due on the 5th working day of April 2018: 2, 3, 4, 5 April, then Good Friday (6 April) and
# Easter Monday (9 April) are Serbian holidays, so 10 April.
MARCH, MARCH_DUE = "2018-03", dt.date(2018, 4, 10)


# -- the expected side, from the files ---------------------------------------------------------------------


def owing_institutions() -> set[str]:
    """Institutions that lead or partner a task in the shipped plan and send reports (registry `reports`)."""
    plan = yaml.safe_load((DATA / "plan-2017-2018.yaml").read_text(encoding="utf-8"))
    registry = yaml.safe_load((DATA / "institutions.yaml").read_text(encoding="utf-8"))
    named = {
        code
        for objective in plan["objectives"]
        for activity in objective["activities"]
        for task in activity["tasks"]
        for code in [*task.get("lead", []), *task.get("partners", [])]
    }
    return {i["code"] for i in registry["institutions"] if i["code"] in named and i.get("reports", True)}


# -- a real SMTP server ------------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1: (cert, key)."""
    folder = tmp_path_factory.mktemp("tls")
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "apmon test SMTP")])
    now = dt.datetime.now(dt.UTC)

    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    return cert_path, key_path


class Inbox:
    """What the server accepted: one (envelope recipients, parsed message) per mail."""

    def __init__(self) -> None:
        self.received: list[tuple[set[str], EmailMessage]] = []
        self.refusals = 0  # how many of the next messages to refuse, as a busy server does

    async def handle_DATA(self, server: SMTPServer, session: Session, envelope: Envelope) -> str:
        if self.refusals:
            self.refusals -= 1
            return "451 4.3.0 Mailbox temporarily unavailable, try again later"
        parsed = message_from_bytes(bytes(envelope.content or b""), policy=policy.default)
        assert isinstance(parsed, EmailMessage)
        self.received.append(({str(r) for r in envelope.rcpt_tos}, parsed))
        return "250 OK"

    def take(self) -> list[tuple[set[str], EmailMessage]]:
        taken, self.received = self.received, []
        return taken


def _authenticate(server: SMTPServer, session: Session, envelope: Envelope, mechanism: str, data: Any) -> AuthResult:
    ok = isinstance(data, LoginPassword) and (data.login, data.password) == (USER.encode(), PASSWORD.encode())
    return AuthResult(success=ok, handled=False)  # not handled: the server answers 535 itself


InboxT = TypeVar("InboxT", bound=Inbox)


class Server:
    """An SMTP server on 127.0.0.1 that requires STARTTLS and then AUTH; stopped and started on the same port."""

    def __init__(self, certificate: tuple[Path, Path]) -> None:
        self.inbox = Inbox()
        self.port = _free_port()
        self.context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        self.context.load_cert_chain(*certificate)
        self.controller: Controller | None = None

    def start(self) -> None:
        self.controller = Controller(
            self.inbox,
            hostname="127.0.0.1",
            port=self.port,
            tls_context=self.context,
            require_starttls=True,
            authenticator=_authenticate,
            auth_require_tls=True,
        )
        self.controller.start()

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    def serving(self, inbox: InboxT) -> InboxT:
        """`inbox` answers from now on (a server that refuses or kills), on the same port; `inbox`."""
        self.stop()
        self.inbox = inbox
        self.start()
        return inbox


@pytest.fixture
def server(certificate: tuple[Path, Path]) -> Iterator[Server]:
    running = Server(certificate)
    running.start()
    yield running
    running.stop()


@pytest.fixture
def smtp_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("APMON_SMTP_USER", USER)
    monkeypatch.setenv("APMON_SMTP_PASSWORD", PASSWORD)


# -- configuration and ledger ------------------------------------------------------------------------------

CONTACTS = {
    # code: (to, cc, lang)
    "MUP": (["mup.trafficking@mup.gov.rs"], ["kabinet@mup.gov.rs"], "sr-Latn"),
    "MRZBSP": (["izvestaji@minrzs.gov.rs"], [], "sr-Cyrl"),
    "MPRAVDE": (["reports@mpravde.gov.rs"], [], "en"),
    "MPNTR": (["izvestaji@mpn.gov.rs"], [], None),
    "SAVET": (["savet@mup.gov.rs"], [], "sr-Latn"),  # leads a task but does not report: never reminded
}


def write_config(
    tmp: Path,
    server_port: int,
    ca_file: Path,
    *,
    contacts: dict[str, Any] | None = None,
    ledger: str | None = None,
    mail: tuple[str, ...] = (),
    months: tuple[str, str] = ("2018-03", "2018-05"),
) -> Path:
    lines = [
        "[sync]",
        f'data_dir = "{(tmp / "data").as_posix()}"',
        f'folder = "{(tmp / "reports").as_posix()}"',
        f'first_period = "{months[0]}"',
        f'last_period = "{months[1]}"',
        *([f'ledger = "{ledger}"'] if ledger else []),
        "",
        "[mail]",
        'host = "127.0.0.1"',
        f"port = {server_port}",
        'security = "starttls"',
        f'ca_file = "{ca_file.as_posix()}"',
        'from = "koordinator@mup.gov.rs"',
        "timeout = 5",
        *mail,
    ]
    for code, (to, cc, lang) in (contacts if contacts is not None else CONTACTS).items():
        lines += ["", f"[contacts.{code}]", f"to = {json.dumps(to)}", f"cc = {json.dumps(cc)}"]
        if lang:
            lines.append(f'lang = "{lang}"')
    path = tmp / "apmon.toml"
    (tmp / "reports").mkdir(exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def record(
    ledger: Ledger, institution: str, period: str, *, valid: bool, received: dt.datetime, days_late: int = 0
) -> int:
    """A version of `institution`'s report as the sync stores it (an invalid one with a missing status)."""
    content = f"{institution} {period} {valid} {received.isoformat()}".encode()
    problems = (
        [] if valid else [{"code": "missing-status", "severity": "error", "sheet": "Tasks", "cell": "E7", "params": {}}]
    )
    version = VersionData(
        content_hash=hashlib.sha256(content).hexdigest(),
        raw=content,
        raw_kind="xlsx",
        file_name=f"{institution}_{period}.xlsx",
        received_at=received,
        source_modified=received,
        readable=True,
        valid=valid,
        institution=institution,
        period=period,
        kind="monthly",
        due=MARCH_DUE,
        on_time=days_late == 0,
        days_late=days_late,
        issues=json.dumps(problems),
        report=None,
    )
    [(version_id, _)] = ledger.record([Arrival("folder:/reports", version.file_name, len(content), received, version)])
    return version_id


def at(day: dt.date, hour: int = 9) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, tzinfo=BELGRADE).astimezone(dt.UTC)


def synced(ledger: Ledger, source: str | None = "folder:/reports") -> Ledger:
    """`ledger` as a sync run that read the reports folder leaves it: until one has, no reminder or late notice goes
    (`test_remind_before_the_first_sync_tells_no_one_they_are_late_and_says_to_run_the_sync`). With no `source`, a
    run as an apmon before revision 0015 recorded it: no list of the sources it read."""
    when = at(dt.date(2018, 3, 1), 7)
    run_id = ledger.start_run("cli", when)
    if source is not None:
        ledger.note_not_read(run_id, {source: []})
    ledger.finish_run(run_id, when, files_seen=0, files_changed=0, versions_added=0, errors=[])
    return ledger


def url_of(ledger: Ledger) -> str:
    """The URL that opens `ledger` again, its password in it (for a configuration the commands read)."""
    return ledger.engine.url.render_as_string(hide_password=False)


def synced_first(config_path: Path) -> Path:
    """The configuration's ledger as its first sync run leaves it (`synced`); `config_path`."""
    synced(Ledger.open(load_config(config_path).sync.ledger_url())).close()
    return config_path


@pytest.fixture
def ledger(url: str) -> Iterator[Ledger]:  # noqa: F811
    opened = synced(Ledger.open(url))
    yield opened
    opened.close()


def run(config: Config, plan: Plan, registry: InstitutionRegistry, ledger: Ledger, today: dt.date, **kw: Any) -> Any:
    return remind(config, plan, registry, ledger, today=today, now=lambda: at(today, 8), **kw)


def by_recipients(received: list[tuple[set[str], EmailMessage]]) -> dict[frozenset[str], EmailMessage]:
    return {frozenset(rcpt): msg for rcpt, msg in received}


def addresses(code: str) -> frozenset[str]:
    to, cc, _ = CONTACTS[code]
    return frozenset([*to, *cc])


# -- reminders and late notices ----------------------------------------------------------------------------


def test_a_preview_of_a_past_day_counts_only_the_reports_in_by_that_day(
    server: Server, ledger: Ledger, tmp_path: Path, certificate: Any
) -> None:
    """`--today` previews another day: a report that came in after it was taken as in (no reminder for its
    institution on that day) and its receipt was listed before it had arrived."""
    path = write_config(tmp_path, server.port, certificate[0], ledger=url_of(ledger))
    record(ledger, "MPRAVDE", MARCH, valid=True, received=at(dt.date(2018, 4, 9)))  # after the day previewed
    args = ["remind", "--config", str(path), "--dry-run", "--today", "2018-04-03", "--period", MARCH]
    result = CliRunner().invoke(app, [*args, "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert CONTACTS["MPRAVDE"][0][0] in result.output  # reminded: on 3 April nothing of it was in
    assert "receipt" not in result.output.lower()


@pytest.mark.usefixtures("smtp_env")
def test_reminders_go_only_to_those_without_a_valid_report_once_in_their_language(
    server: Server, ledger: Ledger, plan: Plan, registry: InstitutionRegistry, tmp_path: Path, certificate: Any
) -> None:
    config = load_config(write_config(tmp_path, server.port, certificate[0]))
    record(ledger, "MPRAVDE", MARCH, valid=True, received=at(dt.date(2018, 3, 23)))  # already sent: no reminder
    record(ledger, "MRZBSP", MARCH, valid=False, received=at(dt.date(2018, 3, 1)))  # only an invalid one
    valid = {("MPRAVDE", MARCH)}
    today = dt.date(2018, 4, 3)  # 3 working days before 10 April: 4, 5 and 10 April are left

    result = run(config, plan, registry, ledger, today)

    expected = {code for code in owing_institutions() & set(CONTACTS) if (code, MARCH) not in valid}
    assert expected == {"MUP", "MRZBSP", "MPNTR"}  # the check has teeth: SAVET and MPRAVDE are left out
    received = by_recipients(server.inbox.take())
    assert set(received) == {addresses(code) for code in expected}
    assert {m.kind for m in result.mails} == {"reminder"} and not result.failed

    latin, cyrillic, default = received[addresses("MUP")], received[addresses("MRZBSP")], received[addresses("MPNTR")]
    assert latin["To"] == "mup.trafficking@mup.gov.rs" and latin["Cc"] == "kabinet@mup.gov.rs"
    assert latin["From"] == "koordinator@mup.gov.rs" and latin["Content-Language"] == "sr-Latn"
    body = latin.get_content()
    assert "10.04.2018." in latin["Subject"] and "10.04.2018." in body
    assert "3 radna dana" in body and "mart 2018." in body and "Poštovani" in body
    assert "a od vas (Ministarstva unutrašnjih poslova) još nismo primili" in body  # the name in the genitive
    cyr = cyrillic.get_content()
    assert "Поштовани" in cyr and "3 радна дана" in cyr and "10.04.2018." in cyr and "март 2018." in cyr
    assert "а од вас (Министарства за рад, запошљавање, борачка и социјална питања) још нисмо примили" in cyr
    assert default["Content-Language"] == "sr-Latn"  # no lang in the contact: Serbian Latin

    again = run(config, plan, registry, ledger, dt.date(2018, 4, 4))  # the next day: nothing twice
    assert again.mails == [] and server.inbox.take() == []
    sent = ledger.mails()
    assert sorted((m.institution, m.kind, m.outcome) for m in sent) == sorted(
        (code, "reminder", "sent") for code in expected
    )


@pytest.mark.usefixtures("smtp_env")
def test_no_reminder_before_the_window_and_a_late_notice_the_working_day_after(
    server: Server, ledger: Ledger, plan: Plan, registry: InstitutionRegistry, tmp_path: Path, certificate: Any
) -> None:
    config = load_config(write_config(tmp_path, server.port, certificate[0]))
    assert run(config, plan, registry, ledger, dt.date(2018, 4, 2)).mails == []  # 4 working days left
    assert server.inbox.take() == []
    record(ledger, "MUP", MARCH, valid=True, received=at(dt.date(2018, 3, 20)))  # sent in time
    # Late (11 April is the first working day after the 10 April deadline), but before the notice went out.
    record(ledger, "MPRAVDE", MARCH, valid=True, received=at(dt.date(2018, 4, 11), 7), days_late=1)

    result = run(config, plan, registry, ledger, dt.date(2018, 4, 11))  # the working day after 10 April

    expected = (owing_institutions() & set(CONTACTS)) - {"MUP", "MPRAVDE"}
    received = by_recipients(server.inbox.take())
    assert set(received) == {addresses(code) for code in [*expected, "MPRAVDE"]}
    assert {(m.institution, m.kind) for m in result.mails} == {
        *((code, "late") for code in expected),
        ("MPRAVDE", "receipt"),  # its late report came in this morning
    }
    assert "1 working day late" in received[addresses("MPRAVDE")].get_content()
    notice = received[addresses("MPNTR")]
    assert "Kašnjenje" in notice["Subject"] and "bio je 10.04.2018." in notice.get_content()
    run(config, plan, registry, ledger, dt.date(2018, 4, 12))
    assert server.inbox.take() == []  # never twice


@pytest.mark.usefixtures("smtp_env")
@pytest.mark.parametrize(
    ("months", "today", "period", "owed"),
    [
        # last_period after the plan's end (December 2018): the master asks for February 2019, due 7 March 2019
        # (1 March is a Friday: 1, 4, 5, 6 and 7 March are the five working days), so its reminder goes out.
        (("2018-11", "2019-03"), dt.date(2019, 3, 5), "2019-02", True),
        (("2018-11", "2019-01"), dt.date(2019, 3, 5), "2019-02", False),  # the master stops at January
        (("2018-04", "2018-05"), dt.date(2018, 4, 3), MARCH, False),  # the master starts with April
    ],
)
def test_reminders_owe_exactly_the_months_the_master_shows(
    server: Server,
    ledger: Ledger,
    plan: Plan,
    registry: InstitutionRegistry,
    tmp_path: Path,
    certificate: Any,
    months: tuple[str, str],
    today: dt.date,
    period: str,
    owed: bool,
) -> None:
    """The master shows every month from first_period to last_period as owed, one after the plan's end too (the
    Coordinator asked for it); no reminder went out for those, while one went out for a month the master does not
    show."""
    config = load_config(write_config(tmp_path, server.port, certificate[0], months=months))
    assert (months[0] <= period <= months[1]) is owed  # what the master shows, read from the configuration

    result = run(config, plan, registry, ledger, today)

    expected = owing_institutions() & set(CONTACTS) if owed else set()
    assert not owed or expected == {"MUP", "MRZBSP", "MPRAVDE", "MPNTR"}  # SAVET leads a task but never reports
    received = by_recipients(server.inbox.take())
    assert set(received) == {addresses(code) for code in expected}
    assert {(m.institution, m.period, m.kind) for m in result.mails} == {(c, period, "reminder") for c in expected}
    if owed:
        notice = received[addresses("MUP")]
        assert "februar 2019." in notice["Subject"] and "07.03.2019." in notice["Subject"], notice["Subject"]
        assert "2 radna dana" in notice.get_content()  # 6 and 7 March are left
        assert not result.no_contact or {n.period for n in result.no_contact} == {period}


# -- sending: retry, auth, dry run, bad contacts -----------------------------------------------------------


@pytest.mark.usefixtures("smtp_env")
def test_a_send_that_failed_because_the_server_was_down_is_sent_on_the_next_run(
    server: Server, ledger: Ledger, plan: Plan, registry: InstitutionRegistry, tmp_path: Path, certificate: Any
) -> None:
    contacts = {"MUP": CONTACTS["MUP"]}
    config = load_config(write_config(tmp_path, server.port, certificate[0], contacts=contacts))
    today = dt.date(2018, 4, 4)
    server.stop()
    down = run(config, plan, registry, ledger, today)
    assert [(m.institution, m.outcome) for m in down.mails] == [("MUP", "failed")]
    assert "cannot connect" in (down.mails[0].error or "")
    assert [(m.outcome, m.error is not None) for m in ledger.mails()] == [("failed", True)]

    server.start()
    up = run(config, plan, registry, ledger, today)
    assert [(m.institution, m.outcome) for m in up.mails] == [("MUP", "sent")]
    assert set(by_recipients(server.inbox.take())) == {addresses("MUP")}
    assert run(config, plan, registry, ledger, today).mails == []
    assert server.inbox.take() == []


def test_a_message_the_server_refused_once_is_sent_on_the_next_run_and_only_then(
    server: Server, ledger: Ledger, plan: Plan, registry: InstitutionRegistry, tmp_path: Path, certificate: Any
) -> None:
    contacts = {"MUP": CONTACTS["MUP"], "MPNTR": CONTACTS["MPNTR"]}
    config = load_config(write_config(tmp_path, server.port, certificate[0], contacts=contacts))
    today = dt.date(2018, 4, 4)
    server.inbox.refusals = 1
    first = run(config, plan, registry, ledger, today)
    assert sorted(m.institution for m in first.mails) == ["MPNTR", "MUP"]
    assert sorted(m.outcome for m in first.mails) == ["failed", "sent"]  # the first message went to the busy server
    (refused,) = [m for m in first.mails if m.outcome == "failed"]
    assert "451" in (refused.error or "")
    delivered = set(by_recipients(server.inbox.take()))
    assert delivered == {addresses(code) for code in ("MUP", "MPNTR")} - {addresses(refused.institution)}

    again = run(config, plan, registry, ledger, today)
    assert [(m.institution, m.outcome) for m in again.mails] == [(refused.institution, "sent")]
    assert set(by_recipients(server.inbox.take())) == {addresses(refused.institution)}
    assert run(config, plan, registry, ledger, today).mails == []


def with_password_file(
    tmp_path: Path, server: Server, certificate: Any, monkeypatch: pytest.MonkeyPatch, password: str, mode: int
) -> tuple[Config, Path]:
    """A configuration mailing MUP alone whose SMTP password is read from a file outside it (`password` in it, of
    `mode`), the user from the environment and no password there; the configuration and the file."""
    monkeypatch.setenv("APMON_SMTP_USER", USER)
    monkeypatch.delenv("APMON_SMTP_PASSWORD", raising=False)
    secret = tmp_path / "outside" / "smtp-password"
    secret.parent.mkdir()
    secret.write_text(password + "\n", encoding="utf-8")
    secret.chmod(mode)
    mail = (f'password_file = "{secret.as_posix()}"',)
    path = write_config(tmp_path, server.port, certificate[0], contacts={"MUP": CONTACTS["MUP"]}, mail=mail)
    return load_config(path), secret


def test_a_wrong_password_fails_the_send_and_is_never_shown(
    server: Server,
    ledger: Ledger,
    plan: Plan,
    registry: InstitutionRegistry,
    tmp_path: Path,
    certificate: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    wrong = "Pogresna-Lozinka-123"
    config, _ = with_password_file(tmp_path, server, certificate, monkeypatch, wrong, 0o600)  # as docs ask
    result = run(config, plan, registry, ledger, dt.date(2018, 4, 4))
    assert [m.outcome for m in result.mails] == ["failed"] and "535" in (result.mails[0].error or "")
    assert all(wrong not in (m.error or "") for m in ledger.mails())
    assert server.inbox.take() == []


@pytest.mark.skipif(os.name == "nt", reason="POSIX file modes")
def test_a_password_file_every_account_can_read_is_refused_with_what_to_do(
    server: Server,
    ledger: Ledger,
    plan: Plan,
    registry: InstitutionRegistry,
    tmp_path: Path,
    certificate: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The SMTP password file docs/reminders.md asks to be readable by the account that runs apmon alone was used with
    the mode a new file gets (0644): every account of the server could read the ministry's mail password, and apmon
    said nothing. Now nothing is sent and the message names the file and chmod, as PostgreSQL's client does for its
    own password file; a file of the service's group (0640) is the administrator's choice and is used."""
    config, secret = with_password_file(tmp_path, server, certificate, monkeypatch, PASSWORD, 0o644)
    with pytest.raises(MailConfigError) as caught:
        run(config, plan, registry, ledger, dt.date(2018, 4, 4))
    for lang in ("sr-Latn", "en"):
        said = caught.value.said(lang)
        assert str(secret) in said and f"chmod 600 {secret}" in said and PASSWORD not in said, said
    assert server.inbox.take() == [] and ledger.mails() == []
    secret.chmod(0o640)
    result = run(config, plan, registry, ledger, dt.date(2018, 4, 4))
    assert [m.outcome for m in result.mails] == ["sent"]
    assert set(by_recipients(server.inbox.take())) == {addresses("MUP")}


@pytest.mark.skipif(os.name == "nt", reason="POSIX file modes")
def test_a_password_file_others_may_change_but_not_read_is_refused_for_what_is_true(
    server: Server,
    ledger: Ledger,
    plan: Plan,
    registry: InstitutionRegistry,
    tmp_path: Path,
    certificate: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A password file others may write but not read (0602) was refused saying "every account can read" it: they can
    change it. Said so now, in each language; one others may only execute (0601) is used."""
    config, secret = with_password_file(tmp_path, server, certificate, monkeypatch, PASSWORD, 0o602)
    with pytest.raises(MailConfigError) as caught:
        run(config, plan, registry, ledger, dt.date(2018, 4, 4))
    assert "mogu da menjaju svi nalozi" in caught.value.said("sr-Latn") and "čitaju" not in caught.value.said("sr-Latn")
    assert "can change" in caught.value.said("en") and "can read" not in caught.value.said("en")
    assert f"chmod 600 {secret}" in caught.value.said("sr-Cyrl")
    assert server.inbox.take() == [] and ledger.mails() == []
    secret.chmod(0o601)
    assert [m.outcome for m in run(config, plan, registry, ledger, dt.date(2018, 4, 4)).mails] == ["sent"]


def test_the_password_is_refused_in_the_configuration_and_not_echoed(tmp_path: Path) -> None:
    path = tmp_path / "apmon.toml"
    path.write_text('[mail]\nhost = "smtp.gov.rs"\npassword = "Tajna-123"\n', encoding="utf-8")
    with pytest.raises(DataFileError) as caught:
        load_config(path)
    assert "APMON_SMTP_PASSWORD" in str(caught.value) and "Tajna-123" not in str(caught.value)


@pytest.mark.usefixtures("smtp_env")
def test_dry_run_prints_what_would_go_and_sends_and_records_nothing(
    server: Server,
    url: str,  # noqa: F811
    tmp_path: Path,
    certificate: Any,
) -> None:
    path = synced_first(write_config(tmp_path, server.port, certificate[0], ledger=url))
    result = CliRunner().invoke(
        app, ["remind", "--config", str(path), "--dry-run", "--today", "2018-04-03", "--period", MARCH]
    )
    assert result.exit_code == 0, result.output
    for code in owing_institutions() & set(CONTACTS):
        assert CONTACTS[code][0][0] in result.output
    assert "savet@mup.gov.rs" not in result.output
    assert server.inbox.take() == []
    ledger = Ledger.open(url)
    try:
        assert ledger.mails() == []
    finally:
        ledger.close()


@pytest.mark.usefixtures("smtp_env")
def test_what_remind_prints_is_serbian_by_default_cyrillic_and_english_on_request(
    server: Server, tmp_path: Path, certificate: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(out, "width", 160)  # the table unfolded
    path = synced_first(write_config(tmp_path, server.port, certificate[0]))
    args = ["remind", "--config", str(path), "--dry-run", "--today", "2018-04-03", "--period", MARCH]
    owing = owing_institutions() & set(CONTACTS)
    latin = CliRunner().invoke(app, args)
    assert latin.exit_code == 0, latin.output
    assert latin.stdout.count("biće poslato") == len(owing) and latin.stdout.count("\nPrima: ") == len(owing)
    assert "podsetnik" in latin.stdout and "Naslov: " in latin.stdout
    assert "would send" not in latin.stdout and "Subject: " not in latin.stdout
    cyrillic = CliRunner().invoke(app, [*args, "--lang", "sr-Cyrl"])
    assert cyrillic.stdout.count("биће послато") == len(owing) and "подсетник" in cyrillic.stdout
    english = CliRunner().invoke(app, [*args, "--lang", "en"])
    assert english.stdout.count("would send") == len(owing) and english.stdout.count("\nSubject: ") == len(owing)
    nothing = CliRunner().invoke(app, ["remind", "--config", str(path), "--dry-run", "--today", "2018-06-20"])
    assert nothing.stdout.strip() == "Za 20.06.2018. nema e-pošte za slanje."
    refused = CliRunner().invoke(app, ["remind", "--config", str(path), "--today", "2018-06-20"])
    assert (
        refused.exit_code == 2
        and refused.stderr.strip() == "Greška: --today služi samo za pregled: koristite ga uz --dry-run"
    )


@pytest.mark.usefixtures("smtp_env")
def test_unknown_institution_in_contacts_sends_nothing_and_names_the_file_and_key(
    server: Server,
    url: str,  # noqa: F811
    tmp_path: Path,
    certificate: Any,
) -> None:
    contacts = {**CONTACTS, "MUPP": (["x@mup.gov.rs"], [], "sr-Latn")}
    path = write_config(tmp_path, server.port, certificate[0], contacts=contacts, ledger=url)
    result = CliRunner().invoke(app, ["remind", "--config", str(path), "--period", MARCH, "--lang", "en"])
    assert result.exit_code == 1
    assert f"{path} at contacts.MUPP" in result.output and "nothing was sent" in result.output
    assert server.inbox.take() == []


def test_a_bad_address_is_one_located_message(tmp_path: Path) -> None:
    path = tmp_path / "apmon.toml"
    path.write_text('[contacts.MUP]\nto = ["mup.gov.rs"]\n', encoding="utf-8")
    with pytest.raises(DataFileError) as caught:
        load_config(path)
    [error] = caught.value.errors
    assert (error.file, error.path) == (str(path), "contacts.MUP.to") and "'mup.gov.rs'" in error.message


# -- after a sync: the problems of a bad file, the receipt of a good one -----------------------------------


@pytest.mark.usefixtures("smtp_env")
def test_after_a_sync_the_problems_of_a_bad_file_and_a_receipt_for_a_good_one(
    server: Server, plan: Plan, registry: InstitutionRegistry, tmp_path: Path, certificate: Any
) -> None:
    path = write_config(tmp_path, server.port, certificate[0])
    config = load_config(path)
    folder = tmp_path / "reports"
    _, layout = filled_report(plan, registry, tmp_path, "MPRAVDE", MARCH, {}, name="blank.xlsx")
    good, _ = filled_report(plan, registry, folder, "MPRAVDE", MARCH, complete_monthly(layout), name="MPRAVDE.xlsx")
    _, layout = filled_report(plan, registry, tmp_path, "MRZBSP", MARCH, {}, name="blank2.xlsx")
    task = layout.sheet("tasks").rows[0].key
    bad_edits = {**complete_monthly(layout), ("tasks", task, "status"): None}
    bad, _ = filled_report(plan, registry, folder, "MRZBSP", MARCH, bad_edits, name="MRZBSP.xlsx")
    stamp = at(dt.date(2018, 6, 18), 10).timestamp()  # two days ago, long after the 10 April deadline
    for file in (good, bad):
        os.utime(file, (stamp, stamp))

    summary = sync_once(config, "schedule", as_of=dt.date(2018, 6, 20))  # no deadline near: only feedback

    received = by_recipients(server.inbox.take())
    assert set(received) == {addresses("MPRAVDE"), addresses("MRZBSP")}, summary
    receipt = received[addresses("MPRAVDE")]  # MPRAVDE reads English
    assert receipt["Subject"] == "Received: monthly report for March 2018"
    assert "working days late" in receipt.get_content() and "10 Apr 2018" in receipt.get_content()
    problems = received[addresses("MRZBSP")].get_content()  # MRZBSP reads Serbian Cyrillic
    sheet, cell = cell_of(layout, "tasks", task, "status")
    expected = validate_file(bad, plan, registry, "sr-Cyrl")
    wanted = next(i for i in expected.issues if i.code == "missing-status")
    assert (wanted.sheet, wanted.cell) == (sheet, cell)
    assert f"ћелија {cell}: {wanted.message}" in problems and "MRZBSP.xlsx" in problems
    assert len(summary.mail) == 2
    # The run's summary says each mail in the master's language (Serbian Latin unless configured), its month in
    # words (was "potvrda prijema MPRAVDE 2018-03 za ...").
    mpravde, mrzbsp = (", ".join([*CONTACTS[code][0], *CONTACTS[code][1]]) for code in ("MPRAVDE", "MRZBSP"))
    assert MARCH == "2018-03"
    assert sorted(summary.mail) == [
        f"potvrda prijema MPRAVDE mart 2018. za {mpravde}: poslato",
        f"problemi MRZBSP mart 2018. za {mrzbsp}: poslato",
    ]

    again = sync_once(config, "schedule", as_of=dt.date(2018, 6, 20))
    assert again.mail == [] and server.inbox.take() == []


@pytest.mark.usefixtures("smtp_env")
def test_a_run_for_the_day_the_configuration_names_sends_no_mail(
    server: Server, plan: Plan, registry: InstitutionRegistry, tmp_path: Path, certificate: Any
) -> None:
    """`[sync] as_of` works the master out for another day (the demo's, or a past month's master made again): the
    run sent that day's receipts, reminders and late notices, as if it were today, to the institutions' real
    addresses. It now sends none, and says why; `apmon remind` sends today's."""
    path = write_config(tmp_path, server.port, certificate[0])
    path.write_text(path.read_text().replace("[sync]\n", "[sync]\nas_of = 2018-06-20\n", 1))
    config = load_config(path)
    assert config.sync.as_of == dt.date(2018, 6, 20)
    folder = tmp_path / "reports"
    _, layout = filled_report(plan, registry, tmp_path, "MPRAVDE", MARCH, {}, name="blank.xlsx")
    good, _ = filled_report(plan, registry, folder, "MPRAVDE", MARCH, complete_monthly(layout), name="MPRAVDE.xlsx")
    stamp = at(dt.date(2018, 6, 18), 10).timestamp()  # two days before that day: a receipt would be due
    os.utime(good, (stamp, stamp))

    summary = sync_once(config, "cli")
    assert summary.mail == [] and server.inbox.take() == []
    assert any("as_of" in notice and "apmon remind" in notice for notice in summary.done), summary.done


def test_the_first_sync_of_a_folder_of_old_reports_mails_no_one_and_a_report_sent_since_gets_its_receipt(
    server: Server, plan: Plan, registry: InstitutionRegistry, tmp_path: Path, certificate: Any
) -> None:
    """A new installation whose reports folder already holds the reports of months past: the institutions are
    not sent a receipt for each, weeks after they sent them; a report sent in the last days is told."""
    config = load_config(write_config(tmp_path, server.port, certificate[0]))
    folder = tmp_path / "reports"
    for code in ("MUP", "MRZBSP"):
        for month in ("2018-03", "2018-04"):
            _, layout = filled_report(plan, registry, tmp_path, code, month, {}, name="blank.xlsx")
            path, _ = filled_report(
                plan, registry, folder, code, month, complete_monthly(layout), name=f"{code}_{month}.xlsx"
            )
            stamp = at(dt.date(int(month[:4]), int(month[5:]) + 1, 5), 10).timestamp()  # sent on time, long ago
            os.utime(path, (stamp, stamp))

    first = sync_once(config, "schedule", as_of=dt.date(2018, 6, 20))
    assert len(first.versions) == 4 and first.mail == [] and server.inbox.take() == []

    _, layout = filled_report(plan, registry, tmp_path, "MPRAVDE", "2018-05", {}, name="blank.xlsx")
    path, _ = filled_report(plan, registry, folder, "MPRAVDE", "2018-05", complete_monthly(layout), name="MPRAVDE.xlsx")
    stamp = at(dt.date(2018, 6, 19), 10).timestamp()  # sent yesterday, late
    os.utime(path, (stamp, stamp))
    second = sync_once(config, "schedule", as_of=dt.date(2018, 6, 20))
    assert set(by_recipients(server.inbox.take())) == {addresses("MPRAVDE")}
    assert [line for line in second.mail if "MPRAVDE" in line] and len(second.mail) == 1


# -- the ledger table, both backends -----------------------------------------------------------------------


def test_the_ledger_records_each_mail_and_only_sent_ones_block_a_resend(ledger: Ledger) -> None:
    when = at(dt.date(2018, 4, 3))
    version = record(ledger, "MUP", MARCH, valid=False, received=when)
    ledger.record_mail(
        institution="MUP", period=MARCH, kind="reminder", version_id=None, to=["a@mup.gov.rs"], cc=[],
        subject="Podsetnik", at=when, outcome="failed", error="cannot connect",
    )  # fmt: skip
    assert ledger.mails_sent() == set()
    ledger.record_mail(
        institution="MUP", period=MARCH, kind="problems", version_id=version, to=["a@mup.gov.rs"],
        cc=["b@mup.gov.rs"], subject="Ispravka", at=when, outcome="sent",
    )  # fmt: skip
    assert ledger.mails_sent() == {("MUP", MARCH, "problems", version)}
    first, second = ledger.mails()
    assert (first.outcome, first.error, second.cc, second.sent_at) == (
        "failed",
        "cannot connect",
        ["b@mup.gov.rs"],
        when,
    )


# -- texts -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("n", "latin", "english"),
    [(1, "1 radni dan", "1 working day"), (3, "3 radna dana", "3 working days"), (5, "5 radnih dana", "5 working"),
     (12, "12 radnih dana", "12 working days"), (21, "21 radni dan", "21 working days"),
     (22, "22 radna dana", "22 working days")],
)  # fmt: skip
def test_working_days_left_in_serbian_plural(n: int, latin: str, english: str) -> None:
    assert latin in days_left(n, "sr-Latn") and english in days_left(n, "en")
    assert counted("left", n, "sr-Cyrl").endswith(days_left(n, "sr-Cyrl").split(" ", 1)[1])


def test_dates_and_periods_the_serbian_way() -> None:
    from apmon.schemas.calendar import Period

    # the form of every Serbian text (schemas.dates): the mails wrote "7. 3. 2018." where reports wrote 07.03.2018.
    assert mail_date(dt.date(2018, 3, 7), "sr-Latn") == mail_date(dt.date(2018, 3, 7), "sr-Cyrl") == "07.03.2018."
    assert period_words(Period.parse("2018-03"), "sr-Cyrl") == "март 2018."
    assert period_words(Period.parse("2017"), "sr-Latn") == "2017. godinu"


def test_the_smtp_sender_needs_a_server_and_a_password_for_a_user(tmp_path: Path) -> None:
    from apmon.sync.config import MailSettings
    from apmon.sync.mail import MailConfigError

    with pytest.raises(MailConfigError, match="host"):
        SmtpSender(MailSettings())
    with pytest.raises(MailConfigError, match="APMON_SMTP_PASSWORD"):
        SmtpSender(MailSettings(host="smtp.gov.rs"), env={"APMON_SMTP_USER": "u"})


def test_the_annual_reminder_counts_to_the_next_working_day_after_15_february(
    plan: Plan, registry: InstitutionRegistry
) -> None:
    from apmon.schemas.calendar import WorkingCalendar
    from apmon.sync.reminders import Contact, plan_mails

    # 15 February 2019 (a Friday) and the 16th are Statehood Day: the annual report for 2018 is due Monday 18th.
    # On 13 February two working days are left (14 and 18 February).
    contacts = {code: Contact(to=to, cc=cc, lang=lang or "sr-Latn") for code, (to, cc, lang) in CONTACTS.items()}
    decided = plan_mails(
        plan=plan,
        registry=registry,
        calendar=WorkingCalendar(),
        contacts=contacts,
        accepted=[("MUP", "2018")],
        latest=[],
        sent=[],
        today=dt.date(2019, 2, 13),
        now=at(dt.date(2019, 2, 13)),
    )
    expected = (owing_institutions() & set(CONTACTS)) - {"MUP"}
    assert {(m.institution, m.period, m.kind) for m in decided.mails} == {(c, "2018", "reminder") for c in expected}
    latin = next(m for m in decided.mails if m.lang == "sr-Latn")
    assert "18.02.2019." in latin.subject and "2018. godinu" in latin.body and "2 radna dana" in latin.body


def test_mail_after_a_sync_is_off_without_an_smtp_server() -> None:
    from apmon.sync.config import MailSettings

    assert not Config().mail.sends_after_sync
    assert MailSettings(host="smtp.gov.rs").sends_after_sync
    assert not MailSettings(host="smtp.gov.rs", after_sync=False).sends_after_sync


def test_smtps_sends_over_implicit_tls_and_refuses_a_server_it_does_not_trust(
    certificate: tuple[Path, Path], tmp_path: Path
) -> None:
    from apmon.sync.config import MailSettings
    from apmon.sync.mail import SendFailed, message
    from apmon.sync.reminders import Mail

    inbox = Inbox()
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(*certificate)
    port = _free_port()
    # Implicit TLS from the first byte (port 465's way), with AUTH. aiosmtpd counts only STARTTLS as TLS for
    # its auth_require_tls: the whole session is encrypted here, so that check is off.
    controller = Controller(
        inbox,
        hostname="127.0.0.1",
        port=port,
        ssl_context=context,
        authenticator=_authenticate,
        auth_require_tls=False,
    )
    controller.start()
    try:
        mail = Mail("MUP", MARCH, "reminder", None, ("mup@mup.gov.rs",), (), "sr-Latn", "Podsetnik", "Telo poruke")
        env = {"APMON_SMTP_USER": USER, "APMON_SMTP_PASSWORD": PASSWORD}
        trusted = MailSettings(host="127.0.0.1", port=port, security="smtps", ca_file=certificate[0], timeout=5)
        with SmtpSender(trusted, env=env) as sender:
            sender.send(message(mail, "koordinator@mup.gov.rs", dt.datetime(2018, 4, 5, 9, tzinfo=BELGRADE)))
        ((recipients, received),) = inbox.take()
        assert recipients == {"mup@mup.gov.rs"} and received["Subject"] == "Podsetnik"
        assert received.get_content().strip() == "Telo poruke"

        untrusted = MailSettings(host="127.0.0.1", port=port, security="smtps", timeout=5)  # system CAs only
        with SmtpSender(untrusted, env=env) as sender, pytest.raises(SendFailed, match="certificate") as failed:
            sender.send(message(mail, "koordinator@mup.gov.rs", dt.datetime(2018, 4, 5, 9, tzinfo=BELGRADE)))
        assert PASSWORD not in str(failed.value) and inbox.take() == []
    finally:
        controller.stop()


def test_a_file_name_reaches_the_mail_without_control_characters_or_direction_marks() -> None:
    """A file named on a Linux or Mac share can hold a line break, ESC or a right-to-left override. The mail quoted
    the name as it was: a line break began a line of the sender's own wording in the Coordinator's mail, and
    U+202E turned what follows around (`MZ_2018-03_<U+202E>xslx.exe` reads `MZ_2018-03_exe.xlsx`)."""
    name = "MZ_2018-03\n\nHitno: pošaljite lozinku na x@example.org\x1b[2J_\u202exslx.exe"
    received = dt.datetime(2018, 4, 4, 8, tzinfo=dt.UTC)
    version = Latest(1, "MZ", "2018-03", name, received, received, False, dt.date(2018, 4, 6), None, None,
                     [{"code": "choice-not-in-list", "severity": "error", "sheet": "Tasks", "cell": "E4",
                       "value": "done", "message": "", "params": {"options": "u toku"}}])  # fmt: skip
    for subject, body in (problems_text("en", "Ministry of Health", version), receipt_text("en", "MZ", version)):
        text = subject + body
        assert not [ch for ch in text if ch in "\x1b\u202e"] and "\n\nHitno" not in text  # it was: all three
        assert "Hitno: pošaljite lozinku" in body  # the name is still shown, on one line


@pytest.mark.usefixtures("smtp_env")
def test_an_english_mail_writes_its_dates_as_english_does(
    server: Server, ledger: Ledger, plan: Plan, registry: InstitutionRegistry, tmp_path: Path, certificate: Any
) -> None:
    """An officer reading English got "due 10. 4. 2018.", a Serbian form, while the English reports write
    "10 Apr 2018": the mails write the date as the reports of their language do."""
    config = load_config(write_config(tmp_path, server.port, certificate[0]))
    # March 2018's report is due on the 5th working day of April: 2-5 April, then Good Friday (6 April) and
    # Easter Monday (9 April, Orthodox Easter on 8 April 2018) are holidays, so the 5th is 10 April.
    run(config, plan, registry, ledger, dt.date(2018, 4, 3))
    reminder = by_recipients(server.inbox.take())[addresses("MPRAVDE")]
    assert reminder["Subject"] == "Reminder: monthly report for March 2018, due 10 Apr 2018"
    assert "10 Apr 2018" in reminder.get_content() and "10. 4." not in reminder.get_content()

    record(ledger, "MPRAVDE", MARCH, valid=True, received=at(dt.date(2018, 4, 11), 7), days_late=1)
    run(config, plan, registry, ledger, dt.date(2018, 4, 11))
    receipt = by_recipients(server.inbox.take())[addresses("MPRAVDE")].get_content()
    assert "11 Apr 2018" in receipt and "10 Apr 2018" in receipt and ". 4. 2018" not in receipt


@pytest.mark.usefixtures("smtp_env")
def test_a_mail_says_whom_to_call_when_the_coordinator_names_someone(
    server: Server, ledger: Ledger, plan: Plan, registry: InstitutionRegistry, tmp_path: Path, certificate: Any
) -> None:
    """An officer who cannot open the template or does not know what a problem means had no one to ask: the mails
    named nobody. `[mail] contact` is said at the end of every mail, in the mail's language."""
    desk = "Jelena Petrović, 011 306 2000, trgovina.ljudima@mup.gov.rs"
    config = load_config(write_config(tmp_path, server.port, certificate[0], mail=(f'contact = "{desk}"',)))
    run(config, plan, registry, ledger, dt.date(2018, 4, 3))
    received = by_recipients(server.inbox.take())
    assert received[addresses("MUP")].get_content().rstrip().endswith(f"Za pitanja: {desk}")
    assert received[addresses("MRZBSP")].get_content().rstrip().endswith(f"За питања: {desk}")
    assert received[addresses("MPRAVDE")].get_content().rstrip().endswith(f"Questions: {desk}")


@pytest.mark.parametrize(
    ("lang", "errors", "said"),
    [("en", 1, "(1 error)"), ("en", 3, "(3 errors)"), ("sr-Latn", 1, "(1 greška)"), ("sr-Latn", 5, "(5 grešaka)"),
     ("sr-Cyrl", 2, "(2 грешке)")],
)  # fmt: skip
def test_the_problems_mail_counts_its_errors_in_words_of_the_right_number(lang: Lang, errors: int, said: str) -> None:
    """The trial's English problems mail was "Corrections needed: monthly report for March 2018 (1 problem(s))"."""
    received = dt.datetime(2018, 4, 4, 8, tzinfo=dt.UTC)
    error = {"code": "missing-status", "severity": "error", "sheet": "Tasks", "cell": "E4", "value": None,
             "message": "", "params": {"task": "1.1.2"}}  # fmt: skip
    warning = {**error, "code": "cover-date-missing", "severity": "warning", "cell": "B12"}
    version = Latest(1, "MZ", "2018-03", "MZ_2018-03.xlsx", received, received, False, dt.date(2018, 4, 10), None,
                     None, [error] * errors + [warning])  # fmt: skip
    subject, _ = problems_text(lang, "MZ", version)
    assert subject.endswith(said) and "(s)" not in subject  # the warning is listed in the mail, not counted here


def test_nothing_to_send_for_a_chosen_period_names_the_period_not_the_day(
    server: Server, ledger: Ledger, tmp_path: Path, certificate: Any
) -> None:
    """`apmon remind --period 2018-03` with every report of March in said "nothing for 20.04.2018.": the Coordinator
    asked about March, and the line must answer about March."""
    path = write_config(tmp_path, server.port, certificate[0], ledger=url_of(ledger))
    for code in sorted(owing_institutions() & set(CONTACTS)):
        record(ledger, code, MARCH, valid=True, received=at(dt.date(2018, 4, 2)))
    args = ["remind", "--config", str(path), "--dry-run", "--today", "2018-04-20", "--period", MARCH]
    latin = CliRunner().invoke(app, args)
    english = CliRunner().invoke(app, [*args, "--lang", "en"])
    assert latin.exit_code == 0, latin.output
    # the first line; those without contacts are listed after it
    assert latin.stdout.splitlines()[0] == "Za mart 2018. nema e-pošte za slanje."
    assert english.stdout.splitlines()[0] == "No e-mail due for March 2018."


def _held_under_another_name(ledger: Ledger, institution: str, file_name: str, period: str) -> None:
    """A valid report of `period` (its cover says so) that came in as the file `file_name`."""
    content = f"{institution} {period} {file_name}".encode()
    received = at(dt.date(2018, 2, 5))
    version = VersionData(
        content_hash=hashlib.sha256(content).hexdigest(), raw=content, raw_kind="xlsx", file_name=file_name,
        received_at=received, source_modified=received, readable=True, valid=True, institution=institution,
        period=period, kind="monthly", due=dt.date(2018, 1, 10), on_time=False, days_late=18, issues="[]",
        report=None,
    )  # fmt: skip
    ledger.record([Arrival("folder:/reports", file_name, len(content), received, version)])


def test_a_late_notice_names_the_file_that_holds_another_months_report(
    server: Server, ledger: Ledger, plan: Plan, registry: InstitutionRegistry, tmp_path: Path, certificate: Any
) -> None:
    """MUP and MPRAVDE each sent a file named for January 2018 that holds December 2017's report (their covers say
    so): the late notice for January said only "not received", and the officer, sure the file was sent, could not
    tell what was wrong. It names the file found and the month it holds; so does the sync's line."""
    config = load_config(write_config(tmp_path, server.port, certificate[0], months=("2017-12", "2018-03")))
    _held_under_another_name(ledger, "MUP", "MUP_2018-01_sr-Latn.xlsx", "2017-12")
    _held_under_another_name(ledger, "MPRAVDE", "MPRAVDE_2018_01.xlsx", "2017-12")
    january = Period.parse("2018-01")
    result = run(config, plan, registry, ledger, dt.date(2018, 2, 20), period=january, dry_run=True)
    notices = {m.institution: m for m in result.mails if m.kind == "late"}
    assert {"MUP", "MPRAVDE", "MPNTR"} <= set(notices)  # MPNTR sent nothing: a plain notice
    assert "MUP_2018-01_sr-Latn.xlsx" in notices["MUP"].body and "decembar 2017." in notices["MUP"].body
    assert "MPRAVDE_2018_01.xlsx" in notices["MPRAVDE"].body and "December 2017" in notices["MPRAVDE"].body
    assert ".xlsx" not in notices["MPNTR"].body
    assert notices["MUP"].body.index("decembar 2017.") < notices["MUP"].body.index("\n--\n")  # before signing
    lines = result.lines("en")
    [mup] = [line for line in lines if " MUP " in line]
    assert "MUP_2018-01_sr-Latn.xlsx" in mup and "December 2017" in mup
    [mpntr] = [line for line in lines if " MPNTR " in line]
    assert ".xlsx" not in mpntr


@pytest.mark.usefixtures("smtp_env")
def test_remind_before_the_first_sync_tells_no_one_they_are_late_and_says_to_run_the_sync(
    server: Server, plan: Plan, registry: InstitutionRegistry, tmp_path: Path, certificate: Any
) -> None:
    """An administrator who set up `[mail]` and tried `apmon remind` before the first `apmon sync run` sent a late
    notice to every institution in [contacts], MUP too, whose report lay in the reports folder: the ledger had read
    nothing yet. Now nothing goes, the command says why and what to run; after the sync only those without a report
    are told."""
    monkey_width = out.width
    out.width = 300
    try:
        path = write_config(tmp_path, server.port, certificate[0])
        _, layout = filled_report(plan, registry, tmp_path, "MUP", MARCH, {}, name="blank.xlsx")
        filled_report(plan, registry, tmp_path / "reports", "MUP", MARCH, complete_monthly(layout), name="MUP.xlsx")
        args = ["remind", "--config", str(path), "--period", MARCH]

        before = CliRunner().invoke(app, args)
        assert before.exit_code == 0, before.output
        assert server.inbox.take() == [] and load_ledger_mails(path) == []
        said = " ".join(before.stdout.split())
        assert "apmon sync run" in said and "Podsetnici i obaveštenja o kašnjenju čekaju" in said
        english = CliRunner().invoke(app, [*args, "--lang", "en", "--dry-run"])
        assert "Reminders and late notices wait: no sync run has read" in " ".join(english.stdout.split())

        assert CliRunner().invoke(app, ["sync", "run", "--config", str(path)]).exit_code == 0
        receipt = by_recipients(server.inbox.take())  # the run's own mail: MUP's receipt for its report, just read
        assert set(receipt) == {addresses("MUP")} and "Kašnjenje" not in receipt[addresses("MUP")]["Subject"]
        after = CliRunner().invoke(app, args)
        assert after.exit_code == 0, after.output
    finally:
        out.width = monkey_width
    late = {code for code in owing_institutions() & set(CONTACTS) if code != "MUP"}
    assert late == {"MRZBSP", "MPRAVDE", "MPNTR"}  # the check has teeth: MUP's report is in, SAVET reports none
    assert set(by_recipients(server.inbox.take())) == {addresses(code) for code in late}


def load_ledger_mails(config_path: Path) -> list[Any]:
    """The mails the configuration's ledger records."""
    config = load_config(config_path)
    opened = Ledger.open(config.sync.ledger_url())
    try:
        return list(opened.mails())
    finally:
        opened.close()


def test_remind_after_runs_that_kept_no_list_of_sources_does_not_say_no_run_has_read_them(
    server: Server, tmp_path: Path, certificate: Any
) -> None:
    """A ledger upgraded from an apmon before revision 0015 holds years of runs, none of which kept which sources it
    read: `apmon remind` alone then held every reminder back, rightly, but said that no sync run had read the reports
    folder yet, to a Coordinator whose master those runs had filled."""
    path = write_config(tmp_path, server.port, certificate[0])
    synced(Ledger.open(load_config(path).sync.ledger_url()), source=None).close()
    args = ["remind", "--config", str(path), "--period", MARCH, "--dry-run"]
    for lang, wait, wrong in (
        ("sr-Latn", "poslednje pokretanje sinhronizacije nije čitalo", "nijedno pokretanje"),
        ("en", "the last sync run did not read", "no sync run has read"),
    ):
        shown = CliRunner().invoke(app, [*args, "--lang", lang])
        assert shown.exit_code == 0, shown.output
        said = " ".join(shown.stdout.split())
        assert wait in said and "apmon sync run" in said and wrong not in said, said
    assert server.inbox.take() == []
