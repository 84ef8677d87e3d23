"""Property-based tests of the parser (hypothesis): no exception escapes for any grid or any bytes.

Grids are real templates' grids with random mutations (cells of every type the readers produce, sheets removed,
renamed, added, cut or grown) or wholly random; bytes are random or a real workbook's bytes damaged. The runs are
bounded and derandomized: the same examples on every run, so CI is deterministic and the suite stays fast.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from apmon.schemas.grid import Grid
from apmon.schemas.institutions import InstitutionRegistry
from apmon.schemas.messages import FILE_PROBLEMS
from apmon.schemas.plan import Plan
from apmon.templates.read_xlsx import read_xlsx
from apmon.templates.validation import Validation, read_report_bytes, validate_grid
from tests.reports import complete_monthly, filled_report

BOUNDED = settings(
    max_examples=150,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# Strings the parser looks for or chokes on: codes, periods, statuses, numbers in Serbian notation, Excel errors,
# formulas, and odd unicode (Cyrillic, combining marks, direction marks, a NUL, a lone surrogate's neighbours).
_TELLING = [
    "MZ", "MUP", "2018-03", "2018", "03.2018", "in progress", "realizovano", "у току", "done", "delayed",
    "1.234,50", "79.300", "3.000,00", "-0", "1e308", "NaN", "inf", "#REF!", "#DIV/0!", "#N/A", "=SUM(A1:A9)",
    "05.04.2018", "31.02.2018", "4/5/2018", "0101990710008", "ime@example.rs", "", " ", "\u200f", "\u202e",
    "A\u0301", "Ђорђе", "\x00", "\ufeff", "ǅ", "𝟘", "x" * 5000,
]  # fmt: skip

values = st.one_of(
    st.none(),
    st.text(max_size=30),
    st.sampled_from(_TELLING),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.dates(min_value=dt.date(1, 1, 1)),
    st.datetimes(),
    st.times(),
    st.timedeltas(),
)


@pytest.fixture(scope="module")
def base_grids(plan: Plan, registry: InstitutionRegistry, tmp_path_factory: pytest.TempPathFactory) -> list[Grid]:
    folder = tmp_path_factory.mktemp("properties")
    _, layout = filled_report(plan, registry, folder, "MZ", "2018-03", {}, name="blank.xlsx")
    filled, _ = filled_report(plan, registry, folder, "MZ", "2018-03", complete_monthly(layout), name="filled.xlsx")
    cyrillic, _ = filled_report(plan, registry, folder, "MUP", "2018-04", {}, lang="sr-Cyrl", name="cyrl.xlsx")
    return [read_xlsx(filled), read_xlsx(cyrillic)]


@st.composite
def mutated(draw: st.DrawFn, base: Grid) -> Grid:
    """`base` with a few random changes."""
    sheets = {name: [list(row) for row in rows] for name, rows in base.sheets.items()}
    for _ in range(draw(st.integers(0, 12))):
        names = list(sheets)
        action = draw(st.sampled_from(["cell", "cell", "cell", "drop", "rename", "add", "cut", "grow", "ragged"]))
        if not names:
            action = "add"
        name = draw(st.sampled_from(names)) if names else ""
        rows = sheets.get(name, [])
        if action == "cell":
            row = draw(st.integers(0, len(rows) + 3))
            column = draw(st.integers(0, 30))
            while len(rows) <= row:
                rows.append([])
            rows[row].extend([None] * (column + 1 - len(rows[row])))
            rows[row][column] = draw(values)
        elif action == "drop":
            del sheets[name]
        elif action == "rename":
            sheets[draw(st.text(min_size=0, max_size=31))] = sheets.pop(name)
        elif action == "add":
            sheets[draw(st.text(max_size=31))] = draw(st.lists(st.lists(values, max_size=8), max_size=8))
        elif action == "cut":
            del rows[draw(st.integers(0, len(rows))) :]
        elif action == "grow":
            rows.extend(draw(st.lists(st.lists(values, max_size=12), max_size=5)))
        elif rows:  # ragged: one row cut short or left empty
            at = draw(st.integers(0, len(rows) - 1))
            del rows[at][draw(st.integers(0, len(rows[at]))) :]
    return Grid(source=base.source, sheets=sheets)


random_grids = st.builds(
    Grid,
    source=st.just("random.xlsx"),
    sheets=st.dictionaries(st.text(max_size=31), st.lists(st.lists(values, max_size=10), max_size=10), max_size=6),
)


@BOUNDED
@given(data=st.data())
def test_validate_grid_never_raises_on_a_mutated_template(
    data: st.DataObject, base_grids: list[Grid], plan: Plan, registry: InstitutionRegistry
) -> None:
    grid = data.draw(mutated(data.draw(st.sampled_from(base_grids))))
    lang = data.draw(st.sampled_from(["en", "sr-Latn", "sr-Cyrl"]))
    result = validate_grid(grid, plan, registry, lang)
    assert isinstance(result, Validation) and result.readable
    event(f"read as a report: {result.report is not None}")  # --hypothesis-show-statistics: how deep it went
    assert all(issue.message for issue in result.issues)  # each says something, in the language asked


@BOUNDED
@given(grid=random_grids)
def test_validate_grid_never_raises_on_a_random_grid(grid: Grid, plan: Plan, registry: InstitutionRegistry) -> None:
    assert isinstance(validate_grid(grid, plan, registry, "en"), Validation)


@pytest.fixture(scope="module")
def workbook_bytes(base_grids: list[Grid]) -> bytes:
    return Path(base_grids[0].source).read_bytes()


def _damaged(data: bytes, cuts: list[tuple[int, int]], end: int) -> bytes:
    damaged = bytearray(data[: max(1, end)])
    for at, value in cuts:
        damaged[at % len(damaged)] = value
    return bytes(damaged)


@BOUNDED
@given(
    data=st.one_of(
        st.binary(max_size=4096),
        st.builds(lambda head, rest: head + rest, st.sampled_from([b"PK\x03\x04", b"PK\x05\x06", b"\xd0\xcf\x11\xe0"]),
                  st.binary(max_size=2048)),
    )
)  # fmt: skip
def test_read_report_bytes_never_raises_on_random_bytes(data: bytes) -> None:
    _one_answer(read_report_bytes(data, "random.xlsx", "en"))


@BOUNDED
@given(cuts=st.lists(st.tuples(st.integers(0, 2**31), st.integers(0, 255)), max_size=6), end=st.integers(0, 2**31))
def test_read_report_bytes_never_raises_on_a_damaged_workbook(
    cuts: list[tuple[int, int]], end: int, workbook_bytes: bytes
) -> None:
    data = _damaged(workbook_bytes, cuts, end % (len(workbook_bytes) + 1) if end % 3 else len(workbook_bytes))
    _one_answer(read_report_bytes(data, "damaged.xlsx", "sr-Latn"))


def _one_answer(found: Any) -> None:
    """A Grid, or a Validation that says in one issue why the bytes cannot be read."""
    if isinstance(found, Grid):
        return
    assert isinstance(found, Validation) and not found.readable and len(found.issues) == 1
    assert found.issues[0].code in FILE_PROBLEMS and found.issues[0].message
