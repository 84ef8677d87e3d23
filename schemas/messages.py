"""The one catalogue of what users read, in Serbian Latin and English; Serbian Cyrillic is derived by
transliteration, never typed. `text_of(key, lang, **fields)` finds any of them:

- the rules (here): every issue code with its severity, meaning, an example and its message;
  `docs/validation-rules.md` is generated from them;
- the file problems (schemas.messages_files): why a file cannot be read as a workbook;
- the labels (schemas.messages_labels): every label of a template and of the Coordinator's master;
- the add-in's texts and its server's errors (schemas.messages_addin);
- the words of the Coordinator's reports, and the months (schemas.messages_reports);
- the e-mails' texts (schemas.messages_mail);
- the errors of the library that reach a user (schemas.messages_errors).

A key is defined once across all of them (checked when the catalogue is first used).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from decimal import Decimal
from functools import cache
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

from apmon.schemas.dates import said_if_date, said_if_month
from apmon.schemas.issues import Issue, Severity
from apmon.schemas.messages_addin import ADDIN_TEXTS, APPS_SCRIPT_TEXTS, OFFICE_TEXTS, PLURALS, SERVER_ERRORS
from apmon.schemas.messages_cli import CLI_TEXTS
from apmon.schemas.messages_errors import ERROR_TEXTS
from apmon.schemas.messages_files import FILE_PROBLEMS
from apmon.schemas.messages_labels import INSTRUCTION_KEYS, LABELS
from apmon.schemas.messages_mail import MAIL_TEXTS
from apmon.schemas.messages_reports import CALENDAR_WORDS, REPORT_TEXTS
from apmon.schemas.text import Lang, fill, latin_to_cyrillic_template, slash_words_latin, slash_words_latin_now

__all__ = [
    "ADDIN_TEXTS",
    "FILE_PROBLEMS",
    "INSTRUCTION_KEYS",
    "LABELS",
    "MASTER_AUTHOR",
    "PLURALS",
    "RULES",
    "SERVER_ERRORS",
    "SYNC_ISSUER",
    "all_variants",
    "author_said",
    "author_stored",
    "counted",
    "grouped",
    "is_marker_name",
    "issuer_said",
    "issuer_stored",
    "plural_form",
    "stored_message",
    "text_of",
]


class Rule(BaseModel):
    model_config = ConfigDict(frozen=True)

    code: str
    severity: Severity
    meaning: str
    example: str
    sr_latn: str
    en: str

    def message(self, lang: Lang) -> str:
        return variant(self.code, lang)


RULES: dict[str, Rule] = {}


def rule(code: str, severity: Severity, meaning: str, example: str, sr_latn: str, en: str) -> None:
    RULES[code] = Rule(code=code, severity=severity, meaning=meaning, example=example, sr_latn=sr_latn, en=en)


def issue(code: str, sheet: str = "", cell: str = "", value: Any = None, **params: Any) -> Issue:
    """An Issue of catalogue rule `code`, with the rule's severity."""
    shown = None if value is None else str(value)
    return Issue(code=code, severity=RULES[code].severity, sheet=sheet, cell=cell, value=shown, params=params)


def message(found: Issue, lang: Lang) -> str:
    """The issue's message in `lang`, with its fields filled in."""
    fields = {"value": found.value or "", "cell": found.cell, "sheet": found.sheet, **found.params}
    # Fields that hold a code, in the reader's words: the kind of personal data, a document property and the part of
    # a sheet that holds it (a label's key, or words shown as they are: JMBG, a custom property's name), a task's
    # status, a task or an activity.
    for field, prefix in (("kind", "personal."), ("property", "property."), ("part", "place."), ("how", "remove.")):
        key = str(fields.get(field, ""))
        if key.startswith(prefix) and key in catalogue():
            fields[field] = variant(key, lang)
    for field, prefix in (("status", "status."), ("what", "issue.what.")):
        if field in fields and (key := f"{prefix}{fields[field]}") in catalogue():
            fields[field] = variant(key, lang)
    for field in ("number", "cents"):  # a number's decimal point as the reader writes it: 12,345 in Serbian
        if field in fields and lang != "en":
            fields[field] = str(fields[field]).replace(".", ",")
    for field in DATE_FIELDS.get(found.code, ()):  # kept as ISO (2018-04-05): said as the reader writes a date
        fields[field] = said_if_date(fields.get(field), lang)
    for field in MONTH_FIELDS.get(found.code, ()):  # kept as ISO (2018-04): said as the reader names a month
        genitive = field in GENITIVE_MONTH_FIELDS.get(found.code, ())
        fields[field] = said_if_month(fields.get(field), lang, genitive=genitive)
    if lang == "en":  # amounts the rules quote as Serbian writes them, 5.000,00: as an English reader does
        for field in MONEY_FIELDS.get(found.code, ()):
            shown = str(fields.get(field, ""))
            if _SERBIAN_MONEY.fullmatch(shown):
                fields[field] = shown.translate(str.maketrans(".,", ",."))
    # One cell's own advice where the rule's would mislead (`advice` names it: RULE_ADVICE), same code and fields
    advised = f"{found.code}.{found.params.get('advice')}"
    return fill(variant(advised if advised in RULE_ADVICE else found.code, lang), fields)


# The fields of a rule's message that hold an amount (schemas.rules writes them 5.000,00)
MONEY_FIELDS: dict[str, tuple[str, ...]] = {
    "amount-negative": ("value",),
    "spent-period-over-year": ("value", "year_total"),
    "spent-year-missing": ("value",),
    "spent-over-planned": ("value", "planned"),
    "spent-on-line-without-currency": ("value",),
    "cumulative-spending-decreased": ("value", "previous"),
    "month-spending-above-annual": ("value", "annual"),
    "spending-above-later-month": ("value", "later"),
    "annual-spending-below-months": ("value", "months"),
    "budget-line-spent-twice": ("value",),
    "budget-line-over-plan-total": ("value", "total", "planned"),
    "spent-year-repeats-predecessor": ("value", "successor_figure", "predecessor_figure", "own", "repeated"),
}
# The fields of a rule's message that hold a day, as ISO (schemas.rules); the value itself only where the rule
# quotes a real date cell (a typed text that looks like 2018-04-05 is quoted as typed), or any cell's value
# (values.as_shown keeps a date cell's value as ISO: an English reader takes 01.10.2018 for 10 January).
DATE_FIELDS: dict[str, tuple[str, ...]] = {
    "period-not-over": ("end", "day"),
    "report-date-in-future": ("value", "day"),
    "report-date-before-period-end": ("value", "end"),
    "report-date-impossible": ("value",),
    "completed-before-start": ("start",),
    "task-overdue": ("deadline",),
    "number-is-a-date": ("value",),
    "value-in-hidden-cell": ("value",),
    "choice-not-in-list": ("value",),
}
# The fields of a rule's message that hold a period, as ISO (2018-04, or a year); a month is said in words.
MONTH_FIELDS: dict[str, tuple[str, ...]] = {
    "period-not-over": ("value",),
    "wrong-period": ("value", "expected"),
    "report-date-before-period-end": ("period",),
    "report-date-impossible": ("period",),
    "file-name-period": ("named", "period"),
    "period-outside-plan": ("value", "first", "last"),
    "report-of-earlier-plan": ("period", "start"),
    "spent-year-repeats-predecessor": ("first", "since"),
    "cumulative-spending-decreased": ("month",),  # "izveštaj za februar 2018."
    "annual-spending-below-months": ("month",),
    "spending-above-later-month": ("month",),
}
# Of those, the months said after a preposition that takes the genitive: "od marta 2018. do decembra 2018.".
GENITIVE_MONTH_FIELDS: dict[str, tuple[str, ...]] = {
    "period-outside-plan": ("first", "last"),
    "report-of-earlier-plan": ("start",),
    "spent-year-repeats-predecessor": ("first", "since"),  # "od jula 2018.", "od juna 2018."
}
_SERBIAN_MONEY = re.compile(r"-?\d{1,3}(?:\.\d{3})*,\d{2}")


# A rule's message where one cell needs other advice than the rule's; the issue's code stays the rule's.
RULE_ADVICE: dict[str, tuple[str, str]] = {
    # A successor's figure larger than the old ministry's: it holds it and the successor's own months.
    "spent-year-repeats-predecessor.contains": (
        "Stavka {line}: od {first} {successor} upisuje samo svoj utrošak od tog meseca, a iznos institucije "
        "{predecessor} obuhvata mesece pre toga; Koordinator ih sabira. Iznos institucije {successor} "
        "({successor_figure}) sadrži iznos institucije {predecessor} ({predecessor_figure}): veći je od njega bar "
        "za ono što {successor} daje kao utrošeno u svojim mesecima ({own}). U izveštaju institucije {successor} "
        "upišite samo ono što je utrošeno od {first} ({own}, ako su mesečni iznosi tačni).",
        "Line {line}: from {first} {successor} gives only what it spent from that month, and {predecessor}'s figure "
        "covers the months before; the Coordinator adds the two. {successor}'s figure ({successor_figure}) holds "
        "{predecessor}'s ({predecessor_figure}): it is at least that plus what {successor} gives as spent in its own "
        "months ({own}). In {successor}'s report enter only what was spent from {first} ({own}, if the monthly "
        "figures are right).",
    ),
    # A successor's figure that holds the old ministry's last months too, which the old ministry gave itself.
    "spent-year-repeats-predecessor.part": (
        "Stavka {line}: od {first} {successor} upisuje samo svoj utrošak od tog meseca, a iznos institucije "
        "{predecessor} obuhvata mesece pre toga; Koordinator ih sabira. Iznos institucije {successor} "
        "({successor_figure}) sadrži i utrošak institucije {predecessor} od {since} ({repeated}), koji daje i "
        "izveštaj institucije {predecessor}: Koordinator ga računa jednom, u delu institucije {predecessor}. U "
        "izveštaju institucije {successor} upišite samo ono što je utrošeno od {first} ({own}, ako su mesečni iznosi "
        "tačni).",
        "Line {line}: from {first} {successor} gives only what it spent from that month, and {predecessor}'s figure "
        "covers the months before; the Coordinator adds the two. {successor}'s figure ({successor_figure}) also "
        "holds what {predecessor} spent from {since} ({repeated}), which {predecessor}'s own report gives: the "
        "Coordinator counts it once, in {predecessor}'s part. In {successor}'s report enter only what was spent from "
        "{first} ({own}, if the monthly figures are right).",
    ),
    # An officer's own phone or e-mail typed with her name in Prepared by: the office one belongs in Contact.
    "personal-data.move-to-contact": (
        "Tekst sadrži lični podatak ({kind}: {value}). U ćeliju „Izveštaj pripremio/la“ upišite samo ime i prezime; "
        "službeni telefon ili e-adresu premestite u ćeliju Kontakt ({contact}), a lični ne upisujte.",
        "The text holds personal data ({kind}: {value}). Type only the name in 'Prepared by'; move an office phone "
        "or e-mail to the Contact cell ({contact}), and leave a personal one out.",
    ),
    # A picture placed in a cell (Excel 365's Place in Cell): the Selection Pane does not list it; its cell does.
    "personal-data-unreadable-picture.in-cell": (
        "Slika u ćeliji {cell} na listu „{sheet}“ ne može da se pročita, a slika može da sadrži lične podatke (sken "
        "lične karte, fotografiju). Zato izveštaj ne sme da ima nijednu sliku, ni logotip ministarstva (naziv "
        "institucije već je na naslovnoj strani). Slika je postavljena u samu ćeliju: izaberite ćeliju {cell} na "
        "listu „{sheet}“ i pritisnite taster Delete, sačuvajte datoteku i pošaljite je ponovo.",
        "The picture in cell {cell} on sheet '{sheet}' cannot be read and may hold personal data (a scan of an "
        "identity card, a photograph). So a report may hold no picture at all, not even the ministry's logo (the "
        "cover names the institution already). The picture is placed in the cell itself: select cell {cell} on "
        "sheet '{sheet}' and press Delete, save the file and send it again.",
    ),
    # A locked cell the template left empty, typed into (a breakdown by sex where the indicator asks for the total
    # alone): "it held „“" asked to put back nothing.
    "locked-cell-changed.stays-empty": (
        "Ćelija {cell} je zaključana i ostaje prazna, a u njoj je upisano „{value}“. Obrišite to (taster Delete); "
        "podatak koji treba da ostane upišite u belo polje istog reda.",
        "Cell {cell} is locked and stays empty, but it holds '{value}'. Delete that (the Delete key); type data "
        "that should stay in a white cell of the same row.",
    ),
    # The cover's period or institution typed over to reuse a filled file: put back, the file would count as the
    # report of that period with another month's data.
    "locked-cell-changed.made-for": (
        "Ovaj obrazac je napravljen za „{expected}“ i ta ćelija ne može da se menja (upisano je „{value}“). Ako je "
        "ovo izveštaj za „{expected}“, vratite „{expected}“. Ako je izveštaj za drugi period ili drugu instituciju, "
        "ne vraćajte staru vrednost, jer bi se podaci računali kao izveštaj za „{expected}“: zatražite od "
        "Nacionalnog koordinatora obrazac za taj period i instituciju i prepišite podatke u njega.",
        "This template was made for '{expected}' and this cell cannot be changed (it holds '{value}'). If this is "
        "the report for '{expected}', put '{expected}' back. If it is the report for another period or "
        "institution, do not put the old value back, since the data would count as the report for '{expected}': "
        "ask the National Coordinator for the template of that period and institution and copy the data into it.",
    ),
    # A merged cell below the first that still holds a value of its own (Format Painter over filled cells,
    # LibreOffice's "keep contents of hidden cells"): it is read, though the first cell's value shows over it.
    "cells-merged.value-hidden": (
        "Ćelija {cell} je spojena sa drugim ćelijama ({value}). Na ekranu je prikazana vrednost prve ćelije ({first}), "
        "a čita se vrednost koja je ostala skrivena u ćeliji {cell}. Razdvojite ćelije (Excel: Početak > Objedini i "
        "centriraj; Google tabele: Format > Objedini ćelije > Razdvoji), proverite vrednost u svakoj ćeliji i ispravite je gde treba.",
        "The cell {cell} is merged with other cells ({value}). The screen shows the value of the first cell "
        "({first}), but the value still hidden in {cell} is what is read. Unmerge the cells (Excel: Home > Merge & Center; "
        "Google Sheets: Format > Merge cells > Unmerge), check the value in each cell and correct it where needed.",
    ),
}


