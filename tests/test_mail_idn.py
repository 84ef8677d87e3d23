"""Internationalised domains in the institutions' addresses (ana@ministarstvo.срб, marko@šabac.rs), sent through a
real SMTP server on loopback (aiosmtpd, STARTTLS and AUTH): the envelope and the headers carry the domain in its
ASCII form (IDNA's A-label, xn--...), which every SMTP server takes; an address that still cannot be sent is one
located message saying what to do. Fixtures come from tests.test_remind."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from apmon.schemas.institutions import InstitutionRegistry
from apmon.schemas.plan import Plan
from apmon.sync.config import load_config
from apmon.sync.ledger import Ledger
from apmon.templates.plan_file import DataFileError
from tests import test_ledger, test_mail_faults, test_remind
from tests.test_remind import MARCH, Server, run, write_config

certificate, server, smtp_env, ledger = (
    test_remind.certificate,
    test_remind.server,
    test_remind.smtp_env,
    test_remind.ledger,
)
url, postgres_admin_url = test_ledger.url, test_ledger.postgres_admin_url
picky = test_mail_faults.picky  # the server's inbox refusing nema.* for good, as test_mail_faults's tests use it


def _ascii(address: str) -> str:
    """The address with its domain in A-labels, label by label with punycode (RFC 3492), independently of apmon."""
    local, _, domain = address.rpartition("@")
    labels = [
        label if label.isascii() else "xn--" + label.lower().encode("punycode").decode("ascii")
        for label in domain.split(".")
    ]
    return f"{local}@{'.'.join(labels)}"


def test_the_pinned_a_labels_are_those_of_the_registry() -> None:
    """The expectation's own check: .срб is Serbia's Cyrillic top-level domain, xn--90a3ac in the root zone."""
    assert _ascii("ana@ministarstvo.срб") == "ana@ministarstvo.xn--90a3ac"
    assert _ascii("marko@šabac.rs") == "marko@xn--abac-f6a.rs"


@pytest.mark.usefixtures("smtp_env")
def test_a_reminder_to_internationalised_domains_reaches_the_server_in_ascii(
    server: Server, ledger: Ledger, plan: Plan, registry: InstitutionRegistry, tmp_path: Path, certificate: Any
) -> None:
    """Such an address was refused in [contacts] ('is not an e-mail address'), and smtplib would have asked the
    server for SMTPUTF8, which most do not offer."""
    contacts = {"MUP": (["ana@ministarstvo.срб"], ["marko@ŠABAC.rs"], "sr-Latn")}
    path = write_config(tmp_path, server.port, certificate[0], contacts=contacts)
    text = path.read_text(encoding="utf-8").replace('from = "koordinator@mup.gov.rs"', 'from = "koordinator@šabac.rs"')
    path.write_text(text, encoding="utf-8")

    result = run(load_config(path), plan, registry, ledger, dt.date(2018, 4, 3))

    [(envelope, mail)] = server.inbox.take()
    assert envelope == {_ascii("ana@ministarstvo.срб"), _ascii("marko@šabac.rs")}, envelope
    assert (mail["To"], mail["Cc"]) == (_ascii("ana@ministarstvo.срб"), _ascii("marko@šabac.rs"))
    assert mail["From"] == _ascii("koordinator@šabac.rs") and mail["Message-ID"].endswith("@xn--abac-f6a.rs>")
    assert "mart 2018." in mail.get_content() and not result.failed
    [sent] = ledger.mails()
    assert (sent.institution, sent.period, sent.outcome) == ("MUP", MARCH, "sent")


@pytest.mark.parametrize(
    ("address", "said"),
    [
        ("đorđe.petrović@mup.gov.rs", "before @"),  # letters the part before @ cannot carry without SMTPUTF8
        ("ana@ministarstvo.ср б", "not an e-mail address"),
        ("ana@xn--zz.срб", "not an e-mail address"),  # a label no IDNA domain can have
        # a label of Latin letters and a Cyrillic one that looks the same (с, ѕ): another domain, anyone's to register
        ("ana@šabaс.rs", "'šabaс' mixes letters of two scripts"),
        ("ana@mup.gov.rѕ", "'rѕ' mixes letters of two scripts"),
        ("ana@ΜUP.gov.rs", "'μup' mixes letters of two scripts"),  # a Greek Μ, in the label as it is sent: lower case
        # a label wholly of Cyrillic letters that each look like a Latin one, under a TLD that is not Cyrillic
        ("ana@ааа.rs", "'ааа' is in Cyrillic letters that look like Latin ones: it reads as 'aaa'"),
        ("ana@раураӏ.com", "'раураӏ' is in Cyrillic letters that look like Latin ones: it reads as 'paypal'"),
        ("ana@ѕоѕ.org.rs", "'ѕоѕ' is in Cyrillic letters that look like Latin ones: it reads as 'sos'"),
        ("ana@ъох.com", "'ъох' is in Cyrillic letters that look like Latin ones: it reads as 'box'"),  # Chromium's ъ
        # and of Greek letters (Greek omicron, rho, tau, kappa...), under a TLD that is not Greek
        ("ana@οοο.rs", "'οοο' is in Greek letters that look like Latin ones: it reads as 'ooo'"),
        ("ana@ροτ.com", "'ροτ' is in Greek letters that look like Latin ones: it reads as 'pot'"),
        ("ana@mup.ΚΙΝΟ.rs", "'κινο' is in Greek letters that look like Latin ones: it reads as 'kivo'"),
    ],
)
def test_an_address_that_still_cannot_be_sent_is_one_located_message(tmp_path: Path, address: str, said: str) -> None:
    """A domain mixing Latin and Cyrillic (or Greek) letters in one label was taken and sent to: šabaс.rs with a
    Cyrillic с looks like šabac.rs on every screen and in the ledger, and is another domain (xn--aba-zza797a.rs)."""
    path = tmp_path / "apmon.toml"
    path.write_text(f'[contacts.MUP]\nto = ["{address}"]\n', encoding="utf-8")
    with pytest.raises(DataFileError) as caught:
        load_config(path)
    [error] = caught.value.errors
    assert (error.file, error.path) == (str(path), "contacts.MUP.to") and repr(address) in error.message
    assert said in error.message, error.message
    if "Cyrillic letters that look like Latin" in said:  # what to write: Latin letters, or the Cyrillic ending
        assert "ends in a Cyrillic top-level domain (.срб)" in error.message, error.message
    if "Greek letters that look like Latin" in said:
        assert "ends in a Greek top-level domain (.gr, .ελ)" in error.message, error.message


def test_an_address_written_twice_in_two_forms_gets_one_copy() -> None:
    """The same mailbox in its letters, its A-label and another letter case (the domain's is no part of it) is one
    recipient: the copies are told apart after the domain is encoded, not before."""
    from apmon.sync.mail import message
    from apmon.sync.reminders import Mail

    forms = ("ana@šabac.rs", "ana@XN--ABAC-F6A.rs", "ana@ŠABAC.RS", "Ana@šabac.rs")
    mail = Mail("MUP", "2018-03", "reminder", None, forms[:1], forms[1:], "sr-Latn", "Podsetnik", "Tekst.")
    sent = message(mail, "koordinator@mup.gov.rs", dt.datetime(2018, 4, 3, 9, tzinfo=dt.UTC))
    assert (sent["To"], sent["Cc"]) == (_ascii(forms[0]), None), (sent["To"], sent["Cc"])


@pytest.mark.usefixtures("smtp_env")
def test_a_refused_address_with_a_domain_in_its_letters_is_said_as_written(
    server: Server,
    picky: test_mail_faults.PickyInbox,
    ledger: Ledger,
    plan: Plan,
    registry: InstitutionRegistry,
    tmp_path: Path,
    certificate: Any,
) -> None:
    """The server refuses the address as the envelope carries it (xn--...): the Coordinator was told of
    'nema.nikog@xn--abac-f6a.rs', which is nowhere in [contacts] to correct."""
    contacts = {"MUP": (["ana@šabac.rs", "nema.nikog@šabac.rs"], [], "en")}
    config = load_config(write_config(tmp_path, server.port, certificate[0], contacts=contacts))
    result = run(config, plan, registry, ledger, dt.date(2018, 4, 3))
    [mup] = [m for m in result.mails if m.institution == "MUP"]
    assert mup.outcome == "sent" and "nema.nikog@šabac.rs (550" in (mup.error or ""), mup.error


@pytest.mark.parametrize(
    "address",
    [
        "ana@ministarstvo.срб",
        "ana@мвп.срб",
        "ana@сајт.срб",
        "ana@рео.срб",
        "ana@мвп.rs",
        # Cyrillic top-level domains whose own letters all look Latin (.орг, .рус: Cyrillic .org and Russia's)
        "ana@астра.орг",
        "ana@мвд.рус",
        "ana@ресурс.рус",
        "ana@сор.ru",  # an ASCII top-level domain Chromium counts as Cyrillic
        # Greek labels: with a letter of their own (θ, λ), or under Greece's top-level domains (.gr, .ελ)
        "ana@αθηνα.rs",
        "ana@ροτ.gr",
        "ana@κοινο.ελ",
        # the top-level domain in its A-label (as an address copied from a mail header): .срб, .ελ
        "ana@сор.xn--90a3ac",
        "ana@ροτ.xn--qxam",
    ],
)
def test_a_cyrillic_or_greek_label_is_taken_where_it_cannot_pass_for_a_latin_one(tmp_path: Path, address: str) -> None:
    """Only a label whose every letter looks Latin, under a TLD that is not Cyrillic, is refused (as browsers show it
    in its A-label): one with a letter of its own (м, в, ј... б) or under .срб reads as what it is. A Cyrillic TLD
    is one with a Cyrillic letter, as Chromium's: .орг and .рус, delegated, were refused whole, every address under
    them, their letters (о, р, г; р, у, с) each looking Latin. Greek labels likewise, under .gr and .ελ."""
    path = tmp_path / "apmon.toml"
    path.write_text(f'[contacts.MUP]\nto = ["{address}"]\n', encoding="utf-8")
    assert load_config(path).contacts["MUP"].to == [address]
