"""Report layouts are pinned: no change to the code may change them by a single byte.

Reports already filled in carry the fingerprint of the layout they were built from, and the parser reads them
through that layout rebuilt: every layout of the shipped plan, for every institution, a monthly and an annual
period of each year, each language and each template version still read, must stay exactly as it was. New
templates meant to look different get a new template version (and this digest is taken again); the versions
already read must come out as before."""

from __future__ import annotations

import hashlib
import json

from apmon.schemas.calendar import Period, WorkingCalendar
from apmon.schemas.institutions import InstitutionRegistry
from apmon.schemas.text import LANGS
from apmon.templates.layout import READ_VERSIONS, NoTasksError, WorkbookLayout, locked_cells, report_layout
from apmon.templates.plan_file import load_plan

PERIODS = ("2017-11", "2017", "2018-06", "2018", "2019-01")

# Produced at c761469 by `_digest(_all_layouts(registry, VERSIONS_1_TO_4))`; a change to any layout, row cell or
# fingerprint of versions 1-4 changes it.
VERSIONS_1_TO_4 = ("1", "2", "3", "4")
PINNED = "bad32910807d42bd76f1b74010049d8c755ef5400b543e83302d3e6a22b1cd78"
# Version 5 (the Budget sheet's donor in the template's language), taken when it was made.
PINNED_5 = "bfb0a26ad848c693fc888e5741a7c357d475ab94cd404a9d7215750f49623371"
# Version 6 (the instructions say not to merge cells; the annual report's ask for the one amount its Budget sheet
# has), taken when it was made.
PINNED_6 = "b7d7cebf7867720c6bb265bc5bc6ac540f3af50f863d1b7f79f2025f7f0df6ed"
# Version 7 (the locked dates said in the template's language: 10 Apr 2018, 10.04.2018.), taken when it was made.
PINNED_7 = "5b6996538d5bc0e36ead2e4237f5bda30c25b57967093ff11f749667e20926fc"
# Version 8 (the Problems sheet's task dropdown asks for the task the problem is about), taken when it was made.
PINNED_8 = "ad70b63f0c3fe00e64289c688d548f683418da8e65b9df891699a4397fd19dc4"


def _all_layouts(registry: InstitutionRegistry, versions: tuple[str, ...]) -> list[str]:
    """Every layout of the shipped plan as text, built twice on a fresh plan object (cold, then from what the
    first round kept), versions and languages interleaved so a cache keyed too loosely shows."""
    plan = load_plan(None, registry).model_copy()  # its own object: no layout built before this test
    calendar = WorkingCalendar()
    rounds: list[list[str]] = []
    for _ in range(2):
        found = []
        for period in PERIODS:
            for code in [i.code for i in registry.institutions]:
                for version in versions:
                    for lang in LANGS:
                        label = f"{code} {period} {lang} {version}"
                        try:
                            layout = report_layout(plan, registry, code, Period.parse(period), lang, calendar, version)
                        except NoTasksError:
                            found.append(f"{label}: no template")
                            continue
                        found.append(f"{label}: {_text(layout)}")
        rounds.append(found)
    assert rounds[0] == rounds[1]
    return rounds[0]


def _text(layout: WorkbookLayout) -> str:
    """The layout's content, and what the parser reads through: each sheet's row cells and locked cells."""
    sheets = [f"{sheet.row_cells!r} {json.dumps(locked_cells(sheet), ensure_ascii=False)}" for sheet in layout.sheets]
    return "\n".join([layout.model_dump_json(), *sheets])


def _digest(texts: list[str]) -> str:
    return hashlib.sha256("\n".join(texts).encode("utf-8")).hexdigest()


def test_every_layout_is_as_it_was(registry: InstitutionRegistry) -> None:
    assert (*VERSIONS_1_TO_4, "5", "6", "7", "8") == READ_VERSIONS
    texts = _all_layouts(registry, VERSIONS_1_TO_4)
    assert sum(": no template" not in t for t in texts) > 1000  # most institutions have templates
    assert _digest(texts) == PINNED
    assert _digest(_all_layouts(registry, ("5",))) == PINNED_5
    assert _digest(_all_layouts(registry, ("6",))) == PINNED_6
    assert _digest(_all_layouts(registry, ("7",))) == PINNED_7
    assert _digest(_all_layouts(registry, ("8",))) == PINNED_8