MAX_ISSUES = 500  # per report: far above a real report's problems, far below what junk rows could produce


def bounded(issues: list[Issue], limit: int = MAX_ISSUES) -> list[Issue]:
    """The first `limit` issues, and one more that counts the rest (an error when any of them is one), so a
    flood of junk rows cannot fill the ledger, the master or the Issues sheet."""
    if len(issues) <= limit:
        return issues
    rest = issues[limit:]
    severity: Severity = "error" if any(i.severity == "error" for i in rest) else "warning"
    more = Issue(code="more-issues", severity=severity, params={"count": len(rest)})
    return [*issues[:limit], more]


# --- structure ---------------------------------------------------------------

rule(
    "more-issues", "error",
    "The report has more problems than are listed (at most 500 per report); it counts the rest. An error when "
    "any of the rest is one.",
    "1,000,000 rows of junk",
    "Nisu navedeni svi problemi, ima ih još: {count}. Ispravite navedene (ili preuzmite nov obrazac, ako je "
    "popunjen nečim drugim) i proverite ponovo.",
    "There are {count} more problems, not listed. Fix the ones listed (or download a new template, if this one "
    "was filled with something else) and check again.",
)  # fmt: skip
rule(
    "not-an-apmon-template", "error",
    "The workbook has no apmon metadata sheet: it was not made from an apmon template.",
    "a blank workbook, or a report typed into a copy of another file",
    "Ova datoteka nije apmon obrazac izveštaja. Preuzmite obrazac za svoju instituciju i period i popunite njega.",
    "This file is not an apmon report template. Download the template for your institution and period and fill that in.",
)  # fmt: skip
rule(
    "unknown-template-version", "error",
    "The template was made by a version of apmon this one cannot read.",
    "template_version 9",
    "Obrazac je verzije {value}, koju ovaj sistem ne prepoznaje. Preuzmite nov obrazac.",
    "The template is version {value}, which this system does not know. Download a new template.",
)  # fmt: skip
rule(
    "metadata-invalid", "error",
    "The hidden metadata sheet was changed: a field is missing or holds an impossible value.",
    "institution XYZ, period 2018-13",
    "Skriveni list sa podacima o obrascu je izmenjen (polje {field}: „{value}“). Preuzmite nov obrazac.",
    "The template's hidden information sheet was changed (field {field}: '{value}'). Download a new template.",
)  # fmt: skip
rule(
    "institution-not-in-registry", "error",
    "The template's institution (its hidden metadata sheet's code) is not in the registry of institutions the report "
    "is checked with: taken out of it (`apmon institution remove`, or by hand) after the template was built, or not "
    "added to it yet. Nothing in the file is wrong; the Coordinator adds the institution (`apmon institution add`) "
    "or checks which registry is in use (`apmon institution list`). A value that cannot be a code at all is "
    "metadata-invalid.",
    "KITE's template built before `apmon institution remove KITE`",
    "Institucija {value}, za koju je napravljen ovaj obrazac, nije u registru institucija Nacionalnog "
    "koordinatora, pa izveštaj ne može da se primi. Ne menjajte obrazac: javite se Nacionalnom koordinatoru. "
    "Koordinator proverava registar komandom `apmon institution list` i dodaje instituciju komandom "
    "`apmon institution add`.",
    "The institution {value}, which this template was made for, is not in the National Coordinator's registry of "
    "institutions, so the report cannot be taken. Do not change the template: contact the National Coordinator. "
    "The Coordinator checks the registry with `apmon institution list` and adds the institution with "
    "`apmon institution add`.",
)  # fmt: skip
rule(
    "metadata-ambiguous", "error",
    "The hidden metadata sheet is ambiguous: a key twice, a key with stray spaces, or more than one metadata "
    "sheet. Whose report it is cannot be decided, so it is refused.",
    "two 'institution' rows",
    "Skriveni list sa podacima o obrascu je izmenjen i nije jednoznačan ({what}). Ne može se utvrditi čiji je "
    "izveštaj: preuzmite nov obrazac i unesite podatke u njega.",
    "The template's hidden information sheet was changed and is ambiguous ({what}). Whose report this is cannot "
    "be decided: download a new template and fill it in.",
)  # fmt: skip
rule(
    "plan-mismatch", "error",
    "The template was built for another Action Plan than the one being monitored.",
    "plan ap-2019-2020 in a 2017-2018 ledger",
    "Obrazac je napravljen za akcioni plan {value}, a prati se plan {expected}. Preuzmite obrazac za važeći plan.",
    "The template was made for Action Plan {value}, but plan {expected} is being monitored. "
    "Download the template for the current plan.",
)  # fmt: skip
rule(
    "report-of-earlier-plan", "error",
    "A report of a period before the monitored plan starts, made from the template of the plan in force then: "
    "it cannot be counted under the plan now monitored.",
    "the 2018 annual report of plan ap-2017-2018 sent once plan ap-2019-2020 is monitored",
    "Izveštaj za {period} je po akcionom planu {value}, a sada se prati plan {expected} (od {start}). Ne "
    "prenosite ga u obrazac novog plana: javite Nacionalnom koordinatoru da ga evidentira uz plan {value}.",
    "The report for {period} follows Action Plan {value}, but plan {expected} is monitored now (from {start}). Do "
    "not copy it into a template of the new plan: ask the National Coordinator to record it under plan {value}.",
)  # fmt: skip
rule(
    "period-outside-plan", "error",
    "The report's period is before the Action Plan its template was built from starts.",
    "a template of plan ap-2019-2020 set to 2018-12",
    "Obrazac je napravljen za period {value}, a akcioni plan {plan} važi od {first} do {last}. Preuzmite obrazac "
    "za {value} plana koji tada važi i prenesite unete podatke.",
    "The template was made for {value}, but Action Plan {plan} runs from {first} to {last}. Download the "
    "template for {value} of the plan in force then and copy your entries into it.",
)  # fmt: skip
rule(
    "template-outdated", "error",
    "The plan's data changed after the template was built, so its locked cells no longer match the plan.",
    "a task text corrected in the plan after templates were sent",
    "Obrazac je napravljen pre poslednje izmene akcionog plana. Preuzmite nov obrazac i prenesite unete podatke.",
    "This template was made before the Action Plan last changed. Download a new template and copy your entries into it.",
)  # fmt: skip
rule(
    "wrong-institution", "error",
    "The report belongs to another institution than the one it was received from or for.",
    "an MUP report in the MZ folder",
    "Ovo je izveštaj institucije {value}, a ovde se očekuje izveštaj institucije {expected}. Ovde pošaljite "
    "izveštaj institucije {expected}; izveštaj institucije {value} šalje se na njeno mesto (u njenu fasciklu).",
    "This is a report of {value}, but a report of {expected} is expected here. Send the report of {expected} "
    "here; a report of {value} goes to its own place (its folder).",
)  # fmt: skip
rule(
    "wrong-period", "error",
    "The report is for another period than the one expected.",
    "a 2018-02 report submitted as 2018-03",
    "Ovo je izveštaj za period {value}, a očekuje se period {expected}. Pošaljite izveštaj za {expected}, "
    "popunjen u obrascu za taj period.",
    "This report is for {value}, but the period {expected} is expected. Send the report for {expected}, filled "
    "in the template for that period.",
)  # fmt: skip
rule(
    "sheet-missing", "error",
    "A sheet of the template is missing or was renamed.",
    "the Budget sheet deleted",
    "Nedostaje list „{expected}“. Ne brišite i ne preimenujte listove obrasca.",
    "The sheet '{expected}' is missing. Do not delete or rename the template's sheets.",
)  # fmt: skip
rule(
    "sheet-renamed", "error",
    "A sheet of the template has another name (the one sheet with its headers): it is not read until it has its "
    "name back.",
    "the Tasks sheet renamed 'Tasks March 2018'",
    "List „{value}“ je list „{expected}“ pod drugim imenom i ne čita se. Vratite mu ime „{expected}“ (desni klik "
    "na karticu lista > Preimenuj), pa proverite ponovo.",
    "The sheet '{value}' is the sheet '{expected}' under another name and is not read. Give it back its name "
    "'{expected}' (right-click the sheet tab > Rename), then check again.",
)  # fmt: skip
rule(
    "sheet-copied", "warning",
    "The workbook has a copy of a template's sheet (its headers under another name): the copy is not read.",
    "the Tasks sheet copied as 'Tasks (2)' and filled in there",
    "List „{value}“ je kopija lista „{expected}“ i ne čita se. Ono što ste na njemu uneli prenesite na list "
    "„{expected}“, pa ga obrišite.",
    "The sheet '{value}' is a copy of the sheet '{expected}' and is not read. Copy what you typed on it to the "
    "sheet '{expected}', then delete it.",
)  # fmt: skip
rule(
    "locked-cell-changed", "error",
    "A locked cell (from the plan, or a header) no longer holds what the template put there. Where the template "
    "left it empty (a breakdown by sex an indicator does not ask for), the message says to delete what was typed; "
    "on the cover's period or institution, to put it back only if the report is that one's, and else to ask for "
    "the right template (put back, a file reused for another month would count as this period's report).",
    "a planned amount edited after unprotecting the sheet (the plan's texts are not compared: a text import "
    "changes them)",
    "Zaključano polje je izmenjeno: bilo je „{expected}“, sada je „{value}“. Vratite prvobitnu vrednost.",
    "A locked cell was changed: it held '{expected}', now '{value}'. Put the original value back.",
)  # fmt: skip
rule(
    "row-deleted", "error",
    "A row of the template (a task, budget line or indicator) was deleted. (A row of the Problems sheet's numbered "
    "list is a place for a problem: deleting one loses nothing.)",
    "the row of task 1.2.3 deleted",
    "Red za {key} je obrisan. Vratite ga: kopirajte taj red iz praznog obrasca za isti period i umetnite ga na isto "
    "mesto (ili poništite brisanje), pa ponovo upišite njegove podatke.",
    "The row for {key} was deleted. Put it back: copy that row from the blank template of the same period and insert "
    "it in the same place (or undo the deletion), then type its data again.",
)  # fmt: skip
rule(
    "row-inserted", "error",
    "A row that is not in the template was inserted among the template's rows (a task's progress gone on in a row "
    "of its own, or a task typed in): it is not read.",
    "an extra task row typed in",
    "Red {value} nije deo obrasca i ne čita se. Prenesite ono što u njemu treba da ostane u red na koji se odnosi (u "
    "istu ćeliju može više rečenica), pa ovaj red obrišite.",
    "Row '{value}' is not part of the template and is not read. Move what should stay of it into the row it belongs "
    "to (one cell can hold several sentences), then delete this row.",
)  # fmt: skip
rule(
    "problem-row-outside", "error",
    "A problem typed in a row that is not one of the Problems sheet's numbered rows (below them, or in a row "
    "inserted among them): it is not read.",
    "a 31st problem typed below the 30 rows",
    "Red {value} nije red liste problema i ne čita se. Prenesite ono što je u njemu u prazan red "
    "liste (srodni problemi mogu u isti red), pa ovaj red obrišite.",
    "Row {value} is not a row of the list of problems and is not read. Move what it holds to an empty row of "
    "the list (related problems can share a row), then delete this row.",
)  # fmt: skip
rule(
    "column-inserted", "error",
    "A column that is not in the template was inserted among the template's columns. The entries are read where "
    "their headers are now.",
    "a Note column inserted before Progress",
    "Kolona „{value}“ nije deo obrasca. Obrišite kolonu; kolone obrasca ne smeju da se dodaju, brišu ni premeštaju.",
    "The column '{value}' is not part of the template. Delete the column; the template's columns may not be added, "
    "deleted or moved.",
)  # fmt: skip
rule(
    "cells-merged", "error",
    "An input cell is inside merged cells, on a row below their first: the spreadsheet keeps only the first cell's "
    "value, so this one is read empty while the merged value shows over it. Where the cell still holds a value of its "
    "own (Format Painter over filled cells, LibreOffice keeping hidden cells' contents), that hidden value is read, "
    "and the message says so. Cells merged along one row are one wide cell of that row (its other cells read empty, "
    "as they look). Read from an xlsx file, from the add-in's clients, and from a Google Sheet by the sync (its "
    "metadata read lists the merges).",
    "the status cells of two tasks merged (E4:E5) to give both one status",
    "Ćelija {cell} je spojena sa drugim ćelijama ({value}), pa se čita kao prazna: spojene ćelije čuvaju samo "
    "vrednost prve ćelije ({first}). Razdvojite ćelije (Excel: Početak > Objedini i centriraj; Google tabele: Format > "
    "Objedini ćelije > Razdvoji) i upišite vrednost u svaku ćeliju posebno.",
    "The cell {cell} is merged with other cells ({value}), so it is read as empty: merged cells keep only the value "
    "of the first cell ({first}). Unmerge the cells (Excel: Home > Merge & Center; Google Sheets: Format > Merge cells > "
    "Unmerge) and type the value into each cell.",
)  # fmt: skip
rule(
    "row-moved", "warning",
    "The template's rows are in another order than the template put them (sorted, or cut and pasted). One issue "
    "for the sheet, at the first moved row. A warning: every row is read by its id, so nothing is lost (Excel's "
    "A to Z sort puts 5.2.i10 before 5.2.i2, so sorting again cannot give the template's order back).",
    "rows sorted by status",
    "Redovi ovog lista nisu u redosledu iz obrasca (premeštenih redova: {count}; prvi je red za {key}, koji je u "
    "obrascu u redu {expected}), na primer posle sortiranja. Svaki red se čita po oznaci u koloni A, pa redosled ne "
    "morate da vraćate i izveštaj može da se dostavi. Proverite samo da je u svakom redu ostalo ono što ste upisali "
    "za njegovu oznaku.",
    "The rows of this sheet are not in the template's order ({count} moved; the first is the row for {key}, on row "
    "{expected} in the template), for example after sorting. Each row is read by its id in column A, so you need not "
    "put the order back and the report can be submitted. Check only that each row still holds what you typed for "
    "its id.",
)  # fmt: skip
rule(
    "row-duplicated", "error",
    "A template row appears twice.",
    "the row of task 1.2.3 copied below itself",
    "Red za {key} se pojavljuje više puta. Ostavite samo jedan.",
    "The row for {key} appears more than once. Keep only one.",
)  # fmt: skip

