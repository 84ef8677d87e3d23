"""The search for personal data takes time in proportion to the text's length, whatever the text.

Every cell of every sheet is searched, and Python's regular expressions hold the GIL: one cell on which the search
is quadratic (an Excel cell holds up to 32,767 characters) stalls the add-in server for every caller and slows every
sync. The design keeps wall-clock times out of tests; these assert only how the time grows when the text is four
times as long (4x when linear, 16x when quadratic), which is the property under test, on texts long enough to time
stably.
"""

from __future__ import annotations

import gc
import re
import time
from collections.abc import Callable

import pytest

from apmon.schemas.personal_data import find_personal_data, mask_all

EXCEL_CELL = 32_767  # the most characters an Excel cell holds
LONGEST = 2**17  # the longest text timed


def repeated(unit: str, length: int) -> str:
    return (unit * (length // len(unit) + 1))[:length]


def seconds(search: Callable[[str], object], text: str, repeat: int = 1) -> float:
    """The shortest of up to five runs of `repeat` searches: the machine is shared, and the shortest is the least
    disturbed (three were too few on a machine running other tests beside: a ratio of 9 was seen for a linear read)."""
    times: list[float] = []
    gc.disable()  # the collector runs when it will, and would make the times jump
    try:
        while len(times) < 5 and sum(times) < 2:
            start = time.perf_counter()
            for _ in range(repeat):
                search(text)
            times.append(time.perf_counter() - start)
    finally:
        gc.enable()
    return min(times)


def growth(search: Callable[[str], object], make: Callable[[int], str], length: int) -> float:
    """How many times longer the search takes on a text four times as long, from `length` on, or longer where the
    search takes too little time to be timed stably. A search still too quick on a text of LONGEST / 4 characters
    is timed that many times over instead: longer texts than that no longer fit the processor's caches, and the
    time of a linear search then grows faster than its length."""
    while (shorter := seconds(search, make(length))) < 0.02 and length < LONGEST // 4:
        length *= 2
    repeat = 1
    while shorter < 0.02:
        repeat *= 2
        shorter = seconds(search, make(length), repeat)
    # The smallest of up to three ratios: on a machine busy with other work one pair of timings still gave 9.9 for a
    # linear read; a search that grows with the square of the text gives about 16 every time.
    ratio = seconds(search, make(4 * length), repeat) / shorter
    for _ in range(2):
        if ratio < 6:
            break
        ratio = min(ratio, seconds(search, make(4 * length), repeat) / seconds(search, make(length), repeat))
    return ratio


# Texts with no @ on which a match of an e-mail address could start after every dot, and so run to the text's end
# from each of them; mask_all searches as find_personal_data does.
@pytest.mark.parametrize(
    ("search", "unit"),
    [(find_personal_data, "a."), (find_personal_data, "1."), (mask_all, "a.")],
    ids=["find a.", "find 1.", "mask a."],
)
def test_a_long_dotted_text_is_searched_in_linear_time(search: Callable[[str], object], unit: str) -> None:
    assert growth(search, lambda n: unit * n, 12_500) < 8  # unit * 12_500 against unit * 50_000, or longer


# A cell holding thousands of pieces of personal data of every kind, mixed (each one found is checked against those
# found before it); and other shapes of an adversarial cell, as long as a cell holds: an address's domain that never
# ends, digits joined by spaces or dashes, a long run of separators or of capitalised words after a word that names
# what follows.
SHAPES = {
    "x@a.a.a.": "x@" + "a." * EXCEL_CELL,
    "personal data of every kind": "0641234567 a@b.rs 0101990710008 žrtva Marija Petrović pasoš 012345678 "
    "rođena 12.03.1995 JMBG 0101990710006 ",
    "1 1 1": "1 ",
    "1-1-1": "1-",
    "jmbg    ": "jmbg" + " " * EXCEL_CELL,
    "žrtva Ab Ab": "žrtva " + "Ab " * EXCEL_CELL,
    "JMBG 1, 1, 1": "JMBG 0101990710006" + ", 0101990710006" * EXCEL_CELL,
    # the December 2026 additions: a name in capitals or a place's that is a name as a body's label, the contact
    # person's preposition, a thing's birth with a Roman month, digits one apart with mixed separators, four groups
    "MARKO: 1": "MINISTARSTVO ZDRAVLJA, MARKO: 011 3612345, Ministarstvo zdravlja, Ada: 011 3612345 ",
    "kontakt sa": "Ministarstvo zdravlja: 011 3612345 (osoba za kontakt sa dr Markom) ",
    "Program je rođen": "Program je rođen 1. II 2018. u program, rođena 1-2-",
    "1 5-0.": "1 5-0 5.",
    "1505 953": "1505 953 710 011 ",
    # pd3's: a name with the body it is from, an unclosed bracket, a centre's label, a thing's birth in another case
    "IZ MUP-A": "Ministarstvo zdravlja, MARKO IZ MUP-A IZ SEKTORA ZA RAD: 011 3612345 (Ana Centar, Marko iz MUP-a: ",
    "IZ IZ": "MARKO IZ " + "MUP IZ " * 40 + ": 011 3612345 (marko petrović (Ana ",
    "Ideju rođenu": "Ideju rođenu 3. 4. 2018. Projektu rođenom 1.2.2005, ",
    # pd3r's: a label's noun with where it is from, a name after an organisation in capitals in brackets
    "Podrška iz": "Ministarstvo pravde (Dopis iz Ministarstva pravde): 011 3612345 (SAVE THE CHILDREN, Podrška iz "
    "MUP-a Marko, PODRŠKA IZ MUP-A ",
    "Lica iz": "Lica iz MUP-a Lica iz Centra za socijalni rad osobe od ",
    # pd4's: a first name beside an acronym or after a preposition, a cause's genitive, a label in small letters, a
    # body's name with a comma, persons counted, a noun of an activity
    "MUP MARKO": "Ministarstvo zdravlja, MUP MARKO, ANA SAVET, ŽENE SA ANOM, ZVEZDA NADE: 011 3612345 (Podrška od Ane ",
    "SUPPORT FROM": "Ministry of Health, SUPPORT FROM MUP IOM MARK, ana: 011 3612345 (dečiji kutić) ",
    "Kontakt: Ministarstvo,": "Kontakt: Ministarstvo unutrašnjih poslova, Upućivanje, privatni, 011 3612345 (stan, ",
    "Broj dece 12": "Broj pozitivnih ocena dece dece dece: 12 12 žena broj ",
    "Koordinacija iz": "Ministarstvo zdravlja, Koordinacija iz MUP-a, Savetovanje iz Niša: 011 3612345 (Prostorija ",
    # pd4r's: a private line's word before spaces and a line's word, first names in small letters with small words
    "privatni  ": "Ministarstvo zdravlja: 011 3612345 (privatni      telefon    stan  . , ",
    "kod ane i": "Ministarstvo zdravlja: 011 3612345 (kod ane i marko za anu i od ",
    "M. Petrović,": "M. Petrović, Marko, M.P.,   , Ministarstvo zdravlja, 011 3612345 M. ",
    "Broj žrtve": "Broj dece žrtve žrtva dece 12 žrtva 5 victim 2 žrtve broj žrtava ",
    # pd5's: possessives in a count's words, small words after where support is from, "ženski", a room's word, "lično",
    # and the common first names in their cases
    "victim's": "Number of victim's victims' child victim's women's ' 's ",
    "FROM MUP TO": "Ministarstvo zdravlja, SUPPORT FROM MUP TO TO FROM IOM TO NGOS PETROVIĆ: 011 3612345 (HELP FROM ",
    "ženski": "Ministarstvo zdravlja: 011 3612345 (ženski ženski pol ženski kutić, Kabina iz MUP-a, lično, Šalter ",
    "kod Sanje": "Ministarstvo zdravlja, MUP MILAN, SAVA CENTAR, petar, VLADA SRBIJE: 011 3612345 (kod Sanje, nada ",
    # pd5r's: a name's case that is a place's, "ženski" alone or before runs of spaces, the words that are names
    "Raška": "Centar za socijalni rad, Raška: 036 123456 (ženski   ženski  \t kutić, Hol iz MUP-a, obrade, Sale, dana ",
    # pd6's: a municipality's line, a name that is a word before a noun in capitals, the first names Faker lacks
    "Opština Bor": "Opština Bor, Opština Bor Opština: 030 423555 Grad Niš, Gradska uprava (Opštinska uprava opštine ",
    "SLOBODAN PRISTUP": "Ministarstvo zdravlja, SLOBODAN OBRADA NADA PRISTUP SLOBODAN NOVAK: 011 3612345 (MUP JOVICA ",
    "kutić Jelene": "Ministarstvo zdravlja: 011 3612345 (ženski kutić kutić Jelene Marka Petrovića, soba soba Ane ",
    "12, Marko.": "Broj porodica: 12, Marko. Ministarstvo zdravlja: 011 3612345. . .. Ana. .Ministarstvo ",
}


@pytest.mark.parametrize("unit", SHAPES.values(), ids=SHAPES.keys())
def test_an_adversarial_cell_is_searched_in_linear_time(unit: str) -> None:
    assert growth(find_personal_data, lambda n: repeated(unit, n), EXCEL_CELL // 4) < 8


@pytest.mark.parametrize("unit", ["'", "''!", "'a"])
@pytest.mark.parametrize("place", [("defined-name", "value"), ("hyperlink", "location")])
def test_a_formula_outside_the_cells_is_searched_in_linear_time(unit: str, place: tuple[str, str]) -> None:
    """A defined name's formula and a hyperlink's place have the references to the workbook's own sheets taken out
    before the search: a run of quotes made that quadratic (a crafted file holds as long a formula as it likes)."""
    from apmon.schemas.grid import Grid
    from apmon.templates.parse import _personal_data_in_texts

    def search(text: str) -> object:
        grid = Grid(source="x.xlsx", sheets={"Tasks": []}, texts=[(place[0], "Tasks", "A1", place[1], text)])
        return _personal_data_in_texts(grid)

    assert growth(search, lambda n: repeated(unit, n), EXCEL_CELL // 4) < 8


@pytest.mark.parametrize("unit", ['<sheetData a="', "<sheetData a ", "<x:sheetData '", "sheetData a ", "sheetData<"])
@pytest.mark.parametrize("first", ["", "<"])
def test_where_a_sheets_cells_end_is_found_in_linear_time(unit: str, first: str) -> None:
    """The end of a sheet's cells is looked for in its raw bytes, before they are read as XML: a run of start tags
    that never close must not be tried from each of them to the end; nor, where the name is found first and the "<"
    before it then (`first`: one "<" before the name repeated), each mention of the name looked back from, or tried
    from the same "<", to the start or the end."""
    from apmon.templates.read_xlsx import _shown_part

    def search(text: str) -> object:
        content = text.encode()
        return _shown_part(content, content.find(b"sheetData"))

    assert growth(search, lambda n: first + repeated(unit, n), EXCEL_CELL // 4) < 8


@pytest.mark.parametrize("tag", ["oddHeader", "formula1"])
def test_elements_nested_in_one_another_are_read_in_linear_time(tag: str) -> None:
    """Each element read kept the text inside it, its own ones' included: a crafted part of headers nested in one
    another joined the text again for each of them, so its reading took the square of its length."""
    from apmon.templates.read_xlsx import _SHEET_ELEMENTS, _elements

    def read(text: str) -> object:
        return list(_elements(text.encode(), _SHEET_ELEMENTS))

    def nested(n: int) -> str:
        return "<r>" + f"<{tag}>x" * (n // 12) + f"</{tag}>" * (n // 12) + "</r>"

    assert growth(read, nested, EXCEL_CELL) < 8


# Crafted parts of the kinds read for what they show or keep: the elements read nested in one another, or repeated
# without end (an object of a drawing after another, a cache's values), as a part of a crafted file may hold them.
OBJECT_PARTS = {
    "table": (
        "<table name='T'>",
        "<tableColumn name='a'><calculatedColumnFormula>x",
        "</calculatedColumnFormula></tableColumn>",
    ),
    "drawing": ("<wsDr>", "<twoCellAnchor><cNvPr name='a' descr='b'/><p><t>x</t>", "</p></twoCellAnchor>"),
    "drawing, text": ("<wsDr><twoCellAnchor>", "<p><t>x</t><t>y</t>", "</p>"),
    "chart": ("<chartSpace>", "<rich><p><t>x</t>", "</p></rich>"),
    "pivot-cache": ("<pivotCacheRecords>", "<r><s v='x'/><n v='1'/>", "</r>"),
    "external-link": ("<externalLink><externalBook>", "<cell><v>x</v>", "</cell>"),
}


@pytest.mark.parametrize("shape", ["nested", "repeated"])
@pytest.mark.parametrize("kind", OBJECT_PARTS, ids=OBJECT_PARTS)
def test_the_parts_of_tables_drawings_charts_and_copies_are_read_in_linear_time(kind: str, shape: str) -> None:
    from apmon.templates.read_xlsx import _READERS

    start, opened, closed = OBJECT_PARTS[kind]
    end = "".join(f"</{tag}>" for tag in reversed(re.findall(r"<(\w+)", start)))

    def read(text: str) -> object:
        return _READERS[kind.split(",")[0]](text.encode(), {})

    def part(n: int) -> str:
        count = n // len(opened + closed)
        inside = opened * count + closed * count if shape == "nested" else (opened + closed) * count
        return start + inside + end

    assert growth(read, part, EXCEL_CELL) < 8
