"""The words of the Coordinator's reports (the Minister's brief, the Council report), and the Serbian and
English ways of writing numbers and dates. Serbian Cyrillic is derived from Serbian Latin by transliteration.
Pure: no I/O."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from apmon.schemas.calendar import BELGRADE, Period
from apmon.schemas.text import Lang, latin_to_cyrillic_template

# key -> (sr-Latn, en)
_TEXTS: dict[str, tuple[str, str]] = {
    "issuer": (
        "Nacionalni koordinator za borbu protiv trgovine ljudima",
        "National Coordinator for Combating Human Trafficking",
    ),
    "ministry": (
        "Ministarstvo unutrašnjih poslova Republike Srbije",
        "Ministry of the Interior of the Republic of Serbia",
    ),
    "minister.title": (
        "Mesečna informacija ministru unutrašnjih poslova",
        "Monthly brief for the Minister of the Interior",
    ),
    "council.title": (
        "Izveštaj Savetu za borbu protiv trgovine ljudima",
        "Report to the Council for Combating Human Trafficking",
    ),
    "plan": ("o sprovođenju Akcionog plana {plan}", "on the implementation of the Action Plan {plan}"),
    "period": ("Period", "Period"),
    "issued": ("Datum", "Date"),
    "basis": (
        "Podaci: evidencija apmon, poslednja sinhronizacija pre preseka br. {run} ({finished}); presek podataka {cut_off}. "
        "Verzije izveštaja pristigle kasnije nisu uračunate.",
        "Data: apmon ledger, last sync run before the cut-off no. {run} ({finished}); data cut-off {cut_off}. "
        "Report versions that arrived later are not counted.",
    ),
    "basis.no_run": ("nema", "none"),
    "reproduced": (
        "Izveštaj je ponovo izrađen iz podataka poznatih u vreme preseka.",
        "This report was made again from the data known at the cut-off.",
    ),
    "page": ("Strana", "Page"),
    "of": ("od", "of"),
    # the brief
    "summary": ("Ukratko", "In brief"),
    "summary.reported": (
        "Izveštaj za {month} dostavilo je {reported} od {due} institucija ({on_time} u roku, {late} sa zakašnjenjem); "
        "{invalid} neispravnih, {missing} nedostaje. Rok je bio {due_date}",
        "{reported} of {due} institutions sent their report for {month} ({on_time} on time, {late} late); "
        "{invalid} invalid, {missing} missing. The deadline was {due_date}",
    ),
    "summary.tasks": (
        "Zadaci: {completed_month} završeno u mesecu, ukupno završeno {completed} od {total}; {overdue} sa isteklim "
        "rokom, {delayed} kasni",
        "Tasks: {completed_month} completed in the month, {completed} of {total} completed to date; {overdue} overdue, "
        "{delayed} delayed",
    ),
    "summary.budget": (
        "Budžet {year}: utrošeno {spent} od planiranih {planned} RSD ({share})",
        "Budget {year}: {spent} of {planned} RSD planned spent ({share})",
    ),
    "reporting": ("Ko je izvestio", "Who reported"),
    "state.on-time": ("u roku", "on time"),
    "state.late": ("kasni {days} rad. dana", "{days} working days late"),
    "state.late_list": ("sa zakašnjenjem (radnih dana)", "late (working days)"),
    "state.invalid": ("neispravan", "invalid"),
    "state.invalid_earlier": ("neispravan (ranija verzija ispravna)", "invalid (an earlier version was valid)"),
    "state.missing": ("nedostaje", "missing"),
    "state.not-due": ("rok nije istekao", "not yet due"),
    "tasks_completed": ("Zadaci završeni u mesecu", "Tasks completed in the month"),
    "tasks_overdue": ("Zadaci sa isteklim rokom, nezavršeni", "Tasks overdue (deadline passed, not completed)"),
    "tasks_delayed": ("Zadaci koji kasne", "Tasks delayed"),
    "problems": ("Problemi i rizici prijavljeni u mesecu", "Problems and materialised risks reported in the month"),
    "council.problems": (
        "Problemi koje su institucije prijavile u periodu",
        "Problems the institutions flagged in the span",
    ),
    "kind.problem": ("problem", "problem"),
    "kind.risk": ("rizik", "risk"),
    "budget": (
        "Budžet {year}: utrošeno do sada prema planiranom, po instituciji (RSD)",
        "Budget {year}: executed to date against planned, by institution (RSD)",
    ),
    "indicators": ("Pokazatelji koji su se promenili u mesecu", "Indicator values that changed in the month"),
    "changes": ("Šta se promenilo od prethodne informacije", "What changed since the previous brief"),
    "changes.since": ("Prethodna informacija: presek {cut_off}", "Previous brief: cut-off {cut_off}"),
    "changes.none": ("Prethodna informacija nije izdata.", "No previous brief was issued."),
    "changes.arrived": ("Izveštaji za ranije mesece pristigli od tada", "Reports for earlier months received since"),
    "measure.reported": ("Dostavljeni izveštaji za mesec", "Reports received for the month"),
    "measure.missing": ("Nedostajući izveštaji", "Reports missing"),
    "measure.invalid": ("Neispravni izveštaji", "Reports invalid"),
    "measure.completed": ("Završeni zadaci (ukupno)", "Tasks completed (to date)"),
    "measure.overdue": ("Zadaci sa isteklim rokom", "Tasks overdue"),
    "measure.delayed": ("Zadaci koji kasne", "Tasks delayed"),
    "measure.problems": ("Prijavljeni problemi i rizici", "Problems and risks reported"),
    "measure.spent": ("Utrošeno u godini (RSD)", "Spent in the year (RSD)"),
    "more": ("… i još {n} (u xlsx datoteci)", "… and {n} more (in the xlsx file)"),
    "none": ("Nema.", "None."),
    # columns
    "col.institution": ("Institucija", "Institution"),
    "col.state": ("Izveštaj", "Report"),
    "col.task": ("Zadatak", "Task"),
    "col.text": ("Opis", "Description"),
    "col.lead": ("Nosilac", "Lead"),
    "col.deadline": ("Rok", "Deadline"),
    "col.status": ("Stanje", "Status"),
    "col.period": ("Period", "Period"),
    "col.kind": ("Vrsta", "Kind"),
    "col.measures": ("Mere", "Measures"),
    "col.planned": ("Planirano", "Planned"),
    "col.spent": ("Utrošeno", "Spent"),
    "col.share": ("Izvršenje", "Executed"),
    "col.indicator": ("Pokazatelj", "Indicator"),
    "col.total": ("Ukupno", "Total"),
    "col.women": ("Žene", "Women"),
    "col.men": ("Muškarci", "Men"),
    "col.girls": ("Devojčice", "Girls"),
    "col.boys": ("Dečaci", "Boys"),
    "col.year_to_date": ("Od početka godine", "Year to date"),
    "col.value": ("Vrednost", "Value"),
    "col.measure": ("Pokazatelj", "Figure"),
    "col.previous": ("Prethodno", "Previous"),
    "col.now": ("Sada", "Now"),
    "col.change": ("Promena", "Change"),
    "col.objective": ("Cilj", "Objective"),
    "col.activity": ("Aktivnost", "Activity"),
    "col.tasks": ("Zadataka", "Tasks"),
    "col.completed": ("Završeno", "Completed"),
    "col.on_time": ("U roku", "On time"),
    "col.late": ("Sa zakašnjenjem", "Late"),
    "col.invalid": ("Neispravni", "Invalid"),
    "col.missing": ("Nedostaju", "Missing"),
    "col.days_late": ("Rad. dana zakašnjenja", "Working days late"),
    "col.source": ("Izvor", "Source"),
    "col.amount": ("Iznos", "Amount"),
    "col.currency": ("Valuta", "Currency"),
    "col.year": ("Godina", "Year"),
    "col.as_written": ("Kako piše u planu", "As the plan writes it"),
    "col.objective_total": ("ukupno za cilj", "objective as a whole"),
    "status.none": ("nije izvešteno", "not reported"),
    # charts
    "chart.status": ("Zadaci po stanju, po cilju", "Tasks by status, by objective"),
    "chart.budget": ("Budžet {year}: planirano i utrošeno (RSD)", "Budget {year}: planned and spent (RSD)"),
    # the Council report
    "council.span": ("{first} – {last} ({days} dana)", "{first} – {last} ({days} days)"),
    "council.exceeds": (
        "Period izveštaja je duži od 60 dana ({days} dana): Savet se izveštava najmanje na svakih 60 dana (Strategija, 10.2).",
        "The span of this report exceeds 60 days ({days} days): the Council is to be informed at least every 60 days "
        "(Strategy, 10.2).",
    ),
    "council.previous": (
        "Prethodni izveštaj Savetu: {first} – {last}, izdat {issued}",
        "Previous report to the Council: {first} – {last}, issued {issued}",
    ),
    "council.first": (
        "Ovo je prvi izveštaj Savetu u evidenciji.",
        "This is the first report to the Council in the ledger.",
    ),
    "progress": ("Napredak po ciljevima i aktivnostima", "Progress by objective and activity"),
    "progress.note": (
        "Udeo završenih zadataka na kraju perioda i promena od kraja prethodnog perioda (procentni poeni).",
        "Share of tasks completed at the end of the span and its change since the end of the previous span "
        "(percentage points).",
    ),
    "decisions": ("Pitanja za odluku Saveta", "Matters for the Council's decision"),
    "council.overdue": (
        "Zadaci sa isteklim rokom, nezavršeni na kraju perioda",
        "Tasks overdue at the end of the span",
    ),
    "resources": ("Potrebna sredstva", "Resources needed"),
    "resources.not_executed": ("Planirane stavke bez izvršenja", "Planned lines not executed"),
    "resources.unknown": (
        "Stavke čiji će trošak biti poznat nakon analize",
        "Lines whose cost will be known after the analysis",
    ),
    "discipline": ("Disciplina izveštavanja po instituciji", "Reporting discipline per institution"),
    # xlsx sheets (at most 31 characters)
    "sheet.summary": ("Sažetak", "Summary"),
    "sheet.reporting": ("Izveštavanje", "Reporting"),
    "sheet.completed": ("Završeni zadaci", "Tasks completed"),
    "sheet.overdue": ("Zadaci sa isteklim rokom", "Tasks overdue"),
    "sheet.delayed": ("Zadaci koji kasne", "Tasks delayed"),
    "sheet.problems": ("Problemi i rizici", "Problems and risks"),
    "sheet.budget": ("Budžet", "Budget"),
    "sheet.indicators": ("Pokazatelji", "Indicators"),
    "sheet.changes": ("Promene", "Changes"),
    "sheet.progress": ("Napredak", "Progress"),
    "sheet.not_executed": ("Neizvršene stavke", "Lines not executed"),
    "sheet.cost_unknown": ("Trošak nakon analize", "Cost after analysis"),
    "sheet.discipline": ("Disciplina izveštavanja", "Reporting discipline"),
    "sheet.objectives": ("Stanje po ciljevima", "Status by objective"),
}

_SR_MONTHS: tuple[str, ...] = ("januar", "februar", "mart", "april", "maj", "jun")
_SR_MONTHS += ("jul", "avgust", "septembar", "oktobar", "novembar", "decembar")
_EN_MONTHS: tuple[str, ...] = ("January", "February", "March", "April", "May", "June")
_EN_MONTHS += ("July", "August", "September", "October", "November", "December")


def text(key: str, lang: Lang, **fields: object) -> str:
    sr, en = _TEXTS[key]
    chosen = en if lang == "en" else (sr if lang == "sr-Latn" else latin_to_cyrillic_template(sr))
    return chosen.format(**fields) if fields else chosen


def number(value: Decimal | int | None, lang: Lang, decimals: int = 0) -> str:
    """1.234.567,89 in Serbian, 1,234,567.89 in English; an empty string for no value."""
    if value is None:
        return ""
    quantum = Decimal(1).scaleb(-decimals)
    rounded = Decimal(value).quantize(quantum, rounding=ROUND_HALF_UP)
    shown = f"{rounded:,.{decimals}f}"
    return shown if lang == "en" else shown.replace(",", " ").replace(".", ",").replace(" ", ".")


def share(value: Decimal | None, lang: Lang) -> str:
    """A fraction as a percentage: 45,3 % (Serbian), 45.3% (English)."""
    if value is None:
        return "–"
    shown = number(value * 100, lang, 1)
    return f"{shown}%" if lang == "en" else f"{shown} %"


def points(value: Decimal, lang: Lang) -> str:
    """A change of a share in percentage points, signed."""
    shown = number(abs(value) * 100, lang, 1)
    sign = "+" if value > 0 else ("−" if value < 0 else "±")
    return f"{sign}{shown}"


def date(day: dt.date, lang: Lang) -> str:
    """31.01.2018. in Serbian, 31 Jan 2018 in English."""
    if lang == "en":
        return f"{day.day} {_EN_MONTHS[day.month - 1][:3]} {day.year}"
    return f"{day:%d.%m.%Y}."


def moment(at: dt.datetime, lang: Lang) -> str:
    """A point in time in Belgrade: 31.01.2018. 14:05 (Serbian), 31 Jan 2018 14:05 (English)."""
    local = at.astimezone(BELGRADE)
    return f"{date(local.date(), lang)} {local:%H:%M}"


def month(period: str, lang: Lang) -> str:
    """januar 2018. / јануар 2018. / January 2018."""
    p = Period.parse(period)
    assert p.month is not None
    sr, en = _SR_MONTHS, _EN_MONTHS
    if lang == "en":
        return f"{en[p.month - 1]} {p.year}"
    name = f"{sr[p.month - 1]} {p.year}."
    return name if lang == "sr-Latn" else latin_to_cyrillic_template(name)