# --- cell values -------------------------------------------------------------

rule(
    "excel-error", "error",
    "An input cell holds an Excel error value (#REF!, #VALUE!, #DIV/0!, #N/A, #NAME?...).",
    "#DIV/0! in Spent this period",
    "Polje sadrži grešku programa Excel ({value}). Upišite vrednost umesto formule koja daje grešku.",
    "The cell holds an Excel error ({value}). Type a value instead of the formula that gives the error.",
)  # fmt: skip
rule(
    "amount-not-a-number", "error",
    "An amount is not a number: words; a sign other than a minus before the number or parentheses around it (a "
    "trailing minus, 1.234,50-, is refused, never read as a plus); or a space between digits that does not separate "
    "groups of thousands (12 5 is refused, never read as 125; 1 234 567,89 is read). A currency before or after the "
    "number, with or without one full stop, is read: 5.000 din., 5.000 RSD., 5.000 evra.",
    "'about 100 thousand', '1.234,50-' or '12 5'",
    "Iznos „{value}“ nije broj. Upišite samo broj, npr. 79300 ili 79.300,50 (0 ako ništa nije utrošeno). Minus se "
    "piše ispred broja: -79300.",
    "The amount '{value}' is not a number. Type a number only, e.g. 79300 or 79300.50 (0 if nothing was spent). A "
    "minus goes before the number: -79300.",
)  # fmt: skip
rule(
    "formula-not-calculated", "error",
    "A formula typed into an amount or a count: the report's input cells are text, so the spreadsheet keeps the "
    "formula as typed and calculates nothing. Also a formula in a file saved without its result (by a script), or "
    "in a file that asks Excel to calculate again on opening, whose stored result may differ from what Excel shows.",
    "'=100+200' in Spent this period",
    "U polju je formula „{value}“, a formule se u poljima izveštaja ne izračunavaju. Upišite sam broj (npr. 300), "
    "bez znaka =.",
    "The cell holds the formula '{value}', and formulas are not calculated in the report's cells. Type the number "
    "itself (e.g. 300), without the = sign.",
)  # fmt: skip
rule(
    "number-direction-controls", "error",
    "An amount or a count typed with the invisible characters that turn a text right to left, so that its digits "
    "show in another order than they are read: a right-to-left embedding, override or isolate, or a first-strong "
    "isolate (U+202B, U+202E, U+2067, U+2068: 0051 after U+202E shows as 1500), or a right-to-left mark (U+200F, "
    "U+061C) before digits in groups (100 000 900 shows as 900 000 100). The left-to-right ones (U+202A, U+202C, "
    "U+202D, U+2066, U+2069, U+200E), which Outlook and Teams wrap a copied number in, show it as typed: read.",
    "U+202E then 0051 in Spent this period (shows 1500)",
    "Broj u polju sadrži nevidljive znakove koji menjaju smer teksta, pa se njegove cifre vide drugim redom od onog "
    "kojim su upisane (npr. 0051 je prikazano kao 1500). Obrišite sadržaj polja i ponovo upišite samo broj.",
    "The number in the cell holds invisible characters that turn the text's direction, so its digits show in "
    "another order than they were typed in (0051 shows as 1500, say). Clear the cell and type the number again.",
)  # fmt: skip
rule(
    "number-right-to-left", "error",
    "An amount or a count typed as text with its digits in groups (100 000 900) in a cell whose text direction is "
    "set right to left (Format Cells > Alignment > Text direction: Right-to-Left; readingOrder 2 in the file): Excel "
    "shows the groups last first (900 000 100), with no invisible character in the cell. LibreOffice keeps the "
    "setting but shows the digits as typed, so a report checked there shows otherwise in Excel. A number the cell "
    "holds as a number (shown by its format), a number of one group (79.300, 1.234,50) and groups joined by single "
    "no-break spaces (as pasted from Word or a web page) show as typed: read.",
    "'100 000 900' in Spent this period set to read right to left (shows 900 000 100)",
    "Polje je podešeno da se čita zdesna nalevo, pa se grupe cifara broja „{value}“ vide obrnutim redom (npr. "
    "100 000 900 kao 900 000 100). Izaberite polje, u Oblikovanje ćelija > Poravnavanje > Smer teksta izaberite "
    "„Kontekst“ i proverite broj, ili ga upišite bez razmaka (npr. 100000900).",
    "The cell is set to read right to left, so the groups of digits of '{value}' show in reverse order (100 000 900 "
    "as 900 000 100, say). Select the cell, choose Context in Format Cells > Alignment > Text direction and check "
    "the number, or type it without spaces (e.g. 100000900).",
)  # fmt: skip
rule(
    "value-in-hidden-cell", "warning",
    "An input cell with a value in a hidden row or column (or one made 0 high or wide). The value is read and "
    "counted: the template lets an officer hide rows and columns (finished tasks, a long column) to see the rest "
    "better, and what was hidden is what was typed. The warning names the cell, so that a value no one saw (a row "
    "hidden instead of cleared, last month's values in it) is checked.",
    "last month's spending left in a hidden row of the Budget sheet",
    "Polje {cell} je u skrivenom redu ili koloni, a njegova vrednost („{value}“) se čita i računa iako nije vidljiva. "
    "Ako je tačna, ništa ne treba menjati; ako niste sigurni, otkrijte red ili kolonu (izaberite susedne, desni klik "
    "> Otkrij) i proverite je.",
    "The cell {cell} is in a hidden row or column, and its value ('{value}') is read and counted though it does not "
    "show. If it is right, nothing needs to change; if unsure, unhide the row or column (select the ones beside it, "
    "right-click > Unhide) and check it.",
)  # fmt: skip
rule(
    "number-shown-otherwise", "error",
    "An input cell whose number format shows another number than the cell holds: in thousands (#,##0,), as a "
    "percentage, a text or nothing instead of the number (;;;), or as a condition chooses. The officer and whoever "
    "checks the report see one number and the master would count another (a cell pasted with its format from an "
    "accounting sheet, or a format set by hand).",
    "1500000 in Spent this period formatted #,##0, (shows 1.500)",
    "Format broja ovog polja („{value}“) prikazuje drugi broj od onog koji polje sadrži (u hiljadama, u procentima, "
    "tekst ili ništa umesto broja). Izaberite polje, u meniju Početak > Broj izaberite Tekst i ponovo upišite broj.",
    "The cell's number format ('{value}') shows another number than the cell holds (in thousands, as a percentage, "
    "a text or nothing instead of the number). Select the cell, choose Text in Home > Number, and type the number "
    "again.",
)  # fmt: skip
rule(
    "amount-too-many-decimals", "error",
    "An amount with three or more decimals: amounts are kept to the para (cent).",
    "'1.234,567' or '1,234.567'",
    "Iznos „{value}“ ima više od dve decimale. Upišite ga sa najviše dve decimale (pare), npr. 1.234,57.",
    "The amount '{value}' has more than two decimals. Type it with two decimals at most (para, cents), "
    "e.g. 1234.57.",
)  # fmt: skip
rule(
    "number-is-a-date", "error",
    "An amount or a count is a date or a time in the cell: typed into a cell whose text format a paste replaced, or "
    "into an amount cell of a Google template handed out before its input cells were text, the spreadsheet took "
    "\"1.10\" for 1 October. The message says the day as the reader's other dates are said (01.10.2018. in Serbian, "
    "1 Oct 2018 in English, where 01.10.2018 reads as 10 January). Google Sheets gives a date cell as the text it "
    "shows (15.3.2026, 2026-03-15, 3/15/2026, 15.3.): that text is quoted as it is (2026-03-15 said as a day), never "
    "read as its serial number.",
    "1.10 typed as an amount after a paste, read by Excel as 1 October 2018",
    "Ovde treba broj, a u polju je datum ({value}). Upišite broj sa decimalnim zarezom, bez tačke na kraju "
    "(15,30 ili 1500). Ako tabela i tada od broja napravi datum, obrišite polje, podesite mu oblik „Tekst“ (Excel: "
    "desni klik > Oblikovanje ćelija > Tekst; Google tabele: Format > Broj > Običan tekst) i ponovo upišite broj.",
    "A number is needed here, and the cell holds a date ({value}). Type the number with no full stop at the end "
    "(15.30 or 1500). If the spreadsheet still makes a date of it, clear the cell, set its format to text (Excel: "
    "right-click > Format Cells > Text; Google Sheets: Format > Number > Plain text) and type the number again.",
)  # fmt: skip
rule(
    "amount-ambiguous", "error",
    "An amount typed as text can be read two ways (1,234 is 1234 in English and 1,234 in Serbian).",
    "'1,234'",
    "Iznos „{value}“ može da se pročita na dva načina. Upišite ga bez razdvajanja hiljada (npr. 1234) "
    "ili u obliku 1.234,00; iznos ima najviše dve decimale.",
    "The amount '{value}' can be read two ways. Type it without thousands separators (e.g. 1234) "
    "or with two decimals, as 1,234.00 (1.234,00 in Serbian); an amount has two decimals at most.",
)  # fmt: skip
rule(
    "amount-number-ambiguous", "error",
    "An amount the cell holds as a number with three decimals (a paste took the cell's text format, or the "
    "spreadsheet read what was typed as a number): 12,345 may have meant 12345. Refused as the same text typed is, "
    "never rounded to cents; a binary float's noise beyond Excel's 15 significant digits is no decimal.",
    "12,345 typed into Spent after a paste, kept by the spreadsheet as the number 12.345",
    "U polju je broj {number}, sa tri decimale, a iznos ih ima najviše dve. Ako ste mislili na hiljade, upišite "
    "{whole}; ako ste mislili na pare, upišite {cents}. Ako tabela opet promeni broj, podesite polju oblik „Tekst“ "
    "(Excel: desni klik > Oblikovanje ćelija > Tekst; Google tabele: Format > Broj > Običan tekst) i upišite ga "
    "ponovo.",
    "The cell holds the number {number}, with three decimals, and an amount has two at most. If you meant thousands, "
    "type {whole}; if you meant para or cents, type {cents}. If the spreadsheet changes the number again, set the "
    "cell's format to text (Excel: right-click > Format Cells > Text; Google Sheets: Format > Number > Plain text) "
    "and type it again.",
)  # fmt: skip
rule(
    "amount-number-too-many-decimals", "error",
    "An amount the cell holds as a number with four or more decimals: refused, never rounded to cents; a binary "
    "float's noise beyond Excel's 15 significant digits is no decimal.",
    "1234,5678 in Spent, kept by the spreadsheet as a number",
    "U polju je broj {number}, sa više od dve decimale, a iznos ih ima najviše dve (pare). Upišite iznos sa "
    "najviše dve decimale, npr. {cents}.",
    "The cell holds the number {number}, with more than two decimals, and an amount has two at most (para, cents). "
    "Type the amount with two decimals at most, e.g. {cents}.",
)  # fmt: skip
rule(
    "amount-too-large", "error",
    "An amount of a quadrillion (10^15) or more: beyond Excel's 15 exact digits and any budget line.",
    "1E+30, or a 20-digit account number pasted into Spent",
    "Iznos „{value}“ je prevelik (hiljadu biliona ili više). Proverite da li je upisan pravi broj.",
    "The amount '{value}' is too large (a quadrillion or more). Check that the right number was typed.",
)  # fmt: skip
rule(
    "count-not-whole", "error",
    "A count is not a whole number; a space between digits that does not separate groups of thousands is no number "
    "either (12 5 is refused, never read as 125; 1 234 is read).",
    "'12,5', 'many' or '12 5'",
    "Broj „{value}“ mora biti ceo broj. Upišite samo ceo broj, bez reči i znakova (npr. 0, 1, 12).",
    "The count '{value}' must be a whole number. Type the whole number alone, without words or signs (e.g. 0, 1, "
    "12).",
)  # fmt: skip
rule(
    "count-too-large", "error",
    "A count of a quadrillion (10^15) or more: beyond Excel's 15 exact digits and any count of people or events.",
    "a 20-digit case number pasted into a total",
    "Broj „{value}“ je prevelik (hiljadu biliona ili više). Proverite da li je upisan pravi broj.",
    "The count '{value}' is too large (a quadrillion or more). Check that the right number was typed.",
)  # fmt: skip
rule(
    "count-negative", "error",
    "A count is below zero.",
    "-3",
    "Broj ne može biti manji od nule (upisano {value}). Upišite broj za ovaj period, 0 ili veći.",
    "A count cannot be below zero (found {value}). Type the count for this period, 0 or more.",
)  # fmt: skip
rule(
    "choice-not-in-list", "error",
    "A value that should come from the cell's list is not one of its options, in any language or script, typed "
    "without diacritics, with a closing full stop, or with a Serbian participle in another gender (\"završeno\", "
    "\"realizovan\", task \"3.2.1.\" are read).",
    "'done' as a task status",
    "„{value}“ nije na listi. Izaberite jednu od ponuđenih vrednosti: {options}.",
    "'{value}' is not in the list. Choose one of: {options}.",
)  # fmt: skip
rule(
    "date-invalid", "error",
    "A date cannot be read as a date. Read are the forms Serbian officers write, in Latin or Cyrillic, the day "
    "always first: 05.04.2018., 5. april 2018., 5. aprila 2018. godine, 5. априла 2018. г., 5. avg. 2018., "
    "5. септ. 2018., 5. IV 2018. (the month by number, by name in the nominative or genitive, by its usual short name "
    "jan., feb., mar., apr., maj, jun., jul., avg., sep. or sept., okt., nov., dec., or as a Roman numeral; "
    "\"godine\", \"god.\" or \"g.\" after the year or not), and 2018-04-05. A shorter or foreign short name (\"ju.\", "
    "June or July; \"aug.\") is refused, never guessed. The English template also reads 5 April 2018 and 5 Apr 2018 "
    "(the day first, no full stop after it, the English month name or its first three letters, or Sept, in any case).",
    "'31.02.2018', '5. aprilb 2018.', '5. april' (no year), '5. ju. 2018.'",
    "„{value}“ nije ispravan datum. Upišite ga u obliku 05.04.2018. ili 5. april 2018.",
    # In the reader's language, whatever the template's: only a form every template reads (the English template's
    # prompt names 5 April 2018).
    "'{value}' is not a valid date. Type it as day.month.year: 05.04.2018.",
)  # fmt: skip
rule(
    "date-ambiguous", "error",
    "A date with slashes whose day and month are both 12 or less and differ reads two ways: 04/05/2018 is the 4th "
    "of May as in Serbia, or the 5th of April as in the United States. It is refused, never guessed; 25/04/2018 "
    "and 05/05/2018 read one way and are read.",
    "'04/05/2018'",
    "„{value}“ se može pročitati kao dva datuma (dan/mesec ili mesec/dan). Upišite ga sa tačkama, prvo dan pa "
    "mesec, npr. 05.04.2018. ili 5. april 2018.",
    "'{value}' reads as two dates (day/month or month/day). Type it with full stops, day first, e.g. 05.04.2018.",
)  # fmt: skip

