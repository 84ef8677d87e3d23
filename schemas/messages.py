"""The rule catalogue: every issue code with its severity, meaning, an
example, and its message in Serbian Latin and English (Serbian Cyrillic is
derived by transliteration). `docs/validation-rules.md` is generated from it.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict

from schemas.issues import Issue, Severity
from schemas.text import Lang, latin_to_cyrillic_template


class Rule(BaseModel):
    model_config = ConfigDict(frozen=True)

    code: str
    severity: Severity
    meaning: str
    example: str
    sr_latn: str
    en: str

    def message(self, lang: Lang) -> str:
        if lang == "en":
            return self.en
        return self.sr_latn if lang == "sr-Latn" else latin_to_cyrillic_template(self.sr_latn)


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
    return RULES[found.code].message(lang).format_map(_Blank(fields))


class _Blank(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return "?"


# --- structure ---------------------------------------------------------------

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
    "plan-mismatch", "error",
    "The template was built for another Action Plan than the one being monitored.",
    "plan ap-2019-2020 in a 2017-2018 ledger",
    "Obrazac je napravljen za akcioni plan {value}, a prati se plan {expected}. Preuzmite obrazac za važeći plan.",
    "The template was made for Action Plan {value}, but plan {expected} is being monitored. "
    "Download the template for the current plan.",
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
    "Ovo je izveštaj institucije {value}, a očekuje se izveštaj institucije {expected}.",
    "This is a report of {value}, but a report of {expected} is expected here.",
)  # fmt: skip
rule(
    "wrong-period", "error",
    "The report is for another period than the one expected.",
    "a 2018-02 report submitted as 2018-03",
    "Ovo je izveštaj za period {value}, a očekuje se period {expected}.",
    "This report is for {value}, but the period {expected} is expected.",
)  # fmt: skip
rule(
    "sheet-missing", "error",
    "A sheet of the template is missing or was renamed.",
    "the Budget sheet deleted",
    "Nedostaje list „{expected}“. Ne brišite i ne preimenujte listove obrasca.",
    "The sheet '{expected}' is missing. Do not delete or rename the template's sheets.",
)  # fmt: skip
rule(
    "locked-cell-changed", "error",
    "A locked cell (from the plan, or a header) no longer holds what the template put there.",
    "a task text edited after unprotecting the sheet",
    "Zaključano polje je izmenjeno: bilo je „{expected}“, sada je „{value}“. Vratite prvobitnu vrednost.",
    "A locked cell was changed: it held '{expected}', now '{value}'. Put the original value back.",
)  # fmt: skip
rule(
    "row-deleted", "error",
    "A row of the template (a task, budget line or indicator) was deleted.",
    "the row of task 1.2.3 deleted",
    "Red za {key} je obrisan. Vratite ga (preuzmite nov obrazac ako je potrebno).",
    "The row for {key} was deleted. Put it back (download a new template if needed).",
)  # fmt: skip
rule(
    "row-inserted", "error",
    "A row that is not in the template was inserted among the template's rows.",
    "an extra task row typed in",
    "Red {value} nije deo obrasca. Obrišite ga; probleme upišite na list „Problemi“.",
    "Row '{value}' is not part of the template. Delete it; write problems on the Problems sheet.",
)  # fmt: skip
rule(
    "row-moved", "error",
    "The template's rows are in another order than the template put them.",
    "rows sorted by status",
    "Red za {key} je premešten (očekivan je u redu {expected}). Vratite redove u prvobitni redosled.",
    "The row for {key} was moved (expected on row {expected}). Put the rows back in their original order.",
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
    "An amount is not a number.",
    "'about 100 thousand'",
    "Iznos „{value}“ nije broj. Upišite samo broj, npr. 79300 ili 79.300,50.",
    "The amount '{value}' is not a number. Type a number only, e.g. 79300 or 79300.50.",
)  # fmt: skip
rule(
    "amount-ambiguous", "error",
    "An amount typed as text can be read two ways (1,234 is 1234 in English and 1,234 in Serbian).",
    "'1,234'",
    "Iznos „{value}“ može da se pročita na dva načina. Upišite ga bez razdvajanja hiljada (npr. 1234) "
    "ili u obliku 1.234,00.",
    "The amount '{value}' can be read two ways. Type it without thousands separators (e.g. 1234) "
    "or as 1.234,00.",
)  # fmt: skip
rule(
    "count-not-whole", "error",
    "A count is not a whole number.",
    "'12,5' or 'many'",
    "Broj „{value}“ mora biti ceo broj (0, 1, 2...).",
    "The count '{value}' must be a whole number (0, 1, 2...).",
)  # fmt: skip
rule(
    "count-negative", "error",
    "A count is below zero.",
    "-3",
    "Broj ne može biti manji od nule (upisano {value}).",
    "A count cannot be below zero (found {value}).",
)  # fmt: skip
rule(
    "choice-not-in-list", "error",
    "A value that should come from the cell's list is not one of its options.",
    "'done' as a task status",
    "„{value}“ nije na listi. Izaberite jednu od ponuđenih vrednosti: {options}.",
    "'{value}' is not in the list. Choose one of: {options}.",
)  # fmt: skip
rule(
    "date-invalid", "error",
    "A date cannot be read as a date.",
    "'31.02.2018'",
    "„{value}“ nije ispravan datum. Upišite ga u obliku 05.02.2018.",
    "'{value}' is not a valid date. Type it as 05.02.2018.",
)  # fmt: skip
