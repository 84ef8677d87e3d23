"""Sending e-mail: the one I/O seam of the reminders (standard library smtplib and email.message).

STARTTLS or SMTPS (or none, for a relay on this machine), the server's certificate checked against the system's
CAs or `ca_file`. The user and password come from $APMON_SMTP_USER / $APMON_SMTP_PASSWORD or the
configuration's `user` and `password_file`; the password is never logged nor shown in an error.
"""

from __future__ import annotations

import datetime as dt
import errno
import ipaddress
import logging
import os
import smtplib
import socket
import ssl
from collections.abc import Mapping
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from types import TracebackType
from typing import Protocol

from apmon.schemas.said import Phrase, SaidError, Sayable, os_reason
from apmon.sync.config import MailSettings
from apmon.sync.contacts import ascii_address, shown_address
from apmon.sync.reminders import Mail
from apmon.templates.plan_file import open_to_others

log = logging.getLogger("apmon.mail")

USER_ENV = "APMON_SMTP_USER"
PASSWORD_ENV = "APMON_SMTP_PASSWORD"
DEFAULT_PORTS = {"starttls": 587, "smtps": 465, "none": 25}


class MailConfigError(SaidError):
    """Mail cannot be sent with this configuration (no server, no From address, no password); says what to do
    (`said(lang)`; str() English)."""


class SendFailed(SaidError):
    """One message could not be sent; it is recorded as failed and tried again on the next run (`said(lang)`;
    str() English, as the ledger keeps it)."""


class PartlySent(SendFailed):
    """The server took the message for some recipients and refused the others: it counts as sent (those that got it
    must not get it twice) and the refused addresses are said, to be corrected in [contacts]."""


class Sender(Protocol):
    def send(self, message: EmailMessage) -> None: ...

    def close(self) -> None: ...


def message(mail: Mail, sender: str, now: dt.datetime) -> EmailMessage:
    """The e-mail of a planned mail: plain text, UTF-8, marked as sent automatically (no auto-replies). A domain in
    its own letters (ana@ministarstvo.срб) is written as its A-label (xn--...) in the headers, and so in the envelope
    smtplib takes from them: in letters outside ASCII it needs SMTPUTF8 of every server on the way, which few offer."""
    seen: set[str] = set()
    to, cc = _once(mail.to, seen), _once(mail.cc, seen)  # an address given twice gets one copy
    sender = ascii_address(sender)
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = ", ".join(to)
    if cc:
        msg["Cc"] = ", ".join(cc)
    msg["Subject"] = mail.subject
    msg["Date"] = format_datetime(now)
    msg["Message-ID"] = make_msgid(domain=sender.rpartition("@")[2])
    msg["Auto-Submitted"] = "auto-generated"  # RFC 3834
    msg.set_content(mail.body)
    msg["Content-Language"] = mail.lang  # after set_content, which replaces the Content-* headers
    return msg


def _once(addresses: tuple[str, ...], seen: set[str]) -> list[str]:
    """`addresses` without those in `seen` or repeated (letter case aside), in their order; `seen` takes them."""
    kept = []
    for address in addresses:
        address = ascii_address(address)
        if address.casefold() not in seen:
            seen.add(address.casefold())
            kept.append(address)
    return kept


