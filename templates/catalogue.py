"""Issue messages by code, from either catalogue (the rules in schemas.messages, the file problems in
templates.sniff), in the reader's language. Pure: consolidation uses it without loading any file library."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from schemas.issues import Issue
from schemas.messages import RULES, message
from schemas.text import Lang, latin_to_cyrillic_template
from templates.sniff import MESSAGES as FILE_MESSAGES


def stored_message(found: Mapping[str, Any], lang: Lang) -> str:
    """A stored issue's message in `lang`, made again from its code and fields; the stored text otherwise."""
    code, params = str(found.get("code", "")), dict(found.get("params") or {})
    try:
        if code in FILE_MESSAGES:
            return file_message(code, params, lang)
        if code in RULES:
            where = {k: found.get(k) or "" for k in ("sheet", "cell")}
            return message(
                Issue(code=code, severity=RULES[code].severity, value=found.get("value"), params=params, **where), lang
            )
    except (KeyError, IndexError, ValueError):
        pass  # fields a newer or older apmon named otherwise
    return str(found.get("message", ""))


def file_message(code: str, params: Mapping[str, Any], lang: Lang) -> str:
    sr_latn, en = FILE_MESSAGES[code]
    text = {"en": en, "sr-Latn": sr_latn, "sr-Cyrl": latin_to_cyrillic_template(sr_latn)}[lang]
    return text.format(**params)
