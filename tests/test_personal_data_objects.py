"""Personal data in the objects an officer can put into a report that apmon did not search: a SmartArt graphic, a
form control or old-style text box, a slicer, a data connection or query, an embedded document; and what apmon cannot
read at all, a picture or a binary embedded object. A victim's JMBG in any of them was accepted, kept in the ledger
with the file and never purged. Each case is a real report (the project's template builder, filled), its object's
parts written as Excel writes them (tests/workbook_objects.py), read from its bytes and checked as the sync and
`apmon validate` check it."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

from apmon.schemas.institutions import InstitutionRegistry
from apmon.schemas.plan import Plan
from apmon.sync.ledger.store import PERSONAL_DATA_CODES
from apmon.templates.read_xlsx import UnreadableFileError, read_xlsx
from apmon.templates.sniff import MAX_UNZIPPED_BYTES
from apmon.templates.validation import validate_file
from tests import workbook_objects as objects
from tests.libreoffice import needs_libreoffice, resave_xlsx
from tests.reports import complete_monthly, filled_report
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

PHONE, PHONE_MASKED = "064 123 4567", "••• ••• ••67"


@pytest.fixture
def report(plan: Plan, registry: InstitutionRegistry, tmp_path: Path) -> Path:
    """MZ's complete report for March 2018, as the template builder writes it and an officer fills it in."""
    _, layout = filled_report(plan, registry, tmp_path, "MZ", "2018-03", {})
    return filled_report(plan, registry, tmp_path, "MZ", "2018-03", complete_monthly(layout))[0]


NEW_CODES = (
    "personal-data-smartart",
    "personal-data-form-control",
    "personal-data-slicer",
    "personal-data-connection",
    "personal-data-embedded",
    "personal-data-unreadable-picture",
    "personal-data-unreadable-object",
)


# --- SmartArt ------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("points", "drawn", "value"),
    [
        (["Prijava", "Kontakt žrtve:\nMarija Petrović"], None, NAME_MASKED),  # a name on two lines of one point
        (["Prijava", f"JMBG {JMBG}"], ["Prijava", "Obrada"], MASKED),  # in its data only
        (["Prijava", "Obrada"], ["Prijava", f"tel. {PHONE}"], PHONE_MASKED),  # in the drawing Excel keeps only
    ],
    ids=["its text, two lines", "its data", "its drawing as last laid out"],
)
def test_personal_data_in_a_smartart_graphic_is_refused_and_never_echoed(
    report: Path, plan: Plan, registry: InstitutionRegistry, points: list[str], drawn: list[str] | None, value: str
) -> None:
    objects.smartart(report, TASKS_PART, points, drawn)
    found = _found(report, plan, registry)
    assert set(found["en"]) == {("personal-data-smartart", TASKS, "", value)}
    assert f"A SmartArt graphic on sheet '{TASKS}' (text) holds personal data" in _messages(found, "en")
    assert f"SmartArt grafika na listu „{TASKS}“ (tekst) sadrži lični podatak" in _messages(found, "sr-Latn")
    assert f"SmartArt графика на листу „{TASKS}“ (текст)" in _messages(found, "sr-Cyrl")


# --- form controls and old-style text boxes ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("label", "items", "value", "part"),
    [
        (f"Kontakt:\n{PHONE}", [], PHONE_MASKED, ("text", "tekst", "текст")),  # a line break: <br> unclosed
        ("Spisak", ["Ana", NAME], NAME_MASKED, ("list of values", "lista vrednosti", "листа вредности")),
    ],
    ids=["a label's text", "a list box's values"],
)
def test_personal_data_in_a_form_control_is_refused_and_never_echoed(
    report: Path,
    plan: Plan,
    registry: InstitutionRegistry,
    label: str,
    items: list[str],
    value: str,
    part: tuple[str, ...],
) -> None:
    objects.form_controls(report, TASKS_PART, label, items)
    found = _found(report, plan, registry)
    assert found["en"] == [("personal-data-form-control", TASKS, "", value)]
    english, latin, cyrillic = part
    assert f"A form control or old-style text box on sheet '{TASKS}' ({english}) holds" in _messages(found, "en")
    assert f"Kontrola obrasca ili stari okvir za tekst na listu „{TASKS}“ ({latin})" in _messages(found, "sr-Latn")
    assert f"({cyrillic})" in _messages(found, "sr-Cyrl")