# --- cover -------------------------------------------------------------------

rule(
    "report-date-in-future", "error",
    "The report date on the cover is after the day the report is checked: for a report the sync collects, the day "
    "its version arrived (so checking it again later gives the same answer); for Validate, Submit and `apmon "
    "validate`, today in Belgrade. A report cannot be dated after it exists: the year is mistyped, or the day and "
    "month are swapped. An error: a version is kept as it arrived, so the Coordinator's records would keep a date "
    "that cannot be; one cell puts it right.",
    "10.04.2081, or 04.10.2018 for 10 April, in a report checked on 10.04.2018",
    "Datum izveštaja ({value}) je posle dana kada je izveštaj proveren, odnosno primljen ({day}). Upišite datum "
    "kada je izveštaj sačinjen, u obliku 05.02.2018.: proverite godinu i da li su dan i mesec zamenili mesta.",
    "The report date ({value}) is after the day the report was checked or received ({day}). Type the date the "
    "report was made, day first (05.02.2018 for 5 February 2018): check the year, and that the day and month have "
    "not changed places.",
)  # fmt: skip
rule(
    "report-date-before-period-end", "warning",
    "The report date on the cover is before the last day of the period reported on (a monthly report: the last day "
    "of its month; an annual report: 31 December of its year). Most likely the cover of an earlier report, copied "
    "and not updated; a report may be made on its period's last day. A warning: the date may still be true. "
    "Checked once the period is over on the day the report is checked: while it runs, a date before its end is "
    "true, and `period-not-over` says what to do.",
    "a report for March 2018 dated 02.02.2018",
    "Datum izveštaja ({value}) je pre kraja izveštajnog perioda {period} ({end}). Ako je izveštaj popunjen u "
    "kopiji ranijeg izveštaja, upišite datum kada je ovaj izveštaj sačinjen.",
    "The report date ({value}) is before the end of the reporting period {period} ({end}). If the report was "
    "filled in on a copy of an earlier one, type the date this report was made.",
)  # fmt: skip
rule(
    "report-date-impossible", "error",
    "The report date on the cover is more than ten years before the year of the period reported on (year 1, or "
    "1900: Excel's day 0, a number typed in the date cell): no report is made so long before its period, and a "
    "cover copied from an earlier report is dated months before, not decades (`report-date-before-period-end`). "
    "An error: the Coordinator's records would keep a date that cannot be; one cell puts it right.",
    "a report for March 2018 dated 01.01.0001, or 05.04.1018",
    "Datum izveštaja ({value}) je više od deset godina pre izveštajnog perioda {period}: takav datum ne može biti "
    "tačan. Upišite datum kada je izveštaj sačinjen, u obliku 05.02.2018.: proverite godinu.",
    "The report date ({value}) is more than ten years before the reporting period {period}: it cannot be "
    "right. Type the date the report was made, day first (05.02.2018 for 5 February 2018): check the year.",
)  # fmt: skip
rule(
    "period-not-over", "error",
    "The report's period is not over on the day the report is checked: for a report the sync collects, the day its "
    "version arrived; for Validate, Submit and `apmon validate`, today in Belgrade. A report on a period is made once "
    "the period is over (on its last day at the earliest). An error: accepted, a later month's report (most likely "
    "the template of another month, opened by mistake) would be the newest of its year, and the master would show "
    "its spending, statuses and figures for the whole year in place of those of the months really reported on. "
    "Validate during the period (a report filled in as the month goes) says this alone at the cover: a report date "
    "before the period's end is then expected, not warned of (`report-date-before-period-end`).",
    "the report for 2018-12 saved into the folder on 06.04.2018",
    "Ovo je izveštaj za period {value}, koji traje do {end}, a proveren je, odnosno primljen {day}. Ako ga "
    "popunjavate pre kraja perioda, samo nastavite: ono što ste upisali ostaje, a izveštaj pošaljite od {end}. Ako "
    "su ovo podaci za raniji period, unesite ih u obrazac za taj period.",
    "This report is for {value}, which runs until {end}, but it was checked or received on {day}. If you are filling "
    "it in before the period ends, just go on: what you typed stays, and send the report from {end} on. If these are "
    "the figures of an earlier period, type them into that period's template.",
)  # fmt: skip

rule(
    "cover-preparer-missing", "warning",
    "The cover does not say who prepared the report. The Coordinator asks that person about the figures; the name "
    "belongs in the cover (the one place a person's name may be). A warning: the figures still count.",
    "the cover's \"Prepared by\" left empty",
    "Na naslovnoj strani nije upisano ko je pripremio izveštaj. Upišite ime i prezime osobe koja je pripremila "
    "izveštaj, da bi Koordinator znao koga da pita o podacima.",
    "The cover does not say who prepared the report. Type the name of the person who prepared it, so that the "
    "Coordinator knows whom to ask about the figures.",
)  # fmt: skip
rule(
    "cover-date-missing", "warning",
    "The cover has no report date. The Coordinator's records show when the report was made and checked against "
    "its period. A warning: the figures still count, and the time it arrived is recorded anyway.",
    "the cover's \"Report date\" left empty",
    "Na naslovnoj strani nije upisan datum izveštaja. Upišite datum kada je izveštaj sačinjen, u obliku 05.02.2018.",
    "The cover has no report date. Type the date the report was made, as 05.02.2018.",
)  # fmt: skip

rule(
    "narrative-results-missing", "warning",
    "An annual report says nothing of the results the year achieved (its narrative's first cell is empty): the "
    "Coordinator's Annual sheet and annual report would have nothing of the institution's year. A warning: its "
    "figures still count; problems and challenges may be none.",
    "the annual narrative left empty",
    "Nisu upisani ostvareni rezultati godine. Opišite ukratko šta je institucija te godine ostvarila u sprovođenju "
    "Akcionog plana: to ulazi u godišnji izveštaj Koordinatora.",
    "The results achieved in the year are not filled in. Describe briefly what the institution achieved that year "
    "in carrying out the Action Plan: it goes into the Coordinator's annual report.",
)  # fmt: skip

# --- tasks -------------------------------------------------------------------

