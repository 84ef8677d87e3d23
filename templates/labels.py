"""Every label a template shows, in Serbian Latin and English.

Serbian Cyrillic is derived from Serbian Latin by transliteration, so the two
scripts cannot drift apart.
"""

from __future__ import annotations

from functools import cache

from schemas.text import Lang, latin_to_cyrillic_template

# key -> (sr-Latn, en), or (sr-Latn, en, sr-Cyrl) where transliteration would be wrong (foreign names)
_LABELS: dict[str, tuple[str, str] | tuple[str, str, str]] = {
    # sheet names (at most 31 characters, no []:*?/\)
    "sheet.cover": ("Naslovna", "Cover"),
    "sheet.tasks": ("Zadaci", "Tasks"),
    "sheet.activities": ("Aktivnosti", "Activities"),
    "sheet.budget": ("Budžet", "Budget"),
    "sheet.indicators": ("Pokazatelji", "Indicators"),
    "sheet.problems": ("Problemi", "Problems"),
    "sheet.narrative": ("Izveštaj", "Narrative"),
    "sheet.instructions": ("Uputstvo", "Instructions"),
    # titles
    "title.monthly": (
        "Mesečni izveštaj o sprovođenju Akcionog plana",
        "Monthly report on the implementation of the Action Plan",
    ),
    "title.annual": (
        "Godišnji izveštaj o sprovođenju Akcionog plana",
        "Annual report on the implementation of the Action Plan",
    ),
    "title.tasks": ("Zadaci: stanje i napredak", "Tasks: status and progress"),
    "title.activities": ("Aktivnosti: godišnja ocena", "Activities: annual assessment"),
    "title.budget": ("Budžet: planirano i utrošeno", "Budget: planned and spent"),
    "title.indicators": ("Pokazatelji aktivnosti", "Activity indicators"),
    "title.problems": ("Problemi i prepreke", "Problems and obstacles"),
    "title.narrative": ("Rezultati, problemi i izazovi u godini", "Results, problems and challenges of the year"),
    "title.instructions": ("Kako popuniti izveštaj", "How to fill in this report"),
    "hint.inputs": (
        "Popunjavaju se samo bela polja; siva polja su iz Akcionog plana i zaključana su.",
        "Fill in the white cells only; grey cells come from the Action Plan and are locked.",
    ),
    # cover
    "cover.institution": ("Institucija", "Institution"),
    "cover.code": ("Šifra institucije", "Institution code"),
    "cover.period": ("Izveštajni period", "Reporting period"),
    "cover.kind": ("Vrsta izveštaja", "Kind of report"),
    "cover.due": ("Rok za dostavljanje", "Due date"),
    "cover.plan": ("Akcioni plan", "Action Plan"),
    "cover.preparer": ("Izveštaj pripremio/la", "Prepared by"),
    "cover.contact": ("Kontakt (službeni telefon ili e-adresa)", "Contact (office phone or e-mail)"),
    "cover.date": ("Datum izveštaja", "Report date"),
    "cover.state": ("Stanje izveštaja", "Report state"),
    "kind.monthly": ("mesečni", "monthly"),
    "kind.annual": ("godišnji", "annual"),
    "state.draft": ("u pripremi", "draft"),
    "state.submitted": ("dostavljen", "submitted"),
    # columns
    "col.task": ("Zadatak", "Task"),
    "col.task_text": ("Opis zadatka", "Task description"),
    "col.activity": ("Aktivnost", "Activity"),
    "col.activity_text": ("Naziv aktivnosti", "Activity title"),
    "col.role": ("Uloga", "Role"),
    "col.deadline": ("Rok aktivnosti", "Activity deadline"),
    "col.status": ("Stanje", "Status"),
    "col.progress": ("Napredak u periodu", "Progress this period"),
    "col.problems": ("Problemi i prepreke", "Problems and obstacles"),
    "col.measures": ("Predložene korektivne mere", "Corrective measures proposed"),
    "col.risks": ("Rizici koji su se ostvarili", "Risks that materialised"),
    "col.assessment": ("Ocena realizacije", "Assessment"),
    "col.assessment_note": ("Obrazloženje ocene", "Reasons for the assessment"),
    "col.line": ("Stavka", "Line"),
    "col.source": ("Izvor", "Source"),
    "col.donor": ("Donator / projekat", "Donor / project"),
    "col.planned": ("Planirano", "Planned"),
    "col.currency": ("Valuta", "Currency"),
    "col.year": ("Godina", "Year"),
    "col.spent_period": ("Utrošeno u periodu", "Spent this period"),
    "col.spent_year": ("Utrošeno od početka godine", "Spent this year to date"),
    "col.note": ("Napomena", "Note"),
    "col.indicator": ("Pokazatelj", "Indicator"),
    "col.indicator_text": ("Opis pokazatelja", "Indicator"),
    "col.women": ("Žene", "Women"),
    "col.men": ("Muškarci", "Men"),
    "col.girls": ("Devojčice", "Girls"),
    "col.boys": ("Dečaci", "Boys"),
    "col.total": ("Ukupno", "Total"),
    "col.value": (
        "Vrednost / opis (za pokazatelje koji nisu broj)",
        "Value / description (for indicators that are not counts)",
    ),
    "col.problem_no": ("Redni broj", "No."),
    "col.description": ("Opis problema", "Description of the problem"),
    "col.item": ("Stavka", "Item"),
    "col.text": ("Tekst", "Text"),
    "narrative.results": ("Ostvareni rezultati", "Results achieved"),
    "narrative.problems": ("Problemi", "Problems"),
    "narrative.challenges": ("Izazovi i preporuke", "Challenges and recommendations"),
    # roles and choices
    "role.lead": ("nosilac", "lead"),
    "role.partner": ("partner", "partner"),
    "status.not-started": ("nije započet", "not started"),
    "status.in-progress": ("u toku", "in progress"),
    "status.delayed": ("kasni", "delayed"),
    "status.completed": ("završen", "completed"),
    "assessment.completed": ("realizovana", "completed"),
    "assessment.partially-completed": ("delimično realizovana", "partially completed"),
    "assessment.not-completed": ("nije realizovana", "not completed"),
    "source.state-budget": ("budžet Republike Srbije", "state budget"),
    "source.taiex": ("TAIEX", "TAIEX", "TAIEX"),
    "source.donor-project": ("donatorski projekat", "donor project"),
    "source.no-cost": ("bez troškova", "no cost"),
    "source.cost-unknown": ("troškovi nepoznati", "cost unknown"),
    "deadline.continuous": ("kontinuirano do {date}", "continuously until {date}"),
    "deadline.due": ("do {date}", "by {date}"),
    # data validation prompts
    "prompt.status": ("Izaberite stanje zadatka sa liste.", "Choose the task's status from the list."),
    "prompt.assessment": ("Izaberite ocenu sa liste.", "Choose the assessment from the list."),
    "prompt.amount": (
        "Unesite iznos kao broj, bez oznake valute (npr. 79300 ili 79300,50).",
        "Type the amount as a number, without the currency (e.g. 79300 or 79300.50).",
    ),
    "prompt.count": ("Unesite ceo broj, 0 ili veći.", "Type a whole number, 0 or more."),
    "prompt.date": ("Unesite datum (npr. 05.02.2018).", "Type a date (e.g. 05/02/2018)."),
    "error.list": (
        "Vrednost nije na listi. Izaberite sa liste.",
        "The value is not in the list. Choose from the list.",
    ),
    "error.amount": ("Iznos mora biti broj 0 ili veći.", "The amount must be a number, 0 or more."),
    "error.count": ("Unesite ceo broj, 0 ili veći.", "Type a whole number, 0 or more."),
    # instructions
    "instructions.1": (
        "1. Na listu „Naslovna“ upišite ime osobe koja je pripremila izveštaj, službeni kontakt i datum.",
        "1. On the Cover sheet, type who prepared the report, an office contact and the date.",
    ),
    "instructions.2": (
        "2. Na listu „Zadaci“ za svaki zadatak izaberite stanje i opišite napredak u izveštajnom periodu. "
        "Ako zadatak kasni ili nije realizovan, navedite probleme i predložite korektivne mere.",
        "2. On the Tasks sheet, choose a status for every task and describe the progress in the period. "
        "If a task is delayed or not completed, describe the problems and propose corrective measures.",
    ),
    "instructions.3": (
        "3. Na listu „Budžet“ unesite iznose utrošene u periodu i od početka godine, kao brojeve, u valuti stavke.",
        "3. On the Budget sheet, type the amounts spent in the period and since the start of the year, "
        "as numbers, in the line's currency.",
    ),
    "instructions.4": (
        "4. Na listu „Pokazatelji“ unesite vrednosti za period; gde postoji raščlanjavanje po polu i uzrastu, "
        "zbir žena, muškaraca, devojčica i dečaka mora biti jednak ukupnom broju.",
        "4. On the Indicators sheet, type the values for the period; where there is a breakdown by sex and age, "
        "women, men, girls and boys must add up to the total.",
    ),
    "instructions.5": (
        "5. Izveštaj sadrži samo zbirne podatke: ne upisujte imena, JMBG, adrese, telefone ni e-adrese žrtava.",
        "5. The report holds aggregate data only: never type names, personal identity numbers (JMBG), "
        "addresses, phone numbers or e-mail addresses of victims.",
    ),
    "instructions.6": (
        "6. Kliknite „Proveri“: neispravna polja biće obojena, a spisak grešaka prikazan na listu "
        "„Greške“. Kada grešaka nema, kliknite „Dostavi“.",
        "6. Click Validate: cells with problems are coloured and listed on the Issues sheet. "
        "When there are no errors, click Submit.",
    ),
    "instructions.7": (
        "7. Ne menjajte zaključana polja, ne dodajte, ne brišite i ne premeštajte redove zadataka.",
        "7. Do not change locked cells, and do not add, delete or move task rows.",
    ),
}

INSTRUCTION_KEYS = [k for k in _LABELS if k.startswith("instructions.")]


def label(key: str, lang: Lang, **fields: str) -> str:
    """The label `key` in `lang`; `fields` fill {placeholders}."""
    text = _variants(key)[{"sr-Latn": 0, "sr-Cyrl": 1, "en": 2}[lang]]
    return text.format(**fields) if fields else text


def all_labels(key: str) -> list[str]:
    """`key` in every language and script, for reading back whatever language a file was built in."""
    return list(_variants(key))


@cache  # labels are constants; transliterating them once is enough
def _variants(key: str) -> tuple[str, str, str]:
    """(sr-Latn, sr-Cyrl, en) of `key`."""
    entry = _LABELS[key]
    sr_cyrl = entry[2] if len(entry) == 3 else latin_to_cyrillic_template(entry[0])
    return entry[0], sr_cyrl, entry[1]