def test_a_vml_text_box_that_is_not_xml_is_read_as_html_not_refused_as_damaged(
    report: Path, plan: Plan, registry: InstitutionRegistry
) -> None:
    """VML is HTML's kin: an entity XML does not know (&nbsp;) in a label's text would refuse the file as damaged."""
    objects.form_controls(report, TASKS_PART, f"Kontakt:&nbsp;{PHONE}")
    objects.package_part(
        report, "xl/drawings/vmlDrawing1.vml", objects.vml_of(report).replace(b"&amp;nbsp;", b"&nbsp;")
    )
    assert _found(report, plan, registry)["en"] == [("personal-data-form-control", TASKS, "", PHONE_MASKED)]


# --- slicers -------------------------------------------------------------------------------------------------------


def test_personal_data_in_a_slicer_and_its_cache_is_refused_and_never_echoed(
    report: Path, plan: Plan, registry: InstitutionRegistry
) -> None:
    """A slicer's caption, and the items its cache keeps of a cube's field (each item's name and caption)."""
    objects.slicer(report, TASKS_PART, "Ime", f"Kontakt {EMAIL}", "Ime", ["Ana", NAME])
    found = _found(report, plan, registry)
    assert sorted(found["en"]) == [
        ("personal-data-slicer", "", "", NAME_MASKED),  # the cache, which the workbook names, on no sheet
        ("personal-data-slicer", TASKS, "", EMAIL_MASKED),
    ]
    assert "The slicer 'Ime' (title or label) holds personal data" in _messages(found, "en")
    assert "The slicer 'Slicer_Ime' (copy of the data) holds personal data" in _messages(found, "en")
    assert "Sečivo „Ime“ (naslov ili oznaka) sadrži lični podatak" in _messages(found, "sr-Latn")
    assert "Сечиво „Slicer_Ime“" in _messages(found, "sr-Cyrl")


# --- data connections and queries ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "command", "fields", "value", "part"),
    [
        ("Spisak", f"SELECT * FROM `Sheet1$` WHERE JMBG='{JMBG}'", None, MASKED, "data connection or query"),
        (
            "Spisak",
            "SELECT * FROM `Sheet1$`",
            ["Broj", "žrtva Marija Petrović"],
            NAME_MASKED,
            "column header or total row",
        ),
        (f"Pozivi {PHONE}", "SELECT * FROM `Sheet1$`", None, PHONE_MASKED, "name"),
    ],
    ids=["its command", "a query table's column", "its name"],
)
def test_personal_data_in_a_data_connection_or_query_is_refused_and_never_echoed(
    report: Path,
    plan: Plan,
    registry: InstitutionRegistry,
    name: str,
    command: str,
    fields: list[str] | None,
    value: str,
    part: str,
) -> None:
    objects.connection(report, name, command, fields=fields)
    found = _found(report, plan, registry)
    assert set(found["en"]) == {("personal-data-connection", "", "", value)}
    assert f"({part}) holds personal data" in _messages(found, "en")
    assert "(Podaci > Upiti i veze)" in _messages(found, "sr-Latn")
    assert "(Подаци > Упити и везе)" in _messages(found, "sr-Cyrl")


# --- embedded documents and objects, pictures ----------------------------------------------------------------------


