"""Personal data with a character no one sees inside it: a zero-width space, a soft hyphen, a word joiner, a byte order
mark. Excel, Google Sheets, the master and the PDF show `1505953710011`, but the search read `1505953<ZWSP>710011`
as two numbers and passed it (found December 2026). Text copied from a web page, a PDF or Word often carries them
(Word's optional hyphen is a soft hyphen). Each case is refused wherever it is typed, a real report's cell and the
workbook's name the add-in stores, and is masked without showing a digit."""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from apmon.schemas.calendar import Period
from apmon.schemas.institutions import InstitutionRegistry
from apmon.schemas.personal_data import INVISIBLE, find_personal_data, mask_all, mask_file_name
from apmon.schemas.plan import Plan
from apmon.sync.ledger import Ledger
from apmon.templates.layout import report_layout
from apmon.templates.validation import validate_file
from tests.reports import cell_of, complete_monthly, filled_report
from tests.test_addin import OFFICE_JS, PERIOD, client, client_payload, config, ledger, post, reports, server  # noqa: F401

JMBG = "1505953710011"  # born 15.05.1953, the right control digit
# What Unicode calls format characters and Excel draws as nothing: each hid a JMBG, a name or a phone number
HIDDEN = {
    "zero-width space": "\u200b",
    "soft hyphen": "\u00ad",
    "word joiner": "\u2060",
    "byte order mark": "\ufeff",
    "zero-width non-joiner": "\u200c",
    "left-to-right mark": "\u200e",
}


def _digits(text: str) -> str:
    return re.sub(r"[^0-9]", "", text)


@pytest.mark.parametrize("mark", HIDDEN.values(), ids=HIDDEN.keys())
@pytest.mark.parametrize(
    ("typed", "kind"),
    [
        ("JMBG 1505953{}710011", "jmbg"),
        ("1505953{}710011", "jmbg"),
        ("žrtva Mari{}ja Petrović", "name"),
        ("žrtva{} Marija Petrović", "name"),
        ("064{}123{}4567", "phone"),
        ("marija.petro{}vic@gmail.com", "email"),
    ],
)
def test_personal_data_with_an_invisible_character_inside_is_found_and_masked(typed: str, kind: str, mark: str) -> None:
    text = f"Napomena: {typed.format(mark, mark)}, dalje."
    hits = find_personal_data(text)
    assert [h.kind for h in hits] == [kind]
    (hit,) = hits
    found = text[hit.start : hit.end]
    assert found.replace(mark, "") == typed.format("", "").removeprefix("JMBG ").removeprefix("žrtva ")
    masked = mask_all(text)
    assert masked.startswith("Napomena: ") and masked.endswith(", dalje.")
    assert JMBG not in masked.replace(mark, "") and "Petrović" not in masked and "4567" not in _digits(masked)


def test_a_file_name_with_a_zero_width_space_inside_a_jmbg_is_masked() -> None:
    assert mask_file_name("MZ_2018-03_1505953\u200b710011.xlsx") == "MZ_2018-03_15•••••••••11.xlsx"


def test_every_format_character_is_looked_through() -> None:
    """The characters the search looks through are Unicode's format characters (category Cf), all of them: written
    out in the module (up to Unicode 15.1), checked here against the running Python's Unicode; any other it names is
    one this Python's Unicode has not assigned yet."""
    for code in range(sys.maxunicode + 1):
        category = unicodedata.category(chr(code))
        if category == "Cf":
            assert INVISIBLE.fullmatch(chr(code)), hex(code)
        elif INVISIBLE.fullmatch(chr(code)):
            assert category == "Cn", hex(code)


def test_a_jmbg_with_a_soft_hyphen_typed_in_a_report_is_refused(
    plan: Plan, registry: InstitutionRegistry, tmp_path: Path
) -> None:
    """A real report, the project's template filled: the task's progress holds a victim's JMBG that Word's optional
    hyphen split and a name with a zero-width space. Before, the report was valid, kept whole and never purged."""
    layout = report_layout(plan, registry, "MZ", Period.parse(PERIOD), "en")
    task = layout.sheet("tasks").rows[0].key
    typed = "Referred: žrtva Mari\u200bja Petrović, JMBG 150595\u00ad3710011."
    edits = {**complete_monthly(layout), ("tasks", task, "progress"): typed}
    path, _ = filled_report(plan, registry, tmp_path, "MZ", PERIOD, edits)
    result = validate_file(path, plan, registry, "en")
    sheet, cell = cell_of(layout, "tasks", task, "progress")
    assert not result.valid
    assert [(i.code, i.sheet, i.cell) for i in result.issues if i.code == "personal-data"] == [
        ("personal-data", sheet, cell),
        ("personal-data", sheet, cell),
    ]
    for issue in result.issues:
        shown = f"{issue.message} {issue.value} {issue.params}".replace("\u200b", "").replace("\u00ad", "")
        assert JMBG not in shown and "Petrović" not in shown


def test_a_workbook_named_with_a_hidden_jmbg_is_not_submitted(
    client: TestClient,  # noqa: F811
    ledger: Ledger,  # noqa: F811
    reports: dict[str, Path],  # noqa: F811
) -> None:
    """The add-in stores the workbook's name without its format characters: the name checked held
    `1505953<ZWSP>710011`, the name stored and shown in the master `1505953710011`, in a valid version never purged."""
    payload = client_payload(reports["good"], OFFICE_JS)
    payload["book"]["name"] = "MZ_mart_1505953\u200b710011.xlsx"
    response = post(client, "submit", payload)
    assert response.status_code == 200, response.text
    assert JMBG not in json.dumps(response.json(), ensure_ascii=False).replace("\\u200b", "")
    assert ledger.versions() == []
