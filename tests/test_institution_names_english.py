"""English texts name an institution as English does: "from the Ministry of Justice", "The Ministry of Trade ...
owes", never "from Ministry of Justice"; a code or an abbreviation takes no article ("MUP", "SIPRU"). Serbian has no
articles (its reminder and late notice name the institution in the genitive: test_institution_names_serbian.py).
Real e-mails through a real SMTP server on loopback (aiosmtpd), the mails planned for every institution of the
registry, and the template messages; the names are read from the registry file here, not from the code under
test."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from apmon.schemas.calendar import Period, WorkingCalendar
from apmon.schemas.institutions import InstitutionRegistry, in_text
from apmon.schemas.messages import catalogue, variant
from apmon.schemas.plan import Plan
from apmon.schemas.text import Lang
from apmon.sync.config import load_config
from apmon.sync.ledger import Ledger, sqlite_url
from apmon.sync.reminders import Contact, Latest, plan_mails
from apmon.templates.layout import NoTasksError, report_layout, reporting_duties
from tests.test_remind import MARCH, Server, at, certificate, record, run, server, smtp_env, synced, write_config

__all__ = ["certificate", "server", "smtp_env"]  # the real SMTP server's fixtures, from the reminder tests

DATA = Path(__file__).resolve().parent.parent / "templates" / "data"
NAMES = {i["code"]: i["name"] for i in yaml.safe_load((DATA / "institutions.yaml").read_text("utf-8"))["institutions"]}
CONTACTS = {
    # code: (to, cc, lang)
    "MPRAVDE": (["reports@mpravde.gov.rs"], [], "en"),  # no report: a reminder
    "MZ": (["reports@zdravlje.gov.rs"], [], "en"),  # a valid report: a receipt
    "MFIN": (["reports@mfin.gov.rs"], [], "en"),  # only an invalid report: its problems, and a reminder
    "MUP": (["mup.trafficking@mup.gov.rs"], [], "sr-Latn"),  # Serbian, as it was
}


def unnamed(text: str) -> list[str]:
    """Each English full name of the registry in `text` that has no "the" before it."""
    return [
        name["en"]
        for name in NAMES.values()
        for found in re.finditer(re.escape(name["en"]), text)
        if not re.search(r"\b[Tt]he $", text[: found.start()])
    ]


@pytest.mark.usefixtures("smtp_env")
def test_english_mails_say_the_before_an_institutions_name_and_serbian_ones_none(
    server: Server, plan: Plan, registry: InstitutionRegistry, tmp_path: Path, certificate: Any
) -> None:
    config = load_config(write_config(tmp_path, server.port, certificate[0], contacts=CONTACTS))
    ledger = synced(Ledger.open(sqlite_url(tmp_path / "ledger.sqlite")))
    try:
        record(ledger, "MZ", MARCH, valid=True, received=at(dt.date(2018, 4, 2)))
        record(ledger, "MFIN", MARCH, valid=False, received=at(dt.date(2018, 4, 2)))
        run(config, plan, registry, ledger, dt.date(2018, 4, 3))  # 3 working days before the 10 April deadline
        late = dt.date(2018, 4, 11)  # the working day after it: the late notice
        run(config, plan, registry, ledger, late)
    finally:
        ledger.close()
    mails = {
        (next(iter(rcpt)), msg["Subject"].split(":")[0]): msg.get_content().replace("\r\n", "\n")
        for rcpt, msg in server.inbox.take()
    }

    justice, health, finance = (NAMES[code]["en"] for code in ("MPRAVDE", "MZ", "MFIN"))
    reminder = mails[("reports@mpravde.gov.rs", "Reminder")]
    assert f"we have not yet received a valid one from the {justice}.\n" in reminder  # was: "from Ministry of ..."
    assert f"we have not yet received a valid one from the {justice}.\n" in mails[("reports@mpravde.gov.rs", "Late")]
    receipt = mails[("reports@zdravlje.gov.rs", "Received")]
    assert f"a valid monthly report for March 2018 from the {health} (file MZ_2018-03.xlsx) on 2 Apr 2018 at" in receipt
    problems = mails[("reports@mfin.gov.rs", "Corrections needed")]
    assert f"the monthly report for March 2018 from the {finance} (file MFIN_2018-03.xlsx" in problems
    english = [body for (to, _), body in mails.items() if not to.startswith("mup")]
    assert len(english) == 6 and all(unnamed(body) == [] for body in english)

    # Serbian: no article; the name in parentheses after "od vas", in the genitive of an apposition to "vas"
    signature = "\n\n--\nPoruku je poslao sistem apmon u ime Nacionalnog koordinatora za borbu protiv trgovine ljudima."
    assert mails[("mup.trafficking@mup.gov.rs", "Podsetnik")] == (
        "Poštovani,\n\nrok za mesečni izveštaj za mart 2018. je 10.04.2018. (ostala su još 3 radna dana), a od vas "
        "(Ministarstva unutrašnjih poslova) još nismo primili ispravan izveštaj.\nPopunite obrazac, proverite ga "
        f"dugmetom Proveri i pošaljite ga.\nAko ste ga već poslali, zanemarite ovu poruku.{signature}\n"
    )
    assert mails[("mup.trafficking@mup.gov.rs", "Kašnjenje")] == (
        "Poštovani,\n\nrok za mesečni izveštaj za mart 2018. bio je 10.04.2018., a od vas "
        "(Ministarstva unutrašnjih poslova) još nismo primili ispravan izveštaj.\nPošaljite ga što pre. Ako ste ga "
        f"poslali, proverite da li je bez grešaka.{signature}\n"
    )


def test_every_mail_to_every_institution_names_it_with_the_in_english(
    plan: Plan, registry: InstitutionRegistry
) -> None:
    """The four mails, planned for every institution that reports, in English: each full name has its "the"."""
    codes = list(reporting_duties(plan, registry))
    contacts = {code: Contact(to=[f"{code.lower()}@example.rs"], lang="en") for code in codes}
    today = dt.date(2018, 4, 3)
    now = at(today, 8)

    def version(n: int, code: str, valid: bool) -> Latest:
        issues = [] if valid else [{"code": "missing-status", "severity": "error", "sheet": "Tasks", "cell": "E7"}]
        received = now - dt.timedelta(hours=1)
        return Latest(n, code, MARCH, f"{code}.xlsx", received, received, valid, dt.date(2018, 4, 10), True, 0, issues)

    planned = []
    for valid in (True, False):  # a receipt, or problems and a reminder
        latest = [version(n, code, valid) for n, code in enumerate(codes)]
        for day, moment in ((today, now), (dt.date(2018, 4, 11), at(dt.date(2018, 4, 11), 8))):  # reminder, late
            accepted = [(code, MARCH) for code in codes] if valid else []
            planned += plan_mails(
                plan=plan,
                registry=registry,
                calendar=WorkingCalendar(),
                contacts=contacts,
                accepted=accepted,
                latest=latest if day == today else [],
                sent=[],
                today=day,
                now=moment,
            ).mails
    assert {m.kind for m in planned} == {"reminder", "late", "receipt", "problems"}
    assert {m.institution for m in planned} == set(codes)
    assert [(m.institution, m.kind, unnamed(m.body)) for m in planned if unnamed(m.body)] == []


@pytest.mark.parametrize(
    ("code", "period", "english", "serbian"),
    [
        (
            "MTTT",
            "2018",
            "The {name} (MTTT): no annual report is owed under plan ap-2017-2018 (the duty is the Working Group "
            "member's short monthly report); there is nothing to report",
            "{name} (MTTT): po planu ap-2017-2018 nema obaveze godišnjeg izveštaja (obaveza je kratki mesečni "
            "izveštaj člana Radne grupe); nema o čemu da se izveštava",
        ),
        (
            "OCD1",
            "2018",
            "The {name} (OCD1): no annual report is owed under plan ap-2017-2018 (the duty is the civil society "
            "representative's monthly observations); there is nothing to report",
            "{name} (OCD1): po planu ap-2017-2018 nema obaveze godišnjeg izveštaja (obaveza su mesečna zapažanja "
            "predstavnika civilnog društva); nema o čemu da se izveštava",
        ),
    ],
)
def test_a_message_that_starts_with_an_institutions_name_says_the_in_english(
    plan: Plan, registry: InstitutionRegistry, code: str, period: str, english: str, serbian: str
) -> None:
    with pytest.raises(NoTasksError) as refused:
        report_layout(plan, registry, code, Period.parse(period), "en")
    assert refused.value.said("en") == english.format(name=NAMES[code]["en"])  # was: "Ministry of Trade ... owes"
    assert refused.value.said("sr-Latn") == serbian.format(name=NAMES[code]["sr-Latn"])
    # the duty in the reader's words: the Serbian said the duty's English key ("izveštaj vrste „member“")
    assert not any(key in refused.value.said(lang) for key in ("member", "observer") for lang in ("sr-Latn", "sr-Cyrl"))


def test_no_english_message_of_the_catalogue_writes_an_institutions_name_without_the() -> None:
    """Beyond the names filled in: the names the catalogue writes itself ("Report to the Council for ..."). Only the
    two headings of the reports' title page stand alone, as a heading does."""
    found = {key: unnamed(variant(key, "en")) for key in catalogue()}
    assert {key: names for key, names in found.items() if names} == {
        "report.issuer": [NAMES["NK"]["en"]],
        "report.ministry": [NAMES["MUP"]["en"]],
    }
    assert variant("report.issuer", "en") == NAMES["NK"]["en"]  # a heading: the name alone
    assert variant("report.ministry", "en") == f"{NAMES['MUP']['en']} of the Republic of Serbia"