def test_personal_data_in_an_embedded_word_document_is_refused_and_its_picture_named(
    report: Path, plan: Plan, registry: InstitutionRegistry
) -> None:
    """A .docx embedded as an object is a package of its own, read: a name split over two runs of one paragraph is
    found. Its author, which Word fills in, is not searched. The picture Excel shows of the object (an EMF) cannot be
    read: it is named as such."""
    document = objects.word_document(["Izjava žrtve.", f"žrtva Marija Petrović, JMBG {JMBG}"])
    objects.embedded(report, TASKS_PART, document, "Microsoft_Word_Document.docx")
    found = _found(report, plan, registry)
    assert sorted(found["en"]) == [
        ("personal-data-embedded", TASKS, "", MASKED),
        ("personal-data-embedded", TASKS, "", NAME_MASKED),
        ("personal-data-unreadable-picture", TASKS, "", ""),
    ]
    shown = _messages(found, "en")
    assert f"The embedded document 'Microsoft_Word_Document.docx' on sheet '{TASKS}' holds personal data" in shown
    assert f"The picture 'image1.emf' on sheet '{TASKS}' cannot be read" in shown
    assert "Ugrađeni dokument „Microsoft_Word_Document.docx“ na listu" in _messages(found, "sr-Latn")
    assert "Уграђени документ „Microsoft_Word_Document.docx“" in _messages(found, "sr-Cyrl")


@pytest.mark.parametrize("prefix", ["w", "ш"], ids=["latin", "cyrillic"])
def test_an_embedded_document_is_read_whatever_letters_its_prefixes_are_written_in(
    report: Path, plan: Plan, registry: InstitutionRegistry, prefix: str
) -> None:
    """An XML name, and so a namespace prefix, may hold any letter: a document whose XML was written with <ш:document>
    was taken for no XML at all and passed by, its JMBG unrefused."""
    import io

    document = objects.word_document([f"JMBG {JMBG}"])
    with zipfile.ZipFile(io.BytesIO(document)) as docx:
        parts = {info.filename: docx.read(info) for info in docx.infolist()}
    xml = parts["word/document.xml"].decode()
    parts["word/document.xml"] = re.sub(r"(</?|xmlns:)w([:=])", rf"\1{prefix}\2", xml).encode()
    written = io.BytesIO()
    with zipfile.ZipFile(written, "w") as docx:
        for name, content in parts.items():
            docx.writestr(name, content)
    objects.embedded(report, TASKS_PART, written.getvalue(), "Microsoft_Word_Document.docx")
    assert ("personal-data-embedded", TASKS, "", MASKED) in _found(report, plan, registry)["en"]


def test_an_embedded_documents_own_picture_and_a_binary_object_cannot_be_read_and_are_refused(
    report: Path, plan: Plan, registry: InstitutionRegistry, tmp_path: Path
) -> None:
    objects.embedded(report, TASKS_PART, objects.word_document(["Izjava."], pictures=1), "Dokument.docx")
    found = _found(report, plan, registry)
    assert ("personal-data-unreadable-object", TASKS, "", "") in found["en"]
    assert f"The embedded object 'Dokument.docx' on sheet '{TASKS}' cannot be read" in _messages(found, "en")
    other = tmp_path / "binary.xlsx"
    other.write_bytes(report.read_bytes())
    objects.embedded(other, TASKS_PART, objects.COMPOUND_FILE, "oleObject1.bin", kind="oleObject")
    assert ("personal-data-unreadable-object", TASKS, "", "") in _found(other, plan, registry)["en"]


@pytest.mark.parametrize(
    "content",
    [
        objects.PNG,
        b"\xff\xd8\xff\xe0" + b"\x00" * 64,
        b"GIF89a" + b"\x00" * 64,
        b'<svg xmlns="http://www.w3.org/2000/svg"/>',
    ],
    ids=["PNG", "JPEG", "GIF", "SVG"],
)
def test_a_picture_cannot_be_read_and_is_refused_named_by_its_name(
    report: Path, plan: Plan, registry: InstitutionRegistry, content: bytes
) -> None:
    objects.picture(report, TASKS_PART, "Pasoš skeniran", content)
    found = _found(report, plan, registry)
    assert found["en"] == [("personal-data-unreadable-picture", TASKS, "", "")]
    assert f"The picture 'Pasoš skeniran' on sheet '{TASKS}' cannot be read" in _messages(found, "en")
    assert f"Slika „Pasoš skeniran“ na listu „{TASKS}“ ne može da se pročita" in _messages(found, "sr-Latn")
    assert "Слика „Pasoš skeniran“" in _messages(found, "sr-Cyrl")


