"""The add-in server's error texts: every `{"error": "..."}` answer, in the workbook's language.

Serbian Latin and English are written here; Serbian Cyrillic is derived from the Latin text
(`latin_to_cyrillic_template`), so the two Serbian scripts cannot drift apart. Placeholders in braces are
filled by `error_text`; they hold names, numbers and codes, never words to translate.

Which language: the payload's `_apmon` sheet row `lang` once the body is read, else the request's
Accept-Language header, else Serbian Latin, the default of everything users see (`answer_lang`).
"""

from __future__ import annotations

from typing import Any

from schemas.text import LANGS, Lang, latin_to_cyrillic_template

DEFAULT_LANG: Lang = "sr-Latn"

# key: (Serbian Latin, English)
ERRORS: dict[str, tuple[str, str]] = {
    "no-token": (
        "Nema tokena: pošaljite zaglavlje 'Authorization: Bearer <token>' (podešavanje auth klijenta).",
        "No token: send the header 'Authorization: Bearer <token>' (the client's auth setting).",
    ),
    "malformed-authorization": (
        "Zaglavlje Authorization mora biti tačno jedno, oblika 'Bearer <token>'; token je iz apmon token issue.",
        "The Authorization header must be exactly one, of the form 'Bearer <token>'; the token comes from "
        "apmon token issue.",
    ),
    "unknown-token": (
        "Token je nepoznat ili opozvan; zatražite novi od Nacionalnog koordinatora.",
        "Unknown or revoked token; ask the National Coordinator for a new one.",
    ),
    "too-many-failures": (
        "Previše neuspelih pokušaja sa pogrešnim tokenom. Pokušajte ponovo za {seconds} s, sa važećim tokenom.",
        "Too many failed attempts with a wrong token. Try again in {seconds} s, with a valid token.",
    ),
    "no-such-script": (
        "Ne postoji skripta '{name}'; skripte su {scripts}.",
        "There is no script '{name}'; the scripts are {scripts}.",
    ),
    "content-length-not-a-number": (
        "Zaglavlje Content-Length nije broj.",
        "The Content-Length header is not a number.",
    ),
    "body-too-large": (
        "Radna sveska je prevelika: {size} bajtova, a granica je {limit} bajtova.",
        "The workbook is too large: {size} bytes, the limit is {limit} bytes.",
    ),
    "body-over-limit": (
        "Radna sveska je prevelika: preko granice od {limit} bajtova.",
        "The workbook is too large: over the limit of {limit} bytes.",
    ),
    "not-json": (
        "Telo zahteva nije ispravan JSON ({reason}); pošaljite zahtev klijenta xlwings.",
        "The request body is not valid JSON ({reason}); send the xlwings client's payload.",
    ),
    "json-too-deep": (
        "Telo zahteva je JSON ugnežđen preduboko; pošaljite zahtev klijenta xlwings.",
        "The request body is JSON nested too deeply; send the xlwings client's payload.",
    ),
    "payload-not-object": (
        "Zahtev mora biti JSON objekat sa client, version, book, names i sheets.",
        "The payload must be a JSON object with client, version, book, names and sheets.",
    ),
    "payload-missing": (
        "Zahtevu nedostaje: {missing}; pošaljite zahtev klijenta xlwings.",
        "The payload has no {missing}; send the xlwings client's payload.",
    ),
    "unknown-client": (
        "Nepoznat klijent '{client}'; dodatak radi sa: {clients}.",
        "Unknown client '{client}'; the add-in works with {clients}.",
    ),
    "client-version": (
        "Klijent xlwings u radnoj svesci je verzije {version}, a serveru treba {needed}: zamenite kod dodatka "
        "za {client} onim iz xlwings {needed} (vidi docs/addin.md).",
        "The workbook's xlwings client is version {version}, the server needs {needed}: replace the add-in's "
        "{client} code with the one of xlwings {needed} (see docs/addin.md).",
    ),
    "book-not-object": (
        "payload.book mora biti objekat sa imenom radne sveske.",
        "payload.book must be an object with the workbook's name.",
    ),
    "names-not-list": ("payload.names mora biti lista.", "payload.names must be a list."),
    "sheets-not-list": (
        "payload.sheets mora biti neprazna lista listova.",
        "payload.sheets must be a non-empty list of sheets.",
    ),
    "sheet-not-object": (
        "payload.sheets[{index}] mora biti objekat sa imenom.",
        "payload.sheets[{index}] must be an object with a name.",
    ),
    "values-not-rows": (
        "List '{sheet}': values mora biti lista redova.",
        "Sheet '{sheet}': values must be a list of rows.",
    ),
    "value-not-scalar": (
        "List '{sheet}': vrednost ćelije nije ni tekst, ni broj, ni logička vrednost, ni prazna.",
        "Sheet '{sheet}': a cell value is neither text, number, boolean nor null.",
    ),
    "too-many-sheets": (
        "Radna sveska ima {count} listova; jedan poziv prima najviše {limit}.",
        "The workbook has {count} sheets; one call takes at most {limit}.",
    ),
    "too-many-rows": (
        "List '{sheet}' šalje {count} redova; najviše je {limit}. Obrišite prazne ili višak redova ispod tabele "
        "(i njihovo formatiranje) i pokušajte ponovo.",
        "Sheet '{sheet}' sends {count} rows; the most is {limit}. Delete the empty or extra rows below the table "
        "(and their formatting) and try again.",
    ),
    "too-many-columns": (
        "List '{sheet}' šalje {count} kolona; najviše je {limit}. Obrišite višak kolona desno od tabele "
        "(i njihovo formatiranje) i pokušajte ponovo.",
        "Sheet '{sheet}' sends {count} columns; the most is {limit}. Delete the extra columns right of the table "
        "(and their formatting) and try again.",
    ),
    "too-many-cells": (
        "Radna sveska šalje {count} ćelija; jedan poziv prima najviše {limit}. Obrišite prazne ili višak redova "
        "i kolona (i njihovo formatiranje) i pokušajte ponovo.",
        "The workbook sends {count} cells; one call takes at most {limit}. Delete the empty or extra rows and "
        "columns (and their formatting) and try again.",
    ),
    "not-a-workbook": (
        "Zahtev se ne može pročitati kao radna sveska ({reason}).",
        "The payload cannot be read as a workbook ({reason}).",
    ),
    "wrong-institution": (
        "Ova radna sveska je izveštaj institucije {institution}; token institucije {holder} sme da proveri i "
        "dostavi samo svoje izveštaje.",
        "This workbook is the report of {institution}; the token of {holder} may validate and submit only its "
        "own reports.",
    ),
    "duplicate-sheet": (
        "Zahtev ima dva lista pod imenom '{sheet}'; pošaljite zahtev klijenta xlwings.",
        "The payload has two sheets named '{sheet}'; send the xlwings client's payload.",
    ),
    "coordinator-only": (
        "Za objedinjavanje je potreban token Nacionalnog koordinatora.",
        "Consolidate needs the National Coordinator's token.",
    ),
    "ledger-unavailable": (
        "Evidencija (ledger) trenutno nije dostupna; pokušajte ponovo malo kasnije. Server beleži detalje.",
        "The ledger cannot be used right now; try again a little later. The server log has the details.",
    ),
    "script-failed": (
        "{name} nije uspelo na serveru ({kind}); detalji su u zapisniku servera.",
        "{name} failed on the server ({kind}); the server log has the details.",
    ),
    "not-found": (
        "Ovde nema ničega; dugmad pozivaju POST /xlwings/custom-scripts-call/validate, submit ili consolidate.",
        "There is nothing here; the buttons call POST /xlwings/custom-scripts-call/validate, submit or consolidate.",
    ),
    "method-not-allowed": (
        "Ova adresa ne prima ovu vrstu zahteva; dugmad šalju POST.",
        "This address does not take this kind of request; the buttons send POST.",
    ),
    "http-error": ("Zahtev je odbijen (HTTP {code}).", "The request was refused (HTTP {code})."),
    "server-failed": (
        "Greška na serveru ({kind}); detalji su u zapisniku servera.",
        "The server failed ({kind}); the server log has the details.",
    ),
}


def error_text(key: str, lang: Lang, **fields: Any) -> str:
    """The error `key` in `lang`, its placeholders filled."""
    latin, english = ERRORS[key]
    template = english if lang == "en" else latin_to_cyrillic_template(latin) if lang == "sr-Cyrl" else latin
    return template.format(**fields)


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
