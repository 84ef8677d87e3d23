"""An add-in token kept in a report. The VBA client reads a custom document property `apmon_token` (docs/addin.md),
and an officer may paste the token into a cell. Such a file saved into the reports folder was a valid report: the
ledger kept its bytes, the token in them, for good, a typed text showed it in the master, and a ledger backup handed
it on; yet "the ledger holds nothing that works as a token" (docs/security.md). Found December 2026: now a token is
found as personal data is, in every place of a workbook, refused, masked in every message and purged."""

from __future__ import annotations

import base64
import datetime as dt
import json
import random

import openpyxl
import pytest
from openpyxl.packaging.custom import StringProperty

from apmon.schemas.personal_data import file_name_hits, find_personal_data, mask_all, mask_file_name
from apmon.sync.tokens import TOKEN_PREFIX
from tests.test_ledger import postgres_admin_url, url  # noqa: F401  (ledger backends: SQLite and PostgreSQL)
from tests.test_sync import Office, _stored_bytes, office  # noqa: F401  (its fixture)

# As `apmon token issue` makes one (sync/tokens.py: 32 random bytes), written out here; from a seeded generator, since
# about one token in 200 glued to the next word is missed (test_file_names_of_honest_reports_hold_no_token)
TOKEN = TOKEN_PREFIX + base64.urlsafe_b64encode(random.Random(20261206).randbytes(32)).rstrip(b"=").decode()


@pytest.mark.parametrize(
    "typed",
    [TOKEN, f"Bearer {TOKEN}", f"token: {TOKEN}.", f"({TOKEN})", f"AUTH\x00Bearer {TOKEN}", f"{TOKEN}_MZ"],
)
def test_a_token_in_a_text_is_found_and_never_shown(typed: str) -> None:
    (hit,) = find_personal_data(typed)
    assert hit.kind == "token" and typed[hit.start : hit.end] == TOKEN
    assert TOKEN[len(TOKEN_PREFIX) :][:4] not in mask_all(typed) and hit.masked == "apmon_•••"


@pytest.mark.parametrize(
    "text",
    [
        "apmon_token",
        "apmon_2018_03_izvestaj.xlsx",
        "apmon_" + "a" * 20,
        "apmon_izvestaj_ministarstva_zdravlja_za_mart_2018",
        "apmon_Izvestaj_Ministarstva_Zdravlja_za_Mart_2018_konacna_verzija.xlsx",
        "apmon_IzvestajMinistarstvaZdravljaZaMart2018Konacno-v2.xlsx",
    ],
)
def test_what_only_starts_like_a_token_is_not_one(text: str) -> None:
    assert find_personal_data(text) == []


@pytest.mark.parametrize("where", ["the VBA client's document property", "a cell of Problems"])
def test_a_report_holding_a_token_is_refused_and_purged(office: Office, where: str) -> None:  # noqa: F811
    if where == "a cell of Problems":
        path = office.submit("MZ", "2018-03", {("tasks", "2.1.2", "problems"): f"Token za dugmad: {TOKEN}"})
    else:
        path = office.submit("MZ", "2018-03")
        book = openpyxl.load_workbook(path)
        book.custom_doc_props.append(StringProperty(name="apmon_token", value=TOKEN))
        book.save(path)
    received = dt.datetime(2018, 4, 5, 8, tzinfo=dt.UTC)
    (version,) = office.sync(now=lambda: received).versions
    assert not version.valid
    stored = office.ledger.versions()[0]
    codes = {i["code"] for i in stored.issues}
    assert codes & {"personal-data", "personal-data-property"}, codes
    assert TOKEN not in json.dumps(stored.issues) and TOKEN[6:] not in json.dumps(stored.issues)
    master = office.master()
    for sheet in master.worksheets:
        assert not any(TOKEN[6:] in str(v) for row in sheet.iter_rows(values_only=True) for v in row), sheet.title
    office.sync(now=lambda: received + dt.timedelta(days=31))
    assert office.ledger.versions()[0].raw_purged_at is not None
    if office.ledger.engine.dialect.name == "sqlite":
        assert TOKEN[6:].encode() not in _stored_bytes(office)