@pytest.mark.parametrize(
    ("name", "lang", "in_a_sentence", "first"),
    [
        ("Ministry of Justice", "en", "the Ministry of Justice", "The Ministry of Justice"),
        ("Red Cross of Serbia", "en", "the Red Cross of Serbia", "The Red Cross of Serbia"),
        ("MUP", "en", "MUP", "MUP"),  # a code
        ("SIPRU", "en", "SIPRU", "SIPRU"),  # an abbreviation
        ("CSO 1", "en", "CSO 1", "CSO 1"),
        ("NEXUS Vranje", "en", "NEXUS Vranje", "NEXUS Vranje"),  # an organisation named by its abbreviation
        ("Atina", "en", "Atina", "Atina"),  # a one-word name
        ("the Ministry of Health", "en", "the Ministry of Health", "The Ministry of Health"),  # said already
        ("Ministarstvo pravde", "sr-Latn", "Ministarstvo pravde", "Ministarstvo pravde"),  # Serbian: no article
        ("Министарство правде", "sr-Cyrl", "Министарство правде", "Министарство правде"),
    ],
)
def test_the_one_rule_for_an_institutions_name_in_a_sentence(
    name: str, lang: Lang, in_a_sentence: str, first: str
) -> None:
    assert (in_text(name, lang), in_text(name, lang, first=True)) == (in_a_sentence, first)


