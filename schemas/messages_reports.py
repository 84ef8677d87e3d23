"""The words of the Coordinator's reports (the Minister's brief, the Council report, the annual evaluation) in the
one catalogue (schemas.messages), each key "report.<name>", and of `apmon evaluation` ("evaluation.<name>"); and
the calendar words the reports and the e-mails share.

key -> (Serbian Latin, English); Serbian Cyrillic is derived by transliteration.
"""

REPORT_TEXTS: dict[str, tuple[str, str]] = {
    "report.issuer": (
        "Nacionalni koordinator za borbu protiv trgovine ljudima",
        "National Coordinator for the Fight against Human Trafficking",
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
        "Report to the Council for the Fight against Human Trafficking",
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
    # A report of a configured day ([sync] as_of): the versions submitted by its end, though read later
    "report.basis.day": (
        "Podaci: evidencija apmon, poslednja sinhronizacija br. {run} ({finished}); uračunate su verzije izveštaja "
        "dostavljene do kraja dana {day}, i one koje su u evidenciju pristigle kasnije.",
        "Data: apmon ledger, last sync run no. {run} ({finished}); counted: the report versions submitted by the end "
        "of {day}, also those that reached the ledger later.",
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
        "Izveštaj za {month} dostavile su institucije: {reported} od {due} ({on_time} u roku, {late} sa zakašnjenjem); "
        "{invalid}, {missing}. Rok je bio {due_date}",
        "{reported} of {due} institutions sent their report for {month} ({on_time} on time, {late} late); "
        "{invalid}, {missing}. The deadline was {due_date}",
    ),
    "report.summary.tasks": (
        "Zadaci: završeno u mesecu: {completed_month}, ukupno završeno: {completed} od {total}; sa isteklim rokom: "
        "{overdue}, kasni: {delayed}",
        "Tasks: {completed_month} completed in the month, {completed} of {total} completed to date; {overdue} overdue, "
        "{delayed} delayed",
    ),
    "report.summary.budget": ("Budžet {year}: {amount}", "Budget {year}: {amount}"),
    "report.summary.budget.amount": (
        "utrošeno {spent} od planiranih {planned} {currency} ({share})",
        "{spent} of {planned} {currency} planned spent ({share})",
    ),
    # Some institution gave no spending: the share is counted on the plan of those that did, and the rest is named.
    "report.summary.budget.partial": (
        "utrošeno {spent} od {planned} {currency} koliko su planirale institucije koje su dale podatke o utrošku "
        "({share}); bez podataka o utrošku: {missing}",
        "{spent} of the {planned} {currency} planned by the institutions that gave their spending ({share}); no "
        "spending given: {missing}",
    ),
    # No institution gave its spending in the currency: nothing is known to set against the plan.
    "report.summary.budget.none_given": (
        "nijedna institucija nije dala podatke o utrošku u valuti {currency}: {missing}",
        "no institution gave its spending in {currency}: {missing}",
    ),
    # said in the institution's bracket, after whom a successor took over from: "MPSP (od jula 2018. ...; planirano ...)"
    "report.summary.budget.missing": ("planirano {planned} {currency}", "{planned} {currency} planned"),
    "report.summary.budget.shared_one": (
        "Na stavci {lines} utrošak je prijavilo više institucija; sve je uračunato, a ako je to jedan isti "
        "trošak, do {amounts} je uračunato dva puta.",
        "More than one institution reported spending on line {lines}; all of it is counted, and if it is one and "
        "the same expense, up to {amounts} is counted twice.",
    ),
    "report.summary.budget.shared": (
        "Na stavkama {lines} utrošak je prijavilo više institucija; sve je uračunato, a ako je to jedan isti "
        "trošak, do {amounts} je uračunato dva puta.",
        "More than one institution reported spending on lines {lines}; all of it is counted, and if it is one and "
        "the same expense, up to {amounts} is counted twice.",
    ),
    # a ministry split during the year: the lines the old ministry and its successor each gave their months of
    "report.summary.budget.split": (
        "Ministarstvo podeljeno u toku godine: staro ministarstvo i naslednik dali su svako svoje mesece. {lines}.",
        "A ministry split during the year: the old ministry and its successor each gave their own months. {lines}.",
    ),
    # under a table whose cells name a successor of a split by its code alone (the published report's leads)
    "report.successors_note": (
        "Nasleđivanje ministarstva podeljenog na dva: {successors}.",
        "Succession of a ministry split in two: {successors}.",
    ),
    "report.summary.budget.period": (
        "Nisu uračunate stavke planirane za ceo period plana {period}, bez godine: {amounts}.",
        "Not counted: the lines planned for the whole plan period {period}, with no year: {amounts}.",
    ),
    "report.budget.no_report": ("nema izveštaja za {year}", "no report for {year}"),
    "report.budget.not_given": ("utrošak nije naveden", "spending not given"),
    "report.budget.not_counted": ("bez podataka o utrošku: {who}", "no spending given: {who}"),
    "report.reporting": ("Ko je izvestio", "Who reported"),
    "report.state.on-time": ("u roku", "on time"),
    "report.state.late": ("kasni {days}", "{days} late"),
    "report.state.late_list": ("sa zakašnjenjem (radnih dana)", "late (working days)"),
    "report.state.invalid": ("neispravan", "invalid"),
    "report.state.newer_invalid": ("{state}; novija verzija neispravna", "{state}; a newer version is invalid"),
    "report.state.newer_invalid_list": (
        "ispravan izveštaj se računa, novija verzija neispravna",
        "the valid report counts, a newer version is invalid",
    ),
    "report.state.missing": ("nedostaje", "missing"),
    "report.state.not-due": ("rok nije istekao", "not yet due"),
    "report.state.not-read": ("datoteka nije pročitana", "file not read"),
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
        "Budžet {year}: utrošeno do sada prema planiranom, po instituciji i valuti",
        "Budget {year}: executed to date against planned, by institution and currency",
    ),
    "report.indicators": ("Pokazatelji koji su se promenili u mesecu", "Indicator values that changed in the month"),
    "report.indicators.lacking": (
        "Od početka godine: za tok je to zbir meseci sa ispravnim izveštajem, pa je nepotpun (u xlsx datoteci "
        "označen) kod institucija bez ispravnog izveštaja za raniji mesec godine: {named}.",
        "Year to date: for a flow, the sum of the months with a valid report, so it is incomplete (marked in the xlsx "
        "file) for the institutions without a valid report for an earlier month of the year: {named}.",
    ),
    "report.changes": ("Šta se promenilo od prethodne informacije", "What changed since the previous brief"),
    "report.changes.since": ("Prethodna informacija: presek {cut_off}", "Previous brief: cut-off {cut_off}"),
    "report.changes.none": ("Prethodna informacija nije izdata.", "No previous brief was issued."),
    "report.changes.arrived": (
        "Izveštaji za ranije mesece pristigli od tada",
        "Reports for earlier months received since",
    ),
    "report.changes.corrected": (
        "Izveštaji ispravljeni od tada (ranija informacija ih je već uračunala)",
        "Reports corrected since (already counted in an earlier brief)",
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
    # a typed text cut on paper: how much is printed, and the cell of the xlsx beside the PDF that holds it whole
    "report.cut": (
        "[skraćeno, ispisano znakova: {shown} od {length}; ceo tekst je u datoteci {file}, list „{sheet}“, "
        "ćelija {cell}]",
        "[cut: {shown} of {length} characters printed; the whole text is in {file}, sheet “{sheet}”, cell {cell}]",
    ),
    # the same for a text longer than an Excel cell holds (a Google Sheet's cell holds more): the xlsx has its start
    "report.cut_beyond_cell": (
        "[skraćeno, ispisano znakova: {shown} od {length}; u datoteci {file}, list „{sheet}“, ćelija {cell}, je prvih "
        "{kept} (više Excel ćelija ne prima); ceo tekst je u izveštaju institucije]",
        "[cut: {shown} of {length} characters printed; {file}, sheet “{sheet}”, cell {cell} holds the first {kept} "
        "(an Excel cell holds no more); the whole text is in the institution's report]",
    ),
    # a typed text holding characters the reports' font has no glyph for (Chinese, a flag): shown as boxes, or in
    # another font where the machine has one (so the note says only what holds on every machine); the cell of the
    # xlsx beside the PDF holds them
    "report.unprintable": (
        "[znakova kojih nema u fontu izveštaja: {count} (računar bez fonta za njih štampa ih kao prazne kvadrate); "
        "tekst je ceo u datoteci {file}, list „{sheet}“, ćelija {cell}]",
        "[characters the report's font lacks: {count} (a computer without a font for them prints them as empty "
        "boxes); the text is whole in {file}, sheet “{sheet}”, cell {cell}]",
    ),
    # the same in a brief, which has no xlsx beside it
    "report.unprintable_here": (
        "[znakova kojih nema u fontu izveštaja: {count} (računar bez fonta za njih štampa ih kao prazne kvadrate); "
        "tekst je ceo u izveštaju institucije]",
        "[characters the report's font lacks: {count} (a computer without a font for them prints them as empty "
        "boxes); the text is whole in the institution's report]",
    ),
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
    "report.col.share_completed": ("Udeo završenih", "Share completed"),
    "report.col.indicator": ("Pokazatelj", "Indicator"),
    "report.col.total": ("Ukupno", "Total"),
    "report.col.total_known": ("Ukupno, sa podacima o utrošku", "Total, where spending is known"),
    "report.col.total_planned": ("Ukupno planirano", "Total planned"),
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
    "report.col.not_read": ("Nepročitani", "Not read"),
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
    "report.chart.million": ("mil. RSD", "million RSD"),
    # the Council report
    "report.council.span": ("{first} – {last} ({days})", "{first} – {last} ({days})"),
    "report.council.gap": (
        "Prethodni izveštaj Savetu izdat je {previous}, a presek podataka ovog izveštaja je {this}: razmak je {days}, "
        "više od 60. Savet se izveštava najmanje na svakih 60 dana (Strategija, 10.2).",
        "The previous report to the Council was issued on {previous} and this report's data cut-off is {this}: "
        "{days} apart, more than 60. The Council is to be informed at least every 60 days (Strategy, 10.2).",
    ),
    "report.council.previous": (
        "Prethodni izveštaj Savetu: {first} – {last}, izdat {issued}",
        "Previous report to the Council: {first} – {last}, issued {issued}",
    ),
    "report.council.gap_from_start": (
        "Nijedan raniji izveštaj Savetu nije u evidenciji, pa se 60 dana računa od početka praćenja, {previous}; "
        "presek podataka ovog izveštaja je {this}: razmak je {days}, više od 60. Savet se izveštava najmanje na "
        "svakih 60 dana (Strategija, 10.2).",
        "No earlier report to the Council is in the ledger, so the 60 days are counted from the start of monitoring "
        "on {previous}; this report's data cut-off is {this}: {days} apart, more than 60. The Council is to be "
        "informed at least every 60 days (Strategy, 10.2).",
    ),
    "report.council.informed": (
        "Prethodni izveštaj Savetu izdat je {issued}.",
        "The previous report to the Council was issued on {issued}.",
    ),
    "report.council.replaces": (
        "Ovaj izveštaj zamenjuje izveštaj Savetu za isti period izdat {issued} (ponovo napravljen istog dana); dani "
        "od prethodnog izveštaja računaju se kao za njega.",
        "This report replaces the report to the Council of the same span issued on {issued} (made again the same "
        "day); the days since the previous report are counted as for it.",
    ),
    "report.council.first": (
        "Ovo je prvi izveštaj Savetu u evidenciji: 60 dana računa se od početka praćenja, {start}",
        "This is the first report to the Council in the ledger: the 60 days are counted from the start of "
        "monitoring, {start}",  # no full stop: a Serbian date ends with one, as the previous report's line
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
    # the annual evaluation (seed 10.3)
    "report.annual.title": ("Godišnja evaluacija", "Annual evaluation"),
    "report.annual.year": ("{year}. godina", "the year {year}"),
    "report.annual.summary": (
        "Aktivnosti ({total}): realizovano {completed}, delimično realizovano {partial}, nije realizovano "
        "{not_completed}. Odlukom Koordinatora predložena ocena je izmenjena za {changed}.",
        "Activities ({total}): {completed} completed, {partial} partially completed, {not_completed} not completed. "
        "The Coordinator's decisions changed the proposed assessment of {changed}.",
    ),
    "report.annual.received": (
        "Godišnji izveštaj za {year}. godinu dostavile su institucije: {received} od {total}.",
        "{received} of {total} institutions sent their annual report for {year}.",
    ),
    # the annual evaluation made before its annual reports are due (15 February, moved to a working day)
    "report.annual.not_yet_due": (
        "Rok za godišnje izveštaje za {year}. godinu je {due} i još nije prošao: ova evaluacija je privremena. "
        "Izveštaj još nisu dostavile: {missing}.",
        "The annual reports for {year} are due by {due}, which has not passed: this evaluation is provisional. Not yet "
        "sent by: {missing}.",
    ),
    "report.public.not_yet_due": (
        "Rok za godišnje izveštaje institucija za {year}. godinu je {due} i još nije prošao: ovaj izveštaj je privremen.",
        "The institutions' annual reports for {year} are due by {due}, which has not passed: this report is "
        "provisional.",
    ),
    # of the valid annual reports in: the late ones by name, the number of those on time
    "report.annual.late": ("Sa zakašnjenjem: {late}; na vreme: {on_time}.", "Late: {late}; on time: {on_time}."),
    "report.annual.late_one": ("{institution} ({days})", "{institution} ({days})"),
    "report.annual.missing": (
        "Ispravan godišnji izveštaj za {year}. godinu nisu dostavile: {missing}.",
        "No valid annual report for {year} from: {missing}.",
    ),
    # a standing decision older than a report of the activity's leads: the data under it changed since
    "report.annual.since_decision": (
        "Posle ove odluke stigli su izveštaji nosilaca: {reports}; proverite je.",
        "Reports of the leads came in after this decision: {reports}; review it.",
    ),
    "report.annual.since_decision_one": (
        "Posle ove odluke stigao je izveštaj nosioca: {reports}; proverite je.",
        "A report of a lead came in after this decision: {reports}; review it.",
    ),
    # the activities whose decision to review: one said as one (how many reports came is not said here)
    "report.annual.review": (
        "Posle odluka Koordinatora o aktivnostima {activities} stigli su izveštaji njihovih nosilaca; proverite te "
        "odluke.",
        "Reports of their leads came in after the Coordinator's decisions on: {activities}. Review those decisions.",
    ),
    "report.annual.review_one": (
        "Posle odluke Koordinatora o aktivnosti {activities} stigli su izveštaji njenih nosilaca; proverite tu odluku.",
        "Reports of its leads came in after the Coordinator's decision on {activities}. Review that decision.",
    ),
    "report.annual.rule": (
        "Predlog: realizovana kada su svi zadaci završeni; delimično realizovana kada je neki završen ili u toku; "
        "kada nosioci nisu izvestili ni o jednom zadatku, samoocena iz godišnjeg izveštaja; inače nije "
        "realizovana. Koordinator odlučuje: njegova poslednja odluka važi.",
        "Proposed: completed when every task is; partially completed when some task is completed or under way; "
        "when the leads reported on no task, their self-assessment in the annual report; else not completed. The "
        "Coordinator decides: the Coordinator's latest decision stands.",
    ),
    "report.annual.degree": ("Stepen sprovođenja po ciljevima", "Degree of implementation by objective"),
    "report.annual.activities": ("Ocena po aktivnostima", "Assessment by activity"),
    "report.annual.decisions": (
        "Odluke Koordinatora (sve, i ranije; poslednja važi)",
        "The Coordinator's decisions (all, earlier ones included; the latest stands)",
    ),
    "report.annual.comments": (
        "Komentari članova Radne grupe i predstavnika civilnog društva",
        "Comments of the Working Group members and the civil society representatives",
    ),
    "report.annual.no_task_lines": (
        "nema stavki zadataka: planirano na nivou institucije, nije prekoračenje",
        "no task lines: planned at the institution's level, not an overspend",
    ),
    "report.annual.successors_lines": (
        "poredi se sa stavkama naslednika zajedno ({codes}), planiranim u njihovim redovima",
        "set against its successors' lines combined ({codes}), planned in their rows",
    ),
    "report.annual.budget": (
        "Budžet {year}: izvršeno prema planiranom, po instituciji i izvoru, sa ukupnim iznosima iz odeljka 11",
        "Budget {year}: executed against planned, by institution and source, with the section 11 totals",
    ),
    "report.annual.challenges": ("Problemi i izazovi (godišnji izveštaji)", "Problems and challenges (annual reports)"),
    "report.annual.measures": ("Predložene korektivne mere", "Corrective measures proposed"),
    "report.annual.total": ("Ukupno ({currency})", "Total ({currency})"),
    "report.annual.total_11": (
        "Zbir razlika iz redova iznad.",
        "The sum of the rows' differences above.",
    ),
    "report.annual.total_11_untasked": (
        "Zbir razlika iz redova iznad; u njemu su u celosti iznosi iz odeljka 11 bez stavke zadatka: {figures}. "
        "Planirano minus odeljak 11: {difference}.",
        "The sum of the rows' differences above; it holds whole the section 11 figures with no task line: "
        "{figures}. Planned minus section 11: {difference}.",
    ),
    "report.reason.tasks": ("završeno zadataka: {completed} od {total}", "{completed} of {total} tasks completed"),
    "report.reason.task": ("zadatak {task}: {status}", "task {task} {status}"),
    "report.reason.more": ("još {more}", "{more}"),
    "report.reason.self": ("samoocena: {said}", "self-assessment: {said}"),
    "report.col.tasks_completed": ("Završenih zadataka", "Tasks completed"),
    "report.reason.indicators": (
        "pokazatelji sa podacima u godini: {reported} od {total}",
        "indicators reported in the year: {reported} of {total}",
    ),
    "report.col.proposed": ("Predlog", "Proposed"),
    "report.col.reasoning": ("Obrazloženje predloga", "Reasoning"),
    "report.col.assessment": ("Ocena", "Assessment"),
    "report.col.decision": ("Odluka Koordinatora", "Coordinator's decision"),
    "report.col.reason": ("Razlog", "Reason"),
    "report.col.author": ("Ko", "Who"),
    "report.col.at": ("Kada", "When"),
    "report.col.comment": ("Komentar", "Comment"),
    "report.col.activities": ("Aktivnosti", "Activities"),
    "report.col.section_11": ("Odeljak 11", "Section 11"),
    "report.col.difference_11": ("Stavke zadataka - odeljak 11", "Task lines - section 11"),
    "report.col.note_11": ("Napomena uz odeljak 11", "Note on section 11"),
    "report.col.part": ("Deo izveštaja", "Part of the report"),
    "report.col.problem": ("Problem", "Problem"),
    "report.sheet.degree": ("Stepen sprovođenja", "Degree of implementation"),
    "report.sheet.activities": ("Ocena aktivnosti", "Activity assessment"),
    "report.sheet.decisions": ("Odluke", "Decisions"),
    "report.sheet.comments": ("Komentari", "Comments"),
    "report.sheet.challenges": ("Problemi i izazovi", "Problems and challenges"),
    "report.sheet.measures": ("Korektivne mere", "Corrective measures"),
    # the published annual report and the final report of the Strategy period (seed 10.4)
    "report.public.title": ("Godišnji izveštaj", "Annual report"),
    "report.public.final_title": ("Završni izveštaj", "Final report"),
    "report.public.period_final": (
        "{year}. godina, kraj perioda Strategije {first}–{last}",
        "the year {year}, the end of the Strategy period {first}–{last}",
    ),
    "report.public.summary": (
        "Aktivnosti ({total}): realizovano {completed}, delimično realizovano {partial}, nije realizovano "
        "{not_completed}. Zadataka završeno do kraja godine: {done} od {tasks} ({share}).",
        "Activities ({total}): {completed} completed, {partial} partially completed, {not_completed} not completed. "
        "Tasks completed by the end of the year: {done} of {tasks} ({share}).",
    ),
    "report.public.activities": ("Stepen sprovođenja aktivnosti", "Degree of implementation of the activities"),
    # Published, the assessment is the Coordinator's (the latest decision, not apmon's proposal).
    "report.public.rule": (
        "Ocena aktivnosti je ocena Nacionalnog koordinatora u godišnjoj evaluaciji.",
        "An activity's assessment is the National Coordinator's, in the annual evaluation.",
    ),
    # The degrees as the Strategy defines them (10.3), beside every assessment shown: apmon's proposal rule
    # (report.annual.rule) is not their meaning.
    "report.degrees": (
        "Stepen realizacije (Strategija, odeljak 10.3). realizovana: aktivnost je izvršena u skladu sa "
        "očekivanjima i dodatne mere nisu potrebne; delimično realizovana: aktivnost je izvršena, ali su potrebne "
        "dodatne mere da bi se kvalitet efekta unapredio do planiranog nivoa; nije realizovana: aktivnost nije "
        "izvršena i potrebne su dodatne mere da bi se planirana aktivnost sprovela.",
        "Degree of completion (Strategy, section 10.3). completed: the activity was executed in line with the "
        "expectations and no additional measures are required; partially completed: the activity was executed, "
        "but additional measures are required in order to advance the effect quality to the level planned; not "
        "completed: the activity was not executed and additional measures are required in order to carry out the "
        "planned activity.",
    ),
    "report.final.conclusion": ("Zaključci", "Conclusions"),
    "report.final.recommendation": ("Preporuke Koordinatora", "The Coordinator's recommendations"),
    "report.final.lesson": ("Naučene lekcije", "Lessons learnt"),
    "report.final.practice": ("Primeri dobre prakse", "Best practices"),
    "report.final.texts": (
        "Zaključci, preporuke, naučene lekcije i primeri dobre prakse",
        "Conclusions, recommendations, lessons learnt and best practices",
    ),
    "report.sheet.final": ("Zaključci", "Conclusions"),
    # a kind as the Coordinator writes it in column A of the Conclusions sheet
    "report.kind.conclusion": ("zaključak", "conclusion"),
    "report.kind.recommendation": ("preporuka", "recommendation"),
    "report.kind.lesson": ("naučena lekcija", "lesson learnt"),
    "report.kind.practice": ("dobra praksa", "best practice"),
    "report.final.not_last": (
        "Završni izveštaj (`--final`) izrađuje se za poslednju godinu Strategije, {last}, a ne za {year}; izveštaj "
        "nije izrađen. Izostavite `--final` za godišnji izveštaj za {year}.",
        "The final report (--final) is made for the last year of the Strategy, {last}, not for {year}; no report was "
        "made. Leave out --final for the annual report for {year}.",
    ),
    "report.texts.without_final": (
        "`--texts` ide uz `--final`: zaključci i preporuke objavljuju se u završnom izveštaju; izveštaj nije izrađen.",
        "--texts goes with --final: the conclusions and recommendations are published in the final report; no "
        "report was made.",
    ),
    "report.texts.no_file": (
        "Datoteka {file} ne postoji; izveštaj nije izrađen. Navedite datoteku sa zaključcima (--texts) ili "
        "dodajte list „{sheet}“ zbirnoj radnoj svesci.",
        "The file {file} does not exist; no report was made. Give the file with the conclusions (--texts) or add "
        'a sheet "{sheet}" to the master workbook.',
    ),
    "report.texts.unreadable": (
        "Datoteka {file} ne može da se pročita kao xlsx ({error}); izveštaj nije izrađen.",
        "The file {file} cannot be read as an xlsx ({error}); no report was made.",
    ),
    "report.texts.sheet_too_large": (
        "Datoteka {file}, list {sheet}: popunjeni deo lista proteže se do ćelije {cell}, daleko izvan tekstova, pa "
        "se list ne čita; izveštaj nije izrađen. Na tom listu pritisnite Ctrl+End da biste videli dokle seže, "
        "obrišite ono što je upisano izvan tekstova i sačuvajte datoteku.",
        "File {file}, sheet {sheet}: the filled part of the sheet reaches cell {cell}, far outside the texts, so the "
        "sheet is not read; no report was made. On that sheet press Ctrl+End to see how far it reaches, delete what "
        "is typed outside the texts and save the file.",
    ),
    "report.texts.no_sheet": (
        "Datoteka {file} nema list „{sheet}“; izveštaj nije izrađen. Dodajte ga: u koloni A vrsta ({kinds}), u "
        "koloni B tekst, jedan red za svaku stavku (red 1 može biti zaglavlje).",
        'The file {file} has no sheet "{sheet}"; no report was made. Add it: the kind in column A ({kinds}), the '
        "text in column B, one row per item (row 1 may be a header).",
    ),
    "report.texts.none": (
        "Datoteka {file}, list {sheet}: nema nijedne stavke; izveštaj nije izrađen. Upišite u koloni A vrstu "
        "({kinds}), u koloni B tekst.",
        "File {file}, sheet {sheet}: there is no item; no report was made. Write the kind in column A ({kinds}), "
        "the text in column B.",
    ),
    "report.texts.unknown_kind": (
        "Datoteka {file}, list {sheet}, ćelija {cell}: vrsta „{given}“ nije poznata; upišite jednu od: {kinds}. "
        "Izveštaj nije izrađen.",
        'File {file}, sheet {sheet}, cell {cell}: the kind "{given}" is not known; write one of: {kinds}. No '
        "report was made.",
    ),
    "report.texts.personal_data": (
        "Datoteka {file}, list {sheet}, ćelija {cell}: tekst sadrži lični podatak ({found}). Izveštaj se objavljuje "
        "i sme da sadrži samo zbirne podatke: izostavite ga. Izveštaj nije izrađen.",
        "File {file}, sheet {sheet}, cell {cell}: the text holds personal data ({found}). The report is published and "
        "holds aggregate data only: leave it out. No report was made.",
    ),
    "report.texts.empty": (
        "Datoteka {file}, list {sheet}, ćelija {cell}: tekst je prazan ({kind}); upišite ga ili obrišite red. "
        "Izveštaj nije izrađen.",
        "File {file}, sheet {sheet}, cell {cell}: the text is empty ({kind}); write it or delete the row. No report "
        "was made.",
    ),
    # `apmon evaluation` and the master's Evaluation sheet
    "evaluation.task_not_activity": (
        "{task} je zadatak aktivnosti {activity}; ocenjuju se aktivnosti: navedite {activity}. Ništa nije zabeleženo.",
        "{task} is a task of the activity {activity}; activities are assessed: give {activity}. Nothing was recorded.",
    ),
    "evaluation.unknown_activity": (
        "Aktivnost {activity} ne postoji u planu {plan}; ništa nije zabeleženo. Navedite oznaku aktivnosti iz plana, "
        "npr. {example}.",
        "There is no activity {activity} in the plan {plan}; nothing was recorded. Give an activity's number from "
        "the plan, e.g. {example}.",
    ),
    "task_status.unknown_task": (
        "Zadatak {task} ne postoji u planu {plan}; ništa nije zabeleženo. Navedite oznaku zadatka iz "
        "plana, npr. {example}. Koordinator beleži stanje ovih zadataka: {tasks}.",
        "There is no task {task} in the plan {plan}; nothing was recorded. Give a task's number "
        "from the plan, e.g. {example}. The Coordinator records the status of these tasks: {tasks}.",
    ),
    "task_status.reported_by": (
        "Stanje zadatka {task} daju izveštaji njegovog nosioca: {reporters}; ništa nije zabeleženo. "
        "Koordinator beleži stanje samo zadataka čiji nosioci primaju izveštaje umesto da ih šalju: {tasks}.",
        "The status of task {task} comes from the reports of its lead: {reporters}; nothing was "
        "recorded. The Coordinator records the status only of the tasks whose leads receive reports instead of "
        "sending them: {tasks}.",
    ),
    "task_status.unknown_status": (
        "Stanje „{given}“ nije poznato; ništa nije zabeleženo. Upišite jedno od: {choices}.",
        'The status "{given}" is not known; nothing was recorded. Write one of: {choices}.',
    ),
    "task_status.period": (
        "„{period}“ ({option}) nije mesec plana {plan}; ništa nije zabeleženo. Navedite mesec od {first} do {last} "
        "u obliku YYYY-MM.",
        '"{period}" ({option}) is not a month of the plan {plan}; nothing was recorded. Give a month from {first} '
        "to {last} as YYYY-MM.",
    ),
    "task_status.recorded": (
        "Zabeleženo: zadatak {task} ({leads}), stanje od {period}: {status}; napomena: {note} ({author}, {at}). Važi "
        "od tog meseca dok se ne zabeleži novije; zbirna radna sveska ga prikazuje posle sledeće sinhronizacije.",
        "Recorded: task {task} ({leads}), status as of {period}: {status}; note: {note} ({author}, {at}). It holds "
        "from that month until a newer one is recorded; the master shows it after the next sync.",
    ),
    "evaluation.unknown_assessment": (
        "Opcija `--assessment`: ocena „{given}“ nije poznata; ništa nije zabeleženo. Upišite jednu od: {choices}.",
        'The option `--assessment`: the assessment "{given}" is not known; nothing was recorded. Write one of: '
        "{choices}.",
    ),
    "evaluation.unknown_year": (
        "Opcija `--year`: godina {year} nije u periodu plana {plan} ({first}–{last}); ništa nije zabeleženo.",
        "The option `--year`: the year {year} is not in the period of the plan {plan} ({first}–{last}); nothing was "
        "recorded.",
    ),
    "evaluation.no_reason": (
        "Navedite razlog odluke (`--reason`); ništa nije zabeleženo.",
        "Give the reason for the decision (--reason); nothing was recorded.",
    ),
    "evaluation.no_text": (
        "Komentar je prazan; ništa nije zabeleženo. Upišite tekst (--text) i ko ga daje (--by).",
        "The comment is empty; nothing was recorded. Give its text (--text) and who gives it (--by).",
    ),
    # a person's name that is the sync's or the master's marker or their words: readers would read it as those
    "evaluation.sync_name": (
        "„{name}“ je oznaka pod kojom apmon beleži sinhronizaciju bez nadzora ili zbirnu radnu svesku, a ne ime "
        "osobe; ništa nije zabeleženo. Navedite svoje ime (`--by`).",
        'The name "{name}" is a mark apmon records the unattended sync or the master workbook under, not a person\'s '
        "name; nothing was recorded. Give your own name (--by).",
    ),
    "evaluation.no_author": (
        "Nije navedeno ko daje komentar; ništa nije zabeleženo. Dodajte instituciju člana Radne grupe ili "
        'predstavnika civilnog društva, npr. `--by "{author}"`.',
        "Who gives the comment is not given; nothing was recorded. Add the Working Group member's institution or the "
        'civil society representative, e.g. `--by "{author}"`.',
    ),
    # the example of evaluation.no_author: outside the command's backticks, so a Cyrillic text has it in Cyrillic
    "evaluation.example_author": ("ASTRA (civilno društvo)", "ASTRA (civil society)"),
    "evaluation.recorded": (
        "Zabeleženo: aktivnost {activity}, {year}: {assessment}; razlog: {reason} ({author}, {at}).",
        "Recorded: activity {activity}, {year}: {assessment}; reason: {reason} ({author}, {at}).",
    ),
    "evaluation.comment_recorded": (
        "Zabeležen komentar: aktivnost {activity}, {year} ({author}, {at}).",
        "Comment recorded: activity {activity}, {year} ({author}, {at}).",
    ),
    # the same decision, comment or status given again (a command run twice): the earlier record, nothing new
    "evaluation.already_recorded": (
        "Već zabeleženo: aktivnost {activity}, {year}: {assessment}; razlog: {reason} ({author}, {at}); ništa novo "
        "nije zabeleženo.",
        "Already recorded: activity {activity}, {year}: {assessment}; reason: {reason} ({author}, {at}); nothing new "
        "was recorded.",
    ),
    "evaluation.comment_already_recorded": (
        "Komentar je već zabeležen: aktivnost {activity}, {year} ({author}, {at}); ništa novo nije zabeleženo.",
        "Comment already recorded: activity {activity}, {year} ({author}, {at}); nothing new was recorded.",
    ),
    "task_status.already_recorded": (
        "Već zabeleženo: zadatak {task} ({leads}), stanje od {period}: {status}; napomena: {note} ({author}, {at}); "
        "ništa novo nije zabeleženo.",
        "Already recorded: task {task} ({leads}), status as of {period}: {status}; note: {note} ({author}, {at}); "
        "nothing new was recorded.",
    ),
    "evaluation.from_master": ("Koordinator (zbirna radna sveska)", "Coordinator (master workbook)"),
    # the same with the name of `[reports] coordinator`
    "evaluation.from_master_named": ("{name} (zbirna radna sveska)", "{name} (master workbook)"),
    # whom the brief the sync issues is recorded under without `[reports] coordinator` (not the service's account)
    "reports.by_sync": ("sinhronizacija (bez nadzora)", "the sync (unattended)"),
    "evaluation.sheet": ("Evaluacija", "Evaluation"),
    "evaluation.title": (
        "Godišnja evaluacija: predlog ocene po aktivnostima i odluka Koordinatora",
        "Annual evaluation: the proposed assessment of each activity and the Coordinator's decision",
    ),
    "evaluation.subtitle": (
        "Koordinator upisuje ocenu i razlog u žuta polja; pri sledećoj sinhronizaciji to se beleži kao njegova "
        "odluka (prethodne odluke se čuvaju).",
        "The Coordinator types an assessment and its reason in the yellow cells; the next sync records them as the "
        "Coordinator's decision (earlier decisions are kept).",
    ),
    "evaluation.col.decided": ("Odluku doneo", "Decided by"),
    "evaluation.col.comments": ("Komentari", "Comments"),
    "evaluation.col.decision_no": ("Br. odluke", "Decision no."),
    "evaluation.sheet_refused": (
        "List {sheet}, ćelija {cell}: ocena „{given}“ nije poznata; upišite jednu od: {choices}. Za aktivnost "
        "{activity} ({year}) ništa nije zabeleženo.",
        'Sheet {sheet}, cell {cell}: the assessment "{given}" is not known; write one of: {choices}. Nothing was '
        "recorded for activity {activity} ({year}).",
    ),
    # A text the Coordinator records (a task's note, a decision's reason, a comment) stays in the ledger for good and
    # is shown in the master and the reports: personal data in it is refused, as in a report ({found}: "JMBG:
    # 15•••••••••11; ime i prezime: M••••• P•••••••")
    "coordinator_text.personal_data": (
        "{what} sadrži lični podatak ({found}); ništa nije zabeleženo. Ono što Koordinator beleži ostaje trajno u "
        "evidenciji i prikazuje se u zbirnoj radnoj svesci i izveštajima, koji smeju da sadrže samo zbirne podatke: "
        "izostavite ga.",
        "{what} holds personal data ({found}); nothing was recorded. What the Coordinator records stays in the ledger "
        "for good and is shown in the master and the reports, which hold aggregate data only: leave it out.",
    ),
    # after it, for the kinds an ordinary text may hold by mistake: what to write instead (an institution's number, a
    # date after "dob" in the sense of age)
    "coordinator_text.hint.phone": (
        "Ako je to fiksni telefon institucije (njena centrala), navedite neposredno pre broja, u istoj rečenici, da "
        "je to kontakt ili centrala ministarstva ili organa, bez žrtve ili drugog lica pomenutog pre njega ili odmah "
        "posle njega i bez imena kao oznake broja („Kontakt Ministarstva: 011/3612-345“); broj mobilnog telefona "
        "smatra se brojem lica.",
        "If it is an institution's own landline (its switchboard), say just before the number, in the same sentence, "
        "that it is the ministry's or body's contact or switchboard, with no victim or other person named before it "
        "or right after it and no name as the number's label "
        '("Ministry switchboard: 011/3612-345"); a mobile number is taken for a person\'s.',
    ),
    "coordinator_text.hint.birth_date": (
        "Ako datum nije datum rođenja (posle reči „dob“ u značenju uzrasta), stavite reči između njih: „bez obzira "
        "na dob, na dan 15.03.2018.“.",
        'If the date is not a date of birth (after "dob", Serbian for age), put words between them: "bez obzira na '
        'dob, na dan 15.03.2018.".',
    ),
    "coordinator_text.note": ("Napomena (`--note`)", "The note (--note)"),
    "coordinator_text.reason": ("Razlog odluke (`--reason`)", "The reason for the decision (--reason)"),
    "coordinator_text.comment": ("Komentar", "The comment"),
    "evaluation.sheet_personal_data": (
        "List {sheet}, ćelija {cell}: razlog odluke za aktivnost {activity} ({year}) sadrži lični podatak ({found}); "
        "ništa nije zabeleženo. Izveštaji smeju da sadrže samo zbirne podatke: izostavite ga.",
        "Sheet {sheet}, cell {cell}: the reason for the decision on activity {activity} ({year}) holds personal data "
        "({found}); nothing was recorded. Reports hold aggregate data only: leave it out.",
    ),
    "evaluation.sheet_no_reason": (
        "List {sheet}, ćelija {cell}: upišite razlog odluke za aktivnost {activity} ({year}); ništa nije zabeleženo.",
        "Sheet {sheet}, cell {cell}: write the reason for the decision on activity {activity} ({year}); nothing was "
        "recorded.",
    ),
    "evaluation.sheet_too_large": (
        "List {sheet} zbirne radne sveske proteže se do ćelije {cell}, daleko izvan tabele, pa se ne čita: odluke "
        "upisane na njemu nisu zabeležene, a zbirna radna sveska nije osvežena, da se upisivanjem ne bi izgubile. Na "
        "tom listu pritisnite Ctrl+End da biste videli dokle seže, obrišite ono što je upisano izvan tabele i "
        "sačuvajte: sledeće pokretanje ga čita i zbirnu radnu svesku ponovo upisuje.",
        "The master's sheet {sheet} reaches cell {cell}, far outside the table, so it is not read: the decisions typed "
        "on it were not recorded, and the master was not refreshed, so that writing it does not lose them. On that "
        "sheet press Ctrl+End to see how far it reaches, delete what is typed outside the table and save: the next run "
        "reads it and writes the master again.",
    ),
    # The Google twin of evaluation.sheet_too_large: a Google sheet is measured by its grid (its rows and columns,
    # filled or not), as a report's Google sheets are (google-sheet-too-large).
    "evaluation.google_sheet_too_large": (
        "List {sheet} zbirne Google tabele {spreadsheet} je prevelik da bi se pročitao (redova: {rows}, kolona: "
        "{columns}; list sme imati najviše ćelija: {limit}), pa se ne čita: odluke upisane na njemu nisu zabeležene, "
        "a tabela nije osvežena, da se upisivanjem ne bi izgubile. Na tom listu izaberite prazne redove ispod tabele "
        "i prazne kolone desno od nje i obrišite ih (desni klik > Izbriši redove, odnosno Izbriši kolone), zajedno "
        "sa onim što ne pripada tabeli: sledeće pokretanje ga čita i tabelu ponovo upisuje.",
        "The sheet {sheet} of the master Google spreadsheet {spreadsheet} has {rows} rows and {columns} columns; a "
        "sheet may have at most {limit} cells, so it is not read: the decisions typed on it were not recorded, and "
        "the spreadsheet was not refreshed, so that writing it does not lose them. On that sheet select the empty "
        "rows below the table and the empty columns to its right and delete them (right-click > Delete rows, or "
        "Delete columns), with whatever does not belong in the table: the next run reads it and writes the "
        "spreadsheet again.",
    ),
    "evaluation.sheet_unreadable": (
        "List {sheet} zbirne radne sveske „{file}“ ne može da se pročita ({reason}): odluke upisane na njemu nisu "
        "zabeležene, a zbirna radna sveska nije osvežena, da se upisivanjem ne bi izgubile. Otvorite je u Excelu "
        "(Excel nudi da popravi oštećenu datoteku), na listu {sheet} obrišite ćeliju koja prikazuje ##### (broj "
        "koji nije datum, u ćeliji formata datuma) i sačuvajte: sledeće pokretanje ga čita i zbirnu radnu svesku "
        "ponovo upisuje.",
        "The sheet {sheet} of the master '{file}' cannot be read ({reason}): the decisions typed on it were not "
        "recorded, and the master was not refreshed, so that writing it does not lose them. Open it in Excel "
        "(Excel offers to repair a damaged file), on the sheet {sheet} clear any cell showing ##### (a number that "
        "is no date, in a cell formatted as a date) and save it: the next run reads it and writes the master again.",
    ),
    "evaluation.sheet_recorded": (
        "Sa lista {sheet} zabeležena je odluka: aktivnost {activity} ({year}): {assessment}.",
        "Recorded from the sheet {sheet}: activity {activity} ({year}): {assessment}.",
    ),
    # a decision typed on the master, dated at the run's start, older than one recorded during the run: both kept
    "evaluation.sheet_recorded_not_standing": (
        "Sa lista {sheet} zabeležena je odluka: aktivnost {activity} ({year}): {assessment}; ona ne važi: važi "
        "kasnija odluka br. {number} ({standing}; {author}, {at}), i list je prikazuje kada se zbirna radna sveska "
        "ponovo upiše. Ako treba da važi odluka sa lista, upišite je ponovo kada list prikaže odluku br. {number}.",
        "Recorded from the sheet {sheet}: activity {activity} ({year}): {assessment}; it does not stand: the later "
        "decision no. {number} ({standing}; {author}, {at}) stands, and the sheet shows it once the master is "
        "written again. If the sheet's decision is to stand, type it again once the sheet shows decision no. "
        "{number}.",
    ),
    # ... and the later one has the same assessment: nothing to do
    "evaluation.sheet_recorded_same": (
        "Sa lista {sheet} zabeležena je odluka: aktivnost {activity} ({year}): {assessment}; važi kasnija odluka br. "
        "{number} ({author}, {at}), sa istom ocenom: ne treba ništa da uradite.",
        "Recorded from the sheet {sheet}: activity {activity} ({year}): {assessment}; the later decision no. "
        "{number} ({author}, {at}) stands, with the same assessment: there is nothing to do.",
    ),
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
    # After a preposition that takes the genitive (od, do, iz, tokom, posle, pre): "od marta 2018.".
    "month.genitive.1": ("januara", "January"),
    "month.genitive.2": ("februara", "February"),
    "month.genitive.3": ("marta", "March"),
    "month.genitive.4": ("aprila", "April"),
    "month.genitive.5": ("maja", "May"),
    "month.genitive.6": ("juna", "June"),
    "month.genitive.7": ("jula", "July"),
    "month.genitive.8": ("avgusta", "August"),
    "month.genitive.9": ("septembra", "September"),
    "month.genitive.10": ("oktobra", "October"),
    "month.genitive.11": ("novembra", "November"),
    "month.genitive.12": ("decembra", "December"),
    # After "u" (in): the locative, "u martu 2018.".
    "month.locative.1": ("januaru", "January"),
    "month.locative.2": ("februaru", "February"),
    "month.locative.3": ("martu", "March"),
    "month.locative.4": ("aprilu", "April"),
    "month.locative.5": ("maju", "May"),
    "month.locative.6": ("junu", "June"),
    "month.locative.7": ("julu", "July"),
    "month.locative.8": ("avgustu", "August"),
    "month.locative.9": ("septembru", "September"),
    "month.locative.10": ("oktobru", "October"),
    "month.locative.11": ("novembru", "November"),
    "month.locative.12": ("decembru", "December"),
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