def _loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class SmtpSender:
    """Sends through one SMTP connection, opened at the first message. A connection that cannot be made fails
    every message of the run with the same reason (the server is not asked again for each)."""

    def __init__(self, settings: MailSettings, env: Mapping[str, str] = os.environ) -> None:
        if not settings.host:
            raise MailConfigError("mail_error.no_host")
        self.settings = settings
        self.user = env.get(USER_ENV) or settings.user
        if self.user and settings.security == "none" and not _loopback(str(settings.host)):
            # Without TLS the password would cross the network in clear text.
            raise MailConfigError("mail_error.login_in_clear", host=str(settings.host), env=USER_ENV)
        self.password = _password(settings, env) if self.user else None
        self._smtp: smtplib.SMTP | None = None
        self._broken: SendFailed | None = None

    def _connect(self) -> smtplib.SMTP:
        s = self.settings
        host, port = str(s.host), s.port or DEFAULT_PORTS[s.security]
        context = ssl.create_default_context(cafile=str(s.ca_file) if s.ca_file else None)
        smtp: smtplib.SMTP
        if s.security == "smtps":
            smtp = smtplib.SMTP_SSL(host, port, timeout=s.timeout, context=context)
        else:
            smtp = smtplib.SMTP(host, port, timeout=s.timeout)
        try:
            if s.security == "starttls":
                smtp.starttls(context=context)
            if self.user:
                smtp.login(self.user, self.password or "")
        except BaseException:
            smtp.close()
            raise
        return smtp

    def send(self, message: EmailMessage) -> None:
        if self._broken:
            raise self._broken
        host = str(self.settings.host)
        try:
            if self._smtp is None:
                self._smtp = self._connect()
        except smtplib.SMTPAuthenticationError as exc:
            self._broken = SendFailed("mail_error.login", host=host, reason=self._shown(exc), env=USER_ENV)
            raise self._broken from exc
        except (OSError, smtplib.SMTPException) as exc:
            port = self.settings.port or DEFAULT_PORTS[self.settings.security]
            self._broken = SendFailed("mail_error.connect", host=host, port=port, reason=self._reason(exc))
            raise self._broken from exc
        try:
            refused = self._smtp.send_message(message)
        except smtplib.SMTPServerDisconnected as exc:
            self._smtp = None  # the next message connects again
            raise SendFailed("mail_error.closed", host=host, reason=self._shown(exc)) from exc
        except (OSError, smtplib.SMTPException) as exc:
            raise SendFailed("mail_error.refused", host=host, reason=self._reason(exc)) from exc
        if refused:  # smtplib sends to the others and only returns who was refused
            answers = [self._shown(smtplib.SMTPResponseException(code, text)) for code, text in refused.values()]
            pairs = zip(refused, answers, strict=True)  # the addresses as the envelope has them: xn--... in letters
            shown = "; ".join(f"{shown_address(address)} ({answer})" for address, answer in pairs)
            raise PartlySent("mail_error.some_refused", host=host, refused=shown)

    def close(self) -> None:
        if self._smtp is not None:
            try:
                self._smtp.quit()
            except (OSError, smtplib.SMTPException):
                self._smtp.close()
            self._smtp = None

    def __enter__(self) -> SmtpSender:
        return self

    def __exit__(self, *_: type[BaseException] | BaseException | TracebackType | None) -> None:
        self.close()

    def _reason(self, exc: BaseException) -> Sayable | str:
        """Why the connection failed, in the reader's words where it is the network's or TLS's reason; the
        server's own answer (a code and its text) as it gave it."""
        if isinstance(exc, ssl.SSLError) and exc.reason == "WRONG_VERSION_NUMBER":
            return Phrase("mail_reason.no_tls")  # plain text where TLS was expected: security or port is wrong
        if isinstance(exc, ssl.SSLError | ssl.CertificateError):
            return Phrase("mail_reason.tls", detail=self._shown(exc))
        if isinstance(exc, smtplib.SMTPNotSupportedError):  # no STARTTLS or no AUTH offered
            return Phrase("mail_reason.not_offered", detail=self._shown(exc))
        if isinstance(exc, socket.gaierror):
            return Phrase("mail_reason.unknown_host")
        if isinstance(exc, TimeoutError):
            return Phrase("mail_reason.timeout")
        if isinstance(exc, ConnectionRefusedError):
            return Phrase("mail_reason.refused")
        if isinstance(exc, OSError) and exc.errno in (errno.EHOSTUNREACH, errno.ENETUNREACH):
            return Phrase("mail_reason.unreachable")
        if isinstance(exc, OSError) and not isinstance(exc, smtplib.SMTPException):
            return os_reason(exc)
        return self._shown(exc)

    def _shown(self, exc: BaseException) -> str:
        """The reason in one line, never with the password in it."""
        if isinstance(exc, smtplib.SMTPResponseException):
            error = exc.smtp_error.decode("utf-8", "replace") if isinstance(exc.smtp_error, bytes) else exc.smtp_error
            reason = f"{exc.smtp_code} {error}"
        else:
            reason = str(exc) or type(exc).__name__
        reason = " ".join(reason.split())
        return reason.replace(self.password, "***") if self.password else reason


def _password(settings: MailSettings, env: Mapping[str, str]) -> str:
    if env.get(PASSWORD_ENV):
        return env[PASSWORD_ENV]
    if settings.password_file is None:
        raise MailConfigError("mail_error.no_password", env=PASSWORD_ENV)
    file = settings.password_file
    try:
        if (others_may := open_to_others(file)) in ("read", "change"):
            key = "mail_error.password_file_open" if others_may == "read" else "mail_error.password_file_writable"
            raise MailConfigError(key, file=file)
        return file.read_text(encoding="utf-8").strip()
    except OSError as exc:
        raise MailConfigError("mail_error.password_file", file=file, reason=os_reason(exc)) from exc