def test_a_picture_placed_in_a_cell_is_refused_with_its_cell_not_the_selection_pane(
    report: Path, plan: Plan, registry: InstitutionRegistry
) -> None:
    """Excel 365's Place in Cell keeps a picture as a rich value of its cell (<c t="e" vm="1"><v>#VALUE!</v></c>,
    xl/metadata.xml, xl/richData), not in a drawing: the Selection Pane does not list it, so the message said to find
    it where it is not. It names the cell and says to select it and press Delete, in all three languages."""
    objects.cell_picture(report, TASKS_PART, "Z5")
    found = _found(report, plan, registry)
    assert found["en"] == [("personal-data-unreadable-picture", TASKS, "Z5", "")]
    english, latin, cyrillic = (_messages(found, lang) for lang in ("en", "sr-Latn", "sr-Cyrl"))
    assert f"select cell Z5 on sheet '{TASKS}' and press Delete" in english, english
    assert "Selection Pane" not in english and "not even the ministry's logo" in english
    assert f"izaberite ćeliju Z5 na listu „{TASKS}“ i pritisnite taster Delete" in latin, latin
    assert "Okno za izbor" not in latin
    assert "изаберите ћелију Z5" in cyrillic and "Delete" in cyrillic, cyrillic


def test_a_picture_placed_in_an_input_cell_is_the_one_issue_there_not_an_excel_error(
    report: Path, plan: Plan, registry: InstitutionRegistry
) -> None:
    """The cell of a picture placed in it holds #VALUE! only for programs that cannot show the picture: the officer
    typed no formula, so "type a value instead of the formula" (excel-error) would mislead. The picture is named."""
    objects.cell_picture(report, TASKS_PART, "E4")  # the first task's status
    issues = validate_file(report, plan, registry, "en").issues
    assert [(i.code, i.sheet, i.cell) for i in issues if i.cell == "E4"] == [
        ("personal-data-unreadable-picture", TASKS, "E4")
    ]


COVER, COVER_PART = "Cover", "xl/worksheets/sheet1.xml"  # the English template's first sheet


@pytest.mark.parametrize(
    ("place", "how"),
    [
        (
            "on the sheet",
            (
                "Delete it: find it by its name in Home > Find & Select > Selection Pane",
                "Pronađite je po nazivu u meniju Početak > Pronađi i izaberi > Okno za izbor, izaberite je i "
                "obrišite je",
            ),
        ),
        (
            "in the header",
            (
                "The picture is in the page's header or footer: in Page Layout > Print Titles > Header/Footer",
                "Slika je u zaglavlju ili podnožju stranice: u meniju Raspored na stranici > Odštampaj naslove",
            ),
        ),
        (
            "the background",
            (
                "The picture is the sheet's background: in Page Layout click Delete Background",
                "Slika je pozadina lista: u meniju Raspored na stranici kliknite na Izbriši pozadinu",
            ),
        ),
    ],
)
def test_a_ministry_logo_on_the_cover_is_refused_with_how_to_delete_it_where_it_is(
    report: Path, plan: Plan, registry: InstitutionRegistry, place: str, how: tuple[str, str]
) -> None:
    """A ministry's logo is the picture officers put into a report, on the cover or in its page header: the message
    says that a logo must go too (apmon cannot tell it from a scan) and how to delete it where it is, not the three
    places at once."""
    {
        "on the sheet": lambda: objects.picture(report, COVER_PART, "Grb Republike Srbije"),
        "in the header": lambda: objects.header_picture(report, COVER_PART),
        "the background": lambda: objects.background_picture(report, COVER_PART),
    }[place]()
    found = _found(report, plan, registry)
    assert [code for code, *_ in found["en"]] == ["personal-data-unreadable-picture"]
    english, latin = how
    assert english in _messages(found, "en") and "not even the ministry's logo" in _messages(found, "en")
    assert latin in _messages(found, "sr-Latn") and "ni logotip ministarstva" in _messages(found, "sr-Latn")
    ways = ("Selection Pane", "Header/Footer", "Delete Background")
    assert sum(way in _messages(found, "en") for way in ways) == 1  # one place's way, not all three


