"""The labels of the one catalogue (schemas.messages): every label a template or the Coordinator's master
workbook shows. Sheet names: at most 31 characters, none of []:*?/\\.

key -> (Serbian Latin, English); Serbian Cyrillic is derived by transliteration.
"""

LABELS: dict[str, tuple[str, str]] = {
    # an institution the Government renamed, as the master and the reports name it: as it is now and as it was
    "institution.formerly": ("{name} (do {until}: {former})", "{name} (until {until}: {former})"),
    # a successor of a ministry split in two, where a list names it: "MRZSP (od jula 2018. umesto MRZBSP)"
    "institution.took_over": ("od {first} umesto {predecessor}", "from {first} in place of {predecessor}"),
    # kinds of personal data, as the personal-data message names them
    "personal.phone": ("tel.", "phone"),
    "personal.document": ("broj pasoša ili lične karte", "passport or identity card number"),
    "personal.birth_date": ("datum rođenja", "date of birth"),
    "personal.name": ("ime i prezime", "a person's name"),
    "personal.token": (
        "token za dugmad apmon, lozinka koju Koordinator treba da opozove",
        "an apmon add-in token, a password the Coordinator must revoke",
    ),
    # document properties, as Excel's File > Info > Properties names them, for the personal-data-property message
    "property.title": ("Naslov", "Title"),
    "property.subject": ("Tema", "Subject"),
    "property.tags": ("Oznake", "Tags"),
    "property.comments": ("Komentari", "Comments"),
    "property.categories": ("Kategorije", "Categories"),
    "property.status": ("Stanje", "Status"),
    "property.company": ("Preduzeće", "Company"),
    "property.manager": ("Menadžer", "Manager"),
    "property.hyperlink_base": ("Osnova hiperveze", "Hyperlink Base"),
    # the parts of a sheet that hold what a person typed, for the personal-data-header-footer and -validation messages
    "place.header": ("zaglavlje", "header"),
    "place.footer": ("podnožje", "footer"),
    "place.even_header": ("zaglavlje parnih stranica", "even page header"),
    "place.even_footer": ("podnožje parnih stranica", "even page footer"),
    "place.first_header": ("zaglavlje prve stranice", "first page header"),
    "place.first_footer": ("podnožje prve stranice", "first page footer"),
    "place.input_message": ("ulazna poruka", "input message"),
    "place.error_alert": ("upozorenje o grešci", "error alert"),
    "place.list": ("lista vrednosti", "list of values"),
    "place.formula": ("formula", "formula"),
    # the parts of a table, a shape or a chart, for the personal-data-table, -drawing and -chart messages
    "place.name": ("naziv", "name"),
    "place.comment": ("komentar", "comment"),
    "place.column": ("zaglavlje ili zbirni red kolone", "column header or total row"),
    "place.filter": ("filter", "filter"),
    "place.text": ("tekst", "text"),
    "place.alt_text": ("alternativni tekst", "alternative text"),
    "place.link": ("hiperveza", "hyperlink"),
    "place.chart_text": ("naslov ili oznaka", "title or label"),
    "place.data_copy": ("kopija podataka", "copy of the data"),
    "place.query": ("veza sa podacima ili upit", "data connection or query"),
    "place.power_query": ("kod Power Query upita", "Power Query code"),
    "place.power_query_settings": (
        "podešavanja Power Query upita (grupa, učitane kolone)",
        "Power Query settings (group, columns loaded)",
    ),
    # how to delete a picture where it is, for the personal-data-unreadable-picture message (a sentence's start)
    "remove.picture_sheet": (
        "Pronađite je po nazivu u meniju Početak > Pronađi i izaberi > Okno za izbor, izaberite je i obrišite je",
        "Delete it: find it by its name in Home > Find & Select > Selection Pane, select it and press Delete",
    ),
    "remove.picture_header": (
        "Slika je u zaglavlju ili podnožju stranice: u meniju Raspored na stranici > Odštampaj naslove > "
        "Zaglavlje/podnožje kliknite na Prilagodi zaglavlje (ili Prilagodi podnožje), obrišite oznaku slike "
        "&[Slika] i kliknite na U redu",
        "The picture is in the page's header or footer: in Page Layout > Print Titles > Header/Footer click Custom "
        "Header (or Custom Footer), delete the picture's code &[Picture] and click OK",
    ),
    "remove.picture_background": (
        "Slika je pozadina lista: u meniju Raspored na stranici kliknite na Izbriši pozadinu",
        "The picture is the sheet's background: in Page Layout click Delete Background",
    ),
    # sheet names (at most 31 characters, no []:*?/\)
    "sheet.cover": ("Naslovna", "Cover"),
    "sheet.tasks": ("Zadaci", "Tasks"),
    "sheet.activities": ("Aktivnosti", "Activities"),
    "sheet.budget": ("Budžet", "Budget"),
    "sheet.indicators": ("Pokazatelji", "Indicators"),
    "sheet.problems": ("Problemi", "Problems"),
    "sheet.narrative": ("Izveštaj", "Narrative"),
    "sheet.instructions": ("Uputstvo", "Instructions"),
    "sheet.member": ("Izveštaj člana RG", "Member report"),
    "sheet.observations": ("Zapažanja", "Observations"),
    # titles
    "title.monthly": (
        "Mesečni izveštaj o sprovođenju Akcionog plana",
        "Monthly report on the implementation of the Action Plan",
    ),
    "title.annual": (
        "Godišnji izveštaj o sprovođenju Akcionog plana",
        "Annual report on the implementation of the Action Plan",
    ),
    "title.member": (
        "Kratki mesečni izveštaj člana Radne grupe",
        "Short monthly report of a Working Group member",
    ),
    "title.observer": (
        "Zapažanja predstavnika civilnog društva o sprovođenju Akcionog plana",
        "Civil society representative's observations on the implementation of the Action Plan",
    ),
    "title.member_sheet": (
        "Aktivnosti, problemi i predlozi u oblasti nadležnosti",
        "Activities, problems and proposals in your area of responsibility",
    ),
    "title.observations": ("Zapažanja i predlozi po aktivnostima", "Observations and proposals per activity"),
    "title.tasks": ("Zadaci: stanje i napredak", "Tasks: status and progress"),
    "title.activities": ("Aktivnosti: godišnja ocena", "Activities: annual assessment"),
    "title.budget": ("Budžet: planirano i utrošeno", "Budget: planned and spent"),
    "title.indicators": ("Pokazatelji aktivnosti", "Activity indicators"),
    "title.problems": ("Problemi i prepreke", "Problems and obstacles"),
    "title.narrative": ("Rezultati, problemi i izazovi u godini", "Results, problems and challenges of the year"),
    "title.instructions": ("Kako popuniti izveštaj", "How to fill in this report"),
    # A Google template's locked ranges, as Data > Protected sheets and ranges lists them: "apmon: <sheet> (...)"
    "protect.plan": ("zaključana polja su iz Akcionog plana", "locked cells come from the Action Plan"),
    "protect.meta": ("zapis obrasca za apmon; ne menjajte ga", "the template's record for apmon; do not change it"),
    "hint.inputs": (
        "Popunjavaju se samo bela polja; siva polja su iz Akcionog plana i zaključana su.",
        "Fill in the white cells only; grey cells come from the Action Plan and are locked.",
    ),
    # a successor's Budget sheet in the year of the split (InstitutionRegistry: succeeds, reports_from), in place of
    # hint.inputs: one line a 1366-pixel screen shows whole (about 130 characters at the most, the longest month)
    "hint.budget_successor": (
        "U {year}. upišite samo utrošak od {first}; mesece pre toga prijavila je institucija {predecessor}, a "
        "Koordinator ih sabira.",
        "In {year} enter only what you spent from {first}; {predecessor} reported the months before, and the "
        "Coordinator adds them.",
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
    "kind.member": ("mesečni, člana Radne grupe", "monthly, Working Group member"),
    "kind.observer": ("mesečni, zapažanja civilnog društva", "monthly, civil society observations"),
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
    "member.activities": (
        "Aktivnosti u oblasti nadležnosti u izveštajnom mesecu",
        "Activities in your area of responsibility this month",
    ),
    "member.problems": ("Uočeni problemi i prepreke", "Problems and obstacles"),
    "member.proposals": ("Predlozi mera", "Proposals"),
    "col.leads": ("Nosioci", "Lead institutions"),
    "col.observation": ("Zapažanje", "Observation"),
    "col.proposal": ("Predlog", "Proposal"),
    # roles and choices
    "role.lead": ("nosilac", "lead"),
    "role.partner": ("partner", "partner"),
    "status.not-started": ("nije započet", "not started"),
    "issue.what.task": ("zadatak", "task"),
    "issue.what.activity": ("aktivnost", "activity"),
    "status.in-progress": ("u toku", "in progress"),
    "status.delayed": ("kasni", "delayed"),
    "status.completed": ("završen", "completed"),
    "assessment.completed": ("realizovana", "completed"),
    "assessment.partially-completed": ("delimično realizovana", "partially completed"),
    "assessment.not-completed": ("nije realizovana", "not completed"),
    "source.state-budget": ("budžet Republike Srbije", "state budget"),
    "source.taiex": ("TAIEX", "TAIEX"),
    "source.donor-project": ("donatorski projekat", "donor project"),
    "source.no-cost": ("bez troškova", "no cost"),
    "source.cost-unknown": ("troškovi nepoznati", "cost unknown"),
    "deadline.continuous": ("kontinuirano do {date}", "continuously until {date}"),
    "deadline.due": ("do {date}", "by {date}"),
    # data validation prompts
    "prompt.status": ("Izaberite stanje zadatka sa liste.", "Choose the task's status from the list."),
    "prompt.assessment": ("Izaberite ocenu sa liste.", "Choose the assessment from the list."),
    "prompt.problem_task": (
        "Izaberite sa liste zadatak na koji se problem odnosi.",
        "Choose from the list the task the problem is about.",
    ),
    "prompt.amount": (
        "Unesite iznos kao broj, bez oznake valute (npr. 79300 ili 79300,50).",
        "Type the amount as a number, without the currency (e.g. 79300 or 79300.50).",
    ),
    "prompt.count": ("Unesite ceo broj, 0 ili veći.", "Type a whole number, 0 or more."),
    "prompt.date": (
        "Unesite datum izveštaja, npr. 05.04.2018. ili 5. april 2018.",
        "Type the report date as day.month.year or in words, e.g. 05.04.2018 or 5 April 2018.",
    ),
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
    # from template version 6 (templates.layout): instead of instructions.7, and the annual report's instead of
    # instructions.3 (its Budget sheet has one amount)
    "instructions_6.7": (
        "7. Ne menjajte zaključana polja, ne spajajte ćelije i ne dodajte, ne brišite i ne premeštajte redove zadataka.",
        "7. Do not change locked cells, do not merge cells, and do not add, delete or move task rows.",
    ),
    "instructions_annual.3": (
        "3. Na listu „Budžet“ unesite iznose utrošene u godini, kao brojeve, u valuti stavke.",
        "3. On the Budget sheet, type the amounts spent in the year, as numbers, in the line's currency.",
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
    # instructions of the short member report and of the civil society observations
    "instructions_member.1": (
        "1. Na listu „Naslovna“ upišite ime osobe koja je pripremila izveštaj, službeni kontakt i datum.",
        "1. On the Cover sheet, type who prepared the report, an office contact and the date.",
    ),
    "instructions_member.2": (
        "2. Na listu „Izveštaj člana RG“ ukratko opišite aktivnosti u oblasti nadležnosti vaše institucije u "
        "izveštajnom mesecu, uočene probleme i svoje predloge. Popunite bar jedno polje.",
        "2. On the Member report sheet, describe briefly your institution's activities in its area in the month, "
        "the problems you saw and your proposals. Fill in at least one of them.",
    ),
    "instructions_member.3": (
        "3. Izveštaj sadrži samo zbirne podatke: ne upisujte imena, JMBG, adrese, telefone ni e-adrese žrtava.",
        "3. The report holds aggregate data only: never type names, personal identity numbers (JMBG), "
        "addresses, phone numbers or e-mail addresses of victims.",
    ),
    "instructions_member.4": (
        "4. Kliknite „Proveri“, ispravite navedene greške, a zatim kliknite „Dostavi“.",
        "4. Click Validate, fix the problems listed, then click Submit.",
    ),
    "instructions_observer.1": (
        "1. Na listu „Naslovna“ upišite ime osobe koja je pripremila zapažanja, kontakt i datum.",
        "1. On the Cover sheet, type who prepared the observations, a contact and the date.",
    ),
    "instructions_observer.2": (
        "2. Na listu „Zapažanja“ upišite zapažanje i predlog za aktivnosti koje ste pratili u izveštajnom "
        "mesecu; ostale redove ostavite prazne. Upišite bar jedno zapažanje ili predlog.",
        "2. On the Observations sheet, type an observation and a proposal for the activities you followed in "
        "the month; leave the other rows empty. Type at least one observation or proposal.",
    ),
    "instructions_observer.3": (
        "3. Zapažanja sadrže samo zbirne podatke: ne upisujte imena, JMBG, adrese, telefone ni e-adrese žrtava.",
        "3. Observations hold aggregate data only: never type names, personal identity numbers (JMBG), "
        "addresses, phone numbers or e-mail addresses of victims.",
    ),
    "instructions_observer.4": (
        "4. Kliknite „Proveri“, ispravite navedene greške, a zatim kliknite „Dostavi“. Ne menjajte zaključana "
        "polja i ne premeštajte redove.",
        "4. Click Validate, fix the problems listed, then click Submit. Do not change locked cells or move rows.",
    ),
    # --- the Coordinator's master workbook (sheet names: at most 31 characters, no []:*?/\)
    "master.sheet.overview": ("Pregled", "Overview"),
    "master.sheet.objectives": ("Ciljevi", "Objectives"),
    "master.sheet.submissions": ("Dostavljanje", "Submissions"),
    "master.sheet.status": ("Stanje", "Status"),
    "master.sheet.annual": ("Godišnji izveštaji", "Annual"),
    "master.sheet.budget": ("Budžet", "Budget"),
    "master.sheet.indicators": ("Pokazatelji", "Indicators"),
    "master.sheet.problems": ("Problemi i rizici", "Problems and risks"),
    "master.sheet.issues": ("Greške i upozorenja", "Issues"),
    "master.col.code": ("Šifra", "Code"),
    "master.col.institution": ("Institucija", "Institution"),
    "master.col.period": ("Period", "Period"),
    "master.col.year": ("Godina", "Year"),
    "master.col.task": ("Zadatak", "Task"),
    "master.col.completed_share": ("Udeo završenih", "Share completed"),
    "master.col.execution": ("Izvršenje", "Execution"),
    "master.overview.title": ("Praćenje Akcionog plana: pregled", "Action Plan monitoring: overview"),
    "master.overview.subtitle": (
        "{plan}; izveštaji: {first} – {last}; stanje na dan {as_of}",
        "{plan}; reports: {first} – {last}; as of {as_of}",
    ),
    "master.overview.on_time": ("Mesečni: na vreme", "Monthly: on time"),
    "master.overview.late": ("Mesečni: sa zakašnjenjem", "Monthly: late"),
    "master.overview.invalid": ("Mesečni: neispravni", "Monthly: invalid"),
    "master.overview.missing": ("Mesečni: nedostaju", "Monthly: missing"),
    "master.overview.annual_received": ("Godišnji: primljeni", "Annual: received"),
    "master.overview.annual_invalid": ("Godišnji: neispravni", "Annual: invalid"),
    "master.overview.annual_missing": ("Godišnji: nedostaju", "Annual: missing"),
    "master.overview.tasks": ("Zadaci (nosilac)", "Tasks led"),
    "master.overview.completed": ("Završeni", "Completed"),
    "master.overview.planned": ("Planirano {year}, {currency}", "Planned {year}, {currency}"),
    "master.overview.spent": ("Utrošeno {year}, {currency}", "Spent {year}, {currency}"),
    "master.overview.execution": ("Izvršenje, {currency}", "Execution, {currency}"),
    "master.overview.no_report": ("nema izveštaja za {year}", "no report for {year}"),
    "master.overview.not_given": ("utrošak nije naveden", "spending not given"),
    "master.overview.chart_budget": (
        "Izvršenje budžeta po institucijama, {year} (RSD)",
        "Budget execution by institution, {year} (RSD)",
    ),
    "master.overview.reported": (
        "Primljeni mesečni izveštaji: {reported} od {due} dospelih ({share}).",
        "Monthly reports received: {reported} of {due} due ({share}).",
    ),
    "master.overview.reported_annual": (
        "Primljeni godišnji izveštaji: {reported} od {due} dospelih ({share}); duguju ih institucije sa zadacima "
        "(prazno: nije obavezan).",
        "Annual reports received: {reported} of {due} due ({share}); the institutions with tasks owe them (empty: "
        "not required).",
    ),
    "master.overview.budget_note": (
        "Planirano i utrošeno: stavke plana za {year}. godinu, RSD i EUR odvojeno (ne sabiraju se bez kursa). Prazno "
        "utrošeno nije nula: institucija nije dala utrošak za godinu (izvršenje kaže zašto).",
        "Planned and spent: the plan's lines of {year}, RSD and EUR apart (never added up without a rate). An empty "
        "spent is not a zero: the institution gave no spending for the year (the execution says why).",
    ),
    "master.overview.shared": (
        "Utrošeno {year} sadrži i utrošak koji je na istoj stavci prijavilo više institucija: {lines}; ako je to "
        "jedan isti trošak, do {amounts} je uračunato dva puta (list {sheet}).",
        "Spent {year} includes spending that more than one institution reported on one line: {lines}; if it is one "
        "and the same expense, up to {amounts} is counted twice (the {sheet} sheet).",
    ),
    "master.overview.period_lines": (
        "Nisu uračunate stavke planirane za ceo period plana {period}, bez godine: {amounts} (list {sheet}).",
        "Not counted: the lines planned for the whole plan period {period}, with no year: {amounts} (the {sheet} "
        "sheet).",
    ),
    "master.overview.done": (
        "Završeni zadaci: {done} od {total} ({share}).",
        "Tasks completed: {done} of {total} ({share}).",
    ),
    "master.overview.led_note": (
        "Kolone „{tasks}“ i „{completed}“: zadaci kojima je institucija bila nosilac kada su dospeli (zadatak koji "
        "još nije dospeo: kod sadašnjeg nosioca; zadatak sa više nosilaca broji se kod svakog od njih); zadatak je "
        "završen kada ga svi nosioci koji izveštavaju prijave kao završen, kao na listu {sheet}, pa institucija koja "
        "je svoj deo završila može imati manje završenih nego što je prijavila.",
        'The columns "{tasks}" and "{completed}": the tasks the institution held when they were due (a task not '
        "yet due: its present lead's; a task with several leads counts for each); a task is completed when every "
        "lead that reports says so, as on the {sheet} sheet, so an institution that finished its part may have fewer "
        "completed than it reported.",
    ),
    "master.overview.chart_note": (
        "Stanje po ciljevima: grafikon prikazuje list {sheet}.",
        "Status by objective: the chart draws the {sheet} sheet.",
    ),
    "master.objectives.title": ("Stanje zadataka po ciljevima", "Status of tasks by objective"),
    "master.objectives.subtitle": (
        "Svaki zadatak se broji jednom, sa najmanje odmaklim stanjem svojih nosilaca.",
        "Each task counts once, with the least advanced status of its lead institutions.",
    ),
    "master.objectives.objective": ("Cilj", "Objective"),
    "master.objectives.name": ("Naziv", "Title"),
    "master.objectives.none": ("Nije izvešteno", "Not reported"),
    "master.objectives.tasks": ("Zadaci", "Tasks"),
    "master.submissions.title": (
        "Mesečni i godišnji izveštaji po institucijama",
        "Monthly and annual reports by institution",
    ),
    "master.submissions.annual": ("Godišnji {year}", "Annual {year}"),
    "master.submissions.annual_note": (
        "Godišnji izveštaj za godinu: rok je {due} naredne godine, a ako je taj dan neradni, prvi naredni "
        "radni dan. On je poslednja reč o toj godini: njegova stanja i utrošak važe posle svih mesečnih izveštaja.",
        "Annual report for a year: due on {due} of the next year, or the next working day when that day is "
        "not a working day. It is the year's closing word: its statuses and spending stand after every monthly "
        "report of that year.",
    ),
    "master.submissions.subtitle": (
        "Rok: {day}. radni dan narednog meseca. Kašnjenje: broj radnih dana posle roka.",
        "Due on working day {day} of the following month. Late: working days after the due date.",
    ),
    "master.rows_cut": (
        "Prikazani su samo prvi redovi ({shown} od ukupno {total}): list u Excelu ne može da primi više. Svi su u evidenciji.",
        "The first {shown} of {total} rows are shown: an Excel sheet holds no more. All of them are in the ledger.",
    ),
    "master.submissions.note": (
        "neispravan: najnovija verzija ima greške (vidite list {sheet}); koristi se poslednja ispravna, ako postoji.",
        "invalid: the newest version has errors (see {sheet}); the last valid one, if any, is used.",
    ),
    "master.submissions.duty": ("Obaveza izveštavanja", "Reporting duty"),
    "master.submissions.not_owed": ("nije obavezan", "not required"),
    "master.duty.tasks": ("zadaci: mesečni i godišnji", "tasks: monthly and annual"),
    "master.duty.member": ("član RG: kratki mesečni", "WG member: short monthly"),
    "master.duty.observer": ("civilno društvo: zapažanja", "civil society: observations"),
    "master.submissions.on_time": ("na vreme", "on time"),
    "master.submissions.late": ("sa zakašnjenjem ({days})", "late ({days})"),
    "master.submissions.missing": ("nije dostavljen", "missing"),
    # Its file is there but could not be read by the run (Google not answering): not known to be missing.
    "master.submissions.not_read": (
        "datoteka nije pročitana u ovom pokretanju",
        "file not read this run",
    ),
    "master.submissions.invalid": ("neispravan", "invalid"),
    # The version that counts is a correction sent after the deadline: on time (or late) by an earlier valid one.
    "master.submissions.corrected": (" (ispravljen {date})", " (corrected {date})"),
    "master.submissions.newer_invalid": (", novija verzija neispravna", ", newer version invalid"),
    "master.submissions.deleted": (" (datoteka obrisana)", " (file deleted)"),
    "master.submissions.time.stamp": (" ({time}, oznaka Dostavi{version})", " ({time}, Submit stamp{version})"),
    "master.submissions.time.file": (" ({time}, vreme datoteke{version})", " ({time}, file time{version})"),
    "master.submissions.time.ledger": (
        " ({time}, prvi prijem istog sadržaja{version})",
        " ({time}, first receipt of this content{version})",
    ),
    # The ledger's number of the version whose content counts, as `apmon ledger versions` lists it: an auditor's link
    "master.submissions.version": (", verzija {version}", ", version {version}"),
    "master.submissions.time_note": (
        "Vreme dostavljanja (po beogradskom vremenu) odlučuje da li je izveštaj stigao na vreme. Oznaka Dostavi: "
        "vreme koje je dugme Dostavi upisalo u radnu svesku. Prvi prijem istog sadržaja: najranije vreme kada je "
        "evidencija imala isti sadržaj, jer kopiranje datoteke ili ponovno čuvanje ne menja vreme dostavljanja. "
        "Vreme datoteke: vreme poslednje izmene datoteke, kada nema ni jednog ni drugog. Izveštaj je na vreme kada "
        "je bilo koja njegova ispravna verzija stigla do roka, a kasni za onoliko radnih dana koliko je kasnila "
        "njegova prva ispravna verzija; prikazano je vreme te verzije. Sadržaj je uvek iz najnovije ispravne "
        "verzije: „ispravljen“ i datum znače da je ona ispravka poslata posle roka. Verzija: broj te verzije u "
        "evidenciji, kako ga navodi spisak verzija evidencije, da bi se znalo iz koje datoteke i verzije je svaki podatak.",
        "The submission time (Belgrade time) decides whether a report came on time. Submit stamp: the time the "
        "Submit button wrote into the workbook. First receipt of this content: the earliest time the ledger had "
        "the same content, as copying a file or saving it again does not change when it was submitted. File time: "
        "when the file was last changed, when there is neither. A report is on time when any valid version of it "
        "came by the deadline, and late by the working days of its first valid version; the time shown is that "
        "version's. The content is always the newest valid version's: \"corrected\" and a date mean it is a "
        "correction sent after the deadline. Version: that version's number in the ledger, as the "
        "ledger's list of versions gives it, so that each figure can be traced to its file and version.",
    ),
    "master.annual.title": ("Godišnja ocena realizacije aktivnosti", "Annual assessment of the activities"),
    "master.annual.subtitle": (
        "Samoocena nosilaca iz godišnjih izveštaja, sa obrazloženjem, i tekst izveštaja. Rok za godišnji izveštaj: "
        "{due} naredne godine, a ako je to neradni dan, prvi naredni radni dan.",
        "The leads' self-assessment from the annual reports, with their reasons, and the reports' text. The annual "
        "report is due on {due} of the next year, or the next working day when that is not a working day.",
    ),
    "master.annual.activity": ("Aktivnost", "Activity"),
    "master.annual.text": ("Aktivnost / deo izveštaja", "Activity / part of the report"),
    "master.annual.assessment": ("Samoocena", "Self-assessment"),
    "master.annual.reasons": ("Obrazloženje / tekst", "Reasons / text"),
    "master.annual.submitted": ("Godišnji izveštaj", "Annual report"),
    "master.annual.note": (
        "Realizovana: izvršena u skladu sa očekivanjima, dodatne mere nisu potrebne. Delimično realizovana: "
        "izvršena, ali su potrebne dodatne mere da bi efekat dostigao planirani nivo. Nije realizovana: nije "
        "izvršena i potrebne su dodatne mere (Strategija, odeljak 10.3).",
        "Completed: executed in line with the expectations, no additional measures required. Partially completed: "
        "executed, but additional measures are required to bring the effect to the level planned. Not completed: "
        "not executed, and additional measures are required (Strategy, section 10.3).",
    ),
    "master.status.title": ("Stanje aktivnosti i zadataka", "Status of activities and tasks"),
    "master.status.subtitle": (
        "Stanje nosioca iz najnovijeg prihvaćenog izveštaja svake institucije nosioca.",
        "Lead status from the newest accepted report of each lead institution.",
    ),
    "master.status.level": ("Nivo", "Level"),
    "master.status.id": ("Oznaka", "Id"),
    "master.status.text": ("Aktivnost / zadatak", "Activity / task"),
    "master.status.lead": ("Nosilac", "Lead"),
    "master.status.status": ("Stanje", "Status"),
    "master.status.leads_reported": ("Izvestilo nosilaca", "Leads reported"),
    "master.status.partners": ("Stanje partnera", "Partners' status"),
    "master.status.progress": ("Poslednji napredak", "Latest progress"),
    "master.status.overdue": ("Rok", "Deadline"),
    "master.status.share": ("Završeni zadaci", "Tasks completed"),
    "master.status.activity": ("aktivnost", "activity"),
    "master.status.task": ("zadatak", "task"),
    "master.status.reported": ("{reported} od {leads}", "{reported} of {leads}"),
    "master.status.not_reported": ("nije izvešteno", "not reported"),
    "master.status.recorded": ("Koordinator, od {period}", "Coordinator, as of {period}"),
    "master.status.recorded_note": (
        "Zadatke čiji su jedini nosioci Savet, Nacionalni koordinator ili Radna grupa (oni primaju izveštaje, a ne "
        "šalju ih) beleži Koordinator: stanje važi od meseca za koji je zabeleženo dok se ne "
        "zabeleži novije, a napomena je napredak sa šifrom Koordinatora.",
        "The tasks led only by the Council, the National Coordinator or the Working Group (they receive reports, "
        "they do not send them) are recorded by the Coordinator: the status holds from the "
        "month it was recorded as of until a newer one is recorded, and its note is the progress, marked with the "
        "Coordinator's code.",
    ),
    "master.status.is_overdue": ("rok istekao", "overdue"),
    "master.status.is_open_at_end": ("nije završen do kraja perioda", "not completed at the end of the period"),
    # the successors of a ministry split in two, each linked to the old ministry (sync.consolidate.with_took_over)
    # under a sheet that names institutions by their codes: each successor of a split with whom it took over from
    "master.successors_note": (
        "Naslednici ministarstva podeljenog na dva: {successors}.",
        "Successors of a ministry split in two: {successors}.",
    ),
    "master.status.successors_note": (
        "Naslednici ministarstva podeljenog na dva: {successors}. Zadatak dospeo pre prvog meseca naslednika naveden "
        "je sa nosiocem koji ga je tada držao.",
        "Successors of a ministry split in two: {successors}. A task due before a successor's first month names the "
        "lead that held it then.",
    ),
    "master.status.deadline_note": (
        "Rok istekao: rok aktivnosti (određeni datum) je prošao, a zadatak nije završen. Nije završen do kraja "
        "perioda: zadatak koji se sprovodi kontinuirano bio je u toku kada se period plana završio; to nije "
        "kašnjenje. Poslednji napredak: najnoviji tekst svakog nosioca i partnera, sa šifrom institucije.",
        "Overdue: the activity's dated deadline passed and the task is not completed. Not completed at the end of "
        "the period: a task carried out continuously was still under way when the plan period ended; it is not "
        "late. Latest progress: each lead's and partner's newest text, marked with the institution's code.",
    ),
    "master.budget.title": (
        "Budžet: planirano i utrošeno po instituciji, godini, izvoru i valuti",
        "Budget: planned and spent by institution, year, source and currency",
    ),
    "master.budget.subtitle": (
        "Utrošeno: od početka godine, iz najnovijeg prihvaćenog izveštaja za tu godinu; stavka koju on ostavi praznu "
        "zadržava poslednji iznos dat za nju u godini. RSD i EUR se vode odvojeno.",
        "Spent: year to date from the newest accepted report of the year; a line it leaves blank keeps the last "
        "figure given for it in the year. RSD and EUR are kept apart.",
    ),
    "master.budget.source": ("Izvor", "Source"),
    "master.budget.currency": ("Valuta", "Currency"),
    "master.budget.planned": ("Planirano", "Planned"),
    "master.budget.spent": ("Utrošeno", "Spent"),
    "master.budget.remaining": ("Preostalo", "Remaining"),
    "master.budget.in_rsd": ("Utrošeno u RSD", "Spent in RSD"),
    "master.budget.section_11": ("Ukupno po odeljku 11", "Section 11 total"),
    "master.budget.difference_11": ("Stavke zadataka - odeljak 11", "Task lines - section 11"),
    "master.budget.rates": (
        "EUR je preračunat po podešenom kursu za svaku godinu ({rates}).",
        "EUR converted at the configured rate per year ({rates}).",
    ),
    "master.budget.no_rates": ("kurs nije podešen", "none configured"),
    "master.budget.shared": ("Stavke koje prijavljuje više institucija", "Lines reported by more than one institution"),
    "master.budget.shared_line": (
        "{line}: {given}; do {twice} {currency} možda je uračunato dva puta",
        "{line}: {given}; up to {twice} {currency} may be counted twice",
    ),
    "master.budget.split_line": (
        "{line}: zbir ovih delova, svaki uračunat jednom: {parts}",
        "{line}: the sum of these parts, each counted once: {parts}",
    ),
    # a successor's figure on a split line that also held the old ministry's last months (consolidate.counted_once)
    "master.budget.split_repeated": (
        "iznos institucije {successor} ({given}) sadržao je i utrošak institucije {predecessor} od {since} "
        "({amount}), koji daje i {predecessor}: uračunat je jednom, u delu institucije {predecessor} (upozorenje "
        "spent-year-repeats-predecessor)",
        "{successor}'s figure ({given}) also held what {predecessor} spent from {since} ({amount}), which "
        "{predecessor} gives too: counted once, in {predecessor}'s part (warning spent-year-repeats-predecessor)",
    ),
    "master.budget.split_note": (
        "Ministarstvo podeljeno u toku godine: na stavci koju je do podele izveštavalo staro ministarstvo, a od "
        "tada njegov naslednik, Utrošeno sabira iznos starog ministarstva (njegovi meseci) i iznos naslednika (samo "
        "njegovi meseci, od prvog); poslednja kolona reda kaže čije mesece zbir sadrži. Naslednik čiji iznos ponavlja "
        "iznos starog ministarstva dobija upozorenje spent-year-repeats-predecessor, a stavka se vodi kao da je "
        "možda uračunata dva puta.",
        "A ministry split during the year: on a line the old ministry reported until the split and its successor "
        "since, Spent adds the old ministry's figure (its months) and the successor's (its own months only, from "
        "its first); the row's last column says whose months the sum holds. A successor whose figure repeats the "
        "old ministry's gets the warning spent-year-repeats-predecessor, and the line is shown as maybe counted "
        "twice.",
    ),
    # the lines of budget.shared_note, one said as one
    "master.budget.on_line": ("Na stavci {lines}", "On line {lines}"),
    "master.budget.on_lines": ("Na stavkama {lines}", "On lines {lines}"),
    "master.budget.shared_note": (
        "Utrošeno sadrži sav prijavljeni utrošak. {on_lines} utrošak je prijavilo više institucija (stariji "
        "obrasci su stavku zadatka sa više nosilaca davali svakom nosiocu): sve je uračunato u red vlasnika stavke, "
        "pa se nijedan prijavljeni iznos ne gubi, ali ako je to jedan isti trošak, do {amounts} je uračunato dva "
        "puta. Pre potpisivanja proverite sa institucijama ko prijavljuje taj trošak.",
        "Spent holds all the spending reported. {on_lines} more than one institution reported spending (older "
        "templates gave a line of a task with several leads to every lead): all of it is counted in the line "
        "owner's row, so no reported money is lost, but if it is one and the same expense, up to {amounts} is "
        "counted twice. Before signing, check with the institutions who reports that expense.",
    ),
    "master.budget.section_11_note": (
        "Odeljak 11: Finansijski efekti Akcionog plana (deo 2) za stavke iz budžeta u RSD; "
        "razlika znači da se stavke zadataka u planu i odeljak 11 ne slažu.",
        "Section 11: the Action Plan's Financial Effects (Part 2) for state-budget RSD lines; "
        "a difference means the plan's task lines and section 11 disagree.",
    ),
    "master.budget.no_task_lines": (
        "{institution} {year}: odeljak 11 planira {amount} RSD na nivou institucije, bez stavki zadataka; razlika "
        "je ceo iznos i nije prekoračenje.",
        "{institution} {year}: section 11 plans {amount} RSD at the institution's level, with no task lines; the "
        "difference is the whole amount and not an overspend.",
    ),
    "master.budget.successors_lines": (
        "{institution} {year}: iznos iz odeljka 11 poredi se sa stavkama zadataka njenih naslednika ({successors}) "
        "zajedno; planirano je u njihovim redovima, ovde se ne sabira ponovo.",
        "{institution} {year}: the section 11 figure is set against the task lines of its successors "
        "({successors}) combined; it is planned in their rows and not added again here.",
    ),
    "master.budget.lines_note": (
        "Svaka stavka plana računa se jednom: stavka bez godine pripada celom periodu plana (red sa periodom, "
        "utrošeno se sabira po godinama); stavka bez platioca na zadatku sa više nosilaca pripada prvom nosiocu "
        "(platilac naveden u planu je menja). Iznos iz odeljka 11 bez stavke zadatka ima stavku na nivou institucije, "
        "označenu sa 11, šifrom institucije i godinom: planiran je, ali se ne poredi sam sa sobom (razlika prema "
        "odeljku 11 je ceo iznos).",
        "Each plan line counts once: a line with no year belongs to the whole plan period (a row for the period, "
        "its spending added up over the years); a line with no payer on a task with several leads is the first "
        "lead's (a payer named in the plan overrides this). A section 11 figure with no task line has a line at the "
        "institution's level, marked with 11, the institution's code and the year: it is planned, but not set against "
        "itself (its difference to section 11 is the whole figure).",
    ),
    "master.indicators.title": (
        "Pokazatelji po institucijama, godinama i mesecima",
        "Indicators by institution, year and month",
    ),
    "master.indicators.subtitle": (
        "Jedan red po pokazatelju, instituciji i godini, meseci u kolonama; red Ukupno sabira institucije.",
        "One row per indicator, institution and year, the months as columns; the Total row adds up the institutions.",
    ),
    "master.indicators.indicator": ("Pokazatelj", "Indicator"),
    "master.indicators.text": ("Tekst pokazatelja", "Indicator text"),
    "master.indicators.kind": ("Vrsta", "Kind"),
    "master.indicators.flow": ("tok", "flow"),
    "master.indicators.stock": ("stanje", "stock"),
    "master.indicators.text_kind": ("tekst", "text"),
    "master.indicators.all": ("Ukupno", "Total"),
    "master.indicators.months": (
        "jan,feb,mar,apr,maj,jun,jul,avg,sep,okt,nov,dec",
        "Jan,Feb,Mar,Apr,May,Jun,Jul,Aug,Sep,Oct,Nov,Dec",
    ),
    "master.indicators.figure": ("Za godinu", "For the year"),
    "master.indicators.annual": ("Godišnji izveštaj", "Annual report"),
    "master.indicators.text_value": ("Vrednost (tekst)", "Value (text)"),
    "master.indicators.kinds_note": (
        "Tok se broji u mesecu: broj za godinu je zbir meseci. Stanje je nivo na kraju meseca: broj za godinu je "
        "poslednja data vrednost.",
        "A flow is counted in the month: the year's figure is the sum of its months. A stock is a level at the end "
        "of the month: the year's figure is the latest value given.",
    ),
    "master.indicators.gaps_note": (
        "Prazan mesec nije nula: označen mesec nema ispravan izveštaj (nedostaje ili ima greške), neoznačen nema "
        "unetu vrednost.",
        "An empty month is not a zero: a marked month has no valid report (missing or invalid), an unmarked one "
        "no value typed.",
    ),
    "master.indicators.breakdown_note": (
        "Žene, muškarci, devojčice, dečaci: raspodela broja za godinu (za tok zbir mesečnih raspodela, za stanje "
        "raspodela poslednjeg meseca); raspodela za svaki mesec je u izveštaju tog meseca. Po polu samo kada "
        "pokazatelj broji osobe; devojčice i dečaci samo kada te osobe mogu biti deca (žrtve, migranti, deca, "
        "učesnici programa za decu i zajedničkih preventivnih akcija); bez raspodele kada pokazatelj broji stvari "
        "(akcije, dokumente, sporazume, programe, slučajeve, ocene).",
        "Women, men, girls, boys: the breakdown of the year's figure (for a flow the months' breakdowns added up, "
        "for a stock that of the latest month); each month's breakdown is in that month's report. By sex only where "
        "the indicator counts persons; girls and boys only where those persons can be children (victims, migrants, "
        "children, participants of programmes for children and of joint preventive actions); none where it counts "
        "things (actions, documents, agreements, programmes, cases, evaluations).",
    ),
    "master.indicators.annual_note": (
        "Godišnji izveštaj: broj za godinu koji je institucija dala u godišnjem izveštaju; označen kada se razlikuje "
        "od broja izračunatog iz meseci.",
        "Annual report: the year's figure the institution gave in its annual report; marked where it differs from "
        "the figure worked out from the months.",
    ),
    "master.indicators.text_note": (
        "Pokazatelj koji se opisuje tekstom: tekst svakog meseca je u koloni tog meseca, najnoviji (iz godišnjeg "
        "izveštaja, kada ga ima) u koloni Vrednost (tekst).",
        "An indicator given as text: each month's text is in that month's column, the latest (the annual report's, "
        "where there is one) in the Value (text) column.",
    ),
    "master.problems.title": (
        "Prijavljeni problemi, korektivne mere i rizici",
        "Problems, corrective measures and risks reported",
    ),
    "master.problems.where": ("Gde je prijavljeno", "Reported in"),
    "master.problems.problem": ("Problem", "Problem"),
    "master.problems.measures": ("Korektivne mere", "Corrective measures"),
    "master.problems.risks": ("Rizici koji su se ostvarili", "Risks that materialised"),
    "master.problems.in_tasks": ("list Zadaci", "task"),
    "master.problems.in_problems": ("list Problemi", "problems sheet"),
    "master.problems.in_member": ("izveštaj člana RG", "WG member report"),
    "master.problems.in_observations": ("zapažanja civilnog društva", "civil society observations"),
    "master.issues.title": (
        "Greške u najnovijoj verziji svakog izveštaja",
        "Validation issues in the newest version of each report",
    ),
    "master.issues.subtitle": (
        "Verzija sa greškama ne ulazi u objedinjeni pregled dok institucija ne pošalje ispravljenu.",
        "Errors keep a version out of the consolidation until the institution sends a corrected one.",
    ),
    "master.issues.file": ("Datoteka", "File"),
    "master.issues.severity": ("Vrsta", "Severity"),
    "master.issues.sheet": ("List", "Sheet"),
    "master.issues.cell": ("Polje", "Cell"),
    "master.issues.message": ("Poruka", "Message"),
    "master.issues.error": ("greška", "error"),
    "master.issues.warning": ("upozorenje", "warning"),
    # a report that several files hold (sync.findings.duplicate_text): a line of the run and a row of Issues
    "master.duplicate.message": (
        "Izveštaj institucije {institution} za {period} nalazi se u više datoteka ({count}): {files}. {why} "
        "Zadržite samo jednu datoteku po izveštaju: ostale obrišite ili premestite iz foldera sa izveštajima "
        "(preimenovana datoteka koja ostane u folderu i dalje se čita). Ako se računa pogrešna, uklonite baš nju.",
        "The report of {institution} for {period} is in {count} files: {files}. {why} Keep only one file per "
        "report: delete the others or move them out of the reports folder (a file renamed inside the folder is "
        "still read). If the wrong one counts, remove that one.",
    ),
    "master.duplicate.file": ("{file} (sačuvana {saved}{stamp}{errors})", "{file} (saved {saved}{stamp}{errors})"),
    "master.duplicate.stamp": (", oznaka Dostavi {time}", ", Submit stamp {time}"),
    "master.duplicate.errors": (", neispravna", ", not valid"),  # its count unknown here: "ima greške" said 2+
    "master.duplicate.why.stamp": (
        "Računa se {file}: od datoteka bez grešaka ona ima najnoviju oznaku Dostavi ({time}). Kada je svaka datoteka "
        "ima, odlučuje oznaka Dostavi, a ne vreme kada je datoteka sačuvana.",
        "{file} counts: of the files without errors it has the newest Submit stamp ({time}). When every file carries "
        "one, the Submit stamp decides, not the time a file was saved.",
    ),
    "master.duplicate.why.file-time": (
        "Računa se {file}: od datoteka bez grešaka ona je poslednja sačuvana ({time}). Nema svaka datoteka oznaku "
        "Dostavi, pa odlučuje vreme kada je datoteka sačuvana: datoteka koja je ponovo sačuvana ili kopirana računa "
        "se čak i kada je njen izveštaj stariji.",
        "{file} counts: of the files without errors it was saved last ({time}). Not every file carries the "
        "add-in's Submit stamp, so the time each file was saved decides: a file saved again or copied counts even "
        "when its report is the older one.",
    ),
    "master.duplicate.why.only-valid": (
        "Računa se {file}: jedina je bez grešaka, a izveštaj sa greškama se ne računa.",
        "{file} counts: it alone has no errors, and a report with errors never counts.",
    ),
    "master.duplicate.why.elsewhere": (
        "Ne računa se nijedna od njih, nego verzija primljena {time} iz {file}, najnovija bez grešaka.",
        "None of them counts, but the version received {time} from {file}, the newest without errors.",
    ),
    "master.duplicate.why.none": (
        "Ne računa se nijedna: nijedna nije bez grešaka.",
        "None counts: none is without errors.",
    ),
    # printed pages (every template and master sheet): the page header and footer
    "print.period": ("Izveštajni period: {period}", "Reporting period: {period}"),
    "print.reports": (
        "Izveštaji: {first} – {last}; stanje na dan {as_of}",
        "Reports: {first} to {last}; as of {as_of}",
    ),
    "print.page": ("Strana {page} od {pages}", "Page {page} of {pages}"),
}

INSTRUCTION_KEYS = [k for k in LABELS if k.startswith("instructions.")]