rule(
    "missing-status", "error",
    "A task the institution leads has no status.",
    "task 1.2.1 with an empty Status cell",
    "Zadatak {task} nema stanje. Izaberite stanje sa liste.",
    "Task {task} has no status. Choose a status from the list.",
)  # fmt: skip
rule(
    "missing-progress", "error",
    "The status says work happened (in progress, delayed, completed) but the progress cell is empty.",
    "status 'in progress' with no progress text",
    "Za zadatak {task} opišite napredak u izveštajnom periodu (stanje je „{status}“).",
    "Describe the progress of task {task} in the period (its status is '{status}').",
)  # fmt: skip
rule(
    "missing-problem", "error",
    "A task is delayed or assessed as not completed, but no problem is described (in its row or on the Problems sheet).",
    "status 'delayed' with empty Problems and obstacles",
    "Zadatak {task} kasni ili nije realizovan: opišite probleme i prepreke (u redu zadatka ili na listu „Problemi“).",
    "Task {task} is delayed or not completed: describe the problems and obstacles (in the task's row or on the Problems sheet).",
)  # fmt: skip
rule(
    "completed-before-start", "error",
    "A task is marked completed in a period that ends before its activity could start.",
    "completed in a report for March 2017, before the Action Plan was adopted",
    "Zadatak {task} je označen kao završen pre nego što je aktivnost mogla da počne ({start}). Proverite stanje i period.",
    "Task {task} is marked completed before its activity could start ({start}). Check the status and the period.",
)  # fmt: skip
rule(
    "task-overdue", "warning",
    "The activity's dated deadline has passed, the task is not completed and no reason is given in its row or on the "
    "Problems sheet (a task carried out continuously is not overdue when its period ends). Once the reason is given "
    "the warning goes; the master still shows the task overdue.",
    "a task of an activity due 30.06.2018, reported 'in progress' for July 2018, with no problem described",
    "Rok aktivnosti za zadatak {task} je istekao {deadline}, a zadatak nije završen. Ako je završen, izaberite "
    "stanje „završen“; ako nije, navedite razlog u koloni „Problemi i prepreke“ ili na listu „Problemi“: upozorenje "
    "tada nestaje, a Koordinator će i dalje videti da zadatak kasni.",
    "The deadline of task {task}'s activity passed on {deadline} and the task is not completed. If it is, choose "
    "the status 'completed'; if not, give the reason in the column 'Problems and obstacles' or on the Problems "
    "sheet: the warning then goes, and the Coordinator still sees the task is late.",
)  # fmt: skip
rule(
    "missing-assessment", "error",
    "The annual report leaves a task or activity the institution leads without an assessment.",
    "activity 1.2 with no assessment in the annual report",
    "Za {what} {id} izaberite ocenu realizacije sa liste.",
    "Choose an assessment for {what} {id} from the list.",
)  # fmt: skip

rule(
    "task-completed-activity-not-completed", "warning",
    "An annual report marks every task of an activity completed (its status or its assessment) while the activity "
    "is assessed not completed: one of the two is most likely a slip. Said at the activity's assessment. One task "
    "done of several, or of an activity with other institutions' tasks, is not warned of: the activity may well be "
    "not completed.",
    "tasks 3.2.1, 3.2.2 and 3.2.3 'completed', activity 3.2 'not completed'",
    "Svi zadaci aktivnosti {activity} ({task}) označeni su kao završeni, a aktivnost je ocenjena kao „nije "
    "realizovana“. Proverite ocenu aktivnosti i stanje zadataka; ako su tačni, objasnite to u komentaru ocene.",
    "Every task of activity {activity} ({task}) is marked completed, but the activity is assessed 'not completed'. "
    "Check the activity's assessment and the tasks' status; if both are right, explain why in the assessment's "
    "comment.",
)  # fmt: skip

rule(
    "problem-row-unfinished", "warning",
    "A row of the Problems sheet has its task chosen and nothing else: no problem, no measure. The row is left out "
    "of the master's problems list.",
    "task 2.1.2 picked on the Problems sheet, the row's other cells empty",
    "Za zadatak {task} izabran na listu „{sheet}“ problem nije opisan. Opišite problem (i mere za njegovo "
    "rešavanje) ili obrišite zadatak iz tog reda: red sa samo izabranim zadatkom ne prenosi se u zbirni pregled.",
    "Task {task} is chosen on sheet '{sheet}' with no problem described. Describe the problem (and the measures to "
    "solve it), or clear the task from that row: a row with nothing but a task is left out of the master.",
)  # fmt: skip

rule(
    "member-report-empty", "error",
    "A Working Group member's short monthly report has none of its parts (activities, problems, proposals) "
    "filled in.",
    "a member report submitted blank",
    "Izveštaj je prazan: ukratko opišite aktivnosti u oblasti nadležnosti, uočene probleme ili predloge.",
    "The report is empty: describe briefly the activities in your area, the problems or your proposals.",
)  # fmt: skip
rule(
    "observations-empty", "error",
    "A civil society representative's report has no observation or proposal for any activity.",
    "an observations report submitted blank",
    "Nije upisano nijedno zapažanje: upišite zapažanje ili predlog bar za jednu aktivnost koju ste pratili.",
    "No observation is typed: type an observation or a proposal for at least one activity you followed.",
)  # fmt: skip

# --- money -------------------------------------------------------------------

rule(
    "amount-negative", "error",
    "An amount spent is below zero.",
    "-5000",
    "Iznos ne može biti negativan (upisano {value}). Ispravke upišite kao novi iznos od početka godine.",
    "An amount cannot be negative (found {value}). Correct the year-to-date amount instead.",
)  # fmt: skip
rule(
    "currency-mismatch", "error",
    "An amount is typed with another currency than the budget line's.",
    "'1.000 EUR' on an RSD line",
    "Stavka {line} je u valuti {expected}, a iznos je upisan u valuti {value}. Upišite iznos u valuti {expected}, samo kao broj.",
    "Budget line {line} is in {expected}, but the amount is typed in {value}. Type the amount in {expected}, as a number only.",
)  # fmt: skip
rule(
    "spent-period-over-year", "error",
    "More is spent in the period than since the start of the year.",
    "spent this period 50.000, this year 30.000",
    "Utrošeno u periodu ({value}) veće je od utrošenog od početka godine ({year_total}) za stavku {line}. "
    "Proverite oba iznosa: od početka godine je zbir svih meseci ove godine, sa ovim.",
    "Spent this period ({value}) is more than spent this year to date ({year_total}) on line {line}. Check both "
    "amounts: the year to date is the sum of this year's months, this one included.",
)  # fmt: skip
rule(
    "spent-year-missing", "error",
    "Spending this period is typed on a line but its spending this year to date is empty: the master adds up only "
    "the year-to-date figure, so the month's spending would not be counted.",
    "spent this period 52.000, this year to date empty",
    "Za stavku {line} upisano je utrošeno u periodu ({value}), a utrošeno od početka godine nije. Upišite i iznos "
    "od početka godine, sa ovim periodom: Koordinator sabira samo njega.",
    "Line {line} has spending this period ({value}) but no spending this year to date. Type the year-to-date amount "
    "too, this period included: the Coordinator adds up only that one.",
)  # fmt: skip
rule(
    "cumulative-spending-decreased", "error",
    "Spending since the start of the year is lower than the last figure an earlier accepted report of the year gave "
    "for the line (a report that left it blank keeps that figure).",
    "120.000 in March after 150.000 in February",
    "Utrošeno od početka godine za stavku {line} ({value}) manje je nego što je izveštaj za {month} već naveo "
    "({previous}). Proverite iznos; ako je raniji izveštaj bio pogrešan, ispravite i njega.",
    "Spent this year to date on line {line} ({value}) is less than the report for {month} already gave ({previous}). "
    "Check the amount; if the earlier report was wrong, correct it too.",
)  # fmt: skip
rule(
    "annual-spending-below-months", "error",
    "The year's spending on a line in the annual report is lower than the spending to date that a monthly report of "
    "that year already said: the annual report closes the year the months counted.",
    "280.000 spent in the annual report after 300.000 to date in the November report",
    "Utrošeno u godini za stavku {line} ({value}) manje je nego što je mesečni izveštaj za {month} već naveo od "
    "početka godine ({months}). Proverite iznos; ako je mesečni izveštaj bio pogrešan, ispravite i njega.",
    "Spent this year on line {line} ({value}) is less than the monthly report for {month} already gave as spent to "
    "date ({months}). Check the amount; if the monthly report was wrong, correct it too.",
)  # fmt: skip
rule(
    "month-spending-above-annual", "warning",
    "A monthly report sent after the annual report of its year gives more spent to date on a line than the annual "
    "report gives for the year: the annual report closes the year and its figure counts.",
    "6.000 to date in a December report corrected after the annual report's 5.000",
    "Utrošeno od početka godine za stavku {line} ({value}) veće je od iznosa koji godišnji izveštaj za {year}. "
    "godinu navodi za celu godinu ({annual}), a računa se iznos iz godišnjeg izveštaja. Ako je ovaj iznos tačan, "
    "ispravite godišnji izveštaj i pošaljite ga ponovo; ako nije, ispravite ovaj.",
    "Spent this year to date on line {line} ({value}) is more than the annual report for {year} gives for the whole "
    "year ({annual}), and the annual report's figure is the one counted. If this amount is right, correct the annual "
    "report and send it again; if not, correct this one.",
)  # fmt: skip
rule(
    "spending-above-later-month", "warning",
    "A monthly report sent after a later month's report of its year gives more spent to date on a line than the "
    "later report: the later report's figure counts.",
    "800.000 to date in a February report corrected after March's 700.000",
    "Utrošeno od početka godine za stavku {line} ({value}) veće je od iznosa koji navodi kasniji izveštaj za {month} "
    "({later}), a računa se iznos iz kasnijeg izveštaja. Ako je ovaj iznos tačan, ispravite i izveštaj za {month} i "
    "pošaljite ga ponovo; ako nije, ispravite ovaj.",
    "Spent this year to date on line {line} ({value}) is more than the later report for {month} gives ({later}), "
    "and the later report's figure is the one counted. If this amount is right, correct the report for {month} too "
    "and send it again; if not, correct this one.",
)  # fmt: skip
rule(
    "spent-over-planned", "warning",
    "More is spent than the plan foresees for the line; the note should explain why.",
    "90.000 spent on a 79.300 line",
    "Utrošeno ({value}) premašuje planirani iznos ({planned}) za stavku {line}. Objasnite razlog u napomeni.",
    "Spending ({value}) exceeds the planned amount ({planned}) on line {line}. Explain why in the note.",
)  # fmt: skip
rule(
    "spent-on-line-without-currency", "warning",
    "Spending is typed on a line the plan gives no amount and no currency (a donor project, no cost, a cost not yet "
    "known): no total can count money of no currency, so the figure is in no budget table; it is shown here.",
    "1.000 spent on line 5.1.4/1, funded by a donor project",
    "Za stavku {line} Akcioni plan ne navodi iznos ni valutu, pa se utrošeno ({value}) ne sabira ni u jedan "
    "budžet. Ako je institucija platila deo troška, upišite iznos i valutu u napomenu (na primer „utrošeno 1.000 "
    "RSD“), a ovo polje ostavite prazno.",
    "The plan gives line {line} no amount and no currency, so the spending ({value}) is added to no budget. If the "
    "institution paid part of the cost, write the amount and its currency in the note (for example \"spent 1,000 "
    "RSD\") and leave this cell empty.",
)  # fmt: skip
rule(
    "budget-line-spent-twice", "warning",
    "A plan line is one institution's money, but another institution also reports spending on it (a line of a "
    "task with two leads belongs to the first lead); the Coordinator checks that it is not one expense counted twice.",
    "MUP and MRZBSP both report spending on line 4.2.2/2",
    "Stavka {line} pripada instituciji {owner}, a utrošak na njoj prijavljuje i {others}. Dogovorite ko je "
    "prijavljuje i upišite iznos samo jednom; ako je trošak zaista podeljen, objasnite to u napomeni.",
    "Line {line} is the money of {owner}, but {others} also reports spending on it. Agree who reports it and enter "
    "the amount only once; if the cost really is shared, explain that in the note.",
)  # fmt: skip
rule(
    "spent-year-repeats-predecessor", "warning",
    "In the year a ministry is split, the old ministry's figure covers its months and its successor's only the "
    "successor's own months, from its first: the two are added. The successor's figure evidently repeats the old "
    "ministry's: equal to it, or at least it plus what the successor gave as spent in each of its months, or its "
    "months' sum plus exactly what the old ministry spent in its last months (counted once on the master).",
    "MRZBSP 6.000,00 to June, MRZSP 6.000,00 (or 9.000,00 with 3.000,00 in its own months, or 4.000,00 with "
    "3.000,00 in its own and 1.000,00 MRZBSP spent in June) from July",
    "Stavka {line}: od {first} {successor} upisuje samo svoj utrošak od tog meseca, a iznos institucije "
    "{predecessor} obuhvata mesece pre toga; Koordinator ih sabira. Iznos institucije {successor} "
    "({successor_figure}) jednak je iznosu institucije {predecessor} ({predecessor_figure}), pa bi isti trošak bio "
    "sabran dva puta. U izveštaju institucije {successor} upišite samo ono što je utrošeno od {first}.",
    "Line {line}: from {first} {successor} gives only what it spent from that month, and {predecessor}'s figure "
    "covers the months before; the Coordinator adds the two. {successor}'s figure ({successor_figure}) equals "
    "{predecessor}'s ({predecessor_figure}), so one expense would be counted twice. In {successor}'s report enter "
    "only what was spent from {first}.",
)  # fmt: skip
rule(
    "budget-line-over-plan-total", "warning",
    "Together, the institutions' reported spending on a plan line (over the plan period, for a line with no "
    "year) exceeds its planned amount.",
    "4.500 EUR planned; 3.000 reported by MUP and 2.500 by MRZBSP",
    "Ukupno prijavljeni utrošak na stavci {line} ({total}, sa izveštajima drugih godina ili institucija) premašuje "
    "planirani iznos ({planned}). Proverite iznos ili objasnite razlog u napomeni.",
    "The spending reported on line {line} in total ({total}, with other years' or institutions' reports) exceeds "
    "the planned amount ({planned}). Check the amount or explain why in the note.",
)  # fmt: skip