def test_a_picture_is_found_by_its_bytes_whatever_its_part_is_called(
    report: Path, plan: Plan, registry: InstitutionRegistry
) -> None:
    """A part that nothing names and whose name says nothing is still kept in the file: its bytes say it is a
    picture."""
    objects.package_part(report, "xl/theme/theme2.xml", objects.PNG)
    assert _found(report, plan, registry)["en"] == [("personal-data-unreadable-picture", "", "", "")]


def test_the_files_thumbnail_and_an_xlsm_s_macros_are_not_counted(
    report: Path, plan: Plan, registry: InstitutionRegistry
) -> None:
    """Excel's Save Thumbnail keeps a picture of the first sheet's cells, which are searched; an .xlsm keeps its
    macros as a compound file (the VBA client's workbook): neither is refused."""
    thumbnail = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail"
    objects.package_part(report, "docProps/thumbnail.jpeg", b"\xff\xd8\xff\xe0" + b"\x00" * 64, ("", thumbnail))
    vba = "http://schemas.microsoft.com/office/2006/relationships/vbaProject"
    objects.package_part(report, "xl/vbaProject.bin", objects.COMPOUND_FILE, ("xl/workbook.xml", vba))
    assert validate_file(report, plan, registry, "en").issues == []


def test_a_picture_a_sheet_shows_is_refused_whatever_else_names_it_a_thumbnail(
    report: Path, plan: Plan, registry: InstitutionRegistry
) -> None:
    """A thumbnail is not counted only where nothing else leads to it: the package naming the picture a sheet shows
    as its thumbnail does not hide it."""
    objects.picture(report, TASKS_PART)
    thumbnail = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail"
    objects.package_part(report, "xl/media/image1.png", objects.PNG, ("", thumbnail))
    assert _found(report, plan, registry)["en"] == [("personal-data-unreadable-picture", TASKS, "", "")]


def test_an_embedded_package_that_inflates_past_the_room_left_is_refused_as_a_zip_bomb(report: Path) -> None:
    """Each embedded package takes from the room the workbook's own parts leave: many of them, each small, cannot
    together inflate past the size guard."""
    import io

    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as inner:
        inner.writestr("word/document.xml", b"<w/>" + b" " * (MAX_UNZIPPED_BYTES // 2))
    objects.embedded(report, TASKS_PART, bomb.getvalue(), "a.docx")
    objects.package_part(report, "xl/embeddings/b.docx", bomb.getvalue())
    objects.package_part(report, "xl/embeddings/c.docx", bomb.getvalue())
    with pytest.raises(UnreadableFileError) as refused:
        read_xlsx(report)
    assert refused.value.code == "file-zip-bomb"


# --- no false alarms -----------------------------------------------------------------------------------------------


def test_objects_without_personal_data_are_accepted(report: Path, plan: Plan, registry: InstitutionRegistry) -> None:
    """A SmartArt graphic of the referral steps, a label and list box of statuses, a slicer of months and a
    connection to the institution's own statistics hold no one's data: nothing is refused."""
    objects.smartart(report, TASKS_PART, ["Identifikacija", "Upućivanje u Centar za zaštitu žrtava", "Podrška"])
    objects.form_controls(report, "xl/worksheets/sheet3.xml", "Status: u toku\n31.03.2018.", ["završeno", "u toku"])
    objects.slicer(report, "xl/worksheets/sheet4.xml", "Mesec", "Mesec", "Mesec", ["januar 2018", "februar 2018"])
    objects.connection(report, "Statistika MZ", "SELECT mesec, broj FROM obuke WHERE godina=2018", "Obuke 2018")
    assert validate_file(report, plan, registry, "en").issues == []


@needs_libreoffice
def test_a_report_saved_again_by_libreoffice_passes(
    report: Path, plan: Plan, registry: InstitutionRegistry, tmp_path: Path
) -> None:
    assert validate_file(resave_xlsx(report, tmp_path), plan, registry, "en").issues == []


def test_every_new_code_is_purged_and_has_all_three_languages() -> None:
    from apmon.schemas.messages import RULES

    assert set(NEW_CODES) <= set(PERSONAL_DATA_CODES)
    assert all(RULES[code].sr_latn and RULES[code].en for code in NEW_CODES)
