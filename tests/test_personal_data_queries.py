"""Personal data in three parts of a report workbook that apmon did not search: a timeline (Excel 2013+'s slicer of
dates), Power Query's queries (their M code, kept base64-encoded in a custom XML part) and the data model (Power
Pivot's, a binary part). Each case is a real report (the project's template builder, filled), the part written as
Excel writes it (tests/workbook_objects.py: the part, its relationships and its content type), read from its bytes
and checked as the sync and `apmon validate` check it."""

from __future__ import annotations

import base64
import json
import zlib
from pathlib import Path

import pytest

from apmon.schemas.institutions import InstitutionRegistry
from apmon.schemas.plan import Plan
from apmon.sync.ledger.store import PERSONAL_DATA_CODES
from apmon.templates.read_xlsx import UnreadableFileError, read_xlsx
from apmon.templates.sniff import MAX_UNZIPPED_BYTES
from apmon.templates.validation import validate_file
from tests import workbook_objects as objects
from tests.reports import complete_monthly, filled_report
from tests.test_personal_data_objects import PHONE, PHONE_MASKED
from tests.test_personal_data_places import (
    EMAIL,
    EMAIL_MASKED,
    JMBG,
    MASKED,
    NAME,
    NAME_MASKED,
    TASKS,
    TASKS_PART,
    _found,
    _messages,
)


@pytest.fixture
def report(plan: Plan, registry: InstitutionRegistry, tmp_path: Path) -> Path:
    """MZ's complete report for March 2018, as the template builder writes it and an officer fills it in."""
    _, layout = filled_report(plan, registry, tmp_path, "MZ", "2018-03", {})
    return filled_report(plan, registry, tmp_path, "MZ", "2018-03", complete_monthly(layout))[0]


NEW_CODES = ("personal-data-timeline", "personal-data-unreadable-query", "personal-data-unreadable-data-model")


# --- timelines -----------------------------------------------------------------------------------------------------


def test_personal_data_in_a_timelines_caption_and_its_cache_is_refused_and_never_echoed(
    report: Path, plan: Plan, registry: InstitutionRegistry
) -> None:
    """A timeline's caption (Timeline > Timeline Caption), on the sheet that shows it; and the date field its cache
    filters (named by a column's header: here a victim's name), on no sheet: the workbook names the cache."""
    objects.timeline(report, TASKS_PART, "Datum", f"Pozivi {EMAIL}", f"Rođendan {NAME}")
    found = _found(report, plan, registry)
    assert set(found["en"]) == {
        ("personal-data-timeline", "", "", NAME_MASKED),  # the field's name, and the cache's named after it
        ("personal-data-timeline", TASKS, "", EMAIL_MASKED),
    }
    english, latin, cyrillic = (_messages(found, lang) for lang in ("en", "sr-Latn", "sr-Cyrl"))
    assert "The timeline 'Datum' (title or label) holds personal data (e-mail: " in english, english
    assert "Timeline Caption" in english and "Remove Timeline" in english
    assert "The timeline 'NativeTimeline_R" in english and "(column header or total row)" in english
    assert "Vremenska osa „Datum“ (naslov ili oznaka) sadrži lični podatak" in latin, latin
    assert "Временска оса „Datum“" in cyrillic, cyrillic


# --- Power Query ---------------------------------------------------------------------------------------------------


def _entered(rows: list[list[str]]) -> str:
    """Rows typed into Power Query's Enter Data, as its M code keeps them: JSON, deflated, base64."""
    deflate = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    packed = deflate.compress(json.dumps(rows, ensure_ascii=False).encode()) + deflate.flush()
    return base64.b64encode(packed).decode()


def _query(name: str, steps: str) -> str:
    return f"section Section1;\r\n\r\nshared {name} = let\r\n{steps}\r\nin\r\n    Izvor;"


