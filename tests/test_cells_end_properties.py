"""Property-based test (hypothesis) of where a sheet's cells end in its raw bytes (read_xlsx._cells_end): the byte
search that finds it gives what the regular expression it stands for (_CELLS_END) finds searched from the same place,
on texts made of the pieces that decide it (the name, prefixes, quotes, "<", ">", "/", spaces) and on real sheets."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from apmon.schemas.institutions import InstitutionRegistry
from apmon.schemas.plan import Plan
from apmon.templates.read_xlsx import _CELLS_END, _cells_end
from tests.reports import complete_monthly, filled_report

# The name alone and between spaces (mentions with no "<" between them), a prefix in any letters, every kind of
# blank, and what a crafted part may write about it: a comment, an instruction, CDATA
PIECES = [
    "sheetData", " sheetData ", "<", "</", ">", "/>", "/", " ", "\t", "\n", "\r", "\x0b", "x:", "ш:", "x.1-_:", "a",
    '"', "'", "=", "sheetDat", "<sheetData", "</sheetData", "ta", "<!--", "-->", "<?", "?>", "<![CDATA[", "]]>",
]  # fmt: skip
# What an attacker writes to end the cells early or late, or to make the search slow: each tried from every byte
CRAFTED = [
    "<x:sheetData><row/></x:sheetData>",
    "<sheetData/>",
    "<sheetData a='1' \n/>",
    "<sheetDataX></sheetDataX></sheetData>",
    '<c v="sheetData"/><sheetData></sheetData>',
    "<!-- sheetData --><sheetData/>",
    "<![CDATA[</sheetData>]]></sheetData>",
    "<?sheetData?></sheetData >",
    "</sheetData\r\n>",
    '<sheetData a=">"/>',
    "<sheetData></sheetData><sheetData/>",
    "<sheetData:sheetData/>",
    "<ш:sheetData></ш:sheetData>",
    "</x.y-z_1:sheetData>",
    "<1:sheetData/></sheetData>",
    "< sheetData/></sheetData>",
    "<a sheetData sheetData <sheetData/>",
    "<a sheetData sheetData sheetData/>",
]


def searched(content: bytes, start: int) -> int:
    found = _CELLS_END.search(content, start)
    return found.end() if found else -1


@settings(max_examples=500, deadline=None, derandomize=True, database=None)
@given(st.lists(st.sampled_from(PIECES), max_size=30), st.integers(min_value=0, max_value=60))
def test_the_byte_search_finds_what_the_expression_finds(pieces: list[str], start: int) -> None:
    content = "".join(pieces).encode()
    start = min(start, len(content))
    assert _cells_end(content, start) == searched(content, start)


@pytest.mark.parametrize("text", CRAFTED)
def test_on_crafted_parts_from_every_byte(text: str) -> None:
    content = text.encode()
    for start in range(len(content) + 1):
        assert _cells_end(content, start) == searched(content, start), start


def test_on_a_real_report_sheets(tmp_path: Path, plan: Plan, registry: InstitutionRegistry) -> None:
    _, layout = filled_report(plan, registry, tmp_path, "MZ", "2018-03", {})
    path, _ = filled_report(plan, registry, tmp_path, "MZ", "2018-03", complete_monthly(layout))
    with zipfile.ZipFile(path) as archive:
        sheets = [archive.read(n) for n in archive.namelist() if n.startswith("xl/worksheets/")]
    assert sheets
    for content in sheets:
        for start in (0, content.find(b"<sheetData"), content.find(b"</sheetData"), len(content) // 2):
            assert _cells_end(content, start) == searched(content, start)
        assert _cells_end(content, 0) == content.find(b"</sheetData>") + len(b"</sheetData>")
