"""Serbian e-mails never put an institution's name in a case the sentence does not ask for: "za Interresorna radna
grupa" is wrong Serbian (za asks for "Interresornu radnu grupu"), and so is "od vas (Interresorna radna grupa)",
whose apposition to "vas" is in the genitive ("od vas (Interresorne radne grupe)"). The reminder and the late
notice name the institution in the genitive the registry gives; a registry of one's own that gives none has the name
after a label, where the nominative is right ("(institucija: Ministarstvo pravde)"). The mails go to every
institution that owes the March 2018 report, in Latin and Cyrillic, through a real SMTP server on loopback
(aiosmtpd); the names are read from the registry file here, and the expected sentences typed here, not made by the
code under test."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from apmon.schemas.calendar import WorkingCalendar
from apmon.schemas.institutions import InstitutionRegistry
from apmon.schemas.plan import Plan
from apmon.schemas.text import Lang
from apmon.sync.config import load_config
from apmon.sync.ledger import Ledger, sqlite_url
from apmon.sync.reminders import Contact, plan_mails
from tests.test_remind import Server, at, certificate, owing_institutions, run, server, smtp_env, synced, write_config

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
    ledger = synced(Ledger.open(sqlite_url(tmp_path / "ledger.sqlite")))
    try:
        run(config, plan, registry, ledger, dt.date(2018, 4, 5))  # before the 10 April deadline: reminders
        run(config, plan, registry, ledger, dt.date(2018, 4, 11))  # the working day after it: late notices
    finally:
        ledger.close()
    bodies = [msg.get_content().replace("\r\n", "\n") for _, msg in server.inbox.take()]
    assert len(bodies) >= 2 * len(owing_institutions())  # every task holder, and the short reports' senders
    assert any("(Interresorne radne grupe)" in latin(body) for body in bodies)  # a name of several words, feminine
    assert [found for body in bodies for found in after_a_preposition(body, lang)] == []
    # Was "a od vas (Interresorna radna grupa)": no reminder or late notice names anyone in the nominative
    assert [name[lang] for body in bodies for name in NAMES.values() if name[lang] in body] == []


def latin(text: str) -> str:
    """A Cyrillic text in Latin letters, to compare it with the Latin typed here (each letter has one Latin form)."""
    return text.translate(CYRILLIC_TO_LATIN)


CYRILLIC_TO_LATIN = str.maketrans(
    {
        **dict(zip("абвгдђежзијклмнопрстћуфхцчш", "abvgdđežzijklmnoprstćufhcčš", strict=True)),
        **dict(zip("АБВГДЂЕЖЗИЈКЛМНОПРСТЋУФХЦЧШ", "ABVGDĐEŽZIJKLMNOPRSTĆUFHCČŠ", strict=True)),
        **{"љ": "lj", "њ": "nj", "џ": "dž", "Љ": "Lj", "Њ": "Nj", "Џ": "Dž"},
    }
)

# The sentence of a reminder that names the institution, for one of each kind of name: neuter (a ministry, an
# adjective before its noun), feminine, masculine with an adjective, a hyphenated adjective, a plural.
REMINDED = {
    "MUP": "a od vas (Ministarstva unutrašnjih poslova) još nismo primili ispravan izveštaj.",
    "MRZBSP": "a od vas (Ministarstva za rad, zapošljavanje, boračka i socijalna pitanja) još nismo primili "
    "ispravan izveštaj.",
    "RJT": "a od vas (Republičkog javnog tužilaštva) još nismo primili ispravan izveštaj.",
    "IRG": "a od vas (Interresorne radne grupe) još nismo primili ispravan izveštaj.",
    "CKS": "a od vas (Crvenog krsta Srbije) još nismo primili ispravan izveštaj.",
    "BIA": "a od vas (Bezbednosno-informativne agencije) još nismo primili ispravan izveštaj.",
    "JLS": "a od vas (Jedinica lokalne samouprave i njihovih timova za borbu protiv trgovine ljudima) još nismo "
    "primili ispravan izveštaj.",
    "OCD1": "a od vas (Predstavnika organizacija civilnog društva 1) još nismo primili ispravan izveštaj.",
}
# The same in Cyrillic, typed as a reader reads it (the test compares it with the mail as it is, not through latin())
REMINDED_CYRILLIC = {
    "MUP": "а од вас (Министарства унутрашњих послова) још нисмо примили исправан извештај.",
    "IRG": "а од вас (Интерресорне радне групе) још нисмо примили исправан извештај.",
    "JLS": "а од вас (Јединица локалне самоуправе и њихових тимова за борбу против трговине људима) још нисмо "
    "примили исправан извештај.",
}


def planned_bodies(plan: Plan, registry: InstitutionRegistry, lang: Lang, codes: list[str]) -> dict[str, list[str]]:
    """The reminder (3 working days before the 10 April deadline) and the late notice (the working day after it) of
    the March 2018 report, planned for each of `codes` in `lang`, by institution."""
    contacts = {code: Contact(to=[f"{code.lower()}@example.rs"], lang=lang) for code in codes}
    bodies: dict[str, list[str]] = {code: [] for code in codes}
    for day in (dt.date(2018, 4, 5), dt.date(2018, 4, 11)):
        mails = plan_mails(
            plan=plan,
            registry=registry,
            calendar=WorkingCalendar(),
            contacts=contacts,
            accepted=[],
            latest=[],
            sent=[],
            today=day,
            now=at(day, 8),
        ).mails
        for mail in mails:
            if mail.institution in bodies and mail.period == "2018-03":
                bodies[mail.institution].append(mail.body)
    return bodies


@pytest.mark.parametrize("lang", ["sr-Latn", "sr-Cyrl"])
def test_the_reminder_and_the_late_notice_name_the_institution_in_the_genitive(
    plan: Plan, registry: InstitutionRegistry, lang: Lang
) -> None:
    bodies = planned_bodies(plan, registry, lang, list(REMINDED))
    for code, sentence in REMINDED.items():
        assert len(bodies[code]) == 2, code  # the reminder and the late notice
        for body in bodies[code]:
            assert sentence in latin(body), (code, body)
            if lang == "sr-Cyrl" and code in REMINDED_CYRILLIC:
                assert REMINDED_CYRILLIC[code] in body, (code, body)


@pytest.mark.parametrize(
    ("lang", "sentence"),
    [
        ("sr-Latn", "a od vas još nismo primili ispravan izveštaj (institucija: Ministarstvo pravde)."),
        ("sr-Cyrl", "а од вас још нисмо примили исправан извештај (институција: Министарство правде)."),
    ],
)
def test_a_registry_without_the_genitive_names_the_institution_after_a_label(
    plan: Plan, lang: Lang, sentence: str
) -> None:
    """A registry of one's own may give no genitive: the mail needs no case of the name, and says it after a
    label, in the nominative."""
    data = yaml.safe_load((DATA / "institutions.yaml").read_text("utf-8"))
    for institution in data["institutions"]:
        del institution["genitive"]
    own = InstitutionRegistry.model_validate(data)
    bodies = planned_bodies(plan, own, lang, ["MPRAVDE", "IRG"])
    assert len(bodies["MPRAVDE"]) == 2
    for body in bodies["MPRAVDE"]:
        assert sentence in body, body
    assert len(bodies["IRG"]) == 2  # else the check below holds of no mail
    assert all("(институција: Интерресорна радна група)." in b or "(institucija: Interresorna radna grupa)." in b
               for b in bodies["IRG"])  # fmt: skip