# --- indicators --------------------------------------------------------------

rule(
    "breakdown-mismatch", "error",
    "The women / men / girls / boys figures do not add up to the total.",
    "women 5 + men 3 with total 10",
    "Zbir po polu i uzrastu ({sum}) nije jednak ukupnom broju ({value}) za pokazatelj {indicator}. Ispravite "
    "brojeve po polu i uzrastu ili ukupan broj, da se slažu.",
    "The breakdown by sex and age adds up to {sum}, not to the total {value}, for indicator {indicator}. Correct "
    "the breakdown or the total so that they agree.",
)  # fmt: skip
rule(
    "indicator-decreased", "error",
    "A flow indicator's total for the year is lower than the monthly reports of that year already counted: a cumulative figure cannot go backwards (a stock, a level at a date, may end the year lower).",
    "12 trainings in the annual report after 15 in the monthly reports",
    "Godišnji zbir za pokazatelj {indicator} ({value}) manji je od zbira iz mesečnih izveštaja za tu godinu ({months}). Proverite broj.",
    "The year's total for indicator {indicator} ({value}) is lower than the monthly reports of that year already counted ({months}). Check the figure.",
)  # fmt: skip
rule(
    "total-missing", "error",
    "Breakdown figures are given but the total is empty.",
    "girls 4, boys 6, total empty",
    "Upišite ukupan broj za pokazatelj {indicator} (zbir po polu i uzrastu je {sum}).",
    "Type the total for indicator {indicator} (the breakdown adds up to {sum}).",
)  # fmt: skip

# --- content -----------------------------------------------------------------