@pytest.mark.parametrize(
    ("section", "value"),
    [
        (
            _query("Pozivi", f'    Izvor = Table.AddColumn(Tabela, "Kontakt", each "JMBG {JMBG}")'),
            MASKED,
        ),
        (
            _query(
                '#"Spisak poziva"',
                "    Izvor = Table.FromRows(Json.Document(Binary.Decompress(Binary.FromText("
                f'"{_entered([["Broj", "Telefon"], ["1", PHONE]])}", BinaryEncoding.Base64), Compression.Deflate)), '
                "let _t = ((type nullable text) meta [Serialized.Text = true]) in type table [Column1 = _t, "
                "Column2 = _t])",
            ),
            PHONE_MASKED,
        ),
        (
            _query("Pozivi", f'    Izvor = "Kontakt: " &\r\n        "{NAME}"'),
            NAME_MASKED,
        ),
        (
            _query("Obuke", "    Izvor = 1")  # the description stands before the query it describes
            + f'\r\n\r\n[ Description = "Kontakt:#(lf){EMAIL}" ]\r\nshared Pozivi = let\r\n    Izvor = 2\r\nin\r\n'
            "    Izvor;",
            EMAIL_MASKED,
        ),
    ],
    ids=["a text typed in a step", "a table typed in (Enter Data)", "a name after a line break", "its description"],
)
def test_personal_data_in_a_power_query_is_refused_and_never_echoed(
    report: Path, plan: Plan, registry: InstitutionRegistry, section: str, value: str
) -> None:
    """A query's M code (Formulas/Section1.m inside the Data Mashup binary stream, base64 in customXml/item1.xml,
    which Excel writes in UTF-16) holds typed texts; Enter Data keeps a typed table deflated and base64 in it."""
    objects.power_query(report, "Pozivi", objects.mashup(section))
    found = _found(report, plan, registry)
    assert found["en"] == [("personal-data-connection", "", "", value)]
    english, latin, cyrillic = (_messages(found, lang) for lang in ("en", "sr-Latn", "sr-Cyrl"))
    named = "Spisak poziva" if "Spisak" in section else "Pozivi"
    assert f"The data connection or query '{named}' (Data > Queries & Connections) (Power Query code)" in english
    assert f"Veza sa podacima ili upit „{named}“ (Podaci > Upiti i veze) (kod Power Query upita)" in latin, latin
    assert "(код Power Query упита)" in cyrillic, cyrillic


def test_personal_data_in_the_columns_a_power_query_loaded_is_refused(
    report: Path, plan: Plan, registry: InstitutionRegistry
) -> None:
    """What the Data Mashup's metadata keeps of a query (after its M code): the names of the columns it last loaded."""
    objects.power_query(report, "Pozivi", objects.mashup(_query("Pozivi", "    Izvor = 1"), ("Broj", NAME)))
    found = _found(report, plan, registry)
    assert found["en"] == [("personal-data-connection", "", "", NAME_MASKED)]
    assert "'Pozivi' (Data > Queries & Connections) (Power Query settings (group, columns loaded))" in _messages(
        found, "en"
    )


@pytest.mark.parametrize(
    "encoded",
    [
        "Tm90IGEgbWFzaHVw!!",  # not base64
        base64.b64encode(b"\x00\x00\x00\x00\x16\x00\x00\x00PK\x03\x04" + b"broken" * 3).decode(),  # no zip
        base64.b64encode(b"\x00\x00\x00").decode(),  # cut short
        objects.mashup('section Section1;\r\nshared Slika = Binary.FromText("iVBORw0KGgo=");'),  # a PNG's signature
    ],
    ids=["not base64", "a damaged package", "cut short", "a binary that is no text"],
)
def test_a_power_query_that_cannot_be_decoded_is_refused_unread(
    report: Path, plan: Plan, registry: InstitutionRegistry, encoded: str
) -> None:
    objects.power_query(report, "Pozivi", encoded)
    found = _found(report, plan, registry)
    assert found["en"] == [("personal-data-unreadable-query", "", "", "")]
    english, latin = _messages(found, "en"), _messages(found, "sr-Latn")
    assert "Power Query queries" in english and "cannot be read" in english, english
    assert "Data > Queries & Connections" in english
    assert "Podaci > Upiti i veze" in latin and "ne mogu da se pročitaju" in latin, latin


