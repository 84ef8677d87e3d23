"""`apmon sync status` is where the Coordinator starts the day, after the scheduled run of the night: a file in the
reports folder that is no one's report (saved as .xls, or not a report at all) was in no line of it. Its grid has a
row per institution and period, and such a file has neither, so the report it was meant to be showed as missing and
the file itself was never named: the Coordinator reminded an institution that had sent its report in the wrong
format instead of telling it how to save it. The status names each such file with what is wrong, while it is there."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from apmon.cli.app import app
from apmon.schemas.institutions import InstitutionRegistry
from apmon.schemas.messages import text_of
from apmon.schemas.plan import Plan
from apmon.schemas.text import Lang
from tests.make_bad_files import write_cfb
from tests.reports import complete_monthly, filled_report


def _cli(*args: str) -> str:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.parametrize("lang", ["sr-Latn", "en"])
def test_a_file_that_is_no_ones_report_is_named_by_the_status_until_it_is_gone(
    tmp_path: Path, plan: Plan, registry: InstitutionRegistry, lang: Lang
) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    _, layout = filled_report(plan, registry, tmp_path, "MUP", "2018-03", {}, name="blank.xlsx")
    filled_report(plan, registry, folder, "MUP", "2018-03", complete_monthly(layout), name="MUP mart.xlsx")
    old = folder / "MZ mart.xls"
    write_cfb(old, {"Workbook": b"\x09\x08"})  # Excel 97-2003, as "Save as" makes it
    config = tmp_path / "apmon.toml"
    config.write_text(
        f'[sync]\ndata_dir = "{tmp_path.as_posix()}"\nfolder = "{folder.as_posix()}"\n'
        f'first_period = "2018-03"\nlast_period = "2018-03"\nmaster_lang = "{lang}"\n',
        encoding="utf-8",
    )
    _cli("sync", "run", "--config", str(config))

    said = " ".join(_cli("sync", "status", "--config", str(config)).split())
    reason = " ".join(text_of("file-old-xls", lang).split())
    assert text_of("sync.status.not_reports", lang) in said
    assert f"MZ mart.xls: {reason}" in said
    assert "MUP mart.xlsx" not in said  # a report the grid shows is not named again
    listed = json.loads(_cli("sync", "status", "--json", "--config", str(config)))["not_reports"]
    assert [(f["file"], f["code"], " ".join(f["message"].split())) for f in listed] == [
        ("MZ mart.xls", "file-old-xls", reason)  # in the master's language, as the lines above (was English)
    ]

    old.unlink()  # saved again as .xlsx by the officer, or moved away by the Coordinator
    _cli("sync", "run", "--config", str(config))
    said = " ".join(_cli("sync", "status", "--config", str(config)).split())
    assert "MZ mart.xls" not in said
    assert json.loads(_cli("sync", "status", "--json", "--config", str(config)))["not_reports"] == []