rule(
    "personal-data", "error",
    "A cell, the cover's included, holds what looks like personal data: a JMBG in any spelling (0101990710008, 0101990 710008, 0101990-710008, 0 1 0 1 9 9 0 7 1 0 0 0 8; after the word JMBG, 13 digits even with a wrong control digit), an e-mail address, a phone number (381 64 1234567 without its +, 0 6 4 1 2 3 4 5 6 7, full-width digits too), a passport or identity card number, a date of birth (rođena 12.03.2005, rođena 1. februara 2005, born 1 February 2005, rođena u Nišu 1. februara 2005), or a name right after a word for a victim (žrtva Marija Petrović). Reports hold aggregate data only; the cover's contact alone may hold an office e-mail or phone (one typed with the name in Prepared by is asked to move there). A desk's mailbox (info@, pisarnica@), a number named as a hotline's or a centre's just before it, and a landline its sentence says is a ministry's or a government body's own, right before it, with no victim or other person named there nor right after the number, and no single name as its label (Kontakt Ministarstva: 011/3612-345; not Ministarstvo je pozvalo 011/3612-345, a number the ministry called, nor 011 3612345 - broj svedokinje, nor Ministarstvo zdravlja, Marko: 011 3612345 or Ministarstvo zdravlja Marko: 011 3612345; a place of Serbia as its label and the body's contact person after it are the body's: Gradska uprava, Ćuprija: 035 8470123, 011 3612345 (osoba za kontakt)) are an institution's, not personal data; nor is a date after dob as the Serbian word for age and a comma (bez obzira na dob, 15.03.2018.; pol i dob 12.03.2005 is a date of birth). Characters no one sees (a zero-width space, a soft hyphen) inside such data are looked through. An apmon add-in token (apmon_ and 43 characters) is refused the same way: it is a password, which the ledger must not keep.",
    "a victim's JMBG typed in Problems and obstacles",
    "Tekst sadrži lični podatak ({kind}: {value}). Izveštaj sme da sadrži samo zbirne podatke: uklonite ga.",
    "The text holds personal data ({kind}: {value}). Reports hold aggregate data only: remove it.",
)  # fmt: skip
rule(
    "personal-data-comment", "error",
    "A cell's comment holds what looks like personal data (as `personal-data` finds it in a cell): the file is kept "
    "with its comments.",
    "a victim's JMBG in a comment on a Problems cell",
    "Komentar na ćeliji sadrži lični podatak ({kind}: {value}). Izveštaj sme da sadrži samo zbirne podatke: uklonite "
    "ga iz komentara.",
    "The cell's comment holds personal data ({kind}: {value}). Reports hold aggregate data only: remove it from the "
    "comment.",
)  # fmt: skip
rule(
    "personal-data-property", "error",
    "A document property (File > Info > Properties: the title, tags, comments, company... or a custom property) "
    "holds what looks like personal data (as `personal-data` finds it in a cell): the file is kept with its "
    "properties. The author's name that Excel fills in from the computer's user is no such data.",
    "a victim's JMBG typed into the workbook's title",
    "Svojstvo dokumenta „{property}“ sadrži lični podatak ({kind}: {value}). Izveštaj sme da sadrži samo zbirne "
    "podatke: uklonite ga u meniju Datoteka > Informacije > Svojstva (prilagođeno svojstvo: Svojstva > Napredna "
    "svojstva > Prilagođeno), sačuvajte datoteku i pošaljite je ponovo.",
    "The document property '{property}' holds personal data ({kind}: {value}). Reports hold aggregate data only: "
    "remove it in File > Info > Properties (a custom property: Properties > Advanced Properties > Custom), save the "
    "file and send it again.",
)  # fmt: skip
rule(
    "personal-data-sheet-name", "error",
    "A sheet's name holds what looks like personal data (as `personal-data` finds it in a cell; words joined by "
    "underscores count as words): the file is kept with its sheets' names. The name is shown masked, in this and "
    "every other message.",
    "a sheet of the officer's own named after a victim",
    "Naziv lista „{sheet}“ sadrži lični podatak ({kind}: {value}). Izveštaj sme da sadrži samo zbirne podatke: "
    "preimenujte list (ili ga obrišite), sačuvajte datoteku i pošaljite je ponovo.",
    "The sheet name '{sheet}' holds personal data ({kind}: {value}). Reports hold aggregate data only: rename the "
    "sheet (or delete it), save the file and send it again.",
)  # fmt: skip
rule(
    "personal-data-defined-name", "error",
    "A defined name (Formulas > Name Manager) holds what looks like personal data (as `personal-data` finds it in a "
    "cell) in its name, in what it refers to (a text or a number typed there) or in its comment: the file is kept "
    "with its names. The names the template gives its input ranges, and a reference to one of the workbook's sheets, "
    "are no such data.",
    "a victim's JMBG typed as a name's value: =\"0101990710006\"",
    "Definisano ime „{name}“ (Formule > Upravljač imenima) sadrži lični podatak ({kind}: {value}). Izveštaj sme da "
    "sadrži samo zbirne podatke: uklonite ga ili obrišite ime u meniju Formule > Upravljač imenima, sačuvajte "
    "datoteku i pošaljite je ponovo.",
    "The defined name '{name}' (Formulas > Name Manager) holds personal data ({kind}: {value}). Reports hold "
    "aggregate data only: remove it, or delete the name, in Formulas > Name Manager, save the file and send it again.",
)  # fmt: skip
rule(
    "personal-data-header-footer", "error",
    "A sheet's header or footer (the printed page's; its first page's or even pages' too) holds what looks like "
    "personal data (as `personal-data` finds it in a cell): the file is kept with them. The institution's name, the "
    "period and the page numbers the template writes there are no such data.",
    "a victim's name typed into the footer of the Budget sheet",
    "Na listu „{sheet}“ {part} sadrži lični podatak ({kind}: {value}). Izveštaj sme da sadrži samo zbirne podatke: "
    "uklonite ga u meniju Umetanje > Zaglavlje i podnožje, sačuvajte datoteku i pošaljite je ponovo.",
    "The {part} of sheet '{sheet}' holds personal data ({kind}: {value}). Reports hold aggregate data only: remove it "
    "in Insert > Header & Footer, save the file and send it again.",
)  # fmt: skip
rule(
    "personal-data-validation", "error",
    "A data validation (Data > Data Validation) holds what looks like personal data (as `personal-data` finds it in "
    "a cell) in its input message, its error alert, a list of values typed out or a custom rule's formula: the file "
    "is kept with it. The messages and lists the template writes, and a formula's references to the workbook's own "
    "sheets, are no such data.",
    "a phone number typed into the input message of a data validation",
    "Validacija podataka za ćelije {cell} na listu „{sheet}“ ({part}) sadrži lični podatak ({kind}: {value}). "
    "Izveštaj sme da sadrži samo zbirne podatke: uklonite ga u meniju Podaci > Validacija podataka, sačuvajte "
    "datoteku i pošaljite je ponovo.",
    "The data validation of cells {cell} on sheet '{sheet}' ({part}) holds personal data ({kind}: {value}). Reports "
    "hold aggregate data only: remove it in Data > Data Validation, save the file and send it again.",
)  # fmt: skip
rule(
    "personal-data-hyperlink", "error",
    "A hyperlink holds what looks like personal data (as `personal-data` finds it in a cell) in its address (a "
    "mailto: link's e-mail address), the place in the document it goes to, its text or its ScreenTip: the file is "
    "kept with it.",
    "a link to mailto:marija.petrovic@gmail.com on a cell that reads 'contact'",
    "Hiperveza u ćeliji {cell} na listu „{sheet}“ sadrži lični podatak ({kind}: {value}). Izveštaj sme da sadrži "
    "samo zbirne podatke: uklonite ga (desni klik na ćeliju > Uredi hipervezu ili Ukloni hipervezu), sačuvajte "
    "datoteku i pošaljite je ponovo.",
    "The hyperlink in cell {cell} on sheet '{sheet}' holds personal data ({kind}: {value}). Reports hold aggregate "
    "data only: remove it (right-click the cell > Edit Hyperlink, or Remove Hyperlink), save the file and send it "
    "again.",
)  # fmt: skip
rule(
    "personal-data-table", "error",
    "A table (Insert > Table) holds what looks like personal data (as `personal-data` finds it in a cell) in its name "
    "(searched as a sheet's name is), its comment, a column's name (kept with the table even when its header row is "
    "turned off and no cell shows it), its total row's label, a column's formula or a value its filter keeps: the "
    "file is kept with it.",
    "a victim's name as the name of a column whose header row is hidden",
    "Tabela „{name}“ na listu „{sheet}“ ({part}) sadrži lični podatak ({kind}: {value}). Izveštaj sme da sadrži "
    "samo zbirne podatke: uklonite ga na kartici Dizajn tabele (komentar tabele u meniju Formule > Upravljač "
    "imenima) ili pretvorite tabelu u običan opseg (Dizajn tabele > Konvertuj u opseg), sačuvajte datoteku i "
    "pošaljite je ponovo.",
    "The table '{name}' on sheet '{sheet}' ({part}) holds personal data ({kind}: {value}). Reports hold aggregate "
    "data only: remove it on the Table Design tab (a table's comment in Formulas > Name Manager) or turn the table "
    "into a plain range (Table Design > Convert to Range), save the file and send it again.",
)  # fmt: skip
rule(
    "personal-data-drawing", "error",
    "A shape, text box or picture (Insert > Shapes, Text Box, Pictures) holds what looks like personal data (as "
    "`personal-data` finds it in a cell) in its text, its name (as the Selection Pane shows it), its alternative text "
    "or its hyperlink: the file is kept with it.",
    "a text box with a victim's phone number laid over the Problems sheet",
    "Oblik ili slika „{name}“ na listu „{sheet}“ ({part}) sadrži lični podatak ({kind}: {value}). Izveštaj sme da "
    "sadrži samo zbirne podatke: pronađite ga u meniju Početak > Pronađi i izaberi > Okno za izbor, uklonite "
    "podatak (desni klik > Uredi tekst, Uredi alternativni tekst ili Uredi vezu) ili obrišite oblik, sačuvajte "
    "datoteku i pošaljite je ponovo.",
    "The shape or picture '{name}' on sheet '{sheet}' ({part}) holds personal data ({kind}: {value}). Reports hold "
    "aggregate data only: find it in Home > Find & Select > Selection Pane, remove the data (right-click > Edit "
    "Text, Edit Alt Text or Edit Link) or delete the shape, save the file and send it again.",
)  # fmt: skip
rule(
    "personal-data-chart", "error",
    "A chart holds what looks like personal data (as `personal-data` finds it in a cell) in a title or label typed "
    "into it, or in the copy it keeps of the cells it shows, which stays in the file even where the cells no longer "
    "hold the data: the file is kept with it.",
    "a chart of a victim's calls, its cells cleared, its copy of them kept",
    "Grafikon „{name}“ na listu „{sheet}“ ({part}) sadrži lični podatak ({kind}: {value}). Grafikon čuva kopiju "
    "ćelija koje prikazuje, i kada one više ne sadrže podatak. Izveštaj sme da sadrži samo zbirne podatke: uklonite "
    "ga iz naslova i oznaka, izaberite za grafikon ćelije bez njega (Dizajn grafikona > Izaberi podatke) ili "
    "obrišite grafikon, sačuvajte datoteku i pošaljite je ponovo.",
    "The chart '{name}' on sheet '{sheet}' ({part}) holds personal data ({kind}: {value}). A chart keeps a copy of "
    "the cells it shows, even when they no longer hold the data. Reports hold aggregate data only: remove it from "
    "the titles and labels, have the chart show cells without it (Chart Design > Select Data) or delete the chart, "
    "save the file and send it again.",
)  # fmt: skip
rule(
    "personal-data-pivot-cache", "error",
    "A PivotTable keeps a copy of every row of the cells it was made from (its cache), which stays in the file after "
    "those cells, or their sheet, are deleted: the copy holds what looks like personal data (as `personal-data` "
    "finds it in a cell), and the file is kept with it.",
    "a PivotTable counting a list of victims whose sheet was deleted",
    "Izvedena tabela „{name}“ na listu „{sheet}“ čuva kopiju podataka od kojih je napravljena, a kopija sadrži "
    "lični podatak ({kind}: {value}), i kada ga nijedna ćelija više ne prikazuje. Izveštaj sme da sadrži samo "
    "zbirne podatke: obrišite izvedenu tabelu (sa njom i kopiju) i napravite je ponovo od podataka bez njega, "
    "sačuvajte datoteku i pošaljite je ponovo.",
    "The PivotTable '{name}' on sheet '{sheet}' keeps a copy of the data it was made from, which holds personal "
    "data ({kind}: {value}), even where no cell shows it any longer. Reports hold aggregate data only: delete the "
    "PivotTable (its copy goes with it) and make it again from data without it, save the file and send it again.",
)  # fmt: skip
rule(
    "personal-data-external-link", "error",
    "A link to another workbook (a formula that refers to it; Data > Edit Links) holds what looks like personal "
    "data (as `personal-data` finds it in a cell) in that workbook's address or in the copy Excel keeps of the cells "
    "it refers to, which stays in the file after the formulas are deleted: the file is kept with it.",
    "a link to a list of victims, its formulas deleted, its copy of their JMBGs kept",
    "Veza sa radnom sveskom „{name}“ (Podaci > Uredi veze) sadrži lični podatak ({kind}: {value}) u adresi te "
    "sveske ili u kopiji njenih ćelija koju čuva, i kada ga nijedna ćelija ne prikazuje. Izveštaj sme da sadrži "
    "samo zbirne podatke: prekinite vezu (Podaci > Uredi veze > Prekini vezu), sačuvajte datoteku i pošaljite je "
    "ponovo.",
    "The link to the workbook '{name}' (Data > Edit Links) holds personal data ({kind}: {value}) in that "
    "workbook's address or in the copy of its cells it keeps, even where no cell shows it. Reports hold aggregate "
    "data only: break the link (Data > Edit Links > Break Link), save the file and send it again.",
)  # fmt: skip
rule(
    "personal-data-smartart", "error",
    "A SmartArt graphic (Insert > SmartArt) holds what looks like personal data (as `personal-data` finds it in a "
    "cell) in its text, or in the copy of its shapes Excel keeps as they were last drawn: the file is kept with it.",
    "an organisation chart of a victim's family as a SmartArt graphic",
    "SmartArt grafika na listu „{sheet}“ ({part}) sadrži lični podatak ({kind}: {value}). Izveštaj sme da sadrži "
    "samo zbirne podatke: uklonite ga iz teksta grafike (SmartArt dizajn > Okno za tekst) ili obrišite grafiku, "
    "sačuvajte datoteku i pošaljite je ponovo.",
    "A SmartArt graphic on sheet '{sheet}' ({part}) holds personal data ({kind}: {value}). Reports hold aggregate "
    "data only: remove it from the graphic's text (SmartArt Design > Text Pane) or delete the graphic, save the file "
    "and send it again.",
)  # fmt: skip
rule(
    "personal-data-form-control", "error",
    "A form control (Developer > Insert: a button, label, group box, list or combo box) or an old-style text box "
    "holds what looks like personal data (as `personal-data` finds it in a cell) in its text, the list of values "
    "typed into it or its alternative text: the file is kept with it.",
    "a label control with a victim's phone number over the Problems sheet",
    "Kontrola obrasca ili stari okvir za tekst na listu „{sheet}“ ({part}) sadrži lični podatak ({kind}: {value}). "
    "Izveštaj sme da sadrži samo zbirne podatke: pronađite ga u meniju Početak > Pronađi i izaberi > Okno za izbor, "
    "uklonite podatak (desni klik > Uredi tekst ili Oblikuj kontrolu) ili obrišite kontrolu, sačuvajte datoteku i "
    "pošaljite je ponovo.",
    "A form control or old-style text box on sheet '{sheet}' ({part}) holds personal data ({kind}: {value}). Reports "
    "hold aggregate data only: find it in Home > Find & Select > Selection Pane, remove the data (right-click > Edit "
    "Text or Format Control) or delete the control, save the file and send it again.",
)  # fmt: skip
rule(
    "personal-data-slicer", "error",
    "A slicer (Insert > Slicer) holds what looks like personal data (as `personal-data` finds it in a cell) in its "
    "name, its caption, the name of the field it filters or the items it keeps: the file is kept with it.",
    "a slicer captioned with a victim's name",
    "Sečivo „{name}“ ({part}) sadrži lični podatak ({kind}: {value}). Izveštaj sme da sadrži samo zbirne podatke: "
    "uklonite ga (desni klik na sečivo > Postavke sečiva) ili obrišite sečivo, sačuvajte datoteku i pošaljite je "
    "ponovo.",
    "The slicer '{name}' ({part}) holds personal data ({kind}: {value}). Reports hold aggregate data only: remove it "
    "(right-click the slicer > Slicer Settings) or delete the slicer, save the file and send it again.",
)  # fmt: skip
rule(
    "personal-data-timeline", "error",
    "A timeline (Insert > Timeline: a slicer of dates) holds what looks like personal data (as `personal-data` finds "
    "it in a cell) in its name, its caption or the name of the date field it filters: the file is kept with it.",
    "a timeline captioned with a victim's e-mail address",
    "Vremenska osa „{name}“ ({part}) sadrži lični podatak ({kind}: {value}). Izveštaj sme da sadrži samo zbirne "
    "podatke: uklonite ga (izaberite vremensku osu i na kartici Vremenska osa izmenite Natpis vremenske ose) ili "
    "obrišite vremensku osu (desni klik > Ukloni vremensku osu), sačuvajte datoteku i pošaljite je ponovo.",
    "The timeline '{name}' ({part}) holds personal data ({kind}: {value}). Reports hold aggregate data only: remove "
    "it (select the timeline and change its Timeline Caption on the Timeline tab) or delete the timeline "
    "(right-click > Remove Timeline), save the file and send it again.",
)  # fmt: skip
rule(
    "personal-data-connection", "error",
    "A data connection or query (Data > Queries & Connections) holds what looks like personal data (as "
    "`personal-data` finds it in a cell) in its name, its description, where it reads from or what it asks there (a "
    "connection string, a command, an address, a parameter), in a query table's column names, or in a Power Query "
    "query's code (its M code, which Excel keeps base64-encoded in the file: a text typed into a step, a table typed "
    "in with Enter Data): the file is kept with it.",
    "a query that selects one victim by JMBG from another institution's database",
    "Veza sa podacima ili upit „{name}“ (Podaci > Upiti i veze) ({part}) sadrži lični podatak ({kind}: {value}). "
    "Izveštaj sme da sadrži samo zbirne podatke: obrišite vezu ili upit (Podaci > Upiti i veze, desni klik > "
    "Izbriši), sačuvajte datoteku i pošaljite je ponovo.",
    "The data connection or query '{name}' (Data > Queries & Connections) ({part}) holds personal data ({kind}: "
    "{value}). Reports hold aggregate data only: delete the connection or query (Data > Queries & Connections, "
    "right-click > Delete), save the file and send it again.",
)  # fmt: skip
rule(
    "personal-data-embedded", "error",
    "A document embedded in the report (Insert > Object: a Word document, a presentation, another workbook) holds "
    "what looks like personal data (as `personal-data` finds it in a cell) in its text: the file is kept with it.",
    "a Word document with a victim's statement embedded as an icon",
    "Ugrađeni dokument „{name}“ na listu „{sheet}“ sadrži lični podatak ({kind}: {value}). Izveštaj sme da sadrži "
    "samo zbirne podatke: izaberite ugrađeni objekat na listu i obrišite ga, sačuvajte datoteku i "
    "pošaljite je ponovo.",
    "The embedded document '{name}' on sheet '{sheet}' holds personal data ({kind}: {value}). Reports hold "
    "aggregate data only: delete the embedded object (select it and press Delete), save the file and send it again.",
)  # fmt: skip
rule(
    "personal-data-unreadable-picture", "error",
    "The report holds a picture (Insert > Pictures, a picture in a header or footer, a sheet's background, the "
    "picture Excel shows of an embedded object), which apmon cannot read. A report template never holds one, and a "
    "picture in a report on trafficking may be a scan of an identity card or a photograph of a person: the file is "
    "refused and kept as personal data is, until the retention ends. A ministry's logo too: apmon cannot tell it "
    "from a scan, and the cover names the institution already. The message says how to delete the picture where it "
    "is: on the sheet, in the page's header or footer, as the sheet's background, or in a cell (Excel 365's Place in "
    "Cell: the issue names that cell, to select and clear). The picture Excel keeps of the "
    "file as its thumbnail is not counted.",
    "a photograph of a passport pasted onto the Problems sheet; the ministry's logo on the cover",
    "Slika „{name}“ na listu „{sheet}“ ne može da se pročita, a slika može da sadrži lične podatke (sken lične karte, "
    "fotografiju). Zato izveštaj ne sme da ima nijednu sliku, ni logotip ministarstva (naziv institucije već je na "
    "naslovnoj strani). {how}, sačuvajte datoteku i pošaljite je ponovo.",
    "The picture '{name}' on sheet '{sheet}' cannot be read and may hold personal data (a scan of an identity card, "
    "a photograph). So a report may hold no picture at all, not even the ministry's logo (the cover names the "
    "institution already). {how}, save the file and send it again.",
)  # fmt: skip
rule(
    "personal-data-unreadable-object", "error",
    "The report holds an embedded object apmon cannot read (Insert > Object: a binary Word document, a PDF, a "
    "package; an ActiveX control; or something an embedded document embeds in turn). A report template never holds "
    "one, and it may hold personal data: the file is refused and kept as personal data is, until the retention ends. "
    "An .xlsm file's macros are not counted.",
    "a scanned statement embedded as a PDF object",
    "Ugrađeni objekat „{name}“ na listu „{sheet}“ ne može da se pročita, a može da sadrži lične podatke. Obrazac "
    "izveštaja nema ugrađenih objekata: izaberite ga na listu i obrišite ga, sačuvajte datoteku i "
    "pošaljite je ponovo.",
    "The embedded object '{name}' on sheet '{sheet}' cannot be read and may hold personal data. The report template "
    "has no embedded objects: delete it (select it and press Delete), save the file and send it again.",
)  # fmt: skip
rule(
    "personal-data-unreadable-query", "error",
    "The report holds Power Query queries (Data > Get Data) whose code cannot be decoded (Excel keeps it "
    "base64-encoded in the file, a zip inside; or it holds a binary that is no text): apmon cannot read it, and it "
    "may hold personal data, so the file is refused and kept as personal data is, until the retention ends. Queries "
    "that can be decoded are searched (`personal-data-connection`).",
    "a query whose code was damaged by a program that rewrote the file",
    "Upiti dodatka Power Query u izveštaju (Podaci > Upiti i veze) ne mogu da se pročitaju, a mogu da sadrže lične "
    "podatke. Obrazac izveštaja nema upita: obrišite ih (Podaci > Upiti i veze, desni klik na svaki upit > "
    "Izbriši), sačuvajte datoteku i pošaljite je ponovo.",
    "The report's Power Query queries (Data > Queries & Connections) cannot be read and may hold personal data. The "
    "report template has no queries: delete them (Data > Queries & Connections, right-click each query > Delete), "
    "save the file and send it again.",
)  # fmt: skip
rule(
    "personal-data-unreadable-data-model", "error",
    "The report holds a data model (Power Pivot; a query or PivotTable made with 'Add this data to the Data "
    "Model'), a binary copy of every row loaded into it, which apmon cannot read: it may hold personal data, so the "
    "file is refused and kept as personal data is, until the retention ends. It is known by its bytes (an Analysis "
    "Services backup), whatever its part is called.",
    "a PivotTable counting a list of victims through the data model",
    "Izveštaj sadrži model podataka (Power Pivot), kopiju svih redova koji su u njega učitani, koju apmon ne može da "
    "pročita, a može da sadrži lične podatke. Obrazac izveštaja nema model podataka: u meniju Podaci > Upravljanje "
    "modelom podataka (ili Power Pivot > Upravljaj) obrišite svaku njegovu tabelu (desni klik na karticu tabele > "
    "Izbriši) i obrišite izvedene tabele i upite koji ga koriste, ili prenesite unete podatke u nov obrazac, "
    "sačuvajte datoteku i pošaljite je ponovo.",
    "The report holds a data model (Power Pivot), a copy of every row loaded into it, which apmon cannot read and "
    "which may hold personal data. The report template has no data model: in Data > Manage Data Model (or Power "
    "Pivot > Manage) delete each of its tables (right-click the table's tab > Delete) and delete the PivotTables and "
    "queries that use it, or copy your entries into a new template, save the file and send it again.",
)  # fmt: skip
rule(
    "file-name-period", "warning",
    "The file's name names another month than the monthly report in it (its template's hidden sheet says which): a "
    "report filled in on the wrong month's template takes that month's place.",
    "March's figures typed into February's template, saved as MUP_2018-03.xlsx",
    "Naziv datoteke navodi mesec {named}, a izveštaj u njoj je za {period} (tako piše u obrascu). Proverite da li je "
    "izveštaj popunjen u obrascu za pravi mesec; ako jeste, preimenujte datoteku.",
    "The file's name says {named}, but the report in it is for {period} (as its template says). Check that the "
    "report was filled in on the right month's template; if it was, rename the file.",
)  # fmt: skip
rule(
    "file-name-personal-data", "error",
    "The name of the file holds what looks like personal data (as `personal-data` finds it in a cell; words joined by underscores count as words). A file name is kept wherever the report is listed.",
    "a victim's JMBG in the name of the file sent",
    "Naziv datoteke sadrži lični podatak ({kind}: {value}). Preimenujte datoteku bez njega i pošaljite je ponovo.",
    "The file's name holds personal data ({kind}: {value}). Rename the file without it and send it again.",
)  # fmt: skip
rule(
    "folder-name-personal-data", "error",
    "The name of a folder the file lies in, inside the reports folder, holds what looks like personal data (as `file-name-personal-data` finds it in the file's name). The path is kept wherever the report is listed.",
    "a subfolder named after a victim, with her JMBG",
    "Naziv fascikle u kojoj je datoteka sadrži lični podatak ({kind}: {value}). Preimenujte fasciklu bez njega (ili premestite datoteku u drugu) i pošaljite izveštaj ponovo.",
    "The name of the folder the file is in holds personal data ({kind}: {value}). Rename the folder without it (or move the file to another) and send the report again.",
)  # fmt: skip
rule(
    "sheet-title-personal-data", "error",
    "The title of a Google Sheet holds what looks like personal data (as `file-name-personal-data` finds it in a file's name; a title is one name, \"/\" and all). The title is kept wherever the report is listed.",
    "a spreadsheet titled after a victim, with her JMBG",
    "Naziv Google tabele sadrži lični podatak ({kind}: {value}). Preimenujte tabelu bez njega (kliknite na njen naziv iznad menija).",
    "The Google Sheet's title holds personal data ({kind}: {value}). Rename the spreadsheet without it (click its title, above the menus).",
)  # fmt: skip
rule(
    "text-too-long", "warning",
    "A text cell is longer than a reader can use; summarise it.",
    "a 5,000-character progress text",
    "Broj znakova u tekstu: {length} (preporučeno najviše {limit}). Skratite ga na suštinu.",
    "The text has {length} characters (at most {limit} recommended). Shorten it to the essentials.",
)  # fmt: skip


