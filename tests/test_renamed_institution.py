"""An institution renamed during the plan (a reorganisation of the Government: new name, same duties, same code).

The registry keeps the names it bore before (`former_names`, each with its last day): a template of a period before
the renaming carries the name of that time, so one already handed out (and filled in, and sent late) still
validates; a template of a later period carries the new name; the master and the Coordinator's reports name the
institution as it is now and as it was then."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from apmon.schemas.calendar import Period
from apmon.schemas.institutions import InstitutionRegistry
from apmon.schemas.messages import text_of
from apmon.schemas.plan import Plan
from apmon.schemas.text import Lang
from apmon.sync.consolidate import consolidate
from apmon.sync.findings import ConsolidationSettings
from apmon.sync.ledger import Ledger
from apmon.templates.layout import report_layout
from apmon.templates.parse import parse_grid
from apmon.templates.read_xlsx import read_xlsx
from apmon.templates.xlsx import write_xlsx
from tests.test_reporting_window import line_of, refused
from tests.test_sync import Office

OLD = {"sr-Latn": "Ministarstvo kulture i informisanja", "sr-Cyrl": "Министарство културе и информисања"}
NEW = {
    "sr-Latn": "Ministarstvo kulture i medija",
    "sr-Cyrl": "Министарство културе и медија",
    "en": "Ministry of Culture and Media",
}


def _registry_data(registry: InstitutionRegistry, former: list[dict[str, Any]] | None) -> dict[str, Any]:
    """The shipped registry as its file holds it, with MKI renamed from 1 July 2018 (its former names as given)."""
    data = registry.model_dump(by_alias=True, exclude_defaults=True)
    mki = next(i for i in data["institutions"] if i["code"] == "MKI")
    mki["name"] = dict(NEW)
    if former is not None:
        mki["former_names"] = former
    return data


def _renamed(registry: InstitutionRegistry, *, with_former_name: bool = True) -> InstitutionRegistry:
    old = registry.get("MKI").name.model_dump(by_alias=True)
    former = [{"until": dt.date(2018, 6, 30), "name": old}] if with_former_name else None
    return InstitutionRegistry.model_validate(_registry_data(registry, former))


def _cover_name(path: Path) -> str:
    cover = openpyxl.load_workbook(path)[text_of("sheet.cover", "sr-Latn")]
    return str(cover["B4"].value)


def test_the_shipped_name_is_the_one_this_test_calls_old(registry: InstitutionRegistry) -> None:
    name = registry.get("MKI").name
    assert (name.sr_latn, name.sr_cyrl) == (OLD["sr-Latn"], OLD["sr-Cyrl"])


def test_a_template_handed_out_before_the_renaming_still_validates(
    plan: Plan, registry: InstitutionRegistry, tmp_path: Path
) -> None:
    """MKI's June 2018 template, built under the old name and sent late, after the registry has the new one."""
    path = tmp_path / "MKI_2018-06_sr-Latn.xlsx"
    write_xlsx(report_layout(plan, registry, "MKI", Period.parse("2018-06"), "sr-Latn"), path)
    assert _cover_name(path) == OLD["sr-Latn"]
    result = parse_grid(read_xlsx(path), plan, _renamed(registry), expected_institution="MKI")
    assert [i.code for i in result.issues] == []
    assert result.report is not None and result.report.institution == "MKI"


def test_without_its_former_name_the_registry_cannot_tell_the_old_template(
    plan: Plan, registry: InstitutionRegistry, tmp_path: Path
) -> None:
    """The name typed over with no former name kept: the templates already handed out read as outdated, which is
    why the registry keeps the former name."""
    path = tmp_path / "MKI_2018-06_sr-Latn.xlsx"
    write_xlsx(report_layout(plan, registry, "MKI", Period.parse("2018-06"), "sr-Latn"), path)
    result = parse_grid(read_xlsx(path), plan, _renamed(registry, with_former_name=False))
    assert [i.code for i in result.issues] == ["template-outdated"]


@pytest.mark.parametrize(("period", "name"), [("2018-06", OLD), ("2018-07", NEW), ("2018", NEW), ("2017", OLD)])
def test_a_template_carries_the_name_of_its_period(
    plan: Plan, registry: InstitutionRegistry, tmp_path: Path, period: str, name: dict[str, str]
) -> None:
    """Built after the renaming: July's template, and the annual one for 2018, carry the new name; June's (built
    again for an officer who lost it) and the annual one for 2017 the name the ministry bore then."""
    renamed = _renamed(registry)
    for lang in ("sr-Latn", "sr-Cyrl"):
        layout = report_layout(plan, renamed, "MKI", Period.parse(period), lang)
        path = tmp_path / f"MKI_{period}_{lang}.xlsx"
        write_xlsx(layout, path)
        cover = openpyxl.load_workbook(path)[text_of("sheet.cover", lang)]
        assert cover["B4"].value == name[lang]
        assert parse_grid(read_xlsx(path), plan, renamed).issues == []


