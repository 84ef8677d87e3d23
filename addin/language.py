"""Which language the add-in server answers in: the payload's `_apmon` sheet row `lang` once the body is
read, else the request's Accept-Language header, else Serbian Latin, the default of everything users see.
The texts themselves are in the one catalogue (schemas.messages: SERVER_ERRORS).
"""

from __future__ import annotations

from typing import Any

from apmon.schemas.text import LANGS, Lang

DEFAULT_LANG: Lang = "sr-Latn"


def accepted_lang(header: str) -> Lang | None:
    """The first language of an Accept-Language header the server speaks, by preference (q) then order.
    Plain `sr` (and sr-RS, sr-ME...) is Serbian Latin, the default script of apmon; `sr-Cyrl...` is Cyrillic."""
    ranked: list[tuple[float, int, str]] = []
    for i, part in enumerate(header.split(",")):
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        for param in params.split(";"):
            name, _, value = param.strip().partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if tag and quality > 0:
            ranked.append((-quality, i, tag.strip().lower()))
    for _, _, tag in sorted(ranked):
        if tag == "en" or tag.startswith("en-"):
            return "en"
        if tag.startswith("sr-cyrl"):
            return "sr-Cyrl"
        if tag == "sr" or tag.startswith("sr-"):
            return "sr-Latn"
    return None


def payload_lang(payload: Any, meta_sheet: str) -> Lang | None:
    """The `lang` row of the payload's metadata sheet, when the payload has a readable one."""
    sheets = payload.get("sheets") if isinstance(payload, dict) else None
    if not isinstance(sheets, list):
        return None
    for sheet in sheets:
        if isinstance(sheet, dict) and sheet.get("name") == meta_sheet and isinstance(sheet.get("values"), list):
            for row in sheet["values"]:
                if isinstance(row, list) and len(row) > 1 and row[0] == "lang" and row[1] in LANGS:
                    lang: Lang = row[1]
                    return lang
    return None