# --- the one lookup --------------------------------------------------------------


def catalogue_parts() -> dict[str, dict[str, tuple[str, str]]]:
    """Each part of the catalogue: key -> (Serbian Latin, English)."""
    return {
        "rules": {code: (r.sr_latn, r.en) for code, r in RULES.items()},
        "rule advice": RULE_ADVICE,
        "file problems": FILE_PROBLEMS,
        "labels": LABELS,
        "add-in texts": ADDIN_TEXTS,
        "server errors": SERVER_ERRORS,
        "report texts": REPORT_TEXTS,
        "calendar words": CALENDAR_WORDS,
        "mail texts": MAIL_TEXTS,
        "command line texts": CLI_TEXTS,
        "library errors": ERROR_TEXTS,
        "office add-in texts": OFFICE_TEXTS,
        "apps script texts": APPS_SCRIPT_TEXTS,
    }


@cache
def catalogue() -> dict[str, tuple[str, str]]:
    """Every key of the catalogue -> (Serbian Latin, English); ValueError when a key is defined twice."""
    merged: dict[str, tuple[str, str]] = {}
    for part in catalogue_parts().values():
        twice = sorted(merged.keys() & part.keys())
        if twice:
            raise ValueError(f"catalogue keys defined twice: {twice}")
        merged.update(part)
    return merged


def variant(key: str, lang: Lang) -> str:
    """The text `key` in `lang`, its {placeholders} unfilled. KeyError for a key the catalogue lacks."""
    sr_latn, en = catalogue()[key]
    if lang == "en":
        return en
    return sr_latn if lang == "sr-Latn" else _cyrillic(sr_latn, slash_words_latin_now())


def text_of(key: str, lang: Lang, **fields: Any) -> str:
    """The text `key` in `lang`, `fields` filled in (a missing one shows as '?'); a field that is a date or a
    datetime is said as `lang` writes it (schemas.dates)."""
    found = variant(key, lang)
    return fill(found, {name: _said_date(value, lang) for name, value in fields.items()}) if fields else found


def _said_date(value: Any, lang: Lang) -> Any:
    return said_if_date(value, lang) if isinstance(value, dt.date) else value


def file_problem_fields(params: Mapping[str, str], lang: Lang) -> dict[str, str]:
    """A file problem's fields for its message in `lang`: the operating system's reason in the reader's words when
    the problem names it (`os`: schemas.said.os_reason_code), its own words (`reason`) otherwise."""
    fields = dict(params)
    os_key = f"os.{fields.get('os')}"
    if os_key in catalogue():
        fields["reason"] = variant(os_key, lang)
    return fields


def stored_message(found: Mapping[str, Any], lang: Lang) -> str:
    """A stored issue's message in `lang`, made again from its code and fields; the stored text otherwise."""
    code, params = str(found.get("code", "")), dict(found.get("params") or {})
    try:
        if code in FILE_PROBLEMS:
            return variant(code, lang).format(**file_problem_fields(params, lang))
        if code in RULES:
            where = {k: found.get(k) or "" for k in ("sheet", "cell")}
            return message(
                Issue(code=code, severity=RULES[code].severity, value=found.get("value"), params=params, **where), lang
            )
    except (KeyError, IndexError, ValueError):
        pass  # fields a newer or older apmon named otherwise
    return str(found.get("message", ""))


def all_variants(key: str) -> list[str]:
    """`key` in every language and script (and as templates of version 1 wrote it in Cyrillic), for reading back
    whatever language a file was built in."""
    sr_latn, en = catalogue()[key]
    return list(dict.fromkeys([sr_latn, _cyrillic(sr_latn, False), _cyrillic(sr_latn, True), en]))


# Whom the ledger records as the issuer of the brief the scheduled sync issues without `[reports] coordinator`: a
# marker, not words, so each reader reads it in their own language (issuer_said).
SYNC_ISSUER = "apmon:sync"


def issuer_stored(by: str | None) -> str | None:
    """`by` as the ledger means it: the sync's words an older apmon stored in the master's language (Latin, Cyrillic
    or English) read as SYNC_ISSUER, so they too are said in the reader's language; a name as it is."""
    return SYNC_ISSUER if by is not None and by in all_variants("reports.by_sync") else by


def is_marker_name(name: str) -> bool:
    """`name` is one of apmon's own markers or their words: the sync's, or the master's (alone or with a name). A
    person giving it would be read as the unattended sync or as the master's Evaluation sheet (refused)."""
    name = name.strip()
    master = author_stored(name)
    return issuer_stored(name) == SYNC_ISSUER or master == MASTER_AUTHOR or master.startswith(MASTER_AUTHOR + ":")


def issuer_said(by: str, lang: Lang) -> str:
    """Who issued a report, in `lang`: the sync (SYNC_ISSUER, or its words stored before) in the reader's words."""
    return text_of("reports.by_sync", lang) if issuer_stored(by) == SYNC_ISSUER else by


# Whom the ledger records a decision typed on the master's Evaluation sheet under: a marker, not words, so each
# reader reads it in their own language (author_said); with `[reports] coordinator`, "apmon:master:<the name>".
MASTER_AUTHOR = "apmon:master"


def author_stored(author: str) -> str:
    """`author` as the ledger means it: the words an older apmon stored for a decision typed on the master, in the
    master's language (Latin, Cyrillic or English), read as MASTER_AUTHOR (the name kept); anything else as it is."""
    if author in all_variants("evaluation.from_master"):
        return MASTER_AUTHOR
    for template in all_variants("evaluation.from_master_named"):  # "{name} (zbirna radna sveska)"
        mark = template.replace("{name}", "")
        if author.endswith(mark) and author != mark:
            return f"{MASTER_AUTHOR}:{author.removesuffix(mark)}"
    return author


def author_said(author: str, lang: Lang) -> str:
    """Who made a decision, in `lang`: the master's marker (or its words stored before) in the reader's words, the
    Coordinator's name in it as typed; a name given with `--by` as typed."""
    stored = author_stored(author)
    if stored == MASTER_AUTHOR:
        return text_of("evaluation.from_master", lang)
    if stored.startswith(MASTER_AUTHOR + ":"):
        return text_of("evaluation.from_master_named", lang, name=stored.removeprefix(MASTER_AUTHOR + ":"))
    return author


@cache  # the texts are constants: transliterated once per rule
def _cyrillic(sr_latn: str, version_1: bool) -> str:
    with slash_words_latin(version_1):
        return latin_to_cyrillic_template(sr_latn)


def plural_form(n: int, lang: Lang) -> Literal["one", "few", "many"]:
    """The form a noun takes after `n`: Serbian 1, 21 dan (one); 2-4, 22-24 dana (few); 0, 5-20 dana (many).
    English has one and many."""
    if lang == "en":
        return "one" if n == 1 else "many"
    if n % 10 == 1 and n % 100 != 11:
        return "one"
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return "few"
    return "many"


def grouped(value: Decimal | int, lang: Lang, decimals: int = 0) -> str:
    """A number as the reader writes it, thousands grouped: 1.234.567,89 in Serbian, 1,234,567.89 in English (rounded
    by Python's format: round to a rule of your own first where it matters)."""
    shown = f"{value:,.{decimals}f}"
    return shown if lang == "en" else shown.replace(",", " ").replace(".", ",").replace(" ", ".")


def whole_number(n: int, lang: Lang) -> str:
    """A count as the reader writes it, thousands grouped: 2.313 in Serbian, 2,313 in English."""
    return grouped(n, lang)


def counted(n: int, noun: str, lang: Lang) -> str:
    """'1 error', '3 greške', '5 grešaka', '2 упозорења', '2.313 radnih dana': `noun` of PLURALS with the form its
    number takes, the number grouped in thousands as `lang` writes it."""
    (one, few, many), (en_one, en_other) = PLURALS[noun]
    form, shown = plural_form(n, lang), whole_number(n, lang)
    if lang == "en":
        return f"{shown} {en_one if form == 'one' else en_other}"
    word = {"one": one, "few": few, "many": many}[form]
    return f"{shown} {word if lang == 'sr-Latn' else _cyrillic(word, slash_words_latin_now())}"