@pytest.mark.parametrize(
    "name",
    [
        f"MZ_2018-03_{TOKEN}.xlsx",
        f"{TOKEN}.xlsx",
        f"MZ 2018-03 {TOKEN}.xlsx",
        f"MZ_{TOKEN}_2018-03.xlsx",  # a token's letters hold _ and -: one glued to the next word was not found
        f"MZ-{TOKEN}-kopija.xlsx",
    ],
)
def test_a_token_typed_into_a_file_name_is_found_and_masked(name: str) -> None:
    """A file's name is searched with its underscores turned into spaces (MUP_1505953710011.xlsx), which broke every
    token apart at its own prefix (apmon_): a token in a file's name was kept and shown wherever the file is listed."""
    (hit,) = file_name_hits(name)
    assert hit.kind == "token" and name[hit.start : hit.end] == TOKEN
    masked = mask_file_name(name)
    assert TOKEN[len(TOKEN_PREFIX) :][:4] not in masked and masked == name.replace(TOKEN, "apmon_•••")


def test_a_token_glued_to_the_next_word_in_a_file_name_is_found_but_rarely_missed() -> None:
    """A token glued to the next word by _ or - is told from a name's words by how often neighbouring letters and
    digits change kind (small, capital, digit). 20,000 tokens as `apmon token issue` makes them (32 random bytes, here
    from a seeded generator so that the test is the same at every run), each glued to the next word or ending a file's
    name: all but about one in 200 found, the price of never refusing an honest file's name (the test below); in a
    cell, alone, every one."""
    rng = random.Random(20261206)
    missed = 0
    for _ in range(20_000):
        token = TOKEN_PREFIX + base64.urlsafe_b64encode(rng.randbytes(32)).rstrip(b"=").decode()
        for name in (f"MZ_{token}_2018-03.xlsx", f"MZ_2018-03_{token}.xlsx"):
            hits = [name[h.start : h.end] for h in file_name_hits(name) if h.kind == "token"]
            assert hits in ([token], []), name
            missed += hits == []
        assert find_personal_data(f"MZ {token}.")[0].kind == "token"  # in a cell, alone: always found
    assert missed <= 2 * 20_000 // 150


@pytest.mark.parametrize(
    "name",
    [
        # the 44th character after apmon_ is _ or -, as a token glued to the next word: these were refused
        "apmon_IzvestajMZ2018Mart_v02_MinistarstvoZdravlja_konacno.xlsx",
        "apmon_MesecniIzvestajMUP_2018_03_SluzbaZaBorbu_v3_konacno.xlsx",
        "apmon_Izvestaj-MUP-SBPOK-Mart-2018-KonacnaVerzija-V3-Beograd-ispravka.xlsx",
        "apmon_Godisnji_Izvestaj_MRZBSP_Akcioni_Plan_18-19_Dopuna-v2_Final.xlsx",
        "apmon_Izvestaj_Ministarstva_Zdravlja_za_Mart_2018_konacno.xlsx",
        # 43 characters after apmon_, then the end of the name, as a token alone: refused whenever it held a capital
        "apmon_Izvestaj_Ministarstva_Zdravlja_za_Mart_2018.xlsx",
        "apmon_MesecniIzvestajMZMart2018v3KonacnaVerzijaOK.xlsx",
        "MZ apmon_IzvestajZaMart2018GodineMinistarstvaZdravlj.xlsx",
    ],
)
def test_file_names_of_honest_reports_hold_no_token(name: str) -> None:
    """An officer's name for the report after apmon_, its words in capitals and small letters, a date and a version:
    taken for a token glued to the next word when 8 capitals and 8 small letters, or 5 places where a small letter
    meets a capital or a digit a letter, stood in its first 43 characters; the report was refused as holding
    personal data; as was one whose name after apmon_ is 43 characters long, whenever it held a capital."""
    after = name[name.index("apmon_") + 6 :]
    assert after[43] in "_-."  # where a token would end
    assert [h.kind for h in file_name_hits(name)] == []
    assert mask_file_name(name) == name