def test_then_and_now_in_every_language(registry: InstitutionRegistry) -> None:
    """The master and the Coordinator's reports name it as it is now, and as it was until the renaming."""
    mki = _renamed(registry).get("MKI")
    start, end = dt.date(2017, 1, 1), dt.date(2018, 12, 31)
    assert mki.display_then_and_now(start, end, "sr-Latn") == (
        "Ministarstvo kulture i medija (do 30.06.2018.: Ministarstvo kulture i informisanja)"
    )
    assert mki.display_then_and_now(start, end, "sr-Cyrl") == (
        "Министарство културе и медија (до 30.06.2018.: Министарство културе и информисања)"
    )
    assert mki.display_then_and_now(start, end, "en") == (
        "Ministry of Culture and Media (until 30 Jun 2018: Ministry of Culture and Information)"
    )
    # a span that starts after the renaming knows one name; so does an institution never renamed
    assert mki.display_then_and_now(dt.date(2018, 7, 1), end, "sr-Latn") == NEW["sr-Latn"]
    assert registry.get("MUP").display_then_and_now(start, end, "en") == "Ministry of the Interior"


@pytest.mark.parametrize(
    ("former", "field", "where"),
    [
        (  # the later renaming listed first
            [
                {"until": "2018-06-30", "name": {"sr-Latn": "B", "sr-Cyrl": "Б", "en": "B"}},
                {"until": "2017-12-31", "name": {"sr-Latn": "A", "sr-Cyrl": "А", "en": "A"}},
            ],
            "institutions[11]: the former names",
            "- code: MKI",
        ),
        ([{"until": "30.06.2018.", "name": OLD | {"en": "x"}}], "institutions[11].former_names[0].until", "- until:"),
        (
            [{"until": "2018-06-30", "name": {"sr-Latn": "A"}}],
            "institutions[11].former_names[0].name.sr-Cyrl",
            "sr-Latn: A",
        ),
    ],
)
def test_a_wrong_former_name_is_refused_where_it_is(
    registry: InstitutionRegistry, tmp_path: Path, former: list[dict[str, Any]], field: str, where: str
) -> None:
    data = _registry_data(registry, former)
    assert data["institutions"][11]["code"] == "MKI"
    said, lines = refused(data, tmp_path)
    assert field in said and f"institutions.yaml:{line_of(lines, where)} " in said, said


@pytest.mark.parametrize("lang", ["sr-Latn", "en"])
def test_the_masters_overview_names_it_as_it_is_now_and_was(
    plan: Plan, registry: InstitutionRegistry, lang: Lang
) -> None:
    settings = ConsolidationSettings(
        first=Period.parse("2018-05"), last=Period.parse("2018-08"), as_of=dt.date(2018, 9, 20), lang=lang
    )
    overview = consolidate(plan, _renamed(registry), [], [], settings)[0]
    names = {row[0]: row[1] for row in overview.rows}
    then = registry.get("MKI").display(lang)
    assert names["MKI"] == text_of("institution.formerly", lang, name=NEW[lang],
                                   until=dt.date(2018, 6, 30), former=then)  # fmt: skip
    assert then in names["MKI"] and names["MUP"] == registry.get("MUP").display(lang)


def test_the_coordinators_reports_name_it_as_it_is_now_and_was(plan: Plan, registry: InstitutionRegistry) -> None:
    """The words every report of the Coordinator names an institution with (the Council report's discipline)."""
    from apmon.sync.report_writer import _Words

    words = _Words(plan, _renamed(registry), "sr-Latn")
    assert words.institution("MKI") == f"{NEW['sr-Latn']} (do 30.06.2018.: {OLD['sr-Latn']})"
    assert words.institution("MUP") == registry.get("MUP").display("sr-Latn")


def test_the_folder_named_by_its_former_name_is_still_its_own(
    plan: Plan, registry: InstitutionRegistry, tmp_path: Path
) -> None:
    """The reports folder's subfolder of MKI, named when it bore its old name (an officer's folder is not renamed
    with the ministry), stays MKI's after the renaming: a report of another institution dropped into it is refused
    (`wrong-institution`), as in any institution's folder, and MKI's own report counts."""
    renamed = _renamed(registry)
    ledger = Ledger.open(f"sqlite:///{tmp_path / 'ledger.sqlite'}")
    try:
        office = Office(tmp_path, plan, renamed, ledger)
        for code, where in (("MZ", f"{OLD['sr-Latn']}/MZ.xlsx"), ("MKI", f"{OLD['sr-Cyrl']}/mart.xlsx")):
            path = office.submit(code, "2018-03", name=Path(where).name)
            (office.folder / where).parent.mkdir(exist_ok=True)
            path.rename(office.folder / where)
        summary = office.sync()
    finally:
        ledger.close()
    assert sorted((v.file, v.institution, v.valid) for v in summary.versions) == [
        (f"{OLD['sr-Latn']}/MZ.xlsx", "MKI", False),  # the folder's institution put it there
        (f"{OLD['sr-Cyrl']}/mart.xlsx", "MKI", True),
    ]
