"""Benchmark: what reading one institution's Google report costs, three ways, each one Sheets read request (Google
counts every `get` or `values:batchGet` as one read against the 60 a minute per user, whatever it returns):

- `values:batchGet`, FORMATTED_VALUE: what apmon read before (a number as its cell's format shows it);
- `values:batchGet`, UNFORMATTED_VALUE with dates as FORMATTED_STRING: what apmon reads now (after a metadata read
  of the sheets' titles and merged ranges, which the other two ways would need as well, but for grid data);
- `spreadsheets.get` with includeGridData and a `fields` mask of each cell's formattedValue, effectiveValue and
  effectiveFormat.numberFormat: estimated from the same cells as the smallest answer of that shape (Google's
  documented CellData; the fake does not serve it and no recording holds one), since an empty cell inside a row is
  still an object there.

Bytes of each answer as compact JSON and gzipped (Google answers gzip to a client that asks, as requests does).
A filled monthly report of the institution with the most rows, on the loopback fake (`tests/fake_google.py`).

    .venv/bin/python bench/google_read.py [--institution MUP]
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the tests package: the fake Google and the filled report

from gspread.utils import absolute_range_name  # noqa: E402

from apmon.schemas.calendar import Period  # noqa: E402
from apmon.templates.google_api import make_client  # noqa: E402
from apmon.templates.gsheet import create_google_template  # noqa: E402
from apmon.templates.layout import report_layout  # noqa: E402
from apmon.templates.plan_file import load_plan, load_registry  # noqa: E402


def sizes(answer: Any) -> tuple[int, int]:
    data = json.dumps(answer, ensure_ascii=False, separators=(",", ":")).encode()
    return len(data), len(gzip.compress(data))


def main() -> None:
    from tests.fake_google import FakeGoogle, service_account_file
    from tests.reports import complete_monthly

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--institution", default="MUP")
    args = parser.parse_args()
    registry = load_registry()
    plan = load_plan(None, registry)
    with FakeGoogle() as fake, tempfile.TemporaryDirectory() as tmp:
        client = make_client(service_account_file(Path(tmp)), fake.endpoints)
        layout = report_layout(plan, registry, args.institution, Period.parse("2018-03"), "sr-Latn")
        spreadsheet = create_google_template(client, layout, fake.add_folder("f"))
        data = [
            {"range": absolute_range_name(*layout.cell_of(role, key, column)), "values": [[value]]}  # type: ignore[arg-type]
            for (role, key, column), value in complete_monthly(layout).items()
        ]
        spreadsheet.values_batch_update({"valueInputOption": "USER_ENTERED", "data": data})
        ranges = [absolute_range_name(sheet.title) for sheet in fake.spreadsheets[spreadsheet.id].sheets]
        formatted = spreadsheet.values_batch_get(ranges, params={"valueRenderOption": "FORMATTED_VALUE"})
        unformatted = spreadsheet.values_batch_get(
            ranges, params={"valueRenderOption": "UNFORMATTED_VALUE", "dateTimeRenderOption": "FORMATTED_STRING"}
        )
        book = fake.spreadsheets[spreadsheet.id]
        sheets = []
        for sheet, shown, held in zip(book.sheets, formatted["valueRanges"], unformatted["valueRanges"], strict=True):
            rows = []
            for r, (shown_row, held_row) in enumerate(
                zip(shown.get("values", []), held.get("values", []), strict=True)
            ):
                cells: list[dict[str, Any]] = []
                for c, (text, value) in enumerate(zip(shown_row, held_row, strict=True)):
                    if text == "":
                        cells.append({})
                        continue
                    kind = (
                        "boolValue"
                        if isinstance(value, bool)
                        else "stringValue"
                        if isinstance(value, str)
                        else "numberValue"
                    )
                    cell: dict[str, Any] = {"formattedValue": text, "effectiveValue": {kind: value}}
                    number_format = sheet.number_format(r, c)
                    if number_format:
                        cell["effectiveFormat"] = {"numberFormat": number_format}
                    cells.append(cell)
                rows.append({"values": cells})
            sheets.append({"properties": {"title": sheet.title}, "data": [{"rowData": rows}]})
        grid_data = {"sheets": sheets}
        print(f"{args.institution} 2018-03, {len(data)} cells typed, {len(ranges)} sheets; one read request each")
        base = sizes(formatted)
        for name, answer in (
            ("values:batchGet FORMATTED_VALUE (before)", formatted),
            ("values:batchGet UNFORMATTED_VALUE + FORMATTED_STRING dates (now)", unformatted),
            ("spreadsheets.get includeGridData + fields (at least)", grid_data),
        ):
            raw, packed = sizes(answer)
            print(f"  {name}: {raw:,} bytes ({raw / base[0]:.2f}x), gzipped {packed:,} ({packed / base[1]:.2f}x)")


if __name__ == "__main__":
    main()
