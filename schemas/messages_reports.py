"""The words of the Coordinator's reports (the Minister's brief, the Council report) in the one catalogue
(schemas.messages), each key "report.<name>"; and the calendar words the reports and the e-mails share.

key -> (Serbian Latin, English); Serbian Cyrillic is derived by transliteration.
"""

REPORT_TEXTS: dict[str, tuple[str, str]] = {
    "report.issuer": (
        "Nacionalni koordinator za borbu protiv trgovine ljudima",
        "National Coordinator for Combating Human Trafficking",
    ),
    "report.ministry": (
        "Ministarstvo unutrašnjih poslova Republike Srbije",
        "Ministry of the Interior of the Republic of Serbia",
    ),
    "report.minister.title": (
        "Mesečna informacija ministru unutrašnjih poslova",
        "Monthly brief for the Minister of the Interior",
    ),
    "report.council.title": (
        "Izveštaj Savetu za borbu protiv trgovine ljudima",
        "Report to the Council for Combating Human Trafficking",
    ),
    "report.plan": ("o sprovođenju Akcionog plana {plan}", "on the implementation of the Action Plan {plan}"),
    "report.period": ("Period", "Period"),
    "report.issued": ("Datum", "Date"),
    "report.basis": (
        "Podaci: evidencija apmon, poslednja sinhronizacija pre preseka br. {run} ({finished}); presek podataka {cut_off}. "
        "Verzije izveštaja pristigle kasnije nisu uračunate.",
        "Data: apmon ledger, last sync run before the cut-off no. {run} ({finished}); data cut-off {cut_off}. "
        "Report versions that arrived later are not counted.",
    ),
    "report.basis.no_run": ("nema", "none"),
    "report.reproduced": (
        "Izveštaj je ponovo izrađen iz podataka poznatih u vreme preseka.",
        "This report was made again from the data known at the cut-off.",
    ),
    "report.page": ("Strana", "Page"),
    "report.of": ("od", "of"),
    # the brief
    "report.summary": ("Ukratko", "In brief"),
    "report.summary.reported": (
        "Izveštaj za {month} dostavilo je {reported} od {due} institucija ({on_time} u roku, {late} sa zakašnjenjem); "
        "{invalid} neispravnih, {missing} nedostaje. Rok je bio {due_date}",
        "{reported} of {due} institutions sent their report for {month} ({on_time} on time, {late} late); "
        "{invalid} invalid, {missing} missing. The deadline was {due_date}",
    ),
    "report.summary.tasks": (
        "Zadaci: {completed_month} završeno u mesecu, ukupno završeno {completed} od {total}; {overdue} sa isteklim "
        "rokom, {delayed} kasni",
        "Tasks: {completed_month} completed in the month, {completed} of {total} completed to date; {overdue} overdue, "
        "{delayed} delayed",
    ),
    "report.summary.budget": (
        "Budžet {year}: utrošeno {spent} od planiranih {planned} RSD ({share})",
        "Budget {year}: {spent} of {planned} RSD planned spent ({share})",
    ),
    "report.reporting": ("Ko je izvestio", "Who reported"),
    "report.state.on-time": ("u roku", "on time"),
    "report.state.late": ("kasni {days} rad. dana", "{days} working days late"),
    "report.state.late_list": ("sa zakašnjenjem (radnih dana)", "late (working days)"),
    "report.state.invalid": ("neispravan", "invalid"),
    "report.state.invalid_earlier": ("neispravan (ranija verzija ispravna)", "invalid (an earlier version was valid)"),
    "report.state.missing": ("nedostaje", "missing"),
    "report.state.not-due": ("rok nije istekao", "not yet due"),
    "report.tasks_completed": ("Zadaci završeni u mesecu", "Tasks completed in the month"),
    "report.tasks_overdue": ("Zadaci sa isteklim rokom, nezavršeni", "Tasks overdue (deadline passed, not completed)"),
    "report.tasks_delayed": ("Zadaci koji kasne", "Tasks delayed"),
    "report.problems": (
        "Problemi i rizici prijavljeni u mesecu",
        "Problems and materialised risks reported in the month",
    ),
    "report.council.problems": (
        "Problemi koje su institucije prijavile u periodu",
        "Problems the institutions flagged in the span",
    ),
    "report.kind.problem": ("problem", "problem"),
    "report.kind.risk": ("rizik", "risk"),
    "report.budget": (
        "Budžet {year}: utrošeno do sada prema planiranom, po instituciji (RSD)",
        "Budget {year}: executed to date against planned, by institution (RSD)",
    ),
    "report.indicators": ("Pokazatelji koji su se promenili u mesecu", "Indicator values that changed in the month"),
    "report.changes": ("Šta se promenilo od prethodne informacije", "What changed since the previous brief"),
    "report.changes.since": ("Prethodna informacija: presek {cut_off}", "Previous brief: cut-off {cut_off}"),
    "report.changes.none": ("Prethodna informacija nije izdata.", "No previous brief was issued."),
    "report.changes.arrived": (
        "Izveštaji za ranije mesece pristigli od tada",
        "Reports for earlier months received since",
    ),
    "report.measure.reported": ("Dostavljeni izveštaji za mesec", "Reports received for the month"),
    "report.measure.missing": ("Nedostajući izveštaji", "Reports missing"),
    "report.measure.invalid": ("Neispravni izveštaji", "Reports invalid"),
    "report.measure.completed": ("Završeni zadaci (ukupno)", "Tasks completed (to date)"),
    "report.measure.overdue": ("Zadaci sa isteklim rokom", "Tasks overdue"),
    "report.measure.delayed": ("Zadaci koji kasne", "Tasks delayed"),
    "report.measure.problems": ("Prijavljeni problemi i rizici", "Problems and risks reported"),
    "report.measure.spent": ("Utrošeno u godini (RSD)", "Spent in the year (RSD)"),
    "report.more": ("… i još {n} (u xlsx datoteci)", "… and {n} more (in the xlsx file)"),
    "report.none": ("Nema.", "None."),
    # columns
    "report.col.institution": ("Institucija", "Institution"),
    "report.col.state": ("Izveštaj", "Report"),
    "report.col.task": ("Zadatak", "Task"),
    "report.col.text": ("Opis", "Description"),
    "report.col.lead": ("Nosilac", "Lead"),
    "report.col.deadline": ("Rok", "Deadline"),
    "report.col.status": ("Stanje", "Status"),
    "report.col.period": ("Period", "Period"),
    "report.col.kind": ("Vrsta", "Kind"),
    "report.col.measures": ("Mere", "Measures"),
    "report.col.planned": ("Planirano", "Planned"),
    "report.col.spent": ("Utrošeno", "Spent"),
    "report.col.share": ("Izvršenje", "Executed"),
    "report.col.indicator": ("Pokazatelj", "Indicator"),
    "report.col.total": ("Ukupno", "Total"),
    "report.col.women": ("Žene", "Women"),
    "report.col.men": ("Muškarci", "Men"),
    "report.col.girls": ("Devojčice", "Girls"),
    "report.col.boys": ("Dečaci", "Boys"),
    "report.col.year_to_date": ("Od početka godine", "Year to date"),
    "report.col.value": ("Vrednost", "Value"),
    "report.col.measure": ("Pokazatelj", "Figure"),
    "report.col.previous": ("Prethodno", "Previous"),
    "report.col.now": ("Sada", "Now"),
    "report.col.change": ("Promena", "Change"),
    "report.col.objective": ("Cilj", "Objective"),
    "report.col.activity": ("Aktivnost", "Activity"),
    "report.col.tasks": ("Zadataka", "Tasks"),
    "report.col.completed": ("Završeno", "Completed"),
    "report.col.on_time": ("U roku", "On time"),
    "report.col.late": ("Sa zakašnjenjem", "Late"),
    "report.col.invalid": ("Neispravni", "Invalid"),
    "report.col.missing": ("Nedostaju", "Missing"),
    "report.col.days_late": ("Rad. dana zakašnjenja", "Working days late"),
    "report.col.source": ("Izvor", "Source"),
    "report.col.amount": ("Iznos", "Amount"),
    "report.col.currency": ("Valuta", "Currency"),
    "report.col.year": ("Godina", "Year"),
    "report.col.as_written": ("Kako piše u planu", "As the plan writes it"),
    "report.col.objective_total": ("ukupno za cilj", "objective as a whole"),
    "report.status.none": ("nije izvešteno", "not reported"),
    # charts
    "report.chart.status": ("Zadaci po stanju, po cilju", "Tasks by status, by objective"),
    "report.chart.budget": ("Budžet {year}: planirano i utrošeno (RSD)", "Budget {year}: planned and spent (RSD)"),
    # the Council report
    "report.council.span": ("{first} – {last} ({days} dana)", "{first} – {last} ({days} days)"),
    "report.council.exceeds": (
        "Period izveštaja je duži od 60 dana ({days} dana): Savet se izveštava najmanje na svakih 60 dana (Strategija, 10.2).",
        "The span of this report exceeds 60 days ({days} days): the Council is to be informed at least every 60 days "
        "(Strategy, 10.2).",
    ),
    "report.council.previous": (
        "Prethodni izveštaj Savetu: {first} – {last}, izdat {issued}",
        "Previous report to the Council: {first} – {last}, issued {issued}",
    ),
    "report.council.first": (
        "Ovo je prvi izveštaj Savetu u evidenciji.",
        "This is the first report to the Council in the ledger.",
    ),
    "report.progress": ("Napredak po ciljevima i aktivnostima", "Progress by objective and activity"),
    "report.progress.note": (
        "Udeo završenih zadataka na kraju perioda i promena od kraja prethodnog perioda (procentni poeni).",
        "Share of tasks completed at the end of the span and its change since the end of the previous span "
        "(percentage points).",
    ),
    "report.decisions": ("Pitanja za odluku Saveta", "Matters for the Council's decision"),
    "report.council.overdue": (
        "Zadaci sa isteklim rokom, nezavršeni na kraju perioda",
        "Tasks overdue at the end of the span",
    ),
    "report.resources": ("Potrebna sredstva", "Resources needed"),
    "report.resources.not_executed": ("Planirane stavke bez izvršenja", "Planned lines not executed"),
    "report.resources.unknown": (
        "Stavke čiji će trošak biti poznat nakon analize",
        "Lines whose cost will be known after the analysis",
    ),
    "report.discipline": ("Disciplina izveštavanja po instituciji", "Reporting discipline per institution"),
    # xlsx sheets (at most 31 characters)
    "report.sheet.summary": ("Sažetak", "Summary"),
    "report.sheet.reporting": ("Izveštavanje", "Reporting"),
    "report.sheet.completed": ("Završeni zadaci", "Tasks completed"),
    "report.sheet.overdue": ("Zadaci sa isteklim rokom", "Tasks overdue"),
    "report.sheet.delayed": ("Zadaci koji kasne", "Tasks delayed"),
    "report.sheet.problems": ("Problemi i rizici", "Problems and risks"),
    "report.sheet.budget": ("Budžet", "Budget"),
    "report.sheet.indicators": ("Pokazatelji", "Indicators"),
    "report.sheet.changes": ("Promene", "Changes"),
    "report.sheet.progress": ("Napredak", "Progress"),
    "report.sheet.not_executed": ("Neizvršene stavke", "Lines not executed"),
    "report.sheet.cost_unknown": ("Trošak nakon analize", "Cost after analysis"),
    "report.sheet.discipline": ("Disciplina izveštavanja", "Reporting discipline"),
    "report.sheet.objectives": ("Stanje po ciljevima", "Status by objective"),
}

# the months (the reports, the e-mails, `apmon deadline`), and a month of a year: "mart 2018." / "March 2018"
CALENDAR_WORDS: dict[str, tuple[str, str]] = {
    "month.1": ("januar", "January"),
    "month.2": ("februar", "February"),
    "month.3": ("mart", "March"),
    "month.4": ("april", "April"),
    "month.5": ("maj", "May"),
    "month.6": ("jun", "June"),
    "month.7": ("jul", "July"),
    "month.8": ("avgust", "August"),
    "month.9": ("septembar", "September"),
    "month.10": ("oktobar", "October"),
    "month.11": ("novembar", "November"),
    "month.12": ("decembar", "December"),
    "month.of_year": ("{month} {year}.", "{month} {year}"),
    # the days of the week, Monday first (datetime.date.weekday)
    "weekday.0": ("ponedeljak", "Monday"),
    "weekday.1": ("utorak", "Tuesday"),
    "weekday.2": ("sreda", "Wednesday"),
    "weekday.3": ("četvrtak", "Thursday"),
    "weekday.4": ("petak", "Friday"),
    "weekday.5": ("subota", "Saturday"),
    "weekday.6": ("nedelja", "Sunday"),
}
