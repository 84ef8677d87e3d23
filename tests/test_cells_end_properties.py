"""Property-based test (hypothesis) of where a sheet's cells end in its raw bytes (read_xlsx._cells_end): the byte
search that finds it gives what the regular expression it stands for (_CELLS_END) finds searched from the same place,
on texts made of the pieces that decide it (the name, prefixes, quotes, "<", ">", "/", spaces) and on real sheets."""

from __future__ import annotations

import zipfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from apmon.schemas.institutions import InstitutionRegistry
from apmon.schemas.plan import Plan
from apmon.templates.read_xlsx import _CELLS_END, _cells_end
from tests.reports import complete_monthly, filled_report

PIECES = ["sheetData", "<", "</", ">", "/>", "/", " ", "\t", "x:", "a", '"', "'", "=", "sheetDat", "<sheetData", "ta"]


def searched(content: bytes, start: int) -> int:
    found = _CELLS_END.search(content, start)
    return found.end() if found else -1


@settings(max_examples=500, deadline=None, derandomize=True, database=None)
@given(st.lists(st.sampled_from(PIECES), max_size=30), st.integers(min_value=0, max_value=60))
def test_the_byte_search_finds_what_the_expression_finds(pieces: list[str], start: int) -> None:
    content = "".join(pieces).encode()
    start = min(start, len(content))
    assert _cells_end(content, start) == searched(content, start)


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