def test_a_power_query_that_inflates_past_the_room_left_is_refused_as_a_zip_bomb(report: Path) -> None:
    """Enter Data's deflated table takes from the room the workbook's own parts leave, as an embedded package does."""
    bomb = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    megabyte = b" " * (1 << 20)
    packed = b"".join(bomb.compress(megabyte) for _ in range(MAX_UNZIPPED_BYTES // len(megabyte) + 1)) + bomb.flush()
    encoded = base64.b64encode(packed).decode()
    section = _query("Pozivi", f'    Izvor = Binary.Decompress(Binary.FromText("{encoded}"), Compression.Deflate)')
    objects.power_query(report, "Pozivi", objects.mashup(section))
    with pytest.raises(UnreadableFileError) as refused:
        read_xlsx(report)
    assert refused.value.code == "file-zip-bomb"


def test_a_utf16_part_that_is_no_power_query_is_still_refused(report: Path) -> None:
    """Excel writes a DataMashup part in UTF-16; any other UTF-16 part, which the byte searches cannot read, is refused
    as before, a sheet's most of all."""
    objects.package_part(
        report, "customXml/item1.xml", '<?xml version="1.0" encoding="utf-16"?><worksheet/>'.encode("utf-16")
    )
    with pytest.raises(UnreadableFileError) as refused:
        read_xlsx(report)
    assert refused.value.code == "file-corrupt"


# --- the data model ------------------------------------------------------------------------------------------------


def test_a_data_model_cannot_be_read_and_is_refused_saying_how_to_remove_it(
    report: Path, plan: Plan, registry: InstitutionRegistry
) -> None:
    """Power Pivot's data model keeps a copy of every row loaded into it, in a binary part (an Analysis Services
    backup) apmon cannot read: refused unread, as a binary object is, known by its bytes whatever its part's name."""
    objects.data_model(report)
    found = _found(report, plan, registry)
    assert found["en"] == [("personal-data-unreadable-data-model", "", "", "")]
    english, latin, cyrillic = (_messages(found, lang) for lang in ("en", "sr-Latn", "sr-Cyrl"))
    assert "data model (Power Pivot)" in english and "Manage Data Model" in english, english
    assert "model podataka (Power Pivot)" in latin, latin
    assert "модел података (Power Pivot)" in cyrillic, cyrillic
    renamed = report.with_name("renamed.xlsx")
    renamed.write_bytes(report.read_bytes())
    objects.package_part(renamed, "xl/embeddings/oleObject9.bin", objects.DATA_MODEL)
    assert ("personal-data-unreadable-data-model", "", "", "") in _found(renamed, plan, registry)["en"]


# --- no false alarms -----------------------------------------------------------------------------------------------


def test_a_timeline_and_a_query_without_personal_data_are_accepted(
    report: Path, plan: Plan, registry: InstitutionRegistry
) -> None:
    """A timeline of months and a query that sums the institution's own trainings hold no one's data."""
    objects.timeline(report, TASKS_PART, "Datum", "Mesec izveštaja", "Datum")
    rows = _entered([["Mesec", "Obuke"], ["2018-01", "12"], ["2018-02", "9"]])
    steps = (
        f'    Izvor = Table.FromRows(Json.Document(Binary.Decompress(Binary.FromText("{rows}", '
        "BinaryEncoding.Base64), Compression.Deflate))),\r\n"
        '    Naziv = Text.FromBinary(Binary.FromText("4F62756B65", BinaryEncoding.Hex))'  # "Obuke", in hex digits
    )
    objects.power_query(report, "Obuke", objects.mashup(_query("Obuke", steps)))
    assert validate_file(report, plan, registry, "en").issues == []


def test_every_new_code_is_purged_and_has_all_three_languages() -> None:
    from apmon.schemas.messages import RULES

    assert set(NEW_CODES) <= set(PERSONAL_DATA_CODES)
    assert all(RULES[code].sr_latn and RULES[code].en for code in NEW_CODES)


# M code as a crafted file may hold it: declarations without end, a name's quote never closed, binaries never closed
M_UNITS = {
    "declarations": 'shared #"a" = 1\n',
    "a name not closed": 'shared #"a\n',
    "no semicolons": "shared a = [ Description = 1 ]\n",
    "escapes": "#(lf)#(cr,lf)#(00E9)#(",
}


@pytest.mark.parametrize("unit", M_UNITS.values(), ids=M_UNITS)
def test_power_querys_code_is_read_in_linear_time(unit: str) -> None:
    from apmon.templates.read_xlsx import _m_code, _Package
    from tests.test_personal_data_complexity import EXCEL_CELL, growth, repeated

    assert growth(lambda code: _m_code(_Package({}), code), lambda n: repeated(unit, n), EXCEL_CELL) < 8