@pytest.mark.parametrize("lang", ["sr-Latn", "sr-Cyrl", "en"])
@pytest.mark.parametrize("kind", ["monthly", "annual"])
def test_a_message_that_starts_with_any_shipped_name_reads_the_same_around_it(
    registry: InstitutionRegistry, lang: Lang, kind: str
) -> None:
    """ "The Local self-government units and their anti-trafficking teams (LS) owes no annual report": a verb agreeing
    with a singular name. The sentence around the name is now the same for every institution of the shipped
    registry (nothing in it agrees with the name), and it starts with a capital letter."""
    from apmon.schemas.said import Phrase

    around = set()
    for inst in registry.institutions:
        for owed in (Phrase("template.owed.member"), Phrase("template.owed.none")):
            fields = {"name": inst.name.in_sentence(first=True), "institution": "X", "plan": "P", "owed": owed}
            said = NoTasksError(f"template.no_tasks.{kind}", **fields).said(lang)
            name = in_text(inst.name.said(lang), lang, first=True)
            assert said.startswith(name) and said[0].isupper(), said
            around.add(said.removeprefix(name))
    assert len(around) == 2, around  # one sentence for a duty of another kind, one for none
    # The name stands apart, before a colon: no verb or pronoun of the sentence agrees with it (a plural name, a
    # feminine "Uprava", a masculine "Savet").
    assert all(rest.startswith(" (X): ") for rest in around), around
    words = {word for rest in around for word in re.findall(r"\w+", rest.lower())}
    assert not words & {"it", "its", "owes", "leads", "njena", "njen", "nije"}, around


@pytest.mark.parametrize(
    ("name", "lang", "first"),
    [("the Ministry of Health", "en", "The Ministry of Health"), ("ministry of Health", "en", "The ministry of Health"),
     ("atina", "en", "Atina"), ("jedinice lokalne samouprave", "sr-Latn", "Jedinice lokalne samouprave")],
)  # fmt: skip
def test_a_name_that_starts_a_sentence_starts_with_a_capital(name: str, lang: Lang, first: str) -> None:
    assert in_text(name, lang, first=True) == first
